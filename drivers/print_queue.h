/* The persistent print queue: each job (the bytes of one label in the printer's language, with an
 * id) is a file in a spool folder until the printer confirms it; a job prints exactly once unless
 * a person asks for a reprint (a new job that names the old id); after a crash the queue resumes.
 * Thread-safe: the app adds and lists jobs, the printer driver on the device thread takes and marks
 * them.
 *
 * ON DISK. <spool>/<id, 16 digits>.<state> where state is "job" (waiting), "sent" (sent or being
 * sent, not yet confirmed), "done" (confirmed) or "failed". Each file is a header
 *   "STIELJOB 1\nid=N\nreprint_of=N\nlang=zpl\nlen=N\n\n"
 * then exactly len bytes. A job is written to a temporary name (mode 0600, O_EXCL), fsync'd,
 * renamed to its final name, and the folder is fsync'd; a state change is a rename plus a folder
 * fsync. A job is marked "sent" on disk BEFORE its first byte goes to the printer.
 *
 * WHAT "CONFIRMED" MEANS (the printer drivers, drivers/printer_common.c, apply it). After the last
 * byte of the job has left the out-queue the driver asks for status, and the job is confirmed when
 * TWO consecutive replies (so that a reply racing the printer's parser cannot confirm alone) say:
 *  - ZPL: ~HS shows formats in buffer 0, labels remaining 0, no partial format and no fault (state
 *    READY). ~HS carries no lifetime label counter (the odometer needs ~HQOD, not used), so a
 *    printer that lost a received format (power cycle) reads as confirmed: that label is lost, and
 *    a person asks for a reprint.
 *  - TSPL: <ESC>!? shows not printing (bit 5 clear) and no fault bit.
 *  - ESC/POS: DLE EOT 1, 2 and 4 show no offline, cover-open, paper-end or error bit.
 *  - EPL2: has no usable status query: the job is confirmed as soon as all its bytes were written
 *    (sent = confirmed); paper-out is not seen at all.
 *  - the virtual printer: confirmed when its preview file is written.
 * While the printer reports a fault (paper out, head open, paused) or is offline (no status reply
 * in time), a sent job stays "sent" and waiting jobs stay "waiting": nothing new is sent until the
 * status is READY, and the sent job is confirmed once the printer has printed it after the fix.
 *
 * RESUME AND THE ONE DOUBLE-PRINT CASE. Opening a spool loads every job. A job found "sent" (the
 * process died after its first byte went out and before the printer confirmed it) is put back to
 * waiting and sent again, with a warning in the log: if the printer had already printed it, that
 * label prints twice. This is the one case: confirmed ("done") jobs are never sent again. A port
 * hang-up in the middle of sending puts the job back to waiting (a ZPL printer drops a partial
 * format); a hang-up after the whole job was sent keeps it "sent", to be confirmed by status
 * after the reconnect, so that a pulled cable does not print it twice. */
#ifndef STIEL_DRIVERS_PRINT_QUEUE_H
#define STIEL_DRIVERS_PRINT_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"

typedef struct stiel_print_queue stiel_print_queue;

typedef enum stiel_print_job_state {
    STIEL_PRINT_JOB_WAITING = 0, /* on disk, not sent yet */
    STIEL_PRINT_JOB_SENDING,     /* bytes going out now (on disk: "sent") */
    STIEL_PRINT_JOB_SENT,        /* all bytes written, waiting for the printer's confirmation */
    STIEL_PRINT_JOB_CONFIRMED,   /* printed (see above) */
    STIEL_PRINT_JOB_FAILED       /* refused (wrong language, unreadable file): never sent */
} stiel_print_job_state;

enum {
    STIEL_PRINT_LANG_MAX = 8,          /* "zpl", "tspl", "epl", "escpos" + NUL */
    STIEL_PRINT_JOB_MAX = 16u << 20,   /* bytes per job */
    STIEL_PRINT_DONE_KEPT = 500        /* confirmed jobs kept on disk (for reprints); older ones deleted */
};

typedef struct stiel_print_job_info {
    uint64_t id;                 /* > 0, increasing */
    uint64_t reprint_of;         /* 0, or the id of the job this one reprints */
    char lang[STIEL_PRINT_LANG_MAX];
    stiel_print_job_state state;
    size_t len;                  /* bytes */
} stiel_print_job_info;

/* "waiting", "sending", "sent", "confirmed", "failed"; "?" otherwise. */
const char *stiel_print_job_state_name(stiel_print_job_state state);

/* Opens (creating it with mode 0700 if missing) the spool folder dir and loads its jobs; jobs
 * found "sent" go back to waiting (logged: they may print twice); an unreadable job file is
 * renamed to <name>.bad and reported in the log. Errors: STIEL_ERR_ARG, STIEL_ERR_IO /
 * STIEL_ERR_DENIED (the folder cannot be made or read, with its path), STIEL_ERR_NOMEM. */
stiel_status stiel_print_queue_open(const char *dir, stiel_print_queue **out, stiel_diag *diag);

/* Frees the queue (the files stay). NULL is fine. No other thread may use it any more. */
void stiel_print_queue_close(stiel_print_queue *q);

/* The spool folder. */
const char *stiel_print_queue_dir(const stiel_print_queue *q);

/* Persists a new waiting job (n bytes in language lang, 1..STIEL_PRINT_JOB_MAX bytes) and returns
 * its id once it is durable (file and folder fsync'd). Errors: STIEL_ERR_ARG (empty, unknown lang),
 * STIEL_ERR_OVERLONG, STIEL_ERR_IO (disk full... the job is then not queued), STIEL_ERR_NOMEM. */
stiel_status stiel_print_queue_add(stiel_print_queue *q, const char *lang, const void *bytes, size_t n,
                                   uint64_t *id, stiel_diag *diag);

/* A person asks to print job old_id again: a new waiting job with the same bytes and language and
 * reprint_of = old_id. STIEL_ERR_NOT_FOUND if old_id is unknown (or pruned), STIEL_ERR_STATE if it
 * is not confirmed or failed yet (it will still print: no reprint needed), else as add. */
stiel_status stiel_print_queue_reprint(stiel_print_queue *q, uint64_t old_id, uint64_t *new_id,
                                       stiel_diag *diag);

/* Copies up to cap jobs, oldest first, into out; returns how many jobs there are in all. */
size_t stiel_print_queue_list(stiel_print_queue *q, stiel_print_job_info *out, size_t cap);

/* One job's info. STIEL_ERR_NOT_FOUND for an unknown id. */
stiel_status stiel_print_queue_get(stiel_print_queue *q, uint64_t id, stiel_print_job_info *out);

/* Number of jobs waiting, sending or sent (not yet confirmed). */
size_t stiel_print_queue_pending(stiel_print_queue *q);

/* Waits up to timeout_ms until job id is no longer in state from (or the queue changes at all when
 * id is 0); fills out (if not NULL) with the job's info. STIEL_ERR_TIMEOUT, STIEL_ERR_NOT_FOUND. */
stiel_status stiel_print_queue_wait(stiel_print_queue *q, uint64_t id, stiel_print_job_state from,
                                    unsigned timeout_ms, stiel_print_job_info *out);

/* ---- For the printer driver (device thread) ---- */

/* The oldest waiting job: its id, language and bytes (appended to bytes, which the caller owns).
 * Does not change its state. STIEL_ERR_NOT_FOUND when none waits; STIEL_ERR_IO / CORRUPT when the
 * job's file cannot be read back (the job is marked failed then). */
stiel_status stiel_print_queue_next(stiel_print_queue *q, uint64_t *id, char lang[STIEL_PRINT_LANG_MAX],
                                    stiel_buf *bytes, stiel_diag *diag);

/* Moves job id to state: SENDING and SENT are "sent" on disk, WAITING "job", CONFIRMED "done",
 * FAILED "failed"; a change of file is a rename plus a folder fsync (done before returning).
 * Confirming prunes the oldest confirmed jobs beyond STIEL_PRINT_DONE_KEPT. Errors:
 * STIEL_ERR_NOT_FOUND, STIEL_ERR_STATE (a confirmed job cannot change), STIEL_ERR_IO. */
stiel_status stiel_print_queue_mark(stiel_print_queue *q, uint64_t id, stiel_print_job_state state,
                                    stiel_diag *diag);

#endif
