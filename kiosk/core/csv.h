/* An RFC 4180 CSV reader for the catalogue files a supervisor keeps in a spreadsheet: quoted
 * fields (with "" for a quote and line breaks inside), CRLF or LF (or CR) line ends, a UTF-8 BOM
 * tolerated, every field checked as UTF-8, and the first row naming the columns. Pure. */
#ifndef STIEL_CORE_CSV_H
#define STIEL_CORE_CSV_H

#include <stddef.h>

#include "common/status.h"
#include "kiosk/core/errors.h"

enum {
    CORE_CSV_FILE_MAX = 16 * 1024 * 1024,  /* bytes in one file */
    CORE_CSV_FIELD_MAX = 4096,             /* bytes in one field */
    CORE_CSV_NAME_MAX = 63                 /* bytes of the file name kept for messages */
};

typedef struct core_csv_field {
    const char *text;   /* NUL-terminated, unquoted, owned by the table */
    size_t len;
    unsigned line;      /* line where the field starts (1-based) */
} core_csv_field;

typedef struct core_csv_row {
    size_t first;       /* index of its first field in fields */
    size_t count;       /* number of fields */
    unsigned line;      /* line where the row starts (1-based) */
} core_csv_row;

typedef struct core_csv_table {
    char file[CORE_CSV_NAME_MAX + 1];  /* "items.csv", for messages */
    char *store;                       /* every field's text */
    core_csv_field *fields;
    size_t nfields;
    core_csv_row *rows;                /* rows[0] is the header */
    size_t nrows;
} core_csv_table;

/* Parses text (len bytes, need not be NUL-terminated) from the file called file into out.
 * Empty lines are skipped. On STIEL_OK the table has a header row with unique, non-empty names
 * and every row has as many fields as the header. Otherwise every problem found is appended to
 * errs as "file:line: column name: reason" and out is left empty (nothing to free): a quote
 * inside an unquoted field or text after a closing quote (STIEL_ERR_SYNTAX), a quoted field never
 * closed (STIEL_ERR_TRUNCATED), a NUL byte or invalid UTF-8 (STIEL_ERR_CHARSET), a field or file
 * too long (STIEL_ERR_OVERLONG), an empty file (STIEL_ERR_MISSING), a header with an empty or
 * repeated name, or a row whose field count differs from the header's (STIEL_ERR_SYNTAX),
 * STIEL_ERR_NOMEM. */
stiel_status core_csv_parse(const char *file, const char *text, size_t len, core_csv_table *out,
                            core_errors *errs);

/* Frees the table's storage and leaves it empty. Safe on an empty or zeroed table. */
void core_csv_free(core_csv_table *t);

/* Index of the header column called name, or -1. */
int core_csv_column(const core_csv_table *t, const char *name);

/* The field at row (1..nrows-1 for data) and column col; NULL when col is negative or out of
 * range. */
const core_csv_field *core_csv_cell(const core_csv_table *t, size_t row, int col);

#endif
