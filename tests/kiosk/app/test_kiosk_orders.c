/* Real orders end to end in the headless kiosk (kiosk_orders.h): a pick list dropped in the inbox
 * is picked and packed by a trainee in a scripted run, and its results in the outbox hold the
 * picked quantities, a short with its reason, the SSCC, the trainee's pseudonymous id, the kiosk
 * and the times; the pick list ends in done/, a malformed one in rejected/ with its reason, and
 * the kiosk keeps running. A result that could not be written when the pack ended (the outbox
 * gone) is written once after a restart, and never twice. A cluster pick packs every order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "kiosk/app/kiosk_host.h"
#include "kiosk/app/kiosk_orders.h"
#include "kiosk/app/kiosk_script.h"
#include "kiosk/core/orders.h"

#define SCRIPTS STIEL_TEST_SOURCE_DIR "/tests/kiosk/scripts"
#define SAMPLES STIEL_TEST_ASSETS "/samples/orders"

/* Starts the kiosk on data (as after a power cut: a fresh process), plays script, closes it. */
static stiel_status play(const char *data, const char *script, bool json, char *err, size_t cap)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(surf);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(surf);
    assert_non_null(ren);
    static kiosk_host host;
    memset(&host, 0, sizeof host);
    host.opt = (kiosk_app_options){.data_dir = data, .asset_dir = STIEL_TEST_ASSETS,
                                   .kiosk_id = "kiosk-test", .sscc_prefix = "8712345",
                                   .language = CAT_LANG_NL, .demo = true, .name_list = true,
                                   .orders_json = json};
    host.now = (kiosk_clock){.mono_ms = 1000, .wall_ms = KIOSK_SCRIPT_WALL_START_MS};
    stiel_wedge_init(&host.wedge, NULL, NULL);
    kiosk_speech_init(&host.speech, false, NULL);
    stiel_diag d;
    assert_int_equal(ui_new(ren, STIEL_TEST_ASSETS, STIEL_TEST_FONTS, &host.ui, &d), STIEL_OK);
    stiel_status st = kiosk_app_open(&host.opt, host.now, &host.app, &d);
    if (st == STIEL_OK) {
        kiosk_host_draw(&host);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SCRIPTS, script);
        st = script[0] ? kiosk_script_run(&host, path, NULL, &d) : STIEL_OK;
    }
    snprintf(err, cap, "%s", st == STIEL_OK ? "" : d.text);
    kiosk_app_close(host.app);
    kiosk_print_free(host.print);
    ui_free(host.ui);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    return st;
}

static void play_ok(const char *data, const char *script, bool json)
{
    char err[STIEL_DIAG_TEXT_MAX];
    if (play(data, script, json, err, sizeof err) != STIEL_OK)
        fail_msg("%s: %s", script[0] ? script : "(open)", err);
}

static bool exists(const char *dir, const char *name)
{
    char p[1024];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &st) == 0;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void copy_sample(const char *name, const char *inbox)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp %s/%s %s/", SAMPLES, name, inbox);
    assert_int_equal(system(cmd), 0);
}

/* Files in dir whose name does not start with '.'. */
static unsigned count_files(const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "ls %s | wc -l", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    unsigned n = 0;
    assert_int_equal(fscanf(p, "%u", &n), 1);
    pclose(p);
    return n;
}

static void read_result(const char *outbox, const char *name, orders_format fmt, order_result *r)
{
    size_t len = 0;
    char *text = slurp(outbox, name, &len);
    if (!text)
        fail_msg("no result %s in the outbox", name);
    stiel_diag d;
    if (order_result_parse(text, len, fmt, r, &d) != STIEL_OK)
        fail_msg("%s does not parse: %s", name, d.text);
    free(text);
}

static void check_sscc(const char *sscc)
{
    assert_int_equal(strlen(sscc), 18);
    assert_int_equal(strspn(sscc, "0123456789"), 18);
}

static void test_real_order_end_to_end(void **state)
{
    (void)state;
    char data[] = "/tmp/stiel-kiosk-orders-XXXXXX";
    assert_non_null(mkdtemp(data));
    char inbox[256], outbox[256], done[300], rejected[300], processing[300];
    snprintf(inbox, sizeof inbox, "%s/inbox", data);
    snprintf(outbox, sizeof outbox, "%s/outbox", data);
    snprintf(done, sizeof done, "%s/done", inbox);
    snprintf(rejected, sizeof rejected, "%s/rejected", inbox);
    snprintf(processing, sizeof processing, "%s/processing/kiosk-test", inbox);
    assert_int_equal(mkdir(inbox, 0750), 0); /* made by the WMS: no demo samples copied */
    copy_sample("picklist-0801.csv", inbox);
    copy_sample("bad-unknown-sku.csv", inbox);
    /* The outbox cannot be written while the pack ends (a file stands where the folder should
     * be): the kiosk goes on; the result is due. */
    FILE *f = fopen(outbox, "w");
    assert_non_null(f);
    fclose(f);
    play_ok(data, "real_order.script", false);
    assert_true(exists(rejected, "bad-unknown-sku.csv"));
    size_t len = 0;
    char *reason = slurp(rejected, "bad-unknown-sku.csv.reason.txt", &len);
    assert_non_null(reason);
    assert_non_null(strstr(reason, "ST-9999"));
    free(reason);
    assert_true(exists(processing, "picklist-0801.csv"));
    /* the power comes back with the outbox in place: the result is written from the store */
    assert_int_equal(unlink(outbox), 0);
    play_ok(data, "", false);
    assert_int_equal(count_files(outbox), 1);
    order_result r;
    read_result(outbox, "SO-24050101.csv", ORDERS_FORMAT_CSV, &r);
    assert_string_equal(r.order_id, "SO-24050101");
    assert_string_equal(r.source, "picklist-0801.csv");
    assert_string_equal(r.trainee, "T-0003");
    assert_string_equal(r.kiosk, "kiosk-test");
    assert_string_equal(r.packed_by, "T-0003");
    assert_string_equal(r.pack_kiosk, "kiosk-test");
    assert_true(r.started_ms >= KIOSK_SCRIPT_WALL_START_MS);
    assert_true(r.finished_ms > r.started_ms);
    assert_true(r.packed_ms > r.finished_ms);
    assert_true(r.box[0] != '\0');
    check_sscc(r.sscc);
    assert_true(strncmp(r.sscc, "08712345", 8) == 0);
    assert_int_equal(r.line_count, 3);
    assert_string_equal(r.lines[0].line_id, "10");
    assert_int_equal(r.lines[0].ordered, 2);
    assert_int_equal(r.lines[0].picked, 0);
    assert_int_equal(r.lines[0].short_reason, ORDER_SHORT_EMPTY);
    assert_int_equal(r.lines[1].picked, 1);
    assert_int_equal(r.lines[1].short_reason, ORDER_SHORT_NONE);
    assert_int_equal(r.lines[2].picked, 3);
    assert_string_equal(order_result_status(&r), "short");
    size_t len1 = 0;
    char *first = slurp(outbox, "SO-24050101.csv", &len1);
    /* another restart: the result is neither written again nor changed; the WMS may even have
     * carried it away — it is recorded as written, so it does not come back */
    play_ok(data, "", false);
    size_t len2 = 0;
    char *again = slurp(outbox, "SO-24050101.csv", &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(first, again, len1);
    free(first);
    free(again);
    char moved[600];
    snprintf(moved, sizeof moved, "%s/SO-24050101.csv", outbox);
    char carried[600];
    snprintf(carried, sizeof carried, "%s/carried.csv", data);
    assert_int_equal(rename(moved, carried), 0);
    play_ok(data, "", false);
    assert_int_equal(count_files(outbox), 0);
    /* the second order, whole: then the pick list is done */
    play_ok(data, "real_order_next.script", false);
    assert_int_equal(count_files(outbox), 1);
    read_result(outbox, "SO-24050102.csv", ORDERS_FORMAT_CSV, &r);
    assert_string_equal(order_result_status(&r), "complete");
    assert_int_equal(r.line_count, 2);
    assert_int_equal(r.lines[1].picked, 4);
    check_sscc(r.sscc);
    assert_true(exists(done, "picklist-0801.csv"));
    assert_false(exists(processing, "picklist-0801.csv"));
    /* a cluster pick (JSON results): both orders of picklist-0815.json, each packed */
    copy_sample("picklist-0815.json", inbox);
    play_ok(data, "real_order_cluster.script", true);
    order_result a, b;
    read_result(outbox, "SO-24050103.json", ORDERS_FORMAT_JSON, &a);
    read_result(outbox, "SO-24050104.json", ORDERS_FORMAT_JSON, &b);
    assert_string_equal(a.trainee, "T-0004");
    assert_string_equal(order_result_status(&a), "complete");
    assert_string_equal(order_result_status(&b), "complete");
    assert_int_equal(b.lines[0].picked, 6);
    check_sscc(a.sscc);
    check_sscc(b.sscc);
    assert_string_not_equal(a.sscc, b.sscc);
    assert_true(exists(done, "picklist-0815.json"));
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data);
    assert_int_equal(system(cmd), 0);
}

/* Demo mode on a new data folder: the valid sample pick lists are put in the inbox, so a demo
 * user sees real orders waiting; the bad samples are not. */
static void test_demo_samples(void **state)
{
    (void)state;
    char data[] = "/tmp/stiel-kiosk-orders-XXXXXX";
    assert_non_null(mkdtemp(data));
    play_ok(data, "", false);
    char inbox[256], processing[300];
    snprintf(inbox, sizeof inbox, "%s/inbox", data);
    snprintf(processing, sizeof processing, "%s/processing/kiosk-test", inbox);
    /* the first (by name) was taken at start; the other waits in the inbox */
    assert_true(exists(processing, "picklist-0801.csv"));
    assert_true(exists(inbox, "picklist-0815.json"));
    assert_false(exists(inbox, "bad-unknown-sku.csv"));
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", data);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_order_end_to_end),
        cmocka_unit_test(test_demo_samples),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
