/* What the coach and supervisor pages (screen_staff.c, screen_coach*.c, screen_supervisor.c)
 * share: the frame every page has (headline, "back", the notice line) and one draw function per
 * ui_staff_page. */
#ifndef STIEL_UI_SCREENS_STAFF_H
#define STIEL_UI_SCREENS_STAFF_H

#include "kiosk/ui/screens.h"

/* The band the pages lay out in, below the headline and above the notice line. */
enum { STAFF_TOP = 128, STAFF_BOTTOM = 700, STAFF_ROW_H = 90, STAFF_ROW_STEP = 95 };

/* The headline (icon, title id with up to two arguments) and "back" at the end side. */
void staff_frame(ui *u, const kiosk_view *v, ui_icon icon, const char *title_id, const char *a1,
                 const char *a2);

/* "page:prev" / "page:next" side by side in r (each half of its width) when the list
 * has more rows before / after the page shown; nothing drawn for a side without rows. */
void staff_pager(ui *u, ui_rect r, size_t first, size_t shown, size_t total);

/* A toggle button: ST_PRIMARY with a check when on, ST_SECONDARY with an empty box when off. */
void staff_toggle(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
                  bool on);

/* A button that cannot be tapped now (no target): muted words on the page colour. */
void staff_disabled(ui *u, ui_rect r, ui_icon icon, const char *text_id);

/* A competency's state as a badge (check when signed off or criteria met, "!" practising). */
void staff_comp_badge(ui *u, float cx, float cy, float rad, ui_comp_state st);

void staff_page_home(ui *u, const kiosk_view *v);
void coach_page_review(ui *u, const kiosk_view *v);
void coach_page_signoff(ui *u, const kiosk_view *v);
void coach_page_observe(ui *u, const kiosk_view *v);
void coach_page_flags(ui *u, const kiosk_view *v);
void coach_page_charts(ui *u, const kiosk_view *v);
void supervisor_page_trainee(ui *u, const kiosk_view *v);
void supervisor_page_floor(ui *u, const kiosk_view *v);
void supervisor_page_setup(ui *u, const kiosk_view *v);

#endif
