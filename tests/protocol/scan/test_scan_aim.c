/* Tests of protocol/scan/aim: the ISO/IEC 15424 table of reference 1.2 with its modifiers, GS1
 * and GTIN flags, names, data without identifier, bad identifiers, and the ]E0 composite split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/scan/aim.h"

typedef struct row {
    const char *id;
    scan_symbology sym;
    bool gs1;
    const char *name;
} row;

static const row table[] = {
    {"]C0", SCAN_SYM_CODE128, false, "Code 128"},
    {"]C1", SCAN_SYM_GS1_128, true, "GS1-128"},
    {"]C2", SCAN_SYM_CODE128_FNC1_2ND, false, NULL},
    {"]C4", SCAN_SYM_ISBT128, false, NULL},
    {"]E0", SCAN_SYM_EAN13, false, "EAN-13"},
    {"]E1", SCAN_SYM_EAN_ADDON2, false, NULL},
    {"]E2", SCAN_SYM_EAN_ADDON5, false, NULL},
    {"]E3", SCAN_SYM_EAN_WITH_ADDON, false, NULL},
    {"]E4", SCAN_SYM_EAN8, false, "EAN-8"},
    {"]e0", SCAN_SYM_GS1_DATABAR, true, "GS1 DataBar"},
    {"]d1", SCAN_SYM_DATAMATRIX, false, "DataMatrix"},
    {"]d2", SCAN_SYM_GS1_DATAMATRIX, true, "GS1 DataMatrix"},
    {"]d3", SCAN_SYM_DATAMATRIX_FNC1_2ND, false, NULL},
    {"]d4", SCAN_SYM_DATAMATRIX_ECI, false, NULL},
    {"]d5", SCAN_SYM_DATAMATRIX_ECI, false, NULL},
    {"]d6", SCAN_SYM_DATAMATRIX_ECI, false, NULL},
    {"]Q1", SCAN_SYM_QR, false, "QR Code"},
    {"]Q2", SCAN_SYM_QR_ECI, false, NULL},
    {"]Q3", SCAN_SYM_GS1_QR, true, "GS1 QR Code"},
    {"]J0", SCAN_SYM_DOTCODE, false, NULL},
    {"]J1", SCAN_SYM_GS1_DOTCODE, true, "GS1 DotCode"},
    {"]I0", SCAN_SYM_ITF, false, "ITF"},
    {"]I1", SCAN_SYM_ITF, false, "ITF"},
    {"]A0", SCAN_SYM_CODE39, false, "Code 39"},
    {"]A7", SCAN_SYM_CODE39, false, "Code 39"},
    {"]F0", SCAN_SYM_CODABAR, false, "Codabar"},
    {"]G0", SCAN_SYM_CODE93, false, "Code 93"},
    {"]L0", SCAN_SYM_PDF417, false, "PDF417"},
    {"]U0", SCAN_SYM_MAXICODE, false, "MaxiCode"},
    {"]z0", SCAN_SYM_AZTEC, false, "Aztec"},
    {"]X0", SCAN_SYM_OTHER, false, NULL},
    {"]Z0", SCAN_SYM_NON_BARCODE, false, NULL},
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const row *r = &table[i];
        char read[16];
        memcpy(read, r->id, 3);
        memcpy(read + 3, "123", 4);
        scan_aim_read a;
        stiel_diag d;
        assert_int_equal(scan_aim_parse((const uint8_t *)read, 6, &a, &d), STIEL_OK);
        assert_int_equal(a.symbology, r->sym);
        assert_int_equal(a.is_gs1, r->gs1);
        assert_string_equal(a.aim, r->id);
        assert_int_equal(a.modifier, r->id[2]);
        assert_int_equal(a.len, 3);
        assert_memory_equal(a.data, "123", 3);
        assert_ptr_equal(a.data, (const uint8_t *)read + 3);
        assert_int_equal(a.is_gtin, r->sym == SCAN_SYM_EAN13 || r->sym == SCAN_SYM_EAN8);
        bool g = !r->gs1;
        assert_int_equal(scan_aim_lookup(r->id, 3, &g), r->sym);
        assert_int_equal(g, r->gs1);
        if (r->name != NULL)
            assert_string_equal(scan_symbology_name(r->sym), r->name);
    }
}

static void test_every_symbology_has_a_distinct_name(void **state)
{
    (void)state;
    for (int s = 0; s < SCAN_SYM_COUNT; s++) {
        assert_true(strlen(scan_symbology_name((scan_symbology)s)) > 0);
        for (int t = 0; t < s; t++)
            assert_string_not_equal(scan_symbology_name((scan_symbology)s),
                                    scan_symbology_name((scan_symbology)t));
    }
    assert_string_equal(scan_symbology_name(SCAN_SYM_COUNT), "unknown");
    assert_string_equal(scan_symbology_name((scan_symbology)-1), "unknown");
}

static void test_no_identifier_is_unknown_and_unchanged(void **state)
{
    (void)state;
    const uint8_t s[] = "LOC-A-01-02";
    scan_aim_read a;
    assert_int_equal(scan_aim_parse(s, 11, &a, NULL), STIEL_OK);
    assert_int_equal(a.symbology, SCAN_SYM_UNKNOWN);
    assert_string_equal(a.aim, "");
    assert_int_equal(a.modifier, 0);
    assert_false(a.is_gs1);
    assert_ptr_equal(a.data, s);
    assert_int_equal(a.len, 11);
    assert_int_equal(scan_aim_parse(s, 0, &a, NULL), STIEL_OK);
    assert_int_equal(a.len, 0);
    assert_int_equal(scan_aim_parse(NULL, 0, &a, NULL), STIEL_OK);
    assert_string_equal(scan_symbology_name(a.symbology), "unknown");
}

static void expect_error(const char *s, size_t n, stiel_status want, const char *text_part)
{
    scan_aim_read a;
    stiel_diag d;
    assert_int_equal(scan_aim_parse((const uint8_t *)s, n, &a, &d), want);
    assert_int_equal(d.code, want);
    assert_non_null(strstr(d.text, text_part));
}

static void test_bad_identifiers(void **state)
{
    (void)state;
    expect_error("]", 1, STIEL_ERR_TRUNCATED, "too short");
    expect_error("]C", 2, STIEL_ERR_TRUNCATED, "']C'");
    expect_error("]XX123", 6, STIEL_ERR_SYNTAX, "']XX'");
    expect_error("]C9123", 6, STIEL_ERR_SYNTAX, "']C9'");
    expect_error("]c1123", 6, STIEL_ERR_SYNTAX, "']c1'");
    expect_error("]E5123", 6, STIEL_ERR_SYNTAX, "not known");
    expect_error("]e1123", 6, STIEL_ERR_SYNTAX, "']e1'");
    expect_error("]A8123", 6, STIEL_ERR_SYNTAX, "']A8'");
    expect_error("]C\x01" "123", 6, STIEL_ERR_SYNTAX, "']C\\x01'");
    expect_error("]\0" "1", 3, STIEL_ERR_SYNTAX, "\\x00");
    /* Bare GS1 identifiers carry no data (reference 1.3). */
    expect_error("]C1", 3, STIEL_ERR_MISSING, "]C1");
    expect_error("]e0", 3, STIEL_ERR_MISSING, "GS1 DataBar");
    expect_error("]d2", 3, STIEL_ERR_MISSING, "GS1 DataMatrix");
    /* A bare non-GS1 identifier is fine: empty data. */
    scan_aim_read a;
    assert_int_equal(scan_aim_parse((const uint8_t *)"]C0", 3, &a, NULL), STIEL_OK);
    assert_int_equal(a.len, 0);
    assert_int_equal(scan_aim_parse(NULL, 1, &a, NULL), STIEL_ERR_ARG);
    assert_int_equal(scan_aim_parse((const uint8_t *)"x", 1, NULL, NULL), STIEL_ERR_ARG);
    assert_int_equal(scan_aim_lookup("]C1x", 4, NULL), SCAN_SYM_UNKNOWN);
    assert_int_equal(scan_aim_lookup("C1x", 3, NULL), SCAN_SYM_UNKNOWN);
    assert_int_equal(scan_aim_lookup(NULL, 3, NULL), SCAN_SYM_UNKNOWN);
}

static void test_ean_composite(void **state)
{
    (void)state;
    static const char s[] = "]E00416000336108|]e099COMPOSITE\x1d" "98XYZ";
    scan_aim_read a;
    assert_int_equal(scan_aim_parse((const uint8_t *)s, sizeof s - 1, &a, NULL), STIEL_OK);
    assert_int_equal(a.symbology, SCAN_SYM_EAN13);
    assert_true(a.is_gtin);
    assert_false(a.is_gs1);
    assert_int_equal(a.len, 13);
    assert_memory_equal(a.data, "0416000336108", 13);
    assert_non_null(a.composite);
    assert_int_equal(a.composite_len, 17);
    assert_memory_equal(a.composite, "99COMPOSITE\x1d" "98XYZ", 17);

    stiel_diag d;
    assert_int_equal(scan_aim_parse((const uint8_t *)"]E00416000336108|]e0", 20, &a, &d),
                     STIEL_ERR_MISSING);
    /* A '|' without "]e0" after it is no separator: data kept whole. */
    assert_int_equal(scan_aim_parse((const uint8_t *)"]E01234|]C199", 13, &a, NULL), STIEL_OK);
    assert_null(a.composite);
    assert_int_equal(a.len, 10);
    /* Other symbologies keep '|' as data. */
    assert_int_equal(scan_aim_parse((const uint8_t *)"]C0AB|]e099X", 12, &a, NULL), STIEL_OK);
    assert_null(a.composite);
    assert_int_equal(a.len, 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_every_symbology_has_a_distinct_name),
        cmocka_unit_test(test_no_identifier_is_unknown_and_unchanged),
        cmocka_unit_test(test_bad_identifiers),
        cmocka_unit_test(test_ean_composite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
