/* The evidence store: an append-only SQLite log of generic events (who did what, when, on which
 * kiosk), hash-chained per kiosk so that tampering shows, with privacy erasure as the one logged
 * exception. Knows nothing of the flows: kinds and payloads are the caller's. */
#ifndef STIEL_KIOSK_STORE_STORE_H
#define STIEL_KIOSK_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/buf.h"
#include "common/status.h"
#include "kiosk/core/access.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/core/evidence_json.h" /* the event kinds */

enum {
    STORE_HASH_LEN = 32,          /* SHA-256 */
    STORE_HASH_HEX = 65,          /* 64 hex digits + NUL */
    STORE_UUID_LEN = 37,          /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" + NUL */
    STORE_ID_MAX = 64,            /* kiosk, trainee, actor ids and kinds: at most this many bytes */
    STORE_PAYLOAD_MAX = 65536,    /* a payload's JSON text: at most this many bytes */
    STORE_SCHEMA_VERSION = 6      /* the newest schema this code knows (PRAGMA user_version) */
};

typedef struct store store;

typedef struct store_options {
    bool read_only;      /* open for reading only: appends fail with STIEL_ERR_DENIED, no migration */
    bool must_exist;     /* refuse (STIEL_ERR_NOT_FOUND) instead of creating a new file */
    int target_version;  /* 0: migrate to STORE_SCHEMA_VERSION; tests only: stop at this version */
} store_options;

/* Opens (creating with mode 0600 unless opts->must_exist) the store at path: WAL journal,
 * synchronous=FULL, secure_delete, a busy timeout, and forward migrations of an older schema in
 * one transaction. opts may be NULL (read-write, create, latest schema). A file with a newer
 * schema than this code knows is refused with STIEL_ERR_UNSUPPORTED; a read-only open of an older
 * schema with STIEL_ERR_STATE. On success *out is the store (close with store_close). */
stiel_status store_open(const char *path, const store_options *opts, store **out, stiel_diag *diag);

/* Closes the store (NULL is fine). Everything acknowledged by store_append is already durable. */
void store_close(store *s);

/* Writes the default store path into out: $STIEL_DATA/evidence.db if STIEL_DATA is set, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/stiel/evidence.db. Creates no directory. */
stiel_status store_default_path(stiel_buf *out, stiel_diag *diag);

/* An event to append. Strings are UTF-8 and NUL-terminated; ids and kind are 1..STORE_ID_MAX
 * bytes of printable text (trainee_id may be NULL or "" for system events). The store reads no
 * clock: ts_ms (milliseconds since the epoch, UTC) is the caller's. */
typedef struct store_event {
    const char *kiosk_id;
    int64_t ts_ms;
    const char *trainee_id;  /* pseudonymous id, never a name; NULL/"" for system events */
    const char *actor_id;    /* who did it: the trainee or a staff member */
    const char *kind;        /* "step.done", "level.changed", "void", ... */
    const char *payload;     /* valid JSON text, at most STORE_PAYLOAD_MAX bytes; NULL means "{}" */
    const char *voids_id;    /* for corrections: the id of an existing event this one voids */
} store_event;

/* What the store assigned to an appended event. */
typedef struct store_receipt {
    char id[STORE_UUID_LEN];        /* a fresh UUID v4 */
    int64_t seq;                    /* 1, 2, ... per kiosk */
    uint8_t hash[STORE_HASH_LEN];   /* the new head of the kiosk's chain */
} store_receipt;

/* Appends ev as the next link of its kiosk's chain in one transaction and returns only once the
 * commit is durable (WAL fsync): acknowledge the step on screen after this returns STIEL_OK.
 * receipt may be NULL. Errors: STIEL_ERR_ARG (bad field, named in diag), STIEL_ERR_SYNTAX (payload
 * is not JSON), STIEL_ERR_NOT_FOUND (voids_id names no event), STIEL_ERR_DENIED (read-only),
 * STIEL_ERR_NOSPACE (disk full), STIEL_ERR_BUSY, STIEL_ERR_IO. On error nothing is written. */
stiel_status store_append(store *s, const store_event *ev, store_receipt *receipt, stiel_diag *diag);

/* One stored event as handed to a callback; the pointers are valid during the call only. */
typedef struct store_row {
    const char *id;
    const char *kiosk_id;
    int64_t seq;
    int64_t ts_ms;
    const char *trainee_id;  /* "" for system events */
    const char *actor_id;
    const char *kind;
    const char *payload;     /* NULL when erased (tombstone) */
    const char *voids_id;    /* NULL unless a correction */
    bool erased;
    uint8_t hash[STORE_HASH_LEN];
} store_row;

/* Called once per row; return 0 to go on, anything else to stop (the query then returns
 * STIEL_OK). */
typedef int (*store_row_fn)(const store_row *row, void *ctx);

/* Calls fn for every event of trainee_id in time order (ts_ms, then kiosk id, then seq). */
stiel_status store_trainee_events(store *s, const char *trainee_id, store_row_fn fn, void *ctx,
                                  stiel_diag *diag);

/* Calls fn for every event, kiosk by kiosk (by id), each in chain order. */
stiel_status store_events_each(store *s, store_row_fn fn, void *ctx, stiel_diag *diag);

/* Calls fn once for the event with this id; STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_event_find(store *s, const char *id, store_row_fn fn, void *ctx, stiel_diag *diag);

/* Calls fn once for trainee_id's newest event of kind (the largest ts_ms, then kiosk id, then
 * seq; erased or voided ones included: the row says erased, store_event_voided says voided): one
 * seek through the (trainee, kind, ts_ms, kiosk, seq) index. STIEL_ERR_NOT_FOUND if there is
 * none; STIEL_ERR_ARG without a trainee, a kind or fn. */
stiel_status store_trainee_last(store *s, const char *trainee_id, const char *kind,
                                store_row_fn fn, void *ctx, stiel_diag *diag);

/* *voided: some event voids the event with this id (a seek through the voids index). */
stiel_status store_event_voided(store *s, const char *id, bool *voided, stiel_diag *diag);

/* Calls fn(kind, count, ctx) for each kind, in kind order, counting the events of trainee_id
 * (or of everyone when trainee_id is NULL). */
typedef void (*store_kind_fn)(const char *kind, int64_t count, void *ctx);
stiel_status store_count_by_kind(store *s, const char *trainee_id, store_kind_fn fn, void *ctx,
                                 stiel_diag *diag);

/* Calls fn(kiosk_id, ctx) once for each kiosk whose chain holds an event of trainee_id, in
 * kiosk id order (an index-only scan); non-zero from fn stops (the query then returns
 * STIEL_OK). */
typedef int (*store_kiosk_fn)(const char *kiosk_id, void *ctx);
stiel_status store_trainee_kiosks(store *s, const char *trainee_id, store_kiosk_fn fn, void *ctx,
                                  stiel_diag *diag);

/* The head of one kiosk's chain: the last seq and its hash (seq 0 and all-zero hash for a
 * kiosk with no events). hex (if not NULL) receives the hash as 64 lowercase hex digits: the
 * "verification code" a dossier prints. */
typedef struct store_head_info {
    int64_t seq;
    uint8_t hash[STORE_HASH_LEN];
    char hex[STORE_HASH_HEX];
} store_head_info;
stiel_status store_head(store *s, const char *kiosk_id, store_head_info *out, stiel_diag *diag);

/* What store_verify found. When ok is false, the bad_* fields name the first row (kiosk order,
 * then chain order) that breaks the chain and what is wrong with it. */
typedef struct store_verify_report {
    bool ok;
    int64_t events;                  /* rows checked */
    int64_t kiosks;
    int64_t erased;                  /* rows whose payload was erased (tombstones) */
    char head_hex[STORE_HASH_HEX];   /* SHA-256 over every kiosk's (id, last seq, head hash) */
    char bad_kiosk[STORE_ID_MAX + 1];
    int64_t bad_seq;
    char bad_id[STORE_UUID_LEN];
    char what[160];
} store_verify_report;

/* Walks every kiosk's chain in seq order, recomputing payload hashes and row hashes, checking
 * that seqs run 1, 2, 3 ... without gaps, that each row links to the one before, that every
 * tombstone is backed by a logged erasure and every correction voids an existing event.
 * Returns STIEL_OK when the walk completed (report->ok tells intact or not); another status
 * only when the store could not be read. */
stiel_status store_verify(store *s, store_verify_report *report, stiel_diag *diag);

/* Privacy erasure, the one write that changes existing rows: in one transaction, appends an
 * "erasure" event to kiosk_id's chain (trainee_id, actor_id = who erases, payload {"reason":
 * reason, "events": n} — reason must hold no personal data), then replaces the payload of each
 * earlier event of trainee_id with a tombstone (NULL, recorded in the `erased` table). Hashes
 * cover the payload's hash, not the payload, so the chain still verifies. Afterwards the WAL is
 * checkpointed and truncated and freed space zeroed, so the old payloads leave the files.
 * erased_out (may be NULL) receives n. STIEL_ERR_NOT_FOUND if trainee_id has no events. */
stiel_status store_erase_trainee(store *s, const char *kiosk_id, const char *trainee_id,
                                 const char *actor_id, const char *reason, int64_t now_ms,
                                 int64_t *erased_out, stiel_diag *diag);

/* Writes every event as CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma,
 * quote, CR or LF) to out: id, kiosk_id, seq, ts_ms, time_utc, trainee_id, actor_id, kind,
 * voids_id, erased, payload, hash. Only pseudonymous ids appear; erased payloads are empty.
 * STIEL_ERR_IO if writing fails. */
stiel_status store_export_csv(store *s, FILE *out, stiel_diag *diag);

/* Appends one CSV field to b, quoted per RFC 4180 only when needed. Pure. */
stiel_status store_csv_field(stiel_buf *b, const char *text);

/* ---- several events at once ------------------------------------------------------------------ */

/* Appends events[0..n-1] in order (each as the next link of its kiosk's chain) in ONE transaction
 * and returns only once the commit is durable: either every event is recorded or none is.
 * receipts (may be NULL) receives one receipt per event. n == 0 does nothing. Errors as
 * store_append; diag names the first bad event's problem. */
stiel_status store_append_batch(store *s, const store_event *events, size_t n,
                                store_receipt *receipts, stiel_diag *diag);

/* ---- one kiosk's chain ----------------------------------------------------------------------- */

/* Calls fn once for the newest event of kind on kiosk_id; STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_kiosk_last(store *s, const char *kiosk_id, const char *kind, store_row_fn fn,
                              void *ctx, stiel_diag *diag);

/* Calls fn for every event of kiosk_id with seq >= from_seq, in chain order. */
stiel_status store_kiosk_events(store *s, const char *kiosk_id, int64_t from_seq,
                                store_row_fn fn, void *ctx, stiel_diag *diag);

/* ---- reference data: the practice warehouse and the trainees ---------------------------------
 * Mutable rows beside the evidence, not evidence themselves: each change that matters is also
 * appended as an event in the same transaction. */

/* The store's catalogue written back as the five CSV files catalogue_import reads (header row,
 * rows in their imported order; erased trainees left out). */
typedef struct store_catalogue_csv {
    stiel_buf items, locations, boxes, trainees, staff;
} store_catalogue_csv;

void store_catalogue_csv_init(store_catalogue_csv *c);
void store_catalogue_csv_free(store_catalogue_csv *c);

/* Fills out (initialised, emptied first) with the catalogue's CSV text; *empty (may be NULL) is
 * true when nothing was ever imported (no items). Runs inside the caller's transaction if one is
 * open (see store_catalogue_check_fn). */
stiel_status store_catalogue_export(store *s, store_catalogue_csv *out, bool *empty,
                                    stiel_diag *diag);

/* Called inside a write transaction after the rows were written and before the commit; return
 * anything but STIEL_OK (with diag set) to roll everything back. It may read the store (e.g.
 * store_catalogue_export and catalogue_import, to check the result as a whole). */
typedef stiel_status (*store_catalogue_check_fn)(store *s, void *ctx, stiel_diag *diag);

/* What store_catalogue_replace changed. */
typedef struct store_import_report {
    int64_t items, locations, boxes, staff;  /* rows now in each table */
    int64_t trainees_added, trainees_updated;
    int64_t trainees_kept;                   /* in the store but not in this import: kept */
    int64_t trainees_erased_skipped;         /* erased ids in the import: left erased */
    int64_t levels_changed;                  /* a "level.changed" event each */
} store_import_report;

/* In one transaction: replaces items, locations, boxes and staff with cat's; upserts cat's
 * trainees by id: a new one is inserted with consent 1 and gets a "trainee.added" event
 * {"level","language","source"}; an existing one gets cat's badge, name and language, and a
 * changed level also appends "level.changed" {"level","from","reason":"catalogue import"}; an
 * erased one stays erased; trainees not in cat are kept. Then appends ev (the import's own
 * evidence event, e.g. kind "catalogue.imported" naming the files and their SHA-256; its
 * kiosk, time and actor are used for the other events too) and runs check (may be NULL).
 * Durable on return; on any error nothing changed. rep may be NULL. */
stiel_status store_catalogue_replace(store *s, const catalogue *cat, const store_event *ev,
                                     store_catalogue_check_fn check, void *ctx,
                                     store_import_report *rep, stiel_diag *diag);

/* A trainee row. language is "nl", "fr", "en" or "ar". store_erase_trainee also blanks
 * display_name and sets erased, in its own transaction (a trigger): the row is a tombstone. */
typedef struct store_trainee {
    char id[CAT_ID_MAX + 1];
    char badge[CAT_BARCODE_MAX + 1];
    char display_name[CAT_TEXT_MAX + 1];
    char language[4];
    unsigned level;
    bool consent;
    bool erased;
    bool has_pin;                       /* a name-list PIN is set (store_trainee_pin_set) */
} store_trainee;

/* The trainee with this id; STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_trainee_get(store *s, const char *id, store_trainee *out, stiel_diag *diag);

/* Calls fn for each trainee, by id; return non-zero from fn to stop. */
typedef int (*store_trainee_fn)(const store_trainee *t, void *ctx);
stiel_status store_trainees_each(store *s, store_trainee_fn fn, void *ctx, stiel_diag *diag);

/* In one transaction: inserts t (STIEL_ERR_STATE if the id exists, erased or not), appends ev
 * (e.g. kind "trainee.added": no name in its payload, evidence is pseudonymous), runs check
 * (may be NULL). Durable on return; on error nothing changed. */
stiel_status store_trainee_add(store *s, const store_trainee *t, const store_event *ev,
                               store_catalogue_check_fn check, void *ctx, stiel_diag *diag);

/* In one transaction: sets trainee_id's level (1..CAT_LEVEL_MAX) and appends a "level.changed"
 * event on kiosk_id's chain: trainee trainee_id, actor actor_id, time now_ms, payload
 * {"level": level, "from": old, "reason": why} (evidence_json.h's names). why is required.
 * STIEL_ERR_NOT_FOUND for an unknown trainee, STIEL_ERR_STATE for an erased one or when the
 * level is already that, STIEL_ERR_ARG for a level out of range. *from_out (may be NULL) receives the old level. */
stiel_status store_trainee_set_level(store *s, const char *kiosk_id, const char *trainee_id,
                                     unsigned level, const char *actor_id, const char *why,
                                     int64_t now_ms, unsigned *from_out, stiel_diag *diag);

/* ---- competency statistics (store_stats.c) --------------------------------------------------- */

/* One row of the evidence summary: a trainee's counts on one step kind at one level on one UTC
 * day (days since 1970). The columns are defined by competency_counts_add_record() in
 * kiosk/core/competency.h. The summary is derived data, kept by triggers in each append's
 * transaction and rebuildable with store_stats_rebuild. */
typedef struct store_summary_row {
    const char *kind;
    unsigned level;
    int64_t day;
    int64_t attempts, rft, independent, skipped, coach_done, errors, duration_ms, help_weight,
        lines_done;
} store_summary_row;

/* Return 0 to go on, anything else to stop (the query then returns STIEL_OK). */
typedef int (*store_summary_fn)(const store_summary_row *row, void *ctx);

/* Calls fn for each summary row of trainee_id, by kind, level, day. */
stiel_status store_stats_summary(store *s, const char *trainee_id, store_summary_fn fn,
                                 void *ctx, stiel_diag *diag);

/* Calls fn, in time order, for trainee_id's coach events that still count: coach.observation,
 * competency.signed_off and level.changed events that are neither erased nor voided. */
stiel_status store_stats_coach_events(store *s, const char *trainee_id, store_row_fn fn,
                                      void *ctx, stiel_diag *diag);

/* Recomputes the whole summary from the events in one transaction (after a restore, or to check
 * the triggers). STIEL_ERR_DENIED when read-only. */
stiel_status store_stats_rebuild(store *s, stiel_diag *diag);

/* ---- staff identity and access (store_staff.c) ------------------------------------------------
 * Staff rows live in the catalogue's staff table (imported, or added one by one); a PIN is kept
 * only as an argon2id hash (libsodium crypto_pwhash_str, interactive limits). Every PIN check,
 * every refusal and every change to staff is an evidence event on the caller's kiosk chain that
 * names who (the badge's owner, a staff id or a trainee id) — never the PIN. */

#define STORE_KIND_STAFF_AUTH EVIDENCE_KIND_STAFF_AUTH
#define STORE_KIND_ACCESS_REFUSED EVIDENCE_KIND_ACCESS_REFUSED
#define STORE_KIND_STAFF_ACTION EVIDENCE_KIND_STAFF_ACTION
#define STORE_KIND_STAFF_ADDED EVIDENCE_KIND_STAFF_ADDED
#define STORE_KIND_PIN_CHANGED EVIDENCE_KIND_PIN_CHANGED    /* "how": "own"|"reset"|"initial" */

enum {
    STORE_PIN_MIN = 4,          /* a PIN is 4..12 digits */
    STORE_PIN_MAX = 12,
    STORE_PIN_HASH_MAX = 128    /* crypto_pwhash_STRBYTES, NUL included */
};

typedef struct store_staff {
    char id[CAT_ID_MAX + 1];
    access_role role;                   /* ACCESS_ROLE_COACH or ACCESS_ROLE_SUPERVISOR */
    char badge[CAT_BARCODE_MAX + 1];
    bool has_pin;
    char name[CAT_TEXT_MAX + 1];        /* from its "staff.added" event; "" when imported */
} store_staff;

/* The outcome of a PIN check: what happened ("ok", "wrong_pin", "locked", "no_pin",
 * "unknown_badge", "trainee_badge", "role"), who (staff filled when the badge is a staff
 * badge) and the lockout as it stands after this attempt. */
typedef struct store_staff_auth {
    store_staff staff;
    bool known;                 /* the badge is a staff badge */
    char result[16];
    access_lockout lockout;
} store_staff_auth;

/* Hashes pin (STORE_PIN_MIN..STORE_PIN_MAX ASCII digits, else STIEL_ERR_ARG) into out as an
 * argon2id string ("$argon2id$v=19$m=65536,t=2,p=1$..."). STIEL_ERR_NOMEM when the 64 MiB the
 * hash needs are not there. */
stiel_status store_staff_pin_hash(const char *pin, char out[STORE_PIN_HASH_MAX], stiel_diag *diag);

/* True when pin matches hash (an argon2id string); false for anything else. Takes about as long
 * as store_staff_pin_hash. */
bool store_staff_pin_check(const char *hash, const char *pin);

/* The staff member with this id / badge; STIEL_ERR_NOT_FOUND if there is none. */
stiel_status store_staff_get(store *s, const char *id, store_staff *out, stiel_diag *diag);
stiel_status store_staff_by_badge(store *s, const char *badge, store_staff *out, stiel_diag *diag);

/* Calls fn for each staff member, in their catalogue order; non-zero from fn stops. */
typedef int (*store_staff_fn)(const store_staff *m, void *ctx);
stiel_status store_staff_each(store *s, store_staff_fn fn, void *ctx, stiel_diag *diag);

/* Adds m (id, role coach|supervisor, badge, name; has_pin ignored) with pin (may be NULL: set
 * later) in one transaction with a "staff.added" event by actor_id on kiosk_id's chain.
 * actor_id must be a supervisor — or, while the store has no supervisor yet, anyone (the first
 * set-up, e.g. "setup"). STIEL_ERR_DENIED (refusal recorded), STIEL_ERR_STATE when the id or the
 * badge is taken (by staff or a trainee), STIEL_ERR_ARG for a bad field or PIN. */
stiel_status store_staff_add(store *s, const char *kiosk_id, const store_staff *m,
                             const char *pin, const char *actor_id, int64_t now_ms,
                             stiel_diag *diag);

/* Identifies a person by badge and PIN for action (ACCESS_LOGIN: just as staff), records the
 * attempt as a "staff.auth" event on kiosk_id's chain (actor: the badge's owner, or "unknown")
 * and returns STIEL_OK only when the badge is a staff badge, the badge is not locked, the PIN is
 * right and the role may do action. Otherwise STIEL_ERR_DENIED with diag saying why (a trainee
 * badge; an unknown badge; no PIN set; locked, with the seconds left — the PIN is then not
 * checked; a wrong PIN, with the tries left or the new lock; a role that may not: also an
 * "access.refused" event). The lockout counts PIN checks of this staff member on every kiosk
 * since the last right PIN or PIN change (access_lockout_eval). out may be NULL. */
stiel_status store_staff_authenticate(store *s, const char *kiosk_id, const char *badge,
                                      const char *pin, access_action action, int64_t now_ms,
                                      store_staff_auth *out, stiel_diag *diag);

/* Checks that actor_id (a staff id, or a trainee id) may do action: STIEL_OK, or
 * STIEL_ERR_DENIED after appending an "access.refused" event by actor_id (trainee_id: the
 * trainee concerned, or the actor when a trainee tried; may be NULL). role_out may be NULL. */
stiel_status store_staff_authorize(store *s, const char *kiosk_id, const char *actor_id,
                                   access_action action, const char *trainee_id, int64_t now_ms,
                                   access_role *role_out, stiel_diag *diag);

/* Records a staff action that has no evidence event of its own (printing set-up labels,
 * exporting a dossier, leaving the kiosk...): store_staff_authorize, then a "staff.action" event
 * {"action": name, "detail": detail_json} by actor_id. detail_json is a JSON object's text or
 * NULL. Refusals as store_staff_authorize. receipt may be NULL. */
stiel_status store_staff_action_record(store *s, const char *kiosk_id, const char *actor_id,
                                       access_action action, const char *trainee_id,
                                       const char *detail_json, int64_t now_ms,
                                       store_receipt *receipt, stiel_diag *diag);

/* Changes the PIN of badge's owner: the old PIN is checked as store_staff_authenticate (for
 * ACCESS_CHANGE_PIN: it counts toward the lockout), then the new hash is stored with a
 * "staff.pin_changed" {"how":"own"} event in one transaction. A staff member without a PIN sets
 * a first one without an old PIN (old_pin ignored, "how":"initial"). */
stiel_status store_staff_pin_change(store *s, const char *kiosk_id, const char *badge,
                                    const char *old_pin, const char *new_pin, int64_t now_ms,
                                    stiel_diag *diag);

/* A supervisor (actor_id) sets staff_id's PIN: store_staff_authorize for ACCESS_RESET_PIN, then
 * the new hash with a "staff.pin_changed" {"how":"reset"} event by actor_id. Ends a lockout. */
stiel_status store_staff_pin_reset(store *s, const char *kiosk_id, const char *actor_id,
                                   const char *staff_id, const char *new_pin, int64_t now_ms,
                                   stiel_diag *diag);

/* ---- trainee PINs (store_trainee_pin.c) -------------------------------------------------------
 * The name-list fallback at the kiosk (a trainee without their badge taps their name and types a
 * PIN). The same argon2id hashing, lockout and recording as staff PINs: every check is a
 * "staff.auth" event {"badge":"","action":"login","result":...} on the trainee's own record
 * (trainee_id and actor: the trainee), so erasure tombstones it. */

/* The outcome of a trainee PIN check: result "ok", "wrong_pin", "locked" or "no_pin", and the
 * lockout as it stands after this attempt. */
typedef struct store_trainee_auth {
    char result[16];
    access_lockout lockout;
} store_trainee_auth;

/* A coach or supervisor (actor_id: store_staff_authorize for ACCESS_TRAINEE_PIN, refusal
 * recorded) sets or resets trainee_id's PIN (STORE_PIN_MIN..STORE_PIN_MAX digits, else
 * STIEL_ERR_ARG): the argon2id hash in the trainees row and a "staff.pin_changed"
 * {"trainee","how":"initial"|"reset"} event on the trainee's record, in one transaction. Ends a
 * lockout. STIEL_ERR_NOT_FOUND for an unknown trainee, STIEL_ERR_STATE for an erased one. */
stiel_status store_trainee_pin_set(store *s, const char *kiosk_id, const char *actor_id,
                                   const char *trainee_id, const char *pin, int64_t now_ms,
                                   stiel_diag *diag);

/* Checks trainee_id's PIN for a name-list login and records the attempt (see above). STIEL_OK
 * only when the PIN is right; STIEL_ERR_DENIED (recorded, diag says why) when the trainee has no
 * PIN (log in with the badge), the name is locked after wrong PINs (the PIN is then not
 * checked: as store_staff_authenticate, access_lockout_eval over this trainee's checks since the
 * last right PIN or PIN change) or the PIN is wrong; STIEL_ERR_NOT_FOUND (not recorded) for an
 * unknown or erased trainee. out may be NULL. */
stiel_status store_trainee_authenticate(store *s, const char *kiosk_id, const char *trainee_id,
                                        const char *pin, int64_t now_ms, store_trainee_auth *out,
                                        stiel_diag *diag);

/* ---- competency sign-off (store_signoff.c) --------------------------------------------------- */

/* A sign-off as stored: the "competency.signed_off" event and its payload. */
typedef struct store_signoff {
    char event_id[STORE_UUID_LEN];
    int64_t ts_ms;
    char coach_id[STORE_ID_MAX + 1];
    char competency[STORE_ID_MAX + 1];
    char framework[STORE_ID_MAX + 1];
    bool criteria_met;
    char reason[512];
    char hash_hex[STORE_HASH_HEX];      /* the event's chain hash */
} store_signoff;

/* coach_id signs off competency (of framework, may be NULL) for trainee_id: after
 * store_staff_authorize (ACCESS_SIGN_OFF), appends "competency.signed_off" {"competency",
 * "framework", "criteria_met", "reason"} (kiosk/core/evidence_json.h field names) with
 * trainee_id and actor coach_id. criteria_met is the caller's finding; when false a written
 * reason (at least a few words) is required: STIEL_ERR_MISSING. STIEL_ERR_NOT_FOUND for an
 * unknown trainee, STIEL_ERR_STATE for an erased one or a competency already signed off (not
 * voided). receipt may be NULL. */
stiel_status store_competency_sign_off(store *s, const char *kiosk_id, const char *trainee_id,
                                       const char *competency, const char *framework,
                                       const char *coach_id, bool criteria_met,
                                       const char *reason, int64_t now_ms,
                                       store_receipt *receipt, stiel_diag *diag);

/* The earliest sign-off of competency for trainee_id that no "void" event cancels;
 * STIEL_ERR_NOT_FOUND when there is none. */
stiel_status store_competency_signoff_find(store *s, const char *trainee_id,
                                           const char *competency, store_signoff *out,
                                           stiel_diag *diag);

/* ---- xAPI 1.0.3 export (store_xapi.c) -------------------------------------------------------- */

/* The hub's IRI used as the actors' account homePage and the base of activity and extension
 * IRIs when the configuration names none. */
#define STORE_XAPI_HOME_DEFAULT "https://stiel.example/hub"

/* Writes every exportable event as one JSON array of xAPI 1.0.3 statements to out; *count (may
 * be NULL) receives how many. A step event ("step.*" with a flow record payload) becomes a
 * statement whose id is the event's UUID (so ids are stable across exports):
 *   actor   Agent with account {homePage: home_page, name: the pseudonymous trainee id}
 *   verb    right first time / corrected: http://adlnet.gov/expapi/verbs/completed (success
 *           true / false, completion true); skipped: http://id.tincanapi.com/verb/skipped;
 *           done by coach: http://adlnet.gov/expapi/verbs/attempted (success and completion
 *           false); display in en-US
 *   object  Activity HOME/xapi/activities/<kind> (type .../activities/interaction)
 *   result  success, completion, duration (ISO 8601, 0.01 s), extensions HOME/xapi/ext/result,
 *           errors, error-kinds, expected, scanned
 *   context registration = the record's session UUID, or when it has none a name-based UUID
 *           of (trainee, task); platform; extensions service-level, help-level (the coach
 *           prompt), kiosk-help, task, kiosk, device
 *   timestamp  the event's time, UTC with milliseconds; version "1.0.3".
 * The FIRST event that voids an exported step event becomes a statement with verb
 * http://adlnet.gov/expapi/verbs/voided (actor: who voided) whose object is a StatementRef to
 * it. Erased (tombstoned) events and other kinds are skipped. home_page NULL means
 * STORE_XAPI_HOME_DEFAULT; it must be an http(s) IRI without a trailing '/', '?' or '#'
 * (STIEL_ERR_ARG). STIEL_ERR_IO when writing fails. */
stiel_status store_export_xapi(store *s, const char *home_page, FILE *out, int64_t *count,
                               stiel_diag *diag);

/* The parts, for tests. One statement (JSON text appended to out) for a step event row, or for a
 * void row (no check that it voids a statement); STIEL_ERR_NOT_FOUND when the row makes none. */
stiel_status store_xapi_step_statement(const store_row *row, const char *home, stiel_buf *out);
stiel_status store_xapi_void_statement(const store_row *row, const char *home, stiel_buf *out);
bool store_xapi_home_valid(const char *home);
void store_xapi_duration(uint64_t ms, char out[32]);          /* "PT42.5S", "PT1M5S", "PT0S" */
void store_xapi_timestamp(int64_t ts_ms, char out[32]);       /* "2025-01-01T08:00:00.000Z" */
void store_xapi_registration(const char *trainee, const char *task, char out[STORE_UUID_LEN]);

/* ---- coach observations and the trainee's self-assessment (store_observation.c) ---------------
 * Observations are "coach.observation" events (payload: evidence_observation_write, see
 * kiosk/core/evidence_json.h); a correction is a "void" event (voids_id = the observation, payload
 * {"reason"}) followed, for a changed observation, by a new one. The self-assessment is the
 * trainee's own end-of-day input: one smiley (1 sad, 2 neutral, 3 happy; 0 skipped) per question. */

#define STORE_KIND_SELF_ASSESSMENT EVIDENCE_KIND_SELF_ASSESSMENT /* {"day","went_well","calm","asked_help"} */

enum {
    STORE_OBSERVATION_TEXT_MAX = 255,   /* bytes of UTF-8: the evidence note's size (EVIDENCE_NOTE_MAX) */
    STORE_OBSERVATION_CATEGORY_MAX = 31,
    STORE_VOID_REASON_MAX = 255,
    STORE_SELF_QUESTIONS = 3,           /* went_well, calm, asked_help */
    STORE_SMILEY_MAX = 3
};

/* The categories an observation may have, as one string for messages:
 * "safety, teamwork, attitude, quality, workstation, other". */
extern const char store_observation_categories[];

/* True when category is one of store_observation_categories. */
bool store_observation_category_valid(const char *category);

/* staff_id (a coach or supervisor) records an observation of trainee_id: category (one of
 * store_observation_categories), positive (outcome "positive") or a concern, and text (may be
 * NULL or "": at most STORE_OBSERVATION_TEXT_MAX bytes of valid UTF-8 without control characters
 * other than newline and tab). Checks in order: arguments (STIEL_ERR_ARG for an unknown category
 * or bad UTF-8 / control characters, STIEL_ERR_OVERLONG for too long a text; nothing is
 * recorded), then store_staff_authorize (ACCESS_OBSERVATION: STIEL_ERR_DENIED, the refusal
 * recorded), then in one transaction the trainee (STIEL_ERR_NOT_FOUND, STIEL_ERR_STATE when
 * erased) and the "coach.observation" event by staff_id. receipt (may be NULL) gets its id. */
stiel_status store_observation_add(store *s, const char *kiosk_id, const char *trainee_id,
                                   const char *staff_id, const char *category, bool positive,
                                   const char *text, int64_t now_ms, store_receipt *receipt,
                                   stiel_diag *diag);

/* staff_id voids the observation event_id with a reason (required, at most
 * STORE_VOID_REASON_MAX bytes): after store_staff_authorize (ACCESS_OBSERVATION), appends in one
 * transaction a "void" event {"reason"} naming the observation's trainee. A coach may void only
 * their own observations (STIEL_ERR_DENIED, recorded as "access.refused"); a supervisor any.
 * STIEL_ERR_NOT_FOUND when event_id is no observation, STIEL_ERR_STATE when it is already voided
 * or erased. receipt (may be NULL) gets the void's id. */
stiel_status store_observation_void(store *s, const char *kiosk_id, const char *staff_id,
                                    const char *event_id, const char *reason, int64_t now_ms,
                                    store_receipt *receipt, stiel_diag *diag);

/* A correction in ONE transaction: store_observation_void of event_id (reason "corrected"),
 * then store_observation_add for the same trainee with the new category, outcome and text.
 * Either both are recorded or neither. receipt (may be NULL) gets the new observation's id. */
stiel_status store_observation_correct(store *s, const char *kiosk_id, const char *staff_id,
                                       const char *event_id, const char *category, bool positive,
                                       const char *text, int64_t now_ms, store_receipt *receipt,
                                       stiel_diag *diag);

/* One observation as listed; voided ones are listed too (voided, with the void's id). */
typedef struct store_observation {
    char event_id[STORE_UUID_LEN];
    int64_t ts_ms;
    char kiosk_id[STORE_ID_MAX + 1];
    char staff_id[STORE_ID_MAX + 1];
    char category[STORE_OBSERVATION_CATEGORY_MAX + 1];
    bool positive;
    char text[STORE_OBSERVATION_TEXT_MAX + 1];
    bool voided;
    char void_id[STORE_UUID_LEN];
    char void_by[STORE_ID_MAX + 1];
} store_observation;

/* Calls fn for each observation of trainee_id in time order (erased ones are skipped); non-zero
 * from fn stops. STIEL_ERR_CORRUPT if a stored payload does not parse. */
typedef int (*store_observation_fn)(const store_observation *o, void *ctx);
stiel_status store_observations_each(store *s, const char *trainee_id, store_observation_fn fn,
                                     void *ctx, stiel_diag *diag);

/* The question ids of the self-assessment, in order: "went_well" (how did it go), "calm" (was it
 * calm), "asked_help" (did I ask for help when I needed it). NULL past the last. */
const char *store_self_question_id(size_t i);

/* The trainee's own end-of-day self-assessment for day (UTC days since 1970: now_ms's day or the
 * day before): smileys[i] answers question i, 1..STORE_SMILEY_MAX, or 0 for a question skipped;
 * at least one must be answered (STIEL_ERR_ARG otherwise, or for a value or day out of range).
 * Appends a STORE_KIND_SELF_ASSESSMENT event with actor and trainee trainee_id, in one
 * transaction that checks the trainee (STIEL_ERR_NOT_FOUND; STIEL_ERR_STATE when erased or when
 * that day already has one). receipt may be NULL. */
stiel_status store_self_assessment_add(store *s, const char *kiosk_id, const char *trainee_id,
                                       int64_t day, const unsigned smileys[STORE_SELF_QUESTIONS],
                                       int64_t now_ms, store_receipt *receipt, stiel_diag *diag);

/* One self-assessment as listed. */
typedef struct store_self_assessment {
    char event_id[STORE_UUID_LEN];
    int64_t ts_ms;
    int64_t day;
    unsigned smileys[STORE_SELF_QUESTIONS];
} store_self_assessment;

/* Calls fn for each (not erased, not voided) self-assessment of trainee_id, by day. */
typedef int (*store_self_assessment_fn)(const store_self_assessment *a, void *ctx);
stiel_status store_self_assessments_each(store *s, const char *trainee_id,
                                         store_self_assessment_fn fn, void *ctx,
                                         stiel_diag *diag);

/* ---- privacy: consent and the retention period (store_retention.c) ---------------------------
 * The consent flag lives in the trainees table; each change is a "trainee.consent" event in the
 * same transaction. The hub's retention period is the newest "retention.set" event (no schema
 * change: a setting with its history). Retention erases trainees whose last evidence is older
 * than the period through store_erase_trainee (tombstones, chain still verifies). All three are
 * supervisor actions (ACCESS_ERASE in kiosk/core/access.h). */

#define STORE_KIND_CONSENT EVIDENCE_KIND_CONSENT
#define STORE_KIND_RETENTION_SET EVIDENCE_KIND_RETENTION_SET
#define STORE_KIND_RETENTION_APPLIED EVIDENCE_KIND_RETENTION_APPLIED /* {"days","cutoff_ms","erased","kept_open"} */

enum { STORE_RETENTION_DAYS_MAX = 36500 };  /* a hundred years: "keep" */

/* actor_id (a supervisor: store_staff_authorize for ACCESS_ERASE, refusal recorded) sets
 * trainee_id's consent flag and appends STORE_KIND_CONSENT {"consent": bool, "from": bool,
 * "reason": why} in one transaction. why is required (no personal data in it).
 * STIEL_ERR_NOT_FOUND for an unknown trainee, STIEL_ERR_STATE for an erased one or when the flag
 * is already that. */
stiel_status store_trainee_set_consent(store *s, const char *kiosk_id, const char *trainee_id,
                                       bool consent, const char *actor_id, const char *why,
                                       int64_t now_ms, stiel_diag *diag);

/* The hub's retention period in days: *days receives the newest "retention.set" value, or 0 when
 * none was ever set (then nothing is erased for age). */
stiel_status store_retention_get(store *s, unsigned *days, stiel_diag *diag);

/* actor_id (a supervisor, ACCESS_ERASE) sets the period: days 1..STORE_RETENTION_DAYS_MAX
 * (STIEL_ERR_ARG); appends STORE_KIND_RETENTION_SET {"days","from"} (a system event).
 * STIEL_ERR_STATE when the period is already days. */
stiel_status store_retention_set(store *s, const char *kiosk_id, const char *actor_id,
                                 unsigned days, int64_t now_ms, stiel_diag *diag);

/* A trainee whose last evidence is older than the period. */
typedef struct store_retention_due {
    char trainee_id[STORE_ID_MAX + 1];
    int64_t last_ms;        /* time of the trainee's newest event (erasures aside) */
    bool open_task;         /* their newest task.started has no task.finished/abandoned: kept */
    bool erased;            /* store_retention_apply erased them (false in a dry run) */
    int64_t events;         /* events tombstoned (0 in a dry run or when kept) */
} store_retention_due;

/* Calls fn for every trainee not yet erased whose newest event (erasure events aside) is older
 * than now_ms - days * 86400000, in trainee id order. Reads only. */
typedef int (*store_retention_fn)(const store_retention_due *d, void *ctx);
stiel_status store_retention_due_each(store *s, unsigned days, int64_t now_ms,
                                      store_retention_fn fn, void *ctx, stiel_diag *diag);

/* What store_retention_apply did. */
typedef struct store_retention_report {
    unsigned days;
    int64_t cutoff_ms;
    int64_t due, erased, kept_open;
} store_retention_report;

/* Applies the stored period at now_ms. Dry run: reads only (no authorization, nothing written),
 * calls fn (may be NULL) for each trainee due. Otherwise: store_staff_authorize (ACCESS_ERASE)
 * for actor_id, then for each trainee due without an open task store_erase_trainee with the
 * reason "retention period of N days passed" (each in its own transaction), calling fn after
 * each; then a STORE_KIND_RETENTION_APPLIED event with the counts. STIEL_ERR_STATE when no
 * period is set. rep may be NULL. */
stiel_status store_retention_apply(store *s, const char *kiosk_id, const char *actor_id,
                                   int64_t now_ms, bool dry_run, store_retention_fn fn, void *ctx,
                                   store_retention_report *rep, stiel_diag *diag);

#endif
