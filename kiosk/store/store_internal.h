/* What the store's own files share: the store struct, the schema migrations, the canonical row
 * encoding behind the hash chain, and two hooks for tests and the benchmark generator.
 * Not for use outside kiosk/store (and its tests, bench). */
#ifndef STIEL_KIOSK_STORE_STORE_INTERNAL_H
#define STIEL_KIOSK_STORE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "kiosk/store/store.h"

struct store {
    sqlite3 *db;
    char *path;
    bool read_only;
    bool bulk;               /* inside store_bulk_begin: appends share one transaction */
    sqlite3_stmt *st_head;   /* last seq and hash of a kiosk */
    sqlite3_stmt *st_insert;
    sqlite3_stmt *st_exists; /* does an event id exist */
};

/* The fields that the row hash covers, in encoding order. */
typedef struct store_link {
    const char *id;
    const char *kiosk_id;
    int64_t seq;
    int64_t ts_ms;
    const char *trainee_id;  /* never NULL ("" for none) */
    const char *actor_id;
    const char *kind;
    const char *voids_id;    /* NULL for none (encoded distinctly from "") */
} store_link;

/* hash = SHA-256(prev || canonical(link) || payload_hash). The canonical encoding is a version
 * byte, then each text field as a 4-byte big-endian length and its bytes (voids_id: a presence
 * byte first) and each integer as 8 bytes big-endian, so no two rows encode alike. */
void store_hash_link(const uint8_t prev[STORE_HASH_LEN], const store_link *link,
                     const uint8_t payload_hash[STORE_HASH_LEN], uint8_t out[STORE_HASH_LEN]);

/* SHA-256 of the payload text. */
void store_hash_payload(const char *payload, size_t len, uint8_t out[STORE_HASH_LEN]);

/* Writes 64 lowercase hex digits and a NUL. */
void store_hash_hex(const uint8_t hash[STORE_HASH_LEN], char out[STORE_HASH_HEX]);

/* A fresh random UUID v4 (libsodium randombytes) as text. */
void store_uuid_v4(char out[STORE_UUID_LEN]);

/* Maps a failed SQLite call to a status and a diag sentence that starts with what. */
stiel_status store_sqlite_fail(store *s, int rc, const char *what, stiel_diag *diag);

/* Runs one SQL text (no results) on s->db; on error sets diag from what. */
stiel_status store_exec(store *s, const char *sql, const char *what, stiel_diag *diag);

/* Brings the schema from its current user_version to target (<= STORE_SCHEMA_VERSION) in one
 * transaction. */
stiel_status store_migrate(store *s, int target, stiel_diag *diag);

/* The SQL of migration step v (1..STORE_SCHEMA_VERSION): it takes a version v-1 schema to v. */
const char *store_migration_sql(int v);

/* The store's SQLite handle, for tests that tamper with the file and for fault injection. */
sqlite3 *store_sqlite(store *s);

/* Benchmark generator only: appends between begin and end share one transaction and the
 * connection runs with synchronous=OFF; end commits and restores synchronous=FULL. */
stiel_status store_bulk_begin(store *s, stiel_diag *diag);
stiel_status store_bulk_end(store *s, stiel_diag *diag);

#endif
