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
    return (int)(hash_str(id ? id : "") % (uint64_t)n);
}
