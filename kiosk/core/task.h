/* A pick task: the orders a trainee picks in one go (one order, or a cluster batch with one tote
 * per order), as lines in walking order, each with its item, location, quantity and drill. Made
 * by the training order generator (order_gen.h) or, later, from a real pick list. Pure data. */
#ifndef STIEL_CORE_TASK_H
#define STIEL_CORE_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/core/catalogue.h"
#include "kiosk/core/levels.h"

enum { TASK_ID_MAX = 39, TASK_TOTE_MAX = 15, TASK_LINES_MAX = LEVEL_LINES_MAX * LEVEL_BATCH_MAX };

typedef enum pick_drill {
    DRILL_NONE = 0,
    DRILL_EMPTY,       /* the location is set up empty: expect a short pick, reason empty */
    DRILL_DAMAGED,     /* a damaged unit lies there: expect a short pick, reason damaged */
    DRILL_LOOKALIKE    /* the look-alike lies there too: expect the right item */
} pick_drill;

typedef struct pick_line {
    unsigned order;     /* 0..order_count-1: the order, its slot and its tote */
    size_t item;        /* index in the catalogue's items */
    size_t location;    /* index in the catalogue's locations */
    unsigned qty;
    pick_drill drill;
} pick_line;

typedef struct pick_task {
    char id[TASK_ID_MAX + 1];
    char trainee[CAT_ID_MAX + 1];
    unsigned level;
    unsigned order_count;
    char totes[LEVEL_BATCH_MAX][TASK_TOTE_MAX + 1];  /* tote barcode per order */
    size_t line_count;
    pick_line lines[TASK_LINES_MAX];
} pick_task;

/* "none", "empty", "damaged", "lookalike". */
const char *pick_drill_name(pick_drill drill);

#endif
