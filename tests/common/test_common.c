/* Tests of common/: the status names, the diagnostic, and the capped buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "common/buf.h"
#include "common/status.h"

static void test_strerror_covers_every_status(void **state)
{
    (void)state;
    for (int s = 0; s < STIEL_STATUS_COUNT; s++)
        assert_string_not_equal(stiel_strerror((stiel_status)s), "unknown error");
    assert_string_equal(stiel_strerror((stiel_status)-1), "unknown error");
    assert_string_equal(stiel_strerror(STIEL_STATUS_COUNT), "unknown error");
}

static void test_diag_truncates_and_returns_code(void **state)
{
    (void)state;
    stiel_diag d;
    char long_text[600];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_int_equal(stiel_diag_set(&d, STIEL_ERR_CHECK_DIGIT, "AI (01): %s", long_text),
                     STIEL_ERR_CHECK_DIGIT);
    assert_int_equal(d.code, STIEL_ERR_CHECK_DIGIT);
    assert_int_equal(strlen(d.text), STIEL_DIAG_TEXT_MAX - 1);
    assert_memory_equal(d.text, "AI (01): xx", 11);
    assert_int_equal(stiel_diag_set(NULL, STIEL_ERR_ARG, "ignored"), STIEL_ERR_ARG);
}

static void test_buf_respects_cap_and_keeps_content(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 10);
    assert_int_equal(stiel_buf_puts(&b, "12345"), STIEL_OK);
    assert_int_equal(stiel_buf_printf(&b, "%d", 6789), STIEL_OK);
    assert_int_equal(b.len, 9);
    assert_int_equal(stiel_buf_puts(&b, "ab"), STIEL_ERR_OVERLONG);
    assert_int_equal(b.len, 9);
    assert_string_equal((char *)b.data, "123456789");
    assert_int_equal(stiel_buf_append(&b, "0", 1), STIEL_OK);
    assert_int_equal(b.len, 10);
    stiel_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal((char *)b.data, "");
    stiel_buf_free(&b);
    assert_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_covers_every_status),
        cmocka_unit_test(test_diag_truncates_and_returns_code),
        cmocka_unit_test(test_buf_respects_cap_and_keeps_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
