/* What the reference-data files of the store share (store_catalogue.c, store_trainee.c): the
 * level change event written inside a transaction the caller holds. Not for use outside
 * kiosk/store. */
#ifndef STIEL_KIOSK_STORE_STORE_REFERENCE_H
#define STIEL_KIOSK_STORE_STORE_REFERENCE_H

#include "kiosk/store/store_append.h"

/* Appends a "level.changed" event {"level", "from", "reason"} for trainee_id on kiosk_id's chain,
 * within the current transaction (no BEGIN/COMMIT). On error the caller rolls back. */
stiel_status store_level_event_locked(store *s, const char *kiosk_id, const char *trainee_id,
                                      const char *actor_id, int64_t now_ms, int64_t from,
                                      int64_t to, const char *why, stiel_diag *diag);

#endif
