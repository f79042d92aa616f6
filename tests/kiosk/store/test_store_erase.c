/* Privacy erasure: the trainee's payloads leave the files (db and WAL), tombstones and a logged
 * erasure event remain, every chain still verifies, other trainees are untouched, the CSV export
 * shows no erased data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/store/store_internal.h"
#include "tests/kiosk/store/store_fixture.h"

static const char MARKER[] = "Fatima-El-Amrani-private-note";

/* Does the file at path+suffix contain needle anywhere? */
static bool file_has(const char *path, const char *suffix, const char *needle)
{
    char p[200];
    snprintf(p, sizeof p, "%s%s", path, suffix);
    FILE *fp = fopen(p, "rb");
    if (!fp)
        return false;
    size_t n = strlen(needle), cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    size_t got;
    bool found = false;
    while (buf && (got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                break;
            buf = nb;
            cap *= 2;
        }
    }
    for (size_t i = 0; buf && i + n <= len && !found; i++)
        found = memcmp(buf + i, needle, n) == 0;
    free(buf);
    fclose(fp);
    return found;
}

typedef struct seen {
    int n, erased, erasures;
    char erasure_payload[160];
    char erasure_actor[32];
} seen;

static int seen_row(const store_row *r, void *ctx)
{
    seen *s = ctx;
    s->n++;
    if (r->erased) {
        s->erased++;
        assert_null(r->payload);
    }
    if (strcmp(r->kind, "erasure") == 0) {
        s->erasures++;
        snprintf(s->erasure_payload, sizeof s->erasure_payload, "%s", r->payload);
        snprintf(s->erasure_actor, sizeof s->erasure_actor, "%s", r->actor_id);
    }
    return 0;
}

static void fill(store *s)
{
    char payload[128];
    snprintf(payload, sizeof payload, "{\"note\":\"%s\"}", MARKER);
    for (int i = 0; i < 4; i++) {
        store_event ev = {.kiosk_id = i % 2 ? "pack-1" : "pick-1", .ts_ms = 1000 + i,
                          .trainee_id = "T-7", .actor_id = "T-7", .kind = "step.done",
                          .payload = payload};
        stiel_diag d;
        assert_int_equal(store_append(s, &ev, NULL, &d), STIEL_OK);
        assert_int_equal(fixture_append(s, "pick-1", "T-8", i, NULL), STIEL_OK);
    }
}

static void test_erase_keeps_chain(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    fill(s);
    assert_true(file_has(f.path, "", MARKER) || file_has(f.path, "-wal", MARKER));
    int64_t n = 0;
    assert_int_equal(store_erase_trainee(s, "pick-1", "T-7", "coach-3",
                                         "request under GDPR art. 17", 5000, &n, &d),
                     STIEL_OK);
    assert_int_equal(n, 4);

    store_verify_report rep;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    if (!rep.ok)
        fail_msg("after erasure: %s at %s/%lld", rep.what, rep.bad_kiosk, (long long)rep.bad_seq);
    assert_int_equal(rep.events, 9);
    assert_int_equal(rep.erased, 4);

    seen t7 = {0}, t8 = {0};
    assert_int_equal(store_trainee_events(s, "T-7", seen_row, &t7, &d), STIEL_OK);
    assert_int_equal(t7.n, 5);
    assert_int_equal(t7.erased, 4);
    assert_int_equal(t7.erasures, 1);
    assert_string_equal(t7.erasure_actor, "coach-3");
    assert_string_equal(t7.erasure_payload, "{\"reason\":\"request under GDPR art. 17\",\"events\":4}");
    assert_int_equal(store_trainee_events(s, "T-8", seen_row, &t8, &d), STIEL_OK);
    assert_int_equal(t8.n, 4);
    assert_int_equal(t8.erased, 0);

    /* The old payloads are gone from the database file and the WAL. */
    assert_false(file_has(f.path, "", MARKER));
    assert_false(file_has(f.path, "-wal", MARKER));

    /* The erased rows are still protected against any other change. */
    assert_int_equal(fixture_sql(s, "UPDATE events SET kind = 'x' WHERE payload IS NULL"),
                     SQLITE_CONSTRAINT_TRIGGER);
    assert_int_equal(fixture_sql(s, "DELETE FROM erased"), SQLITE_CONSTRAINT_TRIGGER);

    /* The export carries the tombstones, not the data. */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_int_equal(store_export_csv(s, mem, &d), STIEL_OK);
    fclose(mem);
    assert_null(strstr(text, MARKER));
    assert_non_null(strstr(text, ",T-7,T-7,step.done,,1,,"));
    free(text);

    /* Appending goes on after an erasure, and a second erasure has nothing left to erase. */
    assert_int_equal(fixture_append(s, "pick-1", "T-8", 9, NULL), STIEL_OK);
    assert_int_equal(store_erase_trainee(s, "pack-1", "T-7", "coach-3", "again", 6000, &n, &d),
                     STIEL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    assert_int_equal(rep.events, 11);
    store_close(s);
    assert_false(file_has(f.path, "", MARKER));
    fixture_drop(&f);
}

static void test_erase_bad_requests(void **state)
{
    (void)state;
    fixture f;
    assert_int_equal(fixture_make(&f), 0);
    store *s = NULL;
    stiel_diag d;
    assert_int_equal(store_open(f.path, NULL, &s, &d), STIEL_OK);
    fill(s);
    int64_t n = -1;
    assert_int_equal(store_erase_trainee(s, "pick-1", "T-404", "coach", "why", 1, &n, &d),
                     STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "T-404"));
    assert_int_equal(n, -1);
    assert_int_equal(store_erase_trainee(s, "pick-1", "T-7", "coach", "", 1, &n, &d),
                     STIEL_ERR_MISSING);
    assert_int_equal(store_erase_trainee(s, "pick-1", "T-7", NULL, "why", 1, &n, &d),
                     STIEL_ERR_ARG);
    assert_int_equal(store_erase_trainee(s, "", "T-7", "coach", "why", 1, &n, &d), STIEL_ERR_ARG);
    store_verify_report rep;
    assert_int_equal(store_verify(s, &rep, &d), STIEL_OK);
    assert_true(rep.ok);
    assert_int_equal(rep.events, 8);
    assert_int_equal(rep.erased, 0);
    store_close(s);
    fixture_drop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erase_keeps_chain),
        cmocka_unit_test(test_erase_bad_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
