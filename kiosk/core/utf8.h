/* UTF-8 validation for kiosk/core's callers: the name kept for code that still calls it; the one
 * validator is stiel_utf8_valid in common/utf8.h (new code calls that). Pure. */
#ifndef STIEL_CORE_UTF8_H
#define STIEL_CORE_UTF8_H

#include "common/utf8.h"

/* True when the len bytes at s are well-formed UTF-8. Otherwise false, and *bad_at (if not NULL)
 * is the offset of the first byte of the first bad sequence. Same as stiel_utf8_valid. */
static inline bool core_utf8_valid(const uint8_t *s, size_t len, size_t *bad_at)
{
    return stiel_utf8_valid(s, len, bad_at);
}

#endif
