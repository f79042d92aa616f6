/* The one logging module: every message goes through here with its file's prefix, never bare
 * printf. Logs never carry personal data: log trainee ids, not names. Thread-safe. */
#ifndef STIEL_COMMON_LOG_H
#define STIEL_COMMON_LOG_H

typedef enum stiel_log_level {
    STIEL_LOG_DEBUG = 0,
    STIEL_LOG_INFO,
    STIEL_LOG_WARN,
    STIEL_LOG_ERROR,
    STIEL_LOG_QUIET
} stiel_log_level;

/* Messages below level are dropped. Default STIEL_LOG_WARN, or $STIEL_LOG (debug|info|warn|error)
 * read once at the first message. */
void stiel_log_set_level(stiel_log_level level);

/* Writes "LEVEL prefix: message\n" to stderr (or the file given to stiel_log_to_file). */
void stiel_log_write(stiel_log_level level, const char *prefix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sends the log to a file opened for append with mode 0600; returns 0 or -1 (stderr kept). */
int stiel_log_to_file(const char *path);

/* Each .c file defines LOG_PREFIX ("gs1", "transport", ...) before using these. */
#define LOG_DEBUG(...) stiel_log_write(STIEL_LOG_DEBUG, LOG_PREFIX, __VA_ARGS__)
#define LOG_INFO(...) stiel_log_write(STIEL_LOG_INFO, LOG_PREFIX, __VA_ARGS__)
#define LOG_WARN(...) stiel_log_write(STIEL_LOG_WARN, LOG_PREFIX, __VA_ARGS__)
#define LOG_ERROR(...) stiel_log_write(STIEL_LOG_ERROR, LOG_PREFIX, __VA_ARGS__)

#endif
