/* Tests of protocol/scan/gs1: reference 2.1-2.3 vectors, check digits, every error class with its
 * message, HRI parsing, builders, and parse -> build -> parse round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/scan/gs1.h"

static void test_check_digit_vectors(void **state)
{
    (void)state;
    static const char *const good[] = {"02345673", "416000336108", "1234567890128",
                                       "12345678901231", "123456789012345675"};
    for (size_t i = 0; i < 5; i++) {
        size_t n = strlen(good[i]);
        assert_true(gs1_check_digit_valid(good[i], n));
        assert_int_equal(gs1_check_digit_compute(good[i], n - 1), good[i][n - 1]);
        char bad[32];
        memcpy(bad, good[i], n + 1);
        for (char c = '0'; c <= '9'; c++) {
            bad[n - 1] = c;
            assert_int_equal(gs1_check_digit_valid(bad, n), c == good[i][n - 1]);
        }
    }
    assert_int_equal(gs1_check_digit_compute("12A4", 4), 0);
    assert_false(gs1_check_digit_valid("1", 1));
    assert_false(gs1_check_digit_valid(NULL, 5));
    assert_int_equal(gs1_check_digit_compute("", 0), '0');
}

static void expect_pair(const gs1_element_string *es, size_t i, const char *ai, const char *value)
{
    assert_true(i < es->count);
    assert_string_equal(es->pairs[i].ai, ai);
    assert_string_equal(es->pairs[i].value, value);
}

static void test_scandata_vector(void **state)
{
    (void)state;
    /* reference 1.3, after the ]C1 identifier */
    static const char s[] = "011231231231233310ABC123\x1d" "99TESTING";
    gs1_element_string es;
    stiel_diag d;
    assert_int_equal(gs1_parse_element_string(s, sizeof s - 1, &es, &d), STIEL_OK);
    assert_int_equal(es.count, 3);
    expect_pair(&es, 0, "01", "12312312312333");
    expect_pair(&es, 1, "10", "ABC123");
    expect_pair(&es, 2, "99", "TESTING");

    char out[256];
    size_t n = 0;
    assert_int_equal(gs1_build_element_string(&es, GS1_GS, out, sizeof out, &n), STIEL_OK);
    assert_int_equal(n, sizeof s - 1);
    assert_memory_equal(out, s, n);
    assert_int_equal(gs1_build_hri(&es, out, sizeof out), STIEL_OK);
    assert_string_equal(out, "(01)12312312312333(10)ABC123(99)TESTING");

    /* A trailing GS and a GS after a predefined length are tolerated. */
    static const char t[] = "01123123123123331710123" "1\x1d" "10ABC\x1d";
    assert_int_equal(gs1_parse_element_string(t, sizeof t - 1, &es, &d), STIEL_OK);
    assert_int_equal(es.count, 3);
    expect_pair(&es, 1, "17", "101231");
    expect_pair(&es, 2, "10", "ABC");
}

static void test_hri_vectors(void **state)
{
    (void)state;
    gs1_element_string es;
    stiel_diag d;
    assert_int_equal(gs1_parse_hri("(01)12345678901231(10)12345", &es, &d), STIEL_OK);
    char out[256];
    size_t n = 0;
    assert_int_equal(gs1_build_element_string(&es, GS1_GS, out, sizeof out, &n), STIEL_OK);
    assert_string_equal(out, "01123456789012311012345");
    assert_int_equal(n, 23);

    assert_int_equal(gs1_parse_hri("(17)9(90)217", &es, &d), STIEL_ERR_LENGTH);
    assert_string_equal(d.text, "AI (17): value has 1 digits, expected 6");

    /* Variable-length values get a separator unless last; predefined lengths never. */
    assert_int_equal(gs1_parse_hri("(10)AB(3103)001234(21)S1(400)PO-7", &es, &d), STIEL_OK);
    assert_int_equal(es.count, 4);
    assert_int_equal(gs1_build_element_string(&es, '|', out, sizeof out, &n), STIEL_OK);
    assert_string_equal(out, "10AB|310300123421S1|400PO-7");
}

static void expect_element_error(const char *s, size_t n, stiel_status want, const char *text)
{
    gs1_element_string es;
    stiel_diag d;
    assert_int_equal(gs1_parse_element_string(s, n, &es, &d), want);
    assert_int_equal(d.code, want);
    assert_string_equal(d.text, text);
}

static void expect_hri_error(const char *s, stiel_status want, const char *text)
{
    gs1_element_string es;
    stiel_diag d;
    assert_int_equal(gs1_parse_hri(s, &es, &d), want);
    assert_int_equal(d.code, want);
    assert_string_equal(d.text, text);
}

#define ES(lit) lit, sizeof lit - 1

static void test_error_classes(void **state)
{
    (void)state;
    /* check digit */
    expect_element_error(ES("0112312312312332"), STIEL_ERR_CHECK_DIGIT,
                         "AI (01): check digit is 2, expected 3");
    expect_hri_error("(00)123456789012345676", STIEL_ERR_CHECK_DIGIT,
                     "AI (00): check digit is 6, expected 5");
    expect_hri_error("(414)4160003361081", STIEL_ERR_CHECK_DIGIT,
                     "AI (414): check digit is 1, expected 2");
    /* truncated */
    expect_element_error(ES("01123123123"), STIEL_ERR_TRUNCATED,
                         "AI (01): data ends after 9 of its 14 characters");
    expect_element_error(ES("0112312312312333" "10"), STIEL_ERR_TRUNCATED,
                         "AI (10): data ends right after the AI");
    expect_element_error(ES("0"), STIEL_ERR_UNKNOWN_AI,
                         "no AI at position 1 of the GS1 data (an AI is 2 to 4 digits)");
    /* overlong value, empty value */
    expect_element_error(ES("10ABCDEFGHIJKLMNOPQRSTU"), STIEL_ERR_LENGTH,
                         "AI (10): value has 21 characters, expected 1 to 20");
    expect_hri_error("(30)123456789", STIEL_ERR_LENGTH,
                     "AI (30): value has 9 digits, expected 1 to 8");
    expect_element_error(ES("10\x1d" "99X"), STIEL_ERR_LENGTH, "AI (10): value is empty");
    expect_hri_error("(402)1234567890123456", STIEL_ERR_LENGTH,
                     "AI (402): value has 16 digits, expected 17");
    /* charset */
    expect_element_error(ES("10AB CD"), STIEL_ERR_CHARSET,
                         "AI (10): 0x20 at position 3 is not allowed (GS1 character set 82)");
    expect_element_error(ES("10AB#"), STIEL_ERR_CHARSET,
                         "AI (10): '#' at position 3 is not allowed (GS1 character set 82)");
    expect_element_error(ES("011231231231233A"), STIEL_ERR_CHARSET,
                         "AI (01): 'A' at position 14 is not allowed (digits only)");
    expect_element_error(ES("10A\xc3\xa4"), STIEL_ERR_CHARSET,
                         "AI (10): 0xC3 at position 2 is not allowed (GS1 character set 82)");
    expect_element_error(ES("10A\0B"), STIEL_ERR_CHARSET, "AI (10): 0x00 in the value is not allowed");
    gs1_element_string es;
    assert_int_equal(gs1_parse_hri("(421)52812345", &es, NULL), STIEL_OK);
    expect_hri_error("(421)5X8ABC", STIEL_ERR_CHARSET,
                     "AI (421): 'X' at position 2 is not allowed (digits only)");
    /* unknown AI */
    expect_element_error(ES("7003123"), STIEL_ERR_UNKNOWN_AI, "AI (7003) unknown");
    expect_element_error(ES("0112312312312333" "2512"), STIEL_ERR_UNKNOWN_AI, "AI (251) unknown");
    expect_hri_error("(999)1", STIEL_ERR_UNKNOWN_AI, "AI (999) unknown");
    expect_hri_error("(23)1", STIEL_ERR_UNKNOWN_AI, "AI (23) unknown");
    /* bad date */
    expect_hri_error("(17)261340", STIEL_ERR_BAD_DATE, "AI (17): 261340 is not a date (month 13)");
    expect_hri_error("(11)260001", STIEL_ERR_BAD_DATE, "AI (11): 260001 is not a date (month 00)");
    expect_hri_error("(15)250229", STIEL_ERR_BAD_DATE,
                     "AI (15): 250229 is not a date (day 29, month 02 of 2025 has 28 days)");
    expect_hri_error("(16)260431", STIEL_ERR_BAD_DATE,
                     "AI (16): 260431 is not a date (day 31, month 04 of 2026 has 30 days)");
    /* bad decimal indicator */
    expect_element_error(ES("3106001234"), STIEL_ERR_SYNTAX,
                         "AI (3106): decimal indicator 6 is not allowed (NET WEIGHT (kg) takes "
                         "0-5 decimals)");
    expect_hri_error("(3379)001234", STIEL_ERR_SYNTAX,
                     "AI (3379): decimal indicator 9 is not allowed (KG PER m2 takes 0-5 "
                     "decimals)");
    /* syntax: leading or double GS, text without brackets */
    expect_element_error(ES("\x1d" "10A"), STIEL_ERR_SYNTAX,
                         "GS1 separator (GS) at position 1 where an AI should start");
    expect_element_error(ES("10A\x1d\x1d" "99B"), STIEL_ERR_SYNTAX,
                         "GS1 separator (GS) at position 5 where an AI should start");
    expect_hri_error("01123", STIEL_ERR_SYNTAX,
                     "GS1 text must be (AI)value...: expected '(' and 2-4 digits and ')' at "
                     "position 1");
    expect_hri_error("", STIEL_ERR_MISSING, "no GS1 text");
    expect_element_error("", 0, STIEL_ERR_MISSING, "no GS1 element data");
    /* associations and duplicates */
    expect_hri_error("(37)12", STIEL_ERR_MISSING, "AI (37) needs AI (00) or (02) with it");
    expect_hri_error("(02)12345678901231", STIEL_ERR_MISSING, "AI (02) needs AI (37) (count) with it");
    expect_hri_error("(10)A(10)B", STIEL_ERR_SYNTAX, "AI (10) appears twice with different values");
}

static void test_dates_and_decimals_accepted(void **state)
{
    (void)state;
    gs1_element_string es;
    stiel_diag d;
    static const char *const ok[] = {
        "(17)261200",         /* DD 00 */
        "(17)240229",         /* leap year */
        "(13)000229",         /* 2000 is a leap year */
        "(11)991231",
        "(3100)000001(3105)123456(3200)000001(3375)000001",
        "(02)12345678901231(37)12",
        "(00)123456789012345675(37)1",
        "(410)4160003361082(411)4160003361082(415)4160003361082",
        "(402)12345678901234560",
        "(20)01(21)!\"%&'()*+,-./:;<=>?_(22)A(30)0(400)X(401)Y(403)Z(420)Q(421)528AB",
        "(90)X(91)Y(92)Z(93)1(94)2(95)3(96)4(97)5(98)6(99)7",
        "(12)260101",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        stiel_status st = gs1_parse_hri(ok[i], &es, &d);
        if (st != STIEL_OK)
            fail_msg("%s: %s", ok[i], d.text);
    }
}

static void assert_same_pairs(const gs1_element_string *a, const gs1_element_string *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_string_equal(a->pairs[i].ai, b->pairs[i].ai);
        assert_string_equal(a->pairs[i].value, b->pairs[i].value);
    }
}

static void test_round_trips(void **state)
{
    (void)state;
    static const char *const hri[] = {
        "(01)12345678901231(10)12345",
        "(00)123456789012345675(02)12345678901231(37)24(10)L(17)261231",
        "(10)A(B(21)\\(12)x(90)((99)()",
        "(01)12312312312333(3102)001250(10)ABC123(21)S(99)TESTING",
        "(91)" "123456789012345678901234567890123456789012345678901234567890123456789012345678"
        "901234567890",
    };
    for (size_t i = 0; i < sizeof hri / sizeof hri[0]; i++) {
        gs1_element_string a, b, c;
        stiel_diag d;
        if (gs1_parse_hri(hri[i], &a, &d) != STIEL_OK)
            fail_msg("%s: %s", hri[i], d.text);
        char es[512], text[512];
        size_t n = 0;
        assert_int_equal(gs1_build_element_string(&a, GS1_GS, es, sizeof es, &n), STIEL_OK);
        assert_int_equal(strlen(es), n);
        assert_int_equal(gs1_parse_element_string(es, n, &b, &d), STIEL_OK);
        assert_same_pairs(&a, &b);
        assert_int_equal(gs1_build_hri(&b, text, sizeof text), STIEL_OK);
        assert_int_equal(gs1_parse_hri(text, &c, &d), STIEL_OK);
        assert_same_pairs(&a, &c);
    }
    /* The '(' that could read as an AI is escaped; others are not. */
    gs1_element_string a;
    assert_int_equal(gs1_parse_hri("(10)A(B(21)\\(12)x", &a, NULL), STIEL_OK);
    expect_pair(&a, 1, "21", "(12)x");
    char text[64];
    assert_int_equal(gs1_build_hri(&a, text, sizeof text), STIEL_OK);
    assert_string_equal(text, "(10)A(B(21)\\(12)x");
}

static void test_builders_report_nospace(void **state)
{
    (void)state;
    gs1_element_string es;
    assert_int_equal(gs1_parse_hri("(01)12345678901231(10)12345", &es, NULL), STIEL_OK);
    char out[24];
    size_t n = 99;
    /* needs 23 + NUL = 24 */
    assert_int_equal(gs1_build_element_string(&es, GS1_GS, out, 24, &n), STIEL_OK);
    assert_int_equal(gs1_build_element_string(&es, GS1_GS, out, 23, &n), STIEL_ERR_NOSPACE);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
    char hri[28];
    assert_int_equal(gs1_build_hri(&es, hri, 28), STIEL_OK);  /* 27 + NUL */
    assert_int_equal(gs1_build_hri(&es, hri, 27), STIEL_ERR_NOSPACE);
    assert_string_equal(hri, "");
    assert_int_equal(gs1_build_hri(&es, hri, 0), STIEL_ERR_ARG);
    gs1_element_string empty = {0};
    assert_int_equal(gs1_build_hri(&empty, hri, 1), STIEL_OK);
    assert_string_equal(hri, "");
}

static void test_predefined_lengths(void **state)
{
    (void)state;
    static const char *const yes[] = {"00", "01", "02", "03", "04", "11", "17", "19", "20",
                                      "3103", "3205", "3369", "410", "415"};
    static const char *const no[] = {"10", "21", "22", "30", "37", "400", "402", "420", "90",
                                     "99", "", "0", NULL};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(gs1_ai_is_predefined_length(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(gs1_ai_is_predefined_length(no[i]));
}

static void test_too_many_pairs_and_long_values(void **state)
{
    (void)state;
    char s[400] = "";
    for (int i = 0; i < 25; i++)
        strcat(s, "(20)01");
    gs1_element_string es;
    stiel_diag d;
    assert_int_equal(gs1_parse_hri(s, &es, &d), STIEL_ERR_OVERLONG);
    assert_string_equal(d.text, "more than 24 AIs in one scan");
    char v[200] = "99";
    memset(v + 2, 'A', 91);
    v[93] = '\0';
    assert_int_equal(gs1_parse_element_string(v, 93, &es, &d), STIEL_ERR_LENGTH);
    assert_string_equal(d.text, "AI (99): value has 91 characters, more than any AI allows");
    char h[200] = "(99)";
    memset(h + 4, 'A', 91);
    h[95] = '\0';
    assert_int_equal(gs1_parse_hri(h, &es, &d), STIEL_ERR_LENGTH);
}

static void test_pair_validate_rejects_bad_ai_text(void **state)
{
    (void)state;
    stiel_diag d;
    gs1_pair p = {.ai = "1", .value = "X"};
    assert_int_equal(gs1_pair_validate(&p, &d), STIEL_ERR_UNKNOWN_AI);
    p = (gs1_pair){.ai = "1A", .value = "X"};
    assert_int_equal(gs1_pair_validate(&p, &d), STIEL_ERR_UNKNOWN_AI);
    p = (gs1_pair){.ai = "10", .value = "X"};
    assert_int_equal(gs1_pair_validate(&p, &d), STIEL_OK);
    assert_int_equal(gs1_pair_validate(NULL, &d), STIEL_ERR_ARG);
}

static void test_gtin_normalize(void **state)
{
    (void)state;
    char out[15];
    stiel_diag d;
    assert_int_equal(gs1_gtin_normalize("4006381333931", 13, out, &d), STIEL_OK);
    assert_string_equal(out, "04006381333931");
    assert_int_equal(gs1_gtin_normalize("02345673", 8, out, &d), STIEL_OK);
    assert_string_equal(out, "00000002345673");
    assert_int_equal(gs1_gtin_normalize("416000336108", 12, out, &d), STIEL_OK);
    assert_string_equal(out, "00416000336108");
    assert_int_equal(gs1_gtin_normalize("12345678901231", 14, out, &d), STIEL_OK);
    assert_string_equal(out, "12345678901231");
    assert_int_equal(gs1_gtin_normalize("4006381333932", 13, out, &d), STIEL_ERR_CHECK_DIGIT);
    assert_string_equal(d.text, "GTIN 4006381333932: check digit is 2, expected 1");
    assert_int_equal(gs1_gtin_normalize("400638133393", 11, out, &d), STIEL_ERR_LENGTH);
    assert_int_equal(gs1_gtin_normalize("40063813339A", 12, out, &d), STIEL_ERR_CHARSET);
    assert_int_equal(gs1_gtin_normalize("", 0, out, &d), STIEL_ERR_LENGTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_digit_vectors),
        cmocka_unit_test(test_scandata_vector),
        cmocka_unit_test(test_hri_vectors),
        cmocka_unit_test(test_error_classes),
        cmocka_unit_test(test_dates_and_decimals_accepted),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_builders_report_nospace),
        cmocka_unit_test(test_predefined_lengths),
        cmocka_unit_test(test_too_many_pairs_and_long_values),
        cmocka_unit_test(test_pair_validate_rejects_bad_ai_text),
        cmocka_unit_test(test_gtin_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
