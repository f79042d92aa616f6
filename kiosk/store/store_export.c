/* Erasure-safe CSV export of the events (RFC 4180): pseudonymous ids only, erased payloads
 * empty with erased=1. */
#include "kiosk/store/store_internal.h"

#include <string.h>
#include <time.h>

stiel_status store_csv_field(stiel_buf *b, const char *text)
{
    const char *t = text ? text : "";
    if (!strpbrk(t, ",\"\r\n"))
        return stiel_buf_puts(b, t);
    stiel_status st = stiel_buf_puts(b, "\"");
    for (const char *p = t; st == STIEL_OK && *p; p++) {
        if (*p == '"')
            st = stiel_buf_puts(b, "\"\"");
        else
            st = stiel_buf_append(b, p, 1);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(b, "\"");
    return st;
}

typedef struct csv_ctx {
    FILE *out;
    stiel_buf line;
    stiel_status st;
} csv_ctx;

/* ts_ms as "2025-03-04T12:34:56.789Z". */
static void iso_time(int64_t ts_ms, char out[32])
{
    time_t secs = (time_t)(ts_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm)) {
        out[0] = '\0';
        return;
    }
    char date[24];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, 32, "%s.%03dZ", date, (int)(ts_ms % 1000));
}

static int csv_row(const store_row *r, void *vctx)
{
    csv_ctx *c = vctx;
    char seq[24], ts[24], when[32], hex[STORE_HASH_HEX];
    snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
    snprintf(ts, sizeof ts, "%lld", (long long)r->ts_ms);
    iso_time(r->ts_ms, when);
    store_hash_hex(r->hash, hex);
    const char *fields[] = {r->id, r->kiosk_id, seq, ts, when, r->trainee_id, r->actor_id,
                            r->kind, r->voids_id, r->erased ? "1" : "0",
                            r->erased ? "" : r->payload, hex};
    stiel_buf_reset(&c->line);
    stiel_status st = STIEL_OK;
    for (size_t i = 0; st == STIEL_OK && i < sizeof fields / sizeof fields[0]; i++) {
        if (i > 0)
            st = stiel_buf_puts(&c->line, ",");
        if (st == STIEL_OK)
            st = store_csv_field(&c->line, fields[i]);
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(&c->line, "\r\n");
    if (st == STIEL_OK && fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len)
        st = STIEL_ERR_IO;
    c->st = st;
    return st != STIEL_OK;
}

stiel_status store_export_csv(store *s, FILE *out, stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no output for the CSV export");
    static const char header[] =
        "id,kiosk_id,seq,ts_ms,time_utc,trainee_id,actor_id,kind,voids_id,erased,payload,hash\r\n";
    if (fputs(header, out) == EOF)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write the CSV export");
    csv_ctx c = {.out = out, .st = STIEL_OK};
    stiel_buf_init(&c.line, 0);
    stiel_status st = store_events_each(s, csv_row, &c, diag);
    stiel_buf_free(&c.line);
    if (st != STIEL_OK)
        return st;
    if (c.st == STIEL_ERR_IO || fflush(out) != 0 || ferror(out))
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot write the CSV export (disk full?)");
    if (c.st != STIEL_OK)
        return stiel_diag_set(diag, c.st, "an event is too large to export");
    return STIEL_OK;
}
