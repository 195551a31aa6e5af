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
urls > "$T/urls"
# each answer that differs byte for byte, classified: the same rows in
# another order, every number within one unit of its last printed digit
# (Goldstein sums and means: exact sums against sums in event order; -0 vs
# 0), or a real difference
python3 - "$T" <<'PY'
import os, re, sys
t = sys.argv[1]
urls = open(os.path.join(t, "urls")).read().split("\n")
num = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
def close(x, y):
    if x == y:
        return True
    if num.fullmatch(x) is None or num.fullmatch(y) is None:
        return False
    places = len(x.split(".")[1]) if "." in x else 0
    return abs(float(x) - float(y)) <= 1.0001 * 10 ** -places
def rounding(a, b):
    ta, tb = num.split(a), num.split(b)
    na, nb = num.findall(a), num.findall(b)
    return ta == tb and len(na) == len(nb) and all(close(x, y) for x, y in zip(na, nb))
n = d = order = rounded = real = 0
for root, _, files in sorted(os.walk(os.path.join(t, "old"))):
    for f in sorted(files):
        rel = os.path.relpath(os.path.join(root, f), os.path.join(t, "old"))
        a = open(os.path.join(t, "old", rel), errors="replace").read()
        b = open(os.path.join(t, "new", rel), errors="replace").read()
        n += 1
        if a == b:
            continue
        d += 1
        what = rel if rel.startswith("cli") else urls[int(rel) - 1]
        la, lb = a.split("\n"), b.split("\n")
        if sorted(la) == sorted(lb):
            order += 1; kind = "the same rows in another order"
        elif len(la) == len(lb) and all(rounding(x, y) for x, y in zip(la, lb)):
            rounded += 1; kind = "rounding of the last printed digit"
        elif len(la) == len(lb) and all(rounding(x, y) for x, y in zip(sorted(la), sorted(lb))):
            rounded += 1; kind = "rounding of the last printed digit, and row order"
        else:
            real += 1; kind = "REAL DIFFERENCE"
        rows = sum(1 for x, y in zip(la, lb) if x != y)
        print("DIFFERS (%s; %d of %d lines): %s" % (kind, rows, len(la), what))
        if kind == "REAL DIFFERENCE":
            for x, y in [(x, y) for x, y in zip(la, lb) if x != y][:3]:
                print("  old: %.300s\n  new: %.300s" % (x, y))
print("compare: %d answers, %d differ byte for byte: %d only in the order of rows, %d only in "
      "rounding, %d otherwise" % (n, d, order, rounded, real))
PY
