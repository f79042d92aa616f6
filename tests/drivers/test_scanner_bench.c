/* The scanner test bench: one scanner on a pty behind a device thread (see the header). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "tests/drivers/test_scanner_bench.h"

void sbench_start(sbench *b, const stiel_scanner_config *cfg, bool enable)
{
    memset(b, 0, sizeof *b);
    recorder_init(&b->rec);
    assert_int_equal(pty_make(&b->master, b->slave, sizeof b->slave), 0);
    stiel_device_thread_config tc = {.on_event = recorder_on_event, .user = &b->rec};
    stiel_diag d;
    assert_int_equal(stiel_device_thread_new(&tc, &b->thr, &d), STIEL_OK);
    void *data = NULL;
    assert_int_equal(stiel_scanner_new(cfg, &data, &d), STIEL_OK);
    stiel_device_config dc = {.port = b->slave, .label = "scanner", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = stiel_scanner_ops(cfg->kind), .driver_data = data};
    assert_int_equal(stiel_device_thread_add(b->thr, &dc, &b->id, &d), STIEL_OK);
    if (enable)
        assert_int_equal(stiel_device_thread_enable(b->thr, b->id, 1, &d), STIEL_OK);
    else
        assert_int_equal(stiel_device_thread_claim(b->thr, b->id, &d), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(b->thr, &d), STIEL_OK);
    long at = recorder_wait(&b->rec, 0, STIEL_DEVICE_EVENT_STATE, b->id,
                            enable ? STIEL_DEVICE_ENABLED : STIEL_DEVICE_CLAIMED, BENCH_WAIT_MS);
    assert_true(at >= 0);
}

void sbench_stop(sbench *b)
{
    stiel_device_thread_free(b->thr);
    close(b->master);
    recorder_free(&b->rec);
}

void sbench_write(sbench *b, const void *bytes, size_t n)
{
    assert_int_equal(write(b->master, bytes, n), (ssize_t)n);
}

size_t sbench_read(sbench *b, uint8_t *out, size_t n, int timeout_ms)
{
    size_t got = 0;
    uint64_t end = stiel_device_now_ms() + (uint64_t)timeout_ms;
    while (got < n) {
        uint64_t now = stiel_device_now_ms();
        if (now >= end)
            break;
        struct pollfd p = {.fd = b->master, .events = POLLIN};
        if (poll(&p, 1, (int)(end - now)) <= 0)
            continue;
        ssize_t r = read(b->master, out + got, n - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

void sbench_expect(sbench *b, const void *want, size_t n)
{
    uint8_t got[512];
    assert_true(n <= sizeof got);
    size_t k = sbench_read(b, got, n, BENCH_WAIT_MS);
    assert_int_equal(k, n);
    assert_memory_equal(got, want, n);
}

bool sbench_quiet(sbench *b, int ms)
{
    uint8_t x;
    return sbench_read(b, &x, 1, ms) == 0;
}

long sbench_wait_data(sbench *b, size_t from)
{
    long at = recorder_wait(&b->rec, from, STIEL_DEVICE_EVENT_DATA, b->id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    return at;
}

void sbench_view(sbench *b, long at, stiel_scan_view *v)
{
    stiel_device_event *ev = recorder_at(&b->rec, (size_t)at);
    assert_non_null(ev);
    assert_int_equal(ev->code, STIEL_SCANNER_DATA_SCAN);
    assert_int_equal(stiel_scan_record_view(ev->data, ev->len, v), STIEL_OK);
}

size_t sbench_count(sbench *b, stiel_device_event_kind kind, size_t from, const char *needle)
{
    size_t n = 0;
    for (size_t i = from; i < recorder_count(&b->rec); i++) {
        const stiel_device_event *ev = recorder_at(&b->rec, i);
        if (ev->kind == kind && ev->device_id == b->id && (!needle || strstr(ev->diag.text, needle)))
            n++;
    }
    return n;
}
