/* The .po reader declared in po.h: a line-oriented parser (keyword + quoted string, then
 * continuation strings), C escapes, UTF-8 check, duplicate check, then a sort for bsearch. */
#include "kiosk/ui/po.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "kiosk/core/utf8.h"

typedef enum po_field { FIELD_NONE = 0, FIELD_ID, FIELD_STR } po_field;

typedef struct po_parser {
    const char *file;
    unsigned line;
    po_field field;            /* what a continuation string appends to */
    bool have_id, have_str;
    unsigned id_line;
    stiel_buf id, str;
    po_entry *entries;
    size_t count, alloc;
    stiel_diag *diag;
} po_parser;

static stiel_status fail(po_parser *p, stiel_status code, const char *reason)
{
    return stiel_diag_set(p->diag, code, "%s:%u: %s", p->file, p->line, reason);
}

/* Appends the quoted string starting at s[0] == '"' (line ends at end) to dst. */
static stiel_status read_quoted(po_parser *p, const char *s, const char *end, stiel_buf *dst)
{
    const char *c = s + 1;
    while (c < end && *c != '"') {
        char ch = *c;
        if (ch == '\\') {
            if (c + 1 >= end)
                return fail(p, STIEL_ERR_SYNTAX, "string ends after a backslash");
            switch (c[1]) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case '"': ch = '"'; break;
            case '\\': ch = '\\'; break;
            default: return fail(p, STIEL_ERR_CHARSET, "unknown escape (use \\n \\t \\r \\\" \\\\)");
            }
            c++;
        }
        if (stiel_buf_append(dst, &ch, 1) != STIEL_OK)
            return fail(p, STIEL_ERR_NOMEM, "out of memory");
        c++;
    }
    if (c >= end)
        return fail(p, STIEL_ERR_SYNTAX, "string has no closing quote");
    for (c++; c < end; c++) {
        if (*c != ' ' && *c != '\t' && *c != '\r')
            return fail(p, STIEL_ERR_SYNTAX, "text after the closing quote");
    }
    return STIEL_OK;
}

static char *dup_buf(const stiel_buf *b)
{
    size_t n = b->len;
    char *s = malloc(n + 1);
    if (s) {
        if (n)
            memcpy(s, b->data, n);
        s[n] = '\0';
    }
    return s;
}

/* Ends the current entry (at a new msgid or at the end of the file). */
static stiel_status flush(po_parser *p)
{
    if (!p->have_id)
        return STIEL_OK;
    if (!p->have_str) {
        p->line = p->id_line;
        return fail(p, STIEL_ERR_SYNTAX, "msgid without msgstr");
    }
    bool keep = p->id.len > 0 && p->str.len > 0;
    if (keep) {
        if (p->count == p->alloc) {
            size_t n = p->alloc ? p->alloc * 2 : 64;
            po_entry *e = realloc(p->entries, n * sizeof *e);
            if (!e)
                return fail(p, STIEL_ERR_NOMEM, "out of memory");
            p->entries = e;
            p->alloc = n;
        }
        po_entry *e = &p->entries[p->count];
        e->id = dup_buf(&p->id);
        e->str = dup_buf(&p->str);
        e->line = p->id_line;
        if (!e->id || !e->str) {
            free(e->id);
            free(e->str);
            return fail(p, STIEL_ERR_NOMEM, "out of memory");
        }
        p->count++;
    }
    p->have_id = p->have_str = false;
    p->field = FIELD_NONE;
    stiel_buf_reset(&p->id);
    stiel_buf_reset(&p->str);
    return STIEL_OK;
}

static bool keyword(const char *s, const char *end, const char *kw, const char **rest)
{
    size_t n = strlen(kw);
    if ((size_t)(end - s) < n || memcmp(s, kw, n) != 0)
        return false;
    const char *c = s + n;
    if (c < end && *c != ' ' && *c != '\t' && *c != '"')
        return false;
    while (c < end && (*c == ' ' || *c == '\t'))
        c++;
    *rest = c;
    return true;
}

static stiel_status parse_line(po_parser *p, const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    if (s == end || *s == '#')
        return STIEL_OK;
    const char *rest = NULL;
    if (*s == '"') {
        if (p->field == FIELD_NONE)
            return fail(p, STIEL_ERR_SYNTAX, "a string with no msgid or msgstr before it");
        return read_quoted(p, s, end, p->field == FIELD_ID ? &p->id : &p->str);
    }
    if (keyword(s, end, "msgid", &rest)) {
        stiel_status st = flush(p);
        if (st != STIEL_OK)
            return st;
        p->have_id = true;
        p->id_line = p->line;
        p->field = FIELD_ID;
    } else if (keyword(s, end, "msgstr", &rest)) {
        if (!p->have_id || p->have_str)
            return fail(p, STIEL_ERR_SYNTAX, "msgstr without a msgid before it");
        p->have_str = true;
        p->field = FIELD_STR;
    } else if (keyword(s, end, "msgctxt", &rest) || keyword(s, end, "msgid_plural", &rest) ||
               (end - s >= 7 && memcmp(s, "msgstr[", 7) == 0)) {
        return fail(p, STIEL_ERR_SYNTAX, "msgctxt and plural forms are not used by the kiosk");
    } else {
        return fail(p, STIEL_ERR_SYNTAX, "unknown keyword (expected msgid, msgstr or a string)");
    }
    if (rest >= end || *rest != '"')
        return fail(p, STIEL_ERR_SYNTAX, "keyword without a quoted string");
    return read_quoted(p, rest, end, p->field == FIELD_ID ? &p->id : &p->str);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const po_entry *)a)->id, ((const po_entry *)b)->id);
}

static void free_entries(po_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].id);
        free(e[i].str);
    }
    free(e);
}

stiel_status po_parse(const char *file, const char *text, size_t len, po_catalog *out,
                      stiel_diag *diag)
{
    po_parser p = {.file = file ? file : "?", .line = 0, .diag = diag};
    stiel_buf_init(&p.id, 4096);
    stiel_buf_init(&p.str, 4096);
    out->entries = NULL;
    out->count = 0;
    stiel_status st = STIEL_OK;
    const char *s = text, *end = text + len;
    while (st == STIEL_OK && s < end) {
        p.line++;
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        size_t bad = 0;
        if (memchr(s, '\0', (size_t)(le - s)))
            st = fail(&p, STIEL_ERR_CHARSET, "a NUL byte in the text");
        else if (!core_utf8_valid((const uint8_t *)s, (size_t)(le - s), &bad))
            st = fail(&p, STIEL_ERR_CHARSET, "invalid UTF-8 (save the file as UTF-8)");
        else
            st = parse_line(&p, s, le);
        s = nl ? nl + 1 : end;
    }
    if (st == STIEL_OK) {
        p.line++;
        st = flush(&p);
    }
    if (st == STIEL_OK && p.count > 1) {
        qsort(p.entries, p.count, sizeof *p.entries, cmp_entry);
        for (size_t i = 1; i < p.count; i++) {
            if (strcmp(p.entries[i - 1].id, p.entries[i].id) == 0) {
                const po_entry *a = &p.entries[i - 1], *b = &p.entries[i];
                const po_entry *later = a->line > b->line ? a : b;
                const po_entry *first = later == a ? b : a;
                st = stiel_diag_set(diag, STIEL_ERR_ARG,
                                    "%s:%u: msgid \"%s\" was already given at line %u", p.file,
                                    later->line, later->id, first->line);
                break;
            }
        }
    }
    stiel_buf_free(&p.id);
    stiel_buf_free(&p.str);
    if (st != STIEL_OK) {
        free_entries(p.entries, p.count);
        return st;
    }
    out->entries = p.entries;
    out->count = p.count;
    return STIEL_OK;
}

const char *po_lookup(const po_catalog *cat, const char *id)
{
    if (!cat || !id || !cat->count)
        return NULL;
    po_entry key = {.id = (char *)id};
    const po_entry *e = bsearch(&key, cat->entries, cat->count, sizeof key, cmp_entry);
    return e ? e->str : NULL;
}

void po_free(po_catalog *cat)
{
    if (!cat)
        return;
    free_entries(cat->entries, cat->count);
    cat->entries = NULL;
    cat->count = 0;
}
