/* A whole label to one bitmap: lines, boxes, text and barcodes placed at their dots. See
 * render.h. */
#include <string.h>

#include "render/render_internal.h"

static int dots(double mm, int dpi)
{
    return label_mm_to_dots(mm, dpi);
}

static int thickness(double mm, int dpi)
{
    int t = label_mm_to_dots(mm, dpi);
    return t < 1 ? 1 : t;
}

static void draw_line(stiel_bitmap *bm, const label_item *it, int dpi)
{
    int x = dots(it->x_mm, dpi), y = dots(it->y_mm, dpi);
    int x2 = dots(it->u.line.x2_mm, dpi), y2 = dots(it->u.line.y2_mm, dpi);
    int t = thickness(it->u.line.thickness_mm, dpi);
    if (y2 == y) {
        int left = x < x2 ? x : x2;
        int len = x < x2 ? x2 - x : x - x2;
        stiel_bitmap_fill_rect(bm, left, y, len > 0 ? len : t, t, true);
    } else {
        int top = y < y2 ? y : y2;
        int len = y < y2 ? y2 - y : y - y2;
        stiel_bitmap_fill_rect(bm, x, top, t, len, true);
    }
}

static void draw_box(stiel_bitmap *bm, const label_item *it, int dpi)
{
    int x = dots(it->x_mm, dpi), y = dots(it->y_mm, dpi);
    int w = dots(it->u.box.width_mm, dpi), h = dots(it->u.box.height_mm, dpi);
    int t = thickness(it->u.box.thickness_mm, dpi);
    int smaller = w < h ? w : h;
    if (2 * t >= smaller) {
        stiel_bitmap_fill_rect(bm, x, y, w, h, true);
        return;
    }
    stiel_bitmap_fill_rect(bm, x, y, w, t, true);
    stiel_bitmap_fill_rect(bm, x, y + h - t, w, t, true);
    stiel_bitmap_fill_rect(bm, x, y, t, h, true);
    stiel_bitmap_fill_rect(bm, x + w - t, y, t, h, true);
}

stiel_status render_label(render_context *ctx, const label *lab, stiel_bitmap *out, stiel_diag *diag)
{
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (ctx == NULL || lab == NULL || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "render_label needs a context, a label and a bitmap");
    if (lab->dpi < 100 || lab->dpi > 600)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label resolution %d dpi is not one a printer has (203 or 300)",
                              lab->dpi);
    int w = dots(lab->width_mm, lab->dpi), h = dots(lab->height_mm, lab->dpi);
    if (w < 1 || h < 1 || w > 32767 || h > 32767 || lab->count > LABEL_MAX_ITEMS)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label of %.1f x %.1f mm with %zu items cannot be drawn",
                              lab->width_mm, lab->height_mm, lab->count);
    stiel_status st = stiel_bitmap_init(out, w, h);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "no memory for a %dx%d label", w, h);
    for (size_t i = 0; i < lab->count && st == STIEL_OK; i++) {
        const label_item *it = &lab->items[i];
        int x = dots(it->x_mm, lab->dpi), y = dots(it->y_mm, lab->dpi);
        stiel_bitmap part;
        stiel_diag sub;
        stiel_diag_clear(&sub);
        switch (it->kind) {
        case LABEL_ITEM_LINE:
            draw_line(out, it, lab->dpi);
            break;
        case LABEL_ITEM_BOX:
            draw_box(out, it, lab->dpi);
            break;
        case LABEL_ITEM_TEXT:
            st = render_text(ctx, &it->u.text, lab->dpi, &part, &sub);
            if (st == STIEL_OK) {
                stiel_bitmap_blit(out, &part, x, y);
                stiel_bitmap_free(&part);
            } else {
                stiel_diag_set(diag, st, "item %zu (text): %s", i + 1, sub.text);
            }
            break;
        case LABEL_ITEM_BARCODE: {
            render_barcode_box box;
            st = render_barcode(ctx, &it->u.barcode, lab->dpi, &part, &box, &sub);
            if (st == STIEL_OK && (x < 0 || y < 0 || x + box.width > w || y + box.height > h)) {
                /* a clipped symbol does not scan: say so rather than print it */
                st = stiel_diag_set(diag, STIEL_ERR_ARG,
                                    "item %zu (barcode): the symbol is %dx%d dots at (%d, %d) and does not fit "
                                    "on the %dx%d-dot label; use a smaller module or shorter data",
                                    i + 1, box.width, box.height, x, y, w, h);
                stiel_bitmap_free(&part);
            } else if (st == STIEL_OK) {
                stiel_bitmap_blit(out, &part, x - box.x, y - box.y);
                stiel_bitmap_free(&part);
            } else {
                stiel_diag_set(diag, st, "item %zu (barcode): %s", i + 1, sub.text);
            }
            break;
        }
        default:
            st = stiel_diag_set(diag, STIEL_ERR_ARG, "item %zu has unknown kind %d", i + 1, (int)it->kind);
            break;
        }
    }
    if (st != STIEL_OK)
        stiel_bitmap_free(out);
    return st;
}

stiel_status render_label_png(render_context *ctx, const label *lab, const char *path, stiel_diag *diag)
{
    stiel_bitmap bm;
    stiel_status st = render_label(ctx, lab, &bm, diag);
    if (st != STIEL_OK)
        return st;
    st = render_png_write(&bm, path, diag);
    stiel_bitmap_free(&bm);
    return st;
}
