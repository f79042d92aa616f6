/* Tests of the device thread over ptys and a loopback TCP listener: lifecycle states and their
 * events, bytes arriving whole at every chunking, commands through the queue and wake fd, timers,
 * data withheld while disabled, open failures (retry vs error), and an idle thread that never wakes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/device_thread.h"
#include "tests/drivers/drivers_fixture.h"

enum { WAIT_MS = 3000 };

typedef struct fixture {
    recorder rec;
    stiel_device_thread *thr;
    int master;
    char slave[64];
    char spec[80];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    recorder_init(&f->rec);
    stiel_device_thread_config cfg = {.on_event = recorder_on_event, .user = &f->rec,
                                      .backoff_initial_ms = 20, .backoff_max_ms = 100};
    assert_int_equal(stiel_device_thread_new(&cfg, &f->thr, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(f->thr, NULL), STIEL_OK);
    assert_int_equal(pty_make(&f->master, f->slave, sizeof f->slave), 0);
    snprintf(f->spec, sizeof f->spec, "pty:%s", f->slave);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    stiel_device_thread_free(f->thr);
    if (f->master >= 0)
        close(f->master);
    recorder_free(&f->rec);
    free(f);
    return 0;
}

/* Adds a line-driver device on spec and enables it; waits until ENABLED. */
static int add_enabled(fixture *f, const char *spec, const char *label, line_driver **out)
{
    line_driver *d = line_driver_new(0);
    stiel_device_config dc = {.port = spec, .label = label, .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &line_driver_ops, .driver_data = d};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &dc, &id, NULL), STIEL_OK);
    assert_true(id > 0);
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS) >= 0);
    if (out)
        *out = d;
    return id;
}

/* Reads exactly n bytes from fd within WAIT_MS. */
static void read_exact(int fd, uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        assert_int_equal(poll(&p, 1, WAIT_MS), 1);
        ssize_t r = read(fd, buf + got, n - got);
        assert_true(r > 0);
        got += (size_t)r;
    }
}

static void lifecycle_and_events(void **state)
{
    fixture *f = *state;
    line_driver *d = line_driver_new(0);
    stiel_device_config dc = {.port = f->spec, .label = "scanner", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &line_driver_ops, .driver_data = d};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &dc, &id, NULL), STIEL_OK);

    long at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_OPENED, WAIT_MS);
    assert_true(at >= 0);
    assert_int_equal(recorder_at(&f->rec, (size_t)at)->old_state, STIEL_DEVICE_CLOSED);

    assert_int_equal(stiel_device_thread_claim(f->thr, id, NULL), STIEL_OK);
    at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_CLAIMED, WAIT_MS);
    assert_true(at >= 0);
    stiel_device_event *ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->old_state, STIEL_DEVICE_OPENED);
    char want[160];
    snprintf(want, sizeof want, "scanner on %s is connected", f->spec);
    assert_string_equal(ev->diag.text, want);
    assert_int_equal(line_driver_get(d, &d->opens), 1);

    /* claimed, not enabled: the bytes reach the driver but no DATA event goes out */
    assert_int_equal(write(f->master, "early\r", 6), 6);
    uint8_t raw[64];
    for (int i = 0; i < 100 && line_driver_raw(d, raw, sizeof raw) < 6; i++)
        sleep_ms(5);
    assert_int_equal(line_driver_raw(d, raw, sizeof raw), 6);
    assert_int_equal(recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_DATA, id, -1, 50), -1);

    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS);
    assert_true(at >= 0);
    snprintf(want, sizeof want, "scanner on %s is enabled", f->spec);
    assert_string_equal(recorder_at(&f->rec, (size_t)at)->diag.text, want);
    assert_int_equal(line_driver_get(d, &d->enables), 1);

    assert_int_equal(write(f->master, "4006381333931\r", 14), 14);
    at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_DATA, id, -1, WAIT_MS);
    assert_true(at >= 0);
    ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->len, 13);
    assert_memory_equal(ev->data, "4006381333931", 13);
    assert_int_equal(ev->data[13], '\0');
    assert_int_equal(ev->state, STIEL_DEVICE_ENABLED);
    assert_true(ev->time_ms > 0);

    /* disable: back to claimed, data withheld again */
    size_t mark = recorder_count(&f->rec);
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 0, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_CLAIMED, WAIT_MS) >= 0);
    assert_int_equal(line_driver_get(d, &d->disables), 1);
    assert_int_equal(write(f->master, "ignored\r", 8), 8);
    assert_int_equal(recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_DATA, id, -1, 100), -1);

    /* release closes the port; remove forgets the device (destroy frees the driver) */
    stiel_device_thread_stats st;
    stiel_device_thread_stats_get(f->thr, &st);
    assert_int_equal(st.open_ports, 1);
    assert_int_equal(st.devices, 1);
    assert_int_equal(stiel_device_thread_release(f->thr, id, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_OPENED, WAIT_MS) >= 0);
    stiel_device_thread_stats_get(f->thr, &st);
    assert_int_equal(st.open_ports, 0);
    assert_int_equal(line_driver_get(d, &d->hangups), 1); /* on_hangup is how a driver learns the port is gone */
    assert_int_equal(stiel_device_thread_remove(f->thr, id, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_CLOSED, WAIT_MS) >= 0);
    stiel_device_thread_stats_get(f->thr, &st);
    assert_int_equal(st.devices, 0);

    /* commands for a removed id are ignored, not fatal */
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_send(f->thr, id, "x", 1, NULL), STIEL_OK);
}

static void whole_at_every_chunking(void **state)
{
    fixture *f = *state;
    line_driver *d = NULL;
    int id = add_enabled(f, f->spec, "scanner", &d);
    /* a GS1 scan with an AIM prefix and a GS separator, CR suffix */
    static const char scan[] = "]C1010871234567890421" "\x1d" "10ABC123\r";
    const size_t len = sizeof scan - 1;
    size_t from = recorder_count(&f->rec);
    size_t expect_raw = 0;
    for (size_t chunk = 1; chunk <= len; chunk++) {
        for (size_t off = 0; off < len; off += chunk) {
            size_t n = len - off < chunk ? len - off : chunk;
            assert_int_equal(write(f->master, scan + off, n), (ssize_t)n);
            if (chunk < 8)
                sleep_ms(1); /* let the thread see the pieces separately */
        }
        expect_raw += len;
        long at = recorder_wait(&f->rec, from, STIEL_DEVICE_EVENT_DATA, id, -1, WAIT_MS);
        assert_true(at >= 0);
        stiel_device_event *ev = recorder_at(&f->rec, (size_t)at);
        if (ev->len != len - 1 || memcmp(ev->data, scan, len - 1) != 0)
            fail_msg("chunk %zu: got %zu bytes \"%.*s\"", chunk, ev->len, (int)ev->len, (const char *)ev->data);
        from = (size_t)at + 1;
    }
    /* many scans in one write: each arrives whole and in order */
    char burst[2048];
    size_t bl = 0;
    for (int i = 0; i < 50; i++)
        bl += (size_t)snprintf(burst + bl, sizeof burst - bl, "SCAN%03d\r", i);
    assert_int_equal(write(f->master, burst, bl), (ssize_t)bl);
    for (int i = 0; i < 50; i++) {
        long at = recorder_wait(&f->rec, from, STIEL_DEVICE_EVENT_DATA, id, -1, WAIT_MS);
        assert_true(at >= 0);
        char want[16];
        snprintf(want, sizeof want, "SCAN%03d", i);
        stiel_device_event *ev = recorder_at(&f->rec, (size_t)at);
        assert_int_equal(ev->len, 7);
        assert_memory_equal(ev->data, want, 7);
        from = (size_t)at + 1;
    }
    expect_raw += bl;
    uint8_t *raw = malloc(expect_raw + 1);
    assert_int_equal(line_driver_raw(d, raw, expect_raw + 1), expect_raw);
    free(raw);
    assert_true(line_driver_get(d, &d->readable_calls) > len); /* the 1-byte chunks really came in pieces */
}

static void commands_through_the_wake_fd(void **state)
{
    fixture *f = *state;
    line_driver *d = NULL;
    int id = add_enabled(f, f->spec, "printer", &d);
    sleep_ms(50); /* the thread is now asleep in poll() with no timeout */
    stiel_device_thread_stats before;
    stiel_device_thread_stats_get(f->thr, &before);

    assert_int_equal(stiel_device_thread_send(f->thr, id, "~HS\r\n", 5, NULL), STIEL_OK);
    uint8_t buf[32];
    read_exact(f->master, buf, 5);
    assert_memory_equal(buf, "~HS\r\n", 5);

    assert_int_equal(stiel_device_thread_command(f->thr, id, 1, "PING", 4, NULL), STIEL_OK);
    read_exact(f->master, buf, 6);
    assert_memory_equal(buf, "<PING>", 6);
    assert_int_equal(line_driver_get(d, &d->commands), 1);

    size_t mark = recorder_count(&f->rec);
    assert_int_equal(stiel_device_thread_command(f->thr, id, 99, NULL, 0, NULL), STIEL_OK);
    long at = recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_FAULT, id, -1, WAIT_MS);
    assert_true(at >= 0);
    assert_int_equal(recorder_at(&f->rec, (size_t)at)->diag.code, STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(recorder_at(&f->rec, (size_t)at)->diag.text, "command 99 failed"));

    stiel_device_thread_stats after;
    stiel_device_thread_stats_get(f->thr, &after);
    assert_int_equal(after.commands - before.commands, 3);
    /* one wake-up per command (plus at most one POLLOUT/extra read each), no polling loop */
    assert_true(after.poll_returns - before.poll_returns <= 6);

    /* a large send goes out whole through the out-queue (pty buffer is smaller than 48 KiB) */
    enum { BIG = 48 * 1024 };
    uint8_t *big = malloc(BIG), *back = malloc(BIG);
    for (size_t i = 0; i < BIG; i++)
        big[i] = (uint8_t)(i * 7 + 3);
    assert_int_equal(stiel_device_thread_send(f->thr, id, big, BIG, NULL), STIEL_OK);
    read_exact(f->master, back, BIG);
    assert_memory_equal(back, big, BIG);
    free(big);
    free(back);

    /* sending to a port that is not open is a fault event, not a crash */
    assert_int_equal(stiel_device_thread_release(f->thr, id, NULL), STIEL_OK);
    mark = recorder_count(&f->rec);
    assert_int_equal(stiel_device_thread_send(f->thr, id, "lost", 4, NULL), STIEL_OK);
    at = recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_FAULT, id, -1, WAIT_MS);
    assert_true(at >= 0);
    assert_non_null(strstr(recorder_at(&f->rec, (size_t)at)->diag.text, "is not connected: 4 bytes not sent"));

    assert_int_equal(stiel_device_thread_send(f->thr, 0, "x", 1, NULL), STIEL_ERR_ARG);
    assert_int_equal(stiel_device_thread_send(f->thr, id, NULL, 3, NULL), STIEL_ERR_ARG);
}

static void timers_drive_ticks_and_nothing_else(void **state)
{
    fixture *f = *state;
    line_driver *d = line_driver_new(50);
    stiel_device_config dc = {.port = f->spec, .label = "printer", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &line_driver_ops, .driver_data = d};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS) >= 0);
    stiel_device_thread_stats a, b;
    stiel_device_thread_stats_get(f->thr, &a);
    uint64_t t0 = stiel_device_now_ms();
    sleep_ms(500);
    stiel_device_thread_stats_get(f->thr, &b);
    uint64_t elapsed = stiel_device_now_ms() - t0;
    uint64_t ticks = b.ticks - a.ticks;
    uint64_t wakes = b.poll_returns - a.poll_returns;
    /* a 50 ms timer over ~500 ms: about 10 ticks, and the thread woke only for them */
    assert_true(ticks >= 7 && ticks <= elapsed / 50 + 1);
    assert_true(wakes <= ticks + 1);
    (void)d;
}

static void idle_thread_does_not_wake(void **state)
{
    fixture *f = *state;
    int masters[2];
    char spec[2][80];
    for (int i = 0; i < 2; i++) {
        char slave[64];
        assert_int_equal(pty_make(&masters[i], slave, sizeof slave), 0);
        snprintf(spec[i], sizeof spec[i], "pty:%s", slave);
    }
    add_enabled(f, f->spec, "scanner", NULL);
    add_enabled(f, spec[0], "scanner", NULL);
    add_enabled(f, spec[1], "printer", NULL);
    sleep_ms(20);
    stiel_device_thread_stats a, b;
    stiel_device_thread_stats_get(f->thr, &a);
    sleep_ms(300);
    stiel_device_thread_stats_get(f->thr, &b);
    assert_int_equal(b.open_ports, 3);
    assert_int_equal(b.poll_returns, a.poll_returns);
    assert_true(b.cpu_ns - a.cpu_ns < 1000000); /* < 1 ms of CPU in 300 ms */
    stiel_device_thread_free(f->thr); /* removes the devices first: ports closed before the masters */
    f->thr = NULL;
    close(masters[0]);
    close(masters[1]);
}

static void open_failures_retry_or_wait(void **state)
{
    fixture *f = *state;
    /* missing port: transient → disconnected, retried with backoff */
    line_driver *d = line_driver_new(0);
    stiel_device_config dc = {.port = "pty:/nonexistent/stiel-scanner", .label = "scanner",
                              .line = STIEL_LINE_SETTINGS_DEFAULT, .ops = &line_driver_ops, .driver_data = d};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    long at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED, WAIT_MS);
    assert_true(at >= 0);
    stiel_device_event *ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->diag.code, STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(ev->diag.text, "scanner on pty:/nonexistent/stiel-scanner is not connected"));
    stiel_device_thread_stats a, b;
    stiel_device_thread_stats_get(f->thr, &a);
    sleep_ms(400);
    stiel_device_thread_stats_get(f->thr, &b);
    /* backoff 20 → 40 → 80 → 100 ms: a handful of attempts, not a spin */
    assert_true(b.poll_returns - a.poll_returns >= 3);
    assert_true(b.poll_returns - a.poll_returns <= 12);
    /* no repeated state events while it keeps failing */
    assert_int_equal(recorder_wait(&f->rec, (size_t)at + 1, STIEL_DEVICE_EVENT_STATE, id, -1, 10), -1);

    /* a port spec that can never work: error, no retries until asked */
    stiel_device_config bad = {.port = "tcp:printer-without-port", .label = "printer",
                               .line = STIEL_LINE_SETTINGS_DEFAULT, .ops = &line_driver_ops,
                               .driver_data = line_driver_new(0)};
    int bid = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &bad, &bid, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_claim(f->thr, bid, NULL), STIEL_OK);
    at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, bid, STIEL_DEVICE_ERROR, WAIT_MS);
    assert_true(at >= 0);
    ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->diag.code, STIEL_ERR_ARG);
    assert_non_null(strstr(ev->diag.text, "printer on tcp:printer-without-port cannot be used"));
    assert_non_null(strstr(ev->diag.text, "tcp:HOST:PORT"));
    /* asking again tries once more and reports the fault again */
    size_t mark = recorder_count(&f->rec);
    assert_int_equal(stiel_device_thread_enable(f->thr, bid, 1, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_FAULT, bid, STIEL_DEVICE_ERROR, WAIT_MS) >= 0);

    /* add validates synchronously */
    stiel_diag dg;
    stiel_device_config nope = {.port = "", .ops = &line_driver_ops, .line = STIEL_LINE_SETTINGS_DEFAULT};
    int nid = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &nope, &nid, &dg), STIEL_ERR_ARG);
    assert_non_null(strstr(dg.text, "no port"));
    nope.port = "pty:/dev/null";
    nope.line.baud = 7;
    assert_int_equal(stiel_device_thread_add(f->thr, &nope, &nid, &dg), STIEL_ERR_ARG);
    assert_non_null(strstr(dg.text, "baud rate 7"));
    nope.line = STIEL_LINE_SETTINGS_DEFAULT;
    nope.ops = NULL;
    assert_int_equal(stiel_device_thread_add(f->thr, &nope, &nid, &dg), STIEL_ERR_ARG);
    assert_int_equal(nid, 0);
}

static int tcp_listener(int *port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 4) != 0)
        return -1;
    socklen_t len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    return s;
}

static void tcp_printer_connects_and_reconnects(void **state)
{
    fixture *f = *state;
    int port = 0;
    int ls = tcp_listener(&port);
    assert_true(ls >= 0);
    char spec[64];
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", port);
    int id = add_enabled(f, spec, "printer", NULL);
    int peer = accept(ls, NULL, NULL);
    assert_true(peer >= 0);
    assert_int_equal(send(peer, "PRINTER-OK\n", 11, 0), 11);
    long at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_DATA, id, -1, WAIT_MS);
    assert_true(at >= 0);
    assert_memory_equal(recorder_at(&f->rec, (size_t)at)->data, "PRINTER-OK", 10);
    assert_int_equal(stiel_device_thread_send(f->thr, id, "^XA^XZ", 6, NULL), STIEL_OK);
    char buf[8] = {0};
    assert_int_equal(recv(peer, buf, 6, MSG_WAITALL), 6);
    assert_memory_equal(buf, "^XA^XZ", 6);

    size_t mark = recorder_count(&f->rec);
    close(peer); /* the printer drops the connection */
    at = recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED, WAIT_MS);
    assert_true(at >= 0);
    char want[120];
    snprintf(want, sizeof want, "printer on %s disconnected: check the cable", spec);
    assert_string_equal(recorder_at(&f->rec, (size_t)at)->diag.text, want);
    peer = accept(ls, NULL, NULL); /* it comes back by itself */
    assert_true(peer >= 0);
    at = recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_ENABLED, WAIT_MS);
    assert_true(at >= 0);
    assert_non_null(strstr(recorder_at(&f->rec, (size_t)at)->diag.text, "is connected again"));
    stiel_device_thread_free(f->thr);
    f->thr = NULL;
    close(peer);
    close(ls);
}

static unsigned refusing_opens;

static stiel_status refusing_open(stiel_device *dev, uint64_t now)
{
    (void)dev;
    (void)now;
    __atomic_add_fetch(&refusing_opens, 1, __ATOMIC_RELAXED);
    return STIEL_ERR_TIMEOUT; /* e.g. an SSI scanner that never ACKs its setup */
}

static const stiel_device_ops refusing_ops = {.name = "refusing", .on_open = refusing_open};

static void setup_failure_and_output_overflow(void **state)
{
    fixture *f = *state;
    /* a driver whose setup fails: the port is closed again and retried, the app is told why */
    char slave[64], spec[80];
    int master;
    assert_int_equal(pty_make(&master, slave, sizeof slave), 0);
    snprintf(spec, sizeof spec, "pty:%s", slave);
    stiel_device_config dc = {.port = spec, .label = "scanner", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &refusing_ops};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(f->thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_enable(f->thr, id, 1, NULL), STIEL_OK);
    long at = recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_DISCONNECTED, WAIT_MS);
    assert_true(at >= 0);
    stiel_device_event *ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->diag.code, STIEL_ERR_TIMEOUT);
    assert_non_null(strstr(ev->diag.text, "did not accept its setup"));
    sleep_ms(150);
    assert_true(__atomic_load_n(&refusing_opens, __ATOMIC_RELAXED) >= 3); /* 20, 40, 80 ms backoff */
    stiel_device_thread_stats st;
    stiel_device_thread_stats_get(f->thr, &st);
    assert_int_equal(st.open_ports, 0); /* each refused attempt closed its port */
    assert_int_equal(stiel_device_thread_remove(f->thr, id, NULL), STIEL_OK);
    assert_true(recorder_wait(&f->rec, 0, STIEL_DEVICE_EVENT_STATE, id, STIEL_DEVICE_CLOSED, WAIT_MS) >= 0);
    close(master);

    /* more output than the per-device out-queue holds: refused whole, reported, device still fine */
    int lid = add_enabled(f, f->spec, "printer", NULL);
    enum { TOO_BIG = 70 * 1024 };
    uint8_t *big = calloc(1, TOO_BIG);
    size_t mark = recorder_count(&f->rec);
    assert_int_equal(stiel_device_thread_send(f->thr, lid, big, TOO_BIG, NULL), STIEL_OK);
    free(big);
    at = recorder_wait(&f->rec, mark, STIEL_DEVICE_EVENT_FAULT, lid, -1, WAIT_MS);
    assert_true(at >= 0);
    ev = recorder_at(&f->rec, (size_t)at);
    assert_int_equal(ev->diag.code, STIEL_ERR_OVERLONG);
    assert_non_null(strstr(ev->diag.text, "71680 bytes not sent"));
    assert_int_equal(stiel_device_thread_send(f->thr, lid, "OK", 2, NULL), STIEL_OK);
    uint8_t buf[2];
    read_exact(f->master, buf, 2);
    assert_memory_equal(buf, "OK", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lifecycle_and_events, setup, teardown),
        cmocka_unit_test_setup_teardown(whole_at_every_chunking, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_through_the_wake_fd, setup, teardown),
        cmocka_unit_test_setup_teardown(timers_drive_ticks_and_nothing_else, setup, teardown),
        cmocka_unit_test_setup_teardown(idle_thread_does_not_wake, setup, teardown),
        cmocka_unit_test_setup_teardown(open_failures_retry_or_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(tcp_printer_connects_and_reconnects, setup, teardown),
        cmocka_unit_test_setup_teardown(setup_failure_and_output_overflow, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
