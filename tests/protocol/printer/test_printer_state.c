/* Tests of the shared printer state: priority between conditions, names, messages, and the
 * condition list text (including truncation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/printer/printer_state.h"

static void test_priority(void **state)
{
    (void)state;
    assert_int_equal(printer_state_from_conditions(0), PRINTER_STATE_READY);
    assert_int_equal(printer_state_from_conditions(PRINTER_COND_UNDER_TEMP |
                                                   PRINTER_COND_PAPER_NEAR_END |
                                                   PRINTER_COND_PRINTING |
                                                   PRINTER_COND_LABEL_WAITING),
                     PRINTER_STATE_READY);
    uint32_t all = (1u << PRINTER_COND_COUNT) - 1;
    assert_int_equal(printer_state_from_conditions(all), PRINTER_STATE_HEAD_OPEN);
    all &= ~(uint32_t)(PRINTER_COND_HEAD_OPEN | PRINTER_COND_COVER_OPEN);
    assert_int_equal(printer_state_from_conditions(all), PRINTER_STATE_PAPER_OUT);
    all &= ~(uint32_t)PRINTER_COND_PAPER_OUT;
    assert_int_equal(printer_state_from_conditions(all), PRINTER_STATE_RIBBON_OUT);
    all &= ~(uint32_t)PRINTER_COND_RIBBON_OUT;
    assert_int_equal(printer_state_from_conditions(all), PRINTER_STATE_OVER_TEMP);
    all &= ~(uint32_t)PRINTER_COND_OVER_TEMP;
    assert_int_equal(printer_state_from_conditions(all), PRINTER_STATE_ERROR);
    assert_int_equal(printer_state_from_conditions(PRINTER_COND_BUFFER_FULL | PRINTER_COND_PAUSED |
                                                   PRINTER_COND_OFFLINE),
                     PRINTER_STATE_BUFFER_FULL);
    assert_int_equal(printer_state_from_conditions(PRINTER_COND_PAUSED | PRINTER_COND_OFFLINE),
                     PRINTER_STATE_PAUSED);
    assert_int_equal(printer_state_from_conditions(PRINTER_COND_OFFLINE), PRINTER_STATE_OFFLINE);
}

static void test_names_and_messages(void **state)
{
    (void)state;
    for (int s = 0; s < PRINTER_STATE_COUNT; s++) {
        const char *m = printer_state_message((printer_state)s);
        assert_non_null(m);
        assert_memory_equal(m, "Printer: ", 9);
        assert_string_not_equal(printer_state_name((printer_state)s), "UNKNOWN");
        for (int t = 0; t < s; t++)
            assert_string_not_equal(m, printer_state_message((printer_state)t));
    }
    assert_non_null(strstr(printer_state_message(PRINTER_STATE_PAPER_OUT), "Load labels"));
    assert_string_equal(printer_state_name(PRINTER_STATE_COUNT), "UNKNOWN");
    assert_string_equal(printer_state_name((printer_state)-1), "UNKNOWN");
    for (unsigned i = 0; i < PRINTER_COND_COUNT; i++)
        assert_string_not_equal(printer_condition_name(1u << i), "unknown");
    assert_string_equal(printer_condition_name(1u << PRINTER_COND_COUNT), "unknown");
}

static void test_describe(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(printer_conditions_describe(0, buf, sizeof buf), 4);
    assert_string_equal(buf, "none");
    size_t need = printer_conditions_describe(PRINTER_COND_PAPER_OUT | PRINTER_COND_PAUSED, buf,
                                              sizeof buf);
    assert_string_equal(buf, "paper out, paused");
    assert_int_equal(need, strlen("paper out, paused"));
    char small[8];
    need = printer_conditions_describe(PRINTER_COND_PAPER_OUT | PRINTER_COND_PAUSED, small,
                                       sizeof small);
    assert_int_equal(need, strlen("paper out, paused"));
    assert_string_equal(small, "paper o");
    assert_int_equal(printer_conditions_describe(PRINTER_COND_PAPER_JAM, NULL, 0), 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_priority),
        cmocka_unit_test(test_names_and_messages),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
