/* The label rasterizer: a filled label (protocol/label/label.h) becomes a 1-bit bitmap at the
 * label's dpi, with text drawn by SDL_ttf (HarfBuzz shaping, so Arabic reads right to left) and
 * barcodes by zint (quiet zones always, whole dots per module); and PNG files of bitmaps. Needs no
 * window and no SDL_Init. */
#ifndef STIEL_RENDER_RENDER_H
#define STIEL_RENDER_RENDER_H

#include "common/status.h"
#include "protocol/label/label.h"
#include "protocol/raster/bitmap.h"

/* Owns the opened fonts (Noto Sans Regular and Bold, Noto Sans Arabic), opened once and reused
 * (resized per item). A context may be used by one thread at a time; give each thread its own.
 * Creating and freeing contexts is thread-safe (SDL_ttf start/stop and FreeType face opening are
 * done under one lock). */
typedef struct render_context render_context;

/* Opens the fonts in font_dir (NULL: $STIEL_FONT_DIR, else /usr/share/fonts/truetype/noto) and
 * initialises SDL_ttf (reference-counted, thread-safe). STIEL_ERR_NOT_FOUND with the font's path
 * when one is missing. *out is NULL on error. */
stiel_status render_context_new(const char *font_dir, render_context **out, stiel_diag *diag);

/* Closes the fonts and releases SDL_ttf. NULL is fine. */
void render_context_free(render_context *ctx);

/* The diagnostic of the last failing call made through the callback render_text_field (which has
 * no diag argument of its own). */
const stiel_diag *render_context_last_error(const render_context *ctx);

/* Draws a text item at dpi into out (uninitialised on entry): font size so that the font's em is
 * height_mm, bold face when asked, the Arabic face shaped right to left when the text needs
 * shaping; wrapped within box_width_mm (> 0), the bitmap then being exactly that wide with the
 * lines aligned inside it; clipped to max_lines; turned clockwise by rotation. Empty text gives a
 * blank bitmap one line high. Errors: STIEL_ERR_ARG (dpi, height), STIEL_ERR_CHARSET (UTF-8
 * SDL_ttf refuses), STIEL_ERR_NOMEM. */
stiel_status render_text(render_context *ctx, const label_text *text, int dpi, stiel_bitmap *out,
                         stiel_diag *diag);

/* render_text as protocol/label/encode.h's label_rasterize_text_fn: ctx is a render_context *. On
 * error render_context_last_error(ctx) says why. */
stiel_status render_text_field(void *ctx, const label_text *text, int dpi, stiel_bitmap *out);

/* Where the symbol itself sits inside a rendered barcode bitmap (quiet zones excluded, the
 * human-readable line included), after rotation; and its module size. */
typedef struct render_barcode_box {
    int x, y, width, height;  /* dots */
    int module_dots;
} render_barcode_box;


/* Draws a barcode at dpi into out (uninitialised on entry) with zint: quiet zones included (white),
 * warnings treated as errors, each module a whole number of dots, 1D bars height_mm high (0: 15 mm)
 * with the human-readable line under them when asked, turned clockwise by rotation. GS1 data is
 * bracketed HRI "(01)..."; GS1 Data Matrix uses GS separators and a square symbol. box (may be
 * NULL) gets where the symbol is. Errors name the problem: STIEL_ERR_CHECK_DIGIT (bad EAN/GS1 check
 * digit), STIEL_ERR_CHARSET / STIEL_ERR_SYNTAX (data the symbology or GS1 refuses),
 * STIEL_ERR_LENGTH, STIEL_ERR_ARG (dpi). */
stiel_status render_barcode(render_context *ctx, const label_barcode *bc, int dpi, stiel_bitmap *out,
                            render_barcode_box *box, stiel_diag *diag);

/* Draws the whole label at its dpi into out (uninitialised on entry): width_mm x height_mm in dots,
 * each item with its top-left (of the rotated bounding box; for barcodes, of the symbol without its
 * quiet zones, as ZPL ^FO) at (x_mm, y_mm). Lines run from (x, y) to the absolute (x2, y2), their
 * thickness growing right/down; boxes are outlines, filled when the thickness is at least half
 * the smaller side. Errors: those of render_text and render_barcode (the diag names the item),
 * STIEL_ERR_ARG for a bad size or dpi, or for a barcode whose symbol does not fit on the label
 * (a clipped code does not scan; its quiet zones may run off the edge). Text is clipped. */
stiel_status render_label(render_context *ctx, const label *lab, stiel_bitmap *out, stiel_diag *diag);

/* Writes bm as a 2-colour 8-bit PNG, one pixel per dot (black on white), to path.tmp.<pid> and
 * renames it over path, so that no partial file is ever left at path. STIEL_ERR_IO names the path
 * and the reason. */
stiel_status render_png_write(const stiel_bitmap *bm, const char *path, stiel_diag *diag);

/* render_label, then render_png_write. */
stiel_status render_label_png(render_context *ctx, const label *lab, const char *path, stiel_diag *diag);

#endif
