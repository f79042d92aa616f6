/* The EPL2 printer driver. EPL2 has no status query we can rely on (the ^ee error report and the
 * UQ configuration dump are not status replies, and many EPL printers answer neither over serial),
 * so this driver has "no status": it reports READY once per connect with that caveat, sends jobs
 * as soon as they are queued, and confirms each job when its last byte has been written (see
 * print_queue.h). Paper out and head open are not detected; a lost port still is. */
#include "drivers/printer_impl.h"

const printer_lang_hooks printer_epl_hooks = {
    .lang = STIEL_PRINTER_EPL,
    .query_steps = 0,
    .query = NULL,
    .parse = NULL,
};

const stiel_device_ops stiel_printer_epl_ops = {
    .name = "printer-epl",
    .on_open = printer_on_open,
    .on_readable = printer_on_readable,
    .on_tick = printer_on_tick,
    .on_hangup = printer_on_hangup,
    .on_command = printer_on_command,
    .destroy = printer_destroy,
};
