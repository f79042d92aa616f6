/* The inbox and outbox folders of orders_inbox.h: taking a pick list by rename (no kiosk ever
 * takes a file another already has), moving bad files aside with their reason, and writing
 * results atomically (temporary file, fsync, rename without replace, fsync of the folder). */
#define _GNU_SOURCE  /* renameat2 and RENAME_NOREPLACE */
#include "kiosk/app/orders_inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/log.h"

#define LOG_PREFIX "orders_inbox"

/* ---- small file helpers ------------------------------------------------------------------------ */

static bool join(char *out, size_t cap, const char *a, const char *b)
{
    int n = snprintf(out, cap, "%s/%s", a, b);
    return n > 0 && (size_t)n < cap;
}

static int mkdir_if_missing(const char *path)
{
    if (mkdir(path, 0750) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        if (fsync(fd) != 0)
            LOG_WARN("fsync of folder %s: %s", dir, strerror(errno));
        close(fd);
    }
}

/* Renames from to to, failing with EEXIST rather than replacing to. Where the file system has
 * no RENAME_NOREPLACE, link + unlink does the same (the one whose unlink works has the file). */
static int rename_noreplace(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (link(from, to) != 0)
        return -1;
    if (unlink(from) != 0) {
        int e = errno;
        unlink(to);
        errno = e;
        return -1;
    }
    return 0;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes data to dir/name atomically: hidden temporary file, mode, fsync, rename without replace
 * (or with, when replace), fsync of dir. errno is set on failure; EEXIST when name exists. */
static int write_atomic(const char *dir, const char *name, const void *data, size_t len,
                        mode_t mode, bool replace)
{
    char tmp[ORDERS_PATH_MAX], final[ORDERS_PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name);
    if (n < 0 || (size_t)n >= sizeof tmp || !join(final, sizeof final, dir, name)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    bool ok = fchmod(fd, mode) == 0;
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(fd, (const char *)data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    ok = ok && fsync(fd) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok)
        ok = (replace ? rename(tmp, final) : rename_noreplace(tmp, final)) == 0;
    if (!ok) {
        e = errno ? errno : e;
        unlink(tmp);
        errno = e;
        return -1;
    }
    fsync_dir(dir);
    return 0;
}

/* ---- eligibility and reading ------------------------------------------------------------------- */

static bool wanted_name(const char *name)
{
    orders_format fmt;
    return name[0] != '.' && strlen(name) <= ORDERS_SOURCE_MAX &&
           orders_format_of(name, &fmt) == STIEL_OK;
}

typedef struct inbox_paths {
    char processing[ORDERS_PATH_MAX];  /* dir/processing/<kiosk> */
    char rejected[ORDERS_PATH_MAX];
    char done[ORDERS_PATH_MAX];
} inbox_paths;

static stiel_status make_paths(const orders_inbox *ib, inbox_paths *p, stiel_diag *diag)
{
    char proc[ORDERS_PATH_MAX];
    if (!join(proc, sizeof proc, ib->dir, "processing") ||
        !join(p->processing, sizeof p->processing, proc, ib->kiosk) ||
        !join(p->rejected, sizeof p->rejected, ib->dir, "rejected") ||
        !join(p->done, sizeof p->done, ib->dir, "done"))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "inbox %.80s: the path is too long", ib->dir);
    const char *dirs[4] = { proc, p->processing, p->rejected, p->done };
    for (int k = 0; k < 4; k++) {
        if (mkdir_if_missing(dirs[k]) != 0)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make folder %.120s: %s", dirs[k],
                                  strerror(errno));
    }
    return STIEL_OK;
}

/* Reads a regular file (not a link) of at most CORE_CSV_FILE_MAX bytes into b. */
static stiel_status read_file(const char *path, stiel_buf *b, core_errors *why, const char *name)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return core_errors_add(why, STIEL_ERR_IO, "%s: cannot be read: %s", name,
                               fd >= 0 ? "not a regular file" : strerror(e));
    }
    if (st.st_size > CORE_CSV_FILE_MAX) {
        close(fd);
        return core_errors_add(why, STIEL_ERR_OVERLONG,
                               "%s: is %lld bytes long, more than the %d a pick list may have",
                               name, (long long)st.st_size, CORE_CSV_FILE_MAX);
    }
    stiel_status s = STIEL_OK;
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            s = core_errors_add(why, STIEL_ERR_IO, "%s: read failed: %s", name, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        s = stiel_buf_append(b, chunk, (size_t)r);
        if (s != STIEL_OK) {
            core_errors_add(why, s, "%s: %s", name, stiel_strerror(s));
            break;
        }
    }
    close(fd);
    return s;
}

/* ---- rejecting and finishing ------------------------------------------------------------------- */

/* Moves src (named name) into folder under name or name.2, name.3 ...; the chosen name goes to
 * chosen. When reason is not NULL, <chosen>.reason.txt is written first. */
static int move_aside(const char *src, const char *folder, const char *name, const char *reason,
                      char *chosen, size_t cap)
{
    for (unsigned k = 1; k < 1000; k++) {
        char cand[ORDERS_SOURCE_MAX + 16], path[ORDERS_PATH_MAX], rname[ORDERS_SOURCE_MAX + 32];
        struct stat st;
        if (k == 1)
            snprintf(cand, sizeof cand, "%s", name);
        else
            snprintf(cand, sizeof cand, "%s.%u", name, k);
        if (!join(path, sizeof path, folder, cand)) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (lstat(path, &st) == 0)
            continue;
        snprintf(rname, sizeof rname, "%s.reason.txt", cand);
        if (reason && write_atomic(folder, rname, reason, strlen(reason), 0640, true) != 0)
            return -1;
        if (rename_noreplace(src, path) == 0) {
            fsync_dir(folder);
            snprintf(chosen, cap, "%s", cand);
            return 0;
        }
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static void reason_text(stiel_buf *b, const char *name, const char *kiosk, const core_errors *e)
{
    char when[ORDER_TIME_TEXT + 1];
    orders_time_format(now_ms(), when);
    stiel_buf_printf(b, "Stiel did not use this pick list: nothing of it was picked.\n"
                        "file: %s\nrejected: %s by kiosk %s\nerrors: %zu\n",
                     name, when, kiosk, core_errors_total(e));
    for (size_t k = 0; e && k < e->count; k++)
        stiel_buf_printf(b, "  %s\n", e->items[k].text);
    if (e && e->dropped)
        stiel_buf_printf(b, "  (and %zu more)\n", e->dropped);
    stiel_buf_puts(b, "Fix the file and drop it in the inbox again; see docs/orders.md.\n");
}

static stiel_status reject_file(const orders_inbox *ib, const inbox_paths *p, const char *src,
                                const char *name, const core_errors *errs, stiel_diag *diag)
{
    stiel_buf reason;
    stiel_buf_init(&reason, 0);
    reason_text(&reason, name, ib->kiosk, errs);
    char chosen[ORDERS_SOURCE_MAX + 16];
    int rc = move_aside(src, p->rejected, name, reason.data ? (const char *)reason.data : "",
                        chosen, sizeof chosen);
    stiel_buf_free(&reason);
    if (rc != 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot move %s to %.100s: %s", name,
                              p->rejected, strerror(errno));
    LOG_WARN("pick list %s rejected (%s): %s", name, chosen,
             errs && errs->count ? errs->items[0].text : "see its reason file");
    return STIEL_OK;
}

/* An order whose result is already in the outbox was done before: the file is refused. */
static void check_outbox(const orders_inbox *ib, const orders_list *l, core_errors *errs)
{
    for (size_t k = 0; ib->outbox && k < l->count; k++) {
        static const char *const ext[2] = { "csv", "json" };
        for (int e = 0; e < 2; e++) {
            char path[ORDERS_PATH_MAX];
            struct stat st;
            int n = snprintf(path, sizeof path, "%s/%s.%s", ib->outbox, l->orders[k].id, ext[e]);
            if (n > 0 && (size_t)n < sizeof path && lstat(path, &st) == 0)
                core_errors_add(errs, STIEL_ERR_SYNTAX,
                                "%s:%u: order %s was done before: its result %s.%s is in the "
                                "outbox", l->source, l->orders[k].line, l->orders[k].id,
                                l->orders[k].id, ext[e]);
        }
    }
}

/* Reads and parses the file at path; on success fills out, else moves it to rejected/. */
static stiel_status load(const orders_inbox *ib, const inbox_paths *p, const catalogue *cat,
                         const char *path, const char *name, bool fresh, orders_taken *out,
                         core_errors *rejected, stiel_diag *diag)
{
    stiel_buf text;
    stiel_buf_init(&text, (size_t)CORE_CSV_FILE_MAX + 1);
    core_errors errs;
    core_errors_clear(&errs);
    orders_list l = { 0 };
    stiel_status st = read_file(path, &text, &errs, name);
    if (st == STIEL_OK)
        st = orders_parse(name, text.data ? (const char *)text.data : "", text.len, cat, &l,
                          &errs);
    stiel_buf_free(&text);
    if (st == STIEL_OK && fresh) { /* a resumed file's results are this kiosk's own work */
        check_outbox(ib, &l, &errs);
        st = errs.count ? errs.items[0].code : STIEL_OK;
    }
    if (st == STIEL_OK) {
        memset(out, 0, sizeof *out);
        snprintf(out->name, sizeof out->name, "%s", name);
        snprintf(out->path, sizeof out->path, "%s", path);
        out->orders = l;
        LOG_INFO("pick list %s taken by kiosk %s: %zu orders", name, ib->kiosk, l.count);
        return STIEL_OK;
    }
    orders_list_free(&l);
    for (size_t k = 0; rejected && k < errs.count; k++)
        core_errors_add(rejected, errs.items[k].code, "%s", errs.items[k].text);
    if (st == STIEL_ERR_NOMEM)
        return stiel_diag_set(diag, st, "%s: out of memory", name);
    return reject_file(ib, p, path, name, &errs, diag) == STIEL_OK ? STIEL_ERR_BUSY
                                                                  : STIEL_ERR_IO;
}

/* ---- taking ------------------------------------------------------------------------------------ */

static bool settled(const struct stat *st, unsigned settle_ms)
{
    if (settle_ms == 0)
        return true;
    int64_t mtime = (int64_t)st->st_mtim.tv_sec * 1000 + st->st_mtim.tv_nsec / 1000000;
    return now_ms() - mtime >= (int64_t)settle_ms;
}

/* Tries each eligible file of folder in name order; take says whether to rename it into the
 * processing folder first (the inbox) or not (this kiosk's processing folder: a resume). */
static stiel_status scan(const orders_inbox *ib, const inbox_paths *p, const catalogue *cat,
                         const char *folder, bool take, orders_taken *out, core_errors *rejected,
                         stiel_diag *diag)
{
    struct dirent **list = NULL;
    int n = scandir(folder, &list, NULL, alphasort);
    if (n < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read folder %.120s: %s", folder,
                              strerror(errno));
    stiel_status result = STIEL_ERR_NOT_FOUND;
    for (int k = 0; k < n && result == STIEL_ERR_NOT_FOUND; k++) {
        const char *name = list[k]->d_name;
        char src[ORDERS_PATH_MAX], dst[ORDERS_PATH_MAX];
        struct stat st;
        if (!wanted_name(name) || !join(src, sizeof src, folder, name) ||
            !join(dst, sizeof dst, p->processing, name) || lstat(src, &st) != 0 ||
            !S_ISREG(st.st_mode) || (take && !settled(&st, ib->settle_ms)))
            continue;
        if (take && rename_noreplace(src, dst) != 0) {
            if (errno != ENOENT)  /* ENOENT: another kiosk was first */
                LOG_WARN("cannot take %s: %s", name, strerror(errno));
            continue;
        }
        if (take)
            fsync_dir(p->processing);
        stiel_status st2 = load(ib, p, cat, dst, name, take, out, rejected, diag);
        if (st2 == STIEL_OK) {
            out->resumed = !take;
            result = STIEL_OK;
        } else if (st2 != STIEL_ERR_BUSY) {  /* BUSY: rejected and moved aside, go on */
            result = st2;
        }
    }
    for (int k = 0; k < n; k++)
        free(list[k]);
    free(list);
    return result;
}

stiel_status orders_inbox_take(const orders_inbox *ib, const catalogue *cat, orders_taken *out,
                               core_errors *rejected, stiel_diag *diag)
{
    if (!ib || !ib->dir || !cat || !out || !orders_id_valid(ib->kiosk))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "inbox: missing argument or bad kiosk id");
    inbox_paths p;
    stiel_status st = make_paths(ib, &p, diag);
    if (st == STIEL_OK)
        st = scan(ib, &p, cat, p.processing, false, out, rejected, diag);
    if (st == STIEL_ERR_NOT_FOUND)
        st = scan(ib, &p, cat, ib->dir, true, out, rejected, diag);
    if (st == STIEL_ERR_NOT_FOUND)
        stiel_diag_set(diag, st, "inbox %.120s: no pick list to take", ib->dir);
    return st;
}

void orders_taken_release(orders_taken *t)
{
    if (t)
        orders_list_free(&t->orders);
}

stiel_status orders_inbox_done(const orders_inbox *ib, orders_taken *t, stiel_diag *diag)
{
    if (!ib || !ib->dir || !t || !orders_id_valid(ib->kiosk))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "inbox: missing argument");
    inbox_paths p;
    stiel_status st = make_paths(ib, &p, diag);
    char chosen[ORDERS_SOURCE_MAX + 16];
    if (st == STIEL_OK && move_aside(t->path, p.done, t->name, NULL, chosen, sizeof chosen) != 0)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot move %s to %.100s: %s", t->name, p.done,
                            strerror(errno));
    if (st == STIEL_OK) {
        LOG_INFO("pick list %s done (%s)", t->name, chosen);
        orders_taken_release(t);
    }
    return st;
}

stiel_status orders_inbox_reject(const orders_inbox *ib, orders_taken *t, const core_errors *errs,
                                 stiel_diag *diag)
{
    if (!ib || !ib->dir || !t || !orders_id_valid(ib->kiosk))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "inbox: missing argument");
    inbox_paths p;
    stiel_status st = make_paths(ib, &p, diag);
    if (st == STIEL_OK)
        st = reject_file(ib, &p, t->path, t->name, errs, diag);
    if (st == STIEL_OK)
        orders_taken_release(t);
    return st;
}

/* ---- results ----------------------------------------------------------------------------------- */

stiel_status orders_result_write(const char *outbox, const order_result *r, orders_format fmt,
                                 char path[ORDERS_PATH_MAX], stiel_diag *diag)
{
    if (!outbox || !r)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result: missing argument");
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_status st = order_result_format(r, fmt, &b, diag);
    char name[ORDER_ID_MAX + 8];
    snprintf(name, sizeof name, "%s.%s", r->order_id, fmt == ORDERS_FORMAT_CSV ? "csv" : "json");
    if (st == STIEL_OK &&
        write_atomic(outbox, name, b.data, b.len, ORDERS_RESULT_MODE, false) != 0) {
        st = errno == EEXIST
                 ? stiel_diag_set(diag, STIEL_ERR_STATE,
                                  "a result for order %s is already in the outbox (%.100s/%s)",
                                  r->order_id, outbox, name)
                 : stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %.100s/%s: %s", outbox, name,
                                  strerror(errno));
    }
    stiel_buf_free(&b);
    if (st == STIEL_OK && path)
        join(path, ORDERS_PATH_MAX, outbox, name);
    return st;
}
