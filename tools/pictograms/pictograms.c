/* Generates the sample warehouse's item pictures (assets/items/<sku>.png, 128x128, transparent):
 * a simple, friendly pictogram per item drawn by category (bag, box, bottle, tube, ...) and
 * colour, so that every item looks distinct while look-alike pairs look alike on purpose.
 * Run once; the PNGs are committed. Usage: stiel_pictograms ASSET_DIR */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

enum { SIZE = 128 };

typedef enum shape {
    BAG = 0, TEABOX, BOTTLE, BATTERY, CABLE, SOCK, TUBE, PUMP, PASTA, NOTEBOOK, PEN, CLOTH,
    CANDLE, JAR, WAFFLE, SACK, PHONECASE, EARPHONES, POWERSTRIP, BULB, MOUSEPAD, MOUSE, USB,
    TAPE, SCISSORS, ERASER, PUZZLE, CARDS, MARBLES, TABLETS, ROLL, PEGS, SPONGE, MUG, LUNCHBOX,
    TOWEL, PILLOW, TOOTHBRUSH, PADS, PLASTERS, DEODORANT, BINBAGS
} shape;

typedef struct item {
    const char *sku;
    shape shape;
    Uint32 main, accent;   /* 0xRRGGBB */
    int mark;              /* 0..3: a small variant mark (dots, stripe) */
} item;

static const item items[] = {
    {"ST-1001", BAG, 0x6B4226, 0xD9B382, 0}, {"ST-1002", BAG, 0x6B4226, 0xD9B382, 1},
    {"ST-1003", TEABOX, 0x3E8E41, 0xE8F5E9, 0}, {"ST-1004", TEABOX, 0x3E8E41, 0xB2DFDB, 1},
    {"ST-1005", BOTTLE, 0x2E6DB4, 0xFFFFFF, 0}, {"ST-1006", BOTTLE, 0x2E6DB4, 0xFFE082, 1},
    {"ST-1007", BATTERY, 0x333333, 0xF4B400, 0}, {"ST-1008", BATTERY, 0x333333, 0xF4B400, 1},
    {"ST-1009", CABLE, 0xEEEEEE, 0x555555, 0}, {"ST-1010", CABLE, 0xEEEEEE, 0x555555, 1},
    {"ST-1011", SOCK, 0x222222, 0x888888, 0}, {"ST-1012", SOCK, 0x222222, 0x888888, 1},
    {"ST-1013", TUBE, 0xE6EEF6, 0xD32F2F, 0}, {"ST-1014", TUBE, 0xE6EEF6, 0x1976D2, 1},
    {"ST-1015", PUMP, 0xF8BBD0, 0x7B1FA2, 0}, {"ST-1016", TUBE, 0xF8BBD0, 0x7B1FA2, 2},
    {"ST-1017", PASTA, 0xF2C14E, 0x1565C0, 0}, {"ST-1018", PASTA, 0xF2C14E, 0x1565C0, 1},
    {"ST-1019", NOTEBOOK, 0x1E88E5, 0xFFFFFF, 0}, {"ST-1020", NOTEBOOK, 0x1E88E5, 0xFFFFFF, 1},
    {"ST-1021", PEN, 0x1565C0, 0xEEEEEE, 0}, {"ST-1022", PEN, 0x212121, 0xEEEEEE, 0},
    {"ST-1023", CLOTH, 0xFFB74D, 0xFFFFFF, 0}, {"ST-1024", CLOTH, 0x4FC3F7, 0xFFFFFF, 1},
    {"ST-1025", CANDLE, 0xFFFFFF, 0xFF9800, 0}, {"ST-1026", JAR, 0xC68642, 0xD32F2F, 0},
    {"ST-1027", JAR, 0x3E2723, 0x1976D2, 1}, {"ST-1028", WAFFLE, 0xD4A056, 0x8D5524, 0},
    {"ST-1029", SACK, 0xE0C9A6, 0x2E7D32, 0}, {"ST-1030", SACK, 0xFAFAFA, 0xC62828, 1},
    {"ST-1031", BOTTLE, 0x827717, 0xC5E1A5, 2}, {"ST-1032", JAR, 0xFFB300, 0x6D4C41, 2},
    {"ST-1033", BOTTLE, 0x26A69A, 0xFFFFFF, 3}, {"ST-1034", DEODORANT, 0x5C6BC0, 0xE8EAF6, 0},
    {"ST-1035", TOOTHBRUSH, 0x29B6F6, 0xFFFFFF, 0}, {"ST-1036", PADS, 0xF5F5F5, 0xF06292, 0},
    {"ST-1037", PLASTERS, 0xE0A96D, 0xFFFFFF, 0}, {"ST-1038", PHONECASE, 0xB3E5FC, 0x455A64, 0},
    {"ST-1039", EARPHONES, 0xFAFAFA, 0x424242, 0}, {"ST-1040", POWERSTRIP, 0xFAFAFA, 0xE53935, 0},
    {"ST-1041", BULB, 0xFFF176, 0x757575, 0}, {"ST-1042", MOUSEPAD, 0x37474F, 0x90A4AE, 0},
    {"ST-1043", MOUSE, 0x616161, 0xBDBDBD, 0}, {"ST-1044", USB, 0xE53935, 0xB0BEC5, 0},
    {"ST-1045", TAPE, 0xFFF9C4, 0x9E9E9E, 0}, {"ST-1046", SCISSORS, 0xFF7043, 0x90A4AE, 0},
    {"ST-1047", PEN, 0xFDD835, 0x3E2723, 1}, {"ST-1048", ERASER, 0xFAFAFA, 0x1E88E5, 0},
    {"ST-1049", PEN, 0xE53935, 0x43A047, 2}, {"ST-1050", PUZZLE, 0x8E24AA, 0xFFCA28, 0},
    {"ST-1051", CARDS, 0xFFFFFF, 0xD32F2F, 0}, {"ST-1052", MARBLES, 0x1E88E5, 0x43A047, 0},
    {"ST-1053", TABLETS, 0x0288D1, 0xFFFFFF, 0}, {"ST-1054", BOTTLE, 0x7CB342, 0xFFFFFF, 0},
    {"ST-1055", BINBAGS, 0x263238, 0x78909C, 0}, {"ST-1056", ROLL, 0xFFFFFF, 0x90A4AE, 0},
    {"ST-1057", PEGS, 0xEC407A, 0x66BB6A, 0}, {"ST-1058", SPONGE, 0xFFEB3B, 0x43A047, 0},
    {"ST-1059", BOTTLE, 0x4DD0E1, 0x00838F, 1}, {"ST-1060", LUNCHBOX, 0x66BB6A, 0xE8F5E9, 0},
    {"ST-1061", MUG, 0xFFFFFF, 0x9E9E9E, 0}, {"ST-1062", TOWEL, 0xFFFFFF, 0xE53935, 1},
    {"ST-1063", TOWEL, 0x42A5F5, 0xFFFFFF, 0}, {"ST-1064", PILLOW, 0xF5F5F5, 0x9FA8DA, 0},
};

static SDL_Renderer *R;

static SDL_Color col(Uint32 rgb)
{
    SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
    return c;
}

static void fan(const float *xy, int n, Uint32 rgb)
{
    SDL_Vertex v[64];
    int idx[192];
    float cx = 0, cy = 0;
    for (int i = 0; i < n; i++) {
        cx += xy[2 * i];
        cy += xy[2 * i + 1];
    }
    memset(v, 0, sizeof v);
    v[0].position.x = cx / (float)n;
    v[0].position.y = cy / (float)n;
    v[0].color = col(rgb);
    for (int i = 0; i < n; i++) {
        v[i + 1].position.x = xy[2 * i];
        v[i + 1].position.y = xy[2 * i + 1];
        v[i + 1].color = col(rgb);
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % n + 1;
    }
    SDL_RenderGeometry(R, NULL, v, n + 1, idx, 3 * n);
}

static void ellipse(float cx, float cy, float rx, float ry, Uint32 rgb)
{
    float xy[96];
    for (int i = 0; i < 48; i++) {
        double a = 2 * M_PI * i / 48;
        xy[2 * i] = cx + rx * (float)cos(a);
        xy[2 * i + 1] = cy + ry * (float)sin(a);
    }
    fan(xy, 48, rgb);
}

static void rrect(float x, float y, float w, float h, float r, Uint32 rgb)
{
    float xy[128];
    int n = 0;
    if (r * 2 > w) r = w / 2;
    if (r * 2 > h) r = h / 2;
    const float cx[4] = {x + w - r, x + r, x + r, x + w - r}, cy[4] = {y + h - r, y + h - r, y + r, y + r};
    for (int q = 0; q < 4; q++) {
        for (int i = 0; i <= 8; i++) {
            double a = M_PI / 2 * q + M_PI / 2 * i / 8;
            xy[2 * n] = cx[q] + r * (float)cos(a);
            xy[2 * n + 1] = cy[q] + r * (float)sin(a);
            n++;
        }
    }
    fan(xy, n, rgb);
}

static void line(float x0, float y0, float x1, float y1, float t, Uint32 rgb)
{
    float dx = x1 - x0, dy = y1 - y0, l = sqrtf(dx * dx + dy * dy);
    if (l < 0.01f)
        return;
    float nx = -dy / l * t / 2, ny = dx / l * t / 2;
    float xy[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    fan(xy, 4, rgb);
    ellipse(x0, y0, t / 2, t / 2, rgb);
    ellipse(x1, y1, t / 2, t / 2, rgb);
}

static void quad(float x0, float y0, float x1, float y1, float x2, float y2, float x3, float y3,
                 Uint32 rgb)
{
    float xy[8] = {x0, y0, x1, y1, x2, y2, x3, y3};
    fan(xy, 4, rgb);
}

static Uint32 darker(Uint32 rgb)
{
    Uint32 r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
    return ((r * 3 / 5) << 16) | ((g * 3 / 5) << 8) | (b * 3 / 5);
}

static const Uint32 INK = 0x2B2B2B;

/* An outlined body: the outline colour first, slightly larger, then the fill. */
static void body(float x, float y, float w, float h, float r, Uint32 fill)
{
    rrect(x - 3, y - 3, w + 6, h + 6, r + 3, INK);
    rrect(x, y, w, h, r, fill);
}

static void mark(int m, float x, float y, Uint32 c)
{
    for (int i = 0; i <= m; i++)
        ellipse(x + (float)i * 12, y, 4.5f, 4.5f, c);
}

static void draw(const item *it)
{
    Uint32 m = it->main, a = it->accent;
    switch (it->shape) {
    case BAG:
        quad(30 - 3, 24 - 3, 98 + 3, 24 - 3, 106 + 3, 112 + 3, 22 - 3, 112 + 3, INK);
        quad(30, 24, 98, 24, 106, 112, 22, 112, m);
        rrect(34, 46, 60, 40, 6, a);
        if (it->mark == 0) {
            ellipse(56, 66, 8, 12, darker(m));
            ellipse(72, 66, 8, 12, darker(m));
        } else {
            for (int i = 0; i < 9; i++)
                ellipse(46 + (float)(i % 3) * 18, 56 + (float)(i / 3) * 10, 3, 3, darker(m));
        }
        line(30, 24, 98, 24, 6, darker(m));
        break;
    case TEABOX:
        body(18, 34, 92, 68, 6, m);
        rrect(28, 44, 72, 48, 4, a);
        ellipse(64, 68, it->mark ? 14 : 10, 16, m);
        line(64, 54, 64, 82, 2, a);
        if (it->mark)
            line(50, 60, 78, 76, 3, darker(m));
        break;
    case BOTTLE:
        body(40, 44, 48, 70, 12, m);
        body(54, 18, 20, 28, 4, it->mark == 2 ? 0xC5A000 : darker(m));
        rrect(44, 64, 40, 30, 4, a);
        mark(it->mark, 52, 79, m);
        break;
    case BATTERY:
        for (int i = 0; i < 4; i++) {
            float x = 22 + (float)i * 22, h = it->mark ? 60 : 80;
            body(x, 104 - h, 16, h, 4, m);
            rrect(x, 104 - h, 16, h * 0.3f, 3, a);
            rrect(x + 5, 104 - h - 6, 6, 6, 1, INK);
        }
        break;
    case CABLE:
        for (int i = 0; i < 12; i++) {
            double t0 = i * 0.55, t1 = (i + 1) * 0.55;
            line(64 + 30 * (float)cos(t0), 64 + 30 * (float)sin(t0), 64 + 30 * (float)cos(t1),
                 64 + 30 * (float)sin(t1), 7, INK);
        }
        body(24, 16, 18, 26, 3, m);
        body(86, 86, 18, 26, 3, m);
        if (it->mark)
            rrect(91, 108, 8, 10, 1, 0xBDBDBD);
        else
            rrect(89, 108, 12, 7, 3, a);
        break;
    case SOCK:
        body(42, 14, 32, 70, 6, m);
        body(42, 76, 62, 30, 14, m);
        rrect(42, 14, 32, 12, 4, a);
        for (int i = 0; i <= it->mark; i++)
            line(46, 32 + (float)i * 8, 70, 32 + (float)i * 8, 3, a);
        break;
    case TUBE:
        quad(30 - 3, 22 - 3, 98 + 3, 22 - 3, 80 + 3, 100, 48 - 3, 100, INK);
        quad(30, 22, 98, 22, 80, 100, 48, 100, m);
        body(54, 98, 20, 14, 3, a);
        line(40, 50, 88, 50, 8, a);
        if (it->mark == 1)
            line(44, 66, 84, 66, 5, darker(a));
        if (it->mark == 2)
            ellipse(64, 70, 10, 10, a);
        break;
    case PUMP:
        body(38, 46, 52, 66, 12, m);
        body(58, 22, 12, 26, 3, a);
        body(58, 16, 34, 10, 3, a);
        rrect(46, 68, 36, 24, 4, a);
        break;
    case PASTA:
        body(26, 20, 76, 92, 10, a);
        rrect(36, 36, 56, 56, 6, 0xFFF8E1);
        for (int i = 0; i < 4; i++) {
            float x = 44 + (float)(i % 2) * 22, y = 44 + (float)(i / 2) * 24;
            if (it->mark)
                for (int k = 0; k < 4; k++)
                    line(x + (float)k * 4, y, x + (float)k * 4 + 4, y + 16, 3, m);
            else
                quad(x, y + 4, x + 14, y, x + 18, y + 12, x + 4, y + 16, m);
        }
        break;
    case NOTEBOOK:
        body(30, 16, 70, 96, 4, m);
        for (int i = 0; i < 7; i++)
            ellipse(30, 26 + (float)i * 13, 4, 4, it->mark ? INK : a);
        rrect(46, 36, 42, 14, 2, a);
        if (it->mark)
            for (int i = 0; i < 3; i++)
                line(48, 66 + (float)i * 12, 88, 66 + (float)i * 12, 2, a);
        break;
    case PEN:
        for (int i = 0; i < 3; i++) {
            float x = 34 + (float)i * 24;
            line(x, 24, x + (it->mark == 1 ? 0 : 4), 100, 13, INK);
            line(x, 24, x + (it->mark == 1 ? 0 : 4), 100, 8, it->mark == 2 ? (i == 1 ? a : m) : m);
            ellipse(x + 2, 106, 3, 4, it->mark == 1 ? a : INK);
        }
        break;
    case CLOTH:
        for (int i = 2; i >= 0; i--)
            body(22 + (float)i * 8, 30 + (float)i * 10, 70, 56, 6, i == 1 ? a : m);
        if (it->mark)
            for (int i = 0; i < 4; i++)
                line(40, 56 + (float)i * 8, 96, 56 + (float)i * 8, 2, darker(m));
        break;
    case CANDLE:
        for (int i = 0; i < 3; i++) {
            float x = 14 + (float)i * 36;
            body(x, 70, 30, 24, 8, 0xE0E0E0);
            rrect(x + 4, 70, 22, 8, 3, m);
            ellipse(x + 15, 58, 5, 9, a);
        }
        break;
    case JAR:
        body(32, 40, 64, 70, 14, m);
        body(36, 24, 56, 18, 4, it->mark == 1 ? a : darker(a));
        rrect(40, 62, 48, 28, 4, it->mark == 2 ? 0xFFF3E0 : 0xFFFFFF);
        if (it->mark == 2)
            for (int i = 0; i < 3; i++)
                line(48 + (float)i * 12, 70, 52 + (float)i * 12, 84, 4, 0xFFB300);
        else if (it->mark == 1)
            for (int i = 0; i < 8; i++)
                line(46 + (float)(i % 4) * 10, 68 + (float)(i / 4) * 10, 50 + (float)(i % 4) * 10,
                     72 + (float)(i / 4) * 10, 3, 0x3E2723);
        else
            ellipse(64, 76, 12, 10, m);
        break;
    case WAFFLE:
        for (int i = 0; i < 3; i++) {
            float y = 34 + (float)i * 16;
            ellipse(64, y + 3, 43, 14, INK);
            ellipse(64, y, 40, 12, m);
        }
        for (int i = -2; i <= 2; i++)
            line(64 + (float)i * 12 - 6, 58, 64 + (float)i * 12 + 6, 70, 2, a);
        break;
    case SACK:
        body(26, 30, 76, 84, 22, m);
        body(44, 14, 40, 24, 6, m);
        line(44, 34, 84, 34, 5, a);
        rrect(40, 60, 48, 30, 4, a);
        ellipse(64, 75, 8, 5, m);
        break;
    case PHONECASE:
        body(38, 12, 52, 104, 12, m);
        rrect(46, 20, 20, 26, 6, a);
        ellipse(56, 28, 4, 4, m);
        break;
    case EARPHONES:
        for (int i = 0; i < 10; i++) {
            double t0 = M_PI + i * M_PI / 10, t1 = M_PI + (i + 1) * M_PI / 10;
            line(64 + 26 * (float)cos(t0), 60 + 30 * (float)sin(t0), 64 + 26 * (float)cos(t1),
                 60 + 30 * (float)sin(t1), 4, a);
        }
        line(38, 60, 64, 100, 4, a);
        line(90, 60, 64, 100, 4, a);
        body(30, 54, 16, 22, 7, m);
        body(82, 54, 16, 22, 7, m);
        body(60, 100, 8, 16, 2, a);
        break;
    case POWERSTRIP:
        body(14, 50, 100, 32, 8, m);
        for (int i = 0; i < 4; i++) {
            ellipse(30 + (float)i * 22, 66, 7, 7, 0xBDBDBD);
            ellipse(27 + (float)i * 22, 66, 1.5f, 1.5f, INK);
            ellipse(33 + (float)i * 22, 66, 1.5f, 1.5f, INK);
        }
        rrect(98, 58, 10, 16, 3, a);
        line(14, 66, 6, 100, 4, INK);
        break;
    case BULB:
        ellipse(64, 48, 32, 32, INK);
        ellipse(64, 48, 29, 29, m);
        body(50, 74, 28, 30, 4, a);
        for (int i = 0; i < 3; i++)
            line(50, 82 + (float)i * 8, 78, 82 + (float)i * 8, 2, 0xE0E0E0);
        break;
    case MOUSEPAD:
        body(14, 28, 100, 76, 12, m);
        rrect(24, 38, 80, 56, 8, a);
        ellipse(86, 80, 9, 12, m);
        break;
    case MOUSE:
        ellipse(64, 66, 31, 45, INK);
        ellipse(64, 66, 28, 42, m);
        line(64, 26, 64, 56, 3, INK);
        line(36, 56, 92, 56, 3, INK);
        rrect(61, 36, 6, 12, 3, a);
        break;
    case USB:
        body(30, 40, 56, 40, 8, m);
        body(86, 48, 22, 24, 2, a);
        rrect(92, 54, 4, 4, 0, INK);
        rrect(100, 54, 4, 4, 0, INK);
        ellipse(42, 60, 5, 5, 0xFFFFFF);
        break;
    case TAPE:
        for (int i = 0; i < 3; i++) {
            float x = 28 + (float)i * 36, y = 52 + (float)(i % 2) * 20;
            ellipse(x, y, 23, 23, INK);
            ellipse(x, y, 20, 20, m);
            ellipse(x, y, 9, 9, a);
        }
        break;
    case SCISSORS:
        line(40, 20, 82, 78, 8, a);
        line(88, 20, 46, 78, 8, a);
        ellipse(40, 94, 16, 16, INK);
        ellipse(40, 94, 13, 13, m);
        ellipse(40, 94, 7, 7, 0xFFFFFF);
        ellipse(88, 94, 16, 16, INK);
        ellipse(88, 94, 13, 13, m);
        ellipse(88, 94, 7, 7, 0xFFFFFF);
        ellipse(64, 54, 4, 4, INK);
        break;
    case ERASER:
        quad(22 - 3, 66 - 3, 76 + 3, 30 - 3, 106 + 3, 58, 52, 98 + 3, INK);
        quad(22, 66, 76, 30, 106, 58, 52, 96, m);
        quad(22, 66, 48, 49, 78, 78, 52, 96, a);
        break;
    case PUZZLE:
        body(24, 24, 80, 80, 6, m);
        ellipse(64, 24, 10, 10, m);
        ellipse(104, 64, 10, 10, m);
        line(64, 24, 64, 104, 3, INK);
        line(24, 64, 104, 64, 3, INK);
        rrect(30, 30, 28, 28, 4, a);
        break;
    case CARDS:
        quad(30, 30, 80, 18, 96, 86, 46, 98, INK);
        body(34, 26, 56, 78, 6, m);
        ellipse(54, 50, 7, 7, a);
        ellipse(68, 50, 7, 7, a);
        quad(48, 54, 74, 54, 61, 72, 61, 72, a);
        break;
    case MARBLES:
        for (int i = 0; i < 6; i++) {
            float x = 34 + (float)(i % 3) * 30, y = 50 + (float)(i / 3) * 30;
            Uint32 c = (i % 3 == 0) ? m : (i % 3 == 1) ? a : 0xFDD835;
            ellipse(x, y, 15, 15, INK);
            ellipse(x, y, 12, 12, c);
            ellipse(x - 4, y - 4, 3, 3, 0xFFFFFF);
        }
        break;
    case TABLETS:
        body(18, 30, 92, 70, 8, m);
        for (int i = 0; i < 6; i++)
            rrect(30 + (float)(i % 3) * 24, 46 + (float)(i / 3) * 24, 18, 16, 4, a);
        break;
    case BINBAGS:
        body(22, 42, 84, 66, 30, m);
        body(38, 20, 52, 30, 12, a);
        ellipse(64, 76, 18, 12, darker(a));
        break;
    case ROLL:
        for (int i = 0; i < 2; i++) {
            float x = 26 + (float)i * 44;
            body(x, 24, 36, 82, 6, m);
            ellipse(x + 18, 24, 18, 8, a);
            ellipse(x + 18, 24, 6, 3, INK);
        }
        break;
    case PEGS:
        for (int i = 0; i < 3; i++) {
            float x = 30 + (float)i * 30;
            body(x, 24, 14, 80, 4, i == 1 ? a : m);
            ellipse(x + 7, 70, 6, 6, 0xBDBDBD);
        }
        break;
    case SPONGE:
        body(20, 40, 88, 50, 8, m);
        rrect(20, 40, 88, 16, 6, a);
        for (int i = 0; i < 6; i++)
            ellipse(32 + (float)i * 13, 72 + (float)(i % 2) * 6, 3, 3, darker(m));
        break;
    case MUG:
        body(28, 34, 58, 70, 10, m);
        for (int i = 0; i < 10; i++) {
            double t0 = -M_PI / 2 + i * M_PI / 10, t1 = -M_PI / 2 + (i + 1) * M_PI / 10;
            line(88 + 14 * (float)cos(t0), 66 + 16 * (float)sin(t0), 88 + 14 * (float)cos(t1),
                 66 + 16 * (float)sin(t1), 7, INK);
        }
        rrect(34, 44, 46, 6, 2, a);
        break;
    case LUNCHBOX:
        body(16, 44, 96, 60, 10, m);
        body(16, 34, 96, 18, 6, a);
        rrect(54, 40, 20, 16, 3, darker(m));
        break;
    case TOWEL:
        body(22, 24, 84, 82, 6, m);
        for (int i = 0; i < 2; i++)
            line(22, 84 + (float)i * 10, 106, 84 + (float)i * 10, 4, a);
        if (it->mark)
            for (int i = 0; i < 5; i++)
                line(34 + (float)i * 16, 30, 34 + (float)i * 16, 76, 3, a);
        break;
    case PILLOW:
        body(14, 32, 100, 66, 24, m);
        line(22, 44, 106, 44, 3, a);
        line(22, 86, 106, 86, 3, a);
        break;
    case TOOTHBRUSH:
        line(24, 104, 92, 36, 12, INK);
        line(24, 104, 92, 36, 8, m);
        for (int i = 0; i < 5; i++)
            line(80 + (float)i * 4, 40 - (float)i * 4, 90 + (float)i * 4, 50 - (float)i * 4, 3, a);
        break;
    case PADS:
        for (int i = 0; i < 4; i++) {
            ellipse(64, 96 - (float)i * 14, 38, 14, INK);
            ellipse(64, 96 - (float)i * 14, 35, 12, m);
        }
        body(34, 20, 60, 20, 4, a);
        break;
    case PLASTERS:
        for (int i = 0; i < 2; i++) {
            float y = 40 + (float)i * 36;
            body(18, y, 92, 26, 13, m);
            rrect(50, y, 28, 26, 4, a);
        }
        break;
    case DEODORANT:
        body(42, 40, 44, 74, 10, m);
        ellipse(64, 36, 22, 14, INK);
        ellipse(64, 36, 19, 11, a);
        rrect(48, 64, 32, 24, 4, a);
        break;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ASSET_DIR\n", argv[0]);
        return 2;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, SIZE, SIZE, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s || !(R = SDL_CreateSoftwareRenderer(s))) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    int written = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(R, 0, 0, 0, 0);
        SDL_RenderClear(R);
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
        draw(&items[i]);
        SDL_RenderPresent(R);
        char path[1024];
        snprintf(path, sizeof path, "%s/items/%s.png", argv[1], items[i].sku);
        if (IMG_SavePNG(s, path) != 0) {
            fprintf(stderr, "%s: %s\n", path, IMG_GetError());
            return 1;
        }
        written++;
    }
    SDL_DestroyRenderer(R);
    SDL_FreeSurface(s);
    printf("%d pictures written\n", written);
    return 0;
}
