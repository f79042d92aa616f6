/* report_build: gathers one trainee's dossier from the evidence store — the trainee row, the
 * evidence summary within the period, coach events (observations, sign-offs, level changes),
 * the competency engine's findings, the chart series and the chain heads behind the code. */
#include "kiosk/report/report.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

enum { DAY_MS = 86400000 };

/* Grows *items (of size each) to hold one more; returns the new slot (zeroed) or NULL. */
static void *grow(void **items, size_t *count, size_t *alloc, size_t each)
{
    if (*count == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 16;
        void *p = realloc(*items, na * each);
        if (!p)
            return NULL;
        *items = p;
        *alloc = na;
    }
    void *slot = (char *)*items + *count * each;
    memset(slot, 0, each);
    (*count)++;
    return slot;
}

typedef struct gather {
    store *s;
    report *r;
    const report_options *o;
    competency_cells cells;
    competency_observation_in *obs;
    size_t nobs, aobs;
    competency_signoff_in *so;
    size_t nso, aso;
    size_t aobsr, asor, achg;
    char kiosks[REPORT_KIOSKS_MAX][STORE_ID_MAX + 1];
    size_t nkiosks;
    int64_t first_day, last_day;   /* of any evidence seen, for an open period */
    bool failed;
} gather;

static bool day_in(const report_options *o, int64_t day)
{
    return (o->from_day == REPORT_DAY_NONE || day >= o->from_day) &&
           (o->to_day == REPORT_DAY_NONE || day <= o->to_day);
}

static void seen_day(gather *g, int64_t day)
{
    if (g->first_day == REPORT_DAY_NONE || day < g->first_day)
        g->first_day = day;
    if (g->last_day == REPORT_DAY_NONE || day > g->last_day)
        g->last_day = day;
}

static void kiosk_add(gather *g, const char *kiosk)
{
    if (!kiosk || !*kiosk)
        return;
    for (size_t i = 0; i < g->nkiosks; i++)
        if (strcmp(g->kiosks[i], kiosk) == 0)
            return;
    if (g->nkiosks < REPORT_KIOSKS_MAX)
        snprintf(g->kiosks[g->nkiosks++], STORE_ID_MAX + 1, "%s", kiosk);
}

static int summary_row(const store_summary_row *row, void *ctx)
{
    gather *g = ctx;
    if (!day_in(g->o, row->day))
        return 0;
    seen_day(g, row->day);
    competency_counts n = {
        .attempts = (uint64_t)row->attempts, .rft = (uint64_t)row->rft,
        .independent = (uint64_t)row->independent, .skipped = (uint64_t)row->skipped,
        .coach_done = (uint64_t)row->coach_done, .errors = (uint64_t)row->errors,
        .duration_ms = (uint64_t)row->duration_ms, .help_weight = (uint64_t)row->help_weight,
        .lines_done = (uint64_t)row->lines_done};
    if (competency_cells_add(&g->cells, row->kind, row->level, row->day, &n, 1) != STIEL_OK) {
        g->failed = true;
        return 1;
    }
    return 0;
}

static void person_fill(gather *g, const char *id, report_person *p)
{
    snprintf(p->id, sizeof p->id, "%s", id ? id : "");
    p->name[0] = '\0';
    store_staff m;
    if (g->o->with_names && id && store_staff_get(g->s, id, &m, NULL) == STIEL_OK)
        snprintf(p->name, sizeof p->name, "%s", m.name);
}

static const char *json_text(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

static unsigned json_uint(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e6 ? (unsigned)v->valuedouble
                                                                            : 0;
}

static bool add_observation(gather *g, const store_row *row, bool shown)
{
    evidence_observation o;
    if (evidence_observation_parse(row->payload, strlen(row->payload), &o, NULL) != STIEL_OK)
        return true;   /* a payload the engine would not count either */
    competency_observation_in *x =
        grow((void **)&g->obs, &g->nobs, &g->aobs, sizeof *g->obs);
    if (!x)
        return false;
    snprintf(x->category, sizeof x->category, "%s", o.category);
    x->day = row->ts_ms / DAY_MS;
    x->ts_ms = row->ts_ms;
    x->positive = o.positive;
    if (!shown)
        return true;
    report *r = g->r;
    report_observation *y =
        grow((void **)&r->observations, &r->observation_count, &g->aobsr, sizeof *y);
    if (!y)
        return false;
    y->ts_ms = row->ts_ms;
    person_fill(g, row->actor_id, &y->by);
    snprintf(y->category, sizeof y->category, "%s", o.category);
    y->positive = o.positive;
    snprintf(y->note, sizeof y->note, "%s", o.note);
    return true;
}

static bool add_signoff(gather *g, const store_row *row)
{
    evidence_signoff so;
    if (evidence_signoff_parse(row->payload, strlen(row->payload), &so, NULL) != STIEL_OK)
        return true;
    competency_signoff_in *x = grow((void **)&g->so, &g->nso, &g->aso, sizeof *g->so);
    if (!x)
        return false;
    snprintf(x->competency, sizeof x->competency, "%s", so.competency);
    x->day = row->ts_ms / DAY_MS;
    report *r = g->r;
    report_signoff *y = grow((void **)&r->signoffs, &r->signoff_count, &g->asor, sizeof *y);
    if (!y)
        return false;
    y->ts_ms = row->ts_ms;
    person_fill(g, row->actor_id, &y->by);
    snprintf(y->competency, sizeof y->competency, "%s", so.competency);
    snprintf(y->framework, sizeof y->framework, "%s", so.framework);
    snprintf(y->event_id, sizeof y->event_id, "%s", row->id);
    /* criteria_met and reason: store_competency_sign_off's fields (absent in older events) */
    cJSON *j = cJSON_Parse(row->payload);
    if (j) {
        y->criteria_met = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "criteria_met"));
        snprintf(y->reason, sizeof y->reason, "%s", json_text(j, EVIDENCE_F_REASON));
        cJSON_Delete(j);
    }
    for (size_t f = 0; f < g->o->framework_count; f++) {
        const competency_def *d = competency_framework_find(&g->o->frameworks[f], so.competency);
        if (d) {
            snprintf(y->competency_name, sizeof y->competency_name, "%s", d->name_en);
            if (!y->framework[0])
                snprintf(y->framework, sizeof y->framework, "%s", g->o->frameworks[f].id);
            break;
        }
    }
    return true;
}

static bool add_change(gather *g, const store_row *row)
{
    cJSON *j = cJSON_Parse(row->payload);
    if (!j)
        return true;
    report *r = g->r;
    report_level_change *y = grow((void **)&r->changes, &r->change_count, &g->achg, sizeof *y);
    if (y) {
        y->ts_ms = row->ts_ms;
        y->level = json_uint(j, EVIDENCE_F_LEVEL);
        y->from = json_uint(j, EVIDENCE_F_FROM);
        snprintf(y->reason, sizeof y->reason, "%s", json_text(j, EVIDENCE_F_REASON));
        person_fill(g, row->actor_id, &y->by);
    }
    cJSON_Delete(j);
    return y != NULL;
}

static int coach_row(const store_row *row, void *ctx)
{
    gather *g = ctx;
    if (!row->payload)
        return 0;
    int64_t day = row->ts_ms / DAY_MS;
    bool before = g->o->from_day != REPORT_DAY_NONE && day < g->o->from_day;
    bool after = g->o->to_day != REPORT_DAY_NONE && day > g->o->to_day;
    if (after)
        return 0;
    kiosk_add(g, row->kiosk_id);
    bool ok = true;
    if (strcmp(row->kind, EVIDENCE_KIND_OBSERVATION) == 0) {
        ok = add_observation(g, row, !before);
    } else if (strcmp(row->kind, EVIDENCE_KIND_SIGNED_OFF) == 0) {
        ok = add_signoff(g, row);   /* a sign-off before the period still stands */
    } else if (strcmp(row->kind, EVIDENCE_KIND_LEVEL_CHANGED) == 0 && !before) {
        ok = add_change(g, row);
    }
    if (!before)
        seen_day(g, day);
    if (!ok) {
        g->failed = true;
        return 1;
    }
    return 0;
}

static bool is_done_kind(const char *kind)
{
    size_t n = strlen(kind);
    return n >= 5 && strcmp(kind + n - 5, ".done") == 0;
}

/* Totals, levels reached and days on the floor from the cells (sorted by kind, level, day). */
static void totals(gather *g)
{
    report *r = g->r;
    const competency_cells *c = &g->cells;
    for (size_t i = 0; i < c->count; i++) {
        const competency_cell *x = &c->items[i];
        bool done = is_done_kind(x->kind);
        if (done) {
            r->tasks += x->n.attempts;
            r->task_ms += x->n.duration_ms;
        } else {
            r->steps += x->n.attempts;
            r->rft += x->n.rft;
            r->errors += x->n.errors;
            r->independent += x->n.independent;
        }
        report_level *lv = NULL;
        for (size_t k = 0; k < r->level_count; k++)
            if (r->levels[k].level == x->level)
                lv = &r->levels[k];
        if (!lv && r->level_count < LEVELS_MAX) {
            lv = &r->levels[r->level_count++];
            memset(lv, 0, sizeof *lv);
            lv->level = x->level;
            lv->first_day = x->day;
            lv->last_day = x->day;
            const service_level *sl =
                g->o->levels ? service_levels_get(g->o->levels, x->level) : NULL;
            if (sl)
                snprintf(lv->name, sizeof lv->name, "%s", sl->name);
        }
        if (!lv)
            continue;
        if (x->day < lv->first_day)
            lv->first_day = x->day;
        if (x->day > lv->last_day)
            lv->last_day = x->day;
        if (done)
            lv->tasks += x->n.attempts;
        else
            lv->steps += x->n.attempts;
    }
    /* ascending level (insertion sort: at most LEVELS_MAX) */
    for (size_t i = 1; i < r->level_count; i++)
        for (size_t k = i; k > 0 && r->levels[k - 1].level > r->levels[k].level; k--) {
            report_level t = r->levels[k];
            r->levels[k] = r->levels[k - 1];
            r->levels[k - 1] = t;
        }
}

/* The chart series: the cells of each level grouped by day. */
static stiel_status series_build(gather *g)
{
    report *r = g->r;
    competency_cell *sub = malloc((g->cells.count ? g->cells.count : 1) * sizeof *sub);
    if (!sub)
        return STIEL_ERR_NOMEM;
    stiel_status st = STIEL_OK;
    for (size_t k = 0; st == STIEL_OK && k < r->level_count; k++) {
        size_t n = 0;
        for (size_t i = 0; i < g->cells.count; i++)
            if (g->cells.items[i].level == r->levels[k].level)
                sub[n++] = g->cells.items[i];
        report_series *s = &r->series[r->series_count];
        s->level = r->levels[k].level;
        st = competency_dimensions(sub, n, g->o->levels, COMP_BY_DAY, &s->days, &s->count);
        if (st == STIEL_OK)
            r->series_count++;
    }
    free(sub);
    return st;
}

/* Days on the floor: distinct days with a step record. */
static int64_t days_on_floor(const report *r)
{
    int64_t n = 0;
    for (size_t i = 0; i < r->by_day_count; i++)
        if (r->by_day[i].steps > 0 || r->by_day[i].tasks > 0)
            n++;
    return n;
}

static int chain_cmp(const void *a, const void *b)
{
    return strcmp(((const report_chain *)a)->kiosk, ((const report_chain *)b)->kiosk);
}

/* The chain heads and the code over them (store_verify's formula for its combined head). */
static stiel_status chains_build(gather *g, stiel_diag *diag)
{
    report *r = g->r;
    for (size_t i = 0; i < g->nkiosks; i++) {
        store_head_info h;
        stiel_status st = store_head(g->s, g->kiosks[i], &h, diag);
        if (st != STIEL_OK)
            return st;
        if (h.seq == 0)
            continue;
        report_chain *c = &r->chains[r->chain_count++];
        snprintf(c->kiosk, sizeof c->kiosk, "%s", g->kiosks[i]);
        c->seq = h.seq;
        memcpy(c->hash, h.hash, sizeof c->hash);
        sodium_bin2hex(c->hex, sizeof c->hex, h.hash, sizeof h.hash);
    }
    qsort(r->chains, r->chain_count, sizeof r->chains[0], chain_cmp);
    crypto_hash_sha256_state all;
    crypto_hash_sha256_init(&all);
    for (size_t i = 0; i < r->chain_count; i++) {
        const report_chain *c = &r->chains[i];
        size_t n = strlen(c->kiosk);
        uint8_t len[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
        crypto_hash_sha256_update(&all, len, sizeof len);
        crypto_hash_sha256_update(&all, (const uint8_t *)c->kiosk, n);
        uint8_t seq[8];
        for (int k = 0; k < 8; k++)
            seq[k] = (uint8_t)((uint64_t)c->seq >> (56 - 8 * k));
        crypto_hash_sha256_update(&all, seq, sizeof seq);
        crypto_hash_sha256_update(&all, c->hash, sizeof c->hash);
    }
    uint8_t head[STORE_HASH_LEN];
    crypto_hash_sha256_final(&all, head);
    sodium_bin2hex(r->code, sizeof r->code, head, sizeof head);
    return STIEL_OK;
}

static stiel_status evaluate(gather *g)
{
    report *r = g->r;
    const report_options *o = g->o;
    size_t total = 0;
    for (size_t f = 0; f < o->framework_count; f++)
        total += o->frameworks[f].count;
    r->competencies = calloc(total ? total : 1, sizeof *r->competencies);
    competency_result *res = calloc(COMP_MAX, sizeof *res);
    if (!r->competencies || !res) {
        free(res);
        return STIEL_ERR_NOMEM;
    }
    competency_input in = {.cells = g->cells.items, .cell_count = g->cells.count,
                           .observations = g->obs, .observation_count = g->nobs,
                           .signoffs = g->so, .signoff_count = g->nso};
    stiel_status st = STIEL_OK;
    for (size_t f = 0; st == STIEL_OK && f < o->framework_count; f++) {
        const competency_framework *fw = &o->frameworks[f];
        st = competency_evaluate(fw, &in, res);
        for (size_t i = 0; st == STIEL_OK && i < fw->count; i++) {
            report_competency *c = &r->competencies[r->competency_count++];
            c->framework = fw;
            c->def = &fw->items[i];
            c->result = res[i];
            c->result.def = c->def;
        }
    }
    free(res);
    return st;
}

static int event_kiosk(const char *kiosk_id, void *ctx)
{
    kiosk_add(ctx, kiosk_id);
    return 0;
}

static int first_event(const store_row *row, void *ctx)
{
    (void)row;
    *(bool *)ctx = true;
    return 1;   /* one is enough */
}

stiel_status report_build(store *s, const char *trainee_id, const char *const *extra_kiosks,
                          size_t extra_count, const report_options *opts, report *out,
                          stiel_diag *diag)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !trainee_id || !*trainee_id || !opts || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "report_build needs a store, a trainee id, "
                                                   "options and an out pointer");
    if (!opts->frameworks || opts->framework_count == 0 ||
        opts->framework_count > REPORT_FRAMEWORKS_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the dossier needs 1 to %d competency "
                                                   "frameworks", REPORT_FRAMEWORKS_MAX);
    if (opts->from_day != REPORT_DAY_NONE && opts->to_day != REPORT_DAY_NONE &&
        opts->from_day > opts->to_day)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the period starts after it ends: swap "
                                                   "--from and --to");
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium did not initialise");
    store_trainee t;
    memset(&t, 0, sizeof t);
    stiel_status st = store_trainee_get(s, trainee_id, &t, diag);
    bool have_row = st == STIEL_OK;
    if (st != STIEL_OK && st != STIEL_ERR_NOT_FOUND)
        return st;
    if (have_row && t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %.40s was erased on request: there "
                                                     "is no dossier to make", trainee_id);
    bool any = have_row;
    if (!any) {
        st = store_trainee_events(s, trainee_id, first_event, &any, diag);
        if (st != STIEL_OK)
            return st;
    }
    if (!any)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no trainee %.40s in the evidence "
                                                         "store (see stiel trainee list)",
                              trainee_id);
    report *r = out;
    snprintf(r->trainee.id, sizeof r->trainee.id, "%s", trainee_id);
    if (have_row) {
        if (opts->with_names)
            snprintf(r->trainee.name, sizeof r->trainee.name, "%s", t.display_name);
        snprintf(r->language, sizeof r->language, "%s", t.language);
        r->current_level = t.level;
        r->consent = t.consent;
    }
    r->generated_ms = opts->now_ms;
    r->frameworks = opts->frameworks;
    r->framework_count = opts->framework_count;

    gather g;
    memset(&g, 0, sizeof g);
    g.s = s;
    g.r = r;
    g.o = opts;
    g.first_day = REPORT_DAY_NONE;
    g.last_day = REPORT_DAY_NONE;
    competency_cells_init(&g.cells);
    st = store_stats_summary(s, trainee_id, summary_row, &g, diag);
    if (st == STIEL_OK)
        st = store_stats_coach_events(s, trainee_id, coach_row, &g, diag);
    if (st == STIEL_OK && g.failed)
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory while reading the evidence");
    if (st == STIEL_OK && opts->chains_from_all_events)
        st = store_trainee_kiosks(s, trainee_id, event_kiosk, &g, diag);
    for (size_t i = 0; i < extra_count && extra_kiosks; i++)
        kiosk_add(&g, extra_kiosks[i]);
    if (st == STIEL_OK) {
        competency_cells_sort(&g.cells);
        totals(&g);
        st = evaluate(&g);
    }
    if (st == STIEL_OK)
        st = competency_dimensions(g.cells.items, g.cells.count, opts->levels, COMP_BY_LEVEL,
                                   &r->by_level, &r->by_level_count);
    if (st == STIEL_OK)
        st = competency_dimensions(g.cells.items, g.cells.count, opts->levels, COMP_BY_DAY,
                                   &r->by_day, &r->by_day_count);
    if (st == STIEL_OK)
        st = series_build(&g);
    if (st == STIEL_ERR_NOMEM)
        stiel_diag_set(diag, st, "out of memory while building the dossier");
    if (st == STIEL_OK) {
        r->days_on_floor = days_on_floor(r);
        r->from_day = opts->from_day != REPORT_DAY_NONE ? opts->from_day : g.first_day;
        r->to_day = opts->to_day != REPORT_DAY_NONE ? opts->to_day : g.last_day;
        if (r->from_day == REPORT_DAY_NONE)
            r->from_day = r->to_day = opts->now_ms / DAY_MS;
        st = chains_build(&g, diag);
    }
    free(g.obs);
    free(g.so);
    competency_cells_free(&g.cells);
    if (st != STIEL_OK)
        report_free(r);
    return st;
}

void report_free(report *r)
{
    if (!r)
        return;
    free(r->changes);
    free(r->competencies);
    free(r->by_level);
    free(r->by_day);
    for (size_t i = 0; i < r->series_count; i++)
        free(r->series[i].days);
    free(r->observations);
    free(r->signoffs);
    memset(r, 0, sizeof *r);
}
