/* A small bidi step for text that mixes Arabic and Latin (the kiosk's screens and the labels):
 * splits a line into runs of one direction, Arabic (and Hebrew) right to left, Latin letters and
 * all digits left to right, neutrals (spaces, punctuation) taking the direction on both sides
 * when they agree, else the paragraph's. Numbers and codes like "A-01" in an Arabic sentence stay
 * left to right. One embedding level: enough for a sentence with codes and numbers in it, not the
 * whole Unicode algorithm (UAX #9). Pure. */
#ifndef STIEL_PROTOCOL_LABEL_BIDI_H
#define STIEL_PROTOCOL_LABEL_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One run: bytes [start, start + len) of the text, drawn in one direction with one tag. */
typedef struct label_bidi_run {
    size_t start, len;
    bool rtl;  /* right to left (shape it as Arabic) */
    int tag;   /* the tagger's value for every code point of the run (0 without a tagger) */
} label_bidi_run;

/* Optional: the caller's tag for code point cp, resolved to direction rtl; neutral is true when cp
 * has no direction of its own (it took rtl from around it). A new run starts where the tag
 * changes. The kiosk uses it to draw the neutrals that its Arabic font lacks with the Latin one. */
typedef int (*label_bidi_tag_fn)(void *ctx, uint32_t cp, bool rtl, bool neutral);

/* True when text[0..len) holds a right-to-left code point (Arabic, Hebrew) anywhere. */
bool label_bidi_has_rtl(const char *text, size_t len);

/* True when the first code point with a direction in text[0..len) is right to left (Arabic,
 * Hebrew): the paragraph direction of text that says nothing else. False for text without one. */
bool label_bidi_base_rtl(const char *text, size_t len);

/* Splits text[0..len) (UTF-8; a byte that is not is taken as one neutral code point) into runs in
 * logical order, at most cap of them into out (text past the last run that fits is left out);
 * returns the count. base_rtl is the paragraph direction (the direction of neutrals between runs
 * of different directions and at either end); tag may be NULL. To draw: runs in the order
 * label_bidi_visual_order gives, each shaped in its own direction. */
size_t label_bidi_runs(const char *text, size_t len, bool base_rtl, label_bidi_tag_fn tag,
                       void *tag_ctx, label_bidi_run *out, size_t cap);

/* Index of the run drawn k-th from the left: k itself in a left-to-right paragraph, count-1-k in
 * a right-to-left one (its runs read from the right). k < count. */
size_t label_bidi_visual_index(size_t count, bool base_rtl, size_t k);

#endif
