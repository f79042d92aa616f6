/* The error enum's names and the diagnostic helpers declared in status.h. */
#include "common/status.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const status_names[STIEL_STATUS_COUNT] = {
    [STIEL_OK] = "ok",
    [STIEL_ERR_ARG] = "invalid argument",
    [STIEL_ERR_NOMEM] = "out of memory",
    [STIEL_ERR_NOSPACE] = "output does not fit",
    [STIEL_ERR_TRUNCATED] = "input is cut short",
    [STIEL_ERR_OVERLONG] = "input is too long",
    [STIEL_ERR_GARBAGE] = "unreadable data",
    [STIEL_ERR_CHECKSUM] = "checksum does not match",
    [STIEL_ERR_SYNTAX] = "malformed",
    [STIEL_ERR_CHARSET] = "character not allowed",
    [STIEL_ERR_LENGTH] = "wrong length",
    [STIEL_ERR_CHECK_DIGIT] = "check digit is wrong",
    [STIEL_ERR_UNKNOWN_AI] = "unknown application identifier",
    [STIEL_ERR_BAD_DATE] = "not a valid date",
    [STIEL_ERR_UNSUPPORTED] = "not supported",
    [STIEL_ERR_NOT_FOUND] = "not found",
    [STIEL_ERR_MISSING] = "required value missing",
    [STIEL_ERR_IO] = "input/output error",
    [STIEL_ERR_TIMEOUT] = "no answer in time",
    [STIEL_ERR_BUSY] = "busy",
    [STIEL_ERR_CLOSED] = "not open",
    [STIEL_ERR_STATE] = "not allowed now",
    [STIEL_ERR_DENIED] = "not allowed",
    [STIEL_ERR_CORRUPT] = "data is damaged",
    [STIEL_ERR_INTERNAL] = "internal error",
};

const char *stiel_strerror(stiel_status status)
{
    if ((int)status < 0 || status >= STIEL_STATUS_COUNT || !status_names[status])
        return "unknown error";
    return status_names[status];
}

stiel_status stiel_diag_set(stiel_diag *diag, stiel_status code, const char *fmt, ...)
{
    if (diag) {
        va_list ap;
        diag->code = code;
        va_start(ap, fmt);
        vsnprintf(diag->text, sizeof diag->text, fmt, ap);
        va_end(ap);
    }
    return code;
}

void stiel_diag_clear(stiel_diag *diag)
{
    if (diag) {
        diag->code = STIEL_OK;
        diag->text[0] = '\0';
    }
}
