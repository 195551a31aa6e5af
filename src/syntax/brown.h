/*
 * brown.h - Brown clustering (Brown et al. 1992) with the windowed
 * approximation of Liang (2005): words are taken in order of frequency,
 * C clusters are kept active, each new word enters as a cluster of its own
 * and the pair of clusters whose merge loses the least average mutual
 * information of adjacent clusters is merged; when every word is in, the C
 * clusters are merged down to one, and that binary tree gives each cluster
 * its path of bits (0 left, 1 right). Deterministic: ties go to the first
 * pair in slot order.
 */
#ifndef ENT_BROWN_H
#define ENT_BROWN_H

#include <stdint.h>
#include <stdio.h>

/* Words 0..nwords-1 in order of frequency (most frequent first), their
 * counts, and their bigram counts as two adjacency lists: right[ro[w] ..
 * ro[w + 1]) the words that follow w (rn: how often), left[lo[w] ..
 * lo[w + 1]) those that precede it. */
typedef struct brown_input {
    int nwords;
    const double *count;
    const int64_t *ro, *lo;
    const int32_t *right, *left;
    const double *rn, *ln;
} brown_input;

/* Cluster in->nwords words into at most nclusters. On success, cluster[w]
 * is w's cluster (0 .. *ncl - 1) and paths[c] its bit string (mem_free
 * each and the array). 0, or -1 when memory runs out. log: progress. */
int brown_cluster(const brown_input *in, int nclusters, FILE *progress, int *cluster, char ***paths,
                  int *ncl);

#endif
