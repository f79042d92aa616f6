/* Zebra/Symbol SSI (Simple Serial Interface): host command encoders, the packet checksum, and a
 * stream reader that turns decoder bytes in any chunking into whole messages (ACK, NAK, joined
 * DECODE_DATA, revision, events) and resynchronises after garbage. Pure: no I/O, no globals. */
#ifndef STIEL_PROTOCOL_SSI_SSI_H
#define STIEL_PROTOCOL_SSI_SSI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

/* Packet: Length | Opcode | MsgSource | Status | Data... | ChkHi | ChkLo. Length counts every
 * byte except the two checksum bytes, so it is 4..255 and a frame is 6..257 bytes. */
enum {
    SSI_HEADER_LEN = 4,
    SSI_LENGTH_MIN = 4,
    SSI_LENGTH_MAX = 255,
    SSI_FRAME_MAX = SSI_LENGTH_MAX + 2,
    SSI_DATA_MAX = SSI_LENGTH_MAX - SSI_HEADER_LEN, /* 251 data bytes in one packet */
    SSI_DECODE_MAX = 4096                           /* joined continuation decode, at most */
};

enum { SSI_SOURCE_DECODER = 0x00, SSI_SOURCE_HOST = 0x04 };

/* Status byte bits. PERMANENT is bit 3 of PARAM_SEND (0 = temporary, 1 = saved). */
enum { SSI_STATUS_RETRANSMIT = 0x01, SSI_STATUS_CONTINUATION = 0x02, SSI_STATUS_PERMANENT = 0x08 };

typedef enum ssi_opcode {
    SSI_OP_SSI_MGMT_COMMAND = 0x80,
    SSI_OP_REQUEST_REVISION = 0xA3,
    SSI_OP_REPLY_REVISION = 0xA4,
    SSI_OP_AIM_OFF = 0xC4,
    SSI_OP_AIM_ON = 0xC5,
    SSI_OP_PARAM_SEND = 0xC6,
    SSI_OP_PARAM_REQUEST = 0xC7,
    SSI_OP_PARAM_DEFAULTS = 0xC8,
    SSI_OP_CMD_ACK = 0xD0,
    SSI_OP_CMD_NAK = 0xD1,
    SSI_OP_FLUSH_QUEUE = 0xD2,
    SSI_OP_CAPABILITIES_REQUEST = 0xD3,
    SSI_OP_CAPABILITIES_REPLY = 0xD4,
    SSI_OP_START_DECODE = 0xE4,
    SSI_OP_STOP_DECODE = 0xE5,
    SSI_OP_BEEP = 0xE6,
    SSI_OP_LED_ON = 0xE7,
    SSI_OP_LED_OFF = 0xE8,
    SSI_OP_SCAN_ENABLE = 0xE9,
    SSI_OP_SCAN_DISABLE = 0xEA,
    SSI_OP_SLEEP = 0xEB,
    SSI_OP_DECODE_DATA = 0xF3,
    SSI_OP_EVENT = 0xF6
} ssi_opcode;

typedef enum ssi_nak_cause {
    SSI_NAK_RESEND = 1,      /* checksum failure: send the packet again with RETRANSMIT set */
    SSI_NAK_BAD_CONTEXT = 2, /* unknown or unexpected command */
    SSI_NAK_DENIED = 6       /* the decoder refuses (e.g. bad parameter value) */
} ssi_nak_cause;

/* Barcode type byte of DECODE_DATA (Symbol CS3000 PRG table B-1). Other values are kept as
 * numbers; ssi_barcode_type_name() returns NULL for them. */
typedef enum ssi_barcode_type {
    SSI_BC_CODE39 = 0x01,
    SSI_BC_CODABAR = 0x02,
    SSI_BC_CODE128 = 0x03,
    SSI_BC_UPC_A = 0x08,
    SSI_BC_EAN8 = 0x0A,
    SSI_BC_EAN13 = 0x0B,
    SSI_BC_GS1_128 = 0x0F,
    SSI_BC_DATABAR_14 = 0x24,
    SSI_BC_DATABAR_EXPANDED = 0x25
} ssi_barcode_type;

/* One encoded frame; bounded, no allocation. For WAKEUP len is 1. */
typedef struct ssi_frame {
    uint8_t bytes[SSI_FRAME_MAX];
    size_t len;
} ssi_frame;

/* Two's complement of the 16-bit sum of n bytes (Length..last data byte); sent MSB first.
 * ssi_checksum_compute("07 F3 00 00 01 4E 52") == 0xFE65. */
uint16_t ssi_checksum_compute(const uint8_t *bytes, size_t n);

/* Builds any frame: Length = 4 + n, the given opcode, source and status byte, n data bytes
 * (n <= SSI_DATA_MAX, data may be NULL when n == 0), checksum. STIEL_ERR_LENGTH when n is too
 * big, STIEL_ERR_ARG on NULL out; out is untouched on error. Tests and simulators use it with
 * SSI_SOURCE_DECODER to build scanner frames. */
stiel_status ssi_frame_encode(uint8_t opcode, uint8_t source, uint8_t status, const uint8_t *data,
                              size_t n, ssi_frame *out, stiel_diag *diag);

/* Host command without data: CMD_ACK, START_DECODE, STOP_DECODE, LED_ON, LED_OFF, SCAN_ENABLE,
 * SCAN_DISABLE, REQUEST_REVISION, CAPABILITIES_REQUEST, PARAM_DEFAULTS, AIM_ON, AIM_OFF, SLEEP,
 * FLUSH_QUEUE. retransmit sets status bit 0. STIEL_ERR_ARG for any other opcode (those need data:
 * use the functions below). CMD_ACK = 04 D0 04 00 FF 28. */
stiel_status ssi_command_encode(ssi_opcode op, bool retransmit, ssi_frame *out, stiel_diag *diag);

/* CMD_NAK with its cause byte. NAK RESEND = 05 D1 04 00 01 FF 25. */
stiel_status ssi_nak_encode(ssi_nak_cause cause, bool retransmit, ssi_frame *out, stiel_diag *diag);

/* BEEP with a beep code (0..0x1A on most decoders; not range-checked). BEEP 0 = 05 E6 04 00 00 FF 11. */
stiel_status ssi_beep_encode(uint8_t code, bool retransmit, ssi_frame *out, stiel_diag *diag);

/* PARAM_SEND: data = beep code (0xFF = no beep) then the caller's parameter bytes as the decoder
 * expects them (param number, value; numbers >= 0xF0 with their extended prefix). permanent sets
 * status bit 3. STIEL_ERR_LENGTH when 1 + n > SSI_DATA_MAX. */
stiel_status ssi_param_send_encode(uint8_t beep, bool permanent, const uint8_t *params, size_t n,
                                   bool retransmit, ssi_frame *out, stiel_diag *diag);

/* WAKEUP: a single 0x00 byte (Zebra: "send a single NULL character, then wait at least 10 ms
 * and no more than 1 s before the next command"). It has no SSI framing. Never fails. */
void ssi_wakeup_encode(ssi_frame *out);

/* "EAN-13", "GS1-128"... for the known types; NULL for any other value. */
const char *ssi_barcode_type_name(uint8_t type);

/* The AIM identifier (ISO/IEC 15424) that a serial scanner would send for a barcode type, so
 * that SSI decodes and AIM-prefixed reads take one decoding path: EAN-13 and UPC-A "]E0", EAN-8
 * "]E4", GS1-128 "]C1", Code 128 "]C0", Code 39 "]A0", Codabar "]F0", GS1 DataBar "]e0".
 * NULL for other types. */
const char *ssi_barcode_type_aim(uint8_t type);

/* "DECODE_DATA", "CMD_NAK"... ; NULL for an opcode not in ssi_opcode. */
const char *ssi_opcode_name(uint8_t opcode);

/* What the stream reader hands back. */
typedef enum ssi_message_kind {
    SSI_MSG_NONE = 0,     /* nothing complete yet (or a rejected frame: see the status) */
    SSI_MSG_ACK,          /* CMD_ACK from the decoder */
    SSI_MSG_NAK,          /* CMD_NAK; nak_cause holds the cause byte (0 if absent) */
    SSI_MSG_DECODE,       /* DECODE_DATA, continuation packets joined; data excludes the type */
    SSI_MSG_DECODE_PART,  /* one continuation packet of a decode taken in: ACK it, wait for more */
    SSI_MSG_REVISION,     /* REPLY_REVISION: data is the revision text (not NUL-terminated) */
    SSI_MSG_EVENT,        /* EVENT: data[0] is the event code */
    SSI_MSG_CAPABILITIES, /* CAPABILITIES_REPLY: raw data bytes */
    SSI_MSG_DUPLICATE,    /* a retransmitted copy of the last packet: ACK it, do not use it again */
    SSI_MSG_UNKNOWN       /* any other opcode: reported with its raw data, not fatal */
} ssi_message_kind;

/* What the SSI protocol expects the host to answer to what was just read. */
typedef enum ssi_reply {
    SSI_REPLY_NONE = 0,    /* nothing (ACK/NAK from the decoder, or need more bytes) */
    SSI_REPLY_ACK,         /* send CMD_ACK */
    SSI_REPLY_NAK_RESEND   /* send CMD_NAK RESEND: the frame was corrupt */
} ssi_reply;

typedef struct ssi_message {
    ssi_message_kind kind;
    ssi_reply reply;
    uint8_t opcode;           /* of the (last) packet */
    uint8_t source;           /* MsgSource byte */
    uint8_t status;           /* Status byte of the last packet */
    uint8_t nak_cause;        /* SSI_MSG_NAK only */
    uint8_t barcode_type;     /* SSI_MSG_DECODE / _PART only; ssi_barcode_type_name() names it */
    size_t packets;           /* packets joined into this message (1 without continuation) */
    const uint8_t *data;      /* payload, owned by the reader, valid until its next call */
    size_t len;
} ssi_message;

/* The stream reader. Plain struct with fixed storage (about 5 KB), no allocation: embed it,
 * ssi_reader_init() it, no free needed. Fields are private. */
typedef struct ssi_reader {
    uint8_t pending[SSI_FRAME_MAX];  /* bytes of a frame not yet complete (or to be re-scanned) */
    size_t pending_len;
    uint8_t last[SSI_FRAME_MAX];     /* the last frame accepted, for duplicate detection */
    size_t last_len;
    uint8_t decode[SSI_DECODE_MAX];  /* joined continuation decode */
    size_t decode_len;
    size_t decode_packets;
    uint8_t decode_type;
    bool decode_discarding;          /* overflowed: drop parts until the final packet */
    bool decode_delivered;           /* decode[] was handed out: clear it on the next call */
    bool resync;                     /* after a bad frame, until the next good one */
    uint8_t scratch[SSI_FRAME_MAX];  /* the payload of the message just returned */
} ssi_reader;

void ssi_reader_init(ssi_reader *r);

/* Consumes bytes (n may be 0) until one result is ready, and sets *used to how many it took.
 * Call in a loop, passing bytes + *used, until it returns STIEL_OK with out->kind ==
 * SSI_MSG_NONE; then every byte has been taken and it waits for more (a partial frame is kept,
 * at most SSI_FRAME_MAX bytes). The chunking of the input never changes the results.
 * Results:
 *  - STIEL_OK with a message (out->reply says whether to ACK it).
 *  - STIEL_ERR_CHECKSUM: a frame's checksum is wrong; STIEL_ERR_LENGTH: a Length byte below 4.
 *    out->reply is SSI_REPLY_NAK_RESEND; the reader dropped ONE byte and re-scans the rest, so
 *    garbage before a good frame costs a few such reports and then the frame is found.
 *    Until the next good frame it is in resync mode: while a candidate frame is incomplete, a
 *    complete frame with a valid checksum, a known opcode and source 0 or 4 that starts later
 *    in the buffered bytes wins, and the bytes before it are dropped silently (so a bogus long
 *    Length byte cannot hide the decoder's retransmission).
 *  - STIEL_ERR_OVERLONG: a continued decode grew past SSI_DECODE_MAX; the frame itself was
 *    good (reply ACK). The decode is dropped; each of its later packets, up to and including
 *    the final one, is reported the same way (reply ACK).
 *  - STIEL_ERR_SYNTAX: a good frame whose content is malformed (DECODE_DATA without a type
 *    byte); reply ACK, the packet is dropped.
 * diag (may be NULL) gets the reason for every error. */
stiel_status ssi_reader_feed(ssi_reader *r, const uint8_t *bytes, size_t n, size_t *used,
                             ssi_message *out, stiel_diag *diag);

/* Drops a partial frame and a partial continued decode; the driver calls it after an idle gap
 * (e.g. 500 ms without bytes mid-frame). Returns how many buffered bytes were dropped. */
size_t ssi_reader_reset(ssi_reader *r);

/* True when the reader holds a partial frame or an unfinished continued decode. */
bool ssi_reader_busy(const ssi_reader *r);

#endif
