/* The practice warehouse in memory: items, locations, boxes, trainees and staff, imported from
 * the CSV files a supervisor keeps in a spreadsheet (all or nothing), and the look-ups the flows
 * need (a scanned barcode to an item, a location or a person). Pure: callers pass file contents. */
#ifndef STIEL_CORE_CATALOGUE_H
#define STIEL_CORE_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "kiosk/core/errors.h"

enum {
    CAT_ID_MAX = 32,          /* sku, location code, box type, person id, zone */
    CAT_BARCODE_MAX = 48,     /* location barcode, badge code */
    CAT_TEXT_MAX = 160,       /* names and file names, in bytes of UTF-8 */
    CAT_HASH_MAX = 160,       /* staff PIN hash, as computed elsewhere */
    CAT_LOOKALIKE_MAX = 4,    /* look-alikes per item */
    CAT_ROWS_MAX = 20000,     /* rows per file */
    CAT_LEVEL_MAX = 9         /* highest service level a trainee can be given */
};

typedef enum catalogue_lang {
    CAT_LANG_NL = 0,
    CAT_LANG_FR,
    CAT_LANG_EN,
    CAT_LANG_AR,
    CAT_LANG_COUNT
} catalogue_lang;

typedef struct catalogue_item {
    char sku[CAT_ID_MAX + 1];
    char gtin[14];                                /* EAN-13, check digit verified */
    char name[CAT_LANG_COUNT][CAT_TEXT_MAX + 1];  /* "" when a translation is missing */
    char photo[CAT_TEXT_MAX + 1];                 /* "items/<sku>.png", may be "" */
    uint32_t weight_g;
    uint32_t length_mm, width_mm, height_mm;
    int location;                                 /* index in locations, -1: not stocked */
    size_t lookalike_count;
    size_t lookalikes[CAT_LOOKALIKE_MAX];         /* indices in items, made symmetric */
    unsigned line;                                /* row in its file, for messages */
} catalogue_item;

typedef struct catalogue_location {
    char code[CAT_ID_MAX + 1];        /* "A-01-1" as printed on the shelf */
    char barcode[CAT_BARCODE_MAX + 1];/* what the location label encodes */
    char zone[CAT_ID_MAX + 1];        /* "A" */
    uint32_t map_x, map_y;            /* position on the floor map, 0..10000 */
    unsigned line;
} catalogue_location;

typedef struct catalogue_box {
    char type[CAT_ID_MAX + 1];
    uint32_t length_mm, width_mm, height_mm;  /* inner sizes */
    unsigned line;
} catalogue_box;

typedef struct catalogue_trainee {
    char id[CAT_ID_MAX + 1];            /* pseudonymous: "T-0001" */
    char badge[CAT_BARCODE_MAX + 1];
    char display_name[CAT_TEXT_MAX + 1];/* a first name only */
    catalogue_lang language;
    unsigned level;                     /* 1..CAT_LEVEL_MAX */
    unsigned line;
} catalogue_trainee;

typedef enum catalogue_role { CAT_ROLE_COACH = 0, CAT_ROLE_SUPERVISOR } catalogue_role;

typedef struct catalogue_staff {
    char id[CAT_ID_MAX + 1];
    catalogue_role role;
    char badge[CAT_BARCODE_MAX + 1];
    char pin_hash[CAT_HASH_MAX + 1];    /* kept as given; "" when not set */
    unsigned line;
} catalogue_staff;

typedef struct catalogue {
    catalogue_item *items;
    size_t item_count;
    catalogue_location *locations;
    size_t location_count;
    catalogue_box *boxes;
    size_t box_count;
    catalogue_trainee *trainees;
    size_t trainee_count;
    catalogue_staff *staff;
    size_t staff_count;
} catalogue;

/* One file's contents, as read by the caller. name is used in messages ("items.csv"). */
typedef struct catalogue_source {
    const char *name;
    const char *text;
    size_t len;
} catalogue_source;

typedef struct catalogue_sources {
    catalogue_source items, locations, boxes, trainees, staff;
} catalogue_sources;

/* Imports the five files. Columns, in any order (others are ignored):
 *   items:     sku, gtin, name_nl, weight_g, length_mm, width_mm, height_mm (required);
 *              name_fr, name_en, name_ar, photo, location, look_alikes ("SKU;SKU") (optional)
 *   locations: code, barcode, zone, map_x, map_y
 *   boxes:     type, length_mm, width_mm, height_mm (inner sizes)
 *   trainees:  id, badge, display_name, language (nl|fr|en|ar), level (1..9)
 *   staff:     id, role (coach|supervisor), badge, pin_hash (the column must exist, may be empty)
 * Checks: CSV syntax and UTF-8 (csv.h), required columns, values (ids without spaces, whole
 * numbers in range, EAN-13 check digits, languages, roles), duplicate ids within a file, one
 * namespace for everything a scanner can read (GTINs, location barcodes, badges), item locations
 * and look-alike skus that exist. On STIEL_OK *out (which must be zeroed or freed) holds the
 * catalogue; otherwise errs lists every problem as "file:line: column name: reason", the status
 * is the first one's, and *out is untouched. */
stiel_status catalogue_import(const catalogue_sources *src, catalogue *out, core_errors *errs);

/* Frees everything and leaves an empty catalogue. Safe on a zeroed one. */
void catalogue_free(catalogue *cat);

/* Look-ups; each returns an index or -1. A GTIN matches in its 13-digit form or as the 14-digit
 * GTIN of AI (01) with a leading zero. */
int catalogue_item_by_sku(const catalogue *cat, const char *sku);
int catalogue_item_by_gtin(const catalogue *cat, const char *gtin);
int catalogue_location_by_code(const catalogue *cat, const char *code);
int catalogue_location_by_barcode(const catalogue *cat, const char *barcode);
int catalogue_trainee_by_badge(const catalogue *cat, const char *badge);
int catalogue_staff_by_badge(const catalogue *cat, const char *badge);

/* True when item b is listed as a look-alike of item a. */
bool catalogue_items_look_alike(const catalogue *cat, size_t a, size_t b);

/* "nl", "fr", "en", "ar"; NULL for an out-of-range value. */
const char *catalogue_lang_code(catalogue_lang lang);

#endif
