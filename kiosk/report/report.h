/* The work-experience dossier: a pure model of one trainee's evidence over a period (built from
 * the evidence store and the competency engine), and its three renderings — PDF (cairo, A4,
 * vector), one self-contained HTML file (inline CSS and SVG) and CSV (RFC 4180). */
#ifndef STIEL_KIOSK_REPORT_REPORT_H
#define STIEL_KIOSK_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/competency.h"
#include "kiosk/core/levels.h"
#include "kiosk/store/store.h"

enum {
    REPORT_FRAMEWORKS_MAX = 8,
    REPORT_KIOSKS_MAX = 32,      /* chains named in the verification block */
    REPORT_TEXT_MAX = 511
};

#define REPORT_DAY_NONE INT64_MIN   /* "no bound" for report_options.from_day / to_day */

/* What the dossier covers and how. */
typedef struct report_options {
    int64_t from_day, to_day;   /* UTC days since 1970, inclusive; REPORT_DAY_NONE: open */
    bool with_names;            /* print the trainee's and the staff's display names */
    const competency_framework *frameworks;   /* evaluated in this order */
    size_t framework_count;     /* 1..REPORT_FRAMEWORKS_MAX */
    const service_levels *levels;             /* time norms and level names (NULL: none) */
    int64_t now_ms;             /* when the dossier is made (the caller's clock) */
    bool chains_from_all_events;  /* every chain holding any of the trainee's events
                                     (store_trainee_kiosks; else the coach events' and the
                                     caller's only) */
} report_options;

/* A level the trainee worked at: the first and last day with step evidence at it. */
typedef struct report_level {
    unsigned level;
    char name[LEVEL_NAME_MAX + 1];   /* from levels.ini, "" when not known */
    int64_t first_day, last_day;
    uint64_t steps, tasks;
} report_level;

/* A person as the dossier names them: the pseudonymous id, and the display name when names were
 * asked for and known ("" otherwise). */
typedef struct report_person {
    char id[STORE_ID_MAX + 1];
    char name[CAT_TEXT_MAX + 1];
} report_person;

typedef struct report_level_change {
    int64_t ts_ms;
    unsigned level, from;
    report_person by;
    char reason[REPORT_TEXT_MAX + 1];
} report_level_change;

typedef struct report_observation {
    int64_t ts_ms;
    report_person by;
    char category[EVIDENCE_CATEGORY_MAX + 1];
    bool positive;
    char note[EVIDENCE_NOTE_MAX + 1];
} report_observation;

typedef struct report_signoff {
    int64_t ts_ms;
    report_person by;
    char competency[COMP_ID_MAX + 1];
    char framework[COMP_ID_MAX + 1];
    char competency_name[COMP_NAME_MAX + 1];   /* from the framework, "" when not in one */
    bool criteria_met;
    char reason[REPORT_TEXT_MAX + 1];
    char event_id[STORE_UUID_LEN];
} report_signoff;

/* One competency of one framework with the engine's finding over the period. */
typedef struct report_competency {
    const competency_framework *framework;
    const competency_def *def;
    competency_result result;
} report_competency;

/* One chart series: the wage-value dimensions per day of the step evidence at one level. */
typedef struct report_series {
    unsigned level;
    competency_dims *days;   /* ascending day */
    size_t count;
} report_series;

/* A chain that holds the trainee's evidence, as it stood when the dossier was made. */
typedef struct report_chain {
    char kiosk[STORE_ID_MAX + 1];
    int64_t seq;
    uint8_t hash[STORE_HASH_LEN];
    char hex[STORE_HASH_HEX];
} report_chain;

typedef struct report {
    report_person trainee;              /* name only with options.with_names */
    char language[4];
    unsigned current_level;             /* the trainee row's level, 0 when unknown */
    bool consent;
    int64_t from_day, to_day;           /* the period shown (from the evidence when open) */
    int64_t generated_ms;

    /* totals over the period. Time on task: the sum of the durations of the finished tasks
     * ("*.done" records: from a task's first step to its last), pick and pack. Days on the
     * floor: days with at least one step record. */
    int64_t days_on_floor;
    uint64_t task_ms, tasks, steps, rft, errors, independent;

    report_level levels[LEVELS_MAX];    /* ascending level */
    size_t level_count;
    report_level_change *changes;
    size_t change_count;

    report_competency *competencies;    /* framework by framework, in file order */
    size_t competency_count;
    const competency_framework *frameworks;
    size_t framework_count;

    competency_dims *by_level;          /* the dimensions per level, ascending */
    size_t by_level_count;
    competency_dims *by_day;            /* all levels together, ascending day */
    size_t by_day_count;
    report_series series[LEVELS_MAX];   /* per level, for the charts */
    size_t series_count;

    report_observation *observations;   /* in time order */
    size_t observation_count;
    report_signoff *signoffs;           /* in time order */
    size_t signoff_count;

    /* the verification code: SHA-256 over each chain's (kiosk id, last seq, head hash) in
     * kiosk order, as store_verify computes its head over every kiosk */
    report_chain chains[REPORT_KIOSKS_MAX];
    size_t chain_count;
    char code[STORE_HASH_HEX];
} report;

/* Builds the dossier of trainee_id from s (read-only use): the trainee row, the evidence summary
 * and the coach events (observations, sign-offs, level changes that are neither voided nor
 * erased) within the period, the engine's status per competency of every framework, the
 * dimensions per level and per day, and the chain heads. Voided evidence is left out; coach
 * events outside the period are left out, except sign-offs before it, which still count for the
 * status. Chains: the kiosks of the trainee's coach events, of all the trainee's events when
 * opts->chains_from_all_events (store_trainee_kiosks), plus extra_kiosks (may be NULL); a kiosk
 * without events is left out, at most REPORT_KIOSKS_MAX are named.
 * STIEL_ERR_NOT_FOUND when the trainee has no events and no row, STIEL_ERR_STATE for an erased
 * trainee, STIEL_ERR_ARG for bad options (no framework, from after to), STIEL_ERR_NOMEM; store
 * errors pass through. On error *out is left empty (report_free is still fine). */
stiel_status report_build(store *s, const char *trainee_id, const char *const *extra_kiosks,
                          size_t extra_count, const report_options *opts, report *out,
                          stiel_diag *diag);

/* Frees what report_build allocated (a zeroed report is fine). */
void report_free(report *r);

/* ---- renderings: each appends to out (a buffer the caller owns) ----------------------------- */

/* A real vector PDF (cairo), A4 portrait, with the charts drawn as lines and bars, text as
 * text (pdftotext reads it back). STIEL_ERR_INTERNAL when cairo fails. */
stiel_status report_render_pdf(const report *r, stiel_buf *out, stiel_diag *diag);

/* Releases the font caches the PDF rendering leaves in cairo and fontconfig (so leak checkers
 * see none). Call once when no rendering runs any more (at exit); rendering again afterwards
 * is still fine. */
void report_render_pdf_cleanup(void);

/* One HTML5 file with inline CSS (print CSS for A4) and inline SVG charts: nothing to fetch. */
stiel_status report_render_html(const report *r, stiel_buf *out, stiel_diag *diag);

/* CSV (RFC 4180, CRLF): a header block, one row per competency, then one row per day per level
 * with the day's figures; a first column names each row's section. */
stiel_status report_render_csv(const report *r, stiel_buf *out, stiel_diag *diag);

/* ---- the charts, as geometry both renderings draw (report_chart.c) ------------------------- */

typedef enum report_metric {
    REPORT_METRIC_RFT = 0,     /* right first time, % of steps */
    REPORT_METRIC_TEMPO,       /* tempo, % of the level's time norm (100 = at the norm) */
    REPORT_METRIC_HELP,        /* help weight per task (0 = no help) */
    REPORT_METRIC_COUNT
} report_metric;

typedef struct report_chart_point {
    double x, y;               /* 0..1 within the plot area, y up */
    double value;              /* the figure itself */
} report_chart_point;

typedef struct report_chart_line {
    unsigned level;
    report_chart_point *pts;   /* in day order */
    size_t count;
} report_chart_line;

typedef struct report_chart {
    const char *title;         /* "Right first time (% of steps)" */
    double y_max;              /* the top of the y axis */
    double y_step;             /* between grid lines */
    double y_ref;              /* a reference line (the norm: 100), -1 for none */
    int64_t x_from, x_to;      /* the days at the left and right edges */
    report_chart_line lines[LEVELS_MAX];
    size_t line_count;
    size_t points;             /* over all lines */
} report_chart;

/* Lays out metric m of r's series (one line per level, a point per day that has the figure).
 * STIEL_ERR_NOMEM. Free with report_chart_free. */
stiel_status report_chart_make(const report *r, report_metric m, report_chart *out);
void report_chart_free(report_chart *c);

/* A colour per level (colour-blind safe palette), as 0..1 RGB and as "#rrggbb". */
void report_level_rgb(unsigned level, double rgb[3]);
void report_level_hex(unsigned level, char out[8]);

/* ---- helpers shared by the renderings (report_text.c) -------------------------------------- */

/* "2025-03-14" for a UTC day number. */
void report_day_text(int64_t day, char out[16]);

/* "2025-03-14 09:30" (UTC) for a time in ms. */
void report_time_text(int64_t ts_ms, char out[24]);

/* "12 h 05 min" for a duration in ms. */
void report_hours_text(uint64_t ms, char out[32]);

/* "name (id)" when a name is known, else the id. */
void report_person_text(const report_person *p, char *out, size_t size);

/* How to check the code, in one sentence with the command to run ("stiel verify --code CODE"),
 * written into out (at most size bytes, REPORT_HINT_MAX is enough). */
enum { REPORT_HINT_MAX = 512 };
void report_verify_hint(const char *code, char *out, size_t size);

#endif
