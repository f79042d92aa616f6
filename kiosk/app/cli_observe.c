/* stiel observe: a coach records an observation of what the kiosk cannot sense (badge + PIN),
 * voids or corrects one; stiel observations: a trainee's observations (voided ones marked) and
 * their end-of-day self-assessments. Only pseudonymous ids are printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_staff_auth.h"
#include "kiosk/store/store.h"

typedef struct observe_opts {
    const char *db, *kiosk, *by, *category, *outcome, *text, *void_id, *corrects, *why;
    const char *trainee;
} observe_opts;

#define OBSERVE_USAGE                                                                            \
    "usage: stiel observe TRAINEE --category C --outcome positive|concern [--text T] --by BADGE\n" \
    "       stiel observe TRAINEE --corrects EVENT --category C --outcome ... [--text T] --by BADGE\n" \
    "       stiel observe TRAINEE --void EVENT --why TEXT --by BADGE\n"                          \
    "  (all with [--db PATH] [--kiosk K]; categories: "

static int observe_usage(const char *bad)
{
    if (bad)
        fprintf(stderr, "stiel observe: unexpected '%s'\n", bad);
    fprintf(stderr, OBSERVE_USAGE "%s)\n", store_observation_categories);
    return 2;
}

static int observe_parse(int argc, char **argv, observe_opts *o)
{
    struct { const char *flag; const char **dst; } flags[] = {
        {"--db", &o->db},         {"--kiosk", &o->kiosk},      {"--by", &o->by},
        {"--category", &o->category}, {"--outcome", &o->outcome}, {"--text", &o->text},
        {"--void", &o->void_id},  {"--corrects", &o->corrects}, {"--why", &o->why},
    };
    for (int i = 1; i < argc; i++) {
        bool matched = false;
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
            if (strcmp(argv[i], flags[f].flag) == 0 && i + 1 < argc) {
                *flags[f].dst = argv[++i];
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        if (argv[i][0] == '-' || o->trainee)
            return observe_usage(argv[i]);
        o->trainee = argv[i];
    }
    return 0;
}

static store *open_store(const char *db, bool read_only, const char *cmd)
{
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    store *s = NULL;
    if (cli_store_path(db, &path) == 0) {
        store_options opts = {.read_only = read_only, .must_exist = true};
        stiel_diag d;
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK)
            fprintf(stderr, "stiel %s: %s\n", cmd, d.text);
    }
    stiel_buf_free(&path);
    return s;
}

/* Finds the observation event_id among trainee's. */
typedef struct obs_find {
    const char *id;
    bool found;
} obs_find;

static int find_row(const store_observation *o, void *ctx)
{
    obs_find *f = ctx;
    if (strcmp(o->event_id, f->id) != 0)
        return 0;
    f->found = true;
    return 1;
}

/* Checks what can be checked before the PIN is asked: the options, the trainee, the event. */
static int observe_check(store *s, const observe_opts *o, bool *positive)
{
    if (!o->trainee || !o->by)
        return observe_usage(NULL);
    if (o->void_id && (o->corrects || o->category || o->outcome || o->text))
        return observe_usage("--void with an observation (use --corrects to replace one)");
    if (o->void_id && !o->why) {
        fputs("stiel observe: --void needs --why TEXT (why the observation is wrong)\n", stderr);
        return 2;
    }
    if (!o->void_id) {
        if (!o->category || !store_observation_category_valid(o->category)) {
            fprintf(stderr, "stiel observe: --category is one of: %s\n",
                    store_observation_categories);
            return 2;
        }
        if (!o->outcome ||
            (strcmp(o->outcome, "positive") != 0 && strcmp(o->outcome, "concern") != 0)) {
            fputs("stiel observe: --outcome is positive or concern (what the competencies "
                  "count)\n",
                  stderr);
            return 2;
        }
        *positive = strcmp(o->outcome, "positive") == 0;
        if (o->text && strlen(o->text) > STORE_OBSERVATION_TEXT_MAX) {
            fprintf(stderr, "stiel observe: --text is %zu bytes; at most %d fit\n",
                    strlen(o->text), STORE_OBSERVATION_TEXT_MAX);
            return 2;
        }
    }
    store_trainee t;
    stiel_diag d;
    if (store_trainee_get(s, o->trainee, &t, &d) != STIEL_OK) {
        fprintf(stderr, "stiel observe: %s\n", d.text);
        return 2;
    }
    const char *target = o->void_id ? o->void_id : o->corrects;
    if (target) {
        obs_find f = {.id = target};
        if (store_observations_each(s, o->trainee, find_row, &f, &d) != STIEL_OK) {
            fprintf(stderr, "stiel observe: %s\n", d.text);
            return 2;
        }
        if (!f.found) {
            fprintf(stderr, "stiel observe: %s has no observation %s (see stiel observations "
                            "%s)\n",
                    o->trainee, target, o->trainee);
            return 2;
        }
    }
    return 0;
}

int cli_observe(int argc, char **argv)
{
    observe_opts o = {0};
    int rc = observe_parse(argc, argv, &o);
    if (rc != 0)
        return rc;
    if (!o.trainee || !o.by)
        return observe_usage(NULL);
    store *s = open_store(o.db, false, "observe");
    if (!s)
        return 2;
    bool positive = false;
    rc = observe_check(s, &o, &positive);
    char staff[STORE_ID_MAX + 1];
    if (rc == 0)
        rc = cli_staff_identify(s, o.kiosk, o.by, ACCESS_OBSERVATION, staff, sizeof staff);
    if (rc == 0) {
        const char *kiosk = cli_kiosk_id(o.kiosk);
        store_receipt r;
        stiel_diag d;
        stiel_status st;
        if (o.void_id)
            st = store_observation_void(s, kiosk, staff, o.void_id, o.why, cli_now_ms(), &r, &d);
        else if (o.corrects)
            st = store_observation_correct(s, kiosk, staff, o.corrects, o.category, positive,
                                           o.text, cli_now_ms(), &r, &d);
        else
            st = store_observation_add(s, kiosk, o.trainee, staff, o.category, positive, o.text,
                                       cli_now_ms(), &r, &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel observe: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else if (o.void_id) {
            printf("%s: observation %s voided by %s, event %s\n", o.trainee, o.void_id, staff,
                   r.id);
        } else {
            printf("%s: %s observation (%s) %sby %s, event %s\n", o.trainee, o.category,
                   o.outcome, o.corrects ? "corrected " : "", staff, r.id);
        }
    }
    store_close(s);
    return rc;
}

/* ---- stiel observations ---------------------------------------------------------------------- */

static void time_text(int64_t ms, char out[32])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(out, 32, "?");
}

typedef struct list_ctx {
    int shown, voided;
} list_ctx;

static int print_observation(const store_observation *o, void *ctx)
{
    list_ctx *l = ctx;
    char when[32];
    time_text(o->ts_ms, when);
    printf("%s UTC  %-11s %-8s by %-10s %s%s\n", when, o->category,
           o->positive ? "positive" : "concern", o->staff_id, o->event_id,
           o->voided ? "  VOIDED" : "");
    if (o->text[0]) {
        fputs("    ", stdout);
        for (const char *p = o->text; *p; p++) {
            if (*p == '\n')
                fputs("\n    ", stdout);
            else
                putchar(*p);
        }
        putchar('\n');
    }
    if (o->voided)
        printf("    voided by %s (event %s)\n", o->void_by, o->void_id);
    l->shown++;
    l->voided += o->voided;
    return 0;
}

static const char *const smiley_names[] = {"-", "sad", "so-so", "happy"};

static int print_self(const store_self_assessment *a, void *ctx)
{
    int *n = ctx;
    time_t t = (time_t)(a->day * 86400);
    struct tm tm;
    char day[16] = "?";
    if (gmtime_r(&t, &tm))
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
    printf("%s ", day);
    for (size_t i = 0; i < STORE_SELF_QUESTIONS; i++)
        printf(" %s %s", store_self_question_id(i),
               smiley_names[a->smileys[i] <= STORE_SMILEY_MAX ? a->smileys[i] : 0]);
    putchar('\n');
    (*n)++;
    return 0;
}

int cli_observations(int argc, char **argv)
{
    const char *db = NULL, *trainee = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else if (argv[i][0] != '-' && !trainee) {
            trainee = argv[i];
        } else {
            fprintf(stderr, "stiel observations: unexpected '%s'\nusage: stiel observations "
                            "TRAINEE [--db PATH]\n",
                    argv[i]);
            return 2;
        }
    }
    if (!trainee) {
        fputs("usage: stiel observations TRAINEE [--db PATH]\n", stderr);
        return 2;
    }
    store *s = open_store(db, true, "observations");
    if (!s)
        return 2;
    store_trainee t;
    stiel_diag d;
    int rc = 0;
    if (store_trainee_get(s, trainee, &t, &d) != STIEL_OK) {
        fprintf(stderr, "stiel observations: %s\n", d.text);
        rc = 2;
    }
    list_ctx l = {0};
    if (rc == 0) {
        printf("observations of %s%s:\n", trainee, t.erased ? " (erased)" : "");
        if (store_observations_each(s, trainee, print_observation, &l, &d) != STIEL_OK) {
            fprintf(stderr, "stiel observations: %s\n", d.text);
            rc = 2;
        }
    }
    int n = 0;
    if (rc == 0) {
        printf("%d observation%s, %d voided\n", l.shown, l.shown == 1 ? "" : "s", l.voided);
        printf("self-assessments (1 sad, 2 so-so, 3 happy):\n");
        if (store_self_assessments_each(s, trainee, print_self, &n, &d) != STIEL_OK) {
            fprintf(stderr, "stiel observations: %s\n", d.text);
            rc = 2;
        }
    }
    if (rc == 0)
        printf("%d self-assessment%s\n", n, n == 1 ? "" : "s");
    store_close(s);
    return rc;
}
