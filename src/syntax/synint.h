/*
 * synint.h - the inside of the syntax stage, shared by tagger.c, morph.c,
 * depparse.c, syntax.c and train.c: the model in memory, the per-word
 * feature atoms and the entry points of each part.
 */
#ifndef ENT_SYNINT_H
#define ENT_SYNINT_H

#include <stdint.h>
#include "syntax/model.h"
#include "syntax/percep.h"
#include "syntax/syntax.h"

/* Section ids of the model file. */
enum {
    SEC_INFO = 1, SEC_TAGS, SEC_TAGTAB, SEC_TAGSLOTS, SEC_TAGROWS, SEC_LEX,
    SEC_LEMMA, SEC_FEATS, SEC_POOL, SEC_LABELS, SEC_DEPTAB, SEC_DEPSLOTS, SEC_DEPROWS,
    SEC_TAG2TAB, SEC_TAG2SLOTS, SEC_TAG2ROWS,
    SEC_XLEX,    /* optional: the external lexicon, lower form -> its classes */
    SEC_BEAM,    /* optional: the beam width of decoding (none: greedy) */
    SEC_CLUS     /* optional: word clusters, lower form -> packed path of bits */
};

typedef struct syn_strs {   /* a list of NUL-separated strings */
    const char **s;
    int n;
} syn_strs;

struct syn_model {
    syn_file file;
    const char *info;
    syn_strs tags;          /* joint "UPOS\tXPOS" */
    const char **upos, **xpos;
    int *upos_id;           /* joint tag -> index of its UPOS */
    pc_table tagger, parser;
    pc_table tagger2;       /* the second pass, which sees the first's tags */
    unsigned char *fin;     /* per joint tag: 1 if its usual features say VerbForm=Fin */
    syn_kv lex;             /* lower form -> ambiguity class */
    syn_kv xlex;            /* lower form -> its classes in the external lexicon */
    int has_xlex;
    syn_kv clus;            /* lower form -> its cluster's path (syn_clus_prefix) */
    int has_clus;
    syn_kv lemma, feats;    /* keys -> offsets in pool */
    const char *pool;
    size_t npool;
    syn_strs labels;
    int root_label;
    int beam;               /* beam width of decoding (1: greedy) */
    void *own[8];           /* memory of built tables (training) */
};

/* Feature atoms of one word. */
typedef struct syn_w {
    uint64_t form, lower, shape, pre1, pre2, suf1, suf2, suf3, suf4, amb;
    uint64_t xlex;          /* external lexicon classes; 0 when the model has none */
    uint64_t c4, c6, c10, cf; /* cluster path prefixes of 4, 6, 10 bits and the whole
                               path (SYN_NONE: no cluster); 0 when the model has none */
    unsigned flags;
    int tag;                /* joint tag id */
    int upos;               /* its UPOS (an index into the model's UPOS list) */
} syn_w;
enum { SW_DIGIT = 1, SW_HYPHEN = 2, SW_UPPER = 4, SW_ALLCAPS = 8 };

#define SYN_NONE 0x4e4f4e45ULL  /* atom of a missing position */
#define SYN_TAG_FEATS 96
#define SYN_DEP_FEATS 128
#define SYN_MAXBEAM 64        /* widest beam */
#define SYN_MAXCLASS PC_MAXCLASS /* tags or transitions a model may have */

/* A cluster path is packed as a leading 1 and then its first SYN_CLUS_BITS
 * bits (clusters.c); its prefix of k bits is packed the same way. */
#define SYN_CLUS_BITS 30
static inline uint32_t syn_clus_prefix(uint32_t v, int k)
{
    int len = 31 - __builtin_clz(v | 1);
    return len > k ? v >> (len - k) : v;
}
/* clusters.c: the cluster file ("bits<TAB>word<TAB>count" lines) into kv
 * (*own its memory). 0, or -1 with "FILE: reason" or "FILE:LINE: reason". */
int syn_load_clusters(const char *path, syn_kv *kv, uint32_t **own, FILE *log, char *err,
                      size_t errlen);

/* syntax.c: UPOS and XPOS of each joint tag (m->upos, m->xpos) */
int syn_split_tags(syn_model *m);
static inline void syn_set_tag(const syn_model *m, syn_w *w, int tag)
{
    w->tag = tag;
    w->upos = m->upos_id[tag];
}

/* tagger.c */
void syn_prepare(const syn_model *m, const ud_sent *s, syn_w *w);
uint64_t syn_lower_hash(const char *s);
int syn_tag_features(const syn_w *w, int n, int i, int p1, int p2, uint64_t *f);
/* The second pass's features: the first's plus the first pass's tags to
 * the right (first[]) and whether a finite verb comes before or after. */
typedef struct syn_ctx2 {
    const int *first;      /* first-pass tags of the sentence */
    const unsigned char *fin;
    int fin_left;          /* a finite verb among the tags so far */
} syn_ctx2;
int syn_tag2_features(const syn_w *w, int n, int i, int p1, int p2, const syn_ctx2 *c,
                      uint64_t *f);
/* The first pass alone (tags into w[].tag), or both passes. */
void syn_tag_pass1(const syn_model *m, syn_w *w, int n);
void syn_tag_sentence(const syn_model *m, syn_w *w, int n);
/* Fill m->fin from the features table (after it is loaded or built). */
int syn_finite_tags(syn_model *m);

/* morph.c: lemma and features of word form with joint tag t */
const char *syn_lemma(const syn_model *m, const char *form, int t, mem_arena *a);
const char *syn_feats(const syn_model *m, const char *form, int t);
uint64_t syn_lemma_key(const char *form, int t);
uint64_t syn_rule_key(int t, const char *lower, size_t suffix);
uint64_t syn_feats_key(const char *lower, int t);
char *syn_lower(const char *s, mem_arena *a);
/* The rule that turns form into lemma, as "C<strip>:<add>" (C is '=' keep
 * case, 'l' lower-cased first), in buf. */
void syn_lemma_rule(const char *form, const char *lemma, char *buf, size_t n);
const char *syn_apply_rule(const char *form, const char *rule, mem_arena *a);

/* depparse.c */
typedef struct syn_parse_state syn_parse_state;
int syn_parse_sentence(const syn_model *m, const syn_w *w, int n, int *head, int *label);
/* Training: one sentence through the dynamic oracle; gold heads are
 * 0-based word indices or n for the root. */
typedef struct syn_dep_trainer {
    pc_train *pc;
    int nlabels, root_label;
    int explore;            /* follow wrong predictions with probability p */
    double p;
    uint64_t rng;
    long steps, errors;
    int beam;               /* > 1: beam search, global training (beam.c) */
    int early;              /* early update instead of max-violation */
} syn_dep_trainer;
int syn_dep_train_sentence(syn_dep_trainer *t, const syn_w *w, int n, const int *ghead,
                           const int *glabel);
int syn_dep_nclass(int nlabels);

/* beam.c: decoding with a beam of k (<= SYN_MAXBEAM), and one sentence of
 * global training (t->beam wide, max-violation or early update). */
int syn_beam_parse(const syn_model *m, const syn_w *w, int n, int k, int *head, int *label);
int syn_dep_train_beam(syn_dep_trainer *t, const syn_w *w, int n, const int *gh,
                       const int *gl);

#endif
