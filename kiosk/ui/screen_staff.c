/* The coach and supervisor screens' frame and home: the headline with the staff member's name,
 * "back" (to the trainee from home, else one page up), the notice line with the outcome of the
 * last action, the trainee list and the role's buttons. screen_staff dispatches by page. */
#include <stdio.h>
#include <string.h>

#include "kiosk/ui/screens_staff.h"

void staff_frame(ui *u, const kiosk_view *v, ui_icon icon, const char *title_id, const char *a1,
                 const char *a2)
{
    ui_msg m;
    ui_msg_set(&m, title_id, a1, a2, NULL);
    char text[256];
    ui_tr_format(&u->tr, u->lang, &m, text, sizeof text);
    w_headline(u, R(24, 14, 980, 100), icon, text, 38);
    w_button(u, R(1030, 16, 226, 96), "back", ICON_UNDO, "common.back", ST_SECONDARY);
    const ui_staff_view *s = &v->staff;
    if (s->notice.id[0]) {
        ui_rect r = R(24, 712, 1232, 78);
        d_round(u, r, 16, s->notice_bad ? C(UI_COL_ATTN) : C(UI_COL_CALM));
        w_badge(u, 64, 751, 28, s->notice_bad ? UI_FB_ATTENTION : UI_FB_GOOD);
        d_msg(u, &s->notice, R(110, 716, 1130, 70), 26, true,
              s->notice_bad ? C(UI_COL_ON_ATTN) : C(UI_COL_ON_CALM), AL_START);
    }
}

void staff_pager(ui *u, ui_rect r, size_t first, size_t shown, size_t total)
{
    int w = r.w / 2 - 5;
    if (first > 0)
        w_button(u, R(r.x, r.y, w, r.h), "page:prev", ICON_UNDO, "staff.page_prev",
                 ST_SECONDARY);
    if (first + shown < total)
        w_button(u, R(r.x + w + 10, r.y, w, r.h), "page:next", ICON_ARROW, "staff.page_next",
                 ST_SECONDARY);
}

void staff_toggle(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
                  bool on)
{
    w_button(u, r, action, icon, text_id, on ? ST_PRIMARY : ST_SECONDARY);
    /* on/off is said by a shape too, never by colour alone */
    float cx = (float)(r.x + r.w - 40), cy = (float)r.y + (float)r.h / 2;
    if (on) {
        w_badge(u, cx, cy, 22, UI_FB_GOOD);
    } else {
        d_round(u, R((int)cx - 20, (int)cy - 20, 40, 40), 8, C(UI_COL_BG));
        d_round_outline(u, R((int)cx - 20, (int)cy - 20, 40, 40), 8, 4, C(UI_COL_MUTED));
    }
}

void staff_disabled(ui *u, ui_rect r, ui_icon icon, const char *text_id)
{
    d_round(u, r, 18, C(UI_COL_BG));
    d_round_outline(u, r, 18, 3, C(UI_COL_LINE));
    int isz = r.h - 32 > 60 ? 60 : r.h - 32;
    icon_draw(u, icon, R(r.x + 16, r.y + (r.h - isz) / 2, isz, isz), C(UI_COL_MUTED),
              C(UI_COL_BG));
    d_tr(u, text_id, R(r.x + 32 + isz, r.y + 6, r.w - 48 - isz, r.h - 12), 26, true,
         C(UI_COL_MUTED), AL_START);
}

void staff_comp_badge(ui *u, float cx, float cy, float rad, ui_comp_state st)
{
    switch (st) {
    case UI_COMP_SIGNED:
        d_circle(u, cx, cy, rad, C(UI_COL_GOOD));
        icon_draw(u, ICON_SIGN, R((int)(cx - rad * 0.7f), (int)(cy - rad * 0.7f),
                                  (int)(rad * 1.4f), (int)(rad * 1.4f)),
                  C(UI_COL_ON_GOOD), C(UI_COL_GOOD));
        break;
    case UI_COMP_MEETS: w_badge(u, cx, cy, rad, UI_FB_GOOD); break;
    case UI_COMP_PRACTISING: w_badge(u, cx, cy, rad, UI_FB_ATTENTION); break;
    case UI_COMP_NOT_STARTED:
    default: w_badge(u, cx, cy, rad, UI_FB_NONE); break;
    }
}

void staff_page_home(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_COACH, s->supervisor ? "staff.home_supervisor" : "staff.home_coach",
                s->staff_name, NULL);
    d_tr(u, "staff.trainees", R(24, STAFF_TOP, 700, 50), 28, true, C(UI_COL_TEXT), AL_START);
    size_t n = s->person_count < UI_STAFF_ROWS ? s->person_count : UI_STAFF_ROWS;
    if (n > 5)
        n = 5; /* five rows under the list's title */
    for (size_t i = 0; i < n; i++) {
        char action[48], level[16];
        snprintf(action, sizeof action, "trainee:%s", s->people[i].id);
        ui_rect r = R(24, STAFF_TOP + 56 + (int)i * STAFF_ROW_STEP, 700, STAFF_ROW_H);
        w_button_text(u, r, action, ICON_BADGE, s->people[i].name, ST_SECONDARY, 28);
        snprintf(level, sizeof level, "%u", s->people[i].level);
        ui_msg m;
        ui_msg_set(&m, "staff.level_short", level, NULL, NULL);
        d_msg(u, &m, R(r.x + r.w - 190, r.y + 10, 170, r.h - 20), 24, false, C(UI_COL_MUTED),
              AL_END);
    }
    if (s->person_total == 0)
        d_tr(u, "staff.no_trainees", R(24, STAFF_TOP + 60, 700, 90), 28, false, C(UI_COL_MUTED),
             AL_START);
    /* the role's actions down the end side */
    int y = STAFF_TOP;
    const int x = 760, w = 496, h = 100, step = 108;
    if (s->task_running) {
        w_button(u, R(x, y, w, h), "coach-floor", ICON_COACH, "staff.coach_floor", ST_PRIMARY);
        y += step;
    }
    if (s->supervisor) {
        w_button(u, R(x, y, w, h), "floor", ICON_FLOOR, "staff.floor", ST_SECONDARY);
        y += step;
        w_button(u, R(x, y, w, h), "setup", ICON_LABEL, "staff.setup", ST_SECONDARY);
        y += step;
        w_button(u, R(x, y, w, h), "leave", ICON_EXIT, "staff.leave", ST_SECONDARY);
        y += step;
    }
    staff_pager(u, R(x, y, w, h), s->person_first, n, s->person_total);
}

void screen_staff(ui *u, const kiosk_view *v)
{
    switch (v->staff.page) {
    case UI_STAFF_REVIEW: coach_page_review(u, v); break;
    case UI_STAFF_SIGNOFF: coach_page_signoff(u, v); break;
    case UI_STAFF_OBSERVE: coach_page_observe(u, v); break;
    case UI_STAFF_FLAGS: coach_page_flags(u, v); break;
    case UI_STAFF_CHARTS: coach_page_charts(u, v); break;
    case UI_STAFF_TRAINEE: supervisor_page_trainee(u, v); break;
    case UI_STAFF_FLOOR: supervisor_page_floor(u, v); break;
    case UI_STAFF_SETUP: supervisor_page_setup(u, v); break;
    case UI_STAFF_HOME:
    case UI_STAFF_PAGE_COUNT:
    default: staff_page_home(u, v); break;
    }
}
