/* The dossier tests' fixture: a temp store with one trainee's evidence over six days at two
 * levels (pick tasks through evidence_json, a level change, coach observations, a sign-off by
 * store_competency_sign_off, a void), the frameworks and levels from assets/, and the figures
 * the dossier must show, worked out by hand from what was recorded. */
#ifndef STIEL_TESTS_KIOSK_REPORT_REPORT_FIXTURE_H
#define STIEL_TESTS_KIOSK_REPORT_REPORT_FIXTURE_H

#include "kiosk/report/report.h"

#define RF_TRAINEE "T-0042"
#define RF_NAME "Fatima Testpersoon"
#define RF_COACH_NAME "Karim Coach"
#define RF_DAY0 INT64_C(20150)          /* 2025-03-03, a Monday */
#define RF_STEPS 107u                   /* 18 tasks x 6 steps, one voided */
#define RF_RFT 104u
#define RF_INDEPENDENT 103u
#define RF_TASKS 18u
#define RF_TASK_MS UINT64_C(1890000)    /* 9 x 120 s at level 2, 3 x (108 + 90 + 72) s at 3 */
#define RF_SIGNOFF_REASON "Reads every location code reliably on the floor"
#define RF_OBS_NOTE "Wears safety shoes & lifts with bent knees"

typedef struct rf {
    char dir[64];
    char path[128];
    store *s;
    competency_framework fw[REPORT_FRAMEWORKS_MAX];
    size_t nfw;
    service_levels levels;
} rf;

/* Builds the store and loads the assets; 0 or -1 (with a message on stderr). */
int rf_make(rf *f);

/* Closes the store and removes the directory with everything in it. */
void rf_drop(rf *f);

/* Options over the whole period, without names, chains from all events, at a fixed now. */
report_options rf_options(const rf *f);

/* Reads a whole file (NUL-terminated, *len its length); NULL if it cannot. free() it. */
char *rf_read(const char *path, size_t *len);

#endif
