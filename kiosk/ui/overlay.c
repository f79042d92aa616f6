/* The coach overlay placeholder (view.h, ui_overlay): a panel at the end side with one button per
 * prompt level and a close button. The real overlay comes with the coach/supervisor issue. */
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
    d_tr(u, "coach.prompt_title", R(784, 10, 340, 90), 28, true, C(UI_COL_TEXT), AL_START);
    w_button(u, R(1140, 10, 124, 90), "overlay-close", ICON_CROSS, NULL, ST_SECONDARY);
    for (int p = 0; p < PICK_PROMPT_COUNT; p++) {
        char action[48], id[64];
        snprintf(action, sizeof action, "prompt:%s", pick_prompt_name((pick_prompt)p));
        snprintf(id, sizeof id, "coach.prompt.%s", pick_prompt_name((pick_prompt)p));
        ui_rect b = R(784 + (p % 2) * 240, 112 + (p / 2) * 144, 228, 132);
        w_button_text(u, b, action, ICON_COUNT, tr(u, id), p == 0 ? ST_GOOD : ST_SECONDARY, 24);
    }
}
