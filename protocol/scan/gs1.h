/* GS1 element strings: parse scanned data into (AI, value) pairs, validate each AI's format
 * (digits, lengths, check digits, dates, decimal AIs), and build element strings and the
 * human-readable "(01)...(10)..." text back from pairs. Pure. */
#ifndef STIEL_PROTOCOL_SCAN_GS1_H
#define STIEL_PROTOCOL_SCAN_GS1_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

#define GS1_GS '\x1d'  /* FNC1 as a separator on the wire */

enum { GS1_AI_MAX = 4, GS1_VALUE_MAX = 90, GS1_MAX_PAIRS = 24 };

typedef struct gs1_pair {
    char ai[GS1_AI_MAX + 1];        /* "01", "3103", "414" */
    char value[GS1_VALUE_MAX + 1];  /* the data after the AI, without separators */
} gs1_pair;

typedef struct gs1_element_string {
    size_t count;
    gs1_pair pairs[GS1_MAX_PAIRS];
} gs1_element_string;

/* Parses element data as a scanner sends it after a GS1 AIM id (no leading FNC1): AIs with a
 * predefined length need no separator, others end at GS (0x1D) or the end; a trailing GS is
 * tolerated. Every pair is validated (gs1_pair_validate). On error, out is unspecified and diag
 * names the AI and the problem ("AI (01): check digit is 2, expected 1"). */
stiel_status gs1_parse_element_string(const char *data, size_t len, gs1_element_string *out,
                                      stiel_diag *diag);

/* Parses bracketed human-readable text "(01)12345678901231(10)ABC" (as on templates and in the
 * CLI); validates like gs1_parse_element_string. */
stiel_status gs1_parse_hri(const char *text, gs1_element_string *out, stiel_diag *diag);

/* Validates one pair against the AI table: known AI, characters (N digits / X GS1 charset 82),
 * length, check digit (GTIN, SSCC, GLN), date YYMMDD (DD 00 allowed), decimal AIs (310n...). */
stiel_status gs1_pair_validate(const gs1_pair *pair, stiel_diag *diag);

/* True when the AI has a predefined length and so needs no FNC1 after its value. */
bool gs1_ai_is_predefined_length(const char *ai);

/* Writes the pairs as an element string: each variable-length value that is not last is
 * followed by sep (GS1_GS on the wire). NUL-terminates; STIEL_ERR_NOSPACE if cap is short. */
stiel_status gs1_build_element_string(const gs1_element_string *es, char sep, char *out,
                                      size_t cap, size_t *out_len);

/* Writes "(01)12345678901231(10)ABC" for the pairs. NUL-terminates; STIEL_ERR_NOSPACE if short. */
stiel_status gs1_build_hri(const gs1_element_string *es, char *out, size_t cap);

/* Mod-10 (weights 3/1 from the right) check digit for len digits that do not include it.
 * Returns '0'..'9', or 0 when a non-digit is present. */
char gs1_check_digit_compute(const char *digits, size_t len);

/* True when the last of len digits is the correct mod-10 check digit of the others. */
bool gs1_check_digit_valid(const char *digits, size_t len);

/* Checks a GTIN as EAN/UPC scanners send it (8, 12, 13 or 14 digits, check digit last) and writes
 * it as the 14-digit GTIN of AI (01), zero-padded on the left, NUL-terminated, into out.
 * STIEL_ERR_CHARSET (non-digit), STIEL_ERR_LENGTH (other lengths), STIEL_ERR_CHECK_DIGIT
 * ("GTIN 4006381333932: check digit is 2, expected 1"). Added by the scan codec. */
stiel_status gs1_gtin_normalize(const char *digits, size_t len, char out[15], stiel_diag *diag);

#endif
