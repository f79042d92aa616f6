/* Tests of protocol/raster/png.c: byte-exact signature, IHDR and IEND (CRCs computed independently
 * with Python's zlib), the inflated scanlines, a decode by an independent reader (python3, when
 * present), and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "protocol/raster/png.h"

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void test_png_2x2_bytes(void **state)
{
    (void)state;
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 2, 2), STIEL_OK);
    stiel_bitmap_set(&bm, 0, 0, true); /* black top-left */
    stiel_bitmap_set(&bm, 1, 1, true); /* black bottom-right */
    stiel_buf out;
    stiel_buf_init(&out, 0);
    stiel_diag diag;
    assert_int_equal(raster_png_encode(&bm, &out, &diag), STIEL_OK);
    static const uint8_t head[] = {0x89, 'P',  'N',  'G',  0x0D, 0x0A, 0x1A, 0x0A, 0,    0, 0, 13,
                                   'I',  'H',  'D',  'R',  0,    0,    0,    2,    0,    0, 0, 2,
                                   1,    0,    0,    0,    0,    0x5a, 0xcd, 0x30, 0x89};
    assert_true(out.len > sizeof head + 12 + 12);
    assert_memory_equal(out.data, head, sizeof head);
    static const uint8_t iend[] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    assert_memory_equal(out.data + out.len - 12, iend, 12);
    /* IDAT: length, CRC, inflated rows "00 7F" "00 BF": black = 0 bits, padding white */
    const uint8_t *idat = out.data + sizeof head;
    uint32_t n = be32(idat);
    assert_memory_equal(idat + 4, "IDAT", 4);
    assert_int_equal(sizeof head + 12 + n + 12, out.len);
    uint32_t crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), idat + 4, n + 4);
    assert_int_equal(crc, be32(idat + 8 + n));
    uint8_t rows[16];
    uLongf rows_len = sizeof rows;
    assert_int_equal(uncompress(rows, &rows_len, idat + 8, n), Z_OK);
    assert_int_equal(rows_len, 4);
    static const uint8_t want[] = {0x00, 0x7F, 0x00, 0xBF};
    assert_memory_equal(rows, want, 4);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

/* A 10x3 bitmap checked pixel by pixel by a reader written independently, in Python. */
static void test_png_python_reader(void **state)
{
    (void)state;
    if (system("python3 -c 'import zlib' >/dev/null 2>&1") != 0) {
        skip();
        return;
    }
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 10, 3), STIEL_OK);
    for (int x = 0; x < 10; x++)
        stiel_bitmap_set(&bm, x, x % 3, true);
    stiel_bitmap_set(&bm, 9, 2, true);
    bm.bits[1] |= 0x3F; /* padding bits right of the width: must come out white */
    stiel_buf out;
    stiel_buf_init(&out, 0);
    assert_int_equal(raster_png_encode(&bm, &out, NULL), STIEL_OK);
    char path[] = "/tmp/test_png_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, out.data, out.len), (ssize_t)out.len);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import zlib,struct,sys\n"
             "d=open('%s','rb').read(); assert d[:8]==b'\\x89PNG\\r\\n\\x1a\\n'\n"
             "p=8; chunks={}; idat=b''\n"
             "while p<len(d):\n"
             "  n=struct.unpack('>I',d[p:p+4])[0]; t=d[p+4:p+8]; c=d[p+8:p+8+n]\n"
             "  assert zlib.crc32(t+c)==struct.unpack('>I',d[p+8+n:p+12+n])[0]\n"
             "  idat+=c if t==b'IDAT' else b''; chunks[t]=c; p+=12+n\n"
             "w,h,bd,ct=struct.unpack('>IIBB',chunks[b'IHDR'][:10]); raw=zlib.decompress(idat); s=(w+7)//8\n"
             "print(w,h,bd,ct,''.join('#' if not (raw[y*(s+1)+1+x//8]>>(7-x%%8))&1 else '.' for y in range(h) for x in range(w)),"
             "raw[s]&0x3f)\"",
             path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[256] = "";
    assert_non_null(fgets(line, sizeof line, p));
    assert_int_equal(pclose(p), 0);
    unlink(path);
    /* rows: y=0 has x 0,3,6,9; y=1 has 1,4,7; y=2 has 2,5,8,9; padding 0x3F all white (63) */
    assert_string_equal(line, "10 3 1 0 #..#..#..#.#..#..#....#..#..## 63\n");
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

static void test_png_bad_input(void **state)
{
    (void)state;
    stiel_buf out;
    stiel_buf_init(&out, 0);
    stiel_diag diag;
    stiel_bitmap empty;
    memset(&empty, 0, sizeof empty);
    assert_int_equal(raster_png_encode(NULL, &out, &diag), STIEL_ERR_ARG);
    assert_int_equal(raster_png_encode(&empty, &out, &diag), STIEL_ERR_ARG);
    assert_int_equal(out.len, 0);
    /* a cap too small: nothing is kept */
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 64, 64), STIEL_OK);
    stiel_buf small;
    stiel_buf_init(&small, 40);
    assert_int_equal(stiel_buf_append(&small, "x", 1), STIEL_OK);
    assert_int_equal(raster_png_encode(&bm, &small, &diag), STIEL_ERR_OVERLONG);
    assert_int_equal(small.len, 1);
    assert_non_null(strstr(diag.text, "64x64"));
    stiel_buf_free(&small);
    stiel_buf_free(&out);
    stiel_bitmap_free(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_2x2_bytes),
        cmocka_unit_test(test_png_python_reader),
        cmocka_unit_test(test_png_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
