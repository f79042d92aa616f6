/* TSPL status replies: <ESC>!? one-byte status bits and the <ESC>!S framed 4-byte status.
 * Pure. */
#include "protocol/printer/tspl_status.h"

#include <string.h>

enum { STX = 0x02, ETX = 0x03, CR = 0x0D, LF = 0x0A, NORMAL = '@' };

void tspl_status_decode(uint8_t byte, tspl_status *out)
{
    static const struct {
        uint8_t bit;
        uint32_t cond;
    } map[] = {
        {TSPL_ST_HEAD_OPEN, PRINTER_COND_HEAD_OPEN},   {TSPL_ST_PAPER_JAM, PRINTER_COND_PAPER_JAM},
        {TSPL_ST_PAPER_OUT, PRINTER_COND_PAPER_OUT},   {TSPL_ST_RIBBON_OUT, PRINTER_COND_RIBBON_OUT},
        {TSPL_ST_PAUSE, PRINTER_COND_PAUSED},          {TSPL_ST_PRINTING, PRINTER_COND_PRINTING},
        {TSPL_ST_COVER_OPEN, PRINTER_COND_COVER_OPEN}, {TSPL_ST_TEMPERATURE, PRINTER_COND_OVER_TEMP},
    };
    memset(out, 0, sizeof *out);
    out->raw = byte;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (byte & map[i].bit)
            out->conditions |= map[i].cond;
    out->state = printer_state_from_conditions(out->conditions);
}

stiel_status tspl_status_parse(const uint8_t *bytes, size_t n, tspl_status *out, size_t *used,
                               stiel_diag *diag)
{
    if (bytes == NULL || n == 0)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "TSPL printer status: no reply byte received yet");
    tspl_status_decode(bytes[n - 1], out);
    out->skipped = n - 1;
    *used = n;
    stiel_diag_clear(diag);
    return STIEL_OK;
}

stiel_status tspl_status_ext_parse(const uint8_t *bytes, size_t n, tspl_status_ext *out,
                                   size_t *used, stiel_diag *diag)
{
    if (bytes == NULL)
        n = 0;
    size_t i = 0;
    while (i < n && bytes[i] != STX)
        i++;
    if (i >= n)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "TSPL extended status: no start (STX) received yet");
    const uint8_t *r = bytes + i;
    size_t have = n - i;
    for (size_t k = 1; k <= 4 && k < have; k++)
        if (r[k] < 0x20)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "TSPL extended status: byte %zu is control byte 0x%02X, "
                                  "expected a status character",
                                  k, r[k]);
    static const uint8_t tail[3] = {ETX, CR, LF};
    for (size_t k = 5; k < TSPL_EXT_REPLY_LEN && k < have; k++)
        if (r[k] != tail[k - 5])
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "TSPL extended status: byte %zu is 0x%02X, expected %s", k,
                                  r[k], k == 5 ? "ETX" : k == 6 ? "CR" : "LF");
    if (have < TSPL_EXT_REPLY_LEN)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "TSPL extended status: %zu of 8 bytes received", have);
    tspl_status_ext s;
    memset(&s, 0, sizeof s);
    memcpy(s.raw, r + 1, 4);
    s.normal = s.raw[0] == NORMAL && s.raw[1] == NORMAL && s.raw[2] == NORMAL &&
               s.raw[3] == NORMAL;
    s.conditions = s.normal ? 0 : PRINTER_COND_NOT_NORMAL;
    s.state = printer_state_from_conditions(s.conditions);
    *out = s;
    *used = i + TSPL_EXT_REPLY_LEN;
    stiel_diag_clear(diag);
    return STIEL_OK;
}
