/* store_verify's inner loop: walks one (kiosk, seq) range of the chains on one connection,
 * recomputing payload and row hashes, and records the first row that breaks a chain. */
#include "kiosk/store/store_verify_walk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char verify_what_unlinked[] =
    "the row does not link to the row before it (rows inserted, removed or reordered)";

enum { COL_KIOSK, COL_SEQ, COL_ID, COL_TS, COL_TRAINEE, COL_ACTOR, COL_KIND, COL_PAYLOAD,
       COL_VOIDS, COL_PAYLOAD_HASH, COL_PREV_HASH, COL_HASH };

typedef struct walk {
    verify_range *r;
    sqlite3 *db;
    sqlite3_stmt *erased_q;  /* is an event id listed in `erased` */
    sqlite3_stmt *exists_q;  /* does an event id exist */
    bool seen_row;
    bool in_kiosk;
    char kiosk[STORE_ID_MAX + 1];
    int64_t last_seq;
    uint8_t prev[STORE_HASH_LEN];
} walk;

void verify_gap_what(int64_t last_seq, int64_t seq, char *what, size_t size)
{
    if (seq > last_seq + 2)
        snprintf(what, size, "seqs %lld to %lld are missing (rows deleted)",
                 (long long)(last_seq + 1), (long long)(seq - 1));
    else
        snprintf(what, size, "seq %lld is missing (row deleted)", (long long)(last_seq + 1));
}

static void break_set(verify_break *b, const char *kiosk, int64_t seq, const char *id,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void break_set(verify_break *b, const char *kiosk, int64_t seq, const char *id,
                      const char *fmt, ...)
{
    b->set = true;
    snprintf(b->kiosk, sizeof b->kiosk, "%s", kiosk ? kiosk : "");
    b->seq = seq;
    snprintf(b->id, sizeof b->id, "%s", id ? id : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->what, sizeof b->what, fmt, ap);
    va_end(ap);
}

/* Records a break of the current row; first tells whether it is the range's deferred first row
 * and stage where in its checks the break falls. Always returns false (stop). */
static bool row_break(walk *w, bool first, verify_stage stage, const char *kiosk, int64_t seq,
                      const char *id, const char *what)
{
    break_set(&w->r->brk, kiosk, seq, id, "%s", what);
    w->r->brk_first = first;
    w->r->brk_stage = stage;
    return false;
}

static void walk_fail(walk *w, int rc)
{
    w->r->rc = rc;
    snprintf(w->r->errmsg, sizeof w->r->errmsg, "%s", sqlite3_errmsg(w->db));
}

/* Starts a new kiosk run at the current row. */
static bool seg_start(walk *w, const char *kiosk)
{
    verify_range *r = w->r;
    if (r->nsegs == r->capsegs) {
        size_t cap = r->capsegs ? r->capsegs * 2 : 8;
        verify_seg *segs = realloc(r->segs, cap * sizeof *segs);
        if (!segs) {
            r->nomem = true;
            return false;
        }
        r->segs = segs;
        r->capsegs = cap;
    }
    verify_seg *g = &r->segs[r->nsegs++];
    memset(g, 0, sizeof *g);
    snprintf(g->kiosk, sizeof g->kiosk, "%s", kiosk);
    snprintf(w->kiosk, sizeof w->kiosk, "%s", kiosk);
    w->in_kiosk = true;
    w->last_seq = 0;
    memset(w->prev, 0, sizeof w->prev);
    return true;
}

static const uint8_t *blob32(sqlite3_stmt *q, int col)
{
    if (sqlite3_column_type(q, col) != SQLITE_BLOB || sqlite3_column_bytes(q, col) != STORE_HASH_LEN)
        return NULL;
    return sqlite3_column_blob(q, col);
}

/* Runs a one-parameter existence query; returns 1 (a row), 0 (none) or -1 (error, recorded). */
static int lookup(walk *w, sqlite3_stmt *q, sqlite3_value *key)
{
    sqlite3_reset(q);
    sqlite3_bind_value(q, 1, key);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    walk_fail(w, rc);
    return -1;
}

/* Does the row's (kiosk, seq) sort at or after k in the table's order (NULL < numbers < text <
 * blob; text compared bytewise)? */
static bool key_reached(sqlite3_stmt *q, const verify_key *k)
{
    int kt = sqlite3_column_type(q, COL_KIOSK);
    if (kt != SQLITE_TEXT)
        return kt == SQLITE_BLOB;
    const unsigned char *t = sqlite3_column_text(q, COL_KIOSK);
    size_t n = (size_t)sqlite3_column_bytes(q, COL_KIOSK);
    size_t kn = strlen(k->kiosk);
    int c = memcmp(t, k->kiosk, n < kn ? n : kn);
    if (c == 0)
        c = (n > kn) - (n < kn);
    if (c != 0)
        return c > 0;
    switch (sqlite3_column_type(q, COL_SEQ)) {
    case SQLITE_NULL:
        return false;
    case SQLITE_INTEGER:
        return sqlite3_column_int64(q, COL_SEQ) >= k->seq;
    case SQLITE_FLOAT:
        return sqlite3_column_double(q, COL_SEQ) >= (double)k->seq;
    default:
        return true;
    }
}

/* Checks one row in the order store_verify documents; returns false to stop (a break, an error,
 * or no memory). */
static bool row_check(walk *w, sqlite3_stmt *q)
{
    verify_range *r = w->r;
    const char *kiosk = (const char *)sqlite3_column_text(q, COL_KIOSK);
    int64_t seq = sqlite3_column_int64(q, COL_SEQ);
    const char *id = (const char *)sqlite3_column_text(q, COL_ID);
    if (!kiosk)
        kiosk = "";
    bool first = r->defer_first && !w->seen_row;
    w->seen_row = true;
    if (!w->in_kiosk || strcmp(kiosk, w->kiosk) != 0) {
        if (!seg_start(w, kiosk))
            return false;
    }
    if (first) {
        r->has_first = true;
        snprintf(r->first_kiosk, sizeof r->first_kiosk, "%s", kiosk);
        r->first_seq = seq;
        snprintf(r->first_id, sizeof r->first_id, "%s", id ? id : "");
    }
    if (!id)
        return row_break(w, first, VERIFY_STAGE_BEFORE_SEQ, kiosk, seq, "",
                         "the row has no event id");
    if (!first && seq != w->last_seq + 1) {
        char what[160];
        verify_gap_what(w->last_seq, seq, what, sizeof what);
        return row_break(w, false, VERIFY_STAGE_BEFORE_LINK, kiosk, seq, id, what);
    }
    const uint8_t *payload_hash = blob32(q, COL_PAYLOAD_HASH);
    const uint8_t *prev_hash = blob32(q, COL_PREV_HASH);
    const uint8_t *hash = blob32(q, COL_HASH);
    if (first && prev_hash) {
        memcpy(r->first_prev, prev_hash, STORE_HASH_LEN);
        r->first_prev_ok = true;
    }
    if (!payload_hash || !prev_hash || !hash)
        return row_break(w, first, VERIFY_STAGE_BEFORE_LINK, kiosk, seq, id,
                         "a hash column is not 32 bytes");
    bool tombstone = sqlite3_column_type(q, COL_PAYLOAD) == SQLITE_NULL;
    if (tombstone) {
        /* Legitimate only when `erased` lists the row under a logged erasure event. */
        int backed = lookup(w, w->erased_q, sqlite3_column_value(q, COL_ID));
        if (backed < 0)
            return false;
        if (!backed)
            return row_break(w, first, VERIFY_STAGE_BEFORE_LINK, kiosk, seq, id,
                             "the payload is gone but no logged erasure covers it");
    } else {
        const char *payload = (const char *)sqlite3_column_text(q, COL_PAYLOAD);
        uint8_t ph[STORE_HASH_LEN];
        store_hash_payload(payload, (size_t)sqlite3_column_bytes(q, COL_PAYLOAD), ph);
        if (memcmp(ph, payload_hash, STORE_HASH_LEN) != 0)
            return row_break(w, first, VERIFY_STAGE_BEFORE_LINK, kiosk, seq, id,
                             "the payload was altered (its SHA-256 differs from the recorded one)");
    }
    if (!first && memcmp(prev_hash, w->prev, STORE_HASH_LEN) != 0)
        return row_break(w, false, VERIFY_STAGE_BEFORE_LINK, kiosk, seq, id,
                         verify_what_unlinked);
    /* prev_hash equals the previous row's hash here (or the join will check that it does). */
    store_link link = {
        .id = id,
        .kiosk_id = kiosk,
        .seq = seq,
        .ts_ms = sqlite3_column_int64(q, COL_TS),
        .trainee_id = (const char *)sqlite3_column_text(q, COL_TRAINEE),
        .actor_id = (const char *)sqlite3_column_text(q, COL_ACTOR),
        .kind = (const char *)sqlite3_column_text(q, COL_KIND),
        .voids_id = (const char *)sqlite3_column_text(q, COL_VOIDS),
    };
    uint8_t h[STORE_HASH_LEN];
    store_hash_link(prev_hash, &link, payload_hash, h);
    if (memcmp(h, hash, STORE_HASH_LEN) != 0)
        return row_break(w, first, VERIFY_STAGE_AFTER_LINK, kiosk, seq, id,
                         "the row's fields were altered (its hash does not match its content)");
    /* A correction must void an event that exists: noted, reported only if the chains hold. */
    if (link.voids_id && !r->dangling.set) {
        int found = lookup(w, w->exists_q, sqlite3_column_value(q, COL_VOIDS));
        if (found < 0)
            return false;
        if (!found)
            break_set(&r->dangling, kiosk, seq, id, "the event it voids is not in the store");
    }
    memcpy(w->prev, hash, STORE_HASH_LEN);
    w->last_seq = seq;
    verify_seg *g = &r->segs[r->nsegs - 1];
    g->last_seq = seq;
    g->rows++;
    memcpy(g->hash, hash, STORE_HASH_LEN);
    r->events++;
    if (tombstone)
        r->erased++;
    return true;
}

void verify_walk(sqlite3 *db, verify_range *r)
{
    static const char select_all[] =
        "SELECT kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind, payload, voids_id,"
        " payload_hash, prev_hash, hash FROM events ORDER BY kiosk_id, seq";
    static const char select_from[] =
        "SELECT kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind, payload, voids_id,"
        " payload_hash, prev_hash, hash FROM events WHERE (kiosk_id, seq) >= (?1, ?2)"
        " ORDER BY kiosk_id, seq";
    walk w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.db = db;
    r->rc = SQLITE_OK;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, r->lo.set ? select_from : select_all, -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT 1 FROM erased WHERE event_id = ?1", -1, &w.erased_q,
                                NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT 1 FROM events WHERE id = ?1", -1, &w.exists_q, NULL);
    if (rc == SQLITE_OK && r->lo.set) {
        rc = sqlite3_bind_text(q, 1, r->lo.kiosk, -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(q, 2, r->lo.seq);
    }
    if (rc != SQLITE_OK)
        walk_fail(&w, rc);
    while (rc == SQLITE_OK) {
        int step = sqlite3_step(q);
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW) {
            walk_fail(&w, step);
            break;
        }
        if (r->hi.set && key_reached(q, &r->hi))
            break;
        if (!row_check(&w, q))
            break;
    }
    sqlite3_finalize(q);
    sqlite3_finalize(w.erased_q);
    sqlite3_finalize(w.exists_q);
}

void verify_range_clear(verify_range *r)
{
    free(r->segs);
    r->segs = NULL;
    r->nsegs = r->capsegs = 0;
}
