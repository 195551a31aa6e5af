/*
 * udeval.h - the CoNLL 2018 shared task's scores over ud_sent (udeval.c)
 * and raw text made into ud_sent words by entente's own sentence splitter
 * and tokenizer (udtext.c), so a system's tokens, tags and trees can be
 * scored against a treebank from gold tokens or from raw text.
 *
 * The definitions are those of the task's conll18_ud_eval.py: gold and
 * system words are aligned through the characters of their tokens with
 * white space (Unicode Zs) removed; inside a multiword span the words are
 * aligned by the longest common subsequence of their lower-cased forms.
 */
#ifndef ENT_UDEVAL_H
#define ENT_UDEVAL_H

#include <stddef.h>
#include "base/mem.h"
#include "syntax/ud.h"

/* F1 scores in percent (0..100). tokens, sentences and words compare
 * spans; the others count aligned words whose field matches, over
 * (gold_words + sys_words) / 2, as the official script does. las ignores
 * relation subtypes after ':', las_full compares the whole relation;
 * clas, mlas and blex are restricted to content relations. */
typedef struct ud_scores {
    double tokens, sentences, words;
    double upos, xpos, ufeats, alltags, lemmas;
    double uas, las, las_full, clas, mlas, blex;
    long gold_tokens, sys_tokens, gold_words, sys_words, aligned_words;
    long gold_sents, sys_sents;
} ud_scores;

/* Score sys against gold. Returns 0; -1 with a message in err when the
 * two texts (the tokens' characters without white space) differ (the
 * message gives the first differing characters), when a token's form is
 * all white space, or when memory runs out. */
int ud_evaluate(const ud_sent *gold, int ngold, const ud_sent *sys, int nsys,
                ud_scores *out, char *err, size_t errlen);

/* Print the scores as a table, one metric a line. */
void ud_scores_print(FILE *f, const ud_scores *s);

/* Segment text[0..len) with seg_split into sentences of words: forms and
 * byte spans (start, end) from the text, clitics split from their host as
 * multiword tokens ("don't" = do + n't), lemma and tags "_", head -1.
 * *out is an array in the arena a, as are its strings; *n its count.
 * Returns 0, or -1 when memory runs out. */
int ud_from_text(mem_arena *a, const char *text, size_t len, ud_sent **out,
                 int *n);

/* The raw text of a treebank, rebuilt from its "# text =" lines: joined
 * with a space within a paragraph, a blank line at "# newpar" and
 * "# newdoc". A NUL-terminated string the caller frees with mem_free
 * (*len its length), NULL when memory runs out. */
char *ud_raw_text(const ud_sent *s, int n, size_t *len);

/* Tokens, sentences and words of entente's splitter on the raw text of
 * gold against gold (ud_raw_text, ud_from_text, ud_evaluate). Returns
 * 0, or -1 with a message in err. */
int ud_eval_tokenizer(const ud_sent *gold, int ngold, ud_scores *out,
                      char *err, size_t errlen);

#endif
