/* The TCP transport: "tcp:HOST:PORT" (or "tcp:[v6addr]:PORT") for network label printers on raw
 * port 9100. Non-blocking connect: the transport starts CONNECTING and completes on POLLOUT. */
#include "drivers/transport_impl.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { HOST_MAX = 200, PORT_MAX_TEXT = 8 };

/* Splits "host:port" / "[v6]:port" into host and port text. Returns 0 or -1. */
static int split_hostport(const char *hp, char *host, char *port)
{
    const char *colon;
    const char *h = hp;
    size_t hlen;
    if (hp[0] == '[') {
        const char *close_br = strchr(hp, ']');
        if (!close_br || close_br[1] != ':')
            return -1;
        h = hp + 1;
        hlen = (size_t)(close_br - h);
        colon = close_br + 1;
    } else {
        colon = strrchr(hp, ':');
        if (!colon)
            return -1;
        hlen = (size_t)(colon - hp);
        if (memchr(hp, ':', hlen))
            return -1; /* a bare IPv6 address needs brackets */
    }
    size_t plen = strlen(colon + 1);
    if (hlen == 0 || hlen >= HOST_MAX || plen == 0 || plen >= PORT_MAX_TEXT)
        return -1;
    long port_num = 0;
    for (const char *c = colon + 1; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        port_num = port_num * 10 + (*c - '0');
    }
    if (port_num < 1 || port_num > 65535)
        return -1;
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    memcpy(port, colon + 1, plen + 1);
    return 0;
}

static stiel_status connect_error(const char *peer, int err, stiel_diag *diag)
{
    if (err == ECONNREFUSED)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                              "printer at %s refused the connection: check that it is on and listens on that port",
                              peer);
    if (err == ETIMEDOUT || err == EHOSTUNREACH || err == ENETUNREACH)
        return stiel_diag_set(diag, STIEL_ERR_TIMEOUT, "cannot reach %s (%s): check the network cable and address",
                              peer, strerror(err));
    return stiel_diag_set(diag, STIEL_ERR_IO, "cannot connect to %s: %s", peer, strerror(err));
}

stiel_status stiel_transport_tcp_open(const char *spec, const char *hostport, stiel_transport **out,
                                      stiel_diag *diag)
{
    char host[HOST_MAX], port[PORT_MAX_TEXT];
    if (split_hostport(hostport, host, port) != 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "port \"%s\": write tcp:HOST:PORT, e.g. tcp:192.168.1.20:9100",
                              spec);
    /* Name lookup blocks: numeric addresses resolve at once; prefer them in the config. */
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0 || !res)
        return stiel_diag_set(diag, STIEL_ERR_NOT_FOUND, "cannot find host \"%s\": %s: check the address in the config",
                              host, gai_strerror(gai));
    stiel_transport *t = stiel_transport_alloc(STIEL_TRANSPORT_TCP, spec);
    if (!t) {
        freeaddrinfo(res);
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory opening %s", spec);
    }
    snprintf(t->tcp_peer, sizeof t->tcp_peer, "%s:%s", host, port);
    stiel_status st = STIEL_ERR_IO;
    int last_err = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_err = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            t->state = STIEL_TRANSPORT_OPEN;
        } else if (errno == EINPROGRESS) {
            t->state = STIEL_TRANSPORT_CONNECTING;
        } else {
            last_err = errno;
            close(fd);
            continue;
        }
        t->fd = fd;
        t->is_socket = 1;
        st = STIEL_OK;
        break;
    }
    freeaddrinfo(res);
    if (st != STIEL_OK) {
        st = connect_error(t->tcp_peer, last_err, diag);
        stiel_transport_free_struct(t);
        return st;
    }
    *out = t;
    return STIEL_OK;
}

stiel_status stiel_transport_tcp_finish(stiel_transport *t, stiel_diag *diag)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(t->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err == 0) {
        t->state = STIEL_TRANSPORT_OPEN;
        return STIEL_OK;
    }
    t->state = STIEL_TRANSPORT_FAILED;
    stiel_status st = connect_error(t->tcp_peer, err, &t->last);
    if (diag)
        *diag = t->last;
    return st;
}
