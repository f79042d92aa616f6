/* A small pure INI reader for the hand-edited config files of kiosk/core (service levels,
 * competency frameworks): [sections], key = value, ; and # comments, a callback per line with its
 * number, and every problem reported as FILE:LINE: text into a core_errors list. */
#ifndef STIEL_KIOSK_CORE_INI_H
#define STIEL_KIOSK_CORE_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "kiosk/core/errors.h"

enum { INI_LINE_LIMIT = 511 };  /* the longest line_max a reader may ask for */

/* Where a reader's errors go: "FILE:LINE: text" into errs (may be NULL); first keeps the status of
 * the first error (STIEL_OK while there is none). */
typedef struct ini_errors {
    const char *file;
    core_errors *errs;
    stiel_status first;
} ini_errors;

/* What to call for each meaningful line. Names, keys and values are trimmed of spaces, tabs and
 * CR, and may be modified by the callback until it returns. */
typedef struct ini_reader {
    size_t line_max;           /* longest line in bytes (at most INI_LINE_LIMIT) */
    const char *section_hint;  /* in "expected key = value, HINT or a ; comment" */
    ini_errors *errors;
    /* A [name] line; name is NULL after a section line without a closing ] (already reported):
     * keys that follow belong to no section and need no further error. */
    void (*on_section)(void *ctx, char *name, unsigned line);
    void (*on_key)(void *ctx, char *key, char *value, unsigned line);
} ini_reader;

/* Reads len bytes of text (a leading UTF-8 BOM skipped) line by line and calls r's callbacks with
 * ctx. Blank and comment lines are skipped; lines longer than r->line_max, lines holding a NUL
 * byte and lines that are neither a section nor key = value are reported into r->errors and
 * skipped. */
void ini_parse(const char *text, size_t len, const ini_reader *r, void *ctx);

/* Adds "FILE:LINE: <printf text>" with code to e->errs and keeps the first code in e->first. */
void ini_error(ini_errors *e, stiel_status code, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Strips leading spaces and tabs (by returning a later pointer) and trailing spaces, tabs and CR
 * (in place) from t. */
char *ini_trim(char *t);

/* Parses 1..max_digits decimal digits (max_digits at most 9) into *out; false for anything else. */
bool ini_uint(const char *v, size_t max_digits, unsigned *out);

#endif
