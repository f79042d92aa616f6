/* The text-form building blocks declared in flow.h: %-escaped key=value fields, bit lists, value
 * decoding and the event line tokenizer shared by pick_text.c and pack_text.c. */
#include "kiosk/core/flow.h"

#include <stdio.h>
#include <string.h>

#include "common/hex.h"

stiel_status flow_put_escaped(stiel_buf *out, const char *value)
{
    stiel_status st = STIEL_OK;
    for (const unsigned char *p = (const unsigned char *)value; st == STIEL_OK && *p; p++) {
        if (*p <= ' ' || *p > '~' || *p == '%')
            st = stiel_buf_printf(out, "%%%02X", *p);
        else
            st = stiel_buf_append(out, p, 1);
    }
    return st;
}

stiel_status flow_put_kv(stiel_buf *out, const char *key, const char *value)
{
    stiel_status st = stiel_buf_printf(out, " %s=", key);
    if (st == STIEL_OK)
        st = flow_put_escaped(out, value);
    return st;
}

stiel_status flow_put_bits(stiel_buf *out, const char *key, unsigned bits,
                           const char *const *names, size_t n)
{
    char text[160] = "";
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        if (bits & (1u << k)) {
            int w = snprintf(text + len, sizeof text - len, "%s%s", len ? "," : "", names[k]);
            if (w > 0 && (size_t)w < sizeof text - len)
                len += (size_t)w;
        }
    }
    return flow_put_kv(out, key, len ? text : "-");
}

bool flow_unescape(const char *v, size_t n, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == '%') {
            if (i + 2 >= n)
                return false;
            int hi = stiel_hex_value(v[i + 1]), lo = stiel_hex_value(v[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return false;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (o + 1 >= cap)
            return false;
        dst[o++] = c;
    }
    dst[o] = '\0';
    return true;
}

bool flow_parse_u64(const char *v, uint64_t *out)
{
    if (!*v || strlen(v) > 20)
        return false;
    uint64_t n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return false;
        uint64_t d = (uint64_t)(*v - '0');
        if (n > (UINT64_MAX - d) / 10)
            return false;
        n = n * 10 + d;
    }
    *out = n;
    return true;
}

int flow_name_lookup(const char *v, const char *const *names, int n)
{
    for (int k = 0; k < n; k++)
        if (strcmp(names[k], v) == 0)
            return k;
    return -1;
}

stiel_status flow_event_split(const char *line, const char *const *kinds, int nkinds, int *kind,
                              flow_field_fn field, void *ctx, bool *have_t, stiel_diag *diag)
{
    const char *p = line;
    size_t n = strcspn(p, " \n");
    char word[16];
    *have_t = false;
    if (n == 0 || n >= sizeof word)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: no kind at the start");
    memcpy(word, p, n);
    word[n] = '\0';
    *kind = flow_name_lookup(word, kinds, nkinds);
    if (*kind <= 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: unknown kind %s", word);
    p += n;
    while (*p == ' ') {
        p++;
        n = strcspn(p, " \n");
        const char *eq = memchr(p, '=', n);
        if (!eq)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: a field without =");
        char key[16], val[FLOW_VALUE_MAX + 1];
        size_t klen = (size_t)(eq - p);
        if (klen == 0 || klen >= sizeof key)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: bad field name");
        memcpy(key, p, klen);
        key[klen] = '\0';
        if (!flow_unescape(eq + 1, n - klen - 1, val, sizeof val))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: bad value for %s", key);
        stiel_status st = field(ctx, *kind, key, val, diag);
        if (st != STIEL_OK)
            return st;
        *have_t = *have_t || strcmp(key, "t") == 0;
        p += n;
    }
    if (*p != '\0' && strcmp(p, "\n") != 0)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "event: trailing text");
    return STIEL_OK;
}

const char *flow_dash(const char *s)
{
    return s && *s ? s : "-";
}

stiel_status flow_put_outcome(stiel_buf *out, const char *result, unsigned errors,
                              unsigned error_kinds, const char *const *err_names, size_t n_err,
                              unsigned hints)
{
    static const char *const hint_names[] = { "photo", "highlight", "spoken" };
    stiel_status st = stiel_buf_printf(out, " result=%s errors=%u", result, errors);
    if (st == STIEL_OK)
        st = flow_put_bits(out, "kinds", error_kinds, err_names, n_err);
    if (st == STIEL_OK)
        st = flow_put_bits(out, "hints", hints, hint_names, 3);
    return st;
}

stiel_status flow_put_scan_event(stiel_buf *out, uint64_t t, scan_symbology sym,
                                 const char *device, const char *data)
{
    stiel_status st = stiel_buf_printf(out, "scan t=%llu", (unsigned long long)t);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "sym", scan_symbology_name(sym));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "dev", flow_dash(device));
    if (st == STIEL_OK)
        st = flow_put_kv(out, "data", data);
    return st;
}

stiel_status flow_put_device_event(stiel_buf *out, uint64_t t, bool ok, const char *device)
{
    stiel_status st = stiel_buf_printf(out, "device t=%llu ok=%d", (unsigned long long)t,
                                       ok ? 1 : 0);
    if (st == STIEL_OK)
        st = flow_put_kv(out, "dev", flow_dash(device));
    return st;
}

bool flow_symbology_lookup(const char *val, scan_symbology *sym)
{
    for (int s = 0; s < SCAN_SYM_COUNT; s++) {
        if (strcmp(scan_symbology_name((scan_symbology)s), val) == 0) {
            *sym = (scan_symbology)s;
            return true;
        }
    }
    return false;
}

bool flow_device_set(const char *val, char *dst, size_t cap)
{
    size_t n = strlen(val);
    if (n >= cap)
        return false;
    if (strcmp(val, "-") != 0)
        memcpy(dst, val, n + 1);
    return true;
}
