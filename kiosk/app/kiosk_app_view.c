/* Building the kiosk_view (kiosk/ui/view.h) from the app's state: the start screen's name list,
 * my work, the pick and pack steps from the flows' last SHOW, the wrong-scan, short-reason, help
 * and exit-PIN screens, finished, and the device bar. Plain data only. */
#include "kiosk/app/kiosk_app_internal.h"
#include "kiosk/app/kiosk_print.h"
#include "kiosk/core/competency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_PREFIX "kiosk"
#include "common/log.h"

/* Copies src into dst (cap bytes), cut at a UTF-8 character boundary. */
static void text_copy(char *dst, size_t cap, const char *src)
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

static int collect_people(const store_trainee *t, void *ctx)
{
    ui_start_view *sv = ctx;
    if (t->erased || !t->consent || sv->person_count >= UI_PEOPLE_MAX)
        return 0;
    ui_person *p = &sv->people[sv->person_count++];
    text_copy(p->id, sizeof p->id, t->id);
    text_copy(p->name, sizeof p->name, t->display_name);
    p->photo[0] = '\0';
    return 0;
}

static void build_work(kiosk_app *app, kiosk_view *v)
{
    const service_levels *lv = session_levels(app->s);
    const service_level *l = service_levels_get(lv, app->trainee.level);
    ui_work_view *w = &v->work;
    text_copy(w->name, sizeof w->name, app->trainee.display_name);
    w->level = app->trainee.level;
    w->level_count = (unsigned)lv->count;
    text_copy(w->level_name, sizeof w->level_name, l ? l->name : "");
    w->tasks_done = app->tasks_done;
    w->tasks_total = app->tasks_done + 1;
    char n[16];
    w->real_waiting = kiosk_orders_waiting(app->orders);
    w->real_rejected = kiosk_orders_rejected(app->orders);
    if (w->real_waiting) { /* real customer work first, marked as such */
        snprintf(n, sizeof n, "%u", w->real_waiting);
        ui_msg_set(&w->tasks[w->task_count].title, "work.real_waiting", n, NULL, NULL);
        w->tasks[w->task_count].real = true;
        w->tasks[w->task_count++].state = UI_TASK_TODO;
    }
    for (unsigned i = 0; i < app->tasks_done && w->task_count + 2 < UI_TASKS_MAX; i++) {
        snprintf(n, sizeof n, "%u", app->done_lines[i % KIOSK_HISTORY_MAX]);
        ui_msg_set(&w->tasks[w->task_count].title, "work.task_pick", n, NULL, NULL);
        w->tasks[w->task_count++].state = UI_TASK_DONE;
        ui_msg_set(&w->tasks[w->task_count].title, "work.task_pack", NULL, NULL, NULL);
        w->tasks[w->task_count++].state = UI_TASK_DONE;
    }
    /* the next task is generated when it starts: its size is the level's range */
    if (l && l->lines_min != l->lines_max)
        snprintf(n, sizeof n, "%u-%u", l->lines_min, l->lines_max);
    else
        snprintf(n, sizeof n, "%u", l ? l->lines_min : 1);
    ui_msg_set(&w->tasks[w->task_count].title, "work.task_pick", n, NULL, NULL);
    w->tasks[w->task_count++].state = UI_TASK_TODO;
    ui_msg_set(&w->tasks[w->task_count].title, "work.task_pack", NULL, NULL, NULL);
    w->tasks[w->task_count++].state = UI_TASK_TODO;
    w->next_available = true;
}

static void build_pick(kiosk_app *app, kiosk_view *v, uint64_t mono_ms)
{
    const pick_flow *pf = session_pick(app->s);
    ui_pick_view *p = &v->pick;
    if (!pf)
        return;
    ui_pick_from_flow(pf, &app->pick, app->lang, p);
    p->typed = app->typed;
    p->suggest_help = app->suggest_help;
    if (p->norm_seconds && mono_ms > pf->line_started_ms)
        p->elapsed_seconds = (unsigned)((mono_ms - pf->line_started_ms) / 1000);
}

static void build_pack(kiosk_app *app, kiosk_view *v)
{
    const pack_flow *pf = session_pack(app->s);
    ui_pack_view *p = &v->pack;
    ui_pack_from_show(session_catalogue(app->s), &app->pack, app->lang, p);
    if (!pf)
        return;
    p->scan_order = pf->level.scan_tote;
    snprintf(p->tote, sizeof p->tote, "%.*s", (int)sizeof p->tote - 1,
             pf->task.tote[0] ? pf->task.tote : pf->task.order_no);
    /* the label the virtual printer drew last (kiosk_host: <data>/labels), also after a restart */
    if (pf->copy > 0 && app->data_dir[0] &&
        (p->step == PACK_STEP_PRINT || p->step == PACK_STEP_VERIFY_LABEL ||
         p->step == PACK_STEP_CLOSE)) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%.4096s/labels", app->data_dir);
        kiosk_print_png_path(dir, pf->sscc, pf->copy, p->label_png, sizeof p->label_png);
    }
}

static int summary_row(const store_summary_row *row, void *ctx)
{
    competency_counts n = {
        .attempts = (uint64_t)row->attempts, .rft = (uint64_t)row->rft,
        .independent = (uint64_t)row->independent, .skipped = (uint64_t)row->skipped,
        .coach_done = (uint64_t)row->coach_done, .errors = (uint64_t)row->errors,
        .duration_ms = (uint64_t)row->duration_ms, .help_weight = (uint64_t)row->help_weight,
        .lines_done = (uint64_t)row->lines_done};
    return competency_cells_add(ctx, row->kind, row->level, row->day, &n, 1) == STIEL_OK ? 0 : 1;
}

/* The way to the next level from the trainee's evidence summary (one indexed query): the
 * level-up criteria met at the current level, and one "went well" line from the latest day
 * with steps (the task just finished: no clock needed). */
static void read_progress(kiosk_app *app)
{
    app->progress_read = true;
    app->progress_met = app->progress_total = 0;
    memset(&app->progress_well, 0, sizeof app->progress_well);
    const service_levels *lv = session_levels(app->s);
    competency_cells cells;
    competency_cells_init(&cells);
    stiel_diag d = {0};
    if (store_stats_summary(session_store(app->s), app->trainee.id, summary_row, &cells, &d) !=
        STIEL_OK) {
        LOG_WARN("finished screen without progress: %s", d.text);
        competency_cells_free(&cells);
        return;
    }
    if (app->trainee.level < lv->count) {
        competency_suggestion sug;
        competency_up_check checks[COMP_UP_CRITERIA_MAX];
        competency_suggest(cells.items, cells.count, lv, app->trainee.level, &sug);
        size_t n = competency_up_checks(&sug, lv, checks);
        app->progress_total = (unsigned)n;
        for (size_t k = 0; k < n; k++)
            app->progress_met += checks[k].met;
    }
    competency_dims *days = NULL;
    size_t nd = 0;
    if (competency_dimensions(cells.items, cells.count, lv, COMP_BY_DAY, &days, &nd) ==
            STIEL_OK && nd > 0 && days[nd - 1].steps > 0) {
        const competency_dims *today = &days[nd - 1];
        char a[24];
        if (today->quality_pct >= 50.0) {
            snprintf(a, sizeof a, "%u", (unsigned)today->quality_pct);   /* 99.6 stays 99 */
            ui_msg_set(&app->progress_well, "finished.well.rft_today", a, NULL, NULL);
        } else {
            snprintf(a, sizeof a, "%llu", (unsigned long long)today->steps);
            ui_msg_set(&app->progress_well, "finished.well.steps_today", a, NULL, NULL);
        }
    }
    free(days);
    competency_cells_free(&cells);
}

static void build_finished(kiosk_app *app, kiosk_view *v)
{
    const service_levels *lv = session_levels(app->s);
    ui_finished_view *f = &v->finished;
    f->lines_total = app->lines_total;
    f->lines_done = app->lines_done;
    unsigned bad = 0;
    for (unsigned k = 0; k < 32; k++)
        bad += (app->line_error_bits >> k) & 1u;
    f->right_first_time = app->lines_total > bad ? app->lines_total - bad : 0;
    if (!app->progress_read)
        read_progress(app);
    if (app->progress_well.id[0])
        f->well[f->well_count++] = app->progress_well;
    char n[16];
    snprintf(n, sizeof n, "%u", f->right_first_time);
    if (app->errors == 0)
        ui_msg_set(&f->well[f->well_count++], "finished.well.right_first_time", n, NULL, NULL);
    else
        ui_msg_set(&f->well[f->well_count++], "finished.well.fixed_mistakes", NULL, NULL, NULL);
    ui_msg_set(&f->well[f->well_count++], "finished.well.all_scanned", NULL, NULL, NULL);
    if (app->coach_calls)
        ui_msg_set(&f->well[f->well_count++], "finished.well.asked_help", NULL, NULL, NULL);
    else
        ui_msg_set(&f->well[f->well_count++], "finished.well.no_help", NULL, NULL, NULL);
    f->level = app->trainee.level;
    f->level_count = (unsigned)lv->count;
    f->toward_next_total = app->progress_total;
    f->toward_next = app->progress_met;
    f->next_available = true;
}

void kiosk_app_view_build(kiosk_app *app, uint64_t mono_ms)
{
    kiosk_view *v = &app->view;
    kiosk_view_init(v);
    if (app->mode != KIOSK_MODE_FINISHED)
        app->progress_read = false;  /* the next finished screen reads the progress afresh */
    v->lang = app->trainee.id[0] ? app->lang : app->kiosk_lang;
    v->demo = false; /* the demo scanner panel: set below, only where a scan is expected */
    v->feedback = app->feedback;
    v->feedback_msg = app->feedback_msg;
    v->scanner = app->scanner;
    v->printer = app->printer;
    ui_floor_map_from_catalogue(session_catalogue(app->s), &v->map);
    switch (app->mode) {
    case KIOSK_MODE_START:
        v->screen = UI_SCREEN_START;
        v->start.pin_allowed = kiosk_app_name_list(app) != KIOSK_NAME_LIST_OFF;
        if (v->start.pin_allowed)
            store_trainees_each(session_store(app->s), collect_people, &v->start, NULL);
        break;
    case KIOSK_MODE_WORK:
        v->screen = UI_SCREEN_MY_WORK;
        build_work(app, v);
        break;
    case KIOSK_MODE_TASK:
        if (session_active(app->s) == SESSION_FLOW_PACK && app->have_pack) {
            v->screen = UI_SCREEN_PACK;
            build_pack(app, v);
        } else {
            v->screen = UI_SCREEN_PICK;
            if (app->have_pick)
                build_pick(app, v, mono_ms);
        }
        if ((app->have_pick && app->pick.device_problem && v->screen == UI_SCREEN_PICK) ||
            (app->have_pack && app->pack.device_problem && v->screen == UI_SCREEN_PACK)) {
            v->screen = UI_SCREEN_DEVICE_PROBLEM;
            v->device.printer = false;
            ui_msg_set(&v->device.what_to_do, "device.scanner.plug_in", NULL, NULL, NULL);
        }
        break;
    case KIOSK_MODE_FINISHED:
        v->screen = UI_SCREEN_FINISHED;
        text_copy(v->work.name, sizeof v->work.name, app->trainee.display_name);
        build_finished(app, v);
        break;
    }
    switch (app->overlay) {
    case KIOSK_OVL_WRONG:
        v->screen = UI_SCREEN_WRONG_SCAN;
        v->wrong = app->wrong;
        break;
    case KIOSK_OVL_SHORT: v->screen = UI_SCREEN_SHORT_REASON; break;
    case KIOSK_OVL_HELP: v->screen = UI_SCREEN_HELP_CALLED; break;
    case KIOSK_OVL_EXIT_PIN:
        v->screen = UI_SCREEN_PIN;
        text_copy(v->start.chosen.id, sizeof v->start.chosen.id, app->staff.id);
        text_copy(v->start.chosen.name, sizeof v->start.chosen.name,
                  app->staff.name[0] ? app->staff.name : app->staff.id);
        v->start.pin_len = (unsigned)strlen(app->pin);
        v->start.pin_wrong = app->pin_wrong;
        break;
    case KIOSK_OVL_TRAINEE_PIN: kiosk_trainee_pin_view(app, v); break;
    case KIOSK_OVL_NONE: break;
    }
    char code[PICK_SCAN_MAX + 1];
    v->demo = app->opt.demo && kiosk_app_demo_code(app, true, code, sizeof code);
    kiosk_staff_view(app, v, app->staff_ui.wall_ms); /* staff pages, coach overlay, self-assessment */
}
