#!/bin/sh
# bench/serve.sh - the speed of `entente serve` on a big store (issue 14:
# every endpoint within 200 ms on 10M events): a store of N events
# (SERVE_BENCH_EVENTS, default 10,000,000) written by bench/gen_stores.sh
# as an older entente left it, upgraded to schema version 3 when entente
# first opens it for writing (the time is printed), then every endpoint
# asked RUNS times (SERVE_BENCH_RUNS, default 20) by one client, the server
# started with --no-cache so that each answer is computed: p50 and p99 per
# endpoint in ms against the 200 ms budget. SERVE_BENCH_STORE=FILE uses an
# existing store instead (left in place); SERVE_BENCH_BASELINE=ENTENTE times
# another build's first answer per endpoint on the same store (an older
# build has no --no-cache: only its first answer is computed).
# The load average is printed: other processes share the cores.
# Usage: bench/serve.sh BUILD/entente   (make bench)
set -u
E=$1
N=${SERVE_BENCH_EVENTS:-10000000}
RUNS=${SERVE_BENCH_RUNS:-20}
T=$(mktemp -d "${SCALE_TMP:-/tmp}/entente-serve.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT
now() { date +%s.%N; }
DB=${SERVE_BENCH_STORE:-}
if [ -z "$DB" ]; then
    echo "== a generated store of $N events (bench/gen_stores.sh, nice -n 10)"
    a=$(now)
    nice -n 10 sh bench/gen_stores.sh "$E" "$T/gen" 1 "$N"
    b=$(now)
    DB=$T/gen/store-0.sqlite
    printf "generated in %.0f s: %s MB\n" "$(echo "$b - $a" | bc -l)" "$(($(wc -c < "$DB") / 1048576))"
fi
if [ "$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'schema_version'")" -lt 3 ]; then
    : > "$T/empty.txt"
    a=$(now)
    "$E" code "$T/empty.txt" --db "$DB" -f none -q 2>/dev/null
    b=$(now)
    printf "upgraded to schema version 3 (aggregates built from the events) in %.1f s\n" \
        "$(echo "$b - $a" | bc -l)"
fi
events=$(sqlite3 "$DB" "SELECT coalesce(sum(events), 0) FROM agg_dyad_all")
URLS='/api/summary
/api/events?limit=50
/api/events?actor=RUS&limit=50
/api/events?a=IRN&b=USA&limit=50
/api/events?code=04&limit=50
/api/events?limit=50&offset=50000
/api/dyads?by=month
/api/dyads?a=IRN&b=RUS&by=week
/api/dyads?by=day&from=2021-01-01&to=2021-03-31&level=actor
/api/network
/api/network?a=IRN&from=2021-01-01&to=2021-12-31
/api/places
/api/align?a=IRN&b=RUS
/api/bloc?members=IRN,RUS,TUR'
start() { # start BINARY [options]: the server on a free port
    b=$1; shift
    "$b" serve --db "$DB" --port 0 --quiet --max-seconds 36000 "$@" 2> "$T/log" &
    PID=$!
    PORT=
    for _ in $(seq 1 300); do
        PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/log")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
}
stop() { kill $PID; wait $PID 2>/dev/null; PID=; }
pct() { sort -g | awk -v p="$1" '{ a[NR] = $1 } END { i = int(NR * p + 0.999999); if (i < 1) i = 1; print a[i] }'; }
measure() { # measure RUNS: p50 p99 per URL
    echo "$URLS" | while read -r u; do
        : > "$T/times"
        for _ in $(seq 1 "$1"); do
            curl -s -o "$T/body" -w '%{http_code} %{time_total}\n' --max-time 600 "http://127.0.0.1:$PORT$u" >> "$T/times"
        done
        bad=$(grep -vc '^200 ' "$T/times")
        p50=$(cut -d' ' -f2 "$T/times" | pct 0.5)
        p99=$(cut -d' ' -f2 "$T/times" | pct 0.99)
        printf "  %-58s p50 %8.1f ms  p99 %8.1f ms  %s%s\n" "$u" "$(echo "$p50 * 1000" | bc -l)" \
            "$(echo "$p99 * 1000" | bc -l)" \
            "$([ "$(echo "$p99 <= 0.2" | bc -l)" = 1 ] && echo within || echo OVER)" \
            "$([ "$bad" = 0 ] || echo " ($bad answers not 200: $(head -c 120 "$T/body"))")"
    done
}
echo
echo "== entente serve --no-cache on $events events, $RUNS requests per endpoint, one client (budget 200 ms; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
start "$E" --no-cache
measure "$RUNS"
stop
if [ -n "${SERVE_BENCH_BASELINE:-}" ]; then
    echo
    echo "== baseline $SERVE_BENCH_BASELINE: its first answer per endpoint (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    start "$SERVE_BENCH_BASELINE"
    measure 1
    stop
fi
