/*
 * align.c - are two actors (ent_align, ent_align_judge) or a group
 * (ent_bloc) on the same side, and since when? Per period, the cosine of
 * the members' quad-class count vectors toward every third party, with a
 * bootstrap interval from resampling each member's events; over the
 * periods, a verdict (trend.c: change point, Theil-Sen, Mann-Kendall); and
 * the third parties where two actors differ most, with the events behind
 * it. The measure and its defaults are explained in docs/report.md.
 *
 * Everything but the events behind a divergence is a function of cells:
 * per period, member, third party, quad class and set of members
 * targeted, the events and their Goldstein sum in millionths. The cells
 * come from the aggregate agg_dyad_day (schema version 3, one source
 * prefix at a time on its index agg_dyad_day_source) or, in a store
 * without aggregates, from the events (the covering index
 * events_source_cover): the same cells either way, in one order (periods
 * and third parties by name), so the same answers. A bootstrap replicate
 * resamples a member's events as a multinomial draw over its cells. The
 * events behind a divergence are read from events, per pair of codes as
 * stored, on events_source_cover, strongest first.
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

/* A member's events of one period toward one third party (or toward
 * another member), in one quad class: how many, their Goldstein sum. */
typedef struct cell {
    int period, member, third, quad;
    unsigned tmask;          /* the members the target is, a bit each */
    long n;
    long long micro;         /* Goldstein sum in millionths */
} cell;

/* A source and target as stored, behind the cells of member and third. */
typedef struct rawpair {
    char src[32], tgt[32];
    int member, third;
    unsigned tmask;
} rawpair;

typedef struct direct {
    long n[2];               /* A -> B, B -> A */
    long long micro[2];
} direct;

/* Everything read from the store for one analysis. */
typedef struct collect {
    const ent_query *q;
    const char *const *members;
    int nm, cur;
    hash_map pmap, tmap, cmap, rmap;
    char (*pname)[11];
    direct *dir;
    int np, capp;
    char (*tname)[32];
    int nt, capt;
    cell *ev;
    size_t nev, capev;
    rawpair *raw;
    int nraw, capraw;
} collect;

static void collect_free(collect *c)
{
    hash_map_free(&c->pmap);
    hash_map_free(&c->tmap);
    hash_map_free(&c->cmap);
    hash_map_free(&c->rmap);
    mem_free(c->pname);
    mem_free(c->dir);
    mem_free(c->tname);
    mem_free(c->ev);
    mem_free(c->raw);
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

/* Room for one more of n items of size sz at *p (capacity *cap). */
static int grow(void **p, size_t n, size_t *cap, size_t sz, size_t first)
{
    return mem_grow(p, cap, n + 1, sz, first);
}

static int period_index(collect *c, const char *name)
{
    int i = hash_map_get(&c->pmap, name);
    if (i >= 0)
        return i;
    size_t cap = (size_t)c->capp;
    if (grow((void **)&c->pname, (size_t)c->np, &cap, sizeof *c->pname, 32) < 0)
        return -1;
    c->capp = (int)cap;
    memset(c->pname[c->np], 0, 11); /* the bytes after the name too: rows compare whole */
    snprintf(c->pname[c->np], 11, "%s", name);
    if (hash_map_put(&c->pmap, name, c->np) < 0)
        return -1;
    return c->np++;
}

static int third_index(collect *c, const char *name)
{
    int i = hash_map_get(&c->tmap, name);
    if (i >= 0)
        return i;
    size_t cap = (size_t)c->capt;
    if (grow((void **)&c->tname, (size_t)c->nt, &cap, sizeof *c->tname, 64) < 0)
        return -1;
    c->capt = (int)cap;
    memset(c->tname[c->nt], 0, 32);
    snprintf(c->tname[c->nt], 32, "%s", name);
    if (hash_map_put(&c->tmap, name, c->nt) < 0)
        return -1;
    return c->nt++;
}

/* Count n events (Goldstein sum micro) in their cell. */
static int cell_add(collect *c, const cell *k)
{
    char key[64];
    snprintf(key, sizeof key, "%d|%d|%d|%d|%u", k->period, k->member, k->third, k->quad,
             k->tmask);
    int i = hash_map_get(&c->cmap, key);
    if (i < 0) {
        if (grow((void **)&c->ev, c->nev, &c->capev, sizeof *c->ev, 1024) < 0 ||
            hash_map_put(&c->cmap, key, (int)c->nev) < 0)
            return -1;
        i = (int)c->nev++;
        c->ev[i] = *k;
        c->ev[i].n = 0;
        c->ev[i].micro = 0;
    }
    c->ev[i].n += k->n;
    c->ev[i].micro += k->micro;
    return 0;
}

/* Remember the codes as stored behind a cell (longer ones are left out:
 * their events are not named as evidence). */
static int raw_add(collect *c, const arow *r, const cell *k)
{
    char key[70];
    if (strlen(r->raw_src) > 31 || strlen(r->raw_tgt) > 31)
        return 0;
    snprintf(key, sizeof key, "%s\x1f%s", r->raw_src, r->raw_tgt);
    if (hash_map_get(&c->rmap, key) >= 0)
        return 0;
    size_t cap = (size_t)c->capraw;
    if (grow((void **)&c->raw, (size_t)c->nraw, &cap, sizeof *c->raw, 64) < 0 ||
        hash_map_put(&c->rmap, key, c->nraw) < 0)
        return -1;
    c->capraw = (int)cap;
    rawpair *p = &c->raw[c->nraw++];
    snprintf(p->src, sizeof p->src, "%s", r->raw_src);
    snprintf(p->tgt, sizeof p->tgt, "%s", r->raw_tgt);
    p->member = k->member;
    p->third = k->third;
    p->tmask = k->tmask;
    return 0;
}

/* n events of row r (an event or an aggregate row), Goldstein sum micro. */
static int collect_add(collect *c, const arow *r, int quad, long n, long long micro)
{
    int who = member_of(c, r->raw_src);
    if (who != c->cur)
        return 0; /* another member's (a longer code), or read for it */
    unsigned tmask = 0;
    for (int j = 0; j < c->nm; j++)
        if (analysis_matches(r->raw_tgt, c->members[j]))
            tmask |= 1u << j;
    if (tmask & (1u << who))
        return 0; /* within the member: IRNGOV -> IRNMIL */
    cell k = {period_index(c, r->period), who, third_index(c, r->tgt), quad, tmask, n, micro};
    if (k.period < 0 || k.third < 0 || cell_add(c, &k) < 0)
        return -1;
    return raw_add(c, r, &k);
}

static int collect_event(void *ud, const arow *r)
{
    return collect_add(ud, r, r->quad, 1, llround(r->goldstein * 1e6));
}

/* A row of agg_dyad_day: quad, events, goldstein_micro in columns 4-6. */
static int collect_day(void *ud, const arow *r, sqlite3_stmt *s)
{
    return collect_add(ud, r, sqlite3_column_int(s, 4), (long)sqlite3_column_int64(s, 5),
                       sqlite3_column_int64(s, 6));
}

static int cmp_cell(const void *x, const void *y)
{
    const cell *a = x, *b = y;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    if (a->third != b->third)
        return a->third < b->third ? -1 : 1;
    if (a->quad != b->quad)
        return a->quad < b->quad ? -1 : 1;
    return a->tmask < b->tmask ? -1 : a->tmask > b->tmask;
}

static int cmp_name11(const void *x, const void *y, void *names)
{
    const char (*n)[11] = names;
    return strcmp(n[*(const int *)x], n[*(const int *)y]);
}

static int cmp_name32(const void *x, const void *y, void *names)
{
    const char (*n)[32] = names;
    return strcmp(n[*(const int *)x], n[*(const int *)y]);
}

/* Renumber n names of width w (11 or 32) in the order of the names: rank
 * gets each old number's new one, the names are sorted in place. */
static int renumber(void *names, int n, size_t w, int *rank)
{
    int *order = mem_malloc(sizeof *order * (size_t)(n + 1));
    char *copy = mem_malloc(w * (size_t)(n + 1));
    if (!order || !copy) {
        mem_free(order);
        mem_free(copy);
        return -1;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, (size_t)n, sizeof *order, w == 11 ? cmp_name11 : cmp_name32, names);
    if (n) /* names is NULL when there are none */
        memcpy(copy, names, w * (size_t)n);
    for (int i = 0; i < n; i++) {
        rank[order[i]] = i;
        memcpy((char *)names + w * (size_t)i, copy + w * (size_t)order[i], w);
    }
    mem_free(order);
    mem_free(copy);
    return 0;
}

/* Periods and third parties numbered in the order of their names, the
 * cells sorted, and the figures between two members per period. */
static ent_rc collect_order(collect *c)
{
    int *prank = mem_malloc(sizeof *prank * (size_t)(c->np + 1));
    int *trank = mem_malloc(sizeof *trank * (size_t)(c->nt + 1));
    c->dir = mem_calloc((size_t)c->np + 1, sizeof *c->dir);
    if (!prank || !trank || !c->dir || renumber(c->pname, c->np, 11, prank) < 0 ||
        renumber(c->tname, c->nt, 32, trank) < 0) {
        mem_free(prank);
        mem_free(trank);
        return ENT_ENOMEM;
    }
    for (size_t k = 0; k < c->nev; k++) {
        cell *e = &c->ev[k];
        e->period = prank[e->period];
        e->third = trank[e->third];
        if (c->nm == 2 && e->tmask) {
            c->dir[e->period].n[e->member] += e->n;
            c->dir[e->period].micro[e->member] += e->micro;
        }
    }
    for (int k = 0; k < c->nraw; k++)
        c->raw[k].third = trank[c->raw[k].third];
    mem_free(prank);
    mem_free(trank);
    if (c->nev > 1)
        qsort(c->ev, c->nev, sizeof *c->ev, cmp_cell);
    return ENT_OK;
}

/* Read every member's cells: from the aggregates when the store has them,
 * else from the events. */
static ent_rc collect_read(ent_store *s, collect *c)
{
    int agg = store_aggregated(s);
    for (c->cur = 0; c->cur < c->nm; c->cur++) {
        const char *m = c->members[c->cur];
        ent_rc rc = agg ? analysis_each_dyad_day(s, c->q, m, collect_day, c)
                        : analysis_each_event(s, c->q, m, collect_event, c, NULL);
        if (rc != ENT_OK)
            return rc;
    }
    return collect_order(c);
}

/* ---- one period ---- */

/* The cells of one period (or of all), per member, and scratch space
 * sized for every third party. */
typedef struct view {
    const cell *ev[ENT_BLOC_MAX];
    int n[ENT_BLOC_MAX];     /* cells */
    long tot[ENT_BLOC_MAX];  /* events */
    int *loc, *touched;
    double *va, *vb;
} view;

/* The cosine of members i and j's quad-class counts toward the parties
 * outside the pair, each cell counted w[k] times (NULL: its events); *ni,
 * *nj get the events counted. NAN when either vector is empty. */
static double pair_cosine(view *v, int i, int j, const long *wi, const long *wj, long *ni,
                          long *nj)
{
    unsigned excl = (1u << i) | (1u << j);
    int nloc = 0;
    const int side[2] = {i, j};
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < v->n[side[s]]; k++) {
            const cell *e = &v->ev[side[s]][k];
            if (!(e->tmask & excl) && e->quad >= 1 && e->quad <= 4 && v->loc[e->third] < 0) {
                v->loc[e->third] = nloc;
                v->touched[nloc++] = e->third;
            }
        }
    memset(v->va, 0, sizeof *v->va * (size_t)nloc * 4);
    memset(v->vb, 0, sizeof *v->vb * (size_t)nloc * 4);
    long cnt[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        const long *w = s ? wj : wi;
        double *vec = s ? v->vb : v->va;
        for (int k = 0; k < v->n[side[s]]; k++) {
            const cell *e = &v->ev[side[s]][k];
            if ((e->tmask & excl) || e->quad < 1 || e->quad > 4)
                continue;
            long wt = w ? w[k] : e->n;
            vec[v->loc[e->third] * 4 + e->quad - 1] += (double)wt;
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

/* ---- the scratch of a whole analysis ---- */

typedef struct scratch {
    view v;
    long *w[ENT_BLOC_MAX], *cnt[ENT_BLOC_MAX];
    double *draws, *sim;
    long *pev;
} scratch;

/* The bootstrap interval of the mean similarity `est` of the pairs valid
 * in sim: each member's events of the view resampled (a multinomial draw
 * over its cells; the same draw for all its pairs), `reps` times. The
 * cosine of counts is biased (a resample, like a sample, looks less
 * alike than the behaviour it comes from), so the percentile interval is
 * shifted by the bootstrap's estimate of that bias (mean of the draws
 * minus est) and kept in 0..1. */
static void period_interval(scratch *sc, int nm, double est, int reps, uint64_t seed,
                            double *lo, double *hi)
{
    view *v = &sc->v;
    trend_rng r = {seed};
    int nd = 0;
    double mean = 0;
    for (int m = 0; m < nm; m++)
        for (int k = 0; k < v->n[m]; k++)
            sc->cnt[m][k] = v->ev[m][k].n;
    for (int k = 0; k < reps; k++) {
        for (int m = 0; m < nm; m++)
            trend_multinomial(&r, sc->cnt[m], v->n[m], sc->w[m]);
        double sum = 0;
        int cnt = 0;
        for (int i = 0; i < nm; i++)
            for (int j = i + 1; j < nm; j++) {
                long ni, nj;
                if (isnan(sc->sim[i * nm + j]))
                    continue;
                double c = pair_cosine(v, i, j, sc->w[i], sc->w[j], &ni, &nj);
                sum += isnan(c) ? 0 : c; /* a side drawn empty has nothing in common */
                cnt++;
            }
        if (cnt) {
            sc->draws[nd++] = sum / cnt;
            mean += sum / cnt;
        }
    }
    double a = (1 - ENT_ALIGN_CONF) / 2, bias = nd ? mean / nd - est : 0;
    *lo = trend_quantile(sc->draws, nd, a) - bias;
    *hi = trend_quantile(sc->draws, nd, 1 - a) - bias;
    *lo = *lo < 0 ? 0 : *lo > 1 ? 1 : *lo;
    *hi = *hi < 0 ? 0 : *hi > 1 ? 1 : *hi;
}

static void scratch_free(scratch *s)
{
    mem_free(s->v.loc);
    mem_free(s->v.touched);
    mem_free(s->v.va);
    mem_free(s->v.vb);
    for (int i = 0; i < ENT_BLOC_MAX; i++) {
        mem_free(s->w[i]);
        mem_free(s->cnt[i]);
    }
    mem_free(s->draws);
    mem_free(s->sim);
    mem_free(s->pev);
}

/* most: the largest number of cells of one member in one view. */
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
        if (!(s->w[i] = mem_malloc(sizeof *s->w[i] * most)) ||
            !(s->cnt[i] = mem_malloc(sizeof *s->cnt[i] * most)))
            return -1;
    if (!s->v.loc || !s->v.touched || !s->v.va || !s->v.vb || !s->draws || !s->sim || !s->pev)
        return -1;
    for (size_t k = 0; k < nt; k++)
        s->v.loc[k] = -1;
    return 0;
}

/* The most cells of one member in one period. */
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
    const cell *a = x, *b = y;
    return a->member != b->member ? (a->member < b->member ? -1 : 1) : cmp_cell(x, y);
}

/* Point the view at cells[0..n) (sorted by member). */
static void view_cells(view *v, int nm, const cell *ev, size_t n)
{
    for (int m = 0; m < nm; m++) {
        v->n[m] = 0;
        v->tot[m] = 0;
        v->ev[m] = ev;
    }
    for (size_t k = 0; k < n; k++) {
        if (!v->n[ev[k].member])
            v->ev[ev[k].member] = ev + k;
        v->n[ev[k].member]++;
        v->tot[ev[k].member] += ev[k].n;
    }
}

/* The measure over every period at once (the members' cells pooled),
 * with its interval, into v->overall... */
static ent_rc pooled(const collect *c, int min, int reps, ent_verdict *v)
{
    v->overall = v->overall_lo = v->overall_hi = NAN;
    v->overall_events = 0;
    cell *ev = mem_malloc(sizeof *ev * (c->nev + 1));
    if (!ev)
        return ENT_ENOMEM;
    if (c->nev) { /* c->ev is NULL when the members have no events */
        memcpy(ev, c->ev, sizeof *ev * c->nev);
        qsort(ev, c->nev, sizeof *ev, cmp_member);
    }
    scratch sc;
    if (scratch_init(&sc, c, reps, c->nev + 1) < 0) {
        scratch_free(&sc);
        mem_free(ev);
        return ENT_ENOMEM;
    }
    view_cells(&sc.v, c->nm, ev, c->nev);
    for (int m = 0; m < c->nm; m++)
        v->overall_events += sc.v.tot[m];
    int ok = period_pairs(&sc.v, c->nm, min, sc.sim, NULL);
    if (ok) {
        double sum = 0;
        for (int i = 0; i < c->nm; i++)
            for (int j = i + 1; j < c->nm; j++)
                sum += isnan(sc.sim[i * c->nm + j]) ? 0 : sc.sim[i * c->nm + j];
        v->overall = sum / ok;
        period_interval(&sc, c->nm, v->overall, reps, SEED ^ (uint64_t)c->nm, &v->overall_lo,
                        &v->overall_hi);
    }
    scratch_free(&sc);
    mem_free(ev);
    return ENT_OK;
}

/* Point the view at period p's cells, starting at *at (cells sorted). */
static void view_period(view *v, const collect *c, int p, size_t *at)
{
    size_t start = *at;
    while (*at < c->nev && c->ev[*at].period == p)
        (*at)++;
    view_cells(v, c->nm, c->ev + start, *at - start);
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
    long long ma, mb;        /* the sums in millionths */
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
            const cell *e = &v->ev[s][k];
            if (e->tmask & 3u)
                continue;
            if (v->loc[e->third] < 0) {
                v->loc[e->third] = ng;
                g[ng++].third = e->third;
            }
            *(s ? &g[v->loc[e->third]].mb : &g[v->loc[e->third]].ma) += e->micro;
        }
    double dot = 0, na = 0, nb = 0;
    for (int k = 0; k < ng; k++) {
        v->loc[g[k].third] = -1;
        g[k].a = (double)g[k].ma / 1e6;
        g[k].b = (double)g[k].mb / 1e6;
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
        o->ab_goldstein = (double)c->dir[p].micro[0] / 1e6;
        o->ba_goldstein = (double)c->dir[p].micro[1] / 1e6;
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
            period_interval(sc, 2, sim, reps, period_seed(o->period, 2), &o->sim_lo,
                            &o->sim_hi);
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
    int dated = 0; /* the periods on the time axis: not "unknown" */
    for (int i = 0; i < n; i++) {
        dated += strlen(rows[i].period) == 10;
        if (!isnan(rows[i].similarity) && strlen(rows[i].period) == 10) {
            t[k] = analysis_period_number(rows[i].period, by);
            y[k] = rows[i].similarity;
            memcpy(names[k], rows[i].period, 11);
            events += rows[i].a_events + rows[i].b_events;
            k++;
        }
    }
    judge(t, y, names, k, dated, events, by, v);
    mem_free(t);
    mem_free(y);
    mem_free(names);
    return ENT_OK;
}

/* ---- what drives the difference ---- */

typedef struct tally {
    int third;
    double q[2][4];
    long long micro[2];
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

/* An event named as evidence: the strongest Goldstein first, then the
 * latest (the largest id). */
typedef struct strong {
    long long id;
    double g;
} strong;

static int stronger(const strong *x, const strong *y)
{
    return fabs(x->g) > fabs(y->g) || (fabs(x->g) == fabs(y->g) && x->id > y->id);
}

/* The events of one pair of stored codes p in quad, of a mode q counts,
 * within q's dates and from day `from` on (NULL: all; undated events are
 * in the last period, so always in), ranked into best[0..3). */
static ent_rc pair_strongest(ent_store *s, const ent_query *q, const rawpair *p, int quad,
                             const char *from, strong best[3], int *nbest)
{
    static const char sql[] =
        "SELECT id, abs(goldstein) FROM events WHERE source = ?3 AND target = ?4 AND quad = ?5"
        " AND (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)"
        " AND (?6 IS NULL OR date IS NULL OR length(date) < 10 OR date >= ?6)"
        " AND mode IN (?7, ?8, ?9, ?10) ORDER BY abs(goldstein) DESC, id DESC LIMIT 3";
    sqlite3_stmt *st = analysis_prepare(s, sql, q);
    if (!st)
        return ENT_EDB;
    int modes = analysis_modes(q);
    sqlite3_bind_text(st, 3, p->src, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->tgt, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, quad);
    if (from)
        sqlite3_bind_text(st, 6, from, -1, SQLITE_STATIC);
    for (int m = 0; m < 4; m++)
        if (modes & (1 << m))
            sqlite3_bind_text(st, 7 + m, ent_mode_name((ent_mode)m), -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        strong e = {sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1)};
        for (int i = 0; i < 3; i++)
            if (i >= *nbest || stronger(&e, &best[i])) {
                memmove(best + i + 1, best + i, sizeof *best * (size_t)(2 - i));
                best[i] = e;
                *nbest += *nbest < 3;
                break;
            }
    }
    return analysis_finish(s, st, r, ENT_OK);
}

/* The events (up to 3) of side toward third in quad, from period `from`
 * on: the strongest Goldstein first, then the latest; read from the
 * events of every pair of stored codes behind the cells. */
static ent_rc driver_events(ent_store *s, const collect *c, int from, int side, int third,
                            int quad, ent_align_driver *d)
{
    strong best[3];
    int nbest = 0;
    for (int k = 0; k < c->nraw; k++) {
        const rawpair *p = &c->raw[k];
        if (p->member != side || p->third != third || (p->tmask & 3u))
            continue;
        ent_rc rc = pair_strongest(s, c->q, p, quad, from > 0 ? c->pname[from] : NULL, best,
                                   &nbest);
        if (rc != ENT_OK)
            return rc;
    }
    for (int i = 0; i < nbest; i++)
        evidence_of(s, best[i].id, &d->ev[d->nev++]);
    return ENT_OK;
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
        const cell *e = &c->ev[k];
        if (e->period < from || (e->tmask & 3u) || e->quad < 1 || e->quad > 4)
            continue;
        t[e->third].q[e->member][e->quad - 1] += (double)e->n;
        t[e->third].micro[e->member] += e->micro;
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
        d->a_goldstein = (double)t[k].micro[0] / 1e6;
        d->b_goldstein = (double)t[k].micro[1] / 1e6;
        ent_rc rc = driver_events(s, c, from, bd > 0 ? 0 : 1, t[k].third, bq + 1, d);
        if (rc != ENT_OK) {
            mem_free(t);
            return rc;
        }
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
        o->events += sc->v.tot[m];
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
    period_interval(sc, nm, o->cohesion, reps, period_seed(o->period, nm), &o->lo, &o->hi);
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
    int dated = 0;
    for (int i = 0; i < n; i++) {
        dated += strlen(rows[i].period) == 10;
        if (!isnan(rows[i].cohesion) && strlen(rows[i].period) == 10) {
            t[k] = analysis_period_number(rows[i].period, by);
            y[k] = rows[i].cohesion;
            memcpy(names[k], rows[i].period, 11);
            events += rows[i].events;
            k++;
        }
    }
    judge(t, y, names, k, dated, events, by, v);
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
