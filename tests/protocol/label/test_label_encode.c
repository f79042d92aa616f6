/* Tests of the native label encoders: byte-exact ZPL, TSPL and EPL for a small hand-made label,
 * GS1-128 ^BC sequences, ^ and ~ escaping, rotation anchors, non-ASCII routing (native or raster
 * through a fake rasterizer), and every shipped template encoded in all three languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocol/label/encode.h"
#include "protocol/label/template.h"

typedef struct fake_raster {
    int calls;
    char last[LABEL_TEXT_MAX];
    stiel_status fail;
} fake_raster;

/* A 16 x 2 bitmap whose first row is 8 black dots: "FF00" / "0000". */
static stiel_status fake_rasterize(void *ctx, const label_text *text, int dpi, stiel_bitmap *out)
{
    fake_raster *f = ctx;
    stiel_status st;
    (void)dpi;
    f->calls++;
    snprintf(f->last, sizeof f->last, "%s", text->utf8);
    if (f->fail != STIEL_OK)
        return f->fail;
    st = stiel_bitmap_init(out, 16, 2);
    if (st != STIEL_OK)
        return st;
    stiel_bitmap_fill_rect(out, 0, 0, 8, 1, true);
    return STIEL_OK;
}

typedef stiel_status (*encode_fn)(const label *, const label_encode_options *, stiel_buf *, stiel_diag *);

static label lab;

static const void *find_bytes(const uint8_t *hay, size_t n, const void *needle, size_t m)
{
    for (size_t i = 0; m <= n && i + m <= n; i++) {
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    }
    return NULL;
}

static label_item *add(label_kind kind, double x, double y)
{
    label_item *it = &lab.items[lab.count++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->x_mm = x;
    it->y_mm = y;
    return it;
}

static void new_label(void)
{
    memset(&lab, 0, sizeof lab);
    lab.width_mm = 50;
    lab.height_mm = 30;
    lab.dpi = 203;
}

static label_text *add_text(double x, double y, double h, const char *s)
{
    label_text *t = &add(LABEL_ITEM_TEXT, x, y)->u.text;
    t->height_mm = h;
    snprintf(t->utf8, sizeof t->utf8, "%s", s);
    return t;
}

static label_barcode *add_barcode(label_symbology sym, double x, double y, const char *data)
{
    label_barcode *b = &add(LABEL_ITEM_BARCODE, x, y)->u.barcode;
    b->symbology = sym;
    b->height_mm = 10;
    b->module_mm = 0.25;
    b->human_readable = true;
    snprintf(b->data, sizeof b->data, "%s", data);
    return b;
}

/* A small label with one of each kind of item. */
static void small_label(void)
{
    new_label();
    add_text(2, 2, 3, "Hi ^you~ \"q\" \\");
    label_item *ln = add(LABEL_ITEM_LINE, 0, 10);
    ln->u.line.x2_mm = 50;
    ln->u.line.y2_mm = 10;
    ln->u.line.thickness_mm = 0.5;
    label_item *bx = add(LABEL_ITEM_BOX, 1, 1);
    bx->u.box.width_mm = 48;
    bx->u.box.height_mm = 28;
    bx->u.box.thickness_mm = 0.25;
    add_barcode(LABEL_CODE128, 2, 12, "AB12");
    label_barcode *qr = add_barcode(LABEL_QR, 30, 12, "x");
    qr->module_mm = 0.5;
}

static char *encode(encode_fn fn, const label_encode_options *opt, stiel_buf *b)
{
    stiel_diag d;
    stiel_buf_init(b, 0);
    stiel_status st = fn(&lab, opt, b, &d);
    if (st != STIEL_OK)
        print_error("encode: %s\n", d.text);
    assert_int_equal(st, STIEL_OK);
    return (char *)b->data;
}

static void test_zpl_exact(void **state)
{
    (void)state;
    stiel_buf b;
    small_label();
    assert_string_equal(encode(label_encode_zpl, NULL, &b),
                        "^XA\n^CI28\n^PW400\n^LL240\n"
                        "^FO16,16^A0N,24^FH^FDHi _5Eyou_7E \"q\" \\^FS\n"
                        "^FO0,80^GB400,4,4^FS\n"
                        "^FO8,8^GB384,224,2^FS\n"
                        "^FO16,96^BY2^BCN,80,Y,N,N^FD>:AB12^FS\n"
                        "^FO240,96^BQN,2,4^FDQA,x^FS\n"
                        "^PQ1\n^XZ\n");
    stiel_buf_free(&b);
}

static void test_tspl_exact(void **state)
{
    (void)state;
    stiel_buf b;
    label_encode_options opt = {.copies = 2, .gap_mm = 2.5};
    small_label();
    assert_string_equal(encode(label_encode_tspl, &opt, &b),
                        "SIZE 50 mm,30 mm\r\nGAP 2.5 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n"
                        "TEXT 16,16,\"0\",0,9,9,\"Hi ^you~ \\[\"]q\\[\"] \\\"\r\n"
                        "BAR 0,80,400,4\r\n"
                        "BOX 8,8,392,232,2\r\n"
                        "BARCODE 16,96,\"128\",80,1,0,2,2,\"AB12\"\r\n"
                        "QRCODE 240,96,M,4,A,0,\"x\"\r\n"
                        "PRINT 1,2\r\n");
    stiel_buf_free(&b);
}

static void test_epl_exact(void **state)
{
    (void)state;
    stiel_buf b;
    small_label();
    assert_string_equal(encode(label_encode_epl, NULL, &b),
                        "\nN\nq400\nQ240,24\n"
                        "A16,16,0,1,2,2,N,\"Hi ^you~ \\\"q\\\" \\\\\"\n"
                        "LO0,80,400,4\n"
                        "X8,8,2,392,232\n"
                        "B16,96,0,1,2,4,80,B,\"AB12\"\n"
                        "b240,96,Q,m2,s4,eM,iA,\"x\"\n"
                        "P1\n");
    stiel_buf_free(&b);
}

static void seq_is(const char *data, size_t len, bool gs1, const char *want)
{
    stiel_buf b;
    stiel_diag d;
    stiel_buf_init(&b, 0);
    assert_int_equal(label_zpl_code128_data(data, len, gs1, &b, &d), STIEL_OK);
    assert_string_equal((char *)b.data, want);
    stiel_buf_free(&b);
}

/* A line drawn right to left and downwards starts at its lesser corner in every language; a box
 * whose border is half its shorter side or more is drawn solid. */
static void test_line_box_geometry(void **state)
{
    (void)state;
    static const struct {
        encode_fn fn;
        const char *line, *box;
    } cases[] = {
        {label_encode_zpl, "^FO80,160^GB240,40,8^FS\n", "^FO16,24^GB32,16,16^FS\n"},
        {label_encode_tspl, "BAR 80,160,240,40\r\n", "BAR 16,24,32,16\r\n"},
        {label_encode_epl, "LO80,160,240,40\n", "LO16,24,32,16\n"},
    };
    new_label();
    label_item *ln = add(LABEL_ITEM_LINE, 40, 20);
    ln->u.line.x2_mm = 10;
    ln->u.line.y2_mm = 25;
    ln->u.line.thickness_mm = 1;
    label_item *bx = add(LABEL_ITEM_BOX, 2, 3);
    bx->u.box.width_mm = 4;
    bx->u.box.height_mm = 2;
    bx->u.box.thickness_mm = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stiel_buf b;
        const char *text = encode(cases[i].fn, NULL, &b);
        assert_non_null(strstr(text, cases[i].line));
        assert_non_null(strstr(text, cases[i].box));
        stiel_buf_free(&b);
    }
}

static void test_code128_sequences(void **state)
{
    (void)state;
    /* The reference's verified example, reproduced byte for byte from its decoded content. */
    static const char ref[] = "\x1d" "0012345678901231\x1d" "102612311012AB";
    seq_is(ref, sizeof ref - 1, false, ">;>80012345678901231>8102612311012>6AB");
    seq_is(ref + 1, sizeof ref - 2, true, ">;>80012345678901231>8102612311012>6AB");
    seq_is("AB12", 4, false, ">:AB12");
    seq_is("A>B^C~", 6, false, ">:A>0B><C>=");
    seq_is("123456", 6, false, ">;123456");
    seq_is("12345", 5, false, ">;1234>65");       /* odd run: last digit in B */
    seq_is("AB12345", 7, false, ">:AB12345");       /* once in B, stays in B (no >5) */
    seq_is("TOTE-0042", 9, false, ">:TOTE-0042");

    stiel_buf b;
    stiel_diag d;
    stiel_buf_init(&b, 0);
    assert_int_equal(label_zpl_code128_data("A\x01", 2, false, &b, &d), STIEL_ERR_CHARSET);
    stiel_buf_free(&b);
}

/* Found by fuzz_zpl_parse: plain Code 128 data made only of GS bytes printed as ">;>8>8...", a
 * GS1-128 symbol with no element data that our own reader (rightly) refuses. A leading GS in
 * plain Code 128 data is refused with a reason instead. */
static void test_code128_leading_gs_refused(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_diag d;
    new_label();
    add_barcode(LABEL_CODE128, 1, 1, "\x1d\x1d" "NOTE");
    stiel_buf_init(&b, 0);
    label_encode_options opt = {0};
    assert_int_equal(label_encode_zpl(&lab, &opt, &b, &d), STIEL_ERR_CHARSET);
    assert_non_null(strstr(d.text, "gs1-128"));
    stiel_buf_free(&b);
}

static void gs1_zpl_is(const char *hri, const char *want_field)
{
    stiel_buf b;
    new_label();
    add_barcode(LABEL_GS1_128, 1, 1, hri)->human_readable = false;
    char *z = encode(label_encode_zpl, NULL, &b);
    char line[256];
    snprintf(line, sizeof line, "^FO8,8^BY2^BCN,80,N,N,N^FD%s^FS\n", want_field);
    if (strstr(z, line) == NULL)
        print_error("got:\n%s\nwant line: %s", z, line);
    assert_non_null(strstr(z, line));
    stiel_buf_free(&b);
}

static void test_gs1_128_zpl(void **state)
{
    (void)state;
    gs1_zpl_is("(00)376123450000000016", ">;>800376123450000000016");              /* fixed */
    gs1_zpl_is("(01)08712345678906(17)261231", ">;>8010871234567890617261231");    /* fixed only */
    gs1_zpl_is("(10)12345(17)261231", ">;>8101234>65>817261231");    /* variable, odd, middle */
    gs1_zpl_is("(01)08712345678906(10)AB12", ">;>8010871234567890610>6AB12");      /* alnum last */
    gs1_zpl_is("(10)AB(21)X1", ">;>810>6AB>821X1");                              /* FNC1 in B */
}

static void test_escaping(void **state)
{
    (void)state;
    stiel_buf b;
    new_label();
    add_barcode(LABEL_CODE128, 1, 1, "A^B~C_D");
    add_barcode(LABEL_DATAMATRIX, 1, 10, "a_b^c~d")->module_mm = 0.5;
    add_barcode(LABEL_GS1_DATAMATRIX, 20, 10, "(01)08712345678906(10)A_1(21)7")->module_mm = 0.5;
    add_barcode(LABEL_QR, 30, 10, "q^r");
    char *z = encode(label_encode_zpl, NULL, &b);
    assert_non_null(strstr(z, "^BCN,80,Y,N,N^FD>:A><B>=C_D^FS\n"));
    assert_non_null(strstr(z, "^BXN,4,200,,,,_^FDa__b_d094c_d126d^FS\n"));
    assert_non_null(strstr(z, "^BXN,4,200,,,,_^FD_1010871234567890610A__1_121" "7^FS\n"));
    assert_non_null(strstr(z, "^FH^FDQA,q_5Er^FS\n"));
    /* No raw ^ or ~ between ^FD and ^FS anywhere. */
    for (const char *p = strstr(z, "^FD"); p != NULL; p = strstr(p + 1, "^FD")) {
        const char *end = strstr(p + 3, "^FS");
        assert_non_null(end);
        for (const char *q = p + 3; q < end; q++)
            assert_true(*q != '^' && *q != '~');
    }
    stiel_buf_free(&b);
}

static void test_rotation(void **state)
{
    (void)state;
    stiel_buf b;
    new_label();
    add_text(2, 2, 3, "AB")->rotation = LABEL_ROT_90;
    add_barcode(LABEL_CODE128, 10, 2, "X1")->rotation = LABEL_ROT_270;
    assert_non_null(strstr(encode(label_encode_zpl, NULL, &b), "^FO16,16^A0R,24^FDAB^FS\n"));
    assert_non_null(strstr((char *)b.data, "^FO80,16^BY2^BCB,80,Y,N,N"));
    stiel_buf_free(&b);
    /* TSPL and EPL rotate about the text's own corner: for 90 degrees it sits one text height
     * right of the bounding box's left edge. */
    assert_non_null(strstr(encode(label_encode_tspl, NULL, &b), "TEXT 40,16,\"0\",90,9,9,\"AB\"\r\n"));
    assert_non_null(strstr((char *)b.data, "BARCODE 80,16,\"128\",80,1,270,2,2,\"X1\"\r\n"));
    stiel_buf_free(&b);
    assert_non_null(strstr(encode(label_encode_epl, NULL, &b), "A40,16,1,1,2,2,N,\"AB\"\n"));
    assert_non_null(strstr((char *)b.data, "B80,16,3,1,2,4,80,B,\"X1\"\n"));
    stiel_buf_free(&b);
}

static void test_non_ascii_routing(void **state)
{
    (void)state;
    fake_raster fr = {0};
    label_encode_options opt = {.rasterize_text = fake_rasterize, .rasterize_ctx = &fr};
    stiel_buf b;
    stiel_diag d;

    /* Latin: native in ZPL (^CI28), raster in TSPL and EPL. */
    new_label();
    add_text(4, 5, 3, "Zo\xC3\xAB");
    assert_non_null(strstr(encode(label_encode_zpl, &opt, &b), "^FO32,40^A0N,24^FDZo\xC3\xAB^FS\n"));
    assert_non_null(strstr((char *)b.data, "^CI28\n"));
    assert_int_equal(fr.calls, 0);
    stiel_buf_free(&b);
    encode(label_encode_tspl, &opt, &b);
    static const char tspl_bm[] = "BITMAP 32,40,2,2,0,\x00\xFF\xFF\xFF\r\n";
    assert_non_null(find_bytes(b.data, b.len, tspl_bm, sizeof tspl_bm - 1));
    assert_null(strstr((char *)b.data, "TEXT"));
    assert_int_equal(fr.calls, 1);
    assert_string_equal(fr.last, "Zo\xC3\xAB");
    stiel_buf_free(&b);
    encode(label_encode_epl, &opt, &b);
    static const char epl_gw[] = "GW32,40,2,2,\x00\xFF\xFF\xFF\n";
    assert_non_null(find_bytes(b.data, b.len, epl_gw, sizeof epl_gw - 1));
    assert_int_equal(fr.calls, 2);
    stiel_buf_free(&b);

    /* Arabic (and Hebrew): raster everywhere, ZPL as ^GFA. */
    new_label();
    add_text(4, 5, 3, "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");
    add_text(4, 15, 3, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
    fr.calls = 0;
    assert_non_null(strstr(encode(label_encode_zpl, &opt, &b), "^FO32,40^GFA,4,4,2,"));
    assert_non_null(strstr((char *)b.data, "^FO32,120^GFA,4,4,2,"));
    assert_null(strstr((char *)b.data, "^A0"));
    assert_int_equal(fr.calls, 2);
    stiel_buf_free(&b);
    encode(label_encode_tspl, &opt, &b);
    stiel_buf_free(&b);
    encode(label_encode_epl, &opt, &b);
    stiel_buf_free(&b);
    assert_int_equal(fr.calls, 6);

    /* No rasterizer: a clear error naming the text; Latin still fine in ZPL. */
    for (int k = 0; k < 3; k++) {
        encode_fn fns[] = {label_encode_zpl, label_encode_tspl, label_encode_epl};
        stiel_buf_init(&b, 0);
        assert_int_equal(fns[k](&lab, NULL, &b, &d), STIEL_ERR_UNSUPPORTED);
        assert_non_null(strstr(d.text, "no text rasterizer"));
        assert_non_null(strstr(d.text, "\xD9\x85"));
        stiel_buf_free(&b);
    }
    new_label();
    add_text(4, 5, 3, "Zo\xC3\xAB");
    stiel_buf_init(&b, 0);
    assert_int_equal(label_encode_zpl(&lab, NULL, &b, &d), STIEL_OK);
    stiel_buf_free(&b);
    stiel_buf_init(&b, 0);
    assert_int_equal(label_encode_tspl(&lab, NULL, &b, &d), STIEL_ERR_UNSUPPORTED);
    assert_string_equal(d.text, "text 'Zo\xC3\xAB' cannot be printed with TSPL fonts and no text "
                                "rasterizer was given");
    stiel_buf_free(&b);

    /* The callback's own error is passed on. */
    fr.fail = STIEL_ERR_NOMEM;
    stiel_buf_init(&b, 0);
    assert_int_equal(label_encode_epl(&lab, &opt, &b, &d), STIEL_ERR_NOMEM);
    stiel_buf_free(&b);

    assert_false(label_text_needs_shaping("Zo\xC3\xAB Stra\xC3\x9F" "e"));
    assert_true(label_text_needs_shaping("a\xEF\xBB\xBF"));   /* U+FEFF */
    assert_true(label_text_needs_shaping("\xC3"));            /* invalid: raster */
    assert_true(label_text_is_ascii("plain ~^"));
    assert_false(label_text_is_ascii("caf\xC3\xA9"));
}

static void test_bad_labels(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_diag d;
    stiel_buf_init(&b, 0);
    new_label();
    lab.dpi = 0;
    assert_int_equal(label_encode_zpl(&lab, NULL, &b, &d), STIEL_ERR_ARG);
    new_label();
    lab.count = LABEL_MAX_ITEMS + 1;
    assert_int_equal(label_encode_tspl(&lab, NULL, &b, &d), STIEL_ERR_ARG);
    new_label();
    add_barcode(LABEL_GS1_DATAMATRIX, 1, 1, "(01)08712345678906");
    assert_int_equal(label_encode_epl(&lab, NULL, &b, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "GS1 Data Matrix"));
    new_label();
    add_barcode(LABEL_GS1_128, 1, 1, "(01)08712345678907");
    assert_int_equal(label_encode_zpl(&lab, NULL, &b, &d), STIEL_ERR_CHECK_DIGIT);
    stiel_buf_free(&b);
}

/* Every shipped template fills with its samples and encodes in all three languages. */
static void test_shipped_templates(void **state)
{
    (void)state;
    static const char *const names[] = {"shipping", "item", "location", "tote", "badge"};
    static label_template tpl;
    fake_raster fr = {0};
    label_encode_options opt = {.rasterize_text = fake_rasterize, .rasterize_ctx = &fr};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        static char text[16384];
        stiel_diag d;
        stiel_buf b;
        snprintf(path, sizeof path, "%s/labels/%s.label", STIEL_TEST_ASSETS, names[i]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t n = fread(text, 1, sizeof text, f);
        fclose(f);
        assert_int_equal(label_template_parse(text, n, names[i], &tpl, &d), STIEL_OK);
        assert_int_equal(label_template_fill(&tpl, NULL, NULL, 0, &lab, &d), STIEL_OK);
        encode(label_encode_zpl, &opt, &b);
        print_message("%s: ZPL %zu bytes\n", names[i], b.len);
        assert_true(strncmp((char *)b.data, "^XA\n", 4) == 0);
        assert_non_null(strstr((char *)b.data, "^PQ1\n^XZ\n"));
        if (strcmp(names[i], "shipping") == 0) {
            assert_true(b.len <= 1024);
            assert_non_null(strstr((char *)b.data, "^BCN,256,N,N,N^FD>;>800376123450000000016^FS"));
            assert_non_null(strstr((char *)b.data, "^FDZo\xC3\xAB Dubois-No\xC3\xABl^FS"));
        }
        stiel_buf_free(&b);
        encode(label_encode_tspl, &opt, &b);
        assert_non_null(find_bytes(b.data, b.len, "PRINT 1,1\r\n", 11));
        stiel_buf_free(&b);
        encode(label_encode_epl, &opt, &b);
        assert_true(b.len > 4 && memcmp(b.data + b.len - 3, "P1\n", 3) == 0);
        stiel_buf_free(&b);
    }
    assert_int_equal(fr.calls, 2); /* the shipping receiver name, in TSPL and EPL */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zpl_exact),
        cmocka_unit_test(test_tspl_exact),
        cmocka_unit_test(test_epl_exact),
        cmocka_unit_test(test_line_box_geometry),
        cmocka_unit_test(test_code128_sequences),
        cmocka_unit_test(test_gs1_128_zpl),
        cmocka_unit_test(test_code128_leading_gs_refused),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_non_ascii_routing),
        cmocka_unit_test(test_bad_labels),
        cmocka_unit_test(test_shipped_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
