/* stiel label: placeholder until the subcommand is written. */
#include <stdio.h>

#include "kiosk/app/cli.h"

int cli_label(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("stiel label: not built yet\n", stderr);
    return 2;
}
