/* The device thread: the bounded command queue with its eventfd wake-up, the poll() loop that
 * sleeps until an fd is ready or the earliest device deadline, and start/stop. */
#include "drivers/device_impl.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

#define LOG_PREFIX "devthread"

enum { DEFAULT_BACKOFF_MS = 100, DEFAULT_BACKOFF_MAX_MS = 1000, DEFAULT_OUT_QUEUE = 64 * 1024 };

stiel_status stiel_device_thread_new(const stiel_device_thread_config *cfg, stiel_device_thread **out,
                                     stiel_diag *diag)
{
    if (out)
        *out = NULL;
    if (!cfg || !cfg->on_event || !out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device thread: an event callback is required");
    stiel_device_thread *thr = calloc(1, sizeof *thr);
    if (!thr)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "device thread: out of memory");
    thr->cfg = *cfg;
    if (!thr->cfg.backoff_initial_ms)
        thr->cfg.backoff_initial_ms = DEFAULT_BACKOFF_MS;
    if (!thr->cfg.backoff_max_ms)
        thr->cfg.backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
    if (thr->cfg.backoff_max_ms < thr->cfg.backoff_initial_ms)
        thr->cfg.backoff_max_ms = thr->cfg.backoff_initial_ms;
    if (!thr->cfg.out_queue_cap)
        thr->cfg.out_queue_cap = DEFAULT_OUT_QUEUE;
    thr->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (thr->wake_fd < 0) {
        int err = errno;
        free(thr);
        return stiel_diag_set(diag, STIEL_ERR_IO, "device thread: cannot create its wake-up fd: %s", strerror(err));
    }
    pthread_mutex_init(&thr->lock, NULL);
    thr->next_id = 1;
    *out = thr;
    return STIEL_OK;
}

static void wake(stiel_device_thread *thr)
{
    uint64_t one = 1;
    /* EAGAIN only if the counter is about to overflow: it is then readable anyway. */
    ssize_t w = write(thr->wake_fd, &one, sizeof one);
    (void)w;
}

/* Frees what a command owns; destroy_data: also the driver data of an ADD never run. */
static void cmd_free(device_cmd *cmd, int destroy_data)
{
    free(cmd->bytes);
    cmd->bytes = NULL;
    if (cmd->dev) {
        if (destroy_data && cmd->dev->ops->destroy)
            cmd->dev->ops->destroy(cmd->dev->driver_data);
        stiel_buf_free(&cmd->dev->outq);
        free(cmd->dev);
        cmd->dev = NULL;
    }
}

/* Appends cmd to the queue (taking its allocations) and wakes the thread. On failure frees them. */
static stiel_status submit(stiel_device_thread *thr, device_cmd *cmd, stiel_diag *diag)
{
    pthread_mutex_lock(&thr->lock);
    if (thr->count == STIEL_DEVICE_CMD_QUEUE || thr->stopping) {
        int stopping = thr->stopping;
        pthread_mutex_unlock(&thr->lock);
        cmd_free(cmd, 0); /* driver_data stays the caller's when add fails */
        if (stopping)
            return stiel_diag_set(diag, STIEL_ERR_STATE, "device thread is stopping");
        return stiel_diag_set(diag, STIEL_ERR_BUSY, "device command queue is full: the device thread is not keeping up");
    }
    thr->queue[(thr->head + thr->count) % STIEL_DEVICE_CMD_QUEUE] = *cmd;
    thr->count++;
    pthread_mutex_unlock(&thr->lock);
    wake(thr);
    return STIEL_OK;
}

stiel_status stiel_device_thread_add(stiel_device_thread *thr, const stiel_device_config *cfg, int *id,
                                     stiel_diag *diag)
{
    if (id)
        *id = 0;
    if (!thr || !cfg || !id)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device add: bad arguments");
    if (!cfg->ops)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device add: no driver given");
    if (!cfg->port || !cfg->port[0])
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device add: no port given");
    if (strlen(cfg->port) >= STIEL_PORT_SPEC_MAX)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device add: port name is longer than %d characters",
                              STIEL_PORT_SPEC_MAX - 1);
    stiel_diag ld;
    if (stiel_line_settings_check(&cfg->line, &ld) != STIEL_OK)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device add: %s", ld.text);
    pthread_mutex_lock(&thr->lock);
    if (thr->reserved >= STIEL_DEVICE_MAX) {
        pthread_mutex_unlock(&thr->lock);
        return stiel_diag_set(diag, STIEL_ERR_BUSY, "device add: already %d devices", STIEL_DEVICE_MAX);
    }
    int new_id = thr->next_id++;
    thr->reserved++;
    pthread_mutex_unlock(&thr->lock);
    device_cmd cmd = {.kind = DEVICE_CMD_ADD, .id = new_id};
    cmd.dev = device_new(thr, cfg, new_id);
    stiel_status st = STIEL_OK;
    if (!cmd.dev)
        st = stiel_diag_set(diag, STIEL_ERR_NOMEM, "device add: out of memory");
    else
        st = submit(thr, &cmd, diag);
    if (st != STIEL_OK) {
        pthread_mutex_lock(&thr->lock);
        thr->reserved--;
        pthread_mutex_unlock(&thr->lock);
        return st;
    }
    *id = new_id;
    return STIEL_OK;
}

static stiel_status simple(stiel_device_thread *thr, device_cmd_kind kind, int id, stiel_diag *diag)
{
    if (!thr || id <= 0)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no such device (id %d)", id);
    device_cmd cmd = {.kind = kind, .id = id};
    return submit(thr, &cmd, diag);
}

stiel_status stiel_device_thread_claim(stiel_device_thread *thr, int id, stiel_diag *diag)
{
    return simple(thr, DEVICE_CMD_CLAIM, id, diag);
}

stiel_status stiel_device_thread_enable(stiel_device_thread *thr, int id, int enable, stiel_diag *diag)
{
    return simple(thr, enable ? DEVICE_CMD_ENABLE : DEVICE_CMD_DISABLE, id, diag);
}

stiel_status stiel_device_thread_release(stiel_device_thread *thr, int id, stiel_diag *diag)
{
    return simple(thr, DEVICE_CMD_RELEASE, id, diag);
}

stiel_status stiel_device_thread_remove(stiel_device_thread *thr, int id, stiel_diag *diag)
{
    return simple(thr, DEVICE_CMD_REMOVE, id, diag);
}

static stiel_status with_bytes(stiel_device_thread *thr, device_cmd_kind kind, int id, int code, const void *bytes,
                               size_t n, stiel_diag *diag)
{
    if (!thr || id <= 0 || (!bytes && n))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "device command: bad arguments (id %d)", id);
    device_cmd cmd = {.kind = kind, .id = id, .code = code, .n = n};
    if (n) {
        cmd.bytes = malloc(n);
        if (!cmd.bytes)
            return stiel_diag_set(diag, STIEL_ERR_NOMEM, "device command: out of memory for %zu bytes", n);
        memcpy(cmd.bytes, bytes, n);
    }
    return submit(thr, &cmd, diag);
}

stiel_status stiel_device_thread_send(stiel_device_thread *thr, int id, const void *bytes, size_t n,
                                      stiel_diag *diag)
{
    return with_bytes(thr, DEVICE_CMD_SEND, id, 0, bytes, n, diag);
}

stiel_status stiel_device_thread_command(stiel_device_thread *thr, int id, int code, const void *bytes,
                                         size_t n, stiel_diag *diag)
{
    return with_bytes(thr, DEVICE_CMD_DRIVER, id, code, bytes, n, diag);
}

/* ---- the thread ---- */

static stiel_device *find(stiel_device_thread *thr, int id, unsigned *index)
{
    for (unsigned i = 0; i < thr->ndev; i++) {
        if (thr->devices[i]->id == id) {
            if (index)
                *index = i;
            return thr->devices[i];
        }
    }
    return NULL;
}

static void run_command(stiel_device_thread *thr, device_cmd *cmd, uint64_t now)
{
    atomic_fetch_add_explicit(&thr->commands, 1, memory_order_relaxed);
    if (cmd->kind == DEVICE_CMD_ADD) {
        if (thr->ndev < STIEL_DEVICE_MAX) {
            stiel_device *dev = cmd->dev;
            cmd->dev = NULL;
            thr->devices[thr->ndev++] = dev;
            device_announce(dev);
        }
        return;
    }
    unsigned index = 0;
    stiel_device *dev = find(thr, cmd->id, &index);
    if (!dev) {
        LOG_DEBUG("command %d for unknown device %d ignored", (int)cmd->kind, cmd->id);
        return;
    }
    if (cmd->kind == DEVICE_CMD_REMOVE) {
        thr->devices[index] = thr->devices[--thr->ndev];
        pthread_mutex_lock(&thr->lock);
        thr->reserved--;
        pthread_mutex_unlock(&thr->lock);
        device_remove(dev, now);
        return;
    }
    device_command(dev, cmd, now);
    device_drive(dev, now); /* apply it now, so that the next command sees its effect */
}

/* Runs every queued command; returns 1 if the thread must stop. */
static int run_commands(stiel_device_thread *thr, uint64_t now)
{
    device_cmd batch[STIEL_DEVICE_CMD_QUEUE];
    pthread_mutex_lock(&thr->lock);
    unsigned n = thr->count;
    for (unsigned i = 0; i < n; i++)
        batch[i] = thr->queue[(thr->head + i) % STIEL_DEVICE_CMD_QUEUE];
    thr->head = (thr->head + n) % STIEL_DEVICE_CMD_QUEUE;
    thr->count = 0;
    int stopping = thr->stopping;
    pthread_mutex_unlock(&thr->lock);
    for (unsigned i = 0; i < n; i++) {
        run_command(thr, &batch[i], now);
        cmd_free(&batch[i], 1);
    }
    return stopping;
}

static void drain_wake(stiel_device_thread *thr)
{
    uint64_t v;
    ssize_t r = read(thr->wake_fd, &v, sizeof v);
    (void)r;
}

static int timeout_until(uint64_t wake_at, uint64_t now)
{
    if (wake_at == UINT64_MAX)
        return -1;
    if (wake_at <= now)
        return 0;
    uint64_t d = wake_at - now;
    return d > INT_MAX ? INT_MAX : (int)d;
}

static void *thread_main(void *arg)
{
    stiel_device_thread *thr = arg;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE); /* a write to a vanished FIFO reader returns EPIPE instead */
    pthread_sigmask(SIG_BLOCK, &block, NULL);

    struct pollfd pfds[1 + STIEL_DEVICE_MAX];
    stiel_device *owners[1 + STIEL_DEVICE_MAX];
    for (;;) {
        uint64_t now = stiel_device_now_ms();
        if (run_commands(thr, now))
            break;
        uint64_t wake_at = UINT64_MAX;
        nfds_t nfds = 1;
        pfds[0] = (struct pollfd){.fd = thr->wake_fd, .events = POLLIN};
        owners[0] = NULL;
        for (unsigned i = 0; i < thr->ndev; i++) {
            stiel_device *dev = thr->devices[i];
            device_drive(dev, now);
            device_tick(dev, now);
            device_check_failed(dev, now);
            uint64_t w = device_next_wake(dev);
            if (w < wake_at)
                wake_at = w;
            short ev = device_poll_events(dev);
            if (ev) {
                pfds[nfds] = (struct pollfd){.fd = stiel_transport_fd(dev->tr), .events = ev};
                owners[nfds] = dev;
                nfds++;
            }
        }
        int timeout = timeout_until(wake_at, stiel_device_now_ms());
        int n = poll(pfds, nfds, timeout);
        atomic_fetch_add_explicit(&thr->poll_returns, 1, memory_order_relaxed);
        if (n < 0) {
            if (errno != EINTR) {
                LOG_ERROR("poll failed: %s", strerror(errno));
                struct timespec pause = {0, 10 * 1000 * 1000};
                nanosleep(&pause, NULL); /* never spin on a broken poll */
            }
            continue;
        }
        now = stiel_device_now_ms();
        if (pfds[0].revents)
            drain_wake(thr);
        for (nfds_t i = 1; i < nfds; i++)
            if (pfds[i].revents)
                device_on_poll(owners[i], pfds[i].revents, now);
    }
    uint64_t now = stiel_device_now_ms();
    while (thr->ndev > 0)
        device_remove(thr->devices[--thr->ndev], now);
    return NULL;
}

stiel_status stiel_device_thread_start(stiel_device_thread *thr, stiel_diag *diag)
{
    if (!thr)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no device thread");
    if (thr->started)
        return stiel_diag_set(diag, STIEL_ERR_STATE, "the device thread already runs");
    int err = pthread_create(&thr->thread, NULL, thread_main, thr);
    if (err != 0)
        return stiel_diag_set(diag, STIEL_ERR_IO, "cannot start the device thread: %s", strerror(err));
    thr->started = 1;
    return STIEL_OK;
}

void stiel_device_thread_free(stiel_device_thread *thr)
{
    if (!thr)
        return;
    pthread_mutex_lock(&thr->lock);
    thr->stopping = 1;
    pthread_mutex_unlock(&thr->lock);
    if (thr->started) {
        wake(thr);
        pthread_join(thr->thread, NULL);
    }
    /* Commands never run (thread not started, or queued after the last pass). */
    for (unsigned i = 0; i < thr->count; i++)
        cmd_free(&thr->queue[(thr->head + i) % STIEL_DEVICE_CMD_QUEUE], 1);
    thr->count = 0;
    uint64_t now = stiel_device_now_ms();
    while (thr->ndev > 0)
        device_remove(thr->devices[--thr->ndev], now);
    close(thr->wake_fd);
    pthread_mutex_destroy(&thr->lock);
    free(thr);
}

void stiel_device_thread_stats_get(stiel_device_thread *thr, stiel_device_thread_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!thr)
        return;
    out->poll_returns = atomic_load_explicit(&thr->poll_returns, memory_order_relaxed);
    out->commands = atomic_load_explicit(&thr->commands, memory_order_relaxed);
    out->ticks = atomic_load_explicit(&thr->ticks, memory_order_relaxed);
    out->events = atomic_load_explicit(&thr->events, memory_order_relaxed);
    out->events_dropped = atomic_load_explicit(&thr->events_dropped, memory_order_relaxed);
    out->opens = atomic_load_explicit(&thr->opens, memory_order_relaxed);
    out->hangups = atomic_load_explicit(&thr->hangups, memory_order_relaxed);
    out->open_ports = atomic_load_explicit(&thr->open_ports, memory_order_relaxed);
    pthread_mutex_lock(&thr->lock);
    out->devices = thr->reserved;
    pthread_mutex_unlock(&thr->lock);
    if (thr->started) {
        clockid_t cid;
        struct timespec ts;
        if (pthread_getcpuclockid(thr->thread, &cid) == 0 && clock_gettime(cid, &ts) == 0)
            out->cpu_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    }
}
