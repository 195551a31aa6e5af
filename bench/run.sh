#!/bin/sh
# bench/run.sh - speed and memory of entente, with every baseline measured
# in the same run: start-up (dictionaries loaded, one sentence coded) from
# the compiled dictionaries beside the same from the text files and a bare
# process start, throughput over ../shared/corpora at -j1 and -j2
# (documents/s, sentences/s, MB/s, peak RSS, speed-up), and sentences/s of
# the whole coder beside a plain link-parser pass over the same sentences.
# The start-up and throughput sections use the shallow coder
# (--parser none) for the dictionaries' own cost and for whole corpora; the
# start-up with the parser (the UD model data/en.syntax is mapped at
# start) and the parser coder's speed on the seeds and the GigaWord sample
# are printed beside them. The trained parser's speed, peak RSS and model
# load time on the EWT test set are printed, and, when link-grammar's
# link-parser happens to be installed (entente no longer uses it), its
# speed on the same sentences for comparison. And the time and peak RSS of
# one 50 MB document against its size.
# Usage: bench/run.sh BUILD/entente SHARED   (make bench)
set -u
E=${1:-build/entente}
SHARED=${2:-../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
command -v bc >/dev/null || { echo "bench needs bc (apt-get install bc)"; exit 2; }

echo "== start-up: dictionaries loaded, one sentence coded (median of 15)"
# the same dictionaries twice: compiled (dict.gen.bin, places.gen.bin, as
# `make` leaves data/) and text only; runs alternate so both see the same load
D="$(dirname "$E")/../data"
[ -f "$D/actors.txt" ] || D=data
mkdir -p "$T/text" "$T/compiled"
cp "$D"/*.txt "$D"/*.tsv "$T/text/"
cp "$D"/*.txt "$D"/*.tsv "$T/compiled/"
"$E" dict compile "$T/compiled" > /dev/null || { echo "entente dict compile failed"; exit 1; }
startup() { # startup DICTDIR [--parser none] -> seconds
    a=$(now); echo "Russia met Iran." | "$E" code - -q --date 2016-12-20 --dict "$@" >/dev/null 2>&1; b=$(now)
    elapsed "$a" "$b"
}
for i in $(seq 15); do
    startup "$T/compiled" --parser none >> "$T/start.compiled"
    startup "$T/text" --parser none >> "$T/start.text"
    startup "$T/compiled" >> "$T/start.parser"
    a=$(now); echo "Russia met Iran." | cat >/dev/null; b=$(now)
    elapsed "$a" "$b" >> "$T/start.base"
done
ms() { echo "$(median < "$1") * 1000" | bc -l; }
verdict() { [ "$(echo "$(median < "$1") < 0.150" | bc -l)" = 1 ] && echo within || echo OVER; }
printf "compiled dictionaries %.1f ms (budget 150 ms: %s); text dictionaries %.1f ms (%s); compiled is %.1fx faster; bare process start %.1f ms\n" \
    "$(ms "$T/start.compiled")" "$(verdict "$T/start.compiled")" \
    "$(ms "$T/start.text")" "$(verdict "$T/start.text")" \
    "$(echo "$(median < "$T/start.text") / $(median < "$T/start.compiled")" | bc -l)" \
    "$(ms "$T/start.base")"
printf "with the parser (compiled dictionaries + the UD model, one sentence parsed): %.1f ms (budget 150 ms: %s)\n" \
    "$(ms "$T/start.parser")" "$(verdict "$T/start.parser")"

CORPORA=$(ls "$SHARED"/corpora/*.jsonl 2>/dev/null)
[ -n "$CORPORA" ] || CORPORA="$SHARED/seeds"
bytes=$(cat $CORPORA | wc -c)
echo
echo "== throughput of the shallow coder (--parser none) over $(echo $CORPORA | wc -w) corpus files ($(echo "$bytes / 1048576" | bc) MB)"
for j in 1 2; do
    a=$(now)
    "$E" code $CORPORA -j $j -f none --parser none 2> "$T/sum$j" >/dev/null
    b=$(now)
    s=$(elapsed "$a" "$b")
    echo "$s" > "$T/t$j"
    docs=$(grep -o '[0-9]* documents\? coded' "$T/sum$j" | awk '{print $1}')
    sents=$(grep -o '[0-9]* sentences' "$T/sum$j" | head -1 | awk '{print $1}')
    rss=$(grep -o '[0-9.]* MB peak' "$T/sum$j" | awk '{print $1}')
    printf -- "-j%d: %.2f s; %.0f documents/s, %.0f sentences/s, %.2f MB/s; peak RSS %s MB\n" \
        "$j" "$s" "$(echo "$docs / $s" | bc -l)" "$(echo "$sents / $s" | bc -l)" \
        "$(echo "$bytes / 1048576 / $s" | bc -l)" "$rss"
done
printf -- "-j2 / -j1 speed-up: %.2fx (%s cores)\n" "$(echo "$(cat "$T/t1") / $(cat "$T/t2")" | bc -l)" "$(nproc)"

echo
echo "== streaming: peak RSS over a growing JSONL stream (no dedup, -j2, --parser none)"
src=$(ls "$SHARED"/corpora/*.jsonl 2>/dev/null | head -1)
if [ -n "$src" ]; then
    for reps in 5 40; do
        i=0
        while [ $i -lt $reps ]; do cat "$src"; i=$((i + 1)); done > "$T/stream.jsonl"
        mb=$(($(wc -c < "$T/stream.jsonl") / 1048576))
        "$E" code "$T/stream.jsonl" -j 2 --no-dedup --parser none -f none 2> "$T/stream.err" >/dev/null
        printf "%4d MB input: peak RSS %s MB\n" "$mb" "$(grep -o '[0-9.]* MB peak' "$T/stream.err" | awk '{print $1}')"
        rm -f "$T/stream.jsonl"
    done
fi

echo
echo "== the trained tagger and parser (entente parse) on the EWT test set, one thread"
UDT="$SHARED/ud/en_ewt/en_ewt-ud-test.conllu"
if [ -f "$UDT" ]; then
    "$E" parse --eval "$UDT" --gold-only | tail -2 | head -1
    for i in $(seq 9); do
        "$E" parse --eval test/syntax/tiny.conllu --gold-only | sed -n 's/^model loaded in \([0-9.]*\) ms.*/\1/p'
    done > "$T/load"
    printf "model load (data/en.syntax, median of 9): %s ms (budget 30 ms); peak RSS parsing the test set: %s MB (budget 150 MB)\n" \
        "$(median < "$T/load")" "$("$E" parse --eval "$UDT" --gold-only | sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p')"
    # the same first 300 sentences for entente and for link-parser (which
    # takes seconds where entente takes milliseconds)
    awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 300' "$UDT" > "$T/sub.conllu"
    grep '^# text = ' "$T/sub.conllu" | sed 's/^# text = //' > "$T/sub.txt"
    es=$("$E" parse --eval "$T/sub.conllu" --gold-only | sed -n 's/.* \([0-9]*\) sentences\/s.*/\1/p')
    if command -v link-parser >/dev/null; then
        a=$(now)
        LANG=C.UTF-8 LC_ALL=C.UTF-8 link-parser en -graphics=0 -verbosity=0 -limit=1 -timeout=5 \
            < "$T/sub.txt" > /dev/null 2>&1
        b=$(now)
        lps=$(echo "300 / $(elapsed "$a" "$b")" | bc -l)
        printf "first 300 test sentences: entente %s sentences/s, link-parser %.1f sentences/s: %.0fx faster\n" \
            "$es" "$lps" "$(echo "$es / $lps" | bc -l)"
    else
        echo "link-parser not installed: ratio not measured"
    fi
else
    echo "no $UDT: not measured"
fi

echo
echo "== one big document: a 50 MB JSONL line (coded in parts of 1 MiB), peak RSS vs its size"
awk 'BEGIN { printf "{\"id\":\"big\",\"date\":\"2016-12-01\",\"text\":\"";
             for (i = 0; i < 470000; i++) printf "Russian jets struck rebel positions near Aleppo on day %d, a monitor said. Iran condemned the raid. \\n\\n", i;
             print "\"}" }' > "$T/big.jsonl"
mb=$(echo "$(wc -c < "$T/big.jsonl") / 1000000" | bc -l)
for p in none ud; do
    a=$(now); "$E" code "$T/big.jsonl" --parser $p -f none -q --no-dedup 2> "$T/big.err" >/dev/null; b=$(now)
    peak=$(sed -n 's/.*, \([0-9]*\) MB peak.*/\1/p' "$T/big.err")
    printf "parser %s: %.1f MB document, %.1f s, %s MB peak = %.1fx the document (target <= 10x)\n" \
        "$p" "$mb" "$(elapsed "$a" "$b")" "$peak" "$(echo "$peak / $mb" | bc -l)"
done

echo "== the coder (parser on, -j1) vs link-parser alone on the same sentences"
if ! command -v link-parser >/dev/null; then
    echo "link-parser not installed (entente does not need it): ratio not measured"
    exit 0
fi
GW="$SHARED/corpora/gigaword-sample.jsonl"
for input in "$SHARED/seeds/" $( [ -f "$GW" ] && echo "$GW" ); do
    rm -f "$T/s.sqlite"
    "$E" code "$input" -f none -q --parser none --db "$T/s.sqlite" 2>/dev/null
    sqlite3 "$T/s.sqlite" "select replace(text, char(10), ' ') from sentences where duplicate = 0" > "$T/sentences.txt"
    n=$(wc -l < "$T/sentences.txt")
    a=$(now); "$E" code "$input" -f none -q 2> "$T/parsed.err" >/dev/null; b=$(now)
    ec=$(elapsed "$a" "$b")
    a=$(now); "$E" code "$input" -f none -q --parser none >/dev/null 2>&1; b=$(now)
    es=$(elapsed "$a" "$b")
    a=$(now)
    LANG=C.UTF-8 LC_ALL=C.UTF-8 link-parser en -graphics=0 -verbosity=0 -limit=1 -timeout=5 \
        -constituents=1 < "$T/sentences.txt" > /dev/null 2>&1
    b=$(now)
    lp=$(elapsed "$a" "$b")
    printf "%s: %d sentences; entente %.2f s (%.0f sentences/s; %s); shallow only %.3f s (%.0f sentences/s); link-parser alone on every sentence %.2f s (%.1f sentences/s); entente / link-parser time %.2f\n" \
        "$(basename "$input")" "$n" "$ec" "$(echo "$n / $ec" | bc -l)" \
        "$(grep -o '[0-9]* sentences coded from a parse, [0-9]* by the shallow rules' "$T/parsed.err")" \
        "$es" "$(echo "$n / $es" | bc -l)" "$lp" "$(echo "$n / $lp" | bc -l)" "$(echo "$ec / $lp" | bc -l)"
done
