/* The shared evidence generator of the benchmarks (bench_evidence_gen.h): each step's errors,
 * help and duration drawn from the trainee's skill, its payload written by evidence_json_write. */
#include "bench/bench_evidence_gen.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint64_t bench_rnd(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

void bench_remove_store(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    char p[600];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

char *bench_read_asset(const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", STIEL_ASSET_DIR, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    *len = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[*len] = '\0';
    return buf;
}

stiel_status bench_gen_put(bench_gen *g, const char *kiosk, int64_t ts, const char *trainee,
                           const char *actor, const char *kind, const char *payload,
                           const char *voids, store_receipt *rc)
{
    if (g->appended % BENCH_BULK_BATCH == 0) {
        stiel_status st = g->appended ? store_bulk_end(g->s, &g->d) : STIEL_OK;
        if (st == STIEL_OK)
            st = store_bulk_begin(g->s, &g->d);
        if (st != STIEL_OK)
            return st;
    }
    store_event ev = {.kiosk_id = kiosk, .ts_ms = ts, .trainee_id = trainee, .actor_id = actor,
                      .kind = kind, .payload = payload, .voids_id = voids};
    g->appended++;
    return store_append(g->s, &ev, rc, &g->d);
}

static stiel_status step(bench_gen *g, const char *kiosk, int64_t *ts, evidence_record *r,
                         const char *name, double skill, store_receipt *rc)
{
    snprintf(r->step, sizeof r->step, "%s", name);
    r->seq++;
    unsigned err_per_mille = (unsigned)(300.0 * (1.0 - skill));
    r->errors = bench_rnd(&g->x) % 1000 < err_per_mille ? 1 + (unsigned)(bench_rnd(&g->x) % 2) : 0;
    r->result = r->errors ? PICK_RESULT_CORRECTED : PICK_RESULT_RIGHT_FIRST_TIME;
    r->error_kinds = r->errors ? 1u << (bench_rnd(&g->x) % 4) : 0;
    r->coach_help = bench_rnd(&g->x) % 1000 < (uint64_t)(400.0 * (1.0 - skill))
                        ? (pick_prompt)(1 + bench_rnd(&g->x) % 4)
                        : PICK_PROMPT_NONE;
    if (bench_rnd(&g->x) % 500 == 0)
        r->result = PICK_RESULT_SKIPPED;
    r->kiosk_help = bench_rnd(&g->x) % 10 == 0 ? PICK_HINT_PHOTO : 0;
    r->duration_ms = 1500 + bench_rnd(&g->x) % (uint64_t)(12000.0 * (1.2 - skill));
    *ts += (int64_t)r->duration_ms;
    r->at_ms = (uint64_t)*ts;
    snprintf(r->expected, sizeof r->expected, "87191231%05u",
             (unsigned)(bench_rnd(&g->x) % 100000));
    snprintf(r->scanned, sizeof r->scanned, "%s", r->expected);
    char kind[EVIDENCE_KIND_MAX + 1];
    evidence_kind(r, kind, sizeof kind);
    stiel_buf_reset(&g->payload);
    stiel_status st = evidence_json_write(r, &g->payload);
    if (st == STIEL_OK)
        st = bench_gen_put(g, kiosk, *ts, r->trainee, r->trainee, kind,
                           (const char *)g->payload.data, NULL, rc);
    return st;
}

stiel_status bench_gen_task(bench_gen *g, const bench_task *t, int64_t *ts)
{
    const char *kiosk = t->kiosk;
    double skill = t->skill;
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.trainee, sizeof r.trainee, "%s", t->trainee);
    r.level = t->level;
    snprintf(r.task, sizeof r.task, "%s", t->id);
    snprintf(r.device, sizeof r.device, "%s", t->device);
    store_receipt started;
    char body[200];
    snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"level\":%u}", r.task,
             t->level);
    stiel_status st = bench_gen_put(g, kiosk, *ts, r.trainee, r.trainee,
                                    EVIDENCE_KIND_TASK_STARTED, body, NULL, &started);
    memcpy(r.session, started.id, sizeof r.session);
    int64_t t0 = *ts;
    unsigned lines = 1 + t->level / 2 + (unsigned)(bench_rnd(&g->x) % 3);
    if (st == STIEL_OK)
        st = step(g, kiosk, ts, &r, "get_work", skill, NULL);
    for (unsigned l = 1; st == STIEL_OK && l <= lines; l++) {
        r.line = l;
        st = step(g, kiosk, ts, &r, "go_to_location", skill, NULL);
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "scan_location", skill, NULL);
        store_receipt item;
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "scan_item", skill, &item);
        if (st == STIEL_OK && bench_rnd(&g->x) % 2000 == 0)  /* a coach voids a mis-recorded step */
            st = bench_gen_put(g, "coach-1", *ts + 500, r.trainee, "C-01", EVIDENCE_KIND_VOID,
                               "{\"reason\":\"scanned by a colleague\"}", item.id, NULL);
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "quantity", skill, NULL);
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "put", skill, NULL);
        if (st == STIEL_OK && t->level >= 4)
            st = step(g, kiosk, ts, &r, "empty_check", skill, NULL);
    }
    if (st == STIEL_OK) {
        r.line = 0;
        snprintf(r.step, sizeof r.step, "done");
        r.seq++;
        r.result = PICK_RESULT_RIGHT_FIRST_TIME;
        r.errors = r.error_kinds = r.kiosk_help = 0;
        r.coach_help = PICK_PROMPT_NONE;
        r.duration_ms = (uint64_t)(*ts - t0);
        snprintf(r.scanned, sizeof r.scanned, "done:%u", lines);
        stiel_buf_reset(&g->payload);
        st = evidence_json_write(&r, &g->payload);
        if (st == STIEL_OK)
            st = bench_gen_put(g, kiosk, *ts, r.trainee, r.trainee, "step.pick.done",
                               (const char *)g->payload.data, NULL, NULL);
    }
    if (st == STIEL_OK) {
        snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"session\":\"%s\"}",
                 r.task, r.session);
        st = bench_gen_put(g, kiosk, *ts, r.trainee, r.trainee, EVIDENCE_KIND_TASK_FINISHED, body,
                           NULL, NULL);
    }
    *ts += t->pause_ms;
    return st;
}

int bench_gen_main(int argc, char **argv, const char *prog, long long default_events,
                   long long min_events, int (*build)(const char *path, long long events),
                   int (*measure)(const char *path))
{
    long long events = default_events;
    const char *dir = "/tmp", *measure_only = NULL;
    bool keep = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--events") == 0 && i + 1 < argc)
            events = atoll(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--measure") == 0 && i + 1 < argc)
            measure_only = argv[++i];
        else if (strcmp(argv[i], "--keep") == 0)
            keep = true;
        else {
            fprintf(stderr, "usage: %s [--events N] [--dir DIR] [--keep] | --measure PATH\n",
                    prog);
            return 2;
        }
    }
    if (measure_only)
        return measure(measure_only);
    if (events < min_events) {
        fprintf(stderr, "%s: --events must be at least %lld\n", prog, min_events);
        return 2;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s.db", dir, prog);
    int rc = build(path, events);
    if (rc == 0)
        rc = measure(path);
    if (!keep)
        bench_remove_store(path);
    else
        printf("kept %s\n", path);
    return rc;
}
