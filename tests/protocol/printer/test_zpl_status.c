/* Tests of the ZPL ~HS and ~HI parsers: the reference sample, every field and flag, the serial
 * settings bits, leading garbage, every truncation point, and each kind of garbled reply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "protocol/printer/zpl_status.h"

/* Builds a ~HS reply from three line texts. */
static size_t hs_build(uint8_t *out, size_t cap, const char *l1, const char *l2, const char *l3)
{
    int n = snprintf((char *)out, cap, "\x02%s\x03\r\n\x02%s\x03\r\n\x02%s\x03\r\n", l1, l2, l3);
    assert_true(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

static const char *sample1 = "030,0,0,0290,000,0,0,0,000,0,0,0";
static const char *sample2 = "001,0,0,0,1,2,4,0,00000000,1,000";
static const char *sample3 = "1234,0";

static void test_reference_sample(void **state)
{
    (void)state;
    uint8_t buf[256];
    size_t n = hs_build(buf, sizeof buf, sample1, sample2, sample3);
    zpl_host_status s;
    size_t used = 0;
    stiel_diag d;
    assert_int_equal(zpl_hs_parse(buf, n, &s, &used, &d), STIEL_OK);
    assert_int_equal(used, n);
    /* aaa = 030 = 0b000011110: 9600 baud, 8 data bits, no parity, 1 stop bit, XON/XOFF. */
    assert_int_equal(s.comm.raw, 30);
    assert_int_equal(s.comm.baud, 9600);
    assert_int_equal(s.comm.data_bits, 8);
    assert_int_equal(s.comm.parity, ZPL_PARITY_NONE);
    assert_int_equal(s.comm.stop_bits, 1);
    assert_int_equal(s.comm.handshake, ZPL_HANDSHAKE_XON_XOFF);
    assert_false(s.paper_out);
    assert_false(s.paused);
    assert_int_equal(s.label_length_dots, 290);
    assert_int_equal(s.formats_in_buffer, 0);
    assert_int_equal(s.function_settings, 1);
    assert_false(s.head_up);
    assert_false(s.ribbon_out);
    assert_true(s.thermal_transfer);
    assert_int_equal(s.print_mode, '2');
    assert_string_equal(zpl_print_mode_name(s.print_mode), "tear-off");
    assert_int_equal(s.print_width_mode, '4');
    assert_int_equal(s.labels_remaining, 0);
    assert_true(s.format_while_printing);
    assert_int_equal(s.graphics_stored, 0);
    assert_int_equal(s.password, 1234);
    assert_false(s.static_ram_installed);
    assert_int_equal(s.conditions, 0);
    assert_int_equal(s.state, PRINTER_STATE_READY);
}

static void test_each_flag_maps_to_its_state(void **state)
{
    (void)state;
    struct {
        const char *l1, *l2;
        uint32_t cond;
        printer_state st;
    } table[] = {
        {"030,1,0,0290,000,0,0,0,000,0,0,0", NULL, PRINTER_COND_PAPER_OUT, PRINTER_STATE_PAPER_OUT},
        {"030,0,1,0290,000,0,0,0,000,0,0,0", NULL, PRINTER_COND_PAUSED, PRINTER_STATE_PAUSED},
        {"030,0,0,0290,000,1,0,0,000,0,0,0", NULL, PRINTER_COND_BUFFER_FULL,
         PRINTER_STATE_BUFFER_FULL},
        {"030,0,0,0290,000,0,0,0,000,1,0,0", NULL, PRINTER_COND_RAM_CORRUPT, PRINTER_STATE_ERROR},
        {"030,0,0,0290,000,0,0,0,000,0,1,0", NULL, PRINTER_COND_UNDER_TEMP, PRINTER_STATE_READY},
        {"030,0,0,0290,000,0,0,0,000,0,0,1", NULL, PRINTER_COND_OVER_TEMP, PRINTER_STATE_OVER_TEMP},
        {NULL, "001,0,1,0,1,2,4,0,00000000,1,000", PRINTER_COND_HEAD_OPEN, PRINTER_STATE_HEAD_OPEN},
        {NULL, "001,0,0,1,1,2,4,0,00000000,1,000", PRINTER_COND_RIBBON_OUT,
         PRINTER_STATE_RIBBON_OUT},
        {NULL, "001,0,0,0,1,1,4,1,00000000,1,000", PRINTER_COND_LABEL_WAITING,
         PRINTER_STATE_READY},
        /* Paper out with pause (Zebra pauses on faults): paper out wins. */
        {"030,1,1,0290,000,0,0,0,000,0,0,0", NULL, PRINTER_COND_PAPER_OUT | PRINTER_COND_PAUSED,
         PRINTER_STATE_PAPER_OUT},
        /* Head open and paper out: head open first. */
        {"030,1,0,0290,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,4,0,00000000,1,000",
         PRINTER_COND_PAPER_OUT | PRINTER_COND_HEAD_OPEN, PRINTER_STATE_HEAD_OPEN},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        uint8_t buf[256];
        size_t n = hs_build(buf, sizeof buf, table[i].l1 ? table[i].l1 : sample1,
                            table[i].l2 ? table[i].l2 : sample2, sample3);
        zpl_host_status s;
        size_t used;
        assert_int_equal(zpl_hs_parse(buf, n, &s, &used, NULL), STIEL_OK);
        assert_int_equal(s.conditions, table[i].cond);
        assert_int_equal(s.state, table[i].st);
    }
}

static void test_numbers_and_modes(void **state)
{
    (void)state;
    uint8_t buf[256];
    size_t n = hs_build(buf, sizeof buf, "030,0,0,1218,012,0,1,1,000,0,0,0",
                        "129,0,0,0,0,K,0,0,00001234,1,017", "0000,1");
    zpl_host_status s;
    size_t used;
    assert_int_equal(zpl_hs_parse(buf, n, &s, &used, NULL), STIEL_OK);
    assert_int_equal(s.label_length_dots, 1218);
    assert_int_equal(s.formats_in_buffer, 12);
    assert_true(s.comm_diag_mode);
    assert_true(s.partial_format);
    assert_int_equal(s.function_settings, 129);
    assert_false(s.thermal_transfer);
    assert_int_equal(s.print_mode, 'K');
    assert_string_equal(zpl_print_mode_name('K'), "kiosk");
    assert_int_equal(s.labels_remaining, 1234);
    assert_int_equal(s.graphics_stored, 17);
    assert_true(s.static_ram_installed);
}

static void test_comm_settings_bits(void **state)
{
    (void)state;
    zpl_comm_settings c;
    /* a8..a0: 1 1 1 1 1 1 0 0 1 = 505: a8+a2a1a0 = 1001 → 38400; DTR, even parity on, 1 stop,
     * 8 bits. */
    assert_int_equal(zpl_comm_settings_decode(0x1F9, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 38400);
    assert_int_equal(c.handshake, ZPL_HANDSHAKE_DTR);
    assert_int_equal(c.parity, ZPL_PARITY_EVEN);
    assert_int_equal(c.stop_bits, 1);
    assert_int_equal(c.data_bits, 8);
    /* Parity on, odd; 7 data bits, 2 stop bits, 19200. */
    assert_int_equal(zpl_comm_settings_decode(0x27, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 19200);
    assert_int_equal(c.parity, ZPL_PARITY_ODD);
    assert_int_equal(c.data_bits, 7);
    assert_int_equal(c.stop_bits, 2);
    /* Baud codes: 0000 = 110, 1010 = 57600, 1011 = 14400, 1100 undefined → 0. */
    assert_int_equal(zpl_comm_settings_decode(0x000, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 110);
    assert_int_equal(zpl_comm_settings_decode(0x102, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 57600);
    assert_int_equal(zpl_comm_settings_decode(0x103, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 14400);
    assert_int_equal(zpl_comm_settings_decode(0x104, &c, NULL), STIEL_OK);
    assert_int_equal(c.baud, 0);
    assert_int_equal(zpl_comm_settings_decode(512, &c, NULL), STIEL_ERR_SYNTAX);
}

static void test_leading_garbage_and_trailing_bytes(void **state)
{
    (void)state;
    uint8_t buf[300];
    memcpy(buf, "0,0\x03\r\nxx", 8);
    size_t n = 8 + hs_build(buf + 8, sizeof buf - 8, sample1, sample2, sample3);
    buf[n] = 0x02; /* the start of a next reply stays unused */
    zpl_host_status s;
    size_t used;
    assert_int_equal(zpl_hs_parse(buf, n + 1, &s, &used, NULL), STIEL_OK);
    assert_int_equal(used, n);
    assert_int_equal(s.password, 1234);
}

static void test_every_truncation_is_truncated(void **state)
{
    (void)state;
    uint8_t buf[256];
    size_t n = hs_build(buf, sizeof buf, sample1, sample2, sample3);
    for (size_t k = 0; k < n; k++) {
        zpl_host_status s;
        size_t used = 77;
        stiel_diag d;
        assert_int_equal(zpl_hs_parse(buf, k, &s, &used, &d), STIEL_ERR_TRUNCATED);
        assert_int_equal(d.code, STIEL_ERR_TRUNCATED);
        assert_int_equal(used, 77);
    }
    /* Only two lines: truncated, and the diag says so. */
    size_t two = (size_t)(strchr((char *)buf + 1, 0x02) - (char *)buf);
    two = (size_t)(strchr((char *)buf + two + 1, 0x02) - (char *)buf);
    zpl_host_status s;
    size_t used;
    stiel_diag d;
    assert_int_equal(zpl_hs_parse(buf, two, &s, &used, &d), STIEL_ERR_TRUNCATED);
    assert_non_null(strstr(d.text, "2 of 3"));
}

static void expect_error(const char *l1, const char *l2, const char *l3, stiel_status want,
                         const char *diag_has)
{
    uint8_t buf[300];
    size_t n = hs_build(buf, sizeof buf, l1, l2, l3);
    zpl_host_status s;
    size_t used;
    stiel_diag d;
    assert_int_equal(zpl_hs_parse(buf, n, &s, &used, &d), want);
    assert_int_equal(d.code, want);
    if (diag_has != NULL && strstr(d.text, diag_has) == NULL)
        fail_msg("diag \"%s\" lacks \"%s\"", d.text, diag_has);
}

static void test_garbled_fields(void **state)
{
    (void)state;
    /* Wrong field counts. */
    expect_error("030,0,0,0290,000,0,0,0,000,0,0", sample2, sample3, STIEL_ERR_SYNTAX,
                 "11 fields, expected 12");
    expect_error(sample1, "001,0,0,0,1,2,4,0,00000000,1,000,9", sample3, STIEL_ERR_SYNTAX,
                 "more than 11");
    expect_error(sample1, sample2, "1234", STIEL_ERR_SYNTAX, "line 3");
    /* Non-digit in a numeric field. */
    expect_error("030,0,0,02X0,000,0,0,0,000,0,0,0", sample2, sample3, STIEL_ERR_CHARSET,
                 "dddd (label length)");
    expect_error(sample1, "001,0,0,0,1,2,4,0,0000O000,1,000", sample3,
                 STIEL_ERR_CHARSET, "labels remaining");
    /* A flag that is not 0/1. */
    expect_error("030,2,0,0290,000,0,0,0,000,0,0,0", sample2, sample3, STIEL_ERR_SYNTAX,
                 "paper out");
    expect_error("030,00,0,0290,000,0,0,0,000,0,0,0", sample2, sample3, STIEL_ERR_SYNTAX,
                 "paper out");
    /* Empty field, bad print mode, comm value out of range, overlong number. */
    expect_error("030,0,,0290,000,0,0,0,000,0,0,0", sample2, sample3, STIEL_ERR_SYNTAX, "empty");
    expect_error(sample1, "001,0,0,0,1,x,4,0,00000000,1,000", sample3, STIEL_ERR_SYNTAX,
                 "print mode");
    expect_error("999,0,0,0290,000,0,0,0,000,0,0,0", sample2, sample3, STIEL_ERR_SYNTAX, "511");
    expect_error(sample1, "001,0,0,0,1,2,4,0,0000000000,1,000", sample3, STIEL_ERR_SYNTAX,
                 "digits");
}

static void test_garbled_framing(void **state)
{
    (void)state;
    zpl_host_status s;
    size_t used;
    stiel_diag d;
    /* Missing ETX: line 2 starts before line 1 ended. */
    const char *a = "\x02" "030,0,0,0290,000,0,0,0,000,0,0,0\r\n\x02" "001";
    assert_int_equal(zpl_hs_parse((const uint8_t *)a, strlen(a), &s, &used, &d), STIEL_ERR_SYNTAX);
    /* Missing ETX at the very end: truncated (the rest may still come). */
    const char *b = "\x02" "030,0,0,0290,000,0,0,0,000,0,0,0";
    assert_int_equal(zpl_hs_parse((const uint8_t *)b, strlen(b), &s, &used, &d),
                     STIEL_ERR_TRUNCATED);
    assert_non_null(strstr(d.text, "ETX"));
    /* ETX followed by LF only. */
    const char *c = "\x02" "030,0,0,0290,000,0,0,0,000,0,0,0\x03\n";
    assert_int_equal(zpl_hs_parse((const uint8_t *)c, strlen(c), &s, &used, &d), STIEL_ERR_SYNTAX);
    /* Garbage between lines. */
    const char *e = "\x02" "030,0,0,0290,000,0,0,0,000,0,0,0\x03\r\nX\x02";
    assert_int_equal(zpl_hs_parse((const uint8_t *)e, strlen(e), &s, &used, &d), STIEL_ERR_SYNTAX);
    /* Control byte inside a line. */
    const char *f = "\x02" "030,0,0\x01";
    assert_int_equal(zpl_hs_parse((const uint8_t *)f, strlen(f), &s, &used, &d), STIEL_ERR_SYNTAX);
    /* A line that never ends. */
    uint8_t g[200];
    memset(g, '0', sizeof g);
    g[0] = 0x02;
    assert_int_equal(zpl_hs_parse(g, sizeof g, &s, &used, &d), STIEL_ERR_SYNTAX);
    /* Nothing at all / no STX. */
    assert_int_equal(zpl_hs_parse(NULL, 0, &s, &used, &d), STIEL_ERR_TRUNCATED);
    assert_int_equal(zpl_hs_parse((const uint8_t *)"abc", 3, &s, &used, &d), STIEL_ERR_TRUNCATED);
}

static void test_hi_framed_and_bare(void **state)
{
    (void)state;
    zpl_host_identification hi;
    size_t used;
    const char *a = "\x02ZD420-203dpi,V84.20.18Z,8,8176KB,X\x03\r\n";
    assert_int_equal(zpl_hi_parse((const uint8_t *)a, strlen(a), &hi, &used, NULL), STIEL_OK);
    assert_int_equal(used, strlen(a));
    assert_string_equal(hi.model, "ZD420-203dpi");
    assert_string_equal(hi.firmware, "V84.20.18Z");
    assert_int_equal(hi.dots_per_mm, 8);
    assert_int_equal(hi.dpi, 203);
    assert_int_equal(hi.memory_kb, 8176);
    assert_string_equal(hi.options, "X");
    /* The reference's template, bare with CR LF, and four fields only. */
    const char *b = "XXXXXX,V1.0.0,12,000KB,X\r\n";
    assert_int_equal(zpl_hi_parse((const uint8_t *)b, strlen(b), &hi, &used, NULL), STIEL_OK);
    assert_string_equal(hi.model, "XXXXXX");
    assert_int_equal(hi.dpi, 300);
    assert_int_equal(hi.memory_kb, 0);
    const char *c = "junk\x02GK420t,V61.17.16Z,8,2104KB\x03";
    assert_int_equal(zpl_hi_parse((const uint8_t *)c, strlen(c), &hi, &used, NULL), STIEL_OK);
    assert_int_equal(used, strlen(c));
    assert_string_equal(hi.options, "");
}

static void test_hi_errors(void **state)
{
    (void)state;
    zpl_host_identification hi;
    size_t used;
    stiel_diag d;
    struct {
        const char *text;
        stiel_status want;
    } table[] = {
        {"\x02ZD420,V84.20.18Z,8,8176KB,X", STIEL_ERR_TRUNCATED},
        {"ZD420,V84.20.18Z,8,8176KB,X", STIEL_ERR_TRUNCATED},
        {"ZD420,V84.20.18Z,8,8176KB,X\r", STIEL_ERR_TRUNCATED},
        {"ZD420,V84.20.18Z,8,8176KB,X\rZ", STIEL_ERR_SYNTAX},
        {"\x02ZD420,V84.20.18Z,8\x03", STIEL_ERR_SYNTAX},
        {"\x02ZD420,V84.20.18Z,8,8176KB,X,Y\x03", STIEL_ERR_SYNTAX},
        {"\x02,V84.20.18Z,8,8176KB,X\x03", STIEL_ERR_SYNTAX},
        {"\x02ZD420,V84,8x,8176KB,X\x03", STIEL_ERR_CHARSET},
        {"\x02ZD420,V84,8,8176MB,X\x03", STIEL_ERR_SYNTAX},
        {"\x02ZD420,V84,8,81a6KB,X\x03", STIEL_ERR_CHARSET},
        {"\x02ZD420,V84,8,KB,X\x03", STIEL_ERR_SYNTAX},
        {"\x02ZD4\x01" "20,V84,8,1KB,X\x03", STIEL_ERR_SYNTAX},
        {"\x02" "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,V84,8,1KB\x03", STIEL_ERR_SYNTAX},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        stiel_status st = zpl_hi_parse((const uint8_t *)table[i].text, strlen(table[i].text), &hi,
                                       &used, &d);
        if (st != table[i].want)
            fail_msg("case %zu: got %s, want %s (%s)", i, stiel_strerror(st),
                     stiel_strerror(table[i].want), d.text);
    }
}

static void test_query_strings(void **state)
{
    (void)state;
    assert_memory_equal(ZPL_QUERY_HOST_STATUS, "\x7eHS", 3);
    assert_memory_equal(ZPL_QUERY_HOST_IDENTIFICATION, "\x7eHI", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_sample),
        cmocka_unit_test(test_each_flag_maps_to_its_state),
        cmocka_unit_test(test_numbers_and_modes),
        cmocka_unit_test(test_comm_settings_bits),
        cmocka_unit_test(test_leading_garbage_and_trailing_bytes),
        cmocka_unit_test(test_every_truncation_is_truncated),
        cmocka_unit_test(test_garbled_fields),
        cmocka_unit_test(test_garbled_framing),
        cmocka_unit_test(test_hi_framed_and_bare),
        cmocka_unit_test(test_hi_errors),
        cmocka_unit_test(test_query_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
