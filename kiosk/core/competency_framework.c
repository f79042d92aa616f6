/* The competency framework reader declared in competency.h: kiosk/core/ini.h reads the lines, this
 * file gives meaning to one [framework] section and one [competency ID] section per competency;
 * every problem is reported as FILE:LINE. */
#include "kiosk/core/competency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/ini.h"

enum { FRAMEWORK_LINE_MAX = 511 };

/* Keys of a [competency] section, as bits for "set at" bookkeeping. */
typedef enum ckey {
    CK_NAME_NL = 0, CK_NAME_EN, CK_REFERENCE, CK_EVIDENCE, CK_OBSERVATIONS, CK_MIN_LEVEL,
    CK_MIN_ATTEMPTS, CK_MIN_RFT, CK_MIN_INDEPENDENT, CK_MIN_DAYS, CK_COUNT
} ckey;
static const char *const ckey_names[CK_COUNT] = {
    "name_nl", "name_en", "reference", "evidence", "observations", "min_level", "min_attempts",
    "min_rft_pct", "min_independent_pct", "min_days",
};
typedef enum fkey { FK_ID = 0, FK_NAME_NL, FK_NAME_EN, FK_QUALIFICATION, FK_COUNT } fkey;
static const char *const fkey_names[FK_COUNT] = {"id", "name_nl", "name_en", "qualification"};

typedef struct fw_state {
    ini_errors e;
    competency_framework fw;
    enum { SEC_NONE, SEC_FRAMEWORK, SEC_COMPETENCY, SEC_BAD } sec;
    unsigned framework_line;
    unsigned fw_set[FK_COUNT];
    unsigned set[COMP_MAX][CK_COUNT];
    competency_def *cur;
} fw_state;

/* An id: 1..cap bytes of [a-z0-9._-]. */
static bool valid_id(const char *v, size_t cap)
{
    size_t n = strlen(v);
    if (n == 0 || n > cap)
        return false;
    for (const char *p = v; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return false;
    return true;
}

static bool copy_text(fw_state *s, unsigned line, const char *key, const char *value, char *dst,
                      size_t cap)
{
    size_t n = strlen(value);
    if (n == 0 || n >= cap) {
        ini_error(&s->e, n ? STIEL_ERR_OVERLONG : STIEL_ERR_SYNTAX, line, "%s needs 1..%zu bytes of text",
            key, cap - 1);
        return false;
    }
    memcpy(dst, value, n + 1);
    return true;
}

static void section(void *ctx, char *name, unsigned line)
{
    fw_state *s = ctx;
    s->cur = NULL;
    if (!name) {
        s->sec = SEC_BAD;
        return;
    }
    if (strcmp(name, "framework") == 0) {
        if (s->framework_line) {
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "[framework] appears twice (also line %u)",
                s->framework_line);
            s->sec = SEC_BAD;
            return;
        }
        s->framework_line = line;
        s->sec = SEC_FRAMEWORK;
        return;
    }
    s->sec = SEC_BAD;
    if (strncmp(name, "competency ", 11) != 0) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line,
            "[%.40s] is not a section of a framework; write [framework] or [competency ID]", name);
        return;
    }
    const char *id = ini_trim(name + 11);
    if (!valid_id(id, COMP_ID_MAX)) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line,
            "competency id '%.48s' must be 1..%d characters of a-z, 0-9, '.', '_' or '-'", id,
            COMP_ID_MAX);
        return;
    }
    if (!s->framework_line) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "[competency %s] comes before the [framework] section", id);
        return;
    }
    for (size_t i = 0; i < s->fw.count; i++) {
        if (strcmp(s->fw.items[i].id, id) == 0) {
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "competency %s is defined twice (also line %u)", id,
                s->fw.items[i].line);
            return;
        }
    }
    if (s->fw.count >= COMP_MAX) {
        ini_error(&s->e, STIEL_ERR_OVERLONG, line, "more than %d competencies in one framework", COMP_MAX);
        return;
    }
    s->cur = &s->fw.items[s->fw.count++];
    snprintf(s->cur->id, sizeof s->cur->id, "%s", id);
    s->cur->line = line;
    s->sec = SEC_COMPETENCY;
}

static void assign_framework(fw_state *s, const char *key, const char *value, unsigned line)
{
    size_t k = 0;
    while (k < FK_COUNT && strcmp(fkey_names[k], key) != 0)
        k++;
    if (k == FK_COUNT) {
        ini_error(&s->e, STIEL_ERR_NOT_FOUND, line, "unknown key %.40s in [framework]", key);
        return;
    }
    if (s->fw_set[k]) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s is set twice in [framework] (also line %u)", key,
            s->fw_set[k]);
        return;
    }
    s->fw_set[k] = line;
    switch ((fkey)k) {
    case FK_ID:
        if (!valid_id(value, COMP_ID_MAX))
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "id must be 1..%d characters of a-z, 0-9, '.', '_' "
                "or '-'", COMP_ID_MAX);
        else
            snprintf(s->fw.id, sizeof s->fw.id, "%s", value);
        break;
    case FK_NAME_NL: copy_text(s, line, key, value, s->fw.name_nl, sizeof s->fw.name_nl); break;
    case FK_NAME_EN: copy_text(s, line, key, value, s->fw.name_en, sizeof s->fw.name_en); break;
    case FK_QUALIFICATION:
        copy_text(s, line, key, value, s->fw.qualification, sizeof s->fw.qualification);
        break;
    default: break;
    }
}

static void set_kinds(fw_state *s, competency_def *c, char *value, unsigned line)
{
    char *save = NULL;
    for (char *tok = strtok_r(value, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
        if (c->kind_count >= COMP_KINDS_MAX) {
            ini_error(&s->e, STIEL_ERR_OVERLONG, line, "evidence lists more than %d kinds", COMP_KINDS_MAX);
            return;
        }
        if (strncmp(tok, EVIDENCE_KIND_STEP_PREFIX, strlen(EVIDENCE_KIND_STEP_PREFIX)) != 0 ||
            !valid_id(tok, EVIDENCE_KIND_MAX) || strlen(tok) <= strlen(EVIDENCE_KIND_STEP_PREFIX)) {
            ini_error(&s->e, STIEL_ERR_SYNTAX, line,
                "evidence kind '%.48s' is not a step kind like step.pick.scan_item", tok);
            return;
        }
        snprintf(c->kinds[c->kind_count++], EVIDENCE_KIND_MAX + 1, "%s", tok);
    }
    if (c->kind_count == 0)
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "evidence lists no step kind");
}

static void assign_competency(fw_state *s, const char *key, char *value, unsigned line)
{
    competency_def *c = s->cur;
    size_t k = 0;
    while (k < CK_COUNT && strcmp(ckey_names[k], key) != 0)
        k++;
    if (k == CK_COUNT) {
        ini_error(&s->e, STIEL_ERR_NOT_FOUND, line, "unknown key %.40s in [competency %s]", key, c->id);
        return;
    }
    size_t idx = (size_t)(c - s->fw.items);
    if (s->set[idx][k]) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s is set twice in [competency %s] (also line %u)", key,
            c->id, s->set[idx][k]);
        return;
    }
    s->set[idx][k] = line;
    unsigned u = 0;
    switch ((ckey)k) {
    case CK_NAME_NL: copy_text(s, line, key, value, c->name_nl, sizeof c->name_nl); return;
    case CK_NAME_EN: copy_text(s, line, key, value, c->name_en, sizeof c->name_en); return;
    case CK_REFERENCE: copy_text(s, line, key, value, c->reference, sizeof c->reference); return;
    case CK_EVIDENCE: set_kinds(s, c, value, line); return;
    case CK_OBSERVATIONS:
        if (!valid_id(value, EVIDENCE_CATEGORY_MAX))
            ini_error(&s->e, STIEL_ERR_SYNTAX, line, "observations = %.40s: a category is 1..%d "
                "characters of a-z, 0-9, '.', '_' or '-'", value, EVIDENCE_CATEGORY_MAX);
        else
            snprintf(c->category, sizeof c->category, "%s", value);
        return;
    default: break;
    }
    unsigned lo = 0, hi = 100000;
    if (k == CK_MIN_LEVEL) {
        lo = 1;
        hi = LEVELS_MAX;
    } else if (k == CK_MIN_RFT || k == CK_MIN_INDEPENDENT) {
        hi = 100;
    } else if (k == CK_MIN_DAYS) {
        lo = 1;
        hi = 366;
    } else if (k == CK_MIN_ATTEMPTS) {
        lo = 1;
    }
    if (!ini_uint(value, 6, &u) || u < lo || u > hi) {
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%s = %.24s: expected a whole number %u..%u", key, value,
            lo, hi);
        return;
    }
    switch ((ckey)k) {
    case CK_MIN_LEVEL: c->min_level = u; break;
    case CK_MIN_ATTEMPTS: c->min_attempts = u; break;
    case CK_MIN_RFT: c->min_rft_pct = u; break;
    case CK_MIN_INDEPENDENT: c->min_independent_pct = u; break;
    case CK_MIN_DAYS: c->min_days = u; break;
    default: break;
    }
}

static void assign(void *ctx, char *key, char *value, unsigned line)
{
    fw_state *s = ctx;
    if (s->sec == SEC_FRAMEWORK)
        assign_framework(s, key, value, line);
    else if (s->sec == SEC_COMPETENCY)
        assign_competency(s, key, value, line);
    else if (s->sec == SEC_NONE)
        ini_error(&s->e, STIEL_ERR_SYNTAX, line, "%.40s is set outside a section", key);
}

static void check_all(fw_state *s)
{
    if (!s->framework_line) {
        ini_error(&s->e, STIEL_ERR_MISSING, 1, "no [framework] section");
        return;
    }
    for (size_t k = 0; k < FK_COUNT; k++)
        if (!s->fw_set[k])
            ini_error(&s->e, STIEL_ERR_MISSING, s->framework_line, "[framework] lacks %s", fkey_names[k]);
    if (s->fw.count == 0)
        ini_error(&s->e, STIEL_ERR_MISSING, s->framework_line, "the framework has no [competency ID]");
    static const ckey steps_keys[] = {CK_MIN_LEVEL, CK_MIN_ATTEMPTS, CK_MIN_RFT,
                                      CK_MIN_INDEPENDENT, CK_MIN_DAYS};
    static const ckey obs_keys[] = {CK_MIN_ATTEMPTS, CK_MIN_DAYS};
    static const ckey obs_forbidden[] = {CK_MIN_LEVEL, CK_MIN_RFT, CK_MIN_INDEPENDENT};
    for (size_t i = 0; i < s->fw.count; i++) {
        competency_def *c = &s->fw.items[i];
        const unsigned *set = s->set[i];
        for (size_t k = CK_NAME_NL; k <= CK_REFERENCE; k++)
            if (!set[k])
                ini_error(&s->e, STIEL_ERR_MISSING, c->line, "[competency %s] lacks %s", c->id,
                    ckey_names[k]);
        if (set[CK_EVIDENCE] && set[CK_OBSERVATIONS]) {
            ini_error(&s->e, STIEL_ERR_SYNTAX, set[CK_OBSERVATIONS],
                "[competency %s] sets both evidence and observations: choose one", c->id);
            continue;
        }
        if (!set[CK_EVIDENCE] && !set[CK_OBSERVATIONS]) {
            ini_error(&s->e, STIEL_ERR_MISSING, c->line,
                "[competency %s] lacks evidence (step kinds) or observations (a category)",
                c->id);
            continue;
        }
        c->source = set[CK_EVIDENCE] ? COMP_SOURCE_STEPS : COMP_SOURCE_OBSERVATIONS;
        if (c->source == COMP_SOURCE_STEPS) {
            for (size_t k = 0; k < sizeof steps_keys / sizeof steps_keys[0]; k++)
                if (!set[steps_keys[k]])
                    ini_error(&s->e, STIEL_ERR_MISSING, c->line, "[competency %s] lacks %s", c->id,
                        ckey_names[steps_keys[k]]);
        } else {
            for (size_t k = 0; k < sizeof obs_keys / sizeof obs_keys[0]; k++)
                if (!set[obs_keys[k]])
                    ini_error(&s->e, STIEL_ERR_MISSING, c->line, "[competency %s] lacks %s", c->id,
                        ckey_names[obs_keys[k]]);
            for (size_t k = 0; k < sizeof obs_forbidden / sizeof obs_forbidden[0]; k++)
                if (set[obs_forbidden[k]])
                    ini_error(&s->e, STIEL_ERR_SYNTAX, set[obs_forbidden[k]],
                        "%s does not apply to a competency counted from observations",
                        ckey_names[obs_forbidden[k]]);
            c->min_level = 1;
        }
    }
}

stiel_status competency_framework_parse(const char *file, const char *text, size_t len,
                                        competency_framework *out, core_errors *errs)
{
    if (!file || !out || (!text && len > 0))
        return core_errors_add(errs, STIEL_ERR_ARG, "competencies: no file name, text or output");
    static const fw_state zero;
    fw_state *s = malloc(sizeof *s);  /* large: keep it off the stack */
    if (!s)
        return core_errors_add(errs, STIEL_ERR_NOMEM, "%s: out of memory", file);
    *s = zero;
    s->e.file = file;
    s->e.errs = errs;
    ini_reader r = {
        .line_max = FRAMEWORK_LINE_MAX, .section_hint = "a [section]", .errors = &s->e,
        .on_section = section, .on_key = assign,
    };
    ini_parse(text, len, &r, s);
    check_all(s);
    stiel_status st = s->e.first;
    if (st == STIEL_OK)
        *out = s->fw;
    free(s);
    return st;
}

const competency_def *competency_framework_find(const competency_framework *fw, const char *id)
{
    if (!fw || !id)
        return NULL;
    for (size_t i = 0; i < fw->count; i++)
        if (strcmp(fw->items[i].id, id) == 0)
            return &fw->items[i];
    return NULL;
}
