/* The credential's Data Integrity proof in the manner of eddsa-jcs-2022: Ed25519 (libsodium) over
 * SHA-256 of the canonical proof options and SHA-256 of the canonical credential; signing, and
 * checking a credential file down to its last byte. */
#include "kiosk/app/credential.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PROOF_TYPE "DataIntegrityProof"
#define CRYPTOSUITE "eddsa-jcs-2022"

/* The 64 bytes signed: SHA-256(canonical(options + doc's @context)) || SHA-256(canonical(doc
 * without proof)). options is the proof without proofValue. */
static stiel_status signing_input(const cJSON *doc, const cJSON *options, uint8_t out[64],
                                  stiel_diag *diag)
{
    cJSON *opt = cJSON_Duplicate(options, true);
    cJSON *body = cJSON_Duplicate(doc, true);
    stiel_status st = STIEL_OK;
    if (!opt || !body) {
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    } else {
        cJSON_DeleteItemFromObjectCaseSensitive(opt, "proofValue");
        cJSON_DeleteItemFromObjectCaseSensitive(opt, "@context");
        cJSON_DeleteItemFromObjectCaseSensitive(body, "proof");
        const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(doc, "@context");
        cJSON *ctx_copy = ctx ? cJSON_Duplicate(ctx, true) : NULL;
        if (ctx && !ctx_copy)
            st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
        else if (ctx_copy)
            cJSON_AddItemToObject(opt, "@context", ctx_copy);
    }
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    if (st == STIEL_OK)
        st = credential_canonical(opt, &a, diag);
    if (st == STIEL_OK)
        st = credential_canonical(body, &b, diag);
    if (st == STIEL_OK) {
        crypto_hash_sha256(out, a.data, a.len);
        crypto_hash_sha256(out + 32, b.data, b.len);
    }
    stiel_buf_free(&a);
    stiel_buf_free(&b);
    cJSON_Delete(opt);
    cJSON_Delete(body);
    return st;
}

stiel_status credential_sign(cJSON *doc, const credential_key *k, const char *created,
                             stiel_diag *diag)
{
    if (!doc || !cJSON_IsObject(doc) || !k || !created)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "credential_sign needs a document, a key "
                                                   "and a time");
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium could not be initialised");
    char did[CREDENTIAL_DID_MAX], vm[2 * CREDENTIAL_DID_MAX];
    credential_did_key(k->pk, did);
    snprintf(vm, sizeof vm, "%s#%s", did, did + 8);
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "proof");
    cJSON *proof = cJSON_CreateObject();
    if (!proof || !cJSON_AddStringToObject(proof, "type", PROOF_TYPE) ||
        !cJSON_AddStringToObject(proof, "cryptosuite", CRYPTOSUITE) ||
        !cJSON_AddStringToObject(proof, "created", created) ||
        !cJSON_AddStringToObject(proof, "verificationMethod", vm) ||
        !cJSON_AddStringToObject(proof, "proofPurpose", "assertionMethod")) {
        cJSON_Delete(proof);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    }
    uint8_t msg[64], sig[CREDENTIAL_SIG_LEN];
    stiel_status st = signing_input(doc, proof, msg, diag);
    if (st != STIEL_OK) {
        cJSON_Delete(proof);
        return st;
    }
    crypto_sign_detached(sig, NULL, msg, sizeof msg, k->sk);
    char value[128] = "z";
    if (!credential_base58_encode(sig, sizeof sig, value + 1, sizeof value - 1) ||
        !cJSON_AddStringToObject(proof, "proofValue", value)) {
        cJSON_Delete(proof);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    }
    cJSON_AddItemToObject(doc, "proof", proof);
    return STIEL_OK;
}

static void what_add(credential_check *c, const char *text)
{
    size_t n = strlen(c->what);
    snprintf(c->what + n, sizeof c->what - n, "%s%s", n ? "; " : "", text);
}

static const char *string_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

stiel_status credential_verify(const char *text, size_t len, const uint8_t *trusted_pk,
                               bool allow_reformatted, credential_check *check)
{
    memset(check, 0, sizeof *check);
    if (!text)
        return STIEL_ERR_ARG;
    if (sodium_init() < 0) {
        what_add(check, "libsodium could not be initialised");
        return STIEL_ERR_INTERNAL;
    }
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!doc || !cJSON_IsObject(doc)) {
        what_add(check, "the file is not a JSON object");
        cJSON_Delete(doc);
        return STIEL_ERR_SYNTAX;
    }
    stiel_diag d;
    stiel_buf canon;
    stiel_buf_init(&canon, 0);
    /* the exact bytes: canonical form and one newline, nothing else */
    stiel_status st = credential_canonical(doc, &canon, &d);
    if (st != STIEL_OK) {
        char m[300];
        snprintf(m, sizeof m, "the JSON cannot be put in canonical form: %s", d.text);
        what_add(check, m);
    } else {
        check->canonical_ok = canon.len + 1 == len && memcmp(canon.data, text, canon.len) == 0 &&
                              text[canon.len] == '\n';
        if (!check->canonical_ok && !allow_reformatted)
            what_add(check, "the file is not byte for byte the credential as issued (changed "
                            "spacing, order or escapes)");
    }
    stiel_buf_free(&canon);
    for (const char *p = end; allow_reformatted && p && p < text + len; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') {
            what_add(check, "there is more than one JSON value in the file");
            check->canonical_ok = false;
            allow_reformatted = false;
            break;
        }

    const cJSON *proof = cJSON_GetObjectItemCaseSensitive(doc, "proof");
    const char *type = string_of(proof, "type"), *suite = string_of(proof, "cryptosuite");
    const char *vm = string_of(proof, "verificationMethod"), *pv = string_of(proof, "proofValue");
    uint8_t pk[CREDENTIAL_PK_LEN], sig[CREDENTIAL_SIG_LEN], msg[64];
    if (!cJSON_IsObject(proof)) {
        what_add(check, "there is no proof");
    } else if (!type || strcmp(type, PROOF_TYPE) != 0 || !suite ||
               strcmp(suite, CRYPTOSUITE) != 0) {
        what_add(check, "the proof is not a " PROOF_TYPE " of " CRYPTOSUITE);
    } else if (!vm || !credential_did_key_parse(vm, pk)) {
        what_add(check, "the proof's verificationMethod is not an Ed25519 did:key");
    } else if (!pv || pv[0] != 'z' || !credential_base58_decode(pv + 1, sig, sizeof sig)) {
        what_add(check, "the proofValue is not a base58btc Ed25519 signature");
    } else if (signing_input(doc, proof, msg, &d) != STIEL_OK) {
        what_add(check, d.text);
    } else {
        check->signature_ok = crypto_sign_verify_detached(sig, msg, sizeof msg, pk) == 0;
        if (!check->signature_ok)
            what_add(check, "the signature does not match the content: the credential was "
                            "changed or signed by another key");
        credential_did_key(pk, check->issuer);
        /* the key named must be the issuer's own: its id is that did:key */
        const cJSON *iss = cJSON_GetObjectItemCaseSensitive(doc, "issuer");
        const char *iss_id = cJSON_IsString(iss) ? iss->valuestring : string_of(iss, "id");
        size_t dl = strlen(check->issuer);
        check->issuer_ok = iss_id && strcmp(iss_id, check->issuer) == 0 &&
                           strncmp(vm, check->issuer, dl) == 0 && vm[dl] == '#' &&
                           strcmp(vm + dl + 1, check->issuer + 8) == 0;
        if (!check->issuer_ok)
            what_add(check, "the signing key is not the issuer's");
        check->trusted_ok = !trusted_pk || sodium_memcmp(trusted_pk, pk, sizeof pk) == 0;
        if (!check->trusted_ok)
            what_add(check, "signed by a key that is not this hub's");
    }
    cJSON_Delete(doc);
    bool ok = check->signature_ok && check->issuer_ok && check->trusted_ok &&
              (check->canonical_ok || allow_reformatted);
    return ok ? STIEL_OK : STIEL_ERR_CORRUPT;
}
