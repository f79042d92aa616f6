/* Building SSCCs (sscc.h): digits laid out per the GS1 General Specifications, check digit by
 * gs1_check_digit_compute. */
#include "kiosk/core/sscc.h"

#include <string.h>

#include "protocol/scan/gs1.h"

uint64_t sscc_serial_count(size_t prefix_len)
{
    if (prefix_len < SSCC_PREFIX_MIN || prefix_len > SSCC_PREFIX_MAX)
        return 0;
    uint64_t n = 1;
    for (size_t k = 0; k < 16 - prefix_len; k++)
        n *= 10;
    return n;
}

stiel_status sscc_build(char extension, const char *prefix, uint64_t serial,
                        char out[SSCC_LEN + 1], stiel_diag *diag)
{
    if (!prefix || !out || extension < '0' || extension > '9')
        return stiel_diag_set(diag, STIEL_ERR_ARG, "SSCC: the extension digit must be 0-9");
    size_t plen = strlen(prefix);
    if (plen < SSCC_PREFIX_MIN || plen > SSCC_PREFIX_MAX ||
        strspn(prefix, "0123456789") != plen)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "SSCC: company prefix \"%.16s\" is not %d to %d digits", prefix,
                              SSCC_PREFIX_MIN, SSCC_PREFIX_MAX);
    if (serial >= sscc_serial_count(plen))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "SSCC: serial %llu does not fit in %zu digits after prefix %s",
                              (unsigned long long)serial, 16 - plen, prefix);
    char digits[SSCC_LEN + 1];
    digits[0] = extension;
    memcpy(digits + 1, prefix, plen);
    for (size_t k = SSCC_LEN - 2; k > plen; k--) {  /* serial reference, right-aligned */
        digits[k] = (char)('0' + serial % 10);
        serial /= 10;
    }
    digits[SSCC_LEN - 1] = gs1_check_digit_compute(digits, SSCC_LEN - 1);
    digits[SSCC_LEN] = '\0';
    memcpy(out, digits, SSCC_LEN + 1);
    return STIEL_OK;
}
