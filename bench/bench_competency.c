/* Benchmark of competency status on a large store: generates a hub's year (20 trainees, N
 * events, default 5 000 000) of realistic pick evidence — tasks of get work, location, item,
 * quantity, put (and empty checks) steps, task.started/finished, coach observations, sign-offs,
 * level changes, voids — with payloads from evidence_json_write, then times what
 * `stiel competency` does for one trainee (summary + coach events + engine) against a raw
 * recomputation from every payload of that trainee.
 * usage: bench_competency [--events N] [--dir DIR] [--keep] | --measure PATH */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/core/competency.h"
#include "kiosk/store/store_internal.h"

enum { TRAINEES = 20, WORKDAYS = 250, BULK_BATCH = 50000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
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

typedef struct gen {
    store *s;
    stiel_diag d;
    long long appended, target;
    stiel_buf payload;
    uint64_t x;
} gen;

static stiel_status put(gen *g, const char *kiosk, int64_t ts, const char *trainee,
                        const char *actor, const char *kind, const char *payload,
                        const char *voids, store_receipt *rc)
{
    if (g->appended % BULK_BATCH == 0) {
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

static stiel_status step(gen *g, const char *kiosk, int64_t *ts, evidence_record *r,
                         const char *step_name, double skill, store_receipt *rc)
{
    snprintf(r->step, sizeof r->step, "%s", step_name);
    r->seq++;
    uint64_t roll = rnd(&g->x) % 1000;
    unsigned err_per_mille = (unsigned)(300.0 * (1.0 - skill));
    r->errors = roll < err_per_mille ? 1 + (unsigned)(rnd(&g->x) % 2) : 0;
    r->result = r->errors ? PICK_RESULT_CORRECTED : PICK_RESULT_RIGHT_FIRST_TIME;
    r->error_kinds = r->errors ? 1u << (rnd(&g->x) % 4) : 0;
    r->coach_help = rnd(&g->x) % 1000 < (uint64_t)(400.0 * (1.0 - skill))
                        ? (pick_prompt)(1 + rnd(&g->x) % 4)
                        : PICK_PROMPT_NONE;
    if (rnd(&g->x) % 500 == 0)
        r->result = PICK_RESULT_SKIPPED;
    r->kiosk_help = rnd(&g->x) % 10 == 0 ? PICK_HINT_PHOTO : 0;
    r->duration_ms = 1500 + rnd(&g->x) % (uint64_t)(12000.0 * (1.2 - skill));
    *ts += (int64_t)r->duration_ms;
    r->at_ms = (uint64_t)*ts;
    snprintf(r->expected, sizeof r->expected, "87191231%05u", (unsigned)(rnd(&g->x) % 100000));
    snprintf(r->scanned, sizeof r->scanned, "%s", r->expected);
    char kind[EVIDENCE_KIND_MAX + 1];
    evidence_kind(r, kind, sizeof kind);
    stiel_buf_reset(&g->payload);
    stiel_status st = evidence_json_write(r, &g->payload);
    if (st == STIEL_OK)
        st = put(g, kiosk, *ts, r->trainee, r->trainee, kind, (const char *)g->payload.data, NULL,
                 rc);
    return st;
}

/* One task of `lines` lines for trainee t at level. */
static stiel_status task(gen *g, int t, unsigned level, long long n, int64_t *ts, double skill)
{
    static const char *const kiosks[] = {"pick-1", "pick-2"};
    const char *kiosk = kiosks[t % 2];
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.trainee, sizeof r.trainee, "T-%04d", t + 1);
    r.level = level;
    snprintf(r.task, sizeof r.task, "TR-%04d-%06lld", t + 1, n);
    snprintf(r.device, sizeof r.device, "scanner-%d", 1 + t % 2);
    store_receipt started;
    char body[160];
    snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"level\":%u}", r.task, level);
    stiel_status st = put(g, kiosk, *ts, r.trainee, r.trainee, EVIDENCE_KIND_TASK_STARTED, body,
                          NULL, &started);
    memcpy(r.session, started.id, sizeof r.session);
    int64_t t0 = *ts;
    unsigned lines = 1 + level / 2 + (unsigned)(rnd(&g->x) % 3);
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
        if (st == STIEL_OK && rnd(&g->x) % 2000 == 0)  /* a coach voids a mis-recorded step */
            st = put(g, "coach-1", *ts + 500, r.trainee, "C-01", EVIDENCE_KIND_VOID,
                     "{\"reason\":\"scanned by a colleague\"}", item.id, NULL);
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "quantity", skill, NULL);
        if (st == STIEL_OK)
            st = step(g, kiosk, ts, &r, "put", skill, NULL);
        if (st == STIEL_OK && level >= 4)
            st = step(g, kiosk, ts, &r, "empty_check", skill, NULL);
    }
    if (st == STIEL_OK) {
        r.line = 0;
        snprintf(r.step, sizeof r.step, "done");
        r.seq++;
        r.result = PICK_RESULT_RIGHT_FIRST_TIME;
        r.errors = 0;
        r.error_kinds = 0;
        r.kiosk_help = 0;
        r.coach_help = PICK_PROMPT_NONE;
        r.duration_ms = (uint64_t)(*ts - t0);
        snprintf(r.scanned, sizeof r.scanned, "done:%u", lines);
        stiel_buf_reset(&g->payload);
        st = evidence_json_write(&r, &g->payload);
        if (st == STIEL_OK)
            st = put(g, kiosk, *ts, r.trainee, r.trainee, "step.pick.done",
                     (const char *)g->payload.data, NULL, NULL);
    }
    if (st == STIEL_OK) {
        snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"session\":\"%s\"}",
                 r.task, r.session);
        st = put(g, kiosk, *ts, r.trainee, r.trainee, EVIDENCE_KIND_TASK_FINISHED, body, NULL,
                 NULL);
    }
    *ts += 20000;
    return st;
}

static int build(const char *path, long long events)
{
    remove_store(path);
    gen g = {.target = events, .x = 0x2545F4914F6CDD1DULL};
    stiel_buf_init(&g.payload, STORE_PAYLOAD_MAX);
    if (store_open(path, NULL, &g.s, &g.d) != STIEL_OK) {
        fprintf(stderr, "bench_competency: %s\n", g.d.text);
        return 1;
    }
    double t0 = now_s();
    stiel_status st = STIEL_OK;
    long long per_day = events / (TRAINEES * WORKDAYS);
    long long n = 0;
    const int64_t year = 1735689600000LL;  /* 2025-01-01T00:00Z */
    for (int day = 0; st == STIEL_OK && day < WORKDAYS && g.appended < events; day++) {
        int64_t date = year + (int64_t)(day / 5 * 7 + day % 5) * 86400000LL;  /* Mon..Fri */
        for (int t = 0; st == STIEL_OK && t < TRAINEES; t++) {
            unsigned level = 1 + (unsigned)((t % 3) + day / 60);
            if (level > 5)
                level = 5;
            double skill = 0.5 + 0.5 * (double)day / WORKDAYS;
            if (t % 5 == 4)
                skill *= 0.8;  /* some struggle */
            int64_t ts = date + 7 * 3600000LL + t * 60000LL;
            long long start = g.appended;
            while (st == STIEL_OK && g.appended - start < per_day && g.appended < events)
                st = task(&g, t, level, n++, &ts, skill);
            char trainee[16], body[128];
            snprintf(trainee, sizeof trainee, "T-%04d", t + 1);
            if (st == STIEL_OK && day % 7 == t % 7) {
                snprintf(body, sizeof body, "{\"category\":\"%s\",\"outcome\":\"%s\"}",
                         day % 2 ? "safety" : "teamwork", rnd(&g.x) % 5 ? "positive" : "concern");
                st = put(&g, "coach-1", ts, trainee, "C-01", EVIDENCE_KIND_OBSERVATION, body,
                         NULL, NULL);
            }
            if (st == STIEL_OK && day > 0 && day % 60 == 0 && level < 5) {
                snprintf(body, sizeof body, "{\"level\":%u,\"from\":%u,\"reason\":\"progress\"}",
                         level, level - 1);
                st = put(&g, "coach-1", date + 6 * 3600000LL, trainee, "S-01",
                         EVIDENCE_KIND_LEVEL_CHANGED, body, NULL, NULL);
            }
            if (st == STIEL_OK && day == 200 && t % 2 == 0)
                st = put(&g, "coach-1", ts, trainee, "C-01", EVIDENCE_KIND_SIGNED_OFF,
                         "{\"competency\":\"mm.item\",\"framework\":\"magazijnmedewerker\"}",
                         NULL, NULL);
        }
    }
    if (st == STIEL_OK && g.appended > 0)
        st = store_bulk_end(g.s, &g.d);
    if (st != STIEL_OK) {
        fprintf(stderr, "bench_competency: %s\n", g.d.text);
        store_close(g.s);
        stiel_buf_free(&g.payload);
        return 1;
    }
    sqlite3_wal_checkpoint_v2(store_sqlite(g.s), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    double built = now_s() - t0;
    store_close(g.s);
    stiel_buf_free(&g.payload);
    struct stat sb;
    long long bytes = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
    printf("generated %lld events (20 trainees, %d workdays) in %.1f s (%.0f events/s, summary "
           "triggers on)\n  file %.1f MiB, %.0f bytes per event\n",
           g.appended, WORKDAYS, built, (double)g.appended / built, (double)bytes / 1048576.0,
           g.appended ? (double)bytes / (double)g.appended : 0.0);
    return 0;
}

/* ---- measuring ----------------------------------------------------------------------------- */

static int summary_row(const store_summary_row *row, void *ctx)
{
    competency_counts n = {
        .attempts = (uint64_t)row->attempts, .rft = (uint64_t)row->rft,
        .independent = (uint64_t)row->independent, .skipped = (uint64_t)row->skipped,
        .coach_done = (uint64_t)row->coach_done, .errors = (uint64_t)row->errors,
        .duration_ms = (uint64_t)row->duration_ms, .help_weight = (uint64_t)row->help_weight,
        .lines_done = (uint64_t)row->lines_done};
    return competency_cells_add(ctx, row->kind, row->level, row->day, &n, 1) == STIEL_OK ? 0 : 1;
}

typedef struct coach_acc {
    competency_observation_in obs[512];
    size_t nobs;
    competency_signoff_in so[64];
    size_t nso;
} coach_acc;

static int coach_row(const store_row *row, void *ctx)
{
    coach_acc *c = ctx;
    if (strcmp(row->kind, EVIDENCE_KIND_OBSERVATION) == 0 && c->nobs < 512) {
        evidence_observation o;
        if (evidence_observation_parse(row->payload, strlen(row->payload), &o, NULL) == STIEL_OK) {
            competency_observation_in *x = &c->obs[c->nobs++];
            snprintf(x->category, sizeof x->category, "%s", o.category);
            x->day = row->ts_ms / 86400000;
            x->ts_ms = row->ts_ms;
            x->positive = o.positive;
        }
    } else if (strcmp(row->kind, EVIDENCE_KIND_SIGNED_OFF) == 0 && c->nso < 64) {
        evidence_signoff s;
        if (evidence_signoff_parse(row->payload, strlen(row->payload), &s, NULL) == STIEL_OK) {
            snprintf(c->so[c->nso].competency, sizeof c->so[0].competency, "%s", s.competency);
            c->so[c->nso++].day = row->ts_ms / 86400000;
        }
    }
    return 0;
}

static int raw_row(const store_row *row, void *ctx)
{
    if (strncmp(row->kind, "step.", 5) != 0 || !row->payload || row->voids_id)
        return 0;
    evidence_record r;
    if (evidence_json_parse(row->payload, strlen(row->payload), &r, NULL) != STIEL_OK)
        return 0;
    competency_counts n;
    memset(&n, 0, sizeof n);
    competency_counts_add_record(&n, &r);
    return competency_cells_add(ctx, row->kind, r.level, row->ts_ms / 86400000, &n, 1) ==
                   STIEL_OK
               ? 0
               : 1;
}

static char *read_asset(const char *rel, size_t *len)
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

/* What `stiel competency` does for one trainee; returns the seconds it took. */
static double status_once(store *s, const char *trainee, const competency_framework *fw,
                          const service_levels *lv, competency_suggestion *sug, size_t *cells_out)
{
    double t0 = now_s();
    competency_cells cells;
    competency_cells_init(&cells);
    coach_acc *coach = calloc(1, sizeof *coach);
    store_stats_summary(s, trainee, summary_row, &cells, NULL);
    store_stats_coach_events(s, trainee, coach_row, coach, NULL);
    competency_input in = {.cells = cells.items, .cell_count = cells.count,
                           .observations = coach->obs, .observation_count = coach->nobs,
                           .signoffs = coach->so, .signoff_count = coach->nso};
    competency_result res[COMP_MAX];
    competency_evaluate(fw, &in, res);
    competency_dims *d = NULL;
    size_t nd = 0;
    competency_dimensions(cells.items, cells.count, lv, COMP_BY_DAY, &d, &nd);
    free(d);
    competency_dimensions(cells.items, cells.count, lv, COMP_BY_LEVEL, &d, &nd);
    free(d);
    competency_suggest(cells.items, cells.count, lv, 0, sug);
    double dt = now_s() - t0;
    *cells_out = cells.count;
    competency_cells_free(&cells);
    free(coach);
    return dt;
}

static int measure(const char *path)
{
    size_t len = 0;
    char *fw_text = read_asset("competencies/magazijnmedewerker.ini", &len);
    competency_framework *fw = malloc(sizeof *fw);
    service_levels lv;
    if (!fw_text || !fw ||
        competency_framework_parse("magazijnmedewerker.ini", fw_text, len, fw, NULL) != STIEL_OK) {
        fputs("bench_competency: cannot load the framework\n", stderr);
        return 1;
    }
    free(fw_text);
    char *lv_text = read_asset("levels.ini", &len);
    if (!lv_text || service_levels_parse("levels.ini", lv_text, len, &lv, NULL) != STIEL_OK) {
        fputs("bench_competency: cannot load levels.ini\n", stderr);
        return 1;
    }
    free(lv_text);
    store *s = NULL;
    stiel_diag d;
    store_options ro = {.read_only = true, .must_exist = true};
    if (store_open(path, &ro, &s, &d) != STIEL_OK) {
        fprintf(stderr, "bench_competency: %s\n", d.text);
        return 1;
    }
    competency_suggestion sug;
    size_t ncells = 0;
    double first = status_once(s, "T-0007", fw, &lv, &sug, &ncells);
    double best = first, sum = 0;
    const int runs = 10;
    for (int i = 0; i < runs; i++) {
        char trainee[16];
        snprintf(trainee, sizeof trainee, "T-%04d", 1 + i % TRAINEES);
        double t = status_once(s, trainee, fw, &lv, &sug, &ncells);
        sum += t;
        if (t < best)
            best = t;
    }
    printf("competency status for one trainee (summary + coach events + engine + dimensions + "
           "suggestion):\n  first %.1f ms, mean of %d trainees %.1f ms, best %.1f ms (%zu summary "
           "cells; T-0020: %s)\n",
           first * 1e3, runs, sum / runs * 1e3, best * 1e3, ncells,
           sug.kind ? sug.text : "no suggestion");
    competency_cells raw;
    competency_cells_init(&raw);
    double t0 = now_s();
    store_trainee_events(s, "T-0007", raw_row, &raw, NULL);
    double t_raw = now_s() - t0;
    printf("  for comparison, recomputing T-0007 from every raw payload: %.0f ms (%zu cells)\n",
           t_raw * 1e3, raw.count);
    competency_cells_free(&raw);
    store_close(s);
    free(fw);
    return 0;
}

int main(int argc, char **argv)
{
    long long events = 5000000;
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
            fputs("usage: bench_competency [--events N] [--dir DIR] [--keep] | --measure PATH\n",
                  stderr);
            return 2;
        }
    }
    if (measure_only)
        return measure(measure_only);
    if (events < TRAINEES * WORKDAYS) {
        fprintf(stderr, "bench_competency: --events must be at least %d\n", TRAINEES * WORKDAYS);
        return 2;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/bench-competency.db", dir);
    int rc = build(path, events);
    if (rc == 0)
        rc = measure(path);
    if (!keep)
        remove_store(path);
    else
        printf("kept %s\n", path);
    return rc;
}
