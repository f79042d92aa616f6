/* libFuzzer target for the small text and record decoders of drivers/: the first byte picks one.
 * 0: serial line settings ("9600 8N1 none"): what parses passes the check and formats to text
 *    that parses to the same settings and formats the same.
 * 1: the scan record view over arbitrary bytes (an exact-size copy, so any overread shows).
 * 2: a scan record built from an arbitrary read: it views back with the read intact, and any
 *    shorter payload is refused. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/line_settings.h"
#include "drivers/scanner.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_line_settings(const uint8_t *p, size_t n)
{
    char *text = malloc(n + 1);
    CHECK(text != NULL);
    memcpy(text, p, n);
    text[n] = '\0';
    stiel_line_settings ls = {-7, -7, (stiel_parity)-7, -7, (stiel_flow)-7}, again;
    stiel_line_settings before = ls;
    stiel_diag diag;
    stiel_status st = stiel_line_settings_parse(text, &ls, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && diag.text[0] != '\0');
        CHECK(memcmp(&ls, &before, sizeof ls) == 0); /* out unchanged */
        free(text);
        return;
    }
    CHECK(stiel_line_settings_check(&ls, &diag) == STIEL_OK);
    char canon[STIEL_LINE_SETTINGS_TEXT_MAX], canon2[STIEL_LINE_SETTINGS_TEXT_MAX];
    stiel_line_settings_format(&ls, canon, sizeof canon);
    CHECK(strlen(canon) < sizeof canon);
    CHECK(stiel_line_settings_parse(canon, &again, &diag) == STIEL_OK);
    CHECK(memcmp(&ls, &again, sizeof ls) == 0);
    stiel_line_settings_format(&again, canon2, sizeof canon2);
    CHECK(strcmp(canon, canon2) == 0);
    /* a short output buffer is cut, never overrun */
    char small[5];
    stiel_line_settings_format(&ls, small, sizeof small);
    CHECK(strlen(small) < sizeof small);
    free(text);
}

static void fuzz_record_view(const uint8_t *p, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1);
    CHECK(copy != NULL);
    if (n)
        memcpy(copy, p, n);
    stiel_scan_view v;
    if (stiel_scan_record_view(copy, n, &v) == STIEL_OK) {
        CHECK(v.read == copy + sizeof(stiel_scan_record));
        CHECK(v.read[v.rec.read_len] == '\0');
        CHECK(v.data + v.data_len == v.read + v.rec.read_len);
        CHECK(strlen(v.rec.symbology_name) < sizeof v.rec.symbology_name);
        CHECK(strlen(v.hri) <= v.rec.hri_len);
    }
    free(copy);
}

static void fuzz_record_build(const uint8_t *p, size_t n)
{
    stiel_buf rec;
    stiel_buf_init(&rec, 0);
    CHECK(stiel_scan_record_build(p, n, &rec) == STIEL_OK);
    /* exact-size copy */
    uint8_t *copy = malloc(rec.len);
    CHECK(copy != NULL);
    memcpy(copy, rec.data, rec.len);
    stiel_scan_view v;
    CHECK(stiel_scan_record_view(copy, rec.len, &v) == STIEL_OK);
    CHECK(v.rec.version == STIEL_SCAN_RECORD_VERSION);
    CHECK(v.rec.read_len == n && (n == 0 || memcmp(v.read, p, n) == 0));
    CHECK(v.rec.data_off <= n);
    CHECK(strlen(v.hri) == v.rec.hri_len);
    CHECK((v.rec.status == STIEL_OK) == (v.rec.error[0] == '\0'));
    CHECK(strlen(v.rec.aim) == 0 || strlen(v.rec.aim) == 3);
    CHECK(strlen(v.rec.gtin) == 0 || strlen(v.rec.gtin) == 14);
    for (size_t cut = 0; cut < rec.len; cut += 1 + rec.len / 17)
        CHECK(stiel_scan_record_view(copy, cut, &v) == STIEL_ERR_CORRUPT);
    free(copy);
    stiel_buf_free(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192)
        return 0;
    switch (data[0] % 3) {
    case 0:
        fuzz_line_settings(data + 1, size - 1);
        break;
    case 1:
        fuzz_record_view(data + 1, size - 1);
        break;
    default:
        fuzz_record_build(data + 1, size - 1);
        break;
    }
    return 0;
}
