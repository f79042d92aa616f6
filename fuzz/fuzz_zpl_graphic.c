/* libFuzzer target for the ZPL graphic decoders and Base64: the first byte picks the decoder
 * (^GFA data with sizes from the next bytes, a whole ^GF field, or Base64). What decodes is
 * encoded again in every encoding and must decode to the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/raster/base64.h"
#include "protocol/raster/bitmap.h"
#include "protocol/raster/zpl_graphic.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const raster_zpl_encoding encodings[] = {RASTER_ZPL_HEX, RASTER_ZPL_ACS, RASTER_ZPL_Z64};

/* Encodes bm's data part in every encoding; each must decode to bm's bytes exactly. */
static void data_round_trip(const stiel_bitmap *bm)
{
    size_t total = (size_t)bm->stride * (size_t)bm->height;
    for (size_t e = 0; e < sizeof encodings / sizeof encodings[0]; e++) {
        stiel_buf enc, dec;
        stiel_diag diag;
        stiel_buf_init(&enc, 0);
        stiel_buf_init(&dec, 0);
        CHECK(raster_zpl_data_append(&enc, bm, encodings[e], &diag) == STIEL_OK);
        CHECK(raster_zpl_data_decode((const char *)enc.data, enc.len, total, bm->stride, &dec, &diag) ==
              STIEL_OK);
        CHECK(dec.len == total && memcmp(dec.data, bm->bits, total) == 0);
        stiel_buf_free(&enc);
        stiel_buf_free(&dec);
    }
}

/* Encodes bm as a ^GFA field in every encoding; each must parse back to the same bitmap. */
static void field_round_trip(const stiel_bitmap *bm)
{
    for (size_t e = 0; e < sizeof encodings / sizeof encodings[0]; e++) {
        stiel_buf enc;
        stiel_diag diag;
        stiel_bitmap back;
        size_t used = 0;
        stiel_buf_init(&enc, 0);
        CHECK(raster_zpl_gf_append(&enc, bm, encodings[e], &diag) == STIEL_OK);
        CHECK(raster_zpl_gf_decode((const char *)enc.data, enc.len, &back, &used, &diag) == STIEL_OK);
        CHECK(used == enc.len);
        CHECK(stiel_bitmap_equal(bm, &back));
        stiel_bitmap_free(&back);
        stiel_buf_free(&enc);
    }
}

static void fuzz_data(const uint8_t *p, size_t n)
{
    if (n < 3)
        return;
    int bytes_per_row = 1 + p[0] % 32;
    size_t rows = 1 + p[1] % 64;
    size_t total = rows * (size_t)bytes_per_row;
    const char *text = (const char *)p + 2;
    size_t len = n - 2;
    stiel_buf out;
    stiel_diag diag;
    stiel_buf_init(&out, 0);
    CHECK(stiel_buf_append(&out, "x", 1) == STIEL_OK);
    stiel_status st = raster_zpl_data_decode(text, len, total, bytes_per_row, &out, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && diag.text[0] != '\0');
        CHECK(out.len == 1); /* unchanged on error */
        stiel_buf_free(&out);
        return;
    }
    CHECK(out.len == 1 + total);
    stiel_bitmap bm;
    CHECK(stiel_bitmap_init(&bm, bytes_per_row * 8, (int)rows) == STIEL_OK);
    memcpy(bm.bits, out.data + 1, total);
    data_round_trip(&bm);
    field_round_trip(&bm);
    stiel_bitmap_free(&bm);
    stiel_buf_free(&out);
}

static void fuzz_field(const uint8_t *p, size_t n)
{
    stiel_bitmap bm;
    stiel_diag diag;
    size_t used = 0;
    stiel_status st = raster_zpl_gf_decode((const char *)p, n, &bm, &used, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        CHECK(bm.bits == NULL);
        return;
    }
    CHECK(used > 0 && used <= n);
    CHECK(bm.width % 8 == 0 && bm.height >= 1);
    /* big graphics: the round trip is the same code, keep the fuzzer fast */
    if ((size_t)bm.stride * (size_t)bm.height <= 8192) {
        data_round_trip(&bm);
        field_round_trip(&bm);
    }
    stiel_bitmap_free(&bm);
}

static void fuzz_base64(const uint8_t *p, size_t n)
{
    stiel_buf dec, enc, again;
    stiel_buf_init(&dec, 0);
    stiel_buf_init(&enc, 0);
    stiel_buf_init(&again, 0);
    /* arbitrary bytes always encode, and decode back */
    CHECK(base64_encode_append(&enc, p, n) == STIEL_OK);
    CHECK(enc.len == (n + 2) / 3 * 4);
    CHECK(base64_decode_append(&dec, (const char *)enc.data, enc.len) == STIEL_OK);
    CHECK(dec.len == n && (n == 0 || memcmp(dec.data, p, n) == 0));
    /* arbitrary text: what decodes re-encodes to text that decodes to the same bytes */
    stiel_buf_reset(&dec);
    stiel_buf_reset(&enc);
    stiel_status st = base64_decode_append(&dec, (const char *)p, n);
    if (st == STIEL_OK) {
        CHECK(dec.len <= n / 4 * 3);
        CHECK(base64_encode_append(&enc, dec.data, dec.len) == STIEL_OK);
        CHECK(enc.len == n);
        CHECK(base64_decode_append(&again, (const char *)enc.data, enc.len) == STIEL_OK);
        CHECK(again.len == dec.len && (dec.len == 0 || memcmp(again.data, dec.data, dec.len) == 0));
    } else {
        CHECK(st == STIEL_ERR_SYNTAX || st == STIEL_ERR_CHARSET);
        CHECK(dec.len == 0);
    }
    stiel_buf_free(&dec);
    stiel_buf_free(&enc);
    stiel_buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (data[0] % 3) {
    case 0:
        fuzz_data(p, n);
        break;
    case 1:
        fuzz_field(p, n);
        break;
    default:
        fuzz_base64(p, n);
        break;
    }
    return 0;
}
