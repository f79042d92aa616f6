/* Private to drivers/scanner*.c: the driver data every scanner kind shares (framer, SSI reader
 * and command queue, Honeywell reply buffer, fault rate limiters, timers) and the shared
 * std_* helpers, after libsigrok's std.c. */
#ifndef STIEL_DRIVERS_SCANNER_IMPL_H
#define STIEL_DRIVERS_SCANNER_IMPL_H

#include "drivers/scanner.h"
#include "protocol/ssi/ssi.h"

enum { SCANNER_BAD_BYTES = 64, SCANNER_SSI_QUEUE = 8, SCANNER_REPLY_MAX = HONEYWELL_REPLY_MAX };

/* Allows one report per quiet period once count hits threshold within window. */
typedef struct scanner_limiter {
    uint64_t window_start;
    unsigned count;
    uint64_t quiet_until;
    uint64_t reports;
} scanner_limiter;

/* An SSI host command waiting for (or not yet sent for) the decoder's ACK. */
typedef struct scanner_ssi_cmd {
    uint8_t opcode;
    uint8_t data[2];
    size_t n;
} scanner_ssi_cmd;

typedef struct scanner {
    stiel_scanner_config cfg;
    stiel_device *dev;            /* the device of the callback running now */
    stiel_buf record;             /* scratch for scan records */
    scan_framer framer;
    scanner_limiter garbage;      /* unreadable reads / corrupt packets → baud-rate FAULT */
    scanner_limiter overlong;     /* reads without an end → suffix FAULT */
    scanner_limiter protocol;     /* unknown opcodes, malformed packets, unanswered commands */
    scanner_limiter naks;         /* SSI: NAKs from the decoder → NAK storm FAULT */
    unsigned utf8_need;           /* continuation bytes still expected in the byte stream */
    unsigned bad_bytes;           /* bytes that fit no text since bad_since (a wrong baud rate) */
    uint64_t bad_since;
    uint64_t idle_at;             /* framer idle flush / SSI reader reset; 0 none */
    uint64_t cmd_at;              /* SSI: ACK timeout or wakeup delay; Honeywell: reply timeout */
    uint64_t led_off_at;          /* SSI: LED_OFF after GOOD */
    /* SSI */
    ssi_reader reader;
    scanner_ssi_cmd queue[SCANNER_SSI_QUEUE];
    unsigned queue_len;
    bool outstanding;             /* queue[0] was sent and waits for ACK */
    unsigned tries;               /* sends of queue[0] so far */
    bool waking;                  /* WAKEUP sent, commands wait until cmd_at */
    bool nak_sent;                /* a NAK RESEND went out since the last good frame */
    /* Honeywell */
    unsigned replies_due;         /* menu commands sent whose echo has not come back */
    uint8_t reply[SCANNER_REPLY_MAX];
    size_t reply_len;
} scanner;

/* ---- scanner_common.c: shared defaults ---- */

/* Counts one hit at now; true when a report is due (then quiet for fault_quiet_ms). */
bool scanner_limiter_hit(scanner_limiter *l, uint64_t now, unsigned threshold, uint32_t window_ms,
                         uint32_t quiet_ms);

/* "9600 8N1" (flow control added when not none) for the device's line settings. */
void scanner_line_text(const stiel_device *dev, char *out, size_t cap);

/* Builds the record for a complete read and emits it as DATA (dropped unless ENABLED). With
 * check_garbled, a read that looks like line noise counts toward the baud-rate FAULT instead; a
 * good read clears the garbage count. */
void std_scanner_deliver(scanner *s, const uint8_t *read, size_t len, bool check_garbled, uint64_t now);

/* Counts a bad read or packet toward the baud-rate FAULT ("scanner on X sends unreadable data:
 * check baud rate (expected 9600 8N1)"). what: "unreadable data", "corrupt SSI packets". */
void std_scanner_garbage(scanner *s, const char *what, uint64_t now);

/* The framer callback for generic and Honeywell: delivers reads, reports overlong ones. */
void std_scanner_on_read(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                         const stiel_diag *diag);

/* Feeds bytes to the framer and re-arms the deadline. Also watches the raw stream: every
 * SCANNER_BAD_BYTES bytes that are neither UTF-8 nor the usual control characters count as one
 * unreadable read, so a steady stream of garbage without any terminator is still reported. */
void std_scanner_feed(scanner *s, const uint8_t *bytes, size_t n, uint64_t now);

/* Sets the device deadline to the earliest of the scanner's timers. */
void std_scanner_rearm(scanner *s);

/* Common callbacks: reset framing on open, flush the idle gap on tick, drop partial reads on
 * hang-up, free the data. */
stiel_status std_scanner_open(stiel_device *dev, uint64_t now);
void std_scanner_tick(stiel_device *dev, uint64_t now);
void std_scanner_hangup(stiel_device *dev, uint64_t now);
void std_scanner_destroy(void *driver_data);

/* The scanner behind dev, with s->dev set for this callback. */
scanner *std_scanner_get(stiel_device *dev);

#endif
