/* Generic serial scanner driver over a pty: reads whole and in order at every chunking, the scan
 * record (symbology, AIM, GTIN, GS1 HRI, errors), the idle gap, overlong reads, the rate-limited
 * baud-rate diagnostic, and the scan record's own checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/drivers/test_scanner_bench.h"

static const char *const reads[] = {
    ("]C1011231231231233310ABC123\x1d" "99TESTING"),
    "]E04006381333931",
    "]E04006381333932", /* bad check digit: delivered with an error */
    "HELLO WORLD",
    "]Q1https://example.org/?a=1",
};
enum { NREADS = sizeof reads / sizeof reads[0] };

static void check_reads(sbench *b, size_t from)
{
    size_t at = from;
    for (size_t i = 0; i < NREADS; i++) {
        long k = sbench_wait_data(b, at);
        stiel_scan_view v;
        sbench_view(b, k, &v);
        assert_int_equal(v.rec.read_len, strlen(reads[i]));
        assert_memory_equal(v.read, reads[i], v.rec.read_len);
        at = (size_t)k + 1;
    }
}

static void test_every_chunking(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    sbench b;
    sbench_start(&b, &cfg, true);
    char stream[1024];
    size_t len = 0;
    for (size_t i = 0; i < NREADS; i++)
        len += (size_t)snprintf(stream + len, sizeof stream - len, "%s%s", reads[i], i % 2 ? "\r\n" : "\r");
    static const size_t chunks[] = {1, 2, 3, 5, 7, 13, 64, 1024};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        size_t mark = recorder_count(&b.rec);
        for (size_t off = 0; off < len; off += chunks[c])
            sbench_write(&b, stream + off, off + chunks[c] <= len ? chunks[c] : len - off);
        check_reads(&b, mark);
        sleep_ms(20);
        assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, mark, NULL), NREADS);
    }
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

static void test_record_fields(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    sbench b;
    sbench_start(&b, &cfg, true);
    const char *three = "]C1011231231231233310ABC123\x1d" "99TESTING\r]E04006381333932\rPLAIN\r";
    sbench_write(&b, three, strlen(three));
    stiel_scan_view v;
    long k = sbench_wait_data(&b, 0);
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.status, STIEL_OK);
    assert_string_equal(v.rec.aim, "]C1");
    assert_string_equal(v.rec.symbology_name, "GS1-128");
    assert_string_equal(v.hri, "(01)12312312312333(10)ABC123(99)TESTING");
    assert_int_equal(v.data_len, strlen("011231231231233310ABC123\x1d" "99TESTING"));
    k = sbench_wait_data(&b, (size_t)k + 1);
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.status, STIEL_ERR_CHECK_DIGIT);
    assert_non_null(strstr(v.rec.error, "check digit"));
    assert_string_equal(v.rec.gtin, "");
    k = sbench_wait_data(&b, (size_t)k + 1);
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.status, STIEL_OK);
    assert_string_equal(v.rec.aim, "");
    assert_string_equal(v.rec.symbology_name, "unknown");
    assert_memory_equal(v.data, "PLAIN", 5);
    sbench_stop(&b);
}

/* "Data as is": no terminator, the idle gap ends the read. */
static void test_idle_gap_ends_read(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.framer.idle_ms = 60;
    sbench b;
    sbench_start(&b, &cfg, true);
    uint64_t t0 = stiel_device_now_ms();
    sbench_write(&b, "]E04006381333931", 16);
    long k = sbench_wait_data(&b, 0);
    uint64_t took = stiel_device_now_ms() - t0;
    assert_true(took >= 55);
    assert_true(took < 1000);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_string_equal(v.rec.gtin, "04006381333931");
    sbench_stop(&b);
}

static void test_suffix_and_prefix(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.framer.idle_ms = 0;
    memcpy(cfg.framer.suffix, "\x1d\x04", 2);
    cfg.framer.suffix_len = 2;
    cfg.framer.prefix[0] = 0x02;
    cfg.framer.prefix_len = 1;
    sbench b;
    sbench_start(&b, &cfg, true);
    sbench_write(&b, "\x02" "ABC\x1d\x04\x02" "DEF\x1d\x04", 12);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.read_len, 3);
    assert_memory_equal(v.read, "ABC", 3);
    k = sbench_wait_data(&b, (size_t)k + 1);
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "DEF", 3);
    sbench_stop(&b);
}

/* Reads while only claimed are not delivered (UnifiedPOS: no data events while disabled). */
static void test_no_data_while_claimed(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    sbench b;
    sbench_start(&b, &cfg, false);
    sbench_write(&b, "LOST\r", 5);
    sleep_ms(150);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, 0, NULL), 0);
    stiel_diag d;
    size_t mark = recorder_count(&b.rec);
    assert_int_equal(stiel_device_thread_enable(b.thr, b.id, 1, &d), STIEL_OK);
    assert_true(recorder_wait(&b.rec, mark, STIEL_DEVICE_EVENT_STATE, b.id, STIEL_DEVICE_ENABLED, BENCH_WAIT_MS) >= 0);
    sbench_write(&b, "KEPT\r", 5);
    long k = sbench_wait_data(&b, mark);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "KEPT", 4);
    sbench_stop(&b);
}

/* A wrong baud rate: random high bytes, steadily, for a second: exactly one FAULT with advice. */
static void test_garbage_one_fault(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.framer.max_len = 512;
    sbench b;
    sbench_start(&b, &cfg, true);
    srand(7);
    for (int i = 0; i < 50; i++) {
        uint8_t junk[200];
        for (size_t k = 0; k < sizeof junk; k++)
            junk[k] = (uint8_t)(0x80 | (rand() & 0x7F));
        sbench_write(&b, junk, sizeof junk);
        sleep_ms(20);
    }
    long at = recorder_wait(&b.rec, 0, STIEL_DEVICE_EVENT_FAULT, b.id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    sleep_ms(200);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 1);
    const stiel_device_event *ev = recorder_at(&b.rec, (size_t)at);
    assert_int_equal(ev->diag.code, STIEL_ERR_GARBAGE);
    char want[256];
    snprintf(want, sizeof want, "scanner on %s sends unreadable data: check baud rate (expected 9600 8N1)", b.slave);
    assert_string_equal(ev->diag.text, want);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, 0, NULL), 0);
    /* a good read still comes through afterwards */
    sbench_write(&b, "\rOK123\r", 7);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "OK123", 5);
    sbench_stop(&b);
}

/* Line noise now and then (one garbled read) is not worth a FAULT. */
static void test_single_garbled_read_no_fault(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    sbench b;
    sbench_start(&b, &cfg, true);
    sbench_write(&b, "\xff\xfe\x81\x82\r", 5);
    sbench_write(&b, "AFTER\r", 6);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_memory_equal(v.read, "AFTER", 5);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

/* Readable text without an end: the suffix advice, once, and the next read is whole. */
static void test_overlong_suffix_fault(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.framer.idle_ms = 0;
    cfg.framer.max_len = 100;
    sbench b;
    sbench_start(&b, &cfg, true);
    char big[450];
    memset(big, 'A', sizeof big);
    sbench_write(&b, big, sizeof big);
    sbench_write(&b, "\rNEXT\r", 6);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.read_len, 4);
    assert_memory_equal(v.read, "NEXT", 4);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "suffix"), 1);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 1);
    sbench_stop(&b);
}

static void test_expect_aim(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.expect_aim = true;
    sbench b;
    sbench_start(&b, &cfg, true);
    sbench_write(&b, "4006381333931\r", 14);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_int_equal(v.rec.status, STIEL_ERR_MISSING);
    assert_non_null(strstr(v.rec.error, "Transmit Code ID"));
    sbench_stop(&b);
}

static void test_feedback_accepted(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    sbench b;
    sbench_start(&b, &cfg, true);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_GOOD, NULL, 0, &d), STIEL_OK);
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, 99, NULL, 0, &d), STIEL_OK);
    long at = recorder_wait(&b.rec, 0, STIEL_DEVICE_EVENT_FAULT, b.id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    assert_int_equal(recorder_at(&b.rec, (size_t)at)->diag.code, STIEL_ERR_UNSUPPORTED);
    assert_true(sbench_quiet(&b, 100)); /* nothing was written to the scanner */
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 1);
    sbench_stop(&b);
}

/* ---- the scan record without a device ---- */

static void test_record_build_view(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    const char *read = "]E04006381333931";
    assert_int_equal(stiel_scan_record_build((const uint8_t *)read, strlen(read), &b), STIEL_OK);
    stiel_scan_view v;
    assert_int_equal(stiel_scan_record_view(b.data, b.len, &v), STIEL_OK);
    assert_string_equal(v.rec.gtin, "04006381333931");
    assert_string_equal(v.rec.symbology_name, "EAN-13");
    assert_int_equal(v.data_len, 13);
    assert_string_equal(v.hri, "");
    /* every kind of damage is refused */
    assert_int_equal(stiel_scan_record_view(b.data, b.len - 1, &v), STIEL_ERR_CORRUPT);
    assert_int_equal(stiel_scan_record_view(b.data, 10, &v), STIEL_ERR_CORRUPT);
    uint8_t *copy = malloc(b.len);
    memcpy(copy, b.data, b.len);
    copy[0] ^= 0xFF; /* version */
    assert_int_equal(stiel_scan_record_view(copy, b.len, &v), STIEL_ERR_CORRUPT);
    memcpy(copy, b.data, b.len);
    copy[sizeof(stiel_scan_record) + strlen(read)] = 'X'; /* the NUL after the read */
    assert_int_equal(stiel_scan_record_view(copy, b.len, &v), STIEL_ERR_CORRUPT);
    free(copy);
    assert_int_equal(stiel_scan_record_view(NULL, 5, &v), STIEL_ERR_ARG);
    assert_int_equal(stiel_scan_record_build(NULL, 3, &b), STIEL_ERR_ARG);
    /* an identifier error keeps the read and says why */
    assert_int_equal(stiel_scan_record_build((const uint8_t *)"]XX12", 5, &b), STIEL_OK);
    assert_int_equal(stiel_scan_record_view(b.data, b.len, &v), STIEL_OK);
    assert_int_equal(v.rec.status, STIEL_ERR_SYNTAX);
    assert_int_equal(v.data_len, 5);
    stiel_buf_free(&b);
}

static void test_kind_parse(void **state)
{
    (void)state;
    stiel_scanner_kind k;
    stiel_diag d;
    assert_int_equal(stiel_scanner_kind_parse("ssi", &k, &d), STIEL_OK);
    assert_int_equal(k, STIEL_SCANNER_SSI);
    assert_int_equal(stiel_scanner_kind_parse("honeywell", &k, &d), STIEL_OK);
    assert_int_equal(k, STIEL_SCANNER_HONEYWELL);
    assert_int_equal(stiel_scanner_kind_parse("zebra", &k, &d), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "generic, ssi or honeywell"));
    stiel_scanner_config cfg;
    stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &cfg);
    cfg.framer.max_len = SCAN_FRAMER_MAX_LIMIT + 1;
    void *data = (void *)&cfg;
    assert_int_equal(stiel_scanner_new(&cfg, &data, &d), STIEL_ERR_ARG);
    assert_null(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chunking),
        cmocka_unit_test(test_record_fields),
        cmocka_unit_test(test_idle_gap_ends_read),
        cmocka_unit_test(test_suffix_and_prefix),
        cmocka_unit_test(test_no_data_while_claimed),
        cmocka_unit_test(test_garbage_one_fault),
        cmocka_unit_test(test_single_garbled_read_no_fault),
        cmocka_unit_test(test_overlong_suffix_fault),
        cmocka_unit_test(test_expect_aim),
        cmocka_unit_test(test_feedback_accepted),
        cmocka_unit_test(test_record_build_view),
        cmocka_unit_test(test_kind_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
