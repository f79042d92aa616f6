/* The keyboard-wedge decoder with timestamp sequences: scanner bursts become scans (Enter, Tab,
 * optional gap end), a person's typing passes through in order and is never eaten, GS from
 * Ctrl+] or a configured substitute, held keys settle on tick, bad configs are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "drivers/wedge.h"

typedef struct out_log {
    char text[2048]; /* "S:<scan>|" for scans, "T:<char>|" / "K:<key>|" for typing */
    size_t len;
    size_t scans, typed;
    uint64_t last_scan_time;
} out_log;

static void on_out(void *ctx, const stiel_wedge_output *o)
{
    out_log *l = ctx;
    char item[600];
    int n;
    if (o->kind == STIEL_WEDGE_SCAN) {
        n = snprintf(item, sizeof item, "S:%.*s|", (int)o->len, (const char *)o->data);
        l->scans++;
        l->last_scan_time = o->time_ms;
    } else if (o->key == STIEL_WEDGE_KEY_TEXT) {
        n = snprintf(item, sizeof item, "T:%.*s|", (int)o->len, (const char *)o->data);
        l->typed++;
    } else {
        n = snprintf(item, sizeof item, "K:%d|", (int)o->key);
        l->typed++;
    }
    if (l->len + (size_t)n >= sizeof l->text)
        return; /* counted, not logged */
    memcpy(l->text + l->len, item, (size_t)n);
    l->len += (size_t)n;
    l->text[l->len] = '\0';
}

/* Types each character of s gap_ms apart starting at t; returns the time of the next key. */
static uint64_t type(stiel_wedge *w, const char *s, uint64_t t, unsigned gap_ms, out_log *l)
{
    for (size_t i = 0; s[i]; i++, t += gap_ms)
        stiel_wedge_feed(w, STIEL_WEDGE_KEY_TEXT, s + i, 1, t, on_out, l);
    return t;
}

static void test_scanner_burst(void **state)
{
    (void)state;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    uint64_t t = type(&w, "4006381333931", 1000, 8, &l);
    assert_int_equal(l.len, 0); /* held, nothing eaten or emitted yet */
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "S:4006381333931|");
    assert_int_equal(l.last_scan_time, 1000);
    assert_false(stiel_wedge_deadline(&w, NULL));
}

static void test_person_typing_passes(void **state)
{
    (void)state;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    uint64_t t = type(&w, "hello", 0, 120, &l);
    /* each key settles when the next one comes late; the last is held until tick */
    assert_string_equal(l.text, "T:h|T:e|T:l|T:l|");
    uint64_t when = 0;
    assert_true(stiel_wedge_deadline(&w, &when));
    assert_int_equal(when, t - 120 + 31);
    stiel_wedge_tick(&w, when - 1, on_out, &l);
    assert_int_equal(l.typed, 4);
    stiel_wedge_tick(&w, when, on_out, &l);
    assert_string_equal(l.text, "T:h|T:e|T:l|T:l|T:o|");
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, t + 100, on_out, &l);
    assert_string_equal(l.text, "T:h|T:e|T:l|T:l|T:o|K:1|");
    assert_int_equal(l.scans, 0);
}

/* Fast but short (key rollover), then Enter: typing, not a scan. Enter late after a burst: typing. */
static void test_short_or_late_is_typing(void **state)
{
    (void)state;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    uint64_t t = type(&w, "ab", 0, 10, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "T:a|T:b|K:1|");
    memset(&l, 0, sizeof l);
    t = type(&w, "ABCDEF", 1000, 10, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, t + 200, on_out, &l);
    assert_string_equal(l.text, "T:A|T:B|T:C|T:D|T:E|T:F|K:1|");
}

/* A person types, then scans at once: both come out, in order. */
static void test_typing_then_scan(void **state)
{
    (void)state;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    uint64_t t = type(&w, "xy", 0, 150, &l);
    t = type(&w, "12345678", t + 100, 5, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TAB, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "T:x|T:y|S:12345678|");
    /* Backspace in the middle of fast keys: a person */
    memset(&l, 0, sizeof l);
    t = type(&w, "ABCD", t + 500, 5, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_OTHER, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "T:A|T:B|T:C|T:D|K:4|");
}

static void test_tab_config_and_gap_end(void **state)
{
    (void)state;
    stiel_wedge_config c = STIEL_WEDGE_CONFIG_DEFAULT;
    c.tab_ends = false;
    c.gap_ends = true;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, &c, NULL), STIEL_OK);
    uint64_t t = type(&w, "ABCDE", 0, 5, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TAB, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "T:A|T:B|T:C|T:D|T:E|K:2|");
    memset(&l, 0, sizeof l);
    t = type(&w, "NOEND1", t + 500, 5, &l);
    stiel_wedge_tick(&w, t + 40, on_out, &l);
    assert_string_equal(l.text, "S:NOEND1|");
}

static void test_gs_from_ctrl_bracket_and_substitute(void **state)
{
    (void)state;
    stiel_wedge_config c = STIEL_WEDGE_CONFIG_DEFAULT;
    c.gs_substitute = 0xB0; /* '°' typed for GS, as some layouts do */
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, &c, NULL), STIEL_OK);
    uint64_t t = type(&w, "0112312312312333", 0, 4, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_GS, NULL, 0, t, on_out, &l);
    t = type(&w, "10AB", t + 4, 4, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TEXT, "\xc2\xb0", 2, t, on_out, &l);
    t = type(&w, "99X", t + 4, 4, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, t, on_out, &l);
    assert_string_equal(l.text, "S:0112312312312333\x1d" "10AB\x1d" "99X|");
    /* typed by a person, the substitute stays itself */
    memset(&l, 0, sizeof l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TEXT, "\xc2\xb0", 2, t + 1000, on_out, &l);
    stiel_wedge_tick(&w, t + 2000, on_out, &l);
    assert_string_equal(l.text, "T:\xc2\xb0|");
}

/* Multi-character text events and UTF-8: each character is one key. */
static void test_utf8_text_events(void **state)
{
    (void)state;
    stiel_wedge w;
    out_log l = {0};
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TEXT, "\xd8\xb3\xd9\x84", 4, 0, on_out, &l); /* two Arabic letters */
    stiel_wedge_tick(&w, 100, on_out, &l);
    assert_string_equal(l.text, "T:\xd8\xb3|T:\xd9\x84|");
    memset(&l, 0, sizeof l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TEXT, "ÄÖÜß", strlen("ÄÖÜß"), 200, on_out, &l);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, 205, on_out, &l);
    assert_string_equal(l.text, "S:ÄÖÜß|");
}

/* A key held down far past any scan length: released as typing, never lost. */
static void test_overflow_is_typing(void **state)
{
    (void)state;
    static stiel_wedge w;
    static out_log l;
    memset(&l, 0, sizeof l);
    assert_int_equal(stiel_wedge_init(&w, NULL, NULL), STIEL_OK);
    for (size_t i = 0; i < STIEL_WEDGE_MAX_KEYS + 10; i++)
        stiel_wedge_feed(&w, STIEL_WEDGE_KEY_TEXT, "z", 1, i, on_out, &l);
    size_t typed_keys = l.typed;
    assert_int_equal(typed_keys, STIEL_WEDGE_MAX_KEYS);
    stiel_wedge_feed(&w, STIEL_WEDGE_KEY_ENTER, NULL, 0, 2000, on_out, &l);
    assert_int_equal(l.scans, 0);
}

static void test_bad_config(void **state)
{
    (void)state;
    stiel_wedge w;
    stiel_diag d;
    stiel_wedge_config c = STIEL_WEDGE_CONFIG_DEFAULT;
    c.max_gap_ms = 0;
    assert_int_equal(stiel_wedge_init(&w, &c, &d), STIEL_ERR_ARG);
    c = STIEL_WEDGE_CONFIG_DEFAULT;
    c.min_len = 0;
    assert_int_equal(stiel_wedge_init(&w, &c, &d), STIEL_ERR_ARG);
    c.min_len = STIEL_WEDGE_MAX_KEYS + 1;
    assert_int_equal(stiel_wedge_init(&w, &c, &d), STIEL_ERR_ARG);
    assert_int_equal(stiel_wedge_init(NULL, NULL, &d), STIEL_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_burst),
        cmocka_unit_test(test_person_typing_passes),
        cmocka_unit_test(test_short_or_late_is_typing),
        cmocka_unit_test(test_typing_then_scan),
        cmocka_unit_test(test_tab_config_and_gap_end),
        cmocka_unit_test(test_gs_from_ctrl_bracket_and_substitute),
        cmocka_unit_test(test_utf8_text_events),
        cmocka_unit_test(test_overflow_is_typing),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
