/* The dossier's charts as plain geometry (points in a unit plot area, axis range, grid step,
 * reference line), laid out once here so that the PDF and the HTML draw the same picture. */
#include "kiosk/report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe-Ito, readable by colour-blind readers and in grey print */
static const unsigned char palette[][3] = {
    {0, 114, 178}, {230, 159, 0}, {0, 158, 115}, {204, 121, 167}, {213, 94, 0},
    {86, 180, 233}, {120, 120, 120}, {170, 140, 0}, {0, 0, 0}};

void report_level_rgb(unsigned level, double rgb[3])
{
    const unsigned char *c = palette[(level ? level - 1 : 0) % (sizeof palette / sizeof palette[0])];
    for (int i = 0; i < 3; i++)
        rgb[i] = c[i] / 255.0;
}

void report_level_hex(unsigned level, char out[8])
{
    const unsigned char *c = palette[(level ? level - 1 : 0) % (sizeof palette / sizeof palette[0])];
    snprintf(out, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

static double metric_value(const competency_dims *d, report_metric m)
{
    switch (m) {
    case REPORT_METRIC_RFT:
        return d->quality_pct;
    case REPORT_METRIC_TEMPO:
        return d->tempo_pct;
    default:
        return d->support_per_task;
    }
}

/* A round axis top at or above v, and a grid step giving 3 to 6 intervals. */
static void axis(double v, double *top, double *step)
{
    static const double nice[] = {1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};
    const size_t n = sizeof nice / sizeof nice[0];
    *step = nice[n - 1];
    for (size_t i = 0; i < n; i++)
        if (v / nice[i] <= 6) {
            *step = nice[i];
            break;
        }
    *top = *step;
    while (*top < v)
        *top += *step;
    if (*top / *step < 3)
        *top = 3 * *step;
}

stiel_status report_chart_make(const report *r, report_metric m, report_chart *out)
{
    memset(out, 0, sizeof *out);
    static const char *const titles[REPORT_METRIC_COUNT] = {
        "Right first time (% of steps)", "Tempo (% of the level's time norm; 100 = at the norm)",
        "Help per task (the help weights of its steps added up: gesture 2 ... done by coach 6; "
        "0 = no help)"};
    out->title = titles[m];
    out->x_from = r->from_day;
    out->x_to = r->to_day > r->from_day ? r->to_day : r->from_day + 1;
    out->y_ref = m == REPORT_METRIC_TEMPO ? 100 : -1;
    double vmax = m == REPORT_METRIC_RFT ? 100 : m == REPORT_METRIC_TEMPO ? 100 : 1;
    for (size_t s = 0; s < r->series_count; s++)
        for (size_t k = 0; k < r->series[s].count; k++) {
            double v = metric_value(&r->series[s].days[k], m);
            if (v > vmax)
                vmax = v;
        }
    if (m == REPORT_METRIC_RFT) {
        out->y_max = 100;
        out->y_step = 25;
    } else {
        axis(vmax, &out->y_max, &out->y_step);
    }
    double span = (double)(out->x_to - out->x_from);
    for (size_t s = 0; s < r->series_count; s++) {
        const report_series *se = &r->series[s];
        report_chart_line *l = &out->lines[out->line_count];
        l->level = se->level;
        l->pts = calloc(se->count ? se->count : 1, sizeof *l->pts);
        if (!l->pts) {
            report_chart_free(out);
            return STIEL_ERR_NOMEM;
        }
        out->line_count++;
        for (size_t k = 0; k < se->count; k++) {
            double v = metric_value(&se->days[k], m);
            if (v < 0)
                continue;   /* not measured that day (no steps, no task under a norm) */
            report_chart_point *p = &l->pts[l->count++];
            p->value = v;
            p->x = (double)(se->days[k].key - out->x_from) / span;
            p->y = (v > out->y_max ? out->y_max : v) / out->y_max;
        }
        out->points += l->count;
    }
    return STIEL_OK;
}

void report_chart_free(report_chart *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->line_count; i++)
        free(c->lines[i].pts);
    memset(c, 0, sizeof *c);
}
