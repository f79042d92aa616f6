/* The session: binds the pure task engine (kiosk/core) to the evidence store for one kiosk.
 * Every input to a flow is persisted together with the evidence it produced, in one durable
 * transaction, before its effects are handed back — so what the screen acknowledges is stored.
 * After a crash, opening the session replays the kiosk's unfinished task to the exact step.
 * Used by the kiosk app and by the `stiel` CLI (practice, import, trainee). */
#ifndef STIEL_KIOSK_APP_SESSION_H
#define STIEL_KIOSK_APP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/errors.h"
#include "kiosk/core/levels.h"
#include "kiosk/core/pack_flow.h"
#include "kiosk/core/pick_flow.h"
#include "kiosk/store/store.h"

/* Event kinds the session writes besides the step kinds (named in kiosk/core/evidence_json.h). */
#define SESSION_KIND_INPUT EVIDENCE_KIND_FLOW_INPUT
#define SESSION_KIND_ABANDONED EVIDENCE_KIND_TASK_ABANDONED
#define SESSION_KIND_IMPORTED EVIDENCE_KIND_CATALOGUE_IMPORTED
#define SESSION_KIND_TRAINEE_ADDED EVIDENCE_KIND_TRAINEE_ADDED

/* The message the UI shows when saving failed (the diag carries the technical reason). */
#define SESSION_SAVE_FAILED "saving failed: call your coach"

typedef struct session session;

typedef enum session_flow {
    SESSION_FLOW_NONE = 0,
    SESSION_FLOW_PICK,
    SESSION_FLOW_PACK
} session_flow;

typedef struct session_config {
    const char *db_path;    /* the evidence store; NULL: <data_dir>/evidence.db */
    const char *data_dir;   /* used when db_path is NULL; NULL too: store_default_path() */
    const char *kiosk_id;   /* this kiosk's id: its events form one chain */
    const char *asset_dir;  /* holds levels.ini and warehouse/ (the sample practice warehouse) */
    const char *actor_id;   /* who runs the kiosk, for system events; NULL: "kiosk" */
    int64_t now_ms;         /* wall clock, for the first import's event */
} session_config;

/* Opens the store (creating it), reads <asset_dir>/levels.ini, loads the catalogue from the
 * store — importing <asset_dir>/warehouse/ first when the store has none, so that the demo works
 * out of the box — and resumes this kiosk's unfinished task if there is one (task.started with
 * no task.finished/abandoned after it): its flow.input events are replayed, appending nothing,
 * so the flow is at the exact step with nothing double-counted. On success *out is the session
 * (close with session_close). Errors name the file or the store problem. */
stiel_status session_open(const session_config *cfg, session **out, stiel_diag *diag);

/* Closes the session and its store (NULL is fine). Everything acknowledged is already durable. */
void session_close(session *s);

/* Accessors. The catalogue and levels stay valid until session_close. */
const catalogue *session_catalogue(const session *s);
const service_levels *session_levels(const session *s);
store *session_store(session *s);
const char *session_kiosk(const session *s);

/* The task in progress: SESSION_FLOW_NONE when there is none (never started, finished or
 * abandoned). session_resumed: the task was rebuilt by session_open. session_input_count: the
 * inputs recorded for it so far (replayed + handled). session_task_id, session_trainee: "" when
 * no task. */
session_flow session_active(const session *s);
bool session_resumed(const session *s);
size_t session_input_count(const session *s);
const char *session_task_id(const session *s);
const char *session_trainee(const session *s);

/* The flow of the task in progress (or of the task just finished); NULL for the other kind. */
const pick_flow *session_pick(const session *s);
const pack_flow *session_pack(const session *s);

/* What to start. A pick task is a training order generated from seed for the trainee's level
 * (pick NULL) or a real order (pick: its lines, with trainee and level filled in by the session).
 * no_drills: a generated training order gets no drill lines (the supervisor switched drills off
 * for the trainee); the level's other settings stay. A pack task needs pack (trainee and level
 * filled in) and sscc. */
typedef struct session_task_spec {
    session_flow flow;
    const char *trainee_id;
    uint64_t seed;
    bool no_drills;
    const pick_task *pick;
    const pack_task *pack;
    const sscc_source *sscc;
} session_task_spec;

/* Starts a task for a trainee in the store (not erased, consent given, a level that levels.ini
 * has) and records "task.started" (the whole task, so a resume rebuilds it even after a new
 * catalogue import). STIEL_ERR_STATE when a task is in progress, STIEL_ERR_NOT_FOUND for an
 * unknown trainee, STIEL_ERR_DENIED without consent, store errors. Call session_show_* next. */
stiel_status session_start_task(session *s, const session_task_spec *spec, int64_t wall_ms,
                                stiel_diag *diag);

/* Feeds ev to the pick flow, then appends in ONE store transaction the input ("flow.input",
 * its text form) and every evidence record the flow emitted ("step.pick.<step>",
 * evidence_json.h payload) — plus "task.finished" when the flow reached done. Only when that
 * commit is durable are the effects put in *out. On a store error *out is emptied, the flow is
 * back where it was before ev, and the status and diag say why (show SESSION_SAVE_FAILED).
 * wall_ms is the events' time stamp. STIEL_ERR_STATE when no pick task is in progress. */
stiel_status session_handle_pick(session *s, const pick_event *ev, int64_t wall_ms,
                                 pick_effects *out, stiel_diag *diag);

/* The same for the pack flow ("step.pack.<step>"). */
stiel_status session_handle_pack(session *s, const pack_event *ev, int64_t wall_ms,
                                 pack_effects *out, stiel_diag *diag);

/* The current screen of the flow (after session_open resumed or session_start_task); emits
 * nothing for a flow of the other kind. */
void session_show_pick(const session *s, pick_effects *out);
void session_show_pack(const session *s, pack_effects *out);

/* Ends the task in progress without finishing it ("task.abandoned", by actor_id with reason).
 * STIEL_ERR_STATE when no task is in progress. */
stiel_status session_abandon(session *s, const char *actor_id, const char *reason,
                             int64_t wall_ms, stiel_diag *diag);

/* ---- catalogue import (shared by session_open's first import and `stiel import catalogue`) -- */

enum { SESSION_IMPORT_FILES = 5 };

typedef struct session_import_file {
    char name[CAT_TEXT_MAX + 1];  /* "items.csv" */
    char path[4096];              /* where it was read; "" when it came from the store */
    char sha256[65];              /* of the file's bytes; "" when it came from the store */
    size_t bytes, rows;
} session_import_file;

typedef struct session_import_result {
    session_import_file files[SESSION_IMPORT_FILES];  /* items, locations, boxes, trainees, staff */
    store_import_report report;
    core_errors errs;             /* every problem, "file:line: column name: reason" */
} session_import_result;

/* Imports catalogue CSV files into s in one transaction. Each path is a directory (its
 * items.csv, locations.csv, boxes.csv, trainees.csv and staff.csv, those present) or a file with
 * one of those names. A file not given keeps the store's current table. The whole result is
 * validated (catalogue_import, with the trainees the store keeps) before commit; the import is
 * recorded as a "catalogue.imported" event by actor_id on kiosk_id's chain naming each file and
 * its SHA-256. On a validation error res->errs lists every problem and nothing changed
 * (STIEL_ERR_SYNTAX or the first problem's status); other errors in diag. */
stiel_status session_import_catalogue(store *s, const char *const *paths, size_t n,
                                      const char *kiosk_id, const char *actor_id, int64_t now_ms,
                                      session_import_result *res, stiel_diag *diag);

/* Loads the store's catalogue (store_catalogue_export + catalogue_import) into *out (zeroed or
 * freed). STIEL_ERR_NOT_FOUND when nothing was imported yet; errs (may be NULL) lists problems. */
stiel_status session_catalogue_load(store *s, catalogue *out, core_errors *errs,
                                    stiel_diag *diag);

/* ---- per-trainee kiosk settings (session_settings.c) -----------------------------------------
 * What the supervisor switches per trainee and the store has no column for: a
 * "trainee.settings" event {"pick","pack","drills","speech":bool,"language":"nl"} by the
 * supervisor; the newest one wins. A trainee without one has everything on, the row's language. */
#define SESSION_KIND_TRAINEE_SETTINGS "trainee.settings"

typedef struct session_trainee_settings {
    bool pick, pack, drills, speech;
    char language[4];             /* "nl", "fr", "en", "ar"; "" = the trainee row's */
    bool recorded;                /* false: the defaults (no settings event yet) */
} session_trainee_settings;

/* The newest settings of trainee_id, in one indexed query (store_trainee_last) and a seek for a
 * void: the defaults when there are none or the newest one is voided or erased (an erasure
 * erases all of a trainee's events). Store errors pass through. */
stiel_status session_trainee_settings_get(store *s, const char *trainee_id,
                                          session_trainee_settings *out, stiel_diag *diag);

/* actor_id (a supervisor: store_staff_authorize ACCESS_LEVEL_CHANGE, refusals recorded) records
 * in as trainee_id's settings on kiosk_id's chain at now_ms. STIEL_ERR_ARG for a language that
 * is not nl/fr/en/ar/"" or both task kinds off; STIEL_ERR_DENIED; store errors. */
stiel_status session_trainee_settings_set(store *s, const char *kiosk_id, const char *trainee_id,
                                          const char *actor_id,
                                          const session_trainee_settings *in, int64_t now_ms,
                                          stiel_diag *diag);

#endif
