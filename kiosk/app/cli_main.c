/* Entry point of the `stiel` command-line tool: dispatches `stiel <subcommand> ...` to the
 * functions declared in cli.h and prints `stiel help`. */
#include <stdio.h>
#include <string.h>

#include "kiosk/app/cli.h"

typedef struct cli_command {
    const char *name;
    const char *usage;
    int (*run)(int argc, char **argv);
} cli_command;

static const cli_command commands[] = {
    {"decode", "decode [--suffix X] [--prefix X] [--max N] [--idle-ms N] [--ssi]  < capture",
     cli_decode},
    {"label", "label TEMPLATE [--set key=value ...] --lang zpl|tspl|epl|escpos|png "
              "[--raster z64|hex|rle] [--dpi 203|300] --out FILE",
     cli_label},
    {"verify", "verify [--code HEX] [--db PATH]", cli_verify},
    {"export", "export events --csv [--db PATH] [--out FILE] | export xapi [--db PATH] "
               "[--out FILE] [--home-page IRI]",
     cli_export},
    {"competency", "competency TRAINEE [--db PATH] [--assets DIR]", cli_competency},
    {"report", "report TRAINEE [--from YYYY-MM-DD --to YYYY-MM-DD] --format pdf|html|csv --out FILE "
               "[--db PATH] [--with-names] [--assets DIR] [--kiosk K]... [--by STAFF]",
     cli_report},
    {"scan", "scan PORT [--driver generic|ssi|honeywell] [--line \"9600 8N1 none\"] [--suffix X] "
             "[--count N] [--timeout MS]",
     cli_scan},
    {"sim scanner", "sim scanner [--ssi|--honeywell] [--script FILE] [--link PATH] [--aim] [--suffix X]",
     cli_sim_scanner},
    {"sim printer", "sim printer [--zpl|--tspl|--escpos] [--link PATH | --tcp PORT] [--out DIR] "
                    "[--control SOCKET]",
     cli_sim_printer},
    {"print", "print PORT TEMPLATE [--set key=value ...] [--lang zpl|tspl|epl|escpos] "
              "[--driver zpl|tspl|epl|escpos|virtual] [--raster z64|hex|rle] [--line \"9600 8N1\"] [--spool DIR]",
     cli_print},
    {"devices", "devices [--probe]", cli_devices},
    {"import", "import catalogue|orders [--db PATH] [--kiosk K] [--by ID] DIR|FILE...",
     cli_import},
    {"trainee", "trainee list|add|level|erase|consent [--db PATH] ... (stiel trainee help)", cli_trainee},
    {"practice", "practice --trainee T --seed N (--script FILE | --make-script) [--db PATH] "
                 "[--kiosk K] [--step-delay-ms N]",
     cli_practice},
    {"staff", "staff list | add ID --role coach|supervisor --badge B --name N [--by BADGE] | "
              "pin BADGE [--by BADGE]  [--db PATH]",
     cli_staff},
    {"signoff", "signoff TRAINEE COMPETENCY --by BADGE [--reason TEXT] [--db PATH]", cli_signoff},
    {"credential", "credential TRAINEE COMPETENCY|--all --out FILE|DIR [--db PATH] [--with-names]",
     cli_credential},
    {"verify-credential", "verify-credential FILE [--db PATH | --key FILE] [--allow-reformatted]",
     cli_verify_credential},
    {"observe", "observe TRAINEE --category C --outcome positive|concern [--text T] --by BADGE "
                "[--corrects EVENT | --void EVENT --why TEXT] [--db PATH]",
     cli_observe},
    {"observations", "observations TRAINEE [--db PATH]", cli_observations},
    {"setup-labels", "setup-labels locations|items|totes|badges [--select CODE,...] [--count N] "
                     "(--out DIR [--lang png|zpl|tspl|epl|escpos] | --printer PORT "
                     "[--driver zpl|tspl|epl|escpos|virtual]) --by BADGE [--db PATH]",
     cli_setup_labels},
    {"retention", "retention show | set DAYS --by BADGE | apply (--by BADGE | --dry-run)  "
                  "[--db PATH]",
     cli_retention},
};

static void print_help(FILE *out)
{
    fputs("stiel: the floor client of the training hub\n\nusage:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  stiel %s\n", commands[i].usage);
    fputs("  stiel help\n", out);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
        print_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    /* two-word commands ("sim scanner"): the second word becomes the command's argv[0] */
    for (size_t i = 0; argc >= 3 && i < sizeof commands / sizeof commands[0]; i++) {
        const char *name = commands[i].name;
        size_t k = strlen(argv[1]);
        if (strncmp(name, argv[1], k) == 0 && name[k] == ' ' && strcmp(name + k + 1, argv[2]) == 0)
            return commands[i].run(argc - 2, argv + 2);
    }
    fprintf(stderr, "stiel: unknown command '%s' (try: stiel help)\n", argv[1]);
    return 2;
}
