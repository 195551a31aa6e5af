/*
 * train.c - learning a syntax model from CoNLL-U files: the tag and label
 * inventories, the lexicon of ambiguity classes, the tagger (epochs of the
 * averaged perceptron, the best on dev kept), lemma rules and features,
 * jackknifed tags for the parser's training data (so the parser learns
 * from tags as good as it will see), the parser (dynamic oracle, the best
 * epoch on dev kept), and the model file. Deterministic: the same files
 * and seed give the same bytes.
 */
#include "syntax/synint.h"

#include <stdlib.h>
#include <string.h>

typedef struct corpus {
    ud_sent *s;
    int n;
    int **tag;     /* per sentence, gold joint tag ids */
} corpus;

typedef struct kvpair {
    uint64_t key;
    const char *val;
} kvpair;

typedef struct kvvec {
    kvpair *v;
    size_t n, cap;
} kvvec;

static int kv_push(kvvec *k, uint64_t key, const char *val)
{
    if (mem_grow((void **)&k->v, &k->cap, k->n + 1, sizeof *k->v, 4096) < 0)
        return -1;
    k->v[k->n++] = (kvpair){key, val};
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const kvpair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->val, y->val);
}

/* For each key, the commonest value (ties: the smallest string) and its
 * count; fn is called in key order. */
static void vote(kvvec *k, void (*fn)(void *, uint64_t, const char *, long, long), void *ud)
{
    qsort(k->v, k->n, sizeof *k->v, cmp_pair);
    for (size_t i = 0; i < k->n;) {
        size_t j = i, best = i;
        long bestn = 0, total = 0;
        while (j < k->n && k->v[j].key == k->v[i].key) {
            size_t r = j;
            while (j < k->n && k->v[j].key == k->v[r].key && strcmp(k->v[j].val, k->v[r].val) == 0)
                j++;
            if ((long)(j - r) > bestn)
                bestn = (long)(j - r), best = r;
            total += (long)(j - r);
        }
        fn(ud, k->v[i].key, k->v[best].val, bestn, total);
        i = j;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct strings of a column (get) over a corpus, plus extra. */
static int inventory(const corpus *c, const char *(*get)(const ud_word *, mem_arena *),
                     mem_arena *a, const char *extra, syn_strs *out)
{
    size_t n = 0, k = 0;
    for (int i = 0; i < c->n; i++)
        n += (size_t)c->s[i].n;
    const char **v = mem_malloc((n + 1) * sizeof *v);
    if (!v)
        return -1;
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < c->s[i].n; j++)
            v[k++] = get(&c->s[i].w[j], a);
    if (extra)
        v[k++] = extra;
    qsort(v, k, sizeof *v, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (v[i] && (u == 0 || strcmp(v[u - 1], v[i]) != 0))
            v[u++] = v[i];
    out->s = v;
    out->n = (int)u;
    return u > SYN_MAXCLASS / 2 - 1 ? -1 : 0;
}

static const char *joint_tag(const ud_word *w, mem_arena *a)
{
    char *s = mem_arena_alloc(a, strlen(w->upos) + strlen(w->xpos) + 2);
    if (s)
        sprintf(s, "%s\t%s", w->upos, w->xpos);
    return s;
}

static const char *deprel_of(const ud_word *w, mem_arena *a)
{
    (void)a;
    return w->deprel;
}

static int find_str(const syn_strs *v, const char *s)
{
    const char **p = bsearch(&s, v->s, (size_t)v->n, sizeof *v->s, cmp_str);
    return p ? (int)(p - v->s) : -1;
}

/* ---- the lexicon of ambiguity classes ---- */

typedef struct wordtag {
    uint64_t h;
    int tag;
} wordtag;

static int cmp_wordtag(const void *a, const void *b)
{
    const wordtag *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->tag - y->tag;
}

/* The external lexicon (--lexicon): each line "form<TAB>classes", the
 * classes an opaque string (their hash is the feature); a form's first line
 * counts. A line without a tab is reported with its number and skipped; a
 * file that cannot be read, or has no entry, stops the training. */
static int load_xlex(const char *path, syn_kv *kv, uint32_t **own, FILE *log, char *err,
                     size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return snprintf(err, errlen, "%s: cannot read the lexicon", path), -1;
    size_t n = 0, cap = 0;
    long line = 0, bad = 0;
    uint64_t *keys = NULL;
    uint32_t *vals = NULL;
    char buf[1024];
    int rc = 0;
    while (!rc && fgets(buf, sizeof buf, f)) {
        line++;
        buf[strcspn(buf, "\r\n")] = 0;
        char *tab = strchr(buf, '\t');
        if (!tab || tab == buf || !tab[1]) {
            if (buf[0] && log && bad++ < 5)
                fprintf(log, "%s:%ld: skipped: not \"form<TAB>classes\"\n", path, line);
            continue;
        }
        *tab = 0;
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            uint64_t *k = mem_realloc(keys, cap * sizeof *keys);
            uint32_t *v = k ? mem_realloc(vals, cap * sizeof *vals) : NULL;
            keys = k ? k : keys;
            vals = v ? v : vals;
            if (!k || !v) {
                rc = -1;
                break;
            }
        }
        keys[n] = syn_lower_hash(buf);
        vals[n++] = (uint32_t)syn_hash2(0x584c4558, syn_hash_bytes(tab + 1, strlen(tab + 1)));
    }
    int rerr = ferror(f);
    fclose(f);
    if (rc || rerr || !n)
        snprintf(err, errlen, "%s: %s", path,
                 rc ? "out of memory" : rerr ? "read error" : "no \"form<TAB>classes\" line");
    else
        rc = syn_kv_build(keys, vals, n, kv, own);
    if (!rc && log)
        fprintf(log, "lexicon %s: %zu forms (%ld lines skipped)\n", path, n, bad);
    mem_free(keys);
    mem_free(vals);
    return rc || rerr || !n ? -1 : 0;
}

/* Each word seen at least twice -> the hash of the tags it had at least
 * 5 % of the time. */
static int build_lexicon(const corpus *c, syn_kv *kv, uint32_t **own)
{
    size_t n = 0, k = 0;
    for (int i = 0; i < c->n; i++)
        n += (size_t)c->s[i].n;
    wordtag *p = mem_malloc((n + 1) * sizeof *p);
    uint64_t *keys = mem_malloc((n + 1) * sizeof *keys);
    uint32_t *vals = mem_malloc((n + 1) * sizeof *vals);
    if (!p || !keys || !vals) {
        mem_free(p), mem_free(keys), mem_free(vals);
        return -1;
    }
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < c->s[i].n; j++)
            p[k++] = (wordtag){syn_lower_hash(c->s[i].w[j].form), c->tag[i][j]};
    qsort(p, k, sizeof *p, cmp_wordtag);
    size_t nk = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && p[j].h == p[i].h)
            j++;
        if (j - i >= 2) { /* words seen once look unknown, as at run time */
            uint64_t h = 0x414d42;
            for (size_t r = i; r < j;) {
                size_t e = r;
                while (e < j && p[e].tag == p[r].tag)
                    e++;
                if ((e - r) * 20 >= j - i)
                    h = syn_hash2(h, (uint64_t)p[r].tag);
                r = e;
            }
            keys[nk] = p[i].h;
            vals[nk++] = (uint32_t)h;
        }
        i = j;
    }
    int rc = syn_kv_build(keys, vals, nk, kv, own);
    mem_free(p), mem_free(keys), mem_free(vals);
    return rc;
}

/* ---- lemmas and features ---- */

typedef struct morphbuild {
    kvvec out;          /* final (key, string) entries */
    mem_arena *a;
    int min;            /* least support of a suffix rule */
    const syn_model *m; /* for exceptions: the rules so far */
    int exceptions;
    uint64_t default_key;
} morphbuild;

static void keep_vote(void *ud, uint64_t key, const char *val, long n, long total)
{
    morphbuild *b = ud;
    (void)total;
    if (n >= b->min)
        kv_push(&b->out, key, val);
}

typedef struct lemma_ex {
    kvvec *all;         /* (key, lemma) of each word, to vote on */
} lemma_ex;

/* The pool and kv tables of lemma and features entries. */
static int pool_kv(kvvec *e, mem_buf *pool, syn_kv *kv, uint32_t **own)
{
    uint64_t *keys = mem_malloc((e->n + 1) * sizeof *keys);
    uint32_t *vals = mem_malloc((e->n + 1) * sizeof *vals);
    if (!keys || !vals) {
        mem_free(keys), mem_free(vals);
        return -1;
    }
    for (size_t i = 0; i < e->n; i++) {
        keys[i] = e->v[i].key;
        vals[i] = (uint32_t)pool->len;
        mem_buf_put(pool, e->v[i].val, strlen(e->v[i].val) + 1);
    }
    int rc = pool->oom ? -1 : syn_kv_build(keys, vals, e->n, kv, own);
    mem_free(keys), mem_free(vals);
    return rc;
}

typedef struct lemma_check {
    syn_model *m;
    kvvec *out;
    mem_arena *a;
    const char **forms; /* not needed: the key carries form and tag */
} lemma_check;

/* Rules: for every word and suffix length 0..6, the rule that makes its
 * lemma; the commonest rule per (tag, suffix) with support >= 2 (any for
 * the empty suffix). */
static int lemma_rules(const corpus *c, mem_arena *a, kvvec *rules)
{
    kvvec all = {0};
    char buf[256];
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < c->s[i].n; j++) {
            const ud_word *w = &c->s[i].w[j];
            if (!strcmp(w->lemma, "_"))
                continue;
            syn_lemma_rule(w->form, w->lemma, buf, sizeof buf);
            const char *r = mem_arena_strndup(a, buf, strlen(buf));
            char *low = syn_lower(w->form, a);
            if (!r || !low)
                return -1;
            size_t n = strlen(low);
            for (size_t k = 0; k <= 6 && k <= n; k++) {
                if (k < n && ((unsigned char)low[n - k] & 0xc0) == 0x80)
                    continue;
                if (kv_push(&all, syn_rule_key(c->tag[i][j], low, k), r))
                    return -1;
            }
        }
    morphbuild b = {.out = {0}, .a = a, .min = 2};
    vote(&all, keep_vote, &b);
    mem_free(all.v);
    *rules = b.out;
    return 0;
}

static void lemma_exception(void *ud, uint64_t key, const char *val, long n, long total)
{
    (void)n, (void)total;
    morphbuild *b = ud;
    /* val is "form\tlemma\ttag"; keep it when the rules get it wrong */
    const char *t1 = strchr(val, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
        return;
    char *form = mem_arena_strndup(b->a, val, (size_t)(t1 - val));
    char *lemma = mem_arena_strndup(b->a, t1 + 1, (size_t)(t2 - t1 - 1));
    if (!form || !lemma)
        return;
    const char *got = syn_lemma(b->m, form, atoi(t2 + 1), b->a);
    if (!got || strcmp(got, lemma) != 0) {
        kv_push(&b->out, key, lemma);
        b->exceptions++;
    }
}

static int lemma_table(const corpus *c, syn_model *m, mem_arena *a, mem_buf *pool,
                       uint32_t **own, FILE *log)
{
    kvvec rules;
    if (lemma_rules(c, a, &rules))
        return -1;
    uint32_t *tmp;
    if (pool_kv(&rules, pool, &m->lemma, &tmp))
        return -1;
    m->pool = pool->data;
    m->npool = pool->len;
    kvvec all = {0};
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < c->s[i].n; j++) {
            const ud_word *w = &c->s[i].w[j];
            if (!strcmp(w->lemma, "_"))
                continue;
            char *v = mem_arena_alloc(a, strlen(w->form) + strlen(w->lemma) + 16);
            if (!v)
                return -1;
            sprintf(v, "%s\t%s\t%d", w->form, w->lemma, c->tag[i][j]);
            if (kv_push(&all, syn_lemma_key(w->form, c->tag[i][j]), v))
                return -1;
        }
    morphbuild b = {.out = rules, .a = a, .m = m};
    size_t nrules = rules.n;
    vote(&all, lemma_exception, &b);
    mem_free(all.v);
    mem_free(tmp);
    mem_buf_reset(pool);
    if (pool_kv(&b.out, pool, &m->lemma, own))
        return -1;
    mem_free(b.out.v);
    if (log)
        fprintf(log, "lemmas: %zu suffix rules, %d word exceptions\n", nrules, b.exceptions);
    return 0;
}

static void feats_entry(void *ud, uint64_t key, const char *val, long n, long total)
{
    (void)n, (void)total;
    morphbuild *b = ud;
    const char *tab = strchr(val, '\t');
    if (!tab)
        return;
    int t = atoi(tab + 1);
    uint32_t off;
    const char *dflt = syn_kv_get(&b->m->feats, syn_feats_key(NULL, t), &off)
                           ? b->m->pool + off : "_";
    size_t k = (size_t)(tab - val);
    if (strlen(dflt) != k || strncmp(dflt, val, k) != 0)
        kv_push(&b->out, key, mem_arena_strndup(b->a, val, k));
}

static int feats_table(const corpus *c, syn_model *m, mem_arena *a, mem_buf *pool,
                       uint32_t **own)
{
    kvvec bytag = {0}, byword = {0};
    for (int i = 0; i < c->n; i++)
        for (int j = 0; j < c->s[i].n; j++) {
            const ud_word *w = &c->s[i].w[j];
            int t = c->tag[i][j];
            char *low = syn_lower(w->form, a);
            char *v = mem_arena_alloc(a, strlen(w->feats) + 16);
            if (!low || !v)
                return -1;
            sprintf(v, "%s\t%d", w->feats, t);
            if (kv_push(&bytag, syn_feats_key(NULL, t), w->feats) ||
                kv_push(&byword, syn_feats_key(low, t), v))
                return -1;
        }
    morphbuild b = {.out = {0}, .a = a, .min = 1, .m = m};
    vote(&bytag, keep_vote, &b);
    uint32_t *tmp;
    size_t base = pool->len;
    if (pool_kv(&b.out, pool, &m->feats, &tmp))
        return -1;
    /* the defaults' strings were appended after the lemmas: shift them */
    (void)base;
    m->pool = pool->data;
    m->npool = pool->len;
    vote(&byword, feats_entry, &b);
    mem_free(tmp);
    mem_free(bytag.v);
    mem_free(byword.v);
    int rc = pool_kv(&b.out, pool, &m->feats, own);
    mem_free(b.out.v);
    m->pool = pool->data;
    m->npool = pool->len;
    return rc;
}

/* ---- the tagger ---- */

static void shuffle(int *order, int n, uint64_t *rng)
{
    for (int i = n - 1; i > 0; i--) {
        uint64_t x = *rng;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        *rng = x;
        int j = (int)(x % (uint64_t)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

static int max_len(const corpus *c)
{
    int m = 1;
    for (int i = 0; i < c->n; i++)
        m = c->s[i].n > m ? c->s[i].n : m;
    return m;
}

/* One epoch over the sentences in use[] (NULL: all) of c. */
static int tag_epoch(pc_train *pc, syn_model *m, const corpus *c, const int *order, int n,
                     syn_w *w, int **first, long *err)
{
    uint64_t f[SYN_TAG_FEATS];
    float *sc = mem_malloc(sizeof *sc * (size_t)m->tags.n);
    if (!sc)
        return -1;
    for (int k = 0; k < n; k++) {
        const ud_sent *s = &c->s[order[k]];
        const int *gold = c->tag[order[k]];
        syn_prepare(m, s, w);
        syn_ctx2 cx = {first ? first[order[k]] : NULL, m->fin, 0};
        for (int i = 0; i < s->n; i++) {
            int p1 = i > 0 ? w[i - 1].tag : -1, p2 = i > 1 ? w[i - 2].tag : -1;
            int nf = first ? syn_tag2_features(w, s->n, i, p1, p2, &cx, f)
                           : syn_tag_features(w, s->n, i, p1, p2, f);
            pc_train_score(pc, f, nf, sc);
            int best = 0;
            for (int t = 1; t < m->tags.n; t++)
                if (sc[t] > sc[best])
                    best = t;
            if (pc_train_update(pc, f, nf, gold[i], best)) {
                mem_free(sc);
                return -1;
            }
            *err += best != gold[i];
            syn_set_tag(m, &w[i], best);
            cx.fin_left |= m->fin ? m->fin[best] : 0;
        }
    }
    mem_free(sc);
    return 0;
}

/* Tag accuracy of m's tagger on the sentences in idx[] (NULL: all). */
static double tag_accuracy(const syn_model *m, const corpus *c, const int *idx, int n, syn_w *w,
                           int **out, int two)
{
    long ok = 0, all = 0;
    for (int k = 0; k < n; k++) {
        int i = idx ? idx[k] : k;
        syn_prepare(m, &c->s[i], w);
        if (two)
            syn_tag_sentence(m, w, c->s[i].n);
        else
            syn_tag_pass1(m, w, c->s[i].n);
        for (int j = 0; j < c->s[i].n; j++) {
            ok += strcmp(m->upos[w[j].tag], c->s[i].w[j].upos) == 0;
            all++;
            if (out)
                out[i][j] = w[j].tag;
        }
    }
    return all ? 100.0 * (double)ok / (double)all : 0;
}

/* Train a tagger on the sentences train[0..ntrain) of c into m->tagger,
 * keeping the epoch best on dev (or the last one without dev). */
static int train_tagger(syn_model *m, const corpus *c, const int *train, int ntrain,
                        const corpus *dev, const syn_train_opts *o, const char *what,
                        int **first)
{
    pc_table *target = first ? &m->tagger2 : &m->tagger;
    pc_train *pc = pc_train_new(m->tags.n);
    int *order = mem_malloc(sizeof *order * (size_t)(ntrain + 1));
    syn_w *w = mem_malloc(sizeof *w * (size_t)(max_len(c) > max_len(dev) ? max_len(c) : max_len(dev)));
    if (!pc || !order || !w) {
        pc_train_free(pc), mem_free(order), mem_free(w);
        return -1;
    }
    memcpy(order, train, sizeof *order * (size_t)ntrain);
    uint64_t rng = o->seed * 2654435761u + 1;
    pc_table best = {0};
    double bestacc = -1;
    int rc = 0;
    for (int e = 0; e < o->tag_epochs && rc == 0; e++) {
        shuffle(order, ntrain, &rng);
        long err = 0;
        rc = tag_epoch(pc, m, c, order, ntrain, w, first, &err);
        pc_table t;
        if (rc || pc_table_build(pc, o->min_count < 2 ? o->min_count : 2, &t)) {
            rc = -1;
            break;
        }
        *target = t;
        double acc = dev->n ? tag_accuracy(m, dev, NULL, dev->n, w, NULL, first != NULL) : (double)e;
        if (o->log)
            fprintf(o->log, "%s epoch %d: train errors %ld, dev UPOS %.2f\n", what, e + 1, err,
                    acc), fflush(o->log);
        if (acc > bestacc) {
            pc_table_free(&best);
            best = t, bestacc = acc;
        } else {
            pc_table_free(&t);
        }
    }
    *target = best;
    pc_train_free(pc);
    mem_free(order);
    mem_free(w);
    return rc;
}

/* Jackknifed tags: fold k of the training set tagged by a tagger trained
 * on the other folds. */
static int jackknife(syn_model *m, const corpus *c, const syn_train_opts *o, int **pred)
{
    int *in = mem_malloc(sizeof *in * (size_t)c->n), *out = mem_malloc(sizeof *out * (size_t)c->n);
    syn_w *w = mem_malloc(sizeof *w * (size_t)max_len(c));
    corpus none = {0};
    int rc = !in || !out || !w ? -1 : 0;
    pc_table keep = m->tagger;
    for (int k = 0; k < o->folds && rc == 0; k++) {
        int ni = 0, no = 0;
        for (int i = 0; i < c->n; i++) {
            if (i % o->folds == k)
                out[no++] = i;
            else
                in[ni++] = i;
        }
        char what[32];
        snprintf(what, sizeof what, "jackknife %d/%d", k + 1, o->folds);
        syn_train_opts quiet = *o;
        quiet.log = NULL; /* no dev set: nothing to report per epoch */
        rc = train_tagger(m, c, in, ni, &none, &quiet, what, NULL);
        if (rc == 0)
            tag_accuracy(m, c, out, no, w, pred, 0);
        pc_table_free(&m->tagger);
    }
    m->tagger = keep;
    mem_free(in), mem_free(out), mem_free(w);
    return rc;
}

/* ---- the parser ---- */

/* Lift non-projective arcs (the dependent to its head's head, shortest
 * arcs first) until the tree is projective; heads 0-based, root n. */
static int nonprojective_arc(const int *h, int n)
{
    int best = -1, bestlen = 1 << 30;
    for (int d = 0; d < n; d++) {
        int hd = h[d], lo = hd < d ? hd : d, hi = hd < d ? d : hd;
        if (hd == n)
            continue;
        for (int k = lo + 1; k < hi; k++) { /* is k dominated by hd? */
            int x = k, steps = 0;
            while (x != hd && x != n && steps++ <= n)
                x = h[x];
            if (x != hd) {
                if (hi - lo < bestlen)
                    best = d, bestlen = hi - lo;
                break;
            }
        }
    }
    return best;
}

static void projectivize(int *h, int n)
{
    for (int guard = 0; guard < 4 * n; guard++) {
        int d = nonprojective_arc(h, n);
        if (d < 0)
            return;
        h[d] = h[h[d]] == n ? n : h[h[d]];
    }
}

/* Heads 0-based with the root as n, or -1 if the tree is broken (a cycle,
 * no head, several roots). */
static int gold_tree(const ud_sent *s, const syn_strs *labels, int *gh, int *gl)
{
    int roots = 0;
    for (int i = 0; i < s->n; i++) {
        if (s->w[i].head < 0)
            return -1;
        gh[i] = s->w[i].head == 0 ? s->n : s->w[i].head - 1;
        gl[i] = find_str(labels, s->w[i].deprel);
        roots += gh[i] == s->n;
        if (gl[i] < 0)
            return -1;
    }
    for (int i = 0; i < s->n; i++) {
        int x = i, steps = 0;
        while (x != s->n && steps++ <= s->n)
            x = gh[x];
        if (x != s->n)
            return -1;
    }
    return roots == 1 ? 0 : -1;
}

static const char *udep(const char *l, size_t *n)
{
    const char *c = strchr(l, ':');
    *n = c ? (size_t)(c - l) : strlen(l);
    return l;
}

/* UAS and LAS (universal part of the label) of m's parser on dev, with
 * tags from m's tagger. */
static void parse_scores(const syn_model *m, const corpus *dev, double *uas, double *las)
{
    long ok = 0, lok = 0, all = 0;
    mem_arena a = {0};
    for (int i = 0; i < dev->n; i++) {
        ud_sent s = dev->s[i];
        ud_word *w = mem_malloc(sizeof *w * (size_t)(s.n ? s.n : 1));
        if (!w)
            break;
        memcpy(w, s.w, sizeof *w * (size_t)s.n);
        s.w = w;
        if (syn_annotate(m, &s, &a, SYN_TAG | SYN_PARSE) == 0)
            for (int j = 0; j < s.n; j++) {
                size_t n1, n2;
                const char *l1 = udep(w[j].deprel, &n1), *l2 = udep(dev->s[i].w[j].deprel, &n2);
                int h = w[j].head == dev->s[i].w[j].head;
                ok += h;
                lok += h && n1 == n2 && memcmp(l1, l2, n1) == 0;
                all++;
            }
        mem_free(w);
        mem_arena_free(&a);
    }
    *uas = all ? 100.0 * (double)ok / (double)all : 0;
    *las = all ? 100.0 * (double)lok / (double)all : 0;
}

static int parse_epoch(syn_dep_trainer *t, const syn_model *m, const corpus *c, int **tags,
                       const int *order, syn_w *w, int *gh, int *gl, long *skipped)
{
    for (int k = 0; k < c->n; k++) {
        int i = order[k];
        const ud_sent *s = &c->s[i];
        if (gold_tree(s, &m->labels, gh, gl)) {
            ++*skipped;
            continue;
        }
        projectivize(gh, s->n);
        syn_prepare(m, s, w);
        for (int j = 0; j < s->n; j++)
            syn_set_tag(m, &w[j], tags[i][j]);
        if (t->beam > 1 ? syn_dep_train_beam(t, w, s->n, gh, gl)
                        : syn_dep_train_sentence(t, w, s->n, gh, gl))
            return -1;
    }
    return 0;
}

static int train_parser(syn_model *m, const corpus *c, int **tags, const corpus *dev,
                        const syn_train_opts *o)
{
    int L = m->labels.n, ml = max_len(c);
    syn_dep_trainer t = {.pc = pc_train_new(syn_dep_nclass(L)), .nlabels = L,
                         .root_label = m->root_label, .p = 0.9,
                         .rng = o->seed * 0x9E3779B97F4A7C15ULL + 7,
                         .beam = o->beam > 1 ? o->beam : 1, .early = o->early};
    m->beam = t.beam;
    int *order = mem_malloc(sizeof *order * (size_t)c->n);
    syn_w *w = mem_malloc(sizeof *w * (size_t)ml);
    int *gh = mem_malloc(sizeof *gh * (size_t)ml * 2);
    if (!t.pc || !order || !w || !gh) {
        pc_train_free(t.pc), mem_free(order), mem_free(w), mem_free(gh);
        return -1;
    }
    for (int i = 0; i < c->n; i++)
        order[i] = i;
    uint64_t rng = o->seed * 40503u + 3;
    pc_table best = {0};
    double bestlas = -1;
    int rc = 0;
    for (int e = 0; e < o->parse_epochs && rc == 0; e++) {
        shuffle(order, c->n, &rng);
        t.explore = e >= 1;
        t.steps = t.errors = 0;
        long skipped = 0;
        rc = parse_epoch(&t, m, c, tags, order, w, gh, gh + ml, &skipped);
        pc_table tab;
        if (rc || pc_table_build(t.pc, o->min_count, &tab)) {
            rc = -1;
            break;
        }
        m->parser = tab;
        double uas = 0, las = e;
        if (dev->n)
            parse_scores(m, dev, &uas, &las);
        size_t nf, nw;
        pc_table_stats(&tab, &nf, &nw);
        if (o->log)
            fprintf(o->log,
                    t.beam > 1 ? "parser epoch %d: %ld of %ld sentences updated, %ld trees skipped, "
                               "%zu features, %zu weights; dev UAS %.2f LAS %.2f\n" :
                    "parser epoch %d: %ld of %ld transitions wrong, %ld trees skipped, "
                    "%zu features, %zu weights; dev UAS %.2f LAS %.2f\n",
                    e + 1, t.errors, t.steps, skipped, nf, nw, uas, las), fflush(o->log);
        if (las > bestlas) {
            pc_table_free(&best);
            best = tab, bestlas = las;
        } else {
            pc_table_free(&tab);
        }
    }
    m->parser = best;
    pc_train_free(t.pc);
    mem_free(order), mem_free(w), mem_free(gh);
    return rc;
}

/* ---- the driver ---- */

static void diag_print(void *ud, const char *msg)
{
    if (ud)
        fprintf(ud, "%s (skipped)\n", msg);
}

static int load_corpus(const char *path, mem_arena *a, corpus *c, FILE *log, char *err,
                       size_t errlen)
{
    long skipped = 0;
    memset(c, 0, sizeof *c);
    if (!path)
        return 0;
    if (ud_read_file(path, a, &c->s, &c->n, &skipped, err, errlen, diag_print, log))
        return -1;
    if (log)
        fprintf(log, "%s: %d sentences read, %ld skipped\n", path, c->n, skipped);
    if (c->n == 0) {
        snprintf(err, errlen, "%s: no sentences", path);
        return -1;
    }
    return 0;
}

static int assign_tags(corpus *c, const syn_strs *tags, mem_arena *a)
{
    c->tag = mem_arena_alloc(a, sizeof *c->tag * (size_t)c->n);
    if (!c->tag)
        return -1;
    for (int i = 0; i < c->n; i++) {
        c->tag[i] = mem_arena_alloc(a, sizeof **c->tag * (size_t)(c->s[i].n + 1));
        if (!c->tag[i])
            return -1;
        for (int j = 0; j < c->s[i].n; j++) {
            const char *t = joint_tag(&c->s[i].w[j], a);
            int k = t ? find_str(tags, t) : -1;
            c->tag[i][j] = k < 0 ? 0 : k;
        }
    }
    return 0;
}

static void put_strs(mem_buf *b, const syn_strs *s)
{
    for (int i = 0; i < s->n; i++)
        mem_buf_put(b, s->s[i], strlen(s->s[i]) + 1);
}

typedef struct tabhdr_w {
    uint32_t nslots, nrows, nclass;
    float scale;
} tabhdr_w;

static int write_model(const syn_model *m, const syn_train_opts *o, const corpus *tr,
                       char *err, size_t errlen)
{
    mem_buf info, tags, labels;
    mem_buf_init(&info, 0);
    mem_buf_init(&tags, 0);
    mem_buf_init(&labels, 0);
    const char *base = strrchr(o->train, '/');
    mem_buf_printf(&info, "format=entente-syntax %u\ntrain=%s\nsentences=%d\ntags=%d\n"
                   "labels=%d\ntag_epochs=%d\nparse_epochs=%d\nfolds=%d\nseed=%u\n"
                   "min_count=%d\n", SYN_VERSION, base ? base + 1 : o->train, tr->n,
                   m->tags.n, m->labels.n, o->tag_epochs, o->parse_epochs, o->folds, o->seed,
                   o->min_count);
    if (o->lexicon) {
        const char *lb = strrchr(o->lexicon, '/');
        mem_buf_printf(&info, "lexicon=%s\n", lb ? lb + 1 : o->lexicon);
    }
    if (o->clusters) {
        const char *cb = strrchr(o->clusters, '/');
        mem_buf_printf(&info, "clusters=%s\n", cb ? cb + 1 : o->clusters);
    }
    if (m->beam > 1)
        mem_buf_printf(&info, "beam=%d\nupdate=%s\n", m->beam,
                       o->early ? "early" : "max-violation");
    mem_buf_putc(&info, 0);
    uint32_t beam = (uint32_t)m->beam;
    put_strs(&tags, &m->tags);
    put_strs(&labels, &m->labels);
    tabhdr_w th = {m->tagger.nslots, m->tagger.nrows, m->tagger.nclass, m->tagger.scale};
    tabhdr_w dh = {m->parser.nslots, m->parser.nrows, m->parser.nclass, m->parser.scale};
    tabhdr_w t2 = {m->tagger2.nslots, m->tagger2.nrows, m->tagger2.nclass, m->tagger2.scale};
    syn_wsec sec[] = {
        {SEC_INFO, info.data, info.len},
        {SEC_TAGS, tags.data, tags.len},
        {SEC_TAGTAB, &th, sizeof th},
        {SEC_TAGSLOTS, m->tagger.slots, (size_t)m->tagger.nslots * 8},
        {SEC_TAGROWS, m->tagger.rows, (size_t)m->tagger.nrows * 4},
        {SEC_LEX, m->lex.slots, (size_t)m->lex.nslots * 12},
        {SEC_LEMMA, m->lemma.slots, (size_t)m->lemma.nslots * 12},
        {SEC_FEATS, m->feats.slots, (size_t)m->feats.nslots * 12},
        {SEC_POOL, m->pool, m->npool},
        {SEC_LABELS, labels.data, labels.len},
        {SEC_DEPTAB, &dh, sizeof dh},
        {SEC_DEPSLOTS, m->parser.slots, (size_t)m->parser.nslots * 8},
        {SEC_DEPROWS, m->parser.rows, (size_t)m->parser.nrows * 4},
        {SEC_TAG2TAB, &t2, sizeof t2},
        {SEC_TAG2SLOTS, m->tagger2.slots, (size_t)m->tagger2.nslots * 8},
        {SEC_TAG2ROWS, m->tagger2.rows, (size_t)m->tagger2.nrows * 4},
        {0, NULL, 0}, /* the optional ones: SEC_XLEX, SEC_BEAM, SEC_CLUS */
        {0, NULL, 0},
        {0, NULL, 0},
    };
    int nsec = (int)(sizeof sec / sizeof *sec) - 3;
    if (m->has_xlex)
        sec[nsec++] = (syn_wsec){SEC_XLEX, m->xlex.slots, (size_t)m->xlex.nslots * 12};
    if (m->beam > 1)
        sec[nsec++] = (syn_wsec){SEC_BEAM, &beam, sizeof beam};
    if (m->has_clus)
        sec[nsec++] = (syn_wsec){SEC_CLUS, m->clus.slots, (size_t)m->clus.nslots * 12};
    int rc = info.oom || tags.oom || labels.oom
                 ? (snprintf(err, errlen, "out of memory"), -1)
                 : syn_file_write(o->out, sec, nsec, err, errlen);
    mem_buf_free(&info);
    mem_buf_free(&tags);
    mem_buf_free(&labels);
    return rc;
}

static int train_all(syn_model *m, corpus *tr, corpus *dev, mem_arena *a, mem_buf *pool,
                     const syn_train_opts *o)
{
    if (inventory(tr, joint_tag, a, NULL, &m->tags) ||
        inventory(tr, deprel_of, a, "root", &m->labels) || syn_split_tags(m) ||
        assign_tags(tr, &m->tags, a) || (dev->n && assign_tags(dev, &m->tags, a)))
        return -1;
    m->root_label = find_str(&m->labels, "root");
    if (o->log)
        fprintf(o->log, "%d tags (UPOS+XPOS), %d relations\n", m->tags.n, m->labels.n);
    if (build_lexicon(tr, &m->lex, (uint32_t **)&m->own[1]))
        return -1;
    int *all = mem_malloc(sizeof *all * (size_t)tr->n);
    if (!all)
        return -1;
    for (int i = 0; i < tr->n; i++)
        all[i] = i;
    int rc = train_tagger(m, tr, all, tr->n, dev, o, "tagger", NULL);
    if (rc || lemma_table(tr, m, a, pool, (uint32_t **)&m->own[2], o->log) ||
        feats_table(tr, m, a, pool, (uint32_t **)&m->own[3]) || syn_finite_tags(m)) {
        mem_free(all);
        return -1;
    }
    /* first-pass tags of the training set: jackknifed (each fold by a
     * tagger that did not see it), else the tagger's own */
    int **tags = mem_arena_alloc(a, sizeof *tags * (size_t)tr->n);
    for (int i = 0; tags && i < tr->n; i++)
        tags[i] = mem_arena_alloc(a, sizeof **tags * (size_t)(tr->s[i].n + 1));
    syn_w *w = mem_malloc(sizeof *w * (size_t)max_len(tr));
    if (!tags || !w || (o->folds > 1 ? jackknife(m, tr, o, tags)
                                     : (tag_accuracy(m, tr, NULL, tr->n, w, tags, 0), 0))) {
        mem_free(all), mem_free(w);
        return -1;
    }
    mem_free(w);
    rc = train_tagger(m, tr, all, tr->n, dev, o, "tagger, second pass", tags);
    mem_free(all);
    return rc ? -1 : train_parser(m, tr, o->folds > 1 ? tags : tr->tag, dev, o);
}

int syn_train(const syn_train_opts *o, char *err, size_t errlen)
{
    mem_arena a = {0};
    corpus tr, dev;
    mem_buf pool;
    mem_buf_init(&pool, 0);
    syn_model *m = mem_calloc(1, sizeof *m);
    int rc = -1;
    if (!m)
        return snprintf(err, errlen, "out of memory"), -1;
    if (load_corpus(o->train, &a, &tr, o->log, err, errlen) ||
        load_corpus(o->dev, &a, &dev, o->log, err, errlen))
        goto done;
    if (o->lexicon) {
        if (load_xlex(o->lexicon, &m->xlex, (uint32_t **)&m->own[4], o->log, err, errlen))
            goto done;
        m->has_xlex = 1;
    }
    if (o->clusters) {
        if (syn_load_clusters(o->clusters, &m->clus, (uint32_t **)&m->own[5], o->log, err,
                              errlen))
            goto done;
        m->has_clus = 1;
    }
    if (train_all(m, &tr, &dev, &a, &pool, o)) {
        snprintf(err, errlen, "training failed (out of memory or too many tags)");
        goto done;
    }
    m->pool = pool.data;
    m->npool = pool.len;
    rc = write_model(m, o, &tr, err, errlen);
done:
    syn_model_free(m);
    mem_free(tr.s);
    mem_free(dev.s);
    mem_buf_free(&pool);
    mem_arena_free(&a);
    return rc;
}
