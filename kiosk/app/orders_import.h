/* Importing real-order pick lists (the WMS's CSV or JSON files, docs/orders.md) from files or a
 * folder such as a USB stick: every file checked against the store's catalogue first (all or
 * nothing), then one "orders.imported" event per file (its name, SHA-256 and order ids) in one
 * transaction. Shared by `stiel import orders` and the kiosk's supervisor screen. */
#ifndef STIEL_KIOSK_APP_ORDERS_IMPORT_H
#define STIEL_KIOSK_APP_ORDERS_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/errors.h"
#include "kiosk/core/orders.h"
#include "kiosk/store/store.h"

enum { ORDERS_IMPORT_FILES_MAX = 64 };

#define ORDERS_IMPORT_KIND "orders.imported"

/* One file read. */
typedef struct orders_import_file {
    char name[ORDERS_SOURCE_MAX + 1];  /* the file's name (without its folder) */
    char sha256[65];                   /* of its bytes, lowercase hex */
    size_t orders;                     /* orders in it (0 when it had problems) */
    bool ok;                           /* parsed and checked without a problem */
} orders_import_file;

typedef struct orders_import_result {
    orders_import_file files[ORDERS_IMPORT_FILES_MAX];  /* in the order read */
    size_t file_count;
    size_t orders;                     /* over every file (recorded only on STIEL_OK) */
    core_errors errs;                  /* every problem, "file:line: column: reason" */
} orders_import_result;

/* Imports paths[0..n-1]: each a pick-list file, or a folder whose *.csv and *.json files (any
 * case, not hidden) are taken in name order. Checks every file against the store's catalogue
 * (orders_parse) before anything is recorded; on success appends one ORDERS_IMPORT_KIND event
 * per file by actor_id on kiosk_id's chain at now_ms, all in one transaction, and fills res.
 * Errors, with nothing recorded: STIEL_ERR_SYNTAX (or the first problem's status) with every
 * problem in res->errs; STIEL_ERR_NOT_FOUND for no catalogue in the store or a folder without
 * order files; STIEL_ERR_IO naming a file that cannot be read; STIEL_ERR_OVERLONG for more than
 * ORDERS_IMPORT_FILES_MAX files; store errors. res is zeroed first. */
stiel_status orders_import(store *s, const char *const *paths, size_t n, const char *kiosk_id,
                           const char *actor_id, int64_t now_ms, orders_import_result *res,
                           stiel_diag *diag);

#endif
