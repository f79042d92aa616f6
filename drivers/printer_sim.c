/* The printer simulator's core (see printer_sim.h): one byte-at-a-time parser per language that
 * answers status queries, cuts labels out of the stream (skipping binary graphic payloads), and a
 * buffer of received labels that prints while no fault is set. */
#include "drivers/printer_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/printer/escpos_status.h"
#include "protocol/printer/tspl_status.h"

enum { LABEL_CAP = 16u << 20, PRINTED_KEEP = 1024 };

typedef struct sim_label {
    uint8_t *bytes;
    size_t len;
    unsigned copies;
} sim_label;

typedef struct sim_list {
    sim_label *v;
    size_t count, alloc;
} sim_list;

struct stiel_printer_sim {
    stiel_printer_lang lang;
    bool paper_out, head_open, paused, silent;
    stiel_buf cur;            /* the label being received */
    bool in_format;           /* ZPL: inside ^XA.. */
    char win[3];              /* ZPL: the last three bytes outside a format */
    int seq;                  /* escape/prefix state (per language) */
    uint8_t seq_bytes[8];
    size_t seq_len;
    size_t payload_left;      /* binary graphic bytes still to copy */
    size_t line_start;        /* TSPL: where the current line starts in cur */
    bool bitmap_seen;         /* TSPL: the current BITMAP line's payload was set up */
    bool dropping;            /* the current label overflowed: skip to its end */
    sim_list buffered, printed;
    uint64_t printed_count, queries;
};

static void list_free(sim_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->v[i].bytes);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static stiel_status list_push(sim_list *l, sim_label lab)
{
    if (l->count == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 16;
        sim_label *nv = realloc(l->v, na * sizeof *nv);
        if (!nv)
            return STIEL_ERR_NOMEM;
        l->v = nv;
        l->alloc = na;
    }
    l->v[l->count++] = lab;
    return STIEL_OK;
}

static sim_label list_pop_front(sim_list *l)
{
    sim_label lab = l->v[0];
    memmove(&l->v[0], &l->v[1], (l->count - 1) * sizeof *l->v);
    l->count--;
    return lab;
}

stiel_status stiel_printer_sim_new(stiel_printer_lang lang, stiel_printer_sim **out)
{
    if (!out)
        return STIEL_ERR_ARG;
    *out = NULL;
    if (lang != STIEL_PRINTER_ZPL && lang != STIEL_PRINTER_TSPL && lang != STIEL_PRINTER_ESCPOS)
        return STIEL_ERR_UNSUPPORTED;
    stiel_printer_sim *s = calloc(1, sizeof *s);
    if (!s)
        return STIEL_ERR_NOMEM;
    s->lang = lang;
    stiel_buf_init(&s->cur, LABEL_CAP);
    *out = s;
    return STIEL_OK;
}

void stiel_printer_sim_free(stiel_printer_sim *sim)
{
    if (!sim)
        return;
    stiel_buf_free(&sim->cur);
    list_free(&sim->buffered);
    list_free(&sim->printed);
    free(sim);
}

stiel_printer_lang stiel_printer_sim_lang(const stiel_printer_sim *sim)
{
    return sim->lang;
}

static bool faulted(const stiel_printer_sim *s)
{
    return s->paper_out || s->head_open || s->paused;
}

/* Prints every buffered label if no fault is set. */
static void try_print(stiel_printer_sim *s)
{
    while (!faulted(s) && s->buffered.count > 0) {
        sim_label lab = list_pop_front(&s->buffered);
        s->printed_count += lab.copies;
        if (s->printed.count >= PRINTED_KEEP) {
            sim_label old = list_pop_front(&s->printed);
            free(old.bytes);
        }
        if (list_push(&s->printed, lab) != STIEL_OK)
            free(lab.bytes);
    }
}

static unsigned copies_after(const stiel_buf *b, const char *cmd)
{
    const char *s = (const char *)b->data;
    size_t cl = strlen(cmd);
    for (size_t i = b->len; i-- > 0;) {
        if (i + cl <= b->len && memcmp(s + i, cmd, cl) == 0) {
            long v = strtol(s + i + cl, NULL, 10);
            return v > 0 && v < 100000 ? (unsigned)v : 1;
        }
    }
    return 1;
}

/* The current label is complete: buffer it and print if possible. */
static stiel_status finish_label(stiel_printer_sim *s, unsigned copies)
{
    s->line_start = 0;
    s->bitmap_seen = false;
    if (s->dropping) {
        s->dropping = false;
        stiel_buf_reset(&s->cur);
        return STIEL_ERR_OVERLONG;
    }
    sim_label lab = {.bytes = malloc(s->cur.len ? s->cur.len : 1), .len = s->cur.len, .copies = copies};
    if (!lab.bytes)
        return STIEL_ERR_NOMEM;
    memcpy(lab.bytes, s->cur.data, s->cur.len);
    stiel_buf_reset(&s->cur);
    if (list_push(&s->buffered, lab) != STIEL_OK) {
        free(lab.bytes);
        return STIEL_ERR_NOMEM;
    }
    try_print(s);
    return STIEL_OK;
}

static void put(stiel_printer_sim *s, uint8_t b)
{
    if (s->dropping)
        return;
    if (stiel_buf_append(&s->cur, &b, 1) != STIEL_OK)
        s->dropping = true;
}

/* ---- status replies ---- */

static unsigned labels_buffered(const stiel_printer_sim *s)
{
    unsigned n = 0;
    for (size_t i = 0; i < s->buffered.count; i++)
        n += s->buffered.v[i].copies;
    return n;
}

static stiel_status reply_zpl_hs(stiel_printer_sim *s, stiel_buf *r)
{
    return stiel_buf_printf(r,
                            "\x02" "030,%d,%d,1218,%03u,0,0,%d,000,0,0,0\x03\r\n"
                            "\x02" "001,0,%d,0,0,2,6,0,%08u,1,000\x03\r\n"
                            "\x02" "1234,0\x03\r\n",
                            s->paper_out, s->paused, (unsigned)(s->buffered.count % 1000), s->in_format,
                            s->head_open, labels_buffered(s) % 100000000u);
}

static uint8_t tspl_byte(const stiel_printer_sim *s)
{
    return (uint8_t)((s->head_open ? TSPL_ST_HEAD_OPEN : 0) | (s->paper_out ? TSPL_ST_PAPER_OUT : 0) |
                     (s->paused ? TSPL_ST_PAUSE : 0));
}

static uint8_t escpos_byte(const stiel_printer_sim *s, uint8_t n)
{
    uint8_t b = ESCPOS_STATUS_FIXED_BITS;
    switch (n) {
    case 1:
        if (faulted(s))
            b |= 0x08;
        break;
    case 2:
        if (s->head_open)
            b |= 0x04;
        if (s->paper_out)
            b |= 0x20;
        break;
    case 4:
        if (s->paper_out)
            b |= 0x60;
        break;
    default:
        break;
    }
    return b;
}

/* ---- per-language byte parsers ---- */

static stiel_status feed_zpl(stiel_printer_sim *s, uint8_t b, stiel_buf *reply)
{
    if (s->seq > 0) { /* after '~': two command letters */
        s->seq_bytes[s->seq_len++] = b;
        if (s->seq_len < 2)
            return STIEL_OK;
        s->seq = 0;
        s->seq_len = 0;
        char c0 = (char)(s->seq_bytes[0] & ~0x20), c1 = (char)(s->seq_bytes[1] & ~0x20);
        if (c0 == 'H' && (c1 == 'S' || c1 == 'I')) {
            s->queries++;
            if (s->silent)
                return STIEL_OK;
            return c1 == 'S' ? reply_zpl_hs(s, reply) : stiel_buf_puts(reply, STIEL_PRINTER_SIM_HI);
        }
        return STIEL_OK; /* other ~ commands: ignored */
    }
    if (b == '~') {
        s->seq = 1;
        return STIEL_OK;
    }
    if (s->in_format) {
        put(s, b);
        if (s->cur.len >= 3 && memcmp(s->cur.data + s->cur.len - 3, "^XZ", 3) == 0) {
            s->in_format = false;
            return finish_label(s, copies_after(&s->cur, "^PQ"));
        }
        if (s->dropping && b == 'Z' && s->win[2] == 'X') {
            s->in_format = false;
            return finish_label(s, 1);
        }
        s->win[0] = s->win[1];
        s->win[1] = s->win[2];
        s->win[2] = (char)b;
        return STIEL_OK;
    }
    s->win[0] = s->win[1];
    s->win[1] = s->win[2];
    s->win[2] = (char)b;
    if (memcmp(s->win, "^XA", 3) == 0) {
        s->in_format = true;
        stiel_buf_reset(&s->cur);
        put(s, '^');
        put(s, 'X');
        put(s, 'A');
        memset(s->win, 0, sizeof s->win);
    }
    return STIEL_OK;
}

static stiel_status feed_tspl(stiel_printer_sim *s, uint8_t b, stiel_buf *reply)
{
    if (s->payload_left > 0) {
        put(s, b);
        s->payload_left--;
        return STIEL_OK;
    }
    if (s->seq == 1) {
        s->seq = b == '!' ? 2 : 0;
        if (s->seq == 0) {
            put(s, 0x1B);
            put(s, b);
        }
        return STIEL_OK;
    }
    if (s->seq == 2) {
        s->seq = 0;
        if (b == '?' || b == 'S') {
            s->queries++;
            if (s->silent)
                return STIEL_OK;
            if (b == '?') {
                uint8_t st = tspl_byte(s);
                return stiel_buf_append(reply, &st, 1);
            }
            return stiel_buf_puts(reply, faulted(s) ? "\x02" "A@@@\x03\r\n" : "\x02" "@@@@\x03\r\n");
        }
        return STIEL_OK;
    }
    if (b == 0x1B) {
        s->seq = 1;
        return STIEL_OK;
    }
    put(s, b);
    if (s->dropping)
        return STIEL_OK;
    const char *line = (const char *)s->cur.data + s->line_start;
    size_t ll = s->cur.len - s->line_start;
    if (b == ',' && !s->bitmap_seen && ll > 7 && memcmp(line, "BITMAP ", 7) == 0) {
        int commas = 0;
        for (size_t i = 0; i < ll; i++)
            commas += line[i] == ',';
        if (commas == 5) {
            long x, y, wb, h, mode;
            if (sscanf(line + 7, "%ld,%ld,%ld,%ld,%ld", &x, &y, &wb, &h, &mode) == 5 && wb > 0 && h > 0 &&
                wb * h <= (long)LABEL_CAP)
                s->payload_left = (size_t)(wb * h);
            s->bitmap_seen = true;
        }
    }
    if (b == '\n') {
        if (ll >= 5 && memcmp(line, "PRINT", 5) == 0) {
            long m = strtol(line + 5, NULL, 10);
            return finish_label(s, m > 0 && m < 100000 ? (unsigned)m : 1);
        }
        s->line_start = s->cur.len;
        s->bitmap_seen = false;
    }
    return STIEL_OK;
}

enum { ESC_NONE = 0, ESC_DLE, ESC_DLE_EOT, ESC_GS, ESC_GS_v, ESC_GS_v0, ESC_GS_V, ESC_GS_V_n, ESC_ESC, ESC_ARG };

static stiel_status feed_escpos(stiel_printer_sim *s, uint8_t b, stiel_buf *reply)
{
    if (s->payload_left > 0) {
        put(s, b);
        s->payload_left--;
        return STIEL_OK;
    }
    switch (s->seq) {
    case ESC_DLE:
        if (b == 0x04) {
            s->seq = ESC_DLE_EOT;
            return STIEL_OK;
        }
        s->seq = ESC_NONE;
        put(s, 0x10);
        break; /* b handled below */
    case ESC_DLE_EOT:
        s->seq = ESC_NONE;
        s->queries++;
        if (s->silent || b < 1 || b > 4)
            return STIEL_OK;
        {
            uint8_t st = escpos_byte(s, b);
            return stiel_buf_append(reply, &st, 1);
        }
    case ESC_GS:
        put(s, b);
        s->seq = b == 'v' ? ESC_GS_v : b == 'V' ? ESC_GS_V : ESC_NONE;
        return STIEL_OK;
    case ESC_GS_v:
        put(s, b);
        s->seq = b == '0' ? ESC_GS_v0 : ESC_NONE;
        s->seq_len = 0;
        return STIEL_OK;
    case ESC_GS_v0:
        put(s, b);
        s->seq_bytes[s->seq_len++] = b;
        if (s->seq_len == 5) {
            size_t xb = s->seq_bytes[1] | (size_t)s->seq_bytes[2] << 8;
            size_t rows = s->seq_bytes[3] | (size_t)s->seq_bytes[4] << 8;
            s->payload_left = xb * rows;
            s->seq = ESC_NONE;
        }
        return STIEL_OK;
    case ESC_GS_V:
        put(s, b);
        if (b == 65 || b == 66) {
            s->seq = ESC_GS_V_n;
            return STIEL_OK;
        }
        s->seq = ESC_NONE;
        return finish_label(s, 1);
    case ESC_GS_V_n:
        put(s, b);
        s->seq = ESC_NONE;
        return finish_label(s, 1);
    case ESC_ESC:
        put(s, b);
        s->seq = strchr("d!JaEM-t{ ", (char)b) && b != 0 ? ESC_ARG : ESC_NONE;
        return STIEL_OK;
    case ESC_ARG:
        put(s, b);
        s->seq = ESC_NONE;
        return STIEL_OK;
    default:
        break;
    }
    if (b == 0x10) {
        s->seq = ESC_DLE;
        return STIEL_OK;
    }
    put(s, b);
    if (b == 0x1D)
        s->seq = ESC_GS;
    else if (b == 0x1B)
        s->seq = ESC_ESC;
    return STIEL_OK;
}

stiel_status stiel_printer_sim_feed(stiel_printer_sim *sim, const uint8_t *bytes, size_t n, stiel_buf *reply)
{
    if (!sim || (!bytes && n) || !reply)
        return STIEL_ERR_ARG;
    stiel_status worst = STIEL_OK;
    for (size_t i = 0; i < n; i++) {
        stiel_status st;
        if (sim->lang == STIEL_PRINTER_ZPL)
            st = feed_zpl(sim, bytes[i], reply);
        else if (sim->lang == STIEL_PRINTER_TSPL)
            st = feed_tspl(sim, bytes[i], reply);
        else
            st = feed_escpos(sim, bytes[i], reply);
        if (st != STIEL_OK && worst == STIEL_OK)
            worst = st;
    }
    return worst;
}

stiel_status stiel_printer_sim_control(stiel_printer_sim *sim, const char *word, stiel_diag *diag)
{
    static const struct { const char *word; int what; bool on; } words[] = {
        {"paper-out", 0, true}, {"paper-in", 0, false}, {"head-open", 1, true}, {"head-close", 1, false},
        {"pause", 2, true},     {"resume", 2, false},   {"silent", 3, true},    {"answer", 3, false},
    };
    if (!sim || !word)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no control word");
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(word, words[i].word) != 0)
            continue;
        bool *flag[] = {&sim->paper_out, &sim->head_open, &sim->paused, &sim->silent};
        *flag[words[i].what] = words[i].on;
        try_print(sim);
        return STIEL_OK;
    }
    return stiel_diag_set(diag, STIEL_ERR_ARG,
                          "unknown word '%s' (paper-out, paper-in, head-open, head-close, pause, resume, silent, "
                          "answer, status)",
                          word);
}

void stiel_printer_sim_describe(const stiel_printer_sim *sim, char *out, size_t cap)
{
    char faults[64] = "";
    if (sim->paper_out)
        strcat(faults, " paper-out");
    if (sim->head_open)
        strcat(faults, " head-open");
    if (sim->paused)
        strcat(faults, " paused");
    snprintf(out, cap, "%s%s, %u buffered, %llu printed, %llu status queries", faults[0] ? faults + 1 : "ready",
             sim->silent ? " (silent)" : "", labels_buffered(sim), (unsigned long long)sim->printed_count,
             (unsigned long long)sim->queries);
}

uint64_t stiel_printer_sim_printed(const stiel_printer_sim *sim)
{
    return sim ? sim->printed_count : 0;
}

unsigned stiel_printer_sim_buffered(const stiel_printer_sim *sim)
{
    return sim ? labels_buffered(sim) : 0;
}

uint64_t stiel_printer_sim_queries(const stiel_printer_sim *sim)
{
    return sim ? sim->queries : 0;
}

bool stiel_printer_sim_take(stiel_printer_sim *sim, stiel_buf *out, unsigned *copies)
{
    if (!sim || sim->printed.count == 0)
        return false;
    sim_label lab = list_pop_front(&sim->printed);
    if (out)
        stiel_buf_append(out, lab.bytes, lab.len);
    if (copies)
        *copies = lab.copies;
    free(lab.bytes);
    return true;
}
