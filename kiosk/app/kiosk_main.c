/* stiel-kiosk: the trainee kiosk. Parses the command line and the config, sets up SDL (a full
 * screen window, or a software renderer on the dummy driver for --headless), the UI, the devices
 * and the app, then either plays a script (--headless --script) or runs the event loop: asleep
 * in SDL_WaitEvent, woken by input, device events (SDL user events from the device thread) or a
 * due timer (a time norm's tick, the wedge decoder's gap). Only a staff badge + PIN leaves. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dirent.h>
#include <unistd.h>

#include <sys/stat.h>

#include <SDL.h>

#include "common/log.h"
#include "kiosk/app/kiosk_config.h"
#include "kiosk/app/kiosk_host.h"
#include "kiosk/app/kiosk_lock.h"
#include "kiosk/app/kiosk_script.h"

#define LOG_PREFIX "kiosk"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif
#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

typedef struct kiosk_args {
    const char *config, *data, *script, *shots, *lang, *trace;
    bool demo, headless;
    int win_w, win_h;
} kiosk_args;

static const char usage_text[] =
    "usage: stiel-kiosk [--config FILE] [--demo] [--data DIR] [--window WxH] [--lang xx]\n"
    "       stiel-kiosk --headless --script FILE --screenshots DIR [--data DIR] [--window WxH]"
    " [--lang xx]\n"
    "  --config FILE   kiosk.ini: devices, data folder, language, kiosk id (assets/kiosk.ini.example)\n"
    "  --demo          demo mode: on-screen scanner, virtual printer, sample warehouse\n"
    "  --data DIR      the data folder (evidence store, labels)\n"
    "  --window WxH    a window of that size instead of full screen\n"
    "  --lang xx       nl, fr, en or ar\n"
    "  --headless      no screen (SDL dummy driver): play --script, a PNG per screen in --screenshots\n"
    "  --trace FILE    a line per presented frame with its times, for bench/bench_kiosk.sh\n"
    "  --help          this text\n";

static int usage(const char *bad)
{
    fprintf(stderr, "stiel-kiosk: %s\n%s", bad, usage_text);
    return 2;
}

static int args_parse(int argc, char **argv, kiosk_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool val = i + 1 < argc;
        if (strcmp(s, "--config") == 0 && val)
            a->config = argv[++i];
        else if (strcmp(s, "--data") == 0 && val)
            a->data = argv[++i];
        else if (strcmp(s, "--script") == 0 && val)
            a->script = argv[++i];
        else if (strcmp(s, "--screenshots") == 0 && val)
            a->shots = argv[++i];
        else if (strcmp(s, "--lang") == 0 && val)
            a->lang = argv[++i];
        else if (strcmp(s, "--trace") == 0 && val)
            a->trace = argv[++i];
        else if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(usage_text, stdout);
            return -1;
        } else if (strcmp(s, "--demo") == 0)
            a->demo = true;
        else if (strcmp(s, "--headless") == 0)
            a->headless = true;
        else if (strcmp(s, "--window") == 0 && val &&
                 sscanf(argv[i + 1], "%dx%d", &a->win_w, &a->win_h) == 2 && a->win_w >= 320 &&
                 a->win_h >= 200 && a->win_w <= 8192 && a->win_h <= 8192)
            i++;
        else {
            char msg[256];
            snprintf(msg, sizeof msg, "unexpected '%s'", s);
            return usage(msg);
        }
    }
    if (a->headless && !a->script)
        return usage("--headless needs --script FILE");
    return 0;
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static kiosk_clock clock_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (kiosk_clock){.mono_ms = mono_ms(),
                         .wall_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000};
}

/* --trace FILE: one line per presented frame, for the bench: "present <ns> input <ns> draw <ns>",
 * CLOCK_MONOTONIC when the frame was presented, when the input that led to it was taken from
 * SDL's queue (0: none) and when its drawing began. */
static FILE *trace_file;

static void trace_frame(const kiosk_host *h, uint64_t input_ns)
{
    if (trace_file) {
        fprintf(trace_file, "present %llu input %llu draw %llu\n", (unsigned long long)mono_ns(),
                (unsigned long long)input_ns, (unsigned long long)h->draw_ns);
        fflush(trace_file);
    }
}

/* ---- the live event loop ---------------------------------------------------------------------- */

static void handle_key(kiosk_host *h, const SDL_KeyboardEvent *k)
{
    kiosk_key_mods mods = {.alt = (k->keysym.mod & KMOD_ALT) != 0,
                           .ctrl = (k->keysym.mod & KMOD_CTRL) != 0,
                           .gui = (k->keysym.mod & KMOD_GUI) != 0,
                           .shift = (k->keysym.mod & KMOD_SHIFT) != 0};
    const char *name = SDL_GetKeyName(k->keysym.sym);
    if (kiosk_lock_key_blocked(name, mods)) {
        LOG_INFO("the kiosk lock swallowed %s", name);
        return;
    }
    uint64_t t = k->timestamp;
    if (k->keysym.sym == SDLK_RETURN || k->keysym.sym == SDLK_KP_ENTER)
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_ENTER, NULL, 0, t, kiosk_host_wedge_out, h);
    else if (k->keysym.sym == SDLK_TAB)
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_TAB, NULL, 0, t, kiosk_host_wedge_out, h);
    else if (k->keysym.sym == SDLK_RIGHTBRACKET && mods.ctrl)
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_GS, NULL, 0, t, kiosk_host_wedge_out, h);
    else if (k->keysym.sym == SDLK_BACKSPACE) {
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_OTHER, NULL, 0, t, kiosk_host_wedge_out, h);
        kiosk_out out;
        kiosk_app_key(h->app, "Backspace", h->now, &out);
        kiosk_host_apply(h, &out);
    }
}

static void handle_tap(kiosk_host *h, int x, int y)
{
    const char *hit = ui_hit_test(h->ui, x, y);
    if (!hit)
        return;
    char a[128];
    snprintf(a, sizeof a, "%s", hit);
    kiosk_out out;
    kiosk_app_tap(h->app, a, h->now, &out);
    kiosk_host_apply(h, &out);
}

static void handle_event(kiosk_host *h, SDL_Window *win, const SDL_Event *e, uint32_t dev_type)
{
    if (e->type == dev_type) {
        stiel_device_event *ev = e->user.data1;
        kiosk_host_device_event(h, ev);
        stiel_device_event_free(ev);
        return;
    }
    switch (e->type) {
    case SDL_QUIT: LOG_INFO("the kiosk lock swallowed a request to quit"); break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
            e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            kiosk_host_draw(h);
        break;
    case SDL_KEYDOWN: handle_key(h, &e->key); break;
    case SDL_TEXTINPUT:
        stiel_wedge_feed(&h->wedge, STIEL_WEDGE_KEY_TEXT, e->text.text, strlen(e->text.text),
                         e->text.timestamp, kiosk_host_wedge_out, h);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT)
            handle_tap(h, e->button.x, e->button.y);
        break;
    case SDL_FINGERUP: {
        int w = 0, hh = 0;
        SDL_GetWindowSize(win, &w, &hh);
        handle_tap(h, (int)(e->tfinger.x * (float)w), (int)(e->tfinger.y * (float)hh));
        break;
    }
    default: break;
    }
}

static void loop_run(kiosk_host *h, SDL_Window *win, uint32_t dev_type)
{
    unsigned frames_before = h->frames;
    while (!h->exit) {
        uint64_t due = 0, when = 0;
        bool timed = false;
        if (kiosk_app_deadline(h->app, &when)) {
            due = when;
            timed = true;
        }
        /* the wedge decoder's deadline is in SDL ticks (key event time stamps) */
        uint64_t wedge_when = 0;
        bool wedge_due = stiel_wedge_deadline(&h->wedge, &wedge_when);
        int timeout = -1;
        if (timed) {
            uint64_t now = mono_ms();
            timeout = due > now ? (int)(due - now) : 0;
        }
        if (wedge_due) {
            uint64_t ticks = SDL_GetTicks64();
            int wt = wedge_when > ticks ? (int)(wedge_when - ticks) : 0;
            timeout = timeout < 0 || wt < timeout ? wt : timeout;
        }
        SDL_Event e;
        int got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
        h->now = clock_now();
        uint64_t input_ns = got && trace_file ? mono_ns() : 0;
        frames_before = h->frames;
        if (got)
            handle_event(h, win, &e, dev_type);
        if (wedge_due || got)
            stiel_wedge_tick(&h->wedge, SDL_GetTicks64(), kiosk_host_wedge_out, h);
        if (timed && mono_ms() >= due) {
            kiosk_out out;
            kiosk_app_tick(h->app, h->now, &out);
            kiosk_host_apply(h, &out);
        }
        kiosk_speech_poll(&h->speech);
        if (h->frames != frames_before)
            trace_frame(h, input_ns);
    }
}

/* ---- set-up ----------------------------------------------------------------------------------- */

/* True when the GL renderer r draws on the CPU (Mesa's llvmpipe/softpipe/swrast: Xvfb, or a
 * machine without a GPU driver). */
static bool renderer_gl_is_software(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) != 0 || strncmp(info.name, "opengl", 6) != 0)
        return false;
    typedef const unsigned char *(*gl_get_string_fn)(unsigned);
    void *sym = SDL_GL_GetProcAddress("glGetString");
    gl_get_string_fn get_string = NULL;
    if (!sym)
        return false;
    memcpy(&get_string, &sym, sizeof get_string);
    const char *name = (const char *)get_string(0x1F01 /* GL_RENDERER */);
    LOG_INFO("GL renderer: %s", name ? name : "?");
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
                    strstr(name, "swrast") || strstr(name, "Software Rasterizer"));
}

/* SDL's software renderer presenting the window surface through X11 shared memory: without the
 * hint SDL would upload every frame to a GL texture (the same GL we are avoiding). The hint is
 * read once, at the first window surface, which this is. */
static SDL_Renderer *renderer_software(SDL_Window *win)
{
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    return SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
}

/* True when the machine has a GPU the kiosk may use (a DRM render or card node it can open). */
static bool gpu_present(void)
{
    DIR *d = opendir("/dev/dri");
    if (!d)
        return false;
    bool found = false;
    const struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "renderD", 7) != 0 && strncmp(e->d_name, "card", 4) != 0)
            continue;
        char path[300];
        snprintf(path, sizeof path, "/dev/dri/%s", e->d_name);
        found = access(path, R_OK | W_OK) == 0;
    }
    closedir(d);
    return found;
}

/* The renderer: the GPU's (OpenGL / GLES) on a kiosk with a graphics driver; SDL's software
 * renderer without a GPU, or when GL would rasterise on the CPU anyway: Mesa's llvmpipe costs
 * about 3x the software renderer per frame, two more threads and ~50 MB of memory (libLLVM),
 * measured under Xvfb with bench/bench_kiosk.sh. Without a GPU node GL is not even loaded.
 * SDL_RENDER_DRIVER still chooses when set. */
static SDL_Renderer *renderer_make(SDL_Window *win)
{
    const char *forced = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if ((forced && strcmp(forced, "software") == 0) || (!(forced && forced[0]) && !gpu_present()))
        return renderer_software(win);
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
    if (r && !(forced && forced[0]) && renderer_gl_is_software(r)) {
        SDL_DestroyRenderer(r);
        r = NULL;
    }
    if (!r)
        r = renderer_software(win);
    SDL_RendererInfo info;
    if (r && SDL_GetRendererInfo(r, &info) == 0)
        LOG_INFO("renderer: %s", info.name);
    return r;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && v[0] ? v : dflt;
}

int main(int argc, char **argv)
{
    uint64_t t_start = mono_ns();
    umask(077); /* the evidence, labels and logs in the data folder are the trainee's: 0600 */
    kiosk_args a = {0};
    int rc = args_parse(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? 0 : rc; /* -1: --help */
    kiosk_config cfg;
    kiosk_config_default(&cfg);
    stiel_diag d;
    if (a.config && kiosk_config_load(&cfg, a.config, &d) != STIEL_OK) {
        fprintf(stderr, "stiel-kiosk: %s\n", d.text);
        return 2;
    }
    if (a.data)
        snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", a.data);
    if (a.lang && !kiosk_config_lang_parse(a.lang, &cfg.language))
        return usage("--lang is nl, fr, en or ar");
    bool demo = a.demo || a.script;
    char data_dir[KIOSK_CONFIG_PATH_MAX];
    if (kiosk_config_data_dir(&cfg, data_dir, sizeof data_dir, &d) != STIEL_OK) {
        fprintf(stderr, "stiel-kiosk: %s\n", d.text);
        return 2;
    }
    if (a.trace) {
        trace_file = fopen(a.trace, "w");
        if (!trace_file) {
            fprintf(stderr, "stiel-kiosk: cannot write %s: %s\n", a.trace, strerror(errno));
            return 2;
        }
    }
    const char *assets = env_or("STIEL_ASSETS", STIEL_ASSET_DIR);
    const char *fonts = env_or("STIEL_FONT_DIR", STIEL_FONT_DIR);

    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); /* SIGTERM stays a plain shutdown */
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (a.headless) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", env_or("SDL_AUDIODRIVER", "dummy"), 1);
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "stiel-kiosk: SDL: %s\n", SDL_GetError());
        return 1;
    }
    uint32_t dev_type = SDL_RegisterEvents(1);
    SDL_Window *win = NULL;
    SDL_Surface *surface = NULL;
    SDL_Renderer *ren = NULL;
    int w = a.win_w ? a.win_w : 1280, hgt = a.win_h ? a.win_h : 800;
    if (a.headless) {
        surface = SDL_CreateRGBSurfaceWithFormat(0, w, hgt, 32, SDL_PIXELFORMAT_ARGB8888);
        ren = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    } else {
        Uint32 flags = a.win_w ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP;
        win = SDL_CreateWindow("Stiel", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, hgt,
                               flags | SDL_WINDOW_ALLOW_HIGHDPI);
        ren = win ? renderer_make(win) : NULL;
        if (win && !a.win_w)
            SDL_SetWindowKeyboardGrab(win, SDL_TRUE);
        SDL_StartTextInput();
    }
    if (!ren) {
        fprintf(stderr, "stiel-kiosk: no renderer: %s\n", SDL_GetError());
        SDL_Quit();
        return 1;
    }

    static kiosk_host h;
    h.opt = (kiosk_app_options){.data_dir = data_dir, .asset_dir = assets,
                                .kiosk_id = cfg.kiosk_id, .sscc_prefix = cfg.sscc_prefix,
                                .language = cfg.language, .demo = demo,
                                .name_list = cfg.name_list,
                                .name_list_mode = cfg.login_name_list, .speech = cfg.speech,
                                .scanner_shown = cfg.scanner_port[0] != '\0',
                                .printer_shown = cfg.printer_port[0] != '\0',
                                .orders_inbox = cfg.orders_inbox[0] ? cfg.orders_inbox : NULL,
                                .orders_outbox = cfg.orders_outbox[0] ? cfg.orders_outbox : NULL,
                                .orders_json = cfg.orders_json,
                                .export_dir = cfg.export_dir, .import_dir = cfg.import_dir};
    if (cfg.printer_port[0] && strcmp(cfg.printer_port, "virtual") != 0) {
        h.opt.printer_lang = cfg.printer_language;   /* set-up labels to the printer too */
        h.opt.print = kiosk_host_print;
        h.opt.print_user = &h;
    }
    snprintf(h.printer_lang, sizeof h.printer_lang, "%s", cfg.printer_language);
    kiosk_speech_init(&h.speech, cfg.speech && !a.headless, NULL);
    stiel_wedge_init(&h.wedge, NULL, NULL);
    h.now = a.script ? (kiosk_clock){.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS}
                       : clock_now();
    snprintf(h.label_dir, sizeof h.label_dir, "%s/labels", data_dir);
    h.asset_dir = assets;
    h.font_dir = fonts;
    stiel_status st = ui_new(ren, assets, fonts, &h.ui, &d);
    if (st == STIEL_OK)
        ui_sound_set_volume(h.ui, cfg.volume);
    if (st == STIEL_OK)
        st = kiosk_app_open(&h.opt, h.now, &h.app, &d);
    /* a script plays on the configured serial devices too (wait-scan: the pty crash test) */
    h.dev_event_type = dev_type;
    if (st == STIEL_OK && (!a.script || cfg.scanner_port[0] || cfg.printer_port[0]))
        st = kiosk_devices_open(&cfg, data_dir, dev_type, &h.dev, &d);
    if (st == STIEL_OK) {
        ui_set_language(h.ui, kiosk_app_language(h.app));
        kiosk_host_draw(&h);
        trace_frame(&h, 0);
        if (trace_file)
            fprintf(trace_file, "first-frame-ms %.1f\n", (double)(mono_ns() - t_start) / 1e6);
        if (a.script) { /* headless, or a real window (the Xvfb test) */
            st = kiosk_script_run(&h, a.script, a.shots, &d);
        } else {
            loop_run(&h, win, dev_type);
        }
    }
    rc = 0;
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel-kiosk: %s\n", d.text);
        rc = 1;
    }
    kiosk_devices_close(h.dev);
    kiosk_speech_stop(&h.speech);
    kiosk_app_close(h.app);
    kiosk_print_free(h.print);
    ui_free(h.ui);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    if (win)
        SDL_DestroyWindow(win);
    if (trace_file)
        fclose(trace_file);
    SDL_Quit();
    return rc;
}
