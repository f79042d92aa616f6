/* Tests of render/: barcode widths in dots at 203 dpi (Code 128, EAN-13, GS1-128), white quiet
 * zones, check digits refused, 2D symbols square, Arabic shaped (not the same as its reversed
 * string), wrapping and rotation, a whole label, PNG files (no partial file left), and the
 * label-to-printer-bytes entry point. Headless: no window is opened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/label_output.h"
#include "render/render.h"

static int setup(void **state)
{
    render_context *ctx = NULL;
    stiel_diag diag;
    if (render_context_new(STIEL_TEST_FONTS, &ctx, &diag) != STIEL_OK) {
        fprintf(stderr, "%s\n", diag.text);
        return -1;
    }
    *state = ctx;
    return 0;
}

static int teardown(void **state)
{
    render_context_free(*state);
    return 0;
}

static label_barcode barcode(label_symbology s, const char *data)
{
    label_barcode bc;
    memset(&bc, 0, sizeof bc);
    bc.symbology = s;
    snprintf(bc.data, sizeof bc.data, "%s", data);
    bc.height_mm = 10;
    return bc;
}

/* True when columns [x0, x1) are white in every row. */
static bool columns_white(const stiel_bitmap *bm, int x0, int x1)
{
    for (int y = 0; y < bm->height; y++)
        for (int x = x0; x < x1; x++)
            if (stiel_bitmap_get(bm, x, y))
                return false;
    return true;
}

static bool column_has_black(const stiel_bitmap *bm, int x, int rows)
{
    for (int y = 0; y < rows; y++)
        if (stiel_bitmap_get(bm, x, y))
            return true;
    return false;
}

/* Renders a 1D code and checks its width: modules (+ quiet zones) x module dots. */
static void check_linear(render_context *ctx, label_symbology s, const char *data, int modules, int quiet_left,
                         int quiet_right)
{
    label_barcode bc = barcode(s, data);
    stiel_bitmap bm;
    render_barcode_box box;
    stiel_diag diag;
    assert_int_equal(render_barcode(ctx, &bc, 203, &bm, &box, &diag), STIEL_OK);
    assert_int_equal(box.module_dots, 2); /* 0.25 mm at 203 dpi */
    assert_int_equal(bm.width, (quiet_left + modules + quiet_right) * 2);
    assert_int_equal(box.x, quiet_left * 2);
    assert_int_equal(box.width, modules * 2);
    assert_int_equal(bm.height, label_mm_to_dots(10, 203)); /* no HRI asked */
    assert_true(columns_white(&bm, 0, box.x));
    assert_true(columns_white(&bm, box.x + box.width, bm.width));
    assert_true(column_has_black(&bm, box.x, bm.height));               /* the first bar */
    assert_true(column_has_black(&bm, box.x + box.width - 1, bm.height)); /* the last bar */
    stiel_bitmap_free(&bm);
}

static void test_linear_widths_at_203(void **state)
{
    render_context *ctx = *state;
    /* Code 128 "ABC": start B + 3 + check = 5 x 11 + stop 13 = 68 modules, 10X quiet zones */
    check_linear(ctx, LABEL_CODE128, "ABC", 68, 10, 10);
    /* EAN-13: 95 modules, quiet zones 11 left and 7 right */
    check_linear(ctx, LABEL_EAN13, "400638133393", 95, 11, 7);
    check_linear(ctx, LABEL_EAN13, "4006381333931", 95, 11, 7);
    /* GS1-128 (01)12345678901231: start C, FNC1, 8 pairs, check = 11 x 11 + stop 13 = 134 */
    check_linear(ctx, LABEL_GS1_128, "(01)12345678901231", 134, 10, 10);
}

static void test_module_size_scales_whole_dots(void **state)
{
    render_context *ctx = *state;
    label_barcode bc = barcode(LABEL_CODE128, "ABC");
    bc.module_mm = 0.5; /* 3.996 -> 4 dots */
    stiel_bitmap bm;
    render_barcode_box box;
    assert_int_equal(render_barcode(ctx, &bc, 203, &bm, &box, NULL), STIEL_OK);
    assert_int_equal(box.module_dots, 4);
    assert_int_equal(bm.width, 88 * 4);
    stiel_bitmap_free(&bm);
    assert_int_equal(render_barcode(ctx, &bc, 300, &bm, &box, NULL), STIEL_OK);
    assert_int_equal(box.module_dots, 6); /* 5.9 -> 6 */
    assert_int_equal(bm.width, 88 * 6);
    stiel_bitmap_free(&bm);
}

static void test_bad_check_digits_refused(void **state)
{
    render_context *ctx = *state;
    const label_barcode bad[] = {barcode(LABEL_EAN13, "4006381333932"),
                                 barcode(LABEL_GS1_128, "(01)12345678901232"),
                                 barcode(LABEL_GS1_DATAMATRIX, "(00)376123450000000017")};
    for (size_t i = 0; i < 3; i++) {
        stiel_bitmap bm;
        stiel_diag diag;
        stiel_diag_clear(&diag);
        assert_int_equal(render_barcode(ctx, &bad[i], 203, &bm, NULL, &diag), STIEL_ERR_CHECK_DIGIT);
        assert_int_equal(diag.code, STIEL_ERR_CHECK_DIGIT);
        assert_null(bm.bits);
    }
    stiel_bitmap bm;
    stiel_diag diag;
    label_barcode shorty = barcode(LABEL_EAN13, "40063813");
    assert_int_equal(render_barcode(ctx, &shorty, 203, &bm, NULL, &diag), STIEL_ERR_LENGTH);
    label_barcode letters = barcode(LABEL_EAN13, "40063813339A");
    assert_int_equal(render_barcode(ctx, &letters, 203, &bm, NULL, &diag), STIEL_ERR_CHARSET);
    label_barcode unknown_ai = barcode(LABEL_GS1_128, "(99999)123");
    assert_int_not_equal(render_barcode(ctx, &unknown_ai, 203, &bm, NULL, &diag), STIEL_OK);
    assert_null(bm.bits);
}

static void test_two_d_square_with_quiet_zones(void **state)
{
    render_context *ctx = *state;
    struct {
        label_symbology s;
        const char *data;
        int quiet_modules;
    } cases[] = {{LABEL_QR, "https://example.org/stiel", 4},
                 {LABEL_DATAMATRIX, "ORDER-1234", 1},
                 {LABEL_GS1_DATAMATRIX, "(01)12345678901231(10)ABC123(17)261231", 1}};
    for (size_t i = 0; i < 3; i++) {
        label_barcode bc = barcode(cases[i].s, cases[i].data);
        stiel_bitmap bm;
        render_barcode_box box;
        stiel_diag diag;
        assert_int_equal(render_barcode(ctx, &bc, 203, &bm, &box, &diag), STIEL_OK);
        assert_int_equal(box.module_dots, 4); /* 0.5 mm */
        assert_int_equal(bm.width, bm.height);
        assert_int_equal(box.width, box.height);
        assert_int_equal(box.x, cases[i].quiet_modules * 4);
        assert_int_equal(box.y, cases[i].quiet_modules * 4);
        assert_int_equal(bm.width, box.width + 2 * box.x);
        assert_true(columns_white(&bm, 0, box.x));
        assert_true(columns_white(&bm, box.x + box.width, bm.width));
        assert_true(column_has_black(&bm, box.x, bm.height));
        stiel_bitmap_free(&bm);
    }
}

static void test_rotated_barcode_box(void **state)
{
    render_context *ctx = *state;
    label_barcode bc = barcode(LABEL_CODE128, "ABC");
    bc.rotation = LABEL_ROT_90;
    stiel_bitmap bm;
    render_barcode_box box;
    assert_int_equal(render_barcode(ctx, &bc, 203, &bm, &box, NULL), STIEL_OK);
    assert_int_equal(bm.height, 176);
    assert_int_equal(bm.width, label_mm_to_dots(10, 203));
    assert_int_equal(box.y, 20);
    assert_int_equal(box.height, 136);
    assert_int_equal(box.x, 0);
    stiel_bitmap_free(&bm);
}

static label_text text_item(const char *utf8, double height_mm)
{
    label_text t;
    memset(&t, 0, sizeof t);
    snprintf(t.utf8, sizeof t.utf8, "%s", utf8);
    t.height_mm = height_mm;
    return t;
}

/* Reverses the code points of a UTF-8 string. */
static void reverse_utf8(const char *in, char *out)
{
    size_t n = strlen(in), o = 0;
    size_t end = n;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && ((unsigned char)in[start] & 0xC0) == 0x80)
            start--;
        memcpy(out + o, in + start, end - start);
        o += end - start;
        end = start;
    }
    out[o] = '\0';
}

static void test_arabic_is_shaped(void **state)
{
    render_context *ctx = *state;
    const char *word = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"; /* marhaban */
    char rev[64];
    reverse_utf8(word, rev);
    label_text a = text_item(word, 5), b = text_item(rev, 5);
    stiel_bitmap ba, bb;
    stiel_diag diag;
    assert_int_equal(render_text(ctx, &a, 203, &ba, &diag), STIEL_OK);
    assert_int_equal(render_text(ctx, &b, 203, &bb, &diag), STIEL_OK);
    assert_true(stiel_bitmap_count_black(&ba) > 100);
    assert_true(stiel_bitmap_count_black(&bb) > 100);
    assert_false(stiel_bitmap_equal(&ba, &bb));
    /* shaping joins the letters: the word is narrower than its isolated letters side by side */
    int isolated = 0;
    for (size_t i = 0; i < strlen(word); i += 2) {
        char one[3] = {word[i], word[i + 1], 0};
        label_text t = text_item(one, 5);
        stiel_bitmap bl;
        assert_int_equal(render_text(ctx, &t, 203, &bl, &diag), STIEL_OK);
        isolated += bl.width;
        stiel_bitmap_free(&bl);
    }
    assert_true(ba.width < isolated);
    stiel_bitmap_free(&ba);
    stiel_bitmap_free(&bb);
}

/* Where the ink of needle (cropped to its bounding box) stands dot for dot in hay: its left
 * column, or -1. */
static int find_ink(const stiel_bitmap *hay, const stiel_bitmap *needle)
{
    int x0 = needle->width, y0 = needle->height, x1 = -1, y1 = -1;
    for (int y = 0; y < needle->height; y++)
        for (int x = 0; x < needle->width; x++)
            if (stiel_bitmap_get(needle, x, y)) {
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            }
    if (x1 < 0)
        return -1;
    int w = x1 - x0 + 1, h = y1 - y0 + 1;
    for (int hy = 0; hy + h <= hay->height; hy++)
        for (int hx = 0; hx + w <= hay->width; hx++) {
            bool same = true;
            for (int y = 0; y < h && same; y++)
                for (int x = 0; x < w && same; x++)
                    same = stiel_bitmap_get(hay, hx + x, hy + y) == stiel_bitmap_get(needle, x0 + x, y0 + y);
            if (same)
                return hx;
        }
    return -1;
}

/* ST-1003's Arabic name on its item label: the number reads "20" between the two Arabic parts
 * (drawn right to left around it), not "02" as when the whole line was drawn right to left. */
static void test_arabic_keeps_numbers_ltr(void **state)
{
    render_context *ctx = *state;
    label_text name = text_item("شاي أخضر 20 كيسًا", 3.5), n20 = text_item("20", 3.5),
               n02 = text_item("02", 3.5);
    name.bold = n20.bold = n02.bold = true;
    name.box_width_mm = 46; /* as assets/labels/item.label */
    name.max_lines = 2;
    stiel_bitmap bm, b20, b02;
    assert_int_equal(render_text(ctx, &name, 203, &bm, NULL), STIEL_OK);
    assert_int_equal(render_text(ctx, &n20, 203, &b20, NULL), STIEL_OK);
    assert_int_equal(render_text(ctx, &n02, 203, &b02, NULL), STIEL_OK);
    int at = find_ink(&bm, &b20);
    assert_true(at > 0);
    assert_int_equal(find_ink(&bm, &b02), -1);
    /* Arabic ink on both sides of the number, one line (left-aligned in the box) */
    assert_false(columns_white(&bm, 0, at));
    assert_false(columns_white(&bm, at + b20.width, bm.width));
    assert_int_equal(bm.width, label_mm_to_dots(46, 203));
    assert_true(bm.height < 2 * b20.height);
    /* the same name in a narrow box wraps at the spaces onto more lines, and the number stays */
    label_text narrow = name;
    narrow.box_width_mm = 14;
    narrow.max_lines = 0;
    stiel_bitmap bn;
    assert_int_equal(render_text(ctx, &narrow, 203, &bn, NULL), STIEL_OK);
    assert_true(bn.height >= 2 * b20.height);
    assert_true(find_ink(&bn, &b20) >= 0);
    assert_int_equal(find_ink(&bn, &b02), -1);
    stiel_bitmap_free(&bm);
    stiel_bitmap_free(&b20);
    stiel_bitmap_free(&b02);
    stiel_bitmap_free(&bn);
}

static void test_text_wrap_align_rotate(void **state)
{
    render_context *ctx = *state;
    label_text one = text_item("Pick", 4);
    stiel_bitmap b1;
    assert_int_equal(render_text(ctx, &one, 203, &b1, NULL), STIEL_OK);
    assert_true(stiel_bitmap_count_black(&b1) > 50);

    label_text wrap = text_item("Pick the parcel from shelf B and put it on the table", 4);
    wrap.box_width_mm = 25;
    stiel_bitmap bw;
    assert_int_equal(render_text(ctx, &wrap, 203, &bw, NULL), STIEL_OK);
    assert_int_equal(bw.width, label_mm_to_dots(25, 203));
    assert_true(bw.height >= 3 * b1.height);
    wrap.max_lines = 2;
    stiel_bitmap b2;
    assert_int_equal(render_text(ctx, &wrap, 203, &b2, NULL), STIEL_OK);
    assert_true(b2.height < bw.height);
    assert_true(b2.height <= 2 * b1.height + 2);

    label_text right = text_item("Pick", 4);
    right.box_width_mm = 40;
    right.align = LABEL_ALIGN_RIGHT;
    stiel_bitmap br;
    assert_int_equal(render_text(ctx, &right, 203, &br, NULL), STIEL_OK);
    assert_true(columns_white(&br, 0, br.width / 2));
    assert_false(columns_white(&br, br.width - b1.width, br.width));

    label_text rot = text_item("Pick", 4);
    rot.rotation = LABEL_ROT_90;
    stiel_bitmap bt;
    assert_int_equal(render_text(ctx, &rot, 203, &bt, NULL), STIEL_OK);
    assert_int_equal(bt.width, b1.height);
    assert_int_equal(bt.height, b1.width);

    label_text bold = text_item("Pick", 4);
    bold.bold = true;
    stiel_bitmap bb;
    assert_int_equal(render_text(ctx, &bold, 203, &bb, NULL), STIEL_OK);
    assert_true(stiel_bitmap_count_black(&bb) > stiel_bitmap_count_black(&b1));

    stiel_bitmap_free(&b1);
    stiel_bitmap_free(&bw);
    stiel_bitmap_free(&b2);
    stiel_bitmap_free(&br);
    stiel_bitmap_free(&bt);
    stiel_bitmap_free(&bb);
}

static void test_text_callback_errors(void **state)
{
    render_context *ctx = *state;
    label_text t = text_item("x", 0.1); /* under 4 dots */
    stiel_bitmap bm;
    assert_int_equal(render_text_field(ctx, &t, 203, &bm), STIEL_ERR_ARG);
    assert_null(bm.bits);
    assert_int_equal(render_context_last_error(ctx)->code, STIEL_ERR_ARG);
    assert_non_null(strstr(render_context_last_error(ctx)->text, "height"));
    label_text ok = text_item("", 4);
    assert_int_equal(render_text_field(ctx, &ok, 203, &bm), STIEL_OK);
    assert_int_equal(stiel_bitmap_count_black(&bm), 0);
    stiel_bitmap_free(&bm);
}

static label small_label(void)
{
    label lab;
    memset(&lab, 0, sizeof lab);
    lab.width_mm = 50;
    lab.height_mm = 30;
    lab.dpi = 203;
    label_item *it = &lab.items[lab.count++];
    it->kind = LABEL_ITEM_BOX;
    it->x_mm = 1;
    it->y_mm = 1;
    it->u.box = (label_box){48, 28, 0.5};
    it = &lab.items[lab.count++];
    it->kind = LABEL_ITEM_LINE;
    it->x_mm = 1;
    it->y_mm = 10;
    it->u.line = (label_line){49, 10, 0.5};
    it = &lab.items[lab.count++];
    it->kind = LABEL_ITEM_TEXT;
    it->x_mm = 3;
    it->y_mm = 3;
    it->u.text = text_item("Stiel", 4);
    it = &lab.items[lab.count++];
    it->kind = LABEL_ITEM_BARCODE;
    it->x_mm = 10;
    it->y_mm = 14;
    it->u.barcode = barcode(LABEL_CODE128, "ABC");
    return lab;
}

static void test_whole_label(void **state)
{
    render_context *ctx = *state;
    label lab = small_label();
    stiel_bitmap bm;
    stiel_diag diag;
    assert_int_equal(render_label(ctx, &lab, &bm, &diag), STIEL_OK);
    assert_int_equal(bm.width, 400);  /* 50 mm */
    assert_int_equal(bm.height, 240); /* 30 mm */
    int x1 = label_mm_to_dots(1, 203), y10 = label_mm_to_dots(10, 203);
    assert_true(stiel_bitmap_get(&bm, x1, x1));           /* box corner */
    assert_true(stiel_bitmap_get(&bm, 200, y10));         /* the line */
    assert_false(stiel_bitmap_get(&bm, 200, y10 - 2));    /* and only the line */
    int bx = label_mm_to_dots(10, 203), by = label_mm_to_dots(14, 203);
    assert_true(stiel_bitmap_get(&bm, bx, by + 5));        /* first bar at the item's x */
    assert_false(stiel_bitmap_get(&bm, bx - 1, by + 5));   /* quiet zone before it */
    stiel_bitmap_free(&bm);

    /* a symbol that runs off the label is refused, not clipped */
    lab.items[3].u.barcode.module_mm = 0.75; /* 68 modules x 6 dots from x = 80 > 400 */
    stiel_diag_clear(&diag);
    assert_int_equal(render_label(ctx, &lab, &bm, &diag), STIEL_ERR_ARG);
    assert_non_null(strstr(diag.text, "does not fit"));
    assert_null(bm.bits);

    lab.items[3].u.barcode = barcode(LABEL_EAN13, "4006381333932");
    stiel_diag_clear(&diag);
    assert_int_equal(render_label(ctx, &lab, &bm, &diag), STIEL_ERR_CHECK_DIGIT);
    assert_non_null(strstr(diag.text, "item 4"));
    assert_null(bm.bits);
}

static void test_png_files(void **state)
{
    render_context *ctx = *state;
    char dir[] = "/tmp/stiel-render-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/label.png", dir);
    label lab = small_label();
    stiel_diag diag;
    assert_int_equal(render_label_png(ctx, &lab, path, &diag), STIEL_OK);
    SDL_Surface *s = IMG_Load(path);
    assert_non_null(s);
    assert_int_equal(s->w, 400);
    assert_int_equal(s->h, 240);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    assert_non_null(rgb);
    int x1 = label_mm_to_dots(1, 203);
    const Uint8 *corner = (const Uint8 *)rgb->pixels + (size_t)x1 * (size_t)rgb->pitch + (size_t)x1 * 3;
    const Uint8 *blank = (const Uint8 *)rgb->pixels + 150 * (size_t)rgb->pitch + 300 * 3;
    assert_int_equal(corner[0], 0);
    assert_int_equal(blank[0], 255);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);
    /* a directory that does not exist: an error and no file, temporary or final */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/missing/label.png", dir);
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 8, 8), STIEL_OK);
    assert_int_equal(render_png_write(&bm, bad, &diag), STIEL_ERR_IO);
    assert_non_null(strstr(diag.text, "missing"));
    stiel_bitmap_free(&bm);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls %s | wc -l | grep -qx 1 && rm -r %s", dir, dir);
    assert_int_equal(system(cmd), 0); /* only label.png was left */
}

static void test_label_encode(void **state)
{
    render_context *ctx = *state;
    label lab = small_label();
    stiel_buf out;
    stiel_diag diag;
    stiel_buf_init(&out, 0);
    assert_int_equal(render_label_encode(ctx, &lab, RENDER_LANG_ESCPOS, RENDER_RASTER_NONE, &out, &diag), STIEL_OK);
    static const uint8_t head[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 50, 0, 240, 0};
    assert_memory_equal(out.data, head, sizeof head);
    assert_int_equal(out.len, 2 + 8 + 50 * 240 + 7);
    stiel_buf_reset(&out);
    assert_int_equal(render_label_encode(ctx, &lab, RENDER_LANG_ZPL, RENDER_RASTER_RLE, &out, &diag), STIEL_OK);
    assert_memory_equal(out.data, "^XA^PW400^LL240^LH0,0^FO0,0^GFA,12000,12000,50,", 47);
    stiel_buf_reset(&out);
    assert_int_equal(render_label_encode(ctx, &lab, RENDER_LANG_TSPL, RENDER_RASTER_Z64, &out, &diag), STIEL_OK);
    assert_memory_equal(out.data, "SIZE 50.0 mm,30.0 mm\r\n", 22);
    stiel_buf_reset(&out);
    assert_int_equal(stiel_buf_puts(&out, "keep"), STIEL_OK);
    lab.items[3].u.barcode = barcode(LABEL_EAN13, "4006381333932");
    assert_int_equal(render_label_encode(ctx, &lab, RENDER_LANG_EPL, RENDER_RASTER_HEX, &out, &diag),
                     STIEL_ERR_CHECK_DIGIT);
    assert_int_equal(out.len, 4);
    render_lang lang;
    render_raster raster;
    assert_true(render_lang_from_name("tspl", &lang));
    assert_int_equal(lang, RENDER_LANG_TSPL);
    assert_false(render_lang_from_name("pdf", &lang));
    assert_true(render_raster_from_name("rle", &raster));
    assert_int_equal(raster, RENDER_RASTER_RLE);
    assert_false(render_raster_from_name("zip", &raster));
    stiel_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_widths_at_203),
        cmocka_unit_test(test_module_size_scales_whole_dots),
        cmocka_unit_test(test_bad_check_digits_refused),
        cmocka_unit_test(test_two_d_square_with_quiet_zones),
        cmocka_unit_test(test_rotated_barcode_box),
        cmocka_unit_test(test_arabic_is_shaped),
        cmocka_unit_test(test_arabic_keeps_numbers_ltr),
        cmocka_unit_test(test_text_wrap_align_rotate),
        cmocka_unit_test(test_text_callback_errors),
        cmocka_unit_test(test_whole_label),
        cmocka_unit_test(test_png_files),
        cmocka_unit_test(test_label_encode),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
