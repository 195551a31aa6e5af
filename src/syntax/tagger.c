/*
 * tagger.c - the part-of-speech tagger: greedy left to right, an averaged
 * perceptron over joint UPOS+XPOS tags, with the features of Collins (2002)
 * and Ratnaparkhi (1996): the word, its affixes and shape, the two tags
 * before it, the words around it and their ambiguity classes (the tags a
 * word had in the treebank, from the model's lexicon).
 */
#include "syntax/synint.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Lower-case s (ASCII fast path, utf8proc case folding otherwise). */
char *syn_lower(const char *s, mem_arena *a)
{
    size_t n = strlen(s);
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        ascii &= (unsigned char)s[i] < 0x80;
    if (!ascii) {
        utf8proc_uint8_t *o = NULL;
        utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &o,
                                          UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
        if (k >= 0) {
            char *r = mem_arena_strndup(a, (const char *)o, (size_t)k);
            free(o);
            return r;
        }
    }
    char *r = mem_arena_strndup(a, s, n);
    if (r)
        for (size_t i = 0; i < n; i++)
            if (r[i] >= 'A' && r[i] <= 'Z')
                r[i] = (char)(r[i] + 32);
    return r;
}

uint64_t syn_lower_hash(const char *s)
{
    char buf[256];
    size_t n = strlen(s), i;
    for (i = 0; i < n && i < sizeof buf; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            break;
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (i == n)
        return syn_hash_bytes(buf, n);
    mem_arena a = {0};
    char *l = syn_lower(s, &a);
    uint64_t h = l ? syn_hash_bytes(l, strlen(l)) : syn_hash_bytes(s, n);
    mem_arena_free(&a);
    return h;
}

/* Word shape: X upper, x lower, d digit, other bytes as they are; runs of
 * one class are cut at two ("Xxxxx" -> "Xxx" would lose nothing). */
static uint64_t shape(const char *s, unsigned *flags)
{
    char buf[64];
    size_t k = 0;
    int run = 0;
    char last = 0;
    unsigned f = 0, lower = 0, upper = 0;
    for (size_t i = 0; s[i] && k < sizeof buf; i++) {
        unsigned char c = (unsigned char)s[i];
        char t = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x'
               : c >= '0' && c <= '9' ? 'd' : c >= 0x80 ? 'u' : (char)c;
        if (c >= 0x80 && (c & 0xc0) == 0x80)
            continue;
        f |= t == 'd' ? SW_DIGIT : t == '-' ? SW_HYPHEN : 0;
        upper += t == 'X';
        lower += t == 'x';
        run = t == last ? run + 1 : 0;
        last = t;
        if (run < 2)
            buf[k++] = t;
    }
    if (buf[0] == 'X')
        f |= SW_UPPER;
    if (upper && !lower)
        f |= SW_ALLCAPS;
    *flags = f;
    return syn_hash_bytes(buf, k);
}

/* Hash of the last (or first) k characters of s (UTF-8 aware). */
static uint64_t affix(const char *s, size_t n, int k, int suffix)
{
    size_t i;
    int c = 0;
    if (suffix) {
        for (i = n; i > 0 && c < k;) {
            i--;
            if (((unsigned char)s[i] & 0xc0) != 0x80)
                c++;
        }
        return syn_hash2((uint64_t)k, syn_hash_bytes(s + i, n - i));
    }
    for (i = 0; i < n && c <= k; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80 && ++c > k)
            break;
    return syn_hash2((uint64_t)k + 100, syn_hash_bytes(s, i));
}

/* The cluster atoms of a word (x->lower set): prefixes of 4, 6 and 10 bits
 * and the whole path, each marked with its length so that no two collide;
 * SYN_NONE for a word without a cluster, 0 when the model has none. */
static void set_clusters(const syn_model *m, syn_w *x)
{
    uint32_t v;
    x->c4 = x->c6 = x->c10 = x->cf = 0;
    if (!m || !m->has_clus)
        return;
    if (!syn_kv_get(&m->clus, x->lower, &v)) {
        x->c4 = x->c6 = x->c10 = x->cf = SYN_NONE;
        return;
    }
    x->c4 = 1ULL << 63 | 4ULL << 40 | syn_clus_prefix(v, 4);
    x->c6 = 1ULL << 63 | 6ULL << 40 | syn_clus_prefix(v, 6);
    x->c10 = 1ULL << 63 | 10ULL << 40 | syn_clus_prefix(v, 10);
    x->cf = 1ULL << 63 | 99ULL << 40 | v;
}

void syn_prepare(const syn_model *m, const ud_sent *s, syn_w *w)
{
    mem_arena a = {0};
    for (int i = 0; i < s->n; i++) {
        const char *form = s->w[i].form;
        char *l = syn_lower(form, &a);
        if (!l)
            l = (char *)form;
        size_t n = strlen(l);
        syn_w *x = &w[i];
        x->form = syn_hash_bytes(form, strlen(form));
        x->lower = syn_hash_bytes(l, n);
        x->shape = shape(form, &x->flags);
        x->pre1 = affix(l, n, 1, 0);
        x->pre2 = affix(l, n, 2, 0);
        x->suf1 = affix(l, n, 1, 1);
        x->suf2 = affix(l, n, 2, 1);
        x->suf3 = affix(l, n, 3, 1);
        x->suf4 = affix(l, n, 4, 1);
        uint32_t amb;
        x->amb = m && syn_kv_get(&m->lex, x->lower, &amb) ? amb : SYN_NONE;
        x->xlex = 0;
        if (m && m->has_xlex)
            x->xlex = syn_kv_get(&m->xlex, x->lower, &amb) ? amb : SYN_NONE;
        set_clusters(m, x);
        x->tag = -1;
    }
    mem_arena_free(&a);
}

enum { TB = 1 << 20 }; /* template ids, apart from atom values */

/* The cluster features of word i (Koo, Carreras and Collins 2008: prefixes
 * of the path of the word and of its neighbours, and with the tag before). */
static int cluster_features(const syn_w *w, int n, int i, uint64_t t1, uint64_t *f)
{
    const syn_w *x = &w[i];
    uint64_t pf = i > 0 ? w[i - 1].cf : SYN_NONE, nf = i + 1 < n ? w[i + 1].cf : SYN_NONE;
    uint64_t p6 = i > 0 ? w[i - 1].c6 : SYN_NONE, n6 = i + 1 < n ? w[i + 1].c6 : SYN_NONE;
    uint64_t p4 = i > 0 ? w[i - 1].c4 : SYN_NONE, n4 = i + 1 < n ? w[i + 1].c4 : SYN_NONE;
    int k = 0;
    f[k++] = syn_hash2(TB + 70, x->c4);
    f[k++] = syn_hash2(TB + 71, x->c6);
    f[k++] = syn_hash2(TB + 72, x->c10);
    f[k++] = syn_hash2(TB + 73, x->cf);
    f[k++] = syn_hash2(TB + 74, pf);
    f[k++] = syn_hash2(TB + 75, nf);
    f[k++] = syn_hash2(TB + 76, p6);
    f[k++] = syn_hash2(TB + 77, n6);
    f[k++] = syn_hash3(TB + 78, t1, x->c6);
    f[k++] = syn_hash3(TB + 79, x->c4, n4);
    f[k++] = syn_hash3(TB + 80, p4, x->c4);
    f[k++] = syn_hash3(TB + 81, x->cf, x->suf3);
    return k;
}

int syn_tag_features(const syn_w *w, int n, int i, int p1, int p2, uint64_t *f)
{
    const syn_w *x = &w[i];
    uint64_t pw = i > 0 ? w[i - 1].lower : SYN_NONE, pw2 = i > 1 ? w[i - 2].lower : SYN_NONE;
    uint64_t nw = i + 1 < n ? w[i + 1].lower : SYN_NONE;
    uint64_t nw2 = i + 2 < n ? w[i + 2].lower : SYN_NONE;
    uint64_t na = i + 1 < n ? w[i + 1].amb : SYN_NONE, na2 = i + 2 < n ? w[i + 2].amb : SYN_NONE;
    uint64_t ps3 = i > 0 ? w[i - 1].suf3 : SYN_NONE, ns3 = i + 1 < n ? w[i + 1].suf3 : SYN_NONE;
    uint64_t nsh = i + 1 < n ? w[i + 1].shape : SYN_NONE;
    uint64_t t1 = (uint64_t)(p1 + 2), t2 = (uint64_t)(p2 + 2);
    int k = 0;
    f[k++] = syn_hash2(TB + 1, 0);
    f[k++] = syn_hash2(TB + 2, x->lower);
    f[k++] = syn_hash2(TB + 3, x->form);
    f[k++] = syn_hash2(TB + 4, x->suf1);
    f[k++] = syn_hash2(TB + 5, x->suf2);
    f[k++] = syn_hash2(TB + 6, x->suf3);
    f[k++] = syn_hash2(TB + 7, x->suf4);
    f[k++] = syn_hash2(TB + 8, x->pre1);
    f[k++] = syn_hash2(TB + 9, x->pre2);
    f[k++] = syn_hash2(TB + 10, x->shape);
    f[k++] = syn_hash2(TB + 11, t1);
    f[k++] = syn_hash3(TB + 12, t1, t2);
    f[k++] = syn_hash3(TB + 13, t1, x->lower);
    f[k++] = syn_hash2(TB + 14, pw);
    f[k++] = syn_hash2(TB + 15, pw2);
    f[k++] = syn_hash2(TB + 16, nw);
    f[k++] = syn_hash2(TB + 17, nw2);
    f[k++] = syn_hash2(TB + 18, ps3);
    f[k++] = syn_hash2(TB + 19, ns3);
    f[k++] = syn_hash2(TB + 20, x->amb);
    f[k++] = syn_hash2(TB + 21, na);
    f[k++] = syn_hash2(TB + 22, na2);
    f[k++] = syn_hash3(TB + 23, x->amb, na);
    f[k++] = syn_hash3(TB + 24, x->lower, nw);
    f[k++] = syn_hash3(TB + 25, pw, x->lower);
    f[k++] = syn_hash3(TB + 26, x->flags, i == 0);
    f[k++] = syn_hash3(TB + 27, t1, x->suf3);
    f[k++] = syn_hash2(TB + 28, nsh);
    f[k++] = syn_hash2(TB + 29, t2);
    f[k++] = syn_hash3(TB + 30, x->lower, na);
    f[k++] = syn_hash3(TB + 31, t1, na);
    f[k++] = syn_hash3(TB + 32, t1, x->amb);
    f[k++] = syn_hash4(TB + 33, x->shape, x->suf3, i == 0);
    f[k++] = syn_hash3(TB + 34, pw, nw);
    f[k++] = syn_hash3(TB + 35, t1, nw);
    f[k++] = syn_hash3(TB + 36, x->suf2, na);
    f[k++] = syn_hash4(TB + 37, t1, x->amb, na);
    f[k++] = syn_hash3(TB + 38, pw, x->suf3);
    if (x->xlex) { /* the external lexicon's classes (a model trained with one) */
        uint64_t px = i > 0 ? w[i - 1].xlex : SYN_NONE, nx = i + 1 < n ? w[i + 1].xlex : SYN_NONE;
        f[k++] = syn_hash2(TB + 60, x->xlex);
        f[k++] = syn_hash3(TB + 61, t1, x->xlex);
        f[k++] = syn_hash3(TB + 62, x->xlex, nx);
        f[k++] = syn_hash3(TB + 63, px, x->xlex);
        f[k++] = syn_hash3(TB + 64, x->xlex, x->suf3);
        f[k++] = syn_hash3(TB + 65, x->xlex, x->amb);
        f[k++] = syn_hash2(TB + 66, nx);
        f[k++] = syn_hash3(TB + 67, t1, nx);
    }
    if (x->cf) /* word clusters (a model trained with them) */
        k += cluster_features(w, n, i, t1, f + k);
    return k;
}

static int argmax(const int32_t *sc, uint32_t n)
{
    int best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (sc[c] > sc[best])
            best = (int)c;
    return best;
}

void syn_tag_pass1(const syn_model *m, syn_w *w, int n)
{
    uint64_t f[SYN_TAG_FEATS];
    int32_t scores[SYN_MAXCLASS];
    for (int i = 0; i < n; i++) {
        int nf = syn_tag_features(w, n, i, i > 0 ? w[i - 1].tag : -1, i > 1 ? w[i - 2].tag : -1, f);
        pc_table_score(&m->tagger, f, nf, scores);
        syn_set_tag(m, &w[i], argmax(scores, m->tagger.nclass));
    }
}

int syn_tag2_features(const syn_w *w, int n, int i, int p1, int p2, const syn_ctx2 *c,
                      uint64_t *f)
{
    int k = syn_tag_features(w, n, i, p1, p2, f);
    uint64_t t0 = (uint64_t)c->first[i] + 2;
    uint64_t t1 = i + 1 < n ? (uint64_t)c->first[i + 1] + 2 : 0;
    uint64_t t2 = i + 2 < n ? (uint64_t)c->first[i + 2] + 2 : 0;
    int fin_right = 0;
    for (int j = i + 1; j < n && !fin_right; j++)
        fin_right = c->fin[c->first[j]];
    uint64_t fl = (uint64_t)c->fin_left, fr = (uint64_t)fin_right;
    f[k++] = syn_hash2(TB + 40, t0);
    f[k++] = syn_hash2(TB + 41, t1);
    f[k++] = syn_hash2(TB + 42, t2);
    f[k++] = syn_hash3(TB + 43, t1, t2);
    f[k++] = syn_hash3(TB + 44, fl, fr);
    f[k++] = syn_hash4(TB + 45, fl, fr, t0);
    f[k++] = syn_hash4(TB + 46, fl, fr, w[i].suf2);
    f[k++] = syn_hash3(TB + 47, w[i].lower, t1);
    f[k++] = syn_hash4(TB + 48, (uint64_t)(p1 + 2), t0, t1);
    f[k++] = syn_hash4(TB + 49, fl, fr, w[i].lower);
    return k;
}

void syn_tag_sentence(const syn_model *m, syn_w *w, int n)
{
    if (n <= 0)
        return;
    syn_tag_pass1(m, w, n);
    int *first = mem_malloc(sizeof *first * (size_t)n);
    if (!first)
        return; /* the first pass's tags stand */
    for (int i = 0; i < n; i++)
        first[i] = w[i].tag;
    syn_ctx2 c = {first, m->fin, 0};
    uint64_t f[SYN_TAG_FEATS];
    int32_t scores[SYN_MAXCLASS];
    for (int i = 0; i < n; i++) {
        int nf = syn_tag2_features(w, n, i, i > 0 ? w[i - 1].tag : -1, i > 1 ? w[i - 2].tag : -1,
                                   &c, f);
        pc_table_score(&m->tagger2, f, nf, scores);
        syn_set_tag(m, &w[i], argmax(scores, m->tagger2.nclass));
        c.fin_left |= m->fin[w[i].tag];
    }
    mem_free(first);
}

int syn_finite_tags(syn_model *m)
{
    mem_free(m->fin);
    m->fin = mem_calloc((size_t)m->tags.n + 1, 1);
    if (!m->fin)
        return -1;
    for (int t = 0; t < m->tags.n; t++) {
        uint32_t off;
        if (syn_kv_get(&m->feats, syn_feats_key(NULL, t), &off) && off < m->npool)
            m->fin[t] = strstr(m->pool + off, "VerbForm=Fin") != NULL;
    }
    return 0;
}
