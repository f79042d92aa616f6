/* A dossier's verification code after the dossier was issued: the "dossier.issued" payload
 * (byte-exact, round trip, each bad field to its error), the code's formula (a vector worked out
 * by hand, equal to the report's and to store_verify's head), recording an issue (refused when
 * the code or a head is wrong), checking a code after more events (match, unknown, forged
 * payloads named), and the stiel report / stiel verify --code commands on the fixture store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "kiosk/report/report.h"
#include "kiosk/store/store_dossier.h"
#include "tests/kiosk/report/report_fixture.h"

#define SHA256_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define HEX_11 "1111111111111111111111111111111111111111111111111111111111111111"
#define HEX_FF "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
/* SHA-256 of 00000007 "coach-1" 0000000000000005 11*32 00000006 "pick-1" 000000000000012c ff*32 */
#define CODE_TWO "7cb6cefb250a9d9d579e765b92b013aab7e6dd1ebcbab9c65b641128f06c1a77"

static int setup(void **state)
{
    rf *f = calloc(1, sizeof *f);
    if (!f || rf_make(f) != 0) {
        if (f)
            rf_drop(f);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    rf *f = *state;
    rf_drop(f);
    free(f);
    return 0;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

static void two_chains(evidence_dossier *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->trainee, sizeof d->trainee, "T-0042");
    snprintf(d->from, sizeof d->from, "2025-03-03");
    snprintf(d->to, sizeof d->to, "2025-03-08");
    snprintf(d->format, sizeof d->format, "pdf");
    snprintf(d->code, sizeof d->code, CODE_TWO);
    d->chain_count = 2;
    snprintf(d->chains[0].kiosk, sizeof d->chains[0].kiosk, "coach-1");
    d->chains[0].seq = 5;
    snprintf(d->chains[0].hash, sizeof d->chains[0].hash, HEX_11);
    snprintf(d->chains[1].kiosk, sizeof d->chains[1].kiosk, "pick-1");
    d->chains[1].seq = 300;
    snprintf(d->chains[1].hash, sizeof d->chains[1].hash, HEX_FF);
}

/* ---- the payload ---------------------------------------------------------------------------- */

static void test_payload_round_trip(void **state)
{
    (void)state;
    evidence_dossier d, back;
    two_chains(&d);
    d.with_names = true;
    stiel_buf b;
    stiel_buf_init(&b, 4096);
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_OK);
    assert_string_equal((const char *)b.data,
                        "{\"trainee\":\"T-0042\",\"from\":\"2025-03-03\",\"to\":\"2025-03-08\","
                        "\"format\":\"pdf\",\"with_names\":true,\"code\":\"" CODE_TWO "\","
                        "\"chains\":[{\"kiosk\":\"coach-1\",\"seq\":5,\"hash\":\"" HEX_11 "\"},"
                        "{\"kiosk\":\"pick-1\",\"seq\":300,\"hash\":\"" HEX_FF "\"}]}");
    stiel_diag diag;
    assert_int_equal(evidence_dossier_parse((const char *)b.data, b.len, &back, &diag), STIEL_OK);
    assert_memory_equal(&d, &back, sizeof d);
    /* no chains: an empty list */
    d.chain_count = 0;
    d.with_names = false;
    stiel_buf_reset(&b);
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_OK);
    assert_non_null(strstr((const char *)b.data, "\"with_names\":false,"));
    assert_non_null(strstr((const char *)b.data, "\"chains\":[]}"));
    assert_int_equal(evidence_dossier_parse((const char *)b.data, b.len, &back, &diag), STIEL_OK);
    assert_int_equal(back.chain_count, 0);
    stiel_buf_free(&b);
}

static void test_payload_write_refuses(void **state)
{
    (void)state;
    evidence_dossier d;
    stiel_buf b;
    stiel_buf_init(&b, 4096);
    two_chains(&d);
    d.code[0] = 'A';                        /* uppercase: not the stored form */
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.code[63] = '\0';
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.chains[1].seq = 0;
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.chains[0].kiosk[0] = '\0';
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.chains[0].hash[10] = 'g';
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.trainee[0] = '\0';
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    two_chains(&d);
    d.chain_count = EVIDENCE_DOSSIER_CHAINS_MAX + 1;
    assert_int_equal(evidence_dossier_write(&d, &b), STIEL_ERR_ARG);
    assert_int_equal(b.len, 0);              /* nothing written on a refusal */
    stiel_buf_free(&b);
}

static stiel_status parse_text(const char *json, stiel_diag *diag)
{
    evidence_dossier d;
    return evidence_dossier_parse(json, strlen(json), &d, diag);
}

#define HEAD "{\"trainee\":\"T-1\",\"from\":\"2025-01-01\",\"to\":\"2025-01-02\",\"format\":\"csv\","
#define CHAIN(seq, hash) "{\"kiosk\":\"k\",\"seq\":" seq ",\"hash\":\"" hash "\"}"

static void test_payload_parse_errors(void **state)
{
    (void)state;
    stiel_diag d;
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":["
                                CHAIN("1", HEX_FF) "]}", &d), STIEL_OK);
    assert_int_equal(parse_text("{\"trainee\":", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_text("[1]", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"chains\":[]}", &d), STIEL_ERR_MISSING);
    assert_non_null(strstr(d.text, "\"code\" is missing"));
    assert_int_equal(parse_text(HEAD "\"with_names\":\"no\",\"code\":\"" HEX_11 "\",\"chains\":[]}",
                                &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "with_names"));
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"ABCD\",\"chains\":[]}", &d),
                     STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "64 lowercase hex"));
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":{}}",
                                &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":[7]}",
                                &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":["
                                CHAIN("0", HEX_FF) "]}", &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "chain 1"));
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":["
                                CHAIN("1", HEX_FF) "," CHAIN("2.5", HEX_FF) "]}", &d),
                     STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "chain 2"));
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":["
                                CHAIN("1", "ff") "]}", &d), STIEL_ERR_SYNTAX);
    assert_int_equal(parse_text(HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":["
                                "{\"seq\":1,\"hash\":\"" HEX_FF "\"}]}", &d), STIEL_ERR_MISSING);
    /* a trainee id longer than the store allows, and more chains than a dossier names */
    char big[4096];
    snprintf(big, sizeof big, "{\"trainee\":\"%065d\",\"from\":\"\",\"to\":\"\",\"format\":\"csv\","
             "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":[]}", 7);
    assert_int_equal(parse_text(big, &d), STIEL_ERR_OVERLONG);
    int n = snprintf(big, sizeof big, HEAD "\"with_names\":false,\"code\":\"" HEX_11 "\",\"chains\":[");
    for (int i = 0; i <= EVIDENCE_DOSSIER_CHAINS_MAX; i++)
        n += snprintf(big + n, sizeof big - (size_t)n, "%s{\"kiosk\":\"k%d\",\"seq\":1,\"hash\":\"%s\"}",
                      i ? "," : "", i, HEX_FF);
    snprintf(big + n, sizeof big - (size_t)n, "]}");
    assert_int_equal(parse_text(big, &d), STIEL_ERR_OVERLONG);
}

/* ---- the code ------------------------------------------------------------------------------- */

static void fill_from_report(const report *r, const char *format, evidence_dossier *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->trainee, sizeof d->trainee, "%s", r->trainee.id);
    report_day_text(r->from_day, d->from);
    report_day_text(r->to_day, d->to);
    snprintf(d->format, sizeof d->format, "%s", format);
    snprintf(d->code, sizeof d->code, "%s", r->code);
    for (size_t i = 0; i < r->chain_count; i++) {
        evidence_dossier_chain *c = &d->chains[d->chain_count++];
        snprintf(c->kiosk, sizeof c->kiosk, "%s", r->chains[i].kiosk);
        c->seq = r->chains[i].seq;
        snprintf(c->hash, sizeof c->hash, "%s", r->chains[i].hex);
    }
}

static void test_code_formula(void **state)
{
    rf *f = *state;
    evidence_dossier d;
    char code[STORE_HASH_HEX];
    two_chains(&d);
    assert_int_equal(store_dossier_code(&d, code), STIEL_OK);
    assert_string_equal(code, CODE_TWO);
    d.chain_count = 0;
    assert_int_equal(store_dossier_code(&d, code), STIEL_OK);
    assert_string_equal(code, SHA256_EMPTY);
    two_chains(&d);
    d.chains[1].hash[0] = 'F';
    assert_int_equal(store_dossier_code(&d, code), STIEL_ERR_ARG);
    /* the report's code, and store_verify's head (the fixture's chains are all the trainee's) */
    report_options o = rf_options(f);
    report r;
    stiel_diag diag;
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, &o, &r, &diag), STIEL_OK);
    fill_from_report(&r, "pdf", &d);
    assert_int_equal(store_dossier_code(&d, code), STIEL_OK);
    assert_string_equal(code, r.code);
    store_verify_report v;
    assert_int_equal(store_verify(f->s, &v, &diag), STIEL_OK);
    assert_string_equal(code, v.head_hex);
    report_free(&r);
}

/* ---- issuing and checking ------------------------------------------------------------------- */

static int64_t events_in(store *s)
{
    store_verify_report v;
    stiel_diag d;
    assert_int_equal(store_verify(s, &v, &d), STIEL_OK);
    assert_true(v.ok);
    return v.events;
}

static void more_events(store *s, int n)
{
    stiel_diag d;
    for (int i = 0; i < n; i++) {
        store_event ev = {.kiosk_id = i % 2 ? "pick-1" : "coach-1",
                          .ts_ms = (RF_DAY0 + 7) * INT64_C(86400000) + i,
                          .trainee_id = RF_TRAINEE, .actor_id = RF_TRAINEE, .kind = "note"};
        assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_OK);
    }
}

static void test_issue_and_check(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    stiel_diag d;
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, &o, &r, &d), STIEL_OK);
    evidence_dossier dos;
    fill_from_report(&r, "html", &dos);
    int64_t before = events_in(f->s);
    /* refused, nothing recorded: a code that is not the heads', a hash that is not the row's,
     * a seq past the head */
    evidence_dossier bad = dos;
    bad.code[5] = bad.code[5] == '0' ? '1' : '0';
    assert_int_equal(store_dossier_issue(f->s, "desk-1", "C-01", &bad, o.now_ms, NULL, &d),
                     STIEL_ERR_ARG);
    bad = dos;
    bad.chains[1].hash[0] = bad.chains[1].hash[0] == '0' ? '1' : '0';
    assert_int_equal(store_dossier_code(&bad, bad.code), STIEL_OK);
    assert_int_equal(store_dossier_issue(f->s, "desk-1", "C-01", &bad, o.now_ms, NULL, &d),
                     STIEL_ERR_CORRUPT);
    assert_non_null(strstr(d.text, "pick-1"));
    bad = dos;
    bad.chains[0].seq += 1;
    assert_int_equal(store_dossier_code(&bad, bad.code), STIEL_OK);
    assert_int_equal(store_dossier_issue(f->s, "desk-1", "C-01", &bad, o.now_ms, NULL, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_int_equal(events_in(f->s), before);
    /* issued, then more evidence: still matches */
    store_receipt rc;
    assert_int_equal(store_dossier_issue(f->s, "desk-1", "C-01", &dos, o.now_ms, &rc, &d), STIEL_OK);
    more_events(f->s, 5);
    assert_int_equal(events_in(f->s), before + 6);
    store_dossier_check c;
    assert_int_equal(store_dossier_check_code(f->s, r.code, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MATCH);
    assert_int_equal(c.issued, 1);
    assert_string_equal(c.event_id, rc.id);
    assert_string_equal(c.kiosk_id, "desk-1");
    assert_int_equal(c.seq, 1);
    assert_int_equal(c.ts_ms, o.now_ms);
    assert_string_equal(c.actor_id, "C-01");
    assert_memory_equal(&c.dossier, &dos, sizeof dos);
    /* either case */
    char upper[STORE_HASH_HEX];
    for (size_t i = 0; i < sizeof upper; i++)
        upper[i] = (char)(r.code[i] >= 'a' && r.code[i] <= 'f' ? r.code[i] - 32 : r.code[i]);
    assert_int_equal(store_dossier_check_code(f->s, upper, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MATCH);
    /* the store's head now is no dossier's code; a malformed code is refused */
    store_verify_report v;
    assert_int_equal(store_verify(f->s, &v, &d), STIEL_OK);
    assert_int_equal(store_dossier_check_code(f->s, v.head_hex, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_UNKNOWN);
    assert_int_equal(c.issued, 0);
    assert_int_equal(store_dossier_check_code(f->s, "12ab", &c, &d), STIEL_ERR_ARG);
    char g[STORE_HASH_HEX];
    memcpy(g, r.code, sizeof g);
    g[63] = 'g';
    assert_int_equal(store_dossier_check_code(f->s, g, &c, &d), STIEL_ERR_ARG);
    assert_int_equal(store_dossier_check_code(NULL, r.code, &c, &d), STIEL_ERR_CLOSED);
    report_free(&r);
}

/* Appends a dossier.issued event with dos's payload as is (no checks), on kiosk. */
static void forge(store *s, const char *kiosk, const evidence_dossier *dos)
{
    stiel_buf b;
    stiel_buf_init(&b, 65536);
    assert_int_equal(evidence_dossier_write(dos, &b), STIEL_OK);
    store_event ev = {.kiosk_id = kiosk, .ts_ms = (RF_DAY0 + 8) * INT64_C(86400000),
                      .trainee_id = RF_TRAINEE, .actor_id = "C-01",
                      .kind = EVIDENCE_KIND_DOSSIER_ISSUED, .payload = (const char *)b.data};
    stiel_diag d;
    assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_OK);
    stiel_buf_free(&b);
}

static void test_check_names_forgeries(void **state)
{
    rf *f = *state;
    report_options o = rf_options(f);
    report r;
    stiel_diag d;
    assert_int_equal(report_build(f->s, RF_TRAINEE, NULL, 0, &o, &r, &d), STIEL_OK);
    evidence_dossier dos, x;
    fill_from_report(&r, "csv", &dos);
    store_dossier_check c;
    /* a head with another hash (the code recomputed over it, so only the row check fails) */
    x = dos;
    x.chains[1].hash[3] = x.chains[1].hash[3] == 'a' ? 'b' : 'a';
    assert_int_equal(store_dossier_code(&x, x.code), STIEL_OK);
    forge(f->s, "desk-1", &x);
    assert_int_equal(store_dossier_check_code(f->s, x.code, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MISMATCH);
    assert_non_null(strstr(c.what, "kiosk pick-1's event at seq"));
    /* a code its heads do not give */
    x = dos;
    memcpy(x.code, HEX_11, sizeof x.code);
    forge(f->s, "desk-1", &x);
    assert_int_equal(store_dossier_check_code(f->s, HEX_11, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MISMATCH);
    assert_non_null(strstr(c.what, "give the code"));
    /* recorded on a chain it lists, at a seq not before its own */
    store_head_info h;
    assert_int_equal(store_head(f->s, "pick-1", &h, &d), STIEL_OK);
    x = dos;
    assert_string_equal(x.chains[1].kiosk, "pick-1");
    x.chains[1].seq = h.seq + 1;     /* the row the forged event itself will be */
    assert_int_equal(store_dossier_code(&x, x.code), STIEL_OK);
    forge(f->s, "pick-1", &x);
    assert_int_equal(store_dossier_check_code(f->s, x.code, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MISMATCH);
    assert_non_null(strstr(c.what, "not before it"));
    /* a forged event and then the genuine issue with the same code: the genuine one matches */
    x = dos;
    x.chains[0].hash[0] = x.chains[0].hash[0] == 'a' ? 'b' : 'a';
    memcpy(x.code, dos.code, sizeof x.code);
    forge(f->s, "coach-1", &x);
    assert_int_equal(store_dossier_issue(f->s, "desk-1", "S-01", &dos, o.now_ms, NULL, &d), STIEL_OK);
    assert_int_equal(store_dossier_check_code(f->s, dos.code, &c, &d), STIEL_OK);
    assert_int_equal(c.verdict, STORE_DOSSIER_MATCH);
    assert_int_equal(c.issued, 2);
    assert_string_equal(c.actor_id, "S-01");
    report_free(&r);
}

/* ---- the commands --------------------------------------------------------------------------- */

typedef struct last_row {
    char payload[65536];
    char actor[STORE_ID_MAX + 1];
    bool found;
} last_row;

static int keep_last(const store_row *row, void *ctx)
{
    last_row *l = ctx;
    snprintf(l->payload, sizeof l->payload, "%s", row->payload ? row->payload : "");
    snprintf(l->actor, sizeof l->actor, "%s", row->actor_id);
    l->found = true;
    return 0;
}

static void test_cli(void **state)
{
    rf *f = *state;
    char out[300];
    snprintf(out, sizeof out, "%s/dossier.pdf", f->dir);
    const char *env = "STIEL_ASSETS=" STIEL_TEST_ASSETS " STIEL_KIOSK=desk-7";
    /* --by a trainee or someone unknown: refused (1), recorded, nothing written */
    assert_int_equal(run("%s '%s' report %s --format pdf --by %s --out '%s' --db '%s' 2>/dev/null",
                         env, STIEL_BIN, RF_TRAINEE, RF_TRAINEE, out, f->path), 1);
    assert_int_equal(run("%s '%s' report %s --format pdf --by X-99 --out '%s' --db '%s' 2>/dev/null",
                         env, STIEL_BIN, RF_TRAINEE, out, f->path), 1);
    assert_int_equal(run("test -e '%s'", out), 1);
    last_row *l = calloc(1, sizeof *l);
    assert_non_null(l);
    stiel_diag d;
    assert_int_equal(store_kiosk_last(f->s, "desk-7", "access.refused", keep_last, l, &d), STIEL_OK);
    assert_string_equal(l->actor, "X-99");
    assert_non_null(strstr(l->payload, "export_dossier"));
    assert_int_equal(store_kiosk_last(f->s, "desk-7", EVIDENCE_KIND_DOSSIER_ISSUED, keep_last, l,
                                      &d), STIEL_ERR_NOT_FOUND);
    /* a coach issues it: the dossier.issued event names the coach and holds the printed code */
    assert_int_equal(run("%s '%s' report %s --format pdf --by C-01 --out '%s' --db '%s' "
                         ">'%s/report.out'", env, STIEL_BIN, RF_TRAINEE, out, f->path, f->dir), 0);
    assert_int_equal(store_kiosk_last(f->s, "desk-7", EVIDENCE_KIND_DOSSIER_ISSUED, keep_last, l,
                                      &d), STIEL_OK);
    assert_string_equal(l->actor, "C-01");
    evidence_dossier dos;
    assert_int_equal(evidence_dossier_parse(l->payload, strlen(l->payload), &dos, &d), STIEL_OK);
    assert_string_equal(dos.trainee, RF_TRAINEE);
    assert_string_equal(dos.format, "pdf");
    assert_false(dos.with_names);
    assert_int_equal(run("grep -q 'verification code %s (check: stiel verify --code %s)' "
                         "'%s/report.out'", dos.code, dos.code, f->dir), 0);
    /* the PDF says how to check it */
    assert_int_equal(run("pdftotext '%s' - | tr -s ' \\n' '  ' | grep -q 'stiel verify --code %s'",
                         out, dos.code), 0);
    /* more evidence, then verify --code: 0; without --by the actor is "cli" */
    more_events(f->s, 3);
    assert_int_equal(run("%s '%s' report %s --format csv --out '%s/d.csv' --db '%s' >/dev/null",
                         env, STIEL_BIN, RF_TRAINEE, f->dir, f->path), 0);
    assert_int_equal(store_kiosk_last(f->s, "desk-7", EVIDENCE_KIND_DOSSIER_ISSUED, keep_last, l,
                                      &d), STIEL_OK);
    assert_string_equal(l->actor, "cli");
    assert_int_equal(run("grep -q '^dossier,verify_with,stiel verify --code [0-9a-f]\\{64\\},' "
                         "'%s/d.csv'", f->dir), 0);
    assert_int_equal(run("'%s' verify --code %s --db '%s' >'%s/verify.out'", STIEL_BIN, dos.code,
                         f->path, f->dir), 0);
    assert_int_equal(run("grep -q '^dossier code %s issued .* by C-01 for %s (period .*, pdf): "
                         "matches the evidence chain (3 kiosks, up to coach-1 seq [0-9]*, desk-7 "
                         "seq 2, pick-1 seq [0-9]*)$' '%s/verify.out'", dos.code, RF_TRAINEE, f->dir), 0);
    /* unknown: 1; malformed: 2 */
    assert_int_equal(run("'%s' verify --code " HEX_11 " --db '%s' | grep -q 'is unknown'",
                         STIEL_BIN, f->path), 0);
    assert_int_equal(run("'%s' verify --code " HEX_11 " --db '%s' >/dev/null", STIEL_BIN, f->path), 1);
    assert_int_equal(run("'%s' verify --code 12ab --db '%s' 2>/dev/null", STIEL_BIN, f->path), 2);
    assert_int_equal(run("'%s' verify --code --db '%s' 2>/dev/null", STIEL_BIN, f->path), 2);
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payload_round_trip),
        cmocka_unit_test(test_payload_write_refuses),
        cmocka_unit_test(test_payload_parse_errors),
        cmocka_unit_test_setup_teardown(test_code_formula, setup, teardown),
        cmocka_unit_test_setup_teardown(test_issue_and_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_names_forgeries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    report_render_pdf_cleanup();
    return failed;
}
