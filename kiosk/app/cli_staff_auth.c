/* The badge + PIN prompt of the `stiel` staff commands: the PIN is read without echo from a
 * terminal (or as a line of stdin), checked by the store for one action, then wiped. */
#include "kiosk/app/cli_staff_auth.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "kiosk/app/cli.h"

bool cli_pin_read(const char *prompt, char out[CLI_PIN_BUF])
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "%s", prompt);
        fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        } else {
            tty = false;
        }
    }
    bool got = fgets(out, CLI_PIN_BUF, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return false;
    out[strcspn(out, "\r\n")] = 0;
    return true;
}

int cli_staff_identify(store *s, const char *kiosk, const char *badge, access_action action,
                       char *id, size_t cap)
{
    char pin[CLI_PIN_BUF];
    char prompt[96];
    snprintf(prompt, sizeof prompt, "PIN for badge %.48s: ", badge);
    if (!cli_pin_read(prompt, pin)) {
        fputs("stiel: no PIN given\n", stderr);
        return 2;
    }
    store_staff_auth a;
    stiel_diag d;
    stiel_status st = store_staff_authenticate(s, cli_kiosk_id(kiosk), badge, pin, action,
                                               cli_now_ms(), &a, &d);
    sodium_memzero(pin, sizeof pin);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel: %s\n", d.text);
        return st == STIEL_ERR_DENIED ? 1 : 2;
    }
    snprintf(id, cap, "%s", a.staff.id);
    return 0;
}
