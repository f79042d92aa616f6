/* The session-script interpreter (format in kiosk_script.h): one function per command, a virtual
 * clock, taps through the UI's own hit test so scripts only press what is on screen. */
#include "kiosk/app/kiosk_script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/kiosk_lock.h"

#include <SDL.h>

#define LOG_PREFIX "script"

typedef struct runner {
    kiosk_host *h;
    const char *path, *shot_dir;
    unsigned line, shots;
    stiel_diag *diag;
} runner;

static stiel_status bad(runner *r, stiel_status st, const char *fmt, const char *a, const char *b)
{
    char what[1024];
    snprintf(what, sizeof what, fmt, a ? a : "", b ? b : "");
    return stiel_diag_set(r->diag, st, "%s:%u: %s", r->path, r->line, what);
}

static void advance(runner *r, uint64_t ms)
{
    r->h->now.mono_ms += ms;
    r->h->now.wall_ms += (int64_t)ms;
    stiel_wedge_tick(&r->h->wedge, r->h->now.mono_ms, kiosk_host_wedge_out, r->h);
}

static stiel_status cmd_tap(runner *r, const char *action)
{
    kiosk_host *h = r->h;
    ui_rect win;
    if (!ui_action_rect(h->ui, action, NULL, &win)) {
        char list[512] = "";
        for (size_t i = 0; i < ui_action_count(h->ui); i++) {
            const char *a = ui_action_at(h->ui, i, NULL);
            if (strlen(list) + strlen(a) + 2 < sizeof list) {
                strcat(list, list[0] ? " " : "");
                strcat(list, a);
            }
        }
        return bad(r, STIEL_ERR_NOT_FOUND, "tap %s: no such button on this screen (%s)", action,
                   list);
    }
    const char *hit = ui_hit_test(h->ui, win.x + win.w / 2, win.y + win.h / 2);
    if (!hit || strcmp(hit, action) != 0)
        return bad(r, STIEL_ERR_STATE, "tap %s: the middle of the button hits %s", action,
                   hit ? hit : "nothing");
    char a[128];
    snprintf(a, sizeof a, "%s", hit); /* hit dies with the next draw */
    kiosk_out out;
    kiosk_app_tap(h->app, a, h->now, &out);
    kiosk_host_apply(h, &out);
    return STIEL_OK;
}

static void wedge_keys(runner *r, const char *text, unsigned gap_ms, bool enter)
{
    kiosk_host *h = r->h;
    for (const char *p = text; *p; p++) {
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_TEXT, p, 1, h->now.mono_ms,
                         kiosk_host_wedge_out, h);
        h->now.mono_ms += gap_ms;
        h->now.wall_ms += gap_ms;
    }
    if (enter)
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_ENTER, NULL, 0, h->now.mono_ms,
                         kiosk_host_wedge_out, h);
    advance(r, 1000);
}

static stiel_status cmd_key(runner *r, const char *text)
{
    char key[32];
    kiosk_key_mods mods;
    if (!kiosk_lock_key_parse(text, key, &mods))
        return bad(r, STIEL_ERR_SYNTAX, "key needs a key name", NULL, NULL);
    if (kiosk_lock_key_blocked(key, mods)) {
        LOG_INFO("the kiosk lock swallowed %s", text);
        return STIEL_OK;
    }
    kiosk_host *h = r->h;
    stiel_wedge_key wk = strcmp(key, "Return") == 0 ? STIEL_WEDGE_KEY_ENTER
                         : strlen(key) == 1         ? STIEL_WEDGE_KEY_TEXT
                                                    : STIEL_WEDGE_KEY_OTHER;
    stiel_wedge_feed(&h->wedge, wk, key, strlen(key), h->now.mono_ms, kiosk_host_wedge_out, h);
    advance(r, 1000); /* a person's key: settles in the decoder */
    if (wk == STIEL_WEDGE_KEY_OTHER) {
        kiosk_out out;
        kiosk_app_key(h->app, key, h->now, &out);
        kiosk_host_apply(h, &out);
    }
    return STIEL_OK;
}

static stiel_status cmd_device(runner *r, const char *what, const char *state)
{
    kiosk_out out;
    kiosk_host *h = r->h;
    if (strcmp(what, "scanner") == 0 && (strcmp(state, "ok") == 0 || strcmp(state, "lost") == 0)) {
        bool ok = state[0] == 'o';
        kiosk_app_device(h->app, false, ok ? UI_DEV_OK : UI_DEV_LOST,
                         ok ? "" : "device.scanner.plug_in", PACK_PRINTER_READY, h->now, &out);
    } else if (strcmp(what, "printer") == 0) {
        static const struct {
            const char *name;
            pack_printer ps;
            ui_device_state ui;
            const char *msg;
        } map[] = {{"ready", PACK_PRINTER_READY, UI_DEV_OK, ""},
                   {"paper_out", PACK_PRINTER_PAPER_OUT, UI_DEV_ATTENTION,
                    "device.printer.out_of_labels"},
                   {"head_open", PACK_PRINTER_HEAD_OPEN, UI_DEV_ATTENTION,
                    "device.printer.head_open"},
                   {"offline", PACK_PRINTER_OFFLINE, UI_DEV_LOST, "device.printer.lost"}};
        size_t i = 0;
        while (i < sizeof map / sizeof map[0] && strcmp(map[i].name, state) != 0)
            i++;
        if (i == sizeof map / sizeof map[0])
            return bad(r, STIEL_ERR_SYNTAX,
                       "device printer %s: use ready, paper_out, head_open or offline", state,
                       NULL);
        kiosk_app_device(h->app, true, map[i].ui, map[i].msg, map[i].ps, h->now, &out);
    } else {
        return bad(r, STIEL_ERR_SYNTAX,
                   "device %s %s: use scanner ok|lost or printer ready|paper_out|head_open|offline",
                   what, state);
    }
    kiosk_host_apply(h, &out);
    return STIEL_OK;
}

static stiel_status cmd_screenshot(runner *r, const char *name)
{
    if (!r->shot_dir)
        return STIEL_OK;
    char path[4200];
    r->shots++;
    snprintf(path, sizeof path, "%s/%03u-%s.png", r->shot_dir, r->shots,
             name && name[0] ? name : kiosk_app_screen_name(r->h->app));
    stiel_diag d;
    if (ui_screenshot(r->h->ui, path, &d) != STIEL_OK)
        return bad(r, STIEL_ERR_IO, "screenshot: %s", d.text, NULL);
    return STIEL_OK;
}

static stiel_status cmd_restart(runner *r)
{
    kiosk_host *h = r->h;
    kiosk_app_close(h->app);
    h->app = NULL;
    stiel_diag d;
    if (kiosk_app_open(&h->opt, h->now, &h->app, &d) != STIEL_OK)
        return bad(r, STIEL_ERR_STATE, "restart: %s", d.text, NULL);
    ui_set_language(h->ui, kiosk_app_language(h->app));
    kiosk_host_draw(h);
    return STIEL_OK;
}

static bool ms_parse(const char *t, uint64_t *ms)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(t, &end, 10);
    if (!t[0] || *end || errno || t[0] == '-' || v > 24ULL * 3600 * 1000)
        return false;
    *ms = v;
    return true;
}

static stiel_status cmd_expect(runner *r, const char *what, const char *arg)
{
    kiosk_host *h = r->h;
    if (strcmp(what, "screen") == 0) {
        const char *now = kiosk_app_screen_name(h->app);
        if (strcmp(now, arg) != 0)
            return bad(r, STIEL_ERR_STATE, "expected screen %s, but %s is up", arg, now);
        return STIEL_OK;
    }
    if (strcmp(what, "trainee") == 0) {
        const char *t = kiosk_app_trainee(h->app);
        const char *want = strcmp(arg, "-") == 0 ? "" : arg;
        if (strcmp(t, want) != 0)
            return bad(r, STIEL_ERR_STATE, "expected trainee %s, but it is %s", arg,
                       t[0] ? t : "nobody");
        return STIEL_OK;
    }
    if (strcmp(what, "running") == 0)
        return h->exit ? bad(r, STIEL_ERR_STATE, "the kiosk was left", NULL, NULL) : STIEL_OK;
    if (strcmp(what, "exit") == 0)
        return h->exit ? STIEL_OK : bad(r, STIEL_ERR_STATE, "the kiosk is still locked", NULL, NULL);
    return bad(r, STIEL_ERR_SYNTAX, "expect %s: use screen, trainee, running or exit", what, NULL);
}

static stiel_status run_line(runner *r, char *line);

/* step-expected: what the current step expects — the demo scanner's right code, the quantity
 * typed on the keys and Return, or a tap on the step's one button. */
static stiel_status cmd_step(runner *r)
{
    kiosk_host *h = r->h;
    char code[PICK_SCAN_MAX + 1];
    kiosk_out out;
    if (kiosk_app_demo_code(h->app, true, code, sizeof code)) {
        kiosk_app_scan(h->app, code, SCAN_SYM_UNKNOWN, "demo", h->now, &out);
        kiosk_host_apply(h, &out);
        return STIEL_OK;
    }
    const kiosk_view *v = kiosk_app_view(h->app);
    if (v->screen == UI_SCREEN_PICK && v->pick.step == PICK_STEP_QUANTITY && v->pick.qty_typed &&
        !v->pick.qty_prefilled) {
        char qty[16];
        snprintf(qty, sizeof qty, "%u", v->pick.qty > v->pick.picked ? v->pick.qty - v->pick.picked : 0);
        wedge_keys(r, qty, 300, false);
        return cmd_key(r, "Return");
    }
    static const char *const buttons[] = {"arrived", "confirm", "confirm-box", "empty:no",
                                          "close", "start", "next"};
    for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++)
        if (ui_action_rect(h->ui, buttons[i], NULL, NULL))
            return cmd_tap(r, buttons[i]);
    return bad(r, STIEL_ERR_STATE, "step-expected: nothing to do on screen %s",
               kiosk_app_screen_name(h->app), NULL);
}

/* wait-scan MS: sleeps in SDL_WaitEventTimeout (real time) until the serial scanner's next scan
 * (with want: a scan of want; others on the way reach the app as well) reached the app; device
 * state events on the way are handled too. */
static stiel_status wait_scan(runner *r, const char *arg, const char *want)
{
    kiosk_host *h = r->h;
    uint64_t ms = 0;
    char num[32] = "";
    if (sscanf(arg, "%31s", num) != 1 || !ms_parse(num, &ms))
        return bad(r, STIEL_ERR_SYNTAX, "wait-scan needs a time-out in ms", NULL, NULL);
    if (!h->dev || h->dev_event_type == 0)
        return bad(r, STIEL_ERR_STATE, "wait-scan: no serial scanner is configured (kiosk.ini)",
                   NULL, NULL);
    unsigned before = h->device_scans;
    uint64_t end = SDL_GetTicks64() + ms;
    for (;;) {
        if (h->device_scans != before) {
            if (!want || strcmp(h->device_scan, want) == 0)
                break;
            before = h->device_scans; /* another code (one sent before a kill): wait on */
        }
        uint64_t now = SDL_GetTicks64();
        if (now >= end)
            return bad(r, STIEL_ERR_TIMEOUT, "wait-scan: no scan from the scanner within %s ms",
                       num, NULL);
        SDL_Event e;
        if (!SDL_WaitEventTimeout(&e, (int)(end - now)))
            continue;
        if (e.type == h->dev_event_type) {
            stiel_device_event *ev = e.user.data1;
            kiosk_host_device_event(h, ev);
            stiel_device_event_free(ev);
        }
    }
    return STIEL_OK;
}

static stiel_status cmd_wait_scan(runner *r, const char *arg)
{
    return wait_scan(r, arg, NULL);
}

/* print-state: "state <trainee|-> <screen> <inputs of the task> <step>" on stdout, flushed (a
 * kill right after it loses nothing): where the kiosk is, for the pty crash test. The step is
 * "line<n>.<pick_step>" on the pick screen, "pack.<pack_step>" on the pack screen, else "-". */
static stiel_status cmd_print_state(runner *r)
{
    kiosk_app *app = r->h->app;
    const char *t = kiosk_app_trainee(app);
    const kiosk_view *v = kiosk_app_view(app);
    char step[32] = "-";
    if (v->screen == UI_SCREEN_PICK)
        snprintf(step, sizeof step, "line%u.%d", v->pick.line, (int)v->pick.step);
    else if (v->screen == UI_SCREEN_PACK)
        snprintf(step, sizeof step, "pack.%d", (int)v->pack.step);
    printf("state %s %s %zu %s\n", t[0] ? t : "-", kiosk_app_screen_name(app),
           session_input_count(kiosk_app_session(app)), step);
    fflush(stdout);
    return STIEL_OK;
}

/* Handles device events until the serial scanner is ENABLED (a scan sent before that is dropped
 * by the driver, as a real scanner's would be while the port opens) or ms pass. */
static stiel_status wait_scanner_enabled(runner *r, const char *ms_text, uint64_t ms)
{
    kiosk_host *h = r->h;
    uint64_t end = SDL_GetTicks64() + ms;
    while (!h->scanner_enabled) {
        uint64_t now = SDL_GetTicks64();
        if (now >= end)
            return bad(r, STIEL_ERR_TIMEOUT, "device-step: the scanner was not ready within %s ms",
                       ms_text, NULL);
        SDL_Event e;
        if (!SDL_WaitEventTimeout(&e, (int)(end - now)))
            continue;
        if (e.type == h->dev_event_type) {
            stiel_device_event *ev = e.user.data1;
            kiosk_host_device_event(h, ev);
            stiel_device_event_free(ev);
        }
    }
    return STIEL_OK;
}

/* device-step FILE MS: like step-expected, but a scan the step expects goes through the serial
 * scanner: its code is appended as a line to FILE (the scanner simulator's stdin, a FIFO: the
 * person reading the screen and scanning) and the runner waits up to MS for that code (other
 * scans on the way, e.g. one sent before a kill, reach the app too).
 * Then print-state. */
static stiel_status cmd_device_step(runner *r, const char *arg)
{
    char file[1024] = "", ms[32] = "";
    if (sscanf(arg, "%1023s %31s", file, ms) != 2)
        return bad(r, STIEL_ERR_SYNTAX, "device-step needs a file and a time-out in ms", NULL,
                   NULL);
    char code[PICK_SCAN_MAX + 1];
    stiel_status st;
    if (!kiosk_app_demo_code(r->h->app, true, code, sizeof code)) {
        st = cmd_step(r); /* a button or typed quantity: as step-expected */
        return st == STIEL_OK ? cmd_print_state(r) : st;
    }
    uint64_t wait_ms = 0;
    if (!ms_parse(ms, &wait_ms))
        return bad(r, STIEL_ERR_SYNTAX, "device-step needs a time-out in ms", NULL, NULL);
    if (r->h->dev && r->h->dev_event_type != 0) {
        st = wait_scanner_enabled(r, ms, wait_ms);
        if (st != STIEL_OK)
            return st;
    }
    FILE *f = fopen(file, "a");
    if (!f)
        return bad(r, STIEL_ERR_IO, "device-step: cannot write %s: %s", file, strerror(errno));
    bool ok = fprintf(f, "%s\n", code) > 0;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        return bad(r, STIEL_ERR_IO, "device-step: cannot write %s", file, NULL);
    st = wait_scan(r, ms, code); /* a scan left over from before a kill is taken on the way */
    return st == STIEL_OK ? cmd_print_state(r) : st;
}

/* The screen is up, or for "button:ACTION" that button is on the screen. */
static bool until_reached(runner *r, const char *what)
{
    if (strncmp(what, "button:", 7) == 0)
        return ui_action_rect(r->h->ui, what + 7, NULL, NULL);
    return strcmp(kiosk_app_screen_name(r->h->app), what) == 0;
}

/* until SCREEN COMMAND...: runs COMMAND until SCREEN is up (at most KIOSK_SCRIPT_UNTIL_MAX times). */
static stiel_status cmd_until(runner *r, const char *arg)
{
    char screen[32] = "", rest[512] = "";
    if (sscanf(arg, "%31s %511[^\n]", screen, rest) != 2)
        return bad(r, STIEL_ERR_SYNTAX, "until needs a screen and a command", NULL, NULL);
    for (unsigned i = 0; i < KIOSK_SCRIPT_UNTIL_MAX; i++) {
        if (until_reached(r, screen))
            return STIEL_OK;
        char line[512];
        snprintf(line, sizeof line, "%s", rest);
        stiel_status st = run_line(r, line);
        if (st != STIEL_OK)
            return st;
    }
    return until_reached(r, screen)
               ? STIEL_OK
               : bad(r, STIEL_ERR_STATE, "until %s: still not there after many tries (%s)", screen,
                     rest);
}

static stiel_status run_line(runner *r, char *line)
{
    kiosk_host *h = r->h;
    char *cmd = strtok(line, " \t");
    char *rest = strtok(NULL, "");
    while (rest && (*rest == ' ' || *rest == '\t'))
        rest++;
    const char *arg = rest ? rest : "";
    kiosk_out out;
    uint64_t ms = 0;
    advance(r, KIOSK_SCRIPT_STEP_MS);
    if (strcmp(cmd, "scan") == 0 && arg[0]) {
        kiosk_app_scan(h->app, arg, SCAN_SYM_UNKNOWN, "scanner-1", h->now, &out);
    } else if (strcmp(cmd, "scan-expected") == 0 || strcmp(cmd, "scan-wrong") == 0) {
        char code[PICK_SCAN_MAX + 1];
        if (!kiosk_app_demo_code(h->app, cmd[5] == 'e', code, sizeof code))
            return bad(r, STIEL_ERR_STATE, "%s: screen %s expects no scan", cmd,
                       kiosk_app_screen_name(h->app));
        kiosk_app_scan(h->app, code, SCAN_SYM_UNKNOWN, "demo", h->now, &out);
    } else if (strcmp(cmd, "step-expected") == 0) {
        return cmd_step(r);
    } else if (strcmp(cmd, "wedge") == 0 && arg[0]) {
        wedge_keys(r, arg, 5, true);
        return STIEL_OK;
    } else if (strcmp(cmd, "type") == 0 && arg[0]) {
        wedge_keys(r, arg, 300, false);
        return STIEL_OK;
    } else if (strcmp(cmd, "tap") == 0 && arg[0]) {
        return cmd_tap(r, arg);
    } else if (strcmp(cmd, "key") == 0) {
        return cmd_key(r, arg);
    } else if (strcmp(cmd, "quit") == 0) {
        LOG_INFO("the kiosk lock swallowed the window's close request");
        return STIEL_OK;
    } else if ((strcmp(cmd, "tick") == 0 || strcmp(cmd, "wait") == 0) && ms_parse(arg, &ms)) {
        advance(r, ms);
        if (cmd[0] == 'w')
            return STIEL_OK;
        kiosk_app_tick(h->app, h->now, &out);
    } else if (strcmp(cmd, "device") == 0) {
        char what[16] = "", state[16] = "";
        if (sscanf(arg, "%15s %15s", what, state) != 2)
            return bad(r, STIEL_ERR_SYNTAX, "device needs a device and a state", NULL, NULL);
        return cmd_device(r, what, state);
    } else if (strcmp(cmd, "lang") == 0 && arg[0]) {
        char a[16];
        catalogue_lang l;
        if (!kiosk_config_lang_parse(arg, &l))
            return bad(r, STIEL_ERR_SYNTAX, "lang %s: use nl, fr, en or ar", arg, NULL);
        snprintf(a, sizeof a, "lang:%s", arg);
        if (ui_action_rect(h->ui, a, NULL, NULL))
            return cmd_tap(r, a);
        kiosk_app_tap(h->app, a, h->now, &out);
    } else if (strcmp(cmd, "screenshot") == 0) {
        return cmd_screenshot(r, arg);
    } else if (strcmp(cmd, "expect") == 0) {
        char what[16] = "", val[64] = "";
        if (sscanf(arg, "%15s %63s", what, val) < 1)
            return bad(r, STIEL_ERR_SYNTAX, "expect needs what to expect", NULL, NULL);
        return cmd_expect(r, what, val);
    } else if (strcmp(cmd, "restart") == 0) {
        return cmd_restart(r);
    } else if (strcmp(cmd, "until") == 0) {
        return cmd_until(r, arg);
    } else if (strcmp(cmd, "print-state") == 0) {
        return cmd_print_state(r);
    } else if (strcmp(cmd, "wait-scan") == 0) {
        return cmd_wait_scan(r, arg);
    } else if (strcmp(cmd, "device-step") == 0) {
        return cmd_device_step(r, arg);
    } else {
        return bad(r, STIEL_ERR_SYNTAX, "unknown command or missing value: %s", cmd, NULL);
    }
    kiosk_host_apply(h, &out);
    return STIEL_OK;
}

stiel_status kiosk_script_run(kiosk_host *h, const char *path, const char *shot_dir,
                              stiel_diag *diag)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read the script %s: %s", path,
                              strerror(errno));
    runner r = {.h = h, .path = path, .shot_dir = shot_dir, .diag = diag};
    char line[1024];
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && !h->exit && fgets(line, sizeof line, f)) {
        r.line++;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        st = run_line(&r, p);
    }
    fclose(f);
    return st;
}
