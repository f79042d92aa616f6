/* The kiosk's brain without SDL: who is logged in, which screen is up, and the session (pick and
 * pack flows bound to the evidence store). Inputs (scans, taps, typed text, ticks, device
 * states) go in with the time; out comes the kiosk_view to draw plus a small list of things the
 * main loop must do (play a sound, beep the scanner, print a label, speak, leave the kiosk).
 * The main loop and the script runner drive it alike; tests drive it directly. */
#ifndef STIEL_KIOSK_APP_KIOSK_APP_H
#define STIEL_KIOSK_APP_KIOSK_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/session.h"
#include "kiosk/ui/ui.h"
#include "kiosk/ui/view.h"

/* Monotonic time for the flows (durations, norms) and wall time for the evidence. The headless
 * runner passes a virtual clock so runs are reproducible. */
typedef struct kiosk_clock {
    uint64_t mono_ms;
    int64_t wall_ms;
} kiosk_clock;

enum { KIOSK_OUT_LABELS = 2, KIOSK_SPEAK_MAX = 255 };

/* What the loop must do after one input. Zeroed by every kiosk_app_* input call. */
typedef struct kiosk_out {
    bool redraw;                          /* the view changed */
    bool sound;                           /* play sound_kind */
    ui_sound sound_kind;
    int scanner_cmd;                      /* STIEL_SCANNER_CMD_* for the serial scanner, 0: none */
    bool speak;                           /* say speak_msg (translated by the UI) in the view's lang */
    ui_msg speak_msg;
    bool lang_changed;                    /* call ui_set_language(kiosk_app_language()) */
    size_t label_count;                   /* shipping labels to print, in order */
    pack_label labels[KIOSK_OUT_LABELS];
    bool exit;                            /* a supervisor unlocked the kiosk: leave */
    char error[STIEL_DIAG_TEXT_MAX];      /* saving failed (log it; the screen says so) */
} kiosk_out;

typedef struct kiosk_app_options {
    const char *data_dir;      /* the store is <data_dir>/evidence.db */
    const char *asset_dir;     /* levels.ini, warehouse/ */
    const char *kiosk_id;
    const char *sscc_prefix;   /* GS1 company prefix for shipping labels */
    catalogue_lang language;   /* the kiosk's language before a badge */
    bool demo;                 /* on-screen scanner; supervisor PIN 1234 set when none is */
    bool name_list;            /* the start screen may list the trainees to tap */
    kiosk_name_list name_list_mode; /* [login] name_list: off|direct|pin; AUTO: demo direct,
                                     * otherwise pin (off when name_list is false) */
    bool speech;               /* spoken instructions where the level allows them */
    bool scanner_shown;        /* a scanner is configured (device bar) */
    bool printer_shown;        /* a printer is configured (device bar) */
    /* real orders (kiosk_orders.h); demo mode copies the sample pick lists into a new inbox */
    const char *orders_inbox;  /* NULL: <data_dir>/inbox */
    const char *orders_outbox; /* NULL: <data_dir>/outbox */
    bool orders_json;          /* results as JSON, else CSV */
    /* the staff screens' folders (kiosk.ini [paths]); NULL or "": <data_dir>/exports and
     * <data_dir>/import; STIEL_EXPORT_DIR / STIEL_IMPORT_DIR override both */
    const char *export_dir;    /* the dossier to a folder */
    const char *import_dir;    /* catalogue and orders from a folder */
    /* a real label printer for the supervisor's set-up labels: each label encoded in
     * printer_lang is handed to print(print_user, ...) (the host queues it for the printer's
     * driver); print NULL: the virtual printer's PNG files in <data_dir>/labels/setup */
    const char *printer_lang;
    stiel_status (*print)(void *user, const char *lang, const void *bytes, size_t n,
                          stiel_diag *diag);
    void *print_user;
} kiosk_app_options;

typedef struct kiosk_app kiosk_app;

/* Opens the session (store in data_dir, first import of the sample warehouse) and resumes this
 * kiosk's unfinished task with its trainee at the exact step. In demo mode a supervisor without a
 * PIN gets the demo PIN 1234 (recorded). *out is NULL on error; diag says why. */
stiel_status kiosk_app_open(const kiosk_app_options *opt, kiosk_clock now, kiosk_app **out,
                            stiel_diag *diag);

/* Closes the session; everything acknowledged is already durable. NULL is fine. */
void kiosk_app_close(kiosk_app *app);

/* The screen to draw now (valid until the next input). */
const kiosk_view *kiosk_app_view(const kiosk_app *app);

/* The language of the screens before a badge (for ui_set_language). */
catalogue_lang kiosk_app_language(const kiosk_app *app);

/* A scan from a serial scanner, the keyboard wedge or the demo panel. data is the read after its
 * AIM identifier; device names the scanner ("scanner-1", "wedge", "demo"). */
void kiosk_app_scan(kiosk_app *app, const char *data, scan_symbology sym, const char *device,
                    kiosk_clock now, kiosk_out *out);

/* A tap on a named action of the last screen (ui.h lists them), or the same from a script. */
void kiosk_app_tap(kiosk_app *app, const char *action, kiosk_clock now, kiosk_out *out);

/* A key a person typed that is not a scan: digits go to a PIN pad or the quantity stepper,
 * Enter confirms, Backspace deletes. Unknown keys are ignored. */
void kiosk_app_key(kiosk_app *app, const char *key, kiosk_clock now, kiosk_out *out);

/* Time passes (only needed when kiosk_app_deadline says so). */
void kiosk_app_tick(kiosk_app *app, kiosk_clock now, kiosk_out *out);

/* A device's state changed: the scanner (printer false) or the printer. state is what the device
 * bar shows; printer is the label printer's status for the pack flow (READY when fine). */
void kiosk_app_device(kiosk_app *app, bool printer, ui_device_state state, const char *msg_id,
                      pack_printer pstatus, kiosk_clock now, kiosk_out *out);

/* True when the app wants a tick at *when_ms (monotonic): only while a task at a level with a
 * time norm is on screen. False: sleep until the next event. */
bool kiosk_app_deadline(const kiosk_app *app, uint64_t *when_ms);

/* The code the demo scanner reads: the one the current step expects (right) or a plausible wrong
 * one (a look-alike, another item, another shelf). False when the step expects no scan. */
bool kiosk_app_demo_code(const kiosk_app *app, bool right, char *out, size_t cap);

/* For tests and scripts: the screen's name ("start", "pin", "my-work", "pick", "pack", "wrong",
 * "short", "help", "finished", "device", "staff"), the trainee logged in ("" when none), and the
 * session. */
const char *kiosk_app_screen_name(const kiosk_app *app);
const char *kiosk_app_trainee(const kiosk_app *app);
session *kiosk_app_session(kiosk_app *app);

#endif
