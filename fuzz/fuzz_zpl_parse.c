/* libFuzzer target for the ZPL subset parser (label_zpl_parse): the first byte picks the dpi, the
 * rest is ZPL. A label that parses and that the encoder takes must round-trip: encode -> parse ->
 * encode gives the same bytes, the same copies (up to the encoder's 9999), and no more items. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/label/encode.h"
#include "protocol/label/zpl_parse.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static label lab, back;
    static const int dpis[] = {203, 300, 100, 600, 152, 406};
    if (size < 1 || size > 65536)
        return 0;
    int dpi = dpis[data[0] % (sizeof dpis / sizeof dpis[0])];
    const char *zpl = (const char *)data + 1;
    size_t len = size - 1;
    label_zpl_parse_info info;
    stiel_diag diag;
    stiel_status st = label_zpl_parse(zpl, len, dpi, &lab, &info, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && diag.text[0] != '\0');
        return 0;
    }
    CHECK(lab.count <= LABEL_MAX_ITEMS);
    CHECK(lab.dpi == dpi);
    CHECK(info.copies >= 1);
    if (dpi != 203 && dpi != 300)
        return 0; /* the encoder prints at 203 and 300 dpi only */

    label_encode_options opt = {.copies = info.copies};
    stiel_buf a, b;
    stiel_buf_init(&a, 1 << 22);
    stiel_buf_init(&b, 1 << 22);
    st = label_encode_zpl(&lab, &opt, &a, &diag);
    if (st == STIEL_OK) {
        label_zpl_parse_info info2;
        st = label_zpl_parse((const char *)a.data, a.len, dpi, &back, &info2, &diag);
        CHECK(st == STIEL_OK);
        /* the encoder may make two fields look like one bold one (heights it raises to its
         * minimum, say), never one field two; it prints at most 9999 copies */
        CHECK(back.count <= lab.count);
        CHECK(info2.copies == (info.copies > 9999 ? 9999 : info.copies));
        CHECK(info2.raster_fields == 0 && info2.ignored_commands == 0);
        CHECK(label_encode_zpl(&back, &opt, &b, &diag) == STIEL_OK);
        CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    }
    stiel_buf_free(&a);
    stiel_buf_free(&b);
    return 0;
}
