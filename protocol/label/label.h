/* The label model: a label's size and resolution and what is on it (text, lines, boxes,
 * barcodes), as plain data with fixed-size fields. Templates fill it; encoders (ZPL, TSPL, EPL)
 * and the rasterizer read it. Pure: no I/O. Units are millimetres from the top-left corner. */
#ifndef STIEL_PROTOCOL_LABEL_LABEL_H
#define STIEL_PROTOCOL_LABEL_LABEL_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

enum { LABEL_TEXT_MAX = 256, LABEL_DATA_MAX = 256, LABEL_MAX_ITEMS = 48 };

typedef enum label_kind { LABEL_ITEM_TEXT, LABEL_ITEM_LINE, LABEL_ITEM_BOX, LABEL_ITEM_BARCODE } label_kind;

typedef enum label_rotation { LABEL_ROT_0 = 0, LABEL_ROT_90 = 90, LABEL_ROT_180 = 180, LABEL_ROT_270 = 270 } label_rotation;

typedef enum label_align { LABEL_ALIGN_LEFT, LABEL_ALIGN_CENTER, LABEL_ALIGN_RIGHT } label_align;

typedef enum label_symbology {
    LABEL_CODE128,
    LABEL_GS1_128,          /* data is bracketed HRI: "(00)376123450000000018" */
    LABEL_EAN13,            /* 12 digits (check digit added) or 13 (verified) */
    LABEL_QR,
    LABEL_DATAMATRIX,
    LABEL_GS1_DATAMATRIX    /* data is bracketed HRI */
} label_symbology;

typedef struct label_text {
    char utf8[LABEL_TEXT_MAX];  /* UTF-8; any script (Arabic is shaped and raster-printed) */
    double height_mm;           /* cap-to-descender height of the font */
    bool bold;
    label_rotation rotation;
    double box_width_mm;        /* > 0: wrap inside this width */
    int max_lines;              /* with wrapping; 0 = unlimited */
    label_align align;          /* within box_width_mm */
} label_text;

typedef struct label_line {     /* a straight line from the item's origin */
    double x2_mm, y2_mm;        /* end point; horizontal or vertical lines only */
    double thickness_mm;
} label_line;

typedef struct label_box {
    double width_mm, height_mm;
    double thickness_mm;        /* >= half the smaller side: a filled box */
} label_box;

typedef struct label_barcode {
    label_symbology symbology;
    char data[LABEL_DATA_MAX];
    double height_mm;           /* bar height (1D); ignored for 2D */
    double module_mm;           /* narrow bar or 2D cell size; 0 = a sensible default */
    bool human_readable;        /* print the interpretation line under 1D codes */
    label_rotation rotation;
} label_barcode;

typedef struct label_item {
    label_kind kind;
    double x_mm, y_mm;          /* top-left of the item */
    union {
        label_text text;
        label_line line;
        label_box box;
        label_barcode barcode;
    } u;
} label_item;

typedef struct label {
    double width_mm, height_mm;
    int dpi;                    /* 203 or 300 */
    size_t count;
    label_item items[LABEL_MAX_ITEMS];
} label;

/* Millimetres to printer dots at dpi, rounded to nearest. */
int label_mm_to_dots(double mm, int dpi);

/* Module size in dots for a barcode: module_mm, or 0.25 mm (1D) / 0.5 mm (2D) by default,
 * clamped to 1..10. The one rule for the native encoders and the bitmap renderer. */
int label_barcode_module_dots(const label_barcode *bc, int dpi);

#endif
