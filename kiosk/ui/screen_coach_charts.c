/* The coach's charts for one trainee: right first time, tempo against the norm and help per task
 * over the days, one line per level (its own colour AND marker shape, so colour never carries
 * the meaning alone), drawn with the drawing layer's lines and circles from the view's points. */
#include <stdio.h>

#include "kiosk/ui/screens_staff.h"

static ui_colour level_colour(unsigned level)
{
    static const ui_swatch sw[] = {UI_COL_PRIMARY, UI_COL_GOOD, UI_COL_TEXT, UI_COL_MUTED,
                                   UI_COL_ATTN};
    return C(sw[(level ? level - 1 : 0) % 5]);
}

/* A marker per level: circle, square, diamond, ring, triangle. */
static void marker(ui *u, float x, float y, unsigned level, ui_colour c)
{
    switch ((level ? level - 1 : 0) % 5) {
    case 0: d_circle(u, x, y, 7, c); break;
    case 1: d_rect(u, R((int)x - 6, (int)y - 6, 13, 13), c); break;
    case 2: {
        float p[8] = {x, y - 8, x + 8, y, x, y + 8, x - 8, y};
        d_poly(u, p, 4, c);
        break;
    }
    case 3: d_ring(u, x, y, 7, 3, c); break;
    default: {
        float p[6] = {x, y - 8, x + 8, y + 7, x - 8, y + 7};
        d_poly(u, p, 3, c);
        break;
    }
    }
}

static void chart(ui *u, ui_rect box, const ui_staff_chart *c)
{
    w_card(u, box, C(UI_COL_PANEL));
    char id[48];
    snprintf(id, sizeof id, "coach.chart.%s", c->metric[0] ? c->metric : "rft");
    d_tr(u, id, R(box.x + 16, box.y + 8, box.w - 32, 56), 24, true, C(UI_COL_TEXT), AL_START);
    ui_rect plot = R(box.x + 70, box.y + 76, box.w - 96, box.h - 140);
    float ymax = c->y_max > 0 ? c->y_max : 1;
    /* axes, three grid lines with their values */
    for (int g = 0; g <= 2; g++) {
        float val = ymax * (float)g / 2;
        float y = (float)(plot.y + plot.h) - (float)plot.h * (float)g / 2;
        d_line(u, (float)plot.x, y, (float)(plot.x + plot.w), y, g ? 1.5f : 3, C(UI_COL_LINE));
        char num[16];
        snprintf(num, sizeof num, "%.0f", (double)val);
        d_text_ltr(u, num, R(box.x + 8, (int)y - 16, 56, 32), 20, false, C(UI_COL_MUTED), AL_END);
    }
    d_line(u, (float)plot.x, (float)plot.y, (float)plot.x, (float)(plot.y + plot.h), 3,
           C(UI_COL_LINE));
    if (c->y_ref >= 0 && c->y_ref <= ymax) {
        float y = (float)(plot.y + plot.h) - (float)plot.h * c->y_ref / ymax;
        for (int x = plot.x; x + 12 < plot.x + plot.w; x += 24)   /* dashed: the norm */
            d_line(u, (float)x, y, (float)x + 12, y, 3, C(UI_COL_TEXT));
    }
    size_t points = 0;
    for (size_t l = 0; l < c->line_count && l < UI_STAFF_CHART_LINES; l++) {
        const ui_staff_chart_line *ln = &c->lines[l];
        ui_colour col = level_colour(ln->level);
        for (size_t i = 0; i < ln->count && i < UI_STAFF_CHART_POINTS; i++) {
            float x = (float)plot.x + ln->x[i] * (float)plot.w;
            float y = (float)(plot.y + plot.h) - ln->y[i] * (float)plot.h;
            if (i > 0) {
                float px = (float)plot.x + ln->x[i - 1] * (float)plot.w;
                float py = (float)(plot.y + plot.h) - ln->y[i - 1] * (float)plot.h;
                d_line(u, px, py, x, y, 3, col);
            }
            marker(u, x, y, ln->level, col);
            points++;
        }
    }
    if (!points)
        d_tr(u, "coach.chart_empty", plot, 24, false, C(UI_COL_MUTED), AL_CENTRE);
    d_text_ltr(u, c->from_day, R(plot.x - 30, plot.y + plot.h + 8, 160, 32), 18, false,
               C(UI_COL_MUTED), AL_START);
    d_text_ltr(u, c->to_day, R(plot.x + plot.w - 130, plot.y + plot.h + 8, 160, 32), 18, false,
               C(UI_COL_MUTED), AL_END);
}

void coach_page_charts(ui *u, const kiosk_view *v)
{
    const ui_staff_view *s = &v->staff;
    staff_frame(u, v, ICON_CHART, "coach.charts_title", s->trainee_name, NULL);
    for (int i = 0; i < UI_STAFF_CHART_COUNT; i++)
        chart(u, R(24 + i * 416, STAFF_TOP, 400, 480), &s->charts[i]);
    /* the legend: one entry per level drawn in any chart */
    unsigned seen = 0;
    int x = 24;
    for (int i = 0; i < UI_STAFF_CHART_COUNT; i++) {
        for (size_t l = 0; l < s->charts[i].line_count && l < UI_STAFF_CHART_LINES; l++) {
            unsigned lv = s->charts[i].lines[l].level;
            if (lv >= 32 || (seen & (1u << lv)))
                continue;
            seen |= 1u << lv;
            marker(u, (float)x + 14, STAFF_TOP + 520, lv, level_colour(lv));
            char n[16];
            snprintf(n, sizeof n, "%u", lv);
            ui_msg m;
            ui_msg_set(&m, "staff.level_short", n, NULL, NULL);
            d_msg(u, &m, R(x + 32, STAFF_TOP + 498, 170, 44), 22, true, C(UI_COL_TEXT), AL_START);
            x += 210;
        }
    }
}
