/* The trainee's end-of-day self-assessment: three questions, each answered with one of three
 * smileys (sad, neutral, happy: shapes, not colours, carry the answer), "save" and "back". */
#include <stdio.h>

#include "kiosk/ui/screens.h"

static const char *const questions[3] = {"finished.self.went_well", "finished.self.calm",
                                         "finished.self.asked_help"};

void screen_self_assess(ui *u, const kiosk_view *v)
{
    const ui_self_view *s = &v->self;
    w_headline(u, R(24, 14, 980, 100), ICON_SMILE_HAPPY, tr(u, "finished.self.title"), 40);
    w_button(u, R(1030, 16, 226, 96), "back", ICON_UNDO, "common.back", ST_SECONDARY);
    if (s->saved) {
        w_card(u, R(24, 160, 1232, 200), C(UI_COL_PANEL));
        w_badge(u, 110, 260, 50, UI_FB_GOOD);
        d_tr(u, "finished.self.thanks", R(190, 180, 1040, 160), 36, true, C(UI_COL_TEXT),
             AL_START);
        return;
    }
    static const ui_icon faces[3] = {ICON_SMILE_SAD, ICON_SMILE_OK, ICON_SMILE_HAPPY};
    for (int q = 0; q < 3; q++) {
        int y = 132 + q * 170;
        w_card(u, R(24, y, 1232, 158), C(UI_COL_PANEL));
        d_tr(u, questions[q], R(48, y + 10, 560, 138), 30, true, C(UI_COL_TEXT), AL_START);
        for (unsigned a = 1; a <= 3; a++) {
            char action[24];
            snprintf(action, sizeof action, "smiley:%d:%u", q, a);
            bool on = s->answers[q] == a;
            ui_rect r = R(640 + (int)(a - 1) * 200, y + 14, 184, 130);
            w_button_text(u, r, action, faces[a - 1], NULL, on ? ST_PRIMARY : ST_SECONDARY, 24);
            if (on)
                w_badge(u, (float)(r.x + r.w - 24), (float)(r.y + 24), 20, UI_FB_GOOD);
        }
    }
    bool any = s->answers[0] || s->answers[1] || s->answers[2];
    ui_rect save = R(836, 650 - 4, 420, 100);
    if (any)
        w_button(u, save, "save", ICON_CHECK, "finished.self.save", ST_GOOD);
}
