/* Known USB vendors of scanners, label printers and USB-serial adapters, so `stiel devices` can say
 * what a port probably is ("Zebra/Symbol scanner", "serial adapter (unknown device)"). Pure. */
#ifndef STIEL_DRIVERS_USB_IDS_H
#define STIEL_DRIVERS_USB_IDS_H

#include <stddef.h>
#include <stdint.h>

typedef enum stiel_usb_kind {
    STIEL_USB_UNKNOWN = 0,   /* a vendor not in the table */
    STIEL_USB_SCANNER,       /* a barcode scanner maker */
    STIEL_USB_PRINTER,       /* a label / receipt printer maker */
    STIEL_USB_ADAPTER        /* a USB-serial chip: the device behind it could be anything */
} stiel_usb_kind;

typedef struct stiel_usb_vendor {
    uint16_t vid;
    stiel_usb_kind kind;
    const char *maker;       /* "Zebra/Symbol", "Honeywell/Metrologic", "FTDI" */
    const char *driver;      /* a registry driver name to try first, or NULL */
} stiel_usb_vendor;

/* The table entry for vid, or NULL when the vendor is not known. */
const stiel_usb_vendor *stiel_usb_vendor_find(uint16_t vid);

/* What a person should read: "scanner (Zebra/Symbol)", "printer (TSC)",
 * "serial adapter (unknown device)", "unknown device"; for vid < 0 (not USB) "serial port
 * (not USB)". Writes into out (NUL-terminated when cap > 0) and returns out. */
char *stiel_usb_describe(int vid, char *out, size_t cap);

/* "scanner", "printer", "serial adapter", "unknown". */
const char *stiel_usb_kind_name(stiel_usb_kind kind);

/* Number of entries in the table, and the i-th (NULL when out of range), for tests and listings. */
size_t stiel_usb_vendor_count(void);
const stiel_usb_vendor *stiel_usb_vendor_at(size_t i);

#endif
