/* stiel-kiosk without a screen: the config (defaults, every key, each kind of error with its file
 * and line), the lock's key verdicts, and the app brain — badge login, a wrong scan shown with
 * what was scanned, resume of the same trainee at the same step after a restart, the staff
 * badge + PIN that leaves, ticks only at levels with a time norm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/kiosk_lock.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_config_defaults_and_keys(void **state)
{
    (void)state;
    kiosk_config c;
    kiosk_config_default(&c);
    assert_string_equal(c.kiosk_id, "kiosk-1");
    assert_int_equal(c.language, CAT_LANG_NL);
    assert_int_equal(c.volume, 70);
    assert_true(c.name_list);
    assert_false(c.speech);
    assert_string_equal(c.scanner_port, "");
    char path[] = "/tmp/stiel-kiosk-ini-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "; a kiosk\n[kiosk]\nid = bench-3\nlanguage = ar\nvolume = 0\n"
                     "name_list = no\nspeech = yes\nsscc_prefix = 87654321\ndata = /tmp/x\n"
                     "[scanner]\nport = /dev/ttyUSB0\ndriver = ssi\nline = 115200 8N1 none\n"
                     "wedge = no\n[printer]\nport = tcp:10.0.0.5:9100\nlanguage = tspl\n");
    stiel_diag d;
    assert_int_equal(kiosk_config_load(&c, path, &d), STIEL_OK);
    assert_string_equal(c.kiosk_id, "bench-3");
    assert_int_equal(c.language, CAT_LANG_AR);
    assert_int_equal(c.volume, 0);
    assert_false(c.name_list);
    assert_true(c.speech);
    assert_string_equal(c.sscc_prefix, "87654321");
    assert_string_equal(c.data_dir, "/tmp/x");
    assert_string_equal(c.scanner_port, "/dev/ttyUSB0");
    assert_string_equal(c.scanner_driver, "ssi");
    assert_false(c.wedge);
    assert_string_equal(c.printer_language, "tspl");
    unlink(path);
}

/* Each kind of bad line gives its status and "FILE:LINE:" with the right line. */
static void test_config_errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        stiel_status st;
        const char *where;
        const char *what;
    } cases[] = {
        {"[kiosk]\nlanguage = de\n", STIEL_ERR_ARG, ":2:", "nl, fr, en or ar"},
        {"[kiosk]\n\nvolume = 101\n", STIEL_ERR_ARG, ":3:", "0..100"},
        {"[kiosk]\nspeech = maybe\n", STIEL_ERR_SYNTAX, ":2:", "yes or no"},
        {"[kiosk]\ncolour = red\n", STIEL_ERR_SYNTAX, ":2:", "unknown key"},
        {"[screen]\nx = 1\n", STIEL_ERR_SYNTAX, ":2:", "unknown section"},
        {"[scanner]\nline = 9601\n", STIEL_ERR_ARG, ":2:", "line"},
        {"[scanner]\ndriver = zebra-9000\n", STIEL_ERR_ARG, ":2:", "no such scanner driver"},
        {"[printer]\nlanguage = pdf\n", STIEL_ERR_ARG, ":2:", "zpl"},
        {"[kiosk]\nsscc_prefix = 12\n", STIEL_ERR_ARG, ":2:", "4 to 12 digits"},
        {"[kiosk]\nid = two words\n", STIEL_ERR_ARG, ":2:", "one word"},
        {"[kiosk]\nthis is not ini\n", STIEL_ERR_SYNTAX, ":2:", "INI line"},
    };
    char path[] = "/tmp/stiel-kiosk-ini-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(path, cases[i].text);
        kiosk_config c;
        kiosk_config_default(&c);
        stiel_diag d;
        stiel_status st = kiosk_config_load(&c, path, &d);
        if (st != cases[i].st || !strstr(d.text, path) || !strstr(d.text, cases[i].where) ||
            !strstr(d.text, cases[i].what))
            fail_msg("case %zu: status %d, diag \"%s\"", i, st, d.text);
    }
    unlink(path);
    kiosk_config c;
    stiel_diag d;
    assert_int_equal(kiosk_config_load(&c, "/nonexistent/kiosk.ini", &d), STIEL_ERR_IO);
    assert_non_null(strstr(d.text, "/nonexistent/kiosk.ini"));
}

static void test_lock_keys(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        bool blocked;
    } cases[] = {{"Escape", true},  {"Alt+F4", true},  {"Alt+Tab", true},
                 {"GUI+d", true},   {"Left GUI", true}, {"Ctrl+Alt+Backspace", true},
                 {"Ctrl+Alt+F1", true}, {"Ctrl+q", true}, {"5", false},
                 {"Return", false}, {"Backspace", false}, {"F4", false},
                 {"Shift+A", false}, {"Tab", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char key[32];
        kiosk_key_mods m;
        assert_true(kiosk_lock_key_parse(cases[i].key, key, &m));
        if (kiosk_lock_key_blocked(key, m) != cases[i].blocked)
            fail_msg("%s: blocked should be %d", cases[i].key, cases[i].blocked);
    }
    char key[32];
    kiosk_key_mods m;
    assert_true(kiosk_lock_key_parse("Alt+F4", key, &m));
    assert_string_equal(key, "F4");
    assert_true(m.alt && !m.ctrl);
    assert_true(kiosk_lock_key_parse("+", key, &m));
    assert_string_equal(key, "+");
    assert_false(kiosk_lock_key_parse("", key, &m));
}

/* ---- the app brain ---------------------------------------------------------------------------- */

static char data_dir[64];

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

static int setup_dir(void **state)
{
    (void)state;
    snprintf(data_dir, sizeof data_dir, "/tmp/stiel-kiosk-app-XXXXXX");
    return mkdtemp(data_dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_app_login_wrong_scan_resume(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = INT64_C(1736150400000)};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    assert_string_equal(kiosk_app_screen_name(app), "start");
    /* an unknown badge: a calm "bad", nobody logged in */
    kiosk_app_scan(app, "BADGE-0000", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_true(out.sound);
    assert_int_equal(out.sound_kind, UI_SOUND_BAD);
    assert_string_equal(kiosk_app_trainee(app), "");
    /* Sophie's badge */
    now.mono_ms += 500;
    kiosk_app_scan(app, "BADGE-1003", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_string_equal(kiosk_app_trainee(app), "T-0003");
    assert_string_equal(kiosk_app_screen_name(app), "my-work");
    assert_int_equal(kiosk_app_view(app)->lang, CAT_LANG_FR); /* her own language */
    kiosk_app_tap(app, "start", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "pick");
    char code[128], wrong[128];
    assert_true(kiosk_app_demo_code(app, true, code, sizeof code));
    now.mono_ms += 2000;
    kiosk_app_scan(app, code, SCAN_SYM_UNKNOWN, "scanner-1", now, &out);
    assert_true(out.redraw);
    assert_int_equal(kiosk_app_view(app)->pick.step, PICK_STEP_SCAN_ITEM);
    assert_true(kiosk_app_demo_code(app, false, wrong, sizeof wrong));
    kiosk_app_scan(app, wrong, SCAN_SYM_UNKNOWN, "scanner-1", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "wrong");
    const kiosk_view *v = kiosk_app_view(app);
    assert_string_not_equal(v->wrong.scanned_item.sku, "");
    assert_string_not_equal(v->wrong.expected_item.sku, v->wrong.scanned_item.sku);
    assert_int_equal(out.sound_kind, UI_SOUND_BAD);
    size_t inputs = session_input_count(kiosk_app_session(app));
    /* a power cut: the same trainee at the same step, nothing acknowledged lost */
    kiosk_app_close(app);
    app = app_open(now);
    assert_string_equal(kiosk_app_trainee(app), "T-0003");
    assert_string_equal(kiosk_app_screen_name(app), "pick");
    assert_int_equal(kiosk_app_view(app)->pick.step, PICK_STEP_SCAN_ITEM);
    assert_int_equal(session_input_count(kiosk_app_session(app)), inputs);
    /* level 3 has no time norm: no tick is asked for, the kiosk sleeps */
    uint64_t when = 0;
    assert_false(kiosk_app_deadline(app, &when));
    kiosk_app_close(app);
}

static void test_app_exit_needs_supervisor_pin(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = INT64_C(1736150400000)};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    /* the coach may not leave the kiosk, even with the right PIN */
    kiosk_app_scan(app, "BADGE-9001", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "pin");
    for (const char *p = "1234"; *p; p++) {
        char k[2] = {*p, 0};
        kiosk_app_key(app, k, now, &out);
    }
    kiosk_app_key(app, "Return", now, &out);
    assert_false(out.exit);
    /* the right PIN opens the coach's home (issue 6), which has no way out of the kiosk */
    assert_string_equal(kiosk_app_screen_name(app), "staff");
    assert_false(kiosk_app_view(app)->staff.supervisor);
    kiosk_app_tap(app, "leave", now, &out);
    assert_false(out.exit);
    kiosk_app_tap(app, "back", now, &out);
    assert_string_equal(kiosk_app_screen_name(app), "start");
    /* the supervisor with a wrong PIN, then the right one */
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    kiosk_app_tap(app, "pin:9", now, &out);
    kiosk_app_tap(app, "pin:9", now, &out);
    kiosk_app_tap(app, "pin:9", now, &out);
    kiosk_app_tap(app, "pin:9", now, &out);
    assert_int_equal(kiosk_app_view(app)->start.pin_len, 4);
    kiosk_app_tap(app, "pin:ok", now, &out);
    assert_false(out.exit);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        kiosk_app_tap(app, a, now, &out);
    }
    kiosk_app_tap(app, "pin:ok", now, &out);
    assert_false(out.exit);
    assert_string_equal(kiosk_app_screen_name(app), "staff");
    kiosk_app_tap(app, "leave", now, &out);
    assert_true(out.exit);
    kiosk_app_close(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_defaults_and_keys),
        cmocka_unit_test(test_config_errors_name_file_and_line),
        cmocka_unit_test(test_lock_keys),
        cmocka_unit_test_setup_teardown(test_app_login_wrong_scan_resume, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_app_exit_needs_supervisor_pin, setup_dir,
                                        teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
