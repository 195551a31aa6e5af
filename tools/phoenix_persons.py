#!/usr/bin/env python3
"""phoenix_persons.py PHOENIX_COUNTRIES_ACTORS ACTORS_TXT

Converts the office holders of the Phoenix/PETRARCH2 country actor dictionary
(Phoenix.Countries.actors.txt, MIT licence, Open Event Data Alliance; its
person entries come from CountryInfo.140130.txt, a 2014-01-30 snapshot) into
entente's actors.txt format, and rewrites the section of ACTORS_TXT between
the lines BEGIN_MARK and END_MARK (appended at the end if they are missing).
Run by hand when the conversion rules change; the output is committed data:

    python3 tools/phoenix_persons.py \\
        ../shared/peers/petrarch2/Phoenix.Countries.actors.txt data/actors.txt

Rules (facts only, converted; nothing is copied that entente does not use):
- persons only (entries marked "# CountryInfo.txt"), and only their terms as
  national government (CCCGOV) or military (CCCMIL) office holders, the codes
  Phoenix gives heads of state and government and foreign and defence
  ministers; sector ministers (CCCGOVxxx) and other roles are left out;
- only terms that reach 2000-01-01 or later; a person with terms in more than
  one country is left out;
- a term Phoenix leaves open (still in office at the snapshot) ends here on
  2014-01-30, the snapshot date: whether it went on is not known to this
  tool, so later mentions fall back to the default code (CCCELI, a former
  office holder); every such line carries the comment "open in Phoenix";
- two-digit years are 19YY above 30, else 20YY; overlapping terms are cut
  where the next begins; touching terms of one code are merged;
- names: the entry's name and its alternatives, underscores as spaces, in
  title case; only names of two or more words, with no title word
  (president, minister, ...), no country word and no digit: bare surnames
  and titled forms are left out, as in the rest of actors.txt;
- a name all of whose words are common English words (written in lower case in
  WordNet, Debian wordnet-base: "Said Musa", "Peter Kent", "Jean Ping") is left
  out: it would match ordinary text; so is a name whose first word often opens
  ordinary text (said, will, may, ...: FIRST_WORD_STOP);
- a person any of whose names actors.txt already lists outside this section
  is left out (the hand-written entry wins), and so is a name that two
  converted persons share.
"""
import re
import sys

BEGIN_MARK = "# --- BEGIN persons converted from Phoenix (tools/phoenix_persons.py; do not edit by hand)"
END_MARK = "# --- END persons converted from Phoenix"
SNAPSHOT = "2014-01-30"
START = "2000-01-01"
# Phoenix country codes that are not ISO 3166 alpha-3: East Timor (TMP, now TLS); any
# other non-ISO code (KNT, ...) fails `entente dict check` and is left out below
RECODE = {"TMP": "TLS"}

# words that open ordinary text more often than a name: a name beginning with one is
# left out ("said Musa Hilal" is not Said Musa)
FIRST_WORD_STOP = set("""
said says say told tells asked will may can could would should must shall and or but
as at by in on to of for with from is was are were be been has had have not no new
more most long young little grand great good saint san
""".split())

TITLE_WORDS = set("""
president presidents vice prime minister ministers premier chancellor secretary
general foreign defence defense affairs interior finance ambassador amb envoy
king queen prince princess emir sheikh sheik sultan crown leader chief head
deputy state gen lt col colonel admiral marshal field commander army military
minister's government mr mrs ms dr sir lord lady his her former acting
interim opposition party chairman chair speaker senator governor mayor the of
and dictator junta regime strongman spokesman official officials vp pm fm
""".split())


def date(s):
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        year = 1900 + yy if yy > 30 else 2000 + yy
        s = "%04d%s" % (year, s[2:])
    if len(s) != 8 or not s.isdigit():
        return None
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    if not (1900 <= y <= 2030 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    return "%04d-%02d-%02d" % (y, m, d)


def parse_code(text):
    """'[VENGOV 990202-020412]' -> ('VENGOV', start, end, open_end)."""
    m = re.match(r"\[\s*([A-Z]{3,12})\s*(.*?)\s*\]$", text.strip())
    if not m:
        return None
    code, rng = m.group(1), m.group(2).replace(" ", "")
    if not rng:
        return (code, None, None, False)
    if rng.startswith(">"):
        a = date(rng[1:])
        return (code, a, None, True) if a else None
    if rng.startswith("<"):
        b = date(rng[1:])
        return (code, None, b, False) if b else None
    if "-" in rng:
        a, b = rng.split("-", 1)
        a, b = date(a), date(b)
        return (code, a, b, False) if a and b and a <= b else None
    return None


def read_phoenix(path):
    persons, cur = [], None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        body = line.split("#", 1)[0]
        comment = line.split("#", 1)[1] if "#" in line else ""
        if not body.strip():
            continue
        if line[0] not in " \t+[":
            cur = None
            if "CountryInfo.txt" in comment:
                cur = {"names": [body.strip()], "codes": []}
                persons.append(cur)
            continue
        if cur is None:
            continue
        s = body.strip()
        if s.startswith("+"):
            cur["names"].append(s[1:].strip())
        elif s.startswith("["):
            for part in re.findall(r"\[[^\]]*\]", s):
                c = parse_code(part)
                if c:
                    cur["codes"].append(c)
    return persons


def words(name):
    return [w for w in re.split(r"[_\s]+", name.strip().strip("_")) if w]


def titled(ws):
    out = []
    for w in ws:
        parts = w.split("-")
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in parts))
    return " ".join(out)


def existing_names(actors_lines):
    names, inside = set(), False
    for line in actors_lines:
        if line.startswith(BEGIN_MARK):
            inside = True
            continue
        if line.startswith(END_MARK):
            inside = False
            continue
        if inside:
            continue
        body = line.split("#", 1)[0]
        if " | " not in body:
            continue
        for n in body.split(" | ", 1)[0].split(";"):
            n = n.strip().strip('"').lower()
            if n:
                names.add(n)
    return names


def country_words(actors_lines):
    """Words of country names and demonyms, which must not appear in a person's name."""
    ws = set()
    import os
    d = os.path.dirname(os.path.abspath(sys.argv[2]))
    for fn in ("countries.gen.txt", "demonyms.txt"):
        try:
            for line in open(os.path.join(d, fn), encoding="utf-8"):
                body = line.split("#", 1)[0]
                if " | " in body:
                    for n in body.split(" | ", 1)[0].split(";"):
                        for w in n.lower().split():
                            ws.add(w)
        except OSError:
            pass
    return ws


def known_countries(actors):
    """ISO alpha-3 codes of data/countries.gen.txt beside ACTORS_TXT."""
    import os
    codes = set()
    fn = os.path.join(os.path.dirname(os.path.abspath(actors)), "countries.gen.txt")
    for line in open(fn, encoding="utf-8"):
        body = line.split("#", 1)[0]
        if " | " in body:
            c = body.split(" | ")[1].strip()
            if re.fullmatch(r"[A-Z]{3}", c):
                codes.add(c)
    return codes


def wordnet_words():
    """Common English words: WordNet synset members written in lower case (proper
    names such as Chavez or Hugo are written capitalised there and are not kept)."""
    import os
    ws = set()
    for f in ("data.noun", "data.verb", "data.adj", "data.adv"):
        fn = os.path.join("/usr/share/wordnet", f)
        if not os.path.exists(fn):
            sys.exit("phoenix_persons: %s is missing (install wordnet-base)" % fn)
        for line in open(fn, encoding="utf-8", errors="replace"):
            if line.startswith(" "):
                continue
            f_ = line.split(" ")
            try:
                n = int(f_[3], 16)
            except (IndexError, ValueError):
                continue
            for k in range(n):
                w = f_[4 + 2 * k]
                w = re.sub(r"\(.*\)$", "", w)
                if w == w.lower():
                    ws.add(w)
    return ws


def convert(persons, taken, cwords, known):
    english = wordnet_words()
    out = []
    for p in persons:
        terms = []
        for code, a, b, open_end in p["codes"]:
            if not re.fullmatch(r"[A-Z]{3}(GOV|MIL)", code):
                continue
            if a is None:
                continue
            if b is None:
                b = SNAPSHOT
            if b < START or a > SNAPSHOT:
                continue
            terms.append([code, a, b, open_end])
        if not terms:
            continue
        countries = {t[0][:3] for t in terms}
        if len(countries) != 1:
            continue
        country = countries.pop()
        country = RECODE.get(country, country)
        terms = [[RECODE.get(t[0][:3], t[0][:3]) + t[0][3:]] + t[1:] for t in terms]
        if country not in known:
            continue
        terms.sort(key=lambda t: (t[1], t[2]))
        merged = []
        for t in terms:
            if merged and t[1] < merged[-1][2]:
                if t[0] == merged[-1][0]:
                    merged[-1][2] = max(merged[-1][2], t[2])
                    merged[-1][3] = merged[-1][3] or t[3]
                    continue
                merged[-1][2] = t[1]
            if merged and t[0] == merged[-1][0] and t[1] == merged[-1][2]:
                merged[-1][2] = t[2]
                merged[-1][3] = merged[-1][3] or t[3]
                continue
            merged.append(t)
        merged = [t for t in merged if t[1] < t[2]]
        if not merged:
            continue
        names, seen = [], set()
        for n in p["names"]:
            ws = words(n)
            lw = [w.lower() for w in ws]
            if len(ws) < 2 or any(ch.isdigit() for ch in n):
                continue
            if any(w.strip(".,'") in TITLE_WORDS or w in cwords for w in lw):
                continue
            if any(not re.fullmatch(r"[^\W\d_][\w.'\-]*", w) for w in ws):
                continue
            if all(w in english for w in lw) or lw[0] in FIRST_WORD_STOP:
                continue
            t = titled(ws)
            if t.lower() in seen:
                continue
            seen.add(t.lower())
            names.append(t)
        if not names or any(n.lower() in taken for n in names):
            continue
        out.append((country, names, merged))
    # a name two converted persons share names neither
    count = {}
    for _, names, _ in out:
        for n in names:
            count[n.lower()] = count.get(n.lower(), 0) + 1
    lines = []
    for country, names, merged in sorted(out, key=lambda x: (x[0], x[1][0])):
        names = [n for n in names if count[n.lower()] == 1]
        if not names:
            continue
        codes = ["%s@%s..%s" % (c, a, b) for c, a, b, _ in merged]
        codes.append(country + "ELI")
        opened = any(o for *_, o in merged)
        lines.append("%s | %s | person%s" % ("; ".join(names), ", ".join(codes),
                                             "  # open in Phoenix: in office on %s, later unknown" % SNAPSHOT if opened else ""))
    return lines


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    phoenix, actors = sys.argv[1], sys.argv[2]
    lines = open(actors, encoding="utf-8").read().split("\n")
    taken = existing_names(lines)
    new = convert(read_phoenix(phoenix), taken, country_words(lines), known_countries(actors))
    section = [BEGIN_MARK,
               "# Office holders (national government and military codes only) converted from the",
               "# MIT-licensed Phoenix country actor dictionary (Open Event Data Alliance, 2014;",
               "# Phoenix.Countries.actors.txt, from CountryInfo.140130.txt). Dates are Phoenix's;",
               "# terms marked \"open in Phoenix\" end here at its snapshot date, 2014-01-30: they may",
               "# have gone on, and mentions after that date get the default CCCELI code. The",
               "# hand-written entries above win: a person they list is not converted. %d persons." % len(new)]
    section += new + [END_MARK]
    if BEGIN_MARK in lines:
        i = lines.index(BEGIN_MARK)
        j = lines.index(END_MARK, i)
        lines[i:j + 1] = section
    else:
        while lines and lines[-1] == "":
            lines.pop()
        lines += [""] + section + [""]
    open(actors, "w", encoding="utf-8").write("\n".join(lines))
    print("%s: %d persons converted" % (actors, len(new)), file=sys.stderr)


if __name__ == "__main__":
    main()
