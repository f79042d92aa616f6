/* One call from a filled label to the bytes a printer takes: the native encoders of
 * protocol/label (with render_text_field for text they cannot print) or the whole label as one
 * raster graphic in the printer's language. Used by `stiel label`, the drivers and the bench. */
#ifndef STIEL_RENDER_LABEL_OUTPUT_H
#define STIEL_RENDER_LABEL_OUTPUT_H

#include "common/buf.h"
#include "common/status.h"
#include "protocol/label/label.h"
#include "render/render.h"

typedef enum render_lang { RENDER_LANG_ZPL, RENDER_LANG_TSPL, RENDER_LANG_EPL, RENDER_LANG_ESCPOS } render_lang;

typedef enum render_raster {
    RENDER_RASTER_NONE,  /* native commands (ESC/POS has none: always raster) */
    RENDER_RASTER_Z64,   /* ZPL ^GFA :Z64:; TSPL/EPL send raw bitmaps whatever the kind */
    RENDER_RASTER_HEX,   /* ZPL ^GFA plain hex */
    RENDER_RASTER_RLE    /* ZPL ^GFA ASCII compression */
} render_raster;

/* "zpl", "tspl", "epl", "escpos" -> *out; false for another name. */
bool render_lang_from_name(const char *name, render_lang *out);

/* "z64", "hex", "rle" (and "none") -> *out; false for another name. */
bool render_raster_from_name(const char *name, render_raster *out);

/* Appends lab encoded for lang to out. raster NONE uses label_encode_zpl/tspl/epl with
 * render_text_field; otherwise (and always for ESC/POS) the label is drawn by render_label and sent
 * as one graphic (raster_zpl_label_append, raster_tspl_label_append, raster_epl_label_append,
 * raster_escpos_label_append). On error out is unchanged and diag names the problem. */
stiel_status render_label_encode(render_context *ctx, const label *lab, render_lang lang, render_raster raster,
                                 stiel_buf *out, stiel_diag *diag);

#endif
