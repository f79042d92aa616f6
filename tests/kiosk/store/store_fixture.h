/* Shared by the store tests: a fresh temp directory with a store path in it, removed afterwards,
 * and a helper that appends a numbered event. */
#ifndef STIEL_TESTS_KIOSK_STORE_STORE_FIXTURE_H
#define STIEL_TESTS_KIOSK_STORE_STORE_FIXTURE_H

#include <limits.h>

#include "kiosk/store/store.h"

typedef struct fixture {
    char dir[64];
    char path[128];
} fixture;

/* Makes /tmp/stiel-store-XXXXXX and sets path to DIR/evidence.db. Returns 0 or -1. */
int fixture_make(fixture *f);

/* Removes the db, -wal, -shm files and the directory. */
void fixture_drop(fixture *f);

/* Appends event n (kind "step.done", payload {"n":n}) for trainee on kiosk; returns the status. */
stiel_status fixture_append(store *s, const char *kiosk, const char *trainee, int n,
                            store_receipt *r);

/* Opens the fixture's store and adds trainee T-0001 (badge TB-0001, "Sam", level 2) and coach
 * C-01 (badge CB-01, PIN coach_pin) on kiosk at time ts_ms; when sup_pin is not NULL, supervisor
 * S-01 (badge SB-01) first, who then adds the coach. Returns 0 or -1. */
int fixture_open_with_people(fixture *f, const char *kiosk, int64_t ts_ms, const char *sup_pin,
                             const char *coach_pin, store **out);

/* Runs SQL directly on the store's file through its SQLite handle; returns the SQLite code. */
int fixture_sql(store *s, const char *sql);

#endif
