/* PNG files of 1-bit bitmaps: an 8-bit two-colour SDL surface saved by SDL_image to a temporary
 * name and renamed into place. See render.h. */
#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "render/render.h"

stiel_status render_png_write(const stiel_bitmap *bm, const char *path, stiel_diag *diag)
{
    if (bm == NULL || bm->bits == NULL || path == NULL || path[0] == '\0')
        return stiel_diag_set(diag, STIEL_ERR_ARG, "render_png_write needs a bitmap and a path");
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "PNG path is too long");
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, bm->width, bm->height, 8, SDL_PIXELFORMAT_INDEX8);
    if (s == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "cannot make a %dx%d surface: %s", bm->width, bm->height,
                              SDL_GetError());
    SDL_Color colours[2] = {{255, 255, 255, 255}, {0, 0, 0, 255}};
    SDL_SetPaletteColors(s->format->palette, colours, 0, 2);
    for (int y = 0; y < bm->height; y++) {
        Uint8 *row = (Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < bm->width; x++)
            row[x] = stiel_bitmap_get(bm, x, y) ? 1 : 0;
    }
    int rc = IMG_SavePNG(s, tmp);
    SDL_FreeSurface(s);
    if (rc != 0) {
        stiel_status st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot write PNG %s: %s", path, IMG_GetError());
        unlink(tmp);
        return st;
    }
    if (rename(tmp, path) != 0) {
        stiel_status st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot move the PNG into place at %s: %s", path,
                                         strerror(errno));
        unlink(tmp);
        return st;
    }
    return STIEL_OK;
}
