/* A PNG encoder for 1-bit bitmaps, without SDL: IHDR (grey, bit depth 1), one zlib IDAT, IEND,
 * each chunk with its CRC-32 (from zlib). Used by the virtual printer in drivers/, which may not
 * use render/. Pure: the caller writes the bytes where it wants. */
#ifndef STIEL_PROTOCOL_RASTER_PNG_H
#define STIEL_PROTOCOL_RASTER_PNG_H

#include "common/buf.h"
#include "common/status.h"
#include "protocol/raster/bitmap.h"

/* The 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A. */
extern const unsigned char raster_png_signature[8];

/* Appends bm as a PNG file to out: greyscale, bit depth 1, no interlace, one pixel per dot, black
 * dots black (PNG grey 0) on white (1); every row has filter type 0 (none); the image data is one
 * zlib stream (level 9) in one IDAT chunk. Padding bits right of bm->width are written white.
 * Errors: STIEL_ERR_ARG (no bitmap or no dots), STIEL_ERR_NOMEM / STIEL_ERR_OVERLONG (out's cap),
 * STIEL_ERR_INTERNAL (zlib refused). On error out is unchanged. */
stiel_status raster_png_encode(const stiel_bitmap *bm, stiel_buf *out, stiel_diag *diag);

#endif
