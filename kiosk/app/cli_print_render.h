/* Draws a print job as a PNG for `stiel sim printer`: first from the graphics the job carries
 * (drivers/printer_preview.h: ZPL ^GFA/^GB, TSPL BITMAP, EPL GW, ESC/POS GS v 0); a ZPL job with
 * native fields (^A0 text, ^BC/^BE/^BQ/^BX barcodes) is parsed back into a label
 * (protocol/label/zpl_parse.h) and drawn by render/ like `stiel label --lang png`. */
#ifndef STIEL_KIOSK_APP_CLI_PRINT_RENDER_H
#define STIEL_KIOSK_APP_CLI_PRINT_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/printer.h"

/* Writes the first label of job (n bytes in lang) as a PNG to path (atomically). dpi is used for
 * TSPL sizes and native ZPL. Errors: STIEL_ERR_NOT_FOUND (nothing drawable), the parser's,
 * renderer's or writer's error, with diag. */
stiel_status cli_print_render_png(stiel_printer_lang lang, const uint8_t *job, size_t n, int dpi,
                                  const char *path, stiel_diag *diag);

#endif
