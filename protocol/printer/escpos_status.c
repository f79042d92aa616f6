/* ESC/POS DLE EOT n: the query bytes and the one-byte replies → printer conditions. Pure. */
#include "protocol/printer/escpos_status.h"

#include <string.h>

enum { DLE = 0x10, EOT = 0x04 };

static bool kind_valid(escpos_status_kind n)
{
    return n >= ESCPOS_STATUS_PRINTER && n <= ESCPOS_STATUS_PAPER;
}

stiel_status escpos_status_query_encode(escpos_status_kind n, uint8_t out[ESCPOS_QUERY_LEN],
                                        stiel_diag *diag)
{
    if (!kind_valid(n))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "ESC/POS DLE EOT n: n is %d, expected 1..4",
                              (int)n);
    out[0] = DLE;
    out[1] = EOT;
    out[2] = (uint8_t)n;
    return STIEL_OK;
}

void escpos_status_init(escpos_status *s)
{
    memset(s, 0, sizeof *s);
    s->state = PRINTER_STATE_READY;
}

static uint32_t conditions_of(escpos_status_kind n, uint8_t b)
{
    uint32_t c = 0;
    switch (n) {
    case ESCPOS_STATUS_PRINTER:
        if (b & 0x08) c |= PRINTER_COND_OFFLINE;
        break;
    case ESCPOS_STATUS_OFFLINE_CAUSE:
        if (b & 0x04) c |= PRINTER_COND_COVER_OPEN;
        if (b & 0x20) c |= PRINTER_COND_PAPER_OUT;
        if (b & 0x40) c |= PRINTER_COND_ERROR;
        break;
    case ESCPOS_STATUS_ERROR_CAUSE:
        if (b & 0x04) c |= PRINTER_COND_MECHANICAL_ERROR;
        if (b & 0x08) c |= PRINTER_COND_CUTTER_ERROR;
        if (b & 0x20) c |= PRINTER_COND_UNRECOVERABLE;
        if (b & 0x40) c |= PRINTER_COND_AUTO_RECOVERABLE;
        break;
    case ESCPOS_STATUS_PAPER:
        if (b & 0x0C) c |= PRINTER_COND_PAPER_NEAR_END;
        if (b & 0x60) c |= PRINTER_COND_PAPER_OUT;
        break;
    }
    return c;
}

stiel_status escpos_status_decode(escpos_status_kind n, uint8_t byte, escpos_status *s,
                                  stiel_diag *diag)
{
    if (!kind_valid(n))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "ESC/POS status: n is %d, expected 1..4",
                              (int)n);
    if ((byte & ESCPOS_STATUS_FIXED_BITS) != ESCPOS_STATUS_FIXED_BITS)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "ESC/POS status reply 0x%02X to DLE EOT %d is not a status byte "
                              "(bits 1 and 4 must be 1): stale data or wrong printer language?",
                              byte, (int)n);
    s->have[n] = true;
    s->raw[n] = byte;
    s->conditions = 0;
    for (int k = ESCPOS_STATUS_PRINTER; k <= ESCPOS_STATUS_PAPER; k++)
        if (s->have[k])
            s->conditions |= conditions_of((escpos_status_kind)k, s->raw[k]);
    s->state = printer_state_from_conditions(s->conditions);
    stiel_diag_clear(diag);
    return STIEL_OK;
}

stiel_status escpos_status_parse(escpos_status_kind n, const uint8_t *bytes, size_t n_bytes,
                                 escpos_status *s, size_t *used, stiel_diag *diag)
{
    if (bytes == NULL || n_bytes == 0)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "ESC/POS status: no reply byte received yet");
    stiel_status st = escpos_status_decode(n, bytes[n_bytes - 1], s, diag);
    if (st != STIEL_OK)
        return st;
    s->skipped = n_bytes - 1;
    *used = n_bytes;
    return STIEL_OK;
}
