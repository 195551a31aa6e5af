/*
 * test_analysis.c - dyads, alignment and network (analysis.c) on a small
 * store built by hand, with the expected numbers worked out on paper:
 *
 *   doc d1 (AFP, January 2016)           doc d2 (Reuters, February 2016)
 *   IRNGOV -> RUSGOV  quad 1  +3.0       IRN -> RUS  quad 1  +1.0
 *   RUS    -> IRN     quad 4 -10.0       IRN -> TUR  quad 3  -2.0 (hypothetical)
 *   IRN    -> USA     quad 3  -4.0
 *   IRNMIL -> TUR     quad 2  +3.0       doc d3 (no source, January 2016)
 *   RUS    -> USA     quad 1  +2.0       IRN -> RUS  quad 3  -1.0
 *   RUS    -> TUR     quad 1  +1.0
 *
 * January, country level: IRN's third-party vector (TUR +3, USA -4), RUS's
 * (TUR +1, USA +2); cosine = (3*1 - 4*2) / (5 * sqrt 5) = -0.4472; gaps
 * (a/|a| - b/|b|): USA -0.8 - 0.8944 = -1.6944, TUR 0.6 - 0.4472 = +0.1528.
 *
 * Then known answers for the verdicts (align.c, trend.c): streams of
 * generated events written through ent_store_put, with a planted rupture,
 * a planted rapprochement, no change, and a bloc whose fourth member
 * leaves; the change point must fall within one quarter of the planted
 * date, the slope must have the right sign, and the calm stream must give
 * "no change". And the bootstrap's binomial and multinomial draws: their
 * means and variances, their edges.
 */
#include "entente.h"
#include "testing.h"
#include "store/trend.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sql: %s\n", err);
        sqlite3_free(err);
        t_fail++;
    }
}

static void ev(sqlite3 *db, const char *doc, const char *date, const char *s, const char *t,
               int quad, double g, const char *mode)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO events(doc_id,sentence,date,source,source_text,target,target_text,"
             "code,root,quad,goldstein,plover,mode,evidence) VALUES('%s',0,'%s','%s','x','%s','y',"
             "'010','01',%d,%f,'','%s','test')", doc, date, s, t, quad, g, mode);
    exec(db, sql);
}


/* ---- known answers: generated streams with a planted change ---- */

static const char *const thirds[6] = {"USA", "TUR", "ISR", "SAU", "SYR", "IRQ"};
/* the chance that an event toward each third party is cooperative */
static const double profile[2][6] = {{0.10, 0.50, 0.05, 0.20, 0.90, 0.85},
                                     {0.90, 0.50, 0.90, 0.80, 0.10, 0.15}};

typedef struct gen {
    ent_store *st;
    unsigned long long rng;
    int docs;
} gen;

static double uniform(gen *g)
{
    g->rng = g->rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(g->rng >> 11) / 9007199254740992.0;
}

/* One document dated date: n events of src toward the third parties, as
 * profile p behaves; event k is in sentence k. */
static void emit(gen *g, const char *tag, const char *date, const char *src, int p, int n)
{
    char id[64];
    snprintf(id, sizeof id, "%s-%s-%s-%d", tag, src, date, g->docs++);
    ent_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = id;
    doc.text = "generated";
    doc.len = 9;
    snprintf(doc.date, sizeof doc.date, "%s", date);
    ent_event *ev = calloc((size_t)n, sizeof *ev);
    for (int k = 0; k < n; k++) {
        int t = (int)(uniform(g) * 6);
        int coop = uniform(g) < profile[p][t];
        ev[k].sentence = k;
        ev[k].source.code = src;
        ev[k].source.text = src;
        ev[k].target.code = thirds[t];
        ev[k].target.text = thirds[t];
        ev[k].quad = coop ? 1 + (uniform(g) < 0.5) : 3 + (uniform(g) < 0.5);
        ev[k].code = coop ? "042" : "112";
        ev[k].root = coop ? "04" : "11";
        ev[k].goldstein = coop ? 3.0 : -5.0;
        ev[k].plover = "";
        ev[k].mode = ENT_MODE_ASSERTED;
        ev[k].evidence = "generated";
        snprintf(ev[k].date, sizeof ev[k].date, "%s", date);
    }
    ent_result res;
    memset(&res, 0, sizeof res);
    res.events = ev;
    res.nevents = n;
    CHECK_INT(ent_store_put(g->st, &doc, &res), ENT_OK);
    free(ev);
}

/* The first day of quarter q from 2014-Q1. */
static void quarter_day(int q, char out[11])
{
    snprintf(out, 11, "%04d-%02d-15", 2014 + q / 4, (q % 4) * 3 + 1);
}

/* 24 quarters: a (prefix tag) behaves as profile 0 always; b as pb0 before
 * quarter `at` and pb1 from it. */
static void stream(gen *g, const char *tag, const char *a, const char *b, int pb0, int pb1,
                   int at)
{
    char day[11];
    for (int q = 0; q < 24; q++) {
        quarter_day(q, day);
        emit(g, tag, day, a, 0, 30);
        emit(g, tag, day, b, q < at ? pb0 : pb1, 30);
    }
}

static int days_between(const char *x, const char *y)
{
    int qx = (atoi(x) - 2014) * 4 + (atoi(x + 5) - 1) / 3;
    int qy = (atoi(y) - 2014) * 4 + (atoi(y + 5) - 1) / 3;
    return qx - qy;
}

static void judge_pair(ent_store *s, const char *a, const char *b, ent_verdict *v,
                       ent_align_driver *d, int *nd, ent_align_row **rows, int *n)
{
    ent_query q;
    memset(&q, 0, sizeof q);
    q.by = ENT_BY_QUARTER;
    q.country_level = 1;
    q.a = a;
    q.b = b;
    CHECK_INT(ent_align_judge(s, &q, rows, n, v, d, nd), ENT_OK);
}

static void known_answers(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/entente-test-align-%d.sqlite", (int)getpid());
    unlink(path);
    char *err = NULL;
    gen g = {ent_store_open(path, &err), 42, 0};
    CHECK(g.st != NULL);
    if (!g.st)
        return;
    CHECK_INT(ent_store_begin(g.st), ENT_OK);
    stream(&g, "rupt", "IRN", "RUS", 0, 1, 10);   /* apart from 2016-Q3 */
    stream(&g, "rappr", "EGY", "QAT", 1, 0, 12);  /* together from 2017-Q1 */
    stream(&g, "calm", "FRA", "DEU", 0, 0, 0);    /* the same throughout */
    /* a quarter with too few events, and agents with no country */
    emit(&g, "few", "2020-02-01", "FRA", 0, 30);
    emit(&g, "few", "2020-02-01", "DEU", 0, 2);
    emit(&g, "agent", "2016-01-15", "GOV", 0, 20);
    CHECK_INT(ent_store_commit(g.st), ENT_OK);
    ent_store_close(g.st);

    ent_store *s = ent_store_open_readonly(path, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    ent_verdict v;
    ent_align_driver d[ENT_ALIGN_TOP];
    ent_align_row *r = NULL;
    int nd = 0, n = 0;

    /* the planted rupture: found within one quarter of 2016-07-01, falling */
    judge_pair(s, "IRN", "RUS", &v, d, &nd, &r, &n);
    CHECK_INT(n, 24);
    CHECK_INT(v.valid, 24);
    CHECK(v.change);
    CHECK(abs(days_between(v.from, "2016-07-01")) <= 1);
    CHECK(v.after < v.before - 0.2);
    CHECK(v.slope < 0 && v.slope_hi < 0);
    CHECK_INT(v.trend, -1);
    CHECK(v.p_change < 0.01);
    CHECK_INT(v.events, 24 * 60);
    CHECK_STR(v.unit, "quarter");
    /* intervals hold their value; the pooled figure has one too */
    int inside = 0;
    for (int i = 0; i < n; i++)
        inside += r[i].sim_lo <= r[i].similarity && r[i].similarity <= r[i].sim_hi &&
                  r[i].a_events == 30 && r[i].b_events == 30 && !r[i].too_few;
    CHECK_INT(inside, 24);
    CHECK(!isnan(v.overall) && v.overall_lo <= v.overall && v.overall <= v.overall_hi);
    /* over whom: a third party the planted switch turned, with its events */
    CHECK(nd > 0);
    if (nd > 0) {
        CHECK(strcmp(d[0].who, "TUR") != 0); /* TUR is treated alike throughout */
        CHECK(d[0].nev > 0);
        CHECK(!strncmp(d[0].ev[0].doc, "rupt-", 5));
        CHECK(strcmp(d[0].ev[0].date, "2016-07-01") >= 0);
        CHECK_STR(d[0].ev[0].target, d[0].who);
    }
    free(r);

    /* the planted rapprochement: rising, from within one quarter of 2017-01-01 */
    judge_pair(s, "EGY", "QAT", &v, d, &nd, &r, &n);
    CHECK(v.change);
    CHECK(abs(days_between(v.from, "2017-01-01")) <= 1);
    CHECK(v.after > v.before + 0.2);
    CHECK(v.slope > 0);
    CHECK_INT(v.trend, 1);
    free(r);

    /* no change: none found; the thin quarter says so instead of a number */
    judge_pair(s, "FRA", "DEU", &v, d, &nd, &r, &n);
    CHECK(!v.change);
    CHECK_INT(v.trend, 0);
    CHECK_INT(n, 25);
    CHECK_INT(v.valid, 24);
    if (n == 25) {
        CHECK_STR(r[24].period, "2020-01-01");
        CHECK(r[24].too_few);
        CHECK(isnan(r[24].similarity));
        CHECK_INT(r[24].b_events, 2);
    }
    free(r);

    /* country level: GOV alone is no country, in dyads and the network */
    ent_query q;
    memset(&q, 0, sizeof q);
    q.by = ENT_BY_ALL;
    q.country_level = 1;
    ent_edge *e = NULL;
    CHECK_INT(ent_network(s, &q, &e, &n), ENT_OK);
    int gov = 0;
    for (int i = 0; i < n; i++)
        gov += !strcmp(e[i].source, "GOV") || !strcmp(e[i].target, "GOV");
    CHECK_INT(gov, 0);
    free(e);
    q.country_level = 0;
    CHECK_INT(ent_network(s, &q, &e, &n), ENT_OK);
    for (int i = 0; i < n; i++)
        gov += !strcmp(e[i].source, "GOV");
    CHECK(gov > 0); /* at actor level it is there, as coded */
    free(e);

    ent_store_close(s);
    unlink(path);
}

/* Four members; LBN leaves the others from 2016-Q3 on. */
static void bloc_answers(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/entente-test-bloc-%d.sqlite", (int)getpid());
    unlink(path);
    char *err = NULL;
    gen g = {ent_store_open(path, &err), 7, 0};
    CHECK(g.st != NULL);
    if (!g.st)
        return;
    static const char *const members[4] = {"IRN", "RUS", "ARE", "LBN"};
    CHECK_INT(ent_store_begin(g.st), ENT_OK);
    char day[11];
    for (int q = 0; q < 24; q++) {
        quarter_day(q, day);
        for (int m = 0; m < 4; m++)
            emit(&g, "bloc", day, members[m], m == 3 && q >= 10, 30);
    }
    CHECK_INT(ent_store_commit(g.st), ENT_OK);
    ent_store_close(g.st);
    ent_store *s = ent_store_open_readonly(path, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    ent_query qq;
    memset(&qq, 0, sizeof qq);
    qq.by = ENT_BY_QUARTER;
    qq.country_level = 1;
    ent_bloc_row *r = NULL;
    ent_bloc_member mv[4];
    ent_verdict v;
    int n = 0, drifter = -2;
    CHECK_INT(ent_bloc(s, &qq, members, 4, &r, &n, &v, mv, &drifter), ENT_OK);
    CHECK_INT(n, 24);
    CHECK_INT(drifter, 3);
    CHECK(v.change);
    CHECK(abs(days_between(v.from, "2016-07-01")) <= 1);
    CHECK(v.after < v.before);
    CHECK(mv[3].after < mv[3].before - 0.2);
    CHECK(mv[0].before - mv[0].after < mv[3].before - mv[3].after);
    if (n == 24) {
        CHECK_INT(r[0].pairs, 6);
        CHECK(r[0].lo <= r[0].cohesion && r[0].cohesion <= r[0].hi);
        CHECK_INT(r[0].events, 120);
    }
    free(r);
    /* the same group before the split: cohesive, nobody drifts */
    qq.to = "2016-06-30";
    CHECK_INT(ent_bloc(s, &qq, members, 4, &r, &n, &v, mv, &drifter), ENT_OK);
    CHECK_INT(drifter, -1);
    CHECK(!v.change);
    free(r);
    CHECK_INT(ent_bloc(s, &qq, members, 1, &r, &n, &v, mv, &drifter), ENT_EUSAGE);
    /* members without events (found by fuzz/fuzz_http.c: a memcpy from
     * the NULL of no cells, undefined behaviour under SANITIZE=undefined):
     * no periods, no verdict */
    static const char *const nobody[3] = {"ZZ", "YY", "XX"};
    n = -1;
    CHECK_INT(ent_bloc(s, &qq, nobody, 3, &r, &n, &v, mv, &drifter), ENT_OK);
    CHECK_INT(n, 0);
    CHECK(isnan(v.overall) && v.overall_events == 0 && drifter == -1);
    free(r);
    ent_align_row *al = NULL;
    ent_align_driver d[ENT_ALIGN_TOP];
    int nd = -1;
    qq.a = "ZZ";
    qq.b = "YY";
    CHECK_INT(ent_align_judge(s, &qq, &al, &n, &v, d, &nd), ENT_OK);
    CHECK_INT(n, 0);
    CHECK_INT(nd, 0);
    CHECK(isnan(v.overall) && !v.change);
    free(al);
    ent_store_close(s);
    unlink(path);
}

/* The bootstrap's draws: binomial mean and variance in both regimes
 * (inversion, BTRS), at the edges, and multinomials that add up. */
static void draws(void)
{
    static const struct { long n; double p; } cases[] = {
        {10, 0.3}, {40, 0.2}, {1000, 0.5}, {100000, 0.01}, {1250000, 0.8}, {7, 1.0}, {7, 0.0}};
    trend_rng r = {12345};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        double sum = 0, sq = 0, n = (double)cases[c].n, p = cases[c].p;
        long lo = cases[c].n, hi = 0;
        for (int k = 0; k < 20000; k++) {
            long x = trend_binomial(&r, cases[c].n, p);
            sum += (double)x;
            sq += (double)x * (double)x;
            lo = x < lo ? x : lo;
            hi = x > hi ? x : hi;
        }
        double mean = sum / 20000, var = sq / 20000 - mean * mean, sd = sqrt(n * p * (1 - p));
        CHECK(lo >= 0 && hi <= cases[c].n);
        CHECK(fabs(mean - n * p) <= 4 * sd / sqrt(20000.0) + 1e-9);
        CHECK(fabs(var - n * p * (1 - p)) <= 0.05 * n * p * (1 - p) + 1e-9);
    }
    long count[5] = {3, 0, 1000, 1, 250000}, out[5];
    for (int k = 0; k < 100; k++) {
        trend_multinomial(&r, count, 5, out);
        CHECK_INT(out[0] + out[1] + out[2] + out[3] + out[4], 251004);
        CHECK_INT(out[1], 0);
    }
}

/* The statistics on series with known answers. */
static void statistics(void)
{
    double t[10], y[10], slope, lo, hi, S, p;
    for (int i = 0; i < 10; i++) {
        t[i] = i;
        y[i] = 2 * i + 1;
    }
    trend_theil_sen(t, y, 10, 0.9, &slope, &lo, &hi);
    CHECK(fabs(slope - 2) < 1e-12 && fabs(lo - 2) < 1e-12 && fabs(hi - 2) < 1e-12);
    trend_mann_kendall(y, 10, &S, &p);
    CHECK_INT((long)S, 45);
    CHECK(p < 0.001);
    double step[8] = {1, 1, 1, 1, 0, 0, 0, 0};
    trend_split sp;
    trend_change_point(step, 8, 2, 999, 1, &sp);
    CHECK_INT(sp.at, 4);
    CHECK(sp.before == 1 && sp.after == 0);
    CHECK(sp.p < 0.05); /* 2 of 70 orders split as cleanly */
    CHECK(fabs(trend_z(0.90) - 1.6449) < 1e-3);
    double qv[5] = {5, 1, 4, 2, 3};
    CHECK(fabs(trend_quantile(qv, 5, 0.5) - 3) < 1e-12);
}

int main(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/entente-test-analysis-%d.sqlite", (int)getpid());
    unlink(path);
    char *err = NULL;
    ent_store *w = ent_store_open(path, &err);
    CHECK(w != NULL);
    ent_store_close(w);
    sqlite3 *db;
    sqlite3_open(path, &db);
    exec(db, "INSERT INTO documents(id,source,date,text,coded_at) VALUES"
             "('d1','AFP','2016-01-05','t','now'),('d2','Reuters','2016-02-10','t','now'),"
             "('d3',NULL,'2016-01-20','t','now')");
    ev(db, "d1", "2016-01-05", "IRNGOV", "RUSGOV", 1, 3, "asserted");
    ev(db, "d1", "2016-01-05", "RUS", "IRN", 4, -10, "asserted");
    ev(db, "d1", "2016-01-05", "IRN", "USA", 3, -4, "asserted");
    ev(db, "d1", "2016-01-05", "IRNMIL", "TUR", 2, 3, "reported");
    ev(db, "d1", "2016-01-05", "RUS", "USA", 1, 2, "asserted");
    ev(db, "d1", "2016-01-05", "RUS", "TUR", 1, 1, "asserted");
    ev(db, "d2", "2016-02-10", "IRN", "RUS", 1, 1, "asserted");
    ev(db, "d2", "2016-02-10", "IRN", "TUR", 3, -2, "hypothetical");
    ev(db, "d3", "2016-01-20", "IRN", "RUS", 3, -1, "asserted");
    sqlite3_close(db);

    ent_store *s = ent_store_open_readonly(path, &err);
    CHECK(s != NULL);
    ent_query q;
    memset(&q, 0, sizeof q);
    q.by = ENT_BY_MONTH;
    q.country_level = 1;
    q.a = "IRN";
    q.b = "RUS";
    ent_dyad_row *r = NULL;
    int n = 0;
    CHECK_INT(ent_dyads(s, &q, &r, &n), ENT_OK);
    /* 2016-01 IRN->RUS (d1 +3, d3 -1), 2016-01 RUS->IRN, 2016-02 IRN->RUS */
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(r[0].period, "2016-01-01");
        CHECK_STR(r[0].source, "IRN");
        CHECK_STR(r[0].target, "RUS");
        CHECK_INT(r[0].events, 2);
        CHECK_INT(r[0].quad[0], 1);
        CHECK_INT(r[0].quad[2], 1);
        CHECK(fabs(r[0].goldstein_sum - 2.0) < 1e-9);
        CHECK(fabs(r[0].goldstein_mean - 1.0) < 1e-9);
        CHECK_INT(r[0].sources, 2); /* AFP and d3 (no source: its id) */
        CHECK_STR(r[1].source, "RUS");
        CHECK_INT(r[1].quad[3], 1);
        CHECK_STR(r[2].period, "2016-02-01");
        CHECK_INT(r[2].sources, 1);
    }
    free(r);

    /* actor level: IRNGOV->RUSGOV is its own dyad; the prefix IRN selects it */
    q.country_level = 0;
    CHECK_INT(ent_dyads(s, &q, &r, &n), ENT_OK);
    int found = 0;
    for (int i = 0; i < n; i++)
        found += !strcmp(r[i].source, "IRNGOV") && !strcmp(r[i].target, "RUSGOV");
    CHECK_INT(found, 1);
    free(r);

    /* all modes: the hypothetical IRN->TUR appears; date bounds */
    q.country_level = 1;
    q.a = "IRN";
    q.b = NULL;
    q.modes = 0xF;
    q.from = "2016-02-01";
    CHECK_INT(ent_dyads(s, &q, &r, &n), ENT_OK);
    CHECK_INT(n, 2);
    free(r);
    q.modes = 0;
    q.from = NULL;

    /* alignment */
    q.a = "IRN";
    q.b = "RUS";
    ent_align_row *al = NULL;
    CHECK_INT(ent_align(s, &q, &al, &n), ENT_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(al[0].period, "2016-01-01");
        CHECK_INT(al[0].ab_events, 2);
        CHECK_INT(al[0].ba_events, 1);
        CHECK(fabs(al[0].ab_goldstein - 2.0) < 1e-9);
        CHECK(fabs(al[0].ba_goldstein + 10.0) < 1e-9);
        CHECK_INT(al[0].nthird, 2);
        CHECK(fabs(al[0].goldstein_cosine + 0.4472) < 1e-3);
        CHECK(al[0].too_few);          /* 2 events each, under the minimum of 5 */
        CHECK(isnan(al[0].similarity));
        CHECK_INT(al[0].ndiverge, 2);
        CHECK_STR(al[0].diverge[0], "USA");
        CHECK(fabs(al[0].gap[0] + 1.6944) < 1e-3);
        CHECK_STR(al[0].diverge[1], "TUR");
        CHECK(fabs(al[0].gap[1] - 0.1528) < 1e-3);
        CHECK(isnan(al[1].similarity)); /* February: no third parties */
    }
    free(al);
    /* with a minimum of 1: quad-class vectors IRN (TUR q2, USA q3) and RUS
     * (TUR q1, USA q1) share no dimension: similarity 0 */
    q.min_events = 1;
    CHECK_INT(ent_align(s, &q, &al, &n), ENT_OK);
    CHECK(n == 2 && fabs(al[0].similarity) < 1e-12 && !al[0].too_few);
    CHECK(n == 2 && al[0].sim_lo <= 0 && al[0].sim_hi >= 0);
    free(al);
    q.min_events = 0;
    q.b = NULL;
    CHECK_INT(ent_align(s, &q, &al, &n), ENT_EUSAGE);

    /* network over everything */
    q.a = NULL;
    q.by = ENT_BY_ALL;
    ent_edge *e = NULL;
    CHECK_INT(ent_network(s, &q, &e, &n), ENT_OK);
    /* IRN->RUS, IRN->TUR, IRN->USA, RUS->IRN, RUS->TUR, RUS->USA */
    CHECK_INT(n, 6);
    if (n == 6) {
        CHECK_STR(e[0].source, "IRN");
        CHECK_STR(e[0].target, "RUS");
        CHECK_INT(e[0].events, 3);
        CHECK_INT(e[0].coop, 2);
        CHECK_INT(e[0].conflict, 1);
    }
    free(e);
    ent_store_close(s);
    CHECK(ent_store_open_readonly("/nonexistent/x.sqlite", &err) == NULL);
    free(err);
    unlink(path);
    statistics();
    draws();
    known_answers();
    bloc_answers();
    TEST_DONE();
}
