/* What every scanner driver shares (libsigrok's std_* pattern): defaults, the scan record, the
 * framer plumbing, the rate-limited garbage / overlong diagnostics and the common callbacks. */
#include "drivers/scanner_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/scan/decode.h"

/* ---- config ---- */

static void honeywell_setting_set(honeywell_setting *h, const char *tag, const char *sub, const char *data)
{
    memset(h, 0, sizeof *h);
    memcpy(h->tag, tag, HONEYWELL_TAG_LEN);
    memcpy(h->subtag, sub, HONEYWELL_SUBTAG_LEN);
    strncpy(h->data, data, HONEYWELL_DATA_MAX);
}

void stiel_scanner_config_default(stiel_scanner_kind kind, stiel_scanner_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->kind = kind;
    cfg->framer.idle_ms = 100;
    cfg->framer.max_len = SCAN_FRAMER_MAX_DEFAULT;
    cfg->garbage_threshold = 3;
    cfg->garbage_window_ms = 10000;
    cfg->fault_quiet_ms = 60000;
    cfg->ssi.ack_timeout_ms = 500;
    cfg->ssi.retries = 3;
    cfg->ssi.idle_reset_ms = 500;
    cfg->ssi.wakeup_ms = 20;
    cfg->ssi.led_ms = 300;
    cfg->ssi.beep_good = 0x00;
    cfg->ssi.beep_bad = 0x06;
    cfg->ssi.beep_attention = 0x01;
    cfg->honeywell.reply_timeout_ms = 500;
    honeywell_setting_set(&cfg->honeywell.good, "BEP", "EXE", "1");
    honeywell_setting_set(&cfg->honeywell.bad, "BEP", "EXE", "2");
    honeywell_setting_set(&cfg->honeywell.attention, "BEP", "EXE", "3");
}

stiel_status stiel_scanner_kind_parse(const char *name, stiel_scanner_kind *out, stiel_diag *diag)
{
    static const char *const names[] = {"generic", "ssi", "honeywell"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (stiel_scanner_kind)i;
            return STIEL_OK;
        }
    }
    return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "unknown scanner driver '%s': use generic, ssi or honeywell",
                          name ? name : "");
}

const stiel_device_ops *stiel_scanner_ops(stiel_scanner_kind kind)
{
    switch (kind) {
    case STIEL_SCANNER_GENERIC: return &stiel_scanner_generic_ops;
    case STIEL_SCANNER_SSI: return &stiel_scanner_ssi_ops;
    case STIEL_SCANNER_HONEYWELL: return &stiel_scanner_honeywell_ops;
    }
    return NULL;
}

stiel_status stiel_scanner_new(const stiel_scanner_config *cfg, void **driver_data, stiel_diag *diag)
{
    if (!driver_data)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "stiel_scanner_new: nowhere to put the scanner");
    *driver_data = NULL;
    scanner *s = calloc(1, sizeof *s);
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for a scanner");
    if (cfg)
        s->cfg = *cfg;
    else
        stiel_scanner_config_default(STIEL_SCANNER_GENERIC, &s->cfg);
    if (!stiel_scanner_ops(s->cfg.kind)) {
        int kind = (int)s->cfg.kind;
        free(s);
        return stiel_diag_set(diag, STIEL_ERR_ARG, "unknown scanner kind %d", kind);
    }
    stiel_status st = scan_framer_init(&s->framer, &s->cfg.framer, diag);
    if (st != STIEL_OK) {
        free(s);
        return st;
    }
    ssi_reader_init(&s->reader);
    stiel_buf_init(&s->record, sizeof(stiel_scan_record) + 2 * SCAN_FRAMER_MAX_LIMIT + 1024);
    *driver_data = s;
    return STIEL_OK;
}

void stiel_scanner_free(void *driver_data)
{
    std_scanner_destroy(driver_data);
}

/* ---- the scan record ---- */

stiel_status stiel_scan_record_build(const uint8_t *read, size_t len, stiel_buf *out)
{
    if (!out || (!read && len))
        return STIEL_ERR_ARG;
    stiel_buf_reset(out);
    scan_decoded d;
    stiel_diag diag;
    stiel_diag_clear(&diag);
    stiel_status result = scan_decode(read, len, &d, &diag);
    stiel_scan_record rec;
    memset(&rec, 0, sizeof rec);
    rec.version = STIEL_SCAN_RECORD_VERSION;
    rec.status = (int32_t)result;
    rec.symbology = d.aim_ok ? (int32_t)d.aim.symbology : SCAN_SYM_UNKNOWN;
    strncpy(rec.symbology_name, scan_symbology_name((scan_symbology)rec.symbology), sizeof rec.symbology_name - 1);
    if (d.aim_ok)
        memcpy(rec.aim, d.aim.aim, sizeof rec.aim);
    if (d.has_gtin)
        memcpy(rec.gtin, d.gtin, sizeof rec.gtin);
    if (result != STIEL_OK)
        memcpy(rec.error, diag.text, sizeof rec.error);
    rec.read_len = (uint32_t)len;
    rec.data_off = (uint32_t)strlen(rec.aim);
    char hri[GS1_MAX_PAIRS * (GS1_AI_MAX + GS1_VALUE_MAX + 2) + 1];
    hri[0] = '\0';
    if (d.has_gs1 && gs1_build_hri(&d.gs1, hri, sizeof hri) != STIEL_OK)
        hri[0] = '\0';
    rec.hri_len = (uint32_t)strlen(hri);
    stiel_status st = stiel_buf_append(out, &rec, sizeof rec);
    if (st == STIEL_OK && len)
        st = stiel_buf_append(out, read, len);
    if (st == STIEL_OK)
        st = stiel_buf_append(out, "", 1);
    if (st == STIEL_OK)
        st = stiel_buf_append(out, hri, (size_t)rec.hri_len + 1);
    if (st != STIEL_OK)
        stiel_buf_reset(out);
    return st;
}

stiel_status stiel_scan_record_view(const void *payload, size_t n, stiel_scan_view *out)
{
    if (!payload || !out)
        return STIEL_ERR_ARG;
    const uint8_t *p = payload;
    if (n < sizeof(stiel_scan_record) + 2)
        return STIEL_ERR_CORRUPT;
    memcpy(&out->rec, p, sizeof out->rec);
    const stiel_scan_record *r = &out->rec;
    size_t body = n - sizeof *r;
    if (r->version != STIEL_SCAN_RECORD_VERSION || (size_t)r->read_len + r->hri_len + 2 != body ||
        r->data_off > r->read_len)
        return STIEL_ERR_CORRUPT;
    out->read = p + sizeof *r;
    if (out->read[r->read_len] != '\0' || out->read[r->read_len + 1 + r->hri_len] != '\0')
        return STIEL_ERR_CORRUPT;
    if (memchr(r->symbology_name, 0, sizeof r->symbology_name) == NULL ||
        memchr(r->aim, 0, sizeof r->aim) == NULL || memchr(r->gtin, 0, sizeof r->gtin) == NULL ||
        memchr(r->error, 0, sizeof r->error) == NULL)
        return STIEL_ERR_CORRUPT;
    out->data = out->read + r->data_off;
    out->data_len = r->read_len - r->data_off;
    out->hri = (const char *)out->read + r->read_len + 1;
    return STIEL_OK;
}

/* ---- diagnostics ---- */

bool scanner_limiter_hit(scanner_limiter *l, uint64_t now, unsigned threshold, uint32_t window_ms,
                         uint32_t quiet_ms)
{
    if (l->count == 0 || now - l->window_start > window_ms) {
        l->window_start = now;
        l->count = 0;
    }
    l->count++;
    if (l->count < (threshold ? threshold : 1) || now < l->quiet_until)
        return false;
    l->count = 0;
    l->quiet_until = now + quiet_ms;
    l->reports++;
    return true;
}

void scanner_line_text(const stiel_device *dev, char *out, size_t cap)
{
    const stiel_line_settings *ls = stiel_device_line(dev);
    char text[STIEL_LINE_SETTINGS_TEXT_MAX];
    stiel_line_settings_format(ls, text, sizeof text);
    if (ls->flow == STIEL_FLOW_NONE) {
        char *sp = strrchr(text, ' ');
        if (sp)
            *sp = '\0';
    }
    snprintf(out, cap, "%s", text);
}

void std_scanner_garbage(scanner *s, const char *what, uint64_t now)
{
    if (!scanner_limiter_hit(&s->garbage, now, s->cfg.garbage_threshold, s->cfg.garbage_window_ms,
                             s->cfg.fault_quiet_ms))
        return;
    char line[STIEL_LINE_SETTINGS_TEXT_MAX];
    scanner_line_text(s->dev, line, sizeof line);
    stiel_device_report_fault(s->dev, STIEL_ERR_GARBAGE, "%s on %s sends %s: check baud rate (expected %s)",
                              stiel_device_label(s->dev), stiel_device_port(s->dev), what, line);
}

void std_scanner_deliver(scanner *s, const uint8_t *read, size_t len, bool check_garbled, uint64_t now)
{
    if (check_garbled && scan_read_looks_garbled(read, len)) {
        std_scanner_garbage(s, "unreadable data", now);
        return;
    }
    s->garbage.count = 0;
    s->bad_bytes = 0;
    if (stiel_scan_record_build(read, len, &s->record) != STIEL_OK) {
        stiel_device_report_fault(s->dev, STIEL_ERR_NOMEM, "%s on %s: a scan of %zu bytes was lost (out of memory)",
                                  stiel_device_label(s->dev), stiel_device_port(s->dev), len);
        return;
    }
    if (s->cfg.expect_aim && len > 0 && read[0] != ']') {
        /* The record says what is wrong; the scanner is set up without Transmit Code ID. */
        stiel_scan_record rec;
        memcpy(&rec, s->record.data, sizeof rec);
        if (rec.status == STIEL_OK) {
            rec.status = STIEL_ERR_MISSING;
            snprintf(rec.error, sizeof rec.error,
                     "no AIM identifier: turn on \"Transmit Code ID\" (AIM) in the scanner's settings");
            memcpy(s->record.data, &rec, sizeof rec);
        }
    }
    stiel_device_emit_data(s->dev, STIEL_SCANNER_DATA_SCAN, s->record.data, s->record.len);
}

void std_scanner_on_read(void *ctx, stiel_status status, const uint8_t *data, size_t len,
                         const stiel_diag *diag)
{
    scanner *s = ctx;
    uint64_t now = stiel_device_now_ms();
    if (status == STIEL_OK) {
        std_scanner_deliver(s, data, len, true, now);
        return;
    }
    if (scan_read_looks_garbled(data, len)) {
        std_scanner_garbage(s, "unreadable data", now);
        return;
    }
    if (scanner_limiter_hit(&s->overlong, now, 1, s->cfg.garbage_window_ms, s->cfg.fault_quiet_ms))
        stiel_device_report_fault(s->dev, STIEL_ERR_OVERLONG, "%s on %s: %s", stiel_device_label(s->dev),
                                  stiel_device_port(s->dev), diag ? diag->text : "read too long");
}

void std_scanner_rearm(scanner *s)
{
    uint64_t t[3] = {s->idle_at, s->cmd_at, s->led_off_at};
    uint64_t when = 0;
    for (int i = 0; i < 3; i++)
        if (t[i] && (when == 0 || t[i] < when))
            when = t[i];
    stiel_device_set_deadline(s->dev, when);
}

/* True for a byte that breaks UTF-8 text or is a control character no scanner sends. */
static bool scanner_byte_bad(scanner *s, uint8_t c)
{
    if (s->utf8_need > 0) {
        if ((c & 0xC0) == 0x80) {
            s->utf8_need--;
            return false;
        }
        s->utf8_need = 0;
        scanner_byte_bad(s, c);
        return true;
    }
    if (c < 0x20)
        return !(c == '\r' || c == '\n' || c == '\t' || c == 0x1D || c == 0x1E || c == 0x04 || c == 0x02 ||
                 c == 0x03 || c == 0x06 || c == 0x15 || c == 0x16);
    if (c < 0x7F)
        return false;
    if (c >= 0xC2 && c <= 0xDF)
        s->utf8_need = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        s->utf8_need = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        s->utf8_need = 3;
    else
        return true;
    return false;
}

void std_scanner_feed(scanner *s, const uint8_t *bytes, size_t n, uint64_t now)
{
    for (size_t i = 0; i < n; i++) {
        if (!scanner_byte_bad(s, bytes[i]))
            continue;
        if (s->bad_bytes == 0 || now - s->bad_since > s->cfg.garbage_window_ms) {
            s->bad_bytes = 0;
            s->bad_since = now;
        }
        if (++s->bad_bytes >= SCANNER_BAD_BYTES) {
            s->bad_bytes = 0;
            std_scanner_garbage(s, "unreadable data", now);
        }
    }
    scan_framer_feed(&s->framer, bytes, n, now, std_scanner_on_read, s);
    uint64_t at = 0;
    s->idle_at = scan_framer_deadline(&s->framer, &at) ? (at ? at : 1) : 0;
    std_scanner_rearm(s);
}

scanner *std_scanner_get(stiel_device *dev)
{
    scanner *s = stiel_device_driver_data(dev);
    s->dev = dev;
    return s;
}

stiel_status std_scanner_open(stiel_device *dev, uint64_t now)
{
    (void)now;
    scanner *s = std_scanner_get(dev);
    scan_framer_reset(&s->framer);
    ssi_reader_reset(&s->reader);
    s->idle_at = s->cmd_at = s->led_off_at = 0;
    s->queue_len = 0;
    s->outstanding = false;
    s->tries = 0;
    s->waking = false;
    s->nak_sent = false;
    s->replies_due = 0;
    s->reply_len = 0;
    s->utf8_need = 0;
    return STIEL_OK;
}

void std_scanner_tick(stiel_device *dev, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    if (s->idle_at && now >= s->idle_at) {
        s->idle_at = 0;
        scan_framer_tick(&s->framer, now, std_scanner_on_read, s);
        uint64_t at = 0;
        if (scan_framer_deadline(&s->framer, &at))
            s->idle_at = at;
    }
    std_scanner_rearm(s);
}

void std_scanner_hangup(stiel_device *dev, uint64_t now)
{
    std_scanner_open(dev, now);
}

void std_scanner_destroy(void *driver_data)
{
    scanner *s = driver_data;
    if (!s)
        return;
    stiel_buf_free(&s->record);
    free(s);
}
