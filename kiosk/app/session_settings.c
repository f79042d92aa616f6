/* Per-trainee kiosk settings (session.h): task kinds, drills, spoken instructions and language as
 * "trainee.settings" events by a supervisor, the newest (neither voided nor erased) winning. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/app/session.h"
#include "kiosk/core/access.h"
#include "kiosk/core/evidence_json.h"

typedef struct settings_scan {
    session_trainee_settings *out;
    char voided[8][STORE_UUID_LEN];  /* the latest voids seen (settings are rarely voided) */
    size_t nvoided;
    char last_id[STORE_UUID_LEN];
} settings_scan;

static void defaults(session_trainee_settings *o)
{
    memset(o, 0, sizeof *o);
    o->pick = o->pack = o->speech = true;
    o->drills = true;
}

static bool lang_ok(const char *l)
{
    return !l[0] || strcmp(l, "nl") == 0 || strcmp(l, "fr") == 0 || strcmp(l, "en") == 0 ||
           strcmp(l, "ar") == 0;
}

static bool flag(const cJSON *root, const char *key, bool dflt)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsBool(j) ? cJSON_IsTrue(j) : dflt;
}

static int settings_row(const store_row *row, void *ctx)
{
    settings_scan *c = ctx;
    if (strcmp(row->kind, EVIDENCE_KIND_VOID) == 0 && row->voids_id) {
        /* a void of the settings in force brings back the defaults */
        if (strcmp(row->voids_id, c->last_id) == 0) {
            defaults(c->out);
            c->last_id[0] = '\0';
        }
        return 0;
    }
    if (strcmp(row->kind, SESSION_KIND_TRAINEE_SETTINGS) != 0 || row->erased || !row->payload)
        return 0;
    cJSON *root = cJSON_Parse(row->payload);
    if (!root)
        return 0;
    session_trainee_settings s;
    defaults(&s);
    s.pick = flag(root, "pick", true);
    s.pack = flag(root, "pack", true);
    s.drills = flag(root, "drills", true);
    s.speech = flag(root, "speech", true);
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(root, "language");
    if (cJSON_IsString(l) && strlen(l->valuestring) < sizeof s.language &&
        lang_ok(l->valuestring))
        snprintf(s.language, sizeof s.language, "%s", l->valuestring);
    s.recorded = true;
    cJSON_Delete(root);
    *c->out = s;
    snprintf(c->last_id, sizeof c->last_id, "%s", row->id);
    return 0;
}

stiel_status session_trainee_settings_get(store *s, const char *trainee_id,
                                          session_trainee_settings *out, stiel_diag *diag)
{
    defaults(out);
    settings_scan c = {.out = out};
    return store_trainee_events(s, trainee_id, settings_row, &c, diag);
}

stiel_status session_trainee_settings_set(store *s, const char *kiosk_id, const char *trainee_id,
                                          const char *actor_id,
                                          const session_trainee_settings *in, int64_t now_ms,
                                          stiel_diag *diag)
{
    if (!lang_ok(in->language))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "language '%s' is not nl, fr, en or ar", in->language);
    if (!in->pick && !in->pack)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "at least one task kind (pick or pack) must stay on");
    stiel_status st = store_staff_authorize(s, kiosk_id, actor_id, ACCESS_LEVEL_CHANGE,
                                            trainee_id, now_ms, NULL, diag);
    if (st != STIEL_OK)
        return st;
    char payload[160];
    snprintf(payload, sizeof payload,
             "{\"pick\":%s,\"pack\":%s,\"drills\":%s,\"speech\":%s,\"language\":\"%s\"}",
             in->pick ? "true" : "false", in->pack ? "true" : "false",
             in->drills ? "true" : "false", in->speech ? "true" : "false", in->language);
    store_event ev = {.kiosk_id = kiosk_id, .ts_ms = now_ms, .trainee_id = trainee_id,
                      .actor_id = actor_id, .kind = SESSION_KIND_TRAINEE_SETTINGS,
                      .payload = payload};
    return store_append(s, &ev, NULL, diag);
}
