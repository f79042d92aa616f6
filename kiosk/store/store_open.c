/* Opening and closing the evidence store: the file created owner-only (0600, which SQLite copies
 * to the -wal and -shm files), WAL with synchronous=FULL, migrations, and the error mapping that
 * every store file uses. */
#include "kiosk/store/store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "common/log.h"

#define LOG_PREFIX "store"

enum { STORE_BUSY_TIMEOUT_MS = 5000 };

stiel_status store_sqlite_fail(store *s, int rc, const char *what, stiel_diag *diag)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    const char *path = s && s->path ? s->path : "?";
    stiel_status code;
    const char *hint = "";
    switch (rc & 0xff) {
    case SQLITE_FULL:
        code = STIEL_ERR_NOSPACE;
        hint = ": the disk is full, free some space";
        break;
    case SQLITE_READONLY:
        code = STIEL_ERR_DENIED;
        hint = ": the store is read-only here";
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = STIEL_ERR_BUSY;
        hint = ": another program holds the store, try again";
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        code = STIEL_ERR_CORRUPT;
        break;
    case SQLITE_NOMEM:
        code = STIEL_ERR_NOMEM;
        break;
    case SQLITE_CONSTRAINT:
        code = (rc == SQLITE_CONSTRAINT_TRIGGER) ? STIEL_ERR_DENIED : STIEL_ERR_ARG;
        break;
    default:
        code = STIEL_ERR_IO;
        break;
    }
    return stiel_diag_set(diag, code, "%s: %s (%s)%s", what, msg, path, hint);
}

stiel_status store_exec(store *s, const char *sql, const char *what, stiel_diag *diag)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, what, diag);
    return STIEL_OK;
}

sqlite3 *store_sqlite(store *s)
{
    return s ? s->db : NULL;
}

/* Makes a new file's directory entry durable (best effort: logged, not fatal). */
static void dir_sync(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        LOG_WARN("cannot sync the folder of %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
}

/* Makes sure path exists with mode 0600 (creating it unless must_exist); SQLite gives the -wal
 * and -shm files the database file's mode, so they are owner-only too. */
static stiel_status file_prepare(const char *path, const store_options *o, stiel_diag *diag)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (!S_ISREG(sb.st_mode))
            return stiel_diag_set(diag, STIEL_ERR_ARG, "%s is not a regular file", path);
        if ((sb.st_mode & 077) != 0 && !o->read_only) {
            LOG_WARN("%s was readable by others (mode %03o): setting it to 0600", path,
                     (unsigned)(sb.st_mode & 0777));
            if (chmod(path, 0600) != 0)
                return stiel_diag_set(diag, STIEL_ERR_IO, "cannot make %s owner-only: %s", path,
                                      strerror(errno));
        }
        return STIEL_OK;
    }
    if (errno != ENOENT)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot read %s: %s", path, strerror(errno));
    if (o->must_exist || o->read_only)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "there is no evidence store at %s", path);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot create the evidence store %s: %s", path,
                              strerror(errno));
    int rc = fchmod(fd, 0600); /* in case the umask took bits away that SQLite needs */
    if (rc == 0)
        rc = fsync(fd);
    close(fd);
    if (rc != 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot set up %s: %s", path, strerror(errno));
    dir_sync(path);
    return STIEL_OK;
}

static stiel_status pragma_text(store *s, const char *sql, const char *want, stiel_diag *diag)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_sqlite_fail(s, rc, "cannot set up the evidence store", diag);
    }
    const char *got = (const char *)sqlite3_column_text(st, 0);
    stiel_status out = STIEL_OK;
    if (!got || strcmp(got, want) != 0)
        out = stiel_diag_set(diag, STIEL_ERR_IO, "%s: SQLite answered '%s', expected '%s' (%s)",
                             sql, got ? got : "", want, s->path);
    sqlite3_finalize(st);
    return out;
}

static stiel_status version_get(store *s, int *v, stiel_diag *diag)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_sqlite_fail(s, rc, "cannot read the evidence store", diag);
    }
    *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return STIEL_OK;
}

static stiel_status prepare(store *s, const char *sql, sqlite3_stmt **st, stiel_diag *diag)
{
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK)
        return store_sqlite_fail(s, rc, "cannot prepare a store query", diag);
    return STIEL_OK;
}

static stiel_status store_setup(store *s, const store_options *o, stiel_diag *diag)
{
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
    stiel_status st = STIEL_OK;
    if (!o->read_only)
        st = pragma_text(s, "PRAGMA journal_mode=WAL", "wal", diag);
    if (st == STIEL_OK)
        st = store_exec(s,
                        "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
                        " PRAGMA cache_size=-16384; PRAGMA mmap_size=1073741824",
                        "cannot set up the evidence store", diag);
    int version = 0;
    if (st == STIEL_OK)
        st = version_get(s, &version, diag);
    if (st != STIEL_OK)
        return st;
    int target = o->target_version > 0 ? o->target_version : STORE_SCHEMA_VERSION;
    if (version > STORE_SCHEMA_VERSION)
        return stiel_diag_set(diag, STIEL_ERR_UNSUPPORTED,
                              "evidence store %s has schema version %d but this stiel knows only "
                              "up to %d: use a newer stiel",
                              s->path, version, STORE_SCHEMA_VERSION);
    if (o->read_only && version < target)
        return stiel_diag_set(diag, STIEL_ERR_STATE,
                              "evidence store %s has schema version %d (current is %d): open it "
                              "once read-write to migrate it",
                              s->path, version, target);
    if (version < target) {
        LOG_INFO("migrating %s from schema version %d to %d", s->path, version, target);
        st = store_migrate(s, target, diag);
        if (st != STIEL_OK)
            return st;
    }
    st = prepare(s, "SELECT seq, hash FROM events WHERE kiosk_id = ?1 ORDER BY seq DESC LIMIT 1",
                 &s->st_head, diag);
    if (st == STIEL_OK)
        st = prepare(s, "SELECT 1 FROM events WHERE id = ?1", &s->st_exists, diag);
    if (st == STIEL_OK)
        st = prepare(s,
                     "INSERT INTO events (kiosk_id, seq, id, ts_ms, trainee_id, actor_id, kind,"
                     " payload, voids_id, payload_hash, prev_hash, hash)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                     &s->st_insert, diag);
    return st;
}

stiel_status store_open(const char *path, const store_options *opts, store **out, stiel_diag *diag)
{
    static const store_options defaults = {0};
    const store_options *o = opts ? opts : &defaults;
    if (!path || !*path || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "store_open needs a path and an out pointer");
    *out = NULL;
    if (o->target_version < 0 || o->target_version > STORE_SCHEMA_VERSION)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "schema version %d is not one this code knows",
                              o->target_version);
    if (sodium_init() < 0)
        return stiel_diag_set(diag, STIEL_ERR_INTERNAL, "libsodium failed to initialise");
    stiel_status st = file_prepare(path, o, diag);
    if (st != STIEL_OK)
        return st;
    store *s = calloc(1, sizeof *s);
    if (!s)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening %s", path);
    s->path = strdup(path);
    s->read_only = o->read_only;
    if (!s->path) {
        free(s);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening %s", path);
    }
    int flags = (o->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                SQLITE_OPEN_NOFOLLOW;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK)
        st = store_sqlite_fail(s, rc, "cannot open the evidence store", diag);
    else
        st = store_setup(s, o, diag);
    if (st != STIEL_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return STIEL_OK;
}

void store_close(store *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->st_head);
    sqlite3_finalize(s->st_insert);
    sqlite3_finalize(s->st_exists);
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        LOG_WARN("closing %s: %s", s->path, sqlite3_errmsg(s->db));
    free(s->path);
    free(s);
}

stiel_status store_default_path(stiel_buf *out, stiel_diag *diag)
{
    const char *data = getenv("STIEL_DATA");
    stiel_status st;
    if (data && *data) {
        st = stiel_buf_printf(out, "%s/evidence.db", data);
    } else {
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (xdg && *xdg)
            st = stiel_buf_printf(out, "%s/stiel/evidence.db", xdg);
        else if (home && *home)
            st = stiel_buf_printf(out, "%s/.local/share/stiel/evidence.db", home);
        else
            return stiel_diag_set(diag, STIEL_ERR_MISSING,
                                  "no store path: set STIEL_DATA or HOME, or pass --db PATH");
    }
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "the store path is too long");
    return STIEL_OK;
}
