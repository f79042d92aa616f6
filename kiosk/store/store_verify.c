/* store_verify: walks every kiosk's chain in seq order and names the first row that breaks it
 * (gap, bad link, altered payload or fields, unbacked tombstone, void of nothing). A large store
 * is cut into contiguous (kiosk, seq) ranges walked on threads with their own read-only
 * connections (store_verify_walk.c), then joined in order, so the report is the serial one. */
#include "kiosk/store/store_verify_walk.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

enum {
    MAX_THREADS = 4,
    MAX_PLAN_KIOSKS = 1024,            /* more kiosks than this: walk serially */
    DEFAULT_MIN_ROWS = 50000,          /* fewer rows per range than this: not worth a thread */
    WORKER_CACHE_KIB = 16384,
};
#define WORKER_MMAP_BYTES "2147418112" /* SQLite's largest mmap_size in Debian's build */
#define SEQ_CLAMP ((int64_t)1 << 40)   /* a tampered huge seq must not overflow the sums */

typedef struct plan_kiosk {
    char id[STORE_ID_MAX + 1];
    int64_t rows;                      /* its last seq: about how many rows it has */
} plan_kiosk;

typedef struct job {
    store *s;
    verify_range r;
    sqlite3 *db;                       /* the job's own connection (closed by the caller) */
    pthread_t thread;
    bool started;
} job;

/* The default tuning: one range per online CPU, at most MAX_THREADS. */
static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

enum { STEP_ERROR = -1, STEP_END, STEP_TEXT, STEP_ODD };

/* Steps q; on a row copies column 0 as plain text (no NUL inside, at most STORE_ID_MAX bytes)
 * into out and returns STEP_TEXT, or STEP_ODD for a value that is no plain text. */
static int step_text(sqlite3_stmt *q, char out[STORE_ID_MAX + 1])
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE)
        return STEP_END;
    if (rc != SQLITE_ROW)
        return STEP_ERROR;
    if (sqlite3_column_type(q, 0) != SQLITE_TEXT)
        return STEP_ODD;
    const char *t = (const char *)sqlite3_column_text(q, 0);
    int n = sqlite3_column_bytes(q, 0);
    if (!t || n > STORE_ID_MAX || strlen(t) != (size_t)n)
        return STEP_ODD;
    memcpy(out, t, (size_t)n + 1);
    return STEP_TEXT;
}

/* Lists the kiosks and their last seqs through index seeks (no scan). Returns the number of
 * kiosks, 0 when the store is empty or looks too odd to split (then the walk is serial), or -1
 * on a SQLite error. */
static int plan_kiosks(store *s, plan_kiosk *out, int max, int *rc_out)
{
    sqlite3_stmt *first = NULL, *next = NULL, *last = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT kiosk_id FROM events ORDER BY kiosk_id, seq LIMIT 1",
                                -1, &first, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT kiosk_id FROM events WHERE kiosk_id > ?1"
                                " ORDER BY kiosk_id, seq LIMIT 1",
                                -1, &next, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT seq FROM events WHERE kiosk_id = ?1 ORDER BY seq DESC LIMIT 1",
                                -1, &last, NULL);
    int n = 0;
    bool odd = false;
    while (rc == SQLITE_OK && !odd) {
        sqlite3_stmt *q = n == 0 ? first : next;
        if (n > 0) {
            sqlite3_reset(next);
            sqlite3_bind_text(next, 1, out[n - 1].id, -1, SQLITE_STATIC);
        }
        char id[STORE_ID_MAX + 1];
        int got = step_text(q, id);
        if (got == STEP_ERROR) {
            rc = sqlite3_errcode(s->db);
            break;
        }
        if (got == STEP_END)
            break;
        if (got == STEP_ODD) { /* a NULL, blob or overlong kiosk id that a range cannot name */
            odd = true;
            break;
        }
        if (n == max) {
            odd = true;
            break;
        }
        sqlite3_reset(last);
        sqlite3_bind_text(last, 1, id, -1, SQLITE_STATIC);
        int step = sqlite3_step(last);
        if (step != SQLITE_ROW) {
            rc = step == SQLITE_DONE ? SQLITE_OK : step;
            odd = true;
            break;
        }
        int64_t seq = sqlite3_column_int64(last, 0);
        if (sqlite3_column_type(last, 0) != SQLITE_INTEGER || seq < 1) {
            odd = true;
            break;
        }
        memcpy(out[n].id, id, sizeof id);
        out[n].rows = seq > SEQ_CLAMP ? SEQ_CLAMP : seq;
        sqlite3_reset(last);
        n++;
    }
    sqlite3_finalize(first);
    sqlite3_finalize(next);
    sqlite3_finalize(last);
    *rc_out = rc;
    if (rc != SQLITE_OK)
        return -1;
    return odd ? 0 : n;
}

/* Cuts the rows into nranges contiguous ranges of about equal size: range i starts at
 * boundary i (range 0 at the start of the table). Returns how many ranges were made. */
static int plan_ranges(const plan_kiosk *k, int nk, int nranges, job *jobs)
{
    int64_t total = 0;
    for (int i = 0; i < nk; i++)
        total += k[i].rows;
    int made = 1;
    int j = 0;
    int64_t before = 0; /* rows of kiosks before k[j] */
    for (int r = 1; r < nranges; r++) {
        int64_t target = total / nranges * r;
        while (j < nk && before + k[j].rows <= target) {
            before += k[j].rows;
            j++;
        }
        if (j == nk)
            break;
        verify_key *lo = &jobs[made].r.lo;
        lo->set = true;
        memcpy(lo->kiosk, k[j].id, sizeof lo->kiosk);
        lo->seq = target - before + 1;
        jobs[made].r.defer_first = true;
        jobs[made - 1].r.hi = *lo;
        made++;
    }
    return made;
}

/* Opens a read-only connection of its own (no SQLite mutexes: one thread uses it) and starts a
 * read transaction. */
static int worker_open(job *jb)
{
    int rc = sqlite3_open_v2(jb->s->path, &jb->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(jb->db, 5000);
    if (rc == SQLITE_OK) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "PRAGMA mmap_size=" WORKER_MMAP_BYTES "; PRAGMA cache_size=-%d; BEGIN",
                 (int)WORKER_CACHE_KIB);
        rc = sqlite3_exec(jb->db, sql, NULL, NULL, NULL);
    }
    return rc;
}

static void *worker_run(void *arg)
{
    job *jb = arg;
    int rc = worker_open(jb);
    if (rc != SQLITE_OK) {
        jb->r.rc = rc;
        snprintf(jb->r.errmsg, sizeof jb->r.errmsg, "%s",
                 jb->db ? sqlite3_errmsg(jb->db) : sqlite3_errstr(rc));
        return NULL;
    }
    verify_walk(jb->db, &jb->r);
    return NULL;
}

/* The join: where the chain stands after the ranges so far. */
typedef struct join {
    store_verify_report *rep;
    bool in_kiosk;
    verify_seg cur;                    /* the current kiosk: its last good seq and hash */
    crypto_hash_sha256_state all;      /* the combined head over every kiosk */
} join;

static void join_finish_kiosk(join *j)
{
    if (!j->in_kiosk)
        return;
    size_t n = strlen(j->cur.kiosk);
    uint8_t len[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
    crypto_hash_sha256_update(&j->all, len, sizeof len);
    crypto_hash_sha256_update(&j->all, (const uint8_t *)j->cur.kiosk, n);
    uint8_t seq[8];
    for (int i = 0; i < 8; i++)
        seq[i] = (uint8_t)((uint64_t)j->cur.last_seq >> (56 - 8 * i));
    crypto_hash_sha256_update(&j->all, seq, sizeof seq);
    crypto_hash_sha256_update(&j->all, j->cur.hash, STORE_HASH_LEN);
    j->rep->kiosks++;
    j->in_kiosk = false;
}

/* Adds a range's kiosk runs: a run of the current kiosk moves its head on (if a row of it
 * passed); another kiosk finishes the current one. */
static void join_segs(join *j, const verify_range *r)
{
    for (size_t i = 0; i < r->nsegs; i++) {
        const verify_seg *g = &r->segs[i];
        if (j->in_kiosk && strcmp(g->kiosk, j->cur.kiosk) == 0) {
            if (g->rows > 0) {
                j->cur.last_seq = g->last_seq;
                memcpy(j->cur.hash, g->hash, STORE_HASH_LEN);
            }
            continue;
        }
        join_finish_kiosk(j);
        j->cur = *g;
        j->in_kiosk = true;
    }
}

static void report_break(store_verify_report *rep, const verify_break *b)
{
    rep->ok = false;
    snprintf(rep->bad_kiosk, sizeof rep->bad_kiosk, "%s", b->kiosk);
    rep->bad_seq = b->seq;
    snprintf(rep->bad_id, sizeof rep->bad_id, "%s", b->id);
    snprintf(rep->what, sizeof rep->what, "%s", b->what);
}

/* Judges a range's first row against where the chain stands (the two checks its walker could
 * not make), in the order a serial walk makes them. Returns false if the row breaks the chain. */
static bool join_first(join *j, const verify_range *r)
{
    const bool brk0 = r->brk.set && r->brk_first;
    if (brk0 && r->brk_stage == VERIFY_STAGE_BEFORE_SEQ)
        return false;
    bool same = j->in_kiosk && strcmp(r->first_kiosk, j->cur.kiosk) == 0;
    int64_t last_seq = same ? j->cur.last_seq : 0;
    static const uint8_t zero[STORE_HASH_LEN];
    const uint8_t *prev = same ? j->cur.hash : zero;
    verify_break b = {.set = true, .seq = r->first_seq};
    snprintf(b.kiosk, sizeof b.kiosk, "%s", r->first_kiosk);
    snprintf(b.id, sizeof b.id, "%s", r->first_id);
    if (r->first_seq != last_seq + 1) {
        verify_gap_what(last_seq, r->first_seq, b.what, sizeof b.what);
        report_break(j->rep, &b);
        return false;
    }
    if (brk0 && r->brk_stage == VERIFY_STAGE_BEFORE_LINK)
        return false;
    if (!r->first_prev_ok || memcmp(r->first_prev, prev, STORE_HASH_LEN) != 0) {
        snprintf(b.what, sizeof b.what, "%s", verify_what_unlinked);
        report_break(j->rep, &b);
        return false;
    }
    return !brk0;
}

/* Joins the ranges in order into rep: the first break (or, if the chains hold, the first
 * correction that voids nothing), counts, and the combined head. */
static void join_ranges(job *jobs, int n, store_verify_report *rep)
{
    join j;
    memset(&j, 0, sizeof j);
    j.rep = rep;
    crypto_hash_sha256_init(&j.all);
    const verify_break *dangling = NULL;
    for (int i = 0; i < n && rep->ok; i++) {
        const verify_range *r = &jobs[i].r;
        if (r->has_first && !join_first(&j, r)) {
            if (rep->ok)
                report_break(rep, &r->brk);
            /* The serial walk starts the row's kiosk before judging it. */
            if (!(j.in_kiosk && strcmp(r->first_kiosk, j.cur.kiosk) == 0) && r->nsegs > 0) {
                join_finish_kiosk(&j);
                j.cur = r->segs[0];
                j.cur.rows = 0;
                j.cur.last_seq = 0;
                memset(j.cur.hash, 0, sizeof j.cur.hash);
                j.in_kiosk = true;
            }
            break;
        }
        join_segs(&j, r);
        rep->events += r->events;
        rep->erased += r->erased;
        if (!dangling && r->dangling.set)
            dangling = &r->dangling;
        if (r->brk.set)
            report_break(rep, &r->brk);
    }
    if (rep->ok && dangling)
        report_break(rep, dangling);
    join_finish_kiosk(&j);
    uint8_t head[STORE_HASH_LEN];
    crypto_hash_sha256_final(&j.all, head);
    store_hash_hex(head, rep->head_hex);
}

/* After the chains: every erasure record must name an erasure event (the triggers enforce it,
 * this catches a file edited around them). Driven by `erased`, which is small. */
static stiel_status erasures_check(store *s, store_verify_report *rep, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.kiosk_id, e.seq, e.id FROM erased x CROSS JOIN events e ON e.id = x.event_id"
        " WHERE NOT EXISTS (SELECT 1 FROM events v WHERE v.id = x.erasure_id"
        " AND v.kind = '" EVIDENCE_KIND_ERASURE "') ORDER BY e.kiosk_id, e.seq LIMIT 1",
        -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        verify_break b = {.set = true, .seq = sqlite3_column_int64(q, 1)};
        const char *kiosk = (const char *)sqlite3_column_text(q, 0);
        const char *id = (const char *)sqlite3_column_text(q, 2);
        snprintf(b.kiosk, sizeof b.kiosk, "%s", kiosk ? kiosk : "");
        snprintf(b.id, sizeof b.id, "%s", id ? id : "");
        snprintf(b.what, sizeof b.what, "its erasure record names no logged erasure event");
        report_break(rep, &b);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot verify the evidence store", diag);
    return STIEL_OK;
}

/* Walks the ranges: range 0 on the calling thread, the others on threads; all on connections of
 * their own, or (one range) on the store's own connection. */
static stiel_status walk_ranges(store *s, job *jobs, int n, stiel_diag *diag)
{
    if (n == 1) {
        verify_walk(s->db, &jobs[0].r);
        if (jobs[0].r.rc != SQLITE_OK)
            return store_sqlite_fail(s, jobs[0].r.rc, "cannot verify the evidence store", diag);
        return STIEL_OK;
    }
    for (int i = 1; i < n; i++) /* a range that gets no thread is walked here after range 0 */
        jobs[i].started = pthread_create(&jobs[i].thread, NULL, worker_run, &jobs[i]) == 0;
    worker_run(&jobs[0]);
    for (int i = 1; i < n; i++) {
        if (jobs[i].started)
            pthread_join(jobs[i].thread, NULL);
        else
            worker_run(&jobs[i]);
    }
    stiel_status st = STIEL_OK;
    for (int i = 0; i < n && st == STIEL_OK; i++) {
        if (jobs[i].r.nomem)
            st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory verifying %s", s->path);
        else if (jobs[i].r.rc != SQLITE_OK) {
            store view = {.db = jobs[i].db, .path = s->path};
            st = store_sqlite_fail(&view, jobs[i].r.rc, "cannot verify the evidence store", diag);
        }
    }
    return st;
}

stiel_status store_verify_tuned(store *s, store_verify_tuning *tuning, store_verify_report *rep,
                                stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!rep)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_verify needs a report");
    memset(rep, 0, sizeof *rep);
    rep->ok = true;
    int threads = tuning && tuning->threads > 0 ? tuning->threads : default_threads();
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    int64_t min_rows = tuning && tuning->min_rows > 0 ? tuning->min_rows : DEFAULT_MIN_ROWS;
    /* One read transaction on the store's connection for the plan and the erasure check. The
     * worker connections take their own, moments later: since rows are only ever appended (and
     * erasure nulls a payload together with its record), each kiosk's chain as joined is still
     * one that existed, though an append during the walk may be counted. */
    stiel_status st = store_exec(s, "BEGIN", "cannot verify the evidence store", diag);
    if (st != STIEL_OK)
        return st;
    job jobs[MAX_THREADS];
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < MAX_THREADS; i++)
        jobs[i].s = s;
    int n = 1;
    if (threads > 1) {
        plan_kiosk *kiosks = malloc(sizeof *kiosks * MAX_PLAN_KIOSKS);
        if (!kiosks)
            st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory verifying %s", s->path);
        int rc = SQLITE_OK;
        int nk = kiosks ? plan_kiosks(s, kiosks, MAX_PLAN_KIOSKS, &rc) : 0;
        if (nk < 0)
            st = store_sqlite_fail(s, rc, "cannot verify the evidence store", diag);
        if (st == STIEL_OK && nk > 0) {
            int64_t total = 0;
            for (int i = 0; i < nk; i++)
                total += kiosks[i].rows;
            int64_t want = total / min_rows;
            if (want > threads)
                want = threads;
            if (want > 1)
                n = plan_ranges(kiosks, nk, (int)want, jobs);
        }
        free(kiosks);
    }
    if (tuning)
        tuning->ranges = n;
    if (st == STIEL_OK)
        st = walk_ranges(s, jobs, n, diag);
    if (st == STIEL_OK)
        join_ranges(jobs, n, rep);
    if (st == STIEL_OK && rep->ok)
        st = erasures_check(s, rep, diag);
    for (int i = 0; i < n; i++) {
        verify_range_clear(&jobs[i].r);
        if (jobs[i].db)
            sqlite3_close(jobs[i].db);
    }
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    return st;
}

stiel_status store_verify(store *s, store_verify_report *rep, stiel_diag *diag)
{
    return store_verify_tuned(s, NULL, rep, diag);
}
