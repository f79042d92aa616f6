/* Real-order pick lists into the store (orders_import.h): folders expanded to their order files,
 * every file parsed against the catalogue, then one batch of orders.imported events. */
#include "kiosk/app/orders_import.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "kiosk/app/session.h"
#include "kiosk/core/evidence_json.h"

enum { PATH_MAX_LEN = 4200 };

typedef struct file_list {
    char (*paths)[PATH_MAX_LEN];
    size_t count;
} file_list;

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
    *len = b.len - 1;
    return (char *)b.data;
}

static stiel_status list_add(file_list *l, const char *dir, const char *name, stiel_diag *diag)
{
    if (l->count >= ORDERS_IMPORT_FILES_MAX)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "more than %d order files: import them in parts",
                              ORDERS_IMPORT_FILES_MAX);
    int w = dir ? snprintf(l->paths[l->count], PATH_MAX_LEN, "%s/%s", dir, name)
                : snprintf(l->paths[l->count], PATH_MAX_LEN, "%s", name);
    if (w < 0 || w >= PATH_MAX_LEN)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the path of %.200s is too long", name);
    l->count++;
    return STIEL_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The order files of folder dir, in name order. */
static stiel_status list_folder(file_list *l, const char *dir, stiel_diag *diag)
{
    DIR *d = opendir(dir);
    if (!d)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot open the folder %s: %s", dir,
                              strerror(errno));
    size_t first = l->count;
    stiel_status st = STIEL_OK;
    struct dirent *e;
    while (st == STIEL_OK && (e = readdir(d)) != NULL) {
        orders_format fmt;
        if (e->d_name[0] == '.' || orders_format_of(e->d_name, &fmt) != STIEL_OK)
            continue;
        st = list_add(l, dir, e->d_name, diag);
    }
    closedir(d);
    if (st == STIEL_OK && l->count == first)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no order files (*.csv, *.json) in %s",
                              dir);
    qsort(l->paths + first, l->count - first, sizeof l->paths[0], name_cmp);
    return st;
}

static stiel_status payload_make(stiel_buf *p, const char *name, const char *hex,
                                 const orders_list *list)
{
    stiel_status st = stiel_buf_puts(p, "{\"file\":");
    if (st == STIEL_OK)
        st = evidence_json_string(p, name);
    if (st == STIEL_OK)
        st = stiel_buf_printf(p, ",\"sha256\":\"%s\",\"orders\":[", hex);
    for (size_t k = 0; st == STIEL_OK && k < list->count; k++) {
        if (k)
            st = stiel_buf_puts(p, ",");
        if (st == STIEL_OK)
            st = evidence_json_string(p, list->orders[k].id);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(p, "]}");
    return st;
}

/* Parses and checks file i, making its event's payload. A problem goes to res->errs. */
static stiel_status one_file(const char *path, const catalogue *cat, orders_import_result *res,
                             stiel_buf *payload, stiel_diag *diag)
{
    orders_import_file *f = &res->files[res->file_count++];
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    snprintf(f->name, sizeof f->name, "%s", name);
    size_t len = 0;
    errno = 0;
    char *text = slurp(path, &len);
    if (!text)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s: %s", path,
                              errno ? strerror(errno) : "out of memory");
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, len);
    sodium_bin2hex(f->sha256, sizeof f->sha256, h, sizeof h);
    orders_list list;
    memset(&list, 0, sizeof list);
    stiel_status st = orders_parse(f->name, text, len, cat, &list, &res->errs);
    if (st == STIEL_OK) {
        st = payload_make(payload, f->name, f->sha256, &list);
        if (st != STIEL_OK)
            st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "%s: too many orders to record",
                                f->name);
    } else {
        stiel_diag_set(diag, st, "%s has problems", f->name);
    }
    if (st == STIEL_OK) {
        f->ok = true;
        f->orders = list.count;
        res->orders += list.count;
    }
    orders_list_free(&list);
    free(text);
    return st;
}

stiel_status orders_import(store *s, const char *const *paths, size_t n, const char *kiosk_id,
                           const char *actor_id, int64_t now_ms, orders_import_result *res,
                           stiel_diag *diag)
{
    memset(res, 0, sizeof *res);
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "libsodium could not start");
    file_list files = {.paths = calloc(ORDERS_IMPORT_FILES_MAX, sizeof files.paths[0])};
    if (!files.paths)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the order files");
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            st = list_folder(&files, paths[i], diag);
        else
            st = list_add(&files, NULL, paths[i], diag);
    }
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    if (st == STIEL_OK)
        st = session_catalogue_load(s, &cat, &res->errs, diag);
    store_event *ev = calloc(files.count ? files.count : 1, sizeof *ev);
    stiel_buf *payload = calloc(files.count ? files.count : 1, sizeof *payload);
    if (st == STIEL_OK && (!ev || !payload))
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the order files");
    /* every file checked, its problems collected; the first failure's status returned */
    stiel_status first = STIEL_OK;
    stiel_diag first_diag;
    stiel_diag_clear(&first_diag);
    for (size_t i = 0; st == STIEL_OK && i < files.count; i++) {
        stiel_buf_init(&payload[i], STORE_PAYLOAD_MAX);
        stiel_diag d;
        stiel_diag_clear(&d);
        stiel_status fs = one_file(files.paths[i], &cat, res, &payload[i], &d);
        ev[i] = (store_event){.kiosk_id = kiosk_id, .ts_ms = now_ms, .actor_id = actor_id,
                              .kind = ORDERS_IMPORT_KIND,
                              .payload = (const char *)payload[i].data};
        if (fs == STIEL_OK)
            continue;
        if (first == STIEL_OK) {
            first = fs;
            first_diag = d;
        }
        if (fs == STIEL_ERR_IO || fs == STIEL_ERR_NOMEM || fs == STIEL_ERR_OVERLONG)
            break;   /* not a problem in a file's rows: stop there */
    }
    if (st == STIEL_OK && first != STIEL_OK) {
        st = first;
        if (diag)
            *diag = first_diag;
        size_t problems = res->errs.count + res->errs.dropped;
        if (problems)
            stiel_diag_set(diag, first, "%zu problem%s in the order files",
                           problems, problems == 1 ? "" : "s");
    }
    if (st == STIEL_OK)
        st = store_append_batch(s, ev, files.count, NULL, diag);
    if (st != STIEL_OK)
        res->orders = 0;
    for (size_t i = 0; payload && i < files.count; i++)
        stiel_buf_free(&payload[i]);
    free(payload);
    free(ev);
    catalogue_free(&cat);
    free(files.paths);
    return st;
}
