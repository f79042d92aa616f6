/* Internal helpers shared by the template parser (template.c) and the fill step
 * (template_fill.c): kind and symbology names, and expanding one item's placeholders.
 * Not part of the public API. */
#ifndef STIEL_PROTOCOL_LABEL_TEMPLATE_INTERNAL_H
#define STIEL_PROTOCOL_LABEL_TEMPLATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/label/template.h"

/* Maps "text", "digits", "sscc", "gtin13", "gs1" to a kind; false when unknown. */
bool label_field_kind_parse(const char *name, label_field_kind *out);

/* The max length a field of this kind has when max= is not given. */
size_t label_field_kind_default_max(label_field_kind kind);

/* Maps "code128", "gs1-128", "ean13", "qr", "datamatrix", "gs1-datamatrix"; false if unknown. */
bool label_symbology_parse(const char *name, label_symbology *out);

/* Copies item to *out with every {field} replaced by values[field index] ({{ and }} become
 * braces) and checks the result (length, GS1 HRI, EAN-13 digits, Code 128 ASCII). diag text has
 * no source prefix. */
stiel_status label_item_expand(const label_template *t, const label_item *item,
                               const char *const *values, label_item *out, stiel_diag *diag);

#endif
