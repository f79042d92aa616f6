/* UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) for text
 * that arrives in catalogue files and scans. Pure. */
#ifndef STIEL_CORE_UTF8_H
#define STIEL_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when the len bytes at s are well-formed UTF-8. Otherwise false, and *bad_at (if not NULL)
 * is the offset of the first byte of the first bad sequence. */
bool core_utf8_valid(const uint8_t *s, size_t len, size_t *bad_at);

#endif
