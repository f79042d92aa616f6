/* Box choice at the pack bench: does a set of items fit a box type, and which is the smallest box
 * type that fits them. Pure arithmetic on the catalogue's sizes. */
#ifndef STIEL_CORE_PACK_BOX_H
#define STIEL_CORE_PACK_BOX_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/core/catalogue.h"
#include "kiosk/core/pack_task.h"

/* The share of a box's inner volume that items may fill: the rest is lost to their shapes, the
 * gaps between them and the void fill that keeps them from moving (a common cartonisation rule
 * of thumb is 70-80 %). */
enum { PACK_FILL_PCT = 75 };

/* True when the lines fit box type `box`: (1) every item fits in the box on its own, its sizes
 * sorted against the box's inner sizes sorted (largest in largest, middle in middle, smallest in
 * smallest; this implies "largest dimension fits the largest inner dimension" and also refuses a
 * flat 250x210 mm mouse pad in a 250x180 mm envelope); and (2) the units' volumes add up to at
 * most PACK_FILL_PCT % of the box's inner volume. Items and boxes out of range do not fit. */
bool pack_box_fits(const catalogue *cat, size_t box, const pack_line *lines, size_t n);

/* The smallest box type (by inner volume; on a tie, the first in the catalogue) that fits the
 * lines, with *fits = true. When none fits, the largest box type with *fits = false (the flow then
 * asks for attention: the coach decides, e.g. two boxes). -1 when the catalogue has no boxes. */
int pack_box_suggest(const catalogue *cat, const pack_line *lines, size_t n, bool *fits);

/* A box type by its code (boxes carry their type code as barcode, e.g. "M"), or -1. */
int pack_box_by_type(const catalogue *cat, const char *type);

#endif
