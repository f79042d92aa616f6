/* store_trainee_kiosks: the kiosks whose chains hold a trainee's events, read from the trainee
 * index alone (in a WITHOUT ROWID table it carries the primary key, so the scan never touches
 * the rows) — what a dossier's verification code is computed over. */
#include "kiosk/store/store_internal.h"

stiel_status store_trainee_kiosks(store *s, const char *trainee_id, store_kiosk_fn fn, void *ctx,
                                  stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_trainee_kiosks needs a trainee id and "
                                                   "a callback");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT DISTINCT kiosk_id FROM events INDEXED BY events_trainee"
                                " WHERE trainee_id = ?1 ORDER BY kiosk_id",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot list the trainee's kiosks", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        if (fn(k ? k : "", ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot list the trainee's kiosks", diag);
    return STIEL_OK;
}
