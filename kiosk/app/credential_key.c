/* The hub's Ed25519 key (libsodium): made on first use into the data folder with mode 0600 and
 * read back; base58btc multibase and did:key text for its public half. */
#include "kiosk/app/credential.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char B58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

bool credential_base58_encode(const uint8_t *in, size_t n, char *out, size_t cap)
{
    uint8_t digits[256]; /* base-58 digits, least significant first */
    size_t nd = 0, zeros = 0;
    if (n > 160)
        return false;
    while (zeros < n && in[zeros] == 0)
        zeros++;
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = in[i];
        for (size_t j = 0; j < nd; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (uint8_t)(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits[nd++] = (uint8_t)(carry % 58);
            carry /= 58;
        }
    }
    if (zeros + nd + 1 > cap)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < zeros; i++)
        out[o++] = '1';
    for (size_t i = nd; i > 0; i--)
        out[o++] = B58[digits[i - 1]];
    out[o] = 0;
    return true;
}

bool credential_base58_decode(const char *text, uint8_t *out, size_t n)
{
    uint8_t bytes[160]; /* big number, least significant byte first */
    size_t nb = 0, zeros = 0;
    if (!text || n > sizeof bytes)
        return false;
    while (text[zeros] == '1')
        zeros++;
    for (const char *p = text + zeros; *p; p++) {
        const char *at = strchr(B58, *p);
        if (!at || !*p)
            return false;
        unsigned carry = (unsigned)(at - B58);
        for (size_t j = 0; j < nb; j++) {
            carry += (unsigned)bytes[j] * 58;
            bytes[j] = (uint8_t)(carry & 0xff);
            carry >>= 8;
        }
        while (carry) {
            if (nb == sizeof bytes)
                return false;
            bytes[nb++] = (uint8_t)(carry & 0xff);
            carry >>= 8;
        }
    }
    if (zeros + nb != n)
        return false;
    memset(out, 0, zeros);
    for (size_t i = 0; i < nb; i++)
        out[zeros + i] = bytes[nb - 1 - i];
    return true;
}

void credential_did_key(const uint8_t pk[CREDENTIAL_PK_LEN], char out[CREDENTIAL_DID_MAX])
{
    uint8_t mc[2 + CREDENTIAL_PK_LEN] = {0xed, 0x01};
    memcpy(mc + 2, pk, CREDENTIAL_PK_LEN);
    memcpy(out, "did:key:z", 9);
    if (!credential_base58_encode(mc, sizeof mc, out + 9, CREDENTIAL_DID_MAX - 9))
        out[0] = 0; /* cannot happen: 34 bytes are at most 47 digits */
}

bool credential_did_key_parse(const char *did, uint8_t pk[CREDENTIAL_PK_LEN])
{
    if (!did || strncmp(did, "did:key:z", 9) != 0)
        return false;
    char digits[CREDENTIAL_DID_MAX];
    size_t n = strcspn(did + 9, "#");
    if (n == 0 || n >= sizeof digits)
        return false;
    memcpy(digits, did + 9, n);
    digits[n] = 0;
    uint8_t mc[2 + CREDENTIAL_PK_LEN];
    if (!credential_base58_decode(digits, mc, sizeof mc) || mc[0] != 0xed || mc[1] != 0x01)
        return false;
    memcpy(pk, mc + 2, CREDENTIAL_PK_LEN);
    return true;
}

stiel_status credential_key_generate(credential_key *k, stiel_diag *diag)
{
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium could not be initialised");
    crypto_sign_keypair(k->pk, k->sk);
    return STIEL_OK;
}

stiel_status credential_key_load(const char *path, credential_key *k, stiel_diag *diag)
{
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium could not be initialised");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no hub key at %s", path);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read the hub key %s: %s", path,
                              strerror(errno));
    uint8_t buf[CREDENTIAL_SK_LEN + 1];
    ssize_t got = read(fd, buf, sizeof buf);
    close(fd);
    stiel_status st = STIEL_OK;
    if (got != CREDENTIAL_SK_LEN) {
        st = stiel_diag_set(diag, STIEL_ERR_CORRUPT,
                            "%s is not a hub key (%d bytes, a key is exactly %d)", path,
                            (int)got, CREDENTIAL_SK_LEN);
    } else {
        uint8_t pk[CREDENTIAL_PK_LEN], sk[CREDENTIAL_SK_LEN];
        crypto_sign_seed_keypair(pk, sk, buf);
        if (sodium_memcmp(pk, buf + 32, CREDENTIAL_PK_LEN) != 0) {
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT,
                                "%s is damaged: its public half does not match its seed", path);
        } else {
            memcpy(k->pk, pk, sizeof pk);
            memcpy(k->sk, sk, sizeof sk);
        }
        sodium_memzero(sk, sizeof sk);
    }
    sodium_memzero(buf, sizeof buf);
    return st;
}

stiel_status credential_key_load_or_create(const char *path, credential_key *k, bool *created,
                                           stiel_diag *diag)
{
    if (created)
        *created = false;
    stiel_status st = credential_key_load(path, k, diag);
    if (st != STIEL_ERR_NOT_FOUND)
        return st;
    st = credential_key_generate(k, diag);
    if (st != STIEL_OK)
        return st;
    /* O_EXCL: two first uses at once must not end with two keys */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        return credential_key_load(path, k, diag);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot create the hub key %s: %s", path,
                              strerror(errno));
    bool ok = write(fd, k->sk, CREDENTIAL_SK_LEN) == CREDENTIAL_SK_LEN && fsync(fd) == 0;
    if (close(fd) != 0)
        ok = false;
    if (!ok) {
        unlink(path);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write the hub key %s", path);
    }
    if (created)
        *created = true;
    return STIEL_OK;
}

stiel_status credential_key_path(const char *store_path, stiel_buf *out, stiel_diag *diag)
{
    const char *slash = store_path ? strrchr(store_path, '/') : NULL;
    stiel_status st;
    if (!slash)
        st = stiel_buf_puts(out, CREDENTIAL_KEY_FILE);
    else
        st = stiel_buf_printf(out, "%.*s/" CREDENTIAL_KEY_FILE, (int)(slash - store_path),
                              store_path);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the store path is too long");
    return STIEL_OK;
}
