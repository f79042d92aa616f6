/* The EPL2 encoder: N/q/Q, A text with the resident monospaced fonts 1-4 (wrapped and aligned
 * here, since EPL has no field block), LO lines, X boxes, B 1D barcodes, b QR / Data Matrix, GW
 * bitmaps for any non-ASCII text, P; LF line ends. */
#include <string.h>

#include "protocol/label/encode_internal.h"
#include "protocol/raster/raw_graphic.h"

typedef struct epl_font {
    int id, cell_w, h;   /* dots, character cell width including its gap */
} epl_font;

static const epl_font fonts_203[] = {{1, 10, 12}, {2, 12, 16}, {3, 14, 20}, {4, 16, 24}};
static const epl_font fonts_300[] = {{1, 14, 20}, {2, 18, 28}, {3, 22, 36}, {4, 26, 44}};

typedef struct epl_choice {
    int font, hm, vm, cw, lh;  /* font id, multipliers, char width and line height in dots */
    int ch;                    /* glyph height in dots */
} epl_choice;

static epl_choice pick_font(int dpi, int want_h)
{
    const epl_font *f = dpi >= 250 ? fonts_300 : fonts_203;
    epl_choice best = {0};
    int best_err = 1 << 30;
    for (int i = 0; i < 4; i++) {
        for (int v = 1; v <= 9; v++) {
            int err = f[i].h * v - want_h;
            if (err < 0)
                err = -err;
            if (err < best_err) {
                int hm = v > 6 ? 6 : v;
                best_err = err;
                best.font = f[i].id;
                best.vm = v;
                best.hm = hm;
                best.cw = f[i].cell_w * hm;
                best.ch = f[i].h * v;
                best.lh = f[i].h * v * 6 / 5;
            }
        }
    }
    return best;
}

/* Appends a quoted EPL string ("..." with \" and \\) and LF; control bytes become a space,
 * except GS (0x1D) when keep_gs. */
static stiel_status put_quoted_gs(stiel_buf *out, const char *s, size_t len, bool keep_gs)
{
    stiel_status st = stiel_buf_puts(out, "\"");
    for (size_t i = 0; st == STIEL_OK && i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            char esc[2] = {'\\', s[i]};
            st = stiel_buf_append(out, esc, 2);
        } else if (((unsigned char)s[i] < 0x20 && !(keep_gs && s[i] == 0x1D)) || s[i] == 0x7F) {
            st = stiel_buf_puts(out, " ");
        } else {
            st = stiel_buf_append(out, s + i, 1);
        }
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\"\n");
    return st;
}

static stiel_status put_quoted(stiel_buf *out, const char *s, size_t len)
{
    return put_quoted_gs(out, s, len, false);
}

typedef struct span {
    size_t off, len;
} span;

/* Greedy word wrap of s into lines of at most per_line characters (hard split of long words). */
static size_t wrap_lines(const char *s, size_t per_line, span *lines, size_t max_lines)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max_lines) {
        size_t end, cut;
        while (i < len && s[i] == ' ')
            i++;
        if (i >= len)
            break;
        end = i + per_line < len ? i + per_line : len;
        cut = end;
        if (end < len && s[end] != ' ') {
            size_t k = end;
            while (k > i && s[k - 1] != ' ')
                k--;
            if (k > i)
                cut = k;
        }
        while (cut > i && s[cut - 1] == ' ')
            cut--;
        lines[n].off = i;
        lines[n].len = cut - i;
        n++;
        i = cut;
    }
    return n;
}

static stiel_status epl_text(const label *lab, const label_item *it, const label_encode_options *opt,
                             stiel_buf *out, stiel_diag *diag)
{
    const label_text *tx = &it->u.text;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    epl_choice fc = pick_font(lab->dpi, label_enc_dots(tx->height_mm, lab->dpi, 1));
    span lines[LABEL_TEXT_MAX];
    size_t nlines;
    int block_w;
    int passes = tx->bold ? 2 : 1;
    stiel_status st = STIEL_OK;
    if (!label_text_is_ascii(tx->utf8)) {
        stiel_bitmap bm;
        st = label_enc_raster_text(opt, tx, lab->dpi, "EPL", &bm, diag);
        if (st != STIEL_OK)
            return st;
        st = raster_epl_gw_append(out, &bm, x, y, diag);
        stiel_bitmap_free(&bm);
        return st;
    }
    if (tx->box_width_mm > 0) {
        size_t max = tx->max_lines > 0 ? (size_t)tx->max_lines : LABEL_TEXT_MAX;
        block_w = label_enc_dots(tx->box_width_mm, lab->dpi, 1);
        nlines = wrap_lines(tx->utf8, (size_t)(block_w / fc.cw > 0 ? block_w / fc.cw : 1), lines, max);
    } else {
        lines[0].off = 0;
        lines[0].len = strlen(tx->utf8);
        nlines = 1;
        block_w = (int)lines[0].len * fc.cw;
    }
    for (size_t k = 0; k < nlines && st == STIEL_OK; k++) {
        int lw = (int)lines[k].len * fc.cw;
        int u = 0, v = (int)k * fc.lh;
        int block_h = (int)(nlines - 1) * fc.lh + fc.ch;
        if (tx->box_width_mm > 0 && tx->align == LABEL_ALIGN_CENTER)
            u = (block_w - lw) / 2;
        else if (tx->box_width_mm > 0 && tx->align == LABEL_ALIGN_RIGHT)
            u = block_w - lw;
        if (u < 0)
            u = 0;
        for (int p = 0; p < passes && st == STIEL_OK; p++) {
            int ax, ay;
            label_enc_anchor(tx->rotation, x, y, block_w, block_h, u + p, v, &ax, &ay);
            st = stiel_buf_printf(out, "A%d,%d,%d,%d,%d,%d,N,", ax, ay, (int)tx->rotation / 90,
                                  fc.font, fc.hm, fc.vm);
            if (st == STIEL_OK)
                st = put_quoted(out, tx->utf8 + lines[k].off, lines[k].len);
        }
    }
    return st;
}

static stiel_status epl_line(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r = label_enc_line_rect(lab, it);
    return stiel_buf_printf(out, "LO%d,%d,%d,%d\n", r.x, r.y, r.w, r.h);
}

static stiel_status epl_box(const label *lab, const label_item *it, stiel_buf *out)
{
    label_enc_rect r;
    if (label_enc_box_rect(lab, it, &r))
        return stiel_buf_printf(out, "LO%d,%d,%d,%d\n", r.x, r.y, r.w, r.h);
    return stiel_buf_printf(out, "X%d,%d,%d,%d,%d\n", r.x, r.y, r.t, r.x + r.w, r.y + r.h);
}

static stiel_status epl_barcode(const label *lab, const label_item *it, stiel_buf *out,
                                stiel_diag *diag)
{
    const label_barcode *bc = &it->u.barcode;
    int x = label_enc_dots(it->x_mm, lab->dpi, 0), y = label_enc_dots(it->y_mm, lab->dpi, 0);
    int h = label_enc_dots(bc->height_mm, lab->dpi, 1);
    int m = label_barcode_module_dots(bc, lab->dpi);
    int rot = (int)bc->rotation / 90;
    char hr = bc->human_readable ? 'B' : 'N';
    size_t len = strlen(bc->data);
    char wire[LABEL_DATA_MAX];
    size_t wlen = 0;
    stiel_status st;
    switch (bc->symbology) {
    case LABEL_CODE128:
        st = stiel_buf_printf(out, "B%d,%d,%d,1,%d,%d,%d,%c,", x, y, rot, m, 2 * m, h, hr);
        return st == STIEL_OK ? put_quoted(out, bc->data, len) : st;
    case LABEL_GS1_128:
        /* 1E: UCC/EAN-128, the printer adds the leading FNC1. Variable-length AIs that are not
         * last end with GS (0x1D), which EPL passes as a Code 128 character. */
        st = label_enc_gs1_wire(bc->data, wire, sizeof wire, &wlen, diag);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, "B%d,%d,%d,1E,%d,%d,%d,%c,", x, y, rot, m, 2 * m, h, hr);
        return st == STIEL_OK ? put_quoted_gs(out, wire, wlen, true) : st;
    case LABEL_EAN13:
        if (len < 12)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "EAN-13 data needs 12 digits");
        st = stiel_buf_printf(out, "B%d,%d,%d,E30,%d,%d,%d,%c,", x, y, rot, m, 2 * m, h, hr);
        return st == STIEL_OK ? put_quoted(out, bc->data, 12) : st;
    case LABEL_QR:
        st = stiel_buf_printf(out, "b%d,%d,Q,m2,s%d,eM,iA,", x, y, m);
        return st == STIEL_OK ? put_quoted(out, bc->data, len) : st;
    case LABEL_DATAMATRIX:
        st = stiel_buf_printf(out, "b%d,%d,D,h%d,", x, y, m);
        return st == STIEL_OK ? put_quoted(out, bc->data, len) : st;
    case LABEL_GS1_DATAMATRIX:
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "EPL2 has no GS1 Data Matrix (no FNC1 in its b command): use a ZPL "
                              "or TSPL printer, or GS1-128");
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown symbology %d", (int)bc->symbology);
    }
}

static const label_enc_items_fn epl_items = {epl_text, epl_line, epl_box, epl_barcode};

stiel_status label_encode_epl(const label *lab, const label_encode_options *opt, stiel_buf *out,
                              stiel_diag *diag)
{
    stiel_status st = label_enc_begin(lab, out, diag);
    if (st != STIEL_OK)
        return st;
    double gap = opt != NULL && opt->gap_mm > 0 ? opt->gap_mm : 3.0;
    st = stiel_buf_printf(out, "\nN\nq%d\nQ%d,%d\n", label_enc_dots(lab->width_mm, lab->dpi, 1),
                          label_enc_dots(lab->height_mm, lab->dpi, 1), label_enc_dots(gap, lab->dpi, 0));
    if (st == STIEL_OK)
        st = label_enc_items(lab, opt, &epl_items, out, diag);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, "P%d\n", label_enc_copies(opt));
    return label_enc_end(st, "EPL", diag);
}
