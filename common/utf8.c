/* The UTF-8 decoder and validator declared in utf8.h (the well-formed byte table of Unicode 15,
 * section 3.9: the second byte's range depends on the first). */
#include "common/utf8.h"

size_t stiel_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    uint8_t c = s[0];
    uint8_t lo = 0x80, hi = 0xBF;  /* the range of the second byte */
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        if (cp != NULL)
            *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0;  /* overlong below U+0800 */
        else if (c == 0xED)
            hi = 0x9F;  /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90;  /* overlong below U+10000 */
        else if (c == 0xF4)
            hi = 0x8F;  /* above U+10FFFF */
    } else {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if (k >= len)
            return 0;
        uint8_t b = s[k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
            return 0;
        v = (v << 6) | (b & 0x3Fu);
    }
    if (cp != NULL)
        *cp = v;
    return n;
}

bool stiel_utf8_valid(const uint8_t *s, size_t len, size_t *bad_at)
{
    size_t i = 0;
    while (i < len) {
        size_t n = stiel_utf8_decode(s + i, len - i, NULL);
        if (n == 0) {
            if (bad_at != NULL)
                *bad_at = i;
            return false;
        }
        i += n;
    }
    return true;
}
