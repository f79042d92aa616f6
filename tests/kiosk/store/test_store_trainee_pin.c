/* Trainee PINs for the kiosk's name-list fallback: set by a coach (argon2id in the trainees row,
 * "staff.pin_changed" recorded, refused for a trainee actor and an erased trainee), checked with
 * the staff lockout (5 wrong → 30 s, one try after, 60 s), every check recorded on the trainee's
 * record without the PIN, no PIN → refused and recorded; schema 6 adds the nullable column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

#define K "kiosk-1"
#define T0 INT64_C(1700000000000)
#define PIN_COACH "55443322"
#define PIN_T "2468"

typedef struct ctx {
    fixture f;
    store *s;
} ctx;

static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c || fixture_make(&c->f) != 0)
        return -1;
    if (fixture_open_with_people(&c->f, K, T0, NULL, PIN_COACH, &c->s) != 0)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    store_close(c->s);
    fixture_drop(&c->f);
    free(c);
    return 0;
}

typedef struct count {
    const char *kind, *trainee, *needle;
    int n, pin_seen;
} count;

static int count_row(const store_row *r, void *p)
{
    count *c = p;
    if (r->payload && strstr(r->payload, PIN_T))
        c->pin_seen++;
    if (strcmp(r->kind, c->kind) != 0 || strcmp(r->trainee_id, c->trainee) != 0)
        return 0;
    if (c->needle && (!r->payload || !strstr(r->payload, c->needle)))
        return 0;
    c->n++;
    return 0;
}

static int count_events(store *s, const char *kind, const char *trainee, const char *needle)
{
    count c = {.kind = kind, .trainee = trainee, .needle = needle};
    assert_int_equal(store_events_each(s, count_row, &c, NULL), STIEL_OK);
    assert_int_equal(c.pin_seen, 0); /* never the PIN */
    return c.n;
}

static void test_schema_column(void **state)
{
    ctx *c = *state;
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_sqlite(c->s),
                                        "SELECT pin_hash IS NULL FROM trainees WHERE id = 'T-0001'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 1); /* nullable, NULL until set */
    sqlite3_finalize(q);
    assert_int_equal(STORE_SCHEMA_VERSION, 6);
    assert_non_null(strstr(store_migration_sql(6), "pin_hash"));
}

static void test_set_and_login(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    store_trainee t;
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_false(t.has_pin);
    /* no PIN yet: refused, recorded, and the text says to use the badge */
    store_trainee_auth a;
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", PIN_T, T0 + 1, &a, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "no_pin");
    assert_non_null(strstr(d.text, "badge"));
    assert_int_equal(count_events(c->s, "staff.auth", "T-0001", "\"result\":\"no_pin\""), 1);
    /* a trainee may not set PINs; bad PINs are refused before anything */
    assert_int_equal(store_trainee_pin_set(c->s, K, "T-0001", "T-0001", PIN_T, T0 + 2, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", "12a4", T0 + 2, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0404", PIN_T, T0 + 2, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, T0 + 3, &d),
                     STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.pin_changed", "T-0001", "\"how\":\"initial\""), 1);
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_true(t.has_pin);
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(store_sqlite(c->s), "SELECT pin_hash FROM trainees WHERE id = 'T-0001'", -1,
                       &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_memory_equal(sqlite3_column_text(q, 0), "$argon2id$", 10);
    sqlite3_finalize(q);
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", PIN_T, T0 + 4, &a, &d),
                     STIEL_OK);
    assert_string_equal(a.result, "ok");
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", "1357", T0 + 5, &a, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "wrong_pin");
    assert_int_equal(a.lockout.failures, 1);
    assert_int_equal(count_events(c->s, "staff.auth", "T-0001", "\"result\":\"wrong_pin\""), 1);
    assert_int_equal(count_events(c->s, "staff.auth", "T-0001", "\"result\":\"ok\""), 1);
    /* unknown: not recorded */
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0404", PIN_T, T0 + 6, &a, &d),
                     STIEL_ERR_NOT_FOUND);
    /* a second set is a reset */
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, T0 + 7, &d),
                     STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.pin_changed", "T-0001", "\"how\":\"reset\""), 1);
}

static void test_lockout(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    store_trainee_auth a;
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, T0, &d), STIEL_OK);
    int64_t t = T0 + 1000;
    for (int i = 1; i <= ACCESS_LOCK_AFTER; i++) {
        assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", "0000", t + i, &a, &d),
                         STIEL_ERR_DENIED);
        assert_string_equal(a.result, "wrong_pin");
    }
    assert_true(a.lockout.locked);
    assert_int_equal(a.lockout.delay_ms, ACCESS_LOCK_FIRST_MS);
    assert_non_null(strstr(d.text, "locked"));
    /* locked: the right PIN is not even checked */
    int64_t last = t + ACCESS_LOCK_AFTER;
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", PIN_T, last + 1000, &a, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "locked");
    assert_int_equal(count_events(c->s, "staff.auth", "T-0001", "\"result\":\"locked\""), 1);
    /* one more wrong after the lock: twice as long */
    int64_t after = last + ACCESS_LOCK_FIRST_MS;
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", "0000", after, &a, &d),
                     STIEL_ERR_DENIED);
    assert_true(a.lockout.locked);
    assert_int_equal(a.lockout.delay_ms, 2 * ACCESS_LOCK_FIRST_MS);
    /* a coach's reset ends the lock */
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, after + 1, &d),
                     STIEL_OK);
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", PIN_T, after + 2, &a, &d),
                     STIEL_OK);
    /* the staff lockout of the coach is untouched by the trainee's */
    store_staff_auth sa;
    assert_int_equal(store_staff_authenticate(c->s, K, "CB-01", PIN_COACH, ACCESS_LOGIN,
                                              after + 3, &sa, &d),
                     STIEL_OK);
    /* the hub's verify still passes */
    store_verify_report r;
    assert_int_equal(store_verify(c->s, &r, &d), STIEL_OK);
    assert_true(r.ok);
}

static void test_erased(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, T0, &d), STIEL_OK);
    store_staff sup = {.id = "S-01", .role = ACCESS_ROLE_SUPERVISOR, .badge = "SB-01",
                       .name = "Ilse"};
    assert_int_equal(store_staff_add(c->s, K, &sup, "90817263", "setup", T0, &d), STIEL_OK);
    assert_int_equal(store_erase_trainee(c->s, K, "T-0001", "S-01", "asked", T0 + 1, NULL, &d),
                     STIEL_OK);
    assert_int_equal(store_trainee_authenticate(c->s, K, "T-0001", PIN_T, T0 + 2, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_trainee_pin_set(c->s, K, "C-01", "T-0001", PIN_T, T0 + 3, &d),
                     STIEL_ERR_STATE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_and_login, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erased, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
