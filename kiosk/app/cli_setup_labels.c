/* stiel setup-labels: a supervisor (badge + PIN) prints the practice warehouse's labels from the
 * store — locations and items from the catalogue, totes TOTE-1..N, badges of trainees and staff —
 * with the shipped templates, to a folder (one file per label, named after its code) or through
 * the print queue to a printer (printed / failed per label). Recorded as a staff action. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/device_thread.h"
#include "drivers/print_queue.h"
#include "drivers/printer.h"
#include "kiosk/app/cli.h"
#include "kiosk/app/cli_label_io.h"
#include "kiosk/app/cli_paths.h"
#include "kiosk/app/cli_staff_auth.h"
#include "kiosk/app/setup_labels.h"
#include "kiosk/store/store.h"

enum { TOTES_DEFAULT = SETUP_LABELS_TOTES_DEFAULT, TOTES_MAX = SETUP_LABELS_TOTES_MAX };

typedef setup_labels label_list;

typedef struct setup_opts {
    const char *db, *kiosk, *by, *select, *out, *lang, *printer, *driver, *line, *spool, *names;
    setup_labels_kind kind;
    unsigned count;
    unsigned timeout_s;
    int dpi;
} setup_opts;

#define SETUP_USAGE                                                                               \
    "usage: stiel setup-labels locations|items|totes|badges|prompts [--select CODE,CODE...]\n"  \
    "         [--count N]\n"                                                                    \
    "         (--out DIR [--lang png|zpl|tspl|epl|escpos] |\n"                                     \
    "          --printer PORT [--driver zpl|tspl|epl|escpos|virtual] [--line \"9600 8N1\"] "        \
    "[--spool DIR] [--timeout S])\n"                                                               \
    "         --by BADGE [--names nl|fr|en|ar] [--dpi 203|300] [--db PATH] [--kiosk K]\n"          \
    "  totes are TOTE-1..TOTE-N (--count, default 12); badges are the trainees' and the staff's;\n" \
    "  prompts are the coach's prompt cards (PROMPT-VERBAL ...);\n"                               \
    "  --select takes codes (location code or barcode, SKU or GTIN, tote, person id or badge).\n"

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("stiel setup-labels: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

static int opts_parse(int argc, char **argv, setup_opts *o)
{
    o->count = TOTES_DEFAULT;
    o->timeout_s = 30;
    const char *count = NULL, *timeout = NULL, *dpi = NULL;
    bool have_what = false;
    struct { const char *flag; const char **dst; } flags[] = {
        {"--db", &o->db},         {"--kiosk", &o->kiosk},   {"--by", &o->by},
        {"--select", &o->select}, {"--out", &o->out},       {"--lang", &o->lang},
        {"--printer", &o->printer}, {"--driver", &o->driver}, {"--line", &o->line},
        {"--spool", &o->spool},   {"--names", &o->names},   {"--count", &count},
        {"--timeout", &timeout},  {"--dpi", &dpi},
    };
    for (int i = 1; i < argc; i++) {
        bool matched = false;
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
            if (strcmp(argv[i], flags[f].flag) == 0) {
                if (i + 1 >= argc)
                    return fail("%s needs a value", argv[i]);
                *flags[f].dst = argv[++i];
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(SETUP_USAGE, stdout);
            return 3;
        }
        bool known = !have_what && setup_labels_kind_parse(argv[i], &o->kind);
        have_what = have_what || known;
        if (!known)
            return fail("unexpected '%s'\n%s", argv[i], SETUP_USAGE);
    }
    if (!have_what)
        return fail("which labels? locations, items, totes, badges or prompts\n%s", SETUP_USAGE);
    if (!o->out == !o->printer)
        return fail("give either --out DIR or --printer PORT\n%s", SETUP_USAGE);
    if (!o->by)
        return fail("--by BADGE is needed: printing set-up labels is a supervisor's action");
    if (o->out && (o->driver || o->line || o->spool))
        return fail("--driver, --line and --spool go with --printer");
    if (o->printer && o->lang)
        return fail("--lang goes with --out (a printer's language is its --driver)");
    if (count) {
        char *end = NULL;
        unsigned long n = strtoul(count, &end, 10);
        if (!*count || *end || n < 1 || n > TOTES_MAX || o->kind != SETUP_LABELS_TOTES)
            return fail("--count is 1..%d and only for totes", TOTES_MAX);
        o->count = (unsigned)n;
    }
    if (timeout) {
        char *end = NULL;
        unsigned long t = strtoul(timeout, &end, 10);
        if (!*timeout || *end || t < 1 || t > 3600)
            return fail("--timeout is 1..3600 seconds");
        o->timeout_s = (unsigned)t;
    }
    if (dpi) {
        if (strcmp(dpi, "203") != 0 && strcmp(dpi, "300") != 0)
            return fail("--dpi is 203 or 300");
        o->dpi = atoi(dpi);
    }
    return 0;
}

/* ---- the labels ------------------------------------------------------------------------------ */

static int load_labels(store *s, const setup_opts *o, label_list *l)
{
    catalogue_lang lang = CAT_LANG_NL;
    if (o->names) {
        bool ok = false;
        for (int i = 0; i < CAT_LANG_COUNT; i++)
            if (strcmp(o->names, catalogue_lang_code((catalogue_lang)i)) == 0) {
                lang = (catalogue_lang)i;
                ok = true;
            }
        if (!ok)
            return fail("--names is nl, fr, en or ar");
    }
    stiel_diag d;
    stiel_status st = setup_labels_load(s, o->kind, o->count, lang, l, &d);
    if (st == STIEL_ERR_NOT_FOUND)
        return fail("the store has no catalogue yet: stiel import catalogue DIR first");
    return st == STIEL_OK ? 0 : fail("%s", d.text);
}

/* Marks the labels --select names (all when there is no --select); an unknown code is an error. */
static int select_labels(const setup_opts *o, label_list *l, size_t *n)
{
    stiel_diag d;
    if (setup_labels_select(l, o->select, n, &d) != STIEL_OK)
        return fail("--select: %s", d.text);
    return 0;
}

static setup_labels_render render_opts(const setup_opts *o)
{
    static char dir[4096];
    cli_label_dir(dir, sizeof dir);
    return (setup_labels_render){.template_dir = dir, .dpi = o->dpi};
}

static int to_folder(const setup_opts *o, label_list *l)
{
    if (cli_mkdir_p(o->out) != 0)
        return fail("cannot create the folder %s: %s", o->out, strerror(errno));
    setup_labels_render r = render_opts(o);
    stiel_diag d;
    if (setup_labels_to_folder(l, &r, o->out, o->lang, &d) != STIEL_OK)
        return fail("%s", d.text);
    for (size_t i = 0; i < l->count; i++) {
        const setup_label *x = &l->items[i];
        if (x->done)
            printf("written %-12s %s/%s\n", x->code, o->out, x->file);
        else if (x->failed)
            printf("failed  %-12s %s\n", x->code, x->why);
    }
    return 0;
}

/* ---- printing through the queue -------------------------------------------------------------- */

typedef struct print_watch {
    pthread_mutex_t lock;
    int printer_state;  /* -1 until the first status */
    char status_text[STIEL_DIAG_TEXT_MAX];
    char fault_text[STIEL_DIAG_TEXT_MAX];
} print_watch;

static void on_event(void *user, stiel_device_event *ev)
{
    print_watch *w = user;
    pthread_mutex_lock(&w->lock);
    if (ev->kind == STIEL_DEVICE_EVENT_STATUS && ev->code < STIEL_PRINTER_STATUS_JOB) {
        w->printer_state = ev->code;
        snprintf(w->status_text, sizeof w->status_text, "%s", ev->diag.text);
    } else if (ev->kind == STIEL_DEVICE_EVENT_FAULT || ev->kind == STIEL_DEVICE_EVENT_STATE) {
        if (ev->diag.text[0])
            snprintf(w->fault_text, sizeof w->fault_text, "%s", ev->diag.text);
    }
    pthread_mutex_unlock(&w->lock);
    stiel_device_event_free(ev);
}

/* Encodes every selected label and queues it; a label that cannot be drawn fails here. */
static int queue_labels(const setup_opts *o, stiel_printer_lang lang, stiel_print_queue *q,
                        label_list *l, size_t *queued)
{
    setup_labels_render r = render_opts(o);
    stiel_diag d;
    if (setup_labels_queue(l, &r, q, stiel_printer_lang_name(lang), queued, &d) != STIEL_OK)
        return fail("%s", d.text);
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].failed)
            printf("failed  %-12s %s\n", l->items[i].code, l->items[i].why);
    return 0;
}

/* Waits for each queued job's confirmation (in order) until the deadline; reports each. */
static void watch_jobs(const setup_opts *o, stiel_print_queue *q, print_watch *w, label_list *l)
{
    uint64_t deadline = stiel_device_now_ms() + (uint64_t)o->timeout_s * 1000u;
    for (size_t i = 0; i < l->count; i++) {
        setup_label *x = &l->items[i];
        if (!x->selected || x->failed)
            continue;
        for (;;) {
            stiel_print_job_info info;
            if (stiel_print_queue_get(q, x->job, &info) != STIEL_OK)
                info.state = STIEL_PRINT_JOB_FAILED;
            if (info.state == STIEL_PRINT_JOB_CONFIRMED) {
                x->done = true;
                printf("printed %-12s job %llu\n", x->code, (unsigned long long)x->job);
                break;
            }
            pthread_mutex_lock(&w->lock);
            char status[STIEL_DIAG_TEXT_MAX], fault[STIEL_DIAG_TEXT_MAX];
            memcpy(status, w->status_text, sizeof status);
            memcpy(fault, w->fault_text, sizeof fault);
            pthread_mutex_unlock(&w->lock);
            if (info.state == STIEL_PRINT_JOB_FAILED) {
                x->failed = true;
                snprintf(x->why, sizeof x->why, "%s", fault[0] ? fault : "the job failed");
                printf("failed  %-12s job %llu: %s\n", x->code, (unsigned long long)x->job,
                       x->why);
                break;
            }
            if (stiel_device_now_ms() >= deadline) {
                x->failed = true;
                snprintf(x->why, sizeof x->why, "not confirmed in %u s (%.120s); it stays %s in %.60s",
                         o->timeout_s, status[0] ? status : fault[0] ? fault : "no status",
                         stiel_print_job_state_name(info.state), stiel_print_queue_dir(q));
                printf("failed  %-12s job %llu: %s\n", x->code, (unsigned long long)x->job,
                       x->why);
                break;
            }
            stiel_print_queue_wait(q, x->job, info.state, 100, NULL);
        }
    }
}

static int to_printer(const setup_opts *o, label_list *l)
{
    stiel_printer_lang lang = STIEL_PRINTER_ZPL;
    bool is_virtual = o->driver && strcmp(o->driver, "virtual") == 0;
    if (o->driver && !is_virtual && !stiel_printer_lang_from_name(o->driver, &lang))
        return fail("--driver is zpl, tspl, epl, escpos or virtual");
    stiel_line_settings line = STIEL_LINE_SETTINGS_DEFAULT;
    stiel_diag d;
    stiel_diag_clear(&d);
    if (o->line && stiel_line_settings_parse(o->line, &line, &d) != STIEL_OK)
        return fail("--line: %s", d.text);
    char spool[1024], port[1200];
    cli_spool_dir(o->spool, spool, sizeof spool);
    if (cli_mkdir_p(spool) != 0)
        return fail("cannot create the spool folder %s: %s", spool, strerror(errno));
    snprintf(port, sizeof port, "%s", o->printer);
    if (is_virtual && stiel_printer_virtual_port(o->printer, port, sizeof port, &d) != STIEL_OK)
        return fail("%s", d.text);
    stiel_print_queue *q = NULL;
    if (stiel_print_queue_open(spool, &q, &d) != STIEL_OK)
        return fail("%s", d.text);
    size_t queued = 0;
    int rc = queue_labels(o, lang, q, l, &queued);
    if (rc != 0 || queued == 0) {
        stiel_print_queue_close(q);
        return rc;
    }
    print_watch w;
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.lock, NULL);
    w.printer_state = -1;
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config tc = {.on_event = on_event, .user = &w};
    stiel_printer_config pc = {.lang = lang, .queue = q,
                               .preview_dir = is_virtual ? o->printer : NULL};
    void *data = NULL;
    int dev = 0;
    stiel_status st = stiel_device_thread_new(&tc, &thr, &d);
    if (st == STIEL_OK)
        st = is_virtual ? stiel_printer_virtual_new(&pc, &data, &d)
                        : stiel_printer_new(&pc, &data, &d);
    if (st == STIEL_OK) {
        stiel_device_config dc = {
            .port = port, .label = is_virtual ? "virtual printer" : "printer", .line = line,
            .ops = is_virtual ? &stiel_printer_virtual_ops : stiel_printer_ops_for(lang),
            .driver_data = data};
        st = stiel_device_thread_add(thr, &dc, &dev, &d);
        if (st != STIEL_OK)
            dc.ops->destroy(data); /* the device did not take it */
    }
    if (st == STIEL_OK)
        st = stiel_device_thread_claim(thr, dev, &d);
    if (st == STIEL_OK)
        st = stiel_device_thread_start(thr, &d);
    if (st == STIEL_OK)
        watch_jobs(o, q, &w, l);
    else
        rc = fail("%s", d.text);
    stiel_device_thread_free(thr);
    stiel_print_queue_close(q);
    pthread_mutex_destroy(&w.lock);
    return rc;
}

/* ---- the command ----------------------------------------------------------------------------- */

static store *open_store(const char *db)
{
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    store *s = NULL;
    if (cli_store_path(db, &path) == 0) {
        store_options opts = {.must_exist = true};
        stiel_diag d;
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK)
            fail("%s", d.text);
    }
    stiel_buf_free(&path);
    return s;
}

static int run(const setup_opts *o, store *s, label_list *l)
{
    int rc = load_labels(s, o, l);
    size_t n = 0;
    if (rc == 0)
        rc = select_labels(o, l, &n);
    if (rc == 0 && n == 0)
        rc = fail("there are no %s labels to print in the store",
                  setup_labels_kind_name(o->kind));
    char actor[STORE_ID_MAX + 1];
    if (rc == 0)
        rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_PRINT_SETUP_LABELS, actor,
                                sizeof actor);
    if (rc != 0)
        return rc;
    rc = o->out ? to_folder(o, l) : to_printer(o, l);
    size_t done = 0, failed = 0;
    setup_labels_counts(l, NULL, &done, &failed);
    char detail[256];
    snprintf(detail, sizeof detail,
             "{\"what\":\"%s\",\"labels\":%zu,\"printed\":%zu,\"failed\":%zu,\"to\":\"%s\"}",
             setup_labels_kind_name(o->kind), n, done, failed, o->out ? "folder" : "printer");
    stiel_diag d;
    stiel_status st = store_staff_action_record(s, cli_kiosk_id(o->kiosk), actor,
                                                ACCESS_PRINT_SETUP_LABELS, NULL, detail,
                                                cli_now_ms(), NULL, &d);
    if (st != STIEL_OK) {
        fail("the labels are done but the action could not be recorded: %s", d.text);
        return st == STIEL_ERR_DENIED ? 1 : 2;
    }
    if (rc != 0)
        return rc;
    printf("%s: %zu of %zu label%s %s, %zu failed\n", setup_labels_kind_name(o->kind), done, n,
           n == 1 ? "" : "s", o->out ? "written" : "printed", failed);
    return failed ? 1 : 0;
}

int cli_setup_labels(int argc, char **argv)
{
    setup_opts o;
    memset(&o, 0, sizeof o);
    int rc = opts_parse(argc, argv, &o);
    if (rc != 0)
        return rc == 3 ? 0 : rc;
    store *s = open_store(o.db);
    if (!s)
        return 2;
    label_list l = {0};
    rc = run(&o, s, &l);
    setup_labels_free(&l);
    store_close(s);
    return rc;
}
