/* Private to protocol/raster: undo a partial append so that a failing encoder leaves the caller's
 * buffer exactly as it found it. */
#ifndef STIEL_PROTOCOL_RASTER_ROLLBACK_H
#define STIEL_PROTOCOL_RASTER_ROLLBACK_H

#include "common/buf.h"

/* Shrinks out back to len bytes (len <= out->len), keeping the NUL terminator. */
static inline void raster_buf_rollback(stiel_buf *out, size_t len)
{
    if (out->len > len)
        out->len = len;
    if (out->data != NULL)
        out->data[out->len] = '\0';
}

#endif
