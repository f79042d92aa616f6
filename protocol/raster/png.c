/* The 1-bit PNG encoder (see png.h): rows inverted to PNG's "0 = black" with a filter byte each,
 * deflated with zlib, framed as IHDR / IDAT / IEND chunks with CRC-32. */
#include "protocol/raster/png.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const unsigned char raster_png_signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Appends one chunk: length, type, data, CRC-32 over type and data. */
static stiel_status put_chunk(stiel_buf *out, const char type[4], const uint8_t *data, size_t n)
{
    uint8_t head[8];
    uint8_t tail[4];
    if (n > 0x7FFFFFFFu)
        return STIEL_ERR_OVERLONG;
    put_be32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)type, 4);
    if (n > 0)
        crc = crc32(crc, (const Bytef *)data, (uInt)n);
    put_be32(tail, (uint32_t)crc);
    stiel_status st = stiel_buf_append(out, head, sizeof head);
    if (st == STIEL_OK && n > 0)
        st = stiel_buf_append(out, data, n);
    if (st == STIEL_OK)
        st = stiel_buf_append(out, tail, sizeof tail);
    return st;
}

/* The filtered scanlines: per row a 0 filter byte then the row inverted (PNG grey 0 = black),
 * padding bits white. */
static uint8_t *scanlines(const stiel_bitmap *bm, size_t *n)
{
    size_t row = (size_t)bm->stride + 1;
    *n = row * (size_t)bm->height;
    uint8_t *raw = malloc(*n);
    if (raw == NULL)
        return NULL;
    uint8_t pad = (bm->width & 7) ? (uint8_t)(0xFFu >> (bm->width & 7)) : 0;
    for (int y = 0; y < bm->height; y++) {
        uint8_t *dst = raw + (size_t)y * row;
        const uint8_t *src = bm->bits + (size_t)y * (size_t)bm->stride;
        dst[0] = 0;
        for (int i = 0; i < bm->stride; i++)
            dst[1 + i] = (uint8_t)~src[i];
        dst[bm->stride] |= pad;
    }
    return raw;
}

stiel_status raster_png_encode(const stiel_bitmap *bm, stiel_buf *out, stiel_diag *diag)
{
    if (bm == NULL || bm->bits == NULL || bm->width <= 0 || bm->height <= 0 || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "PNG: no bitmap to encode");
    size_t raw_len = 0;
    uint8_t *raw = scanlines(bm, &raw_len);
    if (raw == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "PNG: out of memory for %dx%d dots", bm->width, bm->height);
    uLongf z_len = compressBound((uLong)raw_len);
    uint8_t *z = malloc(z_len);
    if (z == NULL) {
        free(raw);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "PNG: out of memory for %dx%d dots", bm->width, bm->height);
    }
    int zr = compress2(z, &z_len, raw, (uLong)raw_len, 9);
    free(raw);
    if (zr != Z_OK) {
        free(z);
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "PNG: zlib could not compress the image (%d)", zr);
    }
    uint8_t ihdr[13];
    put_be32(ihdr, (uint32_t)bm->width);
    put_be32(ihdr + 4, (uint32_t)bm->height);
    ihdr[8] = 1;  /* bit depth */
    ihdr[9] = 0;  /* colour type: greyscale */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filtering (filter type 0 on every row) */
    ihdr[12] = 0; /* no interlace */
    size_t start = out->len;
    stiel_status st = stiel_buf_append(out, raster_png_signature, sizeof raster_png_signature);
    if (st == STIEL_OK)
        st = put_chunk(out, "IHDR", ihdr, sizeof ihdr);
    if (st == STIEL_OK)
        st = put_chunk(out, "IDAT", z, z_len);
    if (st == STIEL_OK)
        st = put_chunk(out, "IEND", NULL, 0);
    free(z);
    if (st != STIEL_OK) {
        out->len = start; /* unchanged on error */
        if (out->data != NULL)
            out->data[start] = '\0';
        return stiel_diag_set(diag, st, "PNG of %dx%d dots does not fit the output buffer", bm->width,
                              bm->height);
    }
    return STIEL_OK;
}
