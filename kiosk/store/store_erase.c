/* Privacy erasure of one trainee: the one write that changes existing rows, logged as an
 * "erasure" event on a chain, leaving tombstones that keep every chain verifiable (see the
 * version 2 migration in store_schema.c for how the triggers allow exactly this). */
#include "kiosk/store/store_append.h"

#include <string.h>

#include "common/log.h"

#define LOG_PREFIX "store"

static stiel_status count_events(store *s, const char *sql, const char *trainee_id, int64_t *n,
                                 stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot count the trainee's events", diag);
    return STIEL_OK;
}

/* The erasure event's payload: {"reason": ..., "events": n}, JSON-escaped by SQLite. */
static stiel_status payload_make(store *s, const char *reason, int64_t n, stiel_buf *out,
                                 stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT json_object('reason', ?1, 'events', ?2)", -1, &q,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, reason, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, n);
        rc = sqlite3_step(q);
    }
    stiel_status st = STIEL_OK;
    if (rc == SQLITE_ROW)
        st = stiel_buf_puts(out, (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot write the erasure record", diag);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the erasure reason is too long");
    return STIEL_OK;
}

/* Runs an INSERT/UPDATE with ?1 = erasure event id and ?2 = trainee id (if the SQL has it). */
static stiel_status run2(store *s, const char *sql, const char *erasure_id, const char *trainee_id,
                         const char *what, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, erasure_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, what, diag);
    return STIEL_OK;
}

static stiel_status erase_locked(store *s, const store_event *ev, const char *reason,
                                 int64_t *erased, stiel_diag *diag)
{
    int64_t total = 0, n = 0;
    stiel_status st = count_events(s, "SELECT count(*) FROM events WHERE trainee_id = ?1",
                                   ev->trainee_id, &total, diag);
    if (st == STIEL_OK && total == 0)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "trainee %s has no events to erase",
                            ev->trainee_id);
    if (st == STIEL_OK)
        st = count_events(s,
                          "SELECT count(*) FROM events WHERE trainee_id = ?1 AND payload IS NOT NULL"
                          " AND kind <> '" EVIDENCE_KIND_ERASURE "'",
                          ev->trainee_id, &n, diag);
    stiel_buf payload;
    stiel_buf_init(&payload, STORE_PAYLOAD_MAX);
    if (st == STIEL_OK)
        st = payload_make(s, reason, n, &payload, diag);
    store_receipt r;
    if (st == STIEL_OK) {
        store_event e = *ev;
        e.payload = (const char *)payload.data;
        st = store_append_locked(s, &e, &r, diag);
    }
    stiel_buf_free(&payload);
    /* Earlier erasure events keep their payload (who erased and why is not personal data). */
    if (st == STIEL_OK)
        st = run2(s,
                  "INSERT INTO erased (event_id, erasure_id) SELECT id, ?1 FROM events"
                  " WHERE trainee_id = ?2 AND payload IS NOT NULL AND kind <> '" EVIDENCE_KIND_ERASURE "'",
                  r.id, ev->trainee_id, "cannot record the erasure", diag);
    if (st == STIEL_OK)
        st = run2(s,
                  "UPDATE events SET payload = NULL WHERE id IN"
                  " (SELECT event_id FROM erased WHERE erasure_id = ?1)",
                  r.id, ev->trainee_id, "cannot erase the payloads", diag);
    if (st == STIEL_OK)
        *erased = n;
    return st;
}

stiel_status store_erase_trainee(store *s, const char *kiosk_id, const char *trainee_id,
                                 const char *actor_id, const char *reason, int64_t now_ms,
                                 int64_t *erased_out, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which trainee to erase? the id is empty");
    if (!reason || !*reason)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "an erasure needs a reason");
    if (s->read_only || s->bulk)
        return stiel_diag_set(diag, STIEL_ERR_DENIED, "the evidence store %s is not writable now",
                              s->path);
    store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                      .actor_id = actor_id, .kind = EVIDENCE_KIND_ERASURE, .payload = "{}"};
    stiel_status st = store_event_check(&ev, diag);
    if (st != STIEL_OK)
        return st;
    st = store_exec(s, "BEGIN IMMEDIATE", "cannot start the erasure", diag);
    if (st != STIEL_OK)
        return st;
    int64_t n = 0;
    st = erase_locked(s, &ev, reason, &n, diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the erasure", diag);
    if (st != STIEL_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    /* The old payloads may still sit in WAL frames: copy the WAL into the database (where
     * secure_delete has zeroed the freed space) and truncate it. */
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc != SQLITE_OK)
        LOG_WARN("erasure of %s committed, but the WAL of %s could not be truncated now (%s): the "
                 "old payloads leave the disk at the next checkpoint",
                 trainee_id, s->path, sqlite3_errmsg(s->db));
    LOG_INFO("erased the payloads of %lld events of trainee %s", (long long)n, trainee_id);
    if (erased_out)
        *erased_out = n;
    return STIEL_OK;
}
