/* Aggregate queries for the competency engine: the evidence summary table (derived data, kept
 * by triggers in the same transaction as each append, rebuildable from the events), its schema
 * migration, and the coach events (observations, sign-offs, level changes) of one trainee. */
#include "kiosk/store/store_internal.h"

#include <string.h>

#include "kiosk/core/evidence_json.h"

/* The summary columns, computed from a payload `p` and an event time `ts` (ms). These are the
 * SQL twin of competency_counts_add_record() (kiosk/core/competency_cells.c); a test compares
 * the table with a recomputation in C after random appends and voids. Field names come from
 * evidence_json.h. Days are UTC days since 1970. */
#define JX(f) "json_extract(p,'$." f "')"
#define RESULT JX(EVIDENCE_F_RESULT)
#define COACH JX(EVIDENCE_F_COACH_HELP)
#define SUMMARY_COLS                                                                               \
    "CAST(COALESCE(" JX(EVIDENCE_F_LEVEL) ",0) AS INTEGER) AS level,"                              \
    "ts / 86400000 AS day,"                                                                        \
    "(" RESULT " IS NOT 'skipped') AS attempts,"                                                   \
    "(" RESULT " IS 'right_first_time') AS rft,"                                                   \
    "(" RESULT " IS NOT 'skipped' AND " COACH " IS 'independent' AND " RESULT                      \
    " IS NOT 'done_by_coach') AS independent,"                                                     \
    "(" RESULT " IS 'skipped') AS skipped,"                                                        \
    "(" RESULT " IS 'done_by_coach' OR " COACH " IS 'done_by_coach') AS coach_done,"               \
    "CAST(COALESCE(" JX(EVIDENCE_F_ERRORS) ",0) AS INTEGER) AS errors,"                            \
    "CAST(COALESCE(" JX(EVIDENCE_F_DURATION_MS) ",0) AS INTEGER) AS duration_ms,"                  \
    "max(CASE WHEN json_array_length(p,'$." EVIDENCE_F_KIOSK_HELP "') > 0 THEN 1 ELSE 0 END,"      \
    " CASE " COACH " WHEN 'gestural' THEN 2 WHEN 'verbal' THEN 3 WHEN 'model' THEN 4"              \
    " WHEN 'partial_physical' THEN 5 WHEN 'full_physical' THEN 6 WHEN 'done_by_coach' THEN 6"      \
    " ELSE 0 END) AS help_weight,"                                                                 \
    "CASE WHEN " JX(EVIDENCE_F_FLOW) " IS 'pick' AND " JX(EVIDENCE_F_STEP) " IS 'done' AND"        \
    " substr(" JX(EVIDENCE_F_SCANNED) ",1,5) IS 'done:'"                                           \
    " THEN CAST(substr(" JX(EVIDENCE_F_SCANNED) ",6) AS INTEGER) ELSE 0 END AS lines_done"
/* Only payloads that look like flow records count. Every column above is NULL-safe (IS, COALESCE):
 * a payload of any shape must never make an append fail on this derived table. */
#define SUMMARY_WHERE                                                                              \
    "json_type(p,'$." EVIDENCE_F_STEP "') = 'text' AND json_type(p,'$." EVIDENCE_F_RESULT          \
    "') = 'text' AND json_type(p,'$." EVIDENCE_F_COACH_HELP "') = 'text' AND "                     \
    JX(EVIDENCE_F_FLOW) " IN ('pick', 'pack')"
#define SUMMARY_NAMES                                                                              \
    "trainee_id, kind, level, day, attempts, rft, independent, skipped, coach_done, errors,"      \
    " duration_ms, help_weight, lines_done"
#define STEP_KIND "kind GLOB '" EVIDENCE_KIND_STEP_PREFIX "*'"
#define COACH_KINDS                                                                                \
    "kind IN ('" EVIDENCE_KIND_OBSERVATION "', '" EVIDENCE_KIND_SIGNED_OFF "', '"                  \
    EVIDENCE_KIND_LEVEL_CHANGED "')"

/* The summary from scratch: every step event not voided and not erased. */
#define REBUILD_INSERT                                                                             \
    "INSERT INTO evidence_summary (" SUMMARY_NAMES ")"                                             \
    " SELECT trainee_id, kind, level, day, sum(attempts), sum(rft), sum(independent),"            \
    "  sum(skipped), sum(coach_done), sum(errors), sum(duration_ms), sum(help_weight),"           \
    "  sum(lines_done) FROM ("                                                                    \
    "  SELECT trainee_id, kind, " SUMMARY_COLS                                                     \
    "   FROM (SELECT trainee_id, kind, payload AS p, ts_ms AS ts FROM events e"                   \
    "    WHERE " STEP_KIND " AND voids_id IS NULL AND payload IS NOT NULL"                        \
    "    AND NOT EXISTS (SELECT 1 FROM events v WHERE v.voids_id = e.id))"                        \
    "   WHERE " SUMMARY_WHERE ")"                                                                 \
    " GROUP BY trainee_id, kind, level, day;"

/* The schema step that adds the summary (see store_schema.c). The evidence_summary table is
 * DERIVED data, not evidence: it holds counts per (trainee, step kind, level, UTC day) so that a
 * trainee's competency status needs no scan of raw payloads. Triggers keep it in step within
 * the transaction of each append: a step event adds its counts; the first event that voids a
 * step event takes that event's counts away; an erasure's tombstones remove the trainee's rows.
 * Updating it is allowed because it is rebuildable from the events at any time
 * (store_stats_rebuild); the events themselves stay append-only. Two partial indexes serve the
 * engine: voids by voided id, and one trainee's coach events (observations, sign-offs, level
 * changes). The migration fills the table from the events already stored. */
const char store_stats_schema_sql[] =
    "CREATE TABLE evidence_summary ("
    " trainee_id TEXT NOT NULL, kind TEXT NOT NULL, level INTEGER NOT NULL, day INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL, rft INTEGER NOT NULL, independent INTEGER NOT NULL,"
    " skipped INTEGER NOT NULL, coach_done INTEGER NOT NULL, errors INTEGER NOT NULL,"
    " duration_ms INTEGER NOT NULL, help_weight INTEGER NOT NULL, lines_done INTEGER NOT NULL,"
    " PRIMARY KEY (trainee_id, kind, level, day)) WITHOUT ROWID;"
    "CREATE INDEX events_voids ON events (voids_id) WHERE voids_id IS NOT NULL;"
    "CREATE INDEX events_trainee_coach ON events (trainee_id, kind, ts_ms) WHERE " COACH_KINDS ";"
    "CREATE TRIGGER evidence_summary_add AFTER INSERT ON events"
    " WHEN NEW." STEP_KIND " AND NEW.voids_id IS NULL AND NEW.payload IS NOT NULL BEGIN"
    " INSERT INTO evidence_summary (" SUMMARY_NAMES ")"
    "  SELECT NEW.trainee_id, NEW.kind, " SUMMARY_COLS
    "  FROM (SELECT NEW.payload AS p, NEW.ts_ms AS ts) WHERE " SUMMARY_WHERE
    "  ON CONFLICT (trainee_id, kind, level, day) DO UPDATE SET"
    "  attempts = attempts + excluded.attempts, rft = rft + excluded.rft,"
    "  independent = independent + excluded.independent, skipped = skipped + excluded.skipped,"
    "  coach_done = coach_done + excluded.coach_done, errors = errors + excluded.errors,"
    "  duration_ms = duration_ms + excluded.duration_ms,"
    "  help_weight = help_weight + excluded.help_weight,"
    "  lines_done = lines_done + excluded.lines_done;"
    " END;"
    "CREATE TRIGGER evidence_summary_void AFTER INSERT ON events"
    " WHEN NEW.voids_id IS NOT NULL BEGIN"
    " UPDATE evidence_summary SET attempts = evidence_summary.attempts - v.attempts,"
    "  rft = evidence_summary.rft - v.rft,"
    "  independent = evidence_summary.independent - v.independent,"
    "  skipped = evidence_summary.skipped - v.skipped,"
    "  coach_done = evidence_summary.coach_done - v.coach_done,"
    "  errors = evidence_summary.errors - v.errors,"
    "  duration_ms = evidence_summary.duration_ms - v.duration_ms,"
    "  help_weight = evidence_summary.help_weight - v.help_weight,"
    "  lines_done = evidence_summary.lines_done - v.lines_done"
    "  FROM (SELECT trainee_id, kind, " SUMMARY_COLS
    "   FROM (SELECT trainee_id, kind, payload AS p, ts_ms AS ts FROM events"
    "    WHERE id = NEW.voids_id AND " STEP_KIND " AND voids_id IS NULL AND payload IS NOT NULL"
    "    AND NOT EXISTS (SELECT 1 FROM events w WHERE w.voids_id = NEW.voids_id"
    "     AND w.id <> NEW.id))"
    "   WHERE " SUMMARY_WHERE ") AS v"
    "  WHERE evidence_summary.trainee_id = v.trainee_id AND evidence_summary.kind = v.kind"
    "  AND evidence_summary.level = v.level AND evidence_summary.day = v.day;"
    " DELETE FROM evidence_summary WHERE attempts = 0 AND skipped = 0"
    "  AND trainee_id = (SELECT trainee_id FROM events WHERE id = NEW.voids_id);"
    " END;"
    "CREATE TRIGGER evidence_summary_erase AFTER UPDATE OF payload ON events"
    " WHEN OLD.payload IS NOT NULL AND NEW.payload IS NULL BEGIN"
    " DELETE FROM evidence_summary WHERE trainee_id = OLD.trainee_id; END;"
    REBUILD_INSERT;

/* The whole table from the events: what the triggers maintain. */
static const char rebuild_sql[] = "DELETE FROM evidence_summary;" REBUILD_INSERT;

stiel_status store_stats_rebuild(store *s, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (s->read_only)
        return stiel_diag_set(diag, STIEL_ERR_DENIED,
                              "the evidence store %s is open read-only: cannot rebuild the "
                              "summary", s->path);
    stiel_status st = store_exec(s, "BEGIN IMMEDIATE", "cannot start rebuilding the summary", diag);
    if (st != STIEL_OK)
        return st;
    st = store_exec(s, rebuild_sql, "cannot rebuild the evidence summary", diag);
    if (st == STIEL_OK)
        st = store_exec(s, "COMMIT", "cannot commit the rebuilt summary", diag);
    if (st != STIEL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

stiel_status store_stats_summary(store *s, const char *trainee_id, store_summary_fn fn,
                                 void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_stats_summary needs a trainee and fn");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT kind, level, day, attempts, rft, independent, skipped,"
                                " coach_done, errors, duration_ms, help_weight, lines_done"
                                " FROM evidence_summary WHERE trainee_id = ?1"
                                " ORDER BY kind, level, day",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the evidence summary", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        store_summary_row r = {
            .kind = (const char *)sqlite3_column_text(q, 0),
            .level = (unsigned)sqlite3_column_int(q, 1),
            .day = sqlite3_column_int64(q, 2),
            .attempts = sqlite3_column_int64(q, 3),
            .rft = sqlite3_column_int64(q, 4),
            .independent = sqlite3_column_int64(q, 5),
            .skipped = sqlite3_column_int64(q, 6),
            .coach_done = sqlite3_column_int64(q, 7),
            .errors = sqlite3_column_int64(q, 8),
            .duration_ms = sqlite3_column_int64(q, 9),
            .help_weight = sqlite3_column_int64(q, 10),
            .lines_done = sqlite3_column_int64(q, 11),
        };
        if (!r.kind)
            r.kind = "";
        if (fn(&r, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the evidence summary", diag);
    return STIEL_OK;
}

stiel_status store_stats_coach_events(store *s, const char *trainee_id, store_row_fn fn,
                                      void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_stats_coach_events needs a trainee and fn");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT id, kiosk_id, seq, ts_ms, trainee_id, actor_id, kind, payload, voids_id, hash"
        " FROM events e INDEXED BY events_trainee_coach"
        " WHERE trainee_id = ?1 AND " COACH_KINDS " AND payload IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM events v WHERE v.voids_id = e.id)"
        " ORDER BY ts_ms, kiosk_id, seq",
        -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the coach events", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        store_row r = {
            .id = (const char *)sqlite3_column_text(q, 0),
            .kiosk_id = (const char *)sqlite3_column_text(q, 1),
            .seq = sqlite3_column_int64(q, 2),
            .ts_ms = sqlite3_column_int64(q, 3),
            .trainee_id = (const char *)sqlite3_column_text(q, 4),
            .actor_id = (const char *)sqlite3_column_text(q, 5),
            .kind = (const char *)sqlite3_column_text(q, 6),
            .payload = (const char *)sqlite3_column_text(q, 7),
            .voids_id = (const char *)sqlite3_column_text(q, 8),
            .erased = false,
        };
        const void *h = sqlite3_column_blob(q, 9);
        if (h && sqlite3_column_bytes(q, 9) == STORE_HASH_LEN)
            memcpy(r.hash, h, STORE_HASH_LEN);
        if (fn(&r, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the coach events", diag);
    return STIEL_OK;
}
