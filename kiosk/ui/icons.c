/* The pictograms declared in icons.h, each drawn on a 100x100 grid scaled into its box with the
 * drawing layer's shapes (so they mirror with the layout and stay sharp at any size). */
#include <math.h>

#include "kiosk/ui/icons.h"

typedef struct grid {
    ui *u;
    float x, y, s;   /* origin and logical px per grid unit */
    ui_colour fg, bg;
} grid;

static float gx(const grid *g, float v) { return g->x + v * g->s; }
static float gy(const grid *g, float v) { return g->y + v * g->s; }

static ui_rect grect(const grid *g, float x, float y, float w, float h)
{
    return R((int)gx(g, x), (int)gy(g, y), (int)(w * g->s + 0.5f), (int)(h * g->s + 0.5f));
}

static void box_(const grid *g, float x, float y, float w, float h, float rad, ui_colour c)
{
    d_round(g->u, grect(g, x, y, w, h), (int)(rad * g->s), c);
}

static void line_(const grid *g, float x0, float y0, float x1, float y1, float t, ui_colour c)
{
    d_line(g->u, gx(g, x0), gy(g, y0), gx(g, x1), gy(g, y1), t * g->s, c);
}

static void circ_(const grid *g, float x, float y, float r, ui_colour c)
{
    d_circle(g->u, gx(g, x), gy(g, y), r * g->s, c);
}

static void ring_(const grid *g, float x, float y, float r, float t, ui_colour c)
{
    d_ring(g->u, gx(g, x), gy(g, y), r * g->s, t * g->s, c);
}

static void poly_(const grid *g, const float *pts, int n, ui_colour c)
{
    float xy[64];
    for (int i = 0; i < n && i < 32; i++) {
        xy[2 * i] = gx(g, pts[2 * i]);
        xy[2 * i + 1] = gy(g, pts[2 * i + 1]);
    }
    d_poly(g->u, xy, n, c);
}

static void check_(const grid *g, ui_colour c)
{
    line_(g, 18, 52, 40, 74, 13, c);
    line_(g, 40, 74, 82, 28, 13, c);
}

static void cross_(const grid *g, ui_colour c)
{
    line_(g, 25, 25, 75, 75, 13, c);
    line_(g, 75, 25, 25, 75, 13, c);
}

static void product_(const grid *g, float x, float y, float w, float h, ui_colour c, ui_colour bg)
{
    box_(g, x, y, w, h, 4, c);
    box_(g, x + w * 0.38f, y, w * 0.24f, h * 0.3f, 0, bg);
}

static void shelf_(const grid *g, ui_colour c)
{
    line_(g, 10, 20, 10, 92, 6, c);
    line_(g, 90, 20, 90, 92, 6, c);
    line_(g, 10, 56, 90, 56, 6, c);
    line_(g, 10, 90, 90, 90, 6, c);
}

static void hand_(const grid *g, ui_colour c)
{
    box_(g, 28, 44, 46, 46, 14, c);                 /* palm */
    box_(g, 30, 14, 9, 40, 4.5f, c);                /* fingers */
    box_(g, 41, 8, 9, 44, 4.5f, c);
    box_(g, 52, 10, 9, 42, 4.5f, c);
    box_(g, 63, 18, 9, 36, 4.5f, c);
    line_(g, 30, 66, 14, 46, 10, c);                /* thumb */
}

static void person_(const grid *g, float cx, float top, float sc, ui_colour c)
{
    circ_(g, cx, top + 16 * sc, 15 * sc, c);
    box_(g, cx - 28 * sc, top + 38 * sc, 56 * sc, 44 * sc, 20 * sc, c);
}

static void crate_(const grid *g, ui_colour c, ui_colour bg)
{
    float pts[8] = {8, 42, 92, 42, 84, 90, 16, 90};
    poly_(g, pts, 4, c);
    box_(g, 22, 54, 56, 6, 3, bg);
    box_(g, 24, 68, 52, 6, 3, bg);
}

static void icon_shapes(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg);

void icon_draw(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg)
{
    /* only pictures that point a way mirror in Arabic; a check mark or a printer does not */
    bool directional = icon == ICON_ARROW || icon == ICON_UNDO || icon == ICON_SKIP ||
                       icon == ICON_WALK;
    if (!u->rtl || directional) {
        icon_shapes(u, icon, box, fg, bg);
        return;
    }
    ui_rect m = d_mirror(u, box);
    u->rtl = false;
    icon_shapes(u, icon, m, fg, bg);
    u->rtl = true;
}

static void icon_shapes(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg)
{
    int side = box.w < box.h ? box.w : box.h;
    grid g = {u, (float)box.x + (float)(box.w - side) / 2, (float)box.y + (float)(box.h - side) / 2,
              (float)side / 100.0f, fg, bg};
    const grid *G = &g;
    switch (icon) {
    case ICON_LOCATION:
        shelf_(G, fg);
        product_(G, 20, 66, 22, 24, fg, bg);
        circ_(G, 62, 24, 18, fg);                   /* the pin */
        {
            float pts[6] = {47, 32, 77, 32, 62, 56};
            poly_(G, pts, 3, fg);
        }
        circ_(G, 62, 24, 7, bg);
        break;
    case ICON_SCAN:
        box_(G, 10, 30, 46, 26, 8, fg);             /* head */
        {
            float pts[8] = {20, 52, 38, 52, 32, 88, 16, 88};
            poly_(G, pts, 4, fg);                   /* grip */
        }
        line_(G, 60, 36, 92, 20, 5, fg);            /* beam */
        line_(G, 60, 43, 94, 43, 5, fg);
        line_(G, 60, 50, 92, 66, 5, fg);
        break;
    case ICON_ITEM:
        product_(G, 14, 22, 72, 64, fg, bg);
        break;
    case ICON_QTY:
        product_(G, 10, 52, 38, 36, fg, bg);
        product_(G, 52, 52, 38, 36, fg, bg);
        product_(G, 31, 12, 38, 36, fg, bg);
        break;
    case ICON_TOTE:
        crate_(G, fg, bg);
        break;
    case ICON_HAND_PUT:
        crate_(G, fg, bg);
        line_(G, 50, 6, 50, 30, 9, fg);
        {
            float pts[6] = {34, 26, 66, 26, 50, 40};
            poly_(G, pts, 3, fg);
        }
        break;
    case ICON_BOX:
        box_(G, 10, 24, 80, 20, 3, fg);      /* the lid */
        box_(G, 15, 42, 70, 46, 3, fg);      /* the body */
        line_(G, 12, 45, 88, 45, 3, bg);
        box_(G, 45, 24, 10, 34, 0, bg);      /* tape over the lid */
        break;
    case ICON_PRINTER:
        box_(G, 26, 10, 48, 26, 2, fg);
        box_(G, 30, 14, 40, 22, 0, bg);
        box_(G, 8, 34, 84, 38, 8, fg);
        box_(G, 24, 60, 52, 32, 2, fg);
        box_(G, 28, 64, 44, 24, 0, bg);
        line_(G, 34, 72, 66, 72, 4, fg);
        line_(G, 34, 80, 58, 80, 4, fg);
        circ_(G, 80, 44, 4, bg);
        break;
    case ICON_LABEL:
        box_(G, 10, 20, 80, 60, 8, fg);
        box_(G, 16, 26, 68, 48, 4, bg);
        for (int i = 0; i < 9; i++) {
            float x = 22 + (float)i * 6.5f;
            line_(G, x, 34, x, 66, (i % 3 == 0) ? 4.0f : 2.0f, fg);
        }
        break;
    case ICON_HELP:
        hand_(G, fg);
        break;
    case ICON_COACH:
        person_(G, 50, 8, 1.0f, fg);
        break;
    case ICON_CHECK:
        check_(G, fg);
        break;
    case ICON_CROSS:
        cross_(G, fg);
        break;
    case ICON_ATTENTION: {
        float pts[6] = {50, 8, 94, 88, 6, 88};
        poly_(G, pts, 3, fg);
        line_(G, 50, 36, 50, 62, 10, bg);
        circ_(G, 50, 76, 6, bg);
        break;
    }
    case ICON_EMPTY_SHELF:
        shelf_(G, fg);
        ring_(G, 50, 30, 16, 5, fg);
        line_(G, 38, 42, 62, 18, 5, fg);
        break;
    case ICON_DAMAGED:
        product_(G, 14, 26, 72, 62, fg, bg);
        line_(G, 50, 34, 40, 52, 5, bg);
        line_(G, 40, 52, 56, 64, 5, bg);
        line_(G, 56, 64, 46, 86, 5, bg);
        break;
    case ICON_NOT_FOUND:
        ring_(G, 42, 42, 28, 8, fg);
        line_(G, 62, 62, 88, 88, 12, fg);
        line_(G, 36, 34, 42, 28, 5, fg);
        line_(G, 42, 28, 50, 34, 5, fg);
        line_(G, 50, 34, 42, 44, 5, fg);
        circ_(G, 42, 54, 3.5f, fg);
        break;
    case ICON_OTHER_ITEM:
        product_(G, 6, 40, 38, 40, fg, bg);
        circ_(G, 74, 60, 20, fg);
        line_(G, 44, 22, 60, 22, 5, fg);
        {
            float pts[6] = {58, 14, 68, 22, 58, 30};
            poly_(G, pts, 3, fg);
        }
        break;
    case ICON_BADGE:
        box_(G, 16, 14, 68, 78, 8, fg);
        box_(G, 40, 6, 20, 14, 4, fg);
        circ_(G, 50, 42, 13, bg);
        box_(G, 32, 58, 36, 18, 9, bg);
        break;
    case ICON_ARROW: {
        line_(G, 14, 50, 70, 50, 14, fg);
        float pts[6] = {56, 22, 90, 50, 56, 78};
        poly_(G, pts, 3, fg);
        break;
    }
    case ICON_UNDO: {
        line_(G, 34, 34, 64, 34, 10, fg);
        for (int i = 0; i < 8; i++) {
            float a0 = (float)(-M_PI / 2 + M_PI * i / 8), a1 = (float)(-M_PI / 2 + M_PI * (i + 1) / 8);
            line_(G, 64 + 24 * cosf(a0), 58 + 24 * sinf(a0), 64 + 24 * cosf(a1),
                  58 + 24 * sinf(a1), 10, fg);
        }
        line_(G, 64, 82, 40, 82, 10, fg);
        float pts[6] = {40, 16, 40, 52, 12, 34};
        poly_(G, pts, 3, fg);
        break;
    }
    case ICON_SKIP: {
        float a[6] = {12, 22, 48, 50, 12, 78};
        float b[6] = {46, 22, 82, 50, 46, 78};
        poly_(G, a, 3, fg);
        poly_(G, b, 3, fg);
        line_(G, 88, 22, 88, 78, 8, fg);
        break;
    }
    case ICON_PHOTO:
        box_(G, 8, 28, 84, 56, 10, fg);
        box_(G, 30, 18, 26, 14, 4, fg);
        circ_(G, 50, 56, 20, bg);
        circ_(G, 50, 56, 12, fg);
        break;
    case ICON_STAR: {
        float pts[20];
        for (int i = 0; i < 10; i++) {
            float a = (float)(-M_PI / 2 + M_PI * i / 5), r = (i % 2) ? 20.0f : 46.0f;
            pts[2 * i] = 50 + r * cosf(a);
            pts[2 * i + 1] = 54 + r * sinf(a);
        }
        /* a star is not convex: a pentagon core plus five tips */
        float core[10];
        for (int i = 0; i < 5; i++) {
            core[2 * i] = pts[4 * i + 2];
            core[2 * i + 1] = pts[4 * i + 3];
        }
        poly_(G, core, 5, fg);
        for (int i = 0; i < 5; i++) {
            float t[6] = {pts[(4 * i + 18) % 20], pts[(4 * i + 19) % 20], pts[4 * i], pts[4 * i + 1],
                          pts[4 * i + 2], pts[4 * i + 3]};
            poly_(G, t, 3, fg);
        }
        break;
    }
    case ICON_WALK:
        circ_(G, 56, 14, 10, fg);
        line_(G, 52, 30, 46, 58, 12, fg);           /* body */
        line_(G, 46, 58, 30, 90, 10, fg);           /* legs */
        line_(G, 46, 58, 64, 74, 10, fg);
        line_(G, 64, 74, 66, 92, 10, fg);
        line_(G, 50, 36, 30, 50, 8, fg);            /* arms */
        line_(G, 52, 36, 70, 48, 8, fg);
        break;
    case ICON_COUNT:
        break;
    default:
        icon_staff_shapes(u, icon, box, fg, bg);
        break;
    }
}
