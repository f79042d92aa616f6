/* The start screen's fallback for a trainee without their badge, through kiosk_app: [login]
 * name_list parsing (off|direct|pin, bad values named, the defaults: demo direct, otherwise pin,
 * off with the old [kiosk] name_list = no); pin mode: a tapped name opens the PIN pad, the right
 * PIN logs in, a wrong one is refused and recorded with the tries left, five lock the name (the
 * right PIN is then refused too), no PIN set → refused with "scan your badge, or ask your coach"
 * and recorded; direct mode logs in on the tap; off ignores it and lists nobody. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app/kiosk_app_internal.h"
#include "kiosk/app/kiosk_config.h"

#define WALL INT64_C(1767225600000)

static char data_dir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(data_dir, sizeof data_dir, "/tmp/stiel-kiosk-names-XXXXXX");
    return mkdtemp(data_dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static kiosk_clock at(int64_t ms)
{
    return (kiosk_clock){.mono_ms = (uint64_t)ms, .wall_ms = WALL + ms};
}

static kiosk_app *app_open(kiosk_name_list mode)
{
    kiosk_app_options o = {.data_dir = data_dir, .asset_dir = STIEL_TEST_ASSETS,
                           .kiosk_id = "kiosk-test", .sscc_prefix = "8712345",
                           .language = CAT_LANG_NL, .demo = true, .name_list = true,
                           .name_list_mode = mode};
    kiosk_app *app = NULL;
    stiel_diag d;
    if (kiosk_app_open(&o, at(0), &app, &d) != STIEL_OK)
        fail_msg("open: %s", d.text);
    return app;
}

static void tap(kiosk_app *app, const char *a, int64_t ms)
{
    kiosk_out out;
    kiosk_app_tap(app, a, at(ms), &out);
}

static void type_pin(kiosk_app *app, const char *pin, int64_t ms)
{
    for (const char *p = pin; *p; p++) {
        char a[8] = {'p', 'i', 'n', ':', *p, '\0'};
        tap(app, a, ms);
    }
    tap(app, "pin:ok", ms);
}

/* name-list checks of T-0002 recorded with this result */
typedef struct tally {
    const char *result;
    int n;
} tally;

static int tally_row(const store_row *r, void *ctx)
{
    tally *t = ctx;
    char needle[48];
    snprintf(needle, sizeof needle, "\"result\":\"%s\"", t->result);
    if (strcmp(r->kind, STORE_KIND_STAFF_AUTH) == 0 && strcmp(r->trainee_id, "T-0002") == 0 &&
        strcmp(r->actor_id, "T-0002") == 0 && r->payload && strstr(r->payload, needle))
        t->n++;
    return 0;
}

static int recorded(kiosk_app *app, const char *result)
{
    tally t = {.result = result};
    assert_int_equal(store_events_each(session_store(kiosk_app_session(app)), tally_row, &t, NULL),
                     STIEL_OK);
    return t.n;
}

static void test_config(void **state)
{
    (void)state;
    kiosk_name_list m = KIOSK_NAME_LIST_AUTO;
    assert_true(kiosk_config_name_list_parse("off", &m));
    assert_int_equal(m, KIOSK_NAME_LIST_OFF);
    assert_true(kiosk_config_name_list_parse("direct", &m));
    assert_int_equal(m, KIOSK_NAME_LIST_DIRECT);
    assert_true(kiosk_config_name_list_parse("pin", &m));
    assert_int_equal(m, KIOSK_NAME_LIST_PIN);
    assert_false(kiosk_config_name_list_parse("yes", &m));
    assert_false(kiosk_config_name_list_parse("PIN", &m));
    /* defaults: demo → direct, otherwise pin; the old flag's no → off; set wins */
    assert_int_equal(kiosk_config_name_list_mode(KIOSK_NAME_LIST_AUTO, true, true),
                     KIOSK_NAME_LIST_DIRECT);
    assert_int_equal(kiosk_config_name_list_mode(KIOSK_NAME_LIST_AUTO, true, false),
                     KIOSK_NAME_LIST_PIN);
    assert_int_equal(kiosk_config_name_list_mode(KIOSK_NAME_LIST_AUTO, false, false),
                     KIOSK_NAME_LIST_OFF);
    assert_int_equal(kiosk_config_name_list_mode(KIOSK_NAME_LIST_PIN, true, true),
                     KIOSK_NAME_LIST_PIN);
    assert_int_equal(kiosk_config_name_list_mode(KIOSK_NAME_LIST_DIRECT, false, false),
                     KIOSK_NAME_LIST_DIRECT);

    char path[96];
    snprintf(path, sizeof path, "%s/kiosk.ini", data_dir);
    const struct {
        const char *text;
        stiel_status st;
        kiosk_name_list want;
        const char *says;
    } cases[] = {
        {"[login]\nname_list = pin\n", STIEL_OK, KIOSK_NAME_LIST_PIN, NULL},
        {"[login]\nname_list = direct\n", STIEL_OK, KIOSK_NAME_LIST_DIRECT, NULL},
        {"[login]\nname_list = off\n", STIEL_OK, KIOSK_NAME_LIST_OFF, NULL},
        {"[kiosk]\nid = k\n", STIEL_OK, KIOSK_NAME_LIST_AUTO, NULL},
        {"[login]\n\nname_list = maybe\n", STIEL_ERR_ARG, KIOSK_NAME_LIST_AUTO, ":3:"},
        {"[login]\npin = yes\n", STIEL_ERR_SYNTAX, KIOSK_NAME_LIST_AUTO, "unknown key"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(cases[i].text, f);
        fclose(f);
        kiosk_config c;
        kiosk_config_default(&c);
        stiel_diag d;
        assert_int_equal(kiosk_config_load(&c, path, &d), cases[i].st);
        if (cases[i].st == STIEL_OK)
            assert_int_equal(c.login_name_list, cases[i].want);
        else
            assert_non_null(strstr(d.text, cases[i].says));
    }
}

static void test_pin_mode(void **state)
{
    (void)state;
    kiosk_app *app = app_open(KIOSK_NAME_LIST_PIN);
    const kiosk_view *v = kiosk_app_view(app);
    assert_int_equal(v->screen, UI_SCREEN_START);
    assert_true(v->start.pin_allowed);
    assert_true(v->start.person_count > 1);

    /* no PIN yet: the pad says to use the badge, and OK is refused and recorded */
    tap(app, "trainee:T-0002", 10);
    assert_int_equal(v->screen, UI_SCREEN_PIN);
    assert_string_equal(v->start.chosen.id, "T-0002");
    assert_string_equal(v->start.chosen.name, "Jeroen");
    assert_true(v->start.pin_wrong);
    assert_string_equal(v->headline.id, "start.pin_none");
    type_pin(app, "2468", 20);
    assert_int_equal(v->screen, UI_SCREEN_PIN);
    assert_string_equal(kiosk_app_trainee(app), "");
    assert_string_equal(v->headline.id, "start.pin_none");
    assert_int_equal(recorded(app, "no_pin"), 1);
    tap(app, "back", 30);
    assert_int_equal(v->screen, UI_SCREEN_START);

    /* a coach sets it */
    stiel_diag d;
    assert_int_equal(store_trainee_pin_set(session_store(kiosk_app_session(app)), "kiosk-test",
                                           "C-0001", "T-0002", "2468", WALL + 40, &d),
                     STIEL_OK);

    /* wrong: refused, recorded, tries left shown */
    tap(app, "trainee:T-0002", 50);
    assert_false(v->start.pin_wrong);
    type_pin(app, "1111", 60);
    assert_int_equal(v->screen, UI_SCREEN_PIN);
    assert_true(v->start.pin_wrong);
    assert_int_equal(v->start.pin_len, 0);
    assert_string_equal(v->headline.id, "staff.pin_wrong_left");
    assert_string_equal(v->headline.args[0], "4");
    assert_string_equal(kiosk_app_trainee(app), "");
    assert_int_equal(recorded(app, "wrong_pin"), 1);

    /* right: logged in, on my work */
    type_pin(app, "2468", 70);
    assert_string_equal(kiosk_app_trainee(app), "T-0002");
    assert_int_equal(v->screen, UI_SCREEN_MY_WORK);
    assert_int_equal(recorded(app, "ok"), 1);
    tap(app, "back", 80); /* log out */
    assert_int_equal(v->screen, UI_SCREEN_START);

    /* five wrong lock the name; the right PIN is refused while locked */
    tap(app, "trainee:T-0002", 90);
    for (int i = 0; i < ACCESS_LOCK_AFTER; i++)
        type_pin(app, "9999", 100 + i);
    assert_string_equal(v->headline.id, "staff.pin_locked");
    assert_string_equal(v->headline.args[0], "0:30");
    type_pin(app, "2468", 1000);
    assert_string_equal(kiosk_app_trainee(app), "");
    assert_string_equal(v->headline.id, "staff.pin_locked");
    assert_int_equal(recorded(app, "locked"), 1);
    assert_int_equal(recorded(app, "wrong_pin"), 1 + ACCESS_LOCK_AFTER);
    /* after the lock: the right PIN works */
    type_pin(app, "2468", 104 + ACCESS_LOCK_FIRST_MS);
    assert_string_equal(kiosk_app_trainee(app), "T-0002");
    kiosk_app_close(app);
}

static void test_direct_and_off(void **state)
{
    (void)state;
    kiosk_app *app = app_open(KIOSK_NAME_LIST_AUTO); /* demo: direct */
    const kiosk_view *v = kiosk_app_view(app);
    assert_true(v->start.pin_allowed);
    tap(app, "trainee:T-0002", 10);
    assert_string_equal(kiosk_app_trainee(app), "T-0002");
    assert_int_equal(v->screen, UI_SCREEN_MY_WORK);
    kiosk_app_close(app);

    app = app_open(KIOSK_NAME_LIST_OFF);
    v = kiosk_app_view(app);
    assert_false(v->start.pin_allowed);
    assert_int_equal(v->start.person_count, 0);
    tap(app, "trainee:T-0002", 10);
    assert_string_equal(kiosk_app_trainee(app), "");
    assert_int_equal(v->screen, UI_SCREEN_START);
    /* the badge still works */
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-1002", SCAN_SYM_UNKNOWN, "wedge", at(20), &out);
    assert_string_equal(kiosk_app_trainee(app), "T-0002");
    kiosk_app_close(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_pin_mode, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_direct_and_off, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
