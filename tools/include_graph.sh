#!/bin/sh
# tools/include_graph.sh - print the module include graph of src/ and
# include/, and fail (exit 1) when it has a cycle.
#
# A module is a source file's path without its extension: src/code/parse.c and
# src/code/parse.h are the module src/parse. Each `#include "x.h"` is an edge
# from the including file's module to the module of the header it names,
# looked up beside the including file, then in src/ and include/ (the
# compiler's -I order). System headers (<...>) are not modules. A module
# including its own header is no edge. A header with no .c of its own (a
# stage's private header such as src/syntax/synint.h, or src/base/hash.h) is no
# module: including it includes what it includes.
#
# The folders of src/ are the pipeline's stages, in this order from the
# bottom: base text syntax lexicon context code store cli. A file may
# include headers of its own stage and of stages below it, never above: an
# edge that points up is reported and fails like a cycle.
#
# usage: sh tools/include_graph.sh [-q]     (-q: print only cycles)
# Run by `make test` (test/run_all.sh); docs/internals/README.md explains
# the layering it guards.
set -eu
cd "$(dirname "$0")/.."
quiet=${1:-}
find src include -name '*.[ch]' | sort | while read -r f; do
    d=$(dirname "$f")
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
    while read -r h; do
        for c in "$d/$h" "src/$h" "include/$h"; do
            if [ -f "$c" ]; then
                printf '%s %s\n' "${f%.*}" "$(echo "${c%.*}" | sed 's|/\./|/|g')"
                break
            fi
        done
    done
done | awk -v quiet="$quiet" -v mods="$(find src include -name '*.c' | sed 's/\.c$//' | tr '\n' ' ')" '
    BEGIN { k = split(mods, ms, " "); for (i = 1; i <= k; i++) ismod[ms[i]] = 1
            k = split("base text syntax lexicon context code store cli", st, " ")
            for (i = 1; i <= k; i++) rank[st[i]] = i }
    { raw[NR, 1] = $1; raw[NR, 2] = $2; inc[$1] = inc[$1] " " $2 }
    # the modules a header-only file stands for, through what it includes
    function expand(h, depthx,    k, parts, i, r) {
        if (ismod[h] || depthx > 16) return " " h
        r = ""
        k = split(inc[h], parts, " ")
        for (i = 1; i <= k; i++) r = r expand(parts[i], depthx + 1)
        return r
    }
    function stage(m,    parts) {
        if (split(m, parts, "/") < 3 || parts[1] != "src") return -1
        return rank[parts[2]] ? rank[parts[2]] : -1
    }
    function edge(a, b) {
        if (a != b && !((a, b) in seen)) { seen[a, b] = 1; out[a] = out[a] " " b; nodes[a]; nodes[b] }
        if (stage(a) > 0 && stage(b) > stage(a) && !((a, b) in upseen)) {
            upseen[a, b] = 1
            print "include points up a stage: " a " -> " b
            nup++
        }
    }
    END {
        for (r = 1; (r, 1) in raw; r++) {
            if (!ismod[raw[r, 1]]) continue
            k = split(expand(raw[r, 2], 0), parts, " ")
            for (i = 1; i <= k; i++) edge(raw[r, 1], parts[i])
        }
        report()
    }
    function visit(n,    k, parts, i, m, cyc) {
        state[n] = 1; stack[++depth] = n
        k = split(out[n], parts, " ")
        for (i = 1; i <= k; i++) {
            m = parts[i]
            if (state[m] == 1) {
                for (j = depth; j >= 1 && stack[j] != m; j--) ;
                cyc = m
                for (j++; j <= depth; j++) cyc = cyc " -> " stack[j]
                print "include cycle: " cyc " -> " m
                ncycles++
            } else if (state[m] == 0) visit(m)
        }
        depth--; state[n] = 2
    }
    function report(    n) {
        if (quiet != "-q")
            for (n in nodes) if (out[n] != "") printf "%s:%s\n", n, out[n] | "sort"
        close("sort")
        for (n in nodes) state[n] = 0
        for (n in nodes) if (state[n] == 0) visit(n)
        if (ncycles || nup) {
            printf "include_graph: %d cycle(s), %d include(s) up a stage\n", ncycles, nup
            exit 1
        }
        print "include_graph: no cycle, every include points down the stages"
    }'
