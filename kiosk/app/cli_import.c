/* stiel import catalogue|orders: the practice warehouse's CSV files into the store (one
 * transaction, the whole result validated, every error with file:line, nothing half-imported),
 * and real-order pick lists checked against the store's catalogue and recorded as evidence. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/orders_import.h"
#include "kiosk/app/session.h"

const char *cli_kiosk_id(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("STIEL_KIOSK");
    return env && *env ? env : "kiosk-1";
}

int64_t cli_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int usage(const char *bad)
{
    fprintf(stderr,
            "stiel import: unexpected '%s' (usage: stiel import catalogue|orders [--db PATH] "
            "[--kiosk K] [--by ID] DIR|FILE...)\n",
            bad);
    return 2;
}

static void print_errors(const core_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++)
        fprintf(stderr, "%s\n", errs->items[i].text);
    if (errs->dropped)
        fprintf(stderr, "... and %zu more\n", errs->dropped);
}

static int import_catalogue(store *s, const char *const *paths, size_t n, const char *kiosk,
                            const char *by)
{
    session_import_result *res = calloc(1, sizeof *res);
    if (!res) {
        fputs("stiel import: out of memory\n", stderr);
        return 2;
    }
    stiel_diag d;
    stiel_status st = session_import_catalogue(s, paths, n, kiosk, by, cli_now_ms(), res, &d);
    if (st != STIEL_OK) {
        print_errors(&res->errs);
        fprintf(stderr, "stiel import: %s\n", d.text);
        free(res);
        return 2;
    }
    for (int k = 0; k < SESSION_IMPORT_FILES; k++) {
        const session_import_file *f = &res->files[k];
        if (f->sha256[0])
            printf("%-14s %6zu rows  sha256 %.16s...  %s\n", f->name, f->rows, f->sha256,
                   f->path);
        else
            printf("%-14s %6zu rows  (kept from the store)\n", f->name, f->rows);
    }
    const store_import_report *r = &res->report;
    printf("imported: %lld items, %lld locations, %lld boxes, %lld staff; trainees: %lld added, "
           "%lld updated, %lld kept, %lld erased left erased, %lld level change%s\n",
           (long long)r->items, (long long)r->locations, (long long)r->boxes,
           (long long)r->staff, (long long)r->trainees_added, (long long)r->trainees_updated,
           (long long)r->trainees_kept, (long long)r->trainees_erased_skipped,
           (long long)r->levels_changed, r->levels_changed == 1 ? "" : "s");
    free(res);
    return 0;
}

/* Checks every file first (all or nothing), then records one "orders.imported" event per file
 * in one transaction (orders_import.h); a folder gives its *.csv and *.json files. */
static int import_orders(store *s, const char *const *paths, size_t n, const char *kiosk,
                         const char *by)
{
    orders_import_result *res = calloc(1, sizeof *res);
    if (!res) {
        fputs("stiel import orders: out of memory\n", stderr);
        return 2;
    }
    stiel_diag d;
    stiel_status st = orders_import(s, paths, n, kiosk, by, cli_now_ms(), res, &d);
    for (size_t i = 0; i < res->file_count; i++) {
        const orders_import_file *f = &res->files[i];
        if (f->ok)
            printf("%s: %zu order%s, sha256 %.16s...\n", f->name, f->orders,
                   f->orders == 1 ? "" : "s", f->sha256);
    }
    if (st != STIEL_OK) {
        print_errors(&res->errs);
        fprintf(stderr, "stiel import orders: %s\n", d.text);
        fputs("stiel import orders: nothing was imported\n", stderr);
        free(res);
        return 2;
    }
    printf("recorded %zu order%s from %zu file%s\n", res->orders, res->orders == 1 ? "" : "s",
           res->file_count, res->file_count == 1 ? "" : "s");
    free(res);
    return 0;
}

int cli_import(int argc, char **argv)
{
    if (argc < 2)
        return usage("(nothing)");
    bool catalogue_kind = strcmp(argv[1], "catalogue") == 0;
    if (!catalogue_kind && strcmp(argv[1], "orders") != 0)
        return usage(argv[1]);
    const char *db = NULL, *kiosk = NULL, *by = "supervisor";
    const char **paths = calloc((size_t)argc, sizeof *paths);
    size_t n = 0;
    if (!paths)
        return 2;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--kiosk") == 0 && i + 1 < argc)
            kiosk = argv[++i];
        else if (strcmp(argv[i], "--by") == 0 && i + 1 < argc)
            by = argv[++i];
        else if (strncmp(argv[i], "--", 2) == 0) {
            free(paths);
            return usage(argv[i]);
        } else
            paths[n++] = argv[i];
    }
    if (n == 0) {
        free(paths);
        fprintf(stderr, "stiel import %s: name the files (or a folder) to import\n", argv[1]);
        return 2;
    }
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    int rc = cli_store_path(db, &path);
    store *s = NULL;
    stiel_diag d;
    if (rc == 0 && store_open((const char *)path.data, NULL, &s, &d) != STIEL_OK) {
        fprintf(stderr, "stiel import: %s\n", d.text);
        rc = 2;
    }
    stiel_buf_free(&path);
    if (rc == 0 && sodium_init() < 0)
        rc = 2;
    if (rc == 0)
        rc = catalogue_kind ? import_catalogue(s, paths, n, cli_kiosk_id(kiosk), by)
                            : import_orders(s, paths, n, cli_kiosk_id(kiosk), by);
    store_close(s);
    free(paths);
    return rc;
}
