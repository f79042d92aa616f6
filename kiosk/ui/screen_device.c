/* A device needs attention before work can go on: which one, in a picture, and what to do. */
#include "kiosk/ui/screens.h"

void screen_device(ui *u, const kiosk_view *v)
{
    const ui_device_view *d = &v->device;
    w_help_button(u);
    w_card(u, R(140, 130, 1000, 550), C(UI_COL_PANEL));
    icon_draw(u, d->printer ? ICON_PRINTER : ICON_SCAN, R(200, 190, 240, 240), C(UI_COL_TEXT),
              C(UI_COL_PANEL));
    w_badge(u, 430, 420, 56, UI_FB_ATTENTION);
    d_tr(u, d->printer ? "device.printer_needs_help" : "device.scanner_needs_help",
         R(520, 180, 580, 150), 42, true, C(UI_COL_TEXT), AL_START);
    if (d->what_to_do.id[0])
        d_msg(u, &d->what_to_do, R(520, 340, 580, 180), 32, false, C(UI_COL_TEXT), AL_START);
    d_tr(u, "device.work_is_saved", R(200, 560, 900, 80), 28, false, C(UI_COL_MUTED), AL_START);
}
