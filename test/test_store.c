/*
 * test_store.c - the SQLite store (store.c): the schema is created, a
 * document's rows are replaced (not duplicated) when it is coded again,
 * and an uncommitted batch leaves what was committed before intact; and
 * reading it back (query.c): events by filter with their spans, the
 * summary, the busiest actors and pairs, and the event writer's layouts.
 */
#include "entente.h"
#include "testing.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

/* The JSON of rec in layout, in a static buffer. */
static const char *json_of(const ent_event_rec *rec, ent_json_layout layout)
{
    static char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    if (!f)
        return "";
    ent_write_event_json(f, rec, layout);
    fclose(f);
    return buf;
}

/* How many events f selects from s; -1 on failure. */
static long nevents(ent_store *s, const ent_event_filter *f)
{
    ent_rc rc;
    ent_store_iter *it = ent_store_events(s, f, &rc);
    const ent_event_rec *rec;
    long n = 0;
    if (!it)
        return -1;
    while ((rc = ent_store_iter_next(it, &rec)) == ENT_OK)
        n++;
    ent_store_iter_free(it);
    return rc == ENT_EOF ? n : -1;
}

/* Read the store at path back through the read API; r is what was stored. */
static void read_back(const char *path, const ent_result *r)
{
    char *err = NULL;
    ent_store *s = ent_store_open_readonly(path, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(ent_store_last_fault(s), ENT_STORE_FINE);

    ent_store_counts n;
    CHECK_INT(ent_store_summary(s, NULL, NULL, &n), ENT_OK);
    CHECK_INT(n.documents, 1);
    CHECK_INT(n.near_duplicates, 0);
    CHECK_INT(n.sentences, 2);
    CHECK_INT(n.events, r->nevents);
    CHECK_INT(n.by_mode[0] + n.by_mode[1] + n.by_mode[2] + n.by_mode[3], r->nevents);
    CHECK_STR(n.first_date, "2016-12-20");
    CHECK_STR(n.last_date, "2016-12-20");
    CHECK_INT(ent_store_summary(s, "2017-01-01", NULL, &n), ENT_OK);
    CHECK_INT(n.events, 0);
    CHECK_STR(n.first_date, "");

    /* every event, newest first; then filters */
    ent_event_filter f;
    memset(&f, 0, sizeof f);
    CHECK_INT(nevents(s, &f), r->nevents);
    CHECK_INT(nevents(s, NULL), r->nevents);
    f.limit = 1;
    CHECK_INT(nevents(s, &f), 1);
    f.limit = 0;
    f.offset = 1;
    CHECK_INT(nevents(s, &f), r->nevents - 1);
    memset(&f, 0, sizeof f);
    f.source = "RUS";
    f.root = "19";
    CHECK_INT(nevents(s, &f), 1);
    f.root = NULL;
    f.code = "1";
    CHECK_INT(nevents(s, &f), 1);
    memset(&f, 0, sizeof f);
    f.a = "IRN";
    f.b = "RUS";
    CHECK_INT(nevents(s, &f), 1);
    f.a = "RUS";
    f.b = "IRN";
    CHECK_INT(nevents(s, &f), 1);
    f.b = "ZZZ";
    CHECK_INT(nevents(s, &f), 0);
    memset(&f, 0, sizeof f);
    f.from = "2016-12-21";
    CHECK_INT(nevents(s, &f), 0);
    f.from = NULL;
    f.modes = 1 << ENT_MODE_NEGATED;
    CHECK_INT(nevents(s, &f), 0);
    f.modes = 1 << ENT_MODE_ASSERTED;
    CHECK_INT(nevents(s, &f), r->nevents);

    /* a bad filter is a usage error, not SQL */
    ent_rc rc = ENT_OK;
    memset(&f, 0, sizeof f);
    f.actor = "R S";
    CHECK(ent_store_events(s, &f, &rc) == NULL);
    CHECK_INT(rc, ENT_EUSAGE);
    CHECK_INT(ent_store_last_fault(s), ENT_STORE_FAILED);

    /* the Iran -> Russia event: its spans, and the writer's layouts */
    memset(&f, 0, sizeof f);
    f.source = "IRN";
    ent_store_iter *it = ent_store_events(s, &f, &rc);
    const ent_event_rec *rec = NULL;
    CHECK(it != NULL);
    CHECK_INT(it ? ent_store_iter_next(it, &rec) : ENT_EDB, ENT_OK);
    if (rec) {
        CHECK_STR(rec->doc, "doc1");
        CHECK_STR(rec->text, "Iran criticized Russia.");
        CHECK(rec->id > 0);
        CHECK_INT(rec->have & (ENT_HAVE_SPAN | ENT_HAVE_SOURCE_SPAN | ENT_HAVE_TARGET_SPAN),
                  ENT_HAVE_SPAN | ENT_HAVE_SOURCE_SPAN | ENT_HAVE_TARGET_SPAN);
        CHECK_INT(rec->start, 30);
        CHECK_INT(rec->ev.target.start, 46);
        CHECK_INT(rec->ev.target.end, 52);
        CHECK_STR(rec->ev.target.code, "RUS");
        CHECK_STR(rec->ev.date, "2016-12-20");
        CHECK(rec->ev.name == NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_API),
                     "\"target\":{\"code\":\"RUS\",\"text\":\"Russia\",\"span\":[46,52]}") != NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_API), "\"doc_title\":null") != NULL);
        CHECK(strncmp(json_of(rec, ENT_JSON_API), "{\"id\":", 6) == 0);
        CHECK(strstr(json_of(rec, ENT_JSON_FLAT), "\"target_span\":[16,22]") != NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_FLAT), "\"source\":\"IRN\",\"source_text\":\"Iran\"") != NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_FLAT), "\"place\":null,\"place_text\":null") != NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_LINE), ",\"doc\":\"doc1\",\"sentence\":1,\"span\":[30,53]") != NULL);
        CHECK(strstr(json_of(rec, ENT_JSON_LINE), "\"name\":\"\"") != NULL);
    }
    CHECK_INT(it ? ent_store_iter_next(it, &rec) : ENT_OK, ENT_EOF);
    ent_store_iter_free(it);

    /* the busiest actors and pairs, at country level */
    ent_query q;
    memset(&q, 0, sizeof q);
    q.country_level = 1;
    ent_top_row *actors = NULL, *pairs = NULL;
    int na = 0, np = 0;
    CHECK_INT(ent_query_top(s, &q, 20, &actors, &na, &pairs, &np), ENT_OK);
    CHECK(na >= 2 && np >= 1);
    if (na > 0) {
        CHECK_STR(actors[0].a, "RUS");
        CHECK_INT(actors[0].events, 2);
    }
    int found = 0;
    for (int i = 0; i < np; i++)
        found |= !strcmp(pairs[i].a, "IRN") && !strcmp(pairs[i].b, "RUS") && pairs[i].events == 1;
    CHECK(found);
    free(actors);
    free(pairs);
    CHECK_INT(ent_query_top(s, &q, 1, &actors, &na, &pairs, &np), ENT_OK);
    CHECK_INT(na, 1);
    CHECK_INT(np, 1);
    free(actors);
    free(pairs);
    ent_store_close(s);
}

static long count(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

int main(void)
{
    const char *data = getenv("ENTENTE_DATA") ? getenv("ENTENTE_DATA") : "data";
    ent_coder *c = ent_coder_new(data, NULL, NULL, NULL, NULL);
    CHECK(c != NULL);
    if (!c)
        TEST_DONE();
    char path[256];
    snprintf(path, sizeof path, "/tmp/entente-test-store-%d.sqlite", (int)getpid());
    unlink(path);
    char *err = NULL;
    ent_store *s = ent_store_open(path, &err);
    CHECK(s != NULL);
    ent_skip_reason why;
    ent_doc *d = ent_doc_from_bytes("txt",
                                    "Russia bombed Syrian rebels.\n\nIran criticized Russia.",
                                    53, "doc1", &why);
    CHECK(d != NULL);
    strcpy(d->date, "2016-12-20");
    ent_result *r = ent_coder_code(c, d);
    CHECK(r && r->nevents >= 2);
    for (int pass = 0; pass < 2; pass++) {
        CHECK_INT(ent_store_begin(s), ENT_OK);
        CHECK_INT(ent_store_put(s, d, r), ENT_OK);
        CHECK_INT(ent_store_commit(s), ENT_OK);
    }
    CHECK_INT(count(path, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(count(path, "SELECT count(*) FROM sentences"), 2);
    CHECK_INT(count(path, "SELECT count(*) FROM events"), r->nevents);
    CHECK_INT(count(path, "SELECT count(*) FROM actors WHERE code='RUS'"), 2);
    CHECK_INT(count(path, "SELECT count(*) FROM events WHERE source='RUS' AND root='19'"), 1);

    /* a batch that is never committed loses nothing committed before */
    ent_doc *d2 = ent_doc_from_bytes("txt", "Iran met Turkey.", 16, "doc2", &why);
    ent_result *r2 = ent_coder_code(c, d2);
    CHECK_INT(ent_store_begin(s), ENT_OK);
    CHECK_INT(ent_store_put(s, d2, r2), ENT_OK);
    ent_store_close(s); /* no commit: as if the process died */
    CHECK_INT(count(path, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(count(path, "SELECT count(*) FROM documents WHERE id='doc1'"), 1);
    read_back(path, r);

    ent_result_free(r);
    ent_result_free(r2);
    ent_doc_free(d);
    ent_doc_free(d2);
    ent_coder_free(c);
    CHECK(ent_store_open("/nonexistent-dir/x.sqlite", &err) == NULL);
    CHECK(err != NULL);
    free(err);
    char wal[300];
    unlink(path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    TEST_DONE();
}
