/* The session's task as JSON (the "task.started" payload) and back, by SKU and location code so
 * that a resumed task does not depend on catalogue indices. */
#include "kiosk/app/session_task.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "kiosk/core/evidence_json.h"

static stiel_status kv_str(stiel_buf *out, const char *key, const char *v, bool comma)
{
    stiel_status st = stiel_buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
    if (st == STIEL_OK)
        st = evidence_json_string(out, v);
    return st;
}

static stiel_status write_pick(const pick_task *p, const catalogue *cat, stiel_buf *out)
{
    stiel_status st = stiel_buf_puts(out, ",\"totes\":[");
    for (unsigned o = 0; st == STIEL_OK && o < p->order_count; o++) {
        if (o)
            st = stiel_buf_puts(out, ",");
        if (st == STIEL_OK)
            st = evidence_json_string(out, p->totes[o]);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "],\"lines\":[");
    for (size_t k = 0; st == STIEL_OK && k < p->line_count; k++) {
        const pick_line *ln = &p->lines[k];
        st = stiel_buf_puts(out, k ? ",{" : "{");
        if (st == STIEL_OK)
            st = kv_str(out, "sku", cat->items[ln->item].sku, false);
        if (st == STIEL_OK)
            st = kv_str(out, "loc", cat->locations[ln->location].code, true);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, ",\"qty\":%u,\"order\":%u,\"drill\":\"%s\"}", ln->qty,
                                  ln->order, pick_drill_name(ln->drill));
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "]");
    return st;
}

static stiel_status write_pack(const session_task *t, const catalogue *cat, stiel_buf *out)
{
    const pack_task *p = &t->pack;
    stiel_status st = kv_str(out, "order_no", p->order_no, true);
    if (st == STIEL_OK)
        st = kv_str(out, "tote", p->tote, true);
    if (st == STIEL_OK)
        st = kv_str(out, "tracking", p->tracking, true);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, ",\"lines\":[");
    for (size_t k = 0; st == STIEL_OK && k < p->line_count; k++) {
        st = stiel_buf_puts(out, k ? ",{" : "{");
        if (st == STIEL_OK)
            st = kv_str(out, "sku", cat->items[p->lines[k].item].sku, false);
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, ",\"qty\":%u}", p->lines[k].qty);
    }
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, "],\"sscc\":{\"ext\":\"%c\",\"prefix\":", t->sscc.extension);
    if (st == STIEL_OK)
        st = evidence_json_string(out, t->sscc.company_prefix);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, ",\"first\":\"%" PRIu64 "\"}", t->sscc.first_serial);
    return st;
}

stiel_status session_task_write(const session_task *t, const catalogue *cat, stiel_buf *out)
{
    bool pick = t->flow == SESSION_FLOW_PICK;
    const char *id = pick ? t->pick.id : t->pack.id;
    const char *trainee = pick ? t->pick.trainee : t->pack.trainee;
    unsigned level = pick ? t->pick.level : t->pack.level;
    stiel_status st = stiel_buf_printf(out, "{\"flow\":\"%s\"", pick ? "pick" : "pack");
    if (st == STIEL_OK)
        st = kv_str(out, "task", id, true);
    if (st == STIEL_OK)
        st = kv_str(out, "trainee", trainee, true);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, ",\"level\":%u,\"training\":%s,\"seed\":\"%" PRIu64 "\"",
                              level, t->training ? "true" : "false", t->seed);
    if (st == STIEL_OK)
        st = pick ? write_pick(&t->pick, cat, out) : write_pack(t, cat, out);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    return st;
}

/* ---- reading --------------------------------------------------------------------------------- */

static bool get_text(const cJSON *o, const char *key, char *dst, size_t cap)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= cap)
        return false;
    memcpy(dst, v->valuestring, strlen(v->valuestring) + 1);
    return true;
}

static bool get_uint(const cJSON *o, const char *key, unsigned max, unsigned *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max)
        return false;
    *out = (unsigned)v->valuedouble;
    return (double)*out == v->valuedouble;
}

static bool get_u64_text(const cJSON *o, const char *key, uint64_t *out)
{
    char t[24];
    if (!get_text(o, key, t, sizeof t) || !t[0])
        return false;
    char *end = NULL;
    *out = strtoull(t, &end, 10);
    return end && *end == '\0';
}

static stiel_status item_of(const cJSON *ln, const catalogue *cat, size_t *item,
                            stiel_diag *diag)
{
    char sku[CAT_ID_MAX + 1];
    if (!get_text(ln, "sku", sku, sizeof sku))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "a task line has no sku");
    int i = catalogue_item_by_sku(cat, sku);
    if (i < 0)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                              "the task names item %s, which the catalogue no longer has", sku);
    *item = (size_t)i;
    return STIEL_OK;
}

static stiel_status read_pick(const cJSON *o, const catalogue *cat, pick_task *p,
                              stiel_diag *diag)
{
    const cJSON *totes = cJSON_GetObjectItemCaseSensitive(o, "totes");
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(o, "lines");
    if (!cJSON_IsArray(totes) || !cJSON_IsArray(lines))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the pick task has no totes or lines");
    int nt = cJSON_GetArraySize(totes), nl = cJSON_GetArraySize(lines);
    if (nt < 1 || nt > LEVEL_BATCH_MAX || nl < 1 || nl > TASK_LINES_MAX)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the pick task has %d totes, %d lines", nt,
                              nl);
    p->order_count = (unsigned)nt;
    for (int k = 0; k < nt; k++) {
        const cJSON *v = cJSON_GetArrayItem(totes, k);
        if (!cJSON_IsString(v) || strlen(v->valuestring) > TASK_TOTE_MAX)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "tote %d of the task is bad", k + 1);
        snprintf(p->totes[k], sizeof p->totes[k], "%s", v->valuestring);
    }
    p->line_count = (size_t)nl;
    for (int k = 0; k < nl; k++) {
        const cJSON *ln = cJSON_GetArrayItem(lines, k);
        pick_line *pl = &p->lines[k];
        stiel_status st = item_of(ln, cat, &pl->item, diag);
        if (st != STIEL_OK)
            return st;
        char loc[CAT_ID_MAX + 1], drill[16];
        if (!get_text(ln, "loc", loc, sizeof loc) || !get_text(ln, "drill", drill, sizeof drill) ||
            !get_uint(ln, "qty", 1000, &pl->qty) ||
            !get_uint(ln, "order", (unsigned)nt - 1, &pl->order))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "line %d of the task is bad", k + 1);
        int l = catalogue_location_by_code(cat, loc);
        if (l < 0)
            return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                                  "the task names location %s, which the catalogue no longer has",
                                  loc);
        pl->location = (size_t)l;
        pl->drill = DRILL_NONE;
        for (int d = DRILL_NONE; d <= DRILL_LOOKALIKE; d++)
            if (strcmp(drill, pick_drill_name((pick_drill)d)) == 0)
                pl->drill = (pick_drill)d;
    }
    return STIEL_OK;
}

static stiel_status read_pack(const cJSON *o, const catalogue *cat, session_task *t,
                              stiel_diag *diag)
{
    pack_task *p = &t->pack;
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(o, "lines");
    const cJSON *sscc = cJSON_GetObjectItemCaseSensitive(o, "sscc");
    char ext[4] = "";
    if (!get_text(o, "order_no", p->order_no, sizeof p->order_no) ||
        !get_text(o, "tote", p->tote, sizeof p->tote) ||
        !get_text(o, "tracking", p->tracking, sizeof p->tracking) || !cJSON_IsArray(lines) ||
        !cJSON_IsObject(sscc) || !get_text(sscc, "ext", ext, sizeof ext) || strlen(ext) != 1 ||
        !get_text(sscc, "prefix", t->sscc.company_prefix, sizeof t->sscc.company_prefix) ||
        !get_u64_text(sscc, "first", &t->sscc.first_serial))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the pack task is incomplete");
    t->sscc.extension = ext[0];
    int nl = cJSON_GetArraySize(lines);
    if (nl < 1 || nl > PACK_LINES_MAX)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the pack task has %d lines", nl);
    p->line_count = (size_t)nl;
    for (int k = 0; k < nl; k++) {
        const cJSON *ln = cJSON_GetArrayItem(lines, k);
        stiel_status st = item_of(ln, cat, &p->lines[k].item, diag);
        if (st != STIEL_OK)
            return st;
        if (!get_uint(ln, "qty", PACK_QTY_MAX, &p->lines[k].qty))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "line %d of the task is bad", k + 1);
    }
    return STIEL_OK;
}

stiel_status session_task_read(const char *json, const catalogue *cat, session_task *out,
                               stiel_diag *diag)
{
    memset(out, 0, sizeof *out);
    cJSON *o = json ? cJSON_Parse(json) : NULL;
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the task.started record is not JSON");
    }
    char flow[8] = "", id[TASK_ID_MAX + 1] = "", trainee[CAT_ID_MAX + 1] = "";
    unsigned level = 0;
    const cJSON *training = cJSON_GetObjectItemCaseSensitive(o, "training");
    stiel_status st = STIEL_OK;
    if (!get_text(o, "flow", flow, sizeof flow) || !get_text(o, "task", id, sizeof id) ||
        !get_text(o, "trainee", trainee, sizeof trainee) ||
        !get_uint(o, "level", LEVELS_MAX, &level) || !cJSON_IsBool(training) ||
        !get_u64_text(o, "seed", &out->seed))
        st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "the task.started record is incomplete");
    out->training = cJSON_IsTrue(training);
    if (st == STIEL_OK && strcmp(flow, "pick") == 0) {
        out->flow = SESSION_FLOW_PICK;
        snprintf(out->pick.id, sizeof out->pick.id, "%s", id);
        snprintf(out->pick.trainee, sizeof out->pick.trainee, "%s", trainee);
        out->pick.level = level;
        st = read_pick(o, cat, &out->pick, diag);
    } else if (st == STIEL_OK && strcmp(flow, "pack") == 0) {
        out->flow = SESSION_FLOW_PACK;
        snprintf(out->pack.id, sizeof out->pack.id, "%s", id);
        snprintf(out->pack.trainee, sizeof out->pack.trainee, "%s", trainee);
        out->pack.level = level;
        st = read_pack(o, cat, out, diag);
    } else if (st == STIEL_OK) {
        st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "task flow \"%s\" is not pick or pack", flow);
    }
    cJSON_Delete(o);
    return st;
}
