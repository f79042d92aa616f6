/* The driver registry: every device driver by name ("generic-scanner", "ssi-scanner", ...), what
 * kind of device it drives and how to make its default driver data. One table, one line per
 * driver; the app and the CLI look drivers up here and never name a model themselves. */
#ifndef STIEL_DRIVERS_REGISTRY_H
#define STIEL_DRIVERS_REGISTRY_H

#include <stddef.h>

#include "common/status.h"
#include "drivers/device.h"

typedef enum stiel_driver_class {
    STIEL_DRIVER_SCANNER = 0,
    STIEL_DRIVER_PRINTER
} stiel_driver_class;

typedef struct stiel_driver_info {
    const char *name;              /* unique, e.g. "ssi-scanner" */
    const char *alias;             /* short name the CLI takes ("ssi"), or NULL */
    stiel_driver_class cls;
    const char *summary;           /* one line for `stiel help` and `stiel devices` */
    const stiel_device_ops *ops;
    /* Makes the driver data with default settings (freed by ops->destroy once the device owns
     * it). NULL when the driver needs no data. */
    stiel_status (*create)(void **driver_data, stiel_diag *diag);
} stiel_driver_info;

/* Number of registered drivers, and the i-th (NULL when i is out of range). */
size_t stiel_driver_count(void);
const stiel_driver_info *stiel_driver_at(size_t i);

/* The driver whose name or alias is name (exact, case-sensitive), or NULL. */
const stiel_driver_info *stiel_driver_find(const char *name);

/* "scanner" / "printer"; "?" for others. */
const char *stiel_driver_class_name(stiel_driver_class cls);

#endif
