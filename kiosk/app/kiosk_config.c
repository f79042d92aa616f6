/* Reading kiosk.ini with inih: one handler that checks each key's value, keeping the first
 * problem's text; inih gives its line number. Also the data folder (created 0700). */
#include "kiosk/app/kiosk_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "drivers/line_settings.h"
#include "drivers/printer.h"
#include "drivers/registry.h"

void kiosk_config_default(kiosk_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "kiosk-1");
    cfg->language = CAT_LANG_NL;
    cfg->volume = 70;
    cfg->name_list = true;
    cfg->speech = false;
    snprintf(cfg->sscc_prefix, sizeof cfg->sscc_prefix, "8712345");
    snprintf(cfg->scanner_driver, sizeof cfg->scanner_driver, "generic");
    snprintf(cfg->scanner_line, sizeof cfg->scanner_line, "9600 8N1 none");
    cfg->wedge = true;
    snprintf(cfg->printer_language, sizeof cfg->printer_language, "zpl");
}

bool kiosk_config_lang_parse(const char *text, catalogue_lang *out)
{
    for (int l = 0; l < CAT_LANG_COUNT; l++)
        if (strcmp(text, catalogue_lang_code((catalogue_lang)l)) == 0) {
            *out = (catalogue_lang)l;
            return true;
        }
    return false;
}

bool kiosk_config_name_list_parse(const char *text, kiosk_name_list *out)
{
    static const char *const names[] = {"off", "direct", "pin"};
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (kiosk_name_list)(KIOSK_NAME_LIST_OFF + i);
            return true;
        }
    return false;
}

kiosk_name_list kiosk_config_name_list_mode(kiosk_name_list set, bool allowed, bool demo)
{
    if (set != KIOSK_NAME_LIST_AUTO)
        return set;
    if (!allowed)
        return KIOSK_NAME_LIST_OFF;
    return demo ? KIOSK_NAME_LIST_DIRECT : KIOSK_NAME_LIST_PIN;
}

typedef struct load_ctx {
    kiosk_config *cfg;
    bool failed;
    stiel_status st;
    char why[STIEL_DIAG_TEXT_MAX];
} load_ctx;

static int fail(load_ctx *c, stiel_status st, const char *section, const char *name,
                const char *what)
{
    if (!c->failed) {
        c->failed = true;
        c->st = st;
        snprintf(c->why, sizeof c->why, "[%.32s] %.32s: %.160s", section, name, what);
    }
    return 0;
}

static int set_text(load_ctx *c, const char *sec, const char *name, const char *value, char *dst,
                    size_t cap)
{
    if (strlen(value) >= cap)
        return fail(c, STIEL_ERR_ARG, sec, name, "the value is too long");
    memcpy(dst, value, strlen(value) + 1);
    return 1;
}

static int set_flag(load_ctx *c, const char *sec, const char *name, const char *value, bool *dst)
{
    if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
        *dst = true;
    else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
        *dst = false;
    else
        return fail(c, STIEL_ERR_SYNTAX, sec, name, "write yes or no");
    return 1;
}

static int kiosk_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    kiosk_config *cfg = c->cfg;
    if (strcmp(name, "id") == 0) {
        if (!value[0] || strcspn(value, " \t") != strlen(value))
            return fail(c, STIEL_ERR_ARG, sec, name, "a kiosk id is one word, e.g. kiosk-1");
        return set_text(c, sec, name, value, cfg->kiosk_id, sizeof cfg->kiosk_id);
    }
    if (strcmp(name, "data") == 0)
        return set_text(c, sec, name, value, cfg->data_dir, sizeof cfg->data_dir);
    if (strcmp(name, "language") == 0) {
        if (!kiosk_config_lang_parse(value, &cfg->language))
            return fail(c, STIEL_ERR_ARG, sec, name, "the language is nl, fr, en or ar");
        return 1;
    }
    if (strcmp(name, "volume") == 0) {
        char *end = NULL;
        long v = strtol(value, &end, 10);
        if (!value[0] || *end || v < 0 || v > 100)
            return fail(c, STIEL_ERR_ARG, sec, name, "the volume is a whole number 0..100");
        cfg->volume = (unsigned)v;
        return 1;
    }
    if (strcmp(name, "name_list") == 0)
        return set_flag(c, sec, name, value, &cfg->name_list);
    if (strcmp(name, "speech") == 0)
        return set_flag(c, sec, name, value, &cfg->speech);
    if (strcmp(name, "sscc_prefix") == 0) {
        size_t n = strlen(value);
        if (n < 4 || n > 12 || strspn(value, "0123456789") != n)
            return fail(c, STIEL_ERR_ARG, sec, name,
                        "the GS1 company prefix is 4 to 12 digits");
        return set_text(c, sec, name, value, cfg->sscc_prefix, sizeof cfg->sscc_prefix);
    }
    return fail(c, STIEL_ERR_SYNTAX, sec, name,
                "unknown key (known: id, data, language, volume, name_list, speech, sscc_prefix)");
}

static int scanner_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    kiosk_config *cfg = c->cfg;
    if (strcmp(name, "port") == 0)
        return set_text(c, sec, name, value, cfg->scanner_port, sizeof cfg->scanner_port);
    if (strcmp(name, "driver") == 0) {
        const stiel_driver_info *d = stiel_driver_find(value);
        if (!d || d->cls != STIEL_DRIVER_SCANNER)
            return fail(c, STIEL_ERR_ARG, sec, name,
                        "no such scanner driver (generic, ssi, honeywell; see stiel devices)");
        return set_text(c, sec, name, value, cfg->scanner_driver, sizeof cfg->scanner_driver);
    }
    if (strcmp(name, "line") == 0) {
        stiel_line_settings ls;
        stiel_diag d;
        if (stiel_line_settings_parse(value, &ls, &d) != STIEL_OK)
            return fail(c, STIEL_ERR_ARG, sec, name, d.text);
        return set_text(c, sec, name, value, cfg->scanner_line, sizeof cfg->scanner_line);
    }
    if (strcmp(name, "wedge") == 0)
        return set_flag(c, sec, name, value, &cfg->wedge);
    return fail(c, STIEL_ERR_SYNTAX, sec, name, "unknown key (known: port, driver, line, wedge)");
}

static int printer_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    kiosk_config *cfg = c->cfg;
    if (strcmp(name, "port") == 0)
        return set_text(c, sec, name, value, cfg->printer_port, sizeof cfg->printer_port);
    if (strcmp(name, "language") == 0) {
        stiel_printer_lang pl;
        if (!stiel_printer_lang_from_name(value, &pl))
            return fail(c, STIEL_ERR_ARG, sec, name, "the printer language is zpl, tspl, epl or escpos");
        return set_text(c, sec, name, value, cfg->printer_language, sizeof cfg->printer_language);
    }
    return fail(c, STIEL_ERR_SYNTAX, sec, name, "unknown key (known: port, language)");
}

static int orders_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    kiosk_config *cfg = c->cfg;
    if (strcmp(name, "inbox") == 0)
        return set_text(c, sec, name, value, cfg->orders_inbox, sizeof cfg->orders_inbox);
    if (strcmp(name, "outbox") == 0)
        return set_text(c, sec, name, value, cfg->orders_outbox, sizeof cfg->orders_outbox);
    if (strcmp(name, "format") == 0) {
        if (strcmp(value, "csv") != 0 && strcmp(value, "json") != 0)
            return fail(c, STIEL_ERR_ARG, sec, name, "the result format is csv or json");
        cfg->orders_json = value[0] == 'j';
        return 1;
    }
    return fail(c, STIEL_ERR_SYNTAX, sec, name, "unknown key (known: inbox, outbox, format)");
}

static int paths_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    kiosk_config *cfg = c->cfg;
    if (strcmp(name, "export") == 0)
        return set_text(c, sec, name, value, cfg->export_dir, sizeof cfg->export_dir);
    if (strcmp(name, "import") == 0)
        return set_text(c, sec, name, value, cfg->import_dir, sizeof cfg->import_dir);
    return fail(c, STIEL_ERR_SYNTAX, sec, name, "unknown key (known: export, import)");
}

static int login_key(load_ctx *c, const char *sec, const char *name, const char *value)
{
    if (strcmp(name, "name_list") == 0) {
        if (!kiosk_config_name_list_parse(value, &c->cfg->login_name_list))
            return fail(c, STIEL_ERR_ARG, sec, name, "the name list is off, direct or pin");
        return 1;
    }
    return fail(c, STIEL_ERR_SYNTAX, sec, name, "unknown key (known: name_list)");
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    load_ctx *c = user;
    if (c->failed)
        return 1; /* only the first problem is reported */
    if (strcmp(section, "kiosk") == 0)
        return kiosk_key(c, section, name, value);
    if (strcmp(section, "scanner") == 0)
        return scanner_key(c, section, name, value);
    if (strcmp(section, "printer") == 0)
        return printer_key(c, section, name, value);
    if (strcmp(section, "orders") == 0)
        return orders_key(c, section, name, value);
    if (strcmp(section, "paths") == 0)
        return paths_key(c, section, name, value);
    if (strcmp(section, "login") == 0)
        return login_key(c, section, name, value);
    return fail(c, STIEL_ERR_SYNTAX, section, name,
                "unknown section (known: [kiosk], [scanner], [printer], [orders], [paths], "
                "[login])");
}

stiel_status kiosk_config_load(kiosk_config *cfg, const char *path, stiel_diag *diag)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read the kiosk config %s: %s", path,
                              strerror(errno));
    load_ctx c = {.cfg = cfg, .st = STIEL_OK};
    int line = ini_parse_file(f, on_key, &c);
    fclose(f);
    if (line > 0 && !c.failed)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "%s:%d: not an INI line (write [section] or key = value)", path,
                              line);
    if (line != 0)
        return stiel_diag_set(diag, c.st, "%s:%d: %s", path, line, c.why);
    return STIEL_OK;
}

static stiel_status mkdir_p(char *path, stiel_diag *diag)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the folder %s: %s", path,
                                  strerror(errno));
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the data folder %s: %s", path,
                              strerror(errno));
    return STIEL_OK;
}

stiel_status kiosk_config_data_dir(const kiosk_config *cfg, char *out, size_t cap,
                                   stiel_diag *diag)
{
    int n;
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (cfg->data_dir[0])
        n = snprintf(out, cap, "%s", cfg->data_dir);
    else if (xdg && xdg[0])
        n = snprintf(out, cap, "%s/stiel", xdg);
    else if (home && home[0])
        n = snprintf(out, cap, "%s/.local/share/stiel", home);
    else
        return stiel_diag_set(diag, STIEL_ERR_MISSING,
                              "no data folder: set [kiosk] data, XDG_DATA_HOME or HOME");
    if (n < 0 || (size_t)n >= cap)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the data folder path is too long");
    return mkdir_p(out, diag);
}
