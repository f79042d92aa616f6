/* The bounded error list declared in errors.h. */
#include "kiosk/core/errors.h"

#include <stdarg.h>
#include <stdio.h>

void core_errors_clear(core_errors *errs)
{
    if (errs) {
        errs->count = 0;
        errs->dropped = 0;
    }
}

stiel_status core_errors_add(core_errors *errs, stiel_status code, const char *fmt, ...)
{
    if (!errs)
        return code;
    if (errs->count >= CORE_ERRORS_MAX) {
        errs->dropped++;
        return code;
    }
    stiel_diag *d = &errs->items[errs->count++];
    va_list ap;
    d->code = code;
    va_start(ap, fmt);
    vsnprintf(d->text, sizeof d->text, fmt, ap);
    va_end(ap);
    return code;
}

size_t core_errors_total(const core_errors *errs)
{
    return errs ? errs->count + errs->dropped : 0;
}
