/*
 * api.c - the public face of the syntax stage (entente.h, "Syntax"):
 * loading a model, parsing text or words, annotating and scoring CoNLL-U
 * files, and training.
 */
#include "entente.h"
#include "segment.h"
#include "syntax/synint.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef ENT_DATADIR
#define ENT_DATADIR "data"
#endif

struct ent_syntax {
    syn_model *m;
};

ent_syntax *ent_syntax_load(const char *path, char *err, size_t errlen)
{
    char buf[4096];
    if (!path) {
        const char *env = getenv("ENTENTE_DATA");
        snprintf(buf, sizeof buf, "%s/en.syntax", env && *env ? env : ENT_DATADIR);
        path = buf;
    }
    ent_syntax *s = mem_calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->m = syn_model_load(path, err, errlen);
    if (!s->m) {
        mem_free(s);
        return NULL;
    }
    return s;
}

void ent_syntax_free(ent_syntax *s)
{
    if (s) {
        syn_model_free(s->m);
        mem_free(s);
    }
}

const char *ent_syntax_info(const ent_syntax *s)
{
    return syn_model_info(s->m);
}

/* ---- raw text into sentences of words ---- */

/* The sentences of text as ud_sent words (forms and byte spans). */
static int text_sents(const char *text, size_t len, mem_arena *a, ud_sent **out, int *n)
{
    seg_doc d;
    *out = NULL;
    *n = 0;
    if (seg_split(a, text, len, &d))
        return -1;
    ud_sent *v = mem_arena_alloc(a, sizeof *v * (size_t)(d.nsents ? d.nsents : 1));
    if (!v)
        return -1;
    for (int i = 0; i < d.nsents; i++) {
        const seg_sentence *ss = &d.sents[i];
        ud_sent *s = &v[i];
        memset(s, 0, sizeof *s);
        s->w = mem_arena_alloc(a, sizeof *s->w * (size_t)(ss->ntok ? ss->ntok : 1));
        if (!s->w)
            return -1;
        s->n = ss->ntok;
        s->text = mem_arena_strndup(a, text + ss->start, ss->end - ss->start);
        for (int k = 0; k < ss->ntok; k++) {
            const seg_token *t = &d.toks[ss->tok0 + k];
            ud_word *w = &s->w[k];
            w->form = mem_arena_strndup(a, text + t->start, t->end - t->start);
            w->lemma = w->upos = w->xpos = w->feats = w->deprel = w->deps = w->misc = "_";
            w->head = -1;
            w->start = (long)t->start;
            w->end = (long)t->end;
            if (!w->form)
                return -1;
        }
    }
    *out = v;
    *n = d.nsents;
    return 0;
}

struct parse_priv {
    mem_arena a;
};

static ent_rc to_parse(const ud_sent *v, int n, mem_arena *a, ent_parse **out)
{
    ent_parse *p = mem_calloc(1, sizeof *p);
    struct parse_priv *pv = mem_calloc(1, sizeof *pv);
    if (!p || !pv) {
        mem_free(p), mem_free(pv);
        mem_arena_free(a);
        return ENT_ENOMEM;
    }
    pv->a = *a;
    p->priv = pv;
    p->sentences = mem_arena_alloc(&pv->a, sizeof *p->sentences * (size_t)(n ? n : 1));
    if (!p->sentences) {
        ent_parse_free(p);
        return ENT_ENOMEM;
    }
    p->nsentences = n;
    for (int i = 0; i < n; i++) {
        ent_parsed *ps = &p->sentences[i];
        ps->ntokens = v[i].n;
        ps->tokens = mem_arena_alloc(&pv->a, sizeof *ps->tokens * (size_t)(v[i].n ? v[i].n : 1));
        if (!ps->tokens) {
            ent_parse_free(p);
            return ENT_ENOMEM;
        }
        for (int k = 0; k < v[i].n; k++) {
            const ud_word *w = &v[i].w[k];
            ps->tokens[k] = (ent_token){w->form, w->lemma, w->upos, w->xpos, w->feats,
                                        w->deprel, w->head, w->start, w->end};
        }
    }
    *out = p;
    return ENT_OK;
}

ent_rc ent_syntax_parse_text(const ent_syntax *s, const char *text, size_t len, ent_parse **out)
{
    mem_arena a = {0};
    ud_sent *v;
    int n;
    *out = NULL;
    if (text_sents(text, len, &a, &v, &n)) {
        mem_arena_free(&a);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        if (syn_annotate(s->m, &v[i], &a, SYN_TAG | SYN_PARSE)) {
            mem_arena_free(&a);
            return ENT_ENOMEM;
        }
    return to_parse(v, n, &a, out);
}

ent_rc ent_syntax_parse_words(const ent_syntax *s, const char *const *words, int n,
                              ent_parse **out)
{
    mem_arena a = {0};
    ud_sent v = {0};
    *out = NULL;
    if (n < 0 || (n > 0 && !words))
        return ENT_EUSAGE;
    v.n = n;
    v.w = mem_arena_alloc(&a, sizeof *v.w * (size_t)(n ? n : 1));
    for (int k = 0; v.w && k < n; k++) {
        ud_word *w = &v.w[k];
        w->form = mem_arena_strndup(&a, words[k] && *words[k] ? words[k] : "_",
                                    strlen(words[k] && *words[k] ? words[k] : "_"));
        w->lemma = w->upos = w->xpos = w->feats = w->deprel = w->deps = w->misc = "_";
        w->head = -1;
        w->start = w->end = -1;
        if (!w->form)
            v.w = NULL;
    }
    if (!v.w || syn_annotate(s->m, &v, &a, SYN_TAG | SYN_PARSE)) {
        mem_arena_free(&a);
        return ENT_ENOMEM;
    }
    return to_parse(&v, 1, &a, out);
}

void ent_parse_free(ent_parse *p)
{
    if (!p)
        return;
    struct parse_priv *pv = p->priv;
    if (pv) {
        mem_arena_free(&pv->a);
        mem_free(pv);
    }
    mem_free(p);
}

/* ---- CoNLL-U ---- */

static void stderr_diag(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "entente: %s (sentence skipped)\n", msg);
}

ent_rc ent_syntax_conllu(const ent_syntax *s, const char *path, FILE *out, int keep_tags,
                         long *skipped, char *err, size_t errlen)
{
    size_t len;
    char *buf = mem_read_file(path, (size_t)1 << 31, &len);
    if (!buf) {
        snprintf(err, errlen, "%s: cannot read", path);
        return ENT_EIO;
    }
    ud_reader r;
    ud_reader_init(&r, path, buf, len);
    r.diag = stderr_diag;
    ent_rc rc = ENT_OK;
    for (;;) {
        mem_arena a = {0};
        ud_sent u;
        int k = ud_reader_next(&r, &a, &u);
        if (k > 0 && syn_annotate(s->m, &u, &a, keep_tags ? SYN_PARSE : SYN_TAG | SYN_PARSE))
            k = -1;
        if (k > 0)
            ud_write(out, &u);
        mem_arena_free(&a);
        if (k <= 0) {
            rc = k < 0 ? ENT_ENOMEM : ENT_OK;
            break;
        }
    }
    mem_free(buf);
    *skipped = r.skipped;
    return rc;
}

ent_rc ent_syntax_text_conllu(const ent_syntax *s, const char *text, size_t len, FILE *out,
                              int *nsent)
{
    mem_arena a = {0};
    ud_sent *v;
    int n;
    *nsent = 0;
    if (text_sents(text, len, &a, &v, &n)) {
        mem_arena_free(&a);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        if (syn_annotate(s->m, &v[i], &a, SYN_TAG | SYN_PARSE)) {
            mem_arena_free(&a);
            return ENT_ENOMEM;
        }
        ud_write(out, &v[i]);
    }
    *nsent = n;
    mem_arena_free(&a);
    return ENT_OK;
}

/* ---- scores ---- */

typedef struct counts {
    long words, upos, xpos, feats, lemma, uas, las, lasf;
} counts;

static int same_udep(const char *a, const char *b)
{
    size_t na = strcspn(a, ":"), nb = strcspn(b, ":");
    return na == nb && memcmp(a, b, na) == 0;
}

static void count_sent(const ud_sent *g, const ud_sent *p, counts *c)
{
    for (int j = 0; j < g->n; j++) {
        const ud_word *x = &g->w[j], *y = &p->w[j];
        c->words++;
        c->upos += !strcmp(x->upos, y->upos);
        c->xpos += !strcmp(x->xpos, y->xpos);
        c->feats += !strcmp(x->feats, y->feats);
        c->lemma += !strcmp(x->lemma, y->lemma);
        int h = x->head == y->head;
        c->uas += h;
        c->las += h && same_udep(x->deprel, y->deprel);
        c->lasf += h && !strcmp(x->deprel, y->deprel);
    }
}

static double pct(long a, long b)
{
    return b ? 100.0 * (double)a / (double)b : 0;
}

/* From the gold words: every word is aligned, so F1 is accuracy. */
static ent_rc eval_gold_words(const ent_syntax *s, const ud_sent *g, int n,
                              ent_syntax_scores *sc)
{
    counts c = {0};
    double t = 0;
    for (int i = 0; i < n; i++) {
        mem_arena a = {0};
        ud_sent p = g[i];
        p.w = mem_arena_alloc(&a, sizeof *p.w * (size_t)(p.n ? p.n : 1));
        if (!p.w)
            return ENT_ENOMEM;
        for (int j = 0; j < p.n; j++) {
            p.w[j] = g[i].w[j];
            p.w[j].head = -1;
        }
        struct timespec t0, t1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        int rc = syn_annotate(s->m, &p, &a, SYN_TAG | SYN_PARSE);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        t += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        if (rc) {
            mem_arena_free(&a);
            return ENT_ENOMEM;
        }
        count_sent(&g[i], &p, &c);
        mem_arena_free(&a);
    }
    sc->words = c.words;
    sc->sentences = n;
    sc->tokens = sc->sents = sc->wordseg = 100;
    sc->upos = pct(c.upos, c.words);
    sc->xpos = pct(c.xpos, c.words);
    sc->ufeats = pct(c.feats, c.words);
    sc->lemmas = pct(c.lemma, c.words);
    sc->uas = pct(c.uas, c.words);
    sc->las = pct(c.las, c.words);
    sc->las_full = pct(c.lasf, c.words);
    sc->seconds = t;
    return ENT_OK;
}

ent_rc ent_syntax_eval(const ent_syntax *s, const char *gold, int from_raw,
                       ent_syntax_scores *sc, char *err, size_t errlen)
{
    mem_arena a = {0};
    ud_sent *g;
    int n;
    long skipped = 0;
    memset(sc, 0, sizeof *sc);
    if (ud_read_file(gold, &a, &g, &n, &skipped, err, errlen, stderr_diag, NULL)) {
        mem_arena_free(&a);
        return ENT_EIO;
    }
    ent_rc rc;
    if (from_raw) {
        snprintf(err, errlen, "scoring from raw text is not built yet");
        rc = ENT_EUSAGE;
    } else {
        rc = eval_gold_words(s, g, n, sc);
    }
    mem_free(g);
    mem_arena_free(&a);
    return rc;
}

ent_rc ent_syntax_train(const ent_syntax_train_opts *o, char *err, size_t errlen)
{
    if (!o || !o->train || !o->out) {
        snprintf(err, errlen, "training needs --train and -o");
        return ENT_EUSAGE;
    }
    syn_train_opts t = {o->train, o->dev, o->out,
                        o->tag_epochs > 0 ? o->tag_epochs : 8,
                        o->parse_epochs > 0 ? o->parse_epochs : 15,
                        o->folds > 0 ? o->folds : 5, o->seed ? o->seed : 1,
                        o->min_count > 0 ? o->min_count : 1, o->log};
    return syn_train(&t, err, errlen) ? ENT_EFORMAT : ENT_OK;
}
