/* libFuzzer target for the .po reader of the kiosk's translations (kiosk/ui/po.h, no SDL): what
 * parses is sorted, unique, non-empty, valid UTF-8 and found by po_lookup; written back as .po
 * (escaping \n \t \r " \\) it parses to the same catalog. A failure leaves the catalog empty. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "kiosk/core/utf8.h"
#include "kiosk/ui/po.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put_quoted(stiel_buf *out, const char *keyword, const char *s)
{
    CHECK(stiel_buf_puts(out, keyword) == STIEL_OK);
    CHECK(stiel_buf_puts(out, " \"") == STIEL_OK);
    for (const char *c = s; *c; c++) {
        const char *esc = *c == '\n' ? "\\n" : *c == '\t' ? "\\t" : *c == '\r' ? "\\r"
                        : *c == '"' ? "\\\"" : *c == '\\' ? "\\\\" : NULL;
        if (esc)
            CHECK(stiel_buf_puts(out, esc) == STIEL_OK);
        else
            CHECK(stiel_buf_append(out, c, 1) == STIEL_OK);
    }
    CHECK(stiel_buf_puts(out, "\"\n") == STIEL_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    po_catalog cat, back;
    stiel_diag diag;
    memset(&cat, 0, sizeof cat);
    stiel_status st = po_parse("fuzz.po", (const char *)data, size, &cat, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && diag.text[0] != '\0');
        CHECK(cat.entries == NULL && cat.count == 0);
        po_free(&cat);
        return 0;
    }
    stiel_buf out;
    stiel_buf_init(&out, 0);
    for (size_t i = 0; i < cat.count; i++) {
        const po_entry *e = &cat.entries[i];
        CHECK(e->id[0] != '\0' && e->str[0] != '\0');
        CHECK(core_utf8_valid((const uint8_t *)e->id, strlen(e->id), NULL));
        CHECK(core_utf8_valid((const uint8_t *)e->str, strlen(e->str), NULL));
        CHECK(i == 0 || strcmp(cat.entries[i - 1].id, e->id) < 0);
        CHECK(po_lookup(&cat, e->id) == e->str);
        put_quoted(&out, "msgid", e->id);
        put_quoted(&out, "msgstr", e->str);
        CHECK(stiel_buf_puts(&out, "\n") == STIEL_OK);
    }
    memset(&back, 0, sizeof back);
    CHECK(po_parse("again.po", (const char *)(out.data ? out.data : (const uint8_t *)""), out.len, &back,
                   &diag) == STIEL_OK);
    CHECK(back.count == cat.count);
    for (size_t i = 0; i < cat.count; i++)
        CHECK(strcmp(back.entries[i].id, cat.entries[i].id) == 0 &&
              strcmp(back.entries[i].str, cat.entries[i].str) == 0);
    stiel_buf_free(&out);
    po_free(&back);
    po_free(&cat);
    CHECK(cat.entries == NULL && cat.count == 0);
    return 0;
}
