/* Staff identity and access in the store: argon2id PIN hashes, the role matrix (every staff action
 * tried by a trainee, by a coach where a supervisor is needed, and with a wrong PIN: refused and
 * recorded), the badge lockout (30 s, one try, 60 s ...), PIN change and reset, sign-off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "kiosk/store/store.h"
#include "tests/kiosk/store/store_fixture.h"

#define K "kiosk-1"
#define T0 INT64_C(1700000000000)
#define PIN_SUP "90817263"
#define PIN_COACH "55443322"
#define PIN_WRONG "11111111"

typedef struct ctx {
    fixture f;
    store *s;
} ctx;

static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c || fixture_make(&c->f) != 0)
        return -1;
    if (fixture_open_with_people(&c->f, K, T0, PIN_SUP, PIN_COACH, &c->s) != 0)
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

/* ---- counting recorded events ---------------------------------------------------------------- */

typedef struct count {
    const char *kind, *actor, *needle, *needle2;
    int n;
    const char *forbidden;   /* no payload may contain this */
    int forbidden_seen;
    char last_payload[512];
} count;

static int count_row(const store_row *r, void *p)
{
    count *c = p;
    if (c->forbidden && r->payload && strstr(r->payload, c->forbidden))
        c->forbidden_seen++;
    if (c->kind && strcmp(r->kind, c->kind) != 0)
        return 0;
    if (c->actor && strcmp(r->actor_id, c->actor) != 0)
        return 0;
    if (c->needle && (!r->payload || !strstr(r->payload, c->needle)))
        return 0;
    if (c->needle2 && (!r->payload || !strstr(r->payload, c->needle2)))
        return 0;
    c->n++;
    snprintf(c->last_payload, sizeof c->last_payload, "%s", r->payload ? r->payload : "");
    return 0;
}

static int count_events(store *s, const char *kind, const char *actor, const char *needle,
                        const char *needle2)
{
    count c = {.kind = kind, .actor = actor, .needle = needle, .needle2 = needle2};
    assert_int_equal(store_events_each(s, count_row, &c, NULL), STIEL_OK);
    return c.n;
}

static char *action_needle(access_action a, char *buf, size_t cap)
{
    snprintf(buf, cap, "\"action\":\"%s\"", access_action_name(a));
    return buf;
}

/* ---- PIN hashes -------------------------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_pin_hash(void **state)
{
    (void)state;
    char h[STORE_PIN_HASH_MAX];
    stiel_diag d;
    double t0 = now_s();
    assert_int_equal(store_staff_pin_hash("4821", h, &d), STIEL_OK);
    double t1 = now_s();
    assert_memory_equal(h, "$argon2id$v=19$m=65536,t=2,p=1$", 31);
    assert_true(store_staff_pin_check(h, "4821"));
    double t2 = now_s();
    assert_false(store_staff_pin_check(h, "4822"));
    assert_false(store_staff_pin_check(h, ""));
    assert_false(store_staff_pin_check("4821", "4821"));           /* not a hash */
    assert_false(store_staff_pin_check("$argon2i$v=19$x", "4821")); /* not argon2id */
    /* the same PIN hashes differently each time (salt) */
    char h2[STORE_PIN_HASH_MAX];
    assert_int_equal(store_staff_pin_hash("4821", h2, NULL), STIEL_OK);
    assert_string_not_equal(h, h2);
    printf("argon2id interactive: hash %.0f ms, verify %.0f ms\n", (t1 - t0) * 1e3,
           (t2 - t1) * 1e3);
    const char *bad[] = {"123", "1234567890123", "12a4", "", " 1234"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(store_staff_pin_hash(bad[i], h, &d), STIEL_ERR_ARG);
    assert_int_equal(store_staff_pin_hash(NULL, h, &d), STIEL_ERR_ARG);
}

/* ---- staff rows ---------------------------------------------------------------------------------- */

static int list_row(const store_staff *m, void *p)
{
    char *out = p;
    size_t n = strlen(out);
    snprintf(out + n, 256 - n, "%s/%s/%s/%s/%d;", m->id, access_role_name(m->role), m->badge,
             m->name, m->has_pin);
    return 0;
}

static void test_staff_rows(void **state)
{
    ctx *c = *state;
    char list[256] = "";
    assert_int_equal(store_staff_each(c->s, list_row, list, NULL), STIEL_OK);
    assert_string_equal(list, "S-01/supervisor/SB-01/Ilse/1;C-01/coach/CB-01/Karim/1;");
    store_staff m;
    assert_int_equal(store_staff_by_badge(c->s, "CB-01", &m, NULL), STIEL_OK);
    assert_string_equal(m.id, "C-01");
    stiel_diag d;
    assert_int_equal(store_staff_get(c->s, "X-99", &m, &d), STIEL_ERR_NOT_FOUND);

    /* a second set-up is refused now that a supervisor exists, and recorded */
    store_staff x = {.id = "C-02", .role = ACCESS_ROLE_COACH, .badge = "CB-02", .name = "Anna"};
    assert_int_equal(store_staff_add(c->s, K, &x, NULL, "setup", T0 + 1, &d), STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "access.refused", "setup", "\"add_staff\"", NULL), 1);
    /* a coach may not add staff */
    assert_int_equal(store_staff_add(c->s, K, &x, NULL, "C-01", T0 + 1, &d), STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "access.refused", "C-01", "\"add_staff\"", NULL), 1);
    /* taken badges and ids */
    store_staff dup = x;
    snprintf(dup.badge, sizeof dup.badge, "TB-0001");
    assert_int_equal(store_staff_add(c->s, K, &dup, NULL, "S-01", T0 + 2, &d), STIEL_ERR_STATE);
    snprintf(dup.badge, sizeof dup.badge, "CB-01");
    assert_int_equal(store_staff_add(c->s, K, &dup, NULL, "S-01", T0 + 2, &d), STIEL_ERR_STATE);
    dup = x;
    snprintf(dup.id, sizeof dup.id, "C-01");
    assert_int_equal(store_staff_add(c->s, K, &dup, NULL, "S-01", T0 + 2, &d), STIEL_ERR_STATE);
    dup = x;
    snprintf(dup.id, sizeof dup.id, "C 02");
    assert_int_equal(store_staff_add(c->s, K, &dup, NULL, "S-01", T0 + 2, &d), STIEL_ERR_ARG);
    dup = x;
    dup.role = ACCESS_ROLE_TRAINEE;
    assert_int_equal(store_staff_add(c->s, K, &dup, NULL, "S-01", T0 + 2, &d), STIEL_ERR_ARG);
    /* added without a PIN: cannot log in until one is set */
    assert_int_equal(store_staff_add(c->s, K, &x, NULL, "S-01", T0 + 3, &d), STIEL_OK);
    store_staff_auth a;
    assert_int_equal(store_staff_authenticate(c->s, K, "CB-02", "1234", ACCESS_LOGIN, T0 + 4, &a,
                                              &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "no_pin");
    /* the first PIN needs no old one; after that the old one is required */
    assert_int_equal(store_staff_pin_change(c->s, K, "CB-02", NULL, "2580", T0 + 5, &d), STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.pin_changed", "C-02", "\"initial\"", NULL), 1);
    assert_int_equal(store_staff_authenticate(c->s, K, "CB-02", "2580", ACCESS_LOGIN, T0 + 6, &a,
                                              &d),
                     STIEL_OK);
    assert_int_equal(store_staff_pin_change(c->s, K, "CB-02", NULL, "3690", T0 + 7, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "staff.added", "S-01", "\"C-02\"", "\"Anna\""), 1);
}

/* ---- the role matrix --------------------------------------------------------------------------- */

static void test_role_matrix(void **state)
{
    ctx *c = *state;
    int64_t t = T0 + 1000;
    char nb[64];
    stiel_diag d;
    for (unsigned i = 0; i < ACCESS_ACTION_COUNT; i++) {
        access_action act = (access_action)i;
        const char *needle = action_needle(act, nb, sizeof nb);
        store_staff_auth a;

        /* a trainee, by id: refused and recorded */
        access_role role;
        assert_int_equal(store_staff_authorize(c->s, K, "T-0001", act, NULL, t++, &role, &d),
                         STIEL_ERR_DENIED);
        assert_int_equal(role, ACCESS_ROLE_TRAINEE);
        assert_int_equal(count_events(c->s, "access.refused", "T-0001", needle, "\"trainee\""), 1);
        /* ... and through store_staff_action_record */
        assert_int_equal(store_staff_action_record(c->s, K, "T-0001", act, NULL, NULL, t++, NULL,
                                                   &d),
                         STIEL_ERR_DENIED);
        assert_int_equal(count_events(c->s, "access.refused", "T-0001", needle, NULL), 2);
        /* a trainee, by badge at the staff login: refused without a PIN check, recorded */
        assert_int_equal(store_staff_authenticate(c->s, K, "TB-0001", PIN_SUP, act, t++, &a, &d),
                         STIEL_ERR_DENIED);
        assert_string_equal(a.result, "trainee_badge");
        assert_int_equal(
            count_events(c->s, "staff.auth", "T-0001", needle, "\"result\":\"trainee_badge\""), 1);
        /* an unknown badge */
        assert_int_equal(store_staff_authenticate(c->s, K, "ZZ-9", PIN_SUP, act, t++, &a, &d),
                         STIEL_ERR_DENIED);
        assert_int_equal(
            count_events(c->s, "staff.auth", "unknown", needle, "\"unknown_badge\""), 1);

        /* a wrong PIN: refused and recorded (then a right one, so no lock builds up) */
        assert_int_equal(store_staff_authenticate(c->s, K, "SB-01", PIN_WRONG, act, t++, &a, &d),
                         STIEL_ERR_DENIED);
        assert_string_equal(a.result, "wrong_pin");
        assert_int_equal(count_events(c->s, "staff.auth", "S-01", needle, "\"wrong_pin\""), 1);
        /* the supervisor with the right PIN: allowed */
        assert_int_equal(store_staff_authenticate(c->s, K, "SB-01", PIN_SUP, act, t++, &a, &d),
                         STIEL_OK);
        assert_string_equal(a.result, "ok");
        assert_int_equal(store_staff_authorize(c->s, K, "S-01", act, NULL, t++, NULL, &d),
                         STIEL_OK);

        /* a coach with the right PIN: allowed only for coach actions; refusals recorded */
        bool coach_may = access_action_min_role(act) == ACCESS_ROLE_COACH;
        stiel_status want = coach_may ? STIEL_OK : STIEL_ERR_DENIED;
        assert_int_equal(store_staff_authenticate(c->s, K, "CB-01", PIN_COACH, act, t++, &a, &d),
                         want);
        assert_string_equal(a.result, coach_may ? "ok" : "role");
        assert_int_equal(store_staff_authorize(c->s, K, "C-01", act, NULL, t++, NULL, &d), want);
        assert_int_equal(count_events(c->s, "access.refused", "C-01", needle, NULL),
                         coach_may ? 0 : 2);
    }
    /* nobody else was ever refused, and every refusal was one of these */
    assert_int_equal(count_events(c->s, "access.refused", "S-01", NULL, NULL), 0);
    /* PINs never reach the evidence */
    count cc = {.forbidden = PIN_SUP};
    assert_int_equal(store_events_each(c->s, count_row, &cc, NULL), STIEL_OK);
    assert_int_equal(cc.forbidden_seen, 0);
    cc = (count){.forbidden = PIN_WRONG};
    assert_int_equal(store_events_each(c->s, count_row, &cc, NULL), STIEL_OK);
    assert_int_equal(cc.forbidden_seen, 0);
    store_verify_report rep;
    assert_int_equal(store_verify(c->s, &rep, NULL), STIEL_OK);
    assert_true(rep.ok);
}

static void test_action_record(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    store_receipt r;
    assert_int_equal(store_staff_action_record(c->s, K, "C-01", ACCESS_EXPORT_DOSSIER, "T-0001",
                                               "{\"format\":\"pdf\"}", T0 + 5, &r, &d),
                     STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.action", "C-01",
                                  "\"action\":\"export_dossier\",\"detail\":{\"format\":\"pdf\"}",
                                  NULL),
                     1);
    assert_int_equal(store_staff_action_record(c->s, K, "C-01", ACCESS_PRINT_SETUP_LABELS, NULL,
                                               NULL, T0 + 6, NULL, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(store_staff_action_record(c->s, K, "S-01", ACCESS_PRINT_SETUP_LABELS, NULL,
                                               NULL, T0 + 7, NULL, &d),
                     STIEL_OK);
    /* a detail that is not JSON is refused by the store, nothing recorded */
    assert_int_equal(store_staff_action_record(c->s, K, "S-01", ACCESS_EXIT_KIOSK, NULL, "{oops",
                                               T0 + 8, NULL, &d),
                     STIEL_ERR_SYNTAX);
    assert_int_equal(count_events(c->s, "staff.action", "S-01", "exit_kiosk", NULL), 0);
}

/* ---- lockout ------------------------------------------------------------------------------------ */

static stiel_status try_pin(ctx *c, const char *kiosk, const char *pin, int64_t t,
                            store_staff_auth *a)
{
    stiel_diag d;
    return store_staff_authenticate(c->s, kiosk, "CB-01", pin, ACCESS_LOGIN, t, a, &d);
}

static void test_lockout(void **state)
{
    ctx *c = *state;
    store_staff_auth a;
    int64_t t = T0 + 100000;
    /* 4 wrong on kiosk-1, the 5th on kiosk-2: the history is the person's, not the kiosk's */
    for (int i = 0; i < 5; i++) {
        assert_int_equal(try_pin(c, i < 4 ? K : "kiosk-2", PIN_WRONG, t + i * 1000, &a),
                         STIEL_ERR_DENIED);
        assert_string_equal(a.result, "wrong_pin");
        assert_int_equal(a.lockout.locked, i == 4);
    }
    int64_t last = t + 4000;
    assert_int_equal(a.lockout.remaining_ms, 30000);
    /* the 6th try inside the window is refused without checking: even the right PIN */
    assert_int_equal(try_pin(c, K, PIN_COACH, last + 10000, &a), STIEL_ERR_DENIED);
    assert_string_equal(a.result, "locked");
    assert_int_equal(a.lockout.remaining_ms, 20000);
    assert_int_equal(try_pin(c, K, PIN_COACH, last + 29999, &a), STIEL_ERR_DENIED);
    assert_string_equal(a.result, "locked");
    /* after the delay: one try; wrong again locks for 60 s */
    assert_int_equal(try_pin(c, K, PIN_WRONG, last + 30000, &a), STIEL_ERR_DENIED);
    assert_string_equal(a.result, "wrong_pin");
    assert_true(a.lockout.locked);
    assert_int_equal(a.lockout.delay_ms, 60000);
    last += 30000;
    assert_int_equal(try_pin(c, K, PIN_COACH, last + 59999, &a), STIEL_ERR_DENIED);
    assert_string_equal(a.result, "locked");
    assert_int_equal(a.lockout.remaining_ms, 1);
    /* one more wrong: 120 s */
    assert_int_equal(try_pin(c, K, PIN_WRONG, last + 60000, &a), STIEL_ERR_DENIED);
    assert_int_equal(a.lockout.delay_ms, 120000);
    last += 60000;
    /* the right PIN after the lock: in, and the series ends */
    assert_int_equal(try_pin(c, K, PIN_COACH, last + 120000, &a), STIEL_OK);
    assert_int_equal(a.lockout.failures, 0);
    assert_false(a.lockout.locked);
    for (int i = 0; i < 4; i++)
        assert_int_equal(try_pin(c, K, PIN_WRONG, last + 120001 + i, &a), STIEL_ERR_DENIED);
    assert_false(a.lockout.locked);
    assert_int_equal(try_pin(c, K, PIN_COACH, last + 120010, &a), STIEL_OK);
    /* every attempt was recorded: 5 + 1 + 4 wrong, 3 locked, 2 ok */
    assert_int_equal(count_events(c->s, "staff.auth", "C-01", "\"wrong_pin\"", NULL), 11);
    assert_int_equal(count_events(c->s, "staff.auth", "C-01", "\"locked\"", NULL), 3);
    assert_int_equal(count_events(c->s, "staff.auth", "C-01", "\"result\":\"ok\"", NULL), 2);
    /* the other staff member is not affected */
    stiel_diag d;
    assert_int_equal(store_staff_authenticate(c->s, K, "SB-01", PIN_SUP, ACCESS_LOGIN,
                                              last + 10, &a, &d),
                     STIEL_OK);
}

/* A supervisor's reset ends a lock. */
static void test_reset_ends_lock(void **state)
{
    ctx *c = *state;
    store_staff_auth a;
    int64_t t = T0 + 200000;
    for (int i = 0; i < 5; i++)
        assert_int_equal(try_pin(c, K, PIN_WRONG, t + i, &a), STIEL_ERR_DENIED);
    assert_true(a.lockout.locked);
    stiel_diag d;
    /* a coach may not reset a PIN: refused, recorded */
    assert_int_equal(store_staff_pin_reset(c->s, K, "C-01", "C-01", "2468", t + 10, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "access.refused", "C-01", "\"reset_pin\"", NULL), 1);
    assert_int_equal(store_staff_pin_reset(c->s, K, "S-01", "C-01", "12", t + 10, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_staff_pin_reset(c->s, K, "S-01", "X-9", "2468", t + 10, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_staff_pin_reset(c->s, K, "S-01", "C-01", "2468", t + 10, &d),
                     STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.pin_changed", "S-01", "\"reset\"", "\"C-01\""), 1);
    assert_int_equal(try_pin(c, K, "2468", t + 11, &a), STIEL_OK);
    assert_int_equal(try_pin(c, K, PIN_COACH, t + 12, &a), STIEL_ERR_DENIED);
}

static void test_pin_change(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int64_t t = T0 + 300000;
    /* a bad new PIN costs no try */
    assert_int_equal(store_staff_pin_change(c->s, K, "CB-01", PIN_COACH, "12ab", t, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(count_events(c->s, "staff.auth", "C-01", NULL, NULL), 0);
    /* the wrong old PIN: refused, recorded as a try */
    assert_int_equal(store_staff_pin_change(c->s, K, "CB-01", PIN_WRONG, "7777", t + 1, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "staff.auth", "C-01", "\"change_pin\"", "\"wrong_pin\""),
                     1);
    assert_int_equal(store_staff_pin_change(c->s, K, "CB-01", PIN_COACH, "7777", t + 2, &d),
                     STIEL_OK);
    assert_int_equal(count_events(c->s, "staff.pin_changed", "C-01", "\"own\"", NULL), 1);
    store_staff_auth a;
    assert_int_equal(try_pin(c, K, PIN_COACH, t + 3, &a), STIEL_ERR_DENIED);
    assert_int_equal(try_pin(c, K, "7777", t + 4, &a), STIEL_OK);
    /* a trainee badge cannot change a PIN */
    assert_int_equal(store_staff_pin_change(c->s, K, "TB-0001", "1234", "7777", t + 5, &d),
                     STIEL_ERR_DENIED);
}

/* ---- sign-off ------------------------------------------------------------------------------------ */

static void test_sign_off(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int64_t t = T0 + 400000;
    store_signoff so;
    assert_int_equal(store_competency_signoff_find(c->s, "T-0001", "mm.item", &so, &d),
                     STIEL_ERR_NOT_FOUND);
    /* a trainee signing themselves off: refused, recorded */
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", NULL, "T-0001", true,
                                               NULL, t, NULL, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(count_events(c->s, "access.refused", "T-0001", "\"sign_off\"", NULL), 1);
    /* criteria not met: a written reason is required */
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", "magazijnmedewerker",
                                               "C-01", false, NULL, t, NULL, &d),
                     STIEL_ERR_MISSING);
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", "magazijnmedewerker",
                                               "C-01", false, "  ok  ", t, NULL, &d),
                     STIEL_ERR_MISSING);
    assert_int_equal(store_competency_sign_off(c->s, K, "T-9999", "mm.item", NULL, "C-01", true,
                                               NULL, t, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    store_receipt r;
    const char *why = "Seen picking look-alikes without error on the floor for two weeks";
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", "magazijnmedewerker",
                                               "C-01", false, why, t + 1, &r, &d),
                     STIEL_OK);
    assert_int_equal(store_competency_signoff_find(c->s, "T-0001", "mm.item", &so, &d), STIEL_OK);
    assert_string_equal(so.event_id, r.id);
    assert_string_equal(so.coach_id, "C-01");
    assert_string_equal(so.framework, "magazijnmedewerker");
    assert_false(so.criteria_met);
    assert_string_equal(so.reason, why);
    assert_int_equal(so.ts_ms, t + 1);
    /* twice: refused */
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", NULL, "S-01", true,
                                               NULL, t + 2, NULL, &d),
                     STIEL_ERR_STATE);
    /* voided: gone, and it can be signed off again */
    store_event v = {.kiosk_id = K, .ts_ms = t + 3, .trainee_id = "T-0001", .actor_id = "C-01",
                     .kind = "void", .voids_id = r.id};
    assert_int_equal(store_append(c->s, &v, NULL, &d), STIEL_OK);
    assert_int_equal(store_competency_signoff_find(c->s, "T-0001", "mm.item", &so, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_competency_sign_off(c->s, K, "T-0001", "mm.item", NULL, "S-01", true,
                                               NULL, t + 4, NULL, &d),
                     STIEL_OK);
    assert_int_equal(store_competency_signoff_find(c->s, "T-0001", "mm.item", &so, &d), STIEL_OK);
    assert_true(so.criteria_met);
    assert_string_equal(so.coach_id, "S-01");
    assert_int_equal(count_events(c->s, "competency.signed_off", NULL, "\"mm.item\"", NULL), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pin_hash),
        cmocka_unit_test_setup_teardown(test_staff_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_role_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_action_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_ends_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pin_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sign_off, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
