-- agg_check.sql - the aggregates of a store (schema version 3, src/store/agg.c)
-- made again from its events, documents and sentences and compared with
-- those it holds: prints the number of rows that differ (0 when they agree).
-- usage: sqlite3 STORE < test/agg_check.sql
WITH
day AS (SELECT coalesce(date, '') AS date, source, target, mode, quad, count(*) AS events,
               sum(CAST(round(goldstein * 1000000) AS INTEGER)) AS g FROM events GROUP BY 1, 2, 3, 4, 5),
alltime AS (SELECT source, target, mode, quad, count(*) AS events,
                   sum(CAST(round(goldstein * 1000000) AS INTEGER)) AS g FROM events GROUP BY 1, 2, 3, 4),
news AS (SELECT coalesce(e.date, '') AS date, e.source, e.target, e.mode,
                coalesce(d.source, d.id, e.doc_id) AS news, count(*) AS events
         FROM events e LEFT JOIN documents d ON d.id = e.doc_id GROUP BY 1, 2, 3, 4, 5),
place AS (SELECT coalesce(date, '') AS date, coalesce(place, '') AS place, coalesce(place_country, '') AS country,
                 lat, lon, source, target, mode, quad, count(*) AS events FROM events
          WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9),
counts AS (SELECT 'documents' AS name, count(*) AS n FROM documents WHERE duplicate_of IS NULL
           UNION ALL SELECT 'duplicates', count(*) FROM documents WHERE duplicate_of IS NOT NULL
           UNION ALL SELECT 'sentences', count(*) FROM sentences),
stored_counts AS (SELECT c.name, coalesce((SELECT n FROM agg_counts a WHERE a.name = c.name), 0) AS n FROM counts c)
SELECT (SELECT count(*) FROM (SELECT * FROM day EXCEPT SELECT * FROM agg_dyad_day))
     + (SELECT count(*) FROM (SELECT * FROM agg_dyad_day EXCEPT SELECT * FROM day))
     + (SELECT count(*) FROM (SELECT * FROM alltime EXCEPT SELECT * FROM agg_dyad_all))
     + (SELECT count(*) FROM (SELECT * FROM agg_dyad_all EXCEPT SELECT * FROM alltime))
     + (SELECT count(*) FROM (SELECT * FROM news EXCEPT SELECT * FROM agg_dyad_news))
     + (SELECT count(*) FROM (SELECT * FROM agg_dyad_news EXCEPT SELECT * FROM news))
     + (SELECT count(*) FROM (SELECT * FROM place EXCEPT SELECT * FROM agg_place_day))
     + (SELECT count(*) FROM (SELECT * FROM agg_place_day EXCEPT SELECT * FROM place))
     + (SELECT count(*) FROM (SELECT * FROM counts EXCEPT SELECT * FROM stored_counts));
