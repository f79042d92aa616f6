/* stiel scan PORT: a technician's check of a scanner. Opens the port through the device thread
 * with a scanner driver and prints every read as a JSON line (the stiel decode format) and every
 * state change, status and fault as {"event":...}; Ctrl-C / SIGTERM end it cleanly. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "drivers/device_thread.h"
#include "drivers/scanner.h"
#include "kiosk/app/cli.h"
#include "kiosk/app/cli_json.h"

typedef struct scan_opts {
    const char *port;
    stiel_scanner_config cfg;
    stiel_line_settings line;
    unsigned long count;      /* 0: until a signal */
    unsigned long timeout_ms; /* 0: none */
    bool feedback;            /* GOOD after a valid read, BAD after an invalid one */
} scan_opts;

static void scan_usage(void)
{
    fputs("usage: stiel scan PORT [--driver generic|ssi|honeywell] [--line \"9600 8N1 none\"]\n"
          "                  [--suffix STR] [--prefix STR] [--idle-ms N] [--aim] [--feedback]\n"
          "                  [--count N] [--timeout MS]\n"
          "  Opens the scanner on PORT (/dev/ttyUSB0, /dev/serial/by-id/..., a pty path) and prints\n"
          "  each read as a JSON line, like stiel decode, and each state change or fault as\n"
          "  {\"event\":...}. --aim flags reads without an AIM identifier; --feedback sends the\n"
          "  good/bad beep after each read; --count exits after N reads; --timeout fails (exit 1)\n"
          "  when they do not come within MS milliseconds. STR takes C escapes (\\r \\n \\xHH).\n",
          stderr);
}

static bool scan_number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Returns 0 to go on, -1 after --help, 2 on bad usage (reason printed). */
static int scan_options(int argc, char **argv, scan_opts *o)
{
    stiel_scanner_kind kind = STIEL_SCANNER_GENERIC;
    stiel_diag d;
    const char *line = NULL, *suffix = NULL, *prefix = NULL;
    unsigned long idle = 0;
    bool aim = false, have_idle = false;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            scan_usage();
            return -1;
        }
        if (strcmp(opt, "--aim") == 0) {
            aim = true;
            continue;
        }
        if (strcmp(opt, "--feedback") == 0) {
            o->feedback = true;
            continue;
        }
        if (opt[0] != '-') {
            if (o->port) {
                fprintf(stderr, "stiel scan: one port only ('%s' and '%s')\n", o->port, opt);
                return 2;
            }
            o->port = opt;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "stiel scan: %s needs a value\n", opt);
            scan_usage();
            return 2;
        }
        const char *val = argv[++i];
        if (strcmp(opt, "--driver") == 0) {
            if (stiel_scanner_kind_parse(val, &kind, &d) != STIEL_OK) {
                fprintf(stderr, "stiel scan: %s\n", d.text);
                return 2;
            }
        } else if (strcmp(opt, "--line") == 0) {
            line = val;
        } else if (strcmp(opt, "--suffix") == 0) {
            suffix = val;
        } else if (strcmp(opt, "--prefix") == 0) {
            prefix = val;
        } else if (strcmp(opt, "--idle-ms") == 0) {
            if (!scan_number(val, 0, 600000, &idle)) {
                fprintf(stderr, "stiel scan: --idle-ms '%s': expected 0 to 600000\n", val);
                return 2;
            }
            have_idle = true;
        } else if (strcmp(opt, "--count") == 0) {
            if (!scan_number(val, 1, 1000000000, &o->count)) {
                fprintf(stderr, "stiel scan: --count '%s': expected a positive number\n", val);
                return 2;
            }
        } else if (strcmp(opt, "--timeout") == 0) {
            if (!scan_number(val, 1, 86400000, &o->timeout_ms)) {
                fprintf(stderr, "stiel scan: --timeout '%s': expected milliseconds\n", val);
                return 2;
            }
        } else {
            fprintf(stderr, "stiel scan: unknown option '%s'\n", opt);
            scan_usage();
            return 2;
        }
    }
    if (!o->port) {
        fputs("stiel scan: which port? (stiel devices lists them)\n", stderr);
        scan_usage();
        return 2;
    }
    stiel_scanner_config_default(kind, &o->cfg);
    o->cfg.expect_aim = aim;
    if (have_idle)
        o->cfg.framer.idle_ms = (uint32_t)idle;
    o->line = STIEL_LINE_SETTINGS_DEFAULT;
    if (line && stiel_line_settings_parse(line, &o->line, &d) != STIEL_OK) {
        fprintf(stderr, "stiel scan: --line: %s\n", d.text);
        return 2;
    }
    const char *why = "";
    if (suffix) {
        long n = cli_unescape(suffix, o->cfg.framer.suffix, SCAN_FRAMER_AFFIX_MAX, &why);
        if (n < 0) {
            fprintf(stderr, "stiel scan: --suffix '%s': %s\n", suffix, why);
            return 2;
        }
        o->cfg.framer.suffix_len = (size_t)n;
    }
    if (prefix) {
        long n = cli_unescape(prefix, o->cfg.framer.prefix, SCAN_FRAMER_AFFIX_MAX, &why);
        if (n < 0) {
            fprintf(stderr, "stiel scan: --prefix '%s': %s\n", prefix, why);
            return 2;
        }
        o->cfg.framer.prefix_len = (size_t)n;
    }
    return 0;
}

/* The device thread's callback: hands the event to the main thread through a pipe. */
static void scan_on_event(void *user, stiel_device_event *ev)
{
    int fd = *(int *)user;
    ssize_t w = write(fd, &ev, sizeof ev);
    if (w != (ssize_t)sizeof ev)
        stiel_device_event_free(ev);
}

static stiel_status scan_event_line(stiel_buf *b, const stiel_device_event *ev, bool *valid)
{
    stiel_status st;
    *valid = false;
    if (ev->kind == STIEL_DEVICE_EVENT_DATA) {
        stiel_scan_view v;
        if (ev->code == STIEL_SCANNER_DATA_SCAN && stiel_scan_record_view(ev->data, ev->len, &v) == STIEL_OK) {
            st = cli_json_scan_line(b, v.read, v.rec.read_len);
            *valid = st == STIEL_OK && v.rec.status == STIEL_OK;
            if (st == STIEL_ERR_NOMEM || st == STIEL_ERR_OVERLONG)
                return st;
            if (st == STIEL_OK && v.rec.status != STIEL_OK && b->len > 0) {
                /* The driver's own verdict (e.g. no AIM identifier) that decoding alone cannot see. */
                b->len--;
                st = cli_json_field(b, "error", v.rec.error, strlen(v.rec.error));
                return st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
            }
            return STIEL_OK;
        }
        st = stiel_buf_printf(b, "{\"event\":\"data\",\"code\":%d", ev->code);
        st = st == STIEL_OK ? cli_json_field(b, "data", ev->data, ev->len) : st;
        return st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
    }
    const char *kind = ev->kind == STIEL_DEVICE_EVENT_STATE ? "state" : ev->kind == STIEL_DEVICE_EVENT_STATUS ? "status"
                                                                                                             : "fault";
    st = stiel_buf_printf(b, "{\"event\":\"%s\",\"state\":\"%s\"", kind, stiel_device_state_name(ev->state));
    if (st == STIEL_OK && ev->kind == STIEL_DEVICE_EVENT_STATE)
        st = stiel_buf_printf(b, ",\"from\":\"%s\"", stiel_device_state_name(ev->old_state));
    if (st == STIEL_OK && ev->kind == STIEL_DEVICE_EVENT_STATUS)
        st = stiel_buf_printf(b, ",\"code\":%d", ev->code);
    if (st == STIEL_OK && ev->diag.code != STIEL_OK) {
        const char *e = stiel_strerror(ev->diag.code);
        st = cli_json_field(b, "error", e, strlen(e));
    }
    st = st == STIEL_OK ? cli_json_field(b, "message", ev->diag.text, strlen(ev->diag.text)) : st;
    return st == STIEL_OK ? stiel_buf_puts(b, "}") : st;
}

/* Runs until count reads, a signal, or the timeout. Returns the exit status. */
static int scan_loop(const scan_opts *o, stiel_device_thread *thr, int id, int event_fd, int sig_fd)
{
    stiel_buf line;
    stiel_buf_init(&line, 0);
    unsigned long reads = 0;
    uint64_t start = stiel_device_now_ms();
    int status = 0;
    for (;;) {
        int wait = -1;
        if (o->timeout_ms) {
            uint64_t now = stiel_device_now_ms();
            if (now - start >= o->timeout_ms) {
                fprintf(stderr, "stiel scan: %lu of %lu reads within %lu ms\n", reads, o->count, o->timeout_ms);
                status = 1;
                break;
            }
            wait = (int)(o->timeout_ms - (now - start));
        }
        struct pollfd p[2] = {{.fd = event_fd, .events = POLLIN}, {.fd = sig_fd, .events = POLLIN}};
        int r = poll(p, 2, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (p[1].revents & POLLIN)
            break;
        if (!(p[0].revents & POLLIN))
            continue;
        stiel_device_event *ev = NULL;
        if (read(event_fd, &ev, sizeof ev) != (ssize_t)sizeof ev || !ev)
            continue;
        bool valid = false;
        stiel_buf_reset(&line);
        stiel_status st = scan_event_line(&line, ev, &valid);
        bool is_data = ev->kind == STIEL_DEVICE_EVENT_DATA;
        stiel_device_event_free(ev);
        if (st == STIEL_OK && stiel_buf_puts(&line, "\n") == STIEL_OK) {
            if (fwrite(line.data, 1, line.len, stdout) != line.len || fflush(stdout) != 0) {
                status = 1;
                break;
            }
        }
        if (!is_data)
            continue;
        reads++;
        if (o->feedback)
            stiel_device_thread_command(thr, id, valid ? STIEL_SCANNER_CMD_GOOD : STIEL_SCANNER_CMD_BAD, NULL, 0,
                                        NULL);
        if (o->count && reads >= o->count)
            break;
    }
    stiel_buf_free(&line);
    fprintf(stderr, "stiel scan: %lu reads\n", reads);
    return status;
}

static void scan_drain(int fd)
{
    stiel_device_event *ev = NULL;
    while (read(fd, &ev, sizeof ev) == (ssize_t)sizeof ev)
        stiel_device_event_free(ev);
}

int cli_scan(int argc, char **argv)
{
    scan_opts o;
    memset(&o, 0, sizeof o);
    int rc = scan_options(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0) {
        fprintf(stderr, "stiel scan: cannot make a pipe: %s\n", strerror(errno));
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(pipe_fd[i], F_SETFL, fcntl(pipe_fd[i], F_GETFL) | O_NONBLOCK);
        fcntl(pipe_fd[i], F_SETFD, FD_CLOEXEC);
    }
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &mask, NULL); /* before the device thread exists: it inherits it */
    signal(SIGPIPE, SIG_IGN);
    int sig_fd = signalfd(-1, &mask, SFD_CLOEXEC);
    stiel_diag d;
    stiel_device_thread_config tc = {.on_event = scan_on_event, .user = &pipe_fd[1]};
    stiel_device_thread *thr = NULL;
    void *data = NULL;
    int id = 0;
    int status = 1;
    if (sig_fd < 0) {
        fprintf(stderr, "stiel scan: signalfd: %s\n", strerror(errno));
    } else if (stiel_scanner_new(&o.cfg, &data, &d) != STIEL_OK || stiel_device_thread_new(&tc, &thr, &d) != STIEL_OK) {
        fprintf(stderr, "stiel scan: %s\n", d.text);
        status = 2;
    } else {
        stiel_device_config dc = {.port = o.port, .label = "scanner", .line = o.line,
                                  .ops = stiel_scanner_ops(o.cfg.kind), .driver_data = data};
        if (stiel_device_thread_add(thr, &dc, &id, &d) != STIEL_OK) {
            fprintf(stderr, "stiel scan: %s\n", d.text);
            status = 2;
        } else {
            data = NULL; /* the device owns it now */
            if (stiel_device_thread_enable(thr, id, 1, &d) != STIEL_OK ||
                stiel_device_thread_start(thr, &d) != STIEL_OK)
                fprintf(stderr, "stiel scan: %s\n", d.text);
            else
                status = scan_loop(&o, thr, id, pipe_fd[0], sig_fd);
        }
    }
    stiel_device_thread_free(thr);
    stiel_scanner_free(data);
    scan_drain(pipe_fd[0]);
    close(pipe_fd[0]);
    close(pipe_fd[1]);
    if (sig_fd >= 0)
        close(sig_fd);
    return status;
}
