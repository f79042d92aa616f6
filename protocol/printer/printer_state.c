/* Printer conditions → summary state by priority, and the English names and messages of
 * states and conditions. Pure. */
#include "protocol/printer/printer_state.h"

#include <stdio.h>
#include <string.h>

enum {
    ERROR_CONDITIONS = PRINTER_COND_PAPER_JAM | PRINTER_COND_RAM_CORRUPT |
                       PRINTER_COND_CUTTER_ERROR | PRINTER_COND_MECHANICAL_ERROR |
                       PRINTER_COND_UNRECOVERABLE | PRINTER_COND_AUTO_RECOVERABLE |
                       PRINTER_COND_ERROR | PRINTER_COND_NOT_NORMAL
};

printer_state printer_state_from_conditions(uint32_t c)
{
    if (c & (PRINTER_COND_HEAD_OPEN | PRINTER_COND_COVER_OPEN))
        return PRINTER_STATE_HEAD_OPEN;
    if (c & PRINTER_COND_PAPER_OUT)
        return PRINTER_STATE_PAPER_OUT;
    if (c & PRINTER_COND_RIBBON_OUT)
        return PRINTER_STATE_RIBBON_OUT;
    if (c & PRINTER_COND_OVER_TEMP)
        return PRINTER_STATE_OVER_TEMP;
    if (c & ERROR_CONDITIONS)
        return PRINTER_STATE_ERROR;
    if (c & PRINTER_COND_BUFFER_FULL)
        return PRINTER_STATE_BUFFER_FULL;
    if (c & PRINTER_COND_PAUSED)
        return PRINTER_STATE_PAUSED;
    if (c & PRINTER_COND_OFFLINE)
        return PRINTER_STATE_OFFLINE;
    return PRINTER_STATE_READY;
}

const char *printer_state_name(printer_state state)
{
    static const char *const names[PRINTER_STATE_COUNT] = {
        "READY", "PAPER_OUT", "RIBBON_OUT", "HEAD_OPEN", "PAUSED",
        "BUFFER_FULL", "OVER_TEMP", "ERROR", "OFFLINE",
    };
    if ((int)state < 0 || state >= PRINTER_STATE_COUNT)
        return "UNKNOWN";
    return names[state];
}

const char *printer_state_message(printer_state state)
{
    switch (state) {
    case PRINTER_STATE_READY:
        return "Printer: ready.";
    case PRINTER_STATE_PAPER_OUT:
        return "Printer: out of labels. Load labels and press FEED.";
    case PRINTER_STATE_RIBBON_OUT:
        return "Printer: out of ribbon. Load a new ribbon and close the print head.";
    case PRINTER_STATE_HEAD_OPEN:
        return "Printer: the print head or cover is open. Close it firmly until it clicks.";
    case PRINTER_STATE_PAUSED:
        return "Printer: paused. Press PAUSE (or FEED) on the printer to continue.";
    case PRINTER_STATE_BUFFER_FULL:
        return "Printer: busy, its memory is full. Wait a moment; it will continue by itself.";
    case PRINTER_STATE_OVER_TEMP:
        return "Printer: the print head is too hot. Wait a few minutes; it will continue by itself.";
    case PRINTER_STATE_ERROR:
        return "Printer: it reports an error (for example a label jam). Check the printer or ask "
               "your supervisor.";
    case PRINTER_STATE_OFFLINE:
        return "Printer: not answering. Check that it is switched on and its cable is plugged in.";
    default:
        return "Printer: unknown state. Ask your supervisor.";
    }
}

const char *printer_condition_name(uint32_t bit)
{
    switch (bit) {
    case PRINTER_COND_PAPER_OUT: return "paper out";
    case PRINTER_COND_RIBBON_OUT: return "ribbon out";
    case PRINTER_COND_HEAD_OPEN: return "head open";
    case PRINTER_COND_COVER_OPEN: return "cover open";
    case PRINTER_COND_PAUSED: return "paused";
    case PRINTER_COND_BUFFER_FULL: return "buffer full";
    case PRINTER_COND_OVER_TEMP: return "over temperature";
    case PRINTER_COND_UNDER_TEMP: return "under temperature";
    case PRINTER_COND_PAPER_JAM: return "paper jam";
    case PRINTER_COND_RAM_CORRUPT: return "RAM corrupt";
    case PRINTER_COND_CUTTER_ERROR: return "cutter error";
    case PRINTER_COND_MECHANICAL_ERROR: return "mechanical error";
    case PRINTER_COND_UNRECOVERABLE: return "unrecoverable error";
    case PRINTER_COND_AUTO_RECOVERABLE: return "auto-recoverable error";
    case PRINTER_COND_ERROR: return "error";
    case PRINTER_COND_OFFLINE: return "offline";
    case PRINTER_COND_PAPER_NEAR_END: return "paper near end";
    case PRINTER_COND_PRINTING: return "printing";
    case PRINTER_COND_LABEL_WAITING: return "label waiting";
    case PRINTER_COND_NOT_NORMAL: return "unnamed status";
    default: return "unknown";
    }
}

size_t printer_conditions_describe(uint32_t conditions, char *out, size_t cap)
{
    size_t need = 0;
    if (cap > 0)
        out[0] = '\0';
    for (unsigned i = 0; i < 32; i++) {
        uint32_t bit = 1u << i;
        if ((conditions & bit) == 0)
            continue;
        const char *name = printer_condition_name(bit);
        const char *sep = need > 0 ? ", " : "";
        size_t add = strlen(sep) + strlen(name);
        if (cap > 0 && need < cap)
            snprintf(out + need, cap - need, "%s%s", sep, name);
        need += add;
    }
    if (need == 0) {
        if (cap > 0)
            snprintf(out, cap, "none");
        need = 4;
    }
    return need;
}
