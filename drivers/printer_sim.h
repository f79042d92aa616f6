/* The printer simulator's core, without I/O: a ZPL, TSPL or ESC/POS printer as a state machine that
 * takes the bytes a host sends, answers status queries (~HS, ~HI; <ESC>!?; DLE EOT n) with the
 * bytes a real printer sends for its state, cuts the stream into labels, and prints them — or, while
 * paper-out, head-open or paused, keeps them buffered (formats in buffer > 0, like a Zebra) and
 * prints them when the fault is fixed. It counts the labels printed. `stiel sim printer` and the
 * driver tests put a pty or a socket around it. Single-threaded: the caller serialises calls. */
#ifndef STIEL_DRIVERS_PRINTER_SIM_H
#define STIEL_DRIVERS_PRINTER_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "drivers/printer.h"

typedef struct stiel_printer_sim stiel_printer_sim;

/* The ~HI reply of the simulated Zebra. */
#define STIEL_PRINTER_SIM_HI "\x02" "STIELSIM-203dpi,V1.0.0,8,8176KB,X\x03\r\n"

/* A new simulator for ZPL, TSPL or ESC/POS (EPL: STIEL_ERR_UNSUPPORTED — it has no status to
 * simulate), ready, with nothing buffered. STIEL_ERR_NOMEM. */
stiel_status stiel_printer_sim_new(stiel_printer_lang lang, stiel_printer_sim **out);

void stiel_printer_sim_free(stiel_printer_sim *sim);

stiel_printer_lang stiel_printer_sim_lang(const stiel_printer_sim *sim);

/* Takes n received bytes in any chunking; appends status replies (if any) to reply. Complete
 * labels are buffered and, if the printer is ready, printed at once. STIEL_ERR_OVERLONG if a
 * single label grows past 16 MiB (the partial label is dropped), STIEL_ERR_NOMEM. */
stiel_status stiel_printer_sim_feed(stiel_printer_sim *sim, const uint8_t *bytes, size_t n, stiel_buf *reply);

/* Applies a control word: "paper-out", "paper-in", "head-open", "head-close", "pause", "resume",
 * "silent" (no status replies at all), "answer" (replies again). Fixing the last fault prints the
 * buffered labels. STIEL_ERR_ARG for another word (diag lists the words). */
stiel_status stiel_printer_sim_control(stiel_printer_sim *sim, const char *word, stiel_diag *diag);

/* One line describing the state: "ready, 0 buffered, 12 printed" / "paper-out paused, 2 buffered...". */
void stiel_printer_sim_describe(const stiel_printer_sim *sim, char *out, size_t cap);

/* Labels printed so far (copies counted: ^PQ, PRINT m). */
uint64_t stiel_printer_sim_printed(const stiel_printer_sim *sim);

/* Labels received and not yet printed. */
unsigned stiel_printer_sim_buffered(const stiel_printer_sim *sim);

/* Status queries answered so far. */
uint64_t stiel_printer_sim_queries(const stiel_printer_sim *sim);

/* Pops the oldest printed label's bytes (a whole ^XA..^XZ format, a TSPL job up to PRINT, an ESC/POS
 * job up to the cut) into out (appended), with its copy count; false when none is left. Printed
 * labels are kept until taken (at most 1024; older ones are dropped). */
bool stiel_printer_sim_take(stiel_printer_sim *sim, stiel_buf *out, unsigned *copies);

#endif
