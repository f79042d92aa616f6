/* libFuzzer target for the WMS order formats (kiosk/core/orders.h) against the sample warehouse
 * (assets/warehouse, loaded once); the first byte picks the decoder.
 * 0-2: orders_parse of a pick list named .csv, .json, or with no extension (format sniffed): the
 *      orders that parse name real items and locations with quantities in range, and the result of
 *      each formats (CSV and JSON) to text that parses and formats to the same bytes.
 * 3-4: order_result_parse of CSV or JSON: a result that parses and formats round-trips the same
 *      way. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/orders.h"
#include "tests/kiosk/core/core_fixture.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static catalogue cat;
static bool loaded;

/* Formats r as fmt, parses it back and formats again: the same bytes. */
static void result_round_trip(const order_result *r, orders_format fmt, bool must_format)
{
    static order_result back;
    stiel_buf a, b;
    stiel_diag diag;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    stiel_status st = order_result_format(r, fmt, &a, &diag);
    if (st != STIEL_OK) {
        CHECK(!must_format && st == STIEL_ERR_ARG && diag.code == st);
    } else {
        memset(&back, 0, sizeof back);
        CHECK(order_result_parse((const char *)a.data, a.len, fmt, &back, &diag) == STIEL_OK);
        CHECK(order_result_format(&back, fmt, &b, &diag) == STIEL_OK);
        CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        CHECK(strcmp(order_result_status(&back), order_result_status(r)) == 0);
    }
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void fuzz_pick_list(const char *name, const char *text, size_t len)
{
    static core_errors errs;
    static order_result r;
    orders_list list;
    memset(&list, 0, sizeof list);
    core_errors_clear(&errs);
    stiel_status st = orders_parse(name, text, len, &cat, &list, &errs);
    if (st != STIEL_OK) {
        CHECK(core_errors_total(&errs) >= 1 && errs.items[0].code == st);
        CHECK(list.orders == NULL && list.count == 0);
        return;
    }
    CHECK(list.count >= 1 && list.count <= ORDERS_PER_FILE_MAX);
    CHECK(strcmp(list.source, name) == 0);
    for (size_t i = 0; i < list.count; i++) {
        const order *o = &list.orders[i];
        CHECK(orders_id_valid(o->id));
        CHECK(o->task.order_count == 1);
        CHECK(o->task.line_count >= 1 && o->task.line_count <= ORDER_LINES_MAX);
        for (size_t k = 0; k < o->task.line_count; k++) {
            const pick_line *pl = &o->task.lines[k];
            CHECK(pl->item < cat.item_count && pl->location < cat.location_count);
            CHECK(pl->qty >= 1 && pl->qty <= ORDER_QTY_MAX && pl->order == 0);
        }
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(list.orders[j].id, o->id) != 0);
        if (i < 3) {
            CHECK(order_result_init(&r, o, &cat, name) == STIEL_OK);
            CHECK(r.line_count == o->task.line_count);
            strcpy(r.trainee, "T-0001");
            strcpy(r.kiosk, "kiosk-1");
            r.started_ms = 1714641243250;
            r.finished_ms = 1714642000000;
            result_round_trip(&r, ORDERS_FORMAT_CSV, true);
            result_round_trip(&r, ORDERS_FORMAT_JSON, true);
        }
    }
    orders_list_free(&list);
    CHECK(list.orders == NULL && list.count == 0);
}

static void fuzz_result(orders_format fmt, const char *text, size_t len)
{
    static order_result r;
    stiel_diag diag;
    memset(&r, 0, sizeof r);
    stiel_status st = order_result_parse(text, len, fmt, &r, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        return;
    }
    CHECK(r.line_count <= ORDER_LINES_MAX);
    result_round_trip(&r, fmt, false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loaded) {
        static core_errors errs;
        if (fixture_load_warehouse(&cat, &errs) != STIEL_OK) {
            fprintf(stderr, "fuzz_orders: cannot load the sample warehouse: %s\n",
                    errs.count ? errs.items[0].text : "no file");
            abort();
        }
        loaded = true;
    }
    if (size < 1 || size > 131072)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    switch (data[0] % 5) {
    case 0: fuzz_pick_list("fuzz.csv", text, len); break;
    case 1: fuzz_pick_list("fuzz.JSON", text, len); break;
    case 2: fuzz_pick_list("fuzz", text, len); break;
    case 3: fuzz_result(ORDERS_FORMAT_CSV, text, len); break;
    default: fuzz_result(ORDERS_FORMAT_JSON, text, len); break;
    }
    return 0;
}
