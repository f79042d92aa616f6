/* The practice warehouse's set-up labels from the store: locations and items from the catalogue,
 * totes TOTE-1..N, the badges of trainees and staff, and the coach's prompt cards
 * (PROMPT-VERBAL ...), drawn with the shipped templates (<labels>/location|item|tote|badge|
 * prompt.label) to a folder (one file per label, named after its code) or encoded
 * for the print queue, with an outcome per label. Shared by `stiel setup-labels` and the kiosk's
 * supervisor screen; neither authorizes nor records here (the callers do). */
#ifndef STIEL_KIOSK_APP_SETUP_LABELS_H
#define STIEL_KIOSK_APP_SETUP_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "drivers/print_queue.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/store/store.h"

typedef enum setup_labels_kind {
    SETUP_LABELS_LOCATIONS = 0,
    SETUP_LABELS_ITEMS,
    SETUP_LABELS_TOTES,
    SETUP_LABELS_BADGES,
    SETUP_LABELS_PROMPTS,
    SETUP_LABELS_KIND_COUNT
} setup_labels_kind;

enum {
    SETUP_LABELS_TOTES_DEFAULT = 12,
    SETUP_LABELS_TOTES_MAX = 999,
    SETUP_LABEL_FIELDS = 3,
    SETUP_LABEL_CODE_MAX = CAT_BARCODE_MAX + 1,
    SETUP_LABEL_VALUE_MAX = CAT_TEXT_MAX + 1
};

/* One label: its code (the file name, a selection key), another code that selects it too
 * (barcode, GTIN, badge), the template's field values, and what became of it. */
typedef struct setup_label {
    setup_labels_kind kind;
    char code[SETUP_LABEL_CODE_MAX];
    char alt[SETUP_LABEL_CODE_MAX];
    size_t nfields;
    const char *keys[SETUP_LABEL_FIELDS];
    char values[SETUP_LABEL_FIELDS][SETUP_LABEL_VALUE_MAX];
    bool selected;
    /* outcome */
    bool done, failed;               /* written or printed (confirmed) / not */
    uint64_t job;                    /* queued: the print job */
    char file[SETUP_LABEL_CODE_MAX + 8];  /* to a folder: the file's name */
    char why[STIEL_DIAG_TEXT_MAX];   /* failed: why */
} setup_label;

typedef struct setup_labels {
    setup_label *items;
    size_t count, cap;
} setup_labels;

/* "locations", "items", "totes", "badges", "prompts"; parse: false for another name. */
const char *setup_labels_kind_name(setup_labels_kind k);
bool setup_labels_kind_parse(const char *name, setup_labels_kind *out);

/* Appends kind's labels from s to l (l zeroed or from before): catalogue locations (the label
 * shows and encodes the barcode) or items (name in names, else Dutch; GTIN), totes TOTE-1..
 * totes (1..SETUP_LABELS_TOTES_MAX), the badges of the trainees not erased and of the staff, or
 * the five prompt cards. STIEL_ERR_NOT_FOUND when the store has no catalogue yet (locations,
 * items); STIEL_ERR_ARG for a tote count out of range; STIEL_ERR_NOMEM; store errors. */
stiel_status setup_labels_load(store *s, setup_labels_kind kind, unsigned totes,
                               catalogue_lang names, setup_labels *l, stiel_diag *diag);

/* Marks the labels that codes (comma-separated: a code or an alternative code) names; NULL:
 * all. *n receives how many are selected. STIEL_ERR_ARG naming a code that no label has. */
stiel_status setup_labels_select(setup_labels *l, const char *codes, size_t *n,
                                 stiel_diag *diag);

/* Where the templates and fonts are, and the resolution. */
typedef struct setup_labels_render {
    const char *template_dir;   /* holds location.label ...; NULL: $STIEL_ASSETS/labels, else
                                   the built-in asset folder's labels/ */
    const char *font_dir;       /* NULL: $STIEL_FONT_DIR, else the built-in font folder */
    int dpi;                    /* 0: the template's */
} setup_labels_render;

/* Draws each selected label into dir (made 0700 with its parents) as <code>.png (lang NULL or
 * "png") or encoded in lang ("zpl", "tspl", "epl", "escpos": <code>.zpl|tspl|epl|bin), each
 * file written whole or not at all; per label done (file set) or failed (why). Returns an error
 * only when nothing could be tried: the folder, a template or the fonts (diag names it),
 * STIEL_ERR_ARG for another lang. */
stiel_status setup_labels_to_folder(setup_labels *l, const setup_labels_render *r,
                                    const char *dir, const char *lang, stiel_diag *diag);

/* Where encoded labels go: the bytes of one label in printer language lang; *job (may stay 0)
 * receives the print job's id. STIEL_OK when taken. */
typedef stiel_status (*setup_labels_sink)(void *user, const char *lang, const void *bytes,
                                          size_t n, uint64_t *job, stiel_diag *diag);

/* Encodes each selected label in printer language lang ("zpl", "tspl", "epl", "escpos") and
 * hands it to sink (job set; a label that cannot be drawn or is refused: failed, why); *sent
 * receives how many were taken. Errors as setup_labels_to_folder. */
stiel_status setup_labels_send(setup_labels *l, const setup_labels_render *r, const char *lang,
                               setup_labels_sink sink, void *user, size_t *sent,
                               stiel_diag *diag);

/* setup_labels_send into the print queue q; *queued receives how many were queued. The
 * printer's driver prints them; confirming is the caller's. */
stiel_status setup_labels_queue(setup_labels *l, const setup_labels_render *r,
                                stiel_print_queue *q, const char *lang, size_t *queued,
                                stiel_diag *diag);

/* The selected labels, the done ones and the failed ones (selected and not done). */
void setup_labels_counts(const setup_labels *l, size_t *selected, size_t *done, size_t *failed);

/* Frees l's labels and empties it. */
void setup_labels_free(setup_labels *l);

#endif
