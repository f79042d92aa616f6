/* The device thread: one thread sleeping in poll() on every device's fd plus a wake fd. The app
 * registers devices and sends commands from any thread (a bounded queue + the wake fd); events come
 * back through a callback on the device thread. Reconnects with backoff after an unplug. */
#ifndef STIEL_DRIVERS_DEVICE_THREAD_H
#define STIEL_DRIVERS_DEVICE_THREAD_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/device.h"
#include "drivers/line_settings.h"

typedef struct stiel_device_thread stiel_device_thread;

/* Receives every event, on the device thread, and takes ownership of ev (free it with
 * stiel_device_event_free, possibly later on another thread). It MUST return quickly and never
 * block: hand the pointer on (SDL_PushEvent with ev in data1 is the intended use) and return. */
typedef void (*stiel_device_event_fn)(void *user, stiel_device_event *ev);

enum {
    STIEL_DEVICE_MAX = 32,           /* devices per thread */
    STIEL_DEVICE_CMD_QUEUE = 64,     /* pending commands; submit fails with STIEL_ERR_BUSY when full */
    STIEL_DEVICE_LABEL_MAX = 32      /* "scanner", "label printer" */
};

typedef struct stiel_device_thread_config {
    stiel_device_event_fn on_event; /* required */
    void *user;                     /* passed to on_event */
    unsigned backoff_initial_ms;    /* first reconnect attempt after a fault; 0: 100 ms */
    unsigned backoff_max_ms;        /* doubling stops here; 0: 1000 ms */
    size_t out_queue_cap;           /* bytes of pending output per device; 0: 64 KiB */
} stiel_device_thread_config;

typedef struct stiel_device_config {
    const char *port;               /* transport spec: "/dev/ttyUSB0", "pty:/dev/pts/3", "tcp:10.0.0.5:9100" */
    const char *label;              /* what a person calls it: "scanner", "printer" (NULL: "device") */
    stiel_line_settings line;       /* use STIEL_LINE_SETTINGS_DEFAULT for 9600 8N1 none */
    const stiel_device_ops *ops;    /* required; must outlive the device (normally static const) */
    void *driver_data;              /* owned by the device from a successful add on (ops->destroy) */
} stiel_device_config;

typedef struct stiel_device_thread_stats {
    uint64_t poll_returns;          /* times poll() came back (wake-ups), since start */
    uint64_t commands;              /* commands processed */
    uint64_t ticks;                 /* on_tick calls */
    uint64_t events;                /* events handed to on_event */
    uint64_t events_dropped;        /* events lost to allocation failure */
    uint64_t opens;                 /* successful port opens (first and reconnects) */
    uint64_t hangups;               /* ports lost */
    uint64_t cpu_ns;                /* CPU time the device thread has used (0 before start) */
    unsigned devices;               /* devices registered */
    unsigned open_ports;            /* ports open now */
} stiel_device_thread_stats;

/* Creates a stopped device thread (allocates the queue and the wake eventfd). Errors:
 * STIEL_ERR_ARG (no callback), STIEL_ERR_NOMEM, STIEL_ERR_IO (eventfd failed). */
stiel_status stiel_device_thread_new(const stiel_device_thread_config *cfg, stiel_device_thread **out,
                                     stiel_diag *diag);

/* Starts the thread. Commands queued before start are processed at once. STIEL_ERR_STATE if it
 * already runs, STIEL_ERR_IO if the thread cannot be created. */
stiel_status stiel_device_thread_start(stiel_device_thread *thr, stiel_diag *diag);

/* Stops the thread (if running): every device is disabled, released and removed on the device
 * thread, with their events still delivered to on_event, then the thread is joined; then frees
 * everything, including commands never processed. NULL is fine. Not from the device thread. */
void stiel_device_thread_free(stiel_device_thread *thr);

/* Registers a device (state OPENED, port not yet opened) and returns its id (> 0). The config is
 * copied; driver_data passes to the device on success only. Errors: STIEL_ERR_ARG (no ops, empty or
 * overlong port, bad line settings — diag says which), STIEL_ERR_BUSY (command queue full, or
 * STIEL_DEVICE_MAX devices), STIEL_ERR_NOMEM. */
stiel_status stiel_device_thread_add(stiel_device_thread *thr, const stiel_device_config *cfg, int *id,
                                     stiel_diag *diag);

/* Asynchronous lifecycle commands (any thread; the result shows as STATE events). Each returns
 * STIEL_OK once queued, STIEL_ERR_BUSY if the queue is full, STIEL_ERR_ARG for a bad id (unknown
 * ids are ignored on the device thread). claim: open and hold the port; enable(1): claim if needed
 * and deliver data; enable(0): back to claimed; release: close the port (→ opened); remove: release
 * and forget (→ closed, ops->destroy). Claim/enable after an ERROR tries again. */
stiel_status stiel_device_thread_claim(stiel_device_thread *thr, int id, stiel_diag *diag);
stiel_status stiel_device_thread_enable(stiel_device_thread *thr, int id, int enable, stiel_diag *diag);
stiel_status stiel_device_thread_release(stiel_device_thread *thr, int id, stiel_diag *diag);
stiel_status stiel_device_thread_remove(stiel_device_thread *thr, int id, stiel_diag *diag);

/* Queues raw bytes for the device's port (copied). If the port is not open when the command runs,
 * a FAULT event says the bytes were not sent. Errors as above, plus STIEL_ERR_NOMEM. */
stiel_status stiel_device_thread_send(stiel_device_thread *thr, int id, const void *bytes, size_t n,
                                      stiel_diag *diag);

/* Queues a driver-specific command (ops->on_command(code, bytes)); a driver error becomes a FAULT
 * event. Errors as for send. */
stiel_status stiel_device_thread_command(stiel_device_thread *thr, int id, int code, const void *bytes,
                                         size_t n, stiel_diag *diag);

/* Copies the counters (any thread). */
void stiel_device_thread_stats_get(stiel_device_thread *thr, stiel_device_thread_stats *out);

#endif
