#!/bin/sh
# report_test.sh - tests of `entente report`: codes the seed articles into a
# store, writes the HTML report and checks that it is self-contained (no
# network), carries Chart.js, the data (the IRN/RUS pair, events with their
# sentences) and that no data can close its <script> early; the options and
# their errors; and, when chromium is installed, that the page renders
# (DOM after the scripts ran, and a screenshot). Needs jq and sqlite3.
# Prints "report: N passed, N failed, N skipped"; exits 1 on a failure.
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
E="$BUILD/entente"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else no "$d"; fi
}
# the JSON assigned to window.ENTENTE_DATA in report $1
data_of() {
    awk '/^window\.ENTENTE_DATA = /{on=1; sub(/^window\.ENTENTE_DATA = /, "")}
         on && /^<\/script>/{exit}
         on{print}' "$1" | sed '$ s/;$//'
}
jqtrue() { # jqtrue FILE FILTER: the filter is true on the report's data
    [ "$(data_of "$1" | jq -r "$2" 2>/dev/null)" = "true" ]
}

# ---- the store and the report ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 --db "$T/seeds.sqlite" -f none -q 2>/dev/null
check "code --db: exit status 0 or 1" [ $? -le 1 ]
"$E" report --db "$T/seeds.sqlite" --out "$T/report.html" 2> "$T/report.err"
rc=$?
check "report: exit status 0" [ $rc -eq 0 ]
[ $rc -eq 0 ] || cat "$T/report.err"
check "report: the file exists and is not empty" [ -s "$T/report.html" ]
check "report: no temporary file left" [ ! -e "$T/report.html.tmp" ]
check "report: one HTML document" grep -q '^<!DOCTYPE html>' "$T/report.html"
# offline: nothing is loaded from elsewhere
check "offline: no remote script, link, img or iframe" \
    sh -c "! grep -Eiq '<(script|link|img|iframe)[^>]*(src|href)=' '$T/report.html'"
# (a link in a library's text, like Leaflet's attribution <a href="https://...">, loads nothing)
check "offline: no http(s):// src or href" \
    sh -c "! grep -Eio '(<a +)?(src|href) *= *[\"'\'']?(https?:)?//' '$T/report.html' | grep -Evq '^<a'"
check "the network and the map libraries inlined" sh -c "grep -q 'cytoscape' '$T/report.html' && grep -q 'Leaflet' '$T/report.html' && grep -q 'window.ENTENTE_WORLD = {\"type\":\"Topology\"' '$T/report.html'"
check "the report holds the places of its events" sh -c "grep -q '\"places\":{\"names\":\[\[\"' '$T/report.html'"
check "the report holds the CAMEO names" sh -c "grep -q '\"042\":\"Make a visit\"' '$T/report.html'"
check "offline: no @import or url(http" sh -c "! grep -Eiq '@import|url\\( *[\"'\'']?https?:' '$T/report.html'"
check "offline: no source-map comment" sh -c "! grep -q 'sourceMappingURL' '$T/report.html'"
check "Chart.js inlined" grep -q 'Chart.js v4' "$T/report.html"
check "Chart.js sets window.Chart" grep -q 'window.Chart=' "$T/report.html"
check "the app inlined" grep -q 'ENTENTE_DATA' "$T/report.html"
check "no live-server block left" sh -c "! grep -q 'LIVE@' '$T/report.html'"
check "no placeholder left" sh -c "! grep -q '/\\*@[A-Z_]*@\\*/' '$T/report.html'"
# the data
data_of "$T/report.html" > "$T/data.json"
check "data: valid JSON" jq -e 'type == "object"' "$T/data.json"
check "data: </script never inside the data block" sh -c "! grep -qi '</script' '$T/data.json'"
check "data: IRN/RUS among the pairs" jqtrue "$T/report.html" \
    '[.pairs[] | select(.a == "IRN" and .b == "RUS")] | length == 1'
check "data: IRN:RUS series and alignment" jqtrue "$T/report.html" \
    '(.series["IRN:RUS"] | length > 0) and (.align["IRN:RUS"].periods | length > 0)'
check "data: summary counts 5 documents" jqtrue "$T/report.html" '.summary.documents == 5'
check "data: the default minimum of events recorded" jqtrue "$T/report.html" '.query.min_events == 5'
"$E" report --db "$T/seeds.sqlite" --out "$T/report-min1.html" --pairs IRN:RUS --min-events 1 2>/dev/null
check "--min-events 1: recorded, and too_few follows it" jqtrue "$T/report-min1.html" \
    '.query.min_events == 1 and all(.align["IRN:RUS"].periods[]; .too_few == (.a_events < 1 or .b_events < 1))'
"$E" report --db "$T/seeds.sqlite" --out "$T/x.html" --min-events 0 2>/dev/null
check "--min-events 0: a usage error" [ $? -eq 2 ]
check "data: summary events = stored events" \
    [ "$(jq '.summary.events' "$T/data.json")" = "$(sqlite3 "$T/seeds.sqlite" 'SELECT count(*) FROM events')" ]
check "data: top dyads sorted by events" jqtrue "$T/report.html" \
    '[.top_dyads[].events] as $e | $e == ($e | sort | reverse) and ($e | length > 0)'
check "data: network has nodes and edges" jqtrue "$T/report.html" \
    '(.network.nodes | length > 1) and (.network.edges | length > 0)'
check "data: at least one event with its sentence" jqtrue "$T/report.html" \
    '[.events[] | select((.text | length) > 20)] | length > 0'
check "data: the Russian veto sentence" jqtrue "$T/report.html" \
    '[.events[] | select(.code == "129" and (.text | test("vetoing")))] | length > 0'
check "data: events carry CAMEO names" jqtrue "$T/report.html" \
    '[.events[] | select(.name == null)] | length == 0'
# spans are byte offsets into the sentence: the spanned bytes are the words
check "data: source spans cover the source words" sh -c "
    jq -r '.events[] | select(.source_span) | [.text, .source_text, .source_span[0], .source_span[1]] | @tsv' '$T/data.json' |
    while IFS='	' read -r text words s e; do
        got=\$(printf '%s' \"\$text\" | tail -c +\$((s + 1)) | head -c \$((e - s)))
        [ \"\$got\" = \"\$words\" ] || exit 1
    done"

# ---- escaping: a sentence that tries to close the script ----
mkdir -p "$T/inj"
printf 'Russia condemned Iran on Monday </script><script>alert(1)</script> <!-- x --> after the talks.\n' \
    > "$T/inj/a.txt"
"$E" code "$T/inj" --date 2016-12-23 --db "$T/inj.sqlite" -f none -q 2>/dev/null
"$E" report --db "$T/inj.sqlite" --out "$T/inj.html" 2>/dev/null
check "escaping: report written" [ -s "$T/inj.html" ]
check "escaping: no </script but the page's own closing tags" \
    [ "$(grep -oi "</script" "$T/inj.html" | wc -l)" -eq "$(grep -oi "</script" "$T/report.html" | wc -l)" ]
check "escaping: the sentence survives as data" jqtrue "$T/inj.html" \
    '[.events[] | select(.text | test("</script><script>alert"))] | length == 1'

# ---- options ----
check "--help exits 0" "$E" report --help
"$E" report --help > "$T/help.txt" 2>&1
for opt in --db --out --pairs --by --from --to --level --modes --top --events --dict --help; do
    check "--help documents $opt" grep -q -- "$opt" "$T/help.txt"
done
"$E" report --db "$T/seeds.sqlite" --out "$T/p.html" --pairs IRN:TUR,RUS:SYR --by year \
    --level country --top 3 --events 5 2>/dev/null
check "--pairs, --by, --top, --events" jqtrue "$T/p.html" \
    '(.pairs | map(.a + ":" + .b)) == ["IRN:TUR", "RUS:SYR"] and .query.by == "year" and
     (.top_dyads | length) <= 3 and (.events | length) <= 5 and
     ([.series["IRN:TUR"][].period | test("^[0-9]{4}-01-01$")] | all)'
"$E" report --db "$T/seeds.sqlite" --out "$T/f.html" --from 2016-12-01 --to 2016-12-31 2>/dev/null
check "--from/--to bound the events" jqtrue "$T/f.html" \
    '[.events[].date | select(. < "2016-12-01" or . > "2016-12-31")] | length == 0'
"$E" report --db "$T/seeds.sqlite" --out "$T/a.html" --level actor 2>/dev/null
check "--level actor keeps actor codes" jqtrue "$T/a.html" \
    '.query.level == "actor" and ([.network.nodes[].id | select(length > 3)] | length > 0)'
"$E" report --db "$T/seeds.sqlite" 2>/dev/null
check "no --out: usage error (2)" [ $? -eq 2 ]
"$E" report --out "$T/x.html" 2>/dev/null
check "no --db: usage error (2)" [ $? -eq 2 ]
"$E" report --db "$T/seeds.sqlite" --out "$T/x.html" --pairs IRNRUS 2>/dev/null
check "bad --pairs: usage error (2)" [ $? -eq 2 ]
"$E" report --db "$T/seeds.sqlite" --out "$T/dash.html" --pairs IRN-RUS 2>/dev/null
check "--pairs A-B: the pair charted, with its verdict" jqtrue "$T/dash.html" \
    '(.pairs == [{"a":"IRN","b":"RUS"}]) and (.align["IRN:RUS"].verdict.text | startswith("IRN"))'
rm -f "$T/dash.html"
"$E" report --db "$T/seeds.sqlite" --out "$T/x.html" --by fortnight 2>/dev/null
check "bad --by: usage error (2)" [ $? -eq 2 ]
"$E" report --db "$T/seeds.sqlite" --out "$T/x.html" --top many 2>/dev/null
check "bad --top: usage error (2)" [ $? -eq 2 ]
"$E" report --db "$T/nonexistent.sqlite" --out "$T/x.html" 2>/dev/null
check "missing store: exit 1" [ $? -eq 1 ]
check "missing store: no file written" [ ! -e "$T/x.html" ]
"$E" report --db "$T/seeds.sqlite" --out "$T/no/such/dir/x.html" 2>/dev/null
check "unwritable output: exit 1" [ $? -eq 1 ]
"$E" report --db "$T/seeds.sqlite" --out "$T/x.html" --dict "$T/inj" 2>/dev/null
check "assets missing: exit 1" [ $? -eq 1 ]
check "assets missing: no file written" [ ! -e "$T/x.html" ]
"$E" report --db "$T/seeds.sqlite" --out - 2>/dev/null | grep -q 'ENTENTE_DATA'
check "--out - writes to stdout" [ $? -eq 0 ]
# an empty store still gives a page
sqlite3 "$T/seeds.sqlite" .schema | sqlite3 "$T/empty.sqlite" 2>/dev/null
"$E" report --db "$T/empty.sqlite" --out "$T/empty.html" 2>/dev/null
check "empty store: report written" jqtrue "$T/empty.html" \
    '.summary.events == 0 and (.pairs | length) == 0 and (.events | length) == 0'

# ---- rendering in a browser, when there is one ----
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
    run_chromium() {
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
            --disable-background-networking --disable-component-update --no-first-run \
            --user-data-dir="$(mktemp -d -p "$T")" "$@" 2>/dev/null
    }
    run_chromium --virtual-time-budget=5000 --dump-dom "file://$(realpath "$T/report.html")" \
        > "$T/dom.html"
    check "browser: the event table has rows" grep -q '<td class="sentence"' "$T/dom.html"
    check "browser: actor words marked" grep -q '<mark class="source"' "$T/dom.html"
    check "browser: the pair selector lists IRN – RUS" grep -q '<option value="[0-9]*">IRN – RUS' "$T/dom.html"
    check "browser: the top dyads table has rows" grep -q '<td class="code">IRN</td>' "$T/dom.html"
    check "browser: no error shown" grep -q '<p id="status" class="muted"></p>' "$T/dom.html"
    run_chromium --virtual-time-budget=5000 --dump-dom "file://$(realpath "$T/inj.html")" \
        > "$T/injdom.html"
    check "browser: injected markup shown as text" grep -q '&lt;/script&gt;&lt;script&gt;alert' "$T/injdom.html"
    run_chromium --screenshot="$T/report.png" --window-size=1280,2000 \
        "file://$(realpath "$T/report.html")" >/dev/null
    check "browser: screenshot written" [ -s "$T/report.png" ]
    check "browser: screenshot is not trivial (> 50 kB)" [ "$(wc -c < "$T/report.png")" -gt 50000 ]
    [ -z "$REPORT_PNG" ] || cp "$T/report.png" "$REPORT_PNG"
else
    echo "skip: chromium not installed (8 browser checks)"
    skip=$((skip + 8))
fi

echo "report: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
