/* Helpers shared by the three native encoders (see encode_internal.h): label checks, units,
 * rotation anchors, the raster fallback for text and GS1 element strings. */
#include <stdio.h>
#include <string.h>

#include "protocol/label/encode_internal.h"
#include "protocol/scan/gs1.h"

stiel_status label_enc_check(const label *lab, stiel_diag *diag)
{
    if (lab == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no label to encode");
    if (lab->dpi < 100 || lab->dpi > 600)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label dpi %d: use 203 or 300", lab->dpi);
    if (!(lab->width_mm >= 5 && lab->width_mm <= 1000 && lab->height_mm >= 5 &&
          lab->height_mm <= 2000))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label size %.1fx%.1f mm is out of range",
                              lab->width_mm, lab->height_mm);
    if (lab->count > LABEL_MAX_ITEMS)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label has %zu items, at most %d", lab->count,
                              LABEL_MAX_ITEMS);
    return STIEL_OK;
}

int label_enc_dots(double mm, int dpi, int lo)
{
    int d;
    if (!(mm > -10000.0 && mm < 10000.0))
        mm = 0;
    d = label_mm_to_dots(mm, dpi);
    return d < lo ? lo : d;
}

int label_enc_copies(const label_encode_options *opt)
{
    if (opt == NULL || opt->copies <= 0)
        return 1;
    return opt->copies > 9999 ? 9999 : opt->copies;
}

stiel_status label_enc_put_mm(stiel_buf *out, double mm)
{
    long tenths;
    if (!(mm >= 0 && mm < 100000.0))
        mm = 0;
    tenths = (long)(mm * 10.0 + 0.5);
    if (tenths % 10 == 0)
        return stiel_buf_printf(out, "%ld", tenths / 10);
    return stiel_buf_printf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

void label_enc_anchor(label_rotation rot, int x, int y, int w, int h, int u, int v, int *ax, int *ay)
{
    switch (rot) {
    case LABEL_ROT_90:
        *ax = x + h - v;
        *ay = y + u;
        break;
    case LABEL_ROT_180:
        *ax = x + w - u;
        *ay = y + h - v;
        break;
    case LABEL_ROT_270:
        *ax = x + v;
        *ay = y + w - u;
        break;
    case LABEL_ROT_0:
    default:
        *ax = x + u;
        *ay = y + v;
        break;
    }
}

stiel_status label_enc_raster_text(const label_encode_options *opt, const label_text *text,
                                   int dpi, const char *language, stiel_bitmap *bm,
                                   stiel_diag *diag)
{
    stiel_status st;
    memset(bm, 0, sizeof *bm);
    if (opt == NULL || opt->rasterize_text == NULL)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "text '%.60s' cannot be printed with %s fonts and no text "
                              "rasterizer was given",
                              text->utf8, language);
    st = opt->rasterize_text(opt->rasterize_ctx, text, dpi, bm);
    if (st != STIEL_OK) {
        if (diag != NULL && diag->code == STIEL_OK)
            stiel_diag_set(diag, st, "could not rasterize text '%.60s'", text->utf8);
        return st;
    }
    if (bm->bits == NULL || bm->width <= 0 || bm->height <= 0 || bm->stride != (bm->width + 7) / 8) {
        stiel_bitmap_free(bm);
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "text rasterizer returned no bitmap");
    }
    return STIEL_OK;
}

stiel_status label_enc_gs1_wire(const char *hri, char *out, size_t cap, size_t *len,
                                stiel_diag *diag)
{
    gs1_element_string es;
    stiel_diag sub;
    stiel_status st = gs1_parse_hri(hri, &es, &sub);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "GS1 barcode data: %s", sub.text);
    st = gs1_build_element_string(&es, GS1_GS, out, cap, len);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "GS1 barcode data too long");
    return STIEL_OK;
}

label_enc_rect label_enc_line_rect(const label *lab, const label_item *it)
{
    const label_line *ln = &it->u.line;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int x2 = label_enc_dots(ln->x2_mm, lab->dpi, 0), y2 = label_enc_dots(ln->y2_mm, lab->dpi, 0);
    label_enc_rect r;
    r.t = label_enc_dots(ln->thickness_mm, lab->dpi, 1);
    r.x = x < x2 ? x : x2;
    r.y = y < y2 ? y : y2;
    r.w = x < x2 ? x2 - x : x - x2;
    r.h = y < y2 ? y2 - y : y - y2;
    if (r.w < r.t)
        r.w = r.t;
    if (r.h < r.t)
        r.h = r.t;
    return r;
}

bool label_enc_box_rect(const label *lab, const label_item *it, label_enc_rect *r)
{
    const label_box *bx = &it->u.box;
    r->x = label_enc_dots(it->x_mm, lab->dpi, 0);
    r->y = label_enc_dots(it->y_mm, lab->dpi, 0);
    r->w = label_enc_dots(bx->width_mm, lab->dpi, 1);
    r->h = label_enc_dots(bx->height_mm, lab->dpi, 1);
    r->t = label_enc_dots(bx->thickness_mm, lab->dpi, 1);
    return 2 * r->t >= (r->w < r->h ? r->w : r->h);
}

stiel_status label_enc_begin(const label *lab, const stiel_buf *out, stiel_diag *diag)
{
    stiel_status st = label_enc_check(lab, diag);
    if (st != STIEL_OK)
        return st;
    if (out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no output buffer");
    stiel_diag_clear(diag);
    return STIEL_OK;
}

stiel_status label_enc_items(const label *lab, const label_encode_options *opt,
                             const label_enc_items_fn *fn, stiel_buf *out, stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < lab->count; i++) {
        const label_item *it = &lab->items[i];
        switch (it->kind) {
        case LABEL_ITEM_TEXT:
            st = fn->text(lab, it, opt, out, diag);
            break;
        case LABEL_ITEM_LINE:
            st = fn->line(lab, it, out);
            break;
        case LABEL_ITEM_BOX:
            st = fn->box(lab, it, out);
            break;
        case LABEL_ITEM_BARCODE:
            st = fn->barcode(lab, it, out, diag);
            break;
        default:
            st = stiel_diag_set(diag, STIEL_ERR_ARG, "item %zu has an unknown kind", i);
            break;
        }
    }
    return st;
}

stiel_status label_enc_end(stiel_status st, const char *language, stiel_diag *diag)
{
    if (st != STIEL_OK && diag != NULL && diag->code == STIEL_OK)
        stiel_diag_set(diag, st, "could not write the %s label (%s)", language,
                       stiel_strerror(st));
    return st;
}
