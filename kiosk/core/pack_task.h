/* A pack task: one order to pack at the bench (its number, the tote it was picked into, the items
 * and quantities), and how to make one from a finished pick. Pure data. */
#ifndef STIEL_CORE_PACK_TASK_H
#define STIEL_CORE_PACK_TASK_H

#include <stddef.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/levels.h"
#include "kiosk/core/task.h"

enum {
    PACK_LINES_MAX = LEVEL_LINES_MAX,
    PACK_ORDER_MAX = 31,
    PACK_TRACKING_MAX = 35,
    PACK_QTY_MAX = 999       /* units of one line */
};

typedef struct pack_line {
    size_t item;    /* index in the catalogue's items; each item once per task */
    unsigned qty;   /* units to pack, 1..PACK_QTY_MAX */
} pack_line;

typedef struct pack_task {
    char id[TASK_ID_MAX + 1];
    char trainee[CAT_ID_MAX + 1];
    unsigned level;
    char order_no[PACK_ORDER_MAX + 1];     /* the order number, as its barcode encodes it */
    char tote[TASK_TOTE_MAX + 1];          /* the tote it was picked into; "" for none */
    char tracking[PACK_TRACKING_MAX + 1];  /* the carrier's reference; "" prints the SSCC */
    size_t line_count;
    pack_line lines[PACK_LINES_MAX];
} pack_task;

/* Fills *out with order `order` of a pick task: the task's trainee and level, the order's tote,
 * one line per item with the units picked (picked[i] for task line i; NULL takes the ordered
 * quantities), lines with nothing picked left out, the same item on several lines merged.
 * id and order_no are copied (truncated to fit). STIEL_ERR_ARG for NULL arguments or an order out
 * of range, STIEL_ERR_MISSING when nothing of the order was picked, STIEL_ERR_OVERLONG for more
 * than PACK_LINES_MAX items. */
stiel_status pack_task_from_pick(const pick_task *pick, unsigned order, const unsigned *picked,
                                 const char *id, const char *order_no, pack_task *out,
                                 stiel_diag *diag);

#endif
