/* The TSPL encoder (TSC and compatible printers): SIZE/GAP/CLS, TEXT and BLOCK with the
 * scalable font "0", BAR and BOX, BARCODE "128" / "EAN128" / "EAN13", QRCODE, DMATRIX, BITMAP for
 * any non-ASCII text, PRINT; CRLF line ends. Strings escape a double quote as \["]. */
#include <string.h>

#include "protocol/label/encode_internal.h"
#include "protocol/label/utf8.h"
#include "protocol/raster/raw_graphic.h"

/* Appends a quoted TSPL string and the line end; a 0x1D byte becomes gs (when not NULL), other
 * control bytes a space. */
static stiel_status put_quoted(stiel_buf *out, const char *s, size_t len, const char *gs)
{
    stiel_status st = stiel_buf_puts(out, "\"");
    for (size_t i = 0; st == STIEL_OK && i < len; i++) {
        if (s[i] == '"')
            st = stiel_buf_puts(out, "\\[\"]");
        else if (s[i] == 0x1D && gs != NULL)
            st = stiel_buf_puts(out, gs);
        else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            st = stiel_buf_puts(out, " "); /* a line end would end the command */
        else
            st = stiel_buf_append(out, s + i, 1);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\"\r\n");
    return st;
}

/* Font "0" size in points for a text height in mm (1 pt = 1/72 inch). */
static int points(double mm)
{
    int pt = (int)(mm * 72.0 / 25.4 + 0.5);
    return pt < 1 ? 1 : (pt > 999 ? 999 : pt);
}

static stiel_status tspl_text(const label *lab, const label_item *it, const label_encode_options *opt,
                              stiel_buf *out, stiel_diag *diag)
{
    const label_text *tx = &it->u.text;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int h = label_enc_dots(tx->height_mm, lab->dpi, 1);
    int pt = points(tx->height_mm);
    int passes = tx->bold ? 2 : 1;
    stiel_status st = STIEL_OK;
    if (!label_text_is_ascii(tx->utf8)) {
        stiel_bitmap bm;
        st = label_enc_raster_text(opt, tx, lab->dpi, "TSPL", &bm, diag);
        if (st != STIEL_OK)
            return st;
        st = raster_tspl_bitmap_append(out, &bm, x, y, diag);
        stiel_bitmap_free(&bm);
        return st;
    }
    for (int p = 0; p < passes && st == STIEL_OK; p++) {
        int ax, ay, w, bh;
        if (tx->box_width_mm > 0) {
            int lines = tx->max_lines > 0 ? tx->max_lines : 0;
            w = label_enc_dots(tx->box_width_mm, lab->dpi, 1);
            bh = lines > 0 ? lines * h * 6 / 5 : label_enc_dots(lab->height_mm, lab->dpi, 1) - y;
            if (bh < h)
                bh = h;
        } else {
            w = (int)(strlen(tx->utf8) * (size_t)h * 11 / 20); /* estimate: ASCII only here */
            bh = h;
        }
        label_enc_anchor(tx->rotation, x, y, w, bh, p, 0, &ax, &ay);
        if (tx->box_width_mm > 0)
            st = stiel_buf_printf(out, "BLOCK %d,%d,%d,%d,\"0\",%d,%d,%d,0,%d,", ax, ay, w, bh,
                                  (int)tx->rotation, pt, pt, (int)tx->align + 1);
        else
            st = stiel_buf_printf(out, "TEXT %d,%d,\"0\",%d,%d,%d,", ax, ay, (int)tx->rotation, pt, pt);
        if (st == STIEL_OK)
            st = put_quoted(out, tx->utf8, strlen(tx->utf8), NULL);
    }
    return st;
}

static stiel_status tspl_line(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r = label_enc_line_rect(lab, it);
    return stiel_buf_printf(out, "BAR %d,%d,%d,%d\r\n", r.x, r.y, r.w, r.h);
}

static stiel_status tspl_box(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r;
    if (label_enc_box_rect(lab, it, &r))
        return stiel_buf_printf(out, "BAR %d,%d,%d,%d\r\n", r.x, r.y, r.w, r.h);
    return stiel_buf_printf(out, "BOX %d,%d,%d,%d,%d\r\n", r.x, r.y, r.x + r.w, r.y + r.h, r.t);
}

static stiel_status tspl_barcode(const label *lab, const label_item *it, stiel_buf *out,
                                 stiel_diag *diag)
{
    const label_barcode *bc = &it->u.barcode;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int h = label_enc_dots(bc->height_mm, lab->dpi, 1);
    int m = label_barcode_module_dots(bc, lab->dpi);
    int rot = (int)bc->rotation, hr = bc->human_readable ? 1 : 0;
    size_t len = strlen(bc->data);
    char wire[LABEL_DATA_MAX];
    size_t wlen = 0;
    stiel_status st;
    switch (bc->symbology) {
    case LABEL_CODE128:
        st = stiel_buf_printf(out, "BARCODE %d,%d,\"128\",%d,%d,%d,%d,%d,", x, y, h, hr, rot, m, m);
        return st == STIEL_OK ? put_quoted(out, bc->data, len, NULL) : st;
    case LABEL_GS1_128:
        st = label_enc_gs1_wire(bc->data, wire, sizeof wire, &wlen, diag);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, "BARCODE %d,%d,\"EAN128\",%d,%d,%d,%d,%d,", x, y, h, hr, rot, m, m);
        return st == STIEL_OK ? put_quoted(out, wire, wlen, "!102") : st;
    case LABEL_EAN13:
        if (len < 12)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "EAN-13 data needs 12 digits");
        st = stiel_buf_printf(out, "BARCODE %d,%d,\"EAN13\",%d,%d,%d,%d,%d,", x, y, h, hr, rot, m, m);
        return st == STIEL_OK ? put_quoted(out, bc->data, 12, NULL) : st;
    case LABEL_QR:
        st = stiel_buf_printf(out, "QRCODE %d,%d,M,%d,A,%d,", x, y, m, rot);
        return st == STIEL_OK ? put_quoted(out, bc->data, len, NULL) : st;
    case LABEL_DATAMATRIX:
    case LABEL_GS1_DATAMATRIX: {
        /* c126: '~' is the escape, ~1 is FNC1, ~~ a tilde. The area is what is left of the label. */
        int area_w = label_enc_dots(lab->width_mm, lab->dpi, 1) - x;
        int area_h = label_enc_dots(lab->height_mm, lab->dpi, 1) - y;
        bool gs1 = bc->symbology == LABEL_GS1_DATAMATRIX;
        stiel_buf d;
        const char *src = bc->data;
        size_t n = len;
        if (gs1) {
            st = label_enc_gs1_wire(bc->data, wire, sizeof wire, &wlen, diag);
            if (st != STIEL_OK)
                return st;
            src = wire;
            n = wlen;
        }
        stiel_buf_init(&d, 0);
        st = gs1 ? stiel_buf_puts(&d, "~1") : STIEL_OK;
        for (size_t i = 0; st == STIEL_OK && i < n; i++) {
            if (src[i] == '~')
                st = stiel_buf_puts(&d, "~~");
            else if (src[i] == 0x1D)
                st = stiel_buf_puts(&d, "~1");
            else
                st = stiel_buf_append(&d, src + i, 1);
        }
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, "DMATRIX %d,%d,%d,%d,c126,x%d,r%d,", x, y,
                                  area_w > 1 ? area_w : 1, area_h > 1 ? area_h : 1, m, rot);
        if (st == STIEL_OK)
            st = put_quoted(out, (const char *)d.data, d.len, NULL);
        stiel_buf_free(&d);
        return st;
    }
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown symbology %d", (int)bc->symbology);
    }
}

static const label_enc_items_fn tspl_items = {tspl_text, tspl_line, tspl_box, tspl_barcode};

stiel_status label_encode_tspl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                               stiel_diag *diag)
{
    stiel_status st = label_enc_begin(lab, out, diag);
    if (st != STIEL_OK)
        return st;
    double gap = opt != NULL && opt->gap_mm > 0 ? opt->gap_mm : 3.0;
    st = stiel_buf_puts(out, "SIZE ");
    if (st == STIEL_OK)
        st = label_enc_put_mm(out, lab->width_mm);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, " mm,");
    if (st == STIEL_OK)
        st = label_enc_put_mm(out, lab->height_mm);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, " mm\r\nGAP ");
    if (st == STIEL_OK)
        st = label_enc_put_mm(out, gap);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, " mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n");
    if (st == STIEL_OK)
        st = label_enc_items(lab, opt, &tspl_items, out, diag);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, "PRINT 1,%d\r\n", label_enc_copies(opt));
    return label_enc_end(st, "TSPL", diag);
}
