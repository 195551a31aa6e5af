/*
 * places.c - where the events happened: the events with coordinates that a
 * query selects, counted per place (and period, and directed dyad when
 * asked) by mode and quad class, for the map of the report and of the
 * server (ent_places). Actors are levelled and periods cut as in the other
 * analyses (analysis.h); every value is bound. A store of schema version
 * 3 is read from its aggregate per day and place (agg.c), an older one
 * from its events.
 */
#include "entente.h"
#include "store/store.h"
#include "store/analysis.h"
#include "base/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct place_acc {
    ent_place_row *rows;
    int n, cap;
    hash_map index;
} place_acc;

/* 1 when the levelled dyad src -> tgt passes q's a and b. */
static int dyad_passes(const ent_query *q, const char *src, const char *tgt)
{
    if (q->a && q->b)
        return (analysis_matches(src, q->a) && analysis_matches(tgt, q->b)) ||
               (analysis_matches(src, q->b) && analysis_matches(tgt, q->a));
    return !q->a || analysis_matches(src, q->a) || analysis_matches(tgt, q->a);
}

/* The row of this key, appended when new; NULL when memory runs out. */
static ent_place_row *place_row(place_acc *d, const ent_place_row *proto)
{
    char key[256];
    snprintf(key, sizeof key, "%s|%s|%s|%.5f|%.5f|%s|%s", proto->period, proto->place,
             proto->country, proto->lat, proto->lon, proto->source, proto->target);
    int i = hash_map_get(&d->index, key);
    if (i >= 0)
        return &d->rows[i];
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 64;
        ent_place_row *r = realloc(d->rows, sizeof *r * (size_t)cap);
        if (!r)
            return NULL;
        d->rows = r;
        d->cap = cap;
    }
    if (hash_map_put(&d->index, key, d->n) < 0)
        return NULL;
    d->rows[d->n] = *proto;
    return &d->rows[d->n++];
}

static void copy_text(char *out, size_t n, const unsigned char *s)
{
    snprintf(out, n, "%s", s ? (const char *)s : "");
}

static int cmp_place(const void *x, const void *y)
{
    const ent_place_row *a = x, *b = y;
    int c = strcmp(a->period, b->period);
    if (!c)
        c = strcmp(a->place, b->place);
    if (!c)
        c = strcmp(a->country, b->country);
    if (!c)
        c = strcmp(a->source, b->source);
    if (!c)
        c = strcmp(a->target, b->target);
    /* two places of one name in one country (or unnamed): by coordinates,
     * so the order does not depend on the order rows were read in */
    if (!c)
        c = (a->lat > b->lat) - (a->lat < b->lat);
    if (!c)
        c = (a->lon > b->lon) - (a->lon < b->lon);
    return c;
}

/* One event row of the statement into the accumulator: 0, 1 when it is
 * left out, -1 when memory runs out. */
static int place_event(place_acc *d, const ent_query *q, int by_dyad, int modes,
                       sqlite3_stmt *s)
{
    const char *src = (const char *)sqlite3_column_text(s, 1);
    const char *tgt = (const char *)sqlite3_column_text(s, 2);
    int m = analysis_mode_number((const char *)sqlite3_column_text(s, 4));
    int quad = sqlite3_column_int(s, 3);
    ent_place_row p;
    memset(&p, 0, sizeof p);
    if (m == 4 || !(modes & (1 << m)) || quad < 1 || quad > 4 || !src || !tgt ||
        !analysis_level_of(src, q->country_level, p.source) ||
        !analysis_level_of(tgt, q->country_level, p.target) || !strcmp(p.source, p.target) ||
        !dyad_passes(q, p.source, p.target))
        return 1;
    analysis_period_of((const char *)sqlite3_column_text(s, 0), q->by, p.period);
    copy_text(p.place, sizeof p.place, sqlite3_column_text(s, 5));
    copy_text(p.country, sizeof p.country, sqlite3_column_text(s, 6));
    p.lat = sqlite3_column_double(s, 7);
    p.lon = sqlite3_column_double(s, 8);
    if (!by_dyad)
        p.source[0] = p.target[0] = 0;
    ent_place_row *r = place_row(d, &p);
    if (!r)
        return -1;
    r->events++;
    r->n[m][quad - 1]++;
    return 0;
}

typedef struct place_pass {
    place_acc *d;
    const ent_query *q;
    int by_dyad;
} place_pass;

/* A row of agg_place_day (quad, events, place, country, lat, lon in
 * columns 4-9) into the accumulator; -1 when memory runs out. */
static int place_aggregate(void *ud, const arow *a, sqlite3_stmt *s)
{
    place_pass *pp = ud;
    int m = analysis_mode_number((const char *)sqlite3_column_text(s, 3));
    int quad = sqlite3_column_int(s, 4);
    ent_place_row p;
    memset(&p, 0, sizeof p);
    if (quad < 1 || quad > 4 || !dyad_passes(pp->q, a->src, a->tgt))
        return 0;
    memcpy(p.period, a->period, sizeof p.period);
    if (pp->by_dyad) {
        memcpy(p.source, a->src, sizeof p.source);
        memcpy(p.target, a->tgt, sizeof p.target);
    }
    copy_text(p.place, sizeof p.place, sqlite3_column_text(s, 6));
    copy_text(p.country, sizeof p.country, sqlite3_column_text(s, 7));
    p.lat = sqlite3_column_double(s, 8);
    p.lon = sqlite3_column_double(s, 9);
    ent_place_row *r = place_row(pp->d, &p);
    if (!r)
        return -1;
    long n = (long)sqlite3_column_int64(s, 5);
    r->events += n;
    r->n[m][quad - 1] += n;
    return 0;
}

/* The places from the aggregates (schema version 3, agg.c). */
static ent_rc places_aggregated(ent_store *st, const ent_query *q, int by_dyad, place_acc *d)
{
    static const char sql[] =
        "SELECT date, source, target, mode, quad, events, place, country, lat, lon"
        " FROM agg_place_day WHERE date >= coalesce(?1, '') AND date <= coalesce(?2, X'FF')"
        " AND (?2 IS NULL OR date <> '')";
    place_pass pp = {d, q, by_dyad};
    return analysis_aggregate_rows(st, q, sql, place_aggregate, &pp);
}

/* The places from the events (a store before schema version 3). */
static ent_rc places_of_events(ent_store *st, const ent_query *q, int by_dyad, place_acc *d)
{
    static const char sql[] =
        "SELECT e.date, e.source, e.target, e.quad, e.mode, e.place, e.place_country, "
        "e.lat, e.lon FROM events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL "
        "AND (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2) ORDER BY e.id";
    sqlite3_stmt *s = analysis_prepare(st, sql, q);
    if (!s)
        return ENT_EDB;
    int modes = analysis_modes(q);
    ent_rc rc = ENT_OK;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW)
        if (place_event(d, q, by_dyad, modes, s) < 0) {
            rc = ENT_ENOMEM;
            break;
        }
    return analysis_finish(st, s, r, rc);
}

ent_rc ent_places(ent_store *st, const ent_query *q, int by_dyad, ent_place_row **rows,
                  int *nrows)
{
    place_acc d;
    memset(&d, 0, sizeof d);
    ent_rc rc = store_aggregated(st) ? places_aggregated(st, q, by_dyad, &d)
                                     : places_of_events(st, q, by_dyad, &d);
    hash_map_free(&d.index);
    if (rc != ENT_OK) {
        free(d.rows);
        return rc;
    }
    if (d.n > 1)
        qsort(d.rows, (size_t)d.n, sizeof *d.rows, cmp_place);
    *rows = d.rows;
    *nrows = d.n;
    return ENT_OK;
}
