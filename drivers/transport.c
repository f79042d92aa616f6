/* The transport seam's common part: choosing a transport by port name, non-blocking read and write
 * on the fd (shared by all kinds), state, and close. */
#include "drivers/transport_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const serial_prefixes[] = {"/dev/ttyUSB", "/dev/ttyACM", "/dev/ttyS", "/dev/ttyAMA",
                                              "/dev/serial/"};

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int looks_serial(const char *path)
{
    for (size_t i = 0; i < sizeof serial_prefixes / sizeof serial_prefixes[0]; i++)
        if (starts_with(path, serial_prefixes[i]))
            return 1;
    return 0;
}

stiel_transport_kind stiel_transport_kind_of(const char *spec)
{
    if (!spec)
        return STIEL_TRANSPORT_FD;
    if (starts_with(spec, "tcp:"))
        return STIEL_TRANSPORT_TCP;
    if (starts_with(spec, "pty:"))
        return STIEL_TRANSPORT_FD;
    if (starts_with(spec, "serial:"))
        return STIEL_TRANSPORT_SERIAL;
    char resolved[PATH_MAX];
    if (realpath(spec, resolved))
        return looks_serial(resolved) ? STIEL_TRANSPORT_SERIAL : STIEL_TRANSPORT_FD;
    return looks_serial(spec) ? STIEL_TRANSPORT_SERIAL : STIEL_TRANSPORT_FD;
}

stiel_transport *stiel_transport_alloc(stiel_transport_kind kind, const char *name)
{
    stiel_transport *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fd = -1;
    t->kind = kind;
    t->state = STIEL_TRANSPORT_OPEN;
    size_t n = strlen(name);
    if (n >= sizeof t->name)
        n = sizeof t->name - 1;
    memcpy(t->name, name, n);
    t->name[n] = '\0';
    return t;
}

void stiel_transport_free_struct(stiel_transport *t)
{
    free(t);
}

stiel_status stiel_transport_errno_status(int err)
{
    switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
        return STIEL_ERR_NOT_FOUND;
    case EACCES:
    case EPERM:
        return STIEL_ERR_DENIED;
    case EBUSY:
        return STIEL_ERR_BUSY;
    case ENOMEM:
        return STIEL_ERR_NOMEM;
    default:
        return STIEL_ERR_IO;
    }
}

const char *stiel_transport_advice(stiel_status st)
{
    switch (st) {
    case STIEL_ERR_NOT_FOUND: return "check that it is plugged in and the port name is right";
    case STIEL_ERR_DENIED: return "check permissions: the kiosk user must be in the dialout group";
    case STIEL_ERR_BUSY: return "another program is using it: close that program";
    case STIEL_ERR_UNSUPPORTED: return "check the line settings in the config";
    case STIEL_ERR_CLOSED: return "check the cable";
    case STIEL_ERR_TIMEOUT: return "check that it is switched on and connected";
    default: return "check the cable and the power";
    }
}

stiel_status stiel_transport_open(const char *spec, const stiel_line_settings *line, stiel_transport **out,
                                  stiel_diag *diag)
{
    if (out)
        *out = NULL;
    if (!spec || !out || !spec[0])
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no port name given");
    if (strlen(spec) >= STIEL_PORT_SPEC_MAX)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "port name is longer than %d characters",
                              STIEL_PORT_SPEC_MAX - 1);
    stiel_line_settings def = STIEL_LINE_SETTINGS_DEFAULT;
    if (!line)
        line = &def;
    stiel_status st = stiel_line_settings_check(line, diag);
    if (st != STIEL_OK)
        return st;
    switch (stiel_transport_kind_of(spec)) {
    case STIEL_TRANSPORT_TCP:
        return stiel_transport_tcp_open(spec, spec + 4, out, diag);
    case STIEL_TRANSPORT_SERIAL:
        return stiel_transport_serial_open(spec, starts_with(spec, "serial:") ? spec + 7 : spec, line, out,
                                           diag);
    case STIEL_TRANSPORT_FD:
        break;
    }
    return stiel_transport_fd_open(spec, starts_with(spec, "pty:") ? spec + 4 : spec, line, out, diag);
}

stiel_status stiel_transport_adopt_fd(int fd, const char *name, stiel_transport **out, stiel_diag *diag)
{
    if (out)
        *out = NULL;
    if (fd < 0 || !out || !name)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no file descriptor to adopt");
    stiel_transport *t = stiel_transport_alloc(STIEL_TRANSPORT_FD, name);
    if (!t) {
        close(fd);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for transport %s", name);
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    int type = 0;
    socklen_t len = sizeof type;
    t->is_socket = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0;
    t->fd = fd;
    *out = t;
    return STIEL_OK;
}

static stiel_status fail(stiel_transport *t, stiel_status st, stiel_diag *diag, const char *what, int err)
{
    t->state = STIEL_TRANSPORT_FAILED;
    if (st == STIEL_ERR_CLOSED)
        stiel_diag_set(&t->last, st, "%s hung up (%s)", t->name, what);
    else
        stiel_diag_set(&t->last, st, "%s: %s failed: %s", t->name, what, strerror(err));
    if (diag)
        *diag = t->last;
    return st;
}

const stiel_diag *stiel_transport_last_diag(const stiel_transport *t)
{
    static const stiel_diag none = {STIEL_OK, ""};
    return t ? &t->last : &none;
}

stiel_status stiel_transport_read(stiel_transport *t, void *buf, size_t cap, size_t *got, stiel_diag *diag)
{
    if (got)
        *got = 0;
    if (!t || !buf || !got || cap == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "transport read: bad arguments");
    if (t->state == STIEL_TRANSPORT_FAILED || t->fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "%s is not open", t->name);
    if (t->state == STIEL_TRANSPORT_CONNECTING)
        return STIEL_OK;
    ssize_t n = read(t->fd, buf, cap);
    if (n > 0) {
        *got = (size_t)n;
        return STIEL_OK;
    }
    if (n == 0)
        return fail(t, STIEL_ERR_CLOSED, diag, "end of stream", 0);
    int err = errno;
    if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR)
        return STIEL_OK;
    /* A pty slave whose master went away and a tty after a USB unplug both read EIO. */
    if (err == EIO || err == ECONNRESET || err == ENODEV || err == ENXIO)
        return fail(t, STIEL_ERR_CLOSED, diag, strerror(err), err);
    return fail(t, STIEL_ERR_IO, diag, "read", err);
}

stiel_status stiel_transport_write(stiel_transport *t, const void *buf, size_t n, size_t *written,
                                   stiel_diag *diag)
{
    if (written)
        *written = 0;
    if (!t || (!buf && n) || !written)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "transport write: bad arguments");
    if (t->state == STIEL_TRANSPORT_FAILED || t->fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "%s is not open", t->name);
    if (t->state == STIEL_TRANSPORT_CONNECTING || n == 0)
        return STIEL_OK;
    ssize_t w = t->is_socket ? send(t->fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT) : write(t->fd, buf, n);
    if (w >= 0) {
        *written = (size_t)w;
        return STIEL_OK;
    }
    int err = errno;
    if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR)
        return STIEL_OK;
    if (err == EPIPE || err == EIO || err == ECONNRESET || err == ENODEV || err == ENXIO)
        return fail(t, STIEL_ERR_CLOSED, diag, strerror(err), err);
    return fail(t, STIEL_ERR_IO, diag, "write", err);
}

int stiel_transport_fd(const stiel_transport *t)
{
    return t ? t->fd : -1;
}

short stiel_transport_poll_events(const stiel_transport *t)
{
    return t && t->state == STIEL_TRANSPORT_CONNECTING ? POLLOUT : 0;
}

stiel_status stiel_transport_handle_events(stiel_transport *t, short revents, stiel_diag *diag)
{
    if (!t)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no transport");
    if (t->state == STIEL_TRANSPORT_CONNECTING && (revents & (POLLOUT | POLLERR | POLLHUP)))
        return stiel_transport_tcp_finish(t, diag);
    return STIEL_OK;
}

stiel_transport_state stiel_transport_state_get(const stiel_transport *t)
{
    return t ? t->state : STIEL_TRANSPORT_FAILED;
}

stiel_transport_kind stiel_transport_kind_get(const stiel_transport *t)
{
    return t ? t->kind : STIEL_TRANSPORT_FD;
}

const char *stiel_transport_name(const stiel_transport *t)
{
    return t ? t->name : "";
}

void stiel_transport_close(stiel_transport *t)
{
    if (!t)
        return;
    if (t->release)
        t->release(t); /* closes the fd itself (serial: sp_close) and sets fd to -1 */
    if (t->fd >= 0)
        close(t->fd);
    stiel_transport_free_struct(t);
}
