/* The drawing layer's shapes: logical rectangles, rounded rectangles, circles, rings, thick
 * lines and convex polygons, mirrored for Arabic and scaled to the window, drawn as triangles
 * with SDL_RenderGeometry; and the tap targets recorded while drawing. */
#include <math.h>
#include <string.h>

#include "kiosk/ui/ui_internal.h"

enum { POLY_MAX = 96 };

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

void d_round(ui *u, ui_rect r, int radius, ui_colour c)
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
    float xy[2 * POLY_MAX];
    int steps = arc_steps(u, rad), n = 0;
    const float cxs[4] = {r.x + r.w - rad, r.x + rad, r.x + rad, r.x + r.w - rad};
    const float cys[4] = {r.y + r.h - rad, r.y + r.h - rad, r.y + rad, r.y + rad};
    for (int q = 0; q < 4; q++) {
        for (int i = 0; i <= steps && n < POLY_MAX; i++) {
            float a = (float)(M_PI / 2 * q + M_PI / 2 * i / steps);
            xy[2 * n] = cxs[q] + rad * cosf(a);
            xy[2 * n + 1] = cys[q] + rad * sinf(a);
            n++;
        }
    }
    fan(u, xy, n, c);
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
    float xy[2 * 48];
    int n = (int)(rad * u->scale / 1.5f) + 8;
    if (n > 48)
        n = 48;
    for (int i = 0; i < n; i++) {
        float a = (float)(2 * M_PI * i / n);
        xy[2 * i] = cx + rad * cosf(a);
        xy[2 * i + 1] = cy + rad * sinf(a);
    }
    fan(u, xy, n, c);
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
