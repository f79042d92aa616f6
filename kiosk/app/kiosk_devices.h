/* The device bridge: the device thread with the configured serial scanner and label printer;
 * every device event is pushed to the SDL queue as a user event (SDL_PushEvent is thread-safe),
 * so the UI thread keeps sleeping in SDL_WaitEvent. Feedback beeps and print jobs go back
 * through the device thread's command queue. Also maps device events to what the screen shows. */
#ifndef STIEL_KIOSK_APP_KIOSK_DEVICES_H
#define STIEL_KIOSK_APP_KIOSK_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/device.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/core/pack_flow.h"
#include "kiosk/ui/view.h"

typedef struct kiosk_devices kiosk_devices;

/* Starts the device thread with cfg's scanner (when scanner_port is set) and printer (when
 * printer_port is set and not "virtual"; its print queue lives in <data_dir>/print-queue).
 * Device events arrive as SDL events of type sdl_event_type with the stiel_device_event* in
 * user.data1 (free it with stiel_device_event_free). Errors name the port or driver. */
stiel_status kiosk_devices_open(const kiosk_config *cfg, const char *data_dir,
                                uint32_t sdl_event_type, kiosk_devices **out, stiel_diag *diag);

/* Stops the thread and frees everything. NULL is fine. */
void kiosk_devices_close(kiosk_devices *kd);

/* Which device an event is from. */
bool kiosk_devices_is_scanner(const kiosk_devices *kd, int device_id);
bool kiosk_devices_is_printer(const kiosk_devices *kd, int device_id);
bool kiosk_devices_has_printer(const kiosk_devices *kd);

/* Beep/LED feedback on the serial scanner (STIEL_SCANNER_CMD_*); no-op without one. */
void kiosk_devices_scanner_feedback(kiosk_devices *kd, int cmd);

/* Queues n bytes for the label printer (durably) and wakes its driver. */
stiel_status kiosk_devices_print(kiosk_devices *kd, const char *lang, const void *bytes,
                                 size_t n, stiel_diag *diag);

/* The device bar state for a device state. */
ui_device_state kiosk_devices_ui_state(stiel_device_state st);

/* A printer STATUS code (protocol/printer/printer_state.h) as the pack flow's printer status, the
 * device bar state and the message saying what to do. False for job codes (not a printer state). */
bool kiosk_devices_printer_status(int code, pack_printer *ps, ui_device_state *ui_state,
                                  const char **msg_id);

#endif
