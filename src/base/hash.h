/*
 * hash.h - hashing shared by every module that hashes: the 64-bit mixing
 * function (dedup.c's MinHash shingles, the syntax stage's feature
 * hashes: the finalizer of MurmurHash3 / splitmix64, which spreads every
 * input bit over every output bit), a string hash and a 64-bit hash of
 * bytes built on it (the same on every machine: it reads bytes, not
 * words), the probing of every string-keyed table (hash_slot), the one
 * string -> int map (hash_map, for the analyses' periods, dyads and
 * actors) and the one set of 64-bit keys (hset, for the reader's document
 * ids and visited files). The syntax model's weight table (syntax/percep.c)
 * is a file format of its own, not a map of this kind: 32-bit fingerprints
 * of feature hashes over rows of weights, laid out for its scoring loop
 * and mapped read-only from disk.
 */
#ifndef ENT_HASH_H
#define ENT_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "base/mem.h"


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
static inline uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
    return hash_mix64(h);
}

/* The probing of every string-keyed table (hash_map below, the
 * dictionary's string -> list map in lexicon/dict.c, which keeps its
 * values beside the same slots): open addressing, linear probing, cap a
 * power of 2 with at least one empty slot. The slot of key among keys[],
 * where it is or the empty one where it would go. cap must not be 0. */
static inline size_t hash_slot(const char *const *keys, size_t cap, const char *key)
{
    size_t j = (size_t)hash_str(key) & (cap - 1);
    /* the first byte before the call: most keys probed past differ */
    while (keys[j] && (keys[j][0] != key[0] || strcmp(keys[j], key) != 0))
        j = (j + 1) & (cap - 1);
    return j;
}

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

/* FNV-1a over n bytes, continuing from h (start with HASH_SEED), then
 * mixed: a hash of a byte string that depends on no machine's word order. */
#define HASH_SEED 0xcbf29ce484222325ULL
static inline uint64_t hash_bytes64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return hash_mix64(h);
}

/* A set of non-zero 64-bit keys. Zero the struct to start; hset_free. */
typedef struct hset {
    uint64_t *keys;
    size_t cap, n;
} hset;

/* Add key (0 is taken as 1). Returns 1 if it was new, 0 if already in the
 * set, -1 when out of memory. */
static inline int hset_add(hset *s, uint64_t key)
{
    key = key ? key : 1;
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint64_t *k = mem_calloc(cap, sizeof *k);
        if (!k)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->keys[i]) {
                size_t j = s->keys[i] & (cap - 1);
                while (k[j])
                    j = (j + 1) & (cap - 1);
                k[j] = s->keys[i];
            }
        mem_free(s->keys);
        s->keys = k;
        s->cap = cap;
    }
    size_t j = key & (s->cap - 1);
    while (s->keys[j]) {
        if (s->keys[j] == key)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->keys[j] = key;
    s->n++;
    return 1;
}

static inline void hset_free(hset *s)
{
    mem_free(s->keys);
    s->keys = NULL;
    s->cap = s->n = 0;
}

#endif
