/* Tests of the evidence store's basics: append and read back, chain heads per kiosk, bad input
 * mapped to its error, the append-only triggers, migrations, file modes, read-only opens, the
 * CSV export and the default path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

typedef struct rows {
    int n;
    char ids[16][STORE_UUID_LEN];
    int64_t ts[16];
    char kinds[16][16];
    char payloads[16][96];
    bool erased[16];
} rows;

static int rows_collect(const store_row *r, void *ctx)
{
    rows *rs = ctx;
    if (rs->n >= 16)
        return 1;
    snprintf(rs->ids[rs->n], STORE_UUID_LEN, "%s", r->id);
    rs->ts[rs->n] = r->ts_ms;
    snprintf(rs->kinds[rs->n], 16, "%s", r->kind);
    snprintf(rs->payloads[rs->n], 96, "%s", r->payload ? r->payload : "(null)");
    rs->erased[rs->n] = r->erased;
    rs->n++;
    return 0;
}

static int64_t user_version(store *s)
{
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(store_sqlite(s), "PRAGMA user_version", -1, &q, NULL);
    int64_t v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return v;
}

static void test_append_read_back(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    store_receipt r[3];
    /* Appended out of time order: the trainee query must sort by ts. */
    const int64_t ts[3] = {3000, 1000, 2000};
    const char *kinds[3] = {"step.done", "level.changed", "step.done"};
    for (int i = 0; i < 3; i++) {
        store_event ev = {.kiosk_id = "pick-1", .ts_ms = ts[i], .trainee_id = "T-0042",
                          .actor_id = "T-0042", .kind = kinds[i], .payload = "{\"line\":1}"};
        assert_int_equal(store_append(s, &ev, &r[i], &d), STIEL_OK);
        assert_int_equal(r[i].seq, i + 1);
        assert_int_equal(strlen(r[i].id), 36);
        assert_int_equal(r[i].id[14], '4'); /* UUID version 4 */
        assert_non_null(strchr("89ab", r[i].id[19]));
    }
    assert_string_not_equal(r[0].id, r[1].id);
    store_event sys = {.kiosk_id = "pick-1", .ts_ms = 500, .actor_id = "system", .kind = "boot"};
    assert_int_equal(store_append(s, &sys, NULL, &d), STIEL_OK);

    rows rs = {0};
    assert_int_equal(store_trainee_events(s, "T-0042", rows_collect, &rs, &d), STIEL_OK);
    assert_int_equal(rs.n, 3);
    assert_int_equal(rs.ts[0], 1000);
    assert_int_equal(rs.ts[1], 2000);
    assert_int_equal(rs.ts[2], 3000);
    assert_string_equal(rs.ids[0], r[1].id);
    assert_string_equal(rs.kinds[0], "level.changed");
    assert_string_equal(rs.payloads[0], "{\"line\":1}");

    rows one = {0};
    assert_int_equal(store_event_find(s, r[2].id, rows_collect, &one, &d), STIEL_OK);
    assert_int_equal(one.n, 1);
    assert_int_equal(one.ts[0], 2000);
    assert_int_equal(store_event_find(s, "00000000-0000-4000-8000-000000000000", rows_collect,
                                      &one, &d),
                     STIEL_ERR_NOT_FOUND);
    /* A system event with NULL payload stores "{}" and an empty trainee. */
    rows all = {0};
    assert_int_equal(store_events_each(s, rows_collect, &all, &d), STIEL_OK);
    assert_int_equal(all.n, 4);
    assert_string_equal(all.payloads[3], "{}");
    assert_string_equal(all.kinds[3], "boot");

    store_head_info h;
    assert_int_equal(store_head(s, "pick-1", &h, &d), STIEL_OK);
    assert_int_equal(h.seq, 4);
    assert_int_equal(store_head(s, "nowhere", &h, &d), STIEL_OK);
    assert_int_equal(h.seq, 0);
    assert_string_equal(h.hex, "0000000000000000000000000000000000000000000000000000000000000000");

    store_verify_report rep;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    assert_int_equal(rep.events, 4);
    assert_int_equal(rep.kiosks, 1);
    store_close(s);
    fixture_drop(&f);
}

static void test_heads_per_kiosk(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    store_receipt a, b;
    for (int i = 1; i <= 5; i++) {
        assert_int_equal(fixture_append(s, "pick-1", "T-1", i, &a), STIEL_OK);
        assert_int_equal(a.seq, i);
        if (i <= 2) {
            assert_int_equal(fixture_append(s, "pack-1", "T-1", i, &b), STIEL_OK);
            assert_int_equal(b.seq, i);
        }
    }
    store_head_info h1, h2;
    assert_int_equal(store_head(s, "pick-1", &h1, &d), STIEL_OK);
    assert_int_equal(store_head(s, "pack-1", &h2, &d), STIEL_OK);
    assert_int_equal(h1.seq, 5);
    assert_int_equal(h2.seq, 2);
    assert_memory_equal(h1.hash, a.hash, STORE_HASH_LEN);
    assert_memory_equal(h2.hash, b.hash, STORE_HASH_LEN);
    store_verify_report rep;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    assert_int_equal(rep.events, 7);
    assert_int_equal(rep.kiosks, 2);
    assert_int_equal(strlen(rep.head_hex), 64);
    /* The combined head changes with every append. */
    char before[STORE_HASH_HEX];
    memcpy(before, rep.head_hex, sizeof before);
    assert_int_equal(fixture_append(s, "pack-1", "T-2", 9, NULL), STIEL_OK);
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_string_not_equal(before, rep.head_hex);
    store_close(s);
    fixture_drop(&f);
}

static void count_kind(const char *kind, int64_t n, void *ctx)
{
    char *out = ctx;
    size_t len = strlen(out);
    snprintf(out + len, 128 - len, "%s=%lld;", kind, (long long)n);
}

static void test_count_by_kind(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    const char *kinds[] = {"step.done", "step.error", "step.done", "help", "step.done"};
    const char *who[] = {"T-1", "T-1", "T-2", "T-1", "T-1"};
    for (int i = 0; i < 5; i++) {
        store_event ev = {.kiosk_id = "k", .ts_ms = i, .trainee_id = who[i], .actor_id = who[i],
                          .kind = kinds[i]};
        assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_OK);
    }
    char out[128] = "";
    assert_int_equal(store_count_by_kind(s, "T-1", count_kind, out, &d), STIEL_OK);
    assert_string_equal(out, "help=1;step.done=2;step.error=1;");
    out[0] = '\0';
    assert_int_equal(store_count_by_kind(s, NULL, count_kind, out, &d), STIEL_OK);
    assert_string_equal(out, "help=1;step.done=3;step.error=1;");
    store_close(s);
    fixture_drop(&f);
}

static int64_t event_count(store *s)
{
    store_verify_report rep;
    stiel_diag d;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    return rep.events;
}

static void test_bad_input(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    store_receipt first;
    assert_int_equal(fixture_append(s, "k", "T-1", 1, &first), STIEL_OK);
    store_event ok = {.kiosk_id = "k", .ts_ms = 1, .trainee_id = "T-1", .actor_id = "T-1",
                      .kind = "step.done", .payload = "{}"};
    store_event ev = ok;
    ev.kiosk_id = "";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "kiosk id"));
    ev = ok;
    ev.actor_id = NULL;
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "actor id"));
    ev = ok;
    ev.kind = "step\ndone";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "control character"));
    ev = ok;
    ev.trainee_id = "T-0123456789012345678901234567890123456789012345678901234567890123456789";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "trainee id"));
    ev = ok;
    ev.payload = "{\"line\":";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "JSON"));
    ev = ok;
    ev.ts_ms = -5;
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    ev = ok;
    ev.voids_id = "not-a-uuid";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_ARG);
    ev.voids_id = "00000000-0000-4000-8000-000000000000";
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_ERR_NOT_FOUND);
    /* None of that was written; a correction voiding a real event is. */
    assert_int_equal(event_count(s), 1);
    ev = ok;
    ev.kind = "void";
    ev.voids_id = first.id;
    store_receipt r;
    assert_int_equal(store_append(s, &ev, &r, &d), STIEL_OK);
    assert_int_equal(r.seq, 2);
    assert_int_equal(event_count(s), 2);
    assert_int_equal(store_append(NULL, &ok, NULL, &d), STIEL_ERR_CLOSED);
    store_close(s);
    fixture_drop(&f);
}

static void test_triggers_refuse_changes(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    store_receipt r;
    assert_int_equal(fixture_append(s, "k", "T-1", 1, &r), STIEL_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 2, NULL), STIEL_OK);
    assert_int_equal(fixture_sql(s, "UPDATE events SET kind = 'x' WHERE seq = 1"), SQLITE_CONSTRAINT_TRIGGER);
    assert_non_null(strstr(sqlite3_errmsg(store_sqlite(s)), "append-only"));
    assert_int_equal(fixture_sql(s, "DELETE FROM events WHERE seq = 2"), SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(fixture_sql(s, "DELETE FROM events"), SQLITE_CONSTRAINT_TRIGGER);
    /* A tombstone without a logged erasure is refused, and so is faking the erasure log. */
    assert_int_equal(fixture_sql(s, "UPDATE events SET payload = NULL WHERE seq = 1"),
                     SQLITE_CONSTRAINT_TRIGGER);
    char sql[200];
    snprintf(sql, sizeof sql, "INSERT INTO erased VALUES ('%s', '%s')", r.id, r.id);
    assert_int_equal(fixture_sql(s, sql), SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(event_count(s), 2);
    store_close(s);
    fixture_drop(&f);
}

static void test_migrate_from_0(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(user_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(fixture_sql(s, "SELECT count(*) FROM erased"), SQLITE_OK);
    store_close(s);
    fixture_drop(&f);
}

static void test_migrate_from_1(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    store_options v1 = {.target_version = 1};
    assert_int_equal(store_open(f.path, &v1, &s, &d), STIEL_OK);
    assert_int_equal(user_version(s), 1);
    assert_int_not_equal(fixture_sql(s, "SELECT count(*) FROM erased"), SQLITE_OK);
    store_receipt r[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(fixture_append(s, "k", "T-1", i, &r[i]), STIEL_OK);
    store_close(s);
    /* A read-only open does not migrate: it asks for a read-write open first. */
    store_options ro = {.read_only = true};
    assert_int_equal(store_open(f.path, &ro, &s, &d), STIEL_ERR_STATE);
    assert_null(s);
    assert_non_null(strstr(d.text, "version 1"));
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(user_version(s), STORE_SCHEMA_VERSION);
    store_head_info h;
    assert_int_equal(store_head(s, "k", &h, &d), STIEL_OK);
    assert_int_equal(h.seq, 3);
    assert_memory_equal(h.hash, r[2].hash, STORE_HASH_LEN);
    assert_int_equal(event_count(s), 3);
    int64_t n = 0;
    assert_int_equal(store_erase_trainee(s, "k", "T-1", "coach-7", "left the programme", 9999,
                                         &n, &d),
                     STIEL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(event_count(s), 4);
    store_close(s);
    fixture_drop(&f);
}

static void test_newer_version_refused(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(fixture_sql(s, "PRAGMA user_version = 99"), SQLITE_OK);
    store_close(s);
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_ERR_UNSUPPORTED);
    assert_null(s);
    assert_non_null(strstr(d.text, "version 99"));
    assert_non_null(strstr(d.text, "newer stiel"));
    fixture_drop(&f);
}

static void test_not_a_store(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    FILE *fp = fopen(f.path, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 512; i++)
        fputs("this is not a database ", fp);
    fclose(fp);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_ERR_CORRUPT);
    assert_null(s);
    assert_non_null(strstr(d.text, f.path));
    fixture_drop(&f);
}

static unsigned file_mode(const char *path, const char *suffix)
{
    char p[200];
    snprintf(p, sizeof p, "%s%s", path, suffix);
    struct stat sb;
    if (stat(p, &sb) != 0)
        return 01000; /* missing */
    return (unsigned)(sb.st_mode & 0777);
}

static void test_file_modes(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 1, NULL), STIEL_OK);
    assert_int_equal(file_mode(f.path, ""), 0600);
    assert_int_equal(file_mode(f.path, "-wal"), 0600);
    assert_int_equal(file_mode(f.path, "-shm"), 0600);
    store_close(s);
    /* A store found readable by others is tightened on open. */
    assert_int_equal(chmod(f.path, 0644), 0);
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(file_mode(f.path, ""), 0600);
    assert_int_equal(fixture_append(s, "k", "T-1", 2, NULL), STIEL_OK);
    assert_int_equal(file_mode(f.path, "-wal"), 0600);
    store_close(s);
    fixture_drop(&f);
}

static void test_read_only_and_missing(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    store_options must = {.must_exist = true};
    assert_int_equal(store_open(f.path, &must, &s, &d), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "no evidence store"));
    assert_int_equal(file_mode(f.path, ""), 01000); /* nothing created */
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 1, NULL), STIEL_OK);
    store_close(s);
    store_options ro = {.read_only = true};
    assert_int_equal(store_open(f.path, &ro, &s, &d), STIEL_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 2, NULL), STIEL_ERR_DENIED);
    assert_int_equal(store_erase_trainee(s, "k", "T-1", "c", "r", 5, NULL, &d), STIEL_ERR_DENIED);
    /* Even going around the API, SQLite refuses to write. */
    assert_int_equal(fixture_sql(s, "CREATE TABLE x (a)") & 0xff, SQLITE_READONLY);
    assert_int_equal(event_count(s), 1);
    store_close(s);
    fixture_drop(&f);
}

static void test_csv_field(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(store_csv_field(&b, "plain"), STIEL_OK);
    assert_int_equal(store_csv_field(&b, "a,b"), STIEL_OK);
    assert_int_equal(store_csv_field(&b, "say \"hi\""), STIEL_OK);
    assert_int_equal(store_csv_field(&b, "two\r\nlines"), STIEL_OK);
    assert_int_equal(store_csv_field(&b, NULL), STIEL_OK);
    assert_string_equal((const char *)b.data, "plain\"a,b\"\"say \"\"hi\"\"\"\"two\r\nlines\"");
    stiel_buf_free(&b);
}

static void test_csv_export(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    store_event ev = {.kiosk_id = "pick-1", .ts_ms = 1741091696789, .trainee_id = "T-1",
                      .actor_id = "T-1", .kind = "step.done",
                      .payload = "{\"note\":\"a, \\\"b\\\"\"}"};
    store_receipt r;
    assert_int_equal(store_append(s, &ev, &r, &d), STIEL_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    assert_int_equal(store_export_csv(s, mem, &d), STIEL_OK);
    fclose(mem);
    char hex[STORE_HASH_HEX];
    store_hash_hex(r.hash, hex);
    char want[512];
    snprintf(want, sizeof want,
             "id,kiosk_id,seq,ts_ms,time_utc,trainee_id,actor_id,kind,voids_id,erased,payload,hash\r\n"
             "%s,pick-1,1,1741091696789,2025-03-04T12:34:56.789Z,T-1,T-1,step.done,,0,"
             "\"{\"\"note\"\":\"\"a, \\\"\"b\\\"\"\"\"}\",%s\r\n",
             r.id, hex);
    assert_string_equal(text, want);
    free(text);
    store_close(s);
    fixture_drop(&f);
}

static void test_default_path(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_diag d;
    stiel_buf_init(&b, 0);
    setenv("STIEL_DATA", "/srv/stiel", 1);
    assert_int_equal(store_default_path(&b, &d), STIEL_OK);
    assert_string_equal((const char *)b.data, "/srv/stiel/evidence.db");
    unsetenv("STIEL_DATA");
    setenv("XDG_DATA_HOME", "/x/data", 1);
    stiel_buf_reset(&b);
    assert_int_equal(store_default_path(&b, &d), STIEL_OK);
    assert_string_equal((const char *)b.data, "/x/data/stiel/evidence.db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/coach", 1);
    stiel_buf_reset(&b);
    assert_int_equal(store_default_path(&b, &d), STIEL_OK);
    assert_string_equal((const char *)b.data, "/home/coach/.local/share/stiel/evidence.db");
    stiel_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_read_back),
        cmocka_unit_test(test_heads_per_kiosk),
        cmocka_unit_test(test_count_by_kind),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_triggers_refuse_changes),
        cmocka_unit_test(test_migrate_from_0),
        cmocka_unit_test(test_migrate_from_1),
        cmocka_unit_test(test_newer_version_refused),
        cmocka_unit_test(test_not_a_store),
        cmocka_unit_test(test_file_modes),
        cmocka_unit_test(test_read_only_and_missing),
        cmocka_unit_test(test_csv_field),
        cmocka_unit_test(test_csv_export),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
