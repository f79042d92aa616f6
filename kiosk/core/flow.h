/* What the pick and pack flows share: reading a GTIN or an SSCC out of a scan (the same rules in
 * both flows), and the building blocks of their one-line text forms (%-escaped key=value fields,
 * bit lists, the event line tokenizer). Pure. */
#ifndef STIEL_CORE_FLOW_H
#define STIEL_CORE_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "protocol/scan/aim.h"

enum { FLOW_VALUE_MAX = 127, FLOW_SSCC_LEN = 18 };

/* A GTIN from a scan: AI (01) of GS1 data (GS1 symbologies), "(01)..." typed or sent by a
 * keyboard wedge (SCAN_SYM_UNKNOWN), or an EAN/UPC read (EAN-13, EAN-8, or digits from a wedge).
 * Writes the 14-digit GTIN and returns true; false when the scan holds no valid GTIN. */
bool flow_scan_gtin(scan_symbology sym, const char *data, char gtin[15]);

/* An SSCC from a scan: AI (00) of GS1 data (GS1-128 labels), "(00)..." from a wedge, or a wedge's
 * plain "00" + 18 digits. The check digit is verified. Writes 18 digits and returns true. */
bool flow_scan_sscc(scan_symbology sym, const char *data, char sscc[FLOW_SSCC_LEN + 1]);

/* Appends value %-escaped: space, '%' and bytes outside 0x21..0x7E become %XX. */
stiel_status flow_put_escaped(stiel_buf *out, const char *value);

/* Appends " key=value" with value %-escaped. */
stiel_status flow_put_kv(stiel_buf *out, const char *key, const char *value);

/* Appends " key=a,b" naming the set bits (bit k is names[k], k < n), or " key=-" for none. */
stiel_status flow_put_bits(stiel_buf *out, const char *key, unsigned bits,
                           const char *const *names, size_t n);

/* Decodes a %-escaped value of n bytes into dst (cap bytes, NUL-terminated); false when it does
 * not fit, an escape is malformed, or it decodes to NUL. */
bool flow_unescape(const char *v, size_t n, char *dst, size_t cap);

/* A decimal uint64 without sign or spaces; false on anything else or overflow. */
bool flow_parse_u64(const char *v, uint64_t *out);

/* Index of v in names[0..n-1], or -1. */
int flow_name_lookup(const char *v, const char *const *names, int n);

/* table[v] for an enum value v inside the static array table, else "?". */
#define FLOW_NAME(table, v) \
    (((int)(v) >= 0 && (size_t)(v) < sizeof table / sizeof table[0]) ? table[v] : "?")

/* s, or "-" when s is NULL or empty (the text forms write "-" for "none"). */
const char *flow_dash(const char *s);

/* Appends the outcome fields both flows' records carry:
 * " result=R errors=N kinds=a,b hints=photo,spoken" (kinds named by err_names[0..n_err-1], hints
 * being the PICK_HINT_* bits photo, highlight, spoken; "-" for no bits). */
stiel_status flow_put_outcome(stiel_buf *out, const char *result, unsigned errors,
                              unsigned error_kinds, const char *const *err_names, size_t n_err,
                              unsigned hints);

/* Appends the scan event line "scan t=T sym=S dev=D data=X" (no newline; dev "-" when empty). */
stiel_status flow_put_scan_event(stiel_buf *out, uint64_t t, scan_symbology sym,
                                 const char *device, const char *data);

/* Appends the device event line "device t=T ok=0|1 dev=D" (no newline; dev "-" when empty). */
stiel_status flow_put_device_event(stiel_buf *out, uint64_t t, bool ok, const char *device);

/* The symbology named val (as scan_symbology_name writes it) into *sym; false when none is. */
bool flow_symbology_lookup(const char *val, scan_symbology *sym);

/* Stores the value of a dev= field into dst (cap bytes): "-" leaves dst as it is (empty), other
 * values are copied. False when val does not fit. */
bool flow_device_set(const char *val, char *dst, size_t cap);

/* Called for each "key=value" field of an event line, with the line's kind (see below) and the
 * value already unescaped. */
typedef stiel_status (*flow_field_fn)(void *ctx, int kind, const char *key, const char *value,
                                      stiel_diag *diag);

/* Splits an event line "kind key=value key=value[\n]": *kind is the index of the first word in
 * kinds (which must be > 0: kinds[0] is a placeholder), then field() is called per field, in
 * order; *have_t tells whether a "t" field was seen. STIEL_ERR_SYNTAX for an unknown kind, a
 * field without '=', a bad escape or trailing text; field()'s status when it fails. */
stiel_status flow_event_split(const char *line, const char *const *kinds, int nkinds, int *kind,
                              flow_field_fn field, void *ctx, bool *have_t, stiel_diag *diag);

#endif
