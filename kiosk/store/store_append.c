/* Appending an event: validate, read the kiosk's chain head, hash the new link, insert, and
 * commit durably, all in one IMMEDIATE transaction so that concurrent writers serialise. */
#include "kiosk/store/store_append.h"

#include <string.h>

static stiel_status id_check(const char *what, const char *v, bool may_be_empty, stiel_diag *diag)
{
    if (!v || !*v) {
        if (may_be_empty)
            return STIEL_OK;
        return stiel_diag_set(diag, STIEL_ERR_ARG, "event has no %s", what);
    }
    size_t len = strlen(v);
    if (len > STORE_ID_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "event %s is %zu bytes long, at most %d allowed",
                              what, len, STORE_ID_MAX);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "event %s holds a control character at byte %zu", what, i);
    return STIEL_OK;
}

stiel_status store_event_check(const store_event *ev, stiel_diag *diag)
{
    if (!ev)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no event to append");
    stiel_status st = id_check("kiosk id", ev->kiosk_id, false, diag);
    if (st == STIEL_OK)
        st = id_check("trainee id", ev->trainee_id, true, diag);
    if (st == STIEL_OK)
        st = id_check("actor id", ev->actor_id, false, diag);
    if (st == STIEL_OK)
        st = id_check("kind", ev->kind, false, diag);
    if (st == STIEL_OK && ev->voids_id && strlen(ev->voids_id) != STORE_UUID_LEN - 1)
        st = stiel_diag_set(diag, STIEL_ERR_ARG, "voided event id '%.40s' is not a UUID",
                            ev->voids_id);
    if (st == STIEL_OK && ev->ts_ms < 0)
        st = stiel_diag_set(diag, STIEL_ERR_ARG, "event time %lld is before 1970",
                            (long long)ev->ts_ms);
    if (st == STIEL_OK && ev->payload && strlen(ev->payload) > STORE_PAYLOAD_MAX)
        st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "event payload is over %d bytes",
                            STORE_PAYLOAD_MAX);
    return st;
}

static stiel_status head_read(store *s, const char *kiosk_id, int64_t *seq,
                              uint8_t hash[STORE_HASH_LEN], stiel_diag *diag)
{
    sqlite3_stmt *q = s->st_head;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    stiel_status st = STIEL_OK;
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(q, 0);
        const void *h = sqlite3_column_blob(q, 1);
        if (!h || sqlite3_column_bytes(q, 1) != STORE_HASH_LEN)
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT,
                                "the last event of kiosk %s has no valid hash: run stiel verify",
                                kiosk_id);
        else
            memcpy(hash, h, STORE_HASH_LEN);
    } else if (rc == SQLITE_DONE) {
        *seq = 0;
        memset(hash, 0, STORE_HASH_LEN);
    } else {
        st = store_sqlite_fail(s, rc, "cannot read the chain head", diag);
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return st;
}

static stiel_status voided_check(store *s, const char *voids_id, stiel_diag *diag)
{
    sqlite3_stmt *q = s->st_exists;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, voids_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    stiel_status st = STIEL_OK;
    if (rc == SQLITE_DONE)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                            "the event to void (%s) is not in the store", voids_id);
    else if (rc != SQLITE_ROW)
        st = store_sqlite_fail(s, rc, "cannot look up the event to void", diag);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return st;
}

stiel_status store_append_locked(store *s, const store_event *ev, store_receipt *r,
                                 stiel_diag *diag)
{
    const char *payload = ev->payload ? ev->payload : "{}";
    const char *trainee = ev->trainee_id ? ev->trainee_id : "";
    store_receipt local;
    if (!r)
        r = &local;
    uint8_t prev[STORE_HASH_LEN];
    int64_t last = 0;
    stiel_status st = head_read(s, ev->kiosk_id, &last, prev, diag);
    if (st == STIEL_OK && ev->voids_id)
        st = voided_check(s, ev->voids_id, diag);
    if (st != STIEL_OK)
        return st;
    store_uuid_v4(r->id);
    r->seq = last + 1;
    uint8_t payload_hash[STORE_HASH_LEN];
    store_hash_payload(payload, strlen(payload), payload_hash);
    store_link link = {.id = r->id, .kiosk_id = ev->kiosk_id, .seq = r->seq, .ts_ms = ev->ts_ms,
                       .trainee_id = trainee, .actor_id = ev->actor_id, .kind = ev->kind,
                       .voids_id = ev->voids_id};
    store_hash_link(prev, &link, payload_hash, r->hash);

    sqlite3_stmt *q = s->st_insert;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, ev->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, r->seq);
    sqlite3_bind_text(q, 3, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, ev->ts_ms);
    sqlite3_bind_text(q, 5, trainee, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, ev->actor_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, ev->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, payload, -1, SQLITE_STATIC);
    if (ev->voids_id)
        sqlite3_bind_text(q, 9, ev->voids_id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 9);
    sqlite3_bind_blob(q, 10, payload_hash, STORE_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(q, 11, prev, STORE_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(q, 12, r->hash, STORE_HASH_LEN, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_CONSTRAINT_CHECK)
            st = stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                "event payload of kind %s is not valid JSON", ev->kind);
        else
            st = store_sqlite_fail(s, rc, "cannot append the event", diag);
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return st;
}

stiel_status store_append(store *s, const store_event *ev, store_receipt *receipt, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    stiel_status st = store_event_check(ev, diag);
    if (st != STIEL_OK)
        return st;
    if (s->read_only)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "the evidence store %s is open read-only: the event was not recorded",
                              s->path);
    if (s->bulk)
        return store_append_locked(s, ev, receipt, diag);
    st = store_exec(s, "BEGIN IMMEDIATE", "cannot start recording the event", diag);
    if (st != STIEL_OK)
        return st;
    st = store_append_locked(s, ev, receipt, diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the event", diag);
    if (st != STIEL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

stiel_status store_bulk_begin(store *s, stiel_diag *diag)
{
    if (!s || s->bulk || s->read_only)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "cannot start a bulk load now");
    stiel_status st = store_exec(s, "PRAGMA synchronous=OFF; BEGIN IMMEDIATE",
                                 "cannot start a bulk load", diag);
    if (st == STIEL_OK)
        s->bulk = true;
    return st;
}

stiel_status store_bulk_end(store *s, stiel_diag *diag)
{
    if (!s || !s->bulk)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "no bulk load to end");
    s->bulk = false;
    stiel_status st = store_exec(s, "COMMIT", "cannot commit the bulk load", diag);
    if (st != STIEL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    stiel_status st2 = store_exec(s, "PRAGMA synchronous=FULL", "cannot restore durability", diag);
    return st != STIEL_OK ? st : st2;
}
