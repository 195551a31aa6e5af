/*
 * hash.h - hashing shared by every module that hashes: the 64-bit mixing
 * function (dedup.c's MinHash shingles, the syntax stage's feature
 * hashes: the finalizer of MurmurHash3 / splitmix64, which spreads every
 * input bit over every output bit), a string hash built on it, and the
 * one string -> int map (hash_map: open addressing, linear probing, keys
 * copied), used by the analyses to index periods, dyads and actors.
 */
#ifndef ENT_HASH_H
#define ENT_HASH_H

#include <stddef.h>
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

/* FNV-1a over the bytes of s, then mixed. */
uint64_t hash_str(const char *s);

/* A map from NUL-terminated strings to ints. Zero-initialised is empty;
 * hash_map_free releases the copies of the keys. */
typedef struct hash_map {
    char **keys;
    int *vals;
    size_t cap, n;
} hash_map;

/* The value of key, or -1 when it is absent. */
int hash_map_get(const hash_map *m, const char *key);
/* Insert key with value v (v >= 0) unless present; return its value, or -1
 * when memory runs out. */
int hash_map_put(hash_map *m, const char *key, int v);
void hash_map_free(hash_map *m);

#endif
