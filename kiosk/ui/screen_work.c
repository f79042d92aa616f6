/* "My work": hello, the trainee's level as a ladder picture, today's tasks with their state and
 * the button for the next task; real customer orders waiting get a row and a button of their own,
 * marked with the parcel picture. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

void screen_work(ui *u, const kiosk_view *v)
{
    const ui_work_view *w = &v->work;
    ui_msg hello;
    ui_msg_set(&hello, "work.hello", w->name, NULL, NULL);
    char text[256];
    ui_tr_format(&u->tr, u->lang, &hello, text, sizeof text);
    w_headline(u, R(24, 16, 900, 100), ICON_COACH, text, 44);
    w_help_button(u);

    /* the level */
    w_card(u, R(24, 140, 560, 540), C(UI_COL_PANEL));
    d_tr(u, "work.your_level", R(54, 160, 500, 50), 28, false, C(UI_COL_MUTED), AL_START);
    d_text(u, w->level_name, R(54, 210, 500, 70), 40, true, C(UI_COL_TEXT), AL_START);
    w_level_steps(u, R(54, 300, 500, 260), w->level, w->level_count);
    char a[32], b[32];
    snprintf(a, sizeof a, "%u", w->level);
    snprintf(b, sizeof b, "%u", w->level_count);
    ui_msg step;
    ui_msg_set(&step, "work.level_of", a, b, NULL);
    d_msg(u, &step, R(54, 580, 500, 80), 30, true, C(UI_COL_TEXT), AL_CENTRE);

    /* today */
    w_card(u, R(608, 140, 648, 390), C(UI_COL_PANEL));
    snprintf(a, sizeof a, "%u", w->tasks_done);
    snprintf(b, sizeof b, "%u", w->tasks_total);
    ui_msg today;
    ui_msg_set(&today, "work.today", a, b, NULL);
    d_msg(u, &today, R(638, 156, 590, 60), 32, true, C(UI_COL_TEXT), AL_START);
    size_t rows = w->real_rejected ? 4 : 5; /* the last row's place: the rejected count */
    size_t n = w->task_count < rows ? w->task_count : rows;
    for (size_t i = 0; i < n; i++) {
        const ui_task_row *t = &w->tasks[i];
        int y = 230 + (int)i * 58;
        ui_feedback fb = t->state == UI_TASK_DONE ? UI_FB_GOOD : UI_FB_NONE;
        if (t->real) { /* real customer work: the parcel, not a practice badge */
            icon_draw(u, ICON_BOX, R(640, y, 48, 48), C(UI_COL_PRIMARY), C(UI_COL_PANEL));
        } else if (t->state == UI_TASK_BUSY) {
            d_circle(u, 664, (float)y + 24, 20, C(UI_COL_PRIMARY));
            d_circle(u, 664, (float)y + 24, 8, C(UI_COL_ON_PRIMARY));
        } else {
            w_badge(u, 664, (float)y + 24, 20, fb);
        }
        d_msg(u, &t->title, R(700, y, 530, 48), 26, t->state == UI_TASK_BUSY, C(UI_COL_TEXT),
              AL_START);
    }
    if (w->real_rejected) { /* for staff: pick lists refused, their reasons in inbox/rejected */
        snprintf(a, sizeof a, "%u", w->real_rejected);
        ui_msg rej;
        ui_msg_set(&rej, "work.rejected", a, NULL, NULL);
        d_msg(u, &rej, R(638, 496, 590, 30), 20, false, C(UI_COL_MUTED), AL_END);
    }
    if (w->next_available && w->real_waiting) { /* real work first, practice beside it */
        w_button(u, R(608, 550, 316, 130), "start-real", ICON_BOX, "work.start_real", ST_PRIMARY);
        w_button(u, R(940, 550, 316, 130), "start", ICON_ARROW, "work.start_next", ST_SECONDARY);
    } else if (w->next_available)
        w_button(u, R(608, 550, 648, 130), "start", ICON_ARROW, "work.start_next", ST_PRIMARY);
    else
        d_tr(u, "work.all_done", R(608, 550, 648, 130), 32, true, C(UI_COL_GOOD), AL_CENTRE);
}
