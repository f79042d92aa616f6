/* stiel report TRAINEE [--from DATE --to DATE] --format pdf|html|csv --out FILE [--db PATH]
 * [--with-names] [--assets DIR] [--kiosk K]... [--by STAFF]: the work-experience dossier
 * (kiosk/report), pseudonymous unless --with-names, written 0600 through a temporary file and a
 * rename; its issue is recorded as a "dossier.issued" event so that `stiel verify --code` can
 * check its verification code later. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/app/cli.h"
#include "kiosk/core/competency.h"
#include "kiosk/report/report.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_dossier.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

enum { KIOSKS_MAX = 16 };

typedef struct report_args {
    const char *trainee, *db, *out, *format, *assets;
    const char *from, *to;
    const char *by;          /* the staff member issuing it; NULL: the CLI's own user */
    bool with_names;
    const char *kiosks[KIOSKS_MAX];
    size_t nkiosks;
} report_args;

static int usage(const char *why)
{
    fprintf(stderr, "stiel report: %s (usage: stiel report TRAINEE [--from YYYY-MM-DD --to "
                    "YYYY-MM-DD] --format pdf|html|csv --out FILE [--db PATH] [--with-names] "
                    "[--assets DIR] [--kiosk K]... [--by STAFF])\n", why);
    return 2;
}

/* "YYYY-MM-DD" (a real calendar date) -> UTC days since 1970; false if it is none. */
static bool parse_day(const char *s, int64_t *day)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
        s[4] != '-' || s[7] != '-' || y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return false;
    /* days from civil (Howard Hinnant's algorithm) */
    y -= m <= 2;
    int64_t era = y / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *day = era * 146097 + doe - 719468;
    return true;
}

static int parse_args(int argc, char **argv, report_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        bool has = i + 1 < argc;
        if (strcmp(o, "--db") == 0 && has)
            a->db = argv[++i];
        else if (strcmp(o, "--out") == 0 && has)
            a->out = argv[++i];
        else if (strcmp(o, "--format") == 0 && has)
            a->format = argv[++i];
        else if (strcmp(o, "--assets") == 0 && has)
            a->assets = argv[++i];
        else if (strcmp(o, "--from") == 0 && has)
            a->from = argv[++i];
        else if (strcmp(o, "--to") == 0 && has)
            a->to = argv[++i];
        else if (strcmp(o, "--by") == 0 && has)
            a->by = argv[++i];
        else if (strcmp(o, "--kiosk") == 0 && has && a->nkiosks < KIOSKS_MAX)
            a->kiosks[a->nkiosks++] = argv[++i];
        else if (strcmp(o, "--with-names") == 0)
            a->with_names = true;
        else if (o[0] != '-' && !a->trainee)
            a->trainee = o;
        else {
            char why[160];
            snprintf(why, sizeof why, "unexpected '%.100s'", o);
            return usage(why);
        }
    }
    if (!a->trainee)
        return usage("which trainee?");
    if (!a->format || (strcmp(a->format, "pdf") != 0 && strcmp(a->format, "html") != 0 &&
                       strcmp(a->format, "csv") != 0))
        return usage("--format must be pdf, html or csv");
    if (!a->out || !*a->out)
        return usage("--out FILE is required");
    return 0;
}

/* Writes data to a new temporary file beside path (mode 0600, fsynced) whose name goes into
 * *tmp_out (free it). Returns 0, or 2 after a message with nothing left behind. */
static int write_temp(const char *path, const stiel_buf *data, char **tmp_out)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return 2;
    snprintf(tmp, n + 16, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "stiel report: cannot create a file beside %s: %s\n", path, strerror(errno));
        free(tmp);
        return 2;
    }
    bool ok = fchmod(fd, 0600) == 0;
    size_t off = 0;
    while (ok && off < data->len) {
        ssize_t w = write(fd, data->data + off, data->len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok)
            off += (size_t)w;
    }
    int err = ok ? 0 : errno;
    if (ok && fsync(fd) != 0) {
        ok = false;
        err = errno;
    }
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        fprintf(stderr, "stiel report: cannot write %s: %s\n", path, strerror(err ? err : EIO));
        unlink(tmp);
        free(tmp);
        return 2;
    }
    *tmp_out = tmp;
    return 0;
}

/* The dossier's issue as evidence: what it covers and the chain heads behind its code. */
static void dossier_fill(const report *r, const report_args *a, evidence_dossier *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->trainee, sizeof d->trainee, "%s", r->trainee.id);
    char day[16];
    report_day_text(r->from_day, day);
    snprintf(d->from, sizeof d->from, "%s", day);
    report_day_text(r->to_day, day);
    snprintf(d->to, sizeof d->to, "%s", day);
    snprintf(d->format, sizeof d->format, "%s", a->format);
    d->with_names = a->with_names;
    snprintf(d->code, sizeof d->code, "%s", r->code);
    for (size_t i = 0; i < r->chain_count && i < EVIDENCE_DOSSIER_CHAINS_MAX; i++) {
        evidence_dossier_chain *c = &d->chains[d->chain_count++];
        snprintf(c->kiosk, sizeof c->kiosk, "%s", r->chains[i].kiosk);
        c->seq = r->chains[i].seq;
        snprintf(c->hash, sizeof c->hash, "%s", r->chains[i].hex);
    }
}

/* Authorizes --by (a coach or supervisor; a refusal is recorded): 0, 1 refused, 2 failed. */
static int authorize(store *s, const report_args *a, int64_t now_ms)
{
    if (!a->by)
        return 0;
    stiel_diag d;
    stiel_status st = store_staff_authorize(s, cli_kiosk_id(NULL), a->by, ACCESS_EXPORT_DOSSIER,
                                            a->trainee, now_ms, NULL, &d);
    if (st == STIEL_OK)
        return 0;
    fprintf(stderr, "stiel report: %s\n", d.text);
    return st == STIEL_ERR_DENIED ? 1 : 2;
}

/* Records the issue (a "dossier.issued" event), then moves the temporary file into place; when
 * the issue cannot be recorded the file is dropped. Returns 0 or 2 after a message. */
static int issue(store *s, const report *r, const report_args *a, int64_t now_ms, char *tmp)
{
    evidence_dossier *dos = malloc(sizeof *dos);
    stiel_diag d;
    stiel_status st = dos ? STIEL_OK : STIEL_ERR_NOMEM;
    if (st == STIEL_OK) {
        dossier_fill(r, a, dos);
        st = store_dossier_issue(s, cli_kiosk_id(NULL), a->by ? a->by : "cli", dos, now_ms, NULL,
                                 &d);
        if (st != STIEL_OK)
            fprintf(stderr, "stiel report: the dossier's issue could not be recorded, so its "
                            "code could not be checked; nothing written: %s\n", d.text);
    }
    free(dos);
    if (st == STIEL_OK && rename(tmp, a->out) != 0) {
        fprintf(stderr, "stiel report: cannot write %s (its issue is recorded): %s\n", a->out,
                strerror(errno));
        st = STIEL_ERR_IO;
    }
    if (st != STIEL_OK)
        unlink(tmp);
    return st == STIEL_OK ? 0 : 2;
}

static int render(const report *r, const char *format, stiel_buf *out)
{
    stiel_diag d;
    stiel_status st;
    if (strcmp(format, "pdf") == 0)
        st = report_render_pdf(r, out, &d);
    else if (strcmp(format, "html") == 0)
        st = report_render_html(r, out, &d);
    else
        st = report_render_csv(r, out, &d);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel report: %s\n", d.text);
        return 2;
    }
    return 0;
}

int cli_report(int argc, char **argv)
{
    report_args a;
    memset(&a, 0, sizeof a);
    a.assets = getenv("STIEL_ASSETS");
    if (!a.assets || !*a.assets)
        a.assets = STIEL_ASSET_DIR;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc;
    report_options o = {.from_day = REPORT_DAY_NONE, .to_day = REPORT_DAY_NONE,
                        .with_names = a.with_names, .now_ms = cli_now_ms(),
                        .chains_from_all_events = true};
    if (a.from && !parse_day(a.from, &o.from_day))
        return usage("--from must be a date YYYY-MM-DD");
    if (a.to && !parse_day(a.to, &o.to_day))
        return usage("--to must be a date YYYY-MM-DD");
    if (o.from_day != REPORT_DAY_NONE && o.to_day != REPORT_DAY_NONE && o.from_day > o.to_day)
        return usage("--from is after --to");
    competency_framework *fw = calloc(CLI_FRAMEWORKS_MAX, sizeof *fw);
    service_levels *levels = calloc(1, sizeof *levels);
    size_t nfw = 0;
    rc = fw && levels ? cli_competency_load(a.assets, fw, &nfw, levels) : 2;
    if (rc == 0 && nfw == 0) {
        fprintf(stderr, "stiel report: no competency framework in %s/competencies\n", a.assets);
        rc = 2;
    }
    o.frameworks = fw;
    o.framework_count = nfw;
    o.levels = levels;
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    if (rc == 0)
        rc = cli_store_path(a.db, &path);
    store *s = NULL;
    stiel_diag d;
    if (rc == 0) {
        store_options so = {.must_exist = true};
        if (store_open((const char *)path.data, &so, &s, &d) != STIEL_OK) {
            fprintf(stderr, "stiel report: %s\n", d.text);
            rc = 2;
        }
    }
    if (rc == 0)
        rc = authorize(s, &a, o.now_ms);
    report r;
    memset(&r, 0, sizeof r);
    if (rc == 0 && report_build(s, a.trainee, a.kiosks, a.nkiosks, &o, &r, &d) != STIEL_OK) {
        fprintf(stderr, "stiel report: %s\n", d.text);
        rc = 2;
    }
    stiel_buf out;
    stiel_buf_init(&out, 0);
    if (rc == 0) {
        rc = render(&r, a.format, &out);
        report_render_pdf_cleanup();
    }
    char *tmp = NULL;
    if (rc == 0)
        rc = write_temp(a.out, &out, &tmp);
    if (rc == 0)
        rc = issue(s, &r, &a, o.now_ms, tmp);
    free(tmp);
    store_close(s);
    if (rc == 0) {
        char from[16], to[16];
        report_day_text(r.from_day, from);
        report_day_text(r.to_day, to);
        printf("wrote %s (%s, %zu bytes): trainee %s, %s to %s, %zu competencies, verification "
               "code %s (check: stiel verify --code %s)\n",
               a.out, a.format, out.len, r.trainee.id, from, to, r.competency_count, r.code,
               r.code);
    }
    stiel_buf_free(&out);
    report_free(&r);
    stiel_buf_free(&path);
    free(fw);
    free(levels);
    return rc;
}
