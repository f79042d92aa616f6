/* Serial line settings (baud, data bits, parity, stop bits, flow control) and their text form
 * "9600 8N1 none" / "115200 8E1 rtscts", as a technician writes them in the config. Pure. */
#ifndef STIEL_DRIVERS_LINE_SETTINGS_H
#define STIEL_DRIVERS_LINE_SETTINGS_H

#include "common/status.h"

typedef enum stiel_parity {
    STIEL_PARITY_NONE = 0,
    STIEL_PARITY_ODD,
    STIEL_PARITY_EVEN,
    STIEL_PARITY_MARK,
    STIEL_PARITY_SPACE
} stiel_parity;

typedef enum stiel_flow {
    STIEL_FLOW_NONE = 0,
    STIEL_FLOW_XONXOFF,
    STIEL_FLOW_RTSCTS,
    STIEL_FLOW_DTRDSR
} stiel_flow;

typedef struct stiel_line_settings {
    int baud;           /* one of the standard rates, 300 .. 921600 */
    int data_bits;      /* 5 .. 8 */
    stiel_parity parity;
    int stop_bits;      /* 1 or 2 */
    stiel_flow flow;
} stiel_line_settings;

/* The factory default of nearly every scanner and printer: 9600 8N1, no flow control. */
#define STIEL_LINE_SETTINGS_DEFAULT ((stiel_line_settings){9600, 8, STIEL_PARITY_NONE, 1, STIEL_FLOW_NONE})

/* Longest text stiel_line_settings_format() writes, NUL included. */
enum { STIEL_LINE_SETTINGS_TEXT_MAX = 32 };

/* Parses "BAUD [FRAME [FLOW]]" separated by blanks, e.g. "9600 8N1 none" or "115200 8E1 rtscts".
 * FRAME is data bits (5-8), parity letter (N, O, E, M, S; either case) and stop bits (1 or 2);
 * it defaults to 8N1. FLOW is none, xonxoff, rtscts or dtrdsr (either case; "xon/xoff",
 * "rts/cts", "dtr/dsr" also accepted); it defaults to none. On success fills *out and returns
 * STIEL_OK. Errors (out unchanged, diag says what is wrong and what is allowed):
 * STIEL_ERR_ARG (NULL text or out), STIEL_ERR_MISSING (blank text), STIEL_ERR_SYNTAX (baud not a
 * number, malformed frame, bad parity letter, stop bits not 1/2, extra words),
 * STIEL_ERR_UNSUPPORTED (a baud rate that is not a standard one, data bits outside 5-8, unknown
 * flow control word). */
stiel_status stiel_line_settings_parse(const char *text, stiel_line_settings *out, stiel_diag *diag);

/* Writes the canonical text ("9600 8N1 none") into out (at least STIEL_LINE_SETTINGS_TEXT_MAX
 * bytes recommended; always NUL-terminated when n > 0). Returns out. */
char *stiel_line_settings_format(const stiel_line_settings *ls, char *out, size_t n);

/* Checks that every field holds an allowed value (what parse would accept). STIEL_OK or
 * STIEL_ERR_UNSUPPORTED / STIEL_ERR_ARG with a diag. */
stiel_status stiel_line_settings_check(const stiel_line_settings *ls, stiel_diag *diag);

/* Short names used in the text form: "none", "xonxoff", "rtscts", "dtrdsr"; "?" if unknown. */
const char *stiel_flow_name(stiel_flow flow);

#endif
