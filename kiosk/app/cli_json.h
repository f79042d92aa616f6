/* JSON text for the CLI's line output (stiel decode, stiel scan): string escaping that keeps valid
 * UTF-8 and shows every other byte as \u00XX, and the one JSON line per scanner read that both
 * commands print. Also the reverse for arguments: C escapes (\r \n \t \\ \xHH) to bytes. */
#ifndef STIEL_KIOSK_APP_CLI_JSON_H
#define STIEL_KIOSK_APP_CLI_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"

/* Appends bytes as a JSON string: quotes and backslash escaped, control characters, DEL and bytes
 * that are not valid UTF-8 as \u00XX; valid UTF-8 kept as is. Buffer errors are returned. */
stiel_status cli_json_string(stiel_buf *b, const void *bytes, size_t n);

/* Appends ,"name":"value" (value as cli_json_string). */
stiel_status cli_json_field(stiel_buf *b, const char *name, const void *v, size_t n);

/* Appends the JSON object for one complete read (no newline):
 * {"symbology":...,"aim":...,"data":...[,"gtin":...][,"gs1":[{"ai":...,"value":...}...]][,"error":...]}.
 * Returns the scan_decode status (the line is complete also then), or a buffer error
 * (STIEL_ERR_NOMEM / STIEL_ERR_OVERLONG: the line is incomplete). */
stiel_status cli_json_scan_line(stiel_buf *b, const uint8_t *read, size_t len);

/* Decodes the C escapes of s (\r \n \t \\ \xHH) into out (at most cap bytes). Returns the length,
 * or -1 with *why set ("\x needs two hex digits", "too long" when more than cap bytes, "empty", or an
 * unknown escape). */
long cli_unescape(const char *s, uint8_t *out, size_t cap, const char **why);

#endif
