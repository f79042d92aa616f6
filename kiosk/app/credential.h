/* Open Badges 3.0 achievement credentials for signed-off competencies: JCS-style canonical JSON,
 * the hub's Ed25519 key (libsodium) and a Data Integrity proof in the manner of eddsa-jcs-2022
 * (did:key verification method, base58btc multibase), building a credential from the evidence
 * store and checking one, byte for byte. */
#ifndef STIEL_KIOSK_APP_CREDENTIAL_H
#define STIEL_KIOSK_APP_CREDENTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "common/buf.h"
#include "common/status.h"

enum {
    CREDENTIAL_PK_LEN = 32,
    CREDENTIAL_SK_LEN = 64,
    CREDENTIAL_SIG_LEN = 64,
    CREDENTIAL_DID_MAX = 64     /* "did:key:z6Mk" + 44 more base58 digits + NUL, with room */
};

#define CREDENTIAL_KEY_FILE "hub-ed25519.key"

/* ---- canonical JSON (credential_jcs.c) --------------------------------------------------------
 * RFC 8785 (JCS) in practice: no whitespace; object members sorted by their names' UTF-16 code
 * units; strings as UTF-8 with only '"', '\\' and control characters escaped (\b \t \n \f \r,
 * others \u00xx); numbers in ECMAScript's shortest round-trip form; literals as they are. */

/* Appends the canonical form of v to out. STIEL_ERR_CHARSET for text that is not UTF-8,
 * STIEL_ERR_SYNTAX for a duplicate member name or a number that is not finite; buffer errors
 * pass through. diag names the problem. */
stiel_status credential_canonical(const cJSON *v, stiel_buf *out, stiel_diag *diag);

/* ---- the hub's key and multibase (credential_key.c) ------------------------------------------ */

typedef struct credential_key {
    uint8_t pk[CREDENTIAL_PK_LEN];
    uint8_t sk[CREDENTIAL_SK_LEN];
} credential_key;

/* A fresh key pair. STIEL_ERR_INTERNAL when libsodium cannot start. */
stiel_status credential_key_generate(credential_key *k, stiel_diag *diag);

/* Reads the secret key file at path (64 raw bytes, libsodium's seed || public key; the public
 * half is re-derived and must match): STIEL_ERR_NOT_FOUND when there is no file, STIEL_ERR_CORRUPT
 * when it is not such a key, STIEL_ERR_IO. */
stiel_status credential_key_load(const char *path, credential_key *k, stiel_diag *diag);

/* Loads path, or (when there is none) generates a key and writes it there with mode 0600
 * (*created = true; created may be NULL). */
stiel_status credential_key_load_or_create(const char *path, credential_key *k, bool *created,
                                           stiel_diag *diag);

/* Writes "<dir>/" CREDENTIAL_KEY_FILE for the folder that holds the store at store_path. */
stiel_status credential_key_path(const char *store_path, stiel_buf *out, stiel_diag *diag);

/* base58btc (Bitcoin alphabet) of n bytes into out, NUL-terminated; returns false when cap is
 * too small. Leading zero bytes become '1's. */
bool credential_base58_encode(const uint8_t *in, size_t n, char *out, size_t cap);

/* Decodes base58btc text into exactly n bytes; false for a bad digit or another length. */
bool credential_base58_decode(const char *text, uint8_t *out, size_t n);

/* "did:key:z6Mk..." for an Ed25519 public key (multicodec 0xed 0x01, base58btc). */
void credential_did_key(const uint8_t pk[CREDENTIAL_PK_LEN], char out[CREDENTIAL_DID_MAX]);

/* The public key inside a did:key text (the part before any '#'); false when it is not an
 * Ed25519 did:key. */
bool credential_did_key_parse(const char *did, uint8_t pk[CREDENTIAL_PK_LEN]);

/* ---- proof (credential_proof.c) -------------------------------------------------------------- */

/* Adds doc's "proof" (replacing one if present): {"type":"DataIntegrityProof", "cryptosuite":
 * "eddsa-jcs-2022", "created", "verificationMethod": did#key, "proofPurpose":
 * "assertionMethod", "proofValue": "z" + base58btc(signature)}. The signature is Ed25519 over
 * SHA-256(canonical(proof options with doc's "@context", without proofValue)) ||
 * SHA-256(canonical(doc without proof)). created is ISO 8601 UTC. */
stiel_status credential_sign(cJSON *doc, const credential_key *k, const char *created,
                             stiel_diag *diag);

/* What credential_verify found. */
typedef struct credential_check {
    bool signature_ok;     /* the proof verifies with the key it names */
    bool issuer_ok;        /* that key is the issuer's (issuer id = the did:key) */
    bool trusted_ok;       /* that key is the trusted key (true when none was given) */
    bool canonical_ok;     /* the file is byte for byte the canonical form, one "\n" after */
    char issuer[CREDENTIAL_DID_MAX];
    char what[320];        /* every failure, in words; "" when all is well */
} credential_check;

/* Checks a credential file's bytes: JSON, a proof as credential_sign makes, the signature over
 * the canonical form (any changed value, name or key fails), the issuer, the trusted public key
 * (trusted_pk may be NULL: not checked), and, unless allow_reformatted, that the text is exactly
 * its canonical form plus "\n" (so a changed space or a reordered key fails too). STIEL_OK when
 * everything holds; STIEL_ERR_CORRUPT (check->what says what failed) when the credential does
 * not verify; STIEL_ERR_SYNTAX when it is no JSON credential at all. */
stiel_status credential_verify(const char *text, size_t len, const uint8_t *trusted_pk,
                               bool allow_reformatted, credential_check *check);

/* ---- the achievement credential (credential_build.c) ----------------------------------------- */

typedef struct credential_evidence {
    const char *id;          /* a URI, or NULL */
    const char *name;
    const char *description; /* may be NULL */
    const char *narrative;   /* may be NULL */
} credential_evidence;

typedef struct credential_input {
    const char *id;                 /* "urn:uuid:..." */
    const char *issuer_did;         /* credential_did_key of the hub key */
    const char *issuer_name;
    const char *valid_from;         /* ISO 8601 UTC */
    const char *subject_id;         /* pseudonymous: "urn:stiel:trainee:T-0001" */
    const char *subject_name;       /* NULL unless names were asked for */
    const char *achievement_id;     /* "urn:stiel:competency:FRAMEWORK:ID" */
    const char *name;               /* the competency's name */
    const char *description;
    const char *criteria;           /* the criteria, in words */
    const char *target_name;        /* "Magazijnmedewerker (BK-0002-3)" */
    const char *target_code;        /* "BK-0002-3" */
    const char *target_url;
    const char *target_description; /* what of the qualification it evidences, may be NULL */
    const credential_evidence *evidence;
    size_t evidence_count;
} credential_input;

/* Builds the unsigned OpenBadgeCredential (W3C VC 2.0 + OB 3.0 contexts) as a cJSON tree
 * (cJSON_Delete it). STIEL_ERR_MISSING when a required input is NULL, STIEL_ERR_NOMEM. */
stiel_status credential_build(const credential_input *in, cJSON **out, stiel_diag *diag);

/* Writes doc's canonical form and a "\n" to path with mode 0600 (replacing the file). */
stiel_status credential_write(const cJSON *doc, const char *path, stiel_diag *diag);

#endif
