/* stiel trainee list|add|level|erase|consent|pin: the trainees in the store. A level change, an
 * erasure, a consent change and a PIN set are evidence events naming the staff member; erasure
 * blanks the display name and tombstones the trainee's payloads (store_erase_trainee). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_staff_auth.h"
#include "kiosk/app/session.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

typedef struct trainee_opts {
    const char *db, *kiosk, *badge, *name, *lang, *level, *by, *why, *consent, *assets;
    const char *pos[3];
    int npos;
} trainee_opts;

static int usage(const char *bad)
{
    fprintf(stderr,
            "stiel trainee: unexpected '%s'\nusage:\n"
            "  stiel trainee list [--db PATH]\n"
            "  stiel trainee add ID --badge B --name N --lang nl|fr|en|ar --level K "
            "[--consent yes|no] [--db PATH]\n"
            "  stiel trainee level ID K --by STAFF --why TEXT [--db PATH]\n"
            "  stiel trainee erase ID --by STAFF --why TEXT [--db PATH]\n"
            "  stiel trainee consent ID yes|no --by BADGE --why TEXT [--db PATH]\n"
            "  stiel trainee pin ID --by BADGE [--db PATH]   (the name-list PIN, read twice)\n",
            bad);
    return 2;
}

static int opts_parse(int argc, char **argv, trainee_opts *o)
{
    struct { const char *flag; const char **dst; } flags[] = {
        {"--db", &o->db}, {"--kiosk", &o->kiosk}, {"--badge", &o->badge}, {"--name", &o->name},
        {"--lang", &o->lang}, {"--level", &o->level}, {"--by", &o->by}, {"--why", &o->why},
        {"--consent", &o->consent}, {"--assets", &o->assets},
    };
    for (int i = 2; i < argc; i++) {
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
        if (strncmp(argv[i], "--", 2) == 0 || o->npos == 3)
            return usage(argv[i]);
        o->pos[o->npos++] = argv[i];
    }
    return 0;
}

static store *open_store(const trainee_opts *o, bool read_only)
{
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    store *s = NULL;
    if (cli_store_path(o->db, &path) == 0) {
        store_options opts = {.read_only = read_only, .must_exist = true};
        stiel_diag d;
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK)
            fprintf(stderr, "stiel trainee: %s\n", d.text);
    }
    stiel_buf_free(&path);
    return s;
}

/* The number of levels in <assets>/levels.ini, or 0 after a message. */
static unsigned levels_count(const trainee_opts *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/levels.ini", o->assets ? o->assets : STIEL_ASSET_DIR);
    FILE *fp = fopen(path, "rb");
    char *text = fp ? malloc(1 << 20) : NULL;
    size_t len = text ? fread(text, 1, (1 << 20) - 1, fp) : 0;
    if (fp)
        fclose(fp);
    service_levels lv;
    core_errors *errs = calloc(1, sizeof *errs);
    unsigned n = 0;
    if (text && errs && service_levels_parse("levels.ini", text, len, &lv, errs) == STIEL_OK)
        n = (unsigned)lv.count;
    else
        fprintf(stderr, "stiel trainee: cannot read the service levels in %s\n", path);
    free(text);
    free(errs);
    return n;
}

static bool level_parse(const char *text, unsigned max, unsigned *out)
{
    char *end = NULL;
    unsigned long v = text ? strtoul(text, &end, 10) : 0;
    if (!text || !*text || *end || v < 1 || v > max) {
        fprintf(stderr, "stiel trainee: level '%s' is not one of 1..%u (assets/levels.ini)\n",
                text ? text : "", max);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* The staff member must be in the catalogue; for a level change a supervisor. */
static bool staff_check(store *s, const char *id, bool supervisor)
{
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    stiel_diag d;
    core_errors *errs = calloc(1, sizeof *errs);
    bool ok = false;
    if (errs && session_catalogue_load(s, &cat, errs, &d) == STIEL_OK) {
        for (size_t i = 0; i < cat.staff_count; i++)
            if (strcmp(cat.staff[i].id, id) == 0)
                ok = !supervisor || cat.staff[i].role == CAT_ROLE_SUPERVISOR;
        if (!ok)
            fprintf(stderr, "stiel trainee: %s is not a %s in the catalogue's staff\n", id,
                    supervisor ? "supervisor" : "staff member");
    } else {
        fprintf(stderr, "stiel trainee: %s\n", errs ? d.text : "out of memory");
    }
    catalogue_free(&cat);
    free(errs);
    return ok;
}

static int list_row(const store_trainee *t, void *ctx)
{
    (void)ctx;
    printf("%s  level %u  %s  badge %s%s%s%s\n", t->id, t->level, t->language, t->badge,
           t->consent ? "" : "  no-consent", t->erased ? "  erased" : "",
           t->has_pin ? "  pin" : "");
    return 0;
}

static int cmd_list(const trainee_opts *o)
{
    store *s = open_store(o, true);
    if (!s)
        return 2;
    stiel_diag d;
    stiel_status st = store_trainees_each(s, list_row, NULL, &d);
    store_close(s);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel trainee list: %s\n", d.text);
        return 2;
    }
    return 0;
}

/* The whole catalogue with the new trainee must still check (badges are unique across GTINs,
 * locations and staff): run inside the add's transaction. */
static stiel_status check_whole(store *s, void *ctx, stiel_diag *diag)
{
    core_errors *errs = ctx;
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    stiel_status st = session_catalogue_load(s, &cat, errs, diag);
    catalogue_free(&cat);
    return st;
}

static int cmd_add(const trainee_opts *o)
{
    if (o->npos != 1 || !o->badge || !o->name || !o->lang || !o->level)
        return usage(o->npos != 1 ? "(the id)" : "(--badge, --name, --lang and --level are needed)");
    unsigned max = levels_count(o), level = 0;
    if (max == 0 || !level_parse(o->level, max, &level))
        return 2;
    bool consent = !o->consent || strcmp(o->consent, "yes") == 0;
    if (o->consent && !consent && strcmp(o->consent, "no") != 0)
        return usage(o->consent);
    store_trainee t = {.level = level, .consent = consent};
    if ((size_t)snprintf(t.id, sizeof t.id, "%s", o->pos[0]) >= sizeof t.id ||
        (size_t)snprintf(t.badge, sizeof t.badge, "%s", o->badge) >= sizeof t.badge ||
        (size_t)snprintf(t.display_name, sizeof t.display_name, "%s", o->name) >=
            sizeof t.display_name ||
        (size_t)snprintf(t.language, sizeof t.language, "%s", o->lang) >= sizeof t.language) {
        fputs("stiel trainee add: a value is too long\n", stderr);
        return 2;
    }
    store *s = open_store(o, false);
    if (!s)
        return 2;
    char payload[96];
    snprintf(payload, sizeof payload, "{\"level\":%u,\"language\":\"%s\",\"source\":\"cli\"}",
             level, t.language[0] == '"' ? "?" : t.language);
    store_event ev = {.kiosk_id = cli_kiosk_id(o->kiosk), .ts_ms = cli_now_ms(),
                      .trainee_id = t.id, .actor_id = o->by ? o->by : "supervisor",
                      .kind = SESSION_KIND_TRAINEE_ADDED, .payload = payload};
    core_errors *errs = calloc(1, sizeof *errs);
    stiel_diag d;
    stiel_status st = errs ? store_trainee_add(s, &t, &ev, check_whole, errs, &d)
                           : stiel_diag_set(&d, STIEL_ERR_NOMEM, "out of memory");
    store_close(s);
    if (st != STIEL_OK) {
        if (errs && errs->count)
            for (size_t i = 0; i < errs->count; i++)
                fprintf(stderr, "%s\n", errs->items[i].text);
        fprintf(stderr, "stiel trainee add: %s\n", d.text);
        free(errs);
        return 2;
    }
    free(errs);
    printf("added %s  level %u  %s  badge %s\n", t.id, t.level, t.language, t.badge);
    return 0;
}

static int cmd_level(const trainee_opts *o)
{
    if (o->npos != 2 || !o->by || !o->why)
        return usage(o->npos != 2 ? "(ID and level)" : "(--by and --why are needed)");
    unsigned max = levels_count(o), level = 0;
    if (max == 0 || !level_parse(o->pos[1], max, &level))
        return 2;
    store *s = open_store(o, false);
    if (!s)
        return 2;
    int rc = 2;
    if (staff_check(s, o->by, true)) {
        unsigned from = 0;
        stiel_diag d;
        if (store_trainee_set_level(s, cli_kiosk_id(o->kiosk), o->pos[0], level, o->by, o->why,
                                    cli_now_ms(), &from, &d) == STIEL_OK) {
            printf("%s: level %u -> %u (by %s)\n", o->pos[0], from, level, o->by);
            rc = 0;
        } else {
            fprintf(stderr, "stiel trainee level: %s\n", d.text);
        }
    }
    store_close(s);
    return rc;
}

static int cmd_erase(const trainee_opts *o)
{
    if (o->npos != 1 || !o->by || !o->why)
        return usage(o->npos != 1 ? "(the id)" : "(--by and --why are needed)");
    store *s = open_store(o, false);
    if (!s)
        return 2;
    int rc = 2;
    store_trainee t;
    stiel_diag d;
    if (store_trainee_get(s, o->pos[0], &t, &d) != STIEL_OK) {
        fprintf(stderr, "stiel trainee erase: %s\n", d.text);
    } else if (staff_check(s, o->by, false)) {
        int64_t n = 0;
        if (store_erase_trainee(s, cli_kiosk_id(o->kiosk), t.id, o->by, o->why, cli_now_ms(), &n,
                                &d) == STIEL_OK) {
            printf("%s: erased the display name and the payloads of %lld event%s (by %s)\n",
                   t.id, (long long)n, n == 1 ? "" : "s", o->by);
            rc = 0;
        } else {
            fprintf(stderr, "stiel trainee erase: %s\n", d.text);
        }
    }
    store_close(s);
    return rc;
}

/* A supervisor (badge + PIN) records the trainee's consent or its withdrawal (an event). */
static int cmd_consent(const trainee_opts *o)
{
    if (o->npos != 2 || !o->by || !o->why)
        return usage(o->npos != 2 ? "(ID and yes|no)" : "(--by BADGE and --why are needed)");
    bool yes = strcmp(o->pos[1], "yes") == 0;
    if (!yes && strcmp(o->pos[1], "no") != 0)
        return usage(o->pos[1]);
    store *s = open_store(o, false);
    if (!s)
        return 2;
    store_trainee t;
    stiel_diag d;
    char actor[STORE_ID_MAX + 1];
    int rc = 0;
    if (store_trainee_get(s, o->pos[0], &t, &d) != STIEL_OK) {
        fprintf(stderr, "stiel trainee consent: %s\n", d.text);
        rc = 2;
    }
    if (rc == 0)
        rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_ERASE, actor, sizeof actor);
    if (rc == 0) {
        stiel_status st = store_trainee_set_consent(s, cli_kiosk_id(o->kiosk), t.id, yes, actor,
                                                    o->why, cli_now_ms(), &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel trainee consent: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            printf("%s: consent %s (by %s)\n", t.id, yes ? "yes" : "no", actor);
        }
    }
    store_close(s);
    return rc;
}

/* A coach or supervisor (badge + PIN) sets or resets the trainee's name-list PIN. */
static int cmd_pin(const trainee_opts *o)
{
    if (o->npos != 1 || !o->by)
        return usage(o->npos != 1 ? "(the id)" : "(--by BADGE is needed)");
    store *s = open_store(o, false);
    if (!s)
        return 2;
    store_trainee t;
    stiel_diag d;
    char actor[STORE_ID_MAX + 1];
    char a[CLI_PIN_BUF] = "", b[CLI_PIN_BUF] = "";
    int rc = 0;
    if (store_trainee_get(s, o->pos[0], &t, &d) != STIEL_OK) {
        fprintf(stderr, "stiel trainee pin: %s\n", d.text);
        rc = 2;
    }
    if (rc == 0)
        rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_TRAINEE_PIN, actor, sizeof actor);
    if (rc == 0 && (!cli_pin_read("trainee's new PIN: ", a) || !cli_pin_read("again: ", b)))
        rc = 2;
    if (rc == 0 && strcmp(a, b) != 0) {
        fputs("stiel trainee pin: the two PINs differ; nothing changed\n", stderr);
        rc = 2;
    }
    if (rc == 0) {
        stiel_status st = store_trainee_pin_set(s, cli_kiosk_id(o->kiosk), actor, t.id, a,
                                                cli_now_ms(), &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel trainee pin: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            printf("PIN of %s %s (by %s)\n", t.id, t.has_pin ? "reset" : "set", actor);
        }
    }
    sodium_memzero(a, sizeof a);
    sodium_memzero(b, sizeof b);
    store_close(s);
    return rc;
}

int cli_trainee(int argc, char **argv)
{
    if (argc < 2)
        return usage("(nothing)");
    trainee_opts o = {0};
    int rc = opts_parse(argc, argv, &o);
    if (rc != 0)
        return rc;
    if (strcmp(argv[1], "list") == 0)
        return o.npos ? usage(o.pos[0]) : cmd_list(&o);
    if (strcmp(argv[1], "add") == 0)
        return cmd_add(&o);
    if (strcmp(argv[1], "level") == 0)
        return cmd_level(&o);
    if (strcmp(argv[1], "erase") == 0)
        return cmd_erase(&o);
    if (strcmp(argv[1], "consent") == 0)
        return cmd_consent(&o);
    if (strcmp(argv[1], "pin") == 0)
        return cmd_pin(&o);
    return usage(argv[1]);
}
