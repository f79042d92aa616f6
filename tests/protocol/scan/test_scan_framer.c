/* Tests of protocol/scan/framer: the same capture at every chunking gives the same reads; CRLF
 * split across chunks, suffix, prefix, idle gap, overlong reported once then resync, counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "protocol/scan/framer.h"

enum { EV_MAX = 64, EV_DATA = 600 };

typedef struct event {
    stiel_status status;
    size_t len;
    char data[EV_DATA];
} event;

typedef struct events {
    size_t count;
    event ev[EV_MAX];
} events;

static void collect(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                    const stiel_diag *diag)
{
    events *e = ctx;
    assert_true(e->count < EV_MAX);
    assert_true(len < EV_DATA);
    if (status == STIEL_OK) {
        assert_null(diag);
        assert_true(len > 0);
    } else {
        assert_non_null(diag);
        assert_int_equal(diag->code, status);
        assert_true(strlen(diag->text) > 10);
    }
    event *v = &e->ev[e->count++];
    v->status = status;
    v->len = len;
    memcpy(v->data, data, len);
    v->data[len] = '\0';
}

/* Feeds s in chunks of `chunk` bytes (all at time 0) and collects the events. */
static void feed_chunked(const scan_framer_config *cfg, const char *s, size_t n, size_t chunk,
                         events *out)
{
    static scan_framer f;
    memset(out, 0, sizeof *out);
    assert_int_equal(scan_framer_init(&f, cfg, NULL), STIEL_OK);
    for (size_t i = 0; i < n; i += chunk) {
        size_t k = n - i < chunk ? n - i : chunk;
        assert_int_equal(scan_framer_feed(&f, (const uint8_t *)s + i, k, 0, collect, out),
                         STIEL_OK);
    }
}

static void expect_reads(const events *e, const char *const *want, size_t n)
{
    assert_int_equal(e->count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(e->ev[i].status, STIEL_OK);
        assert_int_equal(e->ev[i].len, strlen(want[i]));
        assert_memory_equal(e->ev[i].data, want[i], e->ev[i].len);
    }
}

/* The sample capture (assets/samples/scanner-generic.cap) plus CR-only, LF-only and bare ends. */
static const char capture[] =
    "]C1011231231231233310ABC123\x1d" "99TESTING\r\n"
    "]E04006381333931\r\n"
    "\r\n\r\n"
    "]Q3011231231231233310ABC123\x1d" "99TESTING\r"
    "LOC-A-01-02\n"
    "\n\r"
    "]E04006381333932\r\n";
static const char *const capture_reads[] = {
    "]C1011231231231233310ABC123\x1d" "99TESTING",
    "]E04006381333931",
    "]Q3011231231231233310ABC123\x1d" "99TESTING",
    "LOC-A-01-02",
    "]E04006381333932",
};

static void test_every_chunking_gives_the_same_reads(void **state)
{
    (void)state;
    static events e;
    size_t n = sizeof capture - 1;
    for (size_t chunk = 1; chunk <= n; chunk++) {
        feed_chunked(NULL, capture, n, chunk, &e);
        expect_reads(&e, capture_reads, 5);
    }
}

static void test_sample_capture_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/samples/scanner-generic.cap", STIEL_TEST_ASSETS);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    static events e;
    feed_chunked(NULL, buf, n, 7, &e);
    assert_int_equal(e.count, 6);
    assert_string_equal(e.ev[4].data, "LOC-A-01-02");
    assert_string_equal(e.ev[5].data, "]E04006381333932");
}

static void test_crlf_split_across_chunks_is_one_read(void **state)
{
    (void)state;
    scan_framer f;
    events e = {0};
    assert_int_equal(scan_framer_init(&f, NULL, NULL), STIEL_OK);
    scan_framer_feed(&f, (const uint8_t *)"ABC\r", 4, 0, collect, &e);
    assert_int_equal(e.count, 1);
    scan_framer_feed(&f, (const uint8_t *)"\n", 1, 5, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"DEF\r", 4, 6, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"\nGHI", 4, 7, collect, &e);
    assert_int_equal(e.count, 2);
    assert_string_equal(e.ev[1].data, "DEF");
    assert_int_equal(scan_framer_stats_get(&f)->reads, 2);
    assert_int_equal(scan_framer_stats_get(&f)->bytes, 13);
}

static void test_suffix_multi_byte_every_chunking(void **state)
{
    (void)state;
    scan_framer_config cfg = {.suffix = {0x1d, 0x04}, .suffix_len = 2, .no_line_ends = true};
    /* CR/LF are data here; a lone GS inside a read is data too. */
    static const char s[] = "AB\x1d" "C\x1d\x04" "line\r\nx\x1d\x04" "\x1d\x04" "z\x1d";
    static const char *const want[] = {"AB\x1d" "C", "line\r\nx"};
    static events e;
    for (size_t chunk = 1; chunk <= sizeof s - 1; chunk++) {
        feed_chunked(&cfg, s, sizeof s - 1, chunk, &e);
        expect_reads(&e, want, 2);
    }
}

static void test_suffix_with_line_ends_still_active(void **state)
{
    (void)state;
    scan_framer_config cfg = {.suffix = {0x03}, .suffix_len = 1};
    static events e;
    feed_chunked(&cfg, "A\x03" "B\r\nC\x03", 7, 1, &e);
    static const char *const want[] = {"A", "B", "C"};
    expect_reads(&e, want, 3);
}

static void test_suffix_containing_cr_owns_cr(void **state)
{
    (void)state;
    scan_framer_config cfg = {.suffix = {'#', '\r'}, .suffix_len = 2};
    static events e;
    feed_chunked(&cfg, "A\rB#\rC#\r", 8, 3, &e);
    static const char *const want[] = {"A\rB", "C"};
    expect_reads(&e, want, 2);
}

static void test_prefix_stripped_and_missing_counted(void **state)
{
    (void)state;
    scan_framer_config cfg = {.prefix = {'@', '@'}, .prefix_len = 2};
    static scan_framer f;
    events e = {0};
    assert_int_equal(scan_framer_init(&f, &cfg, NULL), STIEL_OK);
    static const char in[] = "@@123\r\n@@\r\n456\r\n@";
    scan_framer_feed(&f, (const uint8_t *)in, sizeof in - 1, 0, collect, &e);
    static const char *const want[] = {"123", "456"};
    expect_reads(&e, want, 2);
    assert_int_equal(scan_framer_stats_get(&f)->prefix_missing, 1);
}

static void test_idle_gap_flushes(void **state)
{
    (void)state;
    scan_framer_config cfg = {.idle_ms = 50};
    static scan_framer f;
    events e = {0};
    uint64_t deadline = 0;
    assert_int_equal(scan_framer_init(&f, &cfg, NULL), STIEL_OK);
    assert_false(scan_framer_deadline(&f, &deadline));
    scan_framer_feed(&f, (const uint8_t *)"ABC", 3, 1000, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"DEF", 3, 1049, collect, &e);  /* gap 49: same read */
    assert_true(scan_framer_deadline(&f, &deadline));
    assert_int_equal(deadline, 1099);
    scan_framer_tick(&f, 1098, collect, &e);
    assert_int_equal(e.count, 0);
    scan_framer_tick(&f, 1099, collect, &e);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.ev[0].data, "ABCDEF");
    assert_false(scan_framer_deadline(&f, &deadline));
    scan_framer_tick(&f, 5000, collect, &e);  /* nothing pending */
    /* The gap also ends a read when the next bytes arrive before any tick. */
    scan_framer_feed(&f, (const uint8_t *)"GH", 2, 6000, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"IJ\r\n", 4, 6100, collect, &e);
    assert_int_equal(e.count, 3);
    assert_string_equal(e.ev[1].data, "GH");
    assert_string_equal(e.ev[2].data, "IJ");
    assert_int_equal(scan_framer_stats_get(&f)->idle_flushes, 2);
    /* A clock that goes backwards is no gap. */
    scan_framer_feed(&f, (const uint8_t *)"K", 1, 7000, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"L\r", 2, 10, collect, &e);
    assert_string_equal(e.ev[3].data, "KL");
}

static void test_idle_disabled_never_flushes(void **state)
{
    (void)state;
    static scan_framer f;
    events e = {0};
    assert_int_equal(scan_framer_init(&f, NULL, NULL), STIEL_OK);
    scan_framer_feed(&f, (const uint8_t *)"ABC", 3, 0, collect, &e);
    scan_framer_tick(&f, 1000000, collect, &e);
    assert_int_equal(e.count, 0);
    assert_false(scan_framer_deadline(&f, NULL));
    scan_framer_reset(&f);
    scan_framer_feed(&f, (const uint8_t *)"D\n", 2, 0, collect, &e);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.ev[0].data, "D");
}

static void test_overlong_reported_once_then_resync(void **state)
{
    (void)state;
    scan_framer_config cfg = {.max_len = 8};
    static char s[200];
    /* exactly 8 is fine; 9 is overlong; 100 is reported once; then resync */
    snprintf(s, sizeof s, "12345678\r\n123456789\r\n%s\r\nOK\r\n",
             "0123456789012345678901234567890123456789012345678901234567890123456789012345678901"
             "2345678901234567");
    size_t n = strlen(s);
    static events e;
    for (size_t chunk = 1; chunk <= n; chunk++) {
        feed_chunked(&cfg, s, n, chunk, &e);
        assert_int_equal(e.count, 4);
        assert_int_equal(e.ev[0].status, STIEL_OK);
        assert_string_equal(e.ev[0].data, "12345678");
        assert_int_equal(e.ev[1].status, STIEL_ERR_OVERLONG);
        assert_string_equal(e.ev[1].data, "12345678");
        assert_int_equal(e.ev[2].status, STIEL_ERR_OVERLONG);
        assert_string_equal(e.ev[2].data, "01234567");
        assert_int_equal(e.ev[3].status, STIEL_OK);
        assert_string_equal(e.ev[3].data, "OK");
    }
}

static void test_overlong_with_suffix_exact_boundary(void **state)
{
    (void)state;
    scan_framer_config cfg = {.max_len = 4, .suffix = {'#', '#', '#'}, .suffix_len = 3,
                              .no_line_ends = true};
    static events e;
    /* 4 + suffix ok; 5 + suffix overlong (once); suffix split inside the discarded part */
    static const char s[] = "ABCD###ABCDE###XXXXXXXXXX#" "##Y###";
    for (size_t chunk = 1; chunk <= sizeof s - 1; chunk++) {
        feed_chunked(&cfg, s, sizeof s - 1, chunk, &e);
        assert_int_equal(e.count, 4);
        assert_string_equal(e.ev[0].data, "ABCD");
        assert_int_equal(e.ev[1].status, STIEL_ERR_OVERLONG);
        assert_int_equal(e.ev[2].status, STIEL_ERR_OVERLONG);
        assert_int_equal(e.ev[3].status, STIEL_OK);
        assert_string_equal(e.ev[3].data, "Y");
    }
}

static void count_only(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                       const stiel_diag *diag)
{
    (void)data;
    (void)diag;
    size_t *c = ctx;
    c[status == STIEL_OK ? 0 : 1]++;
    assert_true(len <= SCAN_FRAMER_MAX_DEFAULT);
}

static void test_overlong_default_cap(void **state)
{
    (void)state;
    static scan_framer f;
    size_t counts[2] = {0, 0};
    assert_int_equal(scan_framer_init(&f, NULL, NULL), STIEL_OK);
    static uint8_t junk[20000];
    memset(junk, 'A', sizeof junk);
    for (int i = 0; i < 10; i++)
        scan_framer_feed(&f, junk, sizeof junk, 0, count_only, counts);
    assert_int_equal(counts[1], 1);
    scan_framer_feed(&f, (const uint8_t *)"\rB\r", 3, 0, count_only, counts);
    assert_int_equal(counts[0], 1);
    assert_int_equal(scan_framer_stats_get(&f)->overlong, 1);
}

static void test_garbled_reads_counted(void **state)
{
    (void)state;
    static scan_framer f;
    events e = {0};
    assert_int_equal(scan_framer_init(&f, NULL, NULL), STIEL_OK);
    /* What 9600-baud text looks like at a wrong rate; then UTF-8 text, then a GS1 read. */
    static const uint8_t s[] = {0xF8, 0x80, 0x00, 0x1C, 0xE6, 'a', 0x98, '\r',
                                'K', 0xC3, 0xA4, 's', 'e', '\r',
                                ']', 'C', '1', '1', '0', 'A', 0x1D, '9', '9', 'X', '\r'};
    scan_framer_feed(&f, s, sizeof s, 0, collect, &e);
    assert_int_equal(e.count, 3);
    assert_int_equal(scan_framer_stats_get(&f)->garbled, 1);
    assert_true(scan_read_looks_garbled(s, 7));
    assert_false(scan_read_looks_garbled(s + 8, 5));
    assert_false(scan_read_looks_garbled(s + 14, 10));
    assert_false(scan_read_looks_garbled(NULL, 0));
    /* Overlong UTF-8 and surrogates are not valid UTF-8. */
    assert_true(scan_read_looks_garbled((const uint8_t *)"\xC0\x80\xED\xA0\x80", 5));
}

static void test_flush_ends_pending_read(void **state)
{
    (void)state;
    scan_framer_config cfg = {.max_len = 4};
    static scan_framer f;
    events e = {0};
    assert_int_equal(scan_framer_init(&f, &cfg, NULL), STIEL_OK);
    scan_framer_flush(&f, collect, &e);  /* nothing pending: nothing */
    scan_framer_feed(&f, (const uint8_t *)"AB", 2, 0, collect, &e);
    scan_framer_flush(&f, collect, &e);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.ev[0].data, "AB");
    /* after an overlong report, flush ends the discarding: the next bytes are a new read */
    scan_framer_feed(&f, (const uint8_t *)"123456", 6, 0, collect, &e);
    scan_framer_flush(&f, collect, &e);
    scan_framer_feed(&f, (const uint8_t *)"CD\n", 3, 0, collect, &e);
    assert_int_equal(e.count, 3);
    assert_int_equal(e.ev[1].status, STIEL_ERR_OVERLONG);
    assert_string_equal(e.ev[2].data, "CD");
}

static void test_init_rejects_bad_config(void **state)
{
    (void)state;
    static scan_framer f;
    stiel_diag d;
    scan_framer_config cfg = {.suffix_len = 9};
    assert_int_equal(scan_framer_init(&f, &cfg, &d), STIEL_ERR_ARG);
    cfg = (scan_framer_config){.prefix_len = 9};
    assert_int_equal(scan_framer_init(&f, &cfg, &d), STIEL_ERR_ARG);
    cfg = (scan_framer_config){.max_len = SCAN_FRAMER_MAX_LIMIT + 1};
    assert_int_equal(scan_framer_init(&f, &cfg, &d), STIEL_ERR_ARG);
    assert_non_null(strstr(d.text, "8192"));
    cfg = (scan_framer_config){.no_line_ends = true};
    assert_int_equal(scan_framer_init(&f, &cfg, &d), STIEL_ERR_ARG);
    cfg = (scan_framer_config){.max_len = SCAN_FRAMER_MAX_LIMIT};
    assert_int_equal(scan_framer_init(&f, &cfg, &d), STIEL_OK);
    assert_int_equal(scan_framer_feed(&f, NULL, 3, 0, count_only, NULL), STIEL_ERR_ARG);
    assert_int_equal(scan_framer_feed(&f, (const uint8_t *)"x", 1, 0, NULL, NULL), STIEL_ERR_ARG);
    assert_int_equal(scan_framer_feed(&f, NULL, 0, 0, count_only, NULL), STIEL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chunking_gives_the_same_reads),
        cmocka_unit_test(test_sample_capture_file),
        cmocka_unit_test(test_crlf_split_across_chunks_is_one_read),
        cmocka_unit_test(test_suffix_multi_byte_every_chunking),
        cmocka_unit_test(test_suffix_with_line_ends_still_active),
        cmocka_unit_test(test_suffix_containing_cr_owns_cr),
        cmocka_unit_test(test_prefix_stripped_and_missing_counted),
        cmocka_unit_test(test_idle_gap_flushes),
        cmocka_unit_test(test_idle_disabled_never_flushes),
        cmocka_unit_test(test_overlong_reported_once_then_resync),
        cmocka_unit_test(test_overlong_with_suffix_exact_boundary),
        cmocka_unit_test(test_overlong_default_cap),
        cmocka_unit_test(test_garbled_reads_counted),
        cmocka_unit_test(test_flush_ends_pending_read),
        cmocka_unit_test(test_init_rejects_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
