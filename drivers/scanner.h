/* Serial barcode scanner drivers (generic serial, Zebra SSI, Honeywell serial): their config, the
 * feedback command codes the app sends, and the scan record every DATA event carries, so the app
 * never parses scanner bytes itself. */
#ifndef STIEL_DRIVERS_SCANNER_H
#define STIEL_DRIVERS_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"
#include "drivers/device.h"
#include "protocol/scan/framer.h"
#include "protocol/ssi/honeywell.h"

typedef enum stiel_scanner_kind {
    STIEL_SCANNER_GENERIC = 0, /* reads end at CR/LF/suffix/idle gap; optional AIM prefix */
    STIEL_SCANNER_SSI,         /* Zebra/Symbol SSI packets with ACK/NAK */
    STIEL_SCANNER_HONEYWELL    /* framed like generic; SYN M menu feedback, SYN T/U trigger */
} stiel_scanner_kind;

/* Feedback commands for stiel_device_thread_command(thr, id, code, NULL, 0). Every scanner driver
 * takes them; what they sound like is the driver's (SSI: BEEP codes + LED; Honeywell: SYN M). */
enum {
    STIEL_SCANNER_CMD_GOOD = 1,      /* the scan was what the task expected */
    STIEL_SCANNER_CMD_BAD = 2,       /* wrong item / unreadable: try again */
    STIEL_SCANNER_CMD_ATTENTION = 3  /* look at the screen */
};

/* DATA event code of a scan. The payload (ev->data, ev->len) is a scan record: a
 * stiel_scan_record header, then the read as received (AIM identifier included; for SSI the
 * identifier derived from the barcode type), a NUL, the GS1 HRI text ("(01)...(10)..."), a NUL.
 * Read it with stiel_scan_record_view(); never cast ev->data (it may be unaligned). */
enum { STIEL_SCANNER_DATA_SCAN = 1 };

enum { STIEL_SCAN_RECORD_VERSION = 1, STIEL_SCAN_SYMBOLOGY_NAME_MAX = 32 };

typedef struct stiel_scan_record {
    uint32_t version;                           /* STIEL_SCAN_RECORD_VERSION */
    int32_t status;                             /* scan_decode: STIEL_OK or the first problem */
    int32_t symbology;                          /* scan_symbology (protocol/scan/aim.h) */
    char symbology_name[STIEL_SCAN_SYMBOLOGY_NAME_MAX]; /* "GS1-128"; "unknown" without id */
    char aim[4];                                /* "]C1"; "" without identifier */
    char gtin[15];                              /* 14-digit GTIN of ]E0/]E4 reads, else "" */
    char error[STIEL_DIAG_TEXT_MAX];            /* why status is not STIEL_OK, else "" */
    uint32_t read_len;                          /* bytes of the read */
    uint32_t data_off;                          /* where the data after the AIM id starts */
    uint32_t hri_len;                           /* bytes of GS1 HRI text; 0 when not GS1 */
} stiel_scan_record;

/* A scan record taken apart: header copied, pointers into the payload (valid while it lives). */
typedef struct stiel_scan_view {
    stiel_scan_record rec;
    const uint8_t *read;   /* read_len bytes, NUL after them */
    const uint8_t *data;   /* the read after its AIM id */
    size_t data_len;
    const char *hri;       /* NUL-terminated; "" when not GS1 */
} stiel_scan_view;

/* Decodes one complete read (scan_decode) and writes its record into out (reset first).
 * Returns STIEL_OK when the record was written (decode problems are inside it), STIEL_ERR_NOMEM
 * or STIEL_ERR_OVERLONG from the buffer, STIEL_ERR_ARG for NULL. */
stiel_status stiel_scan_record_build(const uint8_t *read, size_t len, stiel_buf *out);

/* Checks a payload (size, version, lengths, NULs) and fills *out. STIEL_ERR_CORRUPT when it is
 * not a scan record, STIEL_ERR_ARG for NULL. */
stiel_status stiel_scan_record_view(const void *payload, size_t n, stiel_scan_view *out);

/* Zebra SSI settings. */
typedef struct stiel_scanner_ssi_config {
    uint32_t ack_timeout_ms;   /* wait this long for the decoder's ACK before resending */
    unsigned retries;          /* resends of one command (NAK RESEND or no answer), then a FAULT */
    uint32_t idle_reset_ms;    /* a partial frame older than this is dropped (ssi_reader_reset) */
    uint32_t wakeup_ms;        /* wait after the WAKEUP byte before the first command */
    uint32_t led_ms;           /* the green LED stays on this long after GOOD */
    uint8_t beep_good;         /* BEEP codes: 0x00 one short high */
    uint8_t beep_bad;          /* 0x06 two short low */
    uint8_t beep_attention;    /* 0x01 two short high */
} stiel_scanner_ssi_config;

/* Honeywell settings. The beeper menu settings differ per model: check the model's Serial
 * Programming chapter and set them here. */
typedef struct stiel_scanner_honeywell_config {
    bool manual_trigger;               /* SYN T on enable and after each read, SYN U on disable */
    uint32_t reply_timeout_ms;         /* wait for a menu command's echo */
    honeywell_setting good, bad, attention;
} stiel_scanner_honeywell_config;

/* One scanner's configuration; start from stiel_scanner_config_default(). */
typedef struct stiel_scanner_config {
    stiel_scanner_kind kind;
    scan_framer_config framer;   /* generic and Honeywell: suffix, prefix, max_len, idle gap */
    bool expect_aim;             /* reads without an AIM identifier carry an error */
    unsigned garbage_threshold;  /* unreadable reads (or corrupt SSI packets) within the window... */
    uint32_t garbage_window_ms;  /* ...that raise one "check baud rate" FAULT */
    uint32_t fault_quiet_ms;     /* after a FAULT, the same kind of FAULT is not repeated for this long */
    stiel_scanner_ssi_config ssi;
    stiel_scanner_honeywell_config honeywell;
} stiel_scanner_config;

/* Fills cfg with the defaults for kind: CR/LF/CRLF end a read, idle gap 100 ms, max 4096 bytes,
 * 3 unreadable reads in 10 s raise a FAULT, faults quiet for 60 s; SSI: ACK timeout 500 ms, 3
 * retries, idle reset 500 ms, wakeup 20 ms, LED 300 ms, beeps 0x00/0x06/0x01; Honeywell: no
 * manual trigger, reply timeout 500 ms, settings BEPEXE1 / BEPEXE2 / BEPEXE3. */
void stiel_scanner_config_default(stiel_scanner_kind kind, stiel_scanner_config *cfg);

/* Parses "generic", "ssi", "honeywell". STIEL_ERR_NOT_FOUND with a diag listing them. */
stiel_status stiel_scanner_kind_parse(const char *name, stiel_scanner_kind *out, stiel_diag *diag);

/* The driver vtables. */
extern const stiel_device_ops stiel_scanner_generic_ops;
extern const stiel_device_ops stiel_scanner_ssi_ops;
extern const stiel_device_ops stiel_scanner_honeywell_ops;

/* The vtable for a kind (never NULL for a valid kind; NULL otherwise). */
const stiel_device_ops *stiel_scanner_ops(stiel_scanner_kind kind);

/* Allocates the driver data for a scanner (cfg NULL: the defaults of kind GENERIC). Pass it as
 * stiel_device_config.driver_data with ops = stiel_scanner_ops(cfg->kind); the device frees it.
 * STIEL_ERR_ARG (bad framer settings, with diag), STIEL_ERR_NOMEM. */
stiel_status stiel_scanner_new(const stiel_scanner_config *cfg, void **driver_data, stiel_diag *diag);

/* Frees driver data from stiel_scanner_new that was never handed to a device. NULL is fine. */
void stiel_scanner_free(void *driver_data);

#endif
