/* The shared widgets declared in widgets.h. */
#include <stdio.h>
#include <string.h>

#include "kiosk/ui/widgets.h"

static void style_colours(ui_style st, ui_colour *bg, ui_colour *fg)
{
    switch (st) {
    case ST_PRIMARY: *bg = C(UI_COL_PRIMARY); *fg = C(UI_COL_ON_PRIMARY); break;
    case ST_GOOD: *bg = C(UI_COL_GOOD); *fg = C(UI_COL_ON_GOOD); break;
    case ST_ATTN: *bg = C(UI_COL_ATTN); *fg = C(UI_COL_ON_ATTN); break;
    case ST_CALM: *bg = C(UI_COL_CALM); *fg = C(UI_COL_ON_CALM); break;
    case ST_SECONDARY:
    default: *bg = C(UI_COL_PANEL); *fg = C(UI_COL_TEXT); break;
    }
}

static void button_frame(ui *u, ui_rect r, ui_style style, ui_colour *fg, ui_colour *bg)
{
    style_colours(style, bg, fg);
    ui_colour shadow = col_mix(C(UI_COL_BG), C(UI_COL_TEXT), 18);
    d_shadow(u, r, 18, 4, shadow);
    d_round(u, r, 18, *bg);
    if (style == ST_SECONDARY)
        d_round_outline(u, r, 18, 3, C(UI_COL_LINE));
}

void w_button_text(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text,
                   ui_style style, int size)
{
    ui_colour fg, bg;
    button_frame(u, r, style, &fg, &bg);
    int pad = 16;
    int isz = r.h - 2 * pad;
    if (isz > 72)
        isz = 72;
    if (icon != ICON_COUNT && text && text[0]) {
        icon_draw(u, icon, R(r.x + pad, r.y + (r.h - isz) / 2, isz, isz), fg, bg);
        d_text(u, text, R(r.x + 2 * pad + isz, r.y + 6, r.w - 3 * pad - isz, r.h - 12), size,
               true, fg, AL_START);
    } else if (icon != ICON_COUNT) {
        icon_draw(u, icon, R(r.x + (r.w - isz) / 2, r.y + (r.h - isz) / 2, isz, isz), fg, bg);
    } else if (text) {
        d_text(u, text, R(r.x + pad, r.y + 4, r.w - 2 * pad, r.h - 8), size, true, fg,
               AL_CENTRE);
    }
    d_hit(u, r, action);
}

void w_button(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
              ui_style style)
{
    w_button_text(u, r, action, icon, text_id ? tr(u, text_id) : NULL, style, 28);
}

void w_tile(ui *u, ui_rect r, const char *action, ui_icon icon, const char *text_id,
            ui_style style)
{
    ui_colour fg, bg;
    button_frame(u, r, style, &fg, &bg);
    int text_h = 70;
    int isz = r.h - text_h - 36;
    if (isz > r.w - 40)
        isz = r.w - 40;
    icon_draw(u, icon, R(r.x + (r.w - isz) / 2, r.y + 20, isz, isz), fg, bg);
    d_tr(u, text_id, R(r.x + 12, r.y + r.h - text_h - 10, r.w - 24, text_h), 30, true, fg,
         AL_CENTRE);
    d_hit(u, r, action);
}

void w_card(ui *u, ui_rect r, ui_colour fill)
{
    d_shadow(u, r, 22, 3, col_mix(C(UI_COL_BG), C(UI_COL_LINE), 40));
    d_round(u, r, 22, fill);
}

void w_badge(ui *u, float cx, float cy, float rad, ui_feedback kind)
{
    ui_rect box = R((int)(cx - rad * 0.62f), (int)(cy - rad * 0.62f), (int)(rad * 1.24f),
                    (int)(rad * 1.24f));
    switch (kind) {
    case UI_FB_GOOD:
        d_circle(u, cx, cy, rad, C(UI_COL_GOOD));
        icon_draw(u, ICON_CHECK, box, C(UI_COL_ON_GOOD), C(UI_COL_GOOD));
        break;
    case UI_FB_BAD:
        d_circle(u, cx, cy, rad, C(UI_COL_ATTN));
        d_ring(u, cx, cy, rad, rad * 0.08f, C(UI_COL_TEXT));
        icon_draw(u, ICON_CROSS, box, C(UI_COL_ON_ATTN), C(UI_COL_ATTN));
        break;
    case UI_FB_ATTENTION:
        d_circle(u, cx, cy, rad, C(UI_COL_ATTN));
        d_ring(u, cx, cy, rad, rad * 0.08f, C(UI_COL_TEXT));
        d_line(u, cx, cy - rad * 0.5f, cx, cy + rad * 0.12f, rad * 0.22f, C(UI_COL_ON_ATTN));
        d_circle(u, cx, cy + rad * 0.45f, rad * 0.13f, C(UI_COL_ON_ATTN));
        break;
    case UI_FB_NONE:
    default:
        d_ring(u, cx, cy, rad, rad * 0.12f, C(UI_COL_LINE));
        break;
    }
}

void w_headline(ui *u, ui_rect r, ui_icon icon, const char *text, int size)
{
    int d = r.h < 110 ? r.h : 110;
    d_circle(u, (float)r.x + (float)d / 2, (float)r.y + (float)r.h / 2, (float)d / 2,
             C(UI_COL_CALM));
    icon_draw(u, icon, R(r.x + d / 5, r.y + (r.h - d) / 2 + d / 5, d * 3 / 5, d * 3 / 5),
              C(UI_COL_PRIMARY), C(UI_COL_CALM));
    d_text(u, text, R(r.x + d + 20, r.y, r.w - d - 20, r.h), size, true, C(UI_COL_TEXT),
           AL_START);
}

void w_help_button(ui *u)
{
    w_button(u, R(1030, 16, 234, 94), "help", ICON_HELP, "common.call_coach", ST_CALM);
}

void w_dots(ui *u, ui_rect r, const ui_line_state *lines, unsigned count)
{
    if (!count)
        return;
    if (count > UI_LINES_MAX)
        count = UI_LINES_MAX;
    float step = (float)r.w / (float)count;
    if (step > 52)
        step = 52;
    float rad = step * 0.36f;
    if (rad > 17)
        rad = 17;
    float cy = (float)r.y + (float)r.h / 2;
    for (unsigned i = 0; i < count; i++) {
        float cx = (float)r.x + step * ((float)i + 0.5f);
        switch (lines[i]) {
        case UI_LINE_DONE: w_badge(u, cx, cy, rad, UI_FB_GOOD); break;
        case UI_LINE_SHORT: w_badge(u, cx, cy, rad, UI_FB_ATTENTION); break;
        case UI_LINE_CURRENT:
            d_circle(u, cx, cy, rad + 4, C(UI_COL_PRIMARY));
            d_circle(u, cx, cy, rad * 0.45f, C(UI_COL_ON_PRIMARY));
            break;
        case UI_LINE_SKIPPED:
            d_ring(u, cx, cy, rad, rad * 0.14f, C(UI_COL_MUTED));
            icon_draw(u, ICON_ARROW, R((int)(cx - rad / 2), (int)(cy - rad / 2), (int)rad, (int)rad),
                      C(UI_COL_MUTED), C(UI_COL_BG));
            break;
        case UI_LINE_TODO:
        default: d_ring(u, cx, cy, rad, rad * 0.14f, C(UI_COL_LINE)); break;
        }
    }
}

void w_level_steps(ui *u, ui_rect r, unsigned level, unsigned count)
{
    if (!count)
        return;
    float w = (float)r.w / (float)count;
    for (unsigned i = 0; i < count; i++) {
        float h = (float)r.h * 0.3f + (float)r.h * 0.55f * (float)(i + 1) / (float)count;
        ui_rect b = R((int)((float)r.x + w * (float)i + 4), (int)((float)(r.y + r.h) - h),
                      (int)(w - 8), (int)h);
        if (i + 1 <= level) {
            d_round(u, b, 8, C(UI_COL_PRIMARY));
        } else {
            d_round(u, b, 8, C(UI_COL_PANEL));
            d_round_outline(u, b, 8, 3, C(UI_COL_LINE));
        }
        char num[32];
        snprintf(num, sizeof num, "%u", i + 1);
        d_text_ltr(u, num, R(b.x, b.y + b.h - 44, b.w, 40), 24, true,
                   i + 1 <= level ? C(UI_COL_ON_PRIMARY) : C(UI_COL_MUTED), AL_CENTRE);
        if (i + 1 == level) {
            int s = (int)(w * 0.6f);
            if (s > 48)
                s = 48;
            icon_draw(u, ICON_STAR, R(b.x + (b.w - s) / 2, b.y - s - 4, s, s), C(UI_COL_PRIMARY),
                      C(UI_COL_BG));
        }
    }
}

void w_item_photo(ui *u, ui_rect r, const ui_item *item)
{
    w_card(u, r, C(UI_COL_PANEL));
    ui_rect in = R(r.x + 12, r.y + 12, r.w - 24, r.h - 24);
    if (!item || !d_image(u, item->photo, in))
        icon_draw(u, ICON_ITEM, R(in.x + in.w / 4, in.y + in.h / 4, in.w / 2, in.h / 2),
                  C(UI_COL_MUTED), C(UI_COL_PANEL));
}

void w_floor_map(ui *u, ui_rect r, const ui_floor_map *map, const ui_location *loc,
                 bool highlight)
{
    w_card(u, r, C(UI_COL_PANEL));
    if (!map || !map->width || !map->height)
        return;
    /* a floor plan is a place, not text: it is never mirrored */
    ui_rect m = d_mirror(u, r);
    bool rtl = u->rtl;
    u->rtl = false;
    ui_rect in = R(m.x + 14, m.y + 14, m.w - 28, m.h - 28);
    float sx = (float)in.w / (float)map->width, sy = (float)in.h / (float)map->height;
    for (size_t z = 0; z < map->zone_count; z++) {
        const ui_zone *zn = &map->zones[z];
        ui_rect zr = R(in.x + (int)((float)zn->x0 * sx), in.y + (int)((float)zn->y0 * sy),
                       (int)((float)(zn->x1 - zn->x0) * sx), (int)((float)(zn->y1 - zn->y0) * sy));
        bool here = loc && strcmp(loc->zone, zn->name) == 0;
        d_round(u, zr, 10, here ? C(UI_COL_CALM) : col_mix(C(UI_COL_PANEL), C(UI_COL_BAR), 70));
        if (here)
            d_round_outline(u, zr, 10, 3, C(UI_COL_PRIMARY));
        /* the zone letter at the end away from the spot */
        bool spot_low = here && loc->map_y * 2 > zn->y0 + zn->y1;
        int ly = spot_low ? zr.y + 2 : zr.y + zr.h - 42;
        d_text_ltr(u, zn->name, R(zr.x, ly, zr.w, 40), 30, true,
                   here ? C(UI_COL_PRIMARY) : C(UI_COL_MUTED), AL_CENTRE);
    }
    if (loc && loc->code[0]) {
        float cx = (float)in.x + (float)loc->map_x * sx, cy = (float)in.y + (float)loc->map_y * sy;
        if (highlight)
            d_circle(u, cx, cy, 22, col_mix(C(UI_COL_CALM), C(UI_COL_PRIMARY), 30));
        d_circle(u, cx, cy, 12, C(UI_COL_PRIMARY));
        d_circle(u, cx, cy, 5, C(UI_COL_ON_PRIMARY));
    }
    u->rtl = rtl;
}

static void device_slot(ui *u, ui_rect r, ui_icon icon, const ui_device *dev, const char *kind)
{
    static const char *const state_names[] = {"none", "ok", "busy", "attention", "lost"};
    icon_draw(u, icon, R(r.x, r.y + 14, 56, 56), C(UI_COL_TEXT), C(UI_COL_BAR));
    ui_feedback fb = UI_FB_NONE;
    switch (dev->state) {
    case UI_DEV_OK: fb = UI_FB_GOOD; break;
    case UI_DEV_ATTENTION: fb = UI_FB_ATTENTION; break;
    case UI_DEV_LOST: fb = UI_FB_BAD; break;
    default: break;
    }
    if (dev->state == UI_DEV_BUSY) {
        d_circle(u, (float)r.x + 62, (float)r.y + 70, 15, C(UI_COL_CALM));
        for (int i = -1; i <= 1; i++)
            d_circle(u, (float)r.x + 62 + (float)i * 7, (float)r.y + 70, 2.8f, C(UI_COL_TEXT));
    } else {
        w_badge(u, (float)r.x + 62, (float)r.y + 70, 15, fb);
    }
    char id[UI_MSG_ID_MAX + 1];
    if (dev->msg.id[0]) {
        d_msg(u, &dev->msg, R(r.x + 88, r.y + 4, r.w - 92, r.h - 8), 21, false, C(UI_COL_ON_BAR),
              AL_START);
    } else {
        snprintf(id, sizeof id, "device.%s.%s", kind, state_names[dev->state]);
        d_tr(u, id, R(r.x + 88, r.y + 4, r.w - 92, r.h - 8), 21, false, C(UI_COL_ON_BAR),
             AL_START);
    }
}

void w_device_bar(ui *u, const kiosk_view *v)
{
    d_rect(u, R(0, BAR_TOP, UI_LOGICAL_W, UI_LOGICAL_H - BAR_TOP), C(UI_COL_BAR));
    d_rect(u, R(0, BAR_TOP, UI_LOGICAL_W, 2), C(UI_COL_LINE));
    int x = 20;
    int slot_w = v->demo ? 380 : 600;
    if (v->scanner.state != UI_DEV_NONE) {
        device_slot(u, R(x, BAR_TOP + 6, slot_w, 90), ICON_SCAN, &v->scanner, "scanner");
        x += slot_w + 12;
    }
    if (v->printer.state != UI_DEV_NONE)
        device_slot(u, R(x, BAR_TOP + 6, slot_w, 90), ICON_PRINTER, &v->printer, "printer");
    if (v->demo) {
        ui_rect panel = R(800, BAR_TOP + 4, 472, 94);
        d_round(u, panel, 14, col_mix(C(UI_COL_BAR), C(UI_COL_CALM), 60));
        w_button(u, R(806, BAR_TOP + 5, 228, 92), "demo-scan-expected", ICON_CHECK,
                 "demo.scan_right", ST_GOOD);
        w_button(u, R(1040, BAR_TOP + 5, 228, 92), "demo-scan-wrong", ICON_CROSS,
                 "demo.scan_wrong", ST_SECONDARY);
    }
}

void w_feedback(ui *u, const kiosk_view *v)
{
    if (v->feedback == UI_FB_NONE)
        return;
    ui_rect r = R(360, 16, 640, 94);
    ui_colour bg = v->feedback == UI_FB_GOOD ? col_mix(C(UI_COL_PANEL), C(UI_COL_GOOD), 12)
                                             : C(UI_COL_ATTN);
    w_card(u, r, bg);
    w_badge(u, (float)r.x + 52, (float)r.y + 47, 34, v->feedback);
    const char *def = v->feedback == UI_FB_GOOD  ? "feedback.good"
                      : v->feedback == UI_FB_BAD ? "feedback.bad"
                                                 : "feedback.attention";
    if (v->feedback_msg.id[0])
        d_msg(u, &v->feedback_msg, R(r.x + 100, r.y + 4, r.w - 116, r.h - 8), 26, true,
              C(UI_COL_TEXT), AL_START);
    else
        d_tr(u, def, R(r.x + 100, r.y + 4, r.w - 116, r.h - 8), 28, true, C(UI_COL_TEXT),
             AL_START);
}
