/* The figures behind the coach and supervisor pages: one trainee's competencies, charts and level
 * suggestion from the dossier model (kiosk/report report_build over every framework in
 * <assets>/competencies), the flagged events, the floor (kiosks seen in the store, the print
 * queue) and writing the dossier to a folder (its issue recorded as dossier.issued, so that
 * `stiel verify --code` checks it). Plain data out; no SDL. */
#include "kiosk/app/kiosk_staff.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/print_queue.h"
#include "kiosk/core/evidence_json.h"
#include "kiosk/report/report.h"
#include "kiosk/store/store_dossier.h"

enum { FW_MAX = REPORT_FRAMEWORKS_MAX, FLAGS_KEPT = KIOSK_FLAGS_KEPT };

struct kiosk_staff_data {
    competency_framework fw[FW_MAX];
    size_t nfw;
    report rep;
    competency_suggestion sug;
    unsigned level, level_count;
    char name[CAT_TEXT_MAX + 1];
};

/* Copies src into dst (cap bytes), cut at a UTF-8 character boundary. */
static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---- frameworks ------------------------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (stiel_buf_append(&b, chunk, n) != STIEL_OK)
            break;
    fclose(f);
    if (stiel_buf_append(&b, "", 1) != STIEL_OK) {
        stiel_buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return (char *)b.data;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static stiel_status frameworks_load(const char *assets, competency_framework *fw, size_t *count,
                                    stiel_diag *diag)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/competencies", assets);
    DIR *d = opendir(dir);
    if (!d)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no competency folder %s: %s", dir,
                              strerror(errno));
    char *names[FW_MAX];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < FW_MAX) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".ini") == 0 && e->d_name[0] != '.') {
            names[n] = strdup(e->d_name);
            if (names[n])
                n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof names[0], name_cmp);
    stiel_status st = STIEL_OK;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        char *text = slurp(path, &len);
        core_errors errs;
        core_errors_clear(&errs);
        if (!text)
            st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s", path);
        else if (competency_framework_parse(path, text, len, &fw[*count], &errs) != STIEL_OK)
            st = stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s",
                                errs.count ? errs.items[0].text : path);
        else
            (*count)++;
        free(text);
        free(names[i]);
    }
    if (st == STIEL_OK && *count == 0)
        st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no competency framework in %s", dir);
    return st;
}

/* ---- one trainee's figures ------------------------------------------------------------------- */

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

stiel_status kiosk_staff_data_load(session *s, const char *asset_dir, const char *trainee,
                                   int64_t now_ms, kiosk_staff_data **out, stiel_diag *diag)
{
    *out = NULL;
    kiosk_staff_data *d = calloc(1, sizeof *d);
    if (!d)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the coach pages");
    store *st = session_store(s);
    stiel_status rc = frameworks_load(asset_dir, d->fw, &d->nfw, diag);
    store_trainee t;
    if (rc == STIEL_OK)
        rc = store_trainee_get(st, trainee, &t, diag);
    if (rc == STIEL_OK) {
        d->level = t.level;
        snprintf(d->name, sizeof d->name, "%s", t.display_name);
        d->level_count = (unsigned)session_levels(s)->count;
        report_options o = {.from_day = REPORT_DAY_NONE, .to_day = REPORT_DAY_NONE,
                            .frameworks = d->fw, .framework_count = d->nfw,
                            .levels = session_levels(s), .now_ms = now_ms};
        rc = report_build(st, trainee, NULL, 0, &o, &d->rep, diag);
    }
    if (rc == STIEL_OK) {
        competency_cells cells;
        competency_cells_init(&cells);
        if (store_stats_summary(st, trainee, summary_row, &cells, diag) == STIEL_OK)
            competency_suggest(cells.items, cells.count, session_levels(s), d->level, &d->sug);
        competency_cells_free(&cells);
    }
    if (rc != STIEL_OK) {
        kiosk_staff_data_free(d);
        return rc;
    }
    *out = d;
    return STIEL_OK;
}

void kiosk_staff_data_free(kiosk_staff_data *d)
{
    if (!d)
        return;
    report_free(&d->rep);
    free(d);
}

size_t kiosk_staff_data_comp_count(const kiosk_staff_data *d)
{
    return d ? d->rep.competency_count : 0;
}

static void comp_fill(const report_competency *c, catalogue_lang lang, ui_staff_comp *o)
{
    memset(o, 0, sizeof *o);
    const competency_def *def = c->def;
    const competency_result *r = &c->result;
    snprintf(o->id, sizeof o->id, "%s", def->id);
    const char *name = lang == CAT_LANG_NL || !def->name_en[0] ? def->name_nl : def->name_en;
    copy(o->name, sizeof o->name, name);
    o->state = r->state == COMP_SIGNED_OFF       ? UI_COMP_SIGNED
               : r->state == COMP_MEETS_CRITERIA ? UI_COMP_MEETS
               : r->state == COMP_PRACTISING     ? UI_COMP_PRACTISING
                                                 : UI_COMP_NOT_STARTED;
    o->observed = def->source == COMP_SOURCE_OBSERVATIONS;
    o->attempts = (unsigned)r->attempts;
    o->needed = def->min_attempts;
    o->rft_pct = (unsigned)(r->rft_pct + 0.5);
    o->independent_pct = (unsigned)(r->independent_pct + 0.5);
    o->days = r->days;
    o->days_needed = def->min_days;
}

bool kiosk_staff_data_comp(const kiosk_staff_data *d, const char *id, catalogue_lang lang,
                           ui_staff_comp *out, const char **framework)
{
    for (size_t i = 0; d && i < d->rep.competency_count; i++) {
        const report_competency *c = &d->rep.competencies[i];
        if (strcmp(c->def->id, id) == 0) {
            comp_fill(c, lang, out);
            if (framework)
                *framework = c->framework->id;
            return true;
        }
    }
    return false;
}

static void chart_fill(const report *r, report_metric m, ui_staff_chart *c)
{
    static const char *const names[] = {"rft", "tempo", "help"};
    memset(c, 0, sizeof *c);
    snprintf(c->metric, sizeof c->metric, "%s", names[m]);
    c->y_ref = -1;
    report_chart ch;
    if (report_chart_make(r, m, &ch) != STIEL_OK)
        return;
    c->y_max = (float)ch.y_max;
    c->y_ref = (float)ch.y_ref;
    if (ch.points) {
        report_day_text(ch.x_from, c->from_day);
        report_day_text(ch.x_to, c->to_day);
    }
    for (size_t l = 0; l < ch.line_count && c->line_count < UI_STAFF_CHART_LINES; l++) {
        const report_chart_line *src = &ch.lines[l];
        if (!src->count)
            continue;
        ui_staff_chart_line *dst = &c->lines[c->line_count++];
        dst->level = src->level;
        /* the latest points when there are more than fit */
        size_t from = src->count > UI_STAFF_CHART_POINTS ? src->count - UI_STAFF_CHART_POINTS : 0;
        for (size_t i = from; i < src->count; i++) {
            dst->x[dst->count] = (float)src->pts[i].x;
            dst->y[dst->count] = (float)src->pts[i].y;
            dst->count++;
        }
    }
    report_chart_free(&ch);
}

void kiosk_staff_data_fill(const kiosk_staff_data *d, catalogue_lang lang, size_t first,
                           ui_staff_view *v)
{
    if (!d)
        return;
    copy(v->trainee_name, sizeof v->trainee_name, d->name);
    v->level = d->level;
    v->level_count = d->level_count;
    v->comp_total = d->rep.competency_count;
    v->comp_first = first < v->comp_total ? first : 0;
    v->comp_count = 0;
    for (size_t i = v->comp_first; i < v->comp_total && v->comp_count < 5; i++)
        comp_fill(&d->rep.competencies[i], lang, &v->comps[v->comp_count++]);
    for (int m = 0; m < UI_STAFF_CHART_COUNT; m++)
        chart_fill(&d->rep, (report_metric)m, &v->charts[m]);
    char n[16];
    v->suggest_level = d->sug.kind == COMP_SUGGEST_NONE ? 0 : d->sug.to_level;
    snprintf(n, sizeof n, "%u", d->sug.to_level);
    ui_msg_set(&v->suggest,
               d->sug.kind == COMP_SUGGEST_UP     ? "staff.suggest_up"
               : d->sug.kind == COMP_SUGGEST_DOWN ? "staff.suggest_down"
                                                  : "staff.suggest_none",
               n, NULL, NULL);
    snprintf(v->suggest_why, sizeof v->suggest_why, "%s", d->sug.why);
}

/* ---- flagged events -------------------------------------------------------------------------- */

typedef struct flag_scan {
    ui_staff_flag ring[FLAGS_KEPT];
    size_t total;
} flag_scan;

static void flag_add(flag_scan *c, const char *kind, int64_t ts, const char *step,
                     const char *detail)
{
    ui_staff_flag *f = &c->ring[c->total % FLAGS_KEPT];
    memset(f, 0, sizeof *f);
    snprintf(f->kind, sizeof f->kind, "%s", kind);
    report_time_text(ts, f->when);
    snprintf(f->step, sizeof f->step, "%s", step);
    snprintf(f->detail, sizeof f->detail, "%s", detail);
    c->total++;
}

static int flag_row(const store_row *row, void *ctx)
{
    flag_scan *c = ctx;
    if (row->erased || !row->payload)
        return 0;
    if (strcmp(row->kind, SESSION_KIND_INPUT) == 0) {
        if (strstr(row->payload, "call_coach"))
            flag_add(c, "help", row->ts_ms, "", "");
        return 0;
    }
    if (strncmp(row->kind, EVIDENCE_KIND_STEP_PREFIX, strlen(EVIDENCE_KIND_STEP_PREFIX)) != 0)
        return 0;
    evidence_record r;
    if (evidence_json_parse(row->payload, strlen(row->payload), &r, NULL) != STIEL_OK)
        return 0;
    char detail[64];
    if (r.short_reason != PICK_SHORT_NONE) {
        snprintf(detail, sizeof detail, "%s", pick_short_name(r.short_reason));
        flag_add(c, "short", row->ts_ms, row->kind, detail);
    } else if (r.errors) {
        snprintf(detail, sizeof detail, "%.28s > %.28s", r.expected, r.scanned);
        flag_add(c, "error", row->ts_ms, row->kind, detail);
    }
    return 0;
}

stiel_status kiosk_staff_flags_load(store *s, const char *trainee, kiosk_flag_list **out,
                                    stiel_diag *diag)
{
    *out = NULL;
    flag_scan *c = calloc(1, sizeof *c);
    kiosk_flag_list *l = calloc(1, sizeof *l);
    if (!c || !l) {
        free(c);
        free(l);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the flagged events");
    }
    stiel_status st = store_trainee_events(s, trainee, flag_row, c, diag);
    size_t kept = c->total < FLAGS_KEPT ? c->total : FLAGS_KEPT;
    for (size_t i = 0; i < kept; i++)
        l->items[l->count++] = c->ring[(c->total - 1 - i) % FLAGS_KEPT];  /* newest first */
    free(c);
    if (st != STIEL_OK) {
        free(l);
        return st;
    }
    *out = l;
    return STIEL_OK;
}

void kiosk_staff_flags_fill(const kiosk_flag_list *l, size_t first, ui_staff_view *v)
{
    size_t kept = l ? l->count : 0;
    v->flag_total = kept;
    v->flag_first = first < kept ? first : 0;
    v->flag_count = 0;
    for (size_t i = v->flag_first; i < kept && v->flag_count < 5; i++)
        v->flags[v->flag_count++] = l->items[i];
}

/* ---- the floor ------------------------------------------------------------------------------- */

typedef struct floor_scan {
    ui_staff_view *v;
    store *s;
    int64_t now_ms;
} floor_scan;

typedef struct last_row {
    int64_t ts;
    char trainee[32];
} last_row;

static int last_event(const store_row *row, void *ctx)
{
    last_row *l = ctx;
    l->ts = row->ts_ms;
    if (row->trainee_id && row->trainee_id[0])
        snprintf(l->trainee, sizeof l->trainee, "%s", row->trainee_id);
    return 0;
}

static int floor_kiosk(const char *kiosk_id, void *ctx)
{
    floor_scan *c = ctx;
    ui_staff_view *v = c->v;
    for (size_t i = 0; i < v->kiosk_count; i++)
        if (strcmp(v->kiosks[i].id, kiosk_id) == 0)
            return 0;
    if (v->kiosk_count >= UI_STAFF_ROWS)
        return 1;
    store_head_info h;
    if (store_head(c->s, kiosk_id, &h, NULL) != STIEL_OK)
        return 0;
    last_row l = {0};
    /* the last few events: the newest time, and the newest trainee among them */
    store_kiosk_events(c->s, kiosk_id, h.seq > 20 ? h.seq - 20 : 1, last_event, &l, NULL);
    ui_staff_kiosk *k = &v->kiosks[v->kiosk_count++];
    snprintf(k->id, sizeof k->id, "%s", kiosk_id);
    snprintf(k->trainee, sizeof k->trainee, "%s", l.trainee);
    int64_t ago = c->now_ms > l.ts ? (c->now_ms - l.ts) / 60000 : 0;
    k->minutes_ago = ago > 99999 ? 99999 : (unsigned)ago;
    k->active = c->now_ms - l.ts < 15 * 60000;
    return 0;
}

static int floor_trainee(const store_trainee *t, void *ctx)
{
    floor_scan *c = ctx;
    if (t->erased)
        return 0;
    store_trainee_kiosks(c->s, t->id, floor_kiosk, c, NULL);
    return c->v->kiosk_count >= UI_STAFF_ROWS;
}

void kiosk_staff_floor(store *s, const char *data_dir, int64_t now_ms, ui_staff_view *v)
{
    floor_scan c = {.v = v, .s = s, .now_ms = now_ms};
    v->kiosk_count = 0;
    store_trainees_each(s, floor_trainee, &c, NULL);
    v->job_count = 0;
    char qdir[4200];
    snprintf(qdir, sizeof qdir, "%s/print-queue", data_dir);
    struct stat sb;
    if (stat(qdir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return;
    stiel_print_queue *q = NULL;
    stiel_diag d;
    if (stiel_print_queue_open(qdir, &q, &d) != STIEL_OK)
        return;
    stiel_print_job_info jobs[64];
    size_t n = stiel_print_queue_list(q, jobs, 64);
    if (n > 64)
        n = 64;
    /* the newest jobs first */
    for (size_t i = n; i-- > 0 && v->job_count < UI_STAFF_ROWS;) {
        ui_staff_job *j = &v->jobs[v->job_count++];
        j->id = (unsigned long long)jobs[i].id;
        snprintf(j->state, sizeof j->state, "%s", stiel_print_job_state_name(jobs[i].state));
    }
    stiel_print_queue_close(q);
}

/* ---- the dossier ----------------------------------------------------------------------------- */

static stiel_status mkdir_p(const char *path, stiel_diag *diag)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make folder %s: %s", tmp,
                                  strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make folder %s: %s", tmp,
                              strerror(errno));
    return STIEL_OK;
}

/* Writes b to path via a temporary file and a rename, readable by the kiosk user only. */
static stiel_status write_file(const char *path, const stiel_buf *b, stiel_diag *diag)
{
    char tmp[4500];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
    size_t done = 0;
    while (done < b->len) {
        ssize_t w = write(fd, b->data + done, b->len - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    bool ok = done == b->len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    }
    return STIEL_OK;
}

/* The dossier's issue as evidence (as `stiel report` records it): its period, format, the code
 * and the chain heads behind it. */
static void dossier_fill(const report *r, const char *format, evidence_dossier *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->trainee, sizeof d->trainee, "%s", r->trainee.id);
    char day[16];
    report_day_text(r->from_day, day);
    snprintf(d->from, sizeof d->from, "%s", day);
    report_day_text(r->to_day, day);
    snprintf(d->to, sizeof d->to, "%s", day);
    snprintf(d->format, sizeof d->format, "%s", format);
    d->with_names = false;
    snprintf(d->code, sizeof d->code, "%s", r->code);
    for (size_t i = 0; i < r->chain_count && i < EVIDENCE_DOSSIER_CHAINS_MAX; i++) {
        evidence_dossier_chain *c = &d->chains[d->chain_count++];
        snprintf(c->kiosk, sizeof c->kiosk, "%s", r->chains[i].kiosk);
        c->seq = r->chains[i].seq;
        snprintf(c->hash, sizeof c->hash, "%s", r->chains[i].hex);
    }
}

static stiel_status dossier_issue(store *s, const char *kiosk_id, const char *actor_id,
                                  const report *r, const char *format, int64_t now_ms,
                                  stiel_diag *diag)
{
    evidence_dossier *dos = malloc(sizeof *dos);
    if (!dos)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the dossier's issue");
    dossier_fill(r, format, dos);
    stiel_status st = store_dossier_issue(s, kiosk_id, actor_id, dos, now_ms, NULL, diag);
    free(dos);
    return st;
}

stiel_status kiosk_staff_dossier_write(session *s, const char *asset_dir, const char *trainee,
                                       const char *dir, const char *kiosk_id,
                                       const char *actor_id, int64_t now_ms, char *path,
                                       size_t cap, stiel_diag *diag)
{
    kiosk_staff_data *d = NULL;
    stiel_status st = mkdir_p(dir, diag);
    if (st == STIEL_OK)
        st = kiosk_staff_data_load(s, asset_dir, trainee, now_ms, &d, diag);
    char day[16] = "";
    if (st == STIEL_OK)
        report_day_text(now_ms / 86400000, day);
    static const char *const ext[] = {"html", "pdf"};
    for (int k = 0; st == STIEL_OK && k < 2; k++) {
        stiel_buf b;
        stiel_buf_init(&b, (size_t)64 << 20);
        st = k == 0 ? report_render_html(&d->rep, &b, diag) : report_render_pdf(&d->rep, &b, diag);
        char file[4400];
        snprintf(file, sizeof file, "%s/dossier-%s-%s.%s", dir, trainee, day, ext[k]);
        /* the issue first: a file whose code `stiel verify --code` cannot check is not written */
        if (st == STIEL_OK)
            st = dossier_issue(session_store(s), kiosk_id, actor_id, &d->rep, ext[k], now_ms,
                               diag);
        if (st == STIEL_OK)
            st = write_file(file, &b, diag);
        if (st == STIEL_OK && k == 0 && path)
            snprintf(path, cap, "%s", file);
        stiel_buf_free(&b);
    }
    kiosk_staff_data_free(d);
    return st;
}
