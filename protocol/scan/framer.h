/* Scanner framing: turns a serial byte stream, in any chunking, into complete reads. A read ends
 * at CR, LF, CRLF, a configured suffix, or an idle gap; a configured prefix is stripped. Pure:
 * the caller passes the time with every call, there is no clock inside. */
#ifndef STIEL_PROTOCOL_SCAN_FRAMER_H
#define STIEL_PROTOCOL_SCAN_FRAMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

enum {
    SCAN_FRAMER_AFFIX_MAX = 8,       /* longest prefix or suffix, in bytes */
    SCAN_FRAMER_MAX_DEFAULT = 4096,  /* default longest read (config.max_len == 0) */
    SCAN_FRAMER_MAX_LIMIT = 8192     /* the largest max_len accepted */
};

/* Zero-initialised, a config means: CR/LF/CRLF end a read, no suffix, no prefix, reads of up to
 * 4096 bytes, no idle gap. */
typedef struct scan_framer_config {
    uint8_t prefix[SCAN_FRAMER_AFFIX_MAX];  /* stripped from the start of a read when present */
    size_t prefix_len;
    uint8_t suffix[SCAN_FRAMER_AFFIX_MAX];  /* ends a read (e.g. "\x03", "\x1d\x04") */
    size_t suffix_len;
    size_t max_len;        /* longest read on the wire, prefix included; 0 = 4096 */
    uint32_t idle_ms;      /* a gap this long after the last byte ends a read; 0 = never */
    bool no_line_ends;     /* true: CR and LF are data, only the suffix / idle gap end a read.
                            * When the suffix itself contains CR or LF, CR and LF end a read
                            * only as part of the suffix, whatever this says. */
} scan_framer_config;

/* What the framer has seen since init (or the last reset of the counters). */
typedef struct scan_framer_stats {
    uint64_t reads;           /* complete reads delivered (STIEL_OK) */
    uint64_t overlong;        /* reads longer than max_len, reported as STIEL_ERR_OVERLONG */
    uint64_t garbled;         /* delivered reads that look like line noise (scan_read_looks_garbled):
                               * many of them in a row suggests a wrong baud rate or parity */
    uint64_t idle_flushes;    /* reads ended by the idle gap rather than a terminator */
    uint64_t prefix_missing;  /* reads delivered without the configured prefix */
    uint64_t bytes;           /* bytes fed */
} scan_framer_stats;

/* The framer: a fixed buffer, never grows. Treat the fields as private. */
typedef struct scan_framer {
    scan_framer_config cfg;
    bool suffix_has_line_end;
    bool discarding;          /* after an overlong report, dropping bytes until a terminator */
    bool have_time;
    uint64_t last_byte_ms;
    size_t len;
    scan_framer_stats stats;
    uint8_t buf[SCAN_FRAMER_MAX_LIMIT + SCAN_FRAMER_AFFIX_MAX];
} scan_framer;

/* Called once per event. For a complete read: status STIEL_OK, data/len the read (prefix and
 * terminator removed, never empty), diag NULL. For an overlong read: status STIEL_ERR_OVERLONG,
 * data/len the first bytes that were buffered (max_len of them), diag says what to check. The
 * data is only valid during the call. */
typedef void (*scan_framer_cb)(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                               const stiel_diag *diag);

/* Initialises f from config (NULL: the defaults). STIEL_ERR_ARG (with diag) when prefix_len or
 * suffix_len exceed SCAN_FRAMER_AFFIX_MAX or max_len exceeds SCAN_FRAMER_MAX_LIMIT. */
stiel_status scan_framer_init(scan_framer *f, const scan_framer_config *config, stiel_diag *diag);

/* Feeds n bytes that arrived at now_ms (a monotonic clock in ms, any origin). If the idle gap
 * elapsed before these bytes, the pending read is flushed first. Calls cb for every read or error
 * completed by these bytes, in order. The same stream gives the same events whatever its
 * chunking. A CRLF gives one read even when CR and LF arrive in different calls; bare
 * terminators give no read. After an overlong report the bytes up to the next terminator (or
 * idle gap) are dropped: the report is made once per read. STIEL_ERR_ARG if f or cb is NULL or
 * bytes is NULL with n > 0; otherwise STIEL_OK. */
stiel_status scan_framer_feed(scan_framer *f, const uint8_t *bytes, size_t n, uint64_t now_ms,
                              scan_framer_cb cb, void *ctx);

/* Tells the framer the time is now_ms: flushes the pending read through cb if the idle gap has
 * elapsed since its last byte. Does nothing when idle_ms is 0 or nothing is pending. */
void scan_framer_tick(scan_framer *f, uint64_t now_ms, scan_framer_cb cb, void *ctx);

/* Ends the pending read now, as a terminator would (end of a capture, port closed): delivers it
 * through cb, or reports it as overlong, or ends the discarding after an overlong report. */
void scan_framer_flush(scan_framer *f, scan_framer_cb cb, void *ctx);

/* True when bytes are pending and an idle gap is configured; *deadline_ms is then the time at
 * which scan_framer_tick will flush them (for a poll() timeout). */
bool scan_framer_deadline(const scan_framer *f, uint64_t *deadline_ms);

/* Drops any pending bytes (e.g. after the port was reopened); keeps config and counters. */
void scan_framer_reset(scan_framer *f);

/* The counters so far. */
const scan_framer_stats *scan_framer_stats_get(const scan_framer *f);

/* True when a read looks like line noise rather than barcode data: at least a quarter of its
 * bytes are control characters other than HT/GS/RS/EOT, DEL, or bytes that are not valid UTF-8.
 * (A wrong baud rate turns text into exactly that.) */
bool scan_read_looks_garbled(const uint8_t *data, size_t len);

#endif
