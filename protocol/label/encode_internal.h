/* Helpers shared by the ZPL, TSPL and EPL encoders: checks of the label, unit conversion,
 * rotation anchors, the raster fallback for text, and GS1 element strings. Internal. */
#ifndef STIEL_PROTOCOL_LABEL_ENCODE_INTERNAL_H
#define STIEL_PROTOCOL_LABEL_ENCODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/label/encode.h"

/* Checks dpi (100..600), size and item count. */
stiel_status label_enc_check(const label *lab, stiel_diag *diag);

/* mm to dots at dpi, at least lo. */
int label_enc_dots(double mm, int dpi, int lo);

/* Copies (0 -> 1, at most 9999). */
int label_enc_copies(const label_encode_options *opt);

/* Appends mm as "100" or "2.5" (one decimal, no locale). */
stiel_status label_enc_put_mm(stiel_buf *out, double mm);

/* Where a printer that rotates an item about the item's own unrotated top-left corner must put
 * that corner so that the rotated item's bounding box starts at (x, y). (u, v) is a point in the
 * unrotated item (w along the reading direction, h across); returns it in label dots. */
void label_enc_anchor(label_rotation rot, int x, int y, int w, int h, int u, int v, int *ax, int *ay);

/* Rasterizes text through the options' callback; STIEL_ERR_UNSUPPORTED with a diag naming the
 * text and the language when there is no callback. bm is set up on success only. */
stiel_status label_enc_raster_text(const label_encode_options *opt, const label_text *text,
                                   int dpi, const char *language, stiel_bitmap *bm,
                                   stiel_diag *diag);

/* The wire element string of a bracketed GS1 HRI, variable-length AIs separated by GS (0x1D). */
stiel_status label_enc_gs1_wire(const char *hri, char *out, size_t cap, size_t *len,
                                stiel_diag *diag);

/* An item's rectangle in dots: top-left (x, y), width w, height h, line or border thickness t. */
typedef struct label_enc_rect {
    int x, y, w, h, t;
} label_enc_rect;

/* The rectangle a line item covers: from its lesser corner, w and h at least its thickness. */
label_enc_rect label_enc_line_rect(const label *lab, const label_item *it);

/* A box item in dots; returns true when the border is so thick (2t >= the shorter side) that the
 * box is solid. */
bool label_enc_box_rect(const label *lab, const label_item *it, label_enc_rect *r);

/* One encoder's writer per item kind. */
typedef struct label_enc_items_fn {
    stiel_status (*text)(const label *lab, const label_item *it, const label_encode_options *opt,
                         stiel_buf *out, stiel_diag *diag);
    stiel_status (*line)(const label *lab, const label_item *it, stiel_buf *out);
    stiel_status (*box)(const label *lab, const label_item *it, stiel_buf *out);
    stiel_status (*barcode)(const label *lab, const label_item *it, stiel_buf *out,
                            stiel_diag *diag);
} label_enc_items_fn;

/* The first step of every encoder: label_enc_check, then STIEL_ERR_ARG ("no output buffer") when
 * out is NULL; clears diag when all is well. */
stiel_status label_enc_begin(const label *lab, const stiel_buf *out, stiel_diag *diag);

/* Writes every item of lab, in order, with fn; stops at the first failure (an item of unknown
 * kind is STIEL_ERR_ARG). */
stiel_status label_enc_items(const label *lab, const label_encode_options *opt,
                             const label_enc_items_fn *fn, stiel_buf *out, stiel_diag *diag);

/* The last step: when st failed and diag holds no reason yet, sets "could not write the
 * <language> label (...)". Returns st. */
stiel_status label_enc_end(stiel_status st, const char *language, stiel_diag *diag);

#endif
