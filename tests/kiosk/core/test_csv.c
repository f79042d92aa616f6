/* Tests of kiosk/core/csv: RFC 4180 quoting, line ends, BOM, and each class of bad input mapped
 * to its exact message (file, line, column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kiosk/core/csv.h"

static void test_quotes_line_ends_and_bom(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF" "sku,name\r\n"
                               "A1,\"Koffie, 1 kg\"\r\n"
                               "\n"
                               "A2,\"zegt \"\"hoi\"\"\"\n"
                               "A3,\"twee\nregels\"\r"
                               "A4,";
    core_errors errs;
    core_errors_clear(&errs);
    core_csv_table t;
    assert_int_equal(core_csv_parse("x.csv", text, sizeof text - 1, &t, &errs), STIEL_OK);
    assert_int_equal(errs.count, 0);
    assert_int_equal(t.nrows, 5);
    assert_int_equal(core_csv_column(&t, "sku"), 0);
    assert_int_equal(core_csv_column(&t, "name"), 1);
    assert_int_equal(core_csv_column(&t, "gtin"), -1);
    assert_string_equal(core_csv_cell(&t, 1, 1)->text, "Koffie, 1 kg");
    assert_string_equal(core_csv_cell(&t, 2, 1)->text, "zegt \"hoi\"");
    assert_string_equal(core_csv_cell(&t, 3, 1)->text, "twee\nregels");
    assert_int_equal(core_csv_cell(&t, 3, 1)->line, 5);
    assert_int_equal(t.rows[4].line, 7);  /* after the quoted line break and the lone CR */
    assert_string_equal(core_csv_cell(&t, 4, 1)->text, "");
    assert_int_equal(core_csv_cell(&t, 4, 1)->len, 0);
    assert_null(core_csv_cell(&t, 4, 2));
    assert_null(core_csv_cell(&t, 5, 0));
    core_csv_free(&t);
    core_csv_free(&t);  /* safe twice */
}

static void test_utf8_arabic_accepted(void **state)
{
    (void)state;
    static const char text[] = "name_ar\n\xd8\xad\xd8\xa8\xd9\x88\xd8\xa8 \xf0\x9f\x93\xa6\n";
    core_errors errs;
    core_errors_clear(&errs);
    core_csv_table t;
    assert_int_equal(core_csv_parse("x.csv", text, sizeof text - 1, &t, &errs), STIEL_OK);
    assert_int_equal(core_csv_cell(&t, 1, 0)->len, 13);
    core_csv_free(&t);
}

typedef struct bad_case {
    const char *text;
    stiel_status status;
    const char *message;
} bad_case;

static void test_bad_input_matrix(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        { "", STIEL_ERR_MISSING, "x.csv:1: the file is empty; its first row must name the columns" },
        { "\xEF\xBB\xBF\r\n\r\n", STIEL_ERR_MISSING,
          "x.csv:1: the file is empty; its first row must name the columns" },
        { "sku,name\nA1,Koffie \"extra\"\n", STIEL_ERR_SYNTAX,
          "x.csv:2: column name: a quote inside an unquoted field; quote the whole field and "
          "double every quote inside it" },
        { "sku,name\nA1,\"Koffie\" 1 kg\n", STIEL_ERR_SYNTAX,
          "x.csv:2: column name: text after the closing quote; quote the whole field and "
          "double every quote inside it" },
        { "sku,name\n\nA1,\"Koffie\n1 kg\n", STIEL_ERR_TRUNCATED,
          "x.csv:3: column name: a quoted field is never closed (its closing quote is missing)" },
        { "sku,name\nA1,Kof\0fie\n", STIEL_ERR_CHARSET,
          "x.csv:2: column name: holds a NUL byte; save the file as UTF-8 text" },
        { "sku,name\nA1,Caf\xe9\n", STIEL_ERR_CHARSET,
          "x.csv:2: column name: not valid UTF-8 (byte 4 of the field); save the file as UTF-8" },
        { "sku,name\nA1,\xc0\xaf\n", STIEL_ERR_CHARSET,  /* overlong "/" */
          "x.csv:2: column name: not valid UTF-8 (byte 1 of the field); save the file as UTF-8" },
        { "sku,name\nA1,\xed\xa0\x80\n", STIEL_ERR_CHARSET,  /* a UTF-16 surrogate */
          "x.csv:2: column name: not valid UTF-8 (byte 1 of the field); save the file as UTF-8" },
        { "sku,name\nA1,ab\xe2\x82\n", STIEL_ERR_CHARSET,  /* cut short at the end */
          "x.csv:2: column name: not valid UTF-8 (byte 3 of the field); save the file as UTF-8" },
        { "sku,name\nA1\n", STIEL_ERR_SYNTAX, "x.csv:2: the row has 1 fields, the header has 2" },
        { "sku,name\nA1,b,c\n", STIEL_ERR_SYNTAX,
          "x.csv:2: the row has 3 fields, the header has 2" },
        { "sku,name,sku\n", STIEL_ERR_SYNTAX,
          "x.csv:1: column 3: the name sku appears twice (also column 1)" },
        { "sku,,name\n", STIEL_ERR_SYNTAX,
          "x.csv:1: column 2: the header row has an empty column name" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const bad_case *c = &cases[k];
        size_t len = strlen(c->text);
        if (k == 5)
            len = sizeof "sku,name\nA1,Kof\0fie\n" - 1;
        core_errors errs;
        core_errors_clear(&errs);
        core_csv_table t;
        stiel_status st = core_csv_parse("x.csv", c->text, len, &t, &errs);
        if (st != c->status || errs.count != 1 || strcmp(errs.items[0].text, c->message) != 0)
            fail_msg("case %zu: got %d (%zu errors) \"%s\"", k, st, errs.count,
                     errs.count ? errs.items[0].text : "");
        assert_null(t.rows);
        assert_int_equal(t.nrows, 0);
    }
}

static void test_every_row_error_is_reported(void **state)
{
    (void)state;
    static const char text[] = "sku,name\nA1\nA2,\xff\nA3,ok,extra\n";
    core_errors errs;
    core_errors_clear(&errs);
    core_csv_table t;
    assert_int_equal(core_csv_parse("y.csv", text, sizeof text - 1, &t, &errs), STIEL_ERR_SYNTAX);
    assert_int_equal(errs.count, 3);
    assert_string_equal(errs.items[0].text, "y.csv:2: the row has 1 fields, the header has 2");
    assert_string_equal(errs.items[1].text,
                        "y.csv:3: column name: not valid UTF-8 (byte 1 of the field); "
                        "save the file as UTF-8");
    assert_string_equal(errs.items[2].text, "y.csv:4: the row has 3 fields, the header has 2");
}

static void test_overlong_field(void **state)
{
    (void)state;
    static char text[CORE_CSV_FIELD_MAX + 32];
    strcpy(text, "sku\n");
    memset(text + 4, 'x', CORE_CSV_FIELD_MAX + 1);
    core_errors errs;
    core_errors_clear(&errs);
    core_csv_table t;
    assert_int_equal(core_csv_parse("z.csv", text, strlen(text), &t, &errs), STIEL_ERR_OVERLONG);
    assert_string_equal(errs.items[0].text, "z.csv:2: column sku: field is longer than 4096 bytes");
    text[4 + CORE_CSV_FIELD_MAX] = '\0';  /* exactly the maximum is fine */
    core_errors_clear(&errs);
    assert_int_equal(core_csv_parse("z.csv", text, strlen(text), &t, &errs), STIEL_OK);
    assert_int_equal(core_csv_cell(&t, 1, 0)->len, CORE_CSV_FIELD_MAX);
    core_csv_free(&t);
}

static void test_error_list_is_bounded(void **state)
{
    (void)state;
    core_errors errs;
    core_errors_clear(&errs);
    for (int k = 0; k < CORE_ERRORS_MAX + 5; k++)
        core_errors_add(&errs, STIEL_ERR_SYNTAX, "e%d", k);
    assert_int_equal(errs.count, CORE_ERRORS_MAX);
    assert_int_equal(errs.dropped, 5);
    assert_int_equal(core_errors_total(&errs), CORE_ERRORS_MAX + 5);
    assert_int_equal(core_errors_add(NULL, STIEL_ERR_ARG, "x"), STIEL_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_line_ends_and_bom),
        cmocka_unit_test(test_utf8_arabic_accepted),
        cmocka_unit_test(test_bad_input_matrix),
        cmocka_unit_test(test_every_row_error_is_reported),
        cmocka_unit_test(test_overlong_field),
        cmocka_unit_test(test_error_list_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
