/* Service levels: the ladder a supervisor puts a trainee on, from first steps ("Kennismaken") to
 * near-regular work, read from assets/levels.ini. Each level sets the order shape, which scans
 * are mandatory, the help offered, the time norm, the error tolerance and the drills. Pure. */
#ifndef STIEL_CORE_LEVELS_H
#define STIEL_CORE_LEVELS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "kiosk/core/errors.h"

enum { LEVELS_MAX = 9, LEVEL_NAME_MAX = 47, LEVEL_LINES_MAX = 20, LEVEL_BATCH_MAX = 6,
       LEVEL_QTY_MAX = 20 };

typedef enum level_quantity {
    LEVEL_QTY_EACH = 0,   /* scan every unit */
    LEVEL_QTY_TYPED       /* type (or confirm) the quantity */
} level_quantity;

typedef enum level_photo {
    LEVEL_PHOTO_SHOWN = 0,
    LEVEL_PHOTO_ON_REQUEST
} level_photo;

typedef struct service_level {
    unsigned number;                 /* 1..LEVELS_MAX */
    char name[LEVEL_NAME_MAX + 1];   /* "Kennismaken" */
    /* order shape */
    unsigned lines_min, lines_max;   /* lines per order, 1..LEVEL_LINES_MAX */
    unsigned qty_min, qty_max;       /* units per line, 1..LEVEL_QTY_MAX */
    unsigned orders_per_batch;       /* 1: one order; more: cluster picking with slots */
    bool lookalikes_nearby;          /* items with a look-alike may be ordered */
    /* strictness */
    bool scan_location, scan_item;
    level_quantity quantity;
    bool scan_tote, verify_label, quantity_prefilled;
    bool empty_check;                /* ask "is the location empty now?" after a pick */
    /* help */
    level_photo photo;
    bool highlight_location, spoken;
    /* time */
    unsigned norm_seconds_per_line;  /* 0: no norm */
    bool norm_shown;
    /* tolerance: errors on one step before the kiosk suggests calling the coach */
    unsigned tolerance;
    /* drills, in % of lines */
    unsigned drill_empty_pct, drill_damaged_pct, drill_lookalike_pct;
    unsigned line;                   /* the [level N] line, for messages */
} service_level;

typedef struct service_levels {
    size_t count;                    /* levels 1..count, in order */
    service_level levels[LEVELS_MAX];
} service_levels;

/* Parses an INI text (file is its name for messages). Sections are [level N], numbered 1..count
 * without gaps; every key below is required in every section ("yes"/"no" for flags):
 *   name, lines_min, lines_max, qty_min, qty_max, orders_per_batch, lookalikes_nearby,
 *   scan_location, scan_item, quantity (each|typed), scan_tote, verify_label, quantity_prefilled,
 *   empty_check, photo (shown|on_request), highlight_location, spoken, norm_seconds_per_line,
 *   norm_shown, tolerance, drill_empty_pct, drill_damaged_pct, drill_lookalike_pct
 * Lines starting with ';' or '#' are comments. Every problem is appended to errs as
 * "levels.ini:LINE: reason" (unknown section or key, a value of the wrong kind or out of range,
 * a key set twice, a missing key — named at its section's line —, min above max, drills over
 * 100 %, a gap in the numbering); on error *out is untouched and the first problem's status is
 * returned (STIEL_ERR_SYNTAX, STIEL_ERR_MISSING, STIEL_ERR_NOT_FOUND, STIEL_ERR_OVERLONG). */
stiel_status service_levels_parse(const char *file, const char *text, size_t len,
                                  service_levels *out, core_errors *errs);

/* The level with this number, or NULL. */
const service_level *service_levels_get(const service_levels *levels, unsigned number);

#endif
