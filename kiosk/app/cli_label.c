/* stiel label: fills a label template with --set values and writes it as ZPL, TSPL, EPL (native
 * or --raster), ESC/POS (raster) or a PNG preview; `stiel label TEMPLATE --help` lists the
 * template's fields. Every error is named on stderr, exits 2 and writes nothing. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_label_io.h"
#include "protocol/label/template.h"
#include "render/label_output.h"
#include "render/render.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

typedef struct label_args {
    const char *template_name;
    const char *lang;
    const char *raster;
    const char *out;
    int dpi;              /* 0: the template's */
    bool help;
    size_t set_count;
    const char *keys[LABEL_TEMPLATE_MAX_FIELDS];
    const char *values[LABEL_TEMPLATE_MAX_FIELDS];
    char *set_copies[LABEL_TEMPLATE_MAX_FIELDS];
} label_args;

static const char usage[] =
    "usage: stiel label TEMPLATE [--set key=value ...] --lang zpl|tspl|epl|escpos|png\n"
    "                   [--raster z64|hex|rle] [--dpi 203|300] --out FILE|-\n"
    "       stiel label TEMPLATE --help     (lists the template's fields)\n";

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "stiel label: <message>" on stderr and returns exit status 2. */
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("stiel label: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

static void args_free(label_args *a)
{
    for (size_t i = 0; i < a->set_count; i++)
        free(a->set_copies[i]);
}

/* Parses argv; returns 0 or 2 after saying why. */
static int args_parse(int argc, char **argv, label_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->help = true;
        } else if (strcmp(arg, "--set") == 0 || strcmp(arg, "--lang") == 0 || strcmp(arg, "--raster") == 0 ||
                   strcmp(arg, "--out") == 0 || strcmp(arg, "--dpi") == 0) {
            if (!has_value)
                return fail("%s needs a value", arg);
            const char *v = argv[++i];
            if (strcmp(arg, "--set") == 0) {
                const char *eq = strchr(v, '=');
                if (eq == NULL || eq == v)
                    return fail("--set '%s' is not key=value", v);
                if (a->set_count == LABEL_TEMPLATE_MAX_FIELDS)
                    return fail("too many --set options");
                char *copy = strdup(v);
                if (copy == NULL)
                    return fail("out of memory");
                copy[eq - v] = '\0';
                a->set_copies[a->set_count] = copy;
                a->keys[a->set_count] = copy;
                a->values[a->set_count] = copy + (eq - v) + 1;
                a->set_count++;
            } else if (strcmp(arg, "--lang") == 0) {
                a->lang = v;
            } else if (strcmp(arg, "--raster") == 0) {
                a->raster = v;
            } else if (strcmp(arg, "--out") == 0) {
                a->out = v;
            } else if (strcmp(v, "203") == 0 || strcmp(v, "300") == 0) {
                a->dpi = atoi(v);
            } else {
                return fail("--dpi '%s' is not 203 or 300", v);
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return fail("unknown option '%s'\n%s", arg, usage);
        } else if (a->template_name == NULL) {
            a->template_name = arg;
        } else {
            return fail("more than one template given ('%s' and '%s')", a->template_name, arg);
        }
    }
    if (a->template_name == NULL && !a->help)
        return fail("no template given\n%s", usage);
    return 0;
}

static void print_fields(FILE *out, const char *name, const label_template *t)
{
    fprintf(out, "%s: %s\n", name, t->title[0] ? t->title : "(no title)");
    fprintf(out, "%g x %g mm at %d dpi\n\n", t->width_mm, t->height_mm, t->dpi);
    fputs("fields (set with --set NAME=VALUE; a field not set takes its sample):\n", out);
    for (size_t i = 0; i < label_template_field_count(t); i++) {
        const label_field *f = label_template_field_get(t, i);
        fprintf(out, "  %-18s %-7s %s\n", f->name, label_field_kind_name(f->kind), f->description);
        fprintf(out, "  %-18s %-7s sample: %s\n", "", "", f->sample);
    }
}

/* Renders the PNG to out (or to a temporary file copied to stdout for "-"). */
static stiel_status write_png(render_context *ctx, const label *lab, const char *out, stiel_diag *diag)
{
    if (strcmp(out, "-") != 0)
        return render_label_png(ctx, lab, out, diag);
    char tmp[] = "/tmp/stiel-label-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot create a temporary file in /tmp");
    close(fd);
    stiel_status st = render_label_png(ctx, lab, tmp, diag);
    if (st == STIEL_OK)
        st = cli_label_copy_to_stdout(tmp, diag);
    unlink(tmp);
    return st;
}

static int run(const label_args *a, label_template *t, label *lab)
{
    char path[4096];
    stiel_diag diag;
    stiel_diag_clear(&diag);
    if (cli_label_resolve(a->template_name, path, sizeof path, &diag) != STIEL_OK)
        return fail("%s", diag.text);
    stiel_buf text;
    stiel_buf_init(&text, 0);
    stiel_status st = cli_label_read_file(path, &text, &diag);
    if (st == STIEL_OK)
        st = label_template_parse((const char *)text.data, text.len, path, t, &diag);
    stiel_buf_free(&text);
    if (st != STIEL_OK)
        return fail("%s", diag.text);
    if (a->help) {
        print_fields(stdout, a->template_name, t);
        return 0;
    }
    bool png = a->lang != NULL && strcmp(a->lang, "png") == 0;
    render_lang lang = RENDER_LANG_ZPL;
    render_raster raster = RENDER_RASTER_NONE;
    if (a->lang == NULL)
        return fail("--lang is required (zpl, tspl, epl, escpos or png)");
    if (!png && !render_lang_from_name(a->lang, &lang))
        return fail("--lang '%s' is not zpl, tspl, epl, escpos or png", a->lang);
    if (a->raster != NULL && (!render_raster_from_name(a->raster, &raster) || raster == RENDER_RASTER_NONE))
        return fail("--raster '%s' is not z64, hex or rle", a->raster);
    if (a->raster != NULL && png)
        return fail("--raster does not apply to --lang png (a PNG is always a picture)");
    if (a->out == NULL)
        return fail("--out FILE is required (use --out - for standard output)");
    st = label_template_fill(t, a->keys, a->values, a->set_count, lab, &diag);
    if (st != STIEL_OK)
        return fail("%s", diag.text);
    if (a->dpi != 0)
        lab->dpi = a->dpi;

    render_context *ctx = NULL;
    const char *fonts = getenv("STIEL_FONT_DIR");
    st = render_context_new(fonts != NULL && fonts[0] != '\0' ? fonts : STIEL_FONT_DIR, &ctx, &diag);
    if (st != STIEL_OK)
        return fail("%s", diag.text);
    if (png) {
        st = write_png(ctx, lab, a->out, &diag);
    } else {
        stiel_buf out;
        stiel_buf_init(&out, 0);
        st = render_label_encode(ctx, lab, lang, raster, &out, &diag);
        if (st == STIEL_OK)
            st = cli_label_write_file(a->out, out.data, out.len, &diag);
        stiel_buf_free(&out);
    }
    render_context_free(ctx);
    if (st != STIEL_OK)
        return fail("%s: %s", a->template_name, diag.text);
    return 0;
}

int cli_label(int argc, char **argv)
{
    label_args a;
    int rc = args_parse(argc, argv, &a);
    if (rc != 0) {
        args_free(&a);
        return rc;
    }
    if (a.template_name == NULL) { /* stiel label --help */
        fputs(usage, stdout);
        args_free(&a);
        return 0;
    }
    label_template *t = calloc(1, sizeof *t);
    label *lab = calloc(1, sizeof *lab);
    if (t == NULL || lab == NULL)
        rc = fail("out of memory");
    else
        rc = run(&a, t, lab);
    free(t);
    free(lab);
    args_free(&a);
    return rc;
}
