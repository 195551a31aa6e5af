/*
 * percep.h - the averaged perceptron behind the tagger and the parser.
 *
 * Features are 64-bit hashes (syn_hash*); each has a sparse row of class
 * weights. Training keeps float weights with the running sums that give
 * the averaged weights (Collins 2002, with the lazy update of Daume); the
 * trained model is a compact table: open addressing (linear probing from
 * a multiply-shift home slot) over 32-bit fingerprints, rows of (class, int16 weight) packed in uint32 words, one
 * scale per table. The table can live in a mapped file: pc_table_check
 * checks its header and pc_table_score every slot and row it reads, so a
 * corrupt table gives wrong scores, never a read out of bounds.
 */
#ifndef ENT_PERCEP_H
#define ENT_PERCEP_H

#include <stddef.h>
#include <stdint.h>
#include "base/hash.h"

/* ---- hashing of feature atoms ---- */
static inline uint64_t syn_mix(uint64_t h)
{
    return hash_mix64(h);
}
static inline uint64_t syn_hash2(uint64_t a, uint64_t b)
{
    return syn_mix(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL);
}
static inline uint64_t syn_hash3(uint64_t a, uint64_t b, uint64_t c)
{
    return syn_hash2(syn_hash2(a, b), c);
}
static inline uint64_t syn_hash4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return syn_hash2(syn_hash3(a, b, c), d);
}
/* FNV-1a of bytes, then mixed: the hash of a string atom. */
uint64_t syn_hash_bytes(const void *p, size_t n);

/* ---- training ---- */
typedef struct pc_train pc_train;

pc_train *pc_train_new(int nclass);
void pc_train_free(pc_train *t);
/* scores[0..nclass) = sum of the current weights of the features. */
void pc_train_score(const pc_train *t, const uint64_t *f, int nf, float *scores);
/* One perceptron step: +1 for gold, -1 for guess on every feature (no-op
 * when they are equal); then the clock ticks. */
int pc_train_update(pc_train *t, const uint64_t *f, int nf, int gold, int guess);
/* d on class cls of every feature, without a tick (global training). */
int pc_train_add(pc_train *t, const uint64_t *f, int nf, int cls, float d);
/* Tick the clock without an update (a correct prediction). */
void pc_train_tick(pc_train *t);
size_t pc_train_nfeatures(const pc_train *t);

/* ---- the compact table ---- */
#define PC_MAXCLASS 4096        /* classes a table may have */
#define PC_DENSE 0x80000000u    /* row header of a dense row */

typedef struct pc_table {
    const uint32_t *slots;  /* 2 words a slot: fingerprint (0: empty), row */
    uint32_t nslots;        /* at least one empty */
    const uint32_t *rows;   /* row: n, then n words (class << 16 | int16);
                               or PC_DENSE, then pc_table_width / 2 words
                               of int16 pairs, one weight per class */
    uint32_t nrows;         /* words in rows[] */
    uint32_t nclass;
    float scale;            /* weight = int16 * scale */
    void *own;              /* memory owned by a built table, or NULL */
} pc_table;

/* The averaged weights of t as a table; entries whose averaged weight
 * rounds to zero are dropped, and features updated fewer than min_count
 * times. Returns 0, or -1 on out of memory. */
int pc_table_build(const pc_train *t, int min_count, pc_table *out);
void pc_table_free(pc_table *tab);
/* Check the header of a table read from outside (sizes, classes, scale).
 * 0 if sound, else -1 with err set. */
int pc_table_check(const pc_table *tab, char *err, size_t errlen);
/* nclass rounded up to a multiple of 16: the room scores need. */
uint32_t pc_table_width(const pc_table *tab);
/* scores[0..nclass) (integer units of scale) of the features; scores has
 * room for pc_table_width(tab) entries. */
void pc_table_score(const pc_table *tab, const uint64_t *f, int nf, int32_t *scores);
/* The same for nb calls at once (scores[b] from f[b][0..nf[b])): the same
 * sums, faster, since the memory reads of all overlap. */
void pc_table_score_multi(const pc_table *tab, const uint64_t *const *f, const int *nf, int nb,
                          int32_t *const *scores);
/* Number of features and weights in a table. */
void pc_table_stats(const pc_table *tab, size_t *nfeat, size_t *nweights);

#endif
