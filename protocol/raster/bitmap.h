/* A 1-bit bitmap of a label or a field: rows MSB-first (bit 7 of byte 0 is the leftmost dot),
 * 1 = black, as ZPL ^GF, TSPL BITMAP (inverted on the wire) and ESC/POS GS v 0 want it. Pure. */
#ifndef STIEL_PROTOCOL_RASTER_BITMAP_H
#define STIEL_PROTOCOL_RASTER_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

typedef struct stiel_bitmap {
    int width;       /* dots */
    int height;      /* dots */
    int stride;      /* bytes per row: (width + 7) / 8 */
    uint8_t *bits;   /* stride * height bytes, owned */
} stiel_bitmap;

/* Allocates an all-white width x height bitmap (both 1..32767). */
stiel_status stiel_bitmap_init(stiel_bitmap *bm, int width, int height);

/* Frees the dots; the struct may be initialised again. Safe on a zeroed struct. */
void stiel_bitmap_free(stiel_bitmap *bm);

/* Reads one dot (false outside the bitmap). */
bool stiel_bitmap_get(const stiel_bitmap *bm, int x, int y);

/* Sets one dot black (on) or white; ignores coordinates outside the bitmap. */
void stiel_bitmap_set(stiel_bitmap *bm, int x, int y, bool on);

/* Fills a rectangle, clipped to the bitmap. */
void stiel_bitmap_fill_rect(stiel_bitmap *bm, int x, int y, int w, int h, bool on);

/* Copies src into dst with its top-left at (x, y), OR-ing black dots, clipped. */
void stiel_bitmap_blit(stiel_bitmap *dst, const stiel_bitmap *src, int x, int y);

/* Additions beyond the agreed contract (engineer D): */

/* Fills out (uninitialised on entry) with src turned clockwise by degrees (0, 90, 180, 270).
 * STIEL_ERR_ARG for another angle; on error out is left zeroed. */
stiel_status stiel_bitmap_rotate(const stiel_bitmap *src, int degrees, stiel_bitmap *out);

/* Number of black dots (padding bits beyond width are not counted). 0 for NULL. */
size_t stiel_bitmap_count_black(const stiel_bitmap *bm);

/* True when a and b have the same size and the same dots (padding bits ignored). */
bool stiel_bitmap_equal(const stiel_bitmap *a, const stiel_bitmap *b);

#endif
