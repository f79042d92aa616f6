/* Trainee rows in the store: read one or all, add one, change a level (with its "level.changed"
 * evidence event in the same transaction). Erasure blanks the display name through a trigger
 * (store_schema.c, version 3) in store_erase_trainee's own transaction. */
#include "kiosk/store/store_reference.h"

#include <stdio.h>
#include <string.h>

#define TRAINEE_COLUMNS \
    "id, badge, display_name, language, level, consent, erased, coalesce(pin_hash, '') <> ''"

static void copy_text(sqlite3_stmt *q, int col, char *dst, size_t cap)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    snprintf(dst, cap, "%s", t ? t : "");
}

static void trainee_fill(sqlite3_stmt *q, store_trainee *t)
{
    memset(t, 0, sizeof *t);
    copy_text(q, 0, t->id, sizeof t->id);
    copy_text(q, 1, t->badge, sizeof t->badge);
    copy_text(q, 2, t->display_name, sizeof t->display_name);
    copy_text(q, 3, t->language, sizeof t->language);
    t->level = (unsigned)sqlite3_column_int(q, 4);
    t->consent = sqlite3_column_int(q, 5) != 0;
    t->erased = sqlite3_column_int(q, 6) != 0;
    t->has_pin = sqlite3_column_int(q, 7) != 0;
}

stiel_status store_trainee_get(store *s, const char *id, store_trainee *out, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!id || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_trainee_get needs an id and out");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT " TRAINEE_COLUMNS " FROM trainees WHERE id = ?1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        trainee_fill(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no trainee %.40s", id);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot read the trainee", diag);
    return STIEL_OK;
}

stiel_status store_trainees_each(store *s, store_trainee_fn fn, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no callback for the trainees");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT " TRAINEE_COLUMNS " FROM trainees ORDER BY id", -1,
                                &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the trainees", diag);
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_trainee t;
        trainee_fill(q, &t);
        if (fn(&t, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the trainees", diag);
    return STIEL_OK;
}

/* Runs f(s, a, diag) in one IMMEDIATE transaction, committing only when it succeeds. */
typedef stiel_status (*locked_fn)(store *s, void *a, stiel_diag *diag);

static stiel_status in_transaction(store *s, locked_fn f, void *a, const char *what,
                                   stiel_diag *diag)
{
    if (s->read_only || s->bulk)
        return stiel_diag_set(diag, STIEL_ERR_DENIED, "the evidence store %s is not writable now",
                              s->path);
    stiel_status st = store_exec(s, "BEGIN IMMEDIATE", what, diag);
    if (st != STIEL_OK)
        return st;
    st = f(s, a, diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", what, diag);
    if (st != STIEL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

typedef struct add_args {
    const store_trainee *t;
    const store_event *ev;
    store_catalogue_check_fn check;
    void *ctx;
} add_args;

static stiel_status add_locked(store *s, void *a, stiel_diag *diag)
{
    const add_args *x = a;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO trainees (ord, id, badge, display_name, language,"
                                " level, consent) VALUES ((SELECT coalesce(max(ord), -1) + 1 FROM"
                                " trainees), ?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->t->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, x->t->badge, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, x->t->display_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, x->t->language, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 5, (int)x->t->level);
        sqlite3_bind_int(q, 6, x->t->consent ? 1 : 0);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return stiel_diag_set(diag, STIEL_ERR_STATE,
                              "trainee %s already exists (ids are never reused, even after an "
                              "erasure)",
                              x->t->id);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot add the trainee", diag);
    stiel_status st = store_append_locked(s, x->ev, NULL, diag);
    if (st == STIEL_OK && x->check)
        st = x->check(s, x->ctx, diag);
    return st;
}

stiel_status store_trainee_add(store *s, const store_trainee *t, const store_event *ev,
                               store_catalogue_check_fn check, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!t || !t->id[0] || !t->badge[0] || !t->display_name[0] || !t->language[0])
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "a trainee needs an id, a badge, a display name and a language");
    if (t->level < 1 || t->level > CAT_LEVEL_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "level %u is not between 1 and %d", t->level,
                              CAT_LEVEL_MAX);
    stiel_status st = store_event_check(ev, diag);
    if (st != STIEL_OK)
        return st;
    add_args a = {.t = t, .ev = ev, .check = check, .ctx = ctx};
    return in_transaction(s, add_locked, &a, "cannot add the trainee", diag);
}

typedef struct level_args {
    const char *kiosk_id, *trainee_id, *actor_id, *why;
    unsigned level;
    int64_t now_ms;
    unsigned from;
} level_args;

static stiel_status level_locked(store *s, void *a, stiel_diag *diag)
{
    level_args *x = a;
    store_trainee t;
    stiel_status st = store_trainee_get(s, x->trainee_id, &t, diag);
    if (st != STIEL_OK)
        return st;
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %s was erased", x->trainee_id);
    if (t.level == x->level)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %s is already at level %u",
                              x->trainee_id, x->level);
    x->from = t.level;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "UPDATE trainees SET level = ?1 WHERE id = ?2", -1, &q,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(q, 1, (int)x->level);
        sqlite3_bind_text(q, 2, x->trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot change the level", diag);
    return store_level_event_locked(s, x->kiosk_id, x->trainee_id, x->actor_id, x->now_ms,
                                    t.level, x->level, x->why, diag);
}

stiel_status store_trainee_set_level(store *s, const char *kiosk_id, const char *trainee_id,
                                     unsigned level, const char *actor_id, const char *why,
                                     int64_t now_ms, unsigned *from_out, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which trainee? the id is empty");
    if (level < 1 || level > CAT_LEVEL_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "level %u is not between 1 and %d", level,
                              CAT_LEVEL_MAX);
    if (!why || !*why)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "a level change needs a reason (why)");
    store_event probe = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                         .actor_id = actor_id, .kind = EVIDENCE_KIND_LEVEL_CHANGED};
    stiel_status st = store_event_check(&probe, diag);
    if (st != STIEL_OK)
        return st;
    level_args a = {.kiosk_id = kiosk_id, .trainee_id = trainee_id, .actor_id = actor_id,
                    .why = why, .level = level, .now_ms = now_ms};
    st = in_transaction(s, level_locked, &a, "cannot change the level", diag);
    if (st == STIEL_OK && from_out)
        *from_out = a.from;
    return st;
}
