/* store_verify: walks every kiosk's chain in seq order and names the first row that breaks it
 * (gap, bad link, altered payload or fields, unbacked tombstone, void of nothing). */
#include "kiosk/store/store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

typedef struct walk {
    store_verify_report *rep;
    char kiosk[STORE_ID_MAX + 1];
    bool in_kiosk;
    int64_t last_seq;
    uint8_t prev[STORE_HASH_LEN];
    crypto_hash_sha256_state all;  /* the combined head over every kiosk */
    sqlite3_stmt *erased_q;
} walk;

static void walk_break(walk *w, const char *kiosk, int64_t seq, const char *id, const char *fmt,
                       ...) __attribute__((format(printf, 5, 6)));

static void walk_break(walk *w, const char *kiosk, int64_t seq, const char *id, const char *fmt,
                       ...)
{
    store_verify_report *rep = w->rep;
    rep->ok = false;
    snprintf(rep->bad_kiosk, sizeof rep->bad_kiosk, "%s", kiosk ? kiosk : "");
    rep->bad_seq = seq;
    snprintf(rep->bad_id, sizeof rep->bad_id, "%s", id ? id : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->what, sizeof rep->what, fmt, ap);
    va_end(ap);
}

static void kiosk_finish(walk *w)
{
    if (!w->in_kiosk)
        return;
    size_t n = strlen(w->kiosk);
    uint8_t len[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
    crypto_hash_sha256_update(&w->all, len, sizeof len);
    crypto_hash_sha256_update(&w->all, (const uint8_t *)w->kiosk, strlen(w->kiosk));
    uint8_t seq[8];
    for (int i = 0; i < 8; i++)
        seq[i] = (uint8_t)((uint64_t)w->last_seq >> (56 - 8 * i));
    crypto_hash_sha256_update(&w->all, seq, sizeof seq);
    crypto_hash_sha256_update(&w->all, w->prev, STORE_HASH_LEN);
    w->rep->kiosks++;
    w->in_kiosk = false;
}

static const uint8_t *blob32(sqlite3_stmt *q, int col)
{
    if (sqlite3_column_type(q, col) != SQLITE_BLOB || sqlite3_column_bytes(q, col) != STORE_HASH_LEN)
        return NULL;
    return sqlite3_column_blob(q, col);
}

/* A tombstone is legitimate only when `erased` lists the row under a logged erasure event. */
static int tombstone_backed(walk *w, const char *id, int *rc_out)
{
    sqlite3_stmt *q = w->erased_q;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int backed = rc == SQLITE_ROW;
    *rc_out = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? SQLITE_OK : rc;
    sqlite3_reset(q);
    return backed;
}

/* Checks one row; returns false at the first break (recorded in the report). */
static bool row_check(walk *w, sqlite3_stmt *q, int *rc_out)
{
    const char *kiosk = (const char *)sqlite3_column_text(q, 0);
    int64_t seq = sqlite3_column_int64(q, 1);
    const char *id = (const char *)sqlite3_column_text(q, 2);
    if (!kiosk)
        kiosk = "";
    if (!w->in_kiosk || strcmp(kiosk, w->kiosk) != 0) {
        kiosk_finish(w);
        snprintf(w->kiosk, sizeof w->kiosk, "%s", kiosk);
        w->in_kiosk = true;
        w->last_seq = 0;
        memset(w->prev, 0, sizeof w->prev);
    }
    if (!id) {
        walk_break(w, kiosk, seq, "", "the row has no event id");
        return false;
    }
    if (seq != w->last_seq + 1) {
        if (seq > w->last_seq + 2)
            walk_break(w, kiosk, seq, id, "seqs %lld to %lld are missing (rows deleted)",
                       (long long)(w->last_seq + 1), (long long)(seq - 1));
        else
            walk_break(w, kiosk, seq, id, "seq %lld is missing (row deleted)",
                       (long long)(w->last_seq + 1));
        return false;
    }
    const uint8_t *payload_hash = blob32(q, 9);
    const uint8_t *prev_hash = blob32(q, 10);
    const uint8_t *hash = blob32(q, 11);
    if (!payload_hash || !prev_hash || !hash) {
        walk_break(w, kiosk, seq, id, "a hash column is not 32 bytes");
        return false;
    }
    if (sqlite3_column_type(q, 7) == SQLITE_NULL) {
        if (!tombstone_backed(w, id, rc_out)) {
            if (*rc_out == SQLITE_OK)
                walk_break(w, kiosk, seq, id,
                           "the payload is gone but no logged erasure covers it");
            return false;
        }
        w->rep->erased++;
    } else {
        const char *payload = (const char *)sqlite3_column_text(q, 7);
        uint8_t ph[STORE_HASH_LEN];
        store_hash_payload(payload, (size_t)sqlite3_column_bytes(q, 7), ph);
        if (memcmp(ph, payload_hash, STORE_HASH_LEN) != 0) {
            walk_break(w, kiosk, seq, id,
                       "the payload was altered (its SHA-256 differs from the recorded one)");
            return false;
        }
    }
    if (memcmp(prev_hash, w->prev, STORE_HASH_LEN) != 0) {
        walk_break(w, kiosk, seq, id,
                   "the row does not link to the row before it (rows inserted, removed or "
                   "reordered)");
        return false;
    }
    store_link link = {
        .id = id,
        .kiosk_id = kiosk,
        .seq = seq,
        .ts_ms = sqlite3_column_int64(q, 3),
        .trainee_id = (const char *)sqlite3_column_text(q, 4),
        .actor_id = (const char *)sqlite3_column_text(q, 5),
        .kind = (const char *)sqlite3_column_text(q, 6),
        .voids_id = (const char *)sqlite3_column_text(q, 8),
    };
    uint8_t h[STORE_HASH_LEN];
    store_hash_link(w->prev, &link, payload_hash, h);
    if (memcmp(h, hash, STORE_HASH_LEN) != 0) {
        walk_break(w, kiosk, seq, id,
                   "the row's fields were altered (its hash does not match its content)");
        return false;
    }
    memcpy(w->prev, hash, STORE_HASH_LEN);
    w->last_seq = seq;
    w->rep->events++;
    return true;
}

/* After the chains: every correction must void an event that exists; every erasure record must
 * name an erasure event (the triggers enforce it, this catches a file edited around them). */
static stiel_status cross_check(store *s, walk *w, stiel_diag *diag)
{
    static const char *const sql[] = {
        "SELECT e.kiosk_id, e.seq, e.id FROM events e WHERE e.voids_id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM events v WHERE v.id = e.voids_id) ORDER BY e.kiosk_id, e.seq LIMIT 1",
        "SELECT e.kiosk_id, e.seq, e.id FROM erased x JOIN events e ON e.id = x.event_id"
        " WHERE NOT EXISTS (SELECT 1 FROM events v WHERE v.id = x.erasure_id"
        " AND v.kind = 'erasure') ORDER BY e.kiosk_id, e.seq LIMIT 1",
    };
    static const char *const what[] = {
        "the event it voids is not in the store",
        "its erasure record names no logged erasure event",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *q = NULL;
        int rc = sqlite3_prepare_v2(s->db, sql[i], -1, &q, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            walk_break(w, (const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1),
                       (const char *)sqlite3_column_text(q, 2), "%s", what[i]);
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_sqlite_fail(s, rc, "cannot verify the evidence store", diag);
        if (rc == SQLITE_ROW)
            return STIEL_OK;
    }
    return STIEL_OK;
}

stiel_status store_verify(store *s, store_verify_report *rep, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!rep)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_verify needs a report");
    memset(rep, 0, sizeof *rep);
    rep->ok = true;
    walk w;
    memset(&w, 0, sizeof w);
    w.rep = rep;
    crypto_hash_sha256_init(&w.all);
    /* One read transaction, so that appends by others during the walk do not mix in. */
    stiel_status st = store_exec(s, "BEGIN", "cannot verify the evidence store", diag);
    if (st != STIEL_OK)
        return st;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind,"
                                " payload, voids_id, payload_hash, prev_hash, hash"
                                " FROM events ORDER BY kiosk_id, seq",
                                -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM erased WHERE event_id = ?1", -1, &w.erased_q,
                                NULL);
    while (rc == SQLITE_OK) {
        int step = sqlite3_step(q);
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW) {
            rc = step;
            break;
        }
        if (!row_check(&w, q, &rc))
            break;
    }
    sqlite3_finalize(q);
    sqlite3_finalize(w.erased_q);
    if (rc != SQLITE_OK)
        st = store_sqlite_fail(s, rc, "cannot verify the evidence store", diag);
    if (st == STIEL_OK && rep->ok)
        st = cross_check(s, &w, diag);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (st != STIEL_OK)
        return st;
    kiosk_finish(&w);
    uint8_t head[STORE_HASH_LEN];
    crypto_hash_sha256_final(&w.all, head);
    store_hash_hex(head, rep->head_hex);
    return STIEL_OK;
}
