/* The ZPL subset parser (see zpl_parse.h): a command scanner over the first ^XA..^XZ format, a
 * field state filled by ^FO/^A0/^FB/^FH/^B*, and an item emitted at each ^FS. */
#include "protocol/label/zpl_parse.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "protocol/scan/gs1.h"

typedef enum field_kind { F_NONE = 0, F_TEXT, F_BC, F_BE, F_BQ, F_BX, F_GB, F_GF } field_kind;

/* ^FD data as stored before the barcode decoders undo their escapes: the encoder writes each data
 * byte of a ^BX field as up to 5 characters (_dNNN for ^ and ~), plus a leading _1 for GS1. */
enum { FIELD_DATA_MAX = LABEL_DATA_MAX * 5 + 8 };

typedef struct field {
    bool has_origin;
    int x, y;
    field_kind kind;
    char orient;
    int h;                  /* font height or bar height, dots */
    bool hri;
    int fb_w, fb_lines;     /* ^FB */
    char fb_just;
    bool fh;
    int gb_w, gb_h, gb_t;
    int module;             /* ^BX/^BQ module */
    bool has_data;
    char data[FIELD_DATA_MAX];
    size_t data_len;
} field;

static double to_mm(int dots, int dpi)
{
    return (double)dots * 25.4 / (double)dpi;
}

static label_rotation rot_of(char o)
{
    switch (o) {
    case 'R': return LABEL_ROT_90;
    case 'I': return LABEL_ROT_180;
    case 'B': return LABEL_ROT_270;
    default: return LABEL_ROT_0;
    }
}

enum {
    ZPL_NUMBER_MAX = 99999999, /* the largest number ZPL takes (^PQ) */
    ZPL_DOTS_MAX = 32000       /* the largest position or size in dots (^FO, ^GB, ^A0, ^FB...) */
};

static int clamp_dots(int v)
{
    return v > ZPL_DOTS_MAX ? ZPL_DOTS_MAX : v;
}

/* Up to k comma-separated ints from p (params text of plen bytes), each clamped to
 * 0..ZPL_NUMBER_MAX; missing → -1. */
static void ints(const char *p, size_t plen, int *v, int k)
{
    size_t i = 0;
    for (int f = 0; f < k; f++) {
        v[f] = -1;
        if (i > plen)
            continue;
        size_t start = i;
        while (i < plen && p[i] != ',')
            i++;
        if (i > start) {
            char tmp[16];
            size_t n = i - start < sizeof tmp - 1 ? i - start : sizeof tmp - 1;
            memcpy(tmp, p + start, n);
            tmp[n] = '\0';
            /* strtol, not atoi (undefined past INT_MAX); ZPL's numbers are 0..99999999 (^PQ) */
            long l = strtol(tmp, NULL, 10);
            v[f] = l < 0 ? 0 : l > ZPL_NUMBER_MAX ? ZPL_NUMBER_MAX : (int)l;
        }
        i++; /* past the comma */
    }
}

/* The n-th comma-separated parameter's first character, or 0. */
static char param_char(const char *p, size_t plen, int nth)
{
    size_t i = 0;
    for (int f = 0; f < nth; f++) {
        while (i < plen && p[i] != ',')
            i++;
        if (i >= plen)
            return 0;
        i++;
    }
    return i < plen && p[i] != ',' ? p[i] : 0;
}

/* Field data with ^FH's _hh escapes decoded (and, in a field block, \\ → \). */
static stiel_status field_data(const char *p, size_t plen, bool fh, bool in_fb, field *f, stiel_diag *diag)
{
    size_t o = 0;
    for (size_t i = 0; i < plen; i++) {
        char ch = p[i];
        if (fh && ch == '_') {
            if (i + 2 >= plen)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^FH escape cut short in ^FD");
            int hi = stiel_hex_value(p[i + 1]), lo = stiel_hex_value(p[i + 2]);
            if (hi < 0 || lo < 0)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "bad ^FH escape in ^FD");
            ch = (char)(hi * 16 + lo);
            i += 2;
        } else if (in_fb && ch == '\\' && i + 1 < plen && p[i + 1] == '\\') {
            i++;
        }
        if (o + 1 >= sizeof f->data)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "^FD data is too long");
        f->data[o++] = ch;
    }
    f->data[o] = '\0';
    f->data_len = o;
    f->has_data = true;
    return STIEL_OK;
}

/* Our ^BC mode-N invocation sequence → the data (0x1D for FNC1); *gs1 when it starts with FNC1. */
static stiel_status code128_decode(const char *d, size_t n, char *out, size_t cap, bool *gs1, stiel_diag *diag)
{
    bool in_c = false;
    size_t o = 0;
    *gs1 = false;
    for (size_t i = 0; i < n;) {
        char c = d[i];
        char put[2];
        size_t np = 0;
        if (c == '>' && i + 1 < n) {
            char k = d[i + 1];
            i += 2;
            switch (k) {
            case ';': in_c = true; continue;
            case ':': in_c = false; continue;
            case '6': in_c = false; continue;
            case '5': in_c = true; continue;
            case '8':
                if (o == 0)
                    *gs1 = true;
                else
                    put[np++] = 0x1D;
                break;
            case '0': put[np++] = '>'; break;
            case '<': put[np++] = '^'; break;
            case '=': put[np++] = '~'; break;
            default:
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "unknown ^BC invocation >%c", k);
            }
        } else if (in_c) {
            if (i + 1 >= n || d[i] < '0' || d[i] > '9' || d[i + 1] < '0' || d[i + 1] > '9')
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^BC subset C needs digit pairs");
            put[np++] = d[i];
            put[np++] = d[i + 1];
            i += 2;
        } else {
            put[np++] = c;
            i++;
        }
        if (o + np + 1 > cap)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "^BC data is too long");
        memcpy(out + o, put, np);
        o += np;
    }
    out[o] = '\0';
    return STIEL_OK;
}

/* Data Matrix data with '_' escapes → data; *gs1 when it starts with _1. */
static stiel_status dm_decode(const char *d, size_t n, char *out, size_t cap, bool *gs1, stiel_diag *diag)
{
    size_t o = 0;
    *gs1 = false;
    for (size_t i = 0; i < n; i++) {
        char ch = d[i];
        if (ch == '_') {
            if (i + 1 >= n)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^BX escape cut short");
            char k = d[++i];
            if (k == '_') {
                ch = '_';
            } else if (k == '1') {
                if (o == 0) {
                    *gs1 = true;
                    continue;
                }
                ch = 0x1D;
            } else if (k == 'd') {
                if (i + 3 >= n)
                    return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^BX _d escape cut short");
                char num[4] = {d[i + 1], d[i + 2], d[i + 3], 0};
                ch = (char)atoi(num);
                i += 3;
            } else {
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "unknown ^BX escape _%c", k);
            }
        }
        if (o + 2 > cap)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "^BX data is too long");
        out[o++] = ch;
    }
    out[o] = '\0';
    return STIEL_OK;
}

/* A GS1 element string (FNC1 separators) → bracketed HRI. */
static stiel_status gs1_hri(const char *wire, char *out, size_t cap, stiel_diag *diag)
{
    gs1_element_string *es = malloc(sizeof *es);
    if (!es)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    stiel_status st = gs1_parse_element_string(wire, strlen(wire), es, diag);
    if (st == STIEL_OK)
        st = gs1_build_hri(es, out, cap);
    free(es);
    if (st == STIEL_ERR_NOSPACE)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "GS1 data is too long");
    return st;
}

static stiel_status add_item(label *lab, const label_item *it, stiel_diag *diag)
{
    if (lab->count >= LABEL_MAX_ITEMS)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "more than %d items", LABEL_MAX_ITEMS);
    lab->items[lab->count++] = *it;
    return STIEL_OK;
}

/* The encoder's bold: the same text again dx dots across the reading direction. */
static bool is_bold_stroke(const label *lab, const label_item *it, int dpi)
{
    if (lab->count == 0)
        return false;
    label_item *prev = (label_item *)&lab->items[lab->count - 1];
    if (prev->kind != LABEL_ITEM_TEXT || prev->u.text.bold)
        return false;
    const label_text *a = &prev->u.text, *b = &it->u.text;
    if (strcmp(a->utf8, b->utf8) != 0 || a->rotation != b->rotation || a->height_mm != b->height_mm ||
        a->box_width_mm != b->box_width_mm || a->max_lines != b->max_lines || a->align != b->align)
        return false;
    int h = label_mm_to_dots(a->height_mm, dpi);
    int dx = h / 25 > 1 ? h / 25 : 1;
    int px = label_mm_to_dots(prev->x_mm, dpi), py = label_mm_to_dots(prev->y_mm, dpi);
    int x = label_mm_to_dots(it->x_mm, dpi), y = label_mm_to_dots(it->y_mm, dpi);
    bool across = a->rotation == LABEL_ROT_90 || a->rotation == LABEL_ROT_270;
    if (across ? (x == px && y == py + dx) : (x == px + dx && y == py)) {
        prev->u.text.bold = true;
        return true;
    }
    return false;
}

/* ^FS: the field becomes an item. */
static stiel_status emit(label *lab, field *f, int by, int dpi, label_zpl_parse_info *info, stiel_diag *diag)
{
    if (f->kind == F_NONE && !f->has_data)
        return STIEL_OK;
    if (f->kind == F_GF) {
        info->raster_fields++;
        return STIEL_OK;
    }
    if (!f->has_origin)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "a field without ^FO");
    label_item it;
    memset(&it, 0, sizeof it);
    it.x_mm = to_mm(f->x, dpi);
    it.y_mm = to_mm(f->y, dpi);
    bool gs1 = false;
    char dec[LABEL_DATA_MAX * 2];
    stiel_status st = STIEL_OK;
    switch (f->kind) {
    case F_TEXT: {
        label_text *t = &it.u.text;
        it.kind = LABEL_ITEM_TEXT;
        if (f->data_len >= sizeof t->utf8)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "text field is too long");
        memcpy(t->utf8, f->data, f->data_len + 1);
        t->height_mm = to_mm(f->h, dpi);
        t->rotation = rot_of(f->orient);
        if (f->fb_w > 0) {
            t->box_width_mm = to_mm(f->fb_w, dpi);
            t->max_lines = f->fb_lines == 9 || f->fb_lines < 0 ? 0 : f->fb_lines;
            t->align = f->fb_just == 'C' ? LABEL_ALIGN_CENTER : f->fb_just == 'R' ? LABEL_ALIGN_RIGHT : LABEL_ALIGN_LEFT;
        }
        if (is_bold_stroke(lab, &it, dpi))
            return STIEL_OK;
        return add_item(lab, &it, diag);
    }
    case F_GB: {
        int w = f->gb_w > 0 ? f->gb_w : 1, h = f->gb_h > 0 ? f->gb_h : 1, t = f->gb_t > 0 ? f->gb_t : 1;
        if (h == t || w == t) {
            it.kind = LABEL_ITEM_LINE;
            it.u.line.thickness_mm = to_mm(t, dpi);
            it.u.line.x2_mm = h == t ? to_mm(f->x + w, dpi) : it.x_mm;
            it.u.line.y2_mm = h == t ? it.y_mm : to_mm(f->y + h, dpi);
        } else {
            it.kind = LABEL_ITEM_BOX;
            it.u.box.width_mm = to_mm(w, dpi);
            it.u.box.height_mm = to_mm(h, dpi);
            it.u.box.thickness_mm = to_mm(t, dpi);
        }
        return add_item(lab, &it, diag);
    }
    default:
        break;
    }
    label_barcode *bc = &it.u.barcode;
    it.kind = LABEL_ITEM_BARCODE;
    bc->rotation = rot_of(f->orient);
    bc->human_readable = f->hri;
    bc->height_mm = f->h > 0 ? to_mm(f->h, dpi) : 0;
    bc->module_mm = to_mm(by, dpi);
    switch (f->kind) {
    case F_BC:
        st = code128_decode(f->data, f->data_len, dec, sizeof dec, &gs1, diag);
        bc->symbology = gs1 ? LABEL_GS1_128 : LABEL_CODE128;
        break;
    case F_BE:
        bc->symbology = LABEL_EAN13;
        if (strlen(f->data) >= sizeof bc->data)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "barcode data is too long");
        memcpy(dec, f->data, strlen(f->data) + 1);
        break;
    case F_BQ:
        bc->symbology = LABEL_QR;
        bc->module_mm = to_mm(f->module, dpi);
        bc->rotation = LABEL_ROT_0;
        bc->height_mm = 0;
        if (f->data_len < 3 || memcmp(f->data, "QA,", 3) != 0)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "^BQ data does not start with QA,");
        if (strlen(f->data + 3) >= sizeof bc->data)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "barcode data is too long");
        memcpy(dec, f->data + 3, strlen(f->data + 3) + 1);
        break;
    case F_BX:
        bc->module_mm = to_mm(f->module, dpi);
        bc->height_mm = 0;
        st = dm_decode(f->data, f->data_len, dec, sizeof dec, &gs1, diag);
        bc->symbology = gs1 ? LABEL_GS1_DATAMATRIX : LABEL_DATAMATRIX;
        break;
    default:
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "a field of unknown kind");
    }
    if (st != STIEL_OK)
        return st;
    if (gs1) {
        st = gs1_hri(dec, bc->data, sizeof bc->data, diag);
        if (st != STIEL_OK)
            return st;
    } else {
        size_t dl = strlen(dec);
        if (dl >= sizeof bc->data)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "barcode data is too long");
        memcpy(bc->data, dec, dl + 1);
    }
    return add_item(lab, &it, diag);
}

stiel_status label_zpl_parse(const char *zpl, size_t len, int dpi, label *out, label_zpl_parse_info *info,
                             stiel_diag *diag)
{
    label_zpl_parse_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    info->copies = 1;
    if (!zpl || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "nothing to parse");
    if (dpi < 100 || dpi > 600)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "dpi %d is not 100..600", dpi);
    memset(out, 0, sizeof *out);
    out->dpi = dpi;
    const char *end = zpl + len, *p = zpl;
    /* find ^XA */
    while (p + 3 <= end && memcmp(p, "^XA", 3) != 0)
        p++;
    if (p + 3 > end)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "no ^XA: not a ZPL format");
    p += 3;
    field f;
    memset(&f, 0, sizeof f);
    int by = 2, pw = -1, ll = -1;
    bool closed = false;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && p < end) {
        if (*p != '^' && *p != '~') {
            p++;
            continue;
        }
        size_t off = (size_t)(p - zpl);
        if (p + 3 > end)
            break;
        char c0 = p[1], c1 = p[2];
        const char *params = p + 3;
        const char *q = params;
        bool is_fd = c0 == 'F' && c1 == 'D';
        /* ^FD runs to ^FS; other parameters to the next command or line end */
        if (is_fd) {
            while (q + 3 <= end && memcmp(q, "^FS", 3) != 0)
                q++;
            if (q + 3 > end)
                q = end;
        } else if (c0 == 'G' && c1 == 'F') {
            while (q < end && *q != '^' && *q != '~')
                q++;
        } else {
            while (q < end && *q != '^' && *q != '~' && *q != '\n' && *q != '\r')
                q++;
        }
        size_t plen = (size_t)(q - params);
        int v[6];
        if (c0 == 'X' && c1 == 'Z') {
            closed = true;
            break;
        } else if (c0 == 'P' && c1 == 'W') {
            ints(params, plen, v, 1);
            pw = clamp_dots(v[0]);
        } else if (c0 == 'L' && c1 == 'L') {
            ints(params, plen, v, 1);
            ll = clamp_dots(v[0]);
        } else if (c0 == 'P' && c1 == 'Q') {
            ints(params, plen, v, 1);
            info->copies = v[0] > 0 ? v[0] : 1;
        } else if (c0 == 'C' && c1 == 'I') {
            /* ^CI28: UTF-8, which is what the label model holds */
        } else if (c0 == 'F' && c1 == 'O') {
            ints(params, plen, v, 2);
            f.has_origin = true;
            f.x = v[0] > 0 ? clamp_dots(v[0]) : 0;
            f.y = v[1] > 0 ? clamp_dots(v[1]) : 0;
        } else if (c0 == 'A' && c1 == '0') {
            f.kind = F_TEXT;
            f.orient = plen > 0 ? params[0] : 'N';
            ints(params + (plen > 0 ? 1 : 0), plen > 0 ? plen - 1 : 0, v, 3);
            f.h = clamp_dots(v[1]);
        } else if (c0 == 'F' && c1 == 'B') {
            ints(params, plen, v, 3);
            f.fb_w = clamp_dots(v[0]);
            f.fb_lines = v[1];
            f.fb_just = param_char(params, plen, 3);
        } else if (c0 == 'F' && c1 == 'H') {
            f.fh = true;
        } else if (is_fd) {
            st = field_data(params, plen, f.fh, f.kind == F_TEXT && f.fb_w > 0, &f, diag);
        } else if (c0 == 'F' && c1 == 'S') {
            st = emit(out, &f, by, dpi, info, diag);
            memset(&f, 0, sizeof f);
        } else if (c0 == 'G' && c1 == 'B') {
            ints(params, plen, v, 3);
            f.kind = F_GB;
            f.gb_w = clamp_dots(v[0]);
            f.gb_h = clamp_dots(v[1]);
            f.gb_t = clamp_dots(v[2]);
        } else if (c0 == 'G' && c1 == 'F') {
            f.kind = F_GF;
        } else if (c0 == 'B' && c1 == 'Y') {
            ints(params, plen, v, 1);
            by = v[0] > 0 ? clamp_dots(v[0]) : by;
        } else if (c0 == 'B' && (c1 == 'C' || c1 == 'E')) {
            f.kind = c1 == 'C' ? F_BC : F_BE;
            f.orient = plen > 0 ? params[0] : 'N';
            ints(params, plen, v, 2);
            f.h = clamp_dots(v[1]);
            f.hri = param_char(params, plen, 2) == 'Y';
        } else if (c0 == 'B' && c1 == 'Q') {
            f.kind = F_BQ;
            ints(params, plen, v, 3);
            f.module = v[2] > 0 ? clamp_dots(v[2]) : 2;
        } else if (c0 == 'B' && c1 == 'X') {
            f.kind = F_BX;
            f.orient = plen > 0 ? params[0] : 'N';
            ints(params, plen, v, 2);
            f.module = v[1] > 0 ? clamp_dots(v[1]) : 2;
        } else {
            info->ignored_commands++;
        }
        if (st != STIEL_OK && diag && diag->text[0]) {
            char msg[STIEL_DIAG_TEXT_MAX];
            snprintf(msg, sizeof msg, "%s", diag->text);
            stiel_diag_set(diag, st, "ZPL ^%c%c at byte %zu: %s", c0, c1, off, msg);
        }
        p = q;
    }
    if (st != STIEL_OK)
        return st;
    if (!closed)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "no ^XZ: the format is not complete");
    if (pw <= 0 || ll <= 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "the format has no ^PW and ^LL: label size unknown");
    out->width_mm = to_mm(pw, dpi);
    out->height_mm = to_mm(ll, dpi);
    return STIEL_OK;
}
