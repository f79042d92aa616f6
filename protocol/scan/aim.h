/* AIM / ISO/IEC 15424 symbology identifiers ("]C1", "]E0", "]d2"...) at the start of a scanner
 * read: which symbology, which modifier, whether the data is a GS1 element string, and the EAN/UPC
 * composite split ("]E0...|]e0..."). Pure. */
#ifndef STIEL_PROTOCOL_SCAN_AIM_H
#define STIEL_PROTOCOL_SCAN_AIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

typedef enum scan_symbology {
    SCAN_SYM_UNKNOWN = 0,        /* no AIM identifier: data as is */
    SCAN_SYM_CODE128,            /* ]C0 */
    SCAN_SYM_GS1_128,            /* ]C1  GS1 */
    SCAN_SYM_CODE128_FNC1_2ND,   /* ]C2 */
    SCAN_SYM_ISBT128,            /* ]C4  ISBT concatenation */
    SCAN_SYM_EAN13,              /* ]E0  EAN-13, UPC-A, UPC-E (13 digits), GTIN */
    SCAN_SYM_EAN_ADDON2,         /* ]E1 */
    SCAN_SYM_EAN_ADDON5,         /* ]E2 */
    SCAN_SYM_EAN_WITH_ADDON,     /* ]E3 */
    SCAN_SYM_EAN8,               /* ]E4  GTIN */
    SCAN_SYM_GS1_DATABAR,        /* ]e0  GS1 DataBar and composites, GS1 */
    SCAN_SYM_DATAMATRIX,         /* ]d1 */
    SCAN_SYM_GS1_DATAMATRIX,     /* ]d2  GS1 */
    SCAN_SYM_DATAMATRIX_FNC1_2ND,/* ]d3 */
    SCAN_SYM_DATAMATRIX_ECI,     /* ]d4 ]d5 ]d6 */
    SCAN_SYM_QR,                 /* ]Q1 */
    SCAN_SYM_QR_ECI,             /* ]Q2 */
    SCAN_SYM_GS1_QR,             /* ]Q3  GS1 */
    SCAN_SYM_DOTCODE,            /* ]J0 */
    SCAN_SYM_GS1_DOTCODE,        /* ]J1  GS1 */
    SCAN_SYM_ITF,                /* ]I0, ]I1 (check digit verified) */
    SCAN_SYM_CODE39,             /* ]A0-]A7 */
    SCAN_SYM_CODABAR,            /* ]F */
    SCAN_SYM_CODE93,             /* ]G */
    SCAN_SYM_PDF417,             /* ]L */
    SCAN_SYM_MAXICODE,           /* ]U */
    SCAN_SYM_AZTEC,              /* ]z */
    SCAN_SYM_OTHER,              /* ]X  other barcode */
    SCAN_SYM_NON_BARCODE,        /* ]Z  non-barcode (keyboard, RFID...) */
    SCAN_SYM_COUNT
} scan_symbology;

/* One read split at its identifier. Pointers point into the bytes given to scan_aim_parse. */
typedef struct scan_aim_read {
    scan_symbology symbology;
    char aim[4];            /* "]C1", NUL-terminated; "" without identifier */
    char modifier;          /* '1' for ]C1; 0 without identifier */
    bool is_gs1;            /* data is GS1 element data, no leading FNC1 (]C1 ]e0 ]d2 ]Q3 ]J1) */
    bool is_gtin;           /* data is a GTIN-13 / GTIN-8 (]E0 ]E4), not an element string */
    const uint8_t *data;    /* after the identifier (and before "|]e0" for a composite) */
    size_t len;
    const uint8_t *composite;  /* ]E0/]E4 only: GS1 element data after "|]e0", else NULL */
    size_t composite_len;
} scan_aim_read;

/* Splits a read into identifier and data. Data that does not start with ']' has no identifier:
 * SCAN_SYM_UNKNOWN, aim "", data unchanged. Errors, with diag naming the bytes:
 * STIEL_ERR_TRUNCATED for "]" or "]C" (too short for an identifier); STIEL_ERR_SYNTAX for an
 * identifier not in the table ("]XX", "]C9"); STIEL_ERR_MISSING for a GS1 identifier with no data
 * ("]C1" alone, or an empty composite after "|]e0"). STIEL_ERR_ARG if bytes is NULL with len > 0
 * or out is NULL. On error *out is unspecified. */
stiel_status scan_aim_parse(const uint8_t *bytes, size_t len, scan_aim_read *out,
                            stiel_diag *diag);

/* Looks up a 3-character identifier ("]C1"). Returns the symbology and sets *is_gs1 (if not
 * NULL), or SCAN_SYM_UNKNOWN when id is not in the table. */
scan_symbology scan_aim_lookup(const char *id, size_t len, bool *is_gs1);

/* Human-readable name: "GS1-128", "EAN-13", "GS1 DataMatrix", "unknown"... Never NULL. */
const char *scan_symbology_name(scan_symbology symbology);

#endif
