/* The Zebra/Symbol SSI scanner driver: WAKEUP and scan enable/disable, every DECODE_DATA ACKed and
 * delivered once (resent duplicates are ACKed, not delivered), corrupt frames NAKed once per
 * burst, our own commands resent with the retransmit bit on NAK RESEND or silence (bounded), and
 * BEEP/LED feedback. Unknown opcodes and NAK storms are reported, never fatal. */
#include "drivers/scanner_impl.h"

#include <stdio.h>
#include <string.h>

static const char *ssi_op_text(uint8_t op, char *buf, size_t cap)
{
    const char *name = ssi_opcode_name(op);
    if (name)
        return name;
    snprintf(buf, cap, "0x%02X", op);
    return buf;
}

static void ssi_write_frame(scanner *s, const ssi_frame *f)
{
    stiel_status st = stiel_device_write(s->dev, f->bytes, f->len);
    if (st == STIEL_ERR_OVERLONG)
        stiel_device_report_fault(s->dev, st, "%s on %s is not taking data: an SSI packet was not sent",
                                  stiel_device_label(s->dev), stiel_device_port(s->dev));
}

static void ssi_send_head(scanner *s, bool retransmit, uint64_t now)
{
    const scanner_ssi_cmd *c = &s->queue[0];
    ssi_frame f;
    if (ssi_frame_encode(c->opcode, SSI_SOURCE_HOST, retransmit ? SSI_STATUS_RETRANSMIT : 0, c->data, c->n, &f,
                         NULL) != STIEL_OK)
        return;
    ssi_write_frame(s, &f);
    s->outstanding = true;
    s->tries++;
    s->cmd_at = now + s->cfg.ssi.ack_timeout_ms;
}

/* Sends the next command when nothing waits for an ACK and the decoder is awake. */
static void ssi_pump(scanner *s, uint64_t now)
{
    if (!s->outstanding && !s->waking && s->queue_len > 0)
        ssi_send_head(s, false, now);
}

static void ssi_pop(scanner *s)
{
    if (s->queue_len == 0)
        return;
    memmove(&s->queue[0], &s->queue[1], (s->queue_len - 1) * sizeof s->queue[0]);
    s->queue_len--;
    s->outstanding = false;
    s->tries = 0;
    s->cmd_at = 0;
}

/* Queues a host command. A newer SCAN_ENABLE/SCAN_DISABLE replaces an unsent older one. */
static stiel_status ssi_queue(scanner *s, uint8_t op, const uint8_t *data, size_t n, uint64_t now)
{
    if (op == SSI_OP_SCAN_ENABLE || op == SSI_OP_SCAN_DISABLE) {
        unsigned keep = s->outstanding ? 1 : 0;
        for (unsigned i = keep; i < s->queue_len;) {
            uint8_t o = s->queue[i].opcode;
            if (o == SSI_OP_SCAN_ENABLE || o == SSI_OP_SCAN_DISABLE) {
                memmove(&s->queue[i], &s->queue[i + 1], (s->queue_len - i - 1) * sizeof s->queue[0]);
                s->queue_len--;
            } else {
                i++;
            }
        }
    }
    if (s->queue_len == SCANNER_SSI_QUEUE)
        return STIEL_ERR_BUSY;
    scanner_ssi_cmd *c = &s->queue[s->queue_len++];
    c->opcode = op;
    c->n = n;
    if (n)
        memcpy(c->data, data, n);
    ssi_pump(s, now);
    return STIEL_OK;
}

static void ssi_protocol_fault(scanner *s, uint64_t now, const char *what)
{
    if (scanner_limiter_hit(&s->protocol, now, 1, s->cfg.garbage_window_ms, s->cfg.fault_quiet_ms / 6))
        stiel_device_report_fault(s->dev, STIEL_ERR_UNSUPPORTED, "%s on %s %s", stiel_device_label(s->dev),
                                  stiel_device_port(s->dev), what);
}

/* The head command got NAK RESEND or no answer: resend it with the retransmit bit, or give up. */
static void ssi_retry(scanner *s, const char *why, uint64_t now)
{
    if (!s->outstanding)
        return;
    if (s->tries > s->cfg.ssi.retries) {
        char buf[8];
        stiel_device_report_fault(s->dev, STIEL_ERR_TIMEOUT,
                                  "%s on %s did not take the %s command after %u tries (%s): check the cable, "
                                  "the baud rate and that the scanner is set to SSI",
                                  stiel_device_label(s->dev), stiel_device_port(s->dev),
                                  ssi_op_text(s->queue[0].opcode, buf, sizeof buf), s->tries, why);
        ssi_pop(s);
        ssi_pump(s, now);
        return;
    }
    ssi_send_head(s, true, now);
}

static void ssi_on_nak(scanner *s, const ssi_message *m, uint64_t now)
{
    if (scanner_limiter_hit(&s->naks, now, 2 * (s->cfg.ssi.retries + 1), s->cfg.garbage_window_ms,
                            s->cfg.fault_quiet_ms)) {
        char line[STIEL_LINE_SETTINGS_TEXT_MAX];
        scanner_line_text(s->dev, line, sizeof line);
        stiel_device_report_fault(s->dev, STIEL_ERR_GARBAGE,
                                  "%s on %s answers with a storm of NAKs: check baud rate (expected %s) and cable",
                                  stiel_device_label(s->dev), stiel_device_port(s->dev), line);
    }
    if (!s->outstanding)
        return;
    if (m->nak_cause == SSI_NAK_RESEND || m->nak_cause == 0) {
        ssi_retry(s, "NAK RESEND", now);
        return;
    }
    char buf[8];
    stiel_device_report_fault(s->dev, STIEL_ERR_DENIED, "%s on %s refused the %s command (%s)",
                              stiel_device_label(s->dev), stiel_device_port(s->dev),
                              ssi_op_text(s->queue[0].opcode, buf, sizeof buf),
                              m->nak_cause == SSI_NAK_BAD_CONTEXT ? "bad context: not supported by this model"
                              : m->nak_cause == SSI_NAK_DENIED    ? "denied"
                                                                  : "NAK");
    ssi_pop(s);
    ssi_pump(s, now);
}

/* A whole decode: the AIM identifier of its barcode type (unless the scanner sent one), the data. */
static void ssi_on_decode(scanner *s, const ssi_message *m, uint64_t now)
{
    static const size_t cap = SSI_DECODE_MAX + 4;
    uint8_t read[SSI_DECODE_MAX + 4];
    const char *aim = ssi_barcode_type_aim(m->barcode_type);
    size_t k = 0;
    if (aim && !(m->len > 0 && m->data[0] == ']')) {
        k = strlen(aim);
        memcpy(read, aim, k);
    }
    size_t n = m->len < cap - k ? m->len : cap - k;
    memcpy(read + k, m->data, n);
    std_scanner_deliver(s, read, k + n, false, now);
}

static void ssi_send_reply(scanner *s, ssi_reply reply)
{
    ssi_frame f;
    if (reply == SSI_REPLY_ACK && ssi_command_encode(SSI_OP_CMD_ACK, false, &f, NULL) == STIEL_OK)
        ssi_write_frame(s, &f);
    else if (reply == SSI_REPLY_NAK_RESEND && ssi_nak_encode(SSI_NAK_RESEND, false, &f, NULL) == STIEL_OK)
        ssi_write_frame(s, &f);
}

static void ssi_on_message(scanner *s, const ssi_message *m, uint64_t now)
{
    s->nak_sent = false;
    ssi_send_reply(s, m->reply);
    char what[96];
    switch (m->kind) {
    case SSI_MSG_DECODE:
        ssi_on_decode(s, m, now);
        break;
    case SSI_MSG_ACK:
        if (s->outstanding) {
            ssi_pop(s);
            ssi_pump(s, now);
        }
        break;
    case SSI_MSG_NAK:
        ssi_on_nak(s, m, now);
        break;
    case SSI_MSG_UNKNOWN:
        snprintf(what, sizeof what, "sent an unknown SSI packet (opcode 0x%02X, %zu data bytes): ignored", m->opcode,
                 m->len);
        ssi_protocol_fault(s, now, what);
        break;
    case SSI_MSG_NONE:
    case SSI_MSG_DECODE_PART:
    case SSI_MSG_REVISION:
    case SSI_MSG_EVENT:
    case SSI_MSG_CAPABILITIES:
    case SSI_MSG_DUPLICATE:
        break;
    }
}

static void ssi_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    size_t off = 0;
    /* Each call takes at least one byte or completes a result; the bound only guards a bug. */
    for (size_t guard = 0; guard < 4 * (n + SSI_FRAME_MAX) + 16; guard++) {
        size_t used = 0;
        ssi_message m;
        stiel_diag d;
        stiel_status st = ssi_reader_feed(&s->reader, bytes + off, n - off, &used, &m, &d);
        off += used;
        if (st != STIEL_OK) {
            if (m.reply == SSI_REPLY_NAK_RESEND) {
                std_scanner_garbage(s, "corrupt SSI packets", now);
                if (!s->nak_sent) {
                    ssi_send_reply(s, SSI_REPLY_NAK_RESEND);
                    s->nak_sent = true;
                }
            } else {
                ssi_send_reply(s, m.reply);
                ssi_protocol_fault(s, now, d.text);
            }
            continue;
        }
        if (m.kind == SSI_MSG_NONE)
            break;
        ssi_on_message(s, &m, now);
    }
    s->idle_at = ssi_reader_busy(&s->reader) ? now + s->cfg.ssi.idle_reset_ms : 0;
    std_scanner_rearm(s);
}

static void ssi_tick(stiel_device *dev, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    if (s->idle_at && now >= s->idle_at) {
        s->idle_at = 0;
        if (ssi_reader_reset(&s->reader) > 0)
            std_scanner_garbage(s, "incomplete SSI packets", now);
        s->nak_sent = false;
    }
    if (s->cmd_at && now >= s->cmd_at) {
        s->cmd_at = 0;
        if (s->waking) {
            s->waking = false;
            ssi_pump(s, now);
        } else {
            ssi_retry(s, "no answer", now);
        }
    }
    if (s->led_off_at && now >= s->led_off_at) {
        s->led_off_at = 0;
        ssi_queue(s, SSI_OP_LED_OFF, NULL, 0, now);
    }
    std_scanner_rearm(s);
}

static stiel_status ssi_open(stiel_device *dev, uint64_t now)
{
    std_scanner_open(dev, now);
    scanner *s = std_scanner_get(dev);
    ssi_frame wake;
    ssi_wakeup_encode(&wake);
    stiel_status st = stiel_device_write(dev, wake.bytes, wake.len);
    if (st != STIEL_OK)
        return st;
    s->waking = true;
    s->cmd_at = now + s->cfg.ssi.wakeup_ms;
    st = ssi_queue(s, SSI_OP_SCAN_DISABLE, NULL, 0, now); /* quiet until a task expects a scan */
    std_scanner_rearm(s);
    return st;
}

static void ssi_enable(stiel_device *dev, int enabled, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    if (ssi_queue(s, enabled ? SSI_OP_SCAN_ENABLE : SSI_OP_SCAN_DISABLE, NULL, 0, now) != STIEL_OK)
        stiel_device_report_fault(dev, STIEL_ERR_BUSY, "%s on %s: too many commands waiting, scan %s not sent",
                                  stiel_device_label(dev), stiel_device_port(dev), enabled ? "enable" : "disable");
    std_scanner_rearm(s);
}

static stiel_status ssi_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now)
{
    (void)bytes;
    (void)n;
    scanner *s = std_scanner_get(dev);
    stiel_status st;
    uint8_t beep;
    switch (code) {
    case STIEL_SCANNER_CMD_GOOD:
        beep = s->cfg.ssi.beep_good;
        st = ssi_queue(s, SSI_OP_BEEP, &beep, 1, now);
        if (st == STIEL_OK)
            st = ssi_queue(s, SSI_OP_LED_ON, NULL, 0, now);
        if (st == STIEL_OK)
            s->led_off_at = now + s->cfg.ssi.led_ms;
        break;
    case STIEL_SCANNER_CMD_BAD:
        beep = s->cfg.ssi.beep_bad;
        st = ssi_queue(s, SSI_OP_BEEP, &beep, 1, now);
        break;
    case STIEL_SCANNER_CMD_ATTENTION:
        beep = s->cfg.ssi.beep_attention;
        st = ssi_queue(s, SSI_OP_BEEP, &beep, 1, now);
        break;
    default:
        st = STIEL_ERR_UNSUPPORTED;
        break;
    }
    std_scanner_rearm(s);
    return st;
}

const stiel_device_ops stiel_scanner_ssi_ops = {
    .name = "ssi-scanner",
    .on_open = ssi_open,
    .on_readable = ssi_readable,
    .on_tick = ssi_tick,
    .on_hangup = std_scanner_hangup,
    .on_enable = ssi_enable,
    .on_command = ssi_command,
    .destroy = std_scanner_destroy,
};
