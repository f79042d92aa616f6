/* Read-side queries of the evidence store: a trainee's events in time order, all events in chain
 * order, one event by id, a trainee's newest event of a kind, whether an event is voided, counts
 * by kind, and a kiosk's chain head. */
#include "kiosk/store/store_internal.h"

#include <string.h>

#define ROW_COLUMNS "id, kiosk_id, seq, ts_ms, trainee_id, actor_id, kind, payload, voids_id, hash"

static const char *text_or_empty(sqlite3_stmt *q, int col)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    return t ? t : "";
}

static void row_fill(sqlite3_stmt *q, store_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = text_or_empty(q, 0);
    r->kiosk_id = text_or_empty(q, 1);
    r->seq = sqlite3_column_int64(q, 2);
    r->ts_ms = sqlite3_column_int64(q, 3);
    r->trainee_id = text_or_empty(q, 4);
    r->actor_id = text_or_empty(q, 5);
    r->kind = text_or_empty(q, 6);
    r->payload = (const char *)sqlite3_column_text(q, 7);
    r->erased = sqlite3_column_type(q, 7) == SQLITE_NULL;
    r->voids_id = (const char *)sqlite3_column_text(q, 8);
    const void *h = sqlite3_column_blob(q, 9);
    if (h && sqlite3_column_bytes(q, 9) == STORE_HASH_LEN)
        memcpy(r->hash, h, STORE_HASH_LEN);
}

/* Runs sql with up to one text parameter and hands each row to fn. *rows counts them. */
static stiel_status rows_run(store *s, const char *sql, const char *param, store_row_fn fn,
                             void *ctx, int64_t *rows, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no callback for the store query");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot query the evidence store", diag);
    if (param)
        sqlite3_bind_text(q, 1, param, -1, SQLITE_STATIC);
    int64_t n = 0;
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_row r;
        row_fill(q, &r);
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
        return store_sqlite_fail(s, rc, "cannot read the evidence store", diag);
    return STIEL_OK;
}

stiel_status store_trainee_events(store *s, const char *trainee_id, store_row_fn fn, void *ctx,
                                  stiel_diag *diag)
{
    if (!trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no trainee id");
    return rows_run(s,
                    "SELECT " ROW_COLUMNS " FROM events WHERE trainee_id = ?1"
                    " ORDER BY ts_ms, kiosk_id, seq",
                    trainee_id, fn, ctx, NULL, diag);
}

stiel_status store_events_each(store *s, store_row_fn fn, void *ctx, stiel_diag *diag)
{
    return rows_run(s, "SELECT " ROW_COLUMNS " FROM events ORDER BY kiosk_id, seq", NULL, fn, ctx,
                    NULL, diag);
}

stiel_status store_event_find(store *s, const char *id, store_row_fn fn, void *ctx, stiel_diag *diag)
{
    if (!id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no event id");
    int64_t n = 0;
    stiel_status st = rows_run(s, "SELECT " ROW_COLUMNS " FROM events WHERE id = ?1", id, fn, ctx,
                               &n, diag);
    if (st == STIEL_OK && n == 0)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no event %.40s", id);
    return st;
}

stiel_status store_trainee_last(store *s, const char *trainee_id, const char *kind,
                                store_row_fn fn, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !kind || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "store_trainee_last needs a trainee, a kind and fn");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT " ROW_COLUMNS " FROM events INDEXED BY events_trainee_kind"
                                " WHERE trainee_id = ?1 AND kind = ?2"
                                " ORDER BY ts_ms DESC, kiosk_id DESC, seq DESC LIMIT 1",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot query the evidence store", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        store_row r;
        row_fill(q, &r);
        fn(&r, ctx);
        sqlite3_finalize(q);
        return STIEL_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the evidence store", diag);
    return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "trainee %.64s has no %.64s event",
                          trainee_id, kind);
}

stiel_status store_event_voided(store *s, const char *id, bool *voided, stiel_diag *diag)
{
    *voided = false;
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no event id");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM events WHERE voids_id = ?1 LIMIT 1", -1,
                                &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot query the evidence store", diag);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) {
        *voided = true;
        return STIEL_OK;
    }
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the evidence store", diag);
    return STIEL_OK;
}

stiel_status store_count_by_kind(store *s, const char *trainee_id, store_kind_fn fn, void *ctx,
                                 stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no callback for the count");
    const char *sql = trainee_id
                          ? "SELECT kind, count(*) FROM events WHERE trainee_id = ?1 GROUP BY kind"
                            " ORDER BY kind"
                          : "SELECT kind, count(*) FROM events GROUP BY kind ORDER BY kind";
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot count events", diag);
    if (trainee_id)
        sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        fn(text_or_empty(q, 0), sqlite3_column_int64(q, 1), ctx);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot count events", diag);
    return STIEL_OK;
}

stiel_status store_head(store *s, const char *kiosk_id, store_head_info *out, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!kiosk_id || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_head needs a kiosk id and an out pointer");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = s->st_head;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    stiel_status st = STIEL_OK;
    if (rc == SQLITE_ROW) {
        out->seq = sqlite3_column_int64(q, 0);
        const void *h = sqlite3_column_blob(q, 1);
        if (h && sqlite3_column_bytes(q, 1) == STORE_HASH_LEN)
            memcpy(out->hash, h, STORE_HASH_LEN);
        else
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT,
                                "the last event of kiosk %s has no valid hash", kiosk_id);
    } else if (rc != SQLITE_DONE) {
        st = store_sqlite_fail(s, rc, "cannot read the chain head", diag);
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    store_hash_hex(out->hash, out->hex);
    return st;
}
