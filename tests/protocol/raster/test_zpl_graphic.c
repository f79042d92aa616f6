/* Tests of protocol/raster/zpl_graphic*.c: byte-exact ^GFA hex, ASCII compression and Z64
 * vectors (the Z64 one from the protocol reference), round trips of random bitmaps through all
 * three, and each class of bad input mapped to its error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/raster/crc16.h"
#include "protocol/raster/zpl_graphic.h"

/* A width x height bitmap from bytes given row by row. */
static void make_bitmap(stiel_bitmap *bm, int width, int height, const uint8_t *bytes)
{
    assert_int_equal(stiel_bitmap_init(bm, width, height), STIEL_OK);
    memcpy(bm->bits, bytes, (size_t)bm->stride * (size_t)height);
}

static void assert_encodes(const stiel_bitmap *bm, raster_zpl_encoding enc, const char *expected)
{
    stiel_buf out;
    stiel_diag diag;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_zpl_gf_append(&out, bm, enc, &diag), STIEL_OK);
    assert_string_equal((const char *)out.data, expected);
    stiel_buf_free(&out);
}

static void test_reference_vectors(void **state)
{
    (void)state;
    static const uint8_t bytes[] = {0xFF, 0x00, 0xFF, 0x00};
    stiel_bitmap bm;
    make_bitmap(&bm, 16, 2, bytes);
    assert_encodes(&bm, RASTER_ZPL_Z64, "^GFA,4,4,2,:Z64:eNr7z/CfAQAF/gH/:2ba4");
    assert_encodes(&bm, RASTER_ZPL_HEX, "^GFA,4,4,2,FF00FF00");
    assert_encodes(&bm, RASTER_ZPL_ACS, "^GFA,4,4,2,HF,:");
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_zpl_label_append(&out, &bm, RASTER_ZPL_HEX, NULL), STIEL_OK);
    assert_string_equal((const char *)out.data, "^XA^PW16^LL2^LH0,0^FO0,0^GFA,4,4,2,FF00FF00^FS^XZ\n");
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_ascii_compression_codes(void **state)
{
    (void)state;
    /* rows: FF00, FF00 (':'), 0000 (','), 1234 (no run), F0F0 */
    static const uint8_t small[] = {0xFF, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x12, 0x34, 0xF0, 0xF0};
    stiel_bitmap bm;
    make_bitmap(&bm, 16, 5, small);
    assert_encodes(&bm, RASTER_ZPL_ACS, "^GFA,10,10,2,HF,:,1234F0F,");
    stiel_bitmap_free(&bm);

    /* 327 nibbles of B then zeros: the reference's 'vMB' */
    uint8_t wide[200] = {0};
    memset(wide, 0xBB, 163);
    wide[163] = 0xB0;
    make_bitmap(&bm, 1600, 1, wide);
    assert_encodes(&bm, RASTER_ZPL_ACS, "^GFA,200,200,200,vMB,");
    stiel_bitmap_free(&bm);

    /* 500 nibbles of F: 419 (zY) + 81 (jG), never '!' */
    uint8_t ones[250];
    memset(ones, 0xFF, sizeof ones);
    make_bitmap(&bm, 2000, 1, ones);
    assert_encodes(&bm, RASTER_ZPL_ACS, "^GFA,250,250,250,zYFjGF");
    stiel_bitmap_free(&bm);

    /* exactly 400 and 20 */
    uint8_t two[210] = {0};
    memset(two, 0x77, 200);
    memset(two + 200, 0x11, 10);
    make_bitmap(&bm, 1680, 1, two);
    assert_encodes(&bm, RASTER_ZPL_ACS, "^GFA,210,210,210,z7g1");
    stiel_bitmap_free(&bm);
}

static void test_padding_bits_sent_white(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 4, 1), STIEL_OK);
    bm.bits[0] = 0xFF; /* someone wrote the padding directly */
    assert_encodes(&bm, RASTER_ZPL_HEX, "^GFA,1,1,1,F0");
    stiel_bitmap_free(&bm);
}

static void decode_field(const char *text, stiel_status expected, stiel_bitmap *bm)
{
    stiel_diag diag;
    stiel_diag_clear(&diag);
    size_t used = 0;
    stiel_status st = raster_zpl_gf_decode(text, strlen(text), bm, &used, &diag);
    assert_int_equal(st, expected);
    if (st != STIEL_OK) {
        assert_int_equal(diag.code, expected);
        assert_true(strlen(diag.text) > 10);
        assert_null(bm->bits);
    }
}

static void test_decode_forms(void **state)
{
    (void)state;
    stiel_bitmap bm;
    static const uint8_t want[] = {0xFF, 0x00, 0xFF, 0x00};
    const char *forms[] = {"^GFA,4,4,2,FF00FF00^FS", "^GFA,4,4,2,ff00\r\nff00", "A,4,4,2,HF,:",
                           "^GFA,4,4,2,:Z64:eNr7z/CfAQAF/gH/:2BA4", "^GFA,4,4,2,:B64:/wD/AA==:9e56"};
    /* the :B64: CRC above is computed here rather than trusted */
    char b64[64];
    unsigned crc = crc16_xmodem(0, "/wD/AA==", 8);
    snprintf(b64, sizeof b64, "^GFA,4,4,2,:B64:/wD/AA==:%04x", crc);
    forms[4] = b64;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        decode_field(forms[i], STIEL_OK, &bm);
        assert_int_equal(bm.width, 16);
        assert_int_equal(bm.height, 2);
        assert_memory_equal(bm.bits, want, 4);
        stiel_bitmap_free(&bm);
    }
    size_t used = 0;
    const char *f = "^GFA,4,4,2,FF00FF00^FS^XZ";
    assert_int_equal(raster_zpl_gf_decode(f, strlen(f), &bm, &used, NULL), STIEL_OK);
    assert_int_equal(used, 19);
    stiel_bitmap_free(&bm);
    /* '!' fills the rest of the row with black dots */
    decode_field("^GFA,4,4,2,F!,", STIEL_OK, &bm);
    assert_int_equal(bm.bits[0], 0xFF);
    assert_int_equal(bm.bits[1], 0xFF);
    assert_int_equal(bm.bits[2], 0x00);
    stiel_bitmap_free(&bm);
}

static void test_decode_errors(void **state)
{
    (void)state;
    stiel_bitmap bm;
    decode_field("^GFA,4,4,2,:Z64:eNr7z/CfAQAF/gH/:2ba5", STIEL_ERR_CHECKSUM, &bm);
    decode_field("^GFA,4,4,2,:Z64:eNr7z/CfAQAF/gH/2ba4", STIEL_ERR_SYNTAX, &bm);
    decode_field("^GFA,4,4,2,FF00FF", STIEL_ERR_TRUNCATED, &bm);
    decode_field("^GFA,4,4,2,FF00FF0000", STIEL_ERR_OVERLONG, &bm);
    decode_field("^GFA,4,4,2,FF00F#00", STIEL_ERR_CHARSET, &bm);
    decode_field("^GFA,4,4,2,:FF00", STIEL_ERR_SYNTAX, &bm);
    decode_field("^GFA,4,4,2,F:", STIEL_ERR_SYNTAX, &bm);
    decode_field("^GFA,4,4,2,FF00FFH", STIEL_ERR_TRUNCATED, &bm);
    decode_field("^GFB,4,4,2,xxxx", STIEL_ERR_UNSUPPORTED, &bm);
    decode_field("^GFA,4,4,3,FF00FF00", STIEL_ERR_SYNTAX, &bm);
    decode_field("^GFA,4,4,FF00FF00", STIEL_ERR_SYNTAX, &bm);
    /* valid framing and CRC, but the Base64 is no zlib stream */
    char bad[64];
    snprintf(bad, sizeof bad, "^GFA,4,4,2,:Z64:AAAAAAAA:%04x", (unsigned)crc16_xmodem(0, "AAAAAAAA", 8));
    decode_field(bad, STIEL_ERR_CORRUPT, &bm);
    /* valid zlib of 4 bytes declared as 6 */
    decode_field("^GFA,6,6,2,:Z64:eNr7z/CfAQAF/gH/:2ba4", STIEL_ERR_TRUNCATED, &bm);
    decode_field("^GFA,2,2,2,:Z64:eNr7z/CfAQAF/gH/:2ba4", STIEL_ERR_OVERLONG, &bm);
    /* Base64 with a stray character (CRC made to match) */
    snprintf(bad, sizeof bad, "^GFA,4,4,2,:Z64:eNr7z*CfAQAF/gH/:%04x",
             (unsigned)crc16_xmodem(0, "eNr7z*CfAQAF/gH/", 16));
    decode_field(bad, STIEL_ERR_CHARSET, &bm);
}

/* A pseudo-random bitmap with the structures the encoders special-case: repeated rows, runs,
 * blank rows, black rows. */
static void random_bitmap(stiel_bitmap *bm, unsigned *seed)
{
    int w = 1 + rand_r(seed) % 900, h = 1 + rand_r(seed) % 40;
    assert_int_equal(stiel_bitmap_init(bm, w, h), STIEL_OK);
    for (int y = 0; y < h; y++) {
        int kind = rand_r(seed) % 5;
        if (kind == 0 && y > 0) {
            for (int x = 0; x < w; x++)
                stiel_bitmap_set(bm, x, y, stiel_bitmap_get(bm, x, y - 1));
        } else if (kind == 1) {
            stiel_bitmap_fill_rect(bm, rand_r(seed) % w, y, rand_r(seed) % w, 1, true);
        } else if (kind == 2) {
            for (int x = 0; x < w; x++)
                stiel_bitmap_set(bm, x, y, rand_r(seed) % 2);
        } else if (kind == 3) {
            stiel_bitmap_fill_rect(bm, 0, y, w, 1, true);
        } /* kind 4: blank */
    }
}

static void test_random_round_trips(void **state)
{
    (void)state;
    unsigned seed = 20261126;
    const raster_zpl_encoding encs[] = {RASTER_ZPL_HEX, RASTER_ZPL_ACS, RASTER_ZPL_Z64};
    for (int n = 0; n < 60; n++) {
        stiel_bitmap bm;
        random_bitmap(&bm, &seed);
        for (size_t e = 0; e < 3; e++) {
            stiel_buf out;
            stiel_diag diag;
            stiel_buf_init(&out, 0);
            assert_int_equal(raster_zpl_gf_append(&out, &bm, encs[e], &diag), STIEL_OK);
            if (encs[e] == RASTER_ZPL_ACS)
                assert_null(strchr((const char *)out.data, '!'));
            stiel_bitmap back;
            size_t used = 0;
            assert_int_equal(raster_zpl_gf_decode((const char *)out.data, out.len, &back, &used, &diag), STIEL_OK);
            assert_int_equal(used, out.len);
            assert_int_equal(back.width, bm.stride * 8);
            assert_int_equal(back.height, bm.height);
            for (int y = 0; y < bm.height; y++)
                for (int x = 0; x < back.width; x++)
                    assert_int_equal(stiel_bitmap_get(&back, x, y), stiel_bitmap_get(&bm, x, y));
            stiel_bitmap_free(&back);
            stiel_buf_free(&out);
        }
        stiel_bitmap_free(&bm);
    }
}

static void test_full_buffer_leaves_output_unchanged(void **state)
{
    (void)state;
    uint8_t bytes[64];
    memset(bytes, 0xA5, sizeof bytes);
    stiel_bitmap bm;
    make_bitmap(&bm, 64, 8, bytes);
    const raster_zpl_encoding encs[] = {RASTER_ZPL_HEX, RASTER_ZPL_ACS, RASTER_ZPL_Z64};
    for (size_t e = 0; e < 3; e++) {
        stiel_buf out;
        stiel_diag diag;
        stiel_buf_init(&out, 40);
        assert_int_equal(stiel_buf_puts(&out, "^XA"), STIEL_OK);
        stiel_diag_clear(&diag);
        assert_int_equal(raster_zpl_label_append(&out, &bm, encs[e], &diag), STIEL_ERR_OVERLONG);
        assert_int_equal(diag.code, STIEL_ERR_OVERLONG);
        assert_int_equal(out.len, 3);
        assert_string_equal((const char *)out.data, "^XA");
        stiel_buf_free(&out);
    }
    stiel_bitmap_free(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors),
        cmocka_unit_test(test_ascii_compression_codes),
        cmocka_unit_test(test_padding_bits_sent_white),
        cmocka_unit_test(test_decode_forms),
        cmocka_unit_test(test_decode_errors),
        cmocka_unit_test(test_random_round_trips),
        cmocka_unit_test(test_full_buffer_leaves_output_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
