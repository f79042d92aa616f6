/* Tests of protocol/scan/decode: whole reads from reference 1.3 and the sample capture, with the
 * parts that decode kept when a later part fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/scan/decode.h"

static stiel_status decode(const char *s, size_t n, scan_decoded *out, stiel_diag *d)
{
    return scan_decode((const uint8_t *)s, n, out, d);
}

#define RD(lit) lit, sizeof lit - 1

static void test_gs1_reads(void **state)
{
    (void)state;
    static scan_decoded r;
    stiel_diag d;
    assert_int_equal(decode(RD("]C1011231231231233310ABC123\x1d" "99TESTING"), &r, &d), STIEL_OK);
    assert_true(r.aim_ok);
    assert_int_equal(r.aim.symbology, SCAN_SYM_GS1_128);
    assert_true(r.has_gs1);
    assert_false(r.has_gtin);
    assert_int_equal(r.gs1.count, 3);
    assert_string_equal(r.gs1.pairs[0].value, "12312312312333");
    assert_string_equal(r.gs1.pairs[2].ai, "99");

    assert_int_equal(decode(RD("]Q3011231231231233310ABC123\x1d" "99TESTING"), &r, &d), STIEL_OK);
    assert_int_equal(r.aim.symbology, SCAN_SYM_GS1_QR);
    assert_int_equal(r.gs1.count, 3);

    assert_int_equal(decode(RD("]C10112312312312334" "10ABC123"), &r, &d), STIEL_ERR_CHECK_DIGIT);
    assert_true(r.aim_ok);
    assert_false(r.has_gs1);
    assert_string_equal(r.aim.aim, "]C1");
    assert_string_equal(d.text, "AI (01): check digit is 4, expected 3");

    assert_int_equal(decode(RD("]d2"), &r, &d), STIEL_ERR_MISSING);
    assert_true(r.aim_ok);
    assert_int_equal(r.aim.symbology, SCAN_SYM_GS1_DATAMATRIX);
}

static void test_ean_reads(void **state)
{
    (void)state;
    static scan_decoded r;
    stiel_diag d;
    assert_int_equal(decode(RD("]E04006381333931"), &r, &d), STIEL_OK);
    assert_true(r.has_gtin);
    assert_string_equal(r.gtin, "04006381333931");
    assert_false(r.has_gs1);

    assert_int_equal(decode(RD("]E04006381333932"), &r, &d), STIEL_ERR_CHECK_DIGIT);
    assert_false(r.has_gtin);
    assert_string_equal(d.text, "GTIN 4006381333932: check digit is 2, expected 1");

    assert_int_equal(decode(RD("]E402345673"), &r, &d), STIEL_OK);
    assert_string_equal(r.gtin, "00000002345673");

    assert_int_equal(decode(RD("]E00416000336108|]e099COMPOSITE\x1d" "98XYZ"), &r, &d), STIEL_OK);
    assert_string_equal(r.gtin, "00416000336108");
    assert_true(r.has_gs1);
    assert_int_equal(r.gs1.count, 2);
    assert_string_equal(r.gs1.pairs[0].value, "COMPOSITE");
    assert_string_equal(r.gs1.pairs[1].value, "XYZ");

    assert_int_equal(decode(RD("]E00416000336108|]e099COMP OSITE"), &r, &d), STIEL_ERR_CHARSET);
    assert_true(r.has_gtin);
    assert_false(r.has_gs1);
}

static void test_other_reads(void **state)
{
    (void)state;
    static scan_decoded r;
    stiel_diag d;
    assert_int_equal(decode(RD("LOC-A-01-02"), &r, &d), STIEL_OK);
    assert_true(r.aim_ok);
    assert_int_equal(r.aim.symbology, SCAN_SYM_UNKNOWN);
    assert_false(r.has_gs1);
    /* Without an identifier nothing is guessed, even for digits that look like GS1. */
    assert_int_equal(decode(RD("0112312312312333"), &r, &d), STIEL_OK);
    assert_false(r.has_gs1);
    assert_int_equal(decode(RD("]C0HELLO"), &r, &d), STIEL_OK);
    assert_int_equal(r.aim.symbology, SCAN_SYM_CODE128);
    assert_int_equal(decode(RD("]XX1"), &r, &d), STIEL_ERR_SYNTAX);
    assert_false(r.aim_ok);
    assert_int_equal(scan_decode(NULL, 1, &r, &d), STIEL_ERR_ARG);
    assert_int_equal(scan_decode((const uint8_t *)"x", 1, NULL, &d), STIEL_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gs1_reads),
        cmocka_unit_test(test_ean_reads),
        cmocka_unit_test(test_other_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
