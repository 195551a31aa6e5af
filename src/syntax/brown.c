/*
 * brown.c - Brown clustering with Liang's (2005) window of C active
 * clusters (brown.h). The quality of a clustering is the average mutual
 * information of adjacent clusters, a sum over unordered pairs {s, t} of
 * q2(s, t) = q(s, t) + q(t, s) (q(s, s) alone for s = t), with q(s, t) =
 * p(s, t) log(p(s, t) / (p(s) p(t))). The loss L(s, t) of merging s and t
 * is kept for every active pair: computed in full (O(C)) for pairs with a
 * new cluster, updated in O(1) for the others when a word enters or two
 * clusters merge, since only the terms with the changed clusters move.
 * Each step costs O(C^2); the whole O(V C^2) for V words.
 */
#include "syntax/brown.h"
#include "base/mem.h"

#include <math.h>
#include <string.h>

typedef struct brown {
    int K;              /* slots: nclusters + 1 */
    int ns;             /* active slots */
    double N, logN;     /* all bigrams */
    double *cnt, *cntT; /* K x K: bigrams from cluster s to t, and transposed */
    double *q2;         /* K x K, symmetric */
    double *L, *LS;     /* K x K, upper triangle (s < t): the loss of merging
                           s and t, and log(n1[s] + n1[t]) */
    double *n1, *ln1;   /* per slot: its words' count, and its log */
    double *lt, *flt;   /* log i and i log i for i < LOGTAB (counts are integers) */
    int *root;          /* per slot: the union-find root of its words */
    int *node;          /* per slot: its node in the final tree */
    int *parent;        /* per word: union-find */
    int *wslot;         /* per root word: its slot */
    double *v[8];       /* K each: vectors of one step */
    int *nz;            /* K: the slots with a bigram with the changed ones */
} brown;

#define ROW(m, s) ((m) + (size_t)(s) * (size_t)b->K)
#define AT(m, s, t) (ROW(m, s)[t])
#define UP(m, s, t) (*((s) < (t) ? &AT(m, s, t) : &AT(m, t, s)))
#define LOGTAB 65536

static inline double lg(const brown *b, double n)
{
    return n < LOGTAB ? b->lt[(int)n] : log(n);
}

/* n log n (0 for 0). */
static inline double nlg(const brown *b, double n)
{
    return n < LOGTAB ? b->flt[(int)n] : n * log(n);
}

/* N q(x, y) for n bigrams from x to y, ll and lr the logs of x's and y's
 * counts (the factor 1/N is left out: it scales every loss alike). */
static inline double qq(const brown *b, double n, double ll, double lr)
{
    return n > 0 ? nlg(b, n) + n * (b->logN - ll - lr) : 0;
}

/* q2 of a cluster (log of its count lx) with u, given the bigrams from it
 * to u (o) and from u to it (i). */
static inline double q2of(const brown *b, double o, double i, double lx, int u)
{
    return nlg(b, o) + nlg(b, i) + (o + i) * (b->logN - lx - b->ln1[u]);
}

static void set_q2(brown *b, int s, int t)
{
    double v = s == t ? qq(b, AT(b->cnt, s, s), b->ln1[s], b->ln1[s])
                      : qq(b, AT(b->cnt, s, t), b->ln1[s], b->ln1[t]) +
                            qq(b, AT(b->cnt, t, s), b->ln1[t], b->ln1[s]);
    AT(b->q2, s, t) = AT(b->q2, t, s) = v;
}

/* The loss of merging s and t (s < t), in full: rows only. */
static double full_loss(const brown *b, int s, int t)
{
    double lst = AT(b->LS, s, t);
    double self = AT(b->cnt, s, s) + AT(b->cnt, s, t) + AT(b->cnt, t, s) + AT(b->cnt, t, t);
    double l = AT(b->q2, s, s) + AT(b->q2, t, t) + AT(b->q2, s, t) - qq(b, self, lst, lst);
    const double *cs = ROW(b->cnt, s), *ct = ROW(b->cnt, t), *ts = ROW(b->cntT, s);
    const double *tt = ROW(b->cntT, t), *qs = ROW(b->q2, s), *qt = ROW(b->q2, t);
    for (int u = 0; u < b->ns; u++)
        if (u != s && u != t)
            l += qs[u] + qt[u] - q2of(b, cs[u] + ct[u], ts[u] + tt[u], lst, u);
    return l;
}

static void set_row_losses(brown *b, int a)
{
    for (int u = 0; u < b->ns; u++)
        if (u != a) {
            UP(b->LS, a, u) = lg(b, b->n1[a] + b->n1[u]);
            UP(b->L, a, u) = a < u ? full_loss(b, a, u) : full_loss(b, u, a);
        }
}

static int find(int *parent, int w)
{
    int r = w;
    while (parent[r] != r)
        r = parent[r];
    while (parent[w] != r) {
        int p = parent[w];
        parent[w] = r;
        w = p;
    }
    return r;
}

static void add_count(brown *b, int s, int t, double n)
{
    AT(b->cnt, s, t) += n;
    AT(b->cntT, t, s) += n;
}

/* The slots 0..k-1 with a bigram to or from slot k (o: cnt[.][k], i:
 * cnt[k][.]) into b->nz; their number. */
static int nonzero(brown *b, const double *o, const double *i, int k)
{
    int n = 0;
    for (int u = 0; u < k; u++)
        if (o[u] != 0 || i[u] != 0)
            b->nz[n++] = u;
    return n;
}

/* Adding cluster k changes the loss of pair (s, t) by the terms with k:
 * none unless s or t has a bigram with k. */
static void losses_for_new(brown *b, int k)
{
    if (k < 2)
        return; /* no pair yet */
    const double *o = ROW(b->cntT, k), *i = ROW(b->cnt, k), *q = ROW(b->q2, k);
    int nnz = nonzero(b, o, i, k);
    unsigned char *mark = (unsigned char *)b->v[7];
    memset(mark, 0, (size_t)k);
    for (int j = 0; j < nnz; j++)
        mark[b->nz[j]] = 1;
    for (int j = 0; j < nnz; j++) {
        int s = b->nz[j];
        for (int t = 0; t < k; t++) {
            if (t == s || (mark[t] && t < s))
                continue; /* a pair of two marked slots once */
            int x = s < t ? s : t, y = s < t ? t : s;
            double d = q[s] + q[t] - q2of(b, o[s] + o[t], i[s] + i[t], AT(b->LS, x, y), k);
            AT(b->L, x, y) += d;
        }
    }
}

/* Word w (all words before it are in) enters as a cluster of its own. */
static void add_word(brown *b, const brown_input *in, int w)
{
    int k = b->ns++;
    for (int u = 0; u <= k; u++)
        AT(b->cnt, k, u) = AT(b->cnt, u, k) = AT(b->cntT, k, u) = AT(b->cntT, u, k) = 0;
    b->n1[k] = in->count[w];
    b->ln1[k] = lg(b, b->n1[k]);
    b->parent[w] = w;
    b->root[k] = w;
    b->wslot[w] = k;
    for (int64_t i = in->ro[w]; i < in->ro[w + 1]; i++)
        if (in->right[i] <= w)
            add_count(b, k, b->wslot[find(b->parent, in->right[i])], in->rn[i]);
    for (int64_t i = in->lo[w]; i < in->lo[w + 1]; i++)
        if (in->left[i] < w)
            add_count(b, b->wslot[find(b->parent, in->left[i])], k, in->ln[i]);
    for (int u = 0; u <= k; u++)
        set_q2(b, k, u);
    for (int u = 0; u < k; u++)
        AT(b->LS, u, k) = lg(b, b->n1[u] + b->n1[k]);
    losses_for_new(b, k);
    for (int u = 0; u < k; u++)
        AT(b->L, u, k) = full_loss(b, u, k);
}

#ifdef BROWN_CHECK /* development: every kept loss against its full value */
static void check_losses(const brown *b, const char *what)
{
    double worst = 0;
    for (int s = 0; s < b->ns; s++)
        for (int t = s + 1; t < b->ns; t++) {
            double full = full_loss(b, s, t), d = fabs(AT(b->L, s, t) - full) / (fabs(full) + 1);
            worst = d > worst ? d : worst;
        }
    if (worst > 1e-9) /* relative */
        fprintf(stderr, "brown check after %s: loss off by %g\n", what, worst);
}
#else
#define check_losses(b, what) ((void)0)
#endif

/* The active pair of least loss (the first in slot order on ties). */
static void best_pair(const brown *b, int *ba, int *bb)
{
    double best = 0;
    *ba = -1;
    for (int s = 0; s < b->ns; s++) {
        const double *l = ROW(b->L, s);
        for (int t = s + 1; t < b->ns; t++)
            if (*ba < 0 || l[t] < best)
                best = l[t], *ba = s, *bb = t;
    }
}

/* Slot from (the last) into slot to. */
static void move_slot(brown *b, int from, int to)
{
    double *full[3] = {b->cnt, b->cntT, b->q2}, *up[2] = {b->L, b->LS};
    for (int m = 0; m < 3; m++) {
        double *x = full[m];
        for (int u = 0; u < b->ns; u++)
            if (u != from && u != to) {
                AT(x, to, u) = AT(x, from, u);
                AT(x, u, to) = AT(x, u, from);
            }
        AT(x, to, to) = AT(x, from, from);
    }
    for (int m = 0; m < 2; m++) {
        double *x = up[m];
        for (int u = 0; u < b->ns; u++)
            if (u != from && u != to)
                UP(x, to, u) = UP(x, from, u);
    }
    b->n1[to] = b->n1[from];
    b->ln1[to] = b->ln1[from];
    b->root[to] = b->root[from];
    b->node[to] = b->node[from];
    b->wslot[b->root[to]] = to;
}

/* The losses of the pairs without a or c when a and c merge: only their
 * terms with a, c and a + c change, and none unless s or t has a bigram
 * with a or c. v[0..5]: bigrams to a + c, from it, to a, from a, to c,
 * from c; qac: q2 of a + c with each slot. */
static void update_losses(brown *b, int a, int c, const double *qac)
{
    double lac = lg(b, b->n1[a] + b->n1[c]), la = b->ln1[a], lc = b->ln1[c];
    const double *xo = b->v[0], *xi = b->v[1], *ao = b->v[2], *ai = b->v[3];
    const double *co = b->v[4], *ci = b->v[5];
    double *qs = b->v[6];
    for (int u = 0; u < b->ns; u++)
        qs[u] = AT(b->q2, a, u) + AT(b->q2, c, u);
    for (int s = 0; s < b->ns; s++) {
        if (s == a || s == c)
            continue;
        const double *ls = ROW(b->LS, s);
        double *l = ROW(b->L, s);
        int zs = xo[s] == 0 && xi[s] == 0;
        for (int t = s + 1; t < b->ns; t++) {
            if (t == a || t == c || (zs && xo[t] == 0 && xi[t] == 0))
                continue;
            double lst = ls[t], to = xo[s] + xo[t], from = xi[s] + xi[t];
            double stac = nlg(b, to) + nlg(b, from) + (to + from) * (b->logN - lst - lac);
            double oa = ao[s] + ao[t], ia = ai[s] + ai[t], oc = co[s] + co[t], ic = ci[s] + ci[t];
            double hsa = nlg(b, oa) + nlg(b, ia) + (oa + ia) * (b->logN - lst - la);
            double hsc = nlg(b, oc) + nlg(b, ic) + (oc + ic) * (b->logN - lst - lc);
            l[t] += qac[s] + qac[t] - stac - (qs[s] + qs[t]) + hsa + hsc;
        }
    }
}

/* Merge slot c into slot a (a < c); *nodes >= 0: record the tree node. */
static void merge(brown *b, int a, int c, double *qac, int *left, int *right, int *nodes)
{
    double lac = lg(b, b->n1[a] + b->n1[c]);
    for (int u = 0; u < b->ns; u++) {
        b->v[2][u] = AT(b->cntT, a, u), b->v[3][u] = AT(b->cnt, a, u);
        b->v[4][u] = AT(b->cntT, c, u), b->v[5][u] = AT(b->cnt, c, u);
        b->v[0][u] = b->v[2][u] + b->v[4][u], b->v[1][u] = b->v[3][u] + b->v[5][u];
        qac[u] = u == a || u == c ? 0 : q2of(b, b->v[1][u], b->v[0][u], lac, u);
    }
    update_losses(b, a, c, qac);
    double self = AT(b->cnt, a, a) + AT(b->cnt, a, c) + AT(b->cnt, c, a) + AT(b->cnt, c, c);
    for (int u = 0; u < b->ns; u++)
        if (u != a && u != c) {
            AT(b->cnt, a, u) = AT(b->cntT, u, a) = b->v[1][u];
            AT(b->cnt, u, a) = AT(b->cntT, a, u) = b->v[0][u];
            AT(b->q2, a, u) = AT(b->q2, u, a) = qac[u];
        }
    AT(b->cnt, a, a) = AT(b->cntT, a, a) = self;
    b->n1[a] += b->n1[c];
    b->ln1[a] = lac;
    set_q2(b, a, a);
    if (*nodes >= 0) {
        left[*nodes] = b->node[a];
        right[*nodes] = b->node[c];
        b->node[a] = (*nodes)++;
    }
    int ra = b->root[a], rc = b->root[c];
    int r = ra < rc ? ra : rc; /* union: the lower word is the root */
    b->parent[ra] = b->parent[rc] = r;
    b->root[a] = r;
    b->wslot[r] = a;
    if (c != b->ns - 1)
        move_slot(b, b->ns - 1, c);
    b->ns--;
    set_row_losses(b, a);
}

static int brown_init(brown *b, int K, int nwords)
{
    memset(b, 0, sizeof *b);
    b->K = K;
    size_t kk = (size_t)K * (size_t)K;
    double **mat[5] = {&b->cnt, &b->cntT, &b->q2, &b->L, &b->LS};
    int ok = 1;
    for (int m = 0; m < 5; m++)
        ok &= (*mat[m] = mem_calloc(kk, sizeof(double))) != NULL;
    for (int m = 0; m < 8; m++)
        ok &= (b->v[m] = mem_calloc((size_t)K, sizeof(double))) != NULL;
    b->n1 = mem_calloc((size_t)K, sizeof *b->n1);
    b->ln1 = mem_calloc((size_t)K, sizeof *b->ln1);
    b->lt = mem_malloc(LOGTAB * sizeof *b->lt);
    b->flt = mem_malloc(LOGTAB * sizeof *b->flt);
    for (int i = 0; b->lt && b->flt && i < LOGTAB; i++) {
        b->lt[i] = i ? log((double)i) : 0;
        b->flt[i] = i * b->lt[i];
    }
    b->root = mem_calloc((size_t)K, sizeof *b->root);
    b->node = mem_calloc((size_t)K, sizeof *b->node);
    b->nz = mem_calloc((size_t)K, sizeof *b->nz);
    b->parent = mem_calloc((size_t)nwords + 1, sizeof *b->parent);
    b->wslot = mem_calloc((size_t)nwords + 1, sizeof *b->wslot);
    return ok && b->n1 && b->ln1 && b->lt && b->flt && b->root && b->node && b->nz && b->parent &&
                   b->wslot ? 0 : -1;
}

static void brown_free(brown *b)
{
    mem_free(b->cnt), mem_free(b->cntT), mem_free(b->q2), mem_free(b->L), mem_free(b->LS);
    for (int m = 0; m < 8; m++)
        mem_free(b->v[m]);
    mem_free(b->n1), mem_free(b->ln1), mem_free(b->lt), mem_free(b->flt);
    mem_free(b->root), mem_free(b->node), mem_free(b->nz), mem_free(b->parent), mem_free(b->wslot);
}

/* The bit strings of the leaves 0..nleaf-1 of the tree under node top:
 * depth first, so that buf[0..d) holds the path of the node at depth d
 * when it is reached (its ancestors wrote the bits before it). */
static int tree_paths(const int *left, const int *right, int nleaf, int top, char **paths)
{
    int nn = 2 * nleaf;
    int *stack = mem_malloc(sizeof *stack * (size_t)nn), *depth = mem_calloc((size_t)nn, sizeof *depth);
    char *bit = mem_calloc((size_t)nn, 1), *buf = mem_malloc((size_t)nn + 1);
    int sp = 0, rc = stack && depth && bit && buf ? 0 : -1;
    if (rc == 0)
        stack[sp++] = top;
    while (sp > 0 && rc == 0) {
        int x = stack[--sp], d = depth[x];
        if (d > 0)
            buf[d - 1] = bit[x];
        if (x < nleaf) {
            paths[x] = mem_strndup(buf, (size_t)d);
            rc = paths[x] ? 0 : -1;
            continue;
        }
        depth[left[x]] = depth[right[x]] = d + 1;
        bit[left[x]] = '0';
        bit[right[x]] = '1';
        stack[sp++] = right[x];
        stack[sp++] = left[x];
    }
    mem_free(stack), mem_free(depth), mem_free(bit), mem_free(buf);
    return rc;
}

int brown_cluster(const brown_input *in, int nclusters, FILE *progress, int *cluster, char ***paths,
                  int *ncl)
{
    brown b;
    int V = in->nwords, C = nclusters < V ? nclusters : V;
    if (C < 1)
        C = 1;
    double *qac = mem_malloc(sizeof *qac * (size_t)(C + 1));
    int *left = mem_malloc(sizeof *left * (size_t)(2 * C + 1));
    int *right = mem_malloc(sizeof *right * (size_t)(2 * C + 1));
    char **p = mem_calloc((size_t)C, sizeof *p);
    int rc = brown_init(&b, C + 1, V);
    if (rc || !qac || !left || !right || !p || V < 1)
        rc = -1;
    for (int w = 0; w < V; w++)
        for (int64_t i = in->ro[w]; i < in->ro[w + 1]; i++)
            b.N += in->rn[i];
    if (b.N <= 0)
        b.N = 1;
    b.logN = log(b.N);
    int none = -1, nodes, x, y;
    for (int w = 0; rc == 0 && w < V; w++) {
        add_word(&b, in, w);
        check_losses(&b, "add");
        if (b.ns > C) {
            best_pair(&b, &x, &y);
            merge(&b, x, y, qac, left, right, &none);
            check_losses(&b, "merge");
        }
        if (progress && (w + 1) % 5000 == 0)
            fprintf(progress, "clusters: %d of %d words in\n", w + 1, V), fflush(progress);
    }
    for (int w = 0; rc == 0 && w < V; w++)
        cluster[w] = b.wslot[find(b.parent, w)];
    for (int s = 0; s < b.ns; s++)
        b.node[s] = s;
    nodes = b.ns;
    *ncl = b.ns;
    while (rc == 0 && b.ns > 1) {
        best_pair(&b, &x, &y);
        merge(&b, x, y, qac, left, right, &nodes);
        check_losses(&b, "tree merge");
    }
    if (rc == 0 && *ncl == 1)
        rc = (p[0] = mem_strndup("0", 1)) ? 0 : -1;
    else if (rc == 0)
        rc = tree_paths(left, right, *ncl, b.node[0], p);
    brown_free(&b);
    mem_free(qac), mem_free(left), mem_free(right);
    if (rc) {
        for (int c = 0; p && c < C; c++)
            mem_free(p[c]);
        mem_free(p);
        return -1;
    }
    *paths = p;
    return 0;
}
