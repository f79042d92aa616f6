/* TSPL BITMAP, EPL2 GW and ESC/POS GS v 0: raw bitmap commands and whole-label jobs. See
 * raw_graphic.h. */
#include "protocol/raster/raw_graphic.h"

#include <stdbool.h>

#include "protocol/raster/rollback.h"

static stiel_status check_bitmap(const stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag)
{
    if (out == NULL || bm == NULL || bm->bits == NULL || bm->width < 1 || bm->height < 1 ||
        bm->stride != (bm->width + 7) / 8)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no output buffer, or a bitmap that was never initialised");
    return STIEL_OK;
}

/* Appends rows [y0, y0 + rows) with padding white; inverted when invert is set (0 = black). */
static stiel_status append_rows(stiel_buf *out, const stiel_bitmap *bm, int y0, int rows, bool invert)
{
    uint8_t pad = (bm->width & 7) ? (uint8_t)(0xFFu << (8 - (bm->width & 7))) : 0xFFu;
    for (int y = y0; y < y0 + rows; y++) {
        const uint8_t *row = bm->bits + (size_t)y * (size_t)bm->stride;
        for (int i = 0; i < bm->stride; i++) {
            uint8_t b = row[i];
            if (i == bm->stride - 1)
                b &= pad;
            if (invert)
                b = (uint8_t)~b;
            stiel_status st = stiel_buf_append(out, &b, 1);
            if (st != STIEL_OK)
                return st;
        }
    }
    return STIEL_OK;
}

static stiel_status fail(stiel_buf *out, size_t start, stiel_status st, const char *what, stiel_diag *diag)
{
    raster_buf_rollback(out, start);
    return stiel_diag_set(diag, st, "could not encode the %s: %s", what, stiel_strerror(st));
}

stiel_status raster_tspl_bitmap_append(stiel_buf *out, const stiel_bitmap *bm, int x, int y, stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    size_t start = out->len;
    st = stiel_buf_printf(out, "BITMAP %d,%d,%d,%d,0,", x, y, bm->stride, bm->height);
    if (st == STIEL_OK)
        st = append_rows(out, bm, 0, bm->height, true);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\r\n");
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "TSPL BITMAP", diag);
}

stiel_status raster_tspl_label_append(stiel_buf *out, const stiel_bitmap *bm, int dpi, stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    if (dpi < 100 || dpi > 1200)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a TSPL label needs a resolution of 203 or 300 dpi, not %d", dpi);
    size_t start = out->len;
    double w_mm = bm->width * 25.4 / dpi, h_mm = bm->height * 25.4 / dpi;
    st = stiel_buf_printf(out, "SIZE %.1f mm,%.1f mm\r\nGAP 2 mm,0 mm\r\nCLS\r\n", w_mm, h_mm);
    if (st != STIEL_OK)
        return fail(out, start, st, "TSPL label header", diag);
    st = raster_tspl_bitmap_append(out, bm, 0, 0, diag);
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        return st;
    }
    st = stiel_buf_puts(out, "PRINT 1,1\r\n");
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "TSPL PRINT", diag);
}

stiel_status raster_epl_gw_append(stiel_buf *out, const stiel_bitmap *bm, int x, int y, stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    size_t start = out->len;
    st = stiel_buf_printf(out, "GW%d,%d,%d,%d,", x, y, bm->stride, bm->height);
    if (st == STIEL_OK)
        st = append_rows(out, bm, 0, bm->height, true);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "EPL GW graphic", diag);
}

stiel_status raster_epl_label_append(stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    size_t start = out->len;
    st = stiel_buf_printf(out, "\nN\nq%d\nQ%d,24\n", bm->stride * 8, bm->height);
    if (st != STIEL_OK)
        return fail(out, start, st, "EPL label header", diag);
    st = raster_epl_gw_append(out, bm, 0, 0, diag);
    if (st != STIEL_OK) {
        raster_buf_rollback(out, start);
        return st;
    }
    st = stiel_buf_puts(out, "P1\n");
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "EPL print command", diag);
}

stiel_status raster_escpos_raster_append(stiel_buf *out, const stiel_bitmap *bm, int y0, int rows,
                                         stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    if (y0 < 0 || rows < 1 || rows > bm->height - y0 || rows > 0xFFFF || bm->stride > 0xFFFF)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "rows %d..%d are not inside a bitmap of %d rows", y0,
                              y0 + rows - 1, bm->height);
    size_t start = out->len;
    uint8_t head[8] = {0x1D, 0x76, 0x30, 0x00, (uint8_t)(bm->stride & 0xFF), (uint8_t)(bm->stride >> 8),
                       (uint8_t)(rows & 0xFF), (uint8_t)(rows >> 8)};
    st = stiel_buf_append(out, head, sizeof head);
    if (st == STIEL_OK)
        st = append_rows(out, bm, y0, rows, false);
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "ESC/POS GS v 0 raster", diag);
}

stiel_status raster_escpos_label_append(stiel_buf *out, const stiel_bitmap *bm, stiel_diag *diag)
{
    stiel_status st = check_bitmap(out, bm, diag);
    if (st != STIEL_OK)
        return st;
    size_t start = out->len;
    static const uint8_t init[2] = {0x1B, 0x40};
    static const uint8_t tail[7] = {0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00};
    st = stiel_buf_append(out, init, sizeof init);
    if (st != STIEL_OK)
        return fail(out, start, st, "ESC/POS init", diag);
    for (int y = 0; y < bm->height; y += RASTER_ESCPOS_BAND_ROWS) {
        int rows = bm->height - y < RASTER_ESCPOS_BAND_ROWS ? bm->height - y : RASTER_ESCPOS_BAND_ROWS;
        st = raster_escpos_raster_append(out, bm, y, rows, diag);
        if (st != STIEL_OK) {
            raster_buf_rollback(out, start);
            return st;
        }
    }
    st = stiel_buf_append(out, tail, sizeof tail);
    return st == STIEL_OK ? STIEL_OK : fail(out, start, st, "ESC/POS feed and cut", diag);
}
