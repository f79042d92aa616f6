/* Test helpers for kiosk/ui: a headless UI (SDL dummy video driver, a software renderer on an
 * offscreen surface of any size) and sample views of every screen filled from the sample
 * practice warehouse. */
#ifndef STIEL_TESTS_UI_FIXTURE_H
#define STIEL_TESTS_UI_FIXTURE_H

#include <SDL.h>

#include "kiosk/core/catalogue.h"
#include "kiosk/ui/ui.h"

typedef struct ui_fixture {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    ui *u;
} ui_fixture;

/* Starts SDL video (once) and makes a w x h headless UI; 0 on success. */
int ui_fixture_open(ui_fixture *f, int w, int h);
void ui_fixture_close(ui_fixture *f);

/* The sample warehouse, loaded once (NULL if it cannot be read). */
const catalogue *ui_fixture_catalogue(void);
void ui_fixture_catalogue_free(void);

/* A typical view of screen in lang (demo mode on, both devices shown). variant picks a second
 * look of the same screen (pick: 0 scan item at level 1, 1 cluster slot with typed quantity,
 * 2 go to location without a location scan, 3 variant 0 under the coach overlay; pack: 0 choose box, 1 verify label with the printer out of labels, 2 close; wrong: 0 item,
 * 1 location; start: 0 with the name list, 1 badge only). */
void ui_fixture_view(ui_screen screen, catalogue_lang lang, int variant, kiosk_view *v);

/* Fraction (0..1) of pixels of the surface that differ from the page background. */
double ui_fixture_ink(const ui_fixture *f);

#endif
