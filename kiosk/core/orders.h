/* Real customer orders from the hub's WMS: a pick list (CSV or JSON text) parsed into pick tasks
 * checked against the catalogue, and the result of the work (picked quantities, shorts with their
 * reasons, package and SSCC, who and when) formatted as CSV or JSON for the WMS, and read back.
 * Pure: callers pass file contents and wall-clock times; the file formats are in docs/orders.md. */
#ifndef STIEL_CORE_ORDERS_H
#define STIEL_CORE_ORDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/csv.h"
#include "kiosk/core/errors.h"
#include "kiosk/core/pack_task.h"
#include "kiosk/core/pick_flow.h"
#include "kiosk/core/sscc.h"
#include "kiosk/core/task.h"

enum {
    ORDER_ID_MAX = PACK_ORDER_MAX,      /* 31: an order id is also the pack order number */
    ORDER_LINE_ID_MAX = 15,             /* the WMS's own line reference, echoed in the result */
    ORDER_LINES_MAX = PACK_LINES_MAX,   /* 20: lines of one order (packed in one box) */
    ORDER_QTY_MAX = 999,                /* units of one line (the pack flow takes as many) */
    ORDERS_PER_FILE_MAX = 1000,
    ORDERS_SOURCE_MAX = CORE_CSV_NAME_MAX, /* 63: bytes of the file name kept */
    ORDER_KIOSK_MAX = 31,
    ORDER_TIME_TEXT = 24                /* "2024-05-02T09:14:03.250Z" */
};

typedef enum orders_format { ORDERS_FORMAT_CSV = 0, ORDERS_FORMAT_JSON } orders_format;

/* One WMS order, ready for the pick flow. task.id is "WMS-<id>", task.order_count is 1,
 * task.totes[0] the tote the WMS named ("" for none), task.trainee "" and task.level 0 (the
 * session fills them in); task.lines are in the WMS's order (its pick route), each line's drill
 * DRILL_NONE. line_ids[i] is the WMS reference of task.lines[i]. */
typedef struct order {
    char id[ORDER_ID_MAX + 1];
    unsigned line;                      /* file line where the order starts */
    char line_ids[ORDER_LINES_MAX][ORDER_LINE_ID_MAX + 1];
    pick_task task;
} order;

typedef struct orders_list {
    char source[ORDERS_SOURCE_MAX + 1]; /* the file name, as given to orders_parse */
    order *orders;                      /* count entries, owned */
    size_t count;
} orders_list;

/* The format a file name says (".csv" or ".json", any case): STIEL_OK, or STIEL_ERR_UNSUPPORTED
 * for any other name. */
stiel_status orders_format_of(const char *name, orders_format *fmt);

/* True when an order id is 1..ORDER_ID_MAX bytes of letters, digits, '-', '_' and '.', not
 * starting with '.' (so it is safe as a file name, and fits the pack order number). */
bool orders_id_valid(const char *id);

/* Parses a pick list (len bytes of text, need not be NUL-terminated) from the file called source;
 * the format comes from its name (orders_format_of), else from the first non-blank byte ('{' is
 * JSON). Every order is checked against cat: unknown SKU, GTIN (or a GTIN naming another item
 * than the SKU) and location (STIEL_ERR_NOT_FOUND), a quantity that is not a whole number in
 * 1..ORDER_QTY_MAX (STIEL_ERR_SYNTAX), a missing column or key or empty value
 * (STIEL_ERR_MISSING), an order id used twice in the file, or a line id twice in an order
 * (STIEL_ERR_SYNTAX), a bad order id or text too long (STIEL_ERR_CHARSET, STIEL_ERR_LENGTH), more
 * than ORDER_LINES_MAX lines or ORDERS_PER_FILE_MAX orders (STIEL_ERR_OVERLONG), no order at all
 * (STIEL_ERR_MISSING), a file cut short: a CSV whose last line has no line break, or JSON that
 * ends early (STIEL_ERR_TRUNCATED), CSV or JSON syntax (csv.h; STIEL_ERR_SYNTAX). Every problem
 * is appended to errs as "source:line: column NAME: reason" (CSV) or
 * "source:line:column: orders[i].lines[j].key: reason" (JSON). All or nothing: on STIEL_OK *out
 * (zeroed or freed by the caller) holds the orders; otherwise the status is the first error's and
 * *out is left empty. STIEL_ERR_ARG for NULL arguments, STIEL_ERR_NOMEM. */
stiel_status orders_parse(const char *source, const char *text, size_t len, const catalogue *cat,
                          orders_list *out, core_errors *errs);

/* Frees the orders and leaves an empty list. Safe on a zeroed one. */
void orders_list_free(orders_list *list);

/* ---- results ---------------------------------------------------------------------------------- */

/* Why a line has fewer units than ordered. The first five mirror pick_short. */
typedef enum order_short {
    ORDER_SHORT_NONE = 0,
    ORDER_SHORT_EMPTY,
    ORDER_SHORT_DAMAGED,
    ORDER_SHORT_NOT_FOUND,
    ORDER_SHORT_OTHER_ITEM,
    ORDER_SHORT_SKIPPED,    /* the trainee skipped the line (twice): nobody looked */
    ORDER_SHORT_COUNT
} order_short;

typedef struct order_result_line {
    char line_id[ORDER_LINE_ID_MAX + 1];
    char sku[CAT_ID_MAX + 1];
    char gtin[14];
    char location[CAT_ID_MAX + 1];
    unsigned ordered, picked;           /* picked <= ordered */
    order_short short_reason;           /* NONE exactly when picked == ordered */
} order_result_line;

/* What goes back to the WMS: only what the WMS sent, the trainee's pseudonymous id, the kiosk
 * ids, times and the package. Times are wall-clock milliseconds since 1970-01-01 UTC, written as
 * ISO 8601 UTC; 0 means "not done" (never packed: packed_ms 0, box and sscc ""). */
typedef struct order_result {
    char order_id[ORDER_ID_MAX + 1];
    char source[ORDERS_SOURCE_MAX + 1]; /* the pick list file the order came in */
    char trainee[CAT_ID_MAX + 1];       /* who picked (pseudonymous id) */
    char kiosk[ORDER_KIOSK_MAX + 1];    /* where */
    int64_t started_ms, finished_ms;    /* pick started and finished */
    char packed_by[CAT_ID_MAX + 1];     /* "" when not packed */
    char pack_kiosk[ORDER_KIOSK_MAX + 1];
    int64_t packed_ms;
    char box[CAT_ID_MAX + 1];
    char sscc[SSCC_LEN + 1];
    size_t line_count;
    order_result_line lines[ORDER_LINES_MAX];
} order_result;

/* Starts a result for order o: ids, source, and every line with its SKU, GTIN and location from
 * cat, ordered = the order's quantity, picked 0 and short reason SKIPPED (nothing done yet).
 * STIEL_ERR_ARG for NULL arguments or an order naming items or locations cat does not have. */
stiel_status order_result_init(order_result *r, const order *o, const catalogue *cat,
                               const char *source);

/* Copies what a finished (or abandoned) pick flow did into r, which order_result_init made for
 * the flow's order: per line the units picked and, when short, the reason (a line still open or
 * skipped: SKIPPED). STIEL_ERR_ARG when the flow's task has another line count. */
stiel_status order_result_from_pick(order_result *r, const pick_flow *flow);

/* "complete" when every line has all its units, "short" otherwise. */
const char *order_result_status(const order_result *r);

/* Appends r as CSV (a header row, then one row per line, CRLF line ends, every row ending in a
 * line break) or as a JSON document. STIEL_ERR_ARG when r breaks its own rules (no line, picked
 * above ordered, a short reason that does not match the quantities, a bad order id, an SSCC
 * that is not 18 digits, a negative time), with the reason in diag; STIEL_ERR_NOMEM,
 * STIEL_ERR_OVERLONG from the buffer. */
stiel_status order_result_format(const order_result *r, orders_format fmt, stiel_buf *out,
                                 stiel_diag *diag);

/* Reads a result written by order_result_format back into *r (for tests, and for a WMS team
 * that wants a reference reader). STIEL_ERR_SYNTAX, STIEL_ERR_MISSING, STIEL_ERR_TRUNCATED with
 * the reason in diag. */
stiel_status order_result_parse(const char *text, size_t len, orders_format fmt,
                                order_result *r, stiel_diag *diag);

/* Names in the result formats: "none", "empty", "damaged", "not_found", "other_item",
 * "skipped"; "?" when out of range. order_short_from_name returns false for an unknown name. */
const char *order_short_name(order_short reason);
bool order_short_from_name(const char *name, order_short *out);

/* Writes ms (>= 0) as "YYYY-MM-DDTHH:MM:SS.mmmZ"; parses that form back (the ".mmm" part may be
 * left out). orders_time_parse returns false for anything else, or a date that does not exist. */
void orders_time_format(int64_t ms, char out[ORDER_TIME_TEXT + 1]);
bool orders_time_parse(const char *text, int64_t *ms);

#endif
