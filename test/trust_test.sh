#!/bin/sh
# trust_test.sh - data people can trust (issue 14): no silent loss or
# bending of data. Document ids, undated documents, dictionaries that fail
# loudly, pathological HTML and big documents, the store under a second
# writer and a full disk, symlink loops, escaped messages, the output
# formats (CSV, GeoJSON, event_id) and the command line. Needs jq, sqlite3.
# Prints "N passed, N failed".
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
E="$BUILD/entente"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else no "$d"; fi
}
n() { jq -c "select($2)" "$1" | wc -l; }

# ---- document ids: unique and exact ----
mkdir -p "$T/ids/x" "$T/ids/y"
echo "Iran criticized Russia." > "$T/ids/x/report.txt"
echo "Iran criticized Russia." > "$T/ids/y/report.txt"
echo "<p>Iran criticized Russia.</p>" > "$T/ids/x/report.html"
printf '{"id":12345678901234567891,"text":"Iran criticized Russia."}\n{"id":12345678901234567892,"text":"Iran criticized Israel."}\n{"id":0.4,"text":"Iran criticized Turkey."}\n{"id":1e400,"text":"Iran criticized Syria."}\n{"id":"a","text":"Syria criticized Turkey."}\n{"id":"a","text":"Turkey criticized Iraq."}\n' > "$T/ids/n.jsonl"
"$E" code "$T/ids" --date 2016-01-01 --no-dedup --db "$T/ids.sqlite" > "$T/ids.jsonl" 2> "$T/ids.err"
rc=$?
check "ids: files under a folder keep their relative path and extension" [ "$(jq -r .doc "$T/ids.jsonl" | tail -3 | tr '\n' ' ')" = "x/report.html x/report.txt y/report.txt " ]
check "ids: JSON number ids keep their text" [ "$(jq -r .doc "$T/ids.jsonl" | head -4 | tr '\n' ' ')" = "12345678901234567891 12345678901234567892 0.4 1e400 " ]
check "ids: a taken id is reported with file and line" grep -q "n.jsonl:6: document id 'a' was already used" "$T/ids.err"
check "ids: ... and coded under a new id" [ "$(n "$T/ids.jsonl" '.doc=="a~2"')" -eq 1 ]
check "ids: ... and counted in the summary" grep -q "1 document id already used" "$T/ids.err"
check "ids: ... exit status 1" [ $rc -eq 1 ]
check "ids: the store keeps every document" [ "$(sqlite3 "$T/ids.sqlite" 'select count(*) from documents')" = 9 ]

# ---- undated documents: no invented dates ----
printf 'Russia attacked Aleppo on November 23. Iran condemned Israel.\n' > "$T/nodate.txt"
"$E" code "$T/nodate.txt" --db "$T/u.sqlite" > "$T/nd.jsonl" 2> "$T/nd.err"
rc=$?
check "undated: date null, date_source none" [ "$(n "$T/nd.jsonl" '.date==null and .doc_date==null and .date_source=="none" and .date_rule=="none"')" -eq 2 ]
check "undated: 'on November 23' gets no year" [ "$(n "$T/nd.jsonl" '.date!=null')" -eq 0 ]
check "undated: a warning names the file" grep -q "nodate.txt: no date in the document" "$T/nd.err"
check "undated: the summary counts documents and events" grep -q "1 document had no date .*: 2 events undated" "$T/nd.err"
check "undated: exit status 0 (nothing skipped)" [ $rc -eq 0 ]
check "undated: stored with a NULL date" [ "$(sqlite3 "$T/u.sqlite" 'select count(*) from events where date is null')" = 2 ]
"$E" code "$T/nodate.txt" --date-from-file > "$T/ndf.jsonl" 2>/dev/null
check "--date-from-file: the file's date, said so" [ "$(n "$T/ndf.jsonl" '.date_source=="file" and .doc_date!=null')" -eq 2 ]
echo '{"id":"s","text":"Iran condemned Israel."}' | "$E" code - --stdin-format jsonl > "$T/nds.jsonl" 2>/dev/null
check "undated: stdin JSONL gets no run date" [ "$(n "$T/nds.jsonl" '.date==null and .date_source=="none"')" -eq 1 ]
"$E" report --db "$T/u.sqlite" --out "$T/u.html" 2> "$T/rep.err"
check "report: its summary line counts the undated events" grep -q "2 events in the store, 2 of them undated" "$T/rep.err"

# ---- dictionaries fail loudly ----
D="$T/dict"
mkdir -p "$D"
cp data/*.txt data/*.tsv "$D/"
ln -s "$(pwd)/data/en.syntax" "$D/"
echo "Iran criticized Russia." > "$T/one.txt"
: > "$D/verbs.txt"
"$E" code --dict "$D" "$T/one.txt" --date 2016-01-01 -q > /dev/null 2> "$T/d1.err"
check "dict: an empty verbs.txt is an error, exit 2" [ $? -eq 2 ]
check "dict: ... naming the file, even with -q" grep -q "verbs.txt: error: no entries" "$T/d1.err"
cp data/verbs.txt "$D/"
rm "$D/countries.gen.txt"
"$E" code --dict "$D" "$T/one.txt" --date 2016-01-01 > /dev/null 2> "$T/d2.err"
check "dict: a missing countries.gen.txt is an error, exit 2" [ $? -eq 2 ]
check "dict: ... naming the file" grep -q "countries.gen.txt: error: cannot read dictionary" "$T/d2.err"
cp data/countries.gen.txt "$D/"
{ head -c 2000 data/verbs.txt | sed '$d'; yes "garbage line" | head -n 400; } > "$D/verbs.txt"
"$E" code --dict "$D" "$T/one.txt" --date 2016-01-01 > /dev/null 2> "$T/d3.err"
check "dict: far fewer entries than lines is an error, exit 2" [ $? -eq 2 ]
check "dict: ... saying how many loaded" grep -q "verbs.txt: error: only [0-9]* of its [0-9]* lines loaded" "$T/d3.err"
cp data/verbs.txt "$D/"
{ cat data/places.gen.tsv; printf 'Bad row\tonly two\n'; } > "$D/places.gen.tsv"
"$E" code --dict "$D" "$T/one.txt" --date 2016-01-01 -f none 2> "$T/d4.err"
check "gazetteer: a skipped row exits 1" [ $? -eq 1 ]
check "gazetteer: ... is reported with its line" grep -q "places.gen.tsv:[0-9]*: 1 gazetteer row skipped" "$T/d4.err"
check "gazetteer: ... and counted in the summary" grep -q "1 dictionary or gazetteer line skipped" "$T/d4.err"
P="$SHARED/peers/petrarch2"
if [ -f "$P/Phoenix.agents.txt" ]; then
    { head -n 1000 "$P/Phoenix.agents.txt"; echo "<!-- never closed"; tail -n +1001 "$P/Phoenix.agents.txt"; } > "$T/ag.txt"
    "$E" code --dict-format petrarch --verbs "$P/CAMEO.2.0.txt" --actors "$P/Phoenix.Countries.actors.txt" \
        --agents "$T/ag.txt" "$T/one.txt" --date 2016-01-01 -q > /dev/null 2> "$T/d5.err"
    check "petrarch: an unclosed <!-- that swallows most of a file is fatal, exit 2" [ $? -eq 2 ]
    check "petrarch: ... an error at the comment's file:line" grep -q "ag.txt:1001: error: unclosed <!-- comment" "$T/d5.err"
fi

# ---- pathological HTML: nesting bounded before gumbo ----
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>";
             printf "<p>Iran criticized Russia.</p>"; for (i = 0; i < 100000; i++) printf "</div>";
             print "</body></html>" }' > "$T/deep.html"
awk 'BEGIN { printf "<html><head><script>for(i=0;i<n;i++){a<b}</script></head><body>";
             for (i = 0; i < 150; i++) printf "<div>"; printf "<ul>";
             for (i = 0; i < 5000; i++) printf "<li>item<br>"; printf "</ul><p>Iran criticized Israel.</p>";
             for (i = 0; i < 150; i++) printf "</div>"; print "</body></html>" }' > "$T/wide.html"
printf '{"id":"dj","html":"%s"}\n' "$(cat "$T/deep.html")" > "$T/deep.jsonl"
timeout 120 "$E" code "$T/deep.html" "$T/wide.html" "$T/deep.jsonl" --date 2016-01-01 --parser none > "$T/deep.out" 2> "$T/deep.err"
rc=$?
check "deep HTML: skipped with a message naming the file (not a hang)" grep -q "deep.html: skipped: nested too deeply" "$T/deep.err"
check "deep HTML: in a JSONL html field too, with its line" grep -q "deep.jsonl:1: skipped: nested too deeply" "$T/deep.err"
check "deep HTML: counted in the summary, exit 1" sh -c "grep -q 'skipped: 2 nested too deeply' '$T/deep.err' && [ $rc -eq 1 ]"
check "deep HTML: a wide page with scripts and unclosed <li> is coded" [ "$(n "$T/deep.out" '.doc=="wide.html" and .target.code=="ISR"')" -ge 1 ]

# ---- a big single document: coded in parts, memory bounded ----
awk 'BEGIN { printf "{\"id\":\"big\",\"date\":\"2016-12-01\",\"text\":\"";
             for (i = 0; i < 110000; i++) printf "Russian jets struck rebel positions near Aleppo on day %d, a monitor said. Iran condemned the raid. \\n\\n", i;
             print "\"}" }' > "$T/big.jsonl"
bigmb=$(( $(wc -c < "$T/big.jsonl") / 1000000 ))
"$E" code "$T/big.jsonl" --parser none -f none --no-dedup 2> "$T/big.err"
rc=$?
peak=$(sed -n 's/.*, \([0-9]*\) MB peak.*/\1/p' "$T/big.err")
check "big document: reported as coded in parts, with its ids" grep -q "big.jsonl:1: a document of [0-9]* bytes of text: coded in parts .*'big#part2'" "$T/big.err"
check "big document: every part coded, nothing lost (exit 0)" sh -c "[ $rc -eq 0 ] && grep -q '^entente: 1[0-9] documents coded, 0 skipped' '$T/big.err'"
# ASan's quarantine and shadow memory dwarf the coder's own: the bound is
# the plain build's (SANFLAGS is set by make SANITIZE=...)
if [ -z "${SANFLAGS:-}" ]; then
    check "big document: peak memory at most 10 times the document ($bigmb MB doc, ${peak:-?} MB peak)" [ "${peak:-99999}" -le $((10 * bigmb)) ]
fi

# ---- the store: a second writer, a full file, a killed writer ----
J="$SHARED/corpora/fakes-syria.jsonl"
[ -f "$J" ] || J="$SHARED/seeds/"
"$E" code "$J" --date 2016-01-01 --parser none --db "$T/c.sqlite" -f none -q --batch 10 2> "$T/c1.err" &
p1=$!
sleep 0.05
"$E" code "$SHARED/seeds/" --date 2016-01-01 --parser none --db "$T/c.sqlite" -f none -q 2> "$T/c2.err"
rc2=$?
wait $p1
check "store: a second concurrent writer waits for the first (not 'database is locked')" \
    sh -c "[ $rc2 -eq 0 ] && ! grep -q locked '$T/c2.err' && grep -q 'stored in' '$T/c2.err'"
check "store: ... and both runs are stored" [ "$(sqlite3 "$T/c.sqlite" "select count(*) from documents where id like '00%_%.txt'")" = 5 ]
check "store: no WAL mode left behind" [ "$(sqlite3 "$T/c.sqlite" 'pragma journal_mode')" = delete ]
# 400 blocks of 512 bytes (sh): room for the empty store of schema version
# 3 (about 120 KB: its tables, indexes and triggers), not for the documents
(ulimit -f 400; "$E" code "$J" --date 2016-01-01 --parser none --db "$T/f.sqlite" -f none -q) 2> "$T/f.err"
rc=$?
check "store: a file over ulimit -f is an error (exit 2), not death by SIGXFSZ" [ $rc -eq 2 ]
check "store: ... the summary does not say 'stored'" sh -c "! grep -q 'entente: stored in' '$T/f.err' && grep -q 'NOT completely stored' '$T/f.err'"
check "store: ... and the store is intact" [ "$(sqlite3 "$T/f.sqlite" 'pragma integrity_check')" = ok ]
"$E" code "$SHARED/seeds/" --date 2016-01-01 --parser none -o /dev/full -q 2> "$T/full.err"
check "output: a full device is an error (exit 2) and not 'written'" \
    sh -c "[ $? -eq 2 ] || true; grep -q 'error writing /dev/full' '$T/full.err' && ! grep -q 'events written to' '$T/full.err'"
"$E" code "$SHARED/seeds/" --date 2016-01-01 --parser none -o /dev/full -q 2>/dev/null
check "output: ... exit status 2" [ $? -eq 2 ]
for i in 1 2 3 4; do cat "$J"; done > "$T/many.jsonl"
"$E" code "$T/many.jsonl" --date 2016-01-01 --parser none --no-dedup --db "$T/k.sqlite" -f none -q --batch 50 2>/dev/null &
pk=$!
# killed once a batch is stored (not after a fixed second: a loaded
# machine may not have stored one by then), or after 20 s
for i in $(seq 100); do
    n=$(sqlite3 "$T/k.sqlite" 'select count(*) from documents' 2>/dev/null || echo 0)
    [ "${n:-0}" -ge 50 ] && break
    sleep 0.2
done
kill -9 $pk 2>/dev/null
wait $pk 2>/dev/null
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null 2>&1; then
    # a user who may only read the store and not write its folder
    chmod 755 "$T"
    chmod 644 "$T"/k.sqlite*
    setpriv --reuid=65534 --regid=65534 --clear-groups "$E" dyads --db "$T/k.sqlite" > "$T/k.csv" 2> "$T/kro.err"
    check "store: after kill -9 of a writer a read-only user reads it, exit 0" sh -c "[ $? -eq 0 ] && [ \$(wc -l < '$T/k.csv') -gt 1 ]"
    chmod 700 "$T"
fi
"$E" report --db "$T/k.sqlite" --out "$T/k.html" 2> "$T/k.err"
check "store: after kill -9 of a writer a reader opens it" [ $? -eq 0 ]
check "store: ... intact, whole batches only" sh -c \
    "[ \"\$(sqlite3 '$T/k.sqlite' 'pragma integrity_check')\" = ok ] && [ \$((\$(sqlite3 '$T/k.sqlite' 'select count(*) from documents') % 50)) -eq 0 ]"

check "store: ... left in rollback-journal mode, not WAL" [ "$(sqlite3 "$T/k.sqlite" 'pragma journal_mode')" = delete ]
# a writer holding the store's write lock (BEGIN IMMEDIATE) for 2 s: a
# second writer waits for it from its first statement on (busy timeout
# set before the schema is read), it does not fail with "database is locked"
"$E" code "$SHARED/seeds/" --date 2016-01-01 --parser none --db "$T/w.sqlite" -f none -q 2>/dev/null
/usr/bin/python3 -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
time.sleep(2)
c.execute('COMMIT')
" "$T/w.sqlite" "$T/w.locked" &
pl=$!
for _ in $(seq 1 100); do [ -f "$T/w.locked" ] && break; sleep 0.05; done
t0=$(date +%s)
"$E" code "$T/one.txt" --date 2016-01-01 --parser none --db "$T/w.sqlite" -f none -q 2> "$T/w.err"
rc=$?
t1=$(date +%s)
wait $pl
check "store: a writer that finds the lock held waits for it, exit 0" sh -c "[ $rc -eq 0 ] && ! grep -q locked '$T/w.err'"
check "store: ... it did wait (the lock was held), then stored" sh -c \
    "[ $((t1 - t0)) -ge 1 ] && [ \"\$(sqlite3 '$T/w.sqlite' \"select count(*) from documents where id = 'one.txt'\")\" = 1 ]"
# a store some writer left in WAL mode with its -wal file (killed before
# closing): a read-only command opens it, and leaves it readable read-only
cp "$T/w.sqlite" "$T/wal.sqlite"
/usr/bin/python3 -c "
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('PRAGMA journal_mode=WAL')
c.execute(\"UPDATE documents SET title = 'wal' WHERE id = 'one.txt'\")
os._exit(0)
" "$T/wal.sqlite"
check "store: (the WAL store has its -wal file)" [ -s "$T/wal.sqlite-wal" ]
"$E" dyads --db "$T/wal.sqlite" > /dev/null 2> "$T/wal.err"
check "store: a read-only command opens a store left in WAL mode, exit 0" [ $? -eq 0 ]
check "store: ... and it reads the last commit, read-only" /usr/bin/python3 -c "
import sqlite3
c = sqlite3.connect('file:$T/wal.sqlite?mode=ro', uri=True)
assert c.execute(\"select title from documents where id = 'one.txt'\").fetchone()[0] == 'wal'
"
# upgrading: the documented command (docs/store.md) opens a version-2 store
# for writing, upgrades it, codes nothing and exits 0
cp "$T/w.sqlite" "$T/v2.sqlite"
sqlite3 "$T/v2.sqlite" "DROP TRIGGER agg_event_in; DROP TRIGGER agg_event_out; DROP TRIGGER agg_doc_out;
    DROP TRIGGER agg_event_change; DROP TRIGGER agg_doc_in; DROP TRIGGER agg_sentence_in;
    DROP TRIGGER agg_sentence_out; DROP TABLE agg_dyad_day; DROP TABLE agg_dyad_all;
    DROP TABLE agg_dyad_news; DROP TABLE agg_place_day; DROP TABLE agg_counts;
    UPDATE meta SET value = '2' WHERE key = 'schema_version'"
"$E" code --db "$T/v2.sqlite" > "$T/v2.out" 2> "$T/v2.err"
check "store: 'code --db F' with no input upgrades a version-2 store, exit 0" [ $? -eq 0 ]
check "store: ... to version 3, its aggregates made from its events" [ \
    "$(sqlite3 "$T/v2.sqlite" "select (select value from meta where key = 'schema_version') || ' ' || (select n from agg_counts where name = 'documents') || ' ' || (select sum(events) from agg_dyad_all)")" = \
    "3 $(sqlite3 "$T/v2.sqlite" 'select count(*) from documents') $(sqlite3 "$T/v2.sqlite" 'select count(*) from events')" ]
check "store: ... nothing coded, said so" sh -c "[ ! -s '$T/v2.out' ] && grep -q '^entente: 0 documents coded, 0 skipped' '$T/v2.err'"
"$E" code > /dev/null 2>&1
check "store: 'code' with neither input nor --db is still a usage error, exit 2" [ $? -eq 2 ]

# ---- empty documents and blank lines: counted plainly ----
printf '{"id":"e1","text":""}\n\n{"id":"e2","text":"Iran criticized Russia."}\n' > "$T/empty.jsonl"
"$E" code "$T/empty.jsonl" --date 2016-01-01 -f none 2> "$T/empty.err"
rc=$?
check "empty text: the document is named with its line as skipped, empty" grep -q "empty.jsonl:1: skipped: empty" "$T/empty.err"
check "empty text: ... counted in the summary as 1 skipped, 1 empty" sh -c \
    "grep -q '^entente: 1 document coded, 1 skipped;' '$T/empty.err' && grep -q '^entente: skipped: 1 empty\$' '$T/empty.err'"
check "empty text: ... exit status 1 (a document was not coded)" [ $rc -eq 1 ]
check "blank line: no document, not named" sh -c "! grep -q 'empty.jsonl:2' '$T/empty.err'"
printf '\n{"id":"e2","text":"Iran criticized Russia."}\n\n' > "$T/blank.jsonl"
"$E" code "$T/blank.jsonl" --date 2016-01-01 -f none 2> "$T/blank.err"
rc=$?
check "blank lines only: 0 skipped, exit status 0" sh -c "[ $rc -eq 0 ] && grep -q '^entente: 1 document coded, 0 skipped;' '$T/blank.err'"

# ---- symlink loops; terminal escapes in messages ----
mkdir -p "$T/loop/a"
echo "Iran criticized Russia." > "$T/loop/a/one.txt"
ln -s .. "$T/loop/a/up"
ln -s one.txt "$T/loop/a/two.txt"
timeout 60 "$E" code "$T/loop" --date 2016-01-01 > "$T/loop.jsonl" 2> "$T/loop.err"
rc=$?
check "symlinks: a loop and a second link code the file once" [ "$(jq -r .doc "$T/loop.jsonl" | tr '\n' ' ')" = "a/one.txt " ]
check "symlinks: the second link is named" grep -q "two.txt: the same file as one read before" "$T/loop.err"
check "symlinks: nothing lost, exit 0" [ $rc -eq 0 ]
esc=$(printf '\033')
printf '{"id":"x\\u001b[31mred\\u0007","text":"Iran met Iraq."}\n{"id":"x\\u001b[31mred\\u0007","text":"Iran met Syria."}\n' > "$T/e${esc}[2J.jsonl"
"$E" code "$T/e${esc}[2J.jsonl" --date 2016-01-01 -f none 2> "$T/esc.err"
check "messages: no raw escape byte from the input reaches the terminal" sh -c "! grep -q \"\$(printf '\\033')\" '$T/esc.err'"
check "messages: ... they are printed escaped" grep -q 'e\\x1b\[2J.jsonl:2: document id .x\\x1b\[31mred\\x07' "$T/esc.err"

# ---- formats users load: CSV, TSV, GeoJSON, event_id, split actors ----
S="$SHARED/seeds/"
printf '{"id":"u1","date":"2016-12-20","url":"https://example.org/a?x=1,2","source":"Reuters, London","title":"T","text":"Russian jets struck rebels in Aleppo, Syria. Iran said \\"no\\" to Turkey.\\nThe army of Syria shelled Idlib."}\n' > "$T/u.jsonl"
"$E" code "$S" "$T/u.jsonl" --date 2016-12-23 > "$T/f.jsonl" 2>/dev/null
"$E" code "$S" "$T/u.jsonl" --date 2016-12-23 -f csv -o "$T/f.csv" 2>/dev/null
"$E" code "$S" "$T/u.jsonl" --date 2016-12-23 -f tsv -o "$T/f.tsv" 2>/dev/null
"$E" code "$S" "$T/u.jsonl" --date 2016-12-23 -f geojson -o "$T/f.geojson" --db "$T/f.sqlite" 2>/dev/null
"$E" code "$T/u.jsonl" --date 2016-12-23 > "$T/alone.jsonl" 2>/dev/null
nev=$(wc -l < "$T/f.jsonl")
PY=/usr/bin/python3
check "csv: python's csv module reads one row per event, every field, with the header" "$PY" -c "
import csv, json, sys
rows = list(csv.DictReader(open('$T/f.csv', newline='')))
lines = [json.loads(l) for l in open('$T/f.jsonl')]
assert len(rows) == len(lines) == $nev > 0
for r, j in zip(rows, lines):
    assert None not in r and len(r) == 38, r
    assert r['event_id'] == j['event_id'] and r['code'] == j['code'] and r['text'] == j['text']
    assert r['doc_url'] == (j['doc_url'] or '') and r['doc_source'] == (j['doc_source'] or '')
"
check "csv: a field with commas, quotes and line breaks survives" "$PY" -c "
import csv
rows = [r for r in csv.DictReader(open('$T/f.csv', newline='')) if r['doc'] == 'u1']
assert rows and all(r['doc_source'] == 'Reuters, London' and r['doc_url'] == 'https://example.org/a?x=1,2' for r in rows)
"
if "$PY" -c "import pandas" 2>/dev/null; then
    check "csv: pandas reads every row, codes as strings with the documented dtype" "$PY" -c "
import pandas as pd
d = pd.read_csv('$T/f.csv', dtype={'code': str, 'root': str, 'event_id': str})
assert len(d) == $nev and d['code'].str.match(r'^[0-9]{2,4}\$').all() and (d['code'].str.len() >= 3).any()
assert d['event_id'].is_unique
"
    check "tsv: pandas reads every row as documented (backslash escapes)" "$PY" -c "
import pandas as pd, csv
d = pd.read_csv('$T/f.tsv', sep='\t', quoting=csv.QUOTE_NONE, escapechar='\\\\', dtype=str, keep_default_na=False)
assert len(d) == $nev, len(d)
"
    check "store: the documented pandas recipe loads events with their documents" "$PY" -c "
import sqlite3, pandas as pd
con = sqlite3.connect('file:$T/f.sqlite?mode=ro', uri=True)
ev = pd.read_sql_query('SELECT e.*, d.url, d.source AS outlet FROM events e JOIN documents d ON d.id = e.doc_id', con)
assert len(ev) == $nev and ev['code'].map(type).eq(str).all() and ev['event_id'].notna().all()
"
fi
check "event_id: the same in JSON, CSV and the store" sh -c \
    "[ \"\$(jq -r .event_id '$T/f.jsonl' | sort | tr '\n' ' ')\" = \"\$(sqlite3 '$T/f.sqlite' 'select event_id from events order by event_id' | tr '\n' ' ')\" ]"
check "event_id: unique, 16 hex digits" sh -c \
    "[ \$(jq -r .event_id '$T/f.jsonl' | grep -c '^[0-9a-f]\{16\}\$') -eq $nev ] && [ \$(jq -r .event_id '$T/f.jsonl' | sort -u | wc -l) -eq $nev ]"
check "event_id: a document coded alone or among others gets the same ids (shards)" sh -c \
    "[ \"\$(jq -r 'select(.doc==\"u1\") | .event_id' '$T/f.jsonl')\" = \"\$(jq -r .event_id '$T/alone.jsonl')\" ]"
check "json: url and source of the document in each event" [ "$(n "$T/f.jsonl" '.doc=="u1" and .doc_url=="https://example.org/a?x=1,2" and .doc_source=="Reuters, London"')" -ge 1 ]
check "json: codes are strings" [ "$(n "$T/f.jsonl" '(.code|type)!="string" or (.root|type)!="string" or (.source.code|type)!="string"')" -eq 0 ]
check "json: actors split: country and agent" [ "$(n "$T/f.jsonl" '.source.code=="RUSMIL" and .source.country=="RUS" and .source.agent=="MIL"')" -ge 1 ]
check "json: actors split: the canonical dictionary name" [ "$(n "$T/f.jsonl" '.source.code=="RUS" and .source.name=="Russia"')" -ge 1 ]
check "json: PLOVER event type, mode and context beside CAMEO" [ "$(n "$T/f.jsonl" '.code=="111" and .plover_event_type=="ACCUSE" and .plover_mode=="disapprove"')" -ge 1 ]
check "json: PLOVER context where CAMEO2PLOVER gives one" [ "$(n "$T/f.jsonl" '.plover_context != null')" -ge 1 ]
check "json: roots 01-02 say PLOVER 'none' explicitly" [ "$(n "$T/f.jsonl" '(.root=="01" or .root=="02") and .plover_event_type!="none"')" -eq 0 ]
printf 'Iran appealed to Russia for help.\n\nIran urged Russia to stop the attacks.\n\nIran commented on Russia.\n' > "$T/r0102.txt"
"$E" code "$T/r0102.txt" --date 2016-12-23 > "$T/r0102.jsonl" 2>/dev/null
"$E" code "$T/r0102.txt" --date 2016-12-23 -f csv -o "$T/r0102.csv" 2>/dev/null
check "plover: roots 01 and 02 are coded here (the check above is not empty)" \
    [ "$(jq -r .root "$T/r0102.jsonl" | sort -u | tr '\n' ' ')" = "01 02 " ]
check "plover: ... each says event type 'none', no category, in JSON" [ "$(n "$T/r0102.jsonl" '.plover_event_type=="none" and .plover==""')" -eq "$(wc -l < "$T/r0102.jsonl")" ]
check "plover: ... and in CSV" "$PY" -c "
import csv
rows = list(csv.DictReader(open('$T/r0102.csv', newline='')))
assert len(rows) >= 3 and all(r['plover_event_type'] == 'none' and r['root'] in ('01', '02') for r in rows)
"
check "geojson: a FeatureCollection of Points [lon, lat], one per placed event" sh -c \
    "[ \"\$(jq -r '.type' '$T/f.geojson')\" = FeatureCollection ] && [ \$(jq '[.features[] | select(.geometry.type==\"Point\" and (.geometry.coordinates|length)==2)] | length' '$T/f.geojson') -eq \$(jq -c 'select(.place!=null)' '$T/f.jsonl' | wc -l) ] && [ \$(jq '.features|length' '$T/f.geojson') -ge 1 ]"
check "geojson: coordinates are [lon, lat] of the place" [ "$(jq -c '.features[] | select(.properties.place=="Aleppo") | .geometry.coordinates | (.[0] > 36 and .[0] < 38 and .[1] > 35 and .[1] < 37)' "$T/f.geojson" | sort -u)" = true ]
"$E" code "$S" --date 2016-12-23 --format xml > /dev/null 2> "$T/fx.err"
check "--format xml: a usage error, exit 2" [ $? -eq 2 ]

# ---- one command line: the same option syntax, help and exit status everywhere ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 -j1 > "$T/o1.jsonl" 2>/dev/null
for form in "-j 1" "--jobs=2" "--jobs 2" "-j2"; do
    # shellcheck disable=SC2086
    "$E" code "$SHARED/seeds/" --date=2016-12-23 $form > "$T/o2.jsonl" 2>/dev/null
    check "options: $form takes its value, same output as -j1" cmp -s "$T/o1.jsonl" "$T/o2.jsonl"
done
"$E" code "$SHARED/seeds/" --format=csv --date 2016-12-23 -o"$T/o.csv" 2>/dev/null
check "options: --format=csv and -oFILE" sh -c "head -1 '$T/o.csv' | grep -q '^doc,sentence,start'"
for bad in "--bogus" "--jobs" "--quiet=1" "-j 0" "--format xml" "--mode foo" "--stdin-format pdf" "--parser link"; do
    # shellcheck disable=SC2086
    "$E" code $bad "$T/one.txt" > /dev/null 2> "$T/ob.err"
    check "options: code $bad is a usage error, exit 2" [ $? -eq 2 ]
    check "options: ... said in one line naming code" sh -c "[ \$(wc -l < '$T/ob.err') -eq 1 ] && grep -q '^entente code: ' '$T/ob.err'"
done
"$E" dyads --db "$T/f.sqlite" --format xml > /dev/null 2>&1
check "options: dyads --format xml is a usage error, exit 2" [ $? -eq 2 ]
"$E" network --db="$T/f.sqlite" --format=dot > "$T/net.dot" 2>/dev/null
check "options: --db=F --format=dot on network" grep -q '^digraph' "$T/net.dot"
for c in code parse train-syntax clusters eval dict dyads align bloc network report serve merge; do
    "$E" help $c > "$T/h1" 2>&1; r1=$?
    "$E" $c --help > "$T/h2" 2>&1; r2=$?
    check "help: 'entente help $c' = '$c --help', exit 0" sh -c "[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && cmp -s '$T/h1' '$T/h2' && grep -q 'entente $c' '$T/h1'"
    "$E" $c --no-such-option > /dev/null 2>&1
    check "options: $c --no-such-option exits 2" [ $? -eq 2 ]
done
mkdir -p "$T/de"
cp data/*.txt data/*.tsv "$T/de/"
printf 'Bad | RUS | nat\033[2Jion\n' >> "$T/de/actors.txt"
"$E" dict check "$T/de" > "$T/dc.out" 2>&1
check "messages: dict check prints a dictionary line's escape bytes escaped" sh -c \
    "grep -q 'unknown kind .nat\\\\x1b\\[2Jion' '$T/dc.out' && ! grep -q \"\$(printf '\\033')\" '$T/dc.out'"

# ---- progress on a terminal only ----
"$E" code "$J" --date 2016-01-01 --parser none -f none 2> "$T/np.err"
check "progress: none when stderr is not a terminal" sh -c "! grep -q 'ETA' '$T/np.err'"
if command -v script > /dev/null 2>&1; then
    script -qec "'$E' code '$J' --date 2016-01-01 --parser none -f none" "$T/tty.log" > /dev/null 2>&1
    check "progress: on a terminal, documents, share of the bytes, rate and ETA" sh -c \
        "tr '\\r' '\\n' < '$T/tty.log' | grep -aq '[0-9]* documents, [0-9]* events, [0-9]* docs/s, [0-9]*% of [0-9.]* MB, ETA [0-9]*:[0-9][0-9]'"
    script -qec "'$E' code '$J' --date 2016-01-01 --parser none -f none --no-progress" "$T/tty2.log" > /dev/null 2>&1
    check "progress: --no-progress turns it off" sh -c "! grep -aq 'ETA' '$T/tty2.log'"
fi

# ---- README and --help agree ----
for c in code parse train-syntax eval dict dyads align network report serve; do "$E" $c --help; done > "$T/allhelp.txt" 2>&1
missing=$(grep -o -- '--[a-z][a-z-]*' README.md | sort -u | while read -r o; do grep -q -- "$o" "$T/allhelp.txt" || echo "$o"; done)
check "README: every option it names is in some command's --help" [ -z "$missing" ]
[ -z "$missing" ] || echo "  README options not in --help: $missing"
flat() { tr -s ' \n' ' ' | sed 's/^ //; s/ $//'; }
"$E" help | sed -n '/^exit status:/,$p' | sed 's/^exit status: //' | flat > "$T/exit.help"
sed -n '/^Exit status (/,/^$/p' README.md | sed 's/^Exit status ([^)]*)://; s/ (`report` still.*//' | flat > "$T/exit.readme"
check "README: the exit status is the text entente help prints" sh -c "grep -qF \"\$(cat '$T/exit.help')\" '$T/exit.readme'"
check "--help: code's help and the table agree on every long option" sh -c \
    "for o in \$(grep -o '{[^}]*\"[a-z-]*\", [01], CO_' src/cli/main.c | sed 's/.*\"\\([a-z-]*\\)\".*/\\1/'); do \"$E\" code --help | grep -q -- \"--\$o\" || exit 1; done"

echo "trust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
