/* Text items to 1-bit bitmaps with SDL_ttf: face and direction by script, size from the item's
 * height, wrapping and alignment within the box, line limit, rotation. Text with Arabic in it is
 * laid out here in bidi runs (protocol/label/bidi.h) drawn in visual order, so numbers and codes
 * in it stay left to right. See render.h. */
#include <string.h>

#include "protocol/label/bidi.h"
#include "protocol/label/encode.h"
#include "render/render_internal.h"

enum { RUNS_MAX = 32, LINES_MAX = 32 };

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

/* ---- bidi layout (text with Arabic in it) ---- */

/* The two faces a mixed text uses, set up at one size. */
typedef struct text_faces {
    TTF_Font *font[RENDER_FACE_COUNT];
    render_face latin;  /* regular or bold */
    int ascent;         /* the larger of the two: the baseline of a line */
    int line_h;
} text_faces;

/* The face for cp: Arabic for right-to-left runs, except neutrals the Arabic face lacks. */
static int face_tag(void *c, uint32_t cp, bool rtl, bool neutral)
{
    const text_faces *f = c;
    if (!rtl)
        return (int)f->latin;
    if (neutral && !TTF_GlyphIsProvided32(f->font[RENDER_FACE_ARABIC], cp))
        return (int)f->latin;
    return RENDER_FACE_ARABIC;
}

static bool faces_prepare(render_context *ctx, bool bold, int px, text_faces *f)
{
    memset(f, 0, sizeof *f);
    f->latin = bold ? RENDER_FACE_BOLD : RENDER_FACE_REGULAR;
    render_face used[2] = {f->latin, RENDER_FACE_ARABIC};
    for (int k = 0; k < 2; k++) {
        TTF_Font *font = ctx->fonts[used[k]];
        bool ar = used[k] == RENDER_FACE_ARABIC;
        if (TTF_SetFontSize(font, px) != 0)
            return false;
        TTF_SetFontScriptName(font, ar ? "Arab" : "Latn");
        TTF_SetFontDirection(font, ar ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        f->font[used[k]] = font;
        if (TTF_FontAscent(font) > f->ascent)
            f->ascent = TTF_FontAscent(font);
        if (TTF_FontLineSkip(font) > f->line_h)
            f->line_h = TTF_FontLineSkip(font);
    }
    if (f->line_h < 1)
        f->line_h = px;
    return true;
}

/* Run r of s as a NUL-terminated string in buf (LABEL_TEXT_MAX bytes). */
static const char *run_copy(const char *s, const label_bidi_run *r, char *buf)
{
    size_t n = r->len < LABEL_TEXT_MAX - 1 ? r->len : LABEL_TEXT_MAX - 1;
    memcpy(buf, s + r->start, n);
    buf[n] = '\0';
    return buf;
}

/* Width in dots of s[0..n) drawn as runs. */
static int runs_width(text_faces *f, const char *s, size_t n, bool base_rtl)
{
    label_bidi_run runs[RUNS_MAX];
    size_t rc = label_bidi_runs(s, n, base_rtl, face_tag, f, runs, RUNS_MAX);
    char buf[LABEL_TEXT_MAX];
    int w = 0;
    for (size_t k = 0; k < rc; k++) {
        int rw = 0;
        if (TTF_SizeUTF8(f->font[runs[k].tag], run_copy(s, &runs[k], buf), &rw, NULL) == 0)
            w += rw;
    }
    return w;
}

typedef struct text_line {
    size_t start, len;  /* bytes of the text */
    int w;              /* dots */
} text_line;

/* Greedy word wrap at spaces (box > 0) and at newlines into at most cap lines; returns the count. */
static size_t lines_wrap(text_faces *f, const char *s, bool base_rtl, int box, text_line *out,
                         size_t cap)
{
    size_t n = strlen(s), count = 0, i = 0;
    while (i < n && count < cap) {
        text_line *ln = &out[count++];
        ln->start = i;
        ln->len = 0;
        ln->w = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != '\n' && (box <= 0 || s[j] != ' '))
                j++;
            int w = runs_width(f, s + ln->start, j - ln->start, base_rtl);
            if (ln->len > 0 && box > 0 && w > box)
                break; /* the next line starts with this word */
            ln->w = w;
            ln->len = j - ln->start;
            i = j;
            if (i < n && s[i] == '\n') {
                i++;
                break;
            }
            if (i < n && s[i] == ' ')
                i++;
        }
    }
    return count;
}

/* Draws line ln of s into bm at (x, y): its runs in visual order, each in its own direction. */
static void line_draw(text_faces *f, const char *s, const text_line *ln, bool base_rtl,
                      stiel_bitmap *bm, int x, int y, int max_h)
{
    label_bidi_run runs[RUNS_MAX];
    const char *t = s + ln->start;
    size_t rc = label_bidi_runs(t, ln->len, base_rtl, face_tag, f, runs, RUNS_MAX);
    char buf[LABEL_TEXT_MAX];
    SDL_Color black = {0, 0, 0, 255};
    for (size_t k = 0; k < rc; k++) {
        const label_bidi_run *r = &runs[label_bidi_visual_index(rc, base_rtl, k)];
        TTF_Font *font = f->font[r->tag];
        SDL_Surface *surf = TTF_RenderUTF8_Solid(font, run_copy(t, r, buf), black);
        if (surf == NULL)
            continue; /* a run of spaces only has no surface */
        int top = f->ascent - TTF_FontAscent(font);
        render_blit_surface(bm, surf, x, y + top, max_h - (y + top));
        x += surf->w;
        SDL_FreeSurface(surf);
    }
}

/* Text with right-to-left script in it: lines of bidi runs (see the top of the file). */
static stiel_status render_text_bidi(render_context *ctx, const label_text *text, int px, int box,
                                     stiel_bitmap *flat, stiel_diag *diag)
{
    text_faces f;
    if (!faces_prepare(ctx, text->bold, px, &f))
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "SDL_ttf cannot size the font to %d px: %s", px,
                              TTF_GetError());
    const char *s = text->utf8;
    bool base_rtl = label_bidi_base_rtl(s, strlen(s));
    text_line lines[LINES_MAX];
    size_t lc = lines_wrap(&f, s, base_rtl, box, lines, LINES_MAX);
    if (text->max_lines > 0 && lc > (size_t)text->max_lines)
        lc = (size_t)text->max_lines;
    int w = box;
    if (box <= 0) {
        w = 1;
        for (size_t i = 0; i < lc; i++)
            if (lines[i].w > w)
                w = lines[i].w;
    }
    int h = (lc > 0 ? (int)lc : 1) * f.line_h;
    stiel_status st = stiel_bitmap_init(flat, w, h);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "no memory for a %dx%d text bitmap", w, h);
    for (size_t i = 0; i < lc; i++) {
        int x = 0;
        if (lines[i].w < w)
            x = text->align == LABEL_ALIGN_CENTER ? (w - lines[i].w) / 2
                : text->align == LABEL_ALIGN_RIGHT ? w - lines[i].w
                                                   : 0;
        line_draw(&f, s, &lines[i], base_rtl, flat, x, (int)i * f.line_h, h);
    }
    return STIEL_OK;
}

/* ---- plain text: SDL_ttf lays it out ---- */

static stiel_status render_text_plain(render_context *ctx, const label_text *text, int px, int box,
                                      stiel_bitmap *flat, stiel_diag *diag)
{
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
    stiel_status st = stiel_bitmap_init(flat, w < 1 ? 1 : w, max_h < 1 ? 1 : max_h);
    if (st != STIEL_OK) {
        SDL_FreeSurface(s);
        return stiel_diag_set(diag, st, "no memory for a %dx%d text bitmap", w, max_h);
    }
    if (s != NULL) {
        int x = 0;
        if (box > 0 && s->w < box) /* the lines are aligned within the surface; place the surface */
            x = text->align == LABEL_ALIGN_CENTER ? (box - s->w) / 2 : text->align == LABEL_ALIGN_RIGHT ? box - s->w : 0;
        render_blit_surface(flat, s, x, 0, max_h);
        SDL_FreeSurface(s);
    }
    return STIEL_OK;
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
    stiel_bitmap flat;
    const char *nul = memchr(text->utf8, '\0', sizeof text->utf8);
    stiel_status st = nul != NULL && label_bidi_has_rtl(text->utf8, (size_t)(nul - text->utf8))
                          ? render_text_bidi(ctx, text, px, box, &flat, diag)
                          : render_text_plain(ctx, text, px, box, &flat, diag);
    if (st != STIEL_OK)
        return st;
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
