/* Privacy settings of the hub: a trainee's consent flag (with its "trainee.consent" event), the
 * retention period (the newest "retention.set" event) and applying it: erasing every trainee
 * whose last evidence is older than the period and who has no task open. */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "kiosk/core/evidence_json.h"

#define LOG_PREFIX "retention"

enum { DAY_MS = 86400000 };

/* ---- consent --------------------------------------------------------------------------------- */

typedef struct consent_args {
    const char *kiosk_id, *trainee_id, *actor_id, *why;
    bool consent;
    int64_t now_ms;
} consent_args;

static stiel_status consent_locked(store *s, void *p, stiel_diag *diag)
{
    const consent_args *x = p;
    store_trainee t;
    stiel_status st = store_trainee_get(s, x->trainee_id, &t, diag);
    if (st != STIEL_OK)
        return st;
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %.40s was erased", x->trainee_id);
    if (t.consent == x->consent)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "the consent of %.40s is already '%s'",
                              x->trainee_id, x->consent ? "yes" : "no");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "UPDATE trainees SET consent = ?1 WHERE id = ?2", -1, &q,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(q, 1, x->consent ? 1 : 0);
        sqlite3_bind_text(q, 2, x->trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot change the consent", diag);
    stiel_buf b;
    stiel_buf_init(&b, 2048);
    st = stiel_buf_printf(&b, "{\"consent\":%s,\"from\":%s", x->consent ? "true" : "false",
                          t.consent ? "true" : "false");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, EVIDENCE_F_REASON, x->why);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the reason is too long");
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = x->trainee_id,
                      .actor_id = x->actor_id, .kind = STORE_KIND_CONSENT,
                      .payload = (const char *)b.data};
    if (st == STIEL_OK)
        st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, NULL, diag);
    stiel_buf_free(&b);
    return st;
}

stiel_status store_trainee_set_consent(store *s, const char *kiosk_id, const char *trainee_id,
                                       bool consent, const char *actor_id, const char *why,
                                       int64_t now_ms, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id || !actor_id || !*actor_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a consent change names a trainee and who");
    if (!why || !*why)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "a consent change needs a reason (why)");
    if (strlen(why) > 255)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the reason is at most 255 bytes");
    stiel_status st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_ERASE, trainee_id,
                                            now_ms, NULL, diag);
    consent_args a = {.kiosk_id = kiosk_id, .trainee_id = trainee_id, .actor_id = actor_id,
                      .why = why, .consent = consent, .now_ms = now_ms};
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, consent_locked, &a, "cannot change the consent",
                                        diag);
    if (st == STIEL_OK)
        LOG_INFO("consent of %s set to %s by %s", trainee_id, consent ? "yes" : "no", actor_id);
    return st;
}

/* ---- the period ------------------------------------------------------------------------------ */

stiel_status store_retention_get(store *s, unsigned *days, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!days)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no place for the retention period");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT json_extract(payload, '$.days') FROM events"
                                " WHERE trainee_id = '' AND kind = '" STORE_KIND_RETENTION_SET "'"
                                " ORDER BY ts_ms DESC, kiosk_id DESC, seq DESC LIMIT 1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    *days = 0;
    if (rc == SQLITE_ROW) {
        sqlite3_int64 v = sqlite3_column_int64(q, 0);
        *days = v > 0 && v <= STORE_RETENTION_DAYS_MAX ? (unsigned)v : 0;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the retention period", diag);
    return STIEL_OK;
}

typedef struct period_args {
    const char *kiosk_id, *actor_id;
    unsigned days;
    int64_t now_ms;
} period_args;

static stiel_status period_locked(store *s, void *p, stiel_diag *diag)
{
    const period_args *x = p;
    unsigned from = 0;
    stiel_status st = store_retention_get(s, &from, diag);
    if (st != STIEL_OK)
        return st;
    if (from == x->days)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "the retention period is already %u days",
                              x->days);
    char payload[64];
    snprintf(payload, sizeof payload, "{\"days\":%u,\"from\":%u}", x->days, from);
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = "",
                      .actor_id = x->actor_id, .kind = STORE_KIND_RETENTION_SET,
                      .payload = payload};
    st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, NULL, diag);
    return st;
}

stiel_status store_retention_set(store *s, const char *kiosk_id, const char *actor_id,
                                 unsigned days, int64_t now_ms, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (days < 1 || days > STORE_RETENTION_DAYS_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a retention period is 1..%d days, not %u",
                              STORE_RETENTION_DAYS_MAX, days);
    stiel_status st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_ERASE, NULL, now_ms,
                                            NULL, diag);
    period_args a = {.kiosk_id = kiosk_id, .actor_id = actor_id, .days = days, .now_ms = now_ms};
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, period_locked, &a,
                                        "cannot set the retention period", diag);
    if (st == STIEL_OK)
        LOG_INFO("retention period set to %u days by %s", days, actor_id);
    return st;
}

/* ---- who is due ------------------------------------------------------------------------------ */

/* True (in *open) when trainee_id's newest task event is a task.started. */
static stiel_status task_open(store *s, const char *trainee_id, bool *open, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT kind FROM events WHERE trainee_id = ?1 AND kind IN ('" EVIDENCE_KIND_TASK_STARTED
        "', '" EVIDENCE_KIND_TASK_FINISHED "', '" EVIDENCE_KIND_TASK_ABANDONED "')"
        " ORDER BY ts_ms DESC, kiosk_id DESC, seq DESC LIMIT 1",
        -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    *open = false;
    if (rc == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        *open = k && strcmp(k, EVIDENCE_KIND_TASK_STARTED) == 0;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the trainee's tasks", diag);
    return STIEL_OK;
}

/* The due trainees, collected first so that erasing does not run under an open read. */
typedef struct due_list {
    store_retention_due *items;
    size_t count, cap;
} due_list;

static void due_list_free(due_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* A trainee is due when their newest event is older than the cutoff and is not (at the same
 * moment as) an erasure: the newest time comes from the covering index events_trainee (0.2 s for
 * 500 000 events), the erasure check is a seek into the few rows at or after it. */
static stiel_status due_collect(store *s, int64_t cutoff_ms, due_list *out, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT g.t, g.last FROM (SELECT trainee_id AS t, MAX(ts_ms) AS last FROM events"
        "  WHERE trainee_id <> '' GROUP BY trainee_id) g"
        " WHERE g.last < ?1 AND NOT EXISTS (SELECT 1 FROM events x WHERE x.trainee_id = g.t"
        "  AND x.kind = '" EVIDENCE_KIND_ERASURE "' AND x.ts_ms >= g.last)"
        " ORDER BY g.t",
        -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot find the trainees past the retention period",
                                 diag);
    sqlite3_bind_int64(q, 1, cutoff_ms);
    stiel_status st = STIEL_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (out->count == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            store_retention_due *n = realloc(out->items, cap * sizeof *n);
            if (!n) {
                st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory listing trainees");
                break;
            }
            out->items = n;
            out->cap = cap;
        }
        store_retention_due *d = &out->items[out->count++];
        memset(d, 0, sizeof *d);
        const char *t = (const char *)sqlite3_column_text(q, 0);
        snprintf(d->trainee_id, sizeof d->trainee_id, "%s", t ? t : "");
        d->last_ms = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    if (st != STIEL_OK)
        return st;
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot find the trainees past the retention period",
                                 diag);
    for (size_t i = 0; st == STIEL_OK && i < out->count; i++)
        st = task_open(s, out->items[i].trainee_id, &out->items[i].open_task, diag);
    return st;
}

static int64_t cutoff_of(unsigned days, int64_t now_ms)
{
    return now_ms - (int64_t)days * DAY_MS;
}

stiel_status store_retention_due_each(store *s, unsigned days, int64_t now_ms,
                                      store_retention_fn fn, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!fn || days < 1 || days > STORE_RETENTION_DAYS_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a retention period of 1..%d days and a "
                                                   "callback",
                              STORE_RETENTION_DAYS_MAX);
    due_list l = {0};
    stiel_status st = due_collect(s, cutoff_of(days, now_ms), &l, diag);
    for (size_t i = 0; st == STIEL_OK && i < l.count; i++)
        if (fn(&l.items[i], ctx) != 0)
            break;
    due_list_free(&l);
    return st;
}

stiel_status store_retention_apply(store *s, const char *kiosk_id, const char *actor_id,
                                   int64_t now_ms, bool dry_run, store_retention_fn fn, void *ctx,
                                   store_retention_report *rep, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    store_retention_report r = {0};
    stiel_status st = store_retention_get(s, &r.days, diag);
    if (st == STIEL_OK && r.days == 0)
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "no retention period is set: set one with "
                                                   "`stiel retention set DAYS`");
    if (st == STIEL_OK && !dry_run)
        st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_ERASE, NULL, now_ms, NULL, diag);
    if (st != STIEL_OK)
        return st;
    r.cutoff_ms = cutoff_of(r.days, now_ms);
    due_list l = {0};
    st = due_collect(s, r.cutoff_ms, &l, diag);
    char reason[64];
    snprintf(reason, sizeof reason, "retention period of %u days passed", r.days);
    bool stop = false;
    for (size_t i = 0; st == STIEL_OK && i < l.count && !stop; i++) {
        store_retention_due *d = &l.items[i];
        r.due++;
        if (d->open_task) {
            r.kept_open++;
        } else if (!dry_run) {
            st = store_erase_trainee(s, kiosk_id, d->trainee_id, actor_id, reason, now_ms,
                                     &d->events, diag);
            if (st != STIEL_OK)
                break;
            d->erased = true;
            r.erased++;
            LOG_INFO("erased %s (%lld events): %s", d->trainee_id, (long long)d->events, reason);
        }
        if (fn && fn(d, ctx) != 0)
            stop = true;
    }
    due_list_free(&l);
    if (st == STIEL_OK && !dry_run) {
        char payload[160];
        snprintf(payload, sizeof payload,
                 "{\"days\":%u,\"cutoff_ms\":%lld,\"erased\":%lld,\"kept_open\":%lld}", r.days,
                 (long long)r.cutoff_ms, (long long)r.erased, (long long)r.kept_open);
        store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = "",
                          .actor_id = actor_id, .kind = STORE_KIND_RETENTION_APPLIED,
                          .payload = payload};
        st = store_append(s, &ev, NULL, diag);
    }
    if (rep)
        *rep = r;
    return st;
}
