/* Shared test fixture for drivers/ tests: an event recorder for the device thread callback, a
 * line-framing test driver, pty helpers and an fd counter. */
#ifndef STIEL_TESTS_DRIVERS_FIXTURE_H
#define STIEL_TESTS_DRIVERS_FIXTURE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "drivers/device_thread.h"

enum { REC_MAX = 4096 };

/* Records every event (thread-safe); tests wait on it with a timeout. */
typedef struct recorder {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    stiel_device_event *events[REC_MAX];
    size_t count;
    size_t dropped;
} recorder;

void recorder_init(recorder *r);
void recorder_free(recorder *r);
void recorder_clear(recorder *r);
/* The stiel_device_event_fn to pass in the thread config, with user = the recorder. */
void recorder_on_event(void *user, stiel_device_event *ev);
/* Waits until an event of kind for device id (and, for STATE, state; -1 any) exists at index >= from;
 * returns its index or -1 after timeout_ms. */
long recorder_wait(recorder *r, size_t from, stiel_device_event_kind kind, int id, int state, int timeout_ms);
/* Number of events recorded so far. */
size_t recorder_count(recorder *r);
/* Event at index i (valid until recorder_clear/free). */
stiel_device_event *recorder_at(recorder *r, size_t i);

/* The line test driver: collects bytes until CR or LF and emits each line as DATA (code = line
 * length); keeps every raw byte in raw; counts callbacks. Ticks re-arm every tick_ms if > 0. */
typedef struct line_driver {
    pthread_mutex_t lock;
    stiel_buf line;
    stiel_buf raw;
    unsigned opens, hangups, enables, disables, ticks, readable_calls, commands;
    unsigned tick_ms;
    uint64_t last_tick_ms;
} line_driver;

extern const stiel_device_ops line_driver_ops;
/* Allocates a line driver (ops->destroy frees it). */
line_driver *line_driver_new(unsigned tick_ms);
/* Reads one of d's counters (e.g. &d->opens) under its lock. */
unsigned line_driver_get(line_driver *d, const unsigned *field);
/* Copies raw bytes received so far into out (returns the length). */
size_t line_driver_raw(line_driver *d, uint8_t *out, size_t cap);

/* openpty() with both ends raw and the master non-blocking? (master left blocking). Fills slave_path.
 * Returns 0 or -1. The slave fd is closed (the device opens the path itself). */
int pty_make(int *master, char *slave_path, size_t cap);

/* Entries in /proc/self/fd right now. */
int fd_count(void);

/* Sleeps ms milliseconds. */
void sleep_ms(unsigned ms);

#endif
