/* Test bench for the scanner driver tests: a device thread with one scanner on a pty whose master
 * the test holds (playing the scanner), plus helpers to write, read exact bytes and find events. */
#ifndef STIEL_TESTS_DRIVERS_TEST_SCANNER_BENCH_H
#define STIEL_TESTS_DRIVERS_TEST_SCANNER_BENCH_H

#include <stdbool.h>

#include "drivers/scanner.h"
#include "tests/drivers/drivers_fixture.h"

enum { BENCH_WAIT_MS = 3000 };

typedef struct sbench {
    recorder rec;
    stiel_device_thread *thr;
    int master;
    char slave[64];
    int id;
} sbench;

/* Starts a thread with one scanner (cfg) on a new pty, enabled or only claimed, and waits for it. */
void sbench_start(sbench *b, const stiel_scanner_config *cfg, bool enable);
void sbench_stop(sbench *b);
void sbench_write(sbench *b, const void *bytes, size_t n);
/* Reads up to n bytes the driver wrote, waiting at most timeout_ms in all; returns how many. */
size_t sbench_read(sbench *b, uint8_t *out, size_t n, int timeout_ms);
/* Asserts that the next n bytes the driver writes are exactly want. */
void sbench_expect(sbench *b, const void *want, size_t n);
/* True when the driver writes nothing for ms. */
bool sbench_quiet(sbench *b, int ms);
/* Index of the next DATA event at or after from, or fails the test. */
long sbench_wait_data(sbench *b, size_t from);
/* The scan record of event at. */
void sbench_view(sbench *b, long at, stiel_scan_view *v);
/* Events of kind at or after from (FAULT events whose text contains needle, if not NULL). */
size_t sbench_count(sbench *b, stiel_device_event_kind kind, size_t from, const char *needle);

#endif
