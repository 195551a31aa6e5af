/*
 * beam.c - beam search for the arc-hybrid parser, and its global training
 * (Zhang and Clark 2008; Zhang and Nivre 2011): the k best transition
 * sequences are kept at each step, scored by the sum of their transitions'
 * scores, and training updates whole sequences, the best in the beam
 * against the gold one, at the step where the gold falls off the beam
 * (early update, Collins and Roark 2004) or where the violation is largest
 * (max-violation, Huang, Fayong and Guo 2012). The gold is latent: any
 * sequence of zero-cost transitions (Goldberg and Nivre's oracle) is gold,
 * and the best-scoring one is taken. Every sequence of a sentence of n
 * words has 2n transitions, so the items of a beam are always comparable.
 *
 * Ties go to the earlier item, then the smaller class, so that the output
 * is deterministic.
 */
#include "syntax/arc.h"

#include <float.h>

/* ---- top-k selection ---- */

typedef struct cand {
    double score;
    int item, cls;
} cand;

/* Insert c into top[0..*n) (best first, at most k), keeping earlier
 * candidates ahead of later ones of equal score. */
static void top_insert(cand *top, int *n, int k, cand c)
{
    if (*n == k && !(c.score > top[k - 1].score))
        return;
    int i = *n < k ? (*n)++ : k - 1;
    while (i > 0 && c.score > top[i - 1].score) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = c;
}

typedef struct beam {
    syn_arc *cur, *nxt;
    int k, n;
    double *score, *nscore;
} beam;

static void beam_free(beam *b, int k)
{
    if (b->cur)
        for (int i = 0; i < 2 * k; i++)
            free(b->cur[i].mem);
    free(b->cur);
    free(b->score);
}

static int beam_init(beam *b, int k, int n)
{
    memset(b, 0, sizeof *b);
    b->cur = calloc(2 * (size_t)k, sizeof *b->cur);
    b->score = calloc(2 * (size_t)k, sizeof *b->score);
    if (!b->cur || !b->score) {
        beam_free(b, k);
        return -1;
    }
    for (int i = 0; i < 2 * k; i++)
        if (state_init(&b->cur[i], n)) {
            beam_free(b, k);
            return -1;
        }
    b->nxt = b->cur + k;
    b->nscore = b->score + k;
    b->k = k;
    b->n = 1;
    return 0;
}

/* The states of top[0..nt) into the next beam, then it becomes current. */
static void beam_advance(beam *b, const cand *top, int nt, int L)
{
    for (int j = 0; j < nt; j++) {
        syn_arc_copy(&b->nxt[j], &b->cur[top[j].item]);
        apply(&b->nxt[j], top[j].cls, L);
        b->nscore[j] = top[j].score;
    }
    syn_arc *t = b->cur;
    b->cur = b->nxt, b->nxt = t;
    double *u = b->score;
    b->score = b->nscore, b->nscore = u;
    b->n = nt;
}

/* Candidates of item i (valid classes c, base + sc[c]) into top. */
static void expand(const syn_arc *s, int i, double base, const int32_t *isc, const float *fsc,
                   int L, int root, cand *top, int *nt, int k)
{
    unsigned kinds = valid_kinds(s);
    int nc = 1 + 2 * L, b_is_root = s->b == s->n;
    for (int c = 0; c < nc; c++)
        if (class_ok(kinds, c, L, root, b_is_root))
            top_insert(top, nt, k, (cand){base + (isc ? isc[c] : fsc[c]), i, c});
}

/* ---- decoding ---- */

/* The scores of the beam's items are the sums of their feature groups'
 * sums (arc.h), and a group's sum is looked up once: an item whose group
 * has the same features as an earlier item's in this step takes its sum
 * (the items of one parent that differ by a label share most groups), and
 * the buffer's words (G_B1) are summed once per buffer position of the
 * sentence. Integer sums: the scores are exactly those of all features at
 * once. */
typedef struct dscratch {
    uint64_t (*gf)[NGROUP][SYN_DEP_FEATS]; /* k items */
    int (*gn)[NGROUP];
    int32_t *gsum;          /* k * NGROUP rows of width */
    int32_t *bsum;          /* n + 1 rows: G_B1 at each buffer position */
    unsigned char *bok;
    int32_t *sc;            /* k rows: the items' totals */
} dscratch;

static void dscratch_free(dscratch *d)
{
    free(d->gf), free(d->gn), free(d->gsum), free(d->bsum), free(d->bok), free(d->sc);
}

static int dscratch_init(dscratch *d, int k, int n, uint32_t width)
{
    d->gf = malloc(sizeof *d->gf * (size_t)k);
    d->gn = malloc(sizeof *d->gn * (size_t)k);
    d->gsum = malloc(sizeof *d->gsum * width * NGROUP * (size_t)k);
    d->bsum = malloc(sizeof *d->bsum * width * ((size_t)n + 1));
    d->bok = calloc((size_t)n + 1, 1);
    d->sc = malloc(sizeof *d->sc * width * (size_t)k);
    if (!d->gf || !d->gn || !d->gsum || !d->bsum || !d->bok || !d->sc) {
        dscratch_free(d);
        return -1;
    }
    return 0;
}

/* The totals of the b->n items into d->sc (width each). */
static void score_beam(const syn_model *m, const beam *b, const syn_w *w, dscratch *d,
                       uint32_t width)
{
    const uint64_t *cf[SYN_MAXBEAM * NGROUP];
    int cn[SYN_MAXBEAM * NGROUP], nb = 0;
    int32_t *cs[SYN_MAXBEAM * NGROUP];
    const int32_t *src[SYN_MAXBEAM][NGROUP];
    for (int i = 0; i < b->n; i++) {
        const syn_arc *s = &b->cur[i];
        unsigned want = ((1u << NGROUP) - 1) & ~(d->bok[s->b] ? 1u << G_B1 : 0);
        memset(d->gn[i], 0, sizeof d->gn[i]);
        syn_arc_group_features(s, w, d->gf[i], d->gn[i], want);
        for (int g = 0; g < NGROUP; g++) {
            if (g == G_B1) {
                src[i][g] = d->bsum + (size_t)s->b * width;
                if (d->bok[s->b])
                    continue;
                d->bok[s->b] = 1;
            } else {
                int j = 0, ng = d->gn[i][g];
                while (j < i && (d->gn[j][g] != ng ||
                                 memcmp(d->gf[j][g], d->gf[i][g], sizeof(uint64_t) * (size_t)ng)))
                    j++;
                if (j < i) {
                    src[i][g] = src[j][g];
                    continue;
                }
                src[i][g] = d->gsum + ((size_t)i * NGROUP + (size_t)g) * width;
            }
            cf[nb] = d->gf[i][g];
            cn[nb] = d->gn[i][g];
            cs[nb++] = (int32_t *)src[i][g];
        }
    }
    pc_table_score_multi(&m->parser, cf, cn, nb, cs);
    for (int i = 0; i < b->n; i++) {
        int32_t *t = d->sc + (size_t)i * width;
        const int32_t *g0 = src[i][0], *g1 = src[i][1], *g2 = src[i][2], *g3 = src[i][3],
                      *g4 = src[i][4];
        for (uint32_t c = 0; c < width; c++)
            t[c] = g0[c] + g1[c] + g2[c] + g3[c] + g4[c];
    }
}

int syn_beam_parse(const syn_model *m, const syn_w *w, int n, int k, int *head, int *label)
{
    int L = m->labels.n, root = m->root_label;
    uint32_t width = pc_table_width(&m->parser);
    beam b;
    dscratch d = {0};
    if (k > SYN_MAXBEAM)
        k = SYN_MAXBEAM;
    if (beam_init(&b, k, n))
        return -1;
    cand *top = malloc(sizeof *top * (size_t)k);
    if (!top || dscratch_init(&d, k, n, width)) {
        free(top), beam_free(&b, k);
        return -1;
    }
    for (int t = 0; t < 2 * n; t++) {
        score_beam(m, &b, w, &d, width);
        int nt = 0;
        for (int i = 0; i < b.n; i++)
            expand(&b.cur[i], i, b.score[i], d.sc + (size_t)i * width, NULL, L, root, top, &nt,
                   k);
        if (nt == 0)
            break; /* cannot happen: some transition is always valid */
        beam_advance(&b, top, nt, L);
    }
    const syn_arc *s = &b.cur[0];
    for (int i = 0; i < n; i++) {
        head[i] = s->head[i] == n ? 0 : s->head[i] + 1;
        label[i] = s->label[i];
        if (head[i] <= 0 || label[i] < 0) { /* unattached: never emit a cycle */
            head[i] = 0;
            label[i] = root;
        }
    }
    free(top), dscratch_free(&d), beam_free(&b, k);
    return 0;
}

/* ---- training ---- */

typedef struct hist {
    int parent, cls;    /* node of the sequence one transition shorter */
} hist;

typedef struct btrain {
    syn_dep_trainer *t;
    const syn_w *w;
    const int *gh, *gl;
    int n, L, nc;
    hist *node;
    int nnode;
    uint64_t f[SYN_DEP_FEATS];
} btrain;

/* Cost-zero classes of s into ok[] (1 or 0). */
static void zero_cost(const btrain *bt, const syn_arc *s, unsigned char *ok)
{
    int kc[3];
    kind_costs(s, bt->gh, kc);
    unsigned kinds = valid_kinds(s);
    for (int c = 0; c < bt->nc; c++)
        ok[c] = class_ok(kinds, c, bt->L, bt->t->root_label, s->b == s->n) &&
                syn_arc_class_cost(s, kc, bt->gh, bt->gl, c, bt->L) == 0;
}

static int push_node(btrain *bt, int parent, int cls)
{
    bt->node[bt->nnode] = (hist){parent, cls};
    return bt->nnode++;
}

/* The transitions of node's sequence (len of them) into seq. */
static void sequence(const btrain *bt, int node, int len, int *seq)
{
    for (int i = len - 1; i >= 0; i--, node = bt->node[node].parent)
        seq[i] = bt->node[node].cls;
}

/* +1 for the gold sequence, -1 for the predicted, from where they part. */
static int global_update(btrain *bt, int pnode, int gnode, int len)
{
    int *seq = malloc(sizeof *seq * 2 * (size_t)(len ? len : 1)), *gs = seq + len, rc = 0;
    syn_arc p = {0}, g = {0};
    if (!seq || state_init(&p, bt->n) || state_init(&g, bt->n)) {
        free(seq), free(p.mem), free(g.mem);
        return -1;
    }
    sequence(bt, pnode, len, seq);
    sequence(bt, gnode, len, gs);
    int d = 0;
    while (d < len && seq[d] == gs[d])
        apply(&p, seq[d++], bt->L);
    syn_arc_copy(&g, &p);
    for (int i = d; i < len && rc == 0; i++) {
        int nf = syn_arc_features(&p, bt->w, bt->f);
        rc = pc_train_add(bt->t->pc, bt->f, nf, seq[i], -1);
        nf = syn_arc_features(&g, bt->w, bt->f);
        rc = rc ? rc : pc_train_add(bt->t->pc, bt->f, nf, gs[i], 1);
        apply(&p, seq[i], bt->L);
        apply(&g, gs[i], bt->L);
    }
    free(seq), free(p.mem), free(g.mem);
    return rc;
}

/* Scores of the beam's items (float, from the training weights). */
static void score_items(btrain *bt, const beam *b, float *sc)
{
    for (int i = 0; i < b->n; i++) {
        int nf = syn_arc_features(&b->cur[i], bt->w, bt->f);
        pc_train_score(bt->t->pc, bt->f, nf, sc + (size_t)i * bt->nc);
    }
}

/* The gold off the beam goes on by its best zero-cost transition. */
static double gold_step(btrain *bt, syn_arc *g, double gscore, int *gnode, float *sc,
                        unsigned char *ok)
{
    int nf = syn_arc_features(g, bt->w, bt->f), best = -1;
    pc_train_score(bt->t->pc, bt->f, nf, sc);
    zero_cost(bt, g, ok);
    for (int c = 0; c < bt->nc; c++)
        if (ok[c] && (best < 0 || sc[c] > sc[best]))
            best = c;
    if (best < 0)
        best = 0; /* cannot happen: a zero-cost transition always exists */
    apply(g, best, bt->L);
    *gnode = push_node(bt, *gnode, best);
    return gscore + sc[best];
}

typedef struct bwork {
    beam b;
    syn_arc g;          /* the gold once off the beam */
    float *sc;          /* k rows of nc, then one for the gold */
    unsigned char *ok;  /* nc per item: cost-zero classes */
    unsigned char *zero, *nzero; /* per item: its sequence is all cost zero */
    int *inode, *nnode;
    cand *top;
} bwork;

static void work_free(bwork *x, int k)
{
    beam_free(&x->b, k);
    free(x->g.mem), free(x->sc), free(x->ok), free(x->zero), free(x->inode), free(x->top);
}

static int work_init(bwork *x, int k, int n, int nc)
{
    memset(x, 0, sizeof *x);
    x->sc = malloc(sizeof *x->sc * (size_t)nc * (size_t)(k + 1));
    x->ok = malloc((size_t)nc * (size_t)(k + 1));
    x->zero = calloc(2 * (size_t)k, 1);
    x->inode = malloc(sizeof *x->inode * 2 * (size_t)k);
    x->top = malloc(sizeof *x->top * (size_t)k);
    if (beam_init(&x->b, k, n) || state_init(&x->g, n) || !x->sc || !x->ok || !x->zero ||
        !x->inode || !x->top) {
        work_free(x, k);
        return -1;
    }
    x->nzero = x->zero + k;
    x->nnode = x->inode + k;
    x->zero[0] = 1;
    x->inode[0] = -1;
    return 0;
}

/* One step of the search with the gold in the beam: returns the gold's
 * candidate (best zero-cost), or one with item -1 if none. */
static cand beam_step(btrain *bt, bwork *x, int *nt)
{
    beam *b = &x->b;
    int k = b->k;
    cand gold = {-DBL_MAX, -1, -1};
    *nt = 0;
    score_items(bt, b, x->sc);
    for (int i = 0; i < b->n; i++) {
        const float *sc = x->sc + (size_t)i * bt->nc;
        expand(&b->cur[i], i, b->score[i], NULL, sc, bt->L, bt->t->root_label, x->top, nt, k);
        if (!x->zero[i])
            continue;
        unsigned char *ok = x->ok + (size_t)i * bt->nc;
        zero_cost(bt, &b->cur[i], ok);
        for (int c = 0; c < bt->nc; c++)
            if (ok[c] && b->score[i] + sc[c] > gold.score)
                gold = (cand){b->score[i] + sc[c], i, c};
    }
    return gold;
}

/* The new beam's nodes and zero flags; returns the gold's place in it or -1. */
static int mark_beam(btrain *bt, bwork *x, int nt, cand gold)
{
    int at = -1;
    for (int j = 0; j < nt; j++) {
        cand c = x->top[j];
        x->nnode[j] = push_node(bt, x->inode[c.item], c.cls);
        x->nzero[j] = x->zero[c.item] && x->ok[(size_t)c.item * bt->nc + c.cls];
        if (c.item == gold.item && c.cls == gold.cls)
            at = j;
    }
    memcpy(x->zero, x->nzero, (size_t)nt);
    memcpy(x->inode, x->nnode, sizeof *x->inode * (size_t)nt);
    return at;
}

int syn_dep_train_beam(syn_dep_trainer *t, const syn_w *w, int n, const int *gh, const int *gl)
{
    int k = t->beam, L = t->nlabels;
    btrain bt = {.t = t, .w = w, .gh = gh, .gl = gl, .n = n, .L = L, .nc = syn_dep_nclass(L)};
    bwork x;
    bt.node = malloc(sizeof *bt.node * (size_t)(k + 1) * (2 * (size_t)n + 1));
    if (!bt.node || work_init(&x, k, n, bt.nc)) {
        free(bt.node);
        return -1;
    }
    int gin = 1, gnode = -1, bestp = -1, bestg = -1, bestlen = 0, rc = 0;
    double gscore = 0, bestv = -DBL_MAX;
    for (int step = 1; step <= 2 * n; step++) {
        int nt = 0;
        cand gold = beam_step(&bt, &x, &nt);
        int gparent = gin ? x.inode[gold.item] : -1;
        if (!gin)
            gscore = gold_step(&bt, &x.g, gscore, &gnode, x.sc + (size_t)k * bt.nc,
                               x.ok + (size_t)k * bt.nc);
        beam_advance(&x.b, x.top, nt, L);
        int at = gin ? mark_beam(&bt, &x, nt, gold) : mark_beam(&bt, &x, nt, (cand){0, -1, -1});
        if (gin && at >= 0) {
            gnode = x.inode[at];
            gscore = gold.score;
        } else if (gin) { /* falls off: its parent is in the old beam (now nxt) */
            syn_arc_copy(&x.g, &x.b.nxt[gold.item]);
            apply(&x.g, gold.cls, L);
            gscore = gold.score;
            gnode = push_node(&bt, gparent, gold.cls);
        }
        double v = x.b.score[0] - gscore;
        int fell = gin && at < 0, last = step == 2 * n;
        if (t->early ? fell || last : !(gin && at == 0) && v > bestv)
            bestv = v, bestp = x.inode[0], bestg = gnode, bestlen = step;
        if (fell) {
            gin = 0;
            if (t->early)
                break;
        }
    }
    t->steps++;
    if (!x.zero[0] || (t->early && !gin)) {
        t->errors++;
        rc = global_update(&bt, bestp, bestg, bestlen);
    }
    pc_train_tick(t->pc);
    work_free(&x, k);
    free(bt.node);
    return rc;
}
