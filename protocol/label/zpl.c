/* The ZPL II encoder: a label as one ^XA..^XZ format using the printer's scalable font ^A0
 * (UTF-8 via ^CI28), ^GB lines and boxes, ^BC / ^BE / ^BQ / ^BX barcodes, and ^GFA bitmaps for
 * text that needs shaping. Field data never carries a raw ^ or ~ (^FH hex escapes instead). */
#include <string.h>

#include "protocol/label/encode_internal.h"
#include "protocol/raster/zpl_graphic.h"

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static size_t digit_run(const char *d, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && is_digit(d[i + n]))
        n++;
    return n;
}

stiel_status label_zpl_code128_data(const char *data, size_t len, bool gs1, stiel_buf *out,
                                    stiel_diag *diag)
{
    stiel_buf seq;
    bool in_c;
    size_t i = 0;
    stiel_status st = STIEL_OK;
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)data[k];
        if (ch != 0x1D && (ch < 0x20 || ch > 0x7E))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "Code 128 data: byte 0x%02X is not printable ASCII", ch);
    }
    stiel_buf_init(&seq, 0);
    if (gs1) {
        in_c = true; /* an AI follows: always digits */
        st = stiel_buf_puts(&seq, ">;>8");
    } else {
        size_t lead = 0;
        while (lead < len && data[lead] == 0x1D)
            lead++;
        in_c = digit_run(data, len, lead) >= 4 || (lead == len && len > 0);
        st = stiel_buf_puts(&seq, in_c ? ">;" : ">:");
    }
    /* Once in B, stay in B: the manual's >5 (B to C) is avoided because the offline validator
     * (zebrash 1.38) encodes it as FNC4 without switching, which would make our test proofs lie. */
    while (st == STIEL_OK && i < len) {
        if (data[i] == 0x1D) {
            st = stiel_buf_puts(&seq, ">8");
            i++;
            continue;
        }
        if (in_c) {
            size_t run = digit_run(data, len, i);
            if (run >= 2) {
                st = stiel_buf_append(&seq, data + i, 2);
                i += 2;
            } else {
                st = stiel_buf_puts(&seq, ">6");
                in_c = false;
            }
            continue;
        }
        /* Subset B invocations for the characters ^FD cannot carry raw: codeword 30 is '>',
         * 62 is '^', 94 is '~' (so Code 128 data never needs ^FH). */
        if (data[i] == '>')
            st = stiel_buf_puts(&seq, ">0");
        else if (data[i] == '^')
            st = stiel_buf_puts(&seq, "><");
        else if (data[i] == '~')
            st = stiel_buf_puts(&seq, ">=");
        else
            st = stiel_buf_append(&seq, data + i, 1);
        i++;
    }
    if (st == STIEL_OK)
        st = stiel_buf_append(out, seq.data, seq.len);
    stiel_buf_free(&seq);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "ZPL output too large");
    return STIEL_OK;
}

static char orientation(label_rotation rot)
{
    switch (rot) {
    case LABEL_ROT_90:
        return 'R';
    case LABEL_ROT_180:
        return 'I';
    case LABEL_ROT_270:
        return 'B';
    case LABEL_ROT_0:
    default:
        return 'N';
    }
}

/* Appends "^FD<data>^FS", or "^FH^FD<escaped>^FS" when data holds ^ or ~ (then _ is escaped too).
 * in_fb: a field block, where a backslash must be doubled. */
static stiel_status put_fd(stiel_buf *out, const char *data, size_t len, bool in_fb)
{
    bool need_fh = false;
    stiel_status st;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '^' || data[i] == '~')
            need_fh = true;
    }
    st = stiel_buf_puts(out, need_fh ? "^FH^FD" : "^FD");
    for (size_t i = 0; st == STIEL_OK && i < len; i++) {
        char ch = data[i];
        if (need_fh && (ch == '^' || ch == '~' || ch == '_'))
            st = stiel_buf_printf(out, "_%02X", (unsigned)(unsigned char)ch);
        else if (in_fb && ch == '\\')
            st = stiel_buf_puts(out, "\\\\");
        else
            st = stiel_buf_append(out, &ch, 1);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "^FS\n");
    return st;
}

static stiel_status zpl_text(const label *lab, const label_item *it, const label_encode_options *opt,
                             stiel_buf *out, stiel_diag *diag)
{
    const label_text *tx = &it->u.text;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int h = label_enc_dots(tx->height_mm, lab->dpi, 10);
    int passes = tx->bold ? 2 : 1;
    int dx = h / 25 > 1 ? h / 25 : 1;
    stiel_status st = STIEL_OK;
    if (label_text_needs_shaping(tx->utf8)) {
        stiel_bitmap bm;
        st = label_enc_raster_text(opt, tx, lab->dpi, "ZPL", &bm, diag);
        if (st != STIEL_OK)
            return st;
        st = stiel_buf_printf(out, "^FO%d,%d", x, y);
        if (st == STIEL_OK)
            st = raster_zpl_gf_append(out, &bm, RASTER_ZPL_ACS, diag);
        if (st == STIEL_OK)
            st = stiel_buf_puts(out, "^FS\n");
        stiel_bitmap_free(&bm);
        return st;
    }
    for (int p = 0; p < passes && st == STIEL_OK; p++) {
        /* Bold: strike the field a second time, dx dots across the reading direction. */
        int ox = x, oy = y;
        if (p == 1) {
            if (tx->rotation == LABEL_ROT_90 || tx->rotation == LABEL_ROT_270)
                oy += dx;
            else
                ox += dx;
        }
        st = stiel_buf_printf(out, "^FO%d,%d^A0%c,%d", ox, oy, orientation(tx->rotation), h);
        if (st == STIEL_OK && tx->box_width_mm > 0) {
            static const char just[] = {'L', 'C', 'R'};
            int w = label_enc_dots(tx->box_width_mm, lab->dpi, 1);
            int lines = tx->max_lines > 0 ? tx->max_lines : 9;
            st = stiel_buf_printf(out, "^FB%d,%d,0,%c", w, lines,
                                  just[(unsigned)tx->align < 3 ? tx->align : 0]);
        }
        if (st == STIEL_OK)
            st = put_fd(out, tx->utf8, strlen(tx->utf8), tx->box_width_mm > 0);
    }
    return st;
}

static stiel_status zpl_line(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r = label_enc_line_rect(lab, it);
    return stiel_buf_printf(out, "^FO%d,%d^GB%d,%d,%d^FS\n", r.x, r.y, r.w, r.h, r.t);
}

static stiel_status zpl_box(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r;
    if (label_enc_box_rect(lab, it, &r))
        r.t = r.w < r.h ? r.w : r.h;  /* a solid box: ^GB fills when t is the shorter side */
    return stiel_buf_printf(out, "^FO%d,%d^GB%d,%d,%d^FS\n", r.x, r.y, r.w, r.h, r.t);
}

/* Data Matrix data with '_' as the ^BX escape: __ for _, _dNNN for ^ and ~, _1 for FNC1 (GS in
 * GS1 data); in other data a GS is _d029, as _1 would be an FNC1 (and a leading one makes GS1). */
static stiel_status put_dm_data(stiel_buf *out, const char *d, size_t len, bool gs1)
{
    stiel_status st = stiel_buf_puts(out, gs1 ? "^FD_1" : "^FD");
    for (size_t i = 0; st == STIEL_OK && i < len; i++) {
        char ch = d[i];
        if (ch == '_')
            st = stiel_buf_puts(out, "__");
        else if (ch == '^' || ch == '~' || (ch == 0x1D && !gs1))
            st = stiel_buf_printf(out, "_d%03u", (unsigned)(unsigned char)ch);
        else if (ch == 0x1D)
            st = stiel_buf_puts(out, "_1");
        else
            st = stiel_buf_append(out, &ch, 1);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "^FS\n");
    return st;
}

static stiel_status zpl_barcode(const label *lab, const label_item *it, stiel_buf *out,
                                stiel_diag *diag)
{
    const label_barcode *bc = &it->u.barcode;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int h = label_enc_dots(bc->height_mm, lab->dpi, 1);
    int m = label_barcode_module_dots(bc, lab->dpi);
    char o = orientation(bc->rotation), hr = bc->human_readable ? 'Y' : 'N';
    size_t len = strlen(bc->data);
    char wire[LABEL_DATA_MAX];
    size_t wlen = 0;
    stiel_buf seq;
    stiel_status st = stiel_buf_printf(out, "^FO%d,%d", x, y);
    if (st != STIEL_OK)
        return st;
    switch (bc->symbology) {
    case LABEL_CODE128:
    case LABEL_GS1_128:
        if (bc->symbology == LABEL_GS1_128) {
            st = label_enc_gs1_wire(bc->data, wire, sizeof wire, &wlen, diag);
            if (st != STIEL_OK)
                return st;
        } else if (len > 0 && bc->data[0] == 0x1D) {
            /* A leading FNC1 is what makes a GS1-128 symbol; printing it from plain data would
             * pass off unchecked data as GS1. */
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "Code 128 data starts with GS (FNC1), which would print a "
                                  "GS1-128 symbol: use the gs1-128 symbology for GS1 data");
        }
        stiel_buf_init(&seq, 0);
        st = stiel_buf_printf(out, "^BY%d^BC%c,%d,%c,N,N", m, o, h, hr);
        if (st == STIEL_OK && bc->symbology == LABEL_GS1_128)
            st = label_zpl_code128_data(wire, wlen, true, &seq, diag);
        else if (st == STIEL_OK)
            st = label_zpl_code128_data(bc->data, len, false, &seq, diag);
        if (st == STIEL_OK)
            st = put_fd(out, (const char *)seq.data, seq.len, false);
        stiel_buf_free(&seq);
        return st;
    case LABEL_EAN13:
        if (len < 12)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "EAN-13 data needs 12 digits");
        st = stiel_buf_printf(out, "^BY%d^BE%c,%d,%c,N", m, o, h, hr);
        if (st == STIEL_OK)
            st = put_fd(out, bc->data, 12, false);
        return st;
    case LABEL_QR:
        st = stiel_buf_printf(out, "^BQN,2,%d", m);
        if (st == STIEL_OK) {
            stiel_buf qa;
            stiel_buf_init(&qa, 0);
            st = stiel_buf_puts(&qa, "QA,");
            if (st == STIEL_OK)
                st = stiel_buf_append(&qa, bc->data, len);
            if (st == STIEL_OK)
                st = put_fd(out, (const char *)qa.data, qa.len, false);
            stiel_buf_free(&qa);
        }
        return st;
    case LABEL_DATAMATRIX:
        st = stiel_buf_printf(out, "^BX%c,%d,200,,,,_", o, m);
        if (st == STIEL_OK)
            st = put_dm_data(out, bc->data, len, false);
        return st;
    case LABEL_GS1_DATAMATRIX:
        st = label_enc_gs1_wire(bc->data, wire, sizeof wire, &wlen, diag);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, "^BX%c,%d,200,,,,_", o, m);
        if (st == STIEL_OK)
            st = put_dm_data(out, wire, wlen, true);
        return st;
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown symbology %d", (int)bc->symbology);
    }
}

static const label_enc_items_fn zpl_items = {zpl_text, zpl_line, zpl_box, zpl_barcode};

stiel_status label_encode_zpl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                              stiel_diag *diag)
{
    stiel_status st = label_enc_begin(lab, out, diag);
    if (st != STIEL_OK)
        return st;
    st = stiel_buf_printf(out, "^XA\n^CI28\n^PW%d\n^LL%d\n", label_enc_dots(lab->width_mm, lab->dpi, 1),
                          label_enc_dots(lab->height_mm, lab->dpi, 1));
    if (st == STIEL_OK)
        st = label_enc_items(lab, opt, &zpl_items, out, diag);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, "^PQ%d\n^XZ\n", label_enc_copies(opt));
    return label_enc_end(st, "ZPL", diag);
}
