/* The persistent print queue (see print_queue.h): one file per job in a spool folder, written to a
 * temporary name, fsync'd and renamed, with the folder fsync'd after every change; an in-memory
 * index of the jobs guarded by a mutex, with a condition variable for waiters. */
#include "drivers/print_queue.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

#define LOG_PREFIX "print-queue"

enum { PATH_CAP = 4096, HEADER_MAX = 256 };

struct stiel_print_queue {
    char dir[PATH_CAP];
    pthread_mutex_t lock;
    pthread_cond_t changed;
    stiel_print_job_info *jobs; /* sorted by id */
    size_t count, alloc;
    uint64_t next_id;
    unsigned generation;        /* bumped on every change */
};

const char *stiel_print_job_state_name(stiel_print_job_state state)
{
    switch (state) {
    case STIEL_PRINT_JOB_WAITING: return "waiting";
    case STIEL_PRINT_JOB_SENDING: return "sending";
    case STIEL_PRINT_JOB_SENT: return "sent";
    case STIEL_PRINT_JOB_CONFIRMED: return "confirmed";
    case STIEL_PRINT_JOB_FAILED: return "failed";
    }
    return "?";
}

static const char *state_ext(stiel_print_job_state state)
{
    switch (state) {
    case STIEL_PRINT_JOB_WAITING: return "job";
    case STIEL_PRINT_JOB_SENDING:
    case STIEL_PRINT_JOB_SENT: return "sent";
    case STIEL_PRINT_JOB_CONFIRMED: return "done";
    case STIEL_PRINT_JOB_FAILED: return "failed";
    }
    return "job";
}

static int lang_ok(const char *lang)
{
    return lang && (strcmp(lang, "zpl") == 0 || strcmp(lang, "tspl") == 0 || strcmp(lang, "epl") == 0 ||
                    strcmp(lang, "escpos") == 0);
}

static void job_path(const stiel_print_queue *q, uint64_t id, const char *ext, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%016" PRIu64 ".%s", q->dir, id, ext);
}

static stiel_status fsync_dir(const char *dir, stiel_diag *diag)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot open spool folder %s: %s", dir, strerror(errno));
    int r = fsync(fd);
    int err = errno;
    close(fd);
    if (r != 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot sync spool folder %s: %s", dir, strerror(err));
    return STIEL_OK;
}

static stiel_print_job_info *find(stiel_print_queue *q, uint64_t id)
{
    for (size_t i = 0; i < q->count; i++)
        if (q->jobs[i].id == id)
            return &q->jobs[i];
    return NULL;
}

static stiel_status index_add(stiel_print_queue *q, const stiel_print_job_info *info)
{
    if (q->count == q->alloc) {
        size_t na = q->alloc ? q->alloc * 2 : 32;
        stiel_print_job_info *nj = realloc(q->jobs, na * sizeof *nj);
        if (!nj)
            return STIEL_ERR_NOMEM;
        q->jobs = nj;
        q->alloc = na;
    }
    size_t pos = q->count;
    while (pos > 0 && q->jobs[pos - 1].id > info->id)
        pos--;
    memmove(&q->jobs[pos + 1], &q->jobs[pos], (q->count - pos) * sizeof *q->jobs);
    q->jobs[pos] = *info;
    q->count++;
    if (info->id >= q->next_id)
        q->next_id = info->id + 1;
    return STIEL_OK;
}

static void changed(stiel_print_queue *q)
{
    q->generation++;
    pthread_cond_broadcast(&q->changed);
}

/* ---- job files ---- */

/* Parses the header at the start of data; on success *hdr_len is its length. */
static stiel_status header_parse(const char *data, size_t n, stiel_print_job_info *info, size_t *hdr_len)
{
    const char *end = NULL;
    for (size_t i = 0; i + 1 < n && i < HEADER_MAX; i++) {
        if (data[i] == '\n' && data[i + 1] == '\n') {
            end = data + i + 2;
            break;
        }
    }
    if (!end)
        return STIEL_ERR_TRUNCATED;
    char hdr[HEADER_MAX + 1];
    size_t hl = (size_t)(end - data);
    memcpy(hdr, data, hl);
    hdr[hl] = '\0';
    uint64_t id = 0, re = 0;
    size_t len = 0;
    char lang[STIEL_PRINT_LANG_MAX] = "";
    if (sscanf(hdr, "STIELJOB 1\nid=%" SCNu64 "\nreprint_of=%" SCNu64 "\nlang=%7[a-z]\nlen=%zu\n", &id, &re,
               lang, &len) != 4 || id == 0 || !lang_ok(lang))
        return STIEL_ERR_SYNTAX;
    memset(info, 0, sizeof *info);
    info->id = id;
    info->reprint_of = re;
    snprintf(info->lang, sizeof info->lang, "%s", lang);
    info->len = len;
    *hdr_len = hl;
    return STIEL_OK;
}

/* Reads a whole job file; checks the header and the length. */
static stiel_status job_read(const char *path, stiel_print_job_info *info, stiel_buf *payload, stiel_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read print job %s: %s", path, strerror(errno));
    stiel_buf all;
    stiel_buf_init(&all, STIEL_PRINT_JOB_MAX + HEADER_MAX + 1);
    uint8_t chunk[8192];
    size_t got;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = stiel_buf_append(&all, chunk, got);
    if (ferror(f))
        st = STIEL_ERR_IO;
    fclose(f);
    size_t hl = 0;
    if (st == STIEL_OK)
        st = header_parse((const char *)all.data, all.len, info, &hl);
    if (st == STIEL_OK && all.len - hl != info->len)
        st = STIEL_ERR_CORRUPT;
    if (st == STIEL_OK && payload)
        st = stiel_buf_append(payload, all.data + hl, info->len);
    stiel_buf_free(&all);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st == STIEL_ERR_IO || st == STIEL_ERR_NOMEM ? st : STIEL_ERR_CORRUPT,
                              "print job file %s is damaged (%s)", path, stiel_strerror(st));
    return STIEL_OK;
}

static stiel_status write_all(int fd, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return STIEL_ERR_IO;
        b += w;
        n -= (size_t)w;
    }
    return STIEL_OK;
}

/* Writes a job durably: temporary file, fsync, rename, folder fsync. */
static stiel_status job_write(stiel_print_queue *q, const stiel_print_job_info *info, const void *bytes,
                              stiel_diag *diag)
{
    char tmp[PATH_CAP + 64], path[PATH_CAP + 64], hdr[HEADER_MAX];
    snprintf(tmp, sizeof tmp, "%s/.tmp-%016" PRIu64 "-%ld", q->dir, info->id, (long)getpid());
    job_path(q, info->id, state_ext(STIEL_PRINT_JOB_WAITING), path, sizeof path);
    int hl = snprintf(hdr, sizeof hdr, "STIELJOB 1\nid=%" PRIu64 "\nreprint_of=%" PRIu64 "\nlang=%s\nlen=%zu\n\n",
                      info->id, info->reprint_of, info->lang, info->len);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return stiel_diag_set(diag, errno == EACCES ? STIEL_ERR_DENIED : STIEL_ERR_IO,
                              "cannot create a print job in %s: %s", q->dir, strerror(errno));
    stiel_status st = write_all(fd, hdr, (size_t)hl);
    if (st == STIEL_OK)
        st = write_all(fd, bytes, info->len);
    int err = errno;
    if (st == STIEL_OK && fsync(fd) != 0) {
        st = STIEL_ERR_IO;
        err = errno;
    }
    if (close(fd) != 0 && st == STIEL_OK) {
        st = STIEL_ERR_IO;
        err = errno;
    }
    if (st == STIEL_OK && rename(tmp, path) != 0) {
        st = STIEL_ERR_IO;
        err = errno;
    }
    if (st != STIEL_OK) {
        unlink(tmp);
        return stiel_diag_set(diag, st, "cannot save print job %" PRIu64 " in %s: %s (the label is not queued)",
                              info->id, q->dir, strerror(err));
    }
    return fsync_dir(q->dir, diag);
}

/* ---- opening ---- */

static int ext_state(const char *ext, stiel_print_job_state *state)
{
    static const struct { const char *ext; stiel_print_job_state st; } map[] = {
        {"job", STIEL_PRINT_JOB_WAITING},
        {"sent", STIEL_PRINT_JOB_SENT},
        {"done", STIEL_PRINT_JOB_CONFIRMED},
        {"failed", STIEL_PRINT_JOB_FAILED},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(ext, map[i].ext) == 0) {
            *state = map[i].st;
            return 1;
        }
    }
    return 0;
}

/* Loads one directory entry if it is a job file. */
static stiel_status load_entry(stiel_print_queue *q, const char *name)
{
    char path[PATH_CAP + 300];
    size_t len = strlen(name);
    if (len < 18 || name[16] != '.' || strspn(name, "0123456789") != 16)
        return STIEL_OK;
    stiel_print_job_state state;
    if (!ext_state(name + 17, &state))
        return STIEL_OK;
    snprintf(path, sizeof path, "%s/%s", q->dir, name);
    stiel_print_job_info info;
    stiel_diag diag;
    stiel_diag_clear(&diag);
    stiel_status st = job_read(path, &info, NULL, &diag);
    if (st == STIEL_OK && strtoull(name, NULL, 10) != info.id)
        st = stiel_diag_set(&diag, STIEL_ERR_CORRUPT, "print job file %s holds job %" PRIu64, path, info.id);
    if (st == STIEL_ERR_NOMEM)
        return st;
    if (st != STIEL_OK) {
        char bad[PATH_CAP + 310];
        snprintf(bad, sizeof bad, "%s.bad", path);
        LOG_ERROR("%s: set aside as %s", diag.text, bad);
        rename(path, bad);
        return STIEL_OK;
    }
    if (state == STIEL_PRINT_JOB_SENT) {
        char back[PATH_CAP + 64];
        job_path(q, info.id, state_ext(STIEL_PRINT_JOB_WAITING), back, sizeof back);
        LOG_WARN("print job %" PRIu64 " was sent but not confirmed before the last stop: sending it again "
                 "(if the printer had printed it, this label prints twice)",
                 info.id);
        if (rename(path, back) != 0)
            LOG_ERROR("cannot move %s back to waiting: %s", path, strerror(errno));
        state = STIEL_PRINT_JOB_WAITING;
    }
    info.state = state;
    return index_add(q, &info);
}

stiel_status stiel_print_queue_open(const char *dir, stiel_print_queue **out, stiel_diag *diag)
{
    if (out)
        *out = NULL;
    if (!dir || !dir[0] || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no spool folder given");
    if (strlen(dir) >= PATH_CAP - 64)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "spool folder path is too long");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, errno == EACCES ? STIEL_ERR_DENIED : STIEL_ERR_IO,
                              "cannot create spool folder %s: %s", dir, strerror(errno));
    stiel_print_queue *q = calloc(1, sizeof *q);
    if (!q)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    snprintf(q->dir, sizeof q->dir, "%s", dir);
    q->next_id = 1;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->changed, NULL);
    DIR *d = opendir(dir);
    if (!d) {
        stiel_status st = stiel_diag_set(diag, errno == EACCES ? STIEL_ERR_DENIED : STIEL_ERR_IO,
                                         "cannot read spool folder %s: %s", dir, strerror(errno));
        stiel_print_queue_close(q);
        return st;
    }
    struct dirent *e;
    stiel_status st = STIEL_OK;
    int moved = 0;
    while (st == STIEL_OK && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, ".tmp-", 5) == 0) { /* a job never completed: it was never queued */
            char tmp[PATH_CAP + 300];
            snprintf(tmp, sizeof tmp, "%s/%s", dir, e->d_name);
            unlink(tmp);
            continue;
        }
        size_t before = q->count;
        st = load_entry(q, e->d_name);
        if (q->count > before && strstr(e->d_name, ".sent"))
            moved = 1;
    }
    closedir(d);
    if (st == STIEL_OK && moved)
        st = fsync_dir(dir, diag);
    else if (st != STIEL_OK)
        stiel_diag_set(diag, st, "cannot load spool folder %s (%s)", dir, stiel_strerror(st));
    if (st != STIEL_OK) {
        stiel_print_queue_close(q);
        return st;
    }
    *out = q;
    return STIEL_OK;
}

void stiel_print_queue_close(stiel_print_queue *q)
{
    if (!q)
        return;
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->changed);
    free(q->jobs);
    free(q);
}

const char *stiel_print_queue_dir(const stiel_print_queue *q)
{
    return q ? q->dir : "";
}

/* ---- adding ---- */

static stiel_status add_locked(stiel_print_queue *q, const char *lang, const void *bytes, size_t n,
                               uint64_t reprint_of, uint64_t *id, stiel_diag *diag)
{
    stiel_print_job_info info;
    memset(&info, 0, sizeof info);
    info.id = q->next_id;
    info.reprint_of = reprint_of;
    snprintf(info.lang, sizeof info.lang, "%s", lang);
    info.len = n;
    info.state = STIEL_PRINT_JOB_WAITING;
    stiel_status st = job_write(q, &info, bytes, diag);
    if (st != STIEL_OK)
        return st;
    st = index_add(q, &info);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "out of memory");
    if (id)
        *id = info.id;
    changed(q);
    return STIEL_OK;
}

stiel_status stiel_print_queue_add(stiel_print_queue *q, const char *lang, const void *bytes, size_t n,
                                   uint64_t *id, stiel_diag *diag)
{
    if (!q || !bytes || n == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "an empty print job");
    if (!lang_ok(lang))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown printer language '%s' (zpl, tspl, epl, escpos)",
                              lang ? lang : "");
    if (n > STIEL_PRINT_JOB_MAX)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "a print job of %zu bytes is larger than %u", n,
                              (unsigned)STIEL_PRINT_JOB_MAX);
    pthread_mutex_lock(&q->lock);
    stiel_status st = add_locked(q, lang, bytes, n, 0, id, diag);
    pthread_mutex_unlock(&q->lock);
    return st;
}

stiel_status stiel_print_queue_reprint(stiel_print_queue *q, uint64_t old_id, uint64_t *new_id, stiel_diag *diag)
{
    if (!q)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no queue");
    pthread_mutex_lock(&q->lock);
    stiel_print_job_info *old = find(q, old_id);
    stiel_status st = STIEL_OK;
    if (!old) {
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no print job %" PRIu64 " in %s", old_id, q->dir);
    } else if (old->state != STIEL_PRINT_JOB_CONFIRMED && old->state != STIEL_PRINT_JOB_FAILED) {
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "print job %" PRIu64 " is still %s: it will print, no reprint needed",
                            old_id, stiel_print_job_state_name(old->state));
    } else {
        char path[PATH_CAP + 64], lang[STIEL_PRINT_LANG_MAX];
        stiel_print_job_info info;
        stiel_buf bytes;
        stiel_buf_init(&bytes, 0);
        job_path(q, old_id, state_ext(old->state), path, sizeof path);
        snprintf(lang, sizeof lang, "%s", old->lang);
        st = job_read(path, &info, &bytes, diag);
        if (st == STIEL_OK)
            st = add_locked(q, lang, bytes.data, bytes.len, old_id, new_id, diag);
        stiel_buf_free(&bytes);
    }
    pthread_mutex_unlock(&q->lock);
    return st;
}

/* ---- reading ---- */

size_t stiel_print_queue_list(stiel_print_queue *q, stiel_print_job_info *out, size_t cap)
{
    if (!q)
        return 0;
    pthread_mutex_lock(&q->lock);
    size_t n = q->count;
    for (size_t i = 0; i < n && i < cap && out; i++)
        out[i] = q->jobs[i];
    pthread_mutex_unlock(&q->lock);
    return n;
}

stiel_status stiel_print_queue_get(stiel_print_queue *q, uint64_t id, stiel_print_job_info *out)
{
    if (!q)
        return STIEL_ERR_ARG;
    pthread_mutex_lock(&q->lock);
    stiel_print_job_info *j = find(q, id);
    if (j && out)
        *out = *j;
    pthread_mutex_unlock(&q->lock);
    return j ? STIEL_OK : STIEL_ERR_NOT_FOUND;
}

size_t stiel_print_queue_pending(stiel_print_queue *q)
{
    if (!q)
        return 0;
    size_t n = 0;
    pthread_mutex_lock(&q->lock);
    for (size_t i = 0; i < q->count; i++)
        if (q->jobs[i].state <= STIEL_PRINT_JOB_SENT)
            n++;
    pthread_mutex_unlock(&q->lock);
    return n;
}

stiel_status stiel_print_queue_wait(stiel_print_queue *q, uint64_t id, stiel_print_job_state from,
                                    unsigned timeout_ms, stiel_print_job_info *out)
{
    if (!q)
        return STIEL_ERR_ARG;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&q->lock);
    unsigned gen = q->generation;
    stiel_status st = STIEL_OK;
    for (;;) {
        if (id != 0) {
            stiel_print_job_info *j = find(q, id);
            if (!j) {
                st = STIEL_ERR_NOT_FOUND;
                break;
            }
            if (j->state != from) {
                if (out)
                    *out = *j;
                break;
            }
        } else if (q->generation != gen) {
            break;
        }
        if (pthread_cond_timedwait(&q->changed, &q->lock, &until) != 0) {
            st = STIEL_ERR_TIMEOUT;
            if (id != 0 && out && find(q, id))
                *out = *find(q, id);
            break;
        }
    }
    pthread_mutex_unlock(&q->lock);
    return st;
}

/* ---- driver side ---- */

static stiel_status rename_state(stiel_print_queue *q, stiel_print_job_info *j, stiel_print_job_state to,
                                 stiel_diag *diag)
{
    const char *from_ext = state_ext(j->state), *to_ext = state_ext(to);
    if (strcmp(from_ext, to_ext) != 0) {
        char a[PATH_CAP + 64], b[PATH_CAP + 64];
        job_path(q, j->id, from_ext, a, sizeof a);
        job_path(q, j->id, to_ext, b, sizeof b);
        if (rename(a, b) != 0)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot mark print job %" PRIu64 " %s: %s", j->id,
                                  stiel_print_job_state_name(to), strerror(errno));
        stiel_status st = fsync_dir(q->dir, diag);
        if (st != STIEL_OK)
            return st;
    }
    j->state = to;
    return STIEL_OK;
}

/* Deletes the oldest confirmed jobs beyond STIEL_PRINT_DONE_KEPT (index and files). */
static void prune(stiel_print_queue *q)
{
    size_t done = 0;
    for (size_t i = 0; i < q->count; i++)
        done += q->jobs[i].state == STIEL_PRINT_JOB_CONFIRMED;
    size_t i = 0;
    while (done > STIEL_PRINT_DONE_KEPT && i < q->count) {
        if (q->jobs[i].state != STIEL_PRINT_JOB_CONFIRMED) {
            i++;
            continue;
        }
        char path[PATH_CAP + 64];
        job_path(q, q->jobs[i].id, "done", path, sizeof path);
        unlink(path);
        memmove(&q->jobs[i], &q->jobs[i + 1], (q->count - i - 1) * sizeof *q->jobs);
        q->count--;
        done--;
    }
}

stiel_status stiel_print_queue_next(stiel_print_queue *q, uint64_t *id, char lang[STIEL_PRINT_LANG_MAX],
                                    stiel_buf *bytes, stiel_diag *diag)
{
    if (!q || !id || !bytes)
        return STIEL_ERR_ARG;
    pthread_mutex_lock(&q->lock);
    stiel_status st = STIEL_ERR_NOT_FOUND;
    for (size_t i = 0; i < q->count; i++) {
        stiel_print_job_info *j = &q->jobs[i];
        if (j->state != STIEL_PRINT_JOB_WAITING)
            continue;
        char path[PATH_CAP + 64];
        stiel_print_job_info info;
        job_path(q, j->id, state_ext(j->state), path, sizeof path);
        size_t before = bytes->len;
        st = job_read(path, &info, bytes, diag);
        if (st == STIEL_OK && info.id != j->id)
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT, "print job file %s holds job %" PRIu64, path, info.id);
        if (st != STIEL_OK) {
            bytes->len = before;
            LOG_ERROR("%s: job %" PRIu64 " failed", diag ? diag->text : "unreadable", j->id);
            rename_state(q, j, STIEL_PRINT_JOB_FAILED, NULL);
            changed(q);
            break;
        }
        *id = j->id;
        if (lang)
            snprintf(lang, STIEL_PRINT_LANG_MAX, "%s", j->lang);
        break;
    }
    if (st == STIEL_ERR_NOT_FOUND)
        stiel_diag_set(diag, st, "no print job waiting");
    pthread_mutex_unlock(&q->lock);
    return st;
}

stiel_status stiel_print_queue_mark(stiel_print_queue *q, uint64_t id, stiel_print_job_state state,
                                    stiel_diag *diag)
{
    if (!q || state > STIEL_PRINT_JOB_FAILED)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "bad print job state");
    pthread_mutex_lock(&q->lock);
    stiel_print_job_info *j = find(q, id);
    stiel_status st;
    if (!j)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no print job %" PRIu64, id);
    else if (j->state == STIEL_PRINT_JOB_CONFIRMED && state != STIEL_PRINT_JOB_CONFIRMED)
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "print job %" PRIu64 " is already confirmed", id);
    else
        st = rename_state(q, j, state, diag);
    if (st == STIEL_OK) {
        if (state == STIEL_PRINT_JOB_CONFIRMED)
            prune(q);
        changed(q);
    }
    pthread_mutex_unlock(&q->lock);
    return st;
}
