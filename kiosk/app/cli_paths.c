/* The CLI's shared folders (see cli_paths.h): the spool folder's default and mkdir -p. */
#include "kiosk/app/cli_paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_spool_dir(const char *opt, char *out, size_t cap)
{
    const char *env = getenv("STIEL_SPOOL"), *xdg = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    if (opt)
        snprintf(out, cap, "%s", opt);
    else if (env && env[0])
        snprintf(out, cap, "%s", env);
    else if (xdg && xdg[0])
        snprintf(out, cap, "%s/stiel/spool", xdg);
    else if (home && home[0])
        snprintf(out, cap, "%s/.local/state/stiel/spool", home);
    else
        snprintf(out, cap, "/tmp/stiel-spool-%ld", (long)getuid());
}

int cli_mkdir_p(const char *path)
{
    char tmp[1024];
    size_t n = strlen(path);
    if (n >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp, path, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(tmp, 0700) == 0 || errno == EEXIST ? 0 : -1;
}
