/* Text items to 1-bit bitmaps with SDL_ttf: face and direction by script, size from the item's
 * height, wrapping and alignment within the box, line limit, rotation. See render.h. */
#include <string.h>

#include "protocol/label/encode.h"
#include "render/render_internal.h"

void render_blit_surface(stiel_bitmap *bm, const SDL_Surface *s, int x, int y, int max_h)
{
    int h = s->h < max_h ? s->h : max_h;
    for (int sy = 0; sy < h; sy++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)sy * (size_t)s->pitch;
        for (int sx = 0; sx < s->w; sx++)
            if (row[sx] != 0)
                stiel_bitmap_set(bm, x + sx, y + sy, true);
    }
}

/* Picks and sets up the face for the text: size, script, direction, wrap alignment. */
static TTF_Font *prepare_font(render_context *ctx, const label_text *text, int px)
{
    bool arabic = label_text_needs_shaping(text->utf8);
    TTF_Font *font = ctx->fonts[arabic ? RENDER_FACE_ARABIC : text->bold ? RENDER_FACE_BOLD : RENDER_FACE_REGULAR];
    if (TTF_SetFontSize(font, px) != 0)
        return NULL;
    TTF_SetFontScriptName(font, arabic ? "Arab" : "Latn");
    TTF_SetFontDirection(font, arabic ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    int align = text->align == LABEL_ALIGN_CENTER  ? TTF_WRAPPED_ALIGN_CENTER
                : text->align == LABEL_ALIGN_RIGHT ? TTF_WRAPPED_ALIGN_RIGHT
                                                   : TTF_WRAPPED_ALIGN_LEFT;
    TTF_SetFontWrappedAlign(font, align);
    return font;
}

stiel_status render_text(render_context *ctx, const label_text *text, int dpi, stiel_bitmap *out,
                         stiel_diag *diag)
{
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (ctx == NULL || text == NULL || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "render_text needs a context, a text and a bitmap");
    if (dpi < 100 || dpi > 600)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "resolution %d dpi is not one a printer has (203 or 300)", dpi);
    int px = label_mm_to_dots(text->height_mm, dpi);
    if (px < 4 || px > 2000)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "text height %.2f mm is too small or too large at %d dpi",
                              text->height_mm, dpi);
    int box = text->box_width_mm > 0 ? label_mm_to_dots(text->box_width_mm, dpi) : 0;
    TTF_Font *font = prepare_font(ctx, text, px);
    if (font == NULL)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "SDL_ttf cannot size the font to %d px: %s", px,
                              TTF_GetError());
    int line_h = TTF_FontLineSkip(font);
    if (line_h < 1)
        line_h = px;

    SDL_Surface *s = NULL;
    if (text->utf8[0] != '\0') {
        SDL_Color black = {0, 0, 0, 255};
        s = box > 0 ? TTF_RenderUTF8_Solid_Wrapped(font, text->utf8, black, (Uint32)box)
                    : TTF_RenderUTF8_Solid(font, text->utf8, black);
        if (s == NULL)
            return stiel_diag_set(diag, STIEL_ERR_CHARSET, "cannot draw the text \"%.60s\": %s", text->utf8,
                                  TTF_GetError());
    }
    int max_h = s != NULL ? s->h : line_h;
    if (text->max_lines > 0 && max_h > text->max_lines * line_h)
        max_h = text->max_lines * line_h;
    int w = box > 0 ? box : (s != NULL ? s->w : 1);
    stiel_bitmap flat;
    stiel_status st = stiel_bitmap_init(&flat, w < 1 ? 1 : w, max_h < 1 ? 1 : max_h);
    if (st != STIEL_OK) {
        SDL_FreeSurface(s);
        return stiel_diag_set(diag, st, "no memory for a %dx%d text bitmap", w, max_h);
    }
    if (s != NULL) {
        int x = 0;
        if (box > 0 && s->w < box) /* the lines are aligned within the surface; place the surface */
            x = text->align == LABEL_ALIGN_CENTER ? (box - s->w) / 2 : text->align == LABEL_ALIGN_RIGHT ? box - s->w : 0;
        render_blit_surface(&flat, s, x, 0, max_h);
        SDL_FreeSurface(s);
    }
    if (text->rotation == LABEL_ROT_0) {
        *out = flat;
        return STIEL_OK;
    }
    st = stiel_bitmap_rotate(&flat, (int)text->rotation, out);
    stiel_bitmap_free(&flat);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "cannot turn the text by %d degrees", (int)text->rotation);
    return STIEL_OK;
}

stiel_status render_text_field(void *ctx, const label_text *text, int dpi, stiel_bitmap *out)
{
    render_context *rc = ctx;
    stiel_diag scratch;
    stiel_status st = render_text(rc, text, dpi, out, rc != NULL ? &rc->last : &scratch);
    return st;
}
