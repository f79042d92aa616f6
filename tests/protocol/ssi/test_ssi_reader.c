/* Tests of the SSI stream reader: the reference decoder frame, every chunking of a mixed stream,
 * resync after garbage, bad checksums and impossible lengths, continuation joining and its
 * bound, duplicates, and reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "protocol/ssi/ssi.h"

enum { MAX_RESULTS = 64, RESULT_DATA_MAX = SSI_DECODE_MAX };

typedef struct result {
    stiel_status st;
    ssi_message_kind kind;
    ssi_reply reply;
    uint8_t opcode, status, nak_cause, barcode_type;
    size_t packets;
    uint8_t data[RESULT_DATA_MAX];
    size_t len;
} result;

typedef struct results {
    size_t count;
    result r[MAX_RESULTS];
} results;

/* Feeds stream split into chunks of at most `chunk` bytes (0: all at once), plus the split at
 * `split` if nonzero, and records every result. */
static void run_split(ssi_reader *rd, const uint8_t *bytes, size_t n, size_t split, results *out)
{
    size_t starts[2] = {0, split};
    size_t ends[2] = {split, n};
    for (int part = 0; part < 2; part++) {
        const uint8_t *p = bytes + starts[part];
        size_t left = ends[part] - starts[part];
        for (;;) {
            ssi_message m;
            stiel_diag d;
            size_t used = 0;
            stiel_status st = ssi_reader_feed(rd, p, left, &used, &m, &d);
            assert_true(used <= left);
            p += used;
            left -= used;
            if (st == STIEL_OK && m.kind == SSI_MSG_NONE) {
                assert_int_equal(left, 0);
                break;
            }
            if (st != STIEL_OK) {
                assert_int_equal(d.code, st);
                assert_true(strlen(d.text) > 10);
            }
            assert_true(out->count < MAX_RESULTS);
            result *r = &out->r[out->count++];
            r->st = st;
            r->kind = m.kind;
            r->reply = m.reply;
            r->opcode = m.opcode;
            r->status = m.status;
            r->nak_cause = m.nak_cause;
            r->barcode_type = m.barcode_type;
            r->packets = m.packets;
            r->len = m.len;
            assert_true(m.len <= RESULT_DATA_MAX);
            if (m.len > 0)
                memcpy(r->data, m.data, m.len);
        }
    }
}

static void run_all(const uint8_t *bytes, size_t n, results *out)
{
    ssi_reader rd;
    ssi_reader_init(&rd);
    memset(out, 0, sizeof *out);
    run_split(&rd, bytes, n, 0, out);
}

static void run_bytewise(const uint8_t *bytes, size_t n, results *out)
{
    ssi_reader rd;
    ssi_reader_init(&rd);
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        run_split(&rd, bytes + i, 1, 0, out);
    run_split(&rd, NULL, 0, 0, out);
}

static void assert_same_results(const results *a, const results *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        const result *x = &a->r[i], *y = &b->r[i];
        assert_int_equal(x->st, y->st);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->reply, y->reply);
        assert_int_equal(x->opcode, y->opcode);
        assert_int_equal(x->status, y->status);
        assert_int_equal(x->nak_cause, y->nak_cause);
        assert_int_equal(x->barcode_type, y->barcode_type);
        assert_int_equal(x->packets, y->packets);
        assert_int_equal(x->len, y->len);
        assert_memory_equal(x->data, y->data, x->len);
    }
}

/* Appends a decoder frame to buf at *n. */
static void put_frame(uint8_t *buf, size_t *n, uint8_t op, uint8_t status, const void *data,
                      size_t len)
{
    ssi_frame f;
    assert_int_equal(ssi_frame_encode(op, SSI_SOURCE_DECODER, status, data, len, &f, NULL),
                     STIEL_OK);
    memcpy(buf + *n, f.bytes, f.len);
    *n += f.len;
}

static void put_decode(uint8_t *buf, size_t *n, uint8_t type, uint8_t status, const char *text)
{
    uint8_t data[SSI_DATA_MAX];
    size_t len = strlen(text);
    data[0] = type;
    memcpy(data + 1, text, len);
    put_frame(buf, n, SSI_OP_DECODE_DATA, status, data, len + 1);
}

static const uint8_t ean13_frame[] = {0x12, 0xF3, 0x00, 0x00, 0x0B, 0x34, 0x30, 0x30, 0x36, 0x33,
                                      0x38, 0x31, 0x33, 0x33, 0x33, 0x39, 0x33, 0x31, 0xFC, 0x54};

static void test_reference_ean13_frame(void **state)
{
    (void)state;
    static results res;
    run_all(ean13_frame, sizeof ean13_frame, &res);
    assert_int_equal(res.count, 1);
    assert_int_equal(res.r[0].st, STIEL_OK);
    assert_int_equal(res.r[0].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[0].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[0].barcode_type, SSI_BC_EAN13);
    assert_string_equal(ssi_barcode_type_name(res.r[0].barcode_type), "EAN-13");
    assert_int_equal(res.r[0].len, 13);
    assert_memory_equal(res.r[0].data, "4006381333931", 13);
    assert_int_equal(res.r[0].packets, 1);
}

static void test_checksum_vector_frame_code39(void **state)
{
    (void)state;
    /* 07 F3 00 00 01 4E 52 FE 65: DECODE_DATA, Code 39 "NR". */
    const uint8_t f[] = {0x07, 0xF3, 0x00, 0x00, 0x01, 0x4E, 0x52, 0xFE, 0x65};
    static results res;
    run_all(f, sizeof f, &res);
    assert_int_equal(res.count, 1);
    assert_int_equal(res.r[0].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[0].barcode_type, SSI_BC_CODE39);
    assert_int_equal(res.r[0].len, 2);
    assert_memory_equal(res.r[0].data, "NR", 2);
}

/* A stream of every message kind, including a continued decode and an unknown opcode. */
static size_t mixed_stream(uint8_t *buf)
{
    size_t n = 0;
    put_frame(buf, &n, SSI_OP_CMD_ACK, 0, NULL, 0);
    uint8_t cause = SSI_NAK_DENIED;
    put_frame(buf, &n, SSI_OP_CMD_NAK, 0, &cause, 1);
    memcpy(buf + n, ean13_frame, sizeof ean13_frame);
    n += sizeof ean13_frame;
    put_frame(buf, &n, SSI_OP_REPLY_REVISION, 0, "NBRSMAAC 1.0", 12);
    uint8_t ev = 0x01;
    put_frame(buf, &n, SSI_OP_EVENT, 0, &ev, 1);
    put_decode(buf, &n, SSI_BC_GS1_128, SSI_STATUS_CONTINUATION, "0101234567890128");
    put_decode(buf, &n, SSI_BC_GS1_128, 0, "10ABC");
    const uint8_t caps[] = {0x01, 0x02, 0x03};
    put_frame(buf, &n, SSI_OP_CAPABILITIES_REPLY, 0, caps, sizeof caps);
    put_frame(buf, &n, 0x42, 0, "zz", 2);
    put_decode(buf, &n, 0x33, 0, "X");
    return n;
}

static void test_mixed_stream_kinds(void **state)
{
    (void)state;
    uint8_t buf[512];
    size_t n = mixed_stream(buf);
    static results res;
    run_all(buf, n, &res);
    assert_int_equal(res.count, 10);
    for (size_t i = 0; i < res.count; i++)
        assert_int_equal(res.r[i].st, STIEL_OK);
    assert_int_equal(res.r[0].kind, SSI_MSG_ACK);
    assert_int_equal(res.r[0].reply, SSI_REPLY_NONE);
    assert_int_equal(res.r[1].kind, SSI_MSG_NAK);
    assert_int_equal(res.r[1].nak_cause, SSI_NAK_DENIED);
    assert_int_equal(res.r[1].reply, SSI_REPLY_NONE);
    assert_int_equal(res.r[2].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[3].kind, SSI_MSG_REVISION);
    assert_int_equal(res.r[3].len, 12);
    assert_memory_equal(res.r[3].data, "NBRSMAAC 1.0", 12);
    assert_int_equal(res.r[3].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[4].kind, SSI_MSG_EVENT);
    assert_int_equal(res.r[4].data[0], 0x01);
    assert_int_equal(res.r[5].kind, SSI_MSG_DECODE_PART);
    assert_int_equal(res.r[5].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[6].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[6].barcode_type, SSI_BC_GS1_128);
    assert_int_equal(res.r[6].packets, 2);
    assert_int_equal(res.r[6].len, 21);
    assert_memory_equal(res.r[6].data, "0101234567890128" "10ABC", 21);
    assert_int_equal(res.r[7].kind, SSI_MSG_CAPABILITIES);
    assert_int_equal(res.r[7].len, 3);
    assert_int_equal(res.r[8].kind, SSI_MSG_UNKNOWN);
    assert_int_equal(res.r[8].opcode, 0x42);
    assert_int_equal(res.r[8].reply, SSI_REPLY_ACK);
    /* Unknown barcode types are kept as numbers. */
    assert_int_equal(res.r[9].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[9].barcode_type, 0x33);
    assert_null(ssi_barcode_type_name(res.r[9].barcode_type));
}

static void test_every_split_point_and_bytewise(void **state)
{
    (void)state;
    uint8_t buf[512];
    size_t n = mixed_stream(buf);
    static results whole, other;
    run_all(buf, n, &whole);
    for (size_t split = 1; split < n; split++) {
        ssi_reader rd;
        ssi_reader_init(&rd);
        memset(&other, 0, sizeof other);
        run_split(&rd, buf, n, split, &other);
        assert_same_results(&whole, &other);
        assert_false(ssi_reader_busy(&rd));
    }
    run_bytewise(buf, n, &other);
    assert_same_results(&whole, &other);
}

static void test_partial_frame_waits(void **state)
{
    (void)state;
    ssi_reader rd;
    ssi_reader_init(&rd);
    ssi_message m;
    size_t used;
    assert_int_equal(ssi_reader_feed(&rd, ean13_frame, 19, &used, &m, NULL), STIEL_OK);
    assert_int_equal(used, 19);
    assert_int_equal(m.kind, SSI_MSG_NONE);
    assert_true(ssi_reader_busy(&rd));
    /* Nothing new: still waiting. */
    assert_int_equal(ssi_reader_feed(&rd, NULL, 0, &used, &m, NULL), STIEL_OK);
    assert_int_equal(m.kind, SSI_MSG_NONE);
    assert_int_equal(ssi_reader_feed(&rd, ean13_frame + 19, 1, &used, &m, NULL), STIEL_OK);
    assert_int_equal(m.kind, SSI_MSG_DECODE);
    assert_false(ssi_reader_busy(&rd));
}

static void test_garbage_before_valid_frame_resyncs(void **state)
{
    (void)state;
    /* Impossible lengths (00..03), then a garbage "length" 07 whose 9-byte candidate fails its
     * checksum, then the real frame. */
    uint8_t buf[64] = {0x00, 0x03, 0x01, 0x07};
    size_t n = 4;
    memcpy(buf + n, ean13_frame, sizeof ean13_frame);
    n += sizeof ean13_frame;
    static results res, bytewise;
    run_all(buf, n, &res);
    assert_int_equal(res.count, 5);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(res.r[i].st, STIEL_ERR_LENGTH);
        assert_int_equal(res.r[i].reply, SSI_REPLY_NAK_RESEND);
    }
    assert_int_equal(res.r[3].st, STIEL_ERR_CHECKSUM);
    assert_int_equal(res.r[3].reply, SSI_REPLY_NAK_RESEND);
    assert_int_equal(res.r[4].st, STIEL_OK);
    assert_int_equal(res.r[4].kind, SSI_MSG_DECODE);
    assert_memory_equal(res.r[4].data, "4006381333931", 13);
    run_bytewise(buf, n, &bytewise);
    assert_same_results(&res, &bytewise);
}

static void test_wrong_checksum_then_retransmission(void **state)
{
    (void)state;
    /* A corrupted decode frame, NAKed; the decoder resends it with the retransmit bit. After
     * the bad frame, its own byte F3 looks like a 243-byte frame: resync mode must still find
     * the retransmission without waiting for 245 bytes. */
    uint8_t buf[64];
    memcpy(buf, ean13_frame, sizeof ean13_frame);
    buf[19] ^= 0x01;
    size_t n = sizeof ean13_frame;
    put_decode(buf, &n, SSI_BC_EAN13, SSI_STATUS_RETRANSMIT, "4006381333931");
    static results res, bytewise;
    run_all(buf, n, &res);
    assert_true(res.count >= 2);
    assert_int_equal(res.r[0].st, STIEL_ERR_CHECKSUM);
    assert_int_equal(res.r[0].reply, SSI_REPLY_NAK_RESEND);
    const result *last = &res.r[res.count - 1];
    assert_int_equal(last->st, STIEL_OK);
    assert_int_equal(last->kind, SSI_MSG_DECODE);
    assert_int_equal(last->status, SSI_STATUS_RETRANSMIT);
    assert_memory_equal(last->data, "4006381333931", 13);
    for (size_t i = 0; i + 1 < res.count; i++)
        assert_int_not_equal(res.r[i].st, STIEL_OK);
    run_bytewise(buf, n, &bytewise);
    assert_same_results(&res, &bytewise);
}

static void test_every_single_byte_corruption_recovers(void **state)
{
    (void)state;
    /* Flip each bit of a frame in turn, then send a good ACK twice. A corrupted Length byte
     * that grows the frame makes the reader wait for bytes that never come: the driver resets
     * it after an idle gap and the decoder retransmits (here: one more ACK). Either way the
     * good frame comes out and corrupted data is never delivered. */
    uint8_t good[32];
    size_t good_n = 0;
    put_decode(good, &good_n, SSI_BC_CODE128, 0, "ABC123");
    for (size_t i = 0; i < good_n; i++) {
        for (int bit = 0; bit < 8; bit++) {
            uint8_t buf[64];
            memcpy(buf, good, good_n);
            buf[i] ^= (uint8_t)(1u << bit);
            size_t n = good_n;
            put_frame(buf, &n, SSI_OP_CMD_ACK, 0, NULL, 0);
            put_frame(buf, &n, SSI_OP_CMD_ACK, 0, NULL, 0);
            static results res;
            ssi_reader rd;
            ssi_reader_init(&rd);
            memset(&res, 0, sizeof res);
            run_split(&rd, buf, n, 0, &res);
            if (ssi_reader_busy(&rd)) {
                assert_true(ssi_reader_reset(&rd) > 0);
                uint8_t ack[8];
                size_t an = 0;
                put_frame(ack, &an, SSI_OP_CMD_ACK, 0, NULL, 0);
                run_split(&rd, ack, an, 0, &res);
            }
            assert_true(res.count >= 1);
            assert_int_equal(res.r[res.count - 1].kind, SSI_MSG_ACK);
            for (size_t k = 0; k < res.count; k++)
                if (res.r[k].kind == SSI_MSG_DECODE)
                    assert_true(res.r[k].len == 6 && memcmp(res.r[k].data, "ABC123", 6) == 0);
        }
    }
}

static void test_impossible_length_reported(void **state)
{
    (void)state;
    const uint8_t buf[] = {0x02, 0x04, 0xD0, 0x00, 0x00, 0xFF, 0x2C};
    static results res;
    run_all(buf, sizeof buf, &res);
    assert_int_equal(res.r[0].st, STIEL_ERR_LENGTH);
    assert_int_equal(res.r[0].reply, SSI_REPLY_NAK_RESEND);
    /* 04 D0 00 00 FF 2C is a decoder ACK and is found after the bad byte. */
    assert_int_equal(res.r[res.count - 1].kind, SSI_MSG_ACK);
}

static void test_continuation_bound(void **state)
{
    (void)state;
    /* 17 parts of 250 data bytes = 4250 > 4096: OVERLONG at part 17 (4000 + 250), then the
     * next decode works again. */
    static uint8_t buf[24 * SSI_FRAME_MAX];
    size_t n = 0;
    char chunk[251];
    memset(chunk, 'A', 250);
    chunk[250] = '\0';
    for (int i = 0; i < 17; i++)
        put_decode(buf, &n, SSI_BC_CODE128, i < 16 ? SSI_STATUS_CONTINUATION : 0, chunk);
    put_decode(buf, &n, SSI_BC_CODE128, 0, "OK");
    static results res, bytewise;
    run_all(buf, n, &res);
    assert_int_equal(res.count, 18);
    for (int i = 0; i < 16; i++)
        assert_int_equal(res.r[i].kind, SSI_MSG_DECODE_PART);
    assert_int_equal(res.r[16].st, STIEL_ERR_OVERLONG);
    assert_int_equal(res.r[16].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[17].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[17].len, 2);
    assert_memory_equal(res.r[17].data, "OK", 2);
    run_bytewise(buf, n, &bytewise);
    assert_same_results(&res, &bytewise);

    /* Overflow in the middle: the later parts are dropped too, each reported. */
    n = 0;
    for (int i = 0; i < 20; i++)
        put_decode(buf, &n, SSI_BC_CODE128, i < 19 ? SSI_STATUS_CONTINUATION : 0, chunk);
    put_decode(buf, &n, SSI_BC_CODE128, 0, "OK");
    run_all(buf, n, &res);
    assert_int_equal(res.count, 21);
    for (int i = 16; i < 20; i++)
        assert_int_equal(res.r[i].st, STIEL_ERR_OVERLONG);
    assert_int_equal(res.r[20].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[20].len, 2);

    /* Exactly 4096 bytes fit. */
    n = 0;
    char small[97];
    memset(small, 'B', 96);
    small[96] = '\0';
    for (int i = 0; i < 16; i++)
        put_decode(buf, &n, SSI_BC_CODE128, SSI_STATUS_CONTINUATION, chunk);
    put_decode(buf, &n, SSI_BC_CODE128, 0, small);
    run_all(buf, n, &res);
    assert_int_equal(res.r[16].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[16].len, SSI_DECODE_MAX);
    assert_int_equal(res.r[16].packets, 17);
}

static void test_decode_without_type_is_syntax_error(void **state)
{
    (void)state;
    uint8_t buf[32];
    size_t n = 0;
    put_frame(buf, &n, SSI_OP_DECODE_DATA, 0, NULL, 0);
    put_frame(buf, &n, SSI_OP_CMD_ACK, 0, NULL, 0);
    static results res;
    run_all(buf, n, &res);
    assert_int_equal(res.count, 2);
    assert_int_equal(res.r[0].st, STIEL_ERR_SYNTAX);
    assert_int_equal(res.r[0].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[1].kind, SSI_MSG_ACK);
}

static void test_retransmitted_duplicate(void **state)
{
    (void)state;
    uint8_t buf[64];
    size_t n = 0;
    put_decode(buf, &n, SSI_BC_EAN8, 0, "96385074");
    put_decode(buf, &n, SSI_BC_EAN8, SSI_STATUS_RETRANSMIT, "96385074");
    /* The same scan again without the retransmit bit is a new scan. */
    put_decode(buf, &n, SSI_BC_EAN8, 0, "96385074");
    static results res;
    run_all(buf, n, &res);
    assert_int_equal(res.count, 3);
    assert_int_equal(res.r[0].kind, SSI_MSG_DECODE);
    assert_int_equal(res.r[1].kind, SSI_MSG_DUPLICATE);
    assert_int_equal(res.r[1].reply, SSI_REPLY_ACK);
    assert_int_equal(res.r[2].kind, SSI_MSG_DECODE);
}

static void test_reset_drops_partial(void **state)
{
    (void)state;
    ssi_reader rd;
    ssi_reader_init(&rd);
    ssi_message m;
    size_t used;
    assert_int_equal(ssi_reader_feed(&rd, ean13_frame, 7, &used, &m, NULL), STIEL_OK);
    assert_int_equal(ssi_reader_reset(&rd), 7);
    assert_false(ssi_reader_busy(&rd));
    assert_int_equal(ssi_reader_feed(&rd, ean13_frame, sizeof ean13_frame, &used, &m, NULL),
                     STIEL_OK);
    assert_int_equal(m.kind, SSI_MSG_DECODE);
    assert_int_equal(used, sizeof ean13_frame);
    /* A half-joined decode is dropped too and counted. */
    uint8_t buf[32];
    size_t n = 0;
    put_decode(buf, &n, SSI_BC_CODE128, SSI_STATUS_CONTINUATION, "abcd");
    assert_int_equal(ssi_reader_feed(&rd, buf, n, &used, &m, NULL), STIEL_OK);
    assert_int_equal(m.kind, SSI_MSG_DECODE_PART);
    assert_true(ssi_reader_busy(&rd));
    assert_int_equal(ssi_reader_reset(&rd), 4);
    assert_false(ssi_reader_busy(&rd));
}

static void test_encoded_host_frames_read_back(void **state)
{
    (void)state;
    /* Round trip: host frames parse back (loopback), with source 4. */
    ssi_frame f;
    assert_int_equal(ssi_nak_encode(SSI_NAK_BAD_CONTEXT, false, &f, NULL), STIEL_OK);
    static results res;
    run_all(f.bytes, f.len, &res);
    assert_int_equal(res.count, 1);
    assert_int_equal(res.r[0].kind, SSI_MSG_NAK);
    assert_int_equal(res.r[0].nak_cause, SSI_NAK_BAD_CONTEXT);
    assert_int_equal(ssi_beep_encode(3, false, &f, NULL), STIEL_OK);
    run_all(f.bytes, f.len, &res);
    assert_int_equal(res.r[0].kind, SSI_MSG_UNKNOWN);
    assert_int_equal(res.r[0].opcode, SSI_OP_BEEP);
    assert_int_equal(res.r[0].len, 1);
    assert_int_equal(res.r[0].data[0], 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_ean13_frame),
        cmocka_unit_test(test_checksum_vector_frame_code39),
        cmocka_unit_test(test_mixed_stream_kinds),
        cmocka_unit_test(test_every_split_point_and_bytewise),
        cmocka_unit_test(test_partial_frame_waits),
        cmocka_unit_test(test_garbage_before_valid_frame_resyncs),
        cmocka_unit_test(test_wrong_checksum_then_retransmission),
        cmocka_unit_test(test_every_single_byte_corruption_recovers),
        cmocka_unit_test(test_impossible_length_reported),
        cmocka_unit_test(test_continuation_bound),
        cmocka_unit_test(test_decode_without_type_is_syntax_error),
        cmocka_unit_test(test_retransmitted_duplicate),
        cmocka_unit_test(test_reset_drops_partial),
        cmocka_unit_test(test_encoded_host_frames_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
