/* The training order generator: practice orders drawn from the catalogue for a service level, by
 * a seeded generator (rng.h), so that the same seed, catalogue and level give the same task. */
#ifndef STIEL_CORE_ORDER_GEN_H
#define STIEL_CORE_ORDER_GEN_H

#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/levels.h"
#include "kiosk/core/task.h"

/* Fills *out with level->orders_per_batch orders for trainee (its id is copied), each with
 * lines_min..lines_max different items (fewer if the catalogue has fewer) and qty_min..qty_max
 * units per line. Only items with a location are used; items with a look-alike only when the
 * level has lookalikes_nearby. Each line gets a drill with the level's percentages (a look-alike
 * drill only for an item that has one). Lines are sorted in walking order (zone, location code,
 * order). Task id "TR-<seed as 16 hex digits>", totes "TOTE-1".."TOTE-n". STIEL_ERR_ARG for NULL
 * arguments, STIEL_ERR_MISSING when no item qualifies, STIEL_ERR_NOMEM. */
stiel_status order_gen_training(const catalogue *cat, const service_level *level, uint64_t seed,
                                const char *trainee, pick_task *out, stiel_diag *diag);

#endif
