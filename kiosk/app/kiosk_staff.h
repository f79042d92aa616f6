/* The staff layer of the kiosk app (issue 6): after a staff badge and PIN (store_staff_authenticate,
 * every attempt recorded, lockout shown with the time left) a coach or supervisor works on the
 * coach and supervisor pages (kiosk/ui/view_staff.h) or in the coach overlay over the trainee's
 * task, until "back" on the home page or STAFF_IDLE_MS without a tap. Every staff action goes
 * through the store with the staff member's id. Also the trainee's end-of-day self-assessment.
 * kiosk_app.c calls the hooks below; the state lives in kiosk_app (kiosk_app_internal.h). */
#ifndef STIEL_KIOSK_APP_KIOSK_STAFF_H
#define STIEL_KIOSK_APP_KIOSK_STAFF_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/session.h"
#include "kiosk/ui/view.h"

enum {
    KIOSK_STAFF_IDLE_MS = 2 * 60 * 1000,  /* a staff session ends after this long without a tap */
    KIOSK_SELF_HOUR = 14,                 /* the self-assessment is offered from 14:00 (UTC) */
    KIOSK_SELF_TASKS = 3                  /* ... or after this many tasks in one login */
};

typedef struct kiosk_staff_data kiosk_staff_data;

enum { KIOSK_FLAGS_KEPT = 60 };         /* the newest flagged events kept for the flags page */

/* A trainee's flagged events (errors, help requests, shorts), newest first: read once per visit
 * of the flags page (kiosk_staff_flags_load), paged from the copy at each redraw. */
typedef struct kiosk_flag_list {
    ui_staff_flag items[KIOSK_FLAGS_KEPT];
    size_t count;
} kiosk_flag_list;

typedef struct kiosk_staff_state {
    bool active;                        /* a staff member is signed in */
    bool overlay;                       /* the coach overlay over the task (else the pages) */
    store_staff who;
    ui_staff_page page;
    uint64_t last_mono;                 /* the last staff input */
    int64_t wall_ms;                    /* the wall clock of the last input seen by the hooks */
    char trainee[CAT_ID_MAX + 1];       /* the trainee of the per-trainee pages */
    size_t first;                       /* the first row shown of the page's list */
    char comp[48];                      /* SIGNOFF: the competency */
    int reason;                         /* SIGNOFF: preset reason chosen, -1 none */
    int category, phrase;               /* OBSERVE: -1 none */
    bool positive;
    bool labels[UI_STAFF_LABEL_KINDS];
    ui_msg notice;
    bool notice_bad;
    ui_msg result[UI_STAFF_LINES];
    size_t result_count;
    char last_auth[STIEL_DIAG_TEXT_MAX];/* why the last PIN was refused (for the PIN screen) */
    ui_msg pin_msg;                     /* the PIN screen's words after a refusal */
    bool cfg_speech;                    /* the kiosk's speech setting before the trainee's */
    bool cfg_speech_known;
    session_trainee_settings settings;  /* of the trainee logged in */
    /* the self-assessment */
    bool self_open, self_saved;
    int64_t self_day;                   /* the day self_saved is for */
    unsigned self_answers[3];
    kiosk_staff_data *data;             /* the trainee's figures, loaded when a page needs them */
    kiosk_flag_list *flags;             /* the flags page's events, read when it is opened */
} kiosk_staff_state;

/* ---- hooks for kiosk_app.c ------------------------------------------------------------------ */

/* "pin:ok" on the staff PIN screen: authenticates app->staff's badge with the typed PIN for
 * ACCESS_LOGIN (recorded by the store). Right: the staff home; wrong or locked: the PIN screen
 * again with why (tries left, or the lock's minutes and seconds left). */
void kiosk_staff_pin_ok(kiosk_app *app, kiosk_clock now, kiosk_out *out);

/* A tap while a staff member is signed in, or one of the trainee's self-assessment taps. True
 * when handled (the caller redraws); false: the trainee screen's own handling applies (under the
 * coach overlay the trainee's buttons that the overlay leaves uncovered still work). */
bool kiosk_staff_tap(kiosk_app *app, const char *action, kiosk_clock now,
                     kiosk_out *out);

/* A scan: a prompt card ("PROMPT-VERBAL" ...) while the coach overlay is up records that
 * prompt; any scan on the staff pages is swallowed; a staff badge ends the staff session (the
 * caller then asks for that badge's PIN). True when handled. */
bool kiosk_staff_scan(kiosk_app *app, const char *data, kiosk_clock now,
                      kiosk_out *out);

/* Time passes: ends the staff session after KIOSK_STAFF_IDLE_MS without a staff tap. */
void kiosk_staff_tick(kiosk_app *app, kiosk_clock now);

/* When the staff session times out (monotonic ms); false when no staff member is signed in. */
bool kiosk_staff_deadline(const kiosk_app *app, uint64_t *when_ms);

/* Fills the staff pages, the coach overlay, the self-assessment and the PIN screen's words into
 * v after the trainee view was built. */
void kiosk_staff_view(kiosk_app *app, kiosk_view *v, int64_t wall_ms);

/* A trainee logged in (settings read: language, spoken instructions) / out. */
void kiosk_staff_login(kiosk_app *app);
void kiosk_staff_logout(kiosk_app *app);

/* False when the supervisor switched packing / picking / drills off for the trainee logged in
 * (read at login and when a supervisor saves them; applied when the next task starts). */
bool kiosk_staff_pack_on(const kiosk_app *app);
bool kiosk_staff_pick_on(const kiosk_app *app);
bool kiosk_staff_drills_on(const kiosk_app *app);

/* With picking off the trainee only packs: a practice order generated for the trainee's level
 * from seed (order_gen_training, no drills) as if picked at the pick station (the ordered
 * quantities), its first order as a pack task "PK-<seed as 16 hex digits>", order number
 * "SO-<same>". False (logged) when the level or the catalogue gives none. */
bool kiosk_staff_pack_practice(kiosk_app *app, uint64_t seed, pack_task *out);

/* The folders of the staff screens into out (cap bytes): $STIEL_EXPORT_DIR / $STIEL_IMPORT_DIR
 * when set, else the options' export_dir / import_dir (kiosk.ini [paths]), else
 * <data_dir>/exports and <data_dir>/import. */
void kiosk_staff_export_dir(const kiosk_app *app, char *out, size_t cap);
void kiosk_staff_import_dir(const kiosk_app *app, char *out, size_t cap);

/* The page's name for scripts: "staff" (home), "coach-review", "coach-charts", "coach-flags",
 * "coach-observe", "coach-signoff", "staff-trainee", "staff-floor", "staff-setup". */
const char *kiosk_staff_page_name(ui_staff_page page);

/* Ends the staff session (if any) and frees what it loaded. */
void kiosk_staff_end(kiosk_app *app);

/* ---- the figures (kiosk_staff_data.c) ------------------------------------------------------- */

/* Loads trainee's competencies and charts (report_build over every framework in
 * <asset_dir>/competencies), its level suggestion and settings; NULL *out on error (diag). */
stiel_status kiosk_staff_data_load(session *s, const char *asset_dir, const char *trainee,
                                   int64_t now_ms, kiosk_staff_data **out, stiel_diag *diag);
void kiosk_staff_data_free(kiosk_staff_data *d);

/* Fills v's trainee pages (review page from first, charts, suggestion) from d. */
void kiosk_staff_data_fill(const kiosk_staff_data *d, catalogue_lang lang, size_t first,
                           ui_staff_view *v);

/* The competency id's row (state, evidence) and its framework id; false when d has none. */
bool kiosk_staff_data_comp(const kiosk_staff_data *d, const char *id, catalogue_lang lang,
                           ui_staff_comp *out, const char **framework);

/* Number of competencies in d. */
size_t kiosk_staff_data_comp_count(const kiosk_staff_data *d);

/* Reads trainee's flagged events (errors, help requests, shorts: one walk over its events), the
 * newest KIOSK_FLAGS_KEPT, newest first, into *out (free()); NULL *out on error. */
stiel_status kiosk_staff_flags_load(store *s, const char *trainee, kiosk_flag_list **out,
                                    stiel_diag *diag);

/* Fills v's flags page from l (NULL: none) from row first: flag_total, flag_first, up to 5. */
void kiosk_staff_flags_fill(const kiosk_flag_list *l, size_t first, ui_staff_view *v);

/* The kiosks seen in the store with the trainee of their latest event, and the print queue in
 * <data_dir>/print-queue (when there is one). */
void kiosk_staff_floor(store *s, const char *data_dir, int64_t now_ms, ui_staff_view *v);

/* Writes trainee's dossier (HTML and PDF, pseudonymous) into dir (made 0700) as
 * dossier-<trainee>-<day>.{html,pdf}; path (cap bytes) receives the HTML file's path. Before
 * each file is written its issue is recorded (store_dossier_issue: "dossier.issued" by actor_id
 * on kiosk_id's chain, format "html" / "pdf"), so `stiel verify --code` can check the dossier's
 * code; when the issue cannot be recorded that file is not written. Does not authorize. */
stiel_status kiosk_staff_dossier_write(session *s, const char *asset_dir, const char *trainee,
                                       const char *dir, const char *kiosk_id,
                                       const char *actor_id, int64_t now_ms, char *path,
                                       size_t cap, stiel_diag *diag);

#endif
