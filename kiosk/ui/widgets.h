/* Widgets shared by the screens: buttons (picture + words, at least UI_TARGET_MIN tall), the
 * headline, status badges (check / cross / "!" shapes with their colour), progress dots, level
 * steps, item cards, the floor map, the device bar and the demo scanner panel. */
#ifndef STIEL_UI_WIDGETS_H
#define STIEL_UI_WIDGETS_H

#include "kiosk/ui/icons.h"
#include "kiosk/ui/ui_internal.h"

/* The band above the device bar that screens lay out in. */
enum { CONTENT_TOP = 0, CONTENT_BOTTOM = 700, BAR_TOP = 700 };

typedef enum ui_style { ST_PRIMARY = 0, ST_SECONDARY, ST_GOOD, ST_ATTN, ST_CALM } ui_style;

/* A button: icon at the start, message id as its words (or centred alone when text_id is NULL);
 * registers action as a tap target over the whole rect. */
void w_button(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
              ui_style style);
/* The same with literal words (names, digits). */
void w_button_text(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text,
                   ui_style style, int size);
/* A big picture button: the icon large in the upper part, the words under it. */
void w_tile(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
            ui_style style);
/* A card: rounded panel with a soft border. */
void w_card(ui *u, ui_rect r, ui_colour fill);
/* A round status badge: check (good), cross (bad) or "!" (attention) on its colour. */
void w_badge(ui *u, float cx, float cy, float rad, ui_feedback kind);
/* Headline: a big icon in a circle and the text next to it. */
void w_headline(ui *u, ui_rect r, ui_icon icon, const char *text, int size);
/* The "call the coach" button at the top end corner. */
void w_help_button(ui *u);
/* Order progress as dots with shapes: done (check), short ("!"), skipped (arrow), current (ring). */
void w_dots(ui *u, ui_rect r, const ui_line_state *lines, unsigned count);
/* Level ladder: count steps, the first `level` filled, the current one with a star. */
void w_level_steps(ui *u, ui_rect r, unsigned level, unsigned count);
/* An item: photo (or a generic box picture) in a panel, name below or beside. */
void w_item_photo(ui *u, ui_rect r, const ui_item *item);
/* The floor map with the zones and the spot. */
void w_floor_map(ui *u, ui_rect r, const ui_floor_map *map, const ui_location *loc,
                 bool highlight);
/* The device bar (and the demo scanner panel in demo mode) along the bottom. */
void w_device_bar(ui *u, const kiosk_view *v);
/* A feedback badge with its words, at the top centre, when the view carries feedback. */
void w_feedback(ui *u, const kiosk_view *v);

#endif
