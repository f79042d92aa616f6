/* Inside kiosk_app: the state the input handlers (kiosk_app.c), the view builder
 * (kiosk_app_view.c) and the demo scanner (kiosk_app_demo.c) share. */
#ifndef STIEL_KIOSK_APP_KIOSK_APP_INTERNAL_H
#define STIEL_KIOSK_APP_KIOSK_APP_INTERNAL_H

#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/kiosk_orders.h"
#include "kiosk/app/kiosk_staff.h"
#include "kiosk/store/store.h"

typedef enum kiosk_mode {
    KIOSK_MODE_START = 0,   /* scan your badge / name list */
    KIOSK_MODE_WORK,        /* my work */
    KIOSK_MODE_TASK,        /* a pick or pack flow is on screen */
    KIOSK_MODE_FINISHED     /* well done */
} kiosk_mode;

typedef enum kiosk_overlay {
    KIOSK_OVL_NONE = 0,
    KIOSK_OVL_WRONG,        /* what was scanned next to what we expect */
    KIOSK_OVL_SHORT,        /* why fewer than asked */
    KIOSK_OVL_HELP,         /* the coach is called */
    KIOSK_OVL_EXIT_PIN,     /* a staff badge was scanned: the PIN to leave the kiosk */
    KIOSK_OVL_TRAINEE_PIN   /* a name was tapped ([login] name_list = pin): the trainee's PIN */
} kiosk_overlay;

enum { KIOSK_PIN_MAX = 12, KIOSK_HISTORY_MAX = 8 };

struct kiosk_app {
    kiosk_app_options opt;
    char data_dir[4096], asset_dir[4096], kiosk_id[64], sscc_prefix[16];
    session *s;
    kiosk_mode mode;
    kiosk_overlay overlay;
    catalogue_lang kiosk_lang;          /* before a badge */
    store_trainee trainee;              /* trainee.id "" when nobody is logged in */
    catalogue_lang lang;                /* the trainee's language (may be switched) */
    unsigned tasks_done;                /* this login */
    unsigned done_lines[KIOSK_HISTORY_MAX]; /* lines of the tasks done, for my work */
    /* the flow on screen */
    pick_show pick;
    pack_show pack;
    bool have_pick, have_pack, suggest_help;
    bool label_printed;                 /* a PRINT effect since the pack step began */
    unsigned typed;                     /* quantity stepper */
    ui_feedback feedback;
    ui_msg feedback_msg;
    ui_wrong_view wrong;
    /* the finished task (pick + its pack) */
    unsigned lines_total, lines_done, lines_with_errors, coach_calls, errors;
    uint32_t line_error_bits;           /* bit per task line (1..32) with an error */
    /* the finished screen's way to the next level, read from the evidence summary once per
     * visit of the screen (kiosk_app_view.c; false again on any other screen) */
    bool progress_read;
    unsigned progress_met, progress_total;  /* level-up criteria met, of all (0: top level) */
    ui_msg progress_well;               /* "97 % right first time today"; id "" when none */
    /* devices */
    ui_device scanner, printer;
    /* exit PIN */
    store_staff staff;
    char pin[KIOSK_PIN_MAX + 1];
    bool pin_wrong;
    /* the name-list PIN (kiosk_trainee_pin.c) */
    store_trainee chosen;               /* the name tapped */
    ui_msg chosen_msg;                  /* why the last PIN was refused */
    uint64_t last_mono;
    /* real orders (kiosk_orders.c) and the orders of a pick still to pack */
    char orders_inbox[4096], orders_outbox[4096];
    kiosk_orders *orders;               /* NULL when the folders cannot be used (logged) */
    kiosk_mode orders_mode;             /* the mode at the last redraw: "my work" just entered? */
    uint64_t orders_polled;             /* monotonic time of the last look in the inbox */
    kiosk_pack_queue packs;
    kiosk_staff_state staff_ui;         /* coach and supervisor (kiosk_staff.c) */
    kiosk_view view;
};

/* A coach prompt (gestural .. done by coach) into the task on screen as a PICK_EV_COACH /
 * PACK_EV_COACH through the session (evidence), with its effects applied. Nothing without a task. */
void kiosk_app_coach_prompt(kiosk_app *app, pick_prompt p, kiosk_clock now, kiosk_out *out);

/* ---- the name-list fallback (kiosk_trainee_pin.c) ---- */

/* What tapping a name does here (kiosk_config_name_list_mode over the options). */
kiosk_name_list kiosk_app_name_list(const kiosk_app *app);

/* A name was tapped in PIN mode: opens the PIN pad for trainee id (KIOSK_OVL_TRAINEE_PIN); false
 * (nothing changed) for an unknown, erased or non-consenting trainee. */
bool kiosk_trainee_pin_open(kiosk_app *app, const char *id);

/* The PIN pad's OK: checks app->pin for app->chosen (store_trainee_authenticate: recorded, with
 * the lockout) and clears it. True when right (the caller logs app->chosen.id in); otherwise the
 * pad stays, saying why (wrong + tries left, locked + time left, no PIN: scan the badge). */
bool kiosk_trainee_pin_ok(kiosk_app *app, kiosk_clock now, kiosk_out *out);

/* The PIN screen for the chosen trainee into v (kiosk_app_view.c, overlay TRAINEE_PIN). */
void kiosk_trainee_pin_view(const kiosk_app *app, kiosk_view *v);

/* Rebuilds app->view from the state (kiosk_app_view.c). */
void kiosk_app_view_build(kiosk_app *app, uint64_t mono_ms);

#endif
