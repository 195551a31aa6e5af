-- schema.sql - the SQLite schema entente creates, version 3 (the same text as
-- src/store/store.c and, for the aggregates and their triggers, src/store/agg.c).
PRAGMA foreign_keys=ON;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
INSERT OR IGNORE INTO meta VALUES('schema_version','3');
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
CREATE INDEX IF NOT EXISTS events_source_cover ON events(source, target, date, id, mode,
  quad, goldstein);
CREATE INDEX IF NOT EXISTS events_strength ON events(source, target, quad, abs(goldstein),
  id, date, mode, goldstein);
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
-- schema version 3: the aggregates (docs/store.md), kept by the triggers below
CREATE TABLE IF NOT EXISTS agg_dyad_day(
  date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,
  quad INTEGER NOT NULL, events INTEGER NOT NULL, goldstein_micro INTEGER NOT NULL,
  PRIMARY KEY(date, source, target, mode, quad)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agg_dyad_day_source ON agg_dyad_day(source);
CREATE TABLE IF NOT EXISTS agg_dyad_all(
  source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL, quad INTEGER NOT NULL,
  events INTEGER NOT NULL, goldstein_micro INTEGER NOT NULL,
  PRIMARY KEY(source, target, mode, quad)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_dyad_news(
  date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,
  news TEXT NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY(date, source, target, mode, news)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_place_day(
  date TEXT NOT NULL, place TEXT NOT NULL, country TEXT NOT NULL, lat REAL NOT NULL,
  lon REAL NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, mode TEXT NOT NULL,
  quad INTEGER NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY(date, place, country, lat, lon, source, target, mode, quad)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_counts(name TEXT PRIMARY KEY, n INTEGER NOT NULL)
  WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS agg_event_in AFTER INSERT ON events BEGIN
  INSERT INTO agg_dyad_day VALUES(coalesce(NEW.date, ''), NEW.source, NEW.target, NEW.mode,
    NEW.quad, 1, CAST(round(NEW.goldstein * 1000000) AS INTEGER)) ON CONFLICT DO UPDATE SET events = events + 1,
    goldstein_micro = goldstein_micro + excluded.goldstein_micro;
  INSERT INTO agg_dyad_all VALUES(NEW.source, NEW.target, NEW.mode, NEW.quad, 1,
    CAST(round(NEW.goldstein * 1000000) AS INTEGER)) ON CONFLICT DO UPDATE SET events = events + 1,
    goldstein_micro = goldstein_micro + excluded.goldstein_micro;
  INSERT INTO agg_dyad_news VALUES(coalesce(NEW.date, ''), NEW.source, NEW.target, NEW.mode,
    coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = NEW.doc_id), NEW.doc_id), 1) ON CONFLICT DO UPDATE SET events = events + 1;
  INSERT INTO agg_place_day SELECT coalesce(NEW.date, ''), coalesce(NEW.place, ''),
    coalesce(NEW.place_country, ''), NEW.lat, NEW.lon, NEW.source, NEW.target, NEW.mode,
    NEW.quad, 1 WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
    ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_event_out AFTER DELETE ON events BEGIN
  UPDATE agg_dyad_day SET events = events - 1,
    goldstein_micro = goldstein_micro - CAST(round(OLD.goldstein * 1000000) AS INTEGER)
    WHERE date = coalesce(OLD.date, '') AND source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad;
  DELETE FROM agg_dyad_day WHERE date = coalesce(OLD.date, '') AND source = OLD.source
    AND target = OLD.target AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;
  UPDATE agg_dyad_all SET events = events - 1,
    goldstein_micro = goldstein_micro - CAST(round(OLD.goldstein * 1000000) AS INTEGER)
    WHERE source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND quad = OLD.quad;
  DELETE FROM agg_dyad_all WHERE source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;
  UPDATE agg_dyad_news SET events = events - 1 WHERE date = coalesce(OLD.date, '')
    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND news = coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = OLD.doc_id), OLD.doc_id);
  DELETE FROM agg_dyad_news WHERE date = coalesce(OLD.date, '') AND source = OLD.source
    AND target = OLD.target AND mode = OLD.mode AND news = coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = OLD.doc_id), OLD.doc_id)
    AND events <= 0;
  UPDATE agg_place_day SET events = events - 1 WHERE date = coalesce(OLD.date, '')
    AND place = coalesce(OLD.place, '') AND country = coalesce(OLD.place_country, '')
    AND lat = OLD.lat AND lon = OLD.lon AND source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad;
  DELETE FROM agg_place_day WHERE date = coalesce(OLD.date, '') AND place = coalesce(OLD.place, '')
    AND country = coalesce(OLD.place_country, '') AND lat = OLD.lat AND lon = OLD.lon
    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND quad = OLD.quad AND events <= 0;
END;
CREATE TRIGGER IF NOT EXISTS agg_event_change AFTER UPDATE OF date, source, target, mode,
  quad, goldstein, doc_id, place, place_country, lat, lon ON events BEGIN
  UPDATE agg_dyad_day SET events = events - 1,
    goldstein_micro = goldstein_micro - CAST(round(OLD.goldstein * 1000000) AS INTEGER)
    WHERE date = coalesce(OLD.date, '') AND source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad;
  DELETE FROM agg_dyad_day WHERE date = coalesce(OLD.date, '') AND source = OLD.source
    AND target = OLD.target AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;
  UPDATE agg_dyad_all SET events = events - 1,
    goldstein_micro = goldstein_micro - CAST(round(OLD.goldstein * 1000000) AS INTEGER)
    WHERE source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND quad = OLD.quad;
  DELETE FROM agg_dyad_all WHERE source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad AND events <= 0;
  UPDATE agg_dyad_news SET events = events - 1 WHERE date = coalesce(OLD.date, '')
    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND news = coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = OLD.doc_id), OLD.doc_id);
  DELETE FROM agg_dyad_news WHERE date = coalesce(OLD.date, '') AND source = OLD.source
    AND target = OLD.target AND mode = OLD.mode AND news = coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = OLD.doc_id), OLD.doc_id)
    AND events <= 0;
  UPDATE agg_place_day SET events = events - 1 WHERE date = coalesce(OLD.date, '')
    AND place = coalesce(OLD.place, '') AND country = coalesce(OLD.place_country, '')
    AND lat = OLD.lat AND lon = OLD.lon AND source = OLD.source AND target = OLD.target
    AND mode = OLD.mode AND quad = OLD.quad;
  DELETE FROM agg_place_day WHERE date = coalesce(OLD.date, '') AND place = coalesce(OLD.place, '')
    AND country = coalesce(OLD.place_country, '') AND lat = OLD.lat AND lon = OLD.lon
    AND source = OLD.source AND target = OLD.target AND mode = OLD.mode
    AND quad = OLD.quad AND events <= 0;
  INSERT INTO agg_dyad_day VALUES(coalesce(NEW.date, ''), NEW.source, NEW.target, NEW.mode,
    NEW.quad, 1, CAST(round(NEW.goldstein * 1000000) AS INTEGER)) ON CONFLICT DO UPDATE SET events = events + 1,
    goldstein_micro = goldstein_micro + excluded.goldstein_micro;
  INSERT INTO agg_dyad_all VALUES(NEW.source, NEW.target, NEW.mode, NEW.quad, 1,
    CAST(round(NEW.goldstein * 1000000) AS INTEGER)) ON CONFLICT DO UPDATE SET events = events + 1,
    goldstein_micro = goldstein_micro + excluded.goldstein_micro;
  INSERT INTO agg_dyad_news VALUES(coalesce(NEW.date, ''), NEW.source, NEW.target, NEW.mode,
    coalesce((SELECT coalesce(d.source, d.id) FROM documents d WHERE d.id = NEW.doc_id), NEW.doc_id), 1) ON CONFLICT DO UPDATE SET events = events + 1;
  INSERT INTO agg_place_day SELECT coalesce(NEW.date, ''), coalesce(NEW.place, ''),
    coalesce(NEW.place_country, ''), NEW.lat, NEW.lon, NEW.source, NEW.target, NEW.mode,
    NEW.quad, 1 WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
    ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_doc_out BEFORE DELETE ON documents BEGIN
  DELETE FROM events WHERE doc_id = OLD.id;
  UPDATE agg_counts SET n = n - 1
    WHERE name = CASE WHEN OLD.duplicate_of IS NULL THEN 'documents' ELSE 'duplicates' END;
END;
CREATE TRIGGER IF NOT EXISTS agg_doc_in AFTER INSERT ON documents BEGIN
  INSERT INTO agg_counts VALUES(CASE WHEN NEW.duplicate_of IS NULL THEN 'documents'
    ELSE 'duplicates' END, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_sentence_in AFTER INSERT ON sentences BEGIN
  INSERT INTO agg_counts VALUES('sentences', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS agg_sentence_out AFTER DELETE ON sentences BEGIN
  UPDATE agg_counts SET n = n - 1 WHERE name = 'sentences';
END;
