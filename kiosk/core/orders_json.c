/* The JSON reader of pick lists (orders.h): cJSON parses the document; a small locator walks the
 * same text again to find where a value sits, so every error names file:line:column and the
 * value's path ("orders[1].lines[0].qty"), as the CSV errors name file, line and column. */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "kiosk/core/orders_impl.h"

/* A step of a path into the document: an object key, or an array index when key is NULL. */
typedef struct jstep {
    const char *key;
    size_t index;
} jstep;

enum { JPATH_MAX = 5 };

typedef struct jctx {
    orders_builder *b;
    const char *text;
    size_t len;
} jctx;

/* ---- the locator (on text cJSON accepted) ------------------------------------------------------ */

static size_t skip_ws(const char *t, size_t len, size_t p)
{
    while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r' || t[p] == '\n'))
        p++;
    return p;
}

static size_t skip_string(const char *t, size_t len, size_t p)
{
    for (p++; p < len && t[p] != '"'; p++) {
        if (t[p] == '\\')
            p++;
    }
    return p < len ? p + 1 : len;
}

static size_t skip_value(const char *t, size_t len, size_t p)
{
    if (p < len && t[p] == '"')
        return skip_string(t, len, p);
    if (p < len && (t[p] == '{' || t[p] == '[')) {
        size_t depth = 0;
        while (p < len) {
            if (t[p] == '"') {
                p = skip_string(t, len, p);
                continue;
            }
            if (t[p] == '{' || t[p] == '[')
                depth++;
            else if ((t[p] == '}' || t[p] == ']') && --depth == 0)
                return p + 1;
            p++;
        }
        return len;
    }
    while (p < len && !strchr(",]} \t\r\n", t[p]))
        p++;
    return p;
}

/* The offset of the value at path (n steps), or len when it cannot be found (a key written with
 * escapes). */
static size_t locate(const char *t, size_t len, const jstep *path, size_t n)
{
    size_t p = skip_ws(t, len, 0);
    for (size_t s = 0; s < n; s++) {
        char open = path[s].key ? '{' : '[';
        if (p >= len || t[p] != open)
            return len;
        p = skip_ws(t, len, p + 1);
        size_t k = 0;
        bool found = false;
        while (p < len && !found) {
            if (t[p] == '}' || t[p] == ']')
                return len;
            if (path[s].key) {
                size_t kstart = p + 1, kend = skip_string(t, len, p) - 1;
                size_t klen = strlen(path[s].key);
                found = kend - kstart == klen && memcmp(t + kstart, path[s].key, klen) == 0;
                p = skip_ws(t, len, kend + 1);
                if (p < len && t[p] == ':')
                    p = skip_ws(t, len, p + 1);
            } else {
                found = k == path[s].index;
            }
            if (found)
                break;
            p = skip_ws(t, len, skip_value(t, len, p));
            if (p < len && t[p] == ',')
                p = skip_ws(t, len, p + 1);
            k++;
        }
        if (!found)
            return len;
    }
    return p;
}

static void line_col(const char *t, size_t len, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t k = 0; k < off && k < len; k++) {
        unsigned char c = (unsigned char)t[k];
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* "file:line:column: orders[0].lines[2].qty" for the value at path; when the value itself is
 * missing, the position is its parent's (the path still names it). */
static void where_of(const jctx *j, const jstep *path, size_t n, char *out, size_t cap)
{
    size_t off = j->len;
    for (size_t m = n + 1; m-- > 0 && off == j->len;)
        off = locate(j->text, j->len, path, m);
    unsigned line, col;
    line_col(j->text, j->len, off, &line, &col);
    int w = snprintf(out, cap, "%s:%u:%u: ", j->b->list.source, line, col);
    for (size_t s = 0; s < n && w > 0 && (size_t)w < cap; s++) {
        if (path[s].key)
            w += snprintf(out + w, cap - (size_t)w, "%s%s", s ? "." : "", path[s].key);
        else
            w += snprintf(out + w, cap - (size_t)w, "[%zu]", path[s].index);
    }
    if (n == 0 && w > 2 && (size_t)w <= cap)
        out[w - 2] = '\0';  /* the document itself: "file:line:col" */
}

static void jerror(const jctx *j, const jstep *path, size_t n, stiel_status code,
                   const char *reason)
{
    char where[ORDERS_WHERE_MAX];
    where_of(j, path, n, where, sizeof where);
    orders_builder_error(j->b, code, where, "%s", reason);
}

/* ---- fields ------------------------------------------------------------------------------------ */

/* Fills f from key of obj (path: obj's path + the key). A string is taken as it is; when
 * allow_int, a whole number too (line references); when number, only a number (its text as
 * written). Anything else is reported now and f marked. */
static void jfield(const jctx *j, const cJSON *obj, jstep *path, size_t n, const char *key,
                   bool allow_int, bool number, orders_field *f, char *numbuf, size_t numcap)
{
    path[n] = (jstep){ .key = key };
    where_of(j, path, n + 1, f->where, sizeof f->where);
    f->text = NULL;
    f->reported = false;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v))
        return;
    if (!number && cJSON_IsString(v)) {
        f->text = v->valuestring;
        return;
    }
    if ((number || allow_int) && cJSON_IsNumber(v)) {
        size_t off = locate(j->text, j->len, path, n + 1);
        size_t end = off < j->len ? skip_value(j->text, j->len, off) : off;
        if (off < j->len && end - off < numcap) {
            memcpy(numbuf, j->text + off, end - off);
            numbuf[end - off] = '\0';
        } else {
            snprintf(numbuf, numcap, "%.17g", v->valuedouble);
        }
        f->text = numbuf;
        return;
    }
    orders_builder_error(j->b, STIEL_ERR_SYNTAX, f->where, "%s",
                         number ? "must be a number (a whole number of units)"
                                : allow_int ? "must be a string or a whole number"
                                            : "must be a string");
    f->reported = true;
}

static void parse_line(const jctx *j, order *o, const cJSON *ln, jstep *path)
{
    if (!cJSON_IsObject(ln)) {
        jerror(j, path, 4, STIEL_ERR_SYNTAX, "must be an object with sku, location and qty");
        return;
    }
    orders_line_in in;
    char nline[24], nqty[24];
    jfield(j, ln, path, 4, "line", true, false, &in.line_id, nline, sizeof nline);
    jfield(j, ln, path, 4, "sku", false, false, &in.sku, NULL, 0);
    jfield(j, ln, path, 4, "gtin", false, false, &in.gtin, NULL, 0);
    jfield(j, ln, path, 4, "location", false, false, &in.location, NULL, 0);
    jfield(j, ln, path, 4, "qty", false, true, &in.qty, nqty, sizeof nqty);
    orders_builder_line(j->b, o, &in);
}

static void parse_order(const jctx *j, const cJSON *ord, size_t index)
{
    jstep path[JPATH_MAX] = { { .key = "orders" }, { .index = index } };
    if (!cJSON_IsObject(ord)) {
        jerror(j, path, 2, STIEL_ERR_SYNTAX, "must be an object with order_id and lines");
        return;
    }
    orders_field id, tote;
    jfield(j, ord, path, 2, "order_id", false, false, &id, NULL, 0);
    if (!id.text && !id.reported) {
        orders_builder_error(j->b, STIEL_ERR_MISSING, id.where, "is missing; every order "
                             "needs its id");
        id.reported = true;
    }
    jfield(j, ord, path, 2, "tote", false, false, &tote, NULL, 0);
    char where[ORDERS_WHERE_MAX];
    where_of(j, path, 2, where, sizeof where);
    unsigned line = 0, col = 0;
    line_col(j->text, j->len, locate(j->text, j->len, path, 2), &line, &col);
    order *o = orders_builder_order(j->b, &id, &tote, line);
    path[2] = (jstep){ .key = "lines" };
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(ord, "lines");
    if (!lines) {
        jerror(j, path, 3, STIEL_ERR_MISSING, "is missing; every order needs its lines");
        return;
    }
    if (!cJSON_IsArray(lines)) {
        jerror(j, path, 3, STIEL_ERR_SYNTAX, "must be an array of lines");
        return;
    }
    size_t k = 0;
    for (const cJSON *ln = lines->child; ln; ln = ln->next, k++) {
        path[3] = (jstep){ .index = k };
        parse_line(j, o, ln, path);
    }
    orders_builder_order_end(j->b, o, where);
}

/* ---- the document ------------------------------------------------------------------------------ */

/* True when the text stops inside a string, an object or an array: a file cut short. */
bool orders_json_cut(const char *t, size_t len)
{
    size_t depth = 0;
    for (size_t p = 0; p < len; p++) {
        if (t[p] == '"') {
            size_t q = p + 1;
            while (q < len && t[q] != '"')
                q += t[q] == '\\' ? 2 : 1;
            if (q >= len)
                return true;  /* the string never closes */
            p = q;
        } else if (t[p] == '{' || t[p] == '[') {
            depth++;
        } else if ((t[p] == '}' || t[p] == ']') && depth > 0) {
            depth--;
        }
    }
    return depth > 0;
}

static bool only_ws(const char *t, size_t len, size_t p)
{
    return skip_ws(t, len, p) == len;
}

stiel_status orders_parse_json(orders_builder *b, const char *text, size_t len)
{
    jctx j = { .b = b, .text = text, .len = len };
    if (memchr(text, '\0', len)) {
        size_t off = (size_t)((const char *)memchr(text, '\0', len) - text);
        char where[ORDERS_WHERE_MAX];
        unsigned line, col;
        line_col(text, len, off, &line, &col);
        snprintf(where, sizeof where, "%s:%u:%u", b->list.source, line, col);
        orders_builder_error(b, STIEL_ERR_CHARSET, where, "a NUL byte: this is no JSON text");
        return b->first;
    }
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, false);
    size_t off = end ? (size_t)(end - text) : len;
    if (!doc || !only_ws(text, len, off)) {
        char where[ORDERS_WHERE_MAX];
        unsigned line, col;
        bool cut = !doc && orders_json_cut(text, len);
        if (doc)
            off = skip_ws(text, len, off);  /* at the first stray byte */
        if (cut)
            off = len;
        line_col(text, len, off, &line, &col);
        snprintf(where, sizeof where, "%s:%u:%u", b->list.source, line, col);
        if (cut)
            orders_builder_error(b, STIEL_ERR_TRUNCATED, where,
                                 "the JSON ends early, so the file may be cut off (half "
                                 "written)");
        else if (!doc)  /* text need not be NUL-terminated: quote at most what is left */
            orders_builder_error(b, STIEL_ERR_SYNTAX, where, "JSON syntax error near \"%.*s\"",
                                 (int)(off < len ? (len - off < 12 ? len - off : 12) : 0),
                                 text + (off < len ? off : len));
        else
            orders_builder_error(b, STIEL_ERR_SYNTAX, where,
                                 "text after the end of the JSON document");
        cJSON_Delete(doc);
        return b->first;
    }
    jstep path[1] = { { .key = "orders" } };
    const cJSON *orders = cJSON_IsObject(doc) ? cJSON_GetObjectItemCaseSensitive(doc, "orders")
                                              : NULL;
    const cJSON *fmt = cJSON_IsObject(doc) ? cJSON_GetObjectItemCaseSensitive(doc, "format")
                                           : NULL;
    if (!cJSON_IsObject(doc)) {
        jerror(&j, path, 0, STIEL_ERR_SYNTAX, "the document must be an object with \"orders\"");
    } else if (fmt && !(cJSON_IsString(fmt) && strcmp(fmt->valuestring, "stiel-pick-list") == 0)) {
        jstep fp[1] = { { .key = "format" } };
        jerror(&j, fp, 1, STIEL_ERR_UNSUPPORTED, "is not \"stiel-pick-list\"");
    } else if (!orders) {
        jerror(&j, path, 1, STIEL_ERR_MISSING, "is missing; the document must list its orders");
    } else if (!cJSON_IsArray(orders)) {
        jerror(&j, path, 1, STIEL_ERR_SYNTAX, "must be an array of orders");
    } else {
        size_t k = 0;
        for (const cJSON *o = orders->child; o; o = o->next, k++)
            parse_order(&j, o, k);
    }
    cJSON_Delete(doc);
    return b->first;
}
