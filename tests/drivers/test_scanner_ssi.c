/* Zebra SSI scanner driver over a pty, the test playing the decoder: the exact bytes of WAKEUP,
 * SCAN_ENABLE/DISABLE, ACK, NAK RESEND, BEEP and LED; decodes delivered once (a resent duplicate
 * is ACKed, not delivered again) at every chunking; our commands resent with the retransmit bit
 * on NAK RESEND or silence, bounded; NAK storms, corrupt frames and unknown opcodes reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "protocol/ssi/ssi.h"
#include "tests/drivers/test_scanner_bench.h"

static const uint8_t ACK[] = {0x04, 0xD0, 0x04, 0x00, 0xFF, 0x28};
static const uint8_t NAK_RESEND[] = {0x05, 0xD1, 0x04, 0x00, 0x01, 0xFF, 0x25};
static const uint8_t SCAN_ENABLE[] = {0x04, 0xE9, 0x04, 0x00, 0xFF, 0x0F};
static const uint8_t SCAN_DISABLE[] = {0x04, 0xEA, 0x04, 0x00, 0xFF, 0x0E};
static const uint8_t LED_ON[] = {0x04, 0xE7, 0x04, 0x00, 0xFF, 0x11};
static const uint8_t LED_OFF[] = {0x04, 0xE8, 0x04, 0x00, 0xFF, 0x10};
static const uint8_t BEEP_GOOD[] = {0x05, 0xE6, 0x04, 0x00, 0x00, 0xFF, 0x11};
/* reference 1.4: EAN-13 4006381333931 from the decoder */
static const uint8_t DECODE_EAN13[] = {0x12, 0xF3, 0x00, 0x00, 0x0B, 0x34, 0x30, 0x30, 0x36, 0x33,
                                       0x38, 0x31, 0x33, 0x33, 0x33, 0x39, 0x33, 0x31, 0xFC, 0x54};

static void config(stiel_scanner_config *cfg)
{
    stiel_scanner_config_default(STIEL_SCANNER_SSI, cfg);
    cfg->ssi.ack_timeout_ms = 150;
}

/* Starts an enabled SSI scanner and plays the decoder through the opening: WAKEUP, SCAN_ENABLE. */
static void start(sbench *b, const stiel_scanner_config *cfg)
{
    sbench_start(b, cfg, true);
    sbench_expect(b, "\x00", 1);
    sbench_expect(b, SCAN_ENABLE, sizeof SCAN_ENABLE); /* the open's SCAN_DISABLE was superseded */
    sbench_write(b, ACK, sizeof ACK);
}

static void decode_frame(const char *data, uint8_t type, uint8_t status, ssi_frame *f)
{
    uint8_t d[SSI_DATA_MAX];
    size_t n = strlen(data);
    d[0] = type;
    memcpy(d + 1, data, n);
    assert_int_equal(ssi_frame_encode(SSI_OP_DECODE_DATA, SSI_SOURCE_DECODER, status, d, n + 1, f, NULL), STIEL_OK);
}

static void test_open_and_decode(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    sbench_write(&b, DECODE_EAN13, sizeof DECODE_EAN13);
    sbench_expect(&b, ACK, sizeof ACK);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_string_equal(v.rec.aim, "]E0");
    assert_string_equal(v.rec.gtin, "04006381333931");
    assert_int_equal(v.rec.status, STIEL_OK);
    /* disable: SCAN_DISABLE goes out */
    stiel_diag d;
    assert_int_equal(stiel_device_thread_enable(b.thr, b.id, 0, &d), STIEL_OK);
    sbench_expect(&b, SCAN_DISABLE, sizeof SCAN_DISABLE);
    sbench_write(&b, ACK, sizeof ACK);
    assert_true(sbench_quiet(&b, 100));
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

/* Claimed only: the scanner is told to be quiet. */
static void test_claim_sends_disable(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    sbench_start(&b, &cfg, false);
    sbench_expect(&b, "\x00", 1);
    sbench_expect(&b, SCAN_DISABLE, sizeof SCAN_DISABLE);
    sbench_write(&b, ACK, sizeof ACK);
    sbench_stop(&b);
}

static void test_every_chunking_and_duplicates(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    ssi_frame f1, f2, f2r, f3;
    decode_frame("011231231231233310ABC123\x1d" "99TESTING", SSI_BC_GS1_128, 0, &f1);
    decode_frame("HELLO", SSI_BC_CODE128, 0, &f2);
    decode_frame("HELLO", SSI_BC_CODE128, SSI_STATUS_RETRANSMIT, &f2r); /* our ACK was lost */
    decode_frame("12345670", SSI_BC_EAN8, 0, &f3);
    uint8_t stream[1024];
    size_t len = 0;
    const ssi_frame *fs[] = {&f1, &f2, &f2r, &f3};
    for (size_t i = 0; i < 4; i++) {
        memcpy(stream + len, fs[i]->bytes, fs[i]->len);
        len += fs[i]->len;
    }
    static const size_t chunks[] = {1, 2, 3, 7, 1024};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        size_t mark = recorder_count(&b.rec);
        for (size_t off = 0; off < len; off += chunks[c])
            sbench_write(&b, stream + off, off + chunks[c] <= len ? chunks[c] : len - off);
        for (int i = 0; i < 4; i++) /* every frame, the duplicate too, is ACKed */
            sbench_expect(&b, ACK, sizeof ACK);
        long k = sbench_wait_data(&b, mark);
        stiel_scan_view v;
        sbench_view(&b, k, &v);
        assert_string_equal(v.rec.aim, "]C1");
        assert_string_equal(v.hri, "(01)12312312312333(10)ABC123(99)TESTING");
        k = sbench_wait_data(&b, (size_t)k + 1);
        sbench_view(&b, k, &v);
        assert_memory_equal(v.read, "]C0HELLO", 8);
        k = sbench_wait_data(&b, (size_t)k + 1);
        sbench_view(&b, k, &v);
        assert_memory_equal(v.read, "]E412345670", 11);
        sleep_ms(30);
        assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, mark, NULL), 3); /* not 4 */
        /* a new scan of the same barcode (no retransmit bit) is a new read */
        sbench_write(&b, f2.bytes, f2.len);
        sbench_expect(&b, ACK, sizeof ACK);
        sbench_wait_data(&b, (size_t)k + 1);
    }
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

/* A corrupt frame gets one NAK RESEND; the resent frame is delivered. */
static void test_corrupt_frame_nak(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    uint8_t bad[sizeof DECODE_EAN13];
    memcpy(bad, DECODE_EAN13, sizeof bad);
    bad[sizeof bad - 1] ^= 0x01;
    sbench_write(&b, bad, sizeof bad);
    sbench_expect(&b, NAK_RESEND, sizeof NAK_RESEND);
    assert_true(sbench_quiet(&b, 100)); /* one NAK for the burst, not one per rescanned byte */
    ssi_frame again;
    decode_frame("4006381333931", SSI_BC_EAN13, SSI_STATUS_RETRANSMIT, &again);
    sbench_write(&b, again.bytes, again.len);
    sbench_expect(&b, ACK, sizeof ACK);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_string_equal(v.rec.gtin, "04006381333931");
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_DATA, 0, NULL), 1);
    sbench_stop(&b);
}

/* GOOD: BEEP 0, then LED_ON after its ACK, then LED_OFF after the LED time. */
static void test_feedback_bytes(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    cfg.ssi.led_ms = 100;
    sbench b;
    start(&b, &cfg);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_GOOD, NULL, 0, &d), STIEL_OK);
    sbench_expect(&b, BEEP_GOOD, sizeof BEEP_GOOD);
    assert_true(sbench_quiet(&b, 50)); /* one command at a time: LED_ON waits for the ACK */
    sbench_write(&b, ACK, sizeof ACK);
    sbench_expect(&b, LED_ON, sizeof LED_ON);
    sbench_write(&b, ACK, sizeof ACK);
    sbench_expect(&b, LED_OFF, sizeof LED_OFF);
    sbench_write(&b, ACK, sizeof ACK);
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_BAD, NULL, 0, &d), STIEL_OK);
    const uint8_t beep_bad[] = {0x05, 0xE6, 0x04, 0x00, 0x06, 0xFF, 0x0B};
    sbench_expect(&b, beep_bad, sizeof beep_bad);
    sbench_write(&b, ACK, sizeof ACK);
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_ATTENTION, NULL, 0, &d), STIEL_OK);
    const uint8_t beep_att[] = {0x05, 0xE6, 0x04, 0x00, 0x01, 0xFF, 0x10};
    sbench_expect(&b, beep_att, sizeof beep_att);
    sbench_write(&b, ACK, sizeof ACK);
    assert_true(sbench_quiet(&b, 200));
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

/* NAK RESEND of our command: resent with the retransmit bit; then ACK ends it. */
static void test_nak_resend_retransmits(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_BAD, NULL, 0, &d), STIEL_OK);
    const uint8_t beep_bad[] = {0x05, 0xE6, 0x04, 0x00, 0x06, 0xFF, 0x0B};
    const uint8_t beep_bad_rt[] = {0x05, 0xE6, 0x04, 0x01, 0x06, 0xFF, 0x0A};
    sbench_expect(&b, beep_bad, sizeof beep_bad);
    sbench_write(&b, NAK_RESEND, sizeof NAK_RESEND);
    sbench_expect(&b, beep_bad_rt, sizeof beep_bad_rt);
    sbench_write(&b, ACK, sizeof ACK);
    assert_true(sbench_quiet(&b, 250)); /* no further resend after the ACK */
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 0);
    sbench_stop(&b);
}

/* A decoder that NAKs everything: 1 + retries sends, then one FAULT; the driver goes on. */
static void test_nak_storm_bounded(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_BAD, NULL, 0, &d), STIEL_OK);
    uint8_t frame[7];
    unsigned sends = 0;
    while (sbench_read(&b, frame, sizeof frame, 300) == sizeof frame) {
        assert_int_equal(frame[1], SSI_OP_BEEP);
        assert_int_equal(frame[3], sends == 0 ? 0 : SSI_STATUS_RETRANSMIT);
        sends++;
        sbench_write(&b, NAK_RESEND, sizeof NAK_RESEND);
    }
    assert_int_equal(sends, cfg.ssi.retries + 1);
    long at = recorder_wait(&b.rec, 0, STIEL_DEVICE_EVENT_FAULT, b.id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "did not take the BEEP command after 4 tries"), 1);
    /* still working */
    sbench_write(&b, DECODE_EAN13, sizeof DECODE_EAN13);
    sbench_expect(&b, ACK, sizeof ACK);
    sbench_wait_data(&b, 0);
    sbench_stop(&b);
}

/* Silence: resent on timeout with the retransmit bit, bounded. */
static void test_no_answer_bounded(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    cfg.ssi.ack_timeout_ms = 60;
    cfg.ssi.retries = 2;
    sbench b;
    start(&b, &cfg);
    stiel_diag d;
    assert_int_equal(stiel_device_thread_command(b.thr, b.id, STIEL_SCANNER_CMD_ATTENTION, NULL, 0, &d), STIEL_OK);
    uint8_t frame[7];
    unsigned sends = 0;
    while (sbench_read(&b, frame, sizeof frame, 400) == sizeof frame)
        sends++;
    assert_int_equal(sends, 3);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "no answer"), 1);
    sbench_stop(&b);
}

static void test_unknown_opcode_reported(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    ssi_frame f;
    const uint8_t data[] = {1, 2, 3};
    assert_int_equal(ssi_frame_encode(0x77, SSI_SOURCE_DECODER, 0, data, 3, &f, NULL), STIEL_OK);
    for (int i = 0; i < 5; i++) {
        sbench_write(&b, f.bytes, f.len);
        sbench_expect(&b, ACK, sizeof ACK);
    }
    sbench_write(&b, DECODE_EAN13, sizeof DECODE_EAN13);
    sbench_expect(&b, ACK, sizeof ACK);
    sbench_wait_data(&b, 0);
    /* reported once, not once per packet */
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "unknown SSI packet (opcode 0x77"), 1);
    sbench_stop(&b);
}

/* A torn frame (cable pulled mid-packet) is dropped after the idle gap; the next one is read. */
static void test_idle_reset(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    cfg.ssi.idle_reset_ms = 50;
    sbench b;
    start(&b, &cfg);
    sbench_write(&b, DECODE_EAN13, 9);
    sleep_ms(150);
    sbench_write(&b, DECODE_EAN13, sizeof DECODE_EAN13);
    sbench_expect(&b, ACK, sizeof ACK);
    long k = sbench_wait_data(&b, 0);
    stiel_scan_view v;
    sbench_view(&b, k, &v);
    assert_string_equal(v.rec.gtin, "04006381333931");
    sbench_stop(&b);
}

/* Steady garbage at a wrong baud rate: one FAULT naming the line settings. */
static void test_garbage_fault(void **state)
{
    (void)state;
    stiel_scanner_config cfg;
    config(&cfg);
    sbench b;
    start(&b, &cfg);
    uint8_t junk[64];
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof junk; i++)
            junk[i] = (uint8_t)(0x30 + (round * 7 + i * 13) % 200);
        sbench_write(&b, junk, sizeof junk);
        sleep_ms(10);
    }
    long at = recorder_wait(&b.rec, 0, STIEL_DEVICE_EVENT_FAULT, b.id, -1, BENCH_WAIT_MS);
    assert_true(at >= 0);
    sleep_ms(100);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, "check baud rate (expected 9600 8N1)"), 1);
    assert_int_equal(sbench_count(&b, STIEL_DEVICE_EVENT_FAULT, 0, NULL), 1);
    sbench_stop(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_and_decode),
        cmocka_unit_test(test_claim_sends_disable),
        cmocka_unit_test(test_every_chunking_and_duplicates),
        cmocka_unit_test(test_corrupt_frame_nak),
        cmocka_unit_test(test_feedback_bytes),
        cmocka_unit_test(test_nak_resend_retransmits),
        cmocka_unit_test(test_nak_storm_bounded),
        cmocka_unit_test(test_no_answer_bounded),
        cmocka_unit_test(test_unknown_opcode_reported),
        cmocka_unit_test(test_idle_reset),
        cmocka_unit_test(test_garbage_fault),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
