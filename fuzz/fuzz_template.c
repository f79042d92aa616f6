/* libFuzzer target for label templates: parse arbitrary text; when it parses, fill it with its
 * samples and encode the label to ZPL, TSPL and EPL (with a small fake text rasterizer). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/label/encode.h"
#include "protocol/label/template.h"

static stiel_status fuzz_rasterize(void *ctx, const label_text *text, int dpi, stiel_bitmap *out)
{
    size_t n = strlen(text->utf8);
    stiel_status st;
    (void)ctx;
    (void)dpi;
    st = stiel_bitmap_init(out, 1 + (int)(n % 40), 1 + (int)(n % 7));
    if (st == STIEL_OK)
        stiel_bitmap_fill_rect(out, 0, 0, (int)n % 9, 1, true);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static label_template tpl;
    static label lab;
    stiel_diag diag;
    label_encode_options opt = {.rasterize_text = fuzz_rasterize};
    stiel_status (*const enc[])(const label *, const label_encode_options *, stiel_buf *,
                                stiel_diag *) = {label_encode_zpl, label_encode_tspl,
                                                 label_encode_epl};
    if (label_template_parse((const char *)data, size, "fuzz.label", &tpl, &diag) != STIEL_OK)
        return 0;
    if (label_template_fill(&tpl, NULL, NULL, 0, &lab, &diag) != STIEL_OK)
        abort(); /* a template that parses must fill with its own samples */
    for (size_t i = 0; i < sizeof enc / sizeof enc[0]; i++) {
        stiel_buf out;
        stiel_buf_init(&out, 1 << 20);
        (void)enc[i](&lab, &opt, &out, &diag);
        (void)enc[i](&lab, NULL, &out, &diag);
        stiel_buf_free(&out);
    }
    return 0;
}
