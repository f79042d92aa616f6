/* Reading a GTIN or an SSCC out of a scan (flow.h): the one set of rules the pick and pack flows
 * share for EAN/UPC reads, GS1 element strings and what a keyboard wedge types. */
#include "kiosk/core/flow.h"

#include <string.h>

#include "protocol/scan/gs1.h"

static bool is_gs1_symbology(scan_symbology s)
{
    return s == SCAN_SYM_GS1_128 || s == SCAN_SYM_GS1_DATABAR || s == SCAN_SYM_GS1_DATAMATRIX ||
           s == SCAN_SYM_GS1_QR || s == SCAN_SYM_GS1_DOTCODE;
}

/* Copies the value of AI ai when it has exactly len characters. */
static bool pair_value(const gs1_element_string *es, const char *ai, size_t len, char *dst)
{
    for (size_t k = 0; k < es->count; k++) {
        if (strcmp(es->pairs[k].ai, ai) == 0 && strlen(es->pairs[k].value) == len) {
            memcpy(dst, es->pairs[k].value, len + 1);
            return true;
        }
    }
    return false;
}

/* Parses GS1 data from a GS1 symbology or a wedge's "(..)" text; false for anything else. */
static bool gs1_pairs(scan_symbology sym, const char *data, gs1_element_string *es)
{
    if (is_gs1_symbology(sym))
        return gs1_parse_element_string(data, strlen(data), es, NULL) == STIEL_OK;
    if (sym == SCAN_SYM_UNKNOWN && data[0] == '(')
        return gs1_parse_hri(data, es, NULL) == STIEL_OK;
    return false;
}

bool flow_scan_gtin(scan_symbology sym, const char *data, char gtin[15])
{
    static const gs1_element_string empty;
    gs1_element_string es = empty;
    if (is_gs1_symbology(sym) || (sym == SCAN_SYM_UNKNOWN && data[0] == '('))
        return gs1_pairs(sym, data, &es) && pair_value(&es, "01", 14, gtin);
    if (sym != SCAN_SYM_UNKNOWN && sym != SCAN_SYM_EAN13 && sym != SCAN_SYM_EAN8)
        return false;
    return gs1_gtin_normalize(data, strlen(data), gtin, NULL) == STIEL_OK;
}

bool flow_scan_sscc(scan_symbology sym, const char *data, char sscc[FLOW_SSCC_LEN + 1])
{
    static const gs1_element_string empty;
    gs1_element_string es = empty;
    if (gs1_pairs(sym, data, &es))
        return pair_value(&es, "00", FLOW_SSCC_LEN, sscc);
    /* a wedge that drops the FNC1 of a GS1-128 label types "00" and the 18 digits */
    if (sym == SCAN_SYM_UNKNOWN && strlen(data) == 2 + FLOW_SSCC_LEN && data[0] == '0' &&
        data[1] == '0' && gs1_parse_element_string(data, strlen(data), &es, NULL) == STIEL_OK)
        return pair_value(&es, "00", FLOW_SSCC_LEN, sscc);
    return false;
}
