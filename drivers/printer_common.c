/* The shared part of every printer driver: the status cycle (query, reply or timeout → OFFLINE,
 * STATUS events on change), taking jobs from the print queue when the printer is READY, sending
 * them in chunks, and confirming them as print_queue.h defines. Languages differ only in their
 * hooks (printer_zpl.c, printer_tspl.c, printer_escpos.c, printer_epl.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "drivers/printer_impl.h"

#define LOG_PREFIX "printer"

enum {
    RX_CAP = 1024,            /* a status reply never needs more */
    PUMP_CHUNK = 16384,       /* bytes handed to the out-queue at a time */
    PUMP_MS = 10,             /* while sending: top up the out-queue this often */
    CONFIRM_REPLIES = 2,      /* clean replies in a row that confirm a job */
    DEFAULT_INTERVAL_MS = 5000,
    DEFAULT_TIMEOUT_MS = 2000,
    DEFAULT_BUSY_MS = 250
};

static const char *const lang_names[] = {"zpl", "tspl", "epl", "escpos"};

const char *stiel_printer_lang_name(stiel_printer_lang lang)
{
    return (unsigned)lang < 4 ? lang_names[lang] : "?";
}

bool stiel_printer_lang_from_name(const char *name, stiel_printer_lang *out)
{
    for (unsigned i = 0; name && i < 4; i++) {
        if (strcmp(name, lang_names[i]) == 0) {
            if (out)
                *out = (stiel_printer_lang)i;
            return true;
        }
    }
    return false;
}

const stiel_device_ops *stiel_printer_ops_for(stiel_printer_lang lang)
{
    switch (lang) {
    case STIEL_PRINTER_ZPL: return &stiel_printer_zpl_ops;
    case STIEL_PRINTER_TSPL: return &stiel_printer_tspl_ops;
    case STIEL_PRINTER_EPL: return &stiel_printer_epl_ops;
    case STIEL_PRINTER_ESCPOS: return &stiel_printer_escpos_ops;
    }
    return NULL;
}

static const printer_lang_hooks *hooks_for(stiel_printer_lang lang)
{
    switch (lang) {
    case STIEL_PRINTER_ZPL: return &printer_zpl_hooks;
    case STIEL_PRINTER_TSPL: return &printer_tspl_hooks;
    case STIEL_PRINTER_EPL: return &printer_epl_hooks;
    case STIEL_PRINTER_ESCPOS: return &printer_escpos_hooks;
    }
    return NULL;
}

/* Shared by stiel_printer_new and the virtual printer's setup. */
static stiel_status printer_alloc(const stiel_printer_config *cfg, bool is_virtual, void **out, stiel_diag *diag)
{
    if (!cfg || !out || !cfg->queue)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "a printer needs a print queue");
    const printer_lang_hooks *h = hooks_for(cfg->lang);
    if (!h)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown printer language %d", (int)cfg->lang);
    if (is_virtual && (!cfg->preview_dir || !cfg->preview_dir[0]))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the virtual printer needs a preview folder");
    printer *p = calloc(1, sizeof *p);
    if (!p)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory");
    p->hooks = h;
    p->is_virtual = is_virtual;
    p->cfg = *cfg;
    if (!p->cfg.status_interval_ms)
        p->cfg.status_interval_ms = DEFAULT_INTERVAL_MS;
    if (!p->cfg.status_timeout_ms)
        p->cfg.status_timeout_ms = DEFAULT_TIMEOUT_MS;
    if (!p->cfg.busy_interval_ms)
        p->cfg.busy_interval_ms = DEFAULT_BUSY_MS;
    if (cfg->preview_dir)
        snprintf(p->preview_dir, sizeof p->preview_dir, "%s", cfg->preview_dir);
    p->cfg.preview_dir = p->preview_dir;
    stiel_buf_init(&p->rx, RX_CAP);
    stiel_buf_init(&p->job, STIEL_PRINT_JOB_MAX);
    *out = p;
    return STIEL_OK;
}

stiel_status stiel_printer_new(const stiel_printer_config *cfg, void **driver_data, stiel_diag *diag)
{
    return printer_alloc(cfg, false, driver_data, diag);
}

stiel_status stiel_printer_virtual_new(const stiel_printer_config *cfg, void **driver_data, stiel_diag *diag)
{
    return printer_alloc(cfg, true, driver_data, diag);
}

void printer_destroy(void *driver_data)
{
    printer *p = driver_data;
    if (!p)
        return;
    stiel_buf_free(&p->rx);
    stiel_buf_free(&p->job);
    free(p);
}

/* ---- status ---- */

static void report_state(stiel_device *dev, printer *p, printer_state st, const char *extra)
{
    if (p->reported && p->state == st)
        return;
    p->reported = true;
    p->state = st;
    stiel_device_emit_status(dev, (int)st, "%s%s", printer_state_message(st), extra ? extra : "");
}

static void job_event(stiel_device *dev, uint64_t id, stiel_print_job_state st, const char *why)
{
    stiel_device_emit_status(dev, STIEL_PRINTER_STATUS_JOB + (int)st, "job %" PRIu64 " %s%s%s", id,
                             stiel_print_job_state_name(st), why && why[0] ? ": " : "", why ? why : "");
}

static void schedule(stiel_device *dev, printer *p, uint64_t now)
{
    uint64_t at;
    if (p->querying)
        at = p->query_deadline;
    else if (p->phase == JOB_SENDING)
        at = now + PUMP_MS;
    else if (p->phase == JOB_SENT || stiel_print_queue_pending(p->cfg.queue) > 0)
        at = now + p->cfg.busy_interval_ms;
    else
        at = now + p->cfg.status_interval_ms;
    stiel_device_set_deadline(dev, at);
}

static void status_done(stiel_device *dev, printer *p, const printer_reply *r, uint64_t now);

static void query_step(stiel_device *dev, printer *p, uint64_t now)
{
    uint8_t q[8];
    size_t n = p->hooks->query(p->step, q);
    stiel_buf_reset(&p->rx); /* one-byte replies: whatever came before is stale */
    p->querying = true;
    p->query_deadline = now + p->cfg.status_timeout_ms;
    if (stiel_device_write(dev, q, n) != STIEL_OK)
        LOG_DEBUG("%s: status query not sent", stiel_device_port(dev));
}

/* Asks for status now (or, without a status query, acts as if READY came back). */
static void start_query(stiel_device *dev, printer *p, uint64_t now)
{
    if (p->is_virtual || p->hooks->query_steps == 0) {
        printer_reply r = {.state = PRINTER_STATE_READY};
        status_done(dev, p, &r, now);
        return;
    }
    if (p->querying)
        return;
    p->step = 0;
    escpos_status_init(&p->acc.esc);
    query_step(dev, p, now);
    schedule(dev, p, now);
}

/* Sends more of the job; when all is written and drained, the job is sent: ask for status. */
static void pump(stiel_device *dev, printer *p, uint64_t now)
{
    while (p->job_off < p->job.len && stiel_device_pending_output(dev) < PUMP_CHUNK) {
        size_t n = p->job.len - p->job_off;
        if (n > PUMP_CHUNK)
            n = PUMP_CHUNK;
        stiel_status st = stiel_device_write(dev, p->job.data + p->job_off, n);
        if (st == STIEL_ERR_OVERLONG)
            break; /* the out-queue is full: next tick */
        if (st != STIEL_OK)
            return; /* the port failed: on_hangup follows */
        p->job_off += n;
    }
    if (p->job_off < p->job.len || stiel_device_pending_output(dev) > 0) {
        schedule(dev, p, now);
        return;
    }
    p->phase = JOB_SENT;
    p->clean_replies = 0;
    stiel_print_queue_mark(p->cfg.queue, p->job_id, STIEL_PRINT_JOB_SENT, NULL);
    job_event(dev, p->job_id, STIEL_PRINT_JOB_SENT, NULL);
    if (p->hooks->query_steps == 0) {
        printer_reply r = {.state = PRINTER_STATE_READY};
        status_done(dev, p, &r, now); /* EPL: sent = confirmed */
        return;
    }
    start_query(dev, p, now);
}

static void confirm(stiel_device *dev, printer *p, const char *why)
{
    stiel_diag diag;
    stiel_diag_clear(&diag);
    if (stiel_print_queue_mark(p->cfg.queue, p->job_id, STIEL_PRINT_JOB_CONFIRMED, &diag) != STIEL_OK)
        stiel_device_report_fault(dev, diag.code, "%s", diag.text);
    job_event(dev, p->job_id, STIEL_PRINT_JOB_CONFIRMED, why);
    p->phase = JOB_NONE;
    p->job_id = 0;
    stiel_buf_reset(&p->job);
    p->job_off = 0;
}

/* Takes the next waiting job if there is one: checks its language, marks it sent (on disk, before
 * the first byte), and starts sending — or, for the virtual printer, previews it at once. */
static void take_job(stiel_device *dev, printer *p, uint64_t now)
{
    char lang[STIEL_PRINT_LANG_MAX];
    uint64_t id = 0;
    stiel_diag diag;
    stiel_diag_clear(&diag);
    stiel_buf_reset(&p->job);
    stiel_status st = stiel_print_queue_next(p->cfg.queue, &id, lang, &p->job, &diag);
    if (st == STIEL_ERR_NOT_FOUND)
        return;
    if (st != STIEL_OK) {
        stiel_device_report_fault(dev, st, "%s", diag.text);
        return;
    }
    const char *mine = stiel_printer_lang_name(p->cfg.lang);
    if (strcmp(lang, mine) != 0) {
        stiel_print_queue_mark(p->cfg.queue, id, STIEL_PRINT_JOB_FAILED, NULL);
        job_event(dev, id, STIEL_PRINT_JOB_FAILED, "it is written for a different printer language");
        stiel_device_report_fault(dev, STIEL_ERR_UNSUPPORTED,
                                  "job %" PRIu64 " is in %s but the %s on %s speaks %s: not sent", id, lang,
                                  stiel_device_label(dev), stiel_device_port(dev), mine);
        stiel_buf_reset(&p->job);
        return;
    }
    st = stiel_print_queue_mark(p->cfg.queue, id, STIEL_PRINT_JOB_SENDING, &diag);
    if (st != STIEL_OK) {
        stiel_device_report_fault(dev, st, "%s: the job waits", diag.text);
        stiel_buf_reset(&p->job);
        return;
    }
    p->job_id = id;
    p->job_off = 0;
    p->phase = JOB_SENDING;
    job_event(dev, id, STIEL_PRINT_JOB_SENDING, NULL);
    if (p->is_virtual) {
        st = printer_virtual_deliver(p, id, p->job.data, p->job.len, &diag);
        if (st != STIEL_OK) {
            stiel_device_report_fault(dev, st, "%s", diag.text);
            stiel_print_queue_mark(p->cfg.queue, id, STIEL_PRINT_JOB_FAILED, NULL);
            job_event(dev, id, STIEL_PRINT_JOB_FAILED, diag.text);
            p->phase = JOB_NONE;
            return;
        }
        confirm(dev, p, diag.text[0] ? diag.text : "preview written");
        return;
    }
    pump(dev, p, now);
}

/* A complete status reply (or an implicit one) arrived. */
static void status_done(stiel_device *dev, printer *p, const printer_reply *r, uint64_t now)
{
    p->querying = false;
    p->last = *r;
    const char *note = NULL;
    if (p->hooks->query_steps == 0 && !p->is_virtual)
        note = " (EPL printers report no status: paper out and head open are not detected)";
    report_state(dev, p, r->state, note);
    if (p->phase == JOB_SENT) {
        if (r->state == PRINTER_STATE_READY && !r->busy)
            p->clean_replies++;
        else
            p->clean_replies = 0;
        if (p->hooks->query_steps == 0 || p->clean_replies >= CONFIRM_REPLIES)
            confirm(dev, p, p->hooks->query_steps == 0 ? "sent (no status to confirm with)" : "printer reports it printed");
    }
    /* Take the next job right away when ready (the status check before it is this reply). */
    while (p->phase == JOB_NONE && r->state == PRINTER_STATE_READY && stiel_print_queue_pending(p->cfg.queue) > 0) {
        size_t before = stiel_print_queue_pending(p->cfg.queue);
        take_job(dev, p, now);
        if (p->phase != JOB_NONE)
            break;
        if (!p->is_virtual && stiel_print_queue_pending(p->cfg.queue) >= before)
            break; /* nothing could be taken (e.g. the queue cannot mark it) */
    }
    if (!p->querying && p->phase != JOB_SENDING)
        schedule(dev, p, now);
}

/* ---- callbacks ---- */

stiel_status printer_on_open(stiel_device *dev, uint64_t now_ms)
{
    printer *p = stiel_device_driver_data(dev);
    if (!p)
        return STIEL_ERR_ARG;
    p->reported = false;
    p->querying = false;
    stiel_buf_reset(&p->rx);
    if (p->phase == JOB_SENDING) { /* cannot happen after on_hangup, but be safe */
        stiel_print_queue_mark(p->cfg.queue, p->job_id, STIEL_PRINT_JOB_WAITING, NULL);
        p->phase = JOB_NONE;
        p->job_id = 0;
    }
    start_query(dev, p, now_ms);
    return STIEL_OK;
}

void printer_on_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now_ms)
{
    printer *p = stiel_device_driver_data(dev);
    if (!p || !p->querying) {
        LOG_DEBUG("%s: %zu unasked bytes ignored", stiel_device_port(dev), n);
        return;
    }
    if (stiel_buf_append(&p->rx, bytes, n) != STIEL_OK) {
        stiel_buf_reset(&p->rx); /* overlong: garbage; keep waiting for a real reply */
        return;
    }
    printer_reply r = {.state = PRINTER_STATE_READY};
    stiel_diag diag;
    stiel_diag_clear(&diag);
    stiel_status st = p->hooks->parse(p, p->step, p->rx.data, p->rx.len, &r, &diag);
    if (st == STIEL_ERR_TRUNCATED)
        return;
    if (st != STIEL_OK) {
        LOG_DEBUG("%s: unreadable status reply dropped: %s", stiel_device_port(dev), diag.text);
        stiel_buf_reset(&p->rx);
        return;
    }
    if (p->step + 1 < p->hooks->query_steps) {
        p->step++;
        query_step(dev, p, now_ms);
        schedule(dev, p, now_ms);
        return;
    }
    status_done(dev, p, &r, now_ms);
}

void printer_on_tick(stiel_device *dev, uint64_t now_ms)
{
    printer *p = stiel_device_driver_data(dev);
    if (!p)
        return;
    if (p->querying) {
        if (now_ms < p->query_deadline) {
            schedule(dev, p, now_ms);
            return;
        }
        p->querying = false;
        stiel_buf_reset(&p->rx);
        p->clean_replies = 0;
        report_state(dev, p, PRINTER_STATE_OFFLINE, NULL);
        LOG_INFO("%s on %s: no status reply in %u ms", stiel_device_label(dev), stiel_device_port(dev),
                 p->cfg.status_timeout_ms);
        schedule(dev, p, now_ms);
        return;
    }
    if (p->phase == JOB_SENDING) {
        pump(dev, p, now_ms);
        return;
    }
    start_query(dev, p, now_ms);
}

void printer_on_hangup(stiel_device *dev, uint64_t now_ms)
{
    (void)now_ms;
    printer *p = stiel_device_driver_data(dev);
    if (!p)
        return;
    p->querying = false;
    p->reported = false;
    stiel_buf_reset(&p->rx);
    if (p->phase == JOB_SENDING) {
        /* part of the job may have gone out: a printer drops a partial format, so send it again */
        stiel_print_queue_mark(p->cfg.queue, p->job_id, STIEL_PRINT_JOB_WAITING, NULL);
        job_event(dev, p->job_id, STIEL_PRINT_JOB_WAITING, "the port was lost while sending");
        p->phase = JOB_NONE;
        p->job_id = 0;
        stiel_buf_reset(&p->job);
    }
    /* JOB_SENT stays: the status after the reconnect confirms it (no second copy for a pulled cable) */
    p->clean_replies = 0;
}

stiel_status printer_on_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now_ms)
{
    (void)bytes;
    (void)n;
    printer *p = stiel_device_driver_data(dev);
    if (!p)
        return STIEL_ERR_ARG;
    if (code != STIEL_PRINTER_CMD_KICK && code != STIEL_PRINTER_CMD_STATUS)
        return STIEL_ERR_UNSUPPORTED;
    if (p->querying || p->phase == JOB_SENDING)
        return STIEL_OK; /* the reply / the end of sending looks at the queue anyway */
    start_query(dev, p, now_ms);
    return STIEL_OK;
}
