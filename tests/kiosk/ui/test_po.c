/* The .po reader (good files, multi-line strings, escapes, every error with file:line), the
 * fallback chain (language, Dutch, id), parameter filling, and the real assets/locale files:
 * every message id the UI's sources use exists in all four languages, and the four files hold
 * the same ids. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/core/pick_flow.h"
#include "kiosk/ui/po.h"
#include "kiosk/ui/tr.h"

static stiel_status parse(const char *text, po_catalog *cat, stiel_diag *diag)
{
    return po_parse("t.po", text, strlen(text), cat, diag);
}

static void test_good(void **state)
{
    (void)state;
    const char *text =
        "# a comment\n"
        "msgid \"\"\n"
        "msgstr \"\"\n"
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\n"
        "msgid \"pick.go\"\n"
        "msgstr \"Ga naar {1}\"\n"
        "\n"
        "#, fuzzy\n"
        "msgid \"b.multi\"\n"
        "msgstr \"\"\n"
        "\"one \"\n"
        "  \"two\\n\\t\\\"q\\\" \\\\\"   \n"
        "msgid \"a.empty\"\n"
        "msgstr \"\"\n"
        "msgid \"c.ar\"\r\n"
        "msgstr \"اذهب إلى {1}\"\r\n";
    po_catalog cat;
    stiel_diag diag;
    assert_int_equal(parse(text, &cat, &diag), STIEL_OK);
    assert_int_equal(cat.count, 3);   /* header and the untranslated one left out */
    assert_string_equal(po_lookup(&cat, "pick.go"), "Ga naar {1}");
    assert_string_equal(po_lookup(&cat, "b.multi"), "one two\n\t\"q\" \\");
    assert_string_equal(po_lookup(&cat, "c.ar"), "اذهب إلى {1}");
    assert_null(po_lookup(&cat, "a.empty"));
    assert_null(po_lookup(&cat, ""));
    assert_null(po_lookup(&cat, "nope"));
    assert_int_equal(cat.entries[0].line, 10);  /* sorted: b.multi first, at its msgid line */
    po_free(&cat);
    po_free(&cat);
    assert_int_equal(parse("", &cat, &diag), STIEL_OK);
    assert_int_equal(cat.count, 0);
    assert_null(po_lookup(&cat, "x"));
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        stiel_status st;
        const char *where;
        const char *why;
    } bad[] = {
        {"msgid \"a\"\nmsgstr \"x\"\nfoo \"y\"\n", STIEL_ERR_SYNTAX, "t.po:3:", "unknown keyword"},
        {"msgid \"a\"\nmsgstr \"x\n", STIEL_ERR_SYNTAX, "t.po:2:", "closing quote"},
        {"msgid \"a\"\nmsgstr \"x\" y\n", STIEL_ERR_SYNTAX, "t.po:2:", "after the closing quote"},
        {"\"lost\"\n", STIEL_ERR_SYNTAX, "t.po:1:", "no msgid"},
        {"\n\nmsgid \"a\"\n\nmsgid \"b\"\nmsgstr \"x\"\n", STIEL_ERR_SYNTAX, "t.po:3:",
         "msgid without msgstr"},
        {"msgid \"a\"\nmsgstr \"x\"\nmsgid \"b\"\n", STIEL_ERR_SYNTAX, "t.po:3:",
         "msgid without msgstr"},
        {"msgstr \"x\"\n", STIEL_ERR_SYNTAX, "t.po:1:", "without a msgid"},
        {"msgid \"a\"\nmsgstr \"x\"\nmsgstr \"y\"\n", STIEL_ERR_SYNTAX, "t.po:3:", "without a msgid"},
        {"msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"x\"\n", STIEL_ERR_SYNTAX, "t.po:1:", "msgctxt"},
        {"msgid \"a\"\nmsgid_plural \"as\"\n", STIEL_ERR_SYNTAX, "t.po:2:", "plural"},
        {"msgid \"a\"\nmsgstr[0] \"x\"\n", STIEL_ERR_SYNTAX, "t.po:2:", "plural"},
        {"msgid a\nmsgstr \"x\"\n", STIEL_ERR_SYNTAX, "t.po:1:", "quoted string"},
        {"msgid \"a\"\nmsgstr \"\\q\"\n", STIEL_ERR_CHARSET, "t.po:2:", "unknown escape"},
        {"msgid \"a\"\nmsgstr \"\\", STIEL_ERR_SYNTAX, "t.po:2:", "backslash"},
        {"msgid \"a\"\nmsgstr \"\xC3\x28\"\n", STIEL_ERR_CHARSET, "t.po:2:", "UTF-8"},
        {"msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"b\"\nmsgstr \"y\"\nmsgid \"a\"\nmsgstr \"z\"\n",
         STIEL_ERR_ARG, "t.po:6:", "already given at line 1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        po_catalog cat = {0};
        stiel_diag diag = {0};
        stiel_status st = parse(bad[i].text, &cat, &diag);
        if (st != bad[i].st || !strstr(diag.text, bad[i].where) || !strstr(diag.text, bad[i].why))
            fail_msg("case %zu: got %d \"%s\", want %d with \"%s\" and \"%s\"", i, st, diag.text,
                     bad[i].st, bad[i].where, bad[i].why);
        assert_null(cat.entries);
        assert_int_equal(cat.count, 0);
    }
    /* a NUL byte inside the text */
    po_catalog cat;
    stiel_diag diag;
    const char nul[] = "msgid \"a\"\nmsgstr \"x\0y\"\n";
    assert_int_equal(po_parse("n.po", nul, sizeof nul - 1, &cat, &diag), STIEL_ERR_CHARSET);
    assert_non_null(strstr(diag.text, "n.po:2:"));
}

static void load(po_catalog *c, const char *text)
{
    stiel_diag diag;
    assert_int_equal(po_parse("x.po", text, strlen(text), c, &diag), STIEL_OK);
}

static void test_fallback_and_format(void **state)
{
    (void)state;
    ui_tr tr = {0};
    load(&tr.lang[CAT_LANG_NL], "msgid \"go\"\nmsgstr \"Ga naar {1}\"\n"
                                "msgid \"only.nl\"\nmsgstr \"Alleen NL\"\n"
                                "msgid \"two\"\nmsgstr \"{2} van {1} {{x}\"\n");
    load(&tr.lang[CAT_LANG_FR], "msgid \"go\"\nmsgstr \"Va à {1}\"\n");
    load(&tr.lang[CAT_LANG_AR], "msgid \"go\"\nmsgstr \"اذهب إلى {1}\"\n");
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_FR, "go"), "Va à {1}");
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_FR, "only.nl"), "Alleen NL");
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_EN, "go"), "Ga naar {1}");
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_EN, "missing.id"), "missing.id");
    assert_string_equal(ui_tr_lookup(&tr, (catalogue_lang)99, "go"), "Ga naar {1}");
    ui_msg m;
    char out[64];
    ui_msg_set(&m, "go", "A-01", NULL, NULL);
    ui_tr_format(&tr, CAT_LANG_AR, &m, out, sizeof out);
    assert_string_equal(out, "اذهب إلى A-01");
    ui_msg_set(&m, "two", "5", "3", NULL);
    ui_tr_format(&tr, CAT_LANG_NL, &m, out, sizeof out);
    assert_string_equal(out, "3 van 5 {x}");
    ui_msg_set(&m, "two", "5", NULL, NULL);   /* {2} missing: empty */
    ui_tr_format(&tr, CAT_LANG_NL, &m, out, sizeof out);
    assert_string_equal(out, " van 5 {x}");
    /* cut at a character boundary: "اذهب" is 8 bytes; 6 bytes of room keep 2 letters */
    ui_msg_set(&m, "go", "A-01", NULL, NULL);
    ui_tr_format(&tr, CAT_LANG_AR, &m, out, 6);
    assert_string_equal(out, "اذ");
    ui_tr_format(&tr, CAT_LANG_AR, &m, out, 5);
    assert_string_equal(out, "اذ");
    ui_tr_format(&tr, CAT_LANG_AR, &m, out, 4);
    assert_string_equal(out, "ا");
    memset(&m, 0, sizeof m);
    ui_tr_format(&tr, CAT_LANG_NL, &m, out, sizeof out);
    assert_string_equal(out, "");
    ui_tr_free(&tr);
}

/* Collects the message ids the UI's sources use: string literals shaped like
 * "<area>.<name>" with a known area. */
static size_t collect_ids(char ids[][64], size_t cap)
{
    static const char *const areas[] = {"start.", "pin.", "work.", "pick.", "pack.", "wrong.",
                                        "short.", "help.", "finished.", "device.", "demo.",
                                        "common.", "feedback.", "staff.", "coach."};
    char dir[512];
    snprintf(dir, sizeof dir, "%s/kiosk/ui", STIEL_TEST_SOURCE_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char line[1024];
        while (fgets(line, sizeof line, f)) {
            for (char *q = strchr(line, '"'); q; q = strchr(q + 1, '"')) {
                char *end = strchr(q + 1, '"');
                if (!end)
                    break;
                size_t l = (size_t)(end - q - 1);
                for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
                    size_t al = strlen(areas[a]);
                    if (l > al && l < 64 && strncmp(q + 1, areas[a], al) == 0 &&
                        !memchr(q + 1, '%', l) && !memchr(q + 1, ' ', l) && q[l] != '.') {
                        if (n < cap) {
                            memcpy(ids[n], q + 1, l);
                            ids[n][l] = '\0';
                            n++;
                        }
                    }
                }
                q = end;
            }
        }
        fclose(f);
    }
    closedir(d);
    return n;
}

static void test_real_locale_files(void **state)
{
    (void)state;
    ui_tr tr;
    stiel_diag diag;
    assert_int_equal(ui_tr_load(&tr, STIEL_TEST_ASSETS, &diag), STIEL_OK);
    static char ids[512][64];
    size_t n = collect_ids(ids, 512);
    assert_true(n > 60);
    /* ids built at run time from a prefix and a state name */
    static const char *const built[] = {"device.scanner.ok", "device.scanner.busy",
                                        "device.scanner.attention", "device.scanner.lost",
                                        "device.scanner.none", "device.printer.ok",
                                        "device.printer.busy", "device.printer.attention",
                                        "device.printer.lost", "device.printer.none"};
    for (size_t i = 0; i < sizeof built / sizeof built[0] && n < 512; i++)
        snprintf(ids[n++], 64, "%s", built[i]);
    for (int p = 0; p < PICK_PROMPT_COUNT && n < 512; p++)
        snprintf(ids[n++], 64, "coach.prompt.%s", pick_prompt_name((pick_prompt)p));
    for (size_t i = 0; i < n; i++) {
        for (int l = 0; l < CAT_LANG_COUNT; l++) {
            if (!po_lookup(&tr.lang[l], ids[i]))
                fail_msg("message id %s has no %s translation", ids[i],
                         catalogue_lang_code((catalogue_lang)l));
        }
    }
    /* the four files hold the same ids, and every {n} of Dutch is in the others */
    for (int l = 1; l < CAT_LANG_COUNT; l++) {
        assert_int_equal(tr.lang[l].count, tr.lang[CAT_LANG_NL].count);
        for (size_t i = 0; i < tr.lang[CAT_LANG_NL].count; i++) {
            const po_entry *e = &tr.lang[CAT_LANG_NL].entries[i];
            const char *other = po_lookup(&tr.lang[l], e->id);
            if (!other)
                fail_msg("%s.po lacks %s", catalogue_lang_code((catalogue_lang)l), e->id);
            for (char k = '1'; k <= '3'; k++) {
                char ph[4] = {'{', k, '}', 0};
                if ((strstr(e->str, ph) != NULL) != (strstr(other, ph) != NULL))
                    fail_msg("%s: %s in nl and %s differ", e->id, ph,
                             catalogue_lang_code((catalogue_lang)l));
            }
        }
    }
    /* the ids the app builds: every flow feedback reason, the device and "went well" texts
       (view.h lists them) */
    static const char *const app_ids[] = {
        "feedback.answer_empty_check", "feedback.asked", "feedback.close_package",
        "feedback.coach_prompt_noted", "feedback.count_again_or_short", "feedback.counted",
        "feedback.device_back", "feedback.device_lost", "feedback.label_ok",
        "feedback.labels_used_up", "feedback.location_already_scanned", "feedback.lookalike",
        "feedback.norm_passed", "feedback.not_now", "feedback.nothing_fits",
        "feedback.nothing_to_undo", "feedback.ok", "feedback.order_already_scanned",
        "feedback.other_box_noted", "feedback.over_pick", "feedback.postponed",
        "feedback.printer_ready", "feedback.scan_each_unit", "feedback.scan_item_first",
        "feedback.scan_location_first", "feedback.scan_the_label", "feedback.scan_tote",
        "feedback.scan_tote_or_order", "feedback.short_at_location", "feedback.short_noted",
        "feedback.skipped", "feedback.tap_start", "feedback.task_done", "feedback.tolerance",
        "feedback.type_quantity", "feedback.undo_first", "feedback.undone",
        "feedback.unknown_barcode", "feedback.unknown_box", "feedback.wait_for_label",
        "feedback.wait_for_printer", "feedback.wrong_item", "feedback.wrong_location",
        "feedback.wrong_tote", "feedback.printer_paper_out", "feedback.printer_head_open",
        "feedback.printer_offline", "feedback.too_many", "feedback.not_this_order",
        "feedback.scan_tote_first", "feedback.scan_items_first", "feedback.choose_box",
        "feedback.box_too_small", "feedback.label_mismatch", "feedback.old_label",
        "device.scanner.plug_in", "device.printer.out_of_labels",
        "device.printer.head_open", "device.printer.paper_jam", "device.printer.out_of_ribbon",
        "work.task_pick", "work.task_pack", "finished.well.right_first_time",
        "finished.well.no_help", "finished.well.all_scanned", "finished.well.fixed_mistakes",
        "finished.well.asked_help", "finished.well.steady"};
    for (size_t i = 0; i < sizeof app_ids / sizeof app_ids[0]; i++)
        for (int l = 0; l < CAT_LANG_COUNT; l++)
            if (!po_lookup(&tr.lang[l], app_ids[i]))
                fail_msg("%s has no %s translation", app_ids[i],
                         catalogue_lang_code((catalogue_lang)l));
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_EN, "wrong.do_item"), "Scan the right product");
    assert_string_equal(ui_tr_lookup(&tr, CAT_LANG_NL, "feedback.good"), "Goed zo!");
    ui_tr_free(&tr);
    /* a broken file names itself */
    assert_int_equal(ui_tr_load(&tr, "/nonexistent", &diag), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(diag.text, "/nonexistent/locale/nl.po"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fallback_and_format),
        cmocka_unit_test(test_real_locale_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
