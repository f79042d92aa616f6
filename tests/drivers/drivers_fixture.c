/* The shared drivers/ test fixture: event recorder, line-framing test driver, pty and fd helpers. */
#include "tests/drivers/drivers_fixture.h"

#include <dirent.h>
#include <errno.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

void recorder_init(recorder *r)
{
    memset(r, 0, sizeof *r);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
}

void recorder_clear(recorder *r)
{
    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->count; i++)
        stiel_device_event_free(r->events[i]);
    r->count = 0;
    pthread_mutex_unlock(&r->lock);
}

void recorder_free(recorder *r)
{
    recorder_clear(r);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->cond);
}

void recorder_on_event(void *user, stiel_device_event *ev)
{
    recorder *r = user;
    pthread_mutex_lock(&r->lock);
    if (r->count < REC_MAX) {
        r->events[r->count++] = ev;
        ev = NULL;
    } else {
        r->dropped++;
    }
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    stiel_device_event_free(ev);
}

static long find_locked(recorder *r, size_t from, stiel_device_event_kind kind, int id, int state)
{
    for (size_t i = from; i < r->count; i++) {
        const stiel_device_event *ev = r->events[i];
        if (ev->kind == kind && ev->device_id == id && (state < 0 || (int)ev->state == state))
            return (long)i;
    }
    return -1;
}

long recorder_wait(recorder *r, size_t from, stiel_device_event_kind kind, int id, int state, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&r->lock);
    long at = find_locked(r, from, kind, id, state);
    while (at < 0) {
        if (pthread_cond_timedwait(&r->cond, &r->lock, &until) == ETIMEDOUT) {
            at = find_locked(r, from, kind, id, state);
            break;
        }
        at = find_locked(r, from, kind, id, state);
    }
    pthread_mutex_unlock(&r->lock);
    return at;
}

size_t recorder_count(recorder *r)
{
    pthread_mutex_lock(&r->lock);
    size_t n = r->count;
    pthread_mutex_unlock(&r->lock);
    return n;
}

stiel_device_event *recorder_at(recorder *r, size_t i)
{
    pthread_mutex_lock(&r->lock);
    stiel_device_event *ev = i < r->count ? r->events[i] : NULL;
    pthread_mutex_unlock(&r->lock);
    return ev;
}

/* ---- line driver ---- */

static stiel_status ld_open(stiel_device *dev, uint64_t now)
{
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    d->opens++;
    stiel_buf_reset(&d->line);
    pthread_mutex_unlock(&d->lock);
    if (d->tick_ms)
        stiel_device_set_deadline(dev, now + d->tick_ms);
    return STIEL_OK;
}

static void ld_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now)
{
    (void)now;
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    d->readable_calls++;
    stiel_buf_append(&d->raw, bytes, n);
    pthread_mutex_unlock(&d->lock);
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\r' || bytes[i] == '\n') {
            if (d->line.len)
                stiel_device_emit_data(dev, (int)d->line.len, d->line.data, d->line.len);
            stiel_buf_reset(&d->line);
        } else if (stiel_buf_append(&d->line, &bytes[i], 1) != STIEL_OK) {
            stiel_device_report_fault(dev, STIEL_ERR_OVERLONG, "line too long");
            stiel_buf_reset(&d->line);
        }
    }
}

static void ld_tick(stiel_device *dev, uint64_t now)
{
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    d->ticks++;
    d->last_tick_ms = now;
    pthread_mutex_unlock(&d->lock);
    if (d->tick_ms)
        stiel_device_set_deadline(dev, now + d->tick_ms);
}

static void ld_hangup(stiel_device *dev, uint64_t now)
{
    (void)now;
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    d->hangups++;
    stiel_buf_reset(&d->line);
    pthread_mutex_unlock(&d->lock);
}

static void ld_enable(stiel_device *dev, int enabled, uint64_t now)
{
    (void)now;
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    if (enabled)
        d->enables++;
    else
        d->disables++;
    pthread_mutex_unlock(&d->lock);
}

/* Command code 1 echoes the payload to the port wrapped in '<' '>'; others are unsupported. */
static stiel_status ld_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now)
{
    (void)now;
    line_driver *d = stiel_device_driver_data(dev);
    pthread_mutex_lock(&d->lock);
    d->commands++;
    pthread_mutex_unlock(&d->lock);
    if (code != 1)
        return STIEL_ERR_UNSUPPORTED;
    stiel_status st = stiel_device_write(dev, "<", 1);
    if (st == STIEL_OK)
        st = stiel_device_write(dev, bytes, n);
    if (st == STIEL_OK)
        st = stiel_device_write(dev, ">", 1);
    return st;
}

static void ld_destroy(void *data)
{
    line_driver *d = data;
    stiel_buf_free(&d->line);
    stiel_buf_free(&d->raw);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

const stiel_device_ops line_driver_ops = {
    .name = "test-line",
    .on_open = ld_open,
    .on_readable = ld_readable,
    .on_tick = ld_tick,
    .on_hangup = ld_hangup,
    .on_enable = ld_enable,
    .on_command = ld_command,
    .destroy = ld_destroy,
};

line_driver *line_driver_new(unsigned tick_ms)
{
    line_driver *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    pthread_mutex_init(&d->lock, NULL);
    stiel_buf_init(&d->line, 512);
    stiel_buf_init(&d->raw, 0);
    d->tick_ms = tick_ms;
    return d;
}

unsigned line_driver_get(line_driver *d, const unsigned *field)
{
    pthread_mutex_lock(&d->lock);
    unsigned v = *field;
    pthread_mutex_unlock(&d->lock);
    return v;
}

size_t line_driver_raw(line_driver *d, uint8_t *out, size_t cap)
{
    pthread_mutex_lock(&d->lock);
    size_t n = d->raw.len < cap ? d->raw.len : cap;
    if (n)
        memcpy(out, d->raw.data, n);
    pthread_mutex_unlock(&d->lock);
    return n;
}

/* ---- pty and fd helpers ---- */

int pty_make(int *master, char *slave_path, size_t cap)
{
    int m = -1, s = -1;
    struct termios tio;
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    char name[128];
    if (openpty(&m, &s, name, &tio, NULL) != 0)
        return -1;
    if (strlen(name) >= cap) {
        close(m);
        close(s);
        return -1;
    }
    strcpy(slave_path, name);
    close(s);
    *master = m;
    return 0;
}

int fd_count(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n - 3; /* ".", ".." and the DIR's own fd */
}

void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}
