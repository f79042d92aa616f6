/* The keys the kiosk lock swallows, and "Alt+F4"-style key names for scripts and tests. */
#include "kiosk/app/kiosk_lock.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool kiosk_lock_key_blocked(const char *key, kiosk_key_mods mods)
{
    static const char *const always[] = {"Escape", "Left GUI", "Right GUI", "Menu",
                                         "Application", "AC Back", "AC Home", "Sleep", "Power"};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        if (strcasecmp(key, always[i]) == 0)
            return true;
    if (mods.gui)
        return true; /* Super+anything: the desktop's shortcuts */
    if (mods.alt && (strcasecmp(key, "F4") == 0 || strcasecmp(key, "Tab") == 0 ||
                     strcasecmp(key, "Escape") == 0 || strcasecmp(key, "Space") == 0 ||
                     (key[0] == 'F' && key[1] >= '1' && key[1] <= '9')))
        return true;
    if (mods.ctrl && mods.alt)
        return true; /* Ctrl+Alt+Backspace / Delete / F1..F12: sessions and consoles */
    if (mods.ctrl && (strcasecmp(key, "Escape") == 0 || strcasecmp(key, "Q") == 0 ||
                      strcasecmp(key, "W") == 0))
        return true;
    return false;
}

bool kiosk_lock_key_parse(const char *text, char *key_out, kiosk_key_mods *mods)
{
    memset(mods, 0, sizeof *mods);
    key_out[0] = '\0';
    const char *p = text;
    for (;;) {
        const char *plus = strchr(p, '+');
        if (!plus || plus[1] == '\0')
            break;
        size_t n = (size_t)(plus - p);
        if (n == 3 && strncasecmp(p, "Alt", 3) == 0)
            mods->alt = true;
        else if (n == 4 && strncasecmp(p, "Ctrl", 4) == 0)
            mods->ctrl = true;
        else if ((n == 3 && strncasecmp(p, "GUI", 3) == 0) ||
                 (n == 5 && strncasecmp(p, "Super", 5) == 0))
            mods->gui = true;
        else if (n == 5 && strncasecmp(p, "Shift", 5) == 0)
            mods->shift = true;
        else
            break;
        p = plus + 1;
    }
    snprintf(key_out, 32, "%s", p);
    return key_out[0] != '\0';
}
