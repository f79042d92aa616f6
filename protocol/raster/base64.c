/* Base64 encode and decode (RFC 4648, standard alphabet, padded). See base64.h. */
#include "protocol/raster/base64.h"
#include "protocol/raster/rollback.h"

#include <stdbool.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

stiel_status base64_encode_append(stiel_buf *out, const void *data, size_t n)
{
    const uint8_t *p = data;
    size_t start = out->len;
    char quad[4];
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        size_t left = n - i;
        if (left > 1)
            v |= (uint32_t)p[i + 1] << 8;
        if (left > 2)
            v |= p[i + 2];
        quad[0] = alphabet[(v >> 18) & 63];
        quad[1] = alphabet[(v >> 12) & 63];
        quad[2] = left > 1 ? alphabet[(v >> 6) & 63] : '=';
        quad[3] = left > 2 ? alphabet[v & 63] : '=';
        stiel_status st = stiel_buf_append(out, quad, 4);
        if (st != STIEL_OK) {
            raster_buf_rollback(out, start);
            return st;
        }
    }
    return STIEL_OK;
}

/* Value of a Base64 character, or -1. */
static int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

stiel_status base64_decode_append(stiel_buf *out, const char *text, size_t len)
{
    if (len % 4 != 0)
        return STIEL_ERR_SYNTAX;
    size_t start = out->len;
    stiel_status st = STIEL_OK;
    for (size_t i = 0; i < len && st == STIEL_OK; i += 4) {
        bool last = i + 4 == len;
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = text[i + (size_t)k];
            if (c == '=') {
                /* only at the end of the last quad, and at most two */
                if (!last || k < 2) {
                    st = STIEL_ERR_SYNTAX;
                    break;
                }
                pad++;
                v[k] = 0;
                continue;
            }
            if (pad > 0) {
                st = STIEL_ERR_SYNTAX;
                break;
            }
            v[k] = sextet(c);
            if (v[k] < 0) {
                st = STIEL_ERR_CHARSET;
                break;
            }
        }
        if (st != STIEL_OK)
            break;
        uint32_t w = ((uint32_t)v[0] << 18) | ((uint32_t)v[1] << 12) | ((uint32_t)v[2] << 6) | (uint32_t)v[3];
        uint8_t bytes[3] = {(uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w};
        st = stiel_buf_append(out, bytes, (size_t)(3 - pad));
    }
    if (st != STIEL_OK)
        raster_buf_rollback(out, start);
    return st;
}
