/* A strict UTF-8 decoder for the label module (templates and encoders): one code point at a
 * time, rejecting overlongs, surrogates and values above U+10FFFF. Internal. */
#ifndef STIEL_PROTOCOL_LABEL_UTF8_H
#define STIEL_PROTOCOL_LABEL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i] (s NUL-terminated), advancing *i. False on invalid UTF-8 or
 * at the terminating NUL. */
bool label_utf8_next(const char *s, size_t *i, uint32_t *cp);

/* Number of code points, or (size_t)-1 when s is not valid UTF-8. */
size_t label_utf8_count(const char *s);

#endif
