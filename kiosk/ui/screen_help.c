/* Help called: the coach is on the way; a calm picture, reassuring words, and a button for when
 * the trainee can go on alone. */
#include "kiosk/ui/screens.h"

void screen_help(ui *u, const kiosk_view *v)
{
    (void)v;
    w_card(u, R(140, 40, 1000, 640), C(UI_COL_PANEL));
    d_circle(u, 470, 240, 150, C(UI_COL_CALM));
    icon_draw(u, ICON_COACH, R(360, 120, 220, 220), C(UI_COL_PRIMARY), C(UI_COL_CALM));
    d_circle(u, 790, 240, 150, C(UI_COL_CALM));
    icon_draw(u, ICON_HELP, R(690, 130, 200, 200), C(UI_COL_PRIMARY), C(UI_COL_CALM));
    d_tr(u, "help.coach_coming", R(180, 410, 920, 90), 52, true, C(UI_COL_TEXT), AL_CENTRE);
    d_tr(u, "help.stay_calm", R(180, 490, 920, 70), 30, false, C(UI_COL_MUTED), AL_CENTRE);
    w_button(u, R(400, 570, 480, 96), "back", ICON_ARROW, "help.go_on", ST_SECONDARY);
}
