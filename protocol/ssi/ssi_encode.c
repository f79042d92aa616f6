/* SSI host side: the packet checksum, frame and command encoders, and the names of opcodes and
 * barcode types. Pure. */
#include "protocol/ssi/ssi.h"

#include <string.h>

uint16_t ssi_checksum_compute(const uint8_t *bytes, size_t n)
{
    uint16_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (uint16_t)(sum + bytes[i]);
    return (uint16_t)(0x10000u - sum);
}

stiel_status ssi_frame_encode(uint8_t opcode, uint8_t source, uint8_t status, const uint8_t *data,
                              size_t n, ssi_frame *out, stiel_diag *diag)
{
    if (out == NULL || (data == NULL && n > 0))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "SSI frame: no output or no data given");
    if (n > SSI_DATA_MAX)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "SSI frame: %zu data bytes, at most %d fit in one packet", n,
                              SSI_DATA_MAX);
    size_t len = SSI_HEADER_LEN + n;
    out->bytes[0] = (uint8_t)len;
    out->bytes[1] = opcode;
    out->bytes[2] = source;
    out->bytes[3] = status;
    if (n > 0)
        memcpy(out->bytes + SSI_HEADER_LEN, data, n);
    uint16_t chk = ssi_checksum_compute(out->bytes, len);
    out->bytes[len] = (uint8_t)(chk >> 8);
    out->bytes[len + 1] = (uint8_t)(chk & 0xFF);
    out->len = len + 2;
    stiel_diag_clear(diag);
    return STIEL_OK;
}

static bool opcode_takes_no_data(ssi_opcode op)
{
    switch (op) {
    case SSI_OP_CMD_ACK:
    case SSI_OP_START_DECODE:
    case SSI_OP_STOP_DECODE:
    case SSI_OP_LED_ON:
    case SSI_OP_LED_OFF:
    case SSI_OP_SCAN_ENABLE:
    case SSI_OP_SCAN_DISABLE:
    case SSI_OP_REQUEST_REVISION:
    case SSI_OP_CAPABILITIES_REQUEST:
    case SSI_OP_PARAM_DEFAULTS:
    case SSI_OP_AIM_ON:
    case SSI_OP_AIM_OFF:
    case SSI_OP_SLEEP:
    case SSI_OP_FLUSH_QUEUE:
        return true;
    default:
        return false;
    }
}

static uint8_t status_byte(bool retransmit)
{
    return retransmit ? SSI_STATUS_RETRANSMIT : 0;
}

stiel_status ssi_command_encode(ssi_opcode op, bool retransmit, ssi_frame *out, stiel_diag *diag)
{
    if (!opcode_takes_no_data(op))
        return stiel_diag_set(diag, STIEL_ERR_ARG,
                              "SSI opcode 0x%02X is not a command without data: use its own encoder",
                              (unsigned)op);
    return ssi_frame_encode((uint8_t)op, SSI_SOURCE_HOST, status_byte(retransmit), NULL, 0, out,
                            diag);
}

stiel_status ssi_nak_encode(ssi_nak_cause cause, bool retransmit, ssi_frame *out, stiel_diag *diag)
{
    uint8_t c = (uint8_t)cause;
    return ssi_frame_encode(SSI_OP_CMD_NAK, SSI_SOURCE_HOST, status_byte(retransmit), &c, 1, out,
                            diag);
}

stiel_status ssi_beep_encode(uint8_t code, bool retransmit, ssi_frame *out, stiel_diag *diag)
{
    return ssi_frame_encode(SSI_OP_BEEP, SSI_SOURCE_HOST, status_byte(retransmit), &code, 1, out,
                            diag);
}

stiel_status ssi_param_send_encode(uint8_t beep, bool permanent, const uint8_t *params, size_t n,
                                   bool retransmit, ssi_frame *out, stiel_diag *diag)
{
    if (params == NULL && n > 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "SSI PARAM_SEND: no parameter bytes given");
    if (n + 1 > SSI_DATA_MAX)
        return stiel_diag_set(diag, STIEL_ERR_LENGTH,
                              "SSI PARAM_SEND: %zu parameter bytes, at most %d fit in one packet",
                              n, SSI_DATA_MAX - 1);
    uint8_t data[SSI_DATA_MAX];
    data[0] = beep;
    if (n > 0)
        memcpy(data + 1, params, n);
    uint8_t status = (uint8_t)(status_byte(retransmit) | (permanent ? SSI_STATUS_PERMANENT : 0));
    return ssi_frame_encode(SSI_OP_PARAM_SEND, SSI_SOURCE_HOST, status, data, n + 1, out, diag);
}

/* WAKEUP has no opcode: Zebra's SSI guide says to wake a sleeping decoder by sending a single
 * NUL (0x00) byte and waiting 10 ms..1 s before the next command. We chose exactly that; the
 * decoder ignores the byte when it is awake. */
void ssi_wakeup_encode(ssi_frame *out)
{
    out->bytes[0] = 0x00;
    out->len = 1;
}

const char *ssi_barcode_type_name(uint8_t type)
{
    switch (type) {
    case SSI_BC_CODE39: return "Code 39";
    case SSI_BC_CODABAR: return "Codabar";
    case SSI_BC_CODE128: return "Code 128";
    case SSI_BC_UPC_A: return "UPC-A";
    case SSI_BC_EAN8: return "EAN-8";
    case SSI_BC_EAN13: return "EAN-13";
    case SSI_BC_GS1_128: return "GS1-128";
    case SSI_BC_DATABAR_14: return "GS1 DataBar-14";
    case SSI_BC_DATABAR_EXPANDED: return "GS1 DataBar Expanded";
    default: return NULL;
    }
}

const char *ssi_barcode_type_aim(uint8_t type)
{
    switch (type) {
    case SSI_BC_CODE39: return "]A0";
    case SSI_BC_CODABAR: return "]F0";
    case SSI_BC_CODE128: return "]C0";
    case SSI_BC_UPC_A: return "]E0";
    case SSI_BC_EAN8: return "]E4";
    case SSI_BC_EAN13: return "]E0";
    case SSI_BC_GS1_128: return "]C1";
    case SSI_BC_DATABAR_14: return "]e0";
    case SSI_BC_DATABAR_EXPANDED: return "]e0";
    default: return NULL;
    }
}

const char *ssi_opcode_name(uint8_t opcode)
{
    switch (opcode) {
    case SSI_OP_SSI_MGMT_COMMAND: return "SSI_MGMT_COMMAND";
    case SSI_OP_REQUEST_REVISION: return "REQUEST_REVISION";
    case SSI_OP_REPLY_REVISION: return "REPLY_REVISION";
    case SSI_OP_AIM_OFF: return "AIM_OFF";
    case SSI_OP_AIM_ON: return "AIM_ON";
    case SSI_OP_PARAM_SEND: return "PARAM_SEND";
    case SSI_OP_PARAM_REQUEST: return "PARAM_REQUEST";
    case SSI_OP_PARAM_DEFAULTS: return "PARAM_DEFAULTS";
    case SSI_OP_CMD_ACK: return "CMD_ACK";
    case SSI_OP_CMD_NAK: return "CMD_NAK";
    case SSI_OP_FLUSH_QUEUE: return "FLUSH_QUEUE";
    case SSI_OP_CAPABILITIES_REQUEST: return "CAPABILITIES_REQUEST";
    case SSI_OP_CAPABILITIES_REPLY: return "CAPABILITIES_REPLY";
    case SSI_OP_START_DECODE: return "START_DECODE";
    case SSI_OP_STOP_DECODE: return "STOP_DECODE";
    case SSI_OP_BEEP: return "BEEP";
    case SSI_OP_LED_ON: return "LED_ON";
    case SSI_OP_LED_OFF: return "LED_OFF";
    case SSI_OP_SCAN_ENABLE: return "SCAN_ENABLE";
    case SSI_OP_SCAN_DISABLE: return "SCAN_DISABLE";
    case SSI_OP_SLEEP: return "SLEEP";
    case SSI_OP_DECODE_DATA: return "DECODE_DATA";
    case SSI_OP_EVENT: return "EVENT";
    default: return NULL;
    }
}
