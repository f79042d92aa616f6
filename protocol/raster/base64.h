/* Base64 (RFC 4648 section 4, standard alphabet, '=' padding), as ZPL :B64:/:Z64: graphics use
 * it. Pure; appends to a stiel_buf. */
#ifndef STIEL_PROTOCOL_RASTER_BASE64_H
#define STIEL_PROTOCOL_RASTER_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"

/* Appends the Base64 text of n bytes to out (no line breaks). On error out is unchanged. */
stiel_status base64_encode_append(stiel_buf *out, const void *data, size_t n);

/* Appends the bytes that the Base64 text (len characters, padding required when the length is
 * not a multiple of 4) stands for. STIEL_ERR_CHARSET for a character outside the alphabet,
 * STIEL_ERR_SYNTAX for a bad length or misplaced '='. On error out is unchanged. */
stiel_status base64_decode_append(stiel_buf *out, const char *text, size_t len);

#endif
