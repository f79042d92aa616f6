/* What the staff, trainee-PIN and sign-off files of the store share (store_staff.c,
 * store_staff_admin.c, store_trainee_pin.c, store_signoff.c): a staff look-up that also returns
 * the PIN hash, the PIN attempt history/recording/outcome, a transaction runner and a JSON field
 * writer. Not for use outside kiosk/store. */
#ifndef STIEL_KIOSK_STORE_STORE_STAFF_INTERNAL_H
#define STIEL_KIOSK_STORE_STORE_STAFF_INTERNAL_H

#include "kiosk/store/store_internal.h"

/* The staff member whose column ("id" or "badge") is value; hash (may be NULL) receives the
 * stored PIN hash ("" when none). STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_staff_lookup(store *s, const char *column, const char *value, store_staff *out,
                                char *hash, size_t hash_cap, stiel_diag *diag);

/* STIEL_OK when pin is STORE_PIN_MIN..STORE_PIN_MAX ASCII digits, else STIEL_ERR_ARG. */
stiel_status store_staff_pin_valid(const char *pin, stiel_diag *diag);

/* PIN checks read back to compute a lockout: the delay saturates long before this many. */
enum { STORE_PIN_HISTORY_MAX = 24 };

/* The PIN checks of who (a staff id; with trainee, a trainee id: their name-list logins) since
 * the last right PIN or PIN change, oldest first, into h[0..*n-1] (STORE_PIN_HISTORY_MAX room). */
stiel_status store_pin_history(store *s, const char *who, bool trainee, access_attempt *h,
                               size_t *n, stiel_diag *diag);

/* Records one PIN check as a "staff.auth" event {"badge","action","result"} (and, when role is
 * not NULL, an "access.refused" {"action","role","why"} too) in one transaction. */
stiel_status store_pin_record_attempt(store *s, const char *kiosk_id, int64_t now_ms,
                                      const char *trainee_id, const char *actor,
                                      const char *badge, access_action action,
                                      const char *result, const char *role, const char *why,
                                      stiel_diag *diag);

/* Adds this check (right or not, at now_ms) to the history h[0..n-1] (room for
 * STORE_PIN_HISTORY_MAX), evaluates the lockout into *lockout and returns STIEL_OK when right,
 * else STIEL_ERR_DENIED saying the tries left or the new lock ("this <what> is now locked"). */
stiel_status store_pin_outcome(access_attempt *h, size_t n, int64_t now_ms, bool right,
                               const char *what, access_lockout *lockout, stiel_diag *diag);

/* Runs f(s, a, diag) in one IMMEDIATE transaction, committing only when it returns STIEL_OK. */
typedef stiel_status (*store_staff_locked_fn)(store *s, void *a, stiel_diag *diag);
stiel_status store_staff_in_transaction(store *s, store_staff_locked_fn f, void *a,
                                        const char *what, stiel_diag *diag);

/* Appends "key":"value" (JSON-escaped) to an object being written in b, with a comma unless b
 * holds only the opening "{". value NULL is written as "". */
stiel_status store_staff_json_field(stiel_buf *b, const char *key, const char *value);

#endif
