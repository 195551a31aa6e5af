#!/bin/sh
# accuracy.sh - `make accuracy`: every accuracy figure in one run, read from
# ../shared beside the repository (SHARED to change it). Each set whose
# files are missing is skipped with a message saying so.
#   1 realnews-dev (hand-coded real news: the figure that matters), scored by
#     entente eval and, for comparison, by ../shared/tools/realnews-score
#   1b realnews-dev coded with the PETRARCH/Phoenix dictionaries
#     (../shared/peers/petrarch2, --dict-format petrarch), for comparison
#   2 ConfliBERT pentaclass   3 PLOVER GSR   4 PETRARCH conformance
#   5 the team's own sets (spec cases written by the team: not accuracy
#     evidence)
#   then a summary of the figures held by test/accuracy-floors.txt.
# ACC_EXAMPLES=N lists N examples of each real-news error cause.
BUILD=${BUILD:-build}
. test/accuracy_sets.sh
E="$BUILD/entente"
N=${ACC_EXAMPLES:-0}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
have() {
    [ -f "$1" ] && return 0
    echo "SKIPPED: $1 missing"
    return 1
}
section() { printf '\n======== %s ========\n' "$1"; }

section "1. realnews-dev: 320 hand-coded real-news sentences (../shared/gold)"
f=$(set_file realnews-dev)
if have "$f"; then
    "$E" eval "$f" --failures "$N"
    "$E" eval "$f" --json > "$T/realnews-dev.json"
    echo "-- the same scored by ../shared/tools/realnews-score:"
    if ! command -v python3 > /dev/null; then
        echo "SKIPPED: python3 not installed"
    elif have "$SHARED/tools/realnews-score"; then
        python3 "$SHARED/tools/realnews-score" "$E" "$f"
    fi
fi

section "1b. realnews-dev with the Phoenix dictionaries (--dict-format petrarch), for comparison"
P="$SHARED/peers/petrarch2"
f=$(set_file realnews-dev)
if have "$f" && have "$P/CAMEO.2.0.txt"; then
    set -- --dict-format petrarch --verbs "$P/CAMEO.2.0.txt" \
        --actors "$P/Phoenix.Countries.actors.txt,$P/Phoenix.International.actors.txt,$P/Phoenix.MilNonState.actors.txt" \
        --agents "$P/Phoenix.agents.txt" --discards "$P/Phoenix.discards.txt"
    "$E" eval "$f" "$@" | sed -n '/^corpus/,/^hedged/p'
    "$E" eval "$f" "$@" --json > "$T/phoenix.json"
    [ -f "$T/realnews-dev.json" ] && jq -r --slurpfile p "$T/phoenix.json" \
        '"  country_root F1: entente dictionaries \(.realnews.corpora.all.country_root.f1), Phoenix \($p[0].realnews.corpora.all.country_root.f1)"' "$T/realnews-dev.json"
fi

section "2. ConfliBERT pentaclass (1,349 news sentences)"
f=$(set_file pentaclass)
have "$f" && "$E" eval "$f" && "$E" eval "$f" --json > "$T/pentaclass.json"

section "3. PLOVER GSR (322 sentences, category via CAMEO->PLOVER)"
f=$(set_file plover-gsr)
if have "$f"; then
    tab="$SHARED/tables/plover_CAMEO2PLOVER-2021.txt"
    [ -f "$tab" ] || { echo "SKIPPED PLOVER modes: $tab missing"; tab=; }
    "$E" eval "$f" ${tab:+--plover-table "$tab"}
    "$E" eval "$f" --json > "$T/plover-gsr.json"
fi

section "4. PETRARCH conformance (PETRARCH2 unit tests, its own dictionaries)"
if have "$SHARED/gold/petrarch2-unittest.jsonl" && have "$SHARED/peers/petrarch2/PETR.UnitTest.records.xml"; then
    BUILD="$BUILD" SHARED="$SHARED" sh test/petrarch_conformance.sh | grep -v '^  ' | tee "$T/petr.out"
fi

section "5. own sets: spec cases written by the team (not accuracy evidence)"
for s in dev heldout; do
    f=$(set_file $s)
    echo "-- $s ($f)"
    have "$f" && "$E" eval "$f" && "$E" eval "$f" --json > "$T/$s.json"
done

section "summary (floors: test/accuracy-floors.txt)"
grep -v '^#' test/accuracy-floors.txt | while read -r set metric op value; do
    [ -n "$set" ] || continue
    if [ "$set" = petrarch ]; then
        got=$(sed -n 's/^petrarch conformance: \([0-9]*\) of.*/\1/p' "$T/petr.out" 2>/dev/null)
    elif [ -f "$T/$set.json" ]; then
        got=$(jq -r "$metric // \"missing\"" "$T/$set.json")
    else
        got=
    fi
    printf '  %-13s %-46s %-8s (floor %s %s)\n' "$set" "$metric" "${got:-skipped}" "$op" "$value"
done
