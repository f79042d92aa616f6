/* The seeded random generator behind training orders and drills: xoshiro256** seeded through
 * splitmix64, integer-only, so the same seed gives the same numbers on every platform. Pure. */
#ifndef STIEL_CORE_RNG_H
#define STIEL_CORE_RNG_H

#include <stdint.h>

typedef struct core_rng {
    uint64_t s[4];
} core_rng;

/* One splitmix64 step: advances *state and returns the next output (used for seeding). */
uint64_t core_rng_splitmix64(uint64_t *state);

/* Seeds the generator: its four words are the first four splitmix64 outputs from seed. */
void core_rng_seed(core_rng *r, uint64_t seed);

/* The next 64 random bits (xoshiro256**). */
uint64_t core_rng_next(core_rng *r);

/* A uniform number in 0..n-1 without modulo bias (rejection); 0 when n is 0. */
uint32_t core_rng_below(core_rng *r, uint32_t n);

/* A uniform number in lo..hi (inclusive); lo when hi <= lo. */
uint32_t core_rng_range(core_rng *r, uint32_t lo, uint32_t hi);

#endif
