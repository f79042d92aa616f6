/* Every screen drawn headless at 1280x800, 1920x1080 and 1024x768, in Dutch and in Arabic:
 * something is drawn, every tap target is at least UI_TARGET_MIN logical px and found by the
 * hit test at its drawn place, each screen offers the actions it must, Arabic mirrors the
 * layout, the text cache makes a redraw shape nothing, screenshots are readable PNGs. Set
 * STIEL_UI_SHOTS=DIR to keep a PNG of every screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <SDL_image.h>

#include "kiosk/ui/ui_internal.h"
#include "tests/kiosk/ui/ui_fixture.h"

typedef struct case_ {
    ui_screen screen;
    int variant;
    const char *name;
    const char *must[4];   /* actions that must be on the screen */
} case_;

static const case_ cases[] = {
    {UI_SCREEN_START, 0, "start", {"lang:nl", "lang:ar", "trainee:T-0001", "demo-scan-expected"}},
    {UI_SCREEN_START, 1, "start-badge-only", {"lang:fr", "lang:en", "demo-scan-wrong", NULL}},
    {UI_SCREEN_PIN, 0, "pin", {"pin:1", "pin:0", "pin:ok", "back"}},
    {UI_SCREEN_PIN, 1, "pin-wrong", {"pin:back", "pin:9", NULL, NULL}},
    {UI_SCREEN_MY_WORK, 0, "my-work", {"start", "help", NULL, NULL}},
    {UI_SCREEN_PICK, 0, "pick-scan-item", {"help", "short", "undo", "demo-scan-expected"}},
    {UI_SCREEN_PICK, 1, "pick-cluster-count", {"qty:plus", "qty:minus", "confirm", "photo"}},
    {UI_SCREEN_PICK, 2, "pick-go", {"arrived", "help", NULL, NULL}},
    {UI_SCREEN_PACK, 0, "pack-box", {"confirm-box", "help", NULL, NULL}},
    {UI_SCREEN_PACK, 1, "pack-label", {"reprint", "help", NULL, NULL}},
    {UI_SCREEN_PACK, 2, "pack-close", {"close", "help", NULL, NULL}},
    {UI_SCREEN_WRONG_SCAN, 0, "wrong-lookalike", {"help", "demo-scan-expected", NULL, NULL}},
    {UI_SCREEN_WRONG_SCAN, 1, "wrong-location", {"help", NULL, NULL, NULL}},
    {UI_SCREEN_SHORT_REASON, 0, "short-reason",
     {"reason:empty", "reason:damaged", "reason:not_found", "reason:other_item"}},
    {UI_SCREEN_HELP_CALLED, 0, "help-called", {"back", NULL, NULL, NULL}},
    {UI_SCREEN_FINISHED, 0, "finished", {"next", NULL, NULL, NULL}},
    {UI_SCREEN_DEVICE_PROBLEM, 0, "device-problem", {"help", NULL, NULL, NULL}},
    {UI_SCREEN_STAFF, 0, "staff", {"back", NULL, NULL, NULL}},
    {UI_SCREEN_PICK, 3, "pick-coach-overlay",
     {"prompt:gestural", "prompt:done_by_coach", "overlay-close", "demo-scan-expected"}},
};

static const int sizes[][2] = {{1280, 800}, {1920, 1080}, {1024, 768}};

static void check_targets(const ui *u, const char *name)
{
    size_t n = ui_action_count(u);
    for (size_t i = 0; i < n; i++) {
        ui_rect r;
        const char *a = ui_action_at(u, i, &r);
        if (r.w < UI_TARGET_MIN || r.h < UI_TARGET_MIN)
            fail_msg("%s: target %s is %dx%d logical px, below %d", name, a, r.w, r.h,
                     UI_TARGET_MIN);
        assert_true(r.x >= 0 && r.y >= 0 && r.x + r.w <= UI_LOGICAL_W && r.y + r.h <= UI_LOGICAL_H);
        ui_rect w;
        assert_true(ui_action_rect(u, a, NULL, &w));
        const char *hit = ui_hit_test(u, w.x + w.w / 2, w.y + w.h / 2);
        assert_non_null(hit);
        if (strcmp(hit, a) != 0)
            fail_msg("%s: tap at the centre of %s hits %s", name, a, hit);
    }
}

static void shot(ui_fixture *f, const char *name, const char *lang, int w, int h)
{
    const char *dir = getenv("STIEL_UI_SHOTS");
    if (!dir || !dir[0])
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s-%s-%dx%d.png", dir, name, lang, w, h);
    stiel_diag diag;
    assert_int_equal(ui_screenshot(f->u, path, &diag), STIEL_OK);
}

static void test_every_screen(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        ui_fixture f;
        assert_int_equal(ui_fixture_open(&f, sizes[s][0], sizes[s][1]), 0);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            for (int l = 0; l < 2; l++) {
                catalogue_lang lang = l ? CAT_LANG_AR : CAT_LANG_NL;
                kiosk_view v;
                ui_fixture_view(cases[c].screen, lang, cases[c].variant, &v);
                ui_set_language(f.u, lang);
                assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
                double ink = ui_fixture_ink(&f);
                if (ink < 0.08)
                    fail_msg("%s at %dx%d: only %.1f %% of the screen is drawn", cases[c].name,
                             sizes[s][0], sizes[s][1], ink * 100);
                check_targets(f.u, cases[c].name);
                for (int k = 0; k < 4 && cases[c].must[k]; k++) {
                    if (!ui_action_rect(f.u, cases[c].must[k], NULL, NULL))
                        fail_msg("%s: no %s button", cases[c].name, cases[c].must[k]);
                }
                shot(&f, cases[c].name, l ? "ar" : "nl", sizes[s][0], sizes[s][1]);
            }
        }
        ui_fixture_close(&f);
    }
}

/* In Arabic the whole layout mirrors: the help button moves from the right to the left edge,
 * the demo scanner buttons too, and rectangles mirror exactly around the centre line. */
static void test_arabic_mirrors(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    static const char *const actions[] = {"help", "short", "undo", "demo-scan-expected"};
    ui_rect nl[4], ar[4];
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_NL, 0, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    for (int i = 0; i < 4; i++)
        assert_true(ui_action_rect(f.u, actions[i], &nl[i], NULL));
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_AR, 0, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    for (int i = 0; i < 4; i++) {
        assert_true(ui_action_rect(f.u, actions[i], &ar[i], NULL));
        assert_int_equal(ar[i].x, UI_LOGICAL_W - nl[i].x - nl[i].w);
        assert_int_equal(ar[i].y, nl[i].y);
    }
    assert_true(nl[0].x > UI_LOGICAL_W / 2);   /* help: right in Dutch */
    assert_true(ar[0].x < UI_LOGICAL_W / 2);   /* left in Arabic */
    /* the picture mirrors too: the help button's pixels sit on the left now */
    SDL_Surface *s = f.surface;
    const Uint32 *px = s->pixels;
    ui_colour calm = ui_palette(UI_COL_CALM);
    Uint32 want = SDL_MapRGB(s->format, calm.r, calm.g, calm.b) & 0xFFFFFF;
    int cx = ar[0].x + 20, cy = ar[0].y + 50;
    assert_int_equal(px[cy * (s->pitch / 4) + cx] & 0xFFFFFF, want);
    ui_fixture_close(&f);
}

/* The coach overlay covers the end side: the help and undo buttons under it cannot be tapped,
 * its prompt buttons can; in Arabic it sits on the left. */
static void test_overlay_covers(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_NL, 3, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "help", NULL, NULL));
    assert_false(ui_action_rect(f.u, "undo", NULL, NULL));
    ui_rect r;
    assert_true(ui_action_rect(f.u, "prompt:verbal", &r, NULL));
    assert_true(r.x > UI_LOGICAL_W / 2);
    assert_string_equal(ui_hit_test(f.u, r.x + 10, r.y + 10), "prompt:verbal");
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_AR, 3, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_true(ui_action_rect(f.u, "prompt:verbal", &r, NULL));
    assert_true(r.x + r.w < UI_LOGICAL_W / 2);
    v.overlay = UI_OVERLAY_NONE;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_true(ui_action_rect(f.u, "help", NULL, NULL));
    assert_false(ui_action_rect(f.u, "prompt:verbal", NULL, NULL));
    ui_fixture_close(&f);
}

/* Tapping a language on the start screen switches at once, without a restart: the next draw is
 * in that language (Arabic: mirrored), and the texts come from its .po file. */
static void test_language_switch(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_START, CAT_LANG_NL, 0, &v);
    ui_set_language(f.u, CAT_LANG_NL);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    ui_rect nl, ar, w;
    assert_true(ui_action_rect(f.u, "lang:ar", &nl, &w));
    const char *tap = ui_hit_test(f.u, w.x + w.w / 2, w.y + w.h / 2);
    assert_string_equal(tap, "lang:ar");
    ui_set_language(f.u, CAT_LANG_AR);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_int_equal(f.u->lang, CAT_LANG_AR);
    assert_true(f.u->rtl);
    assert_true(ui_action_rect(f.u, "lang:ar", &ar, NULL));
    assert_int_equal(ar.x, UI_LOGICAL_W - nl.x - nl.w);
    assert_string_equal(tr(f.u, "start.scan_badge"), "امسح بطاقتك");
    ui_set_language(f.u, CAT_LANG_FR);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(f.u->rtl);
    assert_string_equal(tr(f.u, "start.scan_badge"), "Scanne ton badge");
    /* after the badge, the trainee's language (the view's) wins over the kiosk's */
    ui_fixture_view(UI_SCREEN_MY_WORK, CAT_LANG_EN, 0, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_string_equal(tr(f.u, "work.start_next"), "Start the next task");
    ui_fixture_close(&f);
}

/* A second draw of the same view hits the text cache: nothing new is shaped or rendered. */
static void test_text_cache(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_AR, 0, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    size_t after_first = f.u->text_count;
    assert_true(after_first > 10);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_int_equal(f.u->text_count, after_first);
    ui_fixture_close(&f);
}

/* Uniform scale, centred: at 1920x1080 the canvas is 1728x1080 with 96 px margins left and
 * right; at 1024x768 it is 1024x640 with 64 px margins above and below. */
static void test_scaling(void **state)
{
    (void)state;
    static const struct { int w, h; int x, y, cw; } want[] = {
        {1920, 1080, 96, 0, 1728}, {1024, 768, 0, 64, 1024}, {1280, 800, 0, 0, 1280}};
    for (size_t i = 0; i < 3; i++) {
        ui_fixture f;
        assert_int_equal(ui_fixture_open(&f, want[i].w, want[i].h), 0);
        kiosk_view v;
        ui_fixture_view(UI_SCREEN_SHORT_REASON, CAT_LANG_NL, 0, &v);
        assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
        ui_rect lr, wr;
        assert_true(ui_action_rect(f.u, "reason:empty", &lr, &wr));
        double sc = (double)want[i].cw / UI_LOGICAL_W;
        assert_true(abs(wr.x - (want[i].x + (int)(lr.x * sc))) <= 1);
        assert_true(abs(wr.y - (want[i].y + (int)(lr.y * sc))) <= 1);
        assert_null(ui_hit_test(f.u, want[i].x / 2, want[i].y / 2 + 1));  /* margin: nothing */
        ui_fixture_close(&f);
    }
}

static void test_screenshot_png(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1024, 768), 0);
    stiel_diag diag;
    char path[] = "/tmp/stiel-ui-shot-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ui_screenshot(f.u, path, &diag), STIEL_ERR_STATE);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_FINISHED, CAT_LANG_FR, 0, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_int_equal(ui_screenshot(f.u, path, &diag), STIEL_OK);
    SDL_Surface *png = IMG_Load(path);
    assert_non_null(png);
    assert_int_equal(png->w, 1024);
    assert_int_equal(png->h, 768);
    /* the same picture as the renderer's surface, pixel for pixel (sampled) */
    SDL_Surface *conv = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(conv);
    for (int y = 0; y < 768; y += 37) {
        for (int x = 0; x < 1024; x += 41) {
            Uint32 a = ((Uint32 *)conv->pixels)[y * conv->pitch / 4 + x] & 0xFFFFFF;
            Uint32 b = ((Uint32 *)f.surface->pixels)[y * f.surface->pitch / 4 + x] & 0xFFFFFF;
            assert_int_equal(a, b);
        }
    }
    SDL_FreeSurface(conv);
    SDL_FreeSurface(png);
    unlink(path);
    assert_int_equal(ui_screenshot(f.u, "/nonexistent-dir/x.png", &diag), STIEL_ERR_IO);
    assert_non_null(strstr(diag.text, "/nonexistent-dir/x.png"));
    ui_fixture_close(&f);
}

/* The app's own window and renderer (here the dummy driver's window with a software
 * renderer): drawing, tapping and screenshots work the same as on an offscreen surface. */
static void test_window_renderer(void **state)
{
    (void)state;
    assert_true(SDL_WasInit(SDL_INIT_VIDEO) || SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
    SDL_Window *win = SDL_CreateWindow("stiel", 0, 0, 1024, 768, SDL_WINDOW_HIDDEN);
    assert_non_null(win);
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    assert_non_null(r);
    ui *u = NULL;
    stiel_diag diag;
    assert_int_equal(ui_new(r, STIEL_TEST_ASSETS, STIEL_TEST_FONTS, &u, &diag), STIEL_OK);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_HELP_CALLED, CAT_LANG_EN, 0, &v);
    assert_int_equal(ui_draw(u, &v), STIEL_OK);
    ui_rect w;
    assert_true(ui_action_rect(u, "back", NULL, &w));
    assert_string_equal(ui_hit_test(u, w.x + 5, w.y + 5), "back");
    char path[] = "/tmp/stiel-ui-win-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ui_screenshot(u, path, &diag), STIEL_OK);
    SDL_Surface *png = IMG_Load(path);
    assert_non_null(png);
    assert_int_equal(png->w, 1024);
    SDL_FreeSurface(png);
    unlink(path);
    char text[128];
    ui_msg m;
    ui_msg_set(&m, "help.coach_coming", NULL, NULL, NULL);
    ui_text(u, CAT_LANG_FR, &m, text, sizeof text);
    assert_string_equal(text, "Ton coach arrive");
    ui_free(u);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
}

/* Every character of every translation is in one of the fonts (no empty boxes on screen):
 * Arabic letters in Noto Sans Arabic, everything else in Noto Sans. */
static void test_fonts_cover_translations(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 320, 200), 0);
    for (int l = 0; l < CAT_LANG_COUNT; l++) {
        const po_catalog *c = &f.u->tr.lang[l];
        assert_true(c->count > 100);
        for (size_t i = 0; i < c->count; i++) {
            const unsigned char *p = (const unsigned char *)c->entries[i].str;
            while (*p) {
                Uint32 cp = *p;
                int k = 1;
                if (cp >= 0xF0) { cp = ((cp & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u); k = 4; }
                else if (cp >= 0xE0) { cp = ((cp & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u); k = 3; }
                else if (cp >= 0xC0) { cp = ((cp & 31u) << 6) | (p[1] & 63u); k = 2; }
                bool arabic = cp >= 0x0600 && cp <= 0x06FF;
                TTF_Font *font = f.u->fonts[arabic ? FACE_AR_REGULAR : FACE_REGULAR];
                if (!TTF_GlyphIsProvided32(font, cp) &&
                    !TTF_GlyphIsProvided32(f.u->fonts[FACE_REGULAR], cp))
                    fail_msg("%s.po %s: U+%04X is in no font",
                             catalogue_lang_code((catalogue_lang)l), c->entries[i].id, cp);
                p += k;
            }
        }
    }
    ui_fixture_close(&f);
}

static void test_bad_input(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 640, 400), 0);
    kiosk_view v;
    kiosk_view_init(&v);
    v.screen = UI_SCREEN_COUNT;
    assert_int_equal(ui_draw(f.u, &v), STIEL_ERR_ARG);
    assert_int_equal(ui_draw(NULL, &v), STIEL_ERR_ARG);
    /* an empty view of every screen draws without crashing and still has its targets */
    for (int s = 0; s < UI_SCREEN_COUNT; s++) {
        kiosk_view_init(&v);
        v.screen = (ui_screen)s;
        assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
        check_targets(f.u, "empty view");
    }
    /* a missing font folder is named */
    ui *u2 = NULL;
    stiel_diag diag;
    assert_int_equal(ui_new(f.renderer, STIEL_TEST_ASSETS, "/nonexistent-fonts", &u2, &diag),
                     STIEL_ERR_NOT_FOUND);
    assert_null(u2);
    assert_non_null(strstr(diag.text, "/nonexistent-fonts/NotoSans-Regular.ttf"));
    assert_int_equal(ui_new(f.renderer, "/nonexistent-assets", STIEL_TEST_FONTS, &u2, &diag),
                     STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(diag.text, "/nonexistent-assets/locale/nl.po"));
    ui_fixture_close(&f);
}

static void test_sound(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 320, 200), 0);
    if (!f.u->audio) {
        ui_fixture_close(&f);
        skip();
    }
    for (int k = 0; k < UI_SOUND_COUNT; k++) {
        assert_non_null(f.u->wav[k]);
        ui_sound_play(f.u, (ui_sound)k);
        assert_true(ui_sound_queued(f.u) > 0);
    }
    /* the three sounds differ */
    assert_true(f.u->wav_len[0] != f.u->wav_len[1] ||
                memcmp(f.u->wav[0], f.u->wav[1], f.u->wav_len[0]) != 0);
    SDL_ClearQueuedAudio(f.u->dev);
    ui_sound_set_volume(f.u, 0);
    ui_sound_play(f.u, UI_SOUND_GOOD);
    assert_int_equal(ui_sound_queued(f.u), 0);
    ui_sound_set_volume(f.u, 250);
    assert_int_equal(f.u->volume, 100);
    ui_fixture_close(&f);
}

static int teardown(void **state)
{
    (void)state;
    ui_fixture_catalogue_free();
    SDL_Quit();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen),
        cmocka_unit_test(test_arabic_mirrors),
        cmocka_unit_test(test_overlay_covers),
        cmocka_unit_test(test_language_switch),
        cmocka_unit_test(test_text_cache),
        cmocka_unit_test(test_scaling),
        cmocka_unit_test(test_screenshot_png),
        cmocka_unit_test(test_window_renderer),
        cmocka_unit_test(test_fonts_cover_translations),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_sound),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
