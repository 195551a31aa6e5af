#!/usr/bin/env python3
"""unknown_names.py - the commonest capitalised names in news corpora that entente's
dictionaries do not resolve to an actor, with the words that introduce them.

usage: python3 tools/unknown_names.py [--entente build/entente] [--dict data]
           [--top N] [--min N] [--all-agnews] CORPUS.jsonl...

Resolution is entente's own: each corpus is run through `entente dict gaps` (the
coder's name matcher, which leaves out every name an actor, agent, demonym or
country entry covers, places in the gazetteer, sentence-initial words, headlines
and the names in data/gaps-ignore.txt). AG News items of a class other than
"World" (sports, business, science) are left out unless --all-agnews is given:
their names (teams, companies, products) are not actors of political events.

This tool then reads the corpora again (title and text, Python 3 stdlib only) and,
for every unresolved name, counts its occurrences and the documents holding it per
corpus and records the words just before it, so that a reviewer sees whether the
name follows a title ("Foreign Minister", "spokesman", "Ayatollah", "the ...
Front"). Output, one name a line, tab-separated, commonest first:

    count  docs  per-corpus counts  hint  name  contexts  example

`count` is the count `dict gaps` gives (sentence-initial uses left out); `docs` and
the per-corpus counts are this tool's own (every capitalised use). One-word names
found more often in lower case than capitalised are ordinary words and are left out.

`hint` is a guess to sort the review: `person?` after a title word, `org?` for a
name holding an organisation word, `acronym`, or `-`. The tool writes nothing else:
its output is a review list, and every entry is written by hand.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

TITLE_WORDS = set("""president minister ministers spokesman spokeswoman spokesperson ambassador
envoy commander general gen. gen lieutenant colonel col. brigadier admiral major
ayatollah hojatoleslam sheikh shaykh king prince princess emir sultan secretary
chief head leader chairman chairwoman speaker deputy vice premier chancellor mr mr.
mrs ms dr dr. senator governor mayor cleric imam judge prosecutor director
representative official coordinator advisor adviser counterpart foreign defence
defense interior prime mp lawmaker analyst sayyed sayyid seyed seyyed""".split())
ORG_WORDS = set("""party front army brigade brigades battalion movement ministry agency
organization organisation council committee commission news times post forces force
group union league association bank corps guard guards division authority tv radio
network press agency institute foundation coalition alliance federation company
office assembly parliament court""".split())

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.\-]*|[^\sA-Za-z0-9]")


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return s


def gaps(entente, dictdir, path):
    """Names `entente dict gaps` lists for one corpus file: {name: count}."""
    cmd = [entente, "dict", "gaps", path, "--top", "1000000"]
    if dictdir:
        cmd += ["--dict", dictdir]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if p.returncode > 1:
        sys.exit("unknown_names: %s failed: %s" % (" ".join(cmd), p.stderr.strip()[-300:]))
    out, inside = {}, False
    for line in p.stdout.splitlines():
        if line.startswith("Names no actor entry covers"):
            inside = True
            continue
        if inside and line.startswith("Verbs between"):
            break
        m = re.match(r"\s+(\d+)\s+(.+?)(?:\s{2,}e\.g\. .*)?$", line)
        if inside and m and not line.lstrip().startswith("("):
            out[m.group(2).strip()] = int(m.group(1))
    return out


def documents(path, all_agnews):
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if not all_agnews and "class" in d and d.get("class") != "World":
            continue
        yield d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--entente", default="build/entente")
    ap.add_argument("--dict", default="data")
    ap.add_argument("--top", type=int, default=1000)
    ap.add_argument("--min", type=int, default=3, help="least count to list (default 3)")
    ap.add_argument("--all-agnews", action="store_true")
    a = ap.parse_args()

    names = collections.Counter()
    labels = []
    tmpfiles = []
    for path in a.corpora:
        label = os.path.basename(path).split(".")[0]
        labels.append(label)
        src = path
        docs = list(documents(path, a.all_agnews))
        if any("class" in d for d in docs[:50]) and not a.all_agnews:
            f = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
            for d in docs:
                f.write(json.dumps(d) + "\n")
            f.close()
            src = f.name
            tmpfiles.append(src)
        for n, c in gaps(a.entente, a.dict, src).items():
            names[n] += c
    for t in tmpfiles:
        os.unlink(t)

    keys = {tuple(TOKEN.findall(n)): n for n in names if names[n] >= a.min}
    maxlen = max((len(k) for k in keys), default=1)
    count = collections.Counter()
    per = collections.defaultdict(collections.Counter)
    docs = collections.defaultdict(set)
    ctx = collections.defaultdict(collections.Counter)
    example = {}
    lower = collections.Counter()  # uncapitalised uses of one-word names
    single = {k[0] for k in keys if len(k) == 1}
    for path, label in zip(a.corpora, labels):
        for d in documents(path, a.all_agnews):
            text = norm((d.get("title") or "") + " \n " + (d.get("text") or ""))
            toks = TOKEN.findall(text)
            low = [t.lower() for t in toks]
            for i in range(len(toks)):
                if toks[i][:1].islower() and low[i] in single:
                    lower[low[i]] += 1
                if not toks[i][:1].isupper() and not toks[i][:1].isdigit():
                    continue
                if i and toks[i - 1][:1].isupper() and low[i - 1] not in TITLE_WORDS:
                    continue  # inside a longer capitalised span
                for n in range(min(maxlen, len(toks) - i), 0, -1):
                    k = tuple(low[i:i + n])
                    if k in keys and not (i + n < len(toks) and toks[i + n][:1].isupper()):
                        name = keys[k]
                        count[name] += 1
                        per[name][label] += 1
                        docs[name].add(d.get("id"))
                        before = [w for w in low[max(0, i - 3):i] if re.match(r"[a-z]", w)]
                        ctx[name][" ".join(before[-2:])] += 1
                        if name not in example:
                            example[name] = " ".join(toks[max(0, i - 8):i + n + 8])
                        break
    rows = []
    for name in keys.values():
        if " " not in name and lower[name] >= count[name]:
            continue  # an ordinary word capitalised at the start of a sentence
        c = names[name]
        context = ctx[name].most_common(3)
        titled = sum(v for k, v in ctx[name].items() if set(k.split()) & TITLE_WORDS)
        words = set(name.split())
        if titled * 4 >= max(count[name], 1) and titled:
            hint = "person?"
        elif words & ORG_WORDS:
            hint = "org?"
        elif name.upper() == name and len(name) <= 6:
            hint = "acronym"
        else:
            hint = "-"
        rows.append((c, len(docs[name]), name, hint,
                     ",".join("%s:%d" % (l, per[name][l]) for l in labels if per[name][l]),
                     "; ".join("%s(%d)" % (k or "^", v) for k, v in context),
                     example.get(name, "")[:160]))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    print("count\tdocs\tper-corpus\thint\tname\tcontexts\texample")
    for r in rows[:a.top]:
        print("%d\t%d\t%s\t%s\t%s\t%s\t%s" % (r[0], r[1], r[4], r[3], r[2], r[5], r[6]))


if __name__ == "__main__":
    main()
