/* The pack flow: a pure state machine that guides a trainee through packing one order at the
 * bench — scan the tote or order, scan each unit into the box, take the suggested box (or another
 * that fits), print the shipping label, scan the label back to verify its SSCC, close. Input is a
 * plain event (scan, tap, tick, scanner or printer status, coach prompt) carrying its time; output
 * is a bounded list of effects (show, feedback, scanner beep, print label, void an SSCC, record
 * evidence, suggest help). Same conventions as the pick flow (pick_flow.h), whose prompt ladder,
 * results, feedback kinds and hint bits it shares so that evidence of both flows reads alike. */
#ifndef STIEL_CORE_PACK_FLOW_H
#define STIEL_CORE_PACK_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/levels.h"
#include "kiosk/core/pack_task.h"
#include "kiosk/core/pick_flow.h"
#include "kiosk/core/sscc.h"
#include "protocol/scan/aim.h"

enum {
    PACK_SCAN_MAX = PICK_SCAN_MAX,
    PACK_DEVICE_MAX = PICK_DEVICE_MAX,
    PACK_VALUE_MAX = PICK_VALUE_MAX,
    PACK_EFFECTS_MAX = 12,
    PACK_SSCC_MAX = 8       /* SSCCs one task may use (the first + reprints after mismatches) */
};

/* ---- input ---------------------------------------------------------------------------------- */

typedef enum pack_event_kind {
    PACK_EV_SCAN = 1,  /* data + symbology + device */
    PACK_EV_TAP,       /* action (+ box for CHOOSE_BOX) */
    PACK_EV_TICK,      /* time passes (no pack norm yet: nothing happens) */
    PACK_EV_DEVICE,    /* scanner: device + ok */
    PACK_EV_PRINTER,   /* label printer status: device + printer */
    PACK_EV_COACH      /* prompt entered by the coach */
} pack_event_kind;

typedef enum pack_action {
    PACK_ACT_NONE = 0,
    PACK_ACT_START,        /* the order on screen is the one (levels without a tote scan) */
    PACK_ACT_CONFIRM,      /* take the suggested box */
    PACK_ACT_CHOOSE_BOX,   /* take the box named in pack_event.box */
    PACK_ACT_REPRINT,      /* print the label again (same SSCC) */
    PACK_ACT_CLOSE,        /* the package is closed */
    PACK_ACT_HELP_PHOTO,   /* kiosk hints */
    PACK_ACT_HELP_SPOKEN,
    PACK_ACT_CALL_COACH,   /* help request */
    PACK_ACT_COUNT
} pack_action;

typedef enum pack_printer {
    PACK_PRINTER_READY = 0,
    PACK_PRINTER_PAPER_OUT,
    PACK_PRINTER_HEAD_OPEN,
    PACK_PRINTER_OFFLINE,
    PACK_PRINTER_COUNT
} pack_printer;

typedef struct pack_event {
    pack_event_kind kind;
    uint64_t now_ms;                  /* monotonic time of the event, from the caller */
    char data[PACK_SCAN_MAX + 1];     /* SCAN: decoded data after the AIM id */
    scan_symbology symbology;         /* SCAN: SCAN_SYM_UNKNOWN for keyboard wedges */
    char device[PACK_DEVICE_MAX + 1]; /* SCAN, DEVICE, PRINTER: "scanner-1", "printer-1" */
    pack_action action;               /* TAP */
    char box[CAT_ID_MAX + 1];         /* TAP CHOOSE_BOX: the box type */
    bool ok;                          /* DEVICE: working again (true) or lost (false) */
    pack_printer printer;             /* PRINTER */
    pick_prompt prompt;               /* COACH */
} pack_event;

/* ---- output --------------------------------------------------------------------------------- */

typedef enum pack_step {
    PACK_STEP_SCAN_ORDER = 0,  /* scan the tote or the order number */
    PACK_STEP_SCAN_ITEMS,      /* every unit into the box */
    PACK_STEP_CHOOSE_BOX,
    PACK_STEP_PRINT,           /* the label is printing, or waits for the printer */
    PACK_STEP_VERIFY_LABEL,    /* scan the printed label (levels with verify_label) */
    PACK_STEP_CLOSE,
    PACK_STEP_DONE,
    PACK_STEP_COUNT
} pack_step;

/* Error kinds, as bits of pack_evidence.error_kinds. */
enum {
    PACK_ERR_WRONG_ORDER = 1u << 0,     /* not this order's tote or number */
    PACK_ERR_WRONG_ITEM = 1u << 1,      /* not in this order */
    PACK_ERR_LOOKALIKE = 1u << 2,       /* ...and a look-alike of an item still to pack */
    PACK_ERR_UNKNOWN_BARCODE = 1u << 3,
    PACK_ERR_TOO_MANY = 1u << 4,        /* one unit more than the order has */
    PACK_ERR_BOX_TOO_SMALL = 1u << 5,
    PACK_ERR_LABEL_MISMATCH = 1u << 6,  /* a label whose SSCC is not this package's */
    PACK_ERR_OUT_OF_ORDER = 1u << 7,    /* a known code, but not what this step asks for */
    PACK_ERR_KIND_COUNT = 8
};

typedef enum pack_record_kind {
    PACK_REC_STEP = 0,      /* a step (or, while scanning items, one line) done */
    PACK_REC_REPRINT,       /* a reprint was asked */
    PACK_REC_SSCC_VOIDED    /* the SSCC in `sscc` is void; `scanned` is the label that was read */
} pack_record_kind;

/* One record of evidence, for the store to append; (task, seq) identifies it as in pick. */
typedef struct pack_evidence {
    unsigned seq;
    pack_record_kind kind;
    char trainee[CAT_ID_MAX + 1];
    unsigned level;
    char task[TASK_ID_MAX + 1];
    char order_no[PACK_ORDER_MAX + 1];
    unsigned line;                    /* 1-based task line for item records, else 0 */
    pack_step step;
    char expected[PACK_VALUE_MAX + 1];
    char scanned[PACK_VALUE_MAX + 1]; /* what completed the step ("coach", "close", a scan...) */
    pick_result result;
    unsigned errors;                  /* errors since the previous record of this step */
    unsigned error_kinds;             /* PACK_ERR_* bits */
    unsigned kiosk_help;              /* PICK_HINT_PHOTO, PICK_HINT_SPOKEN bits */
    pick_prompt coach_help;           /* most intrusive coach prompt since the previous record */
    unsigned packed;                  /* units in the box: of the line, or of the whole order */
    char box[CAT_ID_MAX + 1];         /* the box type chosen so far, "" before */
    char sscc[SSCC_LEN + 1];          /* the package's SSCC (for a void: the voided one) */
    uint64_t duration_ms;
    uint64_t at_ms;
    char device[PACK_DEVICE_MAX + 1]; /* scanner or printer used, "" for taps */
} pack_evidence;

typedef struct pack_show {
    pack_step step;
    size_t line_count;
    size_t item[PACK_LINES_MAX];      /* the order's lines: catalogue item, units, in the box */
    unsigned qty[PACK_LINES_MAX];
    unsigned packed[PACK_LINES_MAX];
    unsigned units, units_packed;
    int box_suggested, box_chosen;    /* catalogue box indices, -1 for none */
    bool box_fits;                    /* false: nothing fits, the suggestion is the largest */
    char sscc[SSCC_LEN + 1];          /* the current label's SSCC, "" before the first */
    pack_printer printer;             /* last printer status */
    bool print_waiting;               /* a label waits for the printer */
    bool photo, spoken, device_problem;
} pack_show;

/* The shipping label to print: one job. */
typedef struct pack_label {
    unsigned job;                     /* 1, 2, ... per flow: a job is emitted once */
    unsigned copy;                    /* 1 for the first print of this SSCC, 2+ for reprints */
    char order_no[PACK_ORDER_MAX + 1];
    char sscc[SSCC_LEN + 1];
    unsigned box_n, box_m;            /* box n of m (one box per pack task: 1 of 1) */
    char box[CAT_ID_MAX + 1];
    char tracking[PACK_TRACKING_MAX + 1];  /* the task's, or the SSCC when it has none */
} pack_label;

typedef enum pack_effect_kind {
    PACK_FX_SHOW = 1,       /* show */
    PACK_FX_FEEDBACK,       /* feedback + reason */
    PACK_FX_SCANNER,        /* good/bad beep and LED */
    PACK_FX_PRINT,          /* print the shipping label in `label` */
    PACK_FX_VOID_SSCC,      /* the SSCC in `sscc` is void: never ship under it; reason */
    PACK_FX_RECORD,         /* evidence */
    PACK_FX_SUGGEST_HELP    /* reason: "tolerance", "asked", "nothing_fits", "labels_used_up" */
} pack_effect_kind;

typedef struct pack_effect {
    pack_effect_kind kind;
    pack_show show;
    pick_feedback feedback;  /* FEEDBACK, SCANNER */
    const char *reason;      /* FEEDBACK, VOID_SSCC, SUGGEST_HELP: a constant key */
    pack_label label;        /* PRINT */
    char sscc[SSCC_LEN + 1]; /* VOID_SSCC */
    pack_evidence record;
} pack_effect;

typedef struct pack_effects {
    size_t count;
    pack_effect fx[PACK_EFFECTS_MAX];
} pack_effects;

/* ---- the flow ------------------------------------------------------------------------------- */

typedef struct pack_flow {
    const catalogue *cat;         /* borrowed: must outlive the flow */
    service_level level;
    pack_task task;
    sscc_source sscc_src;
    pack_step step;
    unsigned packed[PACK_LINES_MAX];
    int box_suggested, box_chosen;
    bool box_fits;
    char sscc[SSCC_LEN + 1];      /* current SSCC, "" before the first */
    unsigned sscc_used;           /* SSCCs issued: serials first_serial .. + sscc_used - 1 */
    char voided[PACK_SSCC_MAX][SSCC_LEN + 1];
    unsigned void_count;
    unsigned jobs, copy;          /* print jobs emitted; copies of the current SSCC */
    bool print_pending;           /* a job waits for the printer */
    pack_printer printer;
    char printer_dev[PACK_DEVICE_MAX + 1];
    /* the current step, and the part of it since its last record */
    uint64_t step_started_ms, part_started_ms, task_started_ms, last_ms;
    unsigned step_errors, step_error_kinds, kiosk_help, shown_hints;
    unsigned task_errors, task_error_kinds;  /* for the summary record */
    pick_prompt coach_help;
    bool suggested, device_problem;
    unsigned seq;
} pack_flow;

/* Starts a flow at "scan the tote or order" for task, with level (copied), cat (borrowed) and the
 * SSCC source (copied). SSCCs: the flow issues serial first_serial for its first label and counts
 * up by one for each new SSCC (a reprint after a verify mismatch); at most PACK_SSCC_MAX. The
 * counter lives in the flow, so a replay issues the same SSCCs; the app stores the source with
 * the task and starts the next task at first_serial + pack_flow_sscc_used(). The printer is
 * assumed ready until a PRINTER event says otherwise. STIEL_ERR_ARG when: the task has no line or
 * more than PACK_LINES_MAX, a line names no item, has qty 0 or above PACK_QTY_MAX, an item is on
 * two lines, the task has neither tote nor order number, the catalogue has no box type, or the
 * SSCC source is invalid (sscc_build) or has fewer than PACK_SSCC_MAX serials left. Emits
 * nothing: call pack_flow_show for the first screen. */
stiel_status pack_flow_init(pack_flow *flow, const catalogue *cat, const service_level *level,
                            const pack_task *task, const sscc_source *sscc,
                            stiel_diag *diag);

/* Handles one event; out is emptied first and filled with the effects, in order. Events that do
 * not fit the step get an attention feedback, never an error status. STIEL_ERR_ARG for an event
 * kind, action, printer status or prompt out of range, or unterminated strings. */
stiel_status pack_flow_handle(pack_flow *flow, const pack_event *ev, pack_effects *out);

/* Emits the current step's SHOW (after a restart, or to redraw). */
void pack_flow_show(const pack_flow *flow, pack_effects *out);

/* Rebuilds a flow from its recorded events, as pick_flow_replay: when log is not NULL every
 * effect is appended as text (pack_effects_format). The effects were acted on the first time
 * (labels printed, evidence stored): the caller must not act on them again. */
stiel_status pack_flow_replay(pack_flow *flow, const pack_event *events, size_t count,
                              stiel_buf *log);

/* Units packed on line index (0-based); SSCCs issued so far. */
unsigned pack_flow_line_packed(const pack_flow *flow, size_t index);
unsigned pack_flow_sscc_used(const pack_flow *flow);

/* One line of text per effect, e.g. "print job=1 copy=1 order=SO-1 sscc=... box=1/1 type=M
 * tracking=...\n"; values %-escaped as in pick. */
stiel_status pack_effects_format(const pack_effects *fx, const catalogue *cat, stiel_buf *out);

/* One line of text per event ("printer t=5000 status=paper_out dev=printer-1") and back;
 * pack_event_parse returns STIEL_ERR_SYNTAX naming the bad field, STIEL_ERR_MISSING for a missing
 * time, action or prompt. */
stiel_status pack_event_format(const pack_event *ev, stiel_buf *out);
stiel_status pack_event_parse(const char *line, pack_event *ev, stiel_diag *diag);

/* Names used in the text forms; never NULL ("?" when out of range). */
const char *pack_step_name(pack_step step);
const char *pack_action_name(pack_action action);
const char *pack_printer_name(pack_printer status);
const char *pack_record_kind_name(pack_record_kind kind);

#endif
