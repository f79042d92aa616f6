/* Private to render/: the context's layout, shared by the text, barcode and label files. */
#ifndef STIEL_RENDER_RENDER_INTERNAL_H
#define STIEL_RENDER_RENDER_INTERNAL_H

#include <SDL_ttf.h>

#include "render/render.h"

typedef enum render_face { RENDER_FACE_REGULAR, RENDER_FACE_BOLD, RENDER_FACE_ARABIC, RENDER_FACE_COUNT } render_face;

struct render_context {
    TTF_Font *fonts[RENDER_FACE_COUNT];  /* opened once; resized with TTF_SetFontSize per use */
    stiel_diag last;                     /* for render_text_field */
};

/* Copies an SDL_ttf "solid" (8-bit, index 0 = background) surface's dots into bm at (x, y). */
void render_blit_surface(stiel_bitmap *bm, const SDL_Surface *s, int x, int y, int max_h);

#endif
