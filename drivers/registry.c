/* The driver table: one line per driver (scanners here; printer drivers add their lines). */
#include "drivers/registry.h"

#include <string.h>

#include "drivers/printer.h"
#include "drivers/scanner.h"

static stiel_status scanner_create(stiel_scanner_kind kind, void **out, stiel_diag *diag)
{
    stiel_scanner_config cfg;
    stiel_scanner_config_default(kind, &cfg);
    return stiel_scanner_new(&cfg, out, diag);
}

static stiel_status generic_create(void **out, stiel_diag *diag)
{
    return scanner_create(STIEL_SCANNER_GENERIC, out, diag);
}

static stiel_status ssi_create(void **out, stiel_diag *diag)
{
    return scanner_create(STIEL_SCANNER_SSI, out, diag);
}

static stiel_status honeywell_create(void **out, stiel_diag *diag)
{
    return scanner_create(STIEL_SCANNER_HONEYWELL, out, diag);
}

static const stiel_driver_info drivers[] = {
    {"generic-scanner", "generic", STIEL_DRIVER_SCANNER, "serial scanner: CR/LF/suffix/idle gap, optional AIM ids", &stiel_scanner_generic_ops, generic_create},
    {"ssi-scanner", "ssi", STIEL_DRIVER_SCANNER, "Zebra/Symbol SSI scanner: ACK/NAK, beep and LED, scan enable", &stiel_scanner_ssi_ops, ssi_create},
    {"honeywell-scanner", "honeywell", STIEL_DRIVER_SCANNER, "Honeywell serial scanner: SYN M feedback, SYN T/U trigger", &stiel_scanner_honeywell_ops, honeywell_create},
    /* Printers: no create — their driver data needs a print queue (stiel_printer_new / _virtual_new). */
    {"zpl-printer", "zpl", STIEL_DRIVER_PRINTER, "Zebra ZPL printer: ~HS status, queue confirmed by buffer empty", &stiel_printer_zpl_ops, NULL},
    {"tspl-printer", "tspl", STIEL_DRIVER_PRINTER, "TSC TSPL printer: <ESC>!? status", &stiel_printer_tspl_ops, NULL},
    {"epl-printer", "epl", STIEL_DRIVER_PRINTER, "Zebra EPL2 printer: no status (sent = confirmed)", &stiel_printer_epl_ops, NULL},
    {"escpos-printer", "escpos", STIEL_DRIVER_PRINTER, "ESC/POS printer: DLE EOT status, raster labels", &stiel_printer_escpos_ops, NULL},
    {"virtual-printer", "virtual", STIEL_DRIVER_PRINTER, "virtual printer: a PNG preview per job in a folder", &stiel_printer_virtual_ops, NULL},
};

size_t stiel_driver_count(void)
{
    return sizeof drivers / sizeof drivers[0];
}

const stiel_driver_info *stiel_driver_at(size_t i)
{
    return i < stiel_driver_count() ? &drivers[i] : NULL;
}

const stiel_driver_info *stiel_driver_find(const char *name)
{
    for (size_t i = 0; name && i < stiel_driver_count(); i++)
        if (strcmp(drivers[i].name, name) == 0 || (drivers[i].alias && strcmp(drivers[i].alias, name) == 0))
            return &drivers[i];
    return NULL;
}

const char *stiel_driver_class_name(stiel_driver_class cls)
{
    switch (cls) {
    case STIEL_DRIVER_SCANNER: return "scanner";
    case STIEL_DRIVER_PRINTER: return "printer";
    }
    return "?";
}
