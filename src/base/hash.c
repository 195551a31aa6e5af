/*
 * hash.c - the one string -> int map of libentente (hash.h): hash_slot's
 * open addressing in a power-of-two table kept at most half full; keys
 * are copied with the allocator seam (mem.h) so that the tests
 * that fail allocations on demand reach its out-of-memory paths.
 */
#include "base/hash.h"
#include "base/mem.h"

#include <string.h>

int hash_map_get(const hash_map *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t j = hash_slot((const char *const *)m->keys, m->cap, key);
    return m->keys[j] ? m->vals[j] : -1;
}

/* Double the table (or make the first one). 0, or -1 out of memory. */
static int grow(hash_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    char **k = mem_calloc(cap, sizeof *k);
    int *v = mem_calloc(cap, sizeof *v);
    if (!k || !v) {
        mem_free(k);
        mem_free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = hash_slot((const char *const *)k, cap, m->keys[i]);
            k[j] = m->keys[i];
            v[j] = m->vals[i];
        }
    mem_free(m->keys);
    mem_free(m->vals);
    m->keys = k;
    m->vals = v;
    m->cap = cap;
    return 0;
}

int hash_map_put(hash_map *m, const char *key, int v)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
        return -1;
    size_t j = hash_slot((const char *const *)m->keys, m->cap, key);
    if (m->keys[j])
        return m->vals[j];
    if (!(m->keys[j] = mem_strdup(key)))
        return -1;
    m->vals[j] = v;
    m->n++;
    return v;
}

void hash_map_free(hash_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        mem_free(m->keys[i]);
    mem_free(m->keys);
    mem_free(m->vals);
    memset(m, 0, sizeof *m);
}
