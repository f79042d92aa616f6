/* Fault injection: a full disk (SQLite's max_page_count) fails an append cleanly with nothing
 * half-written, and a writer killed with SIGKILL at random moments loses no acknowledged event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

static void test_disk_full(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 0, NULL), STIEL_OK);
    /* The file may grow only a few pages more. */
    assert_int_equal(fixture_sql(s, "PRAGMA max_page_count = 12"), SQLITE_OK);
    char big[2048];
    memset(big, 'x', sizeof big);
    memcpy(big, "{\"pad\":\"", 8);
    memcpy(big + sizeof big - 3, "\"}", 3);
    int ok = 1;
    stiel_status st = STIEL_OK;
    for (int i = 0; i < 200; i++) {
        store_event ev = {.kiosk_id = "k", .ts_ms = i, .trainee_id = "T-1", .actor_id = "T-1",
                          .kind = "step.done", .payload = big};
        st = store_append(s, &ev, NULL, &d);
        if (st != STIEL_OK)
            break;
        ok++;
    }
    assert_int_equal(st, STIEL_ERR_NOSPACE);
    assert_non_null(strstr(d.text, "disk is full"));
    store_head_info h;
    assert_int_equal(store_head(s, "k", &h, &d), STIEL_OK);
    assert_int_equal(h.seq, ok);
    store_verify_report rep;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    assert_int_equal(rep.events, ok);
    /* Small events may still fit... and once space returns, appends go on. */
    assert_int_equal(fixture_sql(s, "PRAGMA max_page_count = 100000"), SQLITE_OK);
    assert_int_equal(fixture_append(s, "k", "T-1", 1, NULL), STIEL_OK);
    store_close(s);
    fixture_drop(&f);
}

typedef struct ack {
    int64_t seq;
    char id[STORE_UUID_LEN];
} ack;

/* The child: append forever, acknowledging each event on the pipe only after store_append
 * returned (as the kiosk acknowledges a step on screen). */
static void child_run(const char *path, int fd, int round)
{
    store *s = NULL;
    stiel_diag d;
    if (store_open(path, NULL, &s, &d) != STIEL_OK)
        _exit(3);
    for (int i = 0;; i++) {
        store_receipt r;
        if (fixture_append(s, i % 3 ? "pick-1" : "pack-1", "T-1", round * 100000 + i, &r) !=
            STIEL_OK)
            _exit(4);
        ack a;
        memset(&a, 0, sizeof a);
        a.seq = r.seq;
        memcpy(a.id, r.id, sizeof a.id);
        if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
            _exit(5);
    }
}

static int found(const store_row *r, void *ctx)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static void test_kill_9(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    srand(4242);
    int64_t total_acked = 0;
    enum { ROUNDS = 6, MAX_ACKS = 4096 };
    static ack acks[MAX_ACKS];
    for (int round = 0; round < ROUNDS; round++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child_run(f.path, fds[1], round);
        }
        close(fds[1]);
        /* Kill after a random number of acknowledgements, and then a random delay, so that the
         * kill lands anywhere in an append. */
        int kill_after = 1 + rand() % 40;
        int n = 0;
        while (n < kill_after) {
            ssize_t got = read(fds[0], &acks[n], sizeof acks[n]);
            assert_int_equal(got, sizeof acks[n]);
            n++;
        }
        usleep((useconds_t)(rand() % 3000));
        assert_int_equal(kill(pid, SIGKILL), 0);
        for (;;) {
            ssize_t got = read(fds[0], &acks[n], sizeof acks[n]);
            if (got <= 0)
                break;
            assert_int_equal(got, sizeof acks[n]);
            if (n < MAX_ACKS - 1)
                n++;
        }
        close(fds[0]);
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        store *s = NULL;
        stiel_diag d;
        assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
        store_verify_report rep;
        assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
        if (!rep.ok)
            fail_msg("round %d: %s at %s/%lld", round, rep.what, rep.bad_kiosk,
                     (long long)rep.bad_seq);
        for (int i = 0; i < n; i++) {
            int hits = 0;
            assert_int_equal(store_event_find(s, acks[i].id, found, &hits, &d), STIEL_OK);
            assert_int_equal(hits, 1);
        }
        total_acked += n;
        assert_true(rep.events >= total_acked);
        store_close(s);
    }
    fixture_drop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disk_full),
        cmocka_unit_test(test_kill_9),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
