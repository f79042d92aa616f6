/* The drawing layer's shapes: logical rectangles, rounded rectangles, circles, rings, thick
 * lines and convex polygons, mirrored for Arabic and scaled to the window, drawn as triangles
 * with SDL_RenderGeometry; and the tap targets recorded while drawing. */
#include <math.h>
#include <string.h>

#include "kiosk/ui/ui_internal.h"

enum { POLY_MAX = 96 };

static float px_x(const ui *u, float x);
static float px_y(const ui *u, float y);

ui_rect R(int x, int y, int w, int h)
{
    ui_rect r = {x, y, w, h};
    return r;
}

ui_colour C(ui_swatch s)
{
    return ui_palette(s);
}

ui_colour col_mix(ui_colour a, ui_colour b, int pct_b)
{
    ui_colour c = {
        (uint8_t)((a.r * (100 - pct_b) + b.r * pct_b) / 100),
        (uint8_t)((a.g * (100 - pct_b) + b.g * pct_b) / 100),
        (uint8_t)((a.b * (100 - pct_b) + b.b * pct_b) / 100), 0xFF};
    return c;
}

ui_rect d_mirror(const ui *u, ui_rect r)
{
    if (u->rtl)
        r.x = UI_LOGICAL_W - r.x - r.w;
    return r;
}

static float px_x(const ui *u, float x)
{
    if (u->rtl)
        x = (float)UI_LOGICAL_W - x;
    return (float)u->ox + x * u->scale;
}

static float px_y(const ui *u, float y)
{
    return (float)u->oy + y * u->scale;
}

static void fan(ui *u, const float *xy, int n, ui_colour c)
{
    if (n < 3)
        return;
    SDL_Vertex v[POLY_MAX + 1];
    int idx[POLY_MAX * 3];
    if (n > POLY_MAX)
        n = POLY_MAX;
    float cx = 0, cy = 0;
    for (int i = 0; i < n; i++) {
        cx += xy[2 * i];
        cy += xy[2 * i + 1];
    }
    SDL_Color col = {c.r, c.g, c.b, c.a};
    v[0].position.x = px_x(u, cx / (float)n);
    v[0].position.y = px_y(u, cy / (float)n);
    v[0].color = col;
    for (int i = 0; i < n; i++) {
        v[i + 1].position.x = px_x(u, xy[2 * i]);
        v[i + 1].position.y = px_y(u, xy[2 * i + 1]);
        v[i + 1].color = col;
        v[i + 1].tex_coord.x = v[i + 1].tex_coord.y = 0;
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % n + 1;
    }
    v[0].tex_coord.x = v[0].tex_coord.y = 0;
    SDL_RenderGeometry(u->r, NULL, v, n + 1, idx, n * 3);
}

void d_poly(ui *u, const float *xy, int n, ui_colour c)
{
    fan(u, xy, n, c);
}

void d_rect(ui *u, ui_rect r, ui_colour c)
{
    r = d_mirror(u, r);
    SDL_FRect f = {(float)u->ox + (float)r.x * u->scale, (float)u->oy + (float)r.y * u->scale,
                   (float)r.w * u->scale, (float)r.h * u->scale};
    SDL_SetRenderDrawColor(u->r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRectF(u->r, &f);
}

static int arc_steps(const ui *u, float rad)
{
    int n = (int)(rad * u->scale / 2.0f) + 4;
    return n > 16 ? 16 : n;
}

/* Filled shapes are drawn as one-pixel-high spans in window pixels (SDL_RenderFillRects):
 * the software renderer fills rectangles far faster than triangles. Rows with the same span
 * (the straight middle of a rounded rectangle) become one rectangle: a card is a few dozen
 * rectangles, not one per row. */
enum { SPANS_MAX = 256 };

typedef struct spans {
    ui *u;
    SDL_FRect r[SPANS_MAX];
    int n;
} spans;

static void spans_flush(spans *s)
{
    if (s->n)
        SDL_RenderFillRectsF(s->u->r, s->r, s->n);
    s->n = 0;
}

static void spans_add(spans *s, float x0, float x1, float y)
{
    if (x1 <= x0)
        return;
    if (s->n > 0) {
        SDL_FRect *last = &s->r[s->n - 1];
        if (last->x == x0 && last->w == x1 - x0 && last->y + last->h == y) {
            last->h += 1;
            return;
        }
    }
    if (s->n == SPANS_MAX)
        spans_flush(s);
    SDL_FRect *r = &s->r[s->n++];
    r->x = x0;
    r->y = y;
    r->w = x1 - x0;
    r->h = 1;
}

static void spans_begin(spans *s, ui *u, ui_colour c)
{
    s->u = u;
    s->n = 0;
    SDL_SetRenderDrawColor(u->r, c.r, c.g, c.b, c.a);
}

/* Rounded rectangle in window pixels: px, py, pw, ph, radius pr; rows above y_min are left out. */
static void round_px(spans *s, float px, float py, float pw, float ph, float pr, int y_min)
{
    int y0 = (int)(py + 0.5f), y1 = (int)(py + ph + 0.5f);
    if (y0 < y_min)
        y0 = y_min;
    for (int y = y0; y < y1; y++) {
        float cy = (float)y + 0.5f, inset = 0;
        float dy = 0;
        if (cy < py + pr)
            dy = py + pr - cy;
        else if (cy > py + ph - pr)
            dy = cy - (py + ph - pr);
        if (dy > 0) {
            float q = pr * pr - dy * dy;
            inset = pr - (q > 0 ? sqrtf(q) : 0);
        }
        spans_add(s, floorf(px + inset + 0.5f), floorf(px + pw - inset + 0.5f), (float)y);
    }
}

static void round_rows(ui *u, ui_rect r, int radius, ui_colour c, int y_min_px);

void d_round(ui *u, ui_rect r, int radius, ui_colour c)
{
    round_rows(u, r, radius, c, -1);
}

void d_shadow(ui *u, ui_rect r, int radius, int drop, ui_colour c)
{
    /* under an opaque r drawn next, only the rows from r's lower corners down show */
    float from = (float)u->oy + (float)(r.y + r.h - radius - 1) * u->scale;
    round_rows(u, R(r.x, r.y + drop, r.w, r.h), radius, c, (int)floorf(from));
}

static void round_rows(ui *u, ui_rect r, int radius, ui_colour c, int y_min_px)
{
    float rad = (float)radius;
    if (rad * 2 > (float)r.w)
        rad = (float)r.w / 2;
    if (rad * 2 > (float)r.h)
        rad = (float)r.h / 2;
    if (rad < 1) {
        d_rect(u, r, c);
        return;
    }
    ui_rect m = d_mirror(u, r);
    spans s;
    spans_begin(&s, u, c);
    round_px(&s, (float)u->ox + (float)m.x * u->scale, (float)u->oy + (float)m.y * u->scale,
             (float)m.w * u->scale, (float)m.h * u->scale, rad * u->scale, y_min_px);
    spans_flush(&s);
}

void d_round_outline(ui *u, ui_rect r, int radius, int thick, ui_colour c)
{
    /* a ring of four thick edges and four corner arcs */
    float t = (float)thick, rad = (float)radius;
    if (rad < t)
        rad = t;
    float x0 = (float)r.x + t / 2, y0 = (float)r.y + t / 2;
    float x1 = (float)(r.x + r.w) - t / 2, y1 = (float)(r.y + r.h) - t / 2;
    float rr = rad - t / 2;
    d_line(u, x0 + rr, y0, x1 - rr, y0, t, c);
    d_line(u, x0 + rr, y1, x1 - rr, y1, t, c);
    d_line(u, x0, y0 + rr, x0, y1 - rr, t, c);
    d_line(u, x1, y0 + rr, x1, y1 - rr, t, c);
    const float cxs[4] = {x1 - rr, x0 + rr, x0 + rr, x1 - rr};
    const float cys[4] = {y1 - rr, y1 - rr, y0 + rr, y0 + rr};
    int steps = arc_steps(u, rr);
    for (int q = 0; q < 4; q++) {
        for (int i = 0; i < steps; i++) {
            float a0 = (float)(M_PI / 2 * q + M_PI / 2 * i / steps);
            float a1 = (float)(M_PI / 2 * q + M_PI / 2 * (i + 1) / steps);
            float xy[8] = {
                cxs[q] + (rr - t / 2) * cosf(a0), cys[q] + (rr - t / 2) * sinf(a0),
                cxs[q] + (rr + t / 2) * cosf(a0), cys[q] + (rr + t / 2) * sinf(a0),
                cxs[q] + (rr + t / 2) * cosf(a1), cys[q] + (rr + t / 2) * sinf(a1),
                cxs[q] + (rr - t / 2) * cosf(a1), cys[q] + (rr - t / 2) * sinf(a1)};
            fan(u, xy, 4, c);
        }
    }
}

void d_circle(ui *u, float cx, float cy, float rad, ui_colour c)
{
    float pr = rad * u->scale;
    if (pr < 3) {
        float xy[2 * 12];
        for (int i = 0; i < 12; i++) {
            float a = (float)(2 * M_PI * i / 12);
            xy[2 * i] = cx + rad * cosf(a);
            xy[2 * i + 1] = cy + rad * sinf(a);
        }
        fan(u, xy, 12, c);
        return;
    }
    spans s;
    spans_begin(&s, u, c);
    round_px(&s, px_x(u, cx) - pr, px_y(u, cy) - pr, 2 * pr, 2 * pr, pr, -1);
    spans_flush(&s);
}

void d_ring(ui *u, float cx, float cy, float rad, float thick, ui_colour c)
{
    int n = (int)(rad * u->scale / 1.5f) + 8;
    if (n > 48)
        n = 48;
    float ri = rad - thick;
    for (int i = 0; i < n; i++) {
        float a0 = (float)(2 * M_PI * i / n), a1 = (float)(2 * M_PI * (i + 1) / n);
        float xy[8] = {cx + ri * cosf(a0), cy + ri * sinf(a0), cx + rad * cosf(a0),
                       cy + rad * sinf(a0), cx + rad * cosf(a1), cy + rad * sinf(a1),
                       cx + ri * cosf(a1), cy + ri * sinf(a1)};
        fan(u, xy, 4, c);
    }
}

void d_line(ui *u, float x0, float y0, float x1, float y1, float thick, ui_colour c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 0.001f) {
        d_circle(u, x0, y0, thick / 2, c);
        return;
    }
    float nx = -dy / len * thick / 2, ny = dx / len * thick / 2;
    float xy[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    fan(u, xy, 4, c);
    if (thick >= 4) {
        d_circle(u, x0, y0, thick / 2, c);
        d_circle(u, x1, y1, thick / 2, c);
    }
}

void d_hit(ui *u, ui_rect r, const char *action)
{
    if (u->hit_count >= UI_HITS_MAX || !action)
        return;
    ui_hit *h = &u->hits[u->hit_count++];
    size_t n = strlen(action);
    if (n > UI_ACTION_MAX)
        n = UI_ACTION_MAX;
    memcpy(h->action, action, n);
    h->action[n] = '\0';
    h->r = d_mirror(u, r);
}
