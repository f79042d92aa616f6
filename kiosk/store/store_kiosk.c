/* Read-side queries over one kiosk's chain: the newest event of a kind, and the events from a
 * seq on. What the session uses to find an unfinished task and replay its inputs. */
#include "kiosk/store/store_internal.h"

#include <string.h>

static const char *text_or_empty(sqlite3_stmt *q, int col)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    return t ? t : "";
}

/* Steps q (parameters bound) and hands each row to fn; *rows counts them. Finalizes q. */
static stiel_status rows_each(store *s, sqlite3_stmt *q, store_row_fn fn, void *ctx,
                              int64_t *rows, stiel_diag *diag)
{
    int rc;
    int64_t n = 0;
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_row r;
        memset(&r, 0, sizeof r);
        r.id = text_or_empty(q, 0);
        r.kiosk_id = text_or_empty(q, 1);
        r.seq = sqlite3_column_int64(q, 2);
        r.ts_ms = sqlite3_column_int64(q, 3);
        r.trainee_id = text_or_empty(q, 4);
        r.actor_id = text_or_empty(q, 5);
        r.kind = text_or_empty(q, 6);
        r.payload = (const char *)sqlite3_column_text(q, 7);
        r.erased = sqlite3_column_type(q, 7) == SQLITE_NULL;
        r.voids_id = (const char *)sqlite3_column_text(q, 8);
        const void *h = sqlite3_column_blob(q, 9);
        if (h && sqlite3_column_bytes(q, 9) == STORE_HASH_LEN)
            memcpy(r.hash, h, STORE_HASH_LEN);
        n++;
        if (fn(&r, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rows)
        *rows = n;
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the kiosk's events", diag);
    return STIEL_OK;
}

#define KIOSK_COLUMNS "id, kiosk_id, seq, ts_ms, trainee_id, actor_id, kind, payload, voids_id, hash"

static stiel_status prepare(store *s, const char *sql, sqlite3_stmt **q, stiel_diag *diag)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot query the evidence store", diag);
    return STIEL_OK;
}

stiel_status store_kiosk_last(store *s, const char *kiosk_id, const char *kind, store_row_fn fn,
                              void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!kiosk_id || !kind || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_kiosk_last needs a kiosk, a kind and fn");
    sqlite3_stmt *q = NULL;
    stiel_status st = prepare(s,
                              "SELECT " KIOSK_COLUMNS " FROM events WHERE kiosk_id = ?1 AND"
                              " kind = ?2 ORDER BY seq DESC LIMIT 1",
                              &q, diag);
    if (st != STIEL_OK)
        return st;
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
    int64_t n = 0;
    st = rows_each(s, q, fn, ctx, &n, diag);
    if (st == STIEL_OK && n == 0)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "kiosk %s has no %s event", kiosk_id,
                              kind);
    return st;
}

stiel_status store_kiosk_events(store *s, const char *kiosk_id, int64_t from_seq,
                                store_row_fn fn, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!kiosk_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_kiosk_events needs a kiosk and fn");
    sqlite3_stmt *q = NULL;
    stiel_status st = prepare(s,
                              "SELECT " KIOSK_COLUMNS " FROM events WHERE kiosk_id = ?1 AND"
                              " seq >= ?2 ORDER BY seq",
                              &q, diag);
    if (st != STIEL_OK)
        return st;
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, from_seq);
    return rows_each(s, q, fn, ctx, NULL, diag);
}
