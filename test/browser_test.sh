#!/bin/sh
# browser_test.sh - the dashboard in a real browser: `entente serve` on a
# store of the seed articles, headless Chromium loads the page, and the
# rendered DOM must hold the charts (canvas#dyad-chart, canvas#align-chart),
# the pair selector (select#pair) and the event table (table#events with
# rows); the verdict's level only where a similarity is; min_events from
# the URL; a store of undated seeds, said so in words (screenshot
# build/dashboard-undated.png); a screenshot is kept as build/dashboard.png; then
# test/browser_click.js clicks through every control and checks what is
# drawn after each click (screenshots build/dash-*.png). Installs nothing: when
# Chromium is absent the test is skipped. Prints
# "browser: N passed, N failed[, N skipped]".
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
E="$BUILD/entente"
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROME" ]; then
    echo "browser: Chromium not found (apt-get install chromium), skipped"
    echo "browser: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
if [ ! -f assets/dashboard.html ]; then
    echo "browser: the dashboard page (assets/dashboard.html) is not written yet, skipped"
    echo "browser: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
T=$(mktemp -d)
PID=
PID2=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null
    [ -n "$PID2" ] && kill "$PID2" 2>/dev/null
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

check "the dashboard files are built into data/" [ -f data/dashboard.html ] && [ -f data/dashboard.js ] \
    && [ -f data/dashboard.css ] && [ -f data/chart.umd.gen.js ]
"$E" code "$SHARED/seeds/" --date 2016-12-23 --db "$T/seeds.sqlite" -f none 2>/dev/null
# the dated Syrian-war corpus too, so that IRN-RUS has periods to judge
[ -f "$SHARED/corpora/fakes-syria.jsonl" ] &&
    "$E" code "$SHARED/corpora/fakes-syria.jsonl" --db "$T/seeds.sqlite" -f none 2>/dev/null
# the port a server started with --port 0 says it listens on (its log $1),
# waited for up to 10 s
serve_port() {
    for _ in $(seq 1 100); do
        p=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$1")
        [ -n "$p" ] && { echo "$p"; return; }
        sleep 0.1
    done
}
"$E" serve --db "$T/seeds.sqlite" --dict data --port 0 --max-seconds 600 2> "$T/serve.log" &
PID=$!
PORT=$(serve_port "$T/serve.log")
if [ -z "$PORT" ]; then
    no "the server did not start: $(cat "$T/serve.log")"
    echo "browser: $pass passed, $fail failed"
    exit 1
fi
URL="http://127.0.0.1:$PORT/?pair=IRN:RUS&pairs=IRN:RUS"

# chrome ARGS...: headless Chromium with a fresh profile, nothing phoned home
chrome() {
    profile=$(mktemp -d "$T/profile.XXXXXX")
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --no-first-run --disable-dev-shm-usage \
        --user-data-dir="$profile" --virtual-time-budget=5000 "$@" 2>> "$T/chrome.log"
}
chrome --dump-dom "$URL" > "$T/dom.html"
check "Chromium printed the DOM" [ -s "$T/dom.html" ]
check "canvas#dyad-chart" grep -Eq '<canvas[^>]*id="dyad-chart"' "$T/dom.html"
check "canvas#align-chart" grep -Eq '<canvas[^>]*id="align-chart"' "$T/dom.html"
check "select#pair with the IRN-RUS pair" sh -c \
    "tr '\n' ' ' < '$T/dom.html' | grep -Eo '<select[^>]*id=\"pair\".*</select>' | grep -Eq '<option[^>]*>[^<]*IRN[^<]*RUS|<option[^>]*>[^<]*RUS[^<]*IRN'"
# the rows of table#events' body
tr '\n' ' ' < "$T/dom.html" | grep -Eo '<table[^>]*id="events".*' | sed 's|</table>.*||' |
    grep -Eo '<tbody.*</tbody>' | grep -Eo '<tr[ >]' | wc -l > "$T/rows"
rows=$(cat "$T/rows")
check "table#events has rows ($rows)" [ "$rows" -ge 5 ]
check "the event table shows sentences with the source marked" grep -q '<mark class="source"' "$T/dom.html"
check "the page called the API" grep -q 'GET /api/summary 200' "$T/serve.log"
check "the page made no bad request (favicon aside)" sh -c \
    "! grep -v favicon.ico '$T/serve.log' | grep -Eq ' [45][0-9][0-9] [0-9.]+ ms\$'"

# pair, period: driven by the URL; what the charts drew is in data-drawn
for by in quarter year; do
    chrome --dump-dom "http://127.0.0.1:$PORT/?pairs=IRN-RUS&by=$by" > "$T/dom-$by.html"
    check "by=$by: the verdict line opens on IRN-RUS" grep -Eq 'id="verdict"[^>]*>IRN.RUS: ' "$T/dom-$by.html"
    check "by=$by: the verdict counts ${by}s and gives n" grep -Eq "id=\"verdict\"[^>]*>[^<]*${by}s[^<]*n = [0-9]" "$T/dom-$by.html"
    check "by=$by: counts drawn as bars, Goldstein as a step" grep -Eq 'id="dyad-chart"[^>]*data-drawn="bar bar step"' "$T/dom-$by.html"
    check "by=$by: similarity, interval and verdict drawn as steps" grep -Eq 'id="align-chart"[^>]*data-drawn="step step step step bar bar"' "$T/dom-$by.html"
    check "by=$by: no spline anywhere" sh -c "! grep -Eq 'data-drawn=\"[^\"]*line' '$T/dom-$by.html'"
done
check "both charts share one time axis" sh -c "[ \"\$(grep -Eo 'id=\"dyad-chart\"[^>]*data-periods=\"[0-9]+\"' '$T/dom-year.html' | grep -Eo '[0-9]+\"\$')\" = \"\$(grep -Eo 'id=\"align-chart\"[^>]*data-periods=\"[0-9]+\"' '$T/dom-year.html' | grep -Eo '[0-9]+\"\$')\" ]"
check "by=year: year labels" grep -Eq 'id="align-chart"[^>]*data-first="[0-9]{4}"' "$T/dom-year.html"
# the verdict's level is drawn where a similarity is, not over empty periods
for by in quarter year; do
    v=$(grep -Eo 'data-verdict-at="[0-9,]*"' "$T/dom-$by.html" | grep -Eo '"[0-9,]*"')
    s=$(grep -Eo 'data-similarity-at="[0-9,]*"' "$T/dom-$by.html" | grep -Eo '"[0-9,]*"')
    check "by=$by: the verdict line spans the periods with a similarity only ($v, $s)" [ -n "$s" ] && [ "$v" = "$s" ]
done
# min_events from the URL reaches /api/align: more periods get a similarity
chrome --dump-dom "http://127.0.0.1:$PORT/?pairs=IRN-RUS&by=quarter&min_events=1" > "$T/dom-min1.html"
check "min_events=1: the verdict judges 3 or more quarters" grep -Eq 'id="verdict"[^>]*>IRN.RUS: [^<]*n = [0-9,]+ in ([3-9]|[1-9][0-9]+) quarters' "$T/dom-min1.html"
check "min_events=1: the page says so" grep -q 'a similarity needs 1 third-party events a side' "$T/dom-min1.html"
check "min_events=1: more periods with a similarity than the default" [ \
    "$(grep -Eo 'data-similarity-at="[0-9,]*"' "$T/dom-min1.html" | tr -cd ',' | wc -c)" -gt \
    "$(grep -Eo 'data-similarity-at="[0-9,]*"' "$T/dom-quarter.html" | tr -cd ',' | wc -c)" ]
check "by=quarter: quarter labels" grep -Eq 'id="align-chart"[^>]*data-first="[0-9]{4}-Q[1-4]"' "$T/dom-quarter.html"
check "the drivers name events with doc and sentence" grep -Eq 'id="drivers".*doc [^,]+, sentence [0-9]+' "$T/dom-quarter.html"

# undated seeds: the page says so in words, and the period is "undated"
"$E" code "$SHARED/seeds/" --db "$T/undated.sqlite" -f none 2>/dev/null
"$E" serve --db "$T/undated.sqlite" --dict data --port 0 --max-seconds 600 2> "$T/serve2.log" &
PID2=$!
PORT2=$(serve_port "$T/serve2.log")
chrome --dump-dom "http://127.0.0.1:$PORT2/?pairs=IRN-RUS&by=year" > "$T/dom-undated.html"
check "undated: the page says how many events are undated and what to do" grep -Eq \
    'id="undated-note"[^>]*>[0-9]+ of [0-9]+ events between IRN and RUS undated: give --date or --date-from-file' "$T/dom-undated.html"
check "undated: the year axis says 'undated', not 'unkn'" grep -Eq 'id="align-chart"[^>]*data-first="undated"' "$T/dom-undated.html"
check "dated: no undated note" grep -Eq 'id="undated-note"[^>]*hidden' "$T/dom-year.html"
mkdir -p "$BUILD"
rm -f "$BUILD/dashboard-undated.png"
chrome --window-size=1400,1000 --hide-scrollbars --screenshot="$BUILD/dashboard-undated.png" \
    "http://127.0.0.1:$PORT2/?pairs=IRN-RUS&by=year" > /dev/null
check "screenshot $BUILD/dashboard-undated.png" [ -s "$BUILD/dashboard-undated.png" ]
kill -TERM "$PID2"
wait "$PID2"
PID2=

rm -f "$BUILD/dashboard.png" "$BUILD/dashboard-year.png" "$BUILD"/dash-*.png
chrome --window-size=1400,1400 --hide-scrollbars --screenshot="$BUILD/dashboard-year.png" \
    "http://127.0.0.1:$PORT/?pairs=IRN-RUS&by=year" > /dev/null
check "screenshot $BUILD/dashboard-year.png" [ -s "$BUILD/dashboard-year.png" ]
chrome --window-size=1280,2400 --hide-scrollbars --screenshot="$BUILD/dashboard.png" "$URL" > /dev/null
check "screenshot $BUILD/dashboard.png" [ -s "$BUILD/dashboard.png" ]

# click through the page: pair, period, a network node and edge, a map
# circle, a chart bar, a mode, the dates; then the offline report
# (test/browser_click.js speaks the DevTools protocol over node's WebSocket)
if command -v node >/dev/null 2>&1 && node --experimental-websocket -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
    "$E" report --db "$T/seeds.sqlite" --out "$T/report.html" --pairs IRN-RUS,RUS-TUR --by quarter 2>/dev/null
    check "the report for the click-through" [ -s "$T/report.html" ]
    timeout 300 node --experimental-websocket test/browser_click.js "$CHROME" "http://127.0.0.1:$PORT" \
        "$T/report.html" "$BUILD" > "$T/clicks.log" 2>&1
    grep '^FAIL' "$T/clicks.log"
    line=$(grep -E '^clicks: [0-9]+ passed, [0-9]+ failed' "$T/clicks.log" | tail -1)
    if [ -n "$line" ]; then
        pass=$((pass + $(echo "$line" | sed -E 's/clicks: ([0-9]+) passed.*/\1/')))
        fail=$((fail + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
    else
        no "the click-through printed no total: $(tail -5 "$T/clicks.log")"
    fi
    for f in dash-open dash-network dash-map dash-clicked dash-report; do
        check "screenshot $BUILD/$f.png" [ -s "$BUILD/$f.png" ]
    done
else
    echo "browser: node with WebSocket (node 20+) not found, the click-through is skipped"
fi

kill -TERM "$PID"
wait "$PID"
check "the server stopped cleanly" [ $? -eq 0 ]
PID=
if [ "$fail" -ne 0 ]; then
    echo "--- server log"; tail -20 "$T/serve.log"
    echo "--- chromium log"; tail -20 "$T/chrome.log"
fi
echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
