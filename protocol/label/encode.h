/* Native printer-language encoders for a filled label: ZPL II, TSPL and EPL2, using each
 * printer's own fonts and barcode commands. Text a printer cannot print natively (shaped scripts
 * everywhere; any non-ASCII text on TSPL/EPL) goes as a bitmap that the caller's rasterize_text
 * callback draws. Pure: no I/O; output is appended to a stiel_buf. */
#ifndef STIEL_PROTOCOL_LABEL_ENCODE_H
#define STIEL_PROTOCOL_LABEL_ENCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "protocol/label/label.h"
#include "protocol/raster/bitmap.h"

/* Draws one text item at dpi into *out (which the callee initialises with stiel_bitmap_init;
 * the encoder frees it with stiel_bitmap_free). The bitmap must already be wrapped within
 * text->box_width_mm (when > 0), aligned, clipped to max_lines and ROTATED by text->rotation;
 * the encoder places its top-left at the item's (x, y). Return STIEL_OK or an error (with no
 * bitmap to free), which the encoder passes on. */
typedef stiel_status (*label_rasterize_text_fn)(void *ctx, const label_text *text, int dpi,
                                                stiel_bitmap *out);

typedef struct label_encode_options {
    label_rasterize_text_fn rasterize_text;  /* NULL: text that needs raster is an error */
    void *rasterize_ctx;                     /* passed to rasterize_text */
    int copies;                              /* 0 means 1 */
    double gap_mm;                           /* TSPL GAP / EPL Q gap between labels; 0 means 3 */
} label_encode_options;

/* ZPL II: ^XA ^CI28 ^PW ^LL, ^A0 text (^FB when wrapped), ^GB lines and boxes, ^BC (Code 128,
 * GS1-128 in mode N with >; >8 >6 >5), ^BE, ^BQ, ^BX, ^GFA for raster text, ^PQ, ^XZ. Field data
 * never holds a raw ^ or ~ (escaped with ^FH as _5E / _7E). opt may be NULL (defaults). Errors:
 * STIEL_ERR_UNSUPPORTED (raster needed but no callback, with a diag naming the text),
 * STIEL_ERR_ARG (a bad label: dpi, data), the callback's error, STIEL_ERR_NOMEM/OVERLONG from
 * the buffer. On error, out may hold a partial label: discard it. */
stiel_status label_encode_zpl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                              stiel_diag *diag);

/* TSPL: SIZE GAP DIRECTION CLS, TEXT/BLOCK, BAR, BOX, BARCODE "128"/"EAN13", QRCODE, DMATRIX,
 * BITMAP for any non-ASCII text, PRINT; CRLF line ends. Same errors as label_encode_zpl. */
stiel_status label_encode_tspl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                               stiel_diag *diag);

/* EPL2: N q Q, A text, B 1D barcodes, b QR / Data Matrix, LO lines, X boxes, GW for any
 * non-ASCII text, P; LF line ends. Same errors as label_encode_zpl. */
stiel_status label_encode_epl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                              stiel_diag *diag);

/* Appends ZPL ^BC mode-N field data for Code 128 (no ^FD/^FS, no ^FH escaping): explicit start
 * code (>; subset C when the data starts with 4+ digits or is GS1, else >: subset B), digit pairs
 * in C, >6 to switch to B when fewer than two digits follow (so an odd digit run ends in B), >8 for
 * FNC1, and in B ">0" for '>', "><" for '^', ">=" for '~' (so no ^FH is needed). Once in B the symbol stays in B (no >5). Each 0x1D byte of data is an
 * FNC1; gs1 adds the leading FNC1. data must be printable ASCII or 0x1D:
 * STIEL_ERR_CHARSET otherwise. "\x1d0012345678901231\x1d102612311012AB" with gs1 false gives
 * ">;>80012345678901231>8102612311012>6AB". */
stiel_status label_zpl_code128_data(const char *data, size_t len, bool gs1, stiel_buf *out,
                                    stiel_diag *diag);

/* True when the UTF-8 text holds a code point that needs shaping (U+0590..U+08FF, U+FB1D..U+FEFF:
 * Hebrew, Arabic, Syriac...). Invalid UTF-8 counts as needing raster (returns true). */
bool label_text_needs_shaping(const char *utf8);

/* True when every byte of the text is 7-bit ASCII. */
bool label_text_is_ascii(const char *utf8);

#endif
