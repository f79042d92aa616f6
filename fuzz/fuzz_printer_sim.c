/* libFuzzer target for the printer simulator's core (drivers/printer_sim.h): the first byte picks
 * the language (ZPL, TSPL, ESC/POS), the rest is a script of host byte chunks and control words
 * (paper-out, pause, ...). Two simulators take the same script, one chunk at a time and one byte
 * at a time: replies, counters and printed labels must be the same. A printer with no fault holds
 * nothing buffered, and the labels taken account for every copy printed. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "drivers/printer_sim.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const words[] = {"paper-out", "paper-in", "head-open", "head-close", "pause",
                                    "resume",    "silent",   "answer",    "paper_out"};
enum { WORD_COUNT = sizeof words / sizeof words[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const stiel_printer_lang langs[] = {STIEL_PRINTER_ZPL, STIEL_PRINTER_TSPL, STIEL_PRINTER_ESCPOS};
    if (size < 1 || size > 32768)
        return 0;
    stiel_printer_lang lang = langs[data[0] % 3];
    stiel_printer_sim *a = NULL, *b = NULL;
    CHECK(stiel_printer_sim_new(lang, &a) == STIEL_OK);
    CHECK(stiel_printer_sim_new(lang, &b) == STIEL_OK);
    CHECK(stiel_printer_sim_lang(a) == lang);
    stiel_buf ra, rb;
    stiel_buf_init(&ra, 0);
    stiel_buf_init(&rb, 0);
    bool faults[3] = {false, false, false}; /* paper-out, head-open, paused */
    size_t i = 1;
    while (i < size) {
        uint8_t op = data[i++];
        if (op >= 0xF0) {
            const char *w = words[(op - 0xF0) % WORD_COUNT];
            stiel_diag da, db;
            stiel_status sa = stiel_printer_sim_control(a, w, &da);
            CHECK(stiel_printer_sim_control(b, w, &db) == sa);
            CHECK(sa == STIEL_OK || (sa == STIEL_ERR_ARG && da.text[0] != '\0'));
            if (sa == STIEL_OK) {
                if (strcmp(w, "paper-out") == 0 || strcmp(w, "paper-in") == 0)
                    faults[0] = w[6] == 'o';
                else if (strncmp(w, "head-", 5) == 0)
                    faults[1] = w[5] == 'o';
                else if (strcmp(w, "pause") == 0 || strcmp(w, "resume") == 0)
                    faults[2] = w[0] == 'p';
            }
        } else {
            size_t n = 1 + op % 64;
            if (n > size - i)
                n = size - i;
            stiel_status sa = stiel_printer_sim_feed(a, data + i, n, &ra);
            stiel_status sb = STIEL_OK;
            for (size_t k = 0; k < n; k++) {
                stiel_status s1 = stiel_printer_sim_feed(b, data + i + k, 1, &rb);
                if (sb == STIEL_OK)
                    sb = s1;
            }
            CHECK(sa == STIEL_OK && sb == STIEL_OK); /* no label nears 16 MiB here */
            i += n;
        }
        CHECK(ra.len == rb.len && (ra.len == 0 || memcmp(ra.data, rb.data, ra.len) == 0));
        CHECK(stiel_printer_sim_printed(a) == stiel_printer_sim_printed(b));
        CHECK(stiel_printer_sim_buffered(a) == stiel_printer_sim_buffered(b));
        CHECK(stiel_printer_sim_queries(a) == stiel_printer_sim_queries(b));
        if (!faults[0] && !faults[1] && !faults[2])
            CHECK(stiel_printer_sim_buffered(a) == 0);
        char da[160], db[160], tiny[7];
        stiel_printer_sim_describe(a, da, sizeof da);
        stiel_printer_sim_describe(b, db, sizeof db);
        CHECK(strcmp(da, db) == 0);
        stiel_printer_sim_describe(a, tiny, sizeof tiny);
        CHECK(strlen(tiny) < sizeof tiny);
    }
    /* every printed label, taken from both, is the same; copies add up (when none was dropped) */
    uint64_t printed = stiel_printer_sim_printed(a), copies_total = 0;
    size_t taken = 0;
    for (;;) {
        stiel_buf la, lb;
        unsigned ca = 0, cb = 0;
        stiel_buf_init(&la, 0);
        stiel_buf_init(&lb, 0);
        bool ha = stiel_printer_sim_take(a, &la, &ca), hb = stiel_printer_sim_take(b, &lb, &cb);
        CHECK(ha == hb);
        if (ha) {
            CHECK(ca == cb && ca >= 1);
            CHECK(la.len == lb.len && (la.len == 0 || memcmp(la.data, lb.data, la.len) == 0));
            copies_total += ca;
            taken++;
        }
        stiel_buf_free(&la);
        stiel_buf_free(&lb);
        if (!ha)
            break;
    }
    if (taken < 1024)
        CHECK(copies_total == printed);
    stiel_buf_free(&ra);
    stiel_buf_free(&rb);
    stiel_printer_sim_free(a);
    stiel_printer_sim_free(b);
    return 0;
}
