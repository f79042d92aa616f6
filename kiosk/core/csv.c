/* The RFC 4180 CSV reader declared in csv.h: one pass that splits records and unquotes fields
 * into one store, then the header, field-count and UTF-8 checks that report every problem. */
#include "kiosk/core/csv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/utf8.h"

typedef struct raw_field {
    size_t off;
    size_t len;
    unsigned line;
} raw_field;

typedef struct csv_parser {
    const char *file;
    const uint8_t *p;
    size_t len;
    size_t i;
    unsigned line;
    stiel_buf store;
    raw_field *fields;
    size_t nfields, fields_alloc;
    core_csv_row *rows;
    size_t nrows, rows_alloc;
    core_errors *errs;
} csv_parser;

static bool grow(void **arr, size_t *alloc, size_t need, size_t elem)
{
    if (need <= *alloc)
        return true;
    size_t n = *alloc ? *alloc * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*arr, n * elem);
    if (!q)
        return false;
    *arr = q;
    *alloc = n;
    return true;
}

/* "gtin" when the header names the column, else its 1-based number. */
static const char *column_label(const csv_parser *ps, size_t col, char *tmp, size_t cap)
{
    if (ps->nrows > 0 && col < ps->rows[0].count) {
        const raw_field *f = &ps->fields[ps->rows[0].first + col];
        if (f->len > 0 && f->len < 64)
            return (const char *)ps->store.data + f->off;
    }
    snprintf(tmp, cap, "%zu", col + 1);
    return tmp;
}

static stiel_status fail(csv_parser *ps, stiel_status code, unsigned line, size_t col,
                         const char *what)
{
    char tmp[24];
    return core_errors_add(ps->errs, code, "%s:%u: column %s: %s", ps->file, line,
                           column_label(ps, col, tmp, sizeof tmp), what);
}

static bool is_line_end(uint8_t c)
{
    return c == '\n' || c == '\r';
}

/* Consumes one line end (CRLF, LF or CR) at ps->i, if any, counting the line. */
static void eat_line_end(csv_parser *ps)
{
    if (ps->i >= ps->len)
        return;
    if (ps->p[ps->i] == '\r') {
        ps->i++;
        if (ps->i < ps->len && ps->p[ps->i] == '\n')
            ps->i++;
        ps->line++;
    } else if (ps->p[ps->i] == '\n') {
        ps->i++;
        ps->line++;
    }
}

static stiel_status put_byte(csv_parser *ps, uint8_t c, unsigned line, size_t col, size_t start)
{
    if (c == 0)
        return fail(ps, STIEL_ERR_CHARSET, line, col,
                    "holds a NUL byte; save the file as UTF-8 text");
    if (ps->store.len - start >= CORE_CSV_FIELD_MAX)
        return fail(ps, STIEL_ERR_OVERLONG, line, col, "field is longer than 4096 bytes");
    if (stiel_buf_append(&ps->store, &c, 1) != STIEL_OK)
        return core_errors_add(ps->errs, STIEL_ERR_NOMEM, "%s: out of memory", ps->file);
    return STIEL_OK;
}

static stiel_status read_quoted(csv_parser *ps, size_t col, size_t start, unsigned field_line)
{
    ps->i++;  /* the opening quote */
    while (ps->i < ps->len) {
        uint8_t c = ps->p[ps->i];
        if (c == '"') {
            if (ps->i + 1 < ps->len && ps->p[ps->i + 1] == '"') {
                stiel_status st = put_byte(ps, '"', field_line, col, start);
                if (st != STIEL_OK)
                    return st;
                ps->i += 2;
                continue;
            }
            ps->i++;
            if (ps->i < ps->len && ps->p[ps->i] != ',' && !is_line_end(ps->p[ps->i]))
                return fail(ps, STIEL_ERR_SYNTAX, ps->line, col,
                            "text after the closing quote; quote the whole field and "
                            "double every quote inside it");
            return STIEL_OK;
        }
        if (c == '\n' || (c == '\r' && !(ps->i + 1 < ps->len && ps->p[ps->i + 1] == '\n')))
            ps->line++;
        stiel_status st = put_byte(ps, c, field_line, col, start);
        if (st != STIEL_OK)
            return st;
        ps->i++;
    }
    return fail(ps, STIEL_ERR_TRUNCATED, field_line, col,
                "a quoted field is never closed (its closing quote is missing)");
}

static stiel_status read_plain(csv_parser *ps, size_t col, size_t start, unsigned field_line)
{
    while (ps->i < ps->len && ps->p[ps->i] != ',' && !is_line_end(ps->p[ps->i])) {
        if (ps->p[ps->i] == '"')
            return fail(ps, STIEL_ERR_SYNTAX, field_line, col,
                        "a quote inside an unquoted field; quote the whole field and "
                        "double every quote inside it");
        stiel_status st = put_byte(ps, ps->p[ps->i], field_line, col, start);
        if (st != STIEL_OK)
            return st;
        ps->i++;
    }
    return STIEL_OK;
}

static stiel_status read_record(csv_parser *ps)
{
    core_csv_row row = { .first = ps->nfields, .count = 0, .line = ps->line };
    for (;;) {
        size_t col = row.count;
        unsigned field_line = ps->line;
        size_t start = ps->store.len;
        stiel_status st = (ps->i < ps->len && ps->p[ps->i] == '"')
                              ? read_quoted(ps, col, start, field_line)
                              : read_plain(ps, col, start, field_line);
        if (st != STIEL_OK)
            return st;
        size_t flen = ps->store.len - start;
        uint8_t nul = 0;
        if (stiel_buf_append(&ps->store, &nul, 1) != STIEL_OK ||
            !grow((void **)&ps->fields, &ps->fields_alloc, ps->nfields + 1, sizeof *ps->fields))
            return core_errors_add(ps->errs, STIEL_ERR_NOMEM, "%s: out of memory", ps->file);
        ps->fields[ps->nfields++] = (raw_field){ .off = start, .len = flen, .line = field_line };
        row.count++;
        if (ps->i < ps->len && ps->p[ps->i] == ',') {
            ps->i++;
            continue;
        }
        eat_line_end(ps);
        break;
    }
    if (!grow((void **)&ps->rows, &ps->rows_alloc, ps->nrows + 1, sizeof *ps->rows))
        return core_errors_add(ps->errs, STIEL_ERR_NOMEM, "%s: out of memory", ps->file);
    ps->rows[ps->nrows++] = row;
    return STIEL_OK;
}

/* Header names present and unique; every row as wide as the header; UTF-8 everywhere. */
static stiel_status check_table(csv_parser *ps)
{
    stiel_status first = STIEL_OK;
    const core_csv_row *h = &ps->rows[0];
    for (size_t c = 0; c < h->count; c++) {
        const raw_field *f = &ps->fields[h->first + c];
        const char *name = (const char *)ps->store.data + f->off;
        if (f->len == 0) {
            core_errors_add(ps->errs, STIEL_ERR_SYNTAX,
                            "%s:%u: column %zu: the header row has an empty column name",
                            ps->file, h->line, c + 1);
            first = first ? first : STIEL_ERR_SYNTAX;
            continue;
        }
        for (size_t k = 0; k < c; k++) {
            const raw_field *g = &ps->fields[h->first + k];
            if (g->len == f->len && memcmp(ps->store.data + g->off, name, f->len) == 0) {
                core_errors_add(ps->errs, STIEL_ERR_SYNTAX,
                                "%s:%u: column %zu: the name %.64s appears twice (also column %zu)",
                                ps->file, h->line, c + 1, name, k + 1);
                first = first ? first : STIEL_ERR_SYNTAX;
                break;
            }
        }
    }
    for (size_t r = 0; r < ps->nrows; r++) {
        const core_csv_row *row = &ps->rows[r];
        if (row->count != h->count) {
            core_errors_add(ps->errs, STIEL_ERR_SYNTAX,
                            "%s:%u: the row has %zu fields, the header has %zu",
                            ps->file, row->line, row->count, h->count);
            first = first ? first : STIEL_ERR_SYNTAX;
        }
        for (size_t c = 0; c < row->count; c++) {
            const raw_field *f = &ps->fields[row->first + c];
            size_t bad = 0;
            if (!stiel_utf8_valid(ps->store.data + f->off, f->len, &bad)) {
                char what[96];
                snprintf(what, sizeof what,
                         "not valid UTF-8 (byte %zu of the field); save the file as UTF-8",
                         bad + 1);
                fail(ps, STIEL_ERR_CHARSET, f->line, c, what);
                first = first ? first : STIEL_ERR_CHARSET;
            }
        }
    }
    return first;
}

static void parser_free(csv_parser *ps)
{
    stiel_buf_free(&ps->store);
    free(ps->fields);
    free(ps->rows);
}

stiel_status core_csv_parse(const char *file, const char *text, size_t len, core_csv_table *out,
                            core_errors *errs)
{
    if (!file || !out || (!text && len > 0))
        return core_errors_add(errs, STIEL_ERR_ARG, "csv: no file name, text or table given");
    memset(out, 0, sizeof *out);
    if (len > CORE_CSV_FILE_MAX)
        return core_errors_add(errs, STIEL_ERR_OVERLONG,
                               "%s: the file has %zu bytes, more than the %d a catalogue file "
                               "may have", file, len, CORE_CSV_FILE_MAX);
    csv_parser ps = { .file = file, .p = (const uint8_t *)text, .len = len, .line = 1,
                      .errs = errs };
    stiel_buf_init(&ps.store, 2 * (size_t)CORE_CSV_FILE_MAX);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.i = 3;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && ps.i < ps.len) {
        if (is_line_end(ps.p[ps.i])) {
            eat_line_end(&ps);
            continue;
        }
        st = read_record(&ps);
    }
    if (st == STIEL_OK && ps.nrows == 0)
        st = core_errors_add(errs, STIEL_ERR_MISSING,
                             "%s:1: the file is empty; its first row must name the columns", file);
    if (st == STIEL_OK)
        st = check_table(&ps);
    if (st != STIEL_OK) {
        parser_free(&ps);
        return st;
    }
    out->fields = malloc((ps.nfields ? ps.nfields : 1) * sizeof *out->fields);
    if (!out->fields) {
        parser_free(&ps);
        return core_errors_add(errs, STIEL_ERR_NOMEM, "%s: out of memory", file);
    }
    snprintf(out->file, sizeof out->file, "%s", file);
    out->store = (char *)ps.store.data;
    for (size_t k = 0; k < ps.nfields; k++)
        out->fields[k] = (core_csv_field){ .text = out->store + ps.fields[k].off,
                                           .len = ps.fields[k].len,
                                           .line = ps.fields[k].line };
    out->nfields = ps.nfields;
    out->rows = ps.rows;
    out->nrows = ps.nrows;
    free(ps.fields);
    return STIEL_OK;
}

void core_csv_free(core_csv_table *t)
{
    if (!t)
        return;
    free(t->store);
    free(t->fields);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int core_csv_column(const core_csv_table *t, const char *name)
{
    if (!t || t->nrows == 0 || !name)
        return -1;
    const core_csv_row *h = &t->rows[0];
    for (size_t c = 0; c < h->count; c++)
        if (strcmp(t->fields[h->first + c].text, name) == 0)
            return (int)c;
    return -1;
}

const core_csv_field *core_csv_cell(const core_csv_table *t, size_t row, int col)
{
    if (!t || row >= t->nrows || col < 0 || (size_t)col >= t->rows[row].count)
        return NULL;
    return &t->fields[t->rows[row].first + (size_t)col];
}
