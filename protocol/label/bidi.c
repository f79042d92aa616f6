/* The bidi runs of bidi.h: classify each code point (strong right to left, strong left to right,
 * neutral), give each stretch of neutrals the direction around it, cut runs where direction or
 * tag changes. One pass over the text, no buffers. */
#include "protocol/label/bidi.h"

#include "common/utf8.h"

typedef enum bidi_class { BIDI_N = 0, BIDI_L, BIDI_R } bidi_class;

static bidi_class class_of(uint32_t c)
{
    if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
        return BIDI_L; /* Arabic-Indic digits: numbers read left to right */
    if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return BIDI_R; /* Hebrew, Arabic, Syriac, Thaana, NKo, Arabic presentation forms */
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return BIDI_L;
    if (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) &&
        !(c >= 0xFE00 && c <= 0xFE6F) && c != 0xFFFD)
        return BIDI_L; /* other letters: Latin-1 and beyond, but not general punctuation or symbols */
    return BIDI_N;
}

/* The code point at text[*i] (one byte as U+FFFD when it is not UTF-8), advancing *i. */
static uint32_t next_cp(const char *text, size_t len, size_t *i)
{
    uint32_t cp = 0xFFFD;
    size_t n = stiel_utf8_decode((const uint8_t *)text + *i, len - *i, &cp);
    if (n == 0) {
        cp = 0xFFFD;
        n = 1;
    }
    *i += n;
    return cp;
}

bool label_bidi_has_rtl(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (class_of(next_cp(text, len, &i)) == BIDI_R)
            return true;
    }
    return false;
}

bool label_bidi_base_rtl(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        bidi_class c = class_of(next_cp(text, len, &i));
        if (c != BIDI_N)
            return c == BIDI_R;
    }
    return false;
}

typedef struct run_sink {
    label_bidi_run *out;
    size_t cap, count;
    bool full;
    label_bidi_tag_fn tag;
    void *tag_ctx;
} run_sink;

/* Adds the code point at [start, end) with direction rtl to the last run or a new one. */
static void sink_add(run_sink *k, uint32_t cp, size_t start, size_t end, bool rtl, bool neutral)
{
    int t = k->tag != NULL ? k->tag(k->tag_ctx, cp, rtl, neutral) : 0;
    if (k->count > 0) {
        label_bidi_run *last = &k->out[k->count - 1];
        if (last->rtl == rtl && last->tag == t && last->start + last->len == start) {
            last->len = end - last->start;
            return;
        }
    }
    if (k->count == k->cap) {
        k->full = true;
        return;
    }
    k->out[k->count++] = (label_bidi_run){.start = start, .len = end - start, .rtl = rtl, .tag = t};
}

size_t label_bidi_runs(const char *text, size_t len, bool base_rtl, label_bidi_tag_fn tag,
                       void *tag_ctx, label_bidi_run *out, size_t cap)
{
    if (text == NULL || out == NULL || cap == 0)
        return 0;
    run_sink k = {.out = out, .cap = cap, .tag = tag, .tag_ctx = tag_ctx};
    bidi_class base = base_rtl ? BIDI_R : BIDI_L, before = base;
    size_t i = 0;
    while (i < len && !k.full) {
        size_t start = i;
        uint32_t cp = next_cp(text, len, &i);
        bidi_class c = class_of(cp);
        if (c != BIDI_N) {
            sink_add(&k, cp, start, i, c == BIDI_R, false);
            before = c;
            continue;
        }
        /* a stretch of neutrals: find the direction after it, then give it one direction */
        size_t end = i;
        bidi_class after = base;
        while (end < len) {
            size_t j = end;
            bidi_class cj = class_of(next_cp(text, len, &j));
            if (cj != BIDI_N) {
                after = cj;
                break;
            }
            end = j;
        }
        bool rtl = (before == after ? before : base) == BIDI_R;
        sink_add(&k, cp, start, i, rtl, true);
        while (i < end && !k.full) {
            start = i;
            cp = next_cp(text, len, &i);
            sink_add(&k, cp, start, i, rtl, true);
        }
    }
    return k.count;
}

size_t label_bidi_visual_index(size_t count, bool base_rtl, size_t k)
{
    return base_rtl ? count - 1 - k : k;
}
