/* Carrying out what the app asks (kiosk_out) and feeding it wedge scans and device events. */
#include "kiosk/app/kiosk_host.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "drivers/scanner.h"

#define LOG_PREFIX "kiosk"

void kiosk_host_draw(kiosk_host *h)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    h->draw_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    if (ui_draw(h->ui, kiosk_app_view(h->app)) == STIEL_OK)
        h->frames++;
}

/* The instruction of the step on screen, for espeak-ng. */
static bool speak_msg(const kiosk_view *v, ui_msg *m)
{
    char qty[16];
    if (v->screen == UI_SCREEN_PICK) {
        const ui_pick_view *p = &v->pick;
        snprintf(qty, sizeof qty, "%u", p->qty);
        switch (p->step) {
        case PICK_STEP_GO_TO_LOCATION:
            ui_msg_set(m, "pick.go_to_location", p->location.code, NULL, NULL);
            return true;
        case PICK_STEP_SCAN_LOCATION:
            ui_msg_set(m, "pick.scan_location", p->location.code, NULL, NULL);
            return true;
        case PICK_STEP_SCAN_ITEM: ui_msg_set(m, "pick.scan_item", NULL, NULL, NULL); return true;
        case PICK_STEP_QUANTITY: ui_msg_set(m, "pick.count", qty, NULL, NULL); return true;
        case PICK_STEP_PUT: ui_msg_set(m, "pick.put_in_tote", NULL, NULL, NULL); return true;
        case PICK_STEP_EMPTY_CHECK:
            ui_msg_set(m, "pick.empty_check", NULL, NULL, NULL);
            return true;
        default: return false;
        }
    }
    if (v->screen == UI_SCREEN_PACK) {
        /* SCAN_ORDER .. DONE as pack_flow's steps */
        static const char *const ids[PACK_STEP_COUNT] = {
            "feedback.scan_tote_or_order", "pack.scan_items", "pack.take_box", "pack.print",
            "pack.scan_label", "feedback.close_package", "pack.done"};
        ui_msg_set(m, ids[v->pack.step < PACK_STEP_COUNT ? v->pack.step : 0], v->pack.box_type,
                   NULL, NULL);
        return true;
    }
    return false;
}

static void print_label(kiosk_host *h, const pack_label *lab)
{
    stiel_diag d;
    h->labels++;
    if (!h->print && h->label_dir[0] &&
        kiosk_print_new(h->asset_dir, h->font_dir, h->label_dir, &h->print, &d) != STIEL_OK) {
        LOG_ERROR("label printer: %s", d.text);
        h->label_dir[0] = '\0';
    }
    if (h->print) {
        if (kiosk_print_png(h->print, lab, h->last_label, sizeof h->last_label, &d) == STIEL_OK)
            LOG_INFO("label %s copy %u: %s", lab->sscc, lab->copy, h->last_label);
        else
            LOG_WARN("label PNG: %s", d.text);
    }
    if (h->print && kiosk_devices_has_printer(h->dev)) {
        stiel_buf bytes;
        stiel_buf_init(&bytes, 0);
        stiel_status st = kiosk_print_encode(h->print, lab, h->printer_lang, &bytes, &d);
        if (st == STIEL_OK)
            st = kiosk_devices_print(h->dev, h->printer_lang, bytes.data, bytes.len, &d);
        if (st != STIEL_OK)
            LOG_ERROR("printing label %s: %s", lab->sscc, d.text);
        stiel_buf_free(&bytes);
    }
}

void kiosk_host_apply(kiosk_host *h, const kiosk_out *out)
{
    if (out->error[0])
        LOG_ERROR("%s", out->error);
    if (out->sound)
        ui_sound_play(h->ui, out->sound_kind);
    if (out->scanner_cmd)
        kiosk_devices_scanner_feedback(h->dev, out->scanner_cmd);
    if (out->lang_changed)
        ui_set_language(h->ui, kiosk_app_language(h->app));
    for (size_t i = 0; i < out->label_count; i++)
        print_label(h, &out->labels[i]);
    if (out->exit)
        h->exit = true;
    if (out->speak) {
        ui_msg m;
        const kiosk_view *v = kiosk_app_view(h->app);
        if (speak_msg(v, &m)) {
            char text[512];
            ui_text(h->ui, v->lang, &m, text, sizeof text);
            kiosk_speech_say(&h->speech, v->lang, text);
        }
    }
    if (out->redraw)
        kiosk_host_draw(h);
}

void kiosk_host_wedge_out(void *ctx, const stiel_wedge_output *w)
{
    kiosk_host *h = ctx;
    kiosk_out out;
    if (w->kind == STIEL_WEDGE_SCAN) {
        char data[PICK_SCAN_MAX + 1];
        size_t n = w->len < sizeof data - 1 ? w->len : sizeof data - 1;
        memcpy(data, w->data, n);
        data[n] = '\0';
        kiosk_app_scan(h->app, data, SCAN_SYM_UNKNOWN, "wedge", h->now, &out);
        kiosk_host_apply(h, &out);
        return;
    }
    char key[16] = "";
    if (w->key == STIEL_WEDGE_KEY_TEXT && w->len < sizeof key) {
        memcpy(key, w->data, w->len);
        key[w->len] = '\0';
    } else if (w->key == STIEL_WEDGE_KEY_ENTER) {
        snprintf(key, sizeof key, "Return");
    } else {
        return;
    }
    kiosk_app_key(h->app, key, h->now, &out);
    kiosk_host_apply(h, &out);
}

void kiosk_host_device_event(kiosk_host *h, const stiel_device_event *ev)
{
    kiosk_out out;
    memset(&out, 0, sizeof out);
    bool scanner = kiosk_devices_is_scanner(h->dev, ev->device_id);
    bool printer = kiosk_devices_is_printer(h->dev, ev->device_id);
    if (scanner && ev->kind == STIEL_DEVICE_EVENT_DATA && ev->code == STIEL_SCANNER_DATA_SCAN) {
        stiel_scan_view sv;
        if (stiel_scan_record_view(ev->data, ev->len, &sv) != STIEL_OK)
            return;
        if (sv.rec.status != STIEL_OK) {
            LOG_WARN("unreadable scan: %s", sv.rec.error);
            return;
        }
        char data[PICK_SCAN_MAX + 1];
        size_t n = sv.data_len < sizeof data - 1 ? sv.data_len : sizeof data - 1;
        memcpy(data, sv.data, n);
        data[n] = '\0';
        kiosk_app_scan(h->app, data, (scan_symbology)sv.rec.symbology, "scanner-1", h->now, &out);
        h->device_scans++;
        snprintf(h->device_scan, sizeof h->device_scan, "%s", data);
    } else if ((scanner || printer) && ev->kind == STIEL_DEVICE_EVENT_STATE) {
        ui_device_state st = kiosk_devices_ui_state(ev->state);
        LOG_INFO("%s: %s (%s)", scanner ? "scanner" : "printer", stiel_device_state_name(ev->state),
                 ev->diag.text);
        if (scanner)
            h->scanner_enabled = ev->state == STIEL_DEVICE_ENABLED;
        if (scanner)
            kiosk_app_device(h->app, false, st,
                             st == UI_DEV_LOST ? "device.scanner.plug_in" : "",
                             PACK_PRINTER_READY, h->now, &out);
        else if (st != UI_DEV_OK) /* ENABLED says nothing of paper: the STATUS events do */
            kiosk_app_device(h->app, true, st, "device.printer.lost", PACK_PRINTER_OFFLINE,
                             h->now, &out);
    } else if (printer && ev->kind == STIEL_DEVICE_EVENT_STATUS) {
        pack_printer ps;
        ui_device_state st;
        const char *msg = "";
        if (!kiosk_devices_printer_status(ev->code, &ps, &st, &msg))
            return; /* a job state: the flow has moved on when the label was queued */
        kiosk_app_device(h->app, true, st, msg, ps, h->now, &out);
    } else if (ev->kind == STIEL_DEVICE_EVENT_FAULT) {
        LOG_WARN("device %d: %s", ev->device_id, ev->diag.text);
        return;
    } else {
        return;
    }
    kiosk_host_apply(h, &out);
}

stiel_status kiosk_host_print(void *host, const char *lang, const void *bytes, size_t n,
                              stiel_diag *diag)
{
    kiosk_host *h = host;
    if (!h->dev)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "the label printer is not open");
    return kiosk_devices_print(h->dev, lang, bytes, n, diag);
}
