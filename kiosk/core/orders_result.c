/* The result of a real order (orders.h): made from the order and the pick flow, written as CSV
 * (one row per line, the order's fields repeated) or JSON for the WMS, read back, and the
 * ISO 8601 UTC times both forms use. */
#include "kiosk/core/orders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "kiosk/core/orders_impl.h"

_Static_assert((int)ORDER_SHORT_EMPTY == (int)PICK_SHORT_EMPTY &&
               (int)ORDER_SHORT_DAMAGED == (int)PICK_SHORT_DAMAGED &&
               (int)ORDER_SHORT_NOT_FOUND == (int)PICK_SHORT_NOT_FOUND &&
               (int)ORDER_SHORT_OTHER_ITEM == (int)PICK_SHORT_OTHER_ITEM,
               "order_short mirrors pick_short");

static const char *const short_names[ORDER_SHORT_COUNT] = {
    "none", "empty", "damaged", "not_found", "other_item", "skipped"
};

const char *order_short_name(order_short reason)
{
    return (unsigned)reason < ORDER_SHORT_COUNT ? short_names[reason] : "?";
}

bool order_short_from_name(const char *name, order_short *out)
{
    for (int k = 0; name && k < ORDER_SHORT_COUNT; k++) {
        if (strcmp(name, short_names[k]) == 0) {
            *out = (order_short)k;
            return true;
        }
    }
    return false;
}

/* ---- times ------------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void orders_time_format(int64_t ms, char out[ORDER_TIME_TEXT + 1])
{
    if (ms < 0)
        ms = 0;
    int64_t days = ms / 86400000, rest = ms % 86400000, y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    if (y > 9999) {
        snprintf(out, ORDER_TIME_TEXT + 1, "9999-12-31T23:59:59.999Z");
        return;
    }
    char text[64];  /* room for any value the compiler cannot bound */
    snprintf(text, sizeof text, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", (int)y, m, d,
             (unsigned)(rest / 3600000), (unsigned)(rest / 60000 % 60),
             (unsigned)(rest / 1000 % 60), (unsigned)(rest % 1000));
    memcpy(out, text, ORDER_TIME_TEXT);
    out[ORDER_TIME_TEXT] = '\0';
}

static bool digits(const char *s, size_t n, unsigned *v)
{
    *v = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        *v = *v * 10 + (unsigned)(s[k] - '0');
    }
    return true;
}

bool orders_time_parse(const char *t, int64_t *ms)
{
    unsigned y, mo, d, h, mi, s, frac = 0;
    size_t n = t ? strlen(t) : 0;
    if ((n != 20 && n != 24) || !digits(t, 4, &y) || t[4] != '-' || !digits(t + 5, 2, &mo) ||
        t[7] != '-' || !digits(t + 8, 2, &d) || t[10] != 'T' || !digits(t + 11, 2, &h) ||
        t[13] != ':' || !digits(t + 14, 2, &mi) || t[16] != ':' || !digits(t + 17, 2, &s) ||
        t[n - 1] != 'Z')
        return false;
    if (n == 24 && (t[19] != '.' || !digits(t + 20, 3, &frac)))
        return false;
    static const unsigned mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || s > 59)
        return false;
    int64_t days = days_from_civil(y, mo, d);
    *ms = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)s * 1000 + frac;
    return true;
}

/* ---- making a result --------------------------------------------------------------------------- */

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

stiel_status order_result_init(order_result *r, const order *o, const catalogue *cat,
                               const char *source)
{
    if (!r || !o || !cat || o->task.line_count == 0 || o->task.line_count > ORDER_LINES_MAX)
        return STIEL_ERR_ARG;
    for (size_t i = 0; i < o->task.line_count; i++) {
        if (o->task.lines[i].item >= cat->item_count ||
            o->task.lines[i].location >= cat->location_count)
            return STIEL_ERR_ARG;
    }
    memset(r, 0, sizeof *r);
    copy(r->order_id, sizeof r->order_id, o->id);
    copy(r->source, sizeof r->source, source);
    r->line_count = o->task.line_count;
    for (size_t i = 0; i < r->line_count; i++) {
        const pick_line *pl = &o->task.lines[i];
        order_result_line *l = &r->lines[i];
        copy(l->line_id, sizeof l->line_id, o->line_ids[i]);
        copy(l->sku, sizeof l->sku, cat->items[pl->item].sku);
        copy(l->gtin, sizeof l->gtin, cat->items[pl->item].gtin);
        copy(l->location, sizeof l->location, cat->locations[pl->location].code);
        l->ordered = pl->qty;
        l->picked = 0;
        l->short_reason = ORDER_SHORT_SKIPPED;
    }
    return STIEL_OK;
}

stiel_status order_result_from_pick(order_result *r, const pick_flow *flow)
{
    if (!r || !flow || flow->task.line_count != r->line_count)
        return STIEL_ERR_ARG;
    for (size_t i = 0; i < r->line_count; i++) {
        order_result_line *l = &r->lines[i];
        unsigned picked = pick_flow_line_picked(flow, i);
        l->picked = picked < l->ordered ? picked : l->ordered;
        if (l->picked == l->ordered)
            l->short_reason = ORDER_SHORT_NONE;
        else if (pick_flow_line_status(flow, i) == PICK_LINE_SHORT &&
                 flow->short_reason[i] != PICK_SHORT_NONE)
            l->short_reason = (order_short)flow->short_reason[i];
        else
            l->short_reason = ORDER_SHORT_SKIPPED;
    }
    return STIEL_OK;
}

const char *order_result_status(const order_result *r)
{
    for (size_t i = 0; r && i < r->line_count; i++) {
        if (r->lines[i].picked < r->lines[i].ordered)
            return "short";
    }
    return "complete";
}

/* ---- checks both directions share -------------------------------------------------------------- */

static bool text_ok(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return false;
    }
    return true;
}

static stiel_status result_check(const order_result *r, stiel_diag *diag)
{
    if (!orders_id_valid(r->order_id))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result: order id \"%.40s\" is not valid",
                              r->order_id);
    if (r->line_count == 0 || r->line_count > ORDER_LINES_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result %s: %zu lines, 1..%d allowed",
                              r->order_id, r->line_count, ORDER_LINES_MAX);
    if (r->started_ms < 0 || r->finished_ms < 0 || r->packed_ms < 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result %s: a time before 1970",
                              r->order_id);
    size_t n = strlen(r->sscc);
    bool sscc_ok = n == 0 || n == SSCC_LEN;
    for (size_t k = 0; k < n; k++)
        sscc_ok = sscc_ok && r->sscc[k] >= '0' && r->sscc[k] <= '9';
    if (!sscc_ok)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result %s: SSCC \"%.20s\" is not 18 digits",
                              r->order_id, r->sscc);
    if (!text_ok(r->source) || !text_ok(r->trainee) || !text_ok(r->kiosk) ||
        !text_ok(r->packed_by) || !text_ok(r->pack_kiosk) || !text_ok(r->box))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result %s: a control character in a name",
                              r->order_id);
    for (size_t i = 0; i < r->line_count; i++) {
        const order_result_line *l = &r->lines[i];
        if (l->ordered == 0 || l->ordered > ORDER_QTY_MAX || l->picked > l->ordered)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "result %s line %zu: %u of %u picked", r->order_id, i + 1,
                                  l->picked, l->ordered);
        if ((unsigned)l->short_reason >= ORDER_SHORT_COUNT ||
            (l->short_reason == ORDER_SHORT_NONE) != (l->picked == l->ordered))
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "result %s line %zu: short reason %s with %u of %u picked",
                                  r->order_id, i + 1, order_short_name(l->short_reason),
                                  l->picked, l->ordered);
        if (!text_ok(l->line_id) || !text_ok(l->sku) || !text_ok(l->gtin) ||
            !text_ok(l->location) || l->line_id[0] == '\0')
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "result %s line %zu: an empty line id or a control character",
                                  r->order_id, i + 1);
    }
    return STIEL_OK;
}

/* ---- CSV --------------------------------------------------------------------------------------- */

enum {
    R_ORDER, R_LINE, R_SKU, R_GTIN, R_LOC, R_ORDERED, R_PICKED, R_SHORT, R_STATUS, R_SOURCE,
    R_TRAINEE, R_KIOSK, R_STARTED, R_FINISHED, R_PACKED_BY, R_PACK_KIOSK, R_PACKED_AT, R_BOX,
    R_SSCC, R_COUNT
};
static const char *const rcols[R_COUNT] = {
    "order_id", "line", "sku", "gtin", "location", "qty_ordered", "qty_picked", "short_reason",
    "status", "source", "trainee", "kiosk", "pick_started", "pick_finished", "packed_by",
    "pack_kiosk", "packed_at", "box", "sscc"
};

static stiel_status csv_put(stiel_buf *out, const char *s, bool last)
{
    stiel_status st = STIEL_OK;
    if (strpbrk(s, ",\"\r\n")) {
        st = stiel_buf_puts(out, "\"");
        for (const char *p = s; st == STIEL_OK && *p; p++) {
            st = stiel_buf_append(out, p, 1);
            if (st == STIEL_OK && *p == '"')
                st = stiel_buf_append(out, "\"", 1);
        }
        if (st == STIEL_OK)
            st = stiel_buf_puts(out, "\"");
    } else {
        st = stiel_buf_puts(out, s);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, last ? "\r\n" : ",");
    return st;
}

static void time_text(int64_t ms, char out[ORDER_TIME_TEXT + 1])
{
    if (ms == 0)
        out[0] = '\0';
    else
        orders_time_format(ms, out);
}

static stiel_status format_csv(const order_result *r, stiel_buf *out)
{
    stiel_status st = STIEL_OK;
    for (int c = 0; st == STIEL_OK && c < R_COUNT; c++)
        st = csv_put(out, rcols[c], c == R_COUNT - 1);
    char started[ORDER_TIME_TEXT + 1], finished[ORDER_TIME_TEXT + 1],
        packed[ORDER_TIME_TEXT + 1];
    time_text(r->started_ms, started);
    time_text(r->finished_ms, finished);
    time_text(r->packed_ms, packed);
    for (size_t i = 0; st == STIEL_OK && i < r->line_count; i++) {
        const order_result_line *l = &r->lines[i];
        char ordered[12], picked[12];
        snprintf(ordered, sizeof ordered, "%u", l->ordered);
        snprintf(picked, sizeof picked, "%u", l->picked);
        const char *v[R_COUNT] = {
            r->order_id, l->line_id, l->sku, l->gtin, l->location, ordered, picked,
            l->short_reason == ORDER_SHORT_NONE ? "" : order_short_name(l->short_reason),
            order_result_status(r), r->source, r->trainee, r->kiosk, started, finished,
            r->packed_by, r->pack_kiosk, packed, r->box, r->sscc
        };
        for (int c = 0; st == STIEL_OK && c < R_COUNT; c++)
            st = csv_put(out, v[c], c == R_COUNT - 1);
    }
    return st;
}

/* ---- JSON -------------------------------------------------------------------------------------- */

static cJSON *add_str(cJSON *obj, const char *key, const char *s)
{
    return cJSON_AddStringToObject(obj, key, s);
}

static cJSON *add_time(cJSON *obj, const char *key, int64_t ms)
{
    char t[ORDER_TIME_TEXT + 1];
    if (ms == 0)
        return cJSON_AddNullToObject(obj, key);
    orders_time_format(ms, t);
    return cJSON_AddStringToObject(obj, key, t);
}

static cJSON *build_json(const order_result *r)
{
    cJSON *doc = cJSON_CreateObject();
    bool ok = doc && add_str(doc, "format", "stiel-order-result") &&
              cJSON_AddNumberToObject(doc, "version", 1) &&
              add_str(doc, "order_id", r->order_id) &&
              add_str(doc, "status", order_result_status(r)) && add_str(doc, "source", r->source);
    cJSON *pick = ok ? cJSON_AddObjectToObject(doc, "pick") : NULL;
    ok = pick && add_str(pick, "trainee", r->trainee) && add_str(pick, "kiosk", r->kiosk) &&
         add_time(pick, "started", r->started_ms) && add_time(pick, "finished", r->finished_ms);
    if (ok && r->sscc[0] == '\0' && r->packed_by[0] == '\0' && r->packed_ms == 0 &&
        r->box[0] == '\0' && r->pack_kiosk[0] == '\0') {
        ok = cJSON_AddNullToObject(doc, "pack") != NULL;
    } else if (ok) {
        cJSON *pack = cJSON_AddObjectToObject(doc, "pack");
        ok = pack && add_str(pack, "trainee", r->packed_by) &&
             add_str(pack, "kiosk", r->pack_kiosk) && add_time(pack, "at", r->packed_ms) &&
             add_str(pack, "box", r->box) && add_str(pack, "sscc", r->sscc);
    }
    cJSON *lines = ok ? cJSON_AddArrayToObject(doc, "lines") : NULL;
    ok = lines != NULL;
    for (size_t i = 0; ok && i < r->line_count; i++) {
        const order_result_line *l = &r->lines[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(lines, o)) {
            cJSON_Delete(o);
            ok = false;
            break;
        }
        ok = add_str(o, "line", l->line_id) && add_str(o, "sku", l->sku) &&
             add_str(o, "gtin", l->gtin) && add_str(o, "location", l->location) &&
             cJSON_AddNumberToObject(o, "ordered", l->ordered) &&
             cJSON_AddNumberToObject(o, "picked", l->picked);
        if (ok && l->short_reason == ORDER_SHORT_NONE)
            ok = cJSON_AddNullToObject(o, "short_reason") != NULL;
        else if (ok)
            ok = add_str(o, "short_reason", order_short_name(l->short_reason)) != NULL;
    }
    if (!ok) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

static stiel_status format_json(const order_result *r, stiel_buf *out)
{
    cJSON *doc = build_json(r);
    char *text = doc ? cJSON_Print(doc) : NULL;
    cJSON_Delete(doc);
    if (!text)
        return STIEL_ERR_NOMEM;
    stiel_status st = stiel_buf_puts(out, text);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\n");
    cJSON_free(text);
    return st;
}

stiel_status order_result_format(const order_result *r, orders_format fmt, stiel_buf *out,
                                 stiel_diag *diag)
{
    if (!r || !out || (fmt != ORDERS_FORMAT_CSV && fmt != ORDERS_FORMAT_JSON))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result: missing argument or bad format");
    stiel_status st = result_check(r, diag);
    if (st != STIEL_OK)
        return st;
    size_t mark = out->len;
    st = fmt == ORDERS_FORMAT_CSV ? format_csv(r, out) : format_json(r, out);
    if (st != STIEL_OK) {
        out->len = mark;  /* nothing partial */
        if (out->data)
            out->data[mark] = '\0';
        return stiel_diag_set(diag, st, "result %s: %s", r->order_id, stiel_strerror(st));
    }
    return STIEL_OK;
}

/* ---- reading back ------------------------------------------------------------------------------ */

static bool set_text(char *dst, size_t cap, const char *src)
{
    if (!src || strlen(src) >= cap)
        return false;
    memcpy(dst, src, strlen(src) + 1);
    return true;
}

static bool set_uint(const char *s, unsigned *v)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n <= 6 && digits(s, n, v);
}

static bool set_time(const char *s, int64_t *ms)
{
    if (!s || s[0] == '\0') {
        *ms = 0;
        return true;
    }
    return orders_time_parse(s, ms);
}

static bool set_short(const char *s, order_short *reason)
{
    if (!s || s[0] == '\0') {
        *reason = ORDER_SHORT_NONE;
        return true;
    }
    return order_short_from_name(s, reason) && *reason != ORDER_SHORT_NONE;
}

static stiel_status parse_csv(const char *text, size_t len, order_result *r, stiel_diag *diag)
{
    core_csv_table t = { 0 };
    core_errors errs;
    core_errors_clear(&errs);
    stiel_status st = core_csv_parse("result", text, len, &t, &errs);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "%s", errs.count ? errs.items[0].text : "CSV");
    int col[R_COUNT];
    for (int c = 0; c < R_COUNT; c++) {
        col[c] = core_csv_column(&t, rcols[c]);
        if (col[c] < 0) {
            core_csv_free(&t);
            return stiel_diag_set(diag, STIEL_ERR_MISSING, "result: missing column %s",
                                  rcols[c]);
        }
    }
    if (t.nrows < 2 || t.nrows - 1 > ORDER_LINES_MAX) {
        core_csv_free(&t);
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "result: %zu lines", t.nrows - 1);
    }
    memset(r, 0, sizeof *r);
    r->line_count = t.nrows - 1;
    st = STIEL_OK;
    for (size_t row = 1; row < t.nrows && st == STIEL_OK; row++) {
        const char *v[R_COUNT];
        for (int c = 0; c < R_COUNT; c++)
            v[c] = core_csv_cell(&t, row, col[c])->text;
        order_result_line *l = &r->lines[row - 1];
        bool ok = set_text(l->line_id, sizeof l->line_id, v[R_LINE]) &&
                  set_text(l->sku, sizeof l->sku, v[R_SKU]) &&
                  set_text(l->gtin, sizeof l->gtin, v[R_GTIN]) &&
                  set_text(l->location, sizeof l->location, v[R_LOC]) &&
                  set_uint(v[R_ORDERED], &l->ordered) && set_uint(v[R_PICKED], &l->picked) &&
                  set_short(v[R_SHORT], &l->short_reason);
        if (row == 1) {
            ok = ok && set_text(r->order_id, sizeof r->order_id, v[R_ORDER]) &&
                 set_text(r->source, sizeof r->source, v[R_SOURCE]) &&
                 set_text(r->trainee, sizeof r->trainee, v[R_TRAINEE]) &&
                 set_text(r->kiosk, sizeof r->kiosk, v[R_KIOSK]) &&
                 set_time(v[R_STARTED], &r->started_ms) &&
                 set_time(v[R_FINISHED], &r->finished_ms) &&
                 set_text(r->packed_by, sizeof r->packed_by, v[R_PACKED_BY]) &&
                 set_text(r->pack_kiosk, sizeof r->pack_kiosk, v[R_PACK_KIOSK]) &&
                 set_time(v[R_PACKED_AT], &r->packed_ms) &&
                 set_text(r->box, sizeof r->box, v[R_BOX]) &&
                 set_text(r->sscc, sizeof r->sscc, v[R_SSCC]);
        } else {
            for (int c = R_STATUS; ok && c < R_COUNT; c++)
                ok = strcmp(v[c], core_csv_cell(&t, 1, col[c])->text) == 0;
            ok = ok && strcmp(v[R_ORDER], r->order_id) == 0;
        }
        if (!ok)
            st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "result:%u: a value is not valid, or "
                                "differs from the first row's", t.rows[row].line);
    }
    if (st == STIEL_OK && strcmp(core_csv_cell(&t, 1, col[R_STATUS])->text,
                                 order_result_status(r)) != 0)
        st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "result: status does not match the lines");
    core_csv_free(&t);
    return st;
}

static const char *jstr(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsNull(v))
        return "";
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool juint(const cJSON *obj, const char *key, unsigned *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > ORDER_QTY_MAX ||
        v->valuedouble != (double)(unsigned)v->valuedouble)
        return false;
    *out = (unsigned)v->valuedouble;
    return true;
}

static stiel_status parse_json(const char *text, size_t len, order_result *r, stiel_diag *diag)
{
    cJSON *doc = cJSON_ParseWithLength(text, len);
    if (!doc)
        return orders_json_cut(text, len)
                   ? stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "result: the JSON ends early")
                   : stiel_diag_set(diag, STIEL_ERR_SYNTAX, "result: not a JSON document");
    memset(r, 0, sizeof *r);
    const cJSON *pick = cJSON_GetObjectItemCaseSensitive(doc, "pick");
    const cJSON *pack = cJSON_GetObjectItemCaseSensitive(doc, "pack");
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(doc, "lines");
    const char *fmt = jstr(doc, "format");
    bool ok = fmt && strcmp(fmt, "stiel-order-result") == 0 && cJSON_IsObject(pick) &&
              (cJSON_IsNull(pack) || cJSON_IsObject(pack)) && cJSON_IsArray(lines) &&
              set_text(r->order_id, sizeof r->order_id, jstr(doc, "order_id")) &&
              set_text(r->source, sizeof r->source, jstr(doc, "source")) &&
              set_text(r->trainee, sizeof r->trainee, jstr(pick, "trainee")) &&
              set_text(r->kiosk, sizeof r->kiosk, jstr(pick, "kiosk")) &&
              set_time(jstr(pick, "started"), &r->started_ms) &&
              set_time(jstr(pick, "finished"), &r->finished_ms);
    if (ok && cJSON_IsObject(pack))
        ok = set_text(r->packed_by, sizeof r->packed_by, jstr(pack, "trainee")) &&
             set_text(r->pack_kiosk, sizeof r->pack_kiosk, jstr(pack, "kiosk")) &&
             set_time(jstr(pack, "at"), &r->packed_ms) &&
             set_text(r->box, sizeof r->box, jstr(pack, "box")) &&
             set_text(r->sscc, sizeof r->sscc, jstr(pack, "sscc"));
    int n = ok ? cJSON_GetArraySize(lines) : 0;
    ok = ok && n >= 1 && n <= ORDER_LINES_MAX;
    for (int i = 0; ok && i < n; i++) {
        const cJSON *o = cJSON_GetArrayItem(lines, i);
        order_result_line *l = &r->lines[i];
        ok = set_text(l->line_id, sizeof l->line_id, jstr(o, "line")) &&
             set_text(l->sku, sizeof l->sku, jstr(o, "sku")) &&
             set_text(l->gtin, sizeof l->gtin, jstr(o, "gtin")) &&
             set_text(l->location, sizeof l->location, jstr(o, "location")) &&
             juint(o, "ordered", &l->ordered) && juint(o, "picked", &l->picked) &&
             set_short(jstr(o, "short_reason"), &l->short_reason);
    }
    r->line_count = ok ? (size_t)n : 0;
    const char *status = ok ? jstr(doc, "status") : NULL;
    ok = ok && status && strcmp(status, order_result_status(r)) == 0;
    cJSON_Delete(doc);
    if (!ok)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "result: a key is missing or has a value of the wrong kind");
    return STIEL_OK;
}

stiel_status order_result_parse(const char *text, size_t len, orders_format fmt,
                                order_result *r, stiel_diag *diag)
{
    if (!text || !r)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "result: missing argument");
    stiel_status st = fmt == ORDERS_FORMAT_CSV ? parse_csv(text, len, r, diag)
                                               : parse_json(text, len, r, diag);
    if (st == STIEL_OK)
        st = result_check(r, diag);
    if (st == STIEL_ERR_ARG) {  /* a value breaks the result's rules: the text is wrong */
        st = STIEL_ERR_SYNTAX;
        if (diag)
            diag->code = st;
    }
    return st;
}
