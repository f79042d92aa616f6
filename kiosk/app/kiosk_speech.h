/* Spoken instructions: espeak-ng run as a child process, never waited for. A new sentence stops
 * the one still speaking. Off unless the config and the trainee's level allow it. */
#ifndef STIEL_KIOSK_APP_KIOSK_SPEECH_H
#define STIEL_KIOSK_APP_KIOSK_SPEECH_H

#include <stdbool.h>
#include <sys/types.h>

#include "kiosk/core/catalogue.h"

typedef struct kiosk_speech {
    bool enabled;
    pid_t child;        /* the espeak-ng still speaking, 0 when none */
    char program[64];   /* "espeak-ng" (tests: another program) */
} kiosk_speech;

/* Sets up speech (enabled or not); program NULL means "espeak-ng". */
void kiosk_speech_init(kiosk_speech *sp, bool enabled, const char *program);

/* Says text in lang: stops the previous sentence, starts `program -v <lang> -- <text>` and
 * returns at once (no-op when disabled or text is empty). False when the program cannot be
 * started (logged once). */
bool kiosk_speech_say(kiosk_speech *sp, catalogue_lang lang, const char *text);

/* Reaps a finished child (call now and then; non-blocking). */
void kiosk_speech_poll(kiosk_speech *sp);

/* Stops speaking and reaps the child. */
void kiosk_speech_stop(kiosk_speech *sp);

#endif
