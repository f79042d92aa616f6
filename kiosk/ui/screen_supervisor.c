/* The supervisor's pages: one trainee's settings (service level with the engine's suggestion and
 * its evidence, task kinds, drills, spoken instructions, language), the floor (kiosks and
 * trainees active, this kiosk's devices, the print queue) and setting up the practice warehouse
 * (set-up labels with how many were printed or failed, import the catalogue or orders from a
 * folder with the import report). */
#include <stdio.h>
#include <string.h>

#include "kiosk/ui/screens_staff.h"

void supervisor_page_trainee(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_SETTINGS, "staff.settings_title", s->trainee_name, NULL);
    /* the level: minus, the level, plus; the suggestion with its evidence */
    w_card(u, R(24, STAFF_TOP, 720, 330), C(UI_COL_PANEL));
    char a[16], b[16];
    snprintf(a, sizeof a, "%u", s->level);
    snprintf(b, sizeof b, "%u", s->level_count);
    ui_msg m;
    ui_msg_set(&m, "staff.level_of", a, b, NULL);
    w_button(u, R(44, STAFF_TOP + 20, 110, 100), "level:minus", ICON_MINUS, NULL, ST_SECONDARY);
    d_msg(u, &m, R(170, STAFF_TOP + 20, 404, 100), 34, true, C(UI_COL_TEXT), AL_CENTRE);
    w_button(u, R(614, STAFF_TOP + 20, 110, 100), "level:plus", ICON_PLUS, NULL, ST_SECONDARY);
    d_msg(u, &s->suggest, R(44, STAFF_TOP + 130, 440, 60), 26, true, C(UI_COL_TEXT), AL_START);
    d_text_ltr(u, s->suggest_why, R(44, STAFF_TOP + 190, 680, 130), 20, false, C(UI_COL_MUTED),
               AL_START);
    if (s->suggest_level && s->suggest_level != s->level)
        w_button(u, R(494, STAFF_TOP + 126, 230, 92), "level:suggested", ICON_CHECK,
                 "staff.apply", ST_PRIMARY);
    /* switches */
    const int x = 768, w = 488, h = 92, step = 100;
    staff_toggle(u, R(x, STAFF_TOP, w, h), "toggle:pick", ICON_SCAN, "staff.kind_pick", s->pick_on);
    staff_toggle(u, R(x, STAFF_TOP + step, w, h), "toggle:pack", ICON_BOX, "staff.kind_pack",
                 s->pack_on);
    staff_toggle(u, R(x, STAFF_TOP + 2 * step, w, h), "toggle:drills", ICON_DRILL, "staff.drills",
                 s->drills_on);
    staff_toggle(u, R(x, STAFF_TOP + 3 * step, w, h), "toggle:speech", ICON_SPEAK, "staff.speech",
                 s->speech_on);
    /* language: four buttons, the trainee's on */
    d_tr(u, "staff.language", R(24, STAFF_TOP + 350, 700, 50), 26, true, C(UI_COL_TEXT),
         AL_START);
    static const char *const langs[] = {"nl", "fr", "en", "ar"};
    static const char *const names[] = {"Nederlands", "Français", "English", "العربية"};
    for (int i = 0; i < 4; i++) {
        char action[16];
        snprintf(action, sizeof action, "tlang:%s", langs[i]);
        bool on = strcmp(s->language, langs[i]) == 0;
        ui_rect r = R(24 + i * 308, STAFF_TOP + 410, 296, 96);
        w_button_text(u, r, action, on ? ICON_CHECK : ICON_LANGUAGE, names[i],
                      on ? ST_PRIMARY : ST_SECONDARY, 28);
    }
}

void supervisor_page_floor(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_FLOOR, "staff.floor_title", NULL, NULL);
    d_tr(u, "staff.kiosks", R(24, STAFF_TOP, 760, 50), 28, true, C(UI_COL_TEXT), AL_START);
    size_t n = s->kiosk_count < 5 ? s->kiosk_count : 5;
    for (size_t i = 0; i < n; i++) {
        const ui_staff_kiosk *k = &s->kiosks[i];
        ui_rect r = R(24, STAFF_TOP + 56 + (int)i * 100, 760, 92);
        w_card(u, r, C(UI_COL_PANEL));
        w_badge(u, (float)r.x + 46, (float)r.y + 46, 26, k->active ? UI_FB_GOOD : UI_FB_NONE);
        d_text_ltr(u, k->id, R(r.x + 90, r.y + 6, 260, 80), 26, true, C(UI_COL_TEXT), AL_START);
        char mins[16];
        snprintf(mins, sizeof mins, "%u", k->minutes_ago);
        ui_msg m;
        if (k->trainee[0])
            ui_msg_set(&m, k->active ? "staff.kiosk_active" : "staff.kiosk_idle", k->trainee, mins,
                       NULL);
        else
            ui_msg_set(&m, "staff.kiosk_idle_none", mins, NULL, NULL);
        d_msg(u, &m, R(r.x + 360, r.y + 6, 384, 80), 22, false, C(UI_COL_TEXT), AL_START);
    }
    if (!n)
        d_tr(u, "staff.no_kiosks", R(24, STAFF_TOP + 60, 760, 80), 26, false, C(UI_COL_MUTED),
             AL_START);
    /* this kiosk's devices and the print queue */
    w_card(u, R(808, STAFF_TOP, 448, 560), C(UI_COL_PANEL));
    d_tr(u, "staff.devices", R(828, STAFF_TOP + 8, 408, 50), 26, true, C(UI_COL_TEXT), AL_START);
    const ui_device *dev[2] = {&v->scanner, &v->printer};
    static const char *const what[2] = {"scanner", "printer"};
    static const char *const states[] = {"none", "ok", "busy", "attention", "lost"};
    for (int i = 0; i < 2; i++) {
        int y = STAFF_TOP + 64 + i * 90;
        ui_feedback fb = dev[i]->state == UI_DEV_OK     ? UI_FB_GOOD
                         : dev[i]->state == UI_DEV_BUSY ? UI_FB_NONE
                         : dev[i]->state == UI_DEV_NONE ? UI_FB_NONE
                                                        : UI_FB_ATTENTION;
        w_badge(u, 860, (float)y + 36, 26, fb);
        char id[48];
        if (dev[i]->msg.id[0])
            snprintf(id, sizeof id, "%s", dev[i]->msg.id);
        else
            snprintf(id, sizeof id, "device.%s.%s", what[i], states[dev[i]->state % 5]);
        d_tr(u, id, R(900, y, 340, 80), 20, false, C(UI_COL_TEXT), AL_START);
    }
    d_tr(u, "staff.print_queue", R(828, STAFF_TOP + 250, 408, 50), 26, true, C(UI_COL_TEXT),
         AL_START);
    size_t nj = s->job_count < UI_STAFF_ROWS ? s->job_count : UI_STAFF_ROWS;
    for (size_t i = 0; i < nj && i < 5; i++) {
        char line[64];
        snprintf(line, sizeof line, "#%llu  %s", s->jobs[i].id, s->jobs[i].state);
        d_text_ltr(u, line, R(840, STAFF_TOP + 306 + (int)i * 46, 390, 44), 22, false,
                   C(UI_COL_TEXT), AL_START);
    }
    if (!nj)
        d_tr(u, "staff.queue_empty", R(840, STAFF_TOP + 306, 390, 60), 22, false, C(UI_COL_MUTED),
             AL_START);
}

static const char *const label_kinds[UI_STAFF_LABEL_KINDS] = {"locations", "items", "totes",
                                                              "badges", "prompts"};
static const ui_icon label_icons[UI_STAFF_LABEL_KINDS] = {ICON_LOCATION, ICON_ITEM, ICON_TOTE,
                                                          ICON_BADGE, ICON_COACH};

void supervisor_page_setup(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_LABEL, "staff.setup_title", NULL, NULL);
    bool any = false;
    for (int i = 0; i < UI_STAFF_LABEL_KINDS; i++) {
        char action[32], id[48];
        snprintf(action, sizeof action, "labels:%s", label_kinds[i]);
        snprintf(id, sizeof id, "staff.labels_%s", label_kinds[i]);
        staff_toggle(u, R(24, STAFF_TOP + i * 94, 600, 90), action, label_icons[i], id,
                     s->labels[i]);
        any = any || s->labels[i];
    }
    ui_rect print = R(24, STAFF_TOP + 5 * 94, 600, 92);
    if (any)
        w_button(u, print, "print-labels", ICON_PRINTER, "staff.print_labels", ST_PRIMARY);
    else
        staff_disabled(u, print, ICON_PRINTER, "staff.print_labels");
    /* import from a folder */
    w_card(u, R(648, STAFF_TOP, 608, 560), C(UI_COL_PANEL));
    d_tr(u, "staff.import", R(668, STAFF_TOP + 8, 568, 50), 28, true, C(UI_COL_TEXT), AL_START);
    d_text_ltr(u, s->folder, R(668, STAFF_TOP + 60, 568, 44), 22, false, C(UI_COL_MUTED),
               AL_START);
    w_button(u, R(668, STAFF_TOP + 106, 568, STAFF_ROW_H), "import-catalogue", ICON_IMPORT,
             "staff.import_catalogue", ST_SECONDARY);
    w_button(u, R(668, STAFF_TOP + 204, 568, STAFF_ROW_H), "import-orders", ICON_IMPORT,
             "staff.import_orders", ST_SECONDARY);
    /* the last import's or label print's report */
    for (size_t i = 0; i < s->result_count && i < UI_STAFF_LINES; i++)
        d_msg(u, &s->result[i], R(668, STAFF_TOP + 304 + (int)i * 62, 568, 58), 22, false,
              C(UI_COL_TEXT), AL_START);
}
