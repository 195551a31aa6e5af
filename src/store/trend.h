/*
 * trend.h - the statistics of the alignment verdicts (align.c): a seeded
 * random generator for bootstraps (binomial and multinomial draws) and
 * permutations, percentiles, the
 * normal quantile, the Theil–Sen slope with Sen's distribution-free
 * interval, the Mann–Kendall test, and a change-point search (the split
 * that maximises the standardised difference of means, checked by
 * permutation). docs/report.md explains the choices.
 */
#ifndef ENT_TREND_H
#define ENT_TREND_H

#include <stdint.h>

/* splitmix64: deterministic from its seed. */
typedef struct trend_rng {
    uint64_t s;
} trend_rng;
uint64_t trend_next(trend_rng *r);
/* A uniform integer in [0, n), n > 0. */
int trend_below(trend_rng *r, int n);
/* A uniform double in [0, 1). */
double trend_uniform(trend_rng *r);
/* A draw of Binomial(n, p): inversion when n min(p, 1-p) < 10, else
 * Hormann's BTRS (transformed rejection with squeeze, 1993). */
long trend_binomial(trend_rng *r, long n, double p);
/* A resample with replacement of sum(count[0..k)) items that come in k
 * classes of count[i] each: how many of each were drawn (out[0..k)), as
 * a multinomial draw, one binomial per class; the same law as drawing
 * the items one by one, in O(k). */
void trend_multinomial(trend_rng *r, const long *count, int k, long *out);

/* The two-sided normal quantile: z with P(|Z| < z) = conf (0 < conf < 1). */
double trend_z(double conf);
/* The q-quantile (0..1, linear interpolation) of v[0..n); sorts v. NAN if
 * n is 0. */
double trend_quantile(double *v, int n, double q);

/* Theil–Sen slope of y over t (n points, t increasing) with Sen's
 * interval at level conf; NANs when n < 3 or memory runs out. */
void trend_theil_sen(const double *t, const double *y, int n, double conf, double *slope,
                     double *lo, double *hi);
/* Mann–Kendall: S, and the two-sided p of its normal approximation (with
 * the tie correction and continuity correction); p = 1 when n < 3. */
void trend_mann_kendall(const double *y, int n, double *s, double *p);

/* The best split of y[0..n) into y[0..at) and y[at..n), each of at least
 * min_seg values, by |mean after - mean before| * sqrt(k (n-k) / n), and
 * the share of `perms` random reorderings of y whose best split scores at
 * least as high (p, with the +1 correction). at = -1 when n < 2 min_seg. */
typedef struct trend_split {
    int at;
    double before, after, p;
} trend_split;
void trend_change_point(const double *y, int n, int min_seg, int perms, uint64_t seed,
                        trend_split *out);

#endif
