/* stiel decode: raw scanner bytes on stdin (a capture, any chunking) -> one JSON line per read on
 * stdout, framed by protocol/scan/framer and decoded by protocol/scan/decode; a one-line summary
 * on stderr. The idle gap is timed here with a monotonic clock; protocol/ reads no clock. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "kiosk/app/cli.h"
#include "kiosk/app/cli_json.h"
#include "protocol/scan/decode.h"
#include "protocol/scan/framer.h"
#include "protocol/ssi/ssi.h"

enum { DECODE_READ_CHUNK = 64, DECODE_IDLE_MAX_MS = 600000 };

typedef struct decode_run {
    stiel_buf line;
    unsigned long reads;
    unsigned long valid;
    unsigned long invalid;
    unsigned long overlong;
    bool write_failed;
} decode_run;

static void decode_usage(void)
{
    fputs("usage: stiel decode [--suffix STR] [--prefix STR] [--max N] [--idle-ms N] [--ssi]"
          " < capture\n"
          "  Reads raw scanner bytes on stdin and writes one JSON line per read.\n"
          "  A read ends at CR, LF, CRLF, the --suffix (up to 8 bytes) or an idle gap of\n"
          "  --idle-ms; --prefix is stripped; --max is the longest read (default 4096).\n"
          "  STR takes C escapes: \\r \\n \\t \\\\ \\xHH (e.g. --suffix '\\x1d\\x04').\n"
          "  --ssi reads a Zebra SSI packet stream instead: one line per DECODE_DATA, other\n"
          "  packets as {\"ssi\":OPCODE}, corrupt packets as {\"error\":...}.\n",
          stderr);
}

static uint64_t decode_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Parses a decimal number in [lo, hi]. */
static bool decode_number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    if (s == NULL || *s < '0' || *s > '9')
        return false;
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static void decode_emit(decode_run *run)
{
    stiel_buf *b = &run->line;
    if (stiel_buf_puts(b, "\n") != STIEL_OK) {
        run->write_failed = true;
        return;
    }
    if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0)
        run->write_failed = true;
}

static void decode_on_read(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                           const stiel_diag *diag)
{
    decode_run *run = ctx;
    stiel_buf *b = &run->line;
    stiel_buf_reset(b);
    run->reads++;
    if (status != STIEL_OK) {
        run->overlong++;
        run->invalid++;
        stiel_status st = stiel_buf_puts(b, "{\"symbology\":\"unknown\",\"aim\":\"\"");
        st = st == STIEL_OK ? cli_json_field(b, "data", data, len) : st;
        st = st == STIEL_OK ? cli_json_field(b, "error", diag->text, strlen(diag->text)) : st;
        st = st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
        if (st != STIEL_OK)
            run->write_failed = true;
        else
            decode_emit(run);
        return;
    }
    stiel_status st = cli_json_scan_line(b, data, len);
    if (st == STIEL_ERR_NOMEM || st == STIEL_ERR_OVERLONG) {
        run->write_failed = true;
        return;
    }
    if (st == STIEL_OK)
        run->valid++;
    else
        run->invalid++;
    decode_emit(run);
}

/* Parses the options into cfg. Returns 0 to go on, or the exit status (usage printed). */
static int decode_options(int argc, char **argv, scan_framer_config *cfg, bool *ssi)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            decode_usage();
            return -1;
        }
        /* --ssi: framing by Zebra SSI packets (protocol/ssi/) instead of raw reads. */
        if (strcmp(opt, "--ssi") == 0) {
            *ssi = true;
            continue;
        }
        bool known = strcmp(opt, "--suffix") == 0 || strcmp(opt, "--prefix") == 0 ||
                     strcmp(opt, "--max") == 0 || strcmp(opt, "--idle-ms") == 0;
        if (!known) {
            fprintf(stderr, "stiel decode: unknown option '%s'\n", opt);
            decode_usage();
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "stiel decode: %s needs a value\n", opt);
            decode_usage();
            return 2;
        }
        const char *val = argv[++i];
        const char *why = "";
        unsigned long num = 0;
        if (strcmp(opt, "--suffix") == 0 || strcmp(opt, "--prefix") == 0) {
            bool suffix = opt[2] == 's';
            long n = cli_unescape(val, suffix ? cfg->suffix : cfg->prefix,
                                  SCAN_FRAMER_AFFIX_MAX, &why);
            if (n < 0) {
                fprintf(stderr, "stiel decode: %s '%s': %s\n", opt, val, why);
                return 2;
            }
            if (suffix)
                cfg->suffix_len = (size_t)n;
            else
                cfg->prefix_len = (size_t)n;
        } else if (strcmp(opt, "--max") == 0) {
            if (!decode_number(val, 1, SCAN_FRAMER_MAX_LIMIT, &num)) {
                fprintf(stderr, "stiel decode: --max '%s': expected 1 to %d\n", val,
                        SCAN_FRAMER_MAX_LIMIT);
                return 2;
            }
            cfg->max_len = num;
        } else {
            if (!decode_number(val, 1, DECODE_IDLE_MAX_MS, &num)) {
                fprintf(stderr, "stiel decode: --idle-ms '%s': expected 1 to %d\n", val,
                        DECODE_IDLE_MAX_MS);
                return 2;
            }
            cfg->idle_ms = (uint32_t)num;
        }
    }
    return 0;
}

/* While a read is pending and an idle gap is set, waits for stdin until the deadline and flushes
 * the read when it passes; returns as soon as stdin has something to say. */
static void decode_wait_idle(scan_framer *f, decode_run *run)
{
    uint64_t deadline = 0;
    while (scan_framer_deadline(f, &deadline)) {
        uint64_t now = decode_now_ms();
        if (now >= deadline) {
            scan_framer_tick(f, now, decode_on_read, run);
            continue;
        }
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int r = poll(&p, 1, (int)(deadline - now));
        if (r != 0)
            return;  /* readable, hung up, or an error: let read() say which */
    }
}

/* One SSI message as a JSON line: a decode goes through decode_line with the AIM id of its
 * barcode type (unless the scanner already sent one); other packets name their opcode. */
static void decode_on_ssi(decode_run *run, const ssi_message *m)
{
    stiel_buf *b = &run->line;
    stiel_buf_reset(b);
    if (m->kind == SSI_MSG_DECODE) {
        run->reads++;
        const char *aim = ssi_barcode_type_aim(m->barcode_type);
        uint8_t read[SSI_DECODE_MAX + 4];
        size_t n = 0;
        if (aim && !(m->len > 0 && m->data[0] == ']')) {
            n = strlen(aim);
            memcpy(read, aim, n);
        }
        memcpy(read + n, m->data, m->len);
        stiel_status st = cli_json_scan_line(b, read, n + m->len);
        if (st == STIEL_ERR_NOMEM || st == STIEL_ERR_OVERLONG) {
            run->write_failed = true;
            return;
        }
        if (st == STIEL_OK)
            run->valid++;
        else
            run->invalid++;
        decode_emit(run);
        return;
    }
    if (m->kind == SSI_MSG_DECODE_PART || m->kind == SSI_MSG_DUPLICATE)
        return;  /* a piece of a longer decode, or a resent copy: nothing new to report */
    const char *op = ssi_opcode_name(m->opcode);
    char unknown[8];
    if (!op) {
        snprintf(unknown, sizeof unknown, "0x%02X", m->opcode);
        op = unknown;
    }
    stiel_status st = stiel_buf_puts(b, "{\"ssi\":");
    st = st == STIEL_OK ? cli_json_string(b, op, strlen(op)) : st;
    if (st == STIEL_OK && m->kind == SSI_MSG_NAK)
        st = stiel_buf_printf(b, ",\"cause\":%u", (unsigned)m->nak_cause);
    st = st == STIEL_OK ? cli_json_field(b, "data", m->data, m->len) : st;
    st = st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
    if (st != STIEL_OK)
        run->write_failed = true;
    else
        decode_emit(run);
}

/* Feeds n bytes through the SSI reader, writing a line per message or corrupt packet. */
static void decode_ssi_feed(ssi_reader *reader, const uint8_t *bytes, size_t n, decode_run *run,
                            unsigned long *corrupt)
{
    size_t off = 0;
    do {
        size_t used = 0;
        ssi_message m;
        stiel_diag d;
        stiel_status st = ssi_reader_feed(reader, bytes + off, n - off, &used, &m, &d);
        off += used;
        if (st != STIEL_OK) {
            (*corrupt)++;
            stiel_buf_reset(&run->line);
            if (stiel_buf_puts(&run->line, "{\"error\":") != STIEL_OK ||
                cli_json_string(&run->line, d.text, strlen(d.text)) != STIEL_OK ||
                stiel_buf_puts(&run->line, "}") != STIEL_OK)
                run->write_failed = true;
            else
                decode_emit(run);
        } else if (m.kind != SSI_MSG_NONE) {
            decode_on_ssi(run, &m);
        } else if (used == 0) {
            return;
        }
    } while (!run->write_failed && off < n);
}

/* stiel decode --ssi: the whole of stdin through the SSI stream reader. At the end of the
 * capture a partial frame is what a driver sees before an idle gap: its first byte is dropped
 * (reported) and the rest read again, so frames behind a corrupt length byte are still found. */
static int decode_ssi_stream(decode_run *run)
{
    static ssi_reader reader;
    ssi_reader_init(&reader);
    unsigned long corrupt = 0;
    for (;;) {
        uint8_t chunk[DECODE_READ_CHUNK];
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "stiel decode: reading stdin failed: %s\n", strerror(errno));
            return 1;
        }
        if (n == 0)
            break;
        decode_ssi_feed(&reader, chunk, (size_t)n, run, &corrupt);
        if (run->write_failed)
            return 1;
    }
    while (ssi_reader_busy(&reader) && !run->write_failed) {
        uint8_t rest[SSI_FRAME_MAX];
        size_t k = reader.pending_len > 0 ? reader.pending_len - 1 : 0;
        memcpy(rest, reader.pending + 1, k);
        ssi_reader_reset(&reader);
        corrupt++;
        decode_ssi_feed(&reader, rest, k, run, &corrupt);
    }
    fprintf(stderr, "stiel decode: %lu decodes, %lu valid, %lu invalid, %lu corrupt packets\n",
            run->reads, run->valid, run->invalid, corrupt);
    return run->write_failed ? 1 : 0;
}

int cli_decode(int argc, char **argv)
{
    scan_framer_config cfg = {0};
    bool ssi = false;
    int rc = decode_options(argc, argv, &cfg, &ssi);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (ssi) {
        decode_run ssi_run = {0};
        stiel_buf_init(&ssi_run.line, 0);
        int ssi_status = decode_ssi_stream(&ssi_run);
        if (ssi_run.write_failed)
            fputs("stiel decode: writing the output failed\n", stderr);
        stiel_buf_free(&ssi_run.line);
        return ssi_status;
    }
    static scan_framer f;
    stiel_diag d;
    if (scan_framer_init(&f, &cfg, &d) != STIEL_OK) {
        fprintf(stderr, "stiel decode: %s\n", d.text);
        return 2;
    }
    decode_run run = {0};
    stiel_buf_init(&run.line, 0);
    int status = 0;
    for (;;) {
        decode_wait_idle(&f, &run);
        uint8_t chunk[DECODE_READ_CHUNK];
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "stiel decode: reading stdin failed: %s\n", strerror(errno));
            status = 1;
            break;
        }
        if (n == 0)
            break;
        scan_framer_feed(&f, chunk, (size_t)n, decode_now_ms(), decode_on_read, &run);
        if (run.write_failed)
            break;
    }
    scan_framer_flush(&f, decode_on_read, &run);  /* end of the capture ends the last read */
    if (run.write_failed) {
        fputs("stiel decode: writing the output failed\n", stderr);
        status = 1;
    }
    const scan_framer_stats *s = scan_framer_stats_get(&f);
    fprintf(stderr, "stiel decode: %lu reads, %lu valid, %lu invalid (%lu overlong), "
            "%llu garbled, %llu bytes\n",
            run.reads, run.valid, run.invalid, run.overlong, (unsigned long long)s->garbled,
            (unsigned long long)s->bytes);
    if (s->garbled > 0 && s->garbled * 2 >= s->reads)
        fputs("stiel decode: most reads look like line noise: check the baud rate and parity\n",
              stderr);
    stiel_buf_free(&run.line);
    return status;
}
