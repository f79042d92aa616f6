/* Tests of kiosk/core/pack_flow (with pack_box, sscc and pack_task): every step and exception of
 * the pack flow on the sample warehouse, box suggestion, SSCC check digits, printer faults with
 * exactly one print job, label verify mismatch with void and reprint, the evidence records, the
 * event text form, byte-exact replay and resume after every event with nothing double-counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/order_gen.h"
#include "kiosk/core/pack_box.h"
#include "kiosk/core/pack_flow.h"
#include "kiosk/core/sscc.h"
#include "protocol/scan/gs1.h"
#include "tests/kiosk/core/core_fixture.h"

typedef struct fx_state {
    catalogue cat;
    service_levels lv;
    pack_flow flow;
    stiel_buf text;
} fx_state;

static fx_state *S;

/* The SSCCs the default source gives: extension 0, prefix 8712345, serials 1000, 1001, 1002
 * (check digits worked out by hand with weights 3,1,3... from the right). */
#define SSCC1 "087123450000010003"
#define SSCC2 "087123450000010010"
#define SSCC3 "087123450000010027"
static const sscc_source SRC = { '0', "8712345", 1000 };

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

static service_level level(unsigned n)
{
    return *service_levels_get(&S->lv, n);
}

/* Fills a task from "SKU:qty" lines: order SO-1 in TOTE-1, trainee T-0001. */
static void make_task(pack_task *task, unsigned lvl, const char *const *lines, size_t n)
{
    memset(task, 0, sizeof *task);
    snprintf(task->id, sizeof task->id, "PK-test");
    snprintf(task->trainee, sizeof task->trainee, "T-0001");
    task->level = lvl;
    snprintf(task->order_no, sizeof task->order_no, "SO-1");
    snprintf(task->tote, sizeof task->tote, "TOTE-1");
    for (size_t k = 0; k < n; k++) {
        char sku[16];
        unsigned qty = 0;
        assert_int_equal(sscanf(lines[k], "%15[^:]:%u", sku, &qty), 2);
        int item = catalogue_item_by_sku(&S->cat, sku);
        assert_true(item >= 0);
        task->lines[k] = (pack_line){ .item = (size_t)item, .qty = qty };
    }
    task->line_count = n;
}

static void start(const service_level *lv, const char *const *lines, size_t n)
{
    static pack_task task;
    make_task(&task, lv->number, lines, n);
    assert_int_equal(pack_flow_init(&S->flow, &S->cat, lv, &task, &SRC, NULL), STIEL_OK);
}

static const char *send(pack_event ev)
{
    pack_effects fx;
    assert_int_equal(pack_flow_handle(&S->flow, &ev, &fx), STIEL_OK);
    assert_true(fx.count < PACK_EFFECTS_MAX);  /* room left: nothing was dropped */
    stiel_buf_reset(&S->text);
    assert_int_equal(pack_effects_format(&fx, &S->cat, &S->text), STIEL_OK);
    return S->text.data ? (const char *)S->text.data : "";
}

static pack_event scan_sym(uint64_t t, scan_symbology sym, const char *data)
{
    pack_event ev = { .kind = PACK_EV_SCAN, .now_ms = t, .symbology = sym };
    snprintf(ev.data, sizeof ev.data, "%s", data);
    snprintf(ev.device, sizeof ev.device, "scanner-1");
    return ev;
}

static pack_event scan(uint64_t t, const char *data)
{
    return scan_sym(t, SCAN_SYM_UNKNOWN, data);
}

/* A GS1-128 shipping label read: AI (00) + the SSCC. */
static pack_event label(uint64_t t, const char *sscc)
{
    char data[32];
    snprintf(data, sizeof data, "00%s", sscc);
    return scan_sym(t, SCAN_SYM_GS1_128, data);
}

static pack_event tap(uint64_t t, pack_action a)
{
    return (pack_event){ .kind = PACK_EV_TAP, .now_ms = t, .action = a };
}

static pack_event tap_box(uint64_t t, const char *box)
{
    pack_event ev = { .kind = PACK_EV_TAP, .now_ms = t, .action = PACK_ACT_CHOOSE_BOX };
    snprintf(ev.box, sizeof ev.box, "%s", box);
    return ev;
}

static pack_event printer(uint64_t t, pack_printer p)
{
    pack_event ev = { .kind = PACK_EV_PRINTER, .now_ms = t, .printer = p };
    snprintf(ev.device, sizeof ev.device, "printer-1");
    return ev;
}

static pack_event coach(uint64_t t, pick_prompt p)
{
    return (pack_event){ .kind = PACK_EV_COACH, .now_ms = t, .prompt = p };
}

static const char *gtin(const char *sku)
{
    int i = catalogue_item_by_sku(&S->cat, sku);
    assert_true(i >= 0);
    return S->cat.items[i].gtin;
}

static unsigned count(const char *text, const char *part)
{
    unsigned n = 0;
    for (const char *p = strstr(text, part); p; p = strstr(p + 1, part))
        n++;
    return n;
}

#define HAS(text, part) \
    do { if (!strstr((text), (part))) fail_msg("missing \"%s\" in:\n%s", (part), (text)); } while (0)
#define HASNT(text, part) \
    do { if (strstr((text), (part))) fail_msg("unexpected \"%s\" in:\n%s", (part), (text)); } while (0)

/* Sample warehouse: ST-1011 socks 200x100x30 (look-alike ST-1012), ST-1003 green tea 130x70x60
 * (look-alike ST-1004), ST-1042 mouse pad 250x210x4, ST-1031 olive oil 70x70x280, ST-1050 puzzle
 * 330x230x50, ST-1056 kitchen roll 240x120x240. Boxes: ENVELOPE 250x180x30, S 200x150x100, M 300x200x150, L 400x300x200,
 * XL 600x400x300. */

/* ---- SSCC and boxes ------------------------------------------------------------------------- */

static void test_sscc_build_and_check_digit(void **state)
{
    (void)state;
    char out[SSCC_LEN + 1];
    /* the GS1 General Specifications' example SSCC */
    assert_int_equal(sscc_build('0', "0614141", 123456789, out, NULL), STIEL_OK);
    assert_string_equal(out, "006141411234567890");
    assert_int_equal(sscc_build('0', "8712345", 1000, out, NULL), STIEL_OK);
    assert_string_equal(out, SSCC1);
    assert_int_equal(sscc_build('3', "871234567890", 9999, out, NULL), STIEL_OK);
    assert_memory_equal(out, "3871234567890" "9999", 17);
    /* the check digit agrees with the GS1 parser's own validation of AI (00) */
    gs1_pair pair = { "00", "" };
    memcpy(pair.value, out, sizeof out);
    assert_int_equal(gs1_pair_validate(&pair, NULL), STIEL_OK);
    assert_true(gs1_check_digit_valid(SSCC2, 18));
    assert_true(gs1_check_digit_valid(SSCC3, 18));
    /* serial reference range: 16 - prefix length digits */
    assert_true(sscc_serial_count(7) == 1000000000ULL);
    assert_true(sscc_serial_count(3) == 0);
    assert_int_equal(sscc_build('0', "8712345", 999999999, out, NULL), STIEL_OK);
    assert_string_equal(out, "087123459999999993");
    stiel_diag d;
    assert_int_equal(sscc_build('0', "8712345", 1000000000, out, &d), STIEL_ERR_ARG);
    HAS(d.text, "does not fit in 9 digits");
    assert_int_equal(sscc_build('x', "8712345", 1, out, &d), STIEL_ERR_ARG);
    assert_int_equal(sscc_build('0', "871", 1, out, &d), STIEL_ERR_ARG);
    assert_int_equal(sscc_build('0', "87123A5", 1, out, &d), STIEL_ERR_ARG);
    assert_int_equal(sscc_build('0', "8712345678901", 1, out, &d), STIEL_ERR_ARG);
}

static int suggest(const char *const *lines, size_t n, bool *fits)
{
    pack_task t;
    make_task(&t, 1, lines, n);
    return pack_box_suggest(&S->cat, t.lines, t.line_count, fits);
}

static void test_box_suggestion(void **state)
{
    (void)state;
    static const struct {
        const char *lines[3];
        size_t n;
        const char *box;
        bool fits;
    } cases[] = {
        { { "ST-1011:1" }, 1, "ENVELOPE", true },  /* one pair of socks: the envelope */
        { { "ST-1011:2" }, 1, "S", true },         /* two: over 75 % of the envelope */
        { { "ST-1003:1" }, 1, "S", true },         /* 60 mm thick: not in a 30 mm envelope */
        { { "ST-1042:1" }, 1, "L", true },         /* 250x210 flat: 210 > 180 and 210 > 200 */
        { { "ST-1031:1" }, 1, "M", true },         /* 280 mm bottle: longer than S's 200 */
        { { "ST-1011:2", "ST-1003:1" }, 2, "S", true },
        { { "ST-1050:1" }, 1, "L", true },         /* 330 mm puzzle: longer than M's 300 */
        { { "ST-1056:1" }, 1, "L", true },         /* 240x240x120 roll: 240 > M's 200 */
        { { "ST-1056:3" }, 1, "XL", true },        /* 20.7 l: over 75 % of L's 24 l */
        { { "ST-1056:8" }, 1, "XL", false },       /* fits nothing: the largest, not fitting */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bool fits = !cases[k].fits;
        int b = suggest(cases[k].lines, cases[k].n, &fits);
        assert_true(b >= 0);
        if (strcmp(S->cat.boxes[b].type, cases[k].box) != 0 || fits != cases[k].fits)
            fail_msg("case %zu: got %s fits=%d, want %s fits=%d", k, S->cat.boxes[b].type, fits,
                     cases[k].box, cases[k].fits);
    }
    /* the fill factor, at its edge: socks are 600000 mm3, the envelope holds 1350000 * 75 % */
    pack_task t;
    const char *socks[] = { "ST-1011:1" };
    make_task(&t, 1, socks, 1);
    int env = pack_box_by_type(&S->cat, "ENVELOPE");
    assert_true(pack_box_fits(&S->cat, (size_t)env, t.lines, 1));
    t.lines[0].qty = 2;
    assert_false(pack_box_fits(&S->cat, (size_t)env, t.lines, 1));
    t.lines[0].qty = 4000000000u;  /* absurd quantities do not overflow into "fits" */
    assert_false(pack_box_fits(&S->cat, (size_t)pack_box_by_type(&S->cat, "XL"), t.lines, 1));
    assert_false(pack_box_fits(&S->cat, 99, t.lines, 1));
    assert_int_equal(pack_box_by_type(&S->cat, "Q"), -1);
    catalogue none = { 0 };
    bool fits = true;
    assert_int_equal(pack_box_suggest(&none, t.lines, 1, &fits), -1);
    assert_false(fits);
}

/* ---- the flow ------------------------------------------------------------------------------- */

static void test_happy_path_level3(void **state)
{
    (void)state;
    service_level lv = level(3);  /* tote scan, label verify, photo on request, tolerance 3 */
    const char *lines[] = { "ST-1011:2", "ST-1003:1" };
    start(&lv, lines, 2);
    pack_effects fx;
    pack_flow_show(&S->flow, &fx);
    assert_int_equal(fx.count, 1);
    assert_int_equal(fx.fx[0].show.step, PACK_STEP_SCAN_ORDER);
    const char *t = send(scan(1000, "TOTE-1"));
    assert_string_equal(t,
        "scanner good\n"
        "feedback good reason=ok\n"
        "record seq=1 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
        "step=scan_order expected=TOTE-1 scanned=TOTE-1 result=right_first_time errors=0 kinds=- "
        "hints=- coach=independent packed=0 box=- sscc=- ms=1000 at=1000 device=scanner-1\n"
        "show step=scan_items units=0/3 lines=ST-1011:0/2,ST-1003:0/1 box=S chosen=- fits=1 "
        "sscc=- printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    t = send(scan(2000, gtin("ST-1011")));
    assert_string_equal(t,
        "scanner good\nfeedback good reason=counted\n"
        "show step=scan_items units=1/3 lines=ST-1011:1/2,ST-1003:0/1 box=S chosen=- fits=1 "
        "sscc=- printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    /* the tea first, by GS1 DataMatrix with AI (01) */
    t = send(scan_sym(3000, SCAN_SYM_GS1_DATAMATRIX, "0108719123100741"));
    HAS(t, "record seq=2 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=2 "
           "step=scan_items expected=8719123100741 scanned=0108719123100741 "
           "result=right_first_time errors=0 kinds=- hints=- coach=independent packed=1 box=- "
           "sscc=- ms=2000 at=3000 device=scanner-1\n");
    HAS(t, "show step=scan_items units=2/3 lines=ST-1011:1/2,ST-1003:1/1");
    t = send(scan_sym(4000, SCAN_SYM_EAN13, gtin("ST-1011")));
    HAS(t, "record seq=3 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=1 "
           "step=scan_items expected=8719123103704 scanned=8719123103704 result=right_first_time "
           "errors=0 kinds=- hints=- coach=independent packed=2 box=- sscc=- ms=1000 at=4000");
    HAS(t, "show step=choose_box units=3/3 lines=ST-1011:2/2,ST-1003:1/1 box=S chosen=- fits=1");
    HASNT(t, "nothing_fits");
    /* one confirm: the suggested box's barcode; the label prints at once */
    t = send(scan(5000, "S"));
    assert_string_equal(t,
        "scanner good\n"
        "feedback good reason=ok\n"
        "record seq=4 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
        "step=choose_box expected=S scanned=S result=right_first_time errors=0 kinds=- hints=- "
        "coach=independent packed=3 box=S sscc=- ms=1000 at=5000 device=scanner-1\n"
        "print job=1 copy=1 order=SO-1 sscc=" SSCC1 " box=1/1 type=S tracking=" SSCC1 "\n"
        "record seq=5 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 step=print "
        "expected=" SSCC1 " scanned=printed result=right_first_time errors=0 kinds=- hints=- "
        "coach=independent packed=3 box=S sscc=" SSCC1 " ms=0 at=5000 device=-\n"
        "show step=verify_label units=3/3 lines=ST-1011:2/2,ST-1003:1/1 box=S chosen=S fits=1 "
        "sscc=" SSCC1 " printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    assert_string_equal(send(tap(5500, PACK_ACT_CLOSE)),
                        "feedback attention reason=scan_the_label\n");
    t = send(label(6000, SSCC1));
    HAS(t, "scanner good\nfeedback good reason=ok\n");
    HAS(t, "record seq=6 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
           "step=verify_label expected=" SSCC1 " scanned=" SSCC1 " result=right_first_time");
    HAS(t, "show step=close");
    t = send(tap(7000, PACK_ACT_CLOSE));
    HAS(t, "record seq=7 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
           "step=close expected=close scanned=close result=right_first_time errors=0 kinds=- "
           "hints=- coach=independent packed=3 box=S sscc=" SSCC1 " ms=1000 at=7000 device=-\n");
    /* the summary: the whole task from the order scan */
    HAS(t, "record seq=8 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
           "step=done expected=units:3 scanned=packed:3 result=right_first_time errors=0 kinds=- "
           "hints=- coach=independent packed=3 box=S sscc=" SSCC1 " ms=6000 at=7000 device=-\n");
    HAS(t, "show step=done");
    assert_int_equal(pack_flow_line_packed(&S->flow, 0), 2);
    assert_int_equal(pack_flow_line_packed(&S->flow, 1), 1);
    assert_int_equal(pack_flow_line_packed(&S->flow, 2), 0);
    assert_int_equal(pack_flow_sscc_used(&S->flow), 1);
    assert_string_equal(send(scan(8000, "TOTE-1")), "feedback attention reason=task_done\n");
    assert_string_equal(send(coach(8100, PICK_PROMPT_VERBAL)),
                        "feedback attention reason=task_done\n");
}

static void go_to_items(void)
{
    HAS(send(scan(1000, "SO-1")), "show step=scan_items");  /* the order number works too */
}

static void test_order_step(void **state)
{
    (void)state;
    service_level lv = level(3);
    const char *lines[] = { "ST-1011:1" };
    start(&lv, lines, 1);
    assert_string_equal(send(tap(500, PACK_ACT_START)),
                        "feedback attention reason=scan_tote_or_order\n");
    assert_string_equal(send(scan(600, "TOTE-9")),
                        "feedback bad reason=not_this_order\nscanner bad\n");
    assert_string_equal(send(scan(700, gtin("ST-1011"))),
                        "feedback bad reason=scan_tote_first\nscanner bad\n");
    assert_string_equal(send(scan(800, "LOC-A01")),
                        "feedback bad reason=scan_tote_first\nscanner bad\n"
                        "suggest_help reason=tolerance\n");
    assert_string_equal(send(tap(850, PACK_ACT_CONFIRM)), "feedback attention reason=not_now\n");
    const char *t = send(scan(900, "SO-1"));
    HAS(t, "step=scan_order expected=TOTE-1 scanned=SO-1 result=corrected errors=3 "
           "kinds=wrong_order,out_of_order hints=- coach=independent packed=0 box=- sscc=- ms=900");
    /* level 1 asks no tote scan: the order on screen is confirmed by a tap */
    lv = level(1);
    start(&lv, lines, 1);
    t = send(tap(1000, PACK_ACT_START));
    HAS(t, "step=scan_order expected=TOTE-1 scanned=start result=right_first_time");
    HAS(t, "photo=1 spoken=1");
    assert_string_equal(send(tap(1100, PACK_ACT_START)), "feedback attention reason=not_now\n");
}

static void test_item_errors(void **state)
{
    (void)state;
    service_level lv = level(3);  /* tolerance 3 */
    const char *lines[] = { "ST-1011:1", "ST-1003:2" };
    start(&lv, lines, 2);
    go_to_items();
    assert_string_equal(send(scan(2000, gtin("ST-1012"))),  /* socks 43-46 look like 39-42 */
                        "feedback bad reason=lookalike\nscanner bad\n");
    assert_string_equal(send(scan(2100, gtin("ST-1025"))),
                        "feedback bad reason=wrong_item\nscanner bad\n");
    assert_string_equal(send(scan(2200, "8719123100742")),  /* bad check digit */
                        "feedback bad reason=unknown_barcode\nscanner bad\n"
                        "suggest_help reason=tolerance\n");
    assert_string_equal(send(scan(2300, "TOTE-1")),
                        "feedback attention reason=order_already_scanned\n");
    assert_string_equal(send(scan(2400, "M")),
                        "feedback bad reason=scan_items_first\nscanner bad\n");
    assert_string_equal(send(label(2450, SSCC1)),
                        "feedback bad reason=scan_items_first\nscanner bad\n");
    /* a GTIN in a plain Code 128 is not read as a GTIN, as in pick */
    assert_string_equal(send(scan_sym(2460, SCAN_SYM_CODE128, gtin("ST-1011"))),
                        "feedback bad reason=unknown_barcode\nscanner bad\n");
    assert_string_equal(send(tap(2470, PACK_ACT_HELP_PHOTO)) + 0,
                        send(tap(2470, PACK_ACT_HELP_PHOTO)));
    HAS((const char *)S->text.data, "photo=1");
    const char *t = send(scan(2500, gtin("ST-1011")));
    HAS(t, "line=1 step=scan_items expected=8719123103704 scanned=8719123103704 result=corrected "
           "errors=6 kinds=wrong_item,lookalike,unknown_barcode,out_of_order hints=photo "
           "coach=independent packed=1 box=- sscc=- ms=1500 at=2500");
    HAS(t, "photo=1");  /* a hint asked for stays on screen for the whole step */
    /* too many of an item: the one action is to take it out */
    assert_string_equal(send(scan(2600, gtin("ST-1011"))),
                        "feedback bad reason=too_many\nscanner bad\n");
    send(scan(2700, gtin("ST-1003")));
    t = send(scan(2800, "(01)08719123100741"));  /* HRI typed by a wedge */
    HAS(t, "line=2 step=scan_items expected=8719123100741 scanned=(01)08719123100741 "
           "result=corrected errors=1 kinds=too_many hints=- coach=independent packed=2");
    HAS(t, "show step=choose_box");
    /* the errors of a line belong to it: the new part starts clean */
    assert_string_equal(send(scan(2900, gtin("ST-1003"))),
                        "feedback bad reason=too_many\nscanner bad\n");
    assert_string_equal(send(scan(2950, gtin("ST-1004"))),
                        "feedback bad reason=lookalike\nscanner bad\n");
    assert_string_equal(send(scan(2960, "LOC-A01")),
                        "feedback bad reason=choose_box\nscanner bad\n"
                        "suggest_help reason=tolerance\n");
}

static void test_box_choice(void **state)
{
    (void)state;
    service_level lv = level(3);
    const char *lines[] = { "ST-1011:2" };  /* suggestion S */
    start(&lv, lines, 1);
    go_to_items();
    send(scan(2000, gtin("ST-1011")));
    HAS(send(scan(2100, gtin("ST-1011"))), "show step=choose_box units=2/2 lines=ST-1011:2/2 box=S");
    assert_string_equal(send(scan(2200, "ENVELOPE")),
                        "feedback bad reason=box_too_small\nscanner bad\n");
    assert_string_equal(send(tap_box(2300, "ENVELOPE")), "feedback bad reason=box_too_small\n");
    assert_string_equal(send(tap_box(2400, "BARREL")), "feedback attention reason=unknown_box\n");
    assert_string_equal(send(tap(2450, PACK_ACT_REPRINT)), "feedback attention reason=not_now\n");
    /* a bigger box is allowed, and recorded against the suggestion */
    const char *t = send(tap_box(2500, "L"));
    HAS(t, "feedback good reason=other_box_noted\n");
    HAS(t, "step=choose_box expected=S scanned=L result=corrected errors=2 kinds=box_too_small "
           "hints=- coach=independent packed=2 box=L sscc=- ms=400");
    HAS(t, "print job=1 copy=1 order=SO-1 sscc=" SSCC1 " box=1/1 type=L");
    assert_string_equal(send(tap_box(2600, "S")), "feedback attention reason=not_now\n");
    /* the tap confirm of the suggestion */
    start(&lv, lines, 1);
    go_to_items();
    send(scan(2000, gtin("ST-1011")));
    send(scan(2100, gtin("ST-1011")));
    t = send(tap(2200, PACK_ACT_CONFIRM));
    HAS(t, "step=choose_box expected=S scanned=S result=right_first_time errors=0 kinds=- "
           "hints=- coach=independent packed=2 box=S sscc=- ms=100 at=2200 device=-\n");
    HAS(t, "type=S");
}

static void test_nothing_fits(void **state)
{
    (void)state;
    service_level lv = level(3);
    const char *lines[] = { "ST-1056:8" };  /* eight kitchen rolls, 55 l: over 75 % of XL */
    start(&lv, lines, 1);
    go_to_items();
    for (unsigned k = 0; k < 7; k++)
        send(scan(2000 + k, gtin("ST-1056")));
    const char *t = send(scan(2100, gtin("ST-1056")));
    HAS(t, "feedback attention reason=nothing_fits\nsuggest_help reason=nothing_fits\n"
           "show step=choose_box units=8/8 lines=ST-1056:8/8 box=XL chosen=- fits=0");
    /* no other box fits either, but the suggestion is taken when the coach says so */
    assert_string_equal(send(scan(2200, "L")), "feedback bad reason=box_too_small\nscanner bad\n");
    t = send(scan(2300, "XL"));
    HAS(t, "step=choose_box expected=XL scanned=XL result=corrected errors=1");
    HAS(t, "print job=1");
}

/* Gets a level-3 flow with one pair of socks to the moment the box is confirmed. */
static void to_box_step(unsigned lvl)
{
    service_level lv = level(lvl);
    const char *lines[] = { "ST-1011:1" };
    start(&lv, lines, 1);
    send(lv.scan_tote ? scan(1000, "TOTE-1") : tap(1000, PACK_ACT_START));
    HAS(send(scan(2000, gtin("ST-1011"))), "show step=choose_box");
}

static void test_printer_fault_waits_then_prints_once(void **state)
{
    (void)state;
    to_box_step(3);
    stiel_buf all;
    stiel_buf_init(&all, 0);
    /* the fault shows wherever the trainee is, before the print is due */
    const char *t = send(printer(2500, PACK_PRINTER_PAPER_OUT));
    assert_string_equal(t, "feedback attention reason=printer_paper_out\n"
                           "show step=choose_box units=1/1 lines=ST-1011:1/1 box=ENVELOPE "
                           "chosen=- fits=1 sscc=- printer=paper_out waiting=0 photo=0 "
                           "spoken=0 device_problem=0\n");
    assert_string_equal(send(printer(2600, PACK_PRINTER_PAPER_OUT)), "");  /* a repeated poll */
    t = send(tap(3000, PACK_ACT_CONFIRM));
    stiel_buf_puts(&all, t);
    HAS(t, "step=choose_box expected=ENVELOPE scanned=ENVELOPE result=right_first_time");
    HAS(t, "feedback attention reason=printer_paper_out\n"
           "show step=print units=1/1 lines=ST-1011:1/1 box=ENVELOPE chosen=ENVELOPE fits=1 "
           "sscc=" SSCC1 " printer=paper_out waiting=1");
    HASNT(t, "print job");
    t = send(printer(3500, PACK_PRINTER_HEAD_OPEN));
    stiel_buf_puts(&all, t);
    HAS(t, "feedback attention reason=printer_head_open\nshow step=print");
    HAS(t, "printer=head_open waiting=1");
    stiel_buf_puts(&all, send(tap(3600, PACK_ACT_REPRINT)));
    assert_string_equal((const char *)S->text.data, "feedback attention reason=wait_for_printer\n");
    stiel_buf_puts(&all, send(label(3700, SSCC1)));
    assert_string_equal((const char *)S->text.data, "feedback attention reason=wait_for_printer\n");
    stiel_buf_puts(&all, send(coach(3750, PICK_PROMPT_DONE_BY_COACH)));
    assert_string_equal((const char *)S->text.data, "feedback attention reason=wait_for_printer\n");
    stiel_buf_puts(&all, send(printer(3800, PACK_PRINTER_OFFLINE)));
    HAS((const char *)S->text.data, "reason=printer_offline");
    /* ready again: the label prints, once, and the print step's wait is its duration */
    t = send(printer(9000, PACK_PRINTER_READY));
    stiel_buf_puts(&all, t);
    assert_string_equal(t,
        "feedback good reason=printer_ready\n"
        "print job=1 copy=1 order=SO-1 sscc=" SSCC1 " box=1/1 type=ENVELOPE tracking=" SSCC1 "\n"
        "record seq=4 kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 step=print "
        "expected=" SSCC1 " scanned=printed result=right_first_time errors=0 kinds=- hints=- "
        "coach=independent packed=1 box=ENVELOPE sscc=" SSCC1 " ms=6000 at=9000 "
        "device=printer-1\n"
        "show step=verify_label units=1/1 lines=ST-1011:1/1 box=ENVELOPE chosen=ENVELOPE fits=1 "
        "sscc=" SSCC1 " printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    stiel_buf_puts(&all, send(printer(9100, PACK_PRINTER_READY)));
    assert_string_equal((const char *)S->text.data, "");
    /* a fault after the print: shown, nothing printed again */
    stiel_buf_puts(&all, send(printer(9200, PACK_PRINTER_PAPER_OUT)));
    stiel_buf_puts(&all, send(printer(9300, PACK_PRINTER_READY)));
    HAS((const char *)S->text.data, "feedback good reason=printer_ready\nshow step=verify_label");
    stiel_buf_puts(&all, send(label(9400, SSCC1)));
    stiel_buf_puts(&all, send(tap(9500, PACK_ACT_CLOSE)));
    HAS((const char *)all.data, "step=done");
    assert_int_equal(count((const char *)all.data, "print job="), 1);
    stiel_buf_free(&all);
}

static void test_verify_mismatch_voids_and_reprints(void **state)
{
    (void)state;
    to_box_step(3);
    send(tap(3000, PACK_ACT_CONFIRM));
    /* an old label from another package lies on the bench */
    const char *t = send(label(4000, "087123450000009991"));
    assert_string_equal(t,
        "feedback bad reason=label_mismatch\n"
        "scanner bad\n"
        "void_sscc sscc=" SSCC1 " reason=label_mismatch\n"
        "record seq=5 kind=sscc_voided trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
        "step=verify_label expected=" SSCC1 " scanned=087123450000009991 result=corrected "
        "errors=1 kinds=label_mismatch hints=- coach=independent packed=1 box=ENVELOPE "
        "sscc=" SSCC1 " ms=1000 at=4000 device=scanner-1\n"
        "print job=2 copy=1 order=SO-1 sscc=" SSCC2 " box=1/1 type=ENVELOPE tracking=" SSCC2 "\n"
        "show step=verify_label units=1/1 lines=ST-1011:1/1 box=ENVELOPE chosen=ENVELOPE fits=1 "
        "sscc=" SSCC2 " printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    /* the voided label again: an error, but nothing more to void */
    assert_string_equal(send(label(4500, SSCC1)),
                        "feedback bad reason=old_label\nscanner bad\n");
    assert_string_equal(send(scan(4600, gtin("ST-1011"))),
                        "feedback bad reason=scan_the_label\nscanner bad\n"
                        "suggest_help reason=tolerance\n");
    assert_string_equal(send(scan(4700, "NOPE")), "feedback bad reason=unknown_barcode\nscanner bad\n");
    /* a label read with a wrong check digit is no SSCC at all: nothing is voided */
    assert_string_equal(send(scan_sym(4800, SCAN_SYM_GS1_128, "00087123450000010011")),
                        "feedback bad reason=unknown_barcode\nscanner bad\n");
    /* a wedge without AIM ids sends the 20 digits */
    t = send(scan(5000, "00" SSCC2));
    HAS(t, "kind=step trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 step=verify_label "
           "expected=" SSCC2 " scanned=" SSCC2 " result=corrected errors=5 "
           "kinds=unknown_barcode,label_mismatch,out_of_order");
    HAS(t, "sscc=" SSCC2 " ms=2000 at=5000");
    t = send(tap(6000, PACK_ACT_CLOSE));
    HAS(t, "step=done expected=units:1 scanned=packed:1 result=corrected errors=5 "
           "kinds=unknown_barcode,label_mismatch,out_of_order");
    HAS(t, "sscc=" SSCC2);
    assert_int_equal(pack_flow_sscc_used(&S->flow), 2);
}

static void test_mismatch_while_printer_down_and_labels_used_up(void **state)
{
    (void)state;
    to_box_step(3);
    send(tap(3000, PACK_ACT_CONFIRM));
    send(printer(3500, PACK_PRINTER_HEAD_OPEN));
    const char *t = send(label(4000, "087123450000009991"));
    HAS(t, "void_sscc sscc=" SSCC1);
    HASNT(t, "print job");
    HAS(t, "sscc=" SSCC2 " printer=head_open waiting=1");
    assert_string_equal(send(label(4100, "087123450000009991")),
                        "feedback attention reason=wait_for_label\n");
    assert_string_equal(send(tap(4200, PACK_ACT_REPRINT)),
                        "feedback attention reason=wait_for_label\n");
    assert_string_equal(send(coach(4300, PICK_PROMPT_DONE_BY_COACH)),
                        "feedback attention reason=wait_for_label\n");
    t = send(printer(5000, PACK_PRINTER_READY));
    assert_string_equal(t, "feedback good reason=printer_ready\n"
                           "print job=2 copy=1 order=SO-1 sscc=" SSCC2 " box=1/1 type=ENVELOPE "
                           "tracking=" SSCC2 "\n"
                           "show step=verify_label units=1/1 lines=ST-1011:1/1 box=ENVELOPE "
                           "chosen=ENVELOPE fits=1 sscc=" SSCC2 " printer=ready waiting=0 "
                           "photo=0 spoken=0 device_problem=0\n");
    /* every mismatch with yet another label costs an SSCC, up to PACK_SSCC_MAX */
    char other[SSCC_LEN + 1];
    for (unsigned k = 2; k < PACK_SSCC_MAX; k++) {
        assert_int_equal(sscc_build('0', "8712345", 500 + k, other, NULL), STIEL_OK);
        HAS(send(label(6000 + k, other)), "void_sscc");
    }
    assert_int_equal(pack_flow_sscc_used(&S->flow), PACK_SSCC_MAX);
    assert_int_equal(sscc_build('0', "8712345", 600, other, NULL), STIEL_OK);
    t = send(label(7000, other));
    HAS(t, "feedback bad reason=label_mismatch\nscanner bad\n");
    HAS(t, "suggest_help reason=labels_used_up\n");
    HASNT(t, "void_sscc");
    HASNT(t, "print job");
    assert_int_equal(pack_flow_sscc_used(&S->flow), PACK_SSCC_MAX);
}

static void test_reprint_and_verify_off(void **state)
{
    (void)state;
    to_box_step(3);
    send(tap(3000, PACK_ACT_CONFIRM));
    /* a smudged label: a copy with the same SSCC, recorded as a reprint */
    const char *t = send(tap(3500, PACK_ACT_REPRINT));
    assert_string_equal(t,
        "record seq=5 kind=reprint trainee=T-0001 level=3 task=PK-test order=SO-1 line=0 "
        "step=verify_label expected=" SSCC1 " scanned=reprint result=right_first_time errors=0 "
        "kinds=- hints=- coach=independent packed=1 box=ENVELOPE sscc=" SSCC1 " ms=500 at=3500 "
        "device=-\n"
        "print job=2 copy=2 order=SO-1 sscc=" SSCC1 " box=1/1 type=ENVELOPE tracking=" SSCC1 "\n"
        "show step=verify_label units=1/1 lines=ST-1011:1/1 box=ENVELOPE chosen=ENVELOPE fits=1 "
        "sscc=" SSCC1 " printer=ready waiting=0 photo=0 spoken=0 device_problem=0\n");
    HAS(send(label(4000, SSCC1)), "show step=close");
    /* a reprint asked while the printer is down waits for it, and blocks the close */
    send(printer(4100, PACK_PRINTER_PAPER_OUT));
    t = send(tap(4200, PACK_ACT_REPRINT));
    HAS(t, "kind=reprint");
    HAS(t, "feedback attention reason=printer_paper_out\nshow step=close");
    HASNT(t, "print job");
    assert_string_equal(send(tap(4300, PACK_ACT_CLOSE)), "feedback attention reason=wait_for_label\n");
    HAS(send(printer(4400, PACK_PRINTER_READY)), "print job=3 copy=3");
    HAS(send(tap(4500, PACK_ACT_CLOSE)), "step=done");

    /* level 1 has no label verify: print, then close; the tracking reference is the task's */
    service_level lv = level(1);
    const char *lines[] = { "ST-1011:1" };
    static pack_task task;
    make_task(&task, 1, lines, 1);
    snprintf(task.tracking, sizeof task.tracking, "3SABC1234567");
    task.tote[0] = '\0';
    assert_int_equal(pack_flow_init(&S->flow, &S->cat, &lv, &task, &SRC, NULL), STIEL_OK);
    assert_string_equal(send(scan(900, "TOTE-1")),
                        "feedback bad reason=not_this_order\nscanner bad\n");
    HAS(send(scan(1000, "SO-1")), "expected=SO-1 scanned=SO-1 result=corrected");
    send(scan(2000, gtin("ST-1011")));
    t = send(tap(3000, PACK_ACT_CONFIRM));
    HAS(t, "print job=1 copy=1 order=SO-1 sscc=" SSCC1 " box=1/1 type=ENVELOPE "
           "tracking=3SABC1234567\n");
    HAS(t, "show step=close");
    HASNT(t, "verify_label");
    /* a label check the level does not ask for is still welcome */
    assert_string_equal(send(label(3500, SSCC1)), "scanner good\nfeedback good reason=label_ok\n");
    /* ...and a foreign label found then (typed as HRI by a wedge) still voids and reprints */
    t = send(scan(3550, "(00)087123450000009991"));
    HAS(t, "feedback bad reason=label_mismatch\nscanner bad\nvoid_sscc sscc=" SSCC1);
    HAS(t, "kind=sscc_voided");
    HAS(t, "step=close expected=" SSCC1 " scanned=087123450000009991");
    HAS(t, "print job=2 copy=1 order=SO-1 sscc=" SSCC2);
    HAS(t, "show step=close");
    assert_string_equal(send(scan(3600, "SO-1")), "feedback attention reason=close_package\n");
    HAS(send(tap(4000, PACK_ACT_CLOSE)), "step=done expected=units:1 scanned=packed:1");
}

static void test_coach_help_and_device(void **state)
{
    (void)state;
    service_level lv = level(3);
    const char *lines[] = { "ST-1011:2", "ST-1003:1" };
    start(&lv, lines, 2);
    assert_string_equal(send(coach(500, PICK_PROMPT_GESTURAL)),
                        "feedback attention reason=coach_prompt_noted\n");
    const char *t = send(coach(600, PICK_PROMPT_DONE_BY_COACH));
    HAS(t, "step=scan_order expected=TOTE-1 scanned=coach result=done_by_coach errors=0 kinds=- "
           "hints=- coach=gestural");
    t = send(tap(700, PACK_ACT_HELP_SPOKEN));
    HAS(t, "show step=scan_items");
    HAS(t, "spoken=1");
    send(coach(800, PICK_PROMPT_MODEL));
    send(coach(850, PICK_PROMPT_VERBAL));  /* the most intrusive prompt counts */
    send(scan(900, gtin("ST-1011")));
    t = send(coach(1000, PICK_PROMPT_DONE_BY_COACH));  /* the coach packs the rest of line 1 */
    HAS(t, "line=1 step=scan_items expected=8719123103704 scanned=coach result=done_by_coach "
           "errors=0 kinds=- hints=spoken coach=model packed=2");
    HAS(t, "lines=ST-1011:2/2,ST-1003:0/1");
    assert_string_equal(send(tap(1100, PACK_ACT_CALL_COACH)), "suggest_help reason=asked\n");
    pack_event lost = { .kind = PACK_EV_DEVICE, .now_ms = 1200, .ok = false };
    snprintf(lost.device, sizeof lost.device, "scanner-1");
    t = send(lost);
    HAS(t, "feedback attention reason=device_lost\nshow step=scan_items");
    HAS(t, "device_problem=1");
    lost.ok = true;
    HAS(send(lost), "feedback good reason=device_back\n");
    assert_string_equal(send((pack_event){ .kind = PACK_EV_TICK, .now_ms = 99999 }), "");
    send(scan(1300, gtin("ST-1003")));
    t = send(coach(1400, PICK_PROMPT_DONE_BY_COACH));
    HAS(t, "step=choose_box expected=S scanned=coach result=done_by_coach");
    HAS(t, "print job=1");
    t = send(coach(1500, PICK_PROMPT_DONE_BY_COACH));
    HAS(t, "step=verify_label expected=" SSCC1 " scanned=coach result=done_by_coach");
    t = send(coach(1600, PICK_PROMPT_DONE_BY_COACH));
    HAS(t, "step=close expected=close scanned=coach result=done_by_coach");
    HAS(t, "step=done");
    assert_string_equal(send(tap(1700, PACK_ACT_HELP_PHOTO)), "feedback attention reason=task_done\n");
    /* time that runs backwards is held at the last time seen */
    to_box_step(3);
    t = send(tap(10, PACK_ACT_CONFIRM));
    HAS(t, "ms=0 at=2000");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    service_level lv = level(3);
    pack_task task;
    pack_flow f;
    stiel_diag d;
    const char *two[] = { "ST-1011:1", "ST-1003:1" };
    make_task(&task, 3, two, 2);
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_OK);
    task.lines[1].item = task.lines[0].item;
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    HAS(d.text, "lines 1 and 2 hold the same item");
    make_task(&task, 3, two, 2);
    task.lines[0].qty = 0;
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    make_task(&task, 3, two, 2);
    task.lines[1].item = 99999;
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    make_task(&task, 3, two, 2);
    task.line_count = 0;
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    make_task(&task, 3, two, 2);
    task.tote[0] = task.order_no[0] = '\0';
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    make_task(&task, 3, two, 2);
    sscc_source bad = { '0', "87A2345", 1 };
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &bad, &d), STIEL_ERR_ARG);
    bad = (sscc_source){ '0', "8712345", 999999999 - PACK_SSCC_MAX + 2 };  /* too few left */
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &bad, &d), STIEL_ERR_ARG);
    bad.first_serial--;
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &bad, &d), STIEL_OK);
    catalogue nobox = S->cat;
    nobox.box_count = 0;
    assert_int_equal(pack_flow_init(&f, &nobox, &lv, &task, &SRC, &d), STIEL_ERR_ARG);
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, NULL, &d), STIEL_ERR_ARG);
    assert_int_equal(pack_flow_init(&f, &S->cat, &lv, &task, &SRC, &d), STIEL_OK);
    pack_effects fx;
    pack_event ev = { .kind = PACK_EV_TAP, .action = PACK_ACT_COUNT };
    assert_int_equal(pack_flow_handle(&f, &ev, &fx), STIEL_ERR_ARG);
    ev = (pack_event){ .kind = 99 };
    assert_int_equal(pack_flow_handle(&f, &ev, &fx), STIEL_ERR_ARG);
    ev = (pack_event){ .kind = PACK_EV_COACH, .prompt = PICK_PROMPT_NONE };
    assert_int_equal(pack_flow_handle(&f, &ev, &fx), STIEL_ERR_ARG);
    ev = (pack_event){ .kind = PACK_EV_PRINTER, .printer = PACK_PRINTER_COUNT };
    assert_int_equal(pack_flow_handle(&f, &ev, &fx), STIEL_ERR_ARG);
    ev = (pack_event){ .kind = PACK_EV_SCAN };
    memset(ev.data, 'A', sizeof ev.data);
    assert_int_equal(pack_flow_handle(&f, &ev, &fx), STIEL_ERR_ARG);
    assert_int_equal(f.step, PACK_STEP_SCAN_ORDER);
}

static void test_task_from_pick(void **state)
{
    (void)state;
    pick_task pick;
    memset(&pick, 0, sizeof pick);
    snprintf(pick.id, sizeof pick.id, "TR-1");
    snprintf(pick.trainee, sizeof pick.trainee, "T-0004");
    pick.level = 4;
    pick.order_count = 2;
    snprintf(pick.totes[0], sizeof pick.totes[0], "TOTE-1");
    snprintf(pick.totes[1], sizeof pick.totes[1], "TOTE-2");
    pick.line_count = 4;
    pick.lines[0] = (pick_line){ .order = 1, .item = 10, .location = 0, .qty = 3 };
    pick.lines[1] = (pick_line){ .order = 0, .item = 2, .location = 0, .qty = 1 };
    pick.lines[2] = (pick_line){ .order = 1, .item = 4, .location = 0, .qty = 2 };
    pick.lines[3] = (pick_line){ .order = 1, .item = 10, .location = 0, .qty = 1 };
    pack_task t;
    assert_int_equal(pack_task_from_pick(&pick, 1, NULL, "PK-1", "SO-22", &t, NULL), STIEL_OK);
    assert_string_equal(t.tote, "TOTE-2");
    assert_string_equal(t.order_no, "SO-22");
    assert_string_equal(t.trainee, "T-0004");
    assert_int_equal(t.level, 4);
    assert_int_equal(t.line_count, 2);
    assert_int_equal(t.lines[0].item, 10);
    assert_int_equal(t.lines[0].qty, 4);  /* the same item on two lines, merged */
    assert_int_equal(t.lines[1].item, 4);
    assert_int_equal(t.lines[1].qty, 2);
    unsigned picked[4] = { 2, 1, 0, 1 };  /* a short and a line with nothing */
    assert_int_equal(pack_task_from_pick(&pick, 1, picked, "PK-1", "SO-22", &t, NULL), STIEL_OK);
    assert_int_equal(t.line_count, 1);
    assert_int_equal(t.lines[0].qty, 3);
    unsigned none[4] = { 0 };
    stiel_diag d;
    assert_int_equal(pack_task_from_pick(&pick, 0, none, "PK-1", "SO-21", &t, &d),
                     STIEL_ERR_MISSING);
    assert_int_equal(pack_task_from_pick(&pick, 2, NULL, "PK-1", "SO-23", &t, &d), STIEL_ERR_ARG);
    service_level lv = level(4);
    assert_int_equal(pack_task_from_pick(&pick, 1, NULL, "PK-1", "SO-22", &t, NULL), STIEL_OK);
    assert_int_equal(pack_flow_init(&S->flow, &S->cat, &lv, &t, &SRC, NULL), STIEL_OK);
}

/* ---- recorded runs: text form, replay, resume ---------------------------------------------- */

static void test_event_text_round_trip(void **state)
{
    (void)state;
    pack_event in[] = {
        scan_sym(12, SCAN_SYM_GS1_128, "00" SSCC1 "\x1d" "10A B%"),
        tap(13, PACK_ACT_REPRINT), tap_box(14, "XL"), printer(15, PACK_PRINTER_HEAD_OPEN),
        coach(16, PICK_PROMPT_FULL_PHYSICAL),
        (pack_event){ .kind = PACK_EV_TICK, .now_ms = 18446744073709551615ULL },
        (pack_event){ .kind = PACK_EV_DEVICE, .now_ms = 17, .ok = true, .device = "scanner-2" },
    };
    stiel_buf b;
    stiel_buf_init(&b, 0);
    for (size_t k = 0; k < sizeof in / sizeof in[0]; k++)
        assert_int_equal(pack_event_format(&in[k], &b), STIEL_OK);
    assert_string_equal((char *)b.data,
                        "scan t=12 sym=GS1-128 dev=scanner-1 data=00" SSCC1 "%1D10A%20B%25\n"
                        "tap t=13 action=reprint\n"
                        "tap t=14 action=choose_box box=XL\n"
                        "printer t=15 status=head_open dev=printer-1\n"
                        "coach t=16 prompt=full_physical\n"
                        "tick t=18446744073709551615\n"
                        "device t=17 ok=1 dev=scanner-2\n");
    char *line = (char *)b.data;
    for (size_t k = 0; k < sizeof in / sizeof in[0]; k++) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        pack_event out;
        assert_int_equal(pack_event_parse(line, &out, NULL), STIEL_OK);
        assert_memory_equal(&out, &in[k], sizeof out);
        line = nl + 1;
    }
    stiel_buf_free(&b);
    static const char *const bad[] = {
        "", "jump t=1", "tap t=1", "tap t=1 action=fly", "tap t=1 action=choose_box",
        "tap t=1 action=start box=L x", "printer t=1 status=jammed", "printer status=ready",
        "scan t=1 data=%4", "scan t=1 data=%00", "scan t=1 sym=Nope data=1", "tick t=1 x",
        "coach t=1 prompt=independent", "device t=1 ok=2", "qty t=1 n=3", "tick t=-1",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        pack_event out;
        stiel_diag d;
        if (pack_event_parse(bad[k], &out, &d) == STIEL_OK)
            fail_msg("accepted \"%s\"", bad[k]);
    }
}

/* A level-3 run touching most paths (errors, help, coach, printer fault, mismatch, reprint), as
 * the app would log it. */
static size_t scripted_run(pack_event *ev, size_t cap)
{
    size_t n = 0;
    uint64_t t = 1000;
#define ADD(...) do { assert_true(n < cap); ev[n++] = (__VA_ARGS__); t += 700; } while (0)
    ADD(scan(t, "TOTE-7"));
    ADD(scan(t, "TOTE-1"));
    ADD((pack_event){ .kind = PACK_EV_TICK, .now_ms = t });
    ADD(scan(t, gtin("ST-1011")));
    ADD(scan(t, gtin("ST-1012")));
    ADD(tap(t, PACK_ACT_HELP_PHOTO));
    ADD(scan(t, gtin("ST-1011")));
    ADD(scan(t, gtin("ST-1011")));
    ADD(coach(t, PICK_PROMPT_VERBAL));
    ADD(scan(t, gtin("ST-1003")));
    ADD(printer(t, PACK_PRINTER_PAPER_OUT));
    ADD(scan(t, "ENVELOPE"));
    ADD(scan(t, "M"));
    ADD(tap(t, PACK_ACT_REPRINT));
    ADD(printer(t, PACK_PRINTER_READY));
    ADD(printer(t, PACK_PRINTER_READY));
    ADD(label(t, "087123450000009991"));
    ADD(label(t, SSCC1));
    ADD(tap(t, PACK_ACT_REPRINT));
    ADD(label(t, SSCC2));
    ADD(tap(t, PACK_ACT_CALL_COACH));
    ADD(tap(t, PACK_ACT_CLOSE));
#undef ADD
    return n;
}

static void start_scripted(void)
{
    service_level lv = level(3);
    const char *lines[] = { "ST-1011:2", "ST-1003:1" };
    start(&lv, lines, 2);
}

static void run_all(pack_flow *f, const pack_event *ev, size_t n, stiel_buf *log, size_t *marks)
{
    pack_effects fx;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(pack_flow_handle(f, &ev[k], &fx), STIEL_OK);
        assert_int_equal(pack_effects_format(&fx, &S->cat, log), STIEL_OK);
        if (marks)
            marks[k + 1] = log->len;
    }
}

static void test_replay_is_byte_for_byte(void **state)
{
    (void)state;
    start_scripted();
    static pack_event ev[64], back[64];
    size_t n = scripted_run(ev, 64);
    stiel_buf first, evlog, second;
    stiel_buf_init(&first, 0);
    stiel_buf_init(&evlog, 0);
    stiel_buf_init(&second, 0);
    pack_flow *orig = malloc(sizeof *orig);
    *orig = S->flow;
    run_all(&S->flow, ev, n, &first, NULL);
    const char *all = (const char *)first.data;
    HAS(all, "step=done expected=units:3 scanned=packed:3 result=corrected errors=6 "
             "kinds=wrong_order,lookalike,too_many,box_too_small,label_mismatch hints=- "
             "coach=independent packed=3 box=M sscc=" SSCC2 " ms=14000 at=15700");
    HAS(all, "reason=lookalike");
    HAS(all, "void_sscc sscc=" SSCC1);
    HAS(all, "kind=reprint");
    /* exactly: the first label (after the paper came back), the reprint after the mismatch, the
     * copy asked for; the second "ready" printed nothing */
    assert_int_equal(count(all, "print job="), 3);
    HAS(all, "print job=1 copy=1 order=SO-1 sscc=" SSCC1 " box=1/1 type=M");
    HAS(all, "print job=2 copy=1 order=SO-1 sscc=" SSCC2);
    HAS(all, "print job=3 copy=2 order=SO-1 sscc=" SSCC2);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(pack_event_format(&ev[k], &evlog), STIEL_OK);
    char *line = (char *)evlog.data;
    for (size_t k = 0; k < n; k++) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        assert_int_equal(pack_event_parse(line, &back[k], NULL), STIEL_OK);
        line = nl + 1;
    }
    pack_flow *again = malloc(sizeof *again);
    *again = *orig;
    assert_int_equal(pack_flow_replay(again, back, n, &second), STIEL_OK);
    assert_int_equal(first.len, second.len);
    assert_memory_equal(first.data, second.data, first.len);
    assert_memory_equal(again, &S->flow, sizeof *again);
    free(orig);
    free(again);
    stiel_buf_free(&first);
    stiel_buf_free(&evlog);
    stiel_buf_free(&second);
}

/* Checks that record seq runs 1, 2, 3... without gaps or repeats; returns the count. */
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
    start_scripted();
    static pack_event ev[64];
    size_t n = scripted_run(ev, 64);
    pack_flow *fresh = malloc(sizeof *fresh), *resumed = malloc(sizeof *resumed);
    *fresh = S->flow;
    stiel_buf full, tail;
    stiel_buf_init(&full, 0);
    stiel_buf_init(&tail, 0);
    size_t *marks = calloc(n + 1, sizeof *marks);
    run_all(&S->flow, ev, n, &full, marks);
    unsigned records = check_seq((const char *)full.data);
    if (records != 10)  /* order, 2 lines, box, print, void, reprint, verify, close, done */
        fail_msg("%u records in:\n%s", records, (const char *)full.data);
    for (size_t k = 0; k <= n; k++) {
        *resumed = *fresh;
        assert_int_equal(pack_flow_replay(resumed, ev, k, NULL), STIEL_OK);
        pack_effects fx;
        pack_flow_show(resumed, &fx);
        assert_int_equal(fx.count, 1);
        stiel_buf_reset(&tail);
        run_all(resumed, ev + k, n - k, &tail, NULL);
        /* acknowledged before the restart + what came after = the uninterrupted run: no print
         * job, void or record twice, none missing */
        assert_int_equal(marks[k] + tail.len, full.len);
        assert_memory_equal(full.data + marks[k], tail.data, tail.len);
        assert_memory_equal(resumed, &S->flow, sizeof *resumed);
    }
    /* the resume shows the exact step: waiting for paper at the print step */
    *resumed = *fresh;
    assert_int_equal(pack_flow_replay(resumed, ev, 13, NULL), STIEL_OK);
    pack_effects fx;
    pack_flow_show(resumed, &fx);
    assert_int_equal(fx.fx[0].show.step, PACK_STEP_PRINT);
    assert_true(fx.fx[0].show.print_waiting);
    assert_int_equal(fx.fx[0].show.printer, PACK_PRINTER_PAPER_OUT);
    assert_string_equal(fx.fx[0].show.sscc, SSCC1);
    free(marks);
    free(fresh);
    free(resumed);
    stiel_buf_free(&full);
    stiel_buf_free(&tail);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sscc_build_and_check_digit),
        cmocka_unit_test(test_box_suggestion),
        cmocka_unit_test(test_happy_path_level3),
        cmocka_unit_test(test_order_step),
        cmocka_unit_test(test_item_errors),
        cmocka_unit_test(test_box_choice),
        cmocka_unit_test(test_nothing_fits),
        cmocka_unit_test(test_printer_fault_waits_then_prints_once),
        cmocka_unit_test(test_verify_mismatch_voids_and_reprints),
        cmocka_unit_test(test_mismatch_while_printer_down_and_labels_used_up),
        cmocka_unit_test(test_reprint_and_verify_off),
        cmocka_unit_test(test_coach_help_and_device),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_task_from_pick),
        cmocka_unit_test(test_event_text_round_trip),
        cmocka_unit_test(test_replay_is_byte_for_byte),
        cmocka_unit_test(test_resume_after_every_event),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
