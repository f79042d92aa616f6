/* Staff identity and access: argon2id PIN hashes (libsodium), badge + PIN checks with the lockout
 * computed from the recorded attempts, role checks against kiosk/core/access.h, PIN changes, and
 * an evidence event for every attempt, refusal and change (badge, time, result: never the PIN). */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"

static stiel_status sodium_ready(stiel_diag *diag)
{
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium could not be initialised");
    return STIEL_OK;
}

stiel_status store_staff_pin_valid(const char *pin, stiel_diag *diag)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < STORE_PIN_MIN || n > STORE_PIN_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a PIN is %d to %d digits", STORE_PIN_MIN,
                              STORE_PIN_MAX);
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return stiel_diag_set(diag, STIEL_ERR_ARG, "a PIN is digits only");
    return STIEL_OK;
}

stiel_status store_staff_pin_hash(const char *pin, char out[STORE_PIN_HASH_MAX], stiel_diag *diag)
{
    stiel_status st = store_staff_pin_valid(pin, diag);
    if (st == STIEL_OK)
        st = sodium_ready(diag);
    if (st != STIEL_OK)
        return st;
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM,
                              "not enough memory to hash the PIN (argon2id needs 64 MiB)");
    return STIEL_OK;
}

bool store_staff_pin_check(const char *hash, const char *pin)
{
    if (!hash || !pin || strncmp(hash, "$argon2id$", 10) != 0 || sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

/* ---- rows ------------------------------------------------------------------------------------ */

#define STAFF_COLUMNS "id, role, badge, pin_hash"

static void staff_fill(sqlite3_stmt *q, store_staff *m, char *hash, size_t hash_cap)
{
    memset(m, 0, sizeof *m);
    const char *t = (const char *)sqlite3_column_text(q, 0);
    snprintf(m->id, sizeof m->id, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(q, 1);
    m->role = (t && strcmp(t, "supervisor") == 0) ? ACCESS_ROLE_SUPERVISOR : ACCESS_ROLE_COACH;
    t = (const char *)sqlite3_column_text(q, 2);
    snprintf(m->badge, sizeof m->badge, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(q, 3);
    m->has_pin = t && *t;
    if (hash)
        snprintf(hash, hash_cap, "%s", t ? t : "");
}

/* The name from the newest "staff.added" event of id (left "" when there is none). */
static stiel_status staff_name(store *s, store_staff *m, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT json_extract(payload, '$.name') FROM events"
                                " WHERE trainee_id = '' AND kind = '" STORE_KIND_STAFF_ADDED "'"
                                " AND json_extract(payload, '$.staff') = ?1"
                                " ORDER BY ts_ms DESC LIMIT 1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, m->id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        snprintf(m->name, sizeof m->name, "%s", t ? t : "");
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the staff name", diag);
    return STIEL_OK;
}

stiel_status store_staff_lookup(store *s, const char *column, const char *value, store_staff *out,
                                char *hash, size_t hash_cap, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!value || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a staff look-up needs a value and out");
    const char *sql = strcmp(column, "badge") == 0
                          ? "SELECT " STAFF_COLUMNS " FROM cat_staff WHERE badge = ?1"
                          : "SELECT " STAFF_COLUMNS " FROM cat_staff WHERE id = ?1";
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, value, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW)
        staff_fill(q, out, hash, hash_cap);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no staff member with %s %.48s",
                              column, value);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot read the staff", diag);
    return staff_name(s, out, diag);
}

stiel_status store_staff_get(store *s, const char *id, store_staff *out, stiel_diag *diag)
{
    return store_staff_lookup(s, "id", id, out, NULL, 0, diag);
}

stiel_status store_staff_by_badge(store *s, const char *badge, store_staff *out, stiel_diag *diag)
{
    return store_staff_lookup(s, "badge", badge, out, NULL, 0, diag);
}

stiel_status store_staff_each(store *s, store_staff_fn fn, void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no callback for the staff");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT " STAFF_COLUMNS " FROM cat_staff ORDER BY ord, id",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the staff", diag);
    stiel_status st = STIEL_OK;
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_staff m;
        staff_fill(q, &m, NULL, 0);
        st = staff_name(s, &m, diag);
        if (st != STIEL_OK || fn(&m, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (st == STIEL_OK && rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the staff", diag);
    return st;
}

/* The trainee whose badge this is, into id (cap bytes); false when none. */
static bool trainee_by_badge(store *s, const char *badge, char *id, size_t cap)
{
    sqlite3_stmt *q = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM trainees WHERE badge = ?1", -1, &q, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(q, 1, badge, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(q, 0);
            snprintf(id, cap, "%s", t ? t : "");
            found = true;
        }
    }
    sqlite3_finalize(q);
    return found;
}

static bool trainee_exists(store *s, const char *id)
{
    sqlite3_stmt *q = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM trainees WHERE id = ?1", -1, &q, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        found = sqlite3_step(q) == SQLITE_ROW;
    }
    sqlite3_finalize(q);
    return found;
}

/* ---- events ---------------------------------------------------------------------------------- */

stiel_status store_staff_in_transaction(store *s, store_staff_locked_fn f, void *a,
                                        const char *what, stiel_diag *diag)
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

stiel_status store_staff_json_field(stiel_buf *b, const char *key, const char *value)
{
    stiel_status st = stiel_buf_puts(b, b->len > 1 ? "," : "");
    if (st == STIEL_OK)
        st = evidence_json_string(b, key);
    if (st == STIEL_OK)
        st = stiel_buf_puts(b, ":");
    if (st == STIEL_OK)
        st = evidence_json_string(b, value ? value : "");
    return st;
}

/* Appends one event (kind, payload text) by actor on kiosk_id's chain, in its own transaction
 * (store_append). */
static stiel_status append_event(store *s, const char *kiosk_id, int64_t now_ms,
                                 const char *trainee_id, const char *actor, const char *kind,
                                 const char *payload, store_receipt *r, stiel_diag *diag)
{
    store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                      .actor_id = actor, .kind = kind, .payload = payload};
    return store_append(s, &ev, r, diag);
}

/* The "access.refused" payload. */
static stiel_status refused_payload(stiel_buf *b, access_action action, const char *role,
                                    const char *why)
{
    stiel_status st = stiel_buf_puts(b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(b, "action", access_action_name(action));
    if (st == STIEL_OK)
        st = store_staff_json_field(b, "role", role);
    if (st == STIEL_OK)
        st = store_staff_json_field(b, "why", why);
    if (st == STIEL_OK)
        st = stiel_buf_puts(b, "}");
    return st;
}

/* ---- authorisation --------------------------------------------------------------------------- */

stiel_status store_staff_authorize(store *s, const char *kiosk_id, const char *actor_id,
                                   access_action action, const char *trainee_id, int64_t now_ms,
                                   access_role *role_out, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!actor_id || !*actor_id || !access_action_name(action))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "who, and which staff action?");
    store_staff m;
    stiel_diag d;
    const char *role = "unknown";
    access_role r = ACCESS_ROLE_COUNT;
    const char *concerned = trainee_id;
    stiel_status st = store_staff_get(s, actor_id, &m, &d);
    if (st == STIEL_OK) {
        r = m.role;
        role = access_role_name(r);
    } else if (st != STIEL_ERR_NOT_FOUND) {
        *diag = d;
        return st;
    } else if (trainee_exists(s, actor_id)) {
        r = ACCESS_ROLE_TRAINEE;
        role = "trainee";
        concerned = actor_id;
    }
    if (role_out)
        *role_out = r;
    if (r != ACCESS_ROLE_COUNT && access_allowed(r, action))
        return STIEL_OK;

    char why[160];
    if (r == ACCESS_ROLE_COUNT)
        snprintf(why, sizeof why, "%.40s is neither staff nor a trainee", actor_id);
    else
        snprintf(why, sizeof why, "%s needs a %s, %.40s is a %s", access_action_name(action),
                 access_role_name(access_action_min_role(action)), actor_id, role);
    stiel_buf b;
    stiel_buf_init(&b, 1024);
    st = refused_payload(&b, action, role, why);
    if (st == STIEL_OK)
        st = append_event(s, kiosk_id, now_ms, concerned, actor_id, STORE_KIND_ACCESS_REFUSED,
                          (const char *)b.data, NULL, diag);
    stiel_buf_free(&b);
    if (st != STIEL_OK)
        return st;
    return stiel_diag_set(diag, STIEL_ERR_DENIED, "refused: %s (recorded)", why);
}

stiel_status store_staff_action_record(store *s, const char *kiosk_id, const char *actor_id,
                                       access_action action, const char *trainee_id,
                                       const char *detail_json, int64_t now_ms,
                                       store_receipt *receipt, stiel_diag *diag)
{
    stiel_status st = store_staff_authorize(s, kiosk_id, actor_id, action, trainee_id, now_ms,
                                            NULL, diag);
    if (st != STIEL_OK)
        return st;
    stiel_buf b;
    stiel_buf_init(&b, STORE_PAYLOAD_MAX);
    st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "action", access_action_name(action));
    if (st == STIEL_OK && detail_json && *detail_json)
        st = stiel_buf_printf(&b, ",\"detail\":%s", detail_json);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "the action's detail is too long");
    else
        st = append_event(s, kiosk_id, now_ms, trainee_id, actor_id, STORE_KIND_STAFF_ACTION,
                          (const char *)b.data, receipt, diag);
    stiel_buf_free(&b);
    return st;
}

/* ---- authentication -------------------------------------------------------------------------- */

stiel_status store_pin_history(store *s, const char *who, bool trainee, access_attempt *h,
                               size_t *n, stiel_diag *diag)
{
    static const char staff_sql[] =
        "SELECT ts_ms, CASE WHEN kind = '" STORE_KIND_STAFF_AUTH "'"
        " THEN json_extract(payload, '$.result') ELSE 'ok' END FROM events"
        " WHERE trainee_id = '' AND ((kind = '" STORE_KIND_STAFF_AUTH "' AND actor_id = ?1"
        "   AND json_extract(payload, '$.result') IN ('ok', 'wrong_pin', 'role'))"
        "  OR (kind = '" STORE_KIND_PIN_CHANGED "' AND json_extract(payload, '$.staff') = ?1))"
        " ORDER BY ts_ms DESC, seq DESC LIMIT ?2";
    static const char trainee_sql[] =
        "SELECT ts_ms, CASE WHEN kind = '" STORE_KIND_STAFF_AUTH "'"
        " THEN json_extract(payload, '$.result') ELSE 'ok' END FROM events"
        " WHERE trainee_id = ?1 AND ((kind = '" STORE_KIND_STAFF_AUTH "' AND actor_id = ?1"
        "   AND json_extract(payload, '$.result') IN ('ok', 'wrong_pin'))"
        "  OR (kind = '" STORE_KIND_PIN_CHANGED "' AND json_extract(payload, '$.trainee') = ?1))"
        " ORDER BY ts_ms DESC, seq DESC LIMIT ?2";
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, trainee ? trainee_sql : staff_sql, -1, &q, NULL);
    size_t k = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, who, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, STORE_PIN_HISTORY_MAX);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW && k < STORE_PIN_HISTORY_MAX) {
            const char *res = (const char *)sqlite3_column_text(q, 1);
            h[k].ts_ms = sqlite3_column_int64(q, 0);
            h[k].ok = !res || strcmp(res, "wrong_pin") != 0;
            k++;
            if (h[k - 1].ok)
                break; /* nothing before the last right PIN matters */
        }
        if (rc == SQLITE_ROW)
            rc = SQLITE_DONE;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the PIN attempts", diag);
    for (size_t i = 0; i < k / 2; i++) {
        access_attempt t = h[i];
        h[i] = h[k - 1 - i];
        h[k - 1 - i] = t;
    }
    *n = k;
    return STIEL_OK;
}

stiel_status store_pin_record_attempt(store *s, const char *kiosk_id, int64_t now_ms,
                                      const char *trainee_id, const char *actor,
                                      const char *badge, access_action action,
                                      const char *result, const char *role, const char *why,
                                      stiel_diag *diag)
{
    stiel_buf a, r;
    stiel_buf_init(&a, 1024);
    stiel_buf_init(&r, 1024);
    stiel_status st = stiel_buf_puts(&a, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&a, "badge", badge);
    if (st == STIEL_OK)
        st = store_staff_json_field(&a, "action", access_action_name(action));
    if (st == STIEL_OK)
        st = store_staff_json_field(&a, "result", result);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&a, "}");
    store_event ev[2] = {
        {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id, .actor_id = actor,
         .kind = STORE_KIND_STAFF_AUTH, .payload = (const char *)a.data},
        {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id, .actor_id = actor,
         .kind = STORE_KIND_ACCESS_REFUSED},
    };
    size_t n = 1;
    if (st == STIEL_OK && role) {
        st = refused_payload(&r, action, role, why);
        ev[1].payload = (const char *)r.data;
        n = 2;
    }
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "cannot write the PIN attempt");
    else
        st = store_append_batch(s, ev, n, NULL, diag);
    stiel_buf_free(&a);
    stiel_buf_free(&r);
    return st;
}

stiel_status store_pin_outcome(access_attempt *h, size_t n, int64_t now_ms, bool right,
                               const char *what, access_lockout *lockout, stiel_diag *diag)
{
    if (n == STORE_PIN_HISTORY_MAX) { /* keep the newest: the delay saturated long ago */
        memmove(h, h + 1, (STORE_PIN_HISTORY_MAX - 1) * sizeof h[0]);
        n--;
    }
    h[n++] = (access_attempt){now_ms, right};
    access_lockout_eval(h, n, now_ms, lockout);
    if (right)
        return STIEL_OK;
    if (lockout->locked)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "wrong PIN: this %s is now locked for %lld s (recorded)", what,
                              (long long)(lockout->remaining_ms / 1000));
    unsigned left = lockout->failures < ACCESS_LOCK_AFTER ? ACCESS_LOCK_AFTER - lockout->failures
                                                          : 1;
    return stiel_diag_set(diag, STIEL_ERR_DENIED, "wrong PIN (%u %s before a lock; recorded)",
                          left, left == 1 ? "try" : "tries");
}

static void auth_result(store_staff_auth *out, const char *result)
{
    if (out)
        snprintf(out->result, sizeof out->result, "%s", result);
}

stiel_status store_staff_authenticate(store *s, const char *kiosk_id, const char *badge,
                                      const char *pin, access_action action, int64_t now_ms,
                                      store_staff_auth *out, stiel_diag *diag)
{
    store_staff_auth local;
    if (!out)
        out = &local;
    memset(out, 0, sizeof *out);
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!badge || !*badge || strlen(badge) > CAT_BARCODE_MAX || !access_action_name(action))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "scan a badge first");
    char hash[CAT_HASH_MAX + 1];
    stiel_diag d;
    stiel_status st = store_staff_lookup(s, "badge", badge, &out->staff, hash, sizeof hash, &d);
    if (st != STIEL_OK && st != STIEL_ERR_NOT_FOUND) {
        *diag = d;
        return st;
    }
    if (st == STIEL_ERR_NOT_FOUND) {
        char tid[CAT_ID_MAX + 1];
        bool trainee = trainee_by_badge(s, badge, tid, sizeof tid);
        const char *res = trainee ? "trainee_badge" : "unknown_badge";
        auth_result(out, res);
        st = store_pin_record_attempt(s, kiosk_id, now_ms, trainee ? tid : NULL,
                                      trainee ? tid : "unknown", badge, action, res,
                                      trainee ? "trainee" : NULL,
                                      "a trainee badge is not a staff badge", diag);
        if (st != STIEL_OK)
            return st;
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              trainee ? "this is a trainee badge: staff only (recorded)"
                                      : "this badge is not known: ask a supervisor (recorded)");
    }
    out->known = true;
    access_attempt h[STORE_PIN_HISTORY_MAX];
    size_t n = 0;
    st = store_pin_history(s, out->staff.id, false, h, &n, diag);
    if (st != STIEL_OK)
        return st;
    access_lockout_eval(h, n, now_ms, &out->lockout);
    if (out->lockout.locked) {
        auth_result(out, "locked");
        st = store_pin_record_attempt(s, kiosk_id, now_ms, NULL, out->staff.id, badge, action,
                                      "locked", NULL, NULL, diag);
        if (st != STIEL_OK)
            return st;
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "too many wrong PINs: this badge is locked for %lld s more "
                              "(recorded)",
                              (long long)((out->lockout.remaining_ms + 999) / 1000));
    }
    if (!out->staff.has_pin) {
        auth_result(out, "no_pin");
        st = store_pin_record_attempt(s, kiosk_id, now_ms, NULL, out->staff.id, badge, action,
                                      "no_pin", NULL, NULL, diag);
        if (st != STIEL_OK)
            return st;
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "%s has no PIN yet: set one with `stiel staff pin %s`",
                              out->staff.id, badge);
    }
    bool right = store_staff_pin_check(hash, pin);
    bool role_ok = access_allowed(out->staff.role, action);
    const char *res = !right ? "wrong_pin" : role_ok ? "ok" : "role";
    auth_result(out, res);
    char why[160];
    snprintf(why, sizeof why, "%s needs a %s, %.40s is a %s", access_action_name(action),
             access_role_name(access_action_min_role(action)), out->staff.id,
             access_role_name(out->staff.role));
    st = store_pin_record_attempt(s, kiosk_id, now_ms, NULL, out->staff.id, badge, action, res,
                                  right && !role_ok ? access_role_name(out->staff.role) : NULL,
                                  why, diag);
    if (st != STIEL_OK)
        return st;
    st = store_pin_outcome(h, n, now_ms, right, "badge", &out->lockout, diag);
    if (st != STIEL_OK)
        return st;
    if (!role_ok)
        return stiel_diag_set(diag, STIEL_ERR_DENIED, "refused: %s (recorded)", why);
    return STIEL_OK;
}
