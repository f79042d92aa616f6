/* A wrong scan, calmly: what was scanned next to what we expect (photos for products, codes for
 * places and totes), and the one thing to do now. No red, no alarm: an amber "!" and words. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

static void side(ui *u, ui_rect r, const char *title_id, const ui_item *item, const char *code,
                 bool expected)
{
    w_card(u, r, C(UI_COL_PANEL));
    if (expected)
        d_round_outline(u, r, 22, 5, C(UI_COL_GOOD));
    w_badge(u, (float)r.x + 46, (float)r.y + 46, 28, expected ? UI_FB_GOOD : UI_FB_BAD);
    d_tr(u, title_id, R(r.x + 86, r.y + 14, r.w - 100, 64), 30, true, C(UI_COL_TEXT), AL_START);
    if (item && item->sku[0]) {
        if (!d_image(u, item->photo, R(r.x + (r.w - 230) / 2, r.y + 92, 230, 230)))
            icon_draw(u, ICON_ITEM, R(r.x + (r.w - 160) / 2, r.y + 120, 160, 160),
                      C(UI_COL_MUTED), C(UI_COL_PANEL));
        d_text(u, item->name, R(r.x + 20, r.y + 330, r.w - 40, 90), 28, true, C(UI_COL_TEXT),
               AL_CENTRE);
    } else if (code && code[0]) {
        d_text_ltr(u, code, R(r.x + 20, r.y + 120, r.w - 40, 200), 80, true, C(UI_COL_TEXT),
                   AL_CENTRE);
    } else {
        icon_draw(u, ICON_NOT_FOUND, R(r.x + (r.w - 160) / 2, r.y + 120, 160, 160),
                  C(UI_COL_MUTED), C(UI_COL_PANEL));
    }
}

void screen_wrong(ui *u, const kiosk_view *v)
{
    const ui_wrong_view *w = &v->wrong;
    static const char *const heads[] = {"wrong.item", "wrong.lookalike", "wrong.location",
                                        "wrong.tote", "wrong.unknown", "wrong.too_many"};
    static const char *const todo[] = {"wrong.do_item", "wrong.do_item", "wrong.do_location",
                                       "wrong.do_tote", "wrong.do_item", "wrong.do_too_many"};
    int k = (int)w->kind;
    if (k < 0 || k > UI_WRONG_TOO_MANY)
        k = UI_WRONG_ITEM;
    w_card(u, R(24, 16, 990, 94), C(UI_COL_ATTN));
    w_badge(u, 72, 63, 32, UI_FB_ATTENTION);
    d_tr(u, v->headline.id[0] ? v->headline.id : heads[k], R(120, 18, 880, 90), 36, true,
         C(UI_COL_ON_ATTN), AL_START);
    w_help_button(u);
    bool items = k == UI_WRONG_ITEM || k == UI_WRONG_LOOKALIKE || k == UI_WRONG_TOO_MANY;
    if (k == UI_WRONG_TOO_MANY) {
        side(u, R(340, 130, 600, 430), "wrong.expected", &w->expected_item, w->expected_code, true);
    } else {
        side(u, R(24, 130, 560, 430), "wrong.you_scanned", items ? &w->scanned_item : NULL,
             w->scanned_code, false);
        icon_draw(u, ICON_ARROW, R(598, 290, 84, 84), C(UI_COL_MUTED), C(UI_COL_BG));
        side(u, R(696, 130, 560, 430), "wrong.expected", items ? &w->expected_item : NULL,
             w->expected_code, true);
    }
    w_card(u, R(24, 580, 1232, 106), C(UI_COL_CALM));
    icon_draw(u, k == UI_WRONG_TOO_MANY ? ICON_UNDO : ICON_SCAN, R(48, 590, 86, 86),
              C(UI_COL_PRIMARY), C(UI_COL_CALM));
    d_tr(u, todo[k], R(156, 584, 1080, 98), 38, true, C(UI_COL_ON_CALM), AL_START);
}
