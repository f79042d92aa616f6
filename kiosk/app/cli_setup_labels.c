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
#include "kiosk/app/session.h"
#include "kiosk/store/store.h"
#include "protocol/label/template.h"
#include "render/label_output.h"
#include "render/render.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

enum {
    TOTES_DEFAULT = 12,
    TOTES_MAX = 999,
    FIELDS_MAX = 3,
    CODE_MAX = CAT_BARCODE_MAX + 1,
    VALUE_MAX = CAT_TEXT_MAX + 1
};

typedef enum what { WHAT_LOCATIONS, WHAT_ITEMS, WHAT_TOTES, WHAT_BADGES } what;
static const char *const what_names[] = {"locations", "items", "totes", "badges"};
static const char *const templates[] = {"location", "item", "tote", "badge"};

/* One label to print: its code (file name, --select key), another code that selects it too
 * (barcode, GTIN, badge), and the template's field values. */
typedef struct setup_label {
    char code[CODE_MAX];
    char alt[CODE_MAX];
    size_t nfields;
    const char *keys[FIELDS_MAX];
    char values[FIELDS_MAX][VALUE_MAX];
    bool selected;
    /* outcome */
    bool done, failed;
    uint64_t job;
    char why[STIEL_DIAG_TEXT_MAX];
} setup_label;

typedef struct label_list {
    setup_label *items;
    size_t count, cap;
} label_list;

typedef struct setup_opts {
    const char *db, *kiosk, *by, *select, *out, *lang, *printer, *driver, *line, *spool, *names;
    what kind;
    unsigned count;
    unsigned timeout_s;
    int dpi;
} setup_opts;

#define SETUP_USAGE                                                                               \
    "usage: stiel setup-labels locations|items|totes|badges [--select CODE,CODE...] [--count N]\n" \
    "         (--out DIR [--lang png|zpl|tspl|epl|escpos] |\n"                                     \
    "          --printer PORT [--driver zpl|tspl|epl|escpos|virtual] [--line \"9600 8N1\"] "        \
    "[--spool DIR] [--timeout S])\n"                                                               \
    "         --by BADGE [--names nl|fr|en|ar] [--dpi 203|300] [--db PATH] [--kiosk K]\n"          \
    "  totes are TOTE-1..TOTE-N (--count, default 12); badges are the trainees' and the staff's;\n" \
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
        bool known = false;
        for (size_t w = 0; !have_what && w < sizeof what_names / sizeof what_names[0]; w++) {
            if (strcmp(argv[i], what_names[w]) == 0) {
                o->kind = (what)w;
                have_what = known = true;
            }
        }
        if (!known)
            return fail("unexpected '%s'\n%s", argv[i], SETUP_USAGE);
    }
    if (!have_what)
        return fail("which labels? locations, items, totes or badges\n%s", SETUP_USAGE);
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
        if (!*count || *end || n < 1 || n > TOTES_MAX || o->kind != WHAT_TOTES)
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

/* ---- the labels from the store --------------------------------------------------------------- */

static setup_label *list_add(label_list *l, const char *code, const char *alt)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        setup_label *n = realloc(l->items, cap * sizeof *n);
        if (!n)
            return NULL;
        l->items = n;
        l->cap = cap;
    }
    setup_label *x = &l->items[l->count++];
    memset(x, 0, sizeof *x);
    snprintf(x->code, sizeof x->code, "%s", code);
    snprintf(x->alt, sizeof x->alt, "%s", alt ? alt : "");
    return x;
}

/* Copies at most max code points of text into dst (whole UTF-8 sequences only). */
static void copy_points(char *dst, size_t cap, const char *text, size_t max)
{
    size_t n = 0, points = 0;
    while (text[n] && points < max) {
        size_t k = 1;
        while (text[n + k] && ((unsigned char)text[n + k] & 0xC0) == 0x80)
            k++;
        if (n + k >= cap)
            break;
        n += k;
        points++;
    }
    memcpy(dst, text, n);
    dst[n] = 0;
}

static void set_field(setup_label *x, const char *key, const char *value, size_t max_points)
{
    if (x->nfields == FIELDS_MAX)
        return;
    x->keys[x->nfields] = key;
    copy_points(x->values[x->nfields], VALUE_MAX, value, max_points);
    x->nfields++;
}

typedef struct badge_ctx {
    label_list *l;
    bool nomem;
} badge_ctx;

enum { NAME_POINTS = 30, ITEM_NAME_POINTS = 50 }; /* the templates' max= */

static int trainee_badge(const store_trainee *t, void *p)
{
    badge_ctx *c = p;
    if (t->erased)
        return 0;
    setup_label *x = list_add(c->l, t->id, t->badge);
    if (!x) {
        c->nomem = true;
        return 1;
    }
    set_field(x, "name", t->display_name, NAME_POINTS);
    set_field(x, "role", "Trainee", NAME_POINTS);
    set_field(x, "code", t->badge, CAT_BARCODE_MAX);
    return 0;
}

static int staff_badge(const store_staff *m, void *p)
{
    badge_ctx *c = p;
    setup_label *x = list_add(c->l, m->id, m->badge);
    if (!x) {
        c->nomem = true;
        return 1;
    }
    set_field(x, "name", m->name[0] ? m->name : m->id, NAME_POINTS);
    set_field(x, "role", m->role == ACCESS_ROLE_SUPERVISOR ? "Supervisor" : "Job coach",
              NAME_POINTS);
    set_field(x, "code", m->badge, CAT_BARCODE_MAX);
    return 0;
}

static int load_catalogue_labels(store *s, const setup_opts *o, label_list *l)
{
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    core_errors *errs = calloc(1, sizeof *errs);
    stiel_diag d;
    stiel_status st = errs ? session_catalogue_load(s, &cat, errs, &d) : STIEL_ERR_NOMEM;
    free(errs);
    if (st == STIEL_ERR_NOT_FOUND)
        return fail("the store has no catalogue yet: stiel import catalogue DIR first");
    if (st != STIEL_OK)
        return fail("%s", st == STIEL_ERR_NOMEM ? "out of memory" : d.text);
    catalogue_lang lang = CAT_LANG_NL;
    for (int i = 0; o->names && i < CAT_LANG_COUNT; i++)
        if (strcmp(o->names, catalogue_lang_code((catalogue_lang)i)) == 0)
            lang = (catalogue_lang)i;
    int rc = 0;
    if (o->kind == WHAT_LOCATIONS) {
        for (size_t i = 0; rc == 0 && i < cat.location_count; i++) {
            const catalogue_location *c = &cat.locations[i];
            setup_label *x = list_add(l, c->code, c->barcode);
            if (!x)
                rc = fail("out of memory");
            else /* the label shows and encodes what the scanner must read: the barcode */
                set_field(x, "location", c->barcode, CAT_BARCODE_MAX);
        }
    } else {
        for (size_t i = 0; rc == 0 && i < cat.item_count; i++) {
            const catalogue_item *c = &cat.items[i];
            setup_label *x = list_add(l, c->sku, c->gtin);
            if (!x) {
                rc = fail("out of memory");
                break;
            }
            set_field(x, "name", c->name[lang][0] ? c->name[lang] : c->name[CAT_LANG_NL],
                      ITEM_NAME_POINTS);
            set_field(x, "gtin", c->gtin, 13);
        }
    }
    catalogue_free(&cat);
    return rc;
}

static int load_labels(store *s, const setup_opts *o, label_list *l)
{
    if (o->names && strcmp(o->names, "nl") != 0 && strcmp(o->names, "fr") != 0 &&
        strcmp(o->names, "en") != 0 && strcmp(o->names, "ar") != 0)
        return fail("--names is nl, fr, en or ar");
    if (o->kind == WHAT_LOCATIONS || o->kind == WHAT_ITEMS)
        return load_catalogue_labels(s, o, l);
    if (o->kind == WHAT_TOTES) {
        for (unsigned i = 1; i <= o->count; i++) {
            char code[16];
            snprintf(code, sizeof code, "TOTE-%u", i);
            setup_label *x = list_add(l, code, NULL);
            if (!x)
                return fail("out of memory");
            set_field(x, "tote", code, 10);
        }
        return 0;
    }
    badge_ctx c = {.l = l};
    stiel_diag d;
    if (store_trainees_each(s, trainee_badge, &c, &d) != STIEL_OK ||
        (!c.nomem && store_staff_each(s, staff_badge, &c, &d) != STIEL_OK))
        return fail("%s", d.text);
    return c.nomem ? fail("out of memory") : 0;
}

/* Marks the labels --select names (all when there is no --select); an unknown code is an error. */
static int select_labels(const setup_opts *o, label_list *l, size_t *n)
{
    *n = 0;
    if (!o->select) {
        for (size_t i = 0; i < l->count; i++)
            l->items[i].selected = true;
        *n = l->count;
        return 0;
    }
    const char *p = o->select;
    while (*p) {
        size_t k = strcspn(p, ",");
        char code[CODE_MAX];
        if (k == 0 || k >= sizeof code)
            return fail("--select: '%.*s' is not a code", (int)k, p);
        memcpy(code, p, k);
        code[k] = 0;
        bool found = false;
        for (size_t i = 0; i < l->count; i++) {
            setup_label *x = &l->items[i];
            if (strcmp(x->code, code) == 0 || (x->alt[0] && strcmp(x->alt, code) == 0)) {
                if (!x->selected)
                    (*n)++;
                x->selected = found = true;
            }
        }
        if (!found)
            return fail("--select: there is no %s label '%s' in the store",
                        what_names[o->kind], code);
        p += k;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* ---- rendering ------------------------------------------------------------------------------- */

typedef struct renderer {
    label_template *tpl;
    label *lab;
    render_context *ctx;
    int dpi;
} renderer;

static void renderer_free(renderer *r)
{
    render_context_free(r->ctx);
    free(r->tpl);
    free(r->lab);
}

static int renderer_open(renderer *r, const setup_opts *o)
{
    memset(r, 0, sizeof *r);
    r->dpi = o->dpi;
    r->tpl = calloc(1, sizeof *r->tpl);
    r->lab = calloc(1, sizeof *r->lab);
    if (!r->tpl || !r->lab)
        return fail("out of memory");
    char path[4096];
    stiel_diag d;
    stiel_buf text;
    stiel_buf_init(&text, 0);
    stiel_status st = cli_label_resolve(templates[o->kind], path, sizeof path, &d);
    if (st == STIEL_OK)
        st = cli_label_read_file(path, &text, &d);
    if (st == STIEL_OK)
        st = label_template_parse((const char *)text.data, text.len, path, r->tpl, &d);
    stiel_buf_free(&text);
    if (st == STIEL_OK) {
        const char *fonts = getenv("STIEL_FONT_DIR");
        st = render_context_new(fonts && fonts[0] ? fonts : STIEL_FONT_DIR, &r->ctx, &d);
    }
    return st == STIEL_OK ? 0 : fail("%s", d.text);
}

/* Fills the template with x's values into r->lab. */
static stiel_status renderer_fill(renderer *r, const setup_label *x, stiel_diag *d)
{
    const char *values[FIELDS_MAX];
    for (size_t i = 0; i < x->nfields; i++)
        values[i] = x->values[i];
    stiel_status st = label_template_fill(r->tpl, x->keys, values, x->nfields, r->lab, d);
    if (st == STIEL_OK && r->dpi)
        r->lab->dpi = r->dpi;
    return st;
}

/* The code as a file name: letters, digits, '-', '_' and '.' kept, anything else '_'. */
static void file_name(const char *code, char *out, size_t cap)
{
    size_t n = 0;
    for (; code[n] && n + 1 < cap; n++) {
        char c = code[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (c == '.' && n > 0);
        out[n] = ok ? c : '_';
    }
    out[n] = 0;
}

static stiel_status write_one(renderer *r, const setup_opts *o, bool png, render_lang lang,
                              const setup_label *x, char path[4200], size_t cap, stiel_diag *d)
{
    stiel_status st = renderer_fill(r, x, d);
    if (st != STIEL_OK)
        return st;
    static const char *const ext[] = {"zpl", "tspl", "epl", "bin"};
    char name[CODE_MAX];
    file_name(x->code, name, sizeof name);
    if ((size_t)snprintf(path, cap, "%s/%s.%s", o->out, name, png ? "png" : ext[lang]) >= cap)
        return stiel_diag_set(d, STIEL_ERR_OVERLONG, "the folder's path is too long");
    if (png) {
        char tmp[4300];
        if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
            return stiel_diag_set(d, STIEL_ERR_OVERLONG, "the folder's path is too long");
        st = render_label_png(r->ctx, r->lab, tmp, d);
        if (st == STIEL_OK && rename(tmp, path) != 0)
            st = stiel_diag_set(d, STIEL_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
        if (st != STIEL_OK)
            unlink(tmp);
        return st;
    }
    stiel_buf bytes;
    stiel_buf_init(&bytes, 0);
    st = render_label_encode(r->ctx, r->lab, lang, RENDER_RASTER_NONE, &bytes, d);
    if (st == STIEL_OK)
        st = cli_label_write_file(path, bytes.data, bytes.len, d);
    stiel_buf_free(&bytes);
    return st;
}

static int to_folder(const setup_opts *o, label_list *l)
{
    bool png = !o->lang || strcmp(o->lang, "png") == 0;
    render_lang lang = RENDER_LANG_ZPL;
    if (!png && !render_lang_from_name(o->lang, &lang))
        return fail("--lang is png, zpl, tspl, epl or escpos");
    if (cli_mkdir_p(o->out) != 0)
        return fail("cannot create the folder %s: %s", o->out, strerror(errno));
    renderer r;
    int rc = renderer_open(&r, o);
    for (size_t i = 0; rc == 0 && i < l->count; i++) {
        setup_label *x = &l->items[i];
        if (!x->selected)
            continue;
        char path[4200];
        stiel_diag d;
        stiel_diag_clear(&d);
        if (write_one(&r, o, png, lang, x, path, sizeof path, &d) == STIEL_OK) {
            x->done = true;
            printf("written %-12s %s\n", x->code, path);
        } else {
            x->failed = true;
            snprintf(x->why, sizeof x->why, "%s", d.text);
            printf("failed  %-12s %s\n", x->code, d.text);
        }
    }
    renderer_free(&r);
    return rc;
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
    render_lang rl = RENDER_LANG_ZPL;
    render_lang_from_name(stiel_printer_lang_name(lang), &rl);
    renderer r;
    int rc = renderer_open(&r, o);
    *queued = 0;
    for (size_t i = 0; rc == 0 && i < l->count; i++) {
        setup_label *x = &l->items[i];
        if (!x->selected)
            continue;
        stiel_diag d;
        stiel_diag_clear(&d);
        stiel_buf bytes;
        stiel_buf_init(&bytes, 0);
        stiel_status st = renderer_fill(&r, x, &d);
        if (st == STIEL_OK)
            st = render_label_encode(r.ctx, r.lab, rl, RENDER_RASTER_NONE, &bytes, &d);
        if (st == STIEL_OK)
            st = stiel_print_queue_add(q, stiel_printer_lang_name(lang), bytes.data, bytes.len,
                                       &x->job, &d);
        stiel_buf_free(&bytes);
        if (st != STIEL_OK) {
            x->failed = true;
            snprintf(x->why, sizeof x->why, "%s", d.text);
            printf("failed  %-12s %s\n", x->code, d.text);
        } else {
            (*queued)++;
        }
    }
    renderer_free(&r);
    return rc;
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
        rc = fail("there are no %s labels to print in the store", what_names[o->kind]);
    char actor[STORE_ID_MAX + 1];
    if (rc == 0)
        rc = cli_staff_identify(s, o->kiosk, o->by, ACCESS_PRINT_SETUP_LABELS, actor,
                                sizeof actor);
    if (rc != 0)
        return rc;
    rc = o->out ? to_folder(o, l) : to_printer(o, l);
    size_t done = 0, failed = 0;
    for (size_t i = 0; i < l->count; i++) {
        done += l->items[i].done;
        failed += l->items[i].selected && !l->items[i].done;
    }
    char detail[256];
    snprintf(detail, sizeof detail,
             "{\"what\":\"%s\",\"labels\":%zu,\"printed\":%zu,\"failed\":%zu,\"to\":\"%s\"}",
             what_names[o->kind], n, done, failed, o->out ? "folder" : "printer");
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
    printf("%s: %zu of %zu label%s %s, %zu failed\n", what_names[o->kind], done, n,
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
    free(l.items);
    store_close(s);
    return rc;
}
