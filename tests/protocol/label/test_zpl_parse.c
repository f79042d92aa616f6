/* Tests of protocol/label/zpl_parse.c: every shipped template (filled with its samples, at 203 and
 * 300 dpi) round-trips encode → parse → encode to the same ZPL bytes with the same items, kinds and
 * data; Code 128 / GS1 / Data Matrix field data decode back; bold strokes merge; bad formats map to
 * their errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocol/label/encode.h"
#include "protocol/label/template.h"
#include "protocol/label/zpl_parse.h"

#ifndef STIEL_TEST_ASSETS
#define STIEL_TEST_ASSETS "assets"
#endif

/* Shaped text needs a bitmap: a small box stands in for it (parsing skips ^GF fields). */
static stiel_status fake_raster(void *ctx, const label_text *text, int dpi, stiel_bitmap *out)
{
    (void)ctx;
    (void)text;
    (void)dpi;
    stiel_status st = stiel_bitmap_init(out, 16, 8);
    if (st == STIEL_OK)
        stiel_bitmap_fill_rect(out, 0, 0, 16, 8, true);
    return st;
}

static size_t read_file(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n;
}

static void round_trip(const label *lab, const char *name)
{
    label_encode_options opt = {.rasterize_text = fake_raster};
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    stiel_diag diag;
    assert_int_equal(label_encode_zpl(lab, &opt, &a, &diag), STIEL_OK);
    label *back = calloc(1, sizeof *back);
    label_zpl_parse_info info;
    stiel_status st = label_zpl_parse((const char *)a.data, a.len, lab->dpi, back, &info, &diag);
    if (st != STIEL_OK)
        fail_msg("%s: %s", name, diag.text);
    assert_int_equal(label_encode_zpl(back, &opt, &b, &diag), STIEL_OK);
    if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
        fail_msg("%s at %d dpi: round trip differs\n--- encoded\n%s\n--- re-encoded\n%s", name, lab->dpi,
                 (const char *)a.data, (const char *)b.data);
    /* same items (raster text excepted), same kinds, same data */
    assert_int_equal(back->count + info.raster_fields, lab->count);
    size_t j = 0;
    for (size_t i = 0; i < lab->count; i++) {
        const label_item *it = &lab->items[i];
        if (it->kind == LABEL_ITEM_TEXT && label_text_needs_shaping(it->u.text.utf8))
            continue;
        const label_item *bt = &back->items[j++];
        assert_int_equal(bt->kind, it->kind);
        if (it->kind == LABEL_ITEM_TEXT) {
            assert_string_equal(bt->u.text.utf8, it->u.text.utf8);
            assert_int_equal(bt->u.text.bold, it->u.text.bold);
            assert_int_equal(bt->u.text.rotation, it->u.text.rotation);
        } else if (it->kind == LABEL_ITEM_BARCODE) {
            assert_int_equal(bt->u.barcode.symbology, it->u.barcode.symbology);
            if (it->u.barcode.symbology == LABEL_EAN13)
                assert_memory_equal(bt->u.barcode.data, it->u.barcode.data, 12);
            else
                assert_string_equal(bt->u.barcode.data, it->u.barcode.data);
        }
    }
    assert_int_equal(label_mm_to_dots(back->width_mm, lab->dpi), label_mm_to_dots(lab->width_mm, lab->dpi));
    free(back);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void test_every_template_round_trips(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/labels", STIEL_TEST_ASSETS);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int seen = 0;
    static char text[1 << 16];
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 7 || strcmp(e->d_name + nl - 6, ".label") != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n = read_file(path, text, sizeof text);
        assert_true(n > 0);
        label_template *t = calloc(1, sizeof *t);
        label *lab = calloc(1, sizeof *lab);
        stiel_diag diag;
        assert_int_equal(label_template_parse(text, n, e->d_name, t, &diag), STIEL_OK);
        assert_int_equal(label_template_fill(t, NULL, NULL, 0, lab, &diag), STIEL_OK);
        round_trip(lab, e->d_name);
        lab->dpi = lab->dpi == 300 ? 203 : 300;
        round_trip(lab, e->d_name);
        free(t);
        free(lab);
        seen++;
    }
    closedir(d);
    assert_true(seen >= 5);
}

static void test_barcode_data_decodes(void **state)
{
    (void)state;
    static const char zpl[] = "^XA^PW400^LL300\n"
                              "^FO10,10^BY2^BCN,100,Y,N,N^FD>;>8011234567890123110>6ABC^FS\n"
                              "^FO10,150^BY2^BCN,50,N,N,N^FD>:A>0B><C>=^FS\n"
                              "^FO200,150^BXN,4,200,,,,_^FDab_d094x__^FS\n"
                              "^FO300,10^BQN,2,3^FDQA,hello^FS\n"
                              "^FO10,250^A0N,25^FH^FDa_5Eb_7E^FS\n"
                              "^FO11,250^A0N,25^FH^FDa_5Eb_7E^FS\n"
                              "^PQ3\n^XZ\n";
    label lab;
    label_zpl_parse_info info;
    stiel_diag diag;
    stiel_status st = label_zpl_parse(zpl, sizeof zpl - 1, 203, &lab, &info, &diag);
    if (st != STIEL_OK)
        fail_msg("%s", diag.text);
    assert_int_equal(info.copies, 3);
    assert_int_equal(lab.count, 5);
    assert_int_equal(lab.items[0].u.barcode.symbology, LABEL_GS1_128);
    assert_string_equal(lab.items[0].u.barcode.data, "(01)12345678901231(10)ABC");
    assert_true(lab.items[0].u.barcode.human_readable);
    assert_int_equal(lab.items[1].u.barcode.symbology, LABEL_CODE128);
    assert_string_equal(lab.items[1].u.barcode.data, "A>B^C~");
    assert_int_equal(lab.items[2].u.barcode.symbology, LABEL_DATAMATRIX);
    assert_string_equal(lab.items[2].u.barcode.data, "ab^x_");
    assert_string_equal(lab.items[3].u.barcode.data, "hello");
    assert_int_equal(lab.items[3].u.barcode.symbology, LABEL_QR);
    assert_string_equal(lab.items[4].u.text.utf8, "a^b~");
    assert_true(lab.items[4].u.text.bold); /* the second stroke one dot across */
}

static void test_gs1_datamatrix(void **state)
{
    (void)state;
    static const char zpl[] = "^XA^PW400^LL300^FO20,20^BXN,4,200,,,,_^FD_10112345678901231_110AB__1^FS^XZ";
    label lab;
    assert_int_equal(label_zpl_parse(zpl, sizeof zpl - 1, 203, &lab, NULL, NULL), STIEL_OK);
    assert_int_equal(lab.items[0].u.barcode.symbology, LABEL_GS1_DATAMATRIX);
    assert_string_equal(lab.items[0].u.barcode.data, "(01)12345678901231(10)AB_1");
}

static void test_bad_formats(void **state)
{
    (void)state;
    label lab;
    stiel_diag diag;
    assert_int_equal(label_zpl_parse("^PW10", 5, 203, &lab, NULL, &diag), STIEL_ERR_SYNTAX);
    assert_int_equal(label_zpl_parse("^XA^PW10^LL10", 13, 203, &lab, NULL, &diag), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(diag.text, "^XZ"));
    assert_int_equal(label_zpl_parse("^XA^FO1,1^XZ", 12, 203, &lab, NULL, &diag), STIEL_ERR_MISSING);
    static const char fh[] = "^XA^PW10^LL10^FO1,1^A0N,20^FH^FDa_Zq^FS^XZ";
    assert_int_equal(label_zpl_parse(fh, sizeof fh - 1, 203, &lab, NULL, &diag), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(diag.text, "^FD"));
    static const char nofo[] = "^XA^PW10^LL10^A0N,20^FDx^FS^XZ";
    assert_int_equal(label_zpl_parse(nofo, sizeof nofo - 1, 203, &lab, NULL, &diag), STIEL_ERR_SYNTAX);
    static const char badc[] = "^XA^PW10^LL10^FO1,1^BCN,10,N,N,N^FD>;1^FS^XZ";
    assert_int_equal(label_zpl_parse(badc, sizeof badc - 1, 203, &lab, NULL, &diag), STIEL_ERR_SYNTAX);
    static const char badgs1[] = "^XA^PW10^LL10^FO1,1^BCN,10,N,N,N^FD>;>80112345678901234^FS^XZ";
    assert_int_equal(label_zpl_parse(badgs1, sizeof badgs1 - 1, 203, &lab, NULL, &diag), STIEL_ERR_CHECK_DIGIT);
    assert_int_equal(label_zpl_parse("^XA^XZ", 6, 50, &lab, NULL, &diag), STIEL_ERR_ARG);
}

/* Found by fuzz/fuzz_zpl_parse: ^BX data full of ^ and ~ (each written as _dNNN, 5 characters)
 * and of _ (__) is longer on the wire than the parser's field buffer was; a full-length
 * Data Matrix and Code 128 field must round-trip. */
static void test_longest_escaped_barcodes_round_trip(void **state)
{
    (void)state;
    static const char fill[] = {'~', '^', '_', '>'};
    for (size_t k = 0; k < sizeof fill; k++) {
        label *lab = calloc(1, sizeof *lab);
        assert_non_null(lab);
        lab->width_mm = 100;
        lab->height_mm = 100;
        lab->dpi = 203;
        lab->count = 2;
        label_barcode *dm = &lab->items[0].u.barcode, *c128 = &lab->items[1].u.barcode;
        lab->items[0].kind = LABEL_ITEM_BARCODE;
        dm->symbology = LABEL_DATAMATRIX;
        memset(dm->data, fill[k], LABEL_DATA_MAX - 1);
        lab->items[1].kind = LABEL_ITEM_BARCODE;
        lab->items[1].y_mm = 50;
        c128->symbology = LABEL_CODE128;
        c128->height_mm = 10;
        memset(c128->data, fill[k], LABEL_DATA_MAX - 1);
        round_trip(lab, "escaped barcode data");
        free(lab);
    }
}

/* Found by fuzz/fuzz_zpl_parse: numbers past INT_MAX went through atoi (undefined; glibc wraps)
 * and positions past the label's reach were kept, so a field far off the label encoded at 0 and
 * re-parsed as the bold stroke of its neighbour. Numbers are clamped to ZPL's ranges. */
static void test_huge_numbers_clamped(void **state)
{
    (void)state;
    static const char zpl[] = "^XA^PW400^LL300^FO99999999999999,0^A0N,80^FDAB^FS"
                              "^FO3,0^A0N,80^FDAB^FS^FO10,200^GB99999999999,5,99999999999^FS^PQ123456789012^XZ";
    label *lab = calloc(1, sizeof *lab);
    assert_non_null(lab);
    label_zpl_parse_info info;
    stiel_diag diag;
    assert_int_equal(label_zpl_parse(zpl, sizeof zpl - 1, 203, lab, &info, &diag), STIEL_OK);
    assert_int_equal(lab->count, 3);
    assert_int_equal(label_mm_to_dots(lab->items[0].x_mm, 203), 32000);
    assert_int_equal(label_mm_to_dots(lab->items[1].x_mm, 203), 3);
    assert_false(lab->items[1].u.text.bold);
    assert_int_equal(info.copies, 99999999);
    round_trip(lab, "huge numbers");
    static const char tall[] = "^XA^PW99999999999999^LL-5^FO1,1^A0N,80^FDAB^FS^XZ";
    assert_int_equal(label_zpl_parse(tall, sizeof tall - 1, 203, lab, &info, &diag), STIEL_ERR_MISSING);
    static const char wide[] = "^XA^PW99999999999999^LL300^FO1,1^A0N,80^FDAB^FS^XZ";
    assert_int_equal(label_zpl_parse(wide, sizeof wide - 1, 203, lab, &info, &diag), STIEL_OK);
    assert_int_equal(label_mm_to_dots(lab->width_mm, 203), 32000);
    free(lab);
}

/* Found by fuzz/fuzz_zpl_parse: a GS in plain (non-GS1) Data Matrix data was written as _1, an
 * FNC1, so data starting with GS printed (and parsed back) as a GS1 symbol, or not at all. */
static void test_plain_datamatrix_gs_stays_plain(void **state)
{
    (void)state;
    label *lab = calloc(1, sizeof *lab);
    assert_non_null(lab);
    lab->width_mm = 50;
    lab->height_mm = 30;
    lab->dpi = 203;
    lab->count = 1;
    lab->items[0].kind = LABEL_ITEM_BARCODE;
    lab->items[0].u.barcode.symbology = LABEL_DATAMATRIX;
    snprintf(lab->items[0].u.barcode.data, LABEL_DATA_MAX, "\x1d" "ABC\x1d" "D");
    stiel_buf z;
    stiel_buf_init(&z, 0);
    stiel_diag diag;
    assert_int_equal(label_encode_zpl(lab, NULL, &z, &diag), STIEL_OK);
    assert_non_null(strstr((const char *)z.data, "^FD_d029ABC_d029D^FS"));
    label *back = calloc(1, sizeof *back);
    assert_non_null(back);
    assert_int_equal(label_zpl_parse((const char *)z.data, z.len, 203, back, NULL, &diag), STIEL_OK);
    assert_int_equal(back->items[0].u.barcode.symbology, LABEL_DATAMATRIX);
    assert_string_equal(back->items[0].u.barcode.data, "\x1d" "ABC\x1d" "D");
    round_trip(lab, "plain Data Matrix with GS");
    stiel_buf_free(&z);
    free(back);
    free(lab);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_template_round_trips),
        cmocka_unit_test(test_barcode_data_decodes),
        cmocka_unit_test(test_gs1_datamatrix),
        cmocka_unit_test(test_bad_formats),
        cmocka_unit_test(test_longest_escaped_barcodes_round_trip),
        cmocka_unit_test(test_huge_numbers_clamped),
        cmocka_unit_test(test_plain_datamatrix_gs_stays_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
