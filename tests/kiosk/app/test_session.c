/* Tests of kiosk/app/session and the store's batch append: all-or-nothing batches, a store that
 * refuses writes (nothing acknowledged, the flow rolled back), resume after every acknowledged
 * input of a pick task (same flow, same evidence as an uninterrupted run), catalogue import
 * report and errors, level change events, erasure of a trainee. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/app/session.h"
#include "kiosk/core/order_gen.h"
#include "kiosk/store/store_internal.h"

enum { EVENTS_MAX = 400 };

typedef struct tmp {
    char dir[64];
    char db[128];
} tmp;

static void tmp_make(tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/stiel-session-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->db, sizeof t->db, "%s/evidence.db", t->dir);
}

static void tmp_drop(tmp *t)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
}

static session *open_at(const tmp *t, const char *kiosk)
{
    session_config cfg = {.db_path = t->db, .kiosk_id = kiosk, .asset_dir = STIEL_TEST_ASSETS,
                          .actor_id = "test", .now_ms = 1700000000000};
    session *s = NULL;
    stiel_diag d;
    stiel_status st = session_open(&cfg, &s, &d);
    if (st != STIEL_OK)
        fail_msg("session_open: %s", d.text);
    return s;
}

static void start(session *s, const char *trainee, uint64_t seed)
{
    session_task_spec spec = {.flow = SESSION_FLOW_PICK, .trainee_id = trainee, .seed = seed};
    stiel_diag d;
    if (session_start_task(s, &spec, 1700000001000, &d) != STIEL_OK)
        fail_msg("start: %s", d.text);
}

/* ---- a whole run: at each step the first candidate that moves the flow on ------------------ */

static pick_event ev_tap(uint64_t t, pick_action a)
{
    return (pick_event){.kind = PICK_EV_TAP, .now_ms = t, .action = a};
}

static pick_event ev_scan(uint64_t t, const char *data)
{
    pick_event ev = {.kind = PICK_EV_SCAN, .now_ms = t};
    snprintf(ev.data, sizeof ev.data, "%s", data);
    snprintf(ev.device, sizeof ev.device, "scanner-1");
    return ev;
}

static bool moves(const pick_flow *f, const pick_event *ev)
{
    static pick_flow probe;
    probe = *f;
    pick_effects fx;
    if (pick_flow_handle(&probe, ev, &fx) != STIEL_OK)
        return false;
    for (size_t i = 0; i < fx.count; i++)
        if (fx.fx[i].kind == PICK_FX_FEEDBACK && fx.fx[i].feedback == PICK_FB_BAD)
            return false;
    unsigned a = 0, b = 0;
    for (size_t k = 0; k < f->task.line_count; k++) {
        a += f->picked[k] + f->status[k];
        b += probe.picked[k] + probe.status[k];
    }
    return probe.step != f->step || probe.qpos != f->qpos || a != b;
}

/* Events of a whole run of f's task (f is left at done), with a wrong scan and ticks in it. */
static size_t whole_run(pick_flow *f, pick_event *out, size_t cap)
{
    const catalogue *cat = f->cat;
    size_t n = 0;
    uint64_t t = 1000;
    pick_effects fx;
    for (int guard = 0; f->step != PICK_STEP_DONE && guard < 1000; guard++) {
        size_t li = f->queue[f->qpos < f->queue_len ? f->qpos : 0];
        const pick_line *ln = &f->task.lines[li];
        assert_true(n + 3 < cap);
        if (f->step == PICK_STEP_SCAN_ITEM && guard % 3 == 0) {
            out[n] = ev_scan(t += 500, "UNKNOWN-1");
            assert_int_equal(pick_flow_handle(f, &out[n++], &fx), STIEL_OK);
        }
        if (f->step == PICK_STEP_GO_TO_LOCATION) {
            out[n] = (pick_event){.kind = PICK_EV_TICK, .now_ms = t += 500};
            assert_int_equal(pick_flow_handle(f, &out[n++], &fx), STIEL_OK);
        }
        t += 700;
        pick_event c[] = {
            ev_tap(t, PICK_ACT_START), ev_scan(t, cat->locations[ln->location].barcode),
            ev_scan(t, cat->items[ln->item].gtin),
            (pick_event){.kind = PICK_EV_QTY, .now_ms = t, .qty = ln->qty - f->picked[li]},
            ev_tap(t, PICK_ACT_CONFIRM), ev_scan(t, f->task.totes[ln->order]),
            ev_tap(t, PICK_ACT_ARRIVED), ev_tap(t, PICK_ACT_EMPTY_NO),
            ev_tap(t, PICK_ACT_SHORT_EMPTY),
        };
        size_t k = 0;
        while (k < sizeof c / sizeof c[0] && !moves(f, &c[k]))
            k++;
        assert_true(k < sizeof c / sizeof c[0]);
        out[n] = c[k];
        assert_int_equal(pick_flow_handle(f, &out[n++], &fx), STIEL_OK);
    }
    assert_int_equal(f->step, PICK_STEP_DONE);
    return n;
}

/* The kiosk's evidence as "kind payload" lines, session ids left out. */
static int norm_row(const store_row *row, void *ctx)
{
    stiel_buf *b = ctx;
    if (strcmp(row->kind, "catalogue.imported") == 0 || strcmp(row->kind, "trainee.added") == 0)
        return 0;
    const char *p = row->payload ? row->payload : "";
    const char *sid = strstr(p, "\"session\":\"");
    if (sid) {
        stiel_buf_append(b, p, (size_t)(sid - p));
        p = sid + 11 + 36 + 1;
    }
    stiel_buf_printf(b, "%s %s\n", row->kind, p);
    return 0;
}

static void evidence_text(session *s, const char *kiosk, stiel_buf *out)
{
    stiel_buf_reset(out);
    assert_int_equal(store_kiosk_events(session_store(s), kiosk, 1, norm_row, out, NULL),
                     STIEL_OK);
}

static void flow_equal(const pick_flow *a, const pick_flow *b)
{
    pick_flow *x = malloc(sizeof *x);
    *x = *a;
    x->cat = b->cat;
    assert_memory_equal(x, b, sizeof *x);
    free(x);
}

/* ---- tests -------------------------------------------------------------------------------------- */

static int64_t head_seq(store *st, const char *kiosk)
{
    store_head_info h;
    assert_int_equal(store_head(st, kiosk, &h, NULL), STIEL_OK);
    return h.seq;
}

static void test_batch_all_or_nothing(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    store *st = NULL;
    assert_int_equal(store_open(t.db, NULL, &st, NULL), STIEL_OK);
    store_event ev[3] = {
        {.kiosk_id = "k", .ts_ms = 1, .actor_id = "a", .kind = "x", .payload = "{\"n\":1}"},
        {.kiosk_id = "k", .ts_ms = 2, .actor_id = "a", .kind = "x", .payload = "{\"n\":2}"},
        {.kiosk_id = "k", .ts_ms = 3, .actor_id = "a", .kind = "x", .payload = "{not json"},
    };
    stiel_diag d;
    assert_int_equal(store_append_batch(st, ev, 3, NULL, &d), STIEL_ERR_SYNTAX);
    assert_int_equal(head_seq(st, "k"), 0);
    ev[2].actor_id = "";
    assert_int_equal(store_append_batch(st, ev, 3, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "actor"));
    ev[2].actor_id = "a";
    ev[2].payload = "{\"n\":3}";
    store_receipt r[3];
    assert_int_equal(store_append_batch(st, ev, 3, r, &d), STIEL_OK);
    assert_int_equal(r[0].seq, 1);
    assert_int_equal(r[2].seq, 3);
    assert_int_equal(head_seq(st, "k"), 3);
    store_close(st);
    store_options ro = {.read_only = true};
    assert_int_equal(store_open(t.db, &ro, &st, NULL), STIEL_OK);
    assert_int_equal(store_append_batch(st, ev, 3, NULL, &d), STIEL_ERR_DENIED);
    assert_int_equal(head_seq(st, "k"), 3);
    store_close(st);
    struct stat sb;
    assert_int_equal(stat(t.db, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    tmp_drop(&t);
}

static void test_store_refuses_nothing_acknowledged(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    session *s = open_at(&t, "k1");
    start(s, "T-0003", 21);
    static pick_event ev[EVENTS_MAX];
    static pick_flow ref;
    ref = *session_pick(s);
    size_t n = whole_run(&ref, ev, EVENTS_MAX);
    assert_true(n > 25);
    pick_effects fx;
    stiel_diag d;
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(session_handle_pick(s, &ev[k], 5000, &fx, &d), STIEL_OK);
    static pick_flow before;
    before = *session_pick(s);
    int64_t seq = head_seq(session_store(s), "k1");
    /* the store now refuses every write (as a read-only or failing disk would) */
    assert_int_equal(sqlite3_exec(store_sqlite(session_store(s)), "PRAGMA query_only = 1", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    fx.count = 7;
    assert_int_not_equal(session_handle_pick(s, &ev[3], 5000, &fx, &d), STIEL_OK);
    assert_int_equal(fx.count, 0);                       /* nothing acknowledged */
    assert_memory_equal(session_pick(s), &before, sizeof before); /* flow rolled back */
    assert_int_equal(session_input_count(s), 3);
    assert_int_equal(head_seq(session_store(s), "k1"), seq);
    assert_int_equal(sqlite3_exec(store_sqlite(session_store(s)), "PRAGMA query_only = 0", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    /* the same input goes through once the store works again */
    assert_int_equal(session_handle_pick(s, &ev[3], 5000, &fx, &d), STIEL_OK);
    assert_true(fx.count > 0);
    assert_int_equal(session_input_count(s), 4);
    session_close(s);
    tmp_drop(&t);
}

static void test_resume_at_every_step(void **state)
{
    (void)state;
    tmp ta;
    tmp_make(&ta);
    session *a = open_at(&ta, "k1");
    start(a, "T-0003", 12);
    static pick_event ev[EVENTS_MAX];
    static pick_flow scratch;
    scratch = *session_pick(a);
    size_t n = whole_run(&scratch, ev, EVENTS_MAX);
    printf("resume test: %zu inputs\n", n);
    assert_true(n > 25);
    /* uninterrupted: the effects of each input and the flow after it */
    static pick_flow after[EVENTS_MAX + 1];
    stiel_buf *fx_text = calloc(n, sizeof *fx_text);
    after[0] = *session_pick(a);
    pick_effects fx;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(session_handle_pick(a, &ev[k], 7000 + (int64_t)k, &fx, NULL), STIEL_OK);
        stiel_buf_init(&fx_text[k], 0);
        assert_int_equal(pick_effects_format(&fx, session_catalogue(a), &fx_text[k]), STIEL_OK);
        after[k + 1] = *session_pick(a);
    }
    assert_int_equal(session_active(a), SESSION_FLOW_NONE);
    stiel_buf full, got;
    stiel_buf_init(&full, 0);
    stiel_buf_init(&got, 0);
    evidence_text(a, "k1", &full);
    assert_non_null(strstr((char *)full.data, "task.finished"));
    session_close(a);

    for (size_t k = 0; k <= n; k++) {
        tmp tb;
        tmp_make(&tb);
        session *b = open_at(&tb, "k1");
        start(b, "T-0003", 12);
        for (size_t j = 0; j < k; j++)
            assert_int_equal(session_handle_pick(b, &ev[j], 7000 + (int64_t)j, &fx, NULL),
                             STIEL_OK);
        session_close(b); /* the crash: everything acknowledged is in the store */
        b = open_at(&tb, "k1");
        if (k < n) {
            assert_true(session_resumed(b));
            assert_int_equal(session_active(b), SESSION_FLOW_PICK);
            assert_int_equal(session_input_count(b), k);
            flow_equal(session_pick(b), &after[k]);
            pick_effects show;
            session_show_pick(b, &show);
            assert_int_equal(show.count, 1);
            assert_int_equal(show.fx[0].show.step, after[k].step);
        } else {
            assert_int_equal(session_active(b), SESSION_FLOW_NONE);
        }
        for (size_t j = k; j < n; j++) {
            assert_int_equal(session_handle_pick(b, &ev[j], 7000 + (int64_t)j, &fx, NULL),
                             STIEL_OK);
            stiel_buf one;
            stiel_buf_init(&one, 0);
            assert_int_equal(pick_effects_format(&fx, session_catalogue(b), &one), STIEL_OK);
            assert_int_equal(one.len, fx_text[j].len);
            assert_memory_equal(one.data, fx_text[j].data, one.len);
            stiel_buf_free(&one);
        }
        evidence_text(b, "k1", &got);
        assert_int_equal(got.len, full.len);
        assert_memory_equal(got.data, full.data, full.len);
        store_verify_report rep;
        assert_int_equal(store_verify(session_store(b), &rep, NULL), STIEL_OK);
        assert_true(rep.ok);
        session_close(b);
        tmp_drop(&tb);
    }
    for (size_t k = 0; k < n; k++)
        stiel_buf_free(&fx_text[k]);
    free(fx_text);
    stiel_buf_free(&full);
    stiel_buf_free(&got);
    tmp_drop(&ta);
}

/* ---- import, levels, erasure ---------------------------------------------------------------- */

static void copy_file(const char *from, const char *to, const char *replace, const char *with)
{
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[len] = '\0';
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char *hit = replace ? strstr(text, replace) : NULL;
    if (hit) {
        fwrite(text, 1, (size_t)(hit - text), out);
        fputs(with, out);
        fputs(hit + strlen(replace), out);
    } else {
        fputs(text, out);
    }
    fclose(out);
}

typedef struct kind_find {
    const char *kind;
    char payload[1024];
    int count;
} kind_find;

static int kind_row(const store_row *row, void *ctx)
{
    kind_find *k = ctx;
    if (strcmp(row->kind, k->kind) == 0) {
        k->count++;
        snprintf(k->payload, sizeof k->payload, "%s", row->payload ? row->payload : "(erased)");
    }
    return 0;
}

static void test_import_report_and_errors(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    char dir[128], p[192], from[256];
    snprintf(dir, sizeof dir, "%s/wh", t.dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    static const char *const names[] = {"items.csv", "locations.csv", "boxes.csv",
                                        "trainees.csv", "staff.csv"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(from, sizeof from, "%s/warehouse/%s", STIEL_TEST_ASSETS, names[i]);
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        /* a bad check digit on the second item (8719123100376 -> ...377) */
        copy_file(from, p, i == 0 ? "8719123100376" : NULL, "8719123100377");
    }
    store *st = NULL;
    assert_int_equal(store_open(t.db, NULL, &st, NULL), STIEL_OK);
    session_import_result *res = calloc(1, sizeof *res);
    stiel_diag d;
    const char *paths[] = {dir};
    assert_int_not_equal(session_import_catalogue(st, paths, 1, "k", "S-0001", 5, res, &d),
                         STIEL_OK);
    assert_true(res->errs.count >= 1);
    assert_non_null(strstr(res->errs.items[0].text, "items.csv:3"));
    assert_non_null(strstr(res->errs.items[0].text, "gtin"));
    store_catalogue_csv csv;
    store_catalogue_csv_init(&csv);
    bool empty = false;
    assert_int_equal(store_catalogue_export(st, &csv, &empty, NULL), STIEL_OK);
    assert_true(empty);                       /* nothing imported */
    assert_int_equal(head_seq(st, "k"), 0);   /* nothing recorded */
    /* the good file: the report, and the import recorded with the files' SHA-256 */
    snprintf(from, sizeof from, "%s/warehouse/items.csv", STIEL_TEST_ASSETS);
    snprintf(p, sizeof p, "%s/items.csv", dir);
    copy_file(from, p, NULL, NULL);
    assert_int_equal(session_import_catalogue(st, paths, 1, "k", "S-0001", 5, res, &d), STIEL_OK);
    assert_int_equal(res->report.items, 64);
    assert_int_equal(res->files[0].rows, 64);
    assert_int_equal(res->report.trainees_added, 5);
    assert_int_equal(strlen(res->files[0].sha256), 64);
    kind_find k = {.kind = "catalogue.imported"};
    assert_int_equal(store_kiosk_events(st, "k", 1, kind_row, &k, NULL), STIEL_OK);
    assert_int_equal(k.count, 1);
    assert_non_null(strstr(k.payload, res->files[0].sha256));
    char sha[65];
    snprintf(sha, sizeof sha, "%s", res->files[0].sha256);
    /* only trainees.csv, with T-0001 at level 2: a level change event, items kept */
    snprintf(from, sizeof from, "%s/warehouse/trainees.csv", STIEL_TEST_ASSETS);
    snprintf(p, sizeof p, "%s/trainees.csv", t.dir);
    copy_file(from, p, "Amina,ar,1", "Amina,ar,2");
    const char *one[] = {p};
    assert_int_equal(session_import_catalogue(st, one, 1, "k", "S-0001", 6, res, &d), STIEL_OK);
    assert_int_equal(res->report.items, 64);
    assert_int_equal(res->report.levels_changed, 1);
    assert_int_equal(res->files[0].sha256[0], '\0'); /* items came from the store */
    kind_find lc = {.kind = "level.changed"};
    assert_int_equal(store_kiosk_events(st, "k", 1, kind_row, &lc, NULL),
                     STIEL_OK);
    assert_int_equal(lc.count, 1);
    assert_string_equal(lc.payload, "{\"level\":2,\"from\":1,\"reason\":\"catalogue import\"}");
    /* a badge that clashes with a GTIN: refused as a whole */
    copy_file(from, p, "BADGE-1002", "2010000000007");
    assert_int_not_equal(session_import_catalogue(st, one, 1, "k", "S-0001", 7, res, &d),
                         STIEL_OK);
    assert_non_null(strstr(res->errs.items[0].text, "trainees.csv"));
    store_trainee tr;
    assert_int_equal(store_trainee_get(st, "T-0002", &tr, NULL), STIEL_OK);
    assert_string_equal(tr.badge, "BADGE-1002");
    store_catalogue_csv_free(&csv);
    free(res);
    store_close(st);
    (void)sha;
    tmp_drop(&t);
}

static void test_level_change_and_erase(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    session *s = open_at(&t, "k1");
    store *st = session_store(s);
    stiel_diag d;
    unsigned from = 0;
    assert_int_equal(store_trainee_set_level(st, "k1", "T-0001", 3, "S-0001", "ready for more",
                                             42, &from, &d),
                     STIEL_OK);
    assert_int_equal(from, 1);
    store_trainee tr;
    assert_int_equal(store_trainee_get(st, "T-0001", &tr, NULL), STIEL_OK);
    assert_int_equal(tr.level, 3);
    kind_find lc = {.kind = "level.changed"};
    assert_int_equal(store_trainee_events(st, "T-0001", kind_row, &lc, NULL), STIEL_OK);
    assert_int_equal(lc.count, 1);
    assert_string_equal(lc.payload, "{\"level\":3,\"from\":1,\"reason\":\"ready for more\"}");
    assert_int_equal(store_trainee_set_level(st, "k1", "T-0001", 3, "S-0001", "again", 43, NULL,
                                             &d),
                     STIEL_ERR_STATE);
    assert_int_equal(store_trainee_set_level(st, "k1", "T-0404", 2, "S-0001", "x", 43, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_trainee_set_level(st, "k1", "T-0001", 2, "S-0001", "", 43, NULL, &d),
                     STIEL_ERR_MISSING);
    /* work, then erasure: the name goes, the evidence becomes tombstones, the chain verifies */
    start(s, "T-0001", 3);
    static pick_event ev[EVENTS_MAX];
    static pick_flow scratch;
    scratch = *session_pick(s);
    size_t n = whole_run(&scratch, ev, EVENTS_MAX);
    pick_effects fx;
    for (size_t k = 0; k < n; k++)
        assert_int_equal(session_handle_pick(s, &ev[k], 9000, &fx, NULL), STIEL_OK);
    int64_t erased = 0;
    assert_int_equal(store_erase_trainee(st, "k1", "T-0001", "C-0001", "left the programme", 99,
                                         &erased, &d),
                     STIEL_OK);
    assert_true(erased > (int64_t)n);
    assert_int_equal(store_trainee_get(st, "T-0001", &tr, NULL), STIEL_OK);
    assert_true(tr.erased);
    assert_string_equal(tr.display_name, "");
    store_verify_report rep;
    assert_int_equal(store_verify(st, &rep, NULL), STIEL_OK);
    assert_true(rep.ok);
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    assert_int_equal(session_catalogue_load(st, &cat, NULL, NULL), STIEL_OK);
    assert_int_equal(cat.trainee_count, 4);
    assert_int_equal(catalogue_trainee_by_badge(&cat, "BADGE-1001"), -1);
    catalogue_free(&cat);
    session_task_spec spec = {.flow = SESSION_FLOW_PICK, .trainee_id = "T-0001", .seed = 4};
    assert_int_equal(session_start_task(s, &spec, 100, &d), STIEL_ERR_STATE);
    /* an erased id is never reused */
    store_trainee again = {.id = "T-0001", .badge = "B-77", .display_name = "X", .language = "nl",
                           .level = 1, .consent = true};
    store_event add = {.kiosk_id = "k1", .ts_ms = 1, .trainee_id = "T-0001", .actor_id = "S-0001",
                       .kind = "trainee.added"};
    assert_int_equal(store_trainee_add(st, &again, &add, NULL, NULL, &d), STIEL_ERR_STATE);
    session_close(s);
    tmp_drop(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batch_all_or_nothing),
        cmocka_unit_test(test_store_refuses_nothing_acknowledged),
        cmocka_unit_test(test_resume_at_every_step),
        cmocka_unit_test(test_import_report_and_errors),
        cmocka_unit_test(test_level_change_and_erase),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
