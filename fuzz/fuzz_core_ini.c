/* libFuzzer target for the two INI readers of kiosk/core; the first byte picks one.
 * 0: service levels (levels.h): what parses is numbered 1..count, min <= max, drills <= 100 %,
 *    and every level is found by its number.
 * 1: a competency framework (competency.h): ids unique and found, each competency with one
 *    evidence source and its kinds "step.*".
 * Failures report at least one error and leave the output untouched. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kiosk/core/competency.h"
#include "kiosk/core/levels.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static core_errors errs;

static void fuzz_levels(const char *text, size_t len)
{
    static service_levels lv, untouched;
    memset(&lv, 0xA5, sizeof lv);
    memset(&untouched, 0xA5, sizeof untouched);
    core_errors_clear(&errs);
    stiel_status st = service_levels_parse("levels.ini", text, len, &lv, &errs);
    if (st != STIEL_OK) {
        CHECK(core_errors_total(&errs) >= 1 && errs.items[0].code == st);
        CHECK(memcmp(&lv, &untouched, sizeof lv) == 0);
        return;
    }
    CHECK(lv.count >= 1 && lv.count <= LEVELS_MAX);
    for (size_t i = 0; i < lv.count; i++) {
        const service_level *l = &lv.levels[i];
        CHECK(l->number == i + 1);
        CHECK(service_levels_get(&lv, l->number) == l);
        CHECK(strlen(l->name) <= LEVEL_NAME_MAX);
        CHECK(l->lines_min >= 1 && l->lines_min <= l->lines_max && l->lines_max <= LEVEL_LINES_MAX);
        CHECK(l->qty_min >= 1 && l->qty_min <= l->qty_max && l->qty_max <= LEVEL_QTY_MAX);
        CHECK(l->orders_per_batch >= 1 && l->orders_per_batch <= LEVEL_BATCH_MAX);
        CHECK(l->drill_empty_pct + l->drill_damaged_pct + l->drill_lookalike_pct <= 100);
    }
    CHECK(service_levels_get(&lv, 0) == NULL && service_levels_get(&lv, (unsigned)lv.count + 1) == NULL);
}

static void fuzz_framework(const char *text, size_t len)
{
    static competency_framework fw, untouched;
    memset(&fw, 0x5A, sizeof fw);
    memset(&untouched, 0x5A, sizeof untouched);
    core_errors_clear(&errs);
    stiel_status st = competency_framework_parse("fw.ini", text, len, &fw, &errs);
    if (st != STIEL_OK) {
        CHECK(core_errors_total(&errs) >= 1 && errs.items[0].code == st);
        CHECK(memcmp(&fw, &untouched, sizeof fw) == 0);
        return;
    }
    CHECK(fw.id[0] != '\0' && fw.count >= 1 && fw.count <= COMP_MAX);
    for (size_t i = 0; i < fw.count; i++) {
        const competency_def *d = &fw.items[i];
        CHECK(d->id[0] != '\0' && strlen(d->id) <= COMP_ID_MAX);
        CHECK(competency_framework_find(&fw, d->id) == d);
        if (d->source == COMP_SOURCE_STEPS) {
            CHECK(d->kind_count >= 1 && d->kind_count <= COMP_KINDS_MAX);
            for (size_t k = 0; k < d->kind_count; k++)
                CHECK(strncmp(d->kinds[k], "step.", 5) == 0);
        } else {
            CHECK(d->source == COMP_SOURCE_OBSERVATIONS && d->category[0] != '\0');
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    if (data[0] % 2 == 0)
        fuzz_levels((const char *)data + 1, size - 1);
    else
        fuzz_framework((const char *)data + 1, size - 1);
    return 0;
}
