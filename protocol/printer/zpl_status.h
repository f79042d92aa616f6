/* Zebra ZPL status replies: the ~HS host status (three <STX>...<ETX><CR><LF> lines, every field
 * decoded, incl. the serial settings) and the ~HI host identification, plus the query bytes.
 * Truncated or garbled replies are errors, never guesses. Pure. */
#ifndef STIEL_PROTOCOL_PRINTER_ZPL_STATUS_H
#define STIEL_PROTOCOL_PRINTER_ZPL_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "protocol/printer/printer_state.h"

enum {
    ZPL_HS_LINE_MAX = 96,   /* characters between STX and ETX; longer is garbage */
    ZPL_HI_FIELD_MAX = 32,
    ZPL_HI_REPLY_MAX = 160
};

/* Query commands (ASCII, no terminator needed): "~HS" and "~HI". */
#define ZPL_QUERY_HOST_STATUS "~HS"
#define ZPL_QUERY_HOST_IDENTIFICATION "~HI"

typedef enum zpl_parity { ZPL_PARITY_NONE, ZPL_PARITY_ODD, ZPL_PARITY_EVEN } zpl_parity;
typedef enum zpl_handshake { ZPL_HANDSHAKE_XON_XOFF, ZPL_HANDSHAKE_DTR } zpl_handshake;

/* ~HS field aaa: bits a8..a0 of the serial settings, sent as a decimal number. */
typedef struct zpl_comm_settings {
    unsigned raw;           /* 0..511 */
    unsigned baud;          /* from a8 a2 a1 a0; 0 when the code is not in the ZPL table */
    unsigned data_bits;     /* a3: 1 = 8, 0 = 7 */
    zpl_parity parity;      /* a5 parity on, a6 even */
    unsigned stop_bits;     /* a4: 1 = one stop bit, 0 = two */
    zpl_handshake handshake;/* a7: 0 = XON/XOFF, 1 = DTR */
} zpl_comm_settings;

typedef struct zpl_host_status {
    /* String 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l */
    zpl_comm_settings comm;     /* aaa */
    bool paper_out;             /* b */
    bool paused;                /* c */
    unsigned label_length_dots; /* dddd */
    unsigned formats_in_buffer; /* eee */
    bool buffer_full;           /* f */
    bool comm_diag_mode;        /* g */
    bool partial_format;        /* h */
    unsigned unused_1;          /* iii (always 000) */
    bool ram_corrupt;           /* j */
    bool under_temp;            /* k */
    bool over_temp;             /* l */
    /* String 2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www */
    unsigned function_settings; /* mmm: m7 continuous media, m0 thermal transfer */
    unsigned unused_2;          /* n */
    bool head_up;               /* o */
    bool ribbon_out;            /* p */
    bool thermal_transfer;      /* q */
    char print_mode;            /* r: '0' rewind, '1' peel-off, '2' tear-off, '3' cutter,
                                   '4' applicator, ... (see zpl_print_mode_name) */
    char print_width_mode;      /* s */
    bool label_waiting;         /* t */
    unsigned long labels_remaining; /* uuuuuuuu */
    bool format_while_printing; /* v */
    unsigned graphics_stored;   /* www */
    /* String 3: xxxx,y */
    unsigned password;          /* xxxx */
    bool static_ram_installed;  /* y */
    /* Summary */
    uint32_t conditions;        /* PRINTER_COND_* */
    printer_state state;
} zpl_host_status;

/* Parses a ~HS reply. Bytes before the first STX are skipped (stale bytes); each line must be
 * STX, comma-separated fields, ETX, CR, LF, the next line starting right after. Numeric fields
 * are digits only; flag fields are exactly "0" or "1". On success *used counts the bytes up to
 * and including the last LF (skipped bytes included). Errors (diag names line and field):
 *  STIEL_ERR_TRUNCATED  the reply is not complete yet (fewer than 3 lines, or a line without
 *                       its ETX / CR LF so far): wait for more bytes; after a timeout this is
 *                       the error to report. No STX at all is TRUNCATED too.
 *  STIEL_ERR_SYNTAX     wrong field count, empty field, STX inside a line, ETX not followed by
 *                       CR LF, a line longer than ZPL_HS_LINE_MAX, a flag that is not 0/1.
 *  STIEL_ERR_CHARSET    a non-digit in a numeric field.
 * *used is set only on success; on any other error drop the buffered reply. */
stiel_status zpl_hs_parse(const uint8_t *bytes, size_t n, zpl_host_status *out, size_t *used,
                          stiel_diag *diag);

/* Decodes the aaa value (0..511). STIEL_ERR_SYNTAX above 511. */
stiel_status zpl_comm_settings_decode(unsigned raw, zpl_comm_settings *out, stiel_diag *diag);

/* "rewind", "peel-off", "tear-off", "cutter", "applicator", "delayed cut", "linerless peel",
 * "linerless rewind", "partial cutter", "RFID", "kiosk", "stream"; "unknown" otherwise. */
const char *zpl_print_mode_name(char mode);

/* ~HI: XXXXXX,V1.0.0,dpm,000KB,X */
typedef struct zpl_host_identification {
    char model[ZPL_HI_FIELD_MAX + 1];     /* "ZD420-203dpi" */
    char firmware[ZPL_HI_FIELD_MAX + 1];  /* "V84.20.18Z" */
    unsigned dots_per_mm;                 /* 6, 8, 12, 24 */
    unsigned dpi;                         /* 152, 203, 300, 600; 0 for other dots/mm */
    unsigned memory_kb;                   /* "8176KB" → 8176 */
    char options[ZPL_HI_FIELD_MAX + 1];   /* "" when the printer sends no fifth field */
} zpl_host_identification;

/* Parses a ~HI reply, with or without the STX...ETX wrapping (bytes before an STX are skipped;
 * CR LF after ETX is consumed when present). Without STX the reply ends at LF. Fields: model,
 * firmware, dots/mm (digits), memory (digits + "KB"), and an optional options field (some
 * firmware sends only four). Errors: TRUNCATED (no end yet), SYNTAX (field count, empty model
 * or firmware, memory without "KB", field too long, control bytes), CHARSET (non-digit in
 * dots/mm or memory). *used only on success. */
stiel_status zpl_hi_parse(const uint8_t *bytes, size_t n, zpl_host_identification *out,
                          size_t *used, stiel_diag *diag);

#endif
