/* The Honeywell serial scanner: framed like the generic scanner; feedback as SYN M menu commands
 * (honeywell_menu_encode, RAM storage) whose echo is taken out of the byte stream and checked;
 * in manual-trigger mode SYN T on enable and after each read, SYN U on disable. */
#include "drivers/scanner_impl.h"

#include <string.h>

static void hw_flush_reply(scanner *s, uint64_t now)
{
    size_t n = s->reply_len;
    s->reply_len = 0;
    if (n)
        std_scanner_feed(s, s->reply, n, now);
}

static void hw_write_trigger(scanner *s, bool activate)
{
    uint8_t t[3];
    honeywell_trigger_encode(activate, t);
    stiel_device_write(s->dev, t, sizeof t);
}

/* Feeds bytes to the framer and re-triggers after a read in manual-trigger mode. */
static void hw_feed(scanner *s, const uint8_t *bytes, size_t n, uint64_t now)
{
    uint64_t before = scan_framer_stats_get(&s->framer)->reads;
    std_scanner_feed(s, bytes, n, now);
    if (s->cfg.honeywell.manual_trigger && scan_framer_stats_get(&s->framer)->reads != before &&
        stiel_device_state_get(s->dev) == STIEL_DEVICE_ENABLED)
        hw_write_trigger(s, true);
}

/* Takes menu echoes from the front of the reply buffer; what is no echo goes to the framer. */
static void hw_take_replies(scanner *s, uint64_t now)
{
    while (s->replies_due > 0 && s->reply_len > 0) {
        honeywell_reply r;
        size_t used = 0;
        stiel_diag d;
        stiel_status st = honeywell_reply_parse(s->reply, s->reply_len, &r, &used, &d);
        if (st == STIEL_ERR_TRUNCATED)
            return;
        if (st != STIEL_OK) {
            hw_flush_reply(s, now);
            return;
        }
        if (!r.all_ok)
            stiel_device_report_fault(s->dev, STIEL_ERR_UNSUPPORTED,
                                      "%s on %s did not accept the feedback menu command (%s%s): set the beeper "
                                      "settings for this model",
                                      stiel_device_label(s->dev), stiel_device_port(s->dev),
                                      r.count ? r.items[0].tag : "", r.count ? r.items[0].text : "");
        memmove(s->reply, s->reply + used, s->reply_len - used);
        s->reply_len -= used;
        s->replies_due--;
    }
    if (s->replies_due == 0) {
        s->cmd_at = 0;
        hw_flush_reply(s, now);
    }
}

static void hw_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    if (s->replies_due == 0) {
        hw_feed(s, bytes, n, now);
        return;
    }
    size_t room = sizeof s->reply - s->reply_len;
    size_t take = n < room ? n : room;
    memcpy(s->reply + s->reply_len, bytes, take);
    s->reply_len += take;
    hw_take_replies(s, now);
    if (take < n) {
        hw_flush_reply(s, now);
        hw_feed(s, bytes + take, n - take, now);
    }
    std_scanner_rearm(s);
}

static void hw_tick(stiel_device *dev, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    if (s->cmd_at && now >= s->cmd_at) {
        s->cmd_at = 0;
        if (s->replies_due > 0 &&
            scanner_limiter_hit(&s->protocol, now, 1, s->cfg.garbage_window_ms, s->cfg.fault_quiet_ms))
            stiel_device_report_fault(dev, STIEL_ERR_TIMEOUT,
                                      "%s on %s did not answer a menu command: is it a Honeywell scanner with "
                                      "serial commands enabled?",
                                      stiel_device_label(dev), stiel_device_port(dev));
        s->replies_due = 0;
        hw_flush_reply(s, now);
    }
    std_scanner_tick(dev, now);
}

static void hw_enable(stiel_device *dev, int enabled, uint64_t now)
{
    (void)now;
    scanner *s = std_scanner_get(dev);
    if (s->cfg.honeywell.manual_trigger)
        hw_write_trigger(s, enabled != 0);
}

static stiel_status hw_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now)
{
    (void)bytes;
    (void)n;
    scanner *s = std_scanner_get(dev);
    const honeywell_setting *set;
    switch (code) {
    case STIEL_SCANNER_CMD_GOOD: set = &s->cfg.honeywell.good; break;
    case STIEL_SCANNER_CMD_BAD: set = &s->cfg.honeywell.bad; break;
    case STIEL_SCANNER_CMD_ATTENTION: set = &s->cfg.honeywell.attention; break;
    default: return STIEL_ERR_UNSUPPORTED;
    }
    stiel_buf b;
    stiel_buf_init(&b, 128);
    stiel_diag d;
    stiel_status st = honeywell_menu_encode(set, 1, HONEYWELL_STORE_RAM, &b, &d);
    if (st == STIEL_OK)
        st = stiel_device_write(dev, b.data, b.len);
    stiel_buf_free(&b);
    if (st != STIEL_OK)
        return st;
    s->replies_due++;
    s->cmd_at = now + s->cfg.honeywell.reply_timeout_ms;
    std_scanner_rearm(s);
    return STIEL_OK;
}

const stiel_device_ops stiel_scanner_honeywell_ops = {
    .name = "honeywell-scanner",
    .on_open = std_scanner_open,
    .on_readable = hw_readable,
    .on_tick = hw_tick,
    .on_hangup = std_scanner_hangup,
    .on_enable = hw_enable,
    .on_command = hw_command,
    .destroy = std_scanner_destroy,
};
