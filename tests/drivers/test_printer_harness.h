/* Test harness for the printer driver tests: the printer simulator core (drivers/printer_sim.h)
 * behind a pty, served by its own thread, plus helpers to wait for STATUS events and job states. */
#ifndef STIEL_TESTS_DRIVERS_TEST_PRINTER_HARNESS_H
#define STIEL_TESTS_DRIVERS_TEST_PRINTER_HARNESS_H

#include <pthread.h>
#include <stdint.h>

#include "common/buf.h"
#include "drivers/print_queue.h"
#include "drivers/printer.h"
#include "drivers/printer_sim.h"
#include "drivers_fixture.h"

typedef struct sim_pty {
    int master, slave, stop[2];
    char path[128];
    stiel_printer_sim *sim;     /* NULL: a raw pty that only records (EPL) */
    pthread_t thread;
    pthread_mutex_t lock;
    stiel_buf raw;              /* every byte received */
} sim_pty;

/* Starts a simulated printer (or, for EPL, a recording pty) on a new pty. 0 or -1. */
int sim_pty_start(sim_pty *s, stiel_printer_lang lang);
/* Stops the thread, closes the pty, frees the simulator. */
void sim_pty_stop(sim_pty *s);
/* Applies a control word under the lock. */
void sim_pty_control(sim_pty *s, const char *word);
/* Labels printed so far. */
uint64_t sim_pty_printed(sim_pty *s);
/* Takes the oldest printed label into out (appended); 0 when none. */
int sim_pty_take(sim_pty *s, stiel_buf *out);
/* Copies every raw byte received so far into out (appended). */
void sim_pty_raw(sim_pty *s, stiel_buf *out);

/* Waits until a STATUS event with code arrives at index >= from; its index or -1. */
long wait_status(recorder *r, size_t from, int code, int timeout_ms);
/* Waits until job id reaches state want; 0 or -1. */
int wait_job(stiel_print_queue *q, uint64_t id, stiel_print_job_state want, int timeout_ms);
/* Makes a fresh temporary folder (mkdtemp) in out. */
void temp_dir(char *out, size_t cap, const char *tag);
/* rm -rf of a folder made by temp_dir. */
void temp_dir_remove(const char *dir);

#endif
