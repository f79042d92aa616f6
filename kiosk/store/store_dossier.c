/* Issued dossiers: the verification code over a list of chain heads, the "dossier.issued" event
 * that records an issue with those heads, and the check of a code against the rows they name
 * (so a dossier stays checkable after more evidence was appended). */
#include "kiosk/store/store_dossier.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/store/store_internal.h"

#define DOSSIER_COLUMNS "id, kiosk_id, seq, ts_ms, actor_id, payload"

/* The first 16 hex digits of a hash, for sentences that must stay short. */
static const char *short_hex(const char *hex, char out[20])
{
    snprintf(out, 20, "%.16s...", hex);
    return out;
}

stiel_status store_dossier_code(const evidence_dossier *d, char out[STORE_HASH_HEX])
{
    if (!d || !out || d->chain_count > EVIDENCE_DOSSIER_CHAINS_MAX)
        return STIEL_ERR_ARG;
    crypto_hash_sha256_state all;
    crypto_hash_sha256_init(&all);
    for (size_t i = 0; i < d->chain_count; i++) {
        const evidence_dossier_chain *c = &d->chains[i];
        uint8_t hash[STORE_HASH_LEN];
        if (!evidence_hex_valid(c->hash) ||
            sodium_hex2bin(hash, sizeof hash, c->hash, EVIDENCE_HEX_LEN, NULL, NULL, NULL) != 0)
            return STIEL_ERR_ARG;
        size_t n = strnlen(c->kiosk, sizeof c->kiosk);
        uint8_t len[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
        crypto_hash_sha256_update(&all, len, sizeof len);
        crypto_hash_sha256_update(&all, (const uint8_t *)c->kiosk, n);
        uint8_t seq[8];
        for (int k = 0; k < 8; k++)
            seq[k] = (uint8_t)((uint64_t)c->seq >> (56 - 8 * k));
        crypto_hash_sha256_update(&all, seq, sizeof seq);
        crypto_hash_sha256_update(&all, hash, sizeof hash);
    }
    uint8_t head[STORE_HASH_LEN];
    crypto_hash_sha256_final(&all, head);
    store_hash_hex(head, out);
    return STIEL_OK;
}

stiel_status store_dossier_head_check(store *s, const evidence_dossier_chain *c, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!c)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which chain head?");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT hash FROM events WHERE kiosk_id = ?1 AND seq = ?2",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read a chain head", diag);
    sqlite3_bind_text(q, 1, c->kiosk, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, c->seq);
    rc = sqlite3_step(q);
    stiel_status st = STIEL_OK;
    char want[20], got[20];
    if (rc == SQLITE_DONE) {
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "kiosk %.64s has no event at seq %lld",
                            c->kiosk, (long long)c->seq);
    } else if (rc != SQLITE_ROW) {
        st = store_sqlite_fail(s, rc, "cannot read a chain head", diag);
    } else {
        const void *h = sqlite3_column_blob(q, 0);
        char hex[STORE_HASH_HEX] = "(none)";
        if (h && sqlite3_column_bytes(q, 0) == STORE_HASH_LEN)
            store_hash_hex(h, hex);
        if (strcmp(hex, c->hash) != 0)
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT,
                                "kiosk %.64s's event at seq %lld has hash %s, not %s",
                                c->kiosk, (long long)c->seq, short_hex(hex, got),
                                short_hex(c->hash, want));
    }
    sqlite3_finalize(q);
    return st;
}

stiel_status store_dossier_issue(store *s, const char *kiosk_id, const char *actor_id,
                                 const evidence_dossier *d, int64_t now_ms, store_receipt *receipt,
                                 stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!d)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which dossier?");
    char code[STORE_HASH_HEX];
    if (store_dossier_code(d, code) != STIEL_OK || strcmp(code, d->code) != 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the dossier's code is not the one its chain "
                                                   "heads give");
    for (size_t i = 0; i < d->chain_count; i++) {
        stiel_status st = store_dossier_head_check(s, &d->chains[i], diag);
        if (st != STIEL_OK)
            return st;
    }
    stiel_buf b;
    stiel_buf_init(&b, STORE_PAYLOAD_MAX);
    stiel_status st = evidence_dossier_write(d, &b);
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, st == STIEL_ERR_ARG ? STIEL_ERR_ARG : STIEL_ERR_NOMEM,
                              "cannot write the dossier.issued payload for %.40s", d->trainee);
    }
    store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = d->trainee,
                      .actor_id = actor_id, .kind = EVIDENCE_KIND_DOSSIER_ISSUED,
                      .payload = (const char *)b.data};
    st = store_append(s, &ev, receipt, diag);
    stiel_buf_free(&b);
    return st;
}

/* ---- checking a code ------------------------------------------------------------------------ */

static const char *text_or_empty(sqlite3_stmt *q, int col)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    return t ? t : "";
}

/* Judges one dossier.issued row against code; fills out's event fields and, on a failed check,
 * out->what. Returns true when it matches. */
static bool judge(store *s, sqlite3_stmt *q, const char *code, store_dossier_check *out,
                  stiel_status *st, stiel_diag *diag)
{
    store_dossier_check c;
    memset(&c, 0, sizeof c);
    snprintf(c.event_id, sizeof c.event_id, "%s", text_or_empty(q, 0));
    snprintf(c.kiosk_id, sizeof c.kiosk_id, "%s", text_or_empty(q, 1));
    c.seq = sqlite3_column_int64(q, 2);
    c.ts_ms = sqlite3_column_int64(q, 3);
    snprintf(c.actor_id, sizeof c.actor_id, "%s", text_or_empty(q, 4));
    const char *payload = (const char *)sqlite3_column_text(q, 5);
    int len = sqlite3_column_bytes(q, 5);
    stiel_diag d;
    bool ok = evidence_dossier_parse(payload, (size_t)len, &c.dossier, &d) == STIEL_OK;
    if (!ok)
        snprintf(c.what, sizeof c.what, "the dossier.issued event does not parse: %.200s", d.text);
    for (size_t i = 0; ok && i < c.dossier.chain_count; i++) {
        const evidence_dossier_chain *h = &c.dossier.chains[i];
        if (strcmp(h->kiosk, c.kiosk_id) == 0 && h->seq >= c.seq) {
            snprintf(c.what, sizeof c.what,
                     "the dossier.issued event (kiosk %.64s, seq %lld) lists its own chain up to "
                     "seq %lld, not before it",
                     c.kiosk_id, (long long)c.seq, (long long)h->seq);
            ok = false;
            break;
        }
        stiel_status hs = store_dossier_head_check(s, h, &d);
        if (hs == STIEL_ERR_NOT_FOUND || hs == STIEL_ERR_CORRUPT) {
            snprintf(c.what, sizeof c.what, "a chain head it lists is not in the store: %.200s",
                     d.text);
            ok = false;
        } else if (hs != STIEL_OK) {
            *st = hs;
            if (diag)
                *diag = d;
            return false;
        }
    }
    char again[STORE_HASH_HEX] = "";
    if (ok && (store_dossier_code(&c.dossier, again) != STIEL_OK || strcmp(again, code) != 0)) {
        char got[20];
        snprintf(c.what, sizeof c.what, "the chain heads it lists give the code %s, not this one",
                 short_hex(again, got));
        ok = false;
    }
    c.verdict = ok ? STORE_DOSSIER_MATCH : STORE_DOSSIER_MISMATCH;
    if (ok || out->issued == 0) {
        int64_t issued = out->issued;
        *out = c;
        out->issued = issued;
    }
    return ok;
}

/* The next kiosk id after after (or the first when after is ""), through the primary key. */
static int next_kiosk(sqlite3_stmt *q, const char *after, char out[STORE_ID_MAX + 1])
{
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, after, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        snprintf(out, STORE_ID_MAX + 1, "%s", k ? k : "");
    }
    return rc;
}

stiel_status store_dossier_check_code(store *s, const char *code, store_dossier_check *out,
                                      stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_dossier_check_code needs a result");
    memset(out, 0, sizeof *out);
    out->verdict = STORE_DOSSIER_UNKNOWN;
    char want[STORE_HASH_HEX] = "";
    if (code && strlen(code) == EVIDENCE_HEX_LEN)
        for (size_t i = 0; i <= EVIDENCE_HEX_LEN; i++)
            want[i] = (char)(code[i] >= 'A' && code[i] <= 'F' ? code[i] - 'A' + 'a' : code[i]);
    if (!evidence_hex_valid(want))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a verification code is 64 hex digits");
    sqlite3_stmt *kq = NULL, *dq = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT kiosk_id FROM events WHERE kiosk_id > ?1"
                                " ORDER BY kiosk_id, seq LIMIT 1",
                                -1, &kq, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT " DOSSIER_COLUMNS " FROM events INDEXED BY events_kiosk_kind"
                                " WHERE kiosk_id = ?1"
                                " AND kind = '" EVIDENCE_KIND_DOSSIER_ISSUED "'"
                                " AND json_extract(payload, '$." EVIDENCE_F_CODE "') = ?2"
                                " ORDER BY seq",
                                -1, &dq, NULL);
    stiel_status st = STIEL_OK;
    bool matched = false;
    char kiosk[STORE_ID_MAX + 1] = "";
    while (rc == SQLITE_OK && st == STIEL_OK) {
        rc = next_kiosk(kq, kiosk, kiosk);
        if (rc != SQLITE_ROW)
            break;
        sqlite3_reset(dq);
        sqlite3_bind_text(dq, 1, kiosk, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(dq, 2, want, -1, SQLITE_STATIC);
        for (;;) {
            rc = sqlite3_step(dq);
            if (rc != SQLITE_ROW || st != STIEL_OK)
                break;
            if (!matched)
                matched = judge(s, dq, want, out, &st, diag);
            out->issued++;
        }
        if (rc == SQLITE_DONE || rc == SQLITE_ROW)
            rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(kq);
    sqlite3_finalize(dq);
    if (st != STIEL_OK)
        return st;
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot look the dossier code up", diag);
    return STIEL_OK;
}
