/* The generic serial scanner: reads end at CR, LF, CRLF, a configured suffix or an idle gap
 * (timed with the device deadline); each read is decoded (AIM, GS1, GTIN) into a scan record.
 * The scanner cannot be told anything, so feedback commands are accepted and do nothing. */
#include "drivers/scanner_impl.h"

static void generic_readable(stiel_device *dev, const uint8_t *bytes, size_t n, uint64_t now)
{
    scanner *s = std_scanner_get(dev);
    std_scanner_feed(s, bytes, n, now);
}

/* A plain serial scanner has no way to beep on command: the kiosk's own sound does it. */
static stiel_status generic_command(stiel_device *dev, int code, const uint8_t *bytes, size_t n, uint64_t now)
{
    (void)dev;
    (void)bytes;
    (void)n;
    (void)now;
    if (code == STIEL_SCANNER_CMD_GOOD || code == STIEL_SCANNER_CMD_BAD || code == STIEL_SCANNER_CMD_ATTENTION)
        return STIEL_OK;
    return STIEL_ERR_UNSUPPORTED;
}

const stiel_device_ops stiel_scanner_generic_ops = {
    .name = "generic-scanner",
    .on_open = std_scanner_open,
    .on_readable = generic_readable,
    .on_tick = std_scanner_tick,
    .on_hangup = std_scanner_hangup,
    .on_command = generic_command,
    .destroy = std_scanner_destroy,
};
