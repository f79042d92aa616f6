/* One complete scanner read to meaning: AIM identifier, then GS1 element data (]C1 ]e0 ]d2 ]Q3
 * ]J1, and the composite of ]E0/]E4) or a checked GTIN (]E0 ]E4). What a driver hands to the
 * kiosk and what `stiel decode` prints. Pure. */
#ifndef STIEL_PROTOCOL_SCAN_DECODE_H
#define STIEL_PROTOCOL_SCAN_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "protocol/scan/aim.h"
#include "protocol/scan/gs1.h"

typedef struct scan_decoded {
    bool aim_ok;             /* the identifier parsed: aim is valid (also when GS1 failed) */
    scan_aim_read aim;       /* symbology, id, data (pointers into the read) */
    bool has_gs1;            /* gs1 holds the validated pairs (element data or composite) */
    gs1_element_string gs1;
    bool has_gtin;           /* ]E0 / ]E4 with a correct check digit */
    char gtin[15];           /* its 14-digit GTIN, NUL-terminated */
} scan_decoded;

/* Decodes one read (as delivered by the framer). STIEL_OK: every part is valid. Otherwise the
 * status and diag of the first problem: an identifier error (aim_ok false), a GS1 error naming
 * the AI ("AI (01): check digit is 2, expected 1"), or a GTIN error; the fields that did decode
 * stay set. Data without identifier is STIEL_OK with symbology SCAN_SYM_UNKNOWN (no GS1 guess).
 * STIEL_ERR_ARG if out is NULL or bytes is NULL with len > 0. */
stiel_status scan_decode(const uint8_t *bytes, size_t len, scan_decoded *out, stiel_diag *diag);

#endif
