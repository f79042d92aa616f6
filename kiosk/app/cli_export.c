/* stiel export events --csv [--db PATH] [--out FILE]: the evidence as CSV (RFC 4180), erased
 * payloads left empty; stiel export xapi [--db PATH] [--out FILE] [--home-page IRI]: the step
 * evidence as xAPI 1.0.3 statements (store_export_xapi). With --out, written to a temporary file
 * beside FILE and renamed into place only when complete, so a failed export leaves nothing
 * half-written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/app/cli.h"
#include "kiosk/store/store.h"

static int usage(const char *bad)
{
    fprintf(stderr,
            "stiel export: unexpected '%s' (usage: stiel export events --csv [--db PATH] "
            "[--out FILE] | stiel export xapi [--db PATH] [--out FILE] [--home-page IRI])\n",
            bad);
    return 2;
}

/* What to write: CSV, or xAPI with this home page. */
typedef struct export_what {
    bool xapi;
    const char *home_page;
} export_what;

static stiel_status export_write(store *s, const export_what *w, FILE *fp, stiel_diag *d)
{
    if (w->xapi)
        return store_export_xapi(s, w->home_page, fp, NULL, d);
    return store_export_csv(s, fp, d);
}

/* Exports to a temp file beside out_path and renames it into place. */
static int export_to_file(store *s, const export_what *what, const char *out_path)
{
    size_t n = strlen(out_path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        fputs("stiel export: out of memory\n", stderr);
        return 2;
    }
    snprintf(tmp, n, "%s.tmp-XXXXXX", out_path);
    int fd = mkstemp(tmp); /* mode 0600: the export is personal data too */
    if (fd < 0) {
        fprintf(stderr, "stiel export: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return 2;
    }
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        close(fd);
        unlink(tmp);
        free(tmp);
        fputs("stiel export: cannot open the output\n", stderr);
        return 2;
    }
    stiel_diag d;
    stiel_status st = export_write(s, what, fp, &d);
    if (st == STIEL_OK && fsync(fileno(fp)) != 0)
        st = stiel_diag_set(&d, STIEL_ERR_IO, "cannot flush %s: %s", tmp, strerror(errno));
    if (fclose(fp) != 0 && st == STIEL_OK)
        st = stiel_diag_set(&d, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
    if (st == STIEL_OK && rename(tmp, out_path) != 0)
        st = stiel_diag_set(&d, STIEL_ERR_IO, "cannot rename the export to %s: %s", out_path,
                            strerror(errno));
    if (st != STIEL_OK) {
        unlink(tmp);
        fprintf(stderr, "stiel export: %s\n", d.text);
    }
    free(tmp);
    return st == STIEL_OK ? 0 : 2;
}

int cli_export(int argc, char **argv)
{
    if (argc < 2)
        return usage("(nothing)");
    export_what what = {.xapi = strcmp(argv[1], "xapi") == 0, .home_page = NULL};
    if (strcmp(argv[1], "events") != 0 && !what.xapi)
        return usage(argv[1]);
    const char *db = NULL, *out = NULL;
    bool csv = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && !what.xapi)
            csv = true;
        else if (strcmp(argv[i], "--home-page") == 0 && what.xapi && i + 1 < argc)
            what.home_page = argv[++i];
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else
            return usage(argv[i]);
    }
    if (!csv && !what.xapi) {
        fputs("stiel export events: say which format: --csv\n", stderr);
        return 2;
    }
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    int rc = cli_store_path(db, &path);
    if (rc != 0) {
        stiel_buf_free(&path);
        return rc;
    }
    store_options opts = {.read_only = true, .must_exist = true};
    store *s = NULL;
    stiel_diag d;
    stiel_status st = store_open((const char *)path.data, &opts, &s, &d);
    stiel_buf_free(&path);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel export: %s\n", d.text);
        return 2;
    }
    if (out) {
        rc = export_to_file(s, &what, out);
    } else {
        st = export_write(s, &what, stdout, &d);
        if (st != STIEL_OK)
            fprintf(stderr, "stiel export: %s\n", d.text);
        rc = st == STIEL_OK ? 0 : 2;
    }
    store_close(s);
    return rc;
}
