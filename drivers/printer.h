/* Label printer drivers for the device thread: ZPL, TSPL, EPL2 and ESC/POS over any transport, and
 * a virtual printer that writes each job to a folder (a PNG preview, or the job's own bytes). Each
 * driver takes its jobs from a persistent print queue (drivers/print_queue.h), asks for status
 * before each job and every few seconds while idle, reports every status change as a STATUS event,
 * and confirms each job as print_queue.h defines it.
 *
 * Events (STIEL_DEVICE_EVENT_STATUS):
 *  - code = a printer_state (protocol/printer/printer_state.h), diag.text its sentence, e.g.
 *    "Printer: out of labels. Load labels and press FEED." — on every change, and once after each
 *    (re)connect. A printer that does not answer a status query within status_timeout_ms is
 *    PRINTER_STATE_OFFLINE (Zebra firmware sends no ~HS reply in some faults): never "fine".
 *  - code = STIEL_PRINTER_STATUS_JOB + a stiel_print_job_state: a job changed state; diag.text
 *    starts with "job <id> " ("job 12 confirmed").
 * EPL2 has no usable status query: its driver reports READY once per connect with a note that
 * faults are not seen, and confirms a job when its bytes are written.
 * Wake-ups: only the device deadline — the idle status interval, the status timeout, and while a
 * job is on its way a short pump / confirmation interval. */
#ifndef STIEL_DRIVERS_PRINTER_H
#define STIEL_DRIVERS_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "drivers/device.h"
#include "drivers/print_queue.h"

typedef enum stiel_printer_lang {
    STIEL_PRINTER_ZPL = 0,
    STIEL_PRINTER_TSPL,
    STIEL_PRINTER_EPL,
    STIEL_PRINTER_ESCPOS
} stiel_printer_lang;

/* "zpl", "tspl", "epl", "escpos"; "?" otherwise. */
const char *stiel_printer_lang_name(stiel_printer_lang lang);

/* Name → language; false for an unknown name. */
bool stiel_printer_lang_from_name(const char *name, stiel_printer_lang *out);

/* The drivers (one vtable each, names "printer-zpl", ...). driver_data must come from
 * stiel_printer_new; the device thread frees it through ops->destroy. */
extern const stiel_device_ops stiel_printer_zpl_ops;
extern const stiel_device_ops stiel_printer_tspl_ops;
extern const stiel_device_ops stiel_printer_epl_ops;
extern const stiel_device_ops stiel_printer_escpos_ops;
extern const stiel_device_ops stiel_printer_virtual_ops;

/* The vtable for a language (never NULL for a valid lang). */
const stiel_device_ops *stiel_printer_ops_for(stiel_printer_lang lang);

enum {
    STIEL_PRINTER_STATUS_JOB = 100,     /* + stiel_print_job_state, see above */
    STIEL_PRINTER_CMD_KICK = 1,         /* on_command: a job was queued: ask status now and print */
    STIEL_PRINTER_CMD_STATUS = 2        /* on_command: ask status now */
};

typedef struct stiel_printer_config {
    stiel_printer_lang lang;        /* the printer's language (virtual: what it previews) */
    stiel_print_queue *queue;       /* required; must outlive the device */
    unsigned status_interval_ms;    /* status poll while idle; 0: 5000 */
    unsigned status_timeout_ms;     /* no complete reply after this → OFFLINE; 0: 2000 */
    unsigned busy_interval_ms;      /* status poll while a job waits or is unconfirmed; 0: 250 */
    const char *preview_dir;        /* virtual printer: where job-<id>.png|.zpl|... go (required there) */
} stiel_printer_config;

/* Allocates the driver data for one printer from cfg (copied). Errors: STIEL_ERR_ARG (no queue,
 * bad lang; the virtual printer without preview_dir), STIEL_ERR_NOMEM. */
stiel_status stiel_printer_new(const stiel_printer_config *cfg, void **driver_data, stiel_diag *diag);

/* The same for the virtual printer (stiel_printer_virtual_ops): jobs in cfg->lang become
 * <preview_dir>/job-<id>.png when they carry graphics it can draw, else their own bytes as
 * <preview_dir>/job-<id>.<lang> (job-7.zpl; see printer_virtual.c). preview_dir is required. */
stiel_status stiel_printer_virtual_new(const stiel_printer_config *cfg, void **driver_data, stiel_diag *diag);

/* The virtual printer needs a port for the device thread like any device: this makes a FIFO
 * "<preview_dir>/.port" (creating preview_dir, mode 0700, if needed) and writes its path to out.
 * Nothing is ever written to it or read from it. Errors: STIEL_ERR_IO, STIEL_ERR_OVERLONG. */
stiel_status stiel_printer_virtual_port(const char *preview_dir, char *out, size_t cap, stiel_diag *diag);

#endif
