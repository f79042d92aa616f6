/* The plain-data description of one kiosk screen: the app fills a kiosk_view from the flows'
 * effects and the devices' state, and the UI (ui.h) draws it. No SDL here, no translated text:
 * texts are message ids with parameters, looked up in assets/locale/<lang>.po when drawn. */
#ifndef STIEL_UI_VIEW_H
#define STIEL_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/core/catalogue.h"
#include "kiosk/core/pack_flow.h"
#include "kiosk/core/pick_flow.h"

enum {
    UI_MSG_ID_MAX = 47,      /* "pick.go_to_location" */
    UI_MSG_ARGS_MAX = 3,     /* {1} {2} {3} in a msgstr */
    UI_MSG_ARG_MAX = 63,
    UI_NAME_MAX = 95,        /* item or person name shown, UTF-8 bytes */
    UI_PATH_MAX = 95,        /* picture path under the asset dir: "items/ST-1001.png" */
    UI_CODE_MAX = 31,        /* location code, sku, tote, box type, scanned text shown */
    UI_LINES_MAX = 24,       /* progress dots per task */
    UI_ZONES_MAX = 8,        /* zones on the floor map */
    UI_PACK_MAX = 12,        /* pack checklist rows */
    UI_PEOPLE_MAX = 12,      /* names on the badge fallback list */
    UI_TASKS_MAX = 8,        /* today's tasks on "my work" */
    UI_WELL_MAX = 4,         /* "what went well" lines on the finished screen */
    UI_PIN_MAX = 8,          /* PIN digits */
    UI_FILE_MAX = 4351       /* a file outside the asset dir: the printed label's PNG */
};

/* A text to show: a message id and its parameters, e.g. {"pick.go_to_location", {"A-01"}}.
 * A msgstr refers to parameters as {1}, {2}, {3}. An empty id means "no text". Ids the app
 * fills in (all in the assets/locale .po files):
 *   feedback.<reason>   for every reason the pick and pack flows emit ("feedback.wrong_item",
 *                       "feedback.tolerance", ...) plus feedback.good / .bad / .attention
 *   device.scanner.plug_in, device.printer.out_of_labels / .head_open / .paper_jam /
 *                       .out_of_ribbon (device bar and device screen; the bar's default per
 *                       state is device.<scanner|printer>.<none|ok|busy|attention|lost>)
 *   work.task_pick {lines}, work.task_pack (my work rows), work.real_waiting {n},
 *                       work.start_real, work.rejected {n} (real orders)
 *   finished.well.right_first_time {n}, .no_help, .all_scanned, .fixed_mistakes,
 *                       .asked_help, .steady, .rft_today {pct}, .steps_today {n} (what
 *                       went well) */
typedef struct ui_msg {
    char id[UI_MSG_ID_MAX + 1];
    unsigned argc;
    char args[UI_MSG_ARGS_MAX][UI_MSG_ARG_MAX + 1];
} ui_msg;

typedef enum ui_screen {
    UI_SCREEN_START = 0,      /* scan your badge (+ name list when the hub allows a PIN) */
    UI_SCREEN_PIN,            /* badge fallback: the chosen person's PIN pad */
    UI_SCREEN_MY_WORK,        /* today's tasks, level picture, next task button */
    UI_SCREEN_PICK,           /* one pick step (pick_step) */
    UI_SCREEN_PACK,           /* one pack step (ui_pack_step) */
    UI_SCREEN_WRONG_SCAN,     /* what was scanned next to what we expect */
    UI_SCREEN_SHORT_REASON,   /* four picture buttons: why fewer than asked */
    UI_SCREEN_HELP_CALLED,    /* your coach is coming */
    UI_SCREEN_FINISHED,       /* well done, what went well, progress to the next level */
    UI_SCREEN_DEVICE_PROBLEM, /* a device needs attention before work can go on */
    UI_SCREEN_STAFF,          /* coach / supervisor screens: ui_staff_view's page (view_staff.h) */
    UI_SCREEN_SELF_ASSESS,    /* the trainee's end-of-day self-assessment (three smileys) */
    UI_SCREEN_COUNT
} ui_screen;

/* ---- pieces shared by several screens -------------------------------------------------------- */

typedef struct ui_item {
    char sku[UI_CODE_MAX + 1];         /* "" when there is no item */
    char photo[UI_PATH_MAX + 1];       /* relative to the asset dir; "" draws a generic box */
    char name[UI_NAME_MAX + 1];        /* in the trainee's language (catalogue name, nl fallback) */
} ui_item;

typedef struct ui_zone {
    char name[8];                      /* "A" */
    uint32_t x0, y0, x1, y1;           /* bounding box in map units (see ui_floor_map) */
} ui_zone;

/* The floor: zones as rectangles and the floor size, in the catalogue's map units. Fill it once
 * with ui_floor_map_from_catalogue (view.c). */
typedef struct ui_floor_map {
    uint32_t width, height;            /* extent of the floor in map units; 0 hides the map */
    size_t zone_count;
    ui_zone zones[UI_ZONES_MAX];
} ui_floor_map;

typedef struct ui_location {
    char code[UI_CODE_MAX + 1];        /* "A-01" */
    char zone[8];                      /* "A" */
    uint32_t map_x, map_y;             /* position on the floor map */
} ui_location;

typedef enum ui_line_state {
    UI_LINE_TODO = 0,
    UI_LINE_CURRENT,
    UI_LINE_DONE,
    UI_LINE_SHORT,                     /* fewer than asked (drawn with a "!" shape) */
    UI_LINE_SKIPPED                    /* postponed: comes again at the end */
} ui_line_state;

typedef enum ui_device_state {
    UI_DEV_NONE = 0,                   /* not configured: not shown */
    UI_DEV_OK,                         /* check mark */
    UI_DEV_BUSY,                       /* printing, connecting: dots */
    UI_DEV_ATTENTION,                  /* needs a person (paper out, head open): "!" */
    UI_DEV_LOST                        /* unplugged or not answering: cross */
} ui_device_state;

typedef struct ui_device {
    ui_device_state state;
    ui_msg msg;                        /* "device.printer.out_of_labels"; empty: default for state */
} ui_device;

typedef enum ui_feedback {
    UI_FB_NONE = 0,
    UI_FB_GOOD,                        /* check mark + good sound */
    UI_FB_BAD,                         /* cross + bad sound (calm colours all the same) */
    UI_FB_ATTENTION                    /* "!" + attention sound */
} ui_feedback;

/* ---- per-screen data ------------------------------------------------------------------------- */

typedef struct ui_person {
    char id[UI_CODE_MAX + 1];          /* tap action "trainee:<id>" */
    char name[UI_NAME_MAX + 1];        /* first name */
    char photo[UI_PATH_MAX + 1];       /* "" draws initials */
} ui_person;

typedef struct ui_start_view {
    bool pin_allowed;                  /* the hub allows the name list + PIN fallback */
    size_t person_count;
    ui_person people[UI_PEOPLE_MAX];
    /* PIN screen */
    ui_person chosen;
    unsigned pin_len;                  /* digits typed so far (shown as dots) */
    bool pin_wrong;                    /* the last PIN was wrong: calm "try again" */
} ui_start_view;

typedef enum ui_task_state { UI_TASK_TODO = 0, UI_TASK_BUSY, UI_TASK_DONE } ui_task_state;

typedef struct ui_task_row {
    ui_msg title;                      /* "work.task_pick" {lines}; "work.real_waiting" {n} */
    ui_task_state state;
    bool real;                         /* real customer work: drawn with the parcel picture */
} ui_task_row;

typedef struct ui_work_view {
    char name[UI_NAME_MAX + 1];        /* the trainee's first name */
    unsigned level, level_count;       /* level 3 of 5, drawn as steps */
    char level_name[UI_NAME_MAX + 1];  /* "Kennismaken" (from levels.ini) */
    unsigned tasks_done, tasks_total;  /* today */
    size_t task_count;
    ui_task_row tasks[UI_TASKS_MAX];
    bool next_available;               /* "start" button */
    unsigned real_waiting;             /* real orders waiting: "start-real" button (parcel) */
    unsigned real_rejected;            /* pick lists the kiosk refused (for staff: inbox/rejected) */
} ui_work_view;

typedef struct ui_pick_view {
    pick_step step;                    /* GO_TO_LOCATION .. EMPTY_CHECK (the sub-step) */
    ui_location location;
    ui_item item;
    bool photo_shown;                  /* false: "show photo" button (level: photo on request) */
    bool highlight;                    /* highlight the spot on the floor map */
    unsigned qty, picked;
    bool qty_prefilled;                /* QUANTITY: a confirm button with the number */
    bool qty_typed;                    /* QUANTITY by keypad (else by scanning each unit) */
    unsigned typed;                    /* the value on the -/+ stepper so far */
    bool scan_location;                /* GO_TO_LOCATION: false → "I am there" button */
    bool scan_tote;                    /* PUT: false → "it is in the tote" button */
    bool can_undo;                     /* picked > 0 on this line */
    unsigned line, line_count;         /* 1-based current line, for the dots */
    ui_line_state lines[UI_LINES_MAX];
    unsigned slot, slot_count;         /* cluster slot (0-based) of slot_count; shown when > 1 */
    char tote[UI_CODE_MAX + 1];        /* the slot's tote code */
    unsigned norm_seconds;             /* 0: no time norm shown (no clock on screen at all) */
    unsigned elapsed_seconds;          /* shown with the norm, never as a countdown */
    bool suggest_help;                 /* errors reached the level's tolerance */
} ui_pick_view;

typedef enum ui_print_state {
    UI_PRINT_NOT_YET = 0,
    UI_PRINT_PRINTING,                 /* sent, or waiting for the printer */
    UI_PRINT_DONE,
    UI_PRINT_FAILED                    /* the printer needs a person: see the device bar */
} ui_print_state;

typedef struct ui_pack_row {
    ui_item item;
    unsigned qty, scanned;             /* checked when scanned == qty */
} ui_pack_row;

typedef struct ui_pack_view {
    pack_step step;                    /* SCAN_ORDER .. DONE, as the pack flow shows it */
    bool scan_order;                   /* SCAN_ORDER: false → "start" button (no tote scan) */
    size_t row_count;
    ui_pack_row rows[UI_PACK_MAX];
    char box_type[UI_CODE_MAX + 1];    /* suggested box: "M" */
    uint32_t box_l_mm, box_w_mm, box_h_mm;  /* its inner size (drawn to scale among boxes) */
    ui_print_state print;
    char tote[UI_CODE_MAX + 1];        /* the tote being packed */
    /* the printed shipping label (the virtual printer's PNG, <data>/labels/label-<sscc>-<copy>
       .png): drawn as a picture at the print, scan-label and close steps, so the trainee sees
       the label to scan; "" (or a file that is not there) draws the box as before */
    char label_png[UI_FILE_MAX + 1];
} ui_pack_view;

typedef enum ui_wrong_kind {
    UI_WRONG_ITEM = 0,                 /* another product */
    UI_WRONG_LOOKALIKE,                /* a look-alike product: "they look alike, look closely" */
    UI_WRONG_LOCATION,                 /* another shelf */
    UI_WRONG_TOTE,
    UI_WRONG_UNKNOWN,                  /* a code we do not know */
    UI_WRONG_TOO_MANY                  /* more than asked */
} ui_wrong_kind;

typedef struct ui_wrong_view {
    ui_wrong_kind kind;
    ui_item expected_item, scanned_item;     /* items: with photos */
    char expected_code[UI_CODE_MAX + 1];     /* locations, totes, unknown codes */
    char scanned_code[UI_CODE_MAX + 1];
} ui_wrong_view;

typedef struct ui_finished_view {
    unsigned lines_done, lines_total;
    unsigned right_first_time;         /* lines without any error */
    size_t well_count;
    ui_msg well[UI_WELL_MAX];          /* "finished.well.scans" ... */
    unsigned level, level_count;
    unsigned toward_next, toward_next_total;  /* level-up criteria met, of all: 3 of 5 */
    bool next_available;               /* "next task" button, else "back to my work" */
    bool self_offer;                   /* "self-assess" button: how did today go? (smileys) */
} ui_finished_view;

typedef struct ui_device_view {
    bool printer;                      /* false: the scanner */
    ui_msg what_to_do;                 /* "device.scanner.plug_in" */
} ui_device_view;

/* Drawn over a trainee screen. The coach overlay: one "prompt:<name>" button per coach prompt
 * (pick_prompt_name: gestural .. full_physical, done_by_coach), "staff-home" and
 * "overlay-close"; the trainee screen stays visible beside it. */
typedef enum ui_overlay { UI_OVERLAY_NONE = 0, UI_OVERLAY_COACH } ui_overlay;

/* ---- coach, supervisor, self-assessment (view_staff.h: needs ui_msg above) ------------------ */
#include "kiosk/ui/view_staff.h"

/* ---- one screen ------------------------------------------------------------------------------ */

typedef struct kiosk_view {
    ui_screen screen;
    catalogue_lang lang;               /* the trainee's language (start: the kiosk's default) */
    ui_msg headline;                   /* optional: replaces the screen's default headline */
    ui_feedback feedback;              /* a check / cross / "!" badge on the current step */
    ui_msg feedback_msg;               /* optional words with it ("feedback.wrong_item") */
    ui_device scanner, printer;        /* the device bar */
    bool demo;                         /* on-screen scanner: "demo-scan-expected/-wrong" */
    ui_overlay overlay;                /* drawn last, over the screen; its buttons win taps */
    ui_floor_map map;                  /* used by the pick screen */
    ui_start_view start;               /* START, PIN */
    ui_work_view work;                 /* MY_WORK */
    ui_pick_view pick;                 /* PICK, WRONG_SCAN, SHORT_REASON, HELP_CALLED */
    ui_pack_view pack;                 /* PACK */
    ui_wrong_view wrong;               /* WRONG_SCAN */
    ui_finished_view finished;         /* FINISHED */
    ui_device_view device;             /* DEVICE_PROBLEM */
    ui_staff_view staff;               /* STAFF */
    ui_self_view self;                 /* SELF_ASSESS */
} kiosk_view;

/* Sets v to an empty START screen in Dutch with no devices shown. */
void kiosk_view_init(kiosk_view *v);

/* Sets msg to id with up to UI_MSG_ARGS_MAX string arguments (NULL ends the list early);
 * ids and arguments that do not fit are cut at a UTF-8 character boundary. */
void ui_msg_set(ui_msg *msg, const char *id, const char *arg1, const char *arg2,
                const char *arg3);

/* Fills map with one zone per distinct location zone (the bounding box of its locations, padded)
 * and the floor extent (the largest coordinate plus a margin). Zones beyond UI_ZONES_MAX are
 * left out. An empty catalogue gives width 0 (no map drawn). */
void ui_floor_map_from_catalogue(const catalogue *cat, ui_floor_map *map);

/* Fills item from catalogue item index (name in lang, Dutch when missing); index < 0 clears. */
void ui_item_from_catalogue(const catalogue *cat, int index, catalogue_lang lang, ui_item *item);

/* Fills loc from catalogue location index; index < 0 clears. */
void ui_location_from_catalogue(const catalogue *cat, int index, ui_location *loc);

/* Fills out (view_fill.c) from a pick flow and the SHOW effect it emitted: the step, location,
 * item (name in lang), quantities, the level's switches (scan location/tote, typed or prefilled
 * quantity), undo, every line's state for the dots, the cluster slot and tote, the time norm
 * (elapsed_seconds stays 0: the app knows the clock). suggest_help is left false. */
void ui_pick_from_flow(const pick_flow *flow, const pick_show *show, catalogue_lang lang,
                       ui_pick_view *out);

/* Fills out from a pack flow's SHOW: the checklist (names in lang), the suggested box (or the
 * chosen one) with its sizes, the print state (not yet / printing / done / failed when the
 * printer is not ready and a label waits). scan_order and tote are left for the app (level and
 * task); the rest of out is cleared. Rows beyond UI_PACK_MAX are left out. */
void ui_pack_from_show(const catalogue *cat, const pack_show *show, catalogue_lang lang,
                       ui_pack_view *out);

#endif
