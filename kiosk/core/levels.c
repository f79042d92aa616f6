/* The service-level reader declared in levels.h: [level N] sections read by kiosk/core/ini.h and a
 * table of keys with their kind, range and place in service_level. */
#include "kiosk/core/levels.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/core/ini.h"

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
enum { KEY_COUNT = sizeof keys / sizeof keys[0], LEVELS_LINE_MAX = 255 };

typedef struct ini_state {
    ini_errors e;
    service_levels lv;
    service_level *cur;                   /* NULL before the first section */
    bool skipping;                        /* inside a section already reported as bad */
    unsigned set_at[LEVELS_MAX][KEY_COUNT];  /* line where each key was set, 0: not yet */
    bool seen[LEVELS_MAX];
    bool bad_value[LEVELS_MAX];              /* skip the cross-checks of such a level */
} ini_state;

static void section(void *ctx, char *name, unsigned line)
{
    ini_state *s = ctx;
    unsigned n = 0;
    s->cur = NULL;
    s->skipping = true;
    if (!name)
        return;
    if (strncmp(name, "level ", 6) != 0 || !ini_uint(ini_trim(name + 6), 9, &n) || n < 1 ||
        n > LEVELS_MAX) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "[%.40s] is not a level section; write [level N], N 1..%d",
            name, LEVELS_MAX);
        return;
    }
    if (s->seen[n - 1]) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "[level %u] appears twice (also line %u)", n,
            s->lv.levels[n - 1].line);
        return;
    }
    s->seen[n - 1] = true;
    s->skipping = false;
    s->cur = &s->lv.levels[n - 1];
    s->cur->number = n;
    s->cur->line = line;
}

static void assign(void *ctx, char *key, char *value, unsigned line)
{
    ini_state *s = ctx;
    if (!s->cur) {
        if (!s->skipping)
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%.40s is set outside a [level N] section", key);
        return;
    }
    size_t k = 0;
    while (k < KEY_COUNT && strcmp(keys[k].name, key) != 0)
        k++;
    if (k == KEY_COUNT) {
        ini_error(&s->e, STIEL_ERR_NOT_FOUND, line, "unknown key %.40s in [level %u]", key,
            s->cur->number);
        return;
    }
    unsigned idx = s->cur->number - 1;
    if (s->set_at[idx][k]) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s is set twice in [level %u] (also line %u)", key,
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
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s needs 1..%u characters", key, ks->max);
            return;
        }
        memcpy(field, value, strlen(value) + 1);
        break;
    case K_UINT:
        if (!ini_uint(value, 9, &u) || u < ks->min || u > ks->max) {
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected a whole number %u..%u", key,
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
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected yes or no", key, value);
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
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected %s or %s", key, value, a, b);
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
        ini_error(&s->e, STIEL_ERR_MISSING, 1, "no [level 1] section");
        return;
    }
    for (size_t n = count; n < LEVELS_MAX; n++) {
        if (s->seen[n]) {
            ini_error(&s->e, STIEL_ERR_MISSING, s->lv.levels[n].line,
                "[level %zu] follows a gap: level %zu is missing", n + 1, count + 1);
            break;
        }
    }
    for (size_t n = 0; n < count; n++) {
        service_level *l = &s->lv.levels[n];
        bool complete = true;
        for (size_t k = 0; k < KEY_COUNT; k++) {
            if (!s->set_at[n][k]) {
                ini_error(&s->e, STIEL_ERR_MISSING, l->line, "[level %u] lacks %s", l->number,
                    keys[k].name);
                complete = false;
            }
        }
        if (!complete || s->bad_value[n])
            continue;
        if (l->lines_min > l->lines_max)
            ini_error(&s->e, STIEL_ERR_SYNTAX, s->set_at[n][2], "lines_max %u is below lines_min %u",
                l->lines_max, l->lines_min);
        if (l->qty_min > l->qty_max)
            ini_error(&s->e, STIEL_ERR_SYNTAX, s->set_at[n][4], "qty_max %u is below qty_min %u",
                l->qty_max, l->qty_min);
        if (l->drill_empty_pct + l->drill_damaged_pct + l->drill_lookalike_pct > 100)
            ini_error(&s->e, STIEL_ERR_SYNTAX, l->line, "[level %u] drills add up to more than 100 %%",
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
    s.e.file = file;
    s.e.errs = errs;
    ini_reader r = {
        .line_max = LEVELS_LINE_MAX, .section_hint = "[level N]", .errors = &s.e,
        .on_section = section, .on_key = assign,
    };
    ini_parse(text, len, &r, &s);
    check_levels(&s);
    if (s.e.first != STIEL_OK)
        return s.e.first;
    *out = s.lv;
    return STIEL_OK;
}

const service_level *service_levels_get(const service_levels *levels, unsigned number)
{
    if (!levels || number < 1 || number > levels->count)
        return NULL;
    return &levels->levels[number - 1];
}
