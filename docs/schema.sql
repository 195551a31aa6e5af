-- schema.sql - the SQLite schema entente creates (same text as src/store.c).
PRAGMA foreign_keys=ON;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
INSERT OR IGNORE INTO meta VALUES('schema_version','2');
CREATE TABLE IF NOT EXISTS documents(
  id TEXT PRIMARY KEY, path TEXT, line INTEGER, title TEXT, url TEXT,
  source TEXT, date TEXT, date_source TEXT, text TEXT NOT NULL,
  invalid_bytes INTEGER NOT NULL DEFAULT 0, coded_at TEXT NOT NULL,
  duplicate_of TEXT, similarity REAL);
CREATE INDEX IF NOT EXISTS documents_dup ON documents(duplicate_of);
CREATE TABLE IF NOT EXISTS sentences(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, duplicate INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(doc_id, idx));
CREATE TABLE IF NOT EXISTS actors(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  code TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, entry TEXT);
CREATE INDEX IF NOT EXISTS actors_doc ON actors(doc_id);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL, date TEXT,
  source TEXT NOT NULL, source_text TEXT NOT NULL,
  target TEXT NOT NULL, target_text TEXT NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,
  goldstein REAL NOT NULL, plover TEXT, mode TEXT NOT NULL,
  evidence TEXT NOT NULL, date_rule TEXT, date_text TEXT,
  scheduled INTEGER NOT NULL DEFAULT 0, place TEXT, place_text TEXT,
  place_country TEXT, place_admin1 TEXT, lat REAL, lon REAL,
  event_id TEXT);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_target ON events(target, date);
CREATE INDEX IF NOT EXISTS events_event_id ON events(event_id);
CREATE VIEW IF NOT EXISTS event_counts AS SELECT e.*,
  (SELECT count(*) FROM events m WHERE m.doc_id = e.doc_id AND m.source = e.source
     AND m.target = e.target AND m.code = e.code)
   * (1 + (SELECT count(*) FROM documents d WHERE d.duplicate_of = e.doc_id)) AS num_mentions,
  1 + (SELECT count(*) FROM documents d WHERE d.duplicate_of = e.doc_id) AS num_articles,
  (SELECT count(DISTINCT coalesce(d.source, d.id)) FROM documents d
     WHERE d.id = e.doc_id OR d.duplicate_of = e.doc_id) AS num_sources
FROM events e;
CREATE TABLE IF NOT EXISTS doc_minhash(
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, sig BLOB NOT NULL);
