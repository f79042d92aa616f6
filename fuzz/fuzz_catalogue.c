/* libFuzzer target for catalogue_import (kiosk/core/catalogue.h): the input is split at 0xFF bytes
 * (never part of UTF-8) into the five files items, locations, boxes, trainees, staff. A catalogue
 * that imports is consistent: every look-up finds what it lists, locations and look-alikes point
 * inside it (look-alikes both ways), and every scannable code is unique. A failure lists at least
 * one error and leaves the catalogue untouched. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kiosk/core/catalogue.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_catalogue(const catalogue *cat)
{
    for (size_t i = 0; i < cat->item_count; i++) {
        const catalogue_item *it = &cat->items[i];
        CHECK(catalogue_item_by_sku(cat, it->sku) == (int)i);
        CHECK(strlen(it->gtin) == 13 && catalogue_item_by_gtin(cat, it->gtin) == (int)i);
        char gtin14[15] = "0";
        memcpy(gtin14 + 1, it->gtin, 14);
        CHECK(catalogue_item_by_gtin(cat, gtin14) == (int)i);
        CHECK(it->location >= -1 && it->location < (int)cat->location_count);
        CHECK(it->lookalike_count <= CAT_LOOKALIKE_MAX);
        for (size_t k = 0; k < it->lookalike_count; k++) {
            CHECK(it->lookalikes[k] < cat->item_count);
            CHECK(catalogue_items_look_alike(cat, i, it->lookalikes[k]));
            CHECK(catalogue_items_look_alike(cat, it->lookalikes[k], i));
        }
        CHECK(catalogue_location_by_barcode(cat, it->gtin) == -1);
        CHECK(catalogue_trainee_by_badge(cat, it->gtin) == -1);
    }
    for (size_t i = 0; i < cat->location_count; i++) {
        const catalogue_location *l = &cat->locations[i];
        CHECK(catalogue_location_by_code(cat, l->code) == (int)i);
        CHECK(catalogue_location_by_barcode(cat, l->barcode) == (int)i);
        CHECK(l->map_x <= 10000 && l->map_y <= 10000);
        CHECK(catalogue_item_by_gtin(cat, l->barcode) == -1);
        CHECK(catalogue_staff_by_badge(cat, l->barcode) == -1);
    }
    for (size_t i = 0; i < cat->trainee_count; i++) {
        const catalogue_trainee *t = &cat->trainees[i];
        CHECK(catalogue_trainee_by_badge(cat, t->badge) == (int)i);
        CHECK(catalogue_staff_by_badge(cat, t->badge) == -1);
        CHECK(t->level >= 1 && t->level <= CAT_LEVEL_MAX);
        CHECK(catalogue_lang_code(t->language) != NULL);
    }
    for (size_t i = 0; i < cat->staff_count; i++) {
        const catalogue_staff *s = &cat->staff[i];
        CHECK(catalogue_staff_by_badge(cat, s->badge) == (int)i);
        CHECK(s->role == CAT_ROLE_COACH || s->role == CAT_ROLE_SUPERVISOR);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static core_errors errs;
    if (size > 131072)
        return 0;
    catalogue_source *parts[5];
    catalogue_sources src = {{"items.csv", "", 0},    {"locations.csv", "", 0}, {"boxes.csv", "", 0},
                             {"trainees.csv", "", 0}, {"staff.csv", "", 0}};
    parts[0] = &src.items;
    parts[1] = &src.locations;
    parts[2] = &src.boxes;
    parts[3] = &src.trainees;
    parts[4] = &src.staff;
    size_t start = 0, part = 0;
    for (size_t i = 0; i <= size && part < 5; i++) {
        if (i == size || data[i] == 0xFF) {
            parts[part]->text = (const char *)data + start;
            parts[part]->len = i - start;
            part++;
            start = i + 1;
        }
    }
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    core_errors_clear(&errs);
    stiel_status st = catalogue_import(&src, &cat, &errs);
    if (st != STIEL_OK) {
        CHECK(core_errors_total(&errs) >= 1 && errs.items[0].code == st);
        CHECK(cat.items == NULL && cat.item_count == 0 && cat.locations == NULL && cat.staff == NULL);
        return 0;
    }
    check_catalogue(&cat);
    catalogue_free(&cat);
    CHECK(cat.items == NULL && cat.item_count == 0);
    return 0;
}
