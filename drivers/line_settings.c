/* Parser, checker and formatter for serial line settings ("9600 8N1 none"). Pure: no I/O. */
#include "drivers/line_settings.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const int standard_bauds[] = {300,   600,    1200,   2400,   4800,   9600,  19200,
                                     38400, 57600,  115200, 230400, 460800, 921600};
enum { BAUD_COUNT = (int)(sizeof standard_bauds / sizeof standard_bauds[0]) };
enum { WORD_MAX = 24 };

static const struct {
    const char *word;
    stiel_flow flow;
} flow_words[] = {
    {"none", STIEL_FLOW_NONE},       {"xonxoff", STIEL_FLOW_XONXOFF}, {"xon/xoff", STIEL_FLOW_XONXOFF},
    {"rtscts", STIEL_FLOW_RTSCTS},   {"rts/cts", STIEL_FLOW_RTSCTS},  {"dtrdsr", STIEL_FLOW_DTRDSR},
    {"dtr/dsr", STIEL_FLOW_DTRDSR},
};

static const char parity_letters[] = {'N', 'O', 'E', 'M', 'S'};

static int baud_is_standard(int baud)
{
    for (int i = 0; i < BAUD_COUNT; i++)
        if (standard_bauds[i] == baud)
            return 1;
    return 0;
}

const char *stiel_flow_name(stiel_flow flow)
{
    switch (flow) {
    case STIEL_FLOW_NONE: return "none";
    case STIEL_FLOW_XONXOFF: return "xonxoff";
    case STIEL_FLOW_RTSCTS: return "rtscts";
    case STIEL_FLOW_DTRDSR: return "dtrdsr";
    }
    return "?";
}

stiel_status stiel_line_settings_check(const stiel_line_settings *ls, stiel_diag *diag)
{
    if (!ls)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no line settings given");
    if (!baud_is_standard(ls->baud))
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "baud rate %d is not a standard rate (300 ... 921600, e.g. 9600 or 115200)",
                              ls->baud);
    if (ls->data_bits < 5 || ls->data_bits > 8)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED, "%d data bits: use 5, 6, 7 or 8", ls->data_bits);
    if ((int)ls->parity < 0 || (int)ls->parity > (int)STIEL_PARITY_SPACE)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED, "unknown parity: use N, O, E, M or S");
    if (ls->stop_bits != 1 && ls->stop_bits != 2)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED, "%d stop bits: use 1 or 2", ls->stop_bits);
    if ((int)ls->flow < 0 || (int)ls->flow > (int)STIEL_FLOW_DTRDSR)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "unknown flow control: use none, xonxoff, rtscts or dtrdsr");
    return STIEL_OK;
}

char *stiel_line_settings_format(const stiel_line_settings *ls, char *out, size_t n)
{
    if (!out || n == 0)
        return out;
    if (!ls) {
        out[0] = '\0';
        return out;
    }
    char parity = (int)ls->parity >= 0 && (int)ls->parity <= (int)STIEL_PARITY_SPACE
                      ? parity_letters[ls->parity] : '?';
    snprintf(out, n, "%d %d%c%d %s", ls->baud, ls->data_bits, parity, ls->stop_bits,
             stiel_flow_name(ls->flow));
    return out;
}

/* Copies the next blank-separated word of *p into word (NUL-terminated) and advances *p.
 * Returns 0 at the end of the text, -1 if the word does not fit, else 1. */
static int next_word(const char **p, char *word, size_t cap)
{
    const char *s = *p;
    while (*s && isspace((unsigned char)*s))
        s++;
    if (!*s) {
        *p = s;
        return 0;
    }
    size_t n = 0;
    while (s[n] && !isspace((unsigned char)s[n]))
        n++;
    *p = s + n;
    if (n >= cap)
        return -1;
    memcpy(word, s, n);
    word[n] = '\0';
    return 1;
}

static stiel_status parse_baud(const char *w, int *baud, stiel_diag *diag)
{
    long v = 0;
    for (const char *c = w; *c; c++) {
        if (!isdigit((unsigned char)*c))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "line settings: \"%s\" is not a baud rate (a number such as 9600)", w);
        v = v * 10 + (*c - '0');
        if (v > 100000000L)
            break;
    }
    if (v > 100000000L || !baud_is_standard((int)v))
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "line settings: baud rate %s is not a standard rate (300 ... 921600, e.g. "
                              "9600 or 115200)", w);
    *baud = (int)v;
    return STIEL_OK;
}

static stiel_status parse_frame(const char *w, stiel_line_settings *ls, stiel_diag *diag)
{
    if (strlen(w) != 3 || !isdigit((unsigned char)w[0]))
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "line settings: frame \"%s\" should be data bits, parity and stop bits, "
                              "e.g. 8N1 or 7E1", w);
    int bits = w[0] - '0';
    if (bits < 5 || bits > 8)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "line settings: %d data bits in \"%s\": use 5, 6, 7 or 8", bits, w);
    int parity = -1;
    for (int i = 0; i < (int)sizeof parity_letters; i++)
        if (toupper((unsigned char)w[1]) == parity_letters[i])
            parity = i;
    if (parity < 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "line settings: parity '%c' in \"%s\": use N (none), O (odd), E (even), "
                              "M (mark) or S (space)", w[1], w);
    if (w[2] != '1' && w[2] != '2')
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "line settings: stop bits '%c' in \"%s\": use 1 or 2", w[2], w);
    ls->data_bits = bits;
    ls->parity = (stiel_parity)parity;
    ls->stop_bits = w[2] - '0';
    return STIEL_OK;
}

static stiel_status parse_flow(const char *w, stiel_flow *flow, stiel_diag *diag)
{
    for (size_t i = 0; i < sizeof flow_words / sizeof flow_words[0]; i++) {
        if (strcasecmp(w, flow_words[i].word) == 0) {
            *flow = flow_words[i].flow;
            return STIEL_OK;
        }
    }
    return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                          "line settings: unknown flow control \"%s\": use none, xonxoff, rtscts or dtrdsr", w);
}

stiel_status stiel_line_settings_parse(const char *text, stiel_line_settings *out, stiel_diag *diag)
{
    if (!text || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "line settings: nothing to parse");
    stiel_line_settings ls = STIEL_LINE_SETTINGS_DEFAULT;
    char word[WORD_MAX];
    const char *p = text;
    int r = next_word(&p, word, sizeof word);
    if (r == 0)
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "line settings are empty: write e.g. \"9600 8N1 none\"");
    if (r < 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "line settings: first word is not a baud rate");
    stiel_status st = parse_baud(word, &ls.baud, diag);
    if (st != STIEL_OK)
        return st;

    r = next_word(&p, word, sizeof word);
    if (r < 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "line settings: second word is not a frame like 8N1");
    if (r > 0) {
        st = parse_frame(word, &ls, diag);
        if (st != STIEL_OK)
            return st;
        r = next_word(&p, word, sizeof word);
        if (r < 0)
            return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                                  "line settings: unknown flow control: use none, xonxoff, rtscts or dtrdsr");
        if (r > 0) {
            st = parse_flow(word, &ls.flow, diag);
            if (st != STIEL_OK)
                return st;
            r = next_word(&p, word, sizeof word);
            if (r != 0)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "line settings: unexpected text after the flow control in \"%s\"", text);
        }
    }
    *out = ls;
    stiel_diag_clear(diag);
    return STIEL_OK;
}
