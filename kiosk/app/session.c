/* The session: opening (levels, catalogue, first import, resume), starting and abandoning tasks,
 * and handling flow inputs with durable acknowledgement — each input is stored together with the
 * evidence it produced in one transaction before its effects are handed back; on a store error
 * the flow is rolled back to before the input. */
#include "kiosk/app/session_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "kiosk/core/evidence_json.h"
#include "kiosk/core/order_gen.h"

#define LOG_PREFIX "session"

/* ---- opening --------------------------------------------------------------------------------- */

static stiel_status levels_load(session *s, const char *asset_dir, stiel_diag *diag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/levels.ini", asset_dir);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "cannot open %s: %s", path,
                              strerror(errno));
    stiel_buf b;
    stiel_buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        st = stiel_buf_append(&b, chunk, n);
    fclose(fp);
    if (st == STIEL_OK && b.len == 0)
        st = STIEL_ERR_MISSING;
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, st, "cannot read %s", path);
    }
    core_errors *errs = calloc(1, sizeof *errs);
    if (!errs) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory reading %s", path);
    }
    st = service_levels_parse("levels.ini", (const char *)b.data, b.len, &s->levels, errs);
    if (st != STIEL_OK)
        stiel_diag_set(diag, st, "%s: %s", path, errs->count ? errs->items[0].text : "invalid");
    free(errs);
    stiel_buf_free(&b);
    return st;
}

static stiel_status catalogue_ready(session *s, const char *asset_dir, int64_t now_ms,
                                    stiel_diag *diag)
{
    core_errors *errs = calloc(1, sizeof *errs);
    if (!errs)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory loading the catalogue");
    stiel_status st = session_catalogue_load(s->st, &s->cat, errs, diag);
    if (st == STIEL_ERR_NOT_FOUND) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/warehouse", asset_dir);
        LOG_INFO("the store has no catalogue yet: importing the sample warehouse %s", dir);
        session_import_result *res = calloc(1, sizeof *res);
        const char *paths[] = {dir};
        st = res ? session_import_catalogue(s->st, paths, 1, s->kiosk, s->actor, now_ms, res, diag)
                 : stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory importing");
        if (st != STIEL_OK && res && res->errs.count)
            stiel_diag_set(diag, st, "the sample warehouse does not import: %s",
                           res->errs.items[0].text);
        free(res);
        if (st == STIEL_OK)
            st = session_catalogue_load(s->st, &s->cat, errs, diag);
    }
    free(errs);
    return st;
}

stiel_status session_open(const session_config *cfg, session **out, stiel_diag *diag)
{
    if (!cfg || !out || !cfg->kiosk_id || !*cfg->kiosk_id || !cfg->asset_dir)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "session_open needs a kiosk id, an asset folder and out");
    *out = NULL;
    const char *actor = cfg->actor_id && *cfg->actor_id ? cfg->actor_id : "kiosk";
    if (strlen(cfg->kiosk_id) > STORE_ID_MAX || strlen(actor) > STORE_ID_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the kiosk or actor id is over %d bytes",
                              STORE_ID_MAX);
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    stiel_status st;
    if (cfg->db_path)
        st = stiel_buf_puts(&path, cfg->db_path);
    else if (cfg->data_dir)
        st = stiel_buf_printf(&path, "%s/evidence.db", cfg->data_dir);
    else
        st = store_default_path(&path, diag);
    if (st != STIEL_OK) {
        stiel_buf_free(&path);
        return diag && diag->code == st ? st : stiel_diag_set(diag, st, "the store path is too long");
    }
    session *s = calloc(1, sizeof *s);
    if (!s) {
        stiel_buf_free(&path);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening the session");
    }
    snprintf(s->kiosk, sizeof s->kiosk, "%s", cfg->kiosk_id);
    snprintf(s->actor, sizeof s->actor, "%s", actor);
    st = levels_load(s, cfg->asset_dir, diag);
    if (st == STIEL_OK)
        st = store_open((const char *)path.data, NULL, &s->st, diag);
    stiel_buf_free(&path);
    if (st == STIEL_OK)
        st = catalogue_ready(s, cfg->asset_dir, cfg->now_ms, diag);
    if (st == STIEL_OK)
        st = session_resume(s, diag);
    if (st != STIEL_OK) {
        session_close(s);
        return st;
    }
    *out = s;
    return STIEL_OK;
}

void session_close(session *s)
{
    if (!s)
        return;
    store_close(s->st);
    catalogue_free(&s->cat);
    free(s);
}

/* ---- accessors ------------------------------------------------------------------------------- */

const catalogue *session_catalogue(const session *s) { return s ? &s->cat : NULL; }
const service_levels *session_levels(const session *s) { return s ? &s->levels : NULL; }
store *session_store(session *s) { return s ? s->st : NULL; }
const char *session_kiosk(const session *s) { return s ? s->kiosk : ""; }
session_flow session_active(const session *s) { return s ? s->active : SESSION_FLOW_NONE; }
bool session_resumed(const session *s) { return s && s->resumed; }
size_t session_input_count(const session *s) { return s ? s->inputs : 0; }

const char *session_task_id(const session *s)
{
    if (!s || s->active == SESSION_FLOW_NONE)
        return "";
    return s->active == SESSION_FLOW_PICK ? s->task.pick.id : s->task.pack.id;
}

const char *session_trainee(const session *s)
{
    if (!s || s->active == SESSION_FLOW_NONE)
        return "";
    return s->active == SESSION_FLOW_PICK ? s->task.pick.trainee : s->task.pack.trainee;
}

const pick_flow *session_pick(const session *s)
{
    return s && s->task.flow == SESSION_FLOW_PICK ? &s->pick : NULL;
}

const pack_flow *session_pack(const session *s)
{
    return s && s->task.flow == SESSION_FLOW_PACK ? &s->pack : NULL;
}

void session_show_pick(const session *s, pick_effects *out)
{
    out->count = 0;
    if (s && s->task.flow == SESSION_FLOW_PICK)
        pick_flow_show(&s->pick, out);
}

void session_show_pack(const session *s, pack_effects *out)
{
    out->count = 0;
    if (s && s->task.flow == SESSION_FLOW_PACK)
        pack_flow_show(&s->pack, out);
}

/* ---- starting and ending tasks ----------------------------------------------------------------- */

/* Builds s->task from spec for trainee t at level lv (not yet started). */
static stiel_status task_make(session *s, const session_task_spec *spec, const store_trainee *t,
                              const service_level *lv, session_task *task, stiel_diag *diag)
{
    memset(task, 0, sizeof *task);
    task->flow = spec->flow;
    if (spec->flow == SESSION_FLOW_PICK) {
        if (!spec->pick) {
            task->training = true;
            task->seed = spec->seed;
            service_level plain = *lv;
            if (spec->no_drills)
                plain.drill_empty_pct = plain.drill_damaged_pct = plain.drill_lookalike_pct = 0;
            return order_gen_training(&s->cat, &plain, spec->seed, t->id, &task->pick, diag);
        }
        task->pick = *spec->pick;
        snprintf(task->pick.trainee, sizeof task->pick.trainee, "%s", t->id);
        task->pick.level = lv->number;
        return STIEL_OK;
    }
    if (!spec->pack || !spec->sscc)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a pack task needs the order and an SSCC source");
    task->pack = *spec->pack;
    task->sscc = *spec->sscc;
    snprintf(task->pack.trainee, sizeof task->pack.trainee, "%s", t->id);
    task->pack.level = lv->number;
    return STIEL_OK;
}

stiel_status session_flow_init(session *s, stiel_diag *diag)
{
    const session_task *t = &s->task;
    unsigned level = t->flow == SESSION_FLOW_PICK ? t->pick.level : t->pack.level;
    const service_level *lv = service_levels_get(&s->levels, level);
    if (!lv)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                              "level %u is not in levels.ini (it has %zu levels)", level,
                              s->levels.count);
    if (t->flow == SESSION_FLOW_PICK)
        return pick_flow_init(&s->pick, &s->cat, lv, &t->pick, diag);
    return pack_flow_init(&s->pack, &s->cat, lv, &t->pack, &t->sscc, diag);
}

stiel_status session_start_task(session *s, const session_task_spec *spec, int64_t wall_ms,
                                stiel_diag *diag)
{
    if (!s || !spec || !spec->trainee_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "session_start_task needs a session and a spec");
    if (spec->flow != SESSION_FLOW_PICK && spec->flow != SESSION_FLOW_PACK)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a task is a pick or a pack task");
    if (s->active != SESSION_FLOW_NONE)
        return stiel_diag_set(diag, STIEL_ERR_STATE,
                              "task %s is still in progress on kiosk %s: finish or abandon it",
                              session_task_id(s), s->kiosk);
    store_trainee t;
    stiel_status st = store_trainee_get(s->st, spec->trainee_id, &t, diag);
    if (st != STIEL_OK)
        return st;
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %s was erased", t.id);
    if (!t.consent)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "trainee %s has not consented to recording: no task", t.id);
    const service_level *lv = service_levels_get(&s->levels, t.level);
    if (!lv)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                              "trainee %s is at level %u, which levels.ini does not have", t.id,
                              t.level);
    session_task *task = malloc(sizeof *task);
    stiel_buf payload;
    stiel_buf_init(&payload, STORE_PAYLOAD_MAX);
    st = task ? task_make(s, spec, &t, lv, task, diag)
              : stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory starting a task");
    if (st == STIEL_OK && session_task_write(task, &s->cat, &payload) != STIEL_OK)
        st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the task is too large to record");
    if (st == STIEL_OK) {
        session_task keep = s->task;
        s->task = *task;
        st = session_flow_init(s, diag);
        store_receipt r;
        if (st == STIEL_OK) {
            store_event ev = {.kiosk_id = s->kiosk, .ts_ms = wall_ms, .trainee_id = t.id,
                              .actor_id = t.id, .kind = EVIDENCE_KIND_TASK_STARTED,
                              .payload = (const char *)payload.data};
            st = store_append(s->st, &ev, &r, diag);
        }
        if (st == STIEL_OK) {
            s->active = spec->flow;
            s->resumed = false;
            s->inputs = 0;
            memcpy(s->session_id, r.id, sizeof s->session_id);
        } else {
            s->task = keep;
        }
    }
    stiel_buf_free(&payload);
    free(task);
    return st;
}

/* {"task","flow","session"[,"reason"]} for task.finished / task.abandoned. */
static stiel_status end_payload(const session *s, const char *reason, stiel_buf *out)
{
    stiel_status st = stiel_buf_puts(out, "{\"task\":");
    if (st == STIEL_OK)
        st = evidence_json_string(out, session_task_id(s));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, ",\"flow\":\"%s\",\"session\":\"%s\"",
                              s->active == SESSION_FLOW_PICK ? "pick" : "pack", s->session_id);
    if (st == STIEL_OK && reason) {
        st = stiel_buf_puts(out, ",\"reason\":");
        if (st == STIEL_OK)
            st = evidence_json_string(out, reason);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    return st;
}

stiel_status session_abandon(session *s, const char *actor_id, const char *reason,
                             int64_t wall_ms, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no session");
    if (s->active == SESSION_FLOW_NONE)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "no task is in progress on kiosk %s",
                              s->kiosk);
    stiel_buf payload;
    stiel_buf_init(&payload, STORE_PAYLOAD_MAX);
    stiel_status st = end_payload(s, reason && *reason ? reason : "abandoned", &payload);
    if (st != STIEL_OK)
        st = stiel_diag_set(diag, st, "the reason is too long");
    if (st == STIEL_OK) {
        store_event ev = {.kiosk_id = s->kiosk, .ts_ms = wall_ms, .trainee_id = session_trainee(s),
                          .actor_id = actor_id && *actor_id ? actor_id : s->actor,
                          .kind = SESSION_KIND_ABANDONED, .payload = (const char *)payload.data};
        st = store_append(s->st, &ev, NULL, diag);
    }
    stiel_buf_free(&payload);
    if (st == STIEL_OK)
        s->active = SESSION_FLOW_NONE;
    return st;
}

/* ---- handling inputs ------------------------------------------------------------------------- */

typedef session_batch batch;

static void batch_free(batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        stiel_buf_free(&b->payload[i]);
    b->n = 0;
}

/* Adds an event of kind (copied) whose payload the caller writes into the returned buffer. */
static stiel_buf *batch_add(session *s, batch *b, const char *kind, int64_t wall_ms)
{
    size_t i = b->n++;
    stiel_buf_init(&b->payload[i], STORE_PAYLOAD_MAX);
    snprintf(b->kind[i], sizeof b->kind[i], "%s", kind);
    b->ev[i] = (store_event){.kiosk_id = s->kiosk, .ts_ms = wall_ms,
                             .trainee_id = session_trainee(s), .actor_id = session_trainee(s),
                             .kind = b->kind[i]};
    return &b->payload[i];
}

static stiel_status batch_input(session *s, batch *b, const stiel_buf *text, int64_t wall_ms)
{
    stiel_buf *p = batch_add(s, b, SESSION_KIND_INPUT, wall_ms);
    stiel_status st = stiel_buf_puts(p, "{\"task\":");
    if (st == STIEL_OK)
        st = evidence_json_string(p, session_task_id(s));
    if (st == STIEL_OK)
        st = stiel_buf_printf(p, ",\"n\":%zu,\"event\":", s->inputs + 1);
    /* the text form without its line end */
    char line[2 * PICK_SCAN_MAX * 3 + 256];
    size_t len = text->len;
    while (len && (text->data[len - 1] == '\n' || text->data[len - 1] == '\r'))
        len--;
    if (st == STIEL_OK && len >= sizeof line)
        st = STIEL_ERR_OVERLONG;
    if (st == STIEL_OK) {
        memcpy(line, text->data, len);
        line[len] = '\0';
        st = evidence_json_string(p, line);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(p, "}");
    return st;
}

static stiel_status batch_record(session *s, batch *b, evidence_record *r, int64_t wall_ms)
{
    snprintf(r->session, sizeof r->session, "%s", s->session_id);
    char kind[EVIDENCE_KIND_MAX + 1];
    stiel_status st = evidence_kind(r, kind, sizeof kind);
    if (st != STIEL_OK)
        return st;
    stiel_buf *p = batch_add(s, b, kind, wall_ms);
    return evidence_json_write(r, p);
}

static stiel_status batch_finished(session *s, batch *b, int64_t wall_ms)
{
    stiel_buf *p = batch_add(s, b, EVIDENCE_KIND_TASK_FINISHED, wall_ms);
    return end_payload(s, NULL, p);
}

/* Appends the batch; on success the input counts and a finished task ends. */
static stiel_status batch_commit(session *s, batch *b, bool finished, stiel_diag *diag)
{
    for (size_t i = 0; i < b->n; i++)
        b->ev[i].payload = (const char *)b->payload[i].data;
    stiel_status st = store_append_batch(s->st, b->ev, b->n, NULL, diag);
    if (st != STIEL_OK) {
        LOG_ERROR("kiosk %s: %s: %s", s->kiosk, SESSION_SAVE_FAILED, diag ? diag->text : "");
        return st;
    }
    s->inputs++;
    if (finished)
        s->active = SESSION_FLOW_NONE;
    return STIEL_OK;
}

/* Starts the batch of one input with its event line, unless the flow refused it (flow_st). */
static stiel_status input_begin(session *s, const stiel_buf *text, stiel_status flow_st,
                                int64_t wall_ms)
{
    s->batch.n = 0;
    return flow_st == STIEL_OK ? batch_input(s, &s->batch, text, wall_ms) : flow_st;
}

/* Ends one input: the task.finished event when the flow has just finished, then the batch is
 * appended (diag says why when anything failed); frees the batch and the event text. */
static stiel_status input_end(session *s, stiel_status st, bool finished, stiel_buf *text,
                              int64_t wall_ms, stiel_diag *diag)
{
    batch *b = &s->batch;
    if (finished)
        st = batch_finished(s, b, wall_ms);
    if (st != STIEL_OK)
        stiel_diag_set(diag, st, "the step or its evidence cannot be written down (%s)",
                       stiel_strerror(st));
    if (st == STIEL_OK)
        st = batch_commit(s, b, finished, diag);
    batch_free(b);
    stiel_buf_free(text);
    return st;
}

stiel_status session_handle_pick(session *s, const pick_event *ev, int64_t wall_ms,
                                 pick_effects *out, stiel_diag *diag)
{
    if (!s || !ev || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "session_handle_pick needs an event and out");
    out->count = 0;
    if (s->active != SESSION_FLOW_PICK)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "no pick task is in progress");
    stiel_buf text;
    stiel_buf_init(&text, 4096);
    stiel_status st = pick_event_format(ev, &text);
    if (st != STIEL_OK) {
        stiel_buf_free(&text);
        return stiel_diag_set(diag, st, "the event cannot be written down");
    }
    s->pick_backup = s->pick;
    pick_effects *fx = &s->pick_fx;
    st = input_begin(s, &text, pick_flow_handle(&s->pick, ev, fx), wall_ms);
    for (size_t i = 0; st == STIEL_OK && i < fx->count; i++) {
        if (fx->fx[i].kind != PICK_FX_RECORD)
            continue;
        evidence_record r;
        evidence_from_pick(&fx->fx[i].record, &r);
        st = batch_record(s, &s->batch, &r, wall_ms);
    }
    bool finished = st == STIEL_OK && s->pick.step == PICK_STEP_DONE &&
                    s->pick_backup.step != PICK_STEP_DONE;
    st = input_end(s, st, finished, &text, wall_ms, diag);
    if (st != STIEL_OK) {
        s->pick = s->pick_backup;
        return st;
    }
    *out = *fx;
    return STIEL_OK;
}

stiel_status session_handle_pack(session *s, const pack_event *ev, int64_t wall_ms,
                                 pack_effects *out, stiel_diag *diag)
{
    if (!s || !ev || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "session_handle_pack needs an event and out");
    out->count = 0;
    if (s->active != SESSION_FLOW_PACK)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "no pack task is in progress");
    stiel_buf text;
    stiel_buf_init(&text, 4096);
    stiel_status st = pack_event_format(ev, &text);
    if (st != STIEL_OK) {
        stiel_buf_free(&text);
        return stiel_diag_set(diag, st, "the event cannot be written down");
    }
    s->pack_backup = s->pack;
    pack_effects *fx = &s->pack_fx;
    st = input_begin(s, &text, pack_flow_handle(&s->pack, ev, fx), wall_ms);
    for (size_t i = 0; st == STIEL_OK && i < fx->count; i++) {
        if (fx->fx[i].kind != PACK_FX_RECORD)
            continue;
        evidence_record r;
        session_evidence_from_pack(&fx->fx[i].record, &r);
        st = batch_record(s, &s->batch, &r, wall_ms);
    }
    bool finished = st == STIEL_OK && s->pack.step == PACK_STEP_DONE &&
                    s->pack_backup.step != PACK_STEP_DONE;
    st = input_end(s, st, finished, &text, wall_ms, diag);
    if (st != STIEL_OK) {
        s->pack = s->pack_backup;
        return st;
    }
    *out = *fx;
    return STIEL_OK;
}
