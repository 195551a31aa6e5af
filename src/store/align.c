/*
 * align.c - are two actors (ent_align, ent_align_judge) or a group
 * (ent_bloc) on the same side, and since when? Per period, the cosine of
 * the members' quad-class count vectors toward every third party, with a
 * bootstrap interval from resampling each member's events; over the
 * periods, a verdict (trend.c: change point, Theil-Sen, Mann-Kendall); and
 * the third parties where two actors differ most, with the events behind
 * it. Only the events whose source is a member are read, on the source
 * index. The measure and its defaults are explained in docs/report.md.
 */
#include "entente.h"
#include "base/hash.h"
#include "base/mem.h"
#include "store/analysis.h"
#include "store/store.h"
#include "store/trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x656e74656e7465ULL  /* "entente": every draw starts here */
#define PERMUTATIONS 999

/* A member's event toward a third party (or toward another member). */
typedef struct mev {
    int period, third, member, quad;
    unsigned tmask;          /* the members the target is, a bit each */
    double goldstein;
    long long id;
} mev;

typedef struct direct {
    long n[2];               /* A -> B, B -> A */
    double g[2];
} direct;

/* Everything read from the store for one analysis. */
typedef struct collect {
    const ent_query *q;
    const char *const *members;
    int nm, cur;
    hash_map pmap, tmap;
    char (*pname)[11];
    direct *dir;
    int np, capp;
    char (*tname)[32];
    int nt, capt;
    mev *ev;
    size_t nev, capev;
} collect;

static void collect_free(collect *c)
{
    hash_map_free(&c->pmap);
    hash_map_free(&c->tmap);
    mem_free(c->pname);
    mem_free(c->dir);
    mem_free(c->tname);
    mem_free(c->ev);
}

/* The member a stored code belongs to: the longest member it starts with. */
static int member_of(const collect *c, const char *raw)
{
    int best = -1;
    size_t len = 0;
    for (int i = 0; i < c->nm; i++)
        if (analysis_matches(raw, c->members[i]) && strlen(c->members[i]) > len) {
            best = i;
            len = strlen(c->members[i]);
        }
    return best;
}

static int period_index(collect *c, const char *name)
{
    int i = hash_map_get(&c->pmap, name);
    if (i >= 0)
        return i;
    if (c->np == c->capp) {
        int cap = c->capp ? c->capp * 2 : 32;
        char (*pn)[11] = mem_realloc(c->pname, sizeof *pn * (size_t)cap);
        if (!pn)
            return -1;
        c->pname = pn;
        direct *d = mem_realloc(c->dir, sizeof *d * (size_t)cap);
        if (!d)
            return -1;
        c->dir = d;
        c->capp = cap;
    }
    memcpy(c->pname[c->np], name, 11);
    memset(&c->dir[c->np], 0, sizeof c->dir[c->np]);
    if (hash_map_put(&c->pmap, name, c->np) < 0)
        return -1;
    return c->np++;
}

static int third_index(collect *c, const char *name)
{
    int i = hash_map_get(&c->tmap, name);
    if (i >= 0)
        return i;
    if (c->nt == c->capt) {
        int cap = c->capt ? c->capt * 2 : 64;
        char (*tn)[32] = mem_realloc(c->tname, sizeof *tn * (size_t)cap);
        if (!tn)
            return -1;
        c->tname = tn;
        c->capt = cap;
    }
    memcpy(c->tname[c->nt], name, 32);
    if (hash_map_put(&c->tmap, name, c->nt) < 0)
        return -1;
    return c->nt++;
}

static int collect_row(void *ud, const arow *r)
{
    collect *c = ud;
    int who = member_of(c, r->raw_src);
    if (who != c->cur)
        return 0; /* another member's (a longer code), or read for it */
    unsigned tmask = 0;
    for (int j = 0; j < c->nm; j++)
        if (analysis_matches(r->raw_tgt, c->members[j]))
            tmask |= 1u << j;
    if (tmask & (1u << who))
        return 0; /* within the member: IRNGOV -> IRNMIL */
    int p = period_index(c, r->period);
    if (p < 0)
        return -1;
    if (c->nm == 2 && tmask) {
        c->dir[p].n[who]++;
        c->dir[p].g[who] += r->goldstein;
    }
    int t = third_index(c, r->tgt);
    if (t < 0)
        return -1;
    if (c->nev == c->capev) {
        size_t cap = c->capev ? c->capev * 2 : 1024;
        mev *e = mem_realloc(c->ev, sizeof *e * cap);
        if (!e)
            return -1;
        c->ev = e;
        c->capev = cap;
    }
    c->ev[c->nev++] = (mev){p, t, who, r->quad, tmask, r->goldstein, r->id};
    return 0;
}

static int cmp_mev(const void *x, const void *y)
{
    const mev *a = x, *b = y;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_pidx(const void *x, const void *y, void *names)
{
    const char (*pn)[11] = names;
    return strcmp(pn[*(const int *)x], pn[*(const int *)y]);
}

/* Read every member's events, then number the periods in date order and
 * sort the events by period and member. */
static ent_rc collect_read(ent_store *s, collect *c)
{
    for (c->cur = 0; c->cur < c->nm; c->cur++) {
        ent_rc rc = analysis_each_event(s, c->q, c->members[c->cur], collect_row, c, NULL);
        if (rc != ENT_OK)
            return rc;
    }
    int *order = mem_malloc(sizeof *order * (size_t)(c->np + 1));
    int *rank = mem_malloc(sizeof *rank * (size_t)(c->np + 1));
    char (*pn)[11] = mem_malloc(sizeof *pn * (size_t)(c->np + 1));
    direct *dir = mem_malloc(sizeof *dir * (size_t)(c->np + 1));
    if (!order || !rank || !pn || !dir) {
        mem_free(order);
        mem_free(rank);
        mem_free(pn);
        mem_free(dir);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < c->np; i++)
        order[i] = i;
    qsort_r(order, (size_t)c->np, sizeof *order, cmp_pidx, c->pname);
    for (int i = 0; i < c->np; i++) {
        rank[order[i]] = i;
        memcpy(pn[i], c->pname[order[i]], 11);
        dir[i] = c->dir[order[i]];
    }
    for (size_t k = 0; k < c->nev; k++)
        c->ev[k].period = rank[c->ev[k].period];
    mem_free(c->pname);
    mem_free(c->dir);
    c->pname = pn;
    c->dir = dir;
    mem_free(order);
    mem_free(rank);
    if (c->nev > 1)
        qsort(c->ev, c->nev, sizeof *c->ev, cmp_mev);
    return ENT_OK;
}

/* ---- one period ---- */

/* The events of one period, per member, and scratch space sized for every
 * third party. */
typedef struct view {
    const mev *ev[ENT_BLOC_MAX];
    int n[ENT_BLOC_MAX];
    int *loc, *touched;
    double *va, *vb;
} view;

/* The cosine of members i and j's quad-class counts toward the parties
 * outside the pair, each event weighted by w (NULL: 1); *ni, *nj get the
 * events counted. NAN when either vector is empty. */
static double pair_cosine(view *v, int i, int j, const int *wi, const int *wj, long *ni,
                          long *nj)
{
    unsigned excl = (1u << i) | (1u << j);
    int nloc = 0;
    const int side[2] = {i, j};
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < v->n[side[s]]; k++) {
            const mev *e = &v->ev[side[s]][k];
            if (!(e->tmask & excl) && e->quad >= 1 && e->quad <= 4 && v->loc[e->third] < 0) {
                v->loc[e->third] = nloc;
                v->touched[nloc++] = e->third;
            }
        }
    memset(v->va, 0, sizeof *v->va * (size_t)nloc * 4);
    memset(v->vb, 0, sizeof *v->vb * (size_t)nloc * 4);
    long cnt[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        const int *w = s ? wj : wi;
        double *vec = s ? v->vb : v->va;
        for (int k = 0; k < v->n[side[s]]; k++) {
            const mev *e = &v->ev[side[s]][k];
            if ((e->tmask & excl) || e->quad < 1 || e->quad > 4)
                continue;
            int wt = w ? w[k] : 1;
            vec[v->loc[e->third] * 4 + e->quad - 1] += wt;
            cnt[s] += wt;
        }
    }
    double dot = 0, na = 0, nb = 0;
    for (int k = 0; k < nloc * 4; k++) {
        dot += v->va[k] * v->vb[k];
        na += v->va[k] * v->va[k];
        nb += v->vb[k] * v->vb[k];
    }
    for (int k = 0; k < nloc; k++)
        v->loc[v->touched[k]] = -1;
    *ni = cnt[0];
    *nj = cnt[1];
    return na > 0 && nb > 0 ? dot / (sqrt(na) * sqrt(nb)) : NAN;
}

/* Which pairs of the period have enough events, and their similarity:
 * sim[i * nm + j] for i < j (NAN when too few). Returns how many. */
static int period_pairs(view *v, int nm, int min, double *sim, long *events)
{
    int ok = 0;
    for (int i = 0; i < nm; i++)
        for (int j = i + 1; j < nm; j++) {
            long ni, nj;
            double c = pair_cosine(v, i, j, NULL, NULL, &ni, &nj);
            if (events)
                events[i * nm + j] = ni + nj;
            sim[i * nm + j] = ni >= min && nj >= min ? c : NAN;
            ok += !isnan(sim[i * nm + j]);
        }
    return ok;
}

/* The bootstrap interval of the mean similarity `est` of the pairs valid
 * in sim: each member's events of the period resampled (the same draw
 * for all its pairs), `reps` times. The cosine of counts is biased (a
 * resample, like a sample, looks less alike than the behaviour it comes
 * from), so the percentile interval is shifted by the bootstrap's
 * estimate of that bias (mean of the draws minus est) and kept in 0..1. */
static void period_interval(view *v, int nm, const double *sim, double est, int reps,
                            uint64_t seed, int *w[], double *draws, double *lo, double *hi)
{
    trend_rng r = {seed};
    int nd = 0;
    double mean = 0;
    for (int k = 0; k < reps; k++) {
        for (int m = 0; m < nm; m++) {
            memset(w[m], 0, sizeof *w[m] * (size_t)v->n[m]);
            for (int d = 0; d < v->n[m]; d++)
                w[m][trend_below(&r, v->n[m])]++;
        }
        double sum = 0;
        int cnt = 0;
        for (int i = 0; i < nm; i++)
            for (int j = i + 1; j < nm; j++) {
                long ni, nj;
                if (isnan(sim[i * nm + j]))
                    continue;
                double c = pair_cosine(v, i, j, w[i], w[j], &ni, &nj);
                sum += isnan(c) ? 0 : c; /* a side drawn empty has nothing in common */
                cnt++;
            }
        if (cnt) {
            draws[nd++] = sum / cnt;
            mean += sum / cnt;
        }
    }
    double a = (1 - ENT_ALIGN_CONF) / 2, bias = nd ? mean / nd - est : 0;
    *lo = trend_quantile(draws, nd, a) - bias;
    *hi = trend_quantile(draws, nd, 1 - a) - bias;
    *lo = *lo < 0 ? 0 : *lo > 1 ? 1 : *lo;
    *hi = *hi < 0 ? 0 : *hi > 1 ? 1 : *hi;
}

/* ---- the scratch of a whole analysis ---- */

typedef struct scratch {
    view v;
    int *w[ENT_BLOC_MAX];
    double *draws, *sim;
    long *pev;
} scratch;

static void scratch_free(scratch *s)
{
    mem_free(s->v.loc);
    mem_free(s->v.touched);
    mem_free(s->v.va);
    mem_free(s->v.vb);
    for (int i = 0; i < ENT_BLOC_MAX; i++)
        mem_free(s->w[i]);
    mem_free(s->draws);
    mem_free(s->sim);
    mem_free(s->pev);
}

/* most: the largest number of events of one member in one view. */
static int scratch_init(scratch *s, const collect *c, int reps, size_t most)
{
    memset(s, 0, sizeof *s);
    size_t nt = (size_t)c->nt + 1;
    s->v.loc = mem_malloc(sizeof *s->v.loc * nt);
    s->v.touched = mem_malloc(sizeof *s->v.touched * nt);
    s->v.va = mem_malloc(sizeof *s->v.va * nt * 4);
    s->v.vb = mem_malloc(sizeof *s->v.vb * nt * 4);
    s->draws = mem_malloc(sizeof *s->draws * (size_t)(reps + 1));
    s->sim = mem_malloc(sizeof *s->sim * (size_t)(c->nm * c->nm));
    s->pev = mem_calloc((size_t)(c->nm * c->nm), sizeof *s->pev);
    for (int i = 0; i < c->nm; i++)
        if (!(s->w[i] = mem_malloc(sizeof *s->w[i] * most)))
            return -1;
    if (!s->v.loc || !s->v.touched || !s->v.va || !s->v.vb || !s->draws || !s->sim || !s->pev)
        return -1;
    for (size_t k = 0; k < nt; k++)
        s->v.loc[k] = -1;
    return 0;
}

/* The most events of one member in one period. */
static size_t most_per_period(const collect *c)
{
    size_t most = 1;
    for (size_t k = 0, run = 0; k < c->nev; k++) {
        run = k && c->ev[k].period == c->ev[k - 1].period &&
              c->ev[k].member == c->ev[k - 1].member ? run + 1 : 1;
        if (run > most)
            most = run;
    }
    return most;
}

static int cmp_member(const void *x, const void *y)
{
    const mev *a = x, *b = y;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The measure over every period at once (the members' events pooled),
 * with its interval, into v->overall... */
static ent_rc pooled(const collect *c, int min, int reps, ent_verdict *v)
{
    v->overall = v->overall_lo = v->overall_hi = NAN;
    v->overall_events = 0;
    mev *ev = mem_malloc(sizeof *ev * (c->nev + 1));
    if (!ev)
        return ENT_ENOMEM;
    memcpy(ev, c->ev, sizeof *ev * c->nev);
    qsort(ev, c->nev, sizeof *ev, cmp_member);
    scratch sc;
    view *w = &sc.v;
    if (scratch_init(&sc, c, reps, c->nev + 1) < 0) {
        scratch_free(&sc);
        mem_free(ev);
        return ENT_ENOMEM;
    }
    for (int m = 0; m < c->nm; m++) {
        w->n[m] = 0;
        w->ev[m] = ev;
    }
    for (size_t k = 0; k < c->nev; k++) {
        if (!w->n[ev[k].member])
            w->ev[ev[k].member] = ev + k;
        w->n[ev[k].member]++;
    }
    for (int m = 0; m < c->nm; m++)
        v->overall_events += w->n[m];
    int ok = period_pairs(w, c->nm, min, sc.sim, NULL);
    if (ok) {
        double sum = 0;
        for (int i = 0; i < c->nm; i++)
            for (int j = i + 1; j < c->nm; j++)
                sum += isnan(sc.sim[i * c->nm + j]) ? 0 : sc.sim[i * c->nm + j];
        v->overall = sum / ok;
        period_interval(w, c->nm, sc.sim, v->overall, reps, SEED ^ (uint64_t)c->nm, sc.w,
                        sc.draws, &v->overall_lo, &v->overall_hi);
    }
    scratch_free(&sc);
    mem_free(ev);
    return ENT_OK;
}

/* Point the view at period p's events, starting at *at (events sorted). */
static void view_period(view *v, const collect *c, int p, size_t *at)
{
    for (int m = 0; m < c->nm; m++) {
        v->n[m] = 0;
        v->ev[m] = c->ev + *at;
    }
    while (*at < c->nev && c->ev[*at].period == p) {
        int m = c->ev[*at].member, start = (int)*at;
        v->ev[m] = c->ev + *at;
        while (*at < c->nev && c->ev[*at].period == p && c->ev[*at].member == m)
            (*at)++;
        v->n[m] = (int)*at - start;
    }
}

static uint64_t period_seed(const char *name, int nm)
{
    return hash_mix64(SEED ^ hash_str(name) ^ (uint64_t)nm);
}

/* ---- the verdict ---- */

/* The verdict over count values y (at period numbers t, names per value),
 * among `periods` periods, behind `events` events. */
static void judge(const double *t, const double *y, char (*names)[11], int count, int periods,
                  long events, ent_period by, ent_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->periods = periods;
    v->valid = count;
    v->events = events;
    v->unit = analysis_period_unit(by);
    trend_split sp;
    trend_change_point(y, count, 2, PERMUTATIONS, SEED ^ (uint64_t)count, &sp);
    v->p_change = sp.p;
    v->change = sp.at >= 0 && sp.p < 1 - ENT_ALIGN_CONF &&
                fabs(sp.after - sp.before) >= ENT_ALIGN_MIN_SHIFT;
    if (v->change) {
        memcpy(v->from, names[sp.at], 11);
        analysis_period_label(v->from, by, v->from_label);
        v->before = sp.before;
        v->after = sp.after;
    } else {
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += y[i];
        v->before = v->after = count ? sum / count : NAN;
    }
    trend_theil_sen(t, y, count, ENT_ALIGN_CONF, &v->slope, &v->slope_lo, &v->slope_hi);
    double s;
    trend_mann_kendall(y, count, &s, &v->mk_p);
    if (v->mk_p < 1 - ENT_ALIGN_CONF && !isnan(v->slope_lo))
        v->trend = v->slope_hi < 0 ? -1 : v->slope_lo > 0 ? 1 : 0;
}

/* ---- alignment ---- */

/* The older figures of a period: Goldstein sums per third party, their
 * cosine, and the largest normalised gaps. */
typedef struct gsum {
    int third;
    double a, b;
} gsum;

static int cmp_gap(const void *x, const void *y)
{
    const gsum *a = x, *b = y;
    double fa = fabs(a->a), fb = fabs(b->a);
    if (fa != fb)
        return fa < fb ? 1 : -1;
    return a->third - b->third;
}

static int goldstein_figures(view *v, const collect *c, ent_align_row *o)
{
    gsum *g = mem_calloc((size_t)(v->n[0] + v->n[1]) + 1, sizeof *g);
    int ng = 0;
    if (!g)
        return -1;
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < v->n[s]; k++) {
            const mev *e = &v->ev[s][k];
            if (e->tmask & 3u)
                continue;
            if (v->loc[e->third] < 0) {
                v->loc[e->third] = ng;
                g[ng++].third = e->third;
            }
            *(s ? &g[v->loc[e->third]].b : &g[v->loc[e->third]].a) += e->goldstein;
        }
    double dot = 0, na = 0, nb = 0;
    for (int k = 0; k < ng; k++) {
        v->loc[g[k].third] = -1;
        dot += g[k].a * g[k].b;
        na += g[k].a * g[k].a;
        nb += g[k].b * g[k].b;
    }
    o->nthird = ng;
    o->goldstein_cosine = na > 0 && nb > 0 ? dot / (sqrt(na) * sqrt(nb)) : NAN;
    double sa = na > 0 ? sqrt(na) : 1, sb = nb > 0 ? sqrt(nb) : 1;
    for (int k = 0; k < ng; k++)
        g[k].a = g[k].a / sa - g[k].b / sb; /* a is now the gap */
    if (ng)
        qsort(g, (size_t)ng, sizeof *g, cmp_gap);
    for (int k = 0; k < ng && o->ndiverge < ENT_ALIGN_TOP; k++) {
        if (fabs(g[k].a) < 1e-12)
            break;
        o->gap[o->ndiverge] = g[k].a;
        memcpy(o->diverge[o->ndiverge], c->tname[g[k].third], 32);
        o->ndiverge++;
    }
    mem_free(g);
    return 0;
}

/* One row per period, from the sorted events. */
static ent_rc align_rows(const collect *c, scratch *sc, int min, int reps, ent_align_row *out)
{
    size_t at = 0;
    for (int p = 0; p < c->np; p++) {
        ent_align_row *o = &out[p];
        memset(o, 0, sizeof *o);
        memcpy(o->period, c->pname[p], 11);
        o->ab_events = c->dir[p].n[0];
        o->ba_events = c->dir[p].n[1];
        o->ab_goldstein = c->dir[p].g[0];
        o->ba_goldstein = c->dir[p].g[1];
        view_period(&sc->v, c, p, &at);
        double sim;
        long na, nb;
        sim = pair_cosine(&sc->v, 0, 1, NULL, NULL, &na, &nb);
        o->a_events = na;
        o->b_events = nb;
        o->too_few = na < min || nb < min;
        o->similarity = o->sim_lo = o->sim_hi = NAN;
        if (!o->too_few && !isnan(sim)) {
            o->similarity = sim;
            sc->sim[1] = sim;
            period_interval(&sc->v, 2, sc->sim, sim, reps, period_seed(o->period, 2), sc->w,
                            sc->draws, &o->sim_lo, &o->sim_hi);
        }
        if (goldstein_figures(&sc->v, c, o) < 0)
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* The verdict on rows[0..n): the periods with a similarity. */
static ent_rc align_verdict(const ent_align_row *rows, int n, ent_period by, ent_verdict *v)
{
    double *t = mem_malloc(sizeof *t * (size_t)(n + 1)), *y = mem_malloc(sizeof *y * (size_t)(n + 1));
    char (*names)[11] = mem_malloc(sizeof *names * (size_t)(n + 1));
    int k = 0;
    long events = 0;
    if (!t || !y || !names) {
        mem_free(t);
        mem_free(y);
        mem_free(names);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        if (!isnan(rows[i].similarity) && strlen(rows[i].period) == 10) {
            t[k] = analysis_period_number(rows[i].period, by);
            y[k] = rows[i].similarity;
            memcpy(names[k], rows[i].period, 11);
            events += rows[i].a_events + rows[i].b_events;
            k++;
        }
    judge(t, y, names, k, n, events, by, v);
    mem_free(t);
    mem_free(y);
    mem_free(names);
    return ENT_OK;
}

/* ---- what drives the difference ---- */

typedef struct tally {
    int third;
    double q[2][4], g[2];
    double gap;
} tally;

static int cmp_tally(const void *x, const void *y)
{
    const tally *a = x, *b = y;
    if (a->gap != b->gap)
        return a->gap < b->gap ? 1 : -1;
    return a->third - b->third;
}

/* The evidence of event id from the store. */
static void evidence_of(ent_store *s, long long id, ent_evidence *e)
{
    sqlite3_stmt *st = NULL;
    memset(e, 0, sizeof *e);
    e->id = id;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT doc_id, sentence, coalesce(date, ''), source, target, code,"
                           " goldstein FROM events WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *const col[5] = {(const char *)sqlite3_column_text(st, 0),
                                    (const char *)sqlite3_column_text(st, 2),
                                    (const char *)sqlite3_column_text(st, 3),
                                    (const char *)sqlite3_column_text(st, 4),
                                    (const char *)sqlite3_column_text(st, 5)};
        snprintf(e->doc, sizeof e->doc, "%s", col[0] ? col[0] : "");
        e->sentence = sqlite3_column_int(st, 1);
        snprintf(e->date, sizeof e->date, "%s", col[1] ? col[1] : "");
        snprintf(e->source, sizeof e->source, "%s", col[2] ? col[2] : "");
        snprintf(e->target, sizeof e->target, "%s", col[3] ? col[3] : "");
        snprintf(e->code, sizeof e->code, "%s", col[4] ? col[4] : "");
        e->goldstein = sqlite3_column_double(st, 6);
    }
    sqlite3_finalize(st);
}

/* The events (up to 3) of side toward third in quad, from period `from`
 * on: the strongest Goldstein first, then the latest. */
static void driver_events(ent_store *s, const collect *c, int from, int side, int third,
                          int quad, ent_align_driver *d)
{
    const mev *best[3] = {0};
    for (size_t k = 0; k < c->nev; k++) {
        const mev *e = &c->ev[k];
        if (e->period < from || e->member != side || e->third != third || e->quad != quad ||
            (e->tmask & 3u))
            continue;
        for (int i = 0; i < 3; i++)
            if (!best[i] || fabs(e->goldstein) > fabs(best[i]->goldstein) ||
                (fabs(e->goldstein) == fabs(best[i]->goldstein) && e->id > best[i]->id)) {
                memmove(best + i + 1, best + i, sizeof *best * (size_t)(2 - i));
                best[i] = e;
                break;
            }
    }
    for (int i = 0; i < 3 && best[i]; i++)
        evidence_of(s, best[i]->id, &d->ev[d->nev++]);
}

/* The third parties A and B treat most differently from period `from` on. */
static ent_rc align_drivers(ent_store *s, const collect *c, int from, ent_align_driver *out,
                            int *nout)
{
    tally *t = mem_calloc((size_t)c->nt + 1, sizeof *t);
    double norm[2] = {0, 0};
    *nout = 0;
    if (!t)
        return ENT_ENOMEM;
    for (int k = 0; k < c->nt; k++)
        t[k].third = k;
    for (size_t k = 0; k < c->nev; k++) {
        const mev *e = &c->ev[k];
        if (e->period < from || (e->tmask & 3u) || e->quad < 1 || e->quad > 4)
            continue;
        t[e->third].q[e->member][e->quad - 1] += 1;
        t[e->third].g[e->member] += e->goldstein;
    }
    for (int k = 0; k < c->nt; k++)
        for (int s2 = 0; s2 < 2; s2++)
            for (int q = 0; q < 4; q++)
                norm[s2] += t[k].q[s2][q] * t[k].q[s2][q];
    for (int s2 = 0; s2 < 2; s2++)
        norm[s2] = norm[s2] > 0 ? sqrt(norm[s2]) : 1;
    for (int k = 0; k < c->nt; k++) {
        double g = 0;
        for (int q = 0; q < 4; q++) {
            double d = t[k].q[0][q] / norm[0] - t[k].q[1][q] / norm[1];
            g += d * d;
        }
        t[k].gap = sqrt(g);
    }
    if (c->nt)
        qsort(t, (size_t)c->nt, sizeof *t, cmp_tally);
    for (int k = 0; k < c->nt && *nout < ENT_ALIGN_TOP && t[k].gap > 1e-12; k++) {
        ent_align_driver *d = &out[(*nout)++];
        memset(d, 0, sizeof *d);
        memcpy(d->who, c->tname[t[k].third], 32);
        d->gap = t[k].gap;
        int bq = 0;
        double bd = 0;
        for (int q = 0; q < 4; q++) {
            d->a_quad[q] = (long)t[k].q[0][q];
            d->b_quad[q] = (long)t[k].q[1][q];
            double diff = t[k].q[0][q] / norm[0] - t[k].q[1][q] / norm[1];
            if (fabs(diff) > fabs(bd)) {
                bd = diff;
                bq = q;
            }
        }
        d->a_goldstein = t[k].g[0];
        d->b_goldstein = t[k].g[1];
        driver_events(s, c, from, bd > 0 ? 0 : 1, t[k].third, bq + 1, d);
    }
    mem_free(t);
    return ENT_OK;
}

static void query_defaults(const ent_query *q, int *min, int *reps)
{
    *min = q->min_events > 0 ? q->min_events : ENT_ALIGN_MIN_EVENTS;
    *reps = q->replicates > 0 ? q->replicates : ENT_ALIGN_REPLICATES;
}

ent_rc ent_align_judge(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows,
                       ent_verdict *v, ent_align_driver *drivers, int *ndrivers)
{
    if (!q->a || !q->b || !*q->a || !*q->b)
        return ENT_EUSAGE;
    const char *members[2] = {q->a, q->b};
    collect c;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.members = members;
    c.nm = 2;
    int min, reps;
    query_defaults(q, &min, &reps);
    scratch sc;
    memset(&sc, 0, sizeof sc);
    ent_align_row *out = NULL;
    ent_rc rc = collect_read(s, &c);
    if (rc == ENT_OK && scratch_init(&sc, &c, reps, most_per_period(&c)) < 0)
        rc = ENT_ENOMEM;
    if (rc == ENT_OK && !(out = calloc((size_t)c.np + 1, sizeof *out)))
        rc = ENT_ENOMEM;
    if (rc == ENT_OK)
        rc = align_rows(&c, &sc, min, reps, out);
    if (rc == ENT_OK && v)
        rc = align_verdict(out, c.np, q->by, v);
    if (rc == ENT_OK && v)
        rc = pooled(&c, min, reps, v);
    if (rc == ENT_OK && v && drivers && ndrivers) {
        int from = 0;
        if (v->change)
            while (from < c.np && strcmp(c.pname[from], v->from) < 0)
                from++;
        rc = align_drivers(s, &c, from, drivers, ndrivers);
    }
    scratch_free(&sc);
    if (rc != ENT_OK) {
        free(out);
        collect_free(&c);
        return rc;
    }
    *rows = out;
    *nrows = c.np;
    collect_free(&c);
    return ENT_OK;
}

ent_rc ent_align(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows)
{
    return ent_align_judge(s, q, rows, nrows, NULL, NULL, NULL);
}

/* ---- blocs ---- */

/* One row per period: cohesion, its interval, each member's mean. */
static void bloc_row(scratch *sc, const collect *c, int p, int min, int reps, ent_bloc_row *o)
{
    int nm = c->nm;
    memset(o, 0, sizeof *o);
    memcpy(o->period, c->pname[p], 11);
    o->cohesion = o->lo = o->hi = NAN;
    for (int m = 0; m < ENT_BLOC_MAX; m++)
        o->member[m] = NAN;
    for (int m = 0; m < nm; m++)
        o->events += sc->v.n[m];
    o->pairs = period_pairs(&sc->v, nm, min, sc->sim, NULL);
    if (!o->pairs)
        return;
    double sum = 0;
    for (int m = 0; m < nm; m++) {
        double ms = 0;
        int mc = 0;
        for (int j = 0; j < nm; j++) {
            double x = j == m ? NAN : sc->sim[m < j ? m * nm + j : j * nm + m];
            if (!isnan(x)) {
                ms += x;
                mc++;
                if (m < j)
                    sum += x;
            }
        }
        if (mc)
            o->member[m] = ms / mc;
    }
    o->cohesion = sum / o->pairs;
    period_interval(&sc->v, nm, sc->sim, o->cohesion, reps, period_seed(o->period, nm), sc->w,
                    sc->draws, &o->lo, &o->hi);
}

/* Each member's mean similarity to the rest: before and from period
 * `split` (a row index), and its Theil-Sen slope. */
static void bloc_member(const ent_bloc_row *rows, int n, int m, int split, ent_period by,
                        double *t, double *y, ent_bloc_member *out)
{
    int k = 0, nb = 0, na = 0;
    double sb = 0, sa = 0;
    for (int i = 0; i < n; i++) {
        if (isnan(rows[i].member[m]) || strlen(rows[i].period) != 10)
            continue;
        t[k] = analysis_period_number(rows[i].period, by);
        y[k++] = rows[i].member[m];
        if (i < split) {
            sb += rows[i].member[m];
            nb++;
        } else {
            sa += rows[i].member[m];
            na++;
        }
    }
    out->valid = k;
    out->before = nb ? sb / nb : NAN;
    out->after = na ? sa / na : NAN;
    trend_theil_sen(t, y, k, ENT_ALIGN_CONF, &out->slope, &out->slope_lo, &out->slope_hi);
}

/* The verdict on the cohesion series and each member's movement. */
static ent_rc bloc_verdict(const ent_bloc_row *rows, int n, const collect *c, ent_period by,
                           ent_verdict *v, ent_bloc_member *mv, int *drifter)
{
    double *t = mem_malloc(sizeof *t * (size_t)(n + 1)), *y = mem_malloc(sizeof *y * (size_t)(n + 1));
    char (*names)[11] = mem_malloc(sizeof *names * (size_t)(n + 1));
    int k = 0;
    long events = 0;
    if (!t || !y || !names) {
        mem_free(t);
        mem_free(y);
        mem_free(names);
        return ENT_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        if (!isnan(rows[i].cohesion) && strlen(rows[i].period) == 10) {
            t[k] = analysis_period_number(rows[i].period, by);
            y[k] = rows[i].cohesion;
            memcpy(names[k], rows[i].period, 11);
            events += rows[i].events;
            k++;
        }
    judge(t, y, names, k, n, events, by, v);
    /* the split: the change, else half of the periods with a cohesion */
    int split = 0;
    for (int i = 0, seen = 0; i < n; i++) {
        if (v->change ? !strcmp(rows[i].period, v->from)
                      : (!isnan(rows[i].cohesion) && seen++ == k / 2)) {
            split = i;
            break;
        }
    }
    *drifter = -1;
    double drop = 0;
    for (int m = 0; m < c->nm; m++) {
        ent_bloc_member one;
        memset(&one, 0, sizeof one);
        snprintf(one.code, sizeof one.code, "%s", c->members[m]);
        bloc_member(rows, n, m, split, by, t, y, &one);
        double d = one.before - one.after;
        if (!isnan(d) && d >= ENT_ALIGN_MIN_SHIFT && d > drop && !(one.slope >= 0)) {
            drop = d;
            *drifter = m;
        }
        if (mv)
            mv[m] = one;
    }
    mem_free(t);
    mem_free(y);
    mem_free(names);
    return ENT_OK;
}

ent_rc ent_bloc(ent_store *s, const ent_query *q, const char *const *members, int n,
                ent_bloc_row **rows, int *nrows, ent_verdict *v, ent_bloc_member *m,
                int *drifter)
{
    if (n < 2 || n > ENT_BLOC_MAX || !members)
        return ENT_EUSAGE;
    for (int i = 0; i < n; i++)
        if (!members[i] || !*members[i] || strlen(members[i]) > 31)
            return ENT_EUSAGE;
    collect c;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.members = members;
    c.nm = n;
    int min, reps, dummy;
    query_defaults(q, &min, &reps);
    scratch sc;
    memset(&sc, 0, sizeof sc);
    ent_bloc_row *out = NULL;
    ent_verdict vd;
    ent_rc rc = collect_read(s, &c);
    if (rc == ENT_OK && scratch_init(&sc, &c, reps, most_per_period(&c)) < 0)
        rc = ENT_ENOMEM;
    if (rc == ENT_OK && !(out = calloc((size_t)c.np + 1, sizeof *out)))
        rc = ENT_ENOMEM;
    size_t at = 0;
    for (int p = 0; rc == ENT_OK && p < c.np; p++) {
        view_period(&sc.v, &c, p, &at);
        bloc_row(&sc, &c, p, min, reps, &out[p]);
    }
    if (rc == ENT_OK)
        rc = bloc_verdict(out, c.np, &c, q->by, v ? v : &vd, m, drifter ? drifter : &dummy);
    if (rc == ENT_OK)
        rc = pooled(&c, min, reps, v ? v : &vd);
    scratch_free(&sc);
    if (rc != ENT_OK) {
        free(out);
        collect_free(&c);
        return rc;
    }
    *rows = out;
    *nrows = c.np;
    collect_free(&c);
    return ENT_OK;
}
