#!/bin/sh
# serve_test.sh - tests of `entente serve` over HTTP with curl and jq: every
# API endpoint on a store of the seed articles, parameter validation (400),
# unknown paths and traversal (404), methods (405), security headers, a
# 100 KB query string, 10 parallel clients, the loopback-only bind, the
# static dashboard files, clean shutdown, slow clients (slowloris: the
# request deadline and the per-address limit); then a generated store of
# 1,000,000 events whose answers are checked against the store
# (SERVE_BIG=0 skips it; the timings are bench/serve.sh's, make bench).
# Needs curl, jq, sqlite3 and python3. Prints "serve: N passed, N failed".
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
E="$BUILD/entente"
T=$(mktemp -d)
PID=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else no "$d"; fi
}
for tool in curl jq sqlite3 python3; do
    command -v $tool >/dev/null || { echo "serve: $tool is missing"; echo "serve: 0 passed, 1 failed"; exit 1; }
done

# start_server DB [options...]: start entente serve on a free loopback port
# (--port 0) and set PID, PORT and U (the base URL).
start_server() {
    db=$1; shift
    : > "$T/serve.log"
    "$E" serve --db "$db" --port 0 --max-seconds 600 "$@" 2> "$T/serve.log" &
    PID=$!
    PORT=
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/serve.log")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    U="http://127.0.0.1:$PORT"
    [ -n "$PORT" ]
}
stop_server() {
    kill -TERM "$PID" 2>/dev/null
    wait "$PID"
    STOP_RC=$?
    PID=
}
# req PATH [curl options...]: the status in CODE, the body in $T/body
req() {
    p=$1; shift
    CODE=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' --max-time 60 "$@" "$U$p")
}
# jqb FILTER: the body is valid JSON and FILTER holds
jqb() { jq -e "$1" "$T/body" >/dev/null 2>&1; }
expect() { # expect DESCRIPTION STATUS PATH [FILTER]
    d=$1 s=$2 p=$3 f=${4:-true}
    req "$p"
    if [ "$CODE" = "$s" ] && jqb "$f"; then ok; else no "$d (status $CODE: $(head -c 200 "$T/body"))"; fi
}
header() { grep -qi "^$1: $2" "$T/headers"; }

# ---- a store of the seeds ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 --db "$T/seeds.sqlite" -f none 2>/dev/null
check "seeds store written" [ -s "$T/seeds.sqlite" ]

# placeholder dashboard files (the real ones are built into data/)
mkdir -p "$T/assets"
echo '<!doctype html><title>placeholder</title><canvas id="dyad-chart"></canvas>' > "$T/assets/dashboard.html"
echo 'body{margin:0}' > "$T/assets/dashboard.css"
echo 'console.log("placeholder");' > "$T/assets/dashboard.js"
echo '/* chart placeholder */' > "$T/assets/chart.umd.gen.js"
cp data/cameo.tsv "$T/assets/cameo.tsv" # the CAMEO names of the events

# ---- options ----
"$E" serve 2>/dev/null
check "serve: no --db is a usage error" [ $? -eq 2 ]
"$E" serve --db "$T/none.sqlite" --port 0 --max-seconds 1 2>/dev/null
check "serve: a missing store is an error" [ $? -eq 2 ]
"$E" serve --db "$T/seeds.sqlite" --host example.com --max-seconds 1 2>/dev/null
check "serve: --host must be an address" [ $? -eq 2 ]
"$E" serve --db "$T/seeds.sqlite" --port 70000 --max-seconds 1 2>/dev/null
check "serve: --port out of range" [ $? -eq 2 ]
t0=$(date +%s)
"$E" serve --db "$T/seeds.sqlite" --port 0 --max-seconds 1 2>"$T/short.log"
rc=$?
check "serve: --max-seconds 1 stops by itself with status 0" [ $rc -eq 0 ]
check "serve: --max-seconds 1 stops within 5 s" [ $(($(date +%s) - t0)) -le 5 ]
check "serve: says why it stopped" grep -q "stopped (time limit)" "$T/short.log"

if ! start_server "$T/seeds.sqlite" --dict "$T/assets"; then
    no "server did not start: $(cat "$T/serve.log")"
    echo "serve: $pass passed, $fail failed"
    exit 1
fi
ok

# ---- the endpoints ----
expect "summary" 200 "/api/summary" \
    '.documents == 5 and .events > 20 and .modes.asserted > 0 and .quad.material_conflict > 0
     and (.dates.from | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")) and (.top_actors | length) > 0
     and (.top_pairs | map(select(.a == "IRN" and .b == "RUS")) | length) == 1'
check "summary: Content-Type JSON" header Content-Type "application/json"
check "summary: Cache-Control no-store" header Cache-Control "no-store"
check "summary: nosniff" header X-Content-Type-Options "nosniff"
check "summary: CSP" header Content-Security-Policy \
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
expect "events actor=RUS: events with their sentence" 200 "/api/events?actor=RUS" \
    '.count > 5 and (.events | length) == .count and .more == false
     and all(.events[]; (.text | length) > 10 and (.span | length) == 2
        and ((.source.code | startswith("RUS")) or (.target.code | startswith("RUS")))
        and (.date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")))'
expect "events: the veto, with source and target spans" 200 "/api/events?source=RUS&target=IGOUNO&code=129" \
    '.count == 1 and .events[0].mode == "asserted" and .events[0].source.span == [2359,2365]
     and .events[0].target.text == "the UN Security Council" and (.events[0].text | test("vetoing"))'
expect "events: limit and more" 200 "/api/events?limit=2" '.count == 2 and .more == true and .limit == 2'
expect "events: offset" 200 "/api/events?limit=2&offset=2" '.count == 2 and .offset == 2'
expect "events: code prefix" 200 "/api/events?code=04" '.count > 0 and all(.events[]; .code | startswith("04"))'
expect "events: root" 200 "/api/events?root=19" '.count > 0 and all(.events[]; .root == "19")'
expect "events: mode" 200 "/api/events?mode=hypothetical" '.count > 0 and all(.events[]; .mode == "hypothetical")'
expect "events: date range" 200 "/api/events?from=2016-12-20&to=2016-12-20" \
    '.count > 0 and all(.events[]; .date == "2016-12-20")'
expect "events: place by country" 200 "/api/events?place=SYR" \
    '.count > 0 and all(.events[]; .place.country == "SYR")'
expect "events: place by name" 200 "/api/events?place=aleppo" \
    '.count > 0 and all(.events[]; .place.name == "Aleppo")'
expect "events: no match is an empty list" 200 "/api/events?actor=ZZZ" '.count == 0 and .events == []'
expect "events: empty values are ignored" 200 "/api/events?actor=&limit=" '.count > 20'
expect "dyads" 200 "/api/dyads" 'length > 0 and all(.[]; .events > 0 and (.period | length) == 10)'
expect "dyads a b by level" 200 "/api/dyads?a=IRN&b=RUS&by=all&level=actor" \
    'length > 0 and all(.[]; .period == "all")'
expect "dyads by week" 200 "/api/dyads?a=RUS&by=week&from=2016-01-01&to=2016-12-31" 'length > 0'
expect "align IRN RUS has periods" 200 "/api/align?a=IRN&b=RUS" \
    '.a == "IRN" and .b == "RUS" and (.periods | length) > 0'
expect "align by all" 200 "/api/align?a=IRN&b=RUS&by=all&level=country" '(.periods | length) == 1'
# min_events: the third-party events a side needs for a similarity (default 5)
expect "align: min_events=3 decides too_few" 200 "/api/align?a=IRN&b=RUS&min_events=3" \
    'any(.periods[]; .too_few) and all(.periods[]; .too_few == (.a_events < 3 or .b_events < 3))'
expect "align: min_events=1 gives a similarity where the default has too few" 200 \
    "/api/align?a=IRN&b=RUS&min_events=1" \
    'any(.periods[]; .too_few | not) and all(.periods[]; .too_few == (.a_events < 1 or .b_events < 1))'
"$E" align IRN RUS --db "$T/seeds.sqlite" --by month --min-events 1 --format json > "$T/cli.json" 2>/dev/null
req "/api/align?a=IRN&b=RUS&min_events=1"
check "align: min_events=1, the same JSON as the CLI's --min-events 1" cmp -s "$T/cli.json" "$T/body"
req "/api/align?a=IRN&b=RUS"
check "align: without min_events, not the same as min_events=1" sh -c "! cmp -s '$T/cli.json' '$T/body'"
expect "bloc: min_events" 200 "/api/bloc?members=IRN,RUS,SYR&min_events=1" '.verdict.text | startswith("IRN+RUS+SYR")'
expect "network" 200 "/api/network" '(.nodes | length) > 2 and (.edges | length) > 2'
expect "network around RUS" 200 "/api/network?a=RUS&level=actor&from=2016-01-01" \
    'all(.edges[]; (.source | startswith("RUS")) or (.target | startswith("RUS")))'
expect "events carry the CAMEO name beside the code" 200 "/api/events?limit=20" \
    '.count > 0 and all(.events[]; (.name | type) == "string" and (.name | length) > 3)'
expect "events of a pair, both directions" 200 "/api/events?a=IRN&b=RUS" \
    '.count > 0 and all(.events[]; ((.source.code | startswith("IRN")) and (.target.code | startswith("RUS"))) or ((.source.code | startswith("RUS")) and (.target.code | startswith("IRN"))))'
expect "events of chosen modes" 200 "/api/events?modes=hypothetical,negated&limit=1000" \
    '.count > 0 and all(.events[]; .mode == "hypothetical" or .mode == "negated")'
expect "places: coordinates and counts per quad class" 200 "/api/places" \
    'length > 0 and all(.[]; (.lat | type) == "number" and (.lon | type) == "number" and .events == (.quad | add) and .events == ([.modes[]] | add) and (has("source") | not))'
expect "places of an actor, per dyad" 200 "/api/places?a=SYR" \
    'length > 0 and all(.[]; (.source | startswith("SYR")) or (.target | startswith("SYR")))'
expect "places count only the modes asked" 200 "/api/places?modes=hypothetical" \
    'all(.[]; .modes.asserted == 0 and .modes.reported == 0 and .modes.negated == 0)'
expect "places by year" 200 "/api/places?by=year" 'length > 0 and all(.[]; (.period | length) == 10)'
expect "bloc: cohesion with a verdict" 200 "/api/bloc?members=IRN,RUS,SYR" \
    '.members == ["IRN","RUS","SYR"] and (.verdict.text | startswith("IRN+RUS+SYR"))'
# the same JSON as `entente bloc --format json`
"$E" bloc --db "$T/seeds.sqlite" --format json IRN RUS SYR > "$T/cli.json" 2>/dev/null
req "/api/bloc?members=IRN,RUS,SYR"
check "bloc: same JSON as the CLI" cmp -s "$T/cli.json" "$T/body"
# the same JSON as `entente dyads --format json`
"$E" dyads --db "$T/seeds.sqlite" --format json IRN RUS > "$T/cli.json" 2>/dev/null
req "/api/dyads?a=IRN&b=RUS"
check "dyads: same JSON as the CLI" cmp -s "$T/cli.json" "$T/body"
req "/api/summary" -I
check "HEAD: 200" [ "$CODE" = 200 ]
check "HEAD: no body (curl -I writes only the headers)" sh -c "! grep -q '{' '$T/body'"

# ---- bad parameters: 400 with a JSON error ----
for p in "/api/events?from=2016-13-40" "/api/events?to=2015-02-29" "/api/events?from=2016-1-1" \
         "/api/events?actor=rus;drop" "/api/events?actor=R" "/api/events?source=RUS%27--" \
         "/api/events?code=abc" "/api/events?code=12345" "/api/events?root=1" \
         "/api/events?mode=sure" "/api/events?limit=-1" "/api/events?limit=0" \
         "/api/events?limit=100000" "/api/events?limit=1e3" "/api/events?offset=-5" \
         "/api/events?offset=99999999" "/api/events?place=%3Cscript%3E" \
         "/api/events?unknown=1" "/api/events?members=IRN,RUS" "/api/summary?x=1" "/api/dyads?actor=RUS" \
         "/api/dyads?from=2017-01-01&to=2016-01-01" "/api/dyads?from=1900-01-01&to=2001-01-02" \
         "/api/dyads?by=decade" "/api/dyads?level=planet" "/api/dyads?b=RUS" \
         "/api/align?a=IRN" "/api/align?b=RUS" "/api/network?b=RUS" "/api/network?by=month" \
         "/api/events?actor=RUS&actor=IRN" "/api/events?actor=RUS%00" "/api/events?%00=1" \
         "/api/events?modes=sure" "/api/events?mode=asserted&modes=asserted" "/api/network?modes=all" \
         "/api/dyads?modes=asserted,,x" "/api/places?b=RUS" "/api/places?by=decade" "/api/bloc" \
         "/api/bloc?members=IRN" "/api/bloc?members=IRN,r" \
         "/api/align?a=IRN&b=RUS&min_events=0" "/api/align?a=IRN&b=RUS&min_events=x" \
         "/api/align?a=IRN&b=RUS&min_events=100001" "/api/dyads?min_events=1" "/api/bloc?members=A1,A2,A3,A4,A5,A6,A7,A8,A9,B1,B2,B3,B4,B5,B6,B7,B8"; do
    expect "400 for $p" 400 "$p" '(.error | type) == "string" and (.error | length) > 3 and (keys == ["error"])'
done
req "/api/events?from=2016-13-40"
check "a bad parameter's error says which" jqb '.error | startswith("from")'
req "/api/events?actor=1%27%20OR%201=1"
check "no SQL error leaks" sh -c "! grep -qi 'sql\|syntax' '$T/body'"

# ---- paths and methods ----
for p in "/../etc/passwd" "/%2e%2e/" "/%2e%2e/%2e%2e/etc/passwd" "/api/../../etc/passwd" \
         "/api/summary/" "/api" "/api/" "/dashboard.html" "/chart.umd.gen.js" "/data/verbs.txt" \
         "//etc/passwd" "/index.html" "/API/summary"; do
    req "$p" --path-as-is
    if [ "$CODE" = 404 ] && jqb '.error'; then ok; else no "404 for $p (status $CODE)"; fi
done
for m in POST PUT DELETE PATCH OPTIONS; do
    req "/api/summary" -X $m -d 'x=1'
    if [ "$CODE" = 405 ] && jqb '.error' && header Allow "GET, HEAD"; then ok; else no "405 for $m (status $CODE)"; fi
done
req "/api/summary" -H "Host: attacker.example"
check "a foreign Host header is refused (DNS rebinding)" [ "$CODE" = 400 ]
req "/api/summary" -H "Host: localhost:$PORT"
check "Host localhost is fine" [ "$CODE" = 200 ]

# ---- a 100 KB query string ----
long=$(head -c 100000 /dev/zero | tr '\0' 'A')
req "/api/events?actor=$long"
check "100 KB query: refused, not 200 (status $CODE)" [ "$CODE" != 200 ] && [ "$CODE" != 000 ]
req "/api/events?$long=1"
check "100 KB parameter name: refused" [ "$CODE" != 200 ]
# ~500 parameters: the promised 400, not a closed connection (they would
# fill libmicrohttpd's memory pool; serve.c cuts the query after 32)
many=$(seq 1 500 | sed 's/.*/x&=1/' | paste -sd'&')
expect "500 parameters: 400 with a JSON error" 400 "/api/events?$many" '.error | test("too many parameters")'
many=$(seq 1 500 | sed 's/.*/actor=RUS/' | paste -sd'&')
expect "500 times one parameter: 400" 400 "/api/dyads?$many" '.error | test("too many parameters")'
many=$(seq 1 33 | sed 's/.*/x&=1/' | paste -sd'&')
expect "33 parameters: 400" 400 "/api/summary?$many" '.error | test("too many parameters")'
many=$(seq 1 32 | sed 's/.*/x&=1/' | paste -sd'&')
expect "32 parameters: checked one by one (the first is unknown)" 400 "/api/summary?$many" '.error | test("unknown parameter .x1.")'
req "/?$(seq 1 500 | sed 's/.*/pair=IRN:RUS/' | paste -sd'&')"
check "500 parameters on the page: the page ($CODE)" [ "$CODE" = 200 ]
req "/api/summary"
check "alive after the long queries" [ "$CODE" = 200 ]
# keep-alive: the dashboard's requests share one connection (serve.c
# answers once the request is read whole; answering on the headers' call
# made libmicrohttpd close it after every answer)
curl -s -v --max-time 60 -o /dev/null -o /dev/null "${U}/api/summary" "${U}/api/pairs" > "$T/ka.log" 2>&1
check "keep-alive: two requests on one connection" grep -q 'Re-using existing connection' "$T/ka.log"
check "keep-alive: no 'Connection: close' in the answers" sh -c "! grep -qi '^< Connection: close' '$T/ka.log'"
req "/api/summary" -X POST -d 'x=1'
check "a request with a body: read and dropped, 405 ($CODE)" [ "$CODE" = 405 ]

# ---- the dashboard files ----
req "/"
check "GET /: the page" [ "$CODE" = 200 ]
check "GET /: text/html" header Content-Type "text/html"
check "GET /: CSP" header Content-Security-Policy "default-src 'self'"
check "GET /: the placeholder's content" grep -q 'dyad-chart' "$T/body"
req "/?pair=IRN:RUS"
check "GET /?pair=IRN:RUS: the page (its own parameters are the page's)" [ "$CODE" = 200 ]
req "/dashboard.js"
check "dashboard.js" [ "$CODE" = 200 ] && header Content-Type "text/javascript"
req "/dashboard.css"
check "dashboard.css" [ "$CODE" = 200 ] && header Content-Type "text/css"
req "/chart.umd.js"
check "chart.umd.js (from chart.umd.gen.js)" grep -q 'chart placeholder' "$T/body"
rm "$T/assets/dashboard.css"
req "/dashboard.css"
check "a missing file: 503 naming it" [ "$CODE" = 503 ] && jqb '.error | contains("dashboard.css")'

# ---- 10 parallel clients x 20 requests ----
: > "$T/urls"
for i in $(seq 1 20); do
    for p in "/api/summary" "/api/events?actor=RUS&limit=5" "/api/dyads?by=week" \
             "/api/align?a=IRN&b=RUS" "/api/network" "/api/events?code=04" "/" \
             "/api/dyads?a=RUS&level=actor" "/api/events?offset=$i&limit=3" "/dashboard.js"; do
        echo "$U$p" >> "$T/urls"
    done
done
xargs -P 10 -n 1 curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 < "$T/urls" > "$T/codes"
check "parallel: 200 requests" [ "$(wc -l < "$T/codes")" -eq 200 ]
check "parallel: all 200" [ "$(grep -c "^200$" "$T/codes")" -eq 200 ] || sort "$T/codes" | uniq -c
check "parallel: the server is still alive" kill -0 "$PID"
req "/api/summary"
check "parallel: still answering" [ "$CODE" = 200 ]

# ---- only on 127.0.0.1 ----
hex=$(printf '%04X' "$PORT")
listen4=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p {print $2}' /proc/net/tcp)
listen6=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p {print $2}' /proc/net/tcp6 2>/dev/null)
check "listens on 127.0.0.1 only (tcp: $listen4)" [ "$listen4" = "0100007F:$hex" ]
check "does not listen on IPv6" [ -z "$listen6" ]

# ---- stopping ----
stop_server
check "SIGTERM: exit status 0" [ "$STOP_RC" = 0 ]
check "SIGTERM: says so" grep -q "stopped (SIGTERM)" "$T/serve.log"
check "no crash report in the log" sh -c "! grep -qi 'sanitizer\|segmentation\|abort' '$T/serve.log'"

# ---- undated events: the summary says how many ----
printf 'Russia attacked Aleppo on November 23. Iran condemned Israel.\n' > "$T/nodate.txt"
echo '{"id":"dated","date":"2016-12-20","text":"Iran condemned Turkey. Russia criticized Israel."}' > "$T/dated.jsonl"
"$E" code "$T/nodate.txt" "$T/dated.jsonl" --db "$T/undated.sqlite" -f none 2>/dev/null
nund=$(sqlite3 "$T/undated.sqlite" 'select count(*) from events where date is null')
if start_server "$T/undated.sqlite" --quiet; then
    expect "summary: dates.undated counts the events with no date ($nund)" 200 "/api/summary" \
        ".dates.undated == $nund and $nund >= 2 and .events > $nund"
    stop_server
else
    no "undated store: server did not start"
fi

# ---- slow clients (slowloris): the request deadline, the per-address limit ----
# slow.py opens connections that send a request a byte at a time
cat > "$T/slow.py" <<'PY'
# slow.py PORT SRC COUNT INTERVAL MAX PREFIX TRICKLE: open COUNT connections
# from each address of SRC (a comma list) to 127.0.0.1:PORT; on each send
# PREFIX at once, then TRICKLE a byte every INTERVAL seconds. Prints
# "connected N" once all are open, then per connection "closed SECONDS
# BYTES" (seconds from connecting until the server closed it, bytes it
# answered) or "open" after MAX s.
import socket, sys, threading, time
port, count = int(sys.argv[1]), int(sys.argv[3])
interval, limit = float(sys.argv[4]), float(sys.argv[5])
prefix = sys.argv[6].encode().decode("unicode_escape").encode()
trickle = sys.argv[7].encode().decode("unicode_escape").encode()
srcs = sys.argv[2].split(",")
results = [None] * (count * len(srcs))

def run(i, s, t0):
    got, sent = 0, 0
    try:
        s.sendall(prefix)
    except OSError:
        results[i] = "closed %.2f 0" % (time.monotonic() - t0)
        return
    s.settimeout(interval)
    while time.monotonic() - t0 < limit:
        try:
            data = s.recv(65536)
            if not data:
                break
            got += len(data)
            continue
        except socket.timeout:
            pass
        except OSError:
            break
        try:
            if sent < len(trickle):
                s.send(trickle[sent:sent + 1])
                sent += 1
        except OSError:
            break
    else:
        results[i] = "open"
        return
    results[i] = "closed %.2f %d" % (time.monotonic() - t0, got)

socks = []
for i in range(count * len(srcs)):
    s = socket.socket()
    s.bind((srcs[i // count], 0))
    t0 = time.monotonic()
    s.connect(("127.0.0.1", port))
    socks.append((s, t0))
print("connected", len(socks), flush=True)
threads = [threading.Thread(target=run, args=(i, s, t0)) for i, (s, t0) in enumerate(socks)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in results:
    print(r, flush=True)
PY
HEAD_GET='GET /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
# slow OUT SRC COUNT MAX PREFIX TRICKLE: slow.py in the background (pid in
# SLOWPID), once its connections are open
slow() {
    out=$1; shift
    : > "$out"
    python3 "$T/slow.py" "$PORT" "$1" "$2" 1 "$3" "$4" "$5" > "$out" 2>&1 &
    SLOWPID=$!
    for _ in $(seq 1 50); do
        grep -q '^connected' "$out" && break
        sleep 0.1
    done
}
# closed_within OUT N LO HI: N lines "closed S 0" with LO <= S <= HI
closed_within() {
    [ "$(grep -c '^closed' "$1")" = "$2" ] &&
        awk -v lo="$3" -v hi="$4" '$1 == "closed" && ($2 < lo || $2 > hi || $3 != 0) {bad = 1}
                                   END {exit bad}' "$1"
}
# shown OUT: the results in one line, for a failure's message
shown() { grep -v '^connected' "$1" | sort | uniq -c | tr -s ' \n' ' '; }
if start_server "$T/seeds.sqlite" --dict "$T/assets" --request-seconds 2; then
    # 8 connections trickle a request head, a byte a second
    slow "$T/slow8" 127.0.0.1 8 8 "" "$HEAD_GET"
    sleep 1
    r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 "$U/api/summary")
    check "slow clients: a request is answered while 8 trickle ($r)" \
        awk -v r="$r" 'BEGIN {split(r, a, " "); exit !(a[1] == 200 && a[2] < 1)}'
    wait "$SLOWPID"
    check "slow clients: 8 trickling heads closed 2-4 s after connecting, unanswered ($(shown "$T/slow8"))" \
        closed_within "$T/slow8" 8 1.9 4
    check "slow clients: the log names the deadline" \
        grep -q 'closed a connection from 127.0.0.1: no whole request within 2 s' "$T/serve.log"
    # a request with a slow body: the deadline covers the whole request
    slow "$T/body" 127.0.0.1 1 8 'POST /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 40\r\n\r\n' \
        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
    wait "$SLOWPID"
    check "slow clients: a trickled body is closed 2-4 s after connecting ($(shown "$T/body"))" \
        closed_within "$T/body" 1 1.9 4
    # keep-alive: the clock starts again after an answer
    slow "$T/ka" 127.0.0.1 1 8 "$HEAD_GET" ""
    wait "$SLOWPID"
    check "slow clients: an idle kept-alive connection, answered, is closed 2-4 s later ($(shown "$T/ka"))" \
        awk '$1 == "closed" && $2 >= 1.9 && $2 <= 4 && $3 > 100 {ok = 1} END {exit !ok}' "$T/ka"
    # 16 connections from one address are its limit: the 17th is refused
    slow "$T/slow16" 127.0.0.1 16 8 "" "$HEAD_GET"
    sleep 0.5
    python3 "$T/slow.py" "$PORT" 127.0.0.1 1 1 3 "" "$HEAD_GET" > "$T/slow17" 2>&1
    check "per-address limit: the 17th connection from 127.0.0.1 is closed at once ($(shown "$T/slow17"))" \
        closed_within "$T/slow17" 1 0 0.5
    r=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --interface 127.0.0.2 "$U/api/summary")
    check "per-address limit: another address is served meanwhile ($r)" [ "$r" = 200 ]
    wait "$SLOWPID"
    check "per-address limit: the 16 are closed by the deadline ($(shown "$T/slow16"))" \
        closed_within "$T/slow16" 16 1.9 4
    req "/api/summary"
    check "slow clients: 127.0.0.1 is served again once they are closed ($CODE)" [ "$CODE" = 200 ]
    # 4 addresses x 16 take all 64 connections: a 65th is refused until the
    # deadline frees them
    slow "$T/fill" 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5 16 8 "" "$HEAD_GET"
    sleep 0.5
    r=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --interface 127.0.0.6 "$U/api/summary")
    check "connection limit: with 64 slow connections a 65th is refused ($r)" [ "$r" = 000 ]
    wait "$SLOWPID"
    check "connection limit: the 64 are closed by the deadline ($(shown "$T/fill"))" \
        closed_within "$T/fill" 64 1.9 4
    r=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --interface 127.0.0.6 "$U/api/summary")
    check "connection limit: then a new client is served ($r)" [ "$r" = 200 ]
    stop_server
    check "slow clients: clean stop" [ "$STOP_RC" = 0 ]
    check "slow clients: no crash report in the log" sh -c "! grep -qi 'sanitizer\|segmentation\|abort' '$T/serve.log'"
else
    no "slow clients: server did not start"
fi
"$E" serve --db "$T/seeds.sqlite" --request-seconds 0 --max-seconds 1 2>/dev/null
check "serve: --request-seconds 0 is a usage error" [ $? -eq 2 ]

# ---- a generated store of 1,000,000 events ----
if [ "${SERVE_BIG:-1}" != 0 ]; then
    printf 'Russia met Iran in Moscow.\n' > "$T/one.txt"
    "$E" code "$T/one.txt" --date 2016-12-23 --db "$T/big.sqlite" -f none 2>/dev/null
    t0=$(date +%s)
    sqlite3 "$T/big.sqlite" > /dev/null <<'EOF'
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-200000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO documents(id, path, title, source, date, date_source, text, coded_at)
SELECT printf('gen%06d', i), 'generated', 'Generated document ' || i, 'outlet' || (i % 40),
       date('1990-01-01', '+' || (i * 7 % 12000) || ' days'), 'option',
       'Generated document ' || i || '.', '2024-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO sentences(doc_id, idx, start, end, text)
SELECT printf('gen%06d', i / 10), i % 10, (i % 10) * 64, (i % 10) * 64 + 60,
       'Sentence ' || (i % 10) || ' of generated document ' || (i / 10) || ': Russia and Iran met.'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999),
a(s) AS (VALUES('RUS   RUSGOVRUSMILIRN   IRNGOVIRNMILTUR   TURGOVSYR   SYRGOVUSA   USAGOVIGOUNOREB   UAF   ISR   CHN   SAU   FRA   GBR   ')),
c(s) AS (VALUES('010 020 036 042 043 046 050 051 057 061 071 080 111 120 130 141 173 190 193 195 ')),
g(s) AS (VALUES(' 0.0 3.0 4.0 1.9 2.8 7.0 3.5 3.4 8.0 6.4 7.4 5.0-2.0-4.0-4.4-6.5-5.0-10.-10.-10.')),
r AS (SELECT i, i / 10 AS doc, i % 10 AS sent,
             trim(substr(a.s, 1 + 6 * ((i * 7 + i / 13) % 20), 6)) AS src,
             trim(substr(a.s, 1 + 6 * ((i * 11 + 3 + i / 17) % 20), 6)) AS tgt,
             (i * 3 + i / 7) % 20 AS k, c.s AS cs, g.s AS gs FROM n, a, c, g)
INSERT INTO events(doc_id, sentence, date, source, source_text, target, target_text, code, root,
                   quad, goldstein, plover, mode, evidence, date_rule, date_text, scheduled)
SELECT printf('gen%06d', doc), sent, date('1990-01-01', '+' || (doc * 7 % 12000) || ' days'),
       src, 'the ' || src, tgt, 'the ' || tgt,
       trim(substr(cs, 1 + 4 * k, 4)), substr(cs, 1 + 4 * k, 2),
       CASE WHEN k < 9 THEN 1 WHEN k < 12 THEN 2 WHEN k < 15 THEN 3 ELSE 4 END,
       CAST(trim(substr(gs, 1 + 4 * k, 4)) AS REAL), 'GENERATED',
       CASE WHEN i % 10 < 6 THEN 'asserted' WHEN i % 10 < 8 THEN 'reported'
            WHEN i % 10 < 9 THEN 'hypothetical' ELSE 'negated' END,
       'generated', 'document', '', 0
FROM r;
COMMIT;
EOF
    n=$(sqlite3 "$T/big.sqlite" "SELECT count(*) FROM events")
    check "big store: 1,000,001 events (generated in $(($(date +%s) - t0)) s)" [ "$n" = 1000001 ]
    # the raw inserts above went through the triggers of schema version 3
    check "big store: the aggregates agree with the events" \
        [ "$(sqlite3 "$T/big.sqlite" < test/agg_check.sql)" = 0 ]
    start_server "$T/big.sqlite" --quiet || no "big store: server did not start"
    # correctness only: the timings are bench/serve.sh's (make bench)
    req "/api/summary"
    check "big store: summary counts every event and document" \
        jqb '.events == 1000001 and .documents == 100001 and .sentences == 1000001
             and ([.modes[]] | add) == 1000001 and ([.quad[]] | add) == 1000001
             and (.top_actors | length) > 5 and .top_pairs[0].events > 0'
    modes=$(sqlite3 "$T/big.sqlite" "SELECT count(*) FROM events WHERE mode = 'asserted'")
    check "big store: summary's asserted events are the store's ($modes)" jqb ".modes.asserted == $modes"
    req "/api/events?actor=RUS&limit=50"
    check "big store: 50 RUS events with text" jqb '.count == 50 and .more and all(.events[]; (.text | length) > 0)'
    req "/api/events?limit=50"
    check "big store: the 50 newest events" jqb '.count == 50 and .more and (.events[0].date >= .events[49].date)'
    req "/api/events?limit=50&offset=50000"
    check "big store: a deep page" jqb '.count == 50 and .offset == 50000'
    req "/api/dyads?by=month"
    check "big store: dyads has rows" jqb 'length > 1000'
    n=$(sqlite3 "$T/big.sqlite" "SELECT count(*) FROM events WHERE mode IN ('asserted', 'reported')
        AND substr(source, 1, 3) = 'RUS' AND substr(target, 1, 3) = 'IRN'")
    req "/api/network?a=RUS"
    check "big store: network RUS -> IRN counts the store's $n events" \
        jqb "[.edges[] | select(.source == \"RUS\" and .target == \"IRN\") | .events] == [$n]"
    stop_server
    check "big store: clean stop" [ "$STOP_RC" = 0 ]
fi

echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
