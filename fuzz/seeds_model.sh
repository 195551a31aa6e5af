#!/bin/sh
# seeds_model.sh - the seeds of fuzz_model: '\0' (seal) + the models trained
# on the tests' tiny treebank, greedy (tiny.syntax) and with a beam of 4
# (tiny-beam.syntax: the beam section and the beam decoder). Run from the
# top of the tree after `make`.
set -eu
mkdir -p fuzz/corpus/model
for b in 1 4; do
    out=fuzz/corpus/model/tiny.syntax
    [ "$b" = 1 ] || out=fuzz/corpus/model/tiny-beam.syntax
    build/entente train-syntax -q --train test/syntax/tiny.conllu --dev test/syntax/tiny.conllu \
        -o /tmp/tiny.syntax.$$ --tag-epochs 3 --parse-epochs 3 --folds 1 --beam $b >/dev/null
    { printf '\000'; cat /tmp/tiny.syntax.$$; } > "$out"
    rm -f /tmp/tiny.syntax.$$
done
