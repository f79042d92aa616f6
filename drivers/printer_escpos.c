/* The ESC/POS printer driver: status by DLE EOT 1 (offline), 2 (cover, paper-end stop, error) and
 * 4 (paper), one byte each, asked one after the other with the input drained before each; the
 * vtable. */
#include "drivers/printer_impl.h"

static const escpos_status_kind steps[] = {ESCPOS_STATUS_PRINTER, ESCPOS_STATUS_OFFLINE_CAUSE,
                                           ESCPOS_STATUS_PAPER};

static size_t escpos_query(unsigned step, uint8_t out[8])
{
    if (escpos_status_query_encode(steps[step < 3 ? step : 0], out, NULL) != STIEL_OK)
        return 0;
    return ESCPOS_QUERY_LEN;
}

static stiel_status escpos_parse(printer *p, unsigned step, const uint8_t *rx, size_t n, printer_reply *r,
                                 stiel_diag *diag)
{
    size_t used = 0;
    stiel_status st = escpos_status_parse(steps[step < 3 ? step : 0], rx, n, &p->acc.esc, &used, diag);
    if (st != STIEL_OK)
        return st;
    r->state = p->acc.esc.state;
    r->conditions = p->acc.esc.conditions;
    r->busy = false;
    return STIEL_OK;
}

const printer_lang_hooks printer_escpos_hooks = {
    .lang = STIEL_PRINTER_ESCPOS,
    .query_steps = 3,
    .query = escpos_query,
    .parse = escpos_parse,
};

const stiel_device_ops stiel_printer_escpos_ops = {
    .name = "printer-escpos",
    .on_open = printer_on_open,
    .on_readable = printer_on_readable,
    .on_tick = printer_on_tick,
    .on_hangup = printer_on_hangup,
    .on_command = printer_on_command,
    .destroy = printer_destroy,
};
