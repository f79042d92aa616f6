/* stiel sim printer: a ZPL, TSPL or ESC/POS label printer on a pty (with a stable symlink) or on
 * 127.0.0.1:PORT, around the simulator core of drivers/printer_sim.h. It answers status queries for
 * its state, renders every label it prints to a PNG in --out, and takes control words (paper-out,
 * paper-in, head-open, head-close, pause, resume, silent, answer, status, quit) from its stdin and
 * from a unix control socket. ZPL labels are drawn from the graphics they carry (^GFA, ^GB); native
 * ZPL text and barcodes go through protocol/label/zpl_parse + render/ when that parser is built in,
 * else the label's bytes are saved beside the PNGs. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "drivers/printer_preview.h"
#include "drivers/printer_sim.h"
#include "kiosk/app/cli.h"
#include "kiosk/app/cli_print_render.h"

enum { CTL_CLIENTS = 4, CTL_LINE = 256 };

typedef struct ctl_client {
    int fd;
    char line[CTL_LINE];
    size_t len;
} ctl_client;

typedef struct simp {
    stiel_printer_sim *sim;
    const char *link, *out_dir, *ctl_path;
    int tcp_port;
    int dpi;
    int master, slave;          /* pty */
    char slave_path[128];
    int listen_fd, client_fd;   /* tcp */
    int ctl_fd;
    ctl_client ctl[CTL_CLIENTS];
    char in_line[CTL_LINE];
    size_t in_len;
    bool stdin_open;
    bool quit;
    unsigned long labels;       /* labels rendered (file numbering) */
} simp;

static volatile sig_atomic_t sim_stop;

static void on_signal(int sig)
{
    (void)sig;
    sim_stop = 1;
}

static int usage(void)
{
    fputs("usage: stiel sim printer [--zpl|--tspl|--escpos] [--link PATH | --tcp PORT] [--out DIR]\n"
          "                         [--control SOCKET] [--dpi 203|300]\n"
          "  A label printer on a pty (its path is printed; --link keeps a symlink to it) or on\n"
          "  127.0.0.1:PORT. It answers ~HS/~HI, <ESC>!? or DLE EOT for its state, and writes each\n"
          "  label it prints to DIR/label-NNNN.png. Words on stdin or the control socket:\n"
          "    paper-out paper-in head-open head-close pause resume silent answer status quit\n"
          "  While paper-out, head-open or paused it keeps received labels buffered and prints\n"
          "  them when fixed.\n",
          stderr);
    return 2;
}

/* ---- printed labels → files ---- */

static void render_printed(simp *s)
{
    stiel_buf job;
    stiel_buf_init(&job, 0);
    unsigned copies = 1;
    while (stiel_printer_sim_take(s->sim, &job, &copies)) {
        s->labels++;
        char path[1024];
        stiel_diag diag;
        stiel_diag_clear(&diag);
        stiel_status st = STIEL_ERR_NOT_FOUND;
        if (s->out_dir) {
            snprintf(path, sizeof path, "%s/label-%04lu.png", s->out_dir, s->labels);
            st = cli_print_render_png(stiel_printer_sim_lang(s->sim), job.data, job.len, s->dpi, path, &diag);
            if (st != STIEL_OK) {
                char raw[1100];
                snprintf(raw, sizeof raw, "%s/label-%04lu.%s", s->out_dir, s->labels,
                         stiel_printer_lang_name(stiel_printer_sim_lang(s->sim)));
                FILE *f = fopen(raw, "wb");
                if (f) {
                    fwrite(job.data, 1, job.len, f);
                    fclose(f);
                }
                fprintf(stderr, "label %lu printed (x%u), not drawn: %s (bytes in %s)\n", s->labels, copies,
                        diag.text, raw);
            } else {
                fprintf(stderr, "label %lu printed (x%u) -> %s\n", s->labels, copies, path);
            }
        } else {
            fprintf(stderr, "label %lu printed (x%u)\n", s->labels, copies);
        }
        stiel_buf_reset(&job);
    }
    stiel_buf_free(&job);
}

/* ---- control words ---- */

static void apply_word(simp *s, const char *word, char *answer, size_t cap)
{
    char state[200];
    if (word[0] == '\0') {
        answer[0] = '\0';
        return;
    }
    if (strcmp(word, "quit") == 0) {
        s->quit = true;
        snprintf(answer, cap, "ok bye\n");
        return;
    }
    if (strcmp(word, "status") != 0) {
        stiel_diag diag;
        if (stiel_printer_sim_control(s->sim, word, &diag) != STIEL_OK) {
            snprintf(answer, cap, "error %s\n", diag.text);
            return;
        }
        render_printed(s);
    }
    stiel_printer_sim_describe(s->sim, state, sizeof state);
    snprintf(answer, cap, "ok %s\n", state);
}

/* Splits buffered text into lines and applies each; answers go to fd (or stdout for -1). */
static void take_lines(simp *s, char *buf, size_t *len, int fd)
{
    char *nl;
    while ((nl = memchr(buf, '\n', *len)) != NULL) {
        *nl = '\0';
        char *w = buf;
        while (*w == ' ' || *w == '\t')
            w++;
        size_t wl = strlen(w);
        while (wl > 0 && (w[wl - 1] == '\r' || w[wl - 1] == ' '))
            w[--wl] = '\0';
        char answer[300];
        apply_word(s, w, answer, sizeof answer);
        if (answer[0]) {
            if (fd < 0) {
                fputs(answer, stdout);
                fflush(stdout);
            } else if (write(fd, answer, strlen(answer)) < 0) {
                /* the client went away: closed on its next read */
            }
        }
        size_t used = (size_t)(nl - buf) + 1;
        memmove(buf, nl + 1, *len - used);
        *len -= used;
    }
    if (*len == CTL_LINE - 1)
        *len = 0; /* an overlong line: dropped */
}

/* ---- transports ---- */

static int relink(simp *s)
{
    if (!s->link)
        return 0;
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", s->link, (long)getpid());
    unlink(tmp);
    if (symlink(s->slave_path, tmp) != 0 || rename(tmp, s->link) != 0) {
        fprintf(stderr, "stiel sim printer: cannot link %s: %s\n", s->link, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int open_pty(simp *s)
{
    struct termios tio;
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    if (openpty(&s->master, &s->slave, s->slave_path, &tio, NULL) != 0) {
        fprintf(stderr, "stiel sim printer: openpty failed: %s\n", strerror(errno));
        return -1;
    }
    /* The slave stays open here so the master never reports a hang-up between hosts. */
    fcntl(s->master, F_SETFL, fcntl(s->master, F_GETFL) | O_NONBLOCK);
    fcntl(s->master, F_SETFD, FD_CLOEXEC);
    fcntl(s->slave, F_SETFD, FD_CLOEXEC);
    return relink(s);
}

static int open_tcp(simp *s)
{
    s->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->listen_fd < 0)
        return -1;
    int one = 1;
    setsockopt(s->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)s->tcp_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s->listen_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->listen_fd, 1) != 0) {
        fprintf(stderr, "stiel sim printer: cannot listen on 127.0.0.1:%d: %s\n", s->tcp_port, strerror(errno));
        return -1;
    }
    return 0;
}

static int open_control(simp *s)
{
    if (!s->ctl_path)
        return 0;
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    if (strlen(s->ctl_path) >= sizeof a.sun_path) {
        fprintf(stderr, "stiel sim printer: --control path is too long\n");
        return -1;
    }
    strcpy(a.sun_path, s->ctl_path);
    unlink(s->ctl_path);
    s->ctl_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->ctl_fd < 0 || bind(s->ctl_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->ctl_fd, 4) != 0) {
        fprintf(stderr, "stiel sim printer: cannot make control socket %s: %s\n", s->ctl_path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Bytes from the host: feed the simulator, send its replies, render what printed. */
static void host_bytes(simp *s, int fd, const uint8_t *b, size_t n)
{
    stiel_buf reply;
    stiel_buf_init(&reply, 0);
    stiel_status st = stiel_printer_sim_feed(s->sim, b, n, &reply);
    if (st != STIEL_OK)
        fprintf(stderr, "stiel sim printer: %s\n", stiel_strerror(st));
    size_t off = 0;
    for (int tries = 0; off < reply.len && tries < 100; tries++) {
        ssize_t w = write(fd, reply.data + off, reply.len - off);
        if (w > 0)
            off += (size_t)w;
        else if (w < 0 && errno != EAGAIN && errno != EINTR)
            break;
        else
            usleep(1000);
    }
    stiel_buf_free(&reply);
    render_printed(s);
}

static int parse_args(int argc, char **argv, simp *s, stiel_printer_lang *lang)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool val = i + 1 < argc;
        if (strcmp(a, "--zpl") == 0)
            *lang = STIEL_PRINTER_ZPL;
        else if (strcmp(a, "--tspl") == 0)
            *lang = STIEL_PRINTER_TSPL;
        else if (strcmp(a, "--escpos") == 0)
            *lang = STIEL_PRINTER_ESCPOS;
        else if (strcmp(a, "--link") == 0 && val)
            s->link = argv[++i];
        else if (strcmp(a, "--out") == 0 && val)
            s->out_dir = argv[++i];
        else if (strcmp(a, "--control") == 0 && val)
            s->ctl_path = argv[++i];
        else if (strcmp(a, "--tcp") == 0 && val) {
            s->tcp_port = atoi(argv[++i]);
            if (s->tcp_port <= 0 || s->tcp_port > 65535) {
                fprintf(stderr, "stiel sim printer: --tcp '%s' is not a port number\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--dpi") == 0 && val) {
            s->dpi = atoi(argv[++i]);
            if (s->dpi != 203 && s->dpi != 300) {
                fprintf(stderr, "stiel sim printer: --dpi must be 203 or 300\n");
                return 2;
            }
        } else {
            fprintf(stderr, "stiel sim printer: unknown option '%s'\n", a);
            return usage();
        }
    }
    if (s->link && s->tcp_port) {
        fprintf(stderr, "stiel sim printer: --link and --tcp exclude each other\n");
        return 2;
    }
    return 0;
}

static void cleanup(simp *s)
{
    if (s->link)
        unlink(s->link);
    if (s->ctl_path && s->ctl_fd >= 0)
        unlink(s->ctl_path);
    for (int i = 0; i < CTL_CLIENTS; i++)
        if (s->ctl[i].fd >= 0)
            close(s->ctl[i].fd);
    int fds[] = {s->master, s->slave, s->listen_fd, s->client_fd, s->ctl_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    stiel_printer_sim_free(s->sim);
}

static void loop(simp *s)
{
    uint8_t buf[8192];
    while (!s->quit && !sim_stop) {
        struct pollfd p[8 + CTL_CLIENTS];
        int np = 0, i_host = -1, i_listen = -1, i_stdin = -1, i_ctl = -1, i_cl[CTL_CLIENTS];
        int host_fd = s->tcp_port ? s->client_fd : s->master;
        if (host_fd >= 0) {
            i_host = np;
            p[np++] = (struct pollfd){.fd = host_fd, .events = POLLIN};
        }
        if (s->tcp_port && s->client_fd < 0) {
            i_listen = np;
            p[np++] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
        }
        if (s->stdin_open) {
            i_stdin = np;
            p[np++] = (struct pollfd){.fd = 0, .events = POLLIN};
        }
        if (s->ctl_fd >= 0) {
            i_ctl = np;
            p[np++] = (struct pollfd){.fd = s->ctl_fd, .events = POLLIN};
        }
        for (int c = 0; c < CTL_CLIENTS; c++) {
            i_cl[c] = -1;
            if (s->ctl[c].fd >= 0) {
                i_cl[c] = np;
                p[np++] = (struct pollfd){.fd = s->ctl[c].fd, .events = POLLIN};
            }
        }
        if (poll(p, (nfds_t)np, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (i_host >= 0 && p[i_host].revents) {
            ssize_t n = read(host_fd, buf, sizeof buf);
            if (n > 0) {
                host_bytes(s, host_fd, buf, (size_t)n);
            } else if (s->tcp_port && (n == 0 || (errno != EAGAIN && errno != EINTR))) {
                close(s->client_fd);
                s->client_fd = -1;
                fprintf(stderr, "host disconnected\n");
            }
        }
        if (i_listen >= 0 && (p[i_listen].revents & POLLIN)) {
            s->client_fd = accept(s->listen_fd, NULL, NULL);
            if (s->client_fd >= 0) {
                fcntl(s->client_fd, F_SETFD, FD_CLOEXEC);
                fcntl(s->client_fd, F_SETFL, fcntl(s->client_fd, F_GETFL) | O_NONBLOCK);
                fprintf(stderr, "host connected\n");
            }
        }
        if (i_stdin >= 0 && p[i_stdin].revents) {
            ssize_t n = read(0, s->in_line + s->in_len, CTL_LINE - 1 - s->in_len);
            if (n <= 0) {
                s->stdin_open = false; /* no prompt (e.g. </dev/null): keep serving */
            } else {
                s->in_len += (size_t)n;
                take_lines(s, s->in_line, &s->in_len, -1);
            }
        }
        if (i_ctl >= 0 && (p[i_ctl].revents & POLLIN)) {
            int fd = accept(s->ctl_fd, NULL, NULL);
            if (fd >= 0)
                fcntl(fd, F_SETFD, FD_CLOEXEC);
            int c = 0;
            while (c < CTL_CLIENTS && s->ctl[c].fd >= 0)
                c++;
            if (fd >= 0 && c < CTL_CLIENTS) {
                s->ctl[c].fd = fd;
                s->ctl[c].len = 0;
            } else if (fd >= 0) {
                close(fd);
            }
        }
        for (int c = 0; c < CTL_CLIENTS; c++) {
            if (i_cl[c] < 0 || !p[i_cl[c]].revents)
                continue;
            ctl_client *cl = &s->ctl[c];
            ssize_t n = read(cl->fd, cl->line + cl->len, CTL_LINE - 1 - cl->len);
            if (n <= 0) {
                close(cl->fd);
                cl->fd = -1;
                continue;
            }
            cl->len += (size_t)n;
            take_lines(s, cl->line, &cl->len, cl->fd);
        }
    }
}

int cli_sim_printer(int argc, char **argv)
{
    simp s;
    memset(&s, 0, sizeof s);
    s.master = s.slave = s.listen_fd = s.client_fd = s.ctl_fd = -1;
    for (int c = 0; c < CTL_CLIENTS; c++)
        s.ctl[c].fd = -1;
    s.dpi = 203;
    s.stdin_open = true;
    stiel_printer_lang lang = STIEL_PRINTER_ZPL;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return 0;
        }
    int rc = parse_args(argc, argv, &s, &lang);
    if (rc != 0)
        return rc;
    if (s.out_dir && mkdir(s.out_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "stiel sim printer: cannot create %s: %s\n", s.out_dir, strerror(errno));
        return 2;
    }
    if (stiel_printer_sim_new(lang, &s.sim) != STIEL_OK) {
        fprintf(stderr, "stiel sim printer: out of memory\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    if ((s.tcp_port ? open_tcp(&s) : open_pty(&s)) != 0 || open_control(&s) != 0) {
        cleanup(&s);
        return 2;
    }
    if (s.tcp_port)
        printf("stiel sim printer: %s printer on tcp:127.0.0.1:%d\n", stiel_printer_lang_name(lang), s.tcp_port);
    else
        printf("stiel sim printer: %s printer on %s%s%s\n", stiel_printer_lang_name(lang), s.slave_path,
               s.link ? " linked at " : "", s.link ? s.link : "");
    fflush(stdout);
    loop(&s);
    char state[200];
    stiel_printer_sim_describe(s.sim, state, sizeof state);
    fprintf(stderr, "stiel sim printer: stopped: %s\n", state);
    cleanup(&s);
    return 0;
}
