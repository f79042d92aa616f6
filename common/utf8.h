/* UTF-8 decoding and validation (RFC 3629 / Unicode 3.9: no overlong forms, no surrogates, nothing
 * above U+10FFFF), the one copy for every folder: scanner reads, catalogue files, label text, the
 * CLI's JSON. Pure (no allocation), usable by protocol/. */
#ifndef STIEL_COMMON_UTF8_H
#define STIEL_COMMON_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length (1 to 4) of the well-formed UTF-8 sequence at the start of s[0..len), with its code point
 * in *cp (cp may be NULL); 0 when len is 0 or s does not start with one (a stray continuation byte,
 * 0xC0/0xC1/0xF5.., an overlong form, a surrogate, a value above U+10FFFF, or a sequence that len
 * or a byte that does not continue it cuts short). A NUL is a 1-byte sequence (code point 0). It
 * reads past s[0] only while the bytes continue the sequence, so a NUL-terminated string may pass
 * 4 as len. */
size_t stiel_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp);

/* True when the len bytes at s are well-formed UTF-8. Otherwise false, and *bad_at (when not NULL)
 * is the offset of the first byte of the first bad sequence. */
bool stiel_utf8_valid(const uint8_t *s, size_t len, size_t *bad_at);

#endif
