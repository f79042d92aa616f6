/* A small gettext .po reader for the kiosk's translations: msgid is a stable message id
 * ("pick.go_to_location"), msgstr its text. Quoted strings with C escapes, multi-line strings,
 * comments; no msgctxt or plurals (refused with file:line). Pure: no SDL, no I/O. */
#ifndef STIEL_UI_PO_H
#define STIEL_UI_PO_H

#include <stddef.h>

#include "common/status.h"

typedef struct po_entry {
    char *id;
    char *str;
    unsigned line;   /* the msgid's line, for messages */
} po_entry;

typedef struct po_catalog {
    po_entry *entries;   /* sorted by id, unique */
    size_t count;
} po_catalog;

/* Parses len bytes of .po text; file names the text in messages. Entries with an empty msgstr
 * (untranslated) and the header (msgid "") are left out. Errors, each as "file:line: reason":
 * STIEL_ERR_SYNTAX (unknown keyword, msgctxt/plural forms, text outside quotes, unterminated
 * string, a continuation with nothing to continue, msgid without msgstr, msgstr without msgid),
 * STIEL_ERR_CHARSET (bad escape, invalid UTF-8, a NUL byte), STIEL_ERR_ARG (the same msgid
 * twice, named at its second line), STIEL_ERR_NOMEM. On error *out is left empty. */
stiel_status po_parse(const char *file, const char *text, size_t len, po_catalog *out,
                      stiel_diag *diag);

/* The msgstr for id, or NULL when the catalog has none. */
const char *po_lookup(const po_catalog *cat, const char *id);

/* Frees the entries; leaves an empty catalog. Safe on a zeroed one. */
void po_free(po_catalog *cat);

#endif
