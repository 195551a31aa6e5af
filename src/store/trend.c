/*
 * trend.c - the statistics behind the alignment verdicts (trend.h). All
 * of it is deterministic: every random draw comes from a splitmix64
 * generator seeded by the caller, so a store gives the same verdict on
 * every run.
 */
#include "store/trend.h"
#include "base/hash.h"
#include "base/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t trend_next(trend_rng *r)
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return hash_mix64(r->s);
}

int trend_below(trend_rng *r, int n)
{
    return (int)((trend_next(r) >> 11) % (uint64_t)n);
}

double trend_uniform(trend_rng *r)
{
    return (double)(trend_next(r) >> 11) * 0x1p-53;
}

/* Binomial(n, p) for n p < 10 (p <= 0.5): walk the distribution function
 * from 0, the probabilities by their ratio. */
static long binomial_inversion(trend_rng *r, long n, double p)
{
    double q = 1 - p, s = p / q, a = (double)(n + 1) * s;
    for (;;) {
        double f = pow(q, (double)n), u = trend_uniform(r);
        long x = 0;
        while (u > f && x < n) {
            u -= f;
            x++;
            f *= a / (double)x - s;
        }
        if (u <= f)
            return x;
    } /* u left over by rounding at x = n: draw again */
}

/* log Gamma(x), without lgamma's global sign (the server's threads). */
static double log_gamma(double x)
{
    int sign;
    return lgamma_r(x, &sign);
}

/* Binomial(n, p) for n p >= 10 (p <= 0.5): BTRS. */
static long binomial_btrs(trend_rng *r, long n, double p)
{
    double q = 1 - p, spq = sqrt((double)n * p * q), b = 1.15 + 2.53 * spq;
    double a = -0.0873 + 0.0248 * b + 0.01 * p, c = (double)n * p + 0.5, vr = 0.92 - 4.2 / b;
    double alpha = (2.83 + 5.1 / b) * spq, lpq = log(p / q);
    double m = floor((double)(n + 1) * p), h = log_gamma(m + 1) + log_gamma((double)n - m + 1);
    for (;;) {
        double u = trend_uniform(r) - 0.5, v = trend_uniform(r), us = 0.5 - fabs(u);
        double k = floor((2 * a / us + b) * u + c);
        if (k < 0 || k > (double)n)
            continue;
        if (us >= 0.07 && v <= vr)
            return (long)k;
        v = log(v * alpha / (a / (us * us) + b));
        if (v <= h - log_gamma(k + 1) - log_gamma((double)n - k + 1) + (k - m) * lpq)
            return (long)k;
    }
}

long trend_binomial(trend_rng *r, long n, double p)
{
    if (n <= 0 || p <= 0)
        return 0;
    if (p >= 1)
        return n;
    if (p > 0.5)
        return n - trend_binomial(r, n, 1 - p);
    return (double)n * p < 10 ? binomial_inversion(r, n, p) : binomial_btrs(r, n, p);
}

void trend_multinomial(trend_rng *r, const long *count, int k, long *out)
{
    long total = 0;
    for (int i = 0; i < k; i++)
        total += count[i];
    long left = total;
    for (int i = 0; i < k; i++) {
        out[i] = i == k - 1 || count[i] >= total ? left
                 : count[i] <= 0 ? 0
                 : trend_binomial(r, left, (double)count[i] / (double)total);
        left -= out[i];
        total -= count[i];
    }
}

double trend_z(double conf)
{
    double lo = 0, hi = 10, alpha = 1 - conf;
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (erfc(mid / sqrt(2.0)) > alpha)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

double trend_quantile(double *v, int n, double q)
{
    if (n <= 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double at = q * (n - 1);
    int i = (int)floor(at);
    if (i >= n - 1)
        return v[n - 1];
    return v[i] + (at - i) * (v[i + 1] - v[i]);
}

/* The variance of Mann–Kendall's S without ties. */
static double s_variance(int n) { return n * (n - 1.0) * (2.0 * n + 5) / 18.0; }

void trend_theil_sen(const double *t, const double *y, int n, double conf, double *slope,
                     double *lo, double *hi)
{
    *slope = *lo = *hi = NAN;
    if (n < 3)
        return;
    int m = n * (n - 1) / 2, k = 0;
    double *s = mem_malloc(sizeof *s * (size_t)m);
    if (!s)
        return;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            s[k++] = (y[j] - y[i]) / (t[j] - t[i]);
    *slope = trend_quantile(s, m, 0.5);
    /* Sen (1968): the ranks (N -+ z sqrt(Var S)) / 2 of the sorted slopes */
    double c = trend_z(conf) * sqrt(s_variance(n));
    double r1 = (m - c) / 2, r2 = (m + c) / 2;
    int i1 = (int)floor(r1), i2 = (int)ceil(r2);
    *lo = s[i1 < 0 ? 0 : i1 > m - 1 ? m - 1 : i1];
    *hi = s[i2 < 0 ? 0 : i2 > m - 1 ? m - 1 : i2];
    mem_free(s);
}

void trend_mann_kendall(const double *y, int n, double *s, double *p)
{
    *s = 0;
    *p = 1;
    if (n < 3)
        return;
    double S = 0, ties = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            S += (y[j] > y[i]) - (y[j] < y[i]);
    /* tie groups: for each value, the count of equal values (once per group) */
    for (int i = 0; i < n; i++) {
        int first = 1, c = 0;
        for (int j = 0; j < n; j++) {
            if (y[j] == y[i]) {
                if (j < i)
                    first = 0;
                c++;
            }
        }
        if (first && c > 1)
            ties += c * (c - 1.0) * (2.0 * c + 5) / 18.0;
    }
    double var = s_variance(n) - ties;
    *s = S;
    if (var <= 0 || S == 0)
        return;
    double z = (S - (S > 0 ? 1 : -1)) / sqrt(var);
    *p = erfc(fabs(z) / sqrt(2.0));
}

/* The best split's score and place. */
static double best_split(const double *y, int n, int min_seg, int *at)
{
    double total = 0, left = 0, best = -1;
    for (int i = 0; i < n; i++)
        total += y[i];
    *at = -1;
    for (int k = 1; k < n; k++) {
        left += y[k - 1];
        if (k < min_seg || n - k < min_seg)
            continue;
        double d = fabs((total - left) / (n - k) - left / k) * sqrt((double)k * (n - k) / n);
        if (d > best + 1e-12) {
            best = d;
            *at = k;
        }
    }
    return best;
}

void trend_change_point(const double *y, int n, int min_seg, int perms, uint64_t seed,
                        trend_split *out)
{
    memset(out, 0, sizeof *out);
    out->at = -1;
    out->p = 1;
    out->before = out->after = NAN;
    if (min_seg < 1)
        min_seg = 1;
    if (n < 2 * min_seg)
        return;
    int at;
    double obs = best_split(y, n, min_seg, &at);
    if (at < 0)
        return;
    double b = 0, a = 0;
    for (int i = 0; i < n; i++)
        *(i < at ? &b : &a) += y[i];
    out->at = at;
    out->before = b / at;
    out->after = a / (n - at);
    double *w = mem_malloc(sizeof *w * (size_t)n);
    if (!w)
        return;
    memcpy(w, y, sizeof *w * (size_t)n);
    trend_rng r = {seed};
    int higher = 0;
    for (int k = 0; k < perms; k++) {
        for (int i = n - 1; i > 0; i--) {
            int j = trend_below(&r, i + 1);
            double x = w[i];
            w[i] = w[j];
            w[j] = x;
        }
        int dummy;
        higher += best_split(w, n, min_seg, &dummy) >= obs - 1e-12;
    }
    out->p = (1.0 + higher) / (1.0 + perms);
    mem_free(w);
}
