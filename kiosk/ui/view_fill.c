/* Fills the pick and pack parts of a kiosk_view from the core flows (view.h): the one place
 * that knows how a flow's SHOW maps to what the screen draws. Pure. */
#include <string.h>

#include "kiosk/ui/view.h"

static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

static ui_line_state line_state(const pick_flow *flow, size_t i, unsigned current_line)
{
    if (current_line && i + 1 == current_line)
        return UI_LINE_CURRENT;
    switch (pick_flow_line_status(flow, i)) {
    case PICK_LINE_DONE: return UI_LINE_DONE;
    case PICK_LINE_SHORT: return UI_LINE_SHORT;
    case PICK_LINE_SKIPPED: return UI_LINE_SKIPPED;
    default: return flow->postponed[i] ? UI_LINE_SKIPPED : UI_LINE_TODO;
    }
}

void ui_pick_from_flow(const pick_flow *flow, const pick_show *show, catalogue_lang lang,
                       ui_pick_view *out)
{
    memset(out, 0, sizeof *out);
    const service_level *lv = &flow->level;
    out->step = show->step;
    ui_location_from_catalogue(flow->cat, show->location, &out->location);
    ui_item_from_catalogue(flow->cat, show->item, lang, &out->item);
    out->photo_shown = show->photo;
    out->highlight = show->highlight;
    out->qty = show->qty;
    out->picked = show->picked;
    out->qty_prefilled = show->qty_prefilled;
    out->qty_typed = lv->quantity == LEVEL_QTY_TYPED || !lv->scan_item;
    out->typed = show->qty_prefilled ? show->qty : 0;
    out->scan_location = lv->scan_location;
    out->scan_tote = lv->scan_tote;
    out->can_undo = show->picked > 0;
    out->line = show->line;
    out->line_count = show->line_count < UI_LINES_MAX ? show->line_count : UI_LINES_MAX;
    for (unsigned i = 0; i < out->line_count; i++)
        out->lines[i] = line_state(flow, i, show->line);
    out->slot = show->order;
    out->slot_count = flow->task.order_count;
    copy(out->tote, sizeof out->tote, show->tote);
    out->norm_seconds = show->norm_seconds;
}

void ui_pack_from_show(const catalogue *cat, const pack_show *show, catalogue_lang lang,
                       ui_pack_view *out)
{
    memset(out, 0, sizeof *out);
    out->step = show->step;
    out->scan_order = true;
    size_t n = show->line_count < UI_PACK_MAX ? show->line_count : UI_PACK_MAX;
    for (size_t i = 0; i < n; i++) {
        ui_item_from_catalogue(cat, (int)show->item[i], lang, &out->rows[i].item);
        out->rows[i].qty = show->qty[i];
        out->rows[i].scanned = show->packed[i];
    }
    out->row_count = n;
    int box = show->box_chosen >= 0 ? show->box_chosen : show->box_suggested;
    if (cat && box >= 0 && (size_t)box < cat->box_count) {
        const catalogue_box *b = &cat->boxes[box];
        copy(out->box_type, sizeof out->box_type, b->type);
        out->box_l_mm = b->length_mm;
        out->box_w_mm = b->width_mm;
        out->box_h_mm = b->height_mm;
    }
    if (!show->sscc[0])
        out->print = UI_PRINT_NOT_YET;
    else if (show->print_waiting)
        out->print = show->printer == PACK_PRINTER_READY ? UI_PRINT_PRINTING : UI_PRINT_FAILED;
    else
        out->print = UI_PRINT_DONE;
}
