/* libFuzzer target for the TSPL status parsers: the one-byte status takes the last byte, the
 * extended status is 8 framed bytes; prefixes of a good reply are TRUNCATED. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/printer/tspl_status.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    tspl_status s;
    size_t used = 0;
    stiel_diag d;
    stiel_status st = tspl_status_parse(data, size, &s, &used, &d);
    if (size == 0) {
        CHECK(st == STIEL_ERR_TRUNCATED);
    } else {
        CHECK(st == STIEL_OK && used == size && s.raw == data[size - 1]);
        CHECK(s.skipped == size - 1);
        CHECK(s.state == printer_state_from_conditions(s.conditions));
        CHECK((s.raw == 0) == (s.conditions == 0));
    }

    tspl_status_ext e, e2;
    size_t used2 = 0;
    st = tspl_status_ext_parse(data, size, &e, &used, &d);
    if (st == STIEL_OK) {
        CHECK(used >= 8 && used <= size);
        CHECK(e.normal == (memcmp(e.raw, "@@@@", 4) == 0));
        CHECK(e.state == (e.normal ? PRINTER_STATE_READY : PRINTER_STATE_ERROR));
        CHECK(tspl_status_ext_parse(data, used, &e2, &used2, &d) == STIEL_OK);
        CHECK(used2 == used && memcmp(&e, &e2, sizeof e) == 0);
        for (size_t k = used - 8; k < used; k++)
            CHECK(tspl_status_ext_parse(data, k, &e2, &used2, &d) == STIEL_ERR_TRUNCATED);
    } else {
        CHECK(d.code == st);
        CHECK(st == STIEL_ERR_TRUNCATED || st == STIEL_ERR_SYNTAX);
    }
    return 0;
}
