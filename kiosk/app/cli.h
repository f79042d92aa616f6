/* The `stiel` command-line tool's subcommands. Each returns the process exit status:
 * 0 success, 1 a check failed (e.g. verify found a break), 2 bad input or usage. */
#ifndef STIEL_KIOSK_APP_CLI_H
#define STIEL_KIOSK_APP_CLI_H

/* stiel decode: raw scanner bytes on stdin -> one JSON line per read. */
int cli_decode(int argc, char **argv);

/* stiel label: render a label template to ZPL/TSPL/EPL/ESC-POS/PNG. */
int cli_label(int argc, char **argv);

#endif
