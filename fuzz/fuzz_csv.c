/* libFuzzer target for the RFC 4180 CSV reader of kiosk/core (csv.h): arbitrary bytes; a table
 * that parses keeps its promises (unique non-empty header names, every row as wide as the header,
 * fields valid UTF-8 without NUL) and, written back with every field quoted, parses to the same
 * table. A failure reports at least one error and leaves the table empty. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "kiosk/core/csv.h"
#include "kiosk/core/utf8.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_table(const core_csv_table *t)
{
    CHECK(t->nrows >= 1 && t->rows[0].count >= 1);
    size_t width = t->rows[0].count;
    for (size_t r = 0; r < t->nrows; r++) {
        CHECK(t->rows[r].count == width);
        CHECK(t->rows[r].first + width <= t->nfields);
        CHECK(r == 0 || t->rows[r].line > t->rows[r - 1].line);
        for (size_t c = 0; c < width; c++) {
            const core_csv_field *f = &t->fields[t->rows[r].first + c];
            CHECK(strlen(f->text) == f->len && f->len <= CORE_CSV_FIELD_MAX);
            CHECK(core_utf8_valid((const uint8_t *)f->text, f->len, NULL));
            CHECK(f->line >= t->rows[r].line);
            CHECK(core_csv_cell(t, r, (int)c) == f);
        }
        CHECK(core_csv_cell(t, r, -1) == NULL && core_csv_cell(t, r, (int)width) == NULL);
    }
    for (size_t c = 0; c < width; c++) {
        const core_csv_field *name = &t->fields[t->rows[0].first + c];
        CHECK(name->len > 0);
        CHECK(core_csv_column(t, name->text) == (int)c); /* unique */
    }
}

/* Every field quoted, "" for a quote, CRLF line ends. */
static void write_table(const core_csv_table *t, stiel_buf *out)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->rows[r].count; c++) {
            const core_csv_field *f = &t->fields[t->rows[r].first + c];
            CHECK(stiel_buf_append(out, c ? ",\"" : "\"", c ? 2 : 1) == STIEL_OK);
            for (size_t i = 0; i < f->len; i++) {
                if (f->text[i] == '"')
                    CHECK(stiel_buf_append(out, "\"", 1) == STIEL_OK);
                CHECK(stiel_buf_append(out, f->text + i, 1) == STIEL_OK);
            }
            CHECK(stiel_buf_append(out, "\"", 1) == STIEL_OK);
        }
        CHECK(stiel_buf_append(out, "\r\n", 2) == STIEL_OK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static core_csv_table t, back;
    static core_errors errs;
    if (size > 65536)
        return 0;
    memset(&t, 0, sizeof t);
    core_errors_clear(&errs);
    stiel_status st = core_csv_parse("fuzz.csv", (const char *)data, size, &t, &errs);
    if (st != STIEL_OK) {
        CHECK(core_errors_total(&errs) >= 1 && errs.items[0].code == st);
        CHECK(t.nrows == 0 && t.nfields == 0 && t.rows == NULL && t.fields == NULL && t.store == NULL);
        core_csv_free(&t);
        return 0;
    }
    CHECK(errs.count == 0);
    check_table(&t);
    stiel_buf out;
    stiel_buf_init(&out, 0);
    write_table(&t, &out);
    memset(&back, 0, sizeof back);
    core_errors_clear(&errs);
    CHECK(core_csv_parse("again.csv", (const char *)out.data, out.len, &back, &errs) == STIEL_OK);
    CHECK(back.nrows == t.nrows && back.nfields == t.nfields);
    for (size_t i = 0; i < t.nfields; i++)
        CHECK(back.fields[i].len == t.fields[i].len &&
              memcmp(back.fields[i].text, t.fields[i].text, t.fields[i].len) == 0);
    stiel_buf_free(&out);
    core_csv_free(&back);
    core_csv_free(&t);
    CHECK(t.nrows == 0 && t.store == NULL);
    return 0;
}
