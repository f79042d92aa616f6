/* Set-up labels (setup_labels.h): the lists from the store, the selection, and drawing them with
 * the shipped templates to a folder or into the print queue. */
#include "kiosk/app/setup_labels.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/printer.h"
#include "kiosk/app/session.h"
#include "kiosk/core/access.h"
#include "kiosk/core/pick_flow.h"
#include "protocol/label/template.h"
#include "render/label_output.h"
#include "render/render.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif
#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

enum { NAME_POINTS = 30, ITEM_NAME_POINTS = 50, TEMPLATE_MAX = 1 << 20 }; /* templates' max= */

static const char *const kind_names[SETUP_LABELS_KIND_COUNT] = {"locations", "items", "totes",
                                                                "badges", "prompts"};
static const char *const templates[SETUP_LABELS_KIND_COUNT] = {"location", "item", "tote",
                                                               "badge", "prompt"};

const char *setup_labels_kind_name(setup_labels_kind k)
{
    return (int)k >= 0 && k < SETUP_LABELS_KIND_COUNT ? kind_names[k] : "?";
}

bool setup_labels_kind_parse(const char *name, setup_labels_kind *out)
{
    for (int k = 0; k < SETUP_LABELS_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (setup_labels_kind)k;
            return true;
        }
    return false;
}

/* ---- the labels from the store --------------------------------------------------------------- */

static setup_label *list_add(setup_labels *l, setup_labels_kind kind, const char *code,
                             const char *alt)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        setup_label *n = realloc(l->items, cap * sizeof *n);
        if (!n)
            return NULL;
        l->items = n;
        l->cap = cap;
    }
    setup_label *x = &l->items[l->count++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    snprintf(x->code, sizeof x->code, "%s", code);
    snprintf(x->alt, sizeof x->alt, "%s", alt ? alt : "");
    return x;
}

/* Copies at most max code points of text into dst (whole UTF-8 sequences only). */
static void copy_points(char *dst, size_t cap, const char *text, size_t max)
{
    size_t n = 0, points = 0;
    while (text[n] && points < max) {
        size_t k = 1;
        while (text[n + k] && ((unsigned char)text[n + k] & 0xC0) == 0x80)
            k++;
        if (n + k >= cap)
            break;
        n += k;
        points++;
    }
    memcpy(dst, text, n);
    dst[n] = 0;
}

static void set_field(setup_label *x, const char *key, const char *value, size_t max_points)
{
    if (x->nfields == SETUP_LABEL_FIELDS)
        return;
    x->keys[x->nfields] = key;
    copy_points(x->values[x->nfields], SETUP_LABEL_VALUE_MAX, value, max_points);
    x->nfields++;
}

typedef struct badge_ctx {
    setup_labels *l;
    bool nomem;
} badge_ctx;

static int trainee_badge(const store_trainee *t, void *p)
{
    badge_ctx *c = p;
    if (t->erased)
        return 0;
    setup_label *x = list_add(c->l, SETUP_LABELS_BADGES, t->id, t->badge);
    if (!x) {
        c->nomem = true;
        return 1;
    }
    set_field(x, "name", t->display_name, NAME_POINTS);
    set_field(x, "role", "Trainee", NAME_POINTS);
    set_field(x, "code", t->badge, CAT_BARCODE_MAX);
    return 0;
}

static int staff_badge(const store_staff *m, void *p)
{
    badge_ctx *c = p;
    setup_label *x = list_add(c->l, SETUP_LABELS_BADGES, m->id, m->badge);
    if (!x) {
        c->nomem = true;
        return 1;
    }
    set_field(x, "name", m->name[0] ? m->name : m->id, NAME_POINTS);
    set_field(x, "role", m->role == ACCESS_ROLE_SUPERVISOR ? "Supervisor" : "Job coach",
              NAME_POINTS);
    set_field(x, "code", m->badge, CAT_BARCODE_MAX);
    return 0;
}

static stiel_status nomem(stiel_diag *diag)
{
    return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the set-up labels");
}

static stiel_status catalogue_labels(store *s, setup_labels_kind kind, catalogue_lang names,
                                     setup_labels *l, stiel_diag *diag)
{
    catalogue cat;
    memset(&cat, 0, sizeof cat);
    core_errors *errs = calloc(1, sizeof *errs);
    if (!errs)
        return nomem(diag);
    stiel_status st = session_catalogue_load(s, &cat, errs, diag);
    free(errs);
    if (st == STIEL_ERR_NOT_FOUND)
        return stiel_diag_set(diag, st, "the store has no catalogue yet: import one first");
    if (st != STIEL_OK)
        return st;
    if (kind == SETUP_LABELS_LOCATIONS) {
        for (size_t i = 0; st == STIEL_OK && i < cat.location_count; i++) {
            const catalogue_location *c = &cat.locations[i];
            setup_label *x = list_add(l, kind, c->code, c->barcode);
            if (!x)
                st = nomem(diag);
            else /* the label shows and encodes what the scanner must read: the barcode */
                set_field(x, "location", c->barcode, CAT_BARCODE_MAX);
        }
    } else {
        for (size_t i = 0; st == STIEL_OK && i < cat.item_count; i++) {
            const catalogue_item *c = &cat.items[i];
            setup_label *x = list_add(l, kind, c->sku, c->gtin);
            if (!x) {
                st = nomem(diag);
                break;
            }
            set_field(x, "name", c->name[names][0] ? c->name[names] : c->name[CAT_LANG_NL],
                      ITEM_NAME_POINTS);
            set_field(x, "gtin", c->gtin, 13);
        }
    }
    catalogue_free(&cat);
    return st;
}

/* The prompt cards the coach overlay takes: PROMPT-GESTURAL ... PROMPT-FULL-PHYSICAL. */
static stiel_status prompt_labels(setup_labels *l, stiel_diag *diag)
{
    for (int p = PICK_PROMPT_GESTURAL; p < PICK_PROMPT_COUNT; p++) {
        const char *name = pick_prompt_name((pick_prompt)p);
        char code[40] = "PROMPT-", shown[40];
        size_t n = strlen(code), m = 0;
        for (const char *c = name; *c && n + 1 < sizeof code && m + 1 < sizeof shown; c++) {
            code[n++] = *c == '_' ? '-' : (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
            shown[m] = *c == '_' ? ' ' : *c;
            if (m == 0 && shown[0] >= 'a' && shown[0] <= 'z')
                shown[0] = (char)(shown[0] - 32);
            m++;
        }
        code[n] = shown[m] = '\0';
        setup_label *x = list_add(l, SETUP_LABELS_PROMPTS, code, NULL);
        if (!x)
            return nomem(diag);
        set_field(x, "name", shown, NAME_POINTS);
        set_field(x, "role", "Prompt card", NAME_POINTS);
        set_field(x, "code", code, CAT_BARCODE_MAX);
    }
    return STIEL_OK;
}

stiel_status setup_labels_load(store *s, setup_labels_kind kind, unsigned totes,
                               catalogue_lang names, setup_labels *l, stiel_diag *diag)
{
    if ((int)names < 0 || names >= CAT_LANG_COUNT)
        names = CAT_LANG_NL;
    switch (kind) {
    case SETUP_LABELS_LOCATIONS:
    case SETUP_LABELS_ITEMS:
        return catalogue_labels(s, kind, names, l, diag);
    case SETUP_LABELS_TOTES:
        if (totes < 1 || totes > SETUP_LABELS_TOTES_MAX)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "the number of totes is 1..%d",
                                  SETUP_LABELS_TOTES_MAX);
        for (unsigned i = 1; i <= totes; i++) {
            char code[16];
            snprintf(code, sizeof code, "TOTE-%u", i);
            setup_label *x = list_add(l, kind, code, NULL);
            if (!x)
                return nomem(diag);
            set_field(x, "tote", code, 10);
        }
        return STIEL_OK;
    case SETUP_LABELS_BADGES: {
        badge_ctx c = {.l = l};
        stiel_status st = store_trainees_each(s, trainee_badge, &c, diag);
        if (st == STIEL_OK && !c.nomem)
            st = store_staff_each(s, staff_badge, &c, diag);
        return st == STIEL_OK && c.nomem ? nomem(diag) : st;
    }
    case SETUP_LABELS_PROMPTS:
        return prompt_labels(l, diag);
    default:
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no such kind of set-up label");
    }
}

stiel_status setup_labels_select(setup_labels *l, const char *codes, size_t *n,
                                 stiel_diag *diag)
{
    *n = 0;
    if (!codes) {
        for (size_t i = 0; i < l->count; i++)
            l->items[i].selected = true;
        *n = l->count;
        return STIEL_OK;
    }
    const char *p = codes;
    while (*p) {
        size_t k = strcspn(p, ",");
        char code[SETUP_LABEL_CODE_MAX];
        if (k == 0 || k >= sizeof code)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "'%.*s' is not a code",
                                  (int)(k < 64 ? k : 64), p);
        memcpy(code, p, k);
        code[k] = 0;
        bool found = false;
        for (size_t i = 0; i < l->count; i++) {
            setup_label *x = &l->items[i];
            if (strcmp(x->code, code) == 0 || (x->alt[0] && strcmp(x->alt, code) == 0)) {
                if (!x->selected)
                    (*n)++;
                x->selected = found = true;
            }
        }
        if (!found)
            return stiel_diag_set(diag, STIEL_ERR_ARG, "there is no %s label '%s' in the store",
                                  l->count ? kind_names[l->items[0].kind] : "such", code);
        p += k;
        if (*p == ',')
            p++;
    }
    return STIEL_OK;
}

void setup_labels_counts(const setup_labels *l, size_t *selected, size_t *done, size_t *failed)
{
    size_t s = 0, d = 0, f = 0;
    for (size_t i = 0; i < l->count; i++) {
        s += l->items[i].selected;
        d += l->items[i].done;
        f += l->items[i].selected && !l->items[i].done;
    }
    if (selected)
        *selected = s;
    if (done)
        *done = d;
    if (failed)
        *failed = f;
}

void setup_labels_free(setup_labels *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* ---- drawing --------------------------------------------------------------------------------- */

typedef struct renderer {
    label_template *tpl[SETUP_LABELS_KIND_COUNT];  /* loaded at a kind's first label */
    label *lab;
    render_context *ctx;
    char dir[4096];
    int dpi;
} renderer;

static void renderer_free(renderer *r)
{
    render_context_free(r->ctx);
    for (int k = 0; k < SETUP_LABELS_KIND_COUNT; k++)
        free(r->tpl[k]);
    free(r->lab);
}

static stiel_status renderer_open(renderer *r, const setup_labels_render *opt, stiel_diag *diag)
{
    memset(r, 0, sizeof *r);
    r->dpi = opt ? opt->dpi : 0;
    const char *assets = getenv("STIEL_ASSETS");
    if (opt && opt->template_dir)
        snprintf(r->dir, sizeof r->dir, "%s", opt->template_dir);
    else
        snprintf(r->dir, sizeof r->dir, "%.4000s/labels",
                 assets && assets[0] ? assets : STIEL_ASSET_DIR);
    r->lab = calloc(1, sizeof *r->lab);
    if (!r->lab)
        return nomem(diag);
    const char *fonts = opt && opt->font_dir ? opt->font_dir : getenv("STIEL_FONT_DIR");
    return render_context_new(fonts && fonts[0] ? fonts : STIEL_FONT_DIR, &r->ctx, diag);
}

static stiel_status template_load(renderer *r, setup_labels_kind k, stiel_diag *diag)
{
    if (r->tpl[k])
        return STIEL_OK;
    char path[4200];
    snprintf(path, sizeof path, "%.4096s/%s.label", r->dir, templates[k]);
    FILE *f = fopen(path, "rb");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "cannot read the template %s: %s", path,
                              strerror(errno));
    stiel_buf text;
    stiel_buf_init(&text, TEMPLATE_MAX);
    char chunk[4096];
    size_t n;
    stiel_status st = STIEL_OK;
    while (st == STIEL_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = stiel_buf_append(&text, chunk, n);
    fclose(f);
    label_template *t = calloc(1, sizeof *t);
    if (st != STIEL_OK || !t)
        st = stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the template %s is too big", path);
    if (st == STIEL_OK)
        st = label_template_parse((const char *)text.data, text.len, path, t, diag);
    stiel_buf_free(&text);
    if (st != STIEL_OK) {
        free(t);
        return st;
    }
    r->tpl[k] = t;
    return STIEL_OK;
}

/* Fills x's template with its values into r->lab. */
static stiel_status renderer_fill(renderer *r, const setup_label *x, stiel_diag *diag)
{
    stiel_status st = template_load(r, x->kind, diag);
    if (st != STIEL_OK)
        return st;
    const char *values[SETUP_LABEL_FIELDS];
    for (size_t i = 0; i < x->nfields; i++)
        values[i] = x->values[i];
    st = label_template_fill(r->tpl[x->kind], x->keys, values, x->nfields, r->lab, diag);
    if (st == STIEL_OK && r->dpi)
        r->lab->dpi = r->dpi;
    return st;
}

/* The code as a file name: letters, digits, '-', '_' and '.' kept, anything else '_'. */
static void file_name(const char *code, char *out, size_t cap)
{
    size_t n = 0;
    for (; code[n] && n + 1 < cap; n++) {
        char c = code[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (c == '.' && n > 0);
        out[n] = ok ? c : '_';
    }
    out[n] = 0;
}

static stiel_status mkdir_p(const char *path, stiel_diag *diag)
{
    char tmp[4200];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s", path) >= sizeof tmp)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the folder's path is too long");
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the folder %s: %s", tmp,
                                  strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the folder %s: %s", tmp,
                              strerror(errno));
    return STIEL_OK;
}

static stiel_status bytes_write(const char *path, const stiel_buf *b, stiel_diag *diag)
{
    char tmp[4420];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
    bool ok = fwrite(b->data, 1, b->len, f) == b->len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    }
    return STIEL_OK;
}

static stiel_status write_one(renderer *r, const char *dir, bool png, render_lang lang,
                              setup_label *x, stiel_diag *diag)
{
    stiel_status st = renderer_fill(r, x, diag);
    if (st != STIEL_OK)
        return st;
    static const char *const ext[] = {"zpl", "tspl", "epl", "bin"};
    char name[SETUP_LABEL_CODE_MAX], path[4400];
    file_name(x->code, name, sizeof name);
    snprintf(x->file, sizeof x->file, "%s.%s", name, png ? "png" : ext[lang]);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, x->file) >= sizeof path - 8)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "the folder's path is too long");
    if (png) {
        char tmp[4420];
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        st = render_label_png(r->ctx, r->lab, tmp, diag);
        if (st == STIEL_OK && rename(tmp, path) != 0)
            st = stiel_diag_set(diag, STIEL_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
        if (st != STIEL_OK)
            unlink(tmp);
        return st;
    }
    stiel_buf bytes;
    stiel_buf_init(&bytes, 0);
    st = render_label_encode(r->ctx, r->lab, lang, RENDER_RASTER_NONE, &bytes, diag);
    if (st == STIEL_OK)
        st = bytes_write(path, &bytes, diag);
    stiel_buf_free(&bytes);
    return st;
}

stiel_status setup_labels_to_folder(setup_labels *l, const setup_labels_render *opt,
                                    const char *dir, const char *lang, stiel_diag *diag)
{
    bool png = !lang || strcmp(lang, "png") == 0;
    render_lang rl = RENDER_LANG_ZPL;
    if (!png && !render_lang_from_name(lang, &rl))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the label language is png, zpl, tspl, epl "
                                                   "or escpos, not '%.40s'", lang);
    stiel_status st = mkdir_p(dir, diag);
    if (st != STIEL_OK)
        return st;
    renderer r;
    st = renderer_open(&r, opt, diag);
    for (size_t i = 0; st == STIEL_OK && i < l->count; i++) {
        setup_label *x = &l->items[i];
        if (!x->selected)
            continue;
        /* a template that cannot be read stops everything: no label of any kind could follow */
        st = template_load(&r, x->kind, diag);
        if (st != STIEL_OK)
            break;
        stiel_diag d;
        stiel_diag_clear(&d);
        if (write_one(&r, dir, png, rl, x, &d) == STIEL_OK) {
            x->done = true;
        } else {
            x->failed = true;
            snprintf(x->why, sizeof x->why, "%s", d.text);
        }
    }
    renderer_free(&r);
    return st;
}

stiel_status setup_labels_send(setup_labels *l, const setup_labels_render *opt, const char *lang,
                               setup_labels_sink sink, void *user, size_t *sent,
                               stiel_diag *diag)
{
    *sent = 0;
    render_lang rl = RENDER_LANG_ZPL;
    stiel_printer_lang pl;
    if (!lang || !stiel_printer_lang_from_name(lang, &pl) || !render_lang_from_name(lang, &rl))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "the printer language is zpl, tspl, epl or "
                                                   "escpos, not '%.40s'", lang ? lang : "");
    renderer r;
    stiel_status st = renderer_open(&r, opt, diag);
    for (size_t i = 0; st == STIEL_OK && i < l->count; i++) {
        setup_label *x = &l->items[i];
        if (!x->selected)
            continue;
        st = template_load(&r, x->kind, diag);
        if (st != STIEL_OK)
            break;
        stiel_diag d;
        stiel_diag_clear(&d);
        stiel_buf bytes;
        stiel_buf_init(&bytes, 0);
        stiel_status ls = renderer_fill(&r, x, &d);
        if (ls == STIEL_OK)
            ls = render_label_encode(r.ctx, r.lab, rl, RENDER_RASTER_NONE, &bytes, &d);
        if (ls == STIEL_OK)
            ls = sink(user, stiel_printer_lang_name(pl), bytes.data, bytes.len, &x->job, &d);
        stiel_buf_free(&bytes);
        if (ls != STIEL_OK) {
            x->failed = true;
            snprintf(x->why, sizeof x->why, "%s", d.text);
        } else {
            (*sent)++;
        }
    }
    renderer_free(&r);
    return st;
}

static stiel_status queue_sink(void *user, const char *lang, const void *bytes, size_t n,
                               uint64_t *job, stiel_diag *diag)
{
    return stiel_print_queue_add(user, lang, bytes, n, job, diag);
}

stiel_status setup_labels_queue(setup_labels *l, const setup_labels_render *opt,
                                stiel_print_queue *q, const char *lang, size_t *queued,
                                stiel_diag *diag)
{
    return setup_labels_send(l, opt, lang, queue_sink, q, queued, diag);
}
