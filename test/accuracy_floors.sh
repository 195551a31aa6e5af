#!/bin/sh
# accuracy_floors.sh - hold the figures of test/accuracy-floors.txt: runs
# `entente eval --json` once per set named there and checks each line's
# metric against its floor (>=) or ceiling (<=). A set whose gold file is
# missing (../shared not beside the repository) is skipped with a message.
# The petrarch line is held by test/petrarch_conformance.sh. Ends with a
# "N passed, N failed" line for test/run_all.sh.
#   sh test/accuracy_floors.sh --suggest   prints the floors file with each
#   floor raised to today's figure less 0.005 where that is higher (never
#   lowered): redirect it to a temporary file, read the diff, copy it over.
BUILD=${BUILD:-build}
. test/accuracy_sets.sh
FLOORS=${FLOORS:-test/accuracy-floors.txt}
E="$BUILD/entente"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
grep -v '^#' "$FLOORS" | while read -r set metric op value; do
    [ -n "$set" ] && [ "$set" != petrarch ] && echo "$set"
done | sort -u > "$T/sets"
while read -r set; do
    f=$(set_file "$set")
    if [ -z "$f" ]; then
        echo "accuracy floors: unknown set '$set' in $FLOORS"
    elif [ ! -f "$f" ]; then
        echo "accuracy floors: $set skipped: $f missing"
    else
        "$E" eval "$f" --json > "$T/$set.json" 2> "$T/$set.err" || cat "$T/$set.err"
    fi
done < "$T/sets"
if [ "$1" = --suggest ]; then
    while IFS= read -r line; do
        set -- $line
        if [ "$#" = 4 ] && [ "$3" = ">=" ] && [ -f "$T/$1.json" ] && [ "${line#\#}" = "$line" ]; then
            got=$(jq -r "$2 // empty" "$T/$1.json")
            new=$(echo "$got $4" | awk '$1 != "" { v = int(($1 - 0.005) * 1000 + 1e-9) / 1000;
                if (v > $2 + 0) printf "%.3f", v }')
            [ -n "$new" ] && line=$(echo "$line" | sed "s/$4\$/$new/")
        fi
        printf '%s\n' "$line"
    done < "$FLOORS"
    exit 0
fi
grep -v '^#' "$FLOORS" | {
    while read -r set metric op value; do
        [ -n "$set" ] && [ "$set" != petrarch ] || continue
        f=$(set_file "$set")
        if [ -n "$f" ] && [ ! -f "$f" ]; then
            continue
        fi
        got=$(jq -r "$metric // \"missing\"" "$T/$set.json" 2>/dev/null)
        [ -n "$got" ] || got=missing
        case "$op" in
        ">=") ok=$(echo "$got $value" | awk '$1 != "missing" && $1 + 0 >= $2 + 0 {print 1}') ;;
        "<=") ok=$(echo "$got $value" | awk '$1 != "missing" && $1 + 0 <= $2 + 0 {print 1}') ;;
        *) ok= ; got="bad operator '$op'" ;;
        esac
        if [ "$ok" = 1 ]; then
            echo "ok    $set $metric = $got ($op $value)"
            pass=$((pass + 1))
        else
            if [ "$op" = "<=" ]; then how="rose above its ceiling"; else how="fell below its floor"; fi
            echo "FAIL  $set $metric $how: $op $value wanted, now $got ($FLOORS)"
            fail=$((fail + 1))
        fi
    done
    echo "accuracy_floors: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
