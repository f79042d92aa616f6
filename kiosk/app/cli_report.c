/* stiel report TRAINEE [--from DATE --to DATE] --format pdf|html|csv --out FILE [--db PATH]
 * [--with-names] [--assets DIR] [--kiosk K]...: the work-experience dossier (kiosk/report),
 * pseudonymous unless --with-names, written 0600 through a temporary file and a rename. */
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

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

enum { KIOSKS_MAX = 16 };

typedef struct report_args {
    const char *trainee, *db, *out, *format, *assets;
    const char *from, *to;
    bool with_names;
    const char *kiosks[KIOSKS_MAX];
    size_t nkiosks;
} report_args;

static int usage(const char *why)
{
    fprintf(stderr, "stiel report: %s (usage: stiel report TRAINEE [--from YYYY-MM-DD --to "
                    "YYYY-MM-DD] --format pdf|html|csv --out FILE [--db PATH] [--with-names] "
                    "[--assets DIR] [--kiosk K]...)\n", why);
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

/* Writes data to path atomically: a temporary file beside it (mode 0600), fsync, rename. On
 * failure nothing is left behind. Returns 0 or 2 after a message. */
static int write_atomic(const char *path, const stiel_buf *data)
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
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        fprintf(stderr, "stiel report: cannot write %s: %s\n", path, strerror(err ? err : EIO));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : 2;
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
        store_options so = {.read_only = true, .must_exist = true};
        if (store_open((const char *)path.data, &so, &s, &d) != STIEL_OK) {
            fprintf(stderr, "stiel report: %s\n", d.text);
            rc = 2;
        }
    }
    report r;
    memset(&r, 0, sizeof r);
    if (rc == 0 && report_build(s, a.trainee, a.kiosks, a.nkiosks, &o, &r, &d) != STIEL_OK) {
        fprintf(stderr, "stiel report: %s\n", d.text);
        rc = 2;
    }
    store_close(s);
    stiel_buf out;
    stiel_buf_init(&out, 0);
    if (rc == 0) {
        rc = render(&r, a.format, &out);
        report_render_pdf_cleanup();
    }
    if (rc == 0)
        rc = write_atomic(a.out, &out);
    if (rc == 0) {
        char from[16], to[16];
        report_day_text(r.from_day, from);
        report_day_text(r.to_day, to);
        printf("wrote %s (%s, %zu bytes): trainee %s, %s to %s, %zu competencies, verification "
               "code %s\n",
               a.out, a.format, out.len, r.trainee.id, from, to, r.competency_count, r.code);
    }
    stiel_buf_free(&out);
    report_free(&r);
    stiel_buf_free(&path);
    free(fw);
    free(levels);
    return rc;
}
