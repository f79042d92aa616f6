/* What the UI's files share: the ui struct (renderer, fonts, caches, the frame's transform and
 * tap targets, audio) and the drawing layer every screen uses. All coordinates given to the
 * d_* functions are logical (1280x800, left-to-right); the layer mirrors them for Arabic and
 * scales them to the window. Not for the app: it uses ui.h. */
#ifndef STIEL_UI_UI_INTERNAL_H
#define STIEL_UI_UI_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk/ui/palette.h"
#include "kiosk/ui/tr.h"
#include "kiosk/ui/ui.h"

enum { UI_HITS_MAX = 96, UI_ACTION_MAX = 47, UI_TEXT_CACHE = 1024, UI_IMAGE_CACHE = 128 };

typedef enum ui_face { FACE_REGULAR = 0, FACE_BOLD, FACE_AR_REGULAR, FACE_AR_BOLD, FACE_COUNT } ui_face;

typedef struct ui_text_entry {
    uint64_t hash;
    char *key;               /* the run's text */
    int face, px;
    uint32_t rgba;           /* 0 for measure-only entries */
    int w, h;
    SDL_Texture *tex;
} ui_text_entry;

typedef struct ui_image_entry {
    char path[UI_PATH_MAX + 1];
    SDL_Texture *tex;        /* NULL: missing (looked up once) */
    int w, h;
} ui_image_entry;

typedef struct ui_hit {
    char action[UI_ACTION_MAX + 1];
    ui_rect r;               /* logical, as drawn (mirrored in Arabic) */
} ui_hit;

struct ui {
    SDL_Renderer *r;
    char asset_dir[512];
    ui_tr tr;
    TTF_Font *fonts[FACE_COUNT];
    int font_px[FACE_COUNT];
    ui_text_entry text[UI_TEXT_CACHE];
    size_t text_count;
    ui_image_entry images[UI_IMAGE_CACHE];
    size_t image_count;
    /* the printed label's picture (a file outside the asset dir): one slot, kept while the same
       path is shown, replaced when a new label (another SSCC or copy) comes */
    char label_path[UI_FILE_MAX + 1];
    SDL_Texture *label_tex;  /* NULL: not loaded or missing (looked up once per path) */
    int label_w, label_h;
    /* the frame */
    float scale;
    int ox, oy, win_w, win_h;
    bool rtl;
    catalogue_lang lang, default_lang;
    const kiosk_view *view;
    kiosk_view last;         /* a copy of the last view drawn, for screenshots */
    bool drawn;
    ui_hit hits[UI_HITS_MAX];
    size_t hit_count;
    /* audio */
    bool audio;
    SDL_AudioDeviceID dev;
    SDL_AudioSpec spec;
    Uint8 *wav[UI_SOUND_COUNT];
    Uint32 wav_len[UI_SOUND_COUNT];
    unsigned volume;
};

typedef enum ui_align { AL_START = 0, AL_CENTRE, AL_END } ui_align;

/* ---- shapes (draw.c) ---- */
ui_rect R(int x, int y, int w, int h);
ui_colour C(ui_swatch s);
ui_colour col_mix(ui_colour a, ui_colour b, int pct_b);
void d_rect(ui *u, ui_rect r, ui_colour c);
void d_round(ui *u, ui_rect r, int radius, ui_colour c);
/* The drop shadow of a rounded rectangle r that is drawn (opaque) right after it: the same
 * shape moved down by drop, drawn only where r will not cover it. */
void d_shadow(ui *u, ui_rect r, int radius, int drop, ui_colour c);
void d_round_outline(ui *u, ui_rect r, int radius, int thick, ui_colour c);
void d_circle(ui *u, float cx, float cy, float rad, ui_colour c);
void d_ring(ui *u, float cx, float cy, float rad, float thick, ui_colour c);
void d_line(ui *u, float x0, float y0, float x1, float y1, float thick, ui_colour c);
void d_poly(ui *u, const float *xy, int n, ui_colour c);   /* convex, n <= 32 */
void d_hit(ui *u, ui_rect r, const char *action);
ui_rect d_mirror(const ui *u, ui_rect r);

/* ---- text (text.c) ---- */
/* Draws s in box (wrapped at spaces, shrunk down to 60 % of size if it does not fit, vertically
 * centred), aligned at the start (left, or right in Arabic), centre or end. Returns the height
 * used in logical px. */
int d_text(ui *u, const char *s, ui_rect box, int size, bool bold, ui_colour c, ui_align al);
/* The same with a message id and up to two arguments. */
int d_tr(ui *u, const char *id, ui_rect box, int size, bool bold, ui_colour c, ui_align al);
int d_tr1(ui *u, const char *id, const char *arg, ui_rect box, int size, bool bold, ui_colour c,
          ui_align al);
int d_msg(ui *u, const ui_msg *m, ui_rect box, int size, bool bold, ui_colour c, ui_align al);
/* Text laid out left to right whatever the language (codes, numbers). */
void d_text_ltr(ui *u, const char *s, ui_rect box, int size, bool bold, ui_colour c,
                ui_align al);
const char *tr(const ui *u, const char *id);
void text_cache_clear(ui *u);
stiel_status fonts_open(ui *u, const char *font_dir, stiel_diag *diag);
void fonts_close(ui *u);

/* ---- pictures (image.c) ---- */
/* Draws the PNG at asset_dir/rel inside box keeping its aspect; false when it is missing. */
bool d_image(ui *u, const char *rel, ui_rect box);
/* Draws the picture at the absolute path file (the printed label's PNG) scaled to fit box,
 * keeping its aspect, centred; loaded once and kept until another file is asked for. False
 * (nothing drawn) when file is empty or cannot be loaded. */
bool d_image_file(ui *u, const char *file, ui_rect box);
void image_cache_clear(ui *u);

/* ---- audio (sound.c) ---- */
void sound_open(ui *u);
void sound_close(ui *u);

#endif
