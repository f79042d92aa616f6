/* The work-experience dossier from a fixture store: the model's figures (worked out by hand from
 * what the fixture recorded), the period filter, errors, and the three renderings — the PDF read
 * back with pdftotext and rendered with pdftoppm, the HTML checked for anything it would fetch,
 * the CSV parsed per RFC 4180 — pseudonymous unless names are asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/report/report.h"
#include "tests/kiosk/report/report_fixture.h"

static int setup(void **state)
{
    rf *f = calloc(1, sizeof *f);
    if (!f || rf_make(f) != 0) {
        if (f)
            rf_drop(f);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    rf *f = *state;
    rf_drop(f);
    free(f);
    return 0;
}

static void build(rf *f, const report_options *o, report *r)
{
    stiel_diag d;
    stiel_status st = report_build(f->s, RF_TRAINEE, NULL, 0, o, r, &d);
    if (st != STIEL_OK)
        fail_msg("report_build: %s", d.text);
}

static const report_competency *find_comp(const report *r, const char *id)
{
    for (size_t i = 0; i < r->competency_count; i++)
        if (strcmp(r->competencies[i].def->id, id) == 0)
            return &r->competencies[i];
    return NULL;
}

/* ---- the model ------------------------------------------------------------------------------ */

static void test_model_figures(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    build(f, &o, &r);
    assert_string_equal(r.trainee.id, RF_TRAINEE);
    assert_string_equal(r.trainee.name, "");          /* no names unless asked */
    assert_int_equal(r.from_day, RF_DAY0);
    assert_int_equal(r.to_day, RF_DAY0 + 5);
    assert_int_equal(r.days_on_floor, 6);
    assert_int_equal(r.steps, RF_STEPS);               /* the voided put is left out */
    assert_int_equal(r.rft, RF_RFT);
    assert_int_equal(r.independent, RF_INDEPENDENT);
    assert_int_equal(r.tasks, RF_TASKS);
    assert_int_equal(r.task_ms, RF_TASK_MS);
    assert_int_equal(r.current_level, 3);
    /* levels reached and when */
    assert_int_equal(r.level_count, 2);
    assert_int_equal(r.levels[0].level, 2);
    assert_int_equal(r.levels[0].first_day, RF_DAY0);
    assert_int_equal(r.levels[0].last_day, RF_DAY0 + 2);
    assert_int_equal(r.levels[0].tasks, 9);
    assert_int_equal(r.levels[1].level, 3);
    assert_int_equal(r.levels[1].first_day, RF_DAY0 + 3);
    assert_int_equal(r.levels[1].steps, 53);
    assert_string_equal(r.levels[0].name, f->levels.levels[1].name);
    assert_int_equal(r.change_count, 1);
    assert_int_equal(r.changes[0].from, 2);
    assert_int_equal(r.changes[0].level, 3);
    assert_string_equal(r.changes[0].by.id, "S-01");
    /* tempo at level 3: norm 90 s per line; tasks of 108, 90 and 72 s, three each */
    assert_int_equal(r.by_level_count, 2);
    assert_true(r.by_level[0].tempo_pct < 0);          /* level 2 has no norm */
    assert_float_equal(r.by_level[1].tempo_pct, 100.0 * 9 * 90 / (3 * (108 + 90 + 72)), 0.01);
    /* chart series: one per level, a day each */
    assert_int_equal(r.series_count, 2);
    assert_int_equal(r.series[0].count, 3);
    assert_int_equal(r.series[1].count, 3);
    assert_float_equal(r.series[1].days[2].tempo_pct, 125.0, 0.01);
    /* coach events */
    assert_int_equal(r.observation_count, 2);
    assert_string_equal(r.observations[0].category, "safety");
    assert_true(r.observations[0].positive);
    assert_string_equal(r.observations[0].note, RF_OBS_NOTE);
    assert_false(r.observations[1].positive);
    assert_int_equal(r.signoff_count, 1);
    assert_string_equal(r.signoffs[0].competency, "mm.location");
    assert_string_equal(r.signoffs[0].by.id, "C-01");
    assert_string_equal(r.signoffs[0].by.name, "");
    assert_false(r.signoffs[0].criteria_met);
    assert_string_equal(r.signoffs[0].reason, RF_SIGNOFF_REASON);
    /* competencies: every one of both frameworks, the signed-off one as such */
    assert_int_equal(r.competency_count, f->fw[0].count + f->fw[1].count);
    const report_competency *loc = find_comp(&r, "mm.location");
    assert_non_null(loc);
    assert_int_equal(loc->result.state, COMP_SIGNED_OFF);
    assert_int_equal(loc->result.signed_off_day, RF_DAY0 + 5);
    const report_competency *item = find_comp(&r, "mm.item");
    assert_non_null(item);
    assert_int_equal(item->result.attempts_all, 18);
    assert_int_equal(find_comp(&r, "vp.box")->result.state, COMP_NOT_STARTED);
    report_free(&r);
}

typedef struct kiosk_list {
    char ids[8][STORE_ID_MAX + 1];
    int n, stop_after;
} kiosk_list;

static int kiosk_seen(const char *kiosk, void *ctx)
{
    kiosk_list *l = ctx;
    if (l->n < 8)
        snprintf(l->ids[l->n], sizeof l->ids[0], "%s", kiosk);
    l->n++;
    return l->stop_after && l->n >= l->stop_after;
}

/* store_trainee_kiosks: every chain with the trainee's events, in order, once each */
static void test_trainee_kiosks(void **state)
{
    rf *f = *state;
    stiel_diag d;
    kiosk_list l = {0};
    assert_int_equal(store_trainee_kiosks(f->s, RF_TRAINEE, kiosk_seen, &l, &d), STIEL_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.ids[0], "coach-1");
    assert_string_equal(l.ids[1], "pick-1");
    memset(&l, 0, sizeof l);
    l.stop_after = 1;
    assert_int_equal(store_trainee_kiosks(f->s, RF_TRAINEE, kiosk_seen, &l, &d), STIEL_OK);
    assert_int_equal(l.n, 1);
    memset(&l, 0, sizeof l);
    assert_int_equal(store_trainee_kiosks(f->s, "T-none", kiosk_seen, &l, &d), STIEL_OK);
    assert_int_equal(l.n, 0);
    assert_int_equal(store_trainee_kiosks(NULL, RF_TRAINEE, kiosk_seen, &l, &d), STIEL_ERR_CLOSED);
    assert_int_equal(store_trainee_kiosks(f->s, RF_TRAINEE, NULL, &l, &d), STIEL_ERR_ARG);
}

/* The code is store_verify's head when the chains are all of the store's (they are here). */
static void test_model_code(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    build(f, &o, &r);
    store_verify_report v;
    stiel_diag d;
    assert_int_equal(store_verify(f->s, &v, &d), STIEL_OK);
    assert_true(v.ok);
    assert_int_equal(r.chain_count, 2);
    assert_string_equal(r.chains[0].kiosk, "coach-1");
    assert_string_equal(r.chains[1].kiosk, "pick-1");
    assert_string_equal(r.code, v.head_hex);
    store_head_info h;
    assert_int_equal(store_head(f->s, "pick-1", &h, &d), STIEL_OK);
    assert_int_equal(r.chains[1].seq, h.seq);
    report_free(&r);
    /* without the trainee's own chains only the coach chain is known: another code */
    o.chains_from_all_events = false;
    build(f, &o, &r);
    assert_int_equal(r.chain_count, 1);
    assert_string_not_equal(r.code, v.head_hex);
    report_free(&r);
    /* a new event moves the code */
    o.chains_from_all_events = true;
    store_event ev = {.kiosk_id = "pick-1", .ts_ms = (RF_DAY0 + 6) * INT64_C(86400000),
                      .trainee_id = "T-0099", .actor_id = "T-0099", .kind = "note"};
    assert_int_equal(store_append(f->s, &ev, NULL, &d), STIEL_OK);
    build(f, &o, &r);
    assert_string_not_equal(r.code, v.head_hex);
    report_free(&r);
}

static void test_model_period(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    o.from_day = RF_DAY0 + 3;
    o.to_day = RF_DAY0 + 4;
    o.with_names = true;
    report r;
    build(f, &o, &r);
    assert_string_equal(r.trainee.name, RF_NAME);
    assert_int_equal(r.from_day, RF_DAY0 + 3);
    assert_int_equal(r.days_on_floor, 2);
    assert_int_equal(r.tasks, 6);
    assert_int_equal(r.task_ms, 3 * 108000 + 3 * 90000);
    assert_int_equal(r.level_count, 1);
    assert_int_equal(r.levels[0].level, 3);
    assert_int_equal(r.change_count, 1);           /* day 3 */
    assert_int_equal(r.observation_count, 1);      /* day 4: teamwork */
    assert_string_equal(r.observations[0].category, "teamwork");
    assert_string_equal(r.observations[0].by.name, RF_COACH_NAME);
    assert_int_equal(r.signoff_count, 0);          /* day 5: after the period */
    assert_int_equal(find_comp(&r, "mm.location")->result.state != COMP_SIGNED_OFF, 1);
    report_free(&r);
    /* a period before any evidence: an empty dossier, not an error */
    o.from_day = RF_DAY0 - 30;
    o.to_day = RF_DAY0 - 20;
    build(f, &o, &r);
    assert_int_equal(r.steps, 0);
    assert_int_equal(r.level_count, 0);
    report_free(&r);
}

static void test_model_errors(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    stiel_diag d;
    assert_int_equal(report_build(f->s, "T-9999", NULL, 0, &o, &r, &d), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "T-9999"));
    o.from_day = RF_DAY0 + 2;
    o.to_day = RF_DAY0;
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, &o, &r, &d), STIEL_ERR_ARG);
    o = rf_options(f);
    o.framework_count = 0;
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, &o, &r, &d), STIEL_ERR_ARG);
    o = rf_options(f);
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, NULL, &r, &d), STIEL_ERR_ARG);
    /* an erased trainee has no dossier */
    store_trainee t = {.id = "T-0050", .badge = "TB-0050", .display_name = "Erased Person",
                       .language = "nl", .level = 1, .consent = true};
    store_event ev = {.kiosk_id = "coach-1", .ts_ms = RF_DAY0 * INT64_C(86400000),
                      .trainee_id = "T-0050", .actor_id = "S-01", .kind = "trainee.added"};
    assert_int_equal(store_trainee_add(f->s, &t, &ev, NULL, NULL, &d), STIEL_OK);
    assert_int_equal(store_erase_trainee(f->s, "coach-1", "T-0050", "S-01", "on request",
                                         RF_DAY0 * INT64_C(86400000) + 1, NULL, &d),
                     STIEL_OK);
    assert_int_equal(report_build(f->s, "T-0050", NULL, 0, &o, &r, &d), STIEL_ERR_STATE);
    report_free(&r);
}

/* ---- renderings ----------------------------------------------------------------------------- */

static void write_file(const char *path, const stiel_buf *b)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b->data, 1, b->len, fp), b->len);
    assert_int_equal(fclose(fp), 0);
}

/* Runs a shell command; returns its exit status. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

/* Where renderings are kept for a person to look at: $STIEL_REPORT_KEEP, else the temp dir. */
static const char *keep_dir(const rf *f)
{
    const char *k = getenv("STIEL_REPORT_KEEP");
    return k && *k ? k : f->dir;
}

static void must_hold(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("the rendering lacks \"%s\"", needle);
}

/* pdftotext breaks lines where the layout does; compare with runs of white space as one */
static char *squash(const char *s)
{
    char *o = malloc(strlen(s) + 1);
    size_t n = 0;
    bool space = false;
    for (; *s; s++) {
        bool ws = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f';
        if (ws) {
            space = true;
            continue;
        }
        if (space && n)
            o[n++] = ' ';
        space = false;
        o[n++] = *s;
    }
    o[n] = '\0';
    return o;
}

static void test_pdf(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    o.with_names = true;
    report r;
    build(f, &o, &r);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    assert_int_equal(report_render_pdf(&r, &b, &d), STIEL_OK);
    assert_true(b.len > 2000);
    assert_memory_equal(b.data, "%PDF-", 5);
    char pdf[300], txt[300];
    snprintf(pdf, sizeof pdf, "%s/dossier.pdf", keep_dir(f));
    snprintf(txt, sizeof txt, "%s/dossier.txt", f->dir);
    write_file(pdf, &b);
    assert_int_equal(run("pdftotext -raw '%s' '%s'", pdf, txt), 0);
    char *raw = rf_read(txt, NULL);
    assert_non_null(raw);
    char *t = squash(raw);
    free(raw);
    must_hold(t, "Work-experience dossier");
    must_hold(t, RF_TRAINEE);
    must_hold(t, RF_NAME);
    must_hold(t, "Period 2025-03-03 to 2025-03-08");
    must_hold(t, "0 h 32 min");                    /* 1890 s on task */
    must_hold(t, "days on the floor");
    must_hold(t, "107");                           /* steps */
    must_hold(t, "97 %");                          /* 104 / 107 right first time */
    must_hold(t, "96 %");                          /* 103 / 107 without help */
    must_hold(t, "Leest locatiecodes en gaat naar de juiste locatie");
    must_hold(t, "BK-0002-3");
    must_hold(t, "Verpakker");
    must_hold(t, "signed off");
    must_hold(t, RF_SIGNOFF_REASON);
    must_hold(t, RF_COACH_NAME);
    must_hold(t, "2025-03-08 16:00");              /* the sign-off's time */
    must_hold(t, RF_OBS_NOTE);
    must_hold(t, "level 2 to 3");
    must_hold(t, "Zelfstandig picken");            /* level 3's name */
    must_hold(t, r.code);
    must_hold(t, "stiel verify");
    free(t);
    /* every page renders; page 1 exists as a PNG of A4 proportions */
    char png[300];
    snprintf(png, sizeof png, "%s/dossier", keep_dir(f));
    assert_int_equal(run("pdftoppm -r 60 -png '%s' '%s'", pdf, png), 0);
    assert_int_equal(run("pdfinfo '%s' | grep -q 'Page size: *595.* x 841.*'", pdf), 0);
    assert_int_equal(run("test -s '%s-1.png' || test -s '%s-01.png'", png, png), 0);
    stiel_buf_free(&b);
    report_free(&r);
}

static void test_pdf_pseudonymous(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    build(f, &o, &r);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(report_render_pdf(&r, &b, NULL), STIEL_OK);
    char pdf[300], txt[300];
    snprintf(pdf, sizeof pdf, "%s/anon.pdf", f->dir);
    snprintf(txt, sizeof txt, "%s/anon.txt", f->dir);
    write_file(pdf, &b);
    assert_int_equal(run("pdftotext '%s' '%s'", pdf, txt), 0);
    char *t = rf_read(txt, NULL);
    assert_non_null(t);
    must_hold(t, RF_TRAINEE);
    assert_null(strstr(t, "Fatima"));
    assert_null(strstr(t, "Testpersoon"));
    assert_null(strstr(t, "Karim"));
    free(t);
    stiel_buf_free(&b);
    report_free(&r);
}

static void test_html(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    build(f, &o, &r);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(report_render_html(&r, &b, NULL), STIEL_OK);
    const char *h = (const char *)b.data;
    /* nothing to fetch: no URL, no external reference, no script */
    assert_null(strstr(h, "http:"));
    assert_null(strstr(h, "https:"));
    assert_null(strstr(h, "src="));
    assert_null(strstr(h, "href="));
    assert_null(strstr(h, "url("));
    assert_null(strstr(h, "@import"));
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<link"));
    assert_null(strstr(h, "<img"));
    must_hold(h, "<!DOCTYPE html>");
    must_hold(h, "@page{size:A4");
    must_hold(h, "<svg");
    must_hold(h, "<polyline");                     /* the lines of the charts */
    must_hold(h, RF_TRAINEE);
    assert_null(strstr(h, "Fatima"));              /* pseudonymous */
    assert_null(strstr(h, "Karim"));
    must_hold(h, "0 h 32 min");
    must_hold(h, "<b>107</b>");
    must_hold(h, "97 %");
    must_hold(h, "Leest locatiecodes en gaat naar de juiste locatie");
    must_hold(h, "BK-0002-3");
    must_hold(h, "Wears safety shoes &amp; lifts"); /* escaped */
    must_hold(h, RF_SIGNOFF_REASON);
    must_hold(h, r.code);
    /* every element that opens closes (a rough balance of the tags we write) */
    static const char *const tags[] = {"table", "tr", "td", "svg", "h2", "div"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char open[16], close[16];
        snprintf(open, sizeof open, "<%s", tags[i]);
        snprintf(close, sizeof close, "</%s>", tags[i]);
        size_t no = 0, nc = 0;
        for (const char *p = h; (p = strstr(p, open)) != NULL; p++)
            if (p[strlen(open)] == '>' || p[strlen(open)] == ' ')
                no++;
        for (const char *p = h; (p = strstr(p, close)) != NULL; p++)
            nc++;
        if (no != nc)
            fail_msg("<%s>: %zu opened, %zu closed", tags[i], no, nc);
    }
    char path[300];
    snprintf(path, sizeof path, "%s/dossier.html", keep_dir(f));
    write_file(path, &b);
    stiel_buf_free(&b);
    report_free(&r);
}

/* A small RFC 4180 reader: fields of the next record into out (at most max); returns the field
 * count, 0 at the end, -1 on a syntax error (a quote inside an unquoted field, a bare CR, an
 * unterminated quoted field). */
static int csv_record(const char **at, char out[][600], int max)
{
    const char *p = *at;
    if (!*p)
        return 0;
    int n = 0;
    for (;;) {
        if (n == max)
            return -1;
        size_t len = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    out[n][len++] = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    out[n][len++] = *p++;
                }
                if (len >= 599)
                    return -1;
            }
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n') {
                if (*p == '"' || len >= 599)
                    return -1;
                out[n][len++] = *p++;
            }
        }
        out[n++][len] = '\0';
        if (*p == ',') {
            p++;
            continue;
        }
        if (p[0] == '\r' && p[1] == '\n') {
            *at = p + 2;
            return n;
        }
        return -1;   /* records end in CRLF, the last one too */
    }
}

static void test_csv(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    build(f, &o, &r);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(report_render_csv(&r, &b, NULL), STIEL_OK);
    const char *at = (const char *)b.data;
    static char fld[32][600];
    int n, rows = 0, comps = 0, days = 0, width = -1;
    bool loc = false, code = false, steps = false, obs = false;
    while ((n = csv_record(&at, fld, 32)) > 0) {
        rows++;
        if (width < 0)
            width = n;
        assert_int_equal(n, width);                /* the same field count in every record */
        if (strcmp(fld[0], "competency") == 0) {
            comps++;
            if (strcmp(fld[3], "mm.location") == 0) {
                loc = true;
                assert_string_equal(fld[2], "BK-0002-3");
                assert_string_equal(fld[7], "signed off");
                assert_string_equal(fld[13], "2025-03-08");
            }
        } else if (strcmp(fld[0], "day") == 0) {
            days++;
            if (strcmp(fld[1], "2025-03-08") == 0) {
                assert_string_equal(fld[2], "3");
                assert_string_equal(fld[3], "17");   /* 18 steps, one voided */
                assert_string_equal(fld[7], "125.0");
            }
        } else if (strcmp(fld[0], "dossier") == 0 && strcmp(fld[1], "verification_code") == 0) {
            code = strcmp(fld[2], r.code) == 0;
        } else if (strcmp(fld[0], "dossier") == 0 && strcmp(fld[1], "steps") == 0) {
            steps = strcmp(fld[2], "107") == 0;
        } else if (strcmp(fld[0], "observation") == 0 && strcmp(fld[3], "safety") == 0) {
            obs = strcmp(fld[5], RF_OBS_NOTE) == 0 && strcmp(fld[2], "C-01") == 0;
        }
    }
    assert_int_equal(n, 0);                        /* parsed to the end without an error */
    assert_int_equal(width, 14);
    assert_int_equal(comps, (int)r.competency_count);
    assert_int_equal(days, 6);
    assert_true(loc && code && steps && obs);
    assert_null(strstr((const char *)b.data, "Fatima"));
    assert_non_null(strstr((const char *)b.data, RF_TRAINEE));
    stiel_buf_free(&b);
    report_free(&r);
}

/* ---- the command ---------------------------------------------------------------------------- */

static void test_cli(void **state)
{
    rf *f = *state;
    char out[300];
    snprintf(out, sizeof out, "%s/cli.html", f->dir);
    const char *env = "STIEL_ASSETS=" STIEL_TEST_ASSETS;
    /* errors: exit 2, nothing written */
    assert_int_equal(run("%s '%s' report %s --format html --out '%s' --db '%s/none.db' 2>/dev/null",
                         env, STIEL_BIN, RF_TRAINEE, out, f->dir), 2);
    assert_int_equal(run("%s '%s' report T-9999 --format html --out '%s' --db '%s' 2>/dev/null",
                         env, STIEL_BIN, out, f->path), 2);
    assert_int_equal(run("%s '%s' report %s --format docx --out '%s' --db '%s' 2>/dev/null", env,
                         STIEL_BIN, RF_TRAINEE, out, f->path), 2);
    assert_int_equal(run("%s '%s' report %s --format html --from 2025-02-30 --out '%s' --db '%s' "
                         "2>/dev/null", env, STIEL_BIN, RF_TRAINEE, out, f->path), 2);
    assert_int_equal(run("%s '%s' report %s --format html --from 2025-03-05 --to 2025-03-04 "
                         "--out '%s' --db '%s' 2>/dev/null", env, STIEL_BIN, RF_TRAINEE, out,
                         f->path), 2);
    assert_int_equal(run("%s '%s' report %s --format csv --out /nonexistent-dir/x.csv --db '%s' "
                         "2>/dev/null", env, STIEL_BIN, RF_TRAINEE, f->path), 2);
    struct stat sb;
    assert_int_equal(stat(out, &sb), -1);
    assert_int_equal(run("ls '%s' | grep -q 'cli.html.'", f->dir), 1);   /* no temp left */
    /* a good run: 0600, pseudonymous; with --with-names the name */
    assert_int_equal(run("%s '%s' report %s --format html --out '%s' --db '%s' >/dev/null", env,
                         STIEL_BIN, RF_TRAINEE, out, f->path), 0);
    assert_int_equal(stat(out, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *h = rf_read(out, NULL);
    assert_non_null(h);
    must_hold(h, RF_TRAINEE);
    assert_null(strstr(h, "Fatima"));
    free(h);
    assert_int_equal(run("%s '%s' report %s --format html --with-names --from 2025-03-03 --to "
                         "2025-03-05 --out '%s' --db '%s' >/dev/null", env, STIEL_BIN, RF_TRAINEE,
                         out, f->path), 0);
    h = rf_read(out, NULL);
    assert_non_null(h);
    must_hold(h, RF_NAME);
    must_hold(h, "period 2025-03-03 to 2025-03-05");
    free(h);
    char pdf[300];
    snprintf(pdf, sizeof pdf, "%s/cli.pdf", f->dir);
    assert_int_equal(run("%s '%s' report %s --format pdf --out '%s' --db '%s' >/dev/null", env,
                         STIEL_BIN, RF_TRAINEE, pdf, f->path), 0);
    assert_int_equal(run("pdftotext '%s' - | grep -q 'Verification'", pdf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_model_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trainee_kiosks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf_pseudonymous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    report_render_pdf_cleanup();
    return failed;
}
