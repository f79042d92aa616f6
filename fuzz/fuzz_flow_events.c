/* libFuzzer target for the event text forms of the pick and pack flows (the lines the app keeps in
 * its event log) and for the PIN lockout rule; the first byte picks one.
 * 0/1: pick_event_parse / pack_event_parse of one line: what parses formats to one line that
 *      parses to the same event and formats to the same text.
 * 2:   access_lockout_eval over a history of attempts taken from the bytes: the lock's fields
 *      agree with each other and with access_lock_delay_ms. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/core/access.h"
#include "kiosk/core/pack_flow.h"
#include "kiosk/core/pick_flow.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The formatted text is one line ending in '\n'; returns it without the '\n' (in place). */
static char *one_line(stiel_buf *b)
{
    CHECK(b->len >= 2 && b->data[b->len - 1] == '\n');
    CHECK(memchr(b->data, '\n', b->len - 1) == NULL);
    CHECK(strlen((const char *)b->data) == b->len);
    b->data[b->len - 1] = '\0';
    return (char *)b->data;
}

/* Field by field (a key given twice leaves bytes of its first value after the NUL). */
static bool pick_same(const pick_event *a, const pick_event *b)
{
    return a->kind == b->kind && a->now_ms == b->now_ms && strcmp(a->data, b->data) == 0 &&
           a->symbology == b->symbology && strcmp(a->device, b->device) == 0 && a->action == b->action &&
           a->qty == b->qty && a->ok == b->ok && a->prompt == b->prompt;
}

static bool pack_same(const pack_event *a, const pack_event *b)
{
    return a->kind == b->kind && a->now_ms == b->now_ms && strcmp(a->data, b->data) == 0 &&
           a->symbology == b->symbology && strcmp(a->device, b->device) == 0 && a->action == b->action &&
           strcmp(a->box, b->box) == 0 && a->ok == b->ok && a->printer == b->printer &&
           a->prompt == b->prompt;
}

static void fuzz_pick(const char *line)
{
    static pick_event ev, back;
    stiel_diag diag;
    memset(&ev, 0, sizeof ev);
    stiel_status st = pick_event_parse(line, &ev, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        return;
    }
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    CHECK(pick_event_format(&ev, &a) == STIEL_OK);
    memset(&back, 0, sizeof back);
    CHECK(pick_event_parse(one_line(&a), &back, &diag) == STIEL_OK);
    CHECK(pick_same(&ev, &back));
    CHECK(pick_event_format(&back, &b) == STIEL_OK);
    CHECK(strcmp(one_line(&b), (const char *)a.data) == 0);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void fuzz_pack(const char *line)
{
    static pack_event ev, back;
    stiel_diag diag;
    memset(&ev, 0, sizeof ev);
    stiel_status st = pack_event_parse(line, &ev, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        return;
    }
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    CHECK(pack_event_format(&ev, &a) == STIEL_OK);
    memset(&back, 0, sizeof back);
    CHECK(pack_event_parse(one_line(&a), &back, &diag) == STIEL_OK);
    CHECK(pack_same(&ev, &back));
    CHECK(pack_event_format(&back, &b) == STIEL_OK);
    CHECK(strcmp(one_line(&b), (const char *)a.data) == 0);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void fuzz_lockout(const uint8_t *p, size_t n)
{
    static access_attempt h[4096];
    size_t count = 0;
    int64_t t = 0;
    /* each attempt: one byte, bit 0 ok, the rest a time step in seconds (0..127) */
    for (size_t i = 0; i + 1 < n && count < sizeof h / sizeof h[0]; i++) {
        t += (int64_t)(p[i] >> 1) * 1000 + (p[i] & 0x80 ? 0 : 7);
        h[count].ts_ms = t;
        h[count].ok = (p[i] & 1) != 0;
        count++;
    }
    int64_t now = t + (n > 0 ? (int64_t)p[n - 1] * 3000 : 0);
    access_lockout lo;
    access_lockout_eval(count ? h : NULL, count, now, &lo);
    CHECK(lo.remaining_ms >= 0 && lo.delay_ms >= 0 && lo.delay_ms <= ACCESS_LOCK_MAX_MS);
    if (lo.locked) {
        CHECK(lo.failures >= ACCESS_LOCK_AFTER);
        CHECK(lo.until_ms > now && lo.remaining_ms == lo.until_ms - now);
        CHECK(lo.remaining_ms <= lo.delay_ms);
    } else {
        CHECK(lo.remaining_ms == 0);
    }
    if (lo.failures < ACCESS_LOCK_AFTER)
        CHECK(!lo.locked);
    /* the last attempt right: nothing is held against the badge */
    if (count > 0 && h[count - 1].ok)
        CHECK(lo.failures == 0 && !lo.locked);
    /* later, every lock has run out */
    access_lockout later;
    access_lockout_eval(count ? h : NULL, count, now + ACCESS_LOCK_MAX_MS + 1, &later);
    CHECK(!later.locked && later.failures == lo.failures);
    for (unsigned f = 0; f < 64; f++) {
        int64_t d = access_lock_delay_ms(f);
        CHECK(f < ACCESS_LOCK_AFTER ? d == 0 : (d >= ACCESS_LOCK_FIRST_MS && d <= ACCESS_LOCK_MAX_MS));
        CHECK(f == 0 || d >= access_lock_delay_ms(f - 1));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192)
        return 0;
    if (data[0] % 3 == 2) {
        fuzz_lockout(data + 1, size - 1);
        return 0;
    }
    char *line = malloc(size);
    CHECK(line != NULL);
    memcpy(line, data + 1, size - 1);
    line[size - 1] = '\0';
    if (data[0] % 3 == 0)
        fuzz_pick(line);
    else
        fuzz_pack(line);
    free(line);
    return 0;
}
