/* The test helpers declared in core_fixture.h. */
#include "tests/kiosk/core/core_fixture.h"

#include <stdio.h>
#include <stdlib.h>

char *fixture_read_asset(const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", STIEL_TEST_ASSETS, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t n = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            data = malloc((size_t)size + 1);
            if (data)
                n = fread(data, 1, (size_t)size, f);
        }
    }
    fclose(f);
    if (data) {
        data[n] = '\0';
        *len = n;
    }
    return data;
}

stiel_status fixture_load_warehouse(catalogue *cat, core_errors *errs)
{
    static const char *const names[5] = { "items.csv", "locations.csv", "boxes.csv",
                                          "trainees.csv", "staff.csv" };
    char *text[5] = { 0 };
    size_t len[5] = { 0 };
    for (int k = 0; k < 5; k++) {
        char rel[64];
        snprintf(rel, sizeof rel, "warehouse/%s", names[k]);
        text[k] = fixture_read_asset(rel, &len[k]);
    }
    catalogue_sources src = {
        { names[0], text[0], len[0] }, { names[1], text[1], len[1] },
        { names[2], text[2], len[2] }, { names[3], text[3], len[3] },
        { names[4], text[4], len[4] },
    };
    core_errors_clear(errs);
    stiel_status st = catalogue_import(&src, cat, errs);
    for (int k = 0; k < 5; k++)
        free(text[k]);
    return st;
}
