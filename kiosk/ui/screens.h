/* One draw function per screen (screen_*.c), each taking the view and drawing the band above
 * the device bar; ui_draw picks one by view->screen. */
#ifndef STIEL_UI_SCREENS_H
#define STIEL_UI_SCREENS_H

#include "kiosk/ui/widgets.h"

void screen_start(ui *u, const kiosk_view *v);
void screen_pin(ui *u, const kiosk_view *v);
void screen_work(ui *u, const kiosk_view *v);
void screen_pick(ui *u, const kiosk_view *v);
void screen_pack(ui *u, const kiosk_view *v);
void screen_wrong(ui *u, const kiosk_view *v);
void screen_short(ui *u, const kiosk_view *v);
void screen_help(ui *u, const kiosk_view *v);
void screen_finished(ui *u, const kiosk_view *v);
void screen_device(ui *u, const kiosk_view *v);
void screen_staff(ui *u, const kiosk_view *v);        /* by page: screens_staff.h */
void screen_self_assess(ui *u, const kiosk_view *v);  /* screen_self_assess.c */

/* The overlay over any screen (overlay.c); nothing when view->overlay is NONE. */
void overlay_draw(ui *u, const kiosk_view *v);

#endif
