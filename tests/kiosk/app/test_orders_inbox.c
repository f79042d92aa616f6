/* Tests of the WMS inbox and outbox folders (kiosk/app/orders_inbox.h) in a temporary folder:
 * taking, resuming and finishing a pick list, bad and half-written files moved aside with their
 * reason, files that are not ours left alone, kiosks racing for one file (exactly one wins), and
 * results written atomically with their mode and read back. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app/orders_inbox.h"
#include "tests/kiosk/core/core_fixture.h"

static catalogue cat;
static char root[256];     /* a fresh folder per test */
static char inbox[300], outbox[300];

static int setup_group(void **state)
{
    (void)state;
    core_errors errs;
    core_errors_clear(&errs);
    memset(&cat, 0, sizeof cat);
    return fixture_load_warehouse(&cat, &errs) == STIEL_OK ? 0 : -1;
}

static int teardown_group(void **state)
{
    (void)state;
    catalogue_free(&cat);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/stiel-inbox-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    snprintf(inbox, sizeof inbox, "%s/inbox", root);
    snprintf(outbox, sizeof outbox, "%s/outbox", root);
    return mkdir(inbox, 0750) == 0 && mkdir(outbox, 0750) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void put_text(const char *dir, const char *name, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void put_sample(const char *sample, const char *name)
{
    char rel[128];
    size_t len = 0;
    snprintf(rel, sizeof rel, "samples/orders/%s", sample);
    char *text = fixture_read_asset(rel, &len);
    assert_non_null(text);
    put_text(inbox, name, text);
    free(text);
}

static bool exists(const char *rel)
{
    char path[600];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return lstat(path, &st) == 0;
}

static char *slurp(const char *rel)
{
    static char text[8192];
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* Entries of root/rel other than "." and "..". */
static int count_entries(const char *rel)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    DIR *d = opendir(path);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e = readdir(d); e; e = readdir(d))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static orders_inbox box(const char *kiosk)
{
    return (orders_inbox){ .dir = inbox, .kiosk = kiosk, .outbox = outbox, .settle_ms = 0 };
}

/* ---- take, resume, done ------------------------------------------------------------------------ */

static void test_take_resume_done(void **state)
{
    (void)state;
    put_sample("picklist-0801.csv", "picklist-0801.csv");
    orders_inbox ib = box("pick-1");
    orders_taken t = { 0 };
    stiel_diag d;
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_string_equal(t.name, "picklist-0801.csv");
    assert_false(t.resumed);
    assert_int_equal(t.orders.count, 2);
    assert_string_equal(t.orders.orders[1].id, "SO-24050102");
    assert_false(exists("inbox/picklist-0801.csv"));
    assert_true(exists("inbox/processing/pick-1/picklist-0801.csv"));
    char want[600];
    snprintf(want, sizeof want, "%s/processing/pick-1/picklist-0801.csv", inbox);
    assert_string_equal(t.path, want);
    /* a restart: the kiosk finds the file it had */
    orders_taken_release(&t);
    memset(&t, 0, sizeof t);
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_true(t.resumed);
    assert_int_equal(t.orders.count, 2);
    /* another kiosk finds nothing */
    orders_inbox other = box("pick-2");
    orders_taken t2 = { 0 };
    assert_int_equal(orders_inbox_take(&other, &cat, &t2, NULL, &d), STIEL_ERR_NOT_FOUND);
    assert_int_equal(d.code, STIEL_ERR_NOT_FOUND);
    assert_int_equal(orders_inbox_done(&ib, &t, &d), STIEL_OK);
    assert_null(t.orders.orders);
    assert_true(exists("inbox/done/picklist-0801.csv"));
    assert_int_equal(count_entries("inbox/processing/pick-1"), 0);
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_ERR_NOT_FOUND);
    /* the same name again: done/ keeps both */
    put_sample("picklist-0815.json", "picklist-0801.csv.json");
    put_sample("picklist-0801.csv", "picklist-0801.csv");
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_string_equal(t.name, "picklist-0801.csv");  /* by name: .csv < .csv.json */
    assert_int_equal(orders_inbox_done(&ib, &t, &d), STIEL_OK);
    assert_true(exists("inbox/done/picklist-0801.csv.2"));
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_int_equal(t.orders.count, 2);
    orders_taken_release(&t);
}

/* ---- bad files --------------------------------------------------------------------------------- */

static void test_bad_files_moved_aside(void **state)
{
    (void)state;
    put_sample("bad-truncated.csv", "a-cut.csv");
    put_sample("bad-truncated.json", "b-cut.json");
    put_sample("bad-unknown-sku.csv", "c-sku.csv");
    put_sample("picklist-0815.json", "z-good.json");
    orders_inbox ib = box("pick-1");
    orders_taken t = { 0 };
    core_errors rej;
    core_errors_clear(&rej);
    stiel_diag d;
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, &rej, &d), STIEL_OK);
    assert_string_equal(t.name, "z-good.json");
    assert_int_equal(rej.count, 3);
    assert_int_equal(rej.items[0].code, STIEL_ERR_TRUNCATED);
    assert_string_equal(rej.items[0].text,
                        "a-cut.csv:3: the file does not end with a line break, so it may be cut "
                        "off (half written); the WMS must end every line with one");
    assert_int_equal(rej.items[1].code, STIEL_ERR_TRUNCATED);
    assert_string_equal(rej.items[1].text, "b-cut.json:9:57: the JSON ends early, so the file "
                                           "may be cut off (half written)");
    assert_int_equal(rej.items[2].code, STIEL_ERR_NOT_FOUND);
    /* moved whole, with the reason beside */
    assert_true(exists("inbox/rejected/a-cut.csv"));
    assert_true(exists("inbox/rejected/b-cut.json"));
    assert_true(exists("inbox/rejected/c-sku.csv"));
    assert_false(exists("inbox/a-cut.csv"));
    const char *why = slurp("inbox/rejected/a-cut.csv.reason.txt");
    assert_non_null(strstr(why, "file: a-cut.csv\n"));
    assert_non_null(strstr(why, "by kiosk pick-1\nerrors: 1\n  a-cut.csv:3: the file does not "
                                "end with a line break"));
    why = slurp("inbox/rejected/c-sku.csv.reason.txt");
    assert_non_null(strstr(why, "  c-sku.csv:2: column sku: no item has sku \"ST-9999\" in the "
                                "catalogue\n"));
    /* the moved file is byte for byte what the WMS wrote */
    char rel[128];
    size_t len = 0;
    snprintf(rel, sizeof rel, "samples/orders/%s", "bad-truncated.json");
    char *orig = fixture_read_asset(rel, &len);
    assert_string_equal(slurp("inbox/rejected/b-cut.json"), orig);
    free(orig);
    assert_int_equal(count_entries("inbox/rejected"), 6);
    orders_taken_release(&t);
    /* a restart: the kiosk is back on its file, and gives it up after all */
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_true(t.resumed);
    assert_string_equal(t.name, "z-good.json");
    core_errors why2;
    core_errors_clear(&why2);
    core_errors_add(&why2, STIEL_ERR_STATE, "z-good.json: the WMS cancelled it");
    assert_int_equal(orders_inbox_reject(&ib, &t, &why2, &d), STIEL_OK);
    assert_null(t.orders.orders);
    assert_true(exists("inbox/rejected/z-good.json"));
    assert_non_null(strstr(slurp("inbox/rejected/z-good.json.reason.txt"),
                           "  z-good.json: the WMS cancelled it\n"));
    /* the same bad name again: kept beside the first */
    put_sample("bad-truncated.csv", "a-cut.csv");
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_ERR_NOT_FOUND);
    assert_true(exists("inbox/rejected/a-cut.csv.2"));
    assert_true(exists("inbox/rejected/a-cut.csv.2.reason.txt"));
    assert_true(exists("inbox/rejected/a-cut.csv.reason.txt"));
    assert_int_equal(count_entries("inbox/rejected"), 10);
}

static void test_not_ours_left_alone(void **state)
{
    (void)state;
    put_sample("picklist-0801.csv", ".hidden.csv");
    put_sample("picklist-0801.csv", "writing.csv.tmp");
    put_sample("picklist-0801.csv", "notes.txt");
    char path[600], target[600];
    snprintf(path, sizeof path, "%s/dir.csv", inbox);
    assert_int_equal(mkdir(path, 0750), 0);
    snprintf(path, sizeof path, "%s/link.csv", inbox);
    snprintf(target, sizeof target, "%s/notes.txt", inbox);
    assert_int_equal(symlink(target, path), 0);
    orders_inbox ib = box("pick-1");
    orders_taken t = { 0 };
    stiel_diag d;
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_ERR_NOT_FOUND);
    assert_true(exists("inbox/.hidden.csv"));
    assert_true(exists("inbox/writing.csv.tmp"));
    assert_true(exists("inbox/link.csv"));
    assert_int_equal(count_entries("inbox/rejected"), 0);
    /* a file still being written is left until it has settled */
    put_sample("picklist-0801.csv", "fresh.csv");
    ib.settle_ms = 60000;
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_ERR_NOT_FOUND);
    assert_true(exists("inbox/fresh.csv"));
    struct timespec old[2] = { { .tv_sec = 1000000000 }, { .tv_sec = 1000000000 } };
    snprintf(path, sizeof path, "%s/fresh.csv", inbox);
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    assert_string_equal(t.name, "fresh.csv");
    orders_taken_release(&t);
    /* a bad kiosk id is refused before anything is touched */
    ib.kiosk = "../x";
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_ERR_ARG);
}

/* ---- kiosks racing ----------------------------------------------------------------------------- */

static void test_race_one_winner(void **state)
{
    (void)state;
    enum { ROUNDS = 25, KIOSKS = 6 };
    for (int round = 0; round < ROUNDS; round++) {
        char name[32];
        snprintf(name, sizeof name, "race-%02d.csv", round);
        put_sample("picklist-0801.csv", name);
        int go[2];
        assert_int_equal(pipe(go), 0);
        pid_t pid[KIOSKS];
        for (int k = 0; k < KIOSKS; k++) {
            pid[k] = fork();
            assert_true(pid[k] >= 0);
            if (pid[k] == 0) {
                char c, kiosk[16];
                close(go[1]);
                if (read(go[0], &c, 1) < 0)
                    _exit(3);
                snprintf(kiosk, sizeof kiosk, "k%d", k);
                orders_inbox ib = box(kiosk);
                orders_taken t = { 0 };
                stiel_status st = orders_inbox_take(&ib, &cat, &t, NULL, NULL);
                int code = st == STIEL_OK ? 0 : st == STIEL_ERR_NOT_FOUND ? 1 : 2;
                if (st == STIEL_OK)
                    code = orders_inbox_done(&ib, &t, NULL) == STIEL_OK ? 0 : 2;
                _exit(code);
            }
        }
        close(go[0]);
        close(go[1]);  /* all start at once */
        int winners = 0, losers = 0;
        for (int k = 0; k < KIOSKS; k++) {
            int status = 0;
            assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
            assert_true(WIFEXITED(status));
            winners += WEXITSTATUS(status) == 0;
            losers += WEXITSTATUS(status) == 1;
        }
        assert_int_equal(winners, 1);
        assert_int_equal(losers, KIOSKS - 1);
        char rel[64];
        snprintf(rel, sizeof rel, "inbox/done/%s", name);
        assert_true(exists(rel));
        assert_int_equal(count_entries("inbox/rejected"), 0);
    }
    assert_int_equal(count_entries("inbox/done"), ROUNDS);
}

/* ---- results ----------------------------------------------------------------------------------- */

static void make_result(const order *o, order_result *r)
{
    assert_int_equal(order_result_init(r, o, &cat, "picklist-0801.csv"), STIEL_OK);
    snprintf(r->trainee, sizeof r->trainee, "T-0001");
    snprintf(r->kiosk, sizeof r->kiosk, "pick-1");
    r->started_ms = 1714641243250;
    r->finished_ms = 1714641300000;
    for (size_t i = 0; i < r->line_count; i++) {
        r->lines[i].picked = r->lines[i].ordered;
        r->lines[i].short_reason = ORDER_SHORT_NONE;
    }
    r->lines[0].picked = 1;
    r->lines[0].short_reason = ORDER_SHORT_EMPTY;
}

static void test_result_write(void **state)
{
    (void)state;
    put_sample("picklist-0801.csv", "picklist-0801.csv");
    orders_inbox ib = box("pick-1");
    orders_taken t = { 0 };
    stiel_diag d;
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, NULL, &d), STIEL_OK);
    order_result r, back;
    make_result(&t.orders.orders[0], &r);
    char path[ORDERS_PATH_MAX];
    mode_t old = umask(0);  /* the mode must not depend on the umask */
    assert_int_equal(orders_result_write(outbox, &r, ORDERS_FORMAT_CSV, path, &d), STIEL_OK);
    umask(old);
    char want[600];
    snprintf(want, sizeof want, "%s/SO-24050101.csv", outbox);
    assert_string_equal(path, want);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, ORDERS_RESULT_MODE);
    const char *text = slurp("outbox/SO-24050101.csv");
    assert_int_equal(order_result_parse(text, strlen(text), ORDERS_FORMAT_CSV, &back, &d),
                     STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    assert_int_equal(orders_result_write(outbox, &r, ORDERS_FORMAT_JSON, NULL, &d), STIEL_OK);
    text = slurp("outbox/SO-24050101.json");
    assert_int_equal(order_result_parse(text, strlen(text), ORDERS_FORMAT_JSON, &back, &d),
                     STIEL_OK);
    assert_memory_equal(&back, &r, sizeof r);
    /* written once: a second result is refused and the first stays */
    r.lines[0].picked = 2;
    r.lines[0].short_reason = ORDER_SHORT_NONE;
    assert_int_equal(orders_result_write(outbox, &r, ORDERS_FORMAT_CSV, NULL, &d),
                     STIEL_ERR_STATE);
    assert_non_null(strstr(d.text, "already in the outbox"));
    assert_non_null(strstr(slurp("outbox/SO-24050101.csv"), ",A-02,2,1,empty,short,"));
    /* a bad result or a missing folder leaves nothing behind */
    r.lines[0].picked = 5;
    assert_int_equal(orders_result_write(outbox, &r, ORDERS_FORMAT_CSV, NULL, &d), STIEL_ERR_ARG);
    r.lines[0].picked = 2;
    snprintf(want, sizeof want, "%s/nowhere", root);
    assert_int_equal(orders_result_write(want, &r, ORDERS_FORMAT_CSV, NULL, &d), STIEL_ERR_IO);
    assert_int_equal(count_entries("outbox"), 2);  /* no temporary file left */
    assert_int_equal(orders_inbox_done(&ib, &t, &d), STIEL_OK);
    /* the same pick list again: its first order is done, so the file is refused */
    put_sample("picklist-0801.csv", "again.csv");
    core_errors rej;
    core_errors_clear(&rej);
    assert_int_equal(orders_inbox_take(&ib, &cat, &t, &rej, &d), STIEL_ERR_NOT_FOUND);
    assert_int_equal(rej.count, 2);  /* its .csv and its .json */
    assert_string_equal(rej.items[0].text, "again.csv:2: order SO-24050101 was done before: its "
                                           "result SO-24050101.csv is in the outbox");
    assert_true(exists("inbox/rejected/again.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_take_resume_done, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_files_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_ours_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_race_one_winner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_result_write, setup, teardown),
    };
    return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
