/* The dossier as one self-contained HTML5 file: inline CSS (screen and A4 print) and inline SVG
 * charts, no script, no external reference of any kind, so it opens in any browser offline. */
#include "kiosk/report/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct out {
    stiel_buf *b;
    stiel_status st;
} out;

static void put(out *o, const char *s)
{
    if (o->st == STIEL_OK)
        o->st = stiel_buf_puts(o->b, s);
}

static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(out *o, const char *fmt, ...)
{
    if (o->st != STIEL_OK)
        return;
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        o->st = STIEL_ERR_INTERNAL;
    else
        o->st = stiel_buf_puts(o->b, tmp);
}

/* Text with &, <, >, " and ' escaped. */
static void esc(out *o, const char *s)
{
    for (; s && *s && o->st == STIEL_OK; s++) {
        switch (*s) {
        case '&': put(o, "&amp;"); break;
        case '<': put(o, "&lt;"); break;
        case '>': put(o, "&gt;"); break;
        case '"': put(o, "&quot;"); break;
        case '\'': put(o, "&#39;"); break;
        default: o->st = stiel_buf_append(o->b, s, 1); break;
        }
    }
}

static void td(out *o, const char *s)
{
    put(o, "<td>");
    esc(o, s);
    put(o, "</td>");
}

static void pct_text(double v, char out_[16])
{
    if (v < 0)
        snprintf(out_, 16, "–");
    else
        snprintf(out_, 16, "%.0f %%", v);
}

static const char css[] =
    "<style>\n"
    ":root{--ink:#1a1a1a;--soft:#555;--rule:#c8c8c8;--band:#f2f2f2}\n"
    "body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;color:var(--ink);"
    "max-width:190mm;margin:12mm auto;padding:0 6mm;font-size:11pt;line-height:1.35}\n"
    "h1{font-size:19pt;margin:0 0 2mm}h2{font-size:13.5pt;margin:7mm 0 2mm;"
    "border-bottom:1.5px solid var(--ink);padding-bottom:1mm}h3{font-size:11.5pt;margin:4mm 0 1mm}\n"
    ".sub{color:var(--soft);margin:0 0 4mm}\n"
    "table{border-collapse:collapse;width:100%;margin:1mm 0 3mm;font-size:9.5pt}\n"
    "th,td{border-bottom:1px solid var(--rule);padding:1.2mm 1.5mm;text-align:left;"
    "vertical-align:top}th{background:var(--band);font-weight:600}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".en{color:var(--soft);font-size:8.5pt;display:block}\n"
    ".crit{color:var(--soft);font-size:8.5pt}\n"
    ".facts{display:grid;grid-template-columns:repeat(3,1fr);gap:2mm;margin:2mm 0 3mm}\n"
    ".fact{border:1px solid var(--rule);border-radius:2mm;padding:2mm 3mm}\n"
    ".fact b{display:block;font-size:15pt}.fact span{color:var(--soft);font-size:9pt}\n"
    ".st{font-weight:600;white-space:nowrap}.st-signed{color:#006b3c}.st-meets{color:#005a9c}"
    ".st-pract{color:#8a5a00}.st-none{color:var(--soft)}\n"
    ".chart{margin:1mm 0 4mm}.chart svg{width:100%;height:auto;display:block}\n"
    ".legend span{display:inline-block;margin-right:5mm;font-size:9pt}\n"
    ".legend i{display:inline-block;width:7mm;height:2.2mm;margin-right:1.5mm;"
    "vertical-align:middle}\n"
    ".code{font-family:'Noto Sans Mono','DejaVu Sans Mono',monospace;font-size:10.5pt;"
    "word-break:break-all;border:1.5px solid var(--ink);padding:2mm 3mm;display:block}\n"
    ".note{color:var(--soft);font-size:9pt}\n"
    "@page{size:A4;margin:14mm}\n"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}"
    "h2{break-after:avoid}tr,.chart,.fact,.code{break-inside:avoid}}\n"
    "</style>\n";

static const char *state_class(competency_state s)
{
    switch (s) {
    case COMP_SIGNED_OFF: return "st-signed";
    case COMP_MEETS_CRITERIA: return "st-meets";
    case COMP_PRACTISING: return "st-pract";
    default: return "st-none";
    }
}

static void head(out *o, const report *r)
{
    char from[16], to[16], gen[24], who[200];
    report_day_text(r->from_day, from);
    report_day_text(r->to_day, to);
    report_time_text(r->generated_ms, gen);
    report_person_text(&r->trainee, who, sizeof who);
    put(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    put(o, "Work-experience dossier – ");
    esc(o, who);
    put(o, "</title>\n");
    put(o, css);
    put(o, "</head>\n<body>\n<h1>Work-experience dossier <span class=\"en\">Werkervaringsdossier"
           "</span></h1>\n<p class=\"sub\">Trainee <b>");
    esc(o, who);
    putf(o, "</b> · period %s to %s · made %s UTC", from, to, gen);
    if (r->current_level)
        putf(o, " · current level %u", r->current_level);
    put(o, "</p>\n");
}

static void facts(out *o, const report *r)
{
    char hours[32], rft[16], ind[16];
    report_hours_text(r->task_ms, hours);
    pct_text(r->steps ? 100.0 * (double)r->rft / (double)r->steps : -1, rft);
    pct_text(r->steps ? 100.0 * (double)r->independent / (double)r->steps : -1, ind);
    put(o, "<div class=\"facts\">");
    putf(o, "<div class=\"fact\"><b>%lld</b><span>days on the floor</span></div>",
         (long long)r->days_on_floor);
    putf(o, "<div class=\"fact\"><b>%s</b><span>time on task</span></div>", hours);
    putf(o, "<div class=\"fact\"><b>%llu</b><span>tasks finished</span></div>",
         (unsigned long long)r->tasks);
    putf(o, "<div class=\"fact\"><b>%llu</b><span>steps recorded</span></div>",
         (unsigned long long)r->steps);
    putf(o, "<div class=\"fact\"><b>%s</b><span>right first time</span></div>", rft);
    putf(o, "<div class=\"fact\"><b>%s</b><span>done without a coach's help</span></div>", ind);
    put(o, "</div>\n<p class=\"note\">Days on the floor: days with at least one recorded step. "
           "Time on task: the sum of the durations of the finished tasks, each from its first "
           "step to its last (pick and pack).</p>\n");
}

static void levels(out *o, const report *r)
{
    put(o, "<h2>Levels reached</h2>\n<table><tr><th class=\"n\">Level</th><th>Name</th>"
           "<th>First day</th><th>Last day</th><th class=\"n\">Tasks</th><th class=\"n\">Steps"
           "</th><th class=\"n\">Right first time</th><th class=\"n\">Tempo</th>"
           "<th class=\"n\">Help per task</th></tr>\n");
    for (size_t i = 0; i < r->level_count; i++) {
        const report_level *l = &r->levels[i];
        char f[16], t[16], q[16], te[16], h[16], sw[8];
        report_day_text(l->first_day, f);
        report_day_text(l->last_day, t);
        const competency_dims *d = NULL;
        for (size_t k = 0; k < r->by_level_count; k++)
            if (r->by_level[k].key == (int64_t)l->level)
                d = &r->by_level[k];
        pct_text(d ? d->quality_pct : -1, q);
        pct_text(d ? d->tempo_pct : -1, te);
        if (d && d->support_per_task >= 0)
            snprintf(h, sizeof h, "%.1f", d->support_per_task);
        else
            snprintf(h, sizeof h, "–");
        report_level_hex(l->level, sw);
        putf(o, "<tr><td class=\"n\"><i style=\"display:inline-block;width:3mm;height:3mm;"
                "background:%s;margin-right:1.5mm\"></i>%u</td>", sw, l->level);
        td(o, l->name);
        putf(o, "<td>%s</td><td>%s</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>"
                "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
             f, t, (unsigned long long)l->tasks, (unsigned long long)l->steps, q, te, h);
    }
    put(o, "</table>\n");
    if (r->change_count == 0)
        return;
    put(o, "<h3>Level changes</h3>\n<table><tr><th>When (UTC)</th><th>Change</th><th>By</th>"
           "<th>Reason</th></tr>\n");
    for (size_t i = 0; i < r->change_count; i++) {
        const report_level_change *c = &r->changes[i];
        char when[24], who[200];
        report_time_text(c->ts_ms, when);
        report_person_text(&c->by, who, sizeof who);
        putf(o, "<tr><td>%s</td><td>level %u to %u</td>", when, c->from, c->level);
        td(o, who);
        td(o, c->reason);
        put(o, "</tr>\n");
    }
    put(o, "</table>\n");
}

static void competencies(out *o, const report *r)
{
    put(o, "<h2>Competencies</h2>\n");
    const competency_framework *cur = NULL;
    for (size_t i = 0; i < r->competency_count; i++) {
        const report_competency *c = &r->competencies[i];
        const competency_result *x = &c->result;
        if (c->framework != cur) {
            if (cur)
                put(o, "</table>\n");
            cur = c->framework;
            put(o, "<h3>");
            esc(o, cur->name_nl);
            put(o, " <span class=\"en\">");
            esc(o, cur->name_en);
            put(o, " · qualification ");
            esc(o, cur->qualification);
            put(o, "</span></h3>\n<table><tr><th>Competency</th><th>Status</th><th>Evidence"
                   "</th><th>Criteria</th></tr>\n");
        }
        put(o, "<tr><td>");
        esc(o, c->def->name_nl);
        put(o, "<span class=\"en\">");
        esc(o, c->def->name_en);
        put(o, " · ");
        esc(o, c->def->id);
        put(o, "</span><span class=\"en\">");
        esc(o, c->def->reference);
        putf(o, "</span></td><td><span class=\"st %s\">%s</span>", state_class(x->state),
             competency_state_name(x->state));
        if (x->signed_off_day >= 0) {
            char d[16];
            report_day_text(x->signed_off_day, d);
            putf(o, "<span class=\"en\">on %s</span>", d);
        }
        put(o, "</td>");
        if (x->attempts_all == 0) {
            putf(o, "<td>%s</td>", c->def->source == COMP_SOURCE_STEPS ? "no evidence yet"
                                                                        : "no observations yet");
            if (c->def->source == COMP_SOURCE_STEPS)
                putf(o, "<td class=\"crit\">%u attempts, %u %%, %u %%, %u days</td>",
                     c->def->min_attempts, c->def->min_rft_pct, c->def->min_independent_pct,
                     c->def->min_days);
            else
                putf(o, "<td class=\"crit\">%u positive on %u days, the latest positive</td>",
                     c->def->min_attempts, c->def->min_days);
        } else if (c->def->source == COMP_SOURCE_STEPS) {
            putf(o, "<td>%llu attempts from level %u on (%llu in all); right first time %.0f %%; "
                    "independent %.0f %%; %u day(s)</td><td class=\"crit\">%u attempts, %u %%, "
                    "%u %%, %u days</td>",
                 (unsigned long long)x->attempts, c->def->min_level,
                 (unsigned long long)x->attempts_all, x->rft_pct, x->independent_pct, x->days,
                 c->def->min_attempts, c->def->min_rft_pct, c->def->min_independent_pct,
                 c->def->min_days);
        } else {
            put(o, "<td>coach observations “");
            esc(o, c->def->category);
            putf(o, "”: %llu positive, %llu concern(s), %u day(s)</td><td class=\"crit\">%u "
                    "positive on %u days, the latest positive</td>",
                 (unsigned long long)x->attempts, (unsigned long long)x->concerns, x->days,
                 c->def->min_attempts, c->def->min_days);
        }
        put(o, "</tr>\n");
    }
    if (cur)
        put(o, "</table>\n");
}

static void chart(out *o, const report *r, report_metric m)
{
    report_chart c;
    if (report_chart_make(r, m, &c) != STIEL_OK) {
        o->st = STIEL_ERR_NOMEM;
        return;
    }
    const double W = 720, H = 200, L = 46, R = 12, T = 10, B = 28;
    const double pw = W - L - R, ph = H - T - B;
    put(o, "<div class=\"chart\"><h3>");
    esc(o, c.title);
    putf(o, "</h3>\n<svg viewBox=\"0 0 %.0f %.0f\" "
            "role=\"img\" font-family=\"Noto Sans, Arial, sans-serif\" font-size=\"11\">\n",
         W, H);
    for (double v = 0; v <= c.y_max + 1e-9; v += c.y_step) {
        double y = T + ph - v / c.y_max * ph;
        putf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\" "
                "stroke-width=\"0.8\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                "fill=\"#555\">%g</text>\n",
             L, y, L + pw, y, L - 5, y + 4, v);
    }
    if (c.y_ref >= 0) {
        double y = T + ph - c.y_ref / c.y_max * ph;
        putf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\" "
                "stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/><text x=\"%.1f\" y=\"%.1f\" "
                "text-anchor=\"end\" fill=\"#1a1a1a\">norm</text>\n",
             L, y, L + pw, y, L + pw - 2, y - 4);
    }
    /* x axis: first and last day, and about five ticks between */
    int64_t span = c.x_to - c.x_from;
    for (int k = 0; k <= 5; k++) {
        int64_t day = c.x_from + span * k / 5;
        double x = L + (double)(day - c.x_from) / (double)span * pw;
        char d[16];
        report_day_text(day, d);
        putf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#555\">%s</text>\n",
             x, T + ph, x, T + ph + 4, x, H - 8, k == 0 ? "start" : k == 5 ? "end" : "middle", d);
    }
    putf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
            "stroke=\"#888\" stroke-width=\"0.8\"/>\n",
         L, T, pw, ph);
    for (size_t i = 0; i < c.line_count; i++) {
        const report_chart_line *l = &c.lines[i];
        char col[8];
        report_level_hex(l->level, col);
        if (l->count > 1) {
            putf(o, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
                    "stroke-linejoin=\"round\" points=\"",
                 col);
            for (size_t k = 0; k < l->count; k++)
                putf(o, "%s%.1f,%.1f", k ? " " : "", L + l->pts[k].x * pw,
                     T + ph - l->pts[k].y * ph);
            put(o, "\"/>\n");
        }
        if (l->count <= 60)
            for (size_t k = 0; k < l->count; k++)
                putf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\"/>", L + l->pts[k].x * pw,
                     T + ph - l->pts[k].y * ph, col);
        put(o, "\n");
    }
    if (c.points == 0)
        putf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">no figures "
                "in this period</text>\n",
             L + pw / 2, T + ph / 2);
    put(o, "</svg>\n<div class=\"legend\">");
    for (size_t i = 0; i < c.line_count; i++) {
        char col[8];
        report_level_hex(c.lines[i].level, col);
        putf(o, "<span><i style=\"background:%s\"></i>level %u</span>", col, c.lines[i].level);
    }
    put(o, "</div></div>\n");
    report_chart_free(&c);
}

static void coach(out *o, const report *r)
{
    put(o, "<h2>Coach observations</h2>\n");
    if (r->observation_count == 0) {
        put(o, "<p class=\"note\">No observations in this period.</p>\n");
    } else {
        put(o, "<table><tr><th>When (UTC)</th><th>Coach</th><th>Category</th><th>Outcome</th>"
               "<th>Note</th></tr>\n");
        for (size_t i = 0; i < r->observation_count; i++) {
            const report_observation *x = &r->observations[i];
            char when[24], who[200];
            report_time_text(x->ts_ms, when);
            report_person_text(&x->by, who, sizeof who);
            putf(o, "<tr><td>%s</td>", when);
            td(o, who);
            td(o, x->category);
            td(o, x->positive ? "positive" : "concern");
            td(o, x->note);
            put(o, "</tr>\n");
        }
        put(o, "</table>\n");
    }
    put(o, "<h2>Sign-offs</h2>\n");
    if (r->signoff_count == 0) {
        put(o, "<p class=\"note\">No competency signed off yet.</p>\n");
        return;
    }
    put(o, "<table><tr><th>When (UTC)</th><th>Competency</th><th>Signed off by</th><th>Basis"
           "</th></tr>\n");
    for (size_t i = 0; i < r->signoff_count; i++) {
        const report_signoff *x = &r->signoffs[i];
        char when[24], who[200];
        report_time_text(x->ts_ms, when);
        report_person_text(&x->by, who, sizeof who);
        putf(o, "<tr><td>%s</td><td>", when);
        esc(o, x->competency_name[0] ? x->competency_name : x->competency);
        put(o, "<span class=\"en\">");
        esc(o, x->competency);
        if (x->framework[0]) {
            put(o, " · ");
            esc(o, x->framework);
        }
        put(o, "</span></td>");
        td(o, who);
        put(o, "<td>");
        esc(o, x->criteria_met ? "criteria met" : "coach's judgement");
        if (x->reason[0]) {
            put(o, ": ");
            esc(o, x->reason);
        }
        put(o, "</td></tr>\n");
    }
    put(o, "</table>\n");
}

static void verification(out *o, const report *r)
{
    put(o, "<h2>Verification</h2>\n<p>Verification code (SHA-256 over the evidence chains "
           "below):</p>\n<span class=\"code\">");
    esc(o, r->code);
    put(o, "</span>\n<table><tr><th>Kiosk chain</th><th class=\"n\">Last seq</th><th>Head hash"
           "</th></tr>\n");
    for (size_t i = 0; i < r->chain_count; i++) {
        put(o, "<tr>");
        td(o, r->chains[i].kiosk);
        putf(o, "<td class=\"n\">%lld</td><td style=\"font-family:monospace;font-size:8pt;"
                "word-break:break-all\">%s</td></tr>\n",
             (long long)r->chains[i].seq, r->chains[i].hex);
    }
    char hint[REPORT_HINT_MAX];
    report_verify_hint(r->code, hint, sizeof hint);
    put(o, "</table>\n<p class=\"note\">");
    esc(o, hint);
    put(o, "</p>\n");
}

stiel_status report_render_html(const report *r, stiel_buf *b, stiel_diag *diag)
{
    if (!r || !b)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "report_render_html needs a report and a buffer");
    out o = {.b = b, .st = STIEL_OK};
    head(&o, r);
    facts(&o, r);
    levels(&o, r);
    competencies(&o, r);
    put(&o, "<h2>Progress over time</h2>\n<p class=\"note\">One line per service level; a point "
            "per day with evidence.</p>\n");
    for (int m = 0; m < REPORT_METRIC_COUNT; m++)
        chart(&o, r, (report_metric)m);
    coach(&o, r);
    verification(&o, r);
    put(&o, "</body>\n</html>\n");
    if (o.st != STIEL_OK)
        return stiel_diag_set(diag, o.st, "the HTML dossier could not be written in memory");
    return STIEL_OK;
}
