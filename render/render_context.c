/* The render context: SDL_ttf initialisation (reference-counted under a lock) and the fonts it
 * owns. See render.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "render/render_internal.h"

#ifndef STIEL_FONT_DIR
#define STIEL_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

static pthread_mutex_t ttf_lock = PTHREAD_MUTEX_INITIALIZER;
static int ttf_users;

static const char *const face_files[RENDER_FACE_COUNT] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
                                                          "NotoSansArabic-Regular.ttf"};

static stiel_status ttf_acquire(stiel_diag *diag)
{
    stiel_status st = STIEL_OK;
    pthread_mutex_lock(&ttf_lock);
    if (ttf_users == 0 && TTF_Init() != 0)
        st = stiel_diag_set(diag, STIEL_ERR_INTERNAL, "SDL_ttf does not start: %s", TTF_GetError());
    else
        ttf_users++;
    pthread_mutex_unlock(&ttf_lock);
    return st;
}

static void ttf_release(void)
{
    pthread_mutex_lock(&ttf_lock);
    if (ttf_users > 0 && --ttf_users == 0)
        TTF_Quit();
    pthread_mutex_unlock(&ttf_lock);
}

stiel_status render_context_new(const char *font_dir, render_context **out, stiel_diag *diag)
{
    if (out == NULL)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no place for the render context");
    *out = NULL;
    if (font_dir == NULL)
        font_dir = getenv("STIEL_FONT_DIR");
    if (font_dir == NULL || font_dir[0] == '\0')
        font_dir = STIEL_FONT_DIR;
    render_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return stiel_diag_set(diag, STIEL_ERR_NOMEM, "out of memory for the render context");
    stiel_status st = ttf_acquire(diag);
    if (st != STIEL_OK) {
        free(ctx);
        return st;
    }
    for (int i = 0; i < RENDER_FACE_COUNT; i++) {
        char path[1024];
        int n = snprintf(path, sizeof path, "%s/%s", font_dir, face_files[i]);
        if (n < 0 || (size_t)n >= sizeof path) {
            render_context_free(ctx);
            return stiel_diag_set(diag, STIEL_ERR_OVERLONG, "font directory path is too long");
        }
        pthread_mutex_lock(&ttf_lock); /* FreeType's library handle is shared: open faces one at a time */
        ctx->fonts[i] = TTF_OpenFont(path, 24);
        pthread_mutex_unlock(&ttf_lock);
        if (ctx->fonts[i] == NULL) {
            st = stiel_diag_set(diag, STIEL_ERR_NOT_FOUND,
                                "cannot open font %s (%s): install fonts-noto-core or set STIEL_FONT_DIR", path,
                                TTF_GetError());
            render_context_free(ctx);
            return st;
        }
    }
    stiel_diag_clear(&ctx->last);
    *out = ctx;
    return STIEL_OK;
}

void render_context_free(render_context *ctx)
{
    if (ctx == NULL)
        return;
    pthread_mutex_lock(&ttf_lock);
    for (int i = 0; i < RENDER_FACE_COUNT; i++)
        if (ctx->fonts[i] != NULL)
            TTF_CloseFont(ctx->fonts[i]);
    pthread_mutex_unlock(&ttf_lock);
    free(ctx);
    ttf_release();
}

const stiel_diag *render_context_last_error(const render_context *ctx)
{
    return ctx == NULL ? NULL : &ctx->last;
}
