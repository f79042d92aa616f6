/* Tests of protocol/raster/raw_graphic.c: TSPL BITMAP, EPL GW and ESC/POS GS v 0 byte-exact for
 * a tiny bitmap (inversion and white padding included), whole-label jobs and band splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/raster/raw_graphic.h"

/* 10 x 2: row 0 has dots 0 and 9, row 1 is all black. */
static void tiny(stiel_bitmap *bm)
{
    assert_int_equal(stiel_bitmap_init(bm, 10, 2), STIEL_OK);
    stiel_bitmap_set(bm, 0, 0, true);
    stiel_bitmap_set(bm, 9, 0, true);
    stiel_bitmap_fill_rect(bm, 0, 1, 10, 1, true);
    bm->bits[3] |= 0x3F; /* garbage in the padding must not reach the printer */
}

static void assert_bytes(const stiel_buf *out, const void *want, size_t n)
{
    assert_int_equal(out->len, n);
    assert_memory_equal(out->data, want, n);
}

static void test_tspl(void **state)
{
    (void)state;
    stiel_bitmap bm;
    tiny(&bm);
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_tspl_bitmap_append(&out, &bm, 5, 7, NULL), STIEL_OK);
    static const char cmd[] = "BITMAP 5,7,2,2,0,\x7f\xbf\x00\x3f\r\n";
    assert_bytes(&out, cmd, sizeof cmd - 1);
    stiel_buf_reset(&out);
    assert_int_equal(raster_tspl_label_append(&out, &bm, 203, NULL), STIEL_OK);
    static const char job[] = "SIZE 1.3 mm,0.3 mm\r\nGAP 2 mm,0 mm\r\nCLS\r\n"
                              "BITMAP 0,0,2,2,0,\x7f\xbf\x00\x3f\r\nPRINT 1,1\r\n";
    assert_bytes(&out, job, sizeof job - 1);
    stiel_diag diag;
    stiel_buf_reset(&out);
    assert_int_equal(raster_tspl_label_append(&out, &bm, 0, &diag), STIEL_ERR_ARG);
    assert_int_equal(out.len, 0);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_epl(void **state)
{
    (void)state;
    stiel_bitmap bm;
    tiny(&bm);
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_epl_label_append(&out, &bm, NULL), STIEL_OK);
    static const char job[] = "\nN\nq16\nQ2,24\nGW0,0,2,2,\x7f\xbf\x00\x3f\nP1\n";
    assert_bytes(&out, job, sizeof job - 1);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_escpos(void **state)
{
    (void)state;
    stiel_bitmap bm;
    tiny(&bm);
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_escpos_label_append(&out, &bm, NULL), STIEL_OK);
    static const uint8_t job[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x80,
                                  0x40, 0xFF, 0xC0, 0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00};
    assert_bytes(&out, job, sizeof job);
    stiel_diag diag;
    assert_int_equal(raster_escpos_raster_append(&out, &bm, 1, 2, &diag), STIEL_ERR_ARG);
    assert_int_equal(out.len, sizeof job);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_escpos_bands(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 576, 600), STIEL_OK); /* 72 bytes per row */
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_escpos_label_append(&out, &bm, NULL), STIEL_OK);
    assert_int_equal(out.len, 2 + 3 * 8 + 72 * 600 + 7);
    static const uint8_t band1[] = {0x1D, 0x76, 0x30, 0x00, 72, 0, 0x00, 0x01};
    static const uint8_t band3[] = {0x1D, 0x76, 0x30, 0x00, 72, 0, 88, 0};
    assert_memory_equal(out.data + 2, band1, 8);
    assert_memory_equal(out.data + 2 + 8 + 72 * 256, band1, 8);
    assert_memory_equal(out.data + 2 + 16 + 72 * 512, band3, 8);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_unset_bitmap_rejected(void **state)
{
    (void)state;
    stiel_bitmap bm = {0};
    stiel_buf out;
    stiel_diag diag;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_epl_gw_append(&out, &bm, 0, 0, &diag), STIEL_ERR_ARG);
    assert_int_equal(diag.code, STIEL_ERR_ARG);
    assert_int_equal(raster_escpos_label_append(&out, &bm, &diag), STIEL_ERR_ARG);
    assert_int_equal(out.len, 0);
    stiel_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tspl),
        cmocka_unit_test(test_epl),
        cmocka_unit_test(test_escpos),
        cmocka_unit_test(test_escpos_bands),
        cmocka_unit_test(test_unset_bitmap_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
