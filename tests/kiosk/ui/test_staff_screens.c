/* The coach and supervisor pages, the coach overlay and the self-assessment, drawn headless:
 * every page draws (enough ink), every tap target is at least UI_TARGET_MIN logical px, inside
 * the canvas and found by a tap at its centre, each page has its actions and only a supervisor
 * gets the supervisor's, the sign-off needs a reason when the criteria are not met, Arabic
 * mirrors every target exactly, every new message id is in all four .po files. With
 * STIEL_UI_SHOTS=DIR each page is written as a PNG (docs/screens/ holds them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/kiosk/ui/staff_fixture.h"
#include "tests/kiosk/ui/ui_fixture.h"

typedef struct page_case {
    ui_screen screen;
    int variant;
    const char *name;
    const char *must[6];
} page_case;

static const page_case cases[] = {
    {UI_SCREEN_STAFF, UI_STAFF_HOME, "staff-home",
     {"back", "trainee:T-0001", "coach-floor", "floor", "setup", "leave"}},
    {UI_SCREEN_STAFF, UI_STAFF_REVIEW, "coach-review",
     {"comp:mm.pick_item", "charts", "flags", "observe", "export", "settings"}},
    {UI_SCREEN_STAFF, UI_STAFF_CHARTS, "coach-charts", {"back", NULL}},
    {UI_SCREEN_STAFF, UI_STAFF_FLAGS, "coach-flags", {"back", "page:next", NULL}},
    {UI_SCREEN_STAFF, UI_STAFF_OBSERVE, "coach-observe",
     {"cat:safety", "cat:other", "outcome:positive", "outcome:concern", "phrase:3", "save"}},
    {UI_SCREEN_STAFF, UI_STAFF_SIGNOFF, "coach-signoff",
     {"reason:0", "reason:3", "sign", "back", NULL}},
    {UI_SCREEN_STAFF, UI_STAFF_TRAINEE, "staff-trainee",
     {"level:minus", "level:plus", "level:suggested", "toggle:pack", "toggle:speech", "tlang:ar"}},
    {UI_SCREEN_STAFF, UI_STAFF_FLOOR, "staff-floor", {"back", NULL}},
    {UI_SCREEN_STAFF, UI_STAFF_SETUP, "staff-setup",
     {"labels:locations", "labels:prompts", "print-labels", "import-catalogue", NULL}},
    {UI_SCREEN_SELF_ASSESS, 1, "self-assess", {"smiley:0:1", "smiley:2:3", "save", "back", NULL}},
    {UI_SCREEN_SELF_ASSESS, 2, "self-assess-saved", {"back", NULL}},
    {UI_SCREEN_PICK, 3, "coach-overlay",
     {"prompt:gestural", "prompt:full_physical", "prompt:done_by_coach", "staff-home",
      "overlay-close", NULL}},
};

static void check_targets(const ui *u, const char *name)
{
    size_t n = ui_action_count(u);
    for (size_t i = 0; i < n; i++) {
        ui_rect r;
        const char *a = ui_action_at(u, i, &r);
        if (r.w < UI_TARGET_MIN || r.h < UI_TARGET_MIN)
            fail_msg("%s: target %s is %dx%d logical px, below %d", name, a, r.w, r.h,
                     UI_TARGET_MIN);
        if (r.x < 0 || r.y < 0 || r.x + r.w > UI_LOGICAL_W || r.y + r.h > UI_LOGICAL_H)
            fail_msg("%s: target %s at %d,%d %dx%d leaves the canvas", name, a, r.x, r.y, r.w,
                     r.h);
        ui_rect w;
        assert_true(ui_action_rect(u, a, NULL, &w));
        const char *hit = ui_hit_test(u, w.x + w.w / 2, w.y + w.h / 2);
        if (!hit || strcmp(hit, a) != 0)
            fail_msg("%s: a tap at the centre of %s hits %s", name, a, hit ? hit : "nothing");
    }
}

static void shot(ui_fixture *f, const char *name, const char *lang)
{
    const char *dir = getenv("STIEL_UI_SHOTS");
    if (!dir || !dir[0])
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s-%s.png", dir, name, lang);
    stiel_diag diag;
    assert_int_equal(ui_screenshot(f->u, path, &diag), STIEL_OK);
}

static void test_every_page(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int l = 0; l < 2; l++) {
            catalogue_lang lang = l ? CAT_LANG_AR : CAT_LANG_NL;
            kiosk_view v;
            ui_fixture_view(cases[c].screen, lang, cases[c].variant, &v);
            if (cases[c].screen == UI_SCREEN_PICK)
                v.overlay = UI_OVERLAY_COACH;
            ui_set_language(f.u, lang);
            assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
            double ink = ui_fixture_ink(&f);
            if (ink < 0.08)
                fail_msg("%s: only %.1f %% of the screen is drawn", cases[c].name, ink * 100);
            check_targets(f.u, cases[c].name);
            for (int k = 0; k < 6 && cases[c].must[k]; k++)
                if (!ui_action_rect(f.u, cases[c].must[k], NULL, NULL))
                    fail_msg("%s: no %s button", cases[c].name, cases[c].must[k]);
            shot(&f, cases[c].name, l ? "ar" : "nl");
        }
    }
    ui_fixture_close(&f);
}

/* Every target of every page sits at the mirror image in Arabic. */
static void test_arabic_mirrors(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        kiosk_view v;
        ui_fixture_view(cases[c].screen, CAT_LANG_NL, cases[c].variant, &v);
        if (cases[c].screen == UI_SCREEN_PICK)
            v.overlay = UI_OVERLAY_COACH;
        ui_set_language(f.u, CAT_LANG_NL);
        assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
        size_t n = ui_action_count(f.u);
        assert_true(n > 0);
        char names[96][48];
        ui_rect nl[96];
        for (size_t i = 0; i < n && i < 96; i++)
            snprintf(names[i], sizeof names[i], "%s", ui_action_at(f.u, i, &nl[i]));
        v.lang = CAT_LANG_AR;
        ui_set_language(f.u, CAT_LANG_AR);
        assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
        assert_int_equal(ui_action_count(f.u), n);
        for (size_t i = 0; i < n && i < 96; i++) {
            ui_rect ar;
            assert_true(ui_action_rect(f.u, names[i], &ar, NULL));
            if (ar.x != UI_LOGICAL_W - nl[i].x - nl[i].w || ar.y != nl[i].y)
                fail_msg("%s: %s is not mirrored (%d vs %d)", cases[c].name, names[i], ar.x,
                         UI_LOGICAL_W - nl[i].x - nl[i].w);
        }
    }
    ui_fixture_close(&f);
}

/* A coach sees no supervisor buttons; the sign-off button is there only with met criteria or a
 * reason chosen; "coach on the floor" only while a task runs; save only with a category. */
static void test_what_is_offered(void **state)
{
    (void)state;
    ui_fixture f;
    assert_int_equal(ui_fixture_open(&f, 1280, 800), 0);
    kiosk_view v;
    ui_fixture_view(UI_SCREEN_STAFF, CAT_LANG_NL, UI_STAFF_HOME, &v);
    v.staff.supervisor = false;
    v.staff.task_running = false;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_true(ui_action_rect(f.u, "back", NULL, NULL));
    assert_false(ui_action_rect(f.u, "floor", NULL, NULL));
    assert_false(ui_action_rect(f.u, "setup", NULL, NULL));
    assert_false(ui_action_rect(f.u, "leave", NULL, NULL));
    assert_false(ui_action_rect(f.u, "coach-floor", NULL, NULL));
    ui_fixture_view(UI_SCREEN_STAFF, CAT_LANG_NL, UI_STAFF_REVIEW, &v);
    v.staff.supervisor = false;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "settings", NULL, NULL));
    /* criteria not met and no reason: no sign button; a reason: there */
    ui_fixture_view(UI_SCREEN_STAFF, CAT_LANG_NL, UI_STAFF_SIGNOFF, &v);
    v.staff.reason = -1;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "sign", NULL, NULL));
    assert_true(ui_action_rect(f.u, "reason:2", NULL, NULL));
    v.staff.reason = 2;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_true(ui_action_rect(f.u, "sign", NULL, NULL));
    /* criteria met: sign without reasons */
    v.staff.sign.state = UI_COMP_MEETS;
    v.staff.reason = -1;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_true(ui_action_rect(f.u, "sign", NULL, NULL));
    assert_false(ui_action_rect(f.u, "reason:0", NULL, NULL));
    /* signed off already: nothing to sign */
    v.staff.sign.state = UI_COMP_SIGNED;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "sign", NULL, NULL));
    ui_fixture_view(UI_SCREEN_STAFF, CAT_LANG_NL, UI_STAFF_OBSERVE, &v);
    v.staff.category = -1;
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "save", NULL, NULL));
    /* the overlay covers the trainee's end-side buttons and offers no "independent" (the flows
       take no such prompt) */
    ui_fixture_view(UI_SCREEN_PICK, CAT_LANG_NL, 3, &v);
    assert_int_equal(ui_draw(f.u, &v), STIEL_OK);
    assert_false(ui_action_rect(f.u, "prompt:independent", NULL, NULL));
    assert_false(ui_action_rect(f.u, "help", NULL, NULL));
    ui_fixture_close(&f);
}

/* Every message id the new pages use (literal or built from a list) is in all four .po files. */
static void test_translations(void **state)
{
    (void)state;
    static const char *const langs[] = {"nl", "fr", "en", "ar"};
    static const char *const built[] = {
        "coach.reason.0", "coach.reason.1", "coach.reason.2", "coach.reason.3",
        "coach.phrase.0", "coach.phrase.1", "coach.phrase.2", "coach.phrase.3",
        "coach.cat.safety", "coach.cat.teamwork", "coach.cat.attitude", "coach.cat.quality",
        "coach.cat.workstation", "coach.cat.other", "coach.chart.rft", "coach.chart.tempo",
        "coach.chart.help", "coach.flag.error", "coach.flag.help", "coach.flag.short",
        "staff.labels_locations", "staff.labels_items", "staff.labels_totes",
        "staff.labels_badges", "staff.labels_prompts", "coach.prompt.gestural",
        "coach.prompt.verbal", "coach.prompt.model", "coach.prompt.partial_physical",
        "coach.prompt.full_physical", "coach.prompt.done_by_coach", "staff.pin_locked",
        "staff.pin_wrong_left", "staff.pin_none", "staff.suggest_up", "staff.suggest_down",
        "staff.suggest_none", "finished.self.went_well", "finished.self.calm",
        "finished.self.asked_help", "staff.import_counts", "staff.import_trainees",
        "staff.import_problems", "staff.raw", "coach.recorded", "coach.exported",
        "coach.signed", "coach.observed", "staff.level_set", "staff.refused"};
    for (size_t l = 0; l < 4; l++) {
        char path[512];
        snprintf(path, sizeof path, "%s/locale/%s.po", STIEL_TEST_ASSETS, langs[l]);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        static char text[1 << 20];
        size_t n = fread(text, 1, sizeof text - 1, fp);
        text[n] = '\0';
        fclose(fp);
        for (size_t i = 0; i < sizeof built / sizeof built[0]; i++) {
            char want[96];
            snprintf(want, sizeof want, "msgid \"%s\"\nmsgstr \"", built[i]);
            char *p = strstr(text, want);
            if (!p)
                fail_msg("%s.po has no %s", langs[l], built[i]);
            if (p[strlen(want)] == '"')
                fail_msg("%s.po: %s is empty", langs[l], built[i]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_page),
        cmocka_unit_test(test_arabic_mirrors),
        cmocka_unit_test(test_what_is_offered),
        cmocka_unit_test(test_translations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
