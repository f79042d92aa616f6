/* Evidence records as JSON: the ONE place that names the event kinds and payload fields of the
 * evidence the app stores, and that the competency engine, the summary table's SQL
 * (kiosk/store/store_stats.c) and the xAPI export read back. Pure (cJSON, malloc).
 *
 * To engineer R (kiosk/app/session.c), and anyone writing evidence events:
 *   - a flow record: evidence_from_pick() (pack: fill an evidence_record the same way, flow
 *     EVIDENCE_FLOW_PACK), set .session to the task's session UUID (the id of its
 *     "task.started" event, or any UUID kept for the task), then append an event of kind
 *     evidence_kind() ("step.pick.scan_item", "step.pack.close", ...) whose payload is
 *     evidence_json_write(); the event's trainee_id is the record's trainee.
 *   - "level.changed": payload {"level":N,"from":M,"reason":"..."} (EVIDENCE_F_LEVEL, _FROM...).
 *   - "coach.observation": evidence_observation_write(); "competency.signed_off":
 *     evidence_signoff_write(). Both with trainee_id = the trainee, actor_id = the coach.
 *   - a correction: an event (kind "void") with voids_id = the id of the event it cancels.
 *   - "dossier.issued": evidence_dossier_write(), trainee_id = the trainee, actor_id = who issued
 *     it (kiosk/store/store.h store_dossier_issue).
 * Change a field name here and in nowhere else: store_stats.c builds its SQL from these macros. */
#ifndef STIEL_CORE_EVIDENCE_JSON_H
#define STIEL_CORE_EVIDENCE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/pick_flow.h"
#include "kiosk/core/task.h"

/* Event kinds. A flow record's kind is EVIDENCE_KIND_STEP_PREFIX + flow name + "." + step name. */
#define EVIDENCE_KIND_STEP_PREFIX "step."
#define EVIDENCE_KIND_TASK_STARTED "task.started"
#define EVIDENCE_KIND_TASK_FINISHED "task.finished"
#define EVIDENCE_KIND_LEVEL_CHANGED "level.changed"
#define EVIDENCE_KIND_OBSERVATION "coach.observation"
#define EVIDENCE_KIND_SIGNED_OFF "competency.signed_off"
#define EVIDENCE_KIND_VOID "void"
#define EVIDENCE_KIND_DOSSIER_ISSUED "dossier.issued" /* a dossier was handed out: its code */

/* The other events of the store and the session, with their payloads. kiosk/store/store.h and
 * kiosk/app/session.h name some of them under their own names too (STORE_KIND_*, SESSION_KIND_*):
 * those are these. */
#define EVIDENCE_KIND_TASK_ABANDONED "task.abandoned"          /* {"task","flow","session","reason"} */
#define EVIDENCE_KIND_FLOW_INPUT "flow.input"                  /* {"task","n","event": text form} */
#define EVIDENCE_KIND_CATALOGUE_IMPORTED "catalogue.imported"  /* the files and their SHA-256 */
#define EVIDENCE_KIND_TRAINEE_ADDED "trainee.added"            /* no name: evidence is pseudonymous */
#define EVIDENCE_KIND_ERASURE "erasure"                        /* a trainee's privacy erasure */
#define EVIDENCE_KIND_SELF_ASSESSMENT "trainee.self_assessment" /* {"day","went_well","calm",...} */
#define EVIDENCE_KIND_CONSENT "trainee.consent"                /* {"consent","from","reason"} */
#define EVIDENCE_KIND_RETENTION_SET "retention.set"            /* {"days","from"} */
#define EVIDENCE_KIND_RETENTION_APPLIED "retention.applied"    /* {"days","cutoff_ms","erased",...} */
#define EVIDENCE_KIND_STAFF_AUTH "staff.auth"                  /* {"badge","action","result"} */
#define EVIDENCE_KIND_ACCESS_REFUSED "access.refused"          /* {"action","role","why"} */
#define EVIDENCE_KIND_STAFF_ACTION "staff.action"              /* {"action", "detail": {...}} */
#define EVIDENCE_KIND_STAFF_ADDED "staff.added"                /* {"staff","role","badge","name"} */
#define EVIDENCE_KIND_PIN_CHANGED "staff.pin_changed"          /* {"staff","how"} */

/* Payload field names of a flow record (JSON object keys). */
#define EVIDENCE_F_FLOW "flow"             /* "pick" | "pack" */
#define EVIDENCE_F_SEQ "seq"               /* record number within the task, from 1 */
#define EVIDENCE_F_TRAINEE "trainee"
#define EVIDENCE_F_LEVEL "level"           /* service level 1..9 */
#define EVIDENCE_F_TASK "task"
#define EVIDENCE_F_SESSION "session"       /* optional: the task's session UUID */
#define EVIDENCE_F_LINE "line"             /* 1-based task line, 0 outside lines */
#define EVIDENCE_F_STEP "step"             /* the flow's step name: "scan_item" */
#define EVIDENCE_F_EXPECTED "expected"
#define EVIDENCE_F_SCANNED "scanned"       /* pick's "done" step: "done:N", N lines done */
#define EVIDENCE_F_RESULT "result"         /* pick_result_name(): "right_first_time"... */
#define EVIDENCE_F_ERRORS "errors"         /* errors on the step */
#define EVIDENCE_F_ERROR_KINDS "error_kinds" /* array of names, see evidence_error_name() */
#define EVIDENCE_F_KIOSK_HELP "kiosk_help" /* array of "photo" | "highlight" | "spoken" */
#define EVIDENCE_F_COACH_HELP "coach_help" /* pick_prompt_name(): "independent".."done_by_coach" */
#define EVIDENCE_F_SHORT "short"           /* pick only: pick_short_name() */
#define EVIDENCE_F_DRILL "drill"           /* pick only: pick_drill_name() */
#define EVIDENCE_F_UNITS "units"           /* units on the line (pick) or in the box (pack) */
#define EVIDENCE_F_ORDER_NO "order_no"     /* pack only */
#define EVIDENCE_F_BOX "box"               /* pack only */
#define EVIDENCE_F_SSCC "sscc"             /* pack only */
#define EVIDENCE_F_DURATION_MS "duration_ms"
#define EVIDENCE_F_AT_MS "at_ms"           /* the flow's own clock when the step ended */
#define EVIDENCE_F_DEVICE "device"

/* Payload fields of the other kinds. */
#define EVIDENCE_F_FROM "from"             /* level.changed: the previous level (0: none) */
#define EVIDENCE_F_REASON "reason"         /* level.changed: why (no personal data) */
#define EVIDENCE_F_CATEGORY "category"     /* coach.observation: "safety", "teamwork"... */
#define EVIDENCE_F_OUTCOME "outcome"       /* coach.observation: "positive" | "concern" */
#define EVIDENCE_F_NOTE "note"             /* coach.observation: optional short text */
#define EVIDENCE_F_COMPETENCY "competency" /* competency.signed_off: the competency id */
#define EVIDENCE_F_FRAMEWORK "framework"   /* competency.signed_off: "magazijnmedewerker" */

/* Payload fields of "dossier.issued" (evidence_dossier_write): the trainee, the period, the
 * format, whether names were printed, the verification code and the chain heads it covers. */
#define EVIDENCE_F_PERIOD_FROM "from"      /* dossier.issued: first day shown, "YYYY-MM-DD" */
#define EVIDENCE_F_PERIOD_TO "to"          /* dossier.issued: last day shown */
#define EVIDENCE_F_FORMAT "format"         /* dossier.issued: "pdf" | "html" | "csv" */
#define EVIDENCE_F_WITH_NAMES "with_names" /* dossier.issued: display names printed (bool) */
#define EVIDENCE_F_CODE "code"             /* dossier.issued: 64 lowercase hex digits */
#define EVIDENCE_F_CHAINS "chains"         /* dossier.issued: [{"kiosk","seq","hash"}...] */
#define EVIDENCE_F_KIOSK "kiosk"           /* a chain: the kiosk id */
#define EVIDENCE_F_CHAIN_SEQ "seq"         /* a chain: its last seq when the code was made */
#define EVIDENCE_F_HASH "hash"             /* a chain: that row's hash, 64 lowercase hex */

enum {
    EVIDENCE_STEP_MAX = 23,
    EVIDENCE_KIND_MAX = 47,
    EVIDENCE_VALUE_MAX = PICK_VALUE_MAX,
    EVIDENCE_UUID_MAX = 36,
    EVIDENCE_ORDER_MAX = 31,
    EVIDENCE_SSCC_MAX = 18,
    EVIDENCE_CATEGORY_MAX = 31,
    EVIDENCE_NOTE_MAX = 255,
    EVIDENCE_COMPETENCY_MAX = 47,
    EVIDENCE_HEX_LEN = 64,                 /* a SHA-256 as lowercase hex digits */
    EVIDENCE_ID_MAX = 64,                  /* a kiosk or trainee id (the store's STORE_ID_MAX) */
    EVIDENCE_DAY_MAX = 15,                 /* "YYYY-MM-DD" */
    EVIDENCE_FORMAT_MAX = 7,
    EVIDENCE_DOSSIER_CHAINS_MAX = 32       /* the dossier's REPORT_KIOSKS_MAX */
};

typedef enum evidence_flow { EVIDENCE_FLOW_PICK = 0, EVIDENCE_FLOW_PACK, EVIDENCE_FLOW_COUNT } evidence_flow;

/* One step's evidence from either flow (pick_evidence / pack_evidence, flattened). */
typedef struct evidence_record {
    evidence_flow flow;
    unsigned seq;
    char trainee[CAT_ID_MAX + 1];
    unsigned level;
    char task[TASK_ID_MAX + 1];
    char session[EVIDENCE_UUID_MAX + 1];   /* "" when not known */
    unsigned line;
    char step[EVIDENCE_STEP_MAX + 1];
    char expected[EVIDENCE_VALUE_MAX + 1];
    char scanned[EVIDENCE_VALUE_MAX + 1];
    pick_result result;
    unsigned errors;
    unsigned error_kinds;                  /* the flow's error bits (PICK_ERR_* / PACK_ERR_*) */
    unsigned kiosk_help;                   /* PICK_HINT_* bits */
    pick_prompt coach_help;
    pick_short short_reason;               /* pick only */
    pick_drill drill;                      /* pick only */
    unsigned units;
    char order_no[EVIDENCE_ORDER_MAX + 1]; /* pack only */
    char box[CAT_ID_MAX + 1];              /* pack only */
    char sscc[EVIDENCE_SSCC_MAX + 1];      /* pack only */
    uint64_t duration_ms;
    uint64_t at_ms;
    char device[PICK_DEVICE_MAX + 1];
} evidence_record;

/* A coach's observation of something the kiosk cannot sense. */
typedef struct evidence_observation {
    char category[EVIDENCE_CATEGORY_MAX + 1];  /* lowercase id: "safety", "teamwork" */
    bool positive;                             /* outcome "positive" (true) or "concern" */
    char note[EVIDENCE_NOTE_MAX + 1];          /* optional, "" for none */
} evidence_observation;

/* A coach's sign-off of one competency. */
typedef struct evidence_signoff {
    char competency[EVIDENCE_COMPETENCY_MAX + 1];
    char framework[EVIDENCE_COMPETENCY_MAX + 1];  /* "" when not given */
} evidence_signoff;

/* One chain head a dossier's code covers. */
typedef struct evidence_dossier_chain {
    char kiosk[EVIDENCE_ID_MAX + 1];
    int64_t seq;                               /* >= 1 */
    char hash[EVIDENCE_HEX_LEN + 1];           /* the row's hash at seq, lowercase hex */
} evidence_dossier_chain;

/* A dossier as issued ("dossier.issued"): what it covers and the code printed on it, with the
 * chain heads (in the order the code was computed over them: kiosk id order) it was made from. */
typedef struct evidence_dossier {
    char trainee[EVIDENCE_ID_MAX + 1];
    char from[EVIDENCE_DAY_MAX + 1];           /* the period shown, "YYYY-MM-DD" */
    char to[EVIDENCE_DAY_MAX + 1];
    char format[EVIDENCE_FORMAT_MAX + 1];      /* "pdf", "html", "csv" */
    bool with_names;
    char code[EVIDENCE_HEX_LEN + 1];           /* lowercase hex */
    evidence_dossier_chain chains[EVIDENCE_DOSSIER_CHAINS_MAX];
    size_t chain_count;
} evidence_dossier;

/* Fills out from a pick flow record (flow PICK, step name from pick_step_name, session ""). */
void evidence_from_pick(const pick_evidence *in, evidence_record *out);

/* "pick" / "pack"; "?" when out of range. */
const char *evidence_flow_name(evidence_flow flow);

/* The name of error bit `bit` (0-based) of flow ("wrong_item"), or NULL past the flow's last. */
const char *evidence_error_name(evidence_flow flow, unsigned bit);

/* Writes the event kind ("step.pick.scan_item") into out. STIEL_ERR_NOSPACE when it does not
 * fit cap bytes (with its NUL), STIEL_ERR_ARG for a bad flow or an empty step. */
stiel_status evidence_kind(const evidence_record *r, char *out, size_t cap);

/* Appends r as one JSON object (fields in the order of the EVIDENCE_F_* list above; pick-only
 * and pack-only fields only for their flow; "session" only when set). Strings are escaped per
 * RFC 8259. STIEL_ERR_ARG for an enum out of range; buffer errors pass through. */
stiel_status evidence_json_write(const evidence_record *r, stiel_buf *out);

/* Parses a payload written by evidence_json_write back into *out (zeroed first). Unknown keys
 * are ignored (newer writers may add some). Errors name the field: STIEL_ERR_SYNTAX (not JSON,
 * not an object, wrong type, a name no table knows, a number that is negative, fractional or too
 * large), STIEL_ERR_MISSING (a required field absent: every field but session and the other
 * flow's), STIEL_ERR_OVERLONG (a text longer than its field). */
stiel_status evidence_json_parse(const char *json, size_t len, evidence_record *out,
                                 stiel_diag *diag);

/* Payloads of coach.observation and competency.signed_off, written and parsed back the same way
 * (note and framework optional). */
stiel_status evidence_observation_write(const evidence_observation *o, stiel_buf *out);
stiel_status evidence_observation_parse(const char *json, size_t len, evidence_observation *out,
                                        stiel_diag *diag);
stiel_status evidence_signoff_write(const evidence_signoff *s, stiel_buf *out);
stiel_status evidence_signoff_parse(const char *json, size_t len, evidence_signoff *out,
                                    stiel_diag *diag);

/* The payload of "dossier.issued": {"trainee","from","to","format","with_names","code",
 * "chains":[{"kiosk","seq","hash"}...]} in that order. STIEL_ERR_ARG when the trainee, format or
 * code is empty, the code or a hash is not 64 lowercase hex digits, a seq is below 1, a kiosk is
 * empty or there are more than EVIDENCE_DOSSIER_CHAINS_MAX chains; buffer errors pass through. */
stiel_status evidence_dossier_write(const evidence_dossier *d, stiel_buf *out);

/* Parses that payload back (every field required; unknown keys ignored). Errors name the field:
 * STIEL_ERR_SYNTAX (not JSON, a wrong type, a code or hash that is not 64 lowercase hex digits, a
 * seq below 1, an empty text), STIEL_ERR_MISSING, STIEL_ERR_OVERLONG (a text too long, more than
 * EVIDENCE_DOSSIER_CHAINS_MAX chains). */
stiel_status evidence_dossier_parse(const char *json, size_t len, evidence_dossier *out,
                                    stiel_diag *diag);

/* True when s is exactly EVIDENCE_HEX_LEN lowercase hex digits. */
bool evidence_hex_valid(const char *s);

/* Appends s as a JSON string literal (quotes included), escaping '"', '\\' and control bytes. */
stiel_status evidence_json_string(stiel_buf *out, const char *s);

#endif
