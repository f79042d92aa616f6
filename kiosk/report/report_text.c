/* Text helpers shared by the dossier's renderings: dates, times, durations, people, and the
 * sentence that says how to check the verification code. */
#include "kiosk/report/report.h"

#include <stdio.h>
#include <time.h>

void report_day_text(int64_t day, char out[16])
{
    time_t t = (time_t)(day * 86400);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 16, "%Y-%m-%d", &tm) == 0)
        snprintf(out, 16, "?");
}

void report_time_text(int64_t ts_ms, char out[24])
{
    time_t t = (time_t)(ts_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 24, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(out, 24, "?");
}

void report_hours_text(uint64_t ms, char out[32])
{
    uint64_t min = (ms + 30000) / 60000;
    snprintf(out, 32, "%llu h %02llu min", (unsigned long long)(min / 60),
             (unsigned long long)(min % 60));
}

void report_person_text(const report_person *p, char *out, size_t size)
{
    if (p->name[0])
        snprintf(out, size, "%s (%s)", p->name, p->id);
    else
        snprintf(out, size, "%s", p->id);
}

void report_verify_hint(const char *code, char *out, size_t size)
{
    snprintf(out, size,
             "Check: run `stiel verify --code %s` on the hub (with --db PATH for another evidence "
             "store). It checks that every chain is intact and that this dossier was issued with "
             "exactly the chain heads listed here, which ties every event behind it to this code, "
             "also after more evidence has been added.",
             code ? code : "?");
}
