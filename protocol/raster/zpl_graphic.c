/* ZPL ^GFA encoders: ASCII hex, ASCII compression and Z64, plus the full-label wrapper.
 * See zpl_graphic.h; the decoders live in zpl_graphic_decode.c. */
#include "protocol/raster/zpl_graphic.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "protocol/raster/base64.h"
#include "protocol/raster/crc16.h"
#include "protocol/raster/rollback.h"

static const char hex_digits[] = "0123456789ABCDEF";

/* Byte i of row y with the padding bits right of the width cleared. */
static uint8_t row_byte(const stiel_bitmap *bm, int y, int i)
{
    uint8_t b = bm->bits[(size_t)y * (size_t)bm->stride + (size_t)i];
    if (i == bm->stride - 1 && (bm->width & 7) != 0)
        b &= (uint8_t)(0xFFu << (8 - (bm->width & 7)));
    return b;
}

/* Copies the whole graphic, padding cleared, into a new array of stride*height bytes. */
static uint8_t *graphic_bytes(const stiel_bitmap *bm, size_t *n)
{
    *n = (size_t)bm->stride * (size_t)bm->height;
    uint8_t *p = malloc(*n);
    if (p == NULL)
        return NULL;
    for (int y = 0; y < bm->height; y++)
        for (int i = 0; i < bm->stride; i++)
            p[(size_t)y * (size_t)bm->stride + (size_t)i] = row_byte(bm, y, i);
    return p;
}

static stiel_status append_hex(stiel_buf *out, const stiel_bitmap *bm)
{
    char pair[2];
    for (int y = 0; y < bm->height; y++) {
        for (int i = 0; i < bm->stride; i++) {
            uint8_t b = row_byte(bm, y, i);
            pair[0] = hex_digits[b >> 4];
            pair[1] = hex_digits[b & 15];
            stiel_status st = stiel_buf_append(out, pair, 2);
            if (st != STIEL_OK)
                return st;
        }
    }
    return STIEL_OK;
}

/* Appends a run of n (>= 1) copies of hex digit c in ASCII compression: a count prefix of at most
 * one of g..z (20..400) and one of G..Y (1..19), repeated per 419 digits. */
static stiel_status append_run(stiel_buf *out, char c, int n)
{
    while (n > 0) {
        int chunk = n > 419 ? 419 : n;
        char code[3];
        size_t k = 0;
        if (chunk >= 2) {
            int hi = chunk / 20, lo = chunk % 20;
            if (hi > 0)
                code[k++] = (char)('g' + hi - 1);
            if (lo > 0)
                code[k++] = (char)('G' + lo - 1);
        }
        code[k++] = c;
        stiel_status st = stiel_buf_append(out, code, k);
        if (st != STIEL_OK)
            return st;
        n -= chunk;
    }
    return STIEL_OK;
}

static stiel_status append_acs(stiel_buf *out, const stiel_bitmap *bm)
{
    size_t row_hex = (size_t)bm->stride * 2;
    char *cur = malloc(row_hex);
    char *prev = malloc(row_hex);
    stiel_status st = (cur == NULL || prev == NULL) ? STIEL_ERR_NOMEM : STIEL_OK;
    for (int y = 0; y < bm->height && st == STIEL_OK; y++) {
        for (int i = 0; i < bm->stride; i++) {
            uint8_t b = row_byte(bm, y, i);
            cur[2 * i] = hex_digits[b >> 4];
            cur[2 * i + 1] = hex_digits[b & 15];
        }
        if (y > 0 && memcmp(cur, prev, row_hex) == 0) {
            st = stiel_buf_append(out, ":", 1);
            continue;
        }
        size_t end = row_hex; /* one past the last non-zero digit */
        while (end > 0 && cur[end - 1] == '0')
            end--;
        size_t i = 0;
        while (i < end && st == STIEL_OK) {
            size_t j = i + 1;
            while (j < end && cur[j] == cur[i])
                j++;
            st = append_run(out, cur[i], (int)(j - i));
            i = j;
        }
        if (st == STIEL_OK && end < row_hex)
            st = stiel_buf_append(out, ",", 1);
        char *t = prev;
        prev = cur;
        cur = t;
    }
    free(cur);
    free(prev);
    return st;
}

static stiel_status append_z64(stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag)
{
    size_t n;
    uint8_t *raw = graphic_bytes(bm, &n);
    if (raw == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for a %zu-byte graphic", n);
    uLongf zlen = compressBound((uLong)n);
    uint8_t *z = malloc(zlen);
    if (z == NULL) {
        free(raw);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory compressing a %zu-byte graphic", n);
    }
    int zr = compress2(z, &zlen, raw, (uLong)n, Z_BEST_COMPRESSION);
    free(raw);
    if (zr != Z_OK) {
        free(z);
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "zlib compress2 failed (%d)", zr);
    }
    size_t start = out->len;
    stiel_status st = stiel_buf_puts(out, ":Z64:");
    size_t b64_start = out->len;
    if (st == STIEL_OK)
        st = base64_encode_append(out, z, zlen);
    free(z);
    if (st == STIEL_OK) {
        uint16_t crc = crc16_xmodem(0, out->data + b64_start, out->len - b64_start);
        st = stiel_buf_printf(out, ":%04x", (unsigned)crc);
    }
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        return stiel_diag_set(diag, st, "could not write a %zu-byte Z64 graphic: %s", n, stiel_strerror(st));
    }
    return STIEL_OK;
}

static stiel_status check_bitmap(const stiel_bitmap *bm, stiel_diag *diag)
{
    if (bm == NULL || bm->bits == NULL || bm->width < 1 || bm->height < 1 || bm->stride != (bm->width + 7) / 8)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no bitmap, or a bitmap that was never initialised");
    return STIEL_OK;
}

stiel_status raster_zpl_data_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                    stiel_diag *diag)
{
    stiel_status st = check_bitmap(bm, diag);
    if (st != STIEL_OK || out == NULL)
        return st != STIEL_OK ? st : stiel_diag_set(diag, STIEL_ERR_ARG, "no output buffer");
    size_t start = out->len;
    switch (enc) {
    case RASTER_ZPL_HEX:
        st = append_hex(out, bm);
        break;
    case RASTER_ZPL_ACS:
        st = append_acs(out, bm);
        break;
    case RASTER_ZPL_Z64:
        st = append_z64(out, bm, diag);
        break;
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown ZPL graphic encoding %d", (int)enc);
    }
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        if (enc != RASTER_ZPL_Z64) /* append_z64 says why itself */
            stiel_diag_set(diag, st, "could not encode a %dx%d graphic: %s", bm->width, bm->height,
                           stiel_strerror(st));
    }
    return st;
}

stiel_status raster_zpl_gf_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                  stiel_diag *diag)
{
    stiel_status st = check_bitmap(bm, diag);
    if (st != STIEL_OK || out == NULL)
        return st != STIEL_OK ? st : stiel_diag_set(diag, STIEL_ERR_ARG, "no output buffer");
    size_t start = out->len;
    size_t total = (size_t)bm->stride * (size_t)bm->height;
    st = stiel_buf_printf(out, "^GFA,%zu,%zu,%d,", total, total, bm->stride);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "could not write the ^GF header: %s", stiel_strerror(st));
    st = raster_zpl_data_append(out, bm, enc, diag);
    if (st != STIEL_OK)
        raster_buf_rollback(out, start);
    return st;
}

stiel_status raster_zpl_label_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                     stiel_diag *diag)
{
    stiel_status st = check_bitmap(bm, diag);
    if (st != STIEL_OK || out == NULL)
        return st != STIEL_OK ? st : stiel_diag_set(diag, STIEL_ERR_ARG, "no output buffer");
    size_t start = out->len;
    st = stiel_buf_printf(out, "^XA^PW%d^LL%d^LH0,0^FO0,0", bm->width, bm->height);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "could not write the ZPL label header: %s", stiel_strerror(st));
    st = raster_zpl_gf_append(out, bm, enc, diag);
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        return st;
    }
    st = stiel_buf_puts(out, "^FS^XZ\n");
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        return stiel_diag_set(diag, st, "could not end the ZPL label: %s", stiel_strerror(st));
    }
    return STIEL_OK;
}
