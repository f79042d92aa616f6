/* stiel competency TRAINEE [--db PATH] [--assets DIR]: each competency of every framework in
 * assets/competencies with its status and counts, the wage-value dimensions per level and per
 * day, and the level suggestion with the evidence behind it (the supervisor decides). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/cli.h"
#include "kiosk/core/competency.h"
#include "kiosk/store/store.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

enum { FRAMEWORKS_MAX = CLI_FRAMEWORKS_MAX, DAYS_SHOWN = 14 };

typedef struct coach_in {
    competency_observation_in *obs;
    size_t nobs, aobs;
    competency_signoff_in *so;
    size_t nso, aso;
    unsigned level;   /* from the latest level.changed, 0 none */
} coach_in;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (stiel_buf_append(&b, chunk, n) != STIEL_OK)
            break;
    bool ok = !ferror(f) && feof(f);
    fclose(f);
    if (!ok || !b.data) {
        stiel_buf_free(&b);
        return ok ? calloc(1, 1) : NULL;
    }
    *len = b.len;
    return (char *)b.data;
}

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

static int coach_row(const store_row *row, void *ctx)
{
    coach_in *c = ctx;
    size_t len = strlen(row->payload);
    if (strcmp(row->kind, EVIDENCE_KIND_OBSERVATION) == 0) {
        evidence_observation o;
        if (evidence_observation_parse(row->payload, len, &o, NULL) != STIEL_OK)
            return 0;
        if (c->nobs == c->aobs) {
            size_t na = c->aobs ? c->aobs * 2 : 16;
            void *p = realloc(c->obs, na * sizeof *c->obs);
            if (!p)
                return 1;
            c->obs = p;
            c->aobs = na;
        }
        competency_observation_in *x = &c->obs[c->nobs++];
        memset(x, 0, sizeof *x);
        snprintf(x->category, sizeof x->category, "%s", o.category);
        x->day = row->ts_ms / 86400000;
        x->ts_ms = row->ts_ms;
        x->positive = o.positive;
    } else if (strcmp(row->kind, EVIDENCE_KIND_SIGNED_OFF) == 0) {
        evidence_signoff s;
        if (evidence_signoff_parse(row->payload, len, &s, NULL) != STIEL_OK)
            return 0;
        if (c->nso == c->aso) {
            size_t na = c->aso ? c->aso * 2 : 16;
            void *p = realloc(c->so, na * sizeof *c->so);
            if (!p)
                return 1;
            c->so = p;
            c->aso = na;
        }
        competency_signoff_in *x = &c->so[c->nso++];
        memset(x, 0, sizeof *x);
        snprintf(x->competency, sizeof x->competency, "%s", s.competency);
        x->day = row->ts_ms / 86400000;
    } else if (strcmp(row->kind, EVIDENCE_KIND_LEVEL_CHANGED) == 0) {
        const char *p = strstr(row->payload, "\"" EVIDENCE_F_LEVEL "\":");
        if (p)
            c->level = (unsigned)strtoul(p + strlen(EVIDENCE_F_LEVEL) + 3, NULL, 10);
    }
    return 0;
}

static void day_text(int64_t day, char out[16])
{
    time_t t = (time_t)(day * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static void print_value(double v, const char *fmt)
{
    if (v < 0)
        printf(" %8s", "-");
    else
        printf(fmt, v);
}

static void print_dims(const competency_dims *d, size_t n, competency_group by, size_t from)
{
    printf("  %-10s %7s %7s %9s %9s %9s %7s\n", by == COMP_BY_DAY ? "day" : "level", "steps",
           "tasks", "quality%", "err/step", "tempo%", "support");
    for (size_t i = from; i < n; i++) {
        char key[16];
        if (by == COMP_BY_DAY)
            day_text(d[i].key, key);
        else
            snprintf(key, sizeof key, "%lld", (long long)d[i].key);
        printf("  %-10s %7llu %7llu", key, (unsigned long long)d[i].steps,
               (unsigned long long)d[i].tasks);
        print_value(d[i].quality_pct, " %8.1f%%");
        print_value(d[i].errors_per_step, " %9.2f");
        print_value(d[i].tempo_pct, " %8.0f%%");
        print_value(d[i].support_per_task, " %7.1f");
        printf("\n");
    }
}

static int print_framework(const competency_framework *fw, const competency_input *in)
{
    competency_result *res = calloc(COMP_MAX, sizeof *res);
    if (!res || competency_evaluate(fw, in, res) != STIEL_OK) {
        free(res);
        fputs("stiel competency: out of memory\n", stderr);
        return 2;
    }
    printf("\n%s / %s (%s)\n", fw->name_nl, fw->name_en, fw->qualification);
    for (size_t i = 0; i < fw->count; i++) {
        const competency_def *c = &fw->items[i];
        const competency_result *r = &res[i];
        printf("  %-16s %-15s %s\n", c->id, competency_state_name(r->state), c->name_en);
        if (c->source == COMP_SOURCE_STEPS)
            printf("  %-16s attempts %llu at level >= %u (%llu in all), right first time "
                   "%.0f %%, independent %.0f %%, %u day(s); needs %u, %u %%, %u %%, %u days\n",
                   "", (unsigned long long)r->attempts, c->min_level,
                   (unsigned long long)r->attempts_all, r->rft_pct, r->independent_pct, r->days,
                   c->min_attempts, c->min_rft_pct, c->min_independent_pct, c->min_days);
        else
            printf("  %-16s coach observations '%s': %llu positive, %llu concern(s), %u day(s); "
                   "needs %u positive on %u days, the latest positive\n",
                   "", c->category, (unsigned long long)r->attempts,
                   (unsigned long long)r->concerns, r->days, c->min_attempts, c->min_days);
        if (r->signed_off_day >= 0) {
            char d[16];
            day_text(r->signed_off_day, d);
            printf("  %-16s signed off on %s\n", "", d);
        }
    }
    free(res);
    return 0;
}

static int usage(const char *bad)
{
    fprintf(stderr, "stiel competency: unexpected '%s' (usage: stiel competency TRAINEE "
                    "[--db PATH] [--assets DIR])\n", bad);
    return 2;
}

/* Stops at the trainee's first event: is there any? (counting them all would read every row) */
static int any_event(const store_row *row, void *ctx)
{
    (void)row;
    *(int64_t *)ctx = 1;
    return 1;
}

/* Loads every *.ini of DIR/competencies, sorted by name. */
static int load_frameworks(const char *assets, competency_framework *fw, size_t *count)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/competencies", assets);
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "stiel: cannot read %s (set --assets)\n", dir);
        return 2;
    }
    int rc = 0;
    *count = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (rc == 0 && len > 4 && strcmp(name + len - 4, ".ini") == 0 && *count < FRAMEWORKS_MAX) {
            char path[800];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            size_t tl = 0;
            char *text = read_file(path, &tl);
            core_errors errs;
            core_errors_clear(&errs);
            if (!text) {
                fprintf(stderr, "stiel: cannot read %s\n", path);
                rc = 2;
            } else if (competency_framework_parse(path, text, tl, &fw[*count], &errs) != STIEL_OK) {
                for (size_t e = 0; e < errs.count; e++)
                    fprintf(stderr, "stiel: %s\n", errs.items[e].text);
                rc = 2;
            } else {
                (*count)++;
            }
            free(text);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int cli_competency_load(const char *assets, competency_framework *fw, size_t *count,
                        service_levels *levels)
{
    int rc = load_frameworks(assets, fw, count);
    memset(levels, 0, sizeof *levels);
    if (rc == 0) {
        char path[600];
        snprintf(path, sizeof path, "%s/levels.ini", assets);
        size_t len = 0;
        char *text = read_file(path, &len);
        core_errors errs;
        core_errors_clear(&errs);
        if (!text || service_levels_parse(path, text, len, levels, &errs) != STIEL_OK) {
            fprintf(stderr, "stiel: %s\n",
                    text && errs.count ? errs.items[0].text : "cannot read levels.ini");
            rc = 2;
        }
        free(text);
    }
    return rc;
}

int cli_competency(int argc, char **argv)
{
    const char *trainee = NULL, *db = NULL, *assets = getenv("STIEL_ASSETS");
    if (!assets || !*assets)
        assets = STIEL_ASSET_DIR;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--assets") == 0 && i + 1 < argc)
            assets = argv[++i];
        else if (argv[i][0] != '-' && !trainee)
            trainee = argv[i];
        else
            return usage(argv[i]);
    }
    if (!trainee)
        return usage("(no trainee)");
    competency_framework *fw = calloc(FRAMEWORKS_MAX, sizeof *fw);
    if (!fw)
        return 2;
    size_t nfw = 0;
    service_levels levels;
    int rc = cli_competency_load(assets, fw, &nfw, &levels);
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    if (rc == 0)
        rc = cli_store_path(db, &path);
    store *s = NULL;
    stiel_diag d;
    if (rc == 0) {
        store_options opts = {.read_only = true, .must_exist = true};
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK) {
            fprintf(stderr, "stiel competency: %s\n", d.text);
            rc = 2;
        }
    }
    competency_cells cells;
    competency_cells_init(&cells);
    coach_in coach = {0};
    int64_t events = 0;
    if (rc == 0 && (store_trainee_events(s, trainee, any_event, &events, &d) != STIEL_OK ||
                    store_stats_summary(s, trainee, summary_row, &cells, &d) != STIEL_OK ||
                    store_stats_coach_events(s, trainee, coach_row, &coach, &d) != STIEL_OK)) {
        fprintf(stderr, "stiel competency: %s\n", d.text);
        rc = 2;
    }
    if (rc == 0 && events == 0) {
        fprintf(stderr, "stiel competency: no events of trainee %s in %s\n", trainee,
                (const char *)path.data);
        rc = 2;
    }
    if (rc == 0) {
        /* the level the supervisor set (trainee row), else the latest level.changed event */
        store_trainee t;
        unsigned level = coach.level;
        if (store_trainee_get(s, trainee, &t, NULL) == STIEL_OK && t.level)
            level = t.level;
        competency_suggestion sug;
        competency_suggest(cells.items, cells.count, &levels, level, &sug);
        printf("trainee %s, level %u%s\n", trainee, sug.from_level,
               level ? "" : " (from the latest evidence)");
        printf("level suggestion: %s\n  %s\n  (a suggestion only: the supervisor decides)\n",
               sug.kind == COMP_SUGGEST_NONE ? "none" : sug.text, sug.why);
        competency_input in = {.cells = cells.items, .cell_count = cells.count,
                               .observations = coach.obs, .observation_count = coach.nobs,
                               .signoffs = coach.so, .signoff_count = coach.nso};
        for (size_t i = 0; rc == 0 && i < nfw; i++)
            rc = print_framework(&fw[i], &in);
        competency_dims *dims = NULL;
        size_t nd = 0;
        if (rc == 0 && competency_dimensions(cells.items, cells.count, &levels, COMP_BY_LEVEL,
                                             &dims, &nd) == STIEL_OK) {
            printf("\nwage-value dimensions per level (tempo: %% of the norm, higher is faster; "
                   "support: help weight per task)\n");
            print_dims(dims, nd, COMP_BY_LEVEL, 0);
            free(dims);
        }
        if (rc == 0 && competency_dimensions(cells.items, cells.count, &levels, COMP_BY_DAY,
                                             &dims, &nd) == STIEL_OK) {
            printf("\nper day (the last %d days with evidence)\n", DAYS_SHOWN);
            print_dims(dims, nd, COMP_BY_DAY, nd > DAYS_SHOWN ? nd - DAYS_SHOWN : 0);
            free(dims);
        }
    }
    free(coach.obs);
    free(coach.so);
    competency_cells_free(&cells);
    store_close(s);
    stiel_buf_free(&path);
    free(fw);
    return rc;
}
