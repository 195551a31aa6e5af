/*
 * udeval.c - the CoNLL 2018 shared task's evaluation (see udeval.h), after
 * the definitions of its conll18_ud_eval.py. Each side (gold, system) is
 * flattened into the characters of its tokens without white space, token
 * and sentence spans over those characters, and words that carry the span
 * of their token (of the whole multiword token for its words). Words are
 * aligned by span outside multiword spans and by the longest common
 * subsequence of lower-cased forms inside them; every word score is then
 * an F1 over the aligned pairs.
 */
#include "syntax/udeval.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct ev_span {
    long start, end;
} ev_span;

typedef struct ev_word {
    const ud_word *w;
    ev_span span;       /* its token's span */
    int mwt;            /* part of a multiword token */
    long parent;        /* index in the side's words; EV_ROOT, EV_NOHEAD */
    long child, next;   /* first functional child, next sibling; -1 */
} ev_word;

enum { EV_ROOT = -1, EV_NOHEAD = -2, EV_SYS_NOHEAD = -3, EV_UNALIGNED = -4 };

typedef struct ev_side {
    char *chars;
    long nchars;
    ev_span *tok, *sent;
    long ntok, nsent;
    ev_word *w;
    long nw;
} ev_side;

/* Append s to the side's characters without Unicode Zs; returns its span. */
static ev_span add_chars(ev_side *d, const char *s)
{
    ev_span sp = {d->nchars, d->nchars};
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {
            d->chars[d->nchars++] = (char)*p++;
            continue;
        }
        if (utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS)
            for (utf8proc_ssize_t i = 0; i < k; i++)
                d->chars[d->nchars++] = (char)p[i];
        p += k;
    }
    sp.end = d->nchars;
    return sp;
}

static void add_word(ev_side *d, const ud_word *w, ev_span sp, int mwt)
{
    ev_word *e = &d->w[d->nw++];
    e->w = w;
    e->span = sp;
    e->mwt = mwt;
    e->child = e->next = -1;
}

static int is_functional(const char *deprel);

/* Heads as word indices, and functional children in word order. */
static void link_sentence(ev_side *d, long base, int n)
{
    for (long i = base + n - 1; i >= base; i--) {
        ev_word *e = &d->w[i];
        int h = e->w->head;
        e->parent = h == 0 ? EV_ROOT : h > 0 && h <= n ? base + h - 1 : EV_NOHEAD;
        if (e->parent >= 0 && is_functional(e->w->deprel)) {
            e->next = d->w[e->parent].child;
            d->w[e->parent].child = i;
        }
    }
}

/* One sentence's tokens and words; a multiword token gives its span to
 * the words it covers (ranges that overlap one already taken are ignored). */
static void add_sentence(ev_side *d, const ud_sent *s)
{
    long base = d->nw;
    ev_span ss = {d->nchars, 0};
    int m = 0;
    for (int i = 0; i < s->n;) {
        while (m < s->nmwt && s->mwt[m].first < i + 1)
            m++;
        if (m < s->nmwt && s->mwt[m].first == i + 1 && s->mwt[m].last >= i + 1) {
            int last = s->mwt[m].last < s->n ? s->mwt[m].last : s->n;
            ev_span sp = add_chars(d, s->mwt[m].form ? s->mwt[m].form : "");
            d->tok[d->ntok++] = sp;
            for (; i < last; i++)
                add_word(d, &s->w[i], sp, 1);
            continue;
        }
        d->tok[d->ntok++] = add_chars(d, s->w[i].form ? s->w[i].form : "");
        add_word(d, &s->w[i], d->tok[d->ntok - 1], 0);
        i++;
    }
    ss.end = d->nchars;
    d->sent[d->nsent++] = ss;
    link_sentence(d, base, s->n);
}

static int side_build(ev_side *d, const ud_sent *s, int n)
{
    size_t nc = 1, nw = 1;
    memset(d, 0, sizeof *d);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < s[i].n; j++)
            nc += s[i].w[j].form ? strlen(s[i].w[j].form) : 0;
        for (int j = 0; j < s[i].nmwt; j++)
            nc += s[i].mwt[j].form ? strlen(s[i].mwt[j].form) : 0;
        nw += (size_t)s[i].n;
    }
    d->chars = mem_malloc(nc);
    d->tok = mem_malloc(sizeof *d->tok * nw);
    d->w = mem_malloc(sizeof *d->w * nw);
    d->sent = mem_malloc(sizeof *d->sent * (size_t)(n + 1));
    if (!d->chars || !d->tok || !d->w || !d->sent)
        return -1;
    for (int i = 0; i < n; i++)
        add_sentence(d, &s[i]);
    return 0;
}

static void side_free(ev_side *d)
{
    mem_free(d->chars);
    mem_free(d->tok);
    mem_free(d->w);
    mem_free(d->sent);
}

/* Spans equal in start and end, walking both sorted lists. */
static long spans_correct(const ev_span *g, long ng, const ev_span *s, long ns)
{
    long c = 0, gi = 0, si = 0;
    while (gi < ng && si < ns) {
        if (s[si].start < g[gi].start)
            si++;
        else if (g[gi].start < s[si].start)
            gi++;
        else
            c += g[gi++].end == s[si++].end;
    }
    return c;
}

/* ---- word alignment ---- */

typedef struct ev_align {
    long *g_of_s;       /* gold word aligned to each system word, or -1 */
    long *pair_g, *pair_s;
    long npair;
} ev_align;

static void align_pair(ev_align *al, long g, long s)
{
    al->g_of_s[s] = g;
    al->pair_g[al->npair] = g;
    al->pair_s[al->npair++] = s;
}

/* Forms equal after lower-casing each code point. */
static int form_eq(const char *a, const char *b)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a;
    const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)b;
    while (*p && *q) {
        utf8proc_int32_t c1, c2;
        utf8proc_ssize_t k1 = utf8proc_iterate(p, -1, &c1);
        utf8proc_ssize_t k2 = utf8proc_iterate(q, -1, &c2);
        if (k1 <= 0)
            c1 = -(int)*p, k1 = 1;
        if (k2 <= 0)
            c2 = -(int)*q, k2 = 1;
        if ((c1 < 0 ? c1 : utf8proc_tolower(c1)) != (c2 < 0 ? c2 : utf8proc_tolower(c2)))
            return 0;
        p += k1;
        q += k2;
    }
    return !*p && !*q;
}

static int beyond_end(const ev_side *d, long i, long end)
{
    if (i >= d->nw)
        return 1;
    if (d->w[i].mwt)
        return d->w[i].span.start >= end;
    return d->w[i].span.end > end;
}

static long extend_end(const ev_word *w, long end)
{
    return w->mwt && w->span.end > end ? w->span.end : end;
}

/* The smallest span from gold word *gi and system word *si holding whole
 * multiword tokens of both sides: [*gs, *gi) and [*ss, *si) on return. */
static void multiword_span(const ev_side *g, const ev_side *s, long *gi,
                           long *si, long *gs, long *ss)
{
    long end;
    if (g->w[*gi].mwt) {
        end = g->w[*gi].span.end;
        if (!s->w[*si].mwt && s->w[*si].span.start < g->w[*gi].span.start)
            ++*si;
    } else {
        end = s->w[*si].span.end;
        if (!g->w[*gi].mwt && g->w[*gi].span.start < s->w[*si].span.start)
            ++*gi;
    }
    *gs = *gi;
    *ss = *si;
    while (!beyond_end(g, *gi, end) || !beyond_end(s, *si, end)) {
        if (*gi < g->nw &&
            (*si >= s->nw || g->w[*gi].span.start <= s->w[*si].span.start))
            end = extend_end(&g->w[(*gi)++], end);
        else
            end = extend_end(&s->w[(*si)++], end);
    }
}

/* Align gold [gs, ge) and system [ss, se) by the longest common
 * subsequence of their forms, breaking ties as the official script. */
static int align_lcs(const ev_side *g, const ev_side *s, long gs, long ge,
                     long ss, long se, ev_align *al)
{
    size_t G = (size_t)(ge - gs), S = (size_t)(se - ss), W = S + 1;
    if (G && S > ((size_t)1 << 28) / G)
        return -1;
    int *t = mem_calloc((G + 1) * W, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = G; i-- > 0;)
        for (size_t j = S; j-- > 0;) {
            int v = form_eq(g->w[gs + (long)i].w->form, s->w[ss + (long)j].w->form)
                        ? 1 + t[(i + 1) * W + j + 1] : 0;
            if (t[(i + 1) * W + j] > v)
                v = t[(i + 1) * W + j];
            if (t[i * W + j + 1] > v)
                v = t[i * W + j + 1];
            t[i * W + j] = v;
        }
    size_t i = 0, j = 0;
    while (i < G && j < S) {
        if (form_eq(g->w[gs + (long)i].w->form, s->w[ss + (long)j].w->form)) {
            align_pair(al, gs + (long)i, ss + (long)j);
            i++, j++;
        } else if (t[i * W + j] == t[(i + 1) * W + j]) {
            i++;
        } else {
            j++;
        }
    }
    mem_free(t);
    return 0;
}

static int align_words(const ev_side *g, const ev_side *s, ev_align *al)
{
    long gi = 0, si = 0;
    while (gi < g->nw && si < s->nw) {
        if (g->w[gi].mwt || s->w[si].mwt) {
            long gs, ss;
            multiword_span(g, s, &gi, &si, &gs, &ss);
            if (gi == gs && si == ss)
                return -1; /* no progress: cannot happen without empty tokens */
            if (si > ss && gi > gs && align_lcs(g, s, gs, gi, ss, si, al))
                return -1;
        } else if (g->w[gi].span.start == s->w[si].span.start &&
                   g->w[gi].span.end == s->w[si].span.end) {
            align_pair(al, gi++, si++);
        } else if (g->w[gi].span.start <= s->w[si].span.start) {
            gi++;
        } else {
            si++;
        }
    }
    return 0;
}

/* ---- the fields compared ---- */

static const char *const content_rels[] = {
    "nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "vocative",
    "expl", "dislocated", "advcl", "advmod", "discourse", "nmod", "appos",
    "nummod", "acl", "amod", "conj", "fixed", "flat", "compound", "list",
    "parataxis", "orphan", "goeswith", "reparandum", "root", "dep", NULL};
static const char *const functional_rels[] = {
    "aux", "cop", "mark", "det", "clf", "case", "cc", NULL};
static const char *const universal_feats[] = {
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender",
    "Animacy", "Number", "Case", "Definite", "Degree", "VerbForm", "Mood",
    "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person", "Polite", NULL};

/* Length of the universal part of a relation (before ':'). */
static size_t rel_len(const char *r)
{
    return strcspn(r ? r : "", ":");
}

static int in_list(const char *const *list, const char *s, size_t n)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

static int is_functional(const char *deprel)
{
    return deprel && in_list(functional_rels, deprel, rel_len(deprel));
}

static int is_content(const ev_word *e)
{
    return e->w->deprel && in_list(content_rels, e->w->deprel, rel_len(e->w->deprel));
}

static int rel_eq(const char *a, const char *b)
{
    size_t n = rel_len(a);
    return n == rel_len(b) && memcmp(a ? a : "", b ? b : "", n) == 0;
}

static int str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "_", b ? b : "_") == 0;
}

typedef struct feat_item {
    const char *p;
    size_t n;
} feat_item;

static int feat_cmp(const void *x, const void *y)
{
    const feat_item *a = x, *b = y;
    int c = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* The universal features of f, sorted; at most 64 of them. */
static int feats_universal(const char *f, feat_item *v)
{
    int n = 0;
    for (const char *p = f ? f : ""; *p && n < 64;) {
        size_t len = strcspn(p, "|");
        size_t name = strcspn(p, "=|");
        if (in_list(universal_feats, p, name))
            v[n].p = p, v[n++].n = len;
        p += len + (p[len] == '|');
    }
    qsort(v, (size_t)n, sizeof *v, feat_cmp);
    return n;
}

static int feats_eq(const char *a, const char *b)
{
    feat_item va[64], vb[64];
    int na = feats_universal(a, va), nb = feats_universal(b, vb);
    if (na != nb)
        return 0;
    for (int i = 0; i < na; i++)
        if (feat_cmp(&va[i], &vb[i]))
            return 0;
    return 1;
}

/* ---- scores ---- */

enum { M_UPOS, M_XPOS, M_UFEATS, M_ALLTAGS, M_LEMMAS, M_UAS, M_LAS,
       M_LAS_FULL, M_CLAS, M_MLAS, M_BLEX, M_COUNT };

typedef struct ev_ctx {
    const ev_side *g, *s;
    const ev_align *al;
} ev_ctx;

/* The gold word a system head stands for (EV_ROOT for the root). */
static long sys_head(const ev_ctx *c, long parent)
{
    if (parent == EV_ROOT)
        return EV_ROOT;
    if (parent < 0)
        return EV_SYS_NOHEAD;
    long g = c->al->g_of_s[parent];
    return g >= 0 ? g : EV_UNALIGNED;
}

static int lemma_ok(const ud_word *g, const ud_word *s)
{
    return str_eq(g->lemma, "_") || str_eq(g->lemma, s->lemma);
}

static int las_ok(const ev_ctx *c, const ev_word *g, const ev_word *s)
{
    return g->parent == sys_head(c, s->parent) && rel_eq(g->w->deprel, s->w->deprel);
}

/* MLAS: the functional children of both words, in order, agree in head,
 * relation, UPOS and features. */
static int children_ok(const ev_ctx *c, const ev_word *g, const ev_word *s)
{
    long x = g->child, y = s->child;
    for (; x >= 0 && y >= 0; x = c->g->w[x].next, y = c->s->w[y].next) {
        const ud_word *a = c->g->w[x].w, *b = c->s->w[y].w;
        long gy = c->al->g_of_s[y];
        if (x != (gy >= 0 ? gy : EV_UNALIGNED) || !rel_eq(a->deprel, b->deprel) ||
            !str_eq(a->upos, b->upos) || !feats_eq(a->feats, b->feats))
            return 0;
    }
    return x < 0 && y < 0;
}

static int word_ok(const ev_ctx *c, int m, const ev_word *g, const ev_word *s)
{
    const ud_word *a = g->w, *b = s->w;
    switch (m) {
    case M_UPOS: return str_eq(a->upos, b->upos);
    case M_XPOS: return str_eq(a->xpos, b->xpos);
    case M_UFEATS: return feats_eq(a->feats, b->feats);
    case M_ALLTAGS:
        return str_eq(a->upos, b->upos) && str_eq(a->xpos, b->xpos) &&
               feats_eq(a->feats, b->feats);
    case M_LEMMAS: return lemma_ok(a, b);
    case M_UAS: return g->parent == sys_head(c, s->parent);
    case M_LAS: case M_CLAS: return las_ok(c, g, s);
    case M_LAS_FULL:
        return g->parent == sys_head(c, s->parent) && str_eq(a->deprel, b->deprel);
    case M_MLAS:
        return las_ok(c, g, s) && str_eq(a->upos, b->upos) &&
               feats_eq(a->feats, b->feats) && children_ok(c, g, s);
    case M_BLEX: return las_ok(c, g, s) && lemma_ok(a, b);
    }
    return 0;
}

static double f1(long correct, long gold, long sys)
{
    return gold + sys ? 200.0 * (double)correct / (double)(gold + sys) : 0.0;
}

static long count_content(const ev_side *d)
{
    long n = 0;
    for (long i = 0; i < d->nw; i++)
        n += is_content(&d->w[i]);
    return n;
}

static void score_words(const ev_ctx *c, ud_scores *o)
{
    double *dst[M_COUNT] = {&o->upos, &o->xpos, &o->ufeats, &o->alltags,
                            &o->lemmas, &o->uas, &o->las, &o->las_full,
                            &o->clas, &o->mlas, &o->blex};
    long gc = count_content(c->g), sc = count_content(c->s);
    for (int m = 0; m < M_COUNT; m++) {
        int content = m == M_CLAS || m == M_MLAS || m == M_BLEX;
        long ok = 0;
        for (long k = 0; k < c->al->npair; k++) {
            const ev_word *g = &c->g->w[c->al->pair_g[k]];
            if ((!content || is_content(g)) &&
                word_ok(c, m, g, &c->s->w[c->al->pair_s[k]]))
                ok++;
        }
        *dst[m] = content ? f1(ok, gc, sc) : f1(ok, c->g->nw, c->s->nw);
    }
}

/* The error for texts that differ: where, and 20 bytes of each. */
static void text_differs(const ev_side *g, const ev_side *s, char *err, size_t errlen)
{
    long i = 0;
    while (i < g->nchars && i < s->nchars && g->chars[i] == s->chars[i])
        i++;
    int gn = (int)(g->nchars - i < 20 ? g->nchars - i : 20);
    int sn = (int)(s->nchars - i < 20 ? s->nchars - i : 20);
    if (err && errlen)
        snprintf(err, errlen,
                 "the texts differ at character %ld: gold \"%.*s\", system \"%.*s\"",
                 i, gn, g->chars + i, sn, s->chars + i);
}

/* A token of no characters (its form all white space) cannot be aligned:
 * an error, as in the official script. */
static int empty_token(const ev_side *d, const char *side, char *err, size_t errlen)
{
    for (long i = 0; i < d->ntok; i++)
        if (d->tok[i].start == d->tok[i].end) {
            if (err && errlen)
                snprintf(err, errlen, "%s token %ld has an empty form", side, i + 1);
            return -1;
        }
    return 0;
}

static int evaluate_sides(const ev_side *g, const ev_side *s, ud_scores *out,
                          char *err, size_t errlen)
{
    if (empty_token(g, "gold", err, errlen) || empty_token(s, "system", err, errlen))
        return -1;
    if (g->nchars != s->nchars || memcmp(g->chars, s->chars, (size_t)g->nchars)) {
        text_differs(g, s, err, errlen);
        return -1;
    }
    ev_align al = {0};
    size_t n = (size_t)(s->nw + 1);
    al.g_of_s = mem_malloc(sizeof(long) * n);
    al.pair_g = mem_malloc(sizeof(long) * n);
    al.pair_s = mem_malloc(sizeof(long) * n);
    int rc = -1;
    if (al.g_of_s && al.pair_g && al.pair_s) {
        for (long i = 0; i < s->nw; i++)
            al.g_of_s[i] = -1;
        rc = align_words(g, s, &al);
    }
    if (rc == 0) {
        ev_ctx c = {g, s, &al};
        out->tokens = f1(spans_correct(g->tok, g->ntok, s->tok, s->ntok), g->ntok, s->ntok);
        out->sentences = f1(spans_correct(g->sent, g->nsent, s->sent, s->nsent),
                            g->nsent, s->nsent);
        out->words = f1(al.npair, g->nw, s->nw);
        out->aligned_words = al.npair;
        score_words(&c, out);
    } else if (err && errlen) {
        snprintf(err, errlen, "out of memory");
    }
    mem_free(al.g_of_s);
    mem_free(al.pair_g);
    mem_free(al.pair_s);
    return rc;
}

int ud_evaluate(const ud_sent *gold, int ngold, const ud_sent *sys, int nsys,
                ud_scores *out, char *err, size_t errlen)
{
    ev_side g = {0}, s = {0};
    memset(out, 0, sizeof *out);
    int rc = side_build(&g, gold, ngold) || side_build(&s, sys, nsys) ? -1 : 0;
    if (rc) {
        if (err && errlen)
            snprintf(err, errlen, "out of memory");
    } else {
        out->gold_tokens = g.ntok, out->sys_tokens = s.ntok;
        out->gold_words = g.nw, out->sys_words = s.nw;
        out->gold_sents = g.nsent, out->sys_sents = s.nsent;
        rc = evaluate_sides(&g, &s, out, err, errlen);
    }
    side_free(&g);
    side_free(&s);
    return rc;
}

void ud_scores_print(FILE *f, const ud_scores *s)
{
    const struct { const char *name; double v; } row[] = {
        {"Tokens", s->tokens}, {"Sentences", s->sentences}, {"Words", s->words},
        {"UPOS", s->upos}, {"XPOS", s->xpos}, {"UFeats", s->ufeats},
        {"AllTags", s->alltags}, {"Lemmas", s->lemmas}, {"UAS", s->uas},
        {"LAS", s->las}, {"LAS+subtypes", s->las_full}, {"CLAS", s->clas},
        {"MLAS", s->mlas}, {"BLEX", s->blex}};
    fprintf(f, "%-13s %7s\n", "Metric", "F1");
    for (size_t i = 0; i < sizeof row / sizeof row[0]; i++)
        fprintf(f, "%-13s %7.2f\n", row[i].name, row[i].v);
    fprintf(f, "gold: %ld sentences, %ld tokens, %ld words; system: %ld, %ld, %ld; "
               "%ld words aligned\n", s->gold_sents, s->gold_tokens, s->gold_words,
            s->sys_sents, s->sys_tokens, s->sys_words, s->aligned_words);
}
