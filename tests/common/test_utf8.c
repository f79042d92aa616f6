/* Tests of common/utf8.h: every class of ill-formed sequence (Unicode 3.9, table 3-7) mapped to a
 * rejection at its offset, the boundaries that are well-formed, and NUL-terminated decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/utf8.h"

static size_t dec(const char *s, size_t len, uint32_t *cp)
{
    return stiel_utf8_decode((const uint8_t *)s, len, cp);
}

static void test_decode_boundaries(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(dec("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3);
    assert_int_equal(cp, 0xE000);
    assert_int_equal(dec("\xD8\xB4", 2, &cp), 2); /* Arabic sheen */
    assert_int_equal(cp, 0x0634);
    assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(dec("\xE2\x82\xAC", 3, NULL), 3); /* cp may be NULL */
}

static void test_decode_rejects_each_bad_class(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("", 0, &cp), 0);                  /* nothing */
    assert_int_equal(dec("\x80", 1, &cp), 0);              /* stray continuation */
    assert_int_equal(dec("\xC0\xAF", 2, &cp), 0);          /* overlong '/' */
    assert_int_equal(dec("\xC1\xBF", 2, &cp), 0);
    assert_int_equal(dec("\xE0\x9F\xBF", 3, &cp), 0);      /* overlong below U+0800 */
    assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 0);      /* surrogate U+D800 */
    assert_int_equal(dec("\xED\xBF\xBF", 3, &cp), 0);      /* surrogate U+DFFF */
    assert_int_equal(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0);  /* overlong below U+10000 */
    assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 0);  /* above U+10FFFF */
    assert_int_equal(dec("\xF5\x80\x80\x80", 4, &cp), 0);
    assert_int_equal(dec("\xFF", 1, &cp), 0);
    assert_int_equal(dec("\xE2\x82", 2, &cp), 0);          /* cut short by len */
    assert_int_equal(dec("\xE2\x82\xAC", 2, &cp), 0);
    assert_int_equal(dec("\xE2\x41\xAC", 3, &cp), 0);      /* not a continuation */
}

static void test_decode_stops_at_nul(void **state)
{
    (void)state;
    /* a lead byte at the end of a NUL-terminated string, decoded with len 4: the NUL ends it */
    char s[2] = {(char)0xE2, '\0'};
    uint32_t cp;
    assert_int_equal(dec(s, 4, &cp), 0);
    assert_int_equal(dec("", 4, &cp), 1);
    assert_int_equal(cp, 0);
}

static void test_valid_reports_first_bad_offset(void **state)
{
    (void)state;
    size_t bad = 99;
    const char *good = "Thé vert 20 sachets / شاي أخضر 20 كيسًا";
    assert_true(stiel_utf8_valid((const uint8_t *)good, strlen(good), &bad));
    assert_int_equal(bad, 99);
    assert_true(stiel_utf8_valid((const uint8_t *)"", 0, &bad));
    const char *b1 = "ab\xC3\xA9\xED\xA0\x80z";
    assert_false(stiel_utf8_valid((const uint8_t *)b1, strlen(b1), &bad));
    assert_int_equal(bad, 4);
    const char *b2 = "abc\xE2\x82";
    assert_false(stiel_utf8_valid((const uint8_t *)b2, strlen(b2), &bad));
    assert_int_equal(bad, 3);
    assert_false(stiel_utf8_valid((const uint8_t *)b2, strlen(b2), NULL));
    /* an embedded NUL is a character like any other */
    assert_true(stiel_utf8_valid((const uint8_t *)"a\0b", 3, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_boundaries),
        cmocka_unit_test(test_decode_rejects_each_bad_class),
        cmocka_unit_test(test_decode_stops_at_nul),
        cmocka_unit_test(test_valid_reports_first_bad_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
