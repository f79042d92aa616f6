/* The Serial Shipping Container Code of a package: 18 digits = extension digit + GS1 company
 * prefix + serial reference (zero-padded to fill 17 digits) + mod-10 check digit, as AI (00)
 * carries it on a GS1-128 shipping label. Pure. */
#ifndef STIEL_CORE_SSCC_H
#define STIEL_CORE_SSCC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

enum { SSCC_LEN = 18, SSCC_PREFIX_MIN = 4, SSCC_PREFIX_MAX = 12 };

/* Where a flow's SSCCs come from: the hub's extension digit and company prefix, and the serial
 * reference of the first SSCC (the app keeps the counter; see pack_flow_init). */
typedef struct sscc_source {
    char extension;                          /* '0'..'9' */
    char company_prefix[SSCC_PREFIX_MAX + 1]; /* 4..12 digits */
    uint64_t first_serial;
} sscc_source;

/* The number of serial references a company prefix of prefix_len digits leaves:
 * 10^(16 - prefix_len); 0 for a length out of 4..12. */
uint64_t sscc_serial_count(size_t prefix_len);

/* Writes the 18-digit SSCC (NUL-terminated) for extension, prefix and serial. STIEL_ERR_ARG when
 * the extension is not a digit, the prefix is not 4..12 digits, or serial does not fit in the
 * 16 - prefix-length digits left. */
stiel_status sscc_build(char extension, const char *prefix, uint64_t serial,
                        char out[SSCC_LEN + 1], stiel_diag *diag);

#endif
