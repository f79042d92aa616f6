/* The session's struct and what its files share (session.c, session_resume.c,
 * session_evidence.c). Internal to kiosk/app/session*.c and its tests. */
#ifndef STIEL_KIOSK_APP_SESSION_INTERNAL_H
#define STIEL_KIOSK_APP_SESSION_INTERNAL_H

#include "kiosk/app/session.h"
#include "kiosk/app/session_task.h"
#include "kiosk/core/evidence_json.h"

enum { SESSION_BATCH_MAX = 1 + PICK_EFFECTS_MAX + PACK_EFFECTS_MAX + 1 };

typedef struct session_batch {
    size_t n;
    store_event ev[SESSION_BATCH_MAX];
    stiel_buf payload[SESSION_BATCH_MAX];
    char kind[SESSION_BATCH_MAX][EVIDENCE_KIND_MAX + 1];
} session_batch;

struct session {
    store *st;
    char kiosk[STORE_ID_MAX + 1];
    char actor[STORE_ID_MAX + 1];
    catalogue cat;
    service_levels levels;
    session_task task;            /* the task in progress, or the last one */
    session_flow active;          /* SESSION_FLOW_NONE when no task is in progress */
    bool resumed;
    size_t inputs;                /* flow.input events recorded for the task */
    char session_id[STORE_UUID_LEN];  /* the id of the task's task.started event */
    pick_flow pick, pick_backup;  /* backup: the flow before the input being handled */
    pack_flow pack, pack_backup;
    pick_effects pick_fx;
    pack_effects pack_fx;
    session_batch batch;
};

/* (Re)starts s->task's flow at its first step from the levels and catalogue. */
stiel_status session_flow_init(session *s, stiel_diag *diag);

/* Finds this kiosk's unfinished task in the store and replays its inputs (session_open). */
stiel_status session_resume(session *s, stiel_diag *diag);

/* A pack flow record as an evidence record (flow PACK; step: the pack step's name, or "reprint",
 * "sscc_voided" for those records; session ""). */
void session_evidence_from_pack(const pack_evidence *in, evidence_record *out);

#endif
