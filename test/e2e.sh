#!/bin/sh
# e2e.sh - end-to-end tests of the entente tool: the seed articles (events
# checked by reading them), the SQLite store, TSV, stdin, and every kind of
# bad input. Needs jq and sqlite3. Prints "N passed, N failed".
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
# count the events that satisfy a jq filter in a JSONL file
n() { jq -c "select($2)" "$1" | wc -l; }
atleast() { [ "$(n "$1" "$2")" -ge "$3" ]; }
none() { [ "$(n "$1" "$2")" -eq 0 ]; }

# ---- entente parse: the trained tagger and parser ----
printf 'Russian jets struck the town. Iran did not respond.\n' > "$T/p.txt"
"$E" parse "$T/p.txt" > "$T/p.conllu" 2> "$T/p.err"
check "parse: exit status 0 on text" [ $? -eq 0 ]
check "parse: two sentences, each one tree with one root" sh -c \
    "[ \$(grep -c '^# text = ' '$T/p.conllu') -eq 2 ] && [ \$(awk -F'\t' 'NF == 10 && \$7 == 0' '$T/p.conllu' | wc -l) -eq 2 ]"
check "parse: ten columns on every word row" sh -c \
    "awk -F'\t' '/^[0-9]/ && NF != 10 { bad = 1 } END { exit bad }' '$T/p.conllu'"
"$E" parse "$T/p.conllu" > "$T/p2.conllu" 2>/dev/null
check "parse: a CoNLL-U file is re-annotated, words kept" sh -c \
    "[ \$(grep -c '^[0-9]' '$T/p.conllu') -eq \$(grep -c '^[0-9]' '$T/p2.conllu') ]"
"$E" parse --eval test/syntax/tiny.conllu > "$T/pe.out" 2>&1
check "parse --eval: both rows and the speed" sh -c \
    "grep -q '^from gold words' '$T/pe.out' && grep -q '^from raw text' '$T/pe.out' && grep -q 'sentences/s' '$T/pe.out'"
printf 'not a model' > "$T/bad.syntax"
"$E" parse --model "$T/bad.syntax" "$T/p.txt" > /dev/null 2> "$T/bm.err"
check "parse: a bad model is refused in one line naming it, exit 2" sh -c \
    "[ \$? -eq 2 ] || true; grep -q 'bad.syntax' '$T/bm.err' && [ \$(wc -l < '$T/bm.err') -eq 1 ]"
"$E" parse --model "$T/bad.syntax" "$T/p.txt" > /dev/null 2>&1
check "parse: exit status 2 for a bad model" [ $? -eq 2 ]
printf '1\tA\n\n1\tB\tb\tX\tX\t_\t0\troot\t_\t_\n\n' > "$T/bad.conllu"
"$E" parse "$T/bad.conllu" > "$T/bc.out" 2> "$T/bc.err"
check "parse: a malformed CoNLL-U row is reported with its line, the rest parsed, exit 1" sh -c \
    "[ \$? -ge 0 ] && grep -q 'bad.conllu:1:' '$T/bc.err' && grep -q '^1	B' '$T/bc.out'"
"$E" parse "$T/bad.conllu" > /dev/null 2>&1
check "parse: exit status 1 when sentences were skipped" [ $? -eq 1 ]

# ---- the seeds ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 > "$T/seeds.jsonl" 2> "$T/seeds.err"
check "seeds: exit status 0" [ $? -eq 0 ]
check "seeds: summary on stderr" grep -q "5 documents coded, 0 skipped" "$T/seeds.err"
check "seeds: at least 20 events" atleast "$T/seeds.jsonl" 'true' 20
# the parser is the default and is in use (not silently missing)
check "seeds: coded from UD parses" sh -c \
    "grep -q 'parser ud: [1-9][0-9]* sentences coded from a parse' '$T/seeds.err' && ! grep -q 'no parser' '$T/seeds.err'"
check "seeds: some events carry a parse rule" atleast "$T/seeds.jsonl" '.evidence | test("rule parse: ")' 5
"$E" code "$SHARED/seeds/" --date 2016-12-23 --parser none > "$T/seeds-shallow.jsonl" 2> "$T/seeds-shallow.err"
check "seeds: --parser none codes with the shallow rules only" sh -c \
    "! grep -q 'rule parse: ' '$T/seeds-shallow.jsonl' && [ -s '$T/seeds-shallow.jsonl' ]"
# Russia's vetoes at the UN Security Council (002: "by vetoing any anti-Assad resolution")
check "seeds: Russia vetoes at the UNSC" atleast "$T/seeds.jsonl" \
    '.source.code=="RUS" and .target.code=="IGOUNO" and .code=="129" and .mode=="asserted"' 1
# the Russia-Iran-Turkey meeting in Moscow (004: "Tuesday's meeting of Russia, Iran, and Turkey")
for pair in 'RUS IRN' 'RUS TUR' 'IRN TUR'; do
    set -- $pair
    check "seeds: meeting $1-$2" atleast "$T/seeds.jsonl" \
        ".doc==\"004_d4dd438ffea06cdb.txt\" and .root==\"04\" and .source.code==\"$1\" and .target.code==\"$2\"" 1
done
# Russian air strikes on rebel/militant groups (001: "Russian aircraft began bombing militant groups")
check "seeds: Russian aircraft bomb militants" atleast "$T/seeds.jsonl" \
    '.source.code=="RUSMIL" and .code=="195" and (.target.code=="UAF" or .target.code=="REB" or .target.code=="SYRREB") and .mode=="asserted"' 1
# Iran-backed militias (Hezbollah) attack Wadi Barada (002)
check "seeds: attack on Wadi Barada" atleast "$T/seeds.jsonl" \
    '(.text|test("Wadi Barada")) and .root=="19" and (.source.code=="LBNUAF" or .source.code=="IRNUAF") and .mode=="asserted"' 1
# Russia allows Turkish jets to bomb Kurdish militia targets (001)
check "seeds: Russia allows Turkish jets" atleast "$T/seeds.jsonl" \
    '.source.code=="RUS" and .target.code=="TURMIL" and .root=="08"' 1
# the split fields follow the code, also after a place or the discourse gave
# a bare side its country ("Gunmen shelled villagers in Homs": SYRREB, SYR)
check "seeds: every side's country and agent are its code's split" none "$T/seeds.jsonl" \
    '[.source, .target][] | select(.code != null) | . as $s |
     ($s.country != null and ($s.code | startswith($s.country) | not)) or
     ($s.agent != null and ($s.code | contains($s.agent) | not))'
printf 'Gunmen shelled villagers in Homs.\nRussian jets bombed the town of Saraqeb in Idlib province.\n' > "$T/split.txt"
"$E" code -q "$T/split.txt" > "$T/split.jsonl" 2>/dev/null
check "split: a country from the place is in the split fields" atleast "$T/split.jsonl" \
    '.source.code == "SYRREB" and .source.country == "SYR" and .target.country == "SYR"' 1
check "split: a place as target carries its country" atleast "$T/split.jsonl" \
    '.target.code == "SYR" and .target.country == "SYR" and .target.agent == null' 1
# hedged sentences are never asserted
check "seeds: 'may come to blows' is hypothetical" atleast "$T/seeds.jsonl" \
    '(.text|test("may come to blows")) and .source.code=="IRN" and .target.code=="RUS" and .code=="190" and .mode=="hypothetical"' 1
check "seeds: nothing hedged is asserted" none "$T/seeds.jsonl" \
    '(.text|test("may come to blows|could push Iran|might choose|may well deploy")) and .mode=="asserted"'
# the event contract: every field present and typed
check "seeds: contract fields" none "$T/seeds.jsonl" \
    '(.doc|type)!="string" or (.sentence|type)!="number" or (.span|length)!=2 or (.text|type)!="string" or (.date|test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")|not) or (.source.code|type)!="string" or (.source.text|type)!="string" or (.target.code|type)!="string" or (.code|test("^[0-9]{2,4}$")|not) or (.root|test("^[0-9]{2}$")|not) or (.code|startswith(.root)|not) or (.quad|IN(1,2,3,4)|not) or (.goldstein|type)!="number" or (.plover|type)!="string" or (.mode|IN("asserted","negated","hypothetical","reported")|not) or (.evidence|test("verbs.txt:[0-9]+")|not)'
# when and where
check "seeds: Tuesday's meeting dated to the Tuesday before the document" atleast "$T/seeds.jsonl" \
    '.doc=="004_d4dd438ffea06cdb.txt" and .root=="04" and .date=="2016-12-20" and .date_rule=="weekday" and .date_text=="Tuesday"' 3
check "seeds: the attack on Wadi Barada placed in rural Damascus, Syria" atleast "$T/seeds.jsonl" \
    '(.text|test("Wadi Barada")) and .place.name=="Damascus" and .place.country=="SYR"' 1
check "seeds: place spans point at the place words" none "$T/seeds.jsonl" \
    '.place != null and ((.place.span|length) != 2 or .place.span[1] <= .place.span[0])'
check "seeds: an actor is not its own place" none "$T/seeds.jsonl" \
    '.place != null and (.place.text == .source.text or (.place.text == .target.text and (.target.code|length) > 3))'
printf 'Putin will visit Ankara next week.\n\nTurkish jets bombed PKK positions near Erbil two days ago.' | \
    "$E" code - --date 2017-03-15 > "$T/when.jsonl" 2>/dev/null
check "when: next week is scheduled" atleast "$T/when.jsonl" '.code=="042" and .scheduled==true and .date=="2017-03-22" and .mode=="hypothetical"' 1
check "when: two days ago" atleast "$T/when.jsonl" '.source.code=="TURMIL" and .date=="2017-03-13" and .date_rule=="ago" and .place.name=="Erbil" and .place.country=="IRQ"' 1
# the repeated pull quote of 002 is coded once
check "seeds: repeated paragraph counted" grep -q "(1 repeated" "$T/seeds.err"
# boilerplate is dropped
check "seeds: no event from 'Skip to main content'/newsletter" none "$T/seeds.jsonl" \
    '(.text|test("Skip to main content|newsletter|Subscribe"))'

# ---- SQLite ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 --db "$T/s.sqlite" -f none -q 2>/dev/null
"$E" code "$SHARED/seeds/" --date 2016-12-23 --db "$T/s.sqlite" -f none -q 2>/dev/null
check "db: five documents after coding twice" [ "$(sqlite3 "$T/s.sqlite" 'select count(*) from documents')" = 5 ]
check "db: events not duplicated" [ "$(sqlite3 "$T/s.sqlite" 'select count(*) from events')" = "$(wc -l < "$T/seeds.jsonl")" ]
check "db: sentence spans are byte offsets into the text" [ "$(sqlite3 "$T/s.sqlite" \
    'select count(*) from sentences s join documents d on d.id=s.doc_id where cast(substr(cast(d.text as blob), s.start+1, s.end-s.start) as text) <> s.text')" = 0 ]
check "db: actor spans too" [ "$(sqlite3 "$T/s.sqlite" \
    'select count(*) from actors a join documents d on d.id=a.doc_id where cast(substr(cast(d.text as blob), a.start+1, a.end-a.start) as text) <> a.text')" = 0 ]
check "db: tables of the documented schema" [ "$(sqlite3 "$T/s.sqlite" \
    "select group_concat(name) from (select name from sqlite_master where type='table' order by name)")" = "actors,agg_counts,agg_dyad_all,agg_dyad_day,agg_dyad_news,agg_place_day,doc_minhash,documents,events,meta,sentences" ]

sqlite3 "$T/doc.sqlite" < docs/schema.sql
sqlite3 "$T/doc.sqlite" .schema > "$T/doc.schema"
sqlite3 "$T/s.sqlite" .schema > "$T/s.schema"
check "db: docs/schema.sql is the schema entente creates" cmp -s "$T/doc.schema" "$T/s.schema"

# ---- analyses ----
"$E" align IRN RUS --db "$T/s.sqlite" --by all > "$T/align.txt"
check "align: a series for IRN and RUS" grep -q "^all " "$T/align.txt"
check "align: names where they diverge" grep -qE "^all .*\([+-][0-9.]+\)" "$T/align.txt"
"$E" align IRN RUS --db "$T/s.sqlite" --format json > "$T/align.json"
check "align: JSON" [ "$(jq -r '.a + .b' "$T/align.json")" = "IRNRUS" ]
"$E" dyads --db "$T/s.sqlite" --by all --format json > "$T/dyads.json"
check "dyads: Russia's veto counted as verbal conflict" [ "$(jq '[.[] | select(.source=="RUS" and .target=="IGO")] | length' "$T/dyads.json")" = 0 ]
"$E" dyads --db "$T/s.sqlite" --by all --level actor --format json > "$T/dyads-actor.json"
check "dyads: events add up to the store (actor level)" [ "$(jq '[.[].events] | add' "$T/dyads-actor.json")" = "$(sqlite3 "$T/s.sqlite" "select count(*) from events where mode in ('asserted','reported') and source <> target")" ]
check "dyads: at country level no agent alone is a country" [ "$(jq '[.[] | select([.source, .target] | any(test("^(GOV|MIL|REB|CVL|UAF|OPP|COP|BUS|MED)")))] | length' "$T/dyads.json")" = 0 ]
check "dyads: at country level, the agents were there to leave out" [ "$(sqlite3 "$T/s.sqlite" "select count(*) from events where substr(source,1,3) in ('GOV','MIL','REB','CVL','UAF') or substr(target,1,3) in ('GOV','MIL','REB','CVL','UAF')")" -gt 0 ]
"$E" align IRN RUS --db "$T/s.sqlite" > "$T/verdict.txt"
check "align: a verdict line first, with n" sh -c "head -1 '$T/verdict.txt' | grep -qE '^IRN.RUS: .*n = [0-9]+'"
check "align: the verdict has an interval or says too few" sh -c "head -1 '$T/verdict.txt' | grep -qE '90 % CI|too few events'"
check "align: JSON verdict" [ "$(jq -r '.verdict.text | startswith("IRN")' "$T/align.json")" = true ]
check "align --by all: the verdict says one period, no 'alls'" sh -c \
    "head -1 '$T/align.txt' | grep -q '^IRN.RUS: one period (--by all), no trend to judge' && ! grep -q alls '$T/align.txt'"
for by in day week month quarter year; do
    "$E" align IRN RUS --db "$T/s.sqlite" --by $by | head -1 > "$T/verdict-$by.txt"
    check "align --by $by: the verdict counts ${by}s, one $by in the singular" sh -c \
        "grep -Eq ' [0-9]+ ${by}s? ' '$T/verdict-$by.txt' && ! grep -Eq '[^0-9]1 ${by}s' '$T/verdict-$by.txt'"
done
check "align: no undated note when every event has a date" sh -c "! grep -q '^undated:' '$T/verdict.txt'"
"$E" code "$SHARED/seeds/" --db "$T/undated.sqlite" -f none -q 2>/dev/null
"$E" align IRN RUS --db "$T/undated.sqlite" > "$T/undated.txt"
check "align: undated seeds, a note says how many events and what to give" sh -c \
    "sed -n 2p '$T/undated.txt' | grep -Eq '^undated: ([0-9]+) of \\1 events between IRN and RUS .*give --date or --date-from-file'"
check "align: undated seeds, the verdict says there is no dated period (not '0 of 1 quarter')" \
    grep -q "^IRN.RUS: no dated events, so no trend to judge" "$T/undated.txt"
"$E" bloc IRN RUS SYRGOV LBNUAF --db "$T/s.sqlite" > "$T/bloc.txt"
check "bloc: a cohesion verdict" sh -c "head -1 '$T/bloc.txt' | grep -q '^IRN+RUS+SYRGOV+LBNUAF: '"
check "bloc: one line per member" [ "$(grep -cE '^(IRN|RUS|SYRGOV|LBNUAF) ' "$T/bloc.txt")" = 4 ]
"$E" bloc IRN --db "$T/s.sqlite" 2>/dev/null; check "bloc: needs two members" [ $? -eq 2 ]
"$E" network --db "$T/s.sqlite" --format graphml > "$T/net.graphml"
check "network: GraphML" grep -q "<edge source=\"RUS\" target=\"IGOUNO\"" "$T/net.graphml"
"$E" network --db "$T/s.sqlite" --format dot > "$T/net.dot"
check "network: DOT" grep -q '"RUS" -> "IGOUNO"' "$T/net.dot"
"$E" dyads --db "$T/s.sqlite" --from 2016-13-01 2>/dev/null; check "dyads: bad date exits 2" [ $? -eq 2 ]
"$E" align IRN --db "$T/s.sqlite" 2>/dev/null; check "align: needs two actors" [ $? -eq 2 ]
"$E" dyads --db "$T/missing.sqlite" 2>/dev/null; check "dyads: missing store exits 2" [ $? -eq 2 ]

# ---- TSV ----
"$E" code "$SHARED/seeds/" --date 2016-12-23 -f tsv -o "$T/s.tsv" 2>/dev/null
check "tsv: header" grep -q "^doc	sentence	start	end	date	source" "$T/s.tsv"
check "tsv: 38 columns on every row" [ "$(awk -F'\t' 'NF != 38' "$T/s.tsv" | wc -l)" = 0 ]
check "tsv: one row per event" [ "$(($(wc -l < "$T/s.tsv") - 1))" = "$(wc -l < "$T/seeds.jsonl")" ]

# ---- stdin and options ----
printf 'Russian warplanes bombed rebel positions near Aleppo.' | "$E" code - --date 2016-12-01 > "$T/stdin.jsonl" 2>/dev/null
check "stdin: coded" atleast "$T/stdin.jsonl" '.doc=="stdin" and .source.code=="RUSMIL" and .date=="2016-12-01"' 1
printf '{"id":"j1","date":"2016-12-05","text":"Iran condemned Israel."}\n' | "$E" code - --stdin-format jsonl > "$T/j.jsonl" 2>/dev/null
check "stdin jsonl: document date used" atleast "$T/j.jsonl" '.doc=="j1" and .date=="2016-12-05" and .source.code=="IRN" and .target.code=="ISR"' 1
"$E" code --help > "$T/help.txt"
for flag in --format --output --db --batch --date --dict --stdin-format --max-doc-bytes --mode --quiet --no-progress --help; do
    check "help documents $flag" grep -q -- "$flag" "$T/help.txt"
done
for c in code eval dict dyads align bloc network report serve; do
    "$E" $c --help > "$T/h.txt" 2>&1
    check "$c --help exits 0 and prints a usage" grep -q "usage: entente" "$T/h.txt"
done
"$E" code --bogus x 2>/dev/null; check "usage error exits 2" [ $? -eq 2 ]
"$E" code --date 2016-13-45 x 2>/dev/null; check "bad --date exits 2" [ $? -eq 2 ]
"$E" code 2>/dev/null; check "no input exits 2" [ $? -eq 2 ]
"$E" code --dict /nonexistent x 2>/dev/null; check "missing dictionaries exit 2" [ $? -eq 2 ]
# the parser's model: missing or corrupt is an error naming the file, not
# a quiet fallback to the shallow rules (--parser none asks for those)
mkdir -p "$T/nomodel"
for f in data/*; do
    [ "$(basename "$f")" = en.syntax ] || ln -s "$(pwd)/$f" "$T/nomodel/"
done
echo "Russia bombed Turkey." > "$T/one.txt"
"$E" code --dict "$T/nomodel" "$T/one.txt" > /dev/null 2> "$T/nomodel.err"
check "missing parser model exits 2" [ $? -eq 2 ]
check "missing parser model: the file is named" grep -q "nomodel/en.syntax" "$T/nomodel.err"
head -c 5000 data/en.syntax > "$T/nomodel/en.syntax"
"$E" code --dict "$T/nomodel" "$T/one.txt" > /dev/null 2> "$T/nomodel.err"
check "corrupt parser model exits 2" [ $? -eq 2 ]
check "corrupt parser model: the file is named" grep -q "nomodel/en.syntax" "$T/nomodel.err"
"$E" code --dict "$T/nomodel" --parser none "$T/one.txt" > "$T/nomodel.jsonl" 2>/dev/null
check "--parser none needs no model" [ -s "$T/nomodel.jsonl" ]
"$E" code "$SHARED/seeds/" --mode hypothetical --date 2016-12-23 2>/dev/null > "$T/hyp.jsonl"
check "--mode filters" none "$T/hyp.jsonl" '.mode!="hypothetical"'

# ---- near-duplicate documents: coded once, counted per article and source ----
W="$T/wire.jsonl"
{
printf '{"id":"w1","source":"AFP","date":"2016-12-20","text":"Russian warplanes bombed rebel positions near Aleppo on Monday, killing at least twelve fighters, a monitoring group said, as talks on a ceasefire stalled in Moscow."}\n'
printf '{"id":"w2","source":"Reuters","date":"2016-12-20","text":"Russian warplanes bombed rebel positions near Aleppo on Monday, killing at least twelve fighters, a monitoring group said, as talks on a ceasefire stalled in Moscow on Monday."}\n'
printf '{"id":"w3","source":"AFP","date":"2016-12-20","text":"Russian warplanes bombed rebel positions near Aleppo on Monday, killing at least twelve fighters, a monitoring group said, as talks on a ceasefire stalled in Moscow."}\n'
printf '{"id":"w4","source":"TASS","date":"2016-12-20","text":"Iran criticized Turkey over its military operation in northern Syria."}\n'
} > "$W"
"$E" code "$W" --db "$T/w.sqlite" > "$T/w.jsonl" 2> "$T/w.err"
check "dedup: duplicates not coded again" [ "$(jq -r .doc "$T/w.jsonl" | sort -u | tr '\n' ' ')" = "w1 w4 " ]
check "dedup: reported" grep -q "w2 is a near-duplicate of w1" "$T/w.err"
check "dedup: summary" grep -q "2 near-duplicate documents not coded again" "$T/w.err"
q() { sqlite3 "$T/w.sqlite" "$1"; }
check "dedup: articles and sources counted" [ "$(q "select num_articles || ' ' || num_sources from event_counts where doc_id='w1' limit 1")" = "3 2" ]
before=$(q "select count(*) || ' ' || sum(num_articles) || ' ' || sum(num_sources) from event_counts")
"$E" code "$W" --db "$T/w.sqlite" -f none -q 2>/dev/null
check "dedup: re-running is idempotent" [ "$(q "select count(*) || ' ' || sum(num_articles) || ' ' || sum(num_sources) from event_counts")" = "$before" ]
check "dedup: documents kept once" [ "$(q "select count(*) from documents")" = 4 ]
"$E" code "$W" --no-dedup -f none 2> "$T/w2.err" >/dev/null
check "--no-dedup codes every copy" grep -q "4 documents coded" "$T/w2.err"

# ---- a truncated input loses nothing already written ----
{ cat "$W"; printf '{"id":"cut","text":"Iran condemned Isr'; } > "$T/trunc.jsonl"
"$E" code "$T/trunc.jsonl" --db "$T/trunc.sqlite" --batch 1 -f none 2> "$T/trunc.err"
check "truncated JSONL: the cut line is reported" grep -q "trunc.jsonl:5: skipped: malformed" "$T/trunc.err"
check "truncated JSONL: earlier documents stored" [ "$(sqlite3 "$T/trunc.sqlite" 'select count(*) from documents')" = 4 ]

# ---- threads: the same bytes for -j1 and -jN ----
if [ -f "$SHARED/corpora/fakes-syria.jsonl" ]; then
    J="$SHARED/corpora/fakes-syria.jsonl"
else
    J="$SHARED/seeds/"
fi
"$E" code "$J" "$SHARED/seeds/" -j 1 --date 2016-12-23 > "$T/j1.jsonl" 2>/dev/null
"$E" code "$J" "$SHARED/seeds/" -j 3 --date 2016-12-23 > "$T/j3.jsonl" 2>/dev/null
check "-j3 writes the same bytes as -j1" cmp -s "$T/j1.jsonl" "$T/j3.jsonl"
check "-j output is not empty" [ -s "$T/j1.jsonl" ]
"$E" code "$SHARED/seeds/" -j 2 --date 2016-12-23 --db "$T/j.sqlite" -f none -q 2>/dev/null
check "-j2 with --db stores every event" [ "$(sqlite3 "$T/j.sqlite" 'select count(*) from events')" = "$(wc -l < "$T/seeds.jsonl")" ]
"$E" code -j 0 x 2>/dev/null; check "-j 0 is a usage error" [ $? -eq 2 ]

# ---- bad input: reported, counted, skipped; the rest is coded ----
B="$T/bad"
mkdir -p "$B/sub"
printf 'Iran criticized Russia.\n' > "$B/good.txt"
printf '\177ELF\0\0\0binary' > "$B/binary.txt"
: > "$B/empty.txt"
printf 'Russia \377\376 attacked rebels.\n' > "$B/invalid.txt"
printf '{"id":"ok1","text":"Turkey met Iran."}\n{broken json\n{"id":"ok2","text":"Syria condemned Israel."}\n' > "$B/mixed.jsonl"
printf '<html><head><title>x</title></head><body><nav>menu</nav></body></html>' > "$B/nobody.html"
printf 'some notes' > "$B/notes.docx"
printf 'Moscow hosted Ankara.\n' > "$B/sub/nested.txt"
head -c 200000000 /dev/zero | tr '\0' 'a' > "$B/huge.txt"   # a 200 MB single line
"$E" code "$B" "$T/missing.txt" --date 2016-12-20 > "$T/bad.jsonl" 2> "$T/bad.err"
rc=$?
rm -f "$B/huge.txt"
check "bad input: exit status 1" [ $rc -eq 1 ]
check "bad input: good documents still coded" atleast "$T/bad.jsonl" '.doc=="good.txt" or .doc=="ok1" or .doc=="ok2" or .doc=="sub/nested.txt"' 4
check "bad input: invalid UTF-8 replaced and coded" atleast "$T/bad.jsonl" '.doc=="invalid.txt" and .source.code=="RUS"' 1
check "bad input: binary named" grep -q "binary.txt: skipped: binary" "$T/bad.err"
check "bad input: empty named" grep -q "empty.txt: skipped: empty" "$T/bad.err"
check "bad input: malformed JSONL line named with its line" grep -q "mixed.jsonl:2: skipped: malformed" "$T/bad.err"
check "bad input: HTML without body named" grep -q "nobody.html: skipped: no article body" "$T/bad.err"
check "bad input: unknown extension named" grep -q "notes.docx: skipped: unknown file type" "$T/bad.err"
check "bad input: unreadable path named" grep -q "missing.txt: skipped: unreadable" "$T/bad.err"
check "bad input: 200 MB line skipped as too large" grep -q "huge.txt: skipped: too large" "$T/bad.err"
check "bad input: invalid bytes reported" grep -q "invalid.txt: 2 invalid UTF-8 bytes replaced" "$T/bad.err"
check "bad input: summary counts the skips" grep -q "7 skipped" "$T/bad.err"
check "bad input: summary gives reasons" grep -q "skipped: 1 unreadable, 1 empty, 1 binary, 1 too large, 1 malformed, 1 no article body, 1 unknown file type" "$T/bad.err"

# ---- dictionary tools ----
"$E" dict check > "$T/check.txt" 2>&1
check "dict check: shipped dictionaries have no errors" grep -q " 0 errors" "$T/check.txt"
D="$T/dict"
mkdir -p "$D"
cp data/cameo.tsv data/agents.txt data/demonyms.txt data/irregular.gen.txt data/countries.gen.txt "$D/"
ln -s "$(pwd)/data/en.syntax" "$D/"   # the parser's model lives in the data folder
printf 'Ruritania | RURGOV | nation\nFooland | FOO@2010-01-01..2012-01-01, FOOGOV@2011-01-01..2013-01-01 | country\nMoscow | RUSGOV | capital\n' > "$D/actors.txt"
printf '999 | zork+\n190 | attack+\n191 | attack+\n' > "$D/verbs.txt"
"$E" dict check "$D" > "$T/check2.txt" 2>&1
check "dict check: errors exit 1" [ $? -eq 1 ]
check "dict check: bad kind named with file:line" grep -q "actors.txt:1: unknown kind 'nation'" "$T/check2.txt"
check "dict check: overlapping dated codes" grep -q "actors.txt:2: error: date ranges of FOO and FOOGOV overlap" "$T/check2.txt"
check "dict check: unknown CAMEO code" grep -q "verbs.txt:1: '999' is not a CAMEO event code" "$T/check2.txt"
check "dict check: one pattern, two codes" grep -q "error: pattern 'attack+' is also at verbs.txt:2 with code 190" "$T/check2.txt"
"$E" dict lookup "President Vladimir Putin" --date 2016-11-23 > "$T/lk.txt"
check "dict lookup: dated role" grep -q "RUSGOV  \"President Vladimir Putin\"" "$T/lk.txt"
"$E" dict lookup "Rouhani" --date 2023-06-01 > "$T/lk2.txt"
check "dict lookup: former office holder" grep -q "IRNELI" "$T/lk2.txt"
check "dict lookup: names the entry's file:line" grep -q "actors.txt:[0-9]*: Hassan Rouhani" "$T/lk2.txt"
"$E" dict lookup --code IRNMIL > "$T/lk3.txt"
check "dict lookup --code" grep -q "Soleimani" "$T/lk3.txt"
"$E" dict gaps "$SHARED/seeds/" --top 100 > "$T/gaps.txt"
check "dict gaps: places left out of the names (gazetteer)" grep -q "left out as places:.* aleppo [0-9]" "$T/gaps.txt"
check "dict gaps: places left out of the names (cue)" grep -q "left out as places:.* wadi barada [0-9]" "$T/gaps.txt"
check "dict gaps: places not listed as names" sh -c "! grep -qE '^ +[0-9]+  (aleppo|idlib|wadi barada) ' '$T/gaps.txt'"
"$E" dict gaps --help > "$T/gapshelp.txt"
check "dict gaps --help" grep -q "gaps INPUT" "$T/gapshelp.txt"
check "dict gaps: covered actors not listed" sh -c "! grep -qE '^ +[0-9]+  (hezbollah|russia|tehran) ' '$T/gaps.txt'"

# ---- compiled dictionaries (make runs dict compile on data/) ----
C="$T/cdata"
mkdir -p "$C"
cp data/*.txt data/*.tsv "$C/"
ln -s "$(pwd)/data/en.syntax" "$C/"
"$E" code "$SHARED/seeds/" --date 2016-12-23 --dict "$C" > "$T/text.jsonl" 2> "$T/text.err"
"$E" dict compile "$C" > "$T/compile.txt" 2>&1
check "dict compile: exit 0" [ $? -eq 0 ]
check "dict compile: both files written" grep -q "dict.gen.bin (.* MB), places.gen.bin (.* MB)" "$T/compile.txt"
"$E" code "$SHARED/seeds/" --date 2016-12-23 --dict "$C" > "$T/comp.jsonl" 2> "$T/comp.err"
check "compiled: the same events, provenance and places as the text files" cmp "$T/text.jsonl" "$T/comp.jsonl"
check "compiled: nothing said" sh -c "! grep -q 'compiled' '$T/comp.err'"
check "compiled: the data/ build is in use and the same" cmp "$T/seeds.jsonl" "$T/comp.jsonl"
head -c 5000 "$C/dict.gen.bin" > "$T/cut.bin" && mv "$T/cut.bin" "$C/dict.gen.bin"
printf 'garbage' > "$C/places.gen.bin"
"$E" code "$SHARED/seeds/" --date 2016-12-23 --dict "$C" > "$T/bad.jsonl" 2> "$T/bad.err"
check "compiled, corrupt: exit 0" [ $? -eq 0 ]
check "compiled, corrupt: dictionaries named with the reason" grep -q "dict.gen.bin: compiled dictionaries not used (truncated" "$T/bad.err"
check "compiled, corrupt: gazetteer named with the reason" grep -q "places.gen.bin: compiled gazetteer not used (truncated" "$T/bad.err"
check "compiled, corrupt: the text files give the same events" cmp "$T/text.jsonl" "$T/bad.jsonl"
"$E" dict compile "$D" > "$T/compile2.txt" 2>&1
check "dict compile: bad lines named, no gazetteer is no error" grep -q "actors.txt:1: unknown kind 'nation'" "$T/compile2.txt"
echo "Moscow attacked Fooland." | "$E" code - --date 2011-06-01 --dict "$D" > /dev/null 2> "$T/c2.err"
check "compiled with bad lines: exit 1 as from text" [ $? -eq 1 ]
check "compiled with bad lines: the bad line named again" grep -q "actors.txt:1: unknown kind 'nation'" "$T/c2.err"

# ---- eval ----
cat > "$T/gold.jsonl" <<'GOLD'
{"id":"g1","date":"2016-12-20","text":"Russian aircraft bombed rebel positions.","expected":[{"source":"RUSMIL","target":"REB","code":"195"}]}
{"id":"g2","date":"2016-12-20","text":"Iran may attack Israel.","expected":[],"tags":["hedged"]}
{"id":"g3","date":"2016-12-20","text":"Turkey criticized Russia.","expected":[{"source":"TUR","target":"RUS","code":"112"}]}
{"id":"g4","active":false,"date":"2016-12-20","text":"x","expected":[]}
GOLD
"$E" eval "$T/gold.jsonl" --json > "$T/eval.json"
check "eval: records and inactive" [ "$(jq -c '[.records,.inactive,.exact]' "$T/eval.json")" = "[3,1,2]" ]
check "eval: triple scores" [ "$(jq -c '[.triple.tp,.triple.fp,.triple.fn]' "$T/eval.json")" = "[1,1,1]" ]
check "eval: root scores" [ "$(jq -c '[.root.tp,.root.fp,.root.fn]' "$T/eval.json")" = "[2,0,0]" ]
check "eval: confusion" [ "$(jq -r '.confusions[0].pair' "$T/eval.json")" = "112 -> 111" ]
check "eval: no hedged leak" [ "$(jq -r '.hedged_asserted' "$T/eval.json")" = 0 ]
# the real-news shape: optional and hedged gold neither right nor wrong
cat > "$T/rn.jsonl" <<'GOLD'
{"id":"r1","date":"2016-12-20","corpus":"a","text":"Turkey criticized Russia.","expected":[{"source":"TURGOV","target":"RUS","code":"111"}],"expected_hedged":[],"optional":[]}
{"id":"r2","date":"2016-12-20","corpus":"b","text":"Iran may attack Israel.","expected":[],"expected_hedged":[{"source":"IRN","target":"ISR","code":"190"}],"optional":[]}
{"id":"r3","date":"2016-12-20","corpus":"b","text":"Russian aircraft bombed rebel positions.","expected":[],"expected_hedged":[],"optional":[{"source":"RUSMIL","target":"REB","code":"195"}]}
{"id":"r4","date":"2016-12-20","corpus":"b","text":"Syria attacked Turkey.","expected":[{"source":"SYR","target":"TUR","code":"190"},{"source":"IRN","target":"IRQ","code":"040"}],"optional":[]}
GOLD
"$E" eval "$T/rn.jsonl" --json > "$T/rn.json"
check "eval realnews: country-root tp fp fn" [ "$(jq -c '.realnews.corpora.all.country_root|[.tp,.fp,.fn]' "$T/rn.json")" = "[2,0,1]" ]
check "eval realnews: actor-code level" [ "$(jq -c '.realnews.corpora.all.actor_code|[.tp,.fp,.fn]' "$T/rn.json")" = "[1,1,2]" ]
check "eval realnews: per corpus" [ "$(jq -c '.realnews.corpora.b.country_root|[.tp,.fp,.fn]' "$T/rn.json")" = "[1,0,1]" ]
check "eval realnews: no leak" [ "$(jq '.realnews.hedged_leaks' "$T/rn.json")" = 0 ]
check "eval realnews: the miss by cause" [ "$(jq '.realnews.causes[5].n' "$T/rn.json")" = 1 ]
printf '%s\n' '{"text":"Russian aircraft bombed rebel positions.","pentaclass":4}' \
    '{"text":"Turkey criticized Russia.","pentaclass":3}' '{"text":"The weather was fine.","pentaclass":1}' > "$T/pc.jsonl"
"$E" eval "$T/pc.jsonl" --json > "$T/pc.json"
check "eval pentaclass: accuracy and no-event" [ "$(jq -c '.pentaclass|[.records,.accuracy,.no_event]' "$T/pc.json")" = "[3,0.6667,1]" ]
printf '%s\n' '{"text":"Turkey criticized Russia.","events":[{"plover":"DISAPPROVE","mode":null}]}' \
    '{"text":"Russian aircraft bombed rebel positions.","events":[{"plover":"AID","mode":null}]}' > "$T/pv.jsonl"
"$E" eval "$T/pv.jsonl" --json > "$T/pv.json"
check "eval plover: 0.5 names read as 0.8" [ "$(jq -c '.plover|[.accuracy,.accuracy_names_as_written]' "$T/pv.json")" = "[0.5,0]" ]
"$E" eval "$T/gold.jsonl" --min-exact 0.9 > /dev/null 2>&1
check "eval: floor enforced" [ $? -eq 1 ]

# ---- PETRARCH2-format dictionaries from the command line ----
P="$SHARED/peers/petrarch2"
if [ -f "$P/PETR.Validate.verbs.txt" ]; then
    printf 'Arnor attacked Gondor.' | "$E" code - --date 1995-01-01 --dict-format petrarch \
        --verbs "$P/PETR.Validate.verbs.txt" --actors "$P/PETR.Validate.actors.txt" \
        --agents "$P/PETR.Validate.agents.txt" --discards "$P/PETR.Validate.discards.txt" > "$T/petr.jsonl" 2>/dev/null
    check "petrarch dictionaries code from the CLI" atleast "$T/petr.jsonl" '.source.code=="ARN" and .target.code=="GON"' 1
fi
"$E" code --verbs x y 2>/dev/null; check "--verbs without --dict-format is a usage error" [ $? -eq 2 ]
"$E" code --dict-format petrarch --verbs x y 2>/dev/null; check "petrarch needs --actors" [ $? -eq 2 ]

# the accuracy floors on the team's gold sets and on ../shared/gold are in
# test/accuracy-floors.txt (held by test/accuracy_floors.sh)

echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
