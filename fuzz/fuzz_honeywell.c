/* libFuzzer target for the Honeywell reply parser: arbitrary bytes never crash it; every proper
 * prefix of a reply that parses is "wait for more"; and a reply whose items make a valid menu
 * command round-trips: encode the settings, echo them with the same status bytes, parse again. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/ssi/honeywell.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_punct(uint8_t c)
{
    return c == ',' || c == ';' || c == '!' || c == '.';
}

/* Rebuilds the reply from a menu command: the status byte of each item goes before its
 * punctuation. */
static void round_trip(const honeywell_reply *rep)
{
    static honeywell_setting set[HONEYWELL_REPLY_ITEMS_MAX];
    for (size_t k = 0; k < rep->count; k++) {
        const honeywell_reply_item *it = &rep->items[k];
        size_t tl = strlen(it->text);
        if (tl < HONEYWELL_SUBTAG_LEN || tl - HONEYWELL_SUBTAG_LEN > HONEYWELL_DATA_MAX)
            return;
        memcpy(set[k].tag, it->tag, sizeof set[k].tag);
        memcpy(set[k].subtag, it->text, HONEYWELL_SUBTAG_LEN);
        set[k].subtag[HONEYWELL_SUBTAG_LEN] = '\0';
        memcpy(set[k].data, it->text + HONEYWELL_SUBTAG_LEN, tl - HONEYWELL_SUBTAG_LEN + 1);
    }
    stiel_buf cmd;
    stiel_diag diag;
    stiel_buf_init(&cmd, 4096);
    if (honeywell_menu_encode(set, rep->count, (honeywell_storage)rep->storage, &cmd, &diag) != STIEL_OK) {
        CHECK(diag.code != STIEL_OK);
        stiel_buf_free(&cmd);
        return;
    }
    CHECK(cmd.len >= 4 && cmd.data[0] == HONEYWELL_SYN && cmd.data[1] == 'M' && cmd.data[2] == '\r');
    CHECK(cmd.data[cmd.len - 1] == (uint8_t)rep->storage);
    uint8_t echo[4096];
    size_t n = 0, item = 0;
    for (size_t i = 0; i < cmd.len; i++) {
        if (i >= 3 && is_punct(cmd.data[i])) {
            CHECK(item < rep->count);
            echo[n++] = rep->items[item++].status;
        }
        CHECK(n < sizeof echo);
        echo[n++] = cmd.data[i];
    }
    CHECK(item == rep->count);
    static honeywell_reply back;
    size_t used = 0;
    CHECK(honeywell_reply_parse(echo, n, &back, &used, &diag) == STIEL_OK);
    CHECK(used == n);
    CHECK(back.count == rep->count && back.storage == rep->storage && back.all_ok == rep->all_ok);
    for (size_t k = 0; k < rep->count; k++) {
        CHECK(strcmp(back.items[k].tag, rep->items[k].tag) == 0);
        CHECK(strcmp(back.items[k].text, rep->items[k].text) == 0);
        CHECK(back.items[k].status == rep->items[k].status);
    }
    stiel_buf_free(&cmd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static honeywell_reply rep, part;
    if (size > 4096)
        return 0;
    size_t used = 12345;
    stiel_diag diag;
    stiel_status st = honeywell_reply_parse(data, size, &rep, &used, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && used == 0);
        return 0;
    }
    CHECK(used > 0 && used <= size && used <= HONEYWELL_REPLY_MAX);
    CHECK(rep.count >= 1 && rep.count <= HONEYWELL_REPLY_ITEMS_MAX);
    CHECK(rep.storage == '!' || rep.storage == '.');
    CHECK(data[used - 1] == (uint8_t)rep.storage);
    bool all_ok = true;
    for (size_t k = 0; k < rep.count; k++) {
        CHECK(strlen(rep.items[k].tag) == HONEYWELL_TAG_LEN);
        CHECK(strlen(rep.items[k].text) <= HONEYWELL_ITEM_TEXT_MAX);
        CHECK(rep.items[k].status == HONEYWELL_ACK || rep.items[k].status == HONEYWELL_ENQ ||
              rep.items[k].status == HONEYWELL_NAK);
        all_ok = all_ok && rep.items[k].status == HONEYWELL_ACK;
    }
    CHECK(rep.all_ok == all_ok);
    /* the same reply with more bytes after it: the same result */
    CHECK(honeywell_reply_parse(data, used, &part, &used, &diag) == STIEL_OK);
    CHECK(part.count == rep.count && memcmp(&part, &rep, sizeof rep) == 0);
    /* a proper prefix is never a reply yet */
    size_t step = used <= 64 ? 1 : used / 61 + 1;
    for (size_t k = 0; k < used; k += step) {
        size_t u = 1;
        CHECK(honeywell_reply_parse(data, k, &part, &u, &diag) == STIEL_ERR_TRUNCATED);
        CHECK(u == 0);
    }
    round_trip(&rep);
    return 0;
}
