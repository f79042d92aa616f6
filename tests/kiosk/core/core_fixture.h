/* Shared helpers for the kiosk/core tests: read a file into memory, load the sample practice
 * warehouse (assets/warehouse) and the default service levels (assets/levels.ini). Test code
 * only: kiosk/core itself never touches files. */
#ifndef STIEL_TESTS_CORE_FIXTURE_H
#define STIEL_TESTS_CORE_FIXTURE_H

#include <stddef.h>

#include "kiosk/core/catalogue.h"

/* Reads assets/<rel> into a malloc'd, NUL-terminated buffer; NULL when it cannot. */
char *fixture_read_asset(const char *rel, size_t *len);

/* Imports the five sample warehouse files. */
stiel_status fixture_load_warehouse(catalogue *cat, core_errors *errs);

#endif
