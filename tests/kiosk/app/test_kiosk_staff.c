/* The staff layer of the kiosk (issue 6): tests/kiosk/scripts/coach_signoff.script played headless
 * ends with the coach's prompts in the trainee's evidence and a competency signed off with the
 * reason; a trainee's badge and a trainee's taps never reach a staff page or action; a wrong PIN
 * is refused and recorded, the lockout says its time left; the staff session ends after the idle
 * time; per-trainee settings (newest wins) switch packing off and change the language; the
 * self-assessment is stored; the dossier is written to the export folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "kiosk/app/kiosk_app_internal.h"
#include "kiosk/app/kiosk_host.h"
#include "kiosk/app/kiosk_script.h"
#include "kiosk/report/report.h"
#include "kiosk/store/store_dossier.h"

#define SCRIPTS STIEL_TEST_SOURCE_DIR "/tests/kiosk/scripts"

static char data_dir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(data_dir, sizeof data_dir, "/tmp/stiel-kiosk-staff-XXXXXX");
    return mkdtemp(data_dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data_dir);
    report_render_pdf_cleanup();   /* cairo's and fontconfig's caches from the dossier's PDF */
    return system(cmd) == 0 ? 0 : -1;
}

static kiosk_app *app_open(kiosk_clock now)
{
    kiosk_app_options o = {.data_dir = data_dir, .asset_dir = STIEL_TEST_ASSETS,
                           .kiosk_id = "kiosk-test", .sscc_prefix = "8712345",
                           .language = CAT_LANG_NL, .demo = true, .name_list = true};
    kiosk_app *app = NULL;
    stiel_diag d;
    if (kiosk_app_open(&o, now, &app, &d) != STIEL_OK)
        fail_msg("open: %s", d.text);
    return app;
}

typedef struct counts {
    int auth_ok, auth_wrong, auth_locked, coach_inputs, signoffs, refused, settings, self;
    char signoff_payload[512];
    char signoff_actor[32];
} counts;

static int count_row(const store_row *r, void *ctx)
{
    counts *c = ctx;
    if (strcmp(r->kind, STORE_KIND_STAFF_AUTH) == 0 && r->payload) {
        if (strstr(r->payload, "\"ok\""))
            c->auth_ok++;
        else if (strstr(r->payload, "wrong_pin"))
            c->auth_wrong++;
        else if (strstr(r->payload, "locked"))
            c->auth_locked++;
    } else if (strcmp(r->kind, SESSION_KIND_INPUT) == 0 && r->payload &&
               strstr(r->payload, "coach")) {
        c->coach_inputs++;
    } else if (strcmp(r->kind, "competency.signed_off") == 0) {
        c->signoffs++;
        snprintf(c->signoff_payload, sizeof c->signoff_payload, "%s", r->payload);
        snprintf(c->signoff_actor, sizeof c->signoff_actor, "%s", r->actor_id);
    } else if (strcmp(r->kind, STORE_KIND_ACCESS_REFUSED) == 0) {
        c->refused++;
    } else if (strcmp(r->kind, SESSION_KIND_TRAINEE_SETTINGS) == 0) {
        c->settings++;
    } else if (strcmp(r->kind, STORE_KIND_SELF_ASSESSMENT) == 0) {
        c->self++;
    }
    return 0;
}

static counts count_events(store *s)
{
    counts c;
    memset(&c, 0, sizeof c);
    stiel_diag d;
    assert_int_equal(store_events_each(s, count_row, &c, &d), STIEL_OK);
    return c;
}

static void type_pin(kiosk_app *app, const char *pin, kiosk_clock now)
{
    kiosk_out out;
    for (const char *p = pin; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        kiosk_app_tap(app, a, now, &out);
    }
    kiosk_app_tap(app, "pin:ok", now, &out);
}

/* The session script, then the evidence it left. */
static void test_script_coach_signoff(void **state)
{
    (void)state;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(surf);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(surf);
    assert_non_null(ren);
    static kiosk_host host;
    memset(&host, 0, sizeof host);
    host.opt = (kiosk_app_options){.data_dir = data_dir, .asset_dir = STIEL_TEST_ASSETS,
                                   .kiosk_id = "kiosk-test", .sscc_prefix = "8712345",
                                   .language = CAT_LANG_NL, .demo = true, .name_list = true};
    host.now = (kiosk_clock){.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    stiel_wedge_init(&host.wedge, NULL, NULL);
    kiosk_speech_init(&host.speech, false, NULL);
    stiel_diag d;
    assert_int_equal(ui_new(ren, STIEL_TEST_ASSETS, STIEL_TEST_FONTS, &host.ui, &d), STIEL_OK);
    assert_int_equal(kiosk_app_open(&host.opt, host.now, &host.app, &d), STIEL_OK);
    kiosk_host_draw(&host);
    stiel_status st = kiosk_script_run(&host, SCRIPTS "/coach_signoff.script", NULL, &d);
    if (st != STIEL_OK)
        fail_msg("coach_signoff.script: %s", d.text);
    counts c = count_events(session_store(kiosk_app_session(host.app)));
    assert_int_equal(c.auth_wrong, 1);      /* 9999 first */
    assert_int_equal(c.auth_ok, 1);
    assert_int_equal(c.coach_inputs, 3);    /* verbal (tap), gestural (card), done by coach */
    assert_int_equal(c.signoffs, 1);
    assert_string_equal(c.signoff_actor, "C-0001");
    assert_non_null(strstr(c.signoff_payload, "mm.location"));
    assert_non_null(strstr(c.signoff_payload, "\"criteria_met\":false"));
    assert_non_null(strstr(c.signoff_payload, "internship"));
    kiosk_app_close(host.app);
    ui_free(host.ui);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
}

/* A trainee's badge asks for no PIN and opens no staff page; no staff action works for a
 * trainee; a prompt card without a coach records nothing; a wrong PIN is refused and recorded. */
static void test_trainee_never_reaches_staff(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-1002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "my-work");
    static const char *const staff_taps[] = {
        "staff-home", "coach-floor", "floor", "setup", "leave", "trainee:T-0002", "comp:mm.location",
        "sign", "reason:0", "observe", "save", "export", "settings", "level:plus", "toggle:pack",
        "tlang:ar", "print-labels", "import-catalogue", "prompt:verbal", "pin:ok"};
    store *s = session_store(kiosk_app_session(app));
    counts before = count_events(s);
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof staff_taps / sizeof staff_taps[0]; i++) {
            kiosk_app_tap(app, staff_taps[i], now, &out);
            const char *scr = kiosk_app_screen_name(app);
            if (strncmp(scr, "staff", 5) == 0 || strncmp(scr, "coach", 5) == 0)
                fail_msg("a trainee's tap %s reached %s", staff_taps[i], scr);
            assert_false(out.exit);
        }
        kiosk_app_tap(app, "start", now, &out);   /* the same during a task */
        assert_string_equal(kiosk_app_screen_name(app), "pick");
    }
    size_t inputs = session_input_count(kiosk_app_session(app));
    kiosk_app_scan(app, "PROMPT-VERBAL", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_int_equal(session_input_count(kiosk_app_session(app)), inputs);
    assert_string_equal(kiosk_app_screen_name(app), "pick");
    counts after = count_events(s);
    assert_int_equal(after.coach_inputs, before.coach_inputs);
    assert_int_equal(after.signoffs, 0);
    assert_int_equal(after.settings, 0);
    /* the trainee's badge is no staff badge: authenticating with it is refused and recorded */
    stiel_diag d;
    store_staff_auth auth;
    assert_int_equal(store_staff_authenticate(s, "kiosk-test", "BADGE-1002", "1234", ACCESS_LOGIN,
                                              now.wall_ms, &auth, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(auth.result, "trainee_badge");
    /* a wrong staff PIN: refused, recorded, the tries left said; the fifth locks with the time */
    kiosk_app_scan(app, "BADGE-9001", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "pin");
    type_pin(app, "9999", now);
    assert_string_equal(kiosk_app_screen_name(app), "pin");
    assert_string_equal(kiosk_app_view(app)->headline.id, "staff.pin_wrong_left");
    assert_string_equal(kiosk_app_view(app)->headline.args[0], "4");
    for (int i = 0; i < 4; i++)
        type_pin(app, "9999", now);
    assert_string_equal(kiosk_app_view(app)->headline.id, "staff.pin_locked");
    assert_string_equal(kiosk_app_view(app)->headline.args[0], "0:30");
    type_pin(app, "1234", now);                /* the right PIN, but locked */
    assert_string_equal(kiosk_app_screen_name(app), "pin");
    counts locked = count_events(s);
    assert_int_equal(locked.auth_wrong - before.auth_wrong, 5);
    assert_true(locked.auth_locked >= 1);
    assert_int_equal(locked.auth_ok, before.auth_ok);
    /* after the lock: in */
    now.wall_ms += 31000;
    now.mono_ms += 31000;
    type_pin(app, "1234", now);
    assert_string_equal(kiosk_app_screen_name(app), "staff");
    kiosk_app_close(app);
}

/* The staff session ends after the idle time, back on the trainee's screen. */
static void test_staff_idle_timeout(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    kiosk_app_tap(app, "trainee:T-0002", now, &out);
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    type_pin(app, "1234", now);
    assert_string_equal(kiosk_app_screen_name(app), "staff");
    uint64_t when = 0;
    assert_true(kiosk_app_deadline(app, &when));
    assert_int_equal(when, now.mono_ms + KIOSK_STAFF_IDLE_MS);
    now.mono_ms += KIOSK_STAFF_IDLE_MS - 1;
    kiosk_app_tick(app, now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "staff");
    now.mono_ms += 1;
    kiosk_app_tick(app, now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "my-work");
    kiosk_app_close(app);
}

static int issued_row(const store_row *row, void *ctx)
{
    evidence_dossier *d = ctx;
    assert_non_null(row->payload);
    assert_int_equal(evidence_dossier_parse(row->payload, strlen(row->payload), d, NULL),
                     STIEL_OK);
    return 0;
}

/* The newest dossier.issued event of the kiosk: by the coach, its code in the HTML at html_path
 * and store_dossier_check_code judging it a match. */
static void dossier_code_checked(store *s, const char *html_path)
{
    evidence_dossier *d = calloc(1, sizeof *d);
    assert_non_null(d);
    stiel_diag diag;
    assert_int_equal(store_kiosk_last(s, "kiosk-test", "dossier.issued", issued_row, d, &diag),
                     STIEL_OK);
    assert_string_equal(d->trainee, "T-0002");
    assert_true(d->chain_count >= 1);
    assert_false(d->with_names);
    FILE *f = fopen(html_path, "rb");
    assert_non_null(f);
    static char html[1 << 20];
    size_t n = fread(html, 1, sizeof html - 1, f);
    fclose(f);
    html[n] = '\0';
    assert_non_null(strstr(html, d->code));
    store_dossier_check *chk = calloc(1, sizeof *chk);
    assert_non_null(chk);
    assert_int_equal(store_dossier_check_code(s, d->code, chk, &diag), STIEL_OK);
    assert_int_equal(chk->verdict, STORE_DOSSIER_MATCH);
    assert_int_equal(chk->issued, 2);   /* the HTML and the PDF */
    assert_string_equal(chk->actor_id, "S-0001");
    free(chk);
    free(d);
}

/* A supervisor switches packing off and Arabic on for Jeroen: newest settings win, the trainee
 * gets them at the next login; a level change is recorded with who; the dossier is written. */
static void test_supervisor_settings(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    type_pin(app, "1234", now);
    kiosk_app_tap(app, "trainee:T-0002", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "coach-review");
    kiosk_app_tap(app, "settings", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "staff-trainee");
    assert_true(kiosk_app_view(app)->staff.pack_on);
    kiosk_app_tap(app, "toggle:pack", now, &out);
    kiosk_app_tap(app, "tlang:fr", now, &out);
    kiosk_app_tap(app, "tlang:ar", now, &out);
    assert_false(kiosk_app_view(app)->staff.pack_on);
    assert_string_equal(kiosk_app_view(app)->staff.language, "ar");
    kiosk_app_tap(app, "toggle:pick", now, &out);   /* both off: refused */
    assert_true(kiosk_app_view(app)->staff.pick_on);
    assert_true(kiosk_app_view(app)->staff.notice_bad);
    unsigned level = kiosk_app_view(app)->staff.level;
    kiosk_app_tap(app, "level:plus", now, &out);
    assert_int_equal(kiosk_app_view(app)->staff.level, level + 1);
    store *s = session_store(kiosk_app_session(app));
    store_trainee t;
    stiel_diag d;
    assert_int_equal(store_trainee_get(s, "T-0002", &t, &d), STIEL_OK);
    assert_int_equal(t.level, level + 1);
    session_trainee_settings set;
    assert_int_equal(session_trainee_settings_get(s, "T-0002", &set, &d), STIEL_OK);
    assert_true(set.recorded && set.pick && !set.pack);
    assert_string_equal(set.language, "ar");
    /* the dossier to the export folder */
    char exports[128];
    snprintf(exports, sizeof exports, "%s/usb", data_dir);
    setenv("STIEL_EXPORT_DIR", exports, 1);
    kiosk_app_tap(app, "back", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "coach-review");
    kiosk_app_tap(app, "export", now, &out);
    unsetenv("STIEL_EXPORT_DIR");
    assert_string_equal(kiosk_app_view(app)->staff.notice.id, "coach.exported");
    char path[256];
    snprintf(path, sizeof path, "%s/%s", exports, kiosk_app_view(app)->staff.notice.args[0]);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_true(sb.st_size > 1000);
    /* its issue is recorded: `stiel verify --code` finds the code, which the HTML prints */
    dossier_code_checked(s, path);
    kiosk_app_tap(app, "back", now, &out);
    kiosk_app_tap(app, "back", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "start");
    /* Jeroen logs in: Arabic; after the pick the task is finished without a pack */
    kiosk_app_tap(app, "trainee:T-0002", now, &out);
    assert_int_equal(kiosk_app_view(app)->lang, CAT_LANG_AR);
    kiosk_app_tap(app, "start", now, &out);
    for (int i = 0; i < 400 && strcmp(kiosk_app_screen_name(app), "pick") == 0; i++) {
        char code[PICK_SCAN_MAX + 1];
        now.mono_ms += 300;
        const kiosk_view *v = kiosk_app_view(app);
        if (kiosk_app_demo_code(app, true, code, sizeof code)) {
            kiosk_app_scan(app, code, SCAN_SYM_UNKNOWN, "demo", now, &out);
        } else if (v->pick.step == PICK_STEP_QUANTITY && v->pick.qty_typed &&
                   !v->pick.qty_prefilled) {
            char qty[16];
            snprintf(qty, sizeof qty, "%u", v->pick.qty - v->pick.picked);
            for (const char *k = qty; *k; k++) {
                char key[2] = {*k, 0};
                kiosk_app_key(app, key, now, &out);
            }
            kiosk_app_key(app, "Return", now, &out);
        } else {
            static const char *const buttons[] = {"arrived", "confirm", "empty:no"};
            kiosk_app_tap(app, buttons[i % 3], now, &out);
        }
    }
    assert_string_equal(kiosk_app_screen_name(app), "finished");
    assert_int_equal(session_active(kiosk_app_session(app)), SESSION_FLOW_NONE);
    assert_null(session_pack(kiosk_app_session(app)));
    kiosk_app_close(app);
}

/* The self-assessment from the finished screen (offered from 14:00): stored once per day. */
static void test_self_assessment(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS + 7 * 3600000};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    kiosk_app_tap(app, "trainee:T-0002", now, &out);
    app->mode = KIOSK_MODE_FINISHED;   /* as after the last task of the day */
    kiosk_app_tap(app, "next-nothing", now, &out);
    assert_true(kiosk_app_view(app)->finished.self_offer);
    kiosk_app_tap(app, "self-assess", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "self-assess");
    kiosk_app_tap(app, "smiley:0:3", now, &out);
    kiosk_app_tap(app, "smiley:2:1", now, &out);
    assert_int_equal(kiosk_app_view(app)->self.answers[0], 3);
    kiosk_app_tap(app, "save", now, &out);
    assert_true(kiosk_app_view(app)->self.saved);
    kiosk_app_tap(app, "back", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "finished");
    assert_false(kiosk_app_view(app)->finished.self_offer);
    counts c = count_events(session_store(kiosk_app_session(app)));
    assert_int_equal(c.self, 1);
    kiosk_app_close(app);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_script_coach_signoff, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_trainee_never_reaches_staff, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_staff_idle_timeout, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_supervisor_settings, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_self_assessment, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
