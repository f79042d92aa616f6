/* The training order generator declared in order_gen.h. The draw order is part of the contract:
 * per order, the line count, then per line the item (partial Fisher-Yates), quantity and drill. */
#include "kiosk/core/order_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/rng.h"

const char *pick_drill_name(pick_drill drill)
{
    switch (drill) {
    case DRILL_NONE: return "none";
    case DRILL_EMPTY: return "empty";
    case DRILL_DAMAGED: return "damaged";
    case DRILL_LOOKALIKE: return "lookalike";
    }
    return "none";
}

static int walk_cmp(const catalogue *cat, const pick_line *a, const pick_line *b)
{
    const catalogue_location *la = &cat->locations[a->location];
    const catalogue_location *lb = &cat->locations[b->location];
    int c = strcmp(la->zone, lb->zone);
    if (c == 0)
        c = strcmp(la->code, lb->code);
    if (c == 0)
        c = (a->order > b->order) - (a->order < b->order);
    return c;
}

static pick_drill draw_drill(core_rng *rng, const service_level *lv, const catalogue_item *it)
{
    uint32_t roll = core_rng_below(rng, 100);
    if (roll < lv->drill_empty_pct)
        return DRILL_EMPTY;
    if (roll < lv->drill_empty_pct + lv->drill_damaged_pct)
        return DRILL_DAMAGED;
    if (roll < lv->drill_empty_pct + lv->drill_damaged_pct + lv->drill_lookalike_pct &&
        it->lookalike_count > 0)
        return DRILL_LOOKALIKE;
    return DRILL_NONE;
}

stiel_status order_gen_training(const catalogue *cat, const service_level *level, uint64_t seed,
                                const char *trainee, pick_task *out, stiel_diag *diag)
{
    if (!cat || !level || !trainee || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "order generator: missing argument");
    size_t *cand = malloc((cat->item_count ? cat->item_count : 1) * sizeof *cand);
    if (!cand)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "order generator: out of memory");
    size_t ncand = 0;
    for (size_t i = 0; i < cat->item_count; i++) {
        const catalogue_item *it = &cat->items[i];
        if (it->location >= 0 && (level->lookalikes_nearby || it->lookalike_count == 0))
            cand[ncand++] = i;
    }
    if (ncand == 0) {
        free(cand);
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "no item can be ordered at level %u: give items a location%s",
                              level->number,
                              level->lookalikes_nearby ? "" : " (items without a look-alike)");
    }
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "TR-%016llx", (unsigned long long)seed);
    snprintf(out->trainee, sizeof out->trainee, "%s", trainee);
    out->level = level->number;
    unsigned orders = level->orders_per_batch;
    if (orders < 1)
        orders = 1;
    if (orders > LEVEL_BATCH_MAX)
        orders = LEVEL_BATCH_MAX;
    out->order_count = orders;
    core_rng rng;
    core_rng_seed(&rng, seed);
    for (unsigned o = 0; o < orders; o++) {
        snprintf(out->totes[o], sizeof out->totes[o], "TOTE-%u", o + 1);
        uint32_t lines_max = level->lines_max > LEVEL_LINES_MAX ? LEVEL_LINES_MAX : level->lines_max;
        uint32_t n = core_rng_range(&rng, level->lines_min, lines_max);
        if (n > ncand)
            n = (uint32_t)ncand;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t j = k + core_rng_below(&rng, (uint32_t)(ncand - k));
            size_t tmp = cand[k];
            cand[k] = cand[j];
            cand[j] = tmp;
            const catalogue_item *it = &cat->items[cand[k]];
            pick_line *ln = &out->lines[out->line_count++];
            ln->order = o;
            ln->item = cand[k];
            ln->location = (size_t)it->location;
            ln->qty = core_rng_range(&rng, level->qty_min, level->qty_max);
            ln->drill = draw_drill(&rng, level, it);
        }
    }
    free(cand);
    /* insertion sort: stable, and the task holds at most TASK_LINES_MAX lines */
    for (size_t i = 1; i < out->line_count; i++) {
        pick_line key = out->lines[i];
        size_t j = i;
        while (j > 0 && walk_cmp(cat, &out->lines[j - 1], &key) > 0) {
            out->lines[j] = out->lines[j - 1];
            j--;
        }
        out->lines[j] = key;
    }
    return STIEL_OK;
}
