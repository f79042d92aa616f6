/* Tests of protocol/raster/crc16.c and base64.c: the CRC-16/XMODEM check value, the Z64 example
 * CRC from the reference, the RFC 4648 section 10 vectors both ways, and bad Base64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/raster/base64.h"
#include "protocol/raster/crc16.h"

static void test_crc16_xmodem(void **state)
{
    (void)state;
    assert_int_equal(crc16_xmodem(0, "123456789", 9), 0x31C3);
    assert_int_equal(crc16_xmodem(0, "eNr7z/CfAQAF/gH/", 16), 0x2BA4);
    assert_int_equal(crc16_xmodem(0, NULL, 0), 0);
    /* continuing equals one pass */
    assert_int_equal(crc16_xmodem(crc16_xmodem(0, "1234", 4), "56789", 5), 0x31C3);
}

static const char *const rfc_plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
static const char *const rfc_b64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};

static void test_base64_rfc4648_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < 7; i++) {
        stiel_buf out;
        stiel_buf_init(&out, 0);
        assert_int_equal(base64_encode_append(&out, rfc_plain[i], strlen(rfc_plain[i])), STIEL_OK);
        assert_int_equal(out.len, strlen(rfc_b64[i]));
        if (out.len > 0)
            assert_string_equal((const char *)out.data, rfc_b64[i]);
        stiel_buf_reset(&out);
        assert_int_equal(base64_decode_append(&out, rfc_b64[i], strlen(rfc_b64[i])), STIEL_OK);
        assert_int_equal(out.len, strlen(rfc_plain[i]));
        if (out.len > 0)
            assert_memory_equal(out.data, rfc_plain[i], out.len);
        stiel_buf_free(&out);
    }
}

static void test_base64_all_bytes_round_trip(void **state)
{
    (void)state;
    uint8_t all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    stiel_buf enc, dec;
    stiel_buf_init(&enc, 0);
    stiel_buf_init(&dec, 0);
    assert_int_equal(base64_encode_append(&enc, all, sizeof all), STIEL_OK);
    assert_int_equal(enc.len, 344);
    assert_memory_equal(enc.data, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v", 64);
    assert_memory_equal(enc.data + 340, "/w==", 4);
    assert_int_equal(base64_decode_append(&dec, (const char *)enc.data, enc.len), STIEL_OK);
    assert_int_equal(dec.len, 256);
    assert_memory_equal(dec.data, all, 256);
    stiel_buf_free(&enc);
    stiel_buf_free(&dec);
}

static void test_base64_bad_input(void **state)
{
    (void)state;
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(stiel_buf_puts(&out, "keep"), STIEL_OK);
    assert_int_equal(base64_decode_append(&out, "Zm9", 3), STIEL_ERR_SYNTAX);
    assert_int_equal(base64_decode_append(&out, "Zm9v*mFy", 8), STIEL_ERR_CHARSET);
    assert_int_equal(base64_decode_append(&out, "Zg==Zm8=", 8), STIEL_ERR_SYNTAX); /* '=' mid-text */
    assert_int_equal(base64_decode_append(&out, "Z===", 4), STIEL_ERR_SYNTAX);
    assert_int_equal(base64_decode_append(&out, "Zm=v", 4), STIEL_ERR_SYNTAX);
    assert_int_equal(out.len, 4); /* unchanged after every failure */
    assert_string_equal((const char *)out.data, "keep");
    stiel_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc16_xmodem),
        cmocka_unit_test(test_base64_rfc4648_vectors),
        cmocka_unit_test(test_base64_all_bytes_round_trip),
        cmocka_unit_test(test_base64_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
