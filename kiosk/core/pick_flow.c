/* The pick flow state machine declared in pick_flow.h: scan classification, the step
 * transitions, exceptions (wrong/look-alike/unknown scans, over- and short picks, postpone,
 * undo, help, coach prompts) and the evidence each finished step records. Text forms are in
 * pick_text.c. */
#include "kiosk/core/pick_flow.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/core/flow.h"

typedef enum scan_class { SC_UNKNOWN = 0, SC_LOCATION, SC_ITEM, SC_TOTE } scan_class;

enum { NO_OVERRIDE = -1 };

/* ---- small helpers -------------------------------------------------------------------------- */

static bool in_line(const pick_flow *f)
{
    return f->step >= PICK_STEP_GO_TO_LOCATION && f->step <= PICK_STEP_EMPTY_CHECK;
}

static size_t cur(const pick_flow *f)
{
    return f->queue[f->qpos];
}

static const pick_line *cur_line(const pick_flow *f)
{
    return &f->task.lines[cur(f)];
}

static bool each_mode(const pick_flow *f)
{
    return f->level.quantity == LEVEL_QTY_EACH && f->level.scan_item;
}

static pick_effect *fx_add(pick_effects *out, pick_effect_kind kind)
{
    if (out->count >= PICK_EFFECTS_MAX)
        return NULL;  /* bounded by design: no path emits more than PICK_EFFECTS_MAX */
    pick_effect *e = &out->fx[out->count++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

static void build_show(const pick_flow *f, pick_show *s)
{
    memset(s, 0, sizeof *s);
    s->step = f->step;
    s->line_count = (unsigned)f->task.line_count;
    for (size_t i = 0; i < f->task.line_count; i++)
        s->lines_left += f->status[i] == PICK_LINE_OPEN;
    s->item = -1;
    s->location = -1;
    s->tote = "";
    if (in_line(f)) {
        const pick_line *ln = cur_line(f);
        s->line = (unsigned)cur(f) + 1;
        s->item = (int)ln->item;
        s->location = (int)ln->location;
        s->qty = ln->qty;
        s->picked = f->picked[cur(f)];
        s->order = ln->order;
        s->tote = f->task.totes[ln->order];
    }
    s->photo = f->level.photo == LEVEL_PHOTO_SHOWN || (f->kiosk_help & PICK_HINT_PHOTO);
    s->highlight = f->level.highlight_location || (f->kiosk_help & PICK_HINT_HIGHLIGHT);
    s->spoken = f->level.spoken || (f->kiosk_help & PICK_HINT_SPOKEN);
    s->qty_prefilled = f->level.quantity_prefilled && f->step == PICK_STEP_QUANTITY &&
                       !each_mode(f);
    s->norm_seconds = f->level.norm_shown ? f->level.norm_seconds_per_line : 0;
    s->device_problem = f->device_problem;
}

static void emit_show(const pick_flow *f, pick_effects *out)
{
    pick_effect *e = fx_add(out, PICK_FX_SHOW);
    if (e)
        build_show(f, &e->show);
}

static void emit_feedback(pick_effects *out, pick_feedback fb, const char *reason)
{
    pick_effect *e = fx_add(out, PICK_FX_FEEDBACK);
    if (e) {
        e->feedback = fb;
        e->reason = reason;
    }
}

static void emit_scanner(pick_effects *out, pick_feedback fb)
{
    pick_effect *e = fx_add(out, PICK_FX_SCANNER);
    if (e)
        e->feedback = fb;
}

static void emit_suggest(pick_effects *out, const char *reason)
{
    pick_effect *e = fx_add(out, PICK_FX_SUGGEST_HELP);
    if (e)
        e->reason = reason;
}

static void not_now(pick_effects *out, const char *reason)
{
    emit_feedback(out, PICK_FB_ATTENTION, reason);
}

static void reset_step(pick_flow *f, pick_step step, uint64_t now)
{
    f->step = step;
    f->step_started_ms = now;
    f->step_errors = 0;
    f->step_error_kinds = 0;
    f->under_count_errors = 0;
    f->kiosk_help = 0;
    f->coach_help = PICK_PROMPT_NONE;
    f->suggested = false;
}

static void enter_step(pick_flow *f, pick_effects *out, pick_step step, uint64_t now)
{
    reset_step(f, step, now);
    emit_show(f, out);
}

static void expected_text(const pick_flow *f, char *dst, size_t cap)
{
    dst[0] = '\0';
    if (f->step == PICK_STEP_GET_WORK) {
        snprintf(dst, cap, "%s", f->task.id);
        return;
    }
    if (f->step == PICK_STEP_DONE) {
        snprintf(dst, cap, "lines:%zu", f->task.line_count);
        return;
    }
    const pick_line *ln = cur_line(f);
    const catalogue_location *loc = &f->cat->locations[ln->location];
    switch (f->step) {
    case PICK_STEP_GO_TO_LOCATION: snprintf(dst, cap, "%s", loc->code); break;
    case PICK_STEP_SCAN_LOCATION: snprintf(dst, cap, "%s", loc->barcode); break;
    case PICK_STEP_SCAN_ITEM: snprintf(dst, cap, "%s", f->cat->items[ln->item].gtin); break;
    case PICK_STEP_QUANTITY: snprintf(dst, cap, "qty:%u", ln->qty); break;
    case PICK_STEP_PUT:
        snprintf(dst, cap, "%s", f->level.scan_tote ? f->task.totes[ln->order] : "put");
        break;
    default: break;
    }
}

static void record(pick_flow *f, pick_effects *out, uint64_t now, const char *scanned,
                   const char *device, int override)
{
    pick_effect *e = fx_add(out, PICK_FX_RECORD);
    if (!e)
        return;
    pick_evidence *r = &e->record;
    r->seq = ++f->seq;
    snprintf(r->trainee, sizeof r->trainee, "%s", f->task.trainee);
    r->level = f->level.number;
    snprintf(r->task, sizeof r->task, "%s", f->task.id);
    r->step = f->step;
    expected_text(f, r->expected, sizeof r->expected);
    snprintf(r->scanned, sizeof r->scanned, "%s", scanned ? scanned : "");
    if (override != NO_OVERRIDE)
        r->result = (pick_result)override;
    else
        r->result = f->step_errors ? PICK_RESULT_CORRECTED : PICK_RESULT_RIGHT_FIRST_TIME;
    r->errors = f->step_errors;
    r->error_kinds = f->step_error_kinds;
    r->kiosk_help = f->kiosk_help;
    r->coach_help = f->coach_help;
    if (in_line(f)) {
        r->line = (unsigned)cur(f) + 1;
        r->short_reason = f->short_reason[cur(f)];
        r->drill = cur_line(f)->drill;
        r->picked = f->picked[cur(f)];
    }
    r->duration_ms = now >= f->step_started_ms ? now - f->step_started_ms : 0;
    r->at_ms = now;
    snprintf(r->device, sizeof r->device, "%s", device ? device : "");
}

static void step_error(pick_flow *f, pick_effects *out, unsigned kind, const char *reason,
                       bool from_scanner)
{
    f->step_errors++;
    f->step_error_kinds |= kind;
    f->task_errors++;
    emit_feedback(out, PICK_FB_BAD, reason);
    if (from_scanner)
        emit_scanner(out, PICK_FB_BAD);
    if (!f->suggested && f->step_errors >= f->level.tolerance) {
        f->suggested = true;
        emit_suggest(out, "tolerance");
    }
}

/* ---- transitions ---------------------------------------------------------------------------- */

static void finish(pick_flow *f, pick_effects *out, uint64_t now)
{
    unsigned done = 0;
    for (size_t i = 0; i < f->task.line_count; i++)
        done += f->status[i] == PICK_LINE_DONE;
    f->step = PICK_STEP_DONE;
    f->step_started_ms = f->task_started_ms;
    f->step_errors = f->task_errors;
    f->step_error_kinds = 0;
    f->kiosk_help = 0;
    f->coach_help = PICK_PROMPT_NONE;
    char scanned[32];
    snprintf(scanned, sizeof scanned, "done:%u", done);
    record(f, out, now, scanned, "", NO_OVERRIDE);
    f->step_started_ms = now;
    emit_show(f, out);
}

static void start_line(pick_flow *f, pick_effects *out, uint64_t now)
{
    f->line_started_ms = now;
    f->norm_warned = false;
    f->typed_last = 0;
    enter_step(f, out, PICK_STEP_GO_TO_LOCATION, now);
}

static void next_line(pick_flow *f, pick_effects *out, uint64_t now)
{
    f->qpos++;
    while (f->qpos < f->queue_len && f->status[f->queue[f->qpos]] != PICK_LINE_OPEN)
        f->qpos++;
    if (f->qpos < f->queue_len)
        start_line(f, out, now);
    else
        finish(f, out, now);
}

/* Records the current step as done (by the trainee, or by the coach with an override) and moves
 * on to the step that follows it. */
static void advance(pick_flow *f, pick_effects *out, uint64_t now, const char *scanned,
                    const char *device, int override)
{
    emit_feedback(out, PICK_FB_GOOD, "ok");
    size_t i = in_line(f) ? cur(f) : 0;
    switch (f->step) {
    case PICK_STEP_GET_WORK:
        record(f, out, now, scanned, device, override);
        f->task_started_ms = now;
        f->qpos = 0;
        start_line(f, out, now);
        break;
    case PICK_STEP_GO_TO_LOCATION:
        record(f, out, now, scanned, device, override);
        if (f->level.scan_location)
            enter_step(f, out, PICK_STEP_SCAN_LOCATION, now);
        else
            enter_step(f, out, f->level.scan_item ? PICK_STEP_SCAN_ITEM : PICK_STEP_QUANTITY, now);
        break;
    case PICK_STEP_SCAN_LOCATION:
        record(f, out, now, scanned, device, override);
        enter_step(f, out, f->level.scan_item ? PICK_STEP_SCAN_ITEM : PICK_STEP_QUANTITY, now);
        break;
    case PICK_STEP_SCAN_ITEM:
        if (each_mode(f))
            f->picked[i] = 1;
        record(f, out, now, scanned, device, override);
        if (each_mode(f) && f->picked[i] >= cur_line(f)->qty)
            enter_step(f, out, PICK_STEP_PUT, now);
        else
            enter_step(f, out, PICK_STEP_QUANTITY, now);
        break;
    case PICK_STEP_QUANTITY:
        f->picked[i] = cur_line(f)->qty;
        record(f, out, now, scanned, device, override);
        enter_step(f, out, PICK_STEP_PUT, now);
        break;
    case PICK_STEP_PUT:
        f->status[i] = f->short_reason[i] != PICK_SHORT_NONE ? PICK_LINE_SHORT : PICK_LINE_DONE;
        record(f, out, now, scanned, device, override);
        if (f->level.empty_check)
            enter_step(f, out, PICK_STEP_EMPTY_CHECK, now);
        else
            next_line(f, out, now);
        break;
    case PICK_STEP_EMPTY_CHECK:
        record(f, out, now, scanned, device, override);
        next_line(f, out, now);
        break;
    default:
        break;
    }
}

static void declare_short(pick_flow *f, pick_effects *out, uint64_t now, pick_short reason)
{
    if (f->step != PICK_STEP_SCAN_ITEM && f->step != PICK_STEP_QUANTITY) {
        not_now(out, "short_at_location");
        return;
    }
    size_t i = cur(f);
    f->short_reason[i] = reason;
    if (f->step == PICK_STEP_QUANTITY && !each_mode(f))
        f->picked[i] = f->typed_last;
    /* an under-count followed by a short report was a correct count after all */
    f->step_errors -= f->under_count_errors;
    f->task_errors -= f->under_count_errors;
    if (f->under_count_errors)
        f->step_error_kinds &= ~(unsigned)PICK_ERR_WRONG_QTY;
    f->under_count_errors = 0;
    emit_feedback(out, PICK_FB_ATTENTION, "short_noted");
    char scanned[32];
    snprintf(scanned, sizeof scanned, "short:%s", pick_short_name(reason));
    record(f, out, now, scanned, "", NO_OVERRIDE);
    if (f->picked[i] > 0) {
        enter_step(f, out, PICK_STEP_PUT, now);
    } else {
        f->status[i] = PICK_LINE_SHORT;
        next_line(f, out, now);
    }
}

static void postpone(pick_flow *f, pick_effects *out, uint64_t now)
{
    if (f->step < PICK_STEP_GO_TO_LOCATION || f->step > PICK_STEP_QUANTITY) {
        not_now(out, "not_now");
        return;
    }
    size_t i = cur(f);
    if (f->picked[i] > 0) {
        not_now(out, "undo_first");
        return;
    }
    bool again = !f->postponed[i] && f->queue_len < sizeof f->queue / sizeof f->queue[0];
    record(f, out, now, again ? "postpone" : "skip", "", PICK_RESULT_SKIPPED);
    if (again) {
        f->postponed[i] = true;
        f->queue[f->queue_len++] = i;
        emit_feedback(out, PICK_FB_ATTENTION, "postponed");
    } else {
        f->status[i] = PICK_LINE_SKIPPED;
        emit_feedback(out, PICK_FB_ATTENTION, "skipped");
    }
    next_line(f, out, now);
}

static void undo(pick_flow *f, pick_effects *out, uint64_t now)
{
    if (f->step != PICK_STEP_QUANTITY && f->step != PICK_STEP_PUT) {
        not_now(out, "nothing_to_undo");
        return;
    }
    size_t i = cur(f);
    if (f->picked[i] == 0) {
        not_now(out, "nothing_to_undo");
        return;
    }
    if (f->step == PICK_STEP_PUT) {
        f->picked[i] = each_mode(f) ? f->picked[i] - 1 : 0;
        if (!each_mode(f))
            f->typed_last = 0;
        reset_step(f, PICK_STEP_QUANTITY, now);
    } else {
        f->picked[i]--;
    }
    f->step_errors++;
    f->step_error_kinds |= PICK_ERR_UNDO;
    f->task_errors++;
    emit_feedback(out, PICK_FB_ATTENTION, "undone");
    emit_show(f, out);
}

/* ---- scans ---------------------------------------------------------------------------------- */

static scan_class classify(const pick_flow *f, const pick_event *ev, int *index)
{
    char gtin[15];
    *index = -1;
    if (flow_scan_gtin(ev->symbology, ev->data, gtin)) {
        *index = catalogue_item_by_gtin(f->cat, gtin);
        return *index >= 0 ? SC_ITEM : SC_UNKNOWN;
    }
    *index = catalogue_location_by_barcode(f->cat, ev->data);
    if (*index >= 0)
        return SC_LOCATION;
    for (unsigned o = 0; o < f->task.order_count; o++) {
        if (strcmp(f->task.totes[o], ev->data) == 0) {
            *index = (int)o;
            return SC_TOTE;
        }
    }
    return SC_UNKNOWN;
}

static void good_scan(pick_flow *f, pick_effects *out, const pick_event *ev, uint64_t now)
{
    emit_scanner(out, PICK_FB_GOOD);
    advance(f, out, now, ev->data, ev->device, NO_OVERRIDE);
}

static void wrong_item(pick_flow *f, pick_effects *out, int idx)
{
    if (catalogue_items_look_alike(f->cat, cur_line(f)->item, (size_t)idx))
        step_error(f, out, PICK_ERR_LOOKALIKE, "lookalike", true);
    else
        step_error(f, out, PICK_ERR_WRONG_ITEM, "wrong_item", true);
}

static void handle_scan(pick_flow *f, pick_effects *out, const pick_event *ev, uint64_t now)
{
    int idx;
    scan_class sc = classify(f, ev, &idx);
    if (f->step == PICK_STEP_GO_TO_LOCATION) {
        /* a scan at the shelf means the trainee has arrived */
        advance(f, out, now, "arrived", ev->device, NO_OVERRIDE);
    }
    const pick_line *ln = in_line(f) ? cur_line(f) : NULL;
    bool here = sc == SC_LOCATION && ln && (size_t)idx == ln->location;
    bool right_item = sc == SC_ITEM && ln && (size_t)idx == ln->item;
    switch (f->step) {
    case PICK_STEP_SCAN_LOCATION:
        if (here)
            good_scan(f, out, ev, now);
        else if (sc == SC_LOCATION)
            step_error(f, out, PICK_ERR_WRONG_LOCATION, "wrong_location", true);
        else if (sc == SC_UNKNOWN)
            step_error(f, out, PICK_ERR_UNKNOWN_BARCODE, "unknown_barcode", true);
        else
            step_error(f, out, PICK_ERR_OUT_OF_ORDER, "scan_location_first", true);
        break;
    case PICK_STEP_SCAN_ITEM:
    case PICK_STEP_QUANTITY:
        if (right_item && f->step == PICK_STEP_SCAN_ITEM) {
            good_scan(f, out, ev, now);
        } else if (right_item && !each_mode(f)) {
            not_now(out, "type_quantity");
        } else if (right_item) {
            emit_scanner(out, PICK_FB_GOOD);
            f->picked[cur(f)]++;
            if (f->picked[cur(f)] >= ln->qty) {
                char scanned[24];
                snprintf(scanned, sizeof scanned, "qty:%u", f->picked[cur(f)]);
                advance(f, out, now, scanned, ev->device, NO_OVERRIDE);
            } else {
                emit_feedback(out, PICK_FB_GOOD, "counted");
                emit_show(f, out);
            }
        } else if (sc == SC_ITEM) {
            wrong_item(f, out, idx);
        } else if (here) {
            not_now(out, "location_already_scanned");
        } else if (sc == SC_LOCATION) {
            step_error(f, out, PICK_ERR_WRONG_LOCATION, "wrong_location", true);
        } else if (sc == SC_UNKNOWN) {
            step_error(f, out, PICK_ERR_UNKNOWN_BARCODE, "unknown_barcode", true);
        } else {
            step_error(f, out, PICK_ERR_OUT_OF_ORDER, "scan_item_first", true);
        }
        break;
    case PICK_STEP_PUT:
        if (sc == SC_TOTE && (unsigned)idx == ln->order)
            good_scan(f, out, ev, now);
        else if (sc == SC_TOTE)
            step_error(f, out, PICK_ERR_WRONG_TOTE, "wrong_tote", true);
        else if (right_item)
            step_error(f, out, PICK_ERR_OVER_PICK, "over_pick", true);
        else if (sc == SC_ITEM)
            step_error(f, out, PICK_ERR_WRONG_ITEM, "wrong_item", true);
        else if (here)
            not_now(out, "location_already_scanned");
        else if (sc == SC_UNKNOWN)
            step_error(f, out, PICK_ERR_UNKNOWN_BARCODE, "unknown_barcode", true);
        else
            step_error(f, out, PICK_ERR_OUT_OF_ORDER, "scan_tote", true);
        break;
    case PICK_STEP_GET_WORK:
        not_now(out, "tap_start");
        break;
    case PICK_STEP_EMPTY_CHECK:
        not_now(out, "answer_empty_check");
        break;
    default:
        not_now(out, "task_done");
        break;
    }
}

/* ---- other events --------------------------------------------------------------------------- */

static void handle_qty(pick_flow *f, pick_effects *out, unsigned qty, uint64_t now)
{
    if (f->step != PICK_STEP_QUANTITY) {
        not_now(out, "not_now");
        return;
    }
    if (each_mode(f)) {
        not_now(out, "scan_each_unit");
        return;
    }
    unsigned want = cur_line(f)->qty;
    if (qty > want) {
        step_error(f, out, PICK_ERR_OVER_PICK, "over_pick", false);
        return;
    }
    f->typed_last = qty;
    if (qty < want) {
        f->under_count_errors++;
        step_error(f, out, PICK_ERR_WRONG_QTY, "count_again_or_short", false);
        return;
    }
    char scanned[24];
    snprintf(scanned, sizeof scanned, "qty:%u", qty);
    advance(f, out, now, scanned, "", NO_OVERRIDE);
}

static void handle_tap(pick_flow *f, pick_effects *out, pick_action a, uint64_t now)
{
    switch (a) {
    case PICK_ACT_START:
        if (f->step == PICK_STEP_GET_WORK)
            advance(f, out, now, "start", "", NO_OVERRIDE);
        else
            not_now(out, "not_now");
        break;
    case PICK_ACT_ARRIVED:
        if (f->step == PICK_STEP_GO_TO_LOCATION)
            advance(f, out, now, "arrived", "", NO_OVERRIDE);
        else
            not_now(out, "not_now");
        break;
    case PICK_ACT_CONFIRM:
        if (f->step == PICK_STEP_QUANTITY && !each_mode(f) && f->level.quantity_prefilled)
            handle_qty(f, out, cur_line(f)->qty, now);
        else if (f->step == PICK_STEP_QUANTITY)
            not_now(out, each_mode(f) ? "scan_each_unit" : "type_quantity");
        else if (f->step == PICK_STEP_PUT && !f->level.scan_tote)
            advance(f, out, now, "put", "", NO_OVERRIDE);
        else if (f->step == PICK_STEP_PUT)
            not_now(out, "scan_tote");
        else
            not_now(out, "not_now");
        break;
    case PICK_ACT_SHORT_EMPTY: declare_short(f, out, now, PICK_SHORT_EMPTY); break;
    case PICK_ACT_SHORT_DAMAGED: declare_short(f, out, now, PICK_SHORT_DAMAGED); break;
    case PICK_ACT_SHORT_NOT_FOUND: declare_short(f, out, now, PICK_SHORT_NOT_FOUND); break;
    case PICK_ACT_SHORT_OTHER_ITEM: declare_short(f, out, now, PICK_SHORT_OTHER_ITEM); break;
    case PICK_ACT_SKIP: postpone(f, out, now); break;
    case PICK_ACT_UNDO: undo(f, out, now); break;
    case PICK_ACT_HELP_PHOTO:
    case PICK_ACT_HELP_HIGHLIGHT:
    case PICK_ACT_HELP_SPOKEN:
        if (!in_line(f)) {
            not_now(out, "not_now");
            break;
        }
        f->kiosk_help |= a == PICK_ACT_HELP_PHOTO       ? PICK_HINT_PHOTO
                         : a == PICK_ACT_HELP_HIGHLIGHT ? PICK_HINT_HIGHLIGHT
                                                        : PICK_HINT_SPOKEN;
        emit_show(f, out);
        break;
    case PICK_ACT_CALL_COACH:
        emit_suggest(out, "asked");
        break;
    case PICK_ACT_EMPTY_YES:
    case PICK_ACT_EMPTY_NO:
        if (f->step == PICK_STEP_EMPTY_CHECK)
            advance(f, out, now, a == PICK_ACT_EMPTY_YES ? "empty:yes" : "empty:no", "",
                    NO_OVERRIDE);
        else
            not_now(out, "not_now");
        break;
    default:
        break;
    }
}

static void handle_coach(pick_flow *f, pick_effects *out, pick_prompt p, uint64_t now)
{
    if (f->step == PICK_STEP_DONE) {
        not_now(out, "task_done");
        return;
    }
    if (p != PICK_PROMPT_DONE_BY_COACH) {
        if (p > f->coach_help)
            f->coach_help = p;
        emit_feedback(out, PICK_FB_ATTENTION, "coach_prompt_noted");
        return;
    }
    if (f->step == PICK_STEP_QUANTITY && !each_mode(f))
        f->typed_last = cur_line(f)->qty;
    advance(f, out, now, "coach", "", PICK_RESULT_DONE_BY_COACH);
}

static void handle_tick(pick_flow *f, pick_effects *out, uint64_t now)
{
    unsigned norm = f->level.norm_seconds_per_line;
    if (norm == 0 || !in_line(f) || f->norm_warned)
        return;
    if (now - f->line_started_ms > (uint64_t)norm * 1000u) {
        f->norm_warned = true;
        if (f->level.norm_shown)
            emit_feedback(out, PICK_FB_ATTENTION, "norm_passed");
    }
}

/* ---- public --------------------------------------------------------------------------------- */

stiel_status pick_flow_init(pick_flow *flow, const catalogue *cat, const service_level *level,
                            const pick_task *task, stiel_diag *diag)
{
    if (!flow || !cat || !level || !task)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pick flow: missing argument");
    if (task->line_count == 0 || task->line_count > TASK_LINES_MAX || task->order_count == 0 ||
        task->order_count > LEVEL_BATCH_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pick task %s: %zu lines, %u orders",
                              task->id, task->line_count, task->order_count);
    for (size_t i = 0; i < task->line_count; i++) {
        const pick_line *ln = &task->lines[i];
        if (ln->item >= cat->item_count || ln->location >= cat->location_count ||
            ln->order >= task->order_count || ln->qty == 0)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "pick task %s: line %zu names no item, location or order, "
                                  "or has no quantity", task->id, i + 1);
    }
    memset(flow, 0, sizeof *flow);
    flow->cat = cat;
    flow->level = *level;
    if (flow->level.tolerance == 0)
        flow->level.tolerance = 1;
    flow->task = *task;
    flow->step = PICK_STEP_GET_WORK;
    for (size_t i = 0; i < task->line_count; i++)
        flow->queue[i] = i;
    flow->queue_len = task->line_count;
    return STIEL_OK;
}

stiel_status pick_flow_handle(pick_flow *flow, const pick_event *ev, pick_effects *out)
{
    if (!flow || !ev || !out)
        return STIEL_ERR_ARG;
    out->count = 0;
    if (ev->kind < PICK_EV_SCAN || ev->kind > PICK_EV_COACH ||
        (ev->kind == PICK_EV_TAP && (ev->action <= PICK_ACT_NONE || ev->action >= PICK_ACT_COUNT)) ||
        (ev->kind == PICK_EV_COACH && (ev->prompt <= PICK_PROMPT_NONE || ev->prompt >= PICK_PROMPT_COUNT)) ||
        (ev->kind == PICK_EV_SCAN && !memchr(ev->data, '\0', sizeof ev->data)))
        return STIEL_ERR_ARG;
    /* time never runs backwards inside a flow: durations stay sane, replays stay identical */
    uint64_t now = ev->now_ms > flow->last_ms ? ev->now_ms : flow->last_ms;
    flow->last_ms = now;
    switch (ev->kind) {
    case PICK_EV_SCAN: handle_scan(flow, out, ev, now); break;
    case PICK_EV_TAP: handle_tap(flow, out, ev->action, now); break;
    case PICK_EV_QTY: handle_qty(flow, out, ev->qty, now); break;
    case PICK_EV_TICK: handle_tick(flow, out, now); break;
    case PICK_EV_DEVICE:
        flow->device_problem = !ev->ok;
        emit_feedback(out, ev->ok ? PICK_FB_GOOD : PICK_FB_ATTENTION,
                      ev->ok ? "device_back" : "device_lost");
        emit_show(flow, out);
        break;
    case PICK_EV_COACH: handle_coach(flow, out, ev->prompt, now); break;
    }
    return STIEL_OK;
}

void pick_flow_show(const pick_flow *flow, pick_effects *out)
{
    out->count = 0;
    emit_show(flow, out);
}

stiel_status pick_flow_replay(pick_flow *flow, const pick_event *events, size_t count,
                              stiel_buf *log)
{
    pick_effects fx;
    for (size_t k = 0; k < count; k++) {
        stiel_status st = pick_flow_handle(flow, &events[k], &fx);
        if (st == STIEL_OK && log)
            st = pick_effects_format(&fx, flow->cat, log);
        if (st != STIEL_OK)
            return st;
    }
    return STIEL_OK;
}

pick_line_status pick_flow_line_status(const pick_flow *flow, size_t index)
{
    return index < flow->task.line_count ? flow->status[index] : PICK_LINE_OPEN;
}

unsigned pick_flow_line_picked(const pick_flow *flow, size_t index)
{
    return index < flow->task.line_count ? flow->picked[index] : 0;
}
