/* What the staff and sign-off files of the store share (store_staff.c, store_staff_admin.c,
 * store_signoff.c): a staff look-up that also returns the PIN hash, a transaction runner and a
 * JSON field writer. Not for use outside kiosk/store. */
#ifndef STIEL_KIOSK_STORE_STORE_STAFF_INTERNAL_H
#define STIEL_KIOSK_STORE_STORE_STAFF_INTERNAL_H

#include "kiosk/store/store_internal.h"

/* The staff member whose column ("id" or "badge") is value; hash (may be NULL) receives the
 * stored PIN hash ("" when none). STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_staff_lookup(store *s, const char *column, const char *value, store_staff *out,
                                char *hash, size_t hash_cap, stiel_diag *diag);

/* STIEL_OK when pin is STORE_PIN_MIN..STORE_PIN_MAX ASCII digits, else STIEL_ERR_ARG. */
stiel_status store_staff_pin_valid(const char *pin, stiel_diag *diag);

/* Runs f(s, a, diag) in one IMMEDIATE transaction, committing only when it returns STIEL_OK. */
typedef stiel_status (*store_staff_locked_fn)(store *s, void *a, stiel_diag *diag);
stiel_status store_staff_in_transaction(store *s, store_staff_locked_fn f, void *a,
                                        const char *what, stiel_diag *diag);

/* Appends "key":"value" (JSON-escaped) to an object being written in b, with a comma unless b
 * holds only the opening "{". value NULL is written as "". */
stiel_status store_staff_json_field(stiel_buf *b, const char *key, const char *value);

#endif
