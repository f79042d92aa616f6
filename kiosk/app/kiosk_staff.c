/* The staff layer's inputs (kiosk_staff.h): the staff PIN (authenticated and recorded by the
 * store, the lockout said with its time left), the coach and supervisor pages' taps, the coach
 * overlay's prompts and prompt cards into the trainee's flow, the inactivity timeout, and the
 * trainee's self-assessment. Every staff action is done by the store under the staff id. */
#include "kiosk/app/kiosk_app_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/orders_import.h"
#include "kiosk/app/setup_labels.h"
#include "kiosk/core/access.h"
#include "kiosk/core/order_gen.h"
#include "kiosk/core/pack_task.h"

#define LOG_PREFIX "staff"

/* The preset sign-off reasons (stored in English: evidence does not change with the screen's
 * language) and observation phrases, in the order of coach.reason.N / coach.phrase.N. */
static const char *const reasons_en[UI_STAFF_REASONS] = {
    "Seen doing this reliably on the work floor outside the kiosk",
    "Shown at an internship workplace, confirmed by the mentor there",
    "Criteria nearly met and steady over the last days",
    "Decided by the coaching team after a review of the evidence"};
static const char *const phrases_en[UI_STAFF_PHRASES] = {
    "Works safely and keeps the workplace tidy", "Works well with colleagues",
    "Asks for help at the right moment", "Needed a reminder today"};
static const char *const categories[UI_STAFF_CATEGORIES] = {
    "safety", "teamwork", "attitude", "quality", "workstation", "other"};
static const char *const label_kinds[UI_STAFF_LABEL_KINDS] = {"locations", "items", "totes",
                                                              "badges", "prompts"};

static void notice(kiosk_app *app, bool bad, const char *id, const char *arg)
{
    ui_msg_set(&app->staff_ui.notice, id, arg, NULL, NULL);
    app->staff_ui.notice_bad = bad;
}

static void data_drop(kiosk_app *app)
{
    kiosk_staff_data_free(app->staff_ui.data);
    app->staff_ui.data = NULL;
}

static void data_load(kiosk_app *app, kiosk_clock now)
{
    data_drop(app);
    stiel_diag d;
    if (kiosk_staff_data_load(app->s, app->asset_dir, app->staff_ui.trainee, now.wall_ms,
                              &app->staff_ui.data, &d) != STIEL_OK) {
        LOG_WARN("figures of %s: %s", app->staff_ui.trainee, d.text);
        notice(app, true, "staff.load_failed", NULL);
    }
}

static void flags_drop(kiosk_app *app)
{
    free(app->staff_ui.flags);
    app->staff_ui.flags = NULL;
}

/* To page; the flags page reads the trainee's flagged events once, as it is opened. */
static void go(kiosk_app *app, ui_staff_page page)
{
    kiosk_staff_state *st = &app->staff_ui;
    flags_drop(app);
    st->page = page;
    st->first = 0;
    if (page != UI_STAFF_FLAGS)
        return;
    stiel_diag d;
    if (kiosk_staff_flags_load(session_store(app->s), st->trainee, &st->flags, &d) != STIEL_OK)
        LOG_WARN("flagged events of %s: %s", st->trainee, d.text);
}

void kiosk_staff_end(kiosk_app *app)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (st->active)
        LOG_INFO("staff session of %s ended", st->who.id);
    data_drop(app);
    flags_drop(app);
    st->active = st->overlay = false;
    memset(&st->who, 0, sizeof st->who);
    st->notice.id[0] = '\0';
    st->page = UI_STAFF_HOME;
}

const char *kiosk_staff_page_name(ui_staff_page page)
{
    static const char *const names[UI_STAFF_PAGE_COUNT] = {
        "staff", "coach-review", "coach-charts", "coach-flags", "coach-observe",
        "coach-signoff", "staff-trainee", "staff-floor", "staff-setup"};
    return (int)page >= 0 && page < UI_STAFF_PAGE_COUNT ? names[page] : "staff";
}

/* ---- the PIN --------------------------------------------------------------------------------- */

void kiosk_staff_pin_ok(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    kiosk_staff_state *st = &app->staff_ui;
    stiel_diag d;
    store_staff_auth auth;
    memset(&auth, 0, sizeof auth);
    stiel_status rc = store_staff_authenticate(session_store(app->s), app->kiosk_id,
                                               app->staff.badge, app->pin, ACCESS_LOGIN,
                                               now.wall_ms, &auth, &d);
    app->pin[0] = '\0';
    if (rc == STIEL_OK) {
        LOG_INFO("%s (%s) signed in", auth.staff.id, access_role_name(auth.staff.role));
        data_drop(app);
        memset(st->notice.id, 0, sizeof st->notice.id);
        st->active = true;
        st->overlay = false;
        st->who = auth.staff;
        st->last_mono = now.mono_ms;
        st->pin_msg.id[0] = '\0';
        go(app, UI_STAFF_HOME);
        app->overlay = KIOSK_OVL_NONE;
        app->pin_wrong = false;
        app->feedback = UI_FB_GOOD;
        ui_msg_set(&app->feedback_msg, "", NULL, NULL, NULL);
        out->sound = true;
        out->sound_kind = UI_SOUND_GOOD;
        return;
    }
    LOG_INFO("staff PIN refused: %s", d.text);
    snprintf(st->last_auth, sizeof st->last_auth, "%s", d.text);
    app->pin_wrong = true;
    char n[32];
    if (auth.lockout.locked) {
        int64_t s = (auth.lockout.remaining_ms + 999) / 1000;
        snprintf(n, sizeof n, "%d:%02d", (int)(s / 60), (int)(s % 60));
        ui_msg_set(&st->pin_msg, "staff.pin_locked", n, NULL, NULL);
    } else if (strcmp(auth.result, "no_pin") == 0) {
        ui_msg_set(&st->pin_msg, "staff.pin_none", NULL, NULL, NULL);
    } else if (auth.lockout.failures > 0 && auth.lockout.failures < ACCESS_LOCK_AFTER) {
        snprintf(n, sizeof n, "%u", ACCESS_LOCK_AFTER - auth.lockout.failures);
        ui_msg_set(&st->pin_msg, "staff.pin_wrong_left", n, NULL, NULL);
    } else {
        ui_msg_set(&st->pin_msg, "pin.wrong", NULL, NULL, NULL);
    }
    app->feedback = UI_FB_BAD;
    ui_msg_set(&app->feedback_msg, "pin.wrong", NULL, NULL, NULL);
    out->sound = true;
    out->sound_kind = UI_SOUND_BAD;
}

/* ---- the coach overlay ----------------------------------------------------------------------- */

static bool prompt_parse(const char *name, pick_prompt *out)
{
    for (int p = PICK_PROMPT_GESTURAL; p < PICK_PROMPT_COUNT; p++)
        if (strcmp(name, pick_prompt_name((pick_prompt)p)) == 0) {
            *out = (pick_prompt)p;
            return true;
        }
    return false;
}

/* "PROMPT-PARTIAL-PHYSICAL" → partial_physical. */
static bool prompt_card(const char *data, pick_prompt *out)
{
    if (strncmp(data, "PROMPT-", 7) != 0)
        return false;
    char name[32];
    size_t n = 0;
    for (const char *p = data + 7; *p && n + 1 < sizeof name; p++)
        name[n++] = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
    name[n] = '\0';
    return prompt_parse(name, out);
}

static void coach_prompt(kiosk_app *app, pick_prompt p, kiosk_clock now, kiosk_out *out)
{
    stiel_diag d;
    if (session_active(app->s) == SESSION_FLOW_NONE) {
        notice(app, true, "coach.no_task", NULL);
        return;
    }
    if (store_staff_authorize(session_store(app->s), app->kiosk_id, app->staff_ui.who.id,
                              ACCESS_PROMPT_ENTRY, app->trainee.id, now.wall_ms, NULL,
                              &d) != STIEL_OK) {
        notice(app, true, "staff.refused", NULL);
        return;
    }
    kiosk_app_coach_prompt(app, p, now, out);
    char id[64];
    snprintf(id, sizeof id, "coach.prompt.%s", pick_prompt_name(p));
    ui_msg_set(&app->feedback_msg, "coach.recorded", NULL, NULL, NULL);
    app->feedback = UI_FB_GOOD;
    LOG_INFO("%s recorded prompt %s for %s", app->staff_ui.who.id, pick_prompt_name(p),
             app->trainee.id);
}

bool kiosk_staff_scan(kiosk_app *app, const char *data, kiosk_clock now, kiosk_out *out)
{
    kiosk_staff_state *st = &app->staff_ui;
    st->wall_ms = now.wall_ms;
    pick_prompt p;
    if (prompt_card(data, &p)) {
        if (st->active && st->overlay) {
            st->last_mono = now.mono_ms;
            coach_prompt(app, p, now, out);
        } else {
            /* a prompt card without a coach signed in records nothing (nor a wrong scan) */
            app->feedback = UI_FB_ATTENTION;
            ui_msg_set(&app->feedback_msg, "feedback.not_now", NULL, NULL, NULL);
        }
        return true;
    }
    if (!st->active)
        return false;
    store_staff other;
    stiel_diag d;
    if (store_staff_by_badge(session_store(app->s), data, &other, &d) == STIEL_OK) {
        kiosk_staff_end(app);   /* another (or the same) staff badge: its PIN next */
        return false;
    }
    if (st->overlay)
        return false;           /* the trainee scans on under the overlay */
    st->last_mono = now.mono_ms;
    return true;                /* the staff pages take no scans */
}

/* ---- page actions ---------------------------------------------------------------------------- */

/* env when set, else the configured folder, else <data>/<dflt>. */
static void folder(const kiosk_app *app, const char *env_name, const char *configured,
                   const char *dflt, char *out, size_t cap)
{
    const char *env = getenv(env_name);
    if (env && env[0])
        snprintf(out, cap, "%s", env);
    else if (configured && configured[0])
        snprintf(out, cap, "%s", configured);
    else
        snprintf(out, cap, "%.4000s/%s", app->data_dir, dflt);
}

void kiosk_staff_export_dir(const kiosk_app *app, char *out, size_t cap)
{
    folder(app, "STIEL_EXPORT_DIR", app->opt.export_dir, "exports", out, cap);
}

void kiosk_staff_import_dir(const kiosk_app *app, char *out, size_t cap)
{
    folder(app, "STIEL_IMPORT_DIR", app->opt.import_dir, "import", out, cap);
}

static void export_dir(const kiosk_app *app, char *out, size_t cap)
{
    kiosk_staff_export_dir(app, out, cap);
}

static void import_dir(const kiosk_app *app, char *out, size_t cap)
{
    kiosk_staff_import_dir(app, out, cap);
}

static void do_export(kiosk_app *app, kiosk_clock now)
{
    stiel_diag d;
    char dir[4200], path[4400];
    export_dir(app, dir, sizeof dir);
    store *s = session_store(app->s);
    if (store_staff_authorize(s, app->kiosk_id, app->staff_ui.who.id, ACCESS_EXPORT_DOSSIER,
                              app->staff_ui.trainee, now.wall_ms, NULL, &d) != STIEL_OK) {
        notice(app, true, "staff.refused", NULL);
        return;
    }
    if (kiosk_staff_dossier_write(app->s, app->asset_dir, app->staff_ui.trainee, dir,
                                  app->kiosk_id, app->staff_ui.who.id, now.wall_ms, path,
                                  sizeof path, &d) != STIEL_OK) {
        LOG_WARN("dossier of %s: %s", app->staff_ui.trainee, d.text);
        notice(app, true, "coach.export_failed", NULL);
        return;
    }
    char detail[600];
    snprintf(detail, sizeof detail, "{\"format\":\"html+pdf\",\"names\":false}");
    store_staff_action_record(s, app->kiosk_id, app->staff_ui.who.id, ACCESS_EXPORT_DOSSIER,
                              app->staff_ui.trainee, detail, now.wall_ms, NULL, &d);
    const char *base = strrchr(path, '/');
    notice(app, false, "coach.exported", base ? base + 1 : path);
}

static void do_signoff(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    ui_staff_comp c;
    const char *fw = NULL;
    if (!kiosk_staff_data_comp(st->data, st->comp, CAT_LANG_EN, &c, &fw) ||
        c.state == UI_COMP_SIGNED)
        return;
    bool meets = c.state == UI_COMP_MEETS;
    if (!meets && (st->reason < 0 || st->reason >= UI_STAFF_REASONS))
        return;  /* the button is not there without a reason */
    stiel_diag d;
    if (store_competency_sign_off(session_store(app->s), app->kiosk_id, st->trainee, st->comp, fw,
                                  st->who.id, meets, meets ? "" : reasons_en[st->reason],
                                  now.wall_ms, NULL, &d) != STIEL_OK) {
        LOG_WARN("sign-off of %s for %s: %s", st->comp, st->trainee, d.text);
        notice(app, true, "coach.sign_failed", NULL);
        return;
    }
    LOG_INFO("%s signed off %s for %s", st->who.id, st->comp, st->trainee);
    data_load(app, now);
    go(app, UI_STAFF_REVIEW);
    notice(app, false, "coach.signed", NULL);
}

static void do_observe(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (st->category < 0 || st->category >= UI_STAFF_CATEGORIES)
        return;
    const char *text = st->phrase >= 0 && st->phrase < UI_STAFF_PHRASES ? phrases_en[st->phrase]
                                                                         : "";
    stiel_diag d;
    if (store_observation_add(session_store(app->s), app->kiosk_id, st->trainee, st->who.id,
                              categories[st->category], st->positive, text, now.wall_ms, NULL,
                              &d) != STIEL_OK) {
        LOG_WARN("observation for %s: %s", st->trainee, d.text);
        notice(app, true, "coach.observe_failed", NULL);
        return;
    }
    data_load(app, now);
    go(app, UI_STAFF_REVIEW);
    notice(app, false, "coach.observed", NULL);
}

static void do_level(kiosk_app *app, const char *how, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (!st->data)
        return;
    ui_staff_view tmp;
    memset(&tmp, 0, sizeof tmp);
    kiosk_staff_data_fill(st->data, CAT_LANG_EN, 0, &tmp);
    unsigned level = tmp.level;
    char why[300];
    if (strcmp(how, "plus") == 0 && level < tmp.level_count) {
        level++;
        snprintf(why, sizeof why, "supervisor at the kiosk: up one level");
    } else if (strcmp(how, "minus") == 0 && level > 1) {
        level--;
        snprintf(why, sizeof why, "supervisor at the kiosk: down one level");
    } else if (strcmp(how, "suggested") == 0 && tmp.suggest_level) {
        level = tmp.suggest_level;
        snprintf(why, sizeof why, "engine suggestion taken: %.200s", tmp.suggest_why);
    } else {
        return;
    }
    stiel_diag d;
    store *s = session_store(app->s);
    if (store_staff_authorize(s, app->kiosk_id, st->who.id, ACCESS_LEVEL_CHANGE, st->trainee,
                              now.wall_ms, NULL, &d) != STIEL_OK ||
        store_trainee_set_level(s, app->kiosk_id, st->trainee, level, st->who.id, why,
                                now.wall_ms, NULL, &d) != STIEL_OK) {
        LOG_WARN("level of %s: %s", st->trainee, d.text);
        notice(app, true, "staff.refused", NULL);
        return;
    }
    char n[16];
    snprintf(n, sizeof n, "%u", level);
    if (strcmp(app->trainee.id, st->trainee) == 0)
        app->trainee.level = level;  /* the next task of the trainee logged in uses it */
    data_load(app, now);
    notice(app, false, "staff.level_set", n);
}

static void do_setting(kiosk_app *app, const char *what, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    stiel_diag d;
    store *s = session_store(app->s);
    session_trainee_settings set;
    if (session_trainee_settings_get(s, st->trainee, &set, &d) != STIEL_OK)
        return;
    if (strcmp(what, "toggle:pick") == 0)
        set.pick = !set.pick;
    else if (strcmp(what, "toggle:pack") == 0)
        set.pack = !set.pack;
    else if (strcmp(what, "toggle:drills") == 0)
        set.drills = !set.drills;
    else if (strcmp(what, "toggle:speech") == 0)
        set.speech = !set.speech;
    else if (strncmp(what, "tlang:", 6) == 0)
        snprintf(set.language, sizeof set.language, "%.2s", what + 6);
    if (session_trainee_settings_set(s, app->kiosk_id, st->trainee, st->who.id, &set, now.wall_ms,
                                     &d) != STIEL_OK) {
        LOG_INFO("settings of %s: %s", st->trainee, d.text);
        notice(app, true, strstr(d.text, "task kind") ? "staff.kinds_one" : "staff.refused",
               NULL);
        return;
    }
    if (strcmp(app->trainee.id, st->trainee) == 0)
        kiosk_staff_login(app);  /* the trainee logged in gets them at once */
    notice(app, false, "staff.saved", NULL);
}

static void do_import(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    char dir[4200];
    import_dir(app, dir, sizeof dir);
    const char *paths[1] = {dir};
    session_import_result *res = calloc(1, sizeof *res);
    if (!res)
        return;
    stiel_diag d;
    store *s = session_store(app->s);
    st->result_count = 0;
    stiel_status rc = store_staff_authorize(s, app->kiosk_id, st->who.id, ACCESS_IMPORT, NULL,
                                            now.wall_ms, NULL, &d);
    if (rc == STIEL_OK)
        rc = session_import_catalogue(s, paths, 1, app->kiosk_id, st->who.id, now.wall_ms, res,
                                      &d);
    char a[32], b[32], c[32];
    if (rc == STIEL_OK) {
        snprintf(a, sizeof a, "%lld", (long long)res->report.items);
        snprintf(b, sizeof b, "%lld", (long long)res->report.locations);
        snprintf(c, sizeof c, "%lld", (long long)res->report.boxes);
        ui_msg_set(&st->result[st->result_count++], "staff.import_counts", a, b, c);
        snprintf(a, sizeof a, "%lld", (long long)res->report.trainees_added);
        snprintf(b, sizeof b, "%lld", (long long)res->report.trainees_updated);
        ui_msg_set(&st->result[st->result_count++], "staff.import_trainees", a, b, NULL);
        notice(app, false, "staff.imported", NULL);
        LOG_INFO("%s imported the catalogue from %s", st->who.id, dir);
    } else {
        size_t n = res->errs.count;
        snprintf(a, sizeof a, "%zu", n ? n : 1);
        ui_msg_set(&st->result[st->result_count++], "staff.import_problems", a, NULL, NULL);
        /* the first problems as the importer wrote them ("file:line: column: reason") */
        for (size_t i = 0; i < n && st->result_count < UI_STAFF_LINES; i++) {
            const char *t = res->errs.items[i].text;
            const char *slash = strrchr(t, '/');
            ui_msg_set(&st->result[st->result_count++], "staff.raw", slash ? slash + 1 : t,
                       NULL, NULL);
        }
        if (!n)
            ui_msg_set(&st->result[st->result_count++], "staff.raw", d.text, NULL, NULL);
        notice(app, true, "staff.import_failed", NULL);
    }
    free(res);
}

/* Order files from <import>/orders (orders_import: all or nothing), the report as result lines. */
static void do_import_orders(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    char base[4200], dir[4300];
    import_dir(app, base, sizeof base);
    snprintf(dir, sizeof dir, "%s/orders", base);
    const char *paths[1] = {dir};
    orders_import_result *res = calloc(1, sizeof *res);
    if (!res)
        return;
    stiel_diag d;
    store *s = session_store(app->s);
    st->result_count = 0;
    stiel_status rc = store_staff_authorize(s, app->kiosk_id, st->who.id, ACCESS_IMPORT, NULL,
                                            now.wall_ms, NULL, &d);
    if (rc == STIEL_OK)
        rc = orders_import(s, paths, 1, app->kiosk_id, st->who.id, now.wall_ms, res, &d);
    char a[32], b[32];
    if (rc == STIEL_OK) {
        snprintf(a, sizeof a, "%zu", res->orders);
        snprintf(b, sizeof b, "%zu", res->file_count);
        ui_msg_set(&st->result[st->result_count++], "staff.orders_counts", a, b, NULL);
        for (size_t i = 0; i < res->file_count && st->result_count < UI_STAFF_LINES; i++) {
            char line[STIEL_DIAG_TEXT_MAX];
            snprintf(line, sizeof line, "%.63s: %zu", res->files[i].name, res->files[i].orders);
            ui_msg_set(&st->result[st->result_count++], "staff.raw", line, NULL, NULL);
        }
        notice(app, false, "staff.orders_imported", NULL);
        LOG_INFO("%s imported %zu orders from %s", st->who.id, res->orders, dir);
    } else {
        size_t n = res->errs.count + res->errs.dropped;
        snprintf(a, sizeof a, "%zu", n ? n : 1);
        ui_msg_set(&st->result[st->result_count++], "staff.import_problems", a, NULL, NULL);
        for (size_t i = 0; i < res->errs.count && st->result_count < UI_STAFF_LINES; i++)
            ui_msg_set(&st->result[st->result_count++], "staff.raw", res->errs.items[i].text,
                       NULL, NULL);
        if (!res->errs.count)
            ui_msg_set(&st->result[st->result_count++], "staff.raw", d.text, NULL, NULL);
        notice(app, true, rc == STIEL_ERR_DENIED ? "staff.refused" : "staff.import_failed",
               NULL);
        LOG_INFO("order import from %s refused: %s", dir, d.text);
    }
    free(res);
}

static stiel_status app_print(void *user, const char *lang, const void *bytes, size_t n,
                              uint64_t *job, stiel_diag *diag)
{
    const kiosk_app *app = user;
    *job = 0;
    return app->opt.print(app->opt.print_user, lang, bytes, n, diag);
}

/* The chosen kinds' labels (setup_labels: all of each kind, 12 totes) sent to the configured
 * printer's queue (options.print), else drawn by the virtual printer as PNG files in
 * <data>/labels/setup; how many were printed (handed to the printer) and failed as result lines
 * (the first failures with why), recorded as the staff action with those counts. */
static void do_labels(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    stiel_diag d;
    store *s = session_store(app->s);
    bool any = false;
    for (int i = 0; i < UI_STAFF_LABEL_KINDS; i++)
        any = any || st->labels[i];
    if (!any)
        return;
    st->result_count = 0;
    if (store_staff_authorize(s, app->kiosk_id, st->who.id, ACCESS_PRINT_SETUP_LABELS, NULL,
                              now.wall_ms, NULL, &d) != STIEL_OK) {
        notice(app, true, "staff.refused", NULL);
        return;
    }
    setup_labels l = {0};
    char kinds[160] = "";
    stiel_status rc = STIEL_OK;
    for (int i = 0; rc == STIEL_OK && i < UI_STAFF_LABEL_KINDS; i++) {
        setup_labels_kind k;
        if (!st->labels[i] || !setup_labels_kind_parse(label_kinds[i], &k))
            continue;
        size_t len = strlen(kinds);
        snprintf(kinds + len, sizeof kinds - len, "%s\"%s\"", len ? "," : "", label_kinds[i]);
        rc = setup_labels_load(s, k, SETUP_LABELS_TOTES_DEFAULT, app->kiosk_lang, &l, &d);
    }
    size_t n = 0, done = 0, failed = 0;
    if (rc == STIEL_OK)
        rc = setup_labels_select(&l, NULL, &n, &d);
    char dir[4300], tdir[4300];
    snprintf(dir, sizeof dir, "%.4000s/labels/setup", app->data_dir);
    snprintf(tdir, sizeof tdir, "%.4000s/labels", app->asset_dir);
    setup_labels_render r = {.template_dir = tdir};
    bool printer = app->opt.print && app->opt.printer_lang && app->opt.printer_lang[0];
    if (rc == STIEL_OK && printer) {
        rc = setup_labels_send(&l, &r, app->opt.printer_lang, app_print, app, &done, &d);
    } else if (rc == STIEL_OK) {
        rc = setup_labels_to_folder(&l, &r, dir, "png", &d);
        setup_labels_counts(&l, NULL, &done, NULL);
    }
    failed = n - done;   /* with a template or font missing, the ones not tried too */
    char detail[320];
    snprintf(detail, sizeof detail,
             "{\"labels\":[%s],\"printed\":%zu,\"failed\":%zu,\"to\":\"%s\"}", kinds, done,
             failed, printer ? "printer" : "folder");
    store_staff_action_record(s, app->kiosk_id, st->who.id, ACCESS_PRINT_SETUP_LABELS, NULL,
                              detail, now.wall_ms, NULL, &d);
    char a[32], b[32];
    snprintf(a, sizeof a, "%zu", done);
    snprintf(b, sizeof b, "%zu", failed);
    ui_msg_set(&st->result[st->result_count++], "staff.labels_result", a, b, NULL);
    if (rc != STIEL_OK) {
        LOG_WARN("set-up labels: %s", d.text);
        ui_msg_set(&st->result[st->result_count++], "staff.raw", d.text, NULL, NULL);
    }
    for (size_t i = 0; i < l.count && st->result_count < UI_STAFF_LINES; i++) {
        if (!l.items[i].failed)
            continue;
        char line[300];
        snprintf(line, sizeof line, "%.40s: %.200s", l.items[i].code, l.items[i].why);
        ui_msg_set(&st->result[st->result_count++], "staff.raw", line, NULL, NULL);
    }
    if (st->result_count < UI_STAFF_LINES && done && !printer)
        ui_msg_set(&st->result[st->result_count++], "staff.raw", dir, NULL, NULL);
    LOG_INFO("%s printed %zu set-up labels (%zu failed) to %s", st->who.id, done, failed,
             printer ? "the printer" : dir);
    notice(app, failed || rc != STIEL_OK, failed || rc != STIEL_OK ? "staff.labels_failed"
                                                                   : "staff.labels_printed",
           NULL);
    setup_labels_free(&l);
}

static bool page_tap(kiosk_app *app, const char *a, kiosk_clock now, kiosk_out *out)
{
    kiosk_staff_state *st = &app->staff_ui;
    bool sup = st->who.role >= ACCESS_ROLE_SUPERVISOR;
    st->notice.id[0] = '\0';
    if (strcmp(a, "back") == 0) {
        switch (st->page) {
        case UI_STAFF_HOME: kiosk_staff_end(app); break;
        case UI_STAFF_REVIEW:
        case UI_STAFF_FLOOR:
        case UI_STAFF_SETUP: go(app, UI_STAFF_HOME); break;
        default: go(app, UI_STAFF_REVIEW); break;
        }
        return true;
    }
    if (strcmp(a, "page:next") == 0 || strcmp(a, "page:prev") == 0) {
        if (a[5] == 'n')
            st->first += 5;
        else
            st->first = st->first >= 5 ? st->first - 5 : 0;
        return true;
    }
    switch (st->page) {
    case UI_STAFF_HOME:
        if (strncmp(a, "trainee:", 8) == 0) {
            snprintf(st->trainee, sizeof st->trainee, "%s", a + 8);
            data_load(app, now);
            go(app, UI_STAFF_REVIEW);
        } else if (strcmp(a, "coach-floor") == 0 && session_active(app->s) != SESSION_FLOW_NONE) {
            st->overlay = true;
            app->overlay = KIOSK_OVL_NONE;  /* the task itself, not the help or wrong screen */
        } else if (sup && strcmp(a, "floor") == 0) {
            go(app, UI_STAFF_FLOOR);
        } else if (sup && strcmp(a, "setup") == 0) {
            go(app, UI_STAFF_SETUP);
        } else if (sup && strcmp(a, "leave") == 0) {
            stiel_diag d;
            if (store_staff_action_record(session_store(app->s), app->kiosk_id, st->who.id,
                                          ACCESS_EXIT_KIOSK, NULL, NULL, now.wall_ms, NULL,
                                          &d) == STIEL_OK) {
                LOG_INFO("%s unlocked the kiosk", st->who.id);
                out->exit = true;
            } else {
                notice(app, true, "staff.refused", NULL);
            }
        }
        break;
    case UI_STAFF_REVIEW:
        if (strncmp(a, "comp:", 5) == 0) {
            snprintf(st->comp, sizeof st->comp, "%s", a + 5);
            st->reason = -1;
            go(app, UI_STAFF_SIGNOFF);
        } else if (strcmp(a, "charts") == 0) {
            go(app, UI_STAFF_CHARTS);
        } else if (strcmp(a, "flags") == 0) {
            go(app, UI_STAFF_FLAGS);
        } else if (strcmp(a, "observe") == 0) {
            st->category = st->phrase = -1;
            st->positive = true;
            go(app, UI_STAFF_OBSERVE);
        } else if (strcmp(a, "export") == 0) {
            do_export(app, now);
        } else if (sup && strcmp(a, "settings") == 0) {
            go(app, UI_STAFF_TRAINEE);
        }
        break;
    case UI_STAFF_SIGNOFF:
        if (strncmp(a, "reason:", 7) == 0)
            st->reason = atoi(a + 7) % UI_STAFF_REASONS;
        else if (strcmp(a, "sign") == 0)
            do_signoff(app, now);
        break;
    case UI_STAFF_OBSERVE:
        if (strncmp(a, "cat:", 4) == 0) {
            for (int i = 0; i < UI_STAFF_CATEGORIES; i++)
                if (strcmp(a + 4, categories[i]) == 0)
                    st->category = i;
        } else if (strcmp(a, "outcome:positive") == 0 || strcmp(a, "outcome:concern") == 0) {
            st->positive = a[8] == 'p';
        } else if (strncmp(a, "phrase:", 7) == 0) {
            int p = atoi(a + 7) % UI_STAFF_PHRASES;
            st->phrase = st->phrase == p ? -1 : p;
        } else if (strcmp(a, "save") == 0) {
            do_observe(app, now);
        }
        break;
    case UI_STAFF_TRAINEE:
        if (!sup)
            break;
        if (strncmp(a, "level:", 6) == 0)
            do_level(app, a + 6, now);
        else if (strncmp(a, "toggle:", 7) == 0 || strncmp(a, "tlang:", 6) == 0)
            do_setting(app, a, now);
        break;
    case UI_STAFF_SETUP:
        if (!sup)
            break;
        if (strncmp(a, "labels:", 7) == 0) {
            for (int i = 0; i < UI_STAFF_LABEL_KINDS; i++)
                if (strcmp(a + 7, label_kinds[i]) == 0)
                    st->labels[i] = !st->labels[i];
        } else if (strcmp(a, "print-labels") == 0) {
            do_labels(app, now);
        } else if (strcmp(a, "import-catalogue") == 0) {
            do_import(app, now);
        } else if (strcmp(a, "import-orders") == 0) {
            do_import_orders(app, now);
        }
        break;
    default: break;
    }
    return true;
}

/* ---- the self-assessment --------------------------------------------------------------------- */

static bool self_tap(kiosk_app *app, const char *a, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (app->mode != KIOSK_MODE_FINISHED || !app->trainee.id[0])
        return false;
    if (!st->self_open) {
        if (strcmp(a, "self-assess") != 0)
            return false;
        st->self_open = true;
        memset(st->self_answers, 0, sizeof st->self_answers);
        return true;
    }
    unsigned q, v;
    if (sscanf(a, "smiley:%u:%u", &q, &v) == 2 && q < 3 && v >= 1 && v <= STORE_SMILEY_MAX) {
        st->self_answers[q] = v;
    } else if (strcmp(a, "save") == 0) {
        stiel_diag d;
        int64_t day = now.wall_ms / 86400000;
        stiel_status rc = store_self_assessment_add(session_store(app->s), app->kiosk_id,
                                                    app->trainee.id, day, st->self_answers,
                                                    now.wall_ms, NULL, &d);
        if (rc == STIEL_OK || rc == STIEL_ERR_STATE) {   /* STATE: today's is in already */
            st->self_saved = true;
            st->self_day = day;
        } else {
            LOG_WARN("self-assessment of %s: %s", app->trainee.id, d.text);
        }
        st->self_open = rc == STIEL_OK || rc == STIEL_ERR_STATE ? st->self_open : false;
    } else if (strcmp(a, "back") == 0) {
        st->self_open = false;
    }
    return true;
}

/* ---- the hooks ------------------------------------------------------------------------------- */

bool kiosk_staff_tap(kiosk_app *app, const char *a, kiosk_clock now, kiosk_out *out)
{
    kiosk_staff_state *st = &app->staff_ui;
    st->wall_ms = now.wall_ms;
    if (!st->active)
        return self_tap(app, a, now);
    st->last_mono = now.mono_ms;
    if (!st->overlay)
        return page_tap(app, a, now, out);
    pick_prompt p;
    if (strncmp(a, "prompt:", 7) == 0 && prompt_parse(a + 7, &p)) {
        coach_prompt(app, p, now, out);
        return true;
    }
    if (strcmp(a, "staff-home") == 0) {
        st->overlay = false;
        go(app, UI_STAFF_HOME);
        return true;
    }
    if (strcmp(a, "overlay-close") == 0) {
        kiosk_staff_end(app);
        return true;
    }
    return false;
}

void kiosk_staff_tick(kiosk_app *app, kiosk_clock now)
{
    kiosk_staff_state *st = &app->staff_ui;
    st->wall_ms = now.wall_ms;
    if (st->active && now.mono_ms >= st->last_mono + KIOSK_STAFF_IDLE_MS)
        kiosk_staff_end(app);
}

bool kiosk_staff_deadline(const kiosk_app *app, uint64_t *when_ms)
{
    if (!app->staff_ui.active)
        return false;
    *when_ms = app->staff_ui.last_mono + KIOSK_STAFF_IDLE_MS;
    return true;
}

void kiosk_staff_login(kiosk_app *app)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (!st->cfg_speech_known) {
        st->cfg_speech = app->opt.speech;
        st->cfg_speech_known = true;
    }
    stiel_diag d;
    if (session_trainee_settings_get(session_store(app->s), app->trainee.id, &st->settings, &d) !=
        STIEL_OK) {
        LOG_WARN("settings of %s: %s", app->trainee.id, d.text);
        return;
    }
    app->opt.speech = st->cfg_speech && st->settings.speech;
    catalogue_lang l;
    if (st->settings.language[0] && kiosk_config_lang_parse(st->settings.language, &l))
        app->lang = l;
    st->self_saved = false;
    st->self_open = false;
}

void kiosk_staff_logout(kiosk_app *app)
{
    kiosk_staff_state *st = &app->staff_ui;
    if (st->cfg_speech_known)
        app->opt.speech = st->cfg_speech;
    memset(&st->settings, 0, sizeof st->settings);
    st->settings.pick = st->settings.pack = true;
    st->self_open = st->self_saved = false;
}

bool kiosk_staff_pack_on(const kiosk_app *app)
{
    const session_trainee_settings *s = &app->staff_ui.settings;
    return !s->recorded || s->pack;
}

bool kiosk_staff_pick_on(const kiosk_app *app)
{
    const session_trainee_settings *s = &app->staff_ui.settings;
    return !s->recorded || s->pick;
}

bool kiosk_staff_drills_on(const kiosk_app *app)
{
    const session_trainee_settings *s = &app->staff_ui.settings;
    return !s->recorded || s->drills;
}

bool kiosk_staff_pack_practice(kiosk_app *app, uint64_t seed, pack_task *out)
{
    const service_level *lv = service_levels_get(session_levels(app->s), app->trainee.level);
    if (!lv)
        return false;
    service_level plain = *lv;
    plain.drill_empty_pct = plain.drill_damaged_pct = plain.drill_lookalike_pct = 0;
    pick_task *pick = malloc(sizeof *pick);
    if (!pick)
        return false;
    stiel_diag d;
    char id[32], order_no[32];
    snprintf(id, sizeof id, "PK-%016llx", (unsigned long long)seed);
    snprintf(order_no, sizeof order_no, "SO-%016llx", (unsigned long long)seed);
    stiel_status st = order_gen_training(session_catalogue(app->s), &plain, seed, app->trainee.id,
                                         pick, &d);
    if (st == STIEL_OK)
        st = pack_task_from_pick(pick, 0, NULL, id, order_no, out, &d);
    free(pick);
    if (st != STIEL_OK)
        LOG_WARN("a pack task for %s: %s", app->trainee.id, d.text);
    return st == STIEL_OK;
}
