/* The coach and supervisor pictograms (icons.h, ICON_CHART and after), drawn like the trainee
 * icons on a 100x100 grid scaled into their box with the drawing layer's shapes. */
#include "kiosk/ui/icons.h"

typedef struct g100 {
    ui *u;
    float x, y, s;
} g100;

static ui_rect gr(const g100 *g, float x, float y, float w, float h)
{
    return R((int)(g->x + x * g->s), (int)(g->y + y * g->s), (int)(w * g->s + 0.5f),
             (int)(h * g->s + 0.5f));
}

static void rbox(const g100 *g, float x, float y, float w, float h, float rad, ui_colour c)
{
    d_round(g->u, gr(g, x, y, w, h), (int)(rad * g->s), c);
}

static void ln(const g100 *g, float x0, float y0, float x1, float y1, float t, ui_colour c)
{
    d_line(g->u, g->x + x0 * g->s, g->y + y0 * g->s, g->x + x1 * g->s, g->y + y1 * g->s, t * g->s,
           c);
}

static void dot(const g100 *g, float x, float y, float r, ui_colour c)
{
    d_circle(g->u, g->x + x * g->s, g->y + y * g->s, r * g->s, c);
}

static void ring(const g100 *g, float x, float y, float r, float t, ui_colour c)
{
    d_ring(g->u, g->x + x * g->s, g->y + y * g->s, r * g->s, t * g->s, c);
}

static void tri(const g100 *g, float x0, float y0, float x1, float y1, float x2, float y2,
                ui_colour c)
{
    float p[6] = {g->x + x0 * g->s, g->y + y0 * g->s, g->x + x1 * g->s,
                  g->y + y1 * g->s, g->x + x2 * g->s, g->y + y2 * g->s};
    d_poly(g->u, p, 3, c);
}

static void folder(const g100 *g, ui_colour fg)
{
    rbox(g, 8, 22, 36, 16, 4, fg);
    rbox(g, 8, 30, 84, 58, 6, fg);
}

static void face(const g100 *g, int mood, ui_colour fg, ui_colour bg)
{
    dot(g, 50, 50, 44, fg);
    dot(g, 35, 38, 7, bg);
    dot(g, 65, 38, 7, bg);
    if (mood == 2) {
        ln(g, 30, 64, 40, 72, 7, bg);
        ln(g, 40, 72, 60, 72, 7, bg);
        ln(g, 60, 72, 70, 64, 7, bg);
    } else if (mood == 1) {
        ln(g, 32, 68, 68, 68, 7, bg);
    } else {
        ln(g, 30, 74, 40, 66, 7, bg);
        ln(g, 40, 66, 60, 66, 7, bg);
        ln(g, 60, 66, 70, 74, 7, bg);
    }
}

void icon_staff_shapes(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg)
{
    int side = box.w < box.h ? box.w : box.h;
    g100 g = {u, (float)box.x + (float)(box.w - side) / 2,
              (float)box.y + (float)(box.h - side) / 2, (float)side / 100.0f};
    const g100 *G = &g;
    switch (icon) {
    case ICON_CHART:
        ln(G, 10, 90, 92, 90, 6, fg);
        rbox(G, 16, 60, 14, 28, 2, fg);
        rbox(G, 40, 44, 14, 44, 2, fg);
        rbox(G, 64, 28, 14, 60, 2, fg);
        ln(G, 14, 46, 46, 26, 6, fg);
        ln(G, 46, 26, 84, 12, 6, fg);
        break;
    case ICON_FLAG:
        ln(G, 22, 8, 22, 94, 8, fg);
        tri(G, 26, 10, 84, 28, 26, 48, fg);
        break;
    case ICON_NOTE:
        rbox(G, 12, 8, 60, 82, 6, fg);
        ln(G, 22, 28, 60, 28, 5, bg);
        ln(G, 22, 44, 60, 44, 5, bg);
        ln(G, 22, 60, 48, 60, 5, bg);
        ln(G, 56, 86, 90, 44, 10, fg);        /* the pencil */
        tri(G, 50, 94, 52, 80, 62, 88, fg);
        break;
    case ICON_SIGN:
        dot(G, 50, 42, 36, fg);
        tri(G, 30, 66, 42, 96, 48, 72, fg);   /* ribbons */
        tri(G, 70, 66, 58, 96, 52, 72, fg);
        ln(G, 34, 42, 46, 54, 8, bg);
        ln(G, 46, 54, 68, 30, 8, bg);
        break;
    case ICON_EXPORT:
        folder(G, fg);
        ln(G, 30, 60, 66, 60, 8, bg);
        tri(G, 62, 46, 80, 60, 62, 74, bg);
        break;
    case ICON_IMPORT:
        folder(G, fg);
        ln(G, 70, 60, 36, 60, 8, bg);
        tri(G, 40, 46, 22, 60, 40, 74, bg);
        break;
    case ICON_SETTINGS:
        for (int i = 0; i < 3; i++) {
            float y = 20 + (float)i * 30;
            ln(G, 10, y, 90, y, 6, fg);
            dot(G, i == 1 ? 66 : (i == 0 ? 32 : 48), y, 11, fg);
        }
        break;
    case ICON_FLOOR:
        d_round_outline(u, gr(G, 8, 8, 84, 84), (int)(6 * G->s), (int)(6 * G->s) + 1, fg);
        rbox(G, 20, 20, 24, 30, 3, fg);
        rbox(G, 56, 20, 24, 30, 3, fg);
        dot(G, 38, 72, 9, fg);
        dot(G, 66, 72, 9, fg);
        break;
    case ICON_SMILE_HAPPY: face(G, 2, fg, bg); break;
    case ICON_SMILE_OK: face(G, 1, fg, bg); break;
    case ICON_SMILE_SAD: face(G, 0, fg, bg); break;
    case ICON_EXIT:
        d_round_outline(u, gr(G, 10, 8, 44, 84), (int)(4 * G->s), (int)(7 * G->s) + 1, fg);
        dot(G, 44, 52, 5, fg);
        ln(G, 48, 52, 82, 52, 8, fg);
        tri(G, 76, 38, 96, 52, 76, 66, fg);
        break;
    case ICON_PLUS:
        ln(G, 50, 16, 50, 84, 14, fg);
        ln(G, 16, 50, 84, 50, 14, fg);
        break;
    case ICON_MINUS:
        ln(G, 16, 50, 84, 50, 14, fg);
        break;
    case ICON_SPEAK:
        ring(G, 50, 50, 24, 6, fg);
        ring(G, 50, 50, 42, 6, fg);
        rbox(G, 0, 0, 52, 100, 0, bg);        /* keep only the arcs on the right */
        rbox(G, 8, 36, 20, 28, 3, fg);
        tri(G, 22, 36, 52, 12, 52, 88, fg);
        tri(G, 22, 36, 52, 88, 22, 64, fg);
        break;
    case ICON_LANGUAGE:
        rbox(G, 8, 12, 84, 58, 16, fg);
        tri(G, 24, 64, 24, 92, 48, 66, fg);
        ln(G, 26, 40, 74, 40, 6, bg);
        break;
    case ICON_DRILL:
        ring(G, 50, 50, 42, 9, fg);
        ring(G, 50, 50, 24, 9, fg);
        dot(G, 50, 50, 8, fg);
        break;
    default:
        break;
    }
}
