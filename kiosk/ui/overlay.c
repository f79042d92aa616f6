/* The coach overlay (view.h, ui_overlay): a panel at the end side over a trainee's task with one
 * button per coach prompt (gestural .. full physical, done by coach), the way to the staff home
 * and a close button. The targets it covers cannot be tapped; the trainee screen stays visible. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

void overlay_draw(ui *u, const kiosk_view *v)
{
    if (v->overlay != UI_OVERLAY_COACH)
        return;
    ui_rect panel = R(760, 0, 520, BAR_TOP);
    /* targets the panel covers can no longer be tapped */
    ui_rect m = d_mirror(u, panel);
    size_t kept = 0;
    for (size_t i = 0; i < u->hit_count; i++) {
        ui_rect h = u->hits[i].r;
        bool covered = h.x < m.x + m.w && m.x < h.x + h.w && h.y < m.y + m.h && m.y < h.y + h.h;
        if (!covered)
            u->hits[kept++] = u->hits[i];
    }
    u->hit_count = kept;
    d_rect(u, panel, C(UI_COL_PANEL));
    d_rect(u, R(756, 0, 4, BAR_TOP), C(UI_COL_LINE));
    icon_draw(u, ICON_COACH, R(776, 18, 70, 70), C(UI_COL_PRIMARY), C(UI_COL_PANEL));
    d_tr(u, "coach.prompt_title", R(856, 10, 280, 90), 26, true, C(UI_COL_TEXT), AL_START);
    w_button(u, R(1146, 10, 118, 90), "overlay-close", ICON_CROSS, NULL, ST_SECONDARY);
    /* gestural .. full physical, done by coach: least to most help, in reading order */
    for (int p = PICK_PROMPT_GESTURAL; p < PICK_PROMPT_COUNT; p++) {
        char action[48], id[64];
        snprintf(action, sizeof action, "prompt:%s", pick_prompt_name((pick_prompt)p));
        snprintf(id, sizeof id, "coach.prompt.%s", pick_prompt_name((pick_prompt)p));
        int k = p - PICK_PROMPT_GESTURAL;
        ui_rect b = R(776 + (k % 2) * 244, 112 + (k / 2) * 146, 232, 134);
        w_button_text(u, b, action, ICON_COUNT, tr(u, id),
                      p == PICK_PROMPT_DONE_BY_COACH ? ST_CALM : ST_SECONDARY, 24);
    }
    w_button(u, R(776, 550, 476, 134), "staff-home", ICON_SETTINGS, "coach.staff_home",
             ST_SECONDARY);
}
