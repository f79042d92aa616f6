/* Appending several events in one transaction: all of them become durable together, or none
 * does. What the session uses to record a flow input with the evidence it produced. */
#include "kiosk/store/store_append.h"

stiel_status store_append_batch(store *s, const store_event *events, size_t n,
                                store_receipt *receipts, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (n == 0)
        return STIEL_OK;
    if (!events)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no events to append");
    for (size_t i = 0; i < n; i++) {
        stiel_status st = store_event_check(&events[i], diag);
        if (st != STIEL_OK)
            return st;
    }
    if (s->read_only)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "the evidence store %s is open read-only: nothing was recorded",
                              s->path);
    if (s->bulk)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "a bulk load is running: no batch now");
    stiel_status st = store_exec(s, "BEGIN IMMEDIATE", "cannot start recording the events", diag);
    if (st != STIEL_OK)
        return st;
    for (size_t i = 0; st == STIEL_OK && i < n; i++)
        st = store_append_locked(s, &events[i], receipts ? &receipts[i] : NULL, diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the events", diag);
    if (st != STIEL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}
