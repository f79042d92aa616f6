/* stiel print: fills a label template (like `stiel label`), puts the label in the persistent print
 * queue (--spool) and prints it through the device thread and a printer driver, then reports the
 * printer's status. Exit 0 when the printer confirmed the job, 1 when it reports a fault (the
 * sentence is printed; the job stays queued and prints when the printer is ready — the next
 * `stiel print` on that spool resumes it), or gives no confirmation in time, 2 for bad input. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
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
#include "protocol/label/template.h"
#include "protocol/printer/printer_state.h"
#include "render/label_output.h"
#include "render/render.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

typedef struct print_args {
    const char *port, *template_name, *lang, *driver, *raster, *line, *spool;
    int dpi;
    unsigned timeout_s;
    size_t set_count;
    const char *keys[LABEL_TEMPLATE_MAX_FIELDS];
    const char *values[LABEL_TEMPLATE_MAX_FIELDS];
    char *copies[LABEL_TEMPLATE_MAX_FIELDS];
} print_args;

/* What the device thread told us (guarded by lock). */
typedef struct print_watch {
    pthread_mutex_t lock;
    int printer_state;               /* -1 until the first status */
    char status_text[STIEL_DIAG_TEXT_MAX];
    stiel_device_state dev_state;
    char dev_text[STIEL_DIAG_TEXT_MAX];
    char fault_text[STIEL_DIAG_TEXT_MAX];
} print_watch;

static const char usage[] =
    "usage: stiel print PORT TEMPLATE [--set key=value ...] [--lang zpl|tspl|epl|escpos]\n"
    "                   [--driver zpl|tspl|epl|escpos|virtual] [--raster z64|hex|rle] [--dpi 203|300]\n"
    "                   [--line \"9600 8N1\"] [--spool DIR] [--timeout SECONDS]\n"
    "  PORT: /dev/ttyUSB0, a pty path, tcp:HOST:9100, or for --driver virtual the preview folder.\n"
    "  Exit 0: printed and confirmed; 1: the printer reports a fault or did not confirm (the job\n"
    "  stays queued in the spool and prints when the printer is ready); 2: bad input.\n";

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("stiel print: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

static void args_free(print_args *a)
{
    for (size_t i = 0; i < a->set_count; i++)
        free(a->copies[i]);
}

static int args_parse(int argc, char **argv, print_args *a)
{
    static const char *const valued[] = {"--set", "--lang", "--driver", "--raster", "--line", "--spool", "--dpi",
                                         "--timeout"};
    a->timeout_s = 15;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int k = -1;
        for (int j = 0; j < (int)(sizeof valued / sizeof valued[0]); j++)
            if (strcmp(arg, valued[j]) == 0)
                k = j;
        if (k >= 0) {
            if (i + 1 >= argc)
                return fail("%s needs a value", arg);
            const char *v = argv[++i];
            if (k == 0) {
                const char *eq = strchr(v, '=');
                if (!eq || eq == v)
                    return fail("--set '%s' is not key=value", v);
                if (a->set_count == LABEL_TEMPLATE_MAX_FIELDS)
                    return fail("too many --set options");
                char *copy = strdup(v);
                if (!copy)
                    return fail("out of memory");
                copy[eq - v] = '\0';
                a->copies[a->set_count] = copy;
                a->keys[a->set_count] = copy;
                a->values[a->set_count++] = copy + (eq - v) + 1;
            } else if (k == 1) {
                a->lang = v;
            } else if (k == 2) {
                a->driver = v;
            } else if (k == 3) {
                a->raster = v;
            } else if (k == 4) {
                a->line = v;
            } else if (k == 5) {
                a->spool = v;
            } else if (k == 6) {
                if (strcmp(v, "203") != 0 && strcmp(v, "300") != 0)
                    return fail("--dpi '%s' is not 203 or 300", v);
                a->dpi = atoi(v);
            } else {
                long t = strtol(v, NULL, 10);
                if (t <= 0 || t > 3600)
                    return fail("--timeout '%s' is not 1..3600 seconds", v);
                a->timeout_s = (unsigned)t;
            }
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 3;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return fail("unknown option '%s'\n%s", arg, usage);
        } else if (!a->port) {
            a->port = arg;
        } else if (!a->template_name) {
            a->template_name = arg;
        } else {
            return fail("too many arguments ('%s')\n%s", arg, usage);
        }
    }
    if (!a->port || !a->template_name)
        return fail("PORT and TEMPLATE are required\n%s", usage);
    return 0;
}

/* The template, filled and encoded for lang. */
static int make_job(const print_args *a, render_lang lang, stiel_buf *job)
{
    char path[4096];
    stiel_diag diag;
    stiel_diag_clear(&diag);
    if (cli_label_resolve(a->template_name, path, sizeof path, &diag) != STIEL_OK)
        return fail("%s", diag.text);
    render_raster raster = RENDER_RASTER_NONE;
    if (a->raster && (!render_raster_from_name(a->raster, &raster) || raster == RENDER_RASTER_NONE))
        return fail("--raster '%s' is not z64, hex or rle", a->raster);
    label_template *t = calloc(1, sizeof *t);
    label *lab = calloc(1, sizeof *lab);
    stiel_buf text;
    stiel_buf_init(&text, 0);
    stiel_status st = t && lab ? cli_label_read_file(path, &text, &diag) : STIEL_ERR_NOMEM;
    if (st == STIEL_OK)
        st = label_template_parse((const char *)text.data, text.len, path, t, &diag);
    if (st == STIEL_OK)
        st = label_template_fill(t, a->keys, a->values, a->set_count, lab, &diag);
    render_context *ctx = NULL;
    if (st == STIEL_OK) {
        if (a->dpi)
            lab->dpi = a->dpi;
        const char *fonts = getenv("STIEL_FONT_DIR");
        st = render_context_new(fonts && fonts[0] ? fonts : STIEL_FONT_DIR, &ctx, &diag);
    }
    if (st == STIEL_OK)
        st = render_label_encode(ctx, lab, lang, raster, job, &diag);
    render_context_free(ctx);
    stiel_buf_free(&text);
    free(t);
    free(lab);
    if (st != STIEL_OK)
        return fail("%s: %s", a->template_name, diag.text[0] ? diag.text : stiel_strerror(st));
    return 0;
}

static void on_event(void *user, stiel_device_event *ev)
{
    print_watch *w = user;
    pthread_mutex_lock(&w->lock);
    if (ev->kind == STIEL_DEVICE_EVENT_STATUS && ev->code < STIEL_PRINTER_STATUS_JOB) {
        w->printer_state = ev->code;
        snprintf(w->status_text, sizeof w->status_text, "%s", ev->diag.text);
    } else if (ev->kind == STIEL_DEVICE_EVENT_STATE) {
        w->dev_state = ev->state;
        snprintf(w->dev_text, sizeof w->dev_text, "%s", ev->diag.text);
    } else if (ev->kind == STIEL_DEVICE_EVENT_FAULT) {
        snprintf(w->fault_text, sizeof w->fault_text, "%s", ev->diag.text);
    }
    pthread_mutex_unlock(&w->lock);
    stiel_device_event_free(ev);
}

/* Waits for the job's confirmation or a fault; returns the exit status. */
static int watch(print_watch *w, stiel_print_queue *q, uint64_t id, const print_args *a)
{
    uint64_t deadline = stiel_device_now_ms() + (uint64_t)a->timeout_s * 1000u;
    for (;;) {
        stiel_print_job_info info;
        usleep(20000);
        if (stiel_print_queue_get(q, id, &info) != STIEL_OK)
            info.state = STIEL_PRINT_JOB_FAILED;
        pthread_mutex_lock(&w->lock);
        int ps = w->printer_state;
        char text[STIEL_DIAG_TEXT_MAX], dev[STIEL_DIAG_TEXT_MAX], fault[STIEL_DIAG_TEXT_MAX];
        memcpy(text, w->status_text, sizeof text);
        memcpy(dev, w->dev_text, sizeof dev);
        memcpy(fault, w->fault_text, sizeof fault);
        stiel_device_state ds = w->dev_state;
        pthread_mutex_unlock(&w->lock);
        if (info.state == STIEL_PRINT_JOB_CONFIRMED) {
            printf("printed: job %" PRIu64 " on %s is confirmed. %s\n", id, a->port, text);
            return 0;
        }
        if (info.state == STIEL_PRINT_JOB_FAILED) {
            printf("not printed: job %" PRIu64 " failed: %s\n", id, fault[0] ? fault : "see the log");
            return 1;
        }
        if (ps > PRINTER_STATE_READY) {
            printf("%s\n", text);
            printf("not printed yet: job %" PRIu64 " is %s in %s and prints when the printer is ready\n", id,
                   stiel_print_job_state_name(info.state), stiel_print_queue_dir(q));
            return 1;
        }
        if (ds == STIEL_DEVICE_ERROR) {
            printf("%s\n", dev);
            return 1;
        }
        if (stiel_device_now_ms() >= deadline) {
            printf("no confirmation from the printer on %s in %u s: %s\n", a->port, a->timeout_s,
                   ds == STIEL_DEVICE_DISCONNECTED ? dev : (text[0] ? text : "no status"));
            printf("job %" PRIu64 " is %s in %s\n", id, stiel_print_job_state_name(info.state),
                   stiel_print_queue_dir(q));
            return 1;
        }
    }
}

static int run(const print_args *a)
{
    stiel_printer_lang lang = STIEL_PRINTER_ZPL, drv_lang = STIEL_PRINTER_ZPL;
    bool is_virtual = a->driver && strcmp(a->driver, "virtual") == 0;
    if (a->lang && !stiel_printer_lang_from_name(a->lang, &lang))
        return fail("--lang '%s' is not zpl, tspl, epl or escpos", a->lang);
    if (a->driver && !is_virtual && !stiel_printer_lang_from_name(a->driver, &drv_lang))
        return fail("--driver '%s' is not zpl, tspl, epl, escpos or virtual", a->driver);
    if (!a->lang && a->driver && !is_virtual)
        lang = drv_lang;
    if (!a->driver || is_virtual)
        drv_lang = lang;
    if (lang != drv_lang)
        return fail("a %s label cannot go to a %s printer", stiel_printer_lang_name(lang),
                    stiel_printer_lang_name(drv_lang));
    stiel_line_settings line = STIEL_LINE_SETTINGS_DEFAULT;
    stiel_diag diag;
    stiel_diag_clear(&diag);
    if (a->line && stiel_line_settings_parse(a->line, &line, &diag) != STIEL_OK)
        return fail("--line: %s", diag.text);
    render_lang rl = RENDER_LANG_ZPL;
    render_lang_from_name(stiel_printer_lang_name(lang), &rl);
    stiel_buf job;
    stiel_buf_init(&job, 0);
    int rc = make_job(a, rl, &job);
    if (rc != 0) {
        stiel_buf_free(&job);
        return rc;
    }
    char spool[1024], port[1200];
    cli_spool_dir(a->spool, spool, sizeof spool);
    if (cli_mkdir_p(spool) != 0) {
        stiel_buf_free(&job);
        return fail("cannot create spool folder %s: %s", spool, strerror(errno));
    }
    snprintf(port, sizeof port, "%s", a->port);
    if (is_virtual && stiel_printer_virtual_port(a->port, port, sizeof port, &diag) != STIEL_OK) {
        stiel_buf_free(&job);
        return fail("%s", diag.text);
    }
    stiel_print_queue *q = NULL;
    if (stiel_print_queue_open(spool, &q, &diag) != STIEL_OK) {
        stiel_buf_free(&job);
        return fail("%s", diag.text);
    }
    size_t before = stiel_print_queue_pending(q);
    if (before > 0)
        printf("resuming %zu queued job%s from %s first\n", before, before == 1 ? "" : "s", spool);
    uint64_t id = 0;
    stiel_status st = stiel_print_queue_add(q, stiel_printer_lang_name(lang), job.data, job.len, &id, &diag);
    stiel_buf_free(&job);
    if (st != STIEL_OK) {
        stiel_print_queue_close(q);
        printf("not queued: %s\n", diag.text);
        return 1;
    }
    print_watch w;
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.lock, NULL);
    w.printer_state = -1;
    w.dev_state = STIEL_DEVICE_OPENED;
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config tc = {.on_event = on_event, .user = &w};
    stiel_printer_config pc = {.lang = lang, .queue = q, .preview_dir = is_virtual ? a->port : NULL};
    void *data = NULL;
    int dev_id = 0;
    st = stiel_device_thread_new(&tc, &thr, &diag);
    if (st == STIEL_OK)
        st = is_virtual ? stiel_printer_virtual_new(&pc, &data, &diag) : stiel_printer_new(&pc, &data, &diag);
    if (st == STIEL_OK) {
        stiel_device_config dc = {.port = port, .label = is_virtual ? "virtual printer" : "printer", .line = line,
                                  .ops = is_virtual ? &stiel_printer_virtual_ops : stiel_printer_ops_for(lang),
                                  .driver_data = data};
        st = stiel_device_thread_add(thr, &dc, &dev_id, &diag);
        if (st != STIEL_OK)
            dc.ops->destroy(data); /* the device did not take it */
    }
    if (st == STIEL_OK)
        st = stiel_device_thread_claim(thr, dev_id, &diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_start(thr, &diag);
    if (st == STIEL_OK)
        rc = watch(&w, q, id, a);
    else
        rc = fail("%s", diag.text);
    stiel_device_thread_free(thr);
    stiel_print_queue_close(q);
    pthread_mutex_destroy(&w.lock);
    return rc;
}

int cli_print(int argc, char **argv)
{
    print_args a;
    memset(&a, 0, sizeof a);
    int rc = args_parse(argc, argv, &a);
    if (rc == 0)
        rc = run(&a);
    else if (rc == 3)
        rc = 0;
    args_free(&a);
    return rc;
}
