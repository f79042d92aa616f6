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
