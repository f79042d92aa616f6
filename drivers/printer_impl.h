/* Private to drivers/printer*.c: the per-printer driver data shared by every language, and the
 * small table of hooks (status query bytes and reply parsing) that each language fills in. */
#ifndef STIEL_DRIVERS_PRINTER_IMPL_H
#define STIEL_DRIVERS_PRINTER_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "common/buf.h"
#include "drivers/printer.h"
#include "protocol/printer/escpos_status.h"
#include "protocol/printer/tspl_status.h"
#include "protocol/printer/zpl_status.h"

typedef struct printer printer;

/* What one complete status reply said. */
typedef struct printer_reply {
    printer_state state;
    uint32_t conditions;
    bool busy;           /* something still to print: ZPL formats/labels in buffer, TSPL printing */
} printer_reply;

typedef struct printer_lang_hooks {
    stiel_printer_lang lang;
    unsigned query_steps;        /* 0: no status at all (EPL) */
    /* Bytes of query step (0..query_steps-1) into out (at most 8); returns the count. */
    size_t (*query)(unsigned step, uint8_t out[8]);
    /* Parses rx as the reply to step. TRUNCATED: wait for more; OK: reply complete (at the last
     * step r is filled); another error: garbage (rx is dropped). */
    stiel_status (*parse)(printer *p, unsigned step, const uint8_t *rx, size_t n, printer_reply *r,
                          stiel_diag *diag);
} printer_lang_hooks;

typedef enum printer_job_phase { JOB_NONE = 0, JOB_SENDING, JOB_SENT } printer_job_phase;

struct printer {
    const printer_lang_hooks *hooks;   /* NULL for the virtual printer */
    bool is_virtual;
    stiel_printer_config cfg;
    char preview_dir[1024];
    /* status */
    bool reported;                     /* a status was reported since the last connect */
    printer_state state;               /* last reported */
    bool querying;
    unsigned step;
    uint64_t query_deadline;
    stiel_buf rx;
    union {
        escpos_status esc;
    } acc;                             /* replies accumulated over steps */
    printer_reply last;
    /* job in flight */
    printer_job_phase phase;
    uint64_t job_id;
    stiel_buf job;
    size_t job_off;
    unsigned clean_replies;
};

extern const printer_lang_hooks printer_zpl_hooks;
extern const printer_lang_hooks printer_tspl_hooks;
extern const printer_lang_hooks printer_escpos_hooks;
extern const printer_lang_hooks printer_epl_hooks;

/* The shared driver callbacks (printer_common.c), used by every vtable. */
stiel_status printer_on_open(stiel_device *dev, uint64_t now_ms);
void printer_on_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now_ms);
void printer_on_tick(stiel_device *dev, uint64_t now_ms);
void printer_on_hangup(stiel_device *dev, uint64_t now_ms);
stiel_status printer_on_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now_ms);
void printer_destroy(void *driver_data);

/* The virtual printer's delivery: writes the preview of the job (printer_virtual.c). */
stiel_status printer_virtual_deliver(printer *p, uint64_t id, const uint8_t *bytes, size_t n, stiel_diag *diag);

#endif
