/* A bounded list of person-readable errors ("items.csv:14: column gtin: check digit is 3,
 * expected 8"), used by the importers that report every problem at once. Pure, no allocation. */
#ifndef STIEL_CORE_ERRORS_H
#define STIEL_CORE_ERRORS_H

#include <stddef.h>

#include "common/status.h"

enum { CORE_ERRORS_MAX = 64 };

typedef struct core_errors {
    size_t count;                       /* entries kept in items */
    size_t dropped;                     /* further errors that did not fit */
    stiel_diag items[CORE_ERRORS_MAX];
} core_errors;

/* Empties the list. */
void core_errors_clear(core_errors *errs);

/* Appends a printf-formatted error with its status (counted in dropped when full). errs may be
 * NULL. Returns code, so that callers can `return core_errors_add(...)`. */
stiel_status core_errors_add(core_errors *errs, stiel_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The total number of errors seen (kept + dropped); 0 for NULL. */
size_t core_errors_total(const core_errors *errs);

#endif
