/* SSI stream reader: collects decoder bytes in any chunking into frames, checks length and
 * checksum (dropping one byte and re-scanning on a bad frame), joins continued DECODE_DATA
 * packets, and spots retransmitted duplicates. Pure, fixed storage. */
#include "protocol/ssi/ssi.h"

#include <stdint.h>
#include <string.h>

void ssi_reader_init(ssi_reader *r)
{
    memset(r, 0, sizeof *r);
}

static void decode_clear(ssi_reader *r)
{
    r->decode_len = 0;
    r->decode_packets = 0;
    r->decode_type = 0;
    r->decode_delivered = false;
}

size_t ssi_reader_reset(ssi_reader *r)
{
    size_t dropped = r->pending_len;
    if (!r->decode_delivered)
        dropped += r->decode_len;
    r->pending_len = 0;
    r->decode_discarding = false;
    r->resync = false;
    r->last_len = 0;
    decode_clear(r);
    return dropped;
}

bool ssi_reader_busy(const ssi_reader *r)
{
    bool partial_decode = r->decode_len > 0 && !r->decode_delivered;
    return r->pending_len > 0 || partial_decode || r->decode_discarding;
}

static void pending_drop(ssi_reader *r, size_t n)
{
    memmove(r->pending, r->pending + n, r->pending_len - n);
    r->pending_len -= n;
}

/* True when frame (len bytes, checksum excluded) is a retransmitted copy of the last frame. */
static bool frame_is_duplicate(const ssi_reader *r, const uint8_t *frame, size_t len)
{
    if ((frame[3] & SSI_STATUS_RETRANSMIT) == 0 || len != r->last_len)
        return false;
    if (memcmp(frame, r->last, 3) != 0)
        return false;
    if ((uint8_t)(frame[3] & ~SSI_STATUS_RETRANSMIT) != r->last[3])
        return false;
    return memcmp(frame + 4, r->last + 4, len - 4) == 0;
}

static void frame_remember(ssi_reader *r, const uint8_t *frame, size_t len)
{
    memcpy(r->last, frame, len);
    r->last[3] = (uint8_t)(r->last[3] & ~SSI_STATUS_RETRANSMIT);
    r->last_len = len;
}

/* DECODE_DATA: payload is the type byte then data. Each packet of a continued decode carries
 * its own type byte (SSI DECODE_DATA layout); the first packet's type is kept. */
static stiel_status decode_take(ssi_reader *r, const uint8_t *payload, size_t plen,
                                ssi_message *out, stiel_diag *diag)
{
    bool more = (out->status & SSI_STATUS_CONTINUATION) != 0;
    out->reply = SSI_REPLY_ACK;
    if (plen < 1)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX,
                              "scanner sent a DECODE_DATA packet without a barcode type byte; "
                              "packet dropped");
    if (r->decode_discarding) {
        r->decode_discarding = more;
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "scanner decode longer than %d bytes: later part dropped too",
                              SSI_DECODE_MAX);
    }
    size_t dlen = plen - 1;
    if (r->decode_len + dlen > SSI_DECODE_MAX) {
        size_t had = r->decode_len;
        decode_clear(r);
        r->decode_discarding = more;
        return stiel_diag_set(diag, STIEL_ERR_OVERLONG,
                              "scanner decode longer than %d bytes (%zu + %zu): dropped; check "
                              "the scanner's maximum length settings",
                              SSI_DECODE_MAX, had, dlen);
    }
    if (r->decode_len == 0 && r->decode_packets == 0)
        r->decode_type = payload[0];
    memcpy(r->decode + r->decode_len, payload + 1, dlen);
    r->decode_len += dlen;
    r->decode_packets++;
    out->barcode_type = r->decode_type;
    if (more) {
        memcpy(r->scratch, payload + 1, dlen);
        out->kind = SSI_MSG_DECODE_PART;
        out->data = r->scratch;
        out->len = dlen;
        out->packets = 1;
        return STIEL_OK;
    }
    out->kind = SSI_MSG_DECODE;
    out->data = r->decode;
    out->len = r->decode_len;
    out->packets = r->decode_packets;
    r->decode_delivered = true;
    return STIEL_OK;
}

/* Turns one good frame (checksum already checked; len = Length byte) into a result. */
static stiel_status frame_handle(ssi_reader *r, const uint8_t *frame, size_t len,
                                 ssi_message *out, stiel_diag *diag)
{
    const uint8_t *payload = frame + SSI_HEADER_LEN;
    size_t plen = len - SSI_HEADER_LEN;
    out->opcode = frame[1];
    out->source = frame[2];
    out->status = frame[3];
    out->packets = 1;
    out->reply = SSI_REPLY_ACK;

    if (out->opcode == SSI_OP_CMD_ACK || out->opcode == SSI_OP_CMD_NAK) {
        memcpy(r->scratch, payload, plen);
        out->reply = SSI_REPLY_NONE;
        out->data = r->scratch;
        out->len = plen;
        if (out->opcode == SSI_OP_CMD_ACK) {
            out->kind = SSI_MSG_ACK;
        } else {
            out->kind = SSI_MSG_NAK;
            out->nak_cause = plen > 0 ? payload[0] : 0;
        }
        return STIEL_OK;
    }
    if (frame_is_duplicate(r, frame, len)) {
        out->kind = SSI_MSG_DUPLICATE;
        return STIEL_OK;
    }
    frame_remember(r, frame, len);
    if (out->opcode == SSI_OP_DECODE_DATA)
        return decode_take(r, payload, plen, out, diag);

    memcpy(r->scratch, payload, plen);
    out->data = r->scratch;
    out->len = plen;
    switch (out->opcode) {
    case SSI_OP_REPLY_REVISION: out->kind = SSI_MSG_REVISION; break;
    case SSI_OP_EVENT: out->kind = SSI_MSG_EVENT; break;
    case SSI_OP_CAPABILITIES_REPLY: out->kind = SSI_MSG_CAPABILITIES; break;
    default: out->kind = SSI_MSG_UNKNOWN; break;
    }
    return STIEL_OK;
}

/* True when a complete frame with a valid checksum, a known opcode and a plausible source
 * starts at pending[k]. */
static bool pending_frame_plausible_at(const ssi_reader *r, size_t k)
{
    size_t len = r->pending[k];
    if (len < SSI_LENGTH_MIN || k + len + 2 > r->pending_len)
        return false;
    const uint8_t *f = r->pending + k;
    if (ssi_opcode_name(f[1]) == NULL || (f[2] != SSI_SOURCE_DECODER && f[2] != SSI_SOURCE_HOST))
        return false;
    uint16_t got = (uint16_t)((f[len] << 8) | f[len + 1]);
    return ssi_checksum_compute(f, len) == got;
}

/* Resync mode: the offset (> 0) of the plausible complete frame that ends first (the earliest
 * start among those ending together), or 0 if none. Depends only on the buffered bytes. */
static size_t pending_find_embedded(const ssi_reader *r)
{
    size_t best = 0, best_end = SIZE_MAX;
    for (size_t k = 1; k < r->pending_len; k++) {
        size_t end = k + (size_t)r->pending[k] + 2;
        if (end < best_end && pending_frame_plausible_at(r, k)) {
            best = k;
            best_end = end;
        }
    }
    return best;
}

/* Looks at the pending bytes: a result (message or error, returns true) or "need more bytes"
 * (returns false, *need set to how many pending bytes the current frame needs). */
static bool pending_examine(ssi_reader *r, size_t *need, stiel_status *st, ssi_message *out,
                            stiel_diag *diag)
{
    *need = 1;
    if (r->pending_len == 0)
        return false;
    size_t len = r->pending[0];
    if (len < SSI_LENGTH_MIN) {
        pending_drop(r, 1);
        r->resync = true;
        out->reply = SSI_REPLY_NAK_RESEND;
        *st = stiel_diag_set(diag, STIEL_ERR_LENGTH,
                             "scanner sent an SSI length byte of %zu (at least %d): byte skipped",
                             len, SSI_LENGTH_MIN);
        return true;
    }
    *need = len + 2;
    if (r->pending_len < *need) {
        if (!r->resync)
            return false;
        size_t k = pending_find_embedded(r);
        if (k == 0)
            return false;
        pending_drop(r, k);
        len = r->pending[0];
        *need = len + 2;
    }
    uint16_t want = ssi_checksum_compute(r->pending, len);
    uint16_t got = (uint16_t)((r->pending[len] << 8) | r->pending[len + 1]);
    if (want != got) {
        uint8_t opcode = r->pending[1];
        pending_drop(r, 1);
        r->resync = true;
        out->reply = SSI_REPLY_NAK_RESEND;
        *st = stiel_diag_set(diag, STIEL_ERR_CHECKSUM,
                             "scanner SSI frame (length %zu, opcode 0x%02X) has checksum %04X, "
                             "expected %04X: asking it to resend",
                             len, (unsigned)opcode, (unsigned)got, (unsigned)want);
        return true;
    }
    uint8_t frame[SSI_FRAME_MAX];
    memcpy(frame, r->pending, len);
    pending_drop(r, *need);
    r->resync = false;
    *st = frame_handle(r, frame, len, out, diag);
    if (*st == STIEL_OK)
        stiel_diag_clear(diag);
    return true;
}

stiel_status ssi_reader_feed(ssi_reader *r, const uint8_t *bytes, size_t n, size_t *used,
                             ssi_message *out, stiel_diag *diag)
{
    memset(out, 0, sizeof *out);
    *used = 0;
    if (r->decode_delivered)
        decode_clear(r);
    for (;;) {
        size_t need;
        stiel_status st = STIEL_OK;
        if (pending_examine(r, &need, &st, out, diag))
            return st;
        if (*used >= n || bytes == NULL) {
            stiel_diag_clear(diag);
            return STIEL_OK;
        }
        /* In resync mode bytes go in one at a time, so an embedded frame is found at the same
         * byte whatever the chunking. */
        size_t take = r->resync ? 1 : need - r->pending_len;
        if (take > n - *used)
            take = n - *used;
        memcpy(r->pending + r->pending_len, bytes + *used, take);
        r->pending_len += take;
        *used += take;
    }
}
