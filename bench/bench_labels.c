/* bench_labels: the shipping label in every printer language and raster encoding — bytes on the
 * wire, seconds on a 9600-baud 8N1 line, compression against plain ASCII hex, and encode time.
 * Prints a Markdown table; see BENCHMARKS.md. Usage: bench_labels [TEMPLATE [ITERATIONS]]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "protocol/label/template.h"
#include "render/label_output.h"

typedef struct bench_case {
    const char *name;
    render_lang lang;
    render_raster raster;
} bench_case;

static const bench_case cases[] = {
    {"ZPL native", RENDER_LANG_ZPL, RENDER_RASTER_NONE},
    {"TSPL native", RENDER_LANG_TSPL, RENDER_RASTER_NONE},
    {"EPL native", RENDER_LANG_EPL, RENDER_RASTER_NONE},
    {"ZPL raster hex", RENDER_LANG_ZPL, RENDER_RASTER_HEX},
    {"ZPL raster ASCII-compressed", RENDER_LANG_ZPL, RENDER_RASTER_RLE},
    {"ZPL raster Z64", RENDER_LANG_ZPL, RENDER_RASTER_Z64},
    {"TSPL raster BITMAP", RENDER_LANG_TSPL, RENDER_RASTER_Z64},
    {"EPL raster GW", RENDER_LANG_EPL, RENDER_RASTER_Z64},
    {"ESC/POS raster GS v 0", RENDER_LANG_ESCPOS, RENDER_RASTER_NONE},
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char text[1 << 16];
    *len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[*len] = '\0';
    return text;
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "shipping";
    int iterations = argc > 2 ? atoi(argv[2]) : 200;
    if (iterations < 1)
        iterations = 1;
    char path[512];
    snprintf(path, sizeof path, "%s/labels/%s.label", STIEL_ASSET_DIR, name);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "bench_labels: cannot read %s\n", path);
        return 2;
    }
    stiel_diag diag;
    static label_template tmpl;
    static label lab;
    if (label_template_parse(text, len, path, &tmpl, &diag) != STIEL_OK ||
        label_template_fill(&tmpl, NULL, NULL, 0, &lab, &diag) != STIEL_OK) {
        fprintf(stderr, "bench_labels: %s\n", diag.text);
        return 2;
    }
    render_context *ctx = NULL;
    if (render_context_new(STIEL_FONT_DIR, &ctx, &diag) != STIEL_OK) {
        fprintf(stderr, "bench_labels: %s\n", diag.text);
        return 2;
    }
    printf("label: %s (%.0fx%.0f mm, %d dpi), %d iterations per case\n\n", name, lab.width_mm,
           lab.height_mm, lab.dpi, iterations);
    printf("| encoding | bytes | s at 9600 8N1 | vs ZPL hex | encode median ms | p99 ms |\n");
    printf("|---|---:|---:|---:|---:|---:|\n");
    double *times = calloc((size_t)iterations, sizeof *times);
    size_t hex_bytes = 0;
    stiel_buf out;
    stiel_buf_init(&out, 0);
    int rc = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int i = 0; i < iterations; i++) {
            stiel_buf_reset(&out);
            double t0 = now_ms();
            stiel_status st = render_label_encode(ctx, &lab, cases[c].lang, cases[c].raster, &out, &diag);
            times[i] = now_ms() - t0;
            if (st != STIEL_OK) {
                fprintf(stderr, "bench_labels: %s: %s\n", cases[c].name, diag.text);
                rc = 1;
                break;
            }
        }
        if (cases[c].lang == RENDER_LANG_ZPL && cases[c].raster == RENDER_RASTER_HEX)
            hex_bytes = out.len;
        qsort(times, (size_t)iterations, sizeof *times, cmp_double);
        double median = times[iterations / 2];
        double p99 = times[(int)((iterations - 1) * 0.99)];
        /* 8N1: 10 bits on the line per byte. */
        double seconds = (double)out.len * 10.0 / 9600.0;
        char ratio[32] = "";
        if (hex_bytes && cases[c].lang == RENDER_LANG_ZPL && cases[c].raster != RENDER_RASTER_NONE)
            snprintf(ratio, sizeof ratio, "1/%.1f", (double)hex_bytes / (double)out.len);
        printf("| %s | %zu | %.2f | %s | %.3f | %.3f |\n", cases[c].name, out.len, seconds, ratio,
               median, p99);
    }
    free(times);
    stiel_buf_free(&out);
    render_context_free(ctx);
    return rc;
}
