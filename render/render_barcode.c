/* Barcodes to 1-bit bitmaps with zint: symbology and GS1 options, quiet zones, warnings as
 * errors, one intermediate pixel per module scaled to whole dots, the human-readable line drawn
 * with SDL_ttf, rotation. See render.h. */
#include <stdio.h>
#include <string.h>
#include <zint.h>

#include "render/render_internal.h"

enum { HRI_GAP_MODULES = 2 };

static const char *symbology_name(label_symbology s)
{
    switch (s) {
    case LABEL_CODE128: return "Code 128";
    case LABEL_GS1_128: return "GS1-128";
    case LABEL_EAN13: return "EAN-13";
    case LABEL_QR: return "QR";
    case LABEL_DATAMATRIX: return "Data Matrix";
    case LABEL_GS1_DATAMATRIX: return "GS1 Data Matrix";
    }
    return "barcode";
}

static bool is_gs1(label_symbology s)
{
    return s == LABEL_GS1_128 || s == LABEL_GS1_DATAMATRIX;
}

/* "(01)123(10)AB" -> "[01]123[10]AB": only a '(' followed by 2-4 digits and ')' is an AI; other
 * parentheses are data. STIEL_ERR_OVERLONG when out is too small. */
static stiel_status gs1_brackets(const char *hri, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; hri[i] != '\0'; i++) {
        char c = hri[i];
        if (c == '(') {
            size_t d = 0;
            while (d < 5 && hri[i + 1 + d] >= '0' && hri[i + 1 + d] <= '9')
                d++;
            if (d >= 2 && d <= 4 && hri[i + 1 + d] == ')') {
                if (n + d + 2 >= cap)
                    return STIEL_ERR_OVERLONG;
                out[n++] = '[';
                memcpy(out + n, hri + i + 1, d);
                n += d;
                out[n++] = ']';
                i += d + 1;
                continue;
            }
        }
        if (n + 1 >= cap)
            return STIEL_ERR_OVERLONG;
        out[n++] = c;
    }
    out[n] = '\0';
    return STIEL_OK;
}

/* zint's error numbers as Stiel statuses. */
static stiel_status zint_status(int err, const char *errtxt)
{
    /* GS1 check digits come back as a promoted "non-compliant" warning: "... Bad checksum ..." */
    if (strstr(errtxt, "checksum") != NULL || strstr(errtxt, "check digit") != NULL)
        return STIEL_ERR_CHECK_DIGIT;
    switch (err) {
    case ZINT_ERROR_TOO_LONG: return STIEL_ERR_LENGTH;
    case ZINT_ERROR_INVALID_DATA: return STIEL_ERR_CHARSET;
    case ZINT_ERROR_INVALID_CHECK: return STIEL_ERR_CHECK_DIGIT;
    case ZINT_ERROR_INVALID_OPTION: return STIEL_ERR_ARG;
    case ZINT_ERROR_ENCODING_PROBLEM: return STIEL_ERR_SYNTAX;
    case ZINT_ERROR_MEMORY: return STIEL_ERR_NOMEM;
    default: return STIEL_ERR_SYNTAX; /* warnings promoted by WARN_FAIL_ALL, e.g. non-compliant GS1 */
    }
}

/* Sets up and encodes the symbol (caller deletes it). */
static stiel_status encode_symbol(const label_barcode *bc, struct zint_symbol *sym, stiel_diag *diag)
{
    char data[2 * LABEL_DATA_MAX + 8];
    const char *name = symbology_name(bc->symbology);
    sym->input_mode = DATA_MODE;
    switch (bc->symbology) {
    case LABEL_CODE128: sym->symbology = BARCODE_CODE128; break;
    case LABEL_GS1_128: sym->symbology = BARCODE_GS1_128; break;
    case LABEL_EAN13: sym->symbology = BARCODE_EANX; break;
    case LABEL_QR:
        sym->symbology = BARCODE_QRCODE;
        sym->option_1 = 2; /* error correction M */
        break;
    case LABEL_DATAMATRIX:
    case LABEL_GS1_DATAMATRIX:
        sym->symbology = BARCODE_DATAMATRIX;
        sym->option_3 = DM_SQUARE;
        break;
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown barcode symbology %d", (int)bc->symbology);
    }
    if (is_gs1(bc->symbology)) {
        sym->input_mode = GS1_MODE;
        if (bc->symbology == LABEL_GS1_DATAMATRIX)
            sym->output_options |= GS1_GS_SEPARATOR;
        if (gs1_brackets(bc->data, data, sizeof data) != STIEL_OK)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "%s data is too long", name);
    } else {
        snprintf(data, sizeof data, "%s", bc->data);
    }
    if (bc->symbology == LABEL_EAN13) {
        size_t n = strlen(data);
        if (n != 12 && n != 13)
            return stiel_diag_set(diag, STIEL_ERR_LENGTH, "EAN-13 data \"%.20s\" must be 12 or 13 digits, not %zu",
                                  data, n);
    }
    if (data[0] == '\0')
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "%s barcode has no data", name);
    sym->output_options |= BARCODE_QUIET_ZONES | OUT_BUFFER_INTERMEDIATE;
    sym->warn_level = WARN_FAIL_ALL;
    sym->scale = 0.5f; /* one intermediate pixel per module */
    sym->show_hrt = 0; /* drawn by us, with a real font */
    int err = ZBarcode_Encode_and_Buffer(sym, (unsigned char *)data, 0, 0);
    if (err != 0) {
        /* zint's errtxt is "Error 275: Invalid check digit '2', expecting '1'" */
        return stiel_diag_set(diag, zint_status(err, sym->errtxt), "%s data \"%.60s\" refused: %s", name, bc->data, sym->errtxt);
    }
    if (sym->bitmap == NULL || sym->bitmap_width < 1 || sym->bitmap_height < 1)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "zint drew no %s bitmap", name);
    return STIEL_OK;
}

/* Bounding box of the dark intermediate pixels. */
static bool dark_bounds(const struct zint_symbol *sym, int *x0, int *y0, int *x1, int *y1)
{
    *x0 = sym->bitmap_width;
    *y0 = sym->bitmap_height;
    *x1 = -1;
    *y1 = -1;
    for (int y = 0; y < sym->bitmap_height; y++)
        for (int x = 0; x < sym->bitmap_width; x++)
            if (sym->bitmap[(size_t)y * (size_t)sym->bitmap_width + (size_t)x] == '1') {
                *x0 = x < *x0 ? x : *x0;
                *y0 = y < *y0 ? y : *y0;
                *x1 = x > *x1 ? x : *x1;
                *y1 = y > *y1 ? y : *y1;
            }
    return *x1 >= 0;
}

/* Draws the human-readable line centred under the bars. */
static stiel_status draw_hri(render_context *ctx, const char *txt, int dpi, stiel_bitmap *bm, int cx, int y,
                             int px, stiel_diag *diag)
{
    TTF_Font *font = ctx->fonts[RENDER_FACE_REGULAR];
    if (TTF_SetFontSize(font, px) != 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "SDL_ttf cannot size the font: %s", TTF_GetError());
    TTF_SetFontScriptName(font, "Latn");
    TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
    SDL_Color black = {0, 0, 0, 255};
    SDL_Surface *s = TTF_RenderUTF8_Solid(font, txt, black);
    if (s == NULL)
        return stiel_diag_set(diag, STIEL_ERR_CHARSET, "cannot draw the barcode text \"%.40s\": %s", txt,
                              TTF_GetError());
    (void)dpi;
    render_blit_surface(bm, s, cx - s->w / 2, y, s->h);
    SDL_FreeSurface(s);
    return STIEL_OK;
}

stiel_status render_barcode(render_context *ctx, const label_barcode *bc, int dpi, stiel_bitmap *out,
                            render_barcode_box *box, stiel_diag *diag)
{
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (ctx == NULL || bc == NULL || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "render_barcode needs a context, a barcode and a bitmap");
    if (dpi < 100 || dpi > 600)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "resolution %d dpi is not one a printer has (203 or 300)", dpi);
    struct zint_symbol *sym = ZBarcode_Create();
    if (sym == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for a barcode");
    stiel_status st = encode_symbol(bc, sym, diag);
    int x0, y0, x1, y1;
    if (st == STIEL_OK && !dark_bounds(sym, &x0, &y0, &x1, &y1))
        st = stiel_diag_set(diag, STIEL_ERR_INTERNAL, "zint drew an empty %s", symbology_name(bc->symbology));
    if (st != STIEL_OK) {
        ZBarcode_Delete(sym);
        return st;
    }
    int m = label_barcode_module_dots(bc, dpi);
    bool linear = bc->symbology == LABEL_CODE128 || bc->symbology == LABEL_GS1_128 || bc->symbology == LABEL_EAN13;
    stiel_bitmap flat;
    render_barcode_box sb = {x0 * m, 0, (x1 - x0 + 1) * m, 0, m};
    if (linear) {
        int bar_h = label_mm_to_dots(bc->height_mm > 0 ? bc->height_mm : 15.0, dpi);
        bar_h = bar_h < 1 ? 1 : bar_h;
        int hri_px = label_mm_to_dots(2.5, dpi);
        int gap = HRI_GAP_MODULES * m;
        bool hri = bc->human_readable && sym->text[0] != '\0';
        int h = bar_h + (hri ? gap + hri_px * 4 / 3 : 0);
        st = stiel_bitmap_init(&flat, sym->bitmap_width * m, h);
        if (st == STIEL_OK) {
            const unsigned char *row = sym->bitmap + (size_t)y0 * (size_t)sym->bitmap_width;
            for (int x = 0; x < sym->bitmap_width; x++)
                if (row[x] == '1')
                    stiel_bitmap_fill_rect(&flat, x * m, 0, m, bar_h, true);
            if (hri)
                st = draw_hri(ctx, (const char *)sym->text, dpi, &flat, sb.x + sb.width / 2, bar_h + gap, hri_px, diag);
            else
                st = STIEL_OK;
        } else {
            stiel_diag_set(diag, st, "no memory for a %s bitmap", symbology_name(bc->symbology));
        }
        sb.height = h;
    } else {
        st = stiel_bitmap_init(&flat, sym->bitmap_width * m, sym->bitmap_height * m);
        if (st == STIEL_OK) {
            for (int y = 0; y < sym->bitmap_height; y++)
                for (int x = 0; x < sym->bitmap_width; x++)
                    if (sym->bitmap[(size_t)y * (size_t)sym->bitmap_width + (size_t)x] == '1')
                        stiel_bitmap_fill_rect(&flat, x * m, y * m, m, m, true);
        } else {
            stiel_diag_set(diag, st, "no memory for a %s bitmap", symbology_name(bc->symbology));
        }
        sb.y = y0 * m;
        sb.height = (y1 - y0 + 1) * m;
    }
    ZBarcode_Delete(sym);
    if (st != STIEL_OK) {
        stiel_bitmap_free(&flat);
        return st;
    }
    int W = flat.width, H = flat.height;
    render_barcode_box rb = sb;
    switch (bc->rotation) {
    case LABEL_ROT_90: rb = (render_barcode_box){H - sb.y - sb.height, sb.x, sb.height, sb.width, m}; break;
    case LABEL_ROT_180: rb = (render_barcode_box){W - sb.x - sb.width, H - sb.y - sb.height, sb.width, sb.height, m}; break;
    case LABEL_ROT_270: rb = (render_barcode_box){sb.y, W - sb.x - sb.width, sb.height, sb.width, m}; break;
    default: break;
    }
    if (bc->rotation == LABEL_ROT_0) {
        *out = flat;
    } else {
        st = stiel_bitmap_rotate(&flat, (int)bc->rotation, out);
        stiel_bitmap_free(&flat);
        if (st != STIEL_OK)
            return stiel_diag_set(diag, st, "cannot turn the barcode by %d degrees", (int)bc->rotation);
    }
    if (box != NULL)
        *box = rb;
    return STIEL_OK;
}
