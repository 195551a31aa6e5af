/*
 * clusters.c - word clusters from unlabelled text (`entente clusters`,
 * ent_clusters_learn) and the cluster file the trainer reads. Text is read
 * as the parser reads it: documents through entente's reader (raw text,
 * HTML, JSONL), split into sentences and words by its tokenizer
 * (ud_from_text); a .conllu file gives its sentences' word forms. Words are
 * lower-cased (the tagger's and parser's word atom), those seen fewer than
 * min_count times are left out (a bigram with one of them is not counted),
 * and the rest are Brown-clustered (brown.c). The file has Liang's
 * format, one word a line: "bits<TAB>word<TAB>count", sorted by bits, then
 * count (most first), then word: the same input gives the same bytes.
 */
#include "entente.h"
#include "syntax/brown.h"
#include "syntax/synint.h"
#include "syntax/udeval.h"
#include "base/hash.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct vocab {
    hash_map ids;        /* lower form -> id */
    char **word;         /* id -> form */
    double *count;
    int n, cap;
    int32_t *seq;        /* word ids, -1 between sentences */
    size_t nseq, capseq;
    long sentences;
    int oom;
} vocab;

static void seq_push(vocab *v, int32_t id)
{
    if (mem_grow((void **)&v->seq, &v->capseq, v->nseq + 1, sizeof *v->seq, 1 << 16) < 0) {
        v->oom = 1;
        return;
    }
    v->seq[v->nseq++] = id;
}

static int word_id(vocab *v, const char *w)
{
    int id = hash_map_get(&v->ids, w);
    if (id >= 0)
        return id;
    if (v->n == v->cap) {
        int c = v->cap ? 2 * v->cap : 4096;
        char **wd = mem_realloc(v->word, (size_t)c * sizeof *wd);
        double *ct = wd ? mem_realloc(v->count, (size_t)c * sizeof *ct) : NULL;
        v->word = wd ? wd : v->word;
        v->count = ct ? ct : v->count;
        if (!wd || !ct)
            return -1;
        v->cap = c;
    }
    v->word[v->n] = mem_strdup(w);
    if (!v->word[v->n] || hash_map_put(&v->ids, w, v->n) < 0)
        return -1;
    v->count[v->n] = 0;
    return v->n++;
}

/* The words of sentences s[0..n) into v. */
static void add_sents(vocab *v, const ud_sent *s, int n, mem_arena *a)
{
    for (int i = 0; i < n && !v->oom; i++) {
        for (int j = 0; j < s[i].n && !v->oom; j++) {
            const char *l = syn_lower(s[i].w[j].form, a);
            int id = l && !strpbrk(l, "\t\n\r") && *l ? word_id(v, l) : -2;
            if (id == -1)
                v->oom = 1;
            else if (id >= 0)
                v->count[id]++, seq_push(v, id);
        }
        seq_push(v, -1);
        v->sentences++;
    }
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static void reader_diag(void *ud, const char *file, long line, const char *msg)
{
    if (ud)
        fprintf(ud, "%s%s%.0ld%s%s\n", file ? file : "", line ? ":" : "", line,
                file ? ": " : "", msg);
}

/* Every document of path (a file or a folder) into v. */
static int read_input(vocab *v, const char *path, FILE *log, char *err, size_t errlen)
{
    mem_arena a = {0};
    if (has_suffix(path, ".conllu")) {
        ud_sent *s;
        int n;
        long skipped = 0;
        if (ud_read_file(path, &a, &s, &n, &skipped, err, errlen, NULL, NULL)) {
            mem_arena_free(&a);
            return -1;
        }
        add_sents(v, s, n, &a);
        mem_free(s);
        mem_arena_free(&a);
        return v->oom ? -1 : 0;
    }
    /* a date of its own: the documents' dates do not matter here */
    ent_reader_opts ro = {.default_date = "2000-01-01", .diag = reader_diag, .diag_ud = log};
    ent_reader *r = ent_reader_new(&ro);
    if (!r)
        return snprintf(err, errlen, "out of memory"), -1;
    ent_reader_add(r, path);
    ent_doc *d;
    long docs = 0;
    while (!v->oom && ent_reader_next(r, &d) == ENT_OK) {
        ud_sent *s;
        int n;
        if (ud_from_text(&a, d->text, d->len, &s, &n) == 0)
            add_sents(v, s, n, &a);
        else
            v->oom = 1;
        docs++;
        ent_doc_free(d);
        mem_arena_free(&a);
    }
    ent_reader_free(r);
    if (!docs)
        return snprintf(err, errlen, "%s: no document read (.txt, .html, .jsonl, .conllu)", path),
               -1;
    return v->oom ? -1 : 0;
}

typedef struct byfreq {
    double count;
    const char *word;
    int id;
} byfreq;

static int cmp_freq(const void *x, const void *y)
{
    const byfreq *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->word, b->word);
}

/* The word ids of v, most frequent first (ties: in byte order). */
static int *freq_order(const vocab *v)
{
    byfreq *f = mem_malloc(sizeof *f * (size_t)(v->n + 1));
    int *order = mem_malloc(sizeof *order * (size_t)(v->n + 1));
    if (f && order) {
        for (int i = 0; i < v->n; i++)
            f[i] = (byfreq){v->count[i], v->word[i], i};
        qsort(f, (size_t)v->n, sizeof *f, cmp_freq);
        for (int i = 0; i < v->n; i++)
            order[i] = f[i].id;
    } else {
        mem_free(order);
        order = NULL;
    }
    mem_free(f);
    return order;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Adjacency lists of the distinct pairs p[0..n) (first << 32 | second,
 * sorted): off[w] .. off[w + 1] the entries of first word w. */
static int adjacency(const uint64_t *p, const double *pn, size_t n, int V, int64_t **off,
                     int32_t **nb, double **cnt)
{
    *off = mem_calloc((size_t)V + 1, sizeof **off);
    *nb = mem_malloc((n + 1) * sizeof **nb);
    *cnt = mem_malloc((n + 1) * sizeof **cnt);
    if (!*off || !*nb || !*cnt)
        return -1;
    for (size_t i = 0; i < n; i++) {
        (*off)[(p[i] >> 32) + 1]++;
        (*nb)[i] = (int32_t)(p[i] & 0xffffffffu);
        (*cnt)[i] = pn[i];
    }
    for (int w = 0; w < V; w++)
        (*off)[w + 1] += (*off)[w];
    return 0;
}

/* Sort and count pairs p[0..*n) in place into distinct pairs and counts. */
static int count_pairs(uint64_t *p, size_t *n, double **pn)
{
    qsort(p, *n, sizeof *p, cmp_u64);
    *pn = mem_malloc((*n + 1) * sizeof **pn);
    if (!*pn)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < *n;) {
        size_t j = i;
        while (j < *n && p[j] == p[i])
            j++;
        p[k] = p[i];
        (*pn)[k++] = (double)(j - i);
        i = j;
    }
    *n = k;
    return 0;
}

typedef struct graph {
    brown_input in;
    int64_t *ro, *lo;
    int32_t *right, *left;
    double *rn, *ln;
} graph;

static void graph_free(graph *g)
{
    mem_free(g->ro), mem_free(g->lo), mem_free(g->right), mem_free(g->left);
    mem_free(g->rn), mem_free(g->ln);
}

/* The bigrams of v's sequence between kept words (rank[id] >= 0). */
static int build_graph(const vocab *v, const int *rank, int V, const double *cnt, graph *g)
{
    memset(g, 0, sizeof *g);
    uint64_t *p = mem_malloc((v->nseq + 1) * sizeof *p), *q = NULL;
    double *pn = NULL, *qn = NULL;
    size_t n = 0;
    int rc = p ? 0 : -1;
    for (size_t i = 0; rc == 0 && i + 1 < v->nseq; i++) {
        int a = v->seq[i] >= 0 ? rank[v->seq[i]] : -1, b = v->seq[i + 1] >= 0 ? rank[v->seq[i + 1]] : -1;
        if (a >= 0 && b >= 0)
            p[n++] = (uint64_t)a << 32 | (uint64_t)b;
    }
    if (rc == 0)
        rc = count_pairs(p, &n, &pn);
    if (rc == 0 && !(q = mem_malloc((n + 1) * sizeof *q)))
        rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++) /* the same pairs, second word first */
        q[i] = (p[i] & 0xffffffffu) << 32 | p[i] >> 32;
    size_t m = n;
    if (rc == 0)
        rc = count_pairs(q, &m, &qn);
    if (rc == 0) { /* q's counts are 1 each: take the pairs' own */
        for (size_t i = 0; i < m; i++) {
            uint64_t key = (q[i] & 0xffffffffu) << 32 | q[i] >> 32;
            uint64_t *hit = bsearch(&key, p, n, sizeof *p, cmp_u64);
            qn[i] = hit ? pn[hit - p] : 0;
        }
        rc = adjacency(p, pn, n, V, &g->ro, &g->right, &g->rn) ||
                     adjacency(q, qn, m, V, &g->lo, &g->left, &g->ln) ? -1 : 0;
    }
    mem_free(p), mem_free(q), mem_free(pn), mem_free(qn);
    g->in = (brown_input){V, cnt, g->ro, g->lo, g->right, g->left, g->rn, g->ln};
    return rc;
}

typedef struct outrow {
    const char *bits, *word;
    double count;
} outrow;

static int cmp_row(const void *x, const void *y)
{
    const outrow *a = x, *b = y;
    int c = strcmp(a->bits, b->bits);
    if (c)
        return c;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->word, b->word);
}

static int write_clusters(const char *out, outrow *rows, int V, char *err, size_t errlen)
{
    qsort(rows, (size_t)V, sizeof *rows, cmp_row);
    size_t n = strlen(out) + 8;
    char *tmp = mem_malloc(n);
    if (!tmp)
        return snprintf(err, errlen, "out of memory"), -1;
    snprintf(tmp, n, "%s.tmp", out);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write", tmp);
        mem_free(tmp);
        return -1;
    }
    for (int i = 0; i < V; i++)
        fprintf(f, "%s\t%s\t%.0f\n", rows[i].bits, rows[i].word, rows[i].count);
    int rc = ferror(f) | fclose(f) ? -1 : rename(tmp, out);
    if (rc)
        snprintf(err, errlen, "%s: cannot write", out);
    mem_free(tmp);
    return rc ? -1 : 0;
}

/* Cluster the kept words of v and write the file. */
static int cluster_vocab(const vocab *v, const char *out, int nclusters, int min_count, FILE *log,
                         char *err, size_t errlen)
{
    int *order = freq_order(v);
    int *rank = mem_malloc(sizeof *rank * (size_t)(v->n + 1));
    double *cnt = mem_malloc(sizeof *cnt * (size_t)(v->n + 1));
    int *cl = mem_malloc(sizeof *cl * (size_t)(v->n + 1));
    outrow *rows = mem_malloc(sizeof *rows * (size_t)(v->n + 1));
    graph g = {0};
    char **paths = NULL;
    int V = 0, ncl = 0, rc = order && rank && cnt && cl && rows ? 0 : -1;
    for (int i = 0; rc == 0 && i < v->n; i++) {
        rank[order[i]] = v->count[order[i]] >= min_count ? V : -1;
        if (rank[order[i]] >= 0)
            cnt[V++] = v->count[order[i]];
    }
    if (rc == 0 && V == 0) {
        mem_free(order), mem_free(rank), mem_free(cnt), mem_free(cl), mem_free(rows);
        return snprintf(err, errlen, "no word seen %d times or more", min_count), -1;
    }
    if (log && rc == 0)
        fprintf(log, "clusters: %zu words in %ld sentences, %d distinct, %d seen %d times or more\n",
                v->nseq - (size_t)v->sentences, v->sentences, v->n, V, min_count);
    if (rc == 0)
        rc = build_graph(v, rank, V, cnt, &g);
    if (rc == 0)
        rc = brown_cluster(&g.in, nclusters, log, cl, &paths, &ncl);
    for (int i = 0; rc == 0 && i < V; i++)
        rows[i] = (outrow){paths[cl[i]], v->word[order[i]], cnt[i]};
    if (rc)
        snprintf(err, errlen, "out of memory");
    else
        rc = write_clusters(out, rows, V, err, errlen);
    if (log && rc == 0)
        fprintf(log, "clusters: %d clusters of %d words written to %s\n", ncl, V, out);
    for (int c = 0; paths && c < ncl; c++)
        mem_free(paths[c]);
    mem_free(paths);
    graph_free(&g);
    mem_free(order), mem_free(rank), mem_free(cnt), mem_free(cl), mem_free(rows);
    return rc;
}

ent_rc ent_clusters_learn(const char *const *inputs, int ninputs, const char *out, int nclusters,
                          int min_count, FILE *log, char *err, size_t errlen)
{
    if (!inputs || ninputs < 1 || !out || nclusters < 1 || min_count < 1) {
        snprintf(err, errlen, "clusters need inputs, an output, a positive count and min count");
        return ENT_EUSAGE;
    }
    vocab v = {0};
    int rc = 0;
    for (int i = 0; rc == 0 && i < ninputs; i++) {
        rc = read_input(&v, inputs[i], log, err, errlen);
        if (rc && v.oom)
            snprintf(err, errlen, "out of memory");
    }
    if (rc == 0)
        rc = cluster_vocab(&v, out, nclusters, min_count, log, err, errlen);
    for (int i = 0; i < v.n; i++)
        mem_free(v.word[i]);
    mem_free(v.word), mem_free(v.count), mem_free(v.seq);
    hash_map_free(&v.ids);
    return rc ? ENT_EFORMAT : ENT_OK;
}

/* ---- the cluster file, read by the trainer ---- */

/* "bits<TAB>word[<TAB>...]" -> 0 and the packed path of bits (a leading
 * 1, then at most SYN_CLUS_BITS bits); -1 if the line is not that. */
static int parse_line(char *line, char **word, uint32_t *packed)
{
    char *tab = strchr(line, '\t');
    if (!tab || tab == line || !tab[1] || tab[1] == '\t')
        return -1;
    *tab = 0;
    uint32_t v = 1;
    int k = 0;
    for (const char *p = line; *p; p++) {
        if (*p != '0' && *p != '1')
            return -1;
        if (k++ < SYN_CLUS_BITS)
            v = v << 1 | (uint32_t)(*p - '0');
    }
    *word = tab + 1;
    tab = strchr(*word, '\t');
    if (tab)
        *tab = 0;
    *packed = v;
    return 0;
}

int syn_load_clusters(const char *path, syn_kv *kv, uint32_t **own, FILE *log, char *err,
                      size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return snprintf(err, errlen, "%s: cannot read the clusters", path), -1;
    size_t n = 0, cap = 0;
    long line = 0;
    uint64_t *keys = NULL;
    uint32_t *vals = NULL;
    char buf[1024];
    int rc = 0;
    while (!rc && fgets(buf, sizeof buf, f)) {
        line++;
        buf[strcspn(buf, "\r\n")] = 0;
        char *word;
        uint32_t packed;
        if (parse_line(buf, &word, &packed)) {
            snprintf(err, errlen, "%s:%ld: not \"bits<TAB>word<TAB>count\"", path, line);
            rc = -2;
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            uint64_t *k = mem_realloc(keys, cap * sizeof *keys);
            uint32_t *v = k ? mem_realloc(vals, cap * sizeof *vals) : NULL;
            keys = k ? k : keys;
            vals = v ? v : vals;
            if (!k || !v)
                rc = -1;
        }
        if (!rc) {
            keys[n] = syn_lower_hash(word);
            vals[n++] = packed;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (rc == -1 || rerr || (!rc && !n))
        snprintf(err, errlen, "%s: %s", path,
                 rc == -1 ? "out of memory" : rerr ? "read error" : "no cluster line");
    else if (!rc)
        rc = syn_kv_build(keys, vals, n, kv, own);
    if (!rc && log)
        fprintf(log, "clusters %s: %zu words\n", path, n);
    mem_free(keys);
    mem_free(vals);
    return rc || rerr || !n ? -1 : 0;
}
