/* Unplug/replug tests of the device thread: a symlink stands for a /dev/serial/by-id path; pulling
 * the cable is closing the pty master (the device sees POLLHUP and EIO), plugging back in is a new
 * pty behind the same link. 100 cycles must each recover with no leaked fd; with the default backoff
 * a returning device must work again within 2 s. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "drivers/device_thread.h"
#include "tests/drivers/drivers_fixture.h"

enum { WAIT_MS = 3000, CYCLES = 100 };

typedef struct bench {
    char dir[64];
    char link[128];
} bench;

/* Points link at target atomically (a by-id link re-created by udev). */
static void replace_link(const char *link, const char *target)
{
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.new", link);
    unlink(tmp);
    assert_int_equal(symlink(target, tmp), 0);
    assert_int_equal(rename(tmp, link), 0);
}

static int plug_in(const bench *b)
{
    int master;
    char slave[64];
    assert_int_equal(pty_make(&master, slave, sizeof slave), 0);
    replace_link(b->link, slave);
    return master;
}

/* Pulls the cable: udev removes the by-id link, the device goes away. The link must not keep
 * pointing at the dead /dev/pts/N: another process (a parallel test) may get that number next. */
static void unplug(const bench *b, int master)
{
    unlink(b->link);
    close(master);
}

static void bench_init(bench *b)
{
    snprintf(b->dir, sizeof b->dir, "/tmp/stiel-unplug-XXXXXX");
    assert_non_null(mkdtemp(b->dir));
    snprintf(b->link, sizeof b->link, "%s/usb-Datalogic_Scanner-if00", b->dir);
}

static void bench_free(bench *b)
{
    unlink(b->link);
    rmdir(b->dir);
}

static void expect_scan(recorder *rec, int master, int id, int n)
{
    char msg[32];
    int len = snprintf(msg, sizeof msg, "SCAN-%03d", n);
    size_t mark = recorder_count(rec);
    assert_int_equal(write(master, msg, (size_t)len), len);
    assert_int_equal(write(master, "\r", 1), 1);
    long at = recorder_wait(rec, mark, STIEL_DEVICE_EVENT_DATA, id, -1, WAIT_MS);
    if (at < 0)
        fail_msg("cycle %d: scan never arrived", n);
    stiel_device_event *ev = recorder_at(rec, (size_t)at);
    assert_int_equal(ev->len, (size_t)len);
    assert_memory_equal(ev->data, msg, (size_t)len);
}

static void unplug_replug_100_times(void **state)
{
    (void)state;
    bench b;
    bench_init(&b);
    int baseline = fd_count();
    recorder rec;
    recorder_init(&rec);
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config cfg = {.on_event = recorder_on_event, .user = &rec,
                                      .backoff_initial_ms = 5, .backoff_max_ms = 40};
    assert_int_equal(stiel_device_thread_new(&cfg, &thr, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(thr, NULL), STIEL_OK);
    int master = plug_in(&b);

    line_driver *d = line_driver_new(0);
    stiel_device_config dc = {.port = b.link, .label = "scanner", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &line_driver_ops, .driver_data = d};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_enable(thr, id, 1, NULL), STIEL_OK);
    assert_true(recorder_wait(&rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS) >= 0);
    int steady = fd_count(); /* baseline + wake fd + pty master + the device's port */
    assert_int_equal(steady, baseline + 3);
    char want[256];
    snprintf(want, sizeof want, "scanner on %s disconnected: check the cable", b.link);

    for (int i = 0; i < CYCLES; i++) {
        expect_scan(&rec, master, id, i);
        size_t mark = recorder_count(&rec);
        if (i % 2 == 0) {
            /* pulled out, gone for a while (reopen attempts fail), plugged back in */
            unplug(&b, master);
            long at = recorder_wait(&rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED, WAIT_MS);
            assert_true(at >= 0);
            assert_string_equal(recorder_at(&rec, (size_t)at)->diag.text, want);
            assert_int_equal(recorder_at(&rec, (size_t)at)->diag.code, STIEL_ERR_CLOSED);
            sleep_ms(12);
            master = plug_in(&b);
        } else {
            /* swapped: the new device is behind the link before the old one hangs up */
            int fresh = plug_in(&b);
            close(master);
            master = fresh;
            assert_true(recorder_wait(&rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED,
                                      WAIT_MS) >= 0);
        }
        long back = recorder_wait(&rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS);
        if (back < 0)
            fail_msg("cycle %d: the scanner did not come back", i);
        assert_non_null(strstr(recorder_at(&rec, (size_t)back)->diag.text, "is connected again"));
        if (fd_count() != steady)
            fail_msg("cycle %d: %d fds open, expected %d", i, fd_count(), steady);
        if (recorder_count(&rec) > REC_MAX - 16)
            recorder_clear(&rec);
    }
    expect_scan(&rec, master, id, CYCLES);

    stiel_device_thread_stats st;
    stiel_device_thread_stats_get(thr, &st);
    assert_int_equal(st.hangups, CYCLES);
    assert_int_equal(st.opens, CYCLES + 1);
    assert_int_equal(line_driver_get(d, &d->hangups), CYCLES);
    assert_int_equal(line_driver_get(d, &d->opens), CYCLES + 1);
    assert_int_equal(rec.dropped, 0);

    stiel_device_thread_free(thr);
    close(master);
    recorder_free(&rec);
    bench_free(&b);
    assert_int_equal(fd_count(), baseline);
}

static void back_within_two_seconds_with_default_backoff(void **state)
{
    (void)state;
    bench b;
    bench_init(&b);
    recorder rec;
    recorder_init(&rec);
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config cfg = {.on_event = recorder_on_event, .user = &rec}; /* 100 ms → 1 s */
    assert_int_equal(stiel_device_thread_new(&cfg, &thr, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(thr, NULL), STIEL_OK);
    int master = plug_in(&b);
    stiel_device_config dc = {.port = b.link, .label = "scanner", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &line_driver_ops, .driver_data = line_driver_new(0)};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_enable(thr, id, 1, NULL), STIEL_OK);
    assert_true(recorder_wait(&rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS) >= 0);

    size_t mark = recorder_count(&rec);
    unplug(&b, master);
    assert_true(recorder_wait(&rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED, WAIT_MS) >= 0);
    stiel_device_thread_stats a, z;
    stiel_device_thread_stats_get(thr, &a);
    sleep_ms(1600); /* long enough for the backoff to reach its 1 s cap */
    stiel_device_thread_stats_get(thr, &z);
    /* 100+200+400+800 ms: four attempts, not a busy loop */
    assert_true(z.poll_returns - a.poll_returns <= 6);
    uint64_t t0 = stiel_device_now_ms();
    master = plug_in(&b);
    long at = recorder_wait(&rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, 2500);
    uint64_t took = stiel_device_now_ms() - t0;
    assert_true(at >= 0);
    if (took > 2000)
        fail_msg("device worked again only after %llu ms", (unsigned long long)took);
    expect_scan(&rec, master, id, 1);

    stiel_device_thread_free(thr);
    close(master);
    recorder_free(&rec);
    bench_free(&b);
}

int main(void)
{
    stiel_log_set_level(STIEL_LOG_ERROR); /* 100 "disconnected" warnings are the point, not news */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unplug_replug_100_times),
        cmocka_unit_test(back_within_two_seconds_with_default_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
