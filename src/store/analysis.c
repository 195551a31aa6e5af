/*
 * analysis.c - answers from the event store: dyad series (counts per quad
 * class, Goldstein sums and means, distinct sources per directed dyad and
 * period), the alignment of two actors (their mutual relation, and the
 * cosine similarity of how each treats every third party, with the third
 * parties that pull them apart), and the actor network. Actor codes can be
 * aggregated to countries (IRNGOV, IRNMIL -> IRN); filters match by prefix,
 * so IRN also selects IRNGOV.
 */
#include "entente.h"
#include "base/mem.h"
#include "store/store.h"
#include "context/when.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string -> index map ---- */

typedef struct imap {
    char **keys;
    int *vals;
    size_t cap, n;
} imap;

static unsigned long ihash(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211UL;
    return h;
}

/* Index of key, or -1; with add, insert it with value v and return v. */
static int imap_get(imap *m, const char *key, int add, int v)
{
    if (add && (m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        char **k = mem_calloc(cap, sizeof *k);
        int *vv = mem_calloc(cap, sizeof *vv);
        if (!k || !vv) {
            mem_free(k);
            mem_free(vv);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = ihash(m->keys[i]) & (cap - 1);
                while (k[j])
                    j = (j + 1) & (cap - 1);
                k[j] = m->keys[i];
                vv[j] = m->vals[i];
            }
        mem_free(m->keys);
        mem_free(m->vals);
        m->keys = k;
        m->vals = vv;
        m->cap = cap;
    }
    if (!m->cap)
        return -1;
    size_t j = ihash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], key))
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    if (!add)
        return -1;
    m->keys[j] = mem_strdup(key);
    if (!m->keys[j])
        return -1;
    m->vals[j] = v;
    m->n++;
    return v;
}

static void imap_free(imap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        mem_free(m->keys[i]);
    mem_free(m->keys);
    mem_free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- reading events ---- */

typedef struct arow {
    char period[11];
    char src[32], tgt[32];
    int quad;
    double goldstein;
    const char *news;     /* the document's source, else its id (transient) */
} arow;

typedef int (*row_fn)(void *ud, const arow *r);

int ent_period_parse(const char *name)
{
    static const char *const names[] = {"day", "week", "month", "year", "all"};
    for (int i = 0; i < 5; i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}

static void period_of(const char *date, ent_period by, char out[11])
{
    if (by == ENT_BY_ALL || strlen(date) < 10) {
        strcpy(out, by == ENT_BY_ALL ? "all" : "unknown");
        return;
    }
    if (by == ENT_BY_DAY) {
        memcpy(out, date, 10);
        out[10] = 0;
    } else if (by == ENT_BY_MONTH) {
        snprintf(out, 11, "%.7s-01", date);
    } else if (by == ENT_BY_YEAR) {
        snprintf(out, 11, "%.4s-01-01", date);
    } else {
        int ymd = atoi(date) * 10000 + atoi(date + 5) * 100 + atoi(date + 8);
        int monday = when_from_days(when_days(ymd) - when_weekday(ymd));
        snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(monday / 10000) % 10000u,
                 (unsigned)(monday / 100) % 100u, (unsigned)monday % 100u);
    }
}

static void level_of(const char *code, int country, char out[32])
{
    size_t n = strlen(code);
    if (country) {
        size_t k = (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
                    !strncmp(code, "IMG", 3) || !strncmp(code, "MNC", 3)) ? 6 : 3;
        if (n > k)
            n = k;
    }
    if (n > 31)
        n = 31;
    memcpy(out, code, n);
    out[n] = 0;
}

static int matches(const char *code, const char *prefix)
{
    return prefix && *prefix && !strncmp(code, prefix, strlen(prefix));
}

/* Call fn for every event the query selects, levelled and bucketed. */
static ent_rc each_event(ent_store *st, const ent_query *q, row_fn fn, void *ud)
{
    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = NULL;
    const char *sql =
        "SELECT e.date, e.source, e.target, e.quad, e.goldstein, coalesce(d.source, d.id), e.mode "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2) "
        "ORDER BY e.id";
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return ENT_EDB;
    if (q->from)
        sqlite3_bind_text(s, 1, q->from, -1, SQLITE_TRANSIENT);
    if (q->to)
        sqlite3_bind_text(s, 2, q->to, -1, SQLITE_TRANSIENT);
    int modes = q->modes ? q->modes : (1 << ENT_MODE_ASSERTED) | (1 << ENT_MODE_REPORTED);
    ent_rc rc = ENT_OK;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(s, 0);
        const char *src = (const char *)sqlite3_column_text(s, 1);
        const char *tgt = (const char *)sqlite3_column_text(s, 2);
        const char *mode = (const char *)sqlite3_column_text(s, 6);
        int m;
        for (m = 0; m < 4; m++)
            if (mode && !strcmp(mode, ent_mode_name((ent_mode)m)))
                break;
        if (m == 4 || !(modes & (1 << m)) || !src || !tgt)
            continue;
        arow a;
        period_of(date ? date : "", q->by, a.period);
        level_of(src, q->country_level, a.src);
        level_of(tgt, q->country_level, a.tgt);
        if (!strcmp(a.src, a.tgt))
            continue; /* IRNGOV -> IRNMIL is internal at country level */
        a.quad = sqlite3_column_int(s, 3);
        a.goldstein = sqlite3_column_double(s, 4);
        a.news = (const char *)sqlite3_column_text(s, 5);
        if (!a.news)
            a.news = "";
        if (fn(ud, &a) < 0) {
            rc = ENT_ENOMEM;
            break;
        }
    }
    if (r != SQLITE_DONE && rc == ENT_OK)
        rc = ENT_EDB;
    sqlite3_finalize(s);
    return rc;
}

/* ---- dyads ---- */

typedef struct dyad_acc {
    const ent_query *q;
    ent_dyad_row *rows;
    int n, cap;
    imap index, seen;
} dyad_acc;

static int dyad_row(void *ud, const arow *a)
{
    dyad_acc *d = ud;
    const ent_query *q = d->q;
    if (q->a && q->b) {
        if (!((matches(a->src, q->a) && matches(a->tgt, q->b)) ||
              (matches(a->src, q->b) && matches(a->tgt, q->a))))
            return 0;
    } else if (q->a && !matches(a->src, q->a) && !matches(a->tgt, q->a)) {
        return 0;
    }
    char key[96];
    snprintf(key, sizeof key, "%s|%s|%s", a->period, a->src, a->tgt);
    int i = imap_get(&d->index, key, 0, 0);
    if (i < 0) {
        if (d->n == d->cap) {
            int cap = d->cap ? d->cap * 2 : 64;
            ent_dyad_row *r = realloc(d->rows, sizeof *r * (size_t)cap);
            if (!r)
                return -1;
            d->rows = r;
            d->cap = cap;
        }
        i = d->n++;
        if (imap_get(&d->index, key, 1, i) < 0)
            return -1;
        ent_dyad_row *r = &d->rows[i];
        memset(r, 0, sizeof *r);
        memcpy(r->period, a->period, sizeof r->period);
        memcpy(r->source, a->src, sizeof r->source);
        memcpy(r->target, a->tgt, sizeof r->target);
    }
    ent_dyad_row *r = &d->rows[i];
    r->events++;
    if (a->quad >= 1 && a->quad <= 4)
        r->quad[a->quad - 1]++;
    r->goldstein_sum += a->goldstein;
    char skey[600];
    snprintf(skey, sizeof skey, "%d|%.500s", i, a->news);
    if (imap_get(&d->seen, skey, 0, 0) < 0) {
        if (imap_get(&d->seen, skey, 1, 1) < 0)
            return -1;
        r->sources++;
    }
    return 0;
}

static int cmp_dyad(const void *x, const void *y)
{
    const ent_dyad_row *a = x, *b = y;
    int c = strcmp(a->period, b->period);
    if (!c)
        c = strcmp(a->source, b->source);
    if (!c)
        c = strcmp(a->target, b->target);
    return c;
}

ent_rc ent_dyads(ent_store *s, const ent_query *q, ent_dyad_row **rows, int *nrows)
{
    dyad_acc d;
    memset(&d, 0, sizeof d);
    d.q = q;
    ent_rc rc = each_event(s, q, dyad_row, &d);
    imap_free(&d.index);
    imap_free(&d.seen);
    if (rc != ENT_OK) {
        free(d.rows);
        return rc;
    }
    for (int i = 0; i < d.n; i++)
        d.rows[i].goldstein_mean = d.rows[i].goldstein_sum / (double)d.rows[i].events;
    if (d.n)
        qsort(d.rows, (size_t)d.n, sizeof *d.rows, cmp_dyad);
    *rows = d.rows;
    *nrows = d.n;
    return ENT_OK;
}

/* ---- network ---- */

typedef struct net_acc {
    const ent_query *q;
    ent_edge *e;
    int n, cap;
    imap index;
} net_acc;

static int net_row(void *ud, const arow *a)
{
    net_acc *d = ud;
    if (d->q->a && !matches(a->src, d->q->a) && !matches(a->tgt, d->q->a))
        return 0;
    char key[80];
    snprintf(key, sizeof key, "%s|%s", a->src, a->tgt);
    int i = imap_get(&d->index, key, 0, 0);
    if (i < 0) {
        if (d->n == d->cap) {
            int cap = d->cap ? d->cap * 2 : 64;
            ent_edge *e = realloc(d->e, sizeof *e * (size_t)cap);
            if (!e)
                return -1;
            d->e = e;
            d->cap = cap;
        }
        i = d->n++;
        if (imap_get(&d->index, key, 1, i) < 0)
            return -1;
        memset(&d->e[i], 0, sizeof d->e[i]);
        memcpy(d->e[i].source, a->src, 32);
        memcpy(d->e[i].target, a->tgt, 32);
    }
    ent_edge *e = &d->e[i];
    e->events++;
    if (a->quad <= 2)
        e->coop++;
    else
        e->conflict++;
    e->goldstein_sum += a->goldstein;
    return 0;
}

static int cmp_edge(const void *x, const void *y)
{
    const ent_edge *a = x, *b = y;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->target, b->target);
}

ent_rc ent_network(ent_store *s, const ent_query *q, ent_edge **edges, int *nedges)
{
    net_acc d;
    memset(&d, 0, sizeof d);
    d.q = q;
    ent_rc rc = each_event(s, q, net_row, &d);
    imap_free(&d.index);
    if (rc != ENT_OK) {
        free(d.e);
        return rc;
    }
    if (d.n)
        qsort(d.e, (size_t)d.n, sizeof *d.e, cmp_edge);
    *edges = d.e;
    *nedges = d.n;
    return ENT_OK;
}

/* ---- alignment ---- */

typedef struct third {
    char who[32];
    double a, b;         /* Goldstein sums of A -> who and B -> who */
} third;

typedef struct align_period {
    char period[11];
    long ab, ba;
    double abg, bag;
    third *t;
    int nt, capt;
} align_period;

typedef struct align_acc {
    const ent_query *q;
    align_period *p;
    int n, cap;
    imap pindex, tindex;
} align_acc;

static int align_row(void *ud, const arow *r)
{
    align_acc *d = ud;
    int from_a = matches(r->src, d->q->a), from_b = matches(r->src, d->q->b);
    if (!from_a && !from_b)
        return 0;
    int pi = imap_get(&d->pindex, r->period, 0, 0);
    if (pi < 0) {
        if (d->n == d->cap) {
            int cap = d->cap ? d->cap * 2 : 32;
            align_period *p = realloc(d->p, sizeof *p * (size_t)cap);
            if (!p)
                return -1;
            d->p = p;
            d->cap = cap;
        }
        pi = d->n++;
        if (imap_get(&d->pindex, r->period, 1, pi) < 0)
            return -1;
        memset(&d->p[pi], 0, sizeof d->p[pi]);
        memcpy(d->p[pi].period, r->period, 11);
    }
    align_period *p = &d->p[pi];
    if (from_a && matches(r->tgt, d->q->b)) {
        p->ab++;
        p->abg += r->goldstein;
        return 0;
    }
    if (from_b && matches(r->tgt, d->q->a)) {
        p->ba++;
        p->bag += r->goldstein;
        return 0;
    }
    if (matches(r->tgt, d->q->a) || matches(r->tgt, d->q->b))
        return 0; /* A's own sub-actors */
    char key[64];
    snprintf(key, sizeof key, "%d|%s", pi, r->tgt);
    int ti = imap_get(&d->tindex, key, 0, 0);
    if (ti < 0) {
        if (p->nt == p->capt) {
            int cap = p->capt ? p->capt * 2 : 16;
            third *t = realloc(p->t, sizeof *t * (size_t)cap);
            if (!t)
                return -1;
            p->t = t;
            p->capt = cap;
        }
        ti = p->nt++;
        if (imap_get(&d->tindex, key, 1, ti) < 0)
            return -1;
        memset(&p->t[ti], 0, sizeof p->t[ti]);
        memcpy(p->t[ti].who, r->tgt, 32);
    }
    if (from_a)
        p->t[ti].a += r->goldstein;
    else
        p->t[ti].b += r->goldstein;
    return 0;
}

/* Largest absolute gap first, then by name. */
static int cmp_gap(const void *x, const void *y)
{
    const third *a = x, *b = y;
    double fa = fabs(a->a), fb = fabs(b->a);
    if (fa != fb)
        return fa < fb ? 1 : -1;
    return strcmp(a->who, b->who);
}

static int cmp_period(const void *x, const void *y)
{
    return strcmp(((const ent_align_row *)x)->period, ((const ent_align_row *)y)->period);
}

ent_rc ent_align(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows)
{
    if (!q->a || !q->b || !*q->a || !*q->b)
        return ENT_EUSAGE;
    align_acc d;
    memset(&d, 0, sizeof d);
    d.q = q;
    ent_rc rc = each_event(s, q, align_row, &d);
    imap_free(&d.pindex);
    imap_free(&d.tindex);
    ent_align_row *out = rc == ENT_OK && d.n ? calloc((size_t)d.n, sizeof *out) : NULL;
    if (rc == ENT_OK && d.n && !out)
        rc = ENT_ENOMEM;
    for (int i = 0; i < d.n; i++) {
        align_period *p = &d.p[i];
        if (rc == ENT_OK) {
            ent_align_row *o = &out[i];
            memcpy(o->period, p->period, 11);
            o->ab_events = p->ab;
            o->ba_events = p->ba;
            o->ab_goldstein = p->abg;
            o->ba_goldstein = p->bag;
            o->nthird = p->nt;
            double dot = 0, na = 0, nb = 0;
            for (int k = 0; k < p->nt; k++) {
                dot += p->t[k].a * p->t[k].b;
                na += p->t[k].a * p->t[k].a;
                nb += p->t[k].b * p->t[k].b;
            }
            o->similarity = na > 0 && nb > 0 ? dot / (sqrt(na) * sqrt(nb)) : NAN;
            double sa = na > 0 ? sqrt(na) : 1, sb = nb > 0 ? sqrt(nb) : 1;
            /* the third parties with the largest normalised gaps */
            for (int k = 0; k < p->nt; k++)
                p->t[k].a = p->t[k].a / sa - p->t[k].b / sb; /* reuse a as the gap */
            if (p->nt)
                qsort(p->t, (size_t)p->nt, sizeof *p->t, cmp_gap);
            for (int k = 0; k < p->nt && o->ndiverge < ENT_ALIGN_TOP; k++) {
                if (fabs(p->t[k].a) < 1e-12)
                    break;
                o->gap[o->ndiverge] = p->t[k].a;
                memcpy(o->diverge[o->ndiverge], p->t[k].who, 32);
                o->ndiverge++;
            }
        }
        free(p->t);
    }
    free(d.p);
    if (rc != ENT_OK) {
        free(out);
        return rc;
    }
    if (d.n)
        qsort(out, (size_t)d.n, sizeof *out, cmp_period);
    *rows = out;
    *nrows = d.n;
    return ENT_OK;
}
