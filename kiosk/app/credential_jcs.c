/* Canonical JSON in the manner of RFC 8785 (JCS) over a cJSON tree: members sorted by UTF-16
 * code units, minimal string escapes, ECMAScript number form. The bytes a credential's signature
 * covers, and the exact bytes of a credential file. */
#include "kiosk/app/credential.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/utf8.h"

/* Reads one code point of valid UTF-8 at *p (advancing it); the text was validated before. */
static uint32_t utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = 1;
    if (c >= 0xf0) {
        c = ((c & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
        n = 4;
    } else if (c >= 0xe0) {
        c = ((c & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        n = 3;
    } else if (c >= 0xc0) {
        c = ((c & 0x1fu) << 6) | (s[1] & 0x3fu);
        n = 2;
    }
    *p = s + n;
    return c;
}

/* Compares two UTF-8 names as sequences of UTF-16 code units (JCS member order). */
static int utf16_cmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    uint16_t pa[2], qa[2];
    size_t pn = 0, qn = 0, pi = 0, qi = 0;
    for (;;) {
        if (pi == pn) {
            pi = 0;
            pn = 0;
            if (*p) {
                uint32_t c = utf8_next(&p);
                if (c >= 0x10000) {
                    pa[0] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
                    pa[1] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
                    pn = 2;
                } else {
                    pa[0] = (uint16_t)c;
                    pn = 1;
                }
            }
        }
        if (qi == qn) {
            qi = 0;
            qn = 0;
            if (*q) {
                uint32_t c = utf8_next(&q);
                if (c >= 0x10000) {
                    qa[0] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
                    qa[1] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
                    qn = 2;
                } else {
                    qa[0] = (uint16_t)c;
                    qn = 1;
                }
            }
        }
        if (pn == 0 || qn == 0)
            return (pn != 0) - (qn != 0);
        if (pa[pi] != qa[qi])
            return pa[pi] < qa[qi] ? -1 : 1;
        pi++;
        qi++;
    }
}

static int member_cmp(const void *x, const void *y)
{
    const cJSON *a = *(const cJSON *const *)x, *b = *(const cJSON *const *)y;
    return utf16_cmp(a->string, b->string);
}

static stiel_status text_check(const char *s, const char *what, stiel_diag *diag)
{
    size_t bad = 0;
    if (!s || !core_utf8_valid((const uint8_t *)s, strlen(s), &bad))
        return stiel_diag_set(diag, STIEL_ERR_CHARSET, "%s is not valid UTF-8 (byte %zu)", what,
                              bad);
    return STIEL_OK;
}

static stiel_status put_string(stiel_buf *out, const char *s)
{
    stiel_status st = stiel_buf_puts(out, "\"");
    for (const unsigned char *p = (const unsigned char *)s; st == STIEL_OK && *p; p++) {
        switch (*p) {
        case '"': st = stiel_buf_puts(out, "\\\""); break;
        case '\\': st = stiel_buf_puts(out, "\\\\"); break;
        case '\b': st = stiel_buf_puts(out, "\\b"); break;
        case '\f': st = stiel_buf_puts(out, "\\f"); break;
        case '\n': st = stiel_buf_puts(out, "\\n"); break;
        case '\r': st = stiel_buf_puts(out, "\\r"); break;
        case '\t': st = stiel_buf_puts(out, "\\t"); break;
        default:
            if (*p < 0x20)
                st = stiel_buf_printf(out, "\\u%04x", *p);
            else
                st = stiel_buf_append(out, p, 1);
        }
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\"");
    return st;
}

/* ECMAScript Number::toString: the shortest digits that read back to v, in plain notation for
 * 1e-7 <= |v| < 1e21, else d.ddde+N / e-N. */
static stiel_status put_number(stiel_buf *out, double v, stiel_diag *diag)
{
    if (!isfinite(v))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "a number that is not finite");
    if (v == 0)
        return stiel_buf_puts(out, "0");
    char e[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, v);
        if (strtod(e, NULL) == v)
            break;
    }
    /* e: [-]D[.DDD]e[+-]XX */
    const char *p = e;
    char sign = 0;
    if (*p == '-') {
        sign = '-';
        p++;
    }
    char digits[20];
    size_t k = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.' && k < sizeof digits - 1)
            digits[k++] = *p;
    digits[k] = 0;
    int exp10 = atoi(p + 1);     /* value = 0.D1D2... * 10^(exp10 + 1) */
    int n = exp10 + 1;           /* ECMAScript's n: the decimal point after n digits */
    char buf[64];
    size_t b = 0;
    if (sign)
        buf[b++] = '-';
    if ((int)k <= n && n <= 21) {
        memcpy(buf + b, digits, k);
        b += k;
        for (int i = (int)k; i < n; i++)
            buf[b++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(buf + b, digits, (size_t)n);
        b += (size_t)n;
        buf[b++] = '.';
        memcpy(buf + b, digits + n, k - (size_t)n);
        b += k - (size_t)n;
    } else if (-6 < n && n <= 0) {
        buf[b++] = '0';
        buf[b++] = '.';
        for (int i = 0; i < -n; i++)
            buf[b++] = '0';
        memcpy(buf + b, digits, k);
        b += k;
    } else {
        buf[b++] = digits[0];
        if (k > 1) {
            buf[b++] = '.';
            memcpy(buf + b, digits + 1, k - 1);
            b += k - 1;
        }
        b += (size_t)snprintf(buf + b, sizeof buf - b, "e%c%d", n - 1 >= 0 ? '+' : '-',
                              abs(n - 1));
    }
    return stiel_buf_append(out, buf, b);
}

static stiel_status put_value(const cJSON *v, stiel_buf *out, int depth, stiel_diag *diag);

static stiel_status put_object(const cJSON *v, stiel_buf *out, int depth, stiel_diag *diag)
{
    size_t n = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        n++;
    const cJSON **m = n ? malloc(n * sizeof *m) : NULL;
    if (n && !m)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    size_t i = 0;
    stiel_status st = STIEL_OK;
    for (const cJSON *c = v->child; c; c = c->next) {
        m[i++] = c;
        if (st == STIEL_OK)
            st = text_check(c->string, "a member name", diag);
    }
    if (st == STIEL_OK && n > 1)
        qsort(m, n, sizeof *m, member_cmp);
    for (i = 1; st == STIEL_OK && i < n; i++)
        if (strcmp(m[i - 1]->string, m[i]->string) == 0)
            st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "member \"%.60s\" appears twice",
                                m[i]->string);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "{");
    for (i = 0; st == STIEL_OK && i < n; i++) {
        if (i > 0)
            st = stiel_buf_puts(out, ",");
        if (st == STIEL_OK)
            st = put_string(out, m[i]->string);
        if (st == STIEL_OK)
            st = stiel_buf_puts(out, ":");
        if (st == STIEL_OK)
            st = put_value(m[i], out, depth + 1, diag);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    free(m);
    return st;
}

static stiel_status put_value(const cJSON *v, stiel_buf *out, int depth, stiel_diag *diag)
{
    if (depth > 64)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "JSON nested deeper than 64 levels");
    stiel_status st = STIEL_OK;
    switch (v->type & 0xff) {
    case cJSON_False: return stiel_buf_puts(out, "false");
    case cJSON_True: return stiel_buf_puts(out, "true");
    case cJSON_NULL: return stiel_buf_puts(out, "null");
    case cJSON_Number: return put_number(out, v->valuedouble, diag);
    case cJSON_String:
        st = text_check(v->valuestring, "a string", diag);
        return st == STIEL_OK ? put_string(out, v->valuestring) : st;
    case cJSON_Array:
        st = stiel_buf_puts(out, "[");
        for (const cJSON *c = v->child; st == STIEL_OK && c; c = c->next) {
            if (c != v->child)
                st = stiel_buf_puts(out, ",");
            if (st == STIEL_OK)
                st = put_value(c, out, depth + 1, diag);
        }
        return st == STIEL_OK ? stiel_buf_puts(out, "]") : st;
    case cJSON_Object: return put_object(v, out, depth, diag);
    default: return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "a JSON value of no known type");
    }
}

stiel_status credential_canonical(const cJSON *v, stiel_buf *out, stiel_diag *diag)
{
    if (!v || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "nothing to canonicalise");
    stiel_diag_clear(diag);
    stiel_status st = put_value(v, out, 0, diag);
    if (st != STIEL_OK && (!diag || diag->code == STIEL_OK))
        stiel_diag_set(diag, st, "the canonical form is too large for its buffer");
    return st;
}
