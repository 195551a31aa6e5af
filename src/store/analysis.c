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

ent_rc analysis_each_event(ent_store *st, const ent_query *q, const char *source, row_fn fn,
                           void *ud, long *unattributed)
{
    static const char *const sql[2] = {
        "SELECT e.date, e.source, e.target, e.quad, e.goldstein, coalesce(d.source, d.id), e.mode, "
        "e.id FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2) ORDER BY e.id",
        /* one source prefix: on the events_dyad index (source, target, date) */
        "SELECT e.date, e.source, e.target, e.quad, e.goldstein, coalesce(d.source, d.id), e.mode, "
        "e.id FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.source >= ?3 AND e.source < ?4 "
        "AND (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2)"};
    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = NULL;
    int one = source && *source && strlen(source) < 32;
    if (sqlite3_prepare_v2(db, sql[one], -1, &s, NULL) != SQLITE_OK) {
        store_fail(st);
        return ENT_EDB;
    }
    if (q->from)
        sqlite3_bind_text(s, 1, q->from, -1, SQLITE_TRANSIENT);
    if (q->to)
        sqlite3_bind_text(s, 2, q->to, -1, SQLITE_TRANSIENT);
    if (one)
        bind_range(s, 3, source);
    int modes = q->modes ? q->modes : (1 << ENT_MODE_ASSERTED) | (1 << ENT_MODE_REPORTED);
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
        period_of(date ? date : "", q->by, a.period);
        int ok_src = level_of(src, q->country_level, a.src);
        int ok_tgt = level_of(tgt, q->country_level, a.tgt);
        if (!ok_src || !ok_tgt) {
            if (unattributed)
                ++*unattributed;
            continue;
        }
        if (!strcmp(a.src, a.tgt))
            continue; /* IRNGOV -> IRNMIL is internal at country level */
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
    if (r != SQLITE_DONE && rc == ENT_OK) {
        store_fail(st);
        rc = ENT_EDB;
    }
    sqlite3_finalize(s);
    return rc;
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

/* ---- dyads ---- */

typedef struct dyad_acc {
    const ent_query *q;
    ent_dyad_row *rows;
    int n, cap;
    hash_map index, seen;
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
    int i = hash_map_get(&d->index, key);
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
        if (hash_map_put(&d->index, key, i) < 0)
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
    if (hash_map_get(&d->seen, skey) < 0) {
        if (hash_map_put(&d->seen, skey, 1) < 0)
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
    ent_rc rc = analysis_each_event(s, q, NULL, dyad_row, &d, NULL);
    hash_map_free(&d.index);
    hash_map_free(&d.seen);
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

static int net_row(void *ud, const arow *a)
{
    net_acc *d = ud;
    if (d->q->a && !matches(a->src, d->q->a) && !matches(a->tgt, d->q->a))
        return 0;
    char key[80];
    snprintf(key, sizeof key, "%s|%s", a->src, a->tgt);
    int i = hash_map_get(&d->index, key);
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
        if (hash_map_put(&d->index, key, i) < 0)
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
    ent_rc rc = analysis_each_event(s, q, NULL, net_row, &d, NULL);
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
