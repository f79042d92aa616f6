/* The practice warehouse in the store: the catalogue tables written from an imported catalogue
 * (one transaction, with the import's evidence event and the level changes it makes), and read
 * back as the CSV text catalogue_import takes, so one validator serves files and store alike. */
#include "kiosk/store/store_reference.h"

#include <stdio.h>
#include <string.h>

void store_catalogue_csv_init(store_catalogue_csv *c)
{
    stiel_buf_init(&c->items, 0);
    stiel_buf_init(&c->locations, 0);
    stiel_buf_init(&c->boxes, 0);
    stiel_buf_init(&c->trainees, 0);
    stiel_buf_init(&c->staff, 0);
}

void store_catalogue_csv_free(store_catalogue_csv *c)
{
    stiel_buf_free(&c->items);
    stiel_buf_free(&c->locations);
    stiel_buf_free(&c->boxes);
    stiel_buf_free(&c->trainees);
    stiel_buf_free(&c->staff);
}

/* Writes header (its text as is) and then each row of sql as CSV lines into out. */
static stiel_status table_csv(store *s, const char *header, const char *sql, stiel_buf *out,
                              int64_t *rows, stiel_diag *diag)
{
    stiel_buf_reset(out);
    stiel_status st = stiel_buf_puts(out, header);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the catalogue", diag);
    int64_t n = 0;
    while (st == STIEL_OK) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        int cols = sqlite3_column_count(q);
        for (int c = 0; st == STIEL_OK && c < cols; c++) {
            const char *v = (const char *)sqlite3_column_text(q, c);
            if (c > 0)
                st = stiel_buf_puts(out, ",");
            if (st == STIEL_OK)
                st = store_csv_field(out, v ? v : "");
        }
        if (st == STIEL_OK)
            st = stiel_buf_puts(out, "\n");
        n++;
    }
    sqlite3_finalize(q);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the catalogue is too large to read back");
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the catalogue", diag);
    if (rows)
        *rows = n;
    return STIEL_OK;
}

stiel_status store_catalogue_export(store *s, store_catalogue_csv *out, bool *empty,
                                    stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no place for the catalogue");
    int64_t items = 0;
    stiel_status st = table_csv(
        s,
        "sku,gtin,name_nl,name_fr,name_en,name_ar,photo,weight_g,length_mm,width_mm,height_mm,"
        "location,look_alikes\n",
        "SELECT sku, gtin, name_nl, name_fr, name_en, name_ar, photo, weight_g, length_mm,"
        " width_mm, height_mm, location, look_alikes FROM cat_items ORDER BY ord, sku",
        &out->items, &items, diag);
    if (st == STIEL_OK)
        st = table_csv(s, "code,barcode,zone,map_x,map_y\n",
                       "SELECT code, barcode, zone, map_x, map_y FROM cat_locations"
                       " ORDER BY ord, code",
                       &out->locations, NULL, diag);
    if (st == STIEL_OK)
        st = table_csv(s, "type,length_mm,width_mm,height_mm\n",
                       "SELECT type, length_mm, width_mm, height_mm FROM cat_boxes"
                       " ORDER BY ord, type",
                       &out->boxes, NULL, diag);
    if (st == STIEL_OK)
        st = table_csv(s, "id,badge,display_name,language,level\n",
                       "SELECT id, badge, display_name, language, level FROM trainees"
                       " WHERE erased = 0 ORDER BY ord, id",
                       &out->trainees, NULL, diag);
    if (st == STIEL_OK)
        st = table_csv(s, "id,role,badge,pin_hash\n",
                       "SELECT id, role, badge, pin_hash FROM cat_staff ORDER BY ord, id",
                       &out->staff, NULL, diag);
    if (st == STIEL_OK && empty)
        *empty = items == 0;
    return st;
}

/* ---- writing --------------------------------------------------------------------------------- */

/* A statement with text/int parameters bound from a small list, stepped once to DONE. */
typedef struct param {
    const char *text;  /* bound as text when not NULL, else as the integer */
    int64_t num;
} param;

#define T(x) ((param){.text = (x)})
#define N(x) ((param){.num = (int64_t)(x)})

static stiel_status run(store *s, const char *sql, const param *p, int n, const char *what,
                        stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        for (int i = 0; i < n; i++) {
            if (p[i].text)
                sqlite3_bind_text(q, i + 1, p[i].text, -1, SQLITE_STATIC);
            else
                sqlite3_bind_int64(q, i + 1, p[i].num);
        }
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, what, diag);
    return STIEL_OK;
}

/* One integer from a query with one text parameter; *found false when there is no row. */
static stiel_status one_int(store *s, const char *sql, const char *arg, int64_t *out, bool *found,
                            stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        if (arg)
            sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    if (found)
        *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(q, 0);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the trainees", diag);
    return STIEL_OK;
}

/* The level change event's JSON is made by SQLite (json_object escapes why). */
stiel_status store_level_event_locked(store *s, const char *kiosk_id, const char *trainee_id,
                                      const char *actor_id, int64_t now_ms, int64_t from,
                                      int64_t to, const char *why, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT json_object('level', ?2, 'from', ?1, 'reason', ?3)", -1,
                                &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, from);
        sqlite3_bind_int64(q, 2, to);
        sqlite3_bind_text(q, 3, why, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    stiel_status st;
    if (rc == SQLITE_ROW) {
        store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                          .actor_id = actor_id, .kind = EVIDENCE_KIND_LEVEL_CHANGED,
                          .payload = (const char *)sqlite3_column_text(q, 0)};
        st = store_event_check(&ev, diag);
        if (st == STIEL_OK)
            st = store_append_locked(s, &ev, NULL, diag);
    } else {
        st = store_sqlite_fail(s, rc, "cannot write the level change", diag);
    }
    sqlite3_finalize(q);
    return st;
}

/* A "trainee.added" event for a trainee new in this import: no name (evidence is
 * pseudonymous), so that every trainee has a first event (and an erasure can always be logged). */
static stiel_status added_event_locked(store *s, const store_event *import_ev, const char *id,
                                       const char *lang, unsigned level, stiel_diag *diag)
{
    char payload[96];
    snprintf(payload, sizeof payload,
             "{\"level\":%u,\"language\":\"%s\",\"source\":\"catalogue import\"}", level, lang);
    store_event ev = {.kiosk_id = import_ev->kiosk_id, .ts_ms = import_ev->ts_ms,
                      .trainee_id = id, .actor_id = import_ev->actor_id, .kind = EVIDENCE_KIND_TRAINEE_ADDED,
                      .payload = payload};
    stiel_status st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, NULL, diag);
    return st;
}

static stiel_status items_write(store *s, const catalogue *cat, stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < cat->item_count; i++) {
        const catalogue_item *it = &cat->items[i];
        char alikes[CAT_LOOKALIKE_MAX * (CAT_ID_MAX + 1) + 1] = "";
        for (size_t k = 0; k < it->lookalike_count; k++) {
            if (k)
                strcat(alikes, ";");
            strcat(alikes, cat->items[it->lookalikes[k]].sku);
        }
        const char *loc = it->location >= 0 && (size_t)it->location < cat->location_count
                              ? cat->locations[it->location].code
                              : "";
        param p[] = {N(i), T(it->sku), T(it->gtin), T(it->name[CAT_LANG_NL]),
                     T(it->name[CAT_LANG_FR]), T(it->name[CAT_LANG_EN]), T(it->name[CAT_LANG_AR]),
                     T(it->photo), N(it->weight_g), N(it->length_mm), N(it->width_mm),
                     N(it->height_mm), T(loc), T(alikes)};
        st = run(s,
                 "INSERT INTO cat_items (ord, sku, gtin, name_nl, name_fr, name_en, name_ar, photo,"
                 " weight_g, length_mm, width_mm, height_mm, location, look_alikes)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                 p, 14, "cannot write the items", diag);
    }
    return st;
}

static stiel_status places_write(store *s, const catalogue *cat, stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < cat->location_count; i++) {
        const catalogue_location *l = &cat->locations[i];
        param p[] = {N(i), T(l->code), T(l->barcode), T(l->zone), N(l->map_x), N(l->map_y)};
        st = run(s,
                 "INSERT INTO cat_locations (ord, code, barcode, zone, map_x, map_y)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 p, 6, "cannot write the locations", diag);
    }
    for (size_t i = 0; st == STIEL_OK && i < cat->box_count; i++) {
        const catalogue_box *b = &cat->boxes[i];
        param p[] = {N(i), T(b->type), N(b->length_mm), N(b->width_mm), N(b->height_mm)};
        st = run(s,
                 "INSERT INTO cat_boxes (ord, type, length_mm, width_mm, height_mm)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
                 p, 5, "cannot write the boxes", diag);
    }
    for (size_t i = 0; st == STIEL_OK && i < cat->staff_count; i++) {
        const catalogue_staff *m = &cat->staff[i];
        param p[] = {N(i), T(m->id), T(m->role == CAT_ROLE_SUPERVISOR ? "supervisor" : "coach"),
                     T(m->badge), T(m->pin_hash)};
        st = run(s,
                 "INSERT INTO cat_staff (ord, id, role, badge, pin_hash)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
                 p, 5, "cannot write the staff", diag);
    }
    return st;
}

static stiel_status trainees_write(store *s, const catalogue *cat, const store_event *ev,
                                   store_import_report *rep, stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < cat->trainee_count; i++) {
        const catalogue_trainee *t = &cat->trainees[i];
        const char *lang = catalogue_lang_code(t->language);
        int64_t level = 0, erased = 0;
        bool found = false;
        st = one_int(s, "SELECT erased FROM trainees WHERE id = ?1", t->id, &erased, &found, diag);
        if (st == STIEL_OK && found)
            st = one_int(s, "SELECT level FROM trainees WHERE id = ?1", t->id, &level, NULL, diag);
        if (st != STIEL_OK)
            break;
        if (!found) {
            param p[] = {N(i), T(t->id), T(t->badge), T(t->display_name), T(lang ? lang : "nl"),
                         N(t->level)};
            st = run(s,
                     "INSERT INTO trainees (ord, id, badge, display_name, language, level)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     p, 6, "cannot add a trainee", diag);
            if (st == STIEL_OK)
                st = added_event_locked(s, ev, t->id, lang ? lang : "nl", t->level, diag);
            rep->trainees_added++;
            continue;
        }
        if (erased) {
            rep->trainees_erased_skipped++;
            continue;
        }
        param p[] = {N(i), T(t->badge), T(t->display_name), T(lang ? lang : "nl"), N(t->level),
                     T(t->id)};
        st = run(s,
                 "UPDATE trainees SET ord = ?1, badge = ?2, display_name = ?3, language = ?4,"
                 " level = ?5 WHERE id = ?6",
                 p, 6, "cannot update a trainee", diag);
        rep->trainees_updated++;
        if (st == STIEL_OK && level != (int64_t)t->level) {
            st = store_level_event_locked(s, ev->kiosk_id, t->id, ev->actor_id, ev->ts_ms, level,
                                          t->level, "catalogue import", diag);
            rep->levels_changed++;
        }
    }
    return st;
}

static stiel_status replace_locked(store *s, const catalogue *cat, const store_event *ev,
                                   store_catalogue_check_fn check, void *ctx,
                                   store_import_report *rep, stiel_diag *diag)
{
    stiel_status st = store_exec(s,
                                 "DELETE FROM cat_items; DELETE FROM cat_locations;"
                                 " DELETE FROM cat_boxes; DELETE FROM cat_staff;",
                                 "cannot clear the old catalogue", diag);
    if (st == STIEL_OK)
        st = items_write(s, cat, diag);
    if (st == STIEL_OK)
        st = places_write(s, cat, diag);
    if (st == STIEL_OK)
        st = trainees_write(s, cat, ev, rep, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, ev, NULL, diag);
    int64_t active = 0;
    if (st == STIEL_OK)
        st = one_int(s, "SELECT count(*) FROM trainees WHERE erased = 0", NULL, &active, NULL,
                     diag);
    if (st == STIEL_OK) {
        rep->items = (int64_t)cat->item_count;
        rep->locations = (int64_t)cat->location_count;
        rep->boxes = (int64_t)cat->box_count;
        rep->staff = (int64_t)cat->staff_count;
        rep->trainees_kept = active - rep->trainees_added - rep->trainees_updated;
    }
    if (st == STIEL_OK && check)
        st = check(s, ctx, diag);
    return st;
}

stiel_status store_catalogue_replace(store *s, const catalogue *cat, const store_event *ev,
                                     store_catalogue_check_fn check, void *ctx,
                                     store_import_report *rep, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!cat)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no catalogue to import");
    stiel_status st = store_event_check(ev, diag);
    if (st != STIEL_OK)
        return st;
    if (s->read_only || s->bulk)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "the evidence store %s is not writable now: nothing was imported",
                              s->path);
    store_import_report local;
    memset(&local, 0, sizeof local);
    st = store_exec(s, "BEGIN IMMEDIATE", "cannot start the import", diag);
    if (st != STIEL_OK)
        return st;
    st = replace_locked(s, cat, ev, check, ctx, &local, diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the import", diag);
    if (st != STIEL_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    if (rep)
        *rep = local;
    return STIEL_OK;
}
