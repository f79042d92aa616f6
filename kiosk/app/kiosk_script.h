/* The headless script runner: plays a session script (tests/kiosk/scripts/README.md) against a
 * kiosk_host on a virtual clock and writes a numbered PNG of each screen it is asked for.
 *
 * Script lines (blank lines and '#' comments ignored):
 *   scan <data>            a scan from the serial scanner
 *   scan-expected          demo: the code the current step expects
 *   scan-wrong             demo: a plausible wrong code
 *   step-expected          what the step expects: the right scan, the quantity typed + Return,
 *                          or a tap on the step's button (arrived, confirm, confirm-box, close...)
 *   wedge <data>           a keyboard-wedge scan (fast keys + Enter through the wedge decoder)
 *   tap <action>           a tap on the named button; fails when it is not on the screen
 *   type <text>            a person typing (slow keys through the wedge decoder)
 *   key <name>             one key, e.g. 5, Return, Backspace, Escape, Alt+F4 (the lock swallows some)
 *   quit                   the window's close request (SDL_QUIT): the lock swallows it
 *   tick <ms>              time passes by ms, with a tick to the flows
 *   wait <ms>              time passes by ms, nothing else
 *   device scanner ok|lost / device printer ready|paper_out|head_open|offline
 *   lang <xx>              switch the language (nl, fr, en, ar)
 *   screenshot [name]      writes NNN-<name>.png (default: the screen's name)
 *   expect screen <name>   fails unless that screen is up (start, pin, my-work, pick, pack, wrong,
 *                          short, help, finished, device)
 *   expect trainee <id>    fails unless that trainee is logged in ("-" for nobody)
 *   expect running|exit    fails unless the kiosk is still running / was unlocked and left
 *   restart                close and reopen the session as after a power cut
 *   until <screen> <command...>  repeats the command until that screen is up (at most 100 times);
 *                          "until button:<action> ..." until that button is on the screen
 *   wait-scan <ms>         waits (real time) for the next scan from the serial scanner configured
 *                          in kiosk.ini (--config); fails after ms
 *   device-step <file> <ms>  as step-expected, but an expected scan is written as a line to file
 *                          (the scanner simulator's stdin) and comes back through the scanner
 *                          (wait-scan ms); then print-state
 *   print-state            prints "state <trainee|-> <screen> <task inputs> <step>" on stdout
 *                          (step: line<n>.<pick_step>, pack.<pack_step> or -)
 * Each line advances the virtual clock by 250 ms (tick/wait by their own amount); the wall clock
 * starts at 2025-01-06 08:00 UTC, so the same script gives the same screenshots. */
#ifndef STIEL_KIOSK_APP_KIOSK_SCRIPT_H
#define STIEL_KIOSK_APP_KIOSK_SCRIPT_H

#include "common/status.h"
#include "kiosk/app/kiosk_host.h"

enum { KIOSK_SCRIPT_STEP_MS = 250, KIOSK_SCRIPT_UNTIL_MAX = 100 };
#define KIOSK_SCRIPT_WALL_START_MS INT64_C(1736150400000)

/* Runs the script at path on h (whose app is open; a restart reopens it with h->opt). shot_dir
 * (may be NULL: no screenshots) receives the PNGs. Errors are "FILE:LINE: what failed". Stops at
 * the end of the script or when the kiosk was unlocked (h->exit). */
stiel_status kiosk_script_run(kiosk_host *h, const char *path, const char *shot_dir,
                              stiel_diag *diag);

#endif
