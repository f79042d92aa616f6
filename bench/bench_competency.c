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

#include "bench/bench_evidence_gen.h"
#include "kiosk/core/competency.h"
#include "kiosk/store/store_internal.h"

enum { TRAINEES = 20, WORKDAYS = 250 };

/* One task for trainee t (index) at level: kiosk and scanner alternate between trainees. */
static stiel_status task(bench_gen *g, int t, unsigned level, long long n, int64_t *ts,
                         double skill)
{
    static const char *const kiosks[] = {"pick-1", "pick-2"};
    char trainee[16], device[16], id[48];
    snprintf(trainee, sizeof trainee, "T-%04d", t + 1);
    snprintf(device, sizeof device, "scanner-%d", 1 + t % 2);
    snprintf(id, sizeof id, "TR-%04d-%06lld", t + 1, n);
    bench_task spec = {.trainee = trainee, .kiosk = kiosks[t % 2], .device = device, .id = id,
                       .level = level, .skill = skill, .pause_ms = 20000};
    return bench_gen_task(g, &spec, ts);
}

static int build(const char *path, long long events)
{
    bench_remove_store(path);
    bench_gen g = {.x = 0x2545F4914F6CDD1DULL};
    stiel_buf_init(&g.payload, STORE_PAYLOAD_MAX);
    if (store_open(path, NULL, &g.s, &g.d) != STIEL_OK) {
        fprintf(stderr, "bench_competency: %s\n", g.d.text);
        return 1;
    }
    double t0 = bench_now_s();
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
                         day % 2 ? "safety" : "teamwork", bench_rnd(&g.x) % 5 ? "positive" : "concern");
                st = bench_gen_put(&g, "coach-1", ts, trainee, "C-01", EVIDENCE_KIND_OBSERVATION, body,
                         NULL, NULL);
            }
            if (st == STIEL_OK && day > 0 && day % 60 == 0 && level < 5) {
                snprintf(body, sizeof body, "{\"level\":%u,\"from\":%u,\"reason\":\"progress\"}",
                         level, level - 1);
                st = bench_gen_put(&g, "coach-1", date + 6 * 3600000LL, trainee, "S-01",
                         EVIDENCE_KIND_LEVEL_CHANGED, body, NULL, NULL);
            }
            if (st == STIEL_OK && day == 200 && t % 2 == 0)
                st = bench_gen_put(&g, "coach-1", ts, trainee, "C-01", EVIDENCE_KIND_SIGNED_OFF,
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
    double built = bench_now_s() - t0;
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

/* What `stiel competency` does for one trainee; returns the seconds it took. */
static double status_once(store *s, const char *trainee, const competency_framework *fw,
                          const service_levels *lv, competency_suggestion *sug, size_t *cells_out)
{
    double t0 = bench_now_s();
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
    double dt = bench_now_s() - t0;
    *cells_out = cells.count;
    competency_cells_free(&cells);
    free(coach);
    return dt;
}

static int measure(const char *path)
{
    size_t len = 0;
    char *fw_text = bench_read_asset("competencies/magazijnmedewerker.ini", &len);
    competency_framework *fw = malloc(sizeof *fw);
    service_levels lv;
    if (!fw_text || !fw ||
        competency_framework_parse("magazijnmedewerker.ini", fw_text, len, fw, NULL) != STIEL_OK) {
        fputs("bench_competency: cannot load the framework\n", stderr);
        return 1;
    }
    free(fw_text);
    char *lv_text = bench_read_asset("levels.ini", &len);
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
    double t0 = bench_now_s();
    store_trainee_events(s, "T-0007", raw_row, &raw, NULL);
    double t_raw = bench_now_s() - t0;
    printf("  for comparison, recomputing T-0007 from every raw payload: %.0f ms (%zu cells)\n",
           t_raw * 1e3, raw.count);
    competency_cells_free(&raw);
    store_close(s);
    free(fw);
    return 0;
}

int main(int argc, char **argv)
{
    return bench_gen_main(argc, argv, "bench_competency", 5000000, TRAINEES * WORKDAYS, build, measure);
}
