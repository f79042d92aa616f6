/* store_verify's inner loop: one contiguous range of the chains, in (kiosk, seq) order, walked
 * on one SQLite connection, so that store_verify can walk several ranges on several threads and
 * then join them in order. Also the knob that tests and the benchmark use to force a split.
 * Not for use outside kiosk/store (and its tests, bench). */
#ifndef STIEL_KIOSK_STORE_STORE_VERIFY_WALK_H
#define STIEL_KIOSK_STORE_STORE_VERIFY_WALK_H

#include "kiosk/store/store_internal.h"

/* Where a range starts or ends: a (kiosk, seq) key of the events table's primary key. */
typedef struct verify_key {
    bool set;                       /* false: the start (or end) of the table */
    char kiosk[STORE_ID_MAX + 1];
    int64_t seq;
} verify_key;

/* The first row that breaks a chain, as the report names it. */
typedef struct verify_break {
    bool set;
    char kiosk[STORE_ID_MAX + 1];
    int64_t seq;
    char id[STORE_UUID_LEN];
    char what[160];
} verify_break;

/* One run of rows of one kiosk inside a range: its last good seq and hash (0 and zeros when no
 * row of it passed) and how many rows passed. Runs of consecutive ranges join when the kiosk is
 * the same. */
typedef struct verify_seg {
    char kiosk[STORE_ID_MAX + 1];
    int64_t last_seq;
    int64_t rows;
    uint8_t hash[STORE_HASH_LEN];
} verify_seg;

/* Where in a row's checks a break of the range's first row falls, relative to the two checks
 * (seq follows on, row links to the one before) that only the join can make. */
typedef enum verify_stage {
    VERIFY_STAGE_BEFORE_SEQ,   /* no event id */
    VERIFY_STAGE_BEFORE_LINK,  /* hash columns, tombstone, payload */
    VERIFY_STAGE_AFTER_LINK    /* the row hash */
} verify_stage;

typedef struct verify_range {
    /* in */
    verify_key lo;           /* first key in the range (inclusive); unset: from the start */
    verify_key hi;           /* first key past the range; unset: to the end */
    bool defer_first;        /* not the first range: the first row's seq and link are the join's */
    /* out */
    int rc;                  /* SQLITE_OK, or the code that stopped the walk */
    char errmsg[200];        /* SQLite's message for rc */
    bool nomem;              /* the run list could not grow */
    int64_t events;          /* rows that passed (the first one on the join's word) */
    int64_t erased;          /* tombstones among them */
    verify_seg *segs;        /* kiosk runs in order (free with verify_range_clear) */
    size_t nsegs, capsegs;
    bool has_first;          /* defer_first and the range has a row */
    char first_kiosk[STORE_ID_MAX + 1];
    int64_t first_seq;
    char first_id[STORE_UUID_LEN];
    uint8_t first_prev[STORE_HASH_LEN];
    bool first_prev_ok;      /* prev_hash was a 32-byte blob */
    verify_break brk;        /* the range's first break, if any */
    bool brk_first;          /* brk is at the first row, at brk_stage */
    verify_stage brk_stage;
    verify_break dangling;   /* the first correction in the range whose voided event is missing */
} verify_range;

/* Walks r's rows on db (inside a read transaction the caller holds), checking each as
 * store_verify documents and stopping at the first break. Fills r's out fields. */
void verify_walk(sqlite3 *db, verify_range *r);

/* Frees r's run list. */
void verify_range_clear(verify_range *r);

/* The sentence for a gap before seq, when last_seq was the previous good seq of the kiosk. */
void verify_gap_what(int64_t last_seq, int64_t seq, char *what, size_t size);

extern const char verify_what_unlinked[];

/* How store_verify splits the walk. threads: 1 walks the store's own connection on the calling
 * thread; 0 means one per online CPU (at most 4); otherwise up to that many ranges (at most 4),
 * each on a thread with its own read-only connection. min_rows: a range of fewer rows than this
 * is not worth a thread (0: the default, 50 000). */
typedef struct store_verify_tuning {
    int threads;
    int64_t min_rows;
    int ranges;        /* out: how many ranges the walk was cut into */
} store_verify_tuning;

/* store_verify with an explicit split (tests, bench); tuning NULL is the default. */
stiel_status store_verify_tuned(store *s, store_verify_tuning *tuning, store_verify_report *report,
                                stiel_diag *diag);

#endif
