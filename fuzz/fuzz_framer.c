/* libFuzzer target for protocol/scan/framer: the first bytes pick a config, the rest is the
 * stream. Invariants: reads are non-empty and at most max_len; the events are the same whatever
 * the chunking (chunk sizes taken from the input); with idle gaps and random times, no crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/scan/framer.h"

typedef struct trace {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t max_len;
} trace;

static void trace_put(trace *t, const void *p, size_t n)
{
    if (t->len + n > t->cap) {
        size_t cap = (t->len + n) * 2 + 64;
        uint8_t *d = realloc(t->data, cap);
        if (d == NULL)
            abort();
        t->data = d;
        t->cap = cap;
    }
    memcpy(t->data + t->len, p, n);
    t->len += n;
}

static void on_event(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                     const stiel_diag *diag)
{
    trace *t = ctx;
    if (status == STIEL_OK) {
        if (len == 0 || len > t->max_len || diag != NULL)
            abort();
    } else {
        if (status != STIEL_ERR_OVERLONG || diag == NULL || diag->code != status ||
            len > t->max_len)
            abort();
    }
    uint8_t head[9];
    head[0] = (uint8_t)status;
    memcpy(head + 1, &len, sizeof len < 8 ? sizeof len : 8);
    trace_put(t, head, 1 + (sizeof len < 8 ? sizeof len : 8));
    trace_put(t, data, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
    if (n < 4)
        return 0;
    scan_framer_config cfg = {0};
    cfg.max_len = 1 + in[0] % 64;
    cfg.suffix_len = in[1] % 4;
    cfg.prefix_len = (in[1] >> 2) % 3;
    cfg.no_line_ends = (in[1] & 0x10) != 0;
    if (4 + cfg.suffix_len + cfg.prefix_len > n)
        return 0;
    memcpy(cfg.suffix, in + 4, cfg.suffix_len);
    memcpy(cfg.prefix, in + 4 + cfg.suffix_len, cfg.prefix_len);
    const uint8_t *chunks = in + 2;  /* two bytes of chunking seed */
    size_t off = 4 + cfg.suffix_len + cfg.prefix_len;
    const uint8_t *s = in + off;
    size_t len = n - off;

    static scan_framer a, b;
    if (scan_framer_init(&a, &cfg, NULL) != STIEL_OK)
        return 0;  /* no end of read configured */
    scan_framer_init(&b, &cfg, NULL);
    trace ta = {.max_len = cfg.max_len}, tb = {.max_len = cfg.max_len};

    scan_framer_feed(&a, s, len, 0, on_event, &ta);
    uint32_t seed = (uint32_t)chunks[0] << 8 | chunks[1];
    for (size_t i = 0; i < len;) {
        seed = seed * 1103515245u + 12345u;
        size_t k = 1 + (seed >> 16) % 17;
        if (k > len - i)
            k = len - i;
        scan_framer_feed(&b, s + i, k, 0, on_event, &tb);
        i += k;
    }
    if (ta.len != tb.len || (ta.len > 0 && memcmp(ta.data, tb.data, ta.len) != 0))
        abort();
    scan_framer_flush(&a, on_event, &ta);
    if (scan_framer_stats_get(&a)->bytes != len)
        abort();

    /* Idle gaps at times drawn from the input: invariants only. */
    cfg.idle_ms = 1 + in[3] % 50;
    static scan_framer c;
    trace tc = {.max_len = cfg.max_len};
    scan_framer_init(&c, &cfg, NULL);
    uint64_t now = 1000;
    for (size_t i = 0; i < len; i += 3) {
        size_t k = len - i < 3 ? len - i : 3;
        now += s[i] % 64;
        scan_framer_feed(&c, s + i, k, now, on_event, &tc);
        uint64_t deadline = 0;
        if (scan_framer_deadline(&c, &deadline) && deadline < now)
            abort();
        scan_framer_tick(&c, now + (s[i] & 1 ? 60 : 0), on_event, &tc);
    }
    free(ta.data);
    free(tb.data);
    free(tc.data);
    return 0;
}
