/* The kiosk's input handlers: badge and name-list login, my work, starting a pick task and the
 * pack task made from it, feeding scans and taps to the session and turning the flows' effects
 * into screen state, feedback, scanner beeps and labels; the staff badge + PIN that unlocks the
 * kiosk. No SDL: the view (kiosk_app_view.c) is plain data. */
#include "kiosk/app/kiosk_app_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "drivers/scanner.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/core/access.h"

#define LOG_PREFIX "kiosk"

#define DEMO_PIN "1234"

static bool kiosk_app_deadline_task(const kiosk_app *app, uint64_t *when_ms);

static void out_clear(kiosk_out *out)
{
    memset(out, 0, sizeof *out);
}

/* A look in the WMS inbox (kiosk_orders.h); true when what "my work" shows changed. */
static bool orders_poll(kiosk_app *app, kiosk_clock now)
{
    app->orders_polled = now.mono_ms;
    return app->orders && kiosk_orders_poll(app->orders, app->s, now.wall_ms);
}

static void redraw(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    if (app->mode == KIOSK_MODE_WORK && app->orders_mode != KIOSK_MODE_WORK)
        orders_poll(app, now); /* "my work" was entered: real orders waiting? */
    app->orders_mode = app->mode;
    app->last_mono = now.mono_ms;
    kiosk_app_view_build(app, now.mono_ms);
    out->redraw = true;
}

static void feedback(kiosk_app *app, kiosk_out *out, ui_feedback fb, const char *msg_id)
{
    app->feedback = fb;
    ui_msg_set(&app->feedback_msg, msg_id ? msg_id : "", NULL, NULL, NULL);
    if (fb != UI_FB_NONE) {
        out->sound = true;
        out->sound_kind = fb == UI_FB_GOOD  ? UI_SOUND_GOOD
                          : fb == UI_FB_BAD ? UI_SOUND_BAD
                                            : UI_SOUND_ATTENTION;
    }
}

static void save_failed(kiosk_app *app, kiosk_out *out, const stiel_diag *d)
{
    snprintf(out->error, sizeof out->error, "%s", d->text);
    LOG_ERROR("%s: %s", SESSION_SAVE_FAILED, d->text);
    app->feedback = UI_FB_ATTENTION;
    ui_msg_set(&app->feedback_msg, "device.work_is_saved", NULL, NULL, NULL);
    out->sound = true;
    out->sound_kind = UI_SOUND_ATTENTION;
}

/* ---- opening ---------------------------------------------------------------------------------- */

typedef struct pin_ctx {
    store_staff list[8];
    size_t n;
} pin_ctx;

static int collect_staff(const store_staff *m, void *ctx)
{
    pin_ctx *c = ctx;
    if (c->n < sizeof c->list / sizeof c->list[0])
        c->list[c->n++] = *m;
    return 0;
}

/* Demo: staff without a PIN get 1234 so the kiosk can be left (recorded as a PIN reset). */
static void demo_pins(kiosk_app *app, int64_t wall_ms)
{
    pin_ctx c = {.n = 0};
    stiel_diag d;
    store *st = session_store(app->s);
    if (store_staff_each(st, collect_staff, &c, &d) != STIEL_OK)
        return;
    const char *sup = NULL;
    for (size_t i = 0; i < c.n; i++)
        if (c.list[i].role == ACCESS_ROLE_SUPERVISOR)
            sup = c.list[i].id;
    for (size_t i = 0; sup && i < c.n; i++) {
        if (c.list[i].has_pin)
            continue;
        if (store_staff_pin_reset(st, app->kiosk_id, sup, c.list[i].id, DEMO_PIN, wall_ms, &d) ==
            STIEL_OK)
            LOG_INFO("demo: staff %s has PIN %s", c.list[i].id, DEMO_PIN);
        else
            LOG_WARN("demo: cannot set the PIN of %s: %s", c.list[i].id, d.text);
    }
}

static void apply_pick(kiosk_app *app, const pick_effects *fx, const char *scanned,
                       kiosk_out *out, bool quiet);
static void apply_pack(kiosk_app *app, const pack_effects *fx, kiosk_out *out, bool quiet);

static bool login_load(kiosk_app *app, const char *id)
{
    stiel_diag d;
    if (store_trainee_get(session_store(app->s), id, &app->trainee, &d) != STIEL_OK) {
        LOG_WARN("trainee %s: %s", id, d.text);
        memset(&app->trainee, 0, sizeof app->trainee);
        return false;
    }
    if (!kiosk_config_lang_parse(app->trainee.language, &app->lang))
        app->lang = app->kiosk_lang;
    app->tasks_done = 0;
    kiosk_staff_login(app); /* the supervisor's per-trainee settings */
    return true;
}

/* Real orders: the inbox and outbox (default under the data folder); off, with a log line, when
 * they cannot be used. Demo mode puts the sample pick lists in a new inbox. */
static void orders_open(kiosk_app *app, const kiosk_app_options *opt, int64_t wall_ms)
{
    if (!app->data_dir[0] && (!opt->orders_inbox || !opt->orders_outbox)) {
        LOG_INFO("real orders are off: no data folder for the inbox and outbox");
        return;
    }
    snprintf(app->orders_inbox, sizeof app->orders_inbox, "%.4000s%s",
             opt->orders_inbox ? opt->orders_inbox : app->data_dir,
             opt->orders_inbox ? "" : "/inbox");
    snprintf(app->orders_outbox, sizeof app->orders_outbox, "%.4000s%s",
             opt->orders_outbox ? opt->orders_outbox : app->data_dir,
             opt->orders_outbox ? "" : "/outbox");
    app->opt.orders_inbox = app->orders_inbox;
    app->opt.orders_outbox = app->orders_outbox;
    char samples[4200];
    snprintf(samples, sizeof samples, "%.4096s/samples/orders", app->asset_dir);
    kiosk_orders_config oc = {.inbox = app->orders_inbox, .outbox = app->orders_outbox,
                              .format = opt->orders_json ? ORDERS_FORMAT_JSON : ORDERS_FORMAT_CSV,
                              .kiosk_id = app->kiosk_id, .samples_dir = opt->demo ? samples : NULL};
    stiel_diag d;
    if (kiosk_orders_open(&oc, app->s, wall_ms, &app->orders, &d) != STIEL_OK)
        LOG_WARN("real orders are off: %s", d.text);
}

stiel_status kiosk_app_open(const kiosk_app_options *opt, kiosk_clock now, kiosk_app **out,
                            stiel_diag *diag)
{
    *out = NULL;
    kiosk_app *app = calloc(1, sizeof *app);
    if (!app)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the kiosk");
    app->opt = *opt;
    snprintf(app->data_dir, sizeof app->data_dir, "%s", opt->data_dir ? opt->data_dir : "");
    snprintf(app->asset_dir, sizeof app->asset_dir, "%s", opt->asset_dir);
    snprintf(app->kiosk_id, sizeof app->kiosk_id, "%s", opt->kiosk_id);
    snprintf(app->sscc_prefix, sizeof app->sscc_prefix, "%s",
             opt->sscc_prefix ? opt->sscc_prefix : "8712345");
    app->opt.data_dir = app->data_dir;
    app->opt.asset_dir = app->asset_dir;
    app->opt.kiosk_id = app->kiosk_id;
    app->opt.sscc_prefix = app->sscc_prefix;
    app->kiosk_lang = opt->language;
    app->lang = opt->language;
    app->scanner.state = opt->scanner_shown || opt->demo ? UI_DEV_OK : UI_DEV_NONE;
    app->printer.state = opt->printer_shown || opt->demo ? UI_DEV_OK : UI_DEV_NONE;
    session_config sc = {.data_dir = app->data_dir[0] ? app->data_dir : NULL,
                         .kiosk_id = app->kiosk_id, .asset_dir = app->asset_dir,
                         .actor_id = "kiosk", .now_ms = now.wall_ms};
    stiel_status st = session_open(&sc, &app->s, diag);
    if (st != STIEL_OK) {
        free(app);
        return st;
    }
    if (opt->demo)
        demo_pins(app, now.wall_ms);
    orders_open(app, opt, now.wall_ms);
    if (session_active(app->s) != SESSION_FLOW_NONE && login_load(app, session_trainee(app->s))) {
        app->mode = KIOSK_MODE_TASK;
        kiosk_out ignored;
        out_clear(&ignored);
        if (session_active(app->s) == SESSION_FLOW_PICK) {
            pick_effects fx;
            session_show_pick(app->s, &fx);
            apply_pick(app, &fx, "", &ignored, true);
        } else {
            pack_effects fx;
            session_show_pack(app->s, &fx);
            apply_pack(app, &fx, &ignored, true);
        }
        LOG_INFO("resumed task %s of %s at input %zu", session_task_id(app->s),
                 app->trainee.id, session_input_count(app->s));
    }
    app->last_mono = now.mono_ms;
    kiosk_app_view_build(app, now.mono_ms);
    *out = app;
    return STIEL_OK;
}

void kiosk_app_close(kiosk_app *app)
{
    if (!app)
        return;
    kiosk_staff_end(app);
    kiosk_orders_close(app->orders);
    session_close(app->s);
    free(app);
}

const kiosk_view *kiosk_app_view(const kiosk_app *app)
{
    return &app->view;
}

catalogue_lang kiosk_app_language(const kiosk_app *app)
{
    return app->kiosk_lang;
}

const char *kiosk_app_trainee(const kiosk_app *app)
{
    return app->trainee.id;
}

session *kiosk_app_session(kiosk_app *app)
{
    return app->s;
}

/* ---- tasks ------------------------------------------------------------------------------------ */

static void task_stats_reset(kiosk_app *app)
{
    app->lines_total = app->lines_done = app->lines_with_errors = 0;
    app->coach_calls = app->errors = 0;
    app->line_error_bits = 0;
    app->have_pick = app->have_pack = app->suggest_help = app->label_printed = false;
    app->typed = 0;
}

static void handle_pick(kiosk_app *app, const pick_event *ev, kiosk_clock now, kiosk_out *out);
static void pack_next(kiosk_app *app, const char *ended, const pick_flow *picked,
                      kiosk_clock now, kiosk_out *out);

/* A pick task was started: show its first step. */
static void pick_begin(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    app->mode = KIOSK_MODE_TASK;
    app->overlay = KIOSK_OVL_NONE;
    pick_event ev = {.kind = PICK_EV_TAP, .now_ms = now.mono_ms, .action = PICK_ACT_START};
    handle_pick(app, &ev, now, out);
}

static void pack_begin(kiosk_app *app, const pack_task *pt, kiosk_clock now, kiosk_out *out);

/* A practice task: a pick (drills as the trainee's settings say), or with picking switched off
 * for the trainee a pack of a practice order (kiosk_staff_pack_practice). */
static void start_pick(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    stiel_diag d;
    task_stats_reset(app);
    pack_task pt;
    if (!kiosk_staff_pick_on(app) &&
        kiosk_staff_pack_practice(app, (uint64_t)now.wall_ms, &pt)) {
        app->mode = KIOSK_MODE_TASK;
        app->overlay = KIOSK_OVL_NONE;
        pack_begin(app, &pt, now, out);
        return;
    }
    session_task_spec spec = {.flow = SESSION_FLOW_PICK, .trainee_id = app->trainee.id,
                              .seed = (uint64_t)now.wall_ms,
                              .no_drills = !kiosk_staff_drills_on(app)};
    if (session_start_task(app->s, &spec, now.wall_ms, &d) != STIEL_OK) {
        save_failed(app, out, &d);
        return;
    }
    pick_begin(app, now, out);
}

static void finish_task(kiosk_app *app, kiosk_out *out)
{
    app->mode = KIOSK_MODE_FINISHED;
    app->overlay = KIOSK_OVL_NONE;
    app->done_lines[app->tasks_done % KIOSK_HISTORY_MAX] = app->lines_total;
    app->tasks_done++;
    feedback(app, out, UI_FB_GOOD, "feedback.task_done");
}

/* The pick is done: pack what was picked of each of its orders in turn (pack_next). */
static void start_pack(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    const pick_flow *pf = session_pick(app->s);
    if (!pf || !kiosk_staff_pack_on(app)) {
        finish_task(app, out);
        if (pf)
            app->lines_total = (unsigned)pf->task.line_count;
        return;
    }
    app->lines_total = (unsigned)pf->task.line_count;
    app->lines_done = 0;
    for (size_t k = 0; k < pf->task.line_count; k++)
        if (pick_flow_line_status(pf, k) == PICK_LINE_DONE)
            app->lines_done++;
    pack_next(app, pf->task.id, pf, now, out);
}

/* Starts the pack task pt (its SSCCs from the wall clock) and shows its first step. */
static void pack_begin(kiosk_app *app, const pack_task *pt, kiosk_clock now, kiosk_out *out)
{
    stiel_diag d;
    /* Serials from the wall clock in tenths of a second: unique per kiosk for tasks begun at
     * least that far apart (a counter kept in the store would be better: see the report). */
    size_t plen = strlen(app->sscc_prefix);
    uint64_t room = 1;
    for (size_t i = plen; i < 16; i++)
        room *= 10;
    sscc_source src = {.extension = '0', .first_serial = ((uint64_t)now.wall_ms / 100) %
                                                         (room - PACK_SSCC_MAX)};
    snprintf(src.company_prefix, sizeof src.company_prefix, "%.*s",
             (int)sizeof src.company_prefix - 1, app->sscc_prefix);
    session_task_spec spec = {.flow = SESSION_FLOW_PACK, .trainee_id = app->trainee.id,
                              .pack = pt, .sscc = &src};
    if (session_start_task(app->s, &spec, now.wall_ms, &d) != STIEL_OK) {
        save_failed(app, out, &d);
        finish_task(app, out);
        return;
    }
    app->have_pick = false;
    app->label_printed = false;
    pack_effects fx;
    session_show_pack(app->s, &fx);
    apply_pack(app, &fx, out, true);
}

/* A pick (picked: its flow) or a pack ended: the next order of the same pick to pack — every
 * order of a cluster pick in turn, real or practice (kiosk_orders_next_pack) —, else done. */
static void pack_next(kiosk_app *app, const char *ended, const pick_flow *picked,
                      kiosk_clock now, kiosk_out *out)
{
    static pack_task pt;
    char task[TASK_ID_MAX + 1];
    snprintf(task, sizeof task, "%s", ended);
    if (!kiosk_orders_next_pack(app->orders, &app->packs, app->s, task, picked, now.wall_ms, &pt)) {
        finish_task(app, out);
        return;
    }
    pack_begin(app, &pt, now, out);
}

/* "Real order" on my work: a real order picked before and not packed yet, else the next waiting
 * real order(s) as a pick at the trainee's level. */
static void start_real(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    static pack_task pt;
    stiel_diag d;
    task_stats_reset(app);
    app->overlay = KIOSK_OVL_NONE;
    if (app->orders && kiosk_orders_pack_next(app->orders, &pt)) {
        app->mode = KIOSK_MODE_TASK;
        pack_begin(app, &pt, now, out);
        return;
    }
    stiel_status st = kiosk_orders_pick_start(app->orders, app->s, app->trainee.id, now.wall_ms,
                                              &d);
    if (st == STIEL_ERR_NOT_FOUND)
        feedback(app, out, UI_FB_ATTENTION, "feedback.not_now");
    else if (st != STIEL_OK)
        save_failed(app, out, &d);
    else
        pick_begin(app, now, out);
}

static ui_wrong_kind wrong_kind(const char *reason)
{
    if (strcmp(reason, "lookalike") == 0)
        return UI_WRONG_LOOKALIKE;
    if (strcmp(reason, "wrong_location") == 0)
        return UI_WRONG_LOCATION;
    if (strcmp(reason, "wrong_tote") == 0 || strcmp(reason, "not_this_order") == 0)
        return UI_WRONG_TOTE;
    if (strcmp(reason, "unknown_barcode") == 0)
        return UI_WRONG_UNKNOWN;
    if (strcmp(reason, "over_pick") == 0 || strcmp(reason, "too_many") == 0)
        return UI_WRONG_TOO_MANY;
    return UI_WRONG_ITEM;
}

static bool is_wrong_scan(const char *reason)
{
    static const char *const r[] = {"wrong_item", "lookalike", "wrong_location", "wrong_tote",
                                    "unknown_barcode", "over_pick", "too_many", "not_this_order"};
    for (size_t i = 0; reason && i < sizeof r / sizeof r[0]; i++)
        if (strcmp(reason, r[i]) == 0)
            return true;
    return false;
}

/* The wrong-scan screen: what the step expects next to what was scanned. */
static void show_wrong(kiosk_app *app, const char *reason, const char *scanned, int exp_item,
                       int exp_loc, const char *exp_code)
{
    const catalogue *cat = session_catalogue(app->s);
    ui_wrong_view *w = &app->wrong;
    memset(w, 0, sizeof *w);
    w->kind = wrong_kind(reason);
    ui_item_from_catalogue(cat, exp_item, app->lang, &w->expected_item);
    int got = catalogue_item_by_gtin(cat, scanned);
    ui_item_from_catalogue(cat, got, app->lang, &w->scanned_item);
    if (w->kind == UI_WRONG_LOCATION && exp_loc >= 0)
        snprintf(w->expected_code, sizeof w->expected_code, "%.*s", (int)sizeof w->expected_code - 1,
                 cat->locations[exp_loc].code);
    else
        snprintf(w->expected_code, sizeof w->expected_code, "%s", exp_code ? exp_code : "");
    int loc = catalogue_location_by_barcode(cat, scanned);
    snprintf(w->scanned_code, sizeof w->scanned_code, "%.*s", (int)sizeof w->scanned_code - 1,
             loc >= 0 ? cat->locations[loc].code : scanned);
    app->overlay = KIOSK_OVL_WRONG;
}

static void fx_feedback(kiosk_app *app, pick_feedback fb, const char *reason, kiosk_out *out)
{
    /* every flow reason has its "feedback.<reason>" text in assets/locale (test_po checks) */
    char id[UI_MSG_ID_MAX + 1];
    snprintf(id, sizeof id, "feedback.%s", reason && reason[0] ? reason : pick_feedback_name(fb));
    feedback(app, out,
             fb == PICK_FB_GOOD  ? UI_FB_GOOD
             : fb == PICK_FB_BAD ? UI_FB_BAD
                                 : UI_FB_ATTENTION,
             id);
}

static int scanner_cmd(pick_feedback fb)
{
    return fb == PICK_FB_GOOD  ? STIEL_SCANNER_CMD_GOOD
           : fb == PICK_FB_BAD ? STIEL_SCANNER_CMD_BAD
                               : STIEL_SCANNER_CMD_ATTENTION;
}

static void apply_pick(kiosk_app *app, const pick_effects *fx, const char *scanned,
                       kiosk_out *out, bool quiet)
{
    bool new_line = false;
    for (size_t i = 0; i < fx->count; i++) {
        const pick_effect *e = &fx->fx[i];
        switch (e->kind) {
        case PICK_FX_SHOW:
            new_line = !app->have_pick || e->show.line != app->pick.line ||
                       e->show.step != app->pick.step;
            app->pick = e->show;
            app->pick.tote = NULL; /* points into the flow; the view reads it from there */
            app->have_pick = true;
            if (new_line)
                app->typed = 0;
            if (!quiet && e->show.spoken && app->opt.speech)
                out->speak = true;
            break;
        case PICK_FX_FEEDBACK:
            if (quiet)
                break;
            fx_feedback(app, e->feedback, e->reason, out);
            if (e->feedback == PICK_FB_BAD && is_wrong_scan(e->reason) && app->have_pick) {
                const pick_flow *pf = session_pick(app->s);
                const char *tote = "";
                if (pf && app->pick.order < pf->task.order_count)
                    tote = pf->task.totes[app->pick.order];
                show_wrong(app, e->reason, scanned, app->pick.item, app->pick.location, tote);
            }
            break;
        case PICK_FX_SCANNER:
            if (!quiet)
                out->scanner_cmd = scanner_cmd(e->feedback);
            break;
        case PICK_FX_RECORD:
            if (e->record.errors && e->record.line >= 1 && e->record.line <= 32)
                app->line_error_bits |= 1u << (e->record.line - 1);
            app->errors += e->record.errors;
            break;
        case PICK_FX_SUGGEST_HELP:
            app->suggest_help = true;
            break;
        }
    }
}

static void apply_pack(kiosk_app *app, const pack_effects *fx, kiosk_out *out, bool quiet)
{
    for (size_t i = 0; i < fx->count; i++) {
        const pack_effect *e = &fx->fx[i];
        switch (e->kind) {
        case PACK_FX_SHOW:
            app->pack = e->show;
            app->have_pack = true;
            if (!quiet && e->show.spoken && app->opt.speech)
                out->speak = true;
            break;
        case PACK_FX_FEEDBACK:
            if (!quiet)
                fx_feedback(app, e->feedback, e->reason, out);
            break;
        case PACK_FX_SCANNER:
            if (!quiet)
                out->scanner_cmd = scanner_cmd(e->feedback);
            break;
        case PACK_FX_PRINT:
            app->label_printed = true;
            if (!quiet && out->label_count < KIOSK_OUT_LABELS)
                out->labels[out->label_count++] = e->label;
            break;
        case PACK_FX_VOID_SSCC:
            LOG_INFO("SSCC %s void (%s)", e->sscc, e->reason ? e->reason : "");
            break;
        case PACK_FX_RECORD:
            app->errors += e->record.errors;
            break;
        case PACK_FX_SUGGEST_HELP:
            app->suggest_help = true;
            break;
        }
    }
}

static void handle_pick(kiosk_app *app, const pick_event *ev, kiosk_clock now, kiosk_out *out)
{
    pick_effects fx;
    stiel_diag d;
    app->feedback = UI_FB_NONE;
    app->feedback_msg.id[0] = '\0';
    if (session_handle_pick(app->s, ev, now.wall_ms, &fx, &d) != STIEL_OK) {
        save_failed(app, out, &d);
        return;
    }
    apply_pick(app, &fx, ev->kind == PICK_EV_SCAN ? ev->data : "", out, false);
    if (session_active(app->s) == SESSION_FLOW_NONE)
        start_pack(app, now, out);
}

static void handle_pack(kiosk_app *app, const pack_event *ev, kiosk_clock now, kiosk_out *out)
{
    pack_effects fx;
    stiel_diag d;
    app->feedback = UI_FB_NONE;
    app->feedback_msg.id[0] = '\0';
    if (session_handle_pack(app->s, ev, now.wall_ms, &fx, &d) != STIEL_OK) {
        save_failed(app, out, &d);
        return;
    }
    apply_pack(app, &fx, out, false);
    if (ev->kind == PACK_EV_SCAN) {
        for (size_t i = 0; i < fx.count; i++)
            if (fx.fx[i].kind == PACK_FX_FEEDBACK && fx.fx[i].feedback == PICK_FB_BAD &&
                is_wrong_scan(fx.fx[i].reason)) {
                int exp = -1;
                for (size_t k = 0; k < app->pack.line_count && exp < 0; k++)
                    if (app->pack.packed[k] < app->pack.qty[k])
                        exp = (int)app->pack.item[k];
                const pack_flow *pf = session_pack(app->s);
                show_wrong(app, fx.fx[i].reason, ev->data, exp, -1, pf ? pf->task.tote : "");
            }
    }
    if (session_active(app->s) == SESSION_FLOW_NONE) {
        const pack_flow *kf = session_pack(app->s);
        pack_next(app, kf ? kf->task.id : "", NULL, now, out);
    }
}

/* ---- inputs ----------------------------------------------------------------------------------- */

typedef struct badge_ctx {
    const char *badge;
    char id[CAT_ID_MAX + 1];
} badge_ctx;

static int find_badge(const store_trainee *t, void *ctx)
{
    badge_ctx *c = ctx;
    if (!t->erased && strcmp(t->badge, c->badge) == 0) {
        snprintf(c->id, sizeof c->id, "%s", t->id);
        return 1;
    }
    return 0;
}

static void login(kiosk_app *app, const char *id, kiosk_out *out)
{
    if (!login_load(app, id)) {
        feedback(app, out, UI_FB_BAD, "feedback.unknown_barcode");
        return;
    }
    LOG_INFO("trainee %s logged in", app->trainee.id);
    app->mode = KIOSK_MODE_WORK;
    app->overlay = KIOSK_OVL_NONE;
    feedback(app, out, UI_FB_GOOD, "feedback.ok");
    out->scanner_cmd = STIEL_SCANNER_CMD_GOOD;
}

static void logout(kiosk_app *app)
{
    kiosk_staff_logout(app);
    memset(&app->trainee, 0, sizeof app->trainee);
    app->lang = app->kiosk_lang;
    app->mode = KIOSK_MODE_START;
    app->overlay = KIOSK_OVL_NONE;
    app->feedback = UI_FB_NONE;
    app->feedback_msg.id[0] = '\0';
}

void kiosk_app_scan(kiosk_app *app, const char *data, scan_symbology sym, const char *device,
                    kiosk_clock now, kiosk_out *out)
{
    out_clear(out);
    stiel_diag d;
    store_staff staff;
    if (kiosk_staff_scan(app, data, now, out)) {
        redraw(app, now, out);
        return;
    }
    if (store_staff_by_badge(session_store(app->s), data, &staff, &d) == STIEL_OK) {
        app->staff = staff;
        app->pin[0] = '\0';
        app->pin_wrong = false;
        app->overlay = KIOSK_OVL_EXIT_PIN;
        feedback(app, out, UI_FB_ATTENTION, "");
        redraw(app, now, out);
        return;
    }
    if (app->overlay == KIOSK_OVL_EXIT_PIN || app->overlay == KIOSK_OVL_SHORT) {
        feedback(app, out, UI_FB_ATTENTION, "feedback.not_now");
    } else if (app->mode == KIOSK_MODE_START || app->mode == KIOSK_MODE_WORK ||
               app->mode == KIOSK_MODE_FINISHED) {
        badge_ctx c = {.badge = data, .id = ""};
        store_trainees_each(session_store(app->s), find_badge, &c, &d);
        if (c.id[0] && app->mode == KIOSK_MODE_START)
            login(app, c.id, out);
        else if (c.id[0] && strcmp(c.id, app->trainee.id) != 0) {
            logout(app);
            login(app, c.id, out);
        } else if (c.id[0])
            feedback(app, out, UI_FB_ATTENTION, "feedback.tap_start");
        else
            feedback(app, out, UI_FB_BAD, "feedback.unknown_barcode");
        if (c.id[0] == '\0')
            out->scanner_cmd = STIEL_SCANNER_CMD_BAD;
    } else {
        app->overlay = KIOSK_OVL_NONE; /* a scan answers the wrong-scan or help screen */
        if (session_active(app->s) == SESSION_FLOW_PICK) {
            pick_event ev = {.kind = PICK_EV_SCAN, .now_ms = now.mono_ms, .symbology = sym};
            snprintf(ev.data, sizeof ev.data, "%s", data);
            snprintf(ev.device, sizeof ev.device, "%s", device);
            handle_pick(app, &ev, now, out);
        } else if (session_active(app->s) == SESSION_FLOW_PACK) {
            pack_event ev = {.kind = PACK_EV_SCAN, .now_ms = now.mono_ms, .symbology = sym};
            snprintf(ev.data, sizeof ev.data, "%s", data);
            snprintf(ev.device, sizeof ev.device, "%s", device);
            handle_pack(app, &ev, now, out);
        }
    }
    redraw(app, now, out);
}

static void pin_key(kiosk_app *app, const char *what, kiosk_clock now, kiosk_out *out)
{
    size_t n = strlen(app->pin);
    if (what[0] >= '0' && what[0] <= '9' && what[1] == '\0') {
        if (n < KIOSK_PIN_MAX) {
            app->pin[n] = what[0];
            app->pin[n + 1] = '\0';
        }
        app->pin_wrong = false;
    } else if (strcmp(what, "back") == 0) {
        if (n)
            app->pin[n - 1] = '\0';
    } else if (strcmp(what, "ok") == 0 && app->overlay == KIOSK_OVL_TRAINEE_PIN) {
        if (kiosk_trainee_pin_ok(app, now, out)) /* the name list's PIN: right → logged in */
            login(app, app->chosen.id, out);
    } else if (strcmp(what, "ok") == 0) {
        kiosk_staff_pin_ok(app, now, out); /* the staff home, or why not */
    }
}

static bool pick_tap(kiosk_app *app, const char *a, kiosk_clock now, kiosk_out *out)
{
    static const struct {
        const char *name;
        pick_action act;
    } map[] = {
        {"arrived", PICK_ACT_ARRIVED},        {"skip", PICK_ACT_SKIP},
        {"undo", PICK_ACT_UNDO},              {"photo", PICK_ACT_HELP_PHOTO},
        {"empty:yes", PICK_ACT_EMPTY_YES},    {"empty:no", PICK_ACT_EMPTY_NO},
        {"reason:empty", PICK_ACT_SHORT_EMPTY}, {"reason:damaged", PICK_ACT_SHORT_DAMAGED},
        {"reason:not_found", PICK_ACT_SHORT_NOT_FOUND},
        {"reason:other_item", PICK_ACT_SHORT_OTHER_ITEM}, {"start", PICK_ACT_START},
        {"help", PICK_ACT_CALL_COACH},        {"confirm", PICK_ACT_CONFIRM},
    };
    pick_event ev = {.kind = PICK_EV_TAP, .now_ms = now.mono_ms};
    if (strcmp(a, "short") == 0) {
        app->overlay = KIOSK_OVL_SHORT;
        return true;
    }
    if (strcmp(a, "qty:plus") == 0 || strcmp(a, "qty:minus") == 0) {
        if (a[4] == 'p' && app->typed < PACK_QTY_MAX)
            app->typed++;
        else if (a[4] == 'm' && app->typed > 0)
            app->typed--;
        return true;
    }
    const pick_flow *pf = session_pick(app->s);
    if (strcmp(a, "confirm") == 0 && pf && app->pick.step == PICK_STEP_QUANTITY &&
        pf->level.quantity == LEVEL_QTY_TYPED && !app->pick.qty_prefilled) {
        ev.kind = PICK_EV_QTY;
        ev.qty = app->typed;
    } else {
        size_t i = 0;
        while (i < sizeof map / sizeof map[0] && strcmp(map[i].name, a) != 0)
            i++;
        if (i == sizeof map / sizeof map[0])
            return false;
        ev.action = map[i].act;
    }
    app->overlay = ev.action == PICK_ACT_CALL_COACH ? KIOSK_OVL_HELP : KIOSK_OVL_NONE;
    if (ev.action == PICK_ACT_CALL_COACH)
        app->coach_calls++;
    handle_pick(app, &ev, now, out);
    return true;
}

static bool pack_tap(kiosk_app *app, const char *a, kiosk_clock now, kiosk_out *out)
{
    static const struct {
        const char *name;
        pack_action act;
    } map[] = {
        {"start", PACK_ACT_START},   {"confirm-box", PACK_ACT_CONFIRM}, {"confirm", PACK_ACT_CONFIRM},
        {"print", PACK_ACT_REPRINT}, {"reprint", PACK_ACT_REPRINT},     {"close", PACK_ACT_CLOSE},
        {"done", PACK_ACT_CLOSE},
        {"photo", PACK_ACT_HELP_PHOTO}, {"help", PACK_ACT_CALL_COACH},
    };
    size_t i = 0;
    while (i < sizeof map / sizeof map[0] && strcmp(map[i].name, a) != 0)
        i++;
    if (i == sizeof map / sizeof map[0])
        return false;
    pack_event ev = {.kind = PACK_EV_TAP, .now_ms = now.mono_ms, .action = map[i].act};
    app->overlay = ev.action == PACK_ACT_CALL_COACH ? KIOSK_OVL_HELP : KIOSK_OVL_NONE;
    if (ev.action == PACK_ACT_CALL_COACH)
        app->coach_calls++;
    handle_pack(app, &ev, now, out);
    return true;
}

static bool lang_tap(kiosk_app *app, const char *a, kiosk_out *out)
{
    catalogue_lang l;
    if (strncmp(a, "lang:", 5) != 0 || !kiosk_config_lang_parse(a + 5, &l))
        return false;
    app->lang = l;
    if (app->trainee.id[0] == '\0') {
        app->kiosk_lang = l;
        out->lang_changed = true;
    }
    return true;
}

void kiosk_app_tap(kiosk_app *app, const char *a, kiosk_clock now, kiosk_out *out)
{
    out_clear(out);
    bool known = true;
    if (kiosk_staff_tap(app, a, now, out)) { /* staff pages, coach overlay, self-assessment */
        redraw(app, now, out);
        return;
    }
    if (strcmp(a, "demo-scan-expected") == 0 || strcmp(a, "demo-scan-wrong") == 0) {
        char code[PICK_SCAN_MAX + 1];
        if (app->opt.demo && kiosk_app_demo_code(app, a[10] == 'e', code, sizeof code)) {
            kiosk_app_scan(app, code, SCAN_SYM_UNKNOWN, "demo", now, out);
            return;
        }
        feedback(app, out, UI_FB_ATTENTION, "feedback.not_now");
    } else if (lang_tap(app, a, out)) {
        /* the view below uses the new language */
    } else if (app->overlay == KIOSK_OVL_EXIT_PIN || app->overlay == KIOSK_OVL_TRAINEE_PIN) {
        if (strncmp(a, "pin:", 4) == 0)
            pin_key(app, a + 4, now, out);
        else if (strcmp(a, "back") == 0) {
            app->overlay = KIOSK_OVL_NONE;
            app->pin[0] = '\0';
        } else
            known = false;
    } else if (app->overlay == KIOSK_OVL_WRONG || app->overlay == KIOSK_OVL_HELP) {
        if (strcmp(a, "back") == 0 || strcmp(a, "confirm") == 0 || strcmp(a, "done") == 0)
            app->overlay = KIOSK_OVL_NONE;
        else if (strcmp(a, "help") == 0)
            known = pick_tap(app, a, now, out) || pack_tap(app, a, now, out);
        else
            known = false;
        app->feedback = UI_FB_NONE;
    } else if (app->overlay == KIOSK_OVL_SHORT) {
        if (strcmp(a, "back") == 0)
            app->overlay = KIOSK_OVL_NONE;
        else
            known = strncmp(a, "reason:", 7) == 0 && pick_tap(app, a, now, out);
    } else if (app->mode == KIOSK_MODE_START) {
        kiosk_name_list nl = kiosk_app_name_list(app);
        if (strncmp(a, "trainee:", 8) == 0 && nl == KIOSK_NAME_LIST_DIRECT)
            login(app, a + 8, out);
        else if (strncmp(a, "trainee:", 8) == 0 && nl == KIOSK_NAME_LIST_PIN)
            known = kiosk_trainee_pin_open(app, a + 8);
        else
            known = false;
    } else if (app->mode == KIOSK_MODE_WORK) {
        if (strcmp(a, "start") == 0 || strcmp(a, "next") == 0)
            start_pick(app, now, out);
        else if (strcmp(a, "start-real") == 0)
            start_real(app, now, out);
        else if (strcmp(a, "back") == 0)
            logout(app);
        else
            known = false;
    } else if (app->mode == KIOSK_MODE_FINISHED) {
        if (strcmp(a, "next") == 0 || strcmp(a, "start") == 0)
            start_pick(app, now, out);
        else if (strcmp(a, "back") == 0) {
            app->mode = KIOSK_MODE_WORK;
            app->feedback = UI_FB_NONE;
        } else
            known = false;
    } else if (session_active(app->s) == SESSION_FLOW_PICK) {
        known = pick_tap(app, a, now, out);
    } else if (session_active(app->s) == SESSION_FLOW_PACK) {
        known = pack_tap(app, a, now, out);
    } else {
        known = false;
    }
    if (!known)
        LOG_DEBUG("tap %s does nothing on screen %s", a, kiosk_app_screen_name(app));
    redraw(app, now, out);
}

void kiosk_app_key(kiosk_app *app, const char *key, kiosk_clock now, kiosk_out *out)
{
    bool digit = key[0] >= '0' && key[0] <= '9' && key[1] == '\0';
    if (app->overlay == KIOSK_OVL_EXIT_PIN || app->overlay == KIOSK_OVL_TRAINEE_PIN) {
        char a[16];
        snprintf(a, sizeof a, "pin:%s",
                 digit                             ? key
                 : strcmp(key, "Backspace") == 0 ? "back"
                 : strcmp(key, "Return") == 0    ? "ok"
                                                 : "");
        if (strcmp(a, "pin:") != 0) {
            kiosk_app_tap(app, a, now, out);
            return;
        }
    } else if (digit && app->mode == KIOSK_MODE_TASK && app->have_pick &&
               app->pick.step == PICK_STEP_QUANTITY) {
        out_clear(out);
        unsigned v = app->typed * 10 + (unsigned)(key[0] - '0');
        app->typed = v <= PACK_QTY_MAX ? v : app->typed;
        redraw(app, now, out);
        return;
    } else if (strcmp(key, "Backspace") == 0 && app->mode == KIOSK_MODE_TASK && app->have_pick) {
        out_clear(out);
        app->typed /= 10;
        redraw(app, now, out);
        return;
    } else if (strcmp(key, "Return") == 0 && app->mode == KIOSK_MODE_TASK &&
               app->overlay == KIOSK_OVL_NONE) {
        kiosk_app_tap(app, "confirm", now, out);
        return;
    }
    out_clear(out);
}

void kiosk_app_tick(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    out_clear(out);
    kiosk_staff_tick(app, now); /* a staff session ends after a while without a tap */
    if (app->view.screen == UI_SCREEN_MY_WORK &&
        now.mono_ms >= app->orders_polled + KIOSK_ORDERS_POLL_MS)
        orders_poll(app, now); /* the slow look in the inbox while "my work" is shown */
    if (app->mode == KIOSK_MODE_TASK && session_active(app->s) == SESSION_FLOW_PICK) {
        ui_feedback keep = app->feedback;
        ui_msg keep_msg = app->feedback_msg;
        pick_event ev = {.kind = PICK_EV_TICK, .now_ms = now.mono_ms};
        handle_pick(app, &ev, now, out);
        if (app->feedback == UI_FB_NONE) {
            app->feedback = keep;
            app->feedback_msg = keep_msg;
        }
    }
    redraw(app, now, out);
}

void kiosk_app_device(kiosk_app *app, bool printer, ui_device_state state, const char *msg_id,
                      pack_printer pstatus, kiosk_clock now, kiosk_out *out)
{
    out_clear(out);
    ui_device *dev = printer ? &app->printer : &app->scanner;
    dev->state = state;
    ui_msg_set(&dev->msg, msg_id ? msg_id : "", NULL, NULL, NULL);
    bool ok = state == UI_DEV_OK || state == UI_DEV_BUSY;
    if (printer && session_active(app->s) == SESSION_FLOW_PACK) {
        pack_event ev = {.kind = PACK_EV_PRINTER, .now_ms = now.mono_ms, .printer = pstatus};
        snprintf(ev.device, sizeof ev.device, "printer-1");
        handle_pack(app, &ev, now, out);
    } else if (!printer && session_active(app->s) == SESSION_FLOW_PICK) {
        pick_event ev = {.kind = PICK_EV_DEVICE, .now_ms = now.mono_ms, .ok = ok};
        snprintf(ev.device, sizeof ev.device, "scanner-1");
        handle_pick(app, &ev, now, out);
    } else if (!printer && session_active(app->s) == SESSION_FLOW_PACK) {
        pack_event ev = {.kind = PACK_EV_DEVICE, .now_ms = now.mono_ms, .ok = ok};
        snprintf(ev.device, sizeof ev.device, "scanner-1");
        handle_pack(app, &ev, now, out);
    }
    redraw(app, now, out);
}

bool kiosk_app_deadline(const kiosk_app *app, uint64_t *when_ms)
{
    uint64_t staff_ms;
    if (kiosk_staff_deadline(app, &staff_ms)) {
        uint64_t task_ms;
        *when_ms = kiosk_app_deadline_task(app, &task_ms) && task_ms < staff_ms ? task_ms
                                                                                : staff_ms;
        return true;
    }
    return kiosk_app_deadline_task(app, when_ms);
}

static bool kiosk_app_deadline_task(const kiosk_app *app, uint64_t *when_ms)
{
    if (app->orders && app->mode == KIOSK_MODE_WORK && app->overlay == KIOSK_OVL_NONE &&
        app->view.screen == UI_SCREEN_MY_WORK) {
        *when_ms = app->orders_polled + KIOSK_ORDERS_POLL_MS; /* real orders: a slow look */
        return true;
    }
    if (app->mode != KIOSK_MODE_TASK || !app->have_pick || app->pick.norm_seconds == 0 ||
        session_active(app->s) != SESSION_FLOW_PICK || app->pick.step == PICK_STEP_DONE)
        return false;
    *when_ms = app->last_mono + 1000; /* the elapsed seconds beside the norm */
    return true;
}

void kiosk_app_coach_prompt(kiosk_app *app, pick_prompt p, kiosk_clock now, kiosk_out *out)
{
    if (session_active(app->s) == SESSION_FLOW_PICK) {
        pick_event ev = {.kind = PICK_EV_COACH, .now_ms = now.mono_ms, .prompt = p};
        handle_pick(app, &ev, now, out);
    } else if (session_active(app->s) == SESSION_FLOW_PACK) {
        pack_event ev = {.kind = PACK_EV_COACH, .now_ms = now.mono_ms, .prompt = p};
        handle_pack(app, &ev, now, out);
    }
}

const char *kiosk_app_screen_name(const kiosk_app *app)
{
    static const char *const names[UI_SCREEN_COUNT] = {
        "start", "pin", "my-work", "pick", "pack", "wrong", "short", "help", "finished",
        "device", "staff", "self-assess"};
    if (app->view.screen == UI_SCREEN_STAFF)
        return kiosk_staff_page_name(app->view.staff.page);
    if (app->view.overlay == UI_OVERLAY_COACH)
        return "coach-overlay";
    return app->view.screen < UI_SCREEN_COUNT ? names[app->view.screen] : "?";
}
