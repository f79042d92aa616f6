/* Text forms of the pick flow (pick_flow.h): names of steps, actions, prompts and results; one
 * line per effect (for byte-exact replay comparisons and logs); one line per event (the form the
 * app stores in its event log) and its parser. */
#include "kiosk/core/pick_flow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/flow.h"

static const char *const step_names[PICK_STEP_COUNT] = {
    "get_work", "go_to_location", "scan_location", "scan_item", "quantity", "put",
    "empty_check", "done",
};
static const char *const action_names[PICK_ACT_COUNT] = {
    "none", "start", "arrived", "confirm", "short_empty", "short_damaged", "short_not_found",
    "short_other_item", "skip", "undo", "help_photo", "help_highlight", "help_spoken",
    "call_coach", "empty_yes", "empty_no",
};
static const char *const prompt_names[PICK_PROMPT_COUNT] = {
    "independent", "gestural", "verbal", "model", "partial_physical", "full_physical",
    "done_by_coach",
};
static const char *const result_names[] = {
    "right_first_time", "corrected", "skipped", "done_by_coach",
};
static const char *const short_names[] = { "none", "empty", "damaged", "not_found", "other_item" };
static const char *const err_names[PICK_ERR_KIND_COUNT] = {
    "wrong_location", "wrong_item", "lookalike", "unknown_barcode", "over_pick", "wrong_qty",
    "wrong_tote", "out_of_order", "undo",
};

const char *pick_step_name(pick_step step) { return FLOW_NAME(step_names, step); }
const char *pick_action_name(pick_action action) { return FLOW_NAME(action_names, action); }
const char *pick_prompt_name(pick_prompt prompt) { return FLOW_NAME(prompt_names, prompt); }
const char *pick_result_name(pick_result result) { return FLOW_NAME(result_names, result); }
const char *pick_short_name(pick_short reason) { return FLOW_NAME(short_names, reason); }

const char *pick_feedback_name(pick_feedback fb)
{
    return fb == PICK_FB_GOOD ? "good" : fb == PICK_FB_BAD ? "bad" : "attention";
}

static stiel_status format_show(const pick_show *s, const catalogue *cat, stiel_buf *out)
{
    stiel_status st = stiel_buf_printf(out, "show step=%s line=%u/%u left=%u",
                                       pick_step_name(s->step), s->line, s->line_count,
                                       s->lines_left);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "sku", s->item >= 0 && cat ? cat->items[s->item].sku : "-");
    if (st == STIEL_OK)
        st = flow_put_kv(out, "loc",
                         s->location >= 0 && cat ? cat->locations[s->location].code : "-");
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " qty=%u picked=%u order=%u", s->qty, s->picked, s->order);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "tote", flow_dash(s->tote));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out,
                              " photo=%d highlight=%d spoken=%d prefilled=%d norm=%u "
                              "device_problem=%d\n",
                              s->photo, s->highlight, s->spoken, s->qty_prefilled,
                              s->norm_seconds, s->device_problem);
    return st;
}

static stiel_status format_record(const pick_evidence *r, stiel_buf *out)
{
    stiel_status st = stiel_buf_printf(out, "record seq=%u", r->seq);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "trainee", r->trainee);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " level=%u", r->level);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "task", r->task);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " line=%u step=%s", r->line, pick_step_name(r->step));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "expected", flow_dash(r->expected));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "scanned", flow_dash(r->scanned));
    if (st == STIEL_OK)
        st = flow_put_outcome(out, pick_result_name(r->result), r->errors, r->error_kinds,
                              err_names, PICK_ERR_KIND_COUNT, r->kiosk_help);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " coach=%s short=%s drill=%s picked=%u ms=%llu at=%llu",
                              pick_prompt_name(r->coach_help), pick_short_name(r->short_reason),
                              pick_drill_name(r->drill), r->picked,
                              (unsigned long long)r->duration_ms,
                              (unsigned long long)r->at_ms);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "device", flow_dash(r->device));
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st;
}

stiel_status pick_effects_format(const pick_effects *fx, const catalogue *cat, stiel_buf *out)
{
    if (!fx || !out)
        return STIEL_ERR_ARG;
    stiel_status st = STIEL_OK;
    for (size_t k = 0; st == STIEL_OK && k < fx->count; k++) {
        const pick_effect *e = &fx->fx[k];
        switch (e->kind) {
        case PICK_FX_SHOW: st = format_show(&e->show, cat, out); break;
        case PICK_FX_FEEDBACK:
            st = stiel_buf_printf(out, "feedback %s reason=%s\n", pick_feedback_name(e->feedback),
                                  e->reason ? e->reason : "-");
            break;
        case PICK_FX_SCANNER: st = stiel_buf_printf(out, "scanner %s\n", pick_feedback_name(e->feedback)); break;
        case PICK_FX_RECORD: st = format_record(&e->record, out); break;
        case PICK_FX_SUGGEST_HELP:
            st = stiel_buf_printf(out, "suggest_help reason=%s\n", e->reason ? e->reason : "-");
            break;
        }
    }
    return st;
}

/* ---- events --------------------------------------------------------------------------------- */

stiel_status pick_event_format(const pick_event *ev, stiel_buf *out)
{
    if (!ev || !out)
        return STIEL_ERR_ARG;
    unsigned long long t = (unsigned long long)ev->now_ms;
    stiel_status st;
    switch (ev->kind) {
    case PICK_EV_SCAN:
        st = flow_put_scan_event(out, ev->now_ms, ev->symbology, ev->device, ev->data);
        break;
    case PICK_EV_TAP:
        st = stiel_buf_printf(out, "tap t=%llu action=%s", t, pick_action_name(ev->action));
        break;
    case PICK_EV_QTY: st = stiel_buf_printf(out, "qty t=%llu n=%u", t, ev->qty); break;
    case PICK_EV_TICK: st = stiel_buf_printf(out, "tick t=%llu", t); break;
    case PICK_EV_DEVICE:
        st = flow_put_device_event(out, ev->now_ms, ev->ok, ev->device);
        break;
    case PICK_EV_COACH:
        st = stiel_buf_printf(out, "coach t=%llu prompt=%s", t, pick_prompt_name(ev->prompt));
        break;
    default:
        return STIEL_ERR_ARG;
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st;
}

static stiel_status set_field(pick_event *ev, const char *key, const char *val, stiel_diag *diag)
{
    uint64_t u = 0;
    if (strcmp(key, "t") == 0 && flow_parse_u64(val, &ev->now_ms))
        return STIEL_OK;
    if (strcmp(key, "data") == 0 && ev->kind == PICK_EV_SCAN) {
        snprintf(ev->data, sizeof ev->data, "%s", val);
        return STIEL_OK;
    }
    if (strcmp(key, "dev") == 0 && (ev->kind == PICK_EV_SCAN || ev->kind == PICK_EV_DEVICE) &&
        flow_device_set(val, ev->device, sizeof ev->device))
        return STIEL_OK;
    if (strcmp(key, "sym") == 0 && ev->kind == PICK_EV_SCAN &&
        flow_symbology_lookup(val, &ev->symbology))
        return STIEL_OK;
    if (strcmp(key, "action") == 0 && ev->kind == PICK_EV_TAP) {
        int a = flow_name_lookup(val, action_names, PICK_ACT_COUNT);
        if (a > 0) {
            ev->action = (pick_action)a;
            return STIEL_OK;
        }
    }
    if (strcmp(key, "prompt") == 0 && ev->kind == PICK_EV_COACH) {
        int p = flow_name_lookup(val, prompt_names, PICK_PROMPT_COUNT);
        if (p > 0) {
            ev->prompt = (pick_prompt)p;
            return STIEL_OK;
        }
    }
    if (strcmp(key, "n") == 0 && ev->kind == PICK_EV_QTY && flow_parse_u64(val, &u) && u < 100000) {
        ev->qty = (unsigned)u;
        return STIEL_OK;
    }
    if (strcmp(key, "ok") == 0 && ev->kind == PICK_EV_DEVICE &&
        (strcmp(val, "0") == 0 || strcmp(val, "1") == 0)) {
        ev->ok = val[0] == '1';
        return STIEL_OK;
    }
    return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: bad field %.16s=%.40s", key, val);
}

static stiel_status field_cb(void *ctx, int kind, const char *key, const char *val,
                             stiel_diag *diag)
{
    pick_event *ev = ctx;
    ev->kind = (pick_event_kind)kind;
    return set_field(ev, key, val, diag);
}

stiel_status pick_event_parse(const char *line, pick_event *ev, stiel_diag *diag)
{
    static const char *const kinds[] = { "", "scan", "tap", "qty", "tick", "device", "coach" };
    if (!line || !ev)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "event: nothing to parse");
    memset(ev, 0, sizeof *ev);
    int kind = 0;
    bool have_t = false;
    stiel_status st = flow_event_split(line, kinds, 7, &kind, field_cb, ev, &have_t, diag);
    if (st != STIEL_OK)
        return st;
    ev->kind = (pick_event_kind)kind;
    if (!have_t)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "event: no time t=");
    if ((ev->kind == PICK_EV_TAP && ev->action == PICK_ACT_NONE) ||
        (ev->kind == PICK_EV_COACH && ev->prompt == PICK_PROMPT_NONE))
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "event: %s without its value", kinds[kind]);
    return STIEL_OK;
}
