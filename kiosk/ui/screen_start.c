/* The start screen (scan your badge, the language buttons, and the name list as a fallback when
 * the hub allows a PIN) and the PIN pad screen. */
#include <stdio.h>
#include <string.h>

#include "kiosk/ui/screens.h"

static const char *const lang_names[CAT_LANG_COUNT] = {"Nederlands", "Français", "English",
                                                       "العربية"};

static void languages(ui *u)
{
    for (int l = 0; l < CAT_LANG_COUNT; l++) {
        char action[32];
        snprintf(action, sizeof action, "lang:%s", catalogue_lang_code((catalogue_lang)l));
        w_button_text(u, R(424 + l * 212, 16, 200, 94), action, ICON_COUNT, lang_names[l],
                      (int)u->lang == l ? ST_PRIMARY : ST_SECONDARY, 26);
    }
}

/* A person's face: the photo, or a circle with the first letter of the name. */
static void face(ui *u, ui_rect r, const ui_person *p)
{
    d_circle(u, (float)r.x + (float)r.w / 2, (float)r.y + (float)r.h / 2, (float)r.w / 2,
             C(UI_COL_CALM));
    if (d_image(u, p->photo, r))
        return;
    char first[8] = {0};
    size_t n = 1;
    while (p->name[n] && ((unsigned char)p->name[n] & 0xC0) == 0x80 && n < 4)
        n++;
    memcpy(first, p->name, n);
    d_text(u, first, r, r.h / 2, true, C(UI_COL_PRIMARY), AL_CENTRE);
}

void screen_start(ui *u, const kiosk_view *v)
{
    const ui_start_view *s = &v->start;
    d_tr(u, "start.welcome", R(24, 16, 390, 94), 44, true, C(UI_COL_TEXT), AL_START);
    languages(u);
    bool list = s->pin_allowed && s->person_count > 0;
    ui_rect card = list ? R(24, 130, 600, 550) : R(240, 130, 800, 550);
    w_card(u, card, C(UI_COL_PANEL));
    d_tr(u, "start.scan_badge", R(card.x + 30, card.y + 24, card.w - 60, 110), 46, true,
         C(UI_COL_TEXT), AL_CENTRE);
    int cx = card.x + card.w / 2;
    icon_draw(u, ICON_SCAN, R(cx - 240, card.y + 190, 210, 210), C(UI_COL_TEXT), C(UI_COL_PANEL));
    icon_draw(u, ICON_BADGE, R(cx, card.y + 170, 230, 230), C(UI_COL_PRIMARY), C(UI_COL_PANEL));
    d_tr(u, "start.scan_badge_hint", R(card.x + 30, card.y + 430, card.w - 60, 100), 28, false,
         C(UI_COL_MUTED), AL_CENTRE);
    if (!list)
        return;
    d_tr(u, "start.no_badge", R(660, 130, 596, 60), 30, true, C(UI_COL_TEXT), AL_START);
    size_t n = s->person_count < 5 ? s->person_count : 5;
    for (size_t i = 0; i < n; i++) {
        const ui_person *p = &s->people[i];
        ui_rect b = R(660, 198 + (int)i * 98, 596, 90);
        char action[UI_CODE_MAX + 16];
        snprintf(action, sizeof action, "trainee:%s", p->id);
        w_button_text(u, b, action, ICON_COUNT, NULL, ST_SECONDARY, 30);
        face(u, R(b.x + 12, b.y + 7, 76, 76), p);
        d_text(u, p->name, R(b.x + 108, b.y, b.w - 124, b.h), 32, true, C(UI_COL_TEXT), AL_START);
    }
}

void screen_pin(ui *u, const kiosk_view *v)
{
    const ui_start_view *s = &v->start;
    w_button(u, R(24, 16, 240, 94), "back", ICON_UNDO, "common.back", ST_SECONDARY);
    w_card(u, R(24, 130, 560, 550), C(UI_COL_PANEL));
    face(u, R(224, 160, 160, 160), &s->chosen);
    d_text(u, s->chosen.name, R(44, 330, 520, 70), 40, true, C(UI_COL_TEXT), AL_CENTRE);
    d_tr(u, "pin.type_code", R(44, 400, 520, 70), 30, false, C(UI_COL_TEXT), AL_CENTRE);
    unsigned len = s->pin_len > UI_PIN_MAX ? UI_PIN_MAX : s->pin_len;
    unsigned shown = len > 4 ? len : 4;
    for (unsigned i = 0; i < shown; i++) {
        float x = 304.0f - (float)shown * 23.0f + 23.0f + (float)i * 46.0f;
        if (i < len)
            d_circle(u, x, 510, 16, C(UI_COL_PRIMARY));
        else
            d_ring(u, x, 510, 16, 3, C(UI_COL_LINE));
    }
    if (s->pin_wrong) {
        w_card(u, R(44, 560, 520, 100), C(UI_COL_ATTN));
        w_badge(u, 94, 610, 30, UI_FB_ATTENTION);
        if (v->headline.id[0])   /* why, for a staff PIN: tries left, or the lock's time left */
            d_msg(u, &v->headline, R(140, 564, 410, 92), 26, true, C(UI_COL_ON_ATTN), AL_START);
        else
            d_tr(u, "pin.wrong", R(140, 564, 410, 92), 26, true, C(UI_COL_ON_ATTN), AL_START);
    }
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", "ok"};
    for (int k = 0; k < 12; k++) {
        ui_rect b = R(660 + (k % 3) * 200, 130 + (k / 3) * 140, 184, 124);
        char action[32];
        if (k == 9) {
            w_button(u, b, "pin:back", ICON_UNDO, NULL, ST_SECONDARY);
        } else if (k == 11) {
            w_button(u, b, "pin:ok", ICON_CHECK, NULL, ST_PRIMARY);
        } else {
            snprintf(action, sizeof action, "pin:%s", keys[k]);
            w_button_text(u, b, action, ICON_COUNT, keys[k], ST_SECONDARY, 54);
        }
    }
}
