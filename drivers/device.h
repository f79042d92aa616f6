/* A device as the device thread sees it: the UnifiedPOS-like lifecycle states, the events that go
 * out to the app, and the driver vtable (libsigrok pattern: a struct of function pointers filled with
 * designated initialisers) plus the helpers a driver calls from inside its callbacks. */
#ifndef STIEL_DRIVERS_DEVICE_H
#define STIEL_DRIVERS_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/line_settings.h"

typedef struct stiel_device stiel_device;

/* Lifecycle, after UnifiedPOS: closed → opened → claimed → enabled, plus the two fault states. */
typedef enum stiel_device_state {
    STIEL_DEVICE_CLOSED = 0,    /* not known to the device thread (removed) */
    STIEL_DEVICE_OPENED,        /* registered; the port is not held */
    STIEL_DEVICE_CLAIMED,       /* port open and held exclusively; bytes flow; no data events */
    STIEL_DEVICE_ENABLED,       /* claimed and delivering data events */
    STIEL_DEVICE_DISCONNECTED,  /* wanted claimed/enabled but the port is gone: reconnecting with backoff */
    STIEL_DEVICE_ERROR          /* cannot be opened for a reason retrying will not fix (permissions,
                                   settings): waits until the app claims or enables it again */
} stiel_device_state;

/* "closed", "opened", "claimed", "enabled", "disconnected", "error"; "?" for others. */
const char *stiel_device_state_name(stiel_device_state state);

typedef enum stiel_device_event_kind {
    STIEL_DEVICE_EVENT_STATE = 0, /* old_state → state; diag.text says why, for a person */
    STIEL_DEVICE_EVENT_DATA,      /* decoded input (a scan, a reply): data/len, code = driver's type */
    STIEL_DEVICE_EVENT_STATUS,    /* a driver status update (e.g. printer paper out): code, diag */
    STIEL_DEVICE_EVENT_FAULT      /* a fault that left the state as it was (garbage, lost output): diag */
} stiel_device_event_kind;

/* One event for the app: a single allocation, owned by whoever receives it; free with
 * stiel_device_event_free(). */
typedef struct stiel_device_event {
    stiel_device_event_kind kind;
    int device_id;
    uint64_t time_ms;             /* CLOCK_MONOTONIC, milliseconds */
    stiel_device_state state;     /* the state now (all kinds) */
    stiel_device_state old_state; /* STATE events: the state before */
    int code;                     /* DATA: driver's data type; STATUS: driver's status code */
    stiel_diag diag;              /* STATE/STATUS/FAULT: what happened, what to check */
    size_t len;                   /* DATA: number of bytes in data */
    uint8_t data[];               /* len bytes, then a NUL not counted in len */
} stiel_device_event;

/* Frees an event (NULL is fine). */
void stiel_device_event_free(stiel_device_event *ev);

/* The driver vtable. Every callback runs on the device thread with now_ms from CLOCK_MONOTONIC;
 * every one is optional (NULL: nothing to do). Callbacks must not block. */
typedef struct stiel_device_ops {
    const char *name; /* driver name for logs, e.g. "generic-scanner" */
    /* The port was just opened (first time or after a reconnect): reset framing, send init
     * commands. A non-OK return closes the port again and counts as a failed attempt (retried). */
    stiel_status (*on_open)(stiel_device *dev, uint64_t now_ms);
    /* Bytes arrived, in order, in whatever chunks the kernel delivered (1 byte or many). */
    void (*on_readable)(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now_ms);
    /* The deadline set with stiel_device_set_deadline has passed (it is cleared before the call). */
    void (*on_tick)(stiel_device *dev, uint64_t now_ms);
    /* The port was lost or released: drop partial frames. The deadline is already cleared. */
    void (*on_hangup)(stiel_device *dev, uint64_t now_ms);
    /* The device enters (enabled = 1) or leaves (0) the ENABLED state while the port is open:
     * e.g. send scan-enable / scan-disable to an SSI scanner. */
    void (*on_enable)(stiel_device *dev, int enabled, uint64_t now_ms);
    /* A driver-specific command from the app (beep, print...): code and payload are the driver's. */
    stiel_status (*on_command)(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now_ms);
    /* Frees driver_data when the device is removed. */
    void (*destroy)(void *driver_data);
} stiel_device_ops;

/* ---- Helpers for drivers: call only on the device thread, from inside the callbacks above. ---- */

/* The monotonic clock the device thread uses, in milliseconds. Callable from any thread. */
uint64_t stiel_device_now_ms(void);

void *stiel_device_driver_data(const stiel_device *dev);
int stiel_device_id(const stiel_device *dev);
const char *stiel_device_port(const stiel_device *dev);   /* "/dev/ttyUSB0" */
const char *stiel_device_label(const stiel_device *dev);  /* "scanner" */
const stiel_line_settings *stiel_device_line(const stiel_device *dev);
stiel_device_state stiel_device_state_get(const stiel_device *dev);

/* Queues n bytes for the device and writes what the port takes now; the rest goes out on POLLOUT.
 * STIEL_ERR_CLOSED if the port is not open, STIEL_ERR_OVERLONG if the per-device out-queue
 * (stiel_device_thread_config.out_queue_cap) would overflow — nothing is queued then. A write
 * error does not hang up from inside the callback: the device thread does that right after. */
stiel_status stiel_device_write(stiel_device *dev, const void *bytes, size_t n);

/* Bytes waiting in the out-queue. */
size_t stiel_device_pending_output(const stiel_device *dev);

/* Asks for on_tick at when_ms (monotonic); 0 clears it. One deadline per device; the device thread
 * sleeps until the earliest one and never wakes otherwise. */
void stiel_device_set_deadline(stiel_device *dev, uint64_t when_ms);

/* Sends a DATA event with a copy of the bytes. Only while ENABLED (UnifiedPOS: no data events while
 * disabled): otherwise the data is dropped and STIEL_ERR_STATE returned. STIEL_ERR_NOMEM if the
 * event cannot be allocated. */
stiel_status stiel_device_emit_data(stiel_device *dev, int code, const void *bytes, size_t n);

/* Sends a STATUS event with the driver's code and a printf-formatted sentence. */
stiel_status stiel_device_emit_status(stiel_device *dev, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sends a FAULT event (status st, printf-formatted sentence a technician can act on) and logs it. */
stiel_status stiel_device_report_fault(stiel_device *dev, stiel_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
