/* The TSPL (TSC) printer driver: status by <ESC>!? (one byte; the input is drained before each
 * query), busy while bit 5 "printing" is set; the vtable. */
#include <string.h>

#include "drivers/printer_impl.h"

static size_t tspl_query(unsigned step, uint8_t out[8])
{
    (void)step;
    memcpy(out, TSPL_QUERY_STATUS, TSPL_QUERY_LEN);
    return TSPL_QUERY_LEN;
}

static stiel_status tspl_parse(printer *p, unsigned step, const uint8_t *rx, size_t n, printer_reply *r,
                               stiel_diag *diag)
{
    (void)p;
    (void)step;
    tspl_status ts;
    size_t used = 0;
    stiel_status st = tspl_status_parse(rx, n, &ts, &used, diag);
    if (st != STIEL_OK)
        return st;
    r->state = ts.state;
    r->conditions = ts.conditions;
    r->busy = (ts.conditions & PRINTER_COND_PRINTING) != 0;
    return STIEL_OK;
}

const printer_lang_hooks printer_tspl_hooks = {
    .lang = STIEL_PRINTER_TSPL,
    .query_steps = 1,
    .query = tspl_query,
    .parse = tspl_parse,
};

const stiel_device_ops stiel_printer_tspl_ops = {
    .name = "printer-tspl",
    .on_open = printer_on_open,
    .on_readable = printer_on_readable,
    .on_tick = printer_on_tick,
    .on_hangup = printer_on_hangup,
    .on_command = printer_on_command,
    .destroy = printer_destroy,
};
