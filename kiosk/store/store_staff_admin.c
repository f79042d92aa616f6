/* Changes to staff, each in one transaction with its evidence event: adding a coach or supervisor
 * ("staff.added"), changing one's own PIN with the old one, a supervisor resetting a PIN
 * ("staff.pin_changed"). */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* 1..max bytes of printable ASCII without spaces (ids and badges are typed and scanned). */
static bool token_ok(const char *t, size_t max)
{
    size_t n = t ? strlen(t) : 0;
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] <= 0x20 || (unsigned char)t[i] >= 0x7f)
            return false;
    return true;
}

static bool has_supervisor(store *s)
{
    sqlite3_stmt *q = NULL;
    bool yes = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM cat_staff WHERE role = 'supervisor' LIMIT 1", -1,
                           &q, NULL) == SQLITE_OK)
        yes = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return yes;
}

typedef struct add_args {
    const char *kiosk_id, *actor_id;
    int64_t now_ms;
    const store_staff *m;
    const char *hash;
    const char *payload;
} add_args;

static stiel_status add_locked(store *s, void *a, stiel_diag *diag)
{
    const add_args *x = a;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT 'staff' FROM cat_staff WHERE badge = ?1 UNION ALL"
                                " SELECT 'trainee' FROM trainees WHERE badge = ?1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->m->badge, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "badge %s is already someone's badge",
                              x->m->badge);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot check the badge", diag);
    rc = sqlite3_prepare_v2(s->db,
                            "INSERT INTO cat_staff (ord, id, role, badge, pin_hash) VALUES"
                            " ((SELECT coalesce(max(ord), -1) + 1 FROM cat_staff), ?1, ?2, ?3, ?4)",
                            -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->m->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, access_role_name(x->m->role), -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, x->m->badge, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, x->hash, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "staff member %s already exists", x->m->id);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot add the staff member", diag);
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .actor_id = x->actor_id,
                      .kind = STORE_KIND_STAFF_ADDED, .payload = x->payload};
    return store_append_locked(s, &ev, NULL, diag);
}

stiel_status store_staff_add(store *s, const char *kiosk_id, const store_staff *m,
                             const char *pin, const char *actor_id, int64_t now_ms,
                             stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!m || !token_ok(m->id, CAT_ID_MAX))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "a staff id is 1 to %d characters without spaces", CAT_ID_MAX);
    if (!token_ok(m->badge, CAT_BARCODE_MAX))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "a badge is 1 to %d characters without spaces", CAT_BARCODE_MAX);
    if (m->role != ACCESS_ROLE_COACH && m->role != ACCESS_ROLE_SUPERVISOR)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "staff are a coach or a supervisor");
    if (!m->name[0])
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "a staff member needs a name");
    if (!actor_id || !*actor_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "who adds the staff member?");
    stiel_status st = STIEL_OK;
    if (has_supervisor(s))
        st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_ADD_STAFF, NULL, now_ms, NULL,
                                   diag);
    if (st != STIEL_OK)
        return st;
    char hash[STORE_PIN_HASH_MAX] = "";
    if (pin) {
        st = store_staff_pin_hash(pin, hash, diag);
        if (st != STIEL_OK)
            return st;
    }
    stiel_buf b;
    stiel_buf_init(&b, 2048);
    st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "staff", m->id);
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "role", access_role_name(m->role));
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "badge", m->badge);
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "name", m->name);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, st, "the staff member's name is too long");
    }
    add_args a = {.kiosk_id = kiosk_id, .actor_id = actor_id, .now_ms = now_ms, .m = m,
                  .hash = hash, .payload = (const char *)b.data};
    st = store_staff_in_transaction(s, add_locked, &a, "cannot add the staff member", diag);
    stiel_buf_free(&b);
    sodium_memzero(hash, sizeof hash);
    return st;
}

typedef struct pin_args {
    const char *kiosk_id, *actor_id, *staff_id, *how, *hash;
    int64_t now_ms;
} pin_args;

static stiel_status pin_locked(store *s, void *a, stiel_diag *diag)
{
    const pin_args *x = a;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "UPDATE cat_staff SET pin_hash = ?1 WHERE id = ?2", -1, &q,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, x->staff_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot store the PIN", diag);
    if (sqlite3_changes(s->db) != 1)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no staff member %s",
                              x->staff_id);
    stiel_buf b;
    stiel_buf_init(&b, 512);
    stiel_status st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "staff", x->staff_id);
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "how", x->how);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .actor_id = x->actor_id,
                      .kind = STORE_KIND_PIN_CHANGED, .payload = (const char *)b.data};
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, NULL, diag);
    stiel_buf_free(&b);
    return st;
}

static stiel_status pin_store(store *s, pin_args *a, const char *new_pin, stiel_diag *diag)
{
    char hash[STORE_PIN_HASH_MAX];
    stiel_status st = store_staff_pin_hash(new_pin, hash, diag);
    if (st != STIEL_OK)
        return st;
    a->hash = hash;
    st = store_staff_in_transaction(s, pin_locked, a, "cannot change the PIN", diag);
    sodium_memzero(hash, sizeof hash);
    return st;
}

stiel_status store_staff_pin_change(store *s, const char *kiosk_id, const char *badge,
                                    const char *old_pin, const char *new_pin, int64_t now_ms,
                                    stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    /* a new PIN that cannot be used must not cost a try of the old one */
    stiel_status st = store_staff_pin_valid(new_pin, diag);
    if (st != STIEL_OK)
        return st;
    store_staff m;
    stiel_diag d;
    if (badge && store_staff_by_badge(s, badge, &m, &d) == STIEL_OK && !m.has_pin) {
        /* the first PIN: there is no old one to ask for */
        pin_args first = {.kiosk_id = kiosk_id, .actor_id = m.id, .staff_id = m.id,
                          .how = "initial", .now_ms = now_ms};
        return pin_store(s, &first, new_pin, diag);
    }
    store_staff_auth auth;
    st = store_staff_authenticate(s, kiosk_id, badge, old_pin, ACCESS_CHANGE_PIN, now_ms, &auth,
                                  diag);
    if (st != STIEL_OK)
        return st;
    pin_args a = {.kiosk_id = kiosk_id, .actor_id = auth.staff.id, .staff_id = auth.staff.id,
                  .how = "own", .now_ms = now_ms};
    return pin_store(s, &a, new_pin, diag);
}

stiel_status store_staff_pin_reset(store *s, const char *kiosk_id, const char *actor_id,
                                   const char *staff_id, const char *new_pin, int64_t now_ms,
                                   stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    stiel_status st = store_staff_pin_valid(new_pin, diag);
    if (st != STIEL_OK)
        return st;
    st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_RESET_PIN, NULL, now_ms, NULL, diag);
    if (st != STIEL_OK)
        return st;
    store_staff m;
    st = store_staff_get(s, staff_id, &m, diag);
    if (st != STIEL_OK)
        return st;
    pin_args a = {.kiosk_id = kiosk_id, .actor_id = actor_id, .staff_id = m.id, .how = "reset",
                  .now_ms = now_ms};
    return pin_store(s, &a, new_pin, diag);
}
