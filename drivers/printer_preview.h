/* What a print job would put on paper, drawn from the graphics the job carries — the route the
 * virtual printer and the printer simulator's PNGs take without a renderer: ZPL ^FO + ^GFA (and ^GB
 * lines and boxes), TSPL BITMAP, EPL2 GW and ESC/POS GS v 0. Native text and barcodes (^A0, ^BC,
 * TEXT, BARCODE...) are not drawn here; they are counted so the caller can say so (the simulator
 * draws native ZPL through protocol/label/zpl_parse + render/ instead). Pure: no I/O. */
#ifndef STIEL_DRIVERS_PRINTER_PREVIEW_H
#define STIEL_DRIVERS_PRINTER_PREVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/printer.h"
#include "protocol/raster/bitmap.h"

/* Draws the first label of job (n bytes in lang) into out (uninitialised on entry): the label's
 * size from ^PW/^LL, SIZE (at dpi), q/Q, or the graphics' extent for ESC/POS; graphics placed at
 * their origins. *native_fields (if not NULL) gets the number of fields that were not drawn.
 * Errors: STIEL_ERR_NOT_FOUND (nothing drawable: no graphic and no box — diag says which
 * language), STIEL_ERR_SYNTAX / TRUNCATED / CORRUPT (a graphic that does not decode), STIEL_ERR_NOMEM.
 * On error out is left zeroed. */
stiel_status stiel_printer_preview(stiel_printer_lang lang, const uint8_t *job, size_t n, int dpi,
                                   stiel_bitmap *out, size_t *native_fields, stiel_diag *diag);

#endif
