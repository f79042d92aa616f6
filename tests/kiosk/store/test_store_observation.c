/* Coach observations (add, void, correct, list; role refusals recorded; category, length and
 * UTF-8 bounds), the trainee's self-assessment bounds, the consent flag, and the retention period
 * (who is due, dry run, apply: only old trainees without an open task erased, chain intact). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/core/evidence_json.h"
#include "kiosk/store/store.h"
#include "tests/kiosk/store/store_fixture.h"

#define K "kiosk-1"
#define T0 INT64_C(1700000000000)
#define DAY INT64_C(86400000)
#define PIN_COACH "55443322"

typedef struct ctx {
    fixture f;
    store *s;
} ctx;

static void add_trainee(store *s, const char *id, const char *badge, int64_t ts)
{
    store_trainee t = {.level = 2, .consent = true};
    snprintf(t.id, sizeof t.id, "%s", id);
    snprintf(t.badge, sizeof t.badge, "%s", badge);
    snprintf(t.display_name, sizeof t.display_name, "Name of %s", id);
    snprintf(t.language, sizeof t.language, "nl");
    store_event ev = {.kiosk_id = K, .ts_ms = ts, .trainee_id = id, .actor_id = "setup",
                      .kind = "trainee.added"};
    stiel_diag d;
    assert_int_equal(store_trainee_add(s, &t, &ev, NULL, NULL, &d), STIEL_OK);
}

static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c || fixture_make(&c->f) != 0)
        return -1;
    stiel_diag d;
    if (store_open(c->f.path, NULL, &c->s, &d) != STIEL_OK)
        return -1;
    add_trainee(c->s, "T-0001", "TB-0001", T0);
    add_trainee(c->s, "T-0002", "TB-0002", T0);
    store_staff sup = {.id = "S-01", .role = ACCESS_ROLE_SUPERVISOR, .badge = "SB-01",
                       .name = "Ilse"};
    store_staff c1 = {.id = "C-01", .role = ACCESS_ROLE_COACH, .badge = "CB-01", .name = "Karim"};
    store_staff c2 = {.id = "C-02", .role = ACCESS_ROLE_COACH, .badge = "CB-02", .name = "Lies"};
    if (store_staff_add(c->s, K, &sup, NULL, "setup", T0, &d) != STIEL_OK ||
        store_staff_add(c->s, K, &c1, NULL, "S-01", T0, &d) != STIEL_OK ||
        store_staff_add(c->s, K, &c2, NULL, "S-01", T0, &d) != STIEL_OK)
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

/* ---- counting -------------------------------------------------------------------------------- */

typedef struct count {
    const char *kind, *actor, *needle;
    int n, all;
    char last_payload[1024];
    char last_trainee[STORE_ID_MAX + 1];
} count;

static int count_row(const store_row *r, void *p)
{
    count *c = p;
    c->all++;
    if (c->kind && strcmp(r->kind, c->kind) != 0)
        return 0;
    if (c->actor && strcmp(r->actor_id, c->actor) != 0)
        return 0;
    if (c->needle && (!r->payload || !strstr(r->payload, c->needle)))
        return 0;
    c->n++;
    snprintf(c->last_payload, sizeof c->last_payload, "%s", r->payload ? r->payload : "");
    snprintf(c->last_trainee, sizeof c->last_trainee, "%s", r->trainee_id);
    return 0;
}

static count events(store *s, const char *kind, const char *actor, const char *needle)
{
    count c = {.kind = kind, .actor = actor, .needle = needle};
    assert_int_equal(store_events_each(s, count_row, &c, NULL), STIEL_OK);
    return c;
}

static int total_events(store *s)
{
    return events(s, NULL, NULL, NULL).all;
}

typedef struct obs_list {
    int n;
    store_observation o[8];
} obs_list;

static int obs_row(const store_observation *o, void *p)
{
    obs_list *l = p;
    if (l->n < 8)
        l->o[l->n] = *o;
    l->n++;
    return 0;
}

static obs_list list_obs(store *s, const char *trainee)
{
    obs_list l;
    memset(&l, 0, sizeof l);
    stiel_diag d;
    assert_int_equal(store_observations_each(s, trainee, obs_row, &l, &d), STIEL_OK);
    return l;
}

static void assert_chain_ok(store *s)
{
    store_verify_report r;
    stiel_diag d;
    assert_int_equal(store_verify(s, &r, &d), STIEL_OK);
    if (!r.ok)
        fail_msg("chain broken: %s", r.what);
}

/* ---- observations ---------------------------------------------------------------------------- */

static void test_observation_add_and_list(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    store_receipt r;
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "safety", true,
                                           "tilt de doos met gebogen knieën", T0 + 1000, &r, &d),
                     STIEL_OK);
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "S-01", "teamwork", false, NULL,
                                           T0 + 2000, NULL, &d),
                     STIEL_OK);
    /* the event is the evidence_json observation, by the coach, about the trainee */
    count e = events(c->s, EVIDENCE_KIND_OBSERVATION, "C-01", NULL);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.last_trainee, "T-0001");
    evidence_observation o;
    assert_int_equal(evidence_observation_parse(e.last_payload, strlen(e.last_payload), &o, &d),
                     STIEL_OK);
    assert_string_equal(o.category, "safety");
    assert_true(o.positive);
    assert_string_equal(o.note, "tilt de doos met gebogen knieën");

    obs_list l = list_obs(c->s, "T-0001");
    assert_int_equal(l.n, 2);
    assert_string_equal(l.o[0].event_id, r.id);
    assert_string_equal(l.o[0].staff_id, "C-01");
    assert_string_equal(l.o[0].category, "safety");
    assert_true(l.o[0].positive);
    assert_false(l.o[0].voided);
    assert_int_equal(l.o[0].ts_ms, T0 + 1000);
    assert_string_equal(l.o[1].category, "teamwork");
    assert_false(l.o[1].positive);
    assert_string_equal(l.o[1].text, "");
    assert_int_equal(list_obs(c->s, "T-0002").n, 0);
    assert_chain_ok(c->s);
}

static void test_observation_refusals_recorded(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int before = total_events(c->s);
    /* a trainee may not record observations: refused, and the refusal is evidence */
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "T-0002", "attitude", true, "x",
                                           T0, NULL, &d),
                     STIEL_ERR_DENIED);
    count e = events(c->s, STORE_KIND_ACCESS_REFUSED, "T-0002", "\"action\":\"observation\"");
    assert_int_equal(e.n, 1);
    assert_string_equal(e.last_trainee, "T-0002");
    /* someone unknown */
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "nobody", "attitude", true, "x",
                                           T0, NULL, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(events(c->s, STORE_KIND_ACCESS_REFUSED, "nobody", NULL).n, 1);
    assert_int_equal(events(c->s, EVIDENCE_KIND_OBSERVATION, NULL, NULL).n, 0);
    assert_int_equal(total_events(c->s), before + 2);

    /* a wrong PIN and a trainee badge at the badge + PIN check for an observation */
    stiel_diag d2;
    assert_int_equal(store_staff_pin_reset(c->s, K, "S-01", "C-01", PIN_COACH, T0, &d2), STIEL_OK);
    store_staff_auth a;
    assert_int_equal(store_staff_authenticate(c->s, K, "CB-01", "00000000", ACCESS_OBSERVATION,
                                              T0 + 10, &a, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "wrong_pin");
    assert_int_equal(events(c->s, STORE_KIND_STAFF_AUTH, "C-01", "wrong_pin").n, 1);
    assert_int_equal(store_staff_authenticate(c->s, K, "TB-0001", "12345678", ACCESS_OBSERVATION,
                                              T0 + 20, &a, &d),
                     STIEL_ERR_DENIED);
    assert_string_equal(a.result, "trainee_badge");
    assert_int_equal(store_staff_authenticate(c->s, K, "CB-01", PIN_COACH, ACCESS_OBSERVATION,
                                              T0 + 30, &a, &d),
                     STIEL_OK);
    assert_string_equal(a.staff.id, "C-01");
}

static void test_observation_bad_input(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int before = total_events(c->s);
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "cooking", true, "x", T0,
                                           NULL, &d),
                     STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "safety, teamwork"));
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", NULL, true, "x", T0, NULL,
                                           &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "Safety", true, "x", T0,
                                           NULL, &d),
                     STIEL_ERR_ARG);
    char text[STORE_OBSERVATION_TEXT_MAX + 2];
    memset(text, 'a', sizeof text);
    text[STORE_OBSERVATION_TEXT_MAX + 1] = 0; /* one byte too many */
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "quality", true, text, T0,
                                           NULL, &d),
                     STIEL_ERR_OVERLONG);
    /* bad UTF-8: a lone continuation byte, an overlong form, a truncated sequence */
    const char *bad[] = {"ok \x80 no", "\xC0\xAF", "caf\xC3", "\xED\xA0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "quality", true, bad[i],
                                               T0, NULL, &d),
                         STIEL_ERR_ARG);
        assert_non_null(strstr(d.text, "UTF-8"));
    }
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "quality", true,
                                           "bell\a", T0, NULL, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(total_events(c->s), before); /* nothing recorded, not even a refusal */

    /* exactly the limit, with multi-byte characters up to the last byte, is fine */
    char full[STORE_OBSERVATION_TEXT_MAX + 1];
    size_t n = 0;
    while (n + 2 <= STORE_OBSERVATION_TEXT_MAX) {
        full[n++] = (char)0xC3;
        full[n++] = (char)0xA9; /* é */
    }
    while (n < STORE_OBSERVATION_TEXT_MAX)
        full[n++] = '.';
    full[n] = 0;
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "quality", true,
                                           "regel een\nregel twee\tklaar", T0, NULL, &d),
                     STIEL_OK);
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "quality", true, full, T0,
                                           NULL, &d),
                     STIEL_OK);
    obs_list l = list_obs(c->s, "T-0001");
    assert_int_equal(l.n, 2);
    assert_string_equal(l.o[1].text, full);
    /* unknown and erased trainees */
    assert_int_equal(store_observation_add(c->s, K, "T-9999", "C-01", "quality", true, "x", T0,
                                           NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_erase_trainee(c->s, K, "T-0002", "S-01", "request", T0 + 5, NULL, &d),
                     STIEL_OK);
    assert_int_equal(store_observation_add(c->s, K, "T-0002", "C-01", "quality", true, "x",
                                           T0 + 6, NULL, &d),
                     STIEL_ERR_STATE);
}

static void test_observation_void_and_correct(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    store_receipt a, b, v, n;
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "safety", false,
                                           "geen handschoenen", T0 + 1, &a, &d),
                     STIEL_OK);
    assert_int_equal(store_observation_add(c->s, K, "T-0001", "C-01", "attitude", true, "op tijd",
                                           T0 + 2, &b, &d),
                     STIEL_OK);
    /* another coach may not void C-01's observation: refused and recorded */
    assert_int_equal(store_observation_void(c->s, K, "C-02", a.id, "typo", T0 + 3, NULL, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(events(c->s, STORE_KIND_ACCESS_REFUSED, "C-02", "only their own").n, 1);
    /* a trainee neither */
    assert_int_equal(store_observation_void(c->s, K, "T-0001", a.id, "weg", T0 + 3, NULL, &d),
                     STIEL_ERR_DENIED);
    /* a reason is needed */
    assert_int_equal(store_observation_void(c->s, K, "C-01", a.id, "", T0 + 3, NULL, &d),
                     STIEL_ERR_MISSING);
    /* the coach voids their own */
    assert_int_equal(store_observation_void(c->s, K, "C-01", a.id, "wrong trainee", T0 + 4, &v,
                                            &d),
                     STIEL_OK);
    count e = events(c->s, EVIDENCE_KIND_VOID, "C-01", "wrong trainee");
    assert_int_equal(e.n, 1);
    assert_string_equal(e.last_trainee, "T-0001");
    assert_int_equal(store_observation_void(c->s, K, "S-01", a.id, "again", T0 + 5, NULL, &d),
                     STIEL_ERR_STATE);
    /* not an observation */
    store_receipt other;
    assert_int_equal(fixture_append(c->s, K, "T-0001", 1, &other), STIEL_OK);
    assert_int_equal(store_observation_void(c->s, K, "C-01", other.id, "x", T0 + 5, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_observation_void(c->s, K, "C-01", "no-such-id", "x", T0 + 5, NULL, &d),
                     STIEL_ERR_NOT_FOUND);

    /* a correction by the supervisor: void and new observation together */
    int before = total_events(c->s);
    assert_int_equal(store_observation_correct(c->s, K, "S-01", b.id, "cooking", true, "x",
                                               T0 + 6, NULL, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(total_events(c->s), before);
    assert_int_equal(store_observation_correct(c->s, K, "S-01", b.id, "attitude", false,
                                               "te laat", T0 + 7, &n, &d),
                     STIEL_OK);
    assert_int_equal(total_events(c->s), before + 2);

    obs_list l = list_obs(c->s, "T-0001");
    assert_int_equal(l.n, 3);
    assert_true(l.o[0].voided);
    assert_string_equal(l.o[0].void_id, v.id);
    assert_string_equal(l.o[0].void_by, "C-01");
    assert_true(l.o[1].voided);
    assert_string_equal(l.o[1].void_by, "S-01");
    assert_false(l.o[2].voided);
    assert_string_equal(l.o[2].event_id, n.id);
    assert_string_equal(l.o[2].staff_id, "S-01");
    assert_string_equal(l.o[2].text, "te laat");
    assert_false(l.o[2].positive);

    /* the competency engine's query sees only the standing one */
    count s = {.kind = EVIDENCE_KIND_OBSERVATION};
    assert_int_equal(store_stats_coach_events(c->s, "T-0001", count_row, &s, &d), STIEL_OK);
    assert_int_equal(s.n, 1);
    assert_non_null(strstr(s.last_payload, "te laat"));
    assert_chain_ok(c->s);
}

/* ---- self-assessment ------------------------------------------------------------------------- */

typedef struct self_list {
    int n;
    store_self_assessment a[4];
} self_list;

static int self_row(const store_self_assessment *a, void *p)
{
    self_list *l = p;
    if (l->n < 4)
        l->a[l->n] = *a;
    l->n++;
    return 0;
}

static void test_self_assessment(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int64_t now = T0 + 16 * 3600 * 1000; /* the afternoon */
    int64_t today = now / DAY;
    const unsigned ok[3] = {3, 2, 1};
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0001", today, ok, now, NULL, &d),
                     STIEL_OK);
    count e = events(c->s, STORE_KIND_SELF_ASSESSMENT, "T-0001", NULL);
    assert_int_equal(e.n, 1);
    char want[128];
    snprintf(want, sizeof want, "{\"day\":%lld,\"went_well\":3,\"calm\":2,\"asked_help\":1}",
             (long long)today);
    assert_string_equal(e.last_payload, want);
    /* one per day */
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0001", today, ok, now + 1, NULL, &d),
                     STIEL_ERR_STATE);
    /* yesterday is still allowed (given after midnight), one question skipped */
    const unsigned skip[3] = {2, 0, 3};
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0001", today - 1, skip, now, NULL, &d),
                     STIEL_OK);
    int before = total_events(c->s);
    const unsigned four[3] = {1, 4, 1}, none[3] = {0, 0, 0};
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0001", today, four, now, NULL, &d),
                     STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "calm"));
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0002", today, none, now, NULL, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0002", today - 2, ok, now, NULL, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_self_assessment_add(c->s, K, "T-0002", today + 1, ok, now, NULL, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_self_assessment_add(c->s, K, "T-9999", today, ok, now, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(total_events(c->s), before);
    self_list l;
    memset(&l, 0, sizeof l);
    assert_int_equal(store_self_assessments_each(c->s, "T-0001", self_row, &l, &d), STIEL_OK);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.a[0].day, today - 1); /* by day */
    assert_int_equal(l.a[0].smileys[0], 2);
    assert_int_equal(l.a[0].smileys[1], 0);
    assert_int_equal(l.a[1].day, today);
    assert_int_equal(l.a[1].smileys[2], 1);
    assert_string_equal(store_self_question_id(0), "went_well");
    assert_null(store_self_question_id(STORE_SELF_QUESTIONS));
}

/* ---- consent --------------------------------------------------------------------------------- */

static void test_consent(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-0001", false, "C-01", "asked", T0, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(events(c->s, STORE_KIND_ACCESS_REFUSED, "C-01", "\"action\":\"erase\"").n, 1);
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-0001", false, "S-01", NULL, T0, &d),
                     STIEL_ERR_MISSING);
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-0001", false, "S-01",
                                               "withdrawn in writing", T0 + 1, &d),
                     STIEL_OK);
    store_trainee t;
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_false(t.consent);
    count e = events(c->s, STORE_KIND_CONSENT, "S-01", NULL);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.last_trainee, "T-0001");
    assert_string_equal(e.last_payload,
                        "{\"consent\":false,\"from\":true,\"reason\":\"withdrawn in writing\"}");
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-0001", false, "S-01", "again",
                                               T0 + 2, &d),
                     STIEL_ERR_STATE);
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-9999", false, "S-01", "x", T0 + 2, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_trainee_set_consent(c->s, K, "T-0001", true, "S-01", "given again",
                                               T0 + 3, &d),
                     STIEL_OK);
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_true(t.consent);
    assert_int_equal(events(c->s, STORE_KIND_CONSENT, NULL, NULL).n, 2);
}

/* ---- retention ------------------------------------------------------------------------------- */

static void append(store *s, const char *trainee, const char *kind, int64_t ts)
{
    store_event ev = {.kiosk_id = K, .ts_ms = ts, .trainee_id = trainee, .actor_id = trainee,
                      .kind = kind, .payload = "{\"x\":1}"};
    stiel_diag d;
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_OK);
}

typedef struct due_seen {
    int n;
    char ids[8][STORE_ID_MAX + 1];
    bool open[8], erased[8];
} due_seen;

static int due_row(const store_retention_due *x, void *p)
{
    due_seen *s = p;
    if (s->n < 8) {
        snprintf(s->ids[s->n], sizeof s->ids[0], "%s", x->trainee_id);
        s->open[s->n] = x->open_task;
        s->erased[s->n] = x->erased;
    }
    s->n++;
    return 0;
}

static void test_retention_period(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    unsigned days = 99;
    assert_int_equal(store_retention_get(c->s, &days, &d), STIEL_OK);
    assert_int_equal(days, 0);
    assert_int_equal(store_retention_apply(c->s, K, "S-01", T0, false, NULL, NULL, NULL, &d),
                     STIEL_ERR_STATE);
    assert_int_equal(store_retention_set(c->s, K, "C-01", 30, T0, &d), STIEL_ERR_DENIED);
    assert_int_equal(events(c->s, STORE_KIND_ACCESS_REFUSED, "C-01", NULL).n, 1);
    assert_int_equal(store_retention_set(c->s, K, "S-01", 0, T0, &d), STIEL_ERR_ARG);
    assert_int_equal(store_retention_set(c->s, K, "S-01", STORE_RETENTION_DAYS_MAX + 1, T0, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_retention_set(c->s, K, "S-01", 30, T0, &d), STIEL_OK);
    assert_int_equal(store_retention_set(c->s, K, "S-01", 30, T0 + 1, &d), STIEL_ERR_STATE);
    assert_int_equal(store_retention_set(c->s, K, "S-01", 365, T0 + 2, &d), STIEL_OK);
    assert_int_equal(store_retention_get(c->s, &days, &d), STIEL_OK);
    assert_int_equal(days, 365);
    count e = events(c->s, STORE_KIND_RETENTION_SET, "S-01", "\"days\":365");
    assert_int_equal(e.n, 1);
    assert_string_equal(e.last_payload, "{\"days\":365,\"from\":30}");
    assert_string_equal(e.last_trainee, "");
}

static void test_retention_apply(void **state)
{
    ctx *c = *state;
    stiel_diag d;
    int64_t now = T0 + 400 * DAY;
    /* T-0001, T-0002 (setup): only trainee.added at T0 -> old. */
    add_trainee(c->s, "T-NEW", "TB-NEW", T0);
    append(c->s, "T-NEW", "step.pick.scan_item", now - 5 * DAY);        /* recent */
    add_trainee(c->s, "T-OPEN", "TB-OPEN", T0);
    append(c->s, "T-OPEN", EVIDENCE_KIND_TASK_STARTED, T0 + DAY);       /* old, task open */
    add_trainee(c->s, "T-DONE", "TB-DONE", T0);
    append(c->s, "T-DONE", EVIDENCE_KIND_TASK_STARTED, T0 + DAY);
    append(c->s, "T-DONE", EVIDENCE_KIND_TASK_FINISHED, T0 + DAY + 1000); /* old, finished */
    add_trainee(c->s, "T-EDGE", "TB-EDGE", T0);
    append(c->s, "T-EDGE", "step.pick.scan_item", now - 30 * DAY);      /* exactly the period */
    assert_int_equal(store_retention_set(c->s, K, "S-01", 30, now - DAY, &d), STIEL_OK);

    /* dry run: lists, changes nothing */
    int before = total_events(c->s);
    due_seen seen;
    memset(&seen, 0, sizeof seen);
    store_retention_report rep;
    assert_int_equal(store_retention_apply(c->s, K, NULL, now, true, due_row, &seen, &rep, &d),
                     STIEL_OK);
    assert_int_equal(total_events(c->s), before);
    assert_int_equal(seen.n, 4);
    assert_string_equal(seen.ids[0], "T-0001");
    assert_string_equal(seen.ids[1], "T-0002");
    assert_string_equal(seen.ids[2], "T-DONE");
    assert_string_equal(seen.ids[3], "T-OPEN");
    assert_true(seen.open[3]);
    assert_false(seen.open[2]);
    assert_false(seen.erased[0]);
    assert_int_equal(rep.due, 4);
    assert_int_equal(rep.kept_open, 1);
    assert_int_equal(rep.erased, 0);
    store_trainee t;
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_false(t.erased);

    /* a coach may not apply it */
    assert_int_equal(store_retention_apply(c->s, K, "C-01", now, false, NULL, NULL, NULL, &d),
                     STIEL_ERR_DENIED);
    assert_int_equal(store_trainee_get(c->s, "T-0001", &t, &d), STIEL_OK);
    assert_false(t.erased);

    memset(&seen, 0, sizeof seen);
    assert_int_equal(store_retention_apply(c->s, K, "S-01", now, false, due_row, &seen, &rep, &d),
                     STIEL_OK);
    assert_int_equal(rep.erased, 3);
    assert_int_equal(rep.kept_open, 1);
    assert_true(seen.erased[0] && seen.erased[1] && seen.erased[2]);
    assert_false(seen.erased[3]);
    const char *gone[] = {"T-0001", "T-0002", "T-DONE"};
    const char *kept[] = {"T-NEW", "T-OPEN", "T-EDGE"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(store_trainee_get(c->s, gone[i], &t, &d), STIEL_OK);
        assert_true(t.erased);
        assert_string_equal(t.display_name, "");
        assert_int_equal(store_trainee_get(c->s, kept[i], &t, &d), STIEL_OK);
        assert_false(t.erased);
        assert_string_equal(t.display_name + 8, kept[i]);
    }
    count er = events(c->s, "erasure", "S-01", "retention period of 30 days passed");
    assert_int_equal(er.n, 3);
    assert_int_equal(events(c->s, STORE_KIND_RETENTION_APPLIED, "S-01", "\"erased\":3").n, 1);
    assert_chain_ok(c->s);

    /* again at the same moment: nobody new is due but the open task (one ms later T-EDGE is) */
    memset(&seen, 0, sizeof seen);
    assert_int_equal(store_retention_apply(c->s, K, "S-01", now, false, due_row, &seen, &rep,
                                           &d),
                     STIEL_OK);
    assert_int_equal(rep.erased, 0);
    assert_int_equal(seen.n, 1);
    assert_string_equal(seen.ids[0], "T-OPEN");
    assert_chain_ok(c->s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_observation_add_and_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_observation_refusals_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_observation_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_observation_void_and_correct, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_assessment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retention_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retention_apply, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
