/* The kiosk lock: which keys and window requests must never reach the desktop or end the app
 * (Alt+F4, Escape, Alt+Tab, the Super/Windows key, Ctrl+Alt+Backspace, the window's close
 * button). Leaving needs a staff badge and PIN (kiosk_app: store_staff_authenticate for
 * ACCESS_EXIT_KIOSK). Pure: key names in, a verdict out, so the SDL loop and the script runner
 * share it. */
#ifndef STIEL_KIOSK_APP_KIOSK_LOCK_H
#define STIEL_KIOSK_APP_KIOSK_LOCK_H

#include <stdbool.h>

typedef struct kiosk_key_mods {
    bool alt, ctrl, gui, shift;
} kiosk_key_mods;

/* True when the key (an SDL key name: "Escape", "F4", "Tab", "Left GUI", "Backspace"...) with
 * mods is one the lock swallows: it does nothing, on any screen. */
bool kiosk_lock_key_blocked(const char *key, kiosk_key_mods mods);

/* Parses a script key like "Alt+F4", "Ctrl+Alt+Backspace", "Escape", "5" into the key name and
 * mods. Returns false for an empty name. key_out holds at least 32 bytes. */
bool kiosk_lock_key_parse(const char *text, char *key_out, kiosk_key_mods *mods);

#endif
