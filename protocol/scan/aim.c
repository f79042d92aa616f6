/* AIM / ISO/IEC 15424 symbology identifiers: the table (code character, allowed modifiers,
 * symbology, GS1 flag), the split of a read into identifier and data, and symbology names. */
#include "protocol/scan/aim.h"

#include <string.h>

typedef struct aim_entry {
    char code;              /* the character after ']' */
    const char *modifiers;  /* the modifier characters this entry accepts */
    scan_symbology symbology;
    bool is_gs1;
} aim_entry;

/* Reference: protocols.md 1.2 (gs1-syntax-engine scandata.c, Honeywell manuals, zxing-cpp). */
static const aim_entry aim_table[] = {
    {'C', "0", SCAN_SYM_CODE128, false},
    {'C', "1", SCAN_SYM_GS1_128, true},
    {'C', "2", SCAN_SYM_CODE128_FNC1_2ND, false},
    {'C', "4", SCAN_SYM_ISBT128, false},
    {'E', "0", SCAN_SYM_EAN13, false},
    {'E', "1", SCAN_SYM_EAN_ADDON2, false},
    {'E', "2", SCAN_SYM_EAN_ADDON5, false},
    {'E', "3", SCAN_SYM_EAN_WITH_ADDON, false},
    {'E', "4", SCAN_SYM_EAN8, false},
    {'e', "0", SCAN_SYM_GS1_DATABAR, true},
    {'d', "1", SCAN_SYM_DATAMATRIX, false},
    {'d', "2", SCAN_SYM_GS1_DATAMATRIX, true},
    {'d', "3", SCAN_SYM_DATAMATRIX_FNC1_2ND, false},
    {'d', "456", SCAN_SYM_DATAMATRIX_ECI, false},
    {'Q', "01", SCAN_SYM_QR, false},
    {'Q', "2", SCAN_SYM_QR_ECI, false},
    {'Q', "3", SCAN_SYM_GS1_QR, true},
    {'J', "0", SCAN_SYM_DOTCODE, false},
    {'J', "1", SCAN_SYM_GS1_DOTCODE, true},
    {'I', "013", SCAN_SYM_ITF, false},
    {'A', "01234567", SCAN_SYM_CODE39, false},
    {'F', "01234", SCAN_SYM_CODABAR, false},
    {'G', "0", SCAN_SYM_CODE93, false},
    {'L', "0123456", SCAN_SYM_PDF417, false},
    {'U', "0123", SCAN_SYM_MAXICODE, false},
    {'z', "0123456789ABC", SCAN_SYM_AZTEC, false},
    {'X', "0123456789ABCDEF", SCAN_SYM_OTHER, false},
    {'Z', "0123456789ABCDEF", SCAN_SYM_NON_BARCODE, false},
};

static const char *const symbology_names[SCAN_SYM_COUNT] = {
    [SCAN_SYM_UNKNOWN] = "unknown",
    [SCAN_SYM_CODE128] = "Code 128",
    [SCAN_SYM_GS1_128] = "GS1-128",
    [SCAN_SYM_CODE128_FNC1_2ND] = "Code 128 (FNC1 in 2nd position)",
    [SCAN_SYM_ISBT128] = "ISBT 128",
    [SCAN_SYM_EAN13] = "EAN-13",
    [SCAN_SYM_EAN_ADDON2] = "EAN/UPC 2-digit add-on",
    [SCAN_SYM_EAN_ADDON5] = "EAN/UPC 5-digit add-on",
    [SCAN_SYM_EAN_WITH_ADDON] = "EAN/UPC with add-on",
    [SCAN_SYM_EAN8] = "EAN-8",
    [SCAN_SYM_GS1_DATABAR] = "GS1 DataBar",
    [SCAN_SYM_DATAMATRIX] = "DataMatrix",
    [SCAN_SYM_GS1_DATAMATRIX] = "GS1 DataMatrix",
    [SCAN_SYM_DATAMATRIX_FNC1_2ND] = "DataMatrix (FNC1 in 2nd position)",
    [SCAN_SYM_DATAMATRIX_ECI] = "DataMatrix (ECI)",
    [SCAN_SYM_QR] = "QR Code",
    [SCAN_SYM_QR_ECI] = "QR Code (ECI)",
    [SCAN_SYM_GS1_QR] = "GS1 QR Code",
    [SCAN_SYM_DOTCODE] = "DotCode",
    [SCAN_SYM_GS1_DOTCODE] = "GS1 DotCode",
    [SCAN_SYM_ITF] = "ITF",
    [SCAN_SYM_CODE39] = "Code 39",
    [SCAN_SYM_CODABAR] = "Codabar",
    [SCAN_SYM_CODE93] = "Code 93",
    [SCAN_SYM_PDF417] = "PDF417",
    [SCAN_SYM_MAXICODE] = "MaxiCode",
    [SCAN_SYM_AZTEC] = "Aztec",
    [SCAN_SYM_OTHER] = "other",
    [SCAN_SYM_NON_BARCODE] = "non-barcode",
};

const char *scan_symbology_name(scan_symbology symbology)
{
    if ((unsigned)symbology >= SCAN_SYM_COUNT || symbology_names[symbology] == NULL)
        return "unknown";
    return symbology_names[symbology];
}

static const aim_entry *aim_find(char code, char modifier)
{
    if (modifier == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof aim_table / sizeof aim_table[0]; i++)
        if (aim_table[i].code == code && strchr(aim_table[i].modifiers, modifier) != NULL)
            return &aim_table[i];
    return NULL;
}

scan_symbology scan_aim_lookup(const char *id, size_t len, bool *is_gs1)
{
    if (is_gs1 != NULL)
        *is_gs1 = false;
    if (id == NULL || len != 3 || id[0] != ']')
        return SCAN_SYM_UNKNOWN;
    const aim_entry *e = aim_find(id[1], id[2]);
    if (e == NULL)
        return SCAN_SYM_UNKNOWN;
    if (is_gs1 != NULL)
        *is_gs1 = e->is_gs1;
    return e->symbology;
}

/* Writes up to 3 bytes as text for a diagnostic: printable ASCII as is, others as \xHH. */
static void aim_bytes_show(const uint8_t *b, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; i < n && i < 3 && o + 5 < cap; i++) {
        if (b[i] >= 0x20 && b[i] < 0x7F) {
            out[o++] = (char)b[i];
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[b[i] >> 4];
            out[o++] = hex[b[i] & 0xF];
        }
    }
    out[o] = '\0';
}

/* For ]E0 / ]E4: splits "digits|]e0composite" into the two parts. */
static stiel_status aim_split_composite(scan_aim_read *out, stiel_diag *diag)
{
    const uint8_t *bar = memchr(out->data, '|', out->len);
    if (bar == NULL)
        return STIEL_OK;
    size_t at = (size_t)(bar - out->data);
    size_t rest = out->len - at - 1;
    if (rest < 3 || memcmp(bar + 1, "]e0", 3) != 0)
        return STIEL_OK;  /* not a composite separator: the GTIN check will say what is wrong */
    out->composite = bar + 4;
    out->composite_len = rest - 3;
    out->len = at;
    if (out->composite_len == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "%s composite: no GS1 data after the '|]e0' separator", out->aim);
    return STIEL_OK;
}

stiel_status scan_aim_parse(const uint8_t *bytes, size_t len, scan_aim_read *out,
                            stiel_diag *diag)
{
    if (out == NULL || (bytes == NULL && len > 0))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "scan_aim_parse: no read or no output");
    memset(out, 0, sizeof *out);
    out->symbology = SCAN_SYM_UNKNOWN;
    out->data = bytes;
    out->len = len;
    stiel_diag_clear(diag);
    if (len == 0 || bytes[0] != ']')
        return STIEL_OK;

    char shown[16];
    aim_bytes_show(bytes, len, shown, sizeof shown);
    if (len < 3)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "read '%s' starts like an AIM identifier but is too short for one "
                              "(']', a code letter and a modifier)", shown);
    const aim_entry *e = aim_find((char)bytes[1], (char)bytes[2]);
    if (e == NULL)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "AIM identifier '%s' is not known: check the scanner's code ID "
                              "setting (it should send AIM/ISO 15424 identifiers)", shown);
    out->symbology = e->symbology;
    out->aim[0] = ']';
    out->aim[1] = (char)bytes[1];
    out->aim[2] = (char)bytes[2];
    out->aim[3] = '\0';
    out->modifier = (char)bytes[2];
    out->is_gs1 = e->is_gs1;
    out->is_gtin = e->symbology == SCAN_SYM_EAN13 || e->symbology == SCAN_SYM_EAN8;
    out->data = bytes + 3;
    out->len = len - 3;
    if (out->is_gs1 && out->len == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "%s (%s) read carries no GS1 data",
                              out->aim, scan_symbology_name(out->symbology));
    if (out->is_gtin)
        return aim_split_composite(out, diag);
    return STIEL_OK;
}
