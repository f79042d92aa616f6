/* Tests of kiosk/store/store_stats: after random appends of step evidence (pick and pack, every
 * result and help level, several trainees, levels and days), voids (some twice) and erasure, the
 * summary table the triggers keep equals a full recomputation in C (evidence_json_parse +
 * competency_counts_add_record), and equals store_stats_rebuild; a store migrated from the
 * previous schema gets its summary filled; coach events skip voided ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/competency.h"
#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

enum { TRAINEES = 3, EVENTS = 600 };
static const char *const trainees[TRAINEES] = {"T-0001", "T-0002", "T-0003"};
static const char *const pick_steps[] = {"get_work", "go_to_location", "scan_location",
                                         "scan_item", "quantity", "put", "empty_check", "done"};
static const char *const pack_steps[] = {"scan_order", "scan_items", "choose_box", "print",
                                         "verify_label", "close", "done"};

static uint64_t next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void random_record(uint64_t *x, const char *trainee, evidence_record *r)
{
    memset(r, 0, sizeof *r);
    r->flow = next(x) % 3 ? EVIDENCE_FLOW_PICK : EVIDENCE_FLOW_PACK;
    bool pick = r->flow == EVIDENCE_FLOW_PICK;
    snprintf(r->trainee, sizeof r->trainee, "%s", trainee);
    r->level = 1 + (unsigned)(next(x) % 5);
    snprintf(r->task, sizeof r->task, "TR-%u", (unsigned)(next(x) % 50));
    snprintf(r->step, sizeof r->step, "%s",
             pick ? pick_steps[next(x) % 8] : pack_steps[next(x) % 7]);
    r->result = (pick_result)(next(x) % 4);
    r->errors = r->result == PICK_RESULT_CORRECTED ? 1 + (unsigned)(next(x) % 3) : 0;
    r->error_kinds = r->errors ? 1u << (next(x) % 7) : 0;
    r->kiosk_help = (unsigned)(next(x) % 8) & (pick ? 7u : 5u);
    r->coach_help = (pick_prompt)(next(x) % 3 ? 0 : next(x) % PICK_PROMPT_COUNT);
    r->units = (unsigned)(next(x) % 4);
    if (pick && strcmp(r->step, "done") == 0)
        snprintf(r->scanned, sizeof r->scanned, "done:%u", (unsigned)(next(x) % 12));
    else
        snprintf(r->scanned, sizeof r->scanned, "871912310%04u", (unsigned)(next(x) % 10000));
    r->duration_ms = 500 + next(x) % 60000;
    r->at_ms = next(x) % 1000000;
    snprintf(r->device, sizeof r->device, "scanner-1");
}

static void append_record(store *s, const evidence_record *r, int64_t ts, store_receipt *rc)
{
    char kind[EVIDENCE_KIND_MAX + 1];
    assert_int_equal(evidence_kind(r, kind, sizeof kind), STIEL_OK);
    stiel_buf b;
    stiel_buf_init(&b, STORE_PAYLOAD_MAX);
    assert_int_equal(evidence_json_write(r, &b), STIEL_OK);
    store_event ev = {.kiosk_id = "pick-1", .ts_ms = ts, .trainee_id = r->trainee,
                      .actor_id = r->trainee, .kind = kind, .payload = (const char *)b.data};
    stiel_diag d;
    stiel_status st = store_append(s, &ev, rc, &d);
    if (st != STIEL_OK)
        fprintf(stderr, "%s\n", d.text);
    assert_int_equal(st, STIEL_OK);
    stiel_buf_free(&b);
}

/* ---- recomputation in C ---- */

typedef struct recompute {
    store *s;
    competency_cells cells;
} recompute;

/* Is there an event that voids id? (a linear walk: tests only) */
typedef struct void_search {
    const char *id;
    bool found;
} void_search;

static int void_search_row(const store_row *row, void *ctx)
{
    void_search *v = ctx;
    if (row->voids_id && strcmp(row->voids_id, v->id) == 0) {
        v->found = true;
        return 1;
    }
    return 0;
}

static int recompute_row(const store_row *row, void *ctx)
{
    recompute *rc = ctx;
    if (strncmp(row->kind, "step.", 5) != 0 || row->voids_id || !row->payload)
        return 0;
    void_search vs = {.id = row->id};
    assert_int_equal(store_events_each(rc->s, void_search_row, &vs, NULL), STIEL_OK);
    if (vs.found)
        return 0;
    evidence_record r;
    if (evidence_json_parse(row->payload, strlen(row->payload), &r, NULL) != STIEL_OK)
        return 0;
    competency_counts n;
    memset(&n, 0, sizeof n);
    competency_counts_add_record(&n, &r);
    assert_int_equal(competency_cells_add(&rc->cells, row->kind, r.level,
                                          row->ts_ms / 86400000, &n, 1),
                     STIEL_OK);
    return 0;
}

static int table_row(const store_summary_row *row, void *ctx)
{
    competency_cells *cells = ctx;
    competency_counts n = {
        .attempts = (uint64_t)row->attempts, .rft = (uint64_t)row->rft,
        .independent = (uint64_t)row->independent, .skipped = (uint64_t)row->skipped,
        .coach_done = (uint64_t)row->coach_done, .errors = (uint64_t)row->errors,
        .duration_ms = (uint64_t)row->duration_ms, .help_weight = (uint64_t)row->help_weight,
        .lines_done = (uint64_t)row->lines_done};
    assert_int_equal(competency_cells_add(cells, row->kind, row->level, row->day, &n, 1),
                     STIEL_OK);
    return 0;
}

static void assert_cells_equal(competency_cells *a, competency_cells *b)
{
    competency_cells_sort(a);
    competency_cells_sort(b);
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_string_equal(a->items[i].kind, b->items[i].kind);
        assert_int_equal(a->items[i].level, b->items[i].level);
        assert_int_equal(a->items[i].day, b->items[i].day);
        assert_memory_equal(&a->items[i].n, &b->items[i].n, sizeof a->items[i].n);
    }
}

/* Compares the table with the recomputation for every trainee; returns the cells compared. */
static size_t check_summary(store *s)
{
    size_t total = 0;
    for (int t = 0; t < TRAINEES; t++) {
        recompute rc = {.s = s};
        competency_cells_init(&rc.cells);
        assert_int_equal(store_trainee_events(s, trainees[t], recompute_row, &rc, NULL), STIEL_OK);
        competency_cells table;
        competency_cells_init(&table);
        assert_int_equal(store_stats_summary(s, trainees[t], table_row, &table, NULL), STIEL_OK);
        assert_cells_equal(&table, &rc.cells);
        total += table.count;
        competency_cells_free(&table);
        competency_cells_free(&rc.cells);
    }
    return total;
}

static void test_summary_equals_recomputation(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    char (*ids)[STORE_UUID_LEN] = calloc(EVENTS, sizeof *ids);
    assert_non_null(ids);
    size_t nids = 0;
    int64_t ts = 1735689600000LL;  /* 2025-01-01 */
    for (int i = 0; i < EVENTS; i++) {
        ts += (int64_t)(next(&x) % 3600000);  /* days pass: about 12 per 600 events */
        uint64_t what = next(&x) % 20;
        const char *trainee = trainees[next(&x) % TRAINEES];
        store_receipt rc;
        if (what < 15 || nids == 0) {
            evidence_record r;
            random_record(&x, trainee, &r);
            append_record(s, &r, ts, &rc);
            memcpy(ids[nids++], rc.id, STORE_UUID_LEN);
        } else if (what < 18) {
            /* void an earlier step event (possibly one already voided) */
            const char *victim = ids[next(&x) % nids];
            store_event ev = {.kiosk_id = "coach-1", .ts_ms = ts, .trainee_id = trainee,
                              .actor_id = "C-01", .kind = EVIDENCE_KIND_VOID,
                              .payload = "{\"reason\":\"scanned by a colleague\"}",
                              .voids_id = victim};
            assert_int_equal(store_append(s, &ev, NULL, NULL), STIEL_OK);
        } else if (what == 18) {
            store_event ev = {.kiosk_id = "coach-1", .ts_ms = ts, .trainee_id = trainee,
                              .actor_id = "C-01", .kind = EVIDENCE_KIND_OBSERVATION,
                              .payload = "{\"category\":\"safety\",\"outcome\":\"positive\"}"};
            assert_int_equal(store_append(s, &ev, NULL, NULL), STIEL_OK);
        } else {
            /* a step kind whose payload is no flow record: counted by neither side */
            store_event ev = {.kiosk_id = "pick-1", .ts_ms = ts, .trainee_id = trainee,
                              .actor_id = trainee, .kind = "step.pick.put", .payload = "{\"n\":1}"};
            assert_int_equal(store_append(s, &ev, NULL, NULL), STIEL_OK);
        }
    }
    size_t cells = check_summary(s);
    assert_true(cells > 100);

    /* the rebuild gives the same table */
    assert_int_equal(store_stats_rebuild(s, NULL), STIEL_OK);
    assert_int_equal(check_summary(s), cells);

    /* erasure removes the trainee's rows; the others stay equal to the recomputation */
    assert_int_equal(store_erase_trainee(s, "coach-1", "T-0002", "C-01", "left the programme",
                                         ts + 1, NULL, NULL),
                     STIEL_OK);
    competency_cells left;
    competency_cells_init(&left);
    assert_int_equal(store_stats_summary(s, "T-0002", table_row, &left, NULL), STIEL_OK);
    assert_int_equal(left.count, 0);
    competency_cells_free(&left);
    check_summary(s);
    assert_int_equal(store_stats_rebuild(s, NULL), STIEL_OK);
    check_summary(s);
    store_close(s);
    free(ids);
    fixture_drop(&f);
}

static void test_void_takes_counts_away_once(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.trainee, sizeof r.trainee, "T-0001");
    r.level = 3;
    snprintf(r.step, sizeof r.step, "scan_item");
    r.result = PICK_RESULT_RIGHT_FIRST_TIME;
    r.duration_ms = 4000;
    int64_t ts = 20000LL * 86400000LL + 3600000;
    store_receipt a, b;
    append_record(s, &r, ts, &a);
    r.coach_help = PICK_PROMPT_VERBAL;
    append_record(s, &r, ts + 1000, &b);
    competency_cells t;
    competency_cells_init(&t);
    assert_int_equal(store_stats_summary(s, "T-0001", table_row, &t, NULL), STIEL_OK);
    assert_int_equal(t.count, 1);
    assert_string_equal(t.items[0].kind, "step.pick.scan_item");
    assert_int_equal(t.items[0].level, 3);
    assert_int_equal(t.items[0].day, 20000);
    assert_int_equal(t.items[0].n.attempts, 2);
    assert_int_equal(t.items[0].n.independent, 1);
    assert_int_equal(t.items[0].n.help_weight, 3);
    assert_int_equal(t.items[0].n.duration_ms, 8000);
    competency_cells_free(&t);
    for (int twice = 0; twice < 2; twice++) {
        store_event ev = {.kiosk_id = "coach-1", .ts_ms = ts + 5000, .trainee_id = "T-0001",
                          .actor_id = "C-01", .kind = "void", .voids_id = b.id};
        assert_int_equal(store_append(s, &ev, NULL, NULL), STIEL_OK);
        competency_cells_init(&t);
        assert_int_equal(store_stats_summary(s, "T-0001", table_row, &t, NULL), STIEL_OK);
        assert_int_equal(t.count, 1);
        assert_int_equal(t.items[0].n.attempts, 1);
        assert_int_equal(t.items[0].n.help_weight, 0);
        competency_cells_free(&t);
    }
    store_event ev = {.kiosk_id = "coach-1", .ts_ms = ts + 6000, .trainee_id = "T-0001",
                      .actor_id = "C-01", .kind = "void", .voids_id = a.id};
    assert_int_equal(store_append(s, &ev, NULL, NULL), STIEL_OK);
    competency_cells_init(&t);
    assert_int_equal(store_stats_summary(s, "T-0001", table_row, &t, NULL), STIEL_OK);
    assert_int_equal(t.count, 0);  /* emptied cells are dropped */
    competency_cells_free(&t);
    store_close(s);
    fixture_drop(&f);
}

static void test_migration_fills_summary(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    store_options old = {.target_version = 3};   /* before the summary (version 4) */
    assert_int_equal(store_open(f.path, &old, &s, NULL), STIEL_OK);
    uint64_t x = 42;
    for (int i = 0; i < 40; i++) {
        evidence_record r;
        random_record(&x, trainees[i % TRAINEES], &r);
        append_record(s, &r, 1735689600000LL + i * 7200000LL, NULL);
    }
    store_close(s);
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    assert_true(check_summary(s) > 10);
    store_close(s);
    fixture_drop(&f);
}

typedef struct seen {
    int count;
    char kinds[8][40];
} seen;

static int coach_row(const store_row *row, void *ctx)
{
    seen *sn = ctx;
    if (sn->count < 8)
        snprintf(sn->kinds[sn->count], sizeof sn->kinds[0], "%s", row->kind);
    sn->count++;
    return 0;
}

static void test_coach_events_skip_voided(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    store_receipt so;
    store_event evs[] = {
        {.kiosk_id = "c", .ts_ms = 3000, .trainee_id = "T-0001", .actor_id = "C-01",
         .kind = EVIDENCE_KIND_SIGNED_OFF, .payload = "{\"competency\":\"mm.item\"}"},
        {.kiosk_id = "c", .ts_ms = 1000, .trainee_id = "T-0001", .actor_id = "C-01",
         .kind = EVIDENCE_KIND_OBSERVATION, .payload = "{\"category\":\"safety\",\"outcome\":\"concern\"}"},
        {.kiosk_id = "c", .ts_ms = 2000, .trainee_id = "T-0001", .actor_id = "S-01",
         .kind = EVIDENCE_KIND_LEVEL_CHANGED, .payload = "{\"level\":3,\"from\":2,\"reason\":\"x\"}"},
        {.kiosk_id = "c", .ts_ms = 2500, .trainee_id = "T-0002", .actor_id = "C-01",
         .kind = EVIDENCE_KIND_OBSERVATION, .payload = "{\"category\":\"safety\",\"outcome\":\"positive\"}"},
        {.kiosk_id = "c", .ts_ms = 2600, .trainee_id = "T-0001", .actor_id = "T-0001",
         .kind = "step.pick.put", .payload = "{}"},
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++)
        assert_int_equal(store_append(s, &evs[i], i == 0 ? &so : NULL, NULL), STIEL_OK);
    seen sn = {0};
    assert_int_equal(store_stats_coach_events(s, "T-0001", coach_row, &sn, NULL), STIEL_OK);
    assert_int_equal(sn.count, 3);
    assert_string_equal(sn.kinds[0], EVIDENCE_KIND_OBSERVATION);
    assert_string_equal(sn.kinds[1], EVIDENCE_KIND_LEVEL_CHANGED);
    assert_string_equal(sn.kinds[2], EVIDENCE_KIND_SIGNED_OFF);
    store_event v = {.kiosk_id = "c", .ts_ms = 4000, .trainee_id = "T-0001", .actor_id = "C-01",
                     .kind = "void", .voids_id = so.id};
    assert_int_equal(store_append(s, &v, NULL, NULL), STIEL_OK);
    memset(&sn, 0, sizeof sn);
    assert_int_equal(store_stats_coach_events(s, "T-0001", coach_row, &sn, NULL), STIEL_OK);
    assert_int_equal(sn.count, 2);
    store_close(s);
    /* read-only stores cannot rebuild */
    store_options ro = {.read_only = true, .must_exist = true};
    assert_int_equal(store_open(f.path, &ro, &s, NULL), STIEL_OK);
    stiel_diag d;
    assert_int_equal(store_stats_rebuild(s, &d), STIEL_ERR_DENIED);
    store_close(s);
    fixture_drop(&f);
}

/* The summary is derived: no payload shape may make an append fail or count. */
static void test_odd_payloads_never_block_appends(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    assert_int_equal(store_open(f.path, NULL, &s, NULL), STIEL_OK);
    static const char *const odd[] = {
        "{\"result\":\"rft\",\"step\":\"scan.item\"}",
        "{\"result\":1,\"step\":2,\"coach_help\":3}",
        "[1,2,3]",
        "{}",
        "{\"flow\":\"pick\",\"step\":\"put\",\"result\":\"skipped\",\"coach_help\":\"x\","
        "\"level\":\"abc\",\"errors\":\"many\",\"duration_ms\":1e300,\"kiosk_help\":\"photo\"}",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        store_event ev = {.kiosk_id = "k", .ts_ms = 1000, .trainee_id = "T-0001",
                          .actor_id = "T-0001", .kind = "step.pick.put", .payload = odd[i]};
        stiel_diag d;
        stiel_status st = store_append(s, &ev, NULL, &d);
        if (st != STIEL_OK)
            fprintf(stderr, "%s: %s\n", odd[i], d.text);
        assert_int_equal(st, STIEL_OK);
    }
    competency_cells t;
    competency_cells_init(&t);
    assert_int_equal(store_stats_summary(s, "T-0001", table_row, &t, NULL), STIEL_OK);
    assert_int_equal(t.count, 1);  /* only the last one looks like a flow record */
    assert_int_equal(t.items[0].level, 0);
    assert_int_equal(t.items[0].n.skipped, 1);
    assert_int_equal(t.items[0].n.errors, 0);
    competency_cells_free(&t);
    store_close(s);
    fixture_drop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_equals_recomputation),
        cmocka_unit_test(test_void_takes_counts_away_once),
        cmocka_unit_test(test_migration_fills_summary),
        cmocka_unit_test(test_coach_events_skip_voided),
        cmocka_unit_test(test_odd_payloads_never_block_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
