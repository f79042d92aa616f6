/* The `stiel` command-line tool's subcommands. Each returns the process exit status:
 * 0 success, 1 a check failed (e.g. verify found a break), 2 bad input or usage. */
#ifndef STIEL_KIOSK_APP_CLI_H
#define STIEL_KIOSK_APP_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/* stiel decode: raw scanner bytes on stdin -> one JSON line per read. */
int cli_decode(int argc, char **argv);

/* stiel label: render a label template to ZPL/TSPL/EPL/ESC-POS/PNG. */
int cli_label(int argc, char **argv);

/* stiel verify [--code HEX] [--db PATH]: check every kiosk's hash chain; 0 intact, 1 broken (first
 * bad row named on stdout), 2 cannot read the store or a malformed code. With --code, then the
 * dossier code against its "dossier.issued" event: 0 it matches, 1 unknown or not matching. */
int cli_verify(int argc, char **argv);

/* stiel export events --csv [--db PATH] [--out FILE]: the evidence as RFC 4180 CSV. */
int cli_export(int argc, char **argv);

/* stiel competency TRAINEE [--db PATH] [--assets DIR]: status per competency, the three
 * wage-value dimensions per level and day, and the level suggestion. */
int cli_competency(int argc, char **argv);

/* What cli_competency_load reads: every framework in ASSETS/competencies (each *.ini, by file name,
 * at most CLI_FRAMEWORKS_MAX) and ASSETS/levels.ini. Returns 0, or 2 after printing why not. */
enum { CLI_FRAMEWORKS_MAX = 8 };
struct competency_framework;
struct service_levels;
int cli_competency_load(const char *assets, struct competency_framework *fw, size_t *count,
                        struct service_levels *levels);

/* stiel report TRAINEE [--from DATE --to DATE] --format pdf|html|csv --out FILE [--db PATH]
 * [--with-names] [--assets DIR] [--kiosk K]... [--by STAFF]: the work-experience dossier, written
 * 0600 via a temporary file and a rename, its issue recorded as a "dossier.issued" event (actor
 * --by, a coach or supervisor, else "cli"; on kiosk $STIEL_KIOSK or kiosk-1); 1 when --by is
 * refused (recorded), 2 with nothing written on any error. */
int cli_report(int argc, char **argv);

/* stiel scan PORT [--driver ...]: a scanner's reads and events as JSON lines. */
int cli_scan(int argc, char **argv);

/* stiel sim scanner [--ssi|--honeywell] [--script FILE] [--link PATH]: a scanner on a pty
 * (argv[0] is "scanner"). */
int cli_sim_scanner(int argc, char **argv);

/* stiel sim printer [--zpl|--tspl|--escpos] [--link PATH | --tcp PORT] [--out DIR] [--control SOCKET]:
 * a label printer on a pty or TCP port that answers status and renders what it prints to PNG
 * (argv[0] is "printer"). */
int cli_sim_printer(int argc, char **argv);

/* stiel print PORT TEMPLATE [--set k=v ...] [--lang ...] [--driver ...] [--line ...] [--spool DIR]:
 * one label through the print queue and a printer driver; 0 confirmed, 1 printer fault, 2 bad input. */
int cli_print(int argc, char **argv);

/* stiel devices [--probe]: serial ports, their USB identity and what each probably is. */
int cli_devices(int argc, char **argv);

/* stiel import catalogue|orders [--db PATH] [--kiosk K] [--by ID] DIR|FILE...: catalogue CSVs
 * into the store (one transaction; every error with file:line, exit 2, nothing changed), or
 * real-order pick lists checked against the catalogue and recorded. */
int cli_import(int argc, char **argv);

/* stiel trainee list|add|level|erase [--db PATH] ...: the trainees in the store. */
int cli_trainee(int argc, char **argv);

/* stiel practice --trainee T --seed N --script FILE [--db PATH] [--kiosk K] [--step-delay-ms N]:
 * a scripted pick task through the session, headless; resumes an unfinished one. */
int cli_practice(int argc, char **argv);

/* stiel staff list|add|pin [--db PATH] [--kiosk K] [--by BADGE]: coaches, supervisors, PINs (read
 * without echo from a terminal, else lines of stdin). 1 when refused (recorded). */
int cli_staff(int argc, char **argv);

/* stiel signoff TRAINEE COMPETENCY --by BADGE [--reason TEXT]: a coach signs off (asks the PIN;
 * a reason is required when the criteria are not met). 1 when refused (recorded). */
int cli_signoff(int argc, char **argv);

/* stiel credential TRAINEE COMPETENCY|--all --out FILE|DIR [--db PATH] [--with-names]: Open Badges
 * 3.0 credentials of signed-off competencies (2 "not signed off yet"). */
int cli_credential(int argc, char **argv);

/* stiel verify-credential FILE [--db PATH | --key FILE] [--allow-reformatted]: 0 valid, 1 any
 * change or another key (what failed on stdout), 2 cannot read. */
int cli_verify_credential(int argc, char **argv);

/* stiel observe TRAINEE --category C --outcome positive|concern [--text T] --by BADGE
 * [--corrects EVENT | --void EVENT --why TEXT]: a coach's observation (asks the PIN). 1 refused
 * (recorded). stiel observations TRAINEE: the observations and self-assessments. */
int cli_observe(int argc, char **argv);
int cli_observations(int argc, char **argv);

/* stiel setup-labels locations|items|totes|badges [--select ...] (--out DIR | --printer PORT)
 * --by BADGE: the practice warehouse's labels from the store; 1 when a label failed. */
int cli_setup_labels(int argc, char **argv);

/* stiel retention show | set DAYS --by BADGE | apply (--by BADGE | --dry-run): the hub's
 * retention period and erasing trainees past it. */
int cli_retention(int argc, char **argv);

/* The kiosk id for CLI events: opt, else $STIEL_KIOSK, else "kiosk-1". */
const char *cli_kiosk_id(const char *opt);

/* Wall clock in milliseconds since the epoch (for event time stamps). */
int64_t cli_now_ms(void);

/* Puts --db's value (db, if not NULL) or the default store path into path; returns 0, or 2
 * after printing why not. Shared by the subcommands that read the store. */
int cli_store_path(const char *db, stiel_buf *path);

#endif
