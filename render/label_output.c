/* A filled label to printer bytes, natively or as one raster graphic. See label_output.h. */
#include "render/label_output.h"

#include "render/render_internal.h"

#include <string.h>

#include "protocol/label/encode.h"
#include "protocol/raster/raw_graphic.h"
#include "protocol/raster/zpl_graphic.h"

bool render_lang_from_name(const char *name, render_lang *out)
{
    static const char *const names[] = {"zpl", "tspl", "epl", "escpos"};
    for (int i = 0; i < 4; i++)
        if (name != NULL && strcmp(name, names[i]) == 0) {
            *out = (render_lang)i;
            return true;
        }
    return false;
}

bool render_raster_from_name(const char *name, render_raster *out)
{
    static const char *const names[] = {"none", "z64", "hex", "rle"};
    for (int i = 0; i < 4; i++)
        if (name != NULL && strcmp(name, names[i]) == 0) {
            *out = (render_raster)i;
            return true;
        }
    return false;
}

static stiel_status encode_raster(render_context *ctx, const label *lab, render_lang lang, render_raster raster,
                                  stiel_buf *out, stiel_diag *diag)
{
    stiel_bitmap bm;
    stiel_status st = render_label(ctx, lab, &bm, diag);
    if (st != STIEL_OK)
        return st;
    switch (lang) {
    case RENDER_LANG_ZPL: {
        raster_zpl_encoding enc = raster == RENDER_RASTER_HEX   ? RASTER_ZPL_HEX
                                  : raster == RENDER_RASTER_RLE ? RASTER_ZPL_ACS
                                                                : RASTER_ZPL_Z64;
        st = raster_zpl_label_append(out, &bm, enc, diag);
        break;
    }
    case RENDER_LANG_TSPL:
        st = raster_tspl_label_append(out, &bm, lab->dpi, diag);
        break;
    case RENDER_LANG_EPL:
        st = raster_epl_label_append(out, &bm, diag);
        break;
    case RENDER_LANG_ESCPOS:
        st = raster_escpos_label_append(out, &bm, diag);
        break;
    default:
        st = stiel_diag_set(diag, STIEL_ERR_ARG, "unknown printer language %d", (int)lang);
        break;
    }
    stiel_bitmap_free(&bm);
    return st;
}

stiel_status render_label_encode(render_context *ctx, const label *lab, render_lang lang, render_raster raster,
                                 stiel_buf *out, stiel_diag *diag)
{
    if (ctx == NULL || lab == NULL || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "render_label_encode needs a context, a label and a buffer");
    size_t start = out->len;
    stiel_status st;
    if (raster != RENDER_RASTER_NONE || lang == RENDER_LANG_ESCPOS) {
        st = encode_raster(ctx, lab, lang, raster, out, diag);
    } else {
        label_encode_options opt = {.rasterize_text = render_text_field, .rasterize_ctx = ctx};
        stiel_diag_clear(&ctx->last);
        if (lang == RENDER_LANG_ZPL)
            st = label_encode_zpl(lab, &opt, out, diag);
        else if (lang == RENDER_LANG_TSPL)
            st = label_encode_tspl(lab, &opt, out, diag);
        else if (lang == RENDER_LANG_EPL)
            st = label_encode_epl(lab, &opt, out, diag);
        else
            st = stiel_diag_set(diag, STIEL_ERR_ARG, "unknown printer language %d", (int)lang);
    }
    if (st != STIEL_OK) {
        out->len = start; /* the native encoders may leave a partial label */
        if (out->data != NULL)
            out->data[start] = '\0';
    }
    return st;
}
