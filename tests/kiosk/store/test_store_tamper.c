/* Tamper tests: the file is edited behind the store's back (triggers dropped, rows changed with
 * plain SQL) and store_verify must name the first broken row and what is wrong with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

typedef struct tamper {
    fixture f;
    store *s;
} tamper;

/* Two kiosks: "k1" with 6 events, "k2" with 4, interleaved. Triggers dropped. */
static int setup(void **state)
{
    static tamper t;
    memset(&t, 0, sizeof t);
    if (fixture_make(&t.f) != 0)
        return -1;
    stiel_diag d;
    if (store_open(t.f.path, NULL, &t.s, &d) != STIEL_OK)
        return -1;
    for (int i = 1; i <= 6; i++) {
        if (fixture_append(t.s, "k1", "T-1", i, NULL) != STIEL_OK)
            return -1;
        if (i <= 4 && fixture_append(t.s, "k2", "T-2", 100 + i, NULL) != STIEL_OK)
            return -1;
    }
    store_verify_report rep;
    if (store_verify(t.s, &rep, &d) != STIEL_OK || !rep.ok || rep.events != 10)
        return -1;
    if (fixture_sql(t.s, "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete") != SQLITE_OK)
        return -1;
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    tamper *t = *state;
    store_close(t->s);
    fixture_drop(&t->f);
    return 0;
}

/* Runs the tampering SQL, verifies, and checks the named row and the reason. */
static void expect_break(tamper *t, const char *sql, const char *kiosk, int64_t seq,
                         const char *what)
{
    assert_int_equal(fixture_sql(t->s, sql), SQLITE_OK);
    store_verify_report rep;
    stiel_diag d;
    assert_int_equal(store_verify(t->s, &rep, &d), STIEL_OK);
    assert_false(rep.ok);
    assert_string_equal(rep.bad_kiosk, kiosk);
    assert_int_equal(rep.bad_seq, seq);
    if (!strstr(rep.what, what))
        fail_msg("verify said \"%s\", expected it to mention \"%s\"", rep.what, what);
    assert_int_equal(strlen(rep.bad_id), 36);
}

static void test_altered_kind(void **state)
{
    expect_break(*state, "UPDATE events SET kind = 'step.skipped' WHERE kiosk_id = 'k1' AND seq = 3",
                 "k1", 3, "fields were altered");
}

static void test_altered_time(void **state)
{
    expect_break(*state, "UPDATE events SET ts_ms = ts_ms + 1 WHERE kiosk_id = 'k2' AND seq = 2",
                 "k2", 2, "fields were altered");
}

static void test_altered_trainee(void **state)
{
    expect_break(*state, "UPDATE events SET trainee_id = 'T-9' WHERE kiosk_id = 'k1' AND seq = 6",
                 "k1", 6, "fields were altered");
}

static void test_altered_payload(void **state)
{
    expect_break(*state,
                 "UPDATE events SET payload = '{\"n\":99}' WHERE kiosk_id = 'k1' AND seq = 4", "k1",
                 4, "payload was altered");
}

static void test_altered_payload_hash(void **state)
{
    /* Payload and its recorded hash both replaced: the row hash still catches it. */
    expect_break(*state,
                 "UPDATE events SET payload = '{}', payload_hash = (SELECT payload_hash FROM events"
                 " WHERE kiosk_id = 'k1' AND seq = 1) WHERE kiosk_id = 'k1' AND seq = 2",
                 "k1", 2, "payload was altered");
}

static void test_altered_hash(void **state)
{
    expect_break(*state, "UPDATE events SET hash = zeroblob(32) WHERE kiosk_id = 'k2' AND seq = 3",
                 "k2", 3, "fields were altered");
}

static void test_deleted_row(void **state)
{
    expect_break(*state, "DELETE FROM events WHERE kiosk_id = 'k1' AND seq = 3", "k1", 4,
                 "seq 3 is missing");
}

static void test_deleted_first_rows(void **state)
{
    expect_break(*state, "DELETE FROM events WHERE kiosk_id = 'k2' AND seq <= 2", "k2", 3,
                 "seqs 1 to 2 are missing");
}

static void test_reordered_rows(void **state)
{
    expect_break(*state,
                 "UPDATE events SET seq = 1000 WHERE kiosk_id = 'k1' AND seq = 3;"
                 "UPDATE events SET seq = 3 WHERE kiosk_id = 'k1' AND seq = 4;"
                 "UPDATE events SET seq = 4 WHERE kiosk_id = 'k1' AND seq = 1000;",
                 "k1", 3, "does not link");
}

static void test_moved_to_other_kiosk(void **state)
{
    expect_break(*state, "UPDATE events SET kiosk_id = 'k2', seq = 5 WHERE kiosk_id = 'k1' AND seq = 6",
                 "k2", 5, "does not link");
}

static void test_inserted_row_forged_link(void **state)
{
    /* Rows from seq 3 on shifted up; a forged row that links correctly takes seq 3. */
    expect_break(*state,
                 "UPDATE events SET seq = seq + 1000 WHERE kiosk_id = 'k1' AND seq >= 3;"
                 "UPDATE events SET seq = seq - 999 WHERE kiosk_id = 'k1' AND seq > 1000;"
                 "INSERT INTO events (kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind,"
                 " payload, voids_id, payload_hash, prev_hash, hash) SELECT 'k1', 3,"
                 " 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', ts_ms + 1, trainee_id, actor_id,"
                 " 'step.done', payload, NULL, payload_hash, hash, randomblob(32)"
                 " FROM events WHERE kiosk_id = 'k1' AND seq = 2",
                 "k1", 3, "fields were altered");
}

static void test_inserted_row_at_end(void **state)
{
    expect_break(*state,
                 "INSERT INTO events (kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind,"
                 " payload, voids_id, payload_hash, prev_hash, hash) SELECT 'k2', 5,"
                 " 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', ts_ms + 1, trainee_id, actor_id,"
                 " kind, payload, NULL, payload_hash, randomblob(32), hash"
                 " FROM events WHERE kiosk_id = 'k2' AND seq = 4",
                 "k2", 5, "does not link");
}

static void test_unbacked_tombstone(void **state)
{
    expect_break(*state, "UPDATE events SET payload = NULL WHERE kiosk_id = 'k1' AND seq = 5",
                 "k1", 5, "no logged erasure");
}

static void test_void_of_nothing(void **state)
{
    /* A correction whose voided event was removed: the chain of k2 is cut at its end only,
     * so the cross-check must catch the dangling reference. */
    tamper *t = *state;
    stiel_diag d;
    store_event ev = {.kiosk_id = "k3", .ts_ms = 5, .actor_id = "coach", .kind = "void",
                      .voids_id = NULL};
    /* Find the id of k2's last event, void it from k3, then remove it. */
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(store_sqlite(t->s), "SELECT id FROM events WHERE kiosk_id='k2' AND seq=4",
                       -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char id[STORE_UUID_LEN];
    snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    ev.voids_id = id;
    assert_int_equal(store_append(t->s, &ev, NULL, &d), STIEL_OK);
    expect_break(t, "DELETE FROM events WHERE kiosk_id = 'k2' AND seq = 4", "k3", 1,
                 "the event it voids is not in the store");
}

static void test_deleted_last_row_changes_head(void **state)
{
    /* Cutting a chain's tail leaves a valid shorter chain: only the head (the verification code
     * printed in dossiers) shows it. */
    tamper *t = *state;
    store_verify_report before, after;
    stiel_diag d;
    assert_int_equal(store_verify(t->s, &before, &d), STIEL_OK);
    assert_int_equal(fixture_sql(t->s, "DELETE FROM events WHERE kiosk_id = 'k1' AND seq = 6"),
                     SQLITE_OK);
    assert_int_equal(store_verify(t->s, &after, &d), STIEL_OK);
    assert_true(after.ok);
    assert_int_equal(after.events, 9);
    assert_string_not_equal(before.head_hex, after.head_hex);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_altered_kind),        T(test_altered_time),
        T(test_altered_trainee),     T(test_altered_payload),
        T(test_altered_payload_hash), T(test_altered_hash),
        T(test_deleted_row),         T(test_deleted_first_rows),
        T(test_reordered_rows),      T(test_moved_to_other_kiosk),
        T(test_inserted_row_forged_link), T(test_inserted_row_at_end),
        T(test_unbacked_tombstone),  T(test_void_of_nothing),
        T(test_deleted_last_row_changes_head),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
