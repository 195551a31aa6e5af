/*
 * shard.c - which of N shards a document belongs to (entente code --shard
 * i/N): a stable 64-bit hash of its id (FNV-1a, then a 64-bit finaliser)
 * modulo N. The same id lands in the same shard on every machine and run,
 * whatever else the input holds, so N runs over the same input partition
 * it, and a document re-coded later goes to the shard that holds it.
 */
#include "entente.h"
#include "base/hash.h"

#include <stdint.h>

int ent_doc_shard(const char *id, int n)
{
    if (n <= 1)
        return 0;
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return (int)(hash_mix64(h) % (uint64_t)n);
}
