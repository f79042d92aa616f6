/* The demo scanner: which code the current step expects (so "scan the right one" on the
 * on-screen scanner panel moves the task on) and a plausible wrong one (a look-alike first, then
 * another item or another shelf), read from the flows and the catalogue. */
#include "kiosk/app/kiosk_app_internal.h"

#include <stdio.h>
#include <string.h>

static int first_badge(const store_trainee *t, void *ctx)
{
    char *out = ctx;
    if (t->erased || !t->consent)
        return 0;
    snprintf(out, CAT_BARCODE_MAX + 1, "%s", t->badge);
    return 1;
}

static int other_item(const catalogue *cat, int item)
{
    if (item >= 0 && cat->items[item].lookalike_count)
        return (int)cat->items[item].lookalikes[0];
    for (size_t i = 0; i < cat->item_count; i++)
        if ((int)i != item)
            return (int)i;
    return -1;
}

static bool put(char *out, size_t cap, const char *code)
{
    if (!code || !code[0])
        return false;
    snprintf(out, cap, "%s", code);
    return true;
}

static bool pick_code(const kiosk_app *app, bool right, char *out, size_t cap)
{
    const catalogue *cat = session_catalogue(app->s);
    const pick_flow *pf = session_pick(app->s);
    const pick_show *s = &app->pick;
    if (!pf || s->line == 0)
        return false;
    bool want_loc = s->step == PICK_STEP_SCAN_LOCATION ||
                    (s->step == PICK_STEP_GO_TO_LOCATION && pf->level.scan_location);
    bool want_item = s->step == PICK_STEP_SCAN_ITEM ||
                     (s->step == PICK_STEP_QUANTITY && pf->level.quantity == LEVEL_QTY_EACH);
    if (want_loc && s->location >= 0) {
        if (right)
            return put(out, cap, cat->locations[s->location].barcode);
        size_t other = (size_t)s->location + 1 < cat->location_count ? (size_t)s->location + 1 : 0;
        return put(out, cap, cat->locations[other].barcode);
    }
    if (want_item && s->item >= 0) {
        int it = right ? s->item : other_item(cat, s->item);
        return it >= 0 && put(out, cap, cat->items[it].gtin);
    }
    if (s->step == PICK_STEP_PUT && s->order < pf->task.order_count)
        return put(out, cap, right ? pf->task.totes[s->order] : "TOTE-999");
    return false;
}

static bool pack_code(const kiosk_app *app, bool right, char *out, size_t cap)
{
    const catalogue *cat = session_catalogue(app->s);
    const pack_flow *pf = session_pack(app->s);
    const pack_show *s = &app->pack;
    if (!pf)
        return false;
    switch (s->step) {
    case PACK_STEP_SCAN_ORDER:
        return put(out, cap, right ? (pf->task.tote[0] ? pf->task.tote : pf->task.order_no)
                                   : "TOTE-999");
    case PACK_STEP_SCAN_ITEMS:
        for (size_t k = 0; k < s->line_count; k++)
            if (s->packed[k] < s->qty[k]) {
                int it = right ? (int)s->item[k] : other_item(cat, (int)s->item[k]);
                return it >= 0 && put(out, cap, cat->items[it].gtin);
            }
        return false;
    case PACK_STEP_CHOOSE_BOX:
        if (right && s->box_suggested >= 0)
            return put(out, cap, cat->boxes[s->box_suggested].type);
        return put(out, cap, cat->items[0].gtin);
    case PACK_STEP_VERIFY_LABEL:
        if (!right)
            return put(out, cap, "00376123450000000016");
        snprintf(out, cap, "00%s", s->sscc);
        return s->sscc[0] != '\0';
    default: return false;
    }
}

bool kiosk_app_demo_code(const kiosk_app *app, bool right, char *out, size_t cap)
{
    if (app->overlay == KIOSK_OVL_EXIT_PIN || app->overlay == KIOSK_OVL_SHORT)
        return false;
    if (app->mode == KIOSK_MODE_START) {
        char badge[CAT_BARCODE_MAX + 1] = "";
        if (!right)
            return put(out, cap, "BADGE-0000");
        store_trainees_each(session_store(app->s), first_badge, badge, NULL);
        return put(out, cap, badge);
    }
    if (app->mode != KIOSK_MODE_TASK)
        return false;
    if (session_active(app->s) == SESSION_FLOW_PICK)
        return pick_code(app, right, out, cap);
    if (session_active(app->s) == SESSION_FLOW_PACK)
        return pack_code(app, right, out, cap);
    return false;
}
