/* The ZPL printer driver: status by ~HS (three STX..ETX lines), busy while formats or labels are in
 * the printer's buffer; the vtable (shared callbacks from printer_common.c). */
#include <string.h>

#include "drivers/printer_impl.h"

static size_t zpl_query(unsigned step, uint8_t out[8])
{
    (void)step;
    memcpy(out, ZPL_QUERY_HOST_STATUS, 3);
    return 3;
}

static stiel_status zpl_parse(printer *p, unsigned step, const uint8_t *rx, size_t n, printer_reply *r,
                              stiel_diag *diag)
{
    (void)p;
    (void)step;
    zpl_host_status hs;
    size_t used = 0;
    stiel_status st = zpl_hs_parse(rx, n, &hs, &used, diag);
    if (st != STIEL_OK)
        return st;
    r->state = hs.state;
    r->conditions = hs.conditions;
    r->busy = hs.formats_in_buffer > 0 || hs.labels_remaining > 0 || hs.partial_format;
    return STIEL_OK;
}

const printer_lang_hooks printer_zpl_hooks = {
    .lang = STIEL_PRINTER_ZPL,
    .query_steps = 1,
    .query = zpl_query,
    .parse = zpl_parse,
};

const stiel_device_ops stiel_printer_zpl_ops = {
    .name = "printer-zpl",
    .on_open = printer_on_open,
    .on_readable = printer_on_readable,
    .on_tick = printer_on_tick,
    .on_hangup = printer_on_hangup,
    .on_command = printer_on_command,
    .destroy = printer_destroy,
};
