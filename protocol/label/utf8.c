/* Strict UTF-8 decoding for label text (see utf8.h; the decoder itself is common/utf8.h's), and
 * the routing predicates of encode.h that decide which text a printer can print with its own fonts. */
#include "protocol/label/utf8.h"

#include "common/utf8.h"
#include "protocol/label/encode.h"

bool label_utf8_next(const char *s, size_t *i, uint32_t *cp)
{
    const uint8_t *p = (const uint8_t *)s + *i;
    if (p[0] == 0)
        return false;
    size_t n = stiel_utf8_decode(p, 4, cp); /* stops at the NUL: see common/utf8.h */
    if (n == 0)
        return false;
    *i += n;
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
