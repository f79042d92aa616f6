/* libFuzzer target for the keyboard-wedge decoder (drivers/wedge.h): the first bytes pick a config,
 * the rest is a script of key events with time steps and ticks. Invariants: nothing is eaten or
 * invented (the outputs, in order, spell exactly the keys fed, GS and its substitute as 0x1D);
 * scans have at least min_len keys and end by the configured rules; times never run ahead of the
 * clock; the deadline is after the last key; a tick far in the future settles everything. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/wedge.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Markers for the keys that are no text in the spelled stream. */
enum { M_ENTER = 0xF8, M_TAB = 0xF9, M_OTHER = 0xFA };

typedef struct stream {
    uint8_t bytes[65536 * 2];
    size_t len;
} stream;

typedef struct run {
    stiel_wedge_config cfg;
    stream out;
    uint64_t now;
    size_t scans;
} run;

static stream in_spelled;
static stiel_wedge w;
static run r;

static void put(stream *s, const uint8_t *b, size_t n)
{
    CHECK(s->len + n <= sizeof s->bytes);
    memcpy(s->bytes + s->len, b, n);
    s->len += n;
}

/* Same character cut as the decoder: one UTF-8 character, or one byte that starts none. */
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

static uint32_t code_point(const uint8_t *b, size_t n)
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

/* Spells one character: the GS substitute as 0x1D. */
static void spell_char(stream *s, const stiel_wedge_config *cfg, const uint8_t *b, size_t n)
{
    if (cfg->gs_substitute != 0 && code_point(b, n) == cfg->gs_substitute)
        put(s, (const uint8_t *)"\x1d", 1);
    else
        put(s, b, n);
}

static void spell_text(stream *s, const stiel_wedge_config *cfg, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = char_len(b + i, n - i);
        spell_char(s, cfg, b + i, k);
        i += k;
    }
}

static void spell_key(stream *s, stiel_wedge_key key)
{
    uint8_t m = key == STIEL_WEDGE_KEY_ENTER ? M_ENTER : key == STIEL_WEDGE_KEY_TAB ? M_TAB
              : key == STIEL_WEDGE_KEY_GS ? 0x1D : M_OTHER;
    put(s, &m, 1);
}

static void on_out(void *ctx, const stiel_wedge_output *o)
{
    run *rr = ctx;
    CHECK(o->time_ms <= rr->now);
    if (o->kind == STIEL_WEDGE_SCAN) {
        CHECK(o->len >= rr->cfg.min_len && o->len <= sizeof w.scan);
        CHECK(o->data != NULL);
        if (o->key == STIEL_WEDGE_KEY_TEXT)
            CHECK(rr->cfg.gap_ends);
        else if (o->key == STIEL_WEDGE_KEY_TAB)
            CHECK(rr->cfg.tab_ends);
        else
            CHECK(o->key == STIEL_WEDGE_KEY_ENTER);
        /* the scan's bytes are already normalised: GS restored, substitute replaced */
        put(&rr->out, o->data, o->len);
        if (o->key != STIEL_WEDGE_KEY_TEXT)
            spell_key(&rr->out, o->key);
        rr->scans++;
        return;
    }
    CHECK(o->kind == STIEL_WEDGE_TYPED);
    if (o->key == STIEL_WEDGE_KEY_TEXT) {
        CHECK(o->data != NULL && o->len >= 1 && o->len <= 4);
        CHECK(char_len(o->data, o->len) == o->len);
        spell_char(&rr->out, &rr->cfg, o->data, o->len);
    } else {
        CHECK(o->key <= STIEL_WEDGE_KEY_OTHER);
        spell_key(&rr->out, o->key);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t subs[] = {0, '~', 0xB0, 0x1D, 0xC3, 0x20AC};
    if (size < 3 || size > 16384)
        return 0;
    stiel_wedge_config cfg = {
        .max_gap_ms = 1 + data[0] % 60,
        .min_len = 1 + data[1] % 24,
        .tab_ends = (data[0] & 0x40) != 0,
        .gap_ends = (data[0] & 0x80) != 0,
        .gs_substitute = subs[data[2] % (sizeof subs / sizeof subs[0])],
    };
    if (data[2] & 0x80)
        cfg.min_len = 1 + (size_t)data[1] * 4; /* now and then longer than any scan */
    stiel_diag diag;
    CHECK(stiel_wedge_init(&w, &cfg, &diag) == STIEL_OK);
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.now = 1000;
    in_spelled.len = 0;

    size_t i = 3;
    while (i < size) {
        uint8_t op = data[i++];
        uint8_t step = i < size ? data[i++] : 0;
        /* mostly scanner-fast steps, sometimes a person's pause */
        r.now += (op & 0x08) ? (uint64_t)step * 4 : step % 40;
        if (op & 0x80) {
            stiel_wedge_tick(&w, r.now, on_out, &r);
        }
        uint64_t before = r.now;
        stiel_wedge_key key;
        switch (op % 6) {
        case 0:
        case 1: {
            size_t n = 1 + (op >> 4) % 8;
            if (n > size - i)
                n = size - i;
            key = STIEL_WEDGE_KEY_TEXT;
            spell_text(&in_spelled, &cfg, data + i, n);
            stiel_wedge_feed(&w, key, (const char *)data + i, n, r.now, on_out, &r);
            i += n;
            break;
        }
        case 2: key = STIEL_WEDGE_KEY_ENTER; break;
        case 3: key = STIEL_WEDGE_KEY_TAB; break;
        case 4: key = STIEL_WEDGE_KEY_GS; break;
        default: key = STIEL_WEDGE_KEY_OTHER; break;
        }
        if (key != STIEL_WEDGE_KEY_TEXT) {
            spell_key(&in_spelled, key);
            stiel_wedge_feed(&w, key, NULL, 0, r.now, on_out, &r);
        }
        uint64_t when = 0;
        if (stiel_wedge_deadline(&w, &when))
            CHECK(when > before);
    }
    /* far in the future every held key is settled */
    r.now += 100000;
    stiel_wedge_tick(&w, r.now, on_out, &r);
    CHECK(!stiel_wedge_deadline(&w, NULL));
    CHECK(r.out.len == in_spelled.len);
    CHECK(r.out.len == 0 || memcmp(r.out.bytes, in_spelled.bytes, r.out.len) == 0);
    return 0;
}
