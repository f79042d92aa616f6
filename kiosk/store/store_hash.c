/* The hash chain's arithmetic: SHA-256 of payloads, the canonical encoding of a row's fields
 * hashed with the previous link, hex text, and UUID v4 ids. SHA-256 is OpenSSL's libcrypto (which
 * uses the CPU's SHA extensions where present); the random UUIDs come from libsodium. */

/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but EVP_DigestInit_ex
 * allocates a provider context on every call in OpenSSL 3.0 (so it could fail mid-verify and costs
 * ~25% more per row); the low-level calls run the same SHA-NI code on a stack state, cannot fail
 * and allocate nothing. This file is the only user, so a later move to EVP stays local. */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "kiosk/store/store_internal.h"

#include <string.h>

#include <openssl/sha.h>
#include <sodium.h>

enum { STORE_ENCODING_VERSION = 1, ENC_CHUNK = 512 };

/* Feeds bytes to the SHA-256 state through a small buffer (many tiny updates are slow). */
typedef struct enc {
    SHA256_CTX sha;
    uint8_t buf[ENC_CHUNK];
    size_t n;
} enc;

static void enc_put(enc *e, const void *bytes, size_t len)
{
    const uint8_t *p = bytes;
    if (e->n + len > sizeof e->buf) {
        SHA256_Update(&e->sha, e->buf, e->n);
        e->n = 0;
        if (len > sizeof e->buf) {
            SHA256_Update(&e->sha, p, len);
            return;
        }
    }
    memcpy(e->buf + e->n, p, len);
    e->n += len;
}

static void enc_u64(enc *e, uint64_t v)
{
    uint8_t b[8];
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
    enc_put(e, b, sizeof b);
}

static void enc_text(enc *e, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    uint8_t b[4] = {(uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len};
    enc_put(e, b, sizeof b);
    if (len)
        enc_put(e, s, len);
}

void store_hash_link(const uint8_t prev[STORE_HASH_LEN], const store_link *link,
                     const uint8_t payload_hash[STORE_HASH_LEN], uint8_t out[STORE_HASH_LEN])
{
    enc e;
    e.n = 0;
    SHA256_Init(&e.sha);
    enc_put(&e, prev, STORE_HASH_LEN);
    uint8_t version = STORE_ENCODING_VERSION;
    enc_put(&e, &version, 1);
    enc_text(&e, link->id);
    enc_text(&e, link->kiosk_id);
    enc_u64(&e, (uint64_t)link->seq);
    enc_u64(&e, (uint64_t)link->ts_ms);
    enc_text(&e, link->trainee_id);
    enc_text(&e, link->actor_id);
    enc_text(&e, link->kind);
    uint8_t has_voids = link->voids_id ? 1 : 0;
    enc_put(&e, &has_voids, 1);
    if (has_voids)
        enc_text(&e, link->voids_id);
    enc_put(&e, payload_hash, STORE_HASH_LEN);
    SHA256_Update(&e.sha, e.buf, e.n);
    SHA256_Final(out, &e.sha);
}

void store_hash_payload(const char *payload, size_t len, uint8_t out[STORE_HASH_LEN])
{
    SHA256_CTX sha;
    SHA256_Init(&sha);
    SHA256_Update(&sha, payload, len);
    SHA256_Final(out, &sha);
}

void store_hash_hex(const uint8_t hash[STORE_HASH_LEN], char out[STORE_HASH_HEX])
{
    sodium_bin2hex(out, STORE_HASH_HEX, hash, STORE_HASH_LEN);
}

void store_uuid_v4(char out[STORE_UUID_LEN])
{
    static const char hex[] = "0123456789abcdef";
    uint8_t r[16];
    randombytes_buf(r, sizeof r);
    r[6] = (uint8_t)((r[6] & 0x0f) | 0x40); /* version 4 */
    r[8] = (uint8_t)((r[8] & 0x3f) | 0x80); /* variant 10xx */
    size_t o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[r[i] >> 4];
        out[o++] = hex[r[i] & 0x0f];
    }
    out[o] = '\0';
}
