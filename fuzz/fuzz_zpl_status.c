/* libFuzzer target for the ZPL ~HS and ~HI parsers: no crash, bounded output, state consistent
 * with conditions, and incremental completeness: when a reply parses, every shorter prefix of
 * it is TRUNCATED and the exact prefix parses to the same result. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/printer/zpl_status.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    zpl_host_status hs, hs2;
    size_t used = 0, used2 = 0;
    stiel_diag d;
    stiel_status st = zpl_hs_parse(data, size, &hs, &used, &d);
    if (st == STIEL_OK) {
        CHECK(used <= size);
        CHECK(hs.state == printer_state_from_conditions(hs.conditions));
        CHECK(hs.comm.raw <= 511);
        CHECK(zpl_hs_parse(data, used, &hs2, &used2, &d) == STIEL_OK);
        CHECK(used2 == used && memcmp(&hs, &hs2, sizeof hs) == 0);
        for (size_t k = 0; k < used; k += 1 + used / 64)
            CHECK(zpl_hs_parse(data, k, &hs2, &used2, &d) == STIEL_ERR_TRUNCATED);
    } else {
        CHECK(d.code == st);
        CHECK(st == STIEL_ERR_TRUNCATED || st == STIEL_ERR_SYNTAX || st == STIEL_ERR_CHARSET);
    }

    zpl_host_identification hi, hi2;
    st = zpl_hi_parse(data, size, &hi, &used, &d);
    if (st == STIEL_OK) {
        CHECK(used <= size);
        CHECK(strlen(hi.model) > 0 && strlen(hi.model) <= ZPL_HI_FIELD_MAX);
        CHECK(strlen(hi.firmware) > 0 && strlen(hi.options) <= ZPL_HI_FIELD_MAX);
        CHECK(zpl_hi_parse(data, used, &hi2, &used2, &d) == STIEL_OK);
        CHECK(memcmp(&hi, &hi2, sizeof hi) == 0);
    } else {
        CHECK(d.code == st);
    }
    return 0;
}
