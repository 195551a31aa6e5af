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
    double N;           /* all bigrams */
    double *cnt;        /* K x K: bigrams from cluster s to cluster t */
    double *q2, *L;     /* K x K, symmetric */
    double *n1;         /* per slot: its words' count */
    double *ln1;        /* per slot: log n1 */
    double logN;
    double *lt;         /* log of 0 .. LOGTAB - 1 (counts are integers) */
    int *root;          /* per slot: the union-find root of its words */
    int *node;          /* per slot: its node in the final tree */
    int *parent;        /* per word: union-find */
    int *wslot;         /* per root word: its slot */
} brown;

#define AT(m, s, t) ((m)[(size_t)(s) * (size_t)b->K + (size_t)(t)])
#define LOGTAB 65536

static inline double lg(const brown *b, double n)
{
    return n < LOGTAB ? b->lt[(int)n] : log(n);
}

/* N q(x, y) for n bigrams from x to y, ll and lr the logs of x's and y's
 * counts (the factor 1/N is left out: it scales every loss alike). */
static inline double qq(const brown *b, double n, double ll, double lr)
{
    return n > 0 ? n * (lg(b, n) + b->logN - ll - lr) : 0;
}

/* q2 of the cluster s + t (merged; lst the log of its count) with u. */
static inline double hyp2(const brown *b, int s, int t, double lst, int u)
{
    return qq(b, AT(b->cnt, s, u) + AT(b->cnt, t, u), lst, b->ln1[u]) +
           qq(b, AT(b->cnt, u, s) + AT(b->cnt, u, t), b->ln1[u], lst);
}

static void set_q2(brown *b, int s, int t)
{
    double v = s == t ? qq(b, AT(b->cnt, s, s), b->ln1[s], b->ln1[s])
                      : qq(b, AT(b->cnt, s, t), b->ln1[s], b->ln1[t]) +
                            qq(b, AT(b->cnt, t, s), b->ln1[t], b->ln1[s]);
    AT(b->q2, s, t) = AT(b->q2, t, s) = v;
}

/* The loss of merging s and t, in full. */
static double full_loss(const brown *b, int s, int t)
{
    double lst = lg(b, b->n1[s] + b->n1[t]);
    double self = AT(b->cnt, s, s) + AT(b->cnt, s, t) + AT(b->cnt, t, s) + AT(b->cnt, t, t);
    double l = AT(b->q2, s, s) + AT(b->q2, t, t) + AT(b->q2, s, t) - qq(b, self, lst, lst);
    for (int u = 0; u < b->ns; u++)
        if (u != s && u != t)
            l += AT(b->q2, s, u) + AT(b->q2, t, u) - hyp2(b, s, t, lst, u);
    return l;
}

static void set_loss(brown *b, int s, int t)
{
    AT(b->L, s, t) = AT(b->L, t, s) = full_loss(b, s, t);
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

/* Word w (all words before it are in) enters as a cluster of its own. */
static void add_word(brown *b, const brown_input *in, int w)
{
    int k = b->ns++;
    for (int u = 0; u <= k; u++)
        AT(b->cnt, k, u) = AT(b->cnt, u, k) = 0;
    b->n1[k] = in->count[w];
    b->ln1[k] = lg(b, b->n1[k]);
    b->parent[w] = w;
    b->root[k] = w;
    b->wslot[w] = k;
    for (int64_t i = in->ro[w]; i < in->ro[w + 1]; i++)
        if (in->right[i] <= w)
            AT(b->cnt, k, b->wslot[find(b->parent, in->right[i])]) += in->rn[i];
    for (int64_t i = in->lo[w]; i < in->lo[w + 1]; i++)
        if (in->left[i] < w)
            AT(b->cnt, b->wslot[find(b->parent, in->left[i])], k) += in->ln[i];
    for (int u = 0; u <= k; u++)
        set_q2(b, k, u);
    for (int s = 0; s < k; s++)
        for (int t = s + 1; t < k; t++) {
            if (AT(b->q2, s, k) == 0 && AT(b->q2, t, k) == 0 && AT(b->cnt, s, k) == 0 &&
                AT(b->cnt, k, s) == 0 && AT(b->cnt, t, k) == 0 && AT(b->cnt, k, t) == 0)
                continue; /* no bigram with k: nothing changes */
            double d = AT(b->q2, s, k) + AT(b->q2, t, k) -
                       hyp2(b, s, t, lg(b, b->n1[s] + b->n1[t]), k);
            AT(b->L, s, t) += d;
            AT(b->L, t, s) = AT(b->L, s, t);
        }
    for (int u = 0; u < k; u++)
        set_loss(b, u, k);
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
    for (int s = 0; s < b->ns; s++)
        for (int t = s + 1; t < b->ns; t++)
            if (*ba < 0 || AT(b->L, s, t) < best)
                best = AT(b->L, s, t), *ba = s, *bb = t;
}

/* Slot from (the last) into slot to. */
static void move_slot(brown *b, int from, int to)
{
    double *mat[3] = {b->cnt, b->q2, b->L};
    for (int m = 0; m < 3; m++) {
        double *x = mat[m];
        for (int u = 0; u < b->ns; u++)
            if (u != from && u != to) {
                x[(size_t)to * (size_t)b->K + (size_t)u] = x[(size_t)from * (size_t)b->K + (size_t)u];
                x[(size_t)u * (size_t)b->K + (size_t)to] = x[(size_t)u * (size_t)b->K + (size_t)from];
            }
        x[(size_t)to * (size_t)b->K + (size_t)to] = x[(size_t)from * (size_t)b->K + (size_t)from];
    }
    b->n1[to] = b->n1[from];
    b->ln1[to] = b->ln1[from];
    b->root[to] = b->root[from];
    b->node[to] = b->node[from];
    b->wslot[b->root[to]] = to;
}

/* The losses of the pairs without a or c after a and c merge: only their
 * terms with a, c and a + c change. */
static void update_losses(brown *b, int a, int c, const double *qac)
{
    double lac = lg(b, b->n1[a] + b->n1[c]);
    for (int s = 0; s < b->ns; s++) {
        if (s == a || s == c)
            continue;
        for (int t = s + 1; t < b->ns; t++) {
            if (t == a || t == c)
                continue;
            double lst = lg(b, b->n1[s] + b->n1[t]);
            double to = AT(b->cnt, s, a) + AT(b->cnt, s, c) + AT(b->cnt, t, a) + AT(b->cnt, t, c);
            double from = AT(b->cnt, a, s) + AT(b->cnt, c, s) + AT(b->cnt, a, t) + AT(b->cnt, c, t);
            double stac = qq(b, to, lst, lac) + qq(b, from, lac, lst);
            double d = qac[s] + qac[t] - stac -
                       (AT(b->q2, s, a) + AT(b->q2, s, c) + AT(b->q2, t, a) + AT(b->q2, t, c)) +
                       hyp2(b, s, t, lst, a) + hyp2(b, s, t, lst, c);
            AT(b->L, s, t) += d;
            AT(b->L, t, s) = AT(b->L, s, t);
        }
    }
}

/* Merge slot c into slot a (a < c); *nodes >= 0: record the tree node. */
static void merge(brown *b, int a, int c, double *qac, int *left, int *right, int *nodes)
{
    double lac = lg(b, b->n1[a] + b->n1[c]);
    for (int u = 0; u < b->ns; u++)
        qac[u] = u == a || u == c ? 0 : hyp2(b, a, c, lac, u);
    update_losses(b, a, c, qac);
    double self = AT(b->cnt, a, a) + AT(b->cnt, a, c) + AT(b->cnt, c, a) + AT(b->cnt, c, c);
    for (int u = 0; u < b->ns; u++)
        if (u != a && u != c) {
            AT(b->cnt, a, u) += AT(b->cnt, c, u);
            AT(b->cnt, u, a) += AT(b->cnt, u, c);
        }
    AT(b->cnt, a, a) = self;
    b->n1[a] += b->n1[c];
    b->ln1[a] = lac;
    for (int u = 0; u < b->ns; u++)
        if (u != a && u != c)
            AT(b->q2, a, u) = AT(b->q2, u, a) = qac[u];
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
    for (int u = 0; u < b->ns; u++)
        if (u != a)
            set_loss(b, a, u);
}

static int brown_init(brown *b, int K, int nwords)
{
    memset(b, 0, sizeof *b);
    b->K = K;
    size_t kk = (size_t)K * (size_t)K;
    b->cnt = mem_calloc(kk, sizeof *b->cnt);
    b->q2 = mem_calloc(kk, sizeof *b->q2);
    b->L = mem_calloc(kk, sizeof *b->L);
    b->n1 = mem_calloc((size_t)K, sizeof *b->n1);
    b->ln1 = mem_calloc((size_t)K, sizeof *b->ln1);
    b->lt = mem_malloc(LOGTAB * sizeof *b->lt);
    for (int i = 0; b->lt && i < LOGTAB; i++)
        b->lt[i] = i ? log((double)i) : 0;
    b->root = mem_calloc((size_t)K, sizeof *b->root);
    b->node = mem_calloc((size_t)K, sizeof *b->node);
    b->parent = mem_calloc((size_t)nwords + 1, sizeof *b->parent);
    b->wslot = mem_calloc((size_t)nwords + 1, sizeof *b->wslot);
    return b->cnt && b->q2 && b->L && b->n1 && b->ln1 && b->lt && b->root && b->node && b->parent && b->wslot ? 0
                                                                                          : -1;
}

static void brown_free(brown *b)
{
    mem_free(b->cnt), mem_free(b->q2), mem_free(b->L), mem_free(b->n1);
    mem_free(b->ln1), mem_free(b->lt);
    mem_free(b->root), mem_free(b->node), mem_free(b->parent), mem_free(b->wslot);
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
