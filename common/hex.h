/* One hexadecimal digit's value, for the decoders that read hex (ZPL ^FH escapes and ^GF data,
 * the flow event text, the CLI's \x escapes). Pure, usable by protocol/. */
#ifndef STIEL_COMMON_HEX_H
#define STIEL_COMMON_HEX_H

/* The value 0..15 of the hex digit c ('0'-'9', 'A'-'F', 'a'-'f'), or -1 for any other char. */
int stiel_hex_value(char c);

#endif
