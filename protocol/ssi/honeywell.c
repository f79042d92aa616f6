/* Honeywell serial commands: menu command builder, trigger bytes, and the echoed-reply parser.
 * Pure. */
#include "protocol/ssi/honeywell.h"

#include <string.h>

static bool is_punct(uint8_t c)
{
    return c == ',' || c == ';' || c == '!' || c == '.';
}

static bool is_status(uint8_t c)
{
    return c == HONEYWELL_ACK || c == HONEYWELL_ENQ || c == HONEYWELL_NAK;
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static stiel_status check_code(const char *what, const char *code, size_t idx, stiel_diag *diag)
{
    size_t len = strnlen(code, HONEYWELL_TAG_LEN + 1);
    if (len != HONEYWELL_TAG_LEN)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "Honeywell setting %zu: %s \"%.8s\" must be exactly 3 characters",
                              idx + 1, what, code);
    for (size_t i = 0; i < len; i++)
        if (!is_alnum(code[i]))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "Honeywell setting %zu: %s \"%s\" may hold only letters and "
                                  "digits",
                                  idx + 1, what, code);
    return STIEL_OK;
}

static stiel_status setting_check(const honeywell_setting *s, size_t idx, stiel_diag *diag)
{
    stiel_status st = check_code("tag", s->tag, idx, diag);
    if (st != STIEL_OK)
        return st;
    st = check_code("subtag", s->subtag, idx, diag);
    if (st != STIEL_OK)
        return st;
    size_t len = strnlen(s->data, HONEYWELL_DATA_MAX + 1);
    if (len > HONEYWELL_DATA_MAX)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "Honeywell setting %zu (%s%s): data longer than %d characters",
                              idx + 1, s->tag, s->subtag, HONEYWELL_DATA_MAX);
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)s->data[i];
        if (c < 0x20 || c > 0x7E || is_punct(c))
            return stiel_diag_set(diag, STIEL_ERR_CHARSET,
                                  "Honeywell setting %zu (%s%s): data may not hold control "
                                  "characters, non-ASCII or , ; ! .",
                                  idx + 1, s->tag, s->subtag);
    }
    return STIEL_OK;
}

stiel_status honeywell_menu_encode(const honeywell_setting *settings, size_t count,
                                   honeywell_storage storage, stiel_buf *out, stiel_diag *diag)
{
    if (settings == NULL || count == 0 || out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "Honeywell menu command: no settings given");
    if (storage != HONEYWELL_STORE_RAM && storage != HONEYWELL_STORE_FLASH)
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "Honeywell menu command: storage must be '!' (RAM) or '.' (flash)");
    for (size_t i = 0; i < count; i++) {
        stiel_status st = setting_check(&settings[i], i, diag);
        if (st != STIEL_OK)
            return st;
    }
    /* Build in a scratch buffer with out's cap so out stays unchanged on failure. */
    stiel_buf tmp;
    stiel_buf_init(&tmp, out->cap);
    static const uint8_t prefix[3] = {HONEYWELL_SYN, 'M', '\r'};
    stiel_status st = stiel_buf_append(&tmp, prefix, sizeof prefix);
    for (size_t i = 0; i < count && st == STIEL_OK; i++) {
        const honeywell_setting *s = &settings[i];
        if (i > 0 && strcmp(s->tag, settings[i - 1].tag) == 0) {
            st = stiel_buf_printf(&tmp, ",%s%s", s->subtag, s->data);
        } else {
            st = stiel_buf_printf(&tmp, "%s%s%s%s", i > 0 ? ";" : "", s->tag, s->subtag,
                                  s->data);
        }
    }
    if (st == STIEL_OK)
        st = stiel_buf_append(&tmp, &(char){(char)storage}, 1);
    if (st == STIEL_OK)
        st = stiel_buf_append(out, tmp.data, tmp.len);
    stiel_buf_free(&tmp);
    if (st != STIEL_OK)
        return stiel_diag_set(diag, st, "Honeywell menu command does not fit its buffer (%s)",
                              stiel_strerror(st));
    stiel_diag_clear(diag);
    return STIEL_OK;
}

void honeywell_trigger_encode(bool activate, uint8_t out[3])
{
    out[0] = HONEYWELL_SYN;
    out[1] = activate ? 'T' : 'U';
    out[2] = '\r';
}

/* Stores one item: seg[0..len) is the echoed text before the status byte. */
static stiel_status item_store(honeywell_reply *out, const uint8_t *seg, size_t len,
                               uint8_t status, bool new_tag, stiel_diag *diag)
{
    if (out->count >= HONEYWELL_REPLY_ITEMS_MAX)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "Honeywell reply has more than %d settings",
                              HONEYWELL_REPLY_ITEMS_MAX);
    honeywell_reply_item *it = &out->items[out->count];
    if (new_tag) {
        if (len < HONEYWELL_TAG_LEN)
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "Honeywell reply item %zu is shorter than a 3-character tag",
                                  out->count + 1);
        memcpy(it->tag, seg, HONEYWELL_TAG_LEN);
        it->tag[HONEYWELL_TAG_LEN] = '\0';
        seg += HONEYWELL_TAG_LEN;
        len -= HONEYWELL_TAG_LEN;
    } else {
        memcpy(it->tag, out->items[out->count - 1].tag, sizeof it->tag);
    }
    if (len > HONEYWELL_ITEM_TEXT_MAX)
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "Honeywell reply item %zu is longer than %d characters",
                              out->count + 1, HONEYWELL_ITEM_TEXT_MAX);
    memcpy(it->text, seg, len);
    it->text[len] = '\0';
    it->status = status;
    if (status != HONEYWELL_ACK)
        out->all_ok = false;
    out->count++;
    return STIEL_OK;
}

stiel_status honeywell_reply_parse(const uint8_t *bytes, size_t n, honeywell_reply *out,
                                   size_t *used, stiel_diag *diag)
{
    *used = 0;
    memset(out, 0, sizeof *out);
    out->all_ok = true;
    if (bytes == NULL)
        n = 0;
    size_t i = 0;
    if (n > 0 && bytes[0] == HONEYWELL_SYN) {
        if (n < 3)
            return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                                  "Honeywell reply incomplete: waiting for more bytes");
        if (bytes[2] != '\r')
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "Honeywell reply starts with SYN but not SYN x CR");
        i = 3;
    }
    size_t seg = i;
    bool new_tag = true;
    for (; i < n; i++) {
        uint8_t c = bytes[i];
        if (i >= HONEYWELL_REPLY_MAX)
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                                  "Honeywell reply longer than %d bytes without an end: check the "
                                  "scanner's serial settings",
                                  HONEYWELL_REPLY_MAX);
        if (is_status(c)) {
            if (i + 1 < n && !is_punct(bytes[i + 1]))
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "Honeywell reply: status byte 0x%02X at offset %zu is not "
                                      "followed by punctuation",
                                      c, i);
            continue;
        }
        if (!is_punct(c)) {
            if (c < 0x20 || c > 0x7E)
                return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                      "Honeywell reply holds byte 0x%02X at offset %zu", c, i);
            continue;
        }
        if (i == seg || !is_status(bytes[i - 1]))
            return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                                  "Honeywell reply: '%c' at offset %zu has no status byte before "
                                  "it",
                                  c, i);
        stiel_status st = item_store(out, bytes + seg, i - 1 - seg, bytes[i - 1], new_tag, diag);
        if (st != STIEL_OK)
            return st;
        if (c == '!' || c == '.') {
            out->storage = (char)c;
            *used = i + 1;
            stiel_diag_clear(diag);
            return STIEL_OK;
        }
        new_tag = c == ';';
        seg = i + 1;
    }
    return stiel_diag_set(diag, STIEL_ERR_TRUNCATED,
                          "Honeywell reply incomplete: waiting for more bytes");
}
