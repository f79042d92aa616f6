/* The WMS hand-off on disk: pick lists taken from an inbox folder (one kiosk per file, by an
 * atomic rename into the kiosk's own processing folder), bad files moved to inbox/rejected/ with
 * a NAME.reason.txt beside them, finished files to inbox/done/, and results written to an outbox
 * folder atomically. The formats are in docs/orders.md; parsing is kiosk/core/orders.h. */
#ifndef STIEL_APP_ORDERS_INBOX_H
#define STIEL_APP_ORDERS_INBOX_H

#include <stdbool.h>
#include <sys/types.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/errors.h"
#include "kiosk/core/orders.h"

enum {
    ORDERS_PATH_MAX = 1024,
    ORDERS_RESULT_MODE = 0640   /* owner writes, the WMS transfer account's group reads */
};

/* Where one kiosk takes its work. Folders under dir are made when missing (mode 0750):
 * dir/processing/<kiosk>/, dir/rejected/, dir/done/. */
typedef struct orders_inbox {
    const char *dir;      /* the inbox the WMS drops pick lists in */
    const char *kiosk;    /* this kiosk's id: letters, digits, '-', '_', '.' (orders_id_valid) */
    const char *outbox;   /* NULL, or the outbox: an order whose result is there is refused */
    unsigned settle_ms;   /* leave files changed less than this long ago (0: take at once) */
} orders_inbox;

/* A file this kiosk has taken, and its orders. */
typedef struct orders_taken {
    char name[ORDERS_SOURCE_MAX + 1];   /* its name, as the WMS gave it */
    char path[ORDERS_PATH_MAX];         /* where it is now: dir/processing/<kiosk>/<name> */
    bool resumed;                       /* taken before a restart and not yet done */
    orders_list orders;
} orders_taken;

/* Takes the next pick list: first one this kiosk took before a restart (resumed), else the first
 * by name in dir whose name ends in .csv or .json (any case), does not start with '.', is a
 * regular file and is settled. The take is a rename into this kiosk's processing folder, so of
 * two kiosks racing for a file exactly one gets it. The file is read (at most CORE_CSV_FILE_MAX
 * bytes) and parsed against cat; a file that fails (orders_parse, or — for a file newly taken
 * from the inbox, not a resumed one, whose results there are its own work — an order whose result
 * is already in the outbox) is moved to dir/rejected/ (NAME, or NAME.2, NAME.3... when the name is
 * taken) with NAME.reason.txt beside it listing every error, its errors are appended to rejected
 * (may be NULL) and logged, and the scan goes on. A kiosk works one file at a time: call
 * orders_inbox_done before taking the next. On STIEL_OK *out (which must be zeroed or released)
 * holds the file and its orders. STIEL_ERR_NOT_FOUND when there is nothing to take;
 * STIEL_ERR_ARG for a missing argument or a bad kiosk id; STIEL_ERR_IO when a folder cannot be
 * made or read, with the reason in diag. */
stiel_status orders_inbox_take(const orders_inbox *ib, const catalogue *cat, orders_taken *out,
                               core_errors *rejected, stiel_diag *diag);

/* The file's work is finished (its results written): moves it to dir/done/ (NAME, or NAME.2...)
 * and releases *t. STIEL_ERR_IO with the reason in diag when it cannot be moved (t is kept). */
stiel_status orders_inbox_done(const orders_inbox *ib, orders_taken *t, stiel_diag *diag);

/* Gives a taken file up as bad after all (errs say why): moves it to dir/rejected/ with its
 * reason file, and releases *t. STIEL_ERR_IO as for done. */
stiel_status orders_inbox_reject(const orders_inbox *ib, orders_taken *t, const core_errors *errs,
                                 stiel_diag *diag);

/* Frees the orders of t (the file stays where it is). Safe on a zeroed one. */
void orders_taken_release(orders_taken *t);

/* Writes r to outbox/<order id>.csv or .json: formatted first (order_result_format), then a
 * hidden temporary file in outbox (".<id>.XXXXXX", mode ORDERS_RESULT_MODE), fsync, renamed into
 * place without replacing anything, and the folder fsynced; the WMS never sees half a result.
 * STIEL_ERR_STATE when a result for the order is already there; STIEL_ERR_ARG from
 * order_result_format; STIEL_ERR_IO with the reason in diag. Nothing is left behind on error.
 * When path is not NULL it receives the file's path. */
stiel_status orders_result_write(const char *outbox, const order_result *r, orders_format fmt,
                                 char path[ORDERS_PATH_MAX], stiel_diag *diag);

#endif
