/* An Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credentials 2.0) for one competency,
 * built as a cJSON tree from plain inputs, and written to a file in its canonical form. */
#include "kiosk/app/credential.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CTX_VC "https://www.w3.org/ns/credentials/v2"
#define CTX_OB "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

/* Adds a one-element array ["name"] under key. */
static bool add_type(cJSON *obj, const char *key, const char *name)
{
    cJSON *a = cJSON_AddArrayToObject(obj, key);
    cJSON *s = a ? cJSON_CreateString(name) : NULL;
    return s && cJSON_AddItemToArray(a, s);
}

static bool add_opt(cJSON *obj, const char *key, const char *value)
{
    return !value || cJSON_AddStringToObject(obj, key, value) != NULL;
}

static bool build_achievement(const credential_input *in, cJSON *ach)
{
    bool ok = cJSON_AddStringToObject(ach, "id", in->achievement_id) &&
              add_type(ach, "type", "Achievement") &&
              cJSON_AddStringToObject(ach, "achievementType", "Competency") &&
              cJSON_AddStringToObject(ach, "name", in->name) &&
              cJSON_AddStringToObject(ach, "description", in->description);
    cJSON *crit = ok ? cJSON_AddObjectToObject(ach, "criteria") : NULL;
    ok = crit && cJSON_AddStringToObject(crit, "narrative", in->criteria);
    cJSON *al = ok ? cJSON_AddArrayToObject(ach, "alignment") : NULL;
    cJSON *a = al ? cJSON_CreateObject() : NULL;
    ok = a && cJSON_AddItemToArray(al, a) && add_type(a, "type", "Alignment") &&
         cJSON_AddStringToObject(a, "targetName", in->target_name) &&
         cJSON_AddStringToObject(a, "targetType", "ceterms:Credential") &&
         cJSON_AddStringToObject(a, "targetUrl", in->target_url) &&
         add_opt(a, "targetCode", in->target_code) &&
         add_opt(a, "targetDescription", in->target_description);
    /* the result: signed off by a job coach */
    cJSON *rds = ok ? cJSON_AddArrayToObject(ach, "resultDescription") : NULL;
    cJSON *rd = rds ? cJSON_CreateObject() : NULL;
    ok = rd && cJSON_AddItemToArray(rds, rd) &&
         cJSON_AddStringToObject(rd, "id", "urn:stiel:result:coach-sign-off") &&
         add_type(rd, "type", "ResultDescription") &&
         cJSON_AddStringToObject(rd, "name", "Signed off by a job coach") &&
         cJSON_AddStringToObject(rd, "resultType", "Status");
    return ok;
}

static bool build_subject(const credential_input *in, cJSON *sub)
{
    bool ok = cJSON_AddStringToObject(sub, "id", in->subject_id) &&
              add_type(sub, "type", "AchievementSubject");
    if (ok && in->subject_name) {
        cJSON *ids = cJSON_AddArrayToObject(sub, "identifier");
        cJSON *id = ids ? cJSON_CreateObject() : NULL;
        ok = id && cJSON_AddItemToArray(ids, id) && add_type(id, "type", "IdentityObject") &&
             cJSON_AddStringToObject(id, "identityHash", in->subject_name) &&
             cJSON_AddStringToObject(id, "identityType", "name") &&
             cJSON_AddFalseToObject(id, "hashed");
    }
    cJSON *ach = ok ? cJSON_AddObjectToObject(sub, "achievement") : NULL;
    ok = ach && build_achievement(in, ach);
    cJSON *res = ok ? cJSON_AddArrayToObject(sub, "result") : NULL;
    cJSON *r = res ? cJSON_CreateObject() : NULL;
    ok = r && cJSON_AddItemToArray(res, r) && add_type(r, "type", "Result") &&
         cJSON_AddStringToObject(r, "resultDescription", "urn:stiel:result:coach-sign-off") &&
         cJSON_AddStringToObject(r, "status", "Completed");
    return ok;
}

static bool build_evidence(const credential_input *in, cJSON *doc)
{
    cJSON *arr = cJSON_AddArrayToObject(doc, "evidence");
    bool ok = arr != NULL;
    for (size_t i = 0; ok && i < in->evidence_count; i++) {
        const credential_evidence *e = &in->evidence[i];
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(arr, o) && add_opt(o, "id", e->id) &&
             add_type(o, "type", "Evidence") && add_opt(o, "name", e->name) &&
             add_opt(o, "description", e->description) && add_opt(o, "narrative", e->narrative);
    }
    return ok;
}

stiel_status credential_build(const credential_input *in, cJSON **out, stiel_diag *diag)
{
    *out = NULL;
    if (!in || !in->id || !in->issuer_did || !in->issuer_name || !in->valid_from ||
        !in->subject_id || !in->achievement_id || !in->name || !in->description ||
        !in->criteria || !in->target_name || !in->target_url ||
        (in->evidence_count && !in->evidence))
        return stiel_diag_set(diag, STIEL_ERR_MISSING, "a credential input is missing");
    cJSON *doc = cJSON_CreateObject();
    cJSON *ctx = doc ? cJSON_AddArrayToObject(doc, "@context") : NULL;
    bool ok = ctx && cJSON_AddItemToArray(ctx, cJSON_CreateString(CTX_VC)) &&
              cJSON_AddItemToArray(ctx, cJSON_CreateString(CTX_OB));
    cJSON *types = ok ? cJSON_AddArrayToObject(doc, "type") : NULL;
    ok = types && cJSON_AddItemToArray(types, cJSON_CreateString("VerifiableCredential")) &&
         cJSON_AddItemToArray(types, cJSON_CreateString("OpenBadgeCredential")) &&
         cJSON_AddStringToObject(doc, "id", in->id);
    cJSON *iss = ok ? cJSON_AddObjectToObject(doc, "issuer") : NULL;
    ok = iss && cJSON_AddStringToObject(iss, "id", in->issuer_did) &&
         add_type(iss, "type", "Profile") && cJSON_AddStringToObject(iss, "name", in->issuer_name) &&
         cJSON_AddStringToObject(doc, "validFrom", in->valid_from) &&
         cJSON_AddStringToObject(doc, "name", in->name);
    cJSON *sub = ok ? cJSON_AddObjectToObject(doc, "credentialSubject") : NULL;
    ok = sub && build_subject(in, sub) && build_evidence(in, doc);
    if (!ok) {
        cJSON_Delete(doc);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory building the credential");
    }
    *out = doc;
    return STIEL_OK;
}

stiel_status credential_write(const cJSON *doc, const char *path, stiel_diag *diag)
{
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_status st = credential_canonical(doc, &b, diag);
    if (st == STIEL_OK && stiel_buf_puts(&b, "\n") != STIEL_OK)
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    if (st != STIEL_OK) {
        stiel_buf_free(&b);
        return st;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        stiel_buf_free(&b);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    }
    fchmod(fd, 0600);
    bool ok = write(fd, b.data, b.len) == (ssize_t)b.len;
    if (close(fd) != 0)
        ok = false;
    stiel_buf_free(&b);
    if (!ok)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s", path);
    return STIEL_OK;
}
