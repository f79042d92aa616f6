/* The dossier as a vector PDF with cairo: A4 portrait, text as text (cairo's toy font API with
 * Noto Sans through fontconfig), tables with wrapped cells, charts drawn as lines, a footer on
 * every page naming the trainee's id, the page and the verification code. */
#include "kiosk/report/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#define PAGE_W 595.276   /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 48.0
#define TOP 52.0
#define BOTTOM (PAGE_H - 56.0)
#define FONT "Noto Sans"

typedef struct pdf {
    cairo_t *cr;
    const report *r;
    double y;
    int page;
} pdf;

static void font(pdf *p, double size, bool bold)
{
    cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(p->cr, size);
}

static void grey(pdf *p, double g)
{
    cairo_set_source_rgb(p->cr, g, g, g);
}

static double text_width(pdf *p, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(p->cr, s, &e);
    return e.x_advance;
}

static void show(pdf *p, double x, double y, const char *s)
{
    cairo_move_to(p->cr, x, y);
    cairo_show_text(p->cr, s);
}

static void show_right(pdf *p, double x, double y, const char *s)
{
    show(p, x - text_width(p, s), y, s);
}

static void footer(pdf *p)
{
    char line[200];
    font(p, 7.5, false);
    grey(p, 0.35);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN, PAGE_H - 40);
    cairo_line_to(p->cr, PAGE_W - MARGIN, PAGE_H - 40);
    cairo_stroke(p->cr);
    snprintf(line, sizeof line, "Work-experience dossier · trainee %s · verification code %.16s…",
             p->r->trainee.id, p->r->code);
    show(p, MARGIN, PAGE_H - 28, line);
    snprintf(line, sizeof line, "page %d", p->page);
    show_right(p, PAGE_W - MARGIN, PAGE_H - 28, line);
    grey(p, 0);
}

static void new_page(pdf *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = TOP;
}

/* Makes room for h points on this page, or starts the next. */
static void need(pdf *p, double h)
{
    if (p->y + h > BOTTOM)
        new_page(p);
}

/* Lays s out in lines of at most width at the current font, breaking at spaces (a word longer
 * than the width is broken anywhere). Draws them from (x, y0 + size) when draw; returns the
 * number of lines. */
static int wrap(pdf *p, double x, double y0, double width, double size, double lead,
                const char *s, bool draw)
{
    char line[1024];
    int lines = 0;
    const char *at = s ? s : "";
    while (*at || lines == 0) {
        size_t best = 0, n = 0;
        size_t len = strlen(at);
        /* grow word by word while it fits */
        while (n < len) {
            size_t k = n;
            while (k < len && at[k] == ' ')
                k++;
            while (k < len && at[k] != ' ')
                k++;
            if (k >= sizeof line)
                break;
            memcpy(line, at, k);
            line[k] = '\0';
            if (text_width(p, line) > width && best > 0)
                break;
            best = k;
            n = k;
            if (text_width(p, line) > width)
                break;
        }
        if (best == 0)
            best = len < sizeof line - 1 ? len : sizeof line - 1;
        /* a single word wider than the line: cut it by characters (UTF-8 safe) */
        memcpy(line, at, best);
        line[best] = '\0';
        while (best > 1 && text_width(p, line) > width) {
            best--;
            while (best > 1 && ((unsigned char)at[best] & 0xC0) == 0x80)
                best--;
            line[best] = '\0';
        }
        if (draw)
            show(p, x, y0 + size + lines * lead, line);
        lines++;
        at += best;
        while (*at == ' ')
            at++;
        if (!*at)
            break;
    }
    return lines;
}

/* A paragraph at the cursor across the text width. */
static void para(pdf *p, double size, bool bold, double g, const char *s)
{
    font(p, size, bold);
    double lead = size * 1.35;
    int n = wrap(p, MARGIN, 0, PAGE_W - 2 * MARGIN, size, lead, s, false);
    need(p, n * lead + 2);
    grey(p, g);
    wrap(p, MARGIN, p->y, PAGE_W - 2 * MARGIN, size, lead, s, true);
    grey(p, 0);
    p->y += n * lead + 3;
}

static void heading(pdf *p, const char *s)
{
    need(p, 60);   /* never alone at the bottom of a page */
    p->y += 10;
    font(p, 13, true);
    show(p, MARGIN, p->y + 13, s);
    p->y += 18;
    cairo_set_line_width(p->cr, 1.2);
    cairo_move_to(p->cr, MARGIN, p->y);
    cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
    cairo_stroke(p->cr);
    p->y += 6;
}

/* ---- tables ------------------------------------------------------------------------------ */

enum { COLS_MAX = 9 };

typedef struct table {
    size_t cols;
    double w[COLS_MAX];        /* widths, summing to the text width */
    bool right[COLS_MAX];
    double size;
    const char *const *head;   /* the header row, repeated at the top of a new page */
} table;

/* One row: cell i's text is cell[i], with an optional second grey line sub[i]. */
static void table_row(pdf *p, const table *t, const char *const *cell, const char *const *sub,
                      bool header)
{
    const double lead = t->size * 1.3, subsize = t->size - 1.5, pad = 3;
    int lines[COLS_MAX], sublines[COLS_MAX];
    double h = 0;
    for (size_t i = 0; i < t->cols; i++) {
        font(p, t->size, header);
        lines[i] = wrap(p, 0, 0, t->w[i] - 2 * pad, t->size, lead, cell[i], false);
        sublines[i] = 0;
        if (sub && sub[i] && *sub[i]) {
            font(p, subsize, false);
            sublines[i] = wrap(p, 0, 0, t->w[i] - 2 * pad, subsize, subsize * 1.3, sub[i], false);
        }
        double ch = lines[i] * lead + sublines[i] * subsize * 1.3;
        if (ch > h)
            h = ch;
    }
    h += 2 * pad;
    if (p->y + h > BOTTOM) {
        new_page(p);
        if (!header && t->head)
            table_row(p, t, t->head, NULL, true);
    }
    if (header) {
        cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
        cairo_rectangle(p->cr, MARGIN, p->y, PAGE_W - 2 * MARGIN, h);
        cairo_fill(p->cr);
        grey(p, 0);
    }
    double x = MARGIN;
    for (size_t i = 0; i < t->cols; i++) {
        font(p, t->size, header);
        if (t->right[i] && lines[i] == 1) {
            show_right(p, x + t->w[i] - pad, p->y + pad + t->size, cell[i] ? cell[i] : "");
        } else {
            wrap(p, x + pad, p->y + pad, t->w[i] - 2 * pad, t->size, lead, cell[i], true);
        }
        if (sublines[i]) {
            font(p, subsize, false);
            grey(p, 0.38);
            wrap(p, x + pad, p->y + pad + lines[i] * lead, t->w[i] - 2 * pad, subsize,
                 subsize * 1.3, sub[i], true);
            grey(p, 0);
        }
        x += t->w[i];
    }
    p->y += h;
    grey(p, 0.78);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN, p->y);
    cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
    cairo_stroke(p->cr);
    grey(p, 0);
}

static void pct_text(double v, char out[16])
{
    if (v < 0)
        snprintf(out, 16, "–");
    else
        snprintf(out, 16, "%.0f %%", v);
}

/* ---- the sections -------------------------------------------------------------------------- */

static void title(pdf *p)
{
    const report *r = p->r;
    char from[16], to[16], gen[24], who[200], line[400];
    report_day_text(r->from_day, from);
    report_day_text(r->to_day, to);
    report_time_text(r->generated_ms, gen);
    report_person_text(&r->trainee, who, sizeof who);
    font(p, 20, true);
    show(p, MARGIN, p->y + 20, "Work-experience dossier");
    p->y += 26;
    font(p, 11, false);
    grey(p, 0.35);
    show(p, MARGIN, p->y + 11, "Werkervaringsdossier");
    grey(p, 0);
    p->y += 22;
    snprintf(line, sizeof line, "Trainee %s", who);
    para(p, 12, true, 0, line);
    snprintf(line, sizeof line, "Period %s to %s · made %s UTC%s", from, to, gen,
             r->current_level ? "" : "");
    if (r->current_level)
        snprintf(line + strlen(line), sizeof line - strlen(line), " · current level %u",
                 r->current_level);
    para(p, 10, false, 0.25, line);
    p->y += 4;
    /* the facts, as a row of boxes */
    char v[6][40];
    snprintf(v[0], sizeof v[0], "%lld", (long long)r->days_on_floor);
    report_hours_text(r->task_ms, v[1]);
    snprintf(v[2], sizeof v[2], "%llu", (unsigned long long)r->tasks);
    snprintf(v[3], sizeof v[3], "%llu", (unsigned long long)r->steps);
    pct_text(r->steps ? 100.0 * (double)r->rft / (double)r->steps : -1, v[4]);
    pct_text(r->steps ? 100.0 * (double)r->independent / (double)r->steps : -1, v[5]);
    static const char *const label[6] = {"days on the floor", "time on task", "tasks finished",
                                         "steps recorded", "right first time",
                                         "without a coach's help"};
    const double bw = (PAGE_W - 2 * MARGIN - 5 * 6) / 6, bh = 44;
    need(p, bh + 8);
    for (int i = 0; i < 6; i++) {
        double x = MARGIN + i * (bw + 6);
        grey(p, 0.7);
        cairo_set_line_width(p->cr, 0.8);
        cairo_rectangle(p->cr, x, p->y, bw, bh);
        cairo_stroke(p->cr);
        grey(p, 0);
        font(p, 13, true);
        show(p, x + 5, p->y + 19, v[i]);
        font(p, 7.5, false);
        grey(p, 0.35);
        wrap(p, x + 5, p->y + 23, bw - 8, 7.5, 9, label[i], true);
        grey(p, 0);
    }
    p->y += bh + 6;
    para(p, 8, false, 0.35,
         "Days on the floor: days with at least one recorded step. Time on task: the sum of the "
         "durations of the finished tasks, each from its first step to its last (pick and pack).");
}

static void levels(pdf *p)
{
    const report *r = p->r;
    heading(p, "Levels reached");
    table t = {.cols = 8, .size = 8.5,
               .w = {44, 96, 62, 62, 52, 60, 62, 61.276},
               .right = {false, false, false, false, true, true, true, true}};
    t.head = (const char *const[]){"Level", "Name", "First day", "Last day", "Tasks",
                                           "Steps", "Right first", "Tempo"};
    table_row(p, &t, t.head, NULL, true);
    for (size_t i = 0; i < r->level_count; i++) {
        const report_level *l = &r->levels[i];
        char lv[8], f[16], to[16], tasks[24], steps[24], q[16], te[16];
        snprintf(lv, sizeof lv, "%u", l->level);
        report_day_text(l->first_day, f);
        report_day_text(l->last_day, to);
        snprintf(tasks, sizeof tasks, "%llu", (unsigned long long)l->tasks);
        snprintf(steps, sizeof steps, "%llu", (unsigned long long)l->steps);
        const competency_dims *d = NULL;
        for (size_t k = 0; k < r->by_level_count; k++)
            if (r->by_level[k].key == (int64_t)l->level)
                d = &r->by_level[k];
        pct_text(d ? d->quality_pct : -1, q);
        pct_text(d ? d->tempo_pct : -1, te);
        double before = p->y;
        table_row(p, &t, (const char *const[]){lv, l->name, f, to, tasks, steps, q, te}, NULL,
                  false);
        /* the level's colour swatch, as in the charts */
        double rgb[3];
        report_level_rgb(l->level, rgb);
        if (p->y > before) {
            cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle(p->cr, MARGIN + 22, p->y - (p->y - before) + 5, 12, 7);
            cairo_fill(p->cr);
            grey(p, 0);
        }
    }
    if (r->change_count == 0)
        return;
    p->y += 6;
    table c = {.cols = 4, .size = 8.5, .w = {90, 80, 120, 209.276}};
    table_row(p, &c, (const char *const[]){"When (UTC)", "Level change", "By", "Reason"}, NULL,
              true);
    for (size_t i = 0; i < r->change_count; i++) {
        const report_level_change *x = &r->changes[i];
        char when[24], who[200], what[48];
        report_time_text(x->ts_ms, when);
        report_person_text(&x->by, who, sizeof who);
        snprintf(what, sizeof what, "level %u to %u", x->from, x->level);
        table_row(p, &c, (const char *const[]){when, what, who, x->reason}, NULL, false);
    }
}

static void competencies(pdf *p)
{
    const report *r = p->r;
    heading(p, "Competencies");
    static const char *const head[] = {"Competency", "Status", "Evidence", "Criteria"};
    table t = {.cols = 4, .size = 8.5, .w = {205, 78, 146, 70.276}, .head = head};
    const competency_framework *cur = NULL;
    for (size_t i = 0; i < r->competency_count; i++) {
        const report_competency *c = &r->competencies[i];
        const competency_result *x = &c->result;
        if (c->framework != cur) {
            cur = c->framework;
            char line[512];
            snprintf(line, sizeof line, "%s / %s · qualification %s", cur->name_nl, cur->name_en,
                     cur->qualification);
            need(p, 50);
            p->y += 4;
            para(p, 10.5, true, 0, line);
            table_row(p, &t, t.head, NULL, true);
        }
        char sub0[640], status[40], so[40], ev[200], crit[120];
        snprintf(sub0, sizeof sub0, "%s · %s · %s", c->def->name_en, c->def->id,
                 c->def->reference);
        snprintf(status, sizeof status, "%s", competency_state_name(x->state));
        so[0] = '\0';
        if (x->signed_off_day >= 0) {
            char d[16];
            report_day_text(x->signed_off_day, d);
            snprintf(so, sizeof so, "on %s", d);
        }
        if (x->attempts_all == 0) {
            snprintf(ev, sizeof ev, "%s", c->def->source == COMP_SOURCE_STEPS
                                              ? "no evidence yet"
                                              : "no observations yet");
        } else if (c->def->source == COMP_SOURCE_STEPS) {
            snprintf(ev, sizeof ev, "%llu attempts from level %u on (%llu in all); right first time "
                                    "%.0f %%; independent %.0f %%; %u day(s)",
                     (unsigned long long)x->attempts, c->def->min_level,
                     (unsigned long long)x->attempts_all, x->rft_pct, x->independent_pct,
                     x->days);
        }
        if (c->def->source == COMP_SOURCE_STEPS) {
            snprintf(crit, sizeof crit, "%u attempts, %u %%, %u %%, %u days", c->def->min_attempts,
                     c->def->min_rft_pct, c->def->min_independent_pct, c->def->min_days);
        } else {
            snprintf(crit, sizeof crit, "%u positive on %u days, the latest positive",
                     c->def->min_attempts, c->def->min_days);
        }
        if (x->attempts_all > 0 && c->def->source != COMP_SOURCE_STEPS) {
            snprintf(ev, sizeof ev, "observations “%s”: %llu positive, %llu concern(s), %u day(s)",
                     c->def->category, (unsigned long long)x->attempts,
                     (unsigned long long)x->concerns, x->days);
        }
        table_row(p, &t, (const char *const[]){c->def->name_nl, status, ev, crit},
                  (const char *const[]){sub0, so, "", ""}, false);
    }
}

static void chart(pdf *p, report_metric m)
{
    report_chart c;
    if (report_chart_make(p->r, m, &c) != STIEL_OK)
        return;
    const double W = PAGE_W - 2 * MARGIN, H = 150, L = 34, B = 18, T = 4;
    const double pw = W - L - 4, ph = H - T - B;
    need(p, H + 40);
    font(p, 9.5, true);
    show(p, MARGIN, p->y + 10, c.title);
    p->y += 16;
    const double x0 = MARGIN + L, y0 = p->y + T;
    cairo_t *cr = p->cr;
    font(p, 7.5, false);
    for (double v = 0; v <= c.y_max + 1e-9; v += c.y_step) {
        double y = y0 + ph - v / c.y_max * ph;
        grey(p, 0.82);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x0 + pw, y);
        cairo_stroke(cr);
        char lab[16];
        snprintf(lab, sizeof lab, "%g", v);
        grey(p, 0.3);
        show_right(p, x0 - 4, y + 2.5, lab);
    }
    if (c.y_ref >= 0) {
        double y = y0 + ph - c.y_ref / c.y_max * ph;
        const double dash[] = {4, 3};
        grey(p, 0.1);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x0 + pw, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        show_right(p, x0 + pw - 2, y - 3, "norm");
    }
    int64_t span = c.x_to - c.x_from;
    for (int k = 0; k <= 5; k++) {
        int64_t day = c.x_from + span * k / 5;
        double x = x0 + (double)(day - c.x_from) / (double)span * pw;
        char d[16];
        report_day_text(day, d);
        grey(p, 0.5);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, x, y0 + ph);
        cairo_line_to(cr, x, y0 + ph + 3);
        cairo_stroke(cr);
        grey(p, 0.3);
        double w = text_width(p, d);
        show(p, k == 0 ? x : k == 5 ? x - w : x - w / 2, y0 + ph + 12, d);
    }
    grey(p, 0.5);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, x0, y0, pw, ph);
    cairo_stroke(cr);
    for (size_t i = 0; i < c.line_count; i++) {
        const report_chart_line *l = &c.lines[i];
        double rgb[3];
        report_level_rgb(l->level, rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_line_width(cr, 1.3);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        for (size_t k = 0; k < l->count; k++) {
            double x = x0 + l->pts[k].x * pw, y = y0 + ph - l->pts[k].y * ph;
            if (k == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        if (l->count > 1)
            cairo_stroke(cr);
        cairo_new_path(cr);
        if (l->count <= 60)
            for (size_t k = 0; k < l->count; k++) {
                cairo_arc(cr, x0 + l->pts[k].x * pw, y0 + ph - l->pts[k].y * ph, 2, 0, 6.2832);
                cairo_fill(cr);
            }
    }
    grey(p, 0);
    if (c.points == 0) {
        font(p, 9, false);
        const char *none = "no figures in this period";
        show(p, x0 + pw / 2 - text_width(p, none) / 2, y0 + ph / 2, none);
    }
    /* the legend */
    double lx = x0, ly = y0 + ph + 24;
    font(p, 8, false);
    for (size_t i = 0; i < c.line_count; i++) {
        double rgb[3];
        char lab[24];
        report_level_rgb(c.lines[i].level, rgb);
        snprintf(lab, sizeof lab, "level %u", c.lines[i].level);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle(cr, lx, ly - 6, 16, 5);
        cairo_fill(cr);
        grey(p, 0);
        show(p, lx + 20, ly, lab);
        lx += 20 + text_width(p, lab) + 16;
    }
    p->y += H + 16;
    report_chart_free(&c);
}

static void coach(pdf *p)
{
    const report *r = p->r;
    heading(p, "Coach observations");
    if (r->observation_count == 0) {
        para(p, 9, false, 0.35, "No observations in this period.");
    } else {
        table t = {.cols = 5, .size = 8.5, .w = {80, 100, 70, 55, 194.276}};
        t.head = (const char *const[]){"When (UTC)", "Coach", "Category", "Outcome",
                                               "Note"};
    table_row(p, &t, t.head, NULL, true);
        for (size_t i = 0; i < r->observation_count; i++) {
            const report_observation *x = &r->observations[i];
            char when[24], who[200];
            report_time_text(x->ts_ms, when);
            report_person_text(&x->by, who, sizeof who);
            table_row(p, &t, (const char *const[]){when, who, x->category,
                                                   x->positive ? "positive" : "concern", x->note},
                      NULL, false);
        }
    }
    heading(p, "Sign-offs");
    if (r->signoff_count == 0) {
        para(p, 9, false, 0.35, "No competency signed off yet.");
        return;
    }
    table t = {.cols = 4, .size = 8.5, .w = {80, 170, 100, 149.276}};
    t.head = (const char *const[]){"When (UTC)", "Competency", "Signed off by", "Basis"};
    table_row(p, &t, t.head, NULL, true);
    for (size_t i = 0; i < r->signoff_count; i++) {
        const report_signoff *x = &r->signoffs[i];
        char when[24], who[200], sub[120], basis[600];
        report_time_text(x->ts_ms, when);
        report_person_text(&x->by, who, sizeof who);
        snprintf(sub, sizeof sub, "%s%s%s", x->competency, x->framework[0] ? " · " : "",
                 x->framework);
        snprintf(basis, sizeof basis, "%s%s%s", x->criteria_met ? "criteria met" : "coach's judgement",
                 x->reason[0] ? ": " : "", x->reason);
        table_row(p, &t,
                  (const char *const[]){when, x->competency_name[0] ? x->competency_name
                                                                    : x->competency,
                                        who, basis},
                  (const char *const[]){"", sub, "", ""}, false);
    }
}

static void verification(pdf *p)
{
    const report *r = p->r;
    heading(p, "Verification");
    para(p, 9.5, false, 0, "Verification code (SHA-256 over the evidence chains below):");
    need(p, 30);
    cairo_set_line_width(p->cr, 1.2);
    cairo_rectangle(p->cr, MARGIN, p->y, PAGE_W - 2 * MARGIN, 24);
    cairo_stroke(p->cr);
    cairo_select_font_face(p->cr, "Noto Sans Mono", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(p->cr, 10.5);
    show(p, MARGIN + 8, p->y + 16, r->code);
    p->y += 32;
    table t = {.cols = 3, .size = 8, .w = {100, 60, 339.276}, .right = {false, true, false}};
    t.head = (const char *const[]){"Kiosk chain", "Last seq", "Head hash"};
    table_row(p, &t, t.head, NULL, true);
    for (size_t i = 0; i < r->chain_count; i++) {
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", (long long)r->chains[i].seq);
        table_row(p, &t, (const char *const[]){r->chains[i].kiosk, seq, r->chains[i].hex}, NULL,
                  false);
    }
    p->y += 4;
    char hint[REPORT_HINT_MAX];
    report_verify_hint(r->code, hint, sizeof hint);
    para(p, 8.5, false, 0.3, hint);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
    return stiel_buf_append(closure, data, length) == STIEL_OK ? CAIRO_STATUS_SUCCESS
                                                               : CAIRO_STATUS_WRITE_ERROR;
}

stiel_status report_render_pdf(const report *r, stiel_buf *out, stiel_diag *diag)
{
    if (!r || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "report_render_pdf needs a report and a buffer");
    cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
    char meta[200];
    snprintf(meta, sizeof meta, "Work-experience dossier %s", r->trainee.id);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, meta);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "stiel report");
    cairo_t *cr = cairo_create(sf);
    pdf p = {.cr = cr, .r = r, .y = TOP, .page = 1};
    title(&p);
    levels(&p);
    competencies(&p);
    heading(&p, "Progress over time");
    para(&p, 8.5, false, 0.35, "One line per service level; a point per day with evidence.");
    for (int m = 0; m < REPORT_METRIC_COUNT; m++)
        chart(&p, (report_metric)m);
    coach(&p);
    verification(&p);
    footer(&p);
    cairo_show_page(cr);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(sf);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(sf);
    cairo_surface_destroy(sf);
    if (cs != CAIRO_STATUS_SUCCESS)
        return stiel_diag_set(diag, cs == CAIRO_STATUS_WRITE_ERROR ? STIEL_ERR_NOMEM
                                                                   : STIEL_ERR_INTERNAL,
                              "cairo could not make the PDF: %s", cairo_status_to_string(cs));
    return STIEL_OK;
}

void report_render_pdf_cleanup(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
