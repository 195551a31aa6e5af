#!/bin/sh
# seeds_model.sh - the seed of fuzz_model: '\0' (seal) + the model trained on
# the tests' tiny treebank. Run from the top of the tree after `make`.
set -eu
mkdir -p fuzz/corpus/model
build/entente train-syntax -q --train test/syntax/tiny.conllu --dev test/syntax/tiny.conllu \
    -o /tmp/tiny.syntax.$$ --tag-epochs 3 --parse-epochs 3 --folds 1 >/dev/null
{ printf '\000'; cat /tmp/tiny.syntax.$$; } > fuzz/corpus/model/tiny.syntax
rm -f /tmp/tiny.syntax.$$
