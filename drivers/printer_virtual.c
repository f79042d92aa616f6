/* The virtual printer (demo mode, tests): always READY, and each job becomes one file in
 * preview_dir. A job that carries graphics (printer_preview.c: ZPL ^GFA, TSPL BITMAP, EPL GW,
 * ESC/POS GS v 0) becomes job-<id>.png, drawn with the SDL-free PNG encoder (native fields beside
 * the graphics are not drawn). A job with only native fields (e.g. ZPL ^A0 text) cannot be drawn
 * in drivers/ (no renderer here): its own bytes become job-<id>.zpl (.tspl, .epl, .escpos: the
 * printer's language), and the job still counts as printed. Files are written to a temporary name
 * and renamed. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/printer_impl.h"
#include "drivers/printer_preview.h"
#include "protocol/raster/png.h"

static stiel_status write_atomic(const char *path, const void *data, size_t n, stiel_diag *diag)
{
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
    const uint8_t *p = data;
    size_t left = n;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int err = errno;
            close(fd);
            unlink(tmp);
            return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", tmp, strerror(err));
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write %s: %s", path, strerror(err));
    }
    return STIEL_OK;
}

stiel_status printer_virtual_deliver(printer *p, uint64_t id, const uint8_t *bytes, size_t n, stiel_diag *diag)
{
    char path[1200];
    stiel_bitmap bm;
    size_t native = 0;
    stiel_diag pd;
    stiel_diag_clear(&pd);
    stiel_diag_clear(diag);
    stiel_status st = stiel_printer_preview(p->cfg.lang, bytes, n, 203, &bm, &native, &pd);
    if (st == STIEL_ERR_NOT_FOUND) {
        snprintf(path, sizeof path, "%s/job-%" PRIu64 ".%s", p->preview_dir, id, stiel_printer_lang_name(p->cfg.lang));
        st = write_atomic(path, bytes, n, diag);
        if (st == STIEL_OK)
            stiel_diag_set(diag, STIEL_OK, "no graphic to draw, bytes kept as %s", path);
        return st;
    }
    if (st != STIEL_OK) {
        if (diag)
            *diag = pd;
        return st;
    }
    stiel_buf png;
    stiel_buf_init(&png, 0);
    st = raster_png_encode(&bm, &png, diag);
    stiel_bitmap_free(&bm);
    snprintf(path, sizeof path, "%s/job-%" PRIu64 ".png", p->preview_dir, id);
    if (st == STIEL_OK)
        st = write_atomic(path, png.data, png.len, diag);
    stiel_buf_free(&png);
    if (st == STIEL_OK)
        stiel_diag_set(diag, STIEL_OK, "preview %s%s", path, native ? " (native fields not drawn)" : "");
    return st;
}

stiel_status stiel_printer_virtual_port(const char *preview_dir, char *out, size_t cap, stiel_diag *diag)
{
    if (!preview_dir || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no preview folder");
    if (mkdir(preview_dir, 0700) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot create preview folder %s: %s", preview_dir, strerror(errno));
    int len = snprintf(out, cap, "%s/.port", preview_dir);
    if (len < 0 || (size_t)len >= cap)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "preview folder path is too long");
    if (mkfifo(out, 0600) != 0 && errno != EEXIST)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make %s: %s", out, strerror(errno));
    return STIEL_OK;
}

const stiel_device_ops stiel_printer_virtual_ops = {
    .name = "printer-virtual",
    .on_open = printer_on_open,
    .on_readable = printer_on_readable,
    .on_tick = printer_on_tick,
    .on_hangup = printer_on_hangup,
    .on_command = printer_on_command,
    .destroy = printer_destroy,
};
