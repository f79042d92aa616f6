/* Generates the kiosk's feedback sounds (assets/sounds/{good,bad,attention}.wav): short, gentle
 * sine tones with soft attack and release, 22050 Hz mono 16-bit. good: two rising notes;
 * bad: two soft falling notes (low, never harsh); attention: one middle note twice.
 * Run once; the WAVs are committed. Usage: stiel_gen_sounds ASSET_DIR */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { RATE = 22050, MAX_SAMPLES = RATE };

typedef struct note {
    double hz, start_s, len_s;
} note;

static void put16(FILE *f, uint16_t v) { fputc(v & 0xFF, f); fputc(v >> 8, f); }
static void put32(FILE *f, uint32_t v) { put16(f, (uint16_t)(v & 0xFFFF)); put16(f, (uint16_t)(v >> 16)); }

static int write_wav(const char *path, const note *notes, int n, double total_s, double gain)
{
    static int16_t pcm[MAX_SAMPLES];
    int count = (int)(total_s * RATE);
    if (count > MAX_SAMPLES)
        count = MAX_SAMPLES;
    memset(pcm, 0, sizeof pcm);
    for (int k = 0; k < n; k++) {
        int s0 = (int)(notes[k].start_s * RATE), len = (int)(notes[k].len_s * RATE);
        for (int i = 0; i < len && s0 + i < count; i++) {
            double t = (double)i / RATE;
            double env = 1.0;
            double attack = 0.015, release = notes[k].len_s * 0.6;
            if (t < attack)
                env = t / attack;
            else if (t > notes[k].len_s - release)
                env = (notes[k].len_s - t) / release;
            /* a sine with a touch of its octave: soft, like a marimba */
            double v = sin(2 * M_PI * notes[k].hz * t) + 0.2 * sin(4 * M_PI * notes[k].hz * t);
            double s = pcm[s0 + i] + gain * 32767.0 * env * env * v / 1.2;
            pcm[s0 + i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
        }
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint32_t bytes = (uint32_t)count * 2;
    fwrite("RIFF", 1, 4, f);
    put32(f, 36 + bytes);
    fwrite("WAVEfmt ", 1, 8, f);
    put32(f, 16);
    put16(f, 1);
    put16(f, 1);
    put32(f, RATE);
    put32(f, RATE * 2);
    put16(f, 2);
    put16(f, 16);
    fwrite("data", 1, 4, f);
    put32(f, bytes);
    for (int i = 0; i < count; i++)
        put16(f, (uint16_t)pcm[i]);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ASSET_DIR\n", argv[0]);
        return 2;
    }
    char path[1024];
    const note good[] = {{659.25, 0.0, 0.16}, {987.77, 0.12, 0.26}};   /* E5, B5 */
    const note bad[] = {{392.00, 0.0, 0.20}, {311.13, 0.18, 0.30}};    /* G4, Eb4 */
    const note attention[] = {{587.33, 0.0, 0.14}, {587.33, 0.20, 0.14}}; /* D5 twice */
    snprintf(path, sizeof path, "%s/sounds/good.wav", argv[1]);
    if (write_wav(path, good, 2, 0.40, 0.45) != 0)
        return 1;
    snprintf(path, sizeof path, "%s/sounds/bad.wav", argv[1]);
    if (write_wav(path, bad, 2, 0.50, 0.40) != 0)
        return 1;
    snprintf(path, sizeof path, "%s/sounds/attention.wav", argv[1]);
    if (write_wav(path, attention, 2, 0.36, 0.40) != 0)
        return 1;
    printf("3 sounds written\n");
    return 0;
}
