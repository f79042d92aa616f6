/* Benchmark of the evidence store: durable append latency (median, p99), then a generated store
 * of N events (a 20-trainee hub for a year at 5 000 000) timed for building, bytes per event,
 * store_verify, and reading one trainee's events.
 * usage: bench_store [--events N] [--appends N] [--dir DIR] [--threads N] [--build-only PATH]
 *        bench_store [--threads N] [--runs N] --measure PATH  (verify and query timings of an
 *        existing store; --threads 1 verifies serially, 0 = one thread per CPU; --runs N verifies
 *        N times and prints the median) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/store/store_verify_walk.h"

enum { TRAINEES = 20, BULK_BATCH = 50000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by every thread of this process so far (user + system). */
static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long long file_size(const char *path, const char *suffix)
{
    char p[600];
    snprintf(p, sizeof p, "%s%s", path, suffix);
    struct stat sb;
    return stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
}

static void remove_store(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    char p[600];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* A step event much like the flows will record. */
static void make_event(long long i, store_event *ev, char trainee[16], char payload[256])
{
    static const char *const kinds[] = {"step.done", "step.done", "step.done", "step.done",
                                        "step.error", "help.given", "task.done", "session.start"};
    static const char *const kiosks[] = {"pick-1", "pick-2", "pack-1"};
    int t = (int)(i % TRAINEES);
    snprintf(trainee, 16, "T-%04d", t + 1);
    snprintf(payload, 256,
             "{\"level\":%d,\"task\":\"PO-%06lld\",\"step\":\"scan.item\",\"expected\":"
             "\"0871234567%04lld\",\"scanned\":\"0871234567%04lld\",\"result\":\"rft\","
             "\"errors\":0,\"help\":[],\"duration_ms\":%lld,\"device\":\"scanner-1\"}",
             1 + t % 5, i / 12, i % 10000, i % 10000, 2000 + i % 9000);
    ev->kiosk_id = kiosks[(i / 7) % 3];
    ev->ts_ms = 1735689600000LL + i * 6000; /* one event every 6 s from 2025-01-01 */
    ev->trainee_id = trainee;
    ev->actor_id = trainee;
    ev->kind = kinds[i % 8];
    ev->payload = payload;
    ev->voids_id = NULL;
}

static int bench_append(const char *dir, int n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-append.db", dir);
    remove_store(path);
    store *s = NULL;
    stiel_diag d;
    if (store_open(path, NULL, &s, &d) != STIEL_OK) {
        fprintf(stderr, "bench_store: %s\n", d.text);
        return 1;
    }
    double *lat = malloc(sizeof *lat * (size_t)n);
    if (!lat)
        return 1;
    for (int i = 0; i < n; i++) {
        store_event ev;
        char trainee[16], payload[256];
        make_event(i, &ev, trainee, payload);
        double t0 = now_s();
        if (store_append(s, &ev, NULL, &d) != STIEL_OK) {
            fprintf(stderr, "bench_store: %s\n", d.text);
            free(lat);
            store_close(s);
            return 1;
        }
        lat[i] = (now_s() - t0) * 1e3;
    }
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    printf("durable append (WAL, synchronous=FULL, one transaction each), %d appends:\n"
           "  median %.3f ms, p99 %.3f ms, max %.3f ms\n",
           n, lat[n / 2], lat[(size_t)((double)n * 0.99)], lat[n - 1]);
    free(lat);
    store_close(s);
    remove_store(path);
    return 0;
}

static int build(const char *path, long long n)
{
    remove_store(path);
    store *s = NULL;
    stiel_diag d;
    if (store_open(path, NULL, &s, &d) != STIEL_OK) {
        fprintf(stderr, "bench_store: %s\n", d.text);
        return 1;
    }
    double t0 = now_s();
    stiel_status st = STIEL_OK;
    for (long long i = 0; st == STIEL_OK && i < n; i++) {
        if (i % BULK_BATCH == 0) {
            if (i > 0)
                st = store_bulk_end(s, &d);
            if (st == STIEL_OK)
                st = store_bulk_begin(s, &d);
        }
        store_event ev;
        char trainee[16], payload[256];
        make_event(i, &ev, trainee, payload);
        if (st == STIEL_OK)
            st = store_append(s, &ev, NULL, &d);
    }
    if (st == STIEL_OK && n > 0)
        st = store_bulk_end(s, &d);
    if (st != STIEL_OK) {
        fprintf(stderr, "bench_store: %s\n", d.text);
        store_close(s);
        return 1;
    }
    sqlite3_wal_checkpoint_v2(store_sqlite(s), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    double built = now_s() - t0;
    store_close(s);
    long long bytes = file_size(path, "") + file_size(path, "-wal");
    printf("generated %lld events in %.1f s (%.0f events/s, batched transactions)\n", n, built,
           (double)n / built);
    printf("  file %.1f MiB, %.0f bytes per event\n", (double)bytes / 1048576.0,
           n ? (double)bytes / (double)n : 0.0);
    return 0;
}

static int count_row(const store_row *r, void *ctx)
{
    (void)r;
    (*(long long *)ctx)++;
    return 0;
}

static void count_kind(const char *kind, int64_t n, void *ctx)
{
    (void)kind;
    *(long long *)ctx += n;
}

enum { MAX_RUNS = 15 };

static int measure(const char *path, int threads, int runs)
{
    store *s = NULL;
    stiel_diag d;
    store_options ro = {.read_only = true, .must_exist = true};
    if (store_open(path, &ro, &s, &d) != STIEL_OK) {
        fprintf(stderr, "bench_store: %s\n", d.text);
        return 1;
    }
    store_verify_report rep;
    double times[MAX_RUNS];
    store_verify_tuning tune = {.threads = threads};
    for (int i = 0; i < runs; i++) {
        double t0 = now_s(), c0 = cpu_s();
        stiel_status st = store_verify_tuned(s, &tune, &rep, &d);
        times[i] = now_s() - t0;
        double cpu = cpu_s() - c0;
        if (st != STIEL_OK || !rep.ok) {
            fprintf(stderr, "bench_store: verify failed: %s %s\n", d.text, rep.what);
            store_close(s);
            return 1;
        }
        printf("store_verify: %lld events on %lld kiosks in %.2f s (%.0f events/s, %d range%s,"
               " %.2f s CPU), head %.16s...\n",
               (long long)rep.events, (long long)rep.kiosks, times[i],
               (double)rep.events / times[i], tune.ranges, tune.ranges == 1 ? "" : "s", cpu,
               rep.head_hex);
    }
    if (runs > 1) {
        qsort(times, (size_t)runs, sizeof *times, cmp_double);
        printf("store_verify median of %d: %.2f s\n", runs, times[runs / 2]);
    }
    long long rows = 0, kinds = 0;
    double t0 = now_s();
    stiel_status st = store_trainee_events(s, "T-0007", count_row, &rows, &d);
    double t_trainee = now_s() - t0;
    t0 = now_s();
    if (st == STIEL_OK)
        st = store_count_by_kind(s, "T-0007", count_kind, &kinds, &d);
    double t_kinds = now_s() - t0;
    store_close(s);
    if (st != STIEL_OK) {
        fprintf(stderr, "bench_store: %s\n", d.text);
        return 1;
    }
    printf("one trainee's events in time order: %lld rows in %.0f ms; count by kind: %.0f ms\n",
           rows, t_trainee * 1e3, t_kinds * 1e3);
    return 0;
}

int main(int argc, char **argv)
{
    long long events = 5000000;
    int appends = 2000;
    const char *dir = "/tmp";
    int threads = 0, runs = 1;
    const char *build_only = NULL, *measure_only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--events") == 0 && i + 1 < argc)
            events = atoll(argv[++i]);
        else if (strcmp(argv[i], "--appends") == 0 && i + 1 < argc)
            appends = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            threads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--build-only") == 0 && i + 1 < argc)
            build_only = argv[++i];
        else if (strcmp(argv[i], "--measure") == 0 && i + 1 < argc)
            measure_only = argv[++i];
        else {
            fprintf(stderr, "usage: bench_store [--events N] [--appends N] [--dir DIR] "
                            "[--threads N] [--runs N] [--build-only PATH | --measure PATH]\n");
            return 2;
        }
    }
    if (events < 0 || appends < 1 || threads < 0 || runs < 1 || runs > MAX_RUNS) {
        fputs("bench_store: --events must be >= 0, --appends >= 1, --threads >= 0 and --runs"
              " 1 to 15\n", stderr);
        return 2;
    }
    if (build_only)
        return build(build_only, events);
    if (measure_only)
        return measure(measure_only, threads, runs);
    if (bench_append(dir, appends) != 0)
        return 1;
    char path[512];
    snprintf(path, sizeof path, "%s/bench-store.db", dir);
    int rc = build(path, events);
    if (rc == 0)
        rc = measure(path, threads, runs);
    remove_store(path);
    return rc;
}
