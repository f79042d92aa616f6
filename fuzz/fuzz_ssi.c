/* libFuzzer target for the SSI stream reader (and the Honeywell reply parser): the input is
 * fed once whole and once in chunks chosen by its first bytes; both must give the same
 * results, consume every byte, stay bounded, and never loop without progress. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/ssi/honeywell.h"
#include "protocol/ssi/ssi.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* A running digest of every result, so two runs can be compared cheaply. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t feed_all(ssi_reader *r, const uint8_t *p, size_t n, uint64_t h, size_t *results)
{
    size_t left = n;
    for (;;) {
        ssi_message m;
        stiel_diag d;
        size_t used = 99999;
        stiel_status st = ssi_reader_feed(r, p, left, &used, &m, &d);
        CHECK(used <= left);
        CHECK(r->pending_len <= SSI_FRAME_MAX && r->decode_len <= SSI_DECODE_MAX);
        p += used;
        left -= used;
        if (st == STIEL_OK && m.kind == SSI_MSG_NONE) {
            CHECK(left == 0);
            return h;
        }
        (*results)++;
        CHECK(*results <= 4 * 70000);
        if (st != STIEL_OK) {
            CHECK(d.code == st);
            CHECK(m.reply != SSI_REPLY_NONE);
        }
        CHECK(m.len <= SSI_DECODE_MAX);
        CHECK(m.len == 0 || m.data != NULL);
        if (m.kind == SSI_MSG_DECODE_PART || m.kind == SSI_MSG_REVISION)
            CHECK(m.len <= SSI_DATA_MAX);
        h = mix(h, (uint64_t)st);
        h = mix(h, ((uint64_t)m.kind << 16) | ((uint64_t)m.reply << 8) | m.opcode);
        h = mix(h, ((uint64_t)m.status << 16) | ((uint64_t)m.nak_cause << 8) | m.barcode_type);
        h = mix(h, ((uint64_t)m.packets << 32) | m.len);
        for (size_t i = 0; i < m.len; i++)
            h = mix(h, m.data[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 65536)
        return 0;
    uint8_t seed = data[0];
    data++;
    size--;

    static ssi_reader whole, chunked;
    ssi_reader_init(&whole);
    size_t count_whole = 0;
    uint64_t h_whole = feed_all(&whole, data, size, 1, &count_whole);

    ssi_reader_init(&chunked);
    size_t count_chunked = 0, off = 0, i = 0;
    uint64_t h_chunked = 1;
    while (off < size) {
        size_t chunk = 1 + (size_t)((seed + i * 37 + (off < size ? data[off] : 0)) % 23);
        if (chunk > size - off)
            chunk = size - off;
        h_chunked = feed_all(&chunked, data + off, chunk, h_chunked, &count_chunked);
        off += chunk;
        i++;
    }
    CHECK(count_whole == count_chunked);
    CHECK(h_whole == h_chunked);
    CHECK(whole.pending_len == chunked.pending_len);
    CHECK(ssi_reader_busy(&whole) == ssi_reader_busy(&chunked));
    size_t dropped = ssi_reader_reset(&whole);
    CHECK(dropped <= SSI_FRAME_MAX + SSI_DECODE_MAX);
    CHECK(!ssi_reader_busy(&whole));

    honeywell_reply rep;
    size_t used = 0;
    stiel_diag d;
    stiel_status st = honeywell_reply_parse(data, size, &rep, &used, &d);
    if (st == STIEL_OK) {
        CHECK(used > 0 && used <= size);
        CHECK(rep.count >= 1 && rep.count <= HONEYWELL_REPLY_ITEMS_MAX);
        CHECK(rep.storage == '!' || rep.storage == '.');
        for (size_t k = 0; k < rep.count; k++)
            CHECK(strlen(rep.items[k].text) <= HONEYWELL_ITEM_TEXT_MAX);
    } else {
        CHECK(d.code == st);
    }
    return 0;
}
