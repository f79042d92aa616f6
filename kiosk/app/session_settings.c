/* Per-trainee kiosk settings (session.h): task kinds, drills, spoken instructions and language as
 * "trainee.settings" events by a supervisor, the newest winning (read in one indexed query,
 * store_trainee_last; voided or erased: the defaults). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/app/session.h"
#include "kiosk/core/access.h"
#include "kiosk/core/evidence_json.h"

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
    session_trainee_settings *out = ctx;
    if (row->erased || !row->payload)
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
    *out = s;
    return 0;
}

typedef struct newest {
    char id[STORE_UUID_LEN];
    session_trainee_settings set;
} newest;

static int newest_row(const store_row *row, void *ctx)
{
    newest *n = ctx;
    snprintf(n->id, sizeof n->id, "%s", row->id);
    return settings_row(row, &n->set);
}

stiel_status session_trainee_settings_get(store *s, const char *trainee_id,
                                          session_trainee_settings *out, stiel_diag *diag)
{
    defaults(out);
    newest n;
    memset(&n, 0, sizeof n);
    defaults(&n.set);
    stiel_diag d;
    stiel_status st = store_trainee_last(s, trainee_id, SESSION_KIND_TRAINEE_SETTINGS, newest_row,
                                         &n, &d);
    if (st == STIEL_ERR_NOT_FOUND)
        return STIEL_OK;   /* none recorded: the defaults */
    if (st != STIEL_OK) {
        if (diag)
            *diag = d;
        return st;
    }
    /* a void of the settings in force brings back the defaults */
    bool voided = false;
    st = store_event_voided(s, n.id, &voided, diag);
    if (st == STIEL_OK && !voided)
        *out = n.set;
    return st;
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
