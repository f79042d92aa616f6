/* Implementation of the capped growable byte buffer declared in buf.h. */
#include "common/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUF_DEFAULT_CAP = 64u << 20 };

void stiel_buf_init(stiel_buf *b, size_t cap)
{
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap ? cap : BUF_DEFAULT_CAP;
}

void stiel_buf_free(stiel_buf *b)
{
    free(b->data);
    stiel_buf_init(b, b->cap);
}

void stiel_buf_reset(stiel_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static stiel_status buf_reserve(stiel_buf *b, size_t extra)
{
    if (extra > b->cap || b->len > b->cap - extra)
        return STIEL_ERR_OVERLONG;
    size_t need = b->len + extra + 1;
    if (need <= b->alloc)
        return STIEL_OK;
    size_t grow = b->alloc ? b->alloc : 256;
    while (grow < need)
        grow *= 2;
    uint8_t *p = realloc(b->data, grow);
    if (!p)
        return STIEL_ERR_NOMEM;
    b->data = p;
    b->alloc = grow;
    return STIEL_OK;
}

stiel_status stiel_buf_append(stiel_buf *b, const void *bytes, size_t n)
{
    stiel_status st = buf_reserve(b, n);
    if (st != STIEL_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return STIEL_OK;
}

stiel_status stiel_buf_puts(stiel_buf *b, const char *s)
{
    return stiel_buf_append(b, s, strlen(s));
}

stiel_status stiel_buf_printf(stiel_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return STIEL_ERR_INTERNAL;
    stiel_status st = buf_reserve(b, (size_t)n);
    if (st != STIEL_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return STIEL_OK;
}
