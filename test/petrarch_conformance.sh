#!/bin/sh
# petrarch_conformance.sh - code the PETRARCH2 unit-test records
# (../shared/gold/petrarch2-unittest.jsonl) with the PETR.Validate
# dictionaries (and the <Config> settings of PETR.UnitTest.records.xml)
# and print the share of records coded exactly right.
# Uses $BUILD/petr_eval (built by `make test`). Ends with a
# "N passed, N failed" line for test/run_all.sh: it passes when at least
# PETR_MIN_EXACT records are exact (default: the "petrarch exact_records"
# floor of test/accuracy-floors.txt; measured 251 of 279).
#   sh test/petrarch_conformance.sh [-v|-vv]   (-v lists failures, -vv also
#                                               the skipped dictionary lines)
set -e
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
P=$SHARED/peers/petrarch2
floor=$(awk '$1 == "petrarch" && $2 == "exact_records" {print $4}' test/accuracy-floors.txt 2>/dev/null)
PETR_MIN_EXACT=${PETR_MIN_EXACT:-${floor:-251}}
[ -x "$BUILD/petr_eval" ] || { echo "petrarch_conformance: $BUILD/petr_eval missing (make test builds it)"; \
    echo "petrarch_conformance: 0 passed, 1 failed"; exit 1; }
out=$("$BUILD/petr_eval" "$@" -x "$P/PETR.UnitTest.records.xml" \
    data "$SHARED/gold/petrarch2-unittest.jsonl" \
    "$P/PETR.Validate.verbs.txt" "$P/PETR.Validate.actors.txt" \
    "$P/PETR.Validate.agents.txt" "$P/PETR.Validate.discards.txt")
echo "$out"
n=$(echo "$out" | sed -n 's/^petrarch conformance: \([0-9]*\) of.*/\1/p')
if [ -n "$n" ] && [ "$n" -ge "$PETR_MIN_EXACT" ]; then
    echo "petrarch_conformance: 1 passed, 0 failed"
else
    echo "petrarch_conformance: below the floor of $PETR_MIN_EXACT exact records"
    echo "petrarch_conformance: 0 passed, 1 failed"
    exit 1
fi
