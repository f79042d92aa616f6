/* Tests of kiosk/core/levels: the shipped assets/levels.ini loads with five levels from
 * "Kennismaken" up, and each kind of broken copy is reported with file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/levels.h"
#include "tests/kiosk/core/core_fixture.h"

static void test_shipped_levels_load(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = fixture_read_asset("levels.ini", &len);
    assert_non_null(text);
    service_levels lv;
    core_errors errs;
    core_errors_clear(&errs);
    assert_int_equal(service_levels_parse("levels.ini", text, len, &lv, &errs), STIEL_OK);
    free(text);
    assert_int_equal(errs.count, 0);
    assert_int_equal(lv.count, 5);
    const service_level *l1 = service_levels_get(&lv, 1);
    const service_level *l5 = service_levels_get(&lv, 5);
    assert_string_equal(l1->name, "Kennismaken");
    assert_int_equal(l1->number, 1);
    assert_int_equal(l1->norm_seconds_per_line, 0);
    assert_int_equal(l1->quantity, LEVEL_QTY_EACH);
    assert_int_equal(l1->photo, LEVEL_PHOTO_SHOWN);
    assert_true(l1->spoken && l1->highlight_location && l1->quantity_prefilled);
    assert_false(l1->lookalikes_nearby);
    assert_int_equal(l1->drill_empty_pct + l1->drill_damaged_pct + l1->drill_lookalike_pct, 0);
    assert_true(l5->orders_per_batch > 1);
    assert_int_equal(l5->quantity, LEVEL_QTY_TYPED);
    assert_true(l5->norm_seconds_per_line > 0 && l5->norm_shown);
    assert_true(l5->scan_tote && l5->verify_label && l5->empty_check);
    for (unsigned n = 1; n < 5; n++) /* harder going up */
        assert_true(service_levels_get(&lv, n)->lines_max <= service_levels_get(&lv, n + 1)->lines_max);
    assert_null(service_levels_get(&lv, 0));
    assert_null(service_levels_get(&lv, 6));
}

/* Replaces the first occurrence of from with to in the shipped file and expects one error. */
static void expect_broken_n(const char *from, const char *to, stiel_status status, size_t count,
                            const char *message)
{
    size_t len = 0;
    char *text = fixture_read_asset("levels.ini", &len);
    assert_non_null(text);
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t flen = strlen(from), tlen = strlen(to);
    char *copy = malloc(len - flen + tlen + 1);
    size_t pre = (size_t)(at - text);
    memcpy(copy, text, pre);
    memcpy(copy + pre, to, tlen);
    memcpy(copy + pre + tlen, at + flen, len - pre - flen + 1);
    service_levels lv = { .count = 77 };
    core_errors errs;
    core_errors_clear(&errs);
    stiel_status st = service_levels_parse("levels.ini", copy, strlen(copy), &lv, &errs);
    free(text);
    free(copy);
    if (st != status || errs.count != count || strcmp(errs.items[0].text, message) != 0)
        fail_msg("%s -> %s: got %d (%zu errors) \"%s\"", from, to, st, errs.count,
                 errs.count ? errs.items[0].text : "");
    assert_int_equal(lv.count, 77);  /* untouched */
}

static void expect_broken(const char *from, const char *to, stiel_status status, const char *message)
{
    expect_broken_n(from, to, status, 1, message);
}

static void test_broken_copies(void **state)
{
    (void)state;
    /* line numbers refer to the shipped file: [level 1] is on line 8, its keys 9..31 */
    expect_broken("tolerance = 2\n", "tolerance = two\n", STIEL_ERR_SYNTAX,
                  "levels.ini:28: tolerance = two: expected a whole number 1..20");
    expect_broken("tolerance = 2\n", "", STIEL_ERR_MISSING, "levels.ini:8: [level 1] lacks tolerance");
    expect_broken("tolerance = 2\n", "tolerance = 2\ncolour = red\n", STIEL_ERR_NOT_FOUND,
                  "levels.ini:29: unknown key colour in [level 1]");
    expect_broken("tolerance = 2\n", "tolerance = 2\ntolerance = 3\n", STIEL_ERR_SYNTAX,
                  "levels.ini:29: tolerance is set twice in [level 1] (also line 28)");
    expect_broken("spoken = yes", "spoken = ja", STIEL_ERR_SYNTAX,
                  "levels.ini:25: spoken = ja: expected yes or no");
    expect_broken("quantity = each", "quantity = all", STIEL_ERR_SYNTAX,
                  "levels.ini:18: quantity = all: expected each or typed");
    expect_broken("photo = shown", "photo = big", STIEL_ERR_SYNTAX,
                  "levels.ini:23: photo = big: expected shown or on_request");
    expect_broken("lines_max = 2", "lines_max = 0", STIEL_ERR_SYNTAX,
                  "levels.ini:11: lines_max = 0: expected a whole number 1..20");
    expect_broken("qty_max = 1", "qty_max = 1\nqty_max", STIEL_ERR_SYNTAX,
                  "levels.ini:14: expected key = value, [level N] or a ; comment");
    expect_broken("lines_min = 1\nlines_max = 2", "lines_min = 3\nlines_max = 2", STIEL_ERR_SYNTAX,
                  "levels.ini:11: lines_max 2 is below lines_min 3");
    expect_broken("drill_empty_pct = 0\ndrill_damaged_pct = 0", "drill_empty_pct = 60\ndrill_damaged_pct = 50", STIEL_ERR_SYNTAX,
                  "levels.ini:8: [level 1] drills add up to more than 100 %");
    expect_broken("[level 3]", "[level 7]", STIEL_ERR_MISSING,
                  "levels.ini:83: [level 4] follows a gap: level 3 is missing");
    expect_broken_n("[level 2]", "[level 1]", STIEL_ERR_SYNTAX, 2, /* and the gap it leaves */
                  "levels.ini:33: [level 1] appears twice (also line 8)");
    expect_broken_n("[level 2]", "[niveau 2]", STIEL_ERR_SYNTAX, 2,
                  "levels.ini:33: [niveau 2] is not a level section; write [level N], N 1..9");
    expect_broken_n("[level 1]", "[level 1", STIEL_ERR_SYNTAX, 2, /* and no level 1 */
                  "levels.ini:8: a section line must end with ]");
    expect_broken("; Stiel", "x = 1\n; Stiel", STIEL_ERR_SYNTAX,
                  "levels.ini:1: x is set outside a [level N] section");
}

static void test_empty_file(void **state)
{
    (void)state;
    service_levels lv;
    core_errors errs;
    core_errors_clear(&errs);
    assert_int_equal(service_levels_parse("l.ini", "; nothing\n", 10, &lv, &errs), STIEL_ERR_MISSING);
    assert_string_equal(errs.items[0].text, "l.ini:1: no [level 1] section");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_levels_load),
        cmocka_unit_test(test_broken_copies),
        cmocka_unit_test(test_empty_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
