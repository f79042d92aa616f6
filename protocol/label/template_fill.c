/* Filling a label template: validating field values by kind (text, digits, SSCC, GTIN-13, GS1
 * HRI), substituting {field} placeholders, and checking the resulting barcode data. */
#include <stdio.h>
#include <string.h>

#include "protocol/label/template.h"
#include "protocol/label/template_internal.h"
#include "protocol/label/utf8.h"
#include "protocol/scan/gs1.h"

static const char *const kind_names[] = {"text", "digits", "sscc", "gtin13", "gs1"};

const char *label_field_kind_name(label_field_kind kind)
{
    if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0])
        return "?";
    return kind_names[kind];
}

bool label_field_kind_parse(const char *name, label_field_kind *out)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (label_field_kind)i;
            return true;
        }
    }
    return false;
}

size_t label_field_kind_default_max(label_field_kind kind)
{
    switch (kind) {
    case LABEL_FIELD_SSCC:
        return 18;
    case LABEL_FIELD_GTIN13:
        return 13;
    case LABEL_FIELD_DIGITS:
        return 40;
    case LABEL_FIELD_GS1:
    case LABEL_FIELD_TEXT:
    default:
        return LABEL_FIELD_VALUE_MAX - 1;
    }
}

static const struct {
    const char *name;
    label_symbology sym;
} symbologies[] = {
    {"code128", LABEL_CODE128},   {"gs1-128", LABEL_GS1_128},       {"ean13", LABEL_EAN13},
    {"qr", LABEL_QR},             {"datamatrix", LABEL_DATAMATRIX}, {"gs1-datamatrix", LABEL_GS1_DATAMATRIX},
};

bool label_symbology_parse(const char *name, label_symbology *out)
{
    for (size_t i = 0; i < sizeof symbologies / sizeof symbologies[0]; i++) {
        if (strcmp(name, symbologies[i].name) == 0) {
            *out = symbologies[i].sym;
            return true;
        }
    }
    return false;
}

static const char *symbology_name(label_symbology sym)
{
    for (size_t i = 0; i < sizeof symbologies / sizeof symbologies[0]; i++) {
        if (symbologies[i].sym == sym)
            return symbologies[i].name;
    }
    return "?";
}

static bool all_digits(const char *s)
{
    if (s[0] == '\0')
        return false;
    for (size_t i = 0; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

/* n digits with a verified mod-10 check digit; what names the thing for the diag. */
static stiel_status check_gs1_key(const char *name, const char *v, size_t n, stiel_diag *diag)
{
    size_t len = strlen(v);
    char want;
    if (!all_digits(v))
        return stiel_diag_set(diag, STIEL_ERR_CHARSET, "field %s: digits only, got '%.40s'",
                              name, v);
    if (len != n)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH, "field %s: expected %zu digits, got %zu",
                              name, n, len);
    if (gs1_check_digit_valid(v, n))
        return STIEL_OK;
    want = gs1_check_digit_compute(v, n - 1);
    return stiel_diag_set(diag, STIEL_ERR_CHECK_DIGIT, "field %s: check digit is %c, expected %c",
                          name, v[n - 1], want);
}

stiel_status label_field_validate(const label_field *f, const char *value, stiel_diag *diag)
{
    size_t count;
    if (f == NULL || value == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label_field_validate: no field or value");
    count = label_utf8_count(value);
    if (count == (size_t)-1)
        return stiel_diag_set(diag, STIEL_ERR_CHARSET, "field %s: not valid UTF-8", f->name);
    for (size_t i = 0; value[i] != '\0'; i++) {
        unsigned char ch = (unsigned char)value[i];
        if (ch < 0x20 || ch == 0x7F)
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "field %s: control character (0x%02X) not allowed", f->name, ch);
    }
    switch (f->kind) {
    case LABEL_FIELD_SSCC:
        return check_gs1_key(f->name, value, 18, diag);
    case LABEL_FIELD_GTIN13:
        return check_gs1_key(f->name, value, 13, diag);
    case LABEL_FIELD_DIGITS:
        if (!all_digits(value))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET, "field %s: digits only, got '%.40s'",
                                  f->name, value);
        break;
    case LABEL_FIELD_GS1: {
        gs1_element_string es;
        stiel_diag sub;
        stiel_status st = gs1_parse_hri(value, &es, &sub);
        if (st != STIEL_OK)
            return stiel_diag_set(diag, st, "field %s: %s", f->name, sub.text);
        break;
    }
    case LABEL_FIELD_TEXT:
    default:
        break;
    }
    if (count > f->max_len)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "field %s: %zu characters, at most %zu allowed", f->name, count,
                              f->max_len);
    return STIEL_OK;
}

/* Substitutes placeholders of src into dst (cap bytes). */
static stiel_status substitute(const label_template *t, const char *src,
                               const char *const *values, char *dst, size_t cap,
                               const char *what, stiel_diag *diag)
{
    size_t out = 0;
    for (size_t i = 0; src[i] != '\0'; i++) {
        const char *piece = src + i;
        size_t plen = 1;
        if ((src[i] == '{' && src[i + 1] == '{') || (src[i] == '}' && src[i + 1] == '}')) {
            i++;
        } else if (src[i] == '{') {
            char name[LABEL_FIELD_NAME_MAX];
            size_t j = i + 1, k = 0;
            const label_field *f;
            while (src[j] != '\0' && src[j] != '}' && k + 1 < sizeof name)
                name[k++] = src[j++];
            name[k] = '\0';
            if (src[j] != '}')
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s: unterminated '{'", what);
            f = label_template_field_find(t, name);
            if (f == NULL)
                return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                                      "%s: {%s} names no declared field", what, name);
            piece = values[f - t->fields];
            plen = strlen(piece);
            i = j;
        }
        if (out + plen >= cap)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                                  "%s: longer than %zu bytes once filled", what, cap - 1);
        memcpy(dst + out, piece, plen);
        out += plen;
    }
    dst[out] = '\0';
    return STIEL_OK;
}

static stiel_status check_barcode(const label_barcode *bc, stiel_diag *diag)
{
    const char *what = symbology_name(bc->symbology);
    size_t len = strlen(bc->data);
    if (len == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "barcode %s: no data", what);
    switch (bc->symbology) {
    case LABEL_GS1_128:
    case LABEL_GS1_DATAMATRIX: {
        gs1_element_string es;
        char wire[LABEL_DATA_MAX];
        size_t wlen = 0;
        stiel_diag sub;
        stiel_status st = gs1_parse_hri(bc->data, &es, &sub);
        if (st == STIEL_OK)
            st = gs1_build_element_string(&es, GS1_GS, wire, sizeof wire, &wlen);
        else
            return stiel_diag_set(diag, st, "barcode %s: %s", what, sub.text);
        if (st != STIEL_OK || (bc->symbology == LABEL_GS1_128 && wlen > 48))
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                                  "barcode %s: element string too long (GS1-128 holds 48)", what);
        return STIEL_OK;
    }
    case LABEL_EAN13:
        if (!all_digits(bc->data) || (len != 12 && len != 13))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "barcode ean13: needs 12 or 13 digits, got '%.40s'", bc->data);
        if (len == 13 && !gs1_check_digit_valid(bc->data, 13))
            return stiel_diag_set(diag, STIEL_ERR_CHECK_DIGIT,
                                  "barcode ean13: check digit is %c, expected %c", bc->data[12],
                                  gs1_check_digit_compute(bc->data, 12));
        return STIEL_OK;
    case LABEL_CODE128:
        for (size_t i = 0; i < len; i++) {
            unsigned char ch = (unsigned char)bc->data[i];
            if (ch < 0x20 || ch > 0x7E)
                return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                      "barcode code128: only printable ASCII, got byte 0x%02X", ch);
        }
        if (len > 80)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                                  "barcode code128: %zu characters, at most 80", len);
        return STIEL_OK;
    case LABEL_QR:
    case LABEL_DATAMATRIX:
    default:
        return STIEL_OK;
    }
}

stiel_status label_item_expand(const label_template *t, const label_item *item,
                               const char *const *values, label_item *out, stiel_diag *diag)
{
    *out = *item;
    if (item->kind == LABEL_ITEM_TEXT)
        return substitute(t, item->u.text.utf8, values, out->u.text.utf8,
                          sizeof out->u.text.utf8, "text", diag);
    if (item->kind == LABEL_ITEM_BARCODE) {
        stiel_status st = substitute(t, item->u.barcode.data, values, out->u.barcode.data,
                                     sizeof out->u.barcode.data, "barcode data", diag);
        if (st != STIEL_OK)
            return st;
        return check_barcode(&out->u.barcode, diag);
    }
    return STIEL_OK;
}

static void list_fields(const label_template *t, char *dst, size_t cap)
{
    size_t used = 0;
    dst[0] = '\0';
    for (size_t i = 0; i < t->field_count && used + 1 < cap; i++) {
        int n = snprintf(dst + used, cap - used, "%s%s", i ? ", " : "", t->fields[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    if (used >= cap)
        dst[cap - 1] = '\0';
}

stiel_status label_template_fill(const label_template *t, const char *const *keys,
                                 const char *const *values, size_t n, label *out,
                                 stiel_diag *diag)
{
    const char *vals[LABEL_TEMPLATE_MAX_FIELDS];
    bool given[LABEL_TEMPLATE_MAX_FIELDS] = {false};
    if (t == NULL || out == NULL || (n > 0 && (keys == NULL || values == NULL)))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label_template_fill: missing argument");
    for (size_t f = 0; f < t->field_count; f++)
        vals[f] = t->fields[f].sample;
    for (size_t i = 0; i < n; i++) {
        const label_field *f;
        size_t idx;
        stiel_status st;
        if (keys[i] == NULL || values[i] == NULL)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "label_template_fill: NULL key or value");
        f = label_template_field_find(t, keys[i]);
        if (f == NULL) {
            char names[160];
            list_fields(t, names, sizeof names);
            return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "unknown field '%.40s' (fields: %s)",
                                  keys[i], names);
        }
        idx = (size_t)(f - t->fields);
        if (given[idx])
            return stiel_diag_set(diag, STIEL_ERR_ARG, "field %s given twice", f->name);
        given[idx] = true;
        st = label_field_validate(f, values[i], diag);
        if (st != STIEL_OK)
            return st;
        vals[idx] = values[i];
    }
    memset(out, 0, sizeof *out);
    out->width_mm = t->width_mm;
    out->height_mm = t->height_mm;
    out->dpi = t->dpi;
    for (size_t i = 0; i < t->item_count; i++) {
        stiel_status st = label_item_expand(t, &t->items[i], vals, &out->items[i], diag);
        if (st != STIEL_OK)
            return st;
    }
    out->count = t->item_count;
    stiel_diag_clear(diag);
    return STIEL_OK;
}
