/* Private to drivers/device*.c: the device and device-thread structs, the command queue entry, and
 * the per-device state machine that device_thread.c drives from its poll() loop. */
#ifndef STIEL_DRIVERS_DEVICE_IMPL_H
#define STIEL_DRIVERS_DEVICE_IMPL_H

#include <pthread.h>
#include <stdatomic.h>

#include "common/buf.h"
#include "drivers/device_thread.h"
#include "drivers/transport.h"

typedef enum device_cmd_kind {
    DEVICE_CMD_ADD = 0,
    DEVICE_CMD_CLAIM,
    DEVICE_CMD_ENABLE,
    DEVICE_CMD_DISABLE,
    DEVICE_CMD_RELEASE,
    DEVICE_CMD_REMOVE,
    DEVICE_CMD_SEND,
    DEVICE_CMD_DRIVER
} device_cmd_kind;

typedef struct device_cmd {
    device_cmd_kind kind;
    int id;
    int code;
    uint8_t *bytes; /* owned (malloc) */
    size_t n;
    stiel_device *dev; /* ADD: the new device, owned */
} device_cmd;

struct stiel_device {
    int id;
    stiel_device_thread *thr;
    char port[STIEL_PORT_SPEC_MAX];
    char label[STIEL_DEVICE_LABEL_MAX];
    stiel_line_settings line;
    const stiel_device_ops *ops;
    void *driver_data;
    stiel_transport *tr;      /* NULL while the port is not held */
    int connected;            /* tr is OPEN and on_open has run */
    int retry_error;          /* one open attempt allowed from ERROR (the app asked again) */
    stiel_device_state state;
    stiel_device_state target; /* OPENED, CLAIMED or ENABLED: what the app asked for */
    uint64_t deadline_ms;     /* driver's next on_tick; 0: none */
    uint64_t retry_at_ms;     /* next reconnect attempt; 0: at once */
    unsigned backoff_ms;      /* delay before the next attempt after a failure */
    stiel_buf outq;           /* bytes not yet taken by the port, capped */
    stiel_diag fault;         /* why the transport failed during a write */
};

struct stiel_device_thread {
    stiel_device_thread_config cfg;
    int wake_fd;
    pthread_t thread;
    int started;
    pthread_mutex_t lock;      /* guards the queue, next_id, reserved, stopping */
    device_cmd queue[STIEL_DEVICE_CMD_QUEUE];
    unsigned head, count;
    int next_id;
    unsigned reserved;         /* devices added and not yet removed */
    int stopping;
    stiel_device *devices[STIEL_DEVICE_MAX]; /* device thread only */
    unsigned ndev;
    _Atomic uint64_t poll_returns, commands, ticks, events, events_dropped, opens, hangups;
    _Atomic unsigned open_ports;
};

/* Allocates a device from cfg (already checked) in state CLOSED with target OPENED. NULL on ENOMEM. */
stiel_device *device_new(stiel_device_thread *thr, const stiel_device_config *cfg, int id);

/* Releases the port if held, emits CLOSED, destroys the driver data and frees dev. */
void device_remove(stiel_device *dev, uint64_t now);

/* Moves the device toward its target: opens the port when due, enables/disables, releases. */
void device_drive(stiel_device *dev, uint64_t now);

/* Handles poll() results for the device's fd: completes a connect, reads, flushes, hangs up. */
void device_on_poll(stiel_device *dev, short revents, uint64_t now);

/* Hangs up if a write inside a callback failed the transport. */
void device_check_failed(stiel_device *dev, uint64_t now);

/* Fires on_tick if the deadline has passed. */
void device_tick(stiel_device *dev, uint64_t now);

/* poll() events wanted for the device's fd, or 0 if it holds no port. */
short device_poll_events(const stiel_device *dev);

/* The earliest time the device needs the thread awake (deadline, reconnect), UINT64_MAX if none. */
uint64_t device_next_wake(const stiel_device *dev);

/* Runs one app command for dev (not ADD). */
void device_command(stiel_device *dev, const device_cmd *cmd, uint64_t now);

/* Emits a STATE event CLOSED → OPENED for a newly added device. */
void device_announce(stiel_device *dev);

#endif
