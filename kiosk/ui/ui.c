/* The UI's public face (ui.h): creation, the frame transform (logical 1280x800 scaled uniformly
 * and centred), the screen dispatch, tap targets, screenshots and text look-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#define LOG_PREFIX "ui"
#include "common/log.h"
#include "kiosk/ui/screens.h"

typedef void (*screen_fn)(ui *, const kiosk_view *);

static const screen_fn screens[UI_SCREEN_COUNT] = {
    [UI_SCREEN_START] = screen_start,
    [UI_SCREEN_PIN] = screen_pin,
    [UI_SCREEN_MY_WORK] = screen_work,
    [UI_SCREEN_PICK] = screen_pick,
    [UI_SCREEN_PACK] = screen_pack,
    [UI_SCREEN_WRONG_SCAN] = screen_wrong,
    [UI_SCREEN_SHORT_REASON] = screen_short,
    [UI_SCREEN_HELP_CALLED] = screen_help,
    [UI_SCREEN_FINISHED] = screen_finished,
    [UI_SCREEN_DEVICE_PROBLEM] = screen_device,
    [UI_SCREEN_STAFF] = screen_staff,
    [UI_SCREEN_SELF_ASSESS] = screen_self_assess,
};

stiel_status ui_new(struct SDL_Renderer *renderer, const char *asset_dir, const char *font_dir,
                    ui **out, stiel_diag *diag)
{
    *out = NULL;
    if (!renderer || !asset_dir || !font_dir)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "ui_new needs a renderer, an asset folder and a font folder");
    ui *u = calloc(1, sizeof *u);
    if (!u)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the UI");
    u->r = renderer;
    int n = snprintf(u->asset_dir, sizeof u->asset_dir, "%s", asset_dir);
    if (n < 0 || (size_t)n >= sizeof u->asset_dir) {
        free(u);
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "asset folder path is too long");
    }
    if (TTF_Init() != 0) {
        free(u);
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "SDL_ttf: %s", TTF_GetError());
    }
    stiel_status st = ui_tr_load(&u->tr, asset_dir, diag);
    if (st == STIEL_OK)
        st = fonts_open(u, font_dir, diag);
    if (st != STIEL_OK) {
        ui_tr_free(&u->tr);
        TTF_Quit();
        free(u);
        return st;
    }
    u->scale = 1.0f;
    u->lang = u->default_lang = CAT_LANG_NL;
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);  /* every shape is opaque */
    sound_open(u);
    *out = u;
    return STIEL_OK;
}

void ui_free(ui *u)
{
    if (!u)
        return;
    sound_close(u);
    image_cache_clear(u);
    fonts_close(u);
    ui_tr_free(&u->tr);
    TTF_Quit();
    free(u);
}

void ui_set_language(ui *u, catalogue_lang lang)
{
    if (u && (int)lang >= 0 && lang < CAT_LANG_COUNT)
        u->default_lang = lang;
}

static void frame_begin(ui *u, const kiosk_view *v)
{
    int w = UI_LOGICAL_W, h = UI_LOGICAL_H;
    if (SDL_GetRendererOutputSize(u->r, &w, &h) != 0 || w <= 0 || h <= 0) {
        w = UI_LOGICAL_W;
        h = UI_LOGICAL_H;
    }
    float sx = (float)w / UI_LOGICAL_W, sy = (float)h / UI_LOGICAL_H;
    u->scale = sx < sy ? sx : sy;
    u->win_w = w;
    u->win_h = h;
    u->ox = (int)(((float)w - UI_LOGICAL_W * u->scale) / 2);
    u->oy = (int)(((float)h - UI_LOGICAL_H * u->scale) / 2);
    bool before_badge = v->screen == UI_SCREEN_START || v->screen == UI_SCREEN_PIN;
    u->lang = ((int)v->lang >= 0 && v->lang < CAT_LANG_COUNT) ? v->lang : u->default_lang;
    if (before_badge)
        u->lang = u->default_lang;
    u->rtl = u->lang == CAT_LANG_AR;
    u->view = v;
    u->hit_count = 0;
    ui_colour bg = C(UI_COL_BG);
    SDL_SetRenderDrawColor(u->r, bg.r, bg.g, bg.b, 0xFF);
    SDL_RenderClear(u->r);
}

static void draw_frame(ui *u, const kiosk_view *view)
{
    frame_begin(u, view);
    /* a window with another aspect: the bar's colour runs to the bottom edge */
    if (u->oy > 0 || u->ox > 0) {
        ui_colour bar = C(UI_COL_BAR);
        SDL_Rect below = {0, u->oy + (int)((float)BAR_TOP * u->scale), u->win_w, u->win_h};
        SDL_SetRenderDrawColor(u->r, bar.r, bar.g, bar.b, 0xFF);
        SDL_RenderFillRect(u->r, &below);
    }
    screens[view->screen](u, view);
    if (view->screen != UI_SCREEN_STAFF && view->screen != UI_SCREEN_SELF_ASSESS)
        w_device_bar(u, view);
    overlay_draw(u, view);
}

stiel_status ui_draw(ui *u, const kiosk_view *view)
{
    if (!u || !view || (int)view->screen < 0 || view->screen >= UI_SCREEN_COUNT)
        return STIEL_ERR_ARG;
    u->last = *view;
    u->drawn = true;
    draw_frame(u, &u->last);
    SDL_RenderPresent(u->r);
    return STIEL_OK;
}

static bool inside(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const char *ui_hit_test(const ui *u, int x, int y)
{
    if (!u || u->scale <= 0)
        return NULL;
    int lx = (int)((float)(x - u->ox) / u->scale), ly = (int)((float)(y - u->oy) / u->scale);
    for (size_t i = u->hit_count; i-- > 0;) {
        if (inside(u->hits[i].r, lx, ly))
            return u->hits[i].action;
    }
    return NULL;
}

bool ui_action_rect(const ui *u, const char *action, ui_rect *logical, ui_rect *window)
{
    if (!u || !action)
        return false;
    for (size_t i = 0; i < u->hit_count; i++) {
        if (strcmp(u->hits[i].action, action) != 0)
            continue;
        ui_rect r = u->hits[i].r;
        if (logical)
            *logical = r;
        if (window) {
            window->x = u->ox + (int)((float)r.x * u->scale + 0.5f);
            window->y = u->oy + (int)((float)r.y * u->scale + 0.5f);
            window->w = (int)((float)r.w * u->scale);
            window->h = (int)((float)r.h * u->scale);
        }
        return true;
    }
    return false;
}

size_t ui_action_count(const ui *u)
{
    return u ? u->hit_count : 0;
}

const char *ui_action_at(const ui *u, size_t i, ui_rect *logical)
{
    if (!u || i >= u->hit_count)
        return NULL;
    if (logical)
        *logical = u->hits[i].r;
    return u->hits[i].action;
}

stiel_status ui_screenshot(ui *u, const char *path, stiel_diag *diag)
{
    if (!u || !path)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "ui_screenshot needs a UI and a path");
    if (!u->drawn)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "screenshot before the first ui_draw");
    draw_frame(u, &u->last);  /* drawn again: a window's buffer is undefined after a present */
    int w = u->win_w, h = u->win_h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "screenshot %dx%d: %s", w, h, SDL_GetError());
    stiel_status st = STIEL_OK;
    if (SDL_RenderReadPixels(u->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "screenshot: cannot read the picture back: %s",
                            SDL_GetError());
    else if (IMG_SavePNG(s, path) != 0)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "screenshot %s: %s", path, IMG_GetError());
    SDL_FreeSurface(s);
    SDL_RenderPresent(u->r);
    return st;
}

void ui_text(const ui *u, catalogue_lang lang, const ui_msg *msg, char *out, size_t cap)
{
    if (!u) {
        if (cap)
            out[0] = '\0';
        return;
    }
    ui_tr_format(&u->tr, lang, msg, out, cap);
}
