/* stiel credential TRAINEE COMPETENCY|--all --out FILE|DIR: Open Badges 3.0 credentials for
 * signed-off competencies, signed with the hub's key (made on first use beside the store);
 * stiel verify-credential FILE: checks one, byte for byte, against the hub's key. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/credential_issue.h"

#ifndef STIEL_ASSET_DIR
#define STIEL_ASSET_DIR "assets"
#endif

#define CRED_USAGE                                                                                \
    "stiel credential TRAINEE COMPETENCY|--all --out FILE|DIR [--db PATH] [--with-names] "       \
    "[--assets DIR]"

static const char *hub_name(void)
{
    const char *n = getenv("STIEL_HUB_NAME");
    return n && *n ? n : "Stiel training hub";
}

typedef struct cred_job {
    store *s;
    credential_issue_opts o;
    const char *trainee;
} cred_job;

static int issue_one(const cred_job *j, const competency_framework *fw, const competency_def *def,
                     const char *path)
{
    cJSON *doc = NULL;
    stiel_diag d;
    stiel_status st = credential_issue(j->s, &j->o, j->trainee, fw, def, &doc, &d);
    if (st == STIEL_OK)
        st = credential_write(doc, path, &d);
    cJSON_Delete(doc);
    if (st != STIEL_OK) {
        fprintf(stderr, "stiel credential: %s\n", d.text);
        return 2;
    }
    printf("%s: %s -> %s\n", j->trainee, def->id, path);
    return 0;
}

static int issue_all(const cred_job *j, const credential_frameworks *fws, const char *dir)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "stiel credential: cannot make the folder %s: %s\n", dir,
                strerror(errno));
        return 2;
    }
    int written = 0;
    for (size_t f = 0; f < fws->count; f++) {
        const competency_framework *fw = &fws->items[f];
        for (size_t i = 0; i < fw->count; i++) {
            store_signoff so;
            if (store_competency_signoff_find(j->s, j->trainee, fw->items[i].id, &so, NULL) !=
                STIEL_OK)
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s-%s.json", dir, j->trainee, fw->items[i].id);
            int rc = issue_one(j, fw, &fw->items[i], path);
            if (rc != 0)
                return rc;
            written++;
        }
    }
    if (written == 0) {
        fprintf(stderr, "stiel credential: %s has no competency signed off yet\n", j->trainee);
        return 2;
    }
    return 0;
}

int cli_credential(int argc, char **argv)
{
    const char *trainee = NULL, *competency = NULL, *out = NULL, *db = NULL;
    const char *assets = getenv("STIEL_ASSETS");
    bool all = false, names = false;
    if (!assets || !*assets)
        assets = STIEL_ASSET_DIR;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--assets") == 0 && i + 1 < argc)
            assets = argv[++i];
        else if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (strcmp(argv[i], "--with-names") == 0)
            names = true;
        else if (argv[i][0] != '-' && !trainee)
            trainee = argv[i];
        else if (argv[i][0] != '-' && !competency)
            competency = argv[i];
        else {
            fprintf(stderr, "stiel credential: unexpected '%s' (usage: " CRED_USAGE ")\n", argv[i]);
            return 2;
        }
    }
    if (!trainee || !out || all == (competency != NULL)) {
        fputs("usage: " CRED_USAGE "\n", stderr);
        return 2;
    }
    credential_frameworks *fws = calloc(1, sizeof *fws);
    stiel_diag d;
    stiel_buf path, keypath;
    stiel_buf_init(&path, 4096);
    stiel_buf_init(&keypath, 4096);
    int rc = fws ? 0 : 2;
    if (rc == 0 && credential_frameworks_load(assets, fws, &d) != STIEL_OK) {
        fprintf(stderr, "stiel credential: %s\n", d.text);
        rc = 2;
    }
    const competency_framework *fw = NULL;
    const competency_def *def = NULL;
    if (rc == 0 && competency) {
        def = credential_frameworks_find(fws, competency, &fw);
        if (!def) {
            fprintf(stderr, "stiel credential: no competency %s in %s/competencies\n", competency,
                    assets);
            rc = 2;
        }
    }
    if (rc == 0)
        rc = cli_store_path(db, &path);
    store *s = NULL;
    if (rc == 0) {
        store_options opts = {.read_only = true, .must_exist = true};
        if (store_open((const char *)path.data, &opts, &s, &d) != STIEL_OK) {
            fprintf(stderr, "stiel credential: %s\n", d.text);
            rc = 2;
        }
    }
    credential_key key;
    bool created = false;
    if (rc == 0 && (credential_key_path((const char *)path.data, &keypath, &d) != STIEL_OK ||
                    credential_key_load_or_create((const char *)keypath.data, &key, &created,
                                                  &d) != STIEL_OK)) {
        fprintf(stderr, "stiel credential: %s\n", d.text);
        rc = 2;
    }
    if (rc == 0 && created)
        fprintf(stderr, "stiel credential: made the hub's signing key %s (keep it; back it up)\n",
                (const char *)keypath.data);
    if (rc == 0) {
        cred_job j = {.s = s, .trainee = trainee,
                      .o = {.key = &key, .issuer_name = hub_name(), .with_names = names,
                            .now_ms = cli_now_ms()}};
        rc = all ? issue_all(&j, fws, out) : issue_one(&j, fw, def, out);
    }
    sodium_memzero(&key, sizeof key);
    store_close(s);
    stiel_buf_free(&path);
    stiel_buf_free(&keypath);
    free(fws);
    return rc;
}

/* ---- verify-credential ----------------------------------------------------------------------- */

#define VERIFY_USAGE "stiel verify-credential FILE [--db PATH | --key FILE] [--allow-reformatted]"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    stiel_buf b;
    stiel_buf_init(&b, 1 << 22);
    char chunk[4096];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = stiel_buf_append(&b, chunk, n) == STIEL_OK;
    ok = ok && !ferror(f);
    fclose(f);
    if (!ok) {
        stiel_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? (char *)b.data : calloc(1, 1);
}

int cli_verify_credential(int argc, char **argv)
{
    const char *file = NULL, *db = NULL, *keyfile = NULL;
    bool lenient = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
            keyfile = argv[++i];
        else if (strcmp(argv[i], "--allow-reformatted") == 0)
            lenient = true;
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            fprintf(stderr, "stiel verify-credential: unexpected '%s' (usage: " VERIFY_USAGE ")\n",
                    argv[i]);
            return 2;
        }
    }
    if (!file) {
        fputs("usage: " VERIFY_USAGE "\n", stderr);
        return 2;
    }
    size_t len = 0;
    char *text = read_all(file, &len);
    if (!text) {
        fprintf(stderr, "stiel verify-credential: cannot read %s\n", file);
        return 2;
    }
    /* the hub's key: --key, else the one beside the store */
    stiel_buf kp;
    stiel_buf_init(&kp, 4096);
    credential_key key;
    stiel_diag d;
    bool have_key = false;
    int rc = 0;
    if (keyfile) {
        rc = stiel_buf_puts(&kp, keyfile) == STIEL_OK ? 0 : 2;
    } else {
        stiel_buf sp;
        stiel_buf_init(&sp, 4096);
        rc = cli_store_path(db, &sp);
        if (rc == 0 && credential_key_path((const char *)sp.data, &kp, &d) != STIEL_OK)
            rc = 2;
        stiel_buf_free(&sp);
    }
    if (rc == 0) {
        stiel_status st = credential_key_load((const char *)kp.data, &key, &d);
        have_key = st == STIEL_OK;
        if (st != STIEL_OK && (keyfile || st != STIEL_ERR_NOT_FOUND)) {
            fprintf(stderr, "stiel verify-credential: %s\n", d.text);
            rc = 2;
        }
    }
    if (rc == 0) {
        credential_check c;
        stiel_status st = credential_verify(text, len, have_key ? key.pk : NULL, lenient, &c);
        if (st == STIEL_OK) {
            printf("%s: valid, signed by %s%s\n", file, c.issuer,
                   have_key ? " (this hub's key)" : "");
            if (!have_key)
                printf("note: no hub key at %s, so the issuer was not compared with this hub\n",
                       (const char *)kp.data);
            if (!c.canonical_ok)
                printf("note: the file was reformatted since it was issued (content intact)\n");
        } else {
            printf("%s: INVALID: %s\n", file, c.what[0] ? c.what : "not a credential");
            rc = 1;
        }
    }
    if (have_key)
        sodium_memzero(&key, sizeof key);
    stiel_buf_free(&kp);
    free(text);
    return rc;
}
