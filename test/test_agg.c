/*
 * test_agg.c - the aggregates of schema version 3 (src/store/agg.c) on a
 * store built by hand with what makes them hard: undated events, agents
 * without a country (GOV, REB), every mode and one entente does not know,
 * quad classes out of range, places with and without a name, documents
 * with and without a news source, a near-duplicate, then a document
 * deleted (as re-coding does) and single events deleted.
 *
 *   1. The aggregates equal what the events give (the same GROUP BYs).
 *   2. Every analysis over a grid of queries (period, level, a and b,
 *      dates, modes) answers the same from the aggregates as from the
 *      events (a copy of the store downgraded to version 2, read-only).
 *   2b. The alignments and blocs (align.c) over a grid of queries: the
 *      same bytes from the aggregates as from the events.
 *   3. Opening that copy for writing upgrades it to version 3 with the
 *      same aggregates (and a version-3 store without the index
 *      agg_dyad_day_source gets it).
 *   4. EXPLAIN QUERY PLAN of every statement the readers issue (the
 *      server's and the analyses'): none scans events, actors, documents
 *      or sentences in full; the alignments' read agg_dyad_day on its
 *      source index and of the events only the evidence (on
 *      events_strength, in its order: no sort), and nothing is scanned.
 */
#include "entente.h"
#include "testing.h"
#include "store/store.h"
#include "store/agg.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sql: %s\n  in %.200s\n", err, sql);
        sqlite3_free(err);
        t_fail++;
    }
}

static long one(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "sql: %s\n  in %.200s\n", sqlite3_errmsg(db), sql);
    sqlite3_finalize(st);
    return n;
}

/* ---- the store ---- */

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

/* 12 documents, 40 events each; then d03 deleted and every seventh event. */
static void fill(sqlite3 *db)
{
    static const char *const actors[] = {"IRN", "IRNGOV", "RUS", "RUSMIL", "TUR", "SYR",
                                         "USA", "GOV", "IGOUNO", "REB", "SYRREB"};
    static const char *const modes[] = {"asserted", "reported", "hypothetical", "negated",
                                        "rumoured"};
    unsigned seed = 7;
    char sql[1024];
    exec(db, "BEGIN");
    for (int d = 0; d < 12; d++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO documents(id, source, text, coded_at, duplicate_of) VALUES("
                 "'d%02d', %s, 'text', 'now', NULL); INSERT INTO sentences VALUES('d%02d', 0, 0, 4,"
                 " 'text', 0), ('d%02d', 1, 0, 4, 'text', 0); INSERT INTO actors VALUES("
                 "'d%02d', 0, 0, 3, 'IRN', 'Iran', 'country', NULL)",
                 d, d % 3 == 0 ? "NULL" : d % 3 == 1 ? "'AFP'" : "'Reuters'", d, d, d);
        exec(db, sql);
        for (int k = 0; k < 40; k++) {
            unsigned r = lcg(&seed);
            const char *s = actors[r % 11], *t = actors[(r / 11) % 11];
            int day = (int)(lcg(&seed) % 900), quad = (int)(lcg(&seed) % 5);
            double g = ((int)(lcg(&seed) % 201) - 100) / 10.0;
            int placed = lcg(&seed) % 3 == 0;
            snprintf(sql, sizeof sql,
                     "INSERT INTO events(doc_id, sentence, date, source, source_text, target,"
                     " target_text, code, root, quad, goldstein, mode, evidence, place,"
                     " place_country, lat, lon) VALUES('d%02d', %d, %s, '%s', 'x', '%s', 'y',"
                     " '042', '04', %d, %.1f, '%s', 'test', %s, %s, %s, %s)",
                     d, k % 2, k % 13 == 0 ? "NULL" : "date('2015-01-01', '+' || ? || ' days')",
                     s, t, quad, g, modes[lcg(&seed) % 5],
                     placed && k % 4 ? "'Aleppo'" : "NULL", placed ? "'SYR'" : "NULL",
                     placed ? (k % 2 ? "36.2" : "36.25") : "NULL", placed ? "37.16" : "NULL");
            sqlite3_stmt *st = NULL;
            if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
                fprintf(stderr, "sql: %s\n", sqlite3_errmsg(db));
                t_fail++;
                continue;
            }
            sqlite3_bind_int(st, 1, day);
            CHECK(sqlite3_step(st) == SQLITE_DONE);
            sqlite3_finalize(st);
        }
    }
    exec(db, "INSERT INTO documents(id, source, text, coded_at, duplicate_of, similarity)"
             " VALUES('d99', 'AFP', 'text', 'now', 'd01', 0.9)");
    exec(db, "COMMIT");
    exec(db, "DELETE FROM documents WHERE id = 'd03'; DELETE FROM events WHERE id % 7 = 0");
    /* changed in place (the sqlite3 shell): counted out, then in */
    exec(db, "UPDATE events SET source = 'USA', lat = 35.0, lon = 38.0, place = 'Homs',"
             " place_country = 'SYR' WHERE id % 11 = 0; UPDATE events SET date = NULL,"
             " mode = 'asserted' WHERE id % 17 = 0");
}

/* 1: the aggregates, made again from the rows, against those stored. */
static void aggregates_agree(const char *path)
{
    FILE *f = fopen("test/agg_check.sql", "r");
    char sql[8192];
    size_t n = f ? fread(sql, 1, sizeof sql - 1, f) : 0;
    if (f)
        fclose(f);
    sql[n] = 0;
    CHECK(n > 100);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    CHECK_INT(one(db, sql), 0);
    CHECK_INT(one(db, "SELECT sum(events) FROM agg_dyad_day"), one(db, "SELECT count(*) FROM events"));
    CHECK_INT(one(db, "SELECT n FROM agg_counts WHERE name = 'documents'"), 11);
    CHECK_INT(one(db, "SELECT n FROM agg_counts WHERE name = 'duplicates'"), 1);
    CHECK(one(db, "SELECT count(*) FROM agg_place_day") > 10);
    CHECK(one(db, "SELECT count(*) FROM agg_dyad_day WHERE date = ''") > 0);
    sqlite3_close(db);
}

/* ---- 2: the same answers from the aggregates and from the events ---- */

static int near(double x, double y) { return fabs(x - y) < 1e-9; }

static int nonempty; /* answers with at least a row */

static int same_dyads(ent_store *a, ent_store *b, const ent_query *q)
{
    ent_dyad_row *x = NULL, *y = NULL;
    int nx = -1, ny = -2, ok;
    ok = ent_dyads(a, q, &x, &nx) == ENT_OK && ent_dyads(b, q, &y, &ny) == ENT_OK && nx == ny;
    for (int i = 0; ok && i < nx; i++)
        ok = !strcmp(x[i].period, y[i].period) && !strcmp(x[i].source, y[i].source) &&
             !strcmp(x[i].target, y[i].target) && x[i].events == y[i].events &&
             !memcmp(x[i].quad, y[i].quad, sizeof x[i].quad) && x[i].sources == y[i].sources &&
             near(x[i].goldstein_sum, y[i].goldstein_sum) &&
             near(x[i].goldstein_mean, y[i].goldstein_mean);
    free(x);
    free(y);
    nonempty += ok && nx > 0;
    return ok;
}

static int same_network(ent_store *a, ent_store *b, const ent_query *q)
{
    ent_edge *x = NULL, *y = NULL;
    int nx = -1, ny = -2, ok;
    ok = ent_network(a, q, &x, &nx) == ENT_OK && ent_network(b, q, &y, &ny) == ENT_OK && nx == ny;
    for (int i = 0; ok && i < nx; i++)
        ok = !strcmp(x[i].source, y[i].source) && !strcmp(x[i].target, y[i].target) &&
             x[i].events == y[i].events && x[i].coop == y[i].coop &&
             x[i].conflict == y[i].conflict && near(x[i].goldstein_sum, y[i].goldstein_sum);
    free(x);
    free(y);
    nonempty += ok && nx > 0;
    return ok;
}

static int same_places(ent_store *a, ent_store *b, const ent_query *q, int by_dyad)
{
    ent_place_row *x = NULL, *y = NULL;
    int nx = -1, ny = -2, ok;
    ok = ent_places(a, q, by_dyad, &x, &nx) == ENT_OK &&
         ent_places(b, q, by_dyad, &y, &ny) == ENT_OK && nx == ny;
    for (int i = 0; ok && i < nx; i++)
        ok = !strcmp(x[i].period, y[i].period) && !strcmp(x[i].place, y[i].place) &&
             !strcmp(x[i].country, y[i].country) && !strcmp(x[i].source, y[i].source) &&
             !strcmp(x[i].target, y[i].target) && x[i].events == y[i].events &&
             near(x[i].lat, y[i].lat) && near(x[i].lon, y[i].lon) &&
             !memcmp(x[i].n, y[i].n, sizeof x[i].n);
    free(x);
    free(y);
    return ok;
}

static int same_top(ent_store *a, ent_store *b, const ent_query *q)
{
    ent_top_row *xa = NULL, *xp = NULL, *ya = NULL, *yp = NULL;
    int nxa = -1, nxp = -1, nya = -2, nyp = -2;
    int ok = ent_query_top(a, q, 5, &xa, &nxa, &xp, &nxp) == ENT_OK &&
             ent_query_top(b, q, 5, &ya, &nya, &yp, &nyp) == ENT_OK && nxa == nya && nxp == nyp &&
             (nxa == 0 || !memcmp(xa, ya, sizeof *xa * (size_t)nxa)) &&
             (nxp == 0 || !memcmp(xp, yp, sizeof *xp * (size_t)nxp));
    free(xa);
    free(xp);
    free(ya);
    free(yp);
    return ok;
}

/* The alignment of a and b, with its verdict and drivers: the same bytes
 * (every struct zeroed first, the doubles compared bit for bit). */
static int same_align(ent_store *a, ent_store *b, const ent_query *q)
{
    ent_align_row *x = NULL, *y = NULL;
    ent_verdict vx, vy;
    ent_align_driver dx[ENT_ALIGN_TOP], dy[ENT_ALIGN_TOP];
    int nx = -1, ny = -2, ndx = -1, ndy = -2;
    memset(&vx, 0, sizeof vx);
    memset(&vy, 0, sizeof vy);
    memset(dx, 0, sizeof dx);
    memset(dy, 0, sizeof dy);
    int ok = ent_align_judge(a, q, &x, &nx, &vx, dx, &ndx) == ENT_OK &&
             ent_align_judge(b, q, &y, &ny, &vy, dy, &ndy) == ENT_OK && nx == ny &&
             ndx == ndy && !memcmp(&vx, &vy, sizeof vx) && !memcmp(dx, dy, sizeof dx) &&
             (nx == 0 || !memcmp(x, y, sizeof *x * (size_t)nx));
    if (getenv("TEST_AGG_TRACE"))
        fprintf(stderr, "align %s %s by %d: rows %d %d, drivers %d %d, verdict %d\n", q->a,
                q->b, q->by, nx, ny, ndx, ndy, !memcmp(&vx, &vy, sizeof vx));
    for (int i = 0; ok && i < nx; i++)
        nonempty += !isnan(x[i].similarity);
    free(x);
    free(y);
    return ok;
}

/* The cohesion of members[0..n), its verdict and the members' movement. */
static int same_bloc(ent_store *a, ent_store *b, const ent_query *q, const char *const *members,
                     int n)
{
    ent_bloc_row *x = NULL, *y = NULL;
    ent_verdict vx, vy;
    ent_bloc_member mx[ENT_BLOC_MAX], my[ENT_BLOC_MAX];
    int nx = -1, ny = -2, dx = -3, dy = -4;
    memset(&vx, 0, sizeof vx);
    memset(&vy, 0, sizeof vy);
    memset(mx, 0, sizeof mx);
    memset(my, 0, sizeof my);
    int ok = ent_bloc(a, q, members, n, &x, &nx, &vx, mx, &dx) == ENT_OK &&
             ent_bloc(b, q, members, n, &y, &ny, &vy, my, &dy) == ENT_OK && nx == ny &&
             dx == dy && !memcmp(&vx, &vy, sizeof vx) && !memcmp(mx, my, sizeof mx) &&
             (nx == 0 || !memcmp(x, y, sizeof *x * (size_t)nx));
    free(x);
    free(y);
    return ok;
}

/* The alignments and blocs over a grid: period, level, members (nested
 * codes: IRN and IRNGOV; RUS and RUSMIL), dates, modes, and a threshold
 * low enough for most periods of this small store to count. */
static void same_alignments(ent_store *agg, ent_store *old)
{
    static const char *const pairs[4][2] = {
        {"IRN", "RUS"}, {"IRNGOV", "IRN"}, {"SYR", "USA"}, {"RUSMIL", "TUR"}};
    static const char *const group[2][4] = {{"IRN", "RUS", "SYR", "USA"},
                                            {"IRN", "IRNGOV", "RUSMIL", "TUR"}};
    static const char *const dates[3][2] = {
        {NULL, NULL}, {"2015-06-01", NULL}, {"2015-03-01", "2016-12-31"}};
    static const int modes[2] = {0, 31};
    int combos = 0, align = 0, bloc = 0, before = nonempty;
    for (int by = 0; by < 6; by++)
        for (int lv = 0; lv < 2; lv++)
            for (int d = 0; d < 3; d++)
                for (int m = 0; m < 2; m++)
                    for (int k = 0; k < 4; k++) {
                        ent_query q;
                        memset(&q, 0, sizeof q);
                        q.by = (ent_period)by;
                        q.country_level = lv;
                        q.from = dates[d][0];
                        q.to = dates[d][1];
                        q.modes = modes[m];
                        q.a = pairs[k][0];
                        q.b = pairs[k][1];
                        q.min_events = 1 + k % 2;
                        q.replicates = 20;
                        combos++;
                        align += same_align(agg, old, &q);
                        bloc += same_bloc(agg, old, &q, group[k % 2], 3 + k % 2);
                    }
    CHECK_INT(align, combos);
    CHECK_INT(bloc, combos);
    CHECK(nonempty - before > combos); /* periods with a similarity */
}

static int same_summary(ent_store *a, ent_store *b, const char *from, const char *to)
{
    ent_store_counts x, y;
    return ent_store_summary(a, from, to, &x) == ENT_OK &&
           ent_store_summary(b, from, to, &y) == ENT_OK && !memcmp(&x, &y, sizeof x) &&
           x.events > 0 && x.sentences == 22;
}

/* Every combination of period, level, a and b, dates and modes. */
static void same_answers(ent_store *agg, ent_store *old)
{
    static const char *const ab[3][2] = {{NULL, NULL}, {"IRN", NULL}, {"IRN", "RUS"}};
    static const char *const dates[4][2] = {
        {NULL, NULL}, {"2015-06-01", NULL}, {NULL, "2016-03-31"}, {"2015-03-01", "2016-12-31"}};
    static const int modes[3] = {0, 31, 1 << ENT_MODE_HYPOTHETICAL};
    int combos = 0, dyads = 0, network = 0, places = 0, top = 0;
    for (int by = 0; by < 6; by++)
        for (int lv = 0; lv < 2; lv++)
            for (int k = 0; k < 3; k++)
                for (int d = 0; d < 4; d++)
                    for (int m = 0; m < 3; m++) {
                        ent_query q;
                        memset(&q, 0, sizeof q);
                        q.by = (ent_period)by;
                        q.country_level = lv;
                        q.a = ab[k][0];
                        q.b = ab[k][1];
                        q.from = dates[d][0];
                        q.to = dates[d][1];
                        q.modes = modes[m];
                        combos++;
                        if (getenv("TEST_AGG_TRACE"))
                            fprintf(stderr, "by %d level %d ab %d dates %d modes %d: %d %d %d %d\n", by, lv, k, d, m,
                                    same_dyads(agg, old, &q), same_network(agg, old, &q),
                                    same_places(agg, old, &q, k > 0), same_top(agg, old, &q));
                        dyads += same_dyads(agg, old, &q);
                        network += same_network(agg, old, &q);
                        places += same_places(agg, old, &q, k > 0) &&
                                  same_places(agg, old, &q, 0);
                        top += same_top(agg, old, &q);
                    }
    CHECK(nonempty > combos); /* most answers have rows */
    CHECK_INT(dyads, combos);
    CHECK_INT(network, combos);
    CHECK_INT(places, combos);
    CHECK_INT(top, combos);
    for (int d = 0; d < 4; d++)
        CHECK(same_summary(agg, old, dates[d][0], dates[d][1]));
}

/* ---- 4: the query plans ---- */

#define MAX_SQL 256
typedef struct traced {
    char *sql[MAX_SQL];
    int n;
} traced;

static int trace(unsigned type, void *ud, void *p, void *x)
{
    traced *t = ud;
    const char *sql = sqlite3_sql(p);
    (void)type;
    (void)x;
    if (!sql || !strncmp(sql, "--", 2) || !strncmp(sql, "EXPLAIN", 7))
        return 0;
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->sql[i], sql))
            return 0;
    if (t->n < MAX_SQL)
        t->sql[t->n++] = strdup(sql);
    return 0;
}

/* The names a statement gives the four big tables: the tables and the
 * aliases after them ("events e", "actors AS a"). */
static int big_names(const char *sql, char names[][32], int max)
{
    static const char *const big[4] = {"events", "actors", "documents", "sentences"};
    static const char *const words[] = {"WHERE", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "LEFT",
                                        "UNION", "WITH", "SELECT", ")", ","};
    int n = 0;
    for (int b = 0; b < 4; b++) {
        snprintf(names[n++], 32, "%s", big[b]);
        for (const char *p = sql; n < max && (p = strstr(p, big[b])) != NULL; p += strlen(big[b])) {
            char w[32] = "";
            const char *r = p + strlen(big[b]);
            if (p > sql && (p[-1] == '_' || p[-1] == '.'))
                continue;
            if (sscanf(r, " AS %31[a-z_]", w) != 1 && sscanf(r, " %31[a-z_]", w) != 1)
                continue;
            int kw = 0;
            for (size_t i = 0; i < sizeof words / sizeof *words; i++)
                kw |= !strcasecmp(w, words[i]);
            if (!kw && *w)
                snprintf(names[n++], 32, "%s", w);
        }
    }
    return n;
}

/* 1 when the plan of sql scans one of the big tables (or one of their
 * indexes) from end to end. */
static int full_scan(sqlite3 *db, const char *sql, int quiet)
{
    char names[64][32];
    int nn = big_names(sql, names, 64), bad = 0;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    if (!eqp || sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot explain: %s\n  %.300s\n", sqlite3_errmsg(db), sql);
        sqlite3_free(eqp);
        return 1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 3);
        char what[64] = "";
        if (getenv("TEST_AGG_PLANS") && !quiet)
            fprintf(stderr, "  %s\n", d ? d : "");
        /* a scan of a whole index is a full scan too, but for the walk of
         * events_date newest first that a page of events stops early */
        if (!d || sscanf(d, "SCAN %63s", what) != 1 || strstr(d, " INDEX events_date"))
            continue;
        for (int i = 0; i < nn; i++)
            if (!strcmp(what, names[i])) {
                if (!quiet)
                    fprintf(stderr, "full scan (%s) in: %.400s\n", d, sql);
                bad = 1;
            }
    }
    sqlite3_finalize(st);
    sqlite3_free(eqp);
    return bad;
}

/* Every reader of the library, as the server and the CLI call them. */
static void run_readers(ent_store *s)
{
    static const ent_event_filter filters[] = {
        {.limit = 51}, {.actor = "RUS", .limit = 51}, {.source = "IRN"}, {.target = "RUS"},
        {.a = "IRN", .b = "RUS"}, {.a = "IRN"}, {.code = "04"}, {.root = "19"},
        {.modes = 1 << ENT_MODE_HYPOTHETICAL}, {.from = "2015-01-01", .to = "2016-01-01"},
        {.place = "SYR"}, {.place = "aleppo"}, {.limit = 51, .offset = 100}};
    for (size_t k = 0; k < sizeof filters / sizeof *filters; k++) {
        ent_rc rc;
        ent_store_iter *it = ent_store_events(s, &filters[k], &rc);
        const ent_event_rec *rec;
        CHECK(it != NULL);
        while (it && ent_store_iter_next(it, &rec) == ENT_OK)
            ;
        ent_store_iter_free(it);
    }
    ent_store_counts n;
    CHECK_INT(ent_store_summary(s, NULL, NULL, &n), ENT_OK);
    CHECK_INT(ent_store_summary(s, "2015-01-01", "2016-01-01", &n), ENT_OK);
    long undated = -1;
    CHECK_INT(ent_store_undated_events(s, &undated), ENT_OK);
    CHECK(undated >= 0);
    ent_query q;
    memset(&q, 0, sizeof q);
    q.a = "IRN";
    q.b = "RUS";
    q.by = ENT_BY_QUARTER;
    for (int lv = 0; lv < 2; lv++) {
        q.country_level = lv;
        ent_align_row *rows = NULL;
        ent_bloc_row *bloc = NULL;
        ent_verdict v;
        ent_align_driver drv[ENT_ALIGN_TOP];
        ent_bloc_member mv[ENT_BLOC_MAX];
        int nr = 0, nd = 0, drifter = -1;
        const char *members[3] = {"IRN", "RUS", "SYR"};
        CHECK_INT(ent_align_judge(s, &q, &rows, &nr, &v, drv, &nd), ENT_OK);
        CHECK_INT(ent_bloc(s, &q, members, 3, &bloc, &nr, &v, mv, &drifter), ENT_OK);
        free(rows);
        free(bloc);
    }
    same_answers(s, s); /* dyads, network, places, top over the grid */
}

static void alignment_plans(ent_store *s);

static void plans(const char *path)
{
    ent_store *s = ent_store_open_readonly(path, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    traced t = {{0}, 0};
    sqlite3 *db = store_db(s);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace, &t);
    run_readers(s);
    sqlite3_trace_v2(db, 0, NULL, NULL);
    int bad = 0;
    for (int i = 0; i < t.n; i++) {
        if (getenv("TEST_AGG_PLANS"))
            fprintf(stderr, "%.160s\n", t.sql[i]);
        bad += full_scan(db, t.sql[i], 0);
        free(t.sql[i]);
    }
    CHECK(t.n >= 20); /* the readers ran: events, summary, top, analyses */
    CHECK_INT(bad, 0);
    /* the check sees a full scan when there is one */
    CHECK(full_scan(db, "SELECT count(*) FROM events e WHERE e.mode = 'asserted'", 1));
    CHECK(full_scan(db, "SELECT a.code FROM actors AS a WHERE a.text = 'Iran'", 1));
    CHECK(!full_scan(db, "SELECT count(*) FROM events e WHERE e.source >= 'IRN' AND e.source < 'IRO'", 1));
    alignment_plans(s);
    ent_store_close(s);
}

/* The plan lines of sql, one string ("SEARCH ... | SCAN ..."). */
static void plan_of(sqlite3 *db, const char *sql, char *out, size_t n)
{
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    size_t len = 0;
    out[0] = 0;
    if (eqp && sqlite3_prepare_v2(db, eqp, -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW && len + 1 < n) {
            const char *d = (const char *)sqlite3_column_text(st, 3);
            len += (size_t)snprintf(out + len, n - len, "%s | ", d ? d : "");
        }
    sqlite3_finalize(st);
    sqlite3_free(eqp);
}

/* 4b: the alignments and blocs read agg_dyad_day on its source index, and
 * of the events only those named as evidence (a pair of codes, or an id);
 * no statement scans any table or index. */
static void alignment_plans(ent_store *s)
{
    traced t = {{0}, 0};
    sqlite3 *db = store_db(s);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace, &t);
    ent_query q;
    memset(&q, 0, sizeof q);
    q.a = "IRN";
    q.b = "RUS";
    q.country_level = 1;
    q.from = "2015-02-01";
    ent_align_row *rows = NULL;
    ent_bloc_row *bloc = NULL;
    ent_verdict v;
    ent_align_driver drv[ENT_ALIGN_TOP];
    int nr = 0, nd = 0, drifter = -1;
    const char *members[3] = {"IRN", "RUS", "SYR"};
    CHECK_INT(ent_align_judge(s, &q, &rows, &nr, &v, drv, &nd), ENT_OK);
    CHECK(nd > 0 && drv[0].nev > 0);
    CHECK_INT(ent_bloc(s, &q, members, 3, &bloc, &nr, &v, NULL, &drifter), ENT_OK);
    free(rows);
    free(bloc);
    sqlite3_trace_v2(db, 0, NULL, NULL);
    int on_index = 0, scans = 0, events = 0, evidence = 0;
    for (int i = 0; i < t.n; i++) {
        char plan[2048];
        plan_of(db, t.sql[i], plan, sizeof plan);
        if (getenv("TEST_AGG_PLANS"))
            fprintf(stderr, "%.160s\n  %s\n", t.sql[i], plan);
        on_index += strstr(plan, "SEARCH agg_dyad_day USING INDEX agg_dyad_day_source") != NULL;
        scans += strstr(plan, "SCAN ") != NULL;
        if (strstr(t.sql[i], "FROM events")) {
            events++;
            evidence += (strstr(plan, "SEARCH events USING COVERING INDEX events_strength"
                                      " (source=? AND target=? AND quad=?)") != NULL &&
                         !strstr(plan, "TEMP B-TREE")) ||
                        strstr(plan, "SEARCH events USING INTEGER PRIMARY KEY (rowid=?)") != NULL;
        }
        free(t.sql[i]);
    }
    CHECK(on_index >= 1);
    CHECK_INT(scans, 0);
    CHECK(events >= 2);
    CHECK_INT(evidence, events);
}

/* A copy of the store at path as schema version 2 had it. */
static void downgrade(const char *path, const char *copy)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, copy);
    CHECK(system(cmd) == 0);
    sqlite3 *db = NULL;
    sqlite3_open(copy, &db);
    exec(db, "DROP TRIGGER agg_event_in; DROP TRIGGER agg_event_out; DROP TRIGGER agg_doc_out;"
             " DROP TRIGGER agg_event_change;"
             " DROP TRIGGER agg_doc_in; DROP TRIGGER agg_sentence_in;"
             " DROP TRIGGER agg_sentence_out; DROP TABLE agg_dyad_day; DROP TABLE agg_dyad_all;"
             " DROP TABLE agg_dyad_news; DROP TABLE agg_place_day; DROP TABLE agg_counts;"
             " UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    sqlite3_close(db);
}

/* 3: the copy opened for writing: version 3, the same aggregates. */
static void upgrade(const char *path, const char *copy)
{
    char *err = NULL;
    ent_store *s = ent_store_open(copy, &err);
    CHECK(s != NULL);
    ent_store_close(s);
    sqlite3 *db = NULL;
    char sql[4096];
    sqlite3_open(copy, &db);
    CHECK_INT(one(db, "SELECT value FROM meta WHERE key = 'schema_version'"), 3);
    snprintf(sql, sizeof sql, "ATTACH '%s' AS o", path);
    exec(db, sql);
    static const char *const tables[] = {"agg_dyad_day", "agg_dyad_all", "agg_dyad_news",
                                         "agg_place_day", "agg_counts"};
    for (int i = 0; i < 5; i++) {
        snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (SELECT * FROM %s EXCEPT"
                 " SELECT * FROM o.%s)) + (SELECT count(*) FROM (SELECT * FROM o.%s EXCEPT"
                 " SELECT * FROM %s)) + (SELECT count(*) FROM %s) = 0", tables[i], tables[i],
                 tables[i], tables[i], tables[i]);
        CHECK_INT(one(db, sql), 0);
    }
    CHECK_INT(one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'agg_dyad_day_source'"), 1);
    /* a version-3 store of before the index agg_dyad_day_source gets it */
    exec(db, "DROP INDEX agg_dyad_day_source");
    sqlite3_close(db);
    s = ent_store_open(copy, &err);
    CHECK(s != NULL);
    ent_store_close(s);
    sqlite3_open(copy, &db);
    CHECK_INT(one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'agg_dyad_day_source'"), 1);
    sqlite3_close(db);
    aggregates_agree(copy);
}

/* docs/schema.sql holds the aggregates' text as agg.c has it. */
static void schema_documented(void)
{
    FILE *f = fopen("docs/schema.sql", "r");
    static char doc[65536];
    size_t n = f ? fread(doc, 1, sizeof doc - 1, f) : 0;
    if (f)
        fclose(f);
    doc[n] = 0;
    CHECK(strstr(doc, agg_schema_text()) != NULL);
    CHECK(strstr(doc, agg_trigger_text()) != NULL);
    CHECK(strstr(doc, "INSERT OR IGNORE INTO meta VALUES('schema_version','3');") != NULL);
}

int main(void)
{
    schema_documented();
    char path[256], copy[300];
    snprintf(path, sizeof path, "/tmp/entente-test-agg-%d.sqlite", (int)getpid());
    snprintf(copy, sizeof copy, "%s.v2", path);
    unlink(path);
    char *err = NULL;
    ent_store *w = ent_store_open(path, &err);
    CHECK(w != NULL);
    if (!w)
        TEST_DONE();
    fill(store_db(w));
    ent_store_close(w);
    aggregates_agree(path);

    downgrade(path, copy);
    ent_store *agg = ent_store_open_readonly(path, NULL), *old = ent_store_open_readonly(copy, NULL);
    CHECK(agg && old);
    if (agg && old) {
        CHECK(store_aggregated(agg) && !store_aggregated(old));
        same_answers(agg, old);
        same_alignments(agg, old);
    }
    ent_store_close(agg);
    ent_store_close(old);
    upgrade(path, copy);
    plans(path);
    unlink(path);
    unlink(copy);
    TEST_DONE();
}
