/* GS1 element strings: the AI table (reference protocols.md 2.1), per-pair validation (charset,
 * length, check digit, date, decimal indicator), parsing of scanned element data and of bracketed
 * HRI text, and the builders back to both forms. */
#include "protocol/scan/gs1.h"

#include <stdio.h>
#include <string.h>

typedef enum ai_kind {
    AI_PLAIN = 0,
    AI_CSUM,     /* last digit is a mod-10 check digit */
    AI_DATE,     /* YYMMDD, DD 00 allowed */
    AI_DECIMAL,  /* 4-digit AI whose last digit (0-5) is the number of decimals */
    AI_COUNTRY   /* N3 ISO country code, then X..max-3 */
} ai_kind;

typedef struct ai_entry {
    const char *ai;    /* the AI, or its first 3 digits for AI_DECIMAL */
    bool numeric;      /* N (digits) or X (GS1 charset 82) */
    unsigned min;      /* shortest value */
    unsigned max;      /* longest value (== min for fixed lengths) */
    ai_kind kind;
    const char *title;
} ai_entry;

static const ai_entry ai_table[] = {
    {"00", true, 18, 18, AI_CSUM, "SSCC"},
    {"01", true, 14, 14, AI_CSUM, "GTIN"},
    {"02", true, 14, 14, AI_CSUM, "CONTENT"},
    {"10", false, 1, 20, AI_PLAIN, "BATCH/LOT"},
    {"11", true, 6, 6, AI_DATE, "PROD DATE"},
    {"12", true, 6, 6, AI_DATE, "DUE DATE"},
    {"13", true, 6, 6, AI_DATE, "PACK DATE"},
    {"15", true, 6, 6, AI_DATE, "BEST BEFORE"},
    {"16", true, 6, 6, AI_DATE, "SELL BY"},
    {"17", true, 6, 6, AI_DATE, "USE BY"},
    {"20", true, 2, 2, AI_PLAIN, "VARIANT"},
    {"21", false, 1, 20, AI_PLAIN, "SERIAL"},
    {"22", false, 1, 20, AI_PLAIN, "CPV"},
    {"30", true, 1, 8, AI_PLAIN, "VAR. COUNT"},
    {"37", true, 1, 8, AI_PLAIN, "COUNT"},
    {"310", true, 6, 6, AI_DECIMAL, "NET WEIGHT (kg)"},
    {"311", true, 6, 6, AI_DECIMAL, "LENGTH (m)"},
    {"312", true, 6, 6, AI_DECIMAL, "WIDTH (m)"},
    {"313", true, 6, 6, AI_DECIMAL, "HEIGHT (m)"},
    {"314", true, 6, 6, AI_DECIMAL, "AREA (m2)"},
    {"315", true, 6, 6, AI_DECIMAL, "NET VOLUME (l)"},
    {"316", true, 6, 6, AI_DECIMAL, "NET VOLUME (m3)"},
    {"320", true, 6, 6, AI_DECIMAL, "NET WEIGHT (lb)"},
    {"330", true, 6, 6, AI_DECIMAL, "GROSS WEIGHT (kg)"},
    {"331", true, 6, 6, AI_DECIMAL, "LENGTH (m), log"},
    {"332", true, 6, 6, AI_DECIMAL, "WIDTH (m), log"},
    {"333", true, 6, 6, AI_DECIMAL, "HEIGHT (m), log"},
    {"334", true, 6, 6, AI_DECIMAL, "AREA (m2), log"},
    {"335", true, 6, 6, AI_DECIMAL, "VOLUME (l), log"},
    {"336", true, 6, 6, AI_DECIMAL, "VOLUME (m3), log"},
    {"337", true, 6, 6, AI_DECIMAL, "KG PER m2"},
    {"400", false, 1, 30, AI_PLAIN, "ORDER NUMBER"},
    {"401", false, 1, 30, AI_PLAIN, "GINC"},
    {"402", true, 17, 17, AI_CSUM, "GSIN"},
    {"403", false, 1, 30, AI_PLAIN, "ROUTE"},
    {"410", true, 13, 13, AI_CSUM, "SHIP TO LOC"},
    {"411", true, 13, 13, AI_CSUM, "BILL TO"},
    {"412", true, 13, 13, AI_CSUM, "PURCHASE FROM"},
    {"413", true, 13, 13, AI_CSUM, "SHIP FOR LOC"},
    {"414", true, 13, 13, AI_CSUM, "LOC No."},
    {"415", true, 13, 13, AI_CSUM, "PAY TO"},
    {"420", false, 1, 20, AI_PLAIN, "SHIP TO POST"},
    {"421", false, 4, 12, AI_COUNTRY, "SHIP TO POST"},
    {"90", false, 1, 30, AI_PLAIN, "INTERNAL"},
    {"91", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"92", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"93", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"94", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"95", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"96", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"97", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"98", false, 1, 90, AI_PLAIN, "INTERNAL"},
    {"99", false, 1, 90, AI_PLAIN, "INTERNAL"},
};

/* Predefined value lengths by 2-digit AI prefix (gs1-syntax-engine ai.c fixedAIprefixLengths). */
static const struct {
    char prefix[3];
    unsigned len;
} predefined[] = {
    {"00", 18}, {"01", 14}, {"02", 14}, {"03", 14}, {"04", 16}, {"11", 6}, {"12", 6},
    {"13", 6},  {"14", 6},  {"15", 6},  {"16", 6},  {"17", 6},  {"18", 6}, {"19", 6},
    {"20", 2},  {"31", 6},  {"32", 6},  {"33", 6},  {"34", 6},  {"35", 6}, {"36", 6},
    {"41", 13},
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* GS1 AI encodable character set 82. */
static bool is_cset82(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return true;
    return c != '\0' && strchr("!\"%&'()*+,-./:;<=>?_", c) != NULL;
}

static unsigned predefined_length(const char *ai)
{
    if (ai == NULL || !is_digit(ai[0]) || !is_digit(ai[1]))
        return 0;
    for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
        if (predefined[i].prefix[0] == ai[0] && predefined[i].prefix[1] == ai[1])
            return predefined[i].len;
    return 0;
}

bool gs1_ai_is_predefined_length(const char *ai)
{
    return predefined_length(ai) > 0;
}

/* The table entry whose AI is a prefix of s (at most n chars); *ai_len gets the AI's length. */
static const ai_entry *ai_match(const char *s, size_t n, size_t *ai_len)
{
    for (size_t i = 0; i < sizeof ai_table / sizeof ai_table[0]; i++) {
        const ai_entry *e = &ai_table[i];
        size_t l = strlen(e->ai);
        size_t full = e->kind == AI_DECIMAL ? l + 1 : l;
        if (n < full || memcmp(s, e->ai, l) != 0)
            continue;
        if (e->kind == AI_DECIMAL && !is_digit(s[l]))
            continue;
        *ai_len = full;
        return e;
    }
    return NULL;
}

/* The table entry for an AI given exactly (e.g. from a pair or a bracket). */
static const ai_entry *ai_lookup(const char *ai)
{
    size_t n = strlen(ai);
    size_t l = 0;
    const ai_entry *e = ai_match(ai, n, &l);
    return e != NULL && l == n ? e : NULL;
}

/* A guess at how many digits an unknown AI has, for the diagnostic only. */
static size_t ai_guess_len(const char *s, size_t n)
{
    size_t want = 2;
    if (n >= 2 && is_digit(s[0]) && is_digit(s[1])) {
        if (s[0] == '3' && s[1] != '0' && s[1] != '7')
            want = 4;
        else if (s[0] == '4' || (s[0] == '2' && s[1] >= '3'))
            want = 3;
        else if (s[0] == '7' || s[0] == '8')
            want = 4;
    }
    size_t l = 0;
    while (l < want && l < n && is_digit(s[l]))
        l++;
    return l;
}

char gs1_check_digit_compute(const char *digits, size_t len)
{
    if (digits == NULL)
        return 0;
    unsigned sum = 0;
    unsigned weight = 3;
    for (size_t i = len; i > 0; i--) {
        char c = digits[i - 1];
        if (!is_digit(c))
            return 0;
        sum += weight * (unsigned)(c - '0');
        weight = 4 - weight;
    }
    return (char)('0' + (10 - sum % 10) % 10);
}

bool gs1_check_digit_valid(const char *digits, size_t len)
{
    if (digits == NULL || len < 2)
        return false;
    char c = gs1_check_digit_compute(digits, len - 1);
    return c != 0 && c == digits[len - 1];
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        return 29;
    return days[month - 1];
}

static stiel_status validate_date(const char *ai, const char *v, stiel_diag *diag)
{
    unsigned yy = (unsigned)((v[0] - '0') * 10 + (v[1] - '0'));
    unsigned mm = (unsigned)((v[2] - '0') * 10 + (v[3] - '0'));
    unsigned dd = (unsigned)((v[4] - '0') * 10 + (v[5] - '0'));
    if (mm < 1 || mm > 12)
        return stiel_diag_set(diag, STIEL_ERR_BAD_DATE, "AI (%s): %s is not a date (month %02u)",
                              ai, v, mm);
    unsigned dim = days_in_month(2000 + yy, mm);
    if (dd > dim)
        return stiel_diag_set(diag, STIEL_ERR_BAD_DATE,
                              "AI (%s): %s is not a date (day %02u, month %02u of 20%02u has %u "
                              "days)", ai, v, dd, mm, yy, dim);
    return STIEL_OK;
}

stiel_status gs1_pair_validate(const gs1_pair *pair, stiel_diag *diag)
{
    if (pair == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "gs1_pair_validate: no pair");
    const char *ai = pair->ai;
    size_t ai_len = strnlen(ai, sizeof pair->ai);
    if (ai_len < 2 || ai_len > GS1_AI_MAX || ai_len == sizeof pair->ai)
        return stiel_diag_set(diag, STIEL_ERR_UNKNOWN_AI, "AI (%.*s) unknown: an AI has 2 to 4 digits",
                              (int)(ai_len > GS1_AI_MAX ? GS1_AI_MAX : ai_len), ai);
    for (size_t i = 0; i < ai_len; i++)
        if (!is_digit(ai[i]))
            return stiel_diag_set(diag, STIEL_ERR_UNKNOWN_AI,
                                  "AI (%s) unknown: an AI has digits only", ai);
    const ai_entry *e = ai_lookup(ai);
    if (e == NULL)
        return stiel_diag_set(diag, STIEL_ERR_UNKNOWN_AI, "AI (%s) unknown", ai);
    if (e->kind == AI_DECIMAL && ai[3] > '5')
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "AI (%s): decimal indicator %c is not allowed (%s takes 0-5 "
                              "decimals)", ai, ai[3], e->title);

    const char *v = pair->value;
    size_t n = strnlen(v, sizeof pair->value);
    if (n == sizeof pair->value)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH, "AI (%s): value is not terminated", ai);
    if (n == 0)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH, "AI (%s): value is empty", ai);
    for (size_t i = 0; i < n; i++) {
        bool ok = (e->numeric || (e->kind == AI_COUNTRY && i < 3)) ? is_digit(v[i])
                                                                    : is_cset82((unsigned char)v[i]);
        if (!ok) {
            unsigned char c = (unsigned char)v[i];
            char shown[8];
            if (c >= 0x21 && c < 0x7F)
                snprintf(shown, sizeof shown, "'%c'", c);
            else
                snprintf(shown, sizeof shown, "0x%02X", c);
            bool digits = e->numeric || (e->kind == AI_COUNTRY && i < 3);
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "AI (%s): %s at position %zu is not allowed (%s)", ai, shown,
                                  i + 1, digits ? "digits only" : "GS1 character set 82");
        }
    }
    if (n < e->min || n > e->max) {
        const char *unit = e->numeric ? "digits" : "characters";
        if (e->min == e->max)
            return stiel_diag_set(diag, STIEL_ERR_LENGTH, "AI (%s): value has %zu %s, expected %u",
                                  ai, n, unit, e->min);
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "AI (%s): value has %zu %s, expected %u to %u", ai, n, unit, e->min,
                              e->max);
    }
    if (e->kind == AI_CSUM) {
        char want = gs1_check_digit_compute(v, n - 1);
        if (want != v[n - 1])
            return stiel_diag_set(diag, STIEL_ERR_CHECK_DIGIT,
                                  "AI (%s): check digit is %c, expected %c", ai, v[n - 1], want);
    }
    if (e->kind == AI_DATE)
        return validate_date(ai, v, diag);
    return STIEL_OK;
}

/* Rules between pairs: no AI twice with different values; 02 needs 37, 37 needs 00 or 02. */
static stiel_status validate_associations(const gs1_element_string *es, stiel_diag *diag)
{
    bool has00 = false, has02 = false, has37 = false;
    for (size_t i = 0; i < es->count; i++) {
        const gs1_pair *p = &es->pairs[i];
        has00 = has00 || strcmp(p->ai, "00") == 0;
        has02 = has02 || strcmp(p->ai, "02") == 0;
        has37 = has37 || strcmp(p->ai, "37") == 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(es->pairs[j].ai, p->ai) == 0 && strcmp(es->pairs[j].value, p->value) != 0)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "AI (%s) appears twice with different values", p->ai);
    }
    if (has02 && !has37)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "AI (02) needs AI (37) (count) with it");
    if (has37 && !has00 && !has02)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "AI (37) needs AI (00) or (02) with it");
    return STIEL_OK;
}

/* Appends one pair (AI and raw value bytes) to out after a bounds check, then validates it. */
static stiel_status add_pair(gs1_element_string *out, const char *ai, size_t ai_len,
                             const char *v, size_t n, stiel_diag *diag)
{
    if (out->count == GS1_MAX_PAIRS)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "more than %d AIs in one scan",
                              GS1_MAX_PAIRS);
    gs1_pair *p = &out->pairs[out->count];
    memcpy(p->ai, ai, ai_len);
    p->ai[ai_len] = '\0';
    if (n > GS1_VALUE_MAX)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "AI (%s): value has %zu characters, more than any AI allows", p->ai,
                              n);
    if (memchr(v, '\0', n) != NULL)
        return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                              "AI (%s): 0x00 in the value is not allowed", p->ai);
    memcpy(p->value, v, n);
    p->value[n] = '\0';
    out->count++;
    return gs1_pair_validate(p, diag);
}

stiel_status gs1_parse_element_string(const char *data, size_t len, gs1_element_string *out,
                                      stiel_diag *diag)
{
    if (out == NULL || (data == NULL && len > 0))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "gs1_parse_element_string: no data or output");
    memset(out, 0, sizeof *out);
    stiel_diag_clear(diag);
    if (len == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "no GS1 element data");
    size_t i = 0;
    while (i < len) {
        if (data[i] == GS1_GS)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "GS1 separator (GS) at position %zu where an AI should start",
                                  i + 1);
        size_t ai_len = 0;
        const ai_entry *e = ai_match(data + i, len - i, &ai_len);
        if (e == NULL) {
            size_t g = ai_guess_len(data + i, len - i);
            if (g < 2)
                return stiel_diag_set(diag, STIEL_ERR_UNKNOWN_AI,
                                      "no AI at position %zu of the GS1 data (an AI is 2 to 4 "
                                      "digits)", i + 1);
            return stiel_diag_set(diag, STIEL_ERR_UNKNOWN_AI, "AI (%.*s) unknown", (int)g,
                                  data + i);
        }
        const char *ai = data + i;
        i += ai_len;
        char ai_text[GS1_AI_MAX + 1];
        memcpy(ai_text, ai, ai_len);
        ai_text[ai_len] = '\0';
        unsigned fixed = predefined_length(ai_text);
        size_t n;
        if (fixed > 0) {
            if (len - i < fixed)
                return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                      "AI (%s): data ends after %zu of its %u characters",
                                      ai_text, len - i, fixed);
            n = fixed;
        } else {
            const char *gs = memchr(data + i, GS1_GS, len - i);
            n = gs != NULL ? (size_t)(gs - (data + i)) : len - i;
            if (n == 0 && gs == NULL)
                return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                      "AI (%s): data ends right after the AI", ai_text);
        }
        stiel_status st = add_pair(out, ai, ai_len, data + i, n, diag);
        if (st != STIEL_OK)
            return st;
        i += n;
        if (i < len && data[i] == GS1_GS)
            i++;  /* the separator (also tolerated after a predefined length, and at the end) */
    }
    return validate_associations(out, diag);
}

/* In HRI text, '(' followed by 2-4 digits and ')' starts an AI; returns the digit count or 0. */
static size_t hri_ai_at(const char *s)
{
    if (s[0] != '(')
        return 0;
    size_t n = 0;
    while (n < GS1_AI_MAX && is_digit(s[1 + n]))
        n++;
    return n >= 2 && s[1 + n] == ')' ? n : 0;
}

stiel_status gs1_parse_hri(const char *text, gs1_element_string *out, stiel_diag *diag)
{
    if (out == NULL || text == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "gs1_parse_hri: no text or output");
    memset(out, 0, sizeof *out);
    stiel_diag_clear(diag);
    if (text[0] == '\0')
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "no GS1 text");
    const char *s = text;
    while (*s != '\0') {
        size_t ai_len = hri_ai_at(s);
        if (ai_len == 0)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "GS1 text must be (AI)value...: expected '(' and 2-4 digits "
                                  "and ')' at position %zu", (size_t)(s - text) + 1);
        const char *ai = s + 1;
        s += ai_len + 2;
        char value[GS1_VALUE_MAX + 1];
        size_t n = 0;
        while (*s != '\0' && hri_ai_at(s) == 0) {
            char c = *s;
            if (c == '\\' && s[1] == '(') {  /* "\(" is a literal '(' */
                c = '(';
                s++;
            }
            if (n == GS1_VALUE_MAX)
                return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                                      "AI (%.*s): value has more than %d characters, more than "
                                      "any AI allows", (int)ai_len, ai, GS1_VALUE_MAX);
            value[n++] = c;
            s++;
        }
        stiel_status st = add_pair(out, ai, ai_len, value, n, diag);
        if (st != STIEL_OK)
            return st;
    }
    return validate_associations(out, diag);
}

/* Appends n bytes at *pos if they fit below cap (leaving room for the NUL). */
static bool put(char *out, size_t cap, size_t *pos, const char *s, size_t n)
{
    if (n >= cap - *pos)
        return false;
    memcpy(out + *pos, s, n);
    *pos += n;
    return true;
}

stiel_status gs1_build_element_string(const gs1_element_string *es, char sep, char *out,
                                      size_t cap, size_t *out_len)
{
    if (es == NULL || out == NULL || cap == 0 || es->count > GS1_MAX_PAIRS)
        return STIEL_ERR_ARG;
    size_t pos = 0;
    for (size_t i = 0; i < es->count; i++) {
        const gs1_pair *p = &es->pairs[i];
        bool ok = put(out, cap, &pos, p->ai, strnlen(p->ai, sizeof p->ai)) &&
                  put(out, cap, &pos, p->value, strnlen(p->value, sizeof p->value));
        if (ok && i + 1 < es->count && !gs1_ai_is_predefined_length(p->ai))
            ok = put(out, cap, &pos, &sep, 1);
        if (!ok) {
            out[0] = '\0';
            if (out_len != NULL)
                *out_len = 0;
            return STIEL_ERR_NOSPACE;
        }
    }
    out[pos] = '\0';
    if (out_len != NULL)
        *out_len = pos;
    return STIEL_OK;
}

stiel_status gs1_build_hri(const gs1_element_string *es, char *out, size_t cap)
{
    if (es == NULL || out == NULL || cap == 0 || es->count > GS1_MAX_PAIRS)
        return STIEL_ERR_ARG;
    size_t pos = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < es->count; i++) {
        const gs1_pair *p = &es->pairs[i];
        ok = put(out, cap, &pos, "(", 1) && put(out, cap, &pos, p->ai, strnlen(p->ai, sizeof p->ai)) &&
             put(out, cap, &pos, ")", 1);
        size_t n = strnlen(p->value, sizeof p->value);
        for (size_t k = 0; ok && k < n; k++) {
            /* A '(' that would read as the start of an AI is escaped as "\(". */
            if (p->value[k] == '(' && hri_ai_at(p->value + k) > 0)
                ok = put(out, cap, &pos, "\\", 1);
            ok = ok && put(out, cap, &pos, p->value + k, 1);
        }
    }
    if (!ok) {
        out[0] = '\0';
        return STIEL_ERR_NOSPACE;
    }
    out[pos] = '\0';
    return STIEL_OK;
}

stiel_status gs1_gtin_normalize(const char *digits, size_t len, char out[15], stiel_diag *diag)
{
    if (digits == NULL || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "gs1_gtin_normalize: no digits or output");
    out[0] = '\0';
    size_t shown = len > 20 ? 20 : len;
    for (size_t i = 0; i < len; i++)
        if (!is_digit(digits[i]))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "GTIN %.*s%s: character %zu is not a digit", (int)shown, digits,
                                  len > shown ? "..." : "", i + 1);
    if (len != 8 && len != 12 && len != 13 && len != 14)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "GTIN %.*s%s: has %zu digits, expected 8, 12, 13 or 14", (int)shown,
                              digits, len > shown ? "..." : "", len);
    char want = gs1_check_digit_compute(digits, len - 1);
    if (want != digits[len - 1])
        return stiel_diag_set(diag, STIEL_ERR_CHECK_DIGIT, "GTIN %.*s: check digit is %c, expected %c",
                              (int)len, digits, digits[len - 1], want);
    memset(out, '0', 14 - len);
    memcpy(out + 14 - len, digits, len);
    out[14] = '\0';
    stiel_diag_clear(diag);
    return STIEL_OK;
}
