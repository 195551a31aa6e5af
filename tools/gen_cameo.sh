#!/bin/sh
# gen_cameo.sh - make data/cameo.tsv, the CAMEO event-code table entente
# ships, from the facts in ../shared/tables/cameo_master_derived.tsv (GDELT
# and Phoenix code lists, Goldstein values, quad classes, CAMEO->PLOVER).
# Columns: code, name, root, quad (1-4: 01-05 verbal cooperation, 06-08
# material cooperation, 09-13 verbal conflict, 14-20 material conflict),
# goldstein (GDELT's value, Phoenix's where GDELT has none), plover (the
# PLOVER event type), plover_mode, plover_context (CAMEO2PLOVER's).
# Codes with no Goldstein value in either source are left out.
# Usage: tools/gen_cameo.sh ../shared/tables/cameo_master_derived.tsv > data/cameo.tsv
set -eu
src=${1:-../shared/tables/cameo_master_derived.tsv}
printf 'code\tname\troot\tquad\tgoldstein\tplover\tplover_mode\tplover_context\n'
awk -F'\t' 'NR > 1 {
    name = $4 != "" && $4 !~ /[^ -~]/ ? $4 : $5
    if (name == "") name = "(Phoenix extension of " $3 ")"
    # GDELT has mojibake in one label (044): the TABARI label is used there; keep ASCII
    gsub(/[^ -~]+/, " ", name); gsub(/  +/, " ", name)
    g = $6 != "" ? $6 : $7
    if (g == "") next
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $1, name, $3, $8, g, $10, $11, $12
}' "$src"
