/* Tests of the transport seam: choosing a transport by port name, the fd transport over openpty()
 * pairs (raw mode, line settings, non-blocking I/O, hang-up), adopted socketpairs (partial writes,
 * no SIGPIPE) and TCP over a 127.0.0.1 listener (connect in progress, refused, bad specs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "drivers/transport.h"
#include "tests/drivers/drivers_fixture.h"

static void kind_by_port_name(void **state)
{
    (void)state;
    assert_int_equal(stiel_transport_kind_of("tcp:10.0.0.5:9100"), STIEL_TRANSPORT_TCP);
    assert_int_equal(stiel_transport_kind_of("pty:/dev/pts/3"), STIEL_TRANSPORT_FD);
    assert_int_equal(stiel_transport_kind_of("serial:/tmp/whatever"), STIEL_TRANSPORT_SERIAL);
    assert_int_equal(stiel_transport_kind_of("/dev/ttyUSB7"), STIEL_TRANSPORT_SERIAL);
    assert_int_equal(stiel_transport_kind_of("/dev/ttyACM0"), STIEL_TRANSPORT_SERIAL);
    assert_int_equal(stiel_transport_kind_of("/dev/ttyS0"), STIEL_TRANSPORT_SERIAL);
    assert_int_equal(stiel_transport_kind_of("/dev/serial/by-id/usb-Zebra_Symbol-if00"), STIEL_TRANSPORT_SERIAL);
    assert_int_equal(stiel_transport_kind_of("/tmp/scanner-sim"), STIEL_TRANSPORT_FD);
    assert_int_equal(stiel_transport_kind_of("/dev/pts/0"), STIEL_TRANSPORT_FD);

    /* A link is judged by its target: a by-id-like link to a pty is a plain fd (libserialport
     * refuses ptys), a link to a real serial port is serial. */
    int master;
    char slave[64];
    assert_int_equal(pty_make(&master, slave, sizeof slave), 0);
    char dir[] = "/tmp/stiel-kind-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char link_pty[128], link_tty[128];
    snprintf(link_pty, sizeof link_pty, "%s/ttyUSB-looking", dir);
    snprintf(link_tty, sizeof link_tty, "%s/to-ttyS0", dir);
    assert_int_equal(symlink(slave, link_pty), 0);
    assert_int_equal(symlink("/dev/ttyS0", link_tty), 0);
    assert_int_equal(stiel_transport_kind_of(link_pty), STIEL_TRANSPORT_FD);
    if (access("/dev/ttyS0", F_OK) == 0)
        assert_int_equal(stiel_transport_kind_of(link_tty), STIEL_TRANSPORT_SERIAL);
    unlink(link_pty);
    unlink(link_tty);
    rmdir(dir);
    close(master);
}

static void fd_transport_over_pty(void **state)
{
    (void)state;
    int before = fd_count();
    int master;
    char slave[64], spec[80];
    assert_int_equal(pty_make(&master, slave, sizeof slave), 0);
    snprintf(spec, sizeof spec, "pty:%s", slave);

    stiel_line_settings ls;
    assert_int_equal(stiel_line_settings_parse("19200 7E2 none", &ls, NULL), STIEL_OK);
    stiel_transport *t = NULL;
    stiel_diag d;
    assert_int_equal(stiel_transport_open(spec, &ls, &t, &d), STIEL_OK);
    assert_non_null(t);
    assert_int_equal(stiel_transport_kind_get(t), STIEL_TRANSPORT_FD);
    assert_int_equal(stiel_transport_state_get(t), STIEL_TRANSPORT_OPEN);
    assert_string_equal(stiel_transport_name(t), spec);
    int fd = stiel_transport_fd(t);
    assert_true(fd >= 0);
    assert_true(fcntl(fd, F_GETFL) & O_NONBLOCK);
    assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    assert_int_equal(stiel_transport_poll_events(t), 0);
    assert_int_equal(stiel_transport_last_diag(t)->code, STIEL_OK);

    /* raw mode with the requested frame (a Linux pty forces CS8 and no parity, so those two
     * cannot be seen here; the libserialport test covers them for real ports) */
    struct termios tio;
    assert_int_equal(tcgetattr(fd, &tio), 0);
    assert_false(tio.c_lflag & (ICANON | ECHO | ISIG | IEXTEN));
    assert_false(tio.c_iflag & (ICRNL | IXON | ISTRIP));
    assert_false(tio.c_oflag & OPOST);
    assert_int_equal(tio.c_cc[VMIN], 1);
    assert_true(tio.c_cflag & CSTOPB);
    assert_true(tio.c_cflag & CLOCAL);
    assert_int_equal(cfgetospeed(&tio), B19200);

    /* nothing to read: OK with 0 */
    uint8_t buf[64];
    size_t got = 99;
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_OK);
    assert_int_equal(got, 0);

    /* master → transport, byte-exact (CR and 0x00 untouched in raw mode) */
    static const uint8_t msg[] = {'4', '0', '1', 0x00, 0x1d, '\r', 0xff};
    assert_int_equal(write(master, msg, sizeof msg), (ssize_t)sizeof msg);
    struct pollfd p = {.fd = fd, .events = POLLIN};
    assert_int_equal(poll(&p, 1, 2000), 1);
    size_t total = 0;
    while (total < sizeof msg) {
        assert_int_equal(stiel_transport_read(t, buf + total, sizeof buf - total, &got, &d), STIEL_OK);
        total += got;
        if (!got)
            poll(&p, 1, 100);
    }
    assert_memory_equal(buf, msg, sizeof msg);

    /* transport → master */
    size_t written = 0;
    assert_int_equal(stiel_transport_write(t, "~HS\r\n", 5, &written, &d), STIEL_OK);
    assert_int_equal(written, 5);
    char back[8] = {0};
    assert_int_equal(read(master, back, 5), 5);
    assert_memory_equal(back, "~HS\r\n", 5);

    /* unplug: the master goes away → CLOSED, state FAILED, further I/O refused */
    close(master);
    assert_int_equal(poll(&p, 1, 2000), 1);
    assert_true(p.revents & POLLHUP);
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_ERR_CLOSED);
    assert_int_equal(d.code, STIEL_ERR_CLOSED);
    assert_non_null(strstr(d.text, slave));
    assert_int_equal(stiel_transport_state_get(t), STIEL_TRANSPORT_FAILED);
    assert_int_equal(stiel_transport_last_diag(t)->code, STIEL_ERR_CLOSED);
    assert_string_equal(stiel_transport_last_diag(t)->text, d.text);
    assert_int_equal(stiel_transport_write(t, "x", 1, &written, &d), STIEL_ERR_CLOSED);
    stiel_transport_close(t);
    assert_int_equal(fd_count(), before);
}

static void plain_path_without_prefix_is_fd(void **state)
{
    (void)state;
    int master;
    char slave[64];
    assert_int_equal(pty_make(&master, slave, sizeof slave), 0);
    stiel_transport *t = NULL;
    assert_int_equal(stiel_transport_open(slave, NULL, &t, NULL), STIEL_OK);
    assert_int_equal(stiel_transport_kind_get(t), STIEL_TRANSPORT_FD);
    struct termios tio;
    assert_int_equal(tcgetattr(stiel_transport_fd(t), &tio), 0);
    assert_int_equal(cfgetospeed(&tio), B9600); /* NULL line settings: 9600 8N1 */
    assert_int_equal(tio.c_cflag & CSIZE, CS8);
    stiel_transport_close(t);
    close(master);
}

static void open_errors(void **state)
{
    (void)state;
    int before = fd_count();
    stiel_transport *t = (stiel_transport *)&t;
    stiel_diag d;
    assert_int_equal(stiel_transport_open("pty:/nonexistent/stiel-scanner", NULL, &t, &d), STIEL_ERR_NOT_FOUND);
    assert_null(t);
    assert_non_null(strstr(d.text, "/nonexistent/stiel-scanner"));
    assert_non_null(strstr(d.text, "plugged in"));
    assert_int_equal(stiel_transport_open("pty:", NULL, &t, &d), STIEL_ERR_ARG);
    assert_int_equal(stiel_transport_open("", NULL, &t, &d), STIEL_ERR_ARG);
    assert_int_equal(stiel_transport_open(NULL, NULL, &t, &d), STIEL_ERR_ARG);
    char longspec[STIEL_PORT_SPEC_MAX + 8];
    memset(longspec, 'a', sizeof longspec - 1);
    longspec[sizeof longspec - 1] = '\0';
    assert_int_equal(stiel_transport_open(longspec, NULL, &t, &d), STIEL_ERR_OVERLONG);
    stiel_line_settings bad = STIEL_LINE_SETTINGS_DEFAULT;
    bad.baud = 1234;
    assert_int_equal(stiel_transport_open("pty:/dev/null", &bad, &t, &d), STIEL_ERR_UNSUPPORTED);
    assert_null(t);
    /* a directory cannot be a device */
    assert_int_equal(stiel_transport_open("pty:/tmp", NULL, &t, &d), STIEL_ERR_IO);
    assert_int_equal(fd_count(), before);
}

static void socketpair_partial_writes_and_no_sigpipe(void **state)
{
    (void)state;
    int before = fd_count();
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    int small = 4096;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    stiel_transport *t = NULL;
    stiel_diag d;
    assert_int_equal(stiel_transport_adopt_fd(sv[0], "sim", &t, &d), STIEL_OK);
    assert_true(fcntl(stiel_transport_fd(t), F_GETFL) & O_NONBLOCK);

    /* fill the socket: a partial write reports what went, then 0 (EAGAIN) is still OK */
    static uint8_t block[65536];
    memset(block, 'z', sizeof block);
    size_t written = 0, total = 0;
    int saw_partial = 0;
    for (int i = 0; i < 64; i++) {
        assert_int_equal(stiel_transport_write(t, block, sizeof block, &written, &d), STIEL_OK);
        if (written < sizeof block)
            saw_partial = 1;
        total += written;
        if (written == 0)
            break;
    }
    assert_true(saw_partial);
    assert_int_equal(written, 0);
    /* everything reported written arrives */
    size_t drained = 0;
    uint8_t rb[8192];
    for (;;) {
        ssize_t n = recv(sv[1], rb, sizeof rb, MSG_DONTWAIT);
        if (n <= 0)
            break;
        for (ssize_t k = 0; k < n; k++)
            assert_int_equal(rb[k], 'z');
        drained += (size_t)n;
    }
    assert_int_equal(drained, total);

    /* reads */
    assert_int_equal(write(sv[1], "AB", 2), 2);
    size_t got = 0;
    uint8_t buf[8];
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_OK);
    assert_int_equal(got, 2);
    assert_memory_equal(buf, "AB", 2);

    /* peer gone: write gives CLOSED (EPIPE), not a SIGPIPE that would kill this test */
    close(sv[1]);
    assert_int_equal(stiel_transport_write(t, "x", 1, &written, &d), STIEL_ERR_CLOSED);
    assert_int_equal(stiel_transport_state_get(t), STIEL_TRANSPORT_FAILED);
    stiel_transport_close(t);
    assert_int_equal(fd_count(), before);

    /* adopt a pipe: end of stream is CLOSED */
    int pp[2];
    assert_int_equal(pipe(pp), 0);
    assert_int_equal(stiel_transport_adopt_fd(pp[0], "pipe", &t, &d), STIEL_OK);
    close(pp[1]);
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_ERR_CLOSED);
    stiel_transport_close(t);
    assert_int_equal(stiel_transport_adopt_fd(-1, "x", &t, &d), STIEL_ERR_ARG);
    assert_int_equal(fd_count(), before);
}

static int listener(int *port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 4) != 0)
        return -1;
    socklen_t len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    return s;
}

/* Waits for the connect to finish, as the device thread does. */
static stiel_status finish_connect(stiel_transport *t, stiel_diag *d)
{
    stiel_status st = STIEL_OK;
    for (int i = 0; i < 100 && stiel_transport_state_get(t) == STIEL_TRANSPORT_CONNECTING; i++) {
        struct pollfd p = {.fd = stiel_transport_fd(t), .events = stiel_transport_poll_events(t)};
        assert_true(p.events & POLLOUT);
        if (poll(&p, 1, 50) > 0)
            st = stiel_transport_handle_events(t, p.revents, d);
    }
    return st;
}

static void tcp_loopback(void **state)
{
    (void)state;
    int before = fd_count();
    int port = 0;
    int ls = listener(&port);
    assert_true(ls >= 0);
    char spec[64];
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", port);
    stiel_transport *t = NULL;
    stiel_diag d;
    assert_int_equal(stiel_transport_open(spec, NULL, &t, &d), STIEL_OK);
    assert_int_equal(stiel_transport_kind_get(t), STIEL_TRANSPORT_TCP);
    assert_int_equal(finish_connect(t, &d), STIEL_OK);
    assert_int_equal(stiel_transport_state_get(t), STIEL_TRANSPORT_OPEN);
    assert_int_equal(stiel_transport_poll_events(t), 0);
    int peer = accept(ls, NULL, NULL);
    assert_true(peer >= 0);

    size_t written = 0, got = 0;
    assert_int_equal(stiel_transport_write(t, "~HS\n", 4, &written, &d), STIEL_OK);
    assert_int_equal(written, 4);
    char buf[16] = {0};
    assert_int_equal(recv(peer, buf, 4, MSG_WAITALL), 4);
    assert_memory_equal(buf, "~HS\n", 4);
    assert_int_equal(send(peer, "\x02" "030,0,0\x03", 9, 0), 9);
    struct pollfd p = {.fd = stiel_transport_fd(t), .events = POLLIN};
    assert_int_equal(poll(&p, 1, 2000), 1);
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_OK);
    assert_int_equal(got, 9);
    assert_memory_equal(buf, "\x02" "030,0,0\x03", 9);

    /* the printer closes: CLOSED */
    close(peer);
    assert_int_equal(poll(&p, 1, 2000), 1);
    assert_int_equal(stiel_transport_read(t, buf, sizeof buf, &got, &d), STIEL_ERR_CLOSED);
    stiel_transport_close(t);
    close(ls);
    assert_int_equal(fd_count(), before);
}

static void tcp_refused_and_bad_specs(void **state)
{
    (void)state;
    int before = fd_count();
    int port = 0;
    int ls = listener(&port);
    assert_true(ls >= 0);
    close(ls); /* nobody listens there now */
    char spec[64];
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", port);
    stiel_transport *t = NULL;
    stiel_diag d;
    stiel_diag_clear(&d);
    stiel_status st = stiel_transport_open(spec, NULL, &t, &d);
    if (st == STIEL_OK) {
        st = finish_connect(t, &d);
        assert_int_equal(stiel_transport_state_get(t), STIEL_TRANSPORT_FAILED);
        assert_int_equal(stiel_transport_last_diag(t)->code, STIEL_ERR_NOT_FOUND);
        stiel_transport_close(t);
    }
    assert_int_equal(st, STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "refused"));
    char peer[40];
    snprintf(peer, sizeof peer, "127.0.0.1:%d", port);
    assert_non_null(strstr(d.text, peer));

    static const char *const bad[] = {"tcp:printer", "tcp:printer:", "tcp::9100", "tcp:[::1]:abc",
                                      "tcp:::1:9100", "tcp:[::1]9100", "tcp:host:1234567",
                                      "tcp:host:65536", "tcp:host:0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(stiel_transport_open(bad[i], NULL, &t, &d), STIEL_ERR_ARG);
        assert_non_null(strstr(d.text, "tcp:HOST:PORT"));
        assert_null(t);
    }
    assert_int_equal(stiel_transport_open("tcp:no-such-host.invalid:9100", NULL, &t, &d), STIEL_ERR_NOT_FOUND);
    assert_non_null(strstr(d.text, "no-such-host.invalid"));
    assert_int_equal(fd_count(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kind_by_port_name),
        cmocka_unit_test(fd_transport_over_pty),
        cmocka_unit_test(plain_path_without_prefix_is_fd),
        cmocka_unit_test(open_errors),
        cmocka_unit_test(socketpair_partial_writes_and_no_sigpipe),
        cmocka_unit_test(tcp_loopback),
        cmocka_unit_test(tcp_refused_and_bad_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
