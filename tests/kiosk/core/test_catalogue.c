/* Tests of kiosk/core/catalogue: a good import and its look-ups, the bad-input matrix with the
 * exact message for each class of error, all-or-nothing, and the sample practice warehouse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/catalogue.h"
#include "tests/kiosk/core/core_fixture.h"

static const char ITEMS[] =
    "sku,gtin,name_nl,name_ar,weight_g,length_mm,width_mm,height_mm,location,look_alikes\r\n"
    "A1,2010000000007,Koffiebonen,\xd9\x82\xd9\x87\xd9\x88\xd8\xa9,1020,240,120,80,L1,A2\r\n"
    "A2,8719123100376,Gemalen koffie,,1020,240,120,80,L2,\r\n"
    "A3,8719123100741,Thee,,60,130,70,60,,\r\n";
static const char LOCATIONS[] = "code,barcode,zone,map_x,map_y\nL1,LOC-1,A,10,20\nL2,LOC-2,A,10,40\n";
static const char BOXES[] = "type,length_mm,width_mm,height_mm\nS,200,150,100\n";
static const char TRAINEES[] = "id,badge,display_name,language,level\nT-0001,B-1,Amina,ar,1\n";
static const char STAFF[] = "id,role,badge,pin_hash\nC-1,coach,B-9,\nS-1,supervisor,B-8,x\n";

typedef struct files {
    const char *items, *locations, *boxes, *trainees, *staff;
} files;

static stiel_status import(files f, catalogue *cat, core_errors *errs)
{
    catalogue_sources src = {
        { "items.csv", f.items ? f.items : ITEMS, strlen(f.items ? f.items : ITEMS) },
        { "locations.csv", f.locations ? f.locations : LOCATIONS,
          strlen(f.locations ? f.locations : LOCATIONS) },
        { "boxes.csv", f.boxes ? f.boxes : BOXES, strlen(f.boxes ? f.boxes : BOXES) },
        { "trainees.csv", f.trainees ? f.trainees : TRAINEES,
          strlen(f.trainees ? f.trainees : TRAINEES) },
        { "staff.csv", f.staff ? f.staff : STAFF, strlen(f.staff ? f.staff : STAFF) },
    };
    core_errors_clear(errs);
    return catalogue_import(&src, cat, errs);
}

static void test_good_import_and_lookups(void **state)
{
    (void)state;
    catalogue cat = { 0 };
    core_errors errs;
    assert_int_equal(import((files){ 0 }, &cat, &errs), STIEL_OK);
    assert_int_equal(errs.count, 0);
    assert_int_equal(cat.item_count, 3);
    assert_int_equal(cat.location_count, 2);
    assert_int_equal(cat.box_count, 1);
    assert_int_equal(cat.trainee_count, 1);
    assert_int_equal(cat.staff_count, 2);
    assert_string_equal(cat.items[0].name[CAT_LANG_AR], "\xd9\x82\xd9\x87\xd9\x88\xd8\xa9");
    assert_string_equal(cat.items[1].name[CAT_LANG_AR], "");
    assert_int_equal(cat.items[0].weight_g, 1020);
    assert_int_equal(cat.items[0].location, 0);
    assert_int_equal(cat.items[2].location, -1);
    /* look-alike made symmetric */
    assert_true(catalogue_items_look_alike(&cat, 0, 1));
    assert_true(catalogue_items_look_alike(&cat, 1, 0));
    assert_false(catalogue_items_look_alike(&cat, 0, 2));
    assert_int_equal(catalogue_item_by_gtin(&cat, "8719123100376"), 1);
    assert_int_equal(catalogue_item_by_gtin(&cat, "08719123100376"), 1);
    assert_int_equal(catalogue_item_by_gtin(&cat, "8719123100377"), -1);
    assert_int_equal(catalogue_item_by_sku(&cat, "A3"), 2);
    assert_int_equal(catalogue_location_by_barcode(&cat, "LOC-2"), 1);
    assert_int_equal(catalogue_location_by_code(&cat, "L1"), 0);
    assert_int_equal(catalogue_trainee_by_badge(&cat, "B-1"), 0);
    assert_int_equal(catalogue_staff_by_badge(&cat, "B-8"), 1);
    assert_int_equal(cat.staff[1].role, CAT_ROLE_SUPERVISOR);
    assert_string_equal(cat.staff[1].pin_hash, "x");
    assert_int_equal(cat.trainees[0].language, CAT_LANG_AR);
    catalogue_free(&cat);
    catalogue_free(&cat);
}

typedef struct bad_case {
    files f;
    stiel_status status;
    const char *message;
} bad_case;

#define ITEM_HDR "sku,gtin,name_nl,weight_g,length_mm,width_mm,height_mm,look_alikes\n"

static void test_bad_input_matrix(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        { { .items = "sku,name_nl,weight_g,length_mm,width_mm,height_mm\nA1,K,1,1,1,1\n" },
          STIEL_ERR_MISSING, "items.csv:1: missing column gtin; the first row must name it" },
        { { .staff = "id,role,badge\nC-1,coach,B-9\n" },
          STIEL_ERR_MISSING, "staff.csv:1: missing column pin_hash; the first row must name it" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,\nA2,8719123100377,T,1,1,1,1,\n" },
          STIEL_ERR_CHECK_DIGIT, "items.csv:3: column gtin: check digit is 7, expected 6" },
        { { .items = ITEM_HDR "A1,201000000000,K,1,1,1,1,\n" },
          STIEL_ERR_LENGTH, "items.csv:2: column gtin: 201000000000 has 12 digits, an EAN-13 has 13" },
        { { .items = ITEM_HDR "A1,20100000O0007,K,1,1,1,1,\n" },
          STIEL_ERR_CHARSET, "items.csv:2: column gtin: \"20100000O0007\" is not an EAN-13: digits only" },
        { { .items = ITEM_HDR "A1,,K,1,1,1,1,\n" },
          STIEL_ERR_MISSING, "items.csv:2: column gtin: is empty; every row needs a value here" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,\nA1,8719123100376,T,1,1,1,1,\n" },
          STIEL_ERR_SYNTAX, "items.csv:3: column sku: A1 is already used at items.csv:2" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,\nA2,2010000000007,T,1,1,1,1,\n" },
          STIEL_ERR_SYNTAX, "items.csv:3: column gtin: 2010000000007 is already used at items.csv:2" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,A9\n" },
          STIEL_ERR_NOT_FOUND, "items.csv:2: column look_alikes: no item has sku A9" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,A1\n" },
          STIEL_ERR_SYNTAX, "items.csv:2: column look_alikes: A1 names the item itself" },
        { { .items = "sku,gtin,name_nl,weight_g,length_mm,width_mm,height_mm,location\n"
                     "A1,2010000000007,K,1,1,1,1,Z9\n" },
          STIEL_ERR_NOT_FOUND, "items.csv:2: column location: no location has code Z9 (see locations.csv)" },
        { { .items = ITEM_HDR "A1,2010000000007,K,1kg,1,1,1,\n" },
          STIEL_ERR_SYNTAX, "items.csv:2: column weight_g: \"1kg\" is not a whole number" },
        { { .items = ITEM_HDR "A1,2010000000007,K,0,1,1,1,\n" },
          STIEL_ERR_SYNTAX, "items.csv:2: column weight_g: 0 is outside 1..1000000" },
        { { .items = ITEM_HDR "A 1,2010000000007,K,1,1,1,1,\n" },
          STIEL_ERR_CHARSET, "items.csv:2: column sku: \"A 1\" holds a space or a character other than letters, digits and signs" },
        { { .items = "sku,gtin,name_nl,name_ar,weight_g,length_mm,width_mm,height_mm\n"
                     "A1,2010000000007,K,\xd9\x82\xd9,1,1,1,1\n" },
          STIEL_ERR_CHARSET, "items.csv:2: column name_ar: not valid UTF-8 (byte 3 of the field); save the file as UTF-8" },
        { { .locations = "code,barcode,zone,map_x,map_y\nL1,LOC-1,A,10,20\nL2,LOC-1,A,10,40\n" },
          STIEL_ERR_SYNTAX, "locations.csv:3: column barcode: LOC-1 is already used at locations.csv:2" },
        { { .locations = "code,barcode,zone,map_x,map_y\nL1,LOC-1,A,10,20\nL2,2010000000007,A,10,40\n",
            .items = ITEM_HDR "A1,2010000000007,K,1,1,1,1,\n" },
          STIEL_ERR_SYNTAX, "items.csv:2: column gtin: 2010000000007 is already used at locations.csv:3" },
        { { .locations = "code,barcode,zone,map_x,map_y\nL1,LOC-1,A,10,20001\n" },
          STIEL_ERR_SYNTAX, "locations.csv:2: column map_y: 20001 is outside 0..10000" },
        { { .trainees = "id,badge,display_name,language,level\nT-1,B-9,Amina,ar,1\n" },
          STIEL_ERR_SYNTAX, "staff.csv:2: column badge: B-9 is already used at trainees.csv:2" },
        { { .trainees = "id,badge,display_name,language,level\nT-1,B-1,Amina,de,1\n" },
          STIEL_ERR_SYNTAX, "trainees.csv:2: column language: \"de\" is not one of nl, fr, en, ar" },
        { { .trainees = "id,badge,display_name,language,level\nT-1,B-1,Amina,ar,10\n" },
          STIEL_ERR_SYNTAX, "trainees.csv:2: column level: 10 is outside 1..9" },
        { { .trainees = "id,badge,display_name,language,level\nT-1,B-1,,ar,1\n" },
          STIEL_ERR_MISSING, "trainees.csv:2: column display_name: is empty; every row needs a value here" },
        { { .staff = "id,role,badge,pin_hash\nC-1,boss,B-9,\n" },
          STIEL_ERR_SYNTAX, "staff.csv:2: column role: \"boss\" is not one of coach, supervisor" },
        { { .staff = "id,role,badge,pin_hash\nT-0001,coach,B-9,\n" },
          STIEL_ERR_SYNTAX, "staff.csv:2: column id: T-0001 is already used at trainees.csv:2" },
        { { .boxes = "type,length_mm,width_mm,height_mm\nS,200,150,100\nS,300,200,150\n" },
          STIEL_ERR_SYNTAX, "boxes.csv:3: column type: S is already used at boxes.csv:2" },
        { { .boxes = "type,length_mm,width_mm,height_mm\nS,200,\"150\n" },
          STIEL_ERR_TRUNCATED, "boxes.csv:2: column width_mm: a quoted field is never closed (its closing quote is missing)" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const bad_case *c = &cases[k];
        catalogue cat = { .item_count = 777 };  /* must stay untouched */
        core_errors errs;
        stiel_status st = import(c->f, &cat, &errs);
        if (st != c->status || errs.count != 1 || strcmp(errs.items[0].text, c->message) != 0)
            fail_msg("case %zu: got %d (%zu errors) \"%s\"", k, st, errs.count,
                     errs.count ? errs.items[0].text : "");
        assert_int_equal(cat.item_count, 777);
        assert_null(cat.items);
    }
}

static void test_all_errors_at_once(void **state)
{
    (void)state;
    catalogue cat = { 0 };
    core_errors errs;
    files f = { .items = ITEM_HDR "A1,2010000000008,K,x,1,1,1,\n",
                .trainees = "id,badge,display_name,language,level\nT-1,B-1,A,xx,1\n" };
    assert_int_equal(import(f, &cat, &errs), STIEL_ERR_CHECK_DIGIT);
    assert_int_equal(errs.count, 3);
    assert_string_equal(errs.items[0].text, "items.csv:2: column gtin: check digit is 8, expected 7");
    assert_string_equal(errs.items[1].text, "items.csv:2: column weight_g: \"x\" is not a whole number");
    assert_string_equal(errs.items[2].text,
                        "trainees.csv:2: column language: \"xx\" is not one of nl, fr, en, ar");
    assert_null(cat.items);
}

static void test_missing_file(void **state)
{
    (void)state;
    catalogue_sources src = { 0 };
    src.items = (catalogue_source){ "items.csv", ITEMS, strlen(ITEMS) };
    catalogue cat = { 0 };
    core_errors errs;
    core_errors_clear(&errs);
    assert_int_equal(catalogue_import(&src, &cat, &errs), STIEL_ERR_MISSING);
    assert_string_equal(errs.items[0].text, "locations.csv: the file is missing from the import");
    assert_null(cat.items);
}

static void test_sample_warehouse_loads(void **state)
{
    (void)state;
    catalogue cat = { 0 };
    core_errors errs;
    assert_int_equal(fixture_load_warehouse(&cat, &errs), STIEL_OK);
    assert_true(cat.item_count >= 60);
    assert_int_equal(cat.location_count, 40);
    assert_true(cat.box_count >= 4 && cat.box_count <= 5);
    assert_int_equal(cat.trainee_count, 5);
    assert_int_equal(cat.staff_count, 2);
    size_t pairs = 0, with_ar = 0, langs[CAT_LANG_COUNT] = { 0 };
    unsigned levels = 0;
    for (size_t i = 0; i < cat.item_count; i++) {
        const catalogue_item *it = &cat.items[i];
        assert_true(it->location >= 0);
        for (int l = 0; l < CAT_LANG_COUNT; l++)
            assert_true(it->name[l][0] != '\0');
        /* Arabic names are Arabic script (U+0600..U+06FF lead bytes 0xD8..0xDB) */
        if ((unsigned char)it->name[CAT_LANG_AR][0] >= 0xD8 &&
            (unsigned char)it->name[CAT_LANG_AR][0] <= 0xDB)
            with_ar++;
        char photo[64];
        snprintf(photo, sizeof photo, "items/%s.png", it->sku);
        assert_string_equal(it->photo, photo);
        assert_true(strncmp(it->gtin, "2", 1) == 0 || strncmp(it->gtin, "871", 3) == 0);
        for (size_t k = 0; k < it->lookalike_count; k++) {
            /* look-alikes sit in neighbouring locations */
            const catalogue_location *a = &cat.locations[it->location];
            const catalogue_location *b = &cat.locations[cat.items[it->lookalikes[k]].location];
            assert_string_equal(a->zone, b->zone);
            pairs++;
        }
    }
    assert_true(pairs >= 2 * 10);
    assert_int_equal(with_ar, cat.item_count);
    for (size_t t = 0; t < cat.trainee_count; t++) {
        langs[cat.trainees[t].language]++;
        levels |= 1u << cat.trainees[t].level;
    }
    for (int l = 0; l < CAT_LANG_COUNT; l++)
        assert_true(langs[l] > 0);
    assert_int_equal(levels, 0x3e);  /* levels 1..5 */
    assert_true(cat.staff[0].role != cat.staff[1].role);
    catalogue_free(&cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_import_and_lookups),
        cmocka_unit_test(test_bad_input_matrix),
        cmocka_unit_test(test_all_errors_at_once),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_sample_warehouse_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
