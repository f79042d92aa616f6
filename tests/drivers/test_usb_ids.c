/* The USB vendor table (what `stiel devices` guesses): kinds, descriptions, driver names, no vendor
 * twice. The port listing through libserialport is tested with the other sp_* fakes in
 * test_transport_serial.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vendor_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
