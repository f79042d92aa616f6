/* Shipping labels from the pack flow's PRINT effect: the shipping template filled with the order,
 * SSCC, box and tracking; drawn as a PNG in <data>/labels/ (the demo's virtual printer: what the
 * trainee would stick on the box) and, when a real printer is configured, encoded in its
 * language for the print queue. */
#ifndef STIEL_KIOSK_APP_KIOSK_PRINT_H
#define STIEL_KIOSK_APP_KIOSK_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/pack_flow.h"

typedef struct kiosk_print kiosk_print;

/* Loads <asset_dir>/labels/shipping.label and a render context on font_dir. label_dir receives
 * the PNGs (created 0700). Errors name the template or the font. */
stiel_status kiosk_print_new(const char *asset_dir, const char *font_dir, const char *label_dir,
                             kiosk_print **out, stiel_diag *diag);
void kiosk_print_free(kiosk_print *p);

/* The PNG path of copy `copy` of the label with SSCC sscc: <label_dir>/label-<sscc>-<copy>.png
 * into out (cap bytes). False (out "") when it does not fit or sscc is empty. The virtual
 * printer writes there; the pack screen shows the picture from there. */
bool kiosk_print_png_path(const char *label_dir, const char *sscc, unsigned copy, char *out,
                          size_t cap);

/* Draws the label as <label_dir>/label-<sscc>-<copy>.png (kiosk_print_png_path); png_path (cap bytes, may be NULL)
 * receives the path. */
stiel_status kiosk_print_png(kiosk_print *p, const pack_label *lab, char *png_path, size_t cap,
                             stiel_diag *diag);

/* Appends the label in printer language lang ("zpl", "tspl", "epl", "escpos") to out. */
stiel_status kiosk_print_encode(kiosk_print *p, const pack_label *lab, const char *lang,
                                stiel_buf *out, stiel_diag *diag);

#endif
