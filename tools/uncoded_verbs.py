#!/usr/bin/env python3
"""uncoded_verbs.py [--entente BIN] [--data DIR] [--top N] [--examples K] [--min-mentions M]
                    [--limit DOCS] CORPUS.jsonl...

A to-do list for data/verbs.txt: finds, in real news, the sentences where entente
sees two or more actor mentions (two different codes) and codes no event, and counts
the verbs and event nouns in them.

It runs `ENTENTE_TRACE_PARSE=1 BIN code -q --no-dedup` on each corpus (the coder
then prints, per parsed sentence, the parse `n/form/UPOS>head:rel ...`, a
`mentions:` line, a `matches:` line and `events: N` on standard error) and reads
only that trace. A sentence counts when it is parsed, has at least M mentions of at
least two distinct actor codes, two of them not media (news agencies and
state TV mostly only report), and `events: 0`. In each such sentence it counts:

  verb     the lemma of every VERB that stands between the first and the last
           actor mention (where a verb linking two actors stands);
  verb+p   that lemma with its particle (compound:prt) or with the preposition
           (case) of each of its obl dependents: "pit+ against", "back+ down";
  noun+p   a NOUN followed by a preposition, between the mentions:
           "talks between", "offensive against".

Verbs of saying and other reporting verbs (say, tell, add, announce...) are left
out: verbs.txt codes what they introduce, not them. Lemmas come from
data/irregular.gen.txt, WordNet's lemma lists when /usr/share/wordnet is
installed, and suffix rules (good enough for counting).
Output: three ranked tables, each row `count  item  [has-pattern]` and up to K
example sentences (with the mentions). `has-pattern` says whether verbs.txt has a
pattern whose first word is that lemma (`word+` or the literal word), so the rows
marked `-` are words the dictionary does not know at all.

Python 3 standard library only. Keep CPU modest: --limit takes the first DOCS
documents of each corpus.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

REPORTING = set("""say tell add announce state note stress report quote claim insist
explain reiterate write declare confirm believe think know see expect hope want
emphasize emphasise underline underscore point mention describe deny reveal
continue begin start become seem appear include make take give get go come have
be do use remain keep""".split())

TOK = re.compile(r"^(\d+)/(.*)/([A-Z]+)>(\d+):(\S+)$")


def load_irregular(data):
    irr = {}
    p = os.path.join(data, "irregular.gen.txt")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            f = line.split()
            if len(f) == 2:
                irr[f[0]] = f[1]
    return irr


WORDNET = "/usr/share/wordnet"


def load_wordnet():
    """WordNet's verb and noun lemmas and exception lists, if installed."""
    lem = {"VERB": set(), "NOUN": set()}
    exc = {"VERB": {}, "NOUN": {}}
    for upos, pos in (("VERB", "verb"), ("NOUN", "noun")):
        p = os.path.join(WORDNET, "index." + pos)
        if os.path.exists(p):
            for line in open(p, encoding="latin-1"):
                if not line.startswith(" "):
                    lem[upos].add(line.split(" ", 1)[0])
        p = os.path.join(WORDNET, pos + ".exc")
        if os.path.exists(p):
            for line in open(p, encoding="latin-1"):
                f = line.split()
                if len(f) >= 2:
                    exc[upos][f[0]] = f[1]
    return lem, exc


def lemma(word, upos, irr, wn=None):
    w = word.lower()
    if upos == "VERB" and w in irr:
        return irr[w]
    known, exc = wn if wn else ({"VERB": set(), "NOUN": set()}, {"VERB": {}, "NOUN": {}})
    kind = "NOUN" if upos == "NOUN" else "VERB"
    if w in exc[kind]:
        return exc[kind][w]
    if kind == "NOUN":
        rules = (("ies", "y"), ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"),
                 ("s", ""))
    else:
        rules = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"),
                 ("ed", ""), ("ing", "e"), ("ing", ""))
    if w in known[kind] and not (kind == "VERB" and w.endswith(("ed", "ing"))):
        return w
    cands = []
    for suf, rep in rules:
        if w.endswith(suf) and len(w) > len(suf) + 1:
            stem = w[:-len(suf)] + rep
            cands.append(stem)
            if not rep and len(stem) > 2 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])       # planned -> plan
    for c in cands:
        if c in known[kind]:
            return c
    if w in known[kind]:
        return w
    return cands[-1] if cands else w


def dictionary_heads(data):
    """First words of verbs.txt patterns: lemma (for word+) or literal word."""
    heads = set()
    for line in open(os.path.join(data, "verbs.txt"), encoding="utf-8"):
        line = line.split("#", 1)[0]
        if "|" not in line:
            continue
        for pat in line.split("|", 1)[1].split(";"):
            w = pat.split()
            if w:
                heads.add(w[0].rstrip("+*").lower())
    return heads


def run(binary, data, corpus, limit):
    src = corpus
    tmp = None
    if limit:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        with open(corpus, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                tmp.write(line)
        tmp.close()
        src = tmp.name
    env = dict(os.environ, ENTENTE_TRACE_PARSE="1")
    if data:
        env["ENTENTE_DATA"] = data
    p = subprocess.run(["nice", binary, "code", "-q", "--no-dedup", src], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if tmp:
        os.unlink(tmp.name)
    return p.stderr.splitlines()


def sentences(lines):
    """Yield (tokens, mentions, events) for each parsed sentence of the trace."""
    toks = None
    mentions = None
    for line in lines:
        if line.startswith("1/"):
            toks = []
            for t in line.split(" "):
                m = TOK.match(t)
                if m:
                    toks.append((int(m.group(1)), m.group(2), m.group(3), int(m.group(4)), m.group(5)))
            mentions = None
        elif line.startswith("mentions:"):
            mentions = re.findall(r"\[(.*?)\]=(\S+?)/(\S+)", line[9:])
        elif line.startswith("events:"):
            if toks is not None and mentions is not None:
                yield toks, mentions, int(line.split()[1])
            toks, mentions = None, None


def mention_positions(toks, mentions):
    """Token indexes (0-based) where each mention's text starts, found in order."""
    words = [t[1] for t in toks]
    pos, start = [], 0
    for text, _code, _kind in mentions:
        first = text.split()[0] if text.split() else text
        for i in range(start, len(words)):
            if words[i] == first or words[i].startswith(first) or first.startswith(words[i]):
                n = len(text.split())
                pos.append((i, i + n))
                start = i + 1
                break
    return pos


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--entente", default="build/entente")
    ap.add_argument("--data", default=None, help="dictionary folder (default: the binary's)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--min-mentions", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--new-only", action="store_true", help="only items verbs.txt lacks")
    a = ap.parse_args()
    data = a.data or "data"
    irr = load_irregular(data)
    wn = load_wordnet()
    heads = dictionary_heads(data)
    cnt = {k: collections.Counter() for k in ("verb", "verb+p", "noun+p")}
    ex = {k: collections.defaultdict(list) for k in cnt}
    nsent = nuncoded = 0
    for corpus in a.corpora:
        for toks, mentions, nev in sentences(run(a.entente, a.data, corpus, a.limit)):
            nsent += 1
            if nev or len(mentions) < a.min_mentions or len({m[1] for m in mentions}) < 2:
                continue
            if a.min_mentions > 1 and len([m for m in mentions
                                           if not (m[2] == "media" or m[1].endswith("MED"))]) < 2:
                continue
            pos = [p for p, m in zip(mention_positions(toks, mentions), mentions)
                   if not (m[2] == "media" or m[1].endswith("MED"))]
            if len(pos) < 2:
                continue
            nuncoded += 1
            lo, hi = pos[0][1], pos[-1][0]
            inside = set(range(lo, hi))
            for s0, s1 in pos:
                inside -= set(range(s0, s1))
            text = " ".join(t[1] for t in toks)
            shown = text + "   {" + ", ".join("%s=%s" % (m[0], m[1]) for m in mentions) + "}"
            found = set()
            for i, (n, form, upos, head, rel) in enumerate(toks):
                if i not in inside:
                    continue
                if upos == "VERB":
                    lem = lemma(form, upos, irr, wn)
                    if lem in REPORTING:
                        continue
                    found.add(("verb", lem))
                    for j, (n2, f2, u2, h2, r2) in enumerate(toks):
                        if h2 == n and r2 == "compound:prt":
                            found.add(("verb+p", lem + " " + f2.lower()))
                        if h2 == n and r2.startswith("obl"):
                            for (n3, f3, u3, h3, r3) in toks:
                                if h3 == n2 and r3 == "case" and u3 == "ADP":
                                    found.add(("verb+p", lem + " " + f3.lower()))
                elif upos == "NOUN" and i + 1 < len(toks) and toks[i + 1][2] == "ADP" and \
                        toks[i + 1][1].lower() not in ("of",):
                    found.add(("noun+p", lemma(form, upos, irr, wn) + " " + toks[i + 1][1].lower()))
            for kind, item in found:
                cnt[kind][item] += 1
                if len(ex[kind][item]) < a.examples:
                    ex[kind][item].append(shown)
    print("# %d parsed sentences, %d with %d+ actor mentions and no event" %
          (nsent, nuncoded, a.min_mentions))
    for kind in ("verb", "verb+p", "noun+p"):
        print("\n## %s" % kind)
        shown = 0
        for item, c in cnt[kind].most_common():
            has = item.split()[0] in heads
            if a.new_only and has:
                continue
            print("%5d  %-28s %s" % (c, item, "has" if has else "-"))
            for e in ex[kind][item]:
                print("         | " + e[:300])
            shown += 1
            if shown >= a.top:
                break


if __name__ == "__main__":
    main()
