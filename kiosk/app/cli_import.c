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
#include "kiosk/app/session.h"
#include "kiosk/core/evidence_json.h"
#include "kiosk/core/orders.h"

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

/* Reads a whole file (NUL-terminated, malloc'd). */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 64u << 20);
    char chunk[16384];
    size_t n;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        st = stiel_buf_append(&b, chunk, n);
    bool bad = ferror(fp) != 0;
    fclose(fp);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "");
    if (st != STIEL_OK || bad) {
        stiel_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return (char *)b.data;
}

/* Checks every file first (all or nothing), then records one "orders.imported" event per file
 * in one transaction: the file name, its SHA-256 and the order ids. */
static int import_orders(store *s, const char *const *paths, size_t n, const char *kiosk,
                         const char *by)
{
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    stiel_diag d;
    core_errors *errs = calloc(1, sizeof *errs);
    if (!errs || session_catalogue_load(s, &cat, errs, &d) != STIEL_OK) {
        fprintf(stderr, "stiel import orders: %s\n", errs ? d.text : "out of memory");
        free(errs);
        return 2;
    }
    store_event *ev = calloc(n, sizeof *ev);
    stiel_buf *payload = calloc(n, sizeof *payload);
    int rc = ev && payload ? 0 : 2;
    int64_t now = cli_now_ms();
    size_t total = 0, made = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        size_t len = 0;
        char *text = slurp(paths[i], &len);
        if (!text) {
            fprintf(stderr, "stiel import orders: cannot read %s: %s\n", paths[i],
                    strerror(errno));
            rc = 2;
            break;
        }
        const char *slash = strrchr(paths[i], '/');
        const char *name = slash ? slash + 1 : paths[i];
        orders_list list;
        memset(&list, 0, sizeof list);
        core_errors_clear(errs);
        stiel_status st = orders_parse(name, text, len, &cat, &list, errs);
        if (st != STIEL_OK) {
            print_errors(errs);
            rc = 2;
        } else {
            uint8_t h[crypto_hash_sha256_BYTES];
            char hex[65];
            crypto_hash_sha256(h, (const unsigned char *)text, len);
            sodium_bin2hex(hex, sizeof hex, h, sizeof h);
            stiel_buf *p = &payload[made];
            stiel_buf_init(p, STORE_PAYLOAD_MAX);
            st = stiel_buf_puts(p, "{\"file\":");
            if (st == STIEL_OK)
                st = evidence_json_string(p, name);
            if (st == STIEL_OK)
                st = stiel_buf_printf(p, ",\"sha256\":\"%s\",\"orders\":[", hex);
            for (size_t k = 0; st == STIEL_OK && k < list.count; k++) {
                if (k)
                    st = stiel_buf_puts(p, ",");
                if (st == STIEL_OK)
                    st = evidence_json_string(p, list.orders[k].id);
            }
            if (st == STIEL_OK)
                st = stiel_buf_puts(p, "]}");
            if (st != STIEL_OK) {
                fprintf(stderr, "stiel import orders: %s: too many orders to record\n", name);
                rc = 2;
            }
            printf("%s: %zu order%s, sha256 %.16s...\n", name, list.count,
                   list.count == 1 ? "" : "s", hex);
            total += list.count;
            ev[made++] = (store_event){.kiosk_id = kiosk, .ts_ms = now, .actor_id = by,
                                       .kind = "orders.imported"};
        }
        orders_list_free(&list);
        free(text);
    }
    if (rc == 0) {
        for (size_t i = 0; i < made; i++)
            ev[i].payload = (const char *)payload[i].data;
        if (store_append_batch(s, ev, made, NULL, &d) != STIEL_OK) {
            fprintf(stderr, "stiel import orders: %s\n", d.text);
            rc = 2;
        } else {
            printf("recorded %zu order%s from %zu file%s\n", total, total == 1 ? "" : "s", made,
                   made == 1 ? "" : "s");
        }
    } else {
        fputs("stiel import orders: nothing was imported\n", stderr);
    }
    for (size_t i = 0; payload && i < made; i++)
        stiel_buf_free(&payload[i]);
    free(payload);
    free(ev);
    free(errs);
    catalogue_free(&cat);
    return rc;
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
