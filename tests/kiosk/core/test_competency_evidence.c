/* Tests of kiosk/core/evidence_json: pick and pack records round-trip through their JSON payload
 * byte for byte, the event kind is "step.<flow>.<step>", escaping holds, and each class of bad
 * payload maps to its status and names the field. Also observations and sign-offs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"

static evidence_record pick_record(void)
{
    pick_evidence pe;
    memset(&pe, 0, sizeof pe);
    pe.seq = 4;
    snprintf(pe.trainee, sizeof pe.trainee, "T-0001");
    pe.level = 3;
    snprintf(pe.task, sizeof pe.task, "TR-0001-000042");
    pe.line = 2;
    pe.step = PICK_STEP_SCAN_ITEM;
    snprintf(pe.expected, sizeof pe.expected, "8719123100376");
    snprintf(pe.scanned, sizeof pe.scanned, "8719123100376");
    pe.result = PICK_RESULT_CORRECTED;
    pe.errors = 2;
    pe.error_kinds = PICK_ERR_WRONG_ITEM | PICK_ERR_LOOKALIKE;
    pe.kiosk_help = PICK_HINT_PHOTO | PICK_HINT_SPOKEN;
    pe.coach_help = PICK_PROMPT_VERBAL;
    pe.drill = DRILL_LOOKALIKE;
    pe.picked = 1;
    pe.duration_ms = 42500;
    pe.at_ms = 1234567;
    snprintf(pe.device, sizeof pe.device, "scanner-1");
    evidence_record r;
    evidence_from_pick(&pe, &r);
    return r;
}

static void test_pick_exact_json_and_round_trip(void **state)
{
    (void)state;
    evidence_record r = pick_record();
    snprintf(r.session, sizeof r.session, "0b7e3c1a-4f1d-4c3b-9a2e-1f2d3c4b5a69");
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(evidence_json_write(&r, &b), STIEL_OK);
    assert_string_equal((const char *)b.data,
        "{\"flow\":\"pick\",\"seq\":4,\"trainee\":\"T-0001\",\"level\":3,"
        "\"task\":\"TR-0001-000042\",\"session\":\"0b7e3c1a-4f1d-4c3b-9a2e-1f2d3c4b5a69\","
        "\"line\":2,\"step\":\"scan_item\",\"expected\":\"8719123100376\","
        "\"scanned\":\"8719123100376\",\"result\":\"corrected\",\"errors\":2,"
        "\"error_kinds\":[\"wrong_item\",\"lookalike\"],\"kiosk_help\":[\"photo\",\"spoken\"],"
        "\"coach_help\":\"verbal\",\"short\":\"none\",\"drill\":\"lookalike\",\"units\":1,"
        "\"duration_ms\":42500,\"at_ms\":1234567,\"device\":\"scanner-1\"}");
    evidence_record back;
    stiel_diag d;
    assert_int_equal(evidence_json_parse((const char *)b.data, b.len, &back, &d), STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    char kind[EVIDENCE_KIND_MAX + 1];
    assert_int_equal(evidence_kind(&r, kind, sizeof kind), STIEL_OK);
    assert_string_equal(kind, "step.pick.scan_item");
    assert_int_equal(evidence_kind(&r, kind, 10), STIEL_ERR_NOSPACE);
    stiel_buf_free(&b);
}

static void test_pack_round_trip_and_escaping(void **state)
{
    (void)state;
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PACK;
    r.seq = 9;
    snprintf(r.trainee, sizeof r.trainee, "T-0002");
    r.level = 5;
    snprintf(r.task, sizeof r.task, "PK-7");
    snprintf(r.step, sizeof r.step, "verify_label");
    snprintf(r.expected, sizeof r.expected, "a\"b\\c\n\x01");
    snprintf(r.scanned, sizeof r.scanned, "caf\xc3\xa9");
    r.result = PICK_RESULT_DONE_BY_COACH;
    r.error_kinds = 1u << 6; /* label_mismatch */
    r.coach_help = PICK_PROMPT_DONE_BY_COACH;
    r.units = 3;
    snprintf(r.order_no, sizeof r.order_no, "SO-123");
    snprintf(r.box, sizeof r.box, "BOX-M");
    snprintf(r.sscc, sizeof r.sscc, "354123450000000017");
    r.duration_ms = 9007199254740991ULL;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(evidence_json_write(&r, &b), STIEL_OK);
    const char *j = (const char *)b.data;
    assert_non_null(strstr(j, "\"expected\":\"a\\\"b\\\\c\\u000a\\u0001\""));
    assert_non_null(strstr(j, "\"error_kinds\":[\"label_mismatch\"]"));
    assert_null(strstr(j, "\"short\""));
    assert_null(strstr(j, "\"session\""));
    evidence_record back;
    assert_int_equal(evidence_json_parse(j, b.len, &back, NULL), STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    char kind[EVIDENCE_KIND_MAX + 1];
    assert_int_equal(evidence_kind(&r, kind, sizeof kind), STIEL_OK);
    assert_string_equal(kind, "step.pack.verify_label");
    stiel_buf_free(&b);
}

/* Replaces the first occurrence of from in the pick record's JSON with to and parses it. */
static stiel_status parse_edited(const char *from, const char *to, stiel_diag *d)
{
    evidence_record r = pick_record();
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(evidence_json_write(&r, &b), STIEL_OK);
    char text[2048];
    const char *j = (const char *)b.data;
    const char *at = strstr(j, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - j), j, to, at + strlen(from));
    stiel_buf_free(&b);
    evidence_record out;
    memset(&out, 0x5a, sizeof out);
    stiel_status st = evidence_json_parse(text, strlen(text), &out, d);
    return st;
}

static void test_bad_payloads_name_the_field(void **state)
{
    (void)state;
    stiel_diag d;
    assert_int_equal(evidence_json_parse("{", 1, &(evidence_record){0}, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "not valid JSON"));
    assert_int_equal(evidence_json_parse("[1]", 3, &(evidence_record){0}, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "not a JSON object"));

    assert_int_equal(parse_edited("\"level\":3,", "", &d), STIEL_ERR_MISSING);
    assert_non_null(strstr(d.text, "\"level\" is missing"));
    assert_int_equal(parse_edited("\"level\":3", "\"level\":\"3\"", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"level\" is not a number"));
    assert_int_equal(parse_edited("\"level\":3", "\"level\":10", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_edited("\"errors\":2", "\"errors\":-1", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"errors\""));
    assert_int_equal(parse_edited("\"errors\":2", "\"errors\":1.5", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_edited("\"corrected\"", "\"mostly\"", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"result\" holds a name"));
    assert_int_equal(parse_edited("\"wrong_item\"", "\"teleported\"", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"error_kinds\""));
    assert_int_equal(parse_edited("[\"photo\",\"spoken\"]", "\"photo\"", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"kiosk_help\" is not an array"));
    assert_int_equal(parse_edited("\"pick\"", "\"sort\"", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_edited("\"T-0001\"",
                                  "\"T-000000000000000000000000000000000000001\"", &d),
                     STIEL_ERR_OVERLONG);
    assert_non_null(strstr(d.text, "\"trainee\" is too long"));
    assert_int_equal(parse_edited("\"step\":\"scan_item\"", "\"step\":\"\"", &d),
                     STIEL_ERR_SYNTAX);
    /* an unknown key is ignored: newer writers may add fields */
    assert_int_equal(parse_edited("\"seq\":4,", "\"seq\":4,\"mood\":\"fine\",", &d), STIEL_OK);
    /* a pack record needs its pack fields */
    assert_int_equal(parse_edited("\"pick\"", "\"pack\"", &d), STIEL_ERR_MISSING);
    assert_non_null(strstr(d.text, "\"order_no\""));
}

static void test_observation_and_signoff(void **state)
{
    (void)state;
    evidence_observation o = {.category = "safety", .positive = true, .note = "tilt \"ok\""};
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(evidence_observation_write(&o, &b), STIEL_OK);
    assert_string_equal((const char *)b.data,
                        "{\"category\":\"safety\",\"outcome\":\"positive\",\"note\":\"tilt \\\"ok\\\"\"}");
    evidence_observation ob;
    assert_int_equal(evidence_observation_parse((const char *)b.data, b.len, &ob, NULL), STIEL_OK);
    assert_memory_equal(&ob, &o, sizeof o);
    stiel_diag d;
    const char *bad = "{\"category\":\"safety\",\"outcome\":\"meh\"}";
    assert_int_equal(evidence_observation_parse(bad, strlen(bad), &ob, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "\"outcome\""));

    stiel_buf_reset(&b);
    evidence_signoff s = {.competency = "mm.pick", .framework = "magazijnmedewerker"};
    assert_int_equal(evidence_signoff_write(&s, &b), STIEL_OK);
    assert_string_equal((const char *)b.data,
                        "{\"competency\":\"mm.pick\",\"framework\":\"magazijnmedewerker\"}");
    evidence_signoff sb;
    assert_int_equal(evidence_signoff_parse((const char *)b.data, b.len, &sb, NULL), STIEL_OK);
    assert_memory_equal(&sb, &s, sizeof s);
    assert_int_equal(evidence_signoff_parse("{}", 2, &sb, &d), STIEL_ERR_MISSING);
    assert_non_null(strstr(d.text, "\"competency\" is missing"));
    stiel_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick_exact_json_and_round_trip),
        cmocka_unit_test(test_pack_round_trip_and_escaping),
        cmocka_unit_test(test_bad_payloads_name_the_field),
        cmocka_unit_test(test_observation_and_signoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
