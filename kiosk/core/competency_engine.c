/* The competency engine declared in competency.h: status per competency from summary cells,
 * observations and sign-offs; the wage-value dimensions per day or level; the level suggestion. */
#include "kiosk/core/competency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *competency_state_name(competency_state state)
{
    static const char *const names[] = {"not started", "practising", "meets criteria",
                                        "signed off"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "?";
}

static bool is_task_kind(const char *kind)
{
    size_t n = strlen(kind);
    return n >= 5 && strcmp(kind + n - 5, ".done") == 0;
}

static int day_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts days[0..n) and returns how many distinct values it holds. */
static unsigned distinct(int64_t *days, size_t n)
{
    if (n == 0)
        return 0;
    qsort(days, n, sizeof *days, day_cmp);
    unsigned d = 1;
    for (size_t i = 1; i < n; i++)
        d += days[i] != days[i - 1];
    return d;
}

static bool kind_listed(const competency_def *def, const char *kind)
{
    for (size_t k = 0; k < def->kind_count; k++)
        if (strcmp(def->kinds[k], kind) == 0)
            return true;
    return false;
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void evaluate_steps(const competency_def *def, const competency_input *in, int64_t *days,
                           competency_result *r)
{
    size_t nd = 0;
    for (size_t i = 0; i < in->cell_count; i++) {
        const competency_cell *c = &in->cells[i];
        if (!kind_listed(def, c->kind))
            continue;
        r->attempts_all += c->n.attempts + c->n.skipped;
        if (c->level < def->min_level)
            continue;
        r->attempts += c->n.attempts;
        r->rft += c->n.rft;
        r->independent += c->n.independent;
        r->skipped += c->n.skipped;
        if (c->n.attempts)
            days[nd++] = c->day;
    }
    r->days = distinct(days, nd);
    r->rft_pct = pct(r->rft, r->attempts);
    r->independent_pct = pct(r->independent, r->attempts);
    r->meets = r->attempts >= def->min_attempts && r->attempts > 0 &&
               r->rft * 100 >= (uint64_t)def->min_rft_pct * r->attempts &&
               r->independent * 100 >= (uint64_t)def->min_independent_pct * r->attempts &&
               r->days >= def->min_days;
}

static void evaluate_observations(const competency_def *def, const competency_input *in,
                                  int64_t *days, competency_result *r)
{
    size_t nd = 0;
    int64_t latest = INT64_MIN;
    for (size_t i = 0; i < in->observation_count; i++) {
        const competency_observation_in *o = &in->observations[i];
        if (strcmp(o->category, def->category) != 0)
            continue;
        r->attempts_all++;
        if (o->positive) {
            r->attempts++;
            days[nd++] = o->day;
        } else {
            r->concerns++;
        }
        if (o->ts_ms >= latest) {
            latest = o->ts_ms;
            r->latest_positive = o->positive;
        }
    }
    r->days = distinct(days, nd);
    r->meets = r->attempts >= def->min_attempts && r->days >= def->min_days && r->latest_positive;
}

stiel_status competency_evaluate(const competency_framework *fw, const competency_input *in,
                                 competency_result *out)
{
    size_t cap = in->cell_count > in->observation_count ? in->cell_count : in->observation_count;
    int64_t *days = malloc((cap ? cap : 1) * sizeof *days);
    if (!days)
        return STIEL_ERR_NOMEM;
    for (size_t i = 0; i < fw->count; i++) {
        const competency_def *def = &fw->items[i];
        competency_result *r = &out[i];
        memset(r, 0, sizeof *r);
        r->def = def;
        r->signed_off_day = -1;
        if (def->source == COMP_SOURCE_STEPS)
            evaluate_steps(def, in, days, r);
        else
            evaluate_observations(def, in, days, r);
        for (size_t s = 0; s < in->signoff_count; s++)
            if (strcmp(in->signoffs[s].competency, def->id) == 0 &&
                (r->signed_off_day < 0 || in->signoffs[s].day < r->signed_off_day))
                r->signed_off_day = in->signoffs[s].day;
        if (r->signed_off_day >= 0)
            r->state = COMP_SIGNED_OFF;
        else if (r->meets)
            r->state = COMP_MEETS_CRITERIA;
        else if (r->attempts_all > 0)
            r->state = COMP_PRACTISING;
        else
            r->state = COMP_NOT_STARTED;
    }
    free(days);
    return STIEL_OK;
}

/* ---- dimensions ---------------------------------------------------------------------------- */

static unsigned norm_seconds(const service_levels *levels, unsigned level)
{
    const service_level *l = levels ? service_levels_get(levels, level) : NULL;
    return l ? l->norm_seconds_per_line : 0;
}

static void dims_add_cell(competency_dims *g, const competency_cell *c,
                          const service_levels *levels)
{
    if (is_task_kind(c->kind)) {
        g->tasks += c->n.attempts;
        g->lines += c->n.lines_done;
        g->task_ms += c->n.duration_ms;
        unsigned norm = norm_seconds(levels, c->level);
        if (norm) {
            g->norm_ms += c->n.lines_done * (uint64_t)norm * 1000u;
            g->normed_task_ms += c->n.duration_ms;
        }
    } else {
        g->steps += c->n.attempts;
        g->rft += c->n.rft;
        g->errors += c->n.errors;
    }
    g->help_weight += c->n.help_weight;
}

static void dims_finish(competency_dims *g)
{
    g->tempo_pct = g->normed_task_ms && g->norm_ms
                       ? 100.0 * (double)g->norm_ms / (double)g->normed_task_ms
                       : -1.0;
    g->quality_pct = g->steps ? pct(g->rft, g->steps) : -1.0;
    g->errors_per_step = g->steps ? (double)g->errors / (double)g->steps : -1.0;
    g->support_per_task = g->tasks ? (double)g->help_weight / (double)g->tasks : -1.0;
}

static int dims_cmp(const void *a, const void *b)
{
    const competency_dims *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

stiel_status competency_dimensions(const competency_cell *cells, size_t n,
                                   const service_levels *levels, competency_group by,
                                   competency_dims **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (n == 0)
        return STIEL_OK;
    competency_dims *g = calloc(n, sizeof *g);
    if (!g)
        return STIEL_ERR_NOMEM;
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t key = by == COMP_BY_DAY ? cells[i].day : (int64_t)cells[i].level;
        size_t k = 0;
        /* cells usually come grouped: try the last group first */
        if (ng && g[ng - 1].key == key)
            k = ng - 1;
        else
            while (k < ng && g[k].key != key)
                k++;
        if (k == ng)
            g[ng++].key = key;
        dims_add_cell(&g[k], &cells[i], levels);
    }
    for (size_t k = 0; k < ng; k++)
        dims_finish(&g[k]);
    qsort(g, ng, sizeof *g, dims_cmp);
    *out = g;
    *count = ng;
    return STIEL_OK;
}

/* ---- level suggestion ---------------------------------------------------------------------- */

static unsigned current_level_of(const competency_cell *cells, size_t n)
{
    int64_t last = INT64_MIN;
    unsigned level = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_task_kind(cells[i].kind) || cells[i].n.attempts == 0)
            continue;
        if (cells[i].day > last || (cells[i].day == last && cells[i].level > level)) {
            last = cells[i].day;
            level = cells[i].level;
        }
    }
    return level;
}

void competency_suggest(const competency_cell *cells, size_t n, const service_levels *levels,
                        unsigned current_level, competency_suggestion *out)
{
    memset(out, 0, sizeof *out);
    out->rft_pct = out->independent_pct = out->tempo_pct = out->support_per_task = -1.0;
    unsigned level = current_level ? current_level : current_level_of(cells, n);
    out->from_level = level;
    if (level == 0) {
        snprintf(out->why, sizeof out->why, "no step evidence yet");
        return;
    }
    /* the window: the last COMP_SUGGEST_WINDOW_DAYS distinct days with steps at this level */
    int64_t window[COMP_SUGGEST_WINDOW_DAYS];
    size_t nw = 0;
    for (size_t i = 0; i < n; i++) {
        const competency_cell *c = &cells[i];
        if (c->level != level || is_task_kind(c->kind) || c->n.attempts == 0)
            continue;
        bool have = false;
        for (size_t k = 0; k < nw; k++)
            have = have || window[k] == c->day;
        if (have)
            continue;
        if (nw < COMP_SUGGEST_WINDOW_DAYS) {
            window[nw++] = c->day;
            continue;
        }
        size_t oldest = 0;
        for (size_t k = 1; k < nw; k++)
            if (window[k] < window[oldest])
                oldest = k;
        if (c->day > window[oldest])
            window[oldest] = c->day;
    }
    competency_dims g;
    memset(&g, 0, sizeof g);
    uint64_t independent = 0;
    for (size_t i = 0; i < n; i++) {
        const competency_cell *c = &cells[i];
        bool in_window = false;
        for (size_t k = 0; k < nw; k++)
            in_window = in_window || window[k] == c->day;
        if (c->level != level || !in_window)
            continue;
        dims_add_cell(&g, c, levels);
        if (!is_task_kind(c->kind))
            independent += c->n.independent;
    }
    dims_finish(&g);
    out->days = (unsigned)nw;
    out->steps = g.steps;
    out->tasks = g.tasks;
    if (g.steps) {
        out->rft_pct = pct(g.rft, g.steps);
        out->independent_pct = pct(independent, g.steps);
    }
    out->tempo_pct = g.tempo_pct;
    out->support_per_task = g.support_per_task;
    bool norm = norm_seconds(levels, level) > 0;
    size_t top = levels ? levels->count : LEVELS_MAX;
    char tempo[32] = "no norm";
    if (norm && out->tempo_pct >= 0)
        snprintf(tempo, sizeof tempo, "%.0f %% of the norm", out->tempo_pct);
    else if (norm)
        snprintf(tempo, sizeof tempo, "no task timed");
    snprintf(out->why, sizeof out->why,
             "level %u, last %u day(s): %llu steps, %.0f %% right first time, %.0f %% "
             "independent, tempo %s, support %.1f per task",
             level, out->days, (unsigned long long)g.steps, out->rft_pct < 0 ? 0 : out->rft_pct,
             out->independent_pct < 0 ? 0 : out->independent_pct, tempo,
             out->support_per_task < 0 ? 0 : out->support_per_task);

    competency_up_check checks[COMP_UP_CRITERIA_MAX];
    size_t nc = competency_up_checks(out, levels, checks);
    bool up = level < top && nc > 0;
    for (size_t k = 0; k < nc; k++)
        up = up && checks[k].met;
    bool down = level > 1 && nw >= COMP_DOWN_MIN_DAYS && g.steps >= COMP_DOWN_MIN_STEPS &&
                (out->rft_pct < COMP_DOWN_RFT_PCT ||
                 out->independent_pct < COMP_DOWN_INDEPENDENT_PCT ||
                 (norm && out->tempo_pct >= 0 && out->tempo_pct < COMP_DOWN_TEMPO_PCT));
    if (up) {
        out->kind = COMP_SUGGEST_UP;
        out->to_level = level + 1;
        snprintf(out->text, sizeof out->text, "ready for level %u", level + 1);
    } else if (down) {
        out->kind = COMP_SUGGEST_DOWN;
        out->to_level = level - 1;
        snprintf(out->text, sizeof out->text, "struggling: consider level %u", level - 1);
    }
}

static competency_up_check up_check(competency_up_criterion which, double value, double needed,
                                    bool at_least)
{
    competency_up_check c = {.which = which, .value = value, .needed = needed};
    c.met = value >= 0 && (at_least ? value >= needed : value <= needed);
    return c;
}

size_t competency_up_checks(const competency_suggestion *s, const service_levels *levels,
                            competency_up_check out[COMP_UP_CRITERIA_MAX])
{
    if (s->from_level == 0)
        return 0;
    size_t n = 0;
    out[n++] = up_check(COMP_UP_DAYS, (double)s->days, COMP_UP_MIN_DAYS, true);
    out[n++] = up_check(COMP_UP_STEPS, (double)s->steps, COMP_UP_MIN_STEPS, true);
    out[n++] = up_check(COMP_UP_RFT, s->rft_pct, COMP_UP_RFT_PCT, true);
    out[n++] = up_check(COMP_UP_INDEPENDENT, s->independent_pct, COMP_UP_INDEPENDENT_PCT, true);
    competency_up_check sup = up_check(COMP_UP_SUPPORT, s->support_per_task,
                                       COMP_UP_SUPPORT_X10 / 10.0, false);
    sup.met = s->tasks == 0 || (s->support_per_task >= 0 &&
                                s->support_per_task * 10.0 <= COMP_UP_SUPPORT_X10);
    out[n++] = sup;
    if (norm_seconds(levels, s->from_level) > 0)
        out[n++] = up_check(COMP_UP_TEMPO, s->tempo_pct, COMP_UP_TEMPO_PCT, true);
    return n;
}
