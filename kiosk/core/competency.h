/* Competencies: a framework read from assets/competencies/NAME.ini (aligned to the Flemish
 * qualifications Magazijnmedewerker BK-0002-3 and Verpakker), and the pure engine that turns a
 * trainee's evidence summary into a status per competency, the three wage-value dimensions
 * (tempo, quality, support) per day and per level, and a level suggestion. No SQLite, no clock:
 * the store hands over summary cells (kiosk/store store_stats_*), observations and sign-offs. */
#ifndef STIEL_CORE_COMPETENCY_H
#define STIEL_CORE_COMPETENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/errors.h"
#include "kiosk/core/evidence_json.h"
#include "kiosk/core/levels.h"

enum {
    COMP_MAX = 32,             /* competencies in one framework */
    COMP_ID_MAX = EVIDENCE_COMPETENCY_MAX,
    COMP_NAME_MAX = 127,
    COMP_REF_MAX = 127,
    COMP_KINDS_MAX = 6         /* step kinds one competency counts */
};

/* ---- the framework ------------------------------------------------------------------------- */

typedef enum competency_source {
    COMP_SOURCE_STEPS = 0,     /* the kiosk senses it: step evidence of the listed kinds */
    COMP_SOURCE_OBSERVATIONS   /* the kiosk cannot: coach observations of a category */
} competency_source;

typedef struct competency_def {
    char id[COMP_ID_MAX + 1];              /* "mm.scan_location" */
    char name_nl[COMP_NAME_MAX + 1];
    char name_en[COMP_NAME_MAX + 1];
    char reference[COMP_REF_MAX + 1];      /* what of the qualification it evidences */
    competency_source source;
    size_t kind_count;
    char kinds[COMP_KINDS_MAX][EVIDENCE_KIND_MAX + 1];   /* STEPS: "step.pick.scan_item" */
    char category[EVIDENCE_CATEGORY_MAX + 1];            /* OBSERVATIONS: "safety" */
    /* mastery criteria; STEPS count attempts at level >= min_level, OBSERVATIONS count
     * positive observations */
    unsigned min_level;
    unsigned min_attempts;
    unsigned min_rft_pct;          /* STEPS: right first time, % of attempts */
    unsigned min_independent_pct;  /* STEPS: without a coach prompt, % of attempts */
    unsigned min_days;             /* distinct days with counted attempts */
    unsigned line;                 /* its [competency ID] line, for messages */
} competency_def;

typedef struct competency_framework {
    char id[COMP_ID_MAX + 1];              /* "magazijnmedewerker" */
    char name_nl[COMP_NAME_MAX + 1];
    char name_en[COMP_NAME_MAX + 1];
    char qualification[COMP_REF_MAX + 1];  /* "BK-0002-3" */
    size_t count;
    competency_def items[COMP_MAX];        /* in file order */
} competency_framework;

/* Parses a framework INI (file is its name for messages):
 *   [framework]          id, name_nl, name_en, qualification   (all required, first section)
 *   [competency ID]      name_nl, name_en, reference, and either
 *                          evidence = KIND [KIND...]  (space-separated "step.*" kinds), min_level,
 *                          min_attempts, min_rft_pct, min_independent_pct, min_days
 *                        or
 *                          observations = CATEGORY, min_attempts, min_days
 * Lines starting with ';' or '#' are comments. Every problem is appended to errs as
 * "FILE:LINE: reason" (unknown section or key, a key set twice or not for this source, a
 * duplicate competency id, a value out of range, a kind that is not "step.*", both or neither of
 * evidence/observations, a missing key — named at its section's line —, no competency at all);
 * on error *out is untouched and the first problem's status is returned (STIEL_ERR_SYNTAX,
 * STIEL_ERR_MISSING, STIEL_ERR_NOT_FOUND, STIEL_ERR_OVERLONG). */
stiel_status competency_framework_parse(const char *file, const char *text, size_t len,
                                        competency_framework *out, core_errors *errs);

/* The competency with this id, or NULL. */
const competency_def *competency_framework_find(const competency_framework *fw, const char *id);

/* ---- evidence summary cells ---------------------------------------------------------------- */

/* What one trainee did on one step kind at one level on one day (UTC days since 1970). The
 * store keeps these as a derived table; competency_counts_add_record() is the C definition the
 * table's SQL must match (tested against each other):
 *   attempts     records whose result is not "skipped"
 *   rft          result "right_first_time"
 *   independent  attempts with coach_help "independent" and result not "done_by_coach"
 *                (kiosk hints the trainee asked for do not break independence)
 *   skipped      result "skipped" (postponed or skipped lines)
 *   coach_done   result "done_by_coach" or coach_help "done_by_coach"
 *   errors       sum of errors
 *   duration_ms  sum of duration_ms
 *   help_weight  sum of competency_help_weight()
 *   lines_done   pick "done" records only: N from scanned "done:N" (lines finished in the task) */
typedef struct competency_counts {
    uint64_t attempts, rft, independent, skipped, coach_done, errors, duration_ms, help_weight,
        lines_done;
} competency_counts;

typedef struct competency_cell {
    char kind[EVIDENCE_KIND_MAX + 1];
    unsigned level;
    int64_t day;
    competency_counts n;
} competency_cell;

/* The support weight of one step, by the most intrusive help: independent 0, kiosk hint(s) 1,
 * gestural 2, verbal 3, model 4, partial physical 5, full physical 6, done by coach 6. */
unsigned competency_help_weight(unsigned kiosk_help, pick_prompt coach_help);

/* Adds one record to c as defined above. */
void competency_counts_add_record(competency_counts *c, const evidence_record *r);

/* A growable set of cells keyed by (kind, level, day). */
typedef struct competency_cells {
    competency_cell *items;
    size_t count, alloc;
} competency_cells;

void competency_cells_init(competency_cells *set);
void competency_cells_free(competency_cells *set);

/* Adds n (sign +1) or takes it away (sign -1) from the cell (kind, level, day), making it when
 * new; a cell whose attempts and skipped both reach 0 is dropped. STIEL_ERR_NOMEM. */
stiel_status competency_cells_add(competency_cells *set, const char *kind, unsigned level,
                                  int64_t day, const competency_counts *n, int sign);

/* Sorts the cells by kind, level, day (to compare two sets). */
void competency_cells_sort(competency_cells *set);

/* ---- the engine ---------------------------------------------------------------------------- */

typedef struct competency_observation_in {
    char category[EVIDENCE_CATEGORY_MAX + 1];
    int64_t day;
    int64_t ts_ms;           /* orders observations: the latest one decides a concern */
    bool positive;
} competency_observation_in;

typedef struct competency_signoff_in {
    char competency[COMP_ID_MAX + 1];
    int64_t day;
} competency_signoff_in;

typedef struct competency_input {
    const competency_cell *cells;
    size_t cell_count;
    const competency_observation_in *observations;  /* voided ones already left out */
    size_t observation_count;
    const competency_signoff_in *signoffs;          /* voided ones already left out */
    size_t signoff_count;
} competency_input;

typedef enum competency_state {
    COMP_NOT_STARTED = 0,    /* no evidence of its kinds at any level */
    COMP_PRACTISING,         /* evidence, criteria not (yet) met */
    COMP_MEETS_CRITERIA,     /* every criterion met: a coach may sign off */
    COMP_SIGNED_OFF          /* a competency.signed_off event names it (criteria or not) */
} competency_state;

typedef struct competency_result {
    const competency_def *def;
    competency_state state;
    bool meets;                  /* criteria met, also when signed off */
    uint64_t attempts_all;       /* STEPS: attempts at any level; OBS: observations */
    uint64_t attempts;           /* STEPS: at level >= min_level; OBS: positive observations */
    uint64_t rft, independent, skipped;
    uint64_t concerns;           /* OBS: observations with outcome "concern" */
    bool latest_positive;        /* OBS: the most recent observation was positive */
    unsigned days;               /* distinct days with counted attempts */
    double rft_pct, independent_pct;   /* of counted attempts; 0 when none */
    int64_t signed_off_day;      /* -1: not signed off */
} competency_result;

/* Status per competency, out[i] for fw->items[i]. Criteria for STEPS: attempts >= min_attempts,
 * rft_pct >= min_rft_pct, independent_pct >= min_independent_pct, days >= min_days, all over
 * attempts at level >= min_level. For OBSERVATIONS: positive observations >= min_attempts on
 * >= min_days distinct days, and the most recent observation of the category is positive.
 * STIEL_ERR_NOMEM (out unusable), else STIEL_OK. */
stiel_status competency_evaluate(const competency_framework *fw, const competency_input *in,
                         competency_result *out);

/* "not started", "practising", "meets criteria", "signed off". */
const char *competency_state_name(competency_state state);

/* ---- the wage-value dimensions ------------------------------------------------------------- */

typedef enum competency_group { COMP_BY_DAY = 0, COMP_BY_LEVEL } competency_group;

/* One day's or one level's dimensions. Step records are every kind but "*.done"; task records
 * are "*.done" kinds (one per finished task). */
typedef struct competency_dims {
    int64_t key;                 /* the day (UTC days since 1970) or the level */
    uint64_t steps, rft, errors, help_weight;
    uint64_t tasks, lines, task_ms;
    uint64_t norm_ms, normed_task_ms;  /* over tasks at levels with a time norm */
    double tempo_pct;            /* 100 * norm_ms / normed_task_ms: 100 = at the norm, higher is
                                    faster; -1 when no task ran under a norm */
    double quality_pct;          /* 100 * rft / steps: right first time; -1 when no steps */
    double errors_per_step;      /* errors / steps, the error rate; -1 when no steps */
    double support_per_task;     /* help_weight / tasks; -1 when no tasks */
} competency_dims;

/* Groups the cells by day or by level (ascending key) into *out (malloc'd, free() it; NULL with
 * *count 0 when there are no cells). levels gives the norms (NULL: no norms). STIEL_ERR_NOMEM. */
stiel_status competency_dimensions(const competency_cell *cells, size_t n,
                                   const service_levels *levels, competency_group by,
                                   competency_dims **out, size_t *count);

/* ---- the level suggestion ------------------------------------------------------------------ */

/* Rules (the engine only suggests; the supervisor decides). The window is the last
 * COMP_SUGGEST_WINDOW_DAYS distinct days with step records at the current level.
 *   ready for level N+1 (N below the top level), when in the window: >= COMP_UP_MIN_DAYS days,
 *     >= COMP_UP_MIN_STEPS steps, right first time >= COMP_UP_RFT_PCT %, independent >=
 *     COMP_UP_INDEPENDENT_PCT %, support <= COMP_UP_SUPPORT_X10 / 10 per task (when tasks were
 *     recorded), and, when level N has a time norm, tempo >= COMP_UP_TEMPO_PCT % over at least
 *     one task;
 *   struggling: consider level N-1 (N above 1), when in the window: >= COMP_DOWN_MIN_DAYS days,
 *     >= COMP_DOWN_MIN_STEPS steps, and right first time < COMP_DOWN_RFT_PCT % or independent <
 *     COMP_DOWN_INDEPENDENT_PCT % or (with a norm) tempo < COMP_DOWN_TEMPO_PCT %;
 *   otherwise none. */
enum {
    COMP_SUGGEST_WINDOW_DAYS = 5,
    COMP_UP_MIN_DAYS = 3, COMP_UP_MIN_STEPS = 30, COMP_UP_RFT_PCT = 95,
    COMP_UP_INDEPENDENT_PCT = 90, COMP_UP_SUPPORT_X10 = 10, COMP_UP_TEMPO_PCT = 100,
    COMP_DOWN_MIN_DAYS = 2, COMP_DOWN_MIN_STEPS = 20, COMP_DOWN_RFT_PCT = 70,
    COMP_DOWN_INDEPENDENT_PCT = 50, COMP_DOWN_TEMPO_PCT = 50
};

typedef enum competency_suggest_kind {
    COMP_SUGGEST_NONE = 0,
    COMP_SUGGEST_UP,          /* "ready for level N+1" */
    COMP_SUGGEST_DOWN         /* "struggling: consider level N-1" */
} competency_suggest_kind;

typedef struct competency_suggestion {
    competency_suggest_kind kind;
    unsigned from_level, to_level;   /* to_level 0 for NONE */
    unsigned days;                   /* the window's evidence */
    uint64_t steps, tasks;
    double rft_pct, independent_pct, tempo_pct, support_per_task;  /* -1: not measured */
    char text[96];                   /* "ready for level 4", "struggling: consider level 2", "" */
    char why[240];                   /* the evidence behind it, in words */
} competency_suggestion;

/* Suggests a level change for a trainee at current_level (0: the highest level of the latest
 * day with step records). levels gives the ladder and norms (NULL: no norms, no top known). */
void competency_suggest(const competency_cell *cells, size_t n, const service_levels *levels,
                        unsigned current_level, competency_suggestion *out);

/* One "ready for level N+1" criterion on the suggestion's window figures. */
typedef enum competency_up_criterion {
    COMP_UP_DAYS = 0,        /* days in the window >= COMP_UP_MIN_DAYS */
    COMP_UP_STEPS,           /* steps >= COMP_UP_MIN_STEPS */
    COMP_UP_RFT,             /* right first time % >= COMP_UP_RFT_PCT */
    COMP_UP_INDEPENDENT,     /* independent % >= COMP_UP_INDEPENDENT_PCT */
    COMP_UP_SUPPORT,         /* support per task <= COMP_UP_SUPPORT_X10 / 10 (met with no tasks) */
    COMP_UP_TEMPO,           /* tempo % >= COMP_UP_TEMPO_PCT, only at a level with a time norm */
    COMP_UP_CRITERIA_MAX
} competency_up_criterion;

typedef struct competency_up_check {
    competency_up_criterion which;
    bool met;
    double value;            /* the window's figure; -1: not measured */
    double needed;           /* the threshold it is held to */
} competency_up_check;

/* The criteria of the "ready for level N+1" rule above, evaluated on s (from competency_suggest)
 * for level s->from_level: writes days, steps, right first time, independent, support and —
 * only when that level has a time norm in levels — tempo, in that order, to out, and returns
 * how many (5 or 6; 0 when s->from_level is 0). The top level is not checked here: the
 * suggestion is UP exactly when from_level is below the top and every returned check is met. */
size_t competency_up_checks(const competency_suggestion *s, const service_levels *levels,
                            competency_up_check out[COMP_UP_CRITERIA_MAX]);

#endif
