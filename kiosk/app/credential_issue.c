/* Issuing a credential from the store: the competency's framework and criteria, its evaluation
 * over the trainee's evidence summary, the standing sign-off, and the evidence list, signed
 * with the hub's key. */
#include "kiosk/app/credential_issue.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void credential_time_text(int64_t ms, char out[24])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = stiel_buf_append(&b, chunk, n) == STIEL_OK;
    ok = ok && !ferror(f);
    fclose(f);
    if (!ok) {
        stiel_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? (char *)b.data : calloc(1, 1);
}

stiel_status credential_frameworks_load(const char *assets, credential_frameworks *out,
                                        stiel_diag *diag)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/competencies", assets);
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s (set --assets)", dir);
    out->count = 0;
    stiel_status st = STIEL_OK;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (st == STIEL_OK && len > 4 && strcmp(name + len - 4, ".ini") == 0 &&
            out->count < CREDENTIAL_FRAMEWORKS_MAX) {
            char path[800];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            size_t tl = 0;
            char *text = slurp(path, &tl);
            core_errors errs;
            core_errors_clear(&errs);
            if (!text)
                st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s", path);
            else
                st = competency_framework_parse(path, text, tl, &out->items[out->count], &errs);
            if (st == STIEL_OK)
                out->count++;
            else if (text)
                stiel_diag_set(diag, st, "%s", errs.count ? errs.items[0].text : path);
            free(text);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

const competency_def *credential_frameworks_find(const credential_frameworks *fws, const char *id,
                                                 const competency_framework **fw_out)
{
    for (size_t i = 0; i < fws->count; i++) {
        const competency_def *d = competency_framework_find(&fws->items[i], id);
        if (d) {
            if (fw_out)
                *fw_out = &fws->items[i];
            return d;
        }
    }
    return NULL;
}

static int summary_row(const store_summary_row *row, void *ctx)
{
    competency_counts n = {
        .attempts = (uint64_t)row->attempts, .rft = (uint64_t)row->rft,
        .independent = (uint64_t)row->independent, .skipped = (uint64_t)row->skipped,
        .coach_done = (uint64_t)row->coach_done, .errors = (uint64_t)row->errors,
        .duration_ms = (uint64_t)row->duration_ms, .help_weight = (uint64_t)row->help_weight,
        .lines_done = (uint64_t)row->lines_done};
    return competency_cells_add(ctx, row->kind, row->level, row->day, &n, 1) == STIEL_OK ? 0 : 1;
}

typedef struct obs_list {
    competency_observation_in *items;
    size_t count, alloc;
    bool nomem;
} obs_list;

static int coach_row(const store_row *row, void *ctx)
{
    obs_list *l = ctx;
    evidence_observation o;
    if (!row->payload || strcmp(row->kind, EVIDENCE_KIND_OBSERVATION) != 0 ||
        evidence_observation_parse(row->payload, strlen(row->payload), &o, NULL) != STIEL_OK)
        return 0;
    if (l->count == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 16;
        void *p = realloc(l->items, na * sizeof *l->items);
        if (!p) {
            l->nomem = true;
            return 1;
        }
        l->items = p;
        l->alloc = na;
    }
    competency_observation_in *x = &l->items[l->count++];
    memset(x, 0, sizeof *x);
    snprintf(x->category, sizeof x->category, "%s", o.category);
    x->day = row->ts_ms / 86400000;
    x->ts_ms = row->ts_ms;
    x->positive = o.positive;
    return 0;
}

stiel_status credential_competency_eval(store *s, const char *trainee_id,
                                        const competency_framework *fw,
                                        const competency_def *def, competency_result *out,
                                        stiel_diag *diag)
{
    competency_cells cells;
    competency_cells_init(&cells);
    obs_list obs = {0};
    competency_result *res = calloc(fw->count ? fw->count : 1, sizeof *res);
    stiel_status st = res ? STIEL_OK : stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    if (st == STIEL_OK)
        st = store_stats_summary(s, trainee_id, summary_row, &cells, diag);
    if (st == STIEL_OK)
        st = store_stats_coach_events(s, trainee_id, coach_row, &obs, diag);
    if (st == STIEL_OK && obs.nomem)
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    if (st == STIEL_OK) {
        competency_input in = {.cells = cells.items, .cell_count = cells.count,
                               .observations = obs.items, .observation_count = obs.count};
        st = competency_evaluate(fw, &in, res);
        if (st != STIEL_OK)
            stiel_diag_set(diag, st, "cannot evaluate the competencies");
    }
    if (st == STIEL_OK) {
        size_t i = (size_t)(def - fw->items);
        *out = res[i];
        out->def = def;
    }
    free(res);
    free(obs.items);
    competency_cells_free(&cells);
    return st;
}

static void criteria_text(const competency_def *d, char *out, size_t cap)
{
    if (d->source == COMP_SOURCE_OBSERVATIONS)
        snprintf(out, cap,
                 "At least %u positive observations by a job coach of %s on at least %u days, "
                 "the latest one positive; then signed off by a job coach.",
                 d->min_attempts, d->category, d->min_days);
    else
        snprintf(out, cap,
                 "At service level %u or above: at least %u attempts, %u %% right first time, "
                 "%u %% without a coach prompt, on at least %u days; then signed off by a job "
                 "coach.",
                 d->min_level, d->min_attempts, d->min_rft_pct, d->min_independent_pct,
                 d->min_days);
}

static void measured_text(const competency_def *d, const competency_result *r, char *out,
                          size_t cap)
{
    if (d->source == COMP_SOURCE_OBSERVATIONS)
        snprintf(out, cap, "%llu positive coach observations (%s) on %u days, %llu concerns",
                 (unsigned long long)r->attempts, d->category, r->days,
                 (unsigned long long)r->concerns);
    else
        snprintf(out, cap,
                 "%llu attempts at level %u or above on %u days: %.0f %% right first time, "
                 "%.0f %% without a coach prompt (%llu attempts at any level)",
                 (unsigned long long)r->attempts, d->min_level, r->days, r->rft_pct,
                 r->independent_pct, (unsigned long long)r->attempts_all);
}

static void uuid_urn(char out[48])
{
    uint8_t b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    snprintf(out, 48,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

stiel_status credential_issue(store *s, const credential_issue_opts *o, const char *trainee_id,
                              const competency_framework *fw, const competency_def *def,
                              cJSON **out, stiel_diag *diag)
{
    *out = NULL;
    store_trainee t;
    stiel_status st = store_trainee_get(s, trainee_id, &t, diag);
    if (st != STIEL_OK)
        return st;
    if (t.erased)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "trainee %s was erased", trainee_id);
    store_signoff so;
    st = store_competency_signoff_find(s, trainee_id, def->id, &so, diag);
    if (st == STIEL_ERR_NOT_FOUND)
        return stiel_diag_set(diag, st, "%s: %s is not signed off yet", trainee_id, def->id);
    if (st != STIEL_OK)
        return st;
    competency_result r;
    st = credential_competency_eval(s, trainee_id, fw, def, &r, diag);
    if (st != STIEL_OK)
        return st;

    char coach[CAT_TEXT_MAX + STORE_ID_MAX + 8];
    store_staff m;
    if (o->with_names && store_staff_get(s, so.coach_id, &m, NULL) == STIEL_OK && m.name[0])
        snprintf(coach, sizeof coach, "%s (%s)", m.name, so.coach_id);
    else
        snprintf(coach, sizeof coach, "%s", so.coach_id);
    char when[24], criteria[400], measured[300], narrative[1200], sodesc[200];
    credential_time_text(so.ts_ms, when);
    criteria_text(def, criteria, sizeof criteria);
    measured_text(def, &r, measured, sizeof measured);
    if (so.criteria_met)
        snprintf(narrative, sizeof narrative,
                 "Signed off on %.10s by job coach %s. The criteria were met.", when, coach);
    else
        snprintf(narrative, sizeof narrative,
                 "Signed off on %.10s by job coach %s, who judged the competency shown although "
                 "the kiosk's criteria were not all met. The coach's reason: %s",
                 when, coach, so.reason);
    snprintf(sodesc, sizeof sodesc, "Event %s in the hub's hash-chained evidence log, chain hash %s",
             so.event_id, so.hash_hex);
    char so_id[64], kinds[400] = "";
    snprintf(so_id, sizeof so_id, "urn:uuid:%s", so.event_id);
    for (size_t i = 0; i < def->kind_count; i++) {
        size_t n = strlen(kinds);
        snprintf(kinds + n, sizeof kinds - n, "%s%s", i ? ", " : "", def->kinds[i]);
    }
    char ev_name[460];
    snprintf(ev_name, sizeof ev_name, "%s",
             def->source == COMP_SOURCE_OBSERVATIONS ? "Coach observations"
                                                      : "Work recorded by the kiosk");
    char ev_desc[800];
    snprintf(ev_desc, sizeof ev_desc, "%s%s%s", measured, kinds[0] ? "; step kinds: " : "", kinds);
    credential_evidence ev[2] = {
        {.id = so_id, .name = "Sign-off by a job coach", .description = sodesc,
         .narrative = narrative},
        {.name = ev_name, .description = ev_desc},
    };

    char did[CREDENTIAL_DID_MAX], id[48], subject[80], ach[160], target[300], url[120], desc[300],
        now[24];
    credential_did_key(o->key->pk, did);
    uuid_urn(id);
    snprintf(subject, sizeof subject, "urn:stiel:trainee:%s", trainee_id);
    snprintf(ach, sizeof ach, "urn:stiel:competency:%s:%s", fw->id, def->id);
    if (strncmp(fw->qualification, fw->name_nl, strlen(fw->name_nl)) == 0)
        snprintf(target, sizeof target, "%s", fw->qualification);
    else
        snprintf(target, sizeof target, "%s (%s)", fw->name_nl, fw->qualification);
    snprintf(url, sizeof url, "urn:stiel:qualification:%s", fw->id);
    snprintf(desc, sizeof desc, "%s.", def->name_en);
    credential_time_text(o->now_ms, now);
    credential_input in = {
        .id = id, .issuer_did = did, .issuer_name = o->issuer_name, .valid_from = now,
        .subject_id = subject,
        .subject_name = o->with_names && t.display_name[0] ? t.display_name : NULL,
        .achievement_id = ach, .name = def->name_nl, .description = desc, .criteria = criteria,
        .target_name = target,
        .target_code = strchr(fw->qualification, ' ') ? NULL : fw->qualification,
        .target_url = url, .target_description = def->reference[0] ? def->reference : NULL,
        .evidence = ev, .evidence_count = 2};
    cJSON *doc = NULL;
    st = credential_build(&in, &doc, diag);
    if (st == STIEL_OK)
        st = credential_sign(doc, o->key, now, diag);
    if (st != STIEL_OK) {
        cJSON_Delete(doc);
        return st;
    }
    *out = doc;
    return STIEL_OK;
}
