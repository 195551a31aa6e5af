/*
 * syntax.h - the trained syntactic analyser: a tagger (averaged perceptron
 * over joint UPOS+XPOS tags), a lemmatizer and feature guesser learned from
 * the treebank's columns, and a greedy arc-hybrid dependency parser trained
 * with a dynamic oracle. One model file (data/en.syntax) holds all three;
 * nothing in this stage knows which language it is.
 */
#ifndef ENT_SYNTAX_H
#define ENT_SYNTAX_H

#include <stdio.h>
#include "base/mem.h"
#include "syntax/ud.h"

typedef struct syn_model syn_model;

/* Map and check a model file. NULL with a one-line reason in err. */
syn_model *syn_model_load(const char *path, char *err, size_t errlen);
/* The same over bytes the caller keeps alive (8-byte aligned): fuzzing. */
syn_model *syn_model_from_bytes(const void *buf, size_t len, char *err, size_t errlen);
void syn_model_free(syn_model *m);
/* The model's description ("key=value" lines written by the trainer). */
const char *syn_model_info(const syn_model *m);

enum {
    SYN_TAG = 1,     /* UPOS, XPOS, FEATS, LEMMA from the words' forms */
    SYN_PARSE = 2    /* HEAD and DEPREL (from the tags in s) */
};
/* Annotate s in place. Strings come from the model or from a. Thread-safe
 * for one model and many threads. 0, or -1 on out of memory. */
int syn_annotate(const syn_model *m, ud_sent *s, mem_arena *a, unsigned what);
/* Tag s, call retag (which may change words' UPOS, XPOS, FEATS and
 * LEMMA, reading no heads, and returns how many words it changed), then
 * parse: the result of syn_annotate(SYN_TAG | SYN_PARSE), retag and, when
 * it changed a word, syn_annotate(SYN_PARSE), with one parse fewer. */
typedef int (*syn_retag_fn)(ud_sent *s, void *arg);
int syn_annotate_retag(const syn_model *m, ud_sent *s, mem_arena *a, syn_retag_fn retag,
                       void *arg);

/* Training (train.c). */
typedef struct syn_train_opts {
    const char *train, *dev, *out;
    int tag_epochs, parse_epochs;
    int folds;           /* jackknife folds for the parser's training tags */
    unsigned seed;
    int min_count;       /* features updated fewer times are pruned */
    FILE *log;
    const char *lexicon; /* an external lexicon ("form<TAB>classes" lines), or NULL */
    int beam;            /* > 1: beam search and global training */
    int early;           /* with a beam: early update, not max-violation */
    const char *clusters; /* word clusters ("bits<TAB>word<TAB>count" lines), or NULL */
} syn_train_opts;
int syn_train(const syn_train_opts *o, char *err, size_t errlen);

#endif
