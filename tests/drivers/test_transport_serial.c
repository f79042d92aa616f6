/* Tests of the libserialport adapter (drivers/transport_serial.c) with -Wl,--wrap fakes of sp_*:
 * the line settings reach the individual setters (never the 0.1.1 config object), TIOCEXCL is set,
 * each libserialport failure maps to its stiel_status with the library's message, nothing leaks.
 * The fake port's handle is a real pty slave so the fd-level steps are real. The port listing
 * (stiel devices): fields copied, non-USB ports without ids, sorted, the list freed once, failures
 * mapped to a status with a sentence. The one test program with libserialport fakes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <libserialport.h> /* for the fakes' signatures only */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "drivers/port_list.h"
#include "drivers/transport.h"
#include "tests/drivers/drivers_fixture.h"

static struct fake {
    enum sp_return lookup_ret, open_ret, handle_ret, baud_ret, bits_ret, parity_ret, stop_ret, flow_ret;
    int error_code;
    const char *error_msg;
    char looked_up[256];
    int mode;
    int baud, bits, parity, stop, flow;
    int sets;                 /* setter calls */
    int opens, closes, frees, config_calls, messages_out, messages_freed;
    int master, slave;
    int port_is_open;
} F;

static char fake_port_storage;
#define FAKE_PORT ((struct sp_port *)(void *)&fake_port_storage)

enum sp_return __wrap_sp_get_port_by_name(const char *portname, struct sp_port **port_ptr);
enum sp_return __wrap_sp_get_port_by_name(const char *portname, struct sp_port **port_ptr)
{
    strncpy(F.looked_up, portname, sizeof F.looked_up - 1);
    *port_ptr = NULL;
    if (F.lookup_ret != SP_OK)
        return F.lookup_ret;
    *port_ptr = FAKE_PORT;
    return SP_OK;
}

void __wrap_sp_free_port(struct sp_port *port);
void __wrap_sp_free_port(struct sp_port *port)
{
    assert_ptr_equal(port, FAKE_PORT);
    F.frees++;
}

enum sp_return __wrap_sp_open(struct sp_port *port, enum sp_mode flags);
enum sp_return __wrap_sp_open(struct sp_port *port, enum sp_mode flags)
{
    assert_ptr_equal(port, FAKE_PORT);
    F.mode = (int)flags;
    F.opens++;
    if (F.open_ret != SP_OK)
        return F.open_ret;
    char path[64];
    assert_int_equal(pty_make(&F.master, path, sizeof path), 0);
    F.slave = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    assert_true(F.slave >= 0);
    F.port_is_open = 1;
    return SP_OK;
}

enum sp_return __wrap_sp_close(struct sp_port *port);
enum sp_return __wrap_sp_close(struct sp_port *port)
{
    assert_ptr_equal(port, FAKE_PORT);
    assert_true(F.port_is_open);
    F.closes++;
    close(F.slave);
    close(F.master);
    F.slave = F.master = -1;
    F.port_is_open = 0;
    return SP_OK;
}

enum sp_return __wrap_sp_get_port_handle(const struct sp_port *port, void *result_ptr);
enum sp_return __wrap_sp_get_port_handle(const struct sp_port *port, void *result_ptr)
{
    assert_ptr_equal(port, FAKE_PORT);
    if (F.handle_ret != SP_OK)
        return F.handle_ret;
    *(int *)result_ptr = F.slave;
    return SP_OK;
}

#define FAKE_SETTER(fn, type, field, ret)                     \
    enum sp_return __wrap_##fn(struct sp_port *port, type v); \
    enum sp_return __wrap_##fn(struct sp_port *port, type v)  \
    {                                                         \
        assert_ptr_equal(port, FAKE_PORT);                    \
        assert_true(F.port_is_open);                          \
        F.sets++;                                             \
        F.field = (int)v;                                     \
        return F.ret;                                         \
    }
FAKE_SETTER(sp_set_baudrate, int, baud, baud_ret)
FAKE_SETTER(sp_set_bits, int, bits, bits_ret)
FAKE_SETTER(sp_set_parity, enum sp_parity, parity, parity_ret)
FAKE_SETTER(sp_set_stopbits, int, stop, stop_ret)
FAKE_SETTER(sp_set_flowcontrol, enum sp_flowcontrol, flow, flow_ret)

/* The 0.1.1 config object leaves xon_xoff uninitialised: the adapter must not use it. */
enum sp_return __wrap_sp_new_config(struct sp_port_config **config_ptr);
enum sp_return __wrap_sp_new_config(struct sp_port_config **config_ptr)
{
    (void)config_ptr;
    F.config_calls++;
    return SP_ERR_SUPP;
}
enum sp_return __wrap_sp_set_config(struct sp_port *port, const struct sp_port_config *config);
enum sp_return __wrap_sp_set_config(struct sp_port *port, const struct sp_port_config *config)
{
    (void)port;
    (void)config;
    F.config_calls++;
    return SP_ERR_SUPP;
}

int __wrap_sp_last_error_code(void);
int __wrap_sp_last_error_code(void)
{
    return F.error_code;
}

char *__wrap_sp_last_error_message(void);
char *__wrap_sp_last_error_message(void)
{
    F.messages_out++;
    return strdup(F.error_msg ? F.error_msg : "fake failure");
}

void __wrap_sp_free_error_message(char *message);
void __wrap_sp_free_error_message(char *message)
{
    F.messages_freed++;
    free(message);
}

static int setup(void **state)
{
    (void)state;
    memset(&F, 0, sizeof F);
    F.master = F.slave = -1;
    return 0;
}

/* After every test: no port left open, every looked-up port freed, every message freed. */
static int teardown(void **state)
{
    (void)state;
    assert_false(F.port_is_open);
    assert_int_equal(F.opens, F.closes + (F.open_ret != SP_OK ? F.opens : 0));
    assert_int_equal(F.messages_out, F.messages_freed);
    assert_int_equal(F.config_calls, 0);
    return 0;
}

static void settings_applied_with_setters(void **state)
{
    (void)state;
    stiel_line_settings ls;
    assert_int_equal(stiel_line_settings_parse("115200 7O2 rtscts", &ls, NULL), STIEL_OK);
    stiel_transport *t = NULL;
    stiel_diag d;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB0", &ls, &t, &d), STIEL_OK);
    assert_string_equal(F.looked_up, "/dev/ttyUSB0");
    assert_int_equal(F.mode, SP_MODE_READ_WRITE);
    assert_int_equal(F.baud, 115200);
    assert_int_equal(F.bits, 7);
    assert_int_equal(F.parity, SP_PARITY_ODD);
    assert_int_equal(F.stop, 2);
    assert_int_equal(F.flow, SP_FLOWCONTROL_RTSCTS);
    assert_int_equal(F.sets, 5);
    assert_int_equal(stiel_transport_kind_get(t), STIEL_TRANSPORT_SERIAL);
    int fd = stiel_transport_fd(t);
    assert_int_equal(fd, F.slave);
    /* exclusive open was set by hand (0.1.1 has none) */
    int excl = 0;
    assert_int_equal(ioctl(fd, TIOCGEXCL, &excl), 0);
    assert_int_equal(excl, 1);
    assert_true(fcntl(fd, F_GETFL) & O_NONBLOCK);
    assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);

    /* bytes flow through the fd */
    assert_int_equal(write(F.master, "0123\r", 5), 5);
    struct pollfd p = {.fd = fd, .events = POLLIN};
    assert_int_equal(poll(&p, 1, 2000), 1);
    uint8_t buf[16];
    size_t got = 0;
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_OK);
    assert_int_equal(got, 5);
    assert_memory_equal(buf, "0123\r", 5);

    stiel_transport_close(t);
    assert_int_equal(F.closes, 1);
    assert_int_equal(F.frees, 1);
}

static void each_parity_and_flow_maps(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int parity, flow, bits, stop;
    } cases[] = {
        {"9600 8N1 none", SP_PARITY_NONE, SP_FLOWCONTROL_NONE, 8, 1},
        {"9600 7E1 xonxoff", SP_PARITY_EVEN, SP_FLOWCONTROL_XONXOFF, 7, 1},
        {"9600 8M1 dtrdsr", SP_PARITY_MARK, SP_FLOWCONTROL_DTRDSR, 8, 1},
        {"9600 6S2 rtscts", SP_PARITY_SPACE, SP_FLOWCONTROL_RTSCTS, 6, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stiel_line_settings ls;
        assert_int_equal(stiel_line_settings_parse(cases[i].text, &ls, NULL), STIEL_OK);
        stiel_transport *t = NULL;
        /* serial: forces libserialport whatever the name; the prefix is not passed on */
        assert_int_equal(stiel_transport_open("serial:/dev/custom-uart", &ls, &t, NULL), STIEL_OK);
        assert_string_equal(F.looked_up, "/dev/custom-uart");
        assert_int_equal(F.parity, cases[i].parity);
        assert_int_equal(F.flow, cases[i].flow);
        assert_int_equal(F.bits, cases[i].bits);
        assert_int_equal(F.stop, cases[i].stop);
        stiel_transport_close(t);
    }
    assert_int_equal(F.frees, 4);
}

static void lookup_errors_map(void **state)
{
    (void)state;
    stiel_transport *t = NULL;
    stiel_diag d;
    F.lookup_ret = SP_ERR_ARG; /* 0.1.1: "Device not found" */
    assert_int_equal(stiel_transport_open("/dev/serial/by-id/usb-Honeywell-if00", NULL, &t, &d), STIEL_ERR_NOT_FOUND);
    assert_null(t);
    assert_int_equal(d.code, STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "/dev/serial/by-id/usb-Honeywell-if00"));
    assert_non_null(strstr(d.text, "no such serial port"));
    assert_non_null(strstr(d.text, "plugged in"));
    assert_int_equal(F.opens, 0);
    F.lookup_ret = SP_ERR_MEM;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB0", NULL, &t, &d), STIEL_ERR_NOMEM);
    F.lookup_ret = SP_ERR_FAIL;
    F.error_code = ENOENT;
    F.error_msg = "No such file or directory";
    assert_int_equal(stiel_transport_open("/dev/ttyUSB0", NULL, &t, &d), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "No such file or directory"));
    assert_int_equal(F.frees, 0); /* nothing was allocated */
}

static void open_errors_map_with_library_message(void **state)
{
    (void)state;
    static const struct {
        int err;
        const char *msg;
        stiel_status want;
        const char *advice;
    } cases[] = {
        {EACCES, "Permission denied", STIEL_ERR_DENIED, "dialout"},
        {EBUSY, "Device or resource busy", STIEL_ERR_BUSY, "another program"},
        {ENOENT, "No such file or directory", STIEL_ERR_NOT_FOUND, "plugged in"},
        {EIO, "Input/output error", STIEL_ERR_IO, "cable"},
    };
    F.open_ret = SP_ERR_FAIL;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stiel_transport *t = NULL;
        stiel_diag d;
        F.error_code = cases[i].err;
        F.error_msg = cases[i].msg;
        int frees = F.frees;
        assert_int_equal(stiel_transport_open("/dev/ttyACM0", NULL, &t, &d), cases[i].want);
        assert_null(t);
        assert_non_null(strstr(d.text, "/dev/ttyACM0"));
        assert_non_null(strstr(d.text, cases[i].msg));
        assert_non_null(strstr(d.text, cases[i].advice));
        assert_int_equal(F.frees, frees + 1); /* the looked-up port is freed */
    }
}

static void setter_errors_close_the_port(void **state)
{
    (void)state;
    stiel_line_settings ls;
    assert_int_equal(stiel_line_settings_parse("921600 8N1 dtrdsr", &ls, NULL), STIEL_OK);
    stiel_transport *t = NULL;
    stiel_diag d;

    F.baud_ret = SP_ERR_ARG;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "setting 921600 baud on /dev/ttyUSB3"));
    assert_non_null(strstr(d.text, "line settings"));
    assert_int_equal(F.closes, 1);
    assert_int_equal(F.frees, 1);
    F.baud_ret = SP_OK;

    F.flow_ret = SP_ERR_SUPP;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "flow control dtrdsr"));
    assert_int_equal(F.closes, 2);
    F.flow_ret = SP_OK;

    F.bits_ret = SP_ERR_FAIL;
    F.error_code = EINVAL;
    F.error_msg = "Invalid argument";
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "Invalid argument"));
    assert_int_equal(F.closes, 3);
    F.bits_ret = SP_OK;

    F.parity_ret = SP_ERR_MEM;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_NOMEM);
    F.parity_ret = SP_OK;
    F.stop_ret = SP_ERR_ARG;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_UNSUPPORTED);
    assert_non_null(strstr(d.text, "1 stop bits"));
    F.stop_ret = SP_OK;

    F.handle_ret = SP_ERR_ARG;
    assert_int_equal(stiel_transport_open("/dev/ttyUSB3", &ls, &t, &d), STIEL_ERR_INTERNAL);
    F.handle_ret = SP_OK;
    assert_int_equal(F.closes, 6);
    assert_int_equal(F.frees, 6);
    assert_null(t);
}

/* ---- the port listing (drivers/port_list.h) over fakes of the listing calls ---- */

typedef struct listed_port {
    const char *name, *desc;
    enum sp_transport transport;
    int vid, pid;
    const char *manu, *prod, *serial;
} listed_port;

static const listed_port listed[] = {
    {"/dev/ttyUSB1", "Zebra", SP_TRANSPORT_USB, 0x0A5F, 0x0081, "Zebra Technologies", "ZTC GK420d", "XX1"},
    {"/dev/ttyS0", "ttyS0", SP_TRANSPORT_NATIVE, 0, 0, NULL, NULL, NULL},
    {"/dev/ttyACM0", "Symbol Bar Code Scanner", SP_TRANSPORT_USB, 0x05E0, 0x1701, "Symbol Technologies", NULL, NULL},
};
static int list_result = SP_OK;
static size_t list_count = 3;
static int list_frees;

#define LISTED(p) ((const listed_port *)(const void *)(p))

enum sp_return __wrap_sp_list_ports(struct sp_port ***list);
enum sp_return __wrap_sp_list_ports(struct sp_port ***list)
{
    if (list_result != SP_OK)
        return (enum sp_return)list_result;
    struct sp_port **l = calloc(list_count + 1, sizeof *l);
    for (size_t i = 0; i < list_count; i++)
        l[i] = (struct sp_port *)(void *)&listed[i];
    *list = l;
    return SP_OK;
}

void __wrap_sp_free_port_list(struct sp_port **list);
void __wrap_sp_free_port_list(struct sp_port **list)
{
    list_frees++;
    free(list);
}

char *__wrap_sp_get_port_name(const struct sp_port *p);
char *__wrap_sp_get_port_name(const struct sp_port *p) { return (char *)LISTED(p)->name; }
char *__wrap_sp_get_port_description(const struct sp_port *p);
char *__wrap_sp_get_port_description(const struct sp_port *p) { return (char *)LISTED(p)->desc; }
enum sp_transport __wrap_sp_get_port_transport(const struct sp_port *p);
enum sp_transport __wrap_sp_get_port_transport(const struct sp_port *p) { return LISTED(p)->transport; }
enum sp_return __wrap_sp_get_port_usb_vid_pid(const struct sp_port *p, int *vid, int *pid);
enum sp_return __wrap_sp_get_port_usb_vid_pid(const struct sp_port *p, int *vid, int *pid)
{
    *vid = LISTED(p)->vid;
    *pid = LISTED(p)->pid;
    return SP_OK;
}
char *__wrap_sp_get_port_usb_manufacturer(const struct sp_port *p);
char *__wrap_sp_get_port_usb_manufacturer(const struct sp_port *p) { return (char *)LISTED(p)->manu; }
char *__wrap_sp_get_port_usb_product(const struct sp_port *p);
char *__wrap_sp_get_port_usb_product(const struct sp_port *p) { return (char *)LISTED(p)->prod; }
char *__wrap_sp_get_port_usb_serial(const struct sp_port *p);
char *__wrap_sp_get_port_usb_serial(const struct sp_port *p) { return (char *)LISTED(p)->serial; }
static void test_listing(void **state)
{
    (void)state;
    list_result = SP_OK;
    list_count = 3;
    list_frees = 0;
    stiel_port_info *ports = NULL;
    size_t n = 0;
    stiel_diag d;
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(list_frees, 1);
    /* sorted by name */
    assert_string_equal(ports[0].name, "/dev/ttyACM0");
    assert_string_equal(ports[1].name, "/dev/ttyS0");
    assert_string_equal(ports[2].name, "/dev/ttyUSB1");
    assert_int_equal(ports[0].bus, STIEL_PORT_USB);
    assert_int_equal(ports[0].vid, 0x05E0);
    assert_int_equal(ports[0].pid, 0x1701);
    assert_string_equal(ports[0].manufacturer, "Symbol Technologies");
    assert_string_equal(ports[0].product, ""); /* NULL strings become "" */
    assert_int_equal(ports[1].bus, STIEL_PORT_NATIVE);
    assert_int_equal(ports[1].vid, -1);
    assert_int_equal(ports[1].pid, -1);
    assert_string_equal(ports[2].product, "ZTC GK420d");
    assert_string_equal(ports[2].serial, "XX1");
    stiel_port_list_free(ports);
}

static void test_listing_empty_and_failure(void **state)
{
    (void)state;
    list_result = SP_OK;
    list_count = 0;
    list_frees = 0;
    stiel_port_info *ports = (stiel_port_info *)(void *)&list_frees;
    size_t n = 99;
    stiel_diag d;
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_OK);
    assert_int_equal(n, 0);
    assert_null(ports);
    assert_int_equal(list_frees, 1);
    list_result = SP_ERR_FAIL;
    F.error_code = 13; /* EACCES */
    F.error_msg = "Permission denied";
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_ERR_DENIED);
    assert_non_null(strstr(d.text, "listing serial ports"));
    assert_non_null(strstr(d.text, "Permission denied"));
    list_result = SP_ERR_MEM;
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_ERR_NOMEM);
    assert_int_equal(stiel_port_list(NULL, &n, &d), STIEL_ERR_ARG);
    list_result = SP_OK;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(settings_applied_with_setters, setup, teardown),
        cmocka_unit_test_setup_teardown(each_parity_and_flow_maps, setup, teardown),
        cmocka_unit_test_setup_teardown(lookup_errors_map, setup, teardown),
        cmocka_unit_test_setup_teardown(open_errors_map_with_library_message, setup, teardown),
        cmocka_unit_test_setup_teardown(setter_errors_close_the_port, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listing_empty_and_failure, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
