/* The plain data of the coach and supervisor screens (UI_SCREEN_STAFF, one page at a time) and of
 * the trainee's end-of-day self-assessment (UI_SCREEN_SELF_ASSESS). Part of kiosk_view (view.h):
 * no SDL, texts as message ids or literal names; the app fills it (kiosk/app/kiosk_staff*.c). */
#ifndef STIEL_UI_VIEW_STAFF_H
#define STIEL_UI_VIEW_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    UI_STAFF_NAME_MAX = 95,       /* a competency's or a person's name, UTF-8 bytes */
    UI_STAFF_ROWS = 6,            /* rows on one page of a list (trainees, competencies, flags) */
    UI_STAFF_CHART_COUNT = 3,     /* right first time, tempo, help per task */
    UI_STAFF_CHART_LINES = 5,     /* one line per level */
    UI_STAFF_CHART_POINTS = 30,   /* the latest days */
    UI_STAFF_REASONS = 4,         /* preset sign-off reasons when the criteria are not met */
    UI_STAFF_CATEGORIES = 6,      /* store_observation_categories */
    UI_STAFF_PHRASES = 4,         /* preset phrases per observation */
    UI_STAFF_LABEL_KINDS = 5,     /* locations, items, totes, badges, prompt cards */
    UI_STAFF_LINES = 4            /* lines of a result (import report, notice) */
};

typedef enum ui_staff_page {
    UI_STAFF_HOME = 0,        /* the role's home: trainees, floor, set-up, coach on the floor */
    UI_STAFF_REVIEW,          /* coach: one trainee's competencies (status, evidence, sign-off) */
    UI_STAFF_CHARTS,          /* coach: right first time, tempo, help per task over days, by level */
    UI_STAFF_FLAGS,           /* coach: errors, help requests and shorts to look through */
    UI_STAFF_OBSERVE,         /* coach: add an observation (category, outcome, phrase) */
    UI_STAFF_SIGNOFF,         /* coach: sign off one competency (a reason when criteria unmet) */
    UI_STAFF_TRAINEE,         /* supervisor: level + suggestion, task kinds, drills, speech, language */
    UI_STAFF_FLOOR,           /* supervisor: kiosks and trainees active, devices, print queue */
    UI_STAFF_SETUP,           /* supervisor: set-up labels, import from a folder */
    UI_STAFF_PAGE_COUNT
} ui_staff_page;

typedef enum ui_comp_state {
    UI_COMP_NOT_STARTED = 0,
    UI_COMP_PRACTISING,
    UI_COMP_MEETS,            /* criteria met: may be signed off */
    UI_COMP_SIGNED            /* signed off */
} ui_comp_state;

/* One competency row: "coach.comp.<state>" names the state; evidence as numbers. */
typedef struct ui_staff_comp {
    char id[48];                        /* tap "comp:<id>" on the review page */
    char name[UI_STAFF_NAME_MAX + 1];   /* in the staff member's language when known */
    ui_comp_state state;
    bool observed;                      /* counts coach observations, not kiosk steps */
    unsigned attempts, needed;          /* counted attempts (or positive observations) / min */
    unsigned rft_pct, independent_pct;  /* of counted attempts */
    unsigned days, days_needed;
} ui_staff_comp;

/* One chart: a line per level, points at x, y in 0..1 of the plot area (y up), a reference
 * line (the norm) at y_ref (negative: none). The title is "coach.chart.<metric>". */
typedef struct ui_staff_chart_line {
    unsigned level;
    size_t count;
    float x[UI_STAFF_CHART_POINTS], y[UI_STAFF_CHART_POINTS];
} ui_staff_chart_line;

typedef struct ui_staff_chart {
    char metric[16];                    /* "rft", "tempo", "help" */
    float y_max, y_ref;                 /* the top value, the reference's value (-1 none) */
    char from_day[16], to_day[16];      /* "2025-01-06" */
    size_t line_count;
    ui_staff_chart_line lines[UI_STAFF_CHART_LINES];
} ui_staff_chart;

/* A flagged event: what ("coach.flag.<kind>": error, help, short), when, which step. */
typedef struct ui_staff_flag {
    char kind[16];
    char when[24];                      /* "2025-01-06 08:03" */
    char step[48];                      /* "step.pick.scan_item" */
    char detail[64];                    /* the reason or what was scanned */
} ui_staff_flag;

/* A kiosk on the floor as the store saw it last. */
typedef struct ui_staff_kiosk {
    char id[32];
    char trainee[32];                   /* the trainee of its latest event, "" none */
    unsigned minutes_ago;               /* since its latest event */
    bool active;                        /* an event in the last 15 minutes */
} ui_staff_kiosk;

typedef struct ui_staff_job {
    unsigned long long id;
    char state[16];                     /* "queued", "sent", "printed", "failed"... */
} ui_staff_job;

typedef struct ui_staff_view {
    ui_staff_page page;
    char staff_name[UI_STAFF_NAME_MAX + 1];
    bool supervisor;                    /* supervisor pages and "leave the kiosk" offered */
    bool task_running;                  /* "coach on the floor" offered */
    ui_msg notice;                      /* the outcome of the last action (empty: none) */
    bool notice_bad;                    /* the action was refused or failed */
    /* HOME: the trainees, a page of them */
    size_t person_count, person_first, person_total;
    struct {
        char id[32];
        char name[UI_STAFF_NAME_MAX + 1];
        unsigned level;
    } people[UI_STAFF_ROWS];
    /* the trainee on the per-trainee pages */
    char trainee_id[32];
    char trainee_name[UI_STAFF_NAME_MAX + 1];
    unsigned level, level_count;
    /* REVIEW: a page of competencies */
    size_t comp_count, comp_first, comp_total;
    ui_staff_comp comps[UI_STAFF_ROWS];
    /* SIGNOFF: the competency, the reason chosen (-1: none) */
    ui_staff_comp sign;
    int reason;
    /* CHARTS */
    ui_staff_chart charts[UI_STAFF_CHART_COUNT];
    /* FLAGS: a page, newest first */
    size_t flag_count, flag_first, flag_total;
    ui_staff_flag flags[UI_STAFF_ROWS];
    /* OBSERVE: chosen category (-1), outcome, phrase (-1) */
    int category, phrase;
    bool positive;
    /* TRAINEE (supervisor) */
    unsigned suggest_level;             /* 0: no suggestion */
    ui_msg suggest;                     /* "staff.suggest.up" {level} / .down / .none */
    char suggest_why[240];              /* the engine's evidence in words (English) */
    bool pick_on, pack_on, drills_on, speech_on;
    char language[4];                   /* "nl" */
    /* FLOOR */
    size_t kiosk_count;
    ui_staff_kiosk kiosks[UI_STAFF_ROWS];
    size_t job_count;
    ui_staff_job jobs[UI_STAFF_ROWS];
    /* SETUP: which label kinds are chosen, the import folder, the last import's lines */
    bool labels[UI_STAFF_LABEL_KINDS];
    char folder[96];
    size_t result_count;
    ui_msg result[UI_STAFF_LINES];
} ui_staff_view;

/* The end-of-day self-assessment: three questions (store_self_question_id order), each answered
 * with a smiley 1 sad, 2 neutral, 3 happy (0: not yet). Taps "smiley:<q>:<1..3>", "save",
 * "back". */
typedef struct ui_self_view {
    unsigned answers[3];
    bool saved;
} ui_self_view;

#endif
