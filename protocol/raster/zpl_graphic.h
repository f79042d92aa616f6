/* ZPL ^GFA graphic fields from a stiel_bitmap: plain ASCII hex, Zebra ASCII compression
 * (G-Y/g-z repeat counts, ',' ':'), and :Z64: (zlib + Base64 + CRC-16/XMODEM); full-label
 * wrappers; and decoders of all three (and :B64:) for tests and the printer simulator. Pure. */
#ifndef STIEL_PROTOCOL_RASTER_ZPL_GRAPHIC_H
#define STIEL_PROTOCOL_RASTER_ZPL_GRAPHIC_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "protocol/raster/bitmap.h"

typedef enum raster_zpl_encoding {
    RASTER_ZPL_HEX,  /* two hex digits per byte, upper case, no line breaks */
    RASTER_ZPL_ACS,  /* ASCII compression ("rle"): repeat counts, ',' rest-of-row zeros, ':' */
    RASTER_ZPL_Z64   /* ":Z64:" base64(zlib level 9) ":" crc16 as 4 lower-case hex digits */
} raster_zpl_encoding;

/* Appends only the data part of a ^GFA field for bm (what follows "^GFA,b,c,d,"). The ASCII
 * compression never emits '!' (readers disagree on whether it fills with 0x11 or 0xFF bytes); runs
 * of F use repeat counts instead. Padding bits right of bm->width are sent as white. On error
 * out is unchanged and diag says why. */
stiel_status raster_zpl_data_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                    stiel_diag *diag);

/* Appends "^GFA,c,c,d,<data>" where c = total bytes and d = bytes per row (no ^FO, no ^FS).
 * The FF00FF00 2x2-byte bitmap in Z64 gives "^GFA,4,4,2,:Z64:eNr7z/CfAQAF/gH/:2ba4". */
stiel_status raster_zpl_gf_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                  stiel_diag *diag);

/* Appends a whole label that prints bm from the top-left corner:
 * "^XA^PW<width>^LL<height>^LH0,0^FO0,0^GFA,...^FS^XZ\n". */
stiel_status raster_zpl_label_append(stiel_buf *out, const stiel_bitmap *bm, raster_zpl_encoding enc,
                                     stiel_diag *diag);

/* Decodes ^GFA data (hex with or without ASCII compression, :Z64: or :B64:, told apart by their
 * prefix) of a graphic of total_bytes bytes in rows of bytes_per_row, appending exactly
 * total_bytes bytes to out. CR and LF in hex data are skipped. Errors: STIEL_ERR_CHECKSUM (CRC),
 * STIEL_ERR_CHARSET (a character that is no hex digit or code), STIEL_ERR_TRUNCATED (less data
 * than total_bytes), STIEL_ERR_OVERLONG (more), STIEL_ERR_SYNTAX (':' mid-row or first, broken
 * Z64 framing), STIEL_ERR_CORRUPT (zlib data that does not inflate). On error out is unchanged. */
stiel_status raster_zpl_data_decode(const char *data, size_t len, size_t total_bytes, int bytes_per_row,
                                    stiel_buf *out, stiel_diag *diag);

/* Parses a "^GFA,b,c,d,data" field (text may start at "^GF" or right after it) up to the next '^'
 * or '~' or the end, into bm (uninitialised on entry) of width d*8 and height c/d. *consumed (if
 * not NULL) gets the characters used. Only format A is supported (STIEL_ERR_UNSUPPORTED for B, C). */
stiel_status raster_zpl_gf_decode(const char *text, size_t len, stiel_bitmap *bm, size_t *consumed,
                                  stiel_diag *diag);

#endif
