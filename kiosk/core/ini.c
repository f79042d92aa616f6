/* The INI reader declared in ini.h: splits text into lines, classifies each (blank, comment,
 * section, key = value) and hands it to the caller's callbacks, reporting FILE:LINE errors. */
#include "kiosk/core/ini.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void ini_error(ini_errors *e, stiel_status code, unsigned line, const char *fmt, ...)
{
    char msg[STIEL_DIAG_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    core_errors_add(e->errs, code, "%s:%u: %s", e->file, line, msg);
    if (e->first == STIEL_OK)
        e->first = code;
}

char *ini_trim(char *t)
{
    while (*t == ' ' || *t == '\t')
        t++;
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
        t[--n] = '\0';
    return t;
}

bool ini_uint(const char *v, size_t max_digits, unsigned *out)
{
    uint64_t n = 0;
    if (!*v || strlen(v) > max_digits || max_digits > 9)
        return false;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        n = n * 10 + (uint64_t)(*p - '0');
    }
    *out = (unsigned)n;
    return true;
}

/* Handles one line (NUL-terminated in buf, at most line_max bytes). */
static void ini_line(const ini_reader *r, void *ctx, char *buf, size_t n, unsigned line)
{
    if (memchr(buf, '\0', n)) {
        ini_error(r->errors, STIEL_ERR_SYNTAX, line, "the line holds a NUL byte");
        return;
    }
    char *t = ini_trim(buf);
    if (*t == '\0' || *t == ';' || *t == '#')
        return;
    if (*t == '[') {
        char *close = strchr(t, ']');
        if (!close || close[1] != '\0') {
            ini_error(r->errors, STIEL_ERR_SYNTAX, line, "a section line must end with ]");
            r->on_section(ctx, NULL, line);
            return;
        }
        *close = '\0';
        r->on_section(ctx, ini_trim(t + 1), line);
        return;
    }
    char *eq = strchr(t, '=');
    if (!eq) {
        ini_error(r->errors, STIEL_ERR_SYNTAX, line, "expected key = value, %s or a ; comment",
                  r->section_hint);
        return;
    }
    *eq = '\0';
    r->on_key(ctx, ini_trim(t), ini_trim(eq + 1), line);
}

void ini_parse(const char *text, size_t len, const ini_reader *r, void *ctx)
{
    size_t line_max = r->line_max < INI_LINE_LIMIT ? r->line_max : INI_LINE_LIMIT;
    size_t i = 0;
    unsigned line = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        line++;
        size_t start = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t n = i - start;
        if (i < len)
            i++;
        if (n > line_max) {
            ini_error(r->errors, STIEL_ERR_OVERLONG, line, "the line is longer than %zu bytes",
                      line_max);
            continue;
        }
        char buf[INI_LINE_LIMIT + 1];
        memcpy(buf, text + start, n);
        buf[n] = '\0';
        ini_line(r, ctx, buf, n, line);
    }
}
