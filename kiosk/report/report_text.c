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

const char *report_verify_hint(void)
{
    return "Check: run `stiel verify --db PATH` on the hub's evidence store. It must report the "
           "chains intact. While no event has been added since this dossier was made and the chains "
           "listed are all of the store's, the head it prints equals this code; afterwards, each "
           "chain listed must still hold the event with that seq and hash (`stiel export events "
           "--csv` lists kiosk_id, seq and hash), which ties every earlier event to this code.";
}
