/*
 * store.c - the SQLite store (schema in docs/schema.sql and docs/store.md).
 * ent_store_put replaces every row of a document id, so re-coding a
 * document never duplicates it; the caller groups documents into
 * transactions (ent_store_begin / ent_store_commit), so a crash loses at
 * most the batch in progress. Reading a store back (events, summaries) is
 * query.c's, the analyses analysis.c's; both reach SQLite through
 * store.h.
 */
#include "entente.h"
#include "base/mem.h"
#include "store/store.h"
#include "store/agg.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

static const char schema[] =
    "PRAGMA foreign_keys=ON;\n"
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "INSERT OR IGNORE INTO meta VALUES('schema_version','3');\n"
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id TEXT PRIMARY KEY, path TEXT, line INTEGER, title TEXT, url TEXT,\n"
    "  source TEXT, date TEXT, date_source TEXT, text TEXT NOT NULL,\n"
    "  invalid_bytes INTEGER NOT NULL DEFAULT 0, coded_at TEXT NOT NULL,\n"
    "  duplicate_of TEXT, similarity REAL);\n"
    "CREATE INDEX IF NOT EXISTS documents_dup ON documents(duplicate_of);\n"
    "CREATE TABLE IF NOT EXISTS sentences(\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, duplicate INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY(doc_id, idx));\n"
    "CREATE TABLE IF NOT EXISTS actors(\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, entry TEXT);\n"
    "CREATE INDEX IF NOT EXISTS actors_doc ON actors(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS actors_code ON actors(code);\n"
    "CREATE TABLE IF NOT EXISTS events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  sentence INTEGER NOT NULL, date TEXT,\n"
    "  source TEXT NOT NULL, source_text TEXT NOT NULL,\n"
    "  target TEXT NOT NULL, target_text TEXT NOT NULL,\n"
    "  code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL, plover TEXT, mode TEXT NOT NULL,\n"
    "  evidence TEXT NOT NULL, date_rule TEXT, date_text TEXT,\n"
    "  scheduled INTEGER NOT NULL DEFAULT 0, place TEXT, place_text TEXT,\n"
    "  place_country TEXT, place_admin1 TEXT, lat REAL, lon REAL,\n"
    "  event_id TEXT);\n"
    "CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);\n"
    "CREATE INDEX IF NOT EXISTS events_date ON events(date);\n"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target, date);\n"
    "CREATE INDEX IF NOT EXISTS events_event_id ON events(event_id);\n"
    /* version 3: what the alignments read of one source's events, in the
     * order of events_dyad, without a visit to the table per event */
    "CREATE INDEX IF NOT EXISTS events_source_cover ON events(source, target, date, id, mode,\n"
    "  quad, goldstein);\n"
    /* the events behind a divergence (align.c): of one pair of codes and
     * quad class, strongest Goldstein first, then the latest, with what
     * they are filtered on (and goldstein: without it SQLite does not
     * see the index as covering); a reader stops at the third it keeps */
    "CREATE INDEX IF NOT EXISTS events_strength ON events(source, target, quad, abs(goldstein),\n"
    "  id, date, mode, goldstein);\n"
    "CREATE VIEW IF NOT EXISTS event_counts AS SELECT e.*,\n"
    "  (SELECT count(*) FROM events m WHERE m.doc_id = e.doc_id AND m.source = e.source\n"
    "     AND m.target = e.target AND m.code = e.code)\n"
    "   * (1 + (SELECT count(*) FROM documents d WHERE d.duplicate_of = e.doc_id)) AS num_mentions,\n"
    "  1 + (SELECT count(*) FROM documents d WHERE d.duplicate_of = e.doc_id) AS num_articles,\n"
    "  (SELECT count(DISTINCT coalesce(d.source, d.id)) FROM documents d\n"
    "     WHERE d.id = e.doc_id OR d.duplicate_of = e.doc_id) AS num_sources\n"
    "FROM events e;\n"
    /* each document's place in the input and MinHash signature, for
     * entente merge's duplicate pass across shards (merge.c) */
    "CREATE TABLE IF NOT EXISTS doc_minhash(\n"
    "  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL, sig BLOB NOT NULL);\n";

struct ent_store {
    sqlite3 *db;
    sqlite3_stmt *del, *doc, *sent, *act, *ev;
    sqlite3_stmt *cached[STORE_NCACHED]; /* store_cached's statements */
    int aggregated;           /* schema version 3: the aggregates of agg.c */
    double deadline;          /* CLOCK_MONOTONIC seconds; 0: none */
    ent_store_fault fault;
    char err[512];
};

static void set_err(ent_store *s)
{
    int code = sqlite3_errcode(s->db) & 0xff;
    snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
    s->fault = code == SQLITE_INTERRUPT ? ENT_STORE_TIMEOUT
             : code == SQLITE_BUSY || code == SQLITE_LOCKED ? ENT_STORE_BUSY
             : ENT_STORE_FAILED;
}

void store_fail(ent_store *s) { set_err(s); }

void store_fail_msg(ent_store *s, ent_store_fault fault, const char *msg)
{
    snprintf(s->err, sizeof s->err, "%s", msg);
    s->fault = fault;
}

ent_store_fault ent_store_last_fault(const ent_store *s) { return s ? s->fault : ENT_STORE_FAILED; }

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite's progress handler: a non-zero answer interrupts the statement. */
static int past_deadline(void *ud)
{
    const ent_store *s = ud;
    return s->deadline > 0 && now_s() > s->deadline;
}

void ent_store_set_timeout(ent_store *s, double seconds)
{
    if (!s)
        return;
    s->deadline = seconds > 0 ? now_s() + seconds : 0;
    sqlite3_progress_handler(s->db, seconds > 0 ? 10000 : 0, seconds > 0 ? past_deadline : NULL, s);
}

/* Concurrent use (docs/store.md): a writer waits up to WRITE_WAIT_MS for
 * another writer's transaction (two `code --db` on one store take turns);
 * the store is in rollback-journal mode (journal_mode=DELETE), so a writer
 * killed mid-batch leaves a -journal that the next opener rolls back, and
 * never a WAL-mode file that a read-only user cannot open. */
#define WRITE_WAIT_MS (10 * 60 * 1000)
#define READ_WAIT_MS 5000

/* Schema version 1 (before event_id): the column is added, NULL for the
 * events already stored (re-coding their documents fills it), and the
 * version becomes 2. A new or current store is left as it is. Runs in the
 * transaction of open_schema. */
static int migrate(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('events') "
                                    "WHERE name = 'event_id'", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int has = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (has)
        return SQLITE_OK;
    rc = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = 'events'", -1, &st,
                            NULL);
    if (rc != SQLITE_OK)
        return rc;
    int old = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!old)
        return SQLITE_OK;
    return sqlite3_exec(db, "ALTER TABLE events ADD COLUMN event_id TEXT;"
                            " UPDATE meta SET value = '2' WHERE key = 'schema_version';",
                        NULL, NULL, NULL);
}

/* The schema version of an existing store; 0 for a new one. */
static int schema_version(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int v = 0;
    if (sqlite3_prepare_v2(db, "SELECT CAST(value AS INTEGER) FROM meta"
                               " WHERE key = 'schema_version'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The schema, in one transaction: a new store gets version 3; a store of
 * version 1 or 2 is upgraded (event_id, then the aggregates of agg.c made
 * from its events), so a crash mid-upgrade leaves it as it was. On
 * failure SQLite's message goes to err (the rollback would replace it). */
static int open_schema(sqlite3 *db, char *err, size_t n)
{
    if (sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON; BEGIN IMMEDIATE",
                     NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return SQLITE_ERROR;
    }
    int rc = migrate(db);
    int version = rc == SQLITE_OK ? schema_version(db) : 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = agg_install(db);
    if (rc == SQLITE_OK && version > 0 && version < 3) {
        rc = agg_rebuild(db);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
                              NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc;
}

ent_store *ent_store_open(const char *path, char **err)
{
    ent_store *s = mem_calloc(1, sizeof *s);
    if (!s) {
        if (err)
            *err = mem_strdup("out of memory");
        return NULL;
    }
    int orc = sqlite3_open(path, &s->db);
    if (s->db)
        sqlite3_busy_timeout(s->db, WRITE_WAIT_MS); /* before the first statement */
    char why[256] = "";
    if (orc != SQLITE_OK || open_schema(s->db, why, sizeof why) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "DELETE FROM documents WHERE id=?", -1, &s->del, NULL) ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO documents VALUES(?,?,?,?,?,?,?,?,?,?,"
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?)",
                           -1, &s->doc, NULL) ||
        sqlite3_prepare_v2(s->db, "INSERT INTO sentences VALUES(?,?,?,?,?,?)", -1,
                           &s->sent, NULL) ||
        sqlite3_prepare_v2(s->db, "INSERT INTO actors VALUES(?,?,?,?,?,?,?,?)", -1,
                           &s->act, NULL) ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO events(doc_id,sentence,date,source,source_text,"
                           "target,target_text,code,root,quad,goldstein,plover,mode,"
                           "evidence,date_rule,date_text,scheduled,place,place_text,"
                           "place_country,place_admin1,lat,lon,event_id) "
                           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &s->ev, NULL)) {
        if (err)
            *err = mem_printf("%s: %s", path, why[0] ? why
                                              : s->db ? sqlite3_errmsg(s->db) : "cannot open");
        ent_store_close(s);
        return NULL;
    }
    s->aggregated = 1;
    return s;
}

void ent_store_close(ent_store *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->del);
    sqlite3_finalize(s->doc);
    sqlite3_finalize(s->sent);
    sqlite3_finalize(s->act);
    sqlite3_finalize(s->ev);
    for (int i = 0; i < STORE_NCACHED; i++)
        sqlite3_finalize(s->cached[i]);
    sqlite3_close(s->db);
    mem_free(s);
}

const char *ent_store_errmsg(const ent_store *s) { return s ? s->err : "no store"; }

sqlite3 *store_db(const ent_store *s) { return s->db; }

int store_aggregated(const ent_store *s) { return s->aggregated; }

/* A store a writer left mid-write (a hot -journal, or -wal files of WAL
 * mode) cannot be read by a read-only connection, which may not roll back
 * or checkpoint. Open it for writing once, if this user may: that
 * recovers it and leaves it in rollback-journal mode. 1 if done. */
static int recover(const char *path)
{
    sqlite3 *db = NULL;
    int ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_busy_timeout(db, READ_WAIT_MS);
        ok = sqlite3_exec(db, "PRAGMA journal_mode=DELETE; SELECT count(*) FROM meta;", NULL,
                          NULL, NULL) == SQLITE_OK;
    }
    sqlite3_close(db);
    return ok;
}

sqlite3_stmt *store_cached(ent_store *s, int slot, const char *sql)
{
    if (slot < 0 || slot >= STORE_NCACHED)
        return NULL;
    if (!s->cached[slot] && sqlite3_prepare_v2(s->db, sql, -1, &s->cached[slot], NULL) != SQLITE_OK) {
        set_err(s);
        s->cached[slot] = NULL;
    }
    return s->cached[slot];
}

ent_store *ent_store_open_readonly(const char *path, char **err)
{
    ent_store *s = mem_calloc(1, sizeof *s);
    if (!s) {
        if (err)
            *err = mem_strdup("out of memory");
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    int orc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    if (s->db)
        sqlite3_busy_timeout(s->db, READ_WAIT_MS); /* before the first read of the schema */
    int prc = orc == SQLITE_OK ? sqlite3_prepare_v2(s->db, "SELECT count(*) FROM events", -1,
                                                    &st, NULL) : orc;
    if (prc != SQLITE_OK && recover(path)) {
        /* a writer was killed mid-batch (or an older entente left WAL
         * mode): rolled back or checkpointed, read again */
        sqlite3_close(s->db);
        s->db = NULL;
        orc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
        if (s->db)
            sqlite3_busy_timeout(s->db, READ_WAIT_MS);
        prc = orc == SQLITE_OK ? sqlite3_prepare_v2(s->db, "SELECT count(*) FROM events", -1,
                                                    &st, NULL) : orc;
    }
    if (orc != SQLITE_OK || prc != SQLITE_OK) {
        if (err)
            *err = mem_printf("%s: %s", path,
                              s->db ? sqlite3_errmsg(s->db) : "cannot open");
        sqlite3_finalize(st);
        ent_store_close(s);
        return NULL;
    }
    sqlite3_finalize(st);
    s->aggregated = agg_present(s->db);
    return s;
}

ent_rc ent_store_begin(ent_store *s)
{
    /* IMMEDIATE: take the write lock now, waiting for another writer */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        set_err(s);
        return ENT_EDB;
    }
    return ENT_OK;
}

ent_rc ent_store_commit(ent_store *s)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        set_err(s);
        return ENT_EDB;
    }
    return ENT_OK;
}

static void bt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static int step(ent_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        set_err(s);
        return -1;
    }
    return 0;
}

/* Delete the rows of d->id and insert its document row. */
static ent_rc put_doc(ent_store *s, const ent_doc *d, const char *dup_of, double sim)
{
    bt(s->del, 1, d->id);
    if (step(s, s->del) < 0)
        return ENT_EDB;
    bt(s->doc, 1, d->id);
    bt(s->doc, 2, d->path);
    sqlite3_bind_int64(s->doc, 3, d->line);
    bt(s->doc, 4, d->title);
    bt(s->doc, 5, d->url);
    bt(s->doc, 6, d->source);
    bt(s->doc, 7, d->date[0] ? d->date : NULL);
    bt(s->doc, 8, d->date_source);
    sqlite3_bind_text(s->doc, 9, d->text ? d->text : "", (int)d->len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s->doc, 10, (sqlite3_int64)d->invalid_bytes);
    bt(s->doc, 11, dup_of);
    if (dup_of)
        sqlite3_bind_double(s->doc, 12, sim);
    if (step(s, s->doc) < 0)
        return ENT_EDB;
    return ENT_OK;
}

ent_rc ent_store_put_duplicate(ent_store *s, const ent_doc *d, const char *orig, double sim)
{
    return put_doc(s, d, orig, sim);
}

ent_rc ent_store_put(ent_store *s, const ent_doc *d, const ent_result *r)
{
    if (put_doc(s, d, NULL, 0) != ENT_OK)
        return ENT_EDB;
    for (int i = 0; i < r->nsentences; i++) {
        const ent_sentence *x = &r->sentences[i];
        bt(s->sent, 1, d->id);
        sqlite3_bind_int(s->sent, 2, i);
        sqlite3_bind_int64(s->sent, 3, (sqlite3_int64)x->start);
        sqlite3_bind_int64(s->sent, 4, (sqlite3_int64)x->end);
        bt(s->sent, 5, x->text);
        sqlite3_bind_int(s->sent, 6, x->duplicate);
        if (step(s, s->sent) < 0)
            return ENT_EDB;
    }
    for (int i = 0; i < r->nmentions; i++) {
        const ent_mention *m = &r->mentions[i];
        bt(s->act, 1, d->id);
        sqlite3_bind_int(s->act, 2, m->sentence);
        sqlite3_bind_int64(s->act, 3, (sqlite3_int64)m->start);
        sqlite3_bind_int64(s->act, 4, (sqlite3_int64)m->end);
        bt(s->act, 5, m->code);
        bt(s->act, 6, m->text);
        bt(s->act, 7, m->kind);
        bt(s->act, 8, m->entry);
        if (step(s, s->act) < 0)
            return ENT_EDB;
    }
    for (int i = 0; i < r->nevents; i++) {
        const ent_event *e = &r->events[i];
        bt(s->ev, 1, d->id);
        sqlite3_bind_int(s->ev, 2, e->sentence);
        bt(s->ev, 3, e->date[0] ? e->date : NULL);
        bt(s->ev, 4, e->source.code);
        bt(s->ev, 5, e->source.text);
        bt(s->ev, 6, e->target.code);
        bt(s->ev, 7, e->target.text);
        bt(s->ev, 8, e->code);
        bt(s->ev, 9, e->root);
        sqlite3_bind_int(s->ev, 10, e->quad);
        sqlite3_bind_double(s->ev, 11, e->goldstein);
        bt(s->ev, 12, e->plover);
        bt(s->ev, 13, ent_mode_name(e->mode));
        bt(s->ev, 14, e->evidence);
        bt(s->ev, 15, e->date[0] ? e->date_rule : "none");
        bt(s->ev, 16, e->date_text);
        sqlite3_bind_int(s->ev, 17, e->scheduled);
        if (e->place) {
            bt(s->ev, 18, e->place);
            bt(s->ev, 19, e->place_text);
            bt(s->ev, 20, e->place_country);
            bt(s->ev, 21, e->place_admin1);
            sqlite3_bind_double(s->ev, 22, e->lat);
            sqlite3_bind_double(s->ev, 23, e->lon);
        }
        char id[17];
        ent_event_id(d->id, e, id);
        bt(s->ev, 24, id);
        if (step(s, s->ev) < 0)
            return ENT_EDB;
    }
    return ENT_OK;
}

ent_rc ent_store_undated_events(ent_store *s, long *n)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    /* the aggregates keep an undated event's day as '': a range of the
     * primary key, not a scan of every event (the dashboard's summary) */
    const char *sql = s->aggregated
                          ? "SELECT coalesce(sum(events), 0) FROM agg_dyad_day WHERE date = ''"
                          : "SELECT count(*) FROM events WHERE date IS NULL";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        set_err(s);
        sqlite3_finalize(st);
        return ENT_EDB;
    }
    *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ENT_OK;
}
