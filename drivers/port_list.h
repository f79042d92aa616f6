/* Serial ports of this machine as libserialport enumerates them (/sys/class/tty: real ports only,
 * never ptys), with their USB identity. Implemented in drivers/transport_serial.c, the only file
 * that talks to libserialport directly. */
#ifndef STIEL_DRIVERS_PORT_LIST_H
#define STIEL_DRIVERS_PORT_LIST_H

#include <stddef.h>

#include "common/status.h"

enum { STIEL_PORT_TEXT_MAX = 128, STIEL_PORT_LIST_MAX = 64 };

typedef enum stiel_port_bus {
    STIEL_PORT_NATIVE = 0,   /* on-board UART (ttyS*, ttyAMA*) */
    STIEL_PORT_USB,
    STIEL_PORT_BLUETOOTH
} stiel_port_bus;

typedef struct stiel_port_info {
    char name[STIEL_PORT_TEXT_MAX];          /* "/dev/ttyUSB0" */
    char description[STIEL_PORT_TEXT_MAX];   /* libserialport's description, may be "" */
    stiel_port_bus bus;
    int vid, pid;                            /* USB ids, -1 when not USB or unknown */
    char manufacturer[STIEL_PORT_TEXT_MAX];  /* USB strings, "" when absent */
    char product[STIEL_PORT_TEXT_MAX];
    char serial[STIEL_PORT_TEXT_MAX];
} stiel_port_info;

/* Lists up to STIEL_PORT_LIST_MAX ports, sorted by name, into a new array (*out, free it with
 * stiel_port_list_free; NULL when *count is 0). STIEL_ERR_IO / STIEL_ERR_NOMEM with a diag when
 * the ports cannot be enumerated. No ports is STIEL_OK with *count 0. */
stiel_status stiel_port_list(stiel_port_info **out, size_t *count, stiel_diag *diag);

void stiel_port_list_free(stiel_port_info *list);

#endif
