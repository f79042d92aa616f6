/* Building the staff pages, the coach overlay, the self-assessment and the staff PIN screen's
 * words into the kiosk_view (kiosk/ui/view_staff.h) after the trainee's view is built. */
#include "kiosk/app/kiosk_app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies src into dst (cap bytes), cut at a UTF-8 character boundary. */
static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

typedef struct people_page {
    ui_staff_view *v;
    size_t index;
} people_page;

static int collect_trainee(const store_trainee *t, void *ctx)
{
    people_page *p = ctx;
    ui_staff_view *v = p->v;
    if (t->erased)
        return 0;
    if (p->index >= v->person_first && v->person_count < 5) {
        copy(v->people[v->person_count].id, sizeof v->people[0].id, t->id);
        copy(v->people[v->person_count].name, sizeof v->people[0].name,
             t->display_name[0] ? t->display_name : t->id);
        v->people[v->person_count].level = t->level;
        v->person_count++;
    }
    p->index++;
    v->person_total = p->index;
    return 0;
}

/* The import folder as shown: its last cap - 4 bytes after "..." when it is longer. */
static void import_folder(const kiosk_app *app, char *out, size_t cap)
{
    char path[4200];
    kiosk_staff_import_dir(app, path, sizeof path);
    size_t n = strlen(path);
    if (n < cap) {
        copy(out, cap, path);
        return;
    }
    const char *tail = path + n - (cap - 4);
    while (((unsigned char)*tail & 0xC0) == 0x80)
        tail++;
    snprintf(out, cap, "...%s", tail);
}

static void staff_pages(kiosk_app *app, kiosk_view *v, int64_t wall_ms)
{
    kiosk_staff_state *st = &app->staff_ui;
    ui_staff_view *s = &v->staff;
    v->screen = UI_SCREEN_STAFF;
    v->lang = app->kiosk_lang;   /* the staff pages speak the kiosk's language */
    v->overlay = UI_OVERLAY_NONE;
    v->feedback = UI_FB_NONE;
    v->demo = false;
    s->page = st->page;
    copy(s->staff_name, sizeof s->staff_name, st->who.name[0] ? st->who.name : st->who.id);
    s->supervisor = st->who.role >= ACCESS_ROLE_SUPERVISOR;
    s->task_running = session_active(app->s) != SESSION_FLOW_NONE;
    s->notice = st->notice;
    s->notice_bad = st->notice_bad;
    copy(s->trainee_id, sizeof s->trainee_id, st->trainee);
    store *db = session_store(app->s);
    switch (st->page) {
    case UI_STAFF_HOME: {
        s->person_first = st->first;
        people_page p = {.v = s, .index = 0};
        store_trainees_each(db, collect_trainee, &p, NULL);
        if (s->person_first >= s->person_total)
            s->person_first = 0;
        break;
    }
    case UI_STAFF_FLAGS:
        kiosk_staff_data_fill(st->data, v->lang, 0, s);
        kiosk_staff_flags_fill(st->flags, st->first, s);
        break;
    case UI_STAFF_SIGNOFF:
        kiosk_staff_data_fill(st->data, v->lang, 0, s);
        kiosk_staff_data_comp(st->data, st->comp, v->lang, &s->sign, NULL);
        s->reason = st->reason;
        break;
    case UI_STAFF_OBSERVE:
        kiosk_staff_data_fill(st->data, v->lang, 0, s);
        s->category = st->category;
        s->phrase = st->phrase;
        s->positive = st->positive;
        break;
    case UI_STAFF_TRAINEE: {
        kiosk_staff_data_fill(st->data, v->lang, 0, s);
        session_trainee_settings set;
        session_trainee_settings_get(db, st->trainee, &set, NULL);
        s->pick_on = set.pick;
        s->pack_on = set.pack;
        s->drills_on = set.drills;
        s->speech_on = set.speech;
        store_trainee t;
        if (set.language[0])
            snprintf(s->language, sizeof s->language, "%s", set.language);
        else if (store_trainee_get(db, st->trainee, &t, NULL) == STIEL_OK)
            snprintf(s->language, sizeof s->language, "%.3s", t.language);
        break;
    }
    case UI_STAFF_FLOOR:
        kiosk_staff_floor(db, app->data_dir, wall_ms, s);
        break;
    case UI_STAFF_SETUP:
        memcpy(s->labels, st->labels, sizeof s->labels);
        import_folder(app, s->folder, sizeof s->folder);
        s->result_count = st->result_count;
        memcpy(s->result, st->result, sizeof s->result);
        break;
    case UI_STAFF_REVIEW:
    case UI_STAFF_CHARTS:
    default:
        kiosk_staff_data_fill(st->data, v->lang, st->first, s);
        break;
    }
}

void kiosk_staff_view(kiosk_app *app, kiosk_view *v, int64_t wall_ms)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (app->overlay == KIOSK_OVL_EXIT_PIN && app->pin_wrong && st->pin_msg.id[0])
        v->headline = st->pin_msg;
    if (app->mode == KIOSK_MODE_FINISHED && app->trainee.id[0] && !st->active) {
        int64_t day = wall_ms / 86400000;
        bool saved = st->self_saved && st->self_day == day;
        unsigned hour = (unsigned)((wall_ms % 86400000) / 3600000);
        v->finished.self_offer = !saved && (hour >= KIOSK_SELF_HOUR ||
                                            app->tasks_done >= KIOSK_SELF_TASKS);
        if (st->self_open) {
            v->screen = UI_SCREEN_SELF_ASSESS;
            memcpy(v->self.answers, st->self_answers, sizeof v->self.answers);
            v->self.saved = saved;
            v->demo = false;
        }
    }
    if (!st->active)
        return;
    if (st->overlay) {
        v->overlay = UI_OVERLAY_COACH;
        return;
    }
    staff_pages(app, v, wall_ms);
}
