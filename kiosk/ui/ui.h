/* The kiosk UI: draws a kiosk_view (view.h) with one renderer the app owns, answers which named
 * action a tap hit, plays feedback sounds and writes screenshots. Layout is a logical 1280x800
 * canvas scaled uniformly and centred in any window (the margins take the background colour);
 * text is rendered at the physical size so it stays sharp. Arabic mirrors the whole layout. */
#ifndef STIEL_UI_UI_H
#define STIEL_UI_UI_H

#include <stdbool.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/ui/view.h"

struct SDL_Renderer;

enum { UI_LOGICAL_W = 1280, UI_LOGICAL_H = 800, UI_TARGET_MIN = 90 /* logical px, ~15 mm */ };

typedef struct ui ui;

typedef struct ui_rect {
    int x, y, w, h;
} ui_rect;

typedef enum ui_sound {
    UI_SOUND_GOOD = 0,    /* two rising notes */
    UI_SOUND_BAD,         /* two soft falling notes */
    UI_SOUND_ATTENTION,   /* one middle note, twice */
    UI_SOUND_COUNT
} ui_sound;

/* Creates the UI on renderer (a window's renderer, or SDL_CreateSoftwareRenderer on a surface
 * for headless runs; the app keeps owning it and frees it after ui_free). asset_dir holds
 * locale/, icons/, items/, sounds/; font_dir holds the Noto fonts. Initialises SDL_ttf (and
 * SDL audio when it is available: without it sounds are silently off). On failure *out is NULL
 * and diag says what is missing (a font file, a .po file with its file:line). */
stiel_status ui_new(struct SDL_Renderer *renderer, const char *asset_dir, const char *font_dir,
                    ui **out, stiel_diag *diag);

/* Frees everything the UI made (textures, fonts, sounds); safe on NULL. */
void ui_free(ui *u);

/* Sets the kiosk's language for the screens before a badge (START, PIN: the "lang:xx" buttons
 * there call this); every other screen uses the view's lang (the trainee's). Switching needs no
 * restart: the next ui_draw uses it. */
void ui_set_language(ui *u, catalogue_lang lang);

/* Draws view into the renderer and presents it; records the tap targets for ui_hit_test.
 * STIEL_ERR_ARG for a screen out of range; rendering failures are logged, never fatal. */
stiel_status ui_draw(ui *u, const kiosk_view *view);

/* The action under window pixel (x, y) of the last drawn screen, or NULL (also in the margins).
 * Actions, by screen:
 *   start:    "lang:nl" "lang:fr" "lang:en" "lang:ar" "trainee:<id>" (name list)
 *   PIN:      "pin:0".."pin:9" "pin:back" (erase a digit) "pin:ok" "back"
 *   my work:  "start" "help" "start-real" (real orders waiting)
 *   pick:     "help" "short" "undo" "arrived" "confirm" (prefilled/stepper quantity, put done)
 *             "qty:minus" "qty:plus" "photo" "empty:yes" "empty:no"
 *   pack:     "help" "start" (no tote scan) "confirm-box" "reprint" "close" "done"
 *   short:    "reason:empty" "reason:damaged" "reason:not_found" "reason:other_item" "back"
 *   wrong scan, device problem: "help";  help called, staff: "back";  finished: "next" "done"
 *   demo mode (every screen): "demo-scan-expected" "demo-scan-wrong"
 *   coach overlay placeholder: "prompt:<pick_prompt_name>" "overlay-close"
 * The pointer stays valid until the next ui_draw. */
const char *ui_hit_test(const ui *u, int x, int y);

/* Where action was drawn on the last screen, in logical and in window pixels (either may be
 * NULL). False when the last screen has no such action. For tests and the script runner. */
bool ui_action_rect(const ui *u, const char *action, ui_rect *logical, ui_rect *window);

/* Number of tap targets on the last screen and the i-th one's action and logical rect. */
size_t ui_action_count(const ui *u);
const char *ui_action_at(const ui *u, size_t i, ui_rect *logical);

/* Draws the last view again, writes the picture to a PNG file at path and presents it (works
 * with window and software renderers alike). STIEL_ERR_STATE before the first ui_draw. */
stiel_status ui_screenshot(ui *u, const char *path, stiel_diag *diag);

/* Plays a feedback sound (non-blocking; a new sound replaces one still playing). No-op when
 * audio is off. */
void ui_sound_play(ui *u, ui_sound kind);

/* Volume 0..100 (default 70); values above 100 are taken as 100. 0 is silent. */
void ui_sound_set_volume(ui *u, unsigned volume);

/* Bytes of sound still queued for the audio device (0 when audio is off). For tests. */
unsigned ui_sound_queued(const ui *u);

/* The translated text of msg in lang (fallback: Dutch, then the id), with {n} filled in, into
 * out (cut at a character boundary). For spoken prompts and tests. */
void ui_text(const ui *u, catalogue_lang lang, const ui_msg *msg, char *out, size_t cap);

#endif
