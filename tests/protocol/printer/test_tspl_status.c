/* Tests of the TSPL status decoders: each <ESC>!? bit to its condition and state, the
 * last-byte rule, and the <ESC>!S framing (normal, not normal, truncation, garbling). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/printer/tspl_status.h"

static void test_query_bytes(void **state)
{
    (void)state;
    assert_memory_equal(TSPL_QUERY_STATUS, "\x1b\x21\x3f", TSPL_QUERY_LEN);
    assert_memory_equal(TSPL_QUERY_STATUS_EXTENDED, "\x1b\x21\x53", TSPL_QUERY_LEN);
}

static void test_each_bit(void **state)
{
    (void)state;
    struct {
        uint8_t byte;
        uint32_t cond;
        printer_state st;
    } table[] = {
        {0x00, 0, PRINTER_STATE_READY},
        {0x01, PRINTER_COND_HEAD_OPEN, PRINTER_STATE_HEAD_OPEN},
        {0x02, PRINTER_COND_PAPER_JAM, PRINTER_STATE_ERROR},
        {0x04, PRINTER_COND_PAPER_OUT, PRINTER_STATE_PAPER_OUT},
        {0x08, PRINTER_COND_RIBBON_OUT, PRINTER_STATE_RIBBON_OUT},
        {0x10, PRINTER_COND_PAUSED, PRINTER_STATE_PAUSED},
        {0x20, PRINTER_COND_PRINTING, PRINTER_STATE_READY},
        {0x40, PRINTER_COND_COVER_OPEN, PRINTER_STATE_HEAD_OPEN},
        {0x80, PRINTER_COND_OVER_TEMP, PRINTER_STATE_OVER_TEMP},
        {0x14, PRINTER_COND_PAPER_OUT | PRINTER_COND_PAUSED, PRINTER_STATE_PAPER_OUT},
        {0x0C, PRINTER_COND_PAPER_OUT | PRINTER_COND_RIBBON_OUT, PRINTER_STATE_PAPER_OUT},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        tspl_status s;
        tspl_status_decode(table[i].byte, &s);
        assert_int_equal(s.raw, table[i].byte);
        assert_int_equal(s.conditions, table[i].cond);
        assert_int_equal(s.state, table[i].st);
    }
}

static void test_parse_takes_last_byte(void **state)
{
    (void)state;
    tspl_status s;
    size_t used = 0;
    stiel_diag d;
    assert_int_equal(tspl_status_parse(NULL, 0, &s, &used, &d), STIEL_ERR_TRUNCATED);
    assert_int_equal(d.code, STIEL_ERR_TRUNCATED);
    const uint8_t b[] = {0x41, 0x42, 0x04};
    assert_int_equal(tspl_status_parse(b, sizeof b, &s, &used, &d), STIEL_OK);
    assert_int_equal(used, 3);
    assert_int_equal(s.skipped, 2);
    assert_int_equal(s.state, PRINTER_STATE_PAPER_OUT);
}

static void test_ext_normal_and_not_normal(void **state)
{
    (void)state;
    tspl_status_ext e;
    size_t used;
    const uint8_t ok[] = "\x02@@@@\x03\r\n";
    assert_int_equal(tspl_status_ext_parse(ok, 8, &e, &used, NULL), STIEL_OK);
    assert_int_equal(used, 8);
    assert_true(e.normal);
    assert_int_equal(e.state, PRINTER_STATE_READY);
    const uint8_t bad[] = "zz\x02@@@A\x03\r\n\x02";
    assert_int_equal(tspl_status_ext_parse(bad, 11, &e, &used, NULL), STIEL_OK);
    assert_int_equal(used, 10);
    assert_false(e.normal);
    assert_memory_equal(e.raw, "@@@A", 4);
    assert_int_equal(e.conditions, PRINTER_COND_NOT_NORMAL);
    assert_int_equal(e.state, PRINTER_STATE_ERROR);
}

static void test_ext_truncated_and_garbled(void **state)
{
    (void)state;
    tspl_status_ext e;
    size_t used;
    stiel_diag d;
    const uint8_t ok[] = "\x02@@@@\x03\r\n";
    for (size_t k = 0; k < 8; k++)
        assert_int_equal(tspl_status_ext_parse(ok, k, &e, &used, &d), STIEL_ERR_TRUNCATED);
    const uint8_t no_etx[] = "\x02@@@@@\r\n";
    assert_int_equal(tspl_status_ext_parse(no_etx, 8, &e, &used, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "ETX"));
    const uint8_t no_lf[] = "\x02@@@@\x03\r@";
    assert_int_equal(tspl_status_ext_parse(no_lf, 8, &e, &used, &d), STIEL_ERR_SYNTAX);
    /* Too short: ETX arrives as the 4th status byte. */
    const uint8_t short_[] = "\x02@@@\x03\r\n";
    assert_int_equal(tspl_status_ext_parse(short_, 7, &e, &used, &d), STIEL_ERR_SYNTAX);
    /* Garbled early: found before all 8 bytes are in. */
    const uint8_t early[] = "\x02@@@@X";
    assert_int_equal(tspl_status_ext_parse(early, 6, &e, &used, &d), STIEL_ERR_SYNTAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_bytes),
        cmocka_unit_test(test_each_bit),
        cmocka_unit_test(test_parse_takes_last_byte),
        cmocka_unit_test(test_ext_normal_and_not_normal),
        cmocka_unit_test(test_ext_truncated_and_garbled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
