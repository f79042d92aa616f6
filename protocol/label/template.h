/* Label templates: a small line-based text format (assets/labels/<name>.label) that declares a
 * label's size, its fields (with validation and a sample value) and its items with {field}
 * placeholders; the parser, and the fill step that turns a template plus values into a label.
 * Pure: no I/O (the caller reads the file).
 *
 * THE FORMAT (also in assets/labels/README.md). One directive per line; '#' starts a comment
 * line (outside quotes); blank lines are ignored. A directive is a keyword followed by
 * options `key=value`, bare flags (`bold`), and at most one "quoted string" (its content).
 * Values may be quoted too (desc="Receiver name"). In quotes, \" is a quote and \\ a backslash.
 * Lengths are millimetres from the label's top-left corner; a trailing "mm" is allowed.
 *
 *   label width=100 height=150 dpi=203          # required, once, before any field or item
 *   title "Shipping label with SSCC"            # optional one-line description
 *   field sscc kind=sscc sample=376123450000000018 desc="SSCC of the parcel"
 *   field name kind=text max=40 sample="Zoë Dubois-Noël" desc="Receiver name"
 *   text x=5 y=10 height=4 bold wrap=90 lines=2 align=left rotate=0 "To: {name}"
 *   line x=5 y=30 x2=95 y2=30 thickness=0.5     # horizontal or vertical; x2,y2 absolute
 *   box x=2 y=2 width=96 height=146 thickness=0.8
 *   barcode gs1-128 x=5 y=40 height=25 module=0.5 hri=yes rotate=0 "(00){sscc}"
 *
 * field: NAME is [a-z0-9_]{1,31}; kind = text | digits | sscc (18 digits, check digit verified)
 *   | gtin13 (13 digits, check digit verified) | gs1 (bracketed HRI "(01)...(10)...", every AI
 *   validated); max = the most characters (code points) a value may have (default: the kind's
 *   length, 18 / 13, or 200 for text); sample is required and must pass the field's validation.
 * text: height (mm, required), bold, wrap (box width mm), lines (max lines, needs wrap),
 *   align = left | center | right (within wrap), rotate = 0 | 90 | 180 | 270 (clockwise).
 * barcode: symbology = code128 | gs1-128 | ean13 | qr | datamatrix | gs1-datamatrix (bare word);
 *   height (1D bar height mm), module (narrow bar / cell mm, 0 = default), hri = yes | no,
 *   rotate. gs1-* data is bracketed HRI; ean13 data is 12 or 13 digits.
 * Placeholders: {name} in text content and barcode data is replaced by the field's value;
 *   {{ and }} are literal braces. Every {name} must be a declared field.
 * For rotated items, (x, y) is the top-left of the rotated item's bounding box (as ZPL ^FO). */
#ifndef STIEL_PROTOCOL_LABEL_TEMPLATE_H
#define STIEL_PROTOCOL_LABEL_TEMPLATE_H

#include <stddef.h>

#include "common/status.h"
#include "protocol/label/label.h"

enum {
    LABEL_TEMPLATE_MAX_FIELDS = 24,
    LABEL_FIELD_NAME_MAX = 32,      /* bytes incl. NUL */
    LABEL_FIELD_DESC_MAX = 96,      /* bytes incl. NUL */
    LABEL_FIELD_VALUE_MAX = 201,    /* bytes incl. NUL: the longest value any field accepts */
    LABEL_TEMPLATE_TITLE_MAX = 96
};

typedef enum label_field_kind {
    LABEL_FIELD_TEXT,    /* any UTF-8 without control characters */
    LABEL_FIELD_DIGITS,  /* 0-9 only */
    LABEL_FIELD_SSCC,    /* 18 digits, mod-10 check digit verified */
    LABEL_FIELD_GTIN13,  /* 13 digits, mod-10 check digit verified */
    LABEL_FIELD_GS1      /* bracketed GS1 HRI, validated by gs1_parse_hri */
} label_field_kind;

typedef struct label_field {
    char name[LABEL_FIELD_NAME_MAX];
    char description[LABEL_FIELD_DESC_MAX];
    char sample[LABEL_FIELD_VALUE_MAX];
    label_field_kind kind;
    size_t max_len;      /* in code points; always > 0 after parsing */
} label_field;

/* A parsed template. Its items are label items whose text and barcode data still hold the
 * {field} placeholders; label_template_fill substitutes them. Plain data: copy it freely. */
typedef struct label_template {
    char title[LABEL_TEMPLATE_TITLE_MAX];
    double width_mm, height_mm;
    int dpi;
    size_t field_count;
    label_field fields[LABEL_TEMPLATE_MAX_FIELDS];
    size_t item_count;
    label_item items[LABEL_MAX_ITEMS];
} label_template;

/* Parses len bytes of template text (need not be NUL-terminated). source_name (e.g.
 * "shipping.label", may be NULL) prefixes every error: "shipping.label:12: unknown item kind
 * 'txt'". Errors: STIEL_ERR_SYNTAX (unknown directive, option, flag, bad quote, bad number,
 * bad placeholder, label line missing or repeated), STIEL_ERR_MISSING (a required option),
 * STIEL_ERR_NOT_FOUND ({name} of an undeclared field), STIEL_ERR_OVERLONG (too many items or
 * fields, a string too long), STIEL_ERR_ARG (a value out of range: size, dpi, position off the
 * label, a diagonal line), or the sample's own validation error. On error *out is unspecified. */
stiel_status label_template_parse(const char *text, size_t len, const char *source_name,
                                  label_template *out, stiel_diag *diag);

/* Number of declared fields, in declaration order. */
size_t label_template_field_count(const label_template *t);

/* The i-th field (name, description, sample, kind), or NULL when i is out of range. */
const label_field *label_template_field_get(const label_template *t, size_t i);

/* The field called name, or NULL. */
const label_field *label_template_field_find(const label_template *t, const char *name);

/* A short constant name of a kind: "text", "digits", "sscc", "gtin13", "gs1". */
const char *label_field_kind_name(label_field_kind kind);

/* Checks value against the field's kind and max length. diag names the field: "field sscc:
 * check digit is 7, expected 8". Errors: STIEL_ERR_CHARSET, STIEL_ERR_LENGTH,
 * STIEL_ERR_CHECK_DIGIT, or a GS1 error for kind gs1. */
stiel_status label_field_validate(const label_field *f, const char *value, stiel_diag *diag);

/* Fills out from the template: n (key, value) pairs name fields; fields not given take their
 * sample. Every value is validated (label_field_validate); an unknown key is
 * STIEL_ERR_NOT_FOUND ("unknown field 'scc' (fields: sscc, order, ...)"); a key given twice is
 * STIEL_ERR_ARG. After substitution, GS1 barcode data is validated as HRI, EAN-13 data must be
 * 12 or 13 digits (13: check digit verified), Code 128 data must be ASCII, and text that no
 * longer fits its item is STIEL_ERR_OVERLONG. out->dpi is the template's; the caller may change
 * it before encoding. keys/values may be NULL when n is 0. */
stiel_status label_template_fill(const label_template *t, const char *const *keys,
                                 const char *const *values, size_t n, label *out,
                                 stiel_diag *diag);

#endif
