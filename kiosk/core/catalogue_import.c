/* The catalogue import declared in catalogue.h: each CSV file is parsed (csv.h), its columns
 * resolved by name, every value checked, then the references between files; errors are collected,
 * not stopped at, and the result is handed over only when there are none. */
#include "kiosk/core/catalogue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/csv.h"
#include "protocol/scan/gs1.h"

/* A namespace of codes that must be unique (skus, barcodes, ...), remembering where each was. */
typedef struct ns_entry {
    const char *code;
    const char *file;
    unsigned line;
} ns_entry;

typedef struct name_space {
    ns_entry *e;
    size_t n, alloc;
} name_space;

typedef struct importer {
    core_errors *errs;
    stiel_status first;
    bool nomem;
    catalogue cat;
    name_space skus, gtins_and_codes, locations, boxes, people;
} importer;

typedef struct row_ctx {
    importer *im;
    const core_csv_table *t;
    size_t row;
} row_ctx;

typedef struct colspec {
    const char *name;
    bool required;
} colspec;

static void note(importer *im, stiel_status code, const char *text)
{
    core_errors_add(im->errs, code, "%s", text);
    if (im->first == STIEL_OK)
        im->first = code;
}

static const char *col_name(const core_csv_table *t, int col)
{
    return t->fields[t->rows[0].first + (size_t)col].text;
}

static const core_csv_field *cell(const row_ctx *r, int col)
{
    return col < 0 ? NULL : core_csv_cell(r->t, r->row, col);
}

static void field_err(const row_ctx *r, int col, stiel_status code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void field_err(const row_ctx *r, int col, stiel_status code, const char *fmt, ...)
{
    char msg[STIEL_DIAG_TEXT_MAX], text[STIEL_DIAG_TEXT_MAX + 96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const core_csv_field *f = cell(r, col);
    unsigned line = f ? f->line : r->t->rows[r->row].line;
    snprintf(text, sizeof text, "%s:%u: column %s: %s", r->t->file, line, col_name(r->t, col),
             msg);
    note(r->im, code, text);
}

static bool ns_claim(const row_ctx *r, name_space *space, int col, const char *code)
{
    for (size_t k = 0; k < space->n; k++) {
        if (strcmp(space->e[k].code, code) == 0) {
            field_err(r, col, STIEL_ERR_SYNTAX, "%.48s is already used at %s:%u", code,
                      space->e[k].file, space->e[k].line);
            return false;
        }
    }
    if (space->n == space->alloc) {
        size_t n = space->alloc ? space->alloc * 2 : 64;
        ns_entry *q = realloc(space->e, n * sizeof *q);
        if (!q) {
            r->im->nomem = true;
            return false;
        }
        space->e = q;
        space->alloc = n;
    }
    space->e[space->n++] = (ns_entry){ code, r->t->file, r->t->rows[r->row].line };
    return true;
}

/* Copies a text value; an empty required value and an overlong one are errors. */
static bool get_text(const row_ctx *r, int col, bool required, char *dst, size_t cap)
{
    const core_csv_field *f = cell(r, col);
    dst[0] = '\0';
    if (!f || f->len == 0) {
        if (required)
            field_err(r, col, STIEL_ERR_MISSING, "is empty; every row needs a value here");
        return !required;
    }
    if (f->len >= cap) {
        field_err(r, col, STIEL_ERR_LENGTH, "is %zu bytes long, at most %zu fit", f->len,
                  cap - 1);
        return false;
    }
    memcpy(dst, f->text, f->len + 1);
    return true;
}

/* An id or a barcode: required, printable ASCII without spaces. */
static bool get_code(const row_ctx *r, int col, char *dst, size_t cap)
{
    if (!get_text(r, col, true, dst, cap))
        return false;
    for (const char *s = dst; *s; s++) {
        if (*s <= ' ' || *s > '~') {
            field_err(r, col, STIEL_ERR_CHARSET,
                      "\"%.48s\" holds a space or a character other than letters, digits and "
                      "signs", dst);
            return false;
        }
    }
    return true;
}

static bool get_uint(const row_ctx *r, int col, uint32_t min, uint32_t max, uint32_t *dst)
{
    char text[16];
    const core_csv_field *f = cell(r, col);
    if (!f || f->len == 0) {
        field_err(r, col, STIEL_ERR_MISSING, "is empty; every row needs a value here");
        return false;
    }
    uint64_t v = 0;
    bool digits = f->len <= 10;
    for (size_t k = 0; digits && k < f->len; k++) {
        if (f->text[k] < '0' || f->text[k] > '9')
            digits = false;
        else
            v = v * 10 + (uint64_t)(f->text[k] - '0');
    }
    if (!digits) {
        snprintf(text, sizeof text, "%.12s", f->text);
        field_err(r, col, STIEL_ERR_SYNTAX, "\"%s\" is not a whole number", text);
        return false;
    }
    if (v < min || v > max) {
        field_err(r, col, STIEL_ERR_SYNTAX, "%llu is outside %lu..%lu", (unsigned long long)v,
                  (unsigned long)min, (unsigned long)max);
        return false;
    }
    *dst = (uint32_t)v;
    return true;
}

static bool get_gtin(const row_ctx *r, int col, char dst[14])
{
    char text[CAT_BARCODE_MAX + 1];
    if (!get_text(r, col, true, text, sizeof text))
        return false;
    size_t len = strlen(text);
    for (size_t k = 0; k < len; k++) {
        if (text[k] < '0' || text[k] > '9') {
            field_err(r, col, STIEL_ERR_CHARSET, "\"%s\" is not an EAN-13: digits only", text);
            return false;
        }
    }
    if (len != 13) {
        field_err(r, col, STIEL_ERR_LENGTH, "%s has %zu digits, an EAN-13 has 13", text, len);
        return false;
    }
    char want = gs1_check_digit_compute(text, 12);
    if (want != text[12]) {
        field_err(r, col, STIEL_ERR_CHECK_DIGIT, "check digit is %c, expected %c", text[12],
                  want);
        return false;
    }
    memcpy(dst, text, 14);
    return true;
}

/* Resolves the named columns; a missing required one is an error on the header line. */
static bool resolve(importer *im, const core_csv_table *t, const colspec *spec, size_t n,
                    int *idx)
{
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        idx[k] = core_csv_column(t, spec[k].name);
        if (idx[k] < 0 && spec[k].required) {
            char text[STIEL_DIAG_TEXT_MAX];
            snprintf(text, sizeof text, "%s:%u: missing column %s; the first row must name it",
                     t->file, t->rows[0].line, spec[k].name);
            note(im, STIEL_ERR_MISSING, text);
            ok = false;
        }
    }
    return ok;
}

static bool table_rows_ok(importer *im, const core_csv_table *t)
{
    if (t->nrows - 1 > CAT_ROWS_MAX) {
        char text[STIEL_DIAG_TEXT_MAX];
        snprintf(text, sizeof text, "%s: %zu rows, more than the %d a file may have", t->file,
                 t->nrows - 1, CAT_ROWS_MAX);
        note(im, STIEL_ERR_OVERLONG, text);
        return false;
    }
    return true;
}

static void *alloc_rows(importer *im, const core_csv_table *t, size_t elem)
{
    void *p = calloc(t->nrows, elem);  /* nrows - 1 data rows, at least one element */
    if (!p)
        im->nomem = true;
    return p;
}

enum { L_CODE, L_BARCODE, L_ZONE, L_X, L_Y, L_COUNT };
static const colspec location_cols[L_COUNT] = {
    { "code", true }, { "barcode", true }, { "zone", true }, { "map_x", true }, { "map_y", true },
};

static void parse_locations(importer *im, const core_csv_table *t)
{
    int c[L_COUNT];
    if (!resolve(im, t, location_cols, L_COUNT, c) || !table_rows_ok(im, t))
        return;
    im->cat.locations = alloc_rows(im, t, sizeof *im->cat.locations);
    if (!im->cat.locations)
        return;
    for (size_t row = 1; row < t->nrows; row++) {
        row_ctx r = { im, t, row };
        catalogue_location *l = &im->cat.locations[im->cat.location_count++];
        if (get_code(&r, c[L_CODE], l->code, sizeof l->code))
            ns_claim(&r, &im->locations, c[L_CODE], l->code);
        if (get_code(&r, c[L_BARCODE], l->barcode, sizeof l->barcode))
            ns_claim(&r, &im->gtins_and_codes, c[L_BARCODE], l->barcode);
        get_code(&r, c[L_ZONE], l->zone, sizeof l->zone);
        get_uint(&r, c[L_X], 0, 10000, &l->map_x);
        get_uint(&r, c[L_Y], 0, 10000, &l->map_y);
        l->line = t->rows[row].line;
    }
}

enum {
    I_SKU, I_GTIN, I_NL, I_FR, I_EN, I_AR, I_PHOTO, I_WEIGHT, I_LEN, I_WID, I_HEI, I_LOC,
    I_ALIKE, I_COUNT
};
static const colspec item_cols[I_COUNT] = {
    { "sku", true }, { "gtin", true }, { "name_nl", true }, { "name_fr", false },
    { "name_en", false }, { "name_ar", false }, { "photo", false }, { "weight_g", true },
    { "length_mm", true }, { "width_mm", true }, { "height_mm", true }, { "location", false },
    { "look_alikes", false },
};

static void parse_items(importer *im, const core_csv_table *t, int *cols)
{
    int *c = cols;
    if (!resolve(im, t, item_cols, I_COUNT, c) || !table_rows_ok(im, t))
        return;
    im->cat.items = alloc_rows(im, t, sizeof *im->cat.items);
    if (!im->cat.items)
        return;
    for (size_t row = 1; row < t->nrows; row++) {
        row_ctx r = { im, t, row };
        catalogue_item *it = &im->cat.items[im->cat.item_count];
        if (get_code(&r, c[I_SKU], it->sku, sizeof it->sku))
            ns_claim(&r, &im->skus, c[I_SKU], it->sku);
        if (get_gtin(&r, c[I_GTIN], it->gtin))
            ns_claim(&r, &im->gtins_and_codes, c[I_GTIN], it->gtin);
        get_text(&r, c[I_NL], true, it->name[CAT_LANG_NL], sizeof it->name[0]);
        get_text(&r, c[I_FR], false, it->name[CAT_LANG_FR], sizeof it->name[0]);
        get_text(&r, c[I_EN], false, it->name[CAT_LANG_EN], sizeof it->name[0]);
        get_text(&r, c[I_AR], false, it->name[CAT_LANG_AR], sizeof it->name[0]);
        get_text(&r, c[I_PHOTO], false, it->photo, sizeof it->photo);
        get_uint(&r, c[I_WEIGHT], 1, 1000000, &it->weight_g);
        get_uint(&r, c[I_LEN], 1, 10000, &it->length_mm);
        get_uint(&r, c[I_WID], 1, 10000, &it->width_mm);
        get_uint(&r, c[I_HEI], 1, 10000, &it->height_mm);
        it->location = -1;
        it->line = t->rows[row].line;
        im->cat.item_count++;
    }
}

/* Item locations and look-alikes, once items and locations are known. */
static void resolve_item_refs(importer *im, const core_csv_table *t, const int *c,
                              bool locations_ok)
{
    for (size_t i = 0; i < im->cat.item_count; i++) {
        row_ctx r = { im, t, i + 1 };
        catalogue_item *it = &im->cat.items[i];
        const core_csv_field *f = cell(&r, c[I_LOC]);
        if (locations_ok && f && f->len > 0) {
            it->location = catalogue_location_by_code(&im->cat, f->text);
            if (it->location < 0)
                field_err(&r, c[I_LOC], STIEL_ERR_NOT_FOUND,
                          "no location has code %.48s (see locations.csv)", f->text);
        }
        f = cell(&r, c[I_ALIKE]);
        if (!f || f->len == 0)
            continue;
        char list[CAT_TEXT_MAX + 1];
        if (!get_text(&r, c[I_ALIKE], false, list, sizeof list))
            continue;
        char *save = NULL;
        for (char *tok = strtok_r(list, "; ", &save); tok; tok = strtok_r(NULL, "; ", &save)) {
            int other = catalogue_item_by_sku(&im->cat, tok);
            if (other < 0) {
                field_err(&r, c[I_ALIKE], STIEL_ERR_NOT_FOUND, "no item has sku %.48s", tok);
            } else if ((size_t)other == i) {
                field_err(&r, c[I_ALIKE], STIEL_ERR_SYNTAX,
                          "%.48s names the item itself", tok);
            } else if (!catalogue_items_look_alike(&im->cat, i, (size_t)other)) {
                if (it->lookalike_count == CAT_LOOKALIKE_MAX) {
                    field_err(&r, c[I_ALIKE], STIEL_ERR_LENGTH, "more than %d look-alikes",
                              CAT_LOOKALIKE_MAX);
                    break;
                }
                it->lookalikes[it->lookalike_count++] = (size_t)other;
            }
        }
    }
    /* Look-alike is symmetric: B looks like A when A looks like B. */
    for (size_t i = 0; i < im->cat.item_count; i++) {
        for (size_t k = 0; k < im->cat.items[i].lookalike_count; k++) {
            size_t o = im->cat.items[i].lookalikes[k];
            catalogue_item *b = &im->cat.items[o];
            if (catalogue_items_look_alike(&im->cat, o, i))
                continue;
            if (b->lookalike_count == CAT_LOOKALIKE_MAX) {
                row_ctx r = { im, t, o + 1 };
                field_err(&r, c[I_ALIKE], STIEL_ERR_LENGTH,
                          "more than %d look-alikes once %.32s is counted", CAT_LOOKALIKE_MAX,
                          im->cat.items[i].sku);
                continue;
            }
            b->lookalikes[b->lookalike_count++] = i;
        }
    }
}

enum { B_TYPE, B_LEN, B_WID, B_HEI, B_COUNT };
static const colspec box_cols[B_COUNT] = {
    { "type", true }, { "length_mm", true }, { "width_mm", true }, { "height_mm", true },
};

static void parse_boxes(importer *im, const core_csv_table *t)
{
    int c[B_COUNT];
    if (!resolve(im, t, box_cols, B_COUNT, c) || !table_rows_ok(im, t))
        return;
    im->cat.boxes = alloc_rows(im, t, sizeof *im->cat.boxes);
    if (!im->cat.boxes)
        return;
    for (size_t row = 1; row < t->nrows; row++) {
        row_ctx r = { im, t, row };
        catalogue_box *b = &im->cat.boxes[im->cat.box_count++];
        if (get_code(&r, c[B_TYPE], b->type, sizeof b->type))
            ns_claim(&r, &im->boxes, c[B_TYPE], b->type);
        get_uint(&r, c[B_LEN], 1, 10000, &b->length_mm);
        get_uint(&r, c[B_WID], 1, 10000, &b->width_mm);
        get_uint(&r, c[B_HEI], 1, 10000, &b->height_mm);
        b->line = t->rows[row].line;
    }
}

static bool get_lang(const row_ctx *r, int col, catalogue_lang *out)
{
    char text[8];
    if (!get_text(r, col, true, text, sizeof text))
        return false;
    for (int l = 0; l < CAT_LANG_COUNT; l++) {
        if (strcmp(text, catalogue_lang_code((catalogue_lang)l)) == 0) {
            *out = (catalogue_lang)l;
            return true;
        }
    }
    field_err(r, col, STIEL_ERR_SYNTAX, "\"%s\" is not one of nl, fr, en, ar", text);
    return false;
}

enum { T_ID, T_BADGE, T_NAME, T_LANG, T_LEVEL, T_COUNT };
static const colspec trainee_cols[T_COUNT] = {
    { "id", true }, { "badge", true }, { "display_name", true }, { "language", true },
    { "level", true },
};

static void parse_trainees(importer *im, const core_csv_table *t)
{
    int c[T_COUNT];
    if (!resolve(im, t, trainee_cols, T_COUNT, c) || !table_rows_ok(im, t))
        return;
    im->cat.trainees = alloc_rows(im, t, sizeof *im->cat.trainees);
    if (!im->cat.trainees)
        return;
    for (size_t row = 1; row < t->nrows; row++) {
        row_ctx r = { im, t, row };
        catalogue_trainee *p = &im->cat.trainees[im->cat.trainee_count++];
        if (get_code(&r, c[T_ID], p->id, sizeof p->id))
            ns_claim(&r, &im->people, c[T_ID], p->id);
        if (get_code(&r, c[T_BADGE], p->badge, sizeof p->badge))
            ns_claim(&r, &im->gtins_and_codes, c[T_BADGE], p->badge);
        get_text(&r, c[T_NAME], true, p->display_name, sizeof p->display_name);
        get_lang(&r, c[T_LANG], &p->language);
        uint32_t level = 0;
        get_uint(&r, c[T_LEVEL], 1, CAT_LEVEL_MAX, &level);
        p->level = level;
        p->line = t->rows[row].line;
    }
}

enum { S_ID, S_ROLE, S_BADGE, S_HASH, S_COUNT };
static const colspec staff_cols[S_COUNT] = {
    { "id", true }, { "role", true }, { "badge", true }, { "pin_hash", true },
};

static void parse_staff(importer *im, const core_csv_table *t)
{
    int c[S_COUNT];
    if (!resolve(im, t, staff_cols, S_COUNT, c) || !table_rows_ok(im, t))
        return;
    im->cat.staff = alloc_rows(im, t, sizeof *im->cat.staff);
    if (!im->cat.staff)
        return;
    for (size_t row = 1; row < t->nrows; row++) {
        row_ctx r = { im, t, row };
        catalogue_staff *s = &im->cat.staff[im->cat.staff_count++];
        if (get_code(&r, c[S_ID], s->id, sizeof s->id))
            ns_claim(&r, &im->people, c[S_ID], s->id);
        char role[16];
        if (get_text(&r, c[S_ROLE], true, role, sizeof role)) {
            if (strcmp(role, "coach") == 0)
                s->role = CAT_ROLE_COACH;
            else if (strcmp(role, "supervisor") == 0)
                s->role = CAT_ROLE_SUPERVISOR;
            else
                field_err(&r, c[S_ROLE], STIEL_ERR_SYNTAX,
                          "\"%s\" is not one of coach, supervisor", role);
        }
        if (get_code(&r, c[S_BADGE], s->badge, sizeof s->badge))
            ns_claim(&r, &im->gtins_and_codes, c[S_BADGE], s->badge);
        get_text(&r, c[S_HASH], false, s->pin_hash, sizeof s->pin_hash);
        s->line = t->rows[row].line;
    }
}

static bool load_table(importer *im, const catalogue_source *src, const char *fallback,
                       core_csv_table *t)
{
    const char *name = src->name ? src->name : fallback;
    if (!src->text && src->len == 0) {
        char text[STIEL_DIAG_TEXT_MAX];
        snprintf(text, sizeof text, "%s: the file is missing from the import", name);
        note(im, STIEL_ERR_MISSING, text);
        return false;
    }
    size_t before = core_errors_total(im->errs);
    stiel_status st = core_csv_parse(name, src->text, src->len, t, im->errs);
    if (st != STIEL_OK) {
        if (core_errors_total(im->errs) == before)
            core_errors_add(im->errs, st, "%s: %s", name, stiel_strerror(st));
        if (im->first == STIEL_OK)
            im->first = st;
        return false;
    }
    return true;
}

static void name_spaces_free(importer *im)
{
    free(im->skus.e);
    free(im->gtins_and_codes.e);
    free(im->locations.e);
    free(im->boxes.e);
    free(im->people.e);
}

stiel_status catalogue_import(const catalogue_sources *src, catalogue *out, core_errors *errs)
{
    if (!src || !out)
        return core_errors_add(errs, STIEL_ERR_ARG, "catalogue: no sources or output given");
    importer im = { .errs = errs };
    core_csv_table tl = { 0 }, ti = { 0 }, tb = { 0 }, tt = { 0 }, ts = { 0 };
    int item_cols_idx[I_COUNT];
    bool have_l = load_table(&im, &src->locations, "locations.csv", &tl);
    bool have_i = load_table(&im, &src->items, "items.csv", &ti);
    bool have_b = load_table(&im, &src->boxes, "boxes.csv", &tb);
    bool have_t = load_table(&im, &src->trainees, "trainees.csv", &tt);
    bool have_s = load_table(&im, &src->staff, "staff.csv", &ts);
    size_t before_locations = core_errors_total(errs);
    if (have_l)
        parse_locations(&im, &tl);
    bool locations_ok = have_l && core_errors_total(errs) == before_locations && !im.nomem;
    if (have_i) {
        parse_items(&im, &ti, item_cols_idx);
        if (im.cat.items)
            resolve_item_refs(&im, &ti, item_cols_idx, locations_ok);
    }
    if (have_b)
        parse_boxes(&im, &tb);
    if (have_t)
        parse_trainees(&im, &tt);
    if (have_s)
        parse_staff(&im, &ts);
    if (im.nomem && im.first == STIEL_OK)
        im.first = core_errors_add(errs, STIEL_ERR_NOMEM, "catalogue: out of memory");
    name_spaces_free(&im);
    core_csv_free(&tl);
    core_csv_free(&ti);
    core_csv_free(&tb);
    core_csv_free(&tt);
    core_csv_free(&ts);
    if (im.first != STIEL_OK) {
        catalogue_free(&im.cat);
        return im.first;
    }
    *out = im.cat;
    return STIEL_OK;
}
