/* Coach observations (what the kiosk cannot sense: safety, teamwork, attitude...) as
 * "coach.observation" events, their corrections as "void" events, and the trainee's own
 * end-of-day self-assessment (smileys); each checked for role and trainee in one transaction. */
#include "kiosk/store/store_append.h"
#include "kiosk/store/store_staff_internal.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"
#include "common/utf8.h"

_Static_assert((int)STORE_OBSERVATION_TEXT_MAX == (int)EVIDENCE_NOTE_MAX,
               "an observation's text is the evidence note");
_Static_assert((int)STORE_OBSERVATION_CATEGORY_MAX == (int)EVIDENCE_CATEGORY_MAX,
               "an observation's category is the evidence category");

enum { DAY_MS = 86400000 };

const char store_observation_categories[] =
    "safety, teamwork, attitude, quality, workstation, other";

/* "workstation" is what the verpakker framework observes (assets/competencies/verpakker.ini). */
static const char *const categories[] = {"safety",      "teamwork", "attitude", "quality",
                                         "workstation", "other"};

static const char *const self_questions[STORE_SELF_QUESTIONS] = {"went_well", "calm",
                                                                 "asked_help"};

bool store_observation_category_valid(const char *category)
{
    for (size_t i = 0; category && i < sizeof categories / sizeof categories[0]; i++)
        if (strcmp(category, categories[i]) == 0)
            return true;
    return false;
}

const char *store_self_question_id(size_t i)
{
    return i < STORE_SELF_QUESTIONS ? self_questions[i] : NULL;
}

static void copy_col(sqlite3_stmt *q, int col, char *dst, size_t cap)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    snprintf(dst, cap, "%s", t ? t : "");
}

/* Free text for the evidence: bounded, valid UTF-8, no control bytes but newline and tab. */
static stiel_status text_check(const char *what, const char *text, size_t max, stiel_diag *diag)
{
    if (!text)
        return STIEL_OK;
    size_t n = strlen(text);
    if (n > max)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "the %s is %zu bytes long; at most %zu fit: shorten it", what, n,
                              max);
    size_t bad = 0;
    if (!stiel_utf8_valid((const uint8_t *)text, n, &bad))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "the %s is not valid UTF-8 (byte %zu): retype it", what, bad + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "the %s holds a control character (byte %zu): retype it", what,
                                  i + 1);
    }
    return STIEL_OK;
}

/* The trainee exists and is not erased (inside the transaction). */
static stiel_status trainee_active(store *s, const char *trainee_id, stiel_diag *diag)
{
    store_trainee t;
    stiel_status st = store_trainee_get(s, trainee_id, &t, diag);
    if (st == STIEL_OK && t.erased)
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %.40s was erased", trainee_id);
    return st;
}

/* ---- add ------------------------------------------------------------------------------------- */

typedef struct obs_args {
    const char *kiosk_id, *trainee_id, *staff_id;
    const char *payload;
    int64_t now_ms;
    store_receipt *receipt;
    /* void (and correct): */
    const char *void_id, *void_payload;
    char void_trainee[STORE_ID_MAX + 1];
    store_receipt *void_receipt;
} obs_args;

static stiel_status add_locked(store *s, void *p, stiel_diag *diag)
{
    const obs_args *x = p;
    stiel_status st = trainee_active(s, x->trainee_id, diag);
    if (st != STIEL_OK)
        return st;
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = x->trainee_id,
                      .actor_id = x->staff_id, .kind = EVIDENCE_KIND_OBSERVATION,
                      .payload = x->payload};
    st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, x->receipt, diag);
    return st;
}

/* Checks the arguments of an observation and writes its payload into b. */
static stiel_status obs_payload(const char *category, bool positive, const char *text,
                                stiel_buf *b, stiel_diag *diag)
{
    if (!store_observation_category_valid(category))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "'%.32s' is no observation category (%s)",
                              category ? category : "", store_observation_categories);
    stiel_status st = text_check("observation's text", text, STORE_OBSERVATION_TEXT_MAX, diag);
    if (st != STIEL_OK)
        return st;
    evidence_observation o;
    memset(&o, 0, sizeof o);
    snprintf(o.category, sizeof o.category, "%s", category);
    o.positive = positive;
    snprintf(o.note, sizeof o.note, "%s", text ? text : "");
    st = evidence_observation_write(&o, b);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "cannot write the observation: %s", stiel_strerror(st));
    return STIEL_OK;
}

stiel_status store_observation_add(store *s, const char *kiosk_id, const char *trainee_id,
                                   const char *staff_id, const char *category, bool positive,
                                   const char *text, int64_t now_ms, store_receipt *receipt,
                                   stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id || !staff_id || !*staff_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "an observation names a trainee and a coach");
    stiel_buf b;
    stiel_buf_init(&b, 4096);
    stiel_status st = obs_payload(category, positive, text, &b, diag);
    if (st == STIEL_OK)
        st = store_staff_authorize(s, kiosk_id, staff_id, ACCESS_OBSERVATION, trainee_id, now_ms,
                                   NULL, diag);
    obs_args a = {.kiosk_id = kiosk_id, .trainee_id = trainee_id, .staff_id = staff_id,
                  .payload = (const char *)b.data, .now_ms = now_ms, .receipt = receipt};
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, add_locked, &a, "cannot record the observation", diag);
    stiel_buf_free(&b);
    return st;
}

/* ---- void and correct ------------------------------------------------------------------------ */

/* What is known of an observation event before voiding it. */
typedef struct obs_target {
    bool found, observation, erased;
    char trainee[STORE_ID_MAX + 1];
    char actor[STORE_ID_MAX + 1];
} obs_target;

static int target_row(const store_row *row, void *ctx)
{
    obs_target *t = ctx;
    t->found = true;
    t->observation = strcmp(row->kind, EVIDENCE_KIND_OBSERVATION) == 0;
    t->erased = row->erased || !row->payload;
    snprintf(t->trainee, sizeof t->trainee, "%s", row->trainee_id);
    snprintf(t->actor, sizeof t->actor, "%s", row->actor_id);
    return 1;
}

/* The id of an event that voids event_id into out ("" when none). */
static stiel_status void_of(store *s, const char *trainee_id, const char *event_id, char *out,
                            size_t cap, stiel_diag *diag)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM events WHERE trainee_id = ?1 AND voids_id = ?2"
                                " ORDER BY ts_ms, kiosk_id, seq LIMIT 1",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, event_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
    }
    out[0] = 0;
    if (rc == SQLITE_ROW)
        copy_col(q, 0, out, cap);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the corrections", diag);
    return STIEL_OK;
}

static stiel_status void_locked(store *s, void *p, stiel_diag *diag)
{
    obs_args *x = p;
    obs_target t = {0};
    stiel_diag d;
    stiel_status st = store_event_find(s, x->void_id, target_row, &t, &d);
    if (st == STIEL_ERR_NOT_FOUND || (st == STIEL_OK && !t.observation))
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no observation %.40s",
                              x->void_id);
    if (st != STIEL_OK) {
        *diag = d;
        return st;
    }
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "observation %.40s was erased", x->void_id);
    if (strcmp(t.trainee, x->void_trainee) != 0)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "observation %.40s changed trainee",
                              x->void_id);
    char prior[STORE_UUID_LEN];
    st = void_of(s, t.trainee, x->void_id, prior, sizeof prior, diag);
    if (st == STIEL_OK && prior[0])
        st = stiel_diag_set(diag, STIEL_ERR_STATE, "observation %.40s was already voided by %s",
                            x->void_id, prior);
    if (st != STIEL_OK)
        return st;
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = t.trainee,
                      .actor_id = x->staff_id, .kind = EVIDENCE_KIND_VOID,
                      .payload = x->void_payload, .voids_id = x->void_id};
    st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, x->void_receipt, diag);
    if (st == STIEL_OK && x->payload) /* a correction: the new observation, same transaction */
        st = add_locked(s, x, diag);
    return st;
}

/* Checks that staff_id may void event_id: authorized for observations, and a coach only their
 * own. Fills x->void_trainee. Refusals are recorded. */
static stiel_status void_authorize(store *s, obs_args *x, stiel_diag *diag)
{
    obs_target t = {0};
    stiel_diag d;
    stiel_status st = store_event_find(s, x->void_id, target_row, &t, &d);
    if (st == STIEL_ERR_NOT_FOUND || (st == STIEL_OK && !t.observation))
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no observation %.40s",
                              x->void_id);
    if (st != STIEL_OK) {
        *diag = d;
        return st;
    }
    snprintf(x->void_trainee, sizeof x->void_trainee, "%s", t.trainee);
    access_role role = ACCESS_ROLE_COUNT;
    st = store_staff_authorize(s, x->kiosk_id, x->staff_id, ACCESS_OBSERVATION, t.trainee,
                               x->now_ms, &role, diag);
    if (st != STIEL_OK || role == ACCESS_ROLE_SUPERVISOR || strcmp(t.actor, x->staff_id) == 0)
        return st;
    /* a coach voiding another coach's observation: refused and recorded */
    char why[160];
    snprintf(why, sizeof why, "a coach voids only their own observations; %.40s is by %.40s",
             x->void_id, t.actor);
    stiel_buf b;
    stiel_buf_init(&b, 1024);
    st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "action", access_action_name(ACCESS_OBSERVATION));
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "role", access_role_name(role));
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, "why", why);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = t.trainee,
                      .actor_id = x->staff_id, .kind = STORE_KIND_ACCESS_REFUSED,
                      .payload = (const char *)b.data};
    if (st == STIEL_OK)
        st = store_append(s, &ev, NULL, diag);
    stiel_buf_free(&b);
    if (st != STIEL_OK)
        return st;
    return stiel_diag_set(diag, STIEL_ERR_DENIED, "refused: %s (recorded)", why);
}

static stiel_status void_run(store *s, obs_args *x, const char *reason, stiel_diag *diag)
{
    if (!x->void_id || !*x->void_id || strlen(x->void_id) >= STORE_UUID_LEN)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which observation? give its event id");
    if (!reason || !*reason)
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "say why the observation is voided");
    stiel_status st = text_check("reason", reason, STORE_VOID_REASON_MAX, diag);
    if (st != STIEL_OK)
        return st;
    stiel_buf b;
    stiel_buf_init(&b, 2048);
    st = stiel_buf_puts(&b, "{");
    if (st == STIEL_OK)
        st = store_staff_json_field(&b, EVIDENCE_F_REASON, reason);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    if (st == STIEL_OK)
        st = void_authorize(s, x, diag);
    x->void_payload = (const char *)b.data;
    x->trainee_id = x->void_trainee;
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, void_locked, x,
                                        x->payload ? "cannot record the correction"
                                                   : "cannot void the observation",
                                        diag);
    stiel_buf_free(&b);
    return st;
}

stiel_status store_observation_void(store *s, const char *kiosk_id, const char *staff_id,
                                    const char *event_id, const char *reason, int64_t now_ms,
                                    store_receipt *receipt, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!staff_id || !*staff_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "who voids the observation?");
    obs_args a = {.kiosk_id = kiosk_id, .staff_id = staff_id, .now_ms = now_ms,
                  .void_id = event_id, .void_receipt = receipt};
    return void_run(s, &a, reason, diag);
}

stiel_status store_observation_correct(store *s, const char *kiosk_id, const char *staff_id,
                                       const char *event_id, const char *category, bool positive,
                                       const char *text, int64_t now_ms, store_receipt *receipt,
                                       stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!staff_id || !*staff_id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "who corrects the observation?");
    stiel_buf b;
    stiel_buf_init(&b, 4096);
    stiel_status st = obs_payload(category, positive, text, &b, diag);
    obs_args a = {.kiosk_id = kiosk_id, .staff_id = staff_id, .now_ms = now_ms,
                  .payload = (const char *)b.data, .receipt = receipt, .void_id = event_id};
    if (st == STIEL_OK)
        st = void_run(s, &a, "corrected", diag);
    stiel_buf_free(&b);
    return st;
}

/* ---- listing --------------------------------------------------------------------------------- */

/* The earliest void of each event e (a void names the trainee too, so the index finds it). */
#define FIRST_VOID(col)                                                                         \
    "(SELECT v." col " FROM events v WHERE v.trainee_id = e.trainee_id AND v.voids_id = e.id" \
    " ORDER BY v.ts_ms, v.kiosk_id, v.seq LIMIT 1)"

stiel_status store_observations_each(store *s, const char *trainee_id, store_observation_fn fn,
                                     void *ctx, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which trainee, and a callback");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.ts_ms, e.kiosk_id, e.actor_id, e.payload, " FIRST_VOID("id") ", "
        FIRST_VOID("actor_id") " FROM events e WHERE e.trainee_id = ?1 AND e.kind = '"
        EVIDENCE_KIND_OBSERVATION "' AND e.payload IS NOT NULL ORDER BY e.ts_ms, e.kiosk_id, e.seq",
        -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the observations", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    stiel_status st = STIEL_OK;
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_observation o;
        memset(&o, 0, sizeof o);
        copy_col(q, 0, o.event_id, sizeof o.event_id);
        o.ts_ms = sqlite3_column_int64(q, 1);
        copy_col(q, 2, o.kiosk_id, sizeof o.kiosk_id);
        copy_col(q, 3, o.staff_id, sizeof o.staff_id);
        const char *payload = (const char *)sqlite3_column_text(q, 4);
        evidence_observation eo;
        stiel_diag d;
        if (evidence_observation_parse(payload, strlen(payload), &eo, &d) != STIEL_OK) {
            st = stiel_diag_set(diag, STIEL_ERR_CORRUPT, "observation %s: %s", o.event_id,
                                d.text);
            break;
        }
        snprintf(o.category, sizeof o.category, "%s", eo.category);
        o.positive = eo.positive;
        snprintf(o.text, sizeof o.text, "%s", eo.note);
        o.voided = sqlite3_column_type(q, 5) != SQLITE_NULL;
        copy_col(q, 5, o.void_id, sizeof o.void_id);
        copy_col(q, 6, o.void_by, sizeof o.void_by);
        if (fn(&o, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (st != STIEL_OK)
        return st;
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the observations", diag);
    return STIEL_OK;
}

/* ---- self-assessment ------------------------------------------------------------------------- */

typedef struct self_args {
    const char *kiosk_id, *trainee_id, *payload;
    int64_t day, now_ms;
    store_receipt *receipt;
} self_args;

static stiel_status self_locked(store *s, void *p, stiel_diag *diag)
{
    const self_args *x = p;
    stiel_status st = trainee_active(s, x->trainee_id, diag);
    if (st != STIEL_OK)
        return st;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT 1 FROM events e WHERE e.trainee_id = ?1 AND e.kind = '" STORE_KIND_SELF_ASSESSMENT
        "' AND json_extract(e.payload, '$.day') = ?2 AND " FIRST_VOID("id") " IS NULL LIMIT 1",
        -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, x->trainee_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, x->day);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return stiel_diag_set(diag, STIEL_ERR_STATE,
                              "%.40s already gave a self-assessment for that day", x->trainee_id);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the self-assessments", diag);
    store_event ev = {.kiosk_id = x->kiosk_id, .ts_ms = x->now_ms, .trainee_id = x->trainee_id,
                      .actor_id = x->trainee_id, .kind = STORE_KIND_SELF_ASSESSMENT,
                      .payload = x->payload};
    st = store_event_check(&ev, diag);
    if (st == STIEL_OK)
        st = store_append_locked(s, &ev, x->receipt, diag);
    return st;
}

static int64_t day_of(int64_t ms)
{
    return ms >= 0 ? ms / DAY_MS : -((-ms + DAY_MS - 1) / DAY_MS);
}

stiel_status store_self_assessment_add(store *s, const char *kiosk_id, const char *trainee_id,
                                       int64_t day, const unsigned smileys[STORE_SELF_QUESTIONS],
                                       int64_t now_ms, store_receipt *receipt, stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !*trainee_id || !smileys)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a self-assessment names a trainee and answers");
    int64_t today = day_of(now_ms);
    if (day != today && day != today - 1)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "a self-assessment is for today or yesterday (day %lld or %lld), "
                              "not day %lld",
                              (long long)today, (long long)(today - 1), (long long)day);
    unsigned answered = 0;
    for (size_t i = 0; i < STORE_SELF_QUESTIONS; i++) {
        if (smileys[i] > STORE_SMILEY_MAX)
            return stiel_diag_set(diag, STIEL_ERR_ARG,
                                  "answer %u to '%s' is not a smiley 1..%d (0: skipped)",
                                  smileys[i], self_questions[i], STORE_SMILEY_MAX);
        answered += smileys[i] != 0;
    }
    if (answered == 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a self-assessment answers at least one "
                                                   "question");
    stiel_buf b;
    stiel_buf_init(&b, 512);
    stiel_status st = stiel_buf_printf(&b, "{\"day\":%lld", (long long)day);
    for (size_t i = 0; st == STIEL_OK && i < STORE_SELF_QUESTIONS; i++)
        st = stiel_buf_printf(&b, ",\"%s\":%u", self_questions[i], smileys[i]);
    if (st == STIEL_OK)
        st = stiel_buf_puts(&b, "}");
    self_args a = {.kiosk_id = kiosk_id, .trainee_id = trainee_id,
                   .payload = (const char *)b.data, .day = day, .now_ms = now_ms,
                   .receipt = receipt};
    if (st == STIEL_OK)
        st = store_staff_in_transaction(s, self_locked, &a, "cannot record the self-assessment",
                                        diag);
    stiel_buf_free(&b);
    return st;
}

stiel_status store_self_assessments_each(store *s, const char *trainee_id,
                                         store_self_assessment_fn fn, void *ctx,
                                         stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    if (!trainee_id || !fn)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "which trainee, and a callback");
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.ts_ms, json_extract(e.payload, '$.day'),"
        " json_extract(e.payload, '$.went_well'), json_extract(e.payload, '$.calm'),"
        " json_extract(e.payload, '$.asked_help') FROM events e WHERE e.trainee_id = ?1"
        " AND e.kind = '" STORE_KIND_SELF_ASSESSMENT "' AND e.payload IS NOT NULL"
        " AND " FIRST_VOID("id") " IS NULL ORDER BY 3, e.ts_ms, e.kiosk_id, e.seq",
        -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot read the self-assessments", diag);
    sqlite3_bind_text(q, 1, trainee_id, -1, SQLITE_STATIC);
    for (;;) {
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW)
            break;
        store_self_assessment a;
        memset(&a, 0, sizeof a);
        copy_col(q, 0, a.event_id, sizeof a.event_id);
        a.ts_ms = sqlite3_column_int64(q, 1);
        a.day = sqlite3_column_int64(q, 2);
        for (int i = 0; i < STORE_SELF_QUESTIONS; i++) {
            int v = sqlite3_column_int(q, 3 + i);
            a.smileys[i] = v >= 0 && v <= STORE_SMILEY_MAX ? (unsigned)v : 0;
        }
        if (fn(&a, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sqlite_fail(s, rc, "cannot read the self-assessments", diag);
    return STIEL_OK;
}
