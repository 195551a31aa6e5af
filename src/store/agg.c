/*
 * agg.c - the aggregates of a store (schema version 3, docs/store.md), so
 * that the summary, the dyads, the network and the places never read
 * every event: per day, directed dyad (the codes as stored), mode and quad
 * class the events and their Goldstein sum (agg_dyad_day; the same over
 * all time in agg_dyad_all), per day, dyad and mode the news sources
 * (agg_dyad_news, for the distinct-source counts), per day and place the
 * events with coordinates (agg_place_day), and the counts of documents,
 * near-duplicates and sentences (agg_counts).
 *
 * SQLite triggers keep them: every insert or delete of an event, sentence
 * or document updates them in the writer's own statement, so inside its
 * transaction, whoever writes (ent_store_put, a re-coded document's
 * delete, the sqlite3 shell). agg_rebuild makes them from the rows of a
 * store written before version 3 (the upgrade on open, store.c) and of a
 * merge (merge.c, which sets the triggers aside while it copies).
 */
#include "store/agg.h"

#include <string.h>

/* Goldstein sums are kept in millionths, as integers: exact whatever the
 * order of additions and deletions (Goldstein values have one decimal). */
#define MICRO(x) "CAST(round(" x " * 1000000) AS INTEGER)"
#define NEWS(e) "coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = " e \
                ".doc_id), " e ".doc_id)"
#define DAY(e) "coalesce(" e ".date, '')"

static const char tables[] =
    "CREATE TABLE IF NOT EXISTS agg_dyad_day(\n"
    "  date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL, events INTEGER NOT NULL, goldstein_micro INTEGER NOT NULL,\n"
    "  PRIMARY KEY(date, source, target, mode, quad)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS agg_dyad_day_source ON agg_dyad_day(source);\n"
    "CREATE TABLE IF NOT EXISTS agg_dyad_all(\n"
    "  source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL, quad INTEGER NOT NULL,\n"
    "  events INTEGER NOT NULL, goldstein_micro INTEGER NOT NULL,\n"
    "  PRIMARY KEY(source, target, mode, quad)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS agg_dyad_news(\n"
    "  date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,\n"
    "  news TEXT NOT NULL, events INTEGER NOT NULL,\n"
    "  PRIMARY KEY(date, source, target, mode, news)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS agg_place_day(\n"
    "  date TEXT NOT NULL, place TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL,\n"
    "  lon REAL NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL, events INTEGER NOT NULL,\n"
    "  PRIMARY KEY(date, place, country, lat, lon, source, target, mode, quad)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS agg_counts(name TEXT PRIMARY KEY, n INTEGER NOT NULL)\n"
    "  WITHOUT ROWID;\n";

/* Counting an event in (NEW) and out (OLD) of the aggregates. */
#define EVENT_IN                                                                          \
    "  INSERT INTO agg_dyad_day VALUES(" DAY("NEW") ", NEW.source, NEW.target, NEW.mode,\n"   \
    "    NEW.quad, 1, " MICRO("NEW.goldstein") ") ON CONFLICT DO UPDATE SET events = events + 1,\n" \
    "    goldstein_micro = goldstein_micro + excluded.goldstein_micro;\n"                     \
    "  INSERT INTO agg_dyad_all VALUES(NEW.source, NEW.target, NEW.mode, NEW.quad, 1,\n"        \
    "    " MICRO("NEW.goldstein") ") ON CONFLICT DO UPDATE SET events = events + 1,\n"        \
    "    goldstein_micro = goldstein_micro + excluded.goldstein_micro;\n"                     \
    "  INSERT INTO agg_dyad_news VALUES(" DAY("NEW") ", NEW.source, NEW.target, NEW.mode,\n"   \
    "    " NEWS("NEW") ", 1) ON CONFLICT DO UPDATE SET events = events + 1;\n"                \
    "  INSERT INTO agg_place_day SELECT " DAY("NEW") ", coalesce(NEW.place, ''),\n"           \
    "    coalesce(NEW.place_country, ''), NEW.lat, NEW.lon, NEW.source, NEW.target, NEW.mode,\n" \
    "    NEW.quad, 1 WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL\n"                      \
    "    ON CONFLICT DO UPDATE SET events = events + 1;\n"
#define EVENT_OUT                                                                         \
    "  UPDATE agg_dyad_day SET events = events - 1,\n"                                     \
    "    goldstein_micro = goldstein_micro - " MICRO("OLD.goldstein") "\n"                  \
    "    WHERE date = " DAY("OLD") " AND source = OLD.source AND target = OLD.target\n"      \
    "    AND mode = OLD.mode AND quad = OLD.quad;\n"                                        \
    "  DELETE FROM agg_dyad_day WHERE date = " DAY("OLD") " AND source = OLD.source\n"       \
    "    AND target = OLD.target AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;\n" \
    "  UPDATE agg_dyad_all SET events = events - 1,\n"                                     \
    "    goldstein_micro = goldstein_micro - " MICRO("OLD.goldstein") "\n"                  \
    "    WHERE source = OLD.source AND target = OLD.target AND mode = OLD.mode\n"           \
    "    AND quad = OLD.quad;\n"                                                           \
    "  DELETE FROM agg_dyad_all WHERE source = OLD.source AND target = OLD.target\n"        \
    "    AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;\n"                        \
    "  UPDATE agg_dyad_news SET events = events - 1 WHERE date = " DAY("OLD") "\n"          \
    "    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode\n"             \
    "    AND news = " NEWS("OLD") ";\n"                                                    \
    "  DELETE FROM agg_dyad_news WHERE date = " DAY("OLD") " AND source = OLD.source\n"      \
    "    AND target = OLD.target AND mode = OLD.mode AND news = " NEWS("OLD") "\n"          \
    "    AND events <= 0;\n"                                                               \
    "  UPDATE agg_place_day SET events = events - 1 WHERE date = " DAY("OLD") "\n"          \
    "    AND place = coalesce(OLD.place, '') AND country = coalesce(OLD.place_country, '')\n" \
    "    AND lat = OLD.lat AND lon = OLD.lon AND source = OLD.source AND target = OLD.target\n" \
    "    AND mode = OLD.mode AND quad = OLD.quad;\n"                                        \
    "  DELETE FROM agg_place_day WHERE date = " DAY("OLD") " AND place = coalesce(OLD.place, '')\n" \
    "    AND country = coalesce(OLD.place_country, '') AND lat = OLD.lat AND lon = OLD.lon\n" \
    "    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode\n"             \
    "    AND quad = OLD.quad AND events <= 0;\n"

/* The triggers. A document's events go before the document does (a
 * cascade runs after its parent row is gone, and the news source of an
 * event is its document's). An event changed in place (the sqlite3 shell;
 * entente never does) is counted out, then in. A document's news source
 * or duplicate_of changed in place is not followed (entente replaces
 * documents, never updates them). */
static const char triggers[] =
    "CREATE TRIGGER IF NOT EXISTS agg_event_in AFTER INSERT ON events BEGIN\n"
    EVENT_IN
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_event_out AFTER DELETE ON events BEGIN\n"
    EVENT_OUT
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_event_change AFTER UPDATE OF date, source, target, mode,\n"
    "  quad, goldstein, doc_id, place, place_country, lat, lon ON events BEGIN\n"
    EVENT_OUT
    EVENT_IN
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_doc_out BEFORE DELETE ON documents BEGIN\n"
    "  DELETE FROM events WHERE doc_id = OLD.id;\n"
    "  UPDATE agg_counts SET n = n - 1\n"
    "    WHERE name = CASE WHEN OLD.duplicate_of IS NULL THEN 'documents' ELSE 'duplicates' END;\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_doc_in AFTER INSERT ON documents BEGIN\n"
    "  INSERT INTO agg_counts VALUES(CASE WHEN NEW.duplicate_of IS NULL THEN 'documents'\n"
    "    ELSE 'duplicates' END, 1) ON CONFLICT DO UPDATE SET n = n + 1;\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_sentence_in AFTER INSERT ON sentences BEGIN\n"
    "  INSERT INTO agg_counts VALUES('sentences', 1) ON CONFLICT DO UPDATE SET n = n + 1;\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS agg_sentence_out AFTER DELETE ON sentences BEGIN\n"
    "  UPDATE agg_counts SET n = n - 1 WHERE name = 'sentences';\n"
    "END;\n";

static const char drop_triggers[] =
    "DROP TRIGGER IF EXISTS agg_event_in; DROP TRIGGER IF EXISTS agg_event_out;"
    " DROP TRIGGER IF EXISTS agg_event_change;"
    " DROP TRIGGER IF EXISTS agg_doc_out; DROP TRIGGER IF EXISTS agg_doc_in;"
    " DROP TRIGGER IF EXISTS agg_sentence_in; DROP TRIGGER IF EXISTS agg_sentence_out;";

static const char rebuild[] =
    "DELETE FROM agg_dyad_day; DELETE FROM agg_dyad_all; DELETE FROM agg_dyad_news;"
    " DELETE FROM agg_place_day; DELETE FROM agg_counts;"
    " INSERT INTO agg_dyad_day SELECT " DAY("e") ", source, target, mode, quad, count(*),"
    "  sum(" MICRO("goldstein") ") FROM events e GROUP BY 1, 2, 3, 4, 5;"
    " INSERT INTO agg_dyad_all SELECT source, target, mode, quad, sum(events),"
    "  sum(goldstein_micro) FROM agg_dyad_day GROUP BY 1, 2, 3, 4;"
    " INSERT INTO agg_dyad_news SELECT " DAY("e") ", e.source, e.target, e.mode,"
    "  coalesce(d.source, d.id, e.doc_id), count(*) FROM events e"
    "  LEFT JOIN documents d ON d.id = e.doc_id GROUP BY 1, 2, 3, 4, 5;"
    " INSERT INTO agg_place_day SELECT " DAY("e") ", coalesce(place, ''),"
    "  coalesce(place_country, ''), lat, lon, source, target, mode, quad, count(*)"
    "  FROM events e WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;"
    " INSERT INTO agg_counts SELECT 'documents', count(*) FROM documents WHERE duplicate_of IS NULL;"
    " INSERT INTO agg_counts SELECT 'duplicates', count(*) FROM documents"
    "  WHERE duplicate_of IS NOT NULL;"
    " INSERT INTO agg_counts SELECT 'sentences', count(*) FROM sentences;";

int agg_install(sqlite3 *db)
{
    int rc = sqlite3_exec(db, tables, NULL, NULL, NULL);
    return rc != SQLITE_OK ? rc : sqlite3_exec(db, triggers, NULL, NULL, NULL);
}

int agg_set_aside(sqlite3 *db)
{
    return sqlite3_exec(db, drop_triggers, NULL, NULL, NULL);
}

int agg_rebuild(sqlite3 *db)
{
    int rc = sqlite3_exec(db, tables, NULL, NULL, NULL);
    return rc != SQLITE_OK ? rc : sqlite3_exec(db, rebuild, NULL, NULL, NULL);
}

int agg_present(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int yes = 0;
    if (sqlite3_prepare_v2(db, "SELECT CAST(value AS INTEGER) >= 3 AND (SELECT count(*)"
                               " FROM sqlite_master WHERE name = 'agg_counts') FROM meta"
                               " WHERE key = 'schema_version'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        yes = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return yes;
}

const char *agg_schema_text(void)
{
    return tables;
}

const char *agg_trigger_text(void)
{
    return triggers;
}
