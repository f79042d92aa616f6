/* The coach's pages for one trainee: the competencies with status and evidence (review), signing
 * one off (criteria met, or a reason chosen), adding an observation (category, outcome, preset
 * phrase) and the queue of flagged events. The charts are in screen_coach_charts.c. */
#include <stdio.h>
#include <string.h>

#include "kiosk/ui/screens_staff.h"

static const char *const state_ids[] = {"coach.comp.not_started", "coach.comp.practising",
                                        "coach.comp.meets", "coach.comp.signed"};

/* "12 of 20 · 95 % right · 3 of 3 days" (or observations) under the name. */
static void comp_evidence(ui *u, const ui_staff_comp *c, ui_rect box, int size)
{
    char a[16], b[16], d[16], dn[16], pct[16];
    snprintf(a, sizeof a, "%u", c->attempts);
    snprintf(b, sizeof b, "%u", c->needed);
    snprintf(d, sizeof d, "%u", c->days);
    snprintf(dn, sizeof dn, "%u", c->days_needed);
    snprintf(pct, sizeof pct, "%u", c->rft_pct);
    ui_msg m;
    char t1[128], t2[128], t3[128], all[400];
    ui_msg_set(&m, c->observed ? "coach.ev.observed" : "coach.ev.attempts", a, b, NULL);
    ui_tr_format(&u->tr, u->lang, &m, t1, sizeof t1);
    ui_msg_set(&m, "coach.ev.days", d, dn, NULL);
    ui_tr_format(&u->tr, u->lang, &m, t2, sizeof t2);
    t3[0] = '\0';
    if (!c->observed) {
        ui_msg_set(&m, "coach.ev.rft", pct, NULL, NULL);
        ui_tr_format(&u->tr, u->lang, &m, t3, sizeof t3);
    }
    snprintf(all, sizeof all, "%s  ·  %s%s%s", t1, t2, t3[0] ? "  ·  " : "", t3);
    d_text(u, all, box, size, false, C(UI_COL_MUTED), AL_START);
}

void coach_page_review(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    char lv[16];
    snprintf(lv, sizeof lv, "%u", s->level);
    staff_frame(u, v, ICON_STAR, "coach.review_title", s->trainee_name, lv);
    size_t n = s->comp_count < UI_STAFF_ROWS ? s->comp_count : UI_STAFF_ROWS;
    if (n > 5)
        n = 5;
    for (size_t i = 0; i < n; i++) {
        const ui_staff_comp *c = &s->comps[i];
        char action[64];
        snprintf(action, sizeof action, "comp:%s", c->id);
        ui_rect r = R(24, STAFF_TOP + (int)i * 114, 880, 104);
        w_button_text(u, r, action, ICON_COUNT, "", ST_SECONDARY, 24);
        staff_comp_badge(u, (float)r.x + 50, (float)r.y + 52, 32, c->state);
        d_text(u, c->name, R(r.x + 100, r.y + 8, 520, 50), 26, true, C(UI_COL_TEXT), AL_START);
        comp_evidence(u, c, R(r.x + 100, r.y + 56, 760, 42), 22);
        d_tr(u, state_ids[c->state & 3], R(r.x + 630, r.y + 8, 236, 50), 22, true,
             C(UI_COL_TEXT), AL_END);
    }
    if (s->comp_total == 0)
        d_tr(u, "coach.no_competencies", R(24, STAFF_TOP, 880, 100), 28, false, C(UI_COL_MUTED),
             AL_START);
    const int x = 928, w = 328, h = 92, step = 98;
    int y = STAFF_TOP;
    w_button(u, R(x, y, w, h), "charts", ICON_CHART, "coach.charts", ST_SECONDARY);
    y += step;
    w_button(u, R(x, y, w, h), "flags", ICON_FLAG, "coach.flags", ST_SECONDARY);
    y += step;
    w_button(u, R(x, y, w, h), "observe", ICON_NOTE, "coach.observe", ST_SECONDARY);
    y += step;
    w_button(u, R(x, y, w, h), "export", ICON_EXPORT, "coach.export", ST_SECONDARY);
    y += step;
    if (s->supervisor) {
        w_button(u, R(x, y, w, h), "settings", ICON_SETTINGS, "staff.settings", ST_SECONDARY);
        y += step;
    }
    staff_pager(u, R(x, y, w, h), s->comp_first, n, s->comp_total);
}

void coach_page_signoff(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    const ui_staff_comp *c = &s->sign;
    staff_frame(u, v, ICON_SIGN, "coach.sign_title", s->trainee_name, NULL);
    w_card(u, R(24, STAFF_TOP, 1232, 170), C(UI_COL_PANEL));
    staff_comp_badge(u, 84, STAFF_TOP + 85, 40, c->state);
    d_text(u, c->name, R(150, STAFF_TOP + 14, 800, 60), 30, true, C(UI_COL_TEXT), AL_START);
    d_tr(u, state_ids[c->state & 3], R(960, STAFF_TOP + 14, 270, 60), 26, true, C(UI_COL_TEXT),
         AL_END);
    comp_evidence(u, c, R(150, STAFF_TOP + 80, 1080, 70), 26);
    int y = STAFF_TOP + 190;
    if (c->state == UI_COMP_SIGNED) {
        d_tr(u, "coach.sign_done", R(24, y, 1232, 80), 30, true, C(UI_COL_TEXT), AL_START);
        return;
    }
    bool meets = c->state == UI_COMP_MEETS;
    d_tr(u, meets ? "coach.sign_meets" : "coach.sign_reason", R(24, y, 1232, 70), 28, true,
         C(UI_COL_TEXT), AL_START);
    y += 80;
    if (!meets) {
        for (int i = 0; i < UI_STAFF_REASONS; i++) {
            char action[16], id[32];
            snprintf(action, sizeof action, "reason:%d", i);
            snprintf(id, sizeof id, "coach.reason.%d", i);
            staff_toggle(u, R(24 + (i % 2) * 626, y + (i / 2) * 104, 606, 96), action, ICON_NOTE,
                         id, s->reason == i);
        }
    }
    ui_rect sign = R(836, 606, 420, 96);
    if (meets || s->reason >= 0)
        w_button(u, sign, "sign", ICON_SIGN, "coach.sign", ST_GOOD);
    else
        staff_disabled(u, sign, ICON_SIGN, "coach.sign");
}

static const char *const categories[UI_STAFF_CATEGORIES] = {
    "safety", "teamwork", "attitude", "quality", "workstation", "other"};

void coach_page_observe(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_NOTE, "coach.observe_title", s->trainee_name, NULL);
    for (int i = 0; i < UI_STAFF_CATEGORIES; i++) {
        char action[32], id[48];
        snprintf(action, sizeof action, "cat:%s", categories[i]);
        snprintf(id, sizeof id, "coach.cat.%s", categories[i]);
        staff_toggle(u, R(24 + (i % 3) * 414, STAFF_TOP + (i / 3) * 100, 400, 92), action,
                     ICON_NOTE, id, s->category == i);
    }
    int y = STAFF_TOP + 210;
    staff_toggle(u, R(24, y, 400, 92), "outcome:positive", ICON_CHECK, "coach.positive",
                 s->positive);
    staff_toggle(u, R(438, y, 400, 92), "outcome:concern", ICON_ATTENTION, "coach.concern",
                 !s->positive);
    y += 104;
    for (int i = 0; i < UI_STAFF_PHRASES; i++) {
        char action[16], id[32];
        snprintf(action, sizeof action, "phrase:%d", i);
        snprintf(id, sizeof id, "coach.phrase.%d", i);
        staff_toggle(u, R(24 + (i % 2) * 414, y + (i / 2) * 100, 400, 92), action, ICON_COACH,
                     id, s->phrase == i);
    }
    ui_rect save = R(852, y + 100, 404, 92);
    if (s->category >= 0)
        w_button(u, save, "save", ICON_CHECK, "coach.save", ST_GOOD);
    else
        staff_disabled(u, save, ICON_CHECK, "coach.save");
}

static ui_icon flag_icon(const char *kind)
{
    if (strcmp(kind, "help") == 0)
        return ICON_HELP;
    if (strcmp(kind, "short") == 0)
        return ICON_EMPTY_SHELF;
    return ICON_CROSS;
}

void coach_page_flags(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    char total[16];
    snprintf(total, sizeof total, "%zu", s->flag_total);
    staff_frame(u, v, ICON_FLAG, "coach.flags_title", s->trainee_name, total);
    size_t n = s->flag_count < UI_STAFF_ROWS ? s->flag_count : UI_STAFF_ROWS;
    if (n > 5)
        n = 5;
    for (size_t i = 0; i < n; i++) {
        const ui_staff_flag *f = &s->flags[i];
        ui_rect r = R(24, STAFF_TOP + (int)i * 114, 880, 104);
        w_card(u, r, C(UI_COL_PANEL));
        d_circle(u, (float)r.x + 52, (float)r.y + 52, 36, C(UI_COL_ATTN));
        icon_draw(u, flag_icon(f->kind), R(r.x + 28, r.y + 28, 48, 48), C(UI_COL_ON_ATTN),
                  C(UI_COL_ATTN));
        char id[32];
        snprintf(id, sizeof id, "coach.flag.%s", f->kind);
        d_tr(u, id, R(r.x + 104, r.y + 6, 420, 50), 26, true, C(UI_COL_TEXT), AL_START);
        d_text_ltr(u, f->when, R(r.x + 540, r.y + 6, 320, 50), 24, false, C(UI_COL_MUTED),
                   AL_END);
        char line[160];
        snprintf(line, sizeof line, "%s  %s", f->step, f->detail);
        d_text_ltr(u, line, R(r.x + 104, r.y + 56, 760, 42), 22, false, C(UI_COL_MUTED),
                   AL_START);
    }
    if (s->flag_total == 0)
        d_tr(u, "coach.no_flags", R(24, STAFF_TOP, 880, 100), 28, false, C(UI_COL_MUTED),
             AL_START);
    staff_pager(u, R(928, STAFF_TOP, 328, 92), s->flag_first, n, s->flag_total);
}
