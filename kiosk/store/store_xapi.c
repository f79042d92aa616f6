/* xAPI 1.0.3 export: every step event as a statement (actor = an account with the pseudonymous
 * id, verb and activity IRIs, result with success and ISO 8601 duration, context with the task's
 * registration UUID, service level and help level), the first void of each as a voiding
 * statement; tombstoned (erased) events are skipped. Statement ids are the events' own UUIDs. */
#include "kiosk/store/store_internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kiosk/core/evidence_json.h"

#define VERB_COMPLETED "http://adlnet.gov/expapi/verbs/completed"
#define VERB_ATTEMPTED "http://adlnet.gov/expapi/verbs/attempted"
#define VERB_SKIPPED "http://id.tincanapi.com/verb/skipped"
#define VERB_VOIDED "http://adlnet.gov/expapi/verbs/voided"
#define ACTIVITY_TYPE "http://adlnet.gov/expapi/activities/interaction"

bool store_xapi_home_valid(const char *home)
{
    if (!home)
        return false;
    size_t n = strlen(home);
    size_t scheme = strncmp(home, "https://", 8) == 0 ? 8 : strncmp(home, "http://", 7) == 0 ? 7 : 0;
    if (!scheme || n <= scheme || n > 200 || home[n - 1] == '/')
        return false;
    for (const char *p = home; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' ||
            *p == '\\' || *p == '#' || *p == '?')
            return false;
    return true;
}

void store_xapi_duration(uint64_t ms, char out[32])
{
    uint64_t cs = (ms + 5) / 10;  /* xAPI: 0.01 s precision */
    uint64_t h = cs / 360000, m = cs / 6000 % 60, s = cs / 100 % 60, frac = cs % 100;
    char *p = out;
    size_t cap = 32;
    int n = snprintf(p, cap, "PT");
    if (h)
        n += snprintf(p + n, cap - (size_t)n, "%lluH", (unsigned long long)h);
    if (m)
        n += snprintf(p + n, cap - (size_t)n, "%lluM", (unsigned long long)m);
    if (s || frac || (!h && !m)) {
        n += snprintf(p + n, cap - (size_t)n, "%llu", (unsigned long long)s);
        if (frac % 10)
            snprintf(p + n, cap - (size_t)n, ".%02lluS", (unsigned long long)frac);
        else if (frac)
            snprintf(p + n, cap - (size_t)n, ".%lluS", (unsigned long long)(frac / 10));
        else
            snprintf(p + n, cap - (size_t)n, "S");
    }
}

void store_xapi_timestamp(int64_t ts_ms, char out[32])
{
    time_t t = (time_t)(ts_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%03dZ", (int)(ts_ms % 1000));
}

static bool is_uuid(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

void store_xapi_registration(const char *trainee, const char *task, char out[STORE_UUID_LEN])
{
    /* name-based, in the UUID version-5 layout, hashed with SHA-256 (not SHA-1) */
    char name[160];
    int n = snprintf(name, sizeof name, "stiel:task:%s:%s", trainee, task);
    uint8_t h[STORE_HASH_LEN];
    store_hash_payload(name, n < 0 ? 0 : (size_t)n < sizeof name ? (size_t)n : sizeof name - 1, h);
    h[6] = (uint8_t)((h[6] & 0x0f) | 0x50);
    h[8] = (uint8_t)((h[8] & 0x3f) | 0x80);
    snprintf(out, STORE_UUID_LEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1],
             h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14],
             h[15]);
}

static cJSON *lang_map(const char *en)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "en-US", en);
    return m;
}

static cJSON *actor_account(const char *home, const char *name)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "objectType", "Agent");
    cJSON *acc = cJSON_AddObjectToObject(a, "account");
    cJSON_AddStringToObject(acc, "homePage", home);
    cJSON_AddStringToObject(acc, "name", name);
    return a;
}

static cJSON *verb(const char *iri, const char *display)
{
    cJSON *v = cJSON_CreateObject();
    cJSON_AddStringToObject(v, "id", iri);
    cJSON_AddItemToObject(v, "display", lang_map(display));
    return v;
}

static cJSON *name_list(unsigned bits, evidence_flow flow, bool hints)
{
    static const char *const hint_names[] = {"photo", "highlight", "spoken"};
    cJSON *a = cJSON_CreateArray();
    for (unsigned b = 0; b < 16; b++) {
        if (!(bits & (1u << b)))
            continue;
        const char *n = hints ? (b < 3 ? hint_names[b] : NULL) : evidence_error_name(flow, b);
        if (n)
            cJSON_AddItemToArray(a, cJSON_CreateString(n));
    }
    return a;
}

/* Adds key home/xapi/ext/<ext> to obj. */
static void add_ext(cJSON *obj, const char *home, const char *ext, cJSON *value)
{
    char iri[300];
    snprintf(iri, sizeof iri, "%s/xapi/ext/%s", home, ext);
    cJSON_AddItemToObject(obj, iri, value);
}

static stiel_status print_into(cJSON *st, stiel_buf *out)
{
    char *text = st ? cJSON_PrintUnformatted(st) : NULL;
    cJSON_Delete(st);
    if (!text)
        return STIEL_ERR_NOMEM;
    stiel_status s = stiel_buf_puts(out, text);
    cJSON_free(text);
    return s;
}

stiel_status store_xapi_step_statement(const store_row *row, const char *home, stiel_buf *out)
{
    if (!row || !row->payload || row->erased || strncmp(row->kind, EVIDENCE_KIND_STEP_PREFIX,
                                                        strlen(EVIDENCE_KIND_STEP_PREFIX)) != 0)
        return STIEL_ERR_NOT_FOUND;
    evidence_record r;
    if (evidence_json_parse(row->payload, strlen(row->payload), &r, NULL) != STIEL_OK)
        return STIEL_ERR_NOT_FOUND;
    cJSON *st = cJSON_CreateObject();
    cJSON_AddStringToObject(st, "id", row->id);
    cJSON_AddItemToObject(st, "actor", actor_account(home, row->trainee_id));
    bool success = r.result == PICK_RESULT_RIGHT_FIRST_TIME;
    bool completion = r.result == PICK_RESULT_RIGHT_FIRST_TIME || r.result == PICK_RESULT_CORRECTED;
    if (completion)
        cJSON_AddItemToObject(st, "verb", verb(VERB_COMPLETED, "completed"));
    else if (r.result == PICK_RESULT_SKIPPED)
        cJSON_AddItemToObject(st, "verb", verb(VERB_SKIPPED, "skipped"));
    else
        cJSON_AddItemToObject(st, "verb", verb(VERB_ATTEMPTED, "attempted"));

    cJSON *obj = cJSON_AddObjectToObject(st, "object");
    cJSON_AddStringToObject(obj, "objectType", "Activity");
    char iri[300];
    snprintf(iri, sizeof iri, "%s/xapi/activities/%s", home, row->kind);
    cJSON_AddStringToObject(obj, "id", iri);
    cJSON *def = cJSON_AddObjectToObject(obj, "definition");
    char name[96];
    snprintf(name, sizeof name, "%s: %s", evidence_flow_name(r.flow), r.step);
    for (char *p = name; *p; p++)
        if (*p == '_')
            *p = ' ';
    cJSON_AddItemToObject(def, "name", lang_map(name));
    cJSON_AddStringToObject(def, "type", ACTIVITY_TYPE);

    cJSON *res = cJSON_AddObjectToObject(st, "result");
    cJSON_AddBoolToObject(res, "success", success);
    cJSON_AddBoolToObject(res, "completion", completion);
    char dur[32];
    store_xapi_duration(r.duration_ms, dur);
    cJSON_AddStringToObject(res, "duration", dur);
    cJSON *rx = cJSON_AddObjectToObject(res, "extensions");
    add_ext(rx, home, "result", cJSON_CreateString(pick_result_name(r.result)));
    add_ext(rx, home, "errors", cJSON_CreateNumber(r.errors));
    add_ext(rx, home, "error-kinds", name_list(r.error_kinds, r.flow, false));
    add_ext(rx, home, "expected", cJSON_CreateString(r.expected));
    add_ext(rx, home, "scanned", cJSON_CreateString(r.scanned));

    cJSON *ctx = cJSON_AddObjectToObject(st, "context");
    char reg[STORE_UUID_LEN];
    if (is_uuid(r.session))
        snprintf(reg, sizeof reg, "%s", r.session);
    else
        store_xapi_registration(row->trainee_id, r.task, reg);
    cJSON_AddStringToObject(ctx, "registration", reg);
    cJSON_AddStringToObject(ctx, "platform", "Stiel kiosk");
    cJSON *cx = cJSON_AddObjectToObject(ctx, "extensions");
    add_ext(cx, home, "service-level", cJSON_CreateNumber(r.level));
    add_ext(cx, home, "help-level", cJSON_CreateString(pick_prompt_name(r.coach_help)));
    add_ext(cx, home, "kiosk-help", name_list(r.kiosk_help, r.flow, true));
    add_ext(cx, home, "task", cJSON_CreateString(r.task));
    add_ext(cx, home, "kiosk", cJSON_CreateString(row->kiosk_id));
    if (r.device[0])
        add_ext(cx, home, "device", cJSON_CreateString(r.device));

    char ts[32];
    store_xapi_timestamp(row->ts_ms, ts);
    cJSON_AddStringToObject(st, "timestamp", ts);
    cJSON_AddStringToObject(st, "version", "1.0.3");
    return print_into(st, out);
}

stiel_status store_xapi_void_statement(const store_row *row, const char *home, stiel_buf *out)
{
    if (!row || !row->voids_id || row->erased)
        return STIEL_ERR_NOT_FOUND;
    cJSON *st = cJSON_CreateObject();
    cJSON_AddStringToObject(st, "id", row->id);
    cJSON_AddItemToObject(st, "actor", actor_account(home, row->actor_id));
    cJSON_AddItemToObject(st, "verb", verb(VERB_VOIDED, "voided"));
    cJSON *obj = cJSON_AddObjectToObject(st, "object");
    cJSON_AddStringToObject(obj, "objectType", "StatementRef");
    cJSON_AddStringToObject(obj, "id", row->voids_id);
    char ts[32];
    store_xapi_timestamp(row->ts_ms, ts);
    cJSON_AddStringToObject(st, "timestamp", ts);
    cJSON_AddStringToObject(st, "version", "1.0.3");
    return print_into(st, out);
}

/* ---- the export ---------------------------------------------------------------------------- */

typedef struct xapi_walk {
    store *s;
    const char *home;
    FILE *out;
    stiel_buf buf;
    sqlite3_stmt *first_void;  /* the earliest event that voids ?1 */
    sqlite3_stmt *target;      /* the voided event's kind and payload */
    int64_t count;
    stiel_status st;
    stiel_diag *diag;
} xapi_walk;

/* Is row the first void of a statement we exported (a step event that still has a payload and
 * parses)? */
static bool voids_a_statement(xapi_walk *w, const store_row *row)
{
    sqlite3_stmt *q = w->first_void;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, row->voids_id, -1, SQLITE_STATIC);
    bool first = sqlite3_step(q) == SQLITE_ROW &&
                 strcmp((const char *)sqlite3_column_text(q, 0), row->id) == 0;
    sqlite3_reset(q);
    if (!first)
        return false;
    q = w->target;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, row->voids_id, -1, SQLITE_STATIC);
    bool ok = false;
    if (sqlite3_step(q) == SQLITE_ROW) {
        store_row t = {.id = row->voids_id, .kind = (const char *)sqlite3_column_text(q, 0),
                       .payload = (const char *)sqlite3_column_text(q, 1),
                       .trainee_id = (const char *)sqlite3_column_text(q, 2),
                       .kiosk_id = "", .actor_id = ""};
        evidence_record r;
        ok = t.kind && t.payload && sqlite3_column_type(q, 3) == SQLITE_NULL &&
             strncmp(t.kind, EVIDENCE_KIND_STEP_PREFIX, strlen(EVIDENCE_KIND_STEP_PREFIX)) == 0 &&
             evidence_json_parse(t.payload, strlen(t.payload), &r, NULL) == STIEL_OK;
    }
    sqlite3_reset(q);
    return ok;
}

static int xapi_row(const store_row *row, void *ctx)
{
    xapi_walk *w = ctx;
    if (row->erased || !row->payload)
        return 0;
    stiel_buf_reset(&w->buf);
    stiel_status st;
    if (row->voids_id)
        st = voids_a_statement(w, row) ? store_xapi_void_statement(row, w->home, &w->buf)
                                       : STIEL_ERR_NOT_FOUND;
    else
        st = store_xapi_step_statement(row, w->home, &w->buf);
    if (st == STIEL_ERR_NOT_FOUND)
        return 0;
    if (st != STIEL_OK) {
        w->st = stiel_diag_set(w->diag, st, "cannot build the statement for event %s", row->id);
        return 1;
    }
    if (fputs(w->count ? ",\n" : "\n", w->out) < 0 || fputs((const char *)w->buf.data, w->out) < 0) {
        w->st = stiel_diag_set(w->diag, STIEL_ERR_IO, "cannot write the xAPI export");
        return 1;
    }
    w->count++;
    return 0;
}

stiel_status store_export_xapi(store *s, const char *home_page, FILE *out, int64_t *count,
                               stiel_diag *diag)
{
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_CLOSED, "the evidence store is not open");
    const char *home = home_page ? home_page : STORE_XAPI_HOME_DEFAULT;
    if (!store_xapi_home_valid(home))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "the hub's home page '%.80s' is not an http(s) IRI without a "
                              "trailing slash, query or fragment", home);
    xapi_walk w = {.s = s, .home = home, .out = out, .diag = diag, .st = STIEL_OK};
    stiel_buf_init(&w.buf, STORE_PAYLOAD_MAX * 4);
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM events WHERE voids_id = ?1"
                                " ORDER BY ts_ms, kiosk_id, seq LIMIT 1",
                                -1, &w.first_void, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT kind, payload, trainee_id, voids_id FROM events"
                                " WHERE id = ?1",
                                -1, &w.target, NULL);
    stiel_status st = STIEL_OK;
    if (rc != SQLITE_OK)
        st = store_sqlite_fail(s, rc, "cannot prepare the xAPI export", diag);
    if (st == STIEL_OK && fputs("[", out) < 0)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot write the xAPI export");
    if (st == STIEL_OK)
        st = store_events_each(s, xapi_row, &w, diag);
    if (st == STIEL_OK)
        st = w.st;
    if (st == STIEL_OK && fputs(w.count ? "\n]\n" : "]\n", out) < 0)
        st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot write the xAPI export");
    sqlite3_finalize(w.first_void);
    sqlite3_finalize(w.target);
    stiel_buf_free(&w.buf);
    if (st == STIEL_OK && count)
        *count = w.count;
    return st;
}
