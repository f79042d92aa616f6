/* One device's state machine on the device thread: opening the port with backoff, the UnifiedPOS-like
 * states, reading into the driver, the bounded out-queue, hang-ups, and the events for the app. */
#include "drivers/device_impl.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"

#define LOG_PREFIX "device"

enum { READ_CHUNK = 4096, READS_PER_WAKE = 16 };

uint64_t stiel_device_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

const char *stiel_device_state_name(stiel_device_state state)
{
    switch (state) {
    case STIEL_DEVICE_CLOSED: return "closed";
    case STIEL_DEVICE_OPENED: return "opened";
    case STIEL_DEVICE_CLAIMED: return "claimed";
    case STIEL_DEVICE_ENABLED: return "enabled";
    case STIEL_DEVICE_DISCONNECTED: return "disconnected";
    case STIEL_DEVICE_ERROR: return "error";
    }
    return "?";
}

void stiel_device_event_free(stiel_device_event *ev)
{
    free(ev);
}

/* ---- events ---- */

static stiel_device_event *event_new(stiel_device *dev, stiel_device_event_kind kind, size_t len)
{
    stiel_device_event *ev = calloc(1, sizeof *ev + len + 1);
    if (!ev) {
        atomic_fetch_add_explicit(&dev->thr->events_dropped, 1, memory_order_relaxed);
        return NULL;
    }
    ev->kind = kind;
    ev->device_id = dev->id;
    ev->time_ms = stiel_device_now_ms();
    ev->state = dev->state;
    ev->old_state = dev->state;
    ev->len = len;
    return ev;
}

static void event_deliver(stiel_device *dev, stiel_device_event *ev)
{
    atomic_fetch_add_explicit(&dev->thr->events, 1, memory_order_relaxed);
    dev->thr->cfg.on_event(dev->thr->cfg.user, ev);
}

static void set_state(stiel_device *dev, stiel_device_state st, stiel_status code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Changes the state and tells the app why (nothing if the state does not change). */
static void set_state(stiel_device *dev, stiel_device_state st, stiel_status code, const char *fmt, ...)
{
    if (st == dev->state)
        return;
    stiel_device_state old = dev->state;
    dev->state = st;
    stiel_device_event *ev = event_new(dev, STIEL_DEVICE_EVENT_STATE, 0);
    char text[STIEL_DIAG_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (code == STIEL_OK)
        LOG_INFO("%s (%s -> %s)", text, stiel_device_state_name(old), stiel_device_state_name(st));
    else
        LOG_WARN("%s (%s -> %s)", text, stiel_device_state_name(old), stiel_device_state_name(st));
    if (!ev)
        return;
    ev->old_state = old;
    ev->diag.code = code;
    memcpy(ev->diag.text, text, sizeof text);
    event_deliver(dev, ev);
}

static void vfault(stiel_device *dev, stiel_device_event_kind kind, int code, stiel_status st, const char *fmt,
                   va_list ap)
{
    stiel_device_event *ev = event_new(dev, kind, 0);
    char text[STIEL_DIAG_TEXT_MAX];
    vsnprintf(text, sizeof text, fmt, ap);
    if (kind == STIEL_DEVICE_EVENT_FAULT)
        LOG_WARN("%s", text);
    if (!ev)
        return;
    ev->code = code;
    ev->diag.code = st;
    memcpy(ev->diag.text, text, sizeof text);
    event_deliver(dev, ev);
}

stiel_status stiel_device_report_fault(stiel_device *dev, stiel_status st, const char *fmt, ...)
{
    if (!dev || !fmt)
        return STIEL_ERR_ARG;
    va_list ap;
    va_start(ap, fmt);
    vfault(dev, STIEL_DEVICE_EVENT_FAULT, 0, st, fmt, ap);
    va_end(ap);
    return STIEL_OK;
}

stiel_status stiel_device_emit_status(stiel_device *dev, int code, const char *fmt, ...)
{
    if (!dev || !fmt)
        return STIEL_ERR_ARG;
    va_list ap;
    va_start(ap, fmt);
    vfault(dev, STIEL_DEVICE_EVENT_STATUS, code, STIEL_OK, fmt, ap);
    va_end(ap);
    return STIEL_OK;
}

stiel_status stiel_device_emit_data(stiel_device *dev, int code, const void *bytes, size_t n)
{
    if (!dev || (!bytes && n))
        return STIEL_ERR_ARG;
    if (dev->state != STIEL_DEVICE_ENABLED)
        return STIEL_ERR_STATE;
    stiel_device_event *ev = event_new(dev, STIEL_DEVICE_EVENT_DATA, n);
    if (!ev)
        return STIEL_ERR_NOMEM;
    ev->code = code;
    if (n)
        memcpy(ev->data, bytes, n);
    event_deliver(dev, ev);
    return STIEL_OK;
}

/* ---- accessors for drivers ---- */

void *stiel_device_driver_data(const stiel_device *dev) { return dev ? dev->driver_data : NULL; }
int stiel_device_id(const stiel_device *dev) { return dev ? dev->id : 0; }
const char *stiel_device_port(const stiel_device *dev) { return dev ? dev->port : ""; }
const char *stiel_device_label(const stiel_device *dev) { return dev ? dev->label : ""; }
const stiel_line_settings *stiel_device_line(const stiel_device *dev) { return dev ? &dev->line : NULL; }
stiel_device_state stiel_device_state_get(const stiel_device *dev) { return dev ? dev->state : STIEL_DEVICE_CLOSED; }
size_t stiel_device_pending_output(const stiel_device *dev) { return dev ? dev->outq.len : 0; }

void stiel_device_set_deadline(stiel_device *dev, uint64_t when_ms)
{
    if (dev)
        dev->deadline_ms = when_ms;
}

/* ---- output ---- */

/* Writes what the port takes from the out-queue. A failure marks the transport FAILED (the thread
 * hangs up right after the current callback) and keeps the reason in dev->fault. */
static void flush(stiel_device *dev)
{
    while (dev->outq.len > 0 && dev->connected) {
        size_t written = 0;
        stiel_status st = stiel_transport_write(dev->tr, dev->outq.data, dev->outq.len, &written, &dev->fault);
        if (st != STIEL_OK || written == 0)
            return;
        memmove(dev->outq.data, dev->outq.data + written, dev->outq.len - written);
        dev->outq.len -= written;
        dev->outq.data[dev->outq.len] = '\0';
    }
}

stiel_status stiel_device_write(stiel_device *dev, const void *bytes, size_t n)
{
    if (!dev || (!bytes && n))
        return STIEL_ERR_ARG;
    if (!dev->tr || stiel_transport_state_get(dev->tr) == STIEL_TRANSPORT_FAILED)
        return STIEL_ERR_CLOSED;
    stiel_status st = stiel_buf_append(&dev->outq, bytes, n);
    if (st != STIEL_OK)
        return st;
    flush(dev);
    return stiel_transport_state_get(dev->tr) == STIEL_TRANSPORT_FAILED ? STIEL_ERR_CLOSED : STIEL_OK;
}

/* ---- lifecycle ---- */

stiel_device *device_new(stiel_device_thread *thr, const stiel_device_config *cfg, int id)
{
    stiel_device *dev = calloc(1, sizeof *dev);
    if (!dev)
        return NULL;
    dev->id = id;
    dev->thr = thr;
    snprintf(dev->port, sizeof dev->port, "%s", cfg->port);
    snprintf(dev->label, sizeof dev->label, "%s", cfg->label ? cfg->label : "device");
    dev->line = cfg->line;
    dev->ops = cfg->ops;
    dev->driver_data = cfg->driver_data;
    dev->state = STIEL_DEVICE_CLOSED;
    dev->target = STIEL_DEVICE_OPENED;
    dev->backoff_ms = thr->cfg.backoff_initial_ms;
    stiel_buf_init(&dev->outq, thr->cfg.out_queue_cap);
    return dev;
}

void device_announce(stiel_device *dev)
{
    set_state(dev, STIEL_DEVICE_OPENED, STIEL_OK, "%s on %s is registered", dev->label, dev->port);
}

/* Closes the port (lost or released): the driver drops partial frames; queued output is dropped. */
static size_t drop_port(stiel_device *dev, uint64_t now)
{
    size_t unsent = dev->outq.len;
    stiel_transport_close(dev->tr);
    dev->tr = NULL;
    dev->connected = 0;
    dev->deadline_ms = 0;
    stiel_buf_reset(&dev->outq);
    atomic_fetch_sub_explicit(&dev->thr->open_ports, 1, memory_order_relaxed);
    if (dev->ops->on_hangup)
        dev->ops->on_hangup(dev, now);
    return unsent;
}

static int status_is_permanent(stiel_status st)
{
    return st == STIEL_ERR_ARG || st == STIEL_ERR_OVERLONG || st == STIEL_ERR_DENIED ||
           st == STIEL_ERR_UNSUPPORTED || st == STIEL_ERR_INTERNAL;
}

static void schedule_retry(stiel_device *dev, uint64_t now)
{
    dev->retry_at_ms = now + dev->backoff_ms;
    unsigned next = dev->backoff_ms * 2;
    dev->backoff_ms = next > dev->thr->cfg.backoff_max_ms ? dev->thr->cfg.backoff_max_ms : next;
}

/* An open attempt failed: retry later (disconnected) or wait for the app (error). */
static void open_failed(stiel_device *dev, uint64_t now, const stiel_diag *diag)
{
    if (status_is_permanent(diag->code)) {
        dev->retry_at_ms = 0;
        if (dev->state == STIEL_DEVICE_ERROR)
            stiel_device_report_fault(dev, diag->code, "%s on %s cannot be used: %s", dev->label, dev->port,
                                      diag->text);
        else
            set_state(dev, STIEL_DEVICE_ERROR, diag->code, "%s on %s cannot be used: %s", dev->label, dev->port,
                      diag->text);
        return;
    }
    schedule_retry(dev, now);
    if (dev->state == STIEL_DEVICE_DISCONNECTED) {
        LOG_DEBUG("%s on %s: still not connected, next try in %u ms: %s", dev->label, dev->port,
                  (unsigned)(dev->retry_at_ms - now), diag->text);
        return;
    }
    set_state(dev, STIEL_DEVICE_DISCONNECTED, diag->code, "%s on %s is not connected: %s", dev->label, dev->port,
              diag->text);
}

/* The port is open (at once, or after a TCP connect): run the driver's setup. */
static void port_ready(stiel_device *dev, uint64_t now)
{
    dev->connected = 1;
    atomic_fetch_add_explicit(&dev->thr->opens, 1, memory_order_relaxed);
    if (dev->ops->on_open) {
        stiel_status st = dev->ops->on_open(dev, now);
        if (st != STIEL_OK) {
            stiel_diag diag;
            drop_port(dev, now);
            stiel_diag_set(&diag, st, "the %s did not accept its setup (%s): check its model and settings",
                           dev->label, stiel_strerror(st));
            open_failed(dev, now, &diag);
            return;
        }
    }
    dev->backoff_ms = dev->thr->cfg.backoff_initial_ms;
    dev->retry_at_ms = 0;
}

static void try_open(stiel_device *dev, uint64_t now)
{
    stiel_diag diag;
    stiel_transport *tr = NULL;
    dev->retry_error = 0;
    stiel_diag_clear(&diag);
    stiel_status st = stiel_transport_open(dev->port, &dev->line, &tr, &diag);
    if (st != STIEL_OK) {
        open_failed(dev, now, &diag);
        return;
    }
    dev->tr = tr;
    atomic_fetch_add_explicit(&dev->thr->open_ports, 1, memory_order_relaxed);
    if (stiel_transport_state_get(tr) == STIEL_TRANSPORT_OPEN)
        port_ready(dev, now);
}

/* The app asked to let go of the port. */
static void release_port(stiel_device *dev, uint64_t now)
{
    if (dev->state == STIEL_DEVICE_ENABLED && dev->connected && dev->ops->on_enable)
        dev->ops->on_enable(dev, 0, now);
    flush(dev); /* one last non-blocking try, e.g. a scan-disable command */
    size_t unsent = drop_port(dev, now);
    if (unsent)
        LOG_INFO("%s on %s: %zu bytes not sent at release", dev->label, dev->port, unsent);
    dev->retry_at_ms = 0;
}

static void hang_up(stiel_device *dev, uint64_t now, const stiel_diag *why)
{
    size_t unsent = drop_port(dev, now);
    atomic_fetch_add_explicit(&dev->thr->hangups, 1, memory_order_relaxed);
    dev->backoff_ms = dev->thr->cfg.backoff_initial_ms;
    schedule_retry(dev, now);
    LOG_INFO("%s on %s: %s", dev->label, dev->port, why && why->text[0] ? why->text : "hung up");
    if (unsent)
        set_state(dev, STIEL_DEVICE_DISCONNECTED, STIEL_ERR_CLOSED,
                  "%s on %s disconnected: check the cable (%zu bytes not sent)", dev->label, dev->port, unsent);
    else
        set_state(dev, STIEL_DEVICE_DISCONNECTED, STIEL_ERR_CLOSED, "%s on %s disconnected: check the cable",
                  dev->label, dev->port);
}

void device_check_failed(stiel_device *dev, uint64_t now)
{
    if (dev->tr && stiel_transport_state_get(dev->tr) == STIEL_TRANSPORT_FAILED && dev->connected)
        hang_up(dev, now, &dev->fault);
}

void device_drive(stiel_device *dev, uint64_t now)
{
    if (dev->target == STIEL_DEVICE_OPENED) {
        if (dev->tr)
            release_port(dev, now);
        set_state(dev, STIEL_DEVICE_OPENED, STIEL_OK, "%s on %s is released", dev->label, dev->port);
        return;
    }
    if (!dev->tr) {
        if (dev->state == STIEL_DEVICE_ERROR && !dev->retry_error)
            return;
        if (dev->retry_at_ms && now < dev->retry_at_ms)
            return;
        try_open(dev, now);
        if (!dev->tr)
            return;
    }
    if (!dev->connected)
        return; /* TCP connect in progress */
    stiel_device_state from = dev->state;
    if (dev->target == STIEL_DEVICE_ENABLED && from != STIEL_DEVICE_ENABLED) {
        if (dev->ops->on_enable)
            dev->ops->on_enable(dev, 1, now);
        if (from == STIEL_DEVICE_DISCONNECTED || from == STIEL_DEVICE_ERROR)
            set_state(dev, STIEL_DEVICE_ENABLED, STIEL_OK, "%s on %s is connected again", dev->label, dev->port);
        else if (from == STIEL_DEVICE_CLAIMED)
            set_state(dev, STIEL_DEVICE_ENABLED, STIEL_OK, "%s on %s is enabled", dev->label, dev->port);
        else
            set_state(dev, STIEL_DEVICE_ENABLED, STIEL_OK, "%s on %s is ready", dev->label, dev->port);
    } else if (dev->target == STIEL_DEVICE_CLAIMED && from != STIEL_DEVICE_CLAIMED) {
        if (from == STIEL_DEVICE_ENABLED && dev->ops->on_enable)
            dev->ops->on_enable(dev, 0, now);
        if (from == STIEL_DEVICE_DISCONNECTED || from == STIEL_DEVICE_ERROR)
            set_state(dev, STIEL_DEVICE_CLAIMED, STIEL_OK, "%s on %s is connected again", dev->label, dev->port);
        else if (from == STIEL_DEVICE_ENABLED)
            set_state(dev, STIEL_DEVICE_CLAIMED, STIEL_OK, "%s on %s is disabled", dev->label, dev->port);
        else
            set_state(dev, STIEL_DEVICE_CLAIMED, STIEL_OK, "%s on %s is connected", dev->label, dev->port);
    }
}

void device_tick(stiel_device *dev, uint64_t now)
{
    if (!dev->deadline_ms || now < dev->deadline_ms)
        return;
    dev->deadline_ms = 0;
    atomic_fetch_add_explicit(&dev->thr->ticks, 1, memory_order_relaxed);
    if (dev->ops->on_tick)
        dev->ops->on_tick(dev, now);
}

short device_poll_events(const stiel_device *dev)
{
    if (!dev->tr)
        return 0;
    if (!dev->connected)
        return (short)(stiel_transport_poll_events(dev->tr) | POLLIN);
    return (short)(POLLIN | (dev->outq.len ? POLLOUT : 0));
}

uint64_t device_next_wake(const stiel_device *dev)
{
    uint64_t w = dev->deadline_ms ? dev->deadline_ms : UINT64_MAX;
    int wants_port = dev->target != STIEL_DEVICE_OPENED;
    int may_retry = dev->state != STIEL_DEVICE_ERROR || dev->retry_error;
    if (!dev->tr && wants_port && may_retry) {
        uint64_t r = dev->retry_at_ms; /* 0: now */
        if (r < w)
            w = r;
    }
    return w;
}

void device_on_poll(stiel_device *dev, short revents, uint64_t now)
{
    stiel_diag diag;
    stiel_diag_clear(&diag);
    if (!dev->tr)
        return;
    if (revents & POLLNVAL) { /* never expected; handled so that it cannot become a busy loop */
        stiel_diag_set(&diag, STIEL_ERR_INTERNAL, "%s: the port's fd became invalid", dev->port);
        if (dev->connected) {
            hang_up(dev, now, &diag);
        } else {
            stiel_transport_close(dev->tr);
            dev->tr = NULL;
            atomic_fetch_sub_explicit(&dev->thr->open_ports, 1, memory_order_relaxed);
            schedule_retry(dev, now);
        }
        return;
    }
    if (!dev->connected) {
        stiel_transport_handle_events(dev->tr, revents, &diag);
        stiel_transport_state ts = stiel_transport_state_get(dev->tr);
        if (ts == STIEL_TRANSPORT_OPEN) {
            port_ready(dev, now);
            device_drive(dev, now);
        } else if (ts == STIEL_TRANSPORT_FAILED) {
            stiel_transport_close(dev->tr);
            dev->tr = NULL;
            atomic_fetch_sub_explicit(&dev->thr->open_ports, 1, memory_order_relaxed);
            open_failed(dev, now, &diag);
        }
        return;
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        uint8_t buf[READ_CHUNK];
        size_t got = 0;
        for (int i = 0; i < READS_PER_WAKE; i++) {
            stiel_status st = stiel_transport_read(dev->tr, buf, sizeof buf, &got, &diag);
            if (st != STIEL_OK) {
                hang_up(dev, now, &diag);
                return;
            }
            if (got == 0)
                break;
            if (dev->ops->on_readable)
                dev->ops->on_readable(dev, buf, got, now);
            if (!dev->connected || stiel_transport_state_get(dev->tr) == STIEL_TRANSPORT_FAILED || got < sizeof buf)
                break;
        }
        if ((revents & (POLLHUP | POLLERR)) && got == 0 && dev->connected &&
            stiel_transport_state_get(dev->tr) != STIEL_TRANSPORT_FAILED) {
            stiel_diag_set(&diag, STIEL_ERR_CLOSED, "%s hung up", dev->port);
            hang_up(dev, now, &diag);
            return;
        }
    }
    if ((revents & POLLOUT) && dev->connected)
        flush(dev);
    device_check_failed(dev, now);
}

void device_command(stiel_device *dev, const device_cmd *cmd, uint64_t now)
{
    switch (cmd->kind) {
    case DEVICE_CMD_CLAIM:
    case DEVICE_CMD_ENABLE:
        dev->target = cmd->kind == DEVICE_CMD_ENABLE ? STIEL_DEVICE_ENABLED : STIEL_DEVICE_CLAIMED;
        if (dev->state == STIEL_DEVICE_ERROR)
            dev->retry_error = 1;
        break;
    case DEVICE_CMD_DISABLE:
        if (dev->target == STIEL_DEVICE_ENABLED)
            dev->target = STIEL_DEVICE_CLAIMED;
        break;
    case DEVICE_CMD_RELEASE:
        dev->target = STIEL_DEVICE_OPENED;
        break;
    case DEVICE_CMD_SEND: {
        stiel_status st = dev->connected ? stiel_device_write(dev, cmd->bytes, cmd->n) : STIEL_ERR_CLOSED;
        if (st == STIEL_ERR_CLOSED)
            stiel_device_report_fault(dev, st, "%s on %s is not connected: %zu bytes not sent", dev->label, dev->port,
                                      cmd->n);
        else if (st != STIEL_OK)
            stiel_device_report_fault(dev, st, "%s on %s is not taking data fast enough: %zu bytes not sent",
                                      dev->label, dev->port, cmd->n);
        break;
    }
    case DEVICE_CMD_DRIVER: {
        stiel_status st = STIEL_ERR_UNSUPPORTED;
        if (dev->ops->on_command)
            st = dev->ops->on_command(dev, cmd->code, cmd->bytes, cmd->n, now);
        if (st != STIEL_OK)
            stiel_device_report_fault(dev, st, "%s on %s: command %d failed: %s", dev->label, dev->port, cmd->code,
                                      stiel_strerror(st));
        break;
    }
    case DEVICE_CMD_ADD:
    case DEVICE_CMD_REMOVE:
        break; /* handled by the thread */
    }
}

void device_remove(stiel_device *dev, uint64_t now)
{
    if (dev->tr)
        release_port(dev, now);
    set_state(dev, STIEL_DEVICE_CLOSED, STIEL_OK, "%s on %s is removed", dev->label, dev->port);
    if (dev->ops->destroy)
        dev->ops->destroy(dev->driver_data);
    stiel_buf_free(&dev->outq);
    free(dev);
}
