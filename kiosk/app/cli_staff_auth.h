/* How a `stiel` command asks a staff member for a PIN and checks badge + PIN for one action (the
 * store records every attempt and refusal): shared by staff, signoff, observe, setup-labels,
 * retention and trainee consent. */
#ifndef STIEL_KIOSK_APP_CLI_STAFF_AUTH_H
#define STIEL_KIOSK_APP_CLI_STAFF_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/core/access.h"
#include "kiosk/store/store.h"

enum { CLI_PIN_BUF = 64 };

/* Reads one line into out (newline removed): without echo from a terminal (the prompt on
 * stderr), plainly from a pipe (no prompt shown). Returns false at end of input. */
bool cli_pin_read(const char *prompt, char out[CLI_PIN_BUF]);

/* Asks for badge's PIN and checks it for action with store_staff_authenticate on kiosk (the
 * kiosk id for events, cli_kiosk_id). On success returns 0 and puts the staff id in id (cap
 * bytes); otherwise prints why on stderr and returns 1 (refused: recorded) or 2 (no PIN given,
 * the store failed). The PIN is wiped from memory. */
int cli_staff_identify(store *s, const char *kiosk, const char *badge, access_action action,
                       char *id, size_t cap);

#endif
