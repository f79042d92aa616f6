/* libFuzzer target for the ESC/POS DLE EOT status decoder: each byte is a reply to the query
 * chosen by the byte before it; a byte is accepted exactly when bits 1 and 4 are set, a
 * rejected byte leaves the status untouched, and the state follows the conditions. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/printer/escpos_status.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    escpos_status s;
    escpos_status_init(&s);
    stiel_diag d;
    for (size_t i = 0; i + 1 < size; i += 2) {
        escpos_status_kind n = (escpos_status_kind)(data[i] % 6);
        uint8_t b = data[i + 1];
        escpos_status before = s;
        stiel_status st = escpos_status_decode(n, b, &s, &d);
        bool valid_n = n >= 1 && n <= 4;
        bool fixed = (b & 0x12) == 0x12;
        if (!valid_n)
            CHECK(st == STIEL_ERR_ARG);
        else if (!fixed)
            CHECK(st == STIEL_ERR_SYNTAX);
        else
            CHECK(st == STIEL_OK && s.have[n] && s.raw[n] == b);
        if (st != STIEL_OK)
            CHECK(memcmp(&before, &s, sizeof s) == 0 && d.code == st);
        CHECK(s.state == printer_state_from_conditions(s.conditions));
    }
    size_t used = 0;
    escpos_status p;
    escpos_status_init(&p);
    stiel_status st = escpos_status_parse(ESCPOS_STATUS_PAPER, data, size, &p, &used, &d);
    if (size == 0)
        CHECK(st == STIEL_ERR_TRUNCATED);
    else if ((data[size - 1] & 0x12) == 0x12)
        CHECK(st == STIEL_OK && used == size && p.skipped == size - 1);
    else
        CHECK(st == STIEL_ERR_SYNTAX);
    return 0;
}
