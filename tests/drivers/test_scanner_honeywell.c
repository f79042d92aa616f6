/* Honeywell serial scanner driver over a pty: reads framed like generic; feedback as the exact
 * SYN M menu bytes; the scanner's echo (ACK before each punctuation) is taken out of the stream
 * and never becomes a scan, a refused setting is a FAULT; manual trigger sends SYN T / SYN U. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tests/drivers/test_scanner_bench.h"

static void test_reads_and_feedback(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_HONEYWELL, &cfg);
    sbench b;
    sbench_start(&b, &cfg, true);
    assert_true(sbench_quiet(&b, 50)); /* no trigger commands unless manual trigger is set */
    sbench_write(&b, "]E04006381333931\r\n", 18);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_string_equal(v.rec.gtin, "04006381333931");
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_GOOD, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16M\rBEPEXE1!", 11);
    /* the echo, split, with a scan right behind it */
    sbench_write(&b, "BEPEXE1", 7);
    sleep_ms(20);
    sbench_write(&b, "\x06!SCAN2\r", 8);
    k = sbench_wait_data(&b, (size_t)k + 1);
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.read_len, 5);
    assert_memory_equal(v.read, "SCAN2", 5);
    sleep_ms(30);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, 0, NULL), 2);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    /* BAD and ATTENTION */
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_BAD, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16M\rBEPEXE2!", 11);
    sbench_write(&b, "BEPEXE2\x15!", 9); /* value out of range: the model wants other settings */
    long at = recorder_wait(&b.rec, 0, STIEL_DEVICE_EVENT_FAULT, b.id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    assert_non_null(strstr(recorder_at(&b.rec, (size_t)at)->diag.text, "did not accept the feedback menu command"));
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_ATTENTION, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16M\rBEPEXE3!", 11);
    sbench_stop(&b);
}

/* A scanner that does not answer menu commands: the scan that comes instead is not lost. */
static void test_no_echo(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_HONEYWELL, &cfg);
    cfg.honeywell.reply_timeout_ms = 80;
    sbench b;
    sbench_start(&b, &cfg, true);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_GOOD, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16M\rBEPEXE1!", 11);
    sbench_write(&b, "ABC123\r", 7);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "ABC123", 6);
    /* a read without terminator while an echo is due still arrives, after the reply timeout */
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_GOOD, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16M\rBEPEXE1!", 11);
    sbench_write(&b, "XYZ", 3);
    k = sbench_wait_data(&b, (size_t)k + 1);
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "XYZ", 3);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "did not answer a menu command"), 1);
    sbench_stop(&b);
}

static void test_manual_trigger(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_HONEYWELL, &cfg);
    cfg.honeywell.manual_trigger = true;
    sbench b;
    sbench_start(&b, &cfg, true);
    sbench_expect(&b, "\x16T\r", 3);
    sbench_write(&b, "READ1\r", 6);
    sbench_wait_data(&b, 0);
    sbench_expect(&b, "\x16T\r", 3); /* trigger again for the next read */
    stiel_diag d;
    assert_int_equal(stiel_device_thread_enable(b.thr, b.id, 0, &d), STIEL_OK);
    sbench_expect(&b, "\x16U\r", 3);
    sbench_stop(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_and_feedback),
        cmocka_unit_test(test_no_echo),
        cmocka_unit_test(test_manual_trigger),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
