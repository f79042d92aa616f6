/* libFuzzer target for protocol/scan/aim and scan_decode: any bytes as a read. Invariants: the
 * identifier and data point into the input, the table lookup agrees, names are never NULL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/scan/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
    scan_aim_read a;
    stiel_diag d;
    stiel_status st = scan_aim_parse(in, n, &a, &d);
    if (st == STIEL_OK || st == STIEL_ERR_MISSING) {
        size_t id = strlen(a.aim);
        if (id != 0 && id != 3)
            abort();
        if (a.data != in + id || a.len > n - id)
            abort();
        if (id == 3) {
            bool gs1 = false;
            if (scan_aim_lookup(a.aim, 3, &gs1) != a.symbology || gs1 != a.is_gs1 ||
                a.modifier != a.aim[2] || memcmp(a.aim, in, 3) != 0)
                abort();
        } else if (a.symbology != SCAN_SYM_UNKNOWN || a.len != n) {
            abort();
        }
        if (a.composite != NULL &&
            (a.composite < in || a.composite + a.composite_len > in + n || !a.is_gtin))
            abort();
        if (a.composite == NULL && st == STIEL_OK && a.len != n - id)
            abort();
    } else if (d.code != st || d.text[0] == '\0') {
        abort();
    }
    if (scan_symbology_name(a.symbology) == NULL)
        abort();

    static scan_decoded r;
    st = scan_decode(in, n, &r, &d);
    if (st != STIEL_OK && d.text[0] == '\0')
        abort();
    if (r.has_gtin && strlen(r.gtin) != 14)
        abort();
    if (r.has_gs1 && (r.gs1.count == 0 || r.gs1.count > GS1_MAX_PAIRS))
        abort();
    return 0;
}
