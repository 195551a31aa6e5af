#!/bin/sh
# scale_test.sh - coding beyond one process: --shard I/N partitions the
# input; entente merge of the shards' stores equals one process over the
# whole input (events with their row ids, documents, sentences, actors,
# duplicate counts), is idempotent, replaces documents by id and carries
# columns and tables it does not know; output is flushed per document when
# streaming; the GNU parallel and Slurm-array recipes of docs/scale.md run;
# the Dask driver on a local cluster of 2 workers equals one process.
# Prints "scale: N passed, N failed".
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
E="$(pwd)/$BUILD/entente"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" > "$T/check.out" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $d"; head -20 "$T/check.out"; fi
}
q() { sqlite3 "$@"; }
# same DB1 DB2: every table of DB1 and DB2 holds the same rows (documents
# without coded_at, the time of coding), and so does the event_counts view
same() {
    r=$(sqlite3 "$1" "ATTACH '$2' AS b;
      SELECT (SELECT count(*) FROM (SELECT * FROM events EXCEPT SELECT * FROM b.events))
       + (SELECT count(*) FROM (SELECT * FROM b.events EXCEPT SELECT * FROM events))
       + (SELECT count(*) FROM (SELECT * FROM sentences EXCEPT SELECT * FROM b.sentences))
       + (SELECT count(*) FROM (SELECT * FROM b.sentences EXCEPT SELECT * FROM sentences))
       + (SELECT count(*) FROM (SELECT * FROM actors EXCEPT SELECT * FROM b.actors))
       + (SELECT count(*) FROM (SELECT * FROM b.actors EXCEPT SELECT * FROM actors))
       + (SELECT count(*) FROM (SELECT * FROM doc_minhash EXCEPT SELECT * FROM b.doc_minhash))
       + (SELECT count(*) FROM (SELECT id, path, line, title, url, source, date, date_source, text,
           invalid_bytes, duplicate_of, similarity FROM documents EXCEPT SELECT id, path, line, title,
           url, source, date, date_source, text, invalid_bytes, duplicate_of, similarity FROM b.documents))
       + (SELECT count(*) FROM (SELECT id, num_mentions, num_articles, num_sources FROM event_counts
           EXCEPT SELECT id, num_mentions, num_articles, num_sources FROM b.event_counts))
       + abs((SELECT count(*) FROM documents) - (SELECT count(*) FROM b.documents))
       + abs((SELECT count(*) FROM events) - (SELECT count(*) FROM b.events))")
    [ "$r" = 0 ]
}
C="$SHARED/corpora/fakes-syria.jsonl"
"$E" code "$C" --db "$T/single.sqlite" -o "$T/single.jsonl" -q --no-progress 2>/dev/null
for i in 0 1 2; do
    "$E" code "$C" --shard $i/3 --db "$T/s$i.sqlite" -o "$T/s$i.jsonl" -q --no-progress 2> "$T/s$i.err" &
done
wait
check "each shard is non-empty and says how many documents it passed over" sh -c \
    "for i in 0 1 2; do [ \$(sqlite3 '$T/s'\$i.sqlite 'SELECT count(*) FROM documents') -gt 100 ] && \
     grep -q \"shard \$i/3: [0-9]* documents of other shards passed over\" '$T/s'\$i.err || exit 1; done"
for i in 0 1 2; do q "$T/s$i.sqlite" "SELECT id FROM documents"; done | sort > "$T/shard.ids"
q "$T/single.sqlite" "SELECT id FROM documents" | sort > "$T/single.ids"
check "the shards partition the input: every document in exactly one" cmp "$T/shard.ids" "$T/single.ids"
"$E" code "$C" --shard 1/3 --db "$T/again.sqlite" -f none -q --no-progress 2>/dev/null
check "a shard is the same documents on every run" sh -c \
    "[ \"\$(sqlite3 '$T/again.sqlite' 'SELECT id FROM documents ORDER BY id')\" = \"\$(sqlite3 '$T/s1.sqlite' 'SELECT id FROM documents ORDER BY id')\" ]"
check "--shard 3/3 is a usage error" sh -c "'$E' code '$C' --shard 3/3 -q; [ \$? -eq 2 ]"
check "single run: every document has its ordinal and signature" sh -c \
    "[ \$(sqlite3 '$T/single.sqlite' 'SELECT count(*) FROM doc_minhash WHERE length(sig) = 256') -eq \
       \$(sqlite3 '$T/single.sqlite' 'SELECT count(*) FROM documents') ]"

"$E" merge "$T/s0.sqlite" "$T/s1.sqlite" "$T/s2.sqlite" -o "$T/all.sqlite" 2> "$T/merge.err"
check "entente merge: exit status 0" [ $? -eq 0 ]
check "merged shards == one process: events (row ids too), documents, sentences, actors, counts" \
    same "$T/all.sqlite" "$T/single.sqlite"
check "the merge found near-duplicates across shards that no shard saw" sh -c \
    "grep -Eq 'near-duplicate documents \\([1-9][0-9]* of a document in another store\\)' '$T/merge.err' && \
     [ \$(sqlite3 '$T/all.sqlite' 'SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL') -gt \
       \$(for i in 0 1 2; do sqlite3 '$T/s'\$i.sqlite 'SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL'; done | awk '{ s += \$1 } END { print s }') ]"
check "num_articles and num_sources across the corpus equal one process's" sh -c \
    "[ \"\$(sqlite3 '$T/all.sqlite' 'SELECT sum(num_articles), sum(num_sources), max(num_articles) FROM event_counts')\" = \
       \"\$(sqlite3 '$T/single.sqlite' 'SELECT sum(num_articles), sum(num_sources), max(num_articles) FROM event_counts')\" ] && \
     [ \$(sqlite3 '$T/all.sqlite' 'SELECT max(num_articles) FROM event_counts') -gt 1 ]"
cp "$T/all.sqlite" "$T/all1.sqlite"
"$E" merge "$T/s0.sqlite" "$T/s1.sqlite" "$T/s2.sqlite" -o "$T/all.sqlite" -q
check "merging twice gives the same store" same "$T/all.sqlite" "$T/all1.sqlite"
"$E" merge "$T/s2.sqlite" "$T/s0.sqlite" "$T/s1.sqlite" -o "$T/other.sqlite" -q
check "the order the stores are named in does not matter" same "$T/other.sqlite" "$T/single.sqlite"

# a document re-coded with other text replaces it by id, as re-coding does
id=$(q "$T/single.sqlite" "SELECT doc_id FROM events GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1")
printf '{"id": "%s", "date": "2016-01-01", "text": "Turkey condemned Russia."}\n' "$id" > "$T/fix.jsonl"
"$E" code "$T/fix.jsonl" --db "$T/fix.sqlite" -f none -q --no-progress 2>/dev/null
"$E" merge "$T/all.sqlite" "$T/fix.sqlite" -o "$T/fixed.sqlite" -q
check "a later store's document replaces the earlier one with its id" sh -c \
    "[ \"\$(sqlite3 '$T/fixed.sqlite' \"SELECT group_concat(source || code || target) FROM events WHERE doc_id = '$id'\")\" = TUR111RUS ] && \
     [ \$(sqlite3 '$T/fixed.sqlite' 'SELECT count(*) FROM documents') -eq \$(sqlite3 '$T/all.sqlite' 'SELECT count(*) FROM documents') ]"

# columns and tables entente does not know flow through the merge by name
for i in 0 1 2; do
    cp "$T/s$i.sqlite" "$T/x$i.sqlite"
    q "$T/x$i.sqlite" "ALTER TABLE events ADD COLUMN coder_note TEXT; UPDATE events SET coder_note = doc_id || ':' || sentence || ':' || code;
      CREATE TABLE provenance(doc_id TEXT, shard INTEGER); INSERT INTO provenance SELECT id, $i FROM documents;"
done
"$E" merge "$T/x0.sqlite" "$T/x1.sqlite" "$T/x2.sqlite" -o "$T/x.sqlite" -q
check "a column the merged store lacks (coder_note) is added and filled" sh -c \
    "[ \$(sqlite3 '$T/x.sqlite' \"SELECT count(*) FROM events WHERE coder_note = doc_id || ':' || sentence || ':' || code\") -eq \
       \$(sqlite3 '$T/single.sqlite' 'SELECT count(*) FROM events') ]"
check "a table entente does not know is carried, rows of duplicates left out" sh -c \
    "[ \$(sqlite3 '$T/x.sqlite' 'SELECT count(*) FROM provenance') -eq \
       \$(sqlite3 '$T/single.sqlite' 'SELECT count(*) FROM documents WHERE duplicate_of IS NULL') ]"
check "merge of something that is no store: exit 2, named" sh -c \
    "echo junk > '$T/junk.sqlite'; '$E' merge '$T/junk.sqlite' -o '$T/j.sqlite' 2> '$T/j.err'; [ \$? -eq 2 ] && grep -q junk.sqlite '$T/j.err' && [ ! -e '$T/j.sqlite' ]"

# streaming: the events of a document leave before the next one arrives
/usr/bin/python3 - "$E" > "$T/stream.out" 2>&1 <<'PYEOF'
import json, select, subprocess, sys
p = subprocess.Popen([sys.argv[1], "code", "-", "--stdin-format", "jsonl", "-q", "--no-progress"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdin.write((json.dumps({"id": "a", "date": "2020-01-01", "text": "Iran condemned Israel."}) + "\n").encode())
p.stdin.flush()
ready, _, _ = select.select([p.stdout], [], [], 60)
assert ready, "no output before the input ended"
first = json.loads(p.stdout.readline())
p.stdin.write((json.dumps({"id": "b", "date": "2020-01-01", "text": "Russia criticized Turkey."}) + "\n").encode())
p.stdin.close()
rest = p.stdout.read().decode().splitlines()
assert first["doc"] == "a" and [json.loads(x)["doc"] for x in rest] == ["b"], (first, rest)
print("streamed")
PYEOF
check "output is flushed per document when streaming" grep -q streamed "$T/stream.out"

# the recipes of docs/scale.md
S="$T/small.jsonl"
head -300 "$C" > "$S"
"$E" code "$S" --db "$T/small.sqlite" -f none -q --no-progress 2>/dev/null
mkdir -p "$T/par"
parallel -j2 "$E" code "$S" --shard {}/4 --db "$T/par/shard-{}.sqlite" -o "$T/par/shard-{}.jsonl" \
    -q --no-progress ::: 0 1 2 3 2>/dev/null
"$E" merge "$T"/par/shard-*.sqlite -o "$T/par/all.sqlite" -q
check "GNU parallel recipe: 4 shards merged == one process" same "$T/par/all.sqlite" "$T/small.sqlite"
for i in 0 1 2; do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=3 ENTENTE="$E" sh examples/slurm_code.sh "$T/slurm" "$S" 2>/dev/null
done
"$E" merge "$T"/slurm/shard-*.sqlite -o "$T/slurm/all.sqlite" -q
check "Slurm array recipe (3 tasks) merged == one process" same "$T/slurm/all.sqlite" "$T/small.sqlite"

# the Dask driver on a local cluster of 2 workers (fakes-syria and the
# GigaWord sample: 880 documents; the whole corpora are for make bench)
G="$SHARED/corpora/gigaword-sample.jsonl"
"$E" code "$C" "$G" --db "$T/single2.sqlite" -f none -q --no-progress 2>/dev/null
ENTENTE_BIN="$E" PYTHONPATH="$(pwd)/python" /usr/bin/python3 -m entente.dask code "$C" "$G" \
    --out "$T/dask" --workers 2 > "$T/dask.out" 2>&1
check "python -m entente.dask code: a shard store and JSONL per worker, summary.json" sh -c \
    "[ -f '$T/dask/shard-0.sqlite' ] && [ -f '$T/dask/shard-1.jsonl' ] && \
     /usr/bin/python3 -c \"import json; s = json.load(open('$T/dask/summary.json')); assert s['workers'] == 2 and s['shards'] == 2 and len(set(r['worker_pid'] for r in s['shard_results'])) == 2, s\""
check "Dask on 2 local workers, merged == one process (events, ids, duplicate counts)" \
    same "$T/dask/all.sqlite" "$T/single2.sqlite"
check "the shards' JSON Lines hold every event the shards coded" sh -c \
    "[ \$(cat '$T'/dask/shard-*.jsonl | wc -l) -eq \$(for i in 0 1; do sqlite3 '$T/dask/shard-'\$i.sqlite 'SELECT count(*) FROM events'; done | awk '{ s += \$1 } END { print s }') ]"

echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
