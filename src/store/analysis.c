/*
 * analysis.c - answers from the event store: dyad series (counts per quad
 * class, Goldstein sums and means, distinct sources per directed dyad and
 * period) and the actor network, and the one pass over the events that
 * they and the alignments (align.c) share (analysis.h). Actor codes can be
 * aggregated to countries (IRNGOV, IRNMIL -> IRN; an agent with no country,
 * GOV or REB alone, is then left out, never counted as a country); filters
 * match by prefix, so IRN also selects IRNGOV.
 */
#include "entente.h"
#include "base/mem.h"
#include "store/store.h"
#include "store/analysis.h"
#include "base/cameo.h"
#include "base/hash.h"
#include "context/when.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading events ---- */

int ent_period_parse(const char *name)
{
    static const char *const names[] = {"day", "week", "month", "year", "all", "quarter"};
    for (int i = 0; i < 6; i++)
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
    } else if (by == ENT_BY_QUARTER) {
        int m = atoi(date + 5);
        unsigned first = m >= 1 && m <= 12 ? (unsigned)(m - 1) / 3 * 3 + 1 : 1;
        snprintf(out, 11, "%.4s-%02u-01", date, first % 100u);
    } else if (by == ENT_BY_YEAR) {
        snprintf(out, 11, "%.4s-01-01", date);
    } else {
        int ymd = atoi(date) * 10000 + atoi(date + 5) * 100 + atoi(date + 8);
        int monday = when_from_days(when_days(ymd) - when_weekday(ymd));
        snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(monday / 10000) % 10000u,
                 (unsigned)(monday / 100) % 100u, (unsigned)monday % 100u);
    }
}

/* code at the chosen level into out; 0 when, at country level, it names
 * no country (an agent alone: GOV, REB, CVL; or "---GOV"). */
static int level_of(const char *code, int country, char out[32])
{
    size_t n = strlen(code);
    if (country) {
        int org = !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
                  !strncmp(code, "IMG", 3) || !strncmp(code, "MNC", 3);
        if (!org && (n < 3 || cameo_is_agent(code) || code[0] < 'A' || code[0] > 'Z' ||
                     code[1] < 'A' || code[1] > 'Z' || code[2] < 'A' || code[2] > 'Z')) {
            out[0] = 0;
            return 0;
        }
        size_t k = org ? 6 : 3;
        if (n > k)
            n = k;
    }
    if (n > 31)
        n = 31;
    memcpy(out, code, n);
    out[n] = 0;
    return 1;
}

int analysis_matches(const char *code, const char *prefix)
{
    return prefix && *prefix && !strncmp(code, prefix, strlen(prefix));
}
#define matches analysis_matches

double analysis_period_number(const char *day, ent_period by)
{
    if (strlen(day) < 10)
        return 0;
    int y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
    switch (by) {
    case ENT_BY_DAY:
        return when_days(y * 10000 + m * 100 + d);
    case ENT_BY_WEEK:
        return floor(when_days(y * 10000 + m * 100 + d) / 7.0);
    case ENT_BY_MONTH:
        return y * 12.0 + (m - 1);
    case ENT_BY_QUARTER:
        return y * 4.0 + (m - 1) / 3;
    case ENT_BY_YEAR:
        return y;
    default:
        return 0;
    }
}

void analysis_period_label(const char *day, ent_period by, char out[16])
{
    if (strlen(day) < 10 || by == ENT_BY_DAY || by == ENT_BY_WEEK || by == ENT_BY_ALL)
        snprintf(out, 16, "%.10s", day);
    else if (by == ENT_BY_MONTH)
        snprintf(out, 16, "%.7s", day);
    else if (by == ENT_BY_QUARTER)
        snprintf(out, 16, "%.4s-Q%c", day, "1111222333444"[atoi(day + 5) % 13]);
    else
        snprintf(out, 16, "%.4s", day);
}

const char *analysis_period_unit(ent_period by)
{
    static const char *const units[] = {"day", "week", "month", "year", "all", "quarter"};
    return (unsigned)by < 6 ? units[by] : "period";
}

/* Bind the prefix v as [v, v with its last character raised by one). */
static void bind_range(sqlite3_stmt *st, int slot, const char *v)
{
    char hi[32];
    snprintf(hi, sizeof hi, "%s", v);
    hi[strlen(hi) - 1]++;
    sqlite3_bind_text(st, slot, v, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, slot + 1, hi, -1, SQLITE_TRANSIENT);
}

/* The mode's number, or 4 for one entente does not know. */
static int mode_number(const char *mode)
{
    int m;
    for (m = 0; m < 4; m++)
        if (mode && !strcmp(mode, ent_mode_name((ent_mode)m)))
            break;
    return m;
}

/* An event's (or an aggregate row's) date and codes into a: its period,
 * its codes at q's level. 0 when it is left out: a side names no country
 * (counted in *unattributed), or both sides are one (IRNGOV -> IRNMIL is
 * internal at country level). */
static int level_row(const ent_query *q, const char *date, const char *src, const char *tgt,
                     arow *a, long *unattributed)
{
    period_of(date ? date : "", q->by, a->period);
    int ok_src = level_of(src, q->country_level, a->src);
    int ok_tgt = level_of(tgt, q->country_level, a->tgt);
    if (!ok_src || !ok_tgt) {
        if (unattributed)
            ++*unattributed;
        return 0;
    }
    return strcmp(a->src, a->tgt) != 0;
}

sqlite3_stmt *analysis_prepare(ent_store *st, const char *sql, const ent_query *q)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st);
        return NULL;
    }
    if (q->from)
        sqlite3_bind_text(s, 1, q->from, -1, SQLITE_TRANSIENT);
    if (q->to)
        sqlite3_bind_text(s, 2, q->to, -1, SQLITE_TRANSIENT);
    return s;
}

int analysis_modes(const ent_query *q)
{
    return q->modes ? q->modes : (1 << ENT_MODE_ASSERTED) | (1 << ENT_MODE_REPORTED);
}

ent_rc analysis_finish(ent_store *st, sqlite3_stmt *s, int r, ent_rc rc)
{
    if (r != SQLITE_DONE && rc == ENT_OK) {
        store_fail(st);
        rc = ENT_EDB;
    }
    sqlite3_finalize(s);
    return rc;
}

ent_rc analysis_each_event(ent_store *st, const ent_query *q, const char *source, row_fn fn,
                           void *ud, long *unattributed)
{
    static const char *const sql[2] = {
        "SELECT e.date, e.source, e.target, e.quad, e.goldstein, coalesce(d.source, d.id), e.mode, "
        "e.id FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2) ORDER BY e.id",
        /* one source prefix (the alignments, which need no news source):
         * on the covering index events_source_cover (source, target,
         * date, id, ...; else events_dyad), in that order */
        "SELECT e.date, e.source, e.target, e.quad, e.goldstein, '', e.mode, e.id FROM events e "
        "WHERE e.source >= ?3 AND e.source < ?4 "
        "AND (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2)"};
    int one = source && *source && strlen(source) < 32;
    sqlite3_stmt *s = analysis_prepare(st, sql[one], q);
    if (!s)
        return ENT_EDB;
    if (one)
        bind_range(s, 3, source);
    int modes = analysis_modes(q);
    ent_rc rc = ENT_OK;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(s, 0);
        const char *src = (const char *)sqlite3_column_text(s, 1);
        const char *tgt = (const char *)sqlite3_column_text(s, 2);
        int m = mode_number((const char *)sqlite3_column_text(s, 6));
        if (m == 4 || !(modes & (1 << m)) || !src || !tgt)
            continue;
        arow a;
        if (!level_row(q, date, src, tgt, &a, unattributed))
            continue;
        a.quad = sqlite3_column_int(s, 3);
        a.goldstein = sqlite3_column_double(s, 4);
        a.news = (const char *)sqlite3_column_text(s, 5);
        if (!a.news)
            a.news = "";
        a.id = sqlite3_column_int64(s, 7);
        a.raw_src = src;
        a.raw_tgt = tgt;
        if (fn(ud, &a) < 0) {
            rc = ENT_ENOMEM;
            break;
        }
    }
    return analysis_finish(st, s, r, rc);
}

void analysis_period_of(const char *date, ent_period by, char out[11])
{
    period_of(date ? date : "", by, out);
}

int analysis_level_of(const char *code, int country, char out[32])
{
    return level_of(code, country, out);
}

int analysis_mode_number(const char *mode)
{
    return mode_number(mode);
}

/* ---- the aggregates (schema version 3, agg.c) ---- */

/* The date bounds ?1, ?2 on an aggregate's date, where an event without
 * a date is kept as '' (an upper bound leaves it out too). */
#define AGG_DATES_OF(d)                                                         \
    " " d " >= coalesce(?1, '') AND " d " <= coalesce(?2, X'FF')"               \
    " AND (?2 IS NULL OR " d " <> '')"
#define AGG_DATES AGG_DATES_OF("date")

/* A callback per aggregate row: a as for an event (quad, goldstein, news
 * and id unset), s the statement (columns 4 on are the caller's). */
typedef int (*agg_fn)(void *ud, const arow *a, sqlite3_stmt *s);

/* Call fn for every row of sql (columns date, source, target, mode, then
 * the caller's; ?1 and ?2 bound to q's dates, ?3 and ?4 to the range of
 * the prefix source if not NULL) of a mode q counts and with two sides at
 * q's level, as analysis_each_event does for events. */
static ent_rc each_aggregate_of(ent_store *st, const ent_query *q, const char *sql,
                                const char *source, agg_fn fn, void *ud)
{
    sqlite3_stmt *s = analysis_prepare(st, sql, q);
    if (!s)
        return ENT_EDB;
    if (source)
        bind_range(s, 3, source);
    int modes = analysis_modes(q);
    ent_rc rc = ENT_OK;
    int r, kept = 0;
    char prev[96] = "";  /* the last date|source|target levelled (rows come in key order) */
    arow a;
    memset(&a, 0, sizeof a);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int m = mode_number((const char *)sqlite3_column_text(s, 3));
        const char *date = (const char *)sqlite3_column_text(s, 0);
        const char *src = (const char *)sqlite3_column_text(s, 1);
        const char *tgt = (const char *)sqlite3_column_text(s, 2);
        char key[96];
        if (m == 4 || !(modes & (1 << m)) || !src || !tgt)
            continue;
        int n = snprintf(key, sizeof key, "%s|%s|%s", date ? date : "", src, tgt);
        if (n <= 0 || n >= (int)sizeof key || strcmp(key, prev)) {
            memset(&a, 0, sizeof a);
            kept = level_row(q, date, src, tgt, &a, NULL);
            snprintf(prev, sizeof prev, "%s", n > 0 && n < (int)sizeof key ? key : "");
        }
        a.raw_src = src;
        a.raw_tgt = tgt;
        if (!kept)
            continue;
        if (fn(ud, &a, s) < 0) {
            rc = ENT_ENOMEM;
            break;
        }
    }
    return analysis_finish(st, s, r, rc);
}

static ent_rc each_aggregate(ent_store *st, const ent_query *q, const char *sql, agg_fn fn,
                             void *ud)
{
    return each_aggregate_of(st, q, sql, NULL, fn, ud);
}

ent_rc analysis_aggregate_rows(ent_store *st, const ent_query *q, const char *sql,
                            int (*fn)(void *ud, const arow *a, sqlite3_stmt *s), void *ud)
{
    return each_aggregate(st, q, sql, fn, ud);
}

ent_rc analysis_each_dyad_day(ent_store *st, const ent_query *q, const char *source,
                              int (*fn)(void *ud, const arow *a, sqlite3_stmt *s), void *ud)
{
    static const char *const sql[2] = {
        "SELECT date, source, target, mode, quad, events, goldstein_micro FROM agg_dyad_day"
        " WHERE" AGG_DATES,
        /* one source prefix, on agg_dyad_day_source (+date: not on the
         * primary key's dates, which would read every source's rows) */
        "SELECT date, source, target, mode, quad, events, goldstein_micro FROM agg_dyad_day"
        " WHERE source >= ?3 AND source < ?4 AND" AGG_DATES_OF("+date")};
    int one = source && *source && strlen(source) < 32;
    return each_aggregate_of(st, q, sql[one], one ? source : NULL, fn, ud);
}

/* ---- dyads ---- */

typedef struct dyad_acc {
    const ent_query *q;
    ent_dyad_row *rows;
    long long *micro;     /* Goldstein sums in millionths (the aggregates) */
    int n, cap, last;     /* last: the row dyad_index found last */
    hash_map index, seen;
} dyad_acc;

/* 1 when the levelled dyad passes q's a (and b). */
static int dyad_wanted(const ent_query *q, const arow *a)
{
    if (q->a && q->b)
        return (matches(a->src, q->a) && matches(a->tgt, q->b)) ||
               (matches(a->src, q->b) && matches(a->tgt, q->a));
    return !q->a || matches(a->src, q->a) || matches(a->tgt, q->a);
}

static int dyad_lookup(dyad_acc *d, const arow *a, int make);

/* The index of a's row (period, source, target), appended when new and
 * make is set; -1 when absent, -2 when memory runs out. */
static int dyad_index(dyad_acc *d, const arow *a, int make)
{
    const ent_dyad_row *last = d->n ? &d->rows[d->last] : NULL;
    if (last && !strcmp(last->period, a->period) && !strcmp(last->source, a->src) &&
        !strcmp(last->target, a->tgt))
        return d->last; /* aggregate rows of one dyad come one after another */
    int i = dyad_lookup(d, a, make);
    if (i >= 0)
        d->last = i;
    return i;
}

static int dyad_lookup(dyad_acc *d, const arow *a, int make)
{
    char key[96];
    snprintf(key, sizeof key, "%s|%s|%s", a->period, a->src, a->tgt);
    int i = hash_map_get(&d->index, key);
    if (i >= 0 || !make)
        return i;
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 64;
        ent_dyad_row *r = realloc(d->rows, sizeof *r * (size_t)cap);
        if (r)
            d->rows = r;
        long long *m = r ? realloc(d->micro, sizeof *m * (size_t)cap) : NULL;
        if (!m)
            return -2;
        d->micro = m;
        d->cap = cap;
    }
    i = d->n++;
    if (hash_map_put(&d->index, key, i) < 0)
        return -2;
    ent_dyad_row *r = &d->rows[i];
    memset(r, 0, sizeof *r);
    d->micro[i] = 0;
    memcpy(r->period, a->period, sizeof r->period);
    memcpy(r->source, a->src, sizeof r->source);
    memcpy(r->target, a->tgt, sizeof r->target);
    return i;
}

/* Count the news source of row i once; -1 when memory runs out. */
static int dyad_source(dyad_acc *d, int i, const char *news)
{
    char skey[600];
    snprintf(skey, sizeof skey, "%d|%.500s", i, news);
    if (hash_map_get(&d->seen, skey) >= 0)
        return 0;
    if (hash_map_put(&d->seen, skey, 1) < 0)
        return -1;
    d->rows[i].sources++;
    return 0;
}

static int dyad_row(void *ud, const arow *a)
{
    dyad_acc *d = ud;
    if (!dyad_wanted(d->q, a))
        return 0;
    int i = dyad_index(d, a, 1);
    if (i < 0)
        return -1;
    ent_dyad_row *r = &d->rows[i];
    r->events++;
    if (a->quad >= 1 && a->quad <= 4)
        r->quad[a->quad - 1]++;
    r->goldstein_sum += a->goldstein;
    return dyad_source(d, i, a->news);
}

/* A row of agg_dyad_day (quad, events, goldstein_micro in columns 4-6). */
static int dyad_day(void *ud, const arow *a, sqlite3_stmt *s)
{
    dyad_acc *d = ud;
    if (!dyad_wanted(d->q, a))
        return 0;
    int i = dyad_index(d, a, 1);
    if (i < 0)
        return -1;
    ent_dyad_row *r = &d->rows[i];
    long n = (long)sqlite3_column_int64(s, 5);
    int quad = sqlite3_column_int(s, 4);
    r->events += n;
    if (quad >= 1 && quad <= 4)
        r->quad[quad - 1] += n;
    d->micro[i] += sqlite3_column_int64(s, 6);
    return 0;
}

/* A row of agg_dyad_news (the news source in column 4). */
static int dyad_news(void *ud, const arow *a, sqlite3_stmt *s)
{
    dyad_acc *d = ud;
    const char *news = (const char *)sqlite3_column_text(s, 4);
    int i = dyad_wanted(d->q, a) ? dyad_index(d, a, 0) : -1;
    return i < 0 ? 0 : dyad_source(d, i, news ? news : "");
}

/* The dyads from the aggregates: counts and sums per day, then the news
 * sources per day. */
static ent_rc dyads_aggregated(ent_store *s, const ent_query *q, dyad_acc *d)
{
    static const char days[] =
        "SELECT date, source, target, mode, quad, events, goldstein_micro FROM agg_dyad_day"
        " WHERE" AGG_DATES;
    static const char news[] =
        "SELECT date, source, target, mode, news FROM agg_dyad_news WHERE" AGG_DATES;
    ent_rc rc = each_aggregate(s, q, days, dyad_day, d);
    if (rc == ENT_OK)
        rc = each_aggregate(s, q, news, dyad_news, d);
    for (int i = 0; rc == ENT_OK && i < d->n; i++)
        d->rows[i].goldstein_sum = (double)d->micro[i] / 1e6;
    return rc;
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
    ent_rc rc = store_aggregated(s) ? dyads_aggregated(s, q, &d)
                                    : analysis_each_event(s, q, NULL, dyad_row, &d, NULL);
    hash_map_free(&d.index);
    hash_map_free(&d.seen);
    free(d.micro);
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
    hash_map index;
} net_acc;

/* The edge of a (appended when new); NULL when memory runs out. */
static ent_edge *net_edge(net_acc *d, const arow *a)
{
    char key[80];
    snprintf(key, sizeof key, "%s|%s", a->src, a->tgt);
    int i = hash_map_get(&d->index, key);
    if (i < 0) {
        if (d->n == d->cap) {
            int cap = d->cap ? d->cap * 2 : 64;
            ent_edge *e = realloc(d->e, sizeof *e * (size_t)cap);
            if (!e)
                return NULL;
            d->e = e;
            d->cap = cap;
        }
        i = d->n++;
        if (hash_map_put(&d->index, key, i) < 0)
            return NULL;
        memset(&d->e[i], 0, sizeof d->e[i]);
        memcpy(d->e[i].source, a->src, 32);
        memcpy(d->e[i].target, a->tgt, 32);
    }
    return &d->e[i];
}

static int net_row(void *ud, const arow *a)
{
    net_acc *d = ud;
    if (d->q->a && !matches(a->src, d->q->a) && !matches(a->tgt, d->q->a))
        return 0;
    ent_edge *e = net_edge(d, a);
    if (!e)
        return -1;
    e->events++;
    if (a->quad <= 2)
        e->coop++;
    else
        e->conflict++;
    e->goldstein_sum += a->goldstein;
    return 0;
}

/* A row of agg_dyad_day or agg_dyad_all (quad, events, goldstein_micro in
 * columns 4-6); the sums stay in millionths (micro) until the end. */
static int net_aggregate(void *ud, const arow *a, sqlite3_stmt *s)
{
    net_acc *d = ud;
    if (d->q->a && !matches(a->src, d->q->a) && !matches(a->tgt, d->q->a))
        return 0;
    ent_edge *e = net_edge(d, a);
    if (!e)
        return -1;
    long n = (long)sqlite3_column_int64(s, 5);
    e->events += n;
    if (sqlite3_column_int(s, 4) <= 2)
        e->coop += n;
    else
        e->conflict += n;
    e->goldstein_sum += (double)sqlite3_column_int64(s, 6); /* exact below 2^53 */
    return 0;
}

/* The network from the aggregates: over all time when q has no dates. */
static ent_rc network_aggregated(ent_store *s, const ent_query *q, net_acc *d)
{
    static const char *const sql[2] = {
        "SELECT '', source, target, mode, quad, events, goldstein_micro FROM agg_dyad_all"
        " WHERE ?1 IS NULL AND ?2 IS NULL",
        "SELECT date, source, target, mode, quad, events, goldstein_micro FROM agg_dyad_day"
        " WHERE" AGG_DATES};
    ent_rc rc = each_aggregate(s, q, sql[q->from || q->to], net_aggregate, d);
    for (int i = 0; rc == ENT_OK && i < d->n; i++)
        d->e[i].goldstein_sum /= 1e6;
    return rc;
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
    ent_rc rc = store_aggregated(s) ? network_aggregated(s, q, &d)
                                    : analysis_each_event(s, q, NULL, net_row, &d, NULL);
    hash_map_free(&d.index);
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
