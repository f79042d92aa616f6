/* Raw (uncompressed binary) bitmap commands of the other printer languages: TSPL BITMAP and
 * EPL2 GW (both 0 = black on the wire, so the dots are inverted) and ESC/POS GS v 0 (1 = black),
 * each alone and as a whole label that prints one bitmap. Pure. */
#ifndef STIEL_PROTOCOL_RASTER_RAW_GRAPHIC_H
#define STIEL_PROTOCOL_RASTER_RAW_GRAPHIC_H

#include "common/buf.h"
#include "common/status.h"
#include "protocol/raster/bitmap.h"

/* Rows per GS v 0 command in raster_escpos_label_append: many printers cap one image's height. */
enum { RASTER_ESCPOS_BAND_ROWS = 256 };

/* Appends "BITMAP x,y,<stride>,<height>,0," + stride*height bytes (bit 1 = white: the bitmap
 * inverted, padding white) + CRLF. Mode 0 is OVERWRITE. On error out is unchanged. */
stiel_status raster_tspl_bitmap_append(stiel_buf *out, const stiel_bitmap *bm, int x, int y, stiel_diag *diag);

/* Appends a whole TSPL job for a label of bm's size at dpi (203 or 300):
 * "SIZE <w> mm,<h> mm\r\nGAP 2 mm,0 mm\r\nCLS\r\nBITMAP 0,0,...\r\nPRINT 1,1\r\n" (mm with one
 * decimal). */
stiel_status raster_tspl_label_append(stiel_buf *out, const stiel_bitmap *bm, int dpi, stiel_diag *diag);

/* Appends "GWx,y,<stride>,<height>," + stride*height bytes (EPL2: bit 1 = white, so inverted, as in
 * Zebra's "Details related to the GW EPL Command") + LF. */
stiel_status raster_epl_gw_append(stiel_buf *out, const stiel_bitmap *bm, int x, int y, stiel_diag *diag);

/* Appends a whole EPL2 job: "\nN\nq<width>\nQ<height>,24\nGW0,0,...\nP1\n". */
stiel_status raster_epl_label_append(stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag);

/* Appends GS v 0 for rows [y0, y0 + rows) of bm: 1D 76 30 00 xL xH yL yH then the rows as they are
 * (1 = black), where xL + 256 xH = bytes per row and yL + 256 yH = rows. */
stiel_status raster_escpos_raster_append(stiel_buf *out, const stiel_bitmap *bm, int y0, int rows,
                                         stiel_diag *diag);

/* Appends a whole ESC/POS job: ESC @ (1B 40), the bitmap in GS v 0 bands of at most
 * RASTER_ESCPOS_BAND_ROWS rows, ESC d 4 (1B 64 04: feed four lines) and GS V 66 0 (1D 56 42 00:
 * feed to the cutter and cut). */
stiel_status raster_escpos_label_append(stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag);

#endif
