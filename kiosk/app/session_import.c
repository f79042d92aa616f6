/* Catalogue import for the session and the CLI: read the CSV files (a folder or named files),
 * fill what is not given from the store's current catalogue, validate the whole with
 * catalogue_import, and replace the store's tables in one transaction with the import recorded as
 * an evidence event naming each file and its SHA-256. Also loads the catalogue back. */
#include "kiosk/app/session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "kiosk/core/evidence_json.h"

static const char *const file_names[SESSION_IMPORT_FILES] = {
    "items.csv", "locations.csv", "boxes.csv", "trainees.csv", "staff.csv",
};

enum { IMPORT_FILE_MAX = 64 * 1024 * 1024 };

/* Reads a whole file; *text is malloc'd and NUL-terminated. */
static stiel_status file_read(const char *path, char **text, size_t *len, stiel_diag *diag)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    stiel_buf b;
    stiel_buf_init(&b, IMPORT_FILE_MAX);
    char chunk[16384];
    stiel_status st = STIEL_OK;
    size_t n;
    while (st == STIEL_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        st = stiel_buf_append(&b, chunk, n);
    bool bad = ferror(fp) != 0;
    fclose(fp);
    if (st == STIEL_OK && bad)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s", path);
    else if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "%s is too large (over %d MiB)", path,
                            IMPORT_FILE_MAX >> 20);
    if (st == STIEL_OK && b.len == 0)
        st = stiel_buf_puts(&b, ""); /* a buffer to hand back even for an empty file */
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return st;
    }
    *text = (char *)b.data;
    *len = b.len;
    return STIEL_OK;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int file_index(const char *name)
{
    for (int i = 0; i < SESSION_IMPORT_FILES; i++)
        if (strcmp(name, file_names[i]) == 0)
            return i;
    return -1;
}

typedef struct import_job {
    char *text[SESSION_IMPORT_FILES];  /* files read (owned), NULL when not given */
    size_t len[SESSION_IMPORT_FILES];
    store_catalogue_csv stored;
    session_import_result *res;
} import_job;

static stiel_status take_file(import_job *job, int k, const char *path, stiel_diag *diag)
{
    if (job->text[k])
        return stiel_diag_set(diag, STIEL_ERR_ARG, "%s is given twice in this import",
                              file_names[k]);
    stiel_status st = file_read(path, &job->text[k], &job->len[k], diag);
    if (st != STIEL_OK)
        return st;
    session_import_file *f = &job->res->files[k];
    snprintf(f->path, sizeof f->path, "%s", path);
    f->bytes = job->len[k];
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)job->text[k], job->len[k]);
    sodium_bin2hex(f->sha256, sizeof f->sha256, h, sizeof h);
    return STIEL_OK;
}

static stiel_status gather(import_job *job, const char *const *paths, size_t n, stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "cannot read %s: %s", paths[i],
                                  strerror(errno));
        if (S_ISDIR(sb.st_mode)) {
            bool any = false;
            for (int k = 0; st == STIEL_OK && k < SESSION_IMPORT_FILES; k++) {
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", paths[i], file_names[k]);
                if (stat(p, &sb) != 0)
                    continue;
                any = true;
                st = take_file(job, k, p, diag);
            }
            if (st == STIEL_OK && !any)
                st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                                    "%s holds none of items.csv, locations.csv, boxes.csv, "
                                    "trainees.csv, staff.csv",
                                    paths[i]);
            continue;
        }
        int k = file_index(base_name(paths[i]));
        if (k < 0)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "%s: a catalogue file is named items.csv, locations.csv, "
                                  "boxes.csv, trainees.csv or staff.csv",
                                  paths[i]);
        st = take_file(job, k, paths[i], diag);
    }
    return st;
}

static stiel_buf *stored_buf(store_catalogue_csv *c, int k)
{
    stiel_buf *const bufs[SESSION_IMPORT_FILES] = {&c->items, &c->locations, &c->boxes,
                                                    &c->trainees, &c->staff};
    return bufs[k];
}

/* The five sources: files given, else the store's current text (named "store:items.csv"). */
static void sources_make(import_job *job, catalogue_sources *src, char names[][48])
{
    catalogue_source *const out[SESSION_IMPORT_FILES] = {&src->items, &src->locations,
                                                          &src->boxes, &src->trainees,
                                                          &src->staff};
    for (int k = 0; k < SESSION_IMPORT_FILES; k++) {
        if (job->text[k]) {
            *out[k] = (catalogue_source){file_names[k], job->text[k], job->len[k]};
            continue;
        }
        stiel_buf *b = stored_buf(&job->stored, k);
        snprintf(names[k], 48, "store:%s", file_names[k]);
        *out[k] = (catalogue_source){names[k], b->data ? (const char *)b->data : NULL, b->len};
    }
}

/* Inside the import's transaction: the store's catalogue as a whole (the trainees it keeps
 * included) must import cleanly, or everything rolls back. */
static stiel_status check_whole(store *s, void *ctx, stiel_diag *diag)
{
    core_errors *errs = ctx;
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    stiel_status st = session_catalogue_load(s, &cat, errs, diag);
    catalogue_free(&cat);
    if (st != STIEL_OK && core_errors_total(errs) > 0)
        return stiel_diag_set(diag, st, "the catalogue with the trainees already in the store "
                                        "does not check: %s",
                              errs->items[0].text);
    return st;
}

static stiel_status event_payload(const import_job *job, const catalogue *cat, stiel_buf *out)
{
    stiel_status st = stiel_buf_puts(out, "{\"files\":[");
    bool first = true;
    for (int k = 0; st == STIEL_OK && k < SESSION_IMPORT_FILES; k++) {
        const session_import_file *f = &job->res->files[k];
        if (!f->sha256[0])
            continue;
        st = stiel_buf_printf(out, "%s{\"name\":", first ? "" : ",");
        first = false;
        if (st == STIEL_OK)
            st = evidence_json_string(out, f->name);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, ",\"sha256\":\"%s\",\"bytes\":%zu,\"rows\":%zu}",
                                  f->sha256, f->bytes, f->rows);
    }
    if (st == STIEL_OK)
        st = stiel_buf_printf(out,
                              "],\"items\":%zu,\"locations\":%zu,\"boxes\":%zu,\"trainees\":%zu,"
                              "\"staff\":%zu}",
                              cat->item_count, cat->location_count, cat->box_count,
                              cat->trainee_count, cat->staff_count);
    return st;
}

static stiel_status import_run(store *s, import_job *job, const char *kiosk_id,
                               const char *actor_id, int64_t now_ms, stiel_diag *diag)
{
    session_import_result *res = job->res;
    bool empty = true;
    stiel_status st = store_catalogue_export(s, &job->stored, &empty, diag);
    if (st != STIEL_OK)
        return st;
    catalogue_sources src;
    char names[SESSION_IMPORT_FILES][48];
    sources_make(job, &src, names);
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    st = catalogue_import(&src, &cat, &res->errs);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the catalogue has %zu problem%s: nothing was imported",
                              core_errors_total(&res->errs),
                              core_errors_total(&res->errs) == 1 ? "" : "s");
    const size_t rows[SESSION_IMPORT_FILES] = {cat.item_count, cat.location_count, cat.box_count,
                                               cat.trainee_count, cat.staff_count};
    for (int k = 0; k < SESSION_IMPORT_FILES; k++)
        res->files[k].rows = rows[k];
    stiel_buf payload;
    stiel_buf_init(&payload, STORE_PAYLOAD_MAX);
    st = event_payload(job, &cat, &payload);
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "the import record does not fit");
    if (st == STIEL_OK) {
        store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .actor_id = actor_id,
                          .kind = SESSION_KIND_IMPORTED, .payload = (const char *)payload.data};
        st = store_catalogue_replace(s, &cat, &ev, check_whole, &res->errs, &res->report, diag);
    }
    stiel_buf_free(&payload);
    catalogue_free(&cat);
    return st;
}

stiel_status session_import_catalogue(store *s, const char *const *paths, size_t n,
                                      const char *kiosk_id, const char *actor_id, int64_t now_ms,
                                      session_import_result *res, stiel_diag *diag)
{
    if (!s || !paths || n == 0 || !res)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "nothing to import");
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium failed to initialise");
    memset(res, 0, sizeof *res);
    for (int k = 0; k < SESSION_IMPORT_FILES; k++)
        snprintf(res->files[k].name, sizeof res->files[k].name, "%s", file_names[k]);
    import_job job;
    memset(&job, 0, sizeof job);
    job.res = res;
    store_catalogue_csv_init(&job.stored);
    stiel_status st = gather(&job, paths, n, diag);
    if (st == STIEL_OK)
        st = import_run(s, &job, kiosk_id, actor_id, now_ms, diag);
    for (int k = 0; k < SESSION_IMPORT_FILES; k++)
        free(job.text[k]);
    store_catalogue_csv_free(&job.stored);
    return st;
}

stiel_status session_catalogue_load(store *s, catalogue *out, core_errors *errs,
                                    stiel_diag *diag)
{
    core_errors local;
    if (!errs)
        errs = &local;
    core_errors_clear(errs);
    store_catalogue_csv csv;
    store_catalogue_csv_init(&csv);
    bool empty = true;
    stiel_status st = store_catalogue_export(s, &csv, &empty, diag);
    if (st == STIEL_OK && empty)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                            "the store has no catalogue yet: run stiel import catalogue");
    if (st == STIEL_OK) {
        catalogue_sources src = {
            {"store:items.csv", (const char *)csv.items.data, csv.items.len},
            {"store:locations.csv", (const char *)csv.locations.data, csv.locations.len},
            {"store:boxes.csv", (const char *)csv.boxes.data, csv.boxes.len},
            {"store:trainees.csv", (const char *)csv.trainees.data, csv.trainees.len},
            {"store:staff.csv", (const char *)csv.staff.data, csv.staff.len},
        };
        st = catalogue_import(&src, out, errs);
        if (st != STIEL_OK)
            st = stiel_diag_set(diag, st, "the store's catalogue does not check: %s",
                                errs->count ? errs->items[0].text : "?");
    }
    store_catalogue_csv_free(&csv);
    return st;
}
