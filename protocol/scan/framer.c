/* Scanner framing: a byte-at-a-time state machine over a fixed buffer that cuts reads at CR/LF,
 * a configured suffix or an idle gap, strips a prefix, and reports an overlong read once before
 * resynchronising at the next terminator. */
#include "protocol/scan/framer.h"

#include <string.h>

#include "common/utf8.h"

static bool affix_has_line_end(const uint8_t *a, size_t n)
{
    return memchr(a, '\r', n) != NULL || memchr(a, '\n', n) != NULL;
}

stiel_status scan_framer_init(scan_framer *f, const scan_framer_config *config, stiel_diag *diag)
{
    if (f == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "scan_framer_init: no framer");
    memset(f, 0, sizeof *f);
    if (config != NULL)
        f->cfg = *config;
    if (f->cfg.prefix_len > SCAN_FRAMER_AFFIX_MAX || f->cfg.suffix_len > SCAN_FRAMER_AFFIX_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "scanner prefix and suffix may have at most %d bytes",
                              SCAN_FRAMER_AFFIX_MAX);
    if (f->cfg.max_len == 0)
        f->cfg.max_len = SCAN_FRAMER_MAX_DEFAULT;
    if (f->cfg.max_len > SCAN_FRAMER_MAX_LIMIT)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "scanner maximum read length %zu is above the limit of %d bytes",
                              f->cfg.max_len, SCAN_FRAMER_MAX_LIMIT);
    if (f->cfg.no_line_ends && f->cfg.suffix_len == 0 && f->cfg.idle_ms == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "scanner framing has no end of read: set a suffix, an idle gap, "
                              "or allow CR/LF");
    f->suffix_has_line_end = affix_has_line_end(f->cfg.suffix, f->cfg.suffix_len);
    stiel_diag_clear(diag);
    return STIEL_OK;
}

void scan_framer_reset(scan_framer *f)
{
    if (f == NULL)
        return;
    f->len = 0;
    f->discarding = false;
}

const scan_framer_stats *scan_framer_stats_get(const scan_framer *f)
{
    return &f->stats;
}

bool scan_read_looks_garbled(const uint8_t *data, size_t len)
{
    if (data == NULL || len == 0)
        return false;
    size_t bad = 0;
    size_t i = 0;
    while (i < len) {
        uint8_t c = data[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != 0x09 && c != 0x1D && c != 0x1E && c != 0x04) || c == 0x7F)
                bad++;
            i++;
            continue;
        }
        size_t n = stiel_utf8_decode(data + i, len - i, NULL);
        if (n == 0) {
            bad++;
            i++;
        } else {
            i += n;
        }
    }
    return bad * 4 >= len;
}

static void framer_report_overlong(scan_framer *f, scan_framer_cb cb, void *ctx)
{
    stiel_diag d;
    stiel_diag_set(&d, STIEL_ERR_OVERLONG,
                   "scanner sent more than %zu bytes without an end of read: check its suffix "
                   "setting (CR, LF%s) and the baud rate",
                   f->cfg.max_len, f->cfg.suffix_len > 0 ? " or the configured suffix" : "");
    f->stats.overlong++;
    cb(ctx, STIEL_ERR_OVERLONG, f->buf, f->cfg.max_len < f->len ? f->cfg.max_len : f->len, &d);
}

/* Hands the buffered read (without terminator) to cb, after stripping the prefix. */
static void framer_deliver(scan_framer *f, size_t len, scan_framer_cb cb, void *ctx)
{
    const uint8_t *data = f->buf;
    size_t p = f->cfg.prefix_len;
    if (p > 0) {
        if (len >= p && memcmp(data, f->cfg.prefix, p) == 0) {
            data += p;
            len -= p;
        } else {
            f->stats.prefix_missing++;
        }
    }
    if (len == 0)
        return;
    f->stats.reads++;
    if (scan_read_looks_garbled(data, len))
        f->stats.garbled++;
    cb(ctx, STIEL_OK, data, len, NULL);
}

/* A terminator (CR, LF or the idle gap) ends whatever is pending. */
static void framer_end(scan_framer *f, scan_framer_cb cb, void *ctx)
{
    if (f->discarding) {
        f->discarding = false;
    } else if (f->len > f->cfg.max_len) {
        framer_report_overlong(f, cb, ctx);
    } else if (f->len > 0) {
        framer_deliver(f, f->len, cb, ctx);
    }
    f->len = 0;
}

/* While discarding, buf keeps only the last suffix_len bytes, to spot the suffix. */
static void framer_discard_byte(scan_framer *f, uint8_t b)
{
    size_t s = f->cfg.suffix_len;
    if (s == 0)
        return;
    if (f->len == s) {
        memmove(f->buf, f->buf + 1, s - 1);
        f->len = s - 1;
    }
    f->buf[f->len++] = b;
    if (f->len == s && memcmp(f->buf, f->cfg.suffix, s) == 0) {
        f->discarding = false;
        f->len = 0;
    }
}

static void framer_byte(scan_framer *f, uint8_t b, scan_framer_cb cb, void *ctx)
{
    bool line_end = (b == '\r' || b == '\n') && !f->cfg.no_line_ends && !f->suffix_has_line_end;
    if (line_end) {
        framer_end(f, cb, ctx);
        return;
    }
    if (f->discarding) {
        framer_discard_byte(f, b);
        return;
    }
    size_t s = f->cfg.suffix_len;
    if (f->len == f->cfg.max_len + s) {
        /* Full and no suffix at the end: whatever ends this read, it is longer than max_len. */
        framer_report_overlong(f, cb, ctx);
        f->discarding = true;
        if (s > 1) {
            memmove(f->buf, f->buf + f->len - (s - 1), s - 1);
            f->len = s - 1;
        } else {
            f->len = 0;
        }
        framer_discard_byte(f, b);
        return;
    }
    f->buf[f->len++] = b;
    if (s > 0 && f->len >= s && memcmp(f->buf + f->len - s, f->cfg.suffix, s) == 0) {
        framer_deliver(f, f->len - s, cb, ctx);
        f->len = 0;
    }
}

static bool framer_pending(const scan_framer *f)
{
    return f->len > 0 || f->discarding;
}

static bool framer_idle_elapsed(const scan_framer *f, uint64_t now_ms)
{
    return f->cfg.idle_ms > 0 && f->have_time && framer_pending(f) && now_ms >= f->last_byte_ms &&
           now_ms - f->last_byte_ms >= f->cfg.idle_ms;
}

void scan_framer_tick(scan_framer *f, uint64_t now_ms, scan_framer_cb cb, void *ctx)
{
    if (f == NULL || cb == NULL)
        return;
    if (framer_idle_elapsed(f, now_ms)) {
        if (!f->discarding && f->len > 0 && f->len <= f->cfg.max_len)
            f->stats.idle_flushes++;
        framer_end(f, cb, ctx);
    }
}

void scan_framer_flush(scan_framer *f, scan_framer_cb cb, void *ctx)
{
    if (f == NULL || cb == NULL)
        return;
    framer_end(f, cb, ctx);
}

bool scan_framer_deadline(const scan_framer *f, uint64_t *deadline_ms)
{
    if (f == NULL || f->cfg.idle_ms == 0 || !f->have_time || !framer_pending(f))
        return false;
    if (deadline_ms != NULL)
        *deadline_ms = f->last_byte_ms + f->cfg.idle_ms;
    return true;
}

stiel_status scan_framer_feed(scan_framer *f, const uint8_t *bytes, size_t n, uint64_t now_ms,
                              scan_framer_cb cb, void *ctx)
{
    if (f == NULL || cb == NULL || (bytes == NULL && n > 0))
        return STIEL_ERR_ARG;
    if (n == 0)
        return STIEL_OK;
    scan_framer_tick(f, now_ms, cb, ctx);
    for (size_t i = 0; i < n; i++)
        framer_byte(f, bytes[i], cb, ctx);
    f->stats.bytes += n;
    f->last_byte_ms = now_ms;
    f->have_time = true;
    return STIEL_OK;
}
