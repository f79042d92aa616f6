/* The 1-bit bitmap declared in bitmap.h: allocation, single dots, filled rectangles, blits and
 * the few whole-bitmap helpers the encoders and the rasterizer share. Pure. */
#include "protocol/raster/bitmap.h"

#include <stdlib.h>
#include <string.h>

enum { BITMAP_MAX_SIDE = 32767 };

stiel_status stiel_bitmap_init(stiel_bitmap *bm, int width, int height)
{
    if (bm == NULL)
        return STIEL_ERR_ARG;
    memset(bm, 0, sizeof *bm);
    if (width < 1 || height < 1 || width > BITMAP_MAX_SIDE || height > BITMAP_MAX_SIDE)
        return STIEL_ERR_ARG;
    int stride = (width + 7) / 8;
    uint8_t *bits = calloc((size_t)stride * (size_t)height, 1);
    if (bits == NULL)
        return STIEL_ERR_NOMEM;
    bm->width = width;
    bm->height = height;
    bm->stride = stride;
    bm->bits = bits;
    return STIEL_OK;
}

void stiel_bitmap_free(stiel_bitmap *bm)
{
    if (bm == NULL)
        return;
    free(bm->bits);
    memset(bm, 0, sizeof *bm);
}

bool stiel_bitmap_get(const stiel_bitmap *bm, int x, int y)
{
    if (bm == NULL || bm->bits == NULL || x < 0 || y < 0 || x >= bm->width || y >= bm->height)
        return false;
    return (bm->bits[(size_t)y * (size_t)bm->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1u;
}

void stiel_bitmap_set(stiel_bitmap *bm, int x, int y, bool on)
{
    if (bm == NULL || bm->bits == NULL || x < 0 || y < 0 || x >= bm->width || y >= bm->height)
        return;
    uint8_t *byte = &bm->bits[(size_t)y * (size_t)bm->stride + (size_t)(x >> 3)];
    uint8_t mask = (uint8_t)(0x80u >> (x & 7));
    if (on)
        *byte |= mask;
    else
        *byte &= (uint8_t)~mask;
}

/* Clips [*start, *start + *len) to [0, limit); returns false when nothing is left. */
static bool clip_span(int *start, int *len, int limit)
{
    long s = *start, e = (long)*start + (long)*len;
    if (s < 0)
        s = 0;
    if (e > limit)
        e = limit;
    if (e <= s)
        return false;
    *start = (int)s;
    *len = (int)(e - s);
    return true;
}

void stiel_bitmap_fill_rect(stiel_bitmap *bm, int x, int y, int w, int h, bool on)
{
    if (bm == NULL || bm->bits == NULL || w <= 0 || h <= 0)
        return;
    if (!clip_span(&x, &w, bm->width) || !clip_span(&y, &h, bm->height))
        return;
    for (int row = y; row < y + h; row++) {
        uint8_t *line = bm->bits + (size_t)row * (size_t)bm->stride;
        int col = x;
        int end = x + w;
        while (col < end && (col & 7) != 0) {
            uint8_t mask = (uint8_t)(0x80u >> (col & 7));
            line[col >> 3] = on ? (uint8_t)(line[col >> 3] | mask) : (uint8_t)(line[col >> 3] & ~mask);
            col++;
        }
        if (end - col >= 8) {
            int whole = (end - col) / 8;
            memset(line + (col >> 3), on ? 0xFF : 0x00, (size_t)whole);
            col += whole * 8;
        }
        while (col < end) {
            uint8_t mask = (uint8_t)(0x80u >> (col & 7));
            line[col >> 3] = on ? (uint8_t)(line[col >> 3] | mask) : (uint8_t)(line[col >> 3] & ~mask);
            col++;
        }
    }
}

void stiel_bitmap_blit(stiel_bitmap *dst, const stiel_bitmap *src, int x, int y)
{
    if (dst == NULL || src == NULL || dst->bits == NULL || src->bits == NULL)
        return;
    for (int sy = 0; sy < src->height; sy++) {
        int dy = y + sy;
        if (dy < 0 || dy >= dst->height)
            continue;
        for (int sx = 0; sx < src->width; sx++) {
            int dx = x + sx;
            if (dx < 0 || dx >= dst->width)
                continue;
            if (stiel_bitmap_get(src, sx, sy))
                stiel_bitmap_set(dst, dx, dy, true);
        }
    }
}

stiel_status stiel_bitmap_rotate(const stiel_bitmap *src, int degrees, stiel_bitmap *out)
{
    if (src == NULL || out == NULL || src->bits == NULL)
        return STIEL_ERR_ARG;
    if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
        return STIEL_ERR_ARG;
    bool quarter = degrees == 90 || degrees == 270;
    stiel_status st = stiel_bitmap_init(out, quarter ? src->height : src->width,
                                        quarter ? src->width : src->height);
    if (st != STIEL_OK)
        return st;
    int w = src->width, h = src->height;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            if (!stiel_bitmap_get(src, x, y))
                continue;
            switch (degrees) {
            case 90: /* clockwise: top row becomes the right column */
                stiel_bitmap_set(out, h - 1 - y, x, true);
                break;
            case 180:
                stiel_bitmap_set(out, w - 1 - x, h - 1 - y, true);
                break;
            case 270:
                stiel_bitmap_set(out, y, w - 1 - x, true);
                break;
            default:
                stiel_bitmap_set(out, x, y, true);
                break;
            }
        }
    }
    return STIEL_OK;
}

size_t stiel_bitmap_count_black(const stiel_bitmap *bm)
{
    size_t n = 0;
    if (bm == NULL || bm->bits == NULL)
        return 0;
    for (int y = 0; y < bm->height; y++)
        for (int x = 0; x < bm->width; x++)
            n += stiel_bitmap_get(bm, x, y) ? 1u : 0u;
    return n;
}

bool stiel_bitmap_equal(const stiel_bitmap *a, const stiel_bitmap *b)
{
    if (a == NULL || b == NULL || a->width != b->width || a->height != b->height)
        return false;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width; x++)
            if (stiel_bitmap_get(a, x, y) != stiel_bitmap_get(b, x, y))
                return false;
    return true;
}
