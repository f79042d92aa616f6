/* The kiosk's colours: a calm light background with dark text, and the few accent colours,
 * each paired with the text colour drawn on it; and the WCAG contrast ratio used to prove every
 * pair reaches 7:1. Pure (no SDL). */
#ifndef STIEL_UI_PALETTE_H
#define STIEL_UI_PALETTE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ui_colour {
    uint8_t r, g, b, a;
} ui_colour;

typedef enum ui_swatch {
    UI_COL_BG = 0,        /* the calm page background */
    UI_COL_PANEL,         /* cards and secondary buttons */
    UI_COL_TEXT,          /* body text, on BG and PANEL */
    UI_COL_MUTED,         /* secondary text, on BG and PANEL */
    UI_COL_LINE,          /* borders and the floor map's lines (not text) */
    UI_COL_PRIMARY,       /* the one main action */
    UI_COL_ON_PRIMARY,
    UI_COL_GOOD,          /* done, correct: always with a check mark */
    UI_COL_ON_GOOD,
    UI_COL_ATTN,          /* attention, wrong: a soft amber, always with "!" or a cross */
    UI_COL_ON_ATTN,
    UI_COL_CALM,          /* a pale blue highlight (current step, the spot on the map) */
    UI_COL_ON_CALM,
    UI_COL_BAR,           /* the device bar */
    UI_COL_ON_BAR,
    UI_COL_COUNT
} ui_swatch;

/* The colour of a swatch; UI_COL_TEXT for out-of-range values. */
ui_colour ui_palette(ui_swatch swatch);

/* WCAG 2 contrast ratio of two opaque colours, 1.0 .. 21.0. */
double ui_contrast_ratio(ui_colour a, ui_colour b);

/* The text-on-background pairs the screens draw (foreground, background), for the contrast test. */
typedef struct ui_swatch_pair {
    ui_swatch fg, bg;
} ui_swatch_pair;
const ui_swatch_pair *ui_palette_text_pairs(size_t *count);

#endif
