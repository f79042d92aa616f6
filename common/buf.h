/* A growable byte buffer that owns its cap: appends fail cleanly (STIEL_ERR_OVERLONG) instead of
 * growing past it. Pure (malloc only), usable by protocol/. */
#ifndef STIEL_COMMON_BUF_H
#define STIEL_COMMON_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

typedef struct stiel_buf {
    uint8_t *data;  /* NUL-terminated after every successful append (not counted in len) */
    size_t len;
    size_t alloc;
    size_t cap;     /* the most bytes it may ever hold; 0 means 64 MiB */
} stiel_buf;

/* Initialises an empty buffer that may grow to cap bytes (0: 64 MiB). Never fails. */
void stiel_buf_init(stiel_buf *b, size_t cap);

/* Frees the storage and leaves an empty buffer with the same cap. */
void stiel_buf_free(stiel_buf *b);

/* Empties the buffer, keeping its storage. */
void stiel_buf_reset(stiel_buf *b);

/* Appends n bytes. On STIEL_ERR_NOMEM or STIEL_ERR_OVERLONG the buffer is unchanged. */
stiel_status stiel_buf_append(stiel_buf *b, const void *bytes, size_t n);

/* Appends a NUL-terminated string. */
stiel_status stiel_buf_puts(stiel_buf *b, const char *s);

/* Appends printf-formatted text. */
stiel_status stiel_buf_printf(stiel_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
