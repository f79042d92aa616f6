/* Resuming after a restart: find this kiosk's newest task.started; if no task.finished or
 * task.abandoned follows it, rebuild the task from its payload and replay its flow.input events
 * (in chain order, numbered 1, 2, ...) into a fresh flow. Appends nothing: the evidence of the
 * replayed inputs is already in the store, and their effects are not acted on again. */
#include "kiosk/app/session_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/log.h"

#define LOG_PREFIX "session"

typedef struct found_start {
    bool found;
    int64_t seq;
    char id[STORE_UUID_LEN];
    stiel_buf payload;
} found_start;

static int start_row(const store_row *row, void *ctx)
{
    found_start *f = ctx;
    f->found = true;
    f->seq = row->seq;
    snprintf(f->id, sizeof f->id, "%s", row->id);
    if (row->payload)
        stiel_buf_puts(&f->payload, row->payload);
    return 1;
}

/* The inputs after the start, as text lines; ended is set by a finish or abandon. */
typedef struct tail {
    bool ended;
    bool bad;
    size_t count;
    stiel_buf lines;  /* one event text per line */
    char why[160];
} tail;

static int tail_row(const store_row *row, void *ctx)
{
    tail *t = ctx;
    if (strcmp(row->kind, EVIDENCE_KIND_TASK_FINISHED) == 0 ||
        strcmp(row->kind, SESSION_KIND_ABANDONED) == 0 ||
        strcmp(row->kind, EVIDENCE_KIND_TASK_STARTED) == 0) {
        t->ended = true;
        return 1;
    }
    if (strcmp(row->kind, SESSION_KIND_INPUT) != 0)
        return 0;
    cJSON *o = row->payload ? cJSON_Parse(row->payload) : NULL;
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "n");
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "event");
    int rc = 0;
    if (!cJSON_IsNumber(n) || !cJSON_IsString(ev) || n->valuedouble != (double)(t->count + 1)) {
        snprintf(t->why, sizeof t->why, "flow input %lld (seq %lld) is not input %zu of the task",
                 (long long)(cJSON_IsNumber(n) ? n->valuedouble : -1), (long long)row->seq,
                 t->count + 1);
        t->bad = true;
        rc = 1;
    } else if (stiel_buf_puts(&t->lines, ev->valuestring) != STIEL_OK ||
               stiel_buf_puts(&t->lines, "\n") != STIEL_OK) {
        snprintf(t->why, sizeof t->why, "out of memory reading the task's inputs");
        t->bad = true;
        rc = 1;
    } else {
        t->count++;
    }
    cJSON_Delete(o);
    return rc;
}

/* Parses each line of t->lines and feeds it to the flow, effects discarded. */
static stiel_status replay(session *s, const tail *t, stiel_diag *diag)
{
    char *text = (char *)t->lines.data;
    stiel_status st = STIEL_OK;
    size_t k = 0;
    for (char *line = text; st == STIEL_OK && line && *line; k++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (s->task.flow == SESSION_FLOW_PICK) {
            pick_event ev;
            st = pick_event_parse(line, &ev, diag);
            if (st == STIEL_OK)
                st = pick_flow_replay(&s->pick, &ev, 1, NULL);
        } else {
            pack_event ev;
            st = pack_event_parse(line, &ev, diag);
            if (st == STIEL_OK)
                st = pack_flow_replay(&s->pack, &ev, 1, NULL);
        }
        if (st != STIEL_OK) {
            char why[STIEL_DIAG_TEXT_MAX];
            snprintf(why, sizeof why, "%s", diag ? diag->text : "");
            return stiel_diag_set(diag, st, "cannot replay input %zu of task %s: %s", k + 1,
                                  session_task_id(s), why);
        }
        line = nl ? nl + 1 : NULL;
    }
    return st;
}

static stiel_status rebuild(session *s, found_start *f, tail *t, stiel_diag *diag)
{
    stiel_status st = session_task_read((const char *)f->payload.data, &s->cat, &s->task, diag);
    if (st == STIEL_OK)
        st = session_flow_init(s, diag);
    if (st != STIEL_OK) {
        char why[STIEL_DIAG_TEXT_MAX];
        snprintf(why, sizeof why, "%s", diag ? diag->text : "");
        return stiel_diag_set(diag, st,
                              "the unfinished task of kiosk %s (event seq %lld) cannot be resumed: "
                              "%s",
                              s->kiosk, (long long)f->seq, why);
    }
    s->active = s->task.flow;
    st = replay(s, t, diag);
    if (st != STIEL_OK) {
        s->active = SESSION_FLOW_NONE;
        return st;
    }
    s->resumed = true;
    s->inputs = t->count;
    memcpy(s->session_id, f->id, sizeof s->session_id);
    LOG_INFO("kiosk %s: resumed task %s of %s after %zu inputs", s->kiosk, session_task_id(s),
             session_trainee(s), t->count);
    return STIEL_OK;
}

stiel_status session_resume(session *s, stiel_diag *diag)
{
    found_start f = {0};
    stiel_buf_init(&f.payload, STORE_PAYLOAD_MAX);
    tail t = {0};
    stiel_buf_init(&t.lines, 0);
    stiel_status st = store_kiosk_last(s->st, s->kiosk, EVIDENCE_KIND_TASK_STARTED, start_row, &f,
                                       diag);
    if (st == STIEL_ERR_NOT_FOUND) {
        st = STIEL_OK; /* this kiosk never started a task */
    } else if (st == STIEL_OK) {
        st = store_kiosk_events(s->st, s->kiosk, f.seq + 1, tail_row, &t, diag);
        if (st == STIEL_OK && t.bad)
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT, "kiosk %s: %s", s->kiosk, t.why);
        if (st == STIEL_OK && !t.ended)
            st = rebuild(s, &f, &t, diag);
    }
    stiel_buf_free(&f.payload);
    stiel_buf_free(&t.lines);
    return st;
}
