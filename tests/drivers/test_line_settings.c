/* Tests of the serial line-settings parser: every accepted form, round trips through the formatter,
 * and each class of bad input mapped to its own status with a useful message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "drivers/line_settings.h"

static void parses_full_forms(void **state)
{
    (void)state;
    stiel_line_settings ls;
    stiel_diag d;
    assert_int_equal(stiel_line_settings_parse("9600 8N1 none", &ls, &d), STIEL_OK);
    assert_int_equal(ls.baud, 9600);
    assert_int_equal(ls.data_bits, 8);
    assert_int_equal(ls.parity, STIEL_PARITY_NONE);
    assert_int_equal(ls.stop_bits, 1);
    assert_int_equal(ls.flow, STIEL_FLOW_NONE);

    assert_int_equal(stiel_line_settings_parse("115200 8E1 rtscts", &ls, &d), STIEL_OK);
    assert_int_equal(ls.baud, 115200);
    assert_int_equal(ls.parity, STIEL_PARITY_EVEN);
    assert_int_equal(ls.flow, STIEL_FLOW_RTSCTS);

    assert_int_equal(stiel_line_settings_parse("  19200\t7o2   XON/XOFF  ", &ls, &d), STIEL_OK);
    assert_int_equal(ls.baud, 19200);
    assert_int_equal(ls.data_bits, 7);
    assert_int_equal(ls.parity, STIEL_PARITY_ODD);
    assert_int_equal(ls.stop_bits, 2);
    assert_int_equal(ls.flow, STIEL_FLOW_XONXOFF);

    assert_int_equal(stiel_line_settings_parse("38400 5M1 dtrdsr", &ls, &d), STIEL_OK);
    assert_int_equal(ls.data_bits, 5);
    assert_int_equal(ls.parity, STIEL_PARITY_MARK);
    assert_int_equal(ls.flow, STIEL_FLOW_DTRDSR);

    assert_int_equal(stiel_line_settings_parse("300 6S1 rts/cts", &ls, &d), STIEL_OK);
    assert_int_equal(ls.parity, STIEL_PARITY_SPACE);
    assert_int_equal(ls.flow, STIEL_FLOW_RTSCTS);
}

static void defaults_when_words_omitted(void **state)
{
    (void)state;
    stiel_line_settings ls;
    assert_int_equal(stiel_line_settings_parse("57600", &ls, NULL), STIEL_OK);
    assert_int_equal(ls.baud, 57600);
    assert_int_equal(ls.data_bits, 8);
    assert_int_equal(ls.parity, STIEL_PARITY_NONE);
    assert_int_equal(ls.stop_bits, 1);
    assert_int_equal(ls.flow, STIEL_FLOW_NONE);
    assert_int_equal(stiel_line_settings_parse("4800 7E1", &ls, NULL), STIEL_OK);
    assert_int_equal(ls.data_bits, 7);
    assert_int_equal(ls.flow, STIEL_FLOW_NONE);
}

static void round_trips_through_format(void **state)
{
    (void)state;
    static const char *const texts[] = {"9600 8N1 none", "115200 8E1 rtscts", "19200 7O2 xonxoff",
                                        "921600 5M1 dtrdsr", "1200 6S2 none"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        stiel_line_settings ls, back;
        char out[STIEL_LINE_SETTINGS_TEXT_MAX];
        assert_int_equal(stiel_line_settings_parse(texts[i], &ls, NULL), STIEL_OK);
        assert_string_equal(stiel_line_settings_format(&ls, out, sizeof out), texts[i]);
        assert_int_equal(stiel_line_settings_parse(out, &back, NULL), STIEL_OK);
        assert_memory_equal(&ls, &back, sizeof ls);
    }
    char tiny[5];
    stiel_line_settings def = STIEL_LINE_SETTINGS_DEFAULT;
    assert_string_equal(stiel_line_settings_format(&def, tiny, sizeof tiny), "9600");
}

static void check_bad(const char *text, stiel_status want, const char *needle)
{
    stiel_line_settings ls = {1, 2, STIEL_PARITY_ODD, 3, STIEL_FLOW_DTRDSR};
    stiel_line_settings before = ls;
    stiel_diag d;
    stiel_diag_clear(&d);
    stiel_status st = stiel_line_settings_parse(text, &ls, &d);
    if (st != want || !strstr(d.text, needle))
        fail_msg("\"%s\": got %d \"%s\", want %d containing \"%s\"", text ? text : "(null)", st, d.text, want,
                 needle);
    assert_int_equal(d.code, want);
    assert_memory_equal(&ls, &before, sizeof ls); /* out untouched on error */
}

static void bad_input_maps_to_specific_errors(void **state)
{
    (void)state;
    check_bad(NULL, STIEL_ERR_ARG, "nothing");
    check_bad("", STIEL_ERR_MISSING, "empty");
    check_bad("   \t ", STIEL_ERR_MISSING, "9600 8N1");
    check_bad("fast 8N1", STIEL_ERR_SYNTAX, "\"fast\" is not a baud rate");
    check_bad("96OO", STIEL_ERR_SYNTAX, "not a baud rate");
    check_bad("-9600", STIEL_ERR_SYNTAX, "not a baud rate");
    check_bad("9601 8N1", STIEL_ERR_UNSUPPORTED, "9601 is not a standard rate");
    check_bad("99999999999999999999", STIEL_ERR_UNSUPPORTED, "not a standard rate");
    check_bad("0", STIEL_ERR_UNSUPPORTED, "not a standard rate");
    check_bad("9600 8N", STIEL_ERR_SYNTAX, "e.g. 8N1");
    check_bad("9600 8N11", STIEL_ERR_SYNTAX, "e.g. 8N1");
    check_bad("9600 N81", STIEL_ERR_SYNTAX, "e.g. 8N1");
    check_bad("9600 9N1", STIEL_ERR_UNSUPPORTED, "9 data bits");
    check_bad("9600 4N1", STIEL_ERR_UNSUPPORTED, "4 data bits");
    check_bad("9600 8X1", STIEL_ERR_SYNTAX, "parity 'X'");
    check_bad("9600 8N3", STIEL_ERR_SYNTAX, "stop bits '3'");
    check_bad("9600 8N0", STIEL_ERR_SYNTAX, "stop bits '0'");
    check_bad("9600 8N1 rts", STIEL_ERR_UNSUPPORTED, "unknown flow control \"rts\"");
    check_bad("9600 8N1 hardware", STIEL_ERR_UNSUPPORTED, "use none, xonxoff, rtscts or dtrdsr");
    check_bad("9600 8N1 none extra", STIEL_ERR_SYNTAX, "unexpected text");
    check_bad("9600 8N1 averyveryverylongflowcontrolword", STIEL_ERR_UNSUPPORTED, "flow control");
}

static void check_rejects_bad_structs(void **state)
{
    (void)state;
    stiel_diag d;
    stiel_line_settings ls = STIEL_LINE_SETTINGS_DEFAULT;
    assert_int_equal(stiel_line_settings_check(&ls, &d), STIEL_OK);
    ls.baud = 12345;
    assert_int_equal(stiel_line_settings_check(&ls, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "12345"));
    ls = STIEL_LINE_SETTINGS_DEFAULT;
    ls.stop_bits = 3;
    assert_int_equal(stiel_line_settings_check(&ls, &d), STIEL_ERR_UNSUPPORTED);
    ls = STIEL_LINE_SETTINGS_DEFAULT;
    ls.flow = (stiel_flow)9;
    assert_int_equal(stiel_line_settings_check(&ls, &d), STIEL_ERR_UNSUPPORTED);
    ls = STIEL_LINE_SETTINGS_DEFAULT;
    ls.data_bits = 9;
    assert_int_equal(stiel_line_settings_check(&ls, &d), STIEL_ERR_UNSUPPORTED);
    assert_int_equal(stiel_line_settings_check(NULL, &d), STIEL_ERR_ARG);
    assert_string_equal(stiel_flow_name(STIEL_FLOW_RTSCTS), "rtscts");
    assert_string_equal(stiel_flow_name((stiel_flow)42), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_full_forms),
        cmocka_unit_test(defaults_when_words_omitted),
        cmocka_unit_test(round_trips_through_format),
        cmocka_unit_test(bad_input_maps_to_specific_errors),
        cmocka_unit_test(check_rejects_bad_structs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
