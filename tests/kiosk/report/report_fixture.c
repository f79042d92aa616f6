/* The dossier tests' fixture store (see report_fixture.h). */
#include "tests/kiosk/report/report_fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAY_MS INT64_C(86400000)
#define HOUR_MS INT64_C(3600000)

char *rf_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if (stiel_buf_append(&b, chunk, n) != STIEL_OK)
            break;
    fclose(fp);
    if (!b.data) {
        b.data = calloc(1, 1);
        b.len = 0;
    }
    if (len)
        *len = b.len;
    return (char *)b.data;
}

static int load_assets(rf *f)
{
    static const char *const names[] = {"magazijnmedewerker.ini", "verpakker.ini"};
    for (size_t i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/competencies/%s", STIEL_TEST_ASSETS, names[i]);
        size_t len = 0;
        char *text = rf_read(path, &len);
        if (!text || competency_framework_parse(path, text, len, &f->fw[f->nfw], NULL) != STIEL_OK) {
            fprintf(stderr, "report fixture: cannot load %s\n", path);
            free(text);
            return -1;
        }
        free(text);
        f->nfw++;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/levels.ini", STIEL_TEST_ASSETS);
    size_t len = 0;
    char *text = rf_read(path, &len);
    int rc = text && service_levels_parse(path, text, len, &f->levels, NULL) == STIEL_OK ? 0 : -1;
    free(text);
    return rc;
}

typedef struct task_spec {
    unsigned level;
    int64_t start_ms;
    unsigned step_s;
    bool item_error, quantity_prompt;
} task_spec;

static stiel_status append(store *s, const char *kiosk, int64_t ts, const char *actor,
                           const char *kind, const char *payload, const char *voids,
                           store_receipt *rc)
{
    store_event ev = {.kiosk_id = kiosk, .ts_ms = ts, .trainee_id = RF_TRAINEE,
                      .actor_id = actor, .kind = kind, .payload = payload, .voids_id = voids};
    stiel_diag d;
    stiel_status st = store_append(s, &ev, rc, &d);
    if (st != STIEL_OK)
        fprintf(stderr, "report fixture: %s\n", d.text);
    return st;
}

/* One pick task of one line: get_work, go_to_location, scan_location, scan_item, quantity, put,
 * then done (its duration: the task's). last_put receives the put event's receipt. */
static stiel_status task(store *s, const task_spec *t, int n, store_receipt *last_put)
{
    static const char *const steps[] = {"get_work", "go_to_location", "scan_location",
                                        "scan_item", "quantity", "put"};
    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = EVIDENCE_FLOW_PICK;
    snprintf(r.trainee, sizeof r.trainee, "%s", RF_TRAINEE);
    r.level = t->level;
    snprintf(r.task, sizeof r.task, "TR-%04d", n);
    snprintf(r.device, sizeof r.device, "scanner-1");
    stiel_buf b;
    stiel_buf_init(&b, STORE_PAYLOAD_MAX);
    int64_t ts = t->start_ms;
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < 6; i++) {
        snprintf(r.step, sizeof r.step, "%s", steps[i]);
        r.seq++;
        r.line = i == 0 ? 0 : 1;
        bool err = t->item_error && strcmp(steps[i], "scan_item") == 0;
        r.result = err ? PICK_RESULT_CORRECTED : PICK_RESULT_RIGHT_FIRST_TIME;
        r.errors = err ? 1 : 0;
        r.error_kinds = err ? 1 : 0;
        r.coach_help = t->quantity_prompt && strcmp(steps[i], "quantity") == 0
                           ? PICK_PROMPT_VERBAL
                           : PICK_PROMPT_NONE;
        r.units = 1;
        r.duration_ms = (uint64_t)t->step_s * 1000;
        ts += (int64_t)r.duration_ms;
        r.at_ms = (uint64_t)ts;
        snprintf(r.expected, sizeof r.expected, "8719123400%03d", n % 1000);
        snprintf(r.scanned, sizeof r.scanned, "%s", r.expected);
        char kind[EVIDENCE_KIND_MAX + 1];
        stiel_buf_reset(&b);
        st = evidence_kind(&r, kind, sizeof kind);
        if (st == STIEL_OK)
            st = evidence_json_write(&r, &b);
        if (st == STIEL_OK)
            st = append(s, "pick-1", ts, RF_TRAINEE, kind, (const char *)b.data, NULL,
                        i == 5 ? last_put : NULL);
    }
    if (st == STIEL_OK) {
        snprintf(r.step, sizeof r.step, "done");
        r.seq++;
        r.line = 0;
        r.result = PICK_RESULT_RIGHT_FIRST_TIME;
        r.errors = r.error_kinds = 0;
        r.coach_help = PICK_PROMPT_NONE;
        r.duration_ms = (uint64_t)t->step_s * 6000;
        snprintf(r.scanned, sizeof r.scanned, "done:1");
        stiel_buf_reset(&b);
        st = evidence_json_write(&r, &b);
        if (st == STIEL_OK)
            st = append(s, "pick-1", ts, RF_TRAINEE, "step.pick.done", (const char *)b.data,
                        NULL, NULL);
    }
    stiel_buf_free(&b);
    return st;
}

static stiel_status observation(store *s, int64_t ts, const char *cat, bool positive,
                                const char *note)
{
    evidence_observation o;
    memset(&o, 0, sizeof o);
    snprintf(o.category, sizeof o.category, "%s", cat);
    o.positive = positive;
    snprintf(o.note, sizeof o.note, "%s", note);
    stiel_buf b;
    stiel_buf_init(&b, STORE_PAYLOAD_MAX);
    stiel_status st = evidence_observation_write(&o, &b);
    if (st == STIEL_OK)
        st = append(s, "coach-1", ts, "C-01", EVIDENCE_KIND_OBSERVATION, (const char *)b.data,
                    NULL, NULL);
    stiel_buf_free(&b);
    return st;
}

static int fill(rf *f)
{
    stiel_diag d;
    const int64_t t0 = RF_DAY0 * DAY_MS;
    store_trainee t = {.id = RF_TRAINEE, .badge = "TB-0042", .display_name = RF_NAME,
                       .language = "nl", .level = 2, .consent = true};
    store_event ev = {.kiosk_id = "coach-1", .ts_ms = t0 - DAY_MS, .trainee_id = RF_TRAINEE,
                      .actor_id = "setup", .kind = "trainee.added",
                      .payload = "{\"level\":2,\"language\":\"nl\",\"source\":\"test\"}"};
    store_staff sup = {.id = "S-01", .role = ACCESS_ROLE_SUPERVISOR, .badge = "SB-01",
                       .name = "Ilse Supervisor"};
    store_staff coach = {.id = "C-01", .role = ACCESS_ROLE_COACH, .badge = "CB-01",
                         .name = RF_COACH_NAME};
    if (store_trainee_add(f->s, &t, &ev, NULL, NULL, &d) != STIEL_OK ||
        store_staff_add(f->s, "coach-1", &sup, NULL, "setup", t0 - DAY_MS, &d) != STIEL_OK ||
        store_staff_add(f->s, "coach-1", &coach, NULL, "S-01", t0 - DAY_MS, &d) != STIEL_OK) {
        fprintf(stderr, "report fixture: %s\n", d.text);
        return -1;
    }
    static const unsigned step_s[6] = {20, 20, 20, 18, 15, 12};
    store_receipt put;
    int n = 0;
    for (int day = 0; day < 6; day++) {
        int64_t date = t0 + day * DAY_MS;
        unsigned level = day < 3 ? 2 : 3;
        if (day == 3 && store_trainee_set_level(f->s, "coach-1", RF_TRAINEE, 3, "S-01",
                                                "ready: 97 % right first time", date + 7 * HOUR_MS,
                                                NULL, &d) != STIEL_OK) {
            fprintf(stderr, "report fixture: %s\n", d.text);
            return -1;
        }
        for (int k = 0; k < 3; k++) {
            task_spec ts = {.level = level, .start_ms = date + 9 * HOUR_MS + k * HOUR_MS,
                            .step_s = step_s[day], .item_error = level == 2 && k == 0,
                            .quantity_prompt = day == 0 || (day == 1 && k == 0)};
            if (task(f->s, &ts, ++n, &put) != STIEL_OK)
                return -1;
        }
        if (day == 1 && observation(f->s, date + 14 * HOUR_MS, "safety", true, RF_OBS_NOTE) != STIEL_OK)
            return -1;
        if (day == 4 && observation(f->s, date + 14 * HOUR_MS, "teamwork", false,
                                    "Did not hand over the tote") != STIEL_OK)
            return -1;
    }
    /* the last put of day 5 was a colleague's scan: voided */
    if (append(f->s, "coach-1", t0 + 5 * DAY_MS + 15 * HOUR_MS, "C-01", EVIDENCE_KIND_VOID,
               "{\"reason\":\"scanned by a colleague\"}", put.id, NULL) != STIEL_OK)
        return -1;
    if (store_competency_sign_off(f->s, "coach-1", RF_TRAINEE, "mm.location",
                                  "magazijnmedewerker", "C-01", false, RF_SIGNOFF_REASON,
                                  t0 + 5 * DAY_MS + 16 * HOUR_MS, NULL, &d) != STIEL_OK) {
        fprintf(stderr, "report fixture: %s\n", d.text);
        return -1;
    }
    return 0;
}

int rf_make(rf *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/stiel-report-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/evidence.db", f->dir);
    stiel_diag d;
    if (load_assets(f) != 0)
        return -1;
    if (store_open(f->path, NULL, &f->s, &d) != STIEL_OK) {
        fprintf(stderr, "report fixture: %s\n", d.text);
        return -1;
    }
    return fill(f);
}

void rf_drop(rf *f)
{
    store_close(f->s);
    f->s = NULL;
    DIR *dir = opendir(f->dir);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[400];
            snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
            unlink(p);
        }
        closedir(dir);
    }
    rmdir(f->dir);
}

report_options rf_options(const rf *f)
{
    report_options o = {.from_day = REPORT_DAY_NONE, .to_day = REPORT_DAY_NONE,
                        .frameworks = f->fw, .framework_count = f->nfw, .levels = &f->levels,
                        .now_ms = (RF_DAY0 + 7) * INT64_C(86400000) + INT64_C(36000000),
                        .chains_from_all_events = true};
    return o;
}
