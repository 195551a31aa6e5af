/*
 * query.c - reading a store back: the events a filter selects, newest
 * first, with their sentence, document and actor spans (ent_store_events);
 * the counts of the store (ent_store_summary); the busiest actors and
 * pairs (ent_query_top). The report and the server read the store only
 * through these and the analyses of analysis.c. Every SQL text here is
 * assembled from constant fragments; every value the caller gives is bound.
 */
#include "entente.h"
#include "base/mem.h"
#include "store/store.h"
#include "base/cameo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the events ---- */

/* Bound parameters of the events statement. */
enum {
    Q_ACTOR = 1, Q_SOURCE = 3, Q_TARGET = 5, Q_CODE = 7, /* prefixes: [v, v+1) */
    Q_ROOT = 9, Q_MODE = 10,                             /* Q_MODE..Q_MODE+3 */
    Q_FROM = 14, Q_TO = 15, Q_PLACE = 16, Q_LIMIT = 17, Q_OFFSET = 18,
    Q_A = 19, Q_B = 21
};

/* The span of an event's source or target: the first mention in its
 * sentence with the same text and code, else the same text. */
/* The unary + keeps SQLite off the index on actors(code): it would walk
 * every mention of the code (hundreds of thousands on a big store) where
 * the document's few mentions, on actors(doc_id), are enough. */
#define MENTION(side)                                                                \
    "coalesce((SELECT a.start || ' ' || a.end FROM actors a WHERE a.doc_id = e.doc_id"  \
    " AND +a.sentence = e.sentence AND +a.text = e." side "_text AND +a.code = e." side \
    " ORDER BY a.start LIMIT 1), (SELECT a.start || ' ' || a.end FROM actors a"         \
    " WHERE a.doc_id = e.doc_id AND +a.sentence = e.sentence AND +a.text = e." side     \
    "_text ORDER BY a.start LIMIT 1))"

static const char events_head[] =
    "SELECT e.id, e.doc_id, e.sentence, e.date, e.date_rule, e.date_text, e.scheduled,"
    " e.source, e.source_text, e.target, e.target_text, e.code, e.root, e.quad,"
    " e.goldstein, e.plover, e.mode, e.evidence, e.place, e.place_text,"
    " e.place_country, e.place_admin1, e.lat, e.lon,"
    " s.start, s.end, s.text, d.date, d.title, d.url, d.source, d.date_source,"
    " " MENTION("source") ", " MENTION("target")
    " FROM (SELECT e.id FROM events e WHERE 1";

/* The actor filters, on the actor indexes and (walk) off them: the unary +
 * keeps SQLite from using an index for the term. */
static const char *const actor_filter[2][4] = {
    {" AND ((e.source >= ?1 AND e.source < ?2) OR (e.target >= ?1 AND e.target < ?2))",
     " AND e.source >= ?3 AND e.source < ?4",
     " AND e.target >= ?5 AND e.target < ?6",
     " AND ((e.source >= ?19 AND e.source < ?20) OR (e.target >= ?19 AND e.target < ?20))"},
    {" AND ((+e.source >= ?1 AND +e.source < ?2) OR (+e.target >= ?1 AND +e.target < ?2))",
     " AND +e.source >= ?3 AND +e.source < ?4",
     " AND +e.target >= ?5 AND +e.target < ?6",
     " AND ((+e.source >= ?19 AND +e.source < ?20) OR (+e.target >= ?19 AND +e.target < ?20))"}};
static const char *const dyad_filter[2] = {
    " AND ((e.source >= ?19 AND e.source < ?20 AND e.target >= ?21 AND e.target < ?22)"
    " OR (e.source >= ?21 AND e.source < ?22 AND e.target >= ?19 AND e.target < ?20))",
    " AND ((+e.source >= ?19 AND +e.source < ?20 AND +e.target >= ?21 AND +e.target < ?22)"
    " OR (+e.source >= ?21 AND +e.source < ?22 AND +e.target >= ?19 AND +e.target < ?20))"};

/* The page is chosen on events alone, then joined (cheaper deep offsets). */
static const char events_tail[] =
    " ORDER BY e.date DESC, e.id DESC LIMIT ?17 OFFSET ?18) AS page"
    " JOIN events e ON e.id = page.id"
    " LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence"
    " LEFT JOIN documents d ON d.id = e.doc_id ORDER BY e.date DESC, e.id DESC";

struct ent_store_iter {
    ent_store *store;
    sqlite3_stmt *st;
    ent_event_rec rec;
};

/* A code filter: 1-31 printable ASCII characters, no space. */
static int code_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (!s)
        return 1;
    if (n < 1 || n > 31)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] <= 0x20 || s[i] > 0x7e)
            return 0;
    return 1;
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

/* Bind the prefix v as [v, v with its last character raised by one). */
static void bind_prefix(sqlite3_stmt *st, int slot, const char *v)
{
    char hi[32];
    if (!v)
        return;
    snprintf(hi, sizeof hi, "%s", v);
    hi[strlen(hi) - 1]++;
    sqlite3_bind_text(st, slot, v, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, slot + 1, hi, -1, SQLITE_TRANSIENT);
}

static long long one_number(sqlite3 *db, const char *sql, const char *v, const char *hi,
                            long long n)
{
    sqlite3_stmt *st = NULL;
    long long r = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (v) {
            sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 3, n);
        }
        if (sqlite3_step(st) == SQLITE_ROW)
            r = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return r;
}

/* Whether the actor filters (actor, source, target, a) should leave their
 * indexes alone. A page of events, newest first, comes either from
 * gathering every match through the source/target index and sorting them,
 * or from walking an index on date and keeping the matches. With W rows
 * wanted (offset + limit) among N events, walking wins once an actor has
 * more than about sqrt(W * N) matches; we count up to that many (cheap on
 * the index) and decide. The walk needs an index that starts with date
 * (the schema's events_date; docs/api.md). */
static void choose_walk(sqlite3 *db, const char *const v[4], long long want, int walk[4])
{
    static const char has_date_index[] =
        "SELECT count(*) FROM pragma_index_list('events') AS l,"
        " pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND i.name = 'date'";
    static const char *const probe[2] = {
        "SELECT count(*) FROM (SELECT 1 FROM events WHERE source >= ?1 AND source < ?2 LIMIT ?3)",
        "SELECT count(*) FROM (SELECT 1 FROM events WHERE target >= ?1 AND target < ?2 LIMIT ?3)"};
    if (want <= 0 || !one_number(db, has_date_index, NULL, NULL, 0))
        return;
    long long events = one_number(db, "SELECT max(id) FROM events", NULL, NULL, 0);
    long long enough = (long long)sqrt((double)want * (double)events);
    if (enough < 1000)
        return; /* a small store: either way is fast */
    for (int k = 0; k < 4; k++) {
        if (!v[k])
            continue;
        char hi[32];
        snprintf(hi, sizeof hi, "%s", v[k]);
        hi[strlen(hi) - 1]++;
        /* k: 0 actor and 3 a (either side), 1 source, 2 target */
        for (int side = 0; side < 2 && !walk[k]; side++)
            if (!(k == 1 && side == 1) && !(k == 2 && side == 0) &&
                one_number(db, probe[side], v[k], hi, enough) >= enough)
                walk[k] = 1;
    }
}

ent_store_iter *ent_store_events(ent_store *s, const ent_event_filter *f, ent_rc *rc)
{
    static const ent_event_filter none;
    ent_rc dummy;
    if (!rc)
        rc = &dummy;
    if (!f)
        f = &none;
    /* actor, source, target, a; b */
    const char *v[4] = {nonempty(f->actor), nonempty(f->source), nonempty(f->target),
                        nonempty(f->a)};
    const char *b = v[3] ? nonempty(f->b) : NULL, *code = nonempty(f->code);
    if (!s || !code_ok(v[0]) || !code_ok(v[1]) || !code_ok(v[2]) || !code_ok(v[3]) ||
        !code_ok(b) || !code_ok(code) || f->limit < 0 || f->offset < 0) {
        if (s)
            store_fail_msg(s, ENT_STORE_FAILED, "a bad event filter");
        *rc = ENT_EUSAGE;
        return NULL;
    }
    ent_store_iter *it = mem_calloc(1, sizeof *it);
    if (!it) {
        store_fail_msg(s, ENT_STORE_FAILED, "out of memory");
        *rc = ENT_ENOMEM;
        return NULL;
    }
    it->store = s;
    sqlite3 *db = store_db(s);
    int walk[4] = {0};
    choose_walk(db, v, f->limit ? f->offset + f->limit : 0, walk);

    char sql[4096];
    snprintf(sql, sizeof sql, "%s", events_head);
#define ADD(frag) strncat(sql, (frag), sizeof sql - strlen(sql) - 1)
    for (int k = 0; k < 3; k++)
        if (v[k])
            ADD(actor_filter[walk[k]][k]);
    if (v[3])
        ADD(b ? dyad_filter[walk[3]] : actor_filter[walk[3]][3]);
    if (code)
        ADD(" AND e.code >= ?7 AND e.code < ?8");
    if (nonempty(f->root))
        ADD(" AND e.root = ?9");
    if (f->modes & 15)
        ADD(" AND e.mode IN (?10, ?11, ?12, ?13)");
    if (nonempty(f->from))
        ADD(" AND e.date >= ?14");
    if (nonempty(f->to))
        ADD(" AND e.date <= ?15");
    const char *place = nonempty(f->place);
    int by_country = place && strlen(place) == 3 && place[0] >= 'A' && place[0] <= 'Z' &&
                     place[1] >= 'A' && place[1] <= 'Z' && place[2] >= 'A' && place[2] <= 'Z';
    if (place)
        ADD(by_country ? " AND e.place_country = ?16" : " AND e.place = ?16 COLLATE NOCASE");
    ADD(events_tail);
#undef ADD

    if (sqlite3_prepare_v2(db, sql, -1, &it->st, NULL) != SQLITE_OK) {
        store_fail(s);
        ent_store_iter_free(it);
        *rc = ENT_EDB;
        return NULL;
    }
    sqlite3_stmt *st = it->st;
    bind_prefix(st, Q_ACTOR, v[0]);
    bind_prefix(st, Q_SOURCE, v[1]);
    bind_prefix(st, Q_TARGET, v[2]);
    bind_prefix(st, Q_A, v[3]);
    bind_prefix(st, Q_B, b);
    bind_prefix(st, Q_CODE, code);
    const struct { int slot; const char *v; } exact[] = {
        {Q_ROOT, nonempty(f->root)}, {Q_FROM, nonempty(f->from)}, {Q_TO, nonempty(f->to)},
        {Q_PLACE, place}};
    for (size_t k = 0; k < sizeof exact / sizeof *exact; k++)
        if (exact[k].v)
            sqlite3_bind_text(st, exact[k].slot, exact[k].v, -1, SQLITE_TRANSIENT);
    for (int m = 0; m < 4; m++)
        if (f->modes & (1 << m))
            sqlite3_bind_text(st, Q_MODE + m, ent_mode_name((ent_mode)m), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, Q_LIMIT, f->limit ? f->limit : -1);
    sqlite3_bind_int64(st, Q_OFFSET, f->offset);
    *rc = ENT_OK;
    return it;
}

/* Column i as text, or NULL. */
static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static double col_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

/* "START END" (the MENTION subquery) into a span; 0 if there is none. */
static int mention_span(const char *t, ent_actor_ref *a)
{
    long s, e;
    if (!t || sscanf(t, "%ld %ld", &s, &e) != 2 || s < 0 || e < s)
        return 0;
    a->start = (size_t)s;
    a->end = (size_t)e;
    return 1;
}

ent_rc ent_store_iter_next(ent_store_iter *it, const ent_event_rec **out)
{
    *out = NULL;
    int r = sqlite3_step(it->st);
    if (r == SQLITE_DONE)
        return ENT_EOF;
    if (r != SQLITE_ROW) {
        store_fail(it->store);
        return ENT_EDB;
    }
    sqlite3_stmt *st = it->st;
    ent_event_rec *rec = &it->rec;
    ent_event *e = &rec->ev;
    memset(rec, 0, sizeof *rec);
    rec->id = sqlite3_column_int64(st, 0);
    rec->doc = col(st, 1);
    e->sentence = sqlite3_column_int(st, 2);
    snprintf(e->date, sizeof e->date, "%s", col(st, 3) ? col(st, 3) : "");
    e->date_rule = col(st, 4);
    e->date_text = col(st, 5);
    e->scheduled = sqlite3_column_int(st, 6);
    e->source.code = col(st, 7);
    e->source.text = col(st, 8);
    e->target.code = col(st, 9);
    e->target.text = col(st, 10);
    e->code = col(st, 11);
    e->root = col(st, 12);
    e->quad = sqlite3_column_int(st, 13);
    e->goldstein = col_real(st, 14);
    e->plover = col(st, 15);
    const char *mode = col(st, 16);
    int m;
    for (m = 0; m < 4; m++)
        if (mode && !strcmp(mode, ent_mode_name((ent_mode)m)))
            break;
    e->mode = (ent_mode)m; /* 4: a mode entente does not know */
    e->evidence = col(st, 17);
    e->place = col(st, 18);
    e->place_text = col(st, 19);
    snprintf(e->place_country, sizeof e->place_country, "%s", col(st, 20) ? col(st, 20) : "");
    e->place_admin1 = col(st, 21);
    e->lat = col_real(st, 22);
    e->lon = col_real(st, 23);
    if (sqlite3_column_type(st, 24) != SQLITE_NULL && sqlite3_column_type(st, 25) != SQLITE_NULL) {
        rec->start = (size_t)sqlite3_column_int64(st, 24);
        rec->end = (size_t)sqlite3_column_int64(st, 25);
        rec->have |= ENT_HAVE_SPAN;
    }
    rec->text = col(st, 26);
    rec->doc_date = col(st, 27);
    rec->doc_title = col(st, 28);
    rec->doc_url = col(st, 29);
    rec->doc_source = col(st, 30);
    rec->date_source = col(st, 31);
    if (mention_span(col(st, 32), &e->source))
        rec->have |= ENT_HAVE_SOURCE_SPAN;
    if (mention_span(col(st, 33), &e->target))
        rec->have |= ENT_HAVE_TARGET_SPAN;
    *out = rec;
    return ENT_OK;
}

void ent_store_iter_free(ent_store_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    mem_free(it);
}

/* ---- the summary ---- */

/* The dates of the aggregates (agg.c): an event without a date is kept
 * under '' there, which a lower bound leaves out and an upper bound must
 * too. */
#define AGG_DATES(f, t)                                                       \
    " date >= coalesce(" f ", '') AND date <= coalesce(" t ", X'FF')"          \
    " AND (" t " IS NULL OR date <> '')"
#define FIRST_LAST                                                                               \
    "SELECT (SELECT date FROM events WHERE date >= coalesce(?1, '0')"                           \
    " AND date <= coalesce(?2, '9999-99-99') AND length(date) = 10 ORDER BY date LIMIT 1),"     \
    " (SELECT date FROM events WHERE date >= coalesce(?1, '0')"                                 \
    " AND date <= coalesce(?2, '9999-99-99') AND length(date) = 10 ORDER BY date DESC LIMIT 1)"

ent_rc ent_store_summary(ent_store *s, const char *from, const char *to, ent_store_counts *out)
{
    static const char *const sql[2][4] = {{
        "SELECT coalesce(sum(duplicate_of IS NULL), 0), coalesce(sum(duplicate_of IS NOT NULL), 0)"
        " FROM documents",
        "SELECT count(*) FROM sentences",
        "SELECT mode, quad, count(*) FROM events"
        " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) GROUP BY mode, quad",
        /* the first and last dates, on the date index */
        FIRST_LAST},
        /* schema version 3: the aggregates; over all time, agg_dyad_all */
        {"SELECT coalesce((SELECT n FROM agg_counts WHERE name = 'documents'), 0),"
         " coalesce((SELECT n FROM agg_counts WHERE name = 'duplicates'), 0)",
         "SELECT coalesce((SELECT n FROM agg_counts WHERE name = 'sentences'), 0)",
         "SELECT mode, quad, sum(events) FROM agg_dyad_all WHERE ?1 IS NULL AND ?2 IS NULL"
         " GROUP BY mode, quad UNION ALL SELECT mode, quad, sum(events) FROM agg_dyad_day"
         " WHERE (?1 IS NOT NULL OR ?2 IS NOT NULL) AND" AGG_DATES("?1", "?2")
         " GROUP BY mode, quad",
         FIRST_LAST}};
    memset(out, 0, sizeof *out);
    sqlite3 *db = store_db(s);
    for (int k = 0; k < 4; k++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql[store_aggregated(s)][k], -1, &st, NULL) != SQLITE_OK) {
            store_fail(s);
            return ENT_EDB;
        }
        if (k >= 2) {
            sqlite3_bind_text(st, 1, nonempty(from), -1, SQLITE_TRANSIENT); /* NULL binds NULL */
            sqlite3_bind_text(st, 2, nonempty(to), -1, SQLITE_TRANSIENT);
        }
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            if (k == 0) {
                out->documents = (long)sqlite3_column_int64(st, 0);
                out->near_duplicates = (long)sqlite3_column_int64(st, 1);
                continue;
            }
            if (k == 1) {
                out->sentences = (long)sqlite3_column_int64(st, 0);
                continue;
            }
            if (k == 3) {
                snprintf(out->first_date, sizeof out->first_date, "%s", col(st, 0) ? col(st, 0) : "");
                snprintf(out->last_date, sizeof out->last_date, "%s", col(st, 1) ? col(st, 1) : "");
                continue;
            }
            const char *mode = col(st, 0);
            int quad = sqlite3_column_int(st, 1), m;
            long n = (long)sqlite3_column_int64(st, 2);
            for (m = 0; m < 4; m++)
                if (mode && !strcmp(mode, ent_mode_name((ent_mode)m)))
                    break;
            if (m < 4)
                out->by_mode[m] += n;
            else
                out->other_mode += n;
            if (quad >= 1 && quad <= 4)
                out->by_quad[quad - 1] += n;
            out->events += n;
        }
        if (r != SQLITE_DONE) {
            store_fail(s);
            sqlite3_finalize(st);
            return ENT_EDB;
        }
        sqlite3_finalize(st);
    }
    return ENT_OK;
}

/* ---- the busiest actors and pairs ---- */

/* Actor codes at country level, as the analyses count them (IRNGOV -> IRN;
 * IGOUNO, NGO..., IMG..., MNC... keep six characters). */
#define LEVEL(x)                                                                   \
    "CASE WHEN substr(" x ",1,3) IN ('IGO','NGO','IMG','MNC') THEN substr(" x ",1,6) " \
    "ELSE substr(" x ",1,3) END"

/* At country level, a code names a country (or an organisation) unless
 * it starts with an agent code alone (?8: cameo_agents_json) or no
 * letters: such events are left out, as the analyses leave them out. */
#define COUNTRY(x)                                                                    \
    "(substr(" x ",1,3) IN ('IGO','NGO','IMG','MNC') OR (" x " GLOB '[A-Z][A-Z][A-Z]*'" \
    " AND substr(" x ",1,3) NOT IN (SELECT value FROM json_each(?8))))"

/* The busiest actors and pairs from FROM, each row counting N events:
 * the events, or the aggregates (agg.c) with their dates D. */
#define TOP_SQL(S, T, W, FROM, N, D)                                                    \
    "WITH g AS MATERIALIZED (SELECT " S " AS s, " T " AS t, " N " AS n FROM " FROM      \
    " WHERE mode IN (?1, ?2, ?3, ?4) AND " D W " GROUP BY 1, 2),"                        \
    " busiest AS (SELECT x, sum(n) AS n FROM (SELECT s AS x, n FROM g WHERE s <> t"      \
    " UNION ALL SELECT t, n FROM g WHERE s <> t) GROUP BY x ORDER BY 2 DESC, x LIMIT ?7)," \
    " pairs AS (SELECT min(s, t) AS a, max(s, t) AS b, sum(n) AS n FROM g WHERE s <> t"  \
    " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?7)"                                     \
    " SELECT 0, x, NULL, n FROM busiest UNION ALL SELECT 1, a, b, n FROM pairs"          \
    " ORDER BY 1, 4 DESC, 2, 3"
#define TOP_EVENTS "events", "count(*)", "(?5 IS NULL OR date >= ?5) AND (?6 IS NULL OR date <= ?6)"
#define TOP_DAYS "agg_dyad_day", "sum(events)", AGG_DATES("?5", "?6")
#define TOP_ALL "agg_dyad_all", "sum(events)", "?5 IS NULL AND ?6 IS NULL"
#define TOP_ACTOR(FROM) TOP_SQL("source", "target", "", FROM)
#define TOP_COUNTRY(FROM)                                                              \
    TOP_SQL(LEVEL("source"), LEVEL("target"),                                          \
            " AND " COUNTRY("source") " AND " COUNTRY("target"), FROM)

ent_rc ent_query_top(ent_store *s, const ent_query *q, int n, ent_top_row **actors,
                     int *nactors, ent_top_row **pairs, int *npairs)
{
    /* [events, aggregates by day, over all time][actor, country level] */
    static const char *const sql[3][2] = {
        {TOP_ACTOR(TOP_EVENTS), TOP_COUNTRY(TOP_EVENTS)},
        {TOP_ACTOR(TOP_DAYS), TOP_COUNTRY(TOP_DAYS)},
        {TOP_ACTOR(TOP_ALL), TOP_COUNTRY(TOP_ALL)}};
    int from = !store_aggregated(s) ? 0 : nonempty(q->from) || nonempty(q->to) ? 1 : 2;
    *actors = *pairs = NULL;
    *nactors = *npairs = 0;
    if (n <= 0)
        return ENT_OK;
    ent_top_row *row[2] = {calloc((size_t)n, sizeof **actors), calloc((size_t)n, sizeof **pairs)};
    int count[2] = {0, 0};
    sqlite3_stmt *st = NULL;
    if (!row[0] || !row[1]) {
        free(row[0]);
        free(row[1]);
        store_fail_msg(s, ENT_STORE_FAILED, "out of memory");
        return ENT_ENOMEM;
    }
    if (sqlite3_prepare_v2(store_db(s), sql[from][q->country_level != 0], -1, &st, NULL) != SQLITE_OK) {
        store_fail(s);
        free(row[0]);
        free(row[1]);
        return ENT_EDB;
    }
    int modes = q->modes ? q->modes : (1 << ENT_MODE_ASSERTED) | (1 << ENT_MODE_REPORTED);
    for (int m = 0; m < 4; m++)
        if (modes & (1 << m))
            sqlite3_bind_text(st, 1 + m, ent_mode_name((ent_mode)m), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, nonempty(q->from), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, nonempty(q->to), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 7, n);
    if (q->country_level)
        sqlite3_bind_text(st, 8, cameo_agents_json(), -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int kind = sqlite3_column_int(st, 0) != 0;
        if (count[kind] >= n)
            continue;
        ent_top_row *t = &row[kind][count[kind]++];
        snprintf(t->a, sizeof t->a, "%s", col(st, 1) ? col(st, 1) : "");
        snprintf(t->b, sizeof t->b, "%s", col(st, 2) ? col(st, 2) : "");
        t->events = (long)sqlite3_column_int64(st, 3);
    }
    if (r != SQLITE_DONE) {
        store_fail(s);
        sqlite3_finalize(st);
        free(row[0]);
        free(row[1]);
        return ENT_EDB;
    }
    sqlite3_finalize(st);
    *actors = row[0];
    *nactors = count[0];
    *pairs = row[1];
    *npairs = count[1];
    return ENT_OK;
}
