/* Tests of the WMS pick-list parser and the result formats (kiosk/core/orders.h): the sample
 * pick lists against the sample warehouse, each class of bad input with its exact error and
 * position, files cut short, and round trips of the result in CSV and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/core/orders.h"
#include "tests/kiosk/core/core_fixture.h"

static catalogue cat;

static int setup(void **state)
{
    (void)state;
    core_errors errs;
    core_errors_clear(&errs);
    memset(&cat, 0, sizeof cat);
    return fixture_load_warehouse(&cat, &errs) == STIEL_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    catalogue_free(&cat);
    return 0;
}

static stiel_status parse_text(const char *name, const char *text, orders_list *out,
                               core_errors *errs)
{
    core_errors_clear(errs);
    memset(out, 0, sizeof *out);
    return orders_parse(name, text, strlen(text), &cat, out, errs);
}

static stiel_status parse_sample(const char *name, orders_list *out, core_errors *errs)
{
    char rel[128];
    size_t len = 0;
    snprintf(rel, sizeof rel, "samples/orders/%s", name);
    char *text = fixture_read_asset(rel, &len);
    assert_non_null(text);
    core_errors_clear(errs);
    memset(out, 0, sizeof *out);
    stiel_status st = orders_parse(name, text, len, &cat, out, errs);
    free(text);
    return st;
}

/* Parses text, expects status st and exactly one error with this text, and an empty list. */
static void expect_one(const char *name, const char *text, stiel_status st, const char *msg)
{
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_text(name, text, &l, &errs), st);
    assert_int_equal(l.count, 0);
    assert_null(l.orders);
    assert_int_equal(core_errors_total(&errs), 1);
    assert_int_equal(errs.items[0].code, st);
    assert_string_equal(errs.items[0].text, msg);
}

static void expect_sample(const char *name, stiel_status st, size_t nerr, const char *first)
{
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_sample(name, &l, &errs), st);
    assert_int_equal(l.count, 0);
    assert_int_equal(core_errors_total(&errs), nerr);
    assert_string_equal(errs.items[0].text, first);
}

static const char *sku_of(const order *o, size_t i)
{
    return cat.items[o->task.lines[i].item].sku;
}

static const char *loc_of(const order *o, size_t i)
{
    return cat.locations[o->task.lines[i].location].code;
}

/* ---- good pick lists --------------------------------------------------------------------------- */

static void test_sample_csv(void **state)
{
    (void)state;
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_sample("picklist-0801.csv", &l, &errs), STIEL_OK);
    assert_int_equal(core_errors_total(&errs), 0);
    assert_string_equal(l.source, "picklist-0801.csv");
    assert_int_equal(l.count, 2);
    const order *a = &l.orders[0], *b = &l.orders[1];
    assert_string_equal(a->id, "SO-24050101");
    assert_int_equal(a->line, 2);
    assert_string_equal(a->task.id, "WMS-SO-24050101");
    assert_int_equal(a->task.order_count, 1);
    assert_string_equal(a->task.totes[0], "TOTE-11");
    assert_string_equal(a->task.trainee, "");
    assert_int_equal(a->task.line_count, 3);
    assert_string_equal(a->line_ids[0], "10");
    assert_string_equal(a->line_ids[2], "30");
    assert_string_equal(sku_of(a, 0), "ST-1002");
    assert_string_equal(sku_of(a, 2), "ST-1015");  /* by GTIN alone */
    assert_string_equal(loc_of(a, 1), "B-01");
    assert_int_equal(a->task.lines[2].qty, 3);
    assert_int_equal(a->task.lines[2].drill, DRILL_NONE);
    assert_string_equal(b->id, "SO-24050102");
    assert_int_equal(b->line, 5);
    assert_int_equal(b->task.line_count, 2);
    assert_int_equal(b->task.lines[1].qty, 4);
    assert_string_equal(loc_of(b, 1), "D-02");
    orders_list_free(&l);
    assert_null(l.orders);
}

static void test_sample_json(void **state)
{
    (void)state;
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_sample("picklist-0815.json", &l, &errs), STIEL_OK);
    assert_int_equal(l.count, 2);
    const order *a = &l.orders[0], *b = &l.orders[1];
    assert_string_equal(a->id, "SO-24050103");
    assert_int_equal(a->line, 5);
    assert_string_equal(a->task.totes[0], "TOTE-13");
    assert_int_equal(a->task.line_count, 2);
    assert_string_equal(sku_of(a, 1), "ST-1012");
    assert_string_equal(loc_of(a, 1), "B-02");
    assert_int_equal(a->task.lines[1].qty, 2);
    assert_string_equal(b->task.totes[0], "");
    assert_string_equal(b->line_ids[0], "1");  /* a number as line reference */
    assert_int_equal(b->task.lines[0].qty, 6);
    orders_list_free(&l);
}

static void test_defaults_and_barcode(void **state)
{
    (void)state;
    orders_list l;
    core_errors errs;
    /* no line column: references 1, 2; a location by its barcode; LF only; BOM-free */
    assert_int_equal(parse_text("x.csv", "sku,order_id,qty,location,customer_name\n"
                                         "ST-1002,A1,1,LOC-A02,ignored\n"
                                         "ST-1005,A1,2,A-05,ignored\n",
                                &l, &errs),
                     STIEL_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.orders[0].line_ids[0], "1");
    assert_string_equal(l.orders[0].line_ids[1], "2");
    assert_string_equal(loc_of(&l.orders[0], 0), "A-02");
    orders_list_free(&l);
    /* no usable extension: sniffed as JSON */
    assert_int_equal(parse_text("drop-17", " {\"orders\":[{\"order_id\":\"Q\",\"lines\":[{\"sku\":"
                                           "\"ST-1002\",\"location\":\"A-02\",\"qty\":1}]}]}",
                                &l, &errs),
                     STIEL_OK);
    assert_int_equal(l.count, 1);
    orders_list_free(&l);
}

/* ---- each bad input, with its exact error ------------------------------------------------------ */

static void test_bad_samples(void **state)
{
    (void)state;
    expect_sample("bad-unknown-sku.csv", STIEL_ERR_NOT_FOUND, 1,
                  "bad-unknown-sku.csv:2: column sku: no item has sku \"ST-9999\" in the "
                  "catalogue");
    expect_sample("bad-unknown-gtin.csv", STIEL_ERR_NOT_FOUND, 1,
                  "bad-unknown-gtin.csv:2: column gtin: no item has GTIN \"8719123100383\" in "
                  "the catalogue");
    expect_sample("bad-unknown-location.csv", STIEL_ERR_NOT_FOUND, 1,
                  "bad-unknown-location.csv:2: column location: no location has code \"Z-99\" "
                  "in the catalogue");
    expect_sample("bad-quantity.csv", STIEL_ERR_SYNTAX, 3,
                  "bad-quantity.csv:2: column qty: 0 is outside 1..999");
    expect_sample("bad-duplicate-order.csv", STIEL_ERR_SYNTAX, 1,
                  "bad-duplicate-order.csv:4: column order_id: order SO-9005 is already in this "
                  "file (line 2): an order id comes once, with all its lines together");
    expect_sample("bad-missing-column.csv", STIEL_ERR_MISSING, 1,
                  "bad-missing-column.csv:1: missing column qty; the first row must name it");
    expect_sample("bad-truncated.csv", STIEL_ERR_TRUNCATED, 1,
                  "bad-truncated.csv:3: the file does not end with a line break, so it may be "
                  "cut off (half written); the WMS must end every line with one");
    expect_sample("bad-truncated.json", STIEL_ERR_TRUNCATED, 1,
                  "bad-truncated.json:9:57: the JSON ends early, so the file may be cut off "
                  "(half written)");
    expect_sample("bad-qty-string.json", STIEL_ERR_SYNTAX, 1,
                  "bad-qty-string.json:1:98: orders[0].lines[0].qty: must be a number (a whole "
                  "number of units)");
}

static void test_bad_quantities(void **state)
{
    (void)state;
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_sample("bad-quantity.csv", &l, &errs), STIEL_ERR_SYNTAX);
    assert_string_equal(errs.items[1].text, "bad-quantity.csv:3: column qty: \"2.5\" is not a "
                                            "whole number");
    assert_string_equal(errs.items[2].text, "bad-quantity.csv:4: column qty: 1000 is outside "
                                            "1..999");
    expect_one("q.csv", "order_id,sku,location,qty\nA,ST-1002,A-02,\n", STIEL_ERR_MISSING,
               "q.csv:2: column qty: is empty; every line needs a quantity");
    expect_one("q.csv", "order_id,sku,location,qty\nA,ST-1002,A-02,-1\n", STIEL_ERR_SYNTAX,
               "q.csv:2: column qty: \"-1\" is not a whole number");
    expect_one("q.json", "{\"orders\":[{\"order_id\":\"A\",\"lines\":[{\"sku\":\"ST-1002\","
                         "\"location\":\"A-02\",\"qty\":2.5}]}]}",
               STIEL_ERR_SYNTAX, "q.json:1:78: orders[0].lines[0].qty: \"2.5\" is not a whole "
                                 "number");
    expect_one("q.json", "{\"orders\":[{\"order_id\":\"A\",\"lines\":[{\"sku\":\"ST-1002\","
                         "\"location\":\"A-02\",\"qty\":1e3}]}]}",
               STIEL_ERR_SYNTAX, "q.json:1:78: orders[0].lines[0].qty: \"1e3\" is not a whole "
                                 "number");
}

static void test_bad_items_and_locations(void **state)
{
    (void)state;
    expect_one("i.csv", "order_id,sku,gtin,location,qty\nA,ST-1002,8719123100741,A-02,1\n",
               STIEL_ERR_NOT_FOUND, "i.csv:2: column gtin: GTIN 8719123100741 is item ST-1003, "
                                    "not ST-1002");
    expect_one("i.csv", "order_id,sku,gtin,location,qty\nA,,,A-02,1\n", STIEL_ERR_MISSING,
               "i.csv:2: column sku: is empty; every line needs a sku or a gtin");
    expect_one("i.csv", "order_id,location,qty\nA,A-02,1\n", STIEL_ERR_MISSING,
               "i.csv:1: missing column sku (or gtin); the first row must name one");
    expect_one("i.csv", "order_id,sku,location,qty\nA,ST-1002,,1\n", STIEL_ERR_MISSING,
               "i.csv:2: column location: is empty; every line needs the location to pick from");
    /* JSON: the position of the value, and of its object when a key is missing */
    expect_one("i.json", "{\"orders\": [\n  {\"order_id\": \"A\", \"lines\": [\n"
                         "    {\"sku\": \"ST-1002\", \"location\": \"A-02\", \"qty\": 1},\n"
                         "    {\"sku\": \"ST-4242\", \"location\": \"A-02\", \"qty\": 1}\n"
                         "  ]}\n]}\n",
               STIEL_ERR_NOT_FOUND, "i.json:4:13: orders[0].lines[1].sku: no item has sku "
                                    "\"ST-4242\" in the catalogue");
    expect_one("i.json", "{\"orders\": [\n  {\"order_id\": \"A\", \"lines\": [\n"
                         "    {\"sku\": \"ST-1002\", \"qty\": 1}\n  ]}\n]}\n",
               STIEL_ERR_MISSING, "i.json:3:5: orders[0].lines[0].location: is empty; every "
                                  "line needs the location to pick from");
    expect_one("i.json", "{\"orders\":[{\"order_id\":\"A\",\"lines\":[{\"sku\":7,"
                         "\"location\":\"A-02\",\"qty\":1}]}]}",
               STIEL_ERR_SYNTAX, "i.json:1:44: orders[0].lines[0].sku: must be a string");
}

static void test_bad_ids(void **state)
{
    (void)state;
    expect_one("d.csv", "order_id,line,sku,location,qty\nA,1,ST-1002,A-02,1\nA,1,ST-1005,A-05,1\n",
               STIEL_ERR_SYNTAX, "d.csv:3: column line: line 1 is already in order A");
    expect_one("d.csv", "order_id,sku,location,qty\n../etc,ST-1002,A-02,1\n", STIEL_ERR_CHARSET,
               "d.csv:2: column order_id: \"../etc\" may hold only letters, digits, '-', '_' and "
               "'.' (not first)");
    expect_one("d.csv", "order_id,sku,location,qty\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,ST-1002,"
                        "A-02,1\n",
               STIEL_ERR_LENGTH, "d.csv:2: column order_id: is 33 bytes long, at most 31 fit");
    expect_one("d.json", "{\"orders\":[{\"order_id\":\"A\",\"lines\":[{\"sku\":\"ST-1002\","
                         "\"location\":\"A-02\",\"qty\":1}]},{\"order_id\":\"A\",\"lines\":[{\"sku\""
                         ":\"ST-1002\",\"location\":\"A-02\",\"qty\":1}]}]}",
               STIEL_ERR_SYNTAX, "d.json:1:95: orders[1].order_id: order A is already in this file "
                                 "(line 1): an order id comes once, with all its lines together");
    expect_one("d.json", "{\"orders\":[{\"lines\":[]}]}", STIEL_ERR_MISSING,
               "d.json:1:12: orders[0].order_id: is missing; every order needs its id");
    expect_one("d.json", "{\"orders\":[{\"order_id\":\"B\",\"lines\":[]}]}", STIEL_ERR_MISSING,
               "d.json:1:12: orders[0]: order B has no lines");
    expect_one("t.csv", "order_id,sku,location,qty,tote\nA,ST-1002,A-02,1,T1\nA,ST-1005,A-05,1,T2\n",
               STIEL_ERR_SYNTAX, "t.csv:3: column tote: \"T2\" differs from the tote on the "
                                 "order's first line (\"T1\")");
}

static void test_bad_shapes(void **state)
{
    (void)state;
    expect_one("e.csv", "", STIEL_ERR_MISSING, "e.csv: is empty");
    expect_one("e.csv", "order_id,sku,location,qty\n", STIEL_ERR_MISSING, "e.csv: holds no order");
    expect_one("e.json", "{\"orders\":[]}\n", STIEL_ERR_MISSING, "e.json: holds no order");
    expect_one("e.json", "[1,2]", STIEL_ERR_SYNTAX,
               "e.json:1:1: the document must be an object with \"orders\"");
    expect_one("e.json", "{\"order\":[]}", STIEL_ERR_MISSING,
               "e.json:1:1: orders: is missing; the document must list its orders");
    expect_one("e.json", "{\"format\":\"other\",\"orders\":[]}", STIEL_ERR_UNSUPPORTED,
               "e.json:1:11: format: is not \"stiel-pick-list\"");
    expect_one("e.json", "{\"orders\":[]} {}", STIEL_ERR_SYNTAX,
               "e.json:1:15: text after the end of the JSON document");
    expect_one("e.json", "{\"orders\":[,]}", STIEL_ERR_SYNTAX,
               "e.json:1:12: JSON syntax error near \",]}\"");
    expect_one("e.json", "{\"orders\":[{\"order_id\":\"A\",\"li", STIEL_ERR_TRUNCATED,
               "e.json:1:31: the JSON ends early, so the file may be cut off (half written)");
    /* a CSV cut inside a quoted field, with a line break inside the quotes */
    expect_one("c.csv", "order_id,sku,location,qty\n\"A\n", STIEL_ERR_TRUNCATED,
               "c.csv:2: column order_id: a quoted field is never closed (its closing quote is "
               "missing)");
    /* CSV syntax errors come from csv.h, with their position */
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_text("s.csv", "order_id,sku,location,qty\nA,ST-1002,A-02\n", &l,
                                &errs),
                     STIEL_ERR_SYNTAX);
    assert_non_null(strstr(errs.items[0].text, "s.csv:2"));
}

static void test_too_many_lines(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(stiel_buf_puts(&b, "order_id,sku,location,qty\n"), STIEL_OK);
    for (int i = 0; i < ORDER_LINES_MAX + 2; i++)
        assert_int_equal(stiel_buf_puts(&b, "A,ST-1002,A-02,1\n"), STIEL_OK);
    expect_one("m.csv", (const char *)b.data, STIEL_ERR_OVERLONG,
               "m.csv:22: column qty: order A has more than 20 lines; an order is packed in one "
               "box: split it");
    stiel_buf_free(&b);
}

/* ---- results ----------------------------------------------------------------------------------- */

static void make_result(order_result *r, orders_list *l)
{
    core_errors errs;
    assert_int_equal(parse_sample("picklist-0801.csv", l, &errs), STIEL_OK);
    assert_int_equal(order_result_init(r, &l->orders[0], &cat, "picklist-0801,\"v2\".csv"),
                     STIEL_OK);
    assert_string_equal(r->lines[2].sku, "ST-1015");
    assert_string_equal(r->lines[2].gtin, "8719123105180");
    assert_int_equal(r->lines[0].short_reason, ORDER_SHORT_SKIPPED);
    snprintf(r->trainee, sizeof r->trainee, "T-0002");
    snprintf(r->kiosk, sizeof r->kiosk, "pick-1");
    r->started_ms = 1714641243250;
    r->finished_ms = 1714641243250 + 754321;
    r->lines[0].picked = 2;
    r->lines[0].short_reason = ORDER_SHORT_NONE;
    r->lines[1].picked = 0;
    r->lines[1].short_reason = ORDER_SHORT_EMPTY;
    r->lines[2].picked = 1;
    r->lines[2].short_reason = ORDER_SHORT_DAMAGED;
    snprintf(r->packed_by, sizeof r->packed_by, "T-0003");
    snprintf(r->pack_kiosk, sizeof r->pack_kiosk, "pack-1");
    r->packed_ms = 1714642000000;
    snprintf(r->box, sizeof r->box, "M");
    snprintf(r->sscc, sizeof r->sscc, "054100001234567897");
}

static void test_result_csv(void **state)
{
    (void)state;
    order_result r, back;
    orders_list l;
    make_result(&r, &l);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    assert_int_equal(order_result_format(&r, ORDERS_FORMAT_CSV, &b, &d), STIEL_OK);
    const char *want =
        "order_id,line,sku,gtin,location,qty_ordered,qty_picked,short_reason,status,source,"
        "trainee,kiosk,pick_started,pick_finished,packed_by,pack_kiosk,packed_at,box,sscc\r\n"
        "SO-24050101,10,ST-1002,8719123100376,A-02,2,2,,short,\"picklist-0801,\"\"v2\"\".csv\","
        "T-0002,pick-1,2024-05-02T09:14:03.250Z,2024-05-02T09:26:37.571Z,T-0003,pack-1,"
        "2024-05-02T09:26:40.000Z,M,054100001234567897\r\n";
    assert_memory_equal(b.data, want, strlen(want));
    assert_non_null(strstr((const char *)b.data, ",B-01,1,0,empty,short,"));
    assert_non_null(strstr((const char *)b.data, ",B-05,3,1,damaged,short,"));
    assert_int_equal(order_result_parse((const char *)b.data, b.len, ORDERS_FORMAT_CSV, &back,
                                        &d),
                     STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    stiel_buf_free(&b);
    orders_list_free(&l);
}

static void test_result_json(void **state)
{
    (void)state;
    order_result r, back;
    orders_list l;
    make_result(&r, &l);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    assert_int_equal(order_result_format(&r, ORDERS_FORMAT_JSON, &b, &d), STIEL_OK);
    const char *s = (const char *)b.data;
    assert_non_null(strstr(s, "\"format\":\t\"stiel-order-result\""));
    assert_non_null(strstr(s, "\"status\":\t\"short\""));
    assert_non_null(strstr(s, "\"started\":\t\"2024-05-02T09:14:03.250Z\""));
    assert_non_null(strstr(s, "\"sscc\":\t\"054100001234567897\""));
    assert_non_null(strstr(s, "\"short_reason\":\tnull"));
    assert_non_null(strstr(s, "\"short_reason\":\t\"empty\""));
    assert_int_equal(order_result_parse(s, b.len, ORDERS_FORMAT_JSON, &back, &d), STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    /* not packed: "pack" is null, and that reads back as empty */
    stiel_buf_reset(&b);
    memset(r.packed_by, 0, sizeof r.packed_by);
    memset(r.pack_kiosk, 0, sizeof r.pack_kiosk);
    memset(r.box, 0, sizeof r.box);
    memset(r.sscc, 0, sizeof r.sscc);
    r.packed_ms = 0;
    for (size_t i = 0; i < r.line_count; i++) {
        r.lines[i].picked = r.lines[i].ordered;
        r.lines[i].short_reason = ORDER_SHORT_NONE;
    }
    assert_string_equal(order_result_status(&r), "complete");
    assert_int_equal(order_result_format(&r, ORDERS_FORMAT_JSON, &b, &d), STIEL_OK);
    assert_non_null(strstr((const char *)b.data, "\"pack\":\tnull"));
    assert_int_equal(order_result_parse((const char *)b.data, b.len, ORDERS_FORMAT_JSON, &back,
                                        &d),
                     STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    /* cut short: refused */
    assert_int_equal(order_result_parse((const char *)b.data, b.len / 2, ORDERS_FORMAT_JSON,
                                        &back, &d),
                     STIEL_ERR_TRUNCATED);
    stiel_buf_free(&b);
    orders_list_free(&l);
}

static void test_result_rules(void **state)
{
    (void)state;
    order_result r;
    orders_list l;
    make_result(&r, &l);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    order_result bad = r;
    bad.lines[1].picked = 3;  /* more than ordered */
    assert_int_equal(order_result_format(&bad, ORDERS_FORMAT_CSV, &b, &d), STIEL_ERR_ARG);
    assert_string_equal(d.text, "result SO-24050101 line 2: 3 of 1 picked");
    bad = r;
    bad.lines[1].short_reason = ORDER_SHORT_NONE;  /* short without a reason */
    assert_int_equal(order_result_format(&bad, ORDERS_FORMAT_JSON, &b, &d), STIEL_ERR_ARG);
    assert_string_equal(d.text, "result SO-24050101 line 2: short reason none with 0 of 1 "
                                "picked");
    bad = r;
    snprintf(bad.sscc, sizeof bad.sscc, "12345");
    assert_int_equal(order_result_format(&bad, ORDERS_FORMAT_CSV, &b, &d), STIEL_ERR_ARG);
    assert_int_equal(b.len, 0);  /* nothing written */
    /* a CSV whose rows disagree on the order is refused */
    assert_int_equal(order_result_format(&r, ORDERS_FORMAT_CSV, &b, &d), STIEL_OK);
    char *p = strstr((char *)b.data, "\r\nSO-24050101,20");
    assert_non_null(p);
    p[2 + 10] = '9';
    order_result back;
    assert_int_equal(order_result_parse((const char *)b.data, b.len, ORDERS_FORMAT_CSV, &back,
                                        &d),
                     STIEL_ERR_SYNTAX);
    stiel_buf_free(&b);
    orders_list_free(&l);
}

static void test_result_from_pick(void **state)
{
    (void)state;
    order_result r;
    orders_list l;
    core_errors errs;
    assert_int_equal(parse_sample("picklist-0801.csv", &l, &errs), STIEL_OK);
    assert_int_equal(order_result_init(&r, &l.orders[0], &cat, "picklist-0801.csv"), STIEL_OK);
    static pick_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.task = l.orders[0].task;
    flow.picked[0] = 2;
    flow.status[0] = PICK_LINE_DONE;
    flow.picked[1] = 0;
    flow.status[1] = PICK_LINE_SHORT;
    flow.short_reason[1] = PICK_SHORT_NOT_FOUND;
    flow.picked[2] = 1;
    flow.status[2] = PICK_LINE_SKIPPED;
    assert_int_equal(order_result_from_pick(&r, &flow), STIEL_OK);
    assert_int_equal(r.lines[0].picked, 2);
    assert_int_equal(r.lines[0].short_reason, ORDER_SHORT_NONE);
    assert_int_equal(r.lines[1].short_reason, ORDER_SHORT_NOT_FOUND);
    assert_int_equal(r.lines[2].picked, 1);
    assert_int_equal(r.lines[2].short_reason, ORDER_SHORT_SKIPPED);
    flow.task.line_count = 2;
    assert_int_equal(order_result_from_pick(&r, &flow), STIEL_ERR_ARG);
    orders_list_free(&l);
}

static void test_times(void **state)
{
    (void)state;
    char t[ORDER_TIME_TEXT + 1];
    int64_t ms = -1;
    orders_time_format(0, t);
    assert_string_equal(t, "1970-01-01T00:00:00.000Z");
    orders_time_format(1714641243250, t);
    assert_string_equal(t, "2024-05-02T09:14:03.250Z");
    orders_time_format(951868799999, t);
    assert_string_equal(t, "2000-02-29T23:59:59.999Z");
    assert_true(orders_time_parse("2000-02-29T23:59:59.999Z", &ms));
    assert_int_equal(ms, 951868799999);
    assert_true(orders_time_parse("2024-05-02T09:14:03Z", &ms));
    assert_int_equal(ms, 1714641243000);
    assert_false(orders_time_parse("2023-02-29T00:00:00Z", &ms));
    assert_false(orders_time_parse("1900-02-28T00:00:00Z", &ms));
    assert_false(orders_time_parse("2024-05-02 09:14:03Z", &ms));
    assert_false(orders_time_parse("2024-05-02T24:00:00Z", &ms));
    for (int64_t v = 0; v < 4102444800000; v += 86399999 * 7 + 13) {
        orders_time_format(v, t);
        assert_true(orders_time_parse(t, &ms));
        assert_int_equal(ms, v);
    }
}

/* Found by fuzz/fuzz_orders: a JSON syntax error within 12 bytes of the end quoted the text with
 * "%.12s", reading past len (the text need not be NUL-terminated). Only the bytes of the text
 * may show in the message. */
static void test_json_error_quotes_only_the_text(void **state)
{
    (void)state;
    static const char buf[] = "{\"orders\":]XYZWVUTSRQPONM";
    size_t len = strlen("{\"orders\":]");
    orders_list l;
    core_errors errs;
    memset(&l, 0, sizeof l);
    core_errors_clear(&errs);
    assert_int_equal(orders_parse("cut.json", buf, len, &cat, &l, &errs), STIEL_ERR_SYNTAX);
    assert_int_equal(errs.count, 1);
    assert_non_null(strstr(errs.items[0].text, "near \"]\""));
    assert_null(strstr(errs.items[0].text, "XYZ"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_csv),
        cmocka_unit_test(test_sample_json),
        cmocka_unit_test(test_defaults_and_barcode),
        cmocka_unit_test(test_bad_samples),
        cmocka_unit_test(test_bad_quantities),
        cmocka_unit_test(test_bad_items_and_locations),
        cmocka_unit_test(test_bad_ids),
        cmocka_unit_test(test_bad_shapes),
        cmocka_unit_test(test_too_many_lines),
        cmocka_unit_test(test_result_csv),
        cmocka_unit_test(test_result_json),
        cmocka_unit_test(test_result_rules),
        cmocka_unit_test(test_result_from_pick),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_json_error_quotes_only_the_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
