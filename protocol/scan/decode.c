/* One scanner read to meaning: the AIM split, then GS1 element data or a checked GTIN, keeping
 * whatever decoded when a later part fails. */
#include "protocol/scan/decode.h"

#include <string.h>

stiel_status scan_decode(const uint8_t *bytes, size_t len, scan_decoded *out, stiel_diag *diag)
{
    if (out == NULL || (bytes == NULL && len > 0))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "scan_decode: no read or no output");
    memset(out, 0, sizeof *out);
    stiel_status st = scan_aim_parse(bytes, len, &out->aim, diag);
    if (st != STIEL_OK && st != STIEL_ERR_MISSING)
        return st;
    out->aim_ok = true;
    if (st != STIEL_OK)
        return st;  /* a GS1 identifier (or composite separator) with no data */

    const scan_aim_read *a = &out->aim;
    if (a->is_gs1) {
        st = gs1_parse_element_string((const char *)a->data, a->len, &out->gs1, diag);
        out->has_gs1 = st == STIEL_OK;
        return st;
    }
    if (a->is_gtin) {
        st = gs1_gtin_normalize((const char *)a->data, a->len, out->gtin, diag);
        out->has_gtin = st == STIEL_OK;
        if (st != STIEL_OK || a->composite == NULL)
            return st;
        st = gs1_parse_element_string((const char *)a->composite, a->composite_len, &out->gs1,
                                      diag);
        out->has_gs1 = st == STIEL_OK;
        return st;
    }
    return STIEL_OK;
}
