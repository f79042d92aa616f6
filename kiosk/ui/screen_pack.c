/* The pack step: the checklist of what goes in the box (checked as scanned), the steps (scan
 * the products, take the box, print, scan the label), the suggested box drawn to its size with
 * its name (from the print step on: the printed label as a picture), and the
 * printer's state with the print button. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

static ui_icon pack_icon(pack_step s)
{
    switch (s) {
    case PACK_STEP_SCAN_ORDER: return ICON_TOTE;
    case PACK_STEP_SCAN_ITEMS: return ICON_SCAN;
    case PACK_STEP_CHOOSE_BOX: return ICON_BOX;
    case PACK_STEP_PRINT: return ICON_PRINTER;
    case PACK_STEP_VERIFY_LABEL: return ICON_LABEL;
    case PACK_STEP_CLOSE: return ICON_BOX;
    default: return ICON_CHECK;
    }
}

static const char *const pack_ids[PACK_STEP_COUNT] = {
    "pack.scan_order", "pack.scan_items", "pack.take_box", "pack.print", "pack.scan_label",
    "pack.close", "pack.done"};

static void checklist(ui *u, const ui_pack_view *p)
{
    w_card(u, R(24, 124, 600, 562), C(UI_COL_PANEL));
    d_tr(u, "pack.in_the_box", R(48, 136, 552, 56), 30, true, C(UI_COL_TEXT), AL_START);
    size_t n = p->row_count < 6 ? p->row_count : 6;
    for (size_t i = 0; i < n; i++) {
        const ui_pack_row *row = &p->rows[i];
        int y = 200 + (int)i * 80;
        bool done = row->scanned >= row->qty;
        if (done)
            d_round(u, R(40, y, 568, 74), 12, col_mix(C(UI_COL_PANEL), C(UI_COL_GOOD), 10));
        if (!d_image(u, row->item.photo, R(52, y + 5, 64, 64)))
            icon_draw(u, ICON_ITEM, R(52, y + 5, 64, 64), C(UI_COL_MUTED), C(UI_COL_PANEL));
        d_text(u, row->item.name, R(128, y, 330, 74), 24, done, C(UI_COL_TEXT), AL_START);
        char c[32];
        snprintf(c, sizeof c, "%u/%u", row->scanned, row->qty);
        d_text_ltr(u, c, R(462, y, 80, 74), 28, true, C(UI_COL_TEXT), AL_CENTRE);
        w_badge(u, 576, (float)y + 37, 24, done ? UI_FB_GOOD : UI_FB_NONE);
    }
    if (p->row_count > n) {
        char more[32];
        snprintf(more, sizeof more, "+%zu", p->row_count - n);
        d_text_ltr(u, more, R(48, 682 - 40, 552, 36), 24, true, C(UI_COL_MUTED), AL_END);
    }
}

static void steps(ui *u, const ui_pack_view *p)
{
    w_card(u, R(648, 124, 608, 240), C(UI_COL_CALM));
    enum { CHAIN = PACK_STEP_DONE };
    float step = 608.0f / CHAIN;
    for (int i = 0; i + 1 < CHAIN; i++) {
        float cx = 648 + step * ((float)i + 0.5f), cy = 168;
        d_line(u, cx, cy, cx + step, cy, 4, C(UI_COL_LINE));
    }
    for (int i = 0; i < CHAIN; i++) {
        float cx = 648 + step * ((float)i + 0.5f), cy = 168;
        if ((int)p->step > i) {
            w_badge(u, cx, cy, 28, UI_FB_GOOD);
        } else if ((int)p->step == i) {
            d_circle(u, cx, cy, 32, C(UI_COL_PRIMARY));
            icon_draw(u, pack_icon((pack_step)i), R((int)cx - 20, (int)cy - 20, 40, 40),
                      C(UI_COL_ON_PRIMARY), C(UI_COL_PRIMARY));
        } else {
            d_circle(u, cx, cy, 26, C(UI_COL_PANEL));
            icon_draw(u, pack_icon((pack_step)i), R((int)cx - 16, (int)cy - 16, 32, 32),
                      C(UI_COL_MUTED), C(UI_COL_PANEL));
        }
    }
    int s = (int)p->step;
    if (s < 0 || s >= PACK_STEP_COUNT)
        s = PACK_STEP_DONE;
    if (p->step == PACK_STEP_CHOOSE_BOX)
        d_tr1(u, pack_ids[s], p->box_type, R(672, 214, 560, 140), 36, true, C(UI_COL_ON_CALM),
              AL_CENTRE);
    else
        d_tr(u, pack_ids[s], R(672, 214, 560, 140), 36, true, C(UI_COL_ON_CALM), AL_CENTRE);
}

/* Steps with a wide button at the bottom (start, closed, done) get shorter cards. */
static bool wide_button(const ui_pack_view *p)
{
    return (p->step == PACK_STEP_SCAN_ORDER && !p->scan_order) || p->step == PACK_STEP_CLOSE ||
           p->step == PACK_STEP_DONE;
}

/* Print, scan-label and close steps: the printed label as a picture (the virtual printer's PNG)
 * in the box card's place, so the trainee sees the label to scan and stick on. False when there
 * is none. */
static bool label_card(ui *u, const ui_pack_view *p)
{
    if (!p->label_png[0] || (p->step != PACK_STEP_PRINT && p->step != PACK_STEP_VERIFY_LABEL &&
                             p->step != PACK_STEP_CLOSE))
        return false;
    ui_rect card = R(648, 380, 296, wide_button(p) ? 170 : 306);
    w_card(u, card, C(UI_COL_PANEL));
    return d_image_file(u, p->label_png, R(card.x + 12, card.y + 12, card.w - 24, card.h - 24));
}

static void box_card(ui *u, const ui_pack_view *p)
{
    if (label_card(u, p))
        return;
    bool short_card = wide_button(p);
    ui_rect card = R(648, 380, 296, short_card ? 170 : 306);
    w_card(u, card, C(UI_COL_PANEL));
    /* the box's name over the card's width (a long one, "ENVELOP", has room), the box below it
       drawn to scale: the longest side of an L box (400 mm) fills the picture */
    d_text_ltr(u, p->box_type, R(card.x + 16, card.y + 12, card.w - 32, 64), 56, true,
               C(UI_COL_TEXT), AL_CENTRE);
    int top = card.y + 82, bottom = short_card ? card.y + card.h - 12 : card.y + 186;
    uint32_t big = p->box_l_mm > p->box_w_mm ? p->box_l_mm : p->box_w_mm;
    int side = big ? (int)(44 + 60 * (big > 400 ? 400 : big) / 400) : 90;
    if (side > bottom - top)
        side = bottom - top;
    icon_draw(u, ICON_BOX, R(card.x + (card.w - side) / 2, top + (bottom - top - side) / 2, side, side),
              C(UI_COL_TEXT), C(UI_COL_PANEL));
    if (p->step == PACK_STEP_CHOOSE_BOX) {
        w_button(u, R(card.x + 16, card.y + 190, card.w - 32, 100), "confirm-box", ICON_CHECK,
                 "pack.box_ok", ST_PRIMARY);
    } else if (!short_card) {
        char dims[48];
        snprintf(dims, sizeof dims, "%u×%u×%u cm", p->box_l_mm / 10, p->box_w_mm / 10,
                 p->box_h_mm / 10);
        d_text_ltr(u, dims, R(card.x + 16, card.y + 200, card.w - 32, 60), 24, false,
                   C(UI_COL_MUTED), AL_CENTRE);
    }
}

static void print_card(ui *u, const ui_pack_view *p)
{
    ui_rect card = R(960, 380, 296, wide_button(p) ? 170 : 306);
    w_card(u, card, C(UI_COL_PANEL));
    icon_draw(u, p->print == UI_PRINT_DONE ? ICON_LABEL : ICON_PRINTER,
              R(card.x + 20, card.y + 24, 110, 110), C(UI_COL_TEXT), C(UI_COL_PANEL));
    static const char *const ids[] = {"pack.print_not_yet", "pack.printing", "pack.printed",
                                      "pack.print_failed"};
    static const ui_feedback fbs[] = {UI_FB_NONE, UI_FB_NONE, UI_FB_GOOD, UI_FB_ATTENTION};
    int k = (int)p->print;
    if (k < 0 || k > UI_PRINT_FAILED)
        k = 0;
    if (k != UI_PRINT_NOT_YET)
        w_badge(u, (float)card.x + 112, (float)card.y + 120, 24, fbs[k]);
    d_tr(u, ids[k], R(card.x + 140, card.y + 20, card.w - 156, 130), 24, true, C(UI_COL_TEXT),
         AL_START);
    bool printed_once = p->print != UI_PRINT_NOT_YET;
    if (printed_once && (p->step == PACK_STEP_PRINT || p->step == PACK_STEP_VERIFY_LABEL) &&
        p->print != UI_PRINT_PRINTING)
        w_button(u, R(card.x + 16, card.y + 190, card.w - 32, 100), "reprint", ICON_PRINTER,
                 "pack.reprint_button", ST_SECONDARY);
}

void screen_pack(ui *u, const kiosk_view *v)
{
    const ui_pack_view *p = &v->pack;
    char text[128];
    ui_msg m;
    ui_msg_set(&m, "pack.title", p->tote, NULL, NULL);
    ui_tr_format(&u->tr, u->lang, &m, text, sizeof text);
    w_headline(u, R(24, 16, 330, 94), ICON_BOX, text, 30);
    w_help_button(u);
    w_feedback(u, v);
    checklist(u, p);
    steps(u, p);
    box_card(u, p);
    print_card(u, p);
    if (p->step == PACK_STEP_SCAN_ORDER && !p->scan_order)
        w_button(u, R(648, 566, 608, 120), "start", ICON_ARROW, "pack.start", ST_PRIMARY);
    else if (p->step == PACK_STEP_CLOSE)
        w_button(u, R(648, 566, 608, 120), "close", ICON_CHECK, "pack.closed", ST_PRIMARY);
    else if (p->step == PACK_STEP_DONE)
        w_button(u, R(648, 566, 608, 120), "done", ICON_CHECK, "pack.finish", ST_GOOD);
}
