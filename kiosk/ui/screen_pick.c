/* The pick step: the instruction with its picture, the sub-steps (go, scan the place, scan the
 * product, count, put in the tote), the location code huge with the floor map, the product's
 * photo and name, the quantity as digits and as that many small pictures, the order's progress
 * dots, the cluster slot, and the buttons the step allows. */
#include <stdio.h>

#include "kiosk/ui/screens.h"

enum { QTY_PICTURES_MAX = 12 };

static ui_icon step_icon(pick_step s)
{
    switch (s) {
    case PICK_STEP_GO_TO_LOCATION: return ICON_WALK;
    case PICK_STEP_SCAN_LOCATION: return ICON_LOCATION;
    case PICK_STEP_SCAN_ITEM: return ICON_SCAN;
    case PICK_STEP_QUANTITY: return ICON_QTY;
    case PICK_STEP_PUT: return ICON_HAND_PUT;
    case PICK_STEP_EMPTY_CHECK: return ICON_EMPTY_SHELF;
    default: return ICON_ARROW;
    }
}

static void instruction(ui *u, const ui_pick_view *p, char *out, size_t cap)
{
    char a[32], b[32];
    ui_msg m;
    snprintf(a, sizeof a, "%u", p->qty);
    switch (p->step) {
    case PICK_STEP_GO_TO_LOCATION: ui_msg_set(&m, "pick.go_to_location", p->location.code, NULL, NULL); break;
    case PICK_STEP_SCAN_LOCATION: ui_msg_set(&m, "pick.scan_location", p->location.code, NULL, NULL); break;
    case PICK_STEP_SCAN_ITEM: ui_msg_set(&m, "pick.scan_item", NULL, NULL, NULL); break;
    case PICK_STEP_QUANTITY:
        if (p->qty_prefilled) {
            ui_msg_set(&m, "pick.take_confirm", a, NULL, NULL);
        } else if (p->qty_typed) {
            ui_msg_set(&m, "pick.count", NULL, NULL, NULL);
        } else {
            snprintf(b, sizeof b, "%u", p->picked + 1 <= p->qty ? p->picked + 1 : p->qty);
            ui_msg_set(&m, "pick.scan_each", b, a, NULL);
        }
        break;
    case PICK_STEP_PUT:
        if (p->slot_count > 1) {
            snprintf(b, sizeof b, "%u", p->slot + 1);
            ui_msg_set(&m, "pick.put_in_slot", b, NULL, NULL);
        } else {
            ui_msg_set(&m, p->scan_tote ? "pick.put_scan_tote" : "pick.put_in_tote", NULL, NULL, NULL);
        }
        break;
    case PICK_STEP_EMPTY_CHECK: ui_msg_set(&m, "pick.empty_check", NULL, NULL, NULL); break;
    default: ui_msg_set(&m, "pick.get_work", NULL, NULL, NULL); break;
    }
    ui_tr_format(&u->tr, u->lang, &m, out, cap);
}

/* The sub-steps as a chain of small pictures: done (check), current (filled), to come (ring). */
static void substeps(ui *u, ui_rect r, const ui_pick_view *p)
{
    pick_step chain[5];
    int n = 0;
    chain[n++] = PICK_STEP_GO_TO_LOCATION;
    if (p->scan_location)
        chain[n++] = PICK_STEP_SCAN_LOCATION;
    chain[n++] = PICK_STEP_SCAN_ITEM;
    chain[n++] = PICK_STEP_QUANTITY;
    chain[n++] = PICK_STEP_PUT;
    pick_step cur = p->step == PICK_STEP_EMPTY_CHECK ? PICK_STEP_PUT : p->step;
    float step = (float)r.w / (float)n, cy = (float)r.y + (float)r.h / 2;
    for (int i = 0; i + 1 < n; i++)
        d_line(u, (float)r.x + step * ((float)i + 0.5f), cy, (float)r.x + step * ((float)i + 1.5f),
               cy, 4, C(UI_COL_LINE));
    for (int i = 0; i < n; i++) {
        float cx = (float)r.x + step * ((float)i + 0.5f);
        bool done = chain[i] < cur, now = chain[i] == cur;
        float rad = now ? 30 : 24;
        if (now) {
            d_circle(u, cx, cy, rad, C(UI_COL_PRIMARY));
            icon_draw(u, step_icon(chain[i]), R((int)(cx - 18), (int)(cy - 18), 36, 36),
                      C(UI_COL_ON_PRIMARY), C(UI_COL_PRIMARY));
        } else if (done) {
            w_badge(u, cx, cy, rad, UI_FB_GOOD);
        } else {
            d_circle(u, cx, cy, rad, C(UI_COL_PANEL));
            d_ring(u, cx, cy, rad, 3, C(UI_COL_LINE));
            icon_draw(u, step_icon(chain[i]), R((int)(cx - 14), (int)(cy - 14), 28, 28),
                      C(UI_COL_MUTED), C(UI_COL_PANEL));
        }
    }
}

/* The quantity as that many small pictures (at most QTY_PICTURES_MAX, then "+n"); the ones
 * already picked are filled and checked. */
static void qty_pictures(ui *u, ui_rect r, unsigned qty, unsigned picked)
{
    unsigned shown = qty > QTY_PICTURES_MAX ? QTY_PICTURES_MAX - 1 : qty;
    int size = 42, gap = 6;
    for (unsigned i = 0; i < shown; i++) {
        ui_rect b = R(r.x + (int)i * (size + gap), r.y + (r.h - size) / 2, size, size);
        if (i < picked) {
            d_round(u, b, 8, C(UI_COL_GOOD));
            icon_draw(u, ICON_CHECK, R(b.x + 6, b.y + 6, size - 12, size - 12), C(UI_COL_ON_GOOD),
                      C(UI_COL_GOOD));
        } else {
            d_round(u, b, 8, C(UI_COL_CALM));
            icon_draw(u, ICON_ITEM, R(b.x + 5, b.y + 5, size - 10, size - 10), C(UI_COL_PRIMARY),
                      C(UI_COL_CALM));
        }
    }
    if (qty > shown) {
        char more[32];
        snprintf(more, sizeof more, "+%u", qty - shown);
        d_text_ltr(u, more, R(r.x + (int)shown * (size + gap), r.y, 70, r.h), 28, true,
                   C(UI_COL_TEXT), AL_START);
    }
}

static void header(ui *u, const kiosk_view *v)
{
    const ui_pick_view *p = &v->pick;
    w_dots(u, R(24, 18, 330, 46), p->lines, p->line_count);
    if (p->norm_seconds) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%u:%02u", p->elapsed_seconds / 60, p->elapsed_seconds % 60);
        snprintf(b, sizeof b, "%u:%02u", p->norm_seconds / 60, p->norm_seconds % 60);
        ui_msg m;
        ui_msg_set(&m, "pick.time_norm", a, b, NULL);
        d_msg(u, &m, R(24, 66, 330, 40), 22, false, C(UI_COL_MUTED), AL_START);
    }
    w_help_button(u);
    if (v->feedback != UI_FB_NONE) {
        w_feedback(u, v);
    } else if (p->suggest_help) {
        w_card(u, R(360, 16, 640, 94), C(UI_COL_CALM));
        icon_draw(u, ICON_HELP, R(380, 28, 70, 70), C(UI_COL_PRIMARY), C(UI_COL_CALM));
        d_tr(u, "pick.suggest_help", R(466, 20, 520, 86), 26, true, C(UI_COL_ON_CALM), AL_START);
    }
}

static void buttons(ui *u, const ui_pick_view *p)
{
    bool two = p->step == PICK_STEP_SCAN_ITEM || (p->step == PICK_STEP_QUANTITY && !p->qty_typed &&
                                                  !p->qty_prefilled);
    ui_rect slots[2] = {R(640, 566, two ? 300 : 196, 120), R(956, 566, 300, 120)};
    char a[32];
    switch (p->step) {
    case PICK_STEP_GO_TO_LOCATION:
        if (!p->scan_location)
            w_button(u, R(850, 566, 406, 120), "arrived", ICON_CHECK, "pick.arrived", ST_PRIMARY);
        break;
    case PICK_STEP_SCAN_LOCATION:
        break;
    case PICK_STEP_SCAN_ITEM:
        w_button(u, slots[0], "short", ICON_EMPTY_SHELF, "pick.short", ST_SECONDARY);
        if (p->can_undo)
            w_button(u, slots[1], "undo", ICON_UNDO, "pick.undo", ST_SECONDARY);
        break;
    case PICK_STEP_QUANTITY:
        w_button(u, slots[0], "short", ICON_EMPTY_SHELF, "pick.short", ST_SECONDARY);
        if (p->qty_typed && !p->qty_prefilled) {
            w_button_text(u, R(850, 566, 96, 120), "qty:minus", ICON_COUNT, "–", ST_SECONDARY, 60);
            snprintf(a, sizeof a, "%u", p->typed);
            d_text_ltr(u, a, R(946, 566, 104, 120), 64, true, C(UI_COL_TEXT), AL_CENTRE);
            w_button_text(u, R(1050, 566, 96, 120), "qty:plus", ICON_COUNT, "+", ST_SECONDARY, 60);
            w_button(u, R(1156, 566, 100, 120), "confirm", ICON_CHECK, NULL, ST_PRIMARY);
        } else if (p->qty_prefilled) {
            snprintf(a, sizeof a, "%u", p->qty);
            w_button_text(u, R(850, 566, 406, 120), "confirm", ICON_CHECK, a, ST_PRIMARY, 48);
        } else if (p->can_undo) {
            w_button(u, slots[1], "undo", ICON_UNDO, "pick.undo", ST_SECONDARY);
        }
        break;
    case PICK_STEP_PUT:
        if (!p->scan_tote)
            w_button(u, R(850, 566, 406, 120), "confirm", ICON_CHECK, "pick.put_done", ST_PRIMARY);
        break;
    case PICK_STEP_EMPTY_CHECK:
        w_button(u, R(640, 566, 300, 120), "empty:yes", ICON_EMPTY_SHELF, "pick.empty_yes", ST_SECONDARY);
        w_button(u, R(956, 566, 300, 120), "empty:no", ICON_ITEM, "pick.empty_no", ST_SECONDARY);
        break;
    default:
        break;
    }
}

void screen_pick(ui *u, const kiosk_view *v)
{
    const ui_pick_view *p = &v->pick;
    header(u, v);

    /* left: what to do, where */
    char text[256];
    instruction(u, p, text, sizeof text);
    w_card(u, R(24, 124, 592, 150), C(UI_COL_CALM));
    d_circle(u, 104, 199, 60, C(UI_COL_PANEL));
    icon_draw(u, step_icon(p->step), R(64, 159, 80, 80), C(UI_COL_PRIMARY), C(UI_COL_PANEL));
    d_text(u, text, R(184, 130, 416, 138), 34, true, C(UI_COL_ON_CALM), AL_START);
    substeps(u, R(24, 284, 592, 64), p);
    w_card(u, R(24, 358, 592, 150), C(UI_COL_PANEL));
    icon_draw(u, ICON_LOCATION, R(44, 388, 90, 90), C(UI_COL_MUTED), C(UI_COL_PANEL));
    d_text_ltr(u, p->location.code, R(150, 362, 446, 142), 112, true, C(UI_COL_TEXT), AL_CENTRE);
    w_floor_map(u, R(24, 518, 592, 168), &v->map, &p->location, p->highlight);

    /* right: what, how many */
    w_card(u, R(640, 124, 616, 426), C(UI_COL_PANEL));
    ui_rect photo = R(656, 140, 270, 270);
    if (p->photo_shown) {
        w_item_photo(u, photo, &p->item);
    } else {
        w_button(u, R(656, 200, 270, 150), "photo", ICON_PHOTO, "pick.show_photo", ST_CALM);
    }
    d_text(u, p->item.name, R(944, 140, 296, 130), 30, true, C(UI_COL_TEXT), AL_START);
    char qty[32];
    snprintf(qty, sizeof qty, "%u×", p->qty);
    d_text_ltr(u, qty, R(944, 270, 200, 140), 110, true, C(UI_COL_PRIMARY), AL_START);
    qty_pictures(u, R(664, 426, 580, 60), p->qty, p->picked);
    if (p->slot_count > 1) {
        char slot[32];
        snprintf(slot, sizeof slot, "%u", p->slot + 1);
        d_round(u, R(1150, 290, 90, 110), 12, C(UI_COL_PRIMARY));
        icon_draw(u, ICON_TOTE, R(1165, 294, 60, 50), C(UI_COL_ON_PRIMARY), C(UI_COL_PRIMARY));
        d_text_ltr(u, slot, R(1150, 340, 90, 58), 44, true, C(UI_COL_ON_PRIMARY), AL_CENTRE);
    }
    ui_msg prog;
    char a[32], b[32];
    snprintf(a, sizeof a, "%u", p->picked);
    snprintf(b, sizeof b, "%u", p->qty);
    ui_msg_set(&prog, "pick.picked_of", a, b, NULL);
    d_msg(u, &prog, R(664, 492, 580, 44), 24, false, C(UI_COL_MUTED), AL_START);
    buttons(u, p);
}
