/*
 * api.c - the public face of the syntax stage (entente.h, "Syntax"):
 * loading a model, parsing text or words, annotating and scoring CoNLL-U
 * files, and training.
 */
#include "entente.h"
#include "syntax/synint.h"
#include "syntax/udeval.h"

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

ent_rc ent_syntax_set_beam(ent_syntax *s, int k)
{
    if (!s || k < 1 || k > SYN_MAXBEAM)
        return ENT_EUSAGE;
    s->m->beam = k;
    return ENT_OK;
}

/* ---- raw text into sentences of words: ud_from_text (udtext.c) ---- */

static int text_sents(const char *text, size_t len, mem_arena *a, ud_sent **out, int *n)
{
    return ud_from_text(a, text, len, out, n);
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

/* The sentences of text, tagged and parsed, in a (freed on failure). */
static int text_annotated(const ent_syntax *s, const char *text, size_t len, mem_arena *a,
                          ud_sent **v, int *n)
{
    int rc = text_sents(text, len, a, v, n);
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = syn_annotate(s->m, &(*v)[i], a, SYN_TAG | SYN_PARSE);
    if (rc)
        mem_arena_free(a);
    return rc;
}

ent_rc ent_syntax_parse_text(const ent_syntax *s, const char *text, size_t len, ent_parse **out)
{
    mem_arena a = {0};
    ud_sent *v;
    int n;
    *out = NULL;
    if (text_annotated(s, text, len, &a, &v, &n))
        return ENT_ENOMEM;
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
    if (text_annotated(s, text, len, &a, &v, &n))
        return ENT_ENOMEM;
    for (int i = 0; i < n; i++)
        ud_write(out, &v[i]);
    *nsent = n;
    mem_arena_free(&a);
    return ENT_OK;
}

/* ---- scores (CoNLL 2018 shared task definitions, udeval.c) ---- */

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Tag and parse every sentence of v; the CPU time it took in *secs. */
static int annotate_all(const ent_syntax *s, ud_sent *v, int n, mem_arena *a, double *secs)
{
    double t0 = cpu_now();
    for (int i = 0; i < n; i++)
        if (syn_annotate(s->m, &v[i], a, SYN_TAG | SYN_PARSE))
            return -1;
    *secs = cpu_now() - t0;
    return 0;
}

/* The gold sentences with their words kept and everything else blank. */
static ud_sent *blank_copy(const ud_sent *g, int n, mem_arena *a)
{
    ud_sent *v = mem_arena_alloc(a, sizeof *v * (size_t)(n ? n : 1));
    for (int i = 0; v && i < n; i++) {
        v[i] = g[i];
        v[i].w = mem_arena_alloc(a, sizeof *v[i].w * (size_t)(g[i].n ? g[i].n : 1));
        if (!v[i].w)
            return NULL;
        for (int j = 0; j < g[i].n; j++) {
            ud_word *w = &v[i].w[j];
            *w = g[i].w[j];
            w->lemma = w->upos = w->xpos = w->feats = w->deprel = w->deps = "_";
            w->head = -1;
        }
    }
    return v;
}

static void copy_scores(const ud_scores *u, double secs, long nsent, ent_syntax_scores *sc)
{
    sc->words = u->gold_words;
    sc->sentences = nsent;
    sc->tokens = u->tokens;
    sc->sents = u->sentences;
    sc->wordseg = u->words;
    sc->upos = u->upos;
    sc->xpos = u->xpos;
    sc->ufeats = u->ufeats;
    sc->lemmas = u->lemmas;
    sc->uas = u->uas;
    sc->las = u->las;
    sc->las_full = u->las_full;
    sc->seconds = secs;
}

ent_rc ent_syntax_eval(const ent_syntax *s, const char *gold, int from_raw,
                       ent_syntax_scores *sc, char *err, size_t errlen)
{
    mem_arena a = {0};
    ud_sent *g, *v = NULL;
    int n, nv = 0;
    long skipped = 0;
    memset(sc, 0, sizeof *sc);
    if (ud_read_file(gold, &a, &g, &n, &skipped, err, errlen, stderr_diag, NULL)) {
        mem_arena_free(&a);
        return ENT_EIO;
    }
    ent_rc rc = ENT_OK;
    char *raw = NULL;
    if (from_raw) {
        size_t len;
        raw = ud_raw_text(g, n, &len);
        if (!raw || ud_from_text(&a, raw, len, &v, &nv))
            rc = ENT_ENOMEM;
    } else {
        v = blank_copy(g, n, &a);
        nv = n;
        rc = v ? ENT_OK : ENT_ENOMEM;
    }
    double secs = 0;
    ud_scores u;
    if (rc == ENT_OK && annotate_all(s, v, nv, &a, &secs))
        rc = ENT_ENOMEM;
    if (rc == ENT_OK && ud_evaluate(g, n, v, nv, &u, err, errlen))
        rc = ENT_EFORMAT;
    if (rc == ENT_OK)
        copy_scores(&u, secs, n, sc);
    else if (rc == ENT_ENOMEM)
        snprintf(err, errlen, "out of memory");
    mem_free(raw);
    mem_free(g);
    mem_arena_free(&a);
    return rc;
}

ent_rc ent_syntax_train(const ent_syntax_train_opts *o, char *err, size_t errlen)
{
    return ent_syntax_train_beam(o, NULL, 1, 0, err, errlen);
}

ent_rc ent_syntax_train_lexicon(const ent_syntax_train_opts *o, const char *lexicon, char *err,
                                size_t errlen)
{
    return ent_syntax_train_beam(o, lexicon, 1, 0, err, errlen);
}

ent_rc ent_syntax_train_beam(const ent_syntax_train_opts *o, const char *lexicon, int beam,
                             int early_update, char *err, size_t errlen)
{
    return ent_syntax_train_clusters(o, lexicon, NULL, beam, early_update, err, errlen);
}

ent_rc ent_syntax_train_clusters(const ent_syntax_train_opts *o, const char *lexicon,
                                 const char *clusters, int beam, int early_update, char *err,
                                 size_t errlen)
{
    if (!o || !o->train || !o->out) {
        snprintf(err, errlen, "training needs --train and -o");
        return ENT_EUSAGE;
    }
    syn_train_opts t = {o->train, o->dev, o->out,
                        o->tag_epochs > 0 ? o->tag_epochs : 8,
                        o->parse_epochs > 0 ? o->parse_epochs : 15,
                        o->folds > 0 ? o->folds : 5, o->seed ? o->seed : 1,
                        o->min_count > 0 ? o->min_count : 1, o->log, lexicon,
                        beam > 1 ? beam : 1, early_update != 0, clusters};
    if (beam < 0 || t.beam > SYN_MAXBEAM) {
        snprintf(err, errlen, "beam: 1 to %d", SYN_MAXBEAM);
        return ENT_EUSAGE;
    }
    return syn_train(&t, err, errlen) ? ENT_EFORMAT : ENT_OK;
}
