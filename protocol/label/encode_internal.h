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


#endif
