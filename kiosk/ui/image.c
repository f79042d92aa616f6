/* Pictures from the asset folder (item photos, people): PNGs loaded once with SDL_image into
 * textures, drawn inside a box keeping their aspect. A missing file is remembered as missing
 * and logged once. The printed label's PNG (outside the asset folder) has a slot of its own. */
#include <stdio.h>
#include <string.h>

#include <SDL_image.h>

#define LOG_PREFIX "ui-image"
#include "common/log.h"
#include "kiosk/ui/ui_internal.h"

static ui_image_entry *image_get(ui *u, const char *rel)
{
    for (size_t i = 0; i < u->image_count; i++) {
        if (strcmp(u->images[i].path, rel) == 0)
            return &u->images[i];
    }
    if (u->image_count == UI_IMAGE_CACHE)
        image_cache_clear(u);
    ui_image_entry *e = &u->images[u->image_count++];
    memset(e, 0, sizeof *e);
    snprintf(e->path, sizeof e->path, "%s", rel);
    if (strstr(rel, "..")) {
        LOG_WARN("picture path %s leaves the asset folder: not loaded", rel);
        return e;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", u->asset_dir, rel);
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        LOG_WARN("picture %s: %s", path, IMG_GetError());
        return e;
    }
    e->tex = SDL_CreateTextureFromSurface(u->r, s);
    e->w = s->w;
    e->h = s->h;
    SDL_FreeSurface(s);
    if (e->tex)
        SDL_SetTextureScaleMode(e->tex, SDL_ScaleModeLinear);
    return e;
}

/* Draws tex (tw x th) inside the logical box, scaled to fit, centred. */
static void image_fit(ui *u, SDL_Texture *tex, int tw, int th, ui_rect box)
{
    ui_rect m = d_mirror(u, box);
    float sx = (float)m.w / (float)tw, sy = (float)m.h / (float)th;
    float s = sx < sy ? sx : sy;
    float w = (float)tw * s, h = (float)th * s;
    SDL_FRect dst = {(float)u->ox + ((float)m.x + ((float)m.w - w) / 2) * u->scale,
                     (float)u->oy + ((float)m.y + ((float)m.h - h) / 2) * u->scale,
                     w * u->scale, h * u->scale};
    SDL_RenderCopyF(u->r, tex, NULL, &dst);
}

bool d_image(ui *u, const char *rel, ui_rect box)
{
    if (!rel || !rel[0])
        return false;
    ui_image_entry *e = image_get(u, rel);
    if (!e->tex || e->w <= 0 || e->h <= 0)
        return false;
    image_fit(u, e->tex, e->w, e->h, box);
    return true;
}

static void label_slot_clear(ui *u)
{
    if (u->label_tex)
        SDL_DestroyTexture(u->label_tex);
    u->label_tex = NULL;
    u->label_w = u->label_h = 0;
    u->label_path[0] = '\0';
}

bool d_image_file(ui *u, const char *file, ui_rect box)
{
    if (!file || !file[0])
        return false;
    if (strcmp(u->label_path, file) != 0) {
        label_slot_clear(u);
        snprintf(u->label_path, sizeof u->label_path, "%s", file);
        SDL_Surface *s = IMG_Load(file);
        if (!s) {
            LOG_WARN("label picture %s: %s", file, IMG_GetError());
        } else {
            u->label_tex = SDL_CreateTextureFromSurface(u->r, s);
            u->label_w = s->w;
            u->label_h = s->h;
            SDL_FreeSurface(s);
            if (u->label_tex) /* a label is mostly thin bars: smooth when made smaller */
                SDL_SetTextureScaleMode(u->label_tex, SDL_ScaleModeLinear);
        }
    }
    if (!u->label_tex || u->label_w <= 0 || u->label_h <= 0)
        return false;
    image_fit(u, u->label_tex, u->label_w, u->label_h, box);
    return true;
}

void image_cache_clear(ui *u)
{
    for (size_t i = 0; i < u->image_count; i++) {
        if (u->images[i].tex)
            SDL_DestroyTexture(u->images[i].tex);
    }
    u->image_count = 0;
    label_slot_clear(u);
}
