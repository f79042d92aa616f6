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
#include <time.h>
#include <unistd.h>

#include "kiosk/report/report.h"
#include "kiosk/store/store_internal.h"

enum { WORKDAYS = 250, BULK_BATCH = 50000 };

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
    long long appended;
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
                         const char *name, double skill, store_receipt *rc)
{
    snprintf(r->step, sizeof r->step, "%s", name);
    r->seq++;
    unsigned err_per_mille = (unsigned)(300.0 * (1.0 - skill));
    r->errors = rnd(&g->x) % 1000 < err_per_mille ? 1 + (unsigned)(rnd(&g->x) % 2) : 0;
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

static stiel_status task(gen *g, const char *trainee, const char *kiosk, unsigned level,
                         long long n, int64_t *ts, double skill)
{
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.trainee, sizeof r.trainee, "%s", trainee);
    r.level = level;
    snprintf(r.task, sizeof r.task, "TR-%s-%07lld", trainee, n);
    snprintf(r.device, sizeof r.device, "scanner-1");
    store_receipt started;
    char body[200];
    snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"level\":%u}", r.task, level);
    stiel_status st = put(g, kiosk, *ts, trainee, trainee, EVIDENCE_KIND_TASK_STARTED, body,
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
        if (st == STIEL_OK && rnd(&g->x) % 2000 == 0)
            st = put(g, "coach-1", *ts + 500, trainee, "C-01", EVIDENCE_KIND_VOID,
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
        r.errors = r.error_kinds = r.kiosk_help = 0;
        r.coach_help = PICK_PROMPT_NONE;
        r.duration_ms = (uint64_t)(*ts - t0);
        snprintf(r.scanned, sizeof r.scanned, "done:%u", lines);
        stiel_buf_reset(&g->payload);
        st = evidence_json_write(&r, &g->payload);
        if (st == STIEL_OK)
            st = put(g, kiosk, *ts, trainee, trainee, "step.pick.done",
                     (const char *)g->payload.data, NULL, NULL);
    }
    if (st == STIEL_OK) {
        snprintf(body, sizeof body, "{\"task\":\"%s\",\"flow\":\"pick\",\"session\":\"%s\"}",
                 r.task, r.session);
        st = put(g, kiosk, *ts, trainee, trainee, EVIDENCE_KIND_TASK_FINISHED, body, NULL, NULL);
    }
    *ts += 15000;
    return st;
}

static int build(const char *path, long long events)
{
    remove_store(path);
    gen g = {.x = 0x2545F4914F6CDD1DULL};
    stiel_buf_init(&g.payload, STORE_PAYLOAD_MAX);
    if (store_open(path, NULL, &g.s, &g.d) != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", g.d.text);
        return 1;
    }
    double t0 = now_s();
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
            st = put(&g, "coach-1", date + 6 * 3600000LL, "T-0001", "S-01",
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
                     day % 2 ? "safety" : "teamwork", rnd(&g.x) % 5 ? "positive" : "concern",
                     day / 5 + 1);
            st = put(&g, "coach-1", ts, "T-0001", "C-01", EVIDENCE_KIND_OBSERVATION, body, NULL,
                     NULL);
        }
        if (st == STIEL_OK && (day == 120 || day == 200))
            st = put(&g, "coach-1", ts, "T-0001", "C-01", EVIDENCE_KIND_SIGNED_OFF,
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
    double built = now_s() - t0;
    store_close(g.s);
    stiel_buf_free(&g.payload);
    struct stat sb;
    printf("generated %lld events (one trainee's year: %d workdays) in %.1f s, file %.1f MiB\n",
           g.appended, WORKDAYS, built,
           stat(path, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0.0);
    return 0;
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

static int load(competency_framework *fw, size_t *nfw, service_levels *lv)
{
    static const char *const names[] = {"competencies/magazijnmedewerker.ini",
                                        "competencies/verpakker.ini"};
    for (size_t i = 0; i < 2; i++) {
        size_t len = 0;
        char *t = read_asset(names[i], &len);
        if (!t || competency_framework_parse(names[i], t, len, &fw[i], NULL) != STIEL_OK) {
            free(t);
            return -1;
        }
        free(t);
    }
    *nfw = 2;
    size_t len = 0;
    char *t = read_asset("levels.ini", &len);
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
    double t0 = now_s();
    if (report_build(s, "T-0001", NULL, 0, o, &r, &d) != STIEL_OK) {
        fprintf(stderr, "bench_report: %s\n", d.text);
        return -1;
    }
    double t1 = now_s();
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_status st = strcmp(format, "pdf") == 0    ? report_render_pdf(&r, &b, &d)
                      : strcmp(format, "html") == 0 ? report_render_html(&r, &b, &d)
                                                    : report_render_csv(&r, &b, &d);
    double t2 = now_s();
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
    long long events = 500000;
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
            fputs("usage: bench_report [--events N] [--dir DIR] [--keep] | --measure PATH\n",
                  stderr);
            return 2;
        }
    }
    if (measure_only)
        return measure(measure_only);
    if (events < WORKDAYS * 20) {
        fprintf(stderr, "bench_report: --events must be at least %d\n", WORKDAYS * 20);
        return 2;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/bench-report.db", dir);
    int rc = build(path, events);
    if (rc == 0)
        rc = measure(path);
    if (!keep)
        remove_store(path);
    else
        printf("kept %s\n", path);
    return rc;
}
