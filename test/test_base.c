/*
 * test_base.c - what src/base shares with every module: hash.h's probing
 * (hash_slot, the one every string-keyed table uses), the string -> int
 * map across its growth and when memory runs out, the set of 64-bit keys,
 * and mem.h's one growth of arrays (mem_grow, VEC).
 */
#include "base/hash.h"
#include "base/mem.h"
#include "testing.h"

#include <stdio.h>

/* hash_slot: a key is found where it was put; an absent key gets an
 * empty slot; keys that share a first byte and a home slot are told
 * apart by the whole string. */
static void test_slot(void)
{
    enum { CAP = 8 };
    const char *keys[CAP] = {0};
    const char *words[] = {"alpha", "alps", "beta", "albatross", "b"};
    for (int i = 0; i < 5; i++) {
        size_t j = hash_slot(keys, CAP, words[i]);
        CHECK(j < CAP && keys[j] == NULL);
        keys[j] = words[i];
    }
    for (int i = 0; i < 5; i++) {
        size_t j = hash_slot(keys, CAP, words[i]);
        CHECK(keys[j] == words[i]);
    }
    size_t j = hash_slot(keys, CAP, "al");
    CHECK(keys[j] == NULL);
    CHECK(hash_str("alpha") != hash_str("alps"));
    CHECK(hash_str("") == hash_mix64(HASH_SEED));
}

/* hash_map: 5,000 keys through many doublings, each with its value; a
 * second put keeps the first value. */
static void test_map(void)
{
    hash_map m = {0};
    char key[32];
    int ok = 1;
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        ok &= hash_map_put(&m, key, i) == i;
    }
    CHECK(ok);
    CHECK_INT(m.n, 5000);
    CHECK(m.cap >= 10000 && (m.cap & (m.cap - 1)) == 0);
    ok = 1;
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        ok &= hash_map_get(&m, key) == i;
    }
    CHECK(ok);
    CHECK_INT(hash_map_put(&m, "k17", 99), 17);
    CHECK_INT(hash_map_get(&m, "k5000"), -1);
    CHECK_INT(hash_map_get(&m, ""), -1);
    hash_map_free(&m);
    CHECK(m.cap == 0 && m.n == 0);
    CHECK_INT(hash_map_get(&m, "k1"), -1);
}

/* Out of memory at each allocation of a growth or a key copy: -1, and
 * what was put stays found. */
static void test_map_oom(void)
{
    int ok = 1;
    for (long fail = 1; fail <= 6; fail++) {
        hash_map m = {0};
        CHECK_INT(hash_map_put(&m, "first", 1), 1);
        mem_fail_after(fail);
        char key[16];
        int rc = 0;
        for (int i = 0; i < 100 && rc >= 0; i++) {
            snprintf(key, sizeof key, "x%d", i);
            rc = hash_map_put(&m, key, i);
        }
        mem_fail_after(0);
        ok &= rc == -1 && hash_map_get(&m, "first") == 1;
        hash_map_free(&m);
    }
    CHECK(ok);
}

static void test_set(void)
{
    hset s = {0};
    CHECK_INT(hset_add(&s, 42), 1);
    CHECK_INT(hset_add(&s, 42), 0);
    CHECK_INT(hset_add(&s, 0), 1); /* 0 is taken as 1 */
    CHECK_INT(hset_add(&s, 1), 0);
    int ok = 1;
    for (uint64_t k = 100; k < 1100; k++)
        ok &= hset_add(&s, k * 0x9e3779b97f4a7c15ULL) == 1;
    CHECK(ok);
    CHECK_INT(s.n, 1002);
    hset_free(&s);
    CHECK(s.keys == NULL && s.n == 0);
}

/* mem_grow: capacity from first, doubled to what is needed; kept as it was
 * when memory runs out or the size would overflow. VEC_PUSH on it. */
static void test_grow(void)
{
    int *v = NULL;
    size_t cap = 0;
    CHECK_INT(mem_grow((void **)&v, &cap, 1, sizeof *v, 16), 0);
    CHECK(v != NULL && cap == 16);
    CHECK_INT(mem_grow((void **)&v, &cap, 16, sizeof *v, 16), 0);
    CHECK_INT(cap, 16);
    CHECK_INT(mem_grow((void **)&v, &cap, 100, sizeof *v, 16), 0);
    CHECK_INT(cap, 128);
    v[127] = 7;
    int *keep = v;
    mem_fail_after(1);
    CHECK_INT(mem_grow((void **)&v, &cap, 129, sizeof *v, 16), -1);
    mem_fail_after(0);
    CHECK(v == keep && cap == 128 && v[127] == 7);
    CHECK_INT(mem_grow((void **)&v, &cap, (size_t)-1 / 2, sizeof *v, 16), -1);
    CHECK(v == keep && cap == 128);
    mem_free(v);

    VEC(long) vec = {0};
    int ok = 1;
    for (long i = 0; i < 1000; i++)
        ok &= VEC_PUSH(vec, i * 3) == 0;
    CHECK(ok);
    CHECK(vec.n == 1000 && vec.cap == 1024 && vec.v[999] == 2997);
    mem_free(vec.v);
}

int main(void)
{
    test_grow();
    test_slot();
    test_map();
    test_map_oom();
    test_set();
    TEST_DONE();
}
