/* xoshiro256** and splitmix64 (Blackman and Vigna, public domain reference), as in rng.h. */
#include "kiosk/core/rng.h"

uint64_t core_rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void core_rng_seed(core_rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int k = 0; k < 4; k++)
        r->s[k] = core_rng_splitmix64(&st);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t core_rng_next(core_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t core_rng_below(core_rng *r, uint32_t n)
{
    if (n == 0)
        return 0;
    uint32_t limit = (uint32_t)(0x100000000ULL - (0x100000000ULL % n));  /* 0 when n | 2^32 */
    for (;;) {
        uint32_t x = (uint32_t)(core_rng_next(r) >> 32);
        if (limit == 0 || x < limit)
            return x % n;
    }
}

uint32_t core_rng_range(core_rng *r, uint32_t lo, uint32_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + core_rng_below(r, hi - lo + 1);
}
