/* Translation loading, fallback and parameter filling, declared in tr.h. */
#include "kiosk/ui/tr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PO_FILE_MAX = 1 << 20 };

static stiel_status read_file(const char *path, char **text, size_t *len, stiel_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "%s: cannot open (%s)", path,
                              strerror(errno));
    char *buf = malloc(PO_FILE_MAX);
    if (!buf) {
        fclose(f);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "%s: out of memory", path);
    }
    size_t n = fread(buf, 1, PO_FILE_MAX, f);
    bool err = ferror(f) != 0, more = !feof(f);
    fclose(f);
    if (err || more) {
        free(buf);
        return stiel_diag_set(diag, err ? STIEL_ERR_IO : STIEL_ERR_OVERLONG,
                              "%s: %s", path, err ? "read error" : "larger than 1 MiB");
    }
    *text = buf;
    *len = n;
    return STIEL_OK;
}

stiel_status ui_tr_load(ui_tr *tr, const char *asset_dir, stiel_diag *diag)
{
    memset(tr, 0, sizeof *tr);
    for (int l = 0; l < CAT_LANG_COUNT; l++) {
        char path[1024];
        int n = snprintf(path, sizeof path, "%s/locale/%s.po", asset_dir,
                         catalogue_lang_code((catalogue_lang)l));
        if (n < 0 || (size_t)n >= sizeof path) {
            ui_tr_free(tr);
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "asset folder path is too long");
        }
        char *text = NULL;
        size_t len = 0;
        stiel_status st = read_file(path, &text, &len, diag);
        if (st == STIEL_OK) {
            st = po_parse(path, text, len, &tr->lang[l], diag);
            free(text);
        }
        if (st != STIEL_OK) {
            ui_tr_free(tr);
            return st;
        }
    }
    return STIEL_OK;
}

void ui_tr_free(ui_tr *tr)
{
    for (int l = 0; l < CAT_LANG_COUNT; l++)
        po_free(&tr->lang[l]);
}

const char *ui_tr_lookup(const ui_tr *tr, catalogue_lang lang, const char *id)
{
    const char *s = NULL;
    if ((int)lang >= 0 && lang < CAT_LANG_COUNT)
        s = po_lookup(&tr->lang[lang], id);
    if (!s)
        s = po_lookup(&tr->lang[CAT_LANG_NL], id);
    return s ? s : id;
}

void ui_utf8_cut(char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    s[max] = '\0';
}

void ui_tr_format(const ui_tr *tr, catalogue_lang lang, const ui_msg *msg, char *out,
                  size_t cap)
{
    if (!cap)
        return;
    out[0] = '\0';
    if (!msg || !msg->id[0])
        return;
    const char *src = ui_tr_lookup(tr, lang, msg->id);
    size_t o = 0;
    bool full = false;
    for (const char *c = src; *c && !full; c++) {
        const char *piece = c;
        size_t plen = 1;
        if (c[0] == '{' && c[1] == '{') {
            c++;
        } else if (c[0] == '{' && c[1] >= '1' && c[1] <= '9' && c[2] == '}') {
            unsigned k = (unsigned)(c[1] - '1');
            piece = k < msg->argc && k < UI_MSG_ARGS_MAX ? msg->args[k] : "";
            plen = strlen(piece);
            c += 2;
        }
        if (o + plen >= cap) {
            plen = cap - 1 - o;
            full = true;
        }
        memcpy(out + o, piece, plen);
        o += plen;
    }
    out[o] = '\0';
    ui_utf8_cut(out, o);
    /* a cut in the middle of a character: drop the partial tail */
    size_t n = o;
    while (n > 0 && ((unsigned char)out[n - 1] & 0x80)) {
        size_t start = n - 1;
        while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
            start--;
        unsigned char lead = (unsigned char)out[start];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (n - start >= need)
            break;
        n = start;
    }
    out[n] = '\0';
}
