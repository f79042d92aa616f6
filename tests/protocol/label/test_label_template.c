/* Tests of the label template parser and fill: good templates, each class of error with its
 * exact line, samples, overrides, field validation (SSCC check digit, unknown field). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/label/template.h"

static label_template tpl;
static label lab;

static stiel_status parse(const char *text, stiel_diag *d)
{
    return label_template_parse(text, strlen(text), "t.label", &tpl, d);
}

#define HEAD "label width=100 height=50 dpi=203\n"

static void test_parse_good(void **state)
{
    (void)state;
    stiel_diag d;
    const char *text =
        "# a comment\r\n"
        HEAD
        "title \"Demo \\\"label\\\"\"\n"
        "\n"
        "field code kind=text max=12 sample=\"A-1\" desc=\"The code\"\n"
        "field sscc kind=sscc sample=376123450000000016\n"
        "text x=5mm y=4 height=6 bold wrap=90 lines=2 align=center rotate=90 \"Code {code} {{x}}\"  # trailing\n"
        "line x=0 y=20 x2=100 y2=20 thickness=0.5\n"
        "box x=1 y=1 width=98 height=48\n"
        "barcode gs1-128 x=5 y=25 height=20 module=0.5 hri=no \"(00){sscc}\"\n";
    assert_int_equal(parse(text, &d), STIEL_OK);
    assert_string_equal(tpl.title, "Demo \"label\"");
    assert_true(tpl.width_mm == 100 && tpl.height_mm == 50 && tpl.dpi == 203);
    assert_int_equal(label_template_field_count(&tpl), 2);
    assert_string_equal(label_template_field_get(&tpl, 0)->name, "code");
    assert_string_equal(label_template_field_get(&tpl, 0)->description, "The code");
    assert_string_equal(label_template_field_get(&tpl, 0)->sample, "A-1");
    assert_int_equal(label_template_field_get(&tpl, 0)->max_len, 12);
    assert_int_equal(label_template_field_get(&tpl, 1)->kind, LABEL_FIELD_SSCC);
    assert_int_equal(label_template_field_get(&tpl, 1)->max_len, 18);
    assert_null(label_template_field_get(&tpl, 2));
    assert_int_equal(tpl.item_count, 4);
    const label_text *tx = &tpl.items[0].u.text;
    assert_int_equal(tpl.items[0].kind, LABEL_ITEM_TEXT);
    assert_true(tpl.items[0].x_mm == 5 && tpl.items[0].y_mm == 4);
    assert_true(tx->bold && tx->height_mm == 6 && tx->box_width_mm == 90 && tx->max_lines == 2);
    assert_int_equal(tx->align, LABEL_ALIGN_CENTER);
    assert_int_equal(tx->rotation, LABEL_ROT_90);
    assert_string_equal(tx->utf8, "Code {code} {{x}}");
    assert_true(tpl.items[1].u.line.x2_mm == 100 && tpl.items[1].u.line.thickness_mm == 0.5);
    assert_true(tpl.items[2].u.box.thickness_mm == 0.3);
    assert_int_equal(tpl.items[3].u.barcode.symbology, LABEL_GS1_128);
    assert_false(tpl.items[3].u.barcode.human_readable);

    assert_int_equal(label_template_fill(&tpl, NULL, NULL, 0, &lab, &d), STIEL_OK);
    assert_int_equal(lab.count, 4);
    assert_string_equal(lab.items[0].u.text.utf8, "Code A-1 {x}");
    assert_string_equal(lab.items[3].u.barcode.data, "(00)376123450000000016");
}

typedef struct bad_case {
    const char *text;
    stiel_status code;
    const char *diag;   /* exact */
} bad_case;

static void test_parse_errors(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {HEAD "field a kind=text sample=x\ntxt x=1 y=1 \"a\"\n", STIEL_ERR_SYNTAX,
         "t.label:3: unknown item kind 'txt' (label, title, field, text, line, box, barcode)"},
        {"text x=1 y=1 height=3 \"a\"\n", STIEL_ERR_SYNTAX,
         "t.label:1: the first directive must be 'label width=.. height=..'"},
        {HEAD "\n" HEAD, STIEL_ERR_SYNTAX, "t.label:3: a second 'label' line"},
        {HEAD "text x=1 y=1 height=3 colour=red \"a\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: unknown option 'colour' for text"},
        {HEAD "text x=1 y=1 height=3 italic \"a\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: unknown word 'italic' for text"},
        {HEAD "text x=abc y=1 height=3 \"a\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: x=abc is not a number of millimetres"},
        {HEAD "text x=101 y=1 height=3 \"a\"\n", STIEL_ERR_ARG,
         "t.label:2: x=101 is out of range (0..100)"},
        {HEAD "\n\ntext x=1 y=1 \"a\"\n", STIEL_ERR_MISSING, "t.label:4: text needs height="},
        {HEAD "text x=1 y=1 height=3 \"abc\n", STIEL_ERR_SYNTAX, "t.label:2: unterminated quote"},
        {HEAD "text x=1 y=1 height=3 \"{nope}\"\n", STIEL_ERR_NOT_FOUND,
         "t.label:2: text: {nope} names no declared field"},
        {HEAD "text x=1 y=1 height=3 \"{Bad\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: bad placeholder at '{Bad' (use {field_name}, or {{ for a brace)"},
        {HEAD "field a kind=txt sample=x\n", STIEL_ERR_SYNTAX,
         "t.label:2: field a: unknown kind 'txt' (text, digits, sscc, gtin13, gs1)"},
        {HEAD "field a kind=text sample=x\nfield a kind=text sample=y\n", STIEL_ERR_SYNTAX,
         "t.label:3: field 'a' declared twice"},
        {HEAD "field s kind=sscc sample=376123450000000018\n", STIEL_ERR_CHECK_DIGIT,
         "t.label:2: sample: field s: check digit is 8, expected 6"},
        {HEAD "field a kind=text\n", STIEL_ERR_MISSING,
         "t.label:2: field a needs sample= (a value a bare render uses)"},
        {HEAD "line x=1 y=1 x2=20 y2=20\n", STIEL_ERR_ARG,
         "t.label:2: a line must be horizontal (y2=y) or vertical (x2=x)"},
        {HEAD "barcode code39 x=1 y=1 \"A\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: unknown symbology 'code39' (code128, gs1-128, ean13, qr, datamatrix, "
         "gs1-datamatrix)"},
        {HEAD "box x=90 y=1 width=20 height=5\n", STIEL_ERR_ARG, "t.label:2: the box runs off the label"},
        {HEAD "text x=1 y=1 height=3 lines=2 \"a\"\n", STIEL_ERR_ARG,
         "t.label:2: lines= needs wrap= (the box width)"},
        {HEAD "barcode gs1-128 x=1 y=1 \"(01)12345678901232\"\n", STIEL_ERR_CHECK_DIGIT, NULL},
        {HEAD "barcode ean13 x=1 y=1 \"12345\"\n", STIEL_ERR_CHARSET,
         "t.label:2: barcode ean13: needs 12 or 13 digits, got '12345'"},
        {HEAD "# nothing\n", STIEL_ERR_MISSING, "t.label:2: the template has no items"},
        {"", STIEL_ERR_SYNTAX, "t.label:1: no 'label width=.. height=..' line"},
        {HEAD "label width=100 height=50 dpi=250\n", STIEL_ERR_SYNTAX, NULL},
        {"label width=100 height=50 dpi=250\n", STIEL_ERR_ARG, "t.label:1: dpi=250: use 152, 203, 300 or 600"},
        {HEAD "text x=1 y=1 height=3 \"a\" \"b\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: text has more than one quoted string"},
        {HEAD "text x=1 y=1 height=3 \"a\\n\"\n", STIEL_ERR_SYNTAX,
         "t.label:2: bad escape in quotes (use \\\" or \\\\)"},
        {HEAD "text x=1 y=1 height=3 x=\"\"\"a\"\n", STIEL_ERR_SYNTAX, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stiel_diag d;
        stiel_status st = parse(cases[i].text, &d);
        print_message("case %zu: %s\n", i, d.text);
        assert_int_equal(st, cases[i].code);
        assert_int_equal(d.code, cases[i].code);
        if (cases[i].diag != NULL)
            assert_string_equal(d.text, cases[i].diag);
    }
}

static void test_parse_limits(void **state)
{
    (void)state;
    static char text[8192];
    stiel_diag d;
    size_t n = (size_t)snprintf(text, sizeof text, HEAD);
    for (int i = 0; i < LABEL_MAX_ITEMS + 1; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "line x=1 y=1 x2=2 y2=1\n");
    assert_int_equal(label_template_parse(text, n, "big.label", &tpl, &d), STIEL_ERR_OVERLONG);
    assert_string_equal(d.text, "big.label:50: more than 48 items");

    /* A text that only overflows once its field is filled with the sample. */
    n = (size_t)snprintf(text, sizeof text, HEAD "field a kind=text sample=\"%0200d\"\n"
                         "text x=1 y=1 height=3 \"{a}{a}\"\n", 0);
    assert_int_equal(label_template_parse(text, n, "long.label", &tpl, &d), STIEL_ERR_OVERLONG);
    assert_string_equal(d.text, "long.label:3: text: longer than 255 bytes once filled");

    /* NUL in the middle of the text. */
    assert_int_equal(label_template_parse(HEAD "text\0", sizeof HEAD + 4, NULL, &tpl, &d),
                     STIEL_ERR_SYNTAX);
    assert_string_equal(d.text, "template:2: NUL byte in the template");
}

static const char *const gs1_tpl = HEAD
    "field sscc kind=sscc sample=376123450000000016 desc=\"SSCC\"\n"
    "field order kind=text max=8 sample=ORD-1\n"
    "field n kind=digits max=3 sample=1\n"
    "field ai kind=gs1 sample=\"(01)08712345678906(10)AB1\"\n"
    "field gtin kind=gtin13 sample=8712345678906\n"
    "text x=1 y=1 height=3 \"Order {order}, box {n}\"\n"
    "barcode gs1-128 x=1 y=10 \"(00){sscc}\"\n"
    "barcode gs1-datamatrix x=60 y=10 \"{ai}\"\n"
    "barcode ean13 x=1 y=30 \"{gtin}\"\n";

static void test_fill(void **state)
{
    (void)state;
    stiel_diag d;
    stiel_status pst = parse(gs1_tpl, &d);
    if (pst != STIEL_OK)
        print_error("%s\n", d.text);
    assert_int_equal(pst, STIEL_OK);

    const char *keys[] = {"order", "sscc"};
    const char *vals[] = {"Zoë-7", "087123450000000011"};
    assert_int_equal(label_template_fill(&tpl, keys, vals, 2, &lab, &d), STIEL_OK);
    assert_string_equal(lab.items[0].u.text.utf8, "Order Zoë-7, box 1");
    assert_string_equal(lab.items[1].u.barcode.data, "(00)087123450000000011");
    assert_string_equal(lab.items[2].u.barcode.data, "(01)08712345678906(10)AB1");
    assert_int_equal(lab.dpi, 203);

    typedef struct {
        const char *key, *value;
        stiel_status code;
        const char *diag;
    } fill_case;
    static const fill_case cases[] = {
        {"sscc", "376123450000000017", STIEL_ERR_CHECK_DIGIT, "field sscc: check digit is 7, expected 6"},
        {"sscc", "37612345000000001", STIEL_ERR_LENGTH, "field sscc: expected 18 digits, got 17"},
        {"sscc", "3761234500000000AB", STIEL_ERR_CHARSET, "field sscc: digits only, got '3761234500000000AB'"},
        {"scc", "1", STIEL_ERR_NOT_FOUND, "unknown field 'scc' (fields: sscc, order, n, ai, gtin)"},
        {"order", "ORDER-1234", STIEL_ERR_LENGTH, "field order: 10 characters, at most 8 allowed"},
        {"order", "Zoë Zoë!", STIEL_OK, NULL}, /* 8 code points, 10 bytes */
        {"order", "a\tb", STIEL_ERR_CHARSET, "field order: control character (0x09) not allowed"},
        {"order", "\xC3\x28", STIEL_ERR_CHARSET, "field order: not valid UTF-8"},
        {"n", "1a", STIEL_ERR_CHARSET, "field n: digits only, got '1a'"},
        {"n", "1234", STIEL_ERR_LENGTH, "field n: 4 characters, at most 3 allowed"},
        {"gtin", "8712345678907", STIEL_ERR_CHECK_DIGIT, "field gtin: check digit is 7, expected 6"},
        {"ai", "(01)08712345678907", STIEL_ERR_CHECK_DIGIT, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *k[] = {cases[i].key};
        const char *v[] = {cases[i].value};
        stiel_status st = label_template_fill(&tpl, k, v, 1, &lab, &d);
        print_message("fill case %zu: %s\n", i, d.text);
        assert_int_equal(st, cases[i].code);
        if (cases[i].diag != NULL)
            assert_string_equal(d.text, cases[i].diag);
        if (cases[i].code == STIEL_ERR_CHECK_DIGIT && cases[i].diag == NULL)
            assert_non_null(strstr(d.text, "field ai: "));
    }

    const char *dk[] = {"order", "order"};
    const char *dv[] = {"A", "B"};
    assert_int_equal(label_template_fill(&tpl, dk, dv, 2, &lab, &d), STIEL_ERR_ARG);
    assert_string_equal(d.text, "field order given twice");
}

/* Every shipped template parses and fills with its samples; the shipping sample SSCC is valid. */
static void test_shipped_templates(void **state)
{
    (void)state;
    static const char *const names[] = {"shipping", "item", "location", "tote", "badge"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512], file[64];
        static char text[16384];
        stiel_diag d;
        snprintf(path, sizeof path, "%s/labels/%s.label", STIEL_TEST_ASSETS, names[i]);
        snprintf(file, sizeof file, "%s.label", names[i]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t n = fread(text, 1, sizeof text, f);
        fclose(f);
        stiel_status st = label_template_parse(text, n, file, &tpl, &d);
        if (st != STIEL_OK)
            print_error("%s\n", d.text);
        assert_int_equal(st, STIEL_OK);
        assert_true(tpl.title[0] != '\0');
        for (size_t k = 0; k < tpl.field_count; k++) {
            assert_true(tpl.fields[k].description[0] != '\0');
            assert_true(tpl.fields[k].sample[0] != '\0');
        }
        assert_int_equal(label_template_fill(&tpl, NULL, NULL, 0, &lab, &d), STIEL_OK);
        if (strcmp(names[i], "shipping") == 0) {
            const label_field *s = label_template_field_find(&tpl, "sscc");
            assert_non_null(s);
            assert_int_equal(s->kind, LABEL_FIELD_SSCC);
            assert_string_equal(s->sample, "376123450000000016");
            assert_string_equal(label_template_field_find(&tpl, "receiver_name")->sample,
                                "Zo\xC3\xAB Dubois-No\xC3\xABl");
            assert_true(tpl.width_mm == 100 && tpl.height_mm == 150);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_fill),
        cmocka_unit_test(test_shipped_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
