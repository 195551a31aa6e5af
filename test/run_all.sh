#!/bin/sh
# run_all.sh - the whole test suite: unit tests, the spec cases, the
# end-to-end and bad-input tests. Prints a total "N passed, N failed".
# Called by `make test` with BUILD (build folder) and SHARED set.
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
pass=0
fail=0
count() {
    # add up the "N passed, N failed" line of one test program's output
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
    p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    [ -n "$p" ] || { p=0; f=1; echo "  (no result line: counted as a failure)"; }
    pass=$((pass + p))
    fail=$((fail + f))
}
out=$(mktemp)
for t in "$BUILD"/test_*; do
    [ -x "$t" ] || continue
    echo "== $(basename "$t")"
    ENTENTE_DATA=data SHARED="$SHARED" "$t" > "$out" 2>&1
    rc=$?
    cat "$out"
    count "$out"
    [ $rc -eq 0 ] || [ "$f" != 0 ] || fail=$((fail + 1))
done
echo "== spec"
"$BUILD"/spec_runner data test/spec/*.txt > "$out" 2>&1
cat "$out"
count "$out"
echo "== include graph"
if sh tools/include_graph.sh -q > "$out" 2>&1; then echo "include_graph: 1 passed, 0 failed" >> "$out"
else echo "include_graph: 0 passed, 1 failed" >> "$out"; fi
cat "$out"
count "$out"
echo "== e2e"
BUILD="$BUILD" SHARED="$SHARED" sh test/e2e.sh > "$out" 2>&1
cat "$out"
count "$out"
for t in trust report serve browser petrarch_conformance accuracy_floors install python scale; do
    [ -f "test/${t}_test.sh" ] || [ -f "test/$t.sh" ] || continue
    script="test/${t}_test.sh"
    [ -f "$script" ] || script="test/$t.sh"
    echo "== $t"
    BUILD="$BUILD" SHARED="$SHARED" sh "$script" > "$out" 2>&1
    rc=$?
    cat "$out"
    count "$out"
    [ $rc -eq 0 ] || [ "$f" != 0 ] || fail=$((fail + 1))
done
rm -f "$out"
echo
echo "total: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
