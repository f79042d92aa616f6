/* Tests of the ESC/POS DLE EOT status: query bytes, the fixed bits 1 and 4, each cause bit of
 * n = 1..4 to its condition and state, accumulation over queries, and the last-byte rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/printer/escpos_status.h"

static void test_query_encode(void **state)
{
    (void)state;
    uint8_t q[3];
    for (int n = 1; n <= 4; n++) {
        assert_int_equal(escpos_status_query_encode((escpos_status_kind)n, q, NULL), STIEL_OK);
        const uint8_t want[3] = {0x10, 0x04, (uint8_t)n};
        assert_memory_equal(q, want, 3);
    }
    assert_int_equal(escpos_status_query_encode((escpos_status_kind)0, q, NULL), STIEL_ERR_ARG);
    assert_int_equal(escpos_status_query_encode((escpos_status_kind)5, q, NULL), STIEL_ERR_ARG);
}

static void test_fixed_bits_required(void **state)
{
    (void)state;
    escpos_status s;
    escpos_status_init(&s);
    stiel_diag d;
    /* Idle = 0x12 for every n. */
    for (int n = 1; n <= 4; n++) {
        assert_int_equal(escpos_status_decode((escpos_status_kind)n, 0x12, &s, &d), STIEL_OK);
        assert_int_equal(s.state, PRINTER_STATE_READY);
    }
    const uint8_t not_status[] = {0x00, 0x02, 0x10, 0xFD, 0xEF, 0x41};
    for (size_t i = 0; i < sizeof not_status; i++) {
        escpos_status before = s;
        assert_int_equal(escpos_status_decode(ESCPOS_STATUS_PAPER, not_status[i], &s, &d),
                         STIEL_ERR_SYNTAX);
        assert_int_equal(d.code, STIEL_ERR_SYNTAX);
        assert_memory_equal(&before, &s, sizeof s);
    }
    assert_int_equal(escpos_status_decode((escpos_status_kind)7, 0x12, &s, &d), STIEL_ERR_ARG);
}

static void test_each_cause_bit(void **state)
{
    (void)state;
    struct {
        escpos_status_kind n;
        uint8_t byte;
        uint32_t cond;
        printer_state st;
    } table[] = {
        {ESCPOS_STATUS_PRINTER, 0x1A, PRINTER_COND_OFFLINE, PRINTER_STATE_OFFLINE},
        {ESCPOS_STATUS_PRINTER, 0x16, 0, PRINTER_STATE_READY}, /* bit 2: drawer, not decoded */
        {ESCPOS_STATUS_OFFLINE_CAUSE, 0x16, PRINTER_COND_COVER_OPEN, PRINTER_STATE_HEAD_OPEN},
        {ESCPOS_STATUS_OFFLINE_CAUSE, 0x32, PRINTER_COND_PAPER_OUT, PRINTER_STATE_PAPER_OUT},
        {ESCPOS_STATUS_OFFLINE_CAUSE, 0x52, PRINTER_COND_ERROR, PRINTER_STATE_ERROR},
        {ESCPOS_STATUS_ERROR_CAUSE, 0x16, PRINTER_COND_MECHANICAL_ERROR, PRINTER_STATE_ERROR},
        {ESCPOS_STATUS_ERROR_CAUSE, 0x1A, PRINTER_COND_CUTTER_ERROR, PRINTER_STATE_ERROR},
        {ESCPOS_STATUS_ERROR_CAUSE, 0x32, PRINTER_COND_UNRECOVERABLE, PRINTER_STATE_ERROR},
        {ESCPOS_STATUS_ERROR_CAUSE, 0x52, PRINTER_COND_AUTO_RECOVERABLE, PRINTER_STATE_ERROR},
        {ESCPOS_STATUS_PAPER, 0x1E, PRINTER_COND_PAPER_NEAR_END, PRINTER_STATE_READY},
        {ESCPOS_STATUS_PAPER, 0x72, PRINTER_COND_PAPER_OUT, PRINTER_STATE_PAPER_OUT},
        {ESCPOS_STATUS_PAPER, 0x7E, PRINTER_COND_PAPER_OUT | PRINTER_COND_PAPER_NEAR_END,
         PRINTER_STATE_PAPER_OUT},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        escpos_status s;
        escpos_status_init(&s);
        assert_int_equal(escpos_status_decode(table[i].n, table[i].byte, &s, NULL), STIEL_OK);
        assert_true(s.have[table[i].n]);
        assert_int_equal(s.raw[table[i].n], table[i].byte);
        assert_int_equal(s.conditions, table[i].cond);
        assert_int_equal(s.state, table[i].st);
    }
}

static void test_accumulates_and_replaces(void **state)
{
    (void)state;
    escpos_status s;
    escpos_status_init(&s);
    /* Offline, then the cause: cover open. */
    assert_int_equal(escpos_status_decode(ESCPOS_STATUS_PRINTER, 0x1A, &s, NULL), STIEL_OK);
    assert_int_equal(s.state, PRINTER_STATE_OFFLINE);
    assert_int_equal(escpos_status_decode(ESCPOS_STATUS_OFFLINE_CAUSE, 0x16, &s, NULL), STIEL_OK);
    assert_int_equal(s.conditions, PRINTER_COND_OFFLINE | PRINTER_COND_COVER_OPEN);
    assert_int_equal(s.state, PRINTER_STATE_HEAD_OPEN);
    /* Cover closed again: a new reply to n = 2 replaces the old one. */
    assert_int_equal(escpos_status_decode(ESCPOS_STATUS_OFFLINE_CAUSE, 0x12, &s, NULL), STIEL_OK);
    assert_int_equal(escpos_status_decode(ESCPOS_STATUS_PRINTER, 0x12, &s, NULL), STIEL_OK);
    assert_int_equal(s.conditions, 0);
    assert_int_equal(s.state, PRINTER_STATE_READY);
}

static void test_parse_last_byte(void **state)
{
    (void)state;
    escpos_status s;
    escpos_status_init(&s);
    size_t used = 0;
    stiel_diag d;
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, NULL, 0, &s, &used, &d),
                     STIEL_ERR_TRUNCATED);
    const uint8_t b[] = {0xFF, 0x00, 0x72};
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, b, 3, &s, &used, &d), STIEL_OK);
    assert_int_equal(used, 3);
    assert_int_equal(s.skipped, 2);
    assert_int_equal(s.state, PRINTER_STATE_PAPER_OUT);
    const uint8_t c[] = {0x72, 0x00};
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, c, 2, &s, &used, &d),
                     STIEL_ERR_SYNTAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_encode),
        cmocka_unit_test(test_fixed_bits_required),
        cmocka_unit_test(test_each_cause_bit),
        cmocka_unit_test(test_accumulates_and_replaces),
        cmocka_unit_test(test_parse_last_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
