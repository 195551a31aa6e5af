/*
 * test_store.c - the SQLite store (store.c): the schema is created, a
 * document's rows are replaced (not duplicated) when it is coded again,
 * and an uncommitted batch leaves what was committed before intact.
 */
#include "entente.h"
#include "testing.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

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
