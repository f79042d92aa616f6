/* Placeholder for the coach and supervisor screens (a later issue): says so, offers the way
 * back. The coach overlay will be drawn over the trainee screens in the same band. */
#include "kiosk/ui/screens.h"

void screen_staff(ui *u, const kiosk_view *v)
{
    (void)v;
    w_headline(u, R(24, 40, 1000, 110), ICON_COACH, tr(u, "staff.title"), 44);
    w_card(u, R(24, 180, 1232, 300), C(UI_COL_PANEL));
    d_tr(u, "staff.later", R(60, 200, 1160, 260), 32, false, C(UI_COL_TEXT), AL_START);
    w_button(u, R(24, 520, 400, 110), "back", ICON_UNDO, "common.back", ST_SECONDARY);
}
