/* The transport seam: one opaque byte pipe to a device, chosen by the port name — libserialport for
 * real serial ports, a plain fd for ptys and simulators, a TCP socket for network printers.
 * Everything is non-blocking and exposes its fd for poll(); the device thread drives it. */
#ifndef STIEL_DRIVERS_TRANSPORT_H
#define STIEL_DRIVERS_TRANSPORT_H

#include <stddef.h>

#include "common/status.h"
#include "drivers/line_settings.h"

typedef struct stiel_transport stiel_transport;

typedef enum stiel_transport_kind {
    STIEL_TRANSPORT_SERIAL = 0, /* libserialport: /dev/ttyUSB*, ttyACM*, ttyS*, ttyAMA*, /dev/serial/... */
    STIEL_TRANSPORT_FD,         /* a plain file descriptor: "pty:/path", any other path, an adopted fd */
    STIEL_TRANSPORT_TCP         /* "tcp:HOST:PORT" (raw port 9100 printers) */
} stiel_transport_kind;

typedef enum stiel_transport_state {
    STIEL_TRANSPORT_CONNECTING = 0, /* TCP connect in progress: wait for POLLOUT */
    STIEL_TRANSPORT_OPEN,           /* bytes can flow */
    STIEL_TRANSPORT_FAILED          /* hung up or failed: close it and open a new one */
} stiel_transport_state;

/* Longest port spec kept (longer specs are refused with STIEL_ERR_OVERLONG). */
enum { STIEL_PORT_SPEC_MAX = 256 };

/* Which transport a spec selects, without opening anything but resolving symlinks:
 * "tcp:" prefix → TCP; "pty:" prefix → FD; "serial:" prefix → SERIAL; otherwise a path whose
 * resolved target (or, when it does not exist yet, the path itself) is /dev/ttyUSB*, /dev/ttyACM*,
 * /dev/ttyS*, /dev/ttyAMA* or lies under /dev/serial/ → SERIAL; any other path → FD (so a by-id
 * link that points at a pty works, and libserialport, which refuses ptys, never sees one). */
stiel_transport_kind stiel_transport_kind_of(const char *spec);

/* Opens the transport for spec (see stiel_transport_kind_of) with the given line settings (NULL:
 * 9600 8N1 none; ignored by TCP; applied to an fd only if it is a tty). The result is non-blocking
 * and close-on-exec; serial ports are opened exclusively (TIOCEXCL). A TCP transport may come back
 * in state CONNECTING. Errors: STIEL_ERR_ARG (bad spec), STIEL_ERR_OVERLONG, STIEL_ERR_NOT_FOUND
 * (no such port / host), STIEL_ERR_DENIED (permissions), STIEL_ERR_BUSY (in use), STIEL_ERR_
 * UNSUPPORTED (settings the port refuses), STIEL_ERR_NOMEM, STIEL_ERR_IO — each with a diag naming
 * the port and what to check. *out is NULL on error. */
stiel_status stiel_transport_open(const char *spec, const stiel_line_settings *line, stiel_transport **out,
                                  stiel_diag *diag);

/* Wraps an fd the caller already has (a socketpair end, a pipe) as an FD transport named name. The
 * transport takes ownership (it sets O_NONBLOCK and closes fd). Errors: STIEL_ERR_ARG, NOMEM (fd is
 * closed then too). */
stiel_status stiel_transport_adopt_fd(int fd, const char *name, stiel_transport **out, stiel_diag *diag);

/* Reads up to cap bytes without blocking. STIEL_OK with *got = 0 means "nothing now". On hang-up /
 * end of stream returns STIEL_ERR_CLOSED, on a read error STIEL_ERR_IO; both set the state to
 * FAILED and fill diag. While CONNECTING returns STIEL_OK with *got = 0. */
stiel_status stiel_transport_read(stiel_transport *t, void *buf, size_t cap, size_t *got, stiel_diag *diag);

/* Writes up to n bytes without blocking and reports in *written how many the kernel took; a
 * partial write or 0 (EAGAIN, or still CONNECTING) is STIEL_OK: the caller keeps the rest and
 * retries when poll() reports POLLOUT (the device thread keeps a bounded out-queue per device for
 * this). Never raises SIGPIPE on sockets. Errors as for read. */
stiel_status stiel_transport_write(stiel_transport *t, const void *buf, size_t n, size_t *written,
                                   stiel_diag *diag);

/* The fd to poll(), or -1 for NULL. Valid until stiel_transport_close. */
int stiel_transport_fd(const stiel_transport *t);

/* The poll() events the transport needs besides what the caller wants: POLLOUT while a TCP
 * connect is in progress, else 0. */
short stiel_transport_poll_events(const stiel_transport *t);

/* Tells the transport what poll() reported for its fd. Completes a TCP connect on POLLOUT
 * (→ OPEN, or FAILED with STIEL_ERR_IO / STIEL_ERR_NOT_FOUND and a diag such as "printer at
 * 10.0.0.5:9100 refused the connection"). On POLLERR/POLLHUP while connecting, fails likewise.
 * Otherwise does nothing and returns STIEL_OK (hang-ups of open transports are found by read). */
stiel_status stiel_transport_handle_events(stiel_transport *t, short revents, stiel_diag *diag);

stiel_transport_state stiel_transport_state_get(const stiel_transport *t);
stiel_transport_kind stiel_transport_kind_get(const stiel_transport *t);

/* Why the transport FAILED (the same sentence the failing call returned); code STIEL_OK and empty
 * text while it is healthy. Never NULL (a static cleared diag for NULL t). */
const stiel_diag *stiel_transport_last_diag(const stiel_transport *t);

/* The spec the transport was opened with ("/dev/ttyUSB0", "tcp:10.0.0.5:9100"). Never NULL. */
const char *stiel_transport_name(const stiel_transport *t);

/* Closes the fd (and the libserialport port) and frees t. NULL is fine. */
void stiel_transport_close(stiel_transport *t);

#endif
