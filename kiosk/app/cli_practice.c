/* stiel practice: a scripted pick task through the session, headless — the crash test's driver
 * and a demo of durable acknowledgement. Script lines are pick events in their text form, one per
 * line (blank lines and '#' comments ignored). An unfinished task of this kiosk is resumed and the
 * script lines it already recorded are skipped; every acknowledged input is printed (flushed) as
 * "ack N <event>" followed by "rec SEQ <kind>" per evidence record it stored. --make-script
 * prints a whole run for the trainee's generated task instead. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/session.h"
#include "kiosk/core/order_gen.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

typedef struct practice_opts {
    const char *db, *kiosk, *trainee, *script, *assets;
    uint64_t seed;
    bool have_seed, make_script;
    unsigned delay_ms;
} practice_opts;

static int usage(const char *bad)
{
    fprintf(stderr,
            "stiel practice: unexpected '%s' (usage: stiel practice --trainee T --seed N "
            "(--script FILE | --make-script) [--db PATH] [--kiosk K] [--step-delay-ms N] "
            "[--assets DIR])\n",
            bad);
    return 2;
}

static bool u64_parse(const char *t, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(t, &end, 10);
    if (!*t || *end || errno || t[0] == '-')
        return false;
    *out = v;
    return true;
}

static int opts_parse(int argc, char **argv, practice_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool val = i + 1 < argc;
        uint64_t n = 0;
        if (strcmp(a, "--db") == 0 && val)
            o->db = argv[++i];
        else if (strcmp(a, "--kiosk") == 0 && val)
            o->kiosk = argv[++i];
        else if (strcmp(a, "--trainee") == 0 && val)
            o->trainee = argv[++i];
        else if (strcmp(a, "--script") == 0 && val)
            o->script = argv[++i];
        else if (strcmp(a, "--assets") == 0 && val)
            o->assets = argv[++i];
        else if (strcmp(a, "--seed") == 0 && val && u64_parse(argv[i + 1], &o->seed)) {
            o->have_seed = true;
            i++;
        } else if (strcmp(a, "--step-delay-ms") == 0 && val && u64_parse(argv[i + 1], &n) &&
                   n <= 60000) {
            o->delay_ms = (unsigned)n;
            i++;
        } else if (strcmp(a, "--make-script") == 0)
            o->make_script = true;
        else
            return usage(a);
    }
    if (!o->trainee || !o->have_seed || (!o->script && !o->make_script))
        return usage("(--trainee, --seed and --script or --make-script are needed)");
    return 0;
}

/* ---- --make-script: a whole run for the generated task ---------------------------------------- */

static pick_event ev_tap(uint64_t t, pick_action a)
{
    return (pick_event){.kind = PICK_EV_TAP, .now_ms = t, .action = a};
}

static pick_event ev_scan(uint64_t t, const char *data)
{
    pick_event ev = {.kind = PICK_EV_SCAN, .now_ms = t, .symbology = SCAN_SYM_UNKNOWN};
    snprintf(ev.data, sizeof ev.data, "%s", data);
    snprintf(ev.device, sizeof ev.device, "scanner-1");
    return ev;
}

/* True when ev moved the flow on (step, line or units) without a "bad" feedback. */
static bool advances(const pick_flow *f, const pick_event *ev)
{
    static pick_flow probe;
    probe = *f;
    pick_effects fx;
    if (pick_flow_handle(&probe, ev, &fx) != STIEL_OK)
        return false;
    for (size_t i = 0; i < fx.count; i++)
        if (fx.fx[i].kind == PICK_FX_FEEDBACK && fx.fx[i].feedback == PICK_FB_BAD)
            return false;
    unsigned before = 0, after = 0;
    for (size_t k = 0; k < f->task.line_count; k++) {
        before += f->picked[k] + f->status[k];
        after += probe.picked[k] + probe.status[k];
    }
    return probe.step != f->step || probe.qpos != f->qpos || before != after;
}

static stiel_status emit(pick_flow *f, const pick_event *ev, stiel_buf *out)
{
    pick_effects fx;
    stiel_status st = pick_flow_handle(f, ev, &fx);
    if (st == STIEL_OK)
        st = pick_event_format(ev, out);
    return st;
}

static int make_script(session *s, const practice_opts *o)
{
    store_trainee tr;
    stiel_diag d;
    if (store_trainee_get(session_store(s), o->trainee, &tr, &d) != STIEL_OK) {
        fprintf(stderr, "stiel practice: %s\n", d.text);
        return 2;
    }
    const catalogue *cat = session_catalogue(s);
    const service_level *lv = service_levels_get(session_levels(s), tr.level);
    static pick_task task;
    static pick_flow f;
    if (!lv || order_gen_training(cat, lv, o->seed, tr.id, &task, &d) != STIEL_OK ||
        pick_flow_init(&f, cat, lv, &task, &d) != STIEL_OK) {
        fprintf(stderr, "stiel practice: %s\n", lv ? d.text : "the trainee's level is unknown");
        return 2;
    }
    stiel_buf out;
    stiel_buf_init(&out, 0);
    uint64_t t = 1000;
    stiel_status st = STIEL_OK;
    bool erred = false;
    for (int guard = 0; st == STIEL_OK && f.step != PICK_STEP_DONE && guard < 2000; guard++) {
        size_t li = f.queue[f.qpos < f.queue_len ? f.qpos : 0];
        const pick_line *ln = &task.lines[li];
        if (f.step == PICK_STEP_GO_TO_LOCATION) {
            pick_event tick = {.kind = PICK_EV_TICK, .now_ms = t};
            st = emit(&f, &tick, &out);
            t += 300;
        }
        if (st == STIEL_OK && f.step == PICK_STEP_SCAN_ITEM && !erred) {
            pick_event wrong = ev_scan(t, "UNKNOWN-1"); /* one error, as trainees make them */
            st = emit(&f, &wrong, &out);
            erred = true;
            t += 700;
        }
        char qty[16];
        snprintf(qty, sizeof qty, "%u", ln->qty > f.picked[li] ? ln->qty - f.picked[li] : 0);
        pick_event cands[] = {
            ev_tap(t, ln->drill == DRILL_DAMAGED ? PICK_ACT_SHORT_DAMAGED : PICK_ACT_SHORT_EMPTY),
            ev_tap(t, PICK_ACT_START),
            ev_scan(t, cat->locations[ln->location].barcode),
            ev_scan(t, cat->items[ln->item].gtin),
            (pick_event){.kind = PICK_EV_QTY, .now_ms = t,
                         .qty = ln->qty > f.picked[li] ? ln->qty - f.picked[li] : 0},
            ev_tap(t, PICK_ACT_CONFIRM),
            ev_scan(t, task.totes[ln->order]),
            ev_tap(t, PICK_ACT_ARRIVED),
            ev_tap(t, PICK_ACT_EMPTY_NO),
        };
        size_t first = (ln->drill == DRILL_EMPTY || ln->drill == DRILL_DAMAGED) &&
                               f.step == PICK_STEP_SCAN_ITEM
                           ? 0
                           : 1;
        size_t k = first;
        while (k < sizeof cands / sizeof cands[0] && !advances(&f, &cands[k]))
            k++;
        if (st == STIEL_OK && k == sizeof cands / sizeof cands[0]) {
            fprintf(stderr, "stiel practice: no script step fits step %s of line %zu\n",
                    pick_step_name(f.step), li + 1);
            stiel_buf_free(&out);
            return 2;
        }
        if (st == STIEL_OK)
            st = emit(&f, &cands[k], &out);
        t += 700;
    }
    if (st == STIEL_OK && f.step == PICK_STEP_DONE)
        fwrite(out.data, 1, out.len, stdout);
    else
        fputs("stiel practice: could not write a whole run\n", stderr);
    stiel_buf_free(&out);
    return st == STIEL_OK && f.step == PICK_STEP_DONE ? 0 : 2;
}

/* ---- running a script ------------------------------------------------------------------------- */

typedef struct last_start {
    char task[TASK_ID_MAX + 1];
    int64_t seq;
} last_start;

static int last_start_row(const store_row *row, void *ctx)
{
    last_start *l = ctx;
    l->seq = row->seq;
    const char *p = row->payload ? strstr(row->payload, "\"task\":\"") : NULL;
    if (p) {
        p += 8;
        size_t n = strcspn(p, "\"");
        if (n < sizeof l->task) {
            memcpy(l->task, p, n);
            l->task[n] = '\0';
        }
    }
    return 1;
}

/* True when this kiosk's newest task is task_id and it has ended (finished or abandoned). */
static bool already_done(session *s, const char *task_id)
{
    last_start l = {.seq = 0};
    stiel_diag d;
    if (store_kiosk_last(session_store(s), session_kiosk(s), "task.started", last_start_row, &l,
                         &d) != STIEL_OK)
        return false;
    return strcmp(l.task, task_id) == 0 && session_active(s) == SESSION_FLOW_NONE;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static int print_ack(size_t n, const char *line, const pick_effects *fx)
{
    printf("ack %zu %s\n", n, line);
    for (size_t i = 0; i < fx->count; i++)
        if (fx->fx[i].kind == PICK_FX_RECORD)
            printf("rec %u step.pick.%s\n", fx->fx[i].record.seq,
                   pick_step_name(fx->fx[i].record.step));
    return fflush(stdout) == 0 ? 0 : 2;
}

static int run_script(session *s, const practice_opts *o, FILE *script)
{
    char want[TASK_ID_MAX + 1];
    snprintf(want, sizeof want, "TR-%016" PRIx64, o->seed);
    stiel_diag d;
    size_t skip = 0;
    if (session_active(s) != SESSION_FLOW_NONE) {
        if (session_active(s) != SESSION_FLOW_PICK || strcmp(session_task_id(s), want) != 0 ||
            strcmp(session_trainee(s), o->trainee) != 0) {
            fprintf(stderr,
                    "stiel practice: kiosk %s has task %s of %s in progress, not %s of %s\n",
                    session_kiosk(s), session_task_id(s), session_trainee(s), want, o->trainee);
            return 2;
        }
        skip = session_input_count(s);
        printf("resumed %s at input %zu\n", want, skip);
    } else if (already_done(s, want)) {
        printf("task %s already finished\n", want);
        return 0;
    } else {
        session_task_spec spec = {.flow = SESSION_FLOW_PICK, .trainee_id = o->trainee,
                                  .seed = o->seed};
        if (session_start_task(s, &spec, cli_now_ms(), &d) != STIEL_OK) {
            fprintf(stderr, "stiel practice: %s\n", d.text);
            return 2;
        }
        printf("started %s for %s\n", session_task_id(s), o->trainee);
    }
    fflush(stdout);
    char line[1024];
    size_t n = 0;
    while (session_active(s) == SESSION_FLOW_PICK && fgets(line, sizeof line, script)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (++n <= skip)
            continue;
        pick_event ev;
        if (pick_event_parse(line, &ev, &d) != STIEL_OK) {
            fprintf(stderr, "stiel practice: script line %zu: %s\n", n, d.text);
            return 2;
        }
        pick_effects fx;
        if (session_handle_pick(s, &ev, cli_now_ms(), &fx, &d) != STIEL_OK) {
            fprintf(stderr, "stiel practice: %s (%s)\n", SESSION_SAVE_FAILED, d.text);
            return 1;
        }
        if (print_ack(n, line, &fx) != 0)
            return 2;
        if (o->delay_ms)
            sleep_ms(o->delay_ms);
    }
    if (session_active(s) == SESSION_FLOW_NONE) {
        printf("finished %s after %zu inputs\n", want, session_input_count(s));
        return 0;
    }
    printf("script ended; task %s is still in progress at input %zu\n", want,
           session_input_count(s));
    return 0;
}

int cli_practice(int argc, char **argv)
{
    practice_opts o = {0};
    int rc = opts_parse(argc, argv, &o);
    if (rc != 0)
        return rc;
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    rc = cli_store_path(o.db, &path);
    if (rc != 0) {
        stiel_buf_free(&path);
        return rc;
    }
    session_config cfg = {.db_path = (const char *)path.data, .kiosk_id = cli_kiosk_id(o.kiosk),
                          .asset_dir = o.assets ? o.assets : STIEL_ASSET_DIR,
                          .actor_id = "practice", .now_ms = cli_now_ms()};
    session *s = NULL;
    stiel_diag d;
    stiel_status st = session_open(&cfg, &s, &d);
    stiel_buf_free(&path);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel practice: %s\n", d.text);
        return 2;
    }
    if (o.make_script) {
        rc = make_script(s, &o);
    } else {
        FILE *script = fopen(o.script, "r");
        if (!script) {
            fprintf(stderr, "stiel practice: cannot open %s: %s\n", o.script, strerror(errno));
            rc = 2;
        } else {
            rc = run_script(s, &o, script);
            fclose(script);
        }
    }
    session_close(s);
    return rc;
}
