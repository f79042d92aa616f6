/* Sample coach, supervisor and self-assessment views (staff_fixture.h): a supervisor looking at
 * Jeroen (level 2) with five competencies, three charts over eight days, flagged events, the
 * floor with two kiosks and a print queue, and the set-up page after an import. */
#include "tests/kiosk/ui/staff_fixture.h"

#include <stdio.h>
#include <string.h>

static void comp(ui_staff_comp *c, const char *id, const char *name, ui_comp_state st,
                 unsigned att, unsigned need, unsigned rft, unsigned days, bool observed)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->state = st;
    c->attempts = att;
    c->needed = need;
    c->rft_pct = rft;
    c->independent_pct = rft > 5 ? rft - 5 : 0;
    c->days = days;
    c->days_needed = 3;
    c->observed = observed;
}

static void chart(ui_staff_chart *c, const char *metric, float ymax, float ref, float base)
{
    memset(c, 0, sizeof *c);
    snprintf(c->metric, sizeof c->metric, "%s", metric);
    c->y_max = ymax;
    c->y_ref = ref;
    snprintf(c->from_day, sizeof c->from_day, "2025-01-06");
    snprintf(c->to_day, sizeof c->to_day, "2025-01-15");
    c->line_count = 2;
    for (unsigned l = 0; l < 2; l++) {
        ui_staff_chart_line *ln = &c->lines[l];
        ln->level = l + 1;
        ln->count = 4;
        for (size_t i = 0; i < 4; i++) {
            ln->x[i] = (float)(l * 4 + i) / 7.0f;
            ln->y[i] = base + 0.08f * (float)i * (l ? 0.5f : 1.0f) - 0.1f * (float)l;
        }
    }
}

void staff_fixture_view(ui_screen screen, int variant, kiosk_view *v)
{
    if (screen == UI_SCREEN_SELF_ASSESS) {
        v->screen = UI_SCREEN_SELF_ASSESS;
        if (variant >= 1) {
            v->self.answers[0] = 3;
            v->self.answers[1] = 2;
        }
        v->self.saved = variant >= 2;
        return;
    }
    ui_staff_view *s = &v->staff;
    v->screen = UI_SCREEN_STAFF;
    s->page = (ui_staff_page)(variant >= 0 && variant < UI_STAFF_PAGE_COUNT ? variant : 0);
    snprintf(s->staff_name, sizeof s->staff_name, "Sanne");
    s->supervisor = true;
    s->task_running = true;
    static const char *const names[] = {"Amira", "Jeroen", "Lotte", "Youssef", "Bram", "Nadia"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(s->people[i].id, sizeof s->people[i].id, "T-%04zu", i + 1);
        snprintf(s->people[i].name, sizeof s->people[i].name, "%s", names[i]);
        s->people[i].level = (unsigned)(i % 4) + 1;
    }
    s->person_count = 5;
    s->person_total = 6;
    snprintf(s->trainee_id, sizeof s->trainee_id, "T-0002");
    snprintf(s->trainee_name, sizeof s->trainee_name, "Jeroen");
    s->level = 2;
    s->level_count = 5;
    comp(&s->comps[0], "mm.scan_location", "Locatie scannen", UI_COMP_SIGNED, 64, 40, 97, 5, false);
    comp(&s->comps[1], "mm.pick_item", "Juiste artikel picken", UI_COMP_MEETS, 52, 40, 95, 4, false);
    comp(&s->comps[2], "mm.count", "Aantallen tellen", UI_COMP_PRACTISING, 18, 40, 81, 2, false);
    comp(&s->comps[3], "vp.close_box", "Doos sluiten en labelen", UI_COMP_NOT_STARTED, 0, 20, 0, 0,
         false);
    comp(&s->comps[4], "mm.safety", "Veilig werken", UI_COMP_PRACTISING, 2, 3, 0, 2, true);
    s->comp_count = 5;
    s->comp_total = 9;
    s->sign = s->comps[variant == UI_STAFF_SIGNOFF ? 2 : 1];
    s->reason = 1;
    chart(&s->charts[0], "rft", 100, -1, 0.6f);
    chart(&s->charts[1], "tempo", 150, 100, 0.4f);
    chart(&s->charts[2], "help", 6, -1, 0.5f);
    static const char *const kinds[] = {"error", "help", "short", "error", "error"};
    for (size_t i = 0; i < 5; i++) {
        ui_staff_flag *f = &s->flags[i];
        snprintf(f->kind, sizeof f->kind, "%s", kinds[i]);
        snprintf(f->when, sizeof f->when, "2025-01-1%zu 09:%02zu", 5 - i, 10 + i * 7);
        snprintf(f->step, sizeof f->step, "%s", i == 1 ? "" : "step.pick.scan_item");
        snprintf(f->detail, sizeof f->detail, "%s",
                 i == 2 ? "empty" : i == 1 ? "" : "8719123100376 > 8719123100383");
    }
    s->flag_count = 5;
    s->flag_total = 12;
    s->category = 1;
    s->phrase = 2;
    s->positive = true;
    s->suggest_level = 3;
    ui_msg_set(&s->suggest, "staff.suggest_up", "3", NULL, NULL);
    snprintf(s->suggest_why, sizeof s->suggest_why,
             "last 4 days at level 2: 212 steps, 97%% right first time, 94%% independent, "
             "support 0.4 per task, tempo 104%%");
    s->pick_on = s->pack_on = s->speech_on = true;
    s->drills_on = false;
    snprintf(s->language, sizeof s->language, "nl");
    static const char *const kiosks[] = {"kiosk-1", "kiosk-2", "kiosk-3"};
    for (size_t i = 0; i < 3; i++) {
        ui_staff_kiosk *k = &s->kiosks[i];
        snprintf(k->id, sizeof k->id, "%s", kiosks[i]);
        snprintf(k->trainee, sizeof k->trainee, "%s", i == 2 ? "" : names[i]);
        k->minutes_ago = (unsigned)(i * 40 + 2);
        k->active = i == 0;
    }
    s->kiosk_count = 3;
    v->scanner.state = UI_DEV_OK;
    v->printer.state = UI_DEV_ATTENTION;
    ui_msg_set(&v->printer.msg, "device.printer.out_of_labels", NULL, NULL, NULL);
    s->jobs[0].id = 42;
    snprintf(s->jobs[0].state, sizeof s->jobs[0].state, "failed");
    s->jobs[1].id = 41;
    snprintf(s->jobs[1].state, sizeof s->jobs[1].state, "printed");
    s->job_count = 2;
    s->labels[0] = s->labels[4] = true;
    snprintf(s->folder, sizeof s->folder, "/media/usb/stiel-import");
    ui_msg_set(&s->result[0], "staff.import_counts", "48", "60", "4");
    ui_msg_set(&s->result[1], "staff.import_trainees", "2", "6", NULL);
    s->result_count = 2;
    if (s->page == UI_STAFF_SIGNOFF || s->page == UI_STAFF_OBSERVE)
        ui_msg_set(&s->notice, "coach.signed", NULL, NULL, NULL);
    if (s->page == UI_STAFF_SETUP)
        ui_msg_set(&s->notice, "staff.imported", NULL, NULL, NULL);
}
