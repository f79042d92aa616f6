/* The dossier as CSV (RFC 4180 via store_csv_field, CRLF): a first column names each row's
 * section — "dossier" facts, one "competency" row each, one "day" row per day and level, then
 * "level_change", "observation", "signoff" and "chain" rows, each section after a "columns" row
 * naming its fields — padded to one width, so that one file opens in any spreadsheet. */
#include "kiosk/report/report.h"

#include <stdio.h>

static stiel_status field(stiel_buf *b, const char *text, bool last)
{
    stiel_status st = store_csv_field(b, text);
    if (st == STIEL_OK)
        st = stiel_buf_puts(b, last ? "\r\n" : ",");
    return st;
}

enum { WIDTH = 14 };   /* every row has this many fields (RFC 4180: the same in each line) */

/* Appends a row of n fields, padded with empty ones to WIDTH. */
static stiel_status row(stiel_buf *b, const char *const *f, size_t n)
{
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < WIDTH; i++)
        st = field(b, i < n && f[i] ? f[i] : "", i + 1 == WIDTH);
    return st;
}

static void pct(double v, char out[16])
{
    if (v < 0)
        out[0] = '\0';
    else
        snprintf(out, 16, "%.1f", v);
}

static void num(uint64_t v, char out[24])
{
    snprintf(out, 24, "%llu", (unsigned long long)v);
}

static stiel_status facts(const report *r, stiel_buf *b)
{
    char from[16], to[16], gen[24], hours[32], v[7][24];
    report_day_text(r->from_day, from);
    report_day_text(r->to_day, to);
    report_time_text(r->generated_ms, gen);
    report_hours_text(r->task_ms, hours);
    num((uint64_t)r->days_on_floor, v[0]);
    num(r->task_ms / 1000, v[1]);
    num(r->tasks, v[2]);
    num(r->steps, v[3]);
    snprintf(v[4], sizeof v[4], "%u", r->current_level);
    char verify[STORE_HASH_HEX + 32];
    snprintf(verify, sizeof verify, "stiel verify --code %s", r->code);
    const char *const rows[][3] = {
        {"dossier", "trainee", r->trainee.id},
        {"dossier", "name", r->trainee.name},
        {"dossier", "period_from", from},
        {"dossier", "period_to", to},
        {"dossier", "generated_utc", gen},
        {"dossier", "days_on_floor", v[0]},
        {"dossier", "time_on_task_s", v[1]},
        {"dossier", "time_on_task", hours},
        {"dossier", "tasks", v[2]},
        {"dossier", "steps", v[3]},
        {"dossier", "current_level", v[4]},
        {"dossier", "verification_code", r->code},
        {"dossier", "verify_with", verify},
    };
    stiel_status st = row(b, (const char *const[]){"columns", "key", "value"}, 3);
    for (size_t i = 0; st == STIEL_OK && i < sizeof rows / sizeof rows[0]; i++)
        if (i != 1 || r->trainee.name[0])
            st = row(b, rows[i], 3);
    for (size_t i = 0; st == STIEL_OK && i < r->level_count; i++) {
        char key[24], val[48], f[16], l[16];
        report_day_text(r->levels[i].first_day, f);
        report_day_text(r->levels[i].last_day, l);
        snprintf(key, sizeof key, "level_%u", r->levels[i].level);
        snprintf(val, sizeof val, "%s..%s", f, l);
        st = row(b, (const char *const[]){"dossier", key, val}, 3);
    }
    return st;
}

static stiel_status competencies(const report *r, stiel_buf *b)
{
    stiel_status st = row(b, (const char *const[]){"columns", "framework", "qualification", "competency",
                                          "name_nl", "name_en", "reference", "status",
                                          "attempts", "attempts_all_levels", "rft_pct",
                                          "independent_pct", "days", "signed_off"},
                 14);
    for (size_t i = 0; st == STIEL_OK && i < r->competency_count; i++) {
        const report_competency *c = &r->competencies[i];
        const competency_result *x = &c->result;
        char att[24], all[24], rft[16], ind[16], days[16], so[16];
        num(x->attempts, att);
        num(x->attempts_all, all);
        pct(c->def->source == COMP_SOURCE_STEPS ? x->rft_pct : -1, rft);
        pct(c->def->source == COMP_SOURCE_STEPS ? x->independent_pct : -1, ind);
        snprintf(days, sizeof days, "%u", x->days);
        so[0] = '\0';
        if (x->signed_off_day >= 0)
            report_day_text(x->signed_off_day, so);
        const char *f[] = {"competency", c->framework->id, c->framework->qualification, c->def->id,
                           c->def->name_nl, c->def->name_en, c->def->reference,
                           competency_state_name(x->state), att, all, rft, ind, days, so};
        st = row(b, f, 14);
    }
    return st;
}

static stiel_status days(const report *r, stiel_buf *b)
{
    stiel_status st = row(b, (const char *const[]){"columns", "day", "level", "steps", "tasks",
                                          "right_first_time_pct", "errors_per_step",
                                          "tempo_pct_of_norm", "help_per_task", "time_on_task_s"},
                 10);
    /* day by day, each level of the day in ascending order */
    for (size_t i = 0; st == STIEL_OK && i < r->by_day_count; i++) {
        int64_t day = r->by_day[i].key;
        for (size_t s = 0; st == STIEL_OK && s < r->series_count; s++) {
            const report_series *se = &r->series[s];
            for (size_t k = 0; st == STIEL_OK && k < se->count; k++) {
                const competency_dims *d = &se->days[k];
                if (d->key != day)
                    continue;
                char dt[16], lv[8], steps[24], tasks[24], q[16], e[16], t[16], h[16], ms[24];
                report_day_text(day, dt);
                snprintf(lv, sizeof lv, "%u", se->level);
                num(d->steps, steps);
                num(d->tasks, tasks);
                pct(d->quality_pct, q);
                if (d->errors_per_step < 0)
                    e[0] = '\0';
                else
                    snprintf(e, sizeof e, "%.3f", d->errors_per_step);
                pct(d->tempo_pct, t);
                pct(d->support_per_task, h);
                num(d->task_ms / 1000, ms);
                st = row(b, (const char *const[]){"day", dt, lv, steps, tasks, q, e, t, h, ms}, 10);
            }
        }
    }
    return st;
}

static stiel_status coach(const report *r, stiel_buf *b)
{
    stiel_status st = row(b, (const char *const[]){"columns", "time_utc", "by", "what", "outcome", "text"},
                 6);
    char when[24], who[200];
    for (size_t i = 0; st == STIEL_OK && i < r->change_count; i++) {
        const report_level_change *c = &r->changes[i];
        char what[48];
        report_time_text(c->ts_ms, when);
        report_person_text(&c->by, who, sizeof who);
        snprintf(what, sizeof what, "level %u -> %u", c->from, c->level);
        st = row(b, (const char *const[]){"level_change", when, who, what, "", c->reason}, 6);
    }
    for (size_t i = 0; st == STIEL_OK && i < r->observation_count; i++) {
        const report_observation *o = &r->observations[i];
        report_time_text(o->ts_ms, when);
        report_person_text(&o->by, who, sizeof who);
        st = row(b, (const char *const[]){"observation", when, who, o->category,
                                          o->positive ? "positive" : "concern", o->note},
                 6);
    }
    for (size_t i = 0; st == STIEL_OK && i < r->signoff_count; i++) {
        const report_signoff *s = &r->signoffs[i];
        report_time_text(s->ts_ms, when);
        report_person_text(&s->by, who, sizeof who);
        st = row(b, (const char *const[]){"signoff", when, who, s->competency,
                                          s->criteria_met ? "criteria met" : "coach's judgement",
                                          s->reason},
                 6);
    }
    if (st == STIEL_OK)
        st = row(b, (const char *const[]){"columns", "kiosk", "seq", "head_hash"}, 4);
    for (size_t i = 0; st == STIEL_OK && i < r->chain_count; i++) {
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", (long long)r->chains[i].seq);
        st = row(b, (const char *const[]){"chain", r->chains[i].kiosk, seq, r->chains[i].hex}, 4);
    }
    return st;
}

stiel_status report_render_csv(const report *r, stiel_buf *out, stiel_diag *diag)
{
    if (!r || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "report_render_csv needs a report and a buffer");
    stiel_status st = facts(r, out);
    if (st == STIEL_OK)
        st = competencies(r, out);
    if (st == STIEL_OK)
        st = days(r, out);
    if (st == STIEL_OK)
        st = coach(r, out);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the CSV dossier does not fit in memory");
    return STIEL_OK;
}
