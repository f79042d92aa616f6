/* The view helpers: the floor map from the sample warehouse (one zone per letter, wide enough
 * to see, every location inside its zone), items and locations from the catalogue (name in the
 * trainee's language, Dutch when missing), the pick view from a real pick flow at level 1 and
 * at a cluster level, and the pack view from a pack SHOW. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/core/errors.h"
#include "kiosk/core/levels.h"
#include "kiosk/ui/view.h"
#include "tests/kiosk/core/core_fixture.h"

static catalogue cat;
static service_levels levels;

static int setup(void **state)
{
    (void)state;
    core_errors errs;
    if (fixture_load_warehouse(&cat, &errs) != STIEL_OK)
        return -1;
    size_t len = 0;
    char *text = fixture_read_asset("levels.ini", &len);
    if (!text)
        return -1;
    stiel_status st = service_levels_parse("levels.ini", text, len, &levels, &errs);
    free(text);
    return st == STIEL_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    catalogue_free(&cat);
    return 0;
}

static void test_floor_map(void **state)
{
    (void)state;
    ui_floor_map map;
    ui_floor_map_from_catalogue(&cat, &map);
    assert_int_equal(map.zone_count, 4);
    assert_true(map.width > 900 && map.height > 885);
    for (size_t z = 0; z < map.zone_count; z++) {
        const ui_zone *zn = &map.zones[z];
        assert_true(zn->x1 - zn->x0 >= map.width / 6);      /* wide enough to see */
        assert_true(zn->x1 <= map.width && zn->y1 <= map.height);
        for (size_t z2 = z + 1; z2 < map.zone_count; z2++)  /* zones do not overlap */
            assert_true(zn->x1 <= map.zones[z2].x0 || map.zones[z2].x1 <= zn->x0 ||
                        zn->y1 <= map.zones[z2].y0 || map.zones[z2].y1 <= zn->y0);
    }
    for (size_t i = 0; i < cat.location_count; i++) {
        const catalogue_location *l = &cat.locations[i];
        size_t z = 0;
        while (z < map.zone_count && strcmp(map.zones[z].name, l->zone) != 0)
            z++;
        assert_true(z < map.zone_count);
        assert_true(l->map_x > map.zones[z].x0 && l->map_x < map.zones[z].x1);
        assert_true(l->map_y > map.zones[z].y0 && l->map_y < map.zones[z].y1);
    }
    catalogue empty = {0};
    ui_floor_map_from_catalogue(&empty, &map);
    assert_int_equal(map.width, 0);
    assert_int_equal(map.zone_count, 0);
}

static void test_items_and_messages(void **state)
{
    (void)state;
    ui_item it;
    int k = catalogue_item_by_sku(&cat, "ST-1001");
    ui_item_from_catalogue(&cat, k, CAT_LANG_AR, &it);
    assert_string_equal(it.sku, "ST-1001");
    assert_string_equal(it.photo, "items/ST-1001.png");
    assert_string_equal(it.name, cat.items[k].name[CAT_LANG_AR]);
    /* a missing translation falls back to Dutch */
    catalogue_item saved = cat.items[k];
    cat.items[k].name[CAT_LANG_FR][0] = '\0';
    ui_item_from_catalogue(&cat, k, CAT_LANG_FR, &it);
    assert_string_equal(it.name, "Koffiebonen 1 kg");
    cat.items[k] = saved;
    ui_item_from_catalogue(&cat, -1, CAT_LANG_NL, &it);
    assert_string_equal(it.sku, "");
    ui_location loc;
    ui_location_from_catalogue(&cat, catalogue_location_by_code(&cat, "C-04"), &loc);
    assert_string_equal(loc.code, "C-04");
    assert_string_equal(loc.zone, "C");
    assert_int_equal(loc.map_x, 650);
    ui_msg m;
    ui_msg_set(&m, "pick.go_to_location", "A-01", NULL, "ignored");
    assert_int_equal(m.argc, 1);
    assert_string_equal(m.args[0], "A-01");
    /* an argument that does not fit is cut at a character boundary */
    char longer[200];
    memset(longer, 0, sizeof longer);
    for (int i = 0; i < 40; i++)
        memcpy(longer + 2 * i, "é", 2);   /* 80 bytes */
    ui_msg_set(&m, "x", longer, NULL, NULL);
    assert_int_equal(strlen(m.args[0]), 62);
    kiosk_view v;
    kiosk_view_init(&v);
    assert_int_equal(v.screen, UI_SCREEN_START);
    assert_int_equal(v.lang, CAT_LANG_NL);
}

static void make_task(pick_task *t, unsigned level, unsigned orders)
{
    memset(t, 0, sizeof *t);
    strcpy(t->id, "TR-TEST-1");
    strcpy(t->trainee, "T-0002");
    t->level = level;
    t->order_count = orders;
    static const char *const skus[3] = {"ST-1003", "ST-1021", "ST-1013"};
    for (unsigned o = 0; o < orders; o++) {
        t->totes[o][0] = 'T';
        t->totes[o][1] = (char)('1' + o);
    }
    for (size_t i = 0; i < 3; i++) {
        int item = catalogue_item_by_sku(&cat, skus[i]);
        t->lines[i].item = (size_t)item;
        t->lines[i].location = (size_t)cat.items[item].location;
        t->lines[i].qty = (unsigned)(i + 2);
        t->lines[i].order = (unsigned)(i % orders);
    }
    t->line_count = 3;
}

static const pick_show *find_show(const pick_effects *fx)
{
    for (size_t i = fx->count; i-- > 0;)
        if (fx->fx[i].kind == PICK_FX_SHOW)
            return &fx->fx[i].show;
    return NULL;
}

static void test_pick_from_flow(void **state)
{
    (void)state;
    static pick_flow flow;
    pick_task task;
    make_task(&task, 1, 1);
    stiel_diag diag;
    assert_int_equal(pick_flow_init(&flow, &cat, service_levels_get(&levels, 1), &task, &diag),
                     STIEL_OK);
    pick_effects fx;
    pick_event ev = {.kind = PICK_EV_TAP, .now_ms = 1000, .action = PICK_ACT_START};
    assert_int_equal(pick_flow_handle(&flow, &ev, &fx), STIEL_OK);
    const pick_show *show = find_show(&fx);
    assert_non_null(show);
    ui_pick_view p;
    ui_pick_from_flow(&flow, show, CAT_LANG_EN, &p);
    assert_int_equal(p.step, PICK_STEP_GO_TO_LOCATION);
    assert_string_equal(p.location.code, cat.locations[task.lines[0].location].code);
    assert_string_equal(p.item.name, "Green tea 20 bags");
    assert_int_equal(p.qty, 2);
    assert_int_equal(p.line, 1);
    assert_int_equal(p.line_count, 3);
    assert_int_equal(p.lines[0], UI_LINE_CURRENT);
    assert_int_equal(p.lines[1], UI_LINE_TODO);
    assert_true(p.scan_location);
    assert_false(p.scan_tote);
    assert_false(p.qty_typed);          /* level 1: scan each unit */
    assert_int_equal(p.slot_count, 1);
    assert_false(p.can_undo);

    /* a cluster level: the slot and tote of the line's order */
    make_task(&task, 4, 3);
    assert_int_equal(pick_flow_init(&flow, &cat, service_levels_get(&levels, 4), &task, &diag),
                     STIEL_OK);
    assert_int_equal(pick_flow_handle(&flow, &ev, &fx), STIEL_OK);
    show = find_show(&fx);
    assert_non_null(show);
    ui_pick_from_flow(&flow, show, CAT_LANG_NL, &p);
    assert_int_equal(p.slot_count, 3);
    assert_int_equal(p.slot, 0);
    assert_string_equal(p.tote, "T1");
    assert_true(p.qty_typed);
    assert_true(p.scan_tote);
}

static void test_pack_from_show(void **state)
{
    (void)state;
    pack_show s;
    memset(&s, 0, sizeof s);
    s.step = PACK_STEP_PRINT;
    s.line_count = 2;
    s.item[0] = (size_t)catalogue_item_by_sku(&cat, "ST-1001");
    s.item[1] = (size_t)catalogue_item_by_sku(&cat, "ST-1046");
    s.qty[0] = 2;
    s.qty[1] = 1;
    s.packed[0] = 2;
    s.packed[1] = 1;
    s.box_suggested = 2;
    s.box_chosen = -1;
    ui_pack_view p;
    ui_pack_from_show(&cat, &s, CAT_LANG_FR, &p);
    assert_int_equal(p.step, PACK_STEP_PRINT);
    assert_int_equal(p.row_count, 2);
    assert_string_equal(p.rows[0].item.name, "Café en grains 1 kg");
    assert_int_equal(p.rows[0].scanned, 2);
    assert_string_equal(p.box_type, cat.boxes[2].type);
    assert_int_equal(p.box_l_mm, cat.boxes[2].length_mm);
    assert_int_equal(p.print, UI_PRINT_NOT_YET);
    strcpy(s.sscc, "003871234567890123");
    s.print_waiting = true;
    ui_pack_from_show(&cat, &s, CAT_LANG_FR, &p);
    assert_int_equal(p.print, UI_PRINT_PRINTING);
    s.printer = PACK_PRINTER_PAPER_OUT;
    ui_pack_from_show(&cat, &s, CAT_LANG_FR, &p);
    assert_int_equal(p.print, UI_PRINT_FAILED);
    s.print_waiting = false;
    s.box_chosen = 0;
    ui_pack_from_show(&cat, &s, CAT_LANG_FR, &p);
    assert_int_equal(p.print, UI_PRINT_DONE);
    assert_string_equal(p.box_type, cat.boxes[0].type);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_floor_map),
        cmocka_unit_test(test_items_and_messages),
        cmocka_unit_test(test_pick_from_flow),
        cmocka_unit_test(test_pack_from_show),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
