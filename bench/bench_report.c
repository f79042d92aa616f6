/* Benchmark of the work-experience dossier: generates a store in which one trainee has a year of
 * realistic pick evidence (default 500 000 events over 250 workdays: tasks of get work,
 * location, item, quantity, put (and empty checks) steps, task.started/finished, coach
 * observations, level changes, sign-offs, voids; a second trainee beside), then times
 * `stiel report` for that trainee: the model (summary, coach events, engine, the pass over the
 * trainee's events that finds the chains, chain heads) and each rendering.
 * usage: bench_report [--events N] [--dir DIR] [--keep] | --measure PATH */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/bench_evidence_gen.h"
#include "kiosk/report/report.h"
#include "kiosk/store/store_internal.h"

enum { WORKDAYS = 250 };

/* One task of the trainee on kiosk, always with scanner-1. */
static stiel_status task(bench_gen *g, const char *trainee, const char *kiosk, unsigned level,
                         long long n, int64_t *ts, double skill)
{
    char id[48];
    snprintf(id, sizeof id, "TR-%s-%07lld", trainee, n);
    bench_task spec = {.trainee = trainee, .kiosk = kiosk, .device = "scanner-1", .id = id,
                       .level = level, .skill = skill, .pause_ms = 15000};
    return bench_gen_task(g, &spec, ts);
}

static int build(const char *path, long long events)
{
    bench_remove_store(path);
    bench_gen g = {.x = 0x2545F4914F6CDD1DULL};
    stiel_buf_init(&g.payload, STORE_PAYLOAD_MAX);
    if (store_open(path, NULL, &g.s, &g.d) != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", g.d.text);
        return 1;
    }
    double t0 = bench_now_s();
    stiel_status st = STIEL_OK;
    long long per_day = events / WORKDAYS, n = 0;
    const int64_t year = 1735689600000LL;  /* 2025-01-01T00:00Z */
    unsigned level = 1;
    for (int day = 0; st == STIEL_OK && day < WORKDAYS && g.appended < events; day++) {
        int64_t date = year + (int64_t)(day / 5 * 7 + day % 5) * 86400000LL;  /* Mon..Fri */
        if (day > 0 && day % 50 == 0 && level < 5) {
            char body[128];
            snprintf(body, sizeof body, "{\"level\":%u,\"from\":%u,\"reason\":\"progress\"}",
                     level + 1, level);
            level++;
            st = bench_gen_put(&g, "coach-1", date + 6 * 3600000LL, "T-0001", "S-01",
                     EVIDENCE_KIND_LEVEL_CHANGED, body, NULL, NULL);
        }
        double skill = 0.5 + 0.5 * (double)day / WORKDAYS;
        int64_t ts = date + 7 * 3600000LL;
        long long start = g.appended;
        while (st == STIEL_OK && g.appended - start < per_day && g.appended < events)
            st = task(&g, "T-0001", day % 3 ? "pick-1" : "pick-2", level, n++, &ts, skill);
        /* a colleague on the other kiosk, a little each day */
        int64_t ts2 = date + 7 * 3600000LL;
        if (st == STIEL_OK)
            st = task(&g, "T-0002", "pick-2", 2, n++, &ts2, 0.7);
        if (st == STIEL_OK && day % 5 == 2) {
            char body[160];
            snprintf(body, sizeof body, "{\"category\":\"%s\",\"outcome\":\"%s\",\"note\":\"week %d\"}",
                     day % 2 ? "safety" : "teamwork", bench_rnd(&g.x) % 5 ? "positive" : "concern",
                     day / 5 + 1);
            st = bench_gen_put(&g, "coach-1", ts, "T-0001", "C-01", EVIDENCE_KIND_OBSERVATION, body, NULL,
                     NULL);
        }
        if (st == STIEL_OK && (day == 120 || day == 200))
            st = bench_gen_put(&g, "coach-1", ts, "T-0001", "C-01", EVIDENCE_KIND_SIGNED_OFF,
                     day == 120 ? "{\"competency\":\"mm.item\",\"framework\":\"magazijnmedewerker\","
                                  "\"criteria_met\":true}"
                                : "{\"competency\":\"mm.location\",\"framework\":"
                                  "\"magazijnmedewerker\",\"criteria_met\":true}",
                     NULL, NULL);
    }
    if (st == STIEL_OK && g.appended > 0)
        st = store_bulk_end(g.s, &g.d);
    if (st != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", g.d.text);
        store_close(g.s);
        stiel_buf_free(&g.payload);
        return 1;
    }
    sqlite3_wal_checkpoint_v2(store_sqlite(g.s), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    double built = bench_now_s() - t0;
    store_close(g.s);
    stiel_buf_free(&g.payload);
    struct stat sb;
    printf("generated %lld events (one trainee's year: %d workdays) in %.1f s, file %.1f MiB\n",
           g.appended, WORKDAYS, built,
           stat(path, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0.0);
    return 0;
}

static int load(competency_framework *fw, size_t *nfw, service_levels *lv)
{
    static const char *const names[] = {"competencies/magazijnmedewerker.ini",
                                        "competencies/verpakker.ini"};
    for (size_t i = 0; i < 2; i++) {
        size_t len = 0;
        char *t = bench_read_asset(names[i], &len);
        if (!t || competency_framework_parse(names[i], t, len, &fw[i], NULL) != STIEL_OK) {
            free(t);
            return -1;
        }
        free(t);
    }
    *nfw = 2;
    size_t len = 0;
    char *t = bench_read_asset("levels.ini", &len);
    int rc = t && service_levels_parse("levels.ini", t, len, lv, NULL) == STIEL_OK ? 0 : -1;
    free(t);
    return rc;
}

/* One dossier: the model and one rendering; the seconds each took. */
static int once(store *s, const report_options *o, const char *format, double *t_model,
                double *t_render, size_t *bytes, report *keep)
{
    stiel_diag d;
    report r;
    double t0 = bench_now_s();
    if (report_build(s, "T-0001", NULL, 0, o, &r, &d) != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", d.text);
        return -1;
    }
    double t1 = bench_now_s();
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_status st = strcmp(format, "pdf") == 0    ? report_render_pdf(&r, &b, &d)
                      : strcmp(format, "html") == 0 ? report_render_html(&r, &b, &d)
                                                    : report_render_csv(&r, &b, &d);
    double t2 = bench_now_s();
    *t_model = t1 - t0;
    *t_render = t2 - t1;
    *bytes = b.len;
    stiel_buf_free(&b);
    if (keep)
        *keep = r;
    else
        report_free(&r);
    return st == STIEL_OK ? 0 : -1;
}

static int measure(const char *path)
{
    competency_framework *fw = calloc(2, sizeof *fw);
    service_levels lv;
    size_t nfw = 0;
    if (!fw || load(fw, &nfw, &lv) != 0) {
        fputs("bench_report: cannot load the assets\n", stderr);
        free(fw);
        return 1;
    }
    store *s = NULL;
    stiel_diag d;
    store_options ro = {.read_only = true, .must_exist = true};
    if (store_open(path, &ro, &s, &d) != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", d.text);
        free(fw);
        return 1;
    }
    int64_t events = 0;
    report_options o = {.from_day = REPORT_DAY_NONE, .to_day = REPORT_DAY_NONE,
                        .frameworks = fw, .framework_count = nfw, .levels = &lv,
                        .now_ms = 1767225600000LL, .chains_from_all_events = true};
    static const char *const formats[] = {"pdf", "html", "csv"};
    printf("dossier of T-0001 (a year of evidence), `stiel report` without process start-up:\n");
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        o.chains_from_all_events = pass == 0;
        for (int f = 0; f < 3 && rc == 0; f++) {
            double best_m = 1e9, best_r = 1e9, first = 0;
            size_t bytes = 0;
            report r;
            for (int i = 0; i < 3 && rc == 0; i++) {
                double tm = 0, tr = 0;
                rc = once(s, &o, formats[f], &tm, &tr, &bytes, i == 0 ? &r : NULL);
                if (i == 0)
                    first = tm + tr;
                if (tm < best_m)
                    best_m = tm;
                if (tr < best_r)
                    best_r = tr;
            }
            if (rc != 0)
                break;
            if (f == 0 && pass == 0) {
                events = (int64_t)r.steps + (int64_t)r.tasks;
                printf("  %lld steps and %llu tasks on %lld days, %zu chains, code %.16s...\n",
                       (long long)r.steps, (unsigned long long)r.tasks,
                       (long long)r.days_on_floor, r.chain_count, r.code);
            }
            report_free(&r);
            printf("  %-4s %s: first %.0f ms; best model %.0f ms + render %.0f ms = %.0f ms "
                   "(%zu bytes)\n",
                   formats[f], pass == 0 ? "chains from every event" : "chains from coach events",
                   first * 1e3, best_m * 1e3, best_r * 1e3, (best_m + best_r) * 1e3, bytes);
        }
    }
    (void)events;
    store_close(s);
    free(fw);
    return rc;
}

int main(int argc, char **argv)
{
    return bench_gen_main(argc, argv, "bench_report", 500000, WORKDAYS * 20, build, measure);
}
