/* Real orders at the kiosk (kiosk_orders.h): taking pick lists, starting real picks (clustered
 * per level), and the results, derived by replaying the kiosk's events since the pick list was
 * taken (sync) — the same code after a pack as after a crash. */
#include "kiosk/app/kiosk_orders.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common/log.h"
#include "kiosk/app/session_task.h"
#include "kiosk/core/evidence_json.h"

#define LOG_PREFIX "orders"

typedef enum order_state {
    OS_WAITING = 0, /* nobody picked it yet */
    OS_PICKING,     /* its pick task runs */
    OS_PICKED,      /* picked (something of it), not packed yet */
    OS_PACKING,     /* its pack task runs */
    OS_READY,       /* the work is over: the result is known, not recorded as written */
    OS_DONE         /* "orders.result" recorded */
} order_state;

typedef struct slot {
    size_t order;           /* index in the pick list */
    order_result res;
    pack_task pack;
    bool packable;
} slot;

/* The orders of one real pick task (one order, or a cluster batch). */
typedef struct batch {
    int64_t seq;            /* of its orders.task event */
    char task[TASK_ID_MAX + 1];
    size_t n;
    slot s[LEVEL_BATCH_MAX];
} batch;

struct kiosk_orders {
    char inbox[ORDERS_PATH_MAX], outbox[ORDERS_PATH_MAX], kiosk[ORDER_KIOSK_MAX + 1];
    orders_format format;
    orders_inbox ib;
    bool have_file;
    orders_taken file;
    unsigned char *state;   /* order_state per order of the file */
    int64_t from_seq;       /* sync replays the kiosk's events from here */
    bool due;               /* a result could not be written: try again at the next poll */
    batch cur;              /* the newest batch */
    unsigned rejected;      /* reason files in inbox/rejected/ */
    char last_error[STIEL_DIAG_TEXT_MAX];
};

/* ---- small helpers ------------------------------------------------------------------------------ */

static stiel_status dir_make(const char *path, stiel_diag *diag)
{
    char p[ORDERS_PATH_MAX];
    int n = snprintf(p, sizeof p, "%s", path);
    if (n <= 0 || (size_t)n >= sizeof p)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the folder path is empty or too long");
    for (char *c = p + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        int rc = mkdir(p, 0750);
        *c = '/';
        if (rc != 0 && errno != EEXIST)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the folder %s: %s", p,
                                  strerror(errno));
    }
    if (mkdir(p, 0750) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the folder %s: %s", p,
                              strerror(errno));
    return STIEL_OK;
}

static unsigned count_rejected(const kiosk_orders *o)
{
    char path[ORDERS_PATH_MAX];
    snprintf(path, sizeof path, "%.900s/rejected", o->inbox);
    DIR *d = opendir(path);
    unsigned n = 0;
    if (!d)
        return 0;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 11 && strcmp(e->d_name + len - 11, ".reason.txt") == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* Copies src to dir/name through a hidden temporary file and a rename. */
static bool copy_file(const char *src, const char *dir, const char *name)
{
    char tmp[ORDERS_PATH_MAX], dst[ORDERS_PATH_MAX];
    int a = snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
    int b = snprintf(dst, sizeof dst, "%s/%s", dir, name);
    if (a <= 0 || b <= 0 || (size_t)a >= sizeof tmp || (size_t)b >= sizeof dst)
        return false;
    FILE *in = fopen(src, "rb");
    FILE *out = in ? fopen(tmp, "wb") : NULL;
    bool ok = in && out;
    char chunk[4096];
    size_t n;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    if (ok)
        ok = rename(tmp, dst) == 0;
    if (!ok && out)
        unlink(tmp);
    return ok;
}

/* Demo: the sample pick lists (picklist-*) into a freshly made inbox. */
static void samples_copy(const char *samples, const char *inbox)
{
    DIR *d = opendir(samples);
    if (!d) {
        LOG_WARN("demo: no sample pick lists in %s", samples);
        return;
    }
    const struct dirent *e;
    unsigned n = 0;
    while ((e = readdir(d)) != NULL) {
        char src[ORDERS_PATH_MAX];
        if (strncmp(e->d_name, "picklist-", 9) != 0)
            continue;
        int k = snprintf(src, sizeof src, "%s/%s", samples, e->d_name);
        if (k > 0 && (size_t)k < sizeof src && copy_file(src, inbox, e->d_name))
            n++;
    }
    closedir(d);
    LOG_INFO("demo: %u sample pick lists copied into the inbox", n);
}

static stiel_status append_event(session *s, const char *kind, const char *trainee, int64_t wall_ms,
                                 const char *payload, store_receipt *r, stiel_diag *diag)
{
    store_event ev = {.kiosk_id = session_kiosk(s), .ts_ms = wall_ms,
                      .trainee_id = trainee && trainee[0] ? trainee : NULL,
                      .actor_id = trainee && trainee[0] ? trainee : "kiosk", .kind = kind,
                      .payload = payload};
    return store_append(session_store(s), &ev, r, diag);
}

static const order *file_order(const kiosk_orders *o, size_t k)
{
    return &o->file.orders.orders[k];
}

static int order_index(const kiosk_orders *o, const char *id)
{
    for (size_t k = 0; k < o->file.orders.count; k++)
        if (strcmp(file_order(o, k)->id, id) == 0)
            return (int)k;
    return -1;
}

static void file_release(kiosk_orders *o)
{
    orders_taken_release(&o->file);
    free(o->state);
    o->state = NULL;
    o->have_file = false;
    o->cur.n = 0;
    o->due = false;
}

/* ---- taking a pick list ------------------------------------------------------------------------- */

typedef struct taken_find {
    bool found;
    int64_t seq;
    char file[ORDERS_SOURCE_MAX + 1];
} taken_find;

static int taken_row(const store_row *row, void *ctx)
{
    taken_find *f = ctx;
    cJSON *j = row->payload ? cJSON_Parse(row->payload) : NULL;
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(j, "file");
    if (cJSON_IsString(file)) {
        f->found = true;
        f->seq = row->seq;
        snprintf(f->file, sizeof f->file, "%s", file->valuestring);
    }
    cJSON_Delete(j);
    return 1;
}

/* The file is held: find where its events start (its orders.taken), recording one if needed. */
static stiel_status file_begin(kiosk_orders *o, session *s, int64_t wall_ms, stiel_diag *diag)
{
    o->state = calloc(o->file.orders.count ? o->file.orders.count : 1, 1);
    if (!o->state)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the pick list");
    o->have_file = true;
    o->cur.n = 0;
    if (o->file.resumed) {
        taken_find f = {0};
        stiel_status st = store_kiosk_last(session_store(s), o->kiosk, KIOSK_ORDERS_KIND_TAKEN,
                                           taken_row, &f, diag);
        if (st != STIEL_OK && st != STIEL_ERR_NOT_FOUND)
            return st;
        if (f.found && strcmp(f.file, o->file.name) == 0) {
            o->from_seq = f.seq;
            LOG_INFO("going on with pick list %s (%zu orders)", o->file.name,
                     o->file.orders.count);
            return STIEL_OK;
        }
    }
    stiel_buf p;
    stiel_buf_init(&p, STORE_PAYLOAD_MAX);
    stiel_status st = stiel_buf_puts(&p, "{\"file\":");
    if (st == STIEL_OK)
        st = evidence_json_string(&p, o->file.name);
    if (st == STIEL_OK)
        st = stiel_buf_printf(&p, ",\"orders\":%zu}", o->file.orders.count);
    store_receipt r;
    if (st == STIEL_OK)
        st = append_event(s, KIOSK_ORDERS_KIND_TAKEN, NULL, wall_ms, (const char *)p.data, &r,
                          diag);
    else
        st = stiel_diag_set(diag, st, "the orders.taken event does not fit");
    stiel_buf_free(&p);
    if (st == STIEL_OK)
        o->from_seq = r.seq;
    return st;
}

static void note_error(kiosk_orders *o, const char *what, const stiel_diag *d)
{
    if (strcmp(o->last_error, d->text) != 0)
        LOG_WARN("%s: %s", what, d->text);
    snprintf(o->last_error, sizeof o->last_error, "%s", d->text);
}

static void take(kiosk_orders *o, session *s, int64_t wall_ms)
{
    core_errors *rej = calloc(1, sizeof *rej);
    if (!rej)
        return;
    stiel_diag d;
    memset(&o->file, 0, sizeof o->file);
    stiel_status st = orders_inbox_take(&o->ib, session_catalogue(s), &o->file, rej, &d);
    if (rej->count) {
        o->rejected = count_rejected(o);
        LOG_WARN("a pick list was rejected (%zu problems): its reasons are in %s/rejected/",
                 core_errors_total(rej), o->inbox);
    }
    free(rej);
    if (st == STIEL_OK) {
        o->last_error[0] = '\0';
        if (file_begin(o, s, wall_ms, &d) != STIEL_OK) {
            note_error(o, "pick list", &d);
            file_release(o); /* the file stays in processing/: taken up again at the next poll */
            return;
        }
        stiel_status ss = kiosk_orders_sync(o, s, wall_ms, &d);
        if (ss != STIEL_OK)
            note_error(o, "results", &d);
    } else if (st != STIEL_ERR_NOT_FOUND && st != STIEL_ERR_BUSY) {
        note_error(o, "the inbox", &d);
    }
}

/* ---- opening ------------------------------------------------------------------------------------ */

stiel_status kiosk_orders_open(const kiosk_orders_config *cfg, session *s, int64_t wall_ms,
                               kiosk_orders **out, stiel_diag *diag)
{
    *out = NULL;
    if (!cfg || !s || !cfg->inbox || !cfg->outbox || !cfg->kiosk_id ||
        !orders_id_valid(cfg->kiosk_id) || strlen(cfg->kiosk_id) > ORDER_KIOSK_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "real orders need an inbox, an outbox and a kiosk id of letters, "
                              "digits, '-', '_' and '.' (at most %d)", ORDER_KIOSK_MAX);
    if (strlen(cfg->inbox) >= ORDERS_PATH_MAX / 2 || strlen(cfg->outbox) >= ORDERS_PATH_MAX / 2)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the inbox or outbox path is too long");
    kiosk_orders *o = calloc(1, sizeof *o);
    if (!o)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for real orders");
    snprintf(o->inbox, sizeof o->inbox, "%s", cfg->inbox);
    snprintf(o->outbox, sizeof o->outbox, "%s", cfg->outbox);
    snprintf(o->kiosk, sizeof o->kiosk, "%s", cfg->kiosk_id);
    o->format = cfg->format;
    o->ib = (orders_inbox){.dir = o->inbox, .kiosk = o->kiosk, .outbox = o->outbox};
    struct stat st;
    bool fresh = stat(o->inbox, &st) != 0 && errno == ENOENT;
    stiel_status rc = dir_make(o->inbox, diag);
    if (rc == STIEL_OK)
        rc = dir_make(o->outbox, diag);
    if (rc != STIEL_OK) {
        free(o);
        return rc;
    }
    if (fresh && cfg->samples_dir)
        samples_copy(cfg->samples_dir, o->inbox);
    o->rejected = count_rejected(o);
    take(o, s, wall_ms);
    *out = o;
    return STIEL_OK;
}

void kiosk_orders_close(kiosk_orders *o)
{
    if (!o)
        return;
    file_release(o);
    free(o);
}

unsigned kiosk_orders_waiting(const kiosk_orders *o)
{
    unsigned n = 0;
    for (size_t k = 0; o && o->have_file && k < o->file.orders.count; k++)
        if (o->state[k] == OS_WAITING || o->state[k] == OS_PICKED)
            n++;
    return n;
}

unsigned kiosk_orders_rejected(const kiosk_orders *o)
{
    return o ? o->rejected : 0;
}

bool kiosk_orders_task_is_real(const char *task_id)
{
    return task_id && (strncmp(task_id, KIOSK_ORDERS_PICK_PREFIX, 4) == 0 ||
                       strncmp(task_id, KIOSK_ORDERS_PACK_PREFIX, 7) == 0);
}

bool kiosk_orders_poll(kiosk_orders *o, session *s, int64_t wall_ms)
{
    if (!o)
        return false;
    unsigned waiting = kiosk_orders_waiting(o), rejected = o->rejected;
    stiel_diag d;
    if (o->have_file && o->due && kiosk_orders_sync(o, s, wall_ms, &d) != STIEL_OK)
        note_error(o, "results", &d);
    if (!o->have_file)
        take(o, s, wall_ms);
    return waiting != kiosk_orders_waiting(o) || rejected != o->rejected;
}

/* ---- starting real work ------------------------------------------------------------------------- */

static bool tote_used(const pick_task *t, unsigned upto, const char *tote)
{
    for (unsigned k = 0; k < upto; k++)
        if (strcmp(t->totes[k], tote) == 0)
            return true;
    return false;
}

/* Adds order od as slot t->order_count of t; false when it does not fit (lines, or its tote is
 * another slot's). */
static bool batch_add(pick_task *t, const order *od)
{
    unsigned k = t->order_count;
    if (t->line_count + od->task.line_count > TASK_LINES_MAX)
        return false;
    const char *tote = od->task.totes[0];
    if (tote[0] && tote_used(t, k, tote))
        return false;
    if (tote[0]) {
        snprintf(t->totes[k], sizeof t->totes[k], "%s", tote);
    } else {
        for (unsigned m = k + 1; m < 100; m++) {
            snprintf(t->totes[k], sizeof t->totes[k], "TOTE-%u", m);
            if (!tote_used(t, k, t->totes[k]))
                break;
        }
    }
    for (size_t i = 0; i < od->task.line_count; i++) {
        t->lines[t->line_count] = od->task.lines[i];
        t->lines[t->line_count].order = k;
        t->lines[t->line_count].drill = DRILL_NONE;
        t->line_count++;
    }
    t->order_count = k + 1;
    return true;
}

stiel_status kiosk_orders_pick_start(kiosk_orders *o, session *s, const char *trainee_id,
                                     int64_t wall_ms, stiel_diag *diag)
{
    if (!o || !o->have_file)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no real order is waiting");
    store_trainee tr;
    stiel_status st = store_trainee_get(session_store(s), trainee_id, &tr, diag);
    if (st != STIEL_OK)
        return st;
    const service_level *lv = service_levels_get(session_levels(s), tr.level);
    unsigned max = lv && lv->orders_per_batch ? lv->orders_per_batch : 1;
    if (max > LEVEL_BATCH_MAX)
        max = LEVEL_BATCH_MAX;
    pick_task *t = calloc(1, sizeof *t);
    if (!t)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for a real pick");
    size_t idx[LEVEL_BATCH_MAX];
    for (size_t k = 0; k < o->file.orders.count && t->order_count < max; k++) {
        if (o->state[k] != OS_WAITING)
            continue;
        if (!batch_add(t, file_order(o, k)))
            break;
        idx[t->order_count - 1] = k;
    }
    if (t->order_count == 0) {
        free(t);
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no real order is waiting");
    }
    snprintf(t->id, sizeof t->id, KIOSK_ORDERS_PICK_PREFIX "%s", file_order(o, idx[0])->id);
    stiel_buf p;
    stiel_buf_init(&p, STORE_PAYLOAD_MAX);
    st = stiel_buf_puts(&p, "{\"file\":");
    if (st == STIEL_OK)
        st = evidence_json_string(&p, o->file.name);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&p, ",\"task\":");
    if (st == STIEL_OK)
        st = evidence_json_string(&p, t->id);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&p, ",\"orders\":[");
    for (unsigned k = 0; st == STIEL_OK && k < t->order_count; k++) {
        if (k)
            st = stiel_buf_puts(&p, ",");
        if (st == STIEL_OK)
            st = evidence_json_string(&p, file_order(o, idx[k])->id);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(&p, "]}");
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "the orders.task event does not fit");
    if (st == STIEL_OK)
        st = append_event(s, KIOSK_ORDERS_KIND_TASK, tr.id, wall_ms, (const char *)p.data, NULL,
                          diag);
    stiel_buf_free(&p);
    session_task_spec spec = {.flow = SESSION_FLOW_PICK, .trainee_id = tr.id, .pick = t};
    if (st == STIEL_OK)
        st = session_start_task(s, &spec, wall_ms, diag);
    if (st == STIEL_OK) {
        for (unsigned k = 0; k < t->order_count; k++)
            o->state[idx[k]] = OS_PICKING;
        LOG_INFO("real pick %s: %u orders for %s at level %u", t->id, t->order_count, tr.id,
                 tr.level);
    }
    free(t);
    return st;
}

bool kiosk_orders_pack_next(const kiosk_orders *o, pack_task *out)
{
    for (size_t k = 0; o && o->have_file && k < o->cur.n; k++) {
        const slot *sl = &o->cur.s[k];
        if (o->state[sl->order] == OS_PICKED && sl->packable) {
            *out = sl->pack;
            return true;
        }
    }
    return false;
}

/* ---- sync: the results from the store's events -------------------------------------------------- */

typedef struct ready {
    size_t order;
    int64_t batch_seq;
    order_result res;
} ready;

typedef enum replay_flow { R_NONE = 0, R_PICK, R_PACK } replay_flow;

typedef struct replay {
    kiosk_orders *o;
    session *s;
    const catalogue *cat;
    replay_flow cur;
    size_t pack_slot;
    pick_flow *pf, *sub;
    pack_flow *kf;
    int64_t started_ms;
    char trainee[CAT_ID_MAX + 1];
    int64_t last_seq;
    ready *list;            /* results of batches replaced by a newer one */
    size_t n, cap;
    stiel_status st;
    char why[STIEL_DIAG_TEXT_MAX];
} replay;

static int replay_fail(replay *r, stiel_status st, const char *why, int64_t seq)
{
    r->st = st;
    snprintf(r->why, sizeof r->why, "event %lld: %.200s", (long long)seq, why);
    return 1;
}

static bool ready_push(replay *r, size_t idx, int64_t seq, const order_result *res)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        ready *l = realloc(r->list, cap * sizeof *l);
        if (!l)
            return false;
        r->list = l;
        r->cap = cap;
    }
    r->list[r->n++] = (ready){.order = idx, .batch_seq = seq, .res = *res};
    return true;
}

/* A newer batch replaces the current one: what is over of it (or picked and never packed: it
 * goes out without a pack) waits in the list to be written; what never started waits again. */
static bool batch_retire(replay *r)
{
    kiosk_orders *o = r->o;
    for (size_t k = 0; k < o->cur.n; k++) {
        slot *sl = &o->cur.s[k];
        unsigned char *st = &o->state[sl->order];
        if (*st == OS_PICKED)
            *st = OS_READY;
        if (*st == OS_READY && !ready_push(r, sl->order, o->cur.seq, &sl->res))
            return false;
        if (*st == OS_PICKING || *st == OS_PACKING)
            *st = OS_WAITING;
    }
    o->cur.n = 0;
    return true;
}

static int on_orders_task(replay *r, const store_row *row, const cJSON *j)
{
    kiosk_orders *o = r->o;
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(j, "file");
    const cJSON *task = cJSON_GetObjectItemCaseSensitive(j, "task");
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(j, "orders");
    if (!cJSON_IsString(file) || strcmp(file->valuestring, o->file.name) != 0)
        return 0;
    if (!cJSON_IsString(task) || !cJSON_IsArray(ids))
        return replay_fail(r, STIEL_ERR_CORRUPT, "orders.task without task or orders", row->seq);
    if (!batch_retire(r))
        return replay_fail(r, STIEL_ERR_NOMEM, "out of memory", row->seq);
    o->cur.seq = row->seq;
    snprintf(o->cur.task, sizeof o->cur.task, "%s", task->valuestring);
    const cJSON *id;
    cJSON_ArrayForEach(id, ids) {
        int k = cJSON_IsString(id) ? order_index(o, id->valuestring) : -1;
        if (k < 0 || o->cur.n == LEVEL_BATCH_MAX)
            return replay_fail(r, STIEL_ERR_CORRUPT, "orders.task names an order the pick list "
                               "does not have", row->seq);
        o->cur.s[o->cur.n++] = (slot){.order = (size_t)k};
    }
    return 0;
}

static int on_task_started(replay *r, const store_row *row)
{
    kiosk_orders *o = r->o;
    r->cur = R_NONE;
    cJSON *j = cJSON_Parse(row->payload);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "task");
    bool pick = cJSON_IsString(id) && o->cur.n && strcmp(id->valuestring, o->cur.task) == 0;
    int pack = -1;
    for (size_t k = 0; !pick && cJSON_IsString(id) && k < o->cur.n; k++) {
        char want[TASK_ID_MAX + 1];
        snprintf(want, sizeof want, KIOSK_ORDERS_PACK_PREFIX "%s",
                 file_order(o, o->cur.s[k].order)->id);
        if (strcmp(id->valuestring, want) == 0 && o->state[o->cur.s[k].order] == OS_PICKED)
            pack = (int)k;
    }
    cJSON_Delete(j);
    if (!pick && pack < 0)
        return 0;
    session_task *t = malloc(sizeof *t);
    stiel_diag d;
    stiel_status st = t ? session_task_read(row->payload, r->cat, t, &d)
                        : stiel_diag_set(&d, STIEL_ERR_NOMEM, "out of memory");
    const service_level *lv = NULL;
    if (st == STIEL_OK) {
        lv = service_levels_get(session_levels(r->s), pick ? t->pick.level : t->pack.level);
        if (!lv)
            st = stiel_diag_set(&d, STIEL_ERR_NOT_FOUND, "its level is not in levels.ini");
    }
    if (st == STIEL_OK && pick)
        st = pick_flow_init(r->pf, r->cat, lv, &t->pick, &d);
    else if (st == STIEL_OK)
        st = pack_flow_init(r->kf, r->cat, lv, &t->pack, &t->sscc, &d);
    free(t);
    if (st != STIEL_OK)
        return replay_fail(r, st, d.text, row->seq);
    r->started_ms = row->ts_ms;
    snprintf(r->trainee, sizeof r->trainee, "%s", row->trainee_id ? row->trainee_id : "");
    if (pick) {
        r->cur = R_PICK;
        for (size_t k = 0; k < o->cur.n; k++)
            o->state[o->cur.s[k].order] = OS_PICKING;
    } else {
        r->cur = R_PACK;
        r->pack_slot = (size_t)pack;
        o->state[o->cur.s[pack].order] = OS_PACKING;
    }
    return 0;
}

static int on_input(replay *r, const store_row *row)
{
    if (r->cur == R_NONE)
        return 0;
    cJSON *j = cJSON_Parse(row->payload);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(j, "event");
    stiel_diag d;
    stiel_status st = STIEL_ERR_CORRUPT;
    snprintf(d.text, sizeof d.text, "a flow input without its event");
    if (cJSON_IsString(ev) && r->cur == R_PICK) {
        pick_event pe;
        st = pick_event_parse(ev->valuestring, &pe, &d);
        if (st == STIEL_OK)
            st = pick_flow_replay(r->pf, &pe, 1, NULL);
    } else if (cJSON_IsString(ev)) {
        pack_event ke;
        st = pack_event_parse(ev->valuestring, &ke, &d);
        if (st == STIEL_OK)
            st = pack_flow_replay(r->kf, &ke, 1, NULL);
    }
    cJSON_Delete(j);
    return st == STIEL_OK ? 0 : replay_fail(r, st, d.text, row->seq);
}

/* Order `k` of the cluster pick r->pf as a flow of its own (its lines only, in its order). */
static void sub_flow(replay *r, unsigned k)
{
    const pick_flow *f = r->pf;
    pick_flow *s = r->sub;
    *s = *f;
    size_t n = 0;
    for (size_t i = 0; i < f->task.line_count; i++) {
        if (f->task.lines[i].order != k)
            continue;
        s->task.lines[n] = f->task.lines[i];
        s->task.lines[n].order = 0;
        s->picked[n] = f->picked[i];
        s->status[n] = f->status[i];
        s->short_reason[n] = f->short_reason[i];
        n++;
    }
    s->task.line_count = n;
}

static int pick_ended(replay *r, const store_row *row, bool finished)
{
    kiosk_orders *o = r->o;
    for (size_t k = 0; k < o->cur.n; k++) {
        slot *sl = &o->cur.s[k];
        const order *od = file_order(o, sl->order);
        sub_flow(r, (unsigned)k);
        if (order_result_init(&sl->res, od, r->cat, o->file.name) != STIEL_OK ||
            order_result_from_pick(&sl->res, r->sub) != STIEL_OK)
            return replay_fail(r, STIEL_ERR_CORRUPT, "the pick does not match its order",
                               row->seq);
        snprintf(sl->res.trainee, sizeof sl->res.trainee, "%s", r->trainee);
        snprintf(sl->res.kiosk, sizeof sl->res.kiosk, "%s", o->kiosk);
        sl->res.started_ms = r->started_ms;
        sl->res.finished_ms = row->ts_ms;
        char id[TASK_ID_MAX + 1];
        snprintf(id, sizeof id, KIOSK_ORDERS_PACK_PREFIX "%s", od->id);
        stiel_diag d;
        sl->packable = finished && pack_task_from_pick(&r->pf->task, (unsigned)k, r->pf->picked,
                                                       id, od->id, &sl->pack, &d) == STIEL_OK;
        o->state[sl->order] = sl->packable ? OS_PICKED : OS_READY;
    }
    return 0;
}

static void pack_ended(replay *r, const store_row *row, bool finished)
{
    kiosk_orders *o = r->o;
    slot *sl = &o->cur.s[r->pack_slot];
    const pack_flow *f = r->kf;
    if (finished) {
        snprintf(sl->res.packed_by, sizeof sl->res.packed_by, "%s", r->trainee);
        snprintf(sl->res.pack_kiosk, sizeof sl->res.pack_kiosk, "%s", o->kiosk);
        sl->res.packed_ms = row->ts_ms;
        int b = f->box_chosen;
        snprintf(sl->res.box, sizeof sl->res.box, "%s",
                 b >= 0 && (size_t)b < r->cat->box_count ? r->cat->boxes[b].type : "");
        snprintf(sl->res.sscc, sizeof sl->res.sscc, "%s", f->sscc);
    }
    o->state[sl->order] = OS_READY;
}

static int on_result(replay *r, const cJSON *j)
{
    kiosk_orders *o = r->o;
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(j, "file");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "order");
    if (!cJSON_IsString(file) || strcmp(file->valuestring, o->file.name) != 0 ||
        !cJSON_IsString(id))
        return 0;
    int k = order_index(o, id->valuestring);
    if (k >= 0)
        o->state[k] = OS_DONE;
    return 0;
}

static int replay_row(const store_row *row, void *ctx)
{
    replay *r = ctx;
    r->last_seq = row->seq;
    if (!row->payload || row->voids_id)
        return 0;
    const char *kind = row->kind;
    if (strcmp(kind, SESSION_KIND_INPUT) == 0)
        return on_input(r, row);
    if (strcmp(kind, EVIDENCE_KIND_TASK_STARTED) == 0)
        return on_task_started(r, row);
    bool fin = strcmp(kind, EVIDENCE_KIND_TASK_FINISHED) == 0;
    if (fin || strcmp(kind, SESSION_KIND_ABANDONED) == 0) {
        replay_flow was = r->cur;
        r->cur = R_NONE;
        if (was == R_PICK)
            return pick_ended(r, row, fin);
        if (was == R_PACK)
            pack_ended(r, row, fin);
        return 0;
    }
    bool task = strcmp(kind, KIOSK_ORDERS_KIND_TASK) == 0;
    if (!task && strcmp(kind, KIOSK_ORDERS_KIND_RESULT) != 0)
        return 0;
    cJSON *j = cJSON_Parse(row->payload);
    int rc = task ? on_orders_task(r, row, j) : on_result(r, j);
    cJSON_Delete(j);
    return rc;
}

/* Writes one result (an existing file counts as written) and records "orders.result". */
static stiel_status result_write(kiosk_orders *o, session *s, size_t k, const order_result *res,
                                 int64_t wall_ms, stiel_diag *diag)
{
    char path[ORDERS_PATH_MAX] = "";
    stiel_status st = orders_result_write(o->outbox, res, o->format, path, diag);
    if (st == STIEL_ERR_STATE) {
        LOG_INFO("the result of order %s was already in the outbox", res->order_id);
        snprintf(path, sizeof path, "%.900s/%s.%s", o->outbox, res->order_id,
                 o->format == ORDERS_FORMAT_JSON ? "json" : "csv");
        st = STIEL_OK;
    }
    if (st != STIEL_OK)
        return st;
    const char *base = strrchr(path, '/');
    stiel_buf p;
    stiel_buf_init(&p, STORE_PAYLOAD_MAX);
    st = stiel_buf_puts(&p, "{\"file\":");
    if (st == STIEL_OK)
        st = evidence_json_string(&p, o->file.name);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&p, ",\"order\":");
    if (st == STIEL_OK)
        st = evidence_json_string(&p, res->order_id);
    if (st == STIEL_OK)
        st = stiel_buf_printf(&p, ",\"status\":\"%s\",\"result\":", order_result_status(res));
    if (st == STIEL_OK)
        st = evidence_json_string(&p, base ? base + 1 : path);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&p, "}");
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "the orders.result event does not fit");
    if (st == STIEL_OK)
        st = append_event(s, KIOSK_ORDERS_KIND_RESULT, res->trainee, wall_ms,
                          (const char *)p.data, NULL, diag);
    stiel_buf_free(&p);
    if (st == STIEL_OK) {
        o->state[k] = OS_DONE;
        LOG_INFO("result of order %s (%s) written", res->order_id, order_result_status(res));
    }
    return st;
}

stiel_status kiosk_orders_sync(kiosk_orders *o, session *s, int64_t wall_ms, stiel_diag *diag)
{
    if (!o || !s)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "kiosk_orders_sync needs the orders and session");
    if (!o->have_file)
        return STIEL_OK;
    replay r = {.o = o, .s = s, .cat = session_catalogue(s), .st = STIEL_OK,
                .last_seq = o->from_seq - 1};
    r.pf = malloc(sizeof *r.pf);
    r.sub = malloc(sizeof *r.sub);
    r.kf = malloc(sizeof *r.kf);
    stiel_status st = r.pf && r.sub && r.kf
                          ? STIEL_OK
                          : stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory replaying orders");
    /* the batch at from_seq (if any) is replayed from its start again */
    o->cur.n = 0;
    if (st == STIEL_OK)
        st = store_kiosk_events(session_store(s), o->kiosk, o->from_seq, replay_row, &r, diag);
    if (st == STIEL_OK && r.st != STIEL_OK)
        st = stiel_diag_set(diag, r.st, "replaying the real orders of %s: %s", o->file.name,
                            r.why);
    free(r.pf);
    free(r.sub);
    free(r.kf);
    /* write what is over and not written yet */
    int64_t keep = INT64_MAX;
    stiel_status wst = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < r.n; i++) {
        if (o->state[r.list[i].order] != OS_READY)
            continue;
        stiel_status w = result_write(o, s, r.list[i].order, &r.list[i].res, wall_ms, diag);
        if (w != STIEL_OK) {
            wst = w;
            keep = r.list[i].batch_seq < keep ? r.list[i].batch_seq : keep;
        }
    }
    bool open = false;
    for (size_t k = 0; st == STIEL_OK && k < o->cur.n; k++) {
        slot *sl = &o->cur.s[k];
        if (o->state[sl->order] == OS_READY) {
            stiel_status w = result_write(o, s, sl->order, &sl->res, wall_ms, diag);
            if (w != STIEL_OK)
                wst = w;
        }
        if (o->state[sl->order] != OS_DONE)
            open = true;
    }
    free(r.list);
    if (st != STIEL_OK)
        return st;
    if (open && o->cur.seq < keep)
        keep = o->cur.seq;
    o->from_seq = keep != INT64_MAX ? keep : r.last_seq + 1;
    o->due = wst != STIEL_OK;
    if (wst != STIEL_OK)
        return wst;
    bool all = o->file.orders.count > 0;
    for (size_t k = 0; all && k < o->file.orders.count; k++)
        all = o->state[k] == OS_DONE;
    if (all) {
        char name[ORDERS_SOURCE_MAX + 1];
        snprintf(name, sizeof name, "%s", o->file.name);
        st = orders_inbox_done(&o->ib, &o->file, diag);
        if (st != STIEL_OK) {
            o->due = true; /* moved at the next poll */
            return st;
        }
        LOG_INFO("pick list %s done: every order has its result", name);
        file_release(o);
    }
    return STIEL_OK;
}

/* ---- packing every order of a pick -------------------------------------------------------------- */

static bool queue_next(kiosk_pack_queue *q, pack_task *out)
{
    while (q->active && q->next < q->task.order_count) {
        unsigned k = q->next++;
        char id[TASK_ID_MAX + 1], order_no[PACK_ORDER_MAX + 1];
        const char *suffix = strlen(q->task.id) > 3 ? q->task.id + 3 : q->task.id;
        if (k == 0) {
            snprintf(id, sizeof id, "PK-%.*s", (int)sizeof id - 4, suffix);
            snprintf(order_no, sizeof order_no, "SO-%.12s", suffix);
        } else {
            snprintf(id, sizeof id, "PK-%.24s-%u", suffix, (k + 1) % 100);
            snprintf(order_no, sizeof order_no, "SO-%.12s-%u", suffix, (k + 1) % 100);
        }
        stiel_diag d;
        if (pack_task_from_pick(&q->task, k, q->picked, id, order_no, out, &d) == STIEL_OK)
            return true;
        LOG_INFO("order %u of %s is not packed: %s", k + 1, q->task.id, d.text);
    }
    q->active = false;
    return false;
}

bool kiosk_orders_next_pack(kiosk_orders *o, kiosk_pack_queue *q, session *s,
                            const char *ended_task, const pick_flow *picked, int64_t wall_ms,
                            pack_task *out)
{
    if (kiosk_orders_task_is_real(ended_task)) {
        q->active = false;
        stiel_diag d;
        if (o && kiosk_orders_sync(o, s, wall_ms, &d) != STIEL_OK)
            note_error(o, "results", &d);
        return o && kiosk_orders_pack_next(o, out);
    }
    if (picked) {
        q->active = true;
        q->next = 0;
        q->task = picked->task;
        memcpy(q->picked, picked->picked, sizeof q->picked);
    }
    return queue_next(q, out);
}
