/* Translations for the kiosk: one .po catalog per language (assets/locale/{nl,fr,en,ar}.po), the
 * fallback chain (the language, then Dutch, then the id itself) and {n} parameter filling.
 * No SDL: unit-testable. */
#ifndef STIEL_UI_TR_H
#define STIEL_UI_TR_H

#include <stddef.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"
#include "kiosk/ui/po.h"
#include "kiosk/ui/view.h"

typedef struct ui_tr {
    po_catalog lang[CAT_LANG_COUNT];
} ui_tr;

/* Reads and parses <asset_dir>/locale/<code>.po for every language. A missing or bad file is an
 * error naming it (file:line from po_parse); on error tr is left empty. */
stiel_status ui_tr_load(ui_tr *tr, const char *asset_dir, stiel_diag *diag);

/* Frees the catalogs; safe on a zeroed ui_tr. */
void ui_tr_free(ui_tr *tr);

/* The text for id in lang: the language's msgstr, else Dutch's, else id. Never NULL. */
const char *ui_tr_lookup(const ui_tr *tr, catalogue_lang lang, const char *id);

/* Looks msg up and fills {1}..{3} with its arguments ({n} beyond argc become ""; "{{" gives
 * "{"), writing at most cap bytes with a NUL, cut at a UTF-8 character boundary. An empty msg
 * gives "". */
void ui_tr_format(const ui_tr *tr, catalogue_lang lang, const ui_msg *msg, char *out,
                  size_t cap);

/* Cuts s (NUL-terminated) so that it has at most max bytes, at a character boundary. */
void ui_utf8_cut(char *s, size_t max);

#endif
