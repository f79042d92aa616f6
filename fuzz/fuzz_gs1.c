/* libFuzzer target for protocol/scan/gs1: the input as element data and as HRI text. Whatever
 * parses must build back (element string and HRI) and re-parse to the same pairs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/scan/gs1.h"

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);

static void same_pairs(const gs1_element_string *a, const gs1_element_string *b)
{
    if (a->count != b->count)
        abort();
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->pairs[i].ai, b->pairs[i].ai) != 0 ||
            strcmp(a->pairs[i].value, b->pairs[i].value) != 0)
            abort();
}

static void round_trip(const gs1_element_string *es)
{
    static char out[GS1_MAX_PAIRS * (GS1_AI_MAX + 2 * GS1_VALUE_MAX + 4) + 1];
    static gs1_element_string again;
    stiel_diag d;
    size_t len = 0;
    for (size_t i = 0; i < es->count; i++)
        if (gs1_pair_validate(&es->pairs[i], &d) != STIEL_OK)
            abort();
    if (gs1_build_element_string(es, GS1_GS, out, sizeof out, &len) != STIEL_OK ||
        len != strlen(out))
        abort();
    if (gs1_parse_element_string(out, len, &again, &d) != STIEL_OK)
        abort();
    same_pairs(es, &again);
    if (gs1_build_hri(es, out, sizeof out) != STIEL_OK)
        abort();
    if (gs1_parse_hri(out, &again, &d) != STIEL_OK)
        abort();
    same_pairs(es, &again);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
    static gs1_element_string es;
    stiel_diag d;
    stiel_status st = gs1_parse_element_string((const char *)in, n, &es, &d);
    if (st == STIEL_OK)
        round_trip(&es);
    else if (d.code != st || d.text[0] == '\0')
        abort();

    char *text = malloc(n + 1);
    if (text == NULL)
        return 0;
    memcpy(text, in, n);
    text[n] = '\0';
    st = gs1_parse_hri(text, &es, &d);
    if (st == STIEL_OK)
        round_trip(&es);
    else if (d.code != st || d.text[0] == '\0')
        abort();
    free(text);

    char cd = gs1_check_digit_compute((const char *)in, n);
    if (cd != 0 && (cd < '0' || cd > '9'))
        abort();
    return 0;
}
