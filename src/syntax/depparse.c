/*
 * depparse.c - the dependency parser: the arc-hybrid transition system
 * (Kuhlmann, Gomez-Rodriguez and Satta 2011) with the root at the end of
 * the buffer, so that exactly one word attaches to it; greedy decoding with
 * an averaged perceptron over the feature templates of Zhang and Nivre
 * (2011), and training with the dynamic oracle of Goldberg and Nivre
 * (2013): the update goes to the best-scoring transition of least cost,
 * and wrong predictions are followed with probability p (exploration).
 *
 * Transitions: SHIFT (b0 onto the stack), LEFT-l (b0 -> s0, pop), RIGHT-l
 * (s1 -> s0, pop). Class 0 is SHIFT, 1 + l is LEFT-l, 1 + L + l RIGHT-l.
 */
#include "syntax/arc.h"

#include <stdlib.h>
#include <string.h>

typedef syn_arc state;

int syn_dep_nclass(int nlabels)
{
    return 1 + 2 * nlabels;
}

enum { DB = 1 << 21 };

static uint64_t dist(int a, int b)
{
    int d = b - a;
    return (uint64_t)(d < 0 ? 0 : d > 10 ? 10 : d);
}

/* Which part of the state each feature template reads (decoding keeps the
 * sums of the parts that did not change since the last step):
 * G_S the stack (s0, s1, s2, s0's left children, s1's right child, the
 * distance s1-s0), which a LEFT or RIGHT arc leaves as it was before the
 * popped word was shifted; G_SR s0's right children, which a RIGHT arc
 * changes; G_B1 the words of b0, b1, b2, changed only by SHIFT; G_B2 b0's
 * left children, changed by SHIFT and LEFT; G_X the rest (stack and
 * buffer both). */
static const unsigned char feat_group[108] = {
    G_X, /* ids from 1 */
    G_S, G_S, G_S, G_B1, G_B1, G_B1, G_B1, G_B1, G_B1, G_B1, /* 1-10 */
    G_B1, G_S, G_S, G_S, G_S, G_X, G_X, G_X, G_X, G_X, /* 11-20 */
    G_X, G_X, G_B1, G_B1, G_X, G_X, G_X, G_X, G_X, G_S, /* 21-30 */
    G_S, G_S, G_S, G_S, G_S, G_S, G_SR, G_X, G_X, G_X, /* 31-40 */
    G_X, G_X, G_S, G_S, G_S, G_S, G_S, G_SR, G_SR, G_B2, /* 41-50 */
    G_B2, G_S, G_S, G_S, G_SR, G_SR, G_SR, G_B2, G_B2, G_B2, /* 51-60 */
    G_S, G_S, G_SR, G_SR, G_B2, G_B2, G_S, G_SR, G_B2, G_S, /* 61-70 */
    G_S, G_SR, G_SR, G_B2, G_B2, G_S, G_SR, G_B2, G_X, G_X, /* 71-80 */
    G_S, G_X, G_X, G_X, G_X, G_X, G_X, G_SR, G_X, /* 81-89 */
    G_S, G_S, G_B1, G_B1, G_B1, G_S, G_S, G_X, G_X, G_X, /* 90-99: clusters */
    G_X, G_X, G_X, G_S, G_S, G_S, G_X, G_B1, /* 100-107 */
};

/* The feature hashes of state s into f; returns their count. With gf,
 * instead, those of the groups in want (bit g: group g) into gf[g], their
 * counts in gn[g]. */
static int features(const state *s, const syn_w *w, uint64_t *f,
                    uint64_t (*gf)[SYN_DEP_FEATS], int *gn, unsigned want)
{
    int n = s->n;
#define W(x) ((x) < 0 ? SYN_NONE : (x) == n ? 0x524f4f54ULL : w[x].lower)
#define T(x) ((x) < 0 ? SYN_NONE : (x) == n ? 0x5254ULL : (uint64_t)w[x].tag + 16)
#define U(x) ((x) < 0 ? SYN_NONE : (x) == n ? 0x5255ULL : (uint64_t)w[x].upos + 5000)
#define LB(x) ((x) < 0 ? SYN_NONE : (uint64_t)s->label[x] + 16)
    int s0 = s->sp > 0 ? s->stack[s->sp - 1] : -1, s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
    int s2 = s->sp > 2 ? s->stack[s->sp - 3] : -1;
    int b0 = s->b, b1 = b0 + 1 <= n ? b0 + 1 : -1, b2 = b0 + 2 <= n ? b0 + 2 : -1;
    int s0l = s0 >= 0 ? s->l1[s0] : -1, s0l2 = s0 >= 0 ? s->l2[s0] : -1;
    int s0r = s0 >= 0 ? s->r1[s0] : -1, s0r2 = s0 >= 0 ? s->r2[s0] : -1;
    int b0l = s->l1[b0], b0l2 = s->l2[b0], s1r = s1 >= 0 ? s->r1[s1] : -1;
    uint64_t s0w = W(s0), s0t = T(s0), b0w = W(b0), b0t = T(b0), b1w = W(b1), b1t = T(b1);
    uint64_t s1w = W(s1), s1t = T(s1), b2t = T(b2);
    uint64_t s0wt = syn_hash2(s0w, s0t), b0wt = syn_hash2(b0w, b0t), s1wt = syn_hash2(s1w, s1t);
    uint64_t d1 = s0 >= 0 ? dist(s0, b0) : 99, d2 = s1 >= 0 ? dist(s1, s0) : 99;
    uint64_t vl0 = s0 >= 0 ? (uint64_t)s->nl[s0] : 99, vr0 = s0 >= 0 ? (uint64_t)s->nr[s0] : 99;
    uint64_t vlb = (uint64_t)s->nl[b0];
    uint64_t ls0 = s0 >= 0 ? s->lset[s0] : 99, rs0 = s0 >= 0 ? s->rset[s0] : 99;
    uint64_t lsb = s->lset[b0];
    int k = 0;
#define PUT(id, h)                                                                \
    do {                                                                          \
        if (!gf)                                                                  \
            f[k++] = (h);                                                         \
        else if (want >> feat_group[id] & 1)                                      \
            gf[feat_group[id]][gn[feat_group[id]]++] = (h), k++;                  \
    } while (0)
#define F2(id, a) PUT(id, syn_hash2(DB + (id), (a)))
#define F3(id, a, b) PUT(id, syn_hash3(DB + (id), (a), (b)))
#define F4(id, a, b, c) PUT(id, syn_hash4(DB + (id), (a), (b), (c)))
    F2(1, s0w); F2(2, s0t); F2(3, s0wt);
    F2(4, b0w); F2(5, b0t); F2(6, b0wt);
    F2(7, b1w); F2(8, b1t); F3(9, b1w, b1t);
    F2(10, W(b2)); F2(11, b2t);
    F2(12, s1w); F2(13, s1t); F2(14, s1wt);
    F2(15, T(s2));
    F3(16, s0wt, b0wt); F3(17, s0wt, b0w); F3(18, s0w, b0wt); F3(19, s0wt, b0t);
    F3(20, s0t, b0wt); F3(21, s0w, b0w); F3(22, s0t, b0t); F3(23, b0t, b1t);
    F4(24, b0t, b1t, b2t); F4(25, s0t, b0t, b1t); F4(26, s1t, s0t, b0t);
    F4(27, s0t, T(s0l), b0t); F4(28, s0t, T(s0r), b0t); F4(29, s0t, b0t, T(b0l));
    F4(30, s1t, T(s1r), s0t); F4(31, s1t, s0t, T(s0l));
    F3(32, s1wt, s0wt); F3(33, s1w, s0w); F3(34, s1t, s0wt); F3(35, s1wt, s0t);
    F3(36, s1t, s0t); F4(37, s1t, s0t, T(s0r));
    F3(38, s0w, d1); F3(39, s0t, d1); F3(40, b0w, d1); F3(41, b0t, d1);
    F4(42, s0t, b0t, d1); F4(43, s1t, s0t, d2); F3(44, s0w, d2); F4(45, s1w, s0t, d2);
    F3(46, s0w, vl0); F3(47, s0t, vl0); F3(48, s0w, vr0); F3(49, s0t, vr0);
    F3(50, b0w, vlb); F3(51, b0t, vlb);
    F2(52, W(s0l)); F2(53, T(s0l)); F2(54, LB(s0l));
    F2(55, W(s0r)); F2(56, T(s0r)); F2(57, LB(s0r));
    F2(58, W(b0l)); F2(59, T(b0l)); F2(60, LB(b0l));
    F2(61, T(s0l2)); F2(62, LB(s0l2)); F2(63, T(s0r2)); F2(64, LB(s0r2));
    F2(65, T(b0l2)); F2(66, LB(b0l2));
    F4(67, s0t, T(s0l), T(s0l2)); F4(68, s0t, T(s0r), T(s0r2)); F4(69, b0t, T(b0l), T(b0l2));
    F3(70, s0w, ls0); F3(71, s0t, ls0); F3(72, s0w, rs0); F3(73, s0t, rs0);
    F3(74, b0w, lsb); F3(75, b0t, lsb);
    F3(76, s1t, LB(s1r)); F4(77, s0t, LB(s0l), LB(s0r)); F3(78, b0t, LB(b0l));
    F4(79, s0wt, b0t, b1t); F4(80, s0t, b0wt, b1t); F3(81, T(s0 >= 0 ? s0 - 1 : -1), s0t);
    F4(82, s0t, T(s0 + 1 < b0 && s0 >= 0 ? s0 + 1 : -1), b0t);
    F4(83, s0t, T(b0 > 0 ? b0 - 1 : -1), b0t);
    F3(84, U(s0), U(b0)); F4(85, U(s1), U(s0), U(b0)); F4(86, U(s0), U(b0), U(b1));
    F4(87, U(s0), U(s0l), U(b0)); F4(88, U(s1), U(s0), U(s0r)); F4(89, U(s0), U(b0), d1);
    if (n > 0 && w[0].cf) { /* word clusters (Koo, Carreras and Collins 2008) */
#define CL(x, c) ((x) < 0 ? SYN_NONE : (x) == n ? 0x524f4f54ULL : w[x].c)
        uint64_t s04 = CL(s0, c4), s0f = CL(s0, cf), b04 = CL(b0, c4), b0f = CL(b0, cf);
        uint64_t s14 = CL(s1, c4), s1f = CL(s1, cf), s06 = CL(s0, c6), b06 = CL(b0, c6);
        F2(90, s04); F2(91, s0f); F2(92, b04); F2(93, b0f); F2(94, CL(b1, c4));
        F2(95, s1f); F2(96, s14);
        F3(97, s04, b04); F3(98, s06, b06); F3(99, s0f, b0t); F3(100, s0t, b0f);
        F3(101, s04, b0t); F3(102, s0t, b04); F3(103, s14, s04); F3(104, s1f, s0t);
        F3(105, s1t, s0f); F4(106, s04, b04, d1); F3(107, b06, b1t);
#undef CL
    }
#undef PUT
#undef F2
#undef F3
#undef F4
#undef W
#undef T
#undef LB
#undef U
    return k;
}

int syn_arc_features(const syn_arc *s, const syn_w *w, uint64_t *f)
{
    return features(s, w, f, NULL, NULL, 0);
}

int syn_arc_group_features(const syn_arc *s, const syn_w *w, uint64_t (*gf)[SYN_DEP_FEATS],
                           int *gn, unsigned want)
{
    return features(s, w, NULL, gf, gn, want);
}

/* tot = a + b + the three sums at c (B1, B2, X, each width apart); width
 * a multiple of 16 (vector extensions: the compiler picks the registers). */
typedef int32_t dp_v8i __attribute__((vector_size(32)));
static void add_sums(int32_t *restrict tot, const int32_t *a, const int32_t *b, const int32_t *c,
                     uint32_t width)
{
    for (uint32_t i = 0; i < width; i += 8) {
        dp_v8i x, y, z, u, v;
        memcpy(&x, a + i, sizeof x);
        memcpy(&y, b + i, sizeof y);
        memcpy(&z, c + i, sizeof z);
        memcpy(&u, c + width + i, sizeof u);
        memcpy(&v, c + 2 * (size_t)width + i, sizeof v);
        x += y + z + u + v;
        memcpy(tot + i, &x, sizeof x);
    }
}

/* The best valid class by sc (the first of equal scores): class_ok's
 * ranges scanned in order. -1 if none. */
static int best_class(const int32_t *sc, unsigned kinds, int L, int root, int b_is_root)
{
    int best = -1;
#define TRY(c) \
    if (best < 0 || sc[c] > sc[best]) \
        best = (c)
    if (kinds & 1)
        TRY(0);
    if (kinds & 2) {
        if (b_is_root) {
            TRY(1 + root);
        } else {
            for (int c = 1; c <= L; c++)
                if (c - 1 != root)
                    TRY(c);
        }
    }
    if (kinds & 4)
        for (int c = L + 1; c <= 2 * L; c++)
            if (c - 1 - L != root)
                TRY(c);
#undef TRY
    return best;
}

/* Greedy decoding. The scores of a state are the sums of its feature
 * groups (feat_group); a group's sum is kept from the step before when
 * its part of the state did not change (B1 until a SHIFT, B2 until a
 * SHIFT or LEFT), and the stack's sums per depth: a pop finds the stack
 * below as it was when the popped word was shifted (its pushing changed
 * nothing below it), except that a RIGHT arc gives the new top a right
 * child (G_SR summed anew). Integer sums: the scores are exactly those of
 * all features at once. */
int syn_parse_sentence(const syn_model *m, const syn_w *w, int n, int *head, int *label)
{
    state s;
    if (state_init(&s, n))
        return -1;
    int L = m->labels.n, root = m->root_label;
    uint32_t width = pc_table_width(&m->parser);
    /* sums: [0] B1, [1] B2, [2] X, [3 + 2d] G_S and [4 + 2d] G_SR at depth d */
    int32_t *sum = malloc(sizeof *sum * width * (2 * (size_t)n + 6));
    unsigned char *ok = calloc(2 * (size_t)n + 4, 1); /* [2d] G_S, [2d + 1] G_SR */
    if (!sum || !ok) {
        free(sum);
        free(ok);
        free(s.mem);
        return -1;
    }
    uint64_t gf[NGROUP][SYN_DEP_FEATS];
    int32_t tot[SYN_MAXCLASS];
    int b1ok = 0, b2ok = 0;
    while (!terminal(&s)) {
        unsigned kinds = valid_kinds(&s);
        int32_t *ss = sum + width * (3 + 2 * (size_t)s.sp), *sr = ss + width;
        unsigned char *sok = ok + 2 * s.sp;
        unsigned want = 1u << G_X | (!sok[0] << G_S) | (!sok[1] << G_SR) | (!b1ok << G_B1) |
                        (!b2ok << G_B2);
        int gn[NGROUP] = {0};
        features(&s, w, NULL, gf, gn, want);
        const uint64_t *cf[NGROUP];
        int cn[NGROUP], nb = 0;
        int32_t *cs[NGROUP];
        int32_t *dst[NGROUP] = {ss, sr, sum, sum + width, sum + 2 * (size_t)width};
        for (int g = 0; g < NGROUP; g++)
            if (want >> g & 1) {
                cf[nb] = gf[g];
                cn[nb] = gn[g];
                cs[nb++] = dst[g];
            }
        pc_table_score_multi(&m->parser, cf, cn, nb, cs);
        sok[0] = sok[1] = 1;
        b1ok = b2ok = 1;
        add_sums(tot, ss, sr, sum, width);
        int best = best_class(tot, kinds, L, root, s.b == n);
        if (best < 0)
            break; /* cannot happen: some transition is always valid */
        apply(&s, best, L);
        if (best == 0) { /* SHIFT: a new top, a new buffer front */
            ok[2 * s.sp] = ok[2 * s.sp + 1] = 0;
            b1ok = b2ok = 0;
        } else if (best <= L) { /* LEFT: b0 has a new left child */
            b2ok = 0;
        } else { /* RIGHT: the new top has a new right child */
            ok[2 * s.sp + 1] = 0;
        }
    }
    for (int i = 0; i < n; i++) {
        head[i] = s.head[i] == n ? 0 : s.head[i] + 1;
        label[i] = s.label[i];
        if (head[i] <= 0) { /* unattached: cannot happen, but never emit a cycle */
            head[i] = 0;
            label[i] = root;
        }
    }
    free(sum);
    free(ok);
    free(s.mem);
    return 0;
}

/* ---- training ---- */

static uint64_t xorshift(uint64_t *r)
{
    uint64_t x = *r;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *r = x;
}

int syn_dep_train_sentence(syn_dep_trainer *t, const syn_w *w, int n, const int *gh,
                           const int *gl)
{
    state s;
    if (state_init(&s, n))
        return -1;
    int L = t->nlabels, root = t->root_label, nc = syn_dep_nclass(L), rc = 0;
    uint64_t f[SYN_DEP_FEATS];
    float sc[SYN_MAXCLASS];
    while (!terminal(&s) && rc == 0) {
        unsigned kinds = valid_kinds(&s);
        int nf = features(&s, w, f, NULL, NULL, 0), kc[3];
        pc_train_score(t->pc, f, nf, sc);
        kind_costs(&s, gh, kc);
        int s0 = s.sp > 0 ? s.stack[s.sp - 1] : -1, s1 = s.sp > 1 ? s.stack[s.sp - 2] : -1;
        int pred = -1, gold = -1, gcost = 1 << 30;
        for (int c = 0; c < nc; c++) {
            if (!class_ok(kinds, c, L, root, s.b == n))
                continue;
            int cost;
            if (c == 0)
                cost = kc[0];
            else if (c <= L)
                cost = kc[1] + (gh[s0] == s.b && gl[s0] != c - 1);
            else
                cost = kc[2] + (gh[s0] == s1 && gl[s0] != c - 1 - L);
            if (pred < 0 || sc[c] > sc[pred])
                pred = c;
            if (cost < gcost || (cost == gcost && sc[c] > sc[gold]))
                gold = c, gcost = cost;
        }
        if (pred < 0)
            break;
        int pcost = pred == gold ? gcost : -1;
        if (pred != gold) { /* a tie in cost is no error */
            int c = pred;
            pcost = c == 0 ? kc[0] : c <= L ? kc[1] + (gh[s0] == s.b && gl[s0] != c - 1)
                                            : kc[2] + (gh[s0] == s1 && gl[s0] != c - 1 - L);
        }
        t->steps++;
        if (pcost > gcost) {
            t->errors++;
            rc = pc_train_update(t->pc, f, nf, gold, pred);
        } else {
            pc_train_tick(t->pc);
        }
        int next = gold;
        if (pcost == gcost)
            next = pred;
        else if (t->explore && (double)(xorshift(&t->rng) >> 11) / 9007199254740992.0 < t->p)
            next = pred;
        apply(&s, next, L);
    }
    free(s.mem);
    return rc;
}
