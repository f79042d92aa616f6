/* Text for the screens: Noto Sans and Noto Sans Arabic through SDL_ttf with HarfBuzz, a small
 * bidi step (runs of Arabic are shaped right to left, runs of Latin letters and digits left to
 * right, neutrals take the direction around them), word wrap, shrink-to-fit, and a cache of
 * rendered runs keyed by text, face, pixel size and colour so a redraw shapes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_PREFIX "ui-text"
#include "common/log.h"
#include "kiosk/ui/ui_internal.h"
#include "protocol/label/bidi.h"

enum { TABLE_SIZE = 2048, RUNS_MAX = 32, WORDS_MAX = 96, LINES_MAX = 12, TEXT_MAX = 1024 };

static const char *const face_files[FACE_COUNT][2] = {
    {"NotoSans-Regular.ttf", NULL},
    {"NotoSans-Bold.ttf", NULL},
    {"NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"},
    {"NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf"},
};

/* The cache is an open-addressing table in u->text (UI_TEXT_CACHE slots used as the table). */
static ui_text_entry *table(ui *u)
{
    return u->text;
}

stiel_status fonts_open(ui *u, const char *font_dir, stiel_diag *diag)
{
    for (int f = 0; f < FACE_COUNT; f++) {
        for (int alt = 0; alt < 2 && !u->fonts[f] && face_files[f][alt]; alt++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", font_dir, face_files[f][alt]);
            u->fonts[f] = TTF_OpenFont(path, 24);
        }
        if (!u->fonts[f]) {
            fonts_close(u);
            return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                                  "font %s/%s is missing: install fonts-noto-core", font_dir,
                                  face_files[f][0]);
        }
        u->font_px[f] = 24;
        bool ar = f >= FACE_AR_REGULAR;
        TTF_SetFontScriptName(u->fonts[f], ar ? "Arab" : "Latn");
        TTF_SetFontDirection(u->fonts[f], ar ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontHinting(u->fonts[f], TTF_HINTING_LIGHT);
    }
    return STIEL_OK;
}

void fonts_close(ui *u)
{
    text_cache_clear(u);
    for (int f = 0; f < FACE_COUNT; f++) {
        if (u->fonts[f])
            TTF_CloseFont(u->fonts[f]);
        u->fonts[f] = NULL;
    }
}

void text_cache_clear(ui *u)
{
    for (size_t i = 0; i < UI_TEXT_CACHE; i++) {
        ui_text_entry *e = &table(u)[i];
        free(e->key);
        if (e->tex)
            SDL_DestroyTexture(e->tex);
        memset(e, 0, sizeof *e);
    }
    u->text_count = 0;
}

static uint64_t hash_of(const char *s, size_t n, int face, int px, uint32_t rgba)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 1099511628211ull;
    }
    uint32_t extra[3] = {(uint32_t)face, (uint32_t)px, rgba};
    for (int k = 0; k < 3; k++) {
        h ^= extra[k];
        h *= 1099511628211ull;
    }
    return h | 1;  /* 0 marks an empty slot */
}

static void set_px(ui *u, int face, int px)
{
    if (u->font_px[face] != px) {
        TTF_SetFontSize(u->fonts[face], px);
        u->font_px[face] = px;
    }
}

/* Finds or makes the entry for run s[0..n) (rgba 0: measure only). NULL on failure. */
static ui_text_entry *run_get(ui *u, const char *s, size_t n, int face, int px, uint32_t rgba)
{
    uint64_t h = hash_of(s, n, face, px, rgba);
    size_t slot = (size_t)(h % UI_TEXT_CACHE);
    for (size_t probe = 0; probe < UI_TEXT_CACHE; probe++) {
        ui_text_entry *e = &table(u)[(slot + probe) % UI_TEXT_CACHE];
        if (!e->hash)
            break;
        if (e->hash == h && e->face == face && e->px == px && e->rgba == rgba &&
            strlen(e->key) == n && memcmp(e->key, s, n) == 0)
            return e;
    }
    if (u->text_count >= UI_TEXT_CACHE * 3 / 4)
        text_cache_clear(u);
    char buf[TEXT_MAX];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    set_px(u, face, px);
    int w = 0, hh = 0;
    SDL_Texture *tex = NULL;
    if (rgba) {
        SDL_Color col = {(Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8), 0xFF};
        SDL_Surface *surf = TTF_RenderUTF8_Blended(u->fonts[face], buf, col);
        if (!surf) {
            LOG_WARN("cannot render text: %s", TTF_GetError());
            return NULL;
        }
        tex = SDL_CreateTextureFromSurface(u->r, surf);
        w = surf->w;
        hh = surf->h;
        SDL_FreeSurface(surf);
        if (!tex)
            return NULL;
    } else if (TTF_SizeUTF8(u->fonts[face], buf, &w, &hh) != 0) {
        return NULL;
    }
    char *key = malloc(n + 1);
    if (!key) {
        if (tex)
            SDL_DestroyTexture(tex);
        return NULL;
    }
    memcpy(key, buf, n + 1);
    size_t i = slot;
    while (table(u)[i].hash)
        i = (i + 1) % UI_TEXT_CACHE;
    ui_text_entry *e = &table(u)[i];
    e->hash = h;
    e->key = key;
    e->face = face;
    e->px = px;
    e->rgba = rgba;
    e->w = w;
    e->h = hh;
    e->tex = tex;
    u->text_count++;
    return e;
}

/* ---- bidi runs (protocol/label/bidi.h splits them; the face is chosen here) ---- */

typedef struct run {
    size_t start, len;
    bool rtl;
    int face;
} run;

typedef struct face_pick {
    const ui *u;
    bool bold;
} face_pick;

/* The face: Arabic for right-to-left runs, except for neutrals the Arabic face lacks ("+", "–",
   "·"), which the Latin face draws. */
static int face_of(void *ctx, uint32_t cp, bool rtl, bool neutral)
{
    const face_pick *p = ctx;
    int f = (rtl ? FACE_AR_REGULAR : FACE_REGULAR) + (p->bold ? 1 : 0);
    if (rtl && neutral && p->u->fonts[f] && !TTF_GlyphIsProvided32(p->u->fonts[f], cp))
        f = FACE_REGULAR + (p->bold ? 1 : 0);
    return f;
}

/* Splits s[0..n) into runs of one direction and one face. */
static size_t runs_make(const ui *u, const char *s, size_t n, bool base_rtl, bool bold, run *out,
                        size_t cap)
{
    label_bidi_run br[RUNS_MAX];
    face_pick pick = {u, bold};
    size_t count = label_bidi_runs(s, n, base_rtl, face_of, &pick, br,
                                   cap < RUNS_MAX ? cap : RUNS_MAX);
    for (size_t k = 0; k < count; k++)
        out[k] = (run){.start = br[k].start, .len = br[k].len, .rtl = br[k].rtl, .face = br[k].tag};
    return count;
}

/* ---- layout ---- */

typedef struct line {
    size_t start, len;   /* bytes of the source text */
    int w;               /* physical px */
} line;

static int run_width(ui *u, const char *s, size_t n, bool base_rtl, bool bold, int px)
{
    run runs[RUNS_MAX];
    size_t rc = runs_make(u, s, n, base_rtl, bold, runs, RUNS_MAX);
    int w = 0;
    for (size_t k = 0; k < rc; k++) {
        ui_text_entry *e = run_get(u, s + runs[k].start, runs[k].len, runs[k].face, px, 0);
        if (e)
            w += e->w;
    }
    return w;
}

/* Greedy word wrap at spaces and newlines into at most LINES_MAX lines; returns the count and
 * the widest word (to detect a word that cannot fit). */
static size_t wrap(ui *u, const char *s, bool base_rtl, bool bold, int px, int max_w, line *out,
                   int *widest_word)
{
    size_t n = strlen(s), count = 0, i = 0;
    int space = run_width(u, " ", 1, base_rtl, bold, px);
    *widest_word = 0;
    while (i <= n && count < LINES_MAX) {
        line *ln = &out[count++];
        ln->start = i;
        ln->len = 0;
        ln->w = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\n')
                j++;
            int ww = run_width(u, s + i, j - i, base_rtl, bold, px);
            if (ww > *widest_word)
                *widest_word = ww;
            int add = ln->len ? space + ww : ww;
            if (ln->len && ln->w + add > max_w)
                break;  /* next line starts with this word */
            ln->w += add;
            ln->len = j - ln->start;
            i = j;
            if (i < n && s[i] == '\n') {
                i++;
                break;
            }
            if (i < n && s[i] == ' ')
                i++;
        }
        if (i >= n)
            break;
    }
    return count;
}

static int line_h(ui *u, bool rtl_text, bool bold, int px)
{
    int f = (rtl_text ? FACE_AR_REGULAR : FACE_REGULAR) + (bold ? 1 : 0);
    set_px(u, f, px);
    return TTF_FontLineSkip(u->fonts[f]);
}

static bool has_arabic(const char *s)
{
    return label_bidi_has_rtl(s, strlen(s));
}

static void draw_line(ui *u, const char *s, const line *ln, bool base_rtl, bool bold, int px,
                      uint32_t rgba, int x, int y)
{
    run runs[RUNS_MAX];
    const char *t = s + ln->start;
    size_t rc = runs_make(u, t, ln->len, base_rtl, bold, runs, RUNS_MAX);
    int lh = 0;
    for (size_t k = 0; k < rc; k++) {
        ui_text_entry *e = run_get(u, t + runs[k].start, runs[k].len, runs[k].face, px, rgba);
        if (e && e->h > lh)
            lh = e->h;
    }
    for (size_t idx = 0; idx < rc; idx++) {
        size_t k = base_rtl ? rc - 1 - idx : idx;
        ui_text_entry *e = run_get(u, t + runs[k].start, runs[k].len, runs[k].face, px, rgba);
        if (!e)
            continue;
        SDL_Rect dst = {x, y + (lh - e->h) / 2, e->w, e->h};
        if (e->tex)
            SDL_RenderCopy(u->r, e->tex, NULL, &dst);
        x += e->w;
    }
}

static int text_box(ui *u, const char *s, ui_rect box, int size, bool bold, ui_colour c,
                    ui_align al, bool base_rtl)
{
    if (!s || !s[0] || size <= 0)
        return 0;
    ui_rect m = d_mirror(u, box);
    int bx = u->ox + (int)((float)m.x * u->scale), by = u->oy + (int)((float)m.y * u->scale);
    int bw = (int)((float)m.w * u->scale), bh = (int)((float)m.h * u->scale);
    bool ar = has_arabic(s);
    line lines[LINES_MAX];
    size_t lc = 0;
    int px = 0, lh = 0;
    for (int pct = 100; pct >= 60; pct -= 8) {
        px = (int)((float)size * u->scale * (float)pct / 100.0f + 0.5f);
        if (px < 6)
            px = 6;
        int widest = 0;
        lc = wrap(u, s, base_rtl, bold, px, bw, lines, &widest);
        lh = line_h(u, ar, bold, px);
        if (widest <= bw && (int)lc * lh <= bh + lh / 4)
            break;
    }
    uint32_t rgba = ((uint32_t)c.r << 24) | ((uint32_t)c.g << 16) | ((uint32_t)c.b << 8) | 0xFF;
    int total = (int)lc * lh;
    int y = by + (bh - total) / 2;
    for (size_t i = 0; i < lc; i++) {
        int x;
        bool right = (al == AL_END) != (u->rtl && al != AL_CENTRE);
        if (al == AL_CENTRE)
            x = bx + (bw - lines[i].w) / 2;
        else if (right)
            x = bx + bw - lines[i].w;
        else
            x = bx;
        draw_line(u, s, &lines[i], base_rtl, bold, px, rgba, x, y);
        y += lh;
    }
    return (int)((float)total / u->scale);
}

int d_text(ui *u, const char *s, ui_rect box, int size, bool bold, ui_colour c, ui_align al)
{
    return text_box(u, s, box, size, bold, c, al, u->rtl);
}

void d_text_ltr(ui *u, const char *s, ui_rect box, int size, bool bold, ui_colour c,
                ui_align al)
{
    text_box(u, s, box, size, bold, c, al, false);
}

const char *tr(const ui *u, const char *id)
{
    return ui_tr_lookup(&u->tr, u->lang, id);
}

int d_tr(ui *u, const char *id, ui_rect box, int size, bool bold, ui_colour c, ui_align al)
{
    return d_text(u, tr(u, id), box, size, bold, c, al);
}

int d_tr1(ui *u, const char *id, const char *arg, ui_rect box, int size, bool bold, ui_colour c,
          ui_align al)
{
    ui_msg m;
    ui_msg_set(&m, id, arg, NULL, NULL);
    return d_msg(u, &m, box, size, bold, c, al);
}

int d_msg(ui *u, const ui_msg *m, ui_rect box, int size, bool bold, ui_colour c, ui_align al)
{
    char buf[512];
    ui_tr_format(&u->tr, u->lang, m, buf, sizeof buf);
    return d_text(u, buf, box, size, bold, c, al);
}
