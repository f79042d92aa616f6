/* stiel sim scanner: a scanner on a pty for demos and tests. Prints the pty's path (and keeps a
 * stable symlink at --link), then sends scans from a script or typed lines: plain serial with a
 * suffix, Honeywell (answers SYN M menu commands), or Zebra SSI (DECODE_DATA with ACK/NAK and
 * retransmit, answers BEEP/LED/SCAN_ENABLE/SCAN_DISABLE, sends nothing while disabled). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/cli.h"
#include "kiosk/app/cli_json.h"
#include "protocol/ssi/ssi.h"

enum { SIM_OUT_MAX = 4096, SIM_LINE_MAX = 8192, SIM_ACK_MS = 1000, SIM_RESENDS = 3, SIM_HOST_POLL_MS = 20,
       SIM_LINGER_MS = 3000 };

typedef enum sim_mode { SIM_GENERIC = 0, SIM_SSI, SIM_HONEYWELL } sim_mode;

typedef struct sim {
    sim_mode mode;
    const char *link;
    bool aim;
    uint8_t suffix[16];
    size_t suffix_len;
    int master;                 /* -1 while unplugged */
    char slave[128];
    bool host;                  /* someone holds the slave open */
    FILE *script;               /* NULL: typed lines on stdin */
    unsigned long lineno;
    bool script_done;
    uint64_t sleep_until;
    bool wait_host;             /* `wait-host`: hold the script until a host opens the port */
    bool quit;
    /* what waits for the host: a scan (framed) or raw bytes */
    uint8_t out[SIM_OUT_MAX];
    size_t out_len;
    bool out_pending;
    bool out_is_scan;
    /* SSI */
    bool enabled;
    ssi_reader reader;
    ssi_frame sent;             /* the decode frame waiting for the host's ACK */
    bool awaiting_ack;
    uint64_t ack_deadline;
    unsigned resends;
    unsigned nak_storm;         /* answer this many host commands with NAK RESEND */
    unsigned bad_checksums;     /* send this many decodes with a wrong checksum */
    uint8_t last_cmd;           /* opcode of the last host command, and whether it was NAKed */
    uint8_t last_arg;
    bool last_naked;
    /* Honeywell */
    uint8_t hbuf[512];
    size_t hlen;
    uint32_t rng;
    unsigned long scans_sent;
    uint64_t linger_until;      /* after quit: give the host time to read the last bytes */
} sim;

static volatile sig_atomic_t sim_stop;

static void sim_on_signal(int sig)
{
    (void)sig;
    sim_stop = 1;
}

static uint64_t sim_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sim_usage(void)
{
    fputs("usage: stiel sim scanner [--ssi|--honeywell] [--script FILE] [--link PATH] [--aim]\n"
          "                         [--suffix STR]\n"
          "  Creates a pty, prints its path (and points the symlink PATH at it), and sends scans:\n"
          "  one per typed line, or from the script. Script lines:\n"
          "    scan DATA        a scan (C escapes: \\r \\n \\t \\\\ \\xHH; \\x1d is GS)\n"
          "    sleep MS         wait\n"
          "    garbage N        N random bytes 0x80-0xFF (a wrong baud rate)\n"
          "    raw BYTES        bytes as they are (C escapes)\n"
          "    unplug / replug  close the pty (the link goes) / a new pty behind the link\n"
          "    wait-host        wait until a host opens the port\n"
          "    nak-storm N      SSI: answer the next N host commands with NAK RESEND\n"
          "    bad-checksum N   SSI: send the next N decodes with a wrong checksum\n"
          "    quit             stop once everything was sent\n"
          "  Scans wait until a host has the port open (SSI: and has not disabled scanning).\n"
          "  --aim adds an AIM identifier guessed from the data; --suffix defaults to \\r.\n"
          "  SSI scans take their barcode type from a leading ]C1 ]C0 ]E0 ]E4 ]A0 ]F0 ]e0 (removed).\n"
          "  What the host sends is printed on stderr (\"beep good\", \"scan disable\", \"menu ...\").\n",
          stderr);
}

/* ---- the pty ---- */

static int sim_relink(const sim *s)
{
    if (!s->link)
        return 0;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.new", s->link);
    unlink(tmp);
    if (symlink(s->slave, tmp) != 0 || rename(tmp, s->link) != 0) {
        fprintf(stderr, "stiel sim scanner: cannot link %s to %s: %s\n", s->link, s->slave, strerror(errno));
        return -1;
    }
    return 0;
}

static int sim_plug(sim *s)
{
    int m = -1, sl = -1;
    struct termios tio;
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    if (openpty(&m, &sl, s->slave, &tio, NULL) != 0) {
        fprintf(stderr, "stiel sim scanner: openpty failed: %s\n", strerror(errno));
        return -1;
    }
    close(sl); /* the host opens it; until then the master reports POLLHUP */
    fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
    fcntl(m, F_SETFD, FD_CLOEXEC);
    s->master = m;
    s->host = false;
    ssi_reader_init(&s->reader);
    s->hlen = 0;
    if (sim_relink(s) != 0)
        return -1;
    printf("%s\n", s->slave);
    fflush(stdout);
    fprintf(stderr, "stiel sim scanner: %s%s%s\n", s->slave, s->link ? " <- " : "", s->link ? s->link : "");
    return 0;
}

static void sim_unplug(sim *s)
{
    if (s->link)
        unlink(s->link);
    if (s->master >= 0)
        close(s->master);
    s->master = -1;
    s->host = false;
    s->awaiting_ack = false;
    fputs("unplugged\n", stderr);
}

/* Is a host holding the slave open? (the master reports POLLHUP while nobody does) */
static void sim_check_host(sim *s)
{
    if (s->master < 0) {
        s->host = false;
        return;
    }
    struct pollfd p = {.fd = s->master, .events = POLLIN};
    bool was = s->host;
    s->host = poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP);
    if (s->host != was)
        fprintf(stderr, "%s\n", s->host ? "host connected" : "host disconnected");
}

static void sim_write(sim *s, const void *bytes, size_t n)
{
    const uint8_t *p = bytes;
    size_t done = 0;
    int spins = 0;
    while (done < n && s->master >= 0) {
        ssize_t w = write(s->master, p + done, n - done);
        if (w > 0) {
            done += (size_t)w;
            continue;
        }
        if (w < 0 && (errno == EAGAIN || errno == EINTR) && spins++ < 200) {
            struct pollfd pf = {.fd = s->master, .events = POLLOUT};
            poll(&pf, 1, 10);
            continue;
        }
        fprintf(stderr, "stiel sim scanner: write failed: %s\n", w < 0 ? strerror(errno) : "no progress");
        return;
    }
}

/* ---- scans ---- */

static bool all_digits(const uint8_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] < '0' || d[i] > '9')
            return false;
    return n > 0;
}

static const char *sim_guess_aim(const uint8_t *d, size_t n)
{
    if (all_digits(d, n) && n == 13)
        return "]E0";
    if (all_digits(d, n) && n == 8)
        return "]E4";
    if (memchr(d, 0x1d, n))
        return "]C1";
    return "]C0";
}

/* SSI barcode type for a scan; *skip is the AIM identifier to drop from the data. */
static uint8_t sim_ssi_type(const uint8_t *d, size_t n, size_t *skip)
{
    static const struct { const char *aim; uint8_t type; } map[] = {
        {"]C1", SSI_BC_GS1_128}, {"]C0", SSI_BC_CODE128}, {"]E0", SSI_BC_EAN13}, {"]E4", SSI_BC_EAN8},
        {"]A0", SSI_BC_CODE39},  {"]F0", SSI_BC_CODABAR}, {"]e0", SSI_BC_DATABAR_EXPANDED},
    };
    *skip = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (n >= 3 && memcmp(d, map[i].aim, 3) == 0) {
            *skip = 3;
            return map[i].type;
        }
    }
    if (n > 0 && d[0] == ']')
        return SSI_BC_CODE128; /* the identifier travels in the data */
    const char *aim = sim_guess_aim(d, n);
    return strcmp(aim, "]E0") == 0 ? SSI_BC_EAN13 : strcmp(aim, "]E4") == 0 ? SSI_BC_EAN8
                                                : strcmp(aim, "]C1") == 0  ? SSI_BC_GS1_128
                                                                           : SSI_BC_CODE128;
}

static void sim_send_ssi_scan(sim *s)
{
    size_t skip = 0;
    uint8_t type = sim_ssi_type(s->out, s->out_len, &skip);
    uint8_t data[SSI_DATA_MAX];
    size_t n = s->out_len - skip;
    if (n + 1 > SSI_DATA_MAX) {
        fprintf(stderr, "stiel sim scanner: scan of %zu bytes is too long for one SSI packet: skipped\n", n);
        return;
    }
    data[0] = type;
    memcpy(data + 1, s->out + skip, n);
    if (ssi_frame_encode(SSI_OP_DECODE_DATA, SSI_SOURCE_DECODER, 0, data, n + 1, &s->sent, NULL) != STIEL_OK)
        return;
    ssi_frame wire = s->sent;
    if (s->bad_checksums > 0) {
        s->bad_checksums--;
        wire.bytes[wire.len - 1] ^= 0x5A;
        fputs("sending a decode with a bad checksum\n", stderr);
    }
    sim_write(s, wire.bytes, wire.len);
    s->awaiting_ack = true;
    s->resends = 0;
    s->ack_deadline = sim_now() + SIM_ACK_MS;
}

/* Resends the waiting decode with the retransmit bit (after NAK RESEND or silence). */
static void sim_resend(sim *s, const char *why)
{
    if (!s->awaiting_ack)
        return;
    if (s->resends >= SIM_RESENDS) {
        fprintf(stderr, "stiel sim scanner: host never ACKed the decode (%s): dropped\n", why);
        s->awaiting_ack = false;
        return;
    }
    s->resends++;
    s->sent.bytes[3] |= SSI_STATUS_RETRANSMIT;
    uint16_t c = ssi_checksum_compute(s->sent.bytes, s->sent.len - 2);
    s->sent.bytes[s->sent.len - 2] = (uint8_t)(c >> 8);
    s->sent.bytes[s->sent.len - 1] = (uint8_t)c;
    fprintf(stderr, "resending decode (%s)\n", why);
    sim_write(s, s->sent.bytes, s->sent.len);
    s->ack_deadline = sim_now() + SIM_ACK_MS;
}

/* Sends what waits, when the host is there (and, for SSI scans, has scanning enabled). */
static void sim_flush_out(sim *s)
{
    if (!s->out_pending || !s->host || s->awaiting_ack)
        return;
    if (s->out_is_scan && s->mode == SIM_SSI && !s->enabled)
        return;
    s->out_pending = false;
    if (!s->out_is_scan) {
        sim_write(s, s->out, s->out_len);
        return;
    }
    s->scans_sent++;
    if (s->mode == SIM_SSI) {
        sim_send_ssi_scan(s);
        return;
    }
    if (s->aim && !(s->out_len > 0 && s->out[0] == ']'))
        sim_write(s, sim_guess_aim(s->out, s->out_len), 3);
    sim_write(s, s->out, s->out_len);
    sim_write(s, s->suffix, s->suffix_len);
}

/* ---- what the host sends ---- */

static const char *sim_beep_name(uint8_t code, char *buf, size_t cap)
{
    switch (code) {
    case 0x00: return "good";
    case 0x06: return "bad";
    case 0x01: return "attention";
    default: snprintf(buf, cap, "%u", code); return buf;
    }
}

static void sim_ssi_reply(sim *s, bool ack)
{
    ssi_frame f;
    if (ack)
        ssi_command_encode(SSI_OP_CMD_ACK, false, &f, NULL);
    else
        ssi_nak_encode(SSI_NAK_RESEND, false, &f, NULL);
    sim_write(s, f.bytes, f.len);
}

/* A host command taken: say what it was, act on it. */
static void sim_ssi_command(sim *s, uint8_t op, uint8_t arg, bool has_arg)
{
    char buf[16];
    switch (op) {
    case SSI_OP_BEEP: fprintf(stderr, "beep %s\n", has_arg ? sim_beep_name(arg, buf, sizeof buf) : "?"); break;
    case SSI_OP_LED_ON: fputs("led on\n", stderr); break;
    case SSI_OP_LED_OFF: fputs("led off\n", stderr); break;
    case SSI_OP_SCAN_ENABLE: s->enabled = true; fputs("scan enable\n", stderr); break;
    case SSI_OP_SCAN_DISABLE: s->enabled = false; fputs("scan disable\n", stderr); break;
    default: {
        const char *name = ssi_opcode_name(op);
        fprintf(stderr, "command %s\n", name ? name : "?");
        break;
    }
    }
}

static void sim_ssi_message(sim *s, const ssi_message *m)
{
    switch (m->kind) {
    case SSI_MSG_ACK:
        s->awaiting_ack = false;
        return;
    case SSI_MSG_NAK:
        sim_resend(s, "NAK");
        return;
    case SSI_MSG_DUPLICATE:
        if (s->nak_storm > 0) {
            s->nak_storm--;
            sim_ssi_reply(s, false);
            fputs("nak (storm)\n", stderr);
            return;
        }
        sim_ssi_reply(s, true);
        if (s->last_naked) /* the first copy was refused: this one counts */
            sim_ssi_command(s, s->last_cmd, s->last_arg, true);
        s->last_naked = false;
        return;
    case SSI_MSG_NONE:
        return;
    default:
        break;
    }
    s->last_cmd = m->opcode;
    s->last_arg = m->len > 0 ? m->data[0] : 0;
    if (s->nak_storm > 0) {
        s->nak_storm--;
        s->last_naked = true;
        sim_ssi_reply(s, false);
        fputs("nak (storm)\n", stderr);
        return;
    }
    s->last_naked = false;
    sim_ssi_reply(s, true);
    sim_ssi_command(s, m->opcode, s->last_arg, m->len > 0);
}

static void sim_ssi_bytes(sim *s, const uint8_t *b, size_t n)
{
    size_t off = 0;
    while (off < n && !ssi_reader_busy(&s->reader) && b[off] == 0x00) {
        fputs("wakeup\n", stderr);
        off++;
    }
    for (int guard = 0; guard < 4096; guard++) {
        size_t used = 0;
        ssi_message m;
        stiel_diag d;
        stiel_status st = ssi_reader_feed(&s->reader, b + off, n - off, &used, &m, &d);
        off += used;
        if (st != STIEL_OK) {
            fprintf(stderr, "bad packet from host: %s\n", d.text);
            if (m.reply == SSI_REPLY_NAK_RESEND)
                sim_ssi_reply(s, false);
            continue;
        }
        if (m.kind == SSI_MSG_NONE)
            break;
        sim_ssi_message(s, &m);
    }
}

/* Honeywell: SYN T CR, SYN U CR, SYN M CR ... ! / . (echoed with ACK before each punctuation). */
static void sim_honeywell_bytes(sim *s, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s->hlen == sizeof s->hbuf)
            s->hlen = 0;
        s->hbuf[s->hlen++] = b[i];
        if (s->hbuf[0] != 0x16) {
            fprintf(stderr, "host sent 0x%02X\n", s->hbuf[0]);
            s->hlen = 0;
            continue;
        }
        if (s->hlen == 3 && s->hbuf[2] == '\r' && (s->hbuf[1] == 'T' || s->hbuf[1] == 'U')) {
            fprintf(stderr, "trigger %s\n", s->hbuf[1] == 'T' ? "on" : "off");
            s->hlen = 0;
        } else if (s->hlen > 3 && s->hbuf[1] == 'M' && (b[i] == '!' || b[i] == '.')) {
            uint8_t echo[1024];
            size_t e = 0;
            for (size_t k = 3; k < s->hlen; k++) {
                uint8_t c = s->hbuf[k];
                if (c == ',' || c == ';' || c == '!' || c == '.')
                    echo[e++] = 0x06;
                echo[e++] = c;
            }
            fprintf(stderr, "menu %.*s\n", (int)(s->hlen - 4), (const char *)s->hbuf + 3);
            sim_write(s, echo, e);
            s->hlen = 0;
        }
    }
}

static void sim_host_bytes(sim *s)
{
    uint8_t buf[1024];
    for (;;) {
        ssize_t n = read(s->master, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && errno == EIO)
                sim_check_host(s);
            return;
        }
        if (s->mode == SIM_SSI) {
            sim_ssi_bytes(s, buf, (size_t)n);
        } else if (s->mode == SIM_HONEYWELL) {
            sim_honeywell_bytes(s, buf, (size_t)n);
        } else {
            stiel_buf t;
            stiel_buf_init(&t, 0);
            if (cli_json_string(&t, buf, (size_t)n) == STIEL_OK)
                fprintf(stderr, "host sent %s\n", (const char *)t.data);
            stiel_buf_free(&t);
        }
    }
}

/* ---- the script ---- */

static bool sim_count(const char *arg, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    if (!arg || *arg < '0' || *arg > '9')
        return false;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

static uint8_t sim_random(sim *s)
{
    s->rng ^= s->rng << 13;
    s->rng ^= s->rng >> 17;
    s->rng ^= s->rng << 5;
    return (uint8_t)(0x80 | (s->rng & 0x7F));
}

/* Runs one script line. Returns 0, or 2 for a line it cannot run (reason printed). */
static int sim_line(sim *s, char *line)
{
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    char *cmd = line;
    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    if (*cmd == '\0' || *cmd == '#')
        return 0;
    char *arg = strchr(cmd, ' ');
    if (arg) {
        *arg++ = '\0';
    }
    unsigned long v = 0;
    const char *why = "";
    if (strcmp(cmd, "scan") == 0 || strcmp(cmd, "raw") == 0) {
        long n = arg ? cli_unescape(arg, s->out, sizeof s->out, &why) : -1;
        if (n < 0) {
            fprintf(stderr, "stiel sim scanner: line %lu: %s: %s\n", s->lineno, cmd, arg ? why : "needs data");
            return 2;
        }
        s->out_len = (size_t)n;
        s->out_pending = true;
        s->out_is_scan = cmd[0] == 's';
    } else if (strcmp(cmd, "sleep") == 0 && sim_count(arg, 3600000, &v)) {
        s->sleep_until = sim_now() + v;
    } else if (strcmp(cmd, "garbage") == 0 && sim_count(arg, SIM_OUT_MAX, &v)) {
        for (size_t i = 0; i < v; i++)
            s->out[i] = sim_random(s);
        s->out_len = v;
        s->out_pending = v > 0;
        s->out_is_scan = false;
    } else if (strcmp(cmd, "unplug") == 0) {
        sim_unplug(s);
    } else if (strcmp(cmd, "replug") == 0) {
        if (s->master >= 0)
            sim_unplug(s);
        if (sim_plug(s) != 0)
            return 1;
    } else if (strcmp(cmd, "wait-host") == 0) {
        s->wait_host = true;
    } else if (strcmp(cmd, "nak-storm") == 0 && sim_count(arg, 1000000, &v)) {
        s->nak_storm = (unsigned)v;
    } else if (strcmp(cmd, "bad-checksum") == 0 && sim_count(arg, 1000000, &v)) {
        s->bad_checksums = (unsigned)v;
    } else if (strcmp(cmd, "quit") == 0) {
        s->quit = true;
    } else {
        fprintf(stderr, "stiel sim scanner: line %lu: cannot run '%s%s%s'\n", s->lineno, cmd, arg ? " " : "",
                arg ? arg : "");
        return 2;
    }
    return 0;
}

/* Runs script lines until one has to wait. Returns 0 or an exit status. */
static int sim_advance(sim *s)
{
    char line[SIM_LINE_MAX];
    while (s->script && !s->script_done && !s->quit && !s->out_pending && !s->awaiting_ack) {
        if (s->sleep_until && sim_now() < s->sleep_until)
            return 0;
        s->sleep_until = 0;
        if (s->wait_host && !s->host)
            return 0;
        s->wait_host = false;
        if (!fgets(line, sizeof line, s->script)) {
            s->script_done = true;
            s->quit = true;
            return 0;
        }
        s->lineno++;
        int rc = sim_line(s, line);
        if (rc)
            return rc;
        sim_flush_out(s);
    }
    return 0;
}

/* A typed line is a scan (C escapes allowed). EOF on stdin quits once everything is sent. */
static void sim_stdin(sim *s)
{
    char line[SIM_LINE_MAX];
    if (!fgets(line, sizeof line, stdin)) {
        s->quit = true;
        return;
    }
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    if (len == 0)
        return;
    const char *why = "";
    long n = cli_unescape(line, s->out, sizeof s->out, &why);
    if (n < 0) {
        fprintf(stderr, "stiel sim scanner: %s\n", why);
        return;
    }
    s->out_len = (size_t)n;
    s->out_pending = true;
    s->out_is_scan = true;
}

static int sim_run(sim *s)
{
    int rc = 0;
    while (!sim_stop) {
        sim_check_host(s);
        rc = sim_advance(s);
        if (rc)
            break;
        sim_flush_out(s);
        uint64_t now = sim_now();
        if (s->quit && !s->out_pending && !s->awaiting_ack) {
            /* Closing the pty at once could drop the last bytes: wait for the host to go. */
            if (!s->linger_until)
                s->linger_until = now + SIM_LINGER_MS;
            if (!s->host || s->master < 0 || now >= s->linger_until)
                break;
            if (!s->sleep_until || s->sleep_until > s->linger_until)
                s->sleep_until = s->linger_until;
        }
        if (s->awaiting_ack && now >= s->ack_deadline) {
            sim_resend(s, "no ACK");
            continue;
        }
        int timeout = -1;
        if (s->sleep_until)
            timeout = s->sleep_until > now ? (int)(s->sleep_until - now) : 0;
        if (s->awaiting_ack) {
            int t = (int)(s->ack_deadline - now);
            timeout = timeout < 0 || t < timeout ? t : timeout;
        }
        if (!s->host && (timeout < 0 || timeout > SIM_HOST_POLL_MS))
            timeout = SIM_HOST_POLL_MS;
        struct pollfd p[2] = {{.fd = s->host ? s->master : -1, .events = POLLIN},
                              {.fd = !s->script && !s->out_pending && !s->quit ? STDIN_FILENO : -1, .events = POLLIN}};
        int r = poll(p, 2, timeout);
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "stiel sim scanner: poll: %s\n", strerror(errno));
            rc = 1;
            break;
        }
        if (r <= 0)
            continue;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
            sim_host_bytes(s);
        if (p[1].revents & (POLLIN | POLLHUP))
            sim_stdin(s);
    }
    fprintf(stderr, "stiel sim scanner: %lu scans sent\n", s->scans_sent);
    return rc;
}

int cli_sim_scanner(int argc, char **argv)
{
    static sim s;
    memset(&s, 0, sizeof s);
    s.master = -1;
    s.enabled = true; /* a scanner powers up ready to scan */
    s.suffix[0] = '\r';
    s.suffix_len = 1;
    s.rng = 0x2545F491u;
    const char *script = NULL;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            sim_usage();
            return 0;
        } else if (strcmp(opt, "--ssi") == 0) {
            s.mode = SIM_SSI;
        } else if (strcmp(opt, "--honeywell") == 0) {
            s.mode = SIM_HONEYWELL;
        } else if (strcmp(opt, "--aim") == 0) {
            s.aim = true;
        } else if ((strcmp(opt, "--script") == 0 || strcmp(opt, "--link") == 0 || strcmp(opt, "--suffix") == 0) &&
                   i + 1 < argc) {
            const char *val = argv[++i];
            if (opt[2] == 's' && opt[3] == 'c') {
                script = val;
            } else if (opt[2] == 'l') {
                s.link = val;
            } else {
                const char *why = "";
                long n = cli_unescape(val, s.suffix, sizeof s.suffix, &why);
                if (n < 0) {
                    fprintf(stderr, "stiel sim scanner: --suffix '%s': %s\n", val, why);
                    return 2;
                }
                s.suffix_len = (size_t)n;
            }
        } else {
            fprintf(stderr, "stiel sim scanner: unknown option or missing value '%s'\n", opt);
            sim_usage();
            return 2;
        }
    }
    if (script) {
        s.script = fopen(script, "r");
        if (!s.script) {
            fprintf(stderr, "stiel sim scanner: cannot read %s: %s\n", script, strerror(errno));
            return 2;
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sim_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    ssi_reader_init(&s.reader);
    int rc = sim_plug(&s) == 0 ? sim_run(&s) : 1;
    if (s.master >= 0)
        close(s.master);
    if (s.link)
        unlink(s.link);
    if (s.script)
        fclose(s.script);
    return rc;
}
