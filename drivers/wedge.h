/* Keyboard-wedge (USB HID) scanners type their reads into the focused window. This pure decoder
 * takes key events with timestamps and tells scanner bursts (keys closer than max_gap_ms, at least
 * min_len of them, ended by Enter or Tab) from a person typing, whose keys are passed through as
 * typing, in order, never eaten. No clock inside: the caller passes the time. */
#ifndef STIEL_DRIVERS_WEDGE_H
#define STIEL_DRIVERS_WEDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

enum { STIEL_WEDGE_MAX_KEYS = 1024 };

typedef struct stiel_wedge_config {
    uint32_t max_gap_ms;     /* the longest gap between two keys of one scan (e.g. 30) */
    size_t min_len;          /* the fewest characters a scan has (e.g. 4) */
    bool tab_ends;           /* Tab ends a scan as Enter does */
    bool gap_ends;           /* a burst of >= min_len keys also ends at the gap (scanners set to
                              * send no terminator); otherwise it is typing */
    uint32_t gs_substitute;  /* the Unicode code point the scanner types for GS (FNC1), e.g. '~'
                              * or 0xB0; 0: none. Ctrl+] (STIEL_WEDGE_KEY_GS) always means GS. */
} stiel_wedge_config;

/* The defaults: 30 ms, 4 characters, Tab ends a scan, the gap does not, no GS substitute. */
#define STIEL_WEDGE_CONFIG_DEFAULT ((stiel_wedge_config){30, 4, true, false, 0})

typedef enum stiel_wedge_key {
    STIEL_WEDGE_KEY_TEXT = 0, /* text input: UTF-8, one or more characters */
    STIEL_WEDGE_KEY_ENTER,
    STIEL_WEDGE_KEY_TAB,
    STIEL_WEDGE_KEY_GS,       /* Ctrl+] : the GS (0x1D) a scanner types for FNC1 */
    STIEL_WEDGE_KEY_OTHER     /* any other key (Backspace, arrows, Escape): a person, never a scan */
} stiel_wedge_key;

typedef enum stiel_wedge_output_kind {
    STIEL_WEDGE_SCAN = 0,     /* data/len: the scan, GS restored, without its terminator */
    STIEL_WEDGE_TYPED         /* one key typed by a person: key, and for TEXT one character in data */
} stiel_wedge_output_kind;

typedef struct stiel_wedge_output {
    stiel_wedge_output_kind kind;
    stiel_wedge_key key;      /* TYPED: the key; SCAN: the key that ended it (ENTER, TAB, or TEXT for a gap) */
    const uint8_t *data;      /* valid during the callback only */
    size_t len;
    uint64_t time_ms;         /* SCAN: time of its first key; TYPED: time of the key */
} stiel_wedge_output;

typedef void (*stiel_wedge_fn)(void *ctx, const stiel_wedge_output *out);

typedef struct stiel_wedge_held {
    uint8_t key;              /* stiel_wedge_key: TEXT or GS */
    uint8_t len;              /* bytes of one UTF-8 character */
    uint8_t bytes[4];
    uint64_t time_ms;
} stiel_wedge_held;

/* The decoder: fixed storage, no allocation. Fields are private. */
typedef struct stiel_wedge {
    stiel_wedge_config cfg;
    stiel_wedge_held held[STIEL_WEDGE_MAX_KEYS];
    size_t count;
    uint64_t last_ms;
    uint8_t scan[STIEL_WEDGE_MAX_KEYS * 4];
} stiel_wedge;

/* Initialises w (cfg NULL: the defaults). STIEL_ERR_ARG when max_gap_ms is 0 or min_len is 0 or
 * above STIEL_WEDGE_MAX_KEYS. */
stiel_status stiel_wedge_init(stiel_wedge *w, const stiel_wedge_config *cfg, stiel_diag *diag);

/* Feeds one key event at time_ms (monotonic, never going back). For KEY_TEXT, text/len is the
 * UTF-8 text (each character is one key; invalid bytes are single keys); other keys ignore text.
 * Calls cb for every scan and every typed key this event settles, in input order. Keys that
 * might still begin a scan are held until the next key or stiel_wedge_tick. */
void stiel_wedge_feed(stiel_wedge *w, stiel_wedge_key key, const char *text, size_t len, uint64_t time_ms,
                      stiel_wedge_fn cb, void *ctx);

/* Tells the decoder the time: held keys older than the gap are settled (typing, or a scan when
 * gap_ends is set and there are enough of them). */
void stiel_wedge_tick(stiel_wedge *w, uint64_t now_ms, stiel_wedge_fn cb, void *ctx);

/* True when keys are held; *when_ms is then the time at which stiel_wedge_tick settles them
 * (for SDL_WaitEventTimeout). */
bool stiel_wedge_deadline(const stiel_wedge *w, uint64_t *when_ms);

#endif
