/* The keyboard-wedge decoder: holds keys while they may be a scanner burst, and settles them as a
 * scan (fast, long enough, terminated) or as typing (anything else), in input order. */
#include "drivers/wedge.h"

#include <string.h>

stiel_status stiel_wedge_init(stiel_wedge *w, const stiel_wedge_config *cfg, stiel_diag *diag)
{
    if (!w)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "stiel_wedge_init: no decoder");
    stiel_wedge_config c = cfg ? *cfg : STIEL_WEDGE_CONFIG_DEFAULT;
    if (c.max_gap_ms == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "wedge: the key gap must be at least 1 ms");
    if (c.min_len == 0 || c.min_len > STIEL_WEDGE_MAX_KEYS)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "wedge: the shortest scan must be 1 to %d characters",
                              STIEL_WEDGE_MAX_KEYS);
    memset(w, 0, sizeof *w);
    w->cfg = c;
    return STIEL_OK;
}

/* Every held key as typing, in order. */
static void release_typing(stiel_wedge *w, stiel_wedge_fn cb, void *ctx)
{
    for (size_t i = 0; i < w->count; i++) {
        const stiel_wedge_held *h = &w->held[i];
        stiel_wedge_output o = {STIEL_WEDGE_TYPED, (stiel_wedge_key)h->key, h->bytes, h->len, h->time_ms};
        if (h->key != STIEL_WEDGE_KEY_TEXT) {
            o.data = NULL;
            o.len = 0;
        }
        cb(ctx, &o);
    }
    w->count = 0;
}

static uint32_t utf8_code_point(const uint8_t *b, size_t n)
{
    if (n == 1)
        return b[0];
    if (n == 2)
        return ((uint32_t)(b[0] & 0x1F) << 6) | (b[1] & 0x3F);
    if (n == 3)
        return ((uint32_t)(b[0] & 0x0F) << 12) | ((uint32_t)(b[1] & 0x3F) << 6) | (b[2] & 0x3F);
    return ((uint32_t)(b[0] & 0x07) << 18) | ((uint32_t)(b[1] & 0x3F) << 12) | ((uint32_t)(b[2] & 0x3F) << 6) |
           (b[3] & 0x3F);
}

/* The held keys as one scan (GS and its substitute become 0x1D). */
static void release_scan(stiel_wedge *w, stiel_wedge_key end, stiel_wedge_fn cb, void *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < w->count; i++) {
        const stiel_wedge_held *h = &w->held[i];
        bool gs = h->key == STIEL_WEDGE_KEY_GS ||
                  (w->cfg.gs_substitute && utf8_code_point(h->bytes, h->len) == w->cfg.gs_substitute);
        if (gs) {
            w->scan[n++] = 0x1D;
        } else {
            memcpy(w->scan + n, h->bytes, h->len);
            n += h->len;
        }
    }
    stiel_wedge_output o = {STIEL_WEDGE_SCAN, end, w->scan, n, w->held[0].time_ms};
    w->count = 0;
    cb(ctx, &o);
}

/* Length of the UTF-8 character at s (1 for a byte that starts none). */
static size_t char_len(const uint8_t *s, size_t n)
{
    size_t need = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
    if (need > n)
        return 1;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 1;
    return need;
}

static void hold(stiel_wedge *w, stiel_wedge_key key, const uint8_t *b, size_t len, uint64_t t, stiel_wedge_fn cb,
                 void *ctx)
{
    if (w->count == STIEL_WEDGE_MAX_KEYS)
        release_typing(w, cb, ctx); /* far longer than any scan: a key held down */
    stiel_wedge_held *h = &w->held[w->count++];
    h->key = (uint8_t)key;
    h->len = (uint8_t)len;
    memcpy(h->bytes, b, len);
    h->time_ms = t;
    w->last_ms = t;
}

void stiel_wedge_tick(stiel_wedge *w, uint64_t now_ms, stiel_wedge_fn cb, void *ctx)
{
    if (!w || !cb || w->count == 0 || now_ms - w->last_ms <= w->cfg.max_gap_ms)
        return;
    if (w->cfg.gap_ends && w->count >= w->cfg.min_len)
        release_scan(w, STIEL_WEDGE_KEY_TEXT, cb, ctx);
    else
        release_typing(w, cb, ctx);
}

void stiel_wedge_feed(stiel_wedge *w, stiel_wedge_key key, const char *text, size_t len, uint64_t time_ms,
                      stiel_wedge_fn cb, void *ctx)
{
    if (!w || !cb)
        return;
    stiel_wedge_tick(w, time_ms, cb, ctx);
    switch (key) {
    case STIEL_WEDGE_KEY_TEXT: {
        const uint8_t *s = (const uint8_t *)text;
        for (size_t i = 0; s && i < len;) {
            size_t k = char_len(s + i, len - i);
            hold(w, key, s + i, k, time_ms, cb, ctx);
            i += k;
        }
        return;
    }
    case STIEL_WEDGE_KEY_GS:
        hold(w, key, (const uint8_t *)"\x1d", 1, time_ms, cb, ctx);
        return;
    case STIEL_WEDGE_KEY_ENTER:
    case STIEL_WEDGE_KEY_TAB:
        if ((key == STIEL_WEDGE_KEY_ENTER || w->cfg.tab_ends) && w->count >= w->cfg.min_len) {
            release_scan(w, key, cb, ctx);
            return;
        }
        break;
    case STIEL_WEDGE_KEY_OTHER:
        break;
    }
    release_typing(w, cb, ctx);
    stiel_wedge_output o = {STIEL_WEDGE_TYPED, key, NULL, 0, time_ms};
    cb(ctx, &o);
}

bool stiel_wedge_deadline(const stiel_wedge *w, uint64_t *when_ms)
{
    if (!w || w->count == 0)
        return false;
    if (when_ms)
        *when_ms = w->last_ms + w->cfg.max_gap_ms + 1;
    return true;
}
