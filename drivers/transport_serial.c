/* The libserialport transport for real serial ports (/dev/ttyUSB*, /dev/ttyACM*, /dev/serial/by-id/...).
 * THE ONLY FILE that includes libserialport.h. Works around 0.1.1: settings are applied with the
 * individual setters (sp_new_config leaves xon_xoff uninitialised) and TIOCEXCL is set by hand.
 * Also lists the machine's serial ports with their USB identity (drivers/port_list.h). */
#include "drivers/transport_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <libserialport.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common/log.h"
#include "drivers/port_list.h"

#define LOG_PREFIX "serial"

/* Maps a libserialport failure to a status and a diag naming the port, the step and what to check.
 * arg_status is what SP_ERR_ARG means at this step (lookup: no such port; setters: unsupported). */
static stiel_status sp_failure(enum sp_return r, stiel_status arg_status, const char *spec, const char *step,
                               stiel_diag *diag)
{
    stiel_status st;
    char detail[128] = "";
    switch (r) {
    case SP_ERR_ARG:
        st = arg_status;
        snprintf(detail, sizeof detail, "%s", arg_status == STIEL_ERR_NOT_FOUND ? "no such serial port" : "refused");
        break;
    case SP_ERR_MEM:
        st = STIEL_ERR_NOMEM;
        snprintf(detail, sizeof detail, "out of memory");
        break;
    case SP_ERR_SUPP:
        st = STIEL_ERR_UNSUPPORTED;
        snprintf(detail, sizeof detail, "not supported by this port");
        break;
    default: {
        int code = sp_last_error_code();
        st = stiel_transport_errno_status(code);
        if (st == STIEL_ERR_IO && arg_status == STIEL_ERR_UNSUPPORTED)
            st = STIEL_ERR_UNSUPPORTED;
        char *msg = sp_last_error_message();
        snprintf(detail, sizeof detail, "%s", msg ? msg : "unknown failure");
        if (msg)
            sp_free_error_message(msg);
        break;
    }
    }
    return stiel_diag_set(diag, st, "%s on %s failed: %s: %s", step, spec, detail, stiel_transport_advice(st));
}

static void serial_release(stiel_transport *t)
{
    struct sp_port *port = t->impl;
    if (port) {
        sp_close(port); /* closes the fd */
        sp_free_port(port);
    }
    t->impl = NULL;
    t->fd = -1;
}

static enum sp_parity sp_parity_of(stiel_parity p)
{
    switch (p) {
    case STIEL_PARITY_ODD: return SP_PARITY_ODD;
    case STIEL_PARITY_EVEN: return SP_PARITY_EVEN;
    case STIEL_PARITY_MARK: return SP_PARITY_MARK;
    case STIEL_PARITY_SPACE: return SP_PARITY_SPACE;
    case STIEL_PARITY_NONE: break;
    }
    return SP_PARITY_NONE;
}

static enum sp_flowcontrol sp_flow_of(stiel_flow f)
{
    switch (f) {
    case STIEL_FLOW_XONXOFF: return SP_FLOWCONTROL_XONXOFF;
    case STIEL_FLOW_RTSCTS: return SP_FLOWCONTROL_RTSCTS;
    case STIEL_FLOW_DTRDSR: return SP_FLOWCONTROL_DTRDSR;
    case STIEL_FLOW_NONE: break;
    }
    return SP_FLOWCONTROL_NONE;
}

/* Applies the line settings one setter at a time (never the 0.1.1 config object). */
static stiel_status apply_settings(struct sp_port *port, const char *spec, const stiel_line_settings *line,
                                   stiel_diag *diag)
{
    char step[64];
    enum sp_return r = sp_set_baudrate(port, line->baud);
    if (r != SP_OK) {
        snprintf(step, sizeof step, "setting %d baud", line->baud);
        return sp_failure(r, STIEL_ERR_UNSUPPORTED, spec, step, diag);
    }
    r = sp_set_bits(port, line->data_bits);
    if (r != SP_OK) {
        snprintf(step, sizeof step, "setting %d data bits", line->data_bits);
        return sp_failure(r, STIEL_ERR_UNSUPPORTED, spec, step, diag);
    }
    r = sp_set_parity(port, sp_parity_of(line->parity));
    if (r != SP_OK)
        return sp_failure(r, STIEL_ERR_UNSUPPORTED, spec, "setting the parity", diag);
    r = sp_set_stopbits(port, line->stop_bits);
    if (r != SP_OK) {
        snprintf(step, sizeof step, "setting %d stop bits", line->stop_bits);
        return sp_failure(r, STIEL_ERR_UNSUPPORTED, spec, step, diag);
    }
    r = sp_set_flowcontrol(port, sp_flow_of(line->flow));
    if (r != SP_OK) {
        snprintf(step, sizeof step, "setting flow control %s", stiel_flow_name(line->flow));
        return sp_failure(r, STIEL_ERR_UNSUPPORTED, spec, step, diag);
    }
    return STIEL_OK;
}

stiel_status stiel_transport_serial_open(const char *spec, const char *path, const stiel_line_settings *line,
                                         stiel_transport **out, stiel_diag *diag)
{
    struct sp_port *port = NULL;
    enum sp_return r = sp_get_port_by_name(path, &port);
    if (r != SP_OK || !port)
        return sp_failure(r == SP_OK ? SP_ERR_ARG : r, STIEL_ERR_NOT_FOUND, spec, "looking up the port", diag);
    r = sp_open(port, SP_MODE_READ_WRITE);
    if (r != SP_OK) {
        stiel_status st = sp_failure(r, STIEL_ERR_NOT_FOUND, spec, "opening", diag);
        sp_free_port(port);
        return st;
    }
    int fd = -1;
    r = sp_get_port_handle(port, &fd);
    if (r != SP_OK || fd < 0) {
        stiel_status st = sp_failure(r == SP_OK ? SP_ERR_FAIL : r, STIEL_ERR_INTERNAL, spec, "getting the handle", diag);
        sp_close(port);
        sp_free_port(port);
        return st;
    }
    /* 0.1.1 has no exclusive open: keep other programs (and a second kiosk) off the port. */
    if (ioctl(fd, TIOCEXCL) != 0)
        LOG_WARN("%s: cannot open exclusively (TIOCEXCL): %s", spec, strerror(errno));
    stiel_status st = apply_settings(port, spec, line, diag);
    if (st != STIEL_OK) {
        sp_close(port);
        sp_free_port(port);
        return st;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    stiel_transport *t = stiel_transport_alloc(STIEL_TRANSPORT_SERIAL, spec);
    if (!t) {
        sp_close(port);
        sp_free_port(port);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening %s", spec);
    }
    t->fd = fd;
    t->impl = port;
    t->release = serial_release;
    *out = t;
    return STIEL_OK;
}

/* ---- port listing (drivers/port_list.h) ---- */

static void copy_text(char *dst, const char *src)
{
    snprintf(dst, STIEL_PORT_TEXT_MAX, "%s", src ? src : "");
}

static int port_name_cmp(const void *a, const void *b)
{
    return strcmp(((const stiel_port_info *)a)->name, ((const stiel_port_info *)b)->name);
}

stiel_status stiel_port_list(stiel_port_info **out, size_t *count, stiel_diag *diag)
{
    if (!out || !count)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "stiel_port_list: nowhere to put the list");
    *out = NULL;
    *count = 0;
    struct sp_port **ports = NULL;
    enum sp_return r = sp_list_ports(&ports);
    if (r != SP_OK)
        return sp_failure(r, STIEL_ERR_IO, "this machine", "listing serial ports", diag);
    size_t n = 0;
    while (ports && ports[n] && n < STIEL_PORT_LIST_MAX)
        n++;
    if (n == 0) {
        sp_free_port_list(ports);
        return STIEL_OK;
    }
    stiel_port_info *list = calloc(n, sizeof *list);
    if (!list) {
        sp_free_port_list(ports);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory listing serial ports");
    }
    for (size_t i = 0; i < n; i++) {
        stiel_port_info *p = &list[i];
        copy_text(p->name, sp_get_port_name(ports[i]));
        copy_text(p->description, sp_get_port_description(ports[i]));
        p->vid = p->pid = -1;
        enum sp_transport tr = sp_get_port_transport(ports[i]);
        p->bus = tr == SP_TRANSPORT_USB ? STIEL_PORT_USB : tr == SP_TRANSPORT_BLUETOOTH ? STIEL_PORT_BLUETOOTH
                                                                                         : STIEL_PORT_NATIVE;
        if (tr != SP_TRANSPORT_USB)
            continue;
        int vid = -1, pid = -1;
        if (sp_get_port_usb_vid_pid(ports[i], &vid, &pid) == SP_OK) {
            p->vid = vid;
            p->pid = pid;
        }
        copy_text(p->manufacturer, sp_get_port_usb_manufacturer(ports[i]));
        copy_text(p->product, sp_get_port_usb_product(ports[i]));
        copy_text(p->serial, sp_get_port_usb_serial(ports[i]));
    }
    sp_free_port_list(ports);
    qsort(list, n, sizeof *list, port_name_cmp);
    *out = list;
    *count = n;
    return STIEL_OK;
}

void stiel_port_list_free(stiel_port_info *list)
{
    free(list);
}
