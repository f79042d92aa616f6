/* Device thread benchmark (prints figures, not a test): latency from writing a scan-sized message to
 * a pty master until the device thread's event callback has it (median, p99 over 10 000 scans), and
 * the device thread's CPU while idle with 2 scanners and 1 printer attached (default 60 s).
 * Usage: bench_device_latency [--messages N] [--seconds S]   (S = 0 skips the idle part) */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "drivers/device_thread.h"

enum { SCANNER_COUNT = 2, STATUS_INTERVAL_MS = 5000 };

/* A scan as a GS1 scanner sends it: AIM prefix, element string with a GS, CR suffix (39 bytes). */
static const char scan_msg[] = "]C1010950600013435217261231" "\x1d" "10ABC12345\r";

typedef struct bench_state {
    sem_t delivered;
    uint64_t delivered_ns; /* when the callback saw the last scan */
    unsigned states_enabled;
    pthread_mutex_t lock;
} bench_state;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The app side: record the time of each scan; count devices that became enabled. Never blocks. */
static void on_event(void *user, stiel_device_event *ev)
{
    bench_state *b = user;
    if (ev->kind == STIEL_DEVICE_EVENT_DATA) {
        b->delivered_ns = now_ns();
        sem_post(&b->delivered);
    } else if (ev->kind == STIEL_DEVICE_EVENT_STATE && ev->state == STIEL_DEVICE_ENABLED) {
        pthread_mutex_lock(&b->lock);
        b->states_enabled++;
        pthread_mutex_unlock(&b->lock);
        sem_post(&b->delivered);
    } else if (ev->kind != STIEL_DEVICE_EVENT_STATE) {
        fprintf(stderr, "device %d: %s\n", ev->device_id, ev->diag.text);
    }
    stiel_device_event_free(ev);
}

/* ---- a minimal scanner driver (CR-terminated lines) and a printer that polls status ---- */

static void scanner_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now_ms)
{
    (void)now_ms;
    stiel_buf *line = stiel_device_driver_data(dev);
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\r') {
            stiel_device_emit_data(dev, 0, line->data, line->len);
            stiel_buf_reset(line);
        } else if (stiel_buf_append(line, &bytes[i], 1) != STIEL_OK) {
            stiel_buf_reset(line);
        }
    }
}

static void buf_destroy(void *data)
{
    stiel_buf_free(data);
    free(data);
}

static const stiel_device_ops scanner_ops = {
    .name = "bench-scanner",
    .on_readable = scanner_readable,
    .destroy = buf_destroy,
};

static stiel_status printer_open(stiel_device *dev, uint64_t now_ms)
{
    stiel_device_set_deadline(dev, now_ms + STATUS_INTERVAL_MS);
    return STIEL_OK;
}

static void printer_tick(stiel_device *dev, uint64_t now_ms)
{
    stiel_device_write(dev, "~HS", 3); /* the slow idle status poll */
    stiel_device_set_deadline(dev, now_ms + STATUS_INTERVAL_MS);
}

static const stiel_device_ops printer_ops = {
    .name = "bench-printer",
    .on_open = printer_open,
    .on_tick = printer_tick,
    .on_readable = scanner_readable,
    .destroy = buf_destroy,
};

static int make_pty(int *master, char *spec, size_t cap)
{
    int slave;
    char name[128];
    struct termios tio;
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    if (openpty(master, &slave, name, &tio, NULL) != 0)
        return -1;
    close(slave);
    snprintf(spec, cap, "pty:%s", name);
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int sem_wait_ms(sem_t *s, unsigned ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (sem_timedwait(s, &until) != 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

int main(int argc, char **argv)
{
    long messages = 10000, seconds = 60;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--messages") == 0 && i + 1 < argc)
            messages = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = strtol(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: %s [--messages N] [--seconds S]\n", argv[0]);
            return 64;
        }
    }
    if (messages < 1 || seconds < 0) {
        fprintf(stderr, "messages must be >= 1 and seconds >= 0\n");
        return 64;
    }

    bench_state b;
    memset(&b, 0, sizeof b);
    sem_init(&b.delivered, 0, 0);
    pthread_mutex_init(&b.lock, NULL);
    stiel_device_thread_config cfg = {.on_event = on_event, .user = &b};
    stiel_device_thread *thr = NULL;
    stiel_diag d;
    if (stiel_device_thread_new(&cfg, &thr, &d) != STIEL_OK || stiel_device_thread_start(thr, &d) != STIEL_OK) {
        fprintf(stderr, "device thread: %s\n", d.text);
        return 1;
    }

    int masters[SCANNER_COUNT + 1];
    int ids[SCANNER_COUNT + 1];
    for (int i = 0; i <= SCANNER_COUNT; i++) {
        char spec[160];
        if (make_pty(&masters[i], spec, sizeof spec) != 0) {
            perror("openpty");
            return 1;
        }
        stiel_buf *line = malloc(sizeof *line);
        stiel_buf_init(line, 4096);
        int is_printer = i == SCANNER_COUNT;
        stiel_device_config dc = {.port = spec, .label = is_printer ? "printer" : "scanner",
                                  .line = STIEL_LINE_SETTINGS_DEFAULT,
                                  .ops = is_printer ? &printer_ops : &scanner_ops, .driver_data = line};
        if (stiel_device_thread_add(thr, &dc, &ids[i], &d) != STIEL_OK ||
            stiel_device_thread_enable(thr, ids[i], 1, &d) != STIEL_OK) {
            fprintf(stderr, "add device: %s\n", d.text);
            return 1;
        }
    }
    for (int i = 0; i <= SCANNER_COUNT; i++) {
        if (sem_wait_ms(&b.delivered, 3000) != 0) {
            fprintf(stderr, "devices did not become enabled\n");
            return 1;
        }
    }

    /* ---- latency ---- */
    const size_t len = sizeof scan_msg - 1;
    uint64_t *lat = calloc((size_t)messages, sizeof *lat);
    for (long i = 0; i < messages; i++) {
        uint64_t t0 = now_ns(); /* taken before the write: includes the write call itself */
        if (write(masters[0], scan_msg, len) != (ssize_t)len) {
            perror("write");
            return 1;
        }
        if (sem_wait_ms(&b.delivered, 2000) != 0) {
            fprintf(stderr, "scan %ld was not delivered\n", i);
            return 1;
        }
        lat[i] = b.delivered_ns - t0;
    }
    qsort(lat, (size_t)messages, sizeof *lat, cmp_u64);
    double median = lat[messages / 2] / 1e6;
    double p99 = lat[(size_t)((messages - 1) * 0.99)] / 1e6;
    double maxv = lat[messages - 1] / 1e6;
    double sum = 0;
    for (long i = 0; i < messages; i++)
        sum += (double)lat[i];
    free(lat);
    int missed = 0;
    printf("scan latency, pty master write -> event callback, %ld scans of %zu bytes:\n", messages, len);
    printf("  median %.3f ms  p99 %.3f ms  mean %.3f ms  max %.3f ms\n", median, p99, sum / (double)messages / 1e6,
           maxv);
    printf("  target median <= 1 ms: %s   p99 <= 5 ms: %s\n", median <= 1.0 ? "met" : "MISSED",
           p99 <= 5.0 ? "met" : "MISSED");
    missed |= median > 1.0 || p99 > 5.0;

    /* ---- idle CPU ---- */
    if (seconds > 0) {
        stiel_device_thread_stats a, z;
        struct rusage ra, rz;
        sleep(1); /* let the latency run settle */
        stiel_device_thread_stats_get(thr, &a);
        getrusage(RUSAGE_SELF, &ra);
        uint64_t w0 = now_ns();
        sleep((unsigned)seconds);
        uint64_t wall = now_ns() - w0;
        stiel_device_thread_stats_get(thr, &z);
        getrusage(RUSAGE_SELF, &rz);
        double thread_pct = 100.0 * (double)(z.cpu_ns - a.cpu_ns) / (double)wall;
        double proc_us = (double)(rz.ru_utime.tv_sec - ra.ru_utime.tv_sec) * 1e6 +
                         (double)(rz.ru_utime.tv_usec - ra.ru_utime.tv_usec) +
                         (double)(rz.ru_stime.tv_sec - ra.ru_stime.tv_sec) * 1e6 +
                         (double)(rz.ru_stime.tv_usec - ra.ru_stime.tv_usec);
        printf("idle, %d scanners + 1 printer (status poll every %d s) attached, %.1f s:\n", SCANNER_COUNT,
               STATUS_INTERVAL_MS / 1000, (double)wall / 1e9);
        printf("  device thread CPU %.3f ms = %.4f %% of a core; wake-ups %llu; whole process CPU %.3f ms\n",
               (double)(z.cpu_ns - a.cpu_ns) / 1e6, thread_pct, (unsigned long long)(z.poll_returns - a.poll_returns),
               proc_us / 1000.0);
        printf("  target <= 0.2 %% of a core: %s\n", thread_pct <= 0.2 ? "met" : "MISSED");
        missed |= thread_pct > 0.2;
    }

    stiel_device_thread_free(thr);
    for (int i = 0; i <= SCANNER_COUNT; i++)
        close(masters[i]);
    sem_destroy(&b.delivered);
    pthread_mutex_destroy(&b.lock);
    return missed ? 2 : 0;
}
