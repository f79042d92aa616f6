/* The kiosk's configuration: an INI file (assets/kiosk.ini.example documents every key) read with
 * inih, and the defaults that let the demo run with no file at all. Every error names the file
 * and the line. Pure data and parsing: no SDL, no devices opened here. */
#ifndef STIEL_KIOSK_APP_KIOSK_CONFIG_H
#define STIEL_KIOSK_APP_KIOSK_CONFIG_H

#include <stdbool.h>

#include "common/status.h"
#include "kiosk/core/catalogue.h"

enum { KIOSK_CONFIG_PATH_MAX = 4096, KIOSK_CONFIG_TEXT_MAX = 63 };

/* [login] name_list: what the start screen's name list (the fallback for a trainee without
 * their badge) does, as the hub decides. */
typedef enum kiosk_name_list {
    KIOSK_NAME_LIST_AUTO = 0,   /* not set: direct in demo mode, otherwise pin */
    KIOSK_NAME_LIST_OFF,        /* no name list: badge only */
    KIOSK_NAME_LIST_DIRECT,     /* tapping a name logs the trainee in */
    KIOSK_NAME_LIST_PIN         /* tapping a name opens the PIN pad (the trainee's own PIN) */
} kiosk_name_list;

typedef struct kiosk_config {
    char kiosk_id[KIOSK_CONFIG_TEXT_MAX + 1];      /* [kiosk] id; default "kiosk-1" */
    char data_dir[KIOSK_CONFIG_PATH_MAX];          /* [kiosk] data; "" = ${XDG_DATA_HOME:-~/.local/share}/stiel */
    catalogue_lang language;                       /* [kiosk] language nl|fr|en|ar; default nl */
    unsigned volume;                               /* [kiosk] volume 0..100; default 70 */
    bool name_list;                                /* [kiosk] name_list: no = no name list (old key) */
    kiosk_name_list login_name_list;               /* [login] name_list off|direct|pin; default auto */
    bool speech;                                   /* [kiosk] speech: espeak-ng for trainees who want it */
    char sscc_prefix[16];                          /* [kiosk] sscc_prefix: GS1 company prefix, 4..12 digits */
    /* [scanner] */
    char scanner_port[KIOSK_CONFIG_PATH_MAX];      /* port; "" = no serial scanner (wedge only) */
    char scanner_driver[KIOSK_CONFIG_TEXT_MAX + 1];/* driver: a registry name or alias; default "generic" */
    char scanner_line[KIOSK_CONFIG_TEXT_MAX + 1];  /* line: "9600 8N1 none" */
    bool wedge;                                    /* wedge: keyboard-wedge scans; default yes */
    /* [printer] */
    char printer_port[KIOSK_CONFIG_PATH_MAX];      /* port; "" = none; "virtual" = PNG files */
    char printer_language[16];                     /* language zpl|tspl|epl|escpos; default zpl */
    /* [orders]: real orders from the WMS (docs/orders.md) */
    char orders_inbox[KIOSK_CONFIG_PATH_MAX];      /* inbox; "" = <data>/inbox */
    char orders_outbox[KIOSK_CONFIG_PATH_MAX];     /* outbox; "" = <data>/outbox */
    bool orders_json;                              /* format csv|json (results); default csv */
    /* [paths]: the staff screens' folders (a USB stick); STIEL_EXPORT_DIR / STIEL_IMPORT_DIR
     * override them */
    char export_dir[KIOSK_CONFIG_PATH_MAX];        /* export: dossiers; "" = <data>/exports */
    char import_dir[KIOSK_CONFIG_PATH_MAX];        /* import: catalogue, orders; "" = <data>/import */
} kiosk_config;

/* Fills cfg with the defaults (no devices, Dutch, volume 70, name list allowed, speech off,
 * kiosk "kiosk-1", SSCC prefix 8712345 — a sample prefix, set your own). */
void kiosk_config_default(kiosk_config *cfg);

/* Reads path over the current values of cfg. Unknown sections or keys, bad values (a language
 * that is not nl/fr/en/ar, a volume above 100, a flag that is not yes/no, a line setting, a
 * scanner driver or printer language that does not exist) are errors "FILE:LINE: what is wrong"
 * (STIEL_ERR_SYNTAX or STIEL_ERR_ARG); a missing file is STIEL_ERR_IO naming it. Only the first
 * problem is reported; cfg may be partly updated on error. */
stiel_status kiosk_config_load(kiosk_config *cfg, const char *path, stiel_diag *diag);

/* "off" / "direct" / "pin" → *out; false otherwise. */
bool kiosk_config_name_list_parse(const char *text, kiosk_name_list *out);

/* What the name list does: set ([login] name_list) when it is not AUTO; otherwise OFF when the
 * old [kiosk] name_list flag (allowed) is false, DIRECT in demo mode, else PIN. */
kiosk_name_list kiosk_config_name_list_mode(kiosk_name_list set, bool allowed, bool demo);

/* "nl" / "fr" / "en" / "ar" → *out; false otherwise. */
bool kiosk_config_lang_parse(const char *text, catalogue_lang *out);

/* Writes the data folder (cfg->data_dir, else ${XDG_DATA_HOME:-$HOME/.local/share}/stiel) into
 * out and creates it (and its parents) with mode 0700. STIEL_ERR_IO naming the folder. */
stiel_status kiosk_config_data_dir(const kiosk_config *cfg, char *out, size_t cap,
                                   stiel_diag *diag);

#endif
