/* stiel verify [--code HEX] [--db PATH]: walks every kiosk's hash chain in the evidence store and
 * prints a one-line summary (exit 0) or the first row that breaks it (exit 1); with --code, then
 * checks a dossier's verification code against the "dossier.issued" event that recorded it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/cli.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_dossier.h"

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

/* "2026-11-26 14:03 UTC" */
static void time_text(int64_t ts_ms, char out[32])
{
    time_t t = (time_t)(ts_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        snprintf(out, 32, "?");
}

/* True when code is 64 hex digits (either case); lower receives it in lowercase. */
static bool code_parse(const char *code, char lower[STORE_HASH_HEX])
{
    if (strlen(code) != STORE_HASH_HEX - 1)
        return false;
    for (size_t i = 0; i < STORE_HASH_HEX - 1; i++) {
        char c = code[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        lower[i] = c;
    }
    lower[STORE_HASH_HEX - 1] = '\0';
    return true;
}

/* With the chains intact: judges code against the dossier.issued events and the store's head.
 * Returns 0 (it matches), 1 (unknown or not matching, said which) or 2 (the store failed). */
static int code_check(store *s, const char *code, const store_verify_report *rep)
{
    store_dossier_check *c = calloc(1, sizeof *c);
    stiel_diag d;
    if (!c || store_dossier_check_code(s, code, c, &d) != STIEL_OK) {
        fprintf(stderr, "stiel verify: %s\n", c ? d.text : "out of memory");
        free(c);
        return 2;
    }
    int rc = 1;
    if (c->verdict == STORE_DOSSIER_MATCH) {
        const evidence_dossier *x = &c->dossier;
        char when[32];
        time_text(c->ts_ms, when);
        printf("dossier code %s issued %s by %s for %s (period %s to %s, %s%s): matches the "
               "evidence chain (%zu kiosk%s, up to",
               code, when, c->actor_id, x->trainee, x->from, x->to, x->format,
               x->with_names ? ", with names" : "", x->chain_count,
               x->chain_count == 1 ? "" : "s");
        for (size_t i = 0; i < x->chain_count; i++)
            printf("%s %s seq %lld", i ? "," : "", x->chains[i].kiosk,
                   (long long)x->chains[i].seq);
        printf("%s)", x->chain_count ? "" : " no event");
        if (c->issued > 1)
            printf("; issued %lld times", (long long)c->issued);
        printf("\n");
        rc = 0;
    } else if (c->verdict == STORE_DOSSIER_MISMATCH) {
        printf("dossier code %s does not match the evidence chain: %s (its dossier.issued event "
               "%s, kiosk %s, seq %lld)\n",
               code, c->what, c->event_id, c->kiosk_id, (long long)c->seq);
    } else if (strcmp(code, rep->head_hex) == 0) {
        printf("dossier code %s is the current head of the whole store, but no dossier.issued "
               "event names it: a code printed before dossiers were recorded can be checked only "
               "until another event is appended\n",
               code);
        rc = 0;
    } else {
        printf("dossier code %s is unknown: no dossier issued from this store has it and it is "
               "not the store's current head (another store, a typing error, or the trainee's "
               "evidence was erased)\n",
               code);
    }
    free(c);
    return rc;
}

int cli_verify(int argc, char **argv)
{
    const char *db = NULL;
    const char *code_arg = NULL;
    char code[STORE_HASH_HEX];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else if (strcmp(argv[i], "--code") == 0 && i + 1 < argc) {
            code_arg = argv[++i];
        } else {
            fprintf(stderr, "stiel verify: unexpected '%s' (usage: stiel verify [--code HEX] "
                            "[--db PATH])\n",
                    argv[i]);
            return 2;
        }
    }
    if (code_arg && !code_parse(code_arg, code)) {
        fprintf(stderr, "stiel verify: '%.80s' is not a verification code: a dossier prints it as "
                        "64 hex digits (0-9, a-f)\n",
                code_arg);
        return 2;
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
    if (st != STIEL_OK) {
        store_close(s);
        fprintf(stderr, "stiel verify: %s\n", d.text);
        return 2;
    }
    if (!rep.ok) {
        store_close(s);
        printf("chain broken at kiosk %s, seq %lld, event %s: %s\n", rep.bad_kiosk,
               (long long)rep.bad_seq, rep.bad_id[0] ? rep.bad_id : "?", rep.what);
        if (code_arg)
            printf("dossier code %s cannot be checked: the evidence chain is broken\n", code);
        return 1;
    }
    printf("%lld event%s on %lld kiosk%s, chain intact", (long long)rep.events,
           rep.events == 1 ? "" : "s", (long long)rep.kiosks, rep.kiosks == 1 ? "" : "s");
    if (rep.erased > 0)
        printf(", %lld payload%s erased by logged erasures", (long long)rep.erased,
               rep.erased == 1 ? "" : "s");
    printf(", head %s\n", rep.head_hex);
    rc = code_arg ? code_check(s, code, &rep) : 0;
    store_close(s);
    return rc;
}
