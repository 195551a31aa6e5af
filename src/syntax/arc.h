/*
 * arc.h - the state of the arc-hybrid transition system, shared by the
 * greedy parser (depparse.c) and the beam parser (beam.c): the stack, the
 * buffer front, the arcs so far with each word's nearest children, the
 * transitions and their validity, and the dynamic oracle's costs.
 */
#ifndef ENT_ARC_H
#define ENT_ARC_H

#include "syntax/synint.h"

#include <stdlib.h>
#include <string.h>

typedef struct syn_arc {
    int n;          /* words; the root is word n */
    int *stack, sp; /* stack[0..sp) */
    int b;          /* buffer front (b..n) */
    int *head, *label;
    int *l1, *l2, *r1, *r2, *nl, *nr;
    uint64_t *lset, *rset;
    int *mem;
} syn_arc;

static inline int state_init(syn_arc *s, int n)
{
    size_t k = (size_t)n + 1;
    uint64_t *q = malloc(k * (2 * sizeof(uint64_t) + 9 * sizeof(int)));
    if (!q)
        return -1;
    s->lset = q;
    s->rset = q + k;
    int *p = (int *)(void *)(q + 2 * k);
    s->mem = (int *)(void *)q;
    s->stack = p, p += k;
    s->head = p, p += k;
    s->label = p, p += k;
    s->l1 = p, p += k;
    s->l2 = p, p += k;
    s->r1 = p, p += k;
    s->r2 = p, p += k;
    s->nl = p, p += k;
    s->nr = p;
    s->n = n;
    s->sp = 0;
    s->b = 0;
    for (size_t i = 0; i < k; i++) {
        s->head[i] = s->label[i] = -1;
        s->l1[i] = s->l2[i] = s->r1[i] = s->r2[i] = -1;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
    return 0;
}

static inline void attach(syn_arc *s, int h, int d, int l)
{
    s->head[d] = h;
    s->label[d] = l;
    if (d < h) {
        s->l2[h] = s->l1[h];
        s->l1[h] = d;
        s->nl[h]++;
        s->lset[h] |= 1ULL << (l & 63);
    } else {
        s->r2[h] = s->r1[h];
        s->r1[h] = d;
        s->nr[h]++;
        s->rset[h] |= 1ULL << (l & 63);
    }
}

static inline void apply(syn_arc *s, int c, int L)
{
    if (c == 0) {
        s->stack[s->sp++] = s->b++;
    } else if (c <= L) {
        attach(s, s->b, s->stack[--s->sp], c - 1);
    } else {
        int d = s->stack[--s->sp];
        attach(s, s->stack[s->sp - 1], d, c - 1 - L);
    }
}

static inline int terminal(const syn_arc *s)
{
    return s->sp == 0 && s->b == s->n;
}

/* Which kinds are possible: bit 0 shift, 1 left, 2 right. */
static inline unsigned valid_kinds(const syn_arc *s)
{
    unsigned v = 0;
    if (s->b < s->n)
        v |= 1;
    if (s->sp >= 1 && (s->b < s->n || s->sp == 1))
        v |= 2;
    if (s->sp >= 2)
        v |= 4;
    return v;
}

static inline int class_ok(unsigned kinds, int c, int L, int root, int b_is_root)
{
    if (c == 0)
        return kinds & 1;
    if (c <= L)
        return (kinds & 2) && ((c - 1 == root) == b_is_root);
    return (kinds & 4) && c - 1 - L != root;
}

/* Unlabelled costs of the three kinds (Goldberg and Nivre 2013). */
static inline void kind_costs(const syn_arc *s, const int *gh, int cost[3])
{
    int s0 = s->sp > 0 ? s->stack[s->sp - 1] : -1, s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
    int b0 = s->b, n = s->n;
    int dep_b0_in_stack = 0, s0_deps_in_buf = 0;
    for (int i = 0; i < s->sp; i++)
        dep_b0_in_stack += gh[s->stack[i]] == b0;
    if (s0 >= 0)
        for (int d = b0; d < n; d++)
            s0_deps_in_buf += gh[d] == s0;
    int h_b0_in_stack = 0;
    if (b0 < n)
        for (int i = 0; i < s->sp - 1; i++)
            h_b0_in_stack |= s->stack[i] == gh[b0];
    cost[0] = h_b0_in_stack + dep_b0_in_stack;
    if (s0 >= 0) {
        int hs0 = gh[s0];
        cost[1] = (hs0 != b0 && (hs0 == s1 || hs0 > b0)) + s0_deps_in_buf;
        cost[2] = (hs0 != s1 && hs0 >= b0) + s0_deps_in_buf;
    } else {
        cost[1] = cost[2] = 1 << 20;
    }
}

/* Cost of class c (unlabelled cost kc of its kind plus a wrong label). */
static inline int syn_arc_class_cost(const syn_arc *s, const int kc[3], const int *gh,
                                     const int *gl, int c, int L)
{
    int s0 = s->sp > 0 ? s->stack[s->sp - 1] : -1, s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
    if (c == 0)
        return kc[0];
    if (c <= L)
        return kc[1] + (gh[s0] == s->b && gl[s0] != c - 1);
    return kc[2] + (gh[s0] == s1 && gl[s0] != c - 1 - L);
}

/* A copy of src in dst (both of src->n words, dst initialised). */
static inline void syn_arc_copy(syn_arc *dst, const syn_arc *src)
{
    size_t k = (size_t)src->n + 1;
    memcpy(dst->mem, src->mem, k * (2 * sizeof(uint64_t) + 9 * sizeof(int)));
    dst->sp = src->sp;
    dst->b = src->b;
}

/* All feature hashes of s (depparse.c); returns their count. */
int syn_arc_features(const syn_arc *s, const syn_w *w, uint64_t *f);

/* The groups of feature templates by the part of the state they read
 * (depparse.c, feat_group): G_S the stack below s0's right children, G_SR
 * s0's right children, G_B1 the words of b0, b1, b2 (a function of b
 * alone), G_B2 b0's left children, G_X the rest. */
enum { G_S, G_SR, G_B1, G_B2, G_X, NGROUP };
/* The feature hashes of the groups in want (bit g: group g) into gf[g],
 * their counts added to gn[g] (zeroed by the caller). */
int syn_arc_group_features(const syn_arc *s, const syn_w *w, uint64_t (*gf)[SYN_DEP_FEATS],
                           int *gn, unsigned want);

#endif
