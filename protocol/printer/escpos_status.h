/* ESC/POS real-time status: the DLE EOT n query (10 04 n, n = 1..4) and the one-byte replies,
 * checked (bits 1 and 4 are always 1) and decoded into printer conditions. Pure. */
#ifndef STIEL_PROTOCOL_PRINTER_ESCPOS_STATUS_H
#define STIEL_PROTOCOL_PRINTER_ESCPOS_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "protocol/printer/printer_state.h"

typedef enum escpos_status_kind {
    ESCPOS_STATUS_PRINTER = 1, /* bit 3 offline */
    ESCPOS_STATUS_OFFLINE_CAUSE = 2, /* bit 2 cover open, 5 paper-end stop, 6 error */
    ESCPOS_STATUS_ERROR_CAUSE = 3, /* bit 2 mechanical, 3 autocutter, 5 unrecoverable,
                                      6 auto-recoverable (Epson ESC/POS; reference: "errors") */
    ESCPOS_STATUS_PAPER = 4    /* bits 2-3 near end, bits 5-6 paper out */
} escpos_status_kind;

enum { ESCPOS_QUERY_LEN = 3, ESCPOS_STATUS_FIXED_BITS = 0x12 };

/* Writes DLE EOT n = 10 04 n. STIEL_ERR_ARG for n outside 1..4. */
stiel_status escpos_status_query_encode(escpos_status_kind n, uint8_t out[ESCPOS_QUERY_LEN],
                                        stiel_diag *diag);

/* Accumulates the replies of one or more queries. */
typedef struct escpos_status {
    bool have[5];            /* have[n]: a reply to DLE EOT n was decoded */
    uint8_t raw[5];          /* raw[n]: that reply */
    uint32_t conditions;     /* PRINTER_COND_*, union over the replies taken */
    printer_state state;
    size_t skipped;          /* bytes ignored before the last reply byte */
} escpos_status;

void escpos_status_init(escpos_status *s);

/* Decodes the reply byte to DLE EOT n into s (replacing an earlier reply to the same n, and
 * recomputing conditions and state). STIEL_ERR_SYNTAX when bit 1 or bit 4 is 0 (not a status
 * byte: e.g. stale data), STIEL_ERR_ARG for n outside 1..4; s is unchanged on error. Offline
 * alone (n = 1 bit 3, no cause known) gives PRINTER_STATE_OFFLINE; ask n = 2 for the cause.
 * Paper near end (n = 4) is a warning: the state stays READY. */
stiel_status escpos_status_decode(escpos_status_kind n, uint8_t byte, escpos_status *s,
                                  stiel_diag *diag);

/* The reply is one byte; like tspl_status_parse the LAST byte is taken (flush the input before
 * querying) and s->skipped counts the others. STIEL_ERR_TRUNCATED when n_bytes == 0; otherwise
 * as escpos_status_decode. *used = n_bytes on success. */
stiel_status escpos_status_parse(escpos_status_kind n, const uint8_t *bytes, size_t n_bytes,
                                 escpos_status *s, size_t *used, stiel_diag *diag);

#endif
