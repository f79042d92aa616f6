/* espeak-ng as a child process: posix_spawnp, SIGTERM to interrupt, waitpid(WNOHANG) to reap. */
#include "kiosk/app/kiosk_speech.h"

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "common/log.h"

#define LOG_PREFIX "speech"

extern char **environ;

void kiosk_speech_init(kiosk_speech *sp, bool enabled, const char *program)
{
    memset(sp, 0, sizeof *sp);
    sp->enabled = enabled;
    snprintf(sp->program, sizeof sp->program, "%s", program ? program : "espeak-ng");
}

void kiosk_speech_poll(kiosk_speech *sp)
{
    if (sp->child > 0 && waitpid(sp->child, NULL, WNOHANG) == sp->child)
        sp->child = 0;
}

void kiosk_speech_stop(kiosk_speech *sp)
{
    if (sp->child > 0) {
        kill(sp->child, SIGTERM);
        waitpid(sp->child, NULL, 0);
        sp->child = 0;
    }
}

bool kiosk_speech_say(kiosk_speech *sp, catalogue_lang lang, const char *text)
{
    if (!sp->enabled || !text || !text[0])
        return true;
    kiosk_speech_stop(sp);
    const char *voice = catalogue_lang_code(lang);
    char *argv[] = {sp->program, "-v", (char *)(voice ? voice : "nl"), "--", (char *)text, NULL};
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, sp->program, NULL, NULL, argv, environ);
    if (rc != 0) {
        LOG_WARN("cannot start %s: %s (spoken instructions are off)", sp->program, strerror(rc));
        sp->enabled = false;
        return false;
    }
    sp->child = pid;
    return true;
}
