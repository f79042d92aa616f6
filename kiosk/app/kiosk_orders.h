/* Real customer orders at the kiosk: pick lists taken from the WMS inbox (orders_inbox.h) become
 * real pick tasks (one order, or a cluster batch at levels that pick several orders at once), each
 * picked order is packed in turn, and its result goes to the outbox — derived from the evidence
 * store's events, so that a crash between any two steps neither loses nor repeats a result. */
#ifndef STIEL_APP_KIOSK_ORDERS_H
#define STIEL_APP_KIOSK_ORDERS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/app/orders_inbox.h"
#include "kiosk/app/session.h"
#include "kiosk/core/orders.h"
#include "kiosk/core/pack_task.h"

/* Events this module records on the kiosk's chain (besides the session's task events). */
#define KIOSK_ORDERS_KIND_TAKEN "orders.taken"   /* {"file","orders":n}: a pick list was taken */
#define KIOSK_ORDERS_KIND_TASK "orders.task"     /* {"file","task","orders":[ids]}: before the pick */
#define KIOSK_ORDERS_KIND_RESULT "orders.result" /* {"file","order","status","result"}: written */

/* Task ids: a real pick is "WMS-<first order id>", the pack of order X "PK-WMS-<X>" (its order
 * number is X). */
#define KIOSK_ORDERS_PICK_PREFIX "WMS-"
#define KIOSK_ORDERS_PACK_PREFIX "PK-WMS-"

enum {
    KIOSK_ORDERS_POLL_MS = 5000  /* "my work" looks in the inbox this often while it is shown */
};

typedef struct kiosk_orders_config {
    const char *inbox;        /* the folder the WMS drops pick lists in (made 0750 when missing) */
    const char *outbox;       /* where results go (made 0750 when missing) */
    orders_format format;     /* of the results */
    const char *kiosk_id;     /* this kiosk (orders_id_valid) */
    const char *samples_dir;  /* demo: when the inbox is made, its picklist-* files are copied
                               * into it so a demo user sees real orders; NULL: nothing copied */
} kiosk_orders_config;

typedef struct kiosk_orders kiosk_orders;

/* Makes the folders, copies the demo samples (see samples_dir), takes up the pick list this kiosk
 * was working on before a restart (or the next one in the inbox) and writes every result whose
 * order was finished but whose result is not recorded yet (kiosk_orders_sync). *out is NULL on
 * error: STIEL_ERR_ARG for a missing folder or a bad kiosk id, STIEL_ERR_IO naming the folder. */
stiel_status kiosk_orders_open(const kiosk_orders_config *cfg, session *s, int64_t wall_ms,
                               kiosk_orders **out, stiel_diag *diag);

/* Frees o (NULL is fine); the pick list it holds stays in the kiosk's processing folder. */
void kiosk_orders_close(kiosk_orders *o);

/* Looks in the inbox when no pick list is held (orders_inbox_take: a bad file goes to rejected/
 * with its reason, is logged without its contents and counted), writes results still due, and
 * moves a pick list whose orders all have results to done/. Cheap when there is nothing to do
 * (one folder listing). True when what kiosk_orders_waiting / _rejected say changed. */
bool kiosk_orders_poll(kiosk_orders *o, session *s, int64_t wall_ms);

/* Real work waiting at this kiosk: orders not yet picked plus picked orders not yet packed. */
unsigned kiosk_orders_waiting(const kiosk_orders *o);

/* Pick lists rejected since the kiosk started (their reasons are in inbox/rejected/). */
unsigned kiosk_orders_rejected(const kiosk_orders *o);

/* True for the task id of a real pick or of the pack of a real order. */
bool kiosk_orders_task_is_real(const char *task_id);

/* Starts a real pick for trainee_id (session_start_task at the trainee's level): the next waiting
 * order, or at levels with orders_per_batch > 1 up to that many waiting orders as one cluster
 * pick (one tote per order: the WMS's, else "TOTE-<slot>"). Records "orders.task" first.
 * STIEL_ERR_NOT_FOUND when no order waits; session errors pass through. */
stiel_status kiosk_orders_pick_start(kiosk_orders *o, session *s, const char *trainee_id,
                                     int64_t wall_ms, stiel_diag *diag);

/* The pack task of the next real order that was picked (something of it) but not packed yet:
 * id "PK-WMS-<order>", order number the order id, the order's tote, the units picked. False when
 * there is none. Call kiosk_orders_sync after a real task ended first. */
bool kiosk_orders_pack_next(const kiosk_orders *o, pack_task *out);

/* Brings the orders up to date with the store: replays this kiosk's events since the held pick
 * list was taken (the real picks and packs, their inputs, how they ended), writes the result of
 * every order whose work is over and whose result is not recorded ("orders.result") —
 * orders_result_write, which never replaces a file: an existing result counts as written —, and
 * moves the pick list to done/ when every order has its result. Call after a real task ends.
 * Errors (a store error, an outbox that cannot be written) are returned with the reason in diag;
 * what could not be written is tried again at the next sync or poll. */
stiel_status kiosk_orders_sync(kiosk_orders *o, session *s, int64_t wall_ms, stiel_diag *diag);

/* ---- packing every order of a pick (practice and real alike) ------------------------------- */

/* The orders of a practice pick still to pack, in turn (a cluster pick has several). */
typedef struct kiosk_pack_queue {
    bool active;
    unsigned next;                      /* the next order to look at */
    pick_task task;                     /* the pick, as it ended */
    unsigned picked[TASK_LINES_MAX];
} kiosk_pack_queue;

/* The pack task to start after a task ended, if any: after a real pick or pack (task id
 * kiosk_orders_task_is_real) the results are synced and the next real order picked but not
 * packed comes (kiosk_orders_pack_next); after a practice pick (picked: its flow) every order of
 * it with something picked comes in turn (ids "PK-<n>", "PK-<n>-2"..., order numbers "SO-<n>",
 * "SO-<n>-2"... for pick task "TR-<n>"); after a practice pack the next of those. o may be NULL
 * (no real orders). False: nothing to pack, the task is over. */
bool kiosk_orders_next_pack(kiosk_orders *o, kiosk_pack_queue *q, session *s,
                            const char *ended_task, const pick_flow *picked, int64_t wall_ms,
                            pack_task *out);

#endif
