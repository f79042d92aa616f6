/* ZPL ^GFA decoders: ASCII hex with or without ASCII compression, :Z64: and :B64:, and the
 * "^GFA,b,c,d,data" field parser. See zpl_graphic.h. */
#include "protocol/raster/zpl_graphic.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/hex.h"
#include "protocol/raster/base64.h"
#include "protocol/raster/crc16.h"
#include "protocol/raster/rollback.h"

enum { GF_MAX_BYTES = 16 << 20 };

/* Repeat count of an ASCII-compression code letter, or 0. */
static int repeat_count(char c)
{
    if (c >= 'G' && c <= 'Y')
        return c - 'G' + 1;
    if (c >= 'g' && c <= 'z')
        return (c - 'g' + 1) * 20;
    return 0;
}

/* Hex digits (nibbles) of the decoded graphic, written row by row. */
typedef struct nibble_sink {
    uint8_t *bytes;      /* total bytes, zeroed */
    size_t total_nib;    /* total_bytes * 2 */
    size_t row_nib;      /* bytes_per_row * 2 */
    size_t pos;          /* nibbles written */
} nibble_sink;

static stiel_status sink_put(nibble_sink *s, int value, size_t count)
{
    if (count > s->total_nib - s->pos)
        return STIEL_ERR_OVERLONG;
    for (size_t i = 0; i < count; i++, s->pos++)
        s->bytes[s->pos / 2] |= (uint8_t)((s->pos & 1) ? value : value << 4);
    return STIEL_OK;
}

static stiel_status decode_ascii(const char *data, size_t len, nibble_sink *s, stiel_diag *diag)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (c == '\r' || c == '\n')
            continue;
        int rep = repeat_count(c);
        if (rep > 0) {
            count += (size_t)rep;
            continue;
        }
        size_t in_row = s->pos % s->row_nib;
        stiel_status st = STIEL_OK;
        if (c == ',' || c == '!') {
            /* the rest of the row; a fill right at a row end (or at the start) is a whole row */
            size_t rest = s->row_nib - in_row;
            st = sink_put(s, c == ',' ? 0 : 15, rest);
        } else if (c == ':') {
            if (in_row != 0 || s->pos == 0)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "graphic data: ':' (repeat the previous row) at offset %zu is not at the "
                                      "start of a row after the first",
                                      i);
            if (s->row_nib > s->total_nib - s->pos)
                st = STIEL_ERR_OVERLONG;
            for (size_t k = 0; k < s->row_nib && st == STIEL_OK; k++) {
                size_t from = s->pos - s->row_nib;
                int v = (s->bytes[from / 2] >> ((from & 1) ? 0 : 4)) & 15;
                st = sink_put(s, v, 1);
            }
        } else {
            int v = stiel_hex_value(c);
            if (v < 0)
                return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                      "graphic data: character 0x%02X at offset %zu is no hex digit or "
                                      "compression code",
                                      (unsigned)(unsigned char)c, i);
            st = sink_put(s, v, count > 0 ? count : 1);
        }
        if (st != STIEL_OK)
            return stiel_diag_set(diag, st, "graphic data runs past its declared %zu bytes (offset %zu)",
                                  s->total_nib / 2, i);
        count = 0;
    }
    if (count > 0)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "graphic data ends with a repeat count and no digit");
    if (s->pos < s->total_nib)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "graphic data holds %zu of its declared %zu bytes",
                              s->pos / 2, s->total_nib / 2);
    return STIEL_OK;
}

/* ":Z64:" or ":B64:" base64 ":" crc. */
static stiel_status decode_b64(const char *data, size_t len, bool zipped, uint8_t *bytes, size_t total,
                               stiel_diag *diag)
{
    const char *body = data + 5;
    size_t rest = len - 5;
    const char *colon = memchr(body, ':', rest);
    if (colon == NULL)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s graphic has no ':' before its CRC",
                              zipped ? "Z64" : "B64");
    size_t b64_len = (size_t)(colon - body);
    size_t crc_len = rest - b64_len - 1;
    if (crc_len != 4)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s graphic CRC must be 4 hex digits, found %zu characters",
                              zipped ? "Z64" : "B64", crc_len);
    unsigned crc_given = 0;
    for (size_t i = 0; i < 4; i++) {
        int v = stiel_hex_value(colon[1 + i]);
        if (v < 0)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s graphic CRC '%.4s' is not hex",
                                  zipped ? "Z64" : "B64", colon + 1);
        crc_given = crc_given * 16 + (unsigned)v;
    }
    unsigned crc = crc16_xmodem(0, body, b64_len);
    if (crc != crc_given)
        return stiel_diag_set(diag, STIEL_ERR_CHECKSUM, "%s graphic CRC is %04x, the data gives %04x",
                              zipped ? "Z64" : "B64", crc_given, crc);
    stiel_buf raw;
    stiel_buf_init(&raw, GF_MAX_BYTES);
    stiel_status st = base64_decode_append(&raw, body, b64_len);
    if (st != STIEL_OK) {
        stiel_buf_free(&raw);
        return stiel_diag_set(diag, st, "%s graphic: the Base64 text is broken (%s)", zipped ? "Z64" : "B64",
                              stiel_strerror(st));
    }
    if (!zipped) {
        st = raw.len == total ? STIEL_OK : (raw.len < total ? STIEL_ERR_TRUNCATED : STIEL_ERR_OVERLONG);
        if (st == STIEL_OK)
            memcpy(bytes, raw.data, total);
        else
            stiel_diag_set(diag, st, "B64 graphic holds %zu bytes, %zu declared", raw.len, total);
        stiel_buf_free(&raw);
        return st;
    }
    /* inflate into total bytes plus one, so that too much data shows */
    uint8_t *tmp = malloc(total + 1);
    if (tmp == NULL) {
        stiel_buf_free(&raw);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory inflating a %zu-byte graphic", total);
    }
    uLongf got = (uLongf)(total + 1);
    int zr = uncompress(tmp, &got, raw.data, (uLong)raw.len);
    stiel_buf_free(&raw);
    if (zr == Z_BUF_ERROR && got == total + 1)
        st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "Z64 graphic inflates to more than its declared %zu bytes",
                            total);
    else if (zr != Z_OK)
        st = stiel_diag_set(diag, STIEL_ERR_CORRUPT, "Z64 graphic does not inflate (zlib error %d)", zr);
    else if (got != total)
        st = stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "Z64 graphic inflates to %lu bytes, %zu declared",
                            (unsigned long)got, total);
    if (st == STIEL_OK)
        memcpy(bytes, tmp, total);
    free(tmp);
    return st;
}

stiel_status raster_zpl_data_decode(const char *data, size_t len, size_t total_bytes, int bytes_per_row,
                                    stiel_buf *out, stiel_diag *diag)
{
    if ((data == NULL && len > 0) || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no graphic data or no output buffer");
    if (bytes_per_row < 1 || total_bytes == 0 || total_bytes % (size_t)bytes_per_row != 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "graphic of %zu bytes cannot be cut into rows of %d bytes", total_bytes,
                              bytes_per_row);
    if (total_bytes > GF_MAX_BYTES)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "graphic of %zu bytes is over the %d-byte limit",
                              total_bytes, GF_MAX_BYTES);
    uint8_t *bytes = calloc(total_bytes, 1);
    if (bytes == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for a %zu-byte graphic", total_bytes);
    stiel_status st;
    bool z64 = len >= 5 && memcmp(data, ":Z64:", 5) == 0;
    bool b64 = len >= 5 && memcmp(data, ":B64:", 5) == 0;
    if (z64 || b64) {
        st = decode_b64(data, len, z64, bytes, total_bytes, diag);
    } else {
        nibble_sink s = {bytes, total_bytes * 2, (size_t)bytes_per_row * 2, 0};
        st = decode_ascii(data, len, &s, diag);
    }
    if (st == STIEL_OK) {
        st = stiel_buf_append(out, bytes, total_bytes);
        if (st != STIEL_OK)
            stiel_diag_set(diag, st, "no room for a %zu-byte graphic", total_bytes);
    }
    free(bytes);
    return st;
}

/* Reads a decimal number ending at a ','; advances *i past the comma. */
static bool read_number(const char *text, size_t len, size_t *i, size_t *value)
{
    size_t v = 0, digits = 0;
    while (*i < len && text[*i] >= '0' && text[*i] <= '9' && digits < 9) {
        v = v * 10 + (size_t)(text[*i] - '0');
        (*i)++;
        digits++;
    }
    if (digits == 0 || *i >= len || text[*i] != ',')
        return false;
    (*i)++;
    *value = v;
    return true;
}

stiel_status raster_zpl_gf_decode(const char *text, size_t len, stiel_bitmap *bm, size_t *consumed,
                                  stiel_diag *diag)
{
    if (text == NULL || bm == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no ^GF text or no bitmap");
    memset(bm, 0, sizeof *bm);
    size_t i = 0;
    if (len >= 3 && memcmp(text, "^GF", 3) == 0)
        i = 3;
    if (i >= len)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "^GF ends before its format letter");
    if (text[i] == 'B' || text[i] == 'C')
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED, "^GF format %c is not supported, only A", text[i]);
    if (text[i] != 'A' || i + 1 >= len || text[i + 1] != ',')
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^GF must start with 'A,'");
    i += 2;
    size_t b, c, d;
    if (!read_number(text, len, &i, &b) || !read_number(text, len, &i, &c) || !read_number(text, len, &i, &d))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^GFA needs three numbers b,c,d before its data");
    (void)b; /* for format A the byte count is informational */
    if (d < 1 || d > 4096 || c % d != 0 || c / d < 1 || c / d > 32767)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^GFA total %zu bytes in rows of %zu is no valid graphic", c,
                              d);
    size_t start = i;
    while (i < len && text[i] != '^' && text[i] != '~')
        i++;
    stiel_buf raw;
    stiel_buf_init(&raw, GF_MAX_BYTES);
    stiel_status st = raster_zpl_data_decode(text + start, i - start, c, (int)d, &raw, diag);
    if (st == STIEL_OK) {
        st = stiel_bitmap_init(bm, (int)d * 8, (int)(c / d));
        if (st == STIEL_OK)
            memcpy(bm->bits, raw.data, c);
        else
            stiel_diag_set(diag, st, "out of memory for a %zux%zu ^GF bitmap", d * 8, c / d);
    }
    stiel_buf_free(&raw);
    if (st == STIEL_OK && consumed != NULL)
        *consumed = i;
    return st;
}
