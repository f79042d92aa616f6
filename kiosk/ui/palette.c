/* The palette declared in palette.h and the WCAG 2 relative-luminance contrast ratio. Colours are
 * chosen so that every text pair reaches 7:1 (AAA); tests/kiosk/ui checks it. */
#include "kiosk/ui/palette.h"

#include <math.h>

static const ui_colour swatches[UI_COL_COUNT] = {
    [UI_COL_BG] = {0xF4, 0xF1, 0xEA, 0xFF},
    [UI_COL_PANEL] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_COL_TEXT] = {0x1B, 0x25, 0x30, 0xFF},
    [UI_COL_MUTED] = {0x33, 0x3F, 0x4B, 0xFF},
    [UI_COL_LINE] = {0x9A, 0xA5, 0xB1, 0xFF},
    [UI_COL_PRIMARY] = {0x1C, 0x4A, 0x82, 0xFF},
    [UI_COL_ON_PRIMARY] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_COL_GOOD] = {0x15, 0x5A, 0x30, 0xFF},
    [UI_COL_ON_GOOD] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_COL_ATTN] = {0xF7, 0xDC, 0x8C, 0xFF},
    [UI_COL_ON_ATTN] = {0x1B, 0x25, 0x30, 0xFF},
    [UI_COL_CALM] = {0xD6, 0xE6, 0xF5, 0xFF},
    [UI_COL_ON_CALM] = {0x1B, 0x25, 0x30, 0xFF},
    [UI_COL_BAR] = {0xE3, 0xDE, 0xD3, 0xFF},
    [UI_COL_ON_BAR] = {0x1B, 0x25, 0x30, 0xFF},
};

static const ui_swatch_pair pairs[] = {
    {UI_COL_TEXT, UI_COL_BG},          {UI_COL_TEXT, UI_COL_PANEL},
    {UI_COL_MUTED, UI_COL_BG},         {UI_COL_MUTED, UI_COL_PANEL},
    {UI_COL_ON_PRIMARY, UI_COL_PRIMARY}, {UI_COL_ON_GOOD, UI_COL_GOOD},
    {UI_COL_ON_ATTN, UI_COL_ATTN},     {UI_COL_ON_CALM, UI_COL_CALM},
    {UI_COL_ON_BAR, UI_COL_BAR},       {UI_COL_PRIMARY, UI_COL_BG},
    {UI_COL_PRIMARY, UI_COL_PANEL},    {UI_COL_GOOD, UI_COL_PANEL},
    {UI_COL_PRIMARY, UI_COL_CALM},     {UI_COL_MUTED, UI_COL_BAR},
};

ui_colour ui_palette(ui_swatch swatch)
{
    if ((int)swatch < 0 || swatch >= UI_COL_COUNT)
        return swatches[UI_COL_TEXT];
    return swatches[swatch];
}

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(ui_colour c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double ui_contrast_ratio(ui_colour a, ui_colour b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

const ui_swatch_pair *ui_palette_text_pairs(size_t *count)
{
    *count = sizeof pairs / sizeof pairs[0];
    return pairs;
}
