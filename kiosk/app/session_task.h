/* The task a session runs, as the JSON payload of its "task.started" event and back: the whole
 * task by SKU and location code (not catalogue indices), so that a resume rebuilds it even after
 * the catalogue was imported again. Internal to kiosk/app/session*.c. */
#ifndef STIEL_KIOSK_APP_SESSION_TASK_H
#define STIEL_KIOSK_APP_SESSION_TASK_H

#include "common/buf.h"
#include "kiosk/app/session.h"

/* The task a session holds: which flow, and its data. */
typedef struct session_task {
    session_flow flow;
    uint64_t seed;         /* training orders: the generator's seed (0 for a real order) */
    bool training;
    pick_task pick;
    pack_task pack;
    sscc_source sscc;
} session_task;

/* Appends t as one JSON object: {"flow","task","trainee","level","training","seed", then for
 * pick "totes":[...],"lines":[{"sku","loc","qty","order","drill"}], for pack "order_no","tote",
 * "tracking","lines":[{"sku","qty"}],"sscc":{"ext","prefix","first"}}. */
stiel_status session_task_write(const session_task *t, const catalogue *cat, stiel_buf *out);

/* Parses a payload written by session_task_write against cat (SKUs and codes looked up).
 * STIEL_ERR_SYNTAX for bad JSON, STIEL_ERR_NOT_FOUND for a SKU or location cat lacks. */
stiel_status session_task_read(const char *json, const catalogue *cat, session_task *out,
                               stiel_diag *diag);

#endif
