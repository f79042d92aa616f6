/* Tests of drivers/print_queue.c: job files (name, mode 0600, header, bytes), states on disk,
 * resume after a stop (sent → waiting, confirmed stays), reprints, damaged files set aside, each
 * bad call mapped to its error, and kill -9 of a process printing a 10-label queue through the ZPL
 * driver and the simulator: the queue resumes and no confirmed job prints twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "drivers/device_thread.h"
#include "protocol/printer/printer_state.h"
#include "test_printer_harness.h"

static char spool[256];

static int setup(void **state)
{
    (void)state;
    temp_dir(spool, sizeof spool, "queue");
    return spool[0] ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    temp_dir_remove(spool);
    return 0;
}

static void path_of(uint64_t id, const char *ext, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%016llu.%s", spool, (unsigned long long)id, ext);
}

static int exists(uint64_t id, const char *ext)
{
    char p[512];
    path_of(id, ext, p, sizeof p);
    return access(p, F_OK) == 0;
}

static void test_add_writes_file(void **state)
{
    (void)state;
    stiel_print_queue *q = NULL;
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    uint64_t a = 0, b = 0;
    assert_int_equal(stiel_print_queue_add(q, "zpl", "^XA^XZ", 6, &a, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_add(q, "escpos", "\x00\x01", 2, &b, NULL), STIEL_OK);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    char p[512];
    path_of(1, "job", p, sizeof p);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    FILE *f = fopen(p, "rb");
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    static const char want[] = "STIELJOB 1\nid=1\nreprint_of=0\nlang=zpl\nlen=6\n\n^XA^XZ";
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(buf, want, n);
    stiel_print_job_info list[4];
    assert_int_equal(stiel_print_queue_list(q, list, 4), 2);
    assert_string_equal(list[1].lang, "escpos");
    assert_int_equal(list[1].len, 2);
    assert_int_equal(list[0].state, STIEL_PRINT_JOB_WAITING);
    assert_int_equal(stiel_print_queue_pending(q), 2);
    /* next gives the oldest waiting job's bytes */
    stiel_buf bytes;
    stiel_buf_init(&bytes, 0);
    uint64_t id = 0;
    char lang[STIEL_PRINT_LANG_MAX];
    assert_int_equal(stiel_print_queue_next(q, &id, lang, &bytes, NULL), STIEL_OK);
    assert_int_equal(id, 1);
    assert_string_equal(lang, "zpl");
    assert_int_equal(bytes.len, 6);
    assert_memory_equal(bytes.data, "^XA^XZ", 6);
    stiel_buf_free(&bytes);
    stiel_print_queue_close(q);
}

static void test_states_and_resume(void **state)
{
    (void)state;
    stiel_print_queue *q = NULL;
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    uint64_t ids[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(stiel_print_queue_add(q, "tspl", "PRINT 1\r\n", 9, &ids[i], NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_mark(q, ids[0], STIEL_PRINT_JOB_SENDING, NULL), STIEL_OK);
    assert_true(exists(ids[0], "sent"));
    assert_false(exists(ids[0], "job"));
    assert_int_equal(stiel_print_queue_mark(q, ids[1], STIEL_PRINT_JOB_CONFIRMED, NULL), STIEL_OK);
    assert_true(exists(ids[1], "done"));
    assert_int_equal(stiel_print_queue_mark(q, ids[2], STIEL_PRINT_JOB_FAILED, NULL), STIEL_OK);
    assert_true(exists(ids[2], "failed"));
    assert_int_equal(stiel_print_queue_pending(q), 1);
    stiel_print_queue_close(q); /* as if the process stopped here */
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    stiel_print_job_info info;
    assert_int_equal(stiel_print_queue_get(q, ids[0], &info), STIEL_OK);
    assert_int_equal(info.state, STIEL_PRINT_JOB_WAITING); /* sent, not confirmed: sent again */
    assert_true(exists(ids[0], "job"));
    assert_int_equal(stiel_print_queue_get(q, ids[1], &info), STIEL_OK);
    assert_int_equal(info.state, STIEL_PRINT_JOB_CONFIRMED);
    assert_int_equal(stiel_print_queue_get(q, ids[2], &info), STIEL_OK);
    assert_int_equal(info.state, STIEL_PRINT_JOB_FAILED);
    uint64_t next = 0;
    assert_int_equal(stiel_print_queue_add(q, "tspl", "x", 1, &next, NULL), STIEL_OK);
    assert_int_equal(next, ids[2] + 1); /* ids keep increasing */
    stiel_print_queue_close(q);
}

static void test_reprint(void **state)
{
    (void)state;
    stiel_print_queue *q = NULL;
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    uint64_t a = 0, b = 0;
    assert_int_equal(stiel_print_queue_add(q, "epl", "P1\n", 3, &a, NULL), STIEL_OK);
    stiel_diag diag;
    assert_int_equal(stiel_print_queue_reprint(q, a, &b, &diag), STIEL_ERR_STATE);
    assert_non_null(strstr(diag.text, "still waiting"));
    assert_int_equal(stiel_print_queue_reprint(q, 999, &b, NULL), STIEL_ERR_NOT_FOUND);
    assert_int_equal(stiel_print_queue_mark(q, a, STIEL_PRINT_JOB_CONFIRMED, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_mark(q, a, STIEL_PRINT_JOB_WAITING, NULL), STIEL_ERR_STATE);
    assert_int_equal(stiel_print_queue_reprint(q, a, &b, NULL), STIEL_OK);
    stiel_print_job_info info;
    assert_int_equal(stiel_print_queue_get(q, b, &info), STIEL_OK);
    assert_int_equal(info.reprint_of, a);
    assert_int_equal(info.state, STIEL_PRINT_JOB_WAITING);
    assert_string_equal(info.lang, "epl");
    stiel_buf bytes;
    stiel_buf_init(&bytes, 0);
    uint64_t id = 0;
    assert_int_equal(stiel_print_queue_next(q, &id, NULL, &bytes, NULL), STIEL_OK);
    assert_int_equal(id, b);
    assert_memory_equal(bytes.data, "P1\n", 3);
    stiel_buf_free(&bytes);
    stiel_print_queue_close(q);
}

static void test_damaged_files(void **state)
{
    (void)state;
    char p[512];
    path_of(7, "job", p, sizeof p);
    FILE *f = fopen(p, "wb");
    fputs("STIELJOB 1\nid=7\nreprint_of=0\nlang=zpl\nlen=99\n\nshort", f); /* length does not match */
    fclose(f);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s/.tmp-0000000000000008-1", spool);
    f = fopen(tmp, "wb");
    fputs("half", f);
    fclose(f);
    stiel_print_queue *q = NULL;
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_list(q, NULL, 0), 0);
    char bad[600];
    snprintf(bad, sizeof bad, "%s.bad", p);
    assert_int_equal(access(bad, F_OK), 0);
    assert_int_not_equal(access(tmp, F_OK), 0);
    unlink(bad);
    stiel_print_queue_close(q);
}

static void test_bad_calls(void **state)
{
    (void)state;
    stiel_print_queue *q = NULL;
    stiel_diag diag;
    assert_int_equal(stiel_print_queue_open(NULL, &q, &diag), STIEL_ERR_ARG);
    assert_int_equal(stiel_print_queue_open("/proc/version/spool", &q, &diag), STIEL_ERR_IO);
    assert_non_null(strstr(diag.text, "/proc/version/spool"));
    assert_null(q);
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_add(q, "zpl", "", 0, NULL, &diag), STIEL_ERR_ARG);
    assert_int_equal(stiel_print_queue_add(q, "pdf", "x", 1, NULL, &diag), STIEL_ERR_ARG);
    assert_non_null(strstr(diag.text, "pdf"));
    assert_int_equal(stiel_print_queue_mark(q, 42, STIEL_PRINT_JOB_SENT, NULL), STIEL_ERR_NOT_FOUND);
    stiel_buf bytes;
    stiel_buf_init(&bytes, 0);
    uint64_t id;
    assert_int_equal(stiel_print_queue_next(q, &id, NULL, &bytes, NULL), STIEL_ERR_NOT_FOUND);
    assert_int_equal(stiel_print_queue_wait(q, 42, STIEL_PRINT_JOB_WAITING, 10, NULL), STIEL_ERR_NOT_FOUND);
    assert_int_equal(stiel_print_queue_add(q, "zpl", "x", 1, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_wait(q, id, STIEL_PRINT_JOB_WAITING, 20, NULL), STIEL_ERR_TIMEOUT);
    stiel_print_queue_close(q);
}

/* ---- kill -9 ---- */

static const char *self_exe;

/* The child: prints 10 jobs through the ZPL driver on port, then waits to be killed. */
static int child_main(const char *dir, const char *port)
{
    stiel_print_queue *q = NULL;
    if (stiel_print_queue_open(dir, &q, NULL) != STIEL_OK)
        return 3;
    recorder rec;
    recorder_init(&rec);
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config tc = {.on_event = recorder_on_event, .user = &rec};
    stiel_device_thread_new(&tc, &thr, NULL);
    stiel_device_thread_start(thr, NULL);
    stiel_printer_config pc = {.lang = STIEL_PRINTER_ZPL, .queue = q, .status_timeout_ms = 500, .busy_interval_ms = 20};
    void *data = NULL;
    stiel_printer_new(&pc, &data, NULL);
    stiel_device_config dc = {.port = port, .label = "printer", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &stiel_printer_zpl_ops, .driver_data = data};
    int id = 0;
    stiel_device_thread_add(thr, &dc, &id, NULL);
    for (int i = 0; i < 10; i++) { /* all ten queued before the printer is claimed */
        char job[64];
        snprintf(job, sizeof job, "^XA^FO0,0^A0N,20^FDjob %d^FS^XZ", i + 1);
        stiel_print_queue_add(q, "zpl", job, strlen(job), NULL, NULL);
    }
    stiel_device_thread_claim(thr, id, NULL);
    for (;;)
        pause();
}

static void test_kill9_resume(void **state)
{
    (void)state;
    sim_pty sim;
    assert_int_equal(sim_pty_start(&sim, STIEL_PRINTER_ZPL), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(self_exe, self_exe, "--child", spool, sim.path, (char *)NULL);
        _exit(127);
    }
    for (int waited = 0; sim_pty_printed(&sim) < 4 && waited < 10000; waited++)
        sleep_ms(1);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
    uint64_t printed_before = sim_pty_printed(&sim);
    assert_true(printed_before >= 4);
    /* what the dead process had confirmed */
    int confirmed_before[11] = {0};
    int n_confirmed = 0;
    for (int i = 1; i <= 10; i++) {
        confirmed_before[i] = exists((uint64_t)i, "done");
        n_confirmed += confirmed_before[i];
    }
    assert_true(n_confirmed >= 1);
    assert_true(n_confirmed < 10);
    /* resume in this process */
    recorder rec;
    recorder_init(&rec);
    stiel_print_queue *q = NULL;
    assert_int_equal(stiel_print_queue_open(spool, &q, NULL), STIEL_OK);
    assert_int_equal(stiel_print_queue_list(q, NULL, 0), 10);
    stiel_device_thread *thr = NULL;
    stiel_device_thread_config tc = {.on_event = recorder_on_event, .user = &rec};
    assert_int_equal(stiel_device_thread_new(&tc, &thr, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(thr, NULL), STIEL_OK);
    stiel_printer_config pc = {.lang = STIEL_PRINTER_ZPL, .queue = q, .busy_interval_ms = 20};
    void *data = NULL;
    assert_int_equal(stiel_printer_new(&pc, &data, NULL), STIEL_OK);
    stiel_device_config dc = {.port = sim.path, .label = "printer", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &stiel_printer_zpl_ops, .driver_data = data};
    int id = 0;
    assert_int_equal(stiel_device_thread_add(thr, &dc, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_claim(thr, id, NULL), STIEL_OK);
    for (uint64_t j = 1; j <= 10; j++)
        assert_int_equal(wait_job(q, j, STIEL_PRINT_JOB_CONFIRMED, 5000), 0);
    stiel_device_thread_free(thr);
    int count[11] = {0};
    stiel_buf got;
    stiel_buf_init(&got, 0);
    while (sim_pty_take(&sim, &got)) {
        const char *p = strstr((const char *)got.data, "job ");
        assert_non_null(p);
        count[atoi(p + 4)]++;
        stiel_buf_reset(&got);
    }
    int twice = 0;
    for (int i = 1; i <= 10; i++) {
        assert_true(count[i] >= 1);            /* every label printed */
        if (confirmed_before[i])
            assert_int_equal(count[i], 1);     /* no duplicate of a confirmed job */
        twice += count[i] > 1;
    }
    assert_true(twice <= 1); /* at most the one job that was sent and not yet confirmed */
    stiel_buf_free(&got);
    stiel_print_queue_close(q);
    sim_pty_stop(&sim);
    recorder_free(&rec);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--child") == 0)
        return child_main(argv[2], argv[3]);
    self_exe = "/proc/self/exe";
    static char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        self_exe = exe;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_writes_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_states_and_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill9_resume, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
