/* Stiel's one error enum and the diagnostic that carries a person-readable reason with it.
 * Pure: no I/O, no globals; every layer, protocol/ included, may use it. */
#ifndef STIEL_COMMON_STATUS_H
#define STIEL_COMMON_STATUS_H

#include <stddef.h>

typedef enum stiel_status {
    STIEL_OK = 0,
    STIEL_ERR_ARG,          /* a caller passed something the contract forbids */
    STIEL_ERR_NOMEM,        /* allocation failed */
    STIEL_ERR_NOSPACE,      /* output buffer too small (nothing partial was kept) */
    STIEL_ERR_TRUNCATED,    /* input ended in the middle of a unit */
    STIEL_ERR_OVERLONG,     /* input longer than the configured or specified maximum */
    STIEL_ERR_GARBAGE,      /* bytes that fit no frame of the protocol */
    STIEL_ERR_CHECKSUM,     /* a frame's checksum or CRC does not match */
    STIEL_ERR_SYNTAX,       /* malformed structure (field count, separators, prefix) */
    STIEL_ERR_CHARSET,      /* a character not allowed here (digit expected, non-ASCII...) */
    STIEL_ERR_LENGTH,       /* a value too short or too long for its field */
    STIEL_ERR_CHECK_DIGIT,  /* a GS1 / mod-10 check digit is wrong */
    STIEL_ERR_UNKNOWN_AI,   /* a GS1 application identifier we do not know */
    STIEL_ERR_BAD_DATE,     /* a YYMMDD value that is no date */
    STIEL_ERR_UNSUPPORTED,  /* valid, but not something this code does */
    STIEL_ERR_NOT_FOUND,    /* a named thing (template, field, port, row) does not exist */
    STIEL_ERR_MISSING,      /* a required field or value is absent */
    STIEL_ERR_IO,           /* a read or write failed (see the diagnostic) */
    STIEL_ERR_TIMEOUT,      /* the other side did not answer in time */
    STIEL_ERR_BUSY,         /* try again later */
    STIEL_ERR_CLOSED,       /* the device or store is not open */
    STIEL_ERR_STATE,        /* not allowed in the current state */
    STIEL_ERR_DENIED,       /* refused: permissions, role, lockout */
    STIEL_ERR_CORRUPT,      /* stored data fails its own integrity check */
    STIEL_ERR_INTERNAL,     /* a bug: a library returned something it should not */
    STIEL_STATUS_COUNT
} stiel_status;

/* Returns a short, constant English name for a status ("check digit is wrong"). Never NULL,
 * also for out-of-range values. */
const char *stiel_strerror(stiel_status status);

/* A status plus the sentence a person can act on ("AI (01): check digit is 2, expected 1"). */
enum { STIEL_DIAG_TEXT_MAX = 240 };
typedef struct stiel_diag {
    stiel_status code;
    char text[STIEL_DIAG_TEXT_MAX];
} stiel_diag;

/* Sets diag (if not NULL) to code and a printf-formatted reason, truncated to fit, and returns
 * code so that callers can write `return stiel_diag_set(d, STIEL_ERR_..., "...")`. */
stiel_status stiel_diag_set(stiel_diag *diag, stiel_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears diag (if not NULL) to STIEL_OK with empty text. */
void stiel_diag_clear(stiel_diag *diag);

#endif
