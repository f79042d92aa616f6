/* The hash chain's arithmetic pinned to vectors computed independently (Python hashlib over the
 * canonical encoding written out by hand): a change of SHA-256 library or of the encoding that
 * would orphan every existing store fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/store/store_internal.h"

static void expect_hex(const uint8_t h[STORE_HASH_LEN], const char *want)
{
    char hex[STORE_HASH_HEX];
    store_hash_hex(h, hex);
    assert_string_equal(hex, want);
}

static void test_payload_vectors(void **state)
{
    (void)state;
    uint8_t h[STORE_HASH_LEN];
    store_hash_payload("abc", 3, h);
    expect_hex(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    store_hash_payload("{\"n\":1}", 7, h);
    expect_hex(h, "2bfd14f43d17fc7cea24e0917a8879b4b2f880b8baeec1b9d90fbaad655e71bd");
    char big[700];
    memset(big, 'y', sizeof big);
    store_hash_payload(big, sizeof big, h);
    expect_hex(h, "e807e71c4e892d521ad1f6c46df22b891f9bf5a8f5a040d64b13564b40c7750e");
}

static void payload_hash_n1(uint8_t ph[STORE_HASH_LEN])
{
    store_hash_payload("{\"n\":1}", 7, ph);
}

static void test_link_first_row(void **state)
{
    (void)state;
    uint8_t prev[STORE_HASH_LEN] = {0}, ph[STORE_HASH_LEN], h[STORE_HASH_LEN];
    payload_hash_n1(ph);
    store_link l = {.id = "0f8a3e1c-5b7d-4c2e-9a61-3d2b8e4f7a90", .kiosk_id = "pick-1", .seq = 1,
                    .ts_ms = 1735689600000LL, .trainee_id = "T-0001", .actor_id = "T-0001",
                    .kind = "step.done", .voids_id = NULL};
    store_hash_link(prev, &l, ph, h);
    expect_hex(h, "5486cce43337da8a302cf33b68b6d491ceffebfa11e0d699a2a00f83ef6d747a");
}

static void test_link_voids_and_negative_time(void **state)
{
    (void)state;
    uint8_t prev[STORE_HASH_LEN], ph[STORE_HASH_LEN], h[STORE_HASH_LEN];
    for (int i = 0; i < STORE_HASH_LEN; i++)
        prev[i] = (uint8_t)i;
    payload_hash_n1(ph);
    store_link l = {.id = "0f8a3e1c-5b7d-4c2e-9a61-3d2b8e4f7a91", .kiosk_id = "pack-1", .seq = 42,
                    .ts_ms = -5, .trainee_id = "", .actor_id = "coach-7", .kind = "void",
                    .voids_id = "0f8a3e1c-5b7d-4c2e-9a61-3d2b8e4f7a90"};
    store_hash_link(prev, &l, ph, h);
    expect_hex(h, "1e43bbd4728f76f14bcfb39d38a246aa2b0f4d98c531ce8773dc7c2881777740");
    /* An empty voids_id is encoded apart from none. */
    l.voids_id = "";
    store_hash_link(prev, &l, ph, h);
    expect_hex(h, "e763cabfc7b873ff4bf607c1f5f79249b6700472297f9ab1fc10439152fd0d40");
}

static void test_link_field_longer_than_chunk(void **state)
{
    /* A 1000-byte field goes past the 512-byte encoding buffer (a tampered row can hold one). */
    (void)state;
    uint8_t prev[STORE_HASH_LEN], ph[STORE_HASH_LEN], h[STORE_HASH_LEN];
    for (int i = 0; i < STORE_HASH_LEN; i++)
        prev[i] = (uint8_t)i;
    payload_hash_n1(ph);
    static char big[1001];
    memset(big, 'x', 1000);
    store_link l = {.id = "id", .kiosk_id = "k", .seq = 7, .ts_ms = 8, .trainee_id = "T",
                    .actor_id = big, .kind = "kind", .voids_id = NULL};
    store_hash_link(prev, &l, ph, h);
    expect_hex(h, "a2c60eb2280fa5766b098b7654f8406a13107071e520451f081d728dc892a89e");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payload_vectors),
        cmocka_unit_test(test_link_first_row),
        cmocka_unit_test(test_link_voids_and_negative_time),
        cmocka_unit_test(test_link_field_longer_than_chunk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
