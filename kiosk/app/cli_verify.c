/* stiel verify [--db PATH]: walks every kiosk's hash chain in the evidence store and prints a
 * one-line summary (exit 0) or the first row that breaks it (exit 1). */
#include <stdio.h>
#include <string.h>

#include "kiosk/app/cli.h"
#include "kiosk/store/store.h"

/* Resolves --db PATH or the default store path into path. Returns 0, or 2 after a message. */
int cli_store_path(const char *db, stiel_buf *path)
{
    stiel_diag d;
    if (db) {
        if (stiel_buf_puts(path, db) != STIEL_OK) {
            fputs("stiel: the --db path is too long\n", stderr);
            return 2;
        }
        return 0;
    }
    if (store_default_path(path, &d) != STIEL_OK) {
        fprintf(stderr, "stiel: %s\n", d.text);
        return 2;
    }
    return 0;
}

int cli_verify(int argc, char **argv)
{
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else {
            fprintf(stderr, "stiel verify: unexpected '%s' (usage: stiel verify [--db PATH])\n",
                    argv[i]);
            return 2;
        }
    }
    stiel_buf path;
    stiel_buf_init(&path, 4096);
    int rc = cli_store_path(db, &path);
    if (rc != 0) {
        stiel_buf_free(&path);
        return rc;
    }
    store_options opts = {.read_only = true, .must_exist = true};
    store *s = NULL;
    stiel_diag d;
    stiel_status st = store_open((const char *)path.data, &opts, &s, &d);
    stiel_buf_free(&path);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel verify: %s\n", d.text);
        return 2;
    }
    store_verify_report rep;
    st = store_verify(s, &rep, &d);
    store_close(s);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel verify: %s\n", d.text);
        return 2;
    }
    if (!rep.ok) {
        printf("chain broken at kiosk %s, seq %lld, event %s: %s\n", rep.bad_kiosk,
               (long long)rep.bad_seq, rep.bad_id[0] ? rep.bad_id : "?", rep.what);
        return 1;
    }
    printf("%lld event%s on %lld kiosk%s, chain intact", (long long)rep.events,
           rep.events == 1 ? "" : "s", (long long)rep.kiosks, rep.kiosks == 1 ? "" : "s");
    if (rep.erased > 0)
        printf(", %lld payload%s erased by logged erasures", (long long)rep.erased,
               rep.erased == 1 ? "" : "s");
    printf(", head %s\n", rep.head_hex);
    return 0;
}
