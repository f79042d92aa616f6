/* Tests of protocol/label/bidi.h: Arabic with digits, Latin codes and mixed punctuation split into
 * the runs a person reads (numbers and codes left to right inside Arabic), the paragraph
 * direction, the caller's tags, the cap and bytes that are not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/label/bidi.h"

enum { CAP = 16 };

/* The text of run k. */
static const char *run_text(const char *s, const label_bidi_run *r, char *buf, size_t cap)
{
    size_t n = r->len < cap - 1 ? r->len : cap - 1;
    memcpy(buf, s + r->start, n);
    buf[n] = '\0';
    return buf;
}

static size_t split(const char *s, bool base_rtl, label_bidi_run *runs)
{
    return label_bidi_runs(s, strlen(s), base_rtl, NULL, NULL, runs, CAP);
}

static void assert_run(const char *s, const label_bidi_run *r, const char *text, bool rtl)
{
    char buf[128];
    assert_string_equal(run_text(s, r, buf, sizeof buf), text);
    assert_int_equal(r->rtl, rtl);
}

/* ST-1003's Arabic name: the number between two Arabic words reads "20", not "02". */
static void test_arabic_with_digits(void **state)
{
    (void)state;
    const char *s = "شاي أخضر 20 كيسًا";
    label_bidi_run r[CAP];
    assert_true(label_bidi_base_rtl(s, strlen(s)));
    size_t n = split(s, true, r);
    assert_int_equal(n, 3);
    assert_run(s, &r[0], "شاي أخضر ", true);
    assert_run(s, &r[1], "20", false);
    assert_run(s, &r[2], " كيسًا", true);
    /* drawn from the left: the last word, the number, the first words */
    assert_int_equal(label_bidi_visual_index(n, true, 0), 2);
    assert_int_equal(label_bidi_visual_index(n, true, 1), 1);
    assert_int_equal(label_bidi_visual_index(n, true, 2), 0);
    /* Arabic-Indic digits are a number too */
    const char *t = "شاي ٢٠ كيس";
    n = split(t, true, r);
    assert_int_equal(n, 3);
    assert_run(t, &r[1], "٢٠", false);
}

static void test_latin_code_in_arabic(void **state)
{
    (void)state;
    const char *s = "اذهب إلى A-01";
    label_bidi_run r[CAP];
    size_t n = split(s, true, r);
    assert_int_equal(n, 2);
    assert_run(s, &r[0], "اذهب إلى ", true);
    assert_run(s, &r[1], "A-01", false); /* the hyphen between two left-to-right parts */
    /* a GTIN and a code with a slash in one sentence */
    const char *t = "امسح 8719123100741 ثم ST-1003/2";
    n = split(t, true, r);
    assert_int_equal(n, 4);
    assert_run(t, &r[1], "8719123100741", false);
    assert_run(t, &r[2], " ثم ", true);
    assert_run(t, &r[3], "ST-1003/2", false);
}

static void test_mixed_punctuation(void **state)
{
    (void)state;
    label_bidi_run r[CAP];
    /* brackets and a full stop between directions take the paragraph's */
    const char *s = "اذهب إلى (A-01).";
    size_t n = split(s, true, r);
    assert_int_equal(n, 3);
    assert_run(s, &r[0], "اذهب إلى (", true);
    assert_run(s, &r[1], "A-01", false);
    assert_run(s, &r[2], ").", true);
    /* the same text in a left-to-right paragraph: the neutrals go left to right */
    n = split(s, false, r);
    assert_int_equal(n, 2);
    assert_run(s, &r[0], "اذهب إلى", true);
    assert_run(s, &r[1], " (A-01).", false);
    /* a comma between two Arabic words stays Arabic; a leading dash takes the base */
    const char *t = "- شاي، قهوة";
    n = split(t, false, r);
    assert_int_equal(n, 2);
    assert_run(t, &r[0], "- ", false);
    assert_run(t, &r[1], "شاي، قهوة", true);
}

static void test_latin_paragraph(void **state)
{
    (void)state;
    label_bidi_run r[CAP];
    const char *s = "Thé vert 20 sachets";
    assert_false(label_bidi_has_rtl(s, strlen(s)));
    assert_false(label_bidi_base_rtl(s, strlen(s)));
    assert_int_equal(split(s, false, r), 1);
    assert_run(s, &r[0], s, false);
    assert_int_equal(label_bidi_visual_index(1, false, 0), 0);
    const char *t = "Green tea شاي أخضر";
    assert_true(label_bidi_has_rtl(t, strlen(t)));
    assert_false(label_bidi_base_rtl(t, strlen(t))); /* the first letter is Latin */
    assert_int_equal(split(t, false, r), 2);
    assert_run(t, &r[0], "Green tea ", false);
    assert_run(t, &r[1], "شاي أخضر", true);
    /* no letters at all: one run in the paragraph's direction */
    assert_false(label_bidi_base_rtl("+ - ", 4));
    assert_int_equal(split("+ - ", true, r), 1);
    assert_true(r[0].rtl);
    assert_int_equal(split("", true, r), 0);
}

/* Tags every right-to-left neutral 1 (the kiosk's "the Arabic face lacks this" case). */
static int tag_rtl_neutral(void *ctx, uint32_t cp, bool rtl, bool neutral)
{
    int *calls = ctx;
    (*calls)++;
    return rtl && neutral && cp == '+' ? 1 : 0;
}

static void test_tags_split_runs(void **state)
{
    (void)state;
    label_bidi_run r[CAP];
    const char *s = "شاي + قهوة";
    int calls = 0;
    size_t n = label_bidi_runs(s, strlen(s), true, tag_rtl_neutral, &calls, r, CAP);
    assert_int_equal(calls, 10); /* once per code point */
    assert_int_equal(n, 3);
    assert_run(s, &r[0], "شاي ", true);
    assert_int_equal(r[0].tag, 0);
    assert_run(s, &r[1], "+", true);
    assert_int_equal(r[1].tag, 1);
    assert_run(s, &r[2], " قهوة", true);
}

static void test_cap_and_bad_bytes(void **state)
{
    (void)state;
    label_bidi_run r[CAP];
    const char *s = "شاي أخضر 20 كيسًا";
    size_t n = label_bidi_runs(s, strlen(s), true, NULL, NULL, r, 2);
    assert_int_equal(n, 2);
    assert_run(s, &r[1], "20", false);
    assert_int_equal(label_bidi_runs(s, strlen(s), true, NULL, NULL, r, 0), 0);
    assert_int_equal(label_bidi_runs(NULL, 3, true, NULL, NULL, r, CAP), 0);
    /* bytes that are not UTF-8 are neutrals, one byte each; nothing is read past len */
    const char bad[] = "ab\xFF\xE2\x82 \xD8\xB4";
    n = label_bidi_runs(bad, sizeof bad - 1, false, NULL, NULL, r, CAP);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].start, 0);
    assert_int_equal(r[0].len, 6); /* "ab", the 3 bad bytes, then the space (between L and R: L) */
    assert_false(r[0].rtl);
    assert_int_equal(r[1].start, 6);
    assert_int_equal(r[1].len, 2);
    assert_true(r[1].rtl);
    /* a lead byte cut short by len */
    n = label_bidi_runs("\xD8\xB4", 1, true, NULL, NULL, r, CAP);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].len, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arabic_with_digits),
        cmocka_unit_test(test_latin_code_in_arabic),
        cmocka_unit_test(test_mixed_punctuation),
        cmocka_unit_test(test_latin_paragraph),
        cmocka_unit_test(test_tags_split_runs),
        cmocka_unit_test(test_cap_and_bad_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
