/* stiel devices [--probe]: the technician's list of serial ports with USB VID:PID, maker, product,
 * the /dev/serial/by-id name to put in the config, and what each port probably is; --probe asks
 * printers who they are (DLE EOT, <ESC>!?, ~HI, in the order that prints nothing on any of them). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/port_list.h"
#include "drivers/transport.h"
#include "drivers/usb_ids.h"
#include "kiosk/app/cli.h"
#include "protocol/printer/escpos_status.h"
#include "protocol/printer/tspl_status.h"
#include "protocol/printer/zpl_status.h"

enum { PROBE_WAIT_MS = 400, PROBE_REPLY_MAX = 512 };

#define BY_ID_DIR "/dev/serial/by-id"

/* The /dev/serial/by-id link that resolves to port (a stable name across replugs), if any. */
static bool devices_by_id(const char *port, char *out, size_t cap)
{
    char want[PATH_MAX];
    if (!realpath(port, want))
        return false;
    DIR *d = opendir(BY_ID_DIR);
    if (!d)
        return false;
    bool found = false;
    const struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[PATH_MAX], target[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", BY_ID_DIR, e->d_name);
        if (realpath(path, target) && strcmp(target, want) == 0) {
            snprintf(out, cap, "%s", path);
            found = true;
        }
    }
    closedir(d);
    return found;
}

/* Writes q, then collects what comes back within ms (stops early once done(reply) says so). */
static size_t probe_ask(stiel_transport *t, const void *q, size_t qn, int ms, uint8_t *reply, size_t cap,
                        bool (*done)(const uint8_t *, size_t))
{
    uint8_t junk[256];
    size_t got = 0;
    while (stiel_transport_read(t, junk, sizeof junk, &got, NULL) == STIEL_OK && got > 0) {
    } /* stale bytes (a scanner's read) must not look like an answer */
    size_t written = 0;
    if (stiel_transport_write(t, q, qn, &written, NULL) != STIEL_OK || written != qn)
        return 0;
    size_t n = 0;
    int left = ms;
    while (left > 0 && n < cap) {
        struct pollfd p = {.fd = stiel_transport_fd(t), .events = POLLIN};
        int r = poll(&p, 1, left < 50 ? left : 50);
        left -= 50;
        if (r <= 0)
            continue;
        if (stiel_transport_read(t, reply + n, cap - n, &got, NULL) != STIEL_OK)
            break;
        n += got;
        if (done && done(reply, n))
            break;
    }
    return n;
}

static bool one_byte(const uint8_t *r, size_t n)
{
    (void)r;
    return n >= 1;
}

static bool etx_seen(const uint8_t *r, size_t n)
{
    return memchr(r, 0x03, n) != NULL;
}

/* Asks the device on port what it is; writes one line into out. */
static void devices_probe(const char *port, char *out, size_t cap)
{
    stiel_transport *t = NULL;
    stiel_diag d;
    stiel_line_settings ls = STIEL_LINE_SETTINGS_DEFAULT;
    if (stiel_transport_open(port, &ls, &t, &d) != STIEL_OK) {
        snprintf(out, cap, "cannot open: %s", d.text);
        return;
    }
    uint8_t reply[PROBE_REPLY_MAX];
    uint8_t q[ESCPOS_QUERY_LEN];
    escpos_status_query_encode(ESCPOS_STATUS_PRINTER, q, NULL);
    size_t n = probe_ask(t, q, sizeof q, PROBE_WAIT_MS, reply, sizeof reply, one_byte);
    escpos_status es;
    escpos_status_init(&es);
    size_t used = 0;
    if (n == 1 && escpos_status_parse(ESCPOS_STATUS_PRINTER, reply, n, &es, &used, NULL) == STIEL_OK) {
        snprintf(out, cap, "ESC/POS printer, %s", printer_state_name(es.state));
        stiel_transport_close(t);
        return;
    }
    n = probe_ask(t, TSPL_QUERY_STATUS, TSPL_QUERY_LEN, PROBE_WAIT_MS, reply, sizeof reply, one_byte);
    if (n == 1) {
        tspl_status ts;
        tspl_status_decode(reply[0], &ts);
        snprintf(out, cap, "TSPL printer, %s", printer_state_name(ts.state));
        stiel_transport_close(t);
        return;
    }
    n = probe_ask(t, "~HI", 3, 2 * PROBE_WAIT_MS, reply, sizeof reply, etx_seen);
    zpl_host_identification hi;
    if (n > 0 && zpl_hi_parse(reply, n, &hi, &used, NULL) == STIEL_OK)
        snprintf(out, cap, "ZPL printer %s, firmware %s, %u dpi", hi.model, hi.firmware, hi.dpi);
    else if (n > 0)
        snprintf(out, cap, "answers, but not as a ZPL, TSPL or ESC/POS printer (%zu bytes)", n);
    else
        snprintf(out, cap, "no answer (a scanner, or a printer with other line settings)");
    stiel_transport_close(t);
}

int cli_devices(int argc, char **argv)
{
    bool probe = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--probe") == 0) {
            probe = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs("usage: stiel devices [--probe]\n"
                  "  Lists serial ports with USB VID:PID, maker, product and what each probably is.\n"
                  "  --probe asks printers who they are (nothing is printed on them).\n",
                  stdout);
            return 0;
        } else {
            fprintf(stderr, "stiel devices: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    stiel_port_info *ports = NULL;
    size_t count = 0;
    stiel_diag d;
    if (stiel_port_list(&ports, &count, &d) != STIEL_OK) {
        fprintf(stderr, "stiel devices: %s\n", d.text);
        return 1;
    }
    if (count == 0) {
        puts("no serial ports found. Plug the scanner or printer in, then check: `dmesg | tail` shows it\n"
             "(ttyUSB/ttyACM), `ls -l /dev/serial/by-id/` lists it, and this user may open it\n"
             "(`groups` includes dialout; add with `sudo adduser $USER dialout`, then log in again).");
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        const stiel_port_info *p = &ports[i];
        char ids[24] = "-";
        if (p->vid >= 0)
            snprintf(ids, sizeof ids, "%04X:%04X", (unsigned)p->vid & 0xFFFFu, (unsigned)(p->pid < 0 ? 0 : p->pid) & 0xFFFFu);
        char what[64];
        stiel_usb_describe(p->bus == STIEL_PORT_USB ? p->vid : -1, what, sizeof what);
        const stiel_usb_vendor *v = p->vid >= 0 ? stiel_usb_vendor_find((uint16_t)p->vid) : NULL;
        printf("%s  %s  %s  %s  -> %s", p->name, ids, p->manufacturer[0] ? p->manufacturer : "-",
               p->product[0] ? p->product : (p->description[0] ? p->description : "-"), what);
        if (v && v->driver)
            printf(" (driver %s)", v->driver);
        putchar('\n');
        char by_id[PATH_MAX];
        if (devices_by_id(p->name, by_id, sizeof by_id))
            printf("    stable name: %s\n", by_id);
        if (probe && !(v && v->kind == STIEL_USB_SCANNER)) {
            char answer[STIEL_DIAG_TEXT_MAX + 64];
            devices_probe(p->name, answer, sizeof answer);
            printf("    probe: %s\n", answer);
        }
    }
    stiel_port_list_free(ports);
    return 0;
}
