/* The test helpers declared in ui_fixture.h. */
#include "tests/kiosk/ui/ui_fixture.h"
#include "tests/kiosk/ui/staff_fixture.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/core/errors.h"
#include "kiosk/ui/palette.h"
#include "tests/kiosk/core/core_fixture.h"

static catalogue cat;
static bool cat_loaded;

const catalogue *ui_fixture_catalogue(void)
{
    if (!cat_loaded) {
        core_errors errs;
        if (fixture_load_warehouse(&cat, &errs) != STIEL_OK)
            return NULL;
        cat_loaded = true;
    }
    return &cat;
}

void ui_fixture_catalogue_free(void)
{
    if (cat_loaded)
        catalogue_free(&cat);
    cat_loaded = false;
}

int ui_fixture_open(ui_fixture *f, int w, int h)
{
    memset(f, 0, sizeof *f);
    if (!SDL_WasInit(SDL_INIT_VIDEO) && SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return -1;
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!f->surface)
        return -1;
    f->renderer = SDL_CreateSoftwareRenderer(f->surface);
    if (!f->renderer)
        return -1;
    stiel_diag diag;
    if (ui_new(f->renderer, STIEL_TEST_ASSETS, STIEL_TEST_FONTS, &f->u, &diag) != STIEL_OK) {
        fprintf(stderr, "ui_new: %s\n", diag.text);
        return -1;
    }
    return 0;
}

void ui_fixture_close(ui_fixture *f)
{
    ui_free(f->u);
    if (f->renderer)
        SDL_DestroyRenderer(f->renderer);
    if (f->surface)
        SDL_FreeSurface(f->surface);
    memset(f, 0, sizeof *f);
}

double ui_fixture_ink(const ui_fixture *f)
{
    ui_colour bg = ui_palette(UI_COL_BG);
    Uint32 bgpx = SDL_MapRGB(f->surface->format, bg.r, bg.g, bg.b);
    size_t ink = 0, total = (size_t)f->surface->w * (size_t)f->surface->h;
    for (int y = 0; y < f->surface->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)f->surface->pixels + y * f->surface->pitch);
        for (int x = 0; x < f->surface->w; x++)
            ink += (row[x] & 0xFFFFFF) != (bgpx & 0xFFFFFF);
    }
    return (double)ink / (double)total;
}

static void set_item(kiosk_view *v, ui_item *item, const char *sku)
{
    const catalogue *c = ui_fixture_catalogue();
    ui_item_from_catalogue(c, c ? catalogue_item_by_sku(c, sku) : -1, v->lang, item);
}

static void set_location(ui_location *loc, const char *code)
{
    const catalogue *c = ui_fixture_catalogue();
    ui_location_from_catalogue(c, c ? catalogue_location_by_code(c, code) : -1, loc);
}

static void pick_view(kiosk_view *v, int variant)
{
    ui_pick_view *p = &v->pick;
    p->line_count = 6;
    for (unsigned i = 0; i < p->line_count; i++)
        p->lines[i] = i < 2 ? UI_LINE_DONE : i == 2 ? UI_LINE_CURRENT : UI_LINE_TODO;
    p->lines[1] = UI_LINE_SHORT;
    p->line = 3;
    p->photo_shown = true;
    p->highlight = true;
    p->scan_location = true;
    p->scan_tote = true;
    if (variant == 1) {
        set_location(&p->location, "C-04");
        set_item(v, &p->item, "ST-1021");
        p->step = PICK_STEP_QUANTITY;
        p->qty = 15;
        p->picked = 0;
        p->qty_typed = true;
        p->typed = 4;
        p->slot = 2;
        p->slot_count = 4;
        snprintf(p->tote, sizeof p->tote, "TOTE-03");
        p->norm_seconds = 60;
        p->elapsed_seconds = 42;
        p->photo_shown = false;
        p->highlight = false;
    } else if (variant == 2) {
        set_location(&p->location, "B-07");
        set_item(v, &p->item, "ST-1013");
        p->step = PICK_STEP_GO_TO_LOCATION;
        p->scan_location = false;
        p->qty = 2;
    } else {
        set_location(&p->location, "A-03");
        set_item(v, &p->item, "ST-1003");
        p->step = PICK_STEP_SCAN_ITEM;
        p->qty = 3;
        p->picked = 1;
        p->can_undo = true;
    }
}

void ui_fixture_view(ui_screen screen, catalogue_lang lang, int variant, kiosk_view *v)
{
    const catalogue *c = ui_fixture_catalogue();
    kiosk_view_init(v);
    v->screen = screen;
    v->lang = lang;
    v->demo = true;
    v->scanner.state = UI_DEV_OK;
    v->printer.state = UI_DEV_OK;
    if (c)
        ui_floor_map_from_catalogue(c, &v->map);
    snprintf(v->work.name, sizeof v->work.name, "%s", lang == CAT_LANG_AR ? "أمينة" : "Jeroen");
    switch (screen) {
    case UI_SCREEN_START:
    case UI_SCREEN_PIN: {
        ui_start_view *s = &v->start;
        s->pin_allowed = variant == 0;
        for (size_t i = 0; c && i < c->trainee_count && i < UI_PEOPLE_MAX; i++) {
            ui_person *p = &s->people[i];
            memcpy(p->id, c->trainees[i].id, sizeof p->id - 1);
            memcpy(p->name, c->trainees[i].display_name, sizeof p->name - 1);
            s->person_count++;
        }
        s->chosen = s->people[1];
        s->pin_len = 2;
        s->pin_wrong = variant == 1;
        break;
    }
    case UI_SCREEN_MY_WORK: {
        ui_work_view *w = &v->work;
        w->level = 3;
        w->level_count = 5;
        snprintf(w->level_name, sizeof w->level_name, "Zelfstandig");
        w->tasks_done = 2;
        w->tasks_total = 4;
        w->task_count = 4;
        ui_msg_set(&w->tasks[0].title, "work.task_pick", "5", NULL, NULL);
        w->tasks[0].state = UI_TASK_DONE;
        ui_msg_set(&w->tasks[1].title, "work.task_pack", NULL, NULL, NULL);
        w->tasks[1].state = UI_TASK_DONE;
        ui_msg_set(&w->tasks[2].title, "work.task_pick", "8", NULL, NULL);
        w->tasks[2].state = UI_TASK_BUSY;
        ui_msg_set(&w->tasks[3].title, "work.task_pack", NULL, NULL, NULL);
        w->next_available = true;
        break;
    }
    case UI_SCREEN_PICK:
        pick_view(v, variant == 3 ? 0 : variant);
        if (variant == 3)
            v->overlay = UI_OVERLAY_COACH;
        if (variant == 0) {
            v->feedback = UI_FB_GOOD;
            ui_msg_set(&v->feedback_msg, "feedback.counted", NULL, NULL, NULL);
        }
        break;
    case UI_SCREEN_PACK: {
        ui_pack_view *p = &v->pack;
        static const char *const skus[3] = {"ST-1001", "ST-1025", "ST-1046"};
        for (int i = 0; i < 3; i++) {
            set_item(v, &p->rows[i].item, skus[i]);
            p->rows[i].qty = (unsigned)(i + 1);
            p->rows[i].scanned = (unsigned)(i + 1);
        }
        p->row_count = 3;
        p->step = variant == 1 ? PACK_STEP_VERIFY_LABEL : variant == 2 ? PACK_STEP_CLOSE
                                                                     : PACK_STEP_CHOOSE_BOX;
        p->scan_order = true;
        snprintf(p->box_type, sizeof p->box_type, "M");
        p->box_l_mm = 300;
        p->box_w_mm = 200;
        p->box_h_mm = 150;
        p->print = variant == 0 ? UI_PRINT_NOT_YET : UI_PRINT_DONE;
        snprintf(p->tote, sizeof p->tote, "TOTE-01");
        if (variant == 1) {
            v->printer.state = UI_DEV_ATTENTION;
            ui_msg_set(&v->printer.msg, "device.printer.out_of_labels", NULL, NULL, NULL);
        }
        break;
    }
    case UI_SCREEN_WRONG_SCAN:
        pick_view(v, 0);
        if (variant == 1) {
            v->wrong.kind = UI_WRONG_LOCATION;
            snprintf(v->wrong.expected_code, sizeof v->wrong.expected_code, "A-03");
            snprintf(v->wrong.scanned_code, sizeof v->wrong.scanned_code, "A-04");
        } else {
            v->wrong.kind = UI_WRONG_LOOKALIKE;
            set_item(v, &v->wrong.expected_item, "ST-1003");
            set_item(v, &v->wrong.scanned_item, "ST-1004");
        }
        break;
    case UI_SCREEN_SHORT_REASON:
    case UI_SCREEN_HELP_CALLED:
        pick_view(v, 0);
        break;
    case UI_SCREEN_FINISHED: {
        ui_finished_view *f = &v->finished;
        f->lines_done = 6;
        f->lines_total = 6;
        f->right_first_time = 5;
        ui_msg_set(&f->well[0], "finished.well.right_first_time", "5", NULL, NULL);
        ui_msg_set(&f->well[1], "finished.well.no_help", NULL, NULL, NULL);
        ui_msg_set(&f->well[2], "finished.well.fixed_mistakes", NULL, NULL, NULL);
        f->well_count = 3;
        f->level = 3;
        f->level_count = 5;
        f->toward_next = 3;
        f->toward_next_total = 5;
        f->next_available = true;
        break;
    }
    case UI_SCREEN_DEVICE_PROBLEM:
        v->device.printer = false;
        v->scanner.state = UI_DEV_LOST;
        ui_msg_set(&v->device.what_to_do, "device.scanner.plug_in", NULL, NULL, NULL);
        break;
    case UI_SCREEN_STAFF:
    case UI_SCREEN_SELF_ASSESS:
        staff_fixture_view(screen, variant, v);   /* the coach and supervisor pages (issue 6) */
        break;
    default:
        break;
    }
}
