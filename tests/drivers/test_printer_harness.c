/* The printer simulator on a pty for driver tests (see test_printer_harness.h). */
#include "test_printer_harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *serve(void *arg)
{
    sim_pty *s = arg;
    uint8_t buf[4096];
    for (;;) {
        struct pollfd p[2] = {{.fd = s->master, .events = POLLIN}, {.fd = s->stop[0], .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        ssize_t n = read(s->master, buf, sizeof buf);
        if (n <= 0) {
            sleep_ms(5);
            continue;
        }
        stiel_buf reply;
        stiel_buf_init(&reply, 0);
        pthread_mutex_lock(&s->lock);
        stiel_buf_append(&s->raw, buf, (size_t)n);
        if (s->sim)
            stiel_printer_sim_feed(s->sim, buf, (size_t)n, &reply);
        pthread_mutex_unlock(&s->lock);
        size_t off = 0;
        while (off < reply.len) {
            ssize_t w = write(s->master, reply.data + off, reply.len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        stiel_buf_free(&reply);
    }
    return NULL;
}

int sim_pty_start(sim_pty *s, stiel_printer_lang lang)
{
    memset(s, 0, sizeof *s);
    if (pty_make(&s->master, s->path, sizeof s->path) != 0)
        return -1;
    s->slave = open(s->path, O_RDWR | O_NOCTTY); /* keeps the master from seeing a hang-up */
    if (pipe(s->stop) != 0)
        return -1;
    if (lang != STIEL_PRINTER_EPL && stiel_printer_sim_new(lang, &s->sim) != STIEL_OK)
        return -1;
    stiel_buf_init(&s->raw, 0);
    pthread_mutex_init(&s->lock, NULL);
    return pthread_create(&s->thread, NULL, serve, s) == 0 ? 0 : -1;
}

void sim_pty_stop(sim_pty *s)
{
    if (write(s->stop[1], "x", 1) != 1)
        return;
    pthread_join(s->thread, NULL);
    close(s->stop[0]);
    close(s->stop[1]);
    close(s->master);
    if (s->slave >= 0)
        close(s->slave);
    stiel_printer_sim_free(s->sim);
    stiel_buf_free(&s->raw);
    pthread_mutex_destroy(&s->lock);
}

void sim_pty_control(sim_pty *s, const char *word)
{
    pthread_mutex_lock(&s->lock);
    stiel_printer_sim_control(s->sim, word, NULL);
    pthread_mutex_unlock(&s->lock);
}

uint64_t sim_pty_printed(sim_pty *s)
{
    pthread_mutex_lock(&s->lock);
    uint64_t n = stiel_printer_sim_printed(s->sim);
    pthread_mutex_unlock(&s->lock);
    return n;
}

int sim_pty_take(sim_pty *s, stiel_buf *out)
{
    pthread_mutex_lock(&s->lock);
    int got = stiel_printer_sim_take(s->sim, out, NULL);
    pthread_mutex_unlock(&s->lock);
    return got;
}

void sim_pty_raw(sim_pty *s, stiel_buf *out)
{
    pthread_mutex_lock(&s->lock);
    stiel_buf_append(out, s->raw.data, s->raw.len);
    pthread_mutex_unlock(&s->lock);
}

long wait_status(recorder *r, size_t from, int code, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 5) {
        size_t n = recorder_count(r);
        for (size_t i = from; i < n; i++) {
            stiel_device_event *ev = recorder_at(r, i);
            if (ev->kind == STIEL_DEVICE_EVENT_STATUS && ev->code == code)
                return (long)i;
        }
        sleep_ms(5);
    }
    return -1;
}

int wait_job(stiel_print_queue *q, uint64_t id, stiel_print_job_state want, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 5) {
        stiel_print_job_info info;
        if (stiel_print_queue_get(q, id, &info) == STIEL_OK && info.state == want)
            return 0;
        sleep_ms(5);
    }
    return -1;
}

void temp_dir(char *out, size_t cap, const char *tag)
{
    snprintf(out, cap, "/tmp/stiel-%s-XXXXXX", tag);
    if (!mkdtemp(out))
        out[0] = '\0';
}

void temp_dir_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}
