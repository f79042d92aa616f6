/* Tests of the xAPI 1.0.3 export (kiosk/store/store_xapi.c): the output parsed with cJSON is an
 * array of statements that each have the spec's required properties in the right formats (UUID
 * ids, IRIs, ISO 8601 duration and timestamp, Agent with account, registration UUID); ids are
 * stable across exports; the first void of a step becomes a voided statement referencing it;
 * erased trainees and other kinds are left out; duration and timestamp vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"
#include "kiosk/store/store.h"
#include "tests/kiosk/store/store_fixture.h"

static bool matches(const char *pattern, const char *text)
{
    regex_t re;
    assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
    bool ok = text && regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

#define UUID_RE "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
#define IRI_RE "^https?://[^[:space:]\"<>]+$"
#define DURATION_RE "^P(([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?$"
#define TIMESTAMP_RE "^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z$"

static void test_duration_and_timestamp_vectors(void **state)
{
    (void)state;
    char b[32];
    static const struct { uint64_t ms; const char *want; } d[] = {
        {42500, "PT42.5S"}, {0, "PT0S"}, {65000, "PT1M5S"}, {3723450, "PT1H2M3.45S"},
        {1234, "PT1.23S"}, {3600000, "PT1H"}, {4, "PT0S"}, {6, "PT0.01S"}, {60010, "PT1M0.01S"},
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        store_xapi_duration(d[i].ms, b);
        assert_string_equal(b, d[i].want);
        assert_true(matches(DURATION_RE, b));
    }
    store_xapi_timestamp(0, b);
    assert_string_equal(b, "1970-01-01T00:00:00.000Z");
    store_xapi_timestamp(1735689600123LL, b);
    assert_string_equal(b, "2025-01-01T00:00:00.123Z");
    store_xapi_timestamp(1751371199999LL, b);
    assert_string_equal(b, "2025-07-01T11:59:59.999Z");

    char u1[STORE_UUID_LEN], u2[STORE_UUID_LEN], u3[STORE_UUID_LEN];
    store_xapi_registration("T-0001", "TR-1", u1);
    store_xapi_registration("T-0001", "TR-1", u2);
    store_xapi_registration("T-0001", "TR-2", u3);
    assert_string_equal(u1, u2);
    assert_string_not_equal(u1, u3);
    assert_true(matches(UUID_RE, u1));
    assert_int_equal(u1[14], '5');

    assert_true(store_xapi_home_valid("https://hub.example.org/stiel"));
    assert_true(store_xapi_home_valid("http://localhost:8080"));
    assert_false(store_xapi_home_valid("https://hub.example.org/"));
    assert_false(store_xapi_home_valid("ftp://hub.example.org"));
    assert_false(store_xapi_home_valid("https://hub example.org"));
    assert_false(store_xapi_home_valid("https://hub.example.org/?x=1"));
    assert_false(store_xapi_home_valid("https://"));
    assert_false(store_xapi_home_valid(NULL));
}

static void append_step(store *s, const char *kiosk, const char *trainee, const char *step,
                        pick_result result, pick_prompt prompt, const char *session, int64_t ts,
                        evidence_flow flow, store_receipt *rc)
{
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = flow;
    snprintf(r.trainee, sizeof r.trainee, "%s", trainee);
    r.level = 2;
    snprintf(r.task, sizeof r.task, "TR-9");
    snprintf(r.session, sizeof r.session, "%s", session ? session : "");
    snprintf(r.step, sizeof r.step, "%s", step);
    snprintf(r.expected, sizeof r.expected, "LOC-\"A\"");
    snprintf(r.scanned, sizeof r.scanned, "LOC-A");
    r.result = result;
    r.errors = result == PICK_RESULT_CORRECTED ? 2 : 0;
    r.error_kinds = r.errors ? PICK_ERR_WRONG_LOCATION : 0;
    r.kiosk_help = PICK_HINT_PHOTO;
    r.coach_help = prompt;
    r.duration_ms = 42500;
    snprintf(r.device, sizeof r.device, "scanner-1");
    char kind[EVIDENCE_KIND_MAX + 1];
    assert_int_equal(evidence_kind(&r, kind, sizeof kind), STIEL_OK);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(evidence_json_write(&r, &b), STIEL_OK);
    store_event ev = {.kiosk_id = kiosk, .ts_ms = ts, .trainee_id = trainee, .actor_id = trainee,
                      .kind = kind, .payload = (const char *)b.data};
    assert_int_equal(store_append(s, &ev, rc, NULL), STIEL_OK);
    stiel_buf_free(&b);
}

static char *export_text(store *s, const char *home, int64_t *count)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    stiel_diag d;
    stiel_status st = store_export_xapi(s, home, f, count, &d);
    fclose(f);
    if (st != STIEL_OK)
        fprintf(stderr, "%s\n", d.text);
    assert_int_equal(st, STIEL_OK);
    return text;
}

static const char *str_at(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static const cJSON *obj_at(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_true(cJSON_IsObject(v));
    return v;
}

/* Every extension key is an IRI. */
static void check_extensions(const cJSON *parent)
{
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(parent, "extensions");
    if (!ext)
        return;
    assert_true(cJSON_IsObject(ext));
    const cJSON *e;
    cJSON_ArrayForEach(e, ext) assert_true(matches(IRI_RE, e->string));
}

/* Checks one statement against the spec's required properties and formats. */
static void check_statement(const cJSON *st, const char *home)
{
    assert_true(cJSON_IsObject(st));
    assert_true(matches(UUID_RE, str_at(st, "id")));
    const cJSON *actor = obj_at(st, "actor");
    assert_string_equal(str_at(actor, "objectType"), "Agent");
    const cJSON *acc = obj_at(actor, "account");
    assert_string_equal(str_at(acc, "homePage"), home);
    assert_true(matches(IRI_RE, str_at(acc, "homePage")));
    assert_true(strlen(str_at(acc, "name")) > 0);
    /* an Agent has exactly one inverse functional identifier */
    assert_null(cJSON_GetObjectItemCaseSensitive(actor, "mbox"));
    const cJSON *verb = obj_at(st, "verb");
    assert_true(matches(IRI_RE, str_at(verb, "id")));
    assert_true(strlen(str_at(obj_at(verb, "display"), "en-US")) > 0);
    const cJSON *obj = obj_at(st, "object");
    const char *ot = str_at(obj, "objectType");
    if (strcmp(ot, "Activity") == 0) {
        assert_true(matches(IRI_RE, str_at(obj, "id")));
        const cJSON *def = obj_at(obj, "definition");
        assert_true(strlen(str_at(obj_at(def, "name"), "en-US")) > 0);
        assert_true(matches(IRI_RE, str_at(def, "type")));
        const cJSON *res = obj_at(st, "result");
        assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(res, "success")));
        assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(res, "completion")));
        assert_true(matches(DURATION_RE, str_at(res, "duration")));
        check_extensions(res);
        const cJSON *ctx = obj_at(st, "context");
        assert_true(matches(UUID_RE, str_at(ctx, "registration")));
        check_extensions(ctx);
        const cJSON *cx = obj_at(ctx, "extensions");
        char key[200];
        snprintf(key, sizeof key, "%s/xapi/ext/service-level", home);
        assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(cx, key)));
        snprintf(key, sizeof key, "%s/xapi/ext/help-level", home);
        assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(cx, key)));
    } else {
        assert_string_equal(ot, "StatementRef");
        assert_true(matches(UUID_RE, str_at(obj, "id")));
        assert_string_equal(str_at(verb, "id"), "http://adlnet.gov/expapi/verbs/voided");
    }
    assert_true(matches(TIMESTAMP_RE, str_at(st, "timestamp")));
    assert_string_equal(str_at(st, "version"), "1.0.3");
}

static const cJSON *by_id(const cJSON *arr, const char *id)
{
    const cJSON *st;
    cJSON_ArrayForEach(st, arr) if (strcmp(str_at(st, "id"), id) == 0) return st;
    return NULL;
}

static void test_export_statements_are_valid(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    const char *session = "0b7e3c1a-4f1d-4c3b-9a2e-1f2d3c4b5a69";
    int64_t t0 = 1735718400000LL;  /* 2025-01-01T08:00Z */
    store_receipt rft, corrected, skipped, coach, pack, gone;
    append_step(s, "pick-1", "T-0001", "scan_location", PICK_RESULT_RIGHT_FIRST_TIME,
                PICK_PROMPT_NONE, session, t0, EVIDENCE_FLOW_PICK, &rft);
    append_step(s, "pick-1", "T-0001", "scan_item", PICK_RESULT_CORRECTED, PICK_PROMPT_VERBAL,
                session, t0 + 1000, EVIDENCE_FLOW_PICK, &corrected);
    append_step(s, "pick-1", "T-0001", "quantity", PICK_RESULT_SKIPPED, PICK_PROMPT_NONE, NULL,
                t0 + 2000, EVIDENCE_FLOW_PICK, &skipped);
    append_step(s, "pick-1", "T-0001", "put", PICK_RESULT_DONE_BY_COACH,
                PICK_PROMPT_DONE_BY_COACH, session, t0 + 3000, EVIDENCE_FLOW_PICK, &coach);
    append_step(s, "pack-1", "T-0002", "choose_box", PICK_RESULT_RIGHT_FIRST_TIME,
                PICK_PROMPT_NONE, NULL, t0 + 4000, EVIDENCE_FLOW_PACK, &pack);
    append_step(s, "pick-1", "T-0003", "scan_item", PICK_RESULT_RIGHT_FIRST_TIME,
                PICK_PROMPT_NONE, NULL, t0 + 5000, EVIDENCE_FLOW_PICK, &gone);
    /* not statements: another kind, and a step kind whose payload is no flow record */
    store_event other = {.kiosk_id = "pick-1", .ts_ms = t0 + 6000, .trainee_id = "T-0001",
                         .actor_id = "T-0001", .kind = "task.started", .payload = "{}"};
    assert_int_equal(store_append(s, &other, NULL, NULL), STIEL_OK);
    other.kind = "step.pick.put";
    assert_int_equal(store_append(s, &other, NULL, NULL), STIEL_OK);
    /* the corrected step is voided twice: one voiding statement; a void of a non-step: none */
    store_receipt v1;
    store_event v = {.kiosk_id = "coach-1", .ts_ms = t0 + 7000, .trainee_id = "T-0001",
                     .actor_id = "C-01", .kind = "void", .voids_id = corrected.id};
    assert_int_equal(store_append(s, &v, &v1, NULL), STIEL_OK);
    v.ts_ms += 1000;
    assert_int_equal(store_append(s, &v, NULL, NULL), STIEL_OK);
    store_receipt ts;
    other.kind = "task.started";
    assert_int_equal(store_append(s, &other, &ts, NULL), STIEL_OK);
    v.voids_id = ts.id;
    assert_int_equal(store_append(s, &v, NULL, NULL), STIEL_OK);
    /* T-0003 is erased: their statement leaves the export */
    assert_int_equal(store_erase_trainee(s, "coach-1", "T-0003", "C-01", "asked", t0 + 9000,
                                         NULL, NULL),
                     STIEL_OK);

    const char *home = "https://hub.example.org/stiel";
    int64_t count = 0;
    char *text = export_text(s, home, &count);
    assert_int_equal(count, 6);
    cJSON *arr = cJSON_Parse(text);
    assert_non_null(arr);
    assert_true(cJSON_IsArray(arr));
    assert_int_equal(cJSON_GetArraySize(arr), 6);
    const cJSON *st;
    cJSON_ArrayForEach(st, arr) check_statement(st, home);

    const cJSON *a = by_id(arr, rft.id);
    assert_non_null(a);
    assert_string_equal(str_at(obj_at(a, "verb"), "id"), "http://adlnet.gov/expapi/verbs/completed");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj_at(a, "result"), "success")));
    assert_string_equal(str_at(obj_at(a, "result"), "duration"), "PT42.5S");
    assert_string_equal(str_at(obj_at(a, "context"), "registration"), session);
    assert_string_equal(str_at(a, "timestamp"), "2025-01-01T08:00:00.000Z");
    assert_string_equal(str_at(obj_at(a, "object"), "id"),
                        "https://hub.example.org/stiel/xapi/activities/step.pick.scan_location");
    assert_string_equal(str_at(obj_at(obj_at(a, "actor"), "account"), "name"), "T-0001");

    const cJSON *b = by_id(arr, corrected.id);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(obj_at(b, "result"), "success")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj_at(b, "result"), "completion")));
    const cJSON *cx = obj_at(obj_at(b, "context"), "extensions");
    assert_string_equal(str_at(cx, "https://hub.example.org/stiel/xapi/ext/help-level"), "verbal");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(
                         cx, "https://hub.example.org/stiel/xapi/ext/service-level")->valueint, 2);
    const cJSON *rx = obj_at(obj_at(b, "result"), "extensions");
    assert_string_equal(str_at(rx, "https://hub.example.org/stiel/xapi/ext/expected"), "LOC-\"A\"");

    const cJSON *c = by_id(arr, skipped.id);
    assert_string_equal(str_at(obj_at(c, "verb"), "id"), "http://id.tincanapi.com/verb/skipped");
    /* no session in the record: a name-based registration of (trainee, task) */
    char reg[STORE_UUID_LEN];
    store_xapi_registration("T-0001", "TR-9", reg);
    assert_string_equal(str_at(obj_at(c, "context"), "registration"), reg);

    const cJSON *dd = by_id(arr, coach.id);
    assert_string_equal(str_at(obj_at(dd, "verb"), "id"), "http://adlnet.gov/expapi/verbs/attempted");
    const cJSON *p = by_id(arr, pack.id);
    assert_string_equal(str_at(obj_at(p, "object"), "id"),
                        "https://hub.example.org/stiel/xapi/activities/step.pack.choose_box");

    const cJSON *vv = by_id(arr, v1.id);
    assert_non_null(vv);
    assert_string_equal(str_at(obj_at(vv, "object"), "id"), corrected.id);
    assert_string_equal(str_at(obj_at(obj_at(vv, "actor"), "account"), "name"), "C-01");
    assert_null(by_id(arr, gone.id));
    assert_null(strstr(text, "T-0003"));

    /* stable across exports */
    char *again = export_text(s, home, NULL);
    assert_string_equal(text, again);
    free(again);
    cJSON_Delete(arr);
    free(text);

    /* the default home page, and a bad one */
    text = export_text(s, NULL, NULL);
    assert_non_null(strstr(text, "\"homePage\":\"" STORE_XAPI_HOME_DEFAULT "\""));
    free(text);
    stiel_diag d;
    assert_int_equal(store_export_xapi(s, "hub.example.org", stdout, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "hub.example.org"));
    store_close(s);
    fixture_drop(&f);
}

static void test_empty_store_is_an_empty_array(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    int64_t count = -1;
    char *text = export_text(s, NULL, &count);
    assert_int_equal(count, 0);
    assert_string_equal(text, "[]\n");
    free(text);
    store_close(s);
    fixture_drop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_and_timestamp_vectors),
        cmocka_unit_test(test_export_statements_are_valid),
        cmocka_unit_test(test_empty_store_is_an_empty_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
