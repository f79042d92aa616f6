/* The device thread for the kiosk: scanner and printer registered from the config, events pushed
 * to SDL as user events. */
#include "kiosk/app/kiosk_devices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "common/log.h"
#include "drivers/device_thread.h"
#include "drivers/print_queue.h"
#include "drivers/printer.h"
#include "drivers/registry.h"
#include "drivers/scanner.h"
#include "protocol/printer/printer_state.h"

#define LOG_PREFIX "devices"

struct kiosk_devices {
    stiel_device_thread *thr;
    stiel_print_queue *queue;
    uint32_t event_type;
    int scanner_id, printer_id;
};

static void on_event(void *user, stiel_device_event *ev)
{
    kiosk_devices *kd = user;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = kd->event_type;
    e.user.data1 = ev;
    if (SDL_PushEvent(&e) != 1)
        stiel_device_event_free(ev); /* the queue is full or SDL is gone: drop, never block */
}

static stiel_status add_scanner(kiosk_devices *kd, const kiosk_config *cfg, stiel_diag *diag)
{
    const stiel_driver_info *drv = stiel_driver_find(cfg->scanner_driver);
    if (!drv || drv->cls != STIEL_DRIVER_SCANNER)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "no scanner driver called %s",
                              cfg->scanner_driver);
    stiel_device_config dc = {.port = cfg->scanner_port, .label = "scanner", .ops = drv->ops};
    stiel_status st = stiel_line_settings_parse(cfg->scanner_line, &dc.line, diag);
    if (st == STIEL_OK && drv->create)
        st = drv->create(&dc.driver_data, diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_add(kd->thr, &dc, &kd->scanner_id, diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_enable(kd->thr, kd->scanner_id, 1, diag);
    return st;
}

static stiel_status add_printer(kiosk_devices *kd, const kiosk_config *cfg, const char *data_dir,
                                stiel_diag *diag)
{
    char qdir[4200];
    snprintf(qdir, sizeof qdir, "%s/print-queue", data_dir);
    stiel_status st = stiel_print_queue_open(qdir, &kd->queue, diag);
    stiel_printer_config pc = {.queue = kd->queue};
    if (st == STIEL_OK && !stiel_printer_lang_from_name(cfg->printer_language, &pc.lang))
        st = stiel_diag_set(diag, STIEL_ERR_ARG, "printer language %s is unknown",
                            cfg->printer_language);
    stiel_device_config dc = {.port = cfg->printer_port, .label = "printer",
                              .line = STIEL_LINE_SETTINGS_DEFAULT};
    if (st == STIEL_OK) {
        dc.ops = stiel_printer_ops_for(pc.lang);
        st = stiel_printer_new(&pc, &dc.driver_data, diag);
    }
    if (st == STIEL_OK)
        st = stiel_device_thread_add(kd->thr, &dc, &kd->printer_id, diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_enable(kd->thr, kd->printer_id, 1, diag);
    return st;
}

stiel_status kiosk_devices_open(const kiosk_config *cfg, const char *data_dir,
                                uint32_t sdl_event_type, kiosk_devices **out, stiel_diag *diag)
{
    *out = NULL;
    kiosk_devices *kd = calloc(1, sizeof *kd);
    if (!kd)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the devices");
    kd->event_type = sdl_event_type;
    stiel_device_thread_config tc = {.on_event = on_event, .user = kd};
    stiel_status st = stiel_device_thread_new(&tc, &kd->thr, diag);
    if (st == STIEL_OK && cfg->scanner_port[0])
        st = add_scanner(kd, cfg, diag);
    if (st == STIEL_OK && cfg->printer_port[0] && strcmp(cfg->printer_port, "virtual") != 0)
        st = add_printer(kd, cfg, data_dir, diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_start(kd->thr, diag);
    if (st != STIEL_OK) {
        kiosk_devices_close(kd);
        return st;
    }
    *out = kd;
    return STIEL_OK;
}

void kiosk_devices_close(kiosk_devices *kd)
{
    if (!kd)
        return;
    stiel_device_thread_free(kd->thr);
    /* events the thread posted that nobody took (the devices' last states, a scan after the end
       of a script): freed here, the queue outlives us */
    SDL_Event e;
    while (kd->event_type &&
           SDL_PeepEvents(&e, 1, SDL_GETEVENT, kd->event_type, kd->event_type) == 1)
        stiel_device_event_free(e.user.data1);
    stiel_print_queue_close(kd->queue);
    free(kd);
}

bool kiosk_devices_is_scanner(const kiosk_devices *kd, int id)
{
    return kd && kd->scanner_id > 0 && id == kd->scanner_id;
}

bool kiosk_devices_is_printer(const kiosk_devices *kd, int id)
{
    return kd && kd->printer_id > 0 && id == kd->printer_id;
}

bool kiosk_devices_has_printer(const kiosk_devices *kd)
{
    return kd && kd->printer_id > 0;
}

void kiosk_devices_scanner_feedback(kiosk_devices *kd, int cmd)
{
    stiel_diag d;
    if (kd && kd->scanner_id > 0 && cmd > 0 &&
        stiel_device_thread_command(kd->thr, kd->scanner_id, cmd, NULL, 0, &d) != STIEL_OK)
        LOG_WARN("scanner feedback: %s", d.text);
}

stiel_status kiosk_devices_print(kiosk_devices *kd, const char *lang, const void *bytes,
                                 size_t n, stiel_diag *diag)
{
    if (!kiosk_devices_has_printer(kd))
        return stiel_diag_set(diag, STIEL_ERR_STATE, "no label printer is configured");
    uint64_t id = 0;
    stiel_status st = stiel_print_queue_add(kd->queue, lang, bytes, n, &id, diag);
    if (st == STIEL_OK)
        st = stiel_device_thread_command(kd->thr, kd->printer_id, STIEL_PRINTER_CMD_KICK, NULL, 0,
                                         diag);
    return st;
}

ui_device_state kiosk_devices_ui_state(stiel_device_state st)
{
    switch (st) {
    case STIEL_DEVICE_ENABLED: return UI_DEV_OK;
    case STIEL_DEVICE_OPENED:
    case STIEL_DEVICE_CLAIMED: return UI_DEV_BUSY;
    case STIEL_DEVICE_ERROR: return UI_DEV_ATTENTION;
    default: return UI_DEV_LOST;
    }
}

bool kiosk_devices_printer_status(int code, pack_printer *ps, ui_device_state *ui_state,
                                  const char **msg_id)
{
    if (code < 0 || code >= PRINTER_STATE_COUNT)
        return false;
    switch ((printer_state)code) {
    case PRINTER_STATE_READY:
        *ps = PACK_PRINTER_READY;
        *ui_state = UI_DEV_OK;
        *msg_id = "";
        break;
    case PRINTER_STATE_PAPER_OUT:
        *ps = PACK_PRINTER_PAPER_OUT;
        *ui_state = UI_DEV_ATTENTION;
        *msg_id = "device.printer.out_of_labels";
        break;
    case PRINTER_STATE_RIBBON_OUT:
        *ps = PACK_PRINTER_PAPER_OUT;
        *ui_state = UI_DEV_ATTENTION;
        *msg_id = "device.printer.out_of_ribbon";
        break;
    case PRINTER_STATE_HEAD_OPEN:
        *ps = PACK_PRINTER_HEAD_OPEN;
        *ui_state = UI_DEV_ATTENTION;
        *msg_id = "device.printer.head_open";
        break;
    case PRINTER_STATE_OFFLINE:
        *ps = PACK_PRINTER_OFFLINE;
        *ui_state = UI_DEV_LOST;
        *msg_id = "device.printer.lost";
        break;
    default:
        *ps = PACK_PRINTER_OFFLINE;
        *ui_state = UI_DEV_ATTENTION;
        *msg_id = "device.printer.paper_jam";
        break;
    }
    return true;
}
