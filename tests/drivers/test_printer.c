/* Tests of the printer drivers against the printer simulator over ptys: status parsing and STATUS
 * events per language, OFFLINE on silence (and back), jobs byte-exact and confirmed, paper-out in
 * the middle of a 10-label queue (each label printed exactly once after the fix), EPL's "sent =
 * confirmed", the virtual printer's PNG, and the simulator core itself. */
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

#include "drivers/device_thread.h"
#include "drivers/printer_preview.h"
#include "protocol/printer/printer_state.h"
#include "protocol/printer/zpl_status.h"
#include "protocol/raster/png.h"
#include "protocol/raster/zpl_graphic.h"
#include "test_printer_harness.h"

typedef struct rig {
    recorder rec;
    sim_pty sim;
    char spool[256];
    stiel_print_queue *q;
    stiel_device_thread *thr;
    int id;
} rig;

static void rig_start(rig *r, stiel_printer_lang lang, int with_sim)
{
    memset(r, 0, sizeof *r);
    recorder_init(&r->rec);
    if (with_sim)
        assert_int_equal(sim_pty_start(&r->sim, lang), 0);
    temp_dir(r->spool, sizeof r->spool, "spool");
    assert_int_equal(stiel_print_queue_open(r->spool, &r->q, NULL), STIEL_OK);
    stiel_device_thread_config tc = {.on_event = recorder_on_event, .user = &r->rec};
    assert_int_equal(stiel_device_thread_new(&tc, &r->thr, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_start(r->thr, NULL), STIEL_OK);
}

static void rig_add_printer(rig *r, stiel_printer_lang lang, const char *port)
{
    stiel_printer_config pc = {.lang = lang, .queue = r->q, .status_interval_ms = 300, .status_timeout_ms = 300,
                               .busy_interval_ms = 30};
    void *data = NULL;
    assert_int_equal(stiel_printer_new(&pc, &data, NULL), STIEL_OK);
    stiel_device_config dc = {.port = port, .label = "printer", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = stiel_printer_ops_for(lang), .driver_data = data};
    assert_int_equal(stiel_device_thread_add(r->thr, &dc, &r->id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_claim(r->thr, r->id, NULL), STIEL_OK);
}

static void rig_stop(rig *r, int with_sim)
{
    stiel_device_thread_free(r->thr);
    stiel_print_queue_close(r->q);
    if (with_sim)
        sim_pty_stop(&r->sim);
    temp_dir_remove(r->spool);
    recorder_free(&r->rec);
}

static uint64_t queue_job(rig *r, const char *lang, const char *bytes)
{
    uint64_t id = 0;
    assert_int_equal(stiel_print_queue_add(r->q, lang, bytes, strlen(bytes), &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_command(r->thr, r->id, STIEL_PRINTER_CMD_KICK, NULL, 0, NULL), STIEL_OK);
    return id;
}

static const char zpl_job[] = "^XA\n^PW100\n^LL50\n^FO10,10^A0N,20^FDhello^FS\n^PQ1\n^XZ\n";
static const char tspl_job[] = "SIZE 50 mm,25 mm\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"hi\"\r\nPRINT 1,1\r\n";
static const char escpos_job[] = "\x1b@\x1dv0\x00\x01\x00\x02\x00\xf0\x0f\x1b" "d\x04\x1dVB\x00";

/* Each language: READY is reported, one job goes out byte-exact, is confirmed and printed once. */
static void run_one_job(stiel_printer_lang lang, const char *job, size_t len)
{
    rig r;
    rig_start(&r, lang, 1);
    rig_add_printer(&r, lang, r.sim.path);
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000) >= 0);
    uint64_t id = 0;
    assert_int_equal(stiel_print_queue_add(r.q, stiel_printer_lang_name(lang), job, len, &id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_command(r.thr, r.id, STIEL_PRINTER_CMD_KICK, NULL, 0, NULL), STIEL_OK);
    assert_int_equal(wait_job(r.q, id, STIEL_PRINT_JOB_CONFIRMED, 3000), 0);
    assert_true(wait_status(&r.rec, 0, STIEL_PRINTER_STATUS_JOB + STIEL_PRINT_JOB_CONFIRMED, 1000) >= 0);
    assert_int_equal(sim_pty_printed(&r.sim), 1);
    stiel_buf got;
    stiel_buf_init(&got, 0);
    assert_true(sim_pty_take(&r.sim, &got));
    assert_int_equal(got.len, lang == STIEL_PRINTER_ZPL ? len - 1 : len); /* ZPL: the format up to ^XZ */
    assert_memory_equal(got.data, job, got.len);
    stiel_buf_free(&got);
    rig_stop(&r, 1);
}

static void test_zpl_job(void **state)
{
    (void)state;
    run_one_job(STIEL_PRINTER_ZPL, zpl_job, strlen(zpl_job));
}

static void test_tspl_job(void **state)
{
    (void)state;
    run_one_job(STIEL_PRINTER_TSPL, tspl_job, strlen(tspl_job));
}

static void test_escpos_job(void **state)
{
    (void)state;
    run_one_job(STIEL_PRINTER_ESCPOS, escpos_job, sizeof escpos_job - 1);
}

/* Each fault the simulator can show comes out as the matching state and sentence; silence is
 * OFFLINE, and answering again is READY. */
static void run_faults(stiel_printer_lang lang)
{
    rig r;
    rig_start(&r, lang, 1);
    rig_add_printer(&r, lang, r.sim.path);
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000) >= 0);
    static const struct { const char *on, *off; printer_state want; } faults[] = {
        {"paper-out", "paper-in", PRINTER_STATE_PAPER_OUT},
        {"head-open", "head-close", PRINTER_STATE_HEAD_OPEN},
        {"pause", "resume", PRINTER_STATE_PAUSED},
        {"silent", "answer", PRINTER_STATE_OFFLINE},
    };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        printer_state want = faults[i].want;
        if (lang == STIEL_PRINTER_ESCPOS && want == PRINTER_STATE_PAUSED)
            want = PRINTER_STATE_OFFLINE; /* ESC/POS has no pause: offline without a cause */
        size_t from = recorder_count(&r.rec);
        sim_pty_control(&r.sim, faults[i].on);
        long at = wait_status(&r.rec, from, (int)want, 3000);
        assert_true(at >= 0);
        assert_string_equal(recorder_at(&r.rec, (size_t)at)->diag.text, printer_state_message(want));
        from = recorder_count(&r.rec);
        sim_pty_control(&r.sim, faults[i].off);
        assert_true(wait_status(&r.rec, from, PRINTER_STATE_READY, 3000) >= 0);
    }
    rig_stop(&r, 1);
}

static void test_zpl_faults(void **state)
{
    (void)state;
    run_faults(STIEL_PRINTER_ZPL);
}

static void test_tspl_faults(void **state)
{
    (void)state;
    run_faults(STIEL_PRINTER_TSPL);
}

static void test_escpos_faults(void **state)
{
    (void)state;
    run_faults(STIEL_PRINTER_ESCPOS);
}

/* The sentence for paper out names what to do. */
static void test_paper_out_sentence(void **state)
{
    (void)state;
    assert_non_null(strstr(printer_state_message(PRINTER_STATE_PAPER_OUT), "Load labels"));
}

/* Paper out in the middle of a 10-label queue: after paper-in every label is printed exactly once. */
static void run_paper_out_queue(stiel_printer_lang lang)
{
    rig r;
    rig_start(&r, lang, 1);
    rig_add_printer(&r, lang, r.sim.path);
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000) >= 0);
    uint64_t ids[10];
    char job[128];
    for (int i = 0; i < 10; i++) {
        if (lang == STIEL_PRINTER_ZPL)
            snprintf(job, sizeof job, "^XA^FO10,10^A0N,20^FDlabel %d^FS^XZ", i);
        else
            snprintf(job, sizeof job, "CLS\r\nTEXT 10,10,\"3\",0,1,1,\"label %d\"\r\nPRINT 1,1\r\n", i);
        ids[i] = queue_job(&r, stiel_printer_lang_name(lang), job);
    }
    /* let three print, then pull the paper */
    for (int waited = 0; sim_pty_printed(&r.sim) < 3 && waited < 5000; waited += 1)
        sleep_ms(1);
    sim_pty_control(&r.sim, "paper-out");
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_PAPER_OUT, 3000) >= 0);
    sleep_ms(300); /* the queue must stand still */
    uint64_t during = sim_pty_printed(&r.sim);
    assert_true(during < 10);
    sleep_ms(200);
    assert_int_equal(sim_pty_printed(&r.sim), during);
    stiel_print_job_info info;
    assert_int_equal(stiel_print_queue_get(r.q, ids[9], &info), STIEL_OK);
    assert_int_equal(info.state, STIEL_PRINT_JOB_WAITING);
    sim_pty_control(&r.sim, "paper-in");
    for (int i = 0; i < 10; i++)
        assert_int_equal(wait_job(r.q, ids[i], STIEL_PRINT_JOB_CONFIRMED, 5000), 0);
    assert_int_equal(sim_pty_printed(&r.sim), 10);
    int seen[10] = {0};
    stiel_buf got;
    stiel_buf_init(&got, 0);
    while (sim_pty_take(&r.sim, &got)) {
        const char *p = strstr((const char *)got.data, "label ");
        assert_non_null(p);
        seen[atoi(p + 6)]++;
        stiel_buf_reset(&got);
    }
    for (int i = 0; i < 10; i++)
        assert_int_equal(seen[i], 1);
    stiel_buf_free(&got);
    rig_stop(&r, 1);
}

static void test_zpl_paper_out_queue(void **state)
{
    (void)state;
    run_paper_out_queue(STIEL_PRINTER_ZPL);
}

static void test_tspl_paper_out_queue(void **state)
{
    (void)state;
    run_paper_out_queue(STIEL_PRINTER_TSPL);
}

/* A job sent while the printer is silent is not confirmed until it answers again. */
static void test_zpl_silent_not_confirmed(void **state)
{
    (void)state;
    rig r;
    rig_start(&r, STIEL_PRINTER_ZPL, 1);
    rig_add_printer(&r, STIEL_PRINTER_ZPL, r.sim.path);
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000) >= 0);
    sim_pty_control(&r.sim, "silent");
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_OFFLINE, 3000) >= 0);
    uint64_t id = queue_job(&r, "zpl", zpl_job);
    sleep_ms(700);
    stiel_print_job_info info;
    assert_int_equal(stiel_print_queue_get(r.q, id, &info), STIEL_OK);
    assert_int_equal(info.state, STIEL_PRINT_JOB_WAITING); /* offline: nothing is sent */
    sim_pty_control(&r.sim, "answer");
    assert_int_equal(wait_job(r.q, id, STIEL_PRINT_JOB_CONFIRMED, 3000), 0);
    assert_int_equal(sim_pty_printed(&r.sim), 1);
    rig_stop(&r, 1);
}

/* EPL: no status, READY with the caveat, bytes byte-exact, sent = confirmed. */
static void test_epl_sent_is_confirmed(void **state)
{
    (void)state;
    rig r;
    rig_start(&r, STIEL_PRINTER_EPL, 1);
    rig_add_printer(&r, STIEL_PRINTER_EPL, r.sim.path);
    long at = wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000);
    assert_true(at >= 0);
    assert_non_null(strstr(recorder_at(&r.rec, (size_t)at)->diag.text, "no status"));
    static const char epl[] = "\nN\nq400\nQ200,24\nA10,10,0,3,1,1,N,\"hi\"\nP1\n";
    uint64_t id = queue_job(&r, "epl", epl);
    assert_int_equal(wait_job(r.q, id, STIEL_PRINT_JOB_CONFIRMED, 3000), 0);
    stiel_buf raw;
    stiel_buf_init(&raw, 0);
    for (int waited = 0; raw.len < strlen(epl) && waited < 2000; waited += 10) {
        stiel_buf_reset(&raw);
        sim_pty_raw(&r.sim, &raw);
        sleep_ms(10);
    }
    assert_int_equal(raw.len, strlen(epl));
    assert_memory_equal(raw.data, epl, raw.len);
    stiel_buf_free(&raw);
    rig_stop(&r, 1);
}

/* A job in the wrong language fails and is never sent. */
static void test_wrong_language_fails(void **state)
{
    (void)state;
    rig r;
    rig_start(&r, STIEL_PRINTER_ZPL, 1);
    rig_add_printer(&r, STIEL_PRINTER_ZPL, r.sim.path);
    assert_true(wait_status(&r.rec, 0, PRINTER_STATE_READY, 3000) >= 0);
    uint64_t id = queue_job(&r, "tspl", tspl_job);
    assert_int_equal(wait_job(r.q, id, STIEL_PRINT_JOB_FAILED, 3000), 0);
    assert_int_equal(sim_pty_printed(&r.sim), 0);
    rig_stop(&r, 1);
}

/* The virtual printer writes a PNG of a raster ZPL job and confirms it. */
static void test_virtual_png(void **state)
{
    (void)state;
    rig r;
    rig_start(&r, STIEL_PRINTER_ZPL, 0);
    char prev[256], port[512];
    temp_dir(prev, sizeof prev, "preview");
    assert_int_equal(stiel_printer_virtual_port(prev, port, sizeof port, NULL), STIEL_OK);
    stiel_printer_config pc = {.lang = STIEL_PRINTER_ZPL, .queue = r.q, .preview_dir = prev};
    void *data = NULL;
    assert_int_equal(stiel_printer_virtual_new(&pc, &data, NULL), STIEL_OK);
    stiel_device_config dc = {.port = port, .label = "virtual printer", .line = STIEL_LINE_SETTINGS_DEFAULT,
                              .ops = &stiel_printer_virtual_ops, .driver_data = data};
    assert_int_equal(stiel_device_thread_add(r.thr, &dc, &r.id, NULL), STIEL_OK);
    assert_int_equal(stiel_device_thread_claim(r.thr, r.id, NULL), STIEL_OK);
    stiel_bitmap bm;
    assert_int_equal(stiel_bitmap_init(&bm, 16, 4), STIEL_OK);
    stiel_bitmap_fill_rect(&bm, 0, 0, 8, 4, true);
    stiel_buf job;
    stiel_buf_init(&job, 0);
    assert_int_equal(raster_zpl_label_append(&job, &bm, RASTER_ZPL_Z64, NULL), STIEL_OK);
    uint64_t id = queue_job(&r, "zpl", (const char *)job.data);
    assert_int_equal(wait_job(r.q, id, STIEL_PRINT_JOB_CONFIRMED, 3000), 0);
    char png[600];
    snprintf(png, sizeof png, "%s/job-%llu.png", prev, (unsigned long long)id);
    FILE *f = fopen(png, "rb");
    assert_non_null(f);
    uint8_t head[24];
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    assert_memory_equal(head, raster_png_signature, 8);
    assert_int_equal(head[19], 16); /* width */
    assert_int_equal(head[23], 4);  /* height */
    stiel_buf_free(&job);
    stiel_bitmap_free(&bm);
    rig_stop(&r, 0);
    unlink(png);
    unlink(port);
    temp_dir_remove(prev);
}

/* Previews: ZPL ^FO+^GF placed at its origin, ESC/POS bands stacked, TSPL BITMAP inverted. */
static void test_preview(void **state)
{
    (void)state;
    stiel_bitmap bm, out;
    size_t native = 0;
    assert_int_equal(stiel_bitmap_init(&bm, 8, 2), STIEL_OK);
    stiel_bitmap_set(&bm, 0, 0, true);
    stiel_buf job;
    stiel_buf_init(&job, 0);
    assert_int_equal(stiel_buf_puts(&job, "^XA^PW40^LL20^FO5,3"), STIEL_OK);
    assert_int_equal(raster_zpl_gf_append(&job, &bm, RASTER_ZPL_HEX, NULL), STIEL_OK);
    assert_int_equal(stiel_buf_puts(&job, "^FS^FO0,0^A0N,20^FDx^FS^XZ"), STIEL_OK);
    assert_int_equal(stiel_printer_preview(STIEL_PRINTER_ZPL, job.data, job.len, 203, &out, &native, NULL), STIEL_OK);
    assert_int_equal(out.width, 40);
    assert_int_equal(out.height, 20);
    assert_true(stiel_bitmap_get(&out, 5, 3));
    assert_int_equal(stiel_bitmap_count_black(&out), 1);
    assert_int_equal(native, 1);
    stiel_bitmap_free(&out);
    assert_int_equal(stiel_printer_preview(STIEL_PRINTER_ESCPOS, (const uint8_t *)escpos_job, sizeof escpos_job - 1,
                                           203, &out, NULL, NULL),
                     STIEL_OK);
    assert_int_equal(out.width, 8);
    assert_int_equal(out.height, 2);
    assert_int_equal(stiel_bitmap_count_black(&out), 8);
    stiel_bitmap_free(&out);
    static const char tspl[] = "SIZE 1 mm,1 mm\r\nCLS\r\nBITMAP 1,0,1,1,0,\x7f\r\nPRINT 1,1\r\n";
    assert_int_equal(stiel_printer_preview(STIEL_PRINTER_TSPL, (const uint8_t *)tspl, sizeof tspl - 1, 203, &out,
                                           NULL, NULL),
                     STIEL_OK);
    assert_int_equal(out.width, 8); /* 1 mm at 203 dpi */
    assert_true(stiel_bitmap_get(&out, 1, 0));
    assert_int_equal(stiel_bitmap_count_black(&out), 1);
    stiel_bitmap_free(&out);
    assert_int_equal(stiel_printer_preview(STIEL_PRINTER_ZPL, (const uint8_t *)zpl_job, strlen(zpl_job), 203, &out,
                                           &native, NULL),
                     STIEL_ERR_NOT_FOUND);
    assert_null(out.bits);
    stiel_buf_free(&job);
    stiel_bitmap_free(&bm);
}

/* The simulator core: byte-exact ~HS for its state, formats buffered while paused, any chunking. */
static void test_sim_core(void **state)
{
    (void)state;
    stiel_printer_sim *s = NULL;
    assert_int_equal(stiel_printer_sim_new(STIEL_PRINTER_EPL, &s), STIEL_ERR_UNSUPPORTED);
    assert_int_equal(stiel_printer_sim_new(STIEL_PRINTER_ZPL, &s), STIEL_OK);
    stiel_buf reply;
    stiel_buf_init(&reply, 0);
    assert_int_equal(stiel_printer_sim_control(s, "pause", NULL), STIEL_OK);
    const char *in = "^XA^FDa^FS^PQ2^XZ~HS";
    for (size_t i = 0; i < strlen(in); i++) /* one byte at a time */
        assert_int_equal(stiel_printer_sim_feed(s, (const uint8_t *)in + i, 1, &reply), STIEL_OK);
    const char *want = "\x02" "030,0,1,1218,001,0,0,0,000,0,0,0\x03\r\n"
                       "\x02" "001,0,0,0,0,2,6,0,00000002,1,000\x03\r\n"
                       "\x02" "1234,0\x03\r\n";
    assert_int_equal(reply.len, strlen(want));
    assert_memory_equal(reply.data, want, reply.len);
    zpl_host_status hs;
    size_t used = 0;
    assert_int_equal(zpl_hs_parse(reply.data, reply.len, &hs, &used, NULL), STIEL_OK);
    assert_int_equal(hs.state, PRINTER_STATE_PAUSED);
    assert_int_equal(stiel_printer_sim_printed(s), 0);
    assert_int_equal(stiel_printer_sim_buffered(s), 2);
    assert_int_equal(stiel_printer_sim_control(s, "resume", NULL), STIEL_OK);
    assert_int_equal(stiel_printer_sim_printed(s), 2);
    stiel_diag diag;
    assert_int_equal(stiel_printer_sim_control(s, "jam", &diag), STIEL_ERR_ARG);
    assert_non_null(strstr(diag.text, "paper-out"));
    stiel_buf_reset(&reply);
    assert_int_equal(stiel_printer_sim_feed(s, (const uint8_t *)"~HI", 3, &reply), STIEL_OK);
    zpl_host_identification hi;
    assert_int_equal(zpl_hi_parse(reply.data, reply.len, &hi, &used, NULL), STIEL_OK);
    assert_int_equal(hi.dpi, 203);
    stiel_printer_sim_free(s);
    /* TSPL: a BITMAP payload holding ESC ! ? and "PRINT" is not parsed as commands */
    assert_int_equal(stiel_printer_sim_new(STIEL_PRINTER_TSPL, &s), STIEL_OK);
    stiel_buf_reset(&reply);
    static const char t[] = "CLS\r\nBITMAP 0,0,3,1,0,\x1b!?\r\nPRINT 1\r\n\x1b!?";
    assert_int_equal(stiel_printer_sim_feed(s, (const uint8_t *)t, sizeof t - 1, &reply), STIEL_OK);
    assert_int_equal(reply.len, 1);
    assert_int_equal(reply.data[0], 0x00);
    assert_int_equal(stiel_printer_sim_printed(s), 1);
    stiel_printer_sim_free(s);
    stiel_buf_free(&reply);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sim_core),
        cmocka_unit_test(test_preview),
        cmocka_unit_test(test_paper_out_sentence),
        cmocka_unit_test(test_zpl_job),
        cmocka_unit_test(test_tspl_job),
        cmocka_unit_test(test_escpos_job),
        cmocka_unit_test(test_zpl_faults),
        cmocka_unit_test(test_tspl_faults),
        cmocka_unit_test(test_escpos_faults),
        cmocka_unit_test(test_zpl_paper_out_queue),
        cmocka_unit_test(test_tspl_paper_out_queue),
        cmocka_unit_test(test_zpl_silent_not_confirmed),
        cmocka_unit_test(test_epl_sent_is_confirmed),
        cmocka_unit_test(test_wrong_language_fails),
        cmocka_unit_test(test_virtual_png),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
