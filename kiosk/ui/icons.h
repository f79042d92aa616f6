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
    /* coach and supervisor screens (icons_staff.c) */
    ICON_CHART,          /* bars and a line */
    ICON_FLAG,           /* a flag on a pole: flagged events */
    ICON_NOTE,           /* a note with a pencil: an observation */
    ICON_SIGN,           /* a seal with a check: sign off */
    ICON_EXPORT,         /* a folder with an arrow out: the dossier to a stick */
    ICON_IMPORT,         /* a folder with an arrow in */
    ICON_SETTINGS,       /* three sliders */
    ICON_FLOOR,          /* a floor plan: kiosks and trainees */
    ICON_SMILE_HAPPY,
    ICON_SMILE_OK,
    ICON_SMILE_SAD,
    ICON_EXIT,           /* a door with an arrow: leave the kiosk */
    ICON_PLUS,
    ICON_MINUS,
    ICON_SPEAK,          /* a speaker: spoken instructions */
    ICON_LANGUAGE,       /* a speech bubble: language */
    ICON_DRILL,          /* a target: practice drills */
    ICON_COUNT
} ui_icon;

/* Draws icon in the square that fits box (centred), in colour fg (and light detail in bg). */
void icon_draw(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg);

/* The coach and supervisor icons (ICON_CHART and after) in box, unmirrored (icon_draw mirrors). */
void icon_staff_shapes(ui *u, ui_icon icon, ui_rect box, ui_colour fg, ui_colour bg);

#endif
