/* The pick-list parser declared in orders.h: the checking builder both readers share, and the
 * CSV reader (rows of one order together, one row per line). The JSON reader is in
 * orders_json.c, the result formats in orders_result.c. */
#include "kiosk/core/orders.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/core/orders_impl.h"

/* ---- small checks ------------------------------------------------------------------------------ */

stiel_status orders_format_of(const char *name, orders_format *fmt)
{
    if (!name || !fmt)
        return STIEL_ERR_ARG;
    const char *dot = strrchr(name, '.');
    if (dot && strcasecmp(dot, ".csv") == 0) {
        *fmt = ORDERS_FORMAT_CSV;
        return STIEL_OK;
    }
    if (dot && strcasecmp(dot, ".json") == 0) {
        *fmt = ORDERS_FORMAT_JSON;
        return STIEL_OK;
    }
    return STIEL_ERR_UNSUPPORTED;
}

bool orders_id_valid(const char *id)
{
    if (!id || id[0] == '\0' || id[0] == '.')
        return false;
    size_t n = 0;
    for (const char *s = id; *s; s++, n++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok || n >= ORDER_ID_MAX)
            return false;
    }
    return true;
}

/* Printable ASCII without spaces: what a barcode or a reference may hold. */
static bool is_code(const char *s)
{
    for (; *s; s++) {
        if (*s <= ' ' || *s > '~')
            return false;
    }
    return true;
}

/* ---- the builder ------------------------------------------------------------------------------- */

void orders_builder_init(orders_builder *b, const char *source, const catalogue *cat,
                         core_errors *errs)
{
    memset(b, 0, sizeof *b);
    b->cat = cat;
    b->errs = errs;
    snprintf(b->list.source, sizeof b->list.source, "%s", source);
}

void orders_builder_error(orders_builder *b, stiel_status code, const char *where,
                          const char *fmt, ...)
{
    char msg[STIEL_DIAG_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    core_errors_add(b->errs, code, "%s: %s", where, msg);
    if (b->first == STIEL_OK)
        b->first = code;
}

static bool present(const orders_field *f)
{
    return f->text && f->text[0] != '\0';
}

order *orders_builder_order(orders_builder *b, const orders_field *id, const orders_field *tote,
                            unsigned line)
{
    b->lines_seen = 0;
    if (id->reported)
        return NULL;
    if (!present(id)) {
        orders_builder_error(b, STIEL_ERR_MISSING, id->where,
                             "is empty; every order needs its id");
        return NULL;
    }
    if (strlen(id->text) > ORDER_ID_MAX) {
        orders_builder_error(b, STIEL_ERR_LENGTH, id->where, "is %zu bytes long, at most %d fit",
                             strlen(id->text), ORDER_ID_MAX);
        return NULL;
    }
    if (!orders_id_valid(id->text)) {
        orders_builder_error(b, STIEL_ERR_CHARSET, id->where,
                             "\"%.40s\" may hold only letters, digits, '-', '_' and '.' (not "
                             "first)", id->text);
        return NULL;
    }
    for (size_t k = 0; k < b->list.count; k++) {
        if (strcmp(b->list.orders[k].id, id->text) == 0) {
            orders_builder_error(b, STIEL_ERR_SYNTAX, id->where,
                                 "order %s is already in this file (line %u): an order id "
                                 "comes once, with all its lines together", id->text,
                                 b->list.orders[k].line);
            return NULL;
        }
    }
    bool tote_ok = !(tote && tote->reported);
    if (tote_ok && tote && present(tote)) {
        if (strlen(tote->text) > TASK_TOTE_MAX) {
            orders_builder_error(b, STIEL_ERR_LENGTH, tote->where,
                                 "is %zu bytes long, at most %d fit", strlen(tote->text),
                                 TASK_TOTE_MAX);
            tote_ok = false;
        } else if (!is_code(tote->text)) {
            orders_builder_error(b, STIEL_ERR_CHARSET, tote->where,
                                 "\"%.20s\" holds a space or a character outside ASCII",
                                 tote->text);
            tote_ok = false;
        }
    }
    if (b->list.count >= ORDERS_PER_FILE_MAX) {
        if (b->list.count == ORDERS_PER_FILE_MAX) {
            orders_builder_error(b, STIEL_ERR_OVERLONG, id->where,
                                 "more than %d orders in one file: split it",
                                 ORDERS_PER_FILE_MAX);
            b->list.count++;  /* report once; the list is never handed over now */
        }
        return NULL;
    }
    if (!tote_ok)
        return NULL;
    if (b->list.count == b->alloc) {
        size_t n = b->alloc ? 2 * b->alloc : 8;
        order *p = realloc(b->list.orders, n * sizeof *p);
        if (!p) {
            b->nomem = true;
            if (b->first == STIEL_OK)
                b->first = STIEL_ERR_NOMEM;
            return NULL;
        }
        b->list.orders = p;
        b->alloc = n;
    }
    order *o = &b->list.orders[b->list.count++];
    memset(o, 0, sizeof *o);
    memcpy(o->id, id->text, strlen(id->text) + 1);
    o->line = line;
    snprintf(o->task.id, sizeof o->task.id, "WMS-%s", o->id);
    o->task.order_count = 1;
    if (tote && present(tote))
        memcpy(o->task.totes[0], tote->text, strlen(tote->text) + 1);
    return o;
}

static bool line_ref(orders_builder *b, order *o, const orders_field *f, char *dst)
{
    if (f->reported)
        return false;
    if (!present(f)) {
        if (o)
            snprintf(dst, ORDER_LINE_ID_MAX + 1, "%zu", o->task.line_count + 1);
        return true;
    }
    if (strlen(f->text) > ORDER_LINE_ID_MAX) {
        orders_builder_error(b, STIEL_ERR_LENGTH, f->where, "is %zu bytes long, at most %d fit",
                             strlen(f->text), ORDER_LINE_ID_MAX);
        return false;
    }
    if (!is_code(f->text)) {
        orders_builder_error(b, STIEL_ERR_CHARSET, f->where,
                             "\"%.20s\" holds a space or a character outside ASCII", f->text);
        return false;
    }
    for (size_t k = 0; o && k < o->task.line_count; k++) {
        if (strcmp(o->line_ids[k], f->text) == 0) {
            orders_builder_error(b, STIEL_ERR_SYNTAX, f->where,
                                 "line %s is already in order %s", f->text, o->id);
            return false;
        }
    }
    memcpy(dst, f->text, strlen(f->text) + 1);
    return true;
}

static int item_of(orders_builder *b, const orders_line_in *in)
{
    if (in->sku.reported || in->gtin.reported)
        return -1;
    if (!present(&in->sku) && !present(&in->gtin)) {
        orders_builder_error(b, STIEL_ERR_MISSING, in->sku.text ? in->sku.where : in->gtin.where,
                             "is empty; every line needs a sku or a gtin");
        return -1;
    }
    int by_sku = -1, by_gtin = -1;
    if (present(&in->sku)) {
        by_sku = catalogue_item_by_sku(b->cat, in->sku.text);
        if (by_sku < 0) {
            orders_builder_error(b, STIEL_ERR_NOT_FOUND, in->sku.where,
                                 "no item has sku \"%.40s\" in the catalogue", in->sku.text);
            return -1;
        }
    }
    if (present(&in->gtin)) {
        by_gtin = catalogue_item_by_gtin(b->cat, in->gtin.text);
        if (by_gtin < 0) {
            orders_builder_error(b, STIEL_ERR_NOT_FOUND, in->gtin.where,
                                 "no item has GTIN \"%.40s\" in the catalogue", in->gtin.text);
            return -1;
        }
        if (by_sku >= 0 && by_gtin != by_sku) {
            orders_builder_error(b, STIEL_ERR_NOT_FOUND, in->gtin.where,
                                 "GTIN %.14s is item %s, not %s", in->gtin.text,
                                 b->cat->items[by_gtin].sku, b->cat->items[by_sku].sku);
            return -1;
        }
    }
    return by_sku >= 0 ? by_sku : by_gtin;
}

static int location_of(orders_builder *b, const orders_field *f)
{
    if (f->reported)
        return -1;
    if (!present(f)) {
        orders_builder_error(b, STIEL_ERR_MISSING, f->where,
                             "is empty; every line needs the location to pick from");
        return -1;
    }
    int loc = catalogue_location_by_code(b->cat, f->text);
    if (loc < 0)
        loc = catalogue_location_by_barcode(b->cat, f->text);
    if (loc < 0)
        orders_builder_error(b, STIEL_ERR_NOT_FOUND, f->where,
                             "no location has code \"%.40s\" in the catalogue", f->text);
    return loc;
}

static bool qty_of(orders_builder *b, const orders_field *f, unsigned *qty)
{
    if (f->reported)
        return false;
    if (!present(f)) {
        orders_builder_error(b, STIEL_ERR_MISSING, f->where,
                             "is empty; every line needs a quantity");
        return false;
    }
    size_t n = strlen(f->text);
    unsigned long v = 0;
    bool digits = n <= 9;
    for (size_t k = 0; digits && k < n; k++) {
        if (f->text[k] < '0' || f->text[k] > '9')
            digits = false;
        else
            v = v * 10 + (unsigned long)(f->text[k] - '0');
    }
    if (!digits) {
        orders_builder_error(b, STIEL_ERR_SYNTAX, f->where, "\"%.16s\" is not a whole number",
                             f->text);
        return false;
    }
    if (v < 1 || v > ORDER_QTY_MAX) {
        orders_builder_error(b, STIEL_ERR_SYNTAX, f->where, "%lu is outside 1..%d", v,
                             ORDER_QTY_MAX);
        return false;
    }
    *qty = (unsigned)v;
    return true;
}

void orders_builder_line(orders_builder *b, order *o, const orders_line_in *in)
{
    char ref[ORDER_LINE_ID_MAX + 1] = "";
    b->lines_seen++;
    bool ok = line_ref(b, o, &in->line_id, ref);
    int item = item_of(b, in);
    int loc = location_of(b, &in->location);
    unsigned qty = 0;
    ok = qty_of(b, &in->qty, &qty) && ok && item >= 0 && loc >= 0;
    if (!o || !ok)
        return;
    if (o->task.line_count >= ORDER_LINES_MAX) {
        if (o->task.line_count == ORDER_LINES_MAX)
            orders_builder_error(b, STIEL_ERR_OVERLONG, in->qty.where,
                                 "order %s has more than %d lines; an order is packed in one "
                                 "box: split it", o->id, ORDER_LINES_MAX);
        o->task.line_count = ORDER_LINES_MAX + 1;  /* report once; never handed over */
        return;
    }
    size_t i = o->task.line_count++;
    memcpy(o->line_ids[i], ref, sizeof ref);
    o->task.lines[i] = (pick_line){ .order = 0, .item = (size_t)item, .location = (size_t)loc,
                                    .qty = qty, .drill = DRILL_NONE };
}

void orders_builder_order_end(orders_builder *b, order *o, const char *where)
{
    if (o && b->lines_seen == 0)
        orders_builder_error(b, STIEL_ERR_MISSING, where, "order %s has no lines", o->id);
}

stiel_status orders_builder_finish(orders_builder *b, orders_list *out)
{
    if (b->first == STIEL_OK && b->list.count == 0)
        orders_builder_error(b, STIEL_ERR_MISSING, b->list.source, "holds no order");
    if (b->first != STIEL_OK) {
        orders_list_free(&b->list);
        return b->first;
    }
    *out = b->list;
    memset(&b->list, 0, sizeof b->list);
    return STIEL_OK;
}

void orders_list_free(orders_list *list)
{
    if (!list)
        return;
    free(list->orders);
    list->orders = NULL;
    list->count = 0;
}

/* ---- CSV --------------------------------------------------------------------------------------- */

enum { C_ORDER, C_LINE, C_SKU, C_GTIN, C_LOC, C_QTY, C_TOTE, C_COUNT };
static const char *const csv_names[C_COUNT] = { "order_id", "line", "sku", "gtin",
                                                "location", "qty", "tote" };

static void csv_field(const core_csv_table *t, size_t row, const int *col, int which,
                      orders_field *f)
{
    const core_csv_field *c = core_csv_cell(t, row, col[which]);
    f->text = c ? c->text : NULL;
    f->reported = false;
    snprintf(f->where, sizeof f->where, "%s:%u: column %s", t->file,
             c ? c->line : t->rows[row].line, csv_names[which]);
}

static bool csv_columns(orders_builder *b, const core_csv_table *t, int *col)
{
    bool ok = true;
    char where[ORDERS_WHERE_MAX];
    snprintf(where, sizeof where, "%s:%u", t->file, t->rows[0].line);
    for (int k = 0; k < C_COUNT; k++)
        col[k] = core_csv_column(t, csv_names[k]);
    for (int k = 0; k < C_COUNT; k++) {
        bool required = k == C_ORDER || k == C_LOC || k == C_QTY;
        if (required && col[k] < 0) {
            orders_builder_error(b, STIEL_ERR_MISSING, where,
                                 "missing column %s; the first row must name it", csv_names[k]);
            ok = false;
        }
    }
    if (col[C_SKU] < 0 && col[C_GTIN] < 0) {
        orders_builder_error(b, STIEL_ERR_MISSING, where,
                             "missing column sku (or gtin); the first row must name one");
        ok = false;
    }
    return ok;
}

static void csv_rows(orders_builder *b, const core_csv_table *t, const int *col)
{
    order *cur = NULL;
    const char *cur_id = NULL;   /* the current order's id text, also when it was refused */
    char where[ORDERS_WHERE_MAX] = "";
    for (size_t row = 1; row < t->nrows; row++) {
        orders_field id, tote;
        csv_field(t, row, col, C_ORDER, &id);
        if (!cur_id || !id.text || strcmp(id.text, cur_id) != 0) {
            if (cur_id)
                orders_builder_order_end(b, cur, where);
            orders_field *tp = NULL;
            if (col[C_TOTE] >= 0) {
                csv_field(t, row, col, C_TOTE, &tote);
                tp = &tote;
            }
            cur = orders_builder_order(b, &id, tp, t->rows[row].line);
            cur_id = id.text;
            snprintf(where, sizeof where, "%s:%u", t->file, t->rows[row].line);
        } else if (cur && col[C_TOTE] >= 0) {
            csv_field(t, row, col, C_TOTE, &tote);
            if (strcmp(tote.text, cur->task.totes[0]) != 0)
                orders_builder_error(b, STIEL_ERR_SYNTAX, tote.where,
                                     "\"%.20s\" differs from the tote on the order's first "
                                     "line (\"%s\")", tote.text, cur->task.totes[0]);
        }
        orders_line_in in;
        csv_field(t, row, col, C_LINE, &in.line_id);
        csv_field(t, row, col, C_SKU, &in.sku);
        csv_field(t, row, col, C_GTIN, &in.gtin);
        csv_field(t, row, col, C_LOC, &in.location);
        csv_field(t, row, col, C_QTY, &in.qty);
        orders_builder_line(b, cur, &in);
    }
    if (cur_id)
        orders_builder_order_end(b, cur, where);
}

static stiel_status parse_csv(orders_builder *b, const char *text, size_t len)
{
    if (len > 0 && text[len - 1] != '\n' && text[len - 1] != '\r') {
        unsigned lines = 1;
        for (size_t k = 0; k < len; k++)
            lines += text[k] == '\n';
        char where[ORDERS_WHERE_MAX];
        snprintf(where, sizeof where, "%s:%u", b->list.source, lines);
        orders_builder_error(b, STIEL_ERR_TRUNCATED, where,
                             "the file does not end with a line break, so it may be cut off "
                             "(half written); the WMS must end every line with one");
        return b->first;
    }
    core_csv_table t = { 0 };
    stiel_status st = core_csv_parse(b->list.source, text, len, &t, b->errs);
    if (st != STIEL_OK) {
        if (b->first == STIEL_OK)
            b->first = st;
        return st;
    }
    int col[C_COUNT];
    if (csv_columns(b, &t, col))
        csv_rows(b, &t, col);
    core_csv_free(&t);
    return b->first;
}

stiel_status orders_parse(const char *source, const char *text, size_t len, const catalogue *cat,
                          orders_list *out, core_errors *errs)
{
    if (!source || (!text && len > 0) || !cat || !out)
        return STIEL_ERR_ARG;
    orders_format fmt;
    if (orders_format_of(source, &fmt) != STIEL_OK) {
        size_t k = 0;
        while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' ||
                           text[k] == '\n'))
            k++;
        fmt = k < len && text[k] == '{' ? ORDERS_FORMAT_JSON : ORDERS_FORMAT_CSV;
    }
    orders_builder b;
    orders_builder_init(&b, source, cat, errs);
    if (len == 0) {
        orders_builder_error(&b, STIEL_ERR_MISSING, b.list.source, "is empty");
    } else if (len > CORE_CSV_FILE_MAX) {
        orders_builder_error(&b, STIEL_ERR_OVERLONG, b.list.source,
                             "is %zu bytes long, more than the %d a pick list may have", len,
                             CORE_CSV_FILE_MAX);
    } else if (fmt == ORDERS_FORMAT_JSON) {
        orders_parse_json(&b, text, len);
    } else {
        parse_csv(&b, text, len);
    }
    if (b.nomem && b.first == STIEL_OK)
        b.first = STIEL_ERR_NOMEM;
    return orders_builder_finish(&b, out);
}
