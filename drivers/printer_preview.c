/* Job bytes → bitmap from the graphics they carry (see printer_preview.h): a small scanner per
 * language that finds the label size and each graphic's origin and payload. */
#include "drivers/printer_preview.h"

#include <stdlib.h>
#include <string.h>

#include "protocol/raster/zpl_graphic.h"

enum { DEFAULT_W = 812, DEFAULT_H = 1218, SIZE_MAX_DOTS = 32767 };

static int clamp_dots(long v, int dflt)
{
    if (v <= 0)
        return dflt;
    return v > SIZE_MAX_DOTS ? SIZE_MAX_DOTS : (int)v;
}

/* Reads up to k comma-separated integers at s (bounded by end); returns how many. */
static int read_ints(const char *s, const char *end, long *v, int k)
{
    int got = 0;
    while (got < k && s < end) {
        char *e = NULL;
        char tmp[24];
        size_t m = 0;
        while (s + m < end && m + 1 < sizeof tmp && (s[m] == '-' || (s[m] >= '0' && s[m] <= '9')))
            m++;
        if (m == 0) {
            if (s < end && *s == ',') { /* empty field */
                v[got++] = -1;
                s++;
                continue;
            }
            break;
        }
        memcpy(tmp, s, m);
        tmp[m] = '\0';
        v[got++] = strtol(tmp, &e, 10);
        s += m;
        if (s < end && *s == ',')
            s++;
        else
            break;
    }
    return got;
}

/* Blits src inverted or not into dst at (x, y). */
static void blit_bytes(stiel_bitmap *dst, const uint8_t *rows, int stride, int h, int x, int y, int invert)
{
    for (int r = 0; r < h; r++)
        for (int c = 0; c < stride * 8; c++) {
            uint8_t b = rows[(size_t)r * (size_t)stride + (size_t)(c / 8)];
            int on = (b >> (7 - c % 8)) & 1;
            if (invert)
                on = !on;
            if (on)
                stiel_bitmap_set(dst, x + c, y + r, true);
        }
}

/* ---- ZPL ---- */

static stiel_status preview_zpl(const char *s, size_t n, stiel_bitmap *out, size_t *native, stiel_diag *diag)
{
    const char *end = s + n;
    long w = -1, h = -1, v[4];
    for (const char *p = s; p + 3 <= end; p++) {
        if (*p != '^')
            continue;
        if (strncmp(p, "^PW", 3) == 0 && read_ints(p + 3, end, v, 1) == 1)
            w = v[0];
        else if (strncmp(p, "^LL", 3) == 0 && read_ints(p + 3, end, v, 1) == 1)
            h = v[0];
    }
    stiel_status st = stiel_bitmap_init(out, clamp_dots(w, DEFAULT_W), clamp_dots(h, DEFAULT_H));
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "out of memory for the preview");
    long ox = 0, oy = 0;
    size_t drawn = 0, fields = 0;
    int field_drawn = 0, in_field = 0;
    for (const char *p = s; p + 3 <= end; p++) {
        if (*p != '^')
            continue;
        if (strncmp(p, "^FO", 3) == 0) {
            int k = read_ints(p + 3, end, v, 2);
            ox = k > 0 && v[0] > 0 ? v[0] : 0;
            oy = k > 1 && v[1] > 0 ? v[1] : 0;
            in_field = 1;
            field_drawn = 0;
        } else if (strncmp(p, "^GF", 3) == 0) {
            stiel_bitmap g;
            size_t used = 0;
            st = raster_zpl_gf_decode(p, (size_t)(end - p), &g, &used, diag);
            if (st != STIEL_OK) {
                stiel_bitmap_free(out);
                return st;
            }
            stiel_bitmap_blit(out, &g, (int)ox, (int)oy);
            stiel_bitmap_free(&g);
            drawn++;
            field_drawn = 1;
            p += used > 0 ? used - 1 : 0;
        } else if (strncmp(p, "^GB", 3) == 0) {
            int k = read_ints(p + 3, end, v, 3);
            long bw = k > 0 && v[0] > 0 ? v[0] : 1, bh = k > 1 && v[1] > 0 ? v[1] : 1;
            long t = k > 2 && v[2] > 0 ? v[2] : 1;
            if (t > bw)
                bw = t;
            if (t > bh)
                bh = t;
            stiel_bitmap_fill_rect(out, (int)ox, (int)oy, (int)bw, (int)t, true);
            stiel_bitmap_fill_rect(out, (int)ox, (int)(oy + bh - t), (int)bw, (int)t, true);
            stiel_bitmap_fill_rect(out, (int)ox, (int)oy, (int)t, (int)bh, true);
            stiel_bitmap_fill_rect(out, (int)(ox + bw - t), (int)oy, (int)t, (int)bh, true);
            drawn++;
            field_drawn = 1;
        } else if (strncmp(p, "^FS", 3) == 0) {
            if (in_field && !field_drawn)
                fields++;
            in_field = 0;
        } else if (strncmp(p, "^XZ", 3) == 0) {
            break; /* the first label only */
        }
    }
    if (native)
        *native = fields;
    if (drawn == 0) {
        stiel_bitmap_free(out);
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                              "the ZPL job has no graphic to preview (%zu native fields: send it as a raster)", fields);
    }
    return STIEL_OK;
}

/* ---- TSPL and EPL: line commands with a binary payload ---- */

static stiel_status preview_lines(stiel_printer_lang lang, const uint8_t *b, size_t n, int dpi, stiel_bitmap *out,
                                  size_t *native, stiel_diag *diag)
{
    const char *s = (const char *)b, *end = s + n;
    long w = -1, h = -1, v[5];
    /* first pass: the size */
    for (const char *p = s; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (lang == STIEL_PRINTER_TSPL && le - p > 5 && strncmp(p, "SIZE ", 5) == 0) {
            double mw = 0, mh = 0;
            char tmp[64];
            size_t m = (size_t)(le - p) < sizeof tmp - 1 ? (size_t)(le - p) : sizeof tmp - 1;
            memcpy(tmp, p, m);
            tmp[m] = '\0';
            char *comma = strchr(tmp, ',');
            mw = strtod(tmp + 5, NULL);
            mh = comma ? strtod(comma + 1, NULL) : 0;
            w = (long)(mw * dpi / 25.4 + 0.5);
            h = (long)(mh * dpi / 25.4 + 0.5);
        } else if (lang == STIEL_PRINTER_EPL && le - p > 1 && p[0] == 'q' && read_ints(p + 1, le, v, 1) == 1) {
            w = v[0];
        } else if (lang == STIEL_PRINTER_EPL && le - p > 1 && p[0] == 'Q' && read_ints(p + 1, le, v, 1) >= 1) {
            h = v[0];
        }
        /* skip binary payloads so their bytes are not read as lines */
        const char *cmd = lang == STIEL_PRINTER_TSPL ? "BITMAP " : "GW";
        size_t cl = strlen(cmd);
        if ((size_t)(end - p) > cl && strncmp(p, cmd, cl) == 0 && read_ints(p + cl, end, v, lang == STIEL_PRINTER_TSPL ? 5 : 4) >= 4) {
            const char *q = p;
            int commas = 0, want = lang == STIEL_PRINTER_TSPL ? 5 : 4;
            while (q < end && commas < want) {
                if (*q == ',')
                    commas++;
                q++;
            }
            long bytes = v[2] * v[3];
            if (bytes < 0 || bytes > end - q)
                break;
            p = q + bytes;
            continue;
        }
        p = nl ? nl + 1 : end;
    }
    stiel_status st = stiel_bitmap_init(out, clamp_dots(w, DEFAULT_W), clamp_dots(h, DEFAULT_H));
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "out of memory for the preview");
    size_t drawn = 0, fields = 0;
    for (const char *p = s; p < end;) {
        const char *cmd = lang == STIEL_PRINTER_TSPL ? "BITMAP " : "GW";
        size_t cl = strlen(cmd);
        int want = lang == STIEL_PRINTER_TSPL ? 5 : 4;
        if ((size_t)(end - p) > cl && strncmp(p, cmd, cl) == 0 && read_ints(p + cl, end, v, want) >= 4) {
            const char *q = p;
            int commas = 0;
            while (q < end && commas < want) {
                if (*q == ',')
                    commas++;
                q++;
            }
            long bytes = v[2] * v[3];
            if (v[2] <= 0 || v[3] <= 0 || bytes > end - q) {
                stiel_bitmap_free(out);
                return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "%s graphic is cut short", cmd);
            }
            blit_bytes(out, (const uint8_t *)q, (int)v[2], (int)v[3], (int)v[0], (int)v[1], 1);
            drawn++;
            p = q + bytes;
            continue;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (lang == STIEL_PRINTER_TSPL && (strncmp(p, "TEXT", 4) == 0 || strncmp(p, "BARCODE", 7) == 0 ||
                                           strncmp(p, "QRCODE", 6) == 0 || strncmp(p, "DMATRIX", 7) == 0 ||
                                           strncmp(p, "BLOCK", 5) == 0))
            fields++;
        if (lang == STIEL_PRINTER_EPL && nl && nl > p && (p[0] == 'A' || p[0] == 'B' || p[0] == 'b'))
            fields++;
        p = nl ? nl + 1 : end;
    }
    if (native)
        *native = fields;
    if (drawn == 0) {
        stiel_bitmap_free(out);
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "the %s job has no graphic to preview (%zu native fields)",
                              stiel_printer_lang_name(lang), fields);
    }
    return STIEL_OK;
}

/* ---- ESC/POS: GS v 0 bands stacked top to bottom ---- */

static stiel_status preview_escpos(const uint8_t *b, size_t n, stiel_bitmap *out, stiel_diag *diag)
{
    long width = 0, height = 0;
    for (int pass = 0; pass < 2; pass++) {
        long y = 0;
        for (size_t i = 0; i + 8 <= n;) {
            if (b[i] == 0x1D && b[i + 1] == 'v' && (b[i + 2] == '0' || b[i + 2] == 0)) {
                long xb = b[i + 4] | (long)b[i + 5] << 8, rows = b[i + 6] | (long)b[i + 7] << 8;
                if ((size_t)(xb * rows) > n - i - 8) {
                    if (pass == 1)
                        stiel_bitmap_free(out);
                    return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "ESC/POS raster (GS v 0) is cut short");
                }
                if (pass == 0) {
                    width = xb * 8 > width ? xb * 8 : width;
                    height += rows;
                } else {
                    blit_bytes(out, b + i + 8, (int)xb, (int)rows, 0, (int)y, 0);
                    y += rows;
                }
                i += 8 + (size_t)(xb * rows);
                continue;
            }
            i++;
        }
        if (pass == 0) {
            if (width == 0 || height == 0)
                return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "the ESC/POS job has no raster (GS v 0) to preview");
            stiel_status st = stiel_bitmap_init(out, clamp_dots(width, 1), clamp_dots(height, 1));
            if (st != STIEL_OK)
                return stiel_diag_set(diag, st, "out of memory for the preview");
        }
    }
    return STIEL_OK;
}

stiel_status stiel_printer_preview(stiel_printer_lang lang, const uint8_t *job, size_t n, int dpi,
                                   stiel_bitmap *out, size_t *native_fields, stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no bitmap");
    memset(out, 0, sizeof *out);
    if (native_fields)
        *native_fields = 0;
    if (!job || n == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "an empty job");
    if (dpi <= 0)
        dpi = 203;
    switch (lang) {
    case STIEL_PRINTER_ZPL: return preview_zpl((const char *)job, n, out, native_fields, diag);
    case STIEL_PRINTER_TSPL:
    case STIEL_PRINTER_EPL: return preview_lines(lang, job, n, dpi, out, native_fields, diag);
    case STIEL_PRINTER_ESCPOS: return preview_escpos(job, n, out, diag);
    }
    return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown printer language");
}
