/* Tests of kiosk/core/competency: the shipped frameworks load; each kind of broken framework is
 * reported with file:line; the engine's status transitions (not started -> practising -> meets
 * criteria -> signed off) with hand-made evidence; the three dimensions; the level suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/competency.h"
#include "tests/kiosk/core/core_fixture.h"

/* ---- framework ----------------------------------------------------------------------------- */

static void load_framework(const char *rel, competency_framework *fw)
{
    size_t len = 0;
    char *text = fixture_read_asset(rel, &len);
    assert_non_null(text);
    core_errors errs;
    core_errors_clear(&errs);
    stiel_status st = competency_framework_parse(rel, text, len, fw, &errs);
    if (st != STIEL_OK)
        fprintf(stderr, "%s\n", errs.items[0].text);
    assert_int_equal(st, STIEL_OK);
    assert_int_equal(errs.count, 0);
    free(text);
}

static void test_shipped_frameworks_load(void **state)
{
    (void)state;
    competency_framework *fw = malloc(sizeof *fw);
    assert_non_null(fw);
    load_framework("competencies/magazijnmedewerker.ini", fw);
    assert_string_equal(fw->id, "magazijnmedewerker");
    assert_string_equal(fw->qualification, "BK-0002-3");
    const competency_def *item = competency_framework_find(fw, "mm.item");
    assert_non_null(item);
    assert_int_equal(item->source, COMP_SOURCE_STEPS);
    assert_int_equal(item->kind_count, 1);
    assert_string_equal(item->kinds[0], "step.pick.scan_item");
    assert_int_equal(item->min_level, 3);
    assert_int_equal(item->min_attempts, 20);
    assert_int_equal(item->min_rft_pct, 95);
    assert_int_equal(item->min_independent_pct, 90);
    assert_int_equal(item->min_days, 3);
    const competency_def *loc = competency_framework_find(fw, "mm.location");
    assert_int_equal(loc->kind_count, 2);
    const competency_def *safety = competency_framework_find(fw, "mm.safety");
    assert_int_equal(safety->source, COMP_SOURCE_OBSERVATIONS);
    assert_string_equal(safety->category, "safety");
    assert_null(competency_framework_find(fw, "mm.nothing"));
    load_framework("competencies/verpakker.ini", fw);
    assert_string_equal(fw->id, "verpakker");
    assert_non_null(competency_framework_find(fw, "vp.label"));
    free(fw);
}

static const char good_head[] =
    "[framework]\nid = t\nname_nl = T\nname_en = T\nqualification = Q\n";

/* Parses good_head + body; returns the status and the first error text in first. */
static stiel_status parse_body(const char *body, char *first, size_t cap, size_t *count)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", good_head, body);
    competency_framework *fw = malloc(sizeof *fw);
    assert_non_null(fw);
    core_errors errs;
    core_errors_clear(&errs);
    stiel_status st = competency_framework_parse("t.ini", text, strlen(text), fw, &errs);
    free(fw);
    snprintf(first, cap, "%s", errs.count ? errs.items[0].text : "");
    if (count)
        *count = core_errors_total(&errs);
    return st;
}

static const char steps_body[] =
    "[competency c.one]\nname_nl = A\nname_en = A\nreference = R\n"
    "evidence = step.pick.scan_item\nmin_level = 3\nmin_attempts = 20\nmin_rft_pct = 95\n"
    "min_independent_pct = 90\nmin_days = 3\n";

static void test_framework_errors_name_file_and_line(void **state)
{
    (void)state;
    char e[STIEL_DIAG_TEXT_MAX];
    char body[1024];
    assert_int_equal(parse_body(steps_body, e, sizeof e, NULL), STIEL_OK);

    /* line 6 is the [competency] line, 7.. its keys */
    snprintf(body, sizeof body, "%s", steps_body);
    memcpy(strstr(body, "min_rft_pct = 95"), "min_rft_pct =101", 16);
    assert_int_equal(parse_body(body, e, sizeof e, NULL), STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:13: min_rft_pct = 101: expected a whole number 0..100");

    snprintf(body, sizeof body, "%scolour = blue\n", steps_body);
    assert_int_equal(parse_body(body, e, sizeof e, NULL), STIEL_ERR_NOT_FOUND);
    assert_string_equal(e, "t.ini:16: unknown key colour in [competency c.one]");

    snprintf(body, sizeof body, "%smin_days = 4\n", steps_body);
    assert_int_equal(parse_body(body, e, sizeof e, NULL), STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:16: min_days is set twice in [competency c.one] (also line 15)");

    snprintf(body, sizeof body, "%s%s", steps_body, steps_body);
    assert_int_equal(parse_body(body, e, sizeof e, NULL), STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:16: competency c.one is defined twice (also line 6)");

    assert_int_equal(parse_body("[competency c.two]\nname_nl = A\nname_en = A\nreference = R\n"
                                "evidence = pick.scan_item\n", e, sizeof e, NULL),
                     STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:10: evidence kind 'pick.scan_item' is not a step kind like "
                           "step.pick.scan_item");

    size_t n = 0;
    assert_int_equal(parse_body("[competency c.two]\nname_nl = A\nname_en = A\nreference = R\n"
                                "evidence = step.pick.put\n", e, sizeof e, &n),
                     STIEL_ERR_MISSING);
    assert_string_equal(e, "t.ini:6: [competency c.two] lacks min_level");
    assert_int_equal(n, 5);

    assert_int_equal(parse_body("[competency c.obs]\nname_nl = A\nname_en = A\nreference = R\n"
                                "observations = safety\nmin_attempts = 3\nmin_days = 2\n"
                                "min_rft_pct = 90\n", e, sizeof e, NULL),
                     STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:13: min_rft_pct does not apply to a competency counted from "
                           "observations");

    assert_int_equal(parse_body("[competency c.both]\nname_nl = A\nname_en = A\nreference = R\n"
                                "observations = safety\nevidence = step.pick.put\n"
                                "min_attempts = 3\nmin_days = 2\n", e, sizeof e, NULL),
                     STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:10: [competency c.both] sets both evidence and observations: "
                           "choose one");

    assert_int_equal(parse_body("[competency C One]\n", e, sizeof e, NULL), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(e, "t.ini:6: competency id 'C One' must be"));

    assert_int_equal(parse_body("[level 1]\n", e, sizeof e, NULL), STIEL_ERR_SYNTAX);
    assert_string_equal(e, "t.ini:6: [level 1] is not a section of a framework; write "
                           "[framework] or [competency ID]");

    assert_int_equal(parse_body("", e, sizeof e, NULL), STIEL_ERR_MISSING);
    assert_string_equal(e, "t.ini:1: the framework has no [competency ID]");

    core_errors errs;
    core_errors_clear(&errs);
    competency_framework *fw = malloc(sizeof *fw);
    const char *nofw = "[competency a]\n";
    assert_int_equal(competency_framework_parse("x.ini", nofw, strlen(nofw), fw, &errs),
                     STIEL_ERR_SYNTAX);
    assert_string_equal(errs.items[0].text,
                        "x.ini:1: [competency a] comes before the [framework] section");
    free(fw);
}

/* ---- engine -------------------------------------------------------------------------------- */

static competency_framework *small_framework(void)
{
    static const char text[] =
        "[framework]\nid = t\nname_nl = T\nname_en = T\nqualification = Q\n"
        "[competency c.item]\nname_nl = A\nname_en = A\nreference = R\n"
        "evidence = step.pick.scan_item\nmin_level = 3\nmin_attempts = 20\nmin_rft_pct = 95\n"
        "min_independent_pct = 90\nmin_days = 3\n"
        "[competency c.safety]\nname_nl = S\nname_en = S\nreference = R\n"
        "observations = safety\nmin_attempts = 2\nmin_days = 2\n";
    competency_framework *fw = malloc(sizeof *fw);
    assert_non_null(fw);
    assert_int_equal(competency_framework_parse("t.ini", text, sizeof text - 1, fw, NULL),
                     STIEL_OK);
    return fw;
}

/* Adds `count` scan_item records of one kind to cells. */
static void add_records(competency_cells *cells, const char *step, unsigned level, int64_t day,
                        unsigned count, pick_result result, pick_prompt prompt, unsigned hints)
{
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.step, sizeof r.step, "%s", step);
    r.level = level;
    r.result = result;
    r.coach_help = prompt;
    r.kiosk_help = hints;
    r.errors = result == PICK_RESULT_CORRECTED ? 1 : 0;
    r.duration_ms = 4000;
    char kind[EVIDENCE_KIND_MAX + 1];
    assert_int_equal(evidence_kind(&r, kind, sizeof kind), STIEL_OK);
    for (unsigned i = 0; i < count; i++) {
        competency_counts n;
        memset(&n, 0, sizeof n);
        competency_counts_add_record(&n, &r);
        assert_int_equal(competency_cells_add(cells, kind, level, day, &n, 1), STIEL_OK);
    }
}

static competency_result evaluate_one(const competency_framework *fw, const competency_cells *c,
                                      const competency_observation_in *obs, size_t nobs,
                                      const competency_signoff_in *so, size_t nso, size_t which)
{
    competency_input in = {.cells = c->items, .cell_count = c->count, .observations = obs,
                           .observation_count = nobs, .signoffs = so, .signoff_count = nso};
    competency_result res[COMP_MAX];
    assert_int_equal(competency_evaluate(fw, &in, res), STIEL_OK);
    return res[which];
}

static void test_status_transitions(void **state)
{
    (void)state;
    competency_framework *fw = small_framework();
    competency_cells cells;
    competency_cells_init(&cells);

    competency_result r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_NOT_STARTED);
    assert_string_equal(competency_state_name(r.state), "not started");

    /* practice at level 2 counts as practising but not towards criteria at level >= 3 */
    add_records(&cells, "scan_item", 2, 100, 30, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_PRACTISING);
    assert_int_equal(r.attempts_all, 30);
    assert_int_equal(r.attempts, 0);

    /* other step kinds do not count */
    add_records(&cells, "scan_location", 3, 101, 50, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    /* 20 attempts at level 3 over 2 days: one day short */
    add_records(&cells, "scan_item", 3, 101, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    add_records(&cells, "scan_item", 3, 102, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE,
                PICK_HINT_PHOTO);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_PRACTISING);
    assert_int_equal(r.attempts, 20);
    assert_int_equal(r.days, 2);
    assert_int_equal(r.independent, 20); /* kiosk hints keep a step independent */

    /* a third day: 40 attempts, 40 right first time */
    add_records(&cells, "scan_item", 4, 103, 20, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_MEETS_CRITERIA);
    assert_true(r.meets);
    assert_int_equal(r.days, 3);

    /* 3 corrected of 43: 93 % right first time < 95 % */
    add_records(&cells, "scan_item", 4, 103, 3, PICK_RESULT_CORRECTED, PICK_PROMPT_NONE, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_PRACTISING);
    assert_int_equal(r.rft, 40);
    assert_true(r.rft_pct > 93.0 && r.rft_pct < 93.1);
    /* 60 more right first time: 100/103 = 97 % */
    add_records(&cells, "scan_item", 4, 104, 60, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.state, COMP_MEETS_CRITERIA);
    /* 12 with a verbal prompt: 103 + 12 = 115 attempts, 103 independent = 89.6 % < 90 % */
    add_records(&cells, "scan_item", 4, 104, 12, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_VERBAL, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.independent, 103);
    assert_int_equal(r.state, COMP_PRACTISING);
    /* skipped steps are not attempts */
    add_records(&cells, "scan_item", 4, 104, 50, PICK_RESULT_SKIPPED, PICK_PROMPT_NONE, 0);
    r = evaluate_one(fw, &cells, NULL, 0, NULL, 0, 0);
    assert_int_equal(r.attempts, 115);
    assert_int_equal(r.skipped, 50);

    /* a sign-off is honoured even when the criteria are not (now) met; the earliest day shows */
    competency_signoff_in so[2] = {{.competency = "c.item", .day = 110},
                                   {.competency = "c.item", .day = 105}};
    r = evaluate_one(fw, &cells, NULL, 0, so, 2, 0);
    assert_int_equal(r.state, COMP_SIGNED_OFF);
    assert_int_equal(r.signed_off_day, 105);
    assert_false(r.meets);
    /* a sign-off of another competency does not count */
    competency_signoff_in other = {.competency = "c.safety", .day = 1};
    r = evaluate_one(fw, &cells, NULL, 0, &other, 1, 0);
    assert_int_equal(r.state, COMP_PRACTISING);

    competency_cells_free(&cells);
    free(fw);
}

static void test_observation_competency(void **state)
{
    (void)state;
    competency_framework *fw = small_framework();
    competency_cells cells;
    competency_cells_init(&cells);
    competency_observation_in obs[4] = {
        {.category = "safety", .day = 10, .ts_ms = 1000, .positive = true},
        {.category = "teamwork", .day = 11, .ts_ms = 2000, .positive = true},
        {.category = "safety", .day = 10, .ts_ms = 3000, .positive = true},
        {.category = "safety", .day = 12, .ts_ms = 4000, .positive = false},
    };
    competency_result r = evaluate_one(fw, &cells, obs, 1, NULL, 0, 1);
    assert_int_equal(r.state, COMP_PRACTISING);
    /* two positives on the same day: one day short */
    r = evaluate_one(fw, &cells, obs, 3, NULL, 0, 1);
    assert_int_equal(r.attempts, 2);
    assert_int_equal(r.days, 1);
    assert_int_equal(r.state, COMP_PRACTISING);
    /* a concern on day 12 as the latest observation blocks it */
    obs[2].day = 11;
    r = evaluate_one(fw, &cells, obs, 3, NULL, 0, 1);
    assert_int_equal(r.state, COMP_MEETS_CRITERIA);
    r = evaluate_one(fw, &cells, obs, 4, NULL, 0, 1);
    assert_int_equal(r.concerns, 1);
    assert_false(r.latest_positive);
    assert_int_equal(r.state, COMP_PRACTISING);
    free(fw);
}

static void test_help_weight_and_counts(void **state)
{
    (void)state;
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_NONE), 0);
    assert_int_equal(competency_help_weight(PICK_HINT_PHOTO | PICK_HINT_SPOKEN, PICK_PROMPT_NONE), 1);
    assert_int_equal(competency_help_weight(PICK_HINT_PHOTO, PICK_PROMPT_GESTURAL), 2);
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_VERBAL), 3);
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_MODEL), 4);
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_PARTIAL_PHYSICAL), 5);
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_FULL_PHYSICAL), 6);
    assert_int_equal(competency_help_weight(0, PICK_PROMPT_DONE_BY_COACH), 6);

    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.step, sizeof r.step, "done");
    snprintf(r.scanned, sizeof r.scanned, "done:7");
    r.result = PICK_RESULT_DONE_BY_COACH;
    r.errors = 2;
    r.duration_ms = 60000;
    competency_counts n;
    memset(&n, 0, sizeof n);
    competency_counts_add_record(&n, &r);
    assert_int_equal(n.attempts, 1);
    assert_int_equal(n.rft, 0);
    assert_int_equal(n.independent, 0);
    assert_int_equal(n.coach_done, 1);
    assert_int_equal(n.errors, 2);
    assert_int_equal(n.lines_done, 7);
    assert_int_equal(n.duration_ms, 60000);
    /* "done:N" only counts for pick's done step */
    snprintf(r.step, sizeof r.step, "put");
    memset(&n, 0, sizeof n);
    competency_counts_add_record(&n, &r);
    assert_int_equal(n.lines_done, 0);

    /* adding and taking away leaves no cell */
    competency_cells cells;
    competency_cells_init(&cells);
    memset(&n, 0, sizeof n);
    n.attempts = 2;
    n.rft = 1;
    assert_int_equal(competency_cells_add(&cells, "step.pick.put", 3, 5, &n, 1), STIEL_OK);
    assert_int_equal(competency_cells_add(&cells, "step.pick.put", 3, 5, &n, 1), STIEL_OK);
    assert_int_equal(cells.count, 1);
    assert_int_equal(cells.items[0].n.attempts, 4);
    assert_int_equal(competency_cells_add(&cells, "step.pick.put", 3, 6, &n, 1), STIEL_OK);
    assert_int_equal(cells.count, 2);
    assert_int_equal(competency_cells_add(&cells, "step.pick.put", 3, 5, &n, -1), STIEL_OK);
    assert_int_equal(competency_cells_add(&cells, "step.pick.put", 3, 5, &n, -1), STIEL_OK);
    assert_int_equal(cells.count, 1);
    assert_int_equal(cells.items[0].day, 6);
    competency_cells_free(&cells);
}

static service_levels load_levels(void)
{
    size_t len = 0;
    char *text = fixture_read_asset("levels.ini", &len);
    assert_non_null(text);
    service_levels lv;
    assert_int_equal(service_levels_parse("levels.ini", text, len, &lv, NULL), STIEL_OK);
    free(text);
    return lv;
}

/* A task record: lines finished in duration_s seconds. */
static void add_task(competency_cells *cells, unsigned level, int64_t day, unsigned lines,
                     unsigned duration_s)
{
    competency_counts n;
    memset(&n, 0, sizeof n);
    n.attempts = 1;
    n.rft = 1;
    n.independent = 1;
    n.lines_done = lines;
    n.duration_ms = (uint64_t)duration_s * 1000u;
    assert_int_equal(competency_cells_add(cells, "step.pick.done", level, day, &n, 1), STIEL_OK);
}

static void test_dimensions_per_day_and_level(void **state)
{
    (void)state;
    service_levels lv = load_levels();
    unsigned norm4 = service_levels_get(&lv, 4)->norm_seconds_per_line;
    assert_true(norm4 > 0);
    assert_int_equal(service_levels_get(&lv, 1)->norm_seconds_per_line, 0);
    competency_cells cells;
    competency_cells_init(&cells);
    /* day 20, level 1 (no norm): 8 steps, 6 right first time, 2 corrected (1 error each), two
     * with a verbal prompt (weight 3 each), one task of 2 lines */
    add_records(&cells, "scan_item", 1, 20, 6, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    add_records(&cells, "scan_item", 1, 20, 2, PICK_RESULT_CORRECTED, PICK_PROMPT_VERBAL, 0);
    add_task(&cells, 1, 20, 2, 100);
    /* day 21, level 4: 10 steps right first time with a photo hint (weight 1), two tasks of 4
     * lines: one at twice the norm's time, one at exactly the norm */
    add_records(&cells, "put", 4, 21, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE,
                PICK_HINT_PHOTO);
    add_task(&cells, 4, 21, 4, 8 * norm4);
    add_task(&cells, 4, 21, 4, 4 * norm4);

    competency_dims *d = NULL;
    size_t nd = 0;
    assert_int_equal(competency_dimensions(cells.items, cells.count, &lv, COMP_BY_DAY, &d, &nd),
                     STIEL_OK);
    assert_int_equal(nd, 2);
    assert_int_equal(d[0].key, 20);
    assert_int_equal(d[0].steps, 8);
    assert_int_equal(d[0].errors, 2);
    assert_true(d[0].quality_pct == 75.0);
    assert_true(d[0].errors_per_step == 0.25);
    assert_true(d[0].support_per_task == 6.0);
    assert_true(d[0].tempo_pct == -1.0);     /* level 1 has no norm */
    assert_int_equal(d[1].key, 21);
    assert_int_equal(d[1].tasks, 2);
    assert_int_equal(d[1].lines, 8);
    /* 8 lines at the norm over 12 norms' time: 66.7 % */
    assert_true(d[1].tempo_pct > 66.6 && d[1].tempo_pct < 66.7);
    assert_true(d[1].support_per_task == 5.0);
    assert_true(d[1].quality_pct == 100.0);
    free(d);

    assert_int_equal(competency_dimensions(cells.items, cells.count, &lv, COMP_BY_LEVEL, &d, &nd),
                     STIEL_OK);
    assert_int_equal(nd, 2);
    assert_int_equal(d[0].key, 1);
    assert_int_equal(d[1].key, 4);
    assert_int_equal(d[1].steps, 10);
    free(d);
    assert_int_equal(competency_dimensions(NULL, 0, &lv, COMP_BY_LEVEL, &d, &nd), STIEL_OK);
    assert_null(d);
    assert_int_equal(nd, 0);
    competency_cells_free(&cells);
}

static void test_level_suggestion_rules(void **state)
{
    (void)state;
    service_levels lv = load_levels();
    unsigned norm3 = service_levels_get(&lv, 3)->norm_seconds_per_line;
    competency_cells cells;
    competency_cells_init(&cells);
    competency_suggestion s;

    competency_suggest(cells.items, cells.count, &lv, 0, &s);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);
    assert_int_equal(s.from_level, 0);

    /* level 2 (no norm): 3 good days of 12 steps -> ready for level 3 */
    for (int64_t day = 30; day < 33; day++)
        add_records(&cells, "scan_item", 2, day, 12, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    competency_suggest(cells.items, cells.count, &lv, 0, &s);
    assert_int_equal(s.from_level, 2);
    assert_int_equal(s.kind, COMP_SUGGEST_UP);
    assert_int_equal(s.to_level, 3);
    assert_string_equal(s.text, "ready for level 3");
    assert_int_equal(s.days, 3);
    assert_int_equal(s.steps, 36);
    assert_non_null(strstr(s.why, "36 steps, 100 % right first time, 100 % independent"));

    /* only two days: not yet */
    competency_cells two;
    competency_cells_init(&two);
    for (int64_t day = 30; day < 32; day++)
        add_records(&two, "scan_item", 2, day, 20, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    competency_suggest(two.items, two.count, &lv, 2, &s);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);
    assert_string_equal(s.text, "");
    competency_cells_free(&two);

    /* the top level never suggests going up */
    competency_suggest(cells.items, cells.count, &lv, (unsigned)lv.count, &s);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);

    /* moved to level 3 (with a norm): good steps but slow tasks -> not ready */
    for (int64_t day = 40; day < 44; day++) {
        add_records(&cells, "scan_item", 3, day, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
        add_task(&cells, 3, day, 3, 4 * norm3);  /* 75 % of the norm */
    }
    competency_suggest(cells.items, cells.count, &lv, 0, &s);
    assert_int_equal(s.from_level, 3);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);
    assert_true(s.tempo_pct == 75.0);
    assert_non_null(strstr(s.why, "tempo 75 % of the norm"));
    /* a day at the norm's double speed lifts the window to >= 100 % */
    add_records(&cells, "scan_item", 3, 44, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    add_task(&cells, 3, 44, 30, 15 * norm3);
    competency_suggest(cells.items, cells.count, &lv, 3, &s);
    assert_int_equal(s.kind, COMP_SUGGEST_UP);
    assert_int_equal(s.to_level, 4);

    /* struggling at level 3: the last 5 days are poor, older good days fall out of the window */
    for (int64_t day = 50; day < 55; day++)
        add_records(&cells, "scan_item", 3, day, 10, PICK_RESULT_CORRECTED, PICK_PROMPT_MODEL, 0);
    competency_suggest(cells.items, cells.count, &lv, 3, &s);
    assert_int_equal(s.days, 5);
    assert_int_equal(s.steps, 50);
    assert_int_equal(s.kind, COMP_SUGGEST_DOWN);
    assert_int_equal(s.to_level, 2);
    assert_string_equal(s.text, "struggling: consider level 2");
    /* level 1 is the floor */
    competency_cells one;
    competency_cells_init(&one);
    for (int64_t day = 50; day < 55; day++)
        add_records(&one, "scan_item", 1, day, 10, PICK_RESULT_CORRECTED, PICK_PROMPT_MODEL, 0);
    competency_suggest(one.items, one.count, &lv, 1, &s);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);
    competency_cells_free(&one);
    competency_cells_free(&cells);
}

/* Counts the met checks and says whether every one is met. */
static size_t checks_met(const competency_up_check *c, size_t n)
{
    size_t met = 0;
    for (size_t k = 0; k < n; k++)
        met += c[k].met;
    return met;
}

static void test_up_checks_per_criterion(void **state)
{
    (void)state;
    service_levels lv = load_levels();
    unsigned norm3 = service_levels_get(&lv, 3)->norm_seconds_per_line;
    competency_cells cells;
    competency_cells_init(&cells);
    competency_suggestion s;
    competency_up_check c[COMP_UP_CRITERIA_MAX];

    /* no evidence: nothing to check */
    competency_suggest(cells.items, cells.count, &lv, 0, &s);
    assert_int_equal(competency_up_checks(&s, &lv, c), 0);

    /* level 2 (no norm), two good days of 20 steps: only the days are missing; no tasks, so
     * support counts as met */
    for (int64_t day = 30; day < 32; day++)
        add_records(&cells, "scan_item", 2, day, 20, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    competency_suggest(cells.items, cells.count, &lv, 2, &s);
    size_t n = competency_up_checks(&s, &lv, c);
    assert_int_equal(n, 5);
    assert_int_equal(c[0].which, COMP_UP_DAYS);
    assert_false(c[0].met);
    assert_true(c[0].value == 2.0 && c[0].needed == COMP_UP_MIN_DAYS);
    assert_int_equal(c[1].which, COMP_UP_STEPS);
    assert_true(c[1].met && c[1].value == 40.0);
    assert_int_equal(c[2].which, COMP_UP_RFT);
    assert_true(c[2].met && c[2].value == 100.0);
    assert_int_equal(c[3].which, COMP_UP_INDEPENDENT);
    assert_true(c[3].met);
    assert_int_equal(c[4].which, COMP_UP_SUPPORT);
    assert_true(c[4].met && c[4].value == -1.0);
    assert_int_equal(checks_met(c, n), 4);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);
    /* a third day meets the last one: the suggestion agrees */
    add_records(&cells, "scan_item", 2, 32, 5, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
    competency_suggest(cells.items, cells.count, &lv, 2, &s);
    assert_int_equal(checks_met(c, competency_up_checks(&s, &lv, c)), 5);
    assert_int_equal(s.kind, COMP_SUGGEST_UP);
    /* a verbal prompt per step in a task: independence and support fail, nothing else */
    add_records(&cells, "scan_item", 2, 32, 2, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_VERBAL, 0);
    add_task(&cells, 2, 32, 2, 60);
    competency_suggest(cells.items, cells.count, &lv, 2, &s);
    n = competency_up_checks(&s, &lv, c);
    assert_int_equal(n, 5);
    assert_true(c[3].met);              /* 45 of 47 still independent: 95.7 % */
    assert_false(c[4].met);             /* 6 per task */
    assert_true(c[4].value == 6.0 && c[4].needed == 1.0);
    assert_int_equal(s.kind, COMP_SUGGEST_NONE);

    /* level 3 has a norm: six checks, tempo at 75 % is the one missing */
    competency_cells three;
    competency_cells_init(&three);
    for (int64_t day = 40; day < 44; day++) {
        add_records(&three, "scan_item", 3, day, 10, PICK_RESULT_RIGHT_FIRST_TIME, PICK_PROMPT_NONE, 0);
        add_task(&three, 3, day, 3, 4 * norm3);
    }
    competency_suggest(three.items, three.count, &lv, 3, &s);
    n = competency_up_checks(&s, &lv, c);
    assert_int_equal(n, 6);
    assert_int_equal(c[5].which, COMP_UP_TEMPO);
    assert_false(c[5].met);
    assert_true(c[5].value == 75.0 && c[5].needed == COMP_UP_TEMPO_PCT);
    assert_int_equal(checks_met(c, n), 5);
    /* without the ladder there is no norm: five checks, all met */
    competency_suggest(three.items, three.count, NULL, 3, &s);
    assert_int_equal(checks_met(c, competency_up_checks(&s, NULL, c)), 5);
    assert_int_equal(competency_up_checks(&s, NULL, c), 5);
    competency_cells_free(&three);
    competency_cells_free(&cells);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_frameworks_load),
        cmocka_unit_test(test_framework_errors_name_file_and_line),
        cmocka_unit_test(test_status_transitions),
        cmocka_unit_test(test_observation_competency),
        cmocka_unit_test(test_help_weight_and_counts),
        cmocka_unit_test(test_dimensions_per_day_and_level),
        cmocka_unit_test(test_level_suggestion_rules),
        cmocka_unit_test(test_up_checks_per_criterion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
