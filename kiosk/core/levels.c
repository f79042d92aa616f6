/* The service-level reader declared in levels.h: a small line-based INI parser (sections, keys,
 * comments) and a table of keys with their kind, range and place in service_level. */
#include "kiosk/core/levels.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef enum key_kind { K_TEXT, K_UINT, K_BOOL, K_QTY, K_PHOTO } key_kind;

typedef struct key_spec {
    const char *name;
    key_kind kind;
    size_t offset;
    unsigned min, max;
} key_spec;

#define U(f, lo, hi) K_UINT, offsetof(service_level, f), lo, hi
#define B(f) K_BOOL, offsetof(service_level, f), 0, 1

static const key_spec keys[] = {
    { "name", K_TEXT, offsetof(service_level, name), 1, LEVEL_NAME_MAX },
    { "lines_min", U(lines_min, 1, LEVEL_LINES_MAX) },
    { "lines_max", U(lines_max, 1, LEVEL_LINES_MAX) },
    { "qty_min", U(qty_min, 1, LEVEL_QTY_MAX) },
    { "qty_max", U(qty_max, 1, LEVEL_QTY_MAX) },
    { "orders_per_batch", U(orders_per_batch, 1, LEVEL_BATCH_MAX) },
    { "lookalikes_nearby", B(lookalikes_nearby) },
    { "scan_location", B(scan_location) },
    { "scan_item", B(scan_item) },
    { "quantity", K_QTY, offsetof(service_level, quantity), 0, 1 },
    { "scan_tote", B(scan_tote) },
    { "verify_label", B(verify_label) },
    { "quantity_prefilled", B(quantity_prefilled) },
    { "empty_check", B(empty_check) },
    { "photo", K_PHOTO, offsetof(service_level, photo), 0, 1 },
    { "highlight_location", B(highlight_location) },
    { "spoken", B(spoken) },
    { "norm_seconds_per_line", U(norm_seconds_per_line, 0, 3600) },
    { "norm_shown", B(norm_shown) },
    { "tolerance", U(tolerance, 1, 20) },
    { "drill_empty_pct", U(drill_empty_pct, 0, 100) },
    { "drill_damaged_pct", U(drill_damaged_pct, 0, 100) },
    { "drill_lookalike_pct", U(drill_lookalike_pct, 0, 100) },
};
enum { KEY_COUNT = sizeof keys / sizeof keys[0], INI_LINE_MAX = 255 };

typedef struct ini_state {
    const char *file;
    core_errors *errs;
    stiel_status first;
    service_levels lv;
    service_level *cur;                   /* NULL before the first section */
    bool skipping;                        /* inside a section already reported as bad */
    unsigned set_at[LEVELS_MAX][KEY_COUNT];  /* line where each key was set, 0: not yet */
    bool seen[LEVELS_MAX];
    bool bad_value[LEVELS_MAX];              /* skip the cross-checks of such a level */
} ini_state;

static void err(ini_state *s, stiel_status code, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void err(ini_state *s, stiel_status code, unsigned line, const char *fmt, ...)
{
    char msg[STIEL_DIAG_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    core_errors_add(s->errs, code, "%s:%u: %s", s->file, line, msg);
    if (s->first == STIEL_OK)
        s->first = code;
}

static char *trim(char *t)
{
    while (*t == ' ' || *t == '\t')
        t++;
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
        t[--n] = '\0';
    return t;
}

static bool parse_uint(const char *v, unsigned *out)
{
    uint64_t n = 0;
    if (!*v || strlen(v) > 9)
        return false;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        n = n * 10 + (uint64_t)(*p - '0');
    }
    *out = (unsigned)n;
    return true;
}

static void section(ini_state *s, char *name, unsigned line)
{
    unsigned n = 0;
    s->cur = NULL;
    s->skipping = true;
    if (strncmp(name, "level ", 6) != 0 || !parse_uint(trim(name + 6), &n) || n < 1 ||
        n > LEVELS_MAX) {
        err(s, STIEL_ERR_SYNTAX, line, "[%.40s] is not a level section; write [level N], N 1..%d",
            name, LEVELS_MAX);
        return;
    }
    if (s->seen[n - 1]) {
        err(s, STIEL_ERR_SYNTAX, line, "[level %u] appears twice (also line %u)", n,
            s->lv.levels[n - 1].line);
        return;
    }
    s->seen[n - 1] = true;
    s->skipping = false;
    s->cur = &s->lv.levels[n - 1];
    s->cur->number = n;
    s->cur->line = line;
}

static void assign(ini_state *s, char *key, char *value, unsigned line)
{
    if (!s->cur) {
        if (!s->skipping)
            err(s, STIEL_ERR_SYNTAX, line, "%.40s is set outside a [level N] section", key);
        return;
    }
    size_t k = 0;
    while (k < KEY_COUNT && strcmp(keys[k].name, key) != 0)
        k++;
    if (k == KEY_COUNT) {
        err(s, STIEL_ERR_NOT_FOUND, line, "unknown key %.40s in [level %u]", key,
            s->cur->number);
        return;
    }
    unsigned idx = s->cur->number - 1;
    if (s->set_at[idx][k]) {
        err(s, STIEL_ERR_SYNTAX, line, "%s is set twice in [level %u] (also line %u)", key,
            s->cur->number, s->set_at[idx][k]);
        return;
    }
    s->set_at[idx][k] = line;  /* also when bad: one error per line, not two */
    bool was_bad = s->bad_value[idx];
    s->bad_value[idx] = true;   /* restored below once the value is stored */
    const key_spec *ks = &keys[k];
    char *field = (char *)s->cur + ks->offset;
    unsigned u = 0;
    switch (ks->kind) {
    case K_TEXT:
        if (strlen(value) < ks->min || strlen(value) > ks->max) {
            err(s, STIEL_ERR_SYNTAX, line, "%s needs 1..%u characters", key, ks->max);
            return;
        }
        memcpy(field, value, strlen(value) + 1);
        break;
    case K_UINT:
        if (!parse_uint(value, &u) || u < ks->min || u > ks->max) {
            err(s, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected a whole number %u..%u", key,
                value, ks->min, ks->max);
            return;
        }
        memcpy(field, &u, sizeof u);
        break;
    case K_BOOL: {
        bool b;
        if (strcmp(value, "yes") == 0) {
            b = true;
        } else if (strcmp(value, "no") == 0) {
            b = false;
        } else {
            err(s, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected yes or no", key, value);
            return;
        }
        memcpy(field, &b, sizeof b);
        break;
    }
    case K_QTY:
    case K_PHOTO: {
        const char *a = ks->kind == K_QTY ? "each" : "shown";
        const char *b = ks->kind == K_QTY ? "typed" : "on_request";
        int e;
        if (strcmp(value, a) == 0) {
            e = 0;
        } else if (strcmp(value, b) == 0) {
            e = 1;
        } else {
            err(s, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected %s or %s", key, value, a, b);
            return;
        }
        if (ks->kind == K_QTY)
            s->cur->quantity = (level_quantity)e;
        else
            s->cur->photo = (level_photo)e;
        break;
    }
    }
    s->bad_value[idx] = was_bad;
}

static void check_levels(ini_state *s)
{
    size_t count = 0;
    while (count < LEVELS_MAX && s->seen[count])
        count++;
    if (count == 0) {
        err(s, STIEL_ERR_MISSING, 1, "no [level 1] section");
        return;
    }
    for (size_t n = count; n < LEVELS_MAX; n++) {
        if (s->seen[n]) {
            err(s, STIEL_ERR_MISSING, s->lv.levels[n].line,
                "[level %zu] follows a gap: level %zu is missing", n + 1, count + 1);
            break;
        }
    }
    for (size_t n = 0; n < count; n++) {
        service_level *l = &s->lv.levels[n];
        bool complete = true;
        for (size_t k = 0; k < KEY_COUNT; k++) {
            if (!s->set_at[n][k]) {
                err(s, STIEL_ERR_MISSING, l->line, "[level %u] lacks %s", l->number,
                    keys[k].name);
                complete = false;
            }
        }
        if (!complete || s->bad_value[n])
            continue;
        if (l->lines_min > l->lines_max)
            err(s, STIEL_ERR_SYNTAX, s->set_at[n][2], "lines_max %u is below lines_min %u",
                l->lines_max, l->lines_min);
        if (l->qty_min > l->qty_max)
            err(s, STIEL_ERR_SYNTAX, s->set_at[n][4], "qty_max %u is below qty_min %u",
                l->qty_max, l->qty_min);
        if (l->drill_empty_pct + l->drill_damaged_pct + l->drill_lookalike_pct > 100)
            err(s, STIEL_ERR_SYNTAX, l->line, "[level %u] drills add up to more than 100 %%",
                l->number);
    }
    s->lv.count = count;
}

stiel_status service_levels_parse(const char *file, const char *text, size_t len,
                                  service_levels *out, core_errors *errs)
{
    if (!file || !out || (!text && len > 0))
        return core_errors_add(errs, STIEL_ERR_ARG, "levels: no file name, text or output");
    static const ini_state zero;
    ini_state s = zero;
    s.file = file;
    s.errs = errs;
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
        if (n > INI_LINE_MAX) {
            err(&s, STIEL_ERR_OVERLONG, line, "the line is longer than %d bytes", INI_LINE_MAX);
            continue;
        }
        char buf[INI_LINE_MAX + 1];
        memcpy(buf, text + start, n);
        buf[n] = '\0';
        if (memchr(buf, '\0', n)) {
            err(&s, STIEL_ERR_SYNTAX, line, "the line holds a NUL byte");
            continue;
        }
        char *t = trim(buf);
        if (*t == '\0' || *t == ';' || *t == '#')
            continue;
        if (*t == '[') {
            char *close = strchr(t, ']');
            if (!close || close[1] != '\0') {
                err(&s, STIEL_ERR_SYNTAX, line, "a section line must end with ]");
                s.cur = NULL;
                s.skipping = true;
                continue;
            }
            *close = '\0';
            section(&s, trim(t + 1), line);
            continue;
        }
        char *eq = strchr(t, '=');
        if (!eq) {
            err(&s, STIEL_ERR_SYNTAX, line, "expected key = value, [level N] or a ; comment");
            continue;
        }
        *eq = '\0';
        assign(&s, trim(t), trim(eq + 1), line);
    }
    check_levels(&s);
    if (s.first != STIEL_OK)
        return s.first;
    *out = s.lv;
    return STIEL_OK;
}

const service_level *service_levels_get(const service_levels *levels, unsigned number)
{
    if (!levels || number < 1 || number > levels->count)
        return NULL;
    return &levels->levels[number - 1];
}
