/* The USB vendor table (what `stiel devices` guesses) and the port listing through libserialport,
 * faked with -Wl,--wrap=sp_*: fields copied, non-USB ports without ids, sorted, the list freed
 * once, failures mapped to a status with a sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libserialport.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/port_list.h"
#include "drivers/usb_ids.h"

/* ---- the vendor table ---- */

static void test_vendor_table(void **state)
{
    (void)state;
    static const struct { uint16_t vid; stiel_usb_kind kind; const char *text; } want[] = {
        {0x05E0, STIEL_USB_SCANNER, "scanner (Zebra/Symbol)"},
        {0x0C2E, STIEL_USB_SCANNER, "scanner (Honeywell/Metrologic)"},
        {0x05F9, STIEL_USB_SCANNER, "scanner (Datalogic)"},
        {0x1EAB, STIEL_USB_SCANNER, "scanner (Newland)"},
        {0x0A5F, STIEL_USB_PRINTER, "printer (Zebra)"},
        {0x1203, STIEL_USB_PRINTER, "printer (TSC)"},
        {0x04B8, STIEL_USB_PRINTER, "printer (Epson)"},
        {0x1D90, STIEL_USB_PRINTER, "printer (Citizen)"},
        {0x195F, STIEL_USB_PRINTER, "printer (Godex)"},
        {0x04F9, STIEL_USB_PRINTER, "printer (Brother)"},
        {0x0403, STIEL_USB_ADAPTER, "serial adapter (unknown device)"},
        {0x067B, STIEL_USB_ADAPTER, "serial adapter (unknown device)"},
        {0x1A86, STIEL_USB_ADAPTER, "serial adapter (unknown device)"},
    };
    char text[64];
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const stiel_usb_vendor *v = stiel_usb_vendor_find(want[i].vid);
        assert_non_null(v);
        assert_int_equal(v->kind, want[i].kind);
        assert_string_equal(stiel_usb_describe(want[i].vid, text, sizeof text), want[i].text);
    }
    assert_null(stiel_usb_vendor_find(0x1234));
    assert_string_equal(stiel_usb_describe(0x1234, text, sizeof text), "unknown device");
    assert_string_equal(stiel_usb_describe(-1, text, sizeof text), "serial port (not USB)");
    assert_string_equal(stiel_usb_describe(0x05E0, text, 8), "scanner");
    assert_string_equal(stiel_usb_vendor_find(0x05E0)->driver, "ssi-scanner");
    assert_string_equal(stiel_usb_kind_name(STIEL_USB_ADAPTER), "serial adapter");
    /* no vendor twice */
    for (size_t i = 0; i < stiel_usb_vendor_count(); i++)
        for (size_t j = i + 1; j < stiel_usb_vendor_count(); j++)
            assert_int_not_equal(stiel_usb_vendor_at(i)->vid, stiel_usb_vendor_at(j)->vid);
    assert_null(stiel_usb_vendor_at(stiel_usb_vendor_count()));
}

/* ---- libserialport fakes ---- */

typedef struct fake_port {
    const char *name, *desc;
    enum sp_transport transport;
    int vid, pid;
    const char *manu, *prod, *serial;
} fake_port;

static const fake_port fakes[] = {
    {"/dev/ttyUSB1", "Zebra", SP_TRANSPORT_USB, 0x0A5F, 0x0081, "Zebra Technologies", "ZTC GK420d", "XX1"},
    {"/dev/ttyS0", "ttyS0", SP_TRANSPORT_NATIVE, 0, 0, NULL, NULL, NULL},
    {"/dev/ttyACM0", "Symbol Bar Code Scanner", SP_TRANSPORT_USB, 0x05E0, 0x1701, "Symbol Technologies", NULL, NULL},
};
static int list_result = SP_OK;
static size_t list_count = 3;
static int frees;

#define FAKE(p) ((const fake_port *)(const void *)(p))

enum sp_return __wrap_sp_list_ports(struct sp_port ***list);
enum sp_return __wrap_sp_list_ports(struct sp_port ***list)
{
    if (list_result != SP_OK)
        return (enum sp_return)list_result;
    struct sp_port **l = calloc(list_count + 1, sizeof *l);
    for (size_t i = 0; i < list_count; i++)
        l[i] = (struct sp_port *)(void *)&fakes[i];
    *list = l;
    return SP_OK;
}

void __wrap_sp_free_port_list(struct sp_port **list);
void __wrap_sp_free_port_list(struct sp_port **list)
{
    frees++;
    free(list);
}

char *__wrap_sp_get_port_name(const struct sp_port *p);
char *__wrap_sp_get_port_name(const struct sp_port *p) { return (char *)FAKE(p)->name; }
char *__wrap_sp_get_port_description(const struct sp_port *p);
char *__wrap_sp_get_port_description(const struct sp_port *p) { return (char *)FAKE(p)->desc; }
enum sp_transport __wrap_sp_get_port_transport(const struct sp_port *p);
enum sp_transport __wrap_sp_get_port_transport(const struct sp_port *p) { return FAKE(p)->transport; }
enum sp_return __wrap_sp_get_port_usb_vid_pid(const struct sp_port *p, int *vid, int *pid);
enum sp_return __wrap_sp_get_port_usb_vid_pid(const struct sp_port *p, int *vid, int *pid)
{
    *vid = FAKE(p)->vid;
    *pid = FAKE(p)->pid;
    return SP_OK;
}
char *__wrap_sp_get_port_usb_manufacturer(const struct sp_port *p);
char *__wrap_sp_get_port_usb_manufacturer(const struct sp_port *p) { return (char *)FAKE(p)->manu; }
char *__wrap_sp_get_port_usb_product(const struct sp_port *p);
char *__wrap_sp_get_port_usb_product(const struct sp_port *p) { return (char *)FAKE(p)->prod; }
char *__wrap_sp_get_port_usb_serial(const struct sp_port *p);
char *__wrap_sp_get_port_usb_serial(const struct sp_port *p) { return (char *)FAKE(p)->serial; }
int __wrap_sp_last_error_code(void);
int __wrap_sp_last_error_code(void) { return 13; }
char *__wrap_sp_last_error_message(void);
char *__wrap_sp_last_error_message(void) { return strdup("Permission denied"); }
void __wrap_sp_free_error_message(char *m);
void __wrap_sp_free_error_message(char *m) { free(m); }

static void test_listing(void **state)
{
    (void)state;
    list_result = SP_OK;
    list_count = 3;
    frees = 0;
    stiel_port_info *ports = NULL;
    size_t n = 0;
    stiel_diag d;
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(frees, 1);
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
    frees = 0;
    stiel_port_info *ports = (stiel_port_info *)(void *)&frees;
    size_t n = 99;
    stiel_diag d;
    assert_int_equal(stiel_port_list(&ports, &n, &d), STIEL_OK);
    assert_int_equal(n, 0);
    assert_null(ports);
    assert_int_equal(frees, 1);
    list_result = SP_ERR_FAIL;
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
        cmocka_unit_test(test_vendor_table),
        cmocka_unit_test(test_listing),
        cmocka_unit_test(test_listing_empty_and_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
