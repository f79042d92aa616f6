/* The catalogue's look-ups and its release (catalogue.h); the import is in catalogue_import.c.
 * Look-ups are linear: a practice warehouse holds hundreds of rows, not millions. */
#include "kiosk/core/catalogue.h"

#include <stdlib.h>
#include <string.h>

void catalogue_free(catalogue *cat)
{
    if (!cat)
        return;
    free(cat->items);
    free(cat->locations);
    free(cat->boxes);
    free(cat->trainees);
    free(cat->staff);
    memset(cat, 0, sizeof *cat);
}

int catalogue_item_by_sku(const catalogue *cat, const char *sku)
{
    for (size_t i = 0; cat && sku && i < cat->item_count; i++)
        if (strcmp(cat->items[i].sku, sku) == 0)
            return (int)i;
    return -1;
}

int catalogue_item_by_gtin(const catalogue *cat, const char *gtin)
{
    if (!cat || !gtin)
        return -1;
    if (strlen(gtin) == 14 && gtin[0] == '0')
        gtin++;
    for (size_t i = 0; i < cat->item_count; i++)
        if (strcmp(cat->items[i].gtin, gtin) == 0)
            return (int)i;
    return -1;
}

int catalogue_location_by_code(const catalogue *cat, const char *code)
{
    for (size_t i = 0; cat && code && i < cat->location_count; i++)
        if (strcmp(cat->locations[i].code, code) == 0)
            return (int)i;
    return -1;
}

int catalogue_location_by_barcode(const catalogue *cat, const char *barcode)
{
    for (size_t i = 0; cat && barcode && i < cat->location_count; i++)
        if (strcmp(cat->locations[i].barcode, barcode) == 0)
            return (int)i;
    return -1;
}

int catalogue_trainee_by_badge(const catalogue *cat, const char *badge)
{
    for (size_t i = 0; cat && badge && i < cat->trainee_count; i++)
        if (strcmp(cat->trainees[i].badge, badge) == 0)
            return (int)i;
    return -1;
}

int catalogue_staff_by_badge(const catalogue *cat, const char *badge)
{
    for (size_t i = 0; cat && badge && i < cat->staff_count; i++)
        if (strcmp(cat->staff[i].badge, badge) == 0)
            return (int)i;
    return -1;
}

bool catalogue_items_look_alike(const catalogue *cat, size_t a, size_t b)
{
    if (!cat || a >= cat->item_count)
        return false;
    const catalogue_item *it = &cat->items[a];
    for (size_t k = 0; k < it->lookalike_count; k++)
        if (it->lookalikes[k] == b)
            return true;
    return false;
}

const char *catalogue_lang_code(catalogue_lang lang)
{
    static const char *const codes[CAT_LANG_COUNT] = { "nl", "fr", "en", "ar" };
    if ((int)lang < 0 || lang >= CAT_LANG_COUNT)
        return NULL;
    return codes[lang];
}
