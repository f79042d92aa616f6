/* A parser for the ZPL subset our own encoder (label_encode_zpl) emits, back into the label model:
 * ^XA ^PW ^LL ^CI28 ^FO ^A0 ^FB ^FH ^FD ^FS ^GB ^BY ^BC ^BE ^BQ ^BX ^GF ^PQ ^XZ. It lets the printer
 * simulator draw a native ZPL label with render/ and proves the encoder's output means what the
 * label meant (round trip: encode → parse → encode gives the same bytes). Pure: no I/O.
 *
 * Mapping back: dots → mm at the given dpi; ^A0 at ^FO → text (a second identical field dx dots
 * across, dx = max(h / 25, 1), is the encoder's bold stroke and sets bold); ^FB → wrap width,
 * lines (9 → 0, the encoder's "unlimited"), alignment; ^GB with width or height equal to the
 * thickness → a line, else a box; ^BC data in mode N with our >; >: >8 >6 >5 >0 >< >= invocations
 * → Code 128, or GS1-128 (bracketed HRI) when it starts with FNC1; ^BE → EAN-13 (12 digits);
 * ^BQ "QA," data → QR; ^BX with '_' escapes (__, _dNNN, _1) → Data Matrix, GS1 when it starts with
 * _1. ^GF fields (raster text) have no place in the label model: they are skipped and counted
 * (draw them from the graphic itself, drivers/printer_preview.h). Other commands are ignored and
 * counted. Only the first ^XA..^XZ format is read. */
#ifndef STIEL_PROTOCOL_LABEL_ZPL_PARSE_H
#define STIEL_PROTOCOL_LABEL_ZPL_PARSE_H

#include <stddef.h>

#include "common/status.h"
#include "protocol/label/label.h"

typedef struct label_zpl_parse_info {
    size_t raster_fields;     /* ^GF fields skipped */
    size_t ignored_commands;  /* commands outside the subset */
    int copies;               /* ^PQ, 1 when absent */
} label_zpl_parse_info;

/* Parses the first format in zpl (len bytes) at dpi (100..600) into out (whose previous content is
 * replaced); info may be NULL. Errors (diag names the command and its offset): STIEL_ERR_ARG (bad
 * dpi), STIEL_ERR_SYNTAX (no ^XA..^XZ, a field without ^FO, a bad ^FH escape, bad barcode field
 * data), STIEL_ERR_OVERLONG (more than LABEL_MAX_ITEMS items, text longer than the model holds),
 * STIEL_ERR_MISSING (no ^PW or ^LL), a GS1 error for GS1 data that does not parse. */
stiel_status label_zpl_parse(const char *zpl, size_t len, int dpi, label *out, label_zpl_parse_info *info,
                             stiel_diag *diag);

#endif
