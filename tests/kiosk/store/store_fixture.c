/* The store tests' fixture: temp directories and a one-line append helper. */
#include "tests/kiosk/store/store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/store/store_internal.h"

int fixture_make(fixture *f)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/stiel-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/evidence.db", f->dir);
    return 0;
}

void fixture_drop(fixture *f)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[160];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
}

stiel_status fixture_append(store *s, const char *kiosk, const char *trainee, int n,
                            store_receipt *r)
{
    char payload[64];
    snprintf(payload, sizeof payload, "{\"n\":%d,\"scan\":\"0871234567890%d\"}", n, n);
    store_event ev = {.kiosk_id = kiosk, .ts_ms = 1700000000000 + (int64_t)n * 1000,
                      .trainee_id = trainee, .actor_id = trainee && *trainee ? trainee : "system",
                      .kind = "step.done", .payload = payload};
    stiel_diag d;
    return store_append(s, &ev, r, &d);
}

int fixture_sql(store *s, const char *sql)
{
    return sqlite3_exec(store_sqlite(s), sql, NULL, NULL, NULL);
}

int fixture_open_with_people(fixture *f, const char *kiosk, int64_t ts_ms, const char *sup_pin,
                             const char *coach_pin, store **out)
{
    stiel_diag d;
    store *s = NULL;
    if (store_open(f->path, NULL, &s, &d) != STIEL_OK)
        return -1;
    store_trainee t = {.id = "T-0001", .badge = "TB-0001", .display_name = "Sam", .language = "nl",
                       .level = 2, .consent = true};
    store_event ev = {.kiosk_id = kiosk, .ts_ms = ts_ms, .trainee_id = "T-0001",
                      .actor_id = "setup", .kind = "trainee.added"};
    store_staff sup = {.id = "S-01", .role = ACCESS_ROLE_SUPERVISOR, .badge = "SB-01",
                       .name = "Ilse"};
    store_staff coach = {.id = "C-01", .role = ACCESS_ROLE_COACH, .badge = "CB-01",
                         .name = "Karim"};
    bool ok = store_trainee_add(s, &t, &ev, NULL, NULL, &d) == STIEL_OK;
    if (ok && sup_pin)
        ok = store_staff_add(s, kiosk, &sup, sup_pin, "setup", ts_ms, &d) == STIEL_OK;
    if (ok)
        ok = store_staff_add(s, kiosk, &coach, coach_pin, sup_pin ? "S-01" : "setup", ts_ms,
                             &d) == STIEL_OK;
    if (!ok) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}
