/* stiel retention show|set|apply: the hub's retention period (a supervisor sets it with badge +
 * PIN) and applying it: every trainee whose last evidence is older is erased (tombstones, chain
 * intact), unless a task is still open. --dry-run only lists. Prints pseudonymous ids only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_staff_auth.h"
#include "kiosk/store/store.h"

#define RETENTION_USAGE                                                                     \
    "usage: stiel retention show [--db PATH]\n"                                              \
    "       stiel retention set DAYS --by BADGE [--db PATH] [--kiosk K]\n"                   \
    "       stiel retention apply (--by BADGE | --dry-run) [--db PATH] [--kiosk K]\n"

typedef struct retention_opts {
    const char *db, *kiosk, *by, *days;
    bool dry_run;
} retention_opts;

static int usage(const char *bad)
{
    if (bad)
        fprintf(stderr, "stiel retention: unexpected '%s'\n", bad);
    fputs(RETENTION_USAGE, stderr);
    return 2;
}

static store *open_store(const char *db, bool read_only)
{
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    store *s = NULL;
    if (cli_store_path(db, &path) == 0) {
        store_options opts = {.read_only = read_only, .must_exist = true};
        stiel_diag d;
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK)
            fprintf(stderr, "stiel retention: %s\n", d.text);
    }
    stiel_buf_free(&path);
    return s;
}

static void day_text(int64_t ms, char out[16])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 16, "%Y-%m-%d", &tm) == 0)
        snprintf(out, 16, "?");
}

typedef struct due_print {
    bool dry_run;
} due_print;

static int print_due(const store_retention_due *d, void *ctx)
{
    const due_print *p = ctx;
    char last[16];
    day_text(d->last_ms, last);
    if (d->open_task)
        printf("kept    %s  last evidence %s: a task is still open\n", d->trainee_id, last);
    else if (p->dry_run)
        printf("due     %s  last evidence %s\n", d->trainee_id, last);
    else
        printf("erased  %s  last evidence %s, %lld events tombstoned\n", d->trainee_id, last,
               (long long)d->events);
    return 0;
}

static int cmd_show(const retention_opts *o)
{
    store *s = open_store(o->db, true);
    if (!s)
        return 2;
    unsigned days = 0;
    stiel_diag d;
    int rc = 0;
    if (store_retention_get(s, &days, &d) != STIEL_OK) {
        fprintf(stderr, "stiel retention: %s\n", d.text);
        rc = 2;
    } else if (days == 0) {
        printf("no retention period set: evidence is kept until erased on request "
               "(stiel retention set DAYS --by BADGE)\n");
    } else {
        printf("retention period: %u days\n", days);
    }
    store_close(s);
    return rc;
}

static int cmd_set(const retention_opts *o)
{
    char *end = NULL;
    unsigned long days = o->days ? strtoul(o->days, &end, 10) : 0;
    if (!o->days || !*o->days || *end || days < 1 || days > STORE_RETENTION_DAYS_MAX) {
        fprintf(stderr, "stiel retention set: DAYS is a whole number 1..%d\n",
                STORE_RETENTION_DAYS_MAX);
        return 2;
    }
    if (!o->by)
        return usage("(--by BADGE is needed)");
    store *s = open_store(o->db, false);
    if (!s)
        return 2;
    char actor[STORE_ID_MAX + 1];
    int rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_ERASE, actor, sizeof actor);
    if (rc == 0) {
        stiel_diag d;
        stiel_status st = store_retention_set(s, cli_kiosk_id(o->kiosk), actor, (unsigned)days,
                                              cli_now_ms(), &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel retention set: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            printf("retention period set to %lu days (by %s)\n", days, actor);
        }
    }
    store_close(s);
    return rc;
}

static int cmd_apply(const retention_opts *o)
{
    if (!o->by && !o->dry_run)
        return usage("(--by BADGE is needed, or --dry-run to only list)");
    /* a dry run reads only: no PIN, nothing written */
    store *s = open_store(o->db, o->dry_run);
    if (!s)
        return 2;
    char actor[STORE_ID_MAX + 1] = "";
    unsigned days = 0;
    stiel_diag d;
    int rc = 0;
    if (store_retention_get(s, &days, &d) != STIEL_OK || days == 0) {
        fprintf(stderr, "stiel retention apply: %s\n",
                days == 0 ? "no retention period is set (stiel retention set DAYS --by BADGE)"
                          : d.text);
        rc = 2;
    }
    if (rc == 0 && !o->dry_run)
        rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_ERASE, actor, sizeof actor);
    if (rc == 0) {
        due_print p = {.dry_run = o->dry_run};
        store_retention_report rep;
        stiel_status st = store_retention_apply(s, cli_kiosk_id(o->kiosk), actor, cli_now_ms(),
                                                o->dry_run, print_due, &p, &rep, &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel retention apply: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            char cutoff[16];
            day_text(rep.cutoff_ms, cutoff);
            printf("%s: %lld trainee%s with no evidence since before %s (%u days); %lld %s, "
                   "%lld kept for an open task\n",
                   o->dry_run ? "dry run" : "applied", (long long)rep.due,
                   rep.due == 1 ? "" : "s", cutoff, rep.days,
                   (long long)(o->dry_run ? rep.due - rep.kept_open : rep.erased),
                   o->dry_run ? "would be erased" : "erased", (long long)rep.kept_open);
        }
    }
    store_close(s);
    return rc;
}

int cli_retention(int argc, char **argv)
{
    if (argc < 2)
        return usage(NULL);
    retention_opts o = {0};
    for (int i = 2; i < argc; i++) {
        bool has = i + 1 < argc;
        if (strcmp(argv[i], "--db") == 0 && has)
            o.db = argv[++i];
        else if (strcmp(argv[i], "--kiosk") == 0 && has)
            o.kiosk = argv[++i];
        else if (strcmp(argv[i], "--by") == 0 && has)
            o.by = argv[++i];
        else if (strcmp(argv[i], "--dry-run") == 0)
            o.dry_run = true;
        else if (argv[i][0] != '-' && !o.days && strcmp(argv[1], "set") == 0)
            o.days = argv[i];
        else
            return usage(argv[i]);
    }
    if (strcmp(argv[1], "show") == 0 && !o.by && !o.dry_run)
        return cmd_show(&o);
    if (strcmp(argv[1], "set") == 0 && !o.dry_run)
        return cmd_set(&o);
    if (strcmp(argv[1], "apply") == 0)
        return cmd_apply(&o);
    return usage(argv[1]);
}
