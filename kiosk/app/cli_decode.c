/* stiel decode: placeholder until the subcommand is written. */
#include <stdio.h>

#include "kiosk/app/cli.h"

int cli_decode(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("stiel decode: not built yet\n", stderr);
    return 2;
}
