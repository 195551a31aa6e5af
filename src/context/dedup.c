/*
 * dedup.c - near-duplicate documents (ent_dedup): the same wire story
 * reaching many outlets is coded once. Each document is reduced to a
 * MinHash signature of its 5-word shingles (64 hash functions); a
 * locality-sensitive index of 16 bands of 4 rows finds candidates, and a
 * candidate whose estimated Jaccard similarity is at least the threshold
 * (0.8 by default) makes the document a duplicate of the earlier one. The
 * index keeps the last max_docs documents only, so memory stays bounded
 * on any stream.
 */
#include "base/hash.h"
#include "entente.h"
#include "base/mem.h"
#include "context/dedup.h"

#include <stdint.h>
#include <string.h>

#define NHASH ENT_MINHASH_SIZE
#define NBANDS 16
#define ROWS (NHASH / NBANDS)
#define SHINGLE 5

typedef struct sig {
    uint32_t h[NHASH];
    char *id;
    int used;
} sig;

struct ent_dedup {
    sig *ring;              /* the last max_docs signatures */
    size_t max, next;
    size_t ringcap;         /* slots allocated so far (grows up to max) */
    /* band tables: band hash -> ring slot + 1 (0 = empty), open addressing */
    uint64_t *bkey[NBANDS];
    uint32_t *bval[NBANDS];
    size_t bcap;
    size_t occupied;        /* slots with a key in band 0 (all bands alike) */
    double threshold;
    /* sentences seen in earlier documents: two generations of hash sets,
     * the older dropped when the newer fills, so memory stays bounded */
    uint64_t *gen[2];
    size_t gcap[2], gn[2], glimit;
};

static uint64_t mix(uint64_t x)
{
    return hash_mix64(x);
}

ent_dedup *ent_dedup_new(size_t max_docs, double threshold)
{
    ent_dedup *d = mem_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->max = max_docs ? max_docs : 100000;
    d->threshold = threshold > 0 ? threshold : 0.8;
    d->ringcap = d->max < 1024 ? d->max : 1024;
    d->glimit = d->max * 5;
    d->ring = mem_calloc(d->ringcap, sizeof *d->ring);
    d->bcap = 4096;
    int ok = d->ring != NULL;
    for (int b = 0; ok && b < NBANDS; b++) {
        d->bkey[b] = mem_calloc(d->bcap, sizeof *d->bkey[b]);
        d->bval[b] = mem_calloc(d->bcap, sizeof *d->bval[b]);
        ok = d->bkey[b] && d->bval[b];
    }
    if (!ok) {
        ent_dedup_free(d);
        return NULL;
    }
    return d;
}

void ent_dedup_free(ent_dedup *d)
{
    if (!d)
        return;
    for (size_t i = 0; d->ring && i < d->ringcap; i++) {
        mem_free(d->ring[i].id);
    }
    mem_free(d->ring);
    mem_free(d->gen[0]);
    mem_free(d->gen[1]);
    for (int b = 0; b < NBANDS; b++) {
        mem_free(d->bkey[b]);
        mem_free(d->bval[b]);
    }
    mem_free(d);
}

/* MinHash signature of the text's word 5-shingles (ASCII-folded words;
 * other bytes are kept as they are). Returns the number of words. */
static size_t signature(const char *text, size_t len, uint32_t *out)
{
    uint64_t words[SHINGLE] = {0};
    size_t nw = 0;
    for (int k = 0; k < NHASH; k++)
        out[k] = UINT32_MAX;
    size_t i = 0;
    while (i < len) {
        while (i < len && !((unsigned char)text[i] >= 0x80 ||
                            (text[i] >= '0' && text[i] <= '9') ||
                            ((text[i] | 32) >= 'a' && (text[i] | 32) <= 'z')))
            i++;
        if (i >= len)
            break;
        uint64_t h = 1469598103934665603ULL;
        while (i < len && ((unsigned char)text[i] >= 0x80 ||
                           (text[i] >= '0' && text[i] <= '9') ||
                           ((text[i] | 32) >= 'a' && (text[i] | 32) <= 'z'))) {
            unsigned char c = (unsigned char)text[i++];
            if (c >= 'A' && c <= 'Z')
                c += 32;
            h = (h ^ c) * 1099511628211ULL;
        }
        words[nw % SHINGLE] = h;
        nw++;
        if (nw < SHINGLE)
            continue;
        uint64_t sh = 0;
        for (size_t k = 0; k < SHINGLE; k++)
            sh = mix(sh ^ words[(nw - SHINGLE + k) % SHINGLE]);
        for (int k = 0; k < NHASH; k++) {
            uint32_t v = (uint32_t)(mix(sh + 0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1)) >> 32);
            if (v < out[k])
                out[k] = v;
        }
    }
    if (nw && nw < SHINGLE) {
        /* too short for shingles: the whole word sequence is one shingle */
        uint64_t sh = 0;
        for (size_t k = 0; k < nw; k++)
            sh = mix(sh ^ words[k]);
        for (int k = 0; k < NHASH; k++)
            out[k] = (uint32_t)(mix(sh + 0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1)) >> 32);
    }
    return nw;
}

static uint64_t band_key(const uint32_t *h, int b)
{
    uint64_t k = (uint64_t)b * 0x9e3779b97f4a7c15ULL + 1;
    for (int r = 0; r < ROWS; r++)
        k = mix(k ^ h[b * ROWS + r]);
    return k ? k : 1;
}

static void band_insert(ent_dedup *d, const uint32_t *h, size_t slot)
{
    for (int b = 0; b < NBANDS; b++) {
        uint64_t key = band_key(h, b);
        size_t j = key & (d->bcap - 1);
        /* reuse a cleared entry of the same key, else the first empty slot */
        while (d->bkey[b][j] && !(d->bkey[b][j] == key && d->bval[b][j] == 0))
            j = (j + 1) & (d->bcap - 1);
        if (!d->bkey[b][j] && b == 0)
            d->occupied++;
        d->bkey[b][j] = key;
        d->bval[b][j] = (uint32_t)(slot + 1);
    }
}

/* Cleared entries accumulate as old documents leave the ring: when the
 * tables fill up, build them again from the live signatures. */
static void rebuild(ent_dedup *d)
{
    /* grow the tables when the live documents alone would fill half */
    size_t live = 0;
    for (size_t i = 0; i < d->ringcap; i++)
        live += d->ring[i].used;
    size_t cap = d->bcap;
    while ((live + 1) * 2 > cap)
        cap *= 2;
    if (cap != d->bcap) {
        for (int b = 0; b < NBANDS; b++) {
            uint64_t *k = mem_calloc(cap, sizeof *k);
            uint32_t *v = mem_calloc(cap, sizeof *v);
            if (!k || !v) {
                mem_free(k);
                mem_free(v);
                cap = d->bcap; /* keep the old size; entries are cleared below */
                break;
            }
            mem_free(d->bkey[b]);
            mem_free(d->bval[b]);
            d->bkey[b] = k;
            d->bval[b] = v;
        }
        if (cap != d->bcap)
            d->bcap = cap;
    }
    for (int b = 0; b < NBANDS; b++) {
        memset(d->bkey[b], 0, d->bcap * sizeof *d->bkey[b]);
        memset(d->bval[b], 0, d->bcap * sizeof *d->bval[b]);
    }
    d->occupied = 0;
    for (size_t i = 0; i < d->ringcap; i++)
        if (d->ring[i].used)
            band_insert(d, d->ring[i].h, i);
}

int ent_dedup_signature(const char *text, size_t len, uint32_t out[ENT_MINHASH_SIZE])
{
    return signature(text ? text : "", text ? len : 0, out) > 0;
}

int ent_dedup_check(ent_dedup *d, const ent_doc *doc, const char **orig, double *sim)
{
    uint32_t h[NHASH];
    *orig = NULL;
    *sim = 0;
    if (!signature(doc->text ? doc->text : "", doc->len, h))
        return 0;
    return ent_dedup_check_signature(d, doc->id, h, orig, sim);
}

int ent_dedup_check_signature(ent_dedup *d, const char *id, const uint32_t *h,
                              const char **orig, double *sim)
{
    *orig = NULL;
    *sim = 0;
    /* candidates from the bands */
    double best = 0;
    size_t best_slot = 0;
    for (int b = 0; b < NBANDS; b++) {
        uint64_t key = band_key(h, b);
        size_t j = key & (d->bcap - 1);
        while (d->bkey[b][j]) {
            if (d->bkey[b][j] == key && d->bval[b][j]) {
                size_t slot = d->bval[b][j] - 1;
                const sig *s = &d->ring[slot];
                if (s->used && strcmp(s->id, id ? id : "") != 0) {
                    int same = 0;
                    for (int k = 0; k < NHASH; k++)
                        same += s->h[k] == h[k];
                    double j2 = (double)same / NHASH;
                    if (j2 > best) {
                        best = j2;
                        best_slot = slot;
                    }
                }
            }
            j = (j + 1) & (d->bcap - 1);
        }
    }
    if (best >= d->threshold) {
        *orig = d->ring[best_slot].id;
        *sim = best;
        return 1;
    }
    /* remember this document, evicting the oldest */
    if (d->next >= d->ringcap && d->ringcap < d->max) {
        size_t cap = d->ringcap * 2 < d->max ? d->ringcap * 2 : d->max;
        sig *r = mem_realloc(d->ring, cap * sizeof *r);
        if (r) {
            memset(r + d->ringcap, 0, (cap - d->ringcap) * sizeof *r);
            d->ring = r;
            d->ringcap = cap;
        }
    }
    if (d->next >= d->ringcap)
        d->next = 0;
    size_t slot = d->next;
    d->next = (d->next + 1) % d->max;
    sig *s = &d->ring[slot];
    if (s->used) {
        /* drop the evicted signature's band entries */
        for (int b = 0; b < NBANDS; b++) {
            uint64_t key = band_key(s->h, b);
            size_t j = key & (d->bcap - 1);
            while (d->bkey[b][j]) {
                if (d->bkey[b][j] == key && d->bval[b][j] == slot + 1) {
                    d->bval[b][j] = 0; /* tombstone: key kept, value cleared */
                    break;
                }
                j = (j + 1) & (d->bcap - 1);
            }
        }
        mem_free(s->id);
    }
    memcpy(s->h, h, sizeof s->h);
    s->id = mem_strdup(id ? id : "");
    s->used = 1;
    if ((d->occupied + 1) * 4 > d->bcap * 3)
        rebuild(d);
    band_insert(d, h, slot);
    return 0;
}

/* ---- sentences repeated across documents ---- */

static int gen_has(const uint64_t *t, size_t cap, uint64_t k)
{
    if (!cap)
        return 0;
    size_t j = k & (cap - 1);
    while (t[j]) {
        if (t[j] == k)
            return 1;
        j = (j + 1) & (cap - 1);
    }
    return 0;
}

static int gen_add(ent_dedup *d, uint64_t k)
{
    if (d->gn[0] >= d->glimit) {
        /* the newer generation is full: it becomes the older one */
        mem_free(d->gen[1]);
        d->gen[1] = d->gen[0];
        d->gcap[1] = d->gcap[0];
        d->gn[1] = d->gn[0];
        d->gen[0] = NULL;
        d->gcap[0] = d->gn[0] = 0;
    }
    if ((d->gn[0] + 1) * 2 > d->gcap[0]) {
        size_t cap = d->gcap[0] ? d->gcap[0] * 2 : 4096;
        uint64_t *t = mem_calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < d->gcap[0]; i++)
            if (d->gen[0][i]) {
                size_t j = d->gen[0][i] & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = d->gen[0][i];
            }
        mem_free(d->gen[0]);
        d->gen[0] = t;
        d->gcap[0] = cap;
    }
    size_t j = k & (d->gcap[0] - 1);
    while (d->gen[0][j] && d->gen[0][j] != k)
        j = (j + 1) & (d->gcap[0] - 1);
    if (!d->gen[0][j]) {
        d->gen[0][j] = k;
        d->gn[0]++;
    }
    return 0;
}

/* Hash of a sentence's words (letters and digits, case-folded); 0 when it
 * has fewer than 8 words: short sentences repeat by chance. */
static uint64_t sentence_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    int words = 0, inword = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        int alnum = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
        if (alnum) {
            if (c >= 'A' && c <= 'Z')
                c += 32;
            h = (h ^ c) * 1099511628211ULL;
            if (!inword)
                words++;
            inword = 1;
        } else if (inword) {
            h = (h ^ ' ') * 1099511628211ULL;
            inword = 0;
        }
    }
    if (words < 8)
        return 0;
    return mix(h) | 1;
}

uint64_t dedup_sentence_hash(const char *text) { return sentence_hash(text ? text : ""); }

int dedup_sentence_seen(ent_dedup *d, uint64_t k)
{
    if (!k)
        return 0;
    if (gen_has(d->gen[0], d->gcap[0], k) || gen_has(d->gen[1], d->gcap[1], k))
        return 1;
    gen_add(d, k);
    return 0;
}

int ent_dedup_sentences(ent_dedup *d, ent_result *res)
{
    int marked = 0;
    for (int i = 0; i < res->nsentences; i++) {
        ent_sentence *st = &res->sentences[i];
        if (st->duplicate)
            continue;
        uint64_t k = sentence_hash(st->text);
        if (!k)
            continue;
        if (gen_has(d->gen[0], d->gcap[0], k) || gen_has(d->gen[1], d->gcap[1], k)) {
            st->duplicate = 2;
            marked++;
        } else {
            gen_add(d, k);
        }
    }
    if (marked) {
        int n = 0;
        for (int i = 0; i < res->nevents; i++)
            if (!res->sentences[res->events[i].sentence].duplicate)
                res->events[n++] = res->events[i];
        res->nevents = n;
    }
    return marked;
}
