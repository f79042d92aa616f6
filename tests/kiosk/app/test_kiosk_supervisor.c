/* The supervisor's per-trainee settings applied in the kiosk (issue 6): drills off gives a
 * practice pick without drill lines where the same seed with drills on has some; picking off
 * gives the trainee a pack task of a practice order instead of a pick. The export and import
 * folders from kiosk.ini [paths] (defaults under the data folder, the environment overriding).
 * The newest trainee.settings in one seek of the (trainee, kind, ...) index (store_trainee_last).
 * Orders imported from a folder (orders_import, shared with `stiel import orders`) and from the
 * supervisor's set-up page with the report shown. Set-up labels from the set-up page: the virtual
 * printer's PNGs (barcodes that read back), or a configured printer's language handed to it; the
 * count printed and failed, the action recorded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "kiosk/app/kiosk_app_internal.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/orders_import.h"
#include "kiosk/app/kiosk_script.h"
#include "kiosk/core/order_gen.h"
#include "kiosk/store/store_internal.h"

static char data_dir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(data_dir, sizeof data_dir, "/tmp/stiel-kiosk-sup-XXXXXX");
    return mkdtemp(data_dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data_dir);
    return system(cmd) == 0 ? 0 : -1;
}

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

static void tap(kiosk_app *app, const char *a, kiosk_clock now)
{
    kiosk_out out;
    kiosk_app_tap(app, a, now, &out);
}

/* The supervisor (demo PIN 1234) opens trainee's settings page and taps each of toggles. */
static void supervisor_toggles(kiosk_app *app, const char *trainee, const char *const *toggles,
                               size_t n, kiosk_clock now)
{
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    char a[64];
    snprintf(a, sizeof a, "trainee:%s", trainee);
    tap(app, a, now);
    tap(app, "settings", now);
    assert_string_equal(kiosk_app_screen_name(app), "staff-trainee");
    for (size_t i = 0; i < n; i++) {
        tap(app, toggles[i], now);
        assert_false(kiosk_app_view(app)->staff.notice_bad);
    }
    tap(app, "back", now);
    tap(app, "back", now);
    tap(app, "back", now);
    assert_string_equal(kiosk_app_screen_name(app), "start");
}

static size_t drill_lines(const pick_task *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->line_count; i++)
        n += t->lines[i].drill != DRILL_NONE;
    return n;
}

/* Lotte (level 5: drills 5+5+10 %) with drills off: the pick the kiosk starts has no drill
 * line, where the training order of the same seed and level has some. */
static void test_drills_off(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    session *s = kiosk_app_session(app);
    const service_level *lv = service_levels_get(session_levels(s), 5);
    assert_non_null(lv);
    assert_true(lv->drill_lookalike_pct > 0);
    /* a wall clock (the seed) whose order has drills */
    pick_task *with = calloc(1, sizeof *with);
    assert_non_null(with);
    int64_t seed = now.wall_ms;
    for (int i = 0; i < 200; i++, seed++) {
        stiel_diag d;
        assert_int_equal(order_gen_training(session_catalogue(s), lv, (uint64_t)seed, "T-0005",
                                            with, &d), STIEL_OK);
        if (drill_lines(with))
            break;
    }
    assert_true(drill_lines(with) > 0);
    static const char *const toggles[] = {"toggle:drills"};
    supervisor_toggles(app, "T-0005", toggles, 1, now);
    tap(app, "trainee:T-0005", now);
    now.wall_ms = seed;
    tap(app, "start", now);
    assert_int_equal(session_active(s), SESSION_FLOW_PICK);
    const pick_flow *pf = session_pick(s);
    assert_non_null(pf);
    assert_int_equal(pf->task.line_count, with->line_count);
    assert_int_equal(drill_lines(&pf->task), 0);
    /* the same lines otherwise */
    for (size_t i = 0; i < with->line_count; i++)
        assert_int_equal(pf->task.lines[i].item, with->lines[i].item);
    free(with);
    kiosk_app_close(app);
}

/* Daniel with picking off: "start" gives a pack task of a practice order (PK-...), the pick
 * flow never starts; switched on again, the next start is a pick. */
static void test_pick_off_packs_only(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    session *s = kiosk_app_session(app);
    static const char *const off[] = {"toggle:pick"};
    supervisor_toggles(app, "T-0004", off, 1, now);
    tap(app, "trainee:T-0004", now);
    tap(app, "start", now);
    assert_int_equal(session_active(s), SESSION_FLOW_PACK);
    assert_string_equal(kiosk_app_screen_name(app), "pack");
    const pack_flow *pk = session_pack(s);
    assert_non_null(pk);
    assert_int_equal(strncmp(session_task_id(s), "PK-", 3), 0);
    assert_string_equal(session_trainee(s), "T-0004");
    stiel_diag d;
    assert_int_equal(session_abandon(s, "test", "test over", now.wall_ms, &d), STIEL_OK);
    kiosk_app_close(app);
    /* on again: a pick */
    now.mono_ms += 1000;
    app = app_open(now);
    s = kiosk_app_session(app);
    supervisor_toggles(app, "T-0004", off, 1, now);
    tap(app, "trainee:T-0004", now);
    tap(app, "start", now);
    assert_int_equal(session_active(s), SESSION_FLOW_PICK);
    kiosk_app_close(app);
}

/* [paths] export / import are read; another key there is an error naming the line; the shipped
 * example (which documents them) loads. */
static void test_config_paths(void **state)
{
    (void)state;
    char path[] = "/tmp/stiel-kiosk-ini-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char text[] = "[paths]\nexport = /media/usb/out\nimport = /media/usb/in\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    kiosk_config c;
    kiosk_config_default(&c);
    assert_string_equal(c.export_dir, "");
    assert_string_equal(c.import_dir, "");
    stiel_diag d;
    assert_int_equal(kiosk_config_load(&c, path, &d), STIEL_OK);
    assert_string_equal(c.export_dir, "/media/usb/out");
    assert_string_equal(c.import_dir, "/media/usb/in");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[paths]\n\nusb = /media\n", f);
    fclose(f);
    assert_int_equal(kiosk_config_load(&c, path, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, ":3:"));
    assert_non_null(strstr(d.text, "export, import"));
    unlink(path);
    kiosk_config_default(&c);
    assert_int_equal(kiosk_config_load(&c, STIEL_TEST_ASSETS "/kiosk.ini.example", &d), STIEL_OK);
    assert_string_equal(c.export_dir, "");
}

/* The folders the staff screens use: the defaults under the data folder, the configured ones,
 * the environment over both; the set-up page shows the import folder. */
static void test_app_folders(void **state)
{
    (void)state;
    unsetenv("STIEL_EXPORT_DIR");
    unsetenv("STIEL_IMPORT_DIR");
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    char dir[4200], want[256];
    kiosk_staff_export_dir(app, dir, sizeof dir);
    snprintf(want, sizeof want, "%s/exports", data_dir);
    assert_string_equal(dir, want);
    kiosk_staff_import_dir(app, dir, sizeof dir);
    snprintf(want, sizeof want, "%s/import", data_dir);
    assert_string_equal(dir, want);
    app->opt.export_dir = "/media/usb/out";
    app->opt.import_dir = "/media/usb/in";
    kiosk_staff_export_dir(app, dir, sizeof dir);
    assert_string_equal(dir, "/media/usb/out");
    kiosk_staff_import_dir(app, dir, sizeof dir);
    assert_string_equal(dir, "/media/usb/in");
    setenv("STIEL_IMPORT_DIR", "/run/stick", 1);
    kiosk_staff_import_dir(app, dir, sizeof dir);
    assert_string_equal(dir, "/run/stick");
    unsetenv("STIEL_IMPORT_DIR");
    /* the supervisor's set-up page names the import folder */
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    tap(app, "setup", now);
    assert_string_equal(kiosk_app_screen_name(app), "staff-setup");
    assert_string_equal(kiosk_app_view(app)->staff.folder, "/media/usb/in");
    kiosk_app_close(app);
}

static int last_row(const store_row *row, void *ctx)
{
    store_row *out = ctx;
    out->ts_ms = row->ts_ms;
    out->erased = row->erased;
    return 0;
}

static void append(store *s, const char *kiosk, int64_t ts, const char *trainee,
                   const char *kind, const char *payload, const char *voids,
                   char id[STORE_UUID_LEN])
{
    store_event ev = {.kiosk_id = kiosk, .ts_ms = ts, .trainee_id = trainee, .actor_id = "S-1",
                      .kind = kind, .payload = payload, .voids_id = voids};
    store_receipt r;
    stiel_diag d;
    if (store_append(s, &ev, &r, &d) != STIEL_OK)
        fail_msg("append: %s", d.text);
    if (id)
        memcpy(id, r.id, STORE_UUID_LEN);
}

/* store_trainee_last: the newest event of the kind for that trainee (not a newer one of another
 * kind or trainee; across kiosks by time), NOT_FOUND, ARG; the query is one index seek; the
 * settings read through it: newest wins, a void of the newest brings back the defaults. */
static void test_trainee_last(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/evidence.db", data_dir);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(path, NULL, &s, &d), STIEL_OK);
    const char *k = SESSION_KIND_TRAINEE_SETTINGS;
    char newest[STORE_UUID_LEN];
    append(s, "kiosk-a", 1000, "T-1", k, "{\"pick\":false,\"pack\":true}", NULL, NULL);
    append(s, "kiosk-b", 2000, "T-1", k, "{\"pick\":true,\"pack\":false}", NULL, newest);
    append(s, "kiosk-a", 3000, "T-1", "observation", "{}", NULL, NULL);
    append(s, "kiosk-a", 4000, "T-2", k, "{\"drills\":false}", NULL, NULL);
    store_row r;
    memset(&r, 0, sizeof r);
    assert_int_equal(store_trainee_last(s, "T-1", k, last_row, &r, &d), STIEL_OK);
    assert_int_equal(r.ts_ms, 2000);
    assert_int_equal(store_trainee_last(s, "T-1", "observation", last_row, &r, &d), STIEL_OK);
    assert_int_equal(r.ts_ms, 3000);
    assert_int_equal(store_trainee_last(s, "T-3", k, last_row, &r, &d), STIEL_ERR_NOT_FOUND);
    assert_int_equal(store_trainee_last(s, "T-1", NULL, last_row, &r, &d), STIEL_ERR_ARG);
    /* one seek: the index, no sort */
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_sqlite(s),
                                        "EXPLAIN QUERY PLAN SELECT id FROM events"
                                        " INDEXED BY events_trainee_kind WHERE trainee_id = 'T-1'"
                                        " AND kind = 'x' ORDER BY ts_ms DESC, kiosk_id DESC,"
                                        " seq DESC LIMIT 1", -1, &q, NULL), SQLITE_OK);
    char plan[512] = "";
    while (sqlite3_step(q) == SQLITE_ROW) {
        size_t n = strlen(plan);
        snprintf(plan + n, sizeof plan - n, "%s;", (const char *)sqlite3_column_text(q, 3));
    }
    sqlite3_finalize(q);
    assert_non_null(strstr(plan, "events_trainee_kind"));
    assert_null(strstr(plan, "TEMP B-TREE"));
    /* the settings */
    session_trainee_settings set;
    assert_int_equal(session_trainee_settings_get(s, "T-1", &set, &d), STIEL_OK);
    assert_true(set.recorded && set.pick && !set.pack && set.drills);
    assert_int_equal(session_trainee_settings_get(s, "T-2", &set, &d), STIEL_OK);
    assert_true(set.recorded && !set.drills);
    assert_int_equal(session_trainee_settings_get(s, "T-3", &set, &d), STIEL_OK);
    assert_false(set.recorded);
    assert_true(set.pick && set.pack && set.drills && set.speech);
    bool voided = true;
    assert_int_equal(store_event_voided(s, newest, &voided, &d), STIEL_OK);
    assert_false(voided);
    append(s, "kiosk-b", 5000, "T-1", EVIDENCE_KIND_VOID, "{}", newest, NULL);
    assert_int_equal(store_event_voided(s, newest, &voided, &d), STIEL_OK);
    assert_true(voided);
    assert_int_equal(session_trainee_settings_get(s, "T-1", &set, &d), STIEL_OK);
    assert_false(set.recorded);
    assert_true(set.pick && set.pack);
    store_close(s);
}

/* The flags page reads the flagged events once per visit: a help request recorded while it is
 * open shows after the coach opens it again, not at a redraw. */
static void test_flags_per_visit(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    store *s = session_store(kiosk_app_session(app));
    append(s, "kiosk-x", now.wall_ms, "T-0002", SESSION_KIND_INPUT, "{\"input\":\"tap call_coach\"}",
           NULL, NULL);
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    tap(app, "trainee:T-0002", now);
    tap(app, "flags", now);
    assert_string_equal(kiosk_app_screen_name(app), "coach-flags");
    assert_int_equal(kiosk_app_view(app)->staff.flag_total, 1);
    assert_string_equal(kiosk_app_view(app)->staff.flags[0].kind, "help");
    append(s, "kiosk-x", now.wall_ms + 1, "T-0002", SESSION_KIND_INPUT,
           "{\"input\":\"tap call_coach\"}", NULL, NULL);
    tap(app, "page:next", now);   /* a redraw: the copy read at the visit */
    tap(app, "page:prev", now);
    assert_int_equal(kiosk_app_view(app)->staff.flag_total, 1);
    tap(app, "back", now);
    assert_string_equal(kiosk_app_screen_name(app), "coach-review");
    tap(app, "flags", now);
    assert_int_equal(kiosk_app_view(app)->staff.flag_total, 2);
    kiosk_app_close(app);   /* closing on the flags page frees its copy (LeakSanitizer) */
}

#define SAMPLES STIEL_TEST_ASSETS "/samples/orders"

static void copy_file(const char *from, const char *to)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\" && cp '%s' '%s'", to, from, to);
    assert_int_equal(system(cmd), 0);
}

typedef struct kinds_seen {
    int orders_imported;
    char payload[1024];
} kinds_seen;

static int kind_row(const store_row *row, void *ctx)
{
    kinds_seen *k = ctx;
    if (strcmp(row->kind, ORDERS_IMPORT_KIND) == 0) {
        k->orders_imported++;
        snprintf(k->payload, sizeof k->payload, "%s", row->payload ? row->payload : "");
    }
    return 0;
}

static kinds_seen seen_in(store *s)
{
    kinds_seen k;
    memset(&k, 0, sizeof k);
    assert_int_equal(store_events_each(s, kind_row, &k, NULL), STIEL_OK);
    return k;
}

/* orders_import over a folder: a good and a bad file -> every problem named, nothing recorded;
 * the good one alone -> one event with its name, SHA-256 and order ids; an empty folder and a
 * missing file are errors of their own. */
static void test_orders_import_folder(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);   /* the store with the sample catalogue */
    store *s = session_store(kiosk_app_session(app));
    char dir[128], file[256];
    snprintf(dir, sizeof dir, "%s/usb", data_dir);
    snprintf(file, sizeof file, "%s/picklist-0801.csv", dir);
    copy_file(SAMPLES "/picklist-0801.csv", file);
    snprintf(file, sizeof file, "%s/bad-unknown-sku.csv", dir);
    copy_file(SAMPLES "/bad-unknown-sku.csv", file);
    snprintf(file, sizeof file, "%s/notes.txt", dir);   /* not an order file: left alone */
    copy_file(SAMPLES "/bad-unknown-sku.csv", file);
    orders_import_result *res = calloc(1, sizeof *res);
    assert_non_null(res);
    const char *paths[1] = {dir};
    stiel_diag d;
    stiel_status st = orders_import(s, paths, 1, "kiosk-test", "S-0001", now.wall_ms, res, &d);
    assert_int_not_equal(st, STIEL_OK);
    assert_int_equal(res->file_count, 2);
    assert_string_equal(res->files[0].name, "bad-unknown-sku.csv");   /* name order */
    assert_false(res->files[0].ok);
    assert_true(res->files[1].ok);
    assert_true(res->errs.count >= 1);
    assert_non_null(strstr(res->errs.items[0].text, "bad-unknown-sku.csv"));
    assert_int_equal(res->orders, 0);
    assert_int_equal(seen_in(s).orders_imported, 0);
    /* the good one alone */
    snprintf(file, sizeof file, "%s/bad-unknown-sku.csv", dir);
    unlink(file);
    assert_int_equal(orders_import(s, paths, 1, "kiosk-test", "S-0001", now.wall_ms, res, &d),
                     STIEL_OK);
    assert_int_equal(res->file_count, 1);
    assert_true(res->orders >= 1);
    assert_int_equal(strlen(res->files[0].sha256), 64);
    kinds_seen k = seen_in(s);
    assert_int_equal(k.orders_imported, 1);
    assert_non_null(strstr(k.payload, "\"file\":\"picklist-0801.csv\""));
    assert_non_null(strstr(k.payload, res->files[0].sha256));
    /* an empty folder; a file that is not there */
    snprintf(dir, sizeof dir, "%s/empty", data_dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(orders_import(s, paths, 1, "kiosk-test", "S-0001", now.wall_ms, res, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, dir));
    const char *missing[1] = {"/nonexistent/orders.csv"};
    assert_int_equal(orders_import(s, missing, 1, "kiosk-test", "S-0001", now.wall_ms, res, &d),
                     STIEL_ERR_IO);
    assert_non_null(strstr(d.text, "/nonexistent/orders.csv"));
    free(res);
    kiosk_app_close(app);
}

/* The supervisor imports orders from <import>/orders on the set-up page: the report lines; a bad
 * file: the problems and nothing recorded. */
static void test_kiosk_import_orders(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    char in[128], file[256];
    snprintf(in, sizeof in, "%s/stick", data_dir);
    app->opt.import_dir = in;
    snprintf(file, sizeof file, "%s/orders/bad-unknown-sku.csv", in);
    copy_file(SAMPLES "/bad-unknown-sku.csv", file);
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    tap(app, "setup", now);
    tap(app, "import-orders", now);
    const ui_staff_view *v = &kiosk_app_view(app)->staff;
    assert_true(v->notice_bad);
    assert_string_equal(v->notice.id, "staff.import_failed");
    assert_string_equal(v->result[0].id, "staff.import_problems");
    assert_true(v->result_count >= 2);
    assert_non_null(strstr(v->result[1].args[0], "bad-unknown-sku.csv"));
    store *s = session_store(kiosk_app_session(app));
    assert_int_equal(seen_in(s).orders_imported, 0);
    unlink(file);
    snprintf(file, sizeof file, "%s/orders/picklist-0801.csv", in);
    copy_file(SAMPLES "/picklist-0801.csv", file);
    tap(app, "import-orders", now);
    v = &kiosk_app_view(app)->staff;
    assert_false(v->notice_bad);
    assert_string_equal(v->notice.id, "staff.orders_imported");
    assert_string_equal(v->result[0].id, "staff.orders_counts");
    assert_string_equal(v->result[0].args[1], "1");
    assert_string_equal(v->result[1].id, "staff.raw");
    assert_non_null(strstr(v->result[1].args[0], "picklist-0801.csv"));
    kinds_seen k = seen_in(s);
    assert_int_equal(k.orders_imported, 1);
    kiosk_app_close(app);
}

static void zbar(const char *png, char *out, size_t cap)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", png);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    out[0] = '\0';
    if (!fgets(out, (int)cap, p))
        out[0] = '\0';
    pclose(p);
    out[strcspn(out, "\r\n")] = '\0';
}

typedef struct action_seen {
    int count;
    char payload[512];
} action_seen;

static int action_row(const store_row *row, void *ctx)
{
    action_seen *a = ctx;
    if (strcmp(row->kind, STORE_KIND_STAFF_ACTION) == 0 && row->payload &&
        strstr(row->payload, "print_setup_labels")) {
        a->count++;
        snprintf(a->payload, sizeof a->payload, "%s", row->payload);
    }
    return 0;
}

/* Totes and prompt cards chosen, "print": 12 + one per prompt level PNGs in <data>/labels/setup
 * whose barcodes read back, "N printed, 0 failed" on the page, the action recorded with those counts. Without a
 * template (a broken asset folder) every label fails and the page says so. */
static void test_setup_labels(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    tap(app, "setup", now);
    tap(app, "labels:totes", now);
    tap(app, "labels:prompts", now);
    tap(app, "print-labels", now);
    const ui_staff_view *v = &kiosk_app_view(app)->staff;
    assert_string_equal(v->notice.id, "staff.labels_printed");
    assert_false(v->notice_bad);
    char want[16];
    int prompts = PICK_PROMPT_COUNT - PICK_PROMPT_GESTURAL;
    snprintf(want, sizeof want, "%d", 12 + prompts);
    assert_string_equal(v->result[0].id, "staff.labels_result");
    assert_string_equal(v->result[0].args[0], want);
    assert_string_equal(v->result[0].args[1], "0");
    char png[256], code[128];
    snprintf(png, sizeof png, "%s/labels/setup/TOTE-12.png", data_dir);
    zbar(png, code, sizeof code);
    assert_string_equal(code, "TOTE-12");
    snprintf(png, sizeof png, "%s/labels/setup/PROMPT-PARTIAL-PHYSICAL.png", data_dir);
    zbar(png, code, sizeof code);
    assert_string_equal(code, "PROMPT-PARTIAL-PHYSICAL");
    snprintf(png, sizeof png, "%s/labels/setup/TOTE-13.png", data_dir);
    assert_int_not_equal(access(png, F_OK), 0);
    action_seen a = {0};
    store *s = session_store(kiosk_app_session(app));
    assert_int_equal(store_events_each(s, action_row, &a, NULL), STIEL_OK);
    assert_int_equal(a.count, 1);
    char printed[32];
    snprintf(printed, sizeof printed, "\"printed\":%d", 12 + prompts);
    assert_non_null(strstr(a.payload, printed));
    assert_non_null(strstr(a.payload, "\"failed\":0"));
    /* the templates gone: the page reports the failure */
    snprintf(app->asset_dir, sizeof app->asset_dir, "%s/no-assets", data_dir);
    tap(app, "print-labels", now);
    v = &kiosk_app_view(app)->staff;
    assert_true(v->notice_bad);
    assert_string_equal(v->notice.id, "staff.labels_failed");
    assert_string_equal(v->result[0].args[0], "0");
    assert_string_equal(v->result[0].args[1], want);
    assert_non_null(strstr(v->result[1].args[0], "template"));
    kiosk_app_close(app);
}

typedef struct fake_printer {
    int calls, totes_seen;
    char lang[8];
} fake_printer;

/* Takes every label but the third (the printer's queue refuses it). */
static stiel_status fake_print(void *user, const char *lang, const void *bytes, size_t n,
                               stiel_diag *diag)
{
    fake_printer *p = user;
    p->calls++;
    snprintf(p->lang, sizeof p->lang, "%s", lang);
    char *text = calloc(1, n + 1);
    assert_non_null(text);
    memcpy(text, bytes, n);
    p->totes_seen += strstr(text, "^FD>:TOTE-") != NULL;
    free(text);
    if (p->calls == 3)
        return stiel_diag_set(diag, STIEL_ERR_NOSPACE, "the spool folder is full");
    return STIEL_OK;
}

/* With a real printer configured the set-up labels go to it in its language (no PNG files): the
 * page counts the ones it took and names the refused one; the action says "printer". */
static void test_setup_labels_printer(void **state)
{
    (void)state;
    kiosk_clock now = {.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    kiosk_app *app = app_open(now);
    fake_printer fp = {0};
    app->opt.printer_lang = "zpl";
    app->opt.print = fake_print;
    app->opt.print_user = &fp;
    kiosk_out out;
    kiosk_app_scan(app, "BADGE-9002", SCAN_SYM_UNKNOWN, "wedge", now, &out);
    for (const char *p = "1234"; *p; p++) {
        char a[8];
        snprintf(a, sizeof a, "pin:%c", *p);
        tap(app, a, now);
    }
    tap(app, "pin:ok", now);
    tap(app, "setup", now);
    tap(app, "labels:totes", now);
    tap(app, "print-labels", now);
    const ui_staff_view *v = &kiosk_app_view(app)->staff;
    assert_int_equal(fp.calls, 12);
    assert_int_equal(fp.totes_seen, 12);
    assert_string_equal(fp.lang, "zpl");
    assert_true(v->notice_bad);
    assert_string_equal(v->notice.id, "staff.labels_failed");
    assert_string_equal(v->result[0].args[0], "11");
    assert_string_equal(v->result[0].args[1], "1");
    assert_non_null(strstr(v->result[1].args[0], "TOTE-3: the spool folder is full"));
    char png[256];
    snprintf(png, sizeof png, "%s/labels/setup/TOTE-1.png", data_dir);
    assert_int_not_equal(access(png, F_OK), 0);
    action_seen a = {0};
    assert_int_equal(store_events_each(session_store(kiosk_app_session(app)), action_row, &a,
                                       NULL), STIEL_OK);
    assert_non_null(strstr(a.payload, "\"printed\":11"));
    assert_non_null(strstr(a.payload, "\"to\":\"printer\""));
    kiosk_app_close(app);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_drills_off, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_pick_off_packs_only, setup_dir, teardown_dir),
        cmocka_unit_test(test_config_paths),
        cmocka_unit_test_setup_teardown(test_trainee_last, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_flags_per_visit, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_orders_import_folder, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_kiosk_import_orders, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_setup_labels, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_setup_labels_printer, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_app_folders, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
