/* The evidence store's schema as forward migrations: step v takes a version v-1 file to v, and
 * store_migrate runs the missing steps and sets PRAGMA user_version in one transaction. */
#include "kiosk/store/store_internal.h"

#include <stdio.h>

/* Version 1: the events table (one chain per kiosk, WITHOUT ROWID so that a chain is stored in
 * chain order and verify reads it sequentially) and triggers that refuse every UPDATE/DELETE. */
static const char migration_1[] =
    "CREATE TABLE events ("
    " kiosk_id TEXT NOT NULL,"
    " seq INTEGER NOT NULL CHECK (seq >= 1),"
    " id TEXT NOT NULL UNIQUE,"
    " ts_ms INTEGER NOT NULL,"
    " trainee_id TEXT NOT NULL,"
    " actor_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " payload TEXT CHECK (payload IS NULL OR json_valid(payload)),"
    " voids_id TEXT,"
    " payload_hash BLOB NOT NULL CHECK (length(payload_hash) = 32),"
    " prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
    " hash BLOB NOT NULL CHECK (length(hash) = 32),"
    " PRIMARY KEY (kiosk_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
    " SELECT RAISE(ABORT, 'evidence is append-only: events are never deleted'); END;"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
    " SELECT RAISE(ABORT, 'evidence is append-only: events are never changed'); END;";

/* Version 2: privacy erasure and the trainee index.
 * Erasure is the one write that changes existing rows, and only in this controlled way: the
 * events_no_update trigger lets an UPDATE through only when it sets a non-NULL payload to NULL
 * (the tombstone), leaves every other column as it was, and the row's id is already listed in
 * `erased`. `erased` is itself append-only, and a row may enter it only when it names an
 * "erasure" event, which store_erase_trainee appends to a chain in the same transaction. So every
 * tombstone is backed by a logged, hash-chained erasure event naming who erased and why; and since
 * row hashes cover payload_hash rather than the payload, the chain still verifies afterwards. */
static const char migration_2[] =
    "CREATE TABLE erased ("
    " event_id TEXT PRIMARY KEY NOT NULL,"
    " erasure_id TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER erased_needs_erasure BEFORE INSERT ON erased"
    " WHEN NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.erasure_id AND kind = 'erasure') BEGIN"
    " SELECT RAISE(ABORT, 'an erasure must name a logged erasure event'); END;"
    "CREATE TRIGGER erased_no_delete BEFORE DELETE ON erased BEGIN"
    " SELECT RAISE(ABORT, 'the erasure log is append-only'); END;"
    "CREATE TRIGGER erased_no_update BEFORE UPDATE ON erased BEGIN"
    " SELECT RAISE(ABORT, 'the erasure log is append-only'); END;"
    "DROP TRIGGER events_no_update;"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
    " WHEN NOT (OLD.payload IS NOT NULL AND NEW.payload IS NULL"
    "  AND NEW.kiosk_id IS OLD.kiosk_id AND NEW.seq IS OLD.seq AND NEW.id IS OLD.id"
    "  AND NEW.ts_ms IS OLD.ts_ms AND NEW.trainee_id IS OLD.trainee_id"
    "  AND NEW.actor_id IS OLD.actor_id AND NEW.kind IS OLD.kind AND NEW.voids_id IS OLD.voids_id"
    "  AND NEW.payload_hash IS OLD.payload_hash AND NEW.prev_hash IS OLD.prev_hash"
    "  AND NEW.hash IS OLD.hash"
    "  AND EXISTS (SELECT 1 FROM erased WHERE event_id = OLD.id)) BEGIN"
    " SELECT RAISE(ABORT, 'evidence is append-only: events are never changed except by a logged erasure'); END;"
    "CREATE INDEX events_trainee ON events (trainee_id, ts_ms);";

/* Version 3: reference data beside the evidence — the practice warehouse (items, locations,
 * boxes, staff) and the trainees. These rows are mutable (an import replaces them, a supervisor
 * changes a level) and are not evidence: what matters about each change is recorded as an event
 * in the same transaction ("catalogue.imported", "level.changed", "trainee.added"). `ord` keeps
 * the spreadsheet's row order, so the catalogue loads back with the same indices (the order
 * generator depends on them). A logged erasure of a trainee also blanks their display name in
 * the same transaction (the trigger), leaving a tombstone row. */
static const char migration_3[] =
    "CREATE TABLE cat_items ("
    " ord INTEGER NOT NULL, sku TEXT PRIMARY KEY NOT NULL, gtin TEXT NOT NULL,"
    " name_nl TEXT NOT NULL, name_fr TEXT NOT NULL, name_en TEXT NOT NULL, name_ar TEXT NOT NULL,"
    " photo TEXT NOT NULL, weight_g INTEGER NOT NULL, length_mm INTEGER NOT NULL,"
    " width_mm INTEGER NOT NULL, height_mm INTEGER NOT NULL, location TEXT NOT NULL,"
    " look_alikes TEXT NOT NULL);"
    "CREATE TABLE cat_locations ("
    " ord INTEGER NOT NULL, code TEXT PRIMARY KEY NOT NULL, barcode TEXT NOT NULL,"
    " zone TEXT NOT NULL, map_x INTEGER NOT NULL, map_y INTEGER NOT NULL);"
    "CREATE TABLE cat_boxes ("
    " ord INTEGER NOT NULL, type TEXT PRIMARY KEY NOT NULL, length_mm INTEGER NOT NULL,"
    " width_mm INTEGER NOT NULL, height_mm INTEGER NOT NULL);"
    "CREATE TABLE cat_staff ("
    " ord INTEGER NOT NULL, id TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL,"
    " badge TEXT NOT NULL, pin_hash TEXT NOT NULL);"
    "CREATE TABLE trainees ("
    " ord INTEGER NOT NULL, id TEXT PRIMARY KEY NOT NULL, badge TEXT NOT NULL,"
    " display_name TEXT NOT NULL, language TEXT NOT NULL,"
    " level INTEGER NOT NULL CHECK (level >= 1),"
    " consent INTEGER NOT NULL DEFAULT 1 CHECK (consent IN (0, 1)),"
    " erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1)));"
    "CREATE TRIGGER trainee_erasure_tombstone AFTER INSERT ON events"
    " WHEN NEW.kind = 'erasure' BEGIN"
    " UPDATE trainees SET display_name = '', erased = 1 WHERE id = NEW.trainee_id; END;"
    "CREATE INDEX events_kiosk_kind ON events (kiosk_id, kind, seq);";


/* Version 4: the evidence summary for the competency engine (derived data kept by triggers;
 * the SQL and why updating it is allowed are in store_stats.c). */
extern const char store_stats_schema_sql[];

/* Version 5: one trainee's newest event of a kind in one seek (store_trainee_last: the
 * trainee's kiosk settings at each login). Additive: an index only. */
static const char migration_5[] =
    "CREATE INDEX events_trainee_kind ON events (trainee_id, kind, ts_ms, kiosk_id, seq);";

/* Version 6: a trainee's PIN for the name-list fallback at the kiosk (store_trainee_pin.c): the
 * argon2id hash, NULL while none is set. Additive: one nullable column. */
static const char migration_6[] = "ALTER TABLE trainees ADD COLUMN pin_hash TEXT;";

static const char *const migrations[STORE_SCHEMA_VERSION + 1] = {
    [1] = migration_1,
    [2] = migration_2,
    [3] = migration_3,
    [4] = store_stats_schema_sql,
    [5] = migration_5,
    [6] = migration_6,
};

const char *store_migration_sql(int v)
{
    if (v < 1 || v > STORE_SCHEMA_VERSION)
        return NULL;
    return migrations[v];
}

static stiel_status schema_version_read(store *s, int *version, stiel_diag *diag)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_sqlite_fail(s, rc, "cannot read the schema version", diag);
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return STIEL_OK;
}

stiel_status store_migrate(store *s, int target, stiel_diag *diag)
{
    if (target < 1 || target > STORE_SCHEMA_VERSION)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "schema version %d is not one this code knows",
                              target);
    stiel_status st = store_exec(s, "BEGIN IMMEDIATE", "cannot start the schema migration", diag);
    if (st != STIEL_OK)
        return st;
    int version = 0;
    st = schema_version_read(s, &version, diag);
    if (st == STIEL_OK && version > STORE_SCHEMA_VERSION)
        st = stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                            "evidence store %s has schema version %d but this stiel knows only up "
                            "to %d: use a newer stiel",
                            s->path, version, STORE_SCHEMA_VERSION);
    for (int v = version + 1; st == STIEL_OK && v <= target; v++) {
        char what[64];
        snprintf(what, sizeof what, "schema migration to version %d failed", v);
        st = store_exec(s, migrations[v], what, diag);
    }
    if (st == STIEL_OK && version < target) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", target);
        st = store_exec(s, sql, "cannot record the schema version", diag);
    }
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the schema migration", diag);
    if (st != STIEL_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return STIEL_OK;
}
