#!/usr/bin/env python3
"""lexicon_expand.py -- propose WordNet synonyms and nominalisations for the
verb lemmas of data/verbs.txt, for a human to review (python3, stdlib only).

usage: python3 tools/lexicon_expand.py [--verbs data/verbs.txt]
           [--wordnet /usr/share/wordnet] [--senses 2] [--code PREFIX]
           [--all] [--tsv]

For each CAMEO code of verbs.txt, every one-word verb pattern `lemma+` of that
code is looked up in WordNet (Debian wordnet-base: index.verb, data.verb,
data.noun). Only the lemma's first N senses (default 2, in WordNet's order,
which is by tagged frequency) are read, since the later senses of a news verb
are seldom its political sense. For each such sense the tool lists
  syn   the other words of the synset, written as entente patterns
        (`bombard+`, `open_fire` -> `open+ fire`), and
  noun  the nouns WordNet links to that very word of the synset by a
        derivational pointer (`shell` -> `shelling`), with the nominal
        patterns a reviewer would write (`shelling of`, `shelling on`).
Each proposal carries a status: `new` (no pattern in verbs.txt uses the word),
`have CODE` (a one-word pattern for it exists in CODE), or `near CODE` (the
word starts or appears in a longer pattern of CODE). By default only `new`
and `near` proposals are printed; --all prints everything.

Nothing is written to verbs.txt: WordNet's synsets mix senses ("pound" is also
"to beat", "hail" is also "to rain ice") and its derivations include agent
nouns ("bomber") that are actors, not events, so every line is a question for
the reviewer, who adds a pattern only when, in news, it clearly means the code
(docs/dictionaries.md, "Expanding the verb dictionary").
"""
import argparse
import collections
import os
import re
import sys


def read_verbs(path):
    """code -> list of patterns; also word -> set of (code, kind)."""
    by_code = collections.OrderedDict()
    uses = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line or "|" not in line:
                continue
            head, pats = line.split("|", 1)
            code = head.split()[0]
            for p in pats.split(";"):
                p = p.strip()
                if not p:
                    continue
                by_code.setdefault(code, []).append(p)
                toks = p.split()
                words = [t.rstrip("+*").lower() for t in toks if t not in ("..", "$")]
                if len(toks) == 1:
                    uses[words[0]].add((code, "have"))
                for w in words:
                    uses[w].add((code, "near"))
                # a multiword pattern as a whole ("open+ fire" -> "open fire")
                uses[" ".join(words)].add((code, "have" if len(toks) > 1 else "have"))
    return by_code, uses


class WordNet:
    def __init__(self, root):
        self.root = root
        self.index = {}
        with open(os.path.join(root, "index.verb"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                lemma, _pos, synset_cnt, p_cnt = parts[0], parts[1], int(parts[2]), int(parts[3])
                offs = parts[4 + p_cnt + 2:]
                self.index[lemma] = offs[:synset_cnt]
        self.files = {p: open(os.path.join(root, "data." + n), "rb")
                      for p, n in (("v", "verb"), ("n", "noun"))}

    def synset(self, pos, off):
        f = self.files[pos]
        f.seek(int(off))
        line = f.readline().decode("latin-1")
        body, _, gloss = line.partition(" | ")
        parts = body.split()
        w_cnt = int(parts[3], 16)
        words = [parts[4 + 2 * i] for i in range(w_cnt)]
        k = 4 + 2 * w_cnt
        p_cnt = int(parts[k])
        ptrs = []
        for i in range(p_cnt):
            sym, toff, tpos, st = parts[k + 1 + 4 * i: k + 5 + 4 * i]
            ptrs.append((sym, toff, tpos, int(st[:2], 16), int(st[2:], 16)))
        return words, ptrs, gloss.strip()


AGENT_GLOSS = re.compile(r"(a |an )?(someone|somebody|person|one|people|a person|an individual)\b|(a |an )?\w+ who ", re.I)


def clean(word):
    w = re.sub(r"\(.*\)$", "", word).lower()   # adjective markers (a), (p)
    return w


def as_pattern(word):
    """WordNet lemma -> entente pattern: first word is the inflected verb."""
    toks = clean(word).split("_")
    return " ".join([toks[0] + "+"] + toks[1:])


def status(words, uses):
    key = " ".join(words)
    hits = uses.get(key, set())
    have = sorted(c for c, k in hits if k == "have")
    if have:
        return "have " + ",".join(have)
    near = sorted({c for w in words for c, k in uses.get(w, set()) if k == "near"}) \
        if len(words) == 1 else sorted({c for c, k in hits})
    if near:
        return "near " + ",".join(near[:6]) + ("..." if len(near) > 6 else "")
    return "new"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbs", default="data/verbs.txt")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--senses", type=int, default=2)
    ap.add_argument("--code", default="", help="only codes starting with this")
    ap.add_argument("--all", action="store_true", help="print known words too")
    ap.add_argument("--tsv", action="store_true", help="one proposal a line, tab-separated")
    a = ap.parse_args()

    by_code, uses = read_verbs(a.verbs)
    wn = WordNet(a.wordnet)
    seen_global = set()
    out = sys.stdout
    for code, pats in by_code.items():
        if not code.startswith(a.code):
            continue
        lemmas = []
        for p in pats:
            t = p.split()
            if len(t) == 1 and t[0].endswith("+") and t[0][:-1].lower() not in lemmas:
                lemmas.append(t[0][:-1].lower())
        rows = []
        for lemma in lemmas:
            for sense, off in enumerate(wn.index.get(lemma, [])[: a.senses], 1):
                words, ptrs, gloss = wn.synset("v", off)
                me = [i + 1 for i, w in enumerate(words) if clean(w) == lemma]
                for w in words:
                    if clean(w) == lemma:
                        continue
                    pat = as_pattern(w)
                    st = status(clean(w).split("_"), uses)
                    rows.append((lemma, sense, "syn", pat, st, gloss))
                for sym, toff, tpos, src, _tgt in ptrs:
                    if sym != "+" or tpos != "n" or (src and src not in me):
                        continue
                    nwords, _np, ngloss = wn.synset("n", toff)
                    noun = clean(nwords[_tgt - 1]) if _tgt else clean(nwords[0])
                    if "_" in noun or AGENT_GLOSS.match(ngloss):
                        continue    # agent nouns ("bomber") are actors, not events
                    st = status([noun], uses)
                    rows.append((lemma, sense, "noun", noun + " of|on|against|with", st, ngloss))
        rows = [r for r in rows if a.all or not r[4].startswith("have")]
        if not rows:
            continue
        if a.tsv:
            for r in rows:
                key = (code, r[2], r[3])
                if key in seen_global:
                    continue
                seen_global.add(key)
                out.write("\t".join([code, r[0], str(r[1]), r[2], r[3], r[4], r[5][:90]]) + "\n")
            continue
        out.write("## %s (%s)\n" % (code, ", ".join(l + "+" for l in lemmas)))
        done = set()
        for lemma, sense, kind, pat, st, gloss in rows:
            if (kind, pat) in done:
                continue
            done.add((kind, pat))
            out.write("  %-9s s%d %-4s %-44s [%s]  %s\n" % (lemma, sense, kind, pat, st, gloss[:70]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
