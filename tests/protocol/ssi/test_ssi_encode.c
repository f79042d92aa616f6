/* Tests of the SSI encoders and checksum: byte-exact vectors from reference/protocols.md 1.4,
 * the retransmit and permanent bits, and the bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/ssi/ssi.h"

static void assert_frame(const ssi_frame *f, const uint8_t *want, size_t n)
{
    assert_int_equal(f->len, n);
    assert_memory_equal(f->bytes, want, n);
}

static void test_checksum_vectors(void **state)
{
    (void)state;
    /* clocklimited/motorola-ssi-scanner test/checksum.test.js */
    const uint8_t nr[] = {0x07, 0xF3, 0x00, 0x00, 0x01, 0x4E, 0x52};
    assert_int_equal(ssi_checksum_compute(nr, sizeof nr), 0xFE65);
    const uint8_t ff[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    assert_int_equal(ssi_checksum_compute(ff, sizeof ff), 0xFB05);
    /* A sum of 0 (mod 65536) has checksum 0, not 0x10000 truncated wrongly. */
    assert_int_equal(ssi_checksum_compute(NULL, 0), 0x0000);
    /* Sum wraps past 16 bits: 257 * 255 = 65535 -> 0x0001. */
    uint8_t many[257];
    memset(many, 0xFF, sizeof many);
    assert_int_equal(ssi_checksum_compute(many, sizeof many), 0x0001);
}

static void test_commands_without_data(void **state)
{
    (void)state;
    struct {
        ssi_opcode op;
        uint8_t want[6];
    } table[] = {
        {SSI_OP_CMD_ACK, {0x04, 0xD0, 0x04, 0x00, 0xFF, 0x28}},
        {SSI_OP_START_DECODE, {0x04, 0xE4, 0x04, 0x00, 0xFF, 0x14}},
        {SSI_OP_STOP_DECODE, {0x04, 0xE5, 0x04, 0x00, 0xFF, 0x13}},
        {SSI_OP_SCAN_ENABLE, {0x04, 0xE9, 0x04, 0x00, 0xFF, 0x0F}},
        {SSI_OP_SCAN_DISABLE, {0x04, 0xEA, 0x04, 0x00, 0xFF, 0x0E}},
        {SSI_OP_LED_ON, {0x04, 0xE7, 0x04, 0x00, 0xFF, 0x11}},
        {SSI_OP_LED_OFF, {0x04, 0xE8, 0x04, 0x00, 0xFF, 0x10}},
        {SSI_OP_REQUEST_REVISION, {0x04, 0xA3, 0x04, 0x00, 0xFF, 0x55}},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        ssi_frame f;
        assert_int_equal(ssi_command_encode(table[i].op, false, &f, NULL), STIEL_OK);
        assert_frame(&f, table[i].want, 6);
    }
}

static void test_retransmit_bit_changes_status_and_checksum(void **state)
{
    (void)state;
    ssi_frame f;
    assert_int_equal(ssi_command_encode(SSI_OP_CMD_ACK, true, &f, NULL), STIEL_OK);
    const uint8_t want[] = {0x04, 0xD0, 0x04, 0x01, 0xFF, 0x27};
    assert_frame(&f, want, sizeof want);
    assert_int_equal(ssi_nak_encode(SSI_NAK_RESEND, true, &f, NULL), STIEL_OK);
    const uint8_t nak[] = {0x05, 0xD1, 0x04, 0x01, 0x01, 0xFF, 0x24};
    assert_frame(&f, nak, sizeof nak);
}

static void test_nak_and_beep_vectors(void **state)
{
    (void)state;
    ssi_frame f;
    assert_int_equal(ssi_nak_encode(SSI_NAK_RESEND, false, &f, NULL), STIEL_OK);
    const uint8_t resend[] = {0x05, 0xD1, 0x04, 0x00, 0x01, 0xFF, 0x25};
    assert_frame(&f, resend, sizeof resend);
    assert_int_equal(ssi_nak_encode(SSI_NAK_BAD_CONTEXT, false, &f, NULL), STIEL_OK);
    const uint8_t bad[] = {0x05, 0xD1, 0x04, 0x00, 0x02, 0xFF, 0x24};
    assert_frame(&f, bad, sizeof bad);
    assert_int_equal(ssi_nak_encode(SSI_NAK_DENIED, false, &f, NULL), STIEL_OK);
    const uint8_t denied[] = {0x05, 0xD1, 0x04, 0x00, 0x06, 0xFF, 0x20};
    assert_frame(&f, denied, sizeof denied);

    assert_int_equal(ssi_beep_encode(0, false, &f, NULL), STIEL_OK);
    const uint8_t beep0[] = {0x05, 0xE6, 0x04, 0x00, 0x00, 0xFF, 0x11};
    assert_frame(&f, beep0, sizeof beep0);
    assert_int_equal(ssi_beep_encode(0x1A, false, &f, NULL), STIEL_OK);
    const uint8_t beep1a[] = {0x05, 0xE6, 0x04, 0x00, 0x1A, 0xFE, 0xF7};
    assert_frame(&f, beep1a, sizeof beep1a);
}

static void test_commands_with_data_are_refused_by_command_encode(void **state)
{
    (void)state;
    ssi_frame f;
    stiel_diag d;
    f.len = 99;
    assert_int_equal(ssi_command_encode(SSI_OP_BEEP, false, &f, &d), STIEL_ERR_ARG);
    assert_int_equal(d.code, STIEL_ERR_ARG);
    assert_int_equal(f.len, 99);
    assert_int_equal(ssi_command_encode(SSI_OP_CMD_NAK, false, &f, NULL), STIEL_ERR_ARG);
    assert_int_equal(ssi_command_encode(SSI_OP_DECODE_DATA, false, &f, NULL), STIEL_ERR_ARG);
    assert_int_equal(ssi_command_encode(SSI_OP_PARAM_SEND, false, &f, NULL), STIEL_ERR_ARG);
}

static void test_param_send(void **state)
{
    (void)state;
    ssi_frame f;
    /* Beep code FF (none), param 0x8A (example number) = 0x01, temporary. */
    const uint8_t params[] = {0x8A, 0x01};
    assert_int_equal(ssi_param_send_encode(0xFF, false, params, sizeof params, false, &f, NULL),
                     STIEL_OK);
    uint8_t want[] = {0x07, 0xC6, 0x04, 0x00, 0xFF, 0x8A, 0x01, 0, 0};
    uint16_t c = ssi_checksum_compute(want, 7);
    want[7] = (uint8_t)(c >> 8);
    want[8] = (uint8_t)c;
    assert_frame(&f, want, sizeof want);
    /* 07+C6+04+00+FF+8A+01 = 0x25B -> 0x10000 - 0x25B = 0xFDA5 */
    assert_int_equal(c, 0xFDA5);
    /* Permanent sets bit 3 of the status byte. */
    assert_int_equal(ssi_param_send_encode(0xFF, true, params, sizeof params, true, &f, NULL),
                     STIEL_OK);
    assert_int_equal(f.bytes[3], 0x09);
    /* Too many parameter bytes: 1 beep byte + 251 > 251. */
    uint8_t big[SSI_DATA_MAX];
    memset(big, 1, sizeof big);
    stiel_diag d;
    assert_int_equal(ssi_param_send_encode(0xFF, false, big, sizeof big, false, &f, &d),
                     STIEL_ERR_LENGTH);
    assert_int_equal(ssi_param_send_encode(0xFF, false, big, sizeof big - 1, false, &f, &d),
                     STIEL_OK);
    assert_int_equal(f.len, SSI_FRAME_MAX);
    assert_int_equal(f.bytes[0], 0xFF);
}

static void test_frame_encode_bounds(void **state)
{
    (void)state;
    ssi_frame f;
    uint8_t data[SSI_DATA_MAX + 1];
    memset(data, 0x41, sizeof data);
    stiel_diag d;
    assert_int_equal(ssi_frame_encode(SSI_OP_DECODE_DATA, 0, 0, data, sizeof data, &f, &d),
                     STIEL_ERR_LENGTH);
    assert_int_equal(d.code, STIEL_ERR_LENGTH);
    assert_int_equal(ssi_frame_encode(SSI_OP_DECODE_DATA, 0, 0, NULL, 3, &f, NULL), STIEL_ERR_ARG);
    assert_int_equal(ssi_frame_encode(SSI_OP_DECODE_DATA, 0, 0, data, 1, NULL, NULL), STIEL_ERR_ARG);
}

static void test_decoder_frame_vector(void **state)
{
    (void)state;
    /* Reference 1.4 example: EAN-13 4006381333931. Arithmetic checked: the 18 bytes sum to
     * 0x03AC, 0x10000 - 0x03AC = 0xFC54, so the reference's FC 54 is right. */
    const uint8_t want[] = {0x12, 0xF3, 0x00, 0x00, 0x0B, 0x34, 0x30, 0x30, 0x36, 0x33,
                            0x38, 0x31, 0x33, 0x33, 0x33, 0x39, 0x33, 0x31, 0xFC, 0x54};
    uint8_t data[14] = {SSI_BC_EAN13};
    memcpy(data + 1, "4006381333931", 13);
    ssi_frame f;
    assert_int_equal(ssi_frame_encode(SSI_OP_DECODE_DATA, SSI_SOURCE_DECODER, 0, data, sizeof data,
                                      &f, NULL),
                     STIEL_OK);
    assert_frame(&f, want, sizeof want);
}

static void test_wakeup_is_one_nul(void **state)
{
    (void)state;
    ssi_frame f;
    memset(&f, 0xAA, sizeof f);
    ssi_wakeup_encode(&f);
    assert_int_equal(f.len, 1);
    assert_int_equal(f.bytes[0], 0x00);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ssi_barcode_type_name(0x01), "Code 39");
    assert_string_equal(ssi_barcode_type_name(0x02), "Codabar");
    assert_string_equal(ssi_barcode_type_name(0x03), "Code 128");
    assert_string_equal(ssi_barcode_type_name(0x08), "UPC-A");
    assert_string_equal(ssi_barcode_type_name(0x0A), "EAN-8");
    assert_string_equal(ssi_barcode_type_name(0x0B), "EAN-13");
    assert_string_equal(ssi_barcode_type_name(0x0F), "GS1-128");
    assert_string_equal(ssi_barcode_type_name(0x24), "GS1 DataBar-14");
    assert_string_equal(ssi_barcode_type_name(0x25), "GS1 DataBar Expanded");
    assert_null(ssi_barcode_type_name(0x00));
    assert_null(ssi_barcode_type_name(0x1B));
    assert_string_equal(ssi_opcode_name(0xF3), "DECODE_DATA");
    assert_string_equal(ssi_opcode_name(0xD1), "CMD_NAK");
    assert_null(ssi_opcode_name(0x42));
}

static void test_barcode_type_aim_ids(void **state)
{
    (void)state;
    assert_string_equal(ssi_barcode_type_aim(SSI_BC_EAN13), "]E0");
    assert_string_equal(ssi_barcode_type_aim(SSI_BC_EAN8), "]E4");
    assert_string_equal(ssi_barcode_type_aim(SSI_BC_GS1_128), "]C1");
    assert_string_equal(ssi_barcode_type_aim(SSI_BC_CODE128), "]C0");
    assert_string_equal(ssi_barcode_type_aim(SSI_BC_DATABAR_EXPANDED), "]e0");
    assert_null(ssi_barcode_type_aim(0x77));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_barcode_type_aim_ids),
        cmocka_unit_test(test_checksum_vectors),
        cmocka_unit_test(test_commands_without_data),
        cmocka_unit_test(test_retransmit_bit_changes_status_and_checksum),
        cmocka_unit_test(test_nak_and_beep_vectors),
        cmocka_unit_test(test_commands_with_data_are_refused_by_command_encode),
        cmocka_unit_test(test_param_send),
        cmocka_unit_test(test_frame_encode_bounds),
        cmocka_unit_test(test_decoder_frame_vector),
        cmocka_unit_test(test_wakeup_is_one_nul),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
