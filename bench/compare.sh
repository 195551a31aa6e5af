#!/bin/sh
# bench/compare.sh - the same answers from two builds on one store: every
# endpoint of `entente serve` (a list of URLs over the parameters each
# takes) and the dyads, network, align and bloc commands, run with build A
# and build B; prints each answer that differs and "compare: N answers,
# M differ". Used to check that a store read from its aggregates (schema
# version 3) gives what the events give (an older build on the same store).
# usage: sh bench/compare.sh OLD_ENTENTE NEW_ENTENTE STORE [A B]
set -u
OLD=$1 NEW=$2 DB=$3 A=${4:-IRN} B=${5:-RUS}
T=$(mktemp -d)
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
PID=
urls() {
    for by in day week month quarter year all; do
        for lv in country actor; do
            echo "/api/dyads?by=$by&level=$lv"
            echo "/api/dyads?by=$by&level=$lv&a=$A"
            echo "/api/dyads?by=$by&level=$lv&a=$A&b=$B&modes=asserted,negated,hypothetical,reported"
            echo "/api/places?by=$by&level=$lv"
            echo "/api/places?by=$by&level=$lv&a=$A&from=2016-01-01"
        done
        echo "/api/dyads?by=$by&from=2016-06-01&to=2017-03-31"
        echo "/api/dyads?by=$by&to=2016-12-20"
        echo "/api/align?a=$A&b=$B&by=$by"
    done
    for lv in country actor; do
        echo "/api/network?level=$lv"
        echo "/api/network?level=$lv&a=$A"
        echo "/api/network?level=$lv&from=2016-01-01&to=2016-12-31&modes=hypothetical"
        echo "/api/network?level=$lv&to=2016-12-20"
        echo "/api/bloc?members=$A,$B,SYR&level=$lv"
    done
    echo "/api/summary"
    echo "/api/places?modes=asserted,negated,hypothetical,reported"
    for q in "limit=50" "limit=50&offset=20" "actor=$A&limit=50" "source=$A" "target=$B" \
             "a=$A&b=$B" "code=04" "root=19" "mode=hypothetical" "from=2016-12-20&to=2016-12-22" \
             "place=SYR" "place=aleppo" "a=$A&modes=asserted,reported&limit=1000"; do
        echo "/api/events?$q"
    done
}
serve() { # serve BINARY OUT: every URL's answer into OUT/N
    mkdir -p "$2"
    "$1" serve --db "$DB" --port 0 --quiet --max-seconds 3600 2> "$T/log" &
    PID=$!
    port=
    for _ in $(seq 1 200); do
        port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/log")
        [ -n "$port" ] && break
        sleep 0.1
    done
    i=0
    urls | while read -r u; do
        i=$((i + 1))
        curl -s --max-time 600 "http://127.0.0.1:$port$u" > "$2/$i"
    done
    kill $PID; wait $PID 2>/dev/null; PID=
}
cli() { # cli BINARY OUT
    mkdir -p "$2"
    "$1" dyads --db "$DB" --format json > "$2/dyads" 2>&1
    "$1" dyads --db "$DB" --by week --level actor "$A" > "$2/dyads-csv" 2>&1
    "$1" network --db "$DB" > "$2/network" 2>&1
    "$1" network --db "$DB" --format dot --from 2016-01-01 > "$2/network-dot" 2>&1
    "$1" align "$A" "$B" --db "$DB" > "$2/align" 2>&1
    "$1" bloc "$A" "$B" SYR --db "$DB" --format json > "$2/bloc" 2>&1
}
serve "$OLD" "$T/old"; serve "$NEW" "$T/new"
cli "$OLD" "$T/old/cli"; cli "$NEW" "$T/new/cli"
[ -n "${KEEP:-}" ] && cp -r "$T/old" "$T/new" "$KEEP"/
n=0 d=0
i=0
urls > "$T/urls"
for f in $(cd "$T/old" && find . -type f | sort); do
    n=$((n + 1))
    if ! cmp -s "$T/old/$f" "$T/new/$f"; then
        d=$((d + 1))
        case "$f" in ./cli/*) what=$f ;; *) what=$(sed -n "$(basename "$f")p" "$T/urls") ;; esac
        echo "DIFFERS: $what"
        diff "$T/old/$f" "$T/new/$f" | head -6
    fi
done
echo "compare: $n answers, $d differ"
