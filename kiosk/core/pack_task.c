/* Making a pack task from a finished pick (pack_task.h): the order's lines with what was picked,
 * merged per item. */
#include "kiosk/core/pack_task.h"

#include <stdio.h>
#include <string.h>

stiel_status pack_task_from_pick(const pick_task *pick, unsigned order, const unsigned *picked,
                                 const char *id, const char *order_no, pack_task *out,
                                 stiel_diag *diag)
{
    if (!pick || !id || !order_no || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pack task: missing argument");
    if (order >= pick->order_count || order >= LEVEL_BATCH_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "pick task %s has no order %u", pick->id,
                              order + 1);
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "%s", id);
    snprintf(out->trainee, sizeof out->trainee, "%s", pick->trainee);
    out->level = pick->level;
    snprintf(out->order_no, sizeof out->order_no, "%s", order_no);
    snprintf(out->tote, sizeof out->tote, "%s", pick->totes[order]);
    for (size_t i = 0; i < pick->line_count && i < TASK_LINES_MAX; i++) {
        const pick_line *ln = &pick->lines[i];
        unsigned units = picked ? picked[i] : ln->qty;
        if (ln->order != order || units == 0)
            continue;
        size_t k = 0;
        while (k < out->line_count && out->lines[k].item != ln->item)
            k++;
        if (k == out->line_count) {
            if (k == PACK_LINES_MAX)
                return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                                      "pick task %s: order %u has more than %d items", pick->id,
                                      order + 1, PACK_LINES_MAX);
            out->lines[k].item = ln->item;
            out->line_count++;
        }
        out->lines[k].qty += units;
    }
    if (out->line_count == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "pick task %s: nothing of order %u was picked", pick->id, order + 1);
    return STIEL_OK;
}
