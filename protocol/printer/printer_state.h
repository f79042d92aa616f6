/* The printer state every status decoder (ZPL, TSPL, ESC/POS) reduces its reply to: a set of
 * condition bits, one summary state chosen by priority, and a person-readable English message
 * per state (the UI translates by state). Pure. */
#ifndef STIEL_PROTOCOL_PRINTER_PRINTER_STATE_H
#define STIEL_PROTOCOL_PRINTER_PRINTER_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

/* Summary state, most urgent first when several conditions hold (see
 * printer_state_from_conditions). OFFLINE is never produced from a reply by ZPL or TSPL: the
 * driver sets it when no reply comes (note: newer Zebra firmware is silent on ~HS in media out,
 * ribbon out, head open and over-temperature). ESC/POS returns it when the printer itself says
 * it is offline (DLE EOT 1, bit 3) and no other cause is known. */
typedef enum printer_state {
    PRINTER_STATE_READY = 0,
    PRINTER_STATE_PAPER_OUT,
    PRINTER_STATE_RIBBON_OUT,
    PRINTER_STATE_HEAD_OPEN,    /* print head or cover open */
    PRINTER_STATE_PAUSED,
    PRINTER_STATE_BUFFER_FULL,
    PRINTER_STATE_OVER_TEMP,
    PRINTER_STATE_ERROR,        /* jam, cutter, RAM, mechanical or unknown error */
    PRINTER_STATE_OFFLINE,
    PRINTER_STATE_COUNT
} printer_state;

/* Condition bits; a reply may set several. */
enum {
    PRINTER_COND_PAPER_OUT = 1u << 0,
    PRINTER_COND_RIBBON_OUT = 1u << 1,
    PRINTER_COND_HEAD_OPEN = 1u << 2,
    PRINTER_COND_COVER_OPEN = 1u << 3,
    PRINTER_COND_PAUSED = 1u << 4,
    PRINTER_COND_BUFFER_FULL = 1u << 5,
    PRINTER_COND_OVER_TEMP = 1u << 6,
    PRINTER_COND_UNDER_TEMP = 1u << 7,    /* warning only: prints faint, does not block */
    PRINTER_COND_PAPER_JAM = 1u << 8,
    PRINTER_COND_RAM_CORRUPT = 1u << 9,
    PRINTER_COND_CUTTER_ERROR = 1u << 10,
    PRINTER_COND_MECHANICAL_ERROR = 1u << 11,
    PRINTER_COND_UNRECOVERABLE = 1u << 12,
    PRINTER_COND_AUTO_RECOVERABLE = 1u << 13,
    PRINTER_COND_ERROR = 1u << 14,         /* the printer says "error" without a cause */
    PRINTER_COND_OFFLINE = 1u << 15,
    PRINTER_COND_PAPER_NEAR_END = 1u << 16,/* warning only */
    PRINTER_COND_PRINTING = 1u << 17,      /* busy, not a fault */
    PRINTER_COND_LABEL_WAITING = 1u << 18, /* peel-off: take the label; not a fault */
    PRINTER_COND_NOT_NORMAL = 1u << 19,    /* a status the decoder cannot name (raw bytes kept) */
    PRINTER_COND_COUNT = 20
};

/* The summary state of a set of conditions, by priority: HEAD_OPEN (head or cover), PAPER_OUT,
 * RIBBON_OUT, OVER_TEMP, ERROR (jam, RAM, cutter, mechanical, unrecoverable, auto-recoverable,
 * error, not-normal), BUFFER_FULL, PAUSED, OFFLINE, else READY. Warnings (under temperature,
 * paper near end) and PRINTING / LABEL_WAITING leave it READY. */
printer_state printer_state_from_conditions(uint32_t conditions);

/* "READY", "PAPER_OUT"...; "UNKNOWN" for out-of-range values. */
const char *printer_state_name(printer_state state);

/* An English sentence a trainee can act on, e.g. "Printer: out of labels. Load labels and
 * press FEED." Never NULL. */
const char *printer_state_message(printer_state state);

/* Short English name of one condition bit ("paper jam"); "unknown" for other values. */
const char *printer_condition_name(uint32_t bit);

/* Writes the names of the set bits, comma-separated ("paper out, paused"), or "none";
 * NUL-terminated and truncated to cap (cap 0: nothing written). Returns the length it would
 * need, like snprintf. */
size_t printer_conditions_describe(uint32_t conditions, char *out, size_t cap);

#endif
