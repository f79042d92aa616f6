/* Filling the shipping template from a pack_label and handing it to render/ (PNG or printer
 * bytes). */
#include "kiosk/app/kiosk_print.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app/cli_label_io.h"
#include "protocol/label/template.h"
#include "render/label_output.h"
#include "render/render.h"

struct kiosk_print {
    label_template tpl;
    render_context *ctx;
    char dir[4096];
};

stiel_status kiosk_print_new(const char *asset_dir, const char *font_dir, const char *label_dir,
                             kiosk_print **out, stiel_diag *diag)
{
    *out = NULL;
    kiosk_print *p = calloc(1, sizeof *p);
    if (!p)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the label printer");
    char path[4200];
    snprintf(path, sizeof path, "%s/labels/shipping.label", asset_dir);
    snprintf(p->dir, sizeof p->dir, "%s", label_dir);
    if (mkdir(label_dir, 0700) != 0 && errno != EEXIST) {
        free(p);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make the label folder %s: %s",
                              label_dir, strerror(errno));
    }
    stiel_buf text;
    stiel_buf_init(&text, 0);
    stiel_status st = cli_label_read_file(path, &text, diag);
    if (st == STIEL_OK)
        st = label_template_parse((const char *)text.data, text.len, path, &p->tpl, diag);
    stiel_buf_free(&text);
    if (st == STIEL_OK)
        st = render_context_new(font_dir, &p->ctx, diag);
    if (st != STIEL_OK) {
        free(p);
        return st;
    }
    *out = p;
    return STIEL_OK;
}

void kiosk_print_free(kiosk_print *p)
{
    if (!p)
        return;
    render_context_free(p->ctx);
    free(p);
}

static stiel_status fill(kiosk_print *p, const pack_label *lab, label *out, stiel_diag *diag)
{
    char box[8], boxes[8];
    snprintf(box, sizeof box, "%u", lab->box_n);
    snprintf(boxes, sizeof boxes, "%u", lab->box_m);
    const char *keys[] = {"order", "box", "boxes", "tracking", "sscc",
                          "receiver_name", "receiver_street", "receiver_city", "receiver_country"};
    const char *vals[] = {lab->order_no, box, boxes, lab->tracking, lab->sscc,
                          "Stiel oefenklant", "Oefenstraat 1", "3542 AD Utrecht", "Nederland"};
    return label_template_fill(&p->tpl, keys, vals, sizeof keys / sizeof keys[0], out, diag);
}

bool kiosk_print_png_path(const char *label_dir, const char *sscc, unsigned copy, char *out,
                          size_t cap)
{
    if (cap == 0)
        return false;
    out[0] = '\0';
    if (!sscc || !sscc[0] || !label_dir || !label_dir[0])
        return false;
    int n = snprintf(out, cap, "%s/label-%s-%u.png", label_dir, sscc, copy);
    if (n < 0 || (size_t)n >= cap) {
        out[0] = '\0';
        return false;
    }
    return true;
}

stiel_status kiosk_print_png(kiosk_print *p, const pack_label *lab, char *png_path, size_t cap,
                             stiel_diag *diag)
{
    static label lb;
    stiel_status st = fill(p, lab, &lb, diag);
    if (st != STIEL_OK)
        return st;
    char path[4200];
    if (!kiosk_print_png_path(p->dir, lab->sscc, lab->copy, path, sizeof path))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label %s: the path in %s is too long",
                              lab->sscc, p->dir);
    st = render_label_png(p->ctx, &lb, path, diag);
    if (st == STIEL_OK && png_path)
        snprintf(png_path, cap, "%s", path);
    return st;
}

stiel_status kiosk_print_encode(kiosk_print *p, const pack_label *lab, const char *lang,
                                stiel_buf *out, stiel_diag *diag)
{
    render_lang rl;
    if (!render_lang_from_name(lang, &rl))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "printer language %s is unknown", lang);
    static label lb;
    stiel_status st = fill(p, lab, &lb, diag);
    if (st == STIEL_OK)
        st = render_label_encode(p->ctx, &lb, rl, RENDER_RASTER_NONE, out, diag);
    return st;
}
