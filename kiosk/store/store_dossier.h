/* Issued dossiers and their verification codes: the code over a list of chain heads, recording
 * an issue as a "dossier.issued" event that lists those heads, and checking a code later (after
 * more events were appended) against the rows the heads name. */
#ifndef STIEL_KIOSK_STORE_STORE_DOSSIER_H
#define STIEL_KIOSK_STORE_STORE_DOSSIER_H

#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/evidence_json.h"
#include "kiosk/store/store.h"

/* The verification code over d's chains in their order: SHA-256 over each chain's (4-byte
 * big-endian length of the kiosk id, the id, 8-byte big-endian seq, 32-byte head hash) —
 * store_verify's formula for its combined head, and the dossier's (kiosk/report). out receives
 * 64 lowercase hex digits. STIEL_ERR_ARG when a hash is not 64 lowercase hex digits or there are
 * more than EVIDENCE_DOSSIER_CHAINS_MAX chains. Pure. */
stiel_status store_dossier_code(const evidence_dossier *d, char out[STORE_HASH_HEX]);

/* Checks that kiosk c->kiosk's row at c->seq has exactly hash c->hash. STIEL_OK; or
 * STIEL_ERR_NOT_FOUND (no row at that seq) or STIEL_ERR_CORRUPT (another hash), diag naming the
 * row; store errors pass through. */
stiel_status store_dossier_head_check(store *s, const evidence_dossier_chain *c, stiel_diag *diag);

/* Records that actor_id issued dossier d: checks that d->code is store_dossier_code of d's
 * chains (STIEL_ERR_ARG) and that every chain listed is a row of the store with that hash
 * (store_dossier_head_check), then appends "dossier.issued" (payload evidence_dossier_write) on
 * kiosk_id's chain with trainee d->trainee, actor actor_id, time now_ms. It does not authorize:
 * call store_staff_authorize (ACCESS_EXPORT_DOSSIER) first when a staff member issues it.
 * receipt may be NULL. Errors as store_append. */
stiel_status store_dossier_issue(store *s, const char *kiosk_id, const char *actor_id,
                                 const evidence_dossier *d, int64_t now_ms, store_receipt *receipt,
                                 stiel_diag *diag);

/* What a code turned out to be. */
typedef enum store_dossier_verdict {
    STORE_DOSSIER_MATCH = 0,   /* a dossier.issued event names it, every head it lists is the
                                  row at that seq, and the heads give the code */
    STORE_DOSSIER_UNKNOWN,     /* no dossier.issued event names it */
    STORE_DOSSIER_MISMATCH     /* one does, but a check failed: `what` says which */
} store_dossier_verdict;

typedef struct store_dossier_check {
    store_dossier_verdict verdict;
    int64_t issued;                      /* dossier.issued events naming the code */
    char event_id[STORE_UUID_LEN];       /* the one judged (the first that matches, else the
                                            first) */
    char kiosk_id[STORE_ID_MAX + 1];     /* where it was recorded */
    int64_t seq;
    int64_t ts_ms;
    char actor_id[STORE_ID_MAX + 1];     /* who issued it */
    evidence_dossier dossier;            /* its payload (when it parsed) */
    char what[256];                      /* MISMATCH: the check that failed, as a sentence */
} store_dossier_check;

/* Looks code up (64 hex digits, either case; STIEL_ERR_ARG otherwise) among the dossier.issued
 * events (a seek per kiosk through the (kiosk, kind) index; an erased payload cannot match) and
 * judges each found until one matches: its payload parses, every head it lists has a seq before
 * the event's own on the event's own chain, is the row at that seq with that hash
 * (store_dossier_head_check), and the heads give code (store_dossier_code). This trusts the rows'
 * stored hashes: run store_verify first to know the chains are intact. out is filled on
 * STIEL_OK; store errors pass through. */
stiel_status store_dossier_check_code(store *s, const char *code, store_dossier_check *out,
                                      stiel_diag *diag);

#endif
