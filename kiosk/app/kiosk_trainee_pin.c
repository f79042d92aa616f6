/* The start screen's fallback for a trainee without their badge when the hub says
 * [login] name_list = pin: the tapped name opens the PIN pad (the staff PIN screen), and the
 * trainee's own PIN is checked and recorded by the store (store_trainee_authenticate). */
#include "kiosk/app/kiosk_app_internal.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "kiosk/core/access.h"

#define LOG_PREFIX "kiosk"

kiosk_name_list kiosk_app_name_list(const kiosk_app *app)
{
    return kiosk_config_name_list_mode(app->opt.name_list_mode,
                                       app->opt.name_list || app->opt.demo, app->opt.demo);
}

bool kiosk_trainee_pin_open(kiosk_app *app, const char *id)
{
    store_trainee t;
    stiel_diag d;
    if (store_trainee_get(session_store(app->s), id, &t, &d) != STIEL_OK || t.erased ||
        !t.consent) {
        LOG_INFO("name list: %s", t.erased || !t.consent ? "not listed" : d.text);
        return false;
    }
    app->chosen = t;
    app->pin[0] = '\0';
    app->pin_wrong = false;
    ui_msg_set(&app->chosen_msg, "", NULL, NULL, NULL);
    app->overlay = KIOSK_OVL_TRAINEE_PIN;
    return true;
}

bool kiosk_trainee_pin_ok(kiosk_app *app, kiosk_clock now, kiosk_out *out)
{
    stiel_diag d;
    store_trainee_auth auth;
    memset(&auth, 0, sizeof auth);
    stiel_status rc = store_trainee_authenticate(session_store(app->s), app->kiosk_id,
                                                 app->chosen.id, app->pin, now.wall_ms, &auth, &d);
    memset(app->pin, 0, sizeof app->pin);
    if (rc == STIEL_OK) {
        app->pin_wrong = false;
        return true;
    }
    LOG_INFO("name-list PIN of %s refused: %s", app->chosen.id, d.text);
    app->pin_wrong = true;
    char n[32];
    if (auth.lockout.locked) {
        int64_t s = (auth.lockout.remaining_ms + 999) / 1000;
        snprintf(n, sizeof n, "%d:%02d", (int)(s / 60), (int)(s % 60));
        ui_msg_set(&app->chosen_msg, "staff.pin_locked", n, NULL, NULL);
    } else if (strcmp(auth.result, "no_pin") == 0) {
        ui_msg_set(&app->chosen_msg, "start.pin_none", NULL, NULL, NULL);
    } else if (auth.lockout.failures > 0 && auth.lockout.failures < ACCESS_LOCK_AFTER) {
        snprintf(n, sizeof n, "%u", ACCESS_LOCK_AFTER - auth.lockout.failures);
        ui_msg_set(&app->chosen_msg, "staff.pin_wrong_left", n, NULL, NULL);
    } else {
        ui_msg_set(&app->chosen_msg, "pin.wrong", NULL, NULL, NULL);
    }
    app->feedback = UI_FB_BAD;
    ui_msg_set(&app->feedback_msg, "pin.wrong", NULL, NULL, NULL);
    out->sound = true;
    out->sound_kind = UI_SOUND_BAD;
    return false;
}

/* src into dst (cap bytes), cut at a UTF-8 character boundary. */
static void cut_copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void kiosk_trainee_pin_view(const kiosk_app *app, kiosk_view *v)
{
    v->screen = UI_SCREEN_PIN;
    cut_copy(v->start.chosen.id, sizeof v->start.chosen.id, app->chosen.id);
    cut_copy(v->start.chosen.name, sizeof v->start.chosen.name, app->chosen.display_name);
    v->start.chosen.photo[0] = '\0';
    v->start.pin_len = (unsigned)strlen(app->pin);
    v->start.pin_wrong = app->pin_wrong || !app->chosen.has_pin;
    if (!app->chosen.has_pin) /* only the badge: the screen says to ask the coach */
        ui_msg_set(&v->headline, "start.pin_none", NULL, NULL, NULL);
    else if (app->pin_wrong && app->chosen_msg.id[0])
        v->headline = app->chosen_msg;
}
