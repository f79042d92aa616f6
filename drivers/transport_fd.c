/* The plain-fd transport: ptys ("pty:/dev/pts/3"), simulators and any path that is not a real
 * serial port (libserialport 0.1.1 refuses ptys). Opened non-blocking; a tty is put in raw mode. */
#include "drivers/transport_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static speed_t speed_of(int baud)
{
    switch (baud) {
    case 300: return B300;
    case 600: return B600;
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return B9600;
    }
}

int stiel_transport_tty_raw(int fd, const stiel_line_settings *line)
{
    if (!isatty(fd))
        return 0;
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0)
        return -1;
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~(tcflag_t)(CSIZE | CSTOPB | PARENB | PARODD | CMSPAR | CRTSCTS);
    static const tcflag_t sizes[] = {CS5, CS6, CS7, CS8};
    tio.c_cflag |= sizes[line->data_bits - 5];
    if (line->stop_bits == 2)
        tio.c_cflag |= CSTOPB;
    switch (line->parity) {
    case STIEL_PARITY_NONE: break;
    case STIEL_PARITY_ODD: tio.c_cflag |= PARENB | PARODD; break;
    case STIEL_PARITY_EVEN: tio.c_cflag |= PARENB; break;
    case STIEL_PARITY_MARK: tio.c_cflag |= PARENB | CMSPAR | PARODD; break;
    case STIEL_PARITY_SPACE: tio.c_cflag |= PARENB | CMSPAR; break;
    }
    tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
    if (line->flow == STIEL_FLOW_XONXOFF)
        tio.c_iflag |= IXON | IXOFF;
    if (line->flow == STIEL_FLOW_RTSCTS)
        tio.c_cflag |= CRTSCTS;
    /* DTR/DSR has no termios flag; on a pty it means nothing anyway. */
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    cfsetispeed(&tio, speed_of(line->baud));
    cfsetospeed(&tio, speed_of(line->baud));
    return tcsetattr(fd, TCSANOW, &tio);
}

stiel_status stiel_transport_fd_open(const char *spec, const char *path, const stiel_line_settings *line,
                                     stiel_transport **out, stiel_diag *diag)
{
    if (!path[0])
        return stiel_diag_set(diag, STIEL_ERR_ARG, "port \"%s\" names no path", spec);
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        stiel_status st = stiel_transport_errno_status(err);
        return stiel_diag_set(diag, st, "cannot open %s: %s: %s", spec, strerror(err), stiel_transport_advice(st));
    }
    if (stiel_transport_tty_raw(fd, line) != 0) {
        int err = errno;
        close(fd);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot set raw mode on %s: %s", spec, strerror(err));
    }
    stiel_transport *t = stiel_transport_alloc(STIEL_TRANSPORT_FD, spec);
    if (!t) {
        close(fd);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening %s", spec);
    }
    t->fd = fd;
    *out = t;
    return STIEL_OK;
}
