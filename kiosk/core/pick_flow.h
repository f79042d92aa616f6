/* The pick flow: a pure state machine that guides a trainee through a pick task one step at a
 * time. Input is a plain event (scan, tap on a named action, typed quantity, tick, device status,
 * coach prompt), each carrying its time; output is a bounded list of effects (show a step,
 * feedback, scanner beep, record evidence, suggest help). Feeding the same events to a fresh flow
 * gives the same effects, which is how a flow is resumed after a restart (pick_flow_replay). */
#ifndef STIEL_CORE_PICK_FLOW_H
#define STIEL_CORE_PICK_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/levels.h"
#include "kiosk/core/task.h"
#include "protocol/scan/aim.h"

enum { PICK_SCAN_MAX = 127, PICK_DEVICE_MAX = 23, PICK_VALUE_MAX = 63, PICK_EFFECTS_MAX = 12 };

/* ---- input ---------------------------------------------------------------------------------- */

typedef enum pick_event_kind {
    PICK_EV_SCAN = 1,  /* data + symbology + device */
    PICK_EV_TAP,       /* action */
    PICK_EV_QTY,       /* qty typed on the keypad */
    PICK_EV_TICK,      /* time passes */
    PICK_EV_DEVICE,    /* device + ok */
    PICK_EV_COACH      /* prompt entered by the coach (prompt card or overlay) */
} pick_event_kind;

typedef enum pick_action {
    PICK_ACT_NONE = 0,
    PICK_ACT_START,            /* get work: begin the task */
    PICK_ACT_ARRIVED,          /* at the location (when no location scan is asked) */
    PICK_ACT_CONFIRM,          /* accept the prefilled quantity, or the put without a tote scan */
    PICK_ACT_SHORT_EMPTY,      /* short pick, with its reason */
    PICK_ACT_SHORT_DAMAGED,
    PICK_ACT_SHORT_NOT_FOUND,
    PICK_ACT_SHORT_OTHER_ITEM,
    PICK_ACT_SKIP,             /* postpone the line to the end; a second time skips it */
    PICK_ACT_UNDO,             /* put back the last unit picked on this line */
    PICK_ACT_HELP_PHOTO,       /* kiosk hints */
    PICK_ACT_HELP_HIGHLIGHT,
    PICK_ACT_HELP_SPOKEN,
    PICK_ACT_CALL_COACH,       /* help request */
    PICK_ACT_EMPTY_YES,        /* the empty-location check */
    PICK_ACT_EMPTY_NO,
    PICK_ACT_COUNT
} pick_action;

/* Coach help, least to most intrusive; DONE_BY_COACH means the coach did the step. */
typedef enum pick_prompt {
    PICK_PROMPT_NONE = 0,      /* independent */
    PICK_PROMPT_GESTURAL,
    PICK_PROMPT_VERBAL,
    PICK_PROMPT_MODEL,
    PICK_PROMPT_PARTIAL_PHYSICAL,
    PICK_PROMPT_FULL_PHYSICAL,
    PICK_PROMPT_DONE_BY_COACH,
    PICK_PROMPT_COUNT
} pick_prompt;

typedef struct pick_event {
    pick_event_kind kind;
    uint64_t now_ms;                  /* monotonic time of the event, from the caller */
    char data[PICK_SCAN_MAX + 1];     /* SCAN: decoded data after the AIM id (no FNC1 first) */
    scan_symbology symbology;         /* SCAN: SCAN_SYM_UNKNOWN for keyboard wedges */
    char device[PICK_DEVICE_MAX + 1]; /* SCAN, DEVICE: "scanner-1", "wedge" */
    pick_action action;               /* TAP */
    unsigned qty;                     /* QTY */
    bool ok;                          /* DEVICE: working again (true) or lost (false) */
    pick_prompt prompt;               /* COACH */
} pick_event;

/* ---- output --------------------------------------------------------------------------------- */

typedef enum pick_step {
    PICK_STEP_GET_WORK = 0,
    PICK_STEP_GO_TO_LOCATION,
    PICK_STEP_SCAN_LOCATION,
    PICK_STEP_SCAN_ITEM,
    PICK_STEP_QUANTITY,
    PICK_STEP_PUT,
    PICK_STEP_EMPTY_CHECK,
    PICK_STEP_DONE,
    PICK_STEP_COUNT
} pick_step;

/* Error kinds, as bits of pick_evidence.error_kinds. */
enum {
    PICK_ERR_WRONG_LOCATION = 1u << 0,
    PICK_ERR_WRONG_ITEM = 1u << 1,
    PICK_ERR_LOOKALIKE = 1u << 2,       /* the wrong item is a known look-alike of the right one */
    PICK_ERR_UNKNOWN_BARCODE = 1u << 3,
    PICK_ERR_OVER_PICK = 1u << 4,
    PICK_ERR_WRONG_QTY = 1u << 5,
    PICK_ERR_WRONG_TOTE = 1u << 6,
    PICK_ERR_OUT_OF_ORDER = 1u << 7,    /* a known code, but not what this step asks for */
    PICK_ERR_UNDO = 1u << 8,            /* a unit put back: a self-correction */
    PICK_ERR_KIND_COUNT = 9
};

/* Kiosk hints, as bits of pick_evidence.kiosk_help. */
enum { PICK_HINT_PHOTO = 1u << 0, PICK_HINT_HIGHLIGHT = 1u << 1, PICK_HINT_SPOKEN = 1u << 2 };

typedef enum pick_result {
    PICK_RESULT_RIGHT_FIRST_TIME = 0,
    PICK_RESULT_CORRECTED,            /* done after `errors` errors */
    PICK_RESULT_SKIPPED,              /* postponed or skipped */
    PICK_RESULT_DONE_BY_COACH
} pick_result;

typedef enum pick_short {
    PICK_SHORT_NONE = 0,
    PICK_SHORT_EMPTY,
    PICK_SHORT_DAMAGED,
    PICK_SHORT_NOT_FOUND,
    PICK_SHORT_OTHER_ITEM
} pick_short;

/* One step's evidence, for the store to append. seq numbers the records of one task from 1, so
 * (task, seq) identifies a record: a replay re-creates the same pairs. */
typedef struct pick_evidence {
    unsigned seq;
    char trainee[CAT_ID_MAX + 1];
    unsigned level;
    char task[TASK_ID_MAX + 1];
    unsigned line;                    /* 1-based task line; 0 for get work and done */
    pick_step step;
    char expected[PICK_VALUE_MAX + 1];
    char scanned[PICK_VALUE_MAX + 1]; /* what completed the step (scan, "qty:3", "yes"...) */
    pick_result result;
    unsigned errors;                  /* errors on this step */
    unsigned error_kinds;             /* PICK_ERR_* bits */
    unsigned kiosk_help;              /* PICK_HINT_* bits */
    pick_prompt coach_help;           /* most intrusive coach prompt on this step */
    pick_short short_reason;
    pick_drill drill;
    unsigned picked;                  /* units on the line when the step ended */
    uint64_t duration_ms;
    uint64_t at_ms;                   /* time of the event that ended the step */
    char device[PICK_DEVICE_MAX + 1]; /* the scanner used, "" for taps */
} pick_evidence;

typedef enum pick_effect_kind {
    PICK_FX_SHOW = 1,       /* show: the step to draw */
    PICK_FX_FEEDBACK,       /* feedback + reason */
    PICK_FX_SCANNER,        /* good/bad beep and LED on the scanner */
    PICK_FX_RECORD,         /* evidence */
    PICK_FX_SUGGEST_HELP    /* reason: "tolerance" (errors reached the level's tolerance), "asked" */
} pick_effect_kind;

typedef enum pick_feedback { PICK_FB_GOOD = 0, PICK_FB_BAD, PICK_FB_ATTENTION } pick_feedback;

typedef struct pick_show {
    pick_step step;
    unsigned line;           /* 1-based task line, 0 outside lines */
    unsigned line_count;
    unsigned lines_left;     /* lines still to do, this one included */
    int item, location;      /* catalogue indices, -1 outside lines */
    unsigned qty, picked;
    unsigned order;          /* 0-based order / slot */
    const char *tote;        /* the slot's tote code (points into the flow's task) */
    bool photo, highlight, spoken, qty_prefilled;
    unsigned norm_seconds;   /* 0: no norm shown */
    bool device_problem;     /* a scanner reported lost */
} pick_show;

typedef struct pick_effect {
    pick_effect_kind kind;
    pick_show show;
    pick_feedback feedback;  /* FEEDBACK, SCANNER */
    const char *reason;      /* FEEDBACK and SUGGEST_HELP: a constant key ("wrong_item") */
    pick_evidence record;
} pick_effect;

typedef struct pick_effects {
    size_t count;
    pick_effect fx[PICK_EFFECTS_MAX];
} pick_effects;

/* ---- the flow ------------------------------------------------------------------------------- */

typedef enum pick_line_status {
    PICK_LINE_OPEN = 0,
    PICK_LINE_DONE,
    PICK_LINE_SHORT,
    PICK_LINE_SKIPPED
} pick_line_status;

typedef struct pick_flow {
    const catalogue *cat;         /* borrowed: must outlive the flow */
    service_level level;
    pick_task task;
    pick_step step;
    size_t queue[2 * TASK_LINES_MAX];  /* line order; a postponed line comes again at the end */
    size_t queue_len, qpos;
    unsigned picked[TASK_LINES_MAX];
    pick_line_status status[TASK_LINES_MAX];
    pick_short short_reason[TASK_LINES_MAX];
    bool postponed[TASK_LINES_MAX];
    /* the current step */
    uint64_t step_started_ms, line_started_ms, task_started_ms, last_ms;
    unsigned step_errors, step_error_kinds, under_count_errors, kiosk_help, task_errors;
    unsigned typed_last;          /* the last quantity typed on this line */
    pick_prompt coach_help;
    bool suggested, norm_warned, device_problem;
    unsigned seq;
} pick_flow;

/* Starts a flow at "get work" for task, with level (copied) and cat (borrowed). The task's lines
 * must name valid items and locations and order < order_count. STIEL_ERR_ARG otherwise. Emits
 * nothing: call pick_flow_show for the first screen. */
stiel_status pick_flow_init(pick_flow *flow, const catalogue *cat, const service_level *level,
                            const pick_task *task, stiel_diag *diag);

/* Handles one event; out is emptied first and filled with the effects, in order. Events that do
 * not fit the step get an attention feedback ("not_now"), never an error status. STIEL_ERR_ARG
 * for an event kind, action or prompt out of range. */
stiel_status pick_flow_handle(pick_flow *flow, const pick_event *ev, pick_effects *out);

/* Emits the current step's SHOW (after a restart, or to redraw). */
void pick_flow_show(const pick_flow *flow, pick_effects *out);

/* Rebuilds a flow from its recorded events: feeds each to the flow in order. When log is not
 * NULL, every effect is appended to it as text (pick_effects_format), so a replay can be compared
 * byte for byte with the original run. The effects were acted on the first time (evidence
 * stored, beeps beeped): the caller must not act on them again, only on what comes next. */
stiel_status pick_flow_replay(pick_flow *flow, const pick_event *events, size_t count,
                              stiel_buf *log);

/* Line status accessors for summaries; index is 0-based. */
pick_line_status pick_flow_line_status(const pick_flow *flow, size_t index);
unsigned pick_flow_line_picked(const pick_flow *flow, size_t index);

/* Appends one line of text per effect, e.g.
 * "record seq=3 trainee=T-0001 level=1 task=TR-... line=1 step=scan_item expected=... ...\n".
 * Values are %-escaped (space, '%', bytes outside 0x21..0x7E). */
stiel_status pick_effects_format(const pick_effects *fx, const catalogue *cat, stiel_buf *out);

/* One line of text for an event ("scan t=1200 sym=EAN-13 dev=wedge data=8719123100376") and
 * back; the text form is what the app stores in the event log. pick_event_parse returns
 * STIEL_ERR_SYNTAX naming the bad field. */
stiel_status pick_event_format(const pick_event *ev, stiel_buf *out);
stiel_status pick_event_parse(const char *line, pick_event *ev, stiel_diag *diag);

/* Names used in the text forms; never NULL ("?" when out of range). */
const char *pick_step_name(pick_step step);
const char *pick_action_name(pick_action action);
const char *pick_prompt_name(pick_prompt prompt);
const char *pick_result_name(pick_result result);
const char *pick_short_name(pick_short reason);
const char *pick_feedback_name(pick_feedback fb);  /* "good", "bad", "attention" */

#endif
