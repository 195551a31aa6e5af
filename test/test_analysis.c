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
 */
#include "entente.h"
#include "testing.h"

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
        CHECK(fabs(al[0].similarity + 0.4472) < 1e-3);
        CHECK_INT(al[0].ndiverge, 2);
        CHECK_STR(al[0].diverge[0], "USA");
        CHECK(fabs(al[0].gap[0] + 1.6944) < 1e-3);
        CHECK_STR(al[0].diverge[1], "TUR");
        CHECK(fabs(al[0].gap[1] - 0.1528) < 1e-3);
        CHECK(isnan(al[1].similarity)); /* February: no third parties */
    }
    free(al);
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
    TEST_DONE();
}
