/* Finished: positive words, what went well (with check marks), and the way to the next level as
 * a row of steps (the level-up criteria met, filled). No ranking, no red, no clock. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

void screen_finished(ui *u, const kiosk_view *v)
{
    const ui_finished_view *f = &v->finished;
    d_circle(u, 120, 120, 92, C(UI_COL_GOOD));
    icon_draw(u, ICON_CHECK, R(60, 60, 120, 120), C(UI_COL_ON_GOOD), C(UI_COL_GOOD));
    ui_msg m;
    ui_msg_set(&m, "finished.well_done", v->work.name, NULL, NULL);
    d_msg(u, &m, R(240, 30, f->self_offer ? 700 : 1000, 100), 56, true, C(UI_COL_TEXT),
          AL_START);
    if (f->self_offer)   /* the end-of-day self-assessment (screen_self_assess.c) */
        w_button(u, R(960, 24, 296, 120), "self-assess", ICON_SMILE_HAPPY, "finished.self.open",
                 ST_CALM);
    char a[32], b[32];
    snprintf(a, sizeof a, "%u", f->lines_done);
    snprintf(b, sizeof b, "%u", f->lines_total);
    ui_msg_set(&m, "finished.lines", a, b, NULL);
    d_msg(u, &m, R(240, 130, f->self_offer ? 700 : 1000, 60), 30, false, C(UI_COL_TEXT),
          AL_START);

    w_card(u, R(24, 236, 700, 450), C(UI_COL_PANEL));
    d_tr(u, "finished.went_well", R(54, 252, 640, 60), 32, true, C(UI_COL_TEXT), AL_START);
    size_t n = f->well_count < UI_WELL_MAX ? f->well_count : UI_WELL_MAX;
    for (size_t i = 0; i < n; i++) {
        int y = 324 + (int)i * 88;
        icon_draw(u, ICON_STAR, R(54, y + 8, 60, 60), C(UI_COL_PRIMARY), C(UI_COL_PANEL));
        d_msg(u, &f->well[i], R(130, y, 570, 80), 28, false, C(UI_COL_TEXT), AL_START);
    }

    w_card(u, R(748, 236, 508, 300), C(UI_COL_PANEL));
    snprintf(a, sizeof a, "%u", f->level + 1);
    if (f->level_count && f->level >= f->level_count) {
        d_tr(u, "finished.top_level", R(772, 252, 460, 90), 30, true, C(UI_COL_TEXT), AL_START);
    } else {
        ui_msg_set(&m, "finished.toward_level", a, NULL, NULL);
        d_msg(u, &m, R(772, 252, 460, 90), 30, true, C(UI_COL_TEXT), AL_START);
        unsigned total = f->toward_next_total;
        if (total > 10)
            total = 10;
        float w = 460.0f / (float)total;
        for (unsigned i = 0; i < total; i++) {
            ui_rect r = R((int)(772 + w * (float)i), 370, (int)(w - 10), 70);
            if (i < f->toward_next) {
                d_round(u, r, 12, C(UI_COL_GOOD));
                icon_draw(u, ICON_CHECK, R(r.x + (r.w - 40) / 2, r.y + 15, 40, 40),
                          C(UI_COL_ON_GOOD), C(UI_COL_GOOD));
            } else {
                d_round(u, r, 12, C(UI_COL_BG));
                d_round_outline(u, r, 12, 3, C(UI_COL_LINE));
            }
        }
        char c[32];
        snprintf(c, sizeof c, "%u", f->level + 1);
        snprintf(a, sizeof a, "%u", f->toward_next);
        snprintf(b, sizeof b, "%u", f->toward_next_total);
        ui_msg_set(&m, "finished.steps_to_level", a, b, c);
        if (total)
            d_msg(u, &m, R(772, 456, 460, 60), 26, false, C(UI_COL_MUTED), AL_START);
    }
    if (f->next_available)
        w_button(u, R(748, 556, 508, 130), "next", ICON_ARROW, "finished.next_task", ST_PRIMARY);
    else
        w_button(u, R(748, 556, 508, 130), "done", ICON_CHECK, "finished.to_my_work", ST_PRIMARY);
}
