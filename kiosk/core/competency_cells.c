/* Evidence summary cells: how one record counts (the C definition the store's summary SQL
 * matches), the support weight of a step, and a growable set of cells keyed by kind/level/day. */
#include "kiosk/core/competency.h"

#include <stdlib.h>
#include <string.h>

unsigned competency_help_weight(unsigned kiosk_help, pick_prompt coach_help)
{
    static const unsigned coach[PICK_PROMPT_COUNT] = {0, 2, 3, 4, 5, 6, 6};
    unsigned w = kiosk_help ? 1 : 0;
    if ((unsigned)coach_help < PICK_PROMPT_COUNT && coach[coach_help] > w)
        w = coach[coach_help];
    return w;
}

/* N of a pick "done" record's scanned "done:N"; 0 otherwise. */
static uint64_t lines_done(const evidence_record *r)
{
    if (r->flow != EVIDENCE_FLOW_PICK || strcmp(r->step, "done") != 0 ||
        strncmp(r->scanned, "done:", 5) != 0)
        return 0;
    uint64_t n = 0;
    for (const char *p = r->scanned + 5; *p >= '0' && *p <= '9' && n < 100000000; p++)
        n = n * 10 + (uint64_t)(*p - '0');
    return n;
}

void competency_counts_add_record(competency_counts *c, const evidence_record *r)
{
    bool skipped = r->result == PICK_RESULT_SKIPPED;
    bool by_coach = r->result == PICK_RESULT_DONE_BY_COACH ||
                    r->coach_help == PICK_PROMPT_DONE_BY_COACH;
    c->attempts += !skipped;
    c->rft += r->result == PICK_RESULT_RIGHT_FIRST_TIME;
    c->independent += !skipped && r->coach_help == PICK_PROMPT_NONE &&
                      r->result != PICK_RESULT_DONE_BY_COACH;
    c->skipped += skipped;
    c->coach_done += by_coach;
    c->errors += r->errors;
    c->duration_ms += r->duration_ms;
    c->help_weight += competency_help_weight(r->kiosk_help, r->coach_help);
    c->lines_done += lines_done(r);
}

void competency_cells_init(competency_cells *set)
{
    memset(set, 0, sizeof *set);
}

void competency_cells_free(competency_cells *set)
{
    free(set->items);
    memset(set, 0, sizeof *set);
}

static void counts_apply(competency_counts *d, const competency_counts *a, int sign)
{
#define APPLY(f) d->f = sign < 0 ? d->f - a->f : d->f + a->f
    APPLY(attempts);
    APPLY(rft);
    APPLY(independent);
    APPLY(skipped);
    APPLY(coach_done);
    APPLY(errors);
    APPLY(duration_ms);
    APPLY(help_weight);
    APPLY(lines_done);
#undef APPLY
}

stiel_status competency_cells_add(competency_cells *set, const char *kind, unsigned level,
                                  int64_t day, const competency_counts *n, int sign)
{
    for (size_t i = 0; i < set->count; i++) {
        competency_cell *c = &set->items[i];
        if (c->level != level || c->day != day || strcmp(c->kind, kind) != 0)
            continue;
        counts_apply(&c->n, n, sign);
        if (c->n.attempts == 0 && c->n.skipped == 0)
            set->items[i] = set->items[--set->count];
        return STIEL_OK;
    }
    if (sign < 0)
        return STIEL_OK;
    if (set->count == set->alloc) {
        size_t na = set->alloc ? set->alloc * 2 : 64;
        competency_cell *p = realloc(set->items, na * sizeof *p);
        if (!p)
            return STIEL_ERR_NOMEM;
        set->items = p;
        set->alloc = na;
    }
    competency_cell *c = &set->items[set->count++];
    memset(c, 0, sizeof *c);
    size_t kl = strlen(kind);
    if (kl > EVIDENCE_KIND_MAX)
        kl = EVIDENCE_KIND_MAX;
    memcpy(c->kind, kind, kl);
    c->level = level;
    c->day = day;
    c->n = *n;
    return STIEL_OK;
}

static int cell_cmp(const void *a, const void *b)
{
    const competency_cell *x = a, *y = b;
    int k = strcmp(x->kind, y->kind);
    if (k)
        return k;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    return (x->day > y->day) - (x->day < y->day);
}

void competency_cells_sort(competency_cells *set)
{
    if (set->count > 1)
        qsort(set->items, set->count, sizeof set->items[0], cell_cmp);
}
