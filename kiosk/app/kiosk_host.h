/* What the live loop (kiosk_main.c) and the script runner (kiosk_script.c) share: the app, the
 * UI on its renderer, the label printer, speech, the devices, the keyboard-wedge decoder, and
 * kiosk_host_apply, which carries out a kiosk_out (draw, sound, beep, print, speak). */
#ifndef STIEL_KIOSK_APP_KIOSK_HOST_H
#define STIEL_KIOSK_APP_KIOSK_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/wedge.h"
#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/kiosk_devices.h"
#include "kiosk/app/kiosk_print.h"
#include "kiosk/app/kiosk_speech.h"
#include "kiosk/ui/ui.h"

typedef struct kiosk_host {
    kiosk_app_options opt;
    kiosk_app *app;
    ui *ui;
    kiosk_print *print;          /* made at the first label (fonts and template cost memory) */
    const char *asset_dir, *font_dir; /* for the label printer */
    char label_dir[4200];        /* "": labels are not drawn */
    kiosk_speech speech;
    kiosk_devices *dev;          /* NULL: no serial devices */
    uint32_t dev_event_type;     /* the SDL user event type of dev's events (script wait-scan) */
    unsigned device_scans;       /* scans from the serial scanner handed to the app */
    char device_scan[PICK_SCAN_MAX + 1]; /* the last of them */
    bool scanner_enabled;        /* the serial scanner is ENABLED: its scans reach the app */
    char printer_lang[16];
    stiel_wedge wedge;
    bool wedge_on;
    bool exit;                   /* a supervisor unlocked the kiosk */
    unsigned frames;             /* ui_draw calls */
    unsigned labels;             /* labels printed */
    char last_label[4200];       /* path of the last label PNG */
    kiosk_clock now;             /* the clock of the input being handled */
    uint64_t draw_ns;            /* CLOCK_MONOTONIC when the last frame's drawing began (--trace) */
} kiosk_host;

/* Carries out out: sound, scanner feedback, labels (PNG, and the printer when configured),
 * speech (the current step's instruction in the view's language), language switch, and a redraw
 * when the view changed. */
void kiosk_host_apply(kiosk_host *h, const kiosk_out *out);

/* Draws the current view (counts frames). */
void kiosk_host_draw(kiosk_host *h);

/* Feeds a wedge decoder output to the app: scans become kiosk_app_scan (device "wedge"), typed
 * keys kiosk_app_key. ctx is the kiosk_host. For stiel_wedge_feed/tick. */
void kiosk_host_wedge_out(void *ctx, const stiel_wedge_output *w);

/* The device event from the device thread (kiosk_devices): scans, scanner and printer states. */
void kiosk_host_device_event(kiosk_host *h, const stiel_device_event *ev);

/* kiosk_app_options.print for a configured printer: queues n bytes in lang for it
 * (kiosk_devices_print; host is the kiosk_host). STIEL_ERR_STATE when its devices are not open. */
stiel_status kiosk_host_print(void *host, const char *lang, const void *bytes, size_t n,
                              stiel_diag *diag);

#endif
