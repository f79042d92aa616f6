/* Private to drivers/transport*.c: the transport struct, the per-kind open functions, and the
 * errno → stiel_status mapping shared by the fd, serial and TCP transports. */
#ifndef STIEL_DRIVERS_TRANSPORT_IMPL_H
#define STIEL_DRIVERS_TRANSPORT_IMPL_H

#include "drivers/transport.h"

struct stiel_transport {
    int fd;
    int is_socket;                 /* use send(MSG_NOSIGNAL) */
    stiel_transport_kind kind;
    stiel_transport_state state;
    void (*release)(stiel_transport *t); /* kind-specific cleanup before the fd is closed, or NULL */
    void *impl;                    /* serial: the struct sp_port * */
    char tcp_peer[STIEL_PORT_SPEC_MAX]; /* tcp: "host:port" for diags */
    stiel_diag last;               /* why it FAILED (code STIEL_OK while healthy) */
    char name[STIEL_PORT_SPEC_MAX];
};

/* Allocates a transport named name (copied, must fit) with fd -1 and state OPEN. NULL on ENOMEM. */
stiel_transport *stiel_transport_alloc(stiel_transport_kind kind, const char *name);

/* Frees t (does not close anything). */
void stiel_transport_free_struct(stiel_transport *t);

/* Maps an errno value from open()/connect() to a status: ENOENT/ENODEV/ENXIO → NOT_FOUND,
 * EACCES/EPERM → DENIED, EBUSY → BUSY, ENOMEM → NOMEM, else IO. */
stiel_status stiel_transport_errno_status(int err);

/* What a person should check for status st on a device at name ("check the cable", ...). */
const char *stiel_transport_advice(stiel_status st);

/* Puts the fd into raw mode with the given line settings if it is a tty (ptys included).
 * Returns 0, or -1 with errno set. */
int stiel_transport_tty_raw(int fd, const stiel_line_settings *line);

/* Per-kind openers; path is the spec without its "pty:"/"serial:"/"tcp:" prefix. */
stiel_status stiel_transport_fd_open(const char *spec, const char *path, const stiel_line_settings *line,
                                     stiel_transport **out, stiel_diag *diag);
stiel_status stiel_transport_serial_open(const char *spec, const char *path, const stiel_line_settings *line,
                                         stiel_transport **out, stiel_diag *diag);
stiel_status stiel_transport_tcp_open(const char *spec, const char *hostport, stiel_transport **out,
                                      stiel_diag *diag);
/* Completes a TCP connect after POLLOUT/POLLERR/POLLHUP. */
stiel_status stiel_transport_tcp_finish(stiel_transport *t, stiel_diag *diag);

#endif
