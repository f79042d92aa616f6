/* Trainee PINs for the name-list fallback at the kiosk: a coach or supervisor sets one (the
 * argon2id hash in the trainees row), and a name-list login checks it with the staff PIN code's
 * hashing, lockout and recording (store_staff_internal.h), on the trainee's own record. */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

typedef struct tpin_args {
    const char *kiosk_id, *actor_id, *trainee_id, *how, *hash;
    int64_t now_ms;
} tpin_args;

/* The trainee's row: erased flag and PIN hash ("" when none). STIEL_ERR_NOT_FOUND if none. */
static stiel_status trainee_row(store *s, const char *id, bool *erased, char *hash, size_t cap,
                                stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT erased, coalesce(pin_hash, '') FROM trainees"
                                       " WHERE id = ?1", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW) {
        *erased = sqlite3_column_int(q, 0) != 0;
        const char *t = (const char *)sqlite3_column_text(q, 1);
        snprintf(hash, cap, "%s", t ? t : "");
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no trainee %.40s", id);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot read the trainee", diag);
    return STIEL_OK;
}

static stiel_status pin_set_locked(store *s, void *a, stiel_diag *diag)
{
    const tpin_args *x = a;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "UPDATE trainees SET pin_hash = ?1 WHERE id = ?2", -1, &q,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, x->trainee_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot store the trainee's PIN", diag);
    stiel_buf b;
    stiel_buf_init(&b, 256);
    stiel_status st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "trainee", x->trainee_id);
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "how", x->how);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = x->trainee_id,
                      .actor_id = x->actor_id, .kind = STORE_KIND_PIN_CHANGED,
                      .payload = (const char *)b.data};
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, NULL, diag);
    else
        st = stiel_diag_set(diag, st, "cannot write the PIN change");
    stiel_buf_free(&b);
    return st;
}

stiel_status store_trainee_pin_set(store *s, const char *kiosk_id, const char *actor_id,
                                   const char *trainee_id, const char *pin, int64_t now_ms,
                                   stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "whose PIN? (a trainee id)");
    stiel_status st = store_staff_pin_valid(pin, diag);
    if (st != STIEL_OK)
        return st;
    bool erased = false;
    char old[STORE_PIN_HASH_MAX];
    st = trainee_row(s, trainee_id, &erased, old, sizeof old, diag);
    if (st == STIEL_OK && erased)
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %.40s was erased", trainee_id);
    if (st == STIEL_OK)
        st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_TRAINEE_PIN, trainee_id, now_ms,
                                   NULL, diag);
    if (st != STIEL_OK)
        return st;
    char hash[STORE_PIN_HASH_MAX];
    st = store_staff_pin_hash(pin, hash, diag);
    if (st != STIEL_OK)
        return st;
    tpin_args a = {.kiosk_id = kiosk_id, .actor_id = actor_id, .trainee_id = trainee_id,
                   .how = old[0] ? "reset" : "initial", .hash = hash, .now_ms = now_ms};
    st = store_staff_in_transaction(s, pin_set_locked, &a, "cannot set the trainee's PIN", diag);
    sodium_memzero(hash, sizeof hash);
    return st;
}

static void tauth_result(store_trainee_auth *out, const char *result)
{
    snprintf(out->result, sizeof out->result, "%s", result);
}

stiel_status store_trainee_authenticate(store *s, const char *kiosk_id, const char *trainee_id,
                                        const char *pin, int64_t now_ms, store_trainee_auth *out,
                                        stiel_diag *diag)
{
    store_trainee_auth local;
    if (!out)
        out = &local;
    memset(out, 0, sizeof *out);
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "tap a name first");
    bool erased = false;
    char hash[STORE_PIN_HASH_MAX];
    stiel_status st = trainee_row(s, trainee_id, &erased, hash, sizeof hash, diag);
    if (st == STIEL_OK && erased)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no trainee %.40s", trainee_id);
    if (st != STIEL_OK)
        return st;
    access_attempt h[STORE_PIN_HISTORY_MAX];
    size_t n = 0;
    st = store_pin_history(s, trainee_id, true, h, &n, diag);
    if (st != STIEL_OK)
        return st;
    access_lockout_eval(h, n, now_ms, &out->lockout);
    const char *res = out->lockout.locked ? "locked"
                      : !hash[0]          ? "no_pin"
                      : store_staff_pin_check(hash, pin) ? "ok"
                                                         : "wrong_pin";
    sodium_memzero(hash, sizeof hash);
    tauth_result(out, res);
    st = store_pin_record_attempt(s, kiosk_id, now_ms, trainee_id, trainee_id, "", ACCESS_LOGIN,
                                  res, NULL, NULL, diag);
    if (st != STIEL_OK)
        return st;
    if (out->lockout.locked)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "too many wrong PINs: this name is locked for %lld s more "
                              "(recorded)",
                              (long long)((out->lockout.remaining_ms + 999) / 1000));
    if (strcmp(res, "no_pin") == 0)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "%.40s has no PIN: log in with the badge, or a coach sets one with "
                              "`stiel trainee pin %.40s --by BADGE` (recorded)",
                              trainee_id, trainee_id);
    return store_pin_outcome(h, n, now_ms, strcmp(res, "ok") == 0, "name", &out->lockout, diag);
}
