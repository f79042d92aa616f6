/* The part of appending that runs inside a transaction the caller already holds: shared by
 * store_append and store_erase_trainee (which appends its erasure event in its own transaction). */
#ifndef STIEL_KIOSK_STORE_STORE_APPEND_H
#define STIEL_KIOSK_STORE_STORE_APPEND_H

#include "kiosk/store/store_internal.h"

/* Checks ev's fields (ids, kind, payload size, voids id form); diag names the bad one. */
stiel_status store_event_check(const store_event *ev, stiel_diag *diag);

/* Appends a validated ev to its kiosk's chain within the current transaction (no BEGIN/COMMIT).
 * r may be NULL. On error the caller rolls back. */
stiel_status store_append_locked(store *s, const store_event *ev, store_receipt *r,
                                 stiel_diag *diag);

#endif
