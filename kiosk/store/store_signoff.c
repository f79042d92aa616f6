/* Competency sign-off: a coach's "competency.signed_off" event (criteria met, or a written reason
 * why the coach signs off anyway), checked for role, trainee and duplicates in one transaction;
 * and the look-up of a standing (not voided) sign-off that credentials are issued from. */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"

enum { REASON_MIN = 10 };  /* bytes of text, not counting spaces: "a few words" */

static void copy_col(sqlite3_stmt *q, int col, char *dst, size_t cap)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    snprintf(dst, cap, "%s", t ? t : "");
}

stiel_status store_competency_signoff_find(store *s, const char *trainee_id,
                                           const char *competency, store_signoff *out,
                                           stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !competency || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which trainee and competency?");
    /* A void names the trainee too (evidence_json.h), so the trainee index finds it. */
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.ts_ms, e.actor_id, json_extract(e.payload, '$." EVIDENCE_F_COMPETENCY "'),"
        " json_extract(e.payload, '$." EVIDENCE_F_FRAMEWORK "'),"
        " json_extract(e.payload, '$.criteria_met'),"
        " json_extract(e.payload, '$." EVIDENCE_F_REASON "'), e.hash"
        " FROM events e WHERE e.trainee_id = ?1 AND e.kind = '" EVIDENCE_KIND_SIGNED_OFF "'"
        " AND json_extract(e.payload, '$." EVIDENCE_F_COMPETENCY "') = ?2"
        " AND NOT EXISTS (SELECT 1 FROM events v WHERE v.trainee_id = ?1 AND v.voids_id = e.id)"
        " ORDER BY e.ts_ms, e.kiosk_id, e.seq LIMIT 1",
        -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, competency, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        copy_col(q, 0, out->event_id, sizeof out->event_id);
        out->ts_ms = sqlite3_column_int64(q, 1);
        copy_col(q, 2, out->coach_id, sizeof out->coach_id);
        copy_col(q, 3, out->competency, sizeof out->competency);
        copy_col(q, 4, out->framework, sizeof out->framework);
        out->criteria_met = sqlite3_column_int(q, 5) != 0;
        copy_col(q, 6, out->reason, sizeof out->reason);
        uint8_t h[STORE_HASH_LEN] = {0};
        if (sqlite3_column_bytes(q, 7) == STORE_HASH_LEN)
            memcpy(h, sqlite3_column_blob(q, 7), STORE_HASH_LEN);
        store_hash_hex(h, out->hash_hex);
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "%.40s: %.48s is not signed off yet",
                              trainee_id, competency);
    if (rc != SQLITE_ROW)
        return store_sqlite_fail(s, rc, "cannot read the sign-offs", diag);
    return STIEL_OK;
}

typedef struct signoff_args {
    const store_event *ev;
    const char *trainee_id, *competency;
    store_receipt *receipt;
} signoff_args;

static stiel_status signoff_locked(store *s, void *a, stiel_diag *diag)
{
    const signoff_args *x = a;
    store_trainee t;
    stiel_status st = store_trainee_get(s, x->trainee_id, &t, diag);
    if (st != STIEL_OK)
        return st;
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %s was erased", x->trainee_id);
    store_signoff prior;
    stiel_diag d;
    st = store_competency_signoff_find(s, x->trainee_id, x->competency, &prior, &d);
    if (st == STIEL_OK)
        return stiel_diag_set(diag, STIEL_ERR_STATE,
                              "%s: %s was already signed off by %s (void that event first to "
                              "sign off again)",
                              x->trainee_id, x->competency, prior.coach_id);
    if (st != STIEL_ERR_NOT_FOUND) {
        *diag = d;
        return st;
    }
    return store_append_locked(s, x->ev, x->receipt, diag);
}

static size_t text_bytes(const char *t)
{
    size_t n = 0;
    for (; t && *t; t++)
        if (!isspace((unsigned char)*t))
            n++;
    return n;
}

stiel_status store_competency_sign_off(store *s, const char *kiosk_id, const char *trainee_id,
                                       const char *competency, const char *framework,
                                       const char *coach_id, bool criteria_met,
                                       const char *reason, int64_t now_ms,
                                       store_receipt *receipt, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id || !competency || !*competency || !coach_id || !*coach_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a sign-off names a trainee, a competency "
                                                   "and a coach");
    if (strlen(competency) > EVIDENCE_COMPETENCY_MAX ||
        (framework && strlen(framework) > EVIDENCE_COMPETENCY_MAX))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "competency and framework ids are at most %d "
                                                   "bytes",
                              EVIDENCE_COMPETENCY_MAX);
    stiel_status st = store_staff_authorize(s, kiosk_id, coach_id, ACCESS_SIGN_OFF, trainee_id,
                                            now_ms, NULL, diag);
    if (st != STIEL_OK)
        return st;
    if (!criteria_met && text_bytes(reason) < REASON_MIN)
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "the criteria of %s are not met: write why you sign off anyway "
                              "(a reason of at least %d letters)",
                              competency, REASON_MIN);
    stiel_buf b;
    stiel_buf_init(&b, 4096);
    st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, EVIDENCE_F_COMPETENCY, competency);
    if (st == STIEL_OK && framework && *framework)
        st = store_staff_json_field(&b, EVIDENCE_F_FRAMEWORK, framework);
    if (st == STIEL_OK)
        st = stiel_buf_printf(&b, ",\"criteria_met\":%s", criteria_met ? "true" : "false");
    if (st == STIEL_OK && reason && *reason)
        st = store_staff_json_field(&b, EVIDENCE_F_REASON, reason);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the reason is too long");
    }
    store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                      .actor_id = coach_id, .kind = EVIDENCE_KIND_SIGNED_OFF,
                      .payload = (const char *)b.data};
    st = store_event_check(&ev, diag);
    signoff_args a = {.ev = &ev, .trainee_id = trainee_id, .competency = competency,
                      .receipt = receipt};
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, signoff_locked, &a, "cannot record the sign-off",
                                        diag);
    stiel_buf_free(&b);
    return st;
}
