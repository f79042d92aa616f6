/* JSON text for the CLI's line output: string escaping, the one JSON line per scanner read shared
 * by stiel decode and stiel scan, and C-escape decoding for arguments. */
#include "kiosk/app/cli_json.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/hex.h"
#include "common/utf8.h"
#include "protocol/scan/decode.h"

stiel_status cli_json_string(stiel_buf *b, const void *bytes, size_t n)
{
    const uint8_t *d = bytes;
    stiel_status st = stiel_buf_puts(b, "\"");
    size_t i = 0;
    while (st == STIEL_OK && i < n) {
        uint8_t c = d[i];
        if (c == '"' || c == '\\') {
            char esc[3] = {'\\', (char)c, '\0'};
            st = stiel_buf_puts(b, esc);
            i++;
        } else if (c >= 0x20 && c < 0x7F) {
            st = stiel_buf_append(b, &c, 1);
            i++;
        } else {
            size_t u = c >= 0x80 ? stiel_utf8_decode(d + i, n - i, NULL) : 0;
            if (u > 0) {
                st = stiel_buf_append(b, d + i, u);
                i += u;
            } else {
                st = stiel_buf_printf(b, "\\u%04x", (unsigned)c);
                i++;
            }
        }
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(b, "\"");
    return st;
}

stiel_status cli_json_field(stiel_buf *b, const char *name, const void *v, size_t n)
{
    stiel_status st = stiel_buf_printf(b, ",\"%s\":", name);
    return st == STIEL_OK ? cli_json_string(b, v, n) : st;
}

/* Builds the JSON line for one read: symbology, aim, data, then gtin / gs1 / error. */
stiel_status cli_json_scan_line(stiel_buf *b, const uint8_t *read, size_t len)
{
    scan_decoded r;
    stiel_diag d;
    stiel_status result = scan_decode(read, len, &r, &d);
    const char *sym = r.aim_ok ? scan_symbology_name(r.aim.symbology) : "unknown";
    const char *aim = r.aim_ok ? r.aim.aim : "";
    /* data: what follows the identifier (composite included), or the whole read */
    size_t skip = r.aim_ok ? strlen(aim) : 0;
    stiel_status st = stiel_buf_puts(b, "{\"symbology\":");
    st = st == STIEL_OK ? cli_json_string(b, sym, strlen(sym)) : st;
    st = st == STIEL_OK ? cli_json_field(b, "aim", aim, strlen(aim)) : st;
    st = st == STIEL_OK ? cli_json_field(b, "data", read + skip, len - skip) : st;
    if (st == STIEL_OK && r.has_gtin)
        st = cli_json_field(b, "gtin", r.gtin, strlen(r.gtin));
    if (st == STIEL_OK && r.has_gs1) {
        st = stiel_buf_puts(b, ",\"gs1\":[");
        for (size_t i = 0; st == STIEL_OK && i < r.gs1.count; i++) {
            const gs1_pair *p = &r.gs1.pairs[i];
            st = stiel_buf_puts(b, i == 0 ? "{\"ai\":" : ",{\"ai\":");
            st = st == STIEL_OK ? cli_json_string(b, p->ai, strlen(p->ai)) : st;
            st = st == STIEL_OK ? cli_json_field(b, "value", p->value, strlen(p->value)) : st;
            st = st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
        }
        st = st == STIEL_OK ? stiel_buf_puts(b, "]") : st;
    }
    if (st == STIEL_OK && result != STIEL_OK)
        st = cli_json_field(b, "error", d.text, strlen(d.text));
    st = st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
    if (st != STIEL_OK)
        return st;
    return result;
}

long cli_unescape(const char *s, uint8_t *out, size_t cap, const char **why)
{
    size_t n = 0;
    for (size_t i = 0; s[i] != '\0'; i++) {
        uint8_t b = (uint8_t)s[i];
        if (s[i] == '\\') {
            i++;
            switch (s[i]) {
            case 'r': b = '\r'; break;
            case 'n': b = '\n'; break;
            case 't': b = '\t'; break;
            case '\\': b = '\\'; break;
            case 'x': {
                int hi = stiel_hex_value(s[i + 1]);
                int lo = hi < 0 ? -1 : stiel_hex_value(s[i + 2]);
                if (lo < 0) {
                    *why = "\\x needs two hex digits";
                    return -1;
                }
                b = (uint8_t)(hi * 16 + lo);
                i += 2;
                break;
            }
            default:
                *why = "unknown escape (use \\r \\n \\t \\\\ \\xHH)";
                return -1;
            }
        }
        if (n == cap) {
            *why = "too long";
            return -1;
        }
        out[n++] = b;
    }
    if (n == 0) {
        *why = "empty";
        return -1;
    }
    return (long)n;
}
