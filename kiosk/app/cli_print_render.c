/* Job → PNG for the printer simulator (see cli_print_render.h): the graphics route of
 * drivers/printer_preview.c, and for native ZPL the parse-and-render route. */
#include "kiosk/app/cli_print_render.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/printer_preview.h"
#include "protocol/label/zpl_parse.h"
#include "render/render.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

/* Native ZPL: parse back into a label, render it, lay the job's own graphics (raster text) over
 * it (overlay may be NULL), write the PNG. */
static stiel_status render_native_zpl(const uint8_t *job, size_t n, int dpi, const stiel_bitmap *overlay,
                                      const char *path, stiel_diag *diag)
{
    label *lab = calloc(1, sizeof *lab);
    if (!lab)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    stiel_status st = label_zpl_parse((const char *)job, n, dpi, lab, NULL, diag);
    if (st == STIEL_OK) {
        render_context *ctx = NULL;
        const char *fonts = getenv("STIEL_FONT_DIR");
        st = render_context_new(fonts && fonts[0] ? fonts : STIEL_FONT_DIR, &ctx, diag);
        stiel_bitmap bm;
        memset(&bm, 0, sizeof bm);
        if (st == STIEL_OK)
            st = render_label(ctx, lab, &bm, diag);
        if (st == STIEL_OK && overlay)
            stiel_bitmap_blit(&bm, overlay, 0, 0);
        if (st == STIEL_OK)
            st = render_png_write(&bm, path, diag);
        stiel_bitmap_free(&bm);
        render_context_free(ctx);
    }
    free(lab);
    return st;
}

stiel_status cli_print_render_png(stiel_printer_lang lang, const uint8_t *job, size_t n, int dpi,
                                  const char *path, stiel_diag *diag)
{
    stiel_bitmap bm;
    size_t native = 0;
    stiel_status st = stiel_printer_preview(lang, job, n, dpi, &bm, &native, diag);
    if (lang == STIEL_PRINTER_ZPL && (st == STIEL_ERR_NOT_FOUND || (st == STIEL_OK && native > 0))) {
        bool overlay = st == STIEL_OK;
        st = render_native_zpl(job, n, dpi, overlay ? &bm : NULL, path, diag);
        if (overlay)
            stiel_bitmap_free(&bm);
        return st;
    }
    if (st != STIEL_OK)
        return st;
    st = render_png_write(&bm, path, diag);
    stiel_bitmap_free(&bm);
    return st;
}
