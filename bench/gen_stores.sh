#!/bin/sh
# gen_stores.sh - write K synthetic entente stores of N events each into
# DIR (store-0.sqlite ...), deterministically (the same bytes of content on
# every run), for the merge benchmark of bench/scale.sh: per store N/4
# documents of 4 sentences, one event and two actor mentions per sentence,
# a MinHash signature per document (distinct per document, except that
# document n of every store with n % 1000 = 0 shares its signature with
# the same document of store 0, so the merge finds K-1 near-duplicates of
# each across stores), and ordinals interleaved as shards' are. The stores
# are at schema version 2 (no aggregates): entente makes them on the first
# open for writing (bench/serve.sh), the merge from the merged events.
# usage: sh bench/gen_stores.sh ENTENTE DIR K N
set -eu
E=$1 DIR=$2 K=$3 N=$4
mkdir -p "$DIR"
D=$((N / 4))
# a store with entente's own schema (and indexes), emptied
printf '{"id": "x", "text": "Iran met Iraq."}\n' | "$E" code - --stdin-format jsonl --db "$DIR/template.sqlite" \
    -f none -q --no-progress --parser none 2>/dev/null || true
# as schema version 2 had it (no aggregates, no triggers: the rows go in
# fast), so entente builds the aggregates when it next opens a store for
# writing (docs/store.md); the merge makes its own
sqlite3 "$DIR/template.sqlite" "DELETE FROM events; DELETE FROM actors; DELETE FROM sentences;
    DELETE FROM doc_minhash; DELETE FROM documents;
    SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'" |
    grep '^DROP' | sqlite3 "$DIR/template.sqlite"
sqlite3 "$DIR/template.sqlite" "SELECT 'DROP TABLE ' || name || ';' FROM sqlite_master
    WHERE type = 'table' AND name LIKE 'agg_%'" | sqlite3 "$DIR/template.sqlite"
sqlite3 "$DIR/template.sqlite" "UPDATE meta SET value = '2' WHERE key = 'schema_version'; VACUUM;"
# the signature: 64 four-byte values made from the key (hex digits)
sig=""
for j in $(seq 0 63); do
    sig="$sig${sig:+ || }printf('%04x', ((key + $((j * 7919))) * $((2 * j + 40503)) % 2147483647) % 65536)"
done
for k in $(seq 0 $((K - 1))); do
    f="$DIR/store-$k.sqlite"
    rm -f "$f"
    cp "$DIR/template.sqlite" "$f"
    sqlite3 "$f" > /dev/null <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-200000;
BEGIN;
WITH RECURSIVE n(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM n WHERE v + 1 < $D)
INSERT INTO documents(id, path, line, title, url, source, date, date_source, text, invalid_bytes, coded_at)
SELECT 's$k-d' || v, 'gen/store-$k.jsonl', v + 1, 'Title ' || v, NULL, 'outlet' || (v % 50),
       date('2020-01-01', '+' || (v % 1500) || ' days'), 'document',
       'Document ' || v || ' of store $k: the parties met and talked about the border today.', 0,
       '2026-01-01T00:00:00Z' FROM n;
INSERT INTO doc_minhash SELECT id, seq, CAST($sig AS BLOB) FROM (SELECT id,
       CAST(substr(id, instr(id, '-d') + 2) AS INTEGER) * $K + $k AS seq,
       CASE WHEN CAST(substr(id, instr(id, '-d') + 2) AS INTEGER) % 1000 = 0
            THEN CAST(substr(id, instr(id, '-d') + 2) AS INTEGER)
            ELSE CAST(substr(id, instr(id, '-d') + 2) AS INTEGER) + 1000000 * ($k + 1) END AS key
       FROM documents);
WITH RECURSIVE n(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM n WHERE v + 1 < $N)
INSERT INTO sentences SELECT 's$k-d' || (v / 4), v % 4, (v % 4) * 80, (v % 4) * 80 + 79,
       'Sentence ' || (v % 4) || ' of document ' || (v / 4) || ' in store $k says the parties met today.', 0 FROM n;
WITH RECURSIVE n(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM n WHERE v + 1 < $N)
INSERT INTO events(doc_id, sentence, date, source, source_text, target, target_text, code, root, quad,
       goldstein, plover, mode, evidence, date_rule, date_text, scheduled)
SELECT 's$k-d' || (v / 4), v % 4, date('2020-01-01', '+' || ((v / 4) % 1500) || ' days'),
       substr('IRNUSARUSTURSYRISRGBRFRA', 1 + 3 * (v % 8), 3), 'Actor', substr('USARUSTURSYRISRGBRFRAIRN', 1 + 3 * (v % 7), 3),
       'Other', substr('0400420430510571111121901730', 1 + 4 * (v % 7), 3), substr('040405051119', 1 + 2 * (v % 6), 2),
       1 + v % 4, (v % 21) - 10.0, 'CONSULT', 'asserted', 'pattern verbs.txt:1', 'document', '', 0 FROM n;
WITH RECURSIVE n(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM n WHERE v + 1 < 2 * $N)
INSERT INTO actors SELECT 's$k-d' || (v / 8), (v / 2) % 4, (v % 2) * 20, (v % 2) * 20 + 6,
       substr('IRNUSARUSTURSYRISRGBRFRA', 1 + 3 * (v % 8), 3), 'Actor', 'country', 'actors.txt:1' FROM n;
COMMIT;
SQL
done
rm -f "$DIR/template.sqlite"
