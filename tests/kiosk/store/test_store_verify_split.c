/* store_verify cut into ranges on threads must say exactly what the serial walk says: for a store
 * of three kiosks with corrections and an erasure, every tamper kind at the rows at and around
 * every range boundary of 2, 3 and 4 ranges gives the same report — row, reason, counts and
 * head — whether verified serially or split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/store/store_verify_walk.h"
#include "tests/kiosk/store/store_fixture.h"

enum { K1_ROWS = 25, K2_ROWS = 30, K3_ROWS = 20, ALL_ROWS = K1_ROWS + K2_ROWS + K3_ROWS };

static fixture pristine; /* the untouched store, copied for each case */

static stiel_status append_void(store *s, const char *kiosk, int n, const char *voids)
{
    store_event ev = {.kiosk_id = kiosk, .ts_ms = 1700000000000 + (int64_t)n * 1000,
                      .trainee_id = "T-3", .actor_id = "coach-1", .kind = "void",
                      .payload = "{\"why\":\"wrong item\"}", .voids_id = voids};
    stiel_diag d;
    return store_append(s, &ev, NULL, &d);
}

/* k1: 25 events (T-9 at seqs 6, 12, 18, 24), k2: 29 events (T-9 at 7, 14, 21, 28) and the
 * erasure of T-9 as seq 30, k3: 20 events of which seq 10 voids k1/5 and seq 20 voids k1/25. */
static int build_pristine(void **state)
{
    (void)state;
    if (fixture_make(&pristine) != 0)
        return -1;
    store *s = NULL;
    stiel_diag d;
    if (store_open(pristine.path, NULL, &s, &d) != STIEL_OK)
        return -1;
    store_receipt k1[K1_ROWS + 1];
    for (int i = 1; i <= K1_ROWS; i++)
        if (fixture_append(s, "k1", i % 6 == 0 ? "T-9" : "T-1", i, &k1[i]) != STIEL_OK)
            return -1;
    for (int i = 1; i < K2_ROWS; i++)
        if (fixture_append(s, "k2", i % 7 == 0 ? "T-9" : "T-2", 100 + i, NULL) != STIEL_OK)
            return -1;
    for (int i = 1; i <= K3_ROWS; i++) {
        stiel_status st = i == 10   ? append_void(s, "k3", 200 + i, k1[5].id)
                          : i == 20 ? append_void(s, "k3", 200 + i, k1[25].id)
                                    : fixture_append(s, "k3", "T-3", 200 + i, NULL);
        if (st != STIEL_OK)
            return -1;
    }
    int64_t erased = 0;
    if (store_erase_trainee(s, "k2", "T-9", "coach-1", "left the programme", 1700000999000,
                            &erased, &d) != STIEL_OK || erased != 8)
        return -1;
    store_close(s);
    return 0;
}

static int drop_pristine(void **state)
{
    (void)state;
    fixture_drop(&pristine);
    return 0;
}

static void copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY);
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(in >= 0);
    assert_true(out >= 0);
    char buf[8192];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        assert_int_equal(write(out, buf, (size_t)n), n);
    assert_int_equal(n, 0);
    close(in);
    assert_int_equal(close(out), 0);
}

static void expect_same(const store_verify_report *a, const store_verify_report *b,
                        const char *label, int threads)
{
    if (a->ok != b->ok || a->events != b->events || a->kiosks != b->kiosks ||
        a->erased != b->erased || strcmp(a->head_hex, b->head_hex) != 0 ||
        strcmp(a->bad_kiosk, b->bad_kiosk) != 0 || a->bad_seq != b->bad_seq ||
        strcmp(a->bad_id, b->bad_id) != 0 || strcmp(a->what, b->what) != 0)
        fail_msg("%s, %d ranges: serial said ok=%d %s/%lld \"%s\" (%lld events, %lld kiosks, "
                 "%lld erased, head %.12s), split said ok=%d %s/%lld \"%s\" (%lld events, "
                 "%lld kiosks, %lld erased, head %.12s)",
                 label, threads, a->ok, a->bad_kiosk, (long long)a->bad_seq, a->what,
                 (long long)a->events, (long long)a->kiosks, (long long)a->erased, a->head_hex,
                 b->ok, b->bad_kiosk, (long long)b->bad_seq, b->what, (long long)b->events,
                 (long long)b->kiosks, (long long)b->erased, b->head_hex);
}

/* Copies the pristine store, runs sql on it with the guard triggers dropped, and checks that
 * 2, 3 and 4 ranges report what the serial walk reports. Returns the serial report. */
static store_verify_report run_case(const char *sql, const char *label)
{
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    copy_file(pristine.path, f.path);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    /* No fsync for a throwaway copy; CHECK constraints off so that a hash can be cut short. */
    assert_int_equal(fixture_sql(s, "PRAGMA synchronous = OFF; PRAGMA ignore_check_constraints = ON;"
                                    " DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;"
                                    " DROP TRIGGER erased_needs_erasure"),
                     SQLITE_OK);
    if (sql && fixture_sql(s, sql) != SQLITE_OK)
        fail_msg("%s: %s", label, sqlite3_errmsg(store_sqlite(s)));
    store_verify_report serial, split;
    store_verify_tuning one = {.threads = 1};
    assert_int_equal(store_verify_tuned(s, &one, &serial, &d), STIEL_OK);
    assert_int_equal(one.ranges, 1);
    for (int t = 2; t <= 4; t++) {
        store_verify_tuning tune = {.threads = t, .min_rows = 1};
        assert_int_equal(store_verify_tuned(s, &tune, &split, &d), STIEL_OK);
        assert_int_equal(tune.ranges, t);
        expect_same(&serial, &split, label, t);
    }
    store_close(s);
    fixture_drop(&f);
    return serial;
}

static void test_intact(void **state)
{
    (void)state;
    store_verify_report rep = run_case(NULL, "intact");
    assert_true(rep.ok);
    assert_int_equal(rep.events, ALL_ROWS);
    assert_int_equal(rep.kiosks, 3);
    assert_int_equal(rep.erased, 8);
}

/* Each tamper kind at (kiosk, seq); %1$s is the kiosk, %2$d the seq. */
static const char *const tampers[] = {
    "UPDATE events SET kind = 'step.skipped' WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET payload = '{\"n\":-1}' WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET payload = NULL WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "DELETE FROM events WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET prev_hash = zeroblob(32) WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET hash = zeroblob(32) WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET payload_hash = zeroblob(31) WHERE kiosk_id = '%1$s' AND seq = %2$d",
    "UPDATE events SET seq = 100000 WHERE kiosk_id = '%1$s' AND seq = %2$d;"
    "UPDATE events SET seq = %2$d WHERE kiosk_id = '%1$s' AND seq = %2$d + 1;"
    "UPDATE events SET seq = %2$d + 1 WHERE kiosk_id = '%1$s' AND seq = 100000",
    "UPDATE events SET kiosk_id = kiosk_id || 'a' WHERE kiosk_id = '%1$s' AND seq = %2$d",
};

/* The rows to tamper with: all of k2, where five of the six range starts fall (2 ranges: k2/13;
 * 3: k2/1, k2/26; 4: k1/19, k2/12, k2/30), and the first, last and boundary rows of k1, k3. */
static bool tamper_here(const char *kiosk, int seq, int rows)
{
    if (strcmp(kiosk, "k2") == 0 || seq <= 3 || seq >= rows - 1)
        return true;
    return strcmp(kiosk, "k1") == 0 && seq >= 18 && seq <= 20;
}

static void test_every_tamper_around_every_boundary(void **state)
{
    (void)state;
    static const struct {
        const char *kiosk;
        int rows;
    } kiosks[] = {{"k1", K1_ROWS}, {"k2", K2_ROWS}, {"k3", K3_ROWS}};
    int broken = 0, cases = 0;
    for (size_t t = 0; t < sizeof tampers / sizeof tampers[0]; t++)
        for (size_t k = 0; k < 3; k++)
            for (int seq = 1; seq <= kiosks[k].rows; seq++) {
                if (!tamper_here(kiosks[k].kiosk, seq, kiosks[k].rows))
                    continue;
                char sql[600], label[700];
                snprintf(sql, sizeof sql, tampers[t], kiosks[k].kiosk, seq);
                snprintf(label, sizeof label, "tamper %zu at %s/%d: %s", t, kiosks[k].kiosk, seq,
                         sql);
                store_verify_report rep = run_case(sql, label);
                broken += !rep.ok;
                cases++;
            }
    /* Nearly every case breaks a chain (the exceptions: a tombstone made where one already was,
     * and cutting or moving a chain's last row, which only the head shows). */
    assert_true(broken > cases * 9 / 10);
}

static void test_void_of_nothing(void **state)
{
    /* k1's last row is voided by k3/20: removing it leaves valid chains but a dangling void. */
    (void)state;
    store_verify_report rep =
        run_case("DELETE FROM events WHERE kiosk_id = 'k1' AND seq = 25", "void of nothing");
    assert_false(rep.ok);
    assert_string_equal(rep.bad_kiosk, "k3");
    assert_int_equal(rep.bad_seq, 20);
    assert_string_equal(rep.what, "the event it voids is not in the store");
}

static void test_erasure_record_without_erasure(void **state)
{
    (void)state;
    store_verify_report rep = run_case(
        "INSERT INTO erased (event_id, erasure_id) SELECT e.id, v.id FROM events e, events v"
        " WHERE e.kiosk_id = 'k3' AND e.seq = 4 AND v.kiosk_id = 'k1' AND v.seq = 1",
        "erasure record without erasure");
    assert_false(rep.ok);
    assert_string_equal(rep.bad_kiosk, "k3");
    assert_int_equal(rep.bad_seq, 4);
    assert_string_equal(rep.what, "its erasure record names no logged erasure event");
}

static void test_odd_kiosk_ids_walk_serially(void **state)
{
    /* A blob kiosk id cannot bound a range: the walk stays serial and still names the row. */
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    copy_file(pristine.path, f.path);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(fixture_sql(s, "DROP TRIGGER events_no_update;"
                                    "UPDATE events SET kiosk_id = CAST('k2' AS BLOB)"
                                    " WHERE kiosk_id = 'k2' AND seq = 3"),
                     SQLITE_OK);
    store_verify_report rep;
    store_verify_tuning tune = {.threads = 4, .min_rows = 1};
    assert_int_equal(store_verify_tuned(s, &tune, &rep, &d), STIEL_OK);
    assert_int_equal(tune.ranges, 1);
    assert_false(rep.ok);
    assert_string_equal(rep.bad_kiosk, "k2");
    assert_int_equal(rep.bad_seq, 4);
    store_close(s);
    fixture_drop(&f);
}

static void test_small_store_is_not_split(void **state)
{
    (void)state;
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(pristine.path, NULL, &s, &d), STIEL_OK);
    store_verify_report rep;
    store_verify_tuning tune = {.threads = 4};
    assert_int_equal(store_verify_tuned(s, &tune, &rep, &d), STIEL_OK);
    assert_int_equal(tune.ranges, 1);
    assert_true(rep.ok);
    tune.min_rows = ALL_ROWS / 2;
    assert_int_equal(store_verify_tuned(s, &tune, &rep, &d), STIEL_OK);
    assert_int_equal(tune.ranges, 2);
    assert_true(rep.ok);
    assert_int_equal(rep.events, ALL_ROWS);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intact),
        cmocka_unit_test(test_every_tamper_around_every_boundary),
        cmocka_unit_test(test_void_of_nothing),
        cmocka_unit_test(test_erasure_record_without_erasure),
        cmocka_unit_test(test_odd_kiosk_ids_walk_serially),
        cmocka_unit_test(test_small_store_is_not_split),
    };
    return cmocka_run_group_tests(tests, build_pristine, drop_pristine);
}
