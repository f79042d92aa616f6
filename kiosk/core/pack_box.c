/* Box fit and suggestion (pack_box.h): sorted-size fit per item, summed volume against the fill
 * factor, smallest fitting box by inner volume. */
#include "kiosk/core/pack_box.h"

#include <stdint.h>
#include <string.h>

static void sort3(uint32_t d[3])
{
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2 - i; j++)
            if (d[j] < d[j + 1]) {
                uint32_t t = d[j];
                d[j] = d[j + 1];
                d[j + 1] = t;
            }
}

/* Sizes beyond the import's 10 m would break the volume arithmetic's bounds. */
static bool id_bad(const catalogue_item *it)
{
    return it->length_mm > 10000 || it->width_mm > 10000 || it->height_mm > 10000;
}

static uint64_t box_volume(const catalogue_box *b)
{
    return (uint64_t)b->length_mm * b->width_mm * b->height_mm;
}

bool pack_box_fits(const catalogue *cat, size_t box, const pack_line *lines, size_t n)
{
    if (!cat || box >= cat->box_count || (!lines && n))
        return false;
    const catalogue_box *b = &cat->boxes[box];
    uint32_t bd[3] = { b->length_mm, b->width_mm, b->height_mm };
    sort3(bd);
    const uint64_t cap = UINT64_MAX / 200;
    uint64_t total = 0;
    for (size_t k = 0; k < n; k++) {
        if (lines[k].item >= cat->item_count || id_bad(&cat->items[lines[k].item]))
            return false;
        const catalogue_item *it = &cat->items[lines[k].item];
        uint32_t id[3] = { it->length_mm, it->width_mm, it->height_mm };
        sort3(id);
        if (id[0] > bd[0] || id[1] > bd[1] || id[2] > bd[2])
            return false;
        /* sizes are at most 10 m (catalogue import): a unit is below 1e12 mm3; a total above
         * `cap` is far beyond any box, and keeps total * 100 below UINT64_MAX */
        uint64_t unit = (uint64_t)id[0] * id[1] * id[2];
        if (lines[k].qty && unit > (cap - total) / lines[k].qty)
            return false;
        total += unit * lines[k].qty;
    }
    return total * 100u <= box_volume(b) * PACK_FILL_PCT;
}

int pack_box_suggest(const catalogue *cat, const pack_line *lines, size_t n, bool *fits)
{
    int best = -1, largest = -1;
    *fits = false;
    if (!cat)
        return -1;
    for (size_t b = 0; b < cat->box_count; b++) {
        uint64_t v = box_volume(&cat->boxes[b]);
        if (largest < 0 || v > box_volume(&cat->boxes[largest]))
            largest = (int)b;
        if (pack_box_fits(cat, b, lines, n) &&
            (best < 0 || v < box_volume(&cat->boxes[best])))
            best = (int)b;
    }
    *fits = best >= 0;
    return best >= 0 ? best : largest;
}

int pack_box_by_type(const catalogue *cat, const char *type)
{
    for (size_t b = 0; cat && type && b < cat->box_count; b++)
        if (strcmp(cat->boxes[b].type, type) == 0)
            return (int)b;
    return -1;
}
