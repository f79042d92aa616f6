/* The pack flow state machine declared in pack_flow.h: scan classification, the steps (order,
 * items, box, print, verify, close), exceptions (wrong order, wrong/look-alike/extra items,
 * unknown barcodes, a box too small, printer faults, label mismatches with void and reprint),
 * help and coach prompts, and the evidence each step records. Text forms are in pack_text.c. */
#include "kiosk/core/pack_flow.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/core/flow.h"
#include "kiosk/core/pack_box.h"

typedef enum scan_class {
    SC_UNKNOWN = 0, SC_ITEM, SC_LABEL, SC_ORDER, SC_BOX, SC_LOCATION
} scan_class;

enum { NO_OVERRIDE = -1 };

/* ---- small helpers -------------------------------------------------------------------------- */

static pack_effect *fx_add(pack_effects *out, pack_effect_kind kind)
{
    if (out->count >= PACK_EFFECTS_MAX)
        return NULL;  /* bounded by design: no path emits more than PACK_EFFECTS_MAX */
    pack_effect *e = &out->fx[out->count++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

static unsigned units_total(const pack_flow *f)
{
    unsigned n = 0;
    for (size_t k = 0; k < f->task.line_count; k++)
        n += f->task.lines[k].qty;
    return n;
}

static unsigned units_packed(const pack_flow *f)
{
    unsigned n = 0;
    for (size_t k = 0; k < f->task.line_count; k++)
        n += f->packed[k];
    return n;
}

static void build_show(const pack_flow *f, pack_show *s)
{
    memset(s, 0, sizeof *s);
    s->step = f->step;
    s->line_count = f->task.line_count;
    for (size_t k = 0; k < f->task.line_count; k++) {
        s->item[k] = f->task.lines[k].item;
        s->qty[k] = f->task.lines[k].qty;
        s->packed[k] = f->packed[k];
    }
    s->units = units_total(f);
    s->units_packed = units_packed(f);
    s->box_suggested = f->box_suggested;
    s->box_chosen = f->box_chosen;
    s->box_fits = f->box_fits;
    memcpy(s->sscc, f->sscc, sizeof s->sscc);
    s->printer = f->printer;
    s->print_waiting = f->print_pending;
    s->photo = f->level.photo == LEVEL_PHOTO_SHOWN || (f->shown_hints & PICK_HINT_PHOTO);
    s->spoken = f->level.spoken || (f->shown_hints & PICK_HINT_SPOKEN);
    s->device_problem = f->device_problem;
}

static void emit_show(const pack_flow *f, pack_effects *out)
{
    pack_effect *e = fx_add(out, PACK_FX_SHOW);
    if (e)
        build_show(f, &e->show);
}

static void emit_feedback(pack_effects *out, pick_feedback fb, const char *reason)
{
    pack_effect *e = fx_add(out, PACK_FX_FEEDBACK);
    if (e) {
        e->feedback = fb;
        e->reason = reason;
    }
}

static void emit_scanner(pack_effects *out, pick_feedback fb)
{
    pack_effect *e = fx_add(out, PACK_FX_SCANNER);
    if (e)
        e->feedback = fb;
}

static void emit_suggest(pack_effects *out, const char *reason)
{
    pack_effect *e = fx_add(out, PACK_FX_SUGGEST_HELP);
    if (e)
        e->reason = reason;
}

static void not_now(pack_effects *out, const char *reason)
{
    emit_feedback(out, PICK_FB_ATTENTION, reason);
}

static const char *printer_reason(pack_printer p)
{
    switch (p) {
    case PACK_PRINTER_PAPER_OUT: return "printer_paper_out";
    case PACK_PRINTER_HEAD_OPEN: return "printer_head_open";
    case PACK_PRINTER_OFFLINE: return "printer_offline";
    default: return "printer_ready";
    }
}

/* Starts the evidence of a new part of the step (after each record while scanning items). */
static void reset_part(pack_flow *f, uint64_t now)
{
    f->part_started_ms = now;
    f->step_errors = 0;
    f->step_error_kinds = 0;
    f->kiosk_help = 0;
    f->coach_help = PICK_PROMPT_NONE;
    f->suggested = false;
}

static void reset_step(pack_flow *f, pack_step step, uint64_t now)
{
    f->step = step;
    f->step_started_ms = now;
    f->shown_hints = 0;
    reset_part(f, now);
}

static void enter_step(pack_flow *f, pack_effects *out, pack_step step, uint64_t now)
{
    reset_step(f, step, now);
    emit_show(f, out);
}

static const char *box_type(const pack_flow *f, int box)
{
    return box >= 0 ? f->cat->boxes[box].type : "";
}

/* Appends a record of the current step (and part) to out. line is 1-based or 0. */
static void record(pack_flow *f, pack_effects *out, pack_record_kind kind, uint64_t now,
                   unsigned line, const char *expected, const char *scanned, const char *device,
                   int override)
{
    pack_effect *e = fx_add(out, PACK_FX_RECORD);
    if (!e)
        return;
    pack_evidence *r = &e->record;
    r->seq = ++f->seq;
    r->kind = kind;
    snprintf(r->trainee, sizeof r->trainee, "%s", f->task.trainee);
    r->level = f->level.number;
    snprintf(r->task, sizeof r->task, "%s", f->task.id);
    snprintf(r->order_no, sizeof r->order_no, "%s", f->task.order_no);
    r->line = line;
    r->step = f->step;
    snprintf(r->expected, sizeof r->expected, "%s", expected ? expected : "");
    snprintf(r->scanned, sizeof r->scanned, "%s", scanned ? scanned : "");
    if (override != NO_OVERRIDE)
        r->result = (pick_result)override;
    else
        r->result = f->step_errors ? PICK_RESULT_CORRECTED : PICK_RESULT_RIGHT_FIRST_TIME;
    r->errors = f->step_errors;
    r->error_kinds = f->step_error_kinds;
    r->kiosk_help = f->kiosk_help;
    r->coach_help = f->coach_help;
    r->packed = line ? f->packed[line - 1] : units_packed(f);
    snprintf(r->box, sizeof r->box, "%s", box_type(f, f->box_chosen));
    memcpy(r->sscc, f->sscc, sizeof r->sscc);
    r->duration_ms = now >= f->part_started_ms ? now - f->part_started_ms : 0;
    r->at_ms = now;
    snprintf(r->device, sizeof r->device, "%s", device ? device : "");
}

static void step_error(pack_flow *f, pack_effects *out, unsigned kind, const char *reason,
                       bool from_scanner)
{
    f->step_errors++;
    f->step_error_kinds |= kind;
    f->task_errors++;
    f->task_error_kinds |= kind;
    emit_feedback(out, PICK_FB_BAD, reason);
    if (from_scanner)
        emit_scanner(out, PICK_FB_BAD);
    if (!f->suggested && f->step_errors >= f->level.tolerance) {
        f->suggested = true;
        emit_suggest(out, "tolerance");
    }
}

/* ---- transitions ---------------------------------------------------------------------------- */

static void finish(pack_flow *f, pack_effects *out, uint64_t now)
{
    f->step = PACK_STEP_DONE;
    f->part_started_ms = f->task_started_ms;
    f->step_errors = f->task_errors;
    f->step_error_kinds = f->task_error_kinds;
    f->kiosk_help = 0;
    f->coach_help = PICK_PROMPT_NONE;
    char expected[32], scanned[32];
    snprintf(expected, sizeof expected, "units:%u", units_total(f));
    snprintf(scanned, sizeof scanned, "packed:%u", units_packed(f));
    record(f, out, PACK_REC_STEP, now, 0, expected, scanned, "", NO_OVERRIDE);
    reset_step(f, PACK_STEP_DONE, now);
    emit_show(f, out);
}

static void issue_sscc(pack_flow *f)
{
    /* pack_flow_init checked that the source has PACK_SSCC_MAX serials: this cannot fail */
    sscc_build(f->sscc_src.extension, f->sscc_src.company_prefix,
               f->sscc_src.first_serial + f->sscc_used, f->sscc, NULL);
    f->sscc_used++;
    f->copy = 0;
}

/* Emits the waiting print job when the printer is ready. At the print step this also records
 * the step and moves on (showing the next step); elsewhere the caller shows. */
static bool try_print(pack_flow *f, pack_effects *out, uint64_t now)
{
    if (!f->print_pending || f->printer != PACK_PRINTER_READY)
        return false;
    pack_effect *e = fx_add(out, PACK_FX_PRINT);
    if (!e)
        return false;
    f->print_pending = false;
    f->jobs++;
    f->copy++;
    pack_label *l = &e->label;
    l->job = f->jobs;
    l->copy = f->copy;
    snprintf(l->order_no, sizeof l->order_no, "%s", f->task.order_no);
    memcpy(l->sscc, f->sscc, sizeof l->sscc);
    l->box_n = 1;
    l->box_m = 1;
    snprintf(l->box, sizeof l->box, "%s", box_type(f, f->box_chosen));
    snprintf(l->tracking, sizeof l->tracking, "%s", f->task.tracking[0] ? f->task.tracking : f->sscc);
    if (f->step == PACK_STEP_PRINT) {
        record(f, out, PACK_REC_STEP, now, 0, f->sscc, "printed", f->printer_dev, NO_OVERRIDE);
        enter_step(f, out, f->level.verify_label ? PACK_STEP_VERIFY_LABEL : PACK_STEP_CLOSE, now);
    }
    return true;
}

static void enter_print(pack_flow *f, pack_effects *out, uint64_t now)
{
    reset_step(f, PACK_STEP_PRINT, now);
    if (!f->sscc[0])
        issue_sscc(f);
    f->print_pending = true;
    if (!try_print(f, out, now)) {
        not_now(out, printer_reason(f->printer));
        emit_show(f, out);
    }
}

static void start_items(pack_flow *f, pack_effects *out, uint64_t now, const char *scanned,
                        const char *device, int override)
{
    emit_feedback(out, PICK_FB_GOOD, "ok");
    record(f, out, PACK_REC_STEP, now, 0, f->task.tote[0] ? f->task.tote : f->task.order_no,
           scanned, device, override);
    f->task_started_ms = now;
    enter_step(f, out, PACK_STEP_SCAN_ITEMS, now);
}

static void go_to_box(pack_flow *f, pack_effects *out, uint64_t now)
{
    reset_step(f, PACK_STEP_CHOOSE_BOX, now);
    if (!f->box_fits) {
        not_now(out, "nothing_fits");
        emit_suggest(out, "nothing_fits");
    }
    emit_show(f, out);
}

/* Line k is complete: record it and show what comes next. */
static void complete_line(pack_flow *f, pack_effects *out, size_t k, uint64_t now,
                          const char *scanned, const char *device, int override)
{
    record(f, out, PACK_REC_STEP, now, (unsigned)k + 1, f->cat->items[f->task.lines[k].item].gtin,
           scanned, device, override);
    reset_part(f, now);
    if (units_packed(f) == units_total(f))
        go_to_box(f, out, now);
    else
        emit_show(f, out);
}

static void take_box(pack_flow *f, pack_effects *out, int box, uint64_t now, const char *scanned,
                     const char *device, int override)
{
    f->box_chosen = box;
    emit_feedback(out, PICK_FB_GOOD, box == f->box_suggested ? "ok" : "other_box_noted");
    record(f, out, PACK_REC_STEP, now, 0, box_type(f, f->box_suggested), scanned, device,
           override);
    enter_print(f, out, now);
}

static void choose_box(pack_flow *f, pack_effects *out, int box, uint64_t now,
                       const char *device, bool from_scanner)
{
    if (box != f->box_suggested &&
        !pack_box_fits(f->cat, (size_t)box, f->task.lines, f->task.line_count)) {
        step_error(f, out, PACK_ERR_BOX_TOO_SMALL, "box_too_small", from_scanner);
        return;
    }
    if (from_scanner)
        emit_scanner(out, PICK_FB_GOOD);
    take_box(f, out, box, now, box_type(f, box), device, NO_OVERRIDE);
}

static void close_package(pack_flow *f, pack_effects *out, uint64_t now, const char *scanned,
                          int override)
{
    emit_feedback(out, PICK_FB_GOOD, "ok");
    record(f, out, PACK_REC_STEP, now, 0, "close", scanned, "", override);
    finish(f, out, now);
}

static bool was_voided(const pack_flow *f, const char *sscc)
{
    for (unsigned k = 0; k < f->void_count; k++)
        if (strcmp(f->voided[k], sscc) == 0)
            return true;
    return false;
}

/* The label read is not this package's: the label printed for it may be on another package, so
 * its SSCC is voided and a label with a new SSCC is printed. */
static void void_and_reprint(pack_flow *f, pack_effects *out, uint64_t now, const char *read,
                             const char *device)
{
    if (f->sscc_used >= PACK_SSCC_MAX) {
        emit_suggest(out, "labels_used_up");
        return;
    }
    pack_effect *e = fx_add(out, PACK_FX_VOID_SSCC);
    if (e) {
        memcpy(e->sscc, f->sscc, sizeof e->sscc);
        e->reason = "label_mismatch";
    }
    record(f, out, PACK_REC_SSCC_VOIDED, now, 0, f->sscc, read, device, NO_OVERRIDE);
    memcpy(f->voided[f->void_count++], f->sscc, sizeof f->sscc);
    issue_sscc(f);
    f->print_pending = true;
    try_print(f, out, now);
}

static void handle_label(pack_flow *f, pack_effects *out, const pack_event *ev,
                         const char *sscc, uint64_t now)
{
    if (f->print_pending) {
        not_now(out, "wait_for_label");
        return;
    }
    if (strcmp(sscc, f->sscc) == 0) {
        emit_scanner(out, PICK_FB_GOOD);
        if (f->step == PACK_STEP_VERIFY_LABEL) {
            emit_feedback(out, PICK_FB_GOOD, "ok");
            record(f, out, PACK_REC_STEP, now, 0, f->sscc, sscc, ev->device, NO_OVERRIDE);
            enter_step(f, out, PACK_STEP_CLOSE, now);
        } else {
            emit_feedback(out, PICK_FB_GOOD, "label_ok");
        }
        return;
    }
    if (was_voided(f, sscc)) {
        step_error(f, out, PACK_ERR_LABEL_MISMATCH, "old_label", true);
        return;
    }
    step_error(f, out, PACK_ERR_LABEL_MISMATCH, "label_mismatch", true);
    void_and_reprint(f, out, now, sscc, ev->device);
    emit_show(f, out);
}

/* ---- scans ---------------------------------------------------------------------------------- */

static int line_of_item(const pack_flow *f, int item)
{
    for (size_t k = 0; k < f->task.line_count; k++)
        if ((int)f->task.lines[k].item == item)
            return (int)k;
    return -1;
}

static scan_class classify(const pack_flow *f, const pack_event *ev, int *index, char *sscc)
{
    char gtin[15];
    *index = -1;
    if (flow_scan_gtin(ev->symbology, ev->data, gtin)) {
        *index = catalogue_item_by_gtin(f->cat, gtin);
        return *index >= 0 ? SC_ITEM : SC_UNKNOWN;
    }
    if (flow_scan_sscc(ev->symbology, ev->data, sscc))
        return SC_LABEL;
    if ((f->task.tote[0] && strcmp(ev->data, f->task.tote) == 0) ||
        (f->task.order_no[0] && strcmp(ev->data, f->task.order_no) == 0))
        return SC_ORDER;
    *index = pack_box_by_type(f->cat, ev->data);
    if (*index >= 0)
        return SC_BOX;
    *index = catalogue_location_by_barcode(f->cat, ev->data);
    if (*index >= 0)
        return SC_LOCATION;
    return SC_UNKNOWN;
}

static void item_error(pack_flow *f, pack_effects *out, int item)
{
    if (line_of_item(f, item) >= 0) {
        step_error(f, out, PACK_ERR_TOO_MANY, "too_many", true);
        return;
    }
    for (size_t k = 0; k < f->task.line_count; k++) {
        if (catalogue_items_look_alike(f->cat, f->task.lines[k].item, (size_t)item)) {
            step_error(f, out, PACK_ERR_LOOKALIKE, "lookalike", true);
            return;
        }
    }
    step_error(f, out, PACK_ERR_WRONG_ITEM, "wrong_item", true);
}

static void handle_item(pack_flow *f, pack_effects *out, const pack_event *ev, int item,
                        uint64_t now)
{
    int k = line_of_item(f, item);
    if (k < 0 || f->packed[k] >= f->task.lines[k].qty) {
        item_error(f, out, item);
        return;
    }
    emit_scanner(out, PICK_FB_GOOD);
    f->packed[k]++;
    if (f->packed[k] < f->task.lines[k].qty) {
        emit_feedback(out, PICK_FB_GOOD, "counted");
        emit_show(f, out);
        return;
    }
    emit_feedback(out, PICK_FB_GOOD, "ok");
    complete_line(f, out, (size_t)k, now, ev->data, ev->device, NO_OVERRIDE);
}

static void handle_scan(pack_flow *f, pack_effects *out, const pack_event *ev, uint64_t now)
{
    int idx;
    char sscc[SSCC_LEN + 1] = "";
    scan_class sc = classify(f, ev, &idx, sscc);
    switch (f->step) {
    case PACK_STEP_SCAN_ORDER:
        if (sc == SC_ORDER) {
            emit_scanner(out, PICK_FB_GOOD);
            start_items(f, out, now, ev->data, ev->device, NO_OVERRIDE);
        } else if (sc == SC_UNKNOWN) {
            step_error(f, out, PACK_ERR_WRONG_ORDER, "not_this_order", true);
        } else {
            step_error(f, out, PACK_ERR_OUT_OF_ORDER, "scan_tote_first", true);
        }
        break;
    case PACK_STEP_SCAN_ITEMS:
    case PACK_STEP_CHOOSE_BOX:
        if (sc == SC_ITEM && f->step == PACK_STEP_SCAN_ITEMS)
            handle_item(f, out, ev, idx, now);
        else if (sc == SC_ITEM)
            item_error(f, out, idx);
        else if (sc == SC_BOX && f->step == PACK_STEP_CHOOSE_BOX)
            choose_box(f, out, idx, now, ev->device, true);
        else if (sc == SC_ORDER)
            not_now(out, "order_already_scanned");
        else if (sc == SC_UNKNOWN)
            step_error(f, out, PACK_ERR_UNKNOWN_BARCODE, "unknown_barcode", true);
        else
            step_error(f, out, PACK_ERR_OUT_OF_ORDER,
                       f->step == PACK_STEP_SCAN_ITEMS ? "scan_items_first" : "choose_box", true);
        break;
    case PACK_STEP_PRINT:
        not_now(out, "wait_for_printer");
        break;
    case PACK_STEP_VERIFY_LABEL:
        if (sc == SC_LABEL)
            handle_label(f, out, ev, sscc, now);
        else if (sc == SC_UNKNOWN)
            step_error(f, out, PACK_ERR_UNKNOWN_BARCODE, "unknown_barcode", true);
        else
            step_error(f, out, PACK_ERR_OUT_OF_ORDER, "scan_the_label", true);
        break;
    case PACK_STEP_CLOSE:
        if (sc == SC_LABEL)
            handle_label(f, out, ev, sscc, now);  /* a check the level did not ask for */
        else
            not_now(out, "close_package");
        break;
    default:
        not_now(out, "task_done");
        break;
    }
}

/* ---- other events --------------------------------------------------------------------------- */

static void reprint(pack_flow *f, pack_effects *out, uint64_t now)
{
    if (f->step == PACK_STEP_PRINT) {
        not_now(out, "wait_for_printer");
        return;
    }
    if (f->step != PACK_STEP_VERIFY_LABEL && f->step != PACK_STEP_CLOSE) {
        not_now(out, "not_now");
        return;
    }
    if (f->print_pending) {
        not_now(out, "wait_for_label");
        return;
    }
    record(f, out, PACK_REC_REPRINT, now, 0, f->sscc, "reprint", "", NO_OVERRIDE);
    f->print_pending = true;
    if (!try_print(f, out, now))
        not_now(out, printer_reason(f->printer));
    emit_show(f, out);
}

static void handle_tap(pack_flow *f, pack_effects *out, const pack_event *ev, uint64_t now)
{
    switch (ev->action) {
    case PACK_ACT_START:
        if (f->step != PACK_STEP_SCAN_ORDER)
            not_now(out, "not_now");
        else if (f->level.scan_tote)
            not_now(out, "scan_tote_or_order");
        else
            start_items(f, out, now, "start", "", NO_OVERRIDE);
        break;
    case PACK_ACT_CONFIRM:
        if (f->step == PACK_STEP_CHOOSE_BOX)
            take_box(f, out, f->box_suggested, now, box_type(f, f->box_suggested), "",
                     NO_OVERRIDE);
        else
            not_now(out, "not_now");
        break;
    case PACK_ACT_CHOOSE_BOX: {
        int box = pack_box_by_type(f->cat, ev->box);
        if (f->step != PACK_STEP_CHOOSE_BOX)
            not_now(out, "not_now");
        else if (box < 0)
            not_now(out, "unknown_box");
        else
            choose_box(f, out, box, now, "", false);
        break;
    }
    case PACK_ACT_REPRINT: reprint(f, out, now); break;
    case PACK_ACT_CLOSE:
        if (f->step == PACK_STEP_CLOSE && !f->print_pending)
            close_package(f, out, now, "close", NO_OVERRIDE);
        else if (f->step == PACK_STEP_CLOSE)
            not_now(out, "wait_for_label");
        else if (f->step == PACK_STEP_VERIFY_LABEL)
            not_now(out, "scan_the_label");
        else
            not_now(out, "not_now");
        break;
    case PACK_ACT_HELP_PHOTO:
    case PACK_ACT_HELP_SPOKEN: {
        if (f->step == PACK_STEP_DONE) {
            not_now(out, "task_done");
            break;
        }
        unsigned bit = ev->action == PACK_ACT_HELP_PHOTO ? PICK_HINT_PHOTO : PICK_HINT_SPOKEN;
        f->kiosk_help |= bit;
        f->shown_hints |= bit;
        emit_show(f, out);
        break;
    }
    case PACK_ACT_CALL_COACH: emit_suggest(out, "asked"); break;
    default: break;
    }
}

static void coach_does_step(pack_flow *f, pack_effects *out, uint64_t now)
{
    int by_coach = PICK_RESULT_DONE_BY_COACH;
    switch (f->step) {
    case PACK_STEP_SCAN_ORDER: start_items(f, out, now, "coach", "", by_coach); break;
    case PACK_STEP_SCAN_ITEMS:
        for (size_t k = 0; k < f->task.line_count; k++) {
            if (f->packed[k] < f->task.lines[k].qty) {
                f->packed[k] = f->task.lines[k].qty;
                emit_feedback(out, PICK_FB_GOOD, "ok");
                complete_line(f, out, k, now, "coach", "", by_coach);
                break;
            }
        }
        break;
    case PACK_STEP_CHOOSE_BOX:
        take_box(f, out, f->box_suggested, now, "coach", "", by_coach);
        break;
    case PACK_STEP_PRINT: not_now(out, "wait_for_printer"); break;
    case PACK_STEP_VERIFY_LABEL:
        if (f->print_pending) {
            not_now(out, "wait_for_label");
            break;
        }
        emit_feedback(out, PICK_FB_GOOD, "ok");
        record(f, out, PACK_REC_STEP, now, 0, f->sscc, "coach", "", by_coach);
        enter_step(f, out, PACK_STEP_CLOSE, now);
        break;
    case PACK_STEP_CLOSE:
        if (f->print_pending)
            not_now(out, "wait_for_label");
        else
            close_package(f, out, now, "coach", by_coach);
        break;
    default: not_now(out, "task_done"); break;
    }
}

static void handle_coach(pack_flow *f, pack_effects *out, pick_prompt p, uint64_t now)
{
    if (f->step == PACK_STEP_DONE) {
        not_now(out, "task_done");
        return;
    }
    if (p != PICK_PROMPT_DONE_BY_COACH) {
        if (p > f->coach_help)
            f->coach_help = p;
        emit_feedback(out, PICK_FB_ATTENTION, "coach_prompt_noted");
        return;
    }
    coach_does_step(f, out, now);
}

static void handle_printer(pack_flow *f, pack_effects *out, const pack_event *ev, uint64_t now)
{
    pack_printer was = f->printer;
    f->printer = ev->printer;
    snprintf(f->printer_dev, sizeof f->printer_dev, "%s", ev->device);
    if (ev->printer == was && (was != PACK_PRINTER_READY || !f->print_pending))
        return;  /* a status poll that says nothing new */
    if (ev->printer != PACK_PRINTER_READY) {
        not_now(out, printer_reason(ev->printer));
        emit_show(f, out);
        return;
    }
    emit_feedback(out, PICK_FB_GOOD, "printer_ready");
    bool at_print = f->step == PACK_STEP_PRINT;
    if (!try_print(f, out, now) || !at_print)
        emit_show(f, out);
}

/* ---- public --------------------------------------------------------------------------------- */

stiel_status pack_flow_init(pack_flow *flow, const catalogue *cat, const service_level *level,
                            const pack_task *task, const sscc_source *sscc, stiel_diag *diag)
{
    if (!flow || !cat || !level || !task || !sscc)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pack flow: missing argument");
    if (task->line_count == 0 || task->line_count > PACK_LINES_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pack task %s: %zu lines (1 to %d)",
                              task->id, task->line_count, PACK_LINES_MAX);
    if (!memchr(task->tote, '\0', sizeof task->tote) ||
        !memchr(task->order_no, '\0', sizeof task->order_no) ||
        !memchr(task->tracking, '\0', sizeof task->tracking) ||
        (!task->tote[0] && !task->order_no[0]))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "pack task %s: needs a tote or an order number", task->id);
    for (size_t i = 0; i < task->line_count; i++) {
        const pack_line *ln = &task->lines[i];
        if (ln->item >= cat->item_count || ln->qty == 0 || ln->qty > PACK_QTY_MAX)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "pack task %s: line %zu names no item or has %u units",
                                  task->id, i + 1, ln->qty);
        for (size_t j = 0; j < i; j++)
            if (task->lines[j].item == ln->item)
                return stiel_diag_set(diag, STIEL_ERR_ARG,
                                      "pack task %s: lines %zu and %zu hold the same item",
                                      task->id, j + 1, i + 1);
    }
    if (cat->box_count == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pack flow: the catalogue has no box types");
    char probe[SSCC_LEN + 1];
    if (!memchr(sscc->company_prefix, '\0', sizeof sscc->company_prefix) ||
        sscc->first_serial > UINT64_MAX - PACK_SSCC_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pack flow: bad SSCC source");
    stiel_status st = sscc_build(sscc->extension, sscc->company_prefix,
                                 sscc->first_serial + PACK_SSCC_MAX - 1, probe, diag);
    if (st != STIEL_OK)
        return st;
    memset(flow, 0, sizeof *flow);
    flow->cat = cat;
    flow->level = *level;
    if (flow->level.tolerance == 0)
        flow->level.tolerance = 1;
    flow->task = *task;
    flow->sscc_src = *sscc;
    flow->step = PACK_STEP_SCAN_ORDER;
    flow->box_suggested = pack_box_suggest(cat, task->lines, task->line_count, &flow->box_fits);
    flow->box_chosen = -1;
    flow->printer = PACK_PRINTER_READY;
    return STIEL_OK;
}

stiel_status pack_flow_handle(pack_flow *flow, const pack_event *ev, pack_effects *out)
{
    if (!flow || !ev || !out)
        return STIEL_ERR_ARG;
    out->count = 0;
    if (ev->kind < PACK_EV_SCAN || ev->kind > PACK_EV_COACH ||
        (ev->kind == PACK_EV_TAP && (ev->action <= PACK_ACT_NONE || ev->action >= PACK_ACT_COUNT)) ||
        (ev->kind == PACK_EV_COACH &&
         (ev->prompt <= PICK_PROMPT_NONE || ev->prompt >= PICK_PROMPT_COUNT)) ||
        (ev->kind == PACK_EV_PRINTER &&
         ((int)ev->printer < 0 || ev->printer >= PACK_PRINTER_COUNT)) ||
        !memchr(ev->data, '\0', sizeof ev->data) || !memchr(ev->device, '\0', sizeof ev->device) ||
        !memchr(ev->box, '\0', sizeof ev->box))
        return STIEL_ERR_ARG;
    /* time never runs backwards inside a flow: durations stay sane, replays stay identical */
    uint64_t now = ev->now_ms > flow->last_ms ? ev->now_ms : flow->last_ms;
    flow->last_ms = now;
    switch (ev->kind) {
    case PACK_EV_SCAN: handle_scan(flow, out, ev, now); break;
    case PACK_EV_TAP: handle_tap(flow, out, ev, now); break;
    case PACK_EV_TICK: break;
    case PACK_EV_DEVICE:
        flow->device_problem = !ev->ok;
        emit_feedback(out, ev->ok ? PICK_FB_GOOD : PICK_FB_ATTENTION,
                      ev->ok ? "device_back" : "device_lost");
        emit_show(flow, out);
        break;
    case PACK_EV_PRINTER: handle_printer(flow, out, ev, now); break;
    case PACK_EV_COACH: handle_coach(flow, out, ev->prompt, now); break;
    }
    return STIEL_OK;
}

void pack_flow_show(const pack_flow *flow, pack_effects *out)
{
    out->count = 0;
    emit_show(flow, out);
}

stiel_status pack_flow_replay(pack_flow *flow, const pack_event *events, size_t count,
                              stiel_buf *log)
{
    pack_effects fx;
    for (size_t k = 0; k < count; k++) {
        stiel_status st = pack_flow_handle(flow, &events[k], &fx);
        if (st == STIEL_OK && log)
            st = pack_effects_format(&fx, flow->cat, log);
        if (st != STIEL_OK)
            return st;
    }
    return STIEL_OK;
}

unsigned pack_flow_line_packed(const pack_flow *flow, size_t index)
{
    return index < flow->task.line_count ? flow->packed[index] : 0;
}

unsigned pack_flow_sscc_used(const pack_flow *flow)
{
    return flow->sscc_used;
}
