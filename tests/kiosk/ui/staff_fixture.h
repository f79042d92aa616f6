/* Sample views of the coach and supervisor pages and the self-assessment for the UI tests:
 * variant = the ui_staff_page (STAFF), or 0 empty / 1 answered / 2 saved (SELF_ASSESS). */
#ifndef STIEL_TESTS_UI_STAFF_FIXTURE_H
#define STIEL_TESTS_UI_STAFF_FIXTURE_H

#include "kiosk/ui/view.h"

/* Fills v (already initialised with its language) for screen STAFF or SELF_ASSESS. */
void staff_fixture_view(ui_screen screen, int variant, kiosk_view *v);

#endif
