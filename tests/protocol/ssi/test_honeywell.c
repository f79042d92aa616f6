/* Tests of the Honeywell serial commands: menu command bytes, chaining, storage character,
 * input checks, trigger bytes, and the echoed-reply parser (status bytes, truncation, errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/ssi/honeywell.h"

static void test_menu_single_and_chained(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 256);
    const honeywell_setting one[] = {{"232", "BAD", "5"}};
    assert_int_equal(honeywell_menu_encode(one, 1, HONEYWELL_STORE_FLASH, &b, NULL), STIEL_OK);
    const uint8_t want1[] = "\x16M\r232BAD5.";
    assert_int_equal(b.len, sizeof want1 - 1);
    assert_memory_equal(b.data, want1, b.len);

    stiel_buf_reset(&b);
    const honeywell_setting three[] = {{"232", "BAD", "5"}, {"232", "DAT", "3"}, {"TRG", "MOD", "0"}};
    assert_int_equal(honeywell_menu_encode(three, 3, HONEYWELL_STORE_RAM, &b, NULL), STIEL_OK);
    const uint8_t want3[] = "\x16M\r232BAD5,DAT3;TRGMOD0!";
    assert_int_equal(b.len, sizeof want3 - 1);
    assert_memory_equal(b.data, want3, b.len);

    /* A query: current value. */
    stiel_buf_reset(&b);
    const honeywell_setting q[] = {{"232", "BAD", "?"}};
    assert_int_equal(honeywell_menu_encode(q, 1, HONEYWELL_STORE_FLASH, &b, NULL), STIEL_OK);
    assert_memory_equal(b.data, "\x16M\r232BAD?.", 11);
    stiel_buf_free(&b);
}

static void test_menu_rejects_bad_input_and_keeps_output(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 256);
    assert_int_equal(stiel_buf_puts(&b, "keep"), STIEL_OK);
    stiel_diag d;
    const honeywell_setting short_tag[] = {{"23", "BAD", "5"}};
    assert_int_equal(honeywell_menu_encode(short_tag, 1, HONEYWELL_STORE_RAM, &b, &d),
                     STIEL_ERR_LENGTH);
    assert_non_null(strstr(d.text, "tag"));
    const honeywell_setting bad_sub[] = {{"232", "B-D", "5"}};
    assert_int_equal(honeywell_menu_encode(bad_sub, 1, HONEYWELL_STORE_RAM, &b, &d),
                     STIEL_ERR_CHARSET);
    const honeywell_setting punct[] = {{"232", "BAD", "5;"}};
    assert_int_equal(honeywell_menu_encode(punct, 1, HONEYWELL_STORE_RAM, &b, &d),
                     STIEL_ERR_CHARSET);
    const honeywell_setting ctl[] = {{"232", "BAD", "\r"}};
    assert_int_equal(honeywell_menu_encode(ctl, 1, HONEYWELL_STORE_RAM, &b, &d),
                     STIEL_ERR_CHARSET);
    assert_int_equal(honeywell_menu_encode(ctl, 0, HONEYWELL_STORE_RAM, &b, &d), STIEL_ERR_ARG);
    const honeywell_setting ok[] = {{"232", "BAD", "5"}};
    assert_int_equal(honeywell_menu_encode(ok, 1, (honeywell_storage)'x', &b, &d), STIEL_ERR_ARG);
    assert_int_equal(b.len, 4);
    stiel_buf_free(&b);

    /* Output cap too small: OVERLONG, nothing partial appended. */
    stiel_buf small;
    stiel_buf_init(&small, 8);
    assert_int_equal(honeywell_menu_encode(ok, 1, HONEYWELL_STORE_RAM, &small, &d),
                     STIEL_ERR_OVERLONG);
    assert_int_equal(small.len, 0);
    stiel_buf_free(&small);
}

static void test_trigger_bytes(void **state)
{
    (void)state;
    uint8_t t[3];
    honeywell_trigger_encode(true, t);
    assert_memory_equal(t, "\x16\x54\x0D", 3);
    honeywell_trigger_encode(false, t);
    assert_memory_equal(t, "\x16\x55\x0D", 3);
}

static void test_reply_all_ok(void **state)
{
    (void)state;
    const uint8_t r[] = "232BAD5\x06,DAT3\x06;TRGMOD0\x06.";
    honeywell_reply rep;
    size_t used;
    assert_int_equal(honeywell_reply_parse(r, sizeof r - 1, &rep, &used, NULL), STIEL_OK);
    assert_int_equal(used, sizeof r - 1);
    assert_int_equal(rep.count, 3);
    assert_true(rep.all_ok);
    assert_int_equal(rep.storage, '.');
    assert_string_equal(rep.items[0].tag, "232");
    assert_string_equal(rep.items[0].text, "BAD5");
    assert_string_equal(rep.items[1].tag, "232");
    assert_string_equal(rep.items[1].text, "DAT3");
    assert_string_equal(rep.items[2].tag, "TRG");
    assert_string_equal(rep.items[2].text, "MOD0");
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(rep.items[i].status, HONEYWELL_ACK);
}

static void test_reply_with_prefix_enq_nak_and_trailing_bytes(void **state)
{
    (void)state;
    const uint8_t r[] = "\x16M\r232BAD9\x15,XXX1\x05!rest";
    honeywell_reply rep;
    size_t used;
    assert_int_equal(honeywell_reply_parse(r, sizeof r - 1, &rep, &used, NULL), STIEL_OK);
    assert_int_equal(used, sizeof r - 1 - 4);
    assert_false(rep.all_ok);
    assert_int_equal(rep.storage, '!');
    assert_int_equal(rep.items[0].status, HONEYWELL_NAK);
    assert_int_equal(rep.items[1].status, HONEYWELL_ENQ);
    assert_string_equal(rep.items[1].tag, "232");
    assert_string_equal(rep.items[1].text, "XXX1");
}

static void test_reply_truncated_at_every_length(void **state)
{
    (void)state;
    const uint8_t r[] = "\x16M\r232BAD5\x06,DAT3\x06.";
    size_t n = sizeof r - 1;
    honeywell_reply rep;
    size_t used;
    stiel_diag d;
    for (size_t k = 0; k < n; k++) {
        used = 99;
        assert_int_equal(honeywell_reply_parse(r, k, &rep, &used, &d), STIEL_ERR_TRUNCATED);
        assert_int_equal(used, 0);
        assert_int_equal(d.code, STIEL_ERR_TRUNCATED);
    }
    assert_int_equal(honeywell_reply_parse(r, n, &rep, &used, &d), STIEL_OK);
}

static void test_reply_syntax_errors(void **state)
{
    (void)state;
    honeywell_reply rep;
    size_t used;
    stiel_diag d;
    /* Punctuation without a status byte. */
    const uint8_t a[] = "232BAD5.";
    assert_int_equal(honeywell_reply_parse(a, sizeof a - 1, &rep, &used, &d), STIEL_ERR_SYNTAX);
    /* Status byte followed by text. */
    const uint8_t b[] = "232BAD\x06" "5.";
    assert_int_equal(honeywell_reply_parse(b, sizeof b - 1, &rep, &used, &d), STIEL_ERR_SYNTAX);
    /* A control byte. */
    const uint8_t c[] = "232B\x01" "AD5\x06.";
    assert_int_equal(honeywell_reply_parse(c, sizeof c - 1, &rep, &used, &d), STIEL_ERR_SYNTAX);
    /* Item shorter than its tag. */
    const uint8_t e[] = "23\x06.";
    assert_int_equal(honeywell_reply_parse(e, sizeof e - 1, &rep, &used, &d), STIEL_ERR_SYNTAX);
    /* SYN not followed by x CR. */
    const uint8_t f[] = "\x16MX232BAD5\x06.";
    assert_int_equal(honeywell_reply_parse(f, sizeof f - 1, &rep, &used, &d), STIEL_ERR_SYNTAX);
    /* No end within the bound. */
    static uint8_t big[HONEYWELL_REPLY_MAX + 10];
    memset(big, 'A', sizeof big);
    assert_int_equal(honeywell_reply_parse(big, sizeof big, &rep, &used, &d), STIEL_ERR_OVERLONG);
}

static void test_round_trip_menu_to_reply(void **state)
{
    (void)state;
    /* The scanner echoes the command body with ACK before each punctuation mark. */
    const honeywell_setting s[] = {{"232", "BAD", "5"}, {"232", "DAT", "3"}, {"TRG", "MOD", "0"}};
    stiel_buf cmd, echo;
    stiel_buf_init(&cmd, 256);
    stiel_buf_init(&echo, 256);
    assert_int_equal(honeywell_menu_encode(s, 3, HONEYWELL_STORE_FLASH, &cmd, NULL), STIEL_OK);
    for (size_t i = 3; i < cmd.len; i++) {
        uint8_t c = cmd.data[i];
        if (c == ',' || c == ';' || c == '.' || c == '!')
            assert_int_equal(stiel_buf_append(&echo, "\x06", 1), STIEL_OK);
        assert_int_equal(stiel_buf_append(&echo, &c, 1), STIEL_OK);
    }
    honeywell_reply rep;
    size_t used;
    assert_int_equal(honeywell_reply_parse(echo.data, echo.len, &rep, &used, NULL), STIEL_OK);
    assert_int_equal(rep.count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(rep.items[i].tag, s[i].tag);
        assert_memory_equal(rep.items[i].text, s[i].subtag, 3);
        assert_string_equal(rep.items[i].text + 3, s[i].data);
    }
    stiel_buf_free(&cmd);
    stiel_buf_free(&echo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_menu_single_and_chained),
        cmocka_unit_test(test_menu_rejects_bad_input_and_keeps_output),
        cmocka_unit_test(test_trigger_bytes),
        cmocka_unit_test(test_reply_all_ok),
        cmocka_unit_test(test_reply_with_prefix_enq_nak_and_trailing_bytes),
        cmocka_unit_test(test_reply_truncated_at_every_length),
        cmocka_unit_test(test_reply_syntax_errors),
        cmocka_unit_test(test_round_trip_menu_to_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
