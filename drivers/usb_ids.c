/* The table of known scanner, printer and USB-serial adapter vendors (USB vendor ids). */
#include "drivers/usb_ids.h"

#include <stdio.h>

static const stiel_usb_vendor vendors[] = {
    {0x05E0, STIEL_USB_SCANNER, "Zebra/Symbol", "ssi-scanner"},
    {0x0A5F, STIEL_USB_PRINTER, "Zebra", NULL},
    {0x0C2E, STIEL_USB_SCANNER, "Honeywell/Metrologic", "honeywell-scanner"},
    {0x05F9, STIEL_USB_SCANNER, "Datalogic", "generic-scanner"},
    {0x1EAB, STIEL_USB_SCANNER, "Newland", "generic-scanner"},
    {0x0D2A, STIEL_USB_SCANNER, "Code Corporation", "generic-scanner"},
    {0x065A, STIEL_USB_SCANNER, "Opticon", "generic-scanner"},
    {0x1203, STIEL_USB_PRINTER, "TSC", NULL},
    {0x04B8, STIEL_USB_PRINTER, "Epson", NULL},
    {0x1D90, STIEL_USB_PRINTER, "Citizen", NULL},
    {0x195F, STIEL_USB_PRINTER, "Godex", NULL},
    {0x04F9, STIEL_USB_PRINTER, "Brother", NULL},
    {0x0403, STIEL_USB_ADAPTER, "FTDI", NULL},
    {0x067B, STIEL_USB_ADAPTER, "Prolific", NULL},
    {0x1A86, STIEL_USB_ADAPTER, "QinHeng (CH340)", NULL},
    {0x10C4, STIEL_USB_ADAPTER, "Silicon Labs (CP210x)", NULL},
};

size_t stiel_usb_vendor_count(void)
{
    return sizeof vendors / sizeof vendors[0];
}

const stiel_usb_vendor *stiel_usb_vendor_at(size_t i)
{
    return i < stiel_usb_vendor_count() ? &vendors[i] : NULL;
}

const stiel_usb_vendor *stiel_usb_vendor_find(uint16_t vid)
{
    for (size_t i = 0; i < stiel_usb_vendor_count(); i++)
        if (vendors[i].vid == vid)
            return &vendors[i];
    return NULL;
}

const char *stiel_usb_kind_name(stiel_usb_kind kind)
{
    switch (kind) {
    case STIEL_USB_SCANNER: return "scanner";
    case STIEL_USB_PRINTER: return "printer";
    case STIEL_USB_ADAPTER: return "serial adapter";
    case STIEL_USB_UNKNOWN: break;
    }
    return "unknown";
}

char *stiel_usb_describe(int vid, char *out, size_t cap)
{
    if (!out || cap == 0)
        return out;
    if (vid < 0 || vid > 0xFFFF) {
        snprintf(out, cap, "serial port (not USB)");
        return out;
    }
    const stiel_usb_vendor *v = stiel_usb_vendor_find((uint16_t)vid);
    if (!v)
        snprintf(out, cap, "unknown device");
    else if (v->kind == STIEL_USB_ADAPTER)
        snprintf(out, cap, "serial adapter (unknown device)");
    else if (v->kind == STIEL_USB_PRINTER)
        snprintf(out, cap, "printer (%s)", v->maker);
    else
        snprintf(out, cap, "scanner (%s)", v->maker);
    return out;
}
