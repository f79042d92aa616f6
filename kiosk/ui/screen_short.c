/* Short pick: why fewer than asked? Four big picture buttons (the place is empty, it is
 * damaged, I cannot find it, something else lies there) and a way back. */
#include "kiosk/ui/screens.h"

void screen_short(ui *u, const kiosk_view *v)
{
    const ui_pick_view *p = &v->pick;
    w_button(u, R(24, 16, 240, 94), "back", ICON_UNDO, "common.back", ST_SECONDARY);
    d_tr(u, "short.why", R(284, 16, 730, 94), 38, true, C(UI_COL_TEXT), AL_START);
    w_help_button(u);
    w_item_photo(u, R(24, 130, 240, 240), &p->item);
    d_text(u, p->item.name, R(24, 380, 240, 120), 24, true, C(UI_COL_TEXT), AL_CENTRE);
    d_text_ltr(u, p->location.code, R(24, 510, 240, 80), 48, true, C(UI_COL_MUTED), AL_CENTRE);
    w_tile(u, R(288, 130, 476, 270), "reason:empty", ICON_EMPTY_SHELF, "short.empty", ST_SECONDARY);
    w_tile(u, R(780, 130, 476, 270), "reason:damaged", ICON_DAMAGED, "short.damaged", ST_SECONDARY);
    w_tile(u, R(288, 416, 476, 270), "reason:not_found", ICON_NOT_FOUND, "short.not_found",
           ST_SECONDARY);
    w_tile(u, R(780, 416, 476, 270), "reason:other_item", ICON_OTHER_ITEM, "short.other_item",
           ST_SECONDARY);
}
