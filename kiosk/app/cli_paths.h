/* Folders the CLI commands share: the print spool (`stiel print`, `stiel setup-labels`) and
 * creating a folder with its missing parents. */
#ifndef STIEL_APP_CLI_PATHS_H
#define STIEL_APP_CLI_PATHS_H

#include <stddef.h>

/* The spool folder into out (cap bytes, truncated to fit): opt (--spool) when not NULL, else
 * $STIEL_SPOOL, else $XDG_STATE_HOME/stiel/spool, else ~/.local/state/stiel/spool, else
 * /tmp/stiel-spool-<uid>. */
void cli_spool_dir(const char *opt, char *out, size_t cap);

/* Creates path and its missing parents, mode 0700 (spools and badges carry names); an existing
 * folder is fine. 0, or -1 with errno set (ENAMETOOLONG for a path of 1024 bytes or more). */
int cli_mkdir_p(const char *path);

#endif
