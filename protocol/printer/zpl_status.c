/* ZPL ~HS and ~HI reply parsers: line framing (STX..ETX CR LF), table-driven field checks, the
 * serial-settings bits, and the mapping to printer conditions. Pure. */
#include "protocol/printer/zpl_status.h"

#include <string.h>

enum { STX = 0x02, ETX = 0x03, CR = 0x0D, LF = 0x0A };
enum { HS_LINES = 3, FIELDS_MAX = 12, NUM_DIGITS_MAX = 9 };

typedef struct span {
    const uint8_t *p;
    size_t len;
} span;

typedef enum field_kind { FIELD_NUM, FIELD_FLAG, FIELD_CHAR } field_kind;

typedef struct field_spec {
    const char *name;
    field_kind kind;
} field_spec;

static const field_spec line1_spec[] = {
    {"aaa (serial settings)", FIELD_NUM},   {"b (paper out)", FIELD_FLAG},
    {"c (pause)", FIELD_FLAG},              {"dddd (label length)", FIELD_NUM},
    {"eee (formats in buffer)", FIELD_NUM}, {"f (buffer full)", FIELD_FLAG},
    {"g (diagnostic mode)", FIELD_FLAG},    {"h (partial format)", FIELD_FLAG},
    {"iii (unused)", FIELD_NUM},            {"j (corrupt RAM)", FIELD_FLAG},
    {"k (under temperature)", FIELD_FLAG},  {"l (over temperature)", FIELD_FLAG},
};
static const field_spec line2_spec[] = {
    {"mmm (function settings)", FIELD_NUM}, {"n (unused)", FIELD_NUM},
    {"o (head up)", FIELD_FLAG},            {"p (ribbon out)", FIELD_FLAG},
    {"q (thermal transfer)", FIELD_FLAG},   {"r (print mode)", FIELD_CHAR},
    {"s (print width mode)", FIELD_CHAR},   {"t (label waiting)", FIELD_FLAG},
    {"uuuuuuuu (labels remaining)", FIELD_NUM}, {"v (format while printing)", FIELD_FLAG},
    {"www (graphics stored)", FIELD_NUM},
};
static const field_spec line3_spec[] = {
    {"xxxx (password)", FIELD_NUM},
    {"y (static RAM)", FIELD_FLAG},
};

/* Finds the three lines. *end = offset after the last LF. */
static stiel_status hs_lines_find(const uint8_t *b, size_t n, span lines[HS_LINES], size_t *end,
                                  stiel_diag *diag)
{
    size_t i = 0;
    while (i < n && b[i] != STX)
        i++;
    if (i >= n)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "printer ~HS reply: no start (STX) received yet");
    for (int k = 0; k < HS_LINES; k++) {
        if (i >= n)
            return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                  "printer ~HS reply: only %d of 3 lines received", k);
        if (b[i] != STX)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HS reply: line %d starts with 0x%02X, not STX", k + 1,
                                  b[i]);
        size_t start = i + 1, j = start;
        for (; j < n && b[j] != ETX; j++) {
            if (b[j] == STX)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d has no ETX before the next STX",
                                      k + 1);
            if (b[j] < 0x20 || b[j] > 0x7E)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d holds byte 0x%02X", k + 1, b[j]);
            if (j - start >= ZPL_HS_LINE_MAX)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d is longer than %d characters",
                                      k + 1, ZPL_HS_LINE_MAX);
        }
        if (j >= n)
            return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                  "printer ~HS reply: line %d has no end (ETX) yet", k + 1);
        if (j + 1 < n && b[j + 1] != CR)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HS reply: line %d: ETX not followed by CR LF", k + 1);
        if (j + 2 < n && b[j + 2] != LF)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HS reply: line %d: ETX CR not followed by LF", k + 1);
        if (j + 2 >= n)
            return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                  "printer ~HS reply: line %d has no CR LF yet", k + 1);
        lines[k].p = b + start;
        lines[k].len = j - start;
        i = j + 3;
    }
    *end = i;
    return STIEL_OK;
}

/* Splits a line on commas and checks each field against its spec; values[] gets numbers,
 * flags (0/1) and characters (their code). */
static stiel_status fields_parse(span line, int line_no, const field_spec *spec, size_t count,
                                 unsigned long values[FIELDS_MAX], stiel_diag *diag)
{
    size_t f = 0, start = 0;
    for (size_t i = 0; i <= line.len; i++) {
        if (i < line.len && line.p[i] != ',')
            continue;
        if (f >= count)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HS reply: line %d has more than %zu fields", line_no,
                                  count);
        const uint8_t *p = line.p + start;
        size_t len = i - start;
        const field_spec *s = &spec[f];
        if (len == 0)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HS reply: line %d field %s is empty", line_no, s->name);
        if (s->kind == FIELD_CHAR) {
            bool alnum = (p[0] >= '0' && p[0] <= '9') || (p[0] >= 'A' && p[0] <= 'Z');
            if (len != 1 || !alnum)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d field %s is \"%.*s\", expected "
                                      "one digit or capital letter",
                                      line_no, s->name, (int)(len > 16 ? 16 : len), (const char *)p);
            values[f] = p[0];
        } else {
            unsigned long v = 0;
            for (size_t k = 0; k < len; k++) {
                if (p[k] < '0' || p[k] > '9')
                    return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                          "printer ~HS reply: line %d field %s holds '%c', "
                                          "expected digits",
                                          line_no, s->name, p[k]);
                v = v * 10 + (unsigned long)(p[k] - '0');
            }
            if (len > NUM_DIGITS_MAX)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d field %s has %zu digits (at "
                                      "most %d)",
                                      line_no, s->name, len, NUM_DIGITS_MAX);
            if (s->kind == FIELD_FLAG && (len != 1 || v > 1))
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "printer ~HS reply: line %d field %s is \"%.*s\", expected "
                                      "0 or 1",
                                      line_no, s->name, (int)len, (const char *)p);
            values[f] = v;
        }
        f++;
        start = i + 1;
    }
    if (f != count)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "printer ~HS reply: line %d has %zu fields, expected %zu", line_no, f,
                              count);
    return STIEL_OK;
}

stiel_status zpl_comm_settings_decode(unsigned raw, zpl_comm_settings *out, stiel_diag *diag)
{
    /* Baud codes a8 a2 a1 a0 from the ZPL II guide's ~HS table (the reference confirms
     * 0110 = 9600); codes 1100..1111 are not defined there. */
    static const unsigned baud_table[12] = {110,  300,   600,   1200,  2400,  4800,
                                            9600, 19200, 28800, 38400, 57600, 14400};
    if (raw > 511)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "printer ~HS reply: serial settings value %u is above 511", raw);
    unsigned code = ((raw >> 5) & 0x8u) | (raw & 0x7u);
    memset(out, 0, sizeof *out);
    out->raw = raw;
    out->baud = code < 12 ? baud_table[code] : 0;
    out->data_bits = (raw & 0x08u) ? 8 : 7;
    out->stop_bits = (raw & 0x10u) ? 1 : 2;
    if ((raw & 0x20u) == 0)
        out->parity = ZPL_PARITY_NONE;
    else
        out->parity = (raw & 0x40u) ? ZPL_PARITY_EVEN : ZPL_PARITY_ODD;
    out->handshake = (raw & 0x80u) ? ZPL_HANDSHAKE_DTR : ZPL_HANDSHAKE_XON_XOFF;
    return STIEL_OK;
}

const char *zpl_print_mode_name(char mode)
{
    switch (mode) {
    case '0': return "rewind";
    case '1': return "peel-off";
    case '2': return "tear-off";
    case '3': return "cutter";
    case '4': return "applicator";
    case '5': return "delayed cut";
    case '6': return "linerless peel";
    case '7': return "linerless rewind";
    case '8': return "partial cutter";
    case '9': return "RFID";
    case 'K': return "kiosk";
    case 'S': return "stream";
    default: return "unknown";
    }
}

static uint32_t hs_conditions(const zpl_host_status *s)
{
    uint32_t c = 0;
    if (s->paper_out) c |= PRINTER_COND_PAPER_OUT;
    if (s->paused) c |= PRINTER_COND_PAUSED;
    if (s->buffer_full) c |= PRINTER_COND_BUFFER_FULL;
    if (s->ram_corrupt) c |= PRINTER_COND_RAM_CORRUPT;
    if (s->under_temp) c |= PRINTER_COND_UNDER_TEMP;
    if (s->over_temp) c |= PRINTER_COND_OVER_TEMP;
    if (s->head_up) c |= PRINTER_COND_HEAD_OPEN;
    if (s->ribbon_out) c |= PRINTER_COND_RIBBON_OUT;
    if (s->label_waiting) c |= PRINTER_COND_LABEL_WAITING;
    return c;
}

stiel_status zpl_hs_parse(const uint8_t *bytes, size_t n, zpl_host_status *out, size_t *used,
                          stiel_diag *diag)
{
    if (bytes == NULL)
        n = 0;
    span lines[HS_LINES];
    size_t end = 0;
    stiel_status st = hs_lines_find(bytes, n, lines, &end, diag);
    if (st != STIEL_OK)
        return st;
    unsigned long v1[FIELDS_MAX], v2[FIELDS_MAX], v3[FIELDS_MAX];
    st = fields_parse(lines[0], 1, line1_spec, sizeof line1_spec / sizeof line1_spec[0], v1, diag);
    if (st == STIEL_OK)
        st = fields_parse(lines[1], 2, line2_spec, sizeof line2_spec / sizeof line2_spec[0], v2,
                          diag);
    if (st == STIEL_OK)
        st = fields_parse(lines[2], 3, line3_spec, sizeof line3_spec / sizeof line3_spec[0], v3,
                          diag);
    if (st != STIEL_OK)
        return st;
    zpl_host_status s;
    memset(&s, 0, sizeof s);
    st = zpl_comm_settings_decode((unsigned)(v1[0] > 999 ? 999 : v1[0]), &s.comm, diag);
    if (st != STIEL_OK)
        return st;
    s.paper_out = v1[1];
    s.paused = v1[2];
    s.label_length_dots = (unsigned)v1[3];
    s.formats_in_buffer = (unsigned)v1[4];
    s.buffer_full = v1[5];
    s.comm_diag_mode = v1[6];
    s.partial_format = v1[7];
    s.unused_1 = (unsigned)v1[8];
    s.ram_corrupt = v1[9];
    s.under_temp = v1[10];
    s.over_temp = v1[11];
    s.function_settings = (unsigned)v2[0];
    s.unused_2 = (unsigned)v2[1];
    s.head_up = v2[2];
    s.ribbon_out = v2[3];
    s.thermal_transfer = v2[4];
    s.print_mode = (char)v2[5];
    s.print_width_mode = (char)v2[6];
    s.label_waiting = v2[7];
    s.labels_remaining = v2[8];
    s.format_while_printing = v2[9];
    s.graphics_stored = (unsigned)v2[10];
    s.password = (unsigned)v3[0];
    s.static_ram_installed = v3[1];
    s.conditions = hs_conditions(&s);
    s.state = printer_state_from_conditions(s.conditions);
    *out = s;
    *used = end;
    stiel_diag_clear(diag);
    return STIEL_OK;
}

/* ~HI ------------------------------------------------------------------------------------- */

/* Finds the ~HI body: [start, stop) and the offset after the reply. */
static stiel_status hi_body_find(const uint8_t *b, size_t n, size_t *start, size_t *stop,
                                 size_t *end, stiel_diag *diag)
{
    size_t i = 0;
    size_t stx = n;
    for (size_t k = 0; k < n; k++) {
        if (b[k] == STX) {
            stx = k;
            break;
        }
    }
    bool framed = stx < n;
    i = framed ? stx + 1 : 0;
    size_t j = i;
    for (; j < n; j++) {
        if (framed && b[j] == ETX)
            break;
        if (!framed && (b[j] == LF || b[j] == CR))
            break;
        if (j - i >= ZPL_HI_REPLY_MAX)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HI reply longer than %d characters without an end",
                                  ZPL_HI_REPLY_MAX);
    }
    if (j >= n)
        return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                              "printer ~HI reply has no end (%s) yet", framed ? "ETX" : "CR LF");
    *start = i;
    *stop = j;
    size_t e = j + 1;
    if (!framed && b[j] == CR) {
        if (e >= n)
            return stiel_diag_set(diag, STIEL_ERR_TRUNCATED, "printer ~HI reply: no LF yet");
        if (b[e] != LF)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HI reply: CR not followed by LF");
        e++;
    }
    if (framed) {
        if (e < n && b[e] == CR)
            e++;
        if (e < n && b[e] == LF)
            e++;
    }
    *end = e;
    return STIEL_OK;
}

static stiel_status hi_text_copy(const char *what, span f, char *dst, stiel_diag *diag)
{
    if (f.len == 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "printer ~HI reply: %s is empty", what);
    if (f.len > ZPL_HI_FIELD_MAX)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "printer ~HI reply: %s is longer than %d characters", what,
                              ZPL_HI_FIELD_MAX);
    memcpy(dst, f.p, f.len);
    dst[f.len] = '\0';
    return STIEL_OK;
}

static stiel_status hi_digits(const char *what, const uint8_t *p, size_t len, unsigned *out,
                              stiel_diag *diag)
{
    if (len == 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "printer ~HI reply: %s is empty", what);
    if (len > NUM_DIGITS_MAX)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "printer ~HI reply: %s is too long", what);
    unsigned v = 0;
    for (size_t k = 0; k < len; k++) {
        if (p[k] < '0' || p[k] > '9')
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "printer ~HI reply: %s holds '%c', expected digits", what,
                                  p[k] >= 0x20 && p[k] < 0x7F ? p[k] : '?');
        v = v * 10 + (unsigned)(p[k] - '0');
    }
    *out = v;
    return STIEL_OK;
}

static unsigned dpi_from_dpmm(unsigned dpmm)
{
    switch (dpmm) {
    case 6: return 152;
    case 8: return 203;
    case 12: return 300;
    case 24: return 600;
    default: return 0;
    }
}

stiel_status zpl_hi_parse(const uint8_t *bytes, size_t n, zpl_host_identification *out,
                          size_t *used, stiel_diag *diag)
{
    if (bytes == NULL)
        n = 0;
    size_t start = 0, stop = 0, end = 0;
    stiel_status st = hi_body_find(bytes, n, &start, &stop, &end, diag);
    if (st != STIEL_OK)
        return st;
    span f[5];
    size_t count = 0, fs = start;
    for (size_t i = start; i <= stop; i++) {
        if (i < stop && (bytes[i] < 0x20 || bytes[i] > 0x7E))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "printer ~HI reply holds byte 0x%02X",
                                  bytes[i]);
        if (i < stop && bytes[i] != ',')
            continue;
        if (count >= 5)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HI reply has more than 5 fields");
        f[count].p = bytes + fs;
        f[count].len = i - fs;
        count++;
        fs = i + 1;
    }
    if (count < 4)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "printer ~HI reply has %zu fields, expected model, firmware, "
                              "dots/mm, memory[, options]",
                              count);
    zpl_host_identification hi;
    memset(&hi, 0, sizeof hi);
    st = hi_text_copy("model", f[0], hi.model, diag);
    if (st == STIEL_OK)
        st = hi_text_copy("firmware", f[1], hi.firmware, diag);
    if (st == STIEL_OK)
        st = hi_digits("dots/mm", f[2].p, f[2].len, &hi.dots_per_mm, diag);
    if (st != STIEL_OK)
        return st;
    if (f[3].len < 3 || memcmp(f[3].p + f[3].len - 2, "KB", 2) != 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "printer ~HI reply: memory \"%.*s\" is not digits followed by KB",
                              (int)(f[3].len > 16 ? 16 : f[3].len), (const char *)f[3].p);
    st = hi_digits("memory", f[3].p, f[3].len - 2, &hi.memory_kb, diag);
    if (st != STIEL_OK)
        return st;
    if (count == 5) {
        if (f[4].len > ZPL_HI_FIELD_MAX)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "printer ~HI reply: options longer than %d characters",
                                  ZPL_HI_FIELD_MAX);
        memcpy(hi.options, f[4].p, f[4].len);
        hi.options[f[4].len] = '\0';
    }
    hi.dpi = dpi_from_dpmm(hi.dots_per_mm);
    *out = hi;
    *used = end;
    stiel_diag_clear(diag);
    return STIEL_OK;
}
