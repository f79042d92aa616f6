/* Text forms of the pack flow (pack_flow.h): names of steps, actions and printer states; one line
 * per effect (for byte-exact replay comparisons and logs); one line per event (the form the app
 * stores in its event log) and its parser. Same shape as pick_text.c, built from flow.h. */
#include "kiosk/core/pack_flow.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/core/flow.h"

static const char *const step_names[PACK_STEP_COUNT] = {
    "scan_order", "scan_items", "choose_box", "print", "verify_label", "close", "done",
};
static const char *const action_names[PACK_ACT_COUNT] = {
    "none", "start", "confirm", "choose_box", "reprint", "close", "help_photo", "help_spoken",
    "call_coach",
};
static const char *const printer_names[PACK_PRINTER_COUNT] = {
    "ready", "paper_out", "head_open", "offline",
};
static const char *const record_kind_names[] = { "step", "reprint", "sscc_voided" };
static const char *const err_names[PACK_ERR_KIND_COUNT] = {
    "wrong_order", "wrong_item", "lookalike", "unknown_barcode", "too_many", "box_too_small",
    "label_mismatch", "out_of_order",
};

const char *pack_step_name(pack_step step) { return FLOW_NAME(step_names, step); }
const char *pack_action_name(pack_action action) { return FLOW_NAME(action_names, action); }
const char *pack_printer_name(pack_printer status) { return FLOW_NAME(printer_names, status); }
const char *pack_record_kind_name(pack_record_kind kind) { return FLOW_NAME(record_kind_names, kind); }

static const char *box_name(const catalogue *cat, int box)
{
    return cat && box >= 0 && (size_t)box < cat->box_count ? cat->boxes[box].type : "-";
}

static stiel_status format_show(const pack_show *s, const catalogue *cat, stiel_buf *out)
{
    stiel_status st = stiel_buf_printf(out, "show step=%s units=%u/%u lines=",
                                       pack_step_name(s->step), s->units_packed, s->units);
    for (size_t k = 0; st == STIEL_OK && k < s->line_count && k < PACK_LINES_MAX; k++) {
        if (k)
            st = stiel_buf_puts(out, ",");
        if (st == STIEL_OK)
            st = flow_put_escaped(out, cat && s->item[k] < cat->item_count
                                           ? cat->items[s->item[k]].sku : "?");
        if (st == STIEL_OK)
            st = stiel_buf_printf(out, ":%u/%u", s->packed[k], s->qty[k]);
    }
    if (st == STIEL_OK)
        st = flow_put_kv(out, "box", box_name(cat, s->box_suggested));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "chosen", box_name(cat, s->box_chosen));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " fits=%d", s->box_fits);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "sscc", flow_dash(s->sscc));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " printer=%s waiting=%d photo=%d spoken=%d device_problem=%d\n",
                              pack_printer_name(s->printer), s->print_waiting, s->photo,
                              s->spoken, s->device_problem);
    return st;
}

static stiel_status format_record(const pack_evidence *r, stiel_buf *out)
{
    stiel_status st = stiel_buf_printf(out, "record seq=%u kind=%s", r->seq,
                                       pack_record_kind_name(r->kind));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "trainee", r->trainee);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " level=%u", r->level);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "task", r->task);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "order", flow_dash(r->order_no));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " line=%u step=%s", r->line, pack_step_name(r->step));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "expected", flow_dash(r->expected));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "scanned", flow_dash(r->scanned));
    if (st == STIEL_OK)
        st = flow_put_outcome(out, pick_result_name(r->result), r->errors, r->error_kinds,
                              err_names, PACK_ERR_KIND_COUNT, r->kiosk_help);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " coach=%s packed=%u", pick_prompt_name(r->coach_help),
                              r->packed);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "box", flow_dash(r->box));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "sscc", flow_dash(r->sscc));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " ms=%llu at=%llu", (unsigned long long)r->duration_ms,
                              (unsigned long long)r->at_ms);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "device", flow_dash(r->device));
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st;
}

static stiel_status format_label(const pack_label *l, stiel_buf *out)
{
    stiel_status st = stiel_buf_printf(out, "print job=%u copy=%u", l->job, l->copy);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "order", flow_dash(l->order_no));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "sscc", flow_dash(l->sscc));
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, " box=%u/%u", l->box_n, l->box_m);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "type", flow_dash(l->box));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "tracking", flow_dash(l->tracking));
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st;
}

stiel_status pack_effects_format(const pack_effects *fx, const catalogue *cat, stiel_buf *out)
{
    if (!fx || !out)
        return STIEL_ERR_ARG;
    stiel_status st = STIEL_OK;
    for (size_t k = 0; st == STIEL_OK && k < fx->count; k++) {
        const pack_effect *e = &fx->fx[k];
        switch (e->kind) {
        case PACK_FX_SHOW: st = format_show(&e->show, cat, out); break;
        case PACK_FX_FEEDBACK:
            st = stiel_buf_printf(out, "feedback %s reason=%s\n", pick_feedback_name(e->feedback),
                                  flow_dash(e->reason));
            break;
        case PACK_FX_SCANNER:
            st = stiel_buf_printf(out, "scanner %s\n", pick_feedback_name(e->feedback));
            break;
        case PACK_FX_PRINT: st = format_label(&e->label, out); break;
        case PACK_FX_VOID_SSCC:
            st = stiel_buf_printf(out, "void_sscc sscc=%s reason=%s\n", flow_dash(e->sscc),
                                  flow_dash(e->reason));
            break;
        case PACK_FX_RECORD: st = format_record(&e->record, out); break;
        case PACK_FX_SUGGEST_HELP:
            st = stiel_buf_printf(out, "suggest_help reason=%s\n", flow_dash(e->reason));
            break;
        }
    }
    return st;
}

/* ---- events --------------------------------------------------------------------------------- */

static const char *const kind_names[] = {
    "", "scan", "tap", "tick", "device", "printer", "coach",
};

stiel_status pack_event_format(const pack_event *ev, stiel_buf *out)
{
    if (!ev || !out)
        return STIEL_ERR_ARG;
    unsigned long long t = (unsigned long long)ev->now_ms;
    stiel_status st;
    switch (ev->kind) {
    case PACK_EV_SCAN:
        st = flow_put_scan_event(out, ev->now_ms, ev->symbology, ev->device, ev->data);
        break;
    case PACK_EV_TAP:
        st = stiel_buf_printf(out, "tap t=%llu action=%s", t, pack_action_name(ev->action));
        if (st == STIEL_OK && ev->action == PACK_ACT_CHOOSE_BOX)
            st = flow_put_kv(out, "box", flow_dash(ev->box));
        break;
    case PACK_EV_TICK: st = stiel_buf_printf(out, "tick t=%llu", t); break;
    case PACK_EV_DEVICE:
        st = flow_put_device_event(out, ev->now_ms, ev->ok, ev->device);
        break;
    case PACK_EV_PRINTER:
        st = stiel_buf_printf(out, "printer t=%llu status=%s", t, pack_printer_name(ev->printer));
        if (st == STIEL_OK)
            st = flow_put_kv(out, "dev", flow_dash(ev->device));
        break;
    case PACK_EV_COACH:
        st = stiel_buf_printf(out, "coach t=%llu prompt=%s", t, pick_prompt_name(ev->prompt));
        break;
    default:
        return STIEL_ERR_ARG;
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    return st;
}

static stiel_status set_field(pack_event *ev, const char *key, const char *val, stiel_diag *diag)
{
    bool has_dev = ev->kind == PACK_EV_SCAN || ev->kind == PACK_EV_DEVICE ||
                   ev->kind == PACK_EV_PRINTER;
    if (strcmp(key, "t") == 0 && flow_parse_u64(val, &ev->now_ms))
        return STIEL_OK;
    if (strcmp(key, "data") == 0 && ev->kind == PACK_EV_SCAN) {
        snprintf(ev->data, sizeof ev->data, "%s", val);
        return STIEL_OK;
    }
    if (strcmp(key, "dev") == 0 && has_dev && flow_device_set(val, ev->device, sizeof ev->device))
        return STIEL_OK;
    if (strcmp(key, "sym") == 0 && ev->kind == PACK_EV_SCAN &&
        flow_symbology_lookup(val, &ev->symbology))
        return STIEL_OK;
    if (strcmp(key, "action") == 0 && ev->kind == PACK_EV_TAP) {
        int a = flow_name_lookup(val, action_names, PACK_ACT_COUNT);
        if (a > 0) {
            ev->action = (pack_action)a;
            return STIEL_OK;
        }
    }
    if (strcmp(key, "box") == 0 && ev->kind == PACK_EV_TAP && strlen(val) < sizeof ev->box &&
        strcmp(val, "-") != 0) {
        memcpy(ev->box, val, strlen(val) + 1);
        return STIEL_OK;
    }
    if (strcmp(key, "status") == 0 && ev->kind == PACK_EV_PRINTER) {
        int p = flow_name_lookup(val, printer_names, PACK_PRINTER_COUNT);
        if (p >= 0) {
            ev->printer = (pack_printer)p;
            return STIEL_OK;
        }
    }
    if (strcmp(key, "prompt") == 0 && ev->kind == PACK_EV_COACH) {
        for (int p = PICK_PROMPT_NONE + 1; p < PICK_PROMPT_COUNT; p++) {
            if (strcmp(pick_prompt_name((pick_prompt)p), val) == 0) {
                ev->prompt = (pick_prompt)p;
                return STIEL_OK;
            }
        }
    }
    if (strcmp(key, "ok") == 0 && ev->kind == PACK_EV_DEVICE &&
        (strcmp(val, "0") == 0 || strcmp(val, "1") == 0)) {
        ev->ok = val[0] == '1';
        return STIEL_OK;
    }
    return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: bad field %.16s=%.40s", key, val);
}

static stiel_status field_cb(void *ctx, int kind, const char *key, const char *val,
                             stiel_diag *diag)
{
    pack_event *ev = ctx;
    ev->kind = (pack_event_kind)kind;
    return set_field(ev, key, val, diag);
}

stiel_status pack_event_parse(const char *line, pack_event *ev, stiel_diag *diag)
{
    if (!line || !ev)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "event: nothing to parse");
    memset(ev, 0, sizeof *ev);
    int kind = 0;
    bool have_t = false;
    stiel_status st = flow_event_split(line, kind_names, 7, &kind, field_cb, ev, &have_t, diag);
    if (st != STIEL_OK)
        return st;
    ev->kind = (pack_event_kind)kind;
    if (!have_t)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "event: no time t=");
    if ((ev->kind == PACK_EV_TAP && ev->action == PACK_ACT_NONE) ||
        (ev->kind == PACK_EV_TAP && ev->action == PACK_ACT_CHOOSE_BOX && !ev->box[0]) ||
        (ev->kind == PACK_EV_COACH && ev->prompt == PICK_PROMPT_NONE))
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "event: %s without its value",
                              kind_names[kind]);
    return STIEL_OK;
}
