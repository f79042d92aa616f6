/* Inside the pick-list parser (orders.h): the builder both readers (CSV in orders.c, JSON in
 * orders_json.c) feed field by field, which checks every value against the catalogue and
 * collects the errors. Not for use outside orders*.c. */
#ifndef STIEL_CORE_ORDERS_IMPL_H
#define STIEL_CORE_ORDERS_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/core/orders.h"

enum { ORDERS_WHERE_MAX = 120 };

/* One value read from the file: its text (NULL when the column or key is absent, "" when empty)
 * and where it is, as the message prefix ("a.csv:4: column qty", "a.json:7:16: orders[0].id"). */
typedef struct orders_field {
    const char *text;
    char where[ORDERS_WHERE_MAX];
    bool reported;      /* the reader already reported it (wrong JSON type): bad, say no more */
} orders_field;

typedef struct orders_line_in {
    orders_field line_id, sku, gtin, location, qty;
} orders_line_in;

typedef struct orders_builder {
    const catalogue *cat;
    core_errors *errs;
    stiel_status first;
    orders_list list;
    size_t alloc;
    size_t lines_seen;  /* lines offered for the current order, good or bad */
    bool nomem;
} orders_builder;

void orders_builder_init(orders_builder *b, const char *source, const catalogue *cat,
                         core_errors *errs);

/* Records an error "<where>: <reason>". */
void orders_builder_error(orders_builder *b, stiel_status code, const char *where,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Starts an order (id checked, duplicates in the file refused); NULL when it cannot. line is
 * where the order starts; tote may be NULL. */
order *orders_builder_order(orders_builder *b, const orders_field *id, const orders_field *tote,
                            unsigned line);

/* Adds a line to o (which may be NULL after a bad order id: the line is still checked). */
void orders_builder_line(orders_builder *b, order *o, const orders_line_in *in);

/* Checks that an order has lines; call when its last line is in. */
void orders_builder_order_end(orders_builder *b, order *o, const char *where);

/* Hands the orders over when nothing was wrong; otherwise frees them. Returns the status. */
stiel_status orders_builder_finish(orders_builder *b, orders_list *out);

/* True when JSON text stops inside a string, an object or an array: a file cut short. */
bool orders_json_cut(const char *text, size_t len);

/* Parses the JSON form (orders_json.c). */
stiel_status orders_parse_json(orders_builder *b, const char *text, size_t len);

#endif
