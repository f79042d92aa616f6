/* The kiosk's pictograms, drawn with shapes (no files): one per instruction and state, so that
 * every text has a picture and colour never carries meaning alone (check, cross, "!"). */
#ifndef STIEL_UI_ICONS_H
#define STIEL_UI_ICONS_H

#include "kiosk/ui/ui_internal.h"

typedef enum ui_icon {
    ICON_LOCATION = 0,   /* a shelf with a pin */
    ICON_SCAN,           /* a scanner with its beam */
    ICON_ITEM,           /* a product box */
    ICON_QTY,            /* stacked units */
    ICON_TOTE,           /* a crate */
    ICON_BOX,            /* an open cardboard box */
    ICON_PRINTER,
    ICON_LABEL,          /* a label with bars */
    ICON_HELP,           /* a raised hand */
    ICON_COACH,          /* a person */
    ICON_CHECK,
    ICON_CROSS,
    ICON_ATTENTION,      /* "!" in a triangle */
    ICON_EMPTY_SHELF,
    ICON_DAMAGED,        /* a box with a crack */
    ICON_NOT_FOUND,      /* a magnifier with "?" */
    ICON_OTHER_ITEM,     /* two boxes, different */
    ICON_BADGE,          /* a badge card */
    ICON_ARROW,          /* next (points forward: mirrored in Arabic) */
    ICON_UNDO,
    ICON_SKIP,
    ICON_PHOTO,          /* an eye: show the photo */
    ICON_STAR,
    ICON_WALK,           /* go to the location */
    ICON_HAND_PUT,       /* put in the tote: a down arrow into a crate */
    ICON_COUNT
} ui_icon;

/* Draws icon in the square that fits box (centred), in colour fg (and light detail in bg). */
void icon_draw(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg);

#endif
