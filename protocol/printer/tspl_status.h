/* TSC TSPL status replies: the one-byte <ESC>!? status (bit per condition) and the <ESC>!S
 * extended status (<STX> + 4 bytes + <ETX><CR><LF>), plus the query bytes. Pure. */
#ifndef STIEL_PROTOCOL_PRINTER_TSPL_STATUS_H
#define STIEL_PROTOCOL_PRINTER_TSPL_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "protocol/printer/printer_state.h"

/* <ESC>!? = 1B 21 3F and <ESC>!S = 1B 21 53 (no terminator). */
#define TSPL_QUERY_STATUS "\x1b!?"
#define TSPL_QUERY_STATUS_EXTENDED "\x1b!S"
enum { TSPL_QUERY_LEN = 3, TSPL_EXT_REPLY_LEN = 8 };

/* <ESC>!? status bits (Gprinter GP-2120T manual p.30, reference 3.3). 0x00 = ready. */
enum {
    TSPL_ST_HEAD_OPEN = 0x01,
    TSPL_ST_PAPER_JAM = 0x02,
    TSPL_ST_PAPER_OUT = 0x04,
    TSPL_ST_RIBBON_OUT = 0x08,
    TSPL_ST_PAUSE = 0x10,
    TSPL_ST_PRINTING = 0x20,
    TSPL_ST_COVER_OPEN = 0x40,
    TSPL_ST_TEMPERATURE = 0x80 /* "temperature": read as head over-temperature */
};

typedef struct tspl_status {
    uint8_t raw;
    uint32_t conditions;    /* PRINTER_COND_* */
    printer_state state;
    size_t skipped;         /* bytes before the status byte that were ignored */
} tspl_status;

/* Decodes one <ESC>!? status byte. Every value is meaningful, so nothing can be rejected:
 * bit 0 → HEAD_OPEN, 1 → PAPER_JAM, 2 → PAPER_OUT, 3 → RIBBON_OUT, 4 → PAUSED, 5 → PRINTING,
 * 6 → COVER_OPEN, 7 → OVER_TEMP. skipped is set to 0. */
void tspl_status_decode(uint8_t byte, tspl_status *out);

/* The reply is exactly one byte. Flush the input before sending the query: since any byte
 * value is a valid status, leading garbage cannot be told from the reply, so the LAST byte is
 * taken (a stale byte arrives before the answer) and out->skipped counts the others.
 * STIEL_ERR_TRUNCATED when n == 0. *used = n on success. */
stiel_status tspl_status_parse(const uint8_t *bytes, size_t n, tspl_status *out, size_t *used,
                               stiel_diag *diag);

/* <ESC>!S reply. The reference (TSC TTP-244 Plus p.85) only says '@' (0x40) means normal; the
 * meaning of each of the 4 bytes when not '@' is not in our sources, so it is not decoded:
 * all four '@' → READY; any other → PRINTER_COND_NOT_NORMAL (state ERROR) with the raw bytes
 * kept for the log. (TSC manuals describe the bytes as printer status, warning, error and
 * media error, each '@' plus flag bits; not verified here, so not used.) */
typedef struct tspl_status_ext {
    uint8_t raw[4];
    bool normal;            /* all four bytes are '@' */
    uint32_t conditions;
    printer_state state;
} tspl_status_ext;

/* Parses <STX> b1 b2 b3 b4 <ETX> <CR> <LF>. Bytes before the STX are skipped. Errors:
 * STIEL_ERR_TRUNCATED (no STX yet, or fewer than 8 bytes from it), STIEL_ERR_SYNTAX (no ETX CR
 * LF at offsets 5..7, or a status byte below 0x20 — a control byte is framing, not status).
 * *used (on success) counts up to and including the LF. */
stiel_status tspl_status_ext_parse(const uint8_t *bytes, size_t n, tspl_status_ext *out,
                                   size_t *used, stiel_diag *diag);

#endif
