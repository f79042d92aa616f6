/* stiel staff list|add|pin: the coaches and supervisors in the store and their PINs (read from the
 * terminal without echo, or from stdin when it is not a terminal); stiel signoff: a coach signs
 * off a competency with badge and PIN. Every change and refusal is recorded by the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_staff_auth.h"
#include "kiosk/app/credential_issue.h"
#include "kiosk/store/store.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

typedef struct staff_cli {
    const char *db, *kiosk, *by;
    const char *assets;
    store *s;
} staff_cli;

/* Opens the store (--db or the default): read-only for lists; `staff add` may create it (the
 * first set-up of a hub). Returns 0 or 2 after a message. */
static int open_store(staff_cli *c, bool read_only, bool create, const char *cmd)
{
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    int rc = cli_store_path(c->db, &path);
    stiel_diag d;
    if (rc == 0) {
        store_options opts = {.read_only = read_only, .must_exist = !create};
        if (store_open((const char *)path.data, &opts, &c->s, &d) != STIEL_OK) {
            fprintf(stderr, "stiel %s: %s\n", cmd, d.text);
            rc = 2;
        }
    }
    stiel_buf_free(&path);
    return rc;
}

static int print_staff(const store_staff *m, void *ctx)
{
    (void)ctx;
    printf("%-12s %-10s %-16s %-6s %s\n", m->id, access_role_name(m->role), m->badge,
           m->has_pin ? "set" : "none", m->name);
    return 0;
}

static int staff_list(staff_cli *c)
{
    stiel_diag d;
    printf("%-12s %-10s %-16s %-6s %s\n", "id", "role", "badge", "pin", "name");
    if (store_staff_each(c->s, print_staff, NULL, &d) != STIEL_OK) {
        fprintf(stderr, "stiel staff: %s\n", d.text);
        return 2;
    }
    return 0;
}

/* Asks for the PIN of badge and checks it for action (cli_staff_auth.h). */
static int identify(staff_cli *c, const char *badge, access_action action, char *id, size_t cap)
{
    return cli_staff_identify(c->s, c->kiosk, badge, action, id, cap);
}

static int staff_add(staff_cli *c, int argc, char **argv)
{
    store_staff m = {.role = ACCESS_ROLE_COUNT};
    const char *id = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
            if (!access_role_parse(argv[++i], &m.role) || m.role == ACCESS_ROLE_TRAINEE) {
                fprintf(stderr, "stiel staff add: --role is coach or supervisor\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--badge") == 0 && i + 1 < argc) {
            snprintf(m.badge, sizeof m.badge, "%s", argv[++i]);
        } else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
            snprintf(m.name, sizeof m.name, "%s", argv[++i]);
        } else if (argv[i][0] != '-' && !id) {
            id = argv[i];
        } else {
            fprintf(stderr, "stiel staff add: unexpected '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!id || m.role == ACCESS_ROLE_COUNT || !m.badge[0] || !m.name[0]) {
        fputs("usage: stiel staff add ID --role coach|supervisor --badge B --name N "
              "[--by SUPERVISOR_BADGE]\n",
              stderr);
        return 2;
    }
    snprintf(m.id, sizeof m.id, "%s", id);
    char actor[STORE_ID_MAX + 1] = "setup";
    if (c->by) {
        int rc = identify(c, c->by, ACCESS_ADD_STAFF, actor, sizeof actor);
        if (rc != 0)
            return rc;
    }
    stiel_diag d;
    stiel_status st = store_staff_add(c->s, cli_kiosk_id(c->kiosk), &m, NULL, actor,
                                      cli_now_ms(), &d);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel staff add: %s%s\n", d.text,
                st == STIEL_ERR_DENIED && !c->by ? " (a supervisor adds staff: --by BADGE)" : "");
        return st == STIEL_ERR_DENIED ? 1 : 2;
    }
    printf("added %s %s (badge %s); set a PIN with: stiel staff pin %s\n",
           access_role_name(m.role), m.id, m.badge, m.badge);
    return 0;
}

static int staff_pin(staff_cli *c, const char *badge)
{
    store_staff m;
    stiel_diag d;
    if (store_staff_by_badge(c->s, badge, &m, &d) != STIEL_OK) {
        fprintf(stderr, "stiel staff pin: %s\n", d.text);
        return 2;
    }
    char actor[STORE_ID_MAX + 1] = "";
    char old[CLI_PIN_BUF] = "", a[CLI_PIN_BUF], b[CLI_PIN_BUF];
    int rc = 0;
    if (c->by)
        rc = identify(c, c->by, ACCESS_RESET_PIN, actor, sizeof actor);
    else if (m.has_pin && !cli_pin_read("current PIN: ", old))
        rc = 2;
    if (rc == 0 && (!cli_pin_read("new PIN: ", a) || !cli_pin_read("new PIN again: ", b)))
        rc = 2;
    if (rc == 0 && strcmp(a, b) != 0) {
        fputs("stiel staff pin: the two new PINs differ; nothing changed\n", stderr);
        rc = 2;
    }
    if (rc == 0) {
        stiel_status st =
            c->by ? store_staff_pin_reset(c->s, cli_kiosk_id(c->kiosk), actor, m.id, a,
                                          cli_now_ms(), &d)
                  : store_staff_pin_change(c->s, cli_kiosk_id(c->kiosk), badge, old, a,
                                           cli_now_ms(), &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel staff pin: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            printf("PIN of %s %s\n", m.id, c->by ? "reset" : m.has_pin ? "changed" : "set");
        }
    }
    sodium_memzero(old, sizeof old);
    sodium_memzero(a, sizeof a);
    sodium_memzero(b, sizeof b);
    return rc;
}

/* Takes --db, --kiosk, --by, --assets out of argv; the rest stays in order. */
static int take_common(staff_cli *c, int *argc, char **argv)
{
    int n = 0;
    for (int i = 0; i < *argc; i++) {
        const char *o = argv[i];
        bool has = i + 1 < *argc;
        if (strcmp(o, "--db") == 0 && has)
            c->db = argv[++i];
        else if (strcmp(o, "--kiosk") == 0 && has)
            c->kiosk = argv[++i];
        else if (strcmp(o, "--by") == 0 && has)
            c->by = argv[++i];
        else if (strcmp(o, "--assets") == 0 && has)
            c->assets = argv[++i];
        else
            argv[n++] = argv[i];
    }
    *argc = n;
    return 0;
}

#define STAFF_USAGE                                                                               \
    "usage: stiel staff list | add ID --role coach|supervisor --badge B --name N [--by BADGE] | " \
    "pin BADGE [--by SUPERVISOR_BADGE]   (all with [--db PATH] [--kiosk K])\n"

int cli_staff(int argc, char **argv)
{
    staff_cli c = {0};
    take_common(&c, &argc, argv);
    if (argc < 2) {
        fputs(STAFF_USAGE, stderr);
        return 2;
    }
    const char *sub = argv[1];
    bool list = strcmp(sub, "list") == 0;
    if (!list && strcmp(sub, "add") != 0 && strcmp(sub, "pin") != 0) {
        fputs(STAFF_USAGE, stderr);
        return 2;
    }
    if (strcmp(sub, "pin") == 0 && argc != 3) {
        fputs(STAFF_USAGE, stderr);
        return 2;
    }
    int rc = open_store(&c, list, strcmp(sub, "add") == 0, "staff");
    if (rc == 0)
        rc = list ? staff_list(&c)
                  : strcmp(sub, "add") == 0 ? staff_add(&c, argc - 2, argv + 2)
                                            : staff_pin(&c, argv[2]);
    store_close(c.s);
    return rc;
}

/* ---- signoff --------------------------------------------------------------------------------- */

#define SIGNOFF_USAGE                                                                             \
    "usage: stiel signoff TRAINEE COMPETENCY --by BADGE [--reason TEXT] [--db PATH] [--kiosk K] " \
    "[--assets DIR]\n"

int cli_signoff(int argc, char **argv)
{
    staff_cli c = {0};
    take_common(&c, &argc, argv);
    const char *trainee = NULL, *competency = NULL, *reason = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
            reason = argv[++i];
        else if (argv[i][0] != '-' && !trainee)
            trainee = argv[i];
        else if (argv[i][0] != '-' && !competency)
            competency = argv[i];
        else {
            fprintf(stderr, "stiel signoff: unexpected '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!trainee || !competency || !c.by) {
        fputs(SIGNOFF_USAGE, stderr);
        return 2;
    }
    const char *assets = c.assets ? c.assets : getenv("STIEL_ASSETS");
    if (!assets || !*assets)
        assets = STIEL_ASSET_DIR;
    credential_frameworks *fws = calloc(1, sizeof *fws);
    stiel_diag d;
    int rc = fws ? 0 : 2;
    if (rc == 0 && credential_frameworks_load(assets, fws, &d) != STIEL_OK) {
        fprintf(stderr, "stiel signoff: %s\n", d.text);
        rc = 2;
    }
    const competency_framework *fw = NULL;
    const competency_def *def = rc == 0 ? credential_frameworks_find(fws, competency, &fw) : NULL;
    if (rc == 0 && !def) {
        fprintf(stderr, "stiel signoff: no competency %s in %s/competencies\n", competency, assets);
        rc = 2;
    }
    if (rc == 0)
        rc = open_store(&c, false, false, "signoff");
    competency_result r;
    if (rc == 0 && credential_competency_eval(c.s, trainee, fw, def, &r, &d) != STIEL_OK) {
        fprintf(stderr, "stiel signoff: %s\n", d.text);
        rc = 2;
    }
    if (rc == 0 && !r.meets && (!reason || !*reason)) {
        fprintf(stderr,
                "stiel signoff: %s has not met the criteria of %s yet (%llu attempts, %.0f %% "
                "right first time, %.0f %% independent, %u days): give --reason TEXT to sign off "
                "anyway\n",
                trainee, competency, (unsigned long long)r.attempts, r.rft_pct, r.independent_pct,
                r.days);
        rc = 2;
    }
    char coach[STORE_ID_MAX + 1];
    if (rc == 0)
        rc = identify(&c, c.by, ACCESS_SIGN_OFF, coach, sizeof coach);
    if (rc == 0) {
        store_receipt rec;
        stiel_status st = store_competency_sign_off(c.s, cli_kiosk_id(c.kiosk), trainee,
                                                    competency, fw->id, coach, r.meets, reason,
                                                    cli_now_ms(), &rec, &d);
        if (st != STIEL_OK) {
            fprintf(stderr, "stiel signoff: %s\n", d.text);
            rc = st == STIEL_ERR_DENIED ? 1 : 2;
        } else {
            printf("%s: %s signed off by %s (%s), event %s\n", trainee, competency, coach,
                   r.meets ? "criteria met" : "with a written reason", rec.id);
        }
    }
    store_close(c.s);
    free(fws);
    return rc;
}
