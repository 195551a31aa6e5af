/*
 * percep.c - the averaged perceptron (see percep.h): the training map of
 * feature rows, the update with lazy averaging, and the compact table the
 * tagger and parser score with at run time.
 */
#include "syntax/percep.h"
#include "base/mem.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

uint64_t syn_hash_bytes(const void *p, size_t n)
{
    return hash_bytes64(HASH_SEED, p, n); /* base/hash.h: FNV-1a, then mixed */
}

typedef struct pc_ent {
    double tot;       /* sum of the weight over the ticks up to ts */
    float w;
    int32_t ts;       /* tick of the last change */
    uint16_t cls;
} pc_ent;

typedef struct pc_row {
    pc_ent *e;
    uint16_t n, cap;
    uint32_t count;   /* updates that touched the feature */
} pc_row;

struct pc_train {
    uint64_t *keys;   /* 0: empty */
    uint32_t *idx;    /* row of the key */
    size_t cap, n;
    pc_row *rows;
    int nclass;
    int32_t now;
};

pc_train *pc_train_new(int nclass)
{
    pc_train *t = mem_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 1 << 16;
    t->keys = mem_calloc(t->cap, sizeof *t->keys);
    t->idx = mem_calloc(t->cap, sizeof *t->idx);
    t->rows = mem_calloc(t->cap, sizeof *t->rows);
    t->nclass = nclass;
    t->now = 1;
    if (!t->keys || !t->idx || !t->rows) {
        pc_train_free(t);
        return NULL;
    }
    return t;
}

void pc_train_free(pc_train *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        mem_free(t->rows[i].e);
    mem_free(t->rows);
    mem_free(t->keys);
    mem_free(t->idx);
    mem_free(t);
}

size_t pc_train_nfeatures(const pc_train *t)
{
    return t->n;
}

static uint64_t nonzero(uint64_t k)
{
    return k ? k : 1;
}

static long find(const pc_train *t, uint64_t k)
{
    k = nonzero(k);
    size_t m = t->cap - 1;
    for (size_t i = k & m;; i = (i + 1) & m) {
        if (t->keys[i] == k)
            return (long)t->idx[i];
        if (!t->keys[i])
            return -1;
    }
}

static int grow(pc_train *t)
{
    size_t cap = t->cap * 2, m = cap - 1;
    uint64_t *keys = mem_calloc(cap, sizeof *keys);
    uint32_t *idx = mem_calloc(cap, sizeof *idx);
    pc_row *rows = mem_realloc(t->rows, cap * sizeof *rows);
    if (!keys || !idx || !rows) {
        mem_free(keys);
        mem_free(idx);
        if (rows)
            t->rows = rows;
        return -1;
    }
    memset(rows + t->cap, 0, (cap - t->cap) * sizeof *rows);
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->keys[j])
            continue;
        size_t i = t->keys[j] & m;
        while (keys[i])
            i = (i + 1) & m;
        keys[i] = t->keys[j];
        idx[i] = t->idx[j];
    }
    mem_free(t->keys);
    mem_free(t->idx);
    t->keys = keys;
    t->idx = idx;
    t->rows = rows;
    t->cap = cap;
    return 0;
}

static pc_row *find_or_add(pc_train *t, uint64_t k)
{
    if ((t->n + 1) * 2 > t->cap && grow(t))
        return NULL;
    k = nonzero(k);
    size_t m = t->cap - 1, i = k & m;
    for (;; i = (i + 1) & m) {
        if (t->keys[i] == k)
            return &t->rows[t->idx[i]];
        if (!t->keys[i])
            break;
    }
    t->keys[i] = k;
    t->idx[i] = (uint32_t)t->n;
    return &t->rows[t->n++];
}

void pc_train_score(const pc_train *t, const uint64_t *f, int nf, float *scores)
{
    memset(scores, 0, sizeof *scores * (size_t)t->nclass);
    for (int i = 0; i < nf; i++) {
        long r = find(t, f[i]);
        if (r < 0)
            continue;
        const pc_row *row = &t->rows[r];
        for (int j = 0; j < row->n; j++)
            scores[row->e[j].cls] += row->e[j].w;
    }
}

static int bump(pc_train *t, pc_row *row, int cls, float d)
{
    int j;
    for (j = 0; j < row->n; j++)
        if (row->e[j].cls == cls)
            break;
    if (j == row->n) {
        if (row->n == row->cap) {
            int cap = row->cap ? row->cap * 2 : 2;
            pc_ent *e = mem_realloc(row->e, sizeof *e * (size_t)cap);
            if (!e)
                return -1;
            row->e = e;
            row->cap = (uint16_t)cap;
        }
        row->e[j] = (pc_ent){0, 0, t->now, (uint16_t)cls};
        row->n++;
    }
    pc_ent *e = &row->e[j];
    e->tot += (double)(t->now - e->ts) * e->w;
    e->ts = t->now;
    e->w += d;
    return 0;
}

int pc_train_update(pc_train *t, const uint64_t *f, int nf, int gold, int guess)
{
    if (gold != guess) {
        for (int i = 0; i < nf; i++) {
            pc_row *row = find_or_add(t, f[i]);
            if (!row || bump(t, row, gold, 1) || bump(t, row, guess, -1))
                return -1;
            row->count++;
        }
    }
    t->now++;
    return 0;
}

int pc_train_add(pc_train *t, const uint64_t *f, int nf, int cls, float d)
{
    for (int i = 0; i < nf; i++) {
        pc_row *row = find_or_add(t, f[i]);
        if (!row || bump(t, row, cls, d))
            return -1;
        row->count++;
    }
    return 0;
}

void pc_train_tick(pc_train *t)
{
    t->now++;
}

static double avg(const pc_train *t, const pc_ent *e)
{
    return (e->tot + (double)(t->now - e->ts) * e->w) / (double)t->now;
}

/* The largest averaged weight, for the int16 scale. */
static double max_weight(const pc_train *t)
{
    double mx = 0;
    for (size_t i = 0; i < t->n; i++)
        for (int j = 0; j < t->rows[i].n; j++)
            mx = fmax(mx, fabs(avg(t, &t->rows[i].e[j])));
    return mx > 0 ? mx : 1;
}

static int16_t quant(double w, double scale)
{
    double q = round(w / scale);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

uint32_t pc_table_width(const pc_table *tab)
{
    return (tab->nclass + 15) & ~15u;
}

/* A row of k weights is dense (every class, padded to a multiple of 16,
 * int16 pairs in each word) when k is a quarter of that or more: a bias
 * or tag-pair feature has a weight for most classes, and adding a dense
 * row vectorizes. Returns the words of the row after its header. */
static uint32_t row_words(uint32_t k, uint32_t width)
{
    return k * 4 >= width ? width / 2 : k;
}

/* Rows kept (at least one non-zero weight, enough updates) and their words. */
static size_t count_kept(const pc_train *t, int min_count, double scale, size_t *words)
{
    size_t nf = 0;
    uint32_t width = ((uint32_t)t->nclass + 15) & ~15u;
    *words = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->rows[i].count < (uint32_t)min_count)
            continue;
        uint32_t k = 0;
        for (int j = 0; j < t->rows[i].n; j++)
            k += quant(avg(t, &t->rows[i].e[j]), scale) != 0;
        if (k) {
            nf++;
            *words += 1 + row_words(k, width);
        }
    }
    return nf;
}

/* Write row's non-zero weights at r (header first); returns the words
 * written, 0 if none. */
static uint32_t put_row(const pc_train *t, const pc_row *row, double scale, uint32_t width,
                        uint32_t *r)
{
    uint32_t n = 0;
    for (int j = 0; j < row->n; j++) {
        int16_t q = quant(avg(t, &row->e[j]), scale);
        if (q)
            r[1 + n++] = (uint32_t)row->e[j].cls << 16 | (uint16_t)q;
    }
    if (!n || row_words(n, width) == n) {
        r[0] = n;
        return n ? 1 + n : 0;
    }
    uint32_t sparse[PC_MAXCLASS];
    memcpy(sparse, r + 1, n * sizeof *sparse);
    memset(r + 1, 0, width / 2 * sizeof *r);
    int16_t *d = (int16_t *)(void *)(r + 1);
    for (uint32_t j = 0; j < n; j++)
        d[sparse[j] >> 16] = (int16_t)(sparse[j] & 0xffff);
    r[0] = PC_DENSE;
    return 1 + width / 2;
}

/* The home slot of a key: multiply-shift of its low word onto nslots. */
static uint32_t slot_of(uint64_t key, uint32_t nslots)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * nslots) >> 32);
}

int pc_table_build(const pc_train *t, int min_count, pc_table *out)
{
    memset(out, 0, sizeof *out);
    double scale = max_weight(t) / 32767.0;
    size_t words;
    size_t nf = count_kept(t, min_count, scale, &words);
    uint32_t width = ((uint32_t)t->nclass + 15) & ~15u;
    uint32_t nslots = (uint32_t)(nf + nf / 2 + 16); /* load factor 2/3 */
    /* + width: put_row writes a sparse row in full before packing it */
    uint32_t *mem = mem_calloc((size_t)nslots * 2 + words + width + 1, sizeof *mem);
    if (!mem)
        return -1;
    uint32_t *slots = mem, *rows = mem + (size_t)nslots * 2;
    uint32_t at = 0;
    for (size_t s = 0; s < t->cap; s++) {
        if (!t->keys[s])
            continue;
        const pc_row *row = &t->rows[t->idx[s]];
        if (row->count < (uint32_t)min_count)
            continue;
        uint32_t start = at, w = put_row(t, row, scale, width, rows + start);
        if (!w)
            continue;
        at += w;
        uint64_t k = t->keys[s];
        uint32_t fp = (uint32_t)(k >> 32) | 1, i = slot_of(k, nslots);
        while (slots[2 * i])
            i = i + 1 == nslots ? 0 : i + 1;
        slots[2 * i] = fp;
        slots[2 * i + 1] = start;
    }
    out->slots = slots;
    out->nslots = nslots;
    out->rows = rows;
    out->nrows = at;
    out->nclass = (uint32_t)t->nclass;
    out->scale = (float)scale;
    out->own = mem;
    return 0;
}

void pc_table_free(pc_table *tab)
{
    if (tab && tab->own) {
        mem_free(tab->own);
        tab->own = NULL;
    }
}

int pc_table_check(const pc_table *tab, char *err, size_t errlen)
{
    /* O(1): the rows are checked as they are used (pc_table_score), so
     * that a large model loads in the time it takes to map it */
    if (!tab->nslots || !tab->nclass || tab->nclass > PC_MAXCLASS || !(tab->scale > 0) ||
        !isfinite(tab->scale) || !tab->nrows) {
        snprintf(err, errlen, "bad weight table header");
        return -1;
    }
    return 0;
}

/* The dense rows found for one call are summed sixteen classes at a time
 * in vector registers (A accumulators of W int32 lanes, A * W = 16), then
 * stored once (a row's add was a load, add and store of the scores per
 * eight classes). GCC and clang vector extensions; copies compiled for
 * AVX2 and AVX-512 are chosen at run time. Integer sums: the order does not
 * change the result. */
#define PC_DENSE_SUM(name, attr, W, A)                                                        \
    typedef int16_t name##_h __attribute__((vector_size(2 * (W))));                         \
    typedef int32_t name##_i __attribute__((vector_size(4 * (W))));                         \
    attr static void name(int32_t *restrict scores, const int16_t *const *rows, int n,       \
                          uint32_t width)                                                     \
    {                                                                                         \
        for (uint32_t c = 0; c < width; c += 16) {                                            \
            name##_i s[A];                                                                    \
            for (int a = 0; a < (A); a++)                                                     \
                memcpy(&s[a], scores + c + a * (W), sizeof s[a]);                             \
            for (int k = 0; k < n; k++) {                                                     \
                const int16_t *r = rows[k] + c;                                               \
                for (int a = 0; a < (A); a++) {                                               \
                    name##_h h;                                                               \
                    memcpy(&h, r + a * (W), sizeof h);                                        \
                    s[a] += __builtin_convertvector(h, name##_i);                             \
                }                                                                             \
            }                                                                                 \
            for (int a = 0; a < (A); a++)                                                     \
                memcpy(scores + c + a * (W), &s[a], sizeof s[a]);                             \
        }                                                                                     \
    }
PC_DENSE_SUM(dense_sum_base, , 4, 4)
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
__attribute__((target("avx2"))) static void dense_sum_avx2(int32_t *restrict scores,
                                                           const int16_t *const *rows, int n,
                                                           uint32_t width)
{
    for (uint32_t c = 0; c < width; c += 16) {
        __m256i s0 = _mm256_loadu_si256((const __m256i *)(const void *)(scores + c));
        __m256i s1 = _mm256_loadu_si256((const __m256i *)(const void *)(scores + c + 8));
        for (int k = 0; k < n; k++) {
            const int16_t *r = rows[k] + c;
            s0 = _mm256_add_epi32(s0, _mm256_cvtepi16_epi32(
                                          _mm_loadu_si128((const __m128i *)(const void *)r)));
            s1 = _mm256_add_epi32(s1, _mm256_cvtepi16_epi32(_mm_loadu_si128(
                                          (const __m128i *)(const void *)(r + 8))));
        }
        _mm256_storeu_si256((__m256i *)(void *)(scores + c), s0);
        _mm256_storeu_si256((__m256i *)(void *)(scores + c + 8), s1);
    }
}
/* AVX-512: sixteen classes a register; up to 128 classes all the sums
 * stay in registers while the rows stream through (one load-convert and
 * one add per sixteen weights), else a chunk at a time. */
#define PC_DENSE512(NCH)                                                                      \
    __attribute__((target("avx512f"))) static void dense512_##NCH(                            \
        int32_t *restrict scores, const int16_t *const *rows, int n)                         \
    {                                                                                         \
        __m512i s[NCH];                                                                       \
        _Pragma("GCC unroll 8") for (int j = 0; j < (NCH); j++)                               \
            s[j] = _mm512_loadu_si512((const void *)(scores + 16 * j));                       \
        for (int k = 0; k < n; k++) {                                                         \
            const int16_t *r = rows[k];                                                       \
            _Pragma("GCC unroll 8") for (int j = 0; j < (NCH); j++)                           \
                s[j] = _mm512_add_epi32(s[j], _mm512_cvtepi16_epi32(_mm256_loadu_si256(      \
                                                  (const __m256i *)(const void *)(r + 16 * j)))); \
        }                                                                                     \
        _Pragma("GCC unroll 8") for (int j = 0; j < (NCH); j++)                               \
            _mm512_storeu_si512((void *)(scores + 16 * j), s[j]);                             \
    }
PC_DENSE512(1)
PC_DENSE512(2)
PC_DENSE512(3)
PC_DENSE512(4)
PC_DENSE512(5)
PC_DENSE512(6)
PC_DENSE512(7)
PC_DENSE512(8)
__attribute__((target("avx512f"))) static void dense_sum_avx512(int32_t *restrict scores,
                                                                const int16_t *const *rows,
                                                                int n, uint32_t width)
{
    switch (width / 16) {
    case 1: dense512_1(scores, rows, n); return;
    case 2: dense512_2(scores, rows, n); return;
    case 3: dense512_3(scores, rows, n); return;
    case 4: dense512_4(scores, rows, n); return;
    case 5: dense512_5(scores, rows, n); return;
    case 6: dense512_6(scores, rows, n); return;
    case 7: dense512_7(scores, rows, n); return;
    case 8: dense512_8(scores, rows, n); return;
    default: break;
    }
    for (uint32_t c = 0; c < width; c += 16) {
        __m512i s0 = _mm512_loadu_si512((const void *)(scores + c));
        for (int k = 0; k < n; k++)
            s0 = _mm512_add_epi32(s0, _mm512_cvtepi16_epi32(_mm256_loadu_si256(
                                          (const __m256i *)(const void *)(rows[k] + c))));
        _mm512_storeu_si512((void *)(scores + c), s0);
    }
}
static void dense_sum(int32_t *restrict scores, const int16_t *const *rows, int n, uint32_t width)
{
    if (__builtin_cpu_supports("avx512f"))
        dense_sum_avx512(scores, rows, n, width);
    else if (__builtin_cpu_supports("avx2"))
        dense_sum_avx2(scores, rows, n, width);
    else
        dense_sum_base(scores, rows, n, width);
}
#else
#define dense_sum dense_sum_base
#endif

/* Scoring is bound by memory: the slots of all features are fetched
 * first, then their rows, then summed, so that the misses overlap. The
 * features of several calls (nb: sentences decoded side by side) go
 * through each phase together, so that more misses overlap still: one
 * greedy decoder waits for its scores before it knows its next features.
 * Every call gets exactly the sums it would get alone. */
enum { PC_CHUNK = 1024 };   /* features in flight */

/* Score the features of calls b0..b1 (at most PC_CHUNK features in all, or
 * one call with more: its first PC_CHUNK, added to scores[b0] as they
 * are when add, else after clearing them). */
static void score_chunk(const pc_table *tab, const uint64_t *const *f, const int *nf,
                        int b0, int b1, int skip, int add, int32_t *const *scores)
{
    uint32_t at[PC_CHUNK];
    const int16_t *dense[PC_CHUNK];
    uint32_t width = pc_table_width(tab), nslots = tab->nslots;
    const uint32_t *slots = tab->slots;
    int tot = 0;
    for (int b = b0; b < b1; b++) {
        int n = nf[b] - skip < PC_CHUNK - tot ? nf[b] - skip : PC_CHUNK - tot;
        const uint64_t *fb = f[b] + skip;
        for (int k = 0; k < n; k++) {
            at[tot + k] = slot_of(fb[k] ? fb[k] : 1, nslots);
            __builtin_prefetch(&slots[2 * at[tot + k]]);
        }
        tot += n;
    }
    tot = 0;
    for (int b = b0; b < b1; b++) {
        int n = nf[b] - skip < PC_CHUNK - tot ? nf[b] - skip : PC_CHUNK - tot;
        const uint64_t *fb = f[b] + skip;
        for (int k = 0; k < n; k++) {
            uint64_t key = fb[k] ? fb[k] : 1;
            uint32_t fp = (uint32_t)(key >> 32) | 1, i = at[tot + k], probes = 0, x;
            at[tot + k] = UINT32_MAX;
            while ((x = slots[2 * i]) != fp) { /* probes: a full (corrupt) table ends */
                if (!x || ++probes >= nslots)
                    break;
                i = i + 1 == nslots ? 0 : i + 1;
            }
            if (x == fp) {
                uint32_t off = slots[2 * i + 1];
                if (off < tab->nrows) { /* reading the row here would wait for it */
                    at[tot + k] = off;
                    __builtin_prefetch(&tab->rows[off]);
                }
            }
        }
        tot += n;
    }
    tot = 0;
    for (int b = b0; b < b1; b++) {
        int n = nf[b] - skip < PC_CHUNK - tot ? nf[b] - skip : PC_CHUNK - tot, nd = 0;
        int32_t *restrict sc = scores[b];
        const uint32_t *restrict rows = tab->rows;
        uint32_t nrows = tab->nrows, nclass = tab->nclass;
        if (!add)
            memset(sc, 0, sizeof *sc * width);
        for (int k = tot; k < tot + n; k++) {
            uint32_t o = at[k];
            if (o == UINT32_MAX)
                continue;
            const uint32_t *r = rows + o;
            uint32_t h = r[0];
            if (h == PC_DENSE) {
                if (width / 2 < nrows - o)
                    dense[nd++] = (const int16_t *)(const void *)(r + 1);
                continue;
            }
            if (h >= nrows - o)
                continue;
            for (uint32_t j = 1; j <= h; j++) {
                uint32_t e = r[j], c = e >> 16; /* a row from a file is checked here */
                if (c < nclass)
                    sc[c] += (int16_t)(e & 0xffff);
            }
        }
        if (nd)
            dense_sum(sc, dense, nd, width);
        tot += n;
    }
}

void pc_table_score_multi(const pc_table *tab, const uint64_t *const *f, const int *nf, int nb,
                          int32_t *const *scores)
{
    int b = 0;
    while (b < nb) {
        if (nf[b] > PC_CHUNK) { /* one long call alone, a chunk at a time */
            for (int skip = 0; skip < nf[b] || skip == 0; skip += PC_CHUNK)
                score_chunk(tab, f, nf, b, b + 1, skip, skip > 0, scores);
            b++;
            continue;
        }
        int e = b, tot = 0;
        while (e < nb && nf[e] <= PC_CHUNK - tot)
            tot += nf[e++];
        score_chunk(tab, f, nf, b, e, 0, 0, scores);
        b = e;
    }
}

void pc_table_score(const pc_table *tab, const uint64_t *f, int nf, int32_t *scores)
{
    pc_table_score_multi(tab, &f, &nf, 1, &scores);
}

void pc_table_stats(const pc_table *tab, size_t *nfeat, size_t *nweights)
{
    size_t f = 0, w = 0;
    for (uint32_t i = 0; i < tab->nslots; i++) {
        if (!tab->slots[2 * i])
            continue;
        f++;
        uint32_t h = tab->rows[tab->slots[2 * i + 1]];
        w += h == PC_DENSE ? pc_table_width(tab) : h;
    }
    *nfeat = f;
    *nweights = w;
}
