/* File helpers of `stiel label`: template lookup and reading, atomic output. See cli_label_io.h. */
#include "kiosk/app/cli_label_io.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

enum { TEMPLATE_FILE_MAX = 1 << 20 };

void cli_label_dir(char *out, size_t cap)
{
    const char *assets = getenv("STIEL_ASSETS");
    if (assets == NULL || assets[0] == '\0')
        assets = STIEL_ASSET_DIR;
    snprintf(out, cap, "%s/labels", assets);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* "badge, item, location" from the directory, into list. */
static void list_templates(const char *dir, char *list, size_t cap)
{
    list[0] = '\0';
    DIR *d = opendir(dir);
    if (d == NULL) {
        snprintf(list, cap, "none (the folder cannot be read; set STIEL_ASSETS)");
        return;
    }
    size_t used = 0;
    const struct dirent *e;
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        if (!ends_with(e->d_name, ".label"))
            continue;
        int n = snprintf(list + used, cap - used, "%s%.*s", used ? ", " : "", (int)(strlen(e->d_name) - 6),
                         e->d_name);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    closedir(d);
}

stiel_status cli_label_resolve(const char *name, char *path, size_t cap, stiel_diag *diag)
{
    char dir[2048];
    cli_label_dir(dir, sizeof dir);
    int n;
    if (strchr(name, '/') != NULL || ends_with(name, ".label"))
        n = snprintf(path, cap, "%s", name);
    else
        n = snprintf(path, cap, "%s/%s.label", dir, name);
    if (n < 0 || (size_t)n >= cap)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "template name '%.40s...' is too long", name);
    if (access(path, R_OK) == 0)
        return STIEL_OK;
    char list[160];
    list_templates(dir, list, sizeof list);
    return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "unknown template '%s' (no readable %s); templates: %s", name,
                          path, list);
}

stiel_status cli_label_read_file(const char *path, stiel_buf *out, stiel_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    char chunk[8192];
    stiel_status st = STIEL_OK;
    size_t got;
    do {
        got = fread(chunk, 1, sizeof chunk, f);
        if (got > 0 && out->len + got > TEMPLATE_FILE_MAX)
            st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "%s is larger than %d bytes: not a template", path,
                                TEMPLATE_FILE_MAX);
        else if (got > 0 && stiel_buf_append(out, chunk, got) != STIEL_OK)
            st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory reading %s", path);
    } while (st == STIEL_OK && got == sizeof chunk);
    if (st == STIEL_OK && ferror(f))
        st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s: %s", path, strerror(errno));
    fclose(f);
    return st;
}

stiel_status cli_label_write_file(const char *path, const void *data, size_t n, stiel_diag *diag)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, n, stdout) != n || fflush(stdout) != 0)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write to standard output: %s", strerror(errno));
        return STIEL_OK;
    }
    char tmp[4096];
    int k = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (k < 0 || (size_t)k >= sizeof tmp)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "output path is too long");
    FILE *f = fopen(tmp, "wb");
    if (f == NULL)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot create %s: %s", tmp, strerror(errno));
    bool ok = fwrite(data, 1, n, f) == n;
    ok = (fflush(f) == 0) && ok;
    ok = (fsync(fileno(f)) == 0 || errno == EINVAL) && ok;
    int saved = errno;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        unlink(tmp);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(saved ? saved : errno));
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        unlink(tmp);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot rename %s to %s: %s", tmp, path, strerror(saved));
    }
    return STIEL_OK;
}

stiel_status cli_label_copy_to_stdout(const char *path, stiel_diag *diag)
{
    stiel_buf b;
    stiel_buf_init(&b, 0);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    char chunk[8192];
    size_t got;
    stiel_status st = STIEL_OK;
    do {
        got = fread(chunk, 1, sizeof chunk, f);
        if (got > 0)
            st = stiel_buf_append(&b, chunk, got);
    } while (st == STIEL_OK && got == sizeof chunk);
    fclose(f);
    if (st == STIEL_OK)
        st = cli_label_write_file("-", b.data, b.len, diag);
    else
        stiel_diag_set(diag, st, "cannot read %s back", path);
    stiel_buf_free(&b);
    return st;
}
