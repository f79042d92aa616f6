/* Tests of kiosk/core/pick_flow: every step and exception of the pick flow on the sample
 * warehouse, the evidence each step records, the event text form, byte-exact replay, and resume
 * after every event of a recorded run with nothing double-counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/order_gen.h"
#include "kiosk/core/pick_flow.h"
#include "tests/kiosk/core/core_fixture.h"

typedef struct fx_state {
    catalogue cat;
    service_levels lv;
    pick_flow flow;
    stiel_buf text;
} fx_state;

static fx_state *S;

static int setup(void **state)
{
    S = calloc(1, sizeof *S);
    core_errors errs;
    if (!S || fixture_load_warehouse(&S->cat, &errs) != STIEL_OK)
        return -1;
    size_t len = 0;
    char *t = fixture_read_asset("levels.ini", &len);
    stiel_status st = service_levels_parse("levels.ini", t, len, &S->lv, &errs);
    free(t);
    stiel_buf_init(&S->text, 0);
    *state = S;
    return st == STIEL_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    catalogue_free(&S->cat);
    stiel_buf_free(&S->text);
    free(S);
    return 0;
}

/* A task of the given lines "SKU:qty:order" for trainee T-0001 at level n (with tweaks). */
static service_level level(unsigned n)
{
    return *service_levels_get(&S->lv, n);
}

static void start(const service_level *lv, unsigned orders, const char *const *lines, size_t n)
{
    static pick_task task;
    memset(&task, 0, sizeof task);
    snprintf(task.id, sizeof task.id, "TR-test");
    snprintf(task.trainee, sizeof task.trainee, "T-0001");
    task.level = lv->number;
    task.order_count = orders;
    for (unsigned o = 0; o < orders; o++)
        snprintf(task.totes[o], sizeof task.totes[o], "TOTE-%u", o + 1);
    for (size_t k = 0; k < n; k++) {
        char sku[16];
        unsigned qty = 0, order = 0;
        assert_int_equal(sscanf(lines[k], "%15[^:]:%u:%u", sku, &qty, &order), 3);
        int item = catalogue_item_by_sku(&S->cat, sku);
        assert_true(item >= 0);
        task.lines[k] = (pick_line){ .order = order, .item = (size_t)item,
                                     .location = (size_t)S->cat.items[item].location,
                                     .qty = qty, .drill = DRILL_NONE };
    }
    task.line_count = n;
    assert_int_equal(pick_flow_init(&S->flow, &S->cat, lv, &task, NULL), STIEL_OK);
}

static const char *send(pick_event ev)
{
    pick_effects fx;
    assert_int_equal(pick_flow_handle(&S->flow, &ev, &fx), STIEL_OK);
    stiel_buf_reset(&S->text);
    assert_int_equal(pick_effects_format(&fx, &S->cat, &S->text), STIEL_OK);
    return (const char *)S->text.data;
}

static pick_event scan_sym(uint64_t t, scan_symbology sym, const char *data)
{
    pick_event ev = { .kind = PICK_EV_SCAN, .now_ms = t, .symbology = sym };
    snprintf(ev.data, sizeof ev.data, "%s", data);
    snprintf(ev.device, sizeof ev.device, "scanner-1");
    return ev;
}

static pick_event scan(uint64_t t, const char *data)
{
    return scan_sym(t, SCAN_SYM_UNKNOWN, data);
}

static pick_event tap(uint64_t t, pick_action a)
{
    return (pick_event){ .kind = PICK_EV_TAP, .now_ms = t, .action = a };
}

static pick_event qty(uint64_t t, unsigned n)
{
    return (pick_event){ .kind = PICK_EV_QTY, .now_ms = t, .qty = n };
}

static pick_event coach(uint64_t t, pick_prompt p)
{
    return (pick_event){ .kind = PICK_EV_COACH, .now_ms = t, .prompt = p };
}

#define HAS(text, part) \
    do { if (!strstr((text), (part))) fail_msg("missing \"%s\" in:\n%s", (part), (text)); } while (0)
#define HASNT(text, part) \
    do { if (strstr((text), (part))) fail_msg("unexpected \"%s\" in:\n%s", (part), (text)); } while (0)

/* Sample warehouse: ST-1001 (gtin 2010000000007) at A-01 (LOC-A01), look-alike ST-1002
 * (8719123100376) at A-02 (LOC-A02); ST-1025 at C-05 (no look-alike). */

static void test_happy_path_level1(void **state)
{
    (void)state;
    service_level lv = level(1);
    const char *lines[] = { "ST-1001:2:0" };
    start(&lv, 1, lines, 1);
    pick_effects fx;
    pick_flow_show(&S->flow, &fx);
    assert_int_equal(fx.count, 1);
    assert_int_equal(fx.fx[0].show.step, PICK_STEP_GET_WORK);
    const char *t = send(tap(1000, PICK_ACT_START));
    assert_string_equal(t,
        "feedback good reason=ok\n"
        "record seq=1 trainee=T-0001 level=1 task=TR-test line=0 step=get_work expected=TR-test "
        "scanned=start result=right_first_time errors=0 kinds=- hints=- coach=independent "
        "short=none drill=none picked=0 ms=1000 at=1000 device=-\n"
        "show step=go_to_location line=1/1 left=1 sku=ST-1001 loc=A-01 qty=2 picked=0 order=0 "
        "tote=TOTE-1 photo=1 highlight=1 spoken=1 prefilled=0 norm=0 device_problem=0\n");
    t = send(scan(5000, "LOC-A01"));  /* the scan also says "arrived" */
    HAS(t, "step=go_to_location expected=A-01 scanned=arrived result=right_first_time");
    HAS(t, "scanner good\n");
    HAS(t, "step=scan_location expected=LOC-A01 scanned=LOC-A01 result=right_first_time errors=0");
    HAS(t, "show step=scan_item");
    t = send(scan(7000, "2010000000007"));
    HAS(t, "step=scan_item expected=2010000000007 scanned=2010000000007 result=right_first_time "
           "errors=0 kinds=- hints=- coach=independent short=none drill=none picked=1 ms=2000 "
           "at=7000 device=scanner-1");
    HAS(t, "show step=quantity line=1/1 left=1 sku=ST-1001 loc=A-01 qty=2 picked=1");
    t = send(scan(8000, "2010000000007"));
    HAS(t, "step=quantity expected=qty:2 scanned=qty:2 result=right_first_time");
    HAS(t, "show step=put");
    t = send(tap(9000, PICK_ACT_CONFIRM));
    HAS(t, "step=put expected=put scanned=put result=right_first_time");
    HAS(t, "record seq=7 trainee=T-0001 level=1 task=TR-test line=0 step=done expected=lines:1 "
           "scanned=done:1 result=right_first_time errors=0");
    HAS(t, "ms=8000 at=9000");
    HAS(t, "show step=done line=0/1 left=0");
    assert_int_equal(pick_flow_line_status(&S->flow, 0), PICK_LINE_DONE);
    assert_int_equal(pick_flow_line_picked(&S->flow, 0), 2);
    t = send(scan(9500, "2010000000007"));
    assert_string_equal(t, "feedback attention reason=task_done\n");
}

static void go_to_item_step(void)
{
    send(tap(1000, PICK_ACT_START));
    send(tap(2000, PICK_ACT_ARRIVED));
}

static void test_location_errors_and_tolerance(void **state)
{
    (void)state;
    service_level lv = level(1);  /* tolerance 2 */
    const char *lines[] = { "ST-1001:1:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    const char *t = send(scan(3000, "LOC-B05"));
    assert_string_equal(t, "feedback bad reason=wrong_location\nscanner bad\n");
    t = send(scan(3500, "NOT-A-CODE"));
    assert_string_equal(t, "feedback bad reason=unknown_barcode\nscanner bad\n"
                           "suggest_help reason=tolerance\n");
    t = send(scan(4000, "2010000000007"));  /* item before location: once suggested is enough */
    assert_string_equal(t, "feedback bad reason=scan_location_first\nscanner bad\n");
    t = send(coach(4500, PICK_PROMPT_VERBAL));
    assert_string_equal(t, "feedback attention reason=coach_prompt_noted\n");
    t = send(scan(5000, "LOC-A01"));
    HAS(t, "step=scan_location expected=LOC-A01 scanned=LOC-A01 result=corrected errors=3 "
           "kinds=wrong_location,unknown_barcode,out_of_order hints=- coach=verbal");
    HAS(t, "ms=3000");
}

static void test_item_errors_lookalike_and_gs1(void **state)
{
    (void)state;
    service_level lv = level(3);  /* typed quantity, tote scan, photo on request */
    const char *lines[] = { "ST-1002:1:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    send(scan(2500, "LOC-A02"));
    const char *t = send(scan(3000, "2010000000007"));  /* ST-1001 looks like ST-1002 */
    assert_string_equal(t, "feedback bad reason=lookalike\nscanner bad\n");
    t = send(scan(3100, "8719123100741"));  /* ST-1003: just wrong */
    assert_string_equal(t, "feedback bad reason=wrong_item\nscanner bad\n");
    t = send(scan(3200, "8719123100742"));  /* bad check digit: not a known code */
    HAS(t, "feedback bad reason=unknown_barcode\n");
    HAS(t, "suggest_help reason=tolerance\n");
    t = send(scan(3300, "LOC-A02"));  /* the same location again is harmless */
    assert_string_equal(t, "feedback attention reason=location_already_scanned\n");
    t = send(tap(3400, PICK_ACT_HELP_PHOTO));
    HAS(t, "show step=scan_item line=1/1 left=1 sku=ST-1002 loc=A-02 qty=1 picked=0 order=0 "
           "tote=TOTE-1 photo=1 highlight=1 spoken=0");
    /* GS1-128 with AI (01) and a batch (10) */
    t = send(scan_sym(4000, SCAN_SYM_GS1_128, "0108719123100376" "10AB12"));
    HAS(t, "step=scan_item expected=8719123100376 scanned=0108719123100376" "10AB12 "
           "result=corrected errors=3 kinds=wrong_item,lookalike,unknown_barcode hints=photo");
    HAS(t, "show step=quantity");
    HAS(t, "prefilled=0");
}

static void test_gs1_hri_and_ean_symbologies(void **state)
{
    (void)state;
    service_level lv = level(1);
    const char *lines[] = { "ST-1002:3:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    send(scan(2500, "LOC-A02"));
    HAS(send(scan_sym(3000, SCAN_SYM_EAN13, "8719123100376")), "step=scan_item");
    HAS(send(scan(3100, "(01)08719123100376")), "feedback good reason=counted");
    /* a GTIN in a Code 128 symbol is not read as a GTIN */
    HAS(send(scan_sym(3200, SCAN_SYM_CODE128, "8719123100376")), "reason=unknown_barcode");
    const char *t = send(scan_sym(3300, SCAN_SYM_GS1_DATAMATRIX, "0108719123100376"));
    HAS(t, "step=quantity expected=qty:3 scanned=qty:3 result=corrected errors=1 kinds=unknown_barcode");
}

static void test_typed_quantity_over_under_short_and_tote(void **state)
{
    (void)state;
    service_level lv = level(4);  /* typed, tote scan, empty check, cluster of 3 */
    const char *lines[] = { "ST-1025:5:1", "ST-1026:2:2" };
    start(&lv, 3, lines, 2);
    go_to_item_step();
    send(scan(2500, S->cat.locations[S->cat.items[24].location].barcode));
    send(scan(3000, S->cat.items[24].gtin));
    const char *t = send(qty(3500, 6));
    assert_string_equal(t, "feedback bad reason=over_pick\n");
    t = send(qty(3600, 3));
    assert_string_equal(t, "feedback bad reason=count_again_or_short\n");
    t = send(tap(3700, PICK_ACT_CONFIRM));  /* not prefilled at level 4 */
    assert_string_equal(t, "feedback attention reason=type_quantity\n");
    t = send(tap(4000, PICK_ACT_SHORT_DAMAGED));
    HAS(t, "step=quantity expected=qty:5 scanned=short:damaged result=corrected errors=1 "
           "kinds=over_pick hints=- coach=independent short=damaged drill=none picked=3");
    HAS(t, "show step=put line=1/2 left=2 sku=ST-1025 loc=C-05 qty=5 picked=3 order=1 tote=TOTE-2");
    t = send(tap(4100, PICK_ACT_CONFIRM));
    assert_string_equal(t, "feedback attention reason=scan_tote\n");
    t = send(scan(4200, "TOTE-1"));
    assert_string_equal(t, "feedback bad reason=wrong_tote\nscanner bad\n");
    t = send(scan(4300, S->cat.items[24].gtin));
    assert_string_equal(t, "feedback bad reason=over_pick\nscanner bad\n");
    t = send(scan(4400, "TOTE-2"));
    HAS(t, "step=put expected=TOTE-2 scanned=TOTE-2 result=corrected errors=2 "
           "kinds=over_pick,wrong_tote");
    HAS(t, "short=damaged");
    HAS(t, "show step=empty_check");
    assert_int_equal(pick_flow_line_status(&S->flow, 0), PICK_LINE_SHORT);
    assert_int_equal(pick_flow_line_picked(&S->flow, 0), 3);
    t = send(tap(4500, PICK_ACT_EMPTY_NO));
    HAS(t, "step=empty_check expected=- scanned=empty:no result=right_first_time");
    HAS(t, "show step=go_to_location line=2/2 left=1 sku=ST-1026");
    HAS(t, "norm=60");
}

static void test_short_empty_skip_postpone(void **state)
{
    (void)state;
    service_level lv = level(2);
    const char *lines[] = { "ST-1025:1:0", "ST-1026:2:0", "ST-1027:1:0" };
    start(&lv, 1, lines, 3);
    send(tap(1000, PICK_ACT_START));
    const char *t = send(tap(1500, PICK_ACT_SHORT_EMPTY));  /* not at the location yet */
    assert_string_equal(t, "feedback attention reason=short_at_location\n");
    send(tap(2000, PICK_ACT_ARRIVED));
    send(scan(2500, S->cat.locations[S->cat.items[24].location].barcode));
    t = send(tap(3000, PICK_ACT_SHORT_EMPTY));
    HAS(t, "step=scan_item expected=");
    HAS(t, "scanned=short:empty result=right_first_time errors=0 kinds=- hints=- "
           "coach=independent short=empty drill=none picked=0");
    HAS(t, "show step=go_to_location line=2/3 left=2");
    assert_int_equal(pick_flow_line_status(&S->flow, 0), PICK_LINE_SHORT);
    t = send(tap(3500, PICK_ACT_SKIP));  /* postpone line 2 */
    HAS(t, "line=2 step=go_to_location expected=C-06 scanned=postpone result=skipped");
    HAS(t, "feedback attention reason=postponed");
    HAS(t, "show step=go_to_location line=3/3 left=2");
    send(tap(4000, PICK_ACT_ARRIVED));
    send(scan(4100, S->cat.locations[S->cat.items[26].location].barcode));
    t = send(scan(4200, S->cat.items[26].gtin));
    HAS(t, "show step=put line=3/3");  /* qty 1 in each mode: no quantity step */
    HASNT(t, "step=quantity");
    t = send(tap(4300, PICK_ACT_CONFIRM));
    HAS(t, "show step=go_to_location line=2/3 left=1");  /* the postponed line comes back */
    t = send(tap(4400, PICK_ACT_SKIP));
    HAS(t, "line=2 step=go_to_location expected=C-06 scanned=skip result=skipped");
    HAS(t, "feedback attention reason=skipped");
    HAS(t, "step=done expected=lines:3 scanned=done:1");
    assert_int_equal(pick_flow_line_status(&S->flow, 1), PICK_LINE_SKIPPED);
    assert_int_equal(pick_flow_line_status(&S->flow, 2), PICK_LINE_DONE);
}

static void test_undo(void **state)
{
    (void)state;
    service_level lv = level(2);
    const char *lines[] = { "ST-1025:2:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    const char *loc = S->cat.locations[S->cat.items[24].location].barcode;
    const char *gtin = S->cat.items[24].gtin;
    send(scan(2100, loc));
    assert_string_equal(send(tap(2200, PICK_ACT_UNDO)), "feedback attention reason=nothing_to_undo\n");
    send(scan(2300, gtin));
    assert_string_equal(send(tap(2350, PICK_ACT_SKIP)), "feedback attention reason=undo_first\n");
    const char *t = send(tap(2400, PICK_ACT_UNDO));
    HAS(t, "feedback attention reason=undone\nshow step=quantity line=1/1 left=1 sku=ST-1025 "
           "loc=C-05 qty=2 picked=0");
    send(scan(2500, gtin));
    t = send(scan(2600, gtin));
    HAS(t, "step=quantity expected=qty:2 scanned=qty:2 result=corrected errors=1 kinds=undo");
    t = send(tap(2700, PICK_ACT_UNDO));  /* from the put back to counting */
    HAS(t, "show step=quantity line=1/1 left=1 sku=ST-1025 loc=C-05 qty=2 picked=1");
    t = send(scan(2800, gtin));
    HAS(t, "step=quantity expected=qty:2 scanned=qty:2 result=corrected errors=1 kinds=undo");
    HAS(t, "show step=put");
}

static void test_coach_done_and_help(void **state)
{
    (void)state;
    service_level lv = level(3);
    const char *lines[] = { "ST-1025:4:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    const char *t = send(tap(2100, PICK_ACT_HELP_HIGHLIGHT));
    HAS(t, "show step=scan_location");
    send(tap(2150, PICK_ACT_HELP_SPOKEN));
    t = send(coach(2200, PICK_PROMPT_MODEL));
    t = send(coach(2300, PICK_PROMPT_GESTURAL));  /* the most intrusive one counts */
    t = send(coach(2400, PICK_PROMPT_DONE_BY_COACH));
    HAS(t, "step=scan_location expected=");
    HAS(t, "scanned=coach result=done_by_coach errors=0 kinds=- hints=highlight,spoken coach=model");
    t = send(tap(2500, PICK_ACT_CALL_COACH));
    assert_string_equal(t, "suggest_help reason=asked\n");
    send(scan(2600, S->cat.items[24].gtin));
    t = send(coach(2700, PICK_PROMPT_DONE_BY_COACH));  /* the coach counts the 4 units */
    HAS(t, "step=quantity expected=qty:4 scanned=coach result=done_by_coach");
    HAS(t, "picked=4");
}

static void test_prefilled_confirm_tick_norm_and_device(void **state)
{
    (void)state;
    service_level lv = level(4);
    lv.quantity_prefilled = true;
    const char *lines[] = { "ST-1025:4:0" };
    start(&lv, 1, lines, 1);
    go_to_item_step();
    assert_string_equal(send((pick_event){ .kind = PICK_EV_TICK, .now_ms = 60000 }), "");
    assert_string_equal(send((pick_event){ .kind = PICK_EV_TICK, .now_ms = 62001 }),
                        "feedback attention reason=norm_passed\n");
    assert_string_equal(send((pick_event){ .kind = PICK_EV_TICK, .now_ms = 70000 }), "");
    pick_event lost = { .kind = PICK_EV_DEVICE, .now_ms = 70100, .ok = false };
    snprintf(lost.device, sizeof lost.device, "scanner-1");
    const char *t = send(lost);
    HAS(t, "feedback attention reason=device_lost\nshow step=scan_location");
    HAS(t, "device_problem=1");
    lost.ok = true;
    HAS(send(lost), "device_problem=0");
    send(scan(71000, S->cat.locations[S->cat.items[24].location].barcode));
    t = send(scan(72000, S->cat.items[24].gtin));
    HAS(t, "show step=quantity line=1/1 left=1 sku=ST-1025 loc=C-05 qty=4 picked=0 order=0 "
           "tote=TOTE-1 photo=0 highlight=0 spoken=0 prefilled=1 norm=60");
    assert_string_equal(send(scan(72500, S->cat.items[24].gtin)),
                        "feedback attention reason=type_quantity\n");
    t = send(tap(73000, PICK_ACT_CONFIRM));
    HAS(t, "step=quantity expected=qty:4 scanned=qty:4 result=right_first_time");
    /* time that runs backwards is held at the last time seen */
    t = send(scan(100, "TOTE-1"));
    HAS(t, "step=put expected=TOTE-1 scanned=TOTE-1 result=right_first_time errors=0 kinds=- "
           "hints=- coach=independent short=none drill=none picked=4 ms=0 at=73000");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    service_level lv = level(1);
    pick_task task = { .order_count = 1, .line_count = 1 };
    task.lines[0] = (pick_line){ .item = 9999, .qty = 1 };
    pick_flow f;
    stiel_diag d;
    assert_int_equal(pick_flow_init(&f, &S->cat, &lv, &task, &d), STIEL_ERR_ARG);
    const char *lines[] = { "ST-1001:1:0" };
    start(&lv, 1, lines, 1);
    pick_effects fx;
    pick_event ev = { .kind = PICK_EV_TAP, .action = PICK_ACT_COUNT };
    assert_int_equal(pick_flow_handle(&S->flow, &ev, &fx), STIEL_ERR_ARG);
    ev = (pick_event){ .kind = 99 };
    assert_int_equal(pick_flow_handle(&S->flow, &ev, &fx), STIEL_ERR_ARG);
    ev = (pick_event){ .kind = PICK_EV_COACH, .prompt = PICK_PROMPT_NONE };
    assert_int_equal(pick_flow_handle(&S->flow, &ev, &fx), STIEL_ERR_ARG);
}

/* ---- recorded runs: text form, replay, resume ---------------------------------------------- */

/* A level-4 cluster run touching most paths, as the app would log it. */
static size_t scripted_run(pick_event *ev, size_t cap)
{
    size_t n = 0;
    uint64_t t = 1000;
    const catalogue *c = &S->cat;
#define ADD(...) do { assert_true(n < cap); ev[n++] = (__VA_ARGS__); t += 700; } while (0)
    ADD(tap(t, PICK_ACT_START));
    for (size_t k = 0; k < S->flow.task.line_count; k++) {
        const pick_line *ln = &S->flow.task.lines[k];
        const char *loc = c->locations[ln->location].barcode;
        const char *gtin = c->items[ln->item].gtin;
        ADD((pick_event){ .kind = PICK_EV_TICK, .now_ms = t });
        if (k == 1)
            ADD(tap(t, PICK_ACT_HELP_PHOTO));
        ADD(scan(t, k == 2 ? "LOC-D10" : loc));
        if (k == 2)
            ADD(scan(t, loc));
        if (k == 3)
            ADD(scan(t, "UNKNOWN-1"));
        if (k == 3)
            ADD(coach(t, PICK_PROMPT_VERBAL));
        ADD(scan(t, gtin));
        if (k == 4) {
            ADD(qty(t, ln->qty > 1 ? ln->qty - 1 : 0));
            ADD(tap(t, PICK_ACT_SHORT_NOT_FOUND));
        } else {
            ADD(qty(t, ln->qty + 1));
            ADD(qty(t, ln->qty));
        }
        if (k == 4 && ln->qty == 1)
            continue;
        if (k == 0)
            ADD(tap(t, PICK_ACT_UNDO));
        if (k == 0)
            ADD(qty(t, ln->qty));
        ADD(scan(t, S->flow.task.totes[(ln->order + 1) % S->flow.task.order_count]));
        ADD(scan(t, S->flow.task.totes[ln->order]));
        ADD(tap(t, k % 2 ? PICK_ACT_EMPTY_YES : PICK_ACT_EMPTY_NO));
    }
#undef ADD
    return n;
}

static void start_generated(void)
{
    service_level lv = level(4);
    static pick_task task;
    assert_int_equal(order_gen_training(&S->cat, &lv, 77, "T-0004", &task, NULL), STIEL_OK);
    assert_true(task.line_count >= 5);
    assert_int_equal(pick_flow_init(&S->flow, &S->cat, &lv, &task, NULL), STIEL_OK);
}

static void run_all(pick_flow *f, const pick_event *ev, size_t n, stiel_buf *log, size_t *marks)
{
    pick_effects fx;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(pick_flow_handle(f, &ev[k], &fx), STIEL_OK);
        assert_int_equal(pick_effects_format(&fx, &S->cat, log), STIEL_OK);
        if (marks)
            marks[k + 1] = log->len;
    }
}

static void test_event_text_round_trip(void **state)
{
    (void)state;
    pick_event in[] = {
        scan_sym(12, SCAN_SYM_GS1_DATAMATRIX, "0108719123100376\x1d" "10A B%"),
        tap(13, PICK_ACT_SHORT_OTHER_ITEM), qty(14, 12), coach(15, PICK_PROMPT_PARTIAL_PHYSICAL),
        (pick_event){ .kind = PICK_EV_TICK, .now_ms = 18446744073709551615ULL },
        (pick_event){ .kind = PICK_EV_DEVICE, .now_ms = 16, .ok = true, .device = "printer-1" },
    };
    stiel_buf b;
    stiel_buf_init(&b, 0);
    for (size_t k = 0; k < sizeof in / sizeof in[0]; k++)
        assert_int_equal(pick_event_format(&in[k], &b), STIEL_OK);
    assert_string_equal((char *)b.data,
                        "scan t=12 sym=GS1%20DataMatrix dev=scanner-1 data=0108719123100376%1D10A%20B%25\n"
                        "tap t=13 action=short_other_item\n"
                        "qty t=14 n=12\n"
                        "coach t=15 prompt=partial_physical\n"
                        "tick t=18446744073709551615\n"
                        "device t=16 ok=1 dev=printer-1\n");
    char *line = (char *)b.data;
    for (size_t k = 0; k < sizeof in / sizeof in[0]; k++) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        pick_event out;
        assert_int_equal(pick_event_parse(line, &out, NULL), STIEL_OK);
        assert_memory_equal(&out, &in[k], sizeof out);
        line = nl + 1;
    }
    stiel_buf_free(&b);
    static const char *const bad[] = {
        "", "jump t=1", "tap t=1", "tap t=1 action=fly", "qty n=3", "qty t=1 n=x",
        "scan t=1 data=%4", "scan t=1 data=%00", "scan t=1 sym=Nope data=1", "tick t=1 x",
        "coach t=1 prompt=independent", "device t=1 ok=2",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        pick_event out;
        stiel_diag d;
        if (pick_event_parse(bad[k], &out, &d) == STIEL_OK)
            fail_msg("accepted \"%s\"", bad[k]);
    }
}

static void test_replay_is_byte_for_byte(void **state)
{
    (void)state;
    start_generated();
    static pick_event ev[256], back[256];
    size_t n = scripted_run(ev, 256);
    stiel_buf first, evlog, second;
    stiel_buf_init(&first, 0);
    stiel_buf_init(&evlog, 0);
    stiel_buf_init(&second, 0);
    pick_flow *orig = malloc(sizeof *orig);
    *orig = S->flow;
    run_all(&S->flow, ev, n, &first, NULL);
    HAS((char *)first.data, "step=done");
    HAS((char *)first.data, "reason=wrong_location");
    HAS((char *)first.data, "short=not_found");
    /* the log as the app stores it: text, parsed back */
    for (size_t k = 0; k < n; k++)
        assert_int_equal(pick_event_format(&ev[k], &evlog), STIEL_OK);
    char *line = (char *)evlog.data;
    for (size_t k = 0; k < n; k++) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        assert_int_equal(pick_event_parse(line, &back[k], NULL), STIEL_OK);
        line = nl + 1;
    }
    pick_flow *again = malloc(sizeof *again);
    *again = *orig;
    assert_int_equal(pick_flow_replay(again, back, n, &second), STIEL_OK);
    assert_int_equal(first.len, second.len);
    assert_memory_equal(first.data, second.data, first.len);
    assert_memory_equal(again, &S->flow, sizeof *again);
    free(orig);
    free(again);
    stiel_buf_free(&first);
    stiel_buf_free(&evlog);
    stiel_buf_free(&second);
}

/* Counts "record seq=" lines and checks that seq runs 1, 2, 3... without gaps or repeats. */
static unsigned check_seq(const char *text)
{
    unsigned want = 1;
    for (const char *p = strstr(text, "record seq="); p; p = strstr(p + 1, "record seq=")) {
        unsigned seq = (unsigned)strtoul(p + 11, NULL, 10);
        if (seq != want)
            fail_msg("record seq=%u where %u was due", seq, want);
        want++;
    }
    return want - 1;
}

static void test_resume_after_every_event(void **state)
{
    (void)state;
    start_generated();
    static pick_event ev[256];
    size_t n = scripted_run(ev, 256);
    pick_flow *fresh = malloc(sizeof *fresh), *resumed = malloc(sizeof *resumed);
    *fresh = S->flow;
    stiel_buf full, tail;
    stiel_buf_init(&full, 0);
    stiel_buf_init(&tail, 0);
    size_t *marks = calloc(n + 1, sizeof *marks);
    run_all(&S->flow, ev, n, &full, marks);
    unsigned records = check_seq((char *)full.data);
    assert_true(records > 20);
    for (size_t k = 0; k <= n; k++) {
        /* restart after k acknowledged events: rebuild, then carry on with the rest */
        *resumed = *fresh;
        assert_int_equal(pick_flow_replay(resumed, ev, k, NULL), STIEL_OK);
        pick_effects fx;
        pick_flow_show(resumed, &fx);
        assert_int_equal(fx.count, 1);
        stiel_buf_reset(&tail);
        run_all(resumed, ev + k, n - k, &tail, NULL);
        /* what was acknowledged before the restart + what came after = the uninterrupted run */
        assert_int_equal(marks[k] + tail.len, full.len);
        assert_memory_equal(full.data + marks[k], tail.data, tail.len);
        assert_memory_equal(resumed, &S->flow, sizeof *resumed);
    }
    /* the resume shows the exact step: e.g. after the first location scan */
    *resumed = *fresh;
    assert_int_equal(pick_flow_replay(resumed, ev, 3, NULL), STIEL_OK);
    pick_effects fx;
    pick_flow_show(resumed, &fx);
    assert_int_equal(fx.fx[0].show.step, PICK_STEP_SCAN_ITEM);
    assert_int_equal(fx.fx[0].show.line, 1);
    free(marks);
    free(fresh);
    free(resumed);
    stiel_buf_free(&full);
    stiel_buf_free(&tail);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_happy_path_level1),
        cmocka_unit_test(test_location_errors_and_tolerance),
        cmocka_unit_test(test_item_errors_lookalike_and_gs1),
        cmocka_unit_test(test_gs1_hri_and_ean_symbologies),
        cmocka_unit_test(test_typed_quantity_over_under_short_and_tote),
        cmocka_unit_test(test_short_empty_skip_postpone),
        cmocka_unit_test(test_undo),
        cmocka_unit_test(test_coach_done_and_help),
        cmocka_unit_test(test_prefilled_confirm_tick_norm_and_device),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_event_text_round_trip),
        cmocka_unit_test(test_replay_is_byte_for_byte),
        cmocka_unit_test(test_resume_after_every_event),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
