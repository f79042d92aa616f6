/* Tests of protocol/raster/bitmap.c: dots, clipping, fills across byte boundaries, blits,
 * rotation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "protocol/raster/bitmap.h"

static void test_init_rejects_bad_sizes(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 0, 5), STIEL_ERR_ARG);
    assert_null(bm.bits);
    assert_int_equal(stiel_bitmap_init(&bm, 5, -1), STIEL_ERR_ARG);
    assert_int_equal(stiel_bitmap_init(&bm, 32768, 1), STIEL_ERR_ARG);
    assert_int_equal(stiel_bitmap_init(&bm, 9, 2), STIEL_OK);
    assert_int_equal(bm.stride, 2);
    assert_int_equal(bm.bits[0] | bm.bits[1] | bm.bits[2] | bm.bits[3], 0);
    stiel_bitmap_free(&bm);
    stiel_bitmap_free(&bm); /* twice is safe */
    assert_null(bm.bits);
}

static void test_set_get_msb_first(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 10, 2), STIEL_OK);
    stiel_bitmap_set(&bm, 0, 0, true);
    stiel_bitmap_set(&bm, 9, 1, true);
    stiel_bitmap_set(&bm, 10, 0, true);  /* padding: ignored */
    stiel_bitmap_set(&bm, -1, 0, true);
    stiel_bitmap_set(&bm, 0, 2, true);
    assert_int_equal(bm.bits[0], 0x80);
    assert_int_equal(bm.bits[1], 0x00);
    assert_int_equal(bm.bits[3], 0x40);
    assert_true(stiel_bitmap_get(&bm, 9, 1));
    assert_false(stiel_bitmap_get(&bm, 10, 0));
    assert_false(stiel_bitmap_get(&bm, 0, -1));
    stiel_bitmap_set(&bm, 0, 0, false);
    assert_int_equal(bm.bits[0], 0x00);
    assert_int_equal(stiel_bitmap_count_black(&bm), 1);
    stiel_bitmap_free(&bm);
}

static void test_fill_rect_clips_and_spans_bytes(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 30, 4), STIEL_OK);
    stiel_bitmap_fill_rect(&bm, 3, 1, 20, 2, true); /* dots 3..22 */
    assert_int_equal(bm.bits[4 * 1 + 0], 0x1F);
    assert_int_equal(bm.bits[4 * 1 + 1], 0xFF);
    assert_int_equal(bm.bits[4 * 1 + 2], 0xFE);
    assert_int_equal(bm.bits[4 * 1 + 3], 0x00);
    assert_int_equal(bm.bits[0], 0);
    assert_int_equal(stiel_bitmap_count_black(&bm), 40);
    stiel_bitmap_fill_rect(&bm, -5, -5, 1000, 1000, true); /* clipped, padding untouched */
    assert_int_equal(stiel_bitmap_count_black(&bm), 120);
    assert_int_equal(bm.bits[3], 0xFC);
    stiel_bitmap_fill_rect(&bm, 8, 0, 8, 4, false);
    assert_int_equal(bm.bits[1], 0x00);
    assert_int_equal(stiel_bitmap_count_black(&bm), 88);
    stiel_bitmap_fill_rect(&bm, 100, 0, 5, 5, false); /* fully outside: no effect */
    assert_int_equal(stiel_bitmap_count_black(&bm), 88);
    stiel_bitmap_free(&bm);
}

static void test_blit_ors_and_clips(void **state)
{
    (void)state;
    stiel_bitmap dst, src;
    assert_int_equal(stiel_bitmap_init(&dst, 8, 8), STIEL_OK);
    assert_int_equal(stiel_bitmap_init(&src, 3, 3), STIEL_OK);
    stiel_bitmap_fill_rect(&src, 0, 0, 3, 3, true);
    stiel_bitmap_set(&src, 1, 1, false);
    stiel_bitmap_set(&dst, 7, 7, true);
    stiel_bitmap_blit(&dst, &src, 6, 6); /* only the top-left 2x2 fits */
    assert_true(stiel_bitmap_get(&dst, 6, 6));
    assert_true(stiel_bitmap_get(&dst, 7, 6));
    assert_true(stiel_bitmap_get(&dst, 7, 7)); /* white in src does not erase */
    assert_int_equal(stiel_bitmap_count_black(&dst), 4);
    stiel_bitmap_blit(&dst, &src, -2, -2);
    assert_true(stiel_bitmap_get(&dst, 0, 0));
    assert_int_equal(stiel_bitmap_count_black(&dst), 5);
    stiel_bitmap_free(&dst);
    stiel_bitmap_free(&src);
}

static void test_rotate(void **state)
{
    (void)state;
    stiel_bitmap src, r90, r180, r270, back;
    assert_int_equal(stiel_bitmap_init(&src, 5, 3), STIEL_OK);
    stiel_bitmap_set(&src, 0, 0, true); /* top-left */
    stiel_bitmap_set(&src, 4, 2, true); /* bottom-right */
    stiel_bitmap_set(&src, 1, 0, true);
    assert_int_equal(stiel_bitmap_rotate(&src, 90, &r90), STIEL_OK);
    assert_int_equal(r90.width, 3);
    assert_int_equal(r90.height, 5);
    assert_true(stiel_bitmap_get(&r90, 2, 0)); /* top-left goes to top-right */
    assert_true(stiel_bitmap_get(&r90, 2, 1));
    assert_true(stiel_bitmap_get(&r90, 0, 4));
    assert_int_equal(stiel_bitmap_rotate(&src, 180, &r180), STIEL_OK);
    assert_true(stiel_bitmap_get(&r180, 4, 2));
    assert_true(stiel_bitmap_get(&r180, 3, 2));
    assert_int_equal(stiel_bitmap_rotate(&r90, 270, &back), STIEL_OK);
    assert_true(stiel_bitmap_equal(&src, &back));
    assert_int_equal(stiel_bitmap_rotate(&src, 270, &r270), STIEL_OK);
    assert_true(stiel_bitmap_get(&r270, 0, 4)); /* top-left goes to bottom-left */
    stiel_bitmap bad;
    assert_int_equal(stiel_bitmap_rotate(&src, 45, &bad), STIEL_ERR_ARG);
    stiel_bitmap_free(&src);
    stiel_bitmap_free(&r90);
    stiel_bitmap_free(&r180);
    stiel_bitmap_free(&r270);
    stiel_bitmap_free(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_rejects_bad_sizes),
        cmocka_unit_test(test_set_get_msb_first),
        cmocka_unit_test(test_fill_rect_clips_and_spans_bytes),
        cmocka_unit_test(test_blit_ors_and_clips),
        cmocka_unit_test(test_rotate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
