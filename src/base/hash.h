/*
 * hash.h - the 64-bit mixing function shared by the modules that hash
 * (dedup.c's MinHash shingles, the syntax stage's feature hashes): the
 * finalizer of MurmurHash3 / splitmix64, which spreads every input bit
 * over every output bit.
 */
#ifndef ENT_HASH_H
#define ENT_HASH_H

#include <stdint.h>

static inline uint64_t hash_mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

#endif
