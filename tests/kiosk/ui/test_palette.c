/* The palette: every text colour on every background it is drawn on reaches 7:1 (WCAG AAA),
 * and the contrast function itself gives the known values (black on white 21:1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "kiosk/ui/palette.h"

static void test_known_ratios(void **state)
{
    (void)state;
    ui_colour black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x76, 0x76, 0x76, 255};
    assert_float_equal(ui_contrast_ratio(black, white), 21.0, 0.01);
    assert_float_equal(ui_contrast_ratio(white, black), 21.0, 0.01);
    assert_float_equal(ui_contrast_ratio(white, white), 1.0, 0.001);
    /* #767676 on white is the classic 4.54:1 */
    assert_float_equal(ui_contrast_ratio(grey, white), 4.54, 0.01);
}

static void test_text_pairs_reach_7(void **state)
{
    (void)state;
    size_t n = 0;
    const ui_swatch_pair *pairs = ui_palette_text_pairs(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        double r = ui_contrast_ratio(ui_palette(pairs[i].fg), ui_palette(pairs[i].bg));
        if (r < 7.0)
            fail_msg("pair %zu (swatch %d on %d) has contrast %.2f, below 7:1", i, pairs[i].fg,
                     pairs[i].bg, r);
    }
    /* the background is light and calm: text is dark on it */
    ui_colour bg = ui_palette(UI_COL_BG), text = ui_palette(UI_COL_TEXT);
    assert_true(bg.r + bg.g + bg.b > 3 * 200);
    assert_true(text.r + text.g + text.b < 3 * 80);
    /* good and attention differ in more than colour (shapes are drawn), but also in lightness,
       so that they differ for colour-blind readers */
    double gl = ui_contrast_ratio(ui_palette(UI_COL_GOOD), ui_palette(UI_COL_ATTN));
    assert_true(gl > 3.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_ratios),
        cmocka_unit_test(test_text_pairs_reach_7),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
