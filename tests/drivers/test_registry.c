/* The driver registry: unique names and aliases, lookups, each driver's vtable and default data
 * (created and destroyed cleanly). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "drivers/registry.h"
#include "drivers/scanner.h"

static void test_names_unique_and_complete(void **state)
{
    (void)state;
    size_t n = stiel_driver_count();
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        const stiel_driver_info *a = stiel_driver_at(i);
        assert_non_null(a->name);
        assert_non_null(a->summary);
        assert_non_null(a->ops);
        assert_non_null(a->ops->name);
        assert_ptr_equal(stiel_driver_find(a->name), a);
        if (a->alias)
            assert_ptr_equal(stiel_driver_find(a->alias), a);
        for (size_t j = i + 1; j < n; j++) {
            const stiel_driver_info *b = stiel_driver_at(j);
            assert_string_not_equal(a->name, b->name);
            if (a->alias && b->alias)
                assert_string_not_equal(a->alias, b->alias);
        }
    }
    assert_null(stiel_driver_at(n));
    assert_null(stiel_driver_find("no-such-driver"));
    assert_null(stiel_driver_find(NULL));
}

static void test_scanner_lines(void **state)
{
    (void)state;
    const stiel_driver_info *ssi = stiel_driver_find("ssi");
    assert_non_null(ssi);
    assert_string_equal(ssi->name, "ssi-scanner");
    assert_int_equal(ssi->cls, STIEL_DRIVER_SCANNER);
    assert_ptr_equal(ssi->ops, &stiel_scanner_ssi_ops);
    assert_ptr_equal(stiel_driver_find("generic")->ops, stiel_scanner_ops(STIEL_SCANNER_GENERIC));
    assert_ptr_equal(stiel_driver_find("honeywell-scanner")->ops, stiel_scanner_ops(STIEL_SCANNER_HONEYWELL));
    assert_string_equal(stiel_driver_class_name(STIEL_DRIVER_SCANNER), "scanner");
    assert_string_equal(stiel_driver_class_name(STIEL_DRIVER_PRINTER), "printer");
}

static void test_every_driver_creates_its_data(void **state)
{
    (void)state;
    for (size_t i = 0; i < stiel_driver_count(); i++) {
        const stiel_driver_info *a = stiel_driver_at(i);
        if (!a->create)
            continue;
        void *data = NULL;
        stiel_diag d;
        assert_int_equal(a->create(&data, &d), STIEL_OK);
        assert_non_null(data);
        assert_non_null(a->ops->destroy);
        a->ops->destroy(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_unique_and_complete),
        cmocka_unit_test(test_scanner_lines),
        cmocka_unit_test(test_every_driver_creates_its_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
