/* CRC-16/XMODEM, bit by bit (the Z64 texts are small; a table buys nothing measurable here).
 * See crc16.h. */
#include "protocol/raster/crc16.h"

uint16_t crc16_xmodem(uint16_t crc, const void *data, size_t n)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++) {
        crc ^= (uint16_t)(p[i] << 8);
        for (int bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
}
