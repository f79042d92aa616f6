/* Feedback sounds: assets/sounds/{good,bad,attention}.wav loaded once, converted to the audio
 * device's format, queued with the volume applied (SDL_MixAudioFormat). Works with any SDL
 * audio driver, "dummy" included; without audio the kiosk stays silent and says so in the log. */
#include <stdio.h>
#include <string.h>

#define LOG_PREFIX "ui-sound"
#include "common/log.h"
#include "kiosk/ui/ui_internal.h"

static const char *const sound_files[UI_SOUND_COUNT] = {"good.wav", "bad.wav", "attention.wav"};

static void load_one(ui *u, int k)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/sounds/%s", u->asset_dir, sound_files[k]);
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 len = 0;
    if (!SDL_LoadWAV(path, &spec, &buf, &len)) {
        LOG_WARN("sound %s: %s", path, SDL_GetError());
        return;
    }
    SDL_AudioCVT cvt;
    int need = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, u->spec.format,
                                 u->spec.channels, u->spec.freq);
    if (need < 0) {
        SDL_FreeWAV(buf);
        return;
    }
    cvt.len = (int)len;
    cvt.buf = SDL_malloc((size_t)len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
    if (!cvt.buf) {
        SDL_FreeWAV(buf);
        return;
    }
    memcpy(cvt.buf, buf, len);
    SDL_FreeWAV(buf);
    if (need > 0 && SDL_ConvertAudio(&cvt) != 0) {
        SDL_free(cvt.buf);
        return;
    }
    u->wav[k] = cvt.buf;
    u->wav_len[k] = (Uint32)(need > 0 ? cvt.len_cvt : cvt.len);
}

void sound_open(ui *u)
{
    u->volume = 70;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        LOG_INFO("no audio (%s): sounds are off", SDL_GetError());
        return;
    }
    SDL_AudioSpec want = {.freq = 22050, .format = AUDIO_S16SYS, .channels = 1, .samples = 512};
    u->dev = SDL_OpenAudioDevice(NULL, 0, &want, &u->spec, 0);
    if (!u->dev) {
        LOG_INFO("no audio device (%s): sounds are off", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    for (int k = 0; k < UI_SOUND_COUNT; k++)
        load_one(u, k);
    SDL_PauseAudioDevice(u->dev, 0);
    u->audio = true;
}

void sound_close(ui *u)
{
    if (!u->audio)
        return;
    SDL_CloseAudioDevice(u->dev);
    for (int k = 0; k < UI_SOUND_COUNT; k++) {
        SDL_free(u->wav[k]);
        u->wav[k] = NULL;
    }
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    u->audio = false;
}

void ui_sound_set_volume(ui *u, unsigned volume)
{
    if (u)
        u->volume = volume > 100 ? 100 : volume;
}

void ui_sound_play(ui *u, ui_sound kind)
{
    if (!u || !u->audio || (int)kind < 0 || kind >= UI_SOUND_COUNT || !u->wav[kind] ||
        !u->volume)
        return;
    Uint32 len = u->wav_len[kind];
    Uint8 *mixed = SDL_calloc(1, len);
    if (!mixed)
        return;
    if (u->spec.format == AUDIO_U8)
        memset(mixed, 0x80, len);
    SDL_MixAudioFormat(mixed, u->wav[kind], u->spec.format, len,
                       (int)(u->volume * SDL_MIX_MAXVOLUME / 100));
    SDL_ClearQueuedAudio(u->dev);
    SDL_QueueAudio(u->dev, mixed, len);
    SDL_free(mixed);
}

unsigned ui_sound_queued(const ui *u)
{
    return u && u->audio ? (unsigned)SDL_GetQueuedAudioSize(u->dev) : 0;
}
