/* Strict UTF-8 decoding for label text (see utf8.h), and the routing predicates of encode.h
 * that decide which text a printer can print with its own fonts. */
#include "protocol/label/utf8.h"

#include "protocol/label/encode.h"

bool label_utf8_next(const char *s, size_t *i, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    uint32_t c;
    size_t n;
    if (p[0] == 0)
        return false;
    if (p[0] < 0x80) {
        *cp = p[0];
        *i += 1;
        return true;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 1;
        c = p[0] & 0x1Fu;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 2;
        c = p[0] & 0x0Fu;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 3;
        c = p[0] & 0x07u;
    } else {
        return false;
    }
    for (size_t k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return false;
        c = (c << 6) | (p[k] & 0x3Fu);
    }
    if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return false;
    *cp = c;
    *i += n + 1;
    return true;
}

size_t label_utf8_count(const char *s)
{
    size_t i = 0, count = 0;
    uint32_t cp;
    while (s[i] != '\0') {
        if (!label_utf8_next(s, &i, &cp))
            return (size_t)-1;
        count++;
    }
    return count;
}

bool label_text_needs_shaping(const char *utf8)
{
    size_t i = 0;
    uint32_t cp;
    while (utf8[i] != '\0') {
        if (!label_utf8_next(utf8, &i, &cp))
            return true;
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFEFF))
            return true;
    }
    return false;
}

bool label_text_is_ascii(const char *utf8)
{
    for (size_t i = 0; utf8[i] != '\0'; i++) {
        if ((unsigned char)utf8[i] >= 0x80)
            return false;
    }
    return true;
}
