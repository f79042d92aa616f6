/* The year-of-evidence generator shared by bench_competency and bench_report: realistic pick
 * tasks (get work, location, item, quantity, put, empty check steps with payloads from
 * evidence_json_write, task.started/finished, the odd void) appended in bulk batches, plus the
 * small helpers both programs use (clock, xorshift, removing a store, reading an asset). */
#ifndef STIEL_BENCH_BENCH_EVIDENCE_GEN_H
#define STIEL_BENCH_BENCH_EVIDENCE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/core/evidence_json.h"
#include "kiosk/store/store_internal.h"

enum { BENCH_BULK_BATCH = 50000 };

/* A generator: the open store, its last error, the count appended so far, a payload buffer and
 * the xorshift state (seed it non-zero). */
typedef struct bench_gen {
    store *s;
    stiel_diag d;
    long long appended;
    stiel_buf payload;
    uint64_t x;
} bench_gen;

/* One pick task to generate: who, where, its id, level and skill (0..1, lower means more errors
 * and help), and the pause after it in ms. */
typedef struct bench_task {
    const char *trainee, *kiosk, *device, *id;
    unsigned level;
    double skill;
    int64_t pause_ms;
} bench_task;

/* Seconds on the monotonic clock. */
double bench_now_s(void);

/* The next xorshift64 value of *x. */
uint64_t bench_rnd(uint64_t *x);

/* Removes the store file at path and its -wal and -shm files. */
void bench_remove_store(const char *path);

/* Reads STIEL_ASSET_DIR/rel (at most 64 KiB - 1, NUL-terminated) into a malloc'ed buffer; NULL when
 * it cannot be read. */
char *bench_read_asset(const char *rel, size_t *len);

/* Appends one event, opening a new bulk transaction every BENCH_BULK_BATCH events (the caller ends
 * the last one with store_bulk_end). rc may be NULL. Errors in g->d. */
stiel_status bench_gen_put(bench_gen *g, const char *kiosk, int64_t ts, const char *trainee,
                           const char *actor, const char *kind, const char *payload,
                           const char *voids, store_receipt *rc);

/* Appends one task t starting at *ts (advanced past the task and its pause). */
stiel_status bench_gen_task(bench_gen *g, const bench_task *t, int64_t *ts);

/* The main() both year-of-evidence benches share: parses [--events N] [--dir DIR] [--keep] |
 * --measure PATH (usage named after prog), then either measures PATH or builds DIR/<prog>.db with
 * build(path, events), measures it and removes it unless --keep. Returns the exit status. */
int bench_gen_main(int argc, char **argv, const char *prog, long long default_events,
                   long long min_events, int (*build)(const char *path, long long events),
                   int (*measure)(const char *path));

#endif
