/* Honeywell serial commands: the SYN M CR menu command builder (Tag SubTag Data, chained with
 * ',' and ';', ending in '!' RAM or '.' non-volatile), the SYN T/U CR trigger commands, and
 * the parser of the scanner's echoed reply (ACK/ENQ/NAK byte before each punctuation). Pure. */
#ifndef STIEL_PROTOCOL_SSI_HONEYWELL_H
#define STIEL_PROTOCOL_SSI_HONEYWELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/status.h"

enum {
    HONEYWELL_SYN = 0x16,
    HONEYWELL_ACK = 0x06, /* the setting was accepted */
    HONEYWELL_ENQ = 0x05, /* bad tag or subtag */
    HONEYWELL_NAK = 0x15  /* value out of range */
};

enum {
    HONEYWELL_TAG_LEN = 3,      /* "232" */
    HONEYWELL_SUBTAG_LEN = 3,   /* "BAD" */
    HONEYWELL_DATA_MAX = 32,    /* "5", "?", "^", "*" */
    HONEYWELL_ITEM_TEXT_MAX = 64,
    HONEYWELL_REPLY_ITEMS_MAX = 32,
    HONEYWELL_REPLY_MAX = 1024  /* a reply longer than this is garbage */
};

/* Storage character that ends a menu command. */
typedef enum honeywell_storage {
    HONEYWELL_STORE_RAM = '!',      /* temporary: lost at power off */
    HONEYWELL_STORE_FLASH = '.'     /* non-volatile */
} honeywell_storage;

/* One setting: Tag (3 characters), SubTag (3 characters), Data (may be empty, or a query
 * character: '^' default, '?' current, '*' range). */
typedef struct honeywell_setting {
    char tag[HONEYWELL_TAG_LEN + 1];
    char subtag[HONEYWELL_SUBTAG_LEN + 1];
    char data[HONEYWELL_DATA_MAX + 1];
} honeywell_setting;

/* Appends SYN M CR, then the settings (a setting with the same tag as the one before is chained
 * with ',' and only its SubTag+Data are written; a new tag starts with ';'), then the storage
 * character. Tags and SubTags must be exactly 3 printable ASCII characters (letters, digits);
 * Data printable ASCII without the punctuation , ; ! . (query chars ^ ? * are fine).
 * Example: {232,BAD,5} + {232,DAT,3} → 16 4D 0D "232BAD5,DAT3.". STIEL_ERR_ARG for count 0,
 * STIEL_ERR_CHARSET / STIEL_ERR_LENGTH with a diag naming the setting; out is unchanged on
 * error (appends only after validating). */
stiel_status honeywell_menu_encode(const honeywell_setting *settings, size_t count,
                                   honeywell_storage storage, stiel_buf *out, stiel_diag *diag);

/* Writes the 3 trigger bytes: activate → 16 54 0D (SYN T CR), deactivate → 16 55 0D. */
void honeywell_trigger_encode(bool activate, uint8_t out[3]);

/* One answered setting of a reply. */
typedef struct honeywell_reply_item {
    char tag[HONEYWELL_TAG_LEN + 1];         /* inherited from the item before after ',' */
    char text[HONEYWELL_ITEM_TEXT_MAX + 1];  /* SubTag + Data as echoed, e.g. "BAD5" */
    uint8_t status;                          /* HONEYWELL_ACK / _ENQ / _NAK */
} honeywell_reply_item;

typedef struct honeywell_reply {
    size_t count;
    honeywell_reply_item items[HONEYWELL_REPLY_ITEMS_MAX];
    char storage;    /* the final punctuation: '!' or '.' */
    bool all_ok;     /* every item has HONEYWELL_ACK */
} honeywell_reply;

/* Parses a reply: an optional echoed SYN M CR prefix, then items "TagSubTagData<st>" separated
 * by ",", ";" and ended by "!" or ".", where <st> is the status byte before each punctuation.
 * Sets *used to the bytes of the whole reply (the caller drops them). Errors:
 * STIEL_ERR_TRUNCATED (no final punctuation yet: wait for more bytes; *used = 0),
 * STIEL_ERR_SYNTAX (punctuation without a status byte, a control character, an item shorter
 * than its tag), STIEL_ERR_OVERLONG (too many items, an item too long, or more than
 * HONEYWELL_REPLY_MAX bytes without an end). A reply with ENQ/NAK items parses fine: check
 * all_ok and each item's status. */
stiel_status honeywell_reply_parse(const uint8_t *bytes, size_t n, honeywell_reply *out,
                                   size_t *used, stiel_diag *diag);

#endif
