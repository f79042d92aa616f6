/* Helpers that fill a kiosk_view (view.h) from the catalogue: defaults, messages, items,
 * locations and the floor map. Pure. */
#include "kiosk/ui/view.h"

#include <string.h>

#include "kiosk/ui/tr.h"

static void copy(char *dst, size_t cap, const char *src)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;  /* never end inside a character */
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void kiosk_view_init(kiosk_view *v)
{
    memset(v, 0, sizeof *v);
    v->screen = UI_SCREEN_START;
    v->lang = CAT_LANG_NL;
    v->pick.step = PICK_STEP_GO_TO_LOCATION;
    v->pick.scan_location = true;
}

void ui_msg_set(ui_msg *msg, const char *id, const char *arg1, const char *arg2,
                const char *arg3)
{
    memset(msg, 0, sizeof *msg);
    copy(msg->id, sizeof msg->id, id);
    const char *args[UI_MSG_ARGS_MAX] = {arg1, arg2, arg3};
    for (unsigned i = 0; i < UI_MSG_ARGS_MAX && args[i]; i++) {
        copy(msg->args[i], sizeof msg->args[i], args[i]);
        msg->argc = i + 1;
    }
}

void ui_item_from_catalogue(const catalogue *cat, int index, catalogue_lang lang, ui_item *item)
{
    memset(item, 0, sizeof *item);
    if (!cat || index < 0 || (size_t)index >= cat->item_count)
        return;
    const catalogue_item *it = &cat->items[index];
    copy(item->sku, sizeof item->sku, it->sku);
    copy(item->photo, sizeof item->photo, it->photo);
    const char *name = ((int)lang >= 0 && lang < CAT_LANG_COUNT) ? it->name[lang] : "";
    copy(item->name, sizeof item->name, name[0] ? name : it->name[CAT_LANG_NL]);
}

void ui_location_from_catalogue(const catalogue *cat, int index, ui_location *loc)
{
    memset(loc, 0, sizeof *loc);
    if (!cat || index < 0 || (size_t)index >= cat->location_count)
        return;
    const catalogue_location *l = &cat->locations[index];
    copy(loc->code, sizeof loc->code, l->code);
    copy(loc->zone, sizeof loc->zone, l->zone);
    loc->map_x = l->map_x;
    loc->map_y = l->map_y;
}

void ui_floor_map_from_catalogue(const catalogue *cat, ui_floor_map *map)
{
    memset(map, 0, sizeof *map);
    if (!cat || !cat->location_count)
        return;
    uint32_t max_x = 0, max_y = 0;
    for (size_t i = 0; i < cat->location_count; i++) {
        const catalogue_location *l = &cat->locations[i];
        if (l->map_x > max_x)
            max_x = l->map_x;
        if (l->map_y > max_y)
            max_y = l->map_y;
        size_t z = 0;
        while (z < map->zone_count && strcmp(map->zones[z].name, l->zone) != 0)
            z++;
        if (z == map->zone_count) {
            if (z == UI_ZONES_MAX)
                continue;
            map->zone_count++;
            copy(map->zones[z].name, sizeof map->zones[z].name, l->zone);
            map->zones[z].x0 = map->zones[z].x1 = l->map_x;
            map->zones[z].y0 = map->zones[z].y1 = l->map_y;
        }
        ui_zone *zn = &map->zones[z];
        if (l->map_x < zn->x0) zn->x0 = l->map_x;
        if (l->map_x > zn->x1) zn->x1 = l->map_x;
        if (l->map_y < zn->y0) zn->y0 = l->map_y;
        if (l->map_y > zn->y1) zn->y1 = l->map_y;
    }
    /* margins: a tenth of the extent around the floor, a twentieth around each zone */
    uint32_t mx = max_x / 10 + 1, my = max_y / 10 + 1;
    map->width = max_x + mx;
    map->height = max_y + my;
    /* a zone of one aisle is as narrow as a line: give each zone at least a third of its
       share of the floor in each direction */
    uint32_t min_w = map->width * 2 / (uint32_t)(map->zone_count * 3) + 1;
    uint32_t min_h = map->height / 12 + 1;
    uint32_t px = max_x / 20 + 1, py = max_y / 20 + 1;
    for (size_t z = 0; z < map->zone_count; z++) {
        ui_zone *zn = &map->zones[z];
        uint32_t gx = px, gy = py;
        if (zn->x1 - zn->x0 + 2 * gx < min_w)
            gx = (min_w - (zn->x1 - zn->x0)) / 2;
        if (zn->y1 - zn->y0 + 2 * gy < min_h)
            gy = (min_h - (zn->y1 - zn->y0)) / 2;
        zn->x0 = zn->x0 > gx ? zn->x0 - gx : 0;
        zn->y0 = zn->y0 > gy ? zn->y0 - gy : 0;
        zn->x1 = zn->x1 + gx < map->width ? zn->x1 + gx : map->width;
        zn->y1 = zn->y1 + gy < map->height ? zn->y1 + gy : map->height;
    }
}
