/* Roles and staff actions: the full role matrix, names round-trip; the lockout rule: 5 wrong PINs
 * lock for 30 s, one try after each lock, 60 s, 120 s ... capped at 15 min, a right PIN resets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/core/access.h"

static void test_matrix(void **state)
{
    (void)state;
    /* the expected lowest role of every action, written out independently of the table */
    static const struct {
        access_action a;
        const char *name;
        access_role min;
    } want[] = {
        {ACCESS_LOGIN, "login", ACCESS_ROLE_COACH},
        {ACCESS_LEVEL_CHANGE, "level_change", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_SIGN_OFF, "sign_off", ACCESS_ROLE_COACH},
        {ACCESS_OBSERVATION, "observation", ACCESS_ROLE_COACH},
        {ACCESS_PROMPT_ENTRY, "prompt_entry", ACCESS_ROLE_COACH},
        {ACCESS_ERASE, "erase", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_IMPORT, "import", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_PRINT_SETUP_LABELS, "print_setup_labels", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_EXPORT_DOSSIER, "export_dossier", ACCESS_ROLE_COACH},
        {ACCESS_CHANGE_PIN, "change_pin", ACCESS_ROLE_COACH},
        {ACCESS_RESET_PIN, "reset_pin", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_ADD_STAFF, "add_staff", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_EXIT_KIOSK, "exit_kiosk", ACCESS_ROLE_SUPERVISOR},
        {ACCESS_TRAINEE_PIN, "trainee_pin", ACCESS_ROLE_COACH},
    };
    assert_int_equal(sizeof want / sizeof want[0], ACCESS_ACTION_COUNT);
    for (size_t i = 0; i < ACCESS_ACTION_COUNT; i++) {
        assert_string_equal(access_action_name(want[i].a), want[i].name);
        access_action back;
        assert_true(access_action_parse(want[i].name, &back));
        assert_int_equal(back, want[i].a);
        assert_int_equal(access_action_min_role(want[i].a), want[i].min);
        /* a trainee never; a coach only coach actions; a supervisor everything */
        assert_false(access_allowed(ACCESS_ROLE_TRAINEE, want[i].a));
        assert_int_equal(access_allowed(ACCESS_ROLE_COACH, want[i].a),
                         want[i].min == ACCESS_ROLE_COACH);
        assert_true(access_allowed(ACCESS_ROLE_SUPERVISOR, want[i].a));
    }
    assert_false(access_allowed(ACCESS_ROLE_SUPERVISOR, ACCESS_ACTION_COUNT));
    assert_false(access_allowed(ACCESS_ROLE_COUNT, ACCESS_LOGIN));
    assert_false(access_allowed((access_role)-1, ACCESS_LOGIN));
    assert_null(access_action_name(ACCESS_ACTION_COUNT));
    assert_int_equal(access_action_min_role(ACCESS_ACTION_COUNT), ACCESS_ROLE_COUNT);
    assert_false(access_action_parse("Sign_off", NULL));
    assert_false(access_action_parse(NULL, NULL));
}

static void test_role_names(void **state)
{
    (void)state;
    const char *names[] = {"trainee", "coach", "supervisor"};
    for (unsigned i = 0; i < 3; i++) {
        assert_string_equal(access_role_name((access_role)i), names[i]);
        access_role r;
        assert_true(access_role_parse(names[i], &r));
        assert_int_equal(r, i);
    }
    assert_null(access_role_name(ACCESS_ROLE_COUNT));
    assert_false(access_role_parse("admin", NULL));
    assert_false(access_role_parse("", NULL));
}

static void test_delays(void **state)
{
    (void)state;
    assert_int_equal(access_lock_delay_ms(0), 0);
    assert_int_equal(access_lock_delay_ms(4), 0);
    assert_int_equal(access_lock_delay_ms(5), 30000);
    assert_int_equal(access_lock_delay_ms(6), 60000);
    assert_int_equal(access_lock_delay_ms(7), 120000);
    assert_int_equal(access_lock_delay_ms(8), 240000);
    assert_int_equal(access_lock_delay_ms(9), 480000);
    assert_int_equal(access_lock_delay_ms(10), 900000);
    assert_int_equal(access_lock_delay_ms(11), 900000);
    assert_int_equal(access_lock_delay_ms(4000000000u), 900000);
}

/* Plays a person who types wrong PINs whenever allowed: each lock must be 30 s, 60 s ... and an
 * attempt inside a lock must be refused; the first attempt after a lock is allowed. */
static void test_series(void **state)
{
    (void)state;
    access_attempt h[32];
    size_t n = 0;
    int64_t t = 1000000;
    access_lockout lo;
    for (int i = 0; i < 5; i++) {
        access_lockout_eval(h, n, t, &lo);
        assert_false(lo.locked);
        h[n++] = (access_attempt){t, false};
        t += 1000;
    }
    int64_t expect = 30000;
    for (int round = 0; round < 7; round++) {
        int64_t last = h[n - 1].ts_ms;
        access_lockout_eval(h, n, last, &lo);
        assert_true(lo.locked);
        assert_int_equal(lo.delay_ms, expect);
        assert_int_equal(lo.until_ms, last + expect);
        assert_int_equal(lo.remaining_ms, expect);
        /* one millisecond before the end: still locked, 1 ms left */
        access_lockout_eval(h, n, last + expect - 1, &lo);
        assert_true(lo.locked);
        assert_int_equal(lo.remaining_ms, 1);
        /* at the end: one try */
        access_lockout_eval(h, n, last + expect, &lo);
        assert_false(lo.locked);
        assert_int_equal(lo.remaining_ms, 0);
        h[n++] = (access_attempt){last + expect, false};
        expect = expect * 2 > 900000 ? 900000 : expect * 2;
    }
    /* a right PIN (after the lock) ends the series */
    int64_t last = h[n - 1].ts_ms;
    h[n++] = (access_attempt){last + 900000, true};
    access_lockout_eval(h, n, last + 900001, &lo);
    assert_false(lo.locked);
    assert_int_equal(lo.failures, 0);
    assert_int_equal(lo.delay_ms, 0);
    /* and four wrong ones after it do not lock */
    for (int i = 0; i < 4; i++)
        h[n++] = (access_attempt){last + 900002 + i, false};
    access_lockout_eval(h, n, last + 900010, &lo);
    assert_false(lo.locked);
    assert_int_equal(lo.failures, 4);
}

static void test_empty(void **state)
{
    (void)state;
    access_lockout lo;
    access_lockout_eval(NULL, 0, 5, &lo);
    assert_false(lo.locked);
    assert_int_equal(lo.failures, 0);
    assert_int_equal(lo.until_ms, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_role_names),
        cmocka_unit_test(test_delays),
        cmocka_unit_test(test_series),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
