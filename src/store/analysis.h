/*
 * analysis.h - what the analyses of the store share (analysis.c: dyads,
 * network; align.c: alignment and blocs): one pass over the events a query
 * selects, each levelled (IRNGOV -> IRN at country level) and put in its
 * period, and the names of periods.
 */
#ifndef ENT_ANALYSIS_H
#define ENT_ANALYSIS_H

#include "entente.h"

#include <sqlite3.h>

/* One event as the analyses see it. */
typedef struct arow {
    char period[11];      /* first day of the period, "all" or "unknown" */
    char src[32], tgt[32];
    int quad;
    double goldstein;
    const char *news;     /* the document's source, else its id (transient) */
    long long id;         /* the event's row id */
    const char *raw_src, *raw_tgt; /* the codes as stored (transient) */
} arow;

/* A callback per event; a negative return stops the pass (out of memory). */
typedef int (*row_fn)(void *ud, const arow *r);

/* Call fn for every event q selects (dates, modes), levelled and bucketed.
 * With source (a code prefix) only events whose stored source starts with
 * it, read on the covering index events_source_cover in (source, target,
 * date, id) order, and with news "" (the alignments do not use it). At country level, events
 * with a side that names no country (an agent alone: GOV, REB, CVL...) are
 * left out and counted in *unattributed (if not NULL). */
ent_rc analysis_each_event(ent_store *st, const ent_query *q, const char *source, row_fn fn,
                           void *ud, long *unattributed);

/* The statement of sql with ?1 and ?2 bound to q's dates (from, to), or
 * NULL after store_fail. */
sqlite3_stmt *analysis_prepare(ent_store *st, const char *sql, const ent_query *q);
/* The modes q counts: its own, else asserted and reported. */
int analysis_modes(const ent_query *q);
/* After stepping s to r: ENT_EDB (and store_fail) when the steps ended on
 * an error and rc was ENT_OK, else rc; s is finalised. */
ent_rc analysis_finish(ent_store *st, sqlite3_stmt *s, int r, ent_rc rc);

/* For the readers of the aggregates (schema version 3, agg.c): call fn
 * for every row of sql, whose columns are date, source, target, mode and
 * then the caller's, with ?1 and ?2 bound to q's dates, when q counts its
 * mode and both sides exist at q's level (a levelled and bucketed as for
 * an event; quad, goldstein, news and id left 0). */
ent_rc analysis_aggregate_rows(ent_store *st, const ent_query *q, const char *sql,
                               int (*fn)(void *ud, const arow *a, sqlite3_stmt *s), void *ud);

/* Call fn for every row of agg_dyad_day (columns date, source, target,
 * mode, quad, events, goldstein_micro) within q's dates, of a mode q
 * counts and with two sides at q's level; with source (a code prefix)
 * only the rows whose stored source starts with it, on the index
 * agg_dyad_day_source. As analysis_each_event, from the aggregates. */
ent_rc analysis_each_dyad_day(ent_store *st, const ent_query *q, const char *source,
                              int (*fn)(void *ud, const arow *a, sqlite3_stmt *s), void *ud);

/* The period of a date (first day, "all" or "unknown") and a code at the
 * query's level (0 when, at country level, it names no country), as the
 * pass above puts them in an arow. */
void analysis_period_of(const char *date, ent_period by, char out[11]);
int analysis_level_of(const char *code, int country, char out[32]);
/* The mode's number (ent_mode), or 4 for one entente does not know. */
int analysis_mode_number(const char *mode);

/* 1 if code starts with a non-empty prefix. */
int analysis_matches(const char *code, const char *prefix);

/* The number of the period that starts on day (YYYY-MM-DD): consecutive
 * periods have consecutive numbers. */
double analysis_period_number(const char *day, ent_period by);
/* A period for people: "2016-Q2", "2016-04", "2016", the day itself. */
void analysis_period_label(const char *day, ent_period by, char out[16]);
/* "day", "week", "month", "quarter", "year", "all". */
const char *analysis_period_unit(ent_period by);

#endif
