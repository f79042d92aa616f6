/* Implementation of the logging module: level filter, one mutex, stderr or a private file. */
#include "common/log.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_level = -1;
static FILE *log_file;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

static int level_from_env(void)
{
    const char *env = getenv("STIEL_LOG");
    if (!env)
        return STIEL_LOG_WARN;
    for (int i = 0; i < 4; i++)
        if (strcmp(env, level_names[i]) == 0)
            return i;
    return STIEL_LOG_WARN;
}

void stiel_log_set_level(stiel_log_level level)
{
    pthread_mutex_lock(&log_lock);
    log_level = (int)level;
    pthread_mutex_unlock(&log_lock);
}

int stiel_log_to_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "a");
    if (!f) {
        close(fd);
        return -1;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    pthread_mutex_lock(&log_lock);
    if (log_file)
        fclose(log_file);
    log_file = f;
    pthread_mutex_unlock(&log_lock);
    return 0;
}

void stiel_log_write(stiel_log_level level, const char *prefix, const char *fmt, ...)
{
    pthread_mutex_lock(&log_lock);
    if (log_level < 0)
        log_level = level_from_env();
    if ((int)level < log_level || level >= STIEL_LOG_QUIET) {
        pthread_mutex_unlock(&log_lock);
        return;
    }
    FILE *out = log_file ? log_file : stderr;
    if (log_file) {
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
        fputs(stamp, out);
    }
    fprintf(out, "%s %s: ", level_names[level], prefix ? prefix : "stiel");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
    pthread_mutex_unlock(&log_lock);
}
