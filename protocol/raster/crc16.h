/* CRC-16/XMODEM (poly 0x1021, init 0, no reflection, no final xor): the checksum ZPL puts after
 * :Z64: and :B64: graphic data, computed over the Base64 text. Pure. */
#ifndef STIEL_PROTOCOL_RASTER_CRC16_H
#define STIEL_PROTOCOL_RASTER_CRC16_H

#include <stddef.h>
#include <stdint.h>

/* Continues a CRC-16/XMODEM over n bytes; start with crc = 0. crc16_xmodem(0, "123456789", 9)
 * is 0x31C3. data may be NULL when n is 0. */
uint16_t crc16_xmodem(uint16_t crc, const void *data, size_t n);

#endif
