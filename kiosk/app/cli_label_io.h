/* File helpers of `stiel label`: find and read a template, write output atomically (FILE.tmp then
 * rename, or stdout for "-"), so that a failed run leaves no partial or empty file. */
#ifndef STIEL_KIOSK_APP_CLI_LABEL_IO_H
#define STIEL_KIOSK_APP_CLI_LABEL_IO_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

/* The directory that holds the label templates: $STIEL_ASSETS/labels, else
 * STIEL_ASSET_DIR/labels. Writes into out (cap bytes). */
void cli_label_dir(char *out, size_t cap);

/* Resolves TEMPLATE to a file path: a name ("shipping") is looked up as <dir>/<name>.label; a
 * value with a '/' or ending in ".label" is a path. STIEL_ERR_NOT_FOUND names the template and
 * lists the shipped ones. */
stiel_status cli_label_resolve(const char *name, char *path, size_t cap, stiel_diag *diag);

/* Reads a whole file (at most 1 MiB) into out. STIEL_ERR_IO / STIEL_ERR_OVERLONG with the path. */
stiel_status cli_label_read_file(const char *path, stiel_buf *out, stiel_diag *diag);

/* Writes n bytes to path via path.tmp and rename, or to stdout when path is "-". On error the
 * temporary file is removed and path is untouched. */
stiel_status cli_label_write_file(const char *path, const void *data, size_t n, stiel_diag *diag);

/* Copies a file's bytes to stdout (for PNG to "-"). */
stiel_status cli_label_copy_to_stdout(const char *path, stiel_diag *diag);

#endif
